/*
 * page-help: GET /help/ending-a-contract, the help article on ending a
 * contract (public), and POST /help/ending-a-contract/vote, "Was this
 * article helpful?" yes/no: one vote per signed-in user, changeable,
 * counted as "N out of M found this helpful".
 *
 * The article's text is the template; the page adds a worked example
 * dated from today, computed by the same rules the app enforces.
 */
#include <string.h>

#include "db/db.h"
#include "domain/billing.h"
#include "domain/date.h"
#include "domain/feedback.h"
#include "domain/refund.h"
#include "pages/pages.h"

#define ARTICLE	"ending-a-contract"

void
page_help(struct req *r)
{
	struct dict	*d, *v;
	struct db_stmt	*st;
	int64_t		 week = week_start(r->now), total, yes, mine = -1;
	int		 rc;

	st = db_prep(STMT_HELP_ARTICLE_TALLY, ARTICLE);
	if (db_row(st) != 1)
		goto fail;
	total = db_int(st, 0);
	yes = db_int(st, 1);
	db_done(st);
	if (r->uid != 0) {
		st = db_prep(STMT_HELP_ARTICLE_MY_VOTE, ARTICLE, r->uid);
		if ((rc = db_row(st)) == -1)
			goto fail;
		if (rc == 1) {
			mine = db_int(st, 0);
			db_done(st);
		}
	}

	d = page_begin(r, TPL_HELP, "Ending a contract");
	/* A worked example: ending today. */
	dict_day(d, "TODAY", r->now);
	dict_day(d, "WEEK_OF", week);
	dict_deadline(d, "INVOICED", billing_invoiced_at(week));
	dict_deadline(d, "REVIEW_LAST", billing_review_until(week));
	dict_deadline(d, "AVAILABLE", billing_available_at(week));
	dict_deadline(d, "FEEDBACK_CLOSES", feedback_closes(r->now));
	dict_day(d, "REMINDER", feedback_reminder_at(r->now));
	dict_day(d, "REFUND_SINCE", refund_first_day(r->now));

	/* Before the first answer there is nothing to count. */
	dict_set(d, "TALLY", total == 0 ? "No one has answered yet." :
	    arena_printf(&r->arena, "%lld out of %lld found this helpful.",
	    (long long)yes, (long long)total));
	if (r->uid != 0) {
		v = dict_add(d, "VOTE");
		if (mine == 1)
			dict_show(v, "SAID_YES");
		else if (mine == 0)
			dict_show(v, "SAID_NO");
	} else
		dict_show(d, "VOTE_SIGNIN");
	page_finish(r);
	return;
fail:
	page_fail(r);
}

/* POST /help/ending-a-contract/vote: helpful=yes|no. */
enum vote_field {
	VOTE_HELPFUL,
	VOTE__MAX
};
enum vote { VOTE_YES, VOTE_NO };

static const char *const votes[] = { "yes", "no", NULL };

static const struct form_field vote_fields[VOTE__MAX] = {
	[VOTE_HELPFUL] = { .name = "helpful", .kind = FORM_CHOICE,
	    .flags = FORM_REQUIRED, .choices = votes, .label = "Helpful",
	    .phrase = {
		[FORM_MISSING] = "answer yes or no.",
		[FORM_INVALID] = "answer yes or no.",
	    } },
};

void
page_help_vote_post(struct req *r)
{
	struct form_value	 v[VOTE__MAX];
	int64_t			 helpful;

	if (form_parse(&r->arena, &r->form, vote_fields, VOTE__MAX, v) > 0) {
		page_error(r, 400, v[VOTE_HELPFUL].msg);
		return;
	}
	helpful = v[VOTE_HELPFUL].num == VOTE_YES;
	if (db_begin_write() == -1 ||
	    db_exec(db_prep(STMT_HELP_ARTICLE_VOTE, ARTICLE, r->uid, helpful,
	    r->now)) == -1 ||
	    db_commit() == -1) {
		page_fail(r);
		return;
	}
	page_flash(r, FLASH_VOTE_SAVED);
	resp_redirect(r, "/help/" ARTICLE "#helpful");
}
