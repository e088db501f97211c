/*
 * request: turn what FastCGI hands over into a struct req.  Limits come
 * first: the body is refused on its declared length before a byte is
 * read, then read until exactly CONTENT_LENGTH bytes.  Every field is
 * decoded and checked (encoding, UTF-8, control characters) here, once.
 */
#include <string.h>

#include "http/http.h"

static enum method
method_of(const char *m)
{
	if (m == NULL)
		return METHOD_OTHER;
	if (strcmp(m, "GET") == 0)
		return METHOD_GET;
	if (strcmp(m, "POST") == 0)
		return METHOD_POST;
	if (strcmp(m, "HEAD") == 0)
		return METHOD_HEAD;
	return METHOD_OTHER;
}

/* Read exactly n bytes of body.  0, or -1 when the stream ends early. */
static int
read_body(FCGX_Request *f, char *p, size_t n)
{
	size_t	 got = 0;
	int	 k;

	while (got < n) {
		k = FCGX_GetStr(p + got, (int)(n - got), f->in);
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}

int
req_read(struct req *r, FCGX_Request *f, const char **why)
{
	const char	*uri, *q, *s;
	char		*body;
	int64_t		 len = 0;
	enum parse_err	 pe;

	r->fcgx = f;
	r->method = method_of(FCGX_GetParam("REQUEST_METHOD", f->envp));
	s = FCGX_GetParam("HTTPS", f->envp);
	r->secure = s != NULL && *s != '\0';

	uri = FCGX_GetParam("REQUEST_URI", f->envp);
	if (uri == NULL || *uri != '/') {
		r->path = "/";
		*why = "The address of the page is malformed.";
		return 400;
	}
	q = strchr(uri, '?');
	r->path = q == NULL ? arena_strdup(&r->arena, uri) :
	    arena_strndup(&r->arena, uri, (size_t)(q - uri));
	r->query_raw = q == NULL ? "" : q + 1;
	if (strlen(r->query_raw) > REQ_MAX_QUERY) {
		*why = "The address is too long.";
		return 400;
	}
	if ((pe = parse_urlencoded(&r->arena, r->query_raw, strlen(r->query_raw),
	    &r->query)) != PARSE_OK) {
		*why = arena_printf(&r->arena, "The address is malformed: %s.",
		    parse_errors[pe]);
		return 400;
	}
	if ((s = FCGX_GetParam("HTTP_COOKIE", f->envp)) != NULL &&
	    parse_cookies(&r->arena, s, &r->cookies) != PARSE_OK)
		memset(&r->cookies, 0, sizeof(r->cookies));	/* as if none */

	if (r->method != METHOD_POST)
		return 0;
	s = FCGX_GetParam("CONTENT_LENGTH", f->envp);
	if (s != NULL && *s != '\0' && parse_int(s, 0, INT64_MAX, &len) == -1) {
		*why = "The request's length is malformed.";
		return 400;
	}
	if (len > REQ_MAX_BODY) {
		*why = "The form is too large: send at most 64 KB.";
		return 413;
	}
	s = FCGX_GetParam("CONTENT_TYPE", f->envp);
	if (len > 0 && (s == NULL ||
	    strncmp(s, "application/x-www-form-urlencoded", 33) != 0)) {
		*why = "Send the form as application/x-www-form-urlencoded.";
		return 400;
	}
	body = arena_alloc(&r->arena, (size_t)len + 1);
	if (read_body(f, body, (size_t)len) == -1) {
		*why = "The form arrived incomplete.";
		return 400;
	}
	if ((pe = parse_urlencoded(&r->arena, body, (size_t)len, &r->form)) != PARSE_OK) {
		*why = arena_printf(&r->arena, "The form is malformed: %s.", parse_errors[pe]);
		return 400;
	}
	return 0;
}

const char *
req_form(const struct req *r, const char *key)
{
	return kv_get(&r->form, key);
}

const char *
req_query(const struct req *r, const char *key)
{
	return kv_get(&r->query, key);
}

const char *
req_param(const struct req *r, const char *key)
{
	const char	*v = kv_get(&r->form, key);

	return v != NULL ? v : kv_get(&r->query, key);
}

const char *
req_cookie(const struct req *r, const char *key)
{
	return kv_get(&r->cookies, key);
}
