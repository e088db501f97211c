/*
 * after: what the two sides settle after the end, as data and pure
 * rules.  The checklist items of each side and the feedback categories
 * each side rates (DESIGN.md section 2, "Checklist" and "Feedback"), the
 * notifications that fall due with time, and small text helpers.  No SQL,
 * no HTTP, no clock: data and now in, decision out.
 */
#ifndef AFTER_H
#define AFTER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Checklist ---- */

/* The client's items, in the order shown. */
enum checklist_client {
	CHECK_CLIENT_ACCESS = 0,	/* revoke passwords and special access */
	CHECK_CLIENT_RECEIVED,		/* all work, materials, equipment received */
	CHECK_CLIENT_REMIND,		/* remind the freelancer to remove property */
	CHECK_CLIENT__MAX
};

/* The freelancer side's items, in the order shown. */
enum checklist_freelancer {
	CHECK_FREELANCER_DELIVER = 0,	/* deliver remaining work, return materials */
	CHECK_FREELANCER_REMOVE,	/* remove the client's property */
	CHECK_FREELANCER_ACCESS,	/* return or discard access */
	CHECK_FREELANCER__MAX
};

struct checklist_item {
	const char	*key;		/* the form's item=, the stored item */
	const char	*label;		/* what the side reads */
	const char	*hint;		/* one line of why or how */
};

extern const struct checklist_item checklist_client[CHECK_CLIENT__MAX];
extern const struct checklist_item checklist_freelancer[CHECK_FREELANCER__MAX];

/* The items of one side (client or not) and how many there are. */
const struct checklist_item *checklist_items(bool client, size_t *n);
/* The index of key among the side's items, or -1. */
int		 checklist_find(bool client, const char *key);

/* ---- Feedback categories ---- */

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

/* Whether s is empty or only spaces, tabs and line breaks. */
bool		 text_blank(const char *);

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
