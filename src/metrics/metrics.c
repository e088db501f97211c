/*
 * metrics: the counters behind GET /metrics.
 *
 * A scrape reaches one worker of several, yet must report all of them.
 * So the counters live in one file (CONTRACTS_METRICS, in the run
 * directory: tmpfs) that every worker maps MAP_SHARED.  Each worker
 * claims a slot of its own at start and is the only writer of that slot's
 * request counters; a scrape sums the slots.  The few counters that any
 * process may bump (workers restarted, the scheduled step's) are changed
 * with atomic adds.  Single writers still store with __atomic_store_n so
 * that a reader in another process never sees a torn value.  No lock:
 * nothing a worker does can leave a lock held for the others.
 *
 * A slot outlives its worker: a worker that dies (or is replaced on
 * reload) leaves its counts behind, and the worker that takes the slot
 * next goes on adding to them, so totals never go down while the file
 * lives.  Taking a slot that a worker used before counts as a restart.
 * The file is emptied when the stack starts (scripts/serve.sh).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "metrics/metrics.h"

#define SLOTS		64
#define MAGIC		0x434d455452494331ULL	/* "CMETRIC1": the layout below */

/* Status codes counted on their own; any other is counted as "other". */
static const int statuses[] = { 200, 303, 400, 403, 404, 405, 409, 413, 500, 503 };
#define NSTATUS		(int)(sizeof(statuses) / sizeof(statuses[0]))

/* Latency histogram bounds, in milliseconds; one more bucket is +Inf. */
static const double bounds_ms[] = { 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000 };
#define NBOUND		(int)(sizeof(bounds_ms) / sizeof(bounds_ms[0]))

struct slot {
	int32_t		 pid;		/* the worker using it, 0: free */
	int32_t		 used;		/* a worker has used it since the file was made */
	uint64_t	 requests[METRICS_ROUTES][NSTATUS + 1];
	uint64_t	 latency[NBOUND + 1];	/* per bucket, not cumulative */
	uint64_t	 latency_us;		/* sum of durations */
	uint64_t	 busy;			/* database busy retries */
};

struct shared {
	uint64_t	 magic;
	uint64_t	 restarts;	/* workers started in a slot used before */
	uint64_t	 tick_runs, tick_failures, tick_us, tick_last_us;
	uint64_t	 outbox_backlog, outbox_failures;
	uint64_t	 outbox_reported;	/* the scheduled step set the two above */
	struct slot	 slots[SLOTS];
};

static struct shared	*m;
static struct slot	 spare;		/* counts when no slot is free */
static struct slot	*mine = &spare;
static uint64_t		 busy_seen;

static uint64_t
get(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void
add(uint64_t *p, uint64_t v)
{
	__atomic_fetch_add(p, v, __ATOMIC_RELAXED);
}

/* The slot's own counter: one writer, so a load and a store. */
static void
bump(uint64_t *p, uint64_t v)
{
	__atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED) + v, __ATOMIC_RELAXED);
}

int
metrics_open(const char *path)
{
	struct stat	 st;
	int		 fd = -1;
	void		*p;

	mine = &spare;
	if (path != NULL && *path != '\0') {
		if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1 ||
		    fstat(fd, &st) == -1)
			goto fail;
		/* Workers starting at once may all size it: same size, zeros. */
		if (st.st_size < (off_t)sizeof(*m) && ftruncate(fd, sizeof(*m)) == -1)
			goto fail;
		p = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		close(fd);
		if (p == MAP_FAILED)
			goto fail_mapped;
		m = p;
		/* A file of another layout (an older build) is started afresh. */
		if (__atomic_load_n(&m->magic, __ATOMIC_ACQUIRE) != MAGIC) {
			memset(m, 0, sizeof(*m));
			__atomic_store_n(&m->magic, MAGIC, __ATOMIC_RELEASE);
		}
		return 0;
	}
	p = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	m = p != MAP_FAILED ? p : NULL;
	return m != NULL ? 0 : -1;
fail:
	if (fd != -1)
		close(fd);
fail_mapped:
	fprintf(stderr, "metrics: %s: %s; counting for this process only\n",
	    path, strerror(errno));
	metrics_open(NULL);
	return -1;
}

/* A slot is free when no worker holds it or its worker is gone. */
static bool
slot_free(int32_t pid)
{
	return pid == 0 || (kill(pid, 0) == -1 && errno == ESRCH);
}

int
metrics_claim(void)
{
	int32_t		 me = (int32_t)getpid(), pid;
	int		 i;

	if (m == NULL)
		return -1;
	for (i = 0; i < SLOTS; i++) {
		pid = __atomic_load_n(&m->slots[i].pid, __ATOMIC_ACQUIRE);
		if (!slot_free(pid) ||
		    !__atomic_compare_exchange_n(&m->slots[i].pid, &pid, me, false,
		    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			continue;
		mine = &m->slots[i];
		if (__atomic_exchange_n(&mine->used, 1, __ATOMIC_ACQ_REL))
			add(&m->restarts, 1);
		return 0;
	}
	fprintf(stderr, "metrics: all %d slots are taken; this worker is not counted\n", SLOTS);
	return -1;
}

void
metrics_release(void)
{
	if (mine != &spare)
		__atomic_store_n(&mine->pid, 0, __ATOMIC_RELEASE);
	mine = &spare;
}

void
metrics_request(int route, int status, double ms)
{
	int	 s, b;

	if (route < 0 || route >= METRICS_ROUTES)
		route = METRICS_ROUTES - 1;
	for (s = 0; s < NSTATUS && statuses[s] != status; s++)
		continue;
	for (b = 0; b < NBOUND && ms > bounds_ms[b]; b++)
		continue;
	bump(&mine->requests[route][s], 1);
	bump(&mine->latency[b], 1);
	bump(&mine->latency_us, (uint64_t)(ms * 1000));
}

void
metrics_busy(uint64_t total)
{
	if (total > busy_seen)
		bump(&mine->busy, total - busy_seen);
	busy_seen = total;
}

void
metrics_tick(double seconds, bool failed)
{
	uint64_t	 us = (uint64_t)(seconds * 1e6);

	if (m == NULL)
		return;
	add(&m->tick_runs, 1);
	if (failed)
		add(&m->tick_failures, 1);
	add(&m->tick_us, us);
	__atomic_store_n(&m->tick_last_us, us, __ATOMIC_RELAXED);
}

void
metrics_outbox(uint64_t backlog, uint64_t failures)
{
	if (m == NULL)
		return;
	__atomic_store_n(&m->outbox_backlog, backlog, __ATOMIC_RELAXED);
	add(&m->outbox_failures, failures);
	__atomic_store_n(&m->outbox_reported, 1, __ATOMIC_RELAXED);
}

/* Seconds from microseconds, as Prometheus wants them. */
static void
put_seconds(struct buf *b, uint64_t us)
{
	buf_printf(b, "%llu.%06llu", (unsigned long long)(us / 1000000),
	    (unsigned long long)(us % 1000000));
}

static void
put_requests(struct buf *b, const char *(*route_name)(int))
{
	uint64_t	 n;
	int		 r, s, i;
	const char	*name;

	buf_puts(b, "# HELP contracts_requests_total Requests answered, by route "
	    "pattern and status.\n# TYPE contracts_requests_total counter\n");
	for (r = 0; r < METRICS_ROUTES; r++) {
		name = r == METRICS_ROUTES - 1 ? "unmatched" : route_name(r);
		if (name == NULL)
			continue;
		for (s = 0; s <= NSTATUS; s++) {
			for (n = 0, i = 0; i < SLOTS; i++)
				n += get(&m->slots[i].requests[r][s]);
			if (n == 0)
				continue;
			buf_printf(b, "contracts_requests_total{route=\"%s\",status=\"", name);
			if (s < NSTATUS)
				buf_printf(b, "%d", statuses[s]);
			else
				buf_puts(b, "other");
			buf_printf(b, "\"} %llu\n", (unsigned long long)n);
		}
	}
}

static void
put_latency(struct buf *b)
{
	uint64_t	 n, cum = 0, us = 0;
	int		 k, i;

	buf_puts(b, "# HELP contracts_request_duration_seconds Time from the "
	    "request's arrival at a worker to its answer.\n"
	    "# TYPE contracts_request_duration_seconds histogram\n");
	for (k = 0; k <= NBOUND; k++) {
		for (n = 0, i = 0; i < SLOTS; i++)
			n += get(&m->slots[i].latency[k]);
		cum += n;
		if (k < NBOUND)
			buf_printf(b, "contracts_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
			    bounds_ms[k] / 1000, (unsigned long long)cum);
		else
			buf_printf(b, "contracts_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
			    (unsigned long long)cum);
	}
	for (i = 0; i < SLOTS; i++)
		us += get(&m->slots[i].latency_us);
	buf_puts(b, "contracts_request_duration_seconds_sum ");
	put_seconds(b, us);
	buf_printf(b, "\ncontracts_request_duration_seconds_count %llu\n",
	    (unsigned long long)cum);
}

void
metrics_write(struct buf *b, const char *(*route_name)(int))
{
	uint64_t	 busy = 0;
	int		 i, live = 0;

	if (m == NULL)
		return;
	put_requests(b, route_name);
	put_latency(b);
	for (i = 0; i < SLOTS; i++) {
		busy += get(&m->slots[i].busy);
		live += !slot_free(__atomic_load_n(&m->slots[i].pid, __ATOMIC_ACQUIRE));
	}
	buf_printf(b, "# HELP contracts_db_busy_retries_total Times a worker waited for "
	    "another's database lock and tried again.\n"
	    "# TYPE contracts_db_busy_retries_total counter\n"
	    "contracts_db_busy_retries_total %llu\n", (unsigned long long)busy);
	buf_printf(b, "# HELP contracts_workers FastCGI workers running.\n"
	    "# TYPE contracts_workers gauge\ncontracts_workers %d\n", live);
	buf_printf(b, "# HELP contracts_workers_restarted_total Workers started in "
	    "place of one that stopped (crashed, or replaced by a reload).\n"
	    "# TYPE contracts_workers_restarted_total counter\n"
	    "contracts_workers_restarted_total %llu\n", (unsigned long long)get(&m->restarts));
	buf_printf(b, "# HELP contracts_tick_runs_total Runs of the scheduled step.\n"
	    "# TYPE contracts_tick_runs_total counter\n"
	    "contracts_tick_runs_total %llu\n"
	    "# HELP contracts_tick_failures_total Runs of the scheduled step that failed.\n"
	    "# TYPE contracts_tick_failures_total counter\n"
	    "contracts_tick_failures_total %llu\n"
	    "# HELP contracts_tick_duration_seconds_total Time spent in the scheduled step.\n"
	    "# TYPE contracts_tick_duration_seconds_total counter\n"
	    "contracts_tick_duration_seconds_total ",
	    (unsigned long long)get(&m->tick_runs), (unsigned long long)get(&m->tick_failures));
	put_seconds(b, get(&m->tick_us));
	buf_puts(b, "\n# HELP contracts_tick_last_duration_seconds How long the last "
	    "run of the scheduled step took.\n"
	    "# TYPE contracts_tick_last_duration_seconds gauge\n"
	    "contracts_tick_last_duration_seconds ");
	put_seconds(b, get(&m->tick_last_us));
	buf_puts(b, "\n");
	/* Absent until the scheduled step has said: no number beats a made-up 0. */
	if (get(&m->outbox_reported))
		buf_printf(b, "# HELP contracts_outbox_backlog Mail waiting in the outbox "
		    "after the last run of the scheduled step.\n"
		    "# TYPE contracts_outbox_backlog gauge\ncontracts_outbox_backlog %llu\n"
		    "# HELP contracts_outbox_delivery_failures_total Deliveries that failed "
		    "(to be retried).\n"
		    "# TYPE contracts_outbox_delivery_failures_total counter\n"
		    "contracts_outbox_delivery_failures_total %llu\n",
		    (unsigned long long)get(&m->outbox_backlog),
		    (unsigned long long)get(&m->outbox_failures));
}
