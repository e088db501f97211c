/*
 * metrics: counters shared by every process of one installation (the
 * FastCGI workers and the scheduled step), kept in one file mapped by
 * each, and written out in the Prometheus text format by GET /metrics.
 * See metrics.c for the layout and why it needs no lock.
 */
#ifndef METRICS_H
#define METRICS_H
#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

#define METRICS_ROUTES	48	/* route table entries, the last one "unmatched" */

/*
 * Map the file at path (CONTRACTS_METRICS; created, sized), or private
 * memory when path is NULL or empty: then only this process's counts are
 * seen.  Returns 0, or -1 with the reason logged (and private memory).
 */
int	 metrics_open(const char *path);

/* A worker takes a slot of its own for its counters.  0, or -1: full. */
int	 metrics_claim(void);
void	 metrics_release(void);	/* a worker that stops cleanly */

/* One answered request: its route (index in the route table, -1 for no
 * route), status and duration. */
void	 metrics_request(int route, int status, double ms);
/* This process's database busy retries so far (db_busy_retries()). */
void	 metrics_busy(uint64_t total);

/*
 * The scheduled step (contractsctl tick) reports each run here: how long it
 * took and whether it failed; then what it left in the outbox and how many
 * deliveries failed during the run.
 */
void	 metrics_tick(double seconds, bool failed);
void	 metrics_outbox(uint64_t backlog, uint64_t failures);

/* The text a scrape returns; route_name(i) names route i. */
void	 metrics_write(struct buf *, const char *(*route_name)(int));

#endif
