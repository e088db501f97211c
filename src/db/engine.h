/*
 * engine: what db.c asks of a database engine, private to src/db/.
 * db.c keeps what does not depend on the engine (the statement table,
 * the signatures, the rules of when a write may begin) and hands the
 * rest to one of two engines, chosen by db_open()'s argument: SQLite
 * (sqlite.c: a file's path) or PostgreSQL (pg.c: a postgresql:// URI).
 * Each defines its own struct db_stmt.
 */
#ifndef DB_ENGINE_H
#define DB_ENGINE_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

/* The statement table (stmts*.def), in enum stmt's order. */
struct db_table {
	const char	*name, *sig, *sql;
};
extern const struct db_table db_table[STMT__MAX];

/* Where db.c's rules stand, for the engine to read. */
struct db_state {
	bool	 batching;	/* a request's reads share one transaction */
	bool	 writing;	/* between begin_write() and the end */
	bool	 lost;		/* the connection failed: the next request
				 * reconnects, this one answers 503 */
};
extern struct db_state db_state;

struct db_engine {
	const char	*name;
	int		 (*open)(const char *where);
	void		 (*close)(void);
	/* Before each request: 0 when the connection is there, made again
	 * if it was lost; -1 when it cannot be. */
	int		 (*ready)(void);
	/* Bind the arguments by the signature; never NULL. */
	struct db_stmt	*(*bind)(enum stmt, va_list);
	int		 (*row)(struct db_stmt *);
	void		 (*done)(struct db_stmt *);
	int64_t		 (*col_int)(struct db_stmt *, int);
	const char	*(*col_text)(struct db_stmt *, int);
	int64_t		 (*last_id)(void);
	int		 (*changes)(void);
	int		 (*reads_close)(void);
	int		 (*begin_write)(void);
	int		 (*commit)(void);
	void		 (*rollback)(void);
	int		 (*migrations)(void);	/* how many this build has */
};

extern const struct db_engine db_sqlite;
extern const struct db_engine db_pg;

#endif
