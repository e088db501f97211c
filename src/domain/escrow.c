/*
 * escrow: an escrow refund request's 7 days (see escrow.h).
 */
#include <stdint.h>

#include "domain/date.h"
#include "domain/escrow.h"

const char *const escrow_states[ESCROW_STATE__MAX] = {
	"waiting for the freelancer",		/* ESCROW_PENDING */
	"accepted",				/* ESCROW_ACCEPTED */
	"declined",				/* ESCROW_DECLINED */
	"accepted (no answer in 7 days)",	/* ESCROW_LAPSED */
};

/* "The freelancer has 7 days to accept or decline." */
int64_t
escrow_answer_due(int64_t requested_at)
{
	return requested_at + ESCROW_ANSWER_SECS;
}

int64_t
escrow_answerable_after(int64_t now)
{
	return now - ESCROW_ANSWER_SECS;
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

/* "Silence after 7 days counts as accepted", whether or not the app has
 * recorded it yet. */
enum escrow_state
escrow_view(int64_t requested_at, int decision, int64_t decided_by, int64_t now)
{
	if (decision > 0 && decided_by == 0)
		return ESCROW_LAPSED;
	return escrow_state(requested_at, decision, now);
}
