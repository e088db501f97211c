/*
 * diary: the rules of the Work Diary (DESIGN.md section 2, "Work
 * Diary"): which days may still change, that an ended contract's diary
 * is locked, how much a day holds and how much of a week is billed.
 * Data and now in, decision out: no SQL, no HTTP, no clock.
 */
#ifndef DIARY_H
#define DIARY_H
#include <stdbool.h>
#include <stdint.h>

/* "A day holds at most 24 hours across entries." */
#define DAY_MINUTES	1440

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
/* The moment a week's diary closes: the next Monday 12:00 UTC, when
 * the week is invoiced. */
int64_t			 diary_week_closes(int64_t week);
/* Its last minute as deadlines are shown: that Monday 11:59 UTC. */
int64_t			 diary_week_until(int64_t week);
/* Minutes billed of those logged in a week, given the weekly limit in
 * hours (0 = no limit): hours over the limit are not billed. */
int64_t			 diary_billable(int64_t logged_minutes, int64_t limit_hours);

#endif
