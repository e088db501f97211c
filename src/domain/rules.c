/*
 * rules: the time and amount rules of DESIGN.md section 2 as pure
 * functions.  Each takes "now" (UTC unix seconds) as an argument and
 * answers from its inputs alone; each cites the rule it implements.
 * Arguments named week may be any moment of the week: they are taken
 * to its Monday 00:00 UTC.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/rules.h"
#include "domain/week.h"

#define HOUR_SECS	3600

const char *const invoice_states[INVOICE_STATE__MAX] = {
	"in progress",		/* INVOICE_IN_PROGRESS */
	"pending",		/* INVOICE_PENDING */
	"in review",		/* INVOICE_IN_REVIEW */
	"disputed",		/* INVOICE_DISPUTED */
	"cleared",		/* INVOICE_CLEARED */
	"paid",			/* INVOICE_PAID */
};

const char *const escrow_states[ESCROW_STATE__MAX] = {
	"waiting for the freelancer",		/* ESCROW_PENDING */
	"accepted",				/* ESCROW_ACCEPTED */
	"declined",				/* ESCROW_DECLINED */
	"accepted (no answer in 7 days)",	/* ESCROW_LAPSED */
};

/* ---- Work Diary ---- */

/*
 * "The week just ended may still be adjusted until Monday 11:59 UTC":
 * open through 11:59:59, closed from 12:00:00.
 */
int64_t
diary_week_closes(int64_t week)
{
	return week_start(week) + WEEK_SECS + 12 * HOUR_SECS;
}

/*
 * In order: "once the contract is ended the diary is locked" (whatever
 * the day); "no entry may be dated before the contract started or after
 * today" (the day it started counts, whatever the hour); "only the
 * current week can be changed, and the week just ended until Monday
 * 11:59 UTC".
 */
enum diary_verdict
diary_check(int64_t day, int64_t started, bool ended, int64_t now)
{
	int64_t	 wk = week_start(day), cur = week_start(now);

	if (ended)
		return DIARY_LOCKED;
	if (day_start(day) > day_start(now))
		return DIARY_FUTURE;
	if (day_start(day) < day_start(started))
		return DIARY_EARLY;
	if (wk == cur)
		return DIARY_OK;
	if (wk == cur - WEEK_SECS && now < diary_week_closes(wk))
		return DIARY_OK;
	return DIARY_CLOSED;
}

/*
 * "Hours over the weekly limit are not billed."  A limit of 0 (or less)
 * means none; negative minutes bill nothing.
 */
int64_t
diary_billable(int64_t logged_minutes, int64_t limit_hours)
{
	if (logged_minutes <= 0)
		return 0;
	if (limit_hours <= 0 || limit_hours > INT64_MAX / 60)
		return logged_minutes;
	if (logged_minutes > limit_hours * 60)
		return limit_hours * 60;
	return logged_minutes;
}

/* ---- Weekly billing and disputes ---- */

/* "The client is invoiced Monday 12:00 UTC for the week before." */
int64_t
billing_invoiced_at(int64_t week)
{
	return week_start(week) + WEEK_SECS + 12 * HOUR_SECS;
}

/*
 * "The review period runs to Friday 23:59 UTC": open through Friday
 * 23:59:59, so it closes at that Saturday 00:00, 12 days after the
 * week's Monday.
 */
int64_t
billing_review_closes(int64_t week)
{
	return week_start(week) + 12 * DAY_SECS;
}

/*
 * "Funds become available the Wednesday after (10 days after the week
 * ends)": counted from the week's last day, Sunday, that is Wednesday
 * 00:00, 16 days after the week's Monday.
 */
int64_t
billing_available_at(int64_t week)
{
	return week_start(week) + 16 * DAY_SECS;
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
	return opened_at + 3 * DAY_SECS;
}

bool
dispute_answer_allowed(int64_t opened_at, int64_t now)
{
	return now < dispute_answer_due(opened_at);
}

/* ---- Refunds ---- */

/*
 * "A payment made within the past 180 days", counted in UTC calendar
 * days: paid today is day 0, day 180 may be refunded, day 181 not.
 */
bool
refund_window_open(int64_t paid_at, int64_t now)
{
	return (day_start(now) - day_start(paid_at)) / DAY_SECS <= 180;
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

/* ---- Fixed-price escrow ---- */

/* "The freelancer has 7 days to accept or decline." */
int64_t
escrow_answer_due(int64_t requested_at)
{
	return requested_at + 7 * DAY_SECS;
}

/*
 * An answer given stands; "silence after 7 days counts as accepted":
 * lapsed from exactly 7 days after the request.
 */
enum escrow_state
escrow_state(int64_t requested_at, int decided, int64_t now)
{
	if (decided > 0)
		return ESCROW_ACCEPTED;
	if (decided < 0)
		return ESCROW_DECLINED;
	if (now >= escrow_answer_due(requested_at))
		return ESCROW_LAPSED;
	return ESCROW_PENDING;
}

/* ---- Feedback ---- */

/*
 * "Window: 14 days from the end, closing at midnight UTC": the 14 whole
 * days after the day the contract ended, closing at the 15th midnight.
 */
int64_t
feedback_closes(int64_t ended_at)
{
	return day_start(ended_at) + 15 * DAY_SECS;
}

/* "After that no new feedback." */
bool
feedback_open(int64_t ended_at, int64_t now)
{
	return now < feedback_closes(ended_at);
}

/*
 * "Your public feedback becomes visible to the other side once they have
 * left theirs, or when the window closes, whichever is first."
 */
bool
feedback_visible(bool author_left, bool recipient_left, int64_t ended_at,
    int64_t now)
{
	if (!author_left)
		return false;
	return recipient_left || now >= feedback_closes(ended_at);
}

/*
 * Times of 0 (or less) mean "not left".  When both left, the later of
 * the two, but never after the window's close (which reveals anyway).
 */
int64_t
feedback_revealed_at(int64_t author_at, int64_t recipient_at,
    int64_t ended_at)
{
	int64_t	 closes = feedback_closes(ended_at), later;

	if (author_at <= 0 || recipient_at <= 0)
		return closes;
	later = author_at > recipient_at ? author_at : recipient_at;
	return later < closes ? later : closes;
}

/* "A reminder 3 days before your window closes." */
int64_t
feedback_reminder_at(int64_t ended_at)
{
	return feedback_closes(ended_at) - 3 * DAY_SECS;
}

/* "The recipient may post one public response within 28 days." */
bool
feedback_response_open(int64_t revealed_at, int64_t now)
{
	return revealed_at <= now && now < revealed_at + 28 * DAY_SECS;
}

/*
 * "An overall score (mean)", in hundredths, rounded half up: {5, 4} is
 * 450, {5, 5, 4} is 467.  Returns 0, which no valid score can be, when
 * there are no stars or one is outside 1..5.
 */
int64_t
feedback_overall(const int64_t *stars, int n)
{
	int64_t	 sum = 0;
	int	 i;

	if (stars == NULL || n <= 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (stars[i] < 1 || stars[i] > 5)
			return 0;
		sum += stars[i];
	}
	/* round(sum * 100 / n) = floor((200 * sum + n) / (2 * n)) */
	return (200 * sum + n) / (2 * (int64_t)n);
}
