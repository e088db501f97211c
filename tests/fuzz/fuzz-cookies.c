/*
 * fuzz-cookies: libFuzzer harness for parse_cookies().
 *
 * The input, up to its first NUL, is a Cookie header.  Whatever it
 * holds, parsing must not fail except with PARSE_TOO_MANY, and every
 * cookie kept must be a non-empty token name and a value of valid
 * UTF-8 with no control character, quote or surrounding space, len
 * equal to strlen, names distinct.  The cookies written out again as a
 * header must parse to the same list.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "http/parse.h"

#define CHECK(c)	do { if (!(c)) fail(#c, __LINE__); } while (0)

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct arena	 arena;

static void
fail(const char *what, int line)
{
	fprintf(stderr, "fuzz-cookies:%d: invariant broken: %s\n",
	    line, what);
	abort();
}

static void
check_list(const struct kvlist *l, const char *hdr)
{
	const char	*k, *v;
	size_t		 i, j, klen, vlen;

	CHECK(l->n <= PARSE_MAX_COOKIES);
	for (i = 0; i < l->n; i++) {
		k = l->v[i].key;
		v = l->v[i].val;
		vlen = l->v[i].len;
		CHECK(k != NULL && v != NULL);
		klen = strlen(k);
		CHECK(klen > 0 && klen <= PARSE_MAX_KEY);
		for (j = 0; j < klen; j++)
			CHECK(k[j] > ' ' && k[j] < 0x7f &&
			    strchr("()<>@,;:\\\"/[]?={}", k[j]) == NULL);
		CHECK(strlen(v) == vlen);
		CHECK(vlen <= PARSE_MAX_VALUE);
		CHECK(text_valid(v, vlen, false));
		CHECK(strchr(v, '"') == NULL && strchr(v, ';') == NULL);
		CHECK(vlen == 0 || (v[0] != ' ' && v[vlen - 1] != ' '));
		CHECK(strstr(hdr, k) != NULL && strstr(hdr, v) != NULL);
		for (j = 0; j < i; j++)
			CHECK(strcmp(k, l->v[j].key) != 0);
		CHECK(kv_get(l, k) == v);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l, again;
	struct buf	 b = { 0 };
	enum parse_err	 e;
	char		*hdr;
	size_t		 i;

	hdr = arena_strndup(&arena, (const char *)data, size);
	e = parse_cookies(&arena, hdr, &l);
	CHECK(e == PARSE_OK || e == PARSE_TOO_MANY);
	if (e != PARSE_OK) {
		CHECK(l.v == NULL && l.n == 0);
		arena_reset(&arena);
		return 0;
	}
	check_list(&l, hdr);

	/* Written out again, the header parses to the same cookies. */
	for (i = 0; i < l.n; i++)
		buf_printf(&b, "%s%s=%s", i > 0 ? "; " : "",
		    l.v[i].key, l.v[i].val);
	e = parse_cookies(&arena, b.len > 0 ? b.p : "", &again);
	CHECK(e == PARSE_OK);
	CHECK(again.n == l.n);
	for (i = 0; i < l.n; i++) {
		CHECK(strcmp(again.v[i].key, l.v[i].key) == 0);
		CHECK(strcmp(again.v[i].val, l.v[i].val) == 0);
	}

	buf_free(&b);
	arena_reset(&arena);
	return 0;
}
