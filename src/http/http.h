/*
 * http: one request as the handlers see it, and the response they build.
 * request.c reads and validates what FastCGI hands over (limits first),
 * response.c writes the answer, router.c picks the handler.
 */
#ifndef HTTP_H
#define HTTP_H
#include <stdbool.h>
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

/* Run the route table on the request; the response is left in r->resp. */
void		 router_dispatch(struct req *);
const char	*router_route_name(int);

#endif
