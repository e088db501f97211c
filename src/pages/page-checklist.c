/* page-checklist: not built yet; answers 404 until it lands. */
#include "pages/pages.h"

void
page_checklist(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_checklist_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}

void
page_checklist_remind_post(struct req *r)
{
	page_error(r, 404, "This page is not available yet.");
}
