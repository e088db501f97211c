/*
 * sqlite: the SQLite engine (engine.h), the process's one connection.  Opened after fork (each
 * FastCGI worker and each contractsctl run opens its own), in WAL mode,
 * migrated to the schema this build knows, every statement prepared once.
 * A commit is durable before db_commit() returns (so before anything is
 * acknowledged): db_sync_wal() fsyncs the WAL after the write lock is
 * released, where synchronous=FULL fsynced it while holding the lock.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/db.h"
#include "db/engine.h"
#include "domain/clock.h"
#include "domain/date.h"

extern const char db_schema_v1[];	/* generated from schema.sql */
extern const char db_schema_v2[];	/* from schema-2.sql: the dashboard's lines */
extern const char db_schema_v3[];	/* from schema-3.sql: unread counts */
extern const char db_schema_v4[];	/* from schema-4.sql: deadlines, email */
extern const char db_schema_v5[];	/* from schema-5.sql: sessions' browsers */
extern const char db_schema_v6[];	/* from schema-6.sql: messages, time zones */
extern const char db_schema_v7[];	/* from schema-7.sql: the dashboard's orders */
extern const char db_schema_v8[];	/* from schema-8.sql: diary undo, who decides */
extern const char db_schema_v9[];	/* from schema-9.sql: paid invoices as payments */
extern const char db_schema_v10[];	/* from schema-10.sql: each diary entry's week */
extern const char db_schema_v11[];	/* from schema-11.sql: diary writes, fewer pages */

static const char *const migrations[] = {
	db_schema_v1,
	db_schema_v2,
	db_schema_v3,
	db_schema_v4,
	db_schema_v5,
	db_schema_v6,
	db_schema_v7,
	db_schema_v8,
	db_schema_v9,
	db_schema_v10,
	db_schema_v11,
};
#define MIGRATIONS	(int)(sizeof(migrations) / sizeof(migrations[0]))

/* What a struct db_stmt * of db.h points to: one of the table's
 * statements, prepared, or one of the engine's own below. */
struct db_stmt {
	sqlite3_stmt	*st;
	const char	*name;
	const char	*sig;	/* a letter per parameter, see db.h */
};

/*
 * The engine's own statements, not in the table: transactions, and what
 * db_prep() hands back for a statement it refuses, whose step fails
 * (an integer overflow), so that the caller's usual error path runs.
 */
enum ctl {
	CTL_BEGIN,
	CTL_BEGIN_WRITE,
	CTL_COMMIT,
	CTL_ROLLBACK,
	CTL_REFUSED,
	CTL__MAX
};
static const char *const ctl_sql[CTL__MAX] = {
	"BEGIN",
	"BEGIN IMMEDIATE",
	"COMMIT",
	"ROLLBACK",
	"SELECT abs(-9223372036854775807 - 1)",
};

static sqlite3		*db;
static struct db_stmt	 stmts[STMT__MAX];
static struct db_stmt	 ctl[CTL__MAX];

/* The statements stepped since sq_reads_close() last ran, to reset. */
#define USED_MAX	64
static enum stmt	 used[USED_MAX];
static int		 nused;
static bool		 used_all;	/* more than USED_MAX: reset them all */
static bool		 is_used[STMT__MAX];

static uint64_t		 busy_retries;

static void	 sq_rollback(void);

/*
 * Where a write's time goes, counted by length (CONTRACTS_DB_STATS=1
 * prints them to stderr every 2 s): the wait for the write lock (BEGIN
 * IMMEDIATE), each sleep of the busy handler, the COMMIT (the WAL's
 * write), the WAL's fsync after it and the checkpoints run in this
 * process.
 */
static const int64_t	 stat_us[] = { 100, 1000, 5000, 10000, 25000, 50000, 100000, 250000 };
#define NSTAT		(int)(sizeof(stat_us) / sizeof(stat_us[0]))
struct stat_hist {
	uint64_t	 n[NSTAT + 1];
	int64_t		 sum, max;
};
static struct {
	struct stat_hist lock, sleep, commit, sync, ckpt;
	int64_t		 printed;
	int64_t		 ckpt_us;	/* the checkpoint inside this commit */
	bool		 on;
} st_;

static void
stat_add(struct stat_hist *h, int64_t us)
{
	int	 i;

	for (i = 0; i < NSTAT && us >= stat_us[i]; i++)
		continue;
	h->n[i]++;
	h->sum += us;
	if (us > h->max)
		h->max = us;
}

/* Appends "name[n0 n1 ...] sum=Nus max=Nus" to line, at *len. */
static void
stat_put(char *line, size_t size, size_t *len, const char *name,
    const struct stat_hist *h)
{
	int	 i;

	*len += (size_t)snprintf(line + *len, size - *len, " %s[", name);
	for (i = 0; i <= NSTAT && *len < size; i++)
		*len += (size_t)snprintf(line + *len, size - *len, "%s%llu", i ? " " : "",
		    (unsigned long long)h->n[i]);
	if (*len < size)
		*len += (size_t)snprintf(line + *len, size - *len, "] sum=%lldus max=%lldus",
		    (long long)h->sum, (long long)h->max);
}

/* One line, written at once, at most every 2 s (when switched on). */
static void
stat_print(void)
{
	char	 line[1024];
	size_t	 len;
	int64_t	 now = clock_mono_us();

	if (!st_.on || now - st_.printed < 2000000)
		return;
	st_.printed = now;
	len = (size_t)snprintf(line, sizeof(line), "db-stats %d", (int)getpid());
	stat_put(line, sizeof(line), &len, "lock", &st_.lock);
	stat_put(line, sizeof(line), &len, "sleep", &st_.sleep);
	stat_put(line, sizeof(line), &len, "commit", &st_.commit);
	stat_put(line, sizeof(line), &len, "sync", &st_.sync);
	stat_put(line, sizeof(line), &len, "ckpt", &st_.ckpt);
	if (len < sizeof(line))
		len += (size_t)snprintf(line + len, sizeof(line) - len, "\n");
	fwrite(line, 1, len < sizeof(line) ? len : sizeof(line) - 1, stderr);
}

/* How long a wait for a lock may last in all, in microseconds. */
static int64_t		 busy_limit_us = 5000000;
static int64_t		 busy_since;

/*
 * Another connection holds the lock: wait a little and try again, for up
 * to busy_limit_us in all (5 s), counted (the retries show on /metrics).
 * n is how often this wait has retried.
 *
 * The waits are short and flat: 100 us, doubling to 1 ms, then 1 ms
 * each.  A write holds the lock for a fraction of a millisecond, so
 * SQLite's own schedule (sqlite3_busy_timeout: 1, 2, 5, 10 ... 100 ms)
 * left a waiter asleep for tens of milliseconds after the lock was free,
 * while the other worker took it again and again (issue 18: 162 sleeps
 * of 100 ms in a minute of writes).  A retry is one attempt at a lock,
 * cheap next to that.
 */
static int
db_on_busy(void *arg, int n)
{
	struct timespec		 ts;
	int64_t			 now = clock_mono_us(), us = n < 4 ? 100 << n : 1000;

	(void)arg;
	if (n == 0)
		busy_since = now;
	else if (now - busy_since >= busy_limit_us)
		return 0;
	busy_retries++;
	stat_add(&st_.sleep, us);
	ts.tv_sec = 0;
	ts.tv_nsec = us * 1000;
	nanosleep(&ts, NULL);
	return 1;
}

/*
 * Checkpoints are not the committing request's business: they copy the
 * WAL into the database file and fsync it, which took a request 5 ms on
 * average and up to 57 ms (issue 18).  A checkpointer runs them instead
 * (db_checkpoint(), contractsctl checkpoint).  This hook runs after each
 * commit with the WAL's size in pages: SQLite's own autocheckpoint (a
 * PASSIVE checkpoint from 1000 pages), unless db_defer_checkpoints() set
 * a bound that only a missing checkpointer lets the WAL reach.
 */
static int		 ckpt_from = 1000;

static int
db_on_wal(void *arg, sqlite3 *conn, const char *name, int pages)
{
	int64_t	 t0;

	(void)arg;
	if (pages < ckpt_from)
		return SQLITE_OK;
	t0 = clock_mono_us();
	(void)sqlite3_wal_checkpoint_v2(conn, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	st_.ckpt_us = clock_mono_us() - t0;
	stat_add(&st_.ckpt, st_.ckpt_us);
	return SQLITE_OK;
}

void
db_defer_checkpoints(void)
{
	ckpt_from = DB_WAL_FALLBACK_PAGES;
}

uint64_t
db_busy_retries(void)
{
	return busy_retries;
}

static void
db_log(const char *what)
{
	fprintf(stderr, "db: %s: %s\n", what, db ? sqlite3_errmsg(db) : "no connection");
}

/* Reset a statement.  What sqlite3_reset() returns repeats the error of
 * the statement's last step, which that step's caller has logged. */
static void
db_reset(struct db_stmt *s)
{
	(void)sqlite3_reset(s->st);
}

static int
db_simple(const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "db: %s\n", err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/*
 * One pass of the checkpointer.  A PASSIVE checkpoint copies into the
 * database file what no reader still needs and blocks nobody.  It cannot
 * make the WAL start over under a steady load, though: the WAL restarts
 * only when a write begins while every frame has been copied, and with a
 * write every half millisecond some always arrive during a checkpoint.
 * So past max_pages a RESTART follows: it holds the write lock while it
 * copies the few frames written since the PASSIVE one and waits for the
 * readers of older frames; the next write then starts the WAL from its
 * beginning (and journal_size_limit cuts the file back).  Its waits are
 * bounded by RESTART_WAIT_US, so that writers stall at most that long
 * (plus the copy); a RESTART that would wait longer gives up and comes
 * again at the next pass.  0, or -1 logged.
 */
#define RESTART_WAIT_US	10000

int
db_checkpoint(int max_pages, struct db_checkpoint *out)
{
	int64_t	 t0 = clock_mono_us();
	int	 rc, log = 0, done = 0;

	memset(out, 0, sizeof(*out));
	if (db == NULL) {
		fprintf(stderr, "db: checkpoints are SQLite's; no SQLite database is open\n");
		return -1;
	}
	rc = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
		db_log("checkpoint");
		return -1;
	}
	out->wal_pages = log;
	out->copied = done;
	out->passive_us = clock_mono_us() - t0;
	if (log <= max_pages)
		return 0;
	busy_limit_us = RESTART_WAIT_US;
	rc = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_RESTART, &log, &done);
	busy_limit_us = 5000000;
	out->restart_us = clock_mono_us() - t0 - out->passive_us;
	if (rc == SQLITE_BUSY)
		return 0;
	if (rc != SQLITE_OK) {
		db_log("checkpoint (restart)");
		return -1;
	}
	out->restarted = true;
	return 0;
}

/*
 * Make every commit so far durable: fsync the WAL, through SQLite's own
 * handle of it (so the file the commits went to, even if the WAL was
 * deleted and made again).  0, or -1 logged.
 *
 * Why this is as safe as synchronous=FULL (issue 18).  FULL fsyncs the
 * WAL at each commit while it holds the write lock, so every other writer
 * waits for the disk (1.7 ms a commit on the shared test disk, tails of
 * 100 ms and more).  NORMAL leaves the commit unsynced; we fsync right
 * after, before the caller answers.  The fsync covers our frames and all
 * those before them in the file, so once it returns the commit survives
 * a power loss as under FULL.  Nothing NORMAL skips could undo it: it
 * still syncs the WAL before each checkpoint, the database file after
 * each one, and the WAL's header when the WAL starts over; frames are
 * overwritten only after a checkpoint copied and synced them.  What
 * differs: other connections may read the commit during our fsync (a
 * page may show it a millisecond early); should the machine lose power
 * in that millisecond, the write was never acknowledged, and whatever
 * committed after it and was acknowledged had its own fsync, which
 * covers it.
 */
static int
db_sync_wal(void)
{
	sqlite3_file	*wal = NULL;
	int64_t		 t0 = clock_mono_us();

	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK) {
		db_log("finding the WAL file");
		return -1;
	}
	if (wal == NULL || wal->pMethods == NULL)	/* no WAL yet: nothing written */
		return 0;
	if (wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) != SQLITE_OK) {
		db_log("fsync of the WAL");
		return -1;
	}
	stat_add(&st_.sync, clock_mono_us() - t0);
	return 0;
}

int
db_single_thread(void)
{
	if (sqlite3_config(SQLITE_CONFIG_SINGLETHREAD) != SQLITE_OK ||
	    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
		return -1;
	return 0;
}

/* Run an engine statement without parameters or rows: 0, or -1 logged. */
static int
db_step_once(struct db_stmt *s)
{
	int	 rc = sqlite3_step(s->st);

	db_reset(s);
	if (rc != SQLITE_DONE) {
		db_log(sqlite3_sql(s->st));
		return -1;
	}
	return 0;
}

/*
 * week_start(day) in SQL, for the migration that stores each diary
 * entry's week (schema-10.sql) once: the Monday is computed by the same
 * C function as every write's.
 */
static void
db_fn_week_start(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int64(cx, week_start(sqlite3_value_int64(argv[0])));
}

/*
 * The schema's version (PRAGMA user_version), or -1 logged.
 */
static int
db_version(void)
{
	sqlite3_stmt	*st;
	int		 version = -1, rc;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		db_log("PRAGMA user_version");
		return -1;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	else
		db_log("PRAGMA user_version");
	(void)sqlite3_finalize(st);	/* repeats the step's error */
	if (version > MIGRATIONS) {
		fprintf(stderr, "db: schema version %d is newer than this build (%d)\n",
		    version, MIGRATIONS);
		return -1;
	}
	return version;
}

/*
 * Bring the schema to MIGRATIONS.  A database already there is only read:
 * the workers, the scheduled step and the checkpointer all open it at
 * start, and none of them should wait for the others' write lock to learn
 * that nothing is to be done.  Several may start at once on an older
 * schema: the version is read again inside the write transaction, so
 * exactly one of them migrates.
 */
static int
db_migrate(void)
{
	int	 version;
	char	 sql[64];

	if ((version = db_version()) == -1)
		return -1;
	if (version == MIGRATIONS)
		return 0;
	if (db_step_once(&ctl[CTL_BEGIN_WRITE]) == -1)
		return -1;
	if ((version = db_version()) == -1)
		goto fail;
	for (; version < MIGRATIONS; version++)
		if (db_simple(migrations[version]) == -1)
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", MIGRATIONS);
	if (db_simple(sql) == -1 || db_step_once(&ctl[CTL_COMMIT]) == -1)
		goto fail;
	return 0;
fail:
	sq_rollback();
	return -1;
}

/* Prepare sql, once for the process, into s.  0, or -1 logged. */
static int
db_prepare(struct db_stmt *s, const char *name, const char *sig, const char *sql)
{
	s->name = name;
	s->sig = sig;
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL)
	    != SQLITE_OK) {
		db_log(name);
		return -1;
	}
	return 0;
}

/*
 * The parameters of a prepared statement, as db_sig_check() counts them:
 * ?1 to ?N, each used, so that the signature's letters bind them in
 * order.  Returns N, or -1 logged when one is named otherwise or missing.
 */
static int
db_params(const struct db_stmt *s)
{
	int		 i, n = sqlite3_bind_parameter_count(s->st);
	const char	*name;
	char		 want[16];

	for (i = 1; i <= n; i++) {
		snprintf(want, sizeof(want), "?%d", i);
		if ((name = sqlite3_bind_parameter_name(s->st, i)) == NULL ||
		    strcmp(name, want) != 0) {
			fprintf(stderr, "db: BUG: parameter %d of %s is not %s\n", i,
			    s->name, want);
			return -1;
		}
	}
	return n;
}

static int
sq_open(const char *path)
{
	char	 sql[64];
	int	 i, n;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
	    != SQLITE_OK) {
		db_log(path);
		goto fail;
	}
	if (sqlite3_busy_handler(db, db_on_busy, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "week_start", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, db_fn_week_start, NULL, NULL) != SQLITE_OK) {
		db_log(path);
		goto fail;
	}
	(void)sqlite3_wal_hook(db, db_on_wal, NULL);	/* returns the previous hook */
	st_.on = getenv("CONTRACTS_DB_STATS") != NULL;
	/* NORMAL: db_commit() syncs the WAL itself, outside the lock. */
	if (db_simple("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
	    "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY") == -1)
		goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA journal_size_limit = %d", DB_WAL_MAX_PAGES * 4096);
	if (db_simple(sql) == -1)
		goto fail;
	for (i = 0; i < CTL__MAX; i++)
		if (db_prepare(&ctl[i], ctl_sql[i], "", ctl_sql[i]) == -1)
			goto fail;
	if (db_migrate() == -1 || db_sync_wal() == -1)
		goto fail;
	for (i = 0; i < STMT__MAX; i++)
		if (db_prepare(&stmts[i], db_table[i].name, db_table[i].sig, db_table[i].sql) == -1 ||
		    (n = db_params(&stmts[i])) == -1 ||
		    db_sig_check(db_table[i].name, db_table[i].sig, n) == -1)
			goto fail;
	return 0;
fail:
	db_close();
	return -1;
}

static void
sq_close(void)
{
	int	 i;

	/* sqlite3_finalize() repeats a statement's last error: logged then. */
	for (i = 0; i < STMT__MAX; i++) {
		(void)sqlite3_finalize(stmts[i].st);
		stmts[i].st = NULL;
	}
	for (i = 0; i < CTL__MAX; i++) {
		(void)sqlite3_finalize(ctl[i].st);
		ctl[i].st = NULL;
	}
	if (db != NULL && sqlite3_close(db) != SQLITE_OK)
		db_log("close");
	db = NULL;
	nused = 0;
	used_all = false;
	memset(is_used, 0, sizeof(is_used));
}

/*
 * Ends the reads' transaction if one is open.  The statements stepped
 * since the last call are reset first (one still stepping would keep
 * its snapshot), then COMMIT.  0, or -1 logged.
 */
static int
sq_reads_close(void)
{
	sqlite3_stmt	*st = NULL;
	int		 i;

	if (used_all) {
		while ((st = sqlite3_next_stmt(db, st)) != NULL)
			(void)sqlite3_reset(st);	/* as db_reset() */
		memset(is_used, 0, sizeof(is_used));
	} else
		for (i = 0; i < nused; i++) {
			db_reset(&stmts[used[i]]);
			is_used[used[i]] = false;
		}
	nused = 0;
	used_all = false;
	if (sqlite3_get_autocommit(db))
		return 0;
	return db_step_once(&ctl[CTL_COMMIT]);
}

/* What db_prep() returns for a statement it refuses: stepping it fails,
 * and the request answers 500 without having changed anything. */
static struct db_stmt *
db_refused(void)
{
	db_reset(&ctl[CTL_REFUSED]);
	return &ctl[CTL_REFUSED];
}

static struct db_stmt *
sq_bind(enum stmt which, va_list ap)
{
	struct db_stmt	*s = &stmts[which];
	sqlite3_stmt	*st = s->st;
	const char	*fmt, *t;
	int64_t		 v;
	int		 i, rc;

	/*
	 * DESIGN.md section 6: a statement that writes runs only in a
	 * transaction begun as a write.  Anywhere else it would upgrade a read
	 * transaction, which fails at once under concurrency; refuse it here,
	 * every time, so that the tests meet the mistake the day it is made.
	 */
	if (!db_state.writing && !sqlite3_stmt_readonly(st)) {
		fprintf(stderr, "db: BUG: %s writes outside a write transaction\n", s->name);
		return db_refused();
	}
	if (db_state.batching && !db_state.writing && sqlite3_get_autocommit(db) &&
	    db_step_once(&ctl[CTL_BEGIN]) == -1)
		return db_refused();
	if (!is_used[which]) {
		is_used[which] = true;
		if (nused < USED_MAX)
			used[nused++] = which;
		else
			used_all = true;
	}
	db_reset(s);
	if (sqlite3_clear_bindings(st) != SQLITE_OK) {
		db_log(s->name);
		return db_refused();
	}
	for (i = 1, fmt = s->sig; *fmt != '\0'; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'n':
			v = va_arg(ap, int64_t);
			rc = v == 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, v);
			break;
		case 't':
			t = va_arg(ap, const char *);
			rc = t == NULL ? sqlite3_bind_null(st, i) :
			    sqlite3_bind_text(st, i, t, -1, SQLITE_TRANSIENT);
			break;
		case 'b':	/* a 32-byte blob: token hashes */
			rc = sqlite3_bind_blob(st, i, va_arg(ap, const void *), 32,
			    SQLITE_TRANSIENT);
			break;
		default:	/* db_open() refuses such a table: a bug */
			fprintf(stderr, "db: BUG: bad bind letter '%c' for %s\n", *fmt,
			    s->name);
			return db_refused();
		}
		if (rc != SQLITE_OK) {
			fprintf(stderr, "db: BUG: parameter %d of %s: %s\n", i, s->name,
			    sqlite3_errmsg(db));
			return db_refused();
		}
	}
	return s;
}

static int
sq_row(struct db_stmt *s)
{
	switch (sqlite3_step(s->st)) {
	case SQLITE_ROW:
		return 1;
	case SQLITE_DONE:
		db_reset(s);
		return 0;
	default:
		db_log(sqlite3_sql(s->st));
		db_reset(s);
		return -1;
	}
}

static void
sq_done(struct db_stmt *s)
{
	db_reset(s);
}

static int64_t
sq_int(struct db_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

static const char *
sq_text(struct db_stmt *s, int col)
{
	const unsigned char	*t = sqlite3_column_text(s->st, col);

	return t == NULL ? "" : (const char *)t;
}

static int64_t
sq_last_id(void)
{
	return sqlite3_last_insert_rowid(db);
}

static int
sq_changes(void)
{
	return sqlite3_changes(db);
}

/*
 * BEGIN IMMEDIATE takes the write lock before the first read, waiting up
 * to the busy timeout for another writer; the reads that follow see the
 * data the write will change, and nothing can make the transaction
 * upgrade later.
 */
static int
sq_begin_write(void)
{
	int64_t	 t0 = clock_mono_us();

	if (db_step_once(&ctl[CTL_BEGIN_WRITE]) == -1)
		return -1;
	stat_add(&st_.lock, clock_mono_us() - t0);
	return 0;
}

static void
sq_rollback(void)
{
	if (db != NULL && !sqlite3_get_autocommit(db))
		(void)db_step_once(&ctl[CTL_ROLLBACK]);		/* logged */
}

static int
sq_commit(void)
{
	int64_t	 t0 = clock_mono_us();

	st_.ckpt_us = 0;
	if (db_step_once(&ctl[CTL_COMMIT]) == -1) {
		sq_rollback();
		return -1;
	}
	stat_add(&st_.commit, clock_mono_us() - t0 - st_.ckpt_us);
	if (db_sync_wal() == -1)
		return -1;
	stat_print();
	return 0;
}

/* A file does not go away between requests. */
static int
sq_ready(void)
{
	return 0;
}

static int
sq_migrations(void)
{
	return MIGRATIONS;
}

const struct db_engine db_sqlite = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.ready = sq_ready,
	.bind = sq_bind,
	.row = sq_row,
	.done = sq_done,
	.col_int = sq_int,
	.col_text = sq_text,
	.last_id = sq_last_id,
	.changes = sq_changes,
	.reads_close = sq_reads_close,
	.begin_write = sq_begin_write,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.migrations = sq_migrations,
};

/*
 * SQLite's online backup API copies every page in one step, inside one
 * read transaction: the copy is the database as it was when that
 * transaction began, with every write committed before it, while others
 * go on writing (WAL lets readers and a writer run at once).  Copied in
 * steps instead, a backup restarts whenever another connection writes,
 * and under a steady write load may never end.
 */
int
db_backup_to(const char *path, const char *to, int *pages)
{
	sqlite3		*src = NULL, *dst = NULL;
	sqlite3_backup	*b;
	int		 rc, status = -1;

	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK) {
		fprintf(stderr, "db: backup: %s\n", sqlite3_errmsg(dst != NULL ? dst : src));
		goto out;
	}
	if (sqlite3_busy_timeout(src, 5000) != SQLITE_OK) {
		fprintf(stderr, "db: backup: %s\n", sqlite3_errmsg(src));
		goto out;
	}
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		fprintf(stderr, "db: backup: %s\n", sqlite3_errmsg(dst));
		goto out;
	}
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
		(void)sqlite3_sleep(10);	/* returns the ms slept */
	*pages = sqlite3_backup_pagecount(b);
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		fprintf(stderr, "db: backup: %s\n", sqlite3_errmsg(dst));
		goto out;
	}
	rc = sqlite3_close(dst);
	dst = NULL;
	if (rc != SQLITE_OK) {
		fprintf(stderr, "db: backup: closing the copy fails (%d)\n", rc);
		goto out;
	}
	status = 0;
out:
	/* Closing a connection without statements only fails for a bug. */
	if (dst != NULL && sqlite3_close(dst) != SQLITE_OK)
		fprintf(stderr, "db: backup: closing the copy fails\n");
	if (src != NULL && sqlite3_close(src) != SQLITE_OK)
		fprintf(stderr, "db: backup: closing %s fails\n", path);
	return status;
}
