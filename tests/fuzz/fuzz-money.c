/*
 * fuzz-money: libFuzzer harness for money_parse() and the formatters.
 *
 * The input, up to its first NUL, is an amount typed into a form.  An
 * accepted amount must have the documented shape (digits, then an
 * optional dot and one or two digits), lie in 0..MONEY_MAX, and survive
 * the round trip: money_format_plain() of the cents parses back to the
 * same cents, and money_format() is the same digits with "$" and
 * thousands separators.  The first eight input bytes, read as any
 * int64_t, also go through every formatter, which must stay inside its
 * buffer for any value.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "domain/money.h"

#define CHECK(c)	do { if (!(c)) fail(#c, __LINE__); } while (0)

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	 arena;

static void
fail(const char *what, int line)
{
	fprintf(stderr, "fuzz-money:%d: invariant broken: %s\n",
	    line, what);
	abort();
}

/* DIGIT+ [ "." DIGIT DIGIT? ] */
static bool
money_shape(const char *s)
{
	size_t	 n, f;

	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++)
		continue;
	if (n == 0)
		return false;
	if (s[n] == '\0')
		return true;
	if (s[n] != '.')
		return false;
	for (f = 0; s[n + 1 + f] >= '0' && s[n + 1 + f] <= '9'; f++)
		continue;
	return (f == 1 || f == 2) && s[n + 1 + f] == '\0';
}

/* money_format() with "$" and "," taken out, for comparing to plain. */
static void
strip(const char *in, char *out)
{
	for (; *in != '\0'; in++)
		if (*in != '$' && *in != ',')
			*out++ = *in;
	*out = '\0';
}

/* Every formatter on v, each checked for a terminated, sane result. */
static void
check_format(int64_t v)
{
	char	 plain[MONEY_BUFSZ], fancy[MONEY_BUFSZ];
	char	 bare[MONEY_BUFSZ], hours[24];
	int64_t	 back = -1;
	size_t	 n;

	memset(plain, 0x55, sizeof(plain));
	memset(fancy, 0x55, sizeof(fancy));
	memset(hours, 0x55, sizeof(hours));
	money_format_plain(v, plain);
	money_format(v, fancy);
	minutes_format_hours(v, hours);
	CHECK(memchr(plain, '\0', sizeof(plain)) != NULL);
	CHECK(memchr(fancy, '\0', sizeof(fancy)) != NULL);
	CHECK(memchr(hours, '\0', sizeof(hours)) != NULL);

	n = strlen(plain);
	CHECK(n >= 4 && plain[n - 3] == '.');
	CHECK((v < 0) == (plain[0] == '-'));
	CHECK(fancy[v < 0 ? 1 : 0] == '$');
	strip(fancy, bare);
	CHECK(strcmp(bare, plain) == 0);

	if (v >= 0 && v <= MONEY_MAX) {
		CHECK(money_parse(plain, &back) == MONEY_OK);
		CHECK(back == v);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum money_err	 e;
	int64_t		 cents = -1, v;
	char		*s;

	s = arena_strndup(&arena, (const char *)data, size);
	e = money_parse(s, &cents);
	CHECK(e < MONEY_ERR__MAX);
	CHECK(money_errors[e] != NULL);
	CHECK((e == MONEY_EMPTY) == (*s == '\0'));
	if (e == MONEY_OK) {
		CHECK(money_shape(s));
		CHECK(cents >= 0 && cents <= MONEY_MAX);
		check_format(cents);
	} else if (e == MONEY_RANGE)
		CHECK(money_shape(s));
	else if (e == MONEY_SYNTAX || e == MONEY_PRECISION)
		CHECK(!money_shape(s));

	if (size >= sizeof(v)) {
		memcpy(&v, data, sizeof(v));
		check_format(v);
		(void)money_for_minutes(v, v);
	}

	arena_reset(&arena);
	return 0;
}
