/*
 * page-payments: GET /contracts/{id}/payments lists the contract's
 * payments (each weekly invoice among them from the Wednesday Billing
 * calls it paid: contract_payments()), what is left of each and until
 * when it can be refunded, the refunds given and the hours refunded
 * through disputes.  POST /contracts/{id}/refunds: the freelancer side
 * refunds all or part of a payment made in the past 180 days, on an
 * active or ended contract; never more than is left of it (the UPDATE's
 * guard holds that even against a concurrent refund).  Irreversible.
 */
#include <string.h>

#include "db/db.h"
#include "domain/date.h"
#include "domain/money.h"
#include "domain/refund.h"
#include "pages/pages.h"
#include "util/csv.h"

#define MAX_REASON	1000	/* characters */

/* POST /contracts/{id}/refunds; asked first (confirm). */
enum refund_field {
	REFUND_PAYMENT,
	REFUND_AMOUNT,
	REFUND_REASON,
	REFUND_CONFIRM,
	REFUND__MAX
};

static const struct form_field refund_fields[REFUND__MAX] = {
	/* "12", or "week-2026-11-16" for a paid invoice without a row yet. */
	[REFUND_PAYMENT] = { .name = "payment", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED, .max = 32, .label = "Payment", .phrase = {
		[FORM_MISSING] = "choose one of this contract's payments.",
		[FORM_INVALID] = "choose one of this contract's payments.",
		[FORM_TOO_LONG] = "choose one of this contract's payments.",
	    } },
	[REFUND_AMOUNT] = { .name = "amount", .kind = FORM_MONEY,
	    .flags = FORM_REQUIRED, .min = 1, .max = MONEY_MAX,
	    .label = "Amount", .phrase = {
		[FORM_RANGE] = "enter more than 0.00.",
	    } },
	[REFUND_REASON] = { .name = "reason", .kind = FORM_TEXT,
	    .flags = FORM_LINES, .max = MAX_REASON, .label = "Reason" },
	[REFUND_CONFIRM] = FORM_CONFIRM,
};

/* What the refund form sent, and what is wrong with it. */
struct refund_form {
	const char		*payment;	/* as struct paid's key */
	const char		*amount, *reason;
	struct form_errs	 errs;
	bool			 shown;	/* its form is on the page */
};

/* ---- GET ---- */

/* WEEK_FROM and WEEK_TO: the Monday and the Sunday of a week's invoice. */
static void
dict_invoice_week(struct dict *d, int64_t week)
{
	char	 a[32], b[32];

	date_format_human(week, a);
	date_format_human(week + 6 * DAY_SECS, b);
	dict_set(d, "WEEK_FROM", a);
	dict_set(d, "WEEK_TO", b);
}

static void
payments(struct req *r, struct dict *d, const struct contract *c,
    const struct paid_list *l, struct refund_form *in)
{
	const struct paid	*p;
	struct dict		*e, *o, *f;
	char			 plain[MONEY_BUFSZ];
	size_t			 i;

	for (i = 0; i < l->n; i++) {
		p = &l->v[i];
		e = dict_add(d, "PAYMENT");
		dict_set(e, "PID", p->key);
		dict_day(e, "PAID_AT", p->paid_at);
		/* A paid invoice is named by its week, as on Billing. */
		if (p->week != 0)
			dict_invoice_week(dict_add(e, "INVOICE_ROW"), p->week);
		if (*p->memo != '\0')
			dict_set(dict_add(e, "MEMO_ROW"), "MEMO", p->memo);
		dict_money(e, "AMOUNT", p->amount);
		dict_money(e, "P_REFUNDED", p->refunded);
		dict_money(e, "LEFT", p->amount - p->refunded);
		if (p->refunded >= p->amount) {
			dict_show(e, "FULLY_REFUNDED");
			continue;
		}
		if (!refund_window_open(p->paid_at, r->now)) {
			dict_day(dict_add(e, "TOO_OLD"), "CLOSED_ON",
			    refund_last_day(p->paid_at));
			continue;
		}
		o = dict_add(e, "REFUNDABLE");
		dict_day(o, "UNTIL", refund_last_day(p->paid_at));
		if (c->side != SIDE_FREELANCER || !c->decides)
			continue;
		f = dict_add(o, "REFUND_FORM");
		money_format_plain(p->amount - p->refunded, plain);
		dict_set(f, "PID", p->key);
		dict_set(f, "LEFT_PLAIN", plain);
		/* No amount is chosen for the freelancer. */
		if (in != NULL && strcmp(in->payment, p->key) == 0) {
			dict_set(f, "AMOUNT_VALUE", in->amount);
			dict_set(f, "REASON_VALUE", in->reason);
			dict_show(f, "FORM_OPEN");
			in->shown = true;
			dict_form_errors(d, f, "The refund was not given. Please "
			    "check:", &in->errs);
		}
	}
	dict_show(d, l->n > 0 ? "HAS_PAYMENTS" : "NO_PAYMENTS");
}

/* The refunds given and those through accepted disputes.  0, or -1. */
static int
refunds(struct dict *d, const struct contract *c)
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
	struct dict		*d;
	struct paid_list	 l;

	d = page_begin(r, TPL_PAYMENTS, arena_printf(&r->arena, "Payments: %s", c->title));
	dict_set_int(d, "ID", c->id);
	dict_set(d, "TITLE", c->title);
	dict_terms(d, "TERMS", c->rate, c->hourly);
	dict_show(d, c->side == SIDE_FREELANCER ? "FREELANCER" : "CLIENT");
	if (c->hourly)
		dict_show(d, "HOURLY");
	dict_set(d, "CLIENT_NAME", c->client_name);
	/* "Paid" counts each invoice Billing calls paid; "Refunded" every
	 * refund, those through disputes too. */
	if (contract_payments(r, c, &l) == -1 || refunds(d, c) == -1)
		goto fail;
	payments(r, d, c, &l, in);
	if (in != NULL && !in->shown)
		dict_form_errors(d, dict_add(d, "NO_FORM"), "The refund was not "
		    "given. Please check:", &in->errs);
	dict_money(d, "PAID", l.paid);
	dict_money(d, "REFUNDED", l.refunded);
	dict_money(d, "NET_PAID", l.paid - l.refunded);
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

/* The columns of the export: a payment fills the first seven and note (a
 * paid invoice source "invoice" too, and no id while it has no row), a
 * refund all but refunded, left and refundable_until; a dispute refund
 * (record "dispute refund", id the dispute's) has no payment_id. */
static const char payments_csv_head[] = "record,id,at_utc,amount,refunded,left,"
    "refundable_until,payment_id,source,by,note";

/*
 * Every payment (paid invoices among them, as the page lists them), then
 * every refund, then every dispute refund, each oldest first, one row a
 * record; money as dollars without sign or separators (1234.50), times in
 * UTC.
 */
void
page_payments_csv(struct req *r)
{
	struct contract		 c;
	struct paid_list	 l;
	const struct paid	*p;
	struct buf		*b;
	struct db_stmt		*st;
	char			 m[MONEY_BUFSZ], when[21], day[11];
	size_t			 i;
	int			 rc;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	if (contract_payments(r, &c, &l) == -1)
		goto fail;
	b = page_csv(r, &c, "payments");
	buf_puts(b, payments_csv_head);
	csv_row_end(b);
	for (i = l.n; i-- > 0; ) {
		p = &l.v[i];
		csv_cell(b, "payment", true);
		if (p->id != 0)
			csv_int(b, p->id, false);
		else
			csv_skip(b, 1);
		date_format_when(p->paid_at, when);
		csv_cell(b, when, false);
		money_format_plain(p->amount, m);
		csv_cell(b, m, false);
		money_format_plain(p->refunded, m);
		csv_cell(b, m, false);
		money_format_plain(p->amount - p->refunded, m);
		csv_cell(b, m, false);
		date_format_day(refund_last_day(p->paid_at), day);
		csv_cell(b, day, false);
		csv_skip(b, 1);
		if (p->week != 0) {
			csv_cell(b, "invoice", false);
			csv_skip(b, 1);
			date_format_day(p->week, day);
			csv_cell(b, arena_printf(&r->arena, "the week of %s", day),
			    false);
		} else {
			csv_skip(b, 2);
			csv_cell(b, p->memo, false);
		}
		csv_row_end(b);
	}
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
	int64_t		 id;	/* 0: a paid invoice with no row yet */
	int64_t		 week;	/* the invoice's week, or 0 */
	const char	*key;	/* as the form names it */
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

/* The payment the form names by key ("12", or "week-2026-11-16" for a
 * paid invoice, which still names it once a refund gave it a row), as
 * the page lists it: 1 found, 0 not, -1 db error. */
static int
payment_find(struct req *r, const struct contract *c, const char *key,
    struct payment *p)
{
	struct paid_list	 l;
	int64_t			 week = 0;
	size_t			 i;

	if (strncmp(key, "week-", 5) == 0 &&
	    (date_parse_day(key + 5, &week) == -1 || week == 0))
		return 0;
	if (contract_payments(r, c, &l) == -1)
		return -1;
	for (i = 0; i < l.n; i++)
		if (week != 0 ? l.v[i].week == week : strcmp(l.v[i].key, key) == 0)
			break;
	if (i == l.n)
		return 0;
	memset(p, 0, sizeof(*p));
	p->id = l.v[i].id;
	p->week = l.v[i].week;
	p->key = l.v[i].key;
	p->s.amount = l.v[i].amount;
	p->s.refunded = l.v[i].refunded;
	p->s.paid_at = l.v[i].paid_at;
	return 1;
}

/*
 * Within the write transaction: the row of a paid invoice that has none,
 * with what disputes refunded of it already (so what is left is what the
 * page said), then the row read again, where no refund can slip in.  1,
 * or -1 on a db error.
 */
static int
payment_row(const struct contract *c, struct payment *p)
{
	struct db_stmt	*st;

	if (p->id == 0) {
		if (db_exec(db_prep(STMT_PAYMENT_WEEK_ADD, c->id,
		    p->s.amount, p->s.refunded, p->s.paid_at, "", p->week)) == -1)
			return -1;
		st = db_prep(STMT_PAYMENT_BY_WEEK, c->id, p->week);
		if (db_row(st) != 1)
			return -1;
		p->id = db_int(st, 0);
		db_done(st);
	}
	return payment_get(p->id, c->id, p) == 1 ? 1 : -1;
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
	form_err(&f->errs, arena_printf(&r->arena, "ra-%s", p->key),
	    "AMOUNT_BAD", arena_printf(&r->arena, "Amount: only %s is left to "
	    "refund on this payment; enter that amount or less.", m));
	return 0;
}

/* "the payment of Thu, Nov 26, 2026" (whose: "the", "your"), or "the
 * invoice for the week of ..." */
static const char *
payment_name(struct req *r, const struct payment *p, const char *whose)
{
	char	 a[32], b[32];

	if (p->week == 0) {
		date_format_human(p->s.paid_at, a);
		return arena_printf(&r->arena, "%s payment of %s", whose, a);
	}
	date_format_human(p->week, a);
	date_format_human(p->week + 6 * DAY_SECS, b);
	return arena_printf(&r->arena, "the invoice for the week of %s to %s",
	    a, b);
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
	k.facts[0] = p->week == 0 ? arena_printf(&r->arena, "From the payment of "
	    "%s made on %s; %s of it will be left to refund.", paid, day, left) :
	    arena_printf(&r->arena, "From %s, %s paid on %s; %s of it will be "
	    "left to refund.", payment_name(r, p, "the"), paid, day, left);
	k.facts[1] = *reason != '\0' ? arena_printf(&r->arena, "The reason %s "
	    "will read: %s", c->client_name, reason) : arena_printf(&r->arena,
	    "No reason given; %s will see the refund without one.", c->client_name);
	k.facts[2] = "A refund can't be undone.";
	k.action = arena_printf(&r->arena, "/contracts/%lld/refunds", (long long)c->id);
	k.fields[0][0] = refund_fields[REFUND_PAYMENT].name;
	k.fields[0][1] = p->key;
	k.fields[1][0] = refund_fields[REFUND_AMOUNT].name;
	k.fields[1][1] = arena_strdup(&r->arena, plain);
	k.fields[2][0] = refund_fields[REFUND_REASON].name;
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
	struct form_value	 v[REFUND__MAX];
	const char		*aid;
	enum refund_verdict	 verdict;
	int64_t			 amount;
	char			 m[MONEY_BUFSZ];
	int			 rc;

	(void)form_parse(&r->arena, &r->form, refund_fields, REFUND__MAX, v);
	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	if (c.side != SIDE_FREELANCER) {
		page_error(r, 403, "Only the freelancer side can give refunds.");
		return;
	}
	if (!contract_may_decide(r, &c))
		return;
	if (v[REFUND_PAYMENT].err != FORM_OK) {
		page_error(r, 400, v[REFUND_PAYMENT].msg);
		return;
	}
	if ((rc = payment_find(r, &c, v[REFUND_PAYMENT].raw, &p)) != 1) {
		if (rc == -1)
			goto fail;
		page_error(r, 400, "Payment: that is not one of this contract's "
		    "payments.");
		return;
	}
	memset(&f, 0, sizeof(f));
	f.payment = p.key;
	f.amount = v[REFUND_AMOUNT].raw;
	f.reason = v[REFUND_REASON].raw;
	amount = v[REFUND_AMOUNT].num;
	aid = arena_printf(&r->arena, "ra-%s", p.key);
	if (v[REFUND_AMOUNT].err != FORM_OK)
		form_err(&f.errs, aid, "AMOUNT_BAD", v[REFUND_AMOUNT].msg);
	else if ((verdict = refund_check(&p.s, amount, r->now)) != REFUND_OK &&
	    refused(r, &p, verdict, &f) == -1)
		return;
	form_err(&f.errs, arena_printf(&r->arena, "rr-%s", p.key),
	    "REASON_BAD", v[REFUND_REASON].msg);
	if (f.errs.n > 0) {
		payments_page(r, &c, &f, 400);
		return;
	}
	if (v[REFUND_CONFIRM].num != 1) {
		refund_confirm(r, &c, &p, amount, v[REFUND_REASON].text);
		return;
	}

	/* Confirmed: the payment is read again where no refund can slip in. */
	if (db_begin_write() == -1)
		goto fail;
	if (payment_row(&c, &p) == -1)
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
	if (db_exec(db_prep(STMT_REFUND_ADD, p.id, c.id, amount,
	    v[REFUND_REASON].text, "refund", r->uid, r->now)) == -1 ||
	    event_add(c.id, r->uid, "refund", arena_printf(&r->arena, "%s of %s",
	    m, payment_name(r, &p, "the")), r->now) == -1 ||
	    notify_party(c.id, PARTY_CLIENT, NOTICE_REFUND, arena_printf(&r->arena, "%s "
	    "refunded %s of %s on “%s”.", r->uname, m, payment_name(r, &p, "your"),
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
