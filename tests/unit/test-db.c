/*
 * test-db: the database layer's guards (src/db/db.c, DESIGN.md section
 * 6).  A statement that writes runs only inside db_begin_write(); outside
 * it, or while writes are forbidden (a GET), it is refused and changes
 * nothing, while the same statement inside a write transaction does (the
 * positive control).  A statement's signature must fit its parameters.
 * Checkpoints are the checkpointer's (db_checkpoint()), not a
 * committing worker's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db/db.h"

static char	 path[64];

static int
setup(void **state)
{
	int	 fd;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/test-db-XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		return -1;
	close(fd);
	return db_open(path);
}

static int
teardown(void **state)
{
	char	 p[80];

	(void)state;
	db_close();
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	return 0;
}

static int64_t
users(void)
{
	struct db_stmt	*st = db_prep(STMT_CHECK_HEALTH);
	int64_t		 n;

	assert_int_equal(db_row(st), 1);
	n = db_int(st, 0);
	db_done(st);
	return n;
}

static int
add_user(const char *email)
{
	return db_exec(db_prep(STMT_USER_ADD, email, "Name", "hash", (int64_t)1));
}

static void
test_write_outside_refused(void **state)
{
	(void)state;
	assert_false(db_in_write());
	assert_int_equal(add_user("a@example.com"), -1);
	assert_int_equal(users(), 0);
	/* The same statement in a write transaction does write. */
	assert_int_equal(db_begin_write(), 0);
	assert_true(db_in_write());
	assert_int_equal(add_user("a@example.com"), 0);
	assert_int_equal(db_commit(), 0);
	assert_false(db_in_write());
	assert_int_equal(users(), 1);
}

static void
test_reads_batch_then_write(void **state)
{
	(void)state;
	/* A request's reads share a transaction; a write begins after them
	 * without upgrading it. */
	db_reads_begin();
	assert_int_equal(users(), 1);
	assert_int_equal(add_user("b@example.com"), -1);	/* still a read */
	assert_int_equal(db_begin_write(), 0);
	assert_int_equal(add_user("b@example.com"), 0);
	assert_int_equal(db_commit(), 0);
	db_reads_end();
}

static void
test_forbidden_in_a_get(void **state)
{
	(void)state;
	db_forbid_writes("in a GET");
	assert_int_equal(db_begin_write(), -1);
	assert_false(db_in_write());
	db_forbid_writes(NULL);
	assert_int_equal(db_begin_write(), 0);
	db_rollback();
	assert_false(db_in_write());
}

/*
 * Each statement's signature against its parameters: db_open() refuses
 * a table where one differs (setup's db_open() passing is the positive
 * control for the whole table).  The arguments of db_prep() are checked
 * by the compiler: tests/unit/db-bad-args.c must not compile.
 */
static void
test_signatures(void **state)
{
	(void)state;
	assert_int_equal(db_sig_check("T", "", 0), 0);
	assert_int_equal(db_sig_check("T", "itnb", 4), 0);
	assert_int_equal(db_sig_check("T", "ttx", 3), -1);	/* a bad letter */
	assert_int_equal(db_sig_check("T", "ii", 1), -1);	/* one too many */
	assert_int_equal(db_sig_check("T", "i", 2), -1);	/* one too few */
	assert_int_equal(db_sig_check("T", "", 1), -1);
	assert_int_equal(db_commit(), -1);	/* no transaction to commit */
}

/*
 * Issue 18: a worker leaves checkpoints to the checkpointer.  Past
 * SQLite's own threshold (1000 pages) its commits copy nothing; a pass of
 * db_checkpoint() copies everything, and past its bound makes the next
 * write start the WAL from the beginning.
 */
static void
test_checkpoints_deferred(void **state)
{
	struct db_checkpoint	 c;
	char			 email[64];
	int			 i;

	(void)state;
	db_defer_checkpoints();
	for (i = 0; i < 600; i++) {
		snprintf(email, sizeof(email), "u%d@example.com", i);
		assert_int_equal(db_begin_write(), 0);
		assert_int_equal(add_user(email), 0);
		assert_int_equal(db_commit(), 0);
	}
	/* A bound it is under: PASSIVE only, everything copied. */
	assert_int_equal(db_checkpoint(DB_WAL_MAX_PAGES, &c), 0);
	assert_true(c.wal_pages > 1000);	/* no checkpoint restarted it */
	assert_int_equal(c.copied, c.wal_pages);
	assert_false(c.restarted);
	/* A bound it is over: RESTART, and the next write starts afresh. */
	assert_int_equal(db_checkpoint(100, &c), 0);
	assert_true(c.restarted);
	assert_int_equal(db_begin_write(), 0);
	assert_int_equal(add_user("after@example.com"), 0);
	assert_int_equal(db_commit(), 0);
	assert_int_equal(db_checkpoint(DB_WAL_MAX_PAGES, &c), 0);
	assert_true(c.wal_pages < 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_outside_refused),
		cmocka_unit_test(test_reads_batch_then_write),
		cmocka_unit_test(test_forbidden_in_a_get),
		cmocka_unit_test(test_signatures),
		cmocka_unit_test(test_checkpoints_deferred),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
