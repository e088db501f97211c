/*
 * test-parse: the edge parsers in src/http/parse.c, good input and bad:
 * form and query decoding with its limits, cookies, row ids, integers,
 * UTF-8 and control-character checks, route patterns.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/buf.h"
#include "http/parse.h"

static struct arena	 A;

static int
teardown(void **state)
{
	(void)state;
	arena_reset(&A);
	return 0;
}

/* parse_urlencoded() on a C string; checks *out is empty on error. */
static enum parse_err
form(const char *s, struct kvlist *l)
{
	enum parse_err	 e;

	l->v = (struct kv *)1;		/* must be overwritten */
	l->n = 99;
	e = parse_urlencoded(&A, s, strlen(s), l);
	if (e != PARSE_OK) {
		assert_null(l->v);
		assert_int_equal(l->n, 0);
	}
	return e;
}

static enum parse_err
form_err(const char *s)
{
	struct kvlist	 l;

	return form(s, &l);
}

static void
test_form_basic(void **state)
{
	struct kvlist	 l;

	(void)state;
	assert_int_equal(form("a=1&b=two&c=", &l), PARSE_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].key, "a");
	assert_string_equal(l.v[0].val, "1");
	assert_int_equal(l.v[0].len, 1);
	assert_string_equal(kv_get(&l, "b"), "two");
	assert_string_equal(kv_get(&l, "c"), "");
	assert_int_equal(l.v[2].len, 0);
	assert_null(kv_get(&l, "d"));
	assert_null(kv_get(&l, "A"));
	assert_null(kv_get(NULL, "a"));
}

static void
test_form_empty(void **state)
{
	struct kvlist	 l;

	(void)state;
	assert_int_equal(form("", &l), PARSE_OK);
	assert_int_equal(l.n, 0);
	assert_null(kv_get(&l, "a"));
	assert_int_equal(form("&&&", &l), PARSE_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(parse_urlencoded(&A, NULL, 0, &l), PARSE_OK);
	assert_int_equal(l.n, 0);
}

static void
test_form_decoding(void **state)
{
	struct kvlist	 l;

	(void)state;
	assert_int_equal(form("q=a+b%20c%2Bd&n%61me=%e2%82%AC", &l),
	    PARSE_OK);
	assert_string_equal(kv_get(&l, "q"), "a b c+d");
	assert_string_equal(kv_get(&l, "name"), "\xe2\x82\xac");
	assert_int_equal(l.v[1].len, 3);

	/* Only the first '=' splits. */
	assert_int_equal(form("x=a=b==", &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "x"), "a=b==");

	/* %26 and %3D are data, not separators. */
	assert_int_equal(form("k%3Dx=v%26w", &l), PARSE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "k=x"), "v&w");

	/* Raw UTF-8 (not escaped) is accepted when valid. */
	assert_int_equal(form("t=caf\xc3\xa9", &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "t"), "caf\xc3\xa9");
}

static void
test_form_empty_pairs(void **state)
{
	struct kvlist	 l;

	(void)state;
	assert_int_equal(form("&a=1&&b=2&", &l), PARSE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_string_equal(kv_get(&l, "b"), "2");

	/* A nameless pair is skipped: no form field is nameless. */
	assert_int_equal(form("=x&a=1&=", &l), PARSE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_null(kv_get(&l, ""));
}

static void
test_form_no_equals(void **state)
{
	struct kvlist	 l;

	(void)state;
	assert_int_equal(form("flag&a=1", &l), PARSE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "flag"), "");
	assert_int_equal(l.v[0].len, 0);
	assert_int_equal(form("flag", &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "flag"), "");
}

static void
test_form_bad_escape(void **state)
{
	(void)state;
	assert_int_equal(form_err("a=%zz"), PARSE_BAD_ENCODING);
	assert_int_equal(form_err("a=%4"), PARSE_BAD_ENCODING);
	assert_int_equal(form_err("a=%"), PARSE_BAD_ENCODING);
	assert_int_equal(form_err("a=%4g"), PARSE_BAD_ENCODING);
	assert_int_equal(form_err("a=%g4"), PARSE_BAD_ENCODING);
	assert_int_equal(form_err("%zz=1"), PARSE_BAD_ENCODING);
	assert_int_equal(form_err("a=1&b=%4&c=3"), PARSE_BAD_ENCODING);
	/* A '%' split from its digits by '&' is not an escape. */
	assert_int_equal(form_err("a=%4&1"), PARSE_BAD_ENCODING);
	assert_int_equal(form_err("a=%-1"), PARSE_BAD_ENCODING);
	assert_int_equal(form_err("a=% 1"), PARSE_BAD_ENCODING);
}

static void
test_form_bad_utf8(void **state)
{
	(void)state;
	assert_int_equal(form_err("a=%C3%28"), PARSE_BAD_UTF8);
	assert_int_equal(form_err("a=%C0%AF"), PARSE_BAD_UTF8);	/* overlong / */
	assert_int_equal(form_err("a=%E0%80%AF"), PARSE_BAD_UTF8);
	assert_int_equal(form_err("a=%F0%80%80%AF"), PARSE_BAD_UTF8);
	assert_int_equal(form_err("a=%ED%A0%80"), PARSE_BAD_UTF8);	/* D800 */
	assert_int_equal(form_err("a=%ED%BF%BF"), PARSE_BAD_UTF8);	/* DFFF */
	assert_int_equal(form_err("a=%F4%90%80%80"), PARSE_BAD_UTF8);	/* >10FFFF */
	assert_int_equal(form_err("a=%F5%80%80%80"), PARSE_BAD_UTF8);
	assert_int_equal(form_err("a=%FF"), PARSE_BAD_UTF8);
	assert_int_equal(form_err("a=%80"), PARSE_BAD_UTF8);
	assert_int_equal(form_err("a=%E2%82"), PARSE_BAD_UTF8);	/* cut short */
	assert_int_equal(form_err("a=%E2%82&b=%AC"), PARSE_BAD_UTF8);
	assert_int_equal(form_err("a=x\xc3"), PARSE_BAD_UTF8);
	assert_int_equal(form_err("%C3=1"), PARSE_BAD_UTF8);
}

static void
test_form_control(void **state)
{
	struct kvlist	 l;

	(void)state;
	assert_int_equal(form_err("a=%00"), PARSE_CONTROL);
	assert_int_equal(form_err("a=x%00y"), PARSE_CONTROL);
	assert_int_equal(form_err("a=%01"), PARSE_CONTROL);
	assert_int_equal(form_err("a=%1B"), PARSE_CONTROL);
	assert_int_equal(form_err("a=%7F"), PARSE_CONTROL);
	assert_int_equal(form_err("a=\x01"), PARSE_CONTROL);
	/* Keys allow no control character at all. */
	assert_int_equal(form_err("a%0A=1"), PARSE_CONTROL);
	assert_int_equal(form_err("a%09=1"), PARSE_CONTROL);
	assert_int_equal(form_err("%00=1"), PARSE_CONTROL);

	/* Values may span lines and hold tabs. */
	assert_int_equal(form("memo=line1%0D%0Aline2%09tab%0A", &l),
	    PARSE_OK);
	assert_string_equal(kv_get(&l, "memo"), "line1\r\nline2\ttab\n");

	/* A raw NUL inside the given length is refused too. */
	assert_int_equal(parse_urlencoded(&A, "a=x\0y", 5, &l), PARSE_CONTROL);
	assert_null(l.v);
}

static void
test_form_too_many(void **state)
{
	struct kvlist	 l;
	struct buf	 b = { 0 };
	int		 i;

	(void)state;
	for (i = 0; i < PARSE_MAX_PARAMS; i++)
		buf_printf(&b, "%sk%d=%d", i ? "&" : "", i, i);
	assert_int_equal(form(b.p, &l), PARSE_OK);
	assert_int_equal(l.n, PARSE_MAX_PARAMS);
	assert_string_equal(kv_get(&l, "k63"), "63");

	/* Empty pairs do not count. */
	buf_puts(&b, "&&&");
	assert_int_equal(form(b.p, &l), PARSE_OK);

	buf_puts(&b, "&k64=64");
	assert_int_equal(form(b.p, &l), PARSE_TOO_MANY);
	buf_free(&b);
}

static void
test_form_too_long(void **state)
{
	struct kvlist	 l;
	struct buf	 b = { 0 };
	size_t		 i;

	(void)state;
	buf_puts(&b, "v=");
	for (i = 0; i < PARSE_MAX_VALUE; i++)
		buf_add(&b, "x", 1);
	assert_int_equal(form(b.p, &l), PARSE_OK);
	assert_int_equal(l.v[0].len, PARSE_MAX_VALUE);
	assert_int_equal(strlen(kv_get(&l, "v")), PARSE_MAX_VALUE);
	buf_add(&b, "x", 1);
	assert_int_equal(form(b.p, &l), PARSE_TOO_LONG);

	/* The limit is on decoded bytes: %41 is one byte. */
	buf_reset(&b);
	buf_puts(&b, "v=");
	for (i = 0; i < PARSE_MAX_VALUE; i++)
		buf_puts(&b, "%41");
	assert_int_equal(form(b.p, &l), PARSE_OK);
	assert_int_equal(l.v[0].len, PARSE_MAX_VALUE);
	buf_puts(&b, "%41");
	assert_int_equal(form(b.p, &l), PARSE_TOO_LONG);

	/* Keys: exactly PARSE_MAX_KEY bytes is fine, one more is not. */
	buf_reset(&b);
	for (i = 0; i < PARSE_MAX_KEY; i++)
		buf_add(&b, "k", 1);
	buf_puts(&b, "=1");
	assert_int_equal(form(b.p, &l), PARSE_OK);
	buf_reset(&b);
	for (i = 0; i < PARSE_MAX_KEY + 1; i++)
		buf_add(&b, "k", 1);
	assert_int_equal(form(b.p, &l), PARSE_TOO_LONG);
	buf_free(&b);
}

static void
test_form_duplicate(void **state)
{
	(void)state;
	assert_int_equal(form_err("a=1&a=2"), PARSE_DUPLICATE);
	assert_int_equal(form_err("a=1&b=2&a"), PARSE_DUPLICATE);
	/* Decoded keys are compared: %61 is a. */
	assert_int_equal(form_err("a=1&%61=1"), PARSE_DUPLICATE);
	assert_int_equal(form_err("a+b=1&a%20b=2"), PARSE_DUPLICATE);
	assert_int_equal(form_err("a=1&A=2"), PARSE_OK);
}

static void
test_errors_table(void **state)
{
	int	 i;

	(void)state;
	for (i = 0; i < PARSE_ERR__MAX; i++) {
		assert_non_null(parse_errors[i]);
		assert_true(strlen(parse_errors[i]) > 0);
	}
	assert_string_equal(parse_errors[PARSE_TOO_MANY], "too many fields");
}

static void
test_cookies(void **state)
{
	struct kvlist	 l;

	(void)state;
	assert_int_equal(parse_cookies(&A, "sid=abc123; csrf=x-y_z", &l),
	    PARSE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "sid"), "abc123");
	assert_string_equal(kv_get(&l, "csrf"), "x-y_z");
	assert_int_equal(l.v[0].len, 6);

	assert_int_equal(parse_cookies(&A, "", &l), PARSE_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(parse_cookies(&A, NULL, &l), PARSE_OK);
	assert_int_equal(l.n, 0);

	/* Spaces around names and values are trimmed. */
	assert_int_equal(parse_cookies(&A, "  a = 1 ;b=2;  c=3  ", &l),
	    PARSE_OK);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_string_equal(kv_get(&l, "b"), "2");
	assert_string_equal(kv_get(&l, "c"), "3");

	/* Quotes come off; values are not %-decoded. */
	assert_int_equal(parse_cookies(&A, "q=\"v%20w\"; e=\"\"", &l),
	    PARSE_OK);
	assert_string_equal(kv_get(&l, "q"), "v%20w");
	assert_string_equal(kv_get(&l, "e"), "");

	/* Only the first '=' splits. */
	assert_int_equal(parse_cookies(&A, "b64=YWJj==", &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "b64"), "YWJj==");
}

static void
test_cookies_garbage(void **state)
{
	struct kvlist	 l;

	(void)state;
	/* Malformed pairs are skipped; the good one survives. */
	assert_int_equal(parse_cookies(&A,
	    "junk; =nameless; ;;; a b=1; \"q\"=2; x=\"half; "
	    "ctl=a\x01z; bad=\xc3\x28; in=a\"b; sid=ok", &l), PARSE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "sid"), "ok");
	assert_null(kv_get(&l, "x"));
	assert_null(kv_get(&l, "junk"));

	assert_int_equal(parse_cookies(&A, ";;;", &l), PARSE_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(parse_cookies(&A, "=", &l), PARSE_OK);
	assert_int_equal(l.n, 0);

	/* Spaces inside quotes make the pair malformed. */
	assert_int_equal(parse_cookies(&A, "q=\" x\"; r=\"y \"; s=\"a b\"",
	    &l), PARSE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "s"), "a b");

	/* A lone quote is a value, not a pair of quotes. */
	assert_int_equal(parse_cookies(&A, "a=\"", &l), PARSE_OK);
	assert_int_equal(l.n, 0);

	/* Sent twice (two paths): the first one wins. */
	assert_int_equal(parse_cookies(&A, "sid=first; sid=second", &l),
	    PARSE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "sid"), "first");

	/* Spaces inside a value are kept (browsers send them). */
	assert_int_equal(parse_cookies(&A, "m=a b", &l), PARSE_OK);
	assert_string_equal(kv_get(&l, "m"), "a b");
}

static void
test_cookies_too_many(void **state)
{
	struct kvlist	 l;
	struct buf	 b = { 0 };
	int		 i;

	(void)state;
	for (i = 0; i < PARSE_MAX_COOKIES; i++)
		buf_printf(&b, "c%d=%d; ", i, i);
	assert_int_equal(parse_cookies(&A, b.p, &l), PARSE_OK);
	assert_int_equal(l.n, PARSE_MAX_COOKIES);
	/* Repeats and junk do not count. */
	buf_puts(&b, "c0=again; junk; ");
	assert_int_equal(parse_cookies(&A, b.p, &l), PARSE_OK);
	buf_puts(&b, "one=more");
	assert_int_equal(parse_cookies(&A, b.p, &l), PARSE_TOO_MANY);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
	buf_free(&b);
}

static void
test_parse_id(void **state)
{
	int64_t	 v;

	(void)state;
	v = -7;
	assert_int_equal(parse_id("1", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(parse_id("42", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(parse_id("9007199254740992", &v), 0);
	assert_int_equal(v, 9007199254740992LL);

	v = -7;
	assert_int_equal(parse_id("0", &v), -1);
	assert_int_equal(parse_id("01", &v), -1);
	assert_int_equal(parse_id("-1", &v), -1);
	assert_int_equal(parse_id("+1", &v), -1);
	assert_int_equal(parse_id("9007199254740993", &v), -1);
	assert_int_equal(parse_id("9999999999999999", &v), -1);
	assert_int_equal(parse_id("10000000000000000", &v), -1);
	assert_int_equal(parse_id("99999999999999999999999999", &v), -1);
	assert_int_equal(parse_id("", &v), -1);
	assert_int_equal(parse_id("1a", &v), -1);
	assert_int_equal(parse_id("a1", &v), -1);
	assert_int_equal(parse_id(" 1", &v), -1);
	assert_int_equal(parse_id("1 ", &v), -1);
	assert_int_equal(parse_id("1.0", &v), -1);
	assert_int_equal(parse_id("0x1", &v), -1);
	assert_int_equal(parse_id(NULL, &v), -1);
	assert_int_equal(v, -7);	/* untouched on failure */
}

static void
test_parse_int(void **state)
{
	int64_t	 v;

	(void)state;
	assert_int_equal(parse_int("0", 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_int("10", 0, 10, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(parse_int("-5", -10, 10, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(parse_int("-0", 0, 0, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_int("007", 0, 10, &v), 0);
	assert_int_equal(v, 7);

	v = 99;
	assert_int_equal(parse_int("11", 0, 10, &v), -1);
	assert_int_equal(parse_int("-1", 0, 10, &v), -1);
	assert_int_equal(parse_int("", 0, 10, &v), -1);
	assert_int_equal(parse_int("-", 0, 10, &v), -1);
	assert_int_equal(parse_int("+1", 0, 10, &v), -1);
	assert_int_equal(parse_int("--1", -10, 10, &v), -1);
	assert_int_equal(parse_int(" 1", 0, 10, &v), -1);
	assert_int_equal(parse_int("1 ", 0, 10, &v), -1);
	assert_int_equal(parse_int("1x", 0, 10, &v), -1);
	assert_int_equal(parse_int("1.5", 0, 10, &v), -1);
	assert_int_equal(parse_int("5", 10, 0, &v), -1);	/* empty range */
	assert_int_equal(parse_int(NULL, 0, 10, &v), -1);
	assert_int_equal(v, 99);

	/* The ends of int64 and one past them. */
	assert_int_equal(parse_int("9223372036854775807", INT64_MIN,
	    INT64_MAX, &v), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(parse_int("-9223372036854775808", INT64_MIN,
	    INT64_MAX, &v), 0);
	assert_true(v == INT64_MIN);
	assert_int_equal(parse_int("9223372036854775808", INT64_MIN,
	    INT64_MAX, &v), -1);
	assert_int_equal(parse_int("-9223372036854775809", INT64_MIN,
	    INT64_MAX, &v), -1);
	assert_int_equal(parse_int("18446744073709551616", INT64_MIN,
	    INT64_MAX, &v), -1);
	assert_int_equal(parse_int("99999999999999999999999999999999999",
	    INT64_MIN, INT64_MAX, &v), -1);
	assert_int_equal(parse_int("00000000000000000000000000000000042",
	    0, 100, &v), 0);
	assert_int_equal(v, 42);
}

static void
test_text_valid(void **state)
{
	(void)state;
	assert_true(text_valid("", 0, false));
	assert_true(text_valid("plain text", 10, false));
	assert_true(text_valid("\xc2\x80", 2, false));		/* U+0080 */
	assert_true(text_valid("\xdf\xbf", 2, false));		/* U+07FF */
	assert_true(text_valid("\xe0\xa0\x80", 3, false));	/* U+0800 */
	assert_true(text_valid("\xed\x9f\xbf", 3, false));	/* U+D7FF */
	assert_true(text_valid("\xee\x80\x80", 3, false));	/* U+E000 */
	assert_true(text_valid("\xef\xbf\xbf", 3, false));	/* U+FFFF */
	assert_true(text_valid("\xf0\x90\x80\x80", 4, false));	/* U+10000 */
	assert_true(text_valid("\xf4\x8f\xbf\xbf", 4, false));	/* U+10FFFF */

	assert_false(text_valid("\xc0\xaf", 2, false));
	assert_false(text_valid("\xc1\xbf", 2, false));
	assert_false(text_valid("\xe0\x9f\xbf", 3, false));
	assert_false(text_valid("\xed\xa0\x80", 3, false));
	assert_false(text_valid("\xed\xbf\xbf", 3, false));
	assert_false(text_valid("\xf0\x8f\xbf\xbf", 4, false));
	assert_false(text_valid("\xf4\x90\x80\x80", 4, false));
	assert_false(text_valid("\xf5\x80\x80\x80", 4, false));
	assert_false(text_valid("\xc3", 1, false));
	assert_false(text_valid("\xe2\x82", 2, false));
	assert_false(text_valid("\xf0\x90\x80", 3, false));
	assert_false(text_valid("\xc3\x28", 2, false));
	assert_false(text_valid("\xe2\x28\xa1", 3, false));
	assert_false(text_valid("\xe2\x82\x28", 3, false));
	assert_false(text_valid("\x80", 1, false));
	assert_false(text_valid("\xfe", 1, false));
	/* Only n bytes are read: the valid tail past n does not help. */
	assert_false(text_valid("\xe2\x82\xac", 2, false));

	assert_false(text_valid("a\0b", 3, false));
	assert_false(text_valid("a\x7f", 2, false));
	assert_false(text_valid("\x1f", 1, false));
	assert_false(text_valid("a\nb", 3, false));
	assert_true(text_valid("a\nb\r\n\tc", 7, true));
	assert_false(text_valid("a\0b", 3, true));
	assert_false(text_valid("\x0b", 1, true));		/* VT */
	assert_false(text_valid("\x0c", 1, true));		/* FF */
	assert_false(text_valid("\x7f", 1, true));
}

static void
test_route_match(void **state)
{
	int64_t	 caps[2];

	(void)state;
	caps[0] = caps[1] = -1;
	assert_true(route_match("/contracts", "/contracts", caps));
	assert_int_equal(caps[0], 0);
	caps[0] = caps[1] = -1;
	assert_true(route_match("/", "/", caps));
	assert_int_equal(caps[0], 0);
	assert_true(route_match("/contracts/{id}", "/contracts/17", caps));
	assert_int_equal(caps[0], 17);
	assert_int_equal(caps[1], 0);
	assert_true(route_match("/contracts/{id}/diary/{id}/delete",
	    "/contracts/3/diary/9007199254740992/delete", caps));
	assert_int_equal(caps[0], 3);
	assert_int_equal(caps[1], 9007199254740992LL);
	assert_true(route_match("/users/{id}", "/users/5", NULL));

	caps[0] = caps[1] = -1;
	assert_false(route_match("/contracts/{id}", "/contracts/", caps));
	assert_false(route_match("/contracts/{id}", "/contracts", caps));
	assert_false(route_match("/contracts/{id}", "/contracts/17/", caps));
	assert_false(route_match("/contracts/{id}", "/contracts//17", caps));
	assert_false(route_match("/contracts/{id}", "//contracts/17", caps));
	assert_false(route_match("/contracts/{id}", "/contracts/0", caps));
	assert_false(route_match("/contracts/{id}", "/contracts/017", caps));
	assert_false(route_match("/contracts/{id}", "/contracts/-1", caps));
	assert_false(route_match("/contracts/{id}", "/contracts/abc", caps));
	assert_false(route_match("/contracts/{id}", "/contracts/1a", caps));
	assert_false(route_match("/contracts/{id}",
	    "/contracts/9007199254740993", caps));
	assert_false(route_match("/contracts/{id}", "/contracts/17?x=1",
	    caps));
	assert_false(route_match("/contracts/{id}", "/contracts/17/end",
	    caps));
	assert_false(route_match("/contracts/{id}", "/Contracts/17", caps));
	assert_false(route_match("/contracts/{id}", "/contract/17", caps));
	assert_false(route_match("/contracts/{id}", "/contractsx/17", caps));
	assert_false(route_match("/contracts/{id}", "contracts/17", caps));
	assert_false(route_match("/contracts/{id}", "", caps));
	assert_false(route_match("/contracts/{id}", "/contracts/{id}", caps));
	assert_false(route_match("/contracts/{id}/diary/{id}/delete",
	    "/contracts/3/diary/x/delete", caps));
	assert_false(route_match("/contracts/{id}/diary/{id}/delete",
	    "/contracts/3/diary/4/delete/", caps));
	assert_false(route_match("/contracts", "/contracts/", caps));
	assert_false(route_match("/contracts", "/", caps));
	assert_false(route_match("/", "", caps));
	assert_false(route_match("/", "//", caps));
	assert_false(route_match("/", "/contracts", caps));
	assert_false(route_match(NULL, "/", caps));
	assert_false(route_match("/", NULL, caps));
	/* caps are only written on a match. */
	assert_int_equal(caps[0], -1);
	assert_int_equal(caps[1], -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_form_basic, teardown),
		cmocka_unit_test_teardown(test_form_empty, teardown),
		cmocka_unit_test_teardown(test_form_decoding, teardown),
		cmocka_unit_test_teardown(test_form_empty_pairs, teardown),
		cmocka_unit_test_teardown(test_form_no_equals, teardown),
		cmocka_unit_test_teardown(test_form_bad_escape, teardown),
		cmocka_unit_test_teardown(test_form_bad_utf8, teardown),
		cmocka_unit_test_teardown(test_form_control, teardown),
		cmocka_unit_test_teardown(test_form_too_many, teardown),
		cmocka_unit_test_teardown(test_form_too_long, teardown),
		cmocka_unit_test_teardown(test_form_duplicate, teardown),
		cmocka_unit_test(test_errors_table),
		cmocka_unit_test_teardown(test_cookies, teardown),
		cmocka_unit_test_teardown(test_cookies_garbage, teardown),
		cmocka_unit_test_teardown(test_cookies_too_many, teardown),
		cmocka_unit_test(test_parse_id),
		cmocka_unit_test(test_parse_int),
		cmocka_unit_test(test_text_valid),
		cmocka_unit_test(test_route_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
