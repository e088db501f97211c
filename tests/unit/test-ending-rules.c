/*
 * test-ending-rules: the pure rules of src/domain/ending.c at their
 * boundaries: what the confirmation page promises for this week's hours
 * (Monday 00:00 and Sunday 23:59:59, the weekly limit), how a disputed
 * share is priced (never a cent more than is left), a dispute's 3 days,
 * an escrow request's 7 days of silence, and a payment's last refund day
 * (day 180).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/ending.h"
#include "domain/rules.h"
#include "domain/week.h"
#include "unit.h"

/* ---- ending_preview ---- */

static void
test_preview_mid_week(void **state)
{
	struct end_preview	 p;

	(void)state;
	/* 3.5 hours at $40.00: $140.00, the running example of issue 3. */
	ending_preview(210, 10, 4000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.week, T("2026-11-23"));
	assert_int_equal(p.logged, 210);
	assert_int_equal(p.billable, 210);
	assert_int_equal(p.over, 0);
	assert_int_equal(p.amount, 14000);
	assert_int_equal(p.invoiced_at, T("2026-11-30T12:00:00Z"));
	assert_int_equal(p.dispute_until, T("2026-12-04T23:59:00Z"));
	assert_int_equal(p.available_at, T("2026-12-09"));
}

static void
test_preview_week_edges(void **state)
{
	struct end_preview	 p;

	(void)state;
	/* Sunday 23:59:59 is still the week of Monday the 23rd ... */
	ending_preview(60, 0, 4000, T("2026-11-29T23:59:59Z"), &p);
	assert_int_equal(p.week, T("2026-11-23"));
	assert_int_equal(p.invoiced_at, T("2026-11-30T12:00:00Z"));
	/* ... and Monday 00:00 starts the next: invoiced a week later. */
	ending_preview(60, 0, 4000, T("2026-11-30T00:00:00Z"), &p);
	assert_int_equal(p.week, T("2026-11-30"));
	assert_int_equal(p.invoiced_at, T("2026-12-07T12:00:00Z"));
	assert_int_equal(p.dispute_until, T("2026-12-11T23:59:00Z"));
}

static void
test_preview_limit(void **state)
{
	struct end_preview	 p;

	(void)state;
	/* 2-hour limit: 150 minutes logged, 120 billed, 30 over. */
	ending_preview(150, 2, 5000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.billable, 120);
	assert_int_equal(p.over, 30);
	assert_int_equal(p.amount, 10000);
	/* Exactly at the limit: nothing over. */
	ending_preview(120, 2, 5000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.over, 0);
	/* No hours: nothing billed; negative input is treated as none. */
	ending_preview(0, 2, 5000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.amount, 0);
	ending_preview(-5, 2, 5000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.logged, 0);
	assert_int_equal(p.over, 0);
}

/* ---- dispute_amount ---- */

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

/* ---- dispute_view: 3 days to answer ---- */

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

/* ---- escrow_view: 7 days of silence ---- */

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

/* ---- refund_last_day: day 180 ---- */

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

static void
test_hours_noun(void **state)
{
	(void)state;
	assert_string_equal(hours_noun(60), "hour");
	assert_string_equal(hours_noun(61), "hours");
	assert_string_equal(hours_noun(30), "hours");
	assert_string_equal(hours_noun(120), "hours");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_preview_mid_week),
		cmocka_unit_test(test_preview_week_edges),
		cmocka_unit_test(test_preview_limit),
		cmocka_unit_test(test_dispute_amount),
		cmocka_unit_test(test_dispute_amount_rounding),
		cmocka_unit_test(test_dispute_view),
		cmocka_unit_test(test_escrow_view),
		cmocka_unit_test(test_refund_last_day),
		cmocka_unit_test(test_hours_noun),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
