/*
 * test-diary: the Work Diary's rules at their boundaries, a second
 * before, at and after (src/domain/diary.c).
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

#include "domain/diary.h"
#include "unit.h"

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
	/* Shown as Monday 11:59, its last minute. */
	assert_int_equal(diary_week_until(T("2026-11-25")),
	    T("2026-11-30T11:59:00Z"));
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
	};

	return cmocka_run_group_tests_name("diary", tests, NULL, NULL);
}
