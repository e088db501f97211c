/*
 * escrow: a fixed-price contract's money held for the freelancer, kept
 * per funded milestone (released to the freelancer, returned to the
 * client, the rest still held).
 */
#include "db/db.h"
#include "service/escrow.h"

int
escrow_move(int64_t contract, int64_t cents, bool release)
{
	struct db_stmt	*st;
	int64_t		 id, left, take;

	while (cents > 0) {
		st = db_prep(STMT_ESCROW_OPEN, contract);
		if (db_row(st) != 1)
			return -1;
		id = db_int(st, 0);
		left = db_int(st, 1);
		db_done(st);
		take = left < cents ? left : cents;
		if (db_exec(release ? db_prep(STMT_ESCROW_MILESTONE_RELEASE, id, take) :
		    db_prep(STMT_ESCROW_MILESTONE_RETURN, id, take)) == -1 || db_changes() != 1)
			return -1;
		cents -= take;
	}
	return 0;
}

int64_t
escrow_balance(int64_t contract)
{
	struct db_stmt	*st = db_prep(STMT_ESCROW_SUMMARY, contract);
	int64_t		 v;

	if (db_row(st) != 1)
		return -1;
	v = db_int(st, 1);
	db_done(st);
	return v;
}
