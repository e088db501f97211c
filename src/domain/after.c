/*
 * after: the checklist and feedback category tables of each side, the
 * notifications that fall due with time (DESIGN.md section 2,
 * "Checklist" and "Feedback"), and the text helpers their forms need.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "domain/after.h"
#include "domain/rules.h"

const struct checklist_item checklist_client[CHECK_CLIENT__MAX] = {
	{ "revoke-access",
	  "Revoke passwords and special access given to the freelancer",
	  "Accounts, keys, shared drives, servers: anything you opened for this work." },
	{ "work-received",
	  "Confirm all work and work-related materials and equipment are received",
	  "Files, source code, documents and any equipment you lent." },
	{ "remind-property",
	  "Remind the freelancer to remove your property (documents, files, "
	  "software) from their equipment",
	  "The button sends the reminder to the freelancer and ticks this item." },
};

const struct checklist_item checklist_freelancer[CHECK_FREELANCER__MAX] = {
	{ "deliver-work",
	  "Deliver all remaining work and return the client's materials and equipment",
	  "Send what is finished, with the files the client needs to use it." },
	{ "remove-property",
	  "Remove the client's property (documents, files, software) from your equipment",
	  "Delete copies you no longer need; keep only what the contract allows." },
	{ "return-access",
	  "Return or discard access you were given",
	  "Sign out of the client's accounts and hand back or destroy keys." },
};

const struct checklist_item *
checklist_items(bool client, size_t *n)
{
	*n = client ? CHECK_CLIENT__MAX : CHECK_FREELANCER__MAX;
	return client ? checklist_client : checklist_freelancer;
}

int
checklist_find(bool client, const char *key)
{
	const struct checklist_item	*it;
	size_t				 i, n;

	if (key == NULL)
		return -1;
	it = checklist_items(client, &n);
	for (i = 0; i < n; i++)
		if (strcmp(it[i].key, key) == 0)
			return (int)i;
	return -1;
}

const struct feedback_category feedback_categories[FEEDBACK_CAT__MAX] = {
	{ "skills", "Skills", "Expertise for the job" },
	{ "quality", "Quality of work", "How good the delivered work was" },
	{ "availability", "Availability", "Reachable when needed" },
	{ "schedule", "Adherence to schedule", "Deadlines and hours kept" },
	{ "communication", "Communication", "Clear, timely answers" },
	{ "cooperation", "Cooperation", "Easy to work with" },
	{ "clarity", "Clarity of requirements", "Knew and said what was wanted" },
};

/* "client→freelancer: skills, quality of work, availability, adherence to
 * schedule, communication, cooperation" */
static const enum feedback_cat by_client[] = {
	FEEDBACK_SKILLS, FEEDBACK_QUALITY, FEEDBACK_AVAILABILITY,
	FEEDBACK_SCHEDULE, FEEDBACK_COMMUNICATION, FEEDBACK_COOPERATION,
};

/* "freelancer→client: clarity of requirements, communication, adherence
 * to schedule, cooperation, availability" */
static const enum feedback_cat by_freelancer[] = {
	FEEDBACK_CLARITY, FEEDBACK_COMMUNICATION, FEEDBACK_SCHEDULE,
	FEEDBACK_COOPERATION, FEEDBACK_AVAILABILITY,
};

const enum feedback_cat *
feedback_side_categories(bool client, size_t *n)
{
	if (client) {
		*n = sizeof(by_client) / sizeof(by_client[0]);
		return by_client;
	}
	*n = sizeof(by_freelancer) / sizeof(by_freelancer[0]);
	return by_freelancer;
}

bool
feedback_rates(bool client, enum feedback_cat cat)
{
	const enum feedback_cat	*cats;
	size_t			 i, n;

	cats = feedback_side_categories(client, &n);
	for (i = 0; i < n; i++)
		if (cats[i] == cat)
			return true;
	return false;
}

bool
text_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

void
feedback_score_format(int64_t h, char out[8])
{
	if (h < 0 || h > 999)
		h = 0;
	/* d.dd without printf: the dashboard formats one a row. */
	out[0] = (char)('0' + h / 100);
	out[1] = '.';
	out[2] = (char)('0' + h / 10 % 10);
	out[3] = (char)('0' + h % 10);
	out[4] = '\0';
}

/*
 * "A reminder 3 days before your window closes if you have not left
 * yours": from feedback_reminder_at() until the window closes.
 * "Feedback revealed": when feedback_visible() says the other side's
 * feedback is visible to this side, by both leaving or by the close.
 */
unsigned
feedback_due(const struct feedback_duty *d, int64_t now)
{
	unsigned	 due = 0;

	if (!d->mine_left && !d->reminded &&
	    now >= feedback_reminder_at(d->ended_at) &&
	    feedback_open(d->ended_at, now))
		due |= FEEDBACK_DUE_REMIND;
	if (!d->reveal_told &&
	    feedback_visible(d->other_left, d->mine_left, d->ended_at, now))
		due |= FEEDBACK_DUE_REVEAL;
	return due;
}

