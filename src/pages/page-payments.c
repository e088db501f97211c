/*
 * page-payments: GET /contracts/{id}/payments lists the contract's
 * payments, what is left of each and until when it can be refunded, the
 * refunds given and the hours refunded through disputes.  POST
 * /contracts/{id}/refunds: the freelancer side refunds all or part of a
 * payment made in the past 180 days, on an active or ended contract;
 * never more than is left of it (the UPDATE's guard holds that even
 * against a concurrent refund).  Irreversible.
 */
#include <string.h>

#include "db/db.h"
#include "domain/ending.h"
#include "domain/money.h"
#include "domain/rules.h"
#include "domain/week.h"
#include "pages/pages.h"
#include "util/csv.h"

#define MAX_REASON	1000	/* characters */

/* What the refund form sent, and what is wrong with it. */
struct refund_form {
	int64_t			 payment;
	const char		*amount, *reason;
	struct form_errs	 errs;
	bool			 shown;	/* its form is on the page */
};

/* ---- GET ---- */

static int
payments(struct req *r, struct dict *d, const struct contract *c,
    struct refund_form *in)
{
	struct db_stmt	*st = db_prep(STMT_PAYMENT_LIST, c->id);
	struct dict	*p;
	int64_t		 id, amount, refunded, paid_at;
	char		 plain[MONEY_BUFSZ];
	int		 rc, n = 0;

	while ((rc = db_row(st)) == 1) {
		id = db_int(st, 0);
		amount = db_int(st, 1);
		refunded = db_int(st, 2);
		paid_at = db_int(st, 3);
		p = dict_add(d, "PAYMENT");
		dict_set_int(p, "PID", id);
		dict_day(p, "PAID_AT", paid_at);
		if (*db_text(st, 4) != '\0')
			dict_set(dict_add(p, "MEMO_ROW"), "MEMO", db_text(st, 4));
		dict_money(p, "AMOUNT", amount);
		dict_money(p, "P_REFUNDED", refunded);
		dict_money(p, "LEFT", amount - refunded);
		if (refunded >= amount)
			dict_show(p, "FULLY_REFUNDED");
		else if (!refund_window_open(paid_at, r->now))
			dict_day(dict_add(p, "TOO_OLD"), "CLOSED_ON",
			    refund_last_day(paid_at));
		else {
			struct dict *o = dict_add(p, "REFUNDABLE");
			dict_day(o, "UNTIL", refund_last_day(paid_at));
			if (c->side == SIDE_FREELANCER && c->decides) {
				struct dict *f = dict_add(o, "REFUND_FORM");
				money_format_plain(amount - refunded, plain);
				dict_set_int(f, "PID", id);
				dict_set(f, "LEFT_PLAIN", plain);
				/* No amount is chosen for the freelancer. */
				if (in != NULL && in->payment == id) {
					dict_set(f, "AMOUNT_VALUE", in->amount);
					dict_set(f, "REASON_VALUE", in->reason);
					dict_show(f, "FORM_OPEN");
					in->shown = true;
					dict_form_errors(d, f, "The refund was not "
					    "given. Please check:", &in->errs);
				}
			}
		}
		n++;
	}
	if (rc == -1)
		return -1;
	dict_show(d, n > 0 ? "HAS_PAYMENTS" : "NO_PAYMENTS");
	return 0;
}

/* The refunds given and those through accepted disputes; their sum
 * into *total.  0, or -1. */
static int
refunds(struct dict *d, const struct contract *c, int64_t *total)
{
	struct db_stmt	*st = db_prep(STMT_REFUND_LIST, c->id);
	struct dict	*e;
	int		 rc, n = 0;

	while ((rc = db_row(st)) == 1) {
		e = dict_add(d, "REFUND");
		dict_set_int(e, "R_PAYMENT", db_int(st, 0));
		dict_money(e, "R_AMOUNT", db_int(st, 1));
		dict_set(e, "R_REASON", db_text(st, 2));
		dict_time(e, "R_AT", db_int(st, 4));
		dict_set(e, "R_BY", db_text(st, 5));
		*total += db_int(st, 1);
		n++;
	}
	if (rc == -1)
		return -1;
	if (n > 0)
		dict_show(d, "HAS_REFUNDS");
	if (!c->hourly)
		return 0;
	/* Hours refunded through accepted disputes (see billing). */
	n = 0;
	st = db_prep(STMT_DISPUTE_LIST, c->id);
	while ((rc = db_row(st)) == 1) {
		if (strcmp(db_text(st, 6), "accepted") != 0)
			continue;
		e = dict_add(d, "DISPUTE_REFUND");
		dict_day(e, "DR_WEEK", db_int(st, 1));
		dict_hours(e, "DR_HOURS", db_int(st, 2));
		dict_money(e, "DR_AMOUNT", db_int(st, 3));
		dict_day(e, "DR_AT", db_int(st, 7));
		*total += db_int(st, 3);
		n++;
	}
	if (rc == -1)
		return -1;
	if (n > 0)
		dict_show(d, "HAS_DISPUTE_REFUNDS");
	return 0;
}

/* The payments page; in is the refund form as typed when it comes back
 * with mistakes (status 400), else NULL. */
static void
payments_page(struct req *r, const struct contract *c,
    struct refund_form *in, int status)
{
	struct dict	*d;
	struct db_stmt	*st;
	int64_t		 paid, refunded = 0;

	d = page_begin(r, TPL_PAYMENTS, arena_printf(&r->arena, "Payments: %s", c->title));
	dict_set_int(d, "ID", c->id);
	dict_set(d, "TITLE", c->title);
	dict_terms(d, "TERMS", c->rate, c->hourly);
	dict_show(d, c->side == SIDE_FREELANCER ? "FREELANCER" : "CLIENT");
	dict_set(d, "CLIENT_NAME", c->client_name);
	st = db_prep(STMT_PAYMENT_SUMMARY, c->id);
	if (db_row(st) != 1)
		goto fail;
	paid = db_int(st, 1);
	db_done(st);
	/* "Refunded" counts every refund, those through disputes too. */
	if (payments(r, d, c, in) == -1 || refunds(d, c, &refunded) == -1)
		goto fail;
	if (in != NULL && !in->shown)
		dict_form_errors(d, dict_add(d, "NO_FORM"), "The refund was not "
		    "given. Please check:", &in->errs);
	dict_money(d, "PAID", paid);
	dict_money(d, "REFUNDED", refunded);
	dict_money(d, "NET_PAID", paid - refunded);
	r->resp.status = status;
	page_finish(r);
	return;
fail:
	page_fail(r);
}

void
page_payments(struct req *r)
{
	struct contract	 c;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	payments_page(r, &c, NULL, 200);
}

/* ---- GET /contracts/{id}/payments.csv ---- */

/* The columns of the export: a payment fills the first seven and note, a
 * refund all but refunded, left and refundable_until; a dispute refund
 * (record "dispute refund", id the dispute's) has no payment_id. */
static const char payments_csv_head[] = "record,id,at_utc,amount,refunded,left,"
    "refundable_until,payment_id,source,by,note";

/*
 * Every payment, then every refund, then every dispute refund, each
 * oldest first, one row a record; money as
 * dollars without sign or separators (1234.50), times in UTC.
 */
void
page_payments_csv(struct req *r)
{
	struct contract	 c;
	struct buf	*b;
	struct db_stmt	*st;
	char		 m[MONEY_BUFSZ], when[21], day[11];
	int64_t		 amount, refunded;
	int		 rc;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	b = page_csv(r, &c, "payments");
	buf_puts(b, payments_csv_head);
	csv_row_end(b);
	st = db_prep(STMT_EXPORT_PAYMENTS, c.id);
	while ((rc = db_row(st)) == 1) {
		amount = db_int(st, 1);
		refunded = db_int(st, 2);
		csv_cell(b, "payment", true);
		csv_int(b, db_int(st, 0), false);
		date_format_when(db_int(st, 3), when);
		csv_cell(b, when, false);
		money_format_plain(amount, m);
		csv_cell(b, m, false);
		money_format_plain(refunded, m);
		csv_cell(b, m, false);
		money_format_plain(amount - refunded, m);
		csv_cell(b, m, false);
		date_format_day(refund_last_day(db_int(st, 3)), day);
		csv_cell(b, day, false);
		csv_skip(b, 3);
		csv_cell(b, db_text(st, 4), false);
		csv_row_end(b);
	}
	if (rc == -1)
		goto fail;
	st = db_prep(STMT_EXPORT_REFUNDS, c.id);
	while ((rc = db_row(st)) == 1) {
		csv_cell(b, "refund", true);
		csv_int(b, db_int(st, 0), false);
		date_format_when(db_int(st, 4), when);
		csv_cell(b, when, false);
		money_format_plain(db_int(st, 2), m);
		csv_cell(b, m, false);
		csv_skip(b, 3);
		csv_int(b, db_int(st, 1), false);
		csv_cell(b, db_text(st, 3), false);
		csv_cell(b, db_text(st, 5), false);
		csv_cell(b, db_text(st, 6), false);
		csv_row_end(b);
	}
	if (rc == -1)
		goto fail;
	/* Hours refunded by an accepted dispute come back through the
	 * invoice, not a payment: the page lists them apart, and so here. */
	st = db_prep(STMT_EXPORT_DISPUTE_REFUNDS, c.id);
	while ((rc = db_row(st)) == 1) {
		csv_cell(b, "dispute refund", true);
		csv_int(b, db_int(st, 0), false);
		date_format_when(db_int(st, 4), when);
		csv_cell(b, when, false);
		money_format_plain(db_int(st, 3), m);
		csv_cell(b, m, false);
		csv_skip(b, 4);
		csv_cell(b, "dispute", false);
		csv_cell(b, db_text(st, 5), false);
		date_format_day(db_int(st, 1), day);
		csv_cell(b, arena_printf(&r->arena, "%lld minutes of the week of %s",
		    (long long)db_int(st, 2), day), false);
		csv_row_end(b);
	}
	if (rc == -1)
		goto fail;
	return;
fail:
	page_fail(r);
}

/* ---- POST /contracts/{id}/refunds ---- */

struct payment {
	int64_t	 id;
	struct payment_state s;
};

/* Payment id of contract into p: 1 found, 0 not, -1 db error. */
static int
payment_get(int64_t id, int64_t contract, struct payment *p)
{
	struct db_stmt	*st = db_prep(STMT_PAYMENT_GET, id, contract);
	int		 rc;

	if ((rc = db_row(st)) != 1)
		return rc;
	p->id = id;
	p->s.amount = db_int(st, 1);
	p->s.refunded = db_int(st, 2);
	p->s.paid_at = db_int(st, 3);
	db_done(st);
	return 1;
}

/* Answer a refund refund_check() refused: 409 for the window or a
 * payment with nothing left; an amount over what is left is a mistake in
 * f (0).  -1 when answered. */
static int
refused(struct req *r, const struct payment *p, enum refund_verdict v,
    struct refund_form *f)
{
	char	 day[32], m[MONEY_BUFSZ];

	if (v == REFUND_TOO_OLD) {
		date_format_human(p->s.paid_at, day);
		page_error(r, 409, arena_printf(&r->arena, "This payment was made on "
		    "%s, more than 180 days ago, so it can no longer be refunded "
		    "here. Contact support if the client should still get money "
		    "back.", day));
		return -1;
	}
	if (p->s.refunded >= p->s.amount) {
		page_error(r, 409, "This payment has been refunded in full "
		    "already. Nothing was changed.");
		return -1;
	}
	money_format(p->s.amount - p->s.refunded, m);
	form_err(&f->errs, arena_printf(&r->arena, "ra-%lld", (long long)p->id),
	    "AMOUNT_BAD", arena_printf(&r->arena, "Amount: only %s is left to "
	    "refund on this payment; enter that amount or less.", m));
	return 0;
}

/* The page that asks before a refund, which can't be undone. */
static void
refund_confirm(struct req *r, const struct contract *c, const struct payment *p,
    int64_t amount, const char *reason)
{
	struct confirm	 k;
	char		 m[MONEY_BUFSZ], plain[MONEY_BUFSZ], paid[MONEY_BUFSZ];
	char		 left[MONEY_BUFSZ], day[32];

	money_format(amount, m);
	money_format_plain(amount, plain);
	money_format(p->s.amount, paid);
	money_format(p->s.amount - p->s.refunded - amount, left);
	date_format_human(p->s.paid_at, day);
	memset(&k, 0, sizeof(k));
	k.heading = "Give a refund";
	k.question = arena_printf(&r->arena, "Refund %s to %s?", m, c->client_name);
	k.facts[0] = arena_printf(&r->arena, "From the payment of %s made on %s; "
	    "%s of it will be left to refund.", paid, day, left);
	k.facts[1] = *reason != '\0' ? arena_printf(&r->arena, "The reason %s "
	    "will read: %s", c->client_name, reason) : arena_printf(&r->arena,
	    "No reason given; %s will see the refund without one.", c->client_name);
	k.facts[2] = "A refund can't be undone.";
	k.action = arena_printf(&r->arena, "/contracts/%lld/refunds", (long long)c->id);
	k.fields[0][0] = "payment";
	k.fields[0][1] = arena_printf(&r->arena, "%lld", (long long)p->id);
	k.fields[1][0] = "amount";
	k.fields[1][1] = arena_strdup(&r->arena, plain);
	k.fields[2][0] = "reason";
	k.fields[2][1] = reason;
	k.button = arena_printf(&r->arena, "Refund %s", m);
	k.danger = true;
	k.back = arena_printf(&r->arena, "/contracts/%lld/payments", (long long)c->id);
	k.back_label = "Go back without refunding";
	page_confirm(r, c, &k);
}

void
page_refunds_post(struct req *r)
{
	struct contract		 c;
	struct payment		 p;
	struct refund_form	 f;
	const char		*v, *aid;
	enum money_err		 e;
	enum refund_verdict	 verdict;
	int64_t			 id, amount = 0;
	char			 m[MONEY_BUFSZ], day[32];
	int			 rc;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	if (c.side != SIDE_FREELANCER) {
		page_error(r, 403, "Only the freelancer side can give refunds.");
		return;
	}
	if (!contract_may_decide(r, &c))
		return;
	v = req_form(r, "payment");
	if (v == NULL || parse_id(v, &id) == -1) {
		page_error(r, 400, "Payment: choose one of this contract's payments.");
		return;
	}
	if ((rc = payment_get(id, c.id, &p)) != 1) {
		if (rc == -1)
			goto fail;
		page_error(r, 400, "Payment: that is not one of this contract's "
		    "payments.");
		return;
	}
	memset(&f, 0, sizeof(f));
	f.payment = id;
	f.amount = req_form(r, "amount");
	f.reason = req_form(r, "reason");
	aid = arena_printf(&r->arena, "ra-%lld", (long long)id);
	if ((e = money_parse(f.amount, &amount)) != MONEY_OK)
		form_err(&f.errs, aid, "AMOUNT_BAD", arena_printf(&r->arena,
		    "Amount: %s.", money_errors[e]));
	else if (amount == 0)
		form_err(&f.errs, aid, "AMOUNT_BAD", "Amount: enter more than 0.00.");
	else if ((verdict = refund_check(&p.s, amount, r->now)) != REFUND_OK &&
	    refused(r, &p, verdict, &f) == -1)
		return;
	form_err(&f.errs, arena_printf(&r->arena, "rr-%lld", (long long)id),
	    "REASON_BAD", form_text_problem(r, f.reason, "Reason", MAX_REASON,
	    true, false));
	if (f.errs.n > 0) {
		payments_page(r, &c, &f, 400);
		return;
	}
	if (!form_confirmed(r)) {
		refund_confirm(r, &c, &p, amount, f.reason != NULL ? f.reason : "");
		return;
	}

	/* Confirmed: the payment is read again where no refund can slip in. */
	if (db_begin_write() == -1)
		goto fail;
	if ((rc = payment_get(id, c.id, &p)) != 1)
		goto fail;
	if ((verdict = refund_check(&p.s, amount, r->now)) != REFUND_OK) {
		db_rollback();
		if (refused(r, &p, verdict, &f) == 0)
			payments_page(r, &c, &f, 400);
		return;
	}
	/* "The sum of refunds never exceeds the payment." */
	if (db_exec(db_prep(STMT_PAYMENT_REFUND, p.id, amount)) == -1 ||
	    db_changes() != 1)
		goto fail;
	money_format(amount, m);
	date_format_human(p.s.paid_at, day);
	if (db_exec(db_prep(STMT_REFUND_ADD, p.id, c.id, amount,
	    f.reason != NULL ? f.reason : "", "refund", r->uid, r->now)) == -1 ||
	    event_add(c.id, r->uid, "refund", arena_printf(&r->arena, "%s of the "
	    "payment of %s", m, day), r->now) == -1 ||
	    notify_party(c.id, PARTY_CLIENT, NOTICE_REFUND, arena_printf(&r->arena, "%s "
	    "refunded %s of your payment of %s on “%s”.", r->uname, m, day,
	    c.title), r->now) == -1 ||
	    db_commit() == -1)
		goto fail;
	page_flash(r, FLASH_REFUNDED);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/payments",
	    (long long)c.id));
	return;
fail:
	page_fail(r);
}
