/*
 * test-date: strict date parsing, week and day boundaries, and the text
 * forms of days and times (src/domain/date.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "domain/date.h"
#include "unit.h"

static void
test_parse_day_known(void **state)
{
	int64_t	 t = -1;

	(void)state;
	assert_int_equal(date_parse_day("1970-01-01", &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(date_parse_day("2026-01-01", &t), 0);
	assert_int_equal(t, 1767225600);
	assert_int_equal(date_parse_day("2026-11-23", &t), 0);
	assert_int_equal(t, 1795392000);
	assert_int_equal(date_parse_day("2000-03-01", &t), 0);
	assert_int_equal(t, 951868800);
	assert_int_equal(date_parse_day("9999-12-31", &t), 0);
	assert_int_equal(t, 253402214400LL);
}

static void
test_parse_day_leap(void **state)
{
	int64_t	 t = -1;

	(void)state;
	assert_int_equal(date_parse_day("2024-02-29", &t), 0);
	assert_int_equal(t, 1709164800);
	assert_int_equal(date_parse_day("2000-02-29", &t), 0);	/* 400 */
	assert_int_equal(date_parse_day("2023-02-29", &t), -1);
	assert_int_equal(date_parse_day("2100-02-29", &t), -1);	/* 100 */
	assert_int_equal(date_parse_day("1900-02-28", &t), -1);	/* < 1970 */
	assert_int_equal(date_parse_day("2023-02-28", &t), 0);
	assert_int_equal(date_parse_day("2024-02-30", &t), -1);
}

static void
test_parse_day_bad(void **state)
{
	static const char *const bad[] = {
		"", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-1",
		"2026-01-01x", "x2026-01-01", "2026-02-30", "2026-04-31",
		"2026-01-00", "2026-01-32", "1969-12-31", "10000-01-01",
		"0000-01-01", "2026/01/01", "2026-01-01 ", " 2026-01-01",
		"2026-0a-01", "+026-01-01", "2026--1-01", "20260101",
		"2026-01-01T00:00:00Z",		/* a day, not a moment */
		"2026-01-0\xff",
	};
	size_t	 i;
	int64_t	 t = 42;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_parse_day(bad[i], &t) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(t, 42);	/* untouched on failure */
	assert_int_equal(date_parse_day(NULL, &t), -1);
}

static void
test_parse_when(void **state)
{
	int64_t	 t = -1;

	(void)state;
	assert_int_equal(date_parse_when("2026-11-23", &t), 0);
	assert_int_equal(t, 1795392000);
	assert_int_equal(date_parse_when("2026-11-23T00:00:00Z", &t), 0);
	assert_int_equal(t, 1795392000);
	assert_int_equal(date_parse_when("2026-11-23T12:00:00Z", &t), 0);
	assert_int_equal(t, 1795392000 + 12 * 3600);
	assert_int_equal(date_parse_when("2026-11-23T23:59:59Z", &t), 0);
	assert_int_equal(t, 1795392000 + DAY_SECS - 1);
	assert_int_equal(date_parse_when("9999-12-31T23:59:59Z", &t), 0);
	assert_int_equal(t, 253402300799LL);
	assert_int_equal(date_parse_when("2024-02-29T01:02:03Z", &t), 0);
	assert_int_equal(t, 1709164800 + 3723);
}

static void
test_parse_when_bad(void **state)
{
	static const char *const bad[] = {
		"", "2026-01-01T25:00:00Z", "2026-01-01T24:00:00Z",
		"2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z",
		"2026-01-01T23:59:59", "2026-01-01T23:59:59z",
		"2026-01-01 23:59:59Z", "2026-01-01T23:59:59Zx",
		"2026-01-01T23:59Z", "2026-01-01T1:00:00Z",
		"2026-01-01T01-00-00Z", "2026-02-30T00:00:00Z",
		"2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
		"2026-01-01T0a:00:00Z", "2026-01-01T", "2026-01-01x",
		"1969-12-31T23:59:59Z", "2026-01-01T00:00:00+00:00",
	};
	size_t	 i;
	int64_t	 t = 42;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_parse_when(bad[i], &t) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(t, 42);
	assert_int_equal(date_parse_when(NULL, &t), -1);
}

/* Every day of 1970..9999 against the C library's UTC breakdown. */
static void
test_every_day_round_trip(void **state)
{
	int64_t	 t, back, last = 253402214400LL;
	char	 day[11], want[11];
	struct tm tm;
	time_t	 tt;

	(void)state;
	for (t = 0; t <= last; t += DAY_SECS) {
		tt = (time_t)t;
		if (gmtime_r(&tt, &tm) == NULL)
			fail();
		strftime(want, sizeof(want), "%Y-%m-%d", &tm);
		date_format_day(t, day);
		if (strcmp(day, want) != 0)
			fail_msg("%lld: %s, want %s", (long long)t, day, want);
		if (date_parse_day(day, &back) != 0 || back != t)
			fail_msg("%s did not parse back", day);
		if (week_day(t) != (tm.tm_wday + 6) % 7)
			fail_msg("%s: weekday %d", day, week_day(t));
	}
}

static void
test_day_start(void **state)
{
	(void)state;
	assert_int_equal(day_start(T("2026-11-26T14:05:00Z")),
	    T("2026-11-26"));
	assert_int_equal(day_start(T("2026-11-26T00:00:00Z")),
	    T("2026-11-26"));
	assert_int_equal(day_start(T("2026-11-26T23:59:59Z")),
	    T("2026-11-26"));
	assert_int_equal(day_start(T("2026-11-27T00:00:00Z")),
	    T("2026-11-27"));
	assert_int_equal(day_start(0), 0);
}

static void
test_week_start(void **state)
{
	int64_t	 mon = T("2026-11-23");

	(void)state;
	/* Monday 00:00 starts its own week. */
	assert_int_equal(week_start(mon), mon);
	assert_int_equal(week_start(T("2026-11-26T14:05:00Z")), mon);
	/* Sunday 23:59:59 is the same week; Monday 00:00 the next. */
	assert_int_equal(week_start(T("2026-11-29T23:59:59Z")), mon);
	assert_int_equal(week_start(T("2026-11-30T00:00:00Z")),
	    mon + WEEK_SECS);
	/* A second before Monday is the week before. */
	assert_int_equal(week_start(mon - 1), mon - WEEK_SECS);
	/* Across a year and a leap day. */
	assert_int_equal(week_start(T("2026-01-01")), T("2025-12-29"));
	assert_int_equal(week_start(T("2024-03-03T23:59:59Z")),
	    T("2024-02-26"));
	assert_int_equal(week_start(T("2024-02-29")), T("2024-02-26"));
	/* 1970-01-01 was a Thursday; its Monday is before the epoch. */
	assert_int_equal(week_start(0), -3 * DAY_SECS);
	assert_int_equal(week_start(T("1970-01-05")), T("1970-01-05"));
}

static void
test_week_day(void **state)
{
	(void)state;
	assert_int_equal(week_day(T("2026-11-23")), 0);
	assert_int_equal(week_day(T("2026-11-26T14:05:00Z")), 3);
	assert_int_equal(week_day(T("2026-11-29T23:59:59Z")), 6);
	assert_int_equal(week_day(T("2026-11-30T00:00:00Z")), 0);
	assert_int_equal(week_day(0), 3);
	assert_int_equal(week_day(-1), 2);
}

static void
test_format(void **state)
{
	char	 day[11], when[21], human[32], tim[40], shrt[16];

	(void)state;
	date_format_day(T("2026-11-26T14:05:00Z"), day);
	assert_string_equal(day, "2026-11-26");
	date_format_when(T("2026-11-26T14:05:09Z"), when);
	assert_string_equal(when, "2026-11-26T14:05:09Z");
	date_format_when(0, when);
	assert_string_equal(when, "1970-01-01T00:00:00Z");
	date_format_human(T("2026-11-26T14:05:00Z"), human);
	assert_string_equal(human, "Thu, Nov 26, 2026");
	date_format_human(T("2026-03-02"), human);
	assert_string_equal(human, "Mon, Mar 2, 2026");
	date_format_time(T("2026-11-30T12:00:00Z"), tim);
	assert_string_equal(tim, "Mon, Nov 30, 2026, 12:00 UTC");
	date_format_time(T("2024-02-29T23:59:59Z"), tim);
	assert_string_equal(tim, "Thu, Feb 29, 2024, 23:59 UTC");
	date_format_short(T("2026-11-26"), shrt);
	assert_string_equal(shrt, "Nov 26");
	date_format_short(T("2026-01-05"), shrt);
	assert_string_equal(shrt, "Jan 5");
	date_format_short(T("2026-12-31"), shrt);
	assert_string_equal(shrt, "Dec 31");
}

static void
test_format_every_month(void **state)
{
	static const char *const want[12] = {
		"Jan 15", "Feb 15", "Mar 15", "Apr 15", "May 15", "Jun 15",
		"Jul 15", "Aug 15", "Sep 15", "Oct 15", "Nov 15", "Dec 15"
	};
	char	 s[11], shrt[16];
	int	 m;

	(void)state;
	for (m = 1; m <= 12; m++) {
		s[0] = '2'; s[1] = '0'; s[2] = '2'; s[3] = '6'; s[4] = '-';
		s[5] = (char)('0' + m / 10); s[6] = (char)('0' + m % 10);
		s[7] = '-'; s[8] = '1'; s[9] = '5'; s[10] = '\0';
		date_format_short(T(s), shrt);
		assert_string_equal(shrt, want[m - 1]);
	}
}

/* Out of range moments are clamped, never overflow the buffer. */
static void
test_format_clamped(void **state)
{
	char	 when[21], tim[40];

	(void)state;
	date_format_when(-1, when);
	assert_string_equal(when, "1970-01-01T00:00:00Z");
	date_format_when(INT64_MAX, when);
	assert_string_equal(when, "9999-12-31T23:59:59Z");
	date_format_time(INT64_MIN, tim);
	assert_string_equal(tim, "Thu, Jan 1, 1970, 00:00 UTC");
	date_format_time(INT64_MAX, tim);
	assert_string_equal(tim, "Fri, Dec 31, 9999, 23:59 UTC");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_day_known),
		cmocka_unit_test(test_parse_day_leap),
		cmocka_unit_test(test_parse_day_bad),
		cmocka_unit_test(test_parse_when),
		cmocka_unit_test(test_parse_when_bad),
		cmocka_unit_test(test_every_day_round_trip),
		cmocka_unit_test(test_day_start),
		cmocka_unit_test(test_week_start),
		cmocka_unit_test(test_week_day),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_every_month),
		cmocka_unit_test(test_format_clamped),
	};

	return cmocka_run_group_tests_name("week", tests, NULL, NULL);
}
