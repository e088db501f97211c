/*
 * page-messages: a contract's one message thread between its two sides
 * and the agency's owners and admins (DESIGN.md section 2, "Messages"),
 * before and after the end.  GET /contracts/{id}/messages shows it, the
 * newest MESSAGES_SHOWN oldest first (?before= pages back), the ones the
 * reader has not read marked; POST /contracts/{id}/messages (field body)
 * adds one and tells the other side (a notification and its email); POST
 * /contracts/{id}/messages/read marks the thread read.
 *
 * A GET writes nothing, so opening the thread does not mark it read:
 * the reader's unread messages (schema-6.sql, message_unread) stay
 * counted in the header until the reader writes in the thread or
 * presses "Mark as read".
 */
#include <string.h>

#include "db/db.h"
#include "domain/date.h"
#include "pages/pages.h"

#define MESSAGE_MAX	5000	/* characters, DESIGN.md section 2 */
#define MESSAGES_SHOWN	100
#define EXCERPT_MAX	200	/* characters of a message in its notification */

/* Who wrote, as the thread names them: on an agency's contract the
 * freelancer side writes for the agency ("Olivia Owner, for Northwind"). */
static const char *
author_name(struct req *r, const struct contract *c, int64_t author, const char *name)
{
	if (c->agency_id != 0 && author != c->client_id)
		return arena_printf(&r->arena, "%s, for %s", name, c->agency_name);
	return name;
}

/*
 * The thread page with status; body and error are the form's text and
 * what is wrong with it when a POST comes back (NULL otherwise).
 */
static void
messages_page(struct req *r, const struct contract *c, int status, const char *body,
    const char *error)
{
	const char	*bs = req_query(r, "before");
	struct dict	*d, *e;
	struct db_stmt	*st;
	int64_t		 before = INT64_MAX, since = 0, unread = 0, oldest = 0;
	int		 rc, n = 0, i;
	char		 iso[21];
	struct row {
		int64_t		 id, author, at;
		const char	*name, *text;
	} *rows;

	if (bs != NULL && parse_id(bs, &before) == -1) {
		page_error(r, 400, "Before: name a message by its number.");
		return;
	}
	st = db_prep(STMT_MESSAGE_UNREAD_GET, r->uid, c->id);
	if ((rc = db_row(st)) == -1)
		goto fail;
	if (rc == 1) {
		unread = db_int(st, 0);
		since = db_int(st, 1);
		db_done(st);
	}
	/* The newest first from the database, shown oldest first. */
	rows = arena_alloc(&r->arena, (MESSAGES_SHOWN + 1) * sizeof(*rows));
	st = db_prep(STMT_MESSAGE_LIST, c->id, before == INT64_MAX ? before :
	    before - 1, (int64_t)(MESSAGES_SHOWN + 1));
	while ((rc = db_row(st)) == 1) {
		rows[n].id = db_int(st, 0);
		rows[n].author = db_int(st, 1);
		rows[n].name = arena_strdup(&r->arena, db_text(st, 2));
		rows[n].text = arena_strdup(&r->arena, db_text(st, 3));
		rows[n].at = db_int(st, 4);
		n++;
	}
	if (rc == -1)
		goto fail;
	if (n > MESSAGES_SHOWN) {
		n = MESSAGES_SHOWN;
		oldest = rows[n - 1].id;
	}

	d = page_begin(r, TPL_MESSAGES, arena_printf(&r->arena, "Messages: %s", c->title));
	dict_set_int(d, "ID", c->id);
	dict_set(d, "TITLE", c->title);
	dict_set(d, "OTHER", c->side == SIDE_CLIENT ? (c->agency_id != 0 ?
	    c->agency_name : c->freelancer_name) : c->client_name);
	dict_set_int(d, "BODY_MAX", MESSAGE_MAX);
	dict_count(d, "BODY_MAX_TEXT", MESSAGE_MAX);
	if (c->ended)
		dict_show(d, "ENDED");
	if (oldest != 0)
		dict_set_int(dict_add(d, "OLDER"), "BEFORE", oldest);
	if (before != INT64_MAX)
		dict_show(d, "NEWER");
	for (i = n - 1; i >= 0; i--) {
		e = dict_add(d, "MESSAGE");
		dict_set_int(e, "MID", rows[i].id);
		dict_set(e, "AUTHOR", author_name(r, c, rows[i].author, rows[i].name));
		dict_time(e, "AT", rows[i].at);
		date_format_when(rows[i].at, iso);
		dict_set(e, "AT_ISO", iso);
		dict_set(e, "TEXT", rows[i].text);
		if (rows[i].author == r->uid) {
			dict_show(e, "MINE");
			dict_set(e, "CLASS", "mine");
		} else if (since != 0 && rows[i].id >= since) {
			dict_show(e, "NEW");
			dict_set(e, "CLASS", "new");
		} else
			dict_set(e, "CLASS", "theirs");
	}
	dict_show(d, n > 0 ? "HAS_MESSAGES" : "NO_MESSAGES");
	if (unread > 0) {
		e = dict_add(d, "UNREAD_THREAD");
		dict_set_int(e, "UNREAD_COUNT", unread);
		dict_set(e, "UNREAD_WORD", unread == 1 ? "message" : "messages");
	}
	dict_set(d, "BODY_VALUE", body != NULL ? body : "");
	if (error != NULL) {
		e = dict_add(d, "BODY_ERROR");
		dict_set(e, "MSG", error);
		dict_show(d, "BODY_INVALID");
	}
	r->resp.status = status;
	page_finish(r);
	return;
fail:
	page_fail(r);
}

void
page_messages(struct req *r)
{
	struct contract	 c;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	messages_page(r, &c, 200, NULL, NULL);
}

/*
 * The message as its notification quotes it: its first EXCERPT_MAX
 * characters, runs of white space as one space, "…" when cut.
 */
static const char *
excerpt(struct req *r, const char *text)
{
	char		*out = arena_alloc(&r->arena, strlen(text) + 4), *o = out;
	const char	*p;
	size_t		 chars = 0;
	bool		 space = false;

	for (p = text; *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'; p++)
		continue;
	for (; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			space = true;
			continue;
		}
		if (((unsigned char)*p & 0xc0) != 0x80) {	/* a character starts */
			if (chars + (space ? 1 : 0) >= EXCERPT_MAX) {
				memcpy(o, "\u2026", 3);
				o += 3;
				break;
			}
			if (space) {
				*o++ = ' ';
				chars++;
				space = false;
			}
			chars++;
		}
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/* POST /contracts/{id}/messages: body, not blank, plain text (line
 * breaks allowed), at most MESSAGE_MAX characters. */
enum message_field {
	MESSAGE_BODY,
	MESSAGE__MAX
};

static const struct form_field message_fields[MESSAGE__MAX] = {
	[MESSAGE_BODY] = { .name = "body", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED | FORM_LINES, .max = MESSAGE_MAX,
	    .label = "Message", .phrase = {
		[FORM_MISSING] = "write something before sending.",
		[FORM_TOO_LONG] = "use at most 5,000 characters. Shorten it, "
		    "or send it in two messages.",
	    } },
};

void
page_messages_post(struct req *r)
{
	struct contract		 c;
	struct form_value	 v[MESSAGE__MAX];
	const char		*body, *text;
	int64_t			 id;

	(void)form_parse(&r->arena, &r->form, message_fields, MESSAGE__MAX, v);
	body = v[MESSAGE_BODY].text;
	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	if (v[MESSAGE_BODY].err != FORM_OK) {
		/* The typed text comes back only when it can be shown. */
		messages_page(r, &c, 400, v[MESSAGE_BODY].err == FORM_INVALID ?
		    "" : body, v[MESSAGE_BODY].msg);
		return;
	}
	text = arena_printf(&r->arena, "%s wrote on \u201c%s\u201d: \u201c%s\u201d",
	    author_name(r, &c, r->uid, r->uname), c.title, excerpt(r, body));
	if (db_begin_write() == -1 ||
	    db_exec(db_prep(STMT_MESSAGE_ADD, c.id, r->uid, body, r->now)) == -1)
		goto fail;
	id = db_last_id();
	/* Writing in the thread reads it: the author has seen what came before. */
	if (db_exec(db_prep(STMT_MESSAGE_UNREAD_CLEAR, r->uid, c.id)) == -1 ||
	    notify_party(c.id, c.side == SIDE_CLIENT ? PARTY_FREELANCER : PARTY_CLIENT,
	    NOTICE_MESSAGE, text, r->now) == -1 ||
	    db_commit() == -1)
		goto fail;
	page_flash(r, FLASH_MESSAGE_SENT);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/messages#m%lld",
	    (long long)c.id, (long long)id));
	return;
fail:
	db_rollback();
	page_fail(r);
}

void
page_messages_read_post(struct req *r)
{
	struct contract	 c;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	if (db_begin_write() == -1 ||
	    db_exec(db_prep(STMT_MESSAGE_UNREAD_CLEAR, r->uid, c.id)) == -1 ||
	    db_commit() == -1) {
		db_rollback();
		page_fail(r);
		return;
	}
	page_flash(r, FLASH_MESSAGES_READ);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/messages",
	    (long long)c.id));
}

int
messages_contract_dict(struct req *r, struct dict *d, const struct contract *c)
{
	struct db_stmt	*st = db_prep(STMT_MESSAGE_UNREAD_GET, r->uid, c->id);
	int		 rc = db_row(st);

	if (rc == -1)
		return -1;
	if (rc == 1) {
		dict_set_int(dict_add(d, "THREAD_UNREAD"), "THREAD_UNREAD_COUNT",
		    db_int(st, 0));
		db_done(st);
	}
	return 0;
}
