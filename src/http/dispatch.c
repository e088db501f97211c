/*
 * dispatch: matches a request against the route table the app gives it
 * (src/routes.c) and picks the handler for its method.  It decides
 * nothing about what the routes are or who may use them.
 */
#include <stddef.h>

#include "http/http.h"

static const struct route	*table;
static size_t			 ntable;

void
dispatch_init(const struct route *routes, size_t n)
{
	table = routes;
	ntable = n;
}

const struct route *
dispatch_match(struct req *r)
{
	size_t	 i;

	r->route = -1;
	for (i = 0; i < ntable; i++)
		if (route_match(table[i].pattern, r->path, r->caps)) {
			r->route = (int)i;
			return &table[i];
		}
	return NULL;
}

handler_fn
dispatch_handler(const struct req *r, const struct route *rt)
{
	if (r->method == METHOD_POST)
		return rt->post;
	return r->method == METHOD_OTHER ? NULL : rt->get;
}

const char *
dispatch_allow(const struct route *rt)
{
	if (rt->get != NULL && rt->post != NULL)
		return "GET, HEAD, POST";
	return rt->get != NULL ? "GET, HEAD" : "POST";
}

/* The pattern of route i, to label its counts; NULL past the table. */
const char *
dispatch_route_name(int i)
{
	return i >= 0 && (size_t)i < ntable ? table[i].pattern : NULL;
}
