/* page-help: not built yet; answers 404 until it lands. */
#include "pages/pages.h"

void
page_help(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_help_vote_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}
