/*
 * billing: the weekly invoice's dates and states (see billing.h).
 * Arguments named week may be any moment of the week: they are taken to
 * its Monday 00:00 UTC.
 */
#include <stdbool.h>
#include <stdint.h>

#include "domain/billing.h"
#include "domain/date.h"

const char *const invoice_states[INVOICE_STATE__MAX] = {
	"in progress",		/* INVOICE_IN_PROGRESS */
	"pending",		/* INVOICE_PENDING */
	"in review",		/* INVOICE_IN_REVIEW */
	"disputed",		/* INVOICE_DISPUTED */
	"cleared",		/* INVOICE_CLEARED */
	"paid",			/* INVOICE_PAID */
};

/* "The client is invoiced Monday 12:00 UTC for the week before." */
int64_t
billing_invoiced_at(int64_t week)
{
	return week_start(week) + WEEK_SECS + BILLING_INVOICED_AFTER;
}

/*
 * "The review period runs to Friday 23:59 UTC": open through Friday
 * 23:59:59, so it closes at that Saturday 00:00, 12 days after the
 * week's Monday.
 */
int64_t
billing_review_closes(int64_t week)
{
	return week_start(week) + BILLING_REVIEW_DAYS * DAY_SECS;
}

int64_t
billing_review_until(int64_t week)
{
	return billing_review_closes(week) - MINUTE_SECS;
}

/*
 * "Funds become available the Wednesday after (10 days after the week
 * ends)": counted from the week's last day, Sunday, that is Wednesday
 * 00:00, 16 days after the week's Monday.
 */
int64_t
billing_available_at(int64_t week)
{
	return week_start(week) + BILLING_AVAILABLE_DAYS * DAY_SECS;
}

/*
 * The week's invoice as the UI shows it: logged until the week ends,
 * pending until Monday 12:00, then disputed (when a dispute is open or
 * escalated) or in review until the review closes, cleared until the
 * funds are available, then paid.
 */
enum invoice_state
billing_state(int64_t week, bool disputed, int64_t now)
{
	int64_t	 wk = week_start(week);

	if (now < wk + WEEK_SECS)
		return INVOICE_IN_PROGRESS;
	if (now < billing_invoiced_at(wk))
		return INVOICE_PENDING;
	if (disputed)
		return INVOICE_DISPUTED;
	if (now < billing_review_closes(wk))
		return INVOICE_IN_REVIEW;
	if (now < billing_available_at(wk))
		return INVOICE_CLEARED;
	return INVOICE_PAID;
}
