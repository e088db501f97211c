/*
 * db: the one SQLite connection of this process, its schema migrations
 * and the table of every SQL statement the app runs.  Statements are
 * prepared once, after fork, bound with parameters only and reset after
 * use.  Writes happen only between db_begin_write() and db_commit().
 */
#ifndef DB_H
#define DB_H
#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>

enum stmt {
#define STMT(name, sql) STMT_##name,
#include "db/stmts.def"
#undef STMT
	STMT__MAX
};

/* Opens path (creating it), sets the pragmas, migrates, prepares every
 * statement.  Returns 0, or -1 with the reason logged. */
int		 db_open(const char *path);
void		 db_close(void);

/*
 * Reset st, clear its bindings, bind the arguments by fmt, one letter
 * each: 'i' int64_t, 't' const char * (NULL binds NULL), 'n' int64_t
 * where 0 binds NULL, 'b' a 32-byte blob.  Returns the statement, ready
 * to step.  A statement that writes, outside a write transaction, or a
 * bad letter is a bug: logged ("db: BUG: ..."), and the statement
 * returned fails when stepped.
 */
sqlite3_stmt	*db_prep(enum stmt, const char *fmt, ...);
/* 1 a row, 0 done (and reset), -1 error (logged, reset). */
int		 db_row(sqlite3_stmt *);
/* Step a statement that returns no row.  0 done, -1 error. */
int		 db_exec(sqlite3_stmt *);
void		 db_done(sqlite3_stmt *);	/* reset early */

int64_t		 db_int(sqlite3_stmt *, int col);
const char	*db_text(sqlite3_stmt *, int col);	/* "" for NULL */
int64_t		 db_last_id(void);
int		 db_changes(void);

/*
 * The state of the data as this connection sees it: commits by other
 * connections (PRAGMA data_version) and rows changed by this one.  Equal
 * states mean equal data.  0, or -1.
 */
int		 db_state(int64_t out[2]);

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

#endif
