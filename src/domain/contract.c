/*
 * contract: a contract's sides and what ending it now means (see
 * contract.h).  The dates come from the billing rules, so each number is
 * decided in one place.
 */
#include <stdint.h>
#include <string.h>

#include "domain/billing.h"
#include "domain/contract.h"
#include "domain/date.h"
#include "domain/diary.h"
#include "domain/money.h"

const char *const side_names[SIDE__MAX] = { "", "client", "freelancer" };

/*
 * "Hours logged before the end are billed as usual": this week's
 * billable minutes (over the weekly limit: not billed) are invoiced the
 * next Monday 12:00 UTC, disputable through that Friday 23:59 UTC, paid
 * out the Wednesday after.
 */
void
contract_end_preview(int64_t logged, int64_t limit_hours, int64_t rate,
    int64_t now, struct end_preview *p)
{
	memset(p, 0, sizeof(*p));
	p->week = week_start(now);
	p->logged = logged > 0 ? logged : 0;
	p->billable = diary_billable(p->logged, limit_hours);
	p->over = p->logged - p->billable;
	p->amount = money_for_minutes(rate, p->billable);
	p->invoiced_at = billing_invoiced_at(p->week);
	p->dispute_until = billing_review_until(p->week);
	p->available_at = billing_available_at(p->week);
}
