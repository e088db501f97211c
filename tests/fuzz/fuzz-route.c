/*
 * fuzz-route: libFuzzer harness for route_match().
 *
 * The input, up to its first NUL, is a request path, tried against the
 * app's patterns with {id} segments.  A match must capture valid ids,
 * and writing the pattern out with those ids must give the path back
 * byte for byte: that proves the whole path matched, with no "//",
 * trailing slash, sign, leading zero or query slipping through.  The
 * patterns do not overlap, so at most one matches.  When the input has
 * a newline, the part before it is also tried as a pattern.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "http/parse.h"

#define CHECK(c)	do { if (!(c)) fail(#c, __LINE__); } while (0)
#define ID_MAX		9007199254740992LL

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const patterns[] = {
	"/contracts/{id}",
	"/contracts/{id}/diary/{id}/delete",
	"/disputes/{id}",
	"/users/{id}",
};

static struct arena	 arena;

static void
fail(const char *what, int line)
{
	fprintf(stderr, "fuzz-route:%d: invariant broken: %s\n",
	    line, what);
	abort();
}

/*
 * Writes pattern with each "{id}" segment replaced by the next capture.
 * Returns false when the pattern has more {id} segments than captures.
 */
static bool
rebuild(struct buf *b, const char *pat, const int64_t caps[2])
{
	const char	*s, *e;
	size_t		 ncap = 0;

	buf_reset(b);
	buf_add(b, "", 0);
	for (s = pat; *s != '\0'; s = e) {
		for (e = s + 1; *e != '\0' && *e != '/'; e++)
			continue;
		if (*s == '/' && e - s == 5 && memcmp(s, "/{id}", 5) == 0) {
			if (ncap == 2)
				return false;
			buf_printf(b, "/%" PRId64, caps[ncap++]);
		} else
			buf_add(b, s, (size_t)(e - s));
	}
	return true;
}

static void
check_match(struct buf *b, const char *pat, const char *path)
{
	int64_t	 caps[2] = { -1, -1 };
	size_t	 nid;
	const char *p;

	if (!route_match(pat, path, caps))
		return;
	for (nid = 0, p = pat; (p = strstr(p, "/{id}")) != NULL; p += 5)
		if (p[5] == '\0' || p[5] == '/')
			nid++;
	CHECK(nid > 0 || (caps[0] == 0 && caps[1] == 0));
	CHECK(nid < 1 || (caps[0] >= 1 && caps[0] <= ID_MAX));
	CHECK(nid < 2 || (caps[1] >= 1 && caps[1] <= ID_MAX));
	CHECK(nid >= 2 || caps[1] == 0);
	if (rebuild(b, pat, caps))
		CHECK(strcmp(b->p, path) == 0);
	CHECK(route_match(pat, path, NULL));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b = { 0 };
	char		*in, *nl;
	size_t		 i, nmatch = 0;

	in = arena_strndup(&arena, (const char *)data, size);
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		if (route_match(patterns[i], in, NULL))
			nmatch++;
		check_match(&b, patterns[i], in);
	}
	CHECK(nmatch <= 1);

	if ((nl = strchr(in, '\n')) != NULL) {
		*nl = '\0';
		check_match(&b, in, nl + 1);
	}

	buf_free(&b);
	arena_reset(&arena);
	return 0;
}
