/*
 * date: calendar arithmetic in UTC and the text forms of days and times.
 *
 * Days are counted from 1970-01-01 with the proleptic Gregorian calendar
 * (days-from-civil and its inverse, computed in 400-year eras), so
 * nothing here depends on the C library's time zone or locale.  Parsers
 * are strict: exact lengths, real calendar dates, years 1970..9999,
 * nothing trailing.  Formatters clamp to that same range, so every
 * output fits its buffer.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/date.h"
#include "domain/zone.h"

#define YEAR_MIN	1970
#define YEAR_MAX	9999
/* 9999-12-31T23:59:59Z, the last moment the parsers accept. */
#define TIME_MAX	253402300799LL

static const char *const week_days[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
static const char *const month_names[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Floor division: rounds toward minus infinity, for times before 1970. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t	 q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static bool
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int64_t y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

/*
 * Days since 1970-01-01 of y-m-d.  The year is shifted to start in
 * March so the leap day falls at the end; an era is 400 years, 146097
 * days; 719468 is the day number of 1970-01-01 counted from 0000-03-01.
 */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe, mp;

	if (m <= 2)
		y--;
	era = floor_div(y, 400);
	yoe = y - era * 400;			/* 0..399 */
	mp = m > 2 ? m - 3 : m + 9;		/* March = 0 */
	doy = (153 * mp + 2) / 5 + d - 1;	/* 0..365 */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0..146096 */
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil(). */
static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t	 era, doe, yoe, doy, mp;

	z += 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;			/* 0..146096 */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

/* Reads exactly n ASCII digits at s.  Returns the value or -1. */
static int64_t
digits(const char *s, size_t n)
{
	int64_t	 v = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Parses the first ten characters of s as YYYY-MM-DD. */
static int
parse_ymd(const char *s, int64_t *out)
{
	int64_t	 y, m, d;

	if (s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = digits(s, 4)) < 0 ||
	    (m = digits(s + 5, 2)) < 0 ||
	    (d = digits(s + 8, 2)) < 0)
		return -1;
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12)
		return -1;
	if (d < 1 || d > month_days(y, (int)m))
		return -1;
	*out = days_from_civil(y, (int)m, (int)d) * DAY_SECS;
	return 0;
}

int
date_parse_day(const char *s, int64_t *out)
{
	if (s == NULL || strlen(s) != 10)
		return -1;
	return parse_ymd(s, out);
}

int
date_parse_when(const char *s, int64_t *out)
{
	int64_t	 day, h, mi, se;
	size_t	 len;

	if (s == NULL)
		return -1;
	len = strlen(s);
	if (len == 10)
		return parse_ymd(s, out);
	if (len != 20)
		return -1;
	if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return -1;
	if (parse_ymd(s, &day) == -1)
		return -1;
	if ((h = digits(s + 11, 2)) < 0 ||
	    (mi = digits(s + 14, 2)) < 0 ||
	    (se = digits(s + 17, 2)) < 0)
		return -1;
	/* No leap seconds: unix time has none. */
	if (h > 23 || mi > 59 || se > 59)
		return -1;
	*out = day + h * HOUR_SECS + mi * MINUTE_SECS + se;
	return 0;
}

int64_t
day_start(int64_t t)
{
	return floor_div(t, DAY_SECS) * DAY_SECS;
}

int
week_day(int64_t t)
{
	/* 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday. */
	int64_t	 wd = (floor_div(t, DAY_SECS) + 3) % 7;

	if (wd < 0)
		wd += 7;
	return (int)wd;
}

int64_t
week_start(int64_t t)
{
	return day_start(t) - (int64_t)week_day(t) * DAY_SECS;
}

/* ---- Formatting ---- */

/* A moment broken down for formatting, clamped to 1970..9999. */
struct civil {
	int64_t	 year;
	int	 month;		/* 1..12 */
	int	 day;		/* 1..31 */
	int	 wday;		/* 0 = Monday */
	int	 hour, min, sec;
};

static void
civil_of(int64_t t, struct civil *c)
{
	int64_t	 secs;

	if (t < 0)
		t = 0;
	if (t > TIME_MAX)
		t = TIME_MAX;
	civil_from_days(t / DAY_SECS, &c->year, &c->month, &c->day);
	c->wday = week_day(t);
	secs = t % DAY_SECS;
	c->hour = (int)(secs / HOUR_SECS);
	c->min = (int)(secs / 60 % 60);
	c->sec = (int)(secs % 60);
}

/* Writes v as exactly n digits, zero-padded; returns the end. */
static char *
put_fixed(char *p, int64_t v, int n)
{
	int	 i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

/* Writes v (0..99) without padding; returns the end. */
static char *
put_small(char *p, int v)
{
	if (v >= 10)
		*p++ = (char)('0' + v / 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

static char *
put_str(char *p, const char *s)
{
	size_t	 n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* YYYY-MM-DD at p; returns the end. */
static char *
put_ymd(char *p, const struct civil *c)
{
	p = put_fixed(p, c->year, 4);
	*p++ = '-';
	p = put_fixed(p, c->month, 2);
	*p++ = '-';
	return put_fixed(p, c->day, 2);
}

/* "Thu, Nov 26, 2026" at p; returns the end. */
static char *
put_human(char *p, const struct civil *c)
{
	p = put_str(p, week_days[c->wday]);
	p = put_str(p, ", ");
	p = put_str(p, month_names[c->month - 1]);
	*p++ = ' ';
	p = put_small(p, c->day);
	p = put_str(p, ", ");
	return put_fixed(p, c->year, 4);
}

void
date_format_day(int64_t t, char out[11])
{
	struct civil	 c;
	char		*p;

	civil_of(t, &c);
	p = put_ymd(out, &c);
	*p = '\0';
}

void
date_format_when(int64_t t, char out[21])
{
	struct civil	 c;
	char		*p;

	civil_of(t, &c);
	p = put_ymd(out, &c);
	*p++ = 'T';
	p = put_fixed(p, c.hour, 2);
	*p++ = ':';
	p = put_fixed(p, c.min, 2);
	*p++ = ':';
	p = put_fixed(p, c.sec, 2);
	*p++ = 'Z';
	*p = '\0';
}

void
date_format_human(int64_t t, char out[32])
{
	struct civil	 c;
	char		*p;

	civil_of(t, &c);
	p = put_human(out, &c);
	*p = '\0';
}

void
date_format_time(int64_t t, char out[40])
{
	struct civil	 c;
	char		*p;

	civil_of(t, &c);
	p = put_human(out, &c);
	p = put_str(p, ", ");
	p = put_fixed(p, c.hour, 2);
	*p++ = ':';
	p = put_fixed(p, c.min, 2);
	p = put_str(p, " UTC");
	*p = '\0';
}

void
date_format_short(int64_t t, char out[16])
{
	struct civil	 c;
	char		*p;

	civil_of(t, &c);
	p = put_str(out, month_names[c.month - 1]);
	*p++ = ' ';
	p = put_small(p, c.day);
	*p = '\0';
}

/* "HH:MM " and the zone's abbreviation at p; returns the end. */
static char *
put_clock(char *p, const struct civil *c, const char *abbr)
{
	p = put_fixed(p, c->hour, 2);
	*p++ = ':';
	p = put_fixed(p, c->min, 2);
	*p++ = ' ';
	return put_str(p, abbr);
}

void
date_format_time_in(int64_t t, const struct zone *z, char out[DATE_ZONED_SZ])
{
	struct civil	 c;
	const char	*abbr;
	char		*p;

	if (z == NULL) {
		date_format_time(t, out);
		return;
	}
	civil_of(t + zone_offset(z, t, &abbr), &c);
	p = put_human(out, &c);
	p = put_str(p, ", ");
	p = put_clock(p, &c, abbr);
	*p = '\0';
}

void
date_format_deadline(int64_t t, const struct zone *z, char out[DATE_ZONED_SZ])
{
	struct civil	 c, u;
	char		*p;

	if (z == NULL) {
		date_format_time(t, out);
		return;
	}
	date_format_time_in(t, z, out);
	civil_of(t + zone_offset(z, t, NULL), &c);
	civil_of(t, &u);
	p = out + strlen(out);
	p = put_str(p, " (");
	if (c.day != u.day) {
		p = put_str(p, week_days[u.wday]);
		p = put_str(p, ", ");
		p = put_str(p, month_names[u.month - 1]);
		*p++ = ' ';
		p = put_small(p, u.day);
		p = put_str(p, ", ");
	}
	p = put_clock(p, &u, "UTC)");
	*p = '\0';
}
