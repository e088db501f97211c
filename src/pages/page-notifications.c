/*
 * page-notifications: GET /notifications, the signed-in user's
 * notifications, newest first, 50 a page, unread ones marked (the
 * header's unread count comes with the session).  POST
 * /notifications/read marks them read: the one named by the field id,
 * or all of them.
 */
#include <string.h>

#include "db/db.h"
#include "domain/date.h"
#include "pages/pages.h"

#define PAGE_SIZE	50
#define MAX_PAGE	1000	/* deeper pages are clamped here */

/* What the page at path (after /contracts/{id}) is, for a link. */
static const char *
where_text(const char *path)
{
	static const struct { const char *path, *text; } where[] = {
		{ "/payments",	"payments and refunds" },
		{ "/billing",	"billing and disputes" },
		{ "/feedback",	"feedback" },
		{ "/checklist",	"checklist" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(where) / sizeof(where[0]); i++)
		if (strcmp(path, where[i].path) == 0)
			return where[i].text;
	return "the contract";
}

void
page_notifications(struct req *r)
{
	const char	*ps = req_query(r, "page");
	struct dict	*d, *e;
	struct db_stmt	*st;
	int64_t		 page = 1, unread = 0;
	enum notice	 k;
	char		 iso[21];
	int		 rc, n = 0;

	if (ps != NULL && *ps != '\0' && parse_int(ps, 1, INT64_MAX, &page) == -1) {
		page_error(r, 400, "Page: use a whole number from 1.");
		return;
	}
	if (page > MAX_PAGE)
		page = MAX_PAGE;
	d = page_begin(r, TPL_NOTIFICATIONS, "Notifications");
	st = db_prep(STMT_NOTIFY_LIST, r->uid, (int64_t)(PAGE_SIZE + 1),
	    (page - 1) * PAGE_SIZE);
	while ((rc = db_row(st)) == 1) {
		if (++n > PAGE_SIZE) {
			db_done(st);
			break;
		}
		e = dict_add(d, "NOTE");
		dict_set_int(e, "NID", db_int(st, 0));
		/* How the kind reads, and a link to where one acts on it. */
		k = notice_by_kind(db_text(st, 3));
		if (db_int(st, 1) != 0) {
			struct dict *c = dict_add(e, "CONTRACT");
			const char *path = k < NOTICE__MAX ? notice_kinds[k].path : "";
			dict_set(c, "HREF", arena_printf(&r->arena, "/contracts/%lld%s",
			    (long long)db_int(st, 1), path));
			dict_set(c, "CTITLE", db_text(st, 2));
			dict_set(c, "WHERE", where_text(path));
		}
		dict_set(e, "KIND", k < NOTICE__MAX ? notice_kinds[k].label :
		    db_text(st, 3));
		dict_set(e, "BODY", db_text(st, 4));
		dict_time(e, "AT", db_int(st, 5));
		date_format_when(db_int(st, 5), iso);
		dict_set(e, "AT_ISO", iso);
		if (db_int(st, 6) != 0) {
			dict_show(e, "UNREAD_NOTE");
			dict_set(e, "STATE_CLASS", "unread");
			unread++;
		} else
			dict_set(e, "STATE_CLASS", "read");
	}
	if (rc == -1) {
		page_fail(r);
		return;
	}
	if (n == 0)
		dict_show(d, page > 1 ? "EMPTY_PAGE" : "EMPTY");
	else
		dict_show(d, "LIST");
	if (r->unread > 0 || unread > 0)
		dict_show(d, "MARK_ALL");
	if (page > 1 || n > PAGE_SIZE) {
		struct dict *nav = dict_add(d, "PAGING");
		dict_set_int(nav, "PAGE", page);
		if (page > 1)
			dict_set_int(dict_add(nav, "PREV"), "PREV_PAGE", page - 1);
		if (n > PAGE_SIZE)
			dict_set_int(dict_add(nav, "NEXT"), "NEXT_PAGE", page + 1);
	}
	page_finish(r);
}

/* POST /notifications/read: id, one notification; without it, all. */
enum read_field {
	READ_ID,
	READ__MAX
};

static const struct form_field read_fields[READ__MAX] = {
	[READ_ID] = { .name = "id", .kind = FORM_ID, .label = "Id", .phrase = {
		[FORM_INVALID] = "name a notification by its number, or leave "
		    "it out to mark them all read.",
	    } },
};

void
page_notifications_read_post(struct req *r)
{
	struct form_value	 v[READ__MAX];
	int64_t			 id;

	if (form_parse(&r->arena, &r->form, read_fields, READ__MAX, v) > 0) {
		page_error(r, 400, v[READ_ID].msg);
		return;
	}
	id = v[READ_ID].num;	/* 0: not given */
	if (db_begin_write() == -1)
		goto fail;
	if ((id != 0 ? db_exec(db_prep(STMT_NOTIFY_READ, r->uid, id,
	    r->now)) : db_exec(db_prep(STMT_NOTIFY_READ_ALL, r->uid,
	    r->now))) == -1 || db_commit() == -1)
		goto fail;
	page_flash(r, FLASH_NOTIFICATIONS_READ);
	resp_redirect(r, "/notifications");
	return;
fail:
	page_fail(r);
}
