/*
 * test-dispute: disputes of an invoice's hours (src/domain/dispute.c):
 * the review period, the 3 days to answer, and how a disputed share is
 * priced (never a cent more than is left).
 *
 * The week under test is Monday 2026-11-23 .. Sunday 2026-11-29; it is
 * invoiced Monday 2026-11-30 12:00, reviewed through Friday 2026-12-04
 * 23:59:59 and paid out Wednesday 2026-12-09.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/dispute.h"
#include "unit.h"

static void
test_dispute_window(void **state)
{
	int64_t	 w = T("2026-11-23");

	(void)state;
	assert_false(dispute_open_allowed(w, T("2026-11-26")));
	assert_false(dispute_open_allowed(w, T("2026-11-30T11:59:59Z")));
	assert_true(dispute_open_allowed(w, T("2026-11-30T12:00:00Z")));
	assert_true(dispute_open_allowed(w, T("2026-12-02")));
	/* "review runs to Friday 23:59": 23:59:59 yes, Saturday no. */
	assert_true(dispute_open_allowed(w, T("2026-12-04T23:59:59Z")));
	assert_false(dispute_open_allowed(w, T("2026-12-05T00:00:00Z")));
	assert_false(dispute_open_allowed(w, T("2026-12-05T00:00:01Z")));
	assert_false(dispute_open_allowed(w, T("2026-12-09")));
}

static void
test_dispute_answer(void **state)
{
	int64_t	 opened = T("2026-12-01T10:00:00Z");
	int64_t	 due = T("2026-12-04T10:00:00Z");

	(void)state;
	assert_int_equal(dispute_answer_due(opened), due);
	assert_true(dispute_answer_allowed(opened, opened));
	assert_true(dispute_answer_allowed(opened, due - 1));
	assert_false(dispute_answer_allowed(opened, due));
	assert_false(dispute_answer_allowed(opened, due + 1));
	/* The bound the queries take says the same, a second either side. */
	assert_true(opened > dispute_answerable_after(due - 1));
	assert_false(opened > dispute_answerable_after(due));
}

static void
test_dispute_amount(void **state)
{
	(void)state;
	/* 90 of 600 minutes at $40/h: $60.00. */
	assert_int_equal(dispute_amount(4000, 90, 600, 40000), 6000);
	/* All that is left: exactly what is left. */
	assert_int_equal(dispute_amount(4000, 510, 510, 34000), 34000);
	/* Out of range: refused. */
	assert_int_equal(dispute_amount(4000, 0, 600, 40000), -1);
	assert_int_equal(dispute_amount(4000, 601, 600, 40000), -1);
	assert_int_equal(dispute_amount(4000, 1, 0, 0), -1);
}

static void
test_dispute_amount_rounding(void **state)
{
	int64_t	 left_m = 10, left_a, a, sum = 0;
	int	 i;

	(void)state;
	/* $0.01 an hour, 10 minutes billed: money_for_minutes(1, 10) is 0,
	 * but any rounding must never take more than is left. */
	assert_int_equal(dispute_amount(1, 10, 10, 0), 0);
	/* $33.33 an hour, 10 one-minute disputes of an invoice of 10
	 * minutes ($5.56): they add up to the invoice exactly. */
	left_a = 556;
	for (i = 0; i < 10; i++) {
		a = dispute_amount(3333, 1, left_m, left_a);
		assert_true(a >= 0 && a <= left_a);
		left_m -= 1;
		left_a -= a;
		sum += a;
	}
	assert_int_equal(sum, 556);
	assert_int_equal(left_a, 0);
	/* A share worth more than is left (after rounding) is capped. */
	assert_int_equal(dispute_amount(3333, 5, 6, 200), 200);
}

static void
test_dispute_view(void **state)
{
	int64_t	 opened = T("2026-11-30T12:00:00Z");

	(void)state;
	assert_int_equal(dispute_view("open", 0, opened, opened), DISPUTE_OPEN);
	assert_int_equal(dispute_view("open", 0, opened, T("2026-12-03T11:59:59Z")),
	    DISPUTE_OPEN);
	assert_int_equal(dispute_view("open", 0, opened, T("2026-12-03T12:00:00Z")),
	    DISPUTE_UNANSWERED);
	/* An answer given stands whenever it is read. */
	assert_int_equal(dispute_view("accepted", 7, opened, T("2027-01-01")),
	    DISPUTE_ACCEPTED);
	assert_int_equal(dispute_view("escalated", 7, opened, opened),
	    DISPUTE_ESCALATED);
	/* Escalated by the scheduled step: nobody declined it. */
	assert_int_equal(dispute_view("escalated", 0, opened, T("2026-12-03T12:00:00Z")),
	    DISPUTE_UNANSWERED);
	assert_non_null(dispute_views[DISPUTE_UNANSWERED]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dispute_window),
		cmocka_unit_test(test_dispute_answer),
		cmocka_unit_test(test_dispute_amount),
		cmocka_unit_test(test_dispute_amount_rounding),
		cmocka_unit_test(test_dispute_view),
	};

	return cmocka_run_group_tests_name("dispute", tests, NULL, NULL);
}
