/* page-user: not built yet; answers 404 until it lands. */
#include "pages/pages.h"

void
page_user(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}
