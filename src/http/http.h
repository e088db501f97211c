/*
 * http: one request as the handlers see it, and the response they build.
 * request.c reads and validates what FastCGI hands over (limits first),
 * response.c writes the answer, dispatch.c picks the handler from the
 * route table the app gives it (src/routes.c).
 */
#ifndef HTTP_H
#define HTTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <fcgiapp.h>

#include "http/parse.h"
#include "util/arena.h"
#include "util/buf.h"

#define REQ_MAX_BODY	65536	/* bytes; more is refused with 413 */
#define REQ_MAX_QUERY	4096

enum method {
	METHOD_GET = 0,
	METHOD_POST,
	METHOD_HEAD,
	METHOD_OTHER,
	METHOD__MAX
};

struct resp {
	int		 status;
	const char	*ctype;
	const char	*location;
	const char	*cookies[4];	/* Set-Cookie values */
	int		 ncookies;
	const char	*allow;		/* for 405 */
	const char	*disposition;	/* Content-Disposition, for downloads */
	struct buf	 body;
};

struct req {
	struct arena	 arena;		/* everything below lives here */
	FCGX_Request	*fcgx;
	enum method	 method;
	const char	*path;		/* without the query */
	const char	*query_raw;
	struct kvlist	 query;
	struct kvlist	 form;
	struct kvlist	 cookies;
	int64_t		 caps[2];	/* {id} captures of the route */
	int64_t		 now;
	bool		 secure;	/* served over https */
	int		 route;		/* index in the route table, -1: none */

	/* Filled by the session gate. */
	int64_t		 uid;		/* 0: signed out */
	int64_t		 sid;
	const char	*uname;
	const char	*csrf;		/* the token forms must carry */
	int64_t		 unread;
	int64_t		 unread_messages;
	int64_t		 unread_thread;	/* a contract with unread messages, or 0 */
	const char	*tzname;	/* the user's time zone, an IANA name */
	const char	*flash;		/* one-time message, or NULL */

	struct dict	*dict;		/* the layout's dictionary */
	struct resp	 resp;
};

/*
 * Read the request: method, path, query, cookies and (for POST) a body of
 * exactly CONTENT_LENGTH bytes.  Returns 0, or the status to answer with
 * (400, 413) and a message in *why.
 */
int		 req_read(struct req *, FCGX_Request *, const char **why);
const char	*req_param(const struct req *, const char *);	/* form or query */
const char	*req_form(const struct req *, const char *);
const char	*req_query(const struct req *, const char *);
const char	*req_cookie(const struct req *, const char *);

void		 resp_redirect(struct req *, const char *location);	/* 303 */
void		 resp_cookie(struct req *, const char *name, const char *val,
		    int64_t max_age);	/* max_age < 0: session cookie */
void		 resp_send(struct req *);

/* A handler: reads the request, leaves its answer in r->resp. */
typedef void (*handler_fn)(struct req *);

/*
 * One row of a route table: a path pattern (route_match(): "{id}" is
 * one id segment), the handlers of GET (and HEAD) and of POST (NULL:
 * not taken), and flags that the table's owner gives meaning to.
 */
struct route {
	const char	*pattern;
	handler_fn	 get;
	handler_fn	 post;
	unsigned	 flags;
};

/* The table to match requests against (src/routes.c gives it once). */
void		 dispatch_init(const struct route *, size_t n);
/* The first route whose pattern matches r's whole path, its captures in
 * r->caps and its index in r->route; NULL (r->route -1) when none. */
const struct route *dispatch_match(struct req *);
/* The route's handler for r's method, or NULL: 405, Allow dispatch_allow(). */
handler_fn	 dispatch_handler(const struct req *, const struct route *);
const char	*dispatch_allow(const struct route *);
/* The pattern of route i, to label its counts; NULL past the table. */
const char	*dispatch_route_name(int);

#endif
