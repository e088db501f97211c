/*
 * dispute: disputes of an invoice's hours (see dispute.h).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/billing.h"
#include "domain/date.h"
#include "domain/dispute.h"
#include "domain/money.h"

const char *const dispute_views[DISPUTE_VIEW__MAX] = {
	"waiting for the freelancer",			/* DISPUTE_OPEN */
	"accepted and refunded",			/* DISPUTE_ACCEPTED */
	"declined, escalated to the marketplace",	/* DISPUTE_ESCALATED */
	"no answer in 3 days, escalated to the marketplace", /* DISPUTE_UNANSWERED */
};

/*
 * "During the review period only, the client disputes hours": from the
 * invoice, Monday 12:00, through Friday 23:59:59.
 */
bool
dispute_open_allowed(int64_t week, int64_t now)
{
	return billing_invoiced_at(week) <= now &&
	    now < billing_review_closes(week);
}

/* "The freelancer has 3 days to respond." */
int64_t
dispute_answer_due(int64_t opened_at)
{
	return opened_at + DISPUTE_ANSWER_SECS;
}

int64_t
dispute_answerable_after(int64_t now)
{
	return now - DISPUTE_ANSWER_SECS;
}

bool
dispute_answer_allowed(int64_t opened_at, int64_t now)
{
	return now < dispute_answer_due(opened_at);
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
