/*
 * tick: the scheduled step.  Everything that falls due with time happens
 * here, at "now", whoever is looking (DESIGN.md section 2, "Deadlines run
 * on their own"): escrow refund requests accepted after 7 days of
 * silence, disputes escalated after 3 days without an answer, feedback
 * revealed when its window closes and the reminder 3 days before, the
 * client told on Monday 12:00 that a week was invoiced and the freelancer
 * side on the Wednesday its funds become available.
 *
 * Each deadline is met once, in its own write transaction, guarded by
 * the change itself (a row still open) or by a row of deadlines_done:
 * running the step twice, late, or twice at the same moment changes
 * nothing more.  A deadline missed by more than TICK_LATE is let go.
 */
#ifndef TICK_H
#define TICK_H
#include <stdint.h>

#define TICK_LATE	(30 * 86400)	/* how far back a late step catches up */

struct tick_report {
	int	 escrow;	/* requests accepted by silence */
	int	 disputes;	/* disputes escalated */
	int	 reminders;	/* feedback reminders (per side) */
	int	 reveals;	/* feedback revealed at the window's close */
	int	 invoices;	/* weeks invoiced */
	int	 funds;		/* weeks whose funds became available */
};

/* Does what is due at now.  0, or -1 after a database error (logged;
 * what was done before it stays done). */
int	 tick_run(int64_t now, struct tick_report *);

#endif
