/*
 * pgtrips: what the dashboard's database work costs on PostgreSQL, one
 * connection, one request after another, as src/db/pg.c runs it and in
 * the ways BENCHMARKS.md ("PostgreSQL beside SQLite") proposes; prints
 * the CPU time per request of this client (libpq's side, the worker's
 * share) and of the backend serving it (/proc/PID/stat).  Run it under
 * valgrind --tool=callgrind, with the server under callgrind too, for
 * instructions per request, which the host's noise does not move.
 *
 *   pgtrips URI MODE [N]
 *
 * The statements are the app's own (src/db/stmts*.def, with
 * pg/stmts-pg.def's texts where they differ), prepared with the types
 * pg.c declares, for the newest session's user: SESSION_GET,
 * DASHBOARD_COUNT, DASHBOARD_BY_START (page 1, every status, no search).
 * MODE:
 *
 *   now        BEGIN ... READ ONLY, the three statements, COMMIT, each its
 *              own round trip (5): what pg.c does today
 *   ahead      BEGIN sent with the session's lookup, COMMIT with the
 *              list: pipeline mode, BEGIN and COMMIT prepared (3 trips)
 *   pipelined  BEGIN + session, then count + list + COMMIT (2 trips)
 *   plain      now, with the unfiltered page's count as a plain
 *              "count(*) WHERE user_id" (what a separate statement for
 *              the common case would cost)
 *   ping       five prepared SELECT 1, one round trip each
 *   ping-pipe  the same five in one pipeline: ping minus ping-pipe is
 *              what four round trips cost
 * A "-generic" suffix runs the mode with plan_cache_mode =
 * force_generic_plan.  N (default 2000) requests after 50 not counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <libpq-fe.h>

#include "db/db.h"

static const struct {
	const char	*sig, *sql;
} table[STMT__MAX] = {
#define STMT(name, sig, sql) [STMT_##name] = { sig, sql },
#include "db/stmts.def"
#undef STMT
};

static const char *const override[STMT__MAX] = {
#define PG(name, sql) [STMT_##name] = sql,
#include "db/pg/stmts-pg.def"
#undef PG
};

static PGconn	*conn;

static void
fail(const char *what, const PGresult *res)
{
	fprintf(stderr, "pgtrips: %s: %s", what,
	    res != NULL ? PQresultErrorMessage(res) : PQerrorMessage(conn));
	exit(1);
}

/* Clear a result, exiting unless it is one of a success. */
static void
check(PGresult *res, const char *what)
{
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_PIPELINE_SYNC:
		PQclear(res);
		return;
	default:
		fail(what, res);
	}
}

/* The app's statement which, prepared as name; ?N becomes $N (as pg.c). */
static void
prepare(const char *name, enum stmt which)
{
	const char	*sql = override[which] != NULL ? override[which] : table[which].sql;
	const char	*sig = table[which].sig;
	char		*text = malloc(strlen(sql) + 1), *o = text, quote = 0;
	Oid		 types[16];
	int		 n = (int)strlen(sig), i;

	if (text == NULL || n > 16)
		fail("prepare", NULL);
	for (; *sql != '\0'; sql++) {
		if (quote != 0) {
			if (*sql == quote)
				quote = 0;
		} else if (*sql == '\'' || *sql == '"')
			quote = *sql;
		else if (*sql == '?' && sql[1] >= '1' && sql[1] <= '9') {
			*o++ = '$';
			continue;
		}
		*o++ = *sql;
	}
	*o = '\0';
	for (i = 0; i < n; i++)
		types[i] = sig[i] == 't' ? 25 : sig[i] == 'b' ? 17 : 20;
	check(PQprepare(conn, name, text, n, types), name);
	free(text);
}

static double
cpu_self_us(void)
{
	struct rusage	 u;

	getrusage(RUSAGE_SELF, &u);
	return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 +
	    (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

/* A process's user + system time in µs (USER_HZ 100). */
static double
cpu_of_us(int pid)
{
	char		 path[64], buf[1024], *p;
	long		 ut = 0, st = 0;
	size_t		 n;
	FILE		*f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld %ld", &ut, &st) != 2)
		return 0;
	return (double)(ut + st) * 1e4;
}

static const char *session[1], *count[3], *list[5];
static const int session_len[1] = { 32 }, session_fmt[1] = { 1 };
static char	 token[32];

/* Send a prepared statement in pipeline mode. */
static void
send(const char *name)
{
	int	 ok;

	if (strcmp(name, "session") == 0)
		ok = PQsendQueryPrepared(conn, name, 1, session, session_len, session_fmt, 0);
	else if (strcmp(name, "count") == 0 || strcmp(name, "plaincount") == 0)
		ok = PQsendQueryPrepared(conn, name, strcmp(name, "count") == 0 ? 3 : 1, count, NULL, NULL, 0);
	else if (strcmp(name, "list") == 0)
		ok = PQsendQueryPrepared(conn, name, 5, list, NULL, NULL, 0);
	else
		ok = PQsendQueryPrepared(conn, name, 0, NULL, NULL, NULL, 0);
	if (!ok)
		fail(name, NULL);
}

/* In pipeline mode: n statements' results, then the sync's. */
static void
sync_and_read(int n)
{
	PGresult	*res;

	if (!PQpipelineSync(conn))
		fail("sync", NULL);
	while (n-- > 0) {
		while ((res = PQgetResult(conn)) != NULL)
			check(res, "pipeline");
	}
	check(PQgetResult(conn), "sync");
}

/* Outside pipeline mode: one statement, one round trip. */
static void
run(const char *name)
{
	if (strcmp(name, "begin") == 0)
		check(PQexec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"), name);
	else if (strcmp(name, "commit") == 0)
		check(PQexec(conn, "COMMIT"), name);
	else if (strcmp(name, "session") == 0)
		check(PQexecPrepared(conn, name, 1, session, session_len, session_fmt, 0), name);
	else if (strcmp(name, "count") == 0 || strcmp(name, "plaincount") == 0)
		check(PQexecPrepared(conn, name, strcmp(name, "count") == 0 ? 3 : 1, count, NULL, NULL, 0), name);
	else if (strcmp(name, "list") == 0)
		check(PQexecPrepared(conn, name, 5, list, NULL, NULL, 0), name);
	else
		check(PQexecPrepared(conn, name, 0, NULL, NULL, NULL, 0), name);
}

static void
request(const char *mode)
{
	int	 i;

	if (strcmp(mode, "now") == 0 || strcmp(mode, "plain") == 0) {
		run("begin");
		run("session");
		run(strcmp(mode, "now") == 0 ? "count" : "plaincount");
		run("list");
		run("commit");
	} else if (strcmp(mode, "ahead") == 0) {
		send("pbegin");
		send("session");
		sync_and_read(2);
		send("count");
		sync_and_read(1);
		send("list");
		send("pcommit");
		sync_and_read(2);
	} else if (strcmp(mode, "pipelined") == 0) {
		send("pbegin");
		send("session");
		sync_and_read(2);
		send("count");
		send("list");
		send("pcommit");
		sync_and_read(3);
	} else if (strcmp(mode, "ping") == 0) {
		for (i = 0; i < 5; i++)
			run("one");
	} else {	/* ping-pipe */
		for (i = 0; i < 5; i++)
			send("one");
		sync_and_read(5);
	}
}

int
main(int argc, char *argv[])
{
	char		 mode[32], *suffix, uid[24];
	PGresult	*res;
	double		 c0, b0, c1, b1;
	struct timespec	 w0, w1;
	int		 n, i, backend, generic;

	if (argc < 3 || argc > 4) {
		fputs("usage: pgtrips URI now|ahead|pipelined|plain|ping|ping-pipe[-generic] [N]\n", stderr);
		return 2;
	}
	n = argc == 4 ? atoi(argv[3]) : 2000;
	snprintf(mode, sizeof(mode), "%s", argv[2]);
	if ((generic = (suffix = strstr(mode, "-generic")) != NULL))
		*suffix = '\0';
	conn = PQconnectdb(argv[1]);
	if (PQstatus(conn) != CONNECTION_OK)
		fail("connect", NULL);
	res = PQexecParams(conn, "SELECT token_hash, user_id::text FROM sessions ORDER BY id DESC LIMIT 1",
	    0, NULL, NULL, NULL, NULL, 1);
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1 || PQgetlength(res, 0, 0) != 32)
		fail("no session to look up (sign in once)", res);
	memcpy(token, PQgetvalue(res, 0, 0), 32);
	snprintf(uid, sizeof(uid), "%s", PQgetvalue(res, 0, 1));	/* text: its bytes */
	PQclear(res);
	session[0] = token;
	count[0] = list[0] = uid;
	count[1] = list[1] = "all";
	count[2] = list[2] = NULL;
	list[3] = "26";		/* a page of 25 and one to know there is a next */
	list[4] = "0";
	prepare("session", STMT_SESSION_GET);
	prepare("count", STMT_DASHBOARD_COUNT);
	prepare("list", STMT_DASHBOARD_BY_START);
	check(PQprepare(conn, "plaincount", "SELECT count(*) FROM dashboard_lines WHERE user_id = $1",
	    1, (const Oid[]){ 20 }), "plaincount");
	check(PQprepare(conn, "pbegin", "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", 0, NULL), "pbegin");
	check(PQprepare(conn, "pcommit", "COMMIT", 0, NULL), "pcommit");
	check(PQprepare(conn, "one", "SELECT 1", 0, NULL), "one");
	if (generic)
		check(PQexec(conn, "SET plan_cache_mode = force_generic_plan"), "generic");
	res = PQexec(conn, "SELECT pg_backend_pid()");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail("pid", res);
	backend = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (strcmp(mode, "ahead") == 0 || strcmp(mode, "pipelined") == 0 || strcmp(mode, "ping-pipe") == 0)
		if (!PQenterPipelineMode(conn))
			fail("pipeline mode", NULL);
	for (i = 0; i < 50; i++)	/* past the custom plans' first five */
		request(mode);
	c0 = cpu_self_us();
	b0 = cpu_of_us(backend);
	clock_gettime(CLOCK_MONOTONIC, &w0);
	for (i = 0; i < n; i++)
		request(mode);
	clock_gettime(CLOCK_MONOTONIC, &w1);
	c1 = cpu_self_us();
	b1 = cpu_of_us(backend);
	if (n > 0)
			printf("%-20s client %6.1f  backend %6.1f  sum %6.1f  wall %7.1f  us/request\n", argv[2],
		    (c1 - c0) / n, (b1 - b0) / n, (c1 - c0 + b1 - b0) / n,
		    ((double)(w1.tv_sec - w0.tv_sec) * 1e6 + (double)(w1.tv_nsec - w0.tv_nsec) / 1e3) / n);
	PQfinish(conn);
	return 0;
}
