/*
 * routes: the app's route table and the gates before every handler
 * (routes.c).  The top of the app: main.c calls it, nothing below it
 * includes this.
 */
#ifndef ROUTES_H
#define ROUTES_H

struct req;

/* Give the route table to http/dispatch.c; once, at start. */
void	 routes_init(void);
/* Answer r: match its path, load its session, check method, CSRF and
 * sign-in, then run the route's handler.  The response is left in
 * r->resp. */
void	 routes_dispatch(struct req *);

#endif
