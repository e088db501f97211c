/*
 * ending: the pure rules of ending a contract and of what it settles,
 * beyond those in rules.h: what the confirmation page promises for this
 * week's hours, how a disputed share of an invoice is priced, how a
 * dispute or an escrow request reads at a given moment, and the last day
 * a payment can be refunded.  Data and now in, decision out.
 */
#ifndef ENDING_H
#define ENDING_H
#include <stdbool.h>
#include <stdint.h>

/* What ending now means for the current week's Work Diary. */
struct end_preview {
	int64_t	 week;		/* Monday 00:00 of the current week */
	int64_t	 logged;	/* minutes logged this week */
	int64_t	 billable;	/* of those, minutes within the weekly limit */
	int64_t	 over;		/* minutes over the limit: not billed */
	int64_t	 amount;	/* cents the billable minutes come to */
	int64_t	 invoiced_at;	/* the next Monday 12:00 */
	int64_t	 dispute_until;	/* the review's last minute, Friday 23:59 */
	int64_t	 available_at;	/* Wednesday 00:00, funds reach the freelancer */
};

void	 ending_preview(int64_t logged, int64_t limit_hours, int64_t rate,
	    int64_t now, struct end_preview *);

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

/*
 * An escrow request as it reads at now.  decision as stored (0 none, 1
 * accepted, -1 declined); decided_by 0 for an acceptance the app
 * recorded itself once the 7 days passed in silence, which reads as
 * ESCROW_LAPSED, as does an unrecorded one past its due time.
 */
enum escrow_state escrow_view(int64_t requested_at, int decision,
	    int64_t decided_by, int64_t now);

/* The last UTC day (00:00) a payment made at paid_at can be refunded:
 * day 180 after the day it was made. */
int64_t	 refund_last_day(int64_t paid_at);

/* "hour" for exactly 60 minutes, else "hours": for sentences. */
const char *hours_noun(int64_t minutes);

#endif
