/* page-end: not built yet; answers 404 until it lands. */
#include "pages/pages.h"

void
page_end(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_end_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_escrow_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}
