/*
 * page-settings: GET /settings, the signed-in user's settings, one
 * section each (sessions now; email preferences and the time zone go
 * beside it, each with its own function and its own part of the
 * template), and POST /settings/sessions/revoke, which signs out every
 * session of the user but the one making the request.
 */
#include "auth/auth.h"
#include "db/db.h"
#include "domain/week.h"
#include "pages/pages.h"

#define SESSIONS_SHOWN	50	/* the most recently seen; more is unusual */

/*
 * The "Sessions" section: the user's live sessions, the most recently
 * seen first, this one marked, and the form that ends the others.  0,
 * or -1 on a db error.
 */
static int
settings_sessions(struct req *r, struct dict *d)
{
	struct dict	*e;
	sqlite3_stmt	*st;
	char		 iso[21];
	int64_t		 others = 0;
	int		 rc;

	dict_set_int(d, "IDLE_HOURS", AUTH_IDLE / 3600);
	dict_set_int(d, "LIFETIME_DAYS", AUTH_LIFETIME / 86400);
	st = db_prep(STMT_SESSION_LIST, "iiii", r->uid, r->now - AUTH_IDLE,
	    r->now - AUTH_LIFETIME, (int64_t)SESSIONS_SHOWN);
	while ((rc = db_row(st)) == 1) {
		e = dict_add(d, "SESSION");
		dict_set(e, "AGENT", db_text(st, 3));
		dict_time(e, "STARTED", db_int(st, 1));
		date_format_when(db_int(st, 1), iso);
		dict_set(e, "STARTED_ISO", iso);
		dict_time(e, "SEEN", db_int(st, 2));
		date_format_when(db_int(st, 2), iso);
		dict_set(e, "SEEN_ISO", iso);
		if (db_int(st, 0) == r->sid)
			dict_show(e, "CURRENT");
		else
			others++;
	}
	if (rc == -1)
		return -1;
	if (others > 0)
		dict_set_int(dict_add(d, "OTHERS"), "OTHER_COUNT", others);
	else
		dict_show(d, "ALONE");
	return 0;
}

void
page_settings(struct req *r)
{
	struct dict	*d;

	d = page_begin(r, TPL_SETTINGS, "Settings");
	if (settings_sessions(r, d) == -1) {
		page_fail(r);
		return;
	}
	page_finish(r);
}

/* "/settings can sign out all the other sessions" (DESIGN.md §1). */
void
page_settings_sessions_revoke_post(struct req *r)
{
	if (db_begin_write() == -1 ||
	    db_exec(db_prep(STMT_SESSION_END_OTHERS, "ii", r->uid, r->sid)) == -1 ||
	    db_commit() == -1) {
		page_fail(r);
		return;
	}
	page_flash(r, FLASH_SESSIONS_REVOKED);
	resp_redirect(r, "/settings");
}
