/*
 * money: the one parser of dollar amounts typed by people and the one
 * formatter of amounts shown to them.  Amounts are integer cents; no
 * floating point anywhere, and no arithmetic here can overflow.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/money.h"

const char *const money_errors[MONEY_ERR__MAX] = {
	"ok",						/* MONEY_OK */
	"enter an amount, like 12.50",			/* MONEY_EMPTY */
	"use digits and an optional dot with up to two "
	    "decimals, like 12.50",			/* MONEY_SYNTAX */
	"use at most two decimals (whole cents), "
	    "like 12.50",				/* MONEY_PRECISION */
	"enter at most $100,000,000.00",		/* MONEY_RANGE */
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Grammar: DIGIT+ [ "." DIGIT DIGIT? ].  Leading zeros are allowed
 * ("007" is 7 dollars).  A wrong shape is a syntax error even when the
 * number is also too large: the shape is what to fix first.
 */
enum money_err
money_parse(const char *s, int64_t *cents)
{
	const char	*p;
	int64_t		 dollars = 0, frac = 0;
	bool		 big = false;
	size_t		 nfrac;

	if (s == NULL || *s == '\0')
		return MONEY_EMPTY;

	for (p = s; is_digit(*p); p++) {
		if (dollars > MONEY_MAX / 100)
			big = true;	/* keep scanning for the shape */
		else
			dollars = dollars * 10 + (*p - '0');
	}
	if (p == s)
		return MONEY_SYNTAX;	/* ".5", "-1", "$5", " 1", "+1" */

	if (*p == '.') {
		p++;
		for (nfrac = 0; is_digit(p[nfrac]); nfrac++)
			continue;
		if (nfrac == 0)
			return MONEY_SYNTAX;		/* "5." */
		if (p[nfrac] != '\0')
			return MONEY_SYNTAX;		/* "1.2.3", "1.5 " */
		if (nfrac > 2)
			return MONEY_PRECISION;		/* "0.001" */
		frac = (p[0] - '0') * 10;
		if (nfrac == 2)
			frac += p[1] - '0';
	} else if (*p != '\0')
		return MONEY_SYNTAX;			/* "1e3", "12,50" */

	if (big || dollars > MONEY_MAX / 100)
		return MONEY_RANGE;
	if (dollars * 100 + frac > MONEY_MAX)
		return MONEY_RANGE;			/* "100000000.01" */
	*cents = dollars * 100 + frac;
	return MONEY_OK;
}

/* |v| without overflow, even for INT64_MIN. */
static uint64_t
magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/*
 * Writes the digits of the cents c as D[,DDD]*.CC (with separators
 * when sep is set) at out; returns the number of bytes written, without
 * a NUL.  out needs 28 bytes at most.
 */
static size_t
put_cents(char *out, uint64_t c, bool sep)
{
	char		 rev[32];
	uint64_t	 d = c / 100;
	size_t		 n = 0, i, ndig = 0;

	rev[n++] = (char)('0' + c % 10);
	rev[n++] = (char)('0' + c / 10 % 10);
	rev[n++] = '.';
	do {
		if (sep && ndig > 0 && ndig % 3 == 0)
			rev[n++] = ',';
		rev[n++] = (char)('0' + d % 10);
		ndig++;
		d /= 10;
	} while (d > 0);
	for (i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	return n;
}

void
money_format(int64_t cents, char out[MONEY_BUFSZ])
{
	size_t	 n = 0;

	if (cents < 0)
		out[n++] = '-';
	out[n++] = '$';
	n += put_cents(out + n, magnitude(cents), true);
	out[n] = '\0';
}

/* Negative amounts keep their minus sign: "-5.00". */
void
money_format_plain(int64_t cents, char out[MONEY_BUFSZ])
{
	size_t	 n = 0;

	if (cents < 0)
		out[n++] = '-';
	n += put_cents(out + n, magnitude(cents), false);
	out[n] = '\0';
}

/*
 * Hours to at most two decimals, rounded half up on the hundredth,
 * trailing zeros trimmed: 210 -> "3.5", 200 -> "3.33", 1 -> "0.02".
 */
void
minutes_format_hours(int64_t minutes, char out[24])
{
	char		 rev[24];
	uint64_t	 m = magnitude(minutes), h, hund;
	size_t		 n = 0, i, o = 0;

	h = m / 60;
	hund = (m % 60 * 100 + 30) / 60;	/* 0..100 */
	if (hund == 100) {
		h++;
		hund = 0;
	}
	if (hund != 0) {
		if (hund % 10 != 0)
			rev[n++] = (char)('0' + hund % 10);
		rev[n++] = (char)('0' + hund / 10);
		rev[n++] = '.';
	}
	do {
		rev[n++] = (char)('0' + h % 10);
		h /= 10;
	} while (h > 0);
	if (minutes < 0 && (n > 1 || rev[0] != '0'))
		out[o++] = '-';
	for (i = 0; i < n; i++)
		out[o++] = rev[n - 1 - i];
	out[o] = '\0';
}

const char *
hours_noun(int64_t minutes)
{
	return minutes == 60 ? "hour" : "hours";
}

const char *
hours_abbr(int64_t minutes)
{
	return minutes == 60 ? "hr" : "hrs";
}

/*
 * rate_cents * minutes / 60, rounded half up to a cent.  Split as
 * rate * whole hours + rate * leftover minutes / 60 so the products stay
 * small: exact for any rate up to MONEY_MAX and any number of minutes a
 * year can hold.  A negative rate or minutes gives 0; a result that
 * would not fit in int64_t is clamped to INT64_MAX.
 */
int64_t
money_for_minutes(int64_t rate_cents, int64_t minutes)
{
	int64_t	 hours, rest, whole, part;

	if (rate_cents <= 0 || minutes <= 0)
		return 0;
	hours = minutes / 60;
	rest = minutes % 60;
	if (rate_cents > INT64_MAX / 60)
		return INT64_MAX;
	if (hours > 0 && rate_cents > INT64_MAX / hours)
		return INT64_MAX;
	whole = rate_cents * hours;
	part = (rate_cents * rest + 30) / 60;
	if (whole > INT64_MAX - part)
		return INT64_MAX;
	return whole + part;
}
