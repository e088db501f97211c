/*
 * checkpoint: contractsctl checkpoint, the checkpointer that runs beside
 * the workers (scripts/serve.sh, contracts-checkpoint.service).  The
 * workers leave checkpoints to it (db_defer_checkpoints()): copying the
 * WAL into the database file and fsyncing it inside a user's request was
 * the tail of the writes (issue 18).
 *
 *	contractsctl checkpoint [--wal-max MB]		one pass, and what it did
 *	contractsctl checkpoint --every MS [--wal-max MB]
 *						a pass every MS milliseconds
 *						until SIGTERM or SIGINT
 *
 * Each pass is db_checkpoint(): PASSIVE, then RESTART once the WAL holds
 * more than --wal-max megabytes (64, DB_WAL_MAX_PAGES).  The loop prints a line a minute (passes, restarts,
 * pages written to the WAL, the longest pass, the largest WAL seen); a
 * failed pass is logged and tried again at the next.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "db/db.h"
#include "domain/clock.h"

static volatile sig_atomic_t	 stop;

static void
on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

/* The number after option name, from 1 to max; exits 2 otherwise. */
static long
number(const char *name, const char *arg, long max)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 1 || v > max)
		usage_fail("%s takes a whole number from 1 to %ld", name, max);
	return v;
}

int
cli_checkpoint(int argc, char *argv[])
{
	struct db_checkpoint	 c;
	struct sigaction	 sa;
	struct timespec		 nap;
	long			 every = 0;
	int64_t			 since, longest = 0, us;
	long long		 passes = 0, restarts = 0, written = 0, failures = 0;
	int			 largest = 0, before = 0, max = DB_WAL_MAX_PAGES, i;

	for (i = 0; i + 1 < argc; i += 2)
		if (strcmp(argv[i], "--every") == 0)
			every = number("--every", argv[i + 1], 60000);
		else if (strcmp(argv[i], "--wal-max") == 0)
			max = (int)number("--wal-max", argv[i + 1], 4096) * 256;
		else
			break;
	if (i != argc)
		usage_fail("checkpoint takes --every MS and --wal-max MB");
	if (every == 0) {
		if (db_checkpoint(max, &c) == -1)
			return 1;
		printf("checkpoint: WAL %d pages, %d in the database file%s, %lld us\n",
		    c.wal_pages, c.copied, c.restarted ? ", restarted" : "",
		    (long long)(c.passive_us + c.restart_us));
		return 0;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fprintf(stderr, "checkpoint: every %ld ms, restarting the WAL past %d pages\n",
	    every, max);
	since = clock_mono_us() / 1000;
	while (!stop) {
		if (db_checkpoint(max, &c) == -1)
			failures++;
		passes++;
		restarts += c.restarted;
		/* Frames written since the last pass (from 0 after a restart). */
		written += c.wal_pages >= before ? c.wal_pages - before : c.wal_pages;
		before = c.restarted ? 0 : c.wal_pages;
		us = c.passive_us + c.restart_us;
		if (us > longest)
			longest = us;
		if (c.wal_pages > largest)
			largest = c.wal_pages;
		if (clock_mono_us() / 1000 - since >= 60000) {
			fprintf(stderr, "checkpoint: %lld passes, %lld restarts, %lld failed, "
			    "%lld pages written to the WAL, longest pass %lld us, WAL at most "
			    "%d pages\n", passes, restarts, failures, written, (long long)longest,
			    largest);
			since = clock_mono_us() / 1000;
			passes = restarts = written = failures = 0;
			longest = 0;
			largest = 0;
		}
		nap.tv_sec = every / 1000;
		nap.tv_nsec = every % 1000 * 1000000;
		nanosleep(&nap, NULL);	/* a signal cuts it short */
	}
	return 0;
}
