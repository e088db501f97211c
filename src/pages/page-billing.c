/*
 * page-billing: weekly billing of an hourly contract and its disputes.
 * GET /contracts/{id}/billing lists an invoice per week with hours
 * logged, derived from the Work Diary and the clock alone: invoiced
 * Monday 12:00 UTC for the week before, in review through Friday
 * 23:59 UTC, paid out the Wednesday after.  Nothing needs a click for a
 * week to be invoiced; an invoice gets its row in `invoices` only when a
 * dispute needs one to point at (its figures are frozen by then: the
 * diary closes at the same Monday 12:00).
 *
 * POST /contracts/{id}/disputes (the client, during review) disputes some
 * or all minutes of an invoice; POST /disputes/{id} (the freelancer side,
 * within 3 days) accepts, refunding at once, or declines, escalating.
 */
#include <string.h>

#include "db/db.h"
#include "domain/billing.h"
#include "domain/date.h"
#include "domain/diary.h"
#include "domain/dispute.h"
#include "domain/money.h"
#include "pages/pages.h"
#include "util/csv.h"

#define MAX_WEEKS	104	/* invoices shown: two years */
#define MAX_REASON	2000	/* characters */

/*
 * POST /contracts/{id}/disputes.  invoice names the invoice by a day of
 * the week it bills (the form sends its Monday) or by its id: the same
 * field read as either kind.
 */
enum dispute_field {
	DISPUTE_WEEK,
	DISPUTE_INVOICE,
	DISPUTE_MINUTES,
	DISPUTE_REASON,
	DISPUTE__MAX
};

static const struct form_field dispute_fields[DISPUTE__MAX] = {
	[DISPUTE_WEEK] = { .name = "invoice", .kind = FORM_DAY,
	    .label = "Invoice" },
	[DISPUTE_INVOICE] = { .name = "invoice", .kind = FORM_ID,
	    .flags = FORM_REQUIRED, .label = "Invoice", .phrase = {
		[FORM_MISSING] = "choose one of this contract's invoices (the "
		    "week it bills, like 2026-11-23).",
		[FORM_INVALID] = "choose one of this contract's invoices (the "
		    "week it bills, like 2026-11-23).",
	    } },
	[DISPUTE_MINUTES] = { .name = "minutes", .kind = FORM_INT,
	    .flags = FORM_REQUIRED, .min = 1, .max = 7 * 1440,
	    .label = "Minutes you dispute", .phrase = {
		[FORM_MISSING] = "enter a whole number of minutes, from 1.",
		[FORM_INVALID] = "enter a whole number of minutes, from 1.",
		[FORM_RANGE] = "enter a whole number of minutes, from 1.",
	    } },
	[DISPUTE_REASON] = { .name = "reason", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED | FORM_LINES, .max = MAX_REASON,
	    .label = "Reason" },
};

/* An invoice: from its row when a dispute made one, else the diary. */
struct invoice {
	int64_t	 id;		/* 0: no row yet */
	int64_t	 week;
	int64_t	 logged;	/* minutes logged */
	int64_t	 minutes;	/* billable */
	int64_t	 amount;
	int64_t	 refunded;
	int64_t	 disputed_minutes, disputed_amount;	/* all disputes */
	int64_t	 unsettled;	/* disputes open or escalated */
};

/* Fill inv for week w of contract c with logged minutes.  0 or -1. */
static int
invoice_read(const struct contract *c, int64_t w, int64_t logged, struct invoice *inv)
{
	struct db_stmt	*st;
	int		 rc;

	memset(inv, 0, sizeof(*inv));
	inv->week = w;
	inv->logged = logged;
	inv->minutes = diary_billable(logged, c->weekly_limit);
	inv->amount = money_for_minutes(c->rate, inv->minutes);
	st = db_prep(STMT_INVOICE_GET, c->id, w);
	if ((rc = db_row(st)) == -1)
		return -1;
	if (rc == 0)
		return 0;
	inv->id = db_int(st, 0);
	inv->minutes = db_int(st, 1);
	inv->amount = db_int(st, 2);
	inv->refunded = db_int(st, 3);
	db_done(st);
	st = db_prep(STMT_INVOICE_DISPUTED, inv->id);
	if (db_row(st) != 1)
		return -1;
	inv->disputed_minutes = db_int(st, 0);
	inv->disputed_amount = db_int(st, 1);
	inv->unsettled = db_int(st, 2);
	db_done(st);
	return 0;
}

/* What the dispute form sent, and what is wrong with it. */
struct dispute_form {
	int64_t			 week;
	const char		*minutes, *reason;
	struct form_errs	 errs;
	bool			 shown;	/* its form is on the page */
};

/* ---- GET ---- */

static void
invoice_row(struct req *r, struct dict *d, const struct contract *c,
    const struct invoice *inv, struct dispute_form *in)
{
	struct dict		*e = dict_add(d, "INVOICE");
	enum invoice_state	 s = billing_state(inv->week, inv->unsettled > 0, r->now);
	int64_t			 left = inv->minutes - inv->disputed_minutes;
	char			 a[32], b[32], v[11];

	date_format_human(inv->week, a);
	date_format_human(inv->week + 6 * DAY_SECS, b);
	dict_set(e, "WEEK_FROM", a);
	dict_set(e, "WEEK_TO", b);
	date_format_day(inv->week, v);
	dict_set(e, "WEEK_VALUE", v);
	dict_hours_abbr(e, "LOGGED", inv->logged);
	dict_hours_abbr(e, "BILLED", inv->minutes);
	dict_money(e, "AMOUNT", inv->amount);
	if (inv->logged > inv->minutes)
		dict_show(e, "OVER_LIMIT");
	dict_deadline(e, "INVOICED_AT", billing_invoiced_at(inv->week));
	dict_set(e, "INVOICED_LABEL", r->now < billing_invoiced_at(inv->week) ?
	    "To be invoiced" : "Invoiced");
	dict_deadline(e, "REVIEW_UNTIL", billing_review_until(inv->week));
	dict_deadline(e, "AVAILABLE_AT", billing_available_at(inv->week));
	dict_set(e, "STATE", invoice_states[s]);
	dict_set(e, "STATE_CLASS", s == INVOICE_DISPUTED ? "disputed" :
	    s == INVOICE_PAID ? "paid" : "open");
	if (inv->refunded > 0)
		dict_money(dict_add(e, "REFUNDED"), "REFUNDED_AMOUNT", inv->refunded);
	if (c->side == SIDE_CLIENT && dispute_open_allowed(inv->week, r->now) &&
	    inv->unsettled == 0 && left > 0) {
		struct dict *f = dict_add(e, "DISPUTE_FORM");
		dict_set(f, "WEEK_VALUE", v);
		dict_set_int(f, "MAX_MINUTES", left);
		dict_hours(f, "MAX_HOURS", left);
		dict_set(f, "MAX_HOURS_NOUN", hours_noun(left));
		if (in != NULL && in->week == inv->week) {
			dict_set(f, "MINUTES_VALUE", in->minutes);
			dict_set(f, "REASON_VALUE", in->reason);
			dict_show(f, "FORM_OPEN");
			in->shown = true;
			dict_form_errors(d, f, "Your dispute was not sent. Please "
			    "check:", &in->errs);
		} else
			dict_set_int(f, "MINUTES_VALUE", left);
	}
}

static int
invoices(struct req *r, struct dict *d, const struct contract *c,
    struct dispute_form *in)
{
	struct invoice	 inv;
	struct db_stmt	*st;
	int64_t		 weeks[MAX_WEEKS], logged[MAX_WEEKS];
	int		 n = 0, i, rc;

	st = db_prep(STMT_DIARY_WEEKS, c->id, (int64_t)MAX_WEEKS);
	while ((rc = db_row(st)) == 1 && n < MAX_WEEKS) {
		weeks[n] = db_int(st, 0);
		logged[n++] = db_int(st, 1);
	}
	db_done(st);
	if (rc == -1)
		return -1;
	if (n == 0)
		dict_show(d, "NO_INVOICES");
	else
		dict_show(d, "HAS_INVOICES");
	for (i = 0; i < n; i++) {
		if (invoice_read(c, weeks[i], logged[i], &inv) == -1)
			return -1;
		invoice_row(r, d, c, &inv, in);
	}
	return 0;
}

static int
disputes(struct req *r, struct dict *d, const struct contract *c)
{
	struct db_stmt		*st;
	struct dict		*e;
	enum dispute_view	 v;
	int64_t			 opened;
	int			 rc, n = 0;

	st = db_prep(STMT_DISPUTE_LIST, c->id);
	while ((rc = db_row(st)) == 1) {
		e = dict_add(d, "DISPUTE");
		opened = db_int(st, 5);
		v = dispute_view(db_text(st, 6), db_int(st, 9), opened, r->now);
		dict_set_int(e, "DID", db_int(st, 0));
		dict_day(e, "D_WEEK", db_int(st, 1));
		dict_hours(e, "D_HOURS", db_int(st, 2));
		dict_set(e, "D_HOURS_NOUN", hours_noun(db_int(st, 2)));
		dict_set_int(e, "D_MINUTES", db_int(st, 2));
		dict_money(e, "D_AMOUNT", db_int(st, 3));
		dict_set(e, "D_REASON", db_text(st, 4));
		dict_time(e, "D_OPENED", opened);
		dict_set(e, "D_BY", db_text(st, 8));
		dict_set(e, "D_STATE", dispute_views[v]);
		if (v == DISPUTE_OPEN) {
			struct dict *o = dict_add(e, "D_OPEN");
			dict_deadline(o, "D_DUE", dispute_answer_due(opened));
			if (c->side == SIDE_FREELANCER && c->decides)
				dict_show(o, "D_ANSWER");
		}
		n++;
	}
	if (rc == -1)
		return -1;
	if (n > 0)
		dict_show(d, "HAS_DISPUTES");
	return 0;
}

/* The billing page; in is the dispute form as typed when it comes back
 * with mistakes (status 400), else NULL. */
static void
billing_page(struct req *r, const struct contract *c,
    struct dispute_form *in, int status)
{
	struct dict	*d, *s;

	d = page_begin(r, TPL_BILLING, arena_printf(&r->arena, "Billing: %s", c->title));
	dict_set_int(d, "ID", c->id);
	dict_set(d, "TITLE", c->title);
	dict_terms(d, "TERMS", c->rate, c->hourly);
	if (!c->hourly) {
		s = dict_add(d, "FIXED");
		if (dict_escrow(s, c->id, r->now) == -1)
			goto fail;
		page_finish(r);
		return;
	}
	s = dict_add(d, "HOURLY");
	if (c->side == SIDE_CLIENT)
		dict_show(s, "CLIENT");
	else
		dict_show(s, "FREELANCER");
	dict_set(s, "OTHER", c->side == SIDE_CLIENT ? c->freelancer_name :
	    c->client_name);
	if (invoices(r, s, c, in) == -1 || disputes(r, s, c) == -1)
		goto fail;
	if (in != NULL && !in->shown)
		dict_form_errors(s, dict_add(s, "NO_FORM"), "Your dispute was "
		    "not sent. Please check:", &in->errs);
	r->resp.status = status;
	page_finish(r);
	return;
fail:
	page_fail(r);
}

void
page_billing(struct req *r)
{
	struct contract	 c;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	billing_page(r, &c, NULL, 200);
}

/* ---- GET /contracts/{id}/billing.csv ---- */

#define CSV_WEEKS	5200	/* a century of weekly invoices */

/*
 * Every weekly invoice, oldest first, with the figures and dates the
 * billing page shows (a fixed-price contract has none: the header row
 * alone).  Money in dollars without separators, hours as minutes.
 */
void
page_billing_csv(struct req *r)
{
	struct contract	 c;
	struct invoice	 inv;
	struct buf	*b;
	struct db_stmt	*st;
	int64_t		*weeks, *logged;
	int		 n = 0, i, rc;
	char		 m[MONEY_BUFSZ], day[11], when[21];

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	weeks = arena_alloc(&r->arena, CSV_WEEKS * sizeof(*weeks));
	logged = arena_alloc(&r->arena, CSV_WEEKS * sizeof(*logged));
	if (c.hourly) {
		st = db_prep(STMT_DIARY_WEEKS, c.id, (int64_t)CSV_WEEKS);
		while ((rc = db_row(st)) == 1) {
			weeks[n] = db_int(st, 0);
			logged[n++] = db_int(st, 1);
		}
		if (rc == -1)
			goto fail;
	}
	b = page_csv(r, &c, "billing");
	buf_puts(b, "week_start,week_end,logged_minutes,billed_minutes,amount,"
	    "refunded,disputed_minutes,state,invoiced_at_utc,review_last_day,"
	    "available_on");
	csv_row_end(b);
	for (i = n - 1; i >= 0; i--) {
		if (invoice_read(&c, weeks[i], logged[i], &inv) == -1)
			goto fail;
		date_format_day(inv.week, day);
		csv_cell(b, day, true);
		date_format_day(inv.week + 6 * DAY_SECS, day);
		csv_cell(b, day, false);
		csv_int(b, inv.logged, false);
		csv_int(b, inv.minutes, false);
		money_format_plain(inv.amount, m);
		csv_cell(b, m, false);
		money_format_plain(inv.refunded, m);
		csv_cell(b, m, false);
		csv_int(b, inv.disputed_minutes, false);
		csv_cell(b, invoice_states[billing_state(inv.week, inv.unsettled > 0,
		    r->now)], false);
		date_format_when(billing_invoiced_at(inv.week), when);
		csv_cell(b, when, false);
		date_format_day(billing_review_until(inv.week), day);
		csv_cell(b, day, false);
		date_format_day(billing_available_at(inv.week), day);
		csv_cell(b, day, false);
		csv_row_end(b);
	}
	return;
fail:
	page_fail(r);
}

/* ---- POST /contracts/{id}/disputes ---- */

/* The week the invoice field names: a day of the week (the form sends
 * its Monday) or an invoice id.  0, or -1 after answering 400. */
static int
invoice_field(struct req *r, const struct contract *c,
    const struct form_value v[DISPUTE__MAX], int64_t *week)
{
	struct db_stmt	*st;
	int64_t		 id = v[DISPUTE_INVOICE].num;
	int		 rc;

	if (v[DISPUTE_WEEK].set) {
		*week = week_start(v[DISPUTE_WEEK].num);
		return 0;
	}
	if (v[DISPUTE_INVOICE].set) {
		st = db_prep(STMT_INVOICE_WEEK, id, c->id);
		if ((rc = db_row(st)) == 1) {
			*week = db_int(st, 0);
			db_done(st);
			return 0;
		}
		if (rc == -1) {
			page_fail(r);
			return -1;
		}
	}
	page_error(r, 400, form_message(&r->arena,
	    &dispute_fields[DISPUTE_INVOICE], FORM_INVALID));
	return -1;
}

/* 409 unless the review period of week's invoice is open now. */
static int
review_open(struct req *r, int64_t week)
{
	/* Its last minute, Friday 23:59 UTC, in the reader's zone. */
	const char	*until;

	if (dispute_open_allowed(week, r->now))
		return 0;
	until = page_deadline(r, billing_review_until(week));
	if (r->now < billing_invoiced_at(week))
		page_error(r, 409, arena_printf(&r->arena, "This week is not "
		    "invoiced yet. It will be on %s, and can be disputed from "
		    "then until %s.", page_deadline(r, billing_invoiced_at(week)),
		    until));
	else
		page_error(r, 409, arena_printf(&r->arena, "The review period for "
		    "this invoice closed on %s. Hours can only be disputed during "
		    "the review period, Monday 12:00 to Friday 23:59 UTC after the "
		    "week.", until));
	return -1;
}

void
page_disputes_post(struct req *r)
{
	struct contract		 c;
	struct invoice		 inv;
	struct dispute_form	 f;
	struct form_value	 v[DISPUTE__MAX];
	const char		*reason, *mid, *rid;
	int64_t			 week, minutes, left, amount, logged;
	char			 m[MONEY_BUFSZ], h[24], w[32], due[40], wk[11];

	(void)form_parse(&r->arena, &r->form, dispute_fields, DISPUTE__MAX, v);
	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	if (c.side != SIDE_CLIENT) {
		page_error(r, 403, "Only the client disputes hours.");
		return;
	}
	if (!c.hourly) {
		page_error(r, 409, "This is a fixed-price contract: it has no weekly "
		    "invoices to dispute.");
		return;
	}
	if (invoice_field(r, &c, v, &week) == -1 || review_open(r, week) == -1)
		return;
	memset(&f, 0, sizeof(f));
	f.week = week;
	f.minutes = v[DISPUTE_MINUTES].raw;
	f.reason = reason = v[DISPUTE_REASON].raw;
	minutes = v[DISPUTE_MINUTES].num;
	date_format_day(week, wk);
	mid = arena_printf(&r->arena, "dm-%s", wk);
	rid = arena_printf(&r->arena, "dr-%s", wk);
	form_err(&f.errs, mid, "MINUTES_BAD", v[DISPUTE_MINUTES].msg);
	form_err(&f.errs, rid, "REASON_BAD", v[DISPUTE_REASON].msg);
	if (f.errs.n > 0) {
		billing_page(r, &c, &f, 400);
		return;
	}

	if (db_begin_write() == -1)
		goto fail;
	if ((logged = diary_week_minutes(c.id, week)) == -1)
		goto fail;
	if (db_exec(db_prep(STMT_INVOICE_ADD, c.id, week,
	    diary_billable(logged, c.weekly_limit), money_for_minutes(c.rate,
	    diary_billable(logged, c.weekly_limit)))) == -1 ||
	    invoice_read(&c, week, logged, &inv) == -1 || inv.id == 0)
		goto fail;
	if (inv.unsettled > 0) {
		db_rollback();
		page_error(r, 409, "This invoice already has a dispute waiting for "
		    "the freelancer's answer or under review. Nothing was changed.");
		return;
	}
	left = inv.minutes - inv.disputed_minutes;
	if (left <= 0) {
		db_rollback();
		page_error(r, 409, inv.minutes == 0 ? "Nothing was billed for this "
		    "week, so there is nothing to dispute." : "All billed hours of "
		    "this invoice have been disputed already.");
		return;
	}
	if (minutes > left) {
		db_rollback();
		minutes_format_hours(left, h);
		form_err(&f.errs, mid, "MINUTES_BAD", arena_printf(&r->arena,
		    "Minutes you dispute: at most %lld minutes (%s %s) of this "
		    "invoice can be disputed.", (long long)left, h, hours_noun(left)));
		billing_page(r, &c, &f, 400);
		return;
	}
	amount = dispute_amount(c.rate, minutes, left, inv.amount - inv.disputed_amount);
	if (amount < 0)
		goto fail;
	if (db_exec(db_prep(STMT_DISPUTE_ADD, inv.id, c.id, minutes,
	    amount, reason, r->uid, r->now)) == -1)
		goto fail;
	money_format(amount, m);
	minutes_format_hours(minutes, h);
	date_format_human(week, w);
	notice_deadline(dispute_answer_due(r->now), due);
	if (event_add(c.id, r->uid, "dispute opened", arena_printf(&r->arena,
	    "%s %s (%s) of the week of %s", h, hours_noun(minutes), m, w),
	    r->now) == -1 ||
	    notify_party(c.id, PARTY_FREELANCER, NOTICE_DISPUTE_OPENED, arena_printf(&r->arena,
	    "%s disputes %s %s (%s) of the invoice for the week of %s on “%s”. "
	    "Accept or decline on the billing page by %s.", r->uname, h,
	    hours_noun(minutes), m, w, c.title, due), r->now) == -1 ||
	    db_commit() == -1)
		goto fail;
	page_flash(r, FLASH_DISPUTE_OPENED);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/billing",
	    (long long)c.id));
	return;
fail:
	page_fail(r);
}

/* ---- POST /disputes/{id} ---- */

/* The page that asks before an answer to a dispute, which can't be
 * undone: accepting refunds at once, declining goes to the marketplace. */
static void
dispute_confirm(struct req *r, const struct contract *c, bool accept,
    const char *money, const char *hours, const char *week, const char *reason,
    const char *due)
{
	struct confirm	 k;

	memset(&k, 0, sizeof(k));
	k.heading = accept ? "Accept the dispute" : "Decline the dispute";
	k.question = arena_printf(&r->arena, "%s %s's dispute of %s (%s) of the "
	    "week of %s?", accept ? "Accept" : "Decline", c->client_name, hours,
	    money, week);
	k.facts[0] = arena_printf(&r->arena, "%s's reason: %s", c->client_name, reason);
	k.facts[1] = accept ? arena_printf(&r->arena, "%s is refunded to %s at "
	    "once.", money, c->client_name) : "The marketplace reviews the "
	    "dispute and decides; the hours stay billed until then.";
	k.facts[2] = "Your answer can't be changed or undone.";
	k.facts[3] = arena_printf(&r->arena, "You have until %s to answer; "
	    "going back answers nothing.", due);
	k.action = arena_printf(&r->arena, "/disputes/%lld", (long long)r->caps[0]);
	k.fields[0][0] = answer_form[ANSWER_DECISION].name;
	k.fields[0][1] = answer_form[ANSWER_DECISION].choices[accept ?
	    ANSWER_ACCEPT : ANSWER_DECLINE];
	k.button = accept ? arena_printf(&r->arena, "Accept and refund %s", money) :
	    "Decline the dispute";
	k.danger = accept;
	k.back = arena_printf(&r->arena, "/contracts/%lld/billing#disputes",
	    (long long)c->id);
	k.back_label = "Go back without answering";
	page_confirm(r, c, &k);
}

void
page_dispute_answer_post(struct req *r)
{
	struct contract		 c;
	struct db_stmt		*st;
	struct form_value	 f[ANSWER__MAX];
	const char		*reason;
	enum dispute_view	 v;
	int64_t			 contract, invoice, amount, minutes, opened, week;
	char			 m[MONEY_BUFSZ], h[24], w[32];
	const char		*due;
	bool			 accept;
	int			 rc;

	(void)form_parse(&r->arena, &r->form, answer_form, ANSWER__MAX, f);
	st = db_prep(STMT_DISPUTE_GET, r->caps[0]);
	if ((rc = db_row(st)) != 1) {
		if (rc == -1)
			page_fail(r);
		else
			page_not_found(r);
		return;
	}
	invoice = db_int(st, 1);
	contract = db_int(st, 2);
	minutes = db_int(st, 3);
	amount = db_int(st, 4);
	v = dispute_view(db_text(st, 5), db_int(st, 8), db_int(st, 6), r->now);
	opened = db_int(st, 6);
	week = db_int(st, 7);
	reason = arena_strdup(&r->arena, db_text(st, 9));
	db_done(st);
	if (contract_load(r, contract, &c) == -1)
		return;
	if (c.side != SIDE_FREELANCER) {
		page_error(r, 403, "Only the freelancer side answers a dispute.");
		return;
	}
	if (!contract_may_decide(r, &c))
		return;
	if (f[ANSWER_DECISION].err != FORM_OK) {
		page_error(r, 400, f[ANSWER_DECISION].msg);
		return;
	}
	accept = f[ANSWER_DECISION].num == ANSWER_ACCEPT;
	due = page_deadline(r, dispute_answer_due(opened));
	if (v == DISPUTE_UNANSWERED) {
		page_error(r, 409, arena_printf(&r->arena, "The 3 days to answer "
		    "this dispute ended on %s; it went to the marketplace for "
		    "review. Nothing was changed.", due));
		return;
	}
	if (v != DISPUTE_OPEN) {
		page_error(r, 409, arena_printf(&r->arena, "This dispute was already "
		    "answered: %s. Nothing was changed.", dispute_views[v]));
		return;
	}
	money_format(amount, m);
	minutes_format_hours(minutes, h);
	date_format_human(week, w);
	if (f[ANSWER_CONFIRM].num != 1) {
		dispute_confirm(r, &c, accept, m, arena_printf(&r->arena, "%s %s",
		    h, hours_noun(minutes)), w, reason, due);
		return;
	}

	if (db_begin_write() == -1)
		goto fail;
	if (db_exec(db_prep(STMT_DISPUTE_DECIDE, r->caps[0],
	    accept ? "accepted" : "escalated", r->uid, r->now,
	    dispute_answerable_after(r->now))) == -1)
		goto fail;
	if (db_changes() != 1) {	/* answered a moment ago */
		db_rollback();
		page_error(r, 409, "This dispute was already answered. Nothing was "
		    "changed.");
		return;
	}
	if (accept) {
		if (db_exec(db_prep(STMT_INVOICE_REFUND, invoice, amount)) == -1 ||
		    db_changes() != 1 ||
		    event_add(c.id, r->uid, "dispute accepted", arena_printf(&r->arena,
		    "%s refunded to the client for %s %s of the week of %s", m, h,
		    hours_noun(minutes), w), r->now) == -1 ||
		    notify_party(c.id, PARTY_CLIENT, NOTICE_DISPUTE_ANSWERED, arena_printf(
		    &r->arena, "%s accepted your dispute of %s %s of the week of "
		    "%s on “%s”: %s is refunded to you.", r->uname, h,
		    hours_noun(minutes), w, c.title, m), r->now) == -1)
			goto fail;
	} else if (event_add(c.id, r->uid, "dispute declined", arena_printf(
	    &r->arena, "%s %s (%s) of the week of %s: escalated to the "
	    "marketplace", h, hours_noun(minutes), m, w), r->now) == -1 ||
	    notify_party(c.id, PARTY_CLIENT, NOTICE_DISPUTE_ANSWERED, arena_printf(&r->arena,
	    "%s declined your dispute of %s %s of the week of %s on “%s”. The "
	    "marketplace will review it.", r->uname, h, hours_noun(minutes), w,
	    c.title), r->now) == -1)
		goto fail;
	if (db_commit() == -1)
		goto fail;
	page_flash(r, accept ? FLASH_DISPUTE_ACCEPTED : FLASH_DISPUTE_DECLINED);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/billing",
	    (long long)c.id));
	return;
fail:
	page_fail(r);
}
