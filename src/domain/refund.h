/*
 * refund: the freelancer side's refund of a payment (DESIGN.md section
 * 2, "Refunds"): only payments of the past 180 days, never more than
 * what is left of the payment.  Data and now in, decision out.
 */
#ifndef REFUND_H
#define REFUND_H
#include <stdbool.h>
#include <stdint.h>

/* "If that payment was made within the past 180 days", in UTC days:
 * paid today is day 0, day 180 is the last. */
#define REFUND_WINDOW_DAYS	180

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
/* The last UTC day (00:00) a payment made at paid_at can be refunded:
 * day 180 after the day it was made. */
int64_t			 refund_last_day(int64_t paid_at);
/* The first UTC day (00:00) whose payments can still be refunded at
 * now: 180 days before today. */
int64_t			 refund_first_day(int64_t now);

#endif
