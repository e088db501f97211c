/*
 * checklist: what each side ticks off after the end (DESIGN.md section
 * 2, "Checklist"): the items of each side, in the order shown.  Data
 * only: no SQL, no HTTP.
 */
#ifndef CHECKLIST_H
#define CHECKLIST_H
#include <stdbool.h>
#include <stddef.h>

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

#endif
