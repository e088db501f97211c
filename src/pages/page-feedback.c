/* page-feedback: not built yet; answers 404 until it lands. */
#include "pages/pages.h"

void
page_feedback(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_feedback_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_feedback_response_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}
