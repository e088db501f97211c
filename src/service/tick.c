/*
 * tick: the deadlines of DESIGN.md section 2, met at "now".  Each job
 * reads its candidates outside any transaction, then meets each deadline
 * in a write transaction of its own whose first statement is the guard:
 * whatever the guard finds already done is left alone, so two steps at
 * once, or one run twice, tell everyone once.
 */
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/billing.h"
#include "domain/date.h"
#include "domain/diary.h"
#include "domain/dispute.h"
#include "domain/escrow.h"
#include "domain/feedback.h"
#include "domain/money.h"
#include "service/escrow.h"
#include "service/notify.h"
#include "service/tick.h"

#define BATCH	20

/* "Nov 23 – Nov 29, 2026": a week named by its Monday. */
static void
week_name(int64_t week, char out[80])
{
	char	 a[32], b[32];

	date_format_human(week, a);
	date_format_human(week + 6 * DAY_SECS, b);
	snprintf(out, 80, "%s to %s", a, b);
}

/* Guard a deadline: 1 when this step is the one to meet it, 0 when it was
 * met already, -1 on error.  Within the write transaction. */
static int
deadline_claim(const char *kind, int64_t contract, int64_t subject, int64_t now)
{
	if (db_exec(db_prep(STMT_TICK_DEADLINE_DONE, kind, contract, subject, now)) == -1)
		return -1;
	return db_changes() == 1;
}

/*
 * One item due: what a job reads of a candidate row, enough to meet its
 * deadline without reading again outside the write transaction.
 */
struct due {
	int64_t	 id, contract, week, minutes, amount, held, at, rate, limit;
	int64_t	 ended_at, left[PARTY__MAX];
	bool	 reminded[PARTY__MAX], revealed;
	char	 title[256], name[PARTY__MAX][128];
};

/*
 * A job: its candidates (a statement bound for now, and for a key past
 * the last one read when the candidates do not drop out as they are met),
 * how a row becomes an item (returning its key), and how its deadline is
 * met, inside a write transaction the driver begins: 1 met (commit), 0
 * nothing to do after all (rollback), -1 an error.
 */
struct job {
	struct db_stmt	*(*candidates)(int64_t now, int64_t after);
	int64_t		 (*read)(struct db_stmt *, struct due *);
	int		 (*meet)(const struct due *, int64_t now, struct tick_report *);
};

static int
tick_job(const struct job *j, int64_t now, struct tick_report *rep)
{
	static struct due	 items[BATCH];
	struct db_stmt		*st;
	int64_t			 after = 0;
	int			 n, i, rc = 0;

	do {
		n = 0;
		st = j->candidates(now, after);
		while (n < BATCH && (rc = db_row(st)) == 1) {
			memset(&items[n], 0, sizeof(items[n]));
			after = j->read(st, &items[n++]);
		}
		db_done(st);
		if (rc == -1)
			return -1;
		for (i = 0; i < n; i++) {
			if (db_begin_write() == -1)
				return -1;
			if ((rc = j->meet(&items[i], now, rep)) == 1 && db_commit() == 0)
				continue;
			db_rollback();
			if (rc != 0)
				return -1;
		}
	} while (n == BATCH);
	return 0;
}

static void
copy_text(char *dst, size_t size, struct db_stmt *st, int col)
{
	snprintf(dst, size, "%s", db_text(st, col));
}

/* ---- escrow: "silence after 7 days counts as accepted" ---- */

static struct db_stmt *
escrow_candidates(int64_t now, int64_t after)
{
	(void)after;
	return db_prep(STMT_ESCROW_LAPSED, escrow_answerable_after(now), (int64_t)0);
}

static int64_t
escrow_read(struct db_stmt *st, struct due *d)
{
	d->id = db_int(st, 0);
	d->contract = db_int(st, 1);
	d->amount = db_int(st, 2);
	d->at = escrow_answer_due(db_int(st, 3));
	return d->id;
}

static int
escrow_meet(const struct due *d, int64_t now, struct tick_report *rep)
{
	char	 m[MONEY_BUFSZ], body[400];

	(void)now;
	if (db_exec(db_prep(STMT_ESCROW_LAPSE, d->id, d->at)) == -1)
		return -1;
	if (db_changes() == 0)		/* another step did it */
		return 0;
	money_format(d->amount, m);
	snprintf(body, sizeof(body), "The escrow refund request had no answer in 7 "
	    "days, so it counts as accepted: %s went back to the client.", m);
	if (escrow_move(d->contract, d->amount, false) == -1 ||
	    event_add(d->contract, 0, "escrow refund accepted", body, d->at) == -1 ||
	    notify_party(d->contract, PARTY_CLIENT, NOTICE_ESCROW_SETTLED, body, d->at) == -1 ||
	    notify_party(d->contract, PARTY_FREELANCER, NOTICE_ESCROW_SETTLED, body,
	    d->at) == -1)
		return -1;
	rep->escrow++;
	return 1;
}

/* ---- disputes: "the freelancer has 3 days to respond" ---- */

static struct db_stmt *
dispute_candidates(int64_t now, int64_t after)
{
	(void)after;
	return db_prep(STMT_TICK_DISPUTES_DUE, dispute_answerable_after(now));
}

static int64_t
dispute_read(struct db_stmt *st, struct due *d)
{
	d->id = db_int(st, 0);
	d->contract = db_int(st, 1);
	d->minutes = db_int(st, 2);
	d->amount = db_int(st, 3);
	d->at = dispute_answer_due(db_int(st, 4));
	d->week = db_int(st, 5);
	copy_text(d->title, sizeof(d->title), st, 6);
	return d->id;
}

static int
dispute_meet(const struct due *d, int64_t now, struct tick_report *rep)
{
	char	 m[MONEY_BUFSZ], w[80], hrs[24], body[700];

	(void)now;
	if (db_exec(db_prep(STMT_TICK_DISPUTE_ESCALATE, d->id, d->at)) == -1)
		return -1;
	if (db_changes() == 0)
		return 0;
	money_format(d->amount, m);
	week_name(d->week, w);
	minutes_format_hours(d->minutes, hrs);
	snprintf(body, sizeof(body), "The dispute over %s %s (%s) of the week of %s "
	    "on \u201c%s\u201d had no answer within 3 days: the marketplace will "
	    "review it.", hrs, hours_noun(d->minutes), m, w, d->title);
	if (event_add(d->contract, 0, "dispute escalated", "No answer within 3 days: "
	    "the marketplace reviews the dispute.", d->at) == -1 ||
	    notify_party(d->contract, PARTY_CLIENT, NOTICE_DISPUTE_ESCALATED, body,
	    d->at) == -1 ||
	    notify_party(d->contract, PARTY_FREELANCER, NOTICE_DISPUTE_ESCALATED, body,
	    d->at) == -1)
		return -1;
	rep->disputes++;
	return 1;
}

/* ---- feedback: the reminder 3 days before the window closes, and the
 * reveal when it closes ---- */

static struct db_stmt *
feedback_candidates(int64_t now, int64_t after)
{
	return db_prep(STMT_TICK_FEEDBACK_DUE,
	    now - TICK_LATE - (feedback_closes(now) - now), after);
}

static int64_t
feedback_read(struct db_stmt *st, struct due *d)
{
	d->contract = db_int(st, 0);
	copy_text(d->title, sizeof(d->title), st, 1);
	d->ended_at = db_int(st, 2);
	copy_text(d->name[PARTY_CLIENT], sizeof(d->name[0]), st, 3);
	copy_text(d->name[PARTY_FREELANCER], sizeof(d->name[0]), st, 4);
	d->left[PARTY_CLIENT] = db_int(st, 5);
	d->left[PARTY_FREELANCER] = db_int(st, 6);
	d->reminded[PARTY_CLIENT] = db_int(st, 7) != 0;
	d->reminded[PARTY_FREELANCER] = db_int(st, 8) != 0;
	d->revealed = db_int(st, 9) != 0;
	return d->contract;
}

/* The reminder to side p.  1 sent, 0 sent before, -1 error. */
static int
feedback_remind(const struct due *d, enum party p, int64_t now)
{
	char	 day[32], body[700];
	int	 rc;

	if ((rc = deadline_claim("feedback_reminder", d->contract, p, now)) != 1)
		return rc;
	date_format_human(feedback_closes(d->ended_at) - 1, day);
	snprintf(body, sizeof(body), "3 days left to leave feedback for %s on "
	    "\u201c%s\u201d: the window closes at midnight UTC at the end of %s.",
	    d->name[!p], d->title, day);
	return notify_party(d->contract, p, NOTICE_FEEDBACK_REMINDER, body,
	    feedback_reminder_at(d->ended_at)) == -1 ? -1 : 1;
}

/* A side's feedback became visible to the other by the window's close
 * (when both left theirs, it was revealed and told then): both sides are
 * told.  1 told, 0 told before, -1 error. */
static int
feedback_reveal(const struct due *d, int64_t now)
{
	enum party	 author = d->left[PARTY_CLIENT] != 0 ? PARTY_CLIENT : PARTY_FREELANCER;
	int64_t		 at = feedback_closes(d->ended_at);
	char		 to_reader[700], to_author[700];
	int		 rc;

	if ((rc = deadline_claim("feedback_revealed", d->contract, 0, now)) != 1)
		return rc;
	snprintf(to_reader, sizeof(to_reader), "The feedback window on \u201c%s\u201d "
	    "closed: you can now read %s's feedback.", d->title, d->name[author]);
	snprintf(to_author, sizeof(to_author), "The feedback window on \u201c%s\u201d "
	    "closed: %s can now read your feedback.", d->title, d->name[!author]);
	if (notify_party(d->contract, !author, NOTICE_FEEDBACK_REVEALED, to_reader,
	    at) == -1 ||
	    notify_party(d->contract, author, NOTICE_FEEDBACK_REVEALED, to_author, at) == -1)
		return -1;
	return 1;
}

/* feedback_due() decides, side by side: the reminder while the window is
 * open to a side without feedback; the reveal once the other side's is
 * visible. */
static int
feedback_meet(const struct due *d, int64_t now, struct tick_report *rep)
{
	enum party	 p;
	bool		 reveal = false;
	int		 met = 0, rc;

	for (p = PARTY_CLIENT; p < PARTY__MAX; p++) {
		struct feedback_duty duty = {
			.ended_at = d->ended_at,
			.mine_left = d->left[p] != 0,
			.other_left = d->left[!p] != 0,
			.reminded = d->reminded[p],
			.reveal_told = d->revealed,
		};
		unsigned due = feedback_due(&duty, now);

		if ((due & FEEDBACK_DUE_REMIND) && (rc = feedback_remind(d, p, now)) != 0) {
			if (rc == -1)
				return -1;
			rep->reminders++;
			met = 1;
		}
		reveal |= (due & FEEDBACK_DUE_REVEAL) != 0;
	}
	if (reveal && (rc = feedback_reveal(d, now)) != 0) {
		if (rc == -1)
			return -1;
		rep->reveals++;
		met = 1;
	}
	return met;
}

/* ---- billing: invoiced Monday 12:00, funds available on the Wednesday ---- */

/* From after ?1 to ?2: the weeks whose moment (at(week)) has come by now,
 * as far back as a late step catches up.  which is TICK_INVOICES_DUE or
 * TICK_FUNDS_DUE, both "ii". */
static struct db_stmt *
weeks_due(enum stmt which, int64_t (*at)(int64_t), int64_t now)
{
	int64_t	 newest = now - (at(week_start(now)) - week_start(now));

	return db_bind(which, newest - TICK_LATE, newest);
}

static struct db_stmt *
invoice_candidates(int64_t now, int64_t after)
{
	(void)after;
	return weeks_due(STMT_TICK_INVOICES_DUE, billing_invoiced_at, now);
}

static int64_t
invoice_read(struct db_stmt *st, struct due *d)
{
	d->contract = db_int(st, 0);
	d->week = db_int(st, 1);
	d->rate = db_int(st, 2);
	d->limit = db_int(st, 3);
	copy_text(d->title, sizeof(d->title), st, 4);
	return d->week;
}

static int
invoice_meet(const struct due *d, int64_t now, struct tick_report *rep)
{
	struct db_stmt	*st;
	int64_t		 minutes, at = billing_invoiced_at(d->week);
	char		 m[MONEY_BUFSZ], w[80], until[NOTICE_TIME_SZ], hrs[24], body[700];
	int		 rc;

	if ((rc = deadline_claim("invoice_issued", d->contract, d->week, now)) != 1)
		return rc;
	st = db_prep(STMT_DIARY_WEEK_MINUTES, d->contract, d->week,
	    d->week + WEEK_SECS);
	if (db_row(st) != 1)
		return -1;
	minutes = diary_billable(db_int(st, 0), d->limit);
	db_done(st);
	if (db_exec(db_prep(STMT_INVOICE_ADD, d->contract, d->week, minutes,
	    money_for_minutes(d->rate, minutes))) == -1)
		return -1;
	/* A dispute may have made the row first: its figures are the ones. */
	st = db_prep(STMT_INVOICE_GET, d->contract, d->week);
	if (db_row(st) != 1)
		return -1;
	minutes = db_int(st, 1);
	money_format(db_int(st, 2), m);
	db_done(st);
	week_name(d->week, w);
	notice_deadline(billing_review_closes(d->week) - 1, until);
	minutes_format_hours(minutes, hrs);
	snprintf(body, sizeof(body), "You were invoiced %s for %s %s logged on "
	    "\u201c%s\u201d in the week of %s. You can review them and dispute "
	    "hours until %s.", m, hrs, hours_noun(minutes), d->title, w, until);
	if (event_add(d->contract, 0, "invoiced", body, at) == -1 ||
	    notify_party(d->contract, PARTY_CLIENT, NOTICE_INVOICE_ISSUED, body, at) == -1)
		return -1;
	rep->invoices++;
	return 1;
}

static struct db_stmt *
funds_candidates(int64_t now, int64_t after)
{
	(void)after;
	return weeks_due(STMT_TICK_FUNDS_DUE, billing_available_at, now);
}

static int64_t
funds_read(struct db_stmt *st, struct due *d)
{
	d->contract = db_int(st, 0);
	d->week = db_int(st, 1);
	d->held = db_int(st, 5);
	d->amount = db_int(st, 2) - db_int(st, 3) - d->held;	/* free to pay out */
	copy_text(d->title, sizeof(d->title), st, 4);
	return d->week;
}

static int
funds_meet(const struct due *d, int64_t now, struct tick_report *rep)
{
	int64_t	 at = billing_available_at(d->week);
	char	 m[MONEY_BUFSZ], h[MONEY_BUFSZ], w[80], body[800];
	int	 rc;

	if ((rc = deadline_claim("funds_available", d->contract, d->week, now)) != 1)
		return rc;
	if (d->amount <= 0)		/* nothing to pay out: the day passes silently */
		return 1;
	money_format(d->amount, m);
	money_format(d->held, h);
	week_name(d->week, w);
	snprintf(body, sizeof(body), "%s for the week of %s on \u201c%s\u201d is now "
	    "available to you.%s%s%s", m, w, d->title, d->held > 0 ? " " : "",
	    d->held > 0 ? h : "", d->held > 0 ?
	    " stays held while a dispute is reviewed." : "");
	if (event_add(d->contract, 0, "funds available", body, at) == -1 ||
	    notify_party(d->contract, PARTY_FREELANCER, NOTICE_FUNDS_AVAILABLE, body,
	    at) == -1)
		return -1;
	rep->funds++;
	return 1;
}

static const struct job jobs[] = {
	{ escrow_candidates, escrow_read, escrow_meet },
	{ dispute_candidates, dispute_read, dispute_meet },
	{ feedback_candidates, feedback_read, feedback_meet },
	{ invoice_candidates, invoice_read, invoice_meet },
	{ funds_candidates, funds_read, funds_meet },
};

int
tick_run(int64_t now, struct tick_report *rep)
{
	size_t	 i;

	memset(rep, 0, sizeof(*rep));
	for (i = 0; i < sizeof(jobs) / sizeof(jobs[0]); i++)
		if (tick_job(&jobs[i], now, rep) == -1)
			return -1;
	return 0;
}
