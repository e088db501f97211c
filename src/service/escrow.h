/*
 * escrow: the money of a fixed-price contract's funded milestones, as
 * the pages and the scheduled step move it.
 */
#ifndef ESCROW_H
#define ESCROW_H
#include <stdbool.h>
#include <stdint.h>

/* Cents in escrow: funded and neither released nor returned; -1 on error. */
int64_t	 escrow_balance(int64_t contract);
/*
 * Within a write transaction: move cents of the contract's escrow out of
 * its funded milestones, oldest first, to the freelancer (release) or
 * back to the client.  0, or -1 when the escrow holds less (or on a db
 * error).
 */
int	 escrow_move(int64_t contract, int64_t cents, bool release);

#endif
