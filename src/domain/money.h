/*
 * money: integer cents in, integer cents out.  The one parser of dollar
 * amounts typed by people and the one formatter of amounts shown to them;
 * the hours of work they pay for, as people read them.
 */
#ifndef MONEY_H
#define MONEY_H
#include <stdint.h>

#define MONEY_MAX	10000000000LL	/* $100,000,000.00 in cents */
#define MONEY_BUFSZ	32

enum money_err {
	MONEY_OK = 0,
	MONEY_EMPTY,		/* nothing typed */
	MONEY_SYNTAX,		/* not digits with an optional .d or .dd */
	MONEY_PRECISION,	/* more than two decimals: 0.001 */
	MONEY_RANGE,		/* over MONEY_MAX */
	MONEY_ERR__MAX
};

/* What to tell the user, e.g. "use digits and a dot, like 12.50". */
extern const char *const money_errors[MONEY_ERR__MAX];

/*
 * Parse "12", "12.5", "12.50" into cents.  No sign, no exponent, no
 * comma, no currency sign, no spaces: "-1", "1e3", "12,50", "$5" and
 * "0.001" are refused.  Zero parses (callers decide whether it is
 * allowed).
 */
enum money_err	 money_parse(const char *, int64_t *cents);

/* $1,234.50; negative amounts as -$5.00. */
void		 money_format(int64_t cents, char out[MONEY_BUFSZ]);
/* 1234.50 without sign or separators: the value a form field shows. */
void		 money_format_plain(int64_t cents, char out[MONEY_BUFSZ]);
/* Hours from minutes: 210 -> "3.5", 200 -> "3.33", 60 -> "1". */
void		 minutes_format_hours(int64_t minutes, char out[24]);
/* The unit after those hours: "hour" for exactly 60 minutes, else
 * "hours"; abbreviated, "hr" and "hrs". */
const char	*hours_noun(int64_t minutes);
const char	*hours_abbr(int64_t minutes);
/* The amount for minutes at an hourly rate, rounded half up to a cent. */
int64_t		 money_for_minutes(int64_t rate_cents, int64_t minutes);

#endif
