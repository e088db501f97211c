/*
 * contract: the two sides of a contract and what ending it now means
 * (DESIGN.md section 1, and section 2, "Ending"): the confirmation
 * page's promise for this week's hours.  Data and now in, decision out.
 */
#ifndef CONTRACT_H
#define CONTRACT_H
#include <stdint.h>

/* Which side of a contract someone is on. */
enum side {
	SIDE_NONE = 0,
	SIDE_CLIENT,
	SIDE_FREELANCER,
	SIDE__MAX
};
extern const char *const side_names[SIDE__MAX];	/* "", "client", "freelancer" */

/* What ending now means for the current week's Work Diary. */
struct end_preview {
	int64_t	 week;		/* Monday 00:00 of the current week */
	int64_t	 logged;	/* minutes logged this week */
	int64_t	 billable;	/* of those, minutes within the weekly limit */
	int64_t	 over;		/* minutes over the limit: not billed */
	int64_t	 amount;	/* cents the billable minutes come to */
	int64_t	 invoiced_at;	/* the next Monday 12:00 */
	int64_t	 dispute_until;	/* the review's last minute, Friday 23:59 */
	int64_t	 available_at;	/* Wednesday 00:00, funds reach the freelancer */
};

void	 contract_end_preview(int64_t logged, int64_t limit_hours, int64_t rate,
	    int64_t now, struct end_preview *);

#endif
