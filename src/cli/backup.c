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
 * Copy the database at path to the file after --to.  SQLite's online
 * backup API copies every page in one step, inside one read transaction:
 * the copy is the database as it was when that transaction began, with
 * every write committed before it, while the workers go on writing (WAL
 * lets readers and a writer run at once).  Copied in steps instead, a
 * backup restarts whenever another connection writes, and under a steady
 * write load may never end.  The copy is written beside FILE, synced and
 * renamed over it: FILE is the previous copy or the whole new one, never
 * half.  Returns the exit status.
 */
int
cli_backup(int argc, char *argv[], const char *path)
{
	sqlite3		*src = NULL, *dst = NULL;
	sqlite3_backup	*b;
	char		*tmp = NULL, *dir = NULL;
	size_t		 len;
	const char	*to;
	int		 rc, pages = 0, status = 1;

	if (argc != 2 || strcmp(argv[0], "--to") != 0 || *argv[1] == '\0')
		usage_fail("backup takes --to FILE");
	to = argv[1];
	len = strlen(to) + sizeof(".tmp");
	if ((tmp = malloc(len)) == NULL || (dir = strdup(to)) == NULL)
		goto out;
	snprintf(tmp, len, "%s.tmp", to);
	unlink(tmp);
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK) {
		fprintf(stderr, "contractsctl: backup: %s\n",
		    sqlite3_errmsg(dst != NULL ? dst : src));
		goto out;
	}
	sqlite3_busy_timeout(src, 5000);
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		fprintf(stderr, "contractsctl: backup: %s\n", sqlite3_errmsg(dst));
		goto out;
	}
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(10);
	pages = sqlite3_backup_pagecount(b);
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		fprintf(stderr, "contractsctl: backup: %s\n", sqlite3_errmsg(dst));
		goto out;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		fprintf(stderr, "contractsctl: backup: closing the copy: %s\n", sqlite3_errmsg(dst));
		goto out;
	}
	dst = NULL;
	if (sync_path(tmp, O_RDONLY) == -1 || rename(tmp, to) == -1 ||
	    sync_path(dirname(dir), O_RDONLY | O_DIRECTORY) == -1) {
		fprintf(stderr, "contractsctl: backup: %s: %s\n", to, strerror(errno));
		goto out;
	}
	fprintf(stderr, "contractsctl: backup: %d pages copied to %s\n", pages, to);
	status = 0;
out:
	if (dst != NULL)
		sqlite3_close(dst);
	if (src != NULL)
		sqlite3_close(src);
	if (status != 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(dir);
	return status;
}

/* What each CHECK_KEPT_* statement compares, for the message. */
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
 * Verify the open database: SQLite's integrity check, the foreign keys,
 * and every trigger-kept table against its sources.  Prints each problem
 * on stderr and "ok" on stdout when there is none.  Returns the exit
 * status: 0 sound, 1 not.
 */
int
cli_check(int argc, char *argv[])
{
	sqlite3_stmt	*st;
	size_t		 i;
	int64_t		 n;
	int		 bad = 0, rc;

	(void)argv;
	if (argc != 0)
		usage_fail("check takes no options");
	st = db_prep(STMT_CHECK_INTEGRITY, "");
	while ((rc = db_row(st)) == 1)
		if (strcmp(db_text(st, 0), "ok") != 0) {
			fprintf(stderr, "contractsctl: check: integrity: %s\n", db_text(st, 0));
			bad = 1;
		}
	bad |= rc == -1;
	st = db_prep(STMT_CHECK_FOREIGN_KEYS, "");
	while ((rc = db_row(st)) == 1) {
		fprintf(stderr, "contractsctl: check: foreign key: %s row %lld refers to a "
		    "missing %s row\n", db_text(st, 0), (long long)db_int(st, 1), db_text(st, 2));
		bad = 1;
	}
	bad |= rc == -1;
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		st = db_prep(kept[i].stmt, "");
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
