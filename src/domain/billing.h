/*
 * billing: the weekly invoice of an hourly contract (DESIGN.md section
 * 2, "Weekly billing"): when the client is invoiced, how long the review
 * runs, when the freelancer's funds become available, and how an invoice
 * reads at a given moment.  Data and now in, decision out.
 */
#ifndef BILLING_H
#define BILLING_H
#include <stdbool.h>
#include <stdint.h>

#include "domain/date.h"

/* "The client is invoiced Monday 12:00 UTC for the week before": 12
 * hours after the week ends. */
#define BILLING_INVOICED_AFTER	(12 * HOUR_SECS)
/* "The review period runs to Friday 23:59 UTC": it closes that Saturday
 * 00:00, 12 days after the week's Monday. */
#define BILLING_REVIEW_DAYS	12
/* "Funds become available the Wednesday after (10 days after the week
 * ends)": Wednesday 00:00, 16 days after the week's Monday. */
#define BILLING_AVAILABLE_DAYS	16

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

/* week is any moment of the week; it is taken to its Monday 00:00. */
int64_t	 billing_invoiced_at(int64_t week);	/* the next Monday 12:00 */
int64_t	 billing_review_closes(int64_t week);	/* that Saturday 00:00: review
						   is open while now < this */
int64_t	 billing_review_until(int64_t week);	/* its last minute as deadlines
						   are shown: Friday 23:59 */
int64_t	 billing_available_at(int64_t week);	/* Wednesday 00:00, 10 days
						   after the week ends */
enum invoice_state billing_state(int64_t week, bool disputed, int64_t now);

#endif
