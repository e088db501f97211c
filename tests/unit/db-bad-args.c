/*
 * db-bad-args: calls of db_prep() that the compiler must refuse, one per
 * BAD_CASE (make unit compiles each and fails if one compiles).  With
 * BAD_CASE=0 the same calls, correct, must compile: the control.
 */
#include <stdint.h>

#include "db/db.h"

void	 bad_args(void);

void
bad_args(void)
{
	int64_t		 id = 1;
	int		 small = 1;
	const char	*s = "x";

	(void)small;
	(void)s;
#if BAD_CASE == 0
	(void)db_prep(STMT_SESSION_DEL, id);
	(void)db_prep(STMT_USER_ZONE_SET, id, s);
	(void)db_prep(STMT_CHECK_HEALTH);
#elif BAD_CASE == 1
	(void)db_prep(STMT_SESSION_DEL, small);		/* an int for 'i' */
#elif BAD_CASE == 2
	(void)db_prep(STMT_SESSION_DEL, id, id);	/* one too many */
#elif BAD_CASE == 3
	(void)db_prep(STMT_USER_ZONE_SET, id);		/* one too few */
#elif BAD_CASE == 4
	(void)db_prep(STMT_USER_ZONE_SET, id, id);	/* a number for 't' */
#elif BAD_CASE == 5
	(void)db_prep(STMT_USER_ZONE_SET, s, s);	/* a string for 'i' */
#endif
}
