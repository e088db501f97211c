/*
 * rules: every rule of DESIGN.md section 2 that depends on time or on
 * amounts, as pure functions.  Data and now in, decision out: no SQL, no
 * HTTP, no clock.  Each function cites the rule it implements.
 */
#ifndef RULES_H
#define RULES_H
#include <stdbool.h>
#include <stdint.h>

/* ---- Work Diary ---- */

enum diary_verdict {
	DIARY_OK = 0,
	DIARY_LOCKED,		/* the contract has ended */
	DIARY_FUTURE,		/* the day is after today */
	DIARY_EARLY,		/* the day is before the contract started */
	DIARY_CLOSED,		/* the day's week can no longer change */
	DIARY_VERDICT__MAX
};

/*
 * Whether an entry on day (any time in it) may be added, edited or
 * deleted at now, on a contract that started at started: only the
 * current week, and the week just ended until Monday 11:59:59 UTC; not
 * before the day the contract started nor after today; never once the
 * contract has ended.
 */
enum diary_verdict	 diary_check(int64_t day, int64_t started, bool ended,
			    int64_t now);
/* The moment a week's diary closes: the next Monday 12:00 UTC. */
int64_t			 diary_week_closes(int64_t week);
/* Minutes billed of those logged in a week, given the weekly limit in
 * hours (0 = no limit): hours over the limit are not billed. */
int64_t			 diary_billable(int64_t logged_minutes, int64_t limit_hours);

/* ---- Weekly billing and disputes ---- */

enum invoice_state {
	INVOICE_IN_PROGRESS = 0,	/* the week is still being logged */
	INVOICE_PENDING,		/* week over, invoiced Monday 12:00 */
	INVOICE_IN_REVIEW,		/* invoiced, review until Friday 23:59 */
	INVOICE_DISPUTED,		/* a dispute is open or escalated */
	INVOICE_CLEARED,		/* review over, funds not yet released */
	INVOICE_PAID,			/* funds available to the freelancer */
	INVOICE_STATE__MAX
};
extern const char *const invoice_states[INVOICE_STATE__MAX];	/* "in review" */

/* week is the Monday 00:00 a week starts on. */
int64_t	 billing_invoiced_at(int64_t week);	/* the next Monday 12:00 */
int64_t	 billing_review_closes(int64_t week);	/* that Saturday 00:00: review
						   is open while now < this */
int64_t	 billing_available_at(int64_t week);	/* Wednesday 00:00, 10 days
						   after the week ends */
enum invoice_state billing_state(int64_t week, bool disputed, int64_t now);
/* Whether the client may open a dispute on the week's invoice now. */
bool	 dispute_open_allowed(int64_t week, int64_t now);
/* The freelancer answers a dispute within 3 days of its opening. */
int64_t	 dispute_answer_due(int64_t opened_at);
bool	 dispute_answer_allowed(int64_t opened_at, int64_t now);

/* ---- Refunds ---- */

enum refund_verdict {
	REFUND_OK = 0,
	REFUND_ZERO,		/* nothing to refund: amount <= 0 */
	REFUND_TOO_OLD,		/* paid more than 180 days ago */
	REFUND_OVER,		/* more than what is left of the payment */
	REFUND_VERDICT__MAX
};

struct payment_state {
	int64_t	 amount;	/* cents paid */
	int64_t	 refunded;	/* cents already refunded */
	int64_t	 paid_at;
};

/* Whether a payment made paid_at can still be refunded: made on one of
 * the past 180 days (day 180 yes, day 181 no, counted in UTC days). */
bool			 refund_window_open(int64_t paid_at, int64_t now);
enum refund_verdict	 refund_check(const struct payment_state *,
			    int64_t amount, int64_t now);

/* ---- Fixed-price escrow ---- */

enum escrow_state {
	ESCROW_PENDING = 0,	/* waiting for the freelancer */
	ESCROW_ACCEPTED,	/* accepted by the freelancer */
	ESCROW_DECLINED,	/* declined: the contract is disputed */
	ESCROW_LAPSED,		/* 7 days of silence: counts as accepted */
	ESCROW_STATE__MAX
};
extern const char *const escrow_states[ESCROW_STATE__MAX];

/* The freelancer has 7 days from the request to answer. */
int64_t			 escrow_answer_due(int64_t requested_at);
/* decided: 0 none yet, 1 accepted, -1 declined. */
enum escrow_state	 escrow_state(int64_t requested_at, int decided,
			    int64_t now);

/* ---- Feedback ---- */

/* The window closes at midnight UTC at the end of the 14th day after
 * the day the contract ended: day_start(ended_at) + 15 days. */
int64_t	 feedback_closes(int64_t ended_at);
bool	 feedback_open(int64_t ended_at, int64_t now);
/*
 * The double-blind rule, the only place it is decided: a side's public
 * feedback is visible to the other side once the other side has left
 * theirs, or once the window has closed.
 */
bool	 feedback_visible(bool author_left, bool recipient_left,
	    int64_t ended_at, int64_t now);
/* When feedback became (or will become) visible: the later submission
 * when both left, else the window's close. */
int64_t	 feedback_revealed_at(int64_t author_at, int64_t recipient_at,
	    int64_t ended_at);
/* The reminder goes out 3 days before the window closes. */
int64_t	 feedback_reminder_at(int64_t ended_at);
/* A response is allowed within 28 days of the reveal. */
bool	 feedback_response_open(int64_t revealed_at, int64_t now);
/* The overall score, in hundredths, the mean of n stars (1..5). */
int64_t	 feedback_overall(const int64_t *stars, int n);

#endif
