/*
 * page-contract: GET /contracts/{id}.  Terms, both sides, status, this
 * week's hours, payments, escrow and the timeline of the contract's
 * events, for its two sides only.
 */
#include <string.h>

#include "db/db.h"
#include "domain/date.h"
#include "domain/diary.h"
#include "domain/money.h"
#include "pages/pages.h"

/* The payments card: the same figures as the Payments page (paid
 * invoices counted as payments, dispute refunds as refunds). */
static int
payments(struct req *r, struct dict *d, const struct contract *c)
{
	struct paid_list	 l;

	if (contract_payments(r, c, &l) == -1)
		return -1;
	dict_set_int(d, "PAYMENT_COUNT", (int64_t)l.n);
	dict_money(d, "PAID", l.paid);
	dict_money(d, "REFUNDED", l.refunded);
	dict_money(d, "NET_PAID", l.paid - l.refunded);
	if (c->hourly)
		return 0;
	return dict_escrow(d, c->id, r->now);
}

static int
timeline(struct req *r, struct dict *d, const struct contract *c)
{
	struct db_stmt	*st;
	struct dict	*e;
	char		 t[40];
	int		 rc, n = 0;

	st = db_prep(STMT_CONTRACT_EVENTS, c->id);
	while ((rc = db_row(st)) == 1) {
		e = dict_add(d, "EVENT");
		dict_time(e, "AT", db_int(st, 0));
		date_format_when(db_int(st, 0), t);
		dict_set(e, "AT_ISO", t);
		dict_set(e, "KIND", db_text(st, 1));
		dict_set(e, "DETAIL", db_text(st, 2));
		/* DESIGN.md section 1: pages name who acted ("Olivia
		 * Owner, for Northwind"). */
		if (*db_text(st, 3) != '\0' && *db_text(st, 4) != '\0')
			dict_set(e, "ACTOR", arena_printf(&r->arena, "%s, for %s",
			    db_text(st, 3), db_text(st, 4)));
		else
			dict_set(e, "ACTOR", db_text(st, 3));
		n++;
	}
	if (n == 0)
		dict_show(d, "NO_EVENTS");
	return rc;
}

void
page_contract(struct req *r)
{
	struct contract	 c;
	struct dict	*d, *s;
	int64_t		 week = week_start(r->now), minutes;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	d = page_begin(r, TPL_CONTRACT, c.title);
	dict_set_int(d, "ID", c.id);
	dict_set(d, "TITLE", c.title);
	dict_terms(d, "TERMS", c.rate, c.hourly);
	dict_set(d, "STATUS", c.status);
	dict_set(d, "CLIENT", c.client_name);
	dict_set(d, "FREELANCER", c.freelancer_name);
	if (*c.agency_name != '\0')
		dict_set(dict_add(d, "AGENCY"), "AGENCY_NAME", c.agency_name);
	dict_set(d, "YOU_ARE", c.side == SIDE_CLIENT ? "the client" :
	    "the freelancer side");
	dict_day(d, "STARTED", c.started_at);
	if (c.ended) {
		s = dict_add(d, "ENDED");
		dict_day(s, "ENDED_AT", c.ended_at);
		dict_set(s, "END_REASON", c.end_reason);
	} else
		dict_show(d, "ACTIVE");
	if (c.hourly) {
		/* Once ended, "this week" means nothing: the week it ended. */
		if (c.ended)
			week = week_start(c.ended_at);
		if ((minutes = diary_week_minutes(c.id, week)) == -1)
			goto fail;
		s = dict_add(d, "HOURLY");
		dict_show(s, c.ended ? "LAST_WEEK_WORKED" : "THIS_WEEK");
		dict_hours_abbr(s, "WEEK_HOURS", minutes);
		dict_money(s, "WEEK_AMOUNT", money_for_minutes(c.rate,
		    diary_billable(minutes, c.weekly_limit)));
		dict_day(s, "WEEK_OF", week);
		if (c.weekly_limit > 0)
			dict_set_int(dict_add(s, "LIMIT"), "WEEKLY_LIMIT", c.weekly_limit);
		else
			dict_show(s, "NO_LIMIT");
	} else
		dict_show(d, "FIXED");
	if (payments(r, d, &c) == -1 || timeline(r, d, &c) == -1)
		goto fail;
	/* After the end: checklist progress and feedback state
	 * (page-feedback.c). */
	if (after_contract_dict(r, d, &c) == -1)
		goto fail;
	/* Ending and what it settles: links to the diary, billing and
	 * payments, the escrow refund request and open disputes
	 * (page-end.c). */
	if (ending_contract_blocks(r, d, &c) == -1 ||
	    messages_contract_dict(r, d, &c) == -1)
		goto fail;
	page_finish(r);
	return;
fail:
	page_fail(r);
}
