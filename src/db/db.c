/*
 * db: the rules every engine keeps, and the way to the engine in use.
 * The statement table and its signatures, when a write transaction may
 * begin, and what a lost connection means are decided here, once; how a
 * statement is prepared, bound and stepped is the engine's (engine.h):
 * SQLite for a file's path, PostgreSQL for a postgresql:// URI.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "db/engine.h"

const struct db_table db_table[STMT__MAX] = {
#define STMT(name, sig, sql) { #name, sig, sql },
#include "db/stmts.def"
#undef STMT
};

struct db_state		 db_state;
static const struct db_engine *e;
static const char	*no_writes;	/* why writes are refused now, or NULL */

bool
db_is_pg(const char *where)
{
	return strncmp(where, "postgresql://", 13) == 0 ||
	    strncmp(where, "postgres://", 11) == 0;
}

int
db_open(const char *where)
{
	const struct db_engine	*want = db_is_pg(where) ? &db_pg : &db_sqlite;

	memset(&db_state, 0, sizeof(db_state));
	if (want->open(where) == -1)
		return -1;
	e = want;
	return 0;
}

void
db_close(void)
{
	if (e != NULL)
		e->close();
	e = NULL;
	memset(&db_state, 0, sizeof(db_state));
}

const char *
db_engine_name(void)
{
	return e != NULL ? e->name : "none";
}

int
db_schema_version(void)
{
	return e != NULL ? e->migrations() : -1;
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

struct db_stmt *
db_bind(enum stmt which, ...)
{
	struct db_stmt	*s;
	va_list		 ap;

	va_start(ap, which);
	s = e->bind(which, ap);
	va_end(ap);
	return s;
}

int
db_row(struct db_stmt *s)
{
	return e->row(s);
}

int
db_exec(struct db_stmt *s)
{
	int	 rc;

	if ((rc = e->row(s)) == 1) {
		e->done(s);
		return 0;
	}
	return rc;
}

void
db_done(struct db_stmt *s)
{
	e->done(s);
}

int64_t
db_int(struct db_stmt *s, int col)
{
	return e->col_int(s, col);
}

const char *
db_text(struct db_stmt *s, int col)
{
	return e->col_text(s, col);
}

int64_t
db_last_id(void)
{
	return e->last_id();
}

int
db_changes(void)
{
	return e->changes();
}

/*
 * A request's reads: each statement on its own would take and drop the
 * engine's locks or snapshot; instead the first read opens a transaction
 * that the reads share until db_reads_end(), or until a write begins.
 * A request begins here, so a connection lost in an earlier one is made
 * again here.
 */
void
db_reads_begin(void)
{
	db_state.batching = true;
	if (e != NULL && e->ready() == 0)
		db_state.lost = false;
}

void
db_reads_end(void)
{
	db_state.batching = false;
	if (e != NULL)
		(void)e->reads_close();		/* logged */
}

bool
db_lost(void)
{
	return db_state.lost;
}

/*
 * DESIGN.md section 6: every write runs in a transaction begun as one,
 * which takes the write lock before its first read.
 */
int
db_begin_write(void)
{
	if (db_state.writing) {
		fprintf(stderr, "db: BUG: a write transaction begins inside another\n");
		return -1;
	}
	if (no_writes != NULL) {
		fprintf(stderr, "db: BUG: a write transaction begins %s\n", no_writes);
		return -1;
	}
	if (e->reads_close() == -1 || e->begin_write() == -1)
		return -1;
	db_state.writing = true;
	return 0;
}

int
db_commit(void)
{
	int	 rc;

	if (!db_state.writing) {
		fprintf(stderr, "db: BUG: commit without a write transaction\n");
		return -1;
	}
	rc = e->commit();	/* rolled back when it fails */
	db_state.writing = false;
	return rc;
}

void
db_rollback(void)
{
	db_state.writing = false;
	if (e != NULL)
		e->rollback();
}

bool
db_in_write(void)
{
	return db_state.writing;
}

void
db_forbid_writes(const char *why)
{
	no_writes = why;
}
