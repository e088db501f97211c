/*
 * parse: the pure parsers at the edge of the app.  Nothing here touches
 * FastCGI, the database or the clock, so each can be unit tested and fuzzed.
 * All output strings live in the arena passed in.
 */
#ifndef PARSE_H
#define PARSE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* Limits on what a request may carry. */
#define PARSE_MAX_PARAMS	64	/* fields in one query or form */
#define PARSE_MAX_KEY		64	/* bytes in one decoded key */
#define PARSE_MAX_VALUE		20000	/* bytes in one decoded value */
#define PARSE_MAX_COOKIES	32

enum parse_err {
	PARSE_OK = 0,
	PARSE_BAD_ENCODING,	/* a % not followed by two hex digits */
	PARSE_BAD_UTF8,		/* decoded bytes are not valid UTF-8 */
	PARSE_CONTROL,		/* NUL or another control character */
	PARSE_TOO_MANY,		/* more than PARSE_MAX_PARAMS fields */
	PARSE_TOO_LONG,		/* a key or value over its limit */
	PARSE_DUPLICATE,	/* the same key twice */
	PARSE_ERR__MAX
};

/* A decoded key=value pair.  val is NUL-terminated; len excludes the NUL. */
struct kv {
	const char	*key;
	const char	*val;
	size_t		 len;
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
};

extern const char *const parse_errors[PARSE_ERR__MAX];	/* plain words */

/*
 * Decode application/x-www-form-urlencoded text (also a query string):
 * pairs split on '&', key and value split on the first '=', '+' is a
 * space, %XX is a byte.  Empty pairs ("a=1&&b=2") are skipped; a key with
 * no '=' has the empty value.  Values may contain \t \r \n but no other
 * control character; keys may contain none.  On error, *out is empty.
 */
enum parse_err	 parse_urlencoded(struct arena *, const char *, size_t,
		    struct kvlist *out);

/*
 * Decode a Cookie header: "a=1; b=2".  Values are taken as they are (no
 * %-decoding), surrounding spaces trimmed, optional double quotes removed.
 * Malformed pairs are skipped, not fatal (browsers send odd cookies).
 * Returns PARSE_TOO_MANY past PARSE_MAX_COOKIES.
 */
enum parse_err	 parse_cookies(struct arena *, const char *, struct kvlist *out);

/* The value for key, or NULL. */
const char	*kv_get(const struct kvlist *, const char *key);

/*
 * A row id: decimal digits only, no sign, no leading zero, 1..2^53.
 * Returns 0 and sets *out, or -1.
 */
int		 parse_id(const char *, int64_t *out);

/*
 * A decimal integer in [lo, hi]: optional '-', digits, nothing else.
 * Returns 0 and sets *out, or -1.
 */
int		 parse_int(const char *, int64_t lo, int64_t hi, int64_t *out);

/*
 * Whether n bytes are valid UTF-8 (no overlongs, no surrogates, nothing
 * over U+10FFFF) free of control characters; multiline allows \n, \r, \t.
 */
bool		 text_valid(const char *, size_t, bool multiline);
/* Characters (code points) in n bytes of valid UTF-8. */
size_t		 text_chars(const char *, size_t n);
/* Whether s is NULL, empty or only spaces, tabs and line breaks. */
bool		 text_blank(const char *);

/*
 * Match a path against a route pattern where "{id}" stands for one
 * segment that parse_id() accepts: "/contracts/{id}/diary/{id}/delete".
 * Up to 2 captures are stored in caps[] in order.  Returns true on a
 * match.  The path must match whole: no trailing slash, no query.
 */
bool		 route_match(const char *pattern, const char *path,
		    int64_t caps[2]);

#endif
