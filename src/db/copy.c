/*
 * copy: a SQLite database's rows into PostgreSQL (contractsctl copy-to),
 * for a site moving from one machine to a cluster (issue 17).
 *
 * Both schemas are at this build's version, so each of PostgreSQL's
 * tables has its columns in the SQLite table of the same name.  Rows go
 * through COPY ... FROM STDIN in its text format, table by table in the
 * order the SQLite schema made them (a table's parents first).  The
 * tables the triggers keep (the dashboard's lines, the weeks' minutes,
 * the unread counts) are copied as they are, with the app's triggers
 * off for the transaction (ALTER TABLE ... DISABLE TRIGGER USER: the
 * owner may, no superuser needed; the foreign keys stay checked), so
 * nothing is computed twice; contractsctl check then compares each with
 * its source.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "db/db.h"
#include "db/engine.h"
#include "util/buf.h"

struct copy {
	sqlite3		*src;
	PGconn		*dst;
	FILE		*out;
};

static int
copy_pg(struct copy *c, const char *sql, ExecStatusType want, PGresult **res)
{
	PGresult	*r = PQexec(c->dst, sql);

	if (PQresultStatus(r) != want) {
		fprintf(stderr, "db: copy: %s: %s", sql, PQerrorMessage(c->dst));
		PQclear(r);
		return -1;
	}
	if (res != NULL)
		*res = r;
	else
		PQclear(r);
	return 0;
}

/* A value in COPY's text format: \N for NULL, bytea as \\x and hex. */
static void
copy_value(struct buf *b, sqlite3_stmt *st, int col)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*p;
	int			 i, n;

	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		buf_puts(b, "\\N");
		return;
	case SQLITE_BLOB:
		p = sqlite3_column_blob(st, col);
		n = sqlite3_column_bytes(st, col);
		buf_puts(b, "\\\\x");
		for (i = 0; i < n; i++) {
			buf_add(b, &hex[p[i] >> 4], 1);
			buf_add(b, &hex[p[i] & 15], 1);
		}
		return;
	default:
		p = sqlite3_column_text(st, col);
		n = sqlite3_column_bytes(st, col);
		for (i = 0; i < n; i++)
			switch (p[i]) {
			case '\\': buf_puts(b, "\\\\"); break;
			case '\n': buf_puts(b, "\\n"); break;
			case '\r': buf_puts(b, "\\r"); break;
			case '\t': buf_puts(b, "\\t"); break;
			default: buf_add(b, (const char *)&p[i], 1); break;
			}
	}
}

/* One table: its PostgreSQL columns read from SQLite, sent by COPY. */
static int
copy_table(struct copy *c, const char *table)
{
	struct buf	 cols, sql, row;
	PGresult	*res;
	sqlite3_stmt	*st = NULL;
	char		 q[256];
	const char	*err;
	long long	 n = 0;
	int		 i, ncols, rc, status = -1;

	memset(&cols, 0, sizeof(cols));
	memset(&sql, 0, sizeof(sql));
	memset(&row, 0, sizeof(row));
	snprintf(q, sizeof(q), "SELECT column_name FROM information_schema.columns "
	    "WHERE table_schema = 'public' AND table_name = '%s' ORDER BY ordinal_position",
	    table);
	if (copy_pg(c, q, PGRES_TUPLES_OK, &res) == -1)
		return -1;
	ncols = PQntuples(res);
	for (i = 0; i < ncols; i++) {
		buf_puts(&cols, i > 0 ? ", " : "");
		buf_puts(&cols, PQgetvalue(res, i, 0));
	}
	PQclear(res);
	buf_add(&cols, "", 1);
	buf_puts(&sql, "SELECT ");
	buf_puts(&sql, cols.p);
	buf_puts(&sql, " FROM ");
	buf_puts(&sql, table);
	buf_add(&sql, "", 1);
	if (sqlite3_prepare_v2(c->src, sql.p, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "db: copy: %s: %s\n", table, sqlite3_errmsg(c->src));
		goto out;
	}
	buf_reset(&sql);
	buf_puts(&sql, "COPY ");
	buf_puts(&sql, table);
	buf_puts(&sql, " (");
	buf_puts(&sql, cols.p);
	buf_puts(&sql, ") FROM STDIN");
	buf_add(&sql, "", 1);
	if (copy_pg(c, sql.p, PGRES_COPY_IN, NULL) == -1)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_reset(&row);
		for (i = 0; i < ncols; i++) {
			if (i > 0)
				buf_add(&row, "\t", 1);
			copy_value(&row, st, i);
		}
		buf_add(&row, "\n", 1);
		if (PQputCopyData(c->dst, row.p, (int)row.len) != 1)
			break;
		n++;
	}
	err = rc == SQLITE_DONE ? NULL : sqlite3_errmsg(c->src);
	if (PQputCopyEnd(c->dst, err) != 1) {
		fprintf(stderr, "db: copy: %s: %s", table, PQerrorMessage(c->dst));
		goto out;
	}
	res = PQgetResult(c->dst);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "db: copy: %s: %s", table, PQresultErrorMessage(res));
		PQclear(res);
		goto out;
	}
	PQclear(res);
	while ((res = PQgetResult(c->dst)) != NULL)
		PQclear(res);
	if (err != NULL)
		goto out;
	fprintf(c->out, "%s\t%lld rows\n", table, n);
	status = 0;
out:
	(void)sqlite3_finalize(st);
	buf_free(&cols);
	buf_free(&sql);
	buf_free(&row);
	return status;
}

/* Each identity column's sequence, moved past the ids copied. */
static int
copy_sequences(struct copy *c)
{
	PGresult	*res;
	char		 q[512];
	int		 i, status = 0;

	if (copy_pg(c, "SELECT table_name, column_name FROM information_schema.columns "
	    "WHERE table_schema = 'public' AND is_identity = 'YES'", PGRES_TUPLES_OK, &res) == -1)
		return -1;
	for (i = 0; i < PQntuples(res) && status == 0; i++) {
		snprintf(q, sizeof(q), "SELECT setval(pg_get_serial_sequence('%s', '%s'), "
		    "max(%s)) FROM %s HAVING max(%s) IS NOT NULL", PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1), PQgetvalue(res, i, 1), PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1));
		status = copy_pg(c, q, PGRES_TUPLES_OK, NULL);
	}
	PQclear(res);
	return status;
}

/* The rows the schema itself made (tick_stats' one row) go: the copy
 * brings the source's. */
static int
copy_truncate(struct copy *c, PGresult *tables)
{
	struct buf	 q;
	int		 i, rc;

	memset(&q, 0, sizeof(q));
	buf_puts(&q, "TRUNCATE ");
	for (i = 0; i < PQntuples(tables); i++) {
		buf_puts(&q, i > 0 ? ", " : "");
		buf_puts(&q, PQgetvalue(tables, i, 0));
	}
	buf_add(&q, "", 1);
	rc = copy_pg(c, q.p, PGRES_COMMAND_OK, NULL);
	buf_free(&q);
	return rc;
}

/* The app's triggers off (on: false) or on again, on every table. */
static int
copy_triggers(struct copy *c, PGresult *tables, bool on)
{
	char	 q[256];
	int	 i;

	for (i = 0; i < PQntuples(tables); i++) {
		snprintf(q, sizeof(q), "ALTER TABLE %s %s TRIGGER USER",
		    PQgetvalue(tables, i, 0), on ? "ENABLE" : "DISABLE");
		if (copy_pg(c, q, PGRES_COMMAND_OK, NULL) == -1)
			return -1;
	}
	return 0;
}

int
db_copy_to(const char *path, const char *uri, FILE *out)
{
	struct copy	 c = { .out = out };
	PGresult	*tables = NULL, *res;
	sqlite3_stmt	*st = NULL;
	int		 i, status = -1;

	if (!db_is_pg(uri)) {
		fprintf(stderr, "db: copy: %s is not a postgresql:// URI\n", uri);
		return -1;
	}
	/* The destination's schema, made as any worker would make it. */
	if (db_pg.open(uri) == -1)
		return -1;
	db_pg.close();
	if (sqlite3_open_v2(path, &c.src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(c.src, 5000) != SQLITE_OK ||
	    sqlite3_exec(c.src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "db: copy: %s: %s\n", path, sqlite3_errmsg(c.src));
		goto out;
	}
	c.dst = PQconnectdb(uri);
	if (PQstatus(c.dst) != CONNECTION_OK) {
		fprintf(stderr, "db: copy: %s", PQerrorMessage(c.dst));
		goto out;
	}
	if (copy_pg(&c, "BEGIN; SELECT pg_advisory_xact_lock(4201701)", PGRES_TUPLES_OK, NULL) == -1 ||
	    copy_pg(&c, "SELECT count(*) FROM users", PGRES_TUPLES_OK, &res) == -1)
		goto out;
	if (strcmp(PQgetvalue(res, 0, 0), "0") != 0) {
		fprintf(stderr, "db: copy: the PostgreSQL database has users already; "
		    "copy into an empty one\n");
		PQclear(res);
		goto out;
	}
	PQclear(res);
	/* PostgreSQL's tables, in the order SQLite made them: parents first. */
	if (copy_pg(&c, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
	    "AND tablename <> 'schema_version'", PGRES_TUPLES_OK, &tables) == -1 ||
	    copy_truncate(&c, tables) == -1 || copy_triggers(&c, tables, false) == -1)
		goto out;
	if (sqlite3_prepare_v2(c.src, "SELECT name FROM sqlite_schema WHERE type = 'table' "
	    "ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < PQntuples(tables); i++)
			if (strcmp(PQgetvalue(tables, i, 0),
			    (const char *)sqlite3_column_text(st, 0)) == 0)
				break;
		if (i == PQntuples(tables))
			continue;	/* SQLite's own (sqlite_sequence) */
		if (copy_table(&c, PQgetvalue(tables, i, 0)) == -1)
			goto out;
	}
	if (copy_sequences(&c) == -1 || copy_triggers(&c, tables, true) == -1 ||
	    copy_pg(&c, "COMMIT", PGRES_COMMAND_OK, NULL) == -1)
		goto out;
	status = 0;
out:
	(void)sqlite3_finalize(st);
	PQclear(tables);
	PQfinish(c.dst);
	if (c.src != NULL)
		(void)sqlite3_close(c.src);
	return status;
}
