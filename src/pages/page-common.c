/*
 * page-common: what every page shares.  The layout (header with the
 * user's name, unread count and sign-out form), the one error page for
 * every status, flash messages, and loading a contract for one of its
 * sides: to anybody else a contract does not exist (404).
 */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "db/db.h"
#include "domain/billing.h"
#include "domain/date.h"
#include "domain/diary.h"
#include "domain/escrow.h"
#include "domain/money.h"
#include "domain/zone.h"
#include "pages/pages.h"

static const char *const flash_text[FLASH__MAX] = {
#define FLASH(name, text) text,
	FLASHES
#undef FLASH
};

struct dict *
page_begin(struct req *r, enum tpl body, const char *title)
{
	char	 token[AUTH_TOKEN_LEN + 1];

	if (r->dict != NULL)
		dict_free(r->dict);
	r->dict = dict_new();
	dict_set(r->dict, "TITLE", title);
	if (r->csrf == NULL) {	/* signed out: the login form's token */
		auth_token(token);
		r->csrf = arena_strdup(&r->arena, token);
		resp_cookie(r, "lcsrf", r->csrf, -1);
	}
	dict_set_global(r->dict, "CSRF", r->csrf);
	if (r->uid != 0) {
		dict_show(r->dict, "SIGNED_IN");
		dict_set(r->dict, "USER_NAME", r->uname);
		dict_set_int(r->dict, "USER_ID", r->uid);
		dict_set_int(r->dict, "UNREAD", r->unread);
		dict_set(r->dict, "ZONE", r->tzname != NULL && *r->tzname != '\0' ?
		    r->tzname : "UTC");
		if (r->unread > 0)
			dict_show(r->dict, "HAS_UNREAD");
		/* Unread messages link to the thread with the newest of them
		 * (schema-6.sql); there is no inbox beyond the threads. */
		if (r->unread_messages > 0 && r->unread_thread != 0) {
			struct dict *m = dict_add(r->dict, "HAS_UNREAD_MESSAGES");
			dict_set_int(m, "UNREAD_MESSAGES", r->unread_messages);
			dict_set_int(m, "UNREAD_THREAD", r->unread_thread);
		}
	} else
		dict_show(r->dict, "SIGNED_OUT");
	if (r->flash != NULL)
		dict_set(dict_add(r->dict, "FLASH"), "MESSAGE", r->flash);
	return dict_include(r->dict, "BODY", body);
}

void
page_finish(struct req *r)
{
	buf_reset(&r->resp.body);
	if (render(TPL_LAYOUT, r->dict, &r->resp.body) == -1) {
		fprintf(stderr, "render: layout failed for %s\n", r->path);
		buf_reset(&r->resp.body);
		buf_puts(&r->resp.body, "<!DOCTYPE html><title>Error</title>"
		    "<p>Something went wrong on our side.</p>");
		r->resp.status = 500;
		return;
	}
	if (r->resp.status == 0)
		r->resp.status = 200;
}

void
page_error(struct req *r, int status, const char *message)
{
	static const struct { int status; const char *title; } titles[] = {
		{ 400, "Check what you entered" },
		{ 403, "Not allowed" },
		{ 404, "Page not found" },
		{ 405, "Method not allowed" },
		{ 409, "That can't be done now" },
		{ 413, "Too much data" },
		{ 500, "Something went wrong" },
		{ 503, "Please wait a moment" },
	};
	const char	*title = "Error";
	struct dict	*d;
	size_t		 i;

	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (titles[i].status == status)
			title = titles[i].title;
	r->flash = NULL;
	d = page_begin(r, TPL_ERROR, title);
	dict_set_int(d, "STATUS", status);
	dict_set(d, "HEADING", title);
	dict_set(d, "MESSAGE", message);
	r->resp.status = status;
	r->resp.location = NULL;
	r->resp.ctype = NULL;		/* an export that failed is a page */
	r->resp.disposition = NULL;
	page_finish(r);
}

/*
 * Every 404 says the same words, whatever was missing: a contract, an
 * entry, a dispute, a profile or a route.  A stranger who can tell "not
 * yours" from "no such thing" learns which ids exist; one text, byte for
 * byte, tells them nothing.
 */
static const char not_found_text[] = "There is nothing at this address, or "
    "it is not yours to see. Check the address, or go back to your contracts.";

void
page_not_found(struct req *r)
{
	page_error(r, 404, not_found_text);
}

/*
 * A request that cannot go on.  Usually nothing was changed (the write
 * rolled back): 500.  When the database's connection was lost, even a
 * COMMIT sent may or may not have happened, and the database may be
 * changing hands (issue 17): 503, with a reload to see, never a redirect
 * that would say it was done.
 */
void
page_fail(struct req *r)
{
	bool	 lost = db_lost();

	fprintf(stderr, "fail: %s %s: aborted with %d\n",
	    r->method == METHOD_POST ? "POST" : "GET", r->path, lost ? 503 : 500);
	db_rollback();
	if (lost)
		page_error(r, 503, "We lost touch with our database for a moment, so "
		    "we cannot tell whether this was saved. Wait a few seconds, then "
		    "reload the page to see.");
	else
		page_error(r, 500, "Something went wrong on our side. Nothing was "
		    "changed; please try again in a moment.");
}

void
page_flash(struct req *r, enum flash f)
{
	resp_cookie(r, "flash", arena_printf(&r->arena, "%d", (int)f), -1);
}

bool
page_flashed(const struct req *r, enum flash f)
{
	return r->flash != NULL && r->flash == flash_text[f];
}

void
page_flash_load(struct req *r)
{
	const char	*v = req_cookie(r, "flash");
	int64_t		 f;

	if (v == NULL)
		return;
	if (parse_int(v, 0, FLASH__MAX - 1, &f) == 0)
		r->flash = flash_text[f];
	if (r->method != METHOD_POST && r->resp.status != 303)
		resp_cookie(r, "flash", "", 0);
}

int
contract_load(struct req *r, int64_t id, struct contract *c)
{
	struct db_stmt	*st;
	const char	*side, *role;
	int		 rc;

	memset(c, 0, sizeof(*c));
	st = db_prep(STMT_CONTRACT_GET, id, r->uid);
	if ((rc = db_row(st)) == -1) {
		page_fail(r);
		return -1;
	}
	side = rc == 1 ? db_text(st, 16) : "";
	if (*side == '\0') {
		db_done(st);
		page_not_found(r);
		return -1;
	}
	c->side = strcmp(side, "client") == 0 ? SIDE_CLIENT : SIDE_FREELANCER;
	c->id = db_int(st, 0);
	c->title = arena_strdup(&r->arena, db_text(st, 1));
	c->hourly = strcmp(db_text(st, 2), "hourly") == 0;
	c->rate = db_int(st, 3);
	c->weekly_limit = db_int(st, 4);
	c->status = arena_strdup(&r->arena, db_text(st, 5));
	c->ended = strcmp(c->status, "active") != 0;
	c->started_at = db_int(st, 6);
	c->ended_at = db_int(st, 7);
	c->ended_by = db_int(st, 8);
	c->end_reason = arena_strdup(&r->arena, db_text(st, 9));
	c->client_id = db_int(st, 10);
	c->client_name = arena_strdup(&r->arena, db_text(st, 11));
	c->freelancer_id = db_int(st, 12);
	c->freelancer_name = arena_strdup(&r->arena, db_text(st, 13));
	c->agency_id = db_int(st, 14);
	c->agency_name = arena_strdup(&r->arena, db_text(st, 15));
	role = db_text(st, 17);
	if (c->side == SIDE_CLIENT || c->agency_id == 0) {
		c->decides = true;
		c->works = true;
	} else {
		c->decides = strcmp(role, "owner") == 0 || strcmp(role, "admin") == 0;
		c->works = r->uid == c->freelancer_id;
	}
	db_done(st);
	return 0;
}

/* Answer 403 with why; false, for the callers' return. */
static bool
forbid(struct req *r, const char *why)
{
	page_error(r, 403, why);
	return false;
}

bool
contract_may_decide(struct req *r, const struct contract *c)
{
	return c->decides || forbid(r, arena_printf(&r->arena, "On an agency's "
	    "contract its owner and admins decide for it: ending the contract, "
	    "refunds, answers to escrow requests and disputes, and feedback. Ask "
	    "one of %s's owners or admins.", c->agency_name));
}

bool
contract_may_work(struct req *r, const struct contract *c)
{
	return c->works || forbid(r, arena_printf(&r->arena, "On an agency's "
	    "contract the freelancer of record, %s, logs the hours and ticks the "
	    "freelancer's checklist; the agency's owner and admins read them.",
	    c->freelancer_name));
}

/* Without printf: the dashboard shows one a row. */
void
dict_terms(struct dict *d, const char *key, int64_t rate, bool hourly)
{
	char	 m[MONEY_BUFSZ + 8];	/* and "/hr" or " fixed" */

	money_format(rate, m);
	strcat(m, hourly ? "/hr" : " fixed");
	dict_set(d, key, m);
}

void
dict_money(struct dict *d, const char *key, int64_t cents)
{
	char	 m[MONEY_BUFSZ];

	money_format(cents, m);
	dict_set(d, key, m);
}

void
dict_day(struct dict *d, const char *key, int64_t t)
{
	char	 s[32];

	date_format_human(t, s);
	dict_set(d, key, s);
}

/* Decimal digits of v at p; returns the end. */
static char *
put_uint(char *p, uint64_t v)
{
	char	 s[DIGITS_MAX], *q = digits_u64(s + sizeof(s), v);

	memcpy(p, q, (size_t)(s + sizeof(s) - q));
	return p + (s + sizeof(s) - q);
}

/*
 * A checklist's progress as the pages word it, "3 of 5 done"; without
 * printf, since the dashboard shows one a row.
 */
void
dict_progress(struct dict *d, const char *key, int64_t done, size_t items)
{
	char	 s[2 * DIGITS_MAX + sizeof(" of  done")], *p;

	p = put_uint(s, done < 0 ? 0 : (uint64_t)done);
	memcpy(p, " of ", 4);
	p = put_uint(p + 4, items);
	memcpy(p, " done", 6);
	dict_set(d, key, s);
}

/* Hours with their unit, as the pages show them: "1 hr", "3.5 hrs". */
void
dict_hours_abbr(struct dict *d, const char *key, int64_t minutes)
{
	char	 s[32];

	minutes_format_hours(minutes, s);
	strcat(s, " ");
	strcat(s, hours_abbr(minutes));
	dict_set(d, key, s);
}

/* A count for people to read: 5,000. */
void
dict_count(struct dict *d, const char *key, int64_t n)
{
	char	 digits[24], out[32];
	int	 len, i, o = 0;

	len = snprintf(digits, sizeof(digits), "%lld", (long long)(n < 0 ? -n : n));
	if (n < 0)
		out[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	dict_set(d, key, out);
}

/*
 * The time zone of the reader of the request being answered (NULL:
 * UTC), set by routes_dispatch() once the session is known; a worker
 * answers one request at a time.
 */
static const struct zone	*reader_zone;

void
page_zone_set(const struct req *r)
{
	reader_zone = r->uid != 0 ? zone_get(r->tzname) : NULL;
}

void
dict_time(struct dict *d, const char *key, int64_t t)
{
	char	 s[DATE_ZONED_SZ];

	date_format_time_in(t, reader_zone, s);
	dict_set(d, key, s);
}

void
dict_deadline(struct dict *d, const char *key, int64_t t)
{
	char	 s[DATE_ZONED_SZ];

	date_format_deadline(t, reader_zone, s);
	dict_set(d, key, s);
}

const char *
page_time(struct req *r, int64_t t)
{
	char	 s[DATE_ZONED_SZ];

	date_format_time_in(t, reader_zone, s);
	return arena_strdup(&r->arena, s);
}

const char *
page_deadline(struct req *r, int64_t t)
{
	char	 s[DATE_ZONED_SZ];

	date_format_deadline(t, reader_zone, s);
	return arena_strdup(&r->arena, s);
}

void
dict_hours(struct dict *d, const char *key, int64_t minutes)
{
	char	 s[24];

	minutes_format_hours(minutes, s);
	dict_set(d, key, s);
}

void
form_err(struct form_errs *e, const char *id, const char *section, const char *msg)
{
	if (msg == NULL || e->n == FORM_ERRS_MAX)
		return;
	e->e[e->n].id = id;
	e->e[e->n].section = section;
	e->e[e->n].msg = msg;
	e->n++;
}

/*
 * DESIGN.md section 3: a form with a mistake comes back as the same page,
 * the message next to its field (section e->section of form, with MSG)
 * and a summary at the top of page (the FORM_ERRORS include, which takes
 * focus), each line linking to its field.
 */
void
dict_form_errors(struct dict *page, struct dict *form, const char *heading,
    const struct form_errs *e)
{
	struct dict	*sum, *li;
	size_t		 i;

	if (e->n == 0)
		return;
	sum = dict_include(page, "FORM_ERRORS", TPL_ERRORS);
	dict_set(sum, "HEADING", heading);
	for (i = 0; i < e->n; i++) {
		li = dict_add(sum, "ERR");
		dict_set(li, "FOR", e->e[i].id);
		dict_set(li, "MSG", e->e[i].msg);
		dict_set(dict_add(form, e->e[i].section), "MSG", e->e[i].msg);
		dict_show(form, "INVALID");
	}
}

static const char *const answers[] = { "accept", "decline", NULL };

const struct form_field answer_form[ANSWER__MAX] = {
	[ANSWER_DECISION] = { .name = "decision", .kind = FORM_CHOICE,
	    .flags = FORM_REQUIRED, .choices = answers, .label = "Decision",
	    .phrase = {
		[FORM_MISSING] = "choose accept or decline.",
		[FORM_INVALID] = "choose accept or decline.",
	    } },
	[ANSWER_CONFIRM] = FORM_CONFIRM,
};

void
page_confirm(struct req *r, const struct contract *c, const struct confirm *k)
{
	struct dict	*d, *f;
	size_t		 i;

	d = page_begin(r, TPL_CONFIRM, arena_printf(&r->arena, "%s · %s",
	    k->heading, c->title));
	dict_set_int(d, "ID", c->id);
	dict_set(d, "CONTRACT_TITLE", c->title);
	dict_set(d, "HEADING", k->heading);
	dict_set(d, "QUESTION", k->question);
	for (i = 0; i < CONFIRM_FACTS_MAX && k->facts[i] != NULL; i++)
		dict_set(dict_add(d, "FACT"), "TEXT", k->facts[i]);
	dict_set(d, "ACTION", k->action);
	for (i = 0; i < CONFIRM_FIELDS_MAX && k->fields[i][0] != NULL; i++) {
		f = dict_add(d, "FIELD");
		dict_set(f, "NAME", k->fields[i][0]);
		dict_set(f, "VALUE", k->fields[i][1]);
	}
	dict_set(d, "BUTTON", k->button);
	dict_set(d, "BUTTON_CLASS", k->danger ? "danger" : "primary");
	dict_set(d, "BACK", k->back);
	dict_set(d, "BACK_LABEL", k->back_label);
	page_finish(r);
}

struct buf *
page_csv(struct req *r, const struct contract *c, const char *what)
{
	char		 slug[41];
	const char	*p;
	size_t		 n = 0;

	/* The title in lower-case ASCII letters and digits, the rest as
	 * single dashes: a file name every system takes as it is. */
	for (p = c->title; *p != '\0' && n < sizeof(slug) - 1; p++) {
		char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;

		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			slug[n++] = ch;
		else if (n > 0 && slug[n - 1] != '-')
			slug[n++] = '-';
	}
	while (n > 0 && slug[n - 1] == '-')
		n--;
	slug[n] = '\0';
	r->resp.status = 200;
	r->resp.ctype = "text/csv; charset=utf-8";
	r->resp.disposition = arena_printf(&r->arena, "attachment; "
	    "filename=\"contract-%lld%s%s-%s.csv\"", (long long)c->id, n > 0 ? "-" : "",
	    slug, what);
	buf_reset(&r->resp.body);
	return &r->resp.body;
}

int
dict_escrow(struct dict *d, int64_t contract, int64_t now)
{
	struct db_stmt	*st = db_prep(STMT_ESCROW_SUMMARY, contract);
	int64_t		 total, held, released, lapsed;

	if (db_row(st) != 1)
		return -1;
	total = db_int(st, 0);
	held = db_int(st, 1);
	released = db_int(st, 2);
	db_done(st);
	/* "Silence after 7 days counts as accepted" from that second on,
	 * before the scheduled step has moved the money. */
	st = db_prep(STMT_ESCROW_LAPSED_HELD, contract,
	    escrow_answerable_after(now));
	if (db_row(st) != 1)
		return -1;
	lapsed = db_int(st, 0);
	db_done(st);
	dict_money(d, "MILESTONES", total);
	dict_money(d, "ESCROW", held - lapsed);
	dict_money(d, "RELEASED", released);
	return 0;
}

#define PAYMENTS_MAX	500	/* as many as PAYMENTS_LIST reads */

int
contract_payments(struct req *r, const struct contract *c, struct paid_list *out)
{
	struct db_stmt	*st;
	struct paid	*p;
	int64_t		 w0 = week_start(r->now), logged, unsettled;
	char		 day[11];
	int		 rc;

	memset(out, 0, sizeof(*out));
	out->v = arena_alloc(&r->arena, PAYMENTS_MAX * sizeof(*out->v));
	st = db_prep(STMT_PAYMENT_LIST, c->id, billing_available_at(w0) - w0,
	    r->now);
	while ((rc = db_row(st)) == 1 && out->n < PAYMENTS_MAX) {
		p = &out->v[out->n];
		p->id = db_int(st, 0);
		p->week = db_int(st, 1);
		p->amount = db_int(st, 2);
		p->refunded = db_int(st, 3);
		p->paid_at = db_int(st, 4);
		p->memo = arena_strdup(&r->arena, db_text(st, 5));
		logged = db_int(st, 6);
		unsettled = db_int(st, 7);
		if (p->id == 0) {
			/* "Funds become available the Wednesday after": the
			 * invoice is paid then, unless a dispute holds it. */
			if (!c->hourly || billing_state(p->week, unsettled > 0,
			    r->now) != INVOICE_PAID)
				continue;
			/* Before the step has written the invoice's row, its
			 * figures are the diary's, as on Billing. */
			if (p->amount == -1)
				p->amount = money_for_minutes(c->rate,
				    diary_billable(logged, c->weekly_limit));
			if (p->amount <= 0)
				continue;
			date_format_day(p->week, day);
			p->key = arena_printf(&r->arena, "week-%s", day);
		} else
			p->key = arena_printf(&r->arena, "%lld", (long long)p->id);
		out->paid += p->amount;
		out->n++;
	}
	if (rc == -1)
		return -1;
	db_done(st);
	st = db_prep(STMT_PAYMENT_REFUNDED, c->id);
	if (db_row(st) != 1)
		return -1;
	out->refunded = db_int(st, 0);
	db_done(st);
	return 0;
}

int64_t
diary_week_minutes(int64_t contract, int64_t week)
{
	struct db_stmt	*st = db_prep(STMT_DIARY_WEEK_MINUTES, contract, week,
	    week + WEEK_SECS);
	int64_t		 minutes;

	if (db_row(st) != 1)
		return -1;
	minutes = db_int(st, 0);
	db_done(st);
	return minutes;
}

