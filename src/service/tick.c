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
#include "domain/after.h"
#include "domain/ending.h"
#include "domain/money.h"
#include "domain/rules.h"
#include "domain/week.h"
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
	if (db_exec(db_prep(STMT_DEADLINE_DONE, "tiii", kind, contract, subject, now)) == -1)
		return -1;
	return db_changes() == 1;
}

/* ---- escrow: "silence after 7 days counts as accepted" ---- */

static int
tick_escrow(int64_t now, int *done)
{
	struct { int64_t id, contract, refund, due; } due[BATCH];
	sqlite3_stmt	*st;
	char		 m[MONEY_BUFSZ], body[400];
	int		 n, i, rc;

	do {
		n = 0;
		st = db_prep(STMT_ESCROW_LAPSED, "ii", now, (int64_t)0);
		while (n < BATCH && (rc = db_row(st)) == 1) {
			due[n].id = db_int(st, 0);
			due[n].contract = db_int(st, 1);
			due[n].refund = db_int(st, 2);
			due[n].due = escrow_answer_due(db_int(st, 3));
			n++;
		}
		db_done(st);
		if (rc == -1)
			return -1;
		for (i = 0; i < n; i++) {
			if (db_begin_write() == -1)
				return -1;
			if (db_exec(db_prep(STMT_ESCROW_LAPSE, "i", due[i].id)) == -1)
				goto fail;
			if (db_changes() == 0) {	/* another step did it */
				db_rollback();
				continue;
			}
			money_format(due[i].refund, m);
			snprintf(body, sizeof(body), "The escrow refund request had no "
			    "answer in 7 days, so it counts as accepted: %s went back to "
			    "the client.", m);
			if (escrow_move(due[i].contract, due[i].refund, false) == -1 ||
			    event_add(due[i].contract, 0, "escrow refund accepted", body,
			    due[i].due) == -1 ||
			    notify_party(due[i].contract, PARTY_CLIENT, NOTICE_ESCROW_SETTLED,
			    body, due[i].due) == -1 ||
			    notify_party(due[i].contract, PARTY_FREELANCER,
			    NOTICE_ESCROW_SETTLED, body, due[i].due) == -1 ||
			    db_commit() == -1)
				goto fail;
			(*done)++;
		}
	} while (n == BATCH);
	return 0;
fail:
	db_rollback();
	return -1;
}

/* ---- disputes: "the freelancer has 3 days to respond" ---- */

static int
tick_disputes(int64_t now, int *done)
{
	struct { int64_t id, contract, minutes, amount, due, week; char title[256]; }
			 due[BATCH];
	sqlite3_stmt	*st;
	char		 m[MONEY_BUFSZ], w[80], hrs[24], body[700];
	int64_t		 period = dispute_answer_due(now) - now;
	int		 n, i, rc;

	do {
		n = 0;
		st = db_prep(STMT_TICK_DISPUTES_DUE, "i", now - period);
		while (n < BATCH && (rc = db_row(st)) == 1) {
			due[n].id = db_int(st, 0);
			due[n].contract = db_int(st, 1);
			due[n].minutes = db_int(st, 2);
			due[n].amount = db_int(st, 3);
			due[n].due = dispute_answer_due(db_int(st, 4));
			due[n].week = db_int(st, 5);
			snprintf(due[n].title, sizeof(due[n].title), "%s", db_text(st, 6));
			n++;
		}
		db_done(st);
		if (rc == -1)
			return -1;
		for (i = 0; i < n; i++) {
			if (db_begin_write() == -1)
				return -1;
			if (db_exec(db_prep(STMT_TICK_DISPUTE_ESCALATE, "ii", due[i].id,
			    due[i].due)) == -1)
				goto fail;
			if (db_changes() == 0) {
				db_rollback();
				continue;
			}
			money_format(due[i].amount, m);
			week_name(due[i].week, w);
			minutes_format_hours(due[i].minutes, hrs);
			snprintf(body, sizeof(body), "The dispute over %s %s (%s) of the "
			    "week of %s on \u201c%s\u201d had no answer within 3 days: "
			    "the marketplace will review it.", hrs,
			    hours_noun(due[i].minutes), m, w, due[i].title);
			if (event_add(due[i].contract, 0, "dispute escalated", "No answer "
			    "within 3 days: the marketplace reviews the dispute.",
			    due[i].due) == -1 ||
			    notify_party(due[i].contract, PARTY_CLIENT,
			    NOTICE_DISPUTE_ESCALATED, body, due[i].due) == -1 ||
			    notify_party(due[i].contract, PARTY_FREELANCER,
			    NOTICE_DISPUTE_ESCALATED, body, due[i].due) == -1 ||
			    db_commit() == -1)
				goto fail;
			(*done)++;
		}
	} while (n == BATCH);
	return 0;
fail:
	db_rollback();
	return -1;
}

/* ---- feedback: the reminder 3 days before the window closes, and the
 * reveal when it closes ---- */

struct ended {
	int64_t	 id, ended_at, left[PARTY__MAX];
	bool	 reminded[PARTY__MAX], revealed;
	char	 title[256], name[PARTY__MAX][128];
};

static int
feedback_remind(const struct ended *e, enum party p, int64_t now, int *done)
{
	char	 day[32], body[700];
	int	 rc;

	if (db_begin_write() == -1)
		return -1;
	if ((rc = deadline_claim("feedback_reminder", e->id, p, now)) != 1) {
		db_rollback();
		return rc;
	}
	date_format_human(feedback_closes(e->ended_at) - 1, day);
	snprintf(body, sizeof(body), "3 days left to leave feedback for %s on "
	    "\u201c%s\u201d: the window closes at midnight UTC at the end of %s.",
	    e->name[p == PARTY_CLIENT ? PARTY_FREELANCER : PARTY_CLIENT], e->title, day);
	if (notify_party(e->id, p, NOTICE_FEEDBACK_REMINDER, body,
	    feedback_reminder_at(e->ended_at)) == -1 || db_commit() == -1) {
		db_rollback();
		return -1;
	}
	(*done)++;
	return 0;
}

/* A side's feedback became visible to the other by the window's close
 * (when both left theirs, it was revealed and told then): both sides
 * are told. */
static int
feedback_reveal(const struct ended *e, int64_t now, int *done)
{
	enum party	 author = e->left[PARTY_CLIENT] != 0 ? PARTY_CLIENT : PARTY_FREELANCER;
	enum party	 reader = author == PARTY_CLIENT ? PARTY_FREELANCER : PARTY_CLIENT;
	int64_t		 at = feedback_closes(e->ended_at);
	char		 to_reader[700], to_author[700];
	int		 rc;

	if (db_begin_write() == -1)
		return -1;
	if ((rc = deadline_claim("feedback_revealed", e->id, 0, now)) != 1) {
		db_rollback();
		return rc;
	}
	snprintf(to_reader, sizeof(to_reader), "The feedback window on \u201c%s\u201d "
	    "closed: you can now read %s's feedback.", e->title, e->name[author]);
	snprintf(to_author, sizeof(to_author), "The feedback window on \u201c%s\u201d "
	    "closed: %s can now read your feedback.", e->title, e->name[reader]);
	if (notify_party(e->id, reader, NOTICE_FEEDBACK_REVEALED, to_reader, at) == -1 ||
	    notify_party(e->id, author, NOTICE_FEEDBACK_REVEALED, to_author, at) == -1 ||
	    db_commit() == -1) {
		db_rollback();
		return -1;
	}
	(*done)++;
	return 0;
}

static int
tick_feedback(int64_t now, struct tick_report *rep)
{
	static struct ended	 rows[BATCH];
	sqlite3_stmt		*st;
	int64_t			 after = 0;
	int			 n, i, rc;
	enum party		 p;

	do {
		n = 0;
		st = db_prep(STMT_TICK_FEEDBACK_DUE, "ii", now - TICK_LATE -
		    (feedback_closes(now) - now), after);
		while (n < BATCH && (rc = db_row(st)) == 1) {
			struct ended *e = &rows[n++];

			e->id = after = db_int(st, 0);
			snprintf(e->title, sizeof(e->title), "%s", db_text(st, 1));
			e->ended_at = db_int(st, 2);
			snprintf(e->name[PARTY_CLIENT], sizeof(e->name[0]), "%s", db_text(st, 3));
			snprintf(e->name[PARTY_FREELANCER], sizeof(e->name[0]), "%s",
			    db_text(st, 4));
			e->left[PARTY_CLIENT] = db_int(st, 5);
			e->left[PARTY_FREELANCER] = db_int(st, 6);
			e->reminded[PARTY_CLIENT] = db_int(st, 7) != 0;
			e->reminded[PARTY_FREELANCER] = db_int(st, 8) != 0;
			e->revealed = db_int(st, 9) != 0;
		}
		db_done(st);
		if (rc == -1)
			return -1;
		for (i = 0; i < n; i++) {
			const struct ended *e = &rows[i];
			bool reveal = false;

			/* feedback_due() decides, side by side: the reminder
			 * while the window is open to a side without feedback;
			 * the reveal once the other side's is visible. */
			for (p = PARTY_CLIENT; p < PARTY__MAX; p++) {
				struct feedback_duty duty = {
					.ended_at = e->ended_at,
					.mine_left = e->left[p] != 0,
					.other_left = e->left[!p] != 0,
					.reminded = e->reminded[p],
					.reveal_told = e->revealed,
				};
				unsigned due = feedback_due(&duty, now);

				if ((due & FEEDBACK_DUE_REMIND) &&
				    feedback_remind(e, p, now, &rep->reminders) == -1)
					return -1;
				reveal |= (due & FEEDBACK_DUE_REVEAL) != 0;
			}
			if (reveal && feedback_reveal(e, now, &rep->reveals) == -1)
				return -1;
		}
	} while (n == BATCH);
	return 0;
}

/* ---- billing: invoiced Monday 12:00, funds available on the Wednesday ---- */

static int
invoice_issue(int64_t contract, int64_t week, int64_t rate, int64_t limit,
    const char *title, int64_t now)
{
	sqlite3_stmt	*st;
	int64_t		 logged, minutes, amount;
	char		 m[MONEY_BUFSZ], w[80], until[40], hrs[24], body[700];
	int		 rc;

	if ((rc = deadline_claim("invoice_issued", contract, week, now)) != 1)
		return rc;
	st = db_prep(STMT_WEEK_MINUTES, "ii", contract, week);
	if (db_row(st) != 1)
		return -1;
	logged = db_int(st, 0);
	db_done(st);
	minutes = diary_billable(logged, limit);
	if (db_exec(db_prep(STMT_INVOICE_ADD, "iiii", contract, week, minutes,
	    money_for_minutes(rate, minutes))) == -1)
		return -1;
	/* A dispute may have made the row first: its figures are the ones. */
	st = db_prep(STMT_INVOICE_GET, "ii", contract, week);
	if (db_row(st) != 1)
		return -1;
	minutes = db_int(st, 1);
	amount = db_int(st, 2);
	db_done(st);
	money_format(amount, m);
	week_name(week, w);
	date_format_time(billing_review_closes(week) - 1, until);
	minutes_format_hours(minutes, hrs);
	snprintf(body, sizeof(body), "You were invoiced %s for %s %s logged on "
	    "\u201c%s\u201d in the week of %s. You can review them and dispute "
	    "hours until %s.", m, hrs, hours_noun(minutes), title, w, until);
	if (event_add(contract, 0, "invoiced", body, billing_invoiced_at(week)) == -1 ||
	    notify_party(contract, PARTY_CLIENT, NOTICE_INVOICE_ISSUED, body,
	    billing_invoiced_at(week)) == -1)
		return -1;
	return 1;
}

static int
tick_invoices(int64_t now, int *done)
{
	struct { int64_t contract, week, rate, limit; char title[256]; } due[BATCH];
	sqlite3_stmt	*st;
	/* The newest week invoiced by now, and the oldest a late step catches. */
	int64_t		 newest = now - (billing_invoiced_at(week_start(now)) - week_start(now));
	int		 n, i, rc;

	do {
		n = 0;
		st = db_prep(STMT_TICK_INVOICES_DUE, "ii", newest - TICK_LATE, newest);
		while (n < BATCH && (rc = db_row(st)) == 1) {
			due[n].contract = db_int(st, 0);
			due[n].week = db_int(st, 1);
			due[n].rate = db_int(st, 2);
			due[n].limit = db_int(st, 3);
			snprintf(due[n].title, sizeof(due[n].title), "%s", db_text(st, 4));
			n++;
		}
		db_done(st);
		if (rc == -1)
			return -1;
		for (i = 0; i < n; i++) {
			if (billing_invoiced_at(due[i].week) > now)
				continue;	/* not a Monday's week: never, but be exact */
			if (db_begin_write() == -1)
				return -1;
			if ((rc = invoice_issue(due[i].contract, due[i].week, due[i].rate,
			    due[i].limit, due[i].title, now)) == -1)
				goto fail;
			if (rc == 0) {
				db_rollback();
				continue;
			}
			if (db_commit() == -1)
				goto fail;
			(*done)++;
		}
	} while (n == BATCH);
	return 0;
fail:
	db_rollback();
	return -1;
}

static int
tick_funds(int64_t now, int *done)
{
	struct { int64_t contract, week, free, held; char title[256]; } due[BATCH];
	sqlite3_stmt	*st;
	int64_t		 newest = now - (billing_available_at(week_start(now)) - week_start(now));
	char		 m[MONEY_BUFSZ], h[MONEY_BUFSZ], w[80], body[800];
	int		 n, i, rc;

	do {
		n = 0;
		st = db_prep(STMT_TICK_FUNDS_DUE, "ii", newest - TICK_LATE, newest);
		while (n < BATCH && (rc = db_row(st)) == 1) {
			due[n].contract = db_int(st, 0);
			due[n].week = db_int(st, 1);
			due[n].held = db_int(st, 5);
			due[n].free = db_int(st, 2) - db_int(st, 3) - due[n].held;
			snprintf(due[n].title, sizeof(due[n].title), "%s", db_text(st, 4));
			n++;
		}
		db_done(st);
		if (rc == -1)
			return -1;
		for (i = 0; i < n; i++) {
			if (billing_available_at(due[i].week) > now)
				continue;
			if (db_begin_write() == -1)
				return -1;
			if ((rc = deadline_claim("funds_available", due[i].contract,
			    due[i].week, now)) == -1)
				goto fail;
			if (rc == 0) {		/* another step did it */
				db_rollback();
				continue;
			}
			if (due[i].free <= 0) {	/* nothing to pay out: silently */
				if (db_commit() == -1)
					goto fail;
				continue;
			}
			money_format(due[i].free, m);
			money_format(due[i].held, h);
			week_name(due[i].week, w);
			snprintf(body, sizeof(body), "%s for the week of %s on \u201c%s\u201d "
			    "is now available to you.%s%s%s", m, w, due[i].title,
			    due[i].held > 0 ? " " : "", due[i].held > 0 ? h : "",
			    due[i].held > 0 ? " stays held while a dispute is reviewed." : "");
			if (event_add(due[i].contract, 0, "funds available", body,
			    billing_available_at(due[i].week)) == -1 ||
			    notify_party(due[i].contract, PARTY_FREELANCER,
			    NOTICE_FUNDS_AVAILABLE, body,
			    billing_available_at(due[i].week)) == -1 ||
			    db_commit() == -1)
				goto fail;
			(*done)++;
		}
	} while (n == BATCH);
	return 0;
fail:
	db_rollback();
	return -1;
}

int
tick_run(int64_t now, struct tick_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	if (tick_escrow(now, &rep->escrow) == -1 ||
	    tick_disputes(now, &rep->disputes) == -1 ||
	    tick_feedback(now, rep) == -1 ||
	    tick_invoices(now, &rep->invoices) == -1 ||
	    tick_funds(now, &rep->funds) == -1)
		return -1;
	return 0;
}
