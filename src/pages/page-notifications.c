/* page-notifications: not built yet; answers 404 until it lands. */
#include "pages/pages.h"

void
page_notifications(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_notifications_read_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}
