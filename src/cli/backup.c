/*
 * backup: contractsctl backup --to FILE and contractsctl check, what an
 * administrator runs against a live database: a consistent copy while
 * the workers write, and a verdict on a database (a copy before trusting
 * it, the live one after a crash).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/db.h"
#include "domain/date.h"

/* fsync path (a file, or the directory a rename happened in).  0 or -1. */
static int
sync_path(const char *path, int flags)
{
	int	 fd, rc;

	if ((fd = open(path, flags | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Copy the database at path to the file after --to: a consistent copy
 * while the workers write (db_backup_to()).  The copy is written beside
 * FILE, synced and renamed over it: FILE is the previous copy or the
 * whole new one, never half.  Returns the exit status.
 */
int
cli_backup(int argc, char *argv[], const char *path)
{
	char		*tmp = NULL, *dir = NULL;
	size_t		 len;
	const char	*to;
	int		 pages = 0, status = 1;

	if (argc != 2 || strcmp(argv[0], "--to") != 0 || *argv[1] == '\0')
		usage_fail("backup takes --to FILE");
	if (db_is_pg(path))
		usage_fail("backup copies a SQLite file; a PostgreSQL database has "
		    "pg_dump, and in make cluster its standbys");
	to = argv[1];
	len = strlen(to) + sizeof(".tmp");
	if ((tmp = malloc(len)) == NULL || (dir = strdup(to)) == NULL)
		goto out;
	snprintf(tmp, len, "%s.tmp", to);
	unlink(tmp);
	if (db_backup_to(path, tmp, &pages) == -1) {
		fprintf(stderr, "contractsctl: backup: %s not copied\n", path);
		goto out;
	}
	if (sync_path(tmp, O_RDONLY) == -1 || rename(tmp, to) == -1 ||
	    sync_path(dirname(dir), O_RDONLY | O_DIRECTORY) == -1) {
		fprintf(stderr, "contractsctl: backup: %s: %s\n", to, strerror(errno));
		goto out;
	}
	fprintf(stderr, "contractsctl: backup: %d pages copied to %s\n", pages, to);
	status = 0;
out:
	if (status != 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(dir);
	return status;
}

/* What each CHECK_KEPT_* statement compares, for the message; none has
 * parameters. */
static const struct {
	enum stmt	 stmt;
	const char	*what;
} kept[] = {
	{ STMT_CHECK_KEPT_DASHBOARD_MISSING, "dashboard_lines lacks lines its sources make" },
	{ STMT_CHECK_KEPT_DASHBOARD_EXTRA, "dashboard_lines has lines its sources do not make" },
	{ STMT_CHECK_KEPT_DASHBOARD_STALE, "dashboard_stale still lists contracts to refresh" },
	{ STMT_CHECK_KEPT_WEEKS, "diary_weeks differs from the sum of diary_entries" },
	{ STMT_CHECK_KEPT_UNREAD, "users' unread counts differ from their unread notifications" },
};

/*
 * Verify the open database: the engine's integrity check, the foreign
 * keys, each diary entry's week, and every trigger-kept table against its
 * sources.  Prints each problem on stderr and "ok" on stdout when there is
 * none.  Returns the exit status: 0 sound, 1 not.
 */
int
cli_check(int argc, char *argv[])
{
	struct db_stmt	*st;
	size_t		 i;
	int64_t		 n;
	int		 bad = 0, rc;

	(void)argv;
	if (argc != 0)
		usage_fail("check takes no options");
	st = db_prep(STMT_CHECK_INTEGRITY);
	while ((rc = db_row(st)) == 1)
		if (strcmp(db_text(st, 0), "ok") != 0) {
			fprintf(stderr, "contractsctl: check: integrity: %s\n", db_text(st, 0));
			bad = 1;
		}
	bad |= rc == -1;
	st = db_prep(STMT_CHECK_FOREIGN_KEYS);
	while ((rc = db_row(st)) == 1) {
		fprintf(stderr, "contractsctl: check: foreign key: %s row %lld refers to a "
		    "missing %s row\n", db_text(st, 0), (long long)db_int(st, 1), db_text(st, 2));
		bad = 1;
	}
	bad |= rc == -1;
	/* Each diary entry's stored week is its day's Monday (schema-9.sql). */
	st = db_prep(STMT_CHECK_DIARY_WEEKS);
	while ((rc = db_row(st)) == 1)
		if (db_int(st, 2) != week_start(db_int(st, 1))) {
			fprintf(stderr, "contractsctl: check: diary entry %lld is filed under "
			    "week %lld, not its day's\n", (long long)db_int(st, 0),
			    (long long)db_int(st, 2));
			bad = 1;
		}
	bad |= rc == -1;
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		st = db_bind(kept[i].stmt);
		if (db_row(st) != 1) {
			bad = 1;
			continue;
		}
		if ((n = db_int(st, 0)) != 0) {
			fprintf(stderr, "contractsctl: check: %s (%lld rows)\n", kept[i].what,
			    (long long)n);
			bad = 1;
		}
		db_done(st);
	}
	if (!bad)
		puts("ok");
	return bad;
}
