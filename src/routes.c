/*
 * routes: the app's route table, one row per route of DESIGN.md section
 * 3 (pattern, the GET and POST handlers, whether it needs sign-in), and
 * the gates every request passes before its handler runs.  A path that
 * matches no pattern is 404 and a method the route does not take is
 * 405, both before any handler runs.  Then the session gate: pages need
 * sign-in unless marked PUBLIC, and every POST must carry the
 * session's CSRF token (403 otherwise).  http/dispatch.c matches a path
 * against the table it is given; what the routes are is decided here.
 */
#include <stddef.h>

#include "auth/auth.h"
#include "db/db.h"
#include "http/http.h"
#include "metrics/metrics.h"
#include "pages/pages.h"
#include "routes.h"

#define PUBLIC	0x01	/* no sign-in needed */

static const struct route routes[] = {
	{ "/",			page_root,	NULL,			PUBLIC },
	{ "/healthz",		page_healthz,	NULL,			PUBLIC },
	{ "/metrics",		page_metrics,	NULL,			PUBLIC },
	{ "/login",		page_login,	page_login_post,	PUBLIC },
	{ "/logout",		NULL,		page_logout_post,	PUBLIC },
	{ "/contracts",		page_dashboard,	NULL,			0 },
	{ "/contracts/{id}",	page_contract,	NULL,			0 },
	/* Ending and what it settles (page-end, -diary, -billing, -payments). */
	{ "/contracts/{id}/end", page_end,	page_end_post,		0 },
	{ "/contracts/{id}/escrow", NULL,	page_escrow_post,	0 },
	{ "/contracts/{id}/diary", page_diary,	page_diary_post,	0 },
	{ "/contracts/{id}/diary/{id}", NULL,	page_diary_edit_post,	0 },
	{ "/contracts/{id}/diary/{id}/delete", NULL, page_diary_delete_post, 0 },
	{ "/contracts/{id}/billing", page_billing, NULL,		0 },
	{ "/contracts/{id}/disputes", NULL,	page_disputes_post,	0 },
	{ "/disputes/{id}",	NULL,		page_dispute_answer_post, 0 },
	{ "/contracts/{id}/payments", page_payments, NULL,		0 },
	/* The CSV exports, beside the pages they mirror. */
	{ "/contracts/{id}/payments.csv", page_payments_csv, NULL,	0 },
	{ "/contracts/{id}/diary.csv", page_diary_csv, NULL,		0 },
	{ "/contracts/{id}/billing.csv", page_billing_csv, NULL,	0 },
	{ "/contracts/{id}/refunds", NULL,	page_refunds_post,	0 },
	{ "/notifications",	page_notifications, NULL,		0 },
	{ "/notifications/read", NULL,		page_notifications_read_post, 0 },
	/* After the end (page-checklist, -feedback, -user, -help). */
	{ "/contracts/{id}/checklist", page_checklist, page_checklist_post, 0 },
	{ "/contracts/{id}/checklist/remind", NULL, page_checklist_remind_post, 0 },
	{ "/contracts/{id}/feedback", page_feedback, page_feedback_post, 0 },
	{ "/contracts/{id}/feedback/response", NULL, page_feedback_response_post, 0 },
	{ "/users/{id}",	page_user,	NULL,			0 },
	{ "/help/ending-a-contract", page_help,	NULL,			PUBLIC },
	{ "/help/ending-a-contract/vote", NULL,	page_help_vote_post,	0 },
	/* The contract's message thread (page-messages). */
	{ "/contracts/{id}/messages", page_messages, page_messages_post, 0 },
	{ "/contracts/{id}/messages/read", NULL, page_messages_read_post, 0 },
	{ "/settings",		page_settings,	page_settings_post,	0 },
	{ "/settings/sessions/revoke", NULL,	page_settings_sessions_revoke_post, 0 },
};

#define NROUTES	(sizeof(routes) / sizeof(routes[0]))
/* /metrics counts requests by index in this table; the last is "unmatched". */
_Static_assert(NROUTES < METRICS_ROUTES, "raise METRICS_ROUTES");

void
routes_init(void)
{
	dispatch_init(routes, NROUTES);
}

void
routes_dispatch(struct req *r)
{
	const struct route	*rt = dispatch_match(r);
	handler_fn		 fn;

	if (session_load(r) == -1) {
		page_fail(r);
		return;
	}
	page_zone_set(r);
	if (rt == NULL) {
		page_not_found(r);
		return;
	}
	if ((fn = dispatch_handler(r, rt)) == NULL) {
		r->resp.allow = dispatch_allow(rt);
		page_error(r, 405, "This page does not take that kind of request.");
		return;
	}
	if (r->method == METHOD_POST && !csrf_ok(r)) {
		page_error(r, 403, "This form has expired or did not come from this "
		    "site. Go back, reload the page and try again.");
		return;
	}
	if (!(rt->flags & PUBLIC) && r->uid == 0) {
		if (r->method == METHOD_POST)
			resp_redirect(r, "/login");
		else
			resp_redirect(r, arena_printf(&r->arena, "/login?next=%s",
			    r->path));
		return;
	}
	page_flash_load(r);
	/* A GET is a read: past the session's own refresh (above), nothing
	 * it runs may begin a write. */
	if (r->method != METHOD_POST)
		db_forbid_writes("in a GET");
	fn(r);
	db_forbid_writes(NULL);
}
