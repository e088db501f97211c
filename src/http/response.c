/*
 * response: write the status line, headers and body a handler built.
 * Security headers that hold for every response (CSP and friends) are
 * set by nginx; here only what depends on the request.
 */
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

/* "Name: value" and the line's end. */
static void
header(struct buf *h, const char *name, const char *value)
{
	buf_puts(h, name);
	buf_add(h, ": ", 2);
	buf_puts(h, value);
	buf_add(h, "\r\n", 2);
}

/* The head is put together without printf: it is made for every request. */
void
resp_send(struct req *r)
{
	static struct buf	 h;	/* keeps its memory from one request to the next */
	struct resp		*p = &r->resp;
	int			 i;

	buf_reset(&h);
	buf_puts(&h, "Status: ");
	buf_putu(&h, (uint64_t)p->status);
	buf_add(&h, " ", 1);
	buf_puts(&h, reason(p->status));
	buf_add(&h, "\r\n", 2);
	header(&h, "Content-Type", p->ctype != NULL ? p->ctype : "text/html; charset=utf-8");
	header(&h, "Cache-Control", "no-store");
	if (p->location != NULL)
		header(&h, "Location", p->location);
	if (p->allow != NULL)
		header(&h, "Allow", p->allow);
	if (p->status == 503)	/* the database is changing hands (page_fail) */
		header(&h, "Retry-After", "2");
	if (p->disposition != NULL)
		header(&h, "Content-Disposition", p->disposition);
	for (i = 0; i < p->ncookies; i++)
		header(&h, "Set-Cookie", p->cookies[i]);
	buf_puts(&h, "Content-Length: ");
	buf_putu(&h, p->body.len);
	buf_add(&h, "\r\n\r\n", 4);
	FCGX_PutStr(h.p, (int)h.len, r->fcgx->out);
	if (r->method != METHOD_HEAD && p->body.len > 0)
		FCGX_PutStr(p->body.p, (int)p->body.len, r->fcgx->out);
}
