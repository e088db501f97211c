/*
 * test-rules: every time and amount rule of DESIGN.md section 2 at its
 * boundaries, a second before, at, and after (src/domain/rules.c).
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

#include <string.h>

#include "domain/rules.h"
#include "domain/week.h"
#include "unit.h"

/* ---- Work Diary ---- */

static void
test_diary_mid_week(void **state)
{
	int64_t	 now = T("2026-11-26T14:05:00Z");	/* Thursday */

	(void)state;
	assert_int_equal(diary_check(T("2026-11-26"), 0, false, now), DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-23"), 0, false, now), DIARY_OK);
	/* Any time in the day: later today is still today. */
	assert_int_equal(diary_check(T("2026-11-26T23:59:59Z"), 0, false, now),
	    DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-27"), 0, false, now),
	    DIARY_FUTURE);
	assert_int_equal(diary_check(T("2026-11-29"), 0, false, now),
	    DIARY_FUTURE);
	/* Last week's Sunday: past Monday noon, closed. */
	assert_int_equal(diary_check(T("2026-11-22"), 0, false, now),
	    DIARY_CLOSED);
	assert_int_equal(diary_check(T("2026-11-16"), 0, false, now),
	    DIARY_CLOSED);
}

static void
test_diary_week_boundary(void **state)
{
	int64_t	 sun = T("2026-11-29T23:59:59Z"), mon = T("2026-11-30");

	(void)state;
	/* Sunday 23:59:59 is still the week; Monday is the future. */
	assert_int_equal(diary_check(T("2026-11-29"), 0, false, sun), DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-23"), 0, false, sun), DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-30"), 0, false, sun),
	    DIARY_FUTURE);
	/* Monday 00:00: a new week, and the old one still open. */
	assert_int_equal(diary_check(T("2026-11-30"), 0, false, mon), DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-29"), 0, false, mon), DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-23"), 0, false, mon), DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-22"), 0, false, mon),
	    DIARY_CLOSED);
}

static void
test_diary_monday_noon(void **state)
{
	int64_t	 before = T("2026-11-30T11:59:59Z");
	int64_t	 at = T("2026-11-30T12:00:00Z");

	(void)state;
	/* "until Monday 11:59 UTC": 11:59:59 open, 12:00:00 closed. */
	assert_int_equal(diary_check(T("2026-11-29"), 0, false, before),
	    DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-23"), 0, false, before),
	    DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-29"), 0, false, at),
	    DIARY_CLOSED);
	assert_int_equal(diary_check(T("2026-11-23"), 0, false, at),
	    DIARY_CLOSED);
	assert_int_equal(diary_check(T("2026-11-29"), 0, false, at + 1),
	    DIARY_CLOSED);
	/* The current week is unaffected. */
	assert_int_equal(diary_check(T("2026-11-30"), 0, false, at), DIARY_OK);
	assert_int_equal(diary_check(T("2026-12-01"), 0, false, at),
	    DIARY_FUTURE);
}

static void
test_diary_locked_first(void **state)
{
	int64_t	 now = T("2026-11-26T14:05:00Z");

	(void)state;
	/* Ended wins over every other verdict. */
	assert_int_equal(diary_check(T("2026-11-26"), 0, true, now),
	    DIARY_LOCKED);
	assert_int_equal(diary_check(T("2026-11-27"), 0, true, now),
	    DIARY_LOCKED);
	assert_int_equal(diary_check(T("2026-11-16"), 0, true, now),
	    DIARY_LOCKED);
	assert_int_equal(diary_check(T("2026-11-29"), 0, true,
	    T("2026-11-30T11:59:59Z")), DIARY_LOCKED);
}

/* "No entry may be dated before the contract started": the day it
 * started counts in full, whatever the hour; the day before does not,
 * even inside the open week. */
static void
test_diary_before_start(void **state)
{
	int64_t	 now = T("2026-11-26T14:05:00Z");	/* Thursday */
	int64_t	 started = T("2026-11-24T15:30:00Z");	/* Tuesday afternoon */

	(void)state;
	assert_int_equal(diary_check(T("2026-11-24"), started, false, now),
	    DIARY_OK);
	assert_int_equal(diary_check(T("2026-11-23T23:59:59Z"), started, false,
	    now), DIARY_EARLY);
	assert_int_equal(diary_check(T("2026-11-23"), started, false, now),
	    DIARY_EARLY);
	/* A contract whose start is still ahead takes no hours at all. */
	assert_int_equal(diary_check(T("2026-11-26"), T("2026-12-20"), false,
	    now), DIARY_EARLY);
	/* The end locks first; the future comes before the start. */
	assert_int_equal(diary_check(T("2026-11-23"), started, true, now),
	    DIARY_LOCKED);
	assert_int_equal(diary_check(T("2026-11-27"), T("2026-12-20"), false,
	    now), DIARY_FUTURE);
}

static void
test_diary_week_closes(void **state)
{
	int64_t	 want = T("2026-11-30T12:00:00Z");

	(void)state;
	assert_int_equal(diary_week_closes(T("2026-11-23")), want);
	assert_int_equal(diary_week_closes(T("2026-11-26T14:05:00Z")), want);
	assert_int_equal(diary_week_closes(T("2026-11-29T23:59:59Z")), want);
	assert_int_equal(week_day(want), 0);
}

static void
test_diary_billable(void **state)
{
	(void)state;
	/* 40 hours = 2400 minutes: over, at, under. */
	assert_int_equal(diary_billable(2401, 40), 2400);
	assert_int_equal(diary_billable(3000, 40), 2400);
	assert_int_equal(diary_billable(2400, 40), 2400);
	assert_int_equal(diary_billable(2399, 40), 2399);
	assert_int_equal(diary_billable(0, 40), 0);
	/* A limit of 0 is no limit. */
	assert_int_equal(diary_billable(10080, 0), 10080);
	assert_int_equal(diary_billable(1, 0), 1);
	assert_int_equal(diary_billable(61, 1), 60);
	assert_int_equal(diary_billable(-5, 40), 0);
	assert_int_equal(diary_billable(10080, INT64_MAX), 10080);
}

/* ---- Weekly billing and disputes ---- */

static void
test_billing_dates(void **state)
{
	int64_t	 w = T("2026-11-23");

	(void)state;
	assert_int_equal(billing_invoiced_at(w), T("2026-11-30T12:00:00Z"));
	assert_int_equal(billing_review_closes(w), T("2026-12-05"));
	assert_int_equal(week_day(billing_review_closes(w)), 5); /* Sat */
	assert_int_equal(billing_available_at(w), T("2026-12-09"));
	assert_int_equal(week_day(billing_available_at(w)), 2);	 /* Wed */
	assert_int_equal(billing_available_at(w) - w, 16 * DAY_SECS);
	/* Any moment of the week names the week. */
	assert_int_equal(billing_invoiced_at(T("2026-11-29T23:59:59Z")),
	    T("2026-11-30T12:00:00Z"));
	assert_int_equal(billing_review_closes(T("2026-11-25T08:00:00Z")),
	    T("2026-12-05"));
	assert_int_equal(billing_available_at(T("2026-11-27")),
	    T("2026-12-09"));
	/* Across a year's end. */
	assert_int_equal(billing_invoiced_at(T("2025-12-29")),
	    T("2026-01-05T12:00:00Z"));
	assert_int_equal(billing_available_at(T("2025-12-29")),
	    T("2026-01-14"));
}

static void
test_billing_state(void **state)
{
	int64_t	 w = T("2026-11-23");

	(void)state;
	assert_int_equal(billing_state(w, false, T("2026-11-23")),
	    INVOICE_IN_PROGRESS);
	assert_int_equal(billing_state(w, false, T("2026-11-29T23:59:59Z")),
	    INVOICE_IN_PROGRESS);
	assert_int_equal(billing_state(w, false, T("2026-11-30")),
	    INVOICE_PENDING);
	assert_int_equal(billing_state(w, false, T("2026-11-30T11:59:59Z")),
	    INVOICE_PENDING);
	assert_int_equal(billing_state(w, false, T("2026-11-30T12:00:00Z")),
	    INVOICE_IN_REVIEW);
	assert_int_equal(billing_state(w, false, T("2026-12-04T23:59:59Z")),
	    INVOICE_IN_REVIEW);
	assert_int_equal(billing_state(w, false, T("2026-12-05")),
	    INVOICE_CLEARED);
	assert_int_equal(billing_state(w, false, T("2026-12-08T23:59:59Z")),
	    INVOICE_CLEARED);
	assert_int_equal(billing_state(w, false, T("2026-12-09")),
	    INVOICE_PAID);
	assert_int_equal(billing_state(w, false, T("2027-06-01")),
	    INVOICE_PAID);
}

static void
test_billing_state_disputed(void **state)
{
	int64_t	 w = T("2026-11-23");

	(void)state;
	/* Not before the invoice exists. */
	assert_int_equal(billing_state(w, true, T("2026-11-26")),
	    INVOICE_IN_PROGRESS);
	assert_int_equal(billing_state(w, true, T("2026-11-30T11:59:59Z")),
	    INVOICE_PENDING);
	/* Once invoiced, a dispute shows through every later state. */
	assert_int_equal(billing_state(w, true, T("2026-11-30T12:00:00Z")),
	    INVOICE_DISPUTED);
	assert_int_equal(billing_state(w, true, T("2026-12-05")),
	    INVOICE_DISPUTED);
	assert_int_equal(billing_state(w, true, T("2026-12-09")),
	    INVOICE_DISPUTED);
}

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
}

static void
test_invoice_state_words(void **state)
{
	int	 i;

	(void)state;
	assert_string_equal(invoice_states[INVOICE_IN_PROGRESS],
	    "in progress");
	assert_string_equal(invoice_states[INVOICE_PENDING], "pending");
	assert_string_equal(invoice_states[INVOICE_IN_REVIEW], "in review");
	assert_string_equal(invoice_states[INVOICE_DISPUTED], "disputed");
	assert_string_equal(invoice_states[INVOICE_CLEARED], "cleared");
	assert_string_equal(invoice_states[INVOICE_PAID], "paid");
	for (i = 0; i < INVOICE_STATE__MAX; i++)
		assert_non_null(invoice_states[i]);
}

/* ---- Refunds ---- */

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

/* ---- Fixed-price escrow ---- */

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

/* ---- Feedback ---- */

static void
test_feedback_window(void **state)
{
	int64_t	 ended = T("2026-11-26T14:05:00Z");
	int64_t	 closes = T("2026-12-11T00:00:00Z");

	(void)state;
	assert_int_equal(feedback_closes(ended), closes);
	/* Any moment of the ending day gives the same midnight. */
	assert_int_equal(feedback_closes(T("2026-11-26T00:00:00Z")), closes);
	assert_int_equal(feedback_closes(T("2026-11-26T23:59:59Z")), closes);
	assert_int_equal(feedback_closes(T("2026-11-27T00:00:00Z")),
	    closes + DAY_SECS);

	assert_true(feedback_open(ended, ended));
	assert_true(feedback_open(ended, T("2026-12-10T23:59:59Z")));
	assert_false(feedback_open(ended, T("2026-12-11T00:00:00Z")));
	assert_false(feedback_open(ended, T("2026-12-11T00:00:01Z")));
}

static void
test_feedback_visible(void **state)
{
	int64_t	 ended = T("2026-11-26T14:05:00Z");
	int64_t	 closes = T("2026-12-11T00:00:00Z");

	(void)state;
	/* Nothing left: nothing to see, ever. */
	assert_false(feedback_visible(false, false, ended, closes + 1));
	assert_false(feedback_visible(false, true, ended, closes + 1));
	/* Left, the other side not yet: hidden until the window closes. */
	assert_false(feedback_visible(true, false, ended, ended));
	assert_false(feedback_visible(true, false, ended, closes - 1));
	assert_true(feedback_visible(true, false, ended, closes));
	assert_true(feedback_visible(true, false, ended, closes + 1));
	/* Both left: visible at once. */
	assert_true(feedback_visible(true, true, ended, ended));
	assert_true(feedback_visible(true, true, ended, closes - 1));
	assert_true(feedback_visible(true, true, ended, closes + 1));
}

static void
test_feedback_revealed_at(void **state)
{
	int64_t	 ended = T("2026-11-26T14:05:00Z");
	int64_t	 closes = T("2026-12-11T00:00:00Z");
	int64_t	 a = T("2026-11-28T10:00:00Z"), r = T("2026-12-01T09:00:00Z");

	(void)state;
	/* Both left: the later submission, whichever side. */
	assert_int_equal(feedback_revealed_at(a, r, ended), r);
	assert_int_equal(feedback_revealed_at(r, a, ended), r);
	assert_int_equal(feedback_revealed_at(a, a, ended), a);
	/* One or none: the window's close. */
	assert_int_equal(feedback_revealed_at(a, 0, ended), closes);
	assert_int_equal(feedback_revealed_at(0, r, ended), closes);
	assert_int_equal(feedback_revealed_at(0, 0, ended), closes);
	/* Never later than the close. */
	assert_int_equal(feedback_revealed_at(a, closes + 5, ended), closes);
	assert_int_equal(feedback_revealed_at(a, closes - 1, ended),
	    closes - 1);
}

static void
test_feedback_reminder(void **state)
{
	int64_t	 ended = T("2026-11-26T14:05:00Z");

	(void)state;
	assert_int_equal(feedback_reminder_at(ended),
	    T("2026-12-08T00:00:00Z"));
	assert_int_equal(feedback_closes(ended) - feedback_reminder_at(ended),
	    3 * DAY_SECS);
}

static void
test_feedback_response(void **state)
{
	int64_t	 rev = T("2026-12-01T09:00:00Z");
	int64_t	 end = T("2026-12-29T09:00:00Z");

	(void)state;
	assert_false(feedback_response_open(rev, rev - 1));
	assert_true(feedback_response_open(rev, rev));
	assert_true(feedback_response_open(rev, end - 1));
	assert_false(feedback_response_open(rev, end));
	assert_false(feedback_response_open(rev, end + 1));
}

static void
test_feedback_overall(void **state)
{
	static const int64_t s54[] = { 5, 4 };
	static const int64_t s554[] = { 5, 5, 4 };
	static const int64_t s445[] = { 4, 4, 5 };
	static const int64_t all5[] = { 5, 5, 5, 5, 5, 5 };
	static const int64_t one[] = { 1 };
	/* 33 / 8 = 4.125: exactly half a hundredth, rounds up. */
	static const int64_t half[] = { 5, 5, 5, 5, 5, 4, 2, 2 };
	static const int64_t zero[] = { 5, 0, 5 };
	static const int64_t six[] = { 5, 6 };

	(void)state;
	assert_int_equal(feedback_overall(s54, 2), 450);
	assert_int_equal(feedback_overall(s554, 3), 467);
	assert_int_equal(feedback_overall(s445, 3), 433);
	assert_int_equal(feedback_overall(all5, 6), 500);
	assert_int_equal(feedback_overall(one, 1), 100);
	assert_int_equal(feedback_overall(half, 8), 413);
	/* No valid score: 0. */
	assert_int_equal(feedback_overall(s54, 0), 0);
	assert_int_equal(feedback_overall(NULL, 2), 0);
	assert_int_equal(feedback_overall(zero, 3), 0);
	assert_int_equal(feedback_overall(six, 2), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diary_mid_week),
		cmocka_unit_test(test_diary_week_boundary),
		cmocka_unit_test(test_diary_monday_noon),
		cmocka_unit_test(test_diary_locked_first),
		cmocka_unit_test(test_diary_before_start),
		cmocka_unit_test(test_diary_week_closes),
		cmocka_unit_test(test_diary_billable),
		cmocka_unit_test(test_billing_dates),
		cmocka_unit_test(test_billing_state),
		cmocka_unit_test(test_billing_state_disputed),
		cmocka_unit_test(test_dispute_window),
		cmocka_unit_test(test_dispute_answer),
		cmocka_unit_test(test_invoice_state_words),
		cmocka_unit_test(test_refund_window),
		cmocka_unit_test(test_refund_check),
		cmocka_unit_test(test_refund_check_order),
		cmocka_unit_test(test_escrow),
		cmocka_unit_test(test_escrow_words),
		cmocka_unit_test(test_feedback_window),
		cmocka_unit_test(test_feedback_visible),
		cmocka_unit_test(test_feedback_revealed_at),
		cmocka_unit_test(test_feedback_reminder),
		cmocka_unit_test(test_feedback_response),
		cmocka_unit_test(test_feedback_overall),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
