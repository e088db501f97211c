/* page-diary: not built yet; answers 404 until it lands. */
#include "pages/pages.h"

void
page_diary(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_diary_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_diary_edit_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_diary_delete_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}
