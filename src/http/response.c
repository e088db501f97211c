/*
 * response: write the status line, headers and body a handler built.
 * Security headers that hold for every response (CSP and friends) are
 * set by nginx; here only what depends on the request.
 */
#include <stdio.h>
#include <string.h>

#include "http/http.h"

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default:  return "";
	}
}

void
resp_redirect(struct req *r, const char *location)
{
	r->resp.status = 303;
	r->resp.location = location;
}

void
resp_cookie(struct req *r, const char *name, const char *val, int64_t max_age)
{
	struct resp	*p = &r->resp;
	char		*c;

	if (p->ncookies == (int)(sizeof(p->cookies) / sizeof(p->cookies[0])))
		return;
	c = arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name,
	    val, r->secure ? "; Secure" : "");
	if (max_age >= 0)
		c = arena_printf(&r->arena, "%s; Max-Age=%lld", c, (long long)max_age);
	p->cookies[p->ncookies++] = c;
}

void
resp_send(struct req *r)
{
	struct resp	*p = &r->resp;
	struct buf	 h = { NULL, 0, 0 };
	int		 i;

	/* libfcgi's own printf lacks %zu and friends: format here. */
	buf_printf(&h, "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Cache-Control: no-store\r\n", p->status, reason(p->status),
	    p->ctype != NULL ? p->ctype : "text/html; charset=utf-8");
	if (p->location != NULL)
		buf_printf(&h, "Location: %s\r\n", p->location);
	if (p->allow != NULL)
		buf_printf(&h, "Allow: %s\r\n", p->allow);
	for (i = 0; i < p->ncookies; i++)
		buf_printf(&h, "Set-Cookie: %s\r\n", p->cookies[i]);
	buf_printf(&h, "Content-Length: %zu\r\n\r\n", p->body.len);
	FCGX_PutStr(h.p, (int)h.len, r->fcgx->out);
	if (r->method != METHOD_HEAD && p->body.len > 0)
		FCGX_PutStr(p->body.p, (int)p->body.len, r->fcgx->out);
	buf_free(&h);
}
