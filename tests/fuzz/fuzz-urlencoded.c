/*
 * fuzz-urlencoded: libFuzzer harness for parse_urlencoded().
 *
 * The input is a query string or form body, taken with its length (it
 * may hold NULs).  On success every field must be what the rest of the
 * app relies on: a non-empty key of valid UTF-8 with no control
 * character, a value of valid UTF-8 with none but \t \r \n, len equal
 * to strlen, limits kept, no key twice.  The fields are then encoded
 * again and must decode to the same list.  On failure the list must be
 * empty and the error one of the table.
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
	fprintf(stderr, "fuzz-urlencoded:%d: invariant broken: %s\n",
	    line, what);
	abort();
}

/* Appends s as %XX escapes, every byte, so nothing is left to chance. */
static void
encode(struct buf *b, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%%%02X", (unsigned char)s[i]);
}

static void
check_list(const struct kvlist *l)
{
	size_t	 i, j, klen;

	CHECK(l->n <= PARSE_MAX_PARAMS);
	CHECK(l->n == 0 || l->v != NULL);
	for (i = 0; i < l->n; i++) {
		CHECK(l->v[i].key != NULL && l->v[i].val != NULL);
		klen = strlen(l->v[i].key);
		CHECK(klen > 0 && klen <= PARSE_MAX_KEY);
		CHECK(text_valid(l->v[i].key, klen, false));
		CHECK(strlen(l->v[i].val) == l->v[i].len);
		CHECK(l->v[i].len <= PARSE_MAX_VALUE);
		CHECK(text_valid(l->v[i].val, l->v[i].len, true));
		for (j = 0; j < i; j++)
			CHECK(strcmp(l->v[i].key, l->v[j].key) != 0);
		CHECK(kv_get(l, l->v[i].key) == l->v[i].val);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l, again;
	struct buf	 b = { 0 };
	enum parse_err	 e;
	size_t		 i;

	e = parse_urlencoded(&arena, (const char *)data, size, &l);
	CHECK(e < PARSE_ERR__MAX);
	if (e != PARSE_OK) {
		CHECK(l.v == NULL && l.n == 0);
		CHECK(parse_errors[e] != NULL && parse_errors[e][0] != '\0');
		arena_reset(&arena);
		return 0;
	}
	check_list(&l);

	/* Encoded again, the fields decode to the same list. */
	for (i = 0; i < l.n; i++) {
		if (i > 0)
			buf_puts(&b, "&");
		encode(&b, l.v[i].key, strlen(l.v[i].key));
		buf_puts(&b, "=");
		encode(&b, l.v[i].val, l.v[i].len);
	}
	e = parse_urlencoded(&arena, b.p, b.len, &again);
	CHECK(e == PARSE_OK);
	CHECK(again.n == l.n);
	for (i = 0; i < l.n; i++) {
		CHECK(strcmp(again.v[i].key, l.v[i].key) == 0);
		CHECK(again.v[i].len == l.v[i].len);
		CHECK(memcmp(again.v[i].val, l.v[i].val, l.v[i].len) == 0);
	}

	buf_free(&b);
	arena_reset(&arena);
	return 0;
}
