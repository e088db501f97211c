/* page-billing: not built yet; answers 404 until it lands. */
#include "pages/pages.h"

void
page_billing(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_disputes_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_dispute_answer_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}
