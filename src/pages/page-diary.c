/*
 * page-diary: the Work Diary of an hourly contract,
 * GET /contracts/{id}/diary?week=YYYY-MM-DD (any day of the week), one
 * week at a time with totals per day and week against the weekly limit.
 * The freelancer side adds (POST .../diary), edits (POST .../diary/{entry})
 * and deletes (POST .../diary/{entry}/delete) entries of the current week,
 * and of the week just ended until Monday 11:59 UTC; the client reads.
 * Once the contract has ended the diary is locked: every change is 409.
 * A delete can be undone from the page it lands on, while the week is
 * open: the notice's Undo is an ordinary add of the deleted values.
 */
#include <stdint.h>
#include <string.h>

#include "db/db.h"
#include "domain/date.h"
#include "domain/diary.h"
#include "domain/money.h"
#include "pages/pages.h"
#include "util/csv.h"

#define MAX_MEMO	1000	/* characters */
#define UNDO_SECS	600	/* how long after a delete its Undo is offered */

static const char *const locked_msg =
    "This contract has ended: its Work Diary is locked. Hours logged before "
    "the end are billed as usual; nothing can be added, changed or deleted.";

static const char *
diary_url(struct req *r, int64_t contract, int64_t day)
{
	char	 d[11];

	date_format_day(day, d);
	return arena_printf(&r->arena, "/contracts/%lld/diary?week=%s",
	    (long long)contract, d);
}

/* The 409 for a week that can no longer change, naming when it closed. */
static void
week_closed(struct req *r, int64_t day)
{
	char	 wk[32];

	date_format_human(week_start(day), wk);
	page_error(r, 409, arena_printf(&r->arena, "The week of %s is closed: its "
	    "Work Diary could be changed until %s. Only the current week can "
	    "change, and the week just ended until Monday 11:59 UTC.", wk,
	    page_deadline(r, diary_week_until(day))));
}

/* POST /contracts/{id}/diary (an add, and an Undo) and
 * /contracts/{id}/diary/{entry} (an edit). */
enum entry_field {
	ENTRY_DATE,
	ENTRY_MINUTES,
	ENTRY_MEMO,
	ENTRY__MAX
};

static const struct form_field entry_form[ENTRY__MAX] = {
	[ENTRY_DATE] = { .name = "date", .kind = FORM_DAY,
	    .flags = FORM_REQUIRED, .label = "Date", .phrase = {
		[FORM_MISSING] = "use a date like 2026-11-23.",
		[FORM_INVALID] = "use a date like 2026-11-23.",
	    } },
	[ENTRY_MINUTES] = { .name = "minutes", .kind = FORM_INT,
	    .flags = FORM_REQUIRED, .min = 1, .max = DAY_MINUTES,
	    .label = "Minutes", .phrase = {
		[FORM_MISSING] = "enter a whole number of minutes from 1 to "
		    "1440 (24 hours).",
		[FORM_INVALID] = "enter a whole number of minutes from 1 to "
		    "1440 (24 hours).",
		[FORM_RANGE] = "enter a whole number of minutes from 1 to "
		    "1440 (24 hours).",
	    } },
	[ENTRY_MEMO] = { .name = "memo", .kind = FORM_TEXT, .max = MAX_MEMO,
	    .label = "Memo" },
};

/* What an add (entry 0) or edit form sent, and what is wrong with it. */
struct diary_form {
	int64_t			 entry;
	const char		*date, *minutes, *memo;
	int64_t			 day;	/* date's, when day_set */
	bool			 day_set;
	struct form_errs	 errs;
	bool			 shown;	/* its form is on the page */
};

/* A deleted entry's values, kept for its Undo (schema-8.sql). */
struct diary_undo {
	int64_t		 day, minutes;
	const char	*memo;
};

/* ---- GET ---- */

/* The options of a day select: the days of week w that may change now
 * on a contract that started at started, selected marked. */
static void
day_options(struct dict *d, const char *section, int64_t w, int64_t selected,
    int64_t started, int64_t now)
{
	struct dict	*o;
	char		 v[11], h[32];
	int64_t		 day;

	for (day = w; day < w + WEEK_SECS; day += DAY_SECS) {
		if (diary_check(day, started, false, now) != DIARY_OK)
			continue;
		o = dict_add(d, section);
		date_format_day(day, v);
		date_format_human(day, h);
		dict_set(o, "VALUE", v);
		dict_set(o, "LABEL", h);
		if (day == selected)
			dict_show(o, "SELECTED");
	}
}

static int
week_entries(struct req *r, struct dict *d, const struct contract *c, int64_t w,
    bool can_edit, struct diary_form *in, int64_t *logged)
{
	struct dict	*days[7], *e;
	int64_t		 totals[7] = { 0 }, day, eid, minutes;
	struct db_stmt	*st;
	char		 h[32], spoken[24];
	int		 i, rc;

	for (i = 0; i < 7; i++) {
		days[i] = dict_add(d, "DAY");
		date_format_human(w + i * DAY_SECS, h);
		dict_set(days[i], "DAY_LABEL", h);
	}
	*logged = 0;
	st = db_prep(STMT_DIARY_WEEK_ENTRIES, c->id, w, w + WEEK_SECS);
	while ((rc = db_row(st)) == 1) {
		eid = db_int(st, 0);
		day = db_int(st, 1);
		minutes = db_int(st, 2);
		i = week_day(day);
		e = dict_add(days[i], "ENTRY");
		dict_set_int(e, "EID", eid);
		dict_set_int(e, "MINUTES", minutes);
		dict_hours_abbr(e, "HOURS", minutes);
		minutes_format_hours(minutes, spoken);
		dict_set(e, "HOURS_SPOKEN", arena_printf(&r->arena, "%s %s", spoken,
		    hours_noun(minutes)));	/* for screen readers: "1 hour" */
		dict_set(e, "MEMO", db_text(st, 3));
		/* An entry dated before the start (made before that was
		 * refused) may still be deleted, not edited. */
		if (can_edit && diary_check(day, 0, false, r->now) == DIARY_OK) {
			struct dict *f = dict_add(e, "EDIT");
			int64_t sel = day;
			dict_set_int(f, "EID", eid);
			if (in != NULL && in->entry == eid) {
				/* Back with what was typed, the form open. */
				dict_set(f, "MINUTES", in->minutes);
				dict_set(f, "MEMO", in->memo);
				if (in->day_set)
					sel = in->day;
				dict_show(f, "EDIT_OPEN");
				in->shown = true;
				dict_form_errors(d, f, "The entry was not saved. Please "
				    "check:", &in->errs);
			} else {
				dict_set_int(f, "MINUTES", minutes);
				dict_set(f, "MEMO", db_text(st, 3));
			}
			day_options(f, "EDIT_DAY", w, sel, c->started_at, r->now);
		}
		totals[i] += minutes;
		*logged += minutes;
	}
	if (rc == -1)
		return -1;
	for (i = 0; i < 7; i++) {
		if (totals[i] == 0)
			dict_show(days[i], "NO_ENTRY");
		dict_hours_abbr(days[i], "DAY_HOURS", totals[i]);
	}
	return 0;
}

/* The diary's week w; in is what was typed when a form comes back with
 * mistakes (status 400), else NULL. */
static void
diary_page(struct req *r, const struct contract *c, int64_t w,
    struct diary_form *in, const struct diary_undo *undo, int status)
{
	struct dict	*d, *s;
	int64_t		 cur = week_start(r->now), logged, billable, sel;
	char		 a[32], b[32], v[11];
	bool		 can_edit, open;

	d = page_begin(r, TPL_DIARY, arena_printf(&r->arena, "Work Diary: %s", c->title));
	dict_set_int(d, "ID", c->id);
	dict_set(d, "TITLE", c->title);
	dict_terms(d, "TERMS", c->rate, c->hourly);
	if (!c->hourly) {
		dict_show(d, "FIXED");
		page_finish(r);
		return;
	}
	s = dict_add(d, "HOURLY");
	date_format_human(w, a);
	date_format_human(w + 6 * DAY_SECS, b);
	dict_set(s, "WEEK_FROM", a);
	dict_set(s, "WEEK_TO", b);
	date_format_day(w, v);
	dict_set(s, "CSV_FROM", v);
	date_format_day(w + 6 * DAY_SECS, v);
	dict_set(s, "CSV_TO", v);
	if (w > week_start(c->started_at) && w > 0) {
		date_format_day(w - WEEK_SECS, v);
		dict_set(dict_add(s, "PREV"), "PREV_WEEK", v);
	}
	if (w < cur) {
		date_format_day(w + WEEK_SECS, v);
		dict_set(dict_add(s, "NEXT"), "NEXT_WEEK", v);
		dict_show(s, "NOT_CURRENT");
	}
	/* Whether the week is open, whatever the start; a form to add needs
	 * a day of it on or after the start as well. */
	open = diary_check(w + 6 * DAY_SECS, 0, false, r->now) == DIARY_OK ||
	    diary_check(w, 0, false, r->now) == DIARY_OK;
	can_edit = c->side == SIDE_FREELANCER && c->works && !c->ended && open &&
	    day_start(c->started_at) < w + WEEK_SECS &&
	    day_start(c->started_at) <= r->now;
	if (week_entries(r, s, c, w, can_edit, in, &logged) == -1) {
		page_fail(r);
		return;
	}
	billable = diary_billable(logged, c->weekly_limit);
	dict_hours_abbr(s, "WEEK_HOURS", logged);
	dict_hours_abbr(s, "BILLABLE_HOURS", billable);
	dict_money(s, "WEEK_AMOUNT", money_for_minutes(c->rate, billable));
	if (c->weekly_limit > 0)
		dict_set_int(dict_add(s, "LIMIT"), "WEEKLY_LIMIT", c->weekly_limit);
	else
		dict_show(s, "NO_LIMIT");
	if (logged > billable)
		dict_hours_abbr(dict_add(s, "OVER"), "OVER_HOURS", logged - billable);
	if (c->ended)
		dict_set(dict_add(s, "LOCKED"), "LOCKED_MSG", locked_msg);
	else if (open) {
		struct dict *o = dict_add(s, "OPEN");
		dict_deadline(o, "OPEN_UNTIL", diary_week_until(w));
		if (c->side == SIDE_FREELANCER)
			dict_show(o, "OPEN_YOU");
		else
			dict_set(dict_add(o, "OPEN_THEM"), "FREELANCER", c->freelancer_name);
	} else if (w < cur) {
		struct dict *o = dict_add(s, "CLOSED");
		dict_deadline(o, "CLOSED_AT", diary_week_until(w));
	}
	if (can_edit) {
		struct dict *f = dict_add(s, "ADD");
		sel = day_start(r->now);
		if (in != NULL && in->entry == 0) {
			if (in->day_set)
				sel = in->day;
			dict_set(f, "MINUTES", in->minutes);
			dict_set(f, "MEMO", in->memo);
			in->shown = true;
			dict_form_errors(s, f, "The hours were not added. Please "
			    "check:", &in->errs);
		}
		day_options(f, "ADD_DAY", w, sel, c->started_at, r->now);
	}
	/* The Undo is an add, with all the add's checks when it comes:
	 * offered while the day could take it. */
	if (undo != NULL && can_edit &&
	    diary_check(undo->day, c->started_at, false, r->now) == DIARY_OK) {
		struct dict *u = dict_add(s, "UNDO");
		char h[32];
		date_format_human(undo->day, h);
		dict_set(u, "UNDO_WHAT", *undo->memo == '\0' ?
		    arena_printf(&r->arena, "%s, %lld min", h, (long long)undo->minutes) :
		    arena_printf(&r->arena, "%s, %lld min, %s", h,
		    (long long)undo->minutes, undo->memo));
		date_format_day(undo->day, v);
		dict_set(u, "UNDO_DATE", v);
		dict_set_int(u, "UNDO_MINUTES", undo->minutes);
		dict_set(u, "UNDO_MEMO", undo->memo);
	}
	/* A form the page does not offer (a day before the start, say):
	 * the summary still says what was wrong. */
	if (in != NULL && !in->shown)
		dict_form_errors(s, dict_add(s, "NO_FORM"), "Nothing was "
		    "changed. Please check:", &in->errs);
	if (c->side == SIDE_CLIENT)
		dict_show(s, "CLIENT_NOTE");
	r->resp.status = status;
	page_finish(r);
}

void
page_diary(struct req *r)
{
	struct contract		 c;
	struct diary_undo	 u, *undo = NULL;
	struct db_stmt		*st;
	const char		*q = req_query(r, "week"), *del = req_query(r, "deleted");
	int64_t			 day = r->now, id;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	if (q != NULL && *q != '\0' && date_parse_day(q, &day) == -1) {
		page_error(r, 400, "Week: use a date like 2026-11-23 (any day of "
		    "the week).");
		return;
	}
	/* Right after a delete (its one-time flash), by the one who deleted,
	 * for a few minutes; a reload or a shared link shows no Undo. */
	if (del != NULL && page_flashed(r, FLASH_DIARY_DELETED) &&
	    parse_int(del, 1, INT64_MAX, &id) == 0) {
		st = db_prep(STMT_DIARY_DELETED_GET, id, c.id, r->uid,
		    r->now - UNDO_SECS);
		switch (db_row(st)) {
		case 1:
			u.day = db_int(st, 0);
			u.minutes = db_int(st, 1);
			u.memo = arena_printf(&r->arena, "%s", db_text(st, 2));
			undo = &u;
			db_done(st);
			break;
		case 0:
			break;
		default:
			page_fail(r);
			return;
		}
	}
	diary_page(r, &c, week_start(day), NULL, undo, 200);
}

/* ---- POST ---- */

/*
 * The checks every change shares, in order: the freelancer side only
 * (403), an hourly contract (409), not ended (409).  0, or -1 when the
 * response is made.
 */
static int
may_change(struct req *r, const struct contract *c)
{
	if (c->side != SIDE_FREELANCER) {
		page_error(r, 403, "Only the freelancer side logs hours in the Work "
		    "Diary. The client reads it and can dispute billed hours.");
		return -1;
	}
	if (!contract_may_work(r, c))
		return -1;
	if (!c->hourly) {
		page_error(r, 409, "This is a fixed-price contract: it has no Work "
		    "Diary.");
		return -1;
	}
	if (c->ended) {
		page_error(r, 409, locked_msg);
		return -1;
	}
	return 0;
}

/* Whether the day date names may be logged on c now: a mistake in f for
 * a malformed day, one after today or before the contract started; 409
 * for a closed week.  0, or -1 when the response is made. */
static int
day_field(struct req *r, const struct contract *c, struct diary_form *f,
    const char *id, const struct form_value *date, int64_t *day)
{
	char	 start[32];

	if (date->err != FORM_OK) {
		form_err(&f->errs, id, "DATE_BAD", date->msg);
		return 0;
	}
	*day = date->num;
	switch (diary_check(*day, c->started_at, false, r->now)) {
	case DIARY_OK:
		return 0;
	case DIARY_FUTURE:
		form_err(&f->errs, id, "DATE_BAD", "Date: hours can't be logged "
		    "for a day after today.");
		return 0;
	case DIARY_EARLY:
		date_format_human(c->started_at, start);
		form_err(&f->errs, id, "DATE_BAD", arena_printf(&r->arena, "Date: "
		    "hours can't be logged for a day before the contract started "
		    "(%s).", start));
		return 0;
	default:
		week_closed(r, *day);
		return -1;
	}
}

/*
 * The entry's fields into f (entry: 0 for a new one): date, minutes,
 * memo, each mistake in f->errs.  0, or -1 when answered (409).
 */
static int
entry_fields(struct req *r, const struct contract *c, int64_t entry,
    struct diary_form *f, int64_t *day, int64_t *minutes)
{
	struct form_value	 v[ENTRY__MAX];
	const char		*did, *mid, *tid;

	(void)form_parse(&r->arena, &r->form, entry_form, ENTRY__MAX, v);
	memset(f, 0, sizeof(*f));
	f->entry = entry;
	f->date = v[ENTRY_DATE].raw;
	f->day = v[ENTRY_DATE].num;
	f->day_set = v[ENTRY_DATE].set;
	f->minutes = v[ENTRY_MINUTES].raw;
	f->memo = v[ENTRY_MEMO].text;
	*minutes = v[ENTRY_MINUTES].num;
	did = entry == 0 ? "add-date" : arena_printf(&r->arena, "d-%lld", (long long)entry);
	mid = entry == 0 ? "add-minutes" : arena_printf(&r->arena, "m-%lld", (long long)entry);
	tid = entry == 0 ? "add-memo" : arena_printf(&r->arena, "t-%lld", (long long)entry);
	form_err(&f->errs, mid, "MINUTES_BAD", v[ENTRY_MINUTES].msg);
	form_err(&f->errs, tid, "MEMO_BAD", v[ENTRY_MEMO].msg);
	return day_field(r, c, f, did, &v[ENTRY_DATE], day);
}

/* The week a form that came back shows: the typed day's, else fallback. */
static int64_t
form_week(const struct diary_form *f, int64_t fallback)
{
	return week_start(f->day_set ? f->day : fallback);
}

/*
 * Inside the write transaction: the contract still active (409) and the
 * day within 24 hours with minutes added, not counting entry (0: none)
 * (the form comes back, 400).  0, or -1 when answered (rolled back).
 */
static int
recheck(struct req *r, const struct contract *c, int64_t day, int64_t minutes,
    struct diary_form *f)
{
	struct db_stmt	*st;
	int64_t		 have;
	bool		 active;
	char		 h[24], d[32];

	st = db_prep(STMT_CONTRACT_STATUS, c->id);
	if (db_row(st) != 1)
		goto fail;
	active = strcmp(db_text(st, 0), "active") == 0;
	db_done(st);
	if (!active) {
		db_rollback();
		page_error(r, 409, locked_msg);
		return -1;
	}
	if (minutes == 0)
		return 0;
	st = db_prep(STMT_DIARY_DAY_MINUTES, c->id, day, f->entry);
	if (db_row(st) != 1)
		goto fail;
	have = db_int(st, 0);
	db_done(st);
	if (have + minutes > DAY_MINUTES) {
		/* "A day holds at most 24 hours across entries." */
		db_rollback();
		minutes_format_hours(have, h);
		date_format_human(day, d);
		form_err(&f->errs, f->entry == 0 ? "add-minutes" :
		    arena_printf(&r->arena, "m-%lld", (long long)f->entry),
		    "MINUTES_BAD", arena_printf(&r->arena, "Minutes: %s already "
		    "has %s %s logged, and a day holds at most 24 hours (1440 "
		    "minutes). Log at most %lld minutes more.", d, h,
		    hours_noun(have), (long long)(DAY_MINUTES - have)));
		diary_page(r, c, week_start(day), f, NULL, 400);
		return -1;
	}
	return 0;
fail:
	page_fail(r);
	return -1;
}

void
page_diary_post(struct req *r)
{
	struct contract		 c;
	struct diary_form	 f;
	int64_t			 day, minutes;

	if (contract_load(r, r->caps[0], &c) == -1 || may_change(r, &c) == -1 ||
	    entry_fields(r, &c, 0, &f, &day, &minutes) == -1)
		return;
	if (f.errs.n > 0) {
		diary_page(r, &c, form_week(&f, r->now), &f, NULL, 400);
		return;
	}
	if (db_begin_write() == -1)
		goto fail;
	if (recheck(r, &c, day, minutes, &f) == -1)
		return;
	if (db_exec(db_prep(STMT_DIARY_ADD, c.id, day, week_start(day), minutes,
	    f.memo, r->now)) == -1 || db_commit() == -1)
		goto fail;
	page_flash(r, FLASH_DIARY_ADDED);
	resp_redirect(r, diary_url(r, c.id, day));
	return;
fail:
	page_fail(r);
}

/* The entry r->caps[1] of the contract: its day.  0, or -1 when answered
 * (404 for an entry that is not the contract's). */
static int
entry_load(struct req *r, const struct contract *c, int64_t *day)
{
	struct db_stmt	*st = db_prep(STMT_DIARY_GET, r->caps[1], c->id);

	switch (db_row(st)) {
	case 1:
		*day = db_int(st, 1);
		db_done(st);
		return 0;
	case 0:
		page_not_found(r);
		return -1;
	default:
		page_fail(r);
		return -1;
	}
}

/*
 * Finish an edit or a delete of entry r->caps[1] inside the open write
 * transaction, whose statement returned rc: one row changed → commit,
 * flash and back to the entry's week (with undo, the kept values of a
 * delete, 0: none); none → 404 (deleted meanwhile).
 */
static void
entry_done(struct req *r, const struct contract *c, int64_t day, int rc,
    enum flash done, int64_t undo)
{
	if (rc == -1)
		goto fail;
	if (db_changes() != 1) {
		db_rollback();
		page_not_found(r);
		return;
	}
	if (db_commit() == -1)
		goto fail;
	page_flash(r, done);
	resp_redirect(r, undo == 0 ? diary_url(r, c->id, day) :
	    arena_printf(&r->arena, "%s&deleted=%lld", diary_url(r, c->id, day),
	    (long long)undo));
	return;
fail:
	page_fail(r);
}

void
page_diary_edit_post(struct req *r)
{
	struct contract		 c;
	struct diary_form	 f;
	int64_t			 day, old, minutes;

	if (contract_load(r, r->caps[0], &c) == -1 || may_change(r, &c) == -1 ||
	    entry_load(r, &c, &old) == -1)
		return;
	if (diary_check(old, 0, false, r->now) != DIARY_OK) {
		week_closed(r, old);
		return;
	}
	if (entry_fields(r, &c, r->caps[1], &f, &day, &minutes) == -1)
		return;
	if (f.errs.n > 0) {
		/* The entry's own week, where its form is. */
		diary_page(r, &c, week_start(old), &f, NULL, 400);
		return;
	}
	if (db_begin_write() == -1)
		goto fail;
	if (recheck(r, &c, day, minutes, &f) == -1)
		return;
	entry_done(r, &c, day, db_exec(db_prep(STMT_DIARY_UPDATE, r->caps[1], c.id,
	    day, week_start(day), minutes, f.memo, r->now)), FLASH_DIARY_SAVED, 0);
	return;
fail:
	page_fail(r);
}

void
page_diary_delete_post(struct req *r)
{
	struct contract	 c;
	struct diary_form f;
	int64_t		 day, undo;

	if (contract_load(r, r->caps[0], &c) == -1 || may_change(r, &c) == -1 ||
	    entry_load(r, &c, &day) == -1)
		return;
	if (diary_check(day, 0, false, r->now) != DIARY_OK) {
		week_closed(r, day);
		return;
	}
	memset(&f, 0, sizeof(f));
	if (db_begin_write() == -1)
		goto fail;
	if (recheck(r, &c, day, 0, &f) == -1)
		return;
	/* Keep the values for the Undo on the page that follows. */
	if (db_exec(db_prep(STMT_DIARY_DELETED_PRUNE, c.id,
	    r->now - DAY_SECS)) == -1 ||
	    db_exec(db_prep(STMT_DIARY_DELETED_KEEP, r->caps[1], c.id,
	    r->uid, r->now)) == -1)
		goto fail;
	undo = db_changes() == 1 ? db_last_id() : 0;
	entry_done(r, &c, day, db_exec(db_prep(STMT_DIARY_DELETE,
	    r->caps[1], c.id)), FLASH_DIARY_DELETED, undo);
	return;
fail:
	page_fail(r);
}

/* ---- GET /contracts/{id}/diary.csv?from=DAY&to=DAY ---- */

/*
 * The entries of days from to to, both included (DESIGN.md: "the Work
 * Diary (any range of weeks)"), one row each, oldest first.  Without
 * from, from the week the contract started; without to, through today.
 * Days are UTC days, as the diary keeps them.
 */
void
page_diary_csv(struct req *r)
{
	struct contract	 c;
	struct buf	*b;
	struct db_stmt	*st;
	const char	*fs = req_query(r, "from"), *ts = req_query(r, "to");
	int64_t		 from, to = day_start(r->now);
	char		 day[11], week[11], hours[24], a[11], z[11];
	int		 rc;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	from = week_start(c.started_at);
	if ((fs != NULL && date_parse_day(fs, &from) == -1) ||
	    (ts != NULL && date_parse_day(ts, &to) == -1)) {
		page_error(r, 400, "From, to: use dates like 2026-11-23.");
		return;
	}
	if (from > to) {
		page_error(r, 400, "From, to: the first day (from) must not come "
		    "after the last (to).");
		return;
	}
	date_format_day(from, a);
	date_format_day(to, z);
	b = page_csv(r, &c, arena_printf(&r->arena, "diary-%s-to-%s", a, z));
	buf_puts(b, "entry_id,date,week_of,minutes,hours,memo");
	csv_row_end(b);
	st = db_prep(STMT_EXPORT_DIARY, c.id, from, to);
	while ((rc = db_row(st)) == 1) {
		csv_int(b, db_int(st, 0), true);
		date_format_day(db_int(st, 1), day);
		csv_cell(b, day, false);
		date_format_day(week_start(db_int(st, 1)), week);
		csv_cell(b, week, false);
		csv_int(b, db_int(st, 2), false);
		minutes_format_hours(db_int(st, 2), hours);
		csv_cell(b, hours, false);
		csv_cell(b, db_text(st, 3), false);
		csv_row_end(b);
	}
	if (rc == -1)
		page_fail(r);
}
