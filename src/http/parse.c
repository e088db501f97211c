/*
 * parse: the pure parsers at the edge of the app.  Form and query
 * decoding, cookies, row ids, integers, text checks and route patterns.
 * Every string a request carries passes through here before a handler
 * sees it, so every decoded value is valid UTF-8 with no control
 * characters (values may hold \t \r \n) and within the limits in
 * parse.h.  Nothing here touches FastCGI, the database or the clock;
 * output lives in the arena the caller passes in.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/arena.h"
#include "http/parse.h"

#define ID_MAX		9007199254740992LL	/* 2^53: exact in a double */
#define ID_DIGITS	16			/* digits in ID_MAX */

/* Shown to people in 400 pages: say what is wrong, plainly. */
const char *const parse_errors[PARSE_ERR__MAX] = {
	"no error",					/* PARSE_OK */
	"a %-escape is not two hex digits",		/* PARSE_BAD_ENCODING */
	"text is not valid UTF-8",			/* PARSE_BAD_UTF8 */
	"control characters are not allowed",		/* PARSE_CONTROL */
	"too many fields",				/* PARSE_TOO_MANY */
	"a field is too long",				/* PARSE_TOO_LONG */
	"a field appears twice",			/* PARSE_DUPLICATE */
};

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool
is_control(unsigned char c, bool multiline)
{
	if (multiline && (c == '\t' || c == '\n' || c == '\r'))
		return false;
	return c < 0x20 || c == 0x7f;
}

/*
 * Checks n bytes as UTF-8 text (Unicode 15, table 3-7: no overlong
 * forms, no surrogates D800..DFFF, nothing over U+10FFFF, no sequence
 * cut short) and refuses control characters.  Returns PARSE_OK,
 * PARSE_BAD_UTF8 or PARSE_CONTROL, for whichever problem comes first.
 */
static enum parse_err
text_scan(const unsigned char *s, size_t n, bool multiline)
{
	size_t		 i, k, len;
	unsigned char	 c, lo, hi;

	for (i = 0; i < n; i += len) {
		c = s[i];
		lo = 0x80;
		hi = 0xbf;
		if (c < 0x80) {
			if (is_control(c, multiline))
				return PARSE_CONTROL;
			len = 1;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0;	/* overlong below U+0800 */
			else if (c == 0xed)
				hi = 0x9f;	/* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90;	/* overlong below U+10000 */
			else if (c == 0xf4)
				hi = 0x8f;	/* over U+10FFFF */
		} else
			return PARSE_BAD_UTF8;	/* 80..C1, F5..FF */

		if (n - i < len)
			return PARSE_BAD_UTF8;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return PARSE_BAD_UTF8;
		for (k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return PARSE_BAD_UTF8;
	}
	return PARSE_OK;
}

bool
text_valid(const char *s, size_t n, bool multiline)
{
	if (s == NULL)
		return n == 0;
	return text_scan((const unsigned char *)s, n, multiline) == PARSE_OK;
}

/*
 * Decodes the n bytes at s ('+' is a space, %XX a byte) into a new
 * NUL-terminated string in the arena, *len its length.  Returns
 * PARSE_OK or PARSE_BAD_ENCODING; the text is not checked here.
 */
static enum parse_err
form_decode(struct arena *a, const char *s, size_t n, char **out,
    size_t *len)
{
	char	*p;
	size_t	 i, j;
	int	 h1, h2;

	p = arena_alloc(a, n + 1);
	for (i = j = 0; i < n; i++) {
		if (s[i] == '+')
			p[j++] = ' ';
		else if (s[i] == '%') {
			if (n - i < 3)
				return PARSE_BAD_ENCODING;
			h1 = hexval((unsigned char)s[i + 1]);
			h2 = hexval((unsigned char)s[i + 2]);
			if (h1 < 0 || h2 < 0)
				return PARSE_BAD_ENCODING;
			p[j++] = (char)(h1 << 4 | h2);
			i += 2;
		} else
			p[j++] = s[i];
	}
	p[j] = '\0';
	*out = p;
	*len = j;
	return PARSE_OK;
}

/*
 * Decodes and checks one "key=value" pair (not empty) into kv.
 * A pair with an empty key ("=x") leaves kv->key NULL: the caller
 * skips it, since no form field is nameless.
 */
static enum parse_err
pair_decode(struct arena *a, const char *s, size_t n, struct kv *kv)
{
	const char	*eq;
	char		*key, *val;
	size_t		 klen, vlen, rawk;
	enum parse_err	 e;

	kv->key = kv->val = NULL;
	kv->len = 0;

	eq = memchr(s, '=', n);
	rawk = eq != NULL ? (size_t)(eq - s) : n;
	if (rawk == 0)
		return PARSE_OK;
	if ((e = form_decode(a, s, rawk, &key, &klen)) != PARSE_OK)
		return e;
	if (eq != NULL)
		e = form_decode(a, eq + 1, n - rawk - 1, &val, &vlen);
	else
		e = form_decode(a, "", 0, &val, &vlen);
	if (e != PARSE_OK)
		return e;

	if (klen > PARSE_MAX_KEY || vlen > PARSE_MAX_VALUE)
		return PARSE_TOO_LONG;
	if ((e = text_scan((unsigned char *)key, klen, false)) != PARSE_OK)
		return e;
	if ((e = text_scan((unsigned char *)val, vlen, true)) != PARSE_OK)
		return e;

	kv->key = key;
	kv->val = val;
	kv->len = vlen;
	return PARSE_OK;
}

enum parse_err
parse_urlencoded(struct arena *a, const char *s, size_t n,
    struct kvlist *out)
{
	struct kv	*v;
	const char	*p, *end, *amp;
	size_t		 cnt, i, seg;
	enum parse_err	 e;

	out->v = NULL;
	out->n = 0;
	if (s == NULL || n == 0)
		return PARSE_OK;

	v = arena_alloc(a, PARSE_MAX_PARAMS * sizeof(*v));
	cnt = 0;
	for (p = s, end = s + n; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		seg = (size_t)(amp - p);
		if (seg == 0)
			continue;
		if (cnt == PARSE_MAX_PARAMS)
			return PARSE_TOO_MANY;
		if ((e = pair_decode(a, p, seg, &v[cnt])) != PARSE_OK)
			return e;
		if (v[cnt].key == NULL)
			continue;
		for (i = 0; i < cnt; i++)
			if (strcmp(v[i].key, v[cnt].key) == 0)
				return PARSE_DUPLICATE;
		cnt++;
	}
	out->v = v;
	out->n = cnt;
	return PARSE_OK;
}

/* RFC 6265 token characters, allowed in a cookie name. */
static bool
is_token(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7f)
		return false;
	return strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

enum parse_err
parse_cookies(struct arena *a, const char *s, struct kvlist *out)
{
	struct kv	*v;
	const char	*p, *semi, *eq, *k, *ke, *val, *ve;
	size_t		 cnt, i;
	bool		 ok;

	out->v = NULL;
	out->n = 0;
	if (s == NULL || *s == '\0')
		return PARSE_OK;

	v = arena_alloc(a, PARSE_MAX_COOKIES * sizeof(*v));
	cnt = 0;
	for (p = s; *p != '\0'; p = *semi == ';' ? semi + 1 : semi) {
		if ((semi = strchr(p, ';')) == NULL)
			semi = p + strlen(p);
		if ((eq = memchr(p, '=', (size_t)(semi - p))) == NULL)
			continue;

		/* Name and value, surrounding spaces trimmed. */
		for (k = p; k < eq && is_space(*k); k++)
			continue;
		for (ke = eq; ke > k && is_space(ke[-1]); ke--)
			continue;
		for (val = eq + 1; val < semi && is_space(*val); val++)
			continue;
		for (ve = semi; ve > val && is_space(ve[-1]); ve--)
			continue;
		if (ve - val >= 2 && *val == '"' && ve[-1] == '"') {
			val++;
			ve--;
			/* " x ": spaces inside quotes are not trimmed. */
			if (ve > val && (is_space(*val) || is_space(ve[-1])))
				continue;
		}

		/* Skip what we would not want a handler to see. */
		if (k == ke || (size_t)(ke - k) > PARSE_MAX_KEY ||
		    (size_t)(ve - val) > PARSE_MAX_VALUE)
			continue;
		for (ok = true, i = 0; ok && i < (size_t)(ke - k); i++)
			ok = is_token((unsigned char)k[i]);
		if (!ok || memchr(val, '"', (size_t)(ve - val)) != NULL ||
		    !text_valid(val, (size_t)(ve - val), false))
			continue;

		/*
		 * A name sent twice (cookies set for different paths): the
		 * browser sends the most specific first, so keep that one.
		 */
		for (i = 0; i < cnt; i++)
			if (strlen(v[i].key) == (size_t)(ke - k) &&
			    memcmp(v[i].key, k, (size_t)(ke - k)) == 0)
				break;
		if (i < cnt)
			continue;

		if (cnt == PARSE_MAX_COOKIES)
			return PARSE_TOO_MANY;	/* *out is still empty */
		v[cnt].key = arena_strndup(a, k, (size_t)(ke - k));
		v[cnt].val = arena_strndup(a, val, (size_t)(ve - val));
		v[cnt].len = (size_t)(ve - val);
		cnt++;
	}
	out->v = v;
	out->n = cnt;
	return PARSE_OK;
}

const char *
kv_get(const struct kvlist *l, const char *key)
{
	size_t	 i;

	if (l == NULL || key == NULL)
		return NULL;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

/* parse_id() on the n bytes at s, which need not be NUL-terminated. */
static int
id_parse(const char *s, size_t n, int64_t *out)
{
	int64_t	 v;
	size_t	 i;

	if (n == 0 || n > ID_DIGITS || s[0] < '1' || s[0] > '9')
		return -1;
	for (v = 0, i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');	/* 16 digits fit in int64 */
	}
	if (v > ID_MAX)
		return -1;
	*out = v;
	return 0;
}

int
parse_id(const char *s, int64_t *out)
{
	if (s == NULL)
		return -1;
	return id_parse(s, strlen(s), out);
}

/*
 * Accumulates the magnitude in unsigned arithmetic and refuses a digit
 * before it could pass the largest magnitude allowed for the sign, so
 * no string, however long, overflows.
 */
int
parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	uint64_t	 v, lim, d;
	bool		 neg;
	int64_t		 r;

	if (s == NULL || lo > hi)
		return -1;
	neg = *s == '-';
	if (neg)
		s++;
	if (*s == '\0')
		return -1;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (v = 0; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		d = (uint64_t)(*s - '0');
		if (v > (lim - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (neg)
		r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		r = (int64_t)v;
	if (r < lo || r > hi)
		return -1;
	*out = r;
	return 0;
}

/* The end of the segment starting at s: the next '/' or the NUL. */
static const char *
seg_end(const char *s)
{
	while (*s != '\0' && *s != '/')
		s++;
	return s;
}

/*
 * Walks pattern and path one "/segment" at a time.  Every path segment
 * must be non-empty, which refuses "//" and a trailing slash; "{id}"
 * takes a segment parse_id() accepts, anything else must be equal.
 * caps[] is written only on a match; unused slots are set to 0.
 */
bool
route_match(const char *pattern, const char *path, int64_t caps[2])
{
	int64_t		 got[2] = { 0, 0 }, id;
	const char	*ps, *pe, *qs, *qe;
	size_t		 ncap = 0, plen, qlen;

	if (pattern == NULL || path == NULL)
		return false;
	if (strcmp(pattern, "/") == 0) {
		if (strcmp(path, "/") != 0)
			return false;
		goto out;
	}

	for (ps = pattern, qs = path; *ps != '\0'; ps = pe, qs = qe) {
		if (*ps != '/' || *qs != '/')
			return false;
		ps++;
		qs++;
		pe = seg_end(ps);
		qe = seg_end(qs);
		plen = (size_t)(pe - ps);
		qlen = (size_t)(qe - qs);
		if (qlen == 0)
			return false;
		if (plen == 4 && memcmp(ps, "{id}", 4) == 0) {
			if (id_parse(qs, qlen, &id) != 0)
				return false;
			if (ncap < 2)
				got[ncap++] = id;
		} else if (plen != qlen || memcmp(ps, qs, plen) != 0)
			return false;
	}
	if (*qs != '\0')
		return false;
out:
	if (caps != NULL) {
		caps[0] = got[0];
		caps[1] = got[1];
	}
	return true;
}

/* Characters (code points) in n bytes of valid UTF-8: limits such as "a
 * comment of at most 5,000 characters" count these, not bytes. */
size_t
text_chars(const char *s, size_t n)
{
	size_t	 i, chars = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			chars++;
	return chars;
}

bool
text_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}
