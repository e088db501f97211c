/*
 * page-end: ending a contract.  GET /contracts/{id}/end is the
 * confirmation page (what ending means for this contract, in its own
 * figures); POST ends it in one transaction, once.  For fixed price the
 * client releases all, part or none of the escrow; less than all makes an
 * escrow refund request the freelancer side answers with POST
 * /contracts/{id}/escrow within 7 days, silence counting as accepted
 * (recorded by the scheduled step, service/tick.c, at that moment).
 *
 * Also the contract page's block about ending and what it settles
 * (ending_contract_blocks()).
 */
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/billing.h"
#include "domain/contract.h"
#include "domain/date.h"
#include "domain/diary.h"
#include "domain/dispute.h"
#include "domain/escrow.h"
#include "domain/feedback.h"
#include "domain/money.h"
#include "domain/refund.h"
#include "pages/pages.h"
#include "service/escrow.h"

#define MAX_OTHER_REASON	300	/* characters */

/* Why a contract ends: the select list's values (reason_keys) and what
 * is recorded (reason_texts). */
enum end_reason {
	REASON_DONE,
	REASON_BUDGET,
	REASON_SILENT,
	REASON_UNHAPPY,
	REASON_MOVING,
	REASON_OTHER,		/* the text typed in reason_other */
	REASON__MAX
};

static const char *const reason_keys[REASON__MAX + 1] = {
	"done", "budget", "silent", "unhappy", "moving", "other", NULL
};

static const char *const reason_texts[REASON__MAX] = {
	"The work is done",
	"The budget or the schedule changed",
	"The other side stopped responding",
	"Not satisfied with how the work went",
	"Moving on to other work",
	NULL,
};

/* POST /contracts/{id}/end; release only from a client ending a fixed
 * price contract with money in escrow. */
enum end_field {
	END_REASON,
	END_OTHER,
	END_RELEASE,
	END__MAX
};

static const struct form_field end_fields[END__MAX] = {
	[END_REASON] = { .name = "reason", .kind = FORM_CHOICE,
	    .flags = FORM_REQUIRED, .choices = reason_keys,
	    .label = "Reason for ending", .phrase = {
		[FORM_MISSING] = "choose why you are ending the contract.",
		[FORM_INVALID] = "choose one of the reasons in the list.",
	    } },
	[END_OTHER] = { .name = "reason_other", .kind = FORM_TEXT,
	    .max = MAX_OTHER_REASON, .label = "Other reason" },
	[END_RELEASE] = { .name = "release", .kind = FORM_MONEY,
	    .min = 0, .max = MONEY_MAX, .label = "Release" },
};

/* ---- the contract page's block ---- */

static int
escrow_request_block(struct req *r, struct dict *d, const struct contract *c)
{
	struct db_stmt		*st;
	struct dict		*e;
	enum escrow_state	 es;
	int64_t			 requested_at;

	st = db_prep(STMT_ESCROW_REQUEST_GET, c->id);
	switch (db_row(st)) {
	case 0:
		return 0;
	case 1:
		break;
	default:
		return -1;
	}
	e = dict_add(d, "ESCROW_REQUEST");
	requested_at = db_int(st, 3);
	dict_money(e, "ER_RELEASED", db_int(st, 1));
	dict_money(e, "ER_REFUND", db_int(st, 2));
	dict_day(e, "ER_REQUESTED", requested_at);
	dict_deadline(e, "ER_DUE", escrow_answer_due(requested_at));
	es = escrow_view(requested_at, (int)db_int(st, 4), db_int(st, 5), r->now);
	dict_set(e, "ER_STATE", escrow_states[es]);
	dict_show(e, c->side == SIDE_CLIENT ? "ER_YOU" : "ER_THEM");
	if (db_int(st, 6) != 0) {
		char day[32];
		date_format_human(db_int(st, 6), day);
		dict_set(dict_add(e, "ER_DECIDED"), "ER_DECIDED_ON",
		    *db_text(st, 7) == '\0' ? day :
		    arena_printf(&r->arena, "%s, by %s", day, db_text(st, 7)));
	}
	db_done(st);
	if (es == ESCROW_PENDING) {
		if (c->side == SIDE_FREELANCER && c->decides)
			dict_show(e, "ER_ANSWER");
		else
			dict_show(e, "ER_WAITING");
	}
	return 0;
}

/* How many of c's disputes wait for the freelancer side's answer now;
 * -1 on a database error. */
static int64_t
disputes_open(struct req *r, const struct contract *c)
{
	struct db_stmt	*st = db_prep(STMT_DISPUTE_OPEN_COUNT, c->id,
	    dispute_answerable_after(r->now));
	int64_t		 n;

	if (db_row(st) != 1)
		return -1;
	n = db_int(st, 0);
	db_done(st);
	return n;
}

int
ending_contract_blocks(struct req *r, struct dict *d, const struct contract *c)
{
	struct dict	*b = dict_add(d, "ENDING");
	int64_t		 open;

	dict_set_int(b, "ID", c->id);
	if (c->hourly) {
		dict_show(b, "HOURLY_LINKS");
		if ((open = disputes_open(r, c)) == -1)
			return -1;
		if (open > 0) {
			struct dict *o = dict_add(b, "OPEN_DISPUTES");
			dict_set_int(o, "OPEN_COUNT", open);
			dict_set(o, "OPEN_WORD", open == 1 ? "dispute is" : "disputes are");
			dict_set(o, "OPEN_WHO", c->side == SIDE_FREELANCER ?
			    "your answer" : arena_printf(&r->arena, "%s's answer",
			    c->freelancer_name));
		}
	} else if (escrow_request_block(r, b, c) == -1)
		return -1;
	return 0;
}

/* ---- GET /contracts/{id}/end ---- */

static void
already_ended(struct req *r, const struct contract *c)
{
	char	 day[32];

	date_format_human(c->ended_at, day);
	page_error(r, 409, arena_printf(&r->arena, "This contract has already "
	    "ended (on %s). Nothing was changed. Its checklist and feedback are "
	    "on the contract's page.", day));
}

/* Payments the freelancer side can still refund, for the page: paid
 * invoices among them, named by their week. */
static int
refundable_payments(struct req *r, struct dict *d, const struct contract *c)
{
	struct paid_list	 l;
	const struct paid	*q;
	struct dict		*p;
	char			 day[32];
	size_t			 i;
	int			 n = 0;

	if (contract_payments(r, c, &l) == -1)
		return -1;
	for (i = 0; i < l.n; i++) {
		q = &l.v[i];
		if (q->refunded >= q->amount || !refund_window_open(q->paid_at, r->now))
			continue;
		p = dict_add(d, "REFUNDABLE");
		dict_day(p, "PAID_AT", q->paid_at);
		dict_money(p, "PAID", q->amount);
		dict_money(p, "LEFT", q->amount - q->refunded);
		if (q->week != 0) {
			date_format_human(q->week, day);
			dict_set(p, "MEMO", arena_printf(&r->arena, "Invoice for the "
			    "week of %s", day));
		} else
			dict_set(p, "MEMO", q->memo);
		dict_day(p, "UNTIL", refund_last_day(q->paid_at));
		n++;
	}
	dict_show(d, n > 0 ? "HAS_REFUNDABLE" : "NO_REFUNDABLE");
	return 0;
}

static int
hourly_preview(struct req *r, struct dict *d, const struct contract *c)
{
	struct end_preview	 p;
	struct dict		*h;
	int64_t			 last = week_start(r->now) - WEEK_SECS, lastmin, minutes;

	if ((minutes = diary_week_minutes(c->id, week_start(r->now))) == -1)
		return -1;
	contract_end_preview(minutes, c->weekly_limit, c->rate, r->now, &p);
	h = dict_add(d, "HOURLY");
	dict_set_int(h, "ID", c->id);
	dict_day(h, "WEEK_OF", p.week);
	dict_hours(h, "WEEK_HOURS", p.billable);
	dict_set(h, "WEEK_HOURS_NOUN", hours_noun(p.billable));
	dict_money(h, "WEEK_AMOUNT", p.amount);
	dict_deadline(h, "INVOICE_AT", p.invoiced_at);
	dict_deadline(h, "DISPUTE_UNTIL", p.dispute_until);
	dict_deadline(h, "AVAILABLE_AT", p.available_at);
	dict_show(h, p.logged > 0 ? "WEEK_LOGGED" : "WEEK_EMPTY");
	if (p.over > 0) {
		struct dict *o = dict_add(h, "OVER");
		dict_hours(o, "OVER_HOURS", p.over);
		dict_set(o, "OVER_HOURS_NOUN", hours_noun(p.over));
		dict_set_int(o, "LIMIT", c->weekly_limit);
	}
	/* Last week's invoice stays open until its review closes (Friday
	 * 23:59 UTC); on Monday morning it is not even issued yet. */
	if (r->now < billing_review_closes(last)) {
		if ((minutes = diary_week_minutes(c->id, last)) == -1)
			return -1;
		lastmin = diary_billable(minutes, c->weekly_limit);
		if (lastmin > 0) {
			struct dict *l = dict_add(h, "LAST_WEEK");
			dict_hours_abbr(l, "LAST_HOURS", lastmin);
			dict_money(l, "LAST_AMOUNT", money_for_minutes(c->rate, lastmin));
			dict_deadline(l, "LAST_INVOICE_AT", billing_invoiced_at(last));
			dict_deadline(l, "LAST_DISPUTE_UNTIL",
			    billing_review_until(last));
			dict_show(l, r->now < billing_invoiced_at(last) ?
			    "LAST_NOT_YET" : "LAST_INVOICED");
		}
	}
	return 0;
}

/*
 * What ending leaves open and what comes after it (DESIGN.md "Ending"):
 * open disputes, an escrow request waiting for its answer, then the
 * checklist and the feedback window, double-blind.  0, or -1.
 */
static int
end_open_items(struct req *r, struct dict *d, const struct contract *c)
{
	struct db_stmt	*st;
	struct dict	*o;
	int64_t		 open;
	int		 rc;

	if ((open = disputes_open(r, c)) == -1)
		return -1;
	if (open > 0) {
		o = dict_add(d, "OPEN_DISPUTES");
		dict_set(o, "OPEN_TEXT", open == 1 ? "1 dispute is" :
		    arena_printf(&r->arena, "%lld disputes are", (long long)open));
		dict_show(o, c->side == SIDE_FREELANCER ? "YOU_ANSWER" : "THEY_ANSWER");
	}
	st = db_prep(STMT_ESCROW_REQUEST_GET, c->id);
	if ((rc = db_row(st)) == -1)
		return -1;
	if (rc == 1) {
		if (escrow_view(db_int(st, 3), (int)db_int(st, 4), db_int(st, 5),
		    r->now) == ESCROW_PENDING) {
			o = dict_add(d, "OPEN_ESCROW");
			dict_money(o, "ER_REFUND", db_int(st, 2));
			dict_deadline(o, "ER_DUE", escrow_answer_due(db_int(st, 3)));
		}
		db_done(st);
	}
	o = dict_add(d, "AFTER");
	dict_set_int(o, "ID", c->id);
	dict_deadline(o, "FEEDBACK_CLOSES", feedback_closes(r->now));
	return 0;
}

static int
fixed_preview(struct req *r, struct dict *d, const struct contract *c,
    const char *release)
{
	struct dict	*f = dict_add(d, "FIXED");
	int64_t		 balance = escrow_balance(c->id);
	char		 plain[MONEY_BUFSZ];

	if (balance < 0)
		return -1;
	dict_money(f, "ESCROW", balance);
	if (balance == 0) {
		dict_show(f, "NO_ESCROW");
		return 0;
	}
	if (c->side == SIDE_CLIENT) {
		struct dict *rel = dict_add(f, "RELEASE");
		money_format_plain(balance, plain);
		/* No amount is chosen for the client: all, part or none. */
		dict_set(rel, "RELEASE_VALUE", release != NULL ? release : "");
		dict_set(rel, "RELEASE_MAX", plain);
		dict_money(rel, "ESCROW", balance);
		dict_deadline(rel, "ANSWER_DUE", escrow_answer_due(r->now));
	} else
		dict_show(f, "RETURN");
	return 0;
}

/* What the end form sent, and what is wrong with it. */
struct end_form {
	struct form_value	 v[END__MAX];
	struct form_errs	 errs;
};

/* The confirmation page; in is what was typed when it comes back with
 * mistakes (status 400), else NULL. */
static void
end_page(struct req *r, const struct contract *c, const struct end_form *in,
    int status)
{
	struct dict	*d, *o;
	size_t		 i;

	d = page_begin(r, TPL_END, arena_printf(&r->arena, "End contract: %s", c->title));
	dict_set_int(d, "ID", c->id);
	dict_set(d, "TITLE", c->title);
	dict_terms(d, "TERMS", c->rate, c->hourly);
	dict_set(d, "OTHER", c->side == SIDE_CLIENT ? c->freelancer_name : c->client_name);
	dict_show(d, c->side == SIDE_CLIENT ? "YOU_CLIENT" : "YOU_FREELANCER");
	for (i = 0; i < REASON__MAX; i++) {
		o = dict_add(d, "REASON");
		dict_set(o, "KEY", reason_keys[i]);
		dict_set(o, "TEXT", reason_texts[i] != NULL ? reason_texts[i] :
		    "Other (say why)");
		if (in != NULL && in->v[END_REASON].set &&
		    in->v[END_REASON].num == (int64_t)i)
			dict_show(o, "SELECTED");
	}
	dict_set(d, "REASON_OTHER", in != NULL ? in->v[END_OTHER].text : "");
	if (in != NULL)
		dict_form_errors(d, d, "The contract was not ended. Please check:",
		    &in->errs);
	if ((c->hourly ? hourly_preview(r, d, c) : fixed_preview(r, d, c,
	    in != NULL ? in->v[END_RELEASE].raw : NULL)) == -1)
		goto fail;
	if (refundable_payments(r, d, c) == -1 || end_open_items(r, d, c) == -1)
		goto fail;
	r->resp.status = status;
	page_finish(r);
	return;
fail:
	page_fail(r);
}

void
page_end(struct req *r)
{
	struct contract	 c;

	/* The confirmation page is the first step of ending: for those who
	 * may end. */
	if (contract_load(r, r->caps[0], &c) == -1 || !contract_may_decide(r, &c))
		return;
	if (c.ended) {
		already_ended(r, &c);
		return;
	}
	end_page(r, &c, NULL, 200);
}

/* ---- POST /contracts/{id}/end ---- */

/* The reason to record from f, or NULL with the mistake in f->errs. */
static const char *
end_reason(struct end_form *f)
{
	const struct form_value	*reason = &f->v[END_REASON];
	const char		*other;

	if (reason->err != FORM_OK) {
		form_err(&f->errs, "reason", "REASON_BAD", reason->msg);
		return NULL;
	}
	if (reason_texts[reason->num] != NULL)
		return reason_texts[reason->num];
	if (f->v[END_OTHER].err != FORM_OK) {
		form_err(&f->errs, "reason_other", "OTHER_BAD", f->v[END_OTHER].msg);
		return NULL;
	}
	for (other = f->v[END_OTHER].text; *other == ' '; other++)
		continue;
	if (*other == '\0') {
		form_err(&f->errs, "reason_other", "OTHER_BAD", "Other reason: you "
		    "chose “Other”; say in a few words why you are ending the "
		    "contract.");
		return NULL;
	}
	return other;
}

/* The cents to release from f, or -1 with the mistake in f->errs. */
static int64_t
release_amount(struct req *r, struct end_form *f, int64_t balance)
{
	const struct form_value	*v = &f->v[END_RELEASE];
	int64_t			 cents = v->num;
	char			 m[MONEY_BUFSZ];

	money_format(balance, m);
	if (!v->set) {
		form_err(&f->errs, "release", "RELEASE_BAD", arena_printf(&r->arena,
		    "Release: %s. Enter how much of the %s in escrow to release "
		    "to the freelancer, from 0.00 (none) to all of it.",
		    v->why, m));
		return -1;
	}
	if (cents > balance) {
		form_err(&f->errs, "release", "RELEASE_BAD", arena_printf(&r->arena,
		    "Release: only %s is in escrow; enter that amount or less.", m));
		return -1;
	}
	return cents;
}

/*
 * Within the ending transaction, fixed price: the client releases
 * release of the escrow and asks for the rest back (an escrow refund
 * request), or the freelancer side's ending returns it all.  Returns 0,
 * 1 when the escrow changed since the page was read (nothing done), -1
 * on a db error.
 */
static int
end_escrow(struct req *r, const struct contract *c, int64_t release, int64_t *balance)
{
	char	 m[MONEY_BUFSZ], rest[MONEY_BUFSZ], due[40];
	int64_t	 refund;

	if ((*balance = escrow_balance(c->id)) < 0)
		return -1;
	if (*balance == 0)
		return 0;
	if (c->side == SIDE_FREELANCER) {
		money_format(*balance, m);
		if (escrow_move(c->id, *balance, false) == -1 ||
		    event_add(c->id, r->uid, "escrow returned", arena_printf(&r->arena,
		    "%s in escrow went back to the client", m), r->now) == -1)
			return -1;
		return 0;
	}
	if (release > *balance)
		return 1;
	refund = *balance - release;
	money_format(release, m);
	money_format(refund, rest);
	if (release > 0 && (escrow_move(c->id, release, true) == -1 ||
	    db_exec(db_prep(STMT_PAYMENT_ADD, c->id, release, r->now,
	    "Escrow released when the contract ended")) == -1 ||
	    event_add(c->id, r->uid, "escrow released", arena_printf(&r->arena,
	    "%s released to the freelancer", m), r->now) == -1))
		return -1;
	if (refund == 0)
		return 0;
	notice_deadline(escrow_answer_due(r->now), due);
	if (db_exec(db_prep(STMT_ESCROW_REQUEST_ADD, c->id, release, refund,
	    r->now)) == -1 ||
	    event_add(c->id, r->uid, "escrow refund requested", arena_printf(&r->arena,
	    "%s asked back from escrow", rest), r->now) == -1 ||
	    notify_party(c->id, PARTY_FREELANCER, NOTICE_ESCROW_REQUEST, arena_printf(&r->arena,
	    "%s released %s of the escrow of “%s” and asks for %s back. Accept or "
	    "decline on the contract page by %s; with no answer by then it counts "
	    "as accepted.", r->uname, m, c->title, rest, due), r->now) == -1)
		return -1;
	return 0;
}

void
page_end_post(struct req *r)
{
	struct contract	 c;
	struct end_form	 f;
	const char	*reason, *body;
	int64_t		 release = 0, balance = 0, before;
	char		 m[MONEY_BUFSZ];
	int		 rc;

	if (contract_load(r, r->caps[0], &c) == -1 || !contract_may_decide(r, &c))
		return;
	if (c.ended) {
		already_ended(r, &c);
		return;
	}
	memset(&f, 0, sizeof(f));
	(void)form_parse(&r->arena, &r->form, end_fields, END__MAX, f.v);
	reason = end_reason(&f);
	if (!c.hourly && c.side == SIDE_CLIENT) {
		if ((before = escrow_balance(c.id)) < 0)
			goto fail;
		if (before > 0)
			release = release_amount(r, &f, before);
	}
	if (f.errs.n > 0) {
		end_page(r, &c, &f, 400);
		return;
	}

	if (db_begin_write() == -1)
		goto fail;
	/* The guard makes a second confirm (double click, both sides at
	 * once) change nothing: only one UPDATE finds the contract active. */
	if (db_exec(db_prep(STMT_CONTRACT_END, c.id, r->now, r->uid,
	    reason)) == -1)
		goto fail;
	if (db_changes() == 0) {
		db_rollback();
		if (contract_load(r, c.id, &c) == 0)
			already_ended(r, &c);
		return;
	}
	body = arena_printf(&r->arena, "%s ended the contract “%s”. Reason: %s.",
	    r->uname, c.title, reason);
	if (!c.hourly) {
		if ((rc = end_escrow(r, &c, release, &balance)) == -1)
			goto fail;
		if (rc == 1) {
			db_rollback();
			money_format(balance, m);
			page_error(r, 409, arena_printf(&r->arena, "The escrow changed "
			    "while you were deciding: %s is in escrow now. Nothing was "
			    "changed; go back, reload the page and choose again.", m));
			return;
		}
		money_format(balance, m);
		if (balance > 0 && c.side == SIDE_FREELANCER)
			body = arena_printf(&r->arena, "%s The %s in escrow goes back "
			    "to you.", body, m);
		else if (balance > 0 && release == balance)
			body = arena_printf(&r->arena, "%s All %s in escrow was "
			    "released to you.", body, m);
	}
	if (event_add(c.id, r->uid, "ended", reason, r->now) == -1 ||
	    notify_party(c.id, c.side == SIDE_CLIENT ? PARTY_FREELANCER : PARTY_CLIENT,
	    NOTICE_CONTRACT_ENDED, body, r->now) == -1)
		goto fail;
	/* An agency owner or admin ending for the freelancer: tell the
	 * freelancer of record too. */
	if (c.side == SIDE_FREELANCER && r->uid != c.freelancer_id &&
	    notify(c.freelancer_id, c.id, NOTICE_CONTRACT_ENDED, body, r->now) == -1)
		goto fail;
	if (db_commit() == -1)
		goto fail;
	page_flash(r, FLASH_ENDED);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/checklist",
	    (long long)c.id));
	return;
fail:
	page_fail(r);
}

/* ---- POST /contracts/{id}/escrow ---- */

/*
 * The page that asks before an answer to the escrow refund request,
 * which can't be undone; a request that is not pending is answered as
 * the confirmed POST would (409), so the question is never asked in vain.
 */
static void
escrow_confirm(struct req *r, const struct contract *c, bool accept)
{
	struct db_stmt		*st = db_prep(STMT_ESCROW_REQUEST_GET, c->id);
	enum escrow_state	 es;
	struct confirm		 k;
	char			 m[MONEY_BUFSZ], rel[MONEY_BUFSZ];
	const char		*due;
	int			 rc;

	if ((rc = db_row(st)) != 1) {
		if (rc == -1)
			page_fail(r);
		else
			page_error(r, 409, "There is no escrow refund request on "
			    "this contract to answer.");
		return;
	}
	money_format(db_int(st, 1), rel);
	money_format(db_int(st, 2), m);
	due = page_deadline(r, escrow_answer_due(db_int(st, 3)));
	es = escrow_view(db_int(st, 3), (int)db_int(st, 4), db_int(st, 5), r->now);
	db_done(st);
	if (es != ESCROW_PENDING) {
		page_error(r, 409, arena_printf(&r->arena, "This escrow refund "
		    "request was already settled: %s. Nothing was changed.",
		    escrow_states[es]));
		return;
	}
	memset(&k, 0, sizeof(k));
	k.heading = accept ? "Accept the escrow refund" : "Decline the escrow refund";
	k.question = arena_printf(&r->arena, "%s giving %s back to %s?",
	    accept ? "Accept" : "Decline", m, c->client_name);
	k.facts[0] = arena_printf(&r->arena, "%s released %s to you when the "
	    "contract ended and asks for the %s still in escrow back.",
	    c->client_name, rel, m);
	k.facts[1] = accept ? arena_printf(&r->arena, "%s goes back to %s at "
	    "once.", m, c->client_name) : "The contract becomes disputed and the "
	    "marketplace reviews it; the money stays in escrow until then.";
	k.facts[2] = "Your answer can't be changed or undone.";
	k.facts[3] = arena_printf(&r->arena, "You have until %s to answer; with "
	    "no answer by then it counts as accepted.", due);
	k.action = arena_printf(&r->arena, "/contracts/%lld/escrow", (long long)c->id);
	k.fields[0][0] = answer_form[ANSWER_DECISION].name;
	k.fields[0][1] = answer_form[ANSWER_DECISION].choices[accept ?
	    ANSWER_ACCEPT : ANSWER_DECLINE];
	k.button = accept ? arena_printf(&r->arena, "Give %s back", m) :
	    "Decline and dispute";
	k.danger = true;
	k.back = arena_printf(&r->arena, "/contracts/%lld", (long long)c->id);
	k.back_label = "Go back without answering";
	page_confirm(r, c, &k);
}

void
page_escrow_post(struct req *r)
{
	struct contract		 c;
	struct form_value	 v[ANSWER__MAX];
	struct db_stmt		*st;
	enum escrow_state	 es;
	int64_t			 refund, requested_at;
	bool			 accept;
	char			 m[MONEY_BUFSZ];

	(void)form_parse(&r->arena, &r->form, answer_form, ANSWER__MAX, v);
	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	if (c.hourly) {
		page_error(r, 409, "This is an hourly contract: it has no escrow.");
		return;
	}
	if (c.side != SIDE_FREELANCER) {
		page_error(r, 403, "Only the freelancer side answers an escrow "
		    "refund request.");
		return;
	}
	if (!contract_may_decide(r, &c))
		return;
	if (v[ANSWER_DECISION].err != FORM_OK) {
		page_error(r, 400, v[ANSWER_DECISION].msg);
		return;
	}
	accept = v[ANSWER_DECISION].num == ANSWER_ACCEPT;
	if (v[ANSWER_CONFIRM].num != 1) {
		escrow_confirm(r, &c, accept);
		return;
	}

	if (db_begin_write() == -1)
		goto fail;
	st = db_prep(STMT_ESCROW_REQUEST_GET, c.id);
	switch (db_row(st)) {
	case 0:
		db_rollback();
		page_error(r, 409, "There is no escrow refund request on this "
		    "contract to answer.");
		return;
	case 1:
		break;
	default:
		goto fail;
	}
	refund = db_int(st, 2);
	requested_at = db_int(st, 3);
	es = escrow_view(requested_at, (int)db_int(st, 4), db_int(st, 5), r->now);
	db_done(st);
	if (es != ESCROW_PENDING) {
		db_rollback();
		page_error(r, 409, arena_printf(&r->arena, "This escrow refund "
		    "request was already settled: %s%s. Nothing was changed.",
		    escrow_states[es], es == ESCROW_LAPSED ?
		    arena_printf(&r->arena, " (the 7 days ended %s)",
		    page_deadline(r, escrow_answer_due(requested_at))) : ""));
		return;
	}
	if (db_exec(db_prep(STMT_ESCROW_DECIDE, c.id, (int64_t)(accept ? 1 : -1),
	    r->uid, r->now, escrow_answerable_after(r->now))) == -1 ||
	    db_changes() != 1)
		goto fail;
	money_format(refund, m);
	if (accept) {
		if (escrow_move(c.id, refund, false) == -1 ||
		    event_add(c.id, r->uid, "escrow refund accepted", arena_printf(
		    &r->arena, "%s went back to the client", m), r->now) == -1 ||
		    notify_party(c.id, PARTY_CLIENT, NOTICE_ESCROW_SETTLED, arena_printf(&r->arena,
		    "%s accepted your escrow refund request on “%s”: %s went back to "
		    "you.", r->uname, c.title, m), r->now) == -1)
			goto fail;
	} else {
		if (db_exec(db_prep(STMT_CONTRACT_DISPUTED, c.id)) == -1 ||
		    event_add(c.id, r->uid, "escrow refund declined", arena_printf(
		    &r->arena, "%s stays in escrow; the contract is disputed", m),
		    r->now) == -1 ||
		    notify_party(c.id, PARTY_CLIENT, NOTICE_ESCROW_SETTLED, arena_printf(&r->arena,
		    "%s declined your escrow refund request of %s on “%s”. The "
		    "contract is now disputed; the marketplace will review it.",
		    r->uname, m, c.title), r->now) == -1)
			goto fail;
	}
	if (db_commit() == -1)
		goto fail;
	page_flash(r, accept ? FLASH_ESCROW_ACCEPTED : FLASH_ESCROW_DECLINED);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld", (long long)c.id));
	return;
fail:
	page_fail(r);
}
