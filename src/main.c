/*
 * main: the FastCGI worker.  Started by spawn-fcgi under multiwatch (one
 * process per core, all accepting on the same socket): each opens its own
 * database connection after the fork, loads and checks every template,
 * then answers requests one at a time with FCGX_Accept_r until killed.
 * SIGTERM stops it at once; SIGHUP (and multiwatch's SIGUSR1) lets it
 * finish the request at hand first, which is how a reload replaces it.
 * It refuses to run as root: the supervisor drops privileges first.
 *
 *	contracts.fcgi [-d db] [-t templates]
 */
#define _GNU_SOURCE		/* ppoll(2) */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>

#include "auth/auth.h"
#include "db/db.h"
#include "domain/clock.h"
#include "http/http.h"
#include "metrics/metrics.h"
#include "pages/pages.h"
#include "render/render.h"
#include "routes.h"

/*
 * One line per request, put together without printf (it is made for
 * every request); the path with anything unprintable escaped.
 */
static void
log_request(const struct req *r, const char *method, double ms)
{
	static struct buf line;	/* keeps its memory from one request to the next */
	static pid_t	 pid;	/* a worker's pid does not change */
	static time_t	 then;	/* the second stamp was made for */
	static char	 stamp[32];
	char		 path[256], frac[3];
	const char	*p;
	size_t		 i = 0;
	time_t		 now = time(NULL);
	struct tm	 tm;
	uint64_t	 hundredths = (uint64_t)(ms * 100 + 0.5);

	if (pid == 0)
		pid = getpid();
	if (now != then) {
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		then = now;
	}

	for (p = r->path != NULL ? r->path : "-"; *p != '\0' && i < sizeof(path) - 5; p++) {
		if (*p > 0x20 && *p < 0x7f && *p != '\\')
			path[i++] = *p;
		else
			i += (size_t)snprintf(path + i, 5, "\\x%02x", (unsigned char)*p);
	}
	path[i] = '\0';
	frac[0] = (char)('0' + hundredths / 10 % 10);
	frac[1] = (char)('0' + hundredths % 10);
	frac[2] = '\0';

	buf_reset(&line);
	buf_puts(&line, stamp);
	buf_add(&line, " ", 1);
	buf_putu(&line, (uint64_t)pid);
	buf_add(&line, " ", 1);
	buf_puts(&line, method);
	buf_add(&line, " ", 1);
	buf_puts(&line, path);
	buf_add(&line, " ", 1);
	buf_putu(&line, (uint64_t)r->resp.status);
	buf_add(&line, " ", 1);
	buf_putu(&line, hundredths / 100);
	buf_add(&line, ".", 1);
	buf_puts(&line, frac);
	buf_puts(&line, "ms uid=");
	buf_putu(&line, (uint64_t)r->uid);	/* 0 when signed out */
	buf_add(&line, "\n", 1);
	fwrite(line.p, 1, line.len, stderr);
}

static void
handle(FCGX_Request *f)
{
	static struct req	 r;
	struct arena		 keep = r.arena;
	struct buf		 body = r.resp.body;
	const char		*why = NULL, *method;
	double			 t0 = (double)clock_mono_us() / 1e3, ms;
	int			 status;

	memset(&r, 0, sizeof(r));
	r.route = -1;
	r.arena = keep;
	r.resp.body = body;
	buf_reset(&r.resp.body);
	r.now = clock_now();
	db_reads_begin();
	if ((status = req_read(&r, f, &why)) != 0) {
		if (session_load(&r) == -1)
			page_fail(&r);
		else
			page_error(&r, status, why);
	} else
		routes_dispatch(&r);
	db_reads_end();
	if (r.resp.status == 0)
		r.resp.status = 200;
	resp_send(&r);
	method = FCGX_GetParam("REQUEST_METHOD", f->envp);
	ms = (double)clock_mono_us() / 1e3 - t0;
	log_request(&r, method != NULL ? method : "-", ms);
	metrics_request(r.route, r.resp.status, ms);
	metrics_busy(db_busy_retries());
	if (r.dict != NULL)
		dict_free(r.dict);
	arena_reset(&r.arena);
}

/*
 * Say why a worker died before it dies: multiwatch only sees that it did,
 * and gives up on a worker that dies three times in quick succession.
 * Async-signal-safe: write(2) of a prepared line, then the default action.
 * (Under AddressSanitizer its own handler reports instead.)
 */
#ifndef __SANITIZE_ADDRESS__
static void
on_fatal(int sig)
{
	static const char	 msg[] = "contracts: worker killed by signal ";
	char			 num[4];
	int			 n = 0;

	num[n++] = (char)('0' + sig / 10 % 10);
	num[n++] = (char)('0' + sig % 10);
	num[n++] = '\n';
	(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)!write(STDERR_FILENO, num, (size_t)n);
	signal(sig, SIG_DFL);
	raise(sig);
}
#endif

static void
on_term(int sig)
{
	static const char	 msg[] = "contracts: worker stops (SIGTERM)\n";

	(void)sig;
	(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
	_exit(0);
}

static volatile sig_atomic_t	 stopping;

static void
on_graceful(int sig)
{
	(void)sig;
	stopping = 1;
}

/*
 * SIGHUP and SIGUSR1 stay blocked except while the worker waits for the
 * next connection (ppoll below): they never cut a request short, nor land
 * between the check of stopping and a blocking accept(2).
 */
static void
signals(sigset_t *open_mask)
{
	struct sigaction	 sa;
	sigset_t		 graceful;

#ifndef __SANITIZE_ADDRESS__
	static const int	 fatal[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
	size_t			 i;

	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		signal(fatal[i], on_fatal);
#endif
	signal(SIGTERM, on_term);
	signal(SIGPIPE, SIG_IGN);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_graceful;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&graceful);
	sigaddset(&graceful, SIGHUP);
	sigaddset(&graceful, SIGUSR1);
	sigprocmask(SIG_BLOCK, &graceful, open_mask);
	sigdelset(open_mask, SIGHUP);
	sigdelset(open_mask, SIGUSR1);
}

/*
 * Wait until the listening socket (fd 0, from spawn-fcgi or systemd) has
 * a connection, with the graceful signals let through.  0: accept one;
 * -1: stop.  Another worker may take the connection first; then accept(2)
 * blocks until the next one, and a signal meanwhile waits for it.
 */
static int
wait_connection(const sigset_t *open_mask)
{
	struct pollfd	 pfd = { .fd = 0, .events = POLLIN };

	while (!stopping) {
		if (ppoll(&pfd, 1, NULL, open_mask) > 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
	return -1;
}

/*
 * Run as the unprivileged user only (a bug in a worker must not be a
 * root compromise), and die with the supervisor: a worker that multiwatch
 * forked as it was being killed would otherwise serve on, an orphan.
 * Returns 0 or -1 (said why).
 */
static int
confine(void)
{
	pid_t	 parent = getppid();

	if (geteuid() == 0 || getuid() == 0) {
		fprintf(stderr, "contracts: refusing to run as root; start the workers "
		    "as the app's user (spawn-fcgi -u, systemd User=)\n");
		return -1;
	}
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1 || getppid() != parent) {
		fprintf(stderr, "contracts: the supervisor is gone\n");
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	FCGX_Request	 f;
	sigset_t	 open_mask;
	const char	*dbpath = getenv("DB"), *tpldir = "templates";
	int		 c;

	while ((c = getopt(argc, argv, "d:t:")) != -1)
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 't':
			tpldir = optarg;
			break;
		default:
			fprintf(stderr, "usage: contracts.fcgi [-d db] [-t templates]\n");
			return 2;
		}
	if (dbpath == NULL || *dbpath == '\0')
		dbpath = "var/contracts.db";
	signals(&open_mask);
	if (confine() == -1)
		return 1;
	if (clock_init() == -1) {
		fprintf(stderr, "contracts: CONTRACTS_NOW is not YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM:SSZ\n");
		return 1;
	}
	if (auth_init() == -1) {
		fprintf(stderr, "contracts: libsodium does not start\n");
		return 1;
	}
	if (render_init(tpldir) == -1)
		return 1;
	routes_init();
	/* A worker is one thread with one connection: the engine's mutexes
	 * and its malloc statistics (one more lock per allocation) only cost. */
	if (db_single_thread() == -1)
		fprintf(stderr, "contracts: the database refused single-thread mode; going on\n");
	if (db_open(dbpath) == -1) {
		fprintf(stderr, "contracts: cannot open %s\n", dbpath);
		return 1;
	}
	db_defer_checkpoints();		/* the checkpointer's work, not a request's */
	metrics_open(getenv("CONTRACTS_METRICS"));
	metrics_claim();
	if (FCGX_Init() != 0 || FCGX_InitRequest(&f, 0, 0) != 0) {
		fprintf(stderr, "contracts: FastCGI does not start\n");
		return 1;
	}
	fprintf(stderr, "contracts: worker %d ready, db %s, schema %d\n",
	    (int)getpid(), dbpath, db_schema_version());
	while (wait_connection(&open_mask) == 0 && FCGX_Accept_r(&f) >= 0) {
		handle(&f);
		FCGX_Finish_r(&f);
	}
	metrics_release();
	if (stopping)
		fprintf(stderr, "contracts: worker %d stops (reload or shutdown)\n",
		    (int)getpid());
	else if (errno == EINTR)
		fprintf(stderr, "contracts: worker %d stops (signal)\n", (int)getpid());
	else
		fprintf(stderr, "contracts: worker %d stops: accept failed (%s)\n",
		    (int)getpid(), strerror(errno));
	db_close();
	return 0;
}
