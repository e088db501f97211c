/*
 * date: calendar days, weeks and their text forms: the strict parsers of
 * days and moments people type, the Monday a week starts on, and the
 * ways pages and mail write a moment (in UTC, or in the reader's time
 * zone).  Weeks run Monday 00:00 to Sunday 23:59:59 UTC.  Times are unix
 * seconds, 1970..9999.
 */
#ifndef DATE_H
#define DATE_H
#include <stdint.h>

#define MINUTE_SECS	60
#define HOUR_SECS	3600
#define DAY_SECS	86400
#define WEEK_SECS	(7 * DAY_SECS)

/* "YYYY-MM-DD", a real calendar date; sets 00:00 UTC.  0 or -1. */
int	 date_parse_day(const char *, int64_t *out);
/* A day, or "YYYY-MM-DDTHH:MM:SSZ".  0 or -1. */
int	 date_parse_when(const char *, int64_t *out);

int64_t	 day_start(int64_t t);		/* 00:00 UTC of t's day */
int64_t	 week_start(int64_t t);		/* Monday 00:00 UTC of t's week */
int	 week_day(int64_t t);		/* 0 = Monday .. 6 = Sunday */

void	 date_format_day(int64_t, char out[11]);	/* 2026-11-26 */
void	 date_format_when(int64_t, char out[21]);	/* 2026-11-26T14:05:00Z */
void	 date_format_human(int64_t, char out[32]);	/* Thu, Nov 26, 2026 */
void	 date_format_time(int64_t, char out[40]);	/* Mon, Nov 30, 2026, 12:00 UTC */
void	 date_format_short(int64_t, char out[16]);	/* Nov 26 */

/*
 * In the reader's time zone z (NULL: UTC, as date_format_time): a time,
 * "Mon, Nov 30, 2026, 07:00 EST"; and a deadline, with its UTC time as
 * well, "Fri, Dec 4, 2026, 18:59 EST (23:59 UTC)", the UTC day named
 * when it is another: "Sat, Dec 5, 2026, 05:29 IST (Fri, Dec 4, 23:59
 * UTC)".
 */
struct zone;
#define DATE_ZONED_SZ	80
void	 date_format_time_in(int64_t, const struct zone *, char out[DATE_ZONED_SZ]);
void	 date_format_deadline(int64_t, const struct zone *, char out[DATE_ZONED_SZ]);

#endif
