/*
 * db: the one database connection of this process, its schema
 * migrations and the table of every SQL statement the app runs
 * (stmts.def and the file per concept it includes).  Statements are
 * prepared once, after fork, bound with parameters only and reset after
 * use.  Writes happen only between db_begin_write() and db_commit().
 * No engine type shows here: a statement is a struct db_stmt, whose
 * insides only db.c knows.
 */
#ifndef DB_H
#define DB_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum stmt {
#define STMT(name, sig, sql) STMT_##name,
#include "db/stmts.def"
#undef STMT
	STMT__MAX
};

struct db_stmt;

/* Opens where: a SQLite file's path (created if missing, the pragmas
 * set) or a postgresql:// URI (PostgreSQL, src/db/pg.c); migrates,
 * prepares every statement and checks that each has as many parameters
 * as letters in its signature.  Returns 0, or -1 with the reason logged. */
int		 db_open(const char *where);
void		 db_close(void);
/* Whether where names a PostgreSQL database (a postgresql:// URI). */
bool		 db_is_pg(const char *where);
/* "sqlite" or "postgresql": the engine db_open() chose. */
const char	*db_engine_name(void);
/* Whether the connection was lost during this request: nothing it did
 * can be known to be done, a commit included.  The answer is 503, never
 * a redirect; the next request connects again. */
bool		 db_lost(void);
/* This process has one connection, used by one thread: the engine's
 * own locks and memory statistics only cost.  Before db_open(); 0 or -1. */
int		 db_single_thread(void);

/*
 * db_prep(STMT_X, ...): reset statement STMT_X, clear its bindings and
 * bind the arguments by the letters of its signature (stmts*.def):
 * 'i' int64_t, 't' const char * (NULL binds NULL), 'n' int64_t where 0
 * binds NULL, 'b' a 32-byte blob.  Returns the statement, ready to step.
 * The compiler checks the number of arguments and each one's type
 * against the signature (db/binds.h, made from the .def files by
 * binds.awk).  A statement that writes, outside a write transaction, is
 * a bug: logged ("db: BUG: ..."), and the statement returned fails when
 * stepped.
 */
#define DB_ARG_i(x)	(void)sizeof(struct { _Static_assert(_Generic((x), \
	int64_t: 1, default: 0), "an 'i' or 'n' argument is not an int64_t"); int ok; })
#define DB_ARG_n(x)	DB_ARG_i(x)
#define DB_ARG_t(x)	(void)sizeof(struct { _Static_assert(_Generic((x), \
	const char *: 1, char *: 1, void *: 1, default: 0), \
	"a 't' argument is not a string"); int ok; })
#define DB_ARG_b(x)	(void)sizeof(struct { _Static_assert(_Generic((x), \
	const unsigned char *: 1, unsigned char *: 1, default: 0), \
	"a 'b' argument is not bytes"); int ok; })
#include "db/binds.h"
#define db_prep(which, ...) \
	(DB_ARGS_##which(__VA_ARGS__), db_bind(which __VA_OPT__(,) __VA_ARGS__))
/* db_prep() for a statement chosen at run time, unchecked by the
 * compiler: the caller passes what the statement's signature says. */
struct db_stmt	*db_bind(enum stmt, ...);

/* 1 a row, 0 done (and reset), -1 error (logged, reset). */
int		 db_row(struct db_stmt *);
/* Step a statement that returns no row.  0 done, -1 error. */
int		 db_exec(struct db_stmt *);
void		 db_done(struct db_stmt *);	/* reset early */

int64_t		 db_int(struct db_stmt *, int col);
const char	*db_text(struct db_stmt *, int col);	/* "" for NULL */
int64_t		 db_last_id(void);
int		 db_changes(void);

/* A request's reads share one transaction between these two. */
void		 db_reads_begin(void);
void		 db_reads_end(void);

/* BEGIN IMMEDIATE; 0 or -1.  Every write goes through these.  A reads'
 * transaction still open is ended first.  db_commit() returns 0 once
 * the commit is on disk (the WAL fsynced), -1 when it failed or could not
 * be made durable (do not acknowledge the write). */
int		 db_begin_write(void);
int		 db_commit(void);
void		 db_rollback(void);
/* Whether a write transaction is open. */
bool		 db_in_write(void);
/* From now on db_begin_write() refuses, logging "db: BUG: a write
 * transaction begins <why>"; NULL allows writes again.  The router
 * forbids them while a GET is answered (DESIGN.md section 6). */
void		 db_forbid_writes(const char *why);

/*
 * Checkpoints (issue 18).  The WAL is copied into the database file by a
 * checkpointer (contractsctl checkpoint, beside the workers), not by the
 * request whose commit crossed SQLite's threshold.  A worker calls
 * db_defer_checkpoints() after db_open(): from then on it checkpoints
 * only if the WAL reaches DB_WAL_FALLBACK_PAGES, which it does only when
 * no checkpointer runs.  The checkpointer calls db_checkpoint() often;
 * it keeps the WAL near DB_WAL_MAX_PAGES at most.
 */
#define DB_WAL_MAX_PAGES	16384	/* 64 MB of 4 KB pages */
#define DB_WAL_FALLBACK_PAGES	32768
struct db_checkpoint {
	int	 wal_pages;	/* frames in the WAL */
	int	 copied;	/* of which in the database file now */
	bool	 restarted;	/* the next write starts the WAL afresh */
	int64_t	 passive_us, restart_us;	/* how long each part took */
};
void		 db_defer_checkpoints(void);
/* A PASSIVE checkpoint, and a RESTART when the WAL holds more than
 * max_pages.  0, or -1 logged. */
int		 db_checkpoint(int max_pages, struct db_checkpoint *);

/* Times this process waited for another's lock and tried again. */
uint64_t	 db_busy_retries(void);

/* The schema version this build migrates to. */
int		 db_schema_version(void);

/*
 * Whether a signature fits a statement with nparams parameters: one
 * letter of "itnb" per parameter.  0, or -1 logged as a bug of name.
 * db_open() checks every statement with it.
 */
int		 db_sig_check(const char *name, const char *sig, int nparams);

/*
 * Copy the database at path, as one consistent snapshot taken while
 * others may write, into a new file at to (which must not exist).  Sets
 * *pages to the pages copied.  0, or -1 logged.  (contractsctl backup;
 * independent of db_open().)
 */
int		 db_backup_to(const char *path, const char *to, int *pages);

/*
 * Copy every row of the SQLite database at path into the PostgreSQL
 * database at uri, which is brought to this build's schema first and
 * must hold no user yet: the same ids, the lines and counts the
 * triggers keep copied as they are (the triggers off meanwhile), each
 * id's sequence moved past the largest.  One transaction on each side:
 * all or nothing, from one snapshot.  Prints a line per table to out.
 * 0, or -1 logged.  (contractsctl copy-to; independent of db_open().)
 */
int		 db_copy_to(const char *path, const char *uri, FILE *out);

#endif
