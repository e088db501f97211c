/*
 * db: the process's one SQLite connection.  Opened after fork (each
 * FastCGI worker and each contractsctl run opens its own), in WAL mode
 * with synchronous=FULL so that an acknowledged write survives a crash,
 * migrated to the schema this build knows, every statement prepared once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "db/db.h"
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
};
#define MIGRATIONS	(int)(sizeof(migrations) / sizeof(migrations[0]))

/* What a struct db_stmt * of db.h points to: one of the table's
 * statements, prepared, or one of the engine's own below. */
struct db_stmt {
	sqlite3_stmt	*st;
	const char	*name;
	const char	*sig;	/* a letter per parameter, see db.h */
};

/* The statement table (stmts*.def): name, signature, SQL. */
static const struct {
	const char	*name, *sig, *sql;
} table[STMT__MAX] = {
#define STMT(name, sig, sql) { #name, sig, sql },
#include "db/stmts.def"
#undef STMT
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
static bool		 batching;	/* reads share one transaction */
static bool		 writing;	/* between db_begin_write() and the end */
static const char	*no_writes;	/* why writes are refused now, or NULL */

/* The statements stepped since db_reads_close() last ran, to reset. */
#define USED_MAX	64
static enum stmt	 used[USED_MAX];
static int		 nused;
static bool		 used_all;	/* more than USED_MAX: reset them all */
static bool		 is_used[STMT__MAX];

static uint64_t		 busy_retries;

/*
 * Another connection holds the lock: wait a little and try again, for up
 * to 5 s in all, as sqlite3_busy_timeout(5000) would, but counted (the
 * retries show on /metrics).  n is how often this wait has retried.
 */
static int
db_on_busy(void *arg, int n)
{
	static const int	 ms[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
	const int		 last = (int)(sizeof(ms) / sizeof(ms[0])) - 1;
	int			 i, waited = 0;

	(void)arg;
	for (i = 0; i < n && i < last; i++)
		waited += ms[i];
	if (n > last)
		waited += (n - last) * ms[last];
	if (waited >= 5000)
		return 0;
	busy_retries++;
	(void)sqlite3_sleep(ms[n < last ? n : last]);	/* returns the ms slept */
	return 1;
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

int
db_schema_version(void)
{
	return MIGRATIONS;
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
 * Bring the schema to MIGRATIONS.  Several workers may start at once: the
 * version is read again inside the write transaction, so exactly one of
 * them migrates.
 */
static int
db_migrate(void)
{
	sqlite3_stmt	*st;
	int		 version = -1, rc;
	char		 sql[64];

	if (db_step_once(&ctl[CTL_BEGIN_WRITE]) == -1)
		return -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		db_log("PRAGMA user_version");
		goto fail;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	else
		db_log("PRAGMA user_version");
	(void)sqlite3_finalize(st);	/* repeats the step's error */
	if (rc != SQLITE_ROW)
		goto fail;
	if (version < 0 || version > MIGRATIONS) {
		fprintf(stderr, "db: schema version %d is newer than this build (%d)\n",
		    version, MIGRATIONS);
		goto fail;
	}
	for (; version < MIGRATIONS; version++)
		if (db_simple(migrations[version]) == -1)
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", MIGRATIONS);
	if (db_simple(sql) == -1 || db_step_once(&ctl[CTL_COMMIT]) == -1)
		goto fail;
	return 0;
fail:
	db_rollback();
	return -1;
}

int
db_sig_check(const char *name, const char *sig, int nparams)
{
	const char	*p;

	for (p = sig; *p != '\0'; p++)
		if (strchr("itnb", *p) == NULL) {
			fprintf(stderr, "db: BUG: bad bind letter '%c' in the signature "
			    "of %s\n", *p, name);
			return -1;
		}
	if ((int)strlen(sig) != nparams) {
		fprintf(stderr, "db: BUG: %s has %d parameters, its signature \"%s\" "
		    "%zu\n", name, nparams, sig, strlen(sig));
		return -1;
	}
	return 0;
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

int
db_open(const char *path)
{
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
	if (db_simple("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
	    "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY") == -1)
		goto fail;
	for (i = 0; i < CTL__MAX; i++)
		if (db_prepare(&ctl[i], ctl_sql[i], "", ctl_sql[i]) == -1)
			goto fail;
	if (db_migrate() == -1)
		goto fail;
	for (i = 0; i < STMT__MAX; i++)
		if (db_prepare(&stmts[i], table[i].name, table[i].sig, table[i].sql) == -1 ||
		    (n = db_params(&stmts[i])) == -1 ||
		    db_sig_check(table[i].name, table[i].sig, n) == -1)
			goto fail;
	return 0;
fail:
	db_close();
	return -1;
}

void
db_close(void)
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
	writing = batching = false;
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
db_reads_close(void)
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

/*
 * A request's reads: each statement on its own would take and drop the
 * database's locks (two fcntl calls, and the WAL read mark); instead the
 * first read opens a transaction that the reads share until
 * db_reads_end(), or until a write begins.
 */
void
db_reads_begin(void)
{
	batching = true;
}

void
db_reads_end(void)
{
	batching = false;
	if (db != NULL)
		(void)db_reads_close();		/* logged */
}

/* What db_prep() returns for a statement it refuses: stepping it fails,
 * and the request answers 500 without having changed anything. */
static struct db_stmt *
db_refused(void)
{
	db_reset(&ctl[CTL_REFUSED]);
	return &ctl[CTL_REFUSED];
}

struct db_stmt *
db_bind(enum stmt which, ...)
{
	struct db_stmt	*s = &stmts[which];
	sqlite3_stmt	*st = s->st;
	va_list		 ap;
	const char	*fmt, *t;
	int64_t		 v;
	int		 i, rc;

	/*
	 * DESIGN.md section 6: a statement that writes runs only in a
	 * transaction begun as a write.  Anywhere else it would upgrade a read
	 * transaction, which fails at once under concurrency; refuse it here,
	 * every time, so that the tests meet the mistake the day it is made.
	 */
	if (!writing && !sqlite3_stmt_readonly(st)) {
		fprintf(stderr, "db: BUG: %s writes outside a write transaction\n", s->name);
		return db_refused();
	}
	if (batching && !writing && sqlite3_get_autocommit(db) &&
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
	va_start(ap, which);
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
			va_end(ap);
			return db_refused();
		}
		if (rc != SQLITE_OK) {
			fprintf(stderr, "db: BUG: parameter %d of %s: %s\n", i, s->name,
			    sqlite3_errmsg(db));
			va_end(ap);
			return db_refused();
		}
	}
	va_end(ap);
	return s;
}

int
db_row(struct db_stmt *s)
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

int
db_exec(struct db_stmt *s)
{
	int	 rc;

	rc = db_row(s);
	if (rc == 1) {
		db_reset(s);
		return 0;
	}
	return rc;
}

void
db_done(struct db_stmt *s)
{
	db_reset(s);
}

int64_t
db_int(struct db_stmt *s, int col)
{
	return sqlite3_column_int64(s->st, col);
}

const char *
db_text(struct db_stmt *s, int col)
{
	const unsigned char	*t = sqlite3_column_text(s->st, col);

	return t == NULL ? "" : (const char *)t;
}

int64_t
db_last_id(void)
{
	return sqlite3_last_insert_rowid(db);
}

int
db_changes(void)
{
	return sqlite3_changes(db);
}

/*
 * BEGIN IMMEDIATE takes the write lock before the first read, waiting up
 * to the busy timeout for another writer; the reads that follow see the
 * data the write will change, and nothing can make the transaction
 * upgrade later.
 */
int
db_begin_write(void)
{
	if (writing) {
		fprintf(stderr, "db: BUG: a write transaction begins inside another\n");
		return -1;
	}
	if (no_writes != NULL) {
		fprintf(stderr, "db: BUG: a write transaction begins %s\n", no_writes);
		return -1;
	}
	if (db_reads_close() == -1)
		return -1;
	if (db_step_once(&ctl[CTL_BEGIN_WRITE]) == -1)
		return -1;
	writing = true;
	return 0;
}

int
db_commit(void)
{
	if (!writing) {
		fprintf(stderr, "db: BUG: commit without a write transaction\n");
		return -1;
	}
	if (db_step_once(&ctl[CTL_COMMIT]) == -1) {
		db_rollback();
		return -1;
	}
	writing = false;
	return 0;
}

void
db_rollback(void)
{
	writing = false;
	if (db != NULL && !sqlite3_get_autocommit(db))
		(void)db_step_once(&ctl[CTL_ROLLBACK]);		/* logged */
}

bool
db_in_write(void)
{
	return writing;
}

void
db_forbid_writes(const char *why)
{
	no_writes = why;
}

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
