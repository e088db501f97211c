/*
 * test-csv: RFC 4180 cells and rows (src/util/csv.c): plain cells as
 * they are, quoting for commas, quotes and line breaks, and the "'"
 * before every cell a spreadsheet would run as a formula, and only
 * those.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "util/csv.h"

/* One cell alone, as the export writes it. */
static const char *
cell(struct buf *b, const char *s)
{
	buf_reset(b);
	csv_cell(b, s, true);
	return b->p != NULL ? b->p : "";
}

static void
test_plain(void **state)
{
	struct buf	 b = { 0 };

	(void)state;
	assert_string_equal(cell(&b, "Mobile app API"), "Mobile app API");
	assert_string_equal(cell(&b, "12.50"), "12.50");
	assert_string_equal(cell(&b, "Café “quoted” ☕"), "Café “quoted” ☕");
	assert_string_equal(cell(&b, "a'b"), "a'b");
	buf_reset(&b);
	csv_cell(&b, NULL, true);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
test_quoted(void **state)
{
	struct buf	 b = { 0 };

	(void)state;
	assert_string_equal(cell(&b, "a,b"), "\"a,b\"");
	assert_string_equal(cell(&b, "say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(cell(&b, "two\nlines"), "\"two\nlines\"");
	assert_string_equal(cell(&b, "cr\rhere"), "\"cr\rhere\"");
	assert_string_equal(cell(&b, "\""), "\"\"\"\"");
	buf_free(&b);
}

/* DESIGN.md: a cell that begins with =, +, -, @, tab or CR is prefixed
 * with '; the same characters later in a cell are left alone. */
static void
test_formula(void **state)
{
	struct buf	 b = { 0 };

	(void)state;
	assert_string_equal(cell(&b, "=1+1"), "'=1+1");
	assert_string_equal(cell(&b, "+1"), "'+1");
	assert_string_equal(cell(&b, "-5"), "'-5");
	assert_string_equal(cell(&b, "@SUM(A1)"), "'@SUM(A1)");
	assert_string_equal(cell(&b, "\tx"), "'\tx");
	assert_string_equal(cell(&b, "\rx"), "\"'\rx\"");
	assert_string_equal(cell(&b, "=HYPERLINK(\"x\",\"y\")"),
	    "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
	assert_string_equal(cell(&b, "1=1"), "1=1");
	assert_string_equal(cell(&b, " =1"), " =1");
	assert_string_equal(cell(&b, "a-b@c+d"), "a-b@c+d");
	buf_free(&b);
}

static void
test_row(void **state)
{
	struct buf	 b = { 0 };

	(void)state;
	csv_int(&b, 42, true);
	csv_cell(&b, "x,y", false);
	csv_cell(&b, "", false);
	csv_int(&b, -7, false);
	csv_int(&b, INT64_MIN, false);
	csv_skip(&b, 2);
	csv_row_end(&b);
	assert_string_equal(b.p, "42,\"x,y\",,-7,-9223372036854775808,,\r\n");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_formula),
		cmocka_unit_test(test_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
