/*
 * page-checklist: GET and POST /contracts/{id}/checklist and POST
 * /contracts/{id}/checklist/remind.
 *
 * DESIGN.md "Checklist": each side ticks and unticks its own items after
 * the end, each tick kept with its time; "N of M done".  The list can be
 * read before the end, to prepare, but ticked only once the contract has
 * ended (409 before): it is the after-ending checklist, and a tick made
 * while the work goes on would claim what cannot be true yet (access
 * revoked, property removed).  The client's "remind the freelancer"
 * item has a button that notifies the freelancer and ticks the item.
 */
#include <string.h>

#include "db/db.h"
#include "domain/checklist.h"
#include "domain/feedback.h"
#include "pages/pages.h"


int
checklist_done(const struct contract *c, int64_t *done)
{
	struct db_stmt	*st;

	st = db_prep(STMT_CHECKLIST_TICK_COUNT, c->id, side_names[c->side]);
	if (db_row(st) != 1)
		return -1;
	*done = db_int(st, 0);
	db_done(st);
	return 0;
}

void
page_checklist(struct req *r)
{
	const struct checklist_item	*items;
	struct contract			 c;
	struct dict			*d, *row, *s;
	struct db_stmt			*st;
	const char			*other_side;
	int64_t				 at[CHECK_CLIENT__MAX + CHECK_FREELANCER__MAX];
	const char			*by[CHECK_CLIENT__MAX + CHECK_FREELANCER__MAX];
	int64_t				 done = 0, other_done = 0, reminded;
	bool				 client;
	size_t				 i, n, other_n;
	int				 k, rc;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	client = c.side == SIDE_CLIENT;
	items = checklist_items(client, &n);
	(void)checklist_items(!client, &other_n);
	memset(at, 0, sizeof(at));
	memset(by, 0, sizeof(by));
	st = db_prep(STMT_CHECKLIST_TICKS, c.id, side_names[c.side]);
	while ((rc = db_row(st)) == 1) {
		if ((k = checklist_find(client, db_text(st, 0))) == -1)
			continue;
		at[k] = db_int(st, 1);
		by[k] = arena_strdup(&r->arena, db_text(st, 2));
		done++;
	}
	if (rc == -1)
		goto fail;
	other_side = client ? "freelancer" : "client";
	st = db_prep(STMT_CHECKLIST_TICK_COUNT, c.id, other_side);
	if (db_row(st) != 1)
		goto fail;
	other_done = db_int(st, 0);
	db_done(st);

	d = page_begin(r, TPL_CHECKLIST, arena_printf(&r->arena, "Checklist · %s", c.title));
	dict_set_int(d, "ID", c.id);
	dict_set(d, "CONTRACT_TITLE", c.title);
	dict_set(d, "ROLE", client ? "the client" : "the freelancer side");
	dict_set(d, "OTHER", client ? c.freelancer_name : c.client_name);
	dict_progress(d, "PROGRESS", done, n);
	dict_set_int(d, "DONE", done);
	dict_set_int(d, "TOTAL", (int64_t)n);
	dict_progress(d, "OTHER_PROGRESS", other_done, other_n);
	if (c.ended) {
		dict_show(d, "ENDED");
		dict_day(d, "ENDED_AT", c.ended_at);
	} else
		dict_show(d, "NOT_ENDED");
	for (i = 0; i < n; i++) {
		row = dict_add(d, "ITEM");
		dict_set(row, "KEY", items[i].key);
		dict_set(row, "LABEL", items[i].label);
		dict_set(row, "HINT", items[i].hint);
		if (at[i] != 0) {
			s = dict_add(row, "DONE_ITEM");
			dict_time(s, "DONE_AT", at[i]);
			dict_set(s, "DONE_BY", by[i]);
		} else
			dict_show(row, "OPEN_ITEM");
		if (c.ended && c.works)
			dict_show(row, at[i] != 0 ? "CAN_UNTICK" : "CAN_TICK");
		if (client && i == CHECK_CLIENT_REMIND && c.ended && at[i] == 0)
			dict_show(row, "CAN_REMIND");
	}
	/* After the end this page comes first (the end redirects here):
	 * lead on to feedback while this side's window is open. */
	if (c.ended && feedback_open(c.ended_at, r->now)) {
		st = db_prep(STMT_FEEDBACK_EXISTS, c.id, side_names[c.side]);
		if (db_row(st) != 1)
			goto fail;
		if (db_int(st, 0) == 0) {
			dict_deadline(dict_add(d, "FEEDBACK_DUE"), "CLOSES",
			    feedback_closes(c.ended_at));
		}
		db_done(st);
	}
	/* The freelancer side sees when the client asked for its property. */
	if (!client) {
		st = db_prep(STMT_NOTIFY_LAST_AT, c.freelancer_id, c.id,
		    notice_kinds[NOTICE_PROPERTY_REMINDER].kind);
		if (db_row(st) != 1)
			goto fail;
		reminded = db_int(st, 0);
		db_done(st);
		if (reminded != 0) {
			dict_time(dict_add(d, "REMINDED"), "REMINDED_AT", reminded);
		}
	}
	page_finish(r);
	return;
fail:
	page_fail(r);
}

/* POST /contracts/{id}/checklist: item, one of the side's items (which
 * side is the contract's), done=1|0. */
enum tick_field {
	TICK_ITEM,
	TICK_DONE,
	TICK__MAX
};

static const struct form_field tick_fields[TICK__MAX] = {
	[TICK_ITEM] = { .name = "item", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED | FORM_VERBATIM, .label = "Item" },
	[TICK_DONE] = { .name = "done", .kind = FORM_CHECK,
	    .flags = FORM_REQUIRED, .label = "Done" },
};

static bool
checklist_refused(struct req *r, const struct contract *c)
{
	if (c->ended)
		return false;
	page_error(r, 409, "The checklist can be ticked once the contract has "
	    "ended; until then it is there to help you prepare.");
	return true;
}

void
page_checklist_post(struct req *r)
{
	struct contract	 c;
	const struct checklist_item	*items;
	struct form_value	 v[TICK__MAX];
	const char	*item;
	bool		 client, done;
	size_t		 n;
	int		 k;

	(void)form_parse(&r->arena, &r->form, tick_fields, TICK__MAX, v);
	item = v[TICK_ITEM].text;
	done = v[TICK_DONE].num == 1;
	if (contract_load(r, r->caps[0], &c) == -1 || !contract_may_work(r, &c))
		return;
	if (checklist_refused(r, &c))
		return;
	client = c.side == SIDE_CLIENT;
	items = checklist_items(client, &n);
	if (v[TICK_ITEM].err == FORM_MISSING) {
		page_error(r, 400, "Say which checklist item (item) to tick or untick.");
		return;
	}
	if (v[TICK_ITEM].err != FORM_OK || (k = checklist_find(client, item)) == -1) {
		page_error(r, 400, arena_printf(&r->arena, "The item (item) must be "
		    "one of your checklist's items as %s; this one is not.",
		    client ? "the client" : "the freelancer side"));
		return;
	}
	if (v[TICK_DONE].err != FORM_OK) {
		page_error(r, 400, "Done (done) must be 1 to tick the item or 0 to "
		    "untick it.");
		return;
	}
	if (db_begin_write() == -1)
		goto fail;
	if (done) {
		if (db_exec(db_prep(STMT_CHECKLIST_TICK_ADD, c.id,
		    side_names[c.side], item, r->uid, r->now)) == -1)
			goto fail;
	} else if (db_exec(db_prep(STMT_CHECKLIST_TICK_DEL, c.id,
	    side_names[c.side], item)) == -1)
		goto fail;
	if (db_commit() == -1)
		goto fail;
	page_flash(r, done ? FLASH_CHECKLIST_TICKED : FLASH_CHECKLIST_UNTICKED);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/checklist#item-%s",
	    (long long)c.id, items[k].key));
	return;
fail:
	page_fail(r);
}

void
page_checklist_remind_post(struct req *r)
{
	struct contract	 c;
	const char	*key = checklist_client[CHECK_CLIENT_REMIND].key;
	struct db_stmt	*st;
	const char	*t;
	int		 rc;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	if (c.side != SIDE_CLIENT) {
		page_error(r, 403, "Only the client sends the reminder to remove "
		    "the client's property.");
		return;
	}
	if (checklist_refused(r, &c))
		return;
	if (db_begin_write() == -1)
		goto fail;
	st = db_prep(STMT_CHECKLIST_TICK_GET, c.id, "client", key);
	if ((rc = db_row(st)) == -1)
		goto fail;
	if (rc == 1) {
		t = page_time(r, db_int(st, 0));
		db_done(st);
		db_rollback();
		page_error(r, 409, arena_printf(&r->arena, "The reminder was already "
		    "sent (the item was ticked on %s). To send it again, untick the "
		    "item first.", t));
		return;
	}
	if (notify_party(c.id, PARTY_FREELANCER, NOTICE_PROPERTY_REMINDER, arena_printf(&r->arena,
	    "%s reminds you to remove their property (documents, files, software) "
	    "from your equipment: contract \u201c%s\u201d.", r->uname, c.title),
	    r->now) == -1 ||
	    db_exec(db_prep(STMT_CHECKLIST_TICK_ADD, c.id, "client", key,
	    r->uid, r->now)) == -1 ||
	    event_add(c.id, r->uid, "reminder", arena_printf(&r->arena,
	    "Reminded %s to remove the client's property", c.freelancer_name),
	    r->now) == -1)
		goto fail;
	if (db_commit() == -1)
		goto fail;
	page_flash(r, FLASH_REMINDER_SENT);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/checklist#item-%s",
	    (long long)c.id, key));
	return;
fail:
	page_fail(r);
}
