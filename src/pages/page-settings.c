/*
 * page-settings: GET /settings, the signed-in user's settings, one
 * section each (time zone, sessions, email), each with its own function
 * and its own part of the template; POST /settings, which sets the time
 * zone (timezone, an IANA name of the system's tzdata) and turns each
 * kind of email on or off (email_<kind>=1|0, DESIGN.md section 3); and POST /settings/sessions/revoke, which signs
 * out every session of the user but the one making the request.
 */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "db/db.h"
#include "domain/date.h"
#include "domain/zone.h"
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
	struct db_stmt	*st;
	char		 iso[21];
	int64_t		 others = 0;
	int		 rc;

	dict_set_int(d, "IDLE_HOURS", AUTH_IDLE / 3600);
	dict_set_int(d, "LIFETIME_DAYS", AUTH_LIFETIME / 86400);
	st = db_prep(STMT_SESSION_LIST, r->uid, r->now - AUTH_IDLE,
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

/*
 * The "Email" section: every kind of notification with its switch, as
 * stored, or as the user just chose when a POST comes back (chosen[k]:
 * -1 not chosen, 0 off, 1 on).  0, or -1 on a db error.
 */
static int
settings_email(struct req *r, struct dict *d, const int chosen[NOTICE__MAX])
{
	struct dict	*e;
	bool		 on;
	int		 k;

	for (k = 0; k < NOTICE__MAX; k++) {
		if (chosen != NULL && chosen[k] >= 0)
			on = chosen[k] == 1;
		else if (notify_email_on(r->uid, (enum notice)k, &on) == -1)
			return -1;
		e = dict_add(d, "KIND");
		dict_set(e, "KEY", notice_kinds[k].key);
		dict_set(e, "LABEL", notice_kinds[k].label);
		dict_show(e, on ? "ON" : "OFF");
	}
	return 0;
}

/*
 * The "Time zone" section: every zone of the system's tzdata in a
 * select, the user's (or the one just sent back, chosen) selected, and
 * the time now in it as an example.
 */
static void
settings_zone(struct req *r, struct dict *d, const char *chosen)
{
	const char	*mine = chosen != NULL ? chosen : r->tzname;
	const char *const *names;
	struct dict	*e;
	size_t		 n, i;

	names = zone_names(&n);
	for (i = 0; i < n; i++) {
		e = dict_add(d, "ZONE_OPTION");
		dict_set(e, "ZONE_NAME", names[i]);
		if (mine != NULL && strcmp(names[i], mine) == 0)
			dict_show(e, "SELECTED");
	}
	dict_time(d, "ZONE_NOW", r->now);
}

static void
settings_page(struct req *r, int status, const int chosen[NOTICE__MAX],
    const char *error, const char *zone, const char *zone_error)
{
	struct dict	*d;

	d = page_begin(r, TPL_SETTINGS, "Settings");
	if (error != NULL)
		dict_set(dict_add(d, "EMAIL_ERROR"), "EMAIL_ERROR_TEXT", error);
	if (zone_error != NULL) {
		dict_set(dict_add(d, "ZONE_ERROR"), "ZONE_ERROR_TEXT", zone_error);
		dict_show(d, "ZONE_INVALID");
	}
	settings_zone(r, d, zone);
	if (settings_sessions(r, d) == -1 || settings_email(r, d, chosen) == -1) {
		page_fail(r);
		return;
	}
	r->resp.status = status;
	page_finish(r);
}

void
page_settings(struct req *r)
{
	settings_page(r, 200, NULL, NULL, NULL, NULL);
}

/* POST /settings: timezone, and one email_<kind> (a notice_kinds key)
 * per kind of notification, read as email_field. */
enum settings_field {
	SETTINGS_ZONE,
	SETTINGS__MAX
};

static const struct form_field settings_fields[SETTINGS__MAX] = {
	[SETTINGS_ZONE] = { .name = "timezone", .kind = FORM_TEXT,
	    .flags = FORM_VERBATIM, .label = "Time zone" },
};

static const struct form_field email_field = { .kind = FORM_CHECK,
	.phrase = {
		[FORM_INVALID] = "choose Email or No email. Nothing was changed.",
		[FORM_REPEATED] = "choose Email or No email. Nothing was changed.",
	} };

/*
 * timezone, when given, sets the user's time zone: one of zone_names().
 * Each email_<kind> field given sets that kind (1 on, 0 off); a kind not
 * given stays as it is.  Anything else in such a field is refused, the
 * form coming back with what was chosen and nothing changed.
 */
void
page_settings_post(struct req *r)
{
	struct form_value	 v[SETTINGS__MAX], e;
	int			 chosen[NOTICE__MAX], k, n = 0;
	char			 name[64];
	const char		*bad = NULL, *zone;

	(void)form_parse(&r->arena, &r->form, settings_fields, SETTINGS__MAX, v);
	zone = v[SETTINGS_ZONE].raw;
	for (k = 0; k < NOTICE__MAX; k++) {
		snprintf(name, sizeof(name), "email_%s", notice_kinds[k].key);
		chosen[k] = -1;
		if (form_parse_field(&r->arena, &r->form, &email_field, name,
		    arena_printf(&r->arena, "\u201c%s\u201d", notice_kinds[k].label),
		    &e)) {
			if (e.set) {
				chosen[k] = (int)e.num;
				n++;
			}
		} else if (bad == NULL)
			bad = e.msg;
	}
	if (zone != NULL && (v[SETTINGS_ZONE].err != FORM_OK || !zone_known(zone))) {
		settings_page(r, 400, chosen, NULL, NULL, "Time zone: choose one of "
		    "the list, like America/New_York or UTC. Nothing was changed.");
		return;
	}
	if (bad != NULL) {
		settings_page(r, 400, chosen, bad, zone, NULL);
		return;
	}
	if (n == 0 && zone == NULL) {
		settings_page(r, 400, chosen, "Choose Email or No email for at least "
		    "one kind of notification. Nothing was changed.", NULL, NULL);
		return;
	}
	if (db_begin_write() == -1)
		goto fail;
	if (zone != NULL &&
	    db_exec(db_prep(STMT_USER_ZONE_SET, r->uid, zone)) == -1)
		goto fail;
	for (k = 0; k < NOTICE__MAX; k++)
		if (chosen[k] >= 0 &&
		    notify_email_set(r->uid, (enum notice)k, chosen[k] == 1) == -1)
			goto fail;
	if (db_commit() == -1)
		goto fail;
	page_flash(r, FLASH_SETTINGS_SAVED);
	resp_redirect(r, n == 0 ? "/settings#zone-h" : "/settings#email-h");
	return;
fail:
	db_rollback();
	page_fail(r);
}

/* "/settings can sign out all the other sessions" (DESIGN.md §1). */
void
page_settings_sessions_revoke_post(struct req *r)
{
	if (db_begin_write() == -1 ||
	    db_exec(db_prep(STMT_SESSION_END_OTHERS, r->uid, r->sid)) == -1 ||
	    db_commit() == -1) {
		page_fail(r);
		return;
	}
	page_flash(r, FLASH_SESSIONS_REVOKED);
	resp_redirect(r, "/settings");
}
