/*
 * diary: the Work Diary's rules (see diary.h).  Arguments named week
 * may be any moment of the week: they are taken to its Monday 00:00 UTC.
 */
#include <stdbool.h>
#include <stdint.h>

#include "domain/billing.h"
#include "domain/date.h"
#include "domain/diary.h"

/*
 * "The week just ended may still be adjusted until Monday 11:59 UTC":
 * open through 11:59:59, closed from 12:00:00, the moment the client is
 * invoiced for it.
 */
int64_t
diary_week_closes(int64_t week)
{
	return billing_invoiced_at(week);
}

int64_t
diary_week_until(int64_t week)
{
	return diary_week_closes(week) - MINUTE_SECS;
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
