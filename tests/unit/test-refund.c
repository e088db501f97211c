/*
 * test-refund: refunds of a payment (src/domain/refund.c): day 180
 * yes, day 181 no, never more than what is left.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/refund.h"
#include "unit.h"

static void
test_refund_window(void **state)
{
	int64_t	 late = T("2026-01-01T23:59:59Z");
	int64_t	 early = T("2026-01-01T00:00:00Z");

	(void)state;
	/* 2026-06-30 is day 180 after 2026-01-01, whatever the hour. */
	assert_true(refund_window_open(late, T("2026-01-01T23:59:59Z")));
	assert_true(refund_window_open(early, T("2026-06-30T23:59:59Z")));
	assert_true(refund_window_open(late, T("2026-06-30T00:00:00Z")));
	assert_true(refund_window_open(late, T("2026-06-30T23:59:59Z")));
	assert_false(refund_window_open(late, T("2026-07-01T00:00:00Z")));
	assert_false(refund_window_open(early, T("2026-07-01T00:00:00Z")));
	assert_false(refund_window_open(early, T("2027-01-01")));
	/* A leap year: 2024-06-29 is day 180 after 2024-01-01. */
	assert_true(refund_window_open(T("2024-01-01T12:00:00Z"),
	    T("2024-06-29T23:59:59Z")));
	assert_false(refund_window_open(T("2024-01-01T12:00:00Z"),
	    T("2024-06-30T00:00:00Z")));
}

static void
test_refund_check(void **state)
{
	struct payment_state	 p;
	int64_t			 now = T("2026-03-01T12:00:00Z");

	(void)state;
	memset(&p, 0, sizeof(p));
	p.amount = 10000;
	p.refunded = 2500;
	p.paid_at = T("2026-02-15T09:30:00Z");

	assert_int_equal(refund_check(&p, 7500, now), REFUND_OK);
	assert_int_equal(refund_check(&p, 1, now), REFUND_OK);
	assert_int_equal(refund_check(&p, 7501, now), REFUND_OVER);
	assert_int_equal(refund_check(&p, 0, now), REFUND_ZERO);
	assert_int_equal(refund_check(&p, -1, now), REFUND_ZERO);

	/* Nothing left: even a cent is over. */
	p.refunded = 10000;
	assert_int_equal(refund_check(&p, 1, now), REFUND_OVER);
	p.refunded = 0;
	assert_int_equal(refund_check(&p, 10000, now), REFUND_OK);
	assert_int_equal(refund_check(&p, 10001, now), REFUND_OVER);
}

static void
test_refund_check_order(void **state)
{
	struct payment_state	 p;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.amount = 10000;
	p.refunded = 0;
	p.paid_at = T("2026-01-01T08:00:00Z");

	assert_int_equal(refund_check(&p, 10000, T("2026-06-30T23:59:59Z")),
	    REFUND_OK);
	assert_int_equal(refund_check(&p, 10000, T("2026-07-01T00:00:00Z")),
	    REFUND_TOO_OLD);
	/* ZERO before TOO_OLD before OVER. */
	assert_int_equal(refund_check(&p, 0, T("2026-07-01")), REFUND_ZERO);
	assert_int_equal(refund_check(&p, 10001, T("2026-07-01")),
	    REFUND_TOO_OLD);
	assert_int_equal(refund_check(&p, 10001, T("2026-06-30")),
	    REFUND_OVER);
}

static void
test_refund_last_day(void **state)
{
	int64_t	 paid = T("2026-05-29T23:59:59Z");

	(void)state;
	assert_int_equal(refund_last_day(paid), T("2026-11-25"));
	/* Agrees with refund_window_open: open through that day's end. */
	assert_true(refund_window_open(paid, T("2026-11-25T23:59:59Z")));
	assert_false(refund_window_open(paid, T("2026-11-26T00:00:00Z")));
	assert_int_equal(refund_last_day(T("2026-10-26")), T("2027-04-24"));
}

/* The help page's "payments since": the first day refund_window_open()
 * still takes, whatever the hour of now. */
static void
test_refund_first_day(void **state)
{
	int64_t	 now = T("2026-11-25T18:30:00Z");

	(void)state;
	assert_int_equal(refund_first_day(now), T("2026-05-29"));
	assert_int_equal(refund_first_day(T("2026-11-25")), T("2026-05-29"));
	assert_true(refund_window_open(refund_first_day(now), now));
	assert_false(refund_window_open(refund_first_day(now) - 1, now));
	assert_int_equal(refund_last_day(refund_first_day(now)), T("2026-11-25"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refund_window),
		cmocka_unit_test(test_refund_check),
		cmocka_unit_test(test_refund_check_order),
		cmocka_unit_test(test_refund_last_day),
		cmocka_unit_test(test_refund_first_day),
	};

	return cmocka_run_group_tests_name("refund", tests, NULL, NULL);
}
