/*
 * fuzz-dates: libFuzzer harness for date_parse_day(), date_parse_when()
 * and the text forms they read back.
 *
 * The input, up to its first NUL, is a date typed into a form or a
 * query.  An accepted day is midnight UTC in 1970..9999 and formats
 * back to exactly the input; an accepted moment formats back to exactly
 * the input (date_format_when for the long form, date_format_day for
 * the short one).  The first eight input bytes, read as a time, go
 * through the formatters too: within the documented range each text
 * parses back to the time (or its day); outside it, the formatters
 * must still stay inside their buffers.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/date.h"
#include "util/arena.h"

#define CHECK(c)	do { if (!(c)) fail(#c, __LINE__); } while (0)
#define TIME_LAST	253402300799LL	/* 9999-12-31T23:59:59Z */

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	 arena;

static void
fail(const char *what, int line)
{
	fprintf(stderr, "fuzz-dates:%d: invariant broken: %s\n",
	    line, what);
	abort();
}

static void
check_time(int64_t t)
{
	char	 day[11], when[21], human[32], tm[40], shrt[16];
	int64_t	 dback = -1, wback = -1;

	memset(day, 0x55, sizeof(day));
	memset(when, 0x55, sizeof(when));
	memset(human, 0x55, sizeof(human));
	memset(tm, 0x55, sizeof(tm));
	memset(shrt, 0x55, sizeof(shrt));
	date_format_day(t, day);
	date_format_when(t, when);
	date_format_human(t, human);
	date_format_time(t, tm);
	date_format_short(t, shrt);
	CHECK(strlen(day) == 10);
	CHECK(strlen(when) == 20);
	CHECK(memchr(human, '\0', sizeof(human)) != NULL);
	CHECK(memchr(tm, '\0', sizeof(tm)) != NULL);
	CHECK(memchr(shrt, '\0', sizeof(shrt)) != NULL);

	/* Out of range, the formatters clamp; their text still parses. */
	CHECK(date_parse_day(day, &dback) == 0);
	CHECK(date_parse_when(when, &wback) == 0);
	if (t < 0 || t > TIME_LAST)
		return;

	CHECK(dback == day_start(t));
	CHECK(wback == t);
	CHECK(day_start(t) <= t && t - day_start(t) < DAY_SECS);
	CHECK(week_start(t) <= day_start(t));
	CHECK(t - week_start(t) < WEEK_SECS);
	CHECK(week_day(week_start(t)) == 0);
	CHECK(week_day(t) >= 0 && week_day(t) <= 6);
	CHECK(week_start(t) + week_day(t) * DAY_SECS == day_start(t));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	 out[21];
	int64_t	 t = -1, v;
	char	*s;

	s = arena_strndup(&arena, (const char *)data, size);

	if (date_parse_day(s, &t) == 0) {
		CHECK(strlen(s) == 10);
		CHECK(t >= 0 && t <= TIME_LAST && t % DAY_SECS == 0);
		date_format_day(t, out);
		CHECK(strcmp(out, s) == 0);
		CHECK(date_parse_when(s, &v) == 0 && v == t);
		check_time(t);
	}
	if (date_parse_when(s, &t) == 0) {
		CHECK(t >= 0 && t <= TIME_LAST);
		if (strlen(s) == 10)
			date_format_day(t, out);
		else {
			CHECK(strlen(s) == 20);
			date_format_when(t, out);
		}
		CHECK(strcmp(out, s) == 0);
		check_time(t);
	}

	if (size >= sizeof(v)) {
		memcpy(&v, data, sizeof(v));
		check_time(v);
	}

	arena_reset(&arena);
	return 0;
}
