/*
 * feedback: double-blind feedback after the end (DESIGN.md section 2,
 * "Feedback"): the window and when each side's feedback is revealed, the
 * response, the categories each side rates and the overall score, and
 * the notifications that fall due with time.  Data and now in, decision
 * out: no SQL, no HTTP, no clock.
 */
#ifndef FEEDBACK_H
#define FEEDBACK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/date.h"

/* "Window: 14 days from the end, closing at midnight UTC." */
#define FEEDBACK_WINDOW_DAYS	14
/* "A reminder 3 days before your window closes." */
#define FEEDBACK_REMINDER_DAYS	3
/* "The recipient may post one public response to revealed feedback
 * within 28 days." */
#define FEEDBACK_RESPONSE_DAYS	28

/* ---- The window and the double-blind rule ---- */

/* The window closes at midnight UTC at the end of the 14th day after
 * the day the contract ended: day_start(ended_at) + 15 days. */
int64_t	 feedback_closes(int64_t ended_at);
bool	 feedback_open(int64_t ended_at, int64_t now);
/*
 * The double-blind rule, the only place it is decided: a side's public
 * feedback is visible to the other side once the other side has left
 * theirs, or once the window has closed.
 */
bool	 feedback_visible(bool author_left, bool recipient_left,
	    int64_t ended_at, int64_t now);
/* When feedback became (or will become) visible: the later submission
 * when both left, else the window's close. */
int64_t	 feedback_revealed_at(int64_t author_at, int64_t recipient_at,
	    int64_t ended_at);
/* The reminder goes out 3 days before the window closes. */
int64_t	 feedback_reminder_at(int64_t ended_at);
/* A response is allowed within 28 days of the reveal. */
bool	 feedback_response_open(int64_t revealed_at, int64_t now);
/* The moment the response window closes: 28 days after the reveal. */
int64_t	 feedback_response_closes(int64_t revealed_at);
/* The overall score, in hundredths, the mean of n stars (1..5). */
int64_t	 feedback_overall(const int64_t *stars, int n);

/* ---- Categories ---- */

/* Every category, in the order of the feedback table's columns. */
enum feedback_cat {
	FEEDBACK_SKILLS = 0,
	FEEDBACK_QUALITY,
	FEEDBACK_AVAILABILITY,
	FEEDBACK_SCHEDULE,
	FEEDBACK_COMMUNICATION,
	FEEDBACK_COOPERATION,
	FEEDBACK_CLARITY,
	FEEDBACK_CAT__MAX
};

struct feedback_category {
	const char	*field;		/* form field and column: "skills" */
	const char	*label;		/* "Skills" */
	const char	*hint;		/* what the stars mean here */
};

extern const struct feedback_category feedback_categories[FEEDBACK_CAT__MAX];

/*
 * The categories a side rates, in the order shown: the client rates the
 * freelancer on skills, quality of work, availability, adherence to
 * schedule, communication and cooperation; the freelancer rates the
 * client on clarity of requirements, communication, adherence to
 * schedule, cooperation and availability.
 */
const enum feedback_cat *feedback_side_categories(bool by_client, size_t *n);
/* Whether a side rates cat. */
bool		 feedback_rates(bool by_client, enum feedback_cat);

/* ---- Limits of what people type ---- */

#define FEEDBACK_COMMENT_MAX	5000	/* characters (code points) */
#define FEEDBACK_RESPONSE_MAX	5000
#define FEEDBACK_REASON_MAX	1000

/* An overall score in hundredths as people read it: 467 -> "4.67",
 * 500 -> "5.00".  out holds at least 8 bytes. */
void		 feedback_score_format(int64_t hundredths, char out[8]);

/* ---- Notifications that fall due with time ---- */

/* What one side of one ended contract knows about its feedback. */
struct feedback_duty {
	int64_t	 ended_at;
	bool	 mine_left;	/* this side left its feedback */
	bool	 other_left;	/* the other side left theirs */
	bool	 reminded;	/* the reminder was already sent */
	bool	 reveal_told;	/* "feedback revealed" was already sent */
};

#define FEEDBACK_DUE_REMIND	0x01
#define FEEDBACK_DUE_REVEAL	0x02

/*
 * Which notifications are due to this side at now, as FEEDBACK_DUE_*
 * bits: the reminder from 3 days before the window closes while the
 * window is open and this side has not left its feedback; "revealed"
 * once the other side's feedback is visible to this side (the
 * double-blind rule, feedback_visible()).  Each goes out once.
 */
unsigned	 feedback_due(const struct feedback_duty *, int64_t now);

#endif
