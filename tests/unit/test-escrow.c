/*
 * test-escrow: an escrow refund request's 7 days of silence
 * (src/domain/escrow.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/escrow.h"
#include "unit.h"

static void
test_escrow(void **state)
{
	int64_t	 req = T("2026-11-26T14:05:00Z");
	int64_t	 due = T("2026-12-03T14:05:00Z");

	(void)state;
	assert_int_equal(escrow_answer_due(req), due);
	assert_int_equal(escrow_state(req, 0, req), ESCROW_PENDING);
	assert_int_equal(escrow_state(req, 0, due - 1), ESCROW_PENDING);
	/* Silence for exactly 7 days counts as accepted. */
	assert_int_equal(escrow_state(req, 0, due), ESCROW_LAPSED);
	assert_int_equal(escrow_state(req, 0, due + 1), ESCROW_LAPSED);
	/* The bound the queries take says the same, a second either side. */
	assert_true(req > escrow_answerable_after(due - 1));
	assert_false(req > escrow_answerable_after(due));
	/* An answer stands, before or after the due time. */
	assert_int_equal(escrow_state(req, 1, due - 1), ESCROW_ACCEPTED);
	assert_int_equal(escrow_state(req, 1, due), ESCROW_ACCEPTED);
	assert_int_equal(escrow_state(req, -1, due - 1), ESCROW_DECLINED);
	assert_int_equal(escrow_state(req, -1, due + DAY_SECS),
	    ESCROW_DECLINED);
}

static void
test_escrow_words(void **state)
{
	(void)state;
	assert_string_equal(escrow_states[ESCROW_PENDING],
	    "waiting for the freelancer");
	assert_string_equal(escrow_states[ESCROW_ACCEPTED], "accepted");
	assert_string_equal(escrow_states[ESCROW_DECLINED], "declined");
	assert_string_equal(escrow_states[ESCROW_LAPSED],
	    "accepted (no answer in 7 days)");
}

static void
test_escrow_view(void **state)
{
	int64_t	 at = T("2026-11-25T10:00:00Z");

	(void)state;
	assert_int_equal(escrow_view(at, 0, 0, T("2026-12-02T09:59:59Z")),
	    ESCROW_PENDING);
	assert_int_equal(escrow_view(at, 0, 0, T("2026-12-02T10:00:00Z")),
	    ESCROW_LAPSED);
	/* Recorded by the app (no one decided): still reads as lapsed. */
	assert_int_equal(escrow_view(at, 1, 0, T("2026-12-02T10:00:00Z")),
	    ESCROW_LAPSED);
	/* The freelancer's own answers. */
	assert_int_equal(escrow_view(at, 1, 7, T("2026-11-26")), ESCROW_ACCEPTED);
	assert_int_equal(escrow_view(at, -1, 7, T("2026-12-30")), ESCROW_DECLINED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escrow),
		cmocka_unit_test(test_escrow_words),
		cmocka_unit_test(test_escrow_view),
	};

	return cmocka_run_group_tests_name("escrow", tests, NULL, NULL);
}
