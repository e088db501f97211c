/*
 * fuzz-ids: libFuzzer harness for parse_id(), parse_int() and
 * text_valid(), each checked against a slow, obvious reference.
 *
 * parse_id and parse_int get the input up to its first NUL; text_valid
 * gets all of it.  parse_int is tried over several ranges, including
 * the whole of int64_t, so long digit strings must be refused without
 * overflow (UBSan would see it).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "http/parse.h"

#define CHECK(c)	do { if (!(c)) fail(#c, __LINE__); } while (0)
#define ID_MAX		9007199254740992LL

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	 arena;

static void
fail(const char *what, int line)
{
	fprintf(stderr, "fuzz-ids:%d: invariant broken: %s\n", line, what);
	abort();
}

/* Optional '-', then one or more digits, nothing else. */
static bool
int_shape(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The reference integer parser: shape check, then strtoll. */
static int
ref_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	long long	 v;
	char		*end;

	if (!int_shape(s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* The reference id parser: an integer whose canonical form is s. */
static int
ref_id(const char *s, int64_t *out)
{
	char	 canon[32];
	int64_t	 v;

	if (*s == '-' || ref_int(s, 1, ID_MAX, &v) != 0)
		return -1;
	snprintf(canon, sizeof(canon), "%" PRId64, v);
	if (strcmp(canon, s) != 0)
		return -1;
	*out = v;
	return 0;
}

/*
 * The reference UTF-8 check: decode each sequence to its code point,
 * then refuse what is overlong, a surrogate or past U+10FFFF.
 */
static bool
ref_text(const unsigned char *s, size_t n, bool multiline)
{
	static const uint32_t	 min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	uint32_t		 cp;
	size_t			 i, k, len;

	for (i = 0; i < n; i += len) {
		if (s[i] < 0x80) {
			len = 1;
			cp = s[i];
		} else if ((s[i] & 0xe0) == 0xc0) {
			len = 2;
			cp = s[i] & 0x1fu;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3;
			cp = s[i] & 0x0fu;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4;
			cp = s[i] & 0x07u;
		} else
			return false;
		if (i + len > n)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3fu);
		}
		if (cp < min[len] || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		if (cp < 0x20 || cp == 0x7f) {
			if (!multiline)
				return false;
			if (cp != '\t' && cp != '\n' && cp != '\r')
				return false;
		}
	}
	return true;
}

static void
check_int(const char *s, int64_t lo, int64_t hi)
{
	int64_t	 got = 0, want = 0;
	int	 r;

	r = parse_int(s, lo, hi, &got);
	CHECK(r == 0 || r == -1);
	CHECK(r == ref_int(s, lo, hi, &want));
	CHECK(r != 0 || (got == want && got >= lo && got <= hi));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t	 got = 0, want = 0;
	char	*s;
	int	 r;

	CHECK(text_valid((const char *)data, size, false) ==
	    ref_text(data, size, false));
	CHECK(text_valid((const char *)data, size, true) ==
	    ref_text(data, size, true));

	s = arena_strndup(&arena, (const char *)data, size);

	r = parse_id(s, &got);
	CHECK(r == 0 || r == -1);
	CHECK(r == ref_id(s, &want));
	CHECK(r != 0 || (got == want && got >= 1 && got <= ID_MAX));

	check_int(s, INT64_MIN, INT64_MAX);
	check_int(s, 0, 10);
	check_int(s, -100, 100);
	check_int(s, 1, ID_MAX);
	check_int(s, INT64_MIN, -1);
	check_int(s, 5, 4);

	arena_reset(&arena);
	return 0;
}
