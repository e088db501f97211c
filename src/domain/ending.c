/*
 * ending: pure rules for ending a contract and settling what follows
 * (see ending.h).  Built on rules.c: the dates come from the billing
 * and refund rules there, so each number is decided in one place.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/ending.h"
#include "domain/money.h"
#include "domain/rules.h"
#include "domain/week.h"

const char *const dispute_views[DISPUTE_VIEW__MAX] = {
	"waiting for the freelancer",			/* DISPUTE_OPEN */
	"accepted and refunded",			/* DISPUTE_ACCEPTED */
	"declined, escalated to the marketplace",	/* DISPUTE_ESCALATED */
	"no answer in 3 days, escalated to the marketplace", /* DISPUTE_UNANSWERED */
};

/*
 * "Hours logged before the end are billed as usual": this week's
 * billable minutes (over the weekly limit: not billed) are invoiced the
 * next Monday 12:00 UTC, disputable through that Friday 23:59 UTC, paid
 * out the Wednesday after.
 */
void
ending_preview(int64_t logged, int64_t limit_hours, int64_t rate, int64_t now,
    struct end_preview *p)
{
	memset(p, 0, sizeof(*p));
	p->week = week_start(now);
	p->logged = logged > 0 ? logged : 0;
	p->billable = diary_billable(p->logged, limit_hours);
	p->over = p->logged - p->billable;
	p->amount = money_for_minutes(rate, p->billable);
	p->invoiced_at = billing_invoiced_at(p->week);
	p->dispute_until = billing_review_closes(p->week) - 60;
	p->available_at = billing_available_at(p->week);
}

/*
 * "The client disputes some or all hours of an invoice": a share is
 * priced at the rate, capped at what is left, and the last share takes
 * exactly what is left so that rounding never leaves a cent behind or
 * refunds one too many.
 */
int64_t
dispute_amount(int64_t rate, int64_t minutes, int64_t minutes_left,
    int64_t amount_left)
{
	int64_t	 a;

	if (minutes < 1 || minutes > minutes_left || amount_left < 0)
		return -1;
	if (minutes == minutes_left)
		return amount_left;
	a = money_for_minutes(rate, minutes);
	return a < amount_left ? a : amount_left;
}

/* "The freelancer has 3 days to respond"; silence goes to the
 * marketplace like a decline (DESIGN.md is silent: no money moves
 * without a decision), whether or not the scheduled step has recorded it
 * yet (it records it with no one as the decider). */
enum dispute_view
dispute_view(const char *status, int64_t decided_by, int64_t opened_at, int64_t now)
{
	if (status != NULL && strcmp(status, "accepted") == 0)
		return DISPUTE_ACCEPTED;
	if (status != NULL && strcmp(status, "escalated") == 0)
		return decided_by != 0 ? DISPUTE_ESCALATED : DISPUTE_UNANSWERED;
	if (!dispute_answer_allowed(opened_at, now))
		return DISPUTE_UNANSWERED;
	return DISPUTE_OPEN;
}

/* "Silence after 7 days counts as accepted", whether or not the app has
 * recorded it yet. */
enum escrow_state
escrow_view(int64_t requested_at, int decision, int64_t decided_by, int64_t now)
{
	if (decision > 0 && decided_by == 0)
		return ESCROW_LAPSED;
	return escrow_state(requested_at, decision, now);
}

/* "Within the past 180 days": paid today is day 0, day 180 is the last. */
int64_t
refund_last_day(int64_t paid_at)
{
	return day_start(paid_at) + 180 * DAY_SECS;
}

const char *
hours_noun(int64_t minutes)
{
	return minutes == 60 ? "hour" : "hours";
}
