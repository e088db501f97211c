/*
 * dispute: the client's dispute of hours on a weekly invoice (DESIGN.md
 * section 2, "Disputes"): when one may be opened, the freelancer's days
 * to answer, what a disputed share is worth and how a dispute reads at
 * a given moment.  Data and now in, decision out.
 */
#ifndef DISPUTE_H
#define DISPUTE_H
#include <stdbool.h>
#include <stdint.h>

#include "domain/date.h"

/* "The freelancer has 3 days to respond." */
#define DISPUTE_ANSWER_DAYS	3
#define DISPUTE_ANSWER_SECS	(DISPUTE_ANSWER_DAYS * DAY_SECS)

/* Whether the client may open a dispute on the week's invoice now:
 * during its review period only. */
bool	 dispute_open_allowed(int64_t week, int64_t now);
/* The freelancer answers a dispute within 3 days of its opening. */
int64_t	 dispute_answer_due(int64_t opened_at);
bool	 dispute_answer_allowed(int64_t opened_at, int64_t now);
/* A dispute opened after this moment may still be answered at now: the
 * same rule, as the bound a query compares opened_at with. */
int64_t	 dispute_answerable_after(int64_t now);

/*
 * The cents a dispute over minutes of an invoice is worth, at rate per
 * hour, given what is still undisputed of the invoice (minutes_left,
 * amount_left).  Disputing all that is left gives exactly amount_left,
 * and no share is ever worth more than that, whatever the rounding.
 * Returns -1 when minutes is not in 1..minutes_left.
 */
int64_t	 dispute_amount(int64_t rate, int64_t minutes, int64_t minutes_left,
	    int64_t amount_left);

enum dispute_view {
	DISPUTE_OPEN = 0,	/* waiting for the freelancer, within 3 days */
	DISPUTE_ACCEPTED,	/* the freelancer accepted: refunded */
	DISPUTE_ESCALATED,	/* the freelancer declined: marketplace review */
	DISPUTE_UNANSWERED,	/* no answer within 3 days: marketplace review */
	DISPUTE_VIEW__MAX
};
extern const char *const dispute_views[DISPUTE_VIEW__MAX];

/* status as stored: "open", "accepted", "escalated"; decided_by 0 when
 * nobody decided (the 3 days ran out). */
enum dispute_view dispute_view(const char *status, int64_t decided_by,
	    int64_t opened_at, int64_t now);

#endif
