/*
 * page-feedback: GET and POST /contracts/{id}/feedback and POST
 * /contracts/{id}/feedback/response, plus the "after the end" block of
 * the contract page.
 *
 * Double-blind (DESIGN.md "Feedback"): a side's public feedback is shown
 * to the other side only when feedback_visible() says so; until then
 * they learn only that it was left.  The private part is read only for
 * the viewer's own side (STMT_FEEDBACK_PRIVATE) and shown only to
 * that side.
 */
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "domain/checklist.h"
#include "domain/date.h"
#include "domain/feedback.h"
#include "pages/pages.h"

/* One side's public feedback on a contract. */
struct fb {
	bool		 left;
	bool		 by_client;
	int64_t		 author_id;
	int64_t		 stars[FEEDBACK_CAT__MAX];	/* 0: not rated */
	int64_t		 overall;			/* hundredths */
	const char	*comment;
	int64_t		 created_at;
	bool		 responded;
	const char	*response;
	int64_t		 response_at;
	const char	*author;
};

/* Both sides' feedback as one viewer sees the contract. */
struct fb_pair {
	struct fb	 mine, other;
	bool		 other_visible;	/* feedback_visible(), the only judge */
	int64_t		 closes;	/* the window's close, 0 before the end */
};

/*
 * POST /contracts/{id}/feedback: a rating per category the side rates,
 * named by feedback_categories[].field and read as rating_field;
 * comment and private_reason; private_score, read as score_field (its
 * label names the other side).  POST .../feedback/response: response.
 */
enum fb_field {
	FB_COMMENT,
	FB_REASON,
	FB__MAX
};

static const struct form_field fb_fields[FB__MAX] = {
	[FB_COMMENT] = { .name = "comment", .kind = FORM_TEXT,
	    .flags = FORM_LINES, .max = FEEDBACK_COMMENT_MAX,
	    .label = "public comment" },
	[FB_REASON] = { .name = "private_reason", .kind = FORM_TEXT,
	    .flags = FORM_LINES, .max = FEEDBACK_REASON_MAX,
	    .label = "private reason" },
};

static const struct form_field rating_field = { .kind = FORM_INT,
	.flags = FORM_REQUIRED, .min = 1, .max = 5, .phrase = {
		[FORM_MISSING] = "choose 1 to 5 stars.",
		[FORM_INVALID] = "the rating must be a whole number of stars "
		    "from 1 to 5.",
		[FORM_RANGE] = "the rating must be a whole number of stars "
		    "from 1 to 5.",
	} };

static const struct form_field score_field = { .name = "private_score",
	.kind = FORM_INT, .flags = FORM_REQUIRED, .min = 0, .max = 10,
	.phrase = {
		[FORM_MISSING] = "choose a score from 0 to 10.",
		[FORM_INVALID] = "the score must be a whole number from 0 to 10.",
		[FORM_RANGE] = "the score must be a whole number from 0 to 10.",
	} };

static const struct form_field response_field = { .name = "response",
	.kind = FORM_TEXT, .flags = FORM_REQUIRED | FORM_LINES,
	.max = FEEDBACK_RESPONSE_MAX, .label = "response" };

/* What a re-rendered form shows: the values typed and what is wrong. */
struct fb_form {
	int64_t		 stars[FEEDBACK_CAT__MAX];	/* 0: none chosen */
	const char	*err[FEEDBACK_CAT__MAX];
	const char	*comment, *comment_err;
	const char	*reason, *reason_err;
	int64_t		 score;				/* -1: none chosen */
	const char	*score_err;
	const char	*response, *response_err;
	const char	*other_err;	/* fields that do not belong */
};

/* Fill p for viewer c; 0, or -1 on a database error. */
static int
fb_load(struct req *r, const struct contract *c, struct fb_pair *p)
{
	struct db_stmt	*st;
	struct fb	*f;
	bool		 client;
	int		 i, rc;

	memset(p, 0, sizeof(*p));
	p->mine.comment = p->other.comment = "";
	p->mine.response = p->other.response = "";
	st = db_prep(STMT_FEEDBACK_PUBLIC, c->id);
	while ((rc = db_row(st)) == 1) {
		client = strcmp(db_text(st, 0), "client") == 0;
		f = client == (c->side == SIDE_CLIENT) ? &p->mine : &p->other;
		f->left = true;
		f->by_client = client;
		f->author_id = db_int(st, 1);
		for (i = 0; i < FEEDBACK_CAT__MAX; i++)
			f->stars[i] = db_int(st, 2 + i);
		f->overall = db_int(st, 9);
		f->comment = arena_strdup(&r->arena, db_text(st, 10));
		f->created_at = db_int(st, 11);
		f->responded = db_int(st, 12) != 0;
		f->response = arena_strdup(&r->arena, db_text(st, 13));
		f->response_at = db_int(st, 14);
		f->author = arena_strdup(&r->arena, db_text(st, 15));
	}
	if (rc == -1)
		return -1;
	if (c->ended) {
		p->closes = feedback_closes(c->ended_at);
		p->other_visible = feedback_visible(p->other.left, p->mine.left,
		    c->ended_at, r->now);
	}
	return 0;
}

static const char *
other_name(const struct contract *c)
{
	return c->side == SIDE_CLIENT ? c->freelancer_name : c->client_name;
}

/* The user who stands for side client (true) or freelancer of c. */
static int64_t
side_uid(const struct contract *c, bool client)
{
	return client ? c->client_id : c->freelancer_id;
}

/* "★★★★☆" for n of 5 (n clamped to 0..5); out holds 16 bytes. */
static void
stars_text(int64_t n, char out[16])
{
	size_t	 o = 0;
	int64_t	 i;

	for (i = 1; i <= 5; i++) {
		memcpy(out + o, i <= n ? "\xe2\x98\x85" : "\xe2\x98\x86", 3);
		o += 3;
	}
	out[o] = '\0';
}

void
feedback_stars_dict(struct dict *d, const int64_t *stars,
    int64_t overall, bool by_client)
{
	const enum feedback_cat	*cats;
	struct dict		*row;
	char			 s[16], score[8];
	size_t			 i, n;

	feedback_score_format(overall, score);
	dict_set(d, "OVERALL", score);
	stars_text((overall + 50) / 100, s);
	dict_set(d, "OVERALL_STARS", s);
	cats = feedback_side_categories(by_client, &n);
	for (i = 0; i < n; i++) {
		if (stars[cats[i]] == 0)
			continue;
		row = dict_add(d, "CAT");
		dict_set(row, "LABEL", feedback_categories[cats[i]].label);
		dict_set_int(row, "N", stars[cats[i]]);
		stars_text(stars[cats[i]], s);
		dict_set(row, "STARS", s);
	}
}

/* The public part of f into section name of d; returns the section. */
static struct dict *
fb_show(struct dict *d, const char *name, const struct fb *f)
{
	struct dict	*s = dict_add(d, name);

	feedback_stars_dict(s, f->stars, f->overall, f->by_client);
	dict_day(s, "LEFT_ON", f->created_at);
	dict_set(s, "AUTHOR", f->author);
	if (*f->comment != '\0')
		dict_set(dict_add(s, "COMMENT"), "TEXT", f->comment);
	else
		dict_show(s, "NO_COMMENT");
	if (f->responded) {
		struct dict *rs = dict_add(s, "RESPONSE");
		dict_set(rs, "RESPONSE_TEXT", f->response);
		dict_day(rs, "RESPONSE_ON", f->response_at);
	}
	return s;
}

/* The form for this side's feedback, with what was typed and errors. */
static void
fb_form_dict(struct dict *d, const struct contract *c, const struct fb_form *in)
{
	const enum feedback_cat	*cats;
	const struct feedback_category *cat;
	struct dict		*f, *row, *star;
	size_t			 i, n;
	int64_t			 k, v;
	bool			 client = c->side == SIDE_CLIENT;

	f = dict_add(d, "FORM");
	if (in != NULL) {
		struct dict *e = NULL;
#define ERR(msg, anchor) do {					\
		if ((msg) != NULL) {					\
			struct dict *li;				\
			if (e == NULL)					\
				e = dict_add(f, "ERRORS");		\
			li = dict_add(e, "ERR");			\
			dict_set(li, "MSG", (msg));			\
			dict_set(li, "FOR", (anchor));			\
		}							\
	} while (0)
		ERR(in->other_err, "fb-form");
		cats = feedback_side_categories(client, &n);
		for (i = 0; i < n; i++)
			ERR(in->err[cats[i]], feedback_categories[cats[i]].field);
		ERR(in->comment_err, "comment");
		ERR(in->reason_err, "private_reason");
		ERR(in->score_err, "private_score");
#undef ERR
	}
	cats = feedback_side_categories(client, &n);
	for (i = 0; i < n; i++) {
		cat = &feedback_categories[cats[i]];
		row = dict_add(f, "CAT");
		dict_set(row, "FIELD", cat->field);
		dict_set(row, "LABEL", cat->label);
		dict_set(row, "HINT", cat->hint);
		v = in != NULL ? in->stars[cats[i]] : 0;
		if (in != NULL && in->err[cats[i]] != NULL)
			dict_set(dict_add(row, "BAD"), "MSG", in->err[cats[i]]);
		for (k = 1; k <= 5; k++) {
			star = dict_add(row, "STAR");
			dict_set_int(star, "N", k);
			dict_set(star, "WORD", k == 1 ? "star" : "stars");
			if (k == v)
				dict_show(star, "CHECKED");
			if (k == 1)
				dict_show(star, "FIRST");
			if (in != NULL && in->err[cats[i]] != NULL)
				dict_show(star, "BAD");
		}
	}
	dict_set(f, "COMMENT", in != NULL ? in->comment : "");
	if (in != NULL && in->comment_err != NULL)
		dict_set(dict_add(f, "COMMENT_BAD"), "MSG", in->comment_err);
	dict_set(f, "REASON", in != NULL ? in->reason : "");
	if (in != NULL && in->reason_err != NULL)
		dict_set(dict_add(f, "REASON_BAD"), "MSG", in->reason_err);
	v = in != NULL ? in->score : -1;
	if (v == -1)
		dict_show(f, "SCORE_NONE");
	for (k = 0; k <= 10; k++) {
		row = dict_add(f, "SCORE");
		dict_set_int(row, "N", k);
		if (k == v)
			dict_show(row, "SELECTED");
	}
	if (in != NULL && in->score_err != NULL)
		dict_set(dict_add(f, "SCORE_BAD"), "MSG", in->score_err);
	dict_set_int(f, "COMMENT_MAX", FEEDBACK_COMMENT_MAX);
	dict_count(f, "COMMENT_MAX_TEXT", FEEDBACK_COMMENT_MAX);
	dict_set_int(f, "REASON_MAX", FEEDBACK_REASON_MAX);
}

/* The feedback page; in is what was typed when re-rendering with
 * errors (status 400), else NULL. */
static void
fb_page(struct req *r, const struct contract *c, const struct fb_form *in, int status)
{
	struct fb_pair	 p;
	struct dict	*d, *s;
	struct db_stmt	*st;
	int64_t		 revealed;
	int		 rc;

	if (fb_load(r, c, &p) == -1)
		goto fail;
	d = page_begin(r, TPL_FEEDBACK, arena_printf(&r->arena, "Feedback · %s", c->title));
	dict_set_int(d, "ID", c->id);
	dict_set(d, "CONTRACT_TITLE", c->title);
	dict_set(d, "OTHER", other_name(c));
	dict_set(d, "OTHER_ROLE", c->side == SIDE_CLIENT ? "freelancer" : "client");
	dict_set(d, "YOURS", c->decides ? "Your" : "Your side's");
	if (c->ended) {
		dict_deadline(d, "CLOSES", p.closes);
	}
	if (!c->ended)
		dict_show(d, "NOT_ENDED");
	else if (feedback_open(c->ended_at, r->now))
		dict_show(d, "WINDOW_OPEN");
	else
		dict_show(d, "WINDOW_CLOSED");

	/* Yours: what you left (with its private part, for you alone), the
	 * form while you may still leave it, or why you cannot. */
	if (p.mine.left) {
		s = fb_show(d, "MINE", &p.mine);
		/* On an agency's contract another member may have left it:
		 * say who, and that the private part is the side's. */
		if (p.mine.author_id != r->uid)
			dict_set(dict_add(s, "BY_OTHER"), "FOR", c->agency_name);
		else
			dict_show(s, "BY_YOU");
		st = db_prep(STMT_FEEDBACK_PRIVATE, c->id,
		    side_names[c->side]);
		if ((rc = db_row(st)) == -1)
			goto fail;
		if (rc == 1) {
			struct dict *pv = dict_add(s, "PRIVATE");
			if (*db_text(st, 0) != '\0')
				dict_set(dict_add(pv, "REASON"), "REASON_TEXT", db_text(st, 0));
			dict_set_int(pv, "SCORE", db_int(st, 1));
			db_done(st);
		}
		if (!p.other.left && feedback_open(c->ended_at, r->now))
			dict_show(s, "WAITING");
	} else if (!c->decides)
		dict_set(dict_add(d, "MINE_AGENCY"), "AGENCY", c->agency_name);
	else if (c->ended && feedback_open(c->ended_at, r->now))
		fb_form_dict(d, c, in);
	else if (c->ended)
		dict_show(d, "MINE_MISSED");
	else
		dict_show(d, "MINE_LATER");

	/* Theirs: shown only when feedback_visible() says so. */
	if (p.other.left && p.other_visible) {
		s = fb_show(d, "THEIRS", &p.other);
		revealed = feedback_revealed_at(p.other.created_at,
		    p.mine.left ? p.mine.created_at : 0, c->ended_at);
		if (!p.other.responded && feedback_response_open(revealed, r->now)) {
			struct dict *rf = dict_add(s, "RESPOND");
			dict_deadline(rf, "RESPOND_UNTIL", feedback_response_closes(revealed));
			dict_set(rf, "RESPONSE_VALUE", in != NULL ? in->response : "");
			dict_set_int(rf, "RESPONSE_MAX", FEEDBACK_RESPONSE_MAX);
			dict_count(rf, "RESPONSE_MAX_TEXT", FEEDBACK_RESPONSE_MAX);
			if (in != NULL && in->response_err != NULL) {
				dict_set(dict_add(rf, "RESPONSE_BAD"), "MSG",
				    in->response_err);
				dict_show(rf, "RESPONSE_INVALID");
			}
		}
	} else if (p.other.left)
		dict_show(d, "THEIRS_HIDDEN");
	else if (c->ended && feedback_open(c->ended_at, r->now))
		dict_show(d, "THEIRS_PENDING");
	else
		dict_show(d, "THEIRS_NONE");
	r->resp.status = status;
	page_finish(r);
	return;
fail:
	page_fail(r);
}

void
page_feedback(struct req *r)
{
	struct contract	 c;

	if (contract_load(r, r->caps[0], &c) == -1)
		return;
	fb_page(r, &c, NULL, 200);
}

/*
 * What to tell about text v of field f, in this page's words (the field
 * named in a sentence, the length typed): NULL when it is fine.
 */
static const char *
fb_text_msg(struct req *r, const struct form_field *f, const struct form_value *v)
{
	switch (v->err) {
	case FORM_OK:
		return NULL;
	case FORM_INVALID:
		return arena_printf(&r->arena, "The %s contains characters that "
		    "cannot be stored (control characters).", f->label);
	case FORM_TOO_LONG:
		return arena_printf(&r->arena, "The %s is %zu characters long; "
		    "the limit is %lld.", f->label, v->len, (long long)f->max);
	default:
		return v->msg;
	}
}

/* 409 messages for the states in which feedback cannot be left. */
static bool
fb_refused(struct req *r, const struct contract *c, bool mine_left, int64_t mine_at)
{
	char	 day[32];

	if (!c->ended) {
		page_error(r, 409, "Feedback opens when the contract ends; this "
		    "contract is still active.");
		return true;
	}
	if (mine_left) {
		date_format_human(mine_at, day);
		page_error(r, 409, arena_printf(&r->arena, "You already left "
		    "feedback on this contract (on %s). Feedback is left once and "
		    "cannot be changed.", day));
		return true;
	}
	if (!feedback_open(c->ended_at, r->now)) {
		page_error(r, 409, arena_printf(&r->arena, "The feedback window "
		    "closed on %s, 14 days after the contract ended. Feedback can "
		    "no longer be left.", page_deadline(r,
		    feedback_closes(c->ended_at))));
		return true;
	}
	return false;
}

void
page_feedback_post(struct req *r)
{
	struct contract		 c;
	struct fb_pair		 p;
	struct fb_form		 in;
	struct form_value	 v[FB__MAX], val;
	const enum feedback_cat	*cats;
	const struct feedback_category *cat;
	int64_t			 stars[FEEDBACK_CAT__MAX], list[FEEDBACK_CAT__MAX];
	int64_t			 score, overall, other;
	bool			 client, bad = false, both;
	const char		*title, *me = r->uname;
	struct db_stmt		*st;
	char			 day[32];
	size_t			 i, n;
	int			 k;

	if (contract_load(r, r->caps[0], &c) == -1 || !contract_may_decide(r, &c))
		return;
	if (fb_load(r, &c, &p) == -1)
		goto fail;
	if (fb_refused(r, &c, p.mine.left, p.mine.created_at))
		return;
	client = c.side == SIDE_CLIENT;

	/* Validate every field: the side's categories 1-5, nothing else
	 * rated, the texts, the 0-10 score. */
	memset(&in, 0, sizeof(in));
	memset(stars, 0, sizeof(stars));
	for (k = 0; k < FEEDBACK_CAT__MAX; k++) {
		cat = &feedback_categories[k];
		(void)form_parse_field(&r->arena, &r->form, &rating_field,
		    cat->field, cat->label, &val);
		if (!feedback_rates(client, (enum feedback_cat)k)) {
			if (val.raw != NULL && in.other_err == NULL)
				in.other_err = arena_printf(&r->arena, "%s is rated "
				    "by %s, not by you.", cat->label, other_name(&c));
			continue;
		}
		in.stars[k] = stars[k] = val.num;
		in.err[k] = val.msg;
	}
	(void)form_parse(&r->arena, &r->form, fb_fields, FB__MAX, v);
	in.comment = v[FB_COMMENT].text;
	in.comment_err = fb_text_msg(r, &fb_fields[FB_COMMENT], &v[FB_COMMENT]);
	in.reason = v[FB_REASON].text;
	in.reason_err = fb_text_msg(r, &fb_fields[FB_REASON], &v[FB_REASON]);
	(void)form_parse_field(&r->arena, &r->form, &score_field, NULL,
	    arena_printf(&r->arena, "How likely you are to recommend %s",
	    other_name(&c)), &val);
	score = val.num;
	in.score = val.set ? val.num : -1;
	in.score_err = val.msg;
	bad = in.other_err != NULL || in.comment_err != NULL ||
	    in.reason_err != NULL || in.score_err != NULL;
	for (k = 0; k < FEEDBACK_CAT__MAX; k++)
		bad = bad || in.err[k] != NULL;
	if (bad) {
		fb_page(r, &c, &in, 400);
		return;
	}
	cats = feedback_side_categories(client, &n);
	for (i = 0; i < n; i++)
		list[i] = stars[cats[i]];
	overall = feedback_overall(list, (int)n);
	other = side_uid(&c, !client);
	title = c.title;

	/* One transaction; the state is checked again inside it, where no
	 * other request can slip in between. */
	if (db_begin_write() == -1)
		goto fail;
	st = db_prep(STMT_FEEDBACK_EXISTS, c.id, side_names[c.side]);
	if (db_row(st) != 1)
		goto fail;
	k = (int)db_int(st, 0);
	db_done(st);
	if (k != 0) {
		db_rollback();
		fb_refused(r, &c, true, r->now);
		return;
	}
	st = db_prep(STMT_FEEDBACK_EXISTS, c.id, client ? "freelancer" : "client");
	if (db_row(st) != 1)
		goto fail;
	both = db_int(st, 0) != 0;
	db_done(st);
	if (db_exec(db_prep(STMT_FEEDBACK_ADD, c.id,
	    side_names[c.side], r->uid, other,
	    stars[FEEDBACK_SKILLS], stars[FEEDBACK_QUALITY],
	    stars[FEEDBACK_AVAILABILITY], stars[FEEDBACK_SCHEDULE],
	    stars[FEEDBACK_COMMUNICATION], stars[FEEDBACK_COOPERATION],
	    stars[FEEDBACK_CLARITY], overall, in.comment, in.reason, score,
	    r->now)) == -1)
		goto fail;
	/* The timeline and the notification say that feedback was left,
	 * never what it says. */
	if (event_add(c.id, r->uid, "feedback", client ? "The client left feedback." :
	    "The freelancer side left feedback.", r->now) == -1)
		goto fail;
	date_format_human(p.closes - 1, day);
	if (notify_party(c.id, client ? PARTY_FREELANCER : PARTY_CLIENT,
	    NOTICE_FEEDBACK_LEFT, both ?
	    arena_printf(&r->arena, "%s left feedback on \u201c%s\u201d.", me, title) :
	    arena_printf(&r->arena, "%s left feedback on \u201c%s\u201d. You will "
	    "see it once you leave yours, or when the window closes after %s.",
	    me, title, day), r->now) == -1)
		goto fail;
	/* Both have left theirs: "visible once they have left theirs". */
	if (both && feedback_visible(true, true, c.ended_at, r->now)) {
		if (db_exec(db_prep(STMT_TICK_DEADLINE_DONE, "feedback_revealed",
		    c.id, (int64_t)0, r->now)) == -1 ||
		    notify_party(c.id, client ? PARTY_FREELANCER : PARTY_CLIENT,
		    NOTICE_FEEDBACK_REVEALED, arena_printf(&r->arena, "Both sides left "
		    "feedback on \u201c%s\u201d: you can now read %s's.", title, me),
		    r->now) == -1 ||
		    notify_party(c.id, client ? PARTY_CLIENT : PARTY_FREELANCER,
		    NOTICE_FEEDBACK_REVEALED, arena_printf(&r->arena, "Both sides left "
		    "feedback on \u201c%s\u201d: you can now read %s's.", title,
		    other_name(&c)), r->now) == -1)
			goto fail;
	}
	if (db_commit() == -1)
		goto fail;
	page_flash(r, both ? FLASH_FEEDBACK_BOTH : FLASH_FEEDBACK_SAVED);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/feedback",
	    (long long)c.id));
	return;
fail:
	page_fail(r);
}

void
page_feedback_response_post(struct req *r)
{
	struct contract	 c;
	struct fb_pair	 p;
	struct fb_form	 in;
	struct form_value v;
	int64_t		 revealed;
	char		 day[32];

	if (contract_load(r, r->caps[0], &c) == -1 || !contract_may_decide(r, &c))
		return;
	if (fb_load(r, &c, &p) == -1)
		goto fail;
	if (!c.ended || !p.other.left) {
		page_error(r, 409, arena_printf(&r->arena, "There is no feedback "
		    "from %s to respond to.", other_name(&c)));
		return;
	}
	if (!p.other_visible) {
		page_error(r, 409, arena_printf(&r->arena, "%s's feedback is not "
		    "revealed yet: you can read it and respond once you leave yours, "
		    "or after the window closes on %s.", other_name(&c),
		    page_deadline(r, p.closes)));
		return;
	}
	if (p.other.responded) {
		date_format_human(p.other.response_at, day);
		page_error(r, 409, arena_printf(&r->arena, "You already responded "
		    "to this feedback (on %s). One response can be posted.", day));
		return;
	}
	revealed = feedback_revealed_at(p.other.created_at,
	    p.mine.left ? p.mine.created_at : 0, c.ended_at);
	if (!feedback_response_open(revealed, r->now)) {
		page_error(r, 409, arena_printf(&r->arena, "The time to respond "
		    "ended on %s, 28 days after the feedback was revealed.",
		    page_deadline(r, feedback_response_closes(revealed))));
		return;
	}
	memset(&in, 0, sizeof(in));
	in.score = -1;
	(void)form_parse_field(&r->arena, &r->form, &response_field, NULL, NULL, &v);
	in.response = v.text;
	if (v.err == FORM_MISSING)
		in.response_err = "Your response is empty: write what you want "
		    "others to read next to this feedback.";
	else
		in.response_err = fb_text_msg(r, &response_field, &v);
	if (in.response_err != NULL) {
		fb_page(r, &c, &in, 400);
		return;
	}
	if (db_begin_write() == -1)
		goto fail;
	if (db_exec(db_prep(STMT_FEEDBACK_RESPOND, c.id,
	    c.side == SIDE_CLIENT ? "freelancer" : "client", in.response, r->now)) == -1)
		goto fail;
	if (db_changes() == 0) {	/* another request responded first */
		db_rollback();
		page_error(r, 409, "You already responded to this feedback. One "
		    "response can be posted.");
		return;
	}
	if (event_add(c.id, r->uid, "feedback response", "A response to feedback "
	    "was posted.", r->now) == -1 ||
	    notify_party(c.id, c.side == SIDE_CLIENT ? PARTY_FREELANCER : PARTY_CLIENT,
	    NOTICE_FEEDBACK_RESPONSE, arena_printf(&r->arena,
	    "%s responded to your feedback on \u201c%s\u201d.", r->uname, c.title),
	    r->now) == -1)
		goto fail;
	if (db_commit() == -1)
		goto fail;
	page_flash(r, FLASH_RESPONSE_POSTED);
	resp_redirect(r, arena_printf(&r->arena, "/contracts/%lld/feedback#theirs",
	    (long long)c.id));
	return;
fail:
	page_fail(r);
}

/*
 * The contract page's "After the end" block: checklist progress and the
 * feedback state of both sides, with links.  Before the end, a link to
 * the checklist to prepare.  0, or -1 on a database error.
 */
int
after_contract_dict(struct req *r, struct dict *d, const struct contract *c)
{
	struct fb_pair	 p;
	struct dict	*a, *s;
	int64_t		 done;
	size_t		 n;

	(void)checklist_items(c->side == SIDE_CLIENT, &n);
	if (!c->ended) {
		dict_set_int(dict_add(d, "AFTER_PREPARE"), "ID", c->id);
		return 0;
	}
	if (checklist_done(c, &done) == -1 || fb_load(r, c, &p) == -1)
		return -1;
	a = dict_add(d, "AFTER");
	dict_set_int(a, "ID", c->id);
	dict_progress(a, "CHECKLIST_DONE", done, n);
	dict_set(a, "OTHER", other_name(c));
	dict_deadline(a, "CLOSES", p.closes);
	if (p.mine.left)
		dict_day(dict_add(a, "MINE_LEFT"), "LEFT_ON", p.mine.created_at);
	else if (feedback_open(c->ended_at, r->now))
		dict_show(a, "MINE_OPEN");
	else
		dict_show(a, "MINE_MISSED");
	if (p.other.left && p.other_visible) {
		s = dict_add(a, "THEIRS");
		feedback_stars_dict(s, p.other.stars, p.other.overall, p.other.by_client);
		if (*p.other.comment != '\0')
			dict_set(dict_add(s, "COMMENT"), "TEXT", p.other.comment);
	} else if (p.other.left)
		dict_show(a, "THEIRS_HIDDEN");
	else
		dict_show(a, "THEIRS_NONE");
	return 0;
}

/*
 * A dashboard row's feedback state (section FEEDBACK of row): the other
 * side's score only when feedback_visible() allows, else whether it was
 * left, and whether the viewer's own is still due.
 */
void
feedback_row_dict(struct req *r, struct dict *row, bool mine_left, bool other_left,
    int64_t other_overall, int64_t ended_at)
{
	struct dict	*f = dict_add(row, "FEEDBACK");
	bool		 open = feedback_open(ended_at, r->now);
	char		 score[8], s[16];

	if (feedback_visible(other_left, mine_left, ended_at, r->now)) {
		struct dict *v = dict_add(f, "FB_VISIBLE");
		feedback_score_format(other_overall, score);
		stars_text((other_overall + 50) / 100, s);
		dict_set(v, "FB_SCORE", score);
		dict_set(v, "FB_STARS", s);
	}
	dict_set(f, "FB_TEXT", mine_left ? (other_left ? "both left" :
	    open ? "yours left, theirs not yet" : "yours left") :
	    other_left ? (open ? "theirs left, yours not yet" : "theirs left") :
	    open ? "not left yet" : "none left");
}
