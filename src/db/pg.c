/*
 * pg: the PostgreSQL engine (engine.h), the process's one libpq
 * connection, for an app spread over several hosts (issue 17).
 *
 * The same table of statements as SQLite's, prepared once per
 * connection with ?N turned into $N and each parameter's type declared
 * from its signature ('i', 'n' int8, 't' text, 'b' bytea), so PostgreSQL
 * never has to guess one; the few whose text must differ are in
 * pg/stmts-pg.def.  Results come as text: db_int() reads a number
 * (bigint or numeric alike) or a boolean as 0/1.
 *
 * A statement's rows are read whole and kept until the next bind or the
 * last row: callers step through them as through SQLite's.  In a
 * request's reads a statement runs when it is first stepped, with every
 * other read bound before it, in one round trip (pg_flush()); elsewhere
 * it runs when bound.  The transactions keep SQLite's meaning:
 *
 *   reads     A request's reads share one snapshot, as a SQLite read
 *             transaction does: BEGIN ISOLATION LEVEL REPEATABLE READ,
 *             READ ONLY, sent with the first read.
 *   writes    BEGIN READ WRITE, then pg_advisory_xact_lock(4201701)
 *             before any read: writers take turns like BEGIN IMMEDIATE,
 *             so the triggers that keep the dashboard's lines never
 *             rebuild one from a snapshot without the other's write
 *             (src/db/pg/schema.sql).  READ COMMITTED, so the reads that
 *             follow the lock see the writer it waited for.
 *   the rest  The session is read-only by default: a statement that
 *             writes outside a write transaction fails, as SQLite's
 *             guard makes it fail ("db: BUG: ... writes outside ...").
 *
 * A connection that breaks (the server gone, a failover) sets
 * db_state.lost: the request answers 503 and the next one connects
 * again, to whichever host of the URI now takes writes
 * (target_session_attrs=read-write); one the server closed between
 * requests is made again before the next (pg_ready()).  A COMMIT whose answer never came
 * may or may not have happened: db_commit() fails and the caller must
 * not acknowledge it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poll.h>

#include <libpq-fe.h>

#include "db/db.h"
#include "db/engine.h"

extern const char db_pg_schema_v8[];	/* from pg/schema.sql: SQLite's 1 to 8 */
extern const char db_pg_schema_v9[];	/* from pg/schema-9.sql and on */
extern const char db_pg_schema_v10[];
extern const char db_pg_schema_v11[];

/* PostgreSQL's migrations: its first brings an empty database to 8. */
static const struct {
	int		 version;
	const char	*sql;
} migrations[] = {
	{ 8, db_pg_schema_v8 },
	{ 9, db_pg_schema_v9 },
	{ 10, db_pg_schema_v10 },
	{ 11, db_pg_schema_v11 },
};
#define NMIGRATIONS	(int)(sizeof(migrations) / sizeof(migrations[0]))
#define VERSION		11

/* The key of the writers' advisory lock: one for the whole database. */
#define WRITE_LOCK	"4201701"

/* The statements whose PostgreSQL text differs, by name; NULL for the rest. */
static const char *const override[STMT__MAX] = {
#define PG(name, sql) [STMT_##name] = sql,
#include "db/pg/stmts-pg.def"
#undef PG
};

#define PARAMS_MAX	16

struct db_stmt {
	const char	*name;
	const char	*sig;
	PGresult	*res;	/* the rows of the last run, or NULL */
	int		 row, nrows;
	bool		 failed;
	bool		 queued;	/* bound, to be sent with the next read */
	/* A queued statement's parameters: their bytes kept in copy. */
	const char	*values[PARAMS_MAX];
	int		 lengths[PARAMS_MAX], formats[PARAMS_MAX];
	char		*copy;
	size_t		 cap;
};

/* The reads bound and not yet sent, in the order they were bound. */
#define QUEUE_MAX	16
static struct db_stmt	*queue[QUEUE_MAX];
static int		 nqueue;

static PGconn		*conn;
static struct db_stmt	 stmts[STMT__MAX];
static bool		 reading;	/* the reads' transaction is open */
static bool		 ending;	/* its COMMIT is sent, its answer unread */
static int		 changes;	/* rows the last INSERT, UPDATE or DELETE changed */

static void
pg_log(const char *what, const PGresult *res)
{
	const char	*msg = res != NULL ? PQresultErrorMessage(res) : "";

	if (*msg == '\0')
		msg = conn != NULL ? PQerrorMessage(conn) : "no connection\n";
	fprintf(stderr, "db: %s: %s%s", what, msg,
	    msg[strlen(msg) > 0 ? strlen(msg) - 1 : 0] == '\n' ? "" : "\n");
}

/* After a failure: is the connection gone?  Then say so once. */
static void
pg_check_lost(void)
{
	if (conn != NULL && PQstatus(conn) == CONNECTION_BAD && !db_state.lost) {
		fprintf(stderr, "db: the connection to PostgreSQL is lost\n");
		db_state.lost = true;
		reading = false;
	}
}

/*
 * The reads' COMMIT is sent when the request's reads end and its answer
 * read here, before the connection's next use: the page goes to its
 * reader without waiting for a round trip that cannot change it (a
 * read-only transaction has nothing to commit).
 */
static void
pg_drain(void)
{
	PGresult	*res;

	if (!ending)
		return;
	ending = false;
	while ((res = PQgetResult(conn)) != NULL) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			pg_log("COMMIT (reads)", res);
		PQclear(res);
	}
	pg_check_lost();
}

/* Run SQL without parameters; 0 when it returns what want says, or -1
 * logged.  The result is kept in *out when out is not NULL. */
static int
pg_simple(const char *sql, ExecStatusType want, PGresult **out)
{
	PGresult	*res;

	pg_drain();
	res = PQexec(conn, sql);
	if (PQresultStatus(res) != want) {
		pg_log(sql, res);
		PQclear(res);
		pg_check_lost();
		return -1;
	}
	if (out != NULL)
		*out = res;
	else
		PQclear(res);
	return 0;
}

/*
 * sql with ?N turned into $N, outside quoted strings and names, in a new
 * string (NULL when out of memory).
 */
static char *
pg_dollars(const char *sql)
{
	char	*out, *o;
	char	 quote = 0;

	if ((out = o = malloc(strlen(sql) + 1)) == NULL)
		return NULL;
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
	return out;
}

static Oid
pg_type(char letter)
{
	switch (letter) {
	case 't':
		return 25;	/* text */
	case 'b':
		return 17;	/* bytea */
	default:
		return 20;	/* int8: 'i' and 'n' */
	}
}

/* Prepare every statement of the table on this connection.  0 or -1. */
static int
pg_prepare_all(void)
{
	Oid		 types[PARAMS_MAX];
	PGresult	*res;
	const char	*sql;
	char		*text, pname[16];
	int		 i, n, k;

	for (i = 0; i < STMT__MAX; i++) {
		stmts[i].name = db_table[i].name;
		stmts[i].sig = db_table[i].sig;
		sql = override[i] != NULL ? override[i] : db_table[i].sql;
		n = (int)strlen(db_table[i].sig);
		if (n > PARAMS_MAX || db_sig_check(db_table[i].name, db_table[i].sig, n) == -1) {
			fprintf(stderr, "db: BUG: %s has too many parameters\n", db_table[i].name);
			return -1;
		}
		for (k = 0; k < n; k++)
			types[k] = pg_type(db_table[i].sig[k]);
		if ((text = pg_dollars(sql)) == NULL)
			return -1;
		snprintf(pname, sizeof(pname), "s%d", i);
		res = PQprepare(conn, pname, text, n, types);
		free(text);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			pg_log(db_table[i].name, res);
			PQclear(res);
			return -1;
		}
		PQclear(res);
	}
	return 0;
}

/* The schema's version: 0 for an empty database, or -1 logged. */
static int
pg_version(void)
{
	PGresult	*res;
	int		 v = 0;

	if (pg_simple("SELECT to_regclass('schema_version') IS NOT NULL",
	    PGRES_TUPLES_OK, &res) == -1)
		return -1;
	if (strcmp(PQgetvalue(res, 0, 0), "t") == 0) {
		PQclear(res);
		if (pg_simple("SELECT version FROM schema_version", PGRES_TUPLES_OK, &res) == -1)
			return -1;
		v = PQntuples(res) == 1 ? atoi(PQgetvalue(res, 0, 0)) : -1;
		if (v == -1)
			fprintf(stderr, "db: schema_version has %d rows\n", PQntuples(res));
	}
	PQclear(res);
	if (v > VERSION) {
		fprintf(stderr, "db: schema version %d is newer than this build (%d)\n",
		    v, VERSION);
		return -1;
	}
	return v;
}

/*
 * Bring the schema to VERSION.  An up-to-date database is only read;
 * otherwise the migrations run in one write transaction under the
 * writers' lock, the version read again there, so that of several
 * processes starting at once exactly one migrates.
 */
static int
pg_migrate(void)
{
	int	 v, i;

	if ((v = pg_version()) == -1)
		return -1;
	if (v == VERSION)
		return 0;
	if (pg_simple("BEGIN READ WRITE; SELECT pg_advisory_xact_lock(" WRITE_LOCK ")",
	    PGRES_TUPLES_OK, NULL) == -1)
		return -1;
	if ((v = pg_version()) == -1)
		goto fail;
	if (v != 0 && v < migrations[0].version) {
		fprintf(stderr, "db: schema version %d is older than PostgreSQL's first\n", v);
		goto fail;
	}
	for (i = 0; i < NMIGRATIONS; i++)
		if (migrations[i].version > v &&
		    pg_simple(migrations[i].sql, PGRES_COMMAND_OK, NULL) == -1)
			goto fail;
	if (pg_simple("COMMIT", PGRES_COMMAND_OK, NULL) == -1)
		return -1;
	return 0;
fail:
	(void)pg_simple("ROLLBACK", PGRES_COMMAND_OK, NULL);
	return -1;
}

/*
 * The session's settings, the schema and the statements, on a new
 * connection.  Writes wait at most 5 s for the writers' lock, as long as
 * SQLite's busy handler waits for its own.  Each statement is planned
 * once, when first run, as SQLite plans it when prepared: left to
 * choose, PostgreSQL planned the dashboard's count afresh at every
 * execution (its optional filters make each custom plan look cheaper),
 * a third of what the page cost the server (BENCHMARKS.md).
 */
static int
pg_setup(void)
{
	if (PQstatus(conn) != CONNECTION_OK) {
		pg_log("connect", NULL);
		return -1;
	}
	if (pg_simple("SET lock_timeout = '5s'; SET plan_cache_mode = force_generic_plan",
	    PGRES_COMMAND_OK, NULL) == -1 ||
	    pg_migrate() == -1 ||
	    pg_simple("SET default_transaction_read_only = on", PGRES_COMMAND_OK, NULL) == -1 ||
	    pg_prepare_all() == -1)
		return -1;
	return 0;
}

/* Take s out of the queue: bound, never stepped, so never run, as a
 * SQLite statement bound and not stepped never runs. */
static void
pg_unqueue(struct db_stmt *s)
{
	int	 i;

	if (!s->queued)
		return;
	s->queued = false;
	for (i = 0; i < nqueue; i++)
		if (queue[i] == s) {
			memmove(&queue[i], &queue[i + 1], (size_t)(nqueue - i - 1) * sizeof(queue[0]));
			nqueue--;
			break;
		}
}

static void
pg_clear(struct db_stmt *s)
{
	pg_unqueue(s);
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	s->nrows = 0;
	s->failed = false;
}

static void
pg_close(void)
{
	int	 i;

	for (i = 0; i < STMT__MAX; i++) {
		pg_clear(&stmts[i]);
		free(stmts[i].copy);
		stmts[i].copy = NULL;
		stmts[i].cap = 0;
	}
	PQfinish(conn);
	conn = NULL;
	reading = ending = false;
}

static int
pg_open(const char *where)
{
	conn = PQconnectdb(where);	/* PQreset() connects again with it */
	if (pg_setup() == -1) {
		pg_close();
		return -1;
	}
	return 0;
}

/* The connection made again, its statements prepared again.  0 or -1. */
static int
pg_reconnect(void)
{
	reading = ending = false;
	PQreset(conn);
	if (pg_setup() == -1)
		return -1;
	fprintf(stderr, "db: connected again to PostgreSQL\n");
	return 0;
}

/*
 * Before each request.  A connection the server closed while this worker
 * was idle (a restart, a failover) shows only when read: libpq reads
 * what waits on the socket without blocking, and a closed one marks the
 * connection bad; then it is made again now, before the request, rather
 * than failing the request's first statement (a 503 for nothing).  A
 * lost connection is made again too: the server may be another host now.
 */
static int
pg_ready(void)
{
	struct pollfd	 p;
	int		 i;

	/* The server's last words (FATAL: terminating connection), then the
	 * end of the stream: each read takes one. */
	p.fd = PQsocket(conn);
	p.events = POLLIN;
	for (i = 0; i < 4 && !db_state.lost && poll(&p, 1, 0) == 1; i++)
		if (PQconsumeInput(conn) == 0 || PQstatus(conn) == CONNECTION_BAD) {
			fprintf(stderr, "db: the connection to PostgreSQL was closed "
			    "while idle\n");
			db_state.lost = true;
		}
	if (!db_state.lost)
		return 0;
	for (i = 0; i < STMT__MAX; i++)
		pg_clear(&stmts[i]);
	return pg_reconnect();
}

/* Take a statement's result: its rows, its changes, or its error. */
static void
pg_result(struct db_stmt *s, PGresult *res)
{
	const char	*err;

	s->res = res;
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
		s->nrows = PQntuples(res);
		s->failed = false;
		break;
	case PGRES_COMMAND_OK:
		s->failed = false;
		err = PQcmdStatus(res);
		if (strncmp(err, "INSERT", 6) == 0 || strncmp(err, "UPDATE", 6) == 0 ||
		    strncmp(err, "DELETE", 6) == 0)
			changes = atoi(PQcmdTuples(res));
		break;
	case PGRES_PIPELINE_ABORTED:	/* an earlier one failed, logged */
		break;
	default:
		err = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		if (err != NULL && strcmp(err, "25006") == 0)	/* read-only transaction */
			fprintf(stderr, "db: BUG: %s writes outside a write transaction\n",
			    s->name);
		else
			pg_log(s->name, res);
		pg_check_lost();
	}
}

/*
 * Send the queued reads in one round trip (libpq's pipeline mode),
 * after BEGIN when the request's snapshot is not open yet: a page that
 * binds several reads before stepping the first pays one wait for all.
 * Each statement gets its result; when one fails, those after it are
 * aborted and fail too.
 */
static void
pg_flush(void)
{
	struct db_stmt	*s;
	PGresult	*res, *begin = NULL;
	char		 pname[16];
	bool		 opening = !reading;
	int		 i, q, n = nqueue, sent;

	pg_drain();
	nqueue = 0;
	for (i = 0; i < n; i++)
		queue[i]->queued = false;
	if (PQenterPipelineMode(conn) != 1)
		goto broken;
	sent = opening ? PQsendQueryParams(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, "
	    "READ ONLY", 0, NULL, NULL, NULL, NULL, 0) : 1;
	for (i = 0; i < n && sent == 1; i++) {
		s = queue[i];
		snprintf(pname, sizeof(pname), "s%d", (int)(s - stmts));
		sent = PQsendQueryPrepared(conn, pname, (int)strlen(s->sig), s->values,
		    s->lengths, s->formats, 0);
	}
	if (sent != 1 || PQpipelineSync(conn) != 1) {
		(void)PQexitPipelineMode(conn);
		goto broken;
	}
	/* Each query's result then NULL; the sync's result last. */
	for (q = opening ? -1 : 0; ; ) {
		if ((res = PQgetResult(conn)) == NULL) {
			if (PQstatus(conn) == CONNECTION_BAD || ++q > n)
				break;
			continue;
		}
		if (PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			break;
		}
		if (q == -1 && begin == NULL)
			begin = res;
		else if (q >= 0 && q < n && queue[q]->res == NULL)
			pg_result(queue[q], res);
		else
			PQclear(res);
	}
	(void)PQexitPipelineMode(conn);
	if (opening) {
		if (PQresultStatus(begin) == PGRES_COMMAND_OK)
			reading = true;
		else
			pg_log("BEGIN (reads)", begin);
		PQclear(begin);
	}
broken:
	for (i = 0; i < n; i++)
		if (queue[i]->res == NULL) {
			pg_log(queue[i]->name, NULL);
			pg_check_lost();
		}
}

/* Keep the parameters' bytes in s, for a run after the caller's own
 * strings may have changed (SQLite's SQLITE_TRANSIENT).  0 or -1. */
static int
pg_keep(struct db_stmt *s, int n)
{
	size_t	 need = 0, at = 0, len[PARAMS_MAX];
	char	*p;
	int	 i;

	for (i = 0; i < n; i++) {
		len[i] = s->values[i] == NULL ? 0 : s->formats[i] ?
		    (size_t)s->lengths[i] : strlen(s->values[i]) + 1;
		need += len[i];
	}
	if (need > s->cap) {
		if ((p = realloc(s->copy, need)) == NULL)
			return -1;
		s->copy = p;
		s->cap = need;
	}
	for (i = 0; i < n; i++)
		if (s->values[i] != NULL) {
			memcpy(s->copy + at, s->values[i], len[i]);
			s->values[i] = s->copy + at;
			at += len[i];
		}
	return 0;
}

/*
 * In a request's reads, a statement bound is queued, and sent with the
 * others queued when one of them is first stepped; a statement bound in
 * a write transaction, or outside a request, runs at once.
 */
static struct db_stmt *
pg_bind(enum stmt which, va_list ap)
{
	struct db_stmt	*s = &stmts[which];
	char		 nums[PARAMS_MAX][24], pname[16];
	const char	*sig = db_table[which].sig;
	int64_t		 v;
	int		 i;

	pg_clear(s);
	s->failed = true;	/* until it has run */
	if (db_state.lost)
		return s;
	pg_drain();
	for (i = 0; sig[i] != '\0'; i++) {
		s->lengths[i] = s->formats[i] = 0;
		switch (sig[i]) {
		case 'i':
		case 'n':
			v = va_arg(ap, int64_t);
			snprintf(nums[i], sizeof(nums[i]), "%lld", (long long)v);
			s->values[i] = sig[i] == 'n' && v == 0 ? NULL : nums[i];
			break;
		case 't':
			s->values[i] = va_arg(ap, const char *);
			break;
		default:	/* 'b': a 32-byte blob, sent as bytes */
			s->values[i] = va_arg(ap, const char *);
			s->lengths[i] = 32;
			s->formats[i] = 1;
			break;
		}
	}
	if (db_state.batching && !db_state.writing) {
		if (nqueue == QUEUE_MAX)
			pg_flush();
		if (pg_keep(s, i) == -1) {
			fprintf(stderr, "db: %s: out of memory\n", s->name);
			return s;
		}
		s->queued = true;
		queue[nqueue++] = s;
		return s;
	}
	snprintf(pname, sizeof(pname), "s%d", (int)which);
	pg_result(s, PQexecPrepared(conn, pname, i, s->values, s->lengths, s->formats, 0));
	return s;
}

/* Before a write or the reads' end: what was queued and never stepped
 * is dropped, never run. */
static void
pg_drop_queue(void)
{
	while (nqueue > 0)
		pg_unqueue(queue[0]);
}

static int
pg_row(struct db_stmt *s)
{
	if (s->queued)
		pg_flush();
	if (s->failed) {
		pg_clear(s);
		return -1;
	}
	if (s->res != NULL && ++s->row < s->nrows)
		return 1;
	pg_clear(s);
	return 0;
}

static void
pg_done(struct db_stmt *s)
{
	pg_clear(s);
}

static int64_t
pg_int(struct db_stmt *s, int col)
{
	const char	*v;

	if (s->res == NULL || s->row < 0 || s->row >= s->nrows ||
	    PQgetisnull(s->res, s->row, col))
		return 0;
	v = PQgetvalue(s->res, s->row, col);
	if (v[0] == 't' && v[1] == '\0')
		return 1;
	return strtoll(v, NULL, 10);	/* "f" is 0 */
}

static const char *
pg_text(struct db_stmt *s, int col)
{
	if (s->res == NULL || s->row < 0 || s->row >= s->nrows)
		return "";
	return PQgetvalue(s->res, s->row, col);		/* "" for NULL */
}

/*
 * The id the last INSERT gave its row: the session's last sequence value.
 * No trigger of schema.sql inserts into a table with an identity column,
 * so it is the app's own INSERT's.
 */
static int64_t
pg_last_id(void)
{
	PGresult	*res;
	int64_t		 id;

	if (db_state.lost || pg_simple("SELECT lastval()", PGRES_TUPLES_OK, &res) == -1)
		return 0;
	id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return id;
}

static int
pg_changes(void)
{
	return changes;
}

static int
pg_reads_close(void)
{
	pg_drop_queue();
	if (!reading)
		return 0;
	reading = false;
	if (db_state.lost)
		return -1;
	if (PQsendQuery(conn, "COMMIT") != 1) {
		pg_log("COMMIT (reads)", NULL);
		pg_check_lost();
		return -1;
	}
	ending = true;		/* pg_drain() reads its answer */
	return 0;
}

static int
pg_begin_write(void)
{
	pg_drop_queue();
	if (db_state.lost)
		return -1;
	return pg_simple("BEGIN READ WRITE; SELECT pg_advisory_xact_lock(" WRITE_LOCK ")",
	    PGRES_TUPLES_OK, NULL);
}

static void
pg_rollback(void)
{
	if (conn == NULL || db_state.lost ||
	    PQtransactionStatus(conn) == PQTRANS_IDLE)
		return;
	(void)pg_simple("ROLLBACK", PGRES_COMMAND_OK, NULL);
}

/*
 * COMMIT answers "COMMIT" when it committed and "ROLLBACK" when the
 * transaction had failed before.  No answer at all: the outcome is
 * unknown, and the request must say so (503), not acknowledge it.
 */
static int
pg_commit(void)
{
	PGresult	*res;
	int		 rc = -1;

	pg_drain();
	res = PQexec(conn, "COMMIT");
	if (PQresultStatus(res) == PGRES_COMMAND_OK &&
	    strcmp(PQcmdStatus(res), "COMMIT") == 0)
		rc = 0;
	else if (PQresultStatus(res) == PGRES_COMMAND_OK)
		fprintf(stderr, "db: COMMIT rolled back a failed transaction\n");
	else {
		pg_log("COMMIT", res);
		pg_check_lost();
		if (db_state.lost)
			fprintf(stderr, "db: a COMMIT's outcome is unknown\n");
	}
	PQclear(res);
	if (rc == -1)
		pg_rollback();
	return rc;
}

static int
pg_migrations(void)
{
	return VERSION;
}

const struct db_engine db_pg = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.ready = pg_ready,
	.bind = pg_bind,
	.row = pg_row,
	.done = pg_done,
	.col_int = pg_int,
	.col_text = pg_text,
	.last_id = pg_last_id,
	.changes = pg_changes,
	.reads_close = pg_reads_close,
	.begin_write = pg_begin_write,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.migrations = pg_migrations,
};
