/*
 * test-zone: time zones read from TZif files (src/domain/zone.c) against
 * the C library's own localtime_r() with TZ set, the thing they replace
 * on every page: the offset and abbreviation every 5 hours from 1970 to
 * 2099 and one second either side of every transition, in zones with
 * DST, half- and quarter-hour offsets, a half-hour DST (Lord Howe) and
 * none; then the pages' formats at the edges the issue names: New York
 * on 2026-11-01, Kolkata, a deadline on another UTC day.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/date.h"
#include "domain/zone.h"
#include "unit.h"

static const char *const zones[] = {
	"America/New_York", "America/Los_Angeles", "Asia/Kolkata",
	"Asia/Kathmandu", "Australia/Lord_Howe", "Europe/London",
	"America/Sao_Paulo", "Pacific/Chatham", "Africa/Casablanca",
	"Pacific/Apia",
};

/* The library's offset and abbreviation at t in the zone TZ names. */
static long
libc_offset(int64_t t, char abbr[16])
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	localtime_r(&tt, &tm);
	snprintf(abbr, 16, "%s", tm.tm_zone);
	return tm.tm_gmtoff;
}

static void
check_at(const struct zone *z, const char *name, int64_t t)
{
	const char	*abbr;
	char		 want[16];
	long		 off = libc_offset(t, want);
	int32_t		 got = zone_offset(z, t, &abbr);

	if (got != off || strcmp(abbr, want) != 0)
		fail_msg("%s at %lld: %d %s, the library says %ld %s", name,
		    (long long)t, got, abbr, off, want);
}

static void
test_against_libc(void **state)
{
	size_t	 i;
	int64_t	 t, prev, end = T("2099-12-31T00:00:00Z");
	char	 a[16];

	(void)state;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		const struct zone *z = zone_get(zones[i]);

		assert_non_null(z);
		setenv("TZ", zones[i], 1);
		tzset();
		prev = libc_offset(0, a);
		for (t = 0; t < end; t += 5 * 3600) {
			check_at(z, zones[i], t);
			/* At a change, find the second and check either side. */
			if (libc_offset(t, a) != prev) {
				int64_t lo = t - 5 * 3600, hi = t;

				while (hi - lo > 1) {
					int64_t mid = lo + (hi - lo) / 2;
					if (libc_offset(mid, a) == prev)
						lo = mid;
					else
						hi = mid;
				}
				check_at(z, zones[i], lo);
				check_at(z, zones[i], hi);
				prev = libc_offset(t, a);
			}
		}
	}
	unsetenv("TZ");
	tzset();
}

static void
test_names(void **state)
{
	size_t		 n, i;
	const char *const *all = zone_names(&n);

	(void)state;
	assert_true(n > 300);
	for (i = 1; i < n; i++)
		assert_true(strcmp(all[i - 1], all[i]) < 0);
	assert_true(zone_known("UTC"));
	assert_true(zone_known("America/New_York"));
	assert_true(zone_known("Asia/Kolkata"));
	assert_false(zone_known("america/new_york"));
	assert_false(zone_known("../../etc/passwd"));
	assert_false(zone_known("America/New_York "));
	assert_false(zone_known(""));
	assert_false(zone_known(NULL));
	assert_null(zone_get("UTC"));
	assert_null(zone_get("Mars/Olympus_Mons"));
	assert_ptr_equal(zone_get("Asia/Kolkata"), zone_get("Asia/Kolkata"));
}

static void
test_not_tzif(void **state)
{
	static const unsigned char junk[64] = "TZif2 but nothing after";

	(void)state;
	assert_null(zone_parse("x", junk, sizeof(junk)));
	assert_null(zone_parse("x", (const unsigned char *)"", 0));
}

static void
test_formats(void **state)
{
	const struct zone	*ny = zone_get("America/New_York");
	const struct zone	*in = zone_get("Asia/Kolkata");
	char			 s[DATE_ZONED_SZ];

	(void)state;
	/* DST ends in New York at 2026-11-01 02:00 EDT = 06:00 UTC. */
	date_format_time_in(T("2026-11-01T05:59:59Z"), ny, s);
	assert_string_equal(s, "Sun, Nov 1, 2026, 01:59 EDT");
	date_format_time_in(T("2026-11-01T06:00:00Z"), ny, s);
	assert_string_equal(s, "Sun, Nov 1, 2026, 01:00 EST");
	/* and begins at 2026-03-08 02:00 EST = 07:00 UTC. */
	date_format_time_in(T("2026-03-08T06:59:00Z"), ny, s);
	assert_string_equal(s, "Sun, Mar 8, 2026, 01:59 EST");
	date_format_time_in(T("2026-03-08T07:00:00Z"), ny, s);
	assert_string_equal(s, "Sun, Mar 8, 2026, 03:00 EDT");
	/* Kolkata: +05:30 all year. */
	date_format_time_in(T("2026-11-30T12:00:00Z"), in, s);
	assert_string_equal(s, "Mon, Nov 30, 2026, 17:30 IST");
	/* A deadline: the UTC time too, and the UTC day when it differs. */
	date_format_deadline(T("2026-12-04T23:59:00Z"), ny, s);
	assert_string_equal(s, "Fri, Dec 4, 2026, 18:59 EST (23:59 UTC)");
	date_format_deadline(T("2026-12-04T23:59:00Z"), in, s);
	assert_string_equal(s, "Sat, Dec 5, 2026, 05:29 IST (Fri, Dec 4, 23:59 UTC)");
	/* UTC readers read what the pages always said. */
	date_format_deadline(T("2026-12-04T23:59:00Z"), NULL, s);
	assert_string_equal(s, "Fri, Dec 4, 2026, 23:59 UTC");
	date_format_time_in(T("2026-12-04T23:59:00Z"), NULL, s);
	assert_string_equal(s, "Fri, Dec 4, 2026, 23:59 UTC");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_not_tzif),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_against_libc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
