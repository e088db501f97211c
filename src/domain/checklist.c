/*
 * checklist: each side's after-ending checklist (see checklist.h).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "domain/checklist.h"

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
