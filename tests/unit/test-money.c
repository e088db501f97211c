/*
 * test-money: parsing typed dollar amounts into cents, formatting cents
 * and hours, and the amount for minutes at a rate (src/domain/money.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/money.h"

/* Parses s, expecting success; returns the cents. */
static int64_t
cents_of(const char *s)
{
	int64_t		 c = -1;
	enum money_err	 e = money_parse(s, &c);

	if (e != MONEY_OK)
		fail_msg("\"%s\" refused: %s", s, money_errors[e]);
	return c;
}

static void
expect_err(const char *s, enum money_err want)
{
	int64_t		 c = 4242;
	enum money_err	 e = money_parse(s, &c);

	if (e != want)
		fail_msg("\"%s\": error %d, want %d", s, e, want);
	assert_int_equal(c, 4242);	/* untouched on failure */
}

static void
test_parse_ok(void **state)
{
	(void)state;
	assert_int_equal(cents_of("12.50"), 1250);
	assert_int_equal(cents_of("12.5"), 1250);
	assert_int_equal(cents_of("12"), 1200);
	assert_int_equal(cents_of("0"), 0);
	assert_int_equal(cents_of("0.00"), 0);
	assert_int_equal(cents_of("0.01"), 1);
	assert_int_equal(cents_of("0.1"), 10);
	assert_int_equal(cents_of("45.00"), 4500);
	assert_int_equal(cents_of("1234.05"), 123405);
	assert_int_equal(cents_of("007"), 700);
	assert_int_equal(cents_of("99999999.99"), 9999999999LL);
	/* Exactly the most: $100,000,000.00. */
	assert_int_equal(cents_of("100000000"), MONEY_MAX);
	assert_int_equal(cents_of("100000000.00"), MONEY_MAX);
	/* Leading zeros do not make a long string too large. */
	assert_int_equal(cents_of("000000000000000000000000000012.50"), 1250);
}

static void
test_parse_refused(void **state)
{
	(void)state;
	expect_err("", MONEY_EMPTY);
	expect_err(NULL, MONEY_EMPTY);
	expect_err("-1", MONEY_SYNTAX);
	expect_err("1e3", MONEY_SYNTAX);
	expect_err("12,50", MONEY_SYNTAX);
	expect_err("1,000", MONEY_SYNTAX);
	expect_err(" 1", MONEY_SYNTAX);
	expect_err("1 ", MONEY_SYNTAX);
	expect_err("1.5 ", MONEY_SYNTAX);
	expect_err("$5", MONEY_SYNTAX);
	expect_err("5$", MONEY_SYNTAX);
	expect_err(".5", MONEY_SYNTAX);
	expect_err("5.", MONEY_SYNTAX);
	expect_err(".", MONEY_SYNTAX);
	expect_err("1.2.3", MONEY_SYNTAX);
	expect_err("+1", MONEY_SYNTAX);
	expect_err("0x10", MONEY_SYNTAX);
	expect_err("1\n", MONEY_SYNTAX);
	expect_err("1\t", MONEY_SYNTAX);
	expect_err("nan", MONEY_SYNTAX);
	expect_err("\xef\xbc\x91", MONEY_SYNTAX);	/* fullwidth 1 */
	expect_err("0.001", MONEY_PRECISION);
	expect_err("12.500", MONEY_PRECISION);
	expect_err("1.999", MONEY_PRECISION);
	expect_err("1.001x", MONEY_SYNTAX);
	expect_err("100000000.01", MONEY_RANGE);
	expect_err("100000001", MONEY_RANGE);
	expect_err("1000000000", MONEY_RANGE);
	expect_err("9223372036854775807", MONEY_RANGE);
	expect_err("9223372036854775808", MONEY_RANGE);
	expect_err("184467440737095516160.00", MONEY_RANGE);
}

static void
test_parse_very_long(void **state)
{
	char	 s[4096];

	(void)state;
	memset(s, '9', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	expect_err(s, MONEY_RANGE);
	/* A wrong shape is told first, even when also too large. */
	s[sizeof(s) - 2] = 'x';
	expect_err(s, MONEY_SYNTAX);
	s[sizeof(s) - 4] = '.';
	s[sizeof(s) - 2] = '9';
	expect_err(s, MONEY_RANGE);
}

static void
test_errors_say_what_to_fix(void **state)
{
	int	 i;

	(void)state;
	for (i = MONEY_OK + 1; i < MONEY_ERR__MAX; i++) {
		assert_non_null(money_errors[i]);
		assert_true(strlen(money_errors[i]) > 10);
	}
	assert_non_null(strstr(money_errors[MONEY_SYNTAX], "12.50"));
	assert_non_null(strstr(money_errors[MONEY_PRECISION], "two"));
	assert_non_null(strstr(money_errors[MONEY_RANGE], "100,000,000"));
}

static void
test_format(void **state)
{
	char	 s[MONEY_BUFSZ];

	(void)state;
	money_format(0, s);
	assert_string_equal(s, "$0.00");
	money_format(1, s);
	assert_string_equal(s, "$0.01");
	money_format(10, s);
	assert_string_equal(s, "$0.10");
	money_format(1250, s);
	assert_string_equal(s, "$12.50");
	money_format(99999, s);
	assert_string_equal(s, "$999.99");
	money_format(100000, s);
	assert_string_equal(s, "$1,000.00");
	money_format(123450, s);
	assert_string_equal(s, "$1,234.50");
	money_format(12345678, s);
	assert_string_equal(s, "$123,456.78");
	money_format(100000000, s);
	assert_string_equal(s, "$1,000,000.00");
	money_format(MONEY_MAX, s);
	assert_string_equal(s, "$100,000,000.00");
	money_format(-500, s);
	assert_string_equal(s, "-$5.00");
	money_format(-1, s);
	assert_string_equal(s, "-$0.01");
	money_format(-123450, s);
	assert_string_equal(s, "-$1,234.50");
	money_format(INT64_MAX, s);
	assert_string_equal(s, "$92,233,720,368,547,758.07");
	money_format(INT64_MIN, s);
	assert_string_equal(s, "-$92,233,720,368,547,758.08");
}

static void
test_format_plain(void **state)
{
	char	 s[MONEY_BUFSZ];

	(void)state;
	money_format_plain(0, s);
	assert_string_equal(s, "0.00");
	money_format_plain(123450, s);
	assert_string_equal(s, "1234.50");
	money_format_plain(MONEY_MAX, s);
	assert_string_equal(s, "100000000.00");
	money_format_plain(-500, s);
	assert_string_equal(s, "-5.00");
}

/* What money_format_plain() writes, money_parse() reads back. */
static void
test_plain_round_trip(void **state)
{
	static const int64_t v[] = {
		0, 1, 9, 10, 99, 100, 101, 1250, 123456, 9999999999LL,
		MONEY_MAX
	};
	char	 s[MONEY_BUFSZ];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		money_format_plain(v[i], s);
		assert_int_equal(cents_of(s), v[i]);
	}
}

static void
test_hours(void **state)
{
	char	 s[24];

	(void)state;
	minutes_format_hours(0, s);
	assert_string_equal(s, "0");
	minutes_format_hours(60, s);
	assert_string_equal(s, "1");
	minutes_format_hours(90, s);
	assert_string_equal(s, "1.5");
	minutes_format_hours(210, s);
	assert_string_equal(s, "3.5");
	minutes_format_hours(200, s);
	assert_string_equal(s, "3.33");
	minutes_format_hours(45, s);
	assert_string_equal(s, "0.75");
	minutes_format_hours(40, s);		/* 0.666.. */
	assert_string_equal(s, "0.67");
	minutes_format_hours(1, s);		/* 0.0166.. */
	assert_string_equal(s, "0.02");
	minutes_format_hours(6, s);
	assert_string_equal(s, "0.1");
	minutes_format_hours(3, s);
	assert_string_equal(s, "0.05");
	minutes_format_hours(2400, s);
	assert_string_equal(s, "40");
	minutes_format_hours(10080, s);
	assert_string_equal(s, "168");
	minutes_format_hours(-90, s);
	assert_string_equal(s, "-1.5");
	minutes_format_hours(INT64_MAX, s);
	assert_string_equal(s, "153722867280912930.12");
	minutes_format_hours(INT64_MIN, s);
	assert_string_equal(s, "-153722867280912930.13");
}

/* 59 minutes is 0.9833.., which rounds to 0.98; 119 is 1.9833... */
static void
test_hours_no_false_carry(void **state)
{
	char	 s[24];

	(void)state;
	minutes_format_hours(59, s);
	assert_string_equal(s, "0.98");
	minutes_format_hours(119, s);
	assert_string_equal(s, "1.98");
}

static void
test_for_minutes(void **state)
{
	(void)state;
	assert_int_equal(money_for_minutes(4500, 60), 4500);
	assert_int_equal(money_for_minutes(4500, 90), 6750);
	assert_int_equal(money_for_minutes(4500, 0), 0);
	assert_int_equal(money_for_minutes(0, 600), 0);
	assert_int_equal(money_for_minutes(4500, 1), 75);
	/* 1000 * 1 / 60 = 16.67 -> 17; 1000 * 2 / 60 = 33.33 -> 33. */
	assert_int_equal(money_for_minutes(1000, 1), 17);
	assert_int_equal(money_for_minutes(1000, 2), 33);
	/* Exactly half a cent rounds up: 30 * 1 / 60 = 0.5 -> 1. */
	assert_int_equal(money_for_minutes(30, 1), 1);
	assert_int_equal(money_for_minutes(90, 1), 2);	/* 1.5 -> 2 */
	/* Just under half rounds down: 29 / 60 = 0.483 -> 0. */
	assert_int_equal(money_for_minutes(29, 1), 0);
	assert_int_equal(money_for_minutes(1, 29), 0);
	assert_int_equal(money_for_minutes(1, 30), 1);
	assert_int_equal(money_for_minutes(12345, 200), 41150);
	assert_int_equal(money_for_minutes(-100, 60), 0);
	assert_int_equal(money_for_minutes(100, -60), 0);
}

static void
test_for_minutes_large(void **state)
{
	int64_t	 year = 10080LL * 52;

	(void)state;
	/* $100,000,000.00 an hour for a year of every minute. */
	assert_int_equal(money_for_minutes(MONEY_MAX, year),
	    MONEY_MAX * (year / 60));
	assert_int_equal(money_for_minutes(MONEY_MAX, year + 1),
	    MONEY_MAX * (year / 60) + 166666667);
	assert_int_equal(money_for_minutes(MONEY_MAX - 1, year - 1),
	    ((MONEY_MAX - 1) * (year - 1) + 30) / 60);
	/* Past int64_t it clamps instead of wrapping. */
	assert_int_equal(money_for_minutes(INT64_MAX, INT64_MAX), INT64_MAX);
	assert_int_equal(money_for_minutes(MONEY_MAX, INT64_MAX), INT64_MAX);
	assert_int_equal(money_for_minutes(INT64_MAX / 60, 60),
	    INT64_MAX / 60);
}

static void
test_hours_units(void **state)
{
	(void)state;
	assert_string_equal(hours_noun(60), "hour");
	assert_string_equal(hours_noun(61), "hours");
	assert_string_equal(hours_noun(30), "hours");
	assert_string_equal(hours_noun(120), "hours");
	assert_string_equal(hours_abbr(60), "hr");
	assert_string_equal(hours_abbr(90), "hrs");
	assert_string_equal(hours_abbr(0), "hrs");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_ok),
		cmocka_unit_test(test_parse_refused),
		cmocka_unit_test(test_parse_very_long),
		cmocka_unit_test(test_errors_say_what_to_fix),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_plain),
		cmocka_unit_test(test_plain_round_trip),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_hours_no_false_carry),
		cmocka_unit_test(test_for_minutes),
		cmocka_unit_test(test_for_minutes_large),
		cmocka_unit_test(test_hours_units),
	};

	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
