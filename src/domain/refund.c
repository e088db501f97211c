/*
 * refund: refunds of a payment (see refund.h).
 */
#include <stdbool.h>
#include <stdint.h>

#include "domain/date.h"
#include "domain/refund.h"

/*
 * "A payment made within the past 180 days", counted in UTC calendar
 * days: paid today is day 0, day 180 may be refunded, day 181 not.
 */
bool
refund_window_open(int64_t paid_at, int64_t now)
{
	return (day_start(now) - day_start(paid_at)) / DAY_SECS <= REFUND_WINDOW_DAYS;
}

/*
 * In order: something to refund; "within the past 180 days"; "the sum of
 * refunds never exceeds the payment".
 */
enum refund_verdict
refund_check(const struct payment_state *p, int64_t amount, int64_t now)
{
	int64_t	 left;

	if (amount <= 0)
		return REFUND_ZERO;
	if (!refund_window_open(p->paid_at, now))
		return REFUND_TOO_OLD;
	left = p->amount - p->refunded;
	if (left < 0)
		left = 0;
	if (amount > left)
		return REFUND_OVER;
	return REFUND_OK;
}

/* "Within the past 180 days": paid today is day 0, day 180 is the last. */
int64_t
refund_last_day(int64_t paid_at)
{
	return day_start(paid_at) + REFUND_WINDOW_DAYS * DAY_SECS;
}

int64_t
refund_first_day(int64_t now)
{
	return day_start(now) - REFUND_WINDOW_DAYS * DAY_SECS;
}
