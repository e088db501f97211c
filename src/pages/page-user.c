/*
 * page-user: GET /users/{id}, a public profile for any signed-in user:
 * name, member since, and the public feedback the user received that is
 * revealed (feedback_visible(), DESIGN.md "Feedback"), with its average
 * score.  Never the private part (the query does not read it), never
 * feedback still hidden by the double-blind rule, never an email.
 */
#include <string.h>

#include "db/db.h"
#include "domain/feedback.h"
#include "pages/pages.h"

#define PROFILE_SHOWN	50	/* newest revealed feedback listed */

void
page_user(struct req *r)
{
	struct dict	*d, *row, *s;
	struct db_stmt	*st;
	const char	*name;
	int64_t		 id = r->caps[0], stars[FEEDBACK_CAT__MAX];
	int64_t		 since, sum = 0, count = 0;
	bool		 by_client;
	char		 score[8];
	int		 i, rc;

	st = db_prep(STMT_USER_GET, id);
	if ((rc = db_row(st)) == -1)
		goto fail;
	if (rc == 0) {
		page_not_found(r);
		return;
	}
	name = arena_strdup(&r->arena, db_text(st, 1));
	since = db_int(st, 3);
	db_done(st);

	d = page_begin(r, TPL_USER, name);
	dict_set(d, "NAME", name);
	dict_day(d, "SINCE", since);
	if (id == r->uid)
		dict_show(d, "SELF");
	st = db_prep(STMT_FEEDBACK_RECEIVED, id);
	while ((rc = db_row(st)) == 1) {
		/* The double-blind rule, the same as on every page: the
		 * author left it; is it visible to its recipient yet? */
		if (!feedback_visible(true, db_int(st, 16) != 0, db_int(st, 14), r->now))
			continue;
		sum += db_int(st, 8);
		if (++count > PROFILE_SHOWN)
			continue;
		by_client = strcmp(db_text(st, 0), "client") == 0;
		for (i = 0; i < FEEDBACK_CAT__MAX; i++)
			stars[i] = db_int(st, 1 + i);
		row = dict_add(d, "REVIEW");
		feedback_stars_dict(row, stars, db_int(st, 8), by_client);
		dict_set(row, "CONTRACT_TITLE", db_text(st, 13));
		dict_set(row, "AUTHOR", db_text(st, 15));
		dict_set(row, "AS", by_client ? "as the freelancer" : "as the client");
		dict_day(row, "LEFT_ON", db_int(st, 10));
		if (*db_text(st, 9) != '\0')
			dict_set(dict_add(row, "COMMENT"), "TEXT", db_text(st, 9));
		if (db_int(st, 11) != 0) {
			s = dict_add(row, "RESPONSE");
			dict_set(s, "RESPONSE_TEXT", db_text(st, 12));
		}
	}
	if (rc == -1)
		goto fail;
	if (count == 0)
		dict_show(d, "NO_REVIEWS");
	else {
		s = dict_add(d, "AVERAGE");
		/* The mean of the overall scores, in hundredths, half up. */
		feedback_score_format((2 * sum + count) / (2 * count), score);
		dict_set(s, "AVG", score);
		dict_set_int(s, "COUNT", count);
		dict_set(s, "REVIEWS", count == 1 ? "review" : "reviews");
		if (count > PROFILE_SHOWN)
			dict_set_int(dict_add(d, "MORE"), "SHOWN", PROFILE_SHOWN);
	}
	page_finish(r);
	return;
fail:
	page_fail(r);
}
