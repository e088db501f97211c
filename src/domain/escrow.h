/*
 * escrow: the client's request to keep back part of a fixed-price
 * contract's escrow at the end (DESIGN.md section 2, "Ending"): the
 * freelancer has 7 days to accept or decline, and silence counts as
 * accepted.  Data and now in, decision out; service/escrow.c moves the
 * money.
 */
#ifndef DOMAIN_ESCROW_H
#define DOMAIN_ESCROW_H
#include <stdint.h>

#include "domain/date.h"

/* "The freelancer has 7 days to accept or decline." */
#define ESCROW_ANSWER_DAYS	7
#define ESCROW_ANSWER_SECS	(ESCROW_ANSWER_DAYS * DAY_SECS)

enum escrow_state {
	ESCROW_PENDING = 0,	/* waiting for the freelancer */
	ESCROW_ACCEPTED,	/* accepted by the freelancer */
	ESCROW_DECLINED,	/* declined: the contract is disputed */
	ESCROW_LAPSED,		/* 7 days of silence: counts as accepted */
	ESCROW_STATE__MAX
};
extern const char *const escrow_states[ESCROW_STATE__MAX];

/* The freelancer has 7 days from the request to answer. */
int64_t			 escrow_answer_due(int64_t requested_at);
/* A request made after this moment may still be answered at now; one
 * made at or before it has lapsed (the bound queries compare with). */
int64_t			 escrow_answerable_after(int64_t now);
/* decided: 0 none yet, 1 accepted, -1 declined. */
enum escrow_state	 escrow_state(int64_t requested_at, int decided,
			    int64_t now);
/*
 * An escrow request as it reads at now.  decision as stored (0 none, 1
 * accepted, -1 declined); decided_by 0 for an acceptance the app
 * recorded itself once the 7 days passed in silence, which reads as
 * ESCROW_LAPSED, as does an unrecorded one past its due time.
 */
enum escrow_state	 escrow_view(int64_t requested_at, int decision,
			    int64_t decided_by, int64_t now);

#endif
