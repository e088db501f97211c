/*
 * page-dashboard: GET /contracts, "All contracts".  Filters by status,
 * searches titles and the other side's name, sorts (?sort=start, end,
 * title or other; active contracts first), 25 a page with the count and
 * page numbers; the filters, the sort and the pages keep the search.  Each row has its
 * (...) options, as they apply to the viewer: End contract on active
 * contracts, Give feedback while the viewer's window is open, Give refund
 * to the freelancer side while a payment can still be refunded.
 */
#include <string.h>

#include "db/db.h"
#include "domain/billing.h"
#include "domain/checklist.h"
#include "domain/date.h"
#include "domain/feedback.h"
#include "domain/refund.h"
#include "pages/pages.h"

#define PAGE_SIZE	25
#define MAX_PAGE	1000	/* deeper pages are clamped here */
#define MAX_SEARCH	100	/* characters */
#define PAGE_LINKS	3	/* page numbers shown either side of this one */

/* The orders a reader can choose: ?sort= value, label, statement. */
static const struct {
	const char	*key, *label;
	enum stmt	 stmt;
} sorts[] = {
	{ "start",	"Start date",	STMT_DASHBOARD_BY_START },
	{ "end",	"End date",	STMT_DASHBOARD_BY_END },
	{ "title",	"Title",	STMT_DASHBOARD_BY_TITLE },
	{ "other",	"Other side",	STMT_DASHBOARD_BY_OTHER },
};
#define NSORTS	(sizeof(sorts) / sizeof(sorts[0]))

/* A LIKE pattern matching q anywhere, with % _ and \ taken literally. */
static const char *
like_pattern(struct arena *a, const char *q)
{
	char	*p, *out;

	out = p = arena_alloc(a, strlen(q) * 2 + 3);
	*p++ = '%';
	for (; *q != '\0'; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			*p++ = '\\';
		*p++ = *q;
	}
	*p++ = '%';
	return out;
}

/* STMT_DASHBOARD's columns */
enum { C_ID, C_TITLE, C_SIDE, C_OTHER, C_AGENCY, C_KIND, C_RATE, C_STATUS,
    C_STARTED, C_ENDED, C_WEEK, C_WEEK_MINUTES, C_MINE_LEFT, C_REFUNDABLE,
    C_TICKS, C_THEIRS_LEFT, C_THEIRS_OVERALL, C_DECIDES };

/*
 * This week's minutes on an active hourly contract.  The line holds the
 * latest week logged and its minutes: this week's when it is this week,
 * none when it is older.  Only entries dated after this week make the
 * latest week a later one; then this week is summed from the diary.
 * -1 on a database error.
 */
static int64_t
week_minutes(struct db_stmt *line, int64_t id, int64_t week)
{
	int64_t		 latest = db_int(line, C_WEEK);

	if (latest == week)
		return db_int(line, C_WEEK_MINUTES);
	if (latest < week)
		return 0;
	return diary_week_minutes(id, week);
}

/*
 * When the newest invoice of contract id that is paid and not refunded in
 * full was paid (the Wednesday its funds became available), if later
 * than last_paid; else last_paid.  -1 on a database error.
 */
static int64_t
newest_paid_invoice(struct req *r, int64_t id, int64_t last_paid)
{
	int64_t		 w0 = week_start(r->now), week;
	struct db_stmt	*st;

	st = db_prep(STMT_PAYMENT_NEWEST_WEEK, id,
	    billing_available_at(w0) - w0, r->now);
	if (db_row(st) != 1)
		return -1;
	week = db_int(st, 0);
	db_done(st);
	if (week == 0 || billing_available_at(week) <= last_paid)
		return last_paid;
	return billing_available_at(week);
}

/* One row of the page; -1 on a database error. */
static int
row(struct req *r, struct dict *d, struct db_stmt *st, int64_t week)
{
	struct dict	*row = dict_add(d, "ROW");
	int64_t		 id = db_int(st, C_ID);
	bool		 client = strcmp(db_text(st, C_SIDE), "client") == 0;
	bool		 hourly = strcmp(db_text(st, C_KIND), "hourly") == 0;
	const char	*status = db_text(st, C_STATUS);
	const char	*agency = db_text(st, C_AGENCY);
	bool		 active = strcmp(status, "active") == 0;
	int64_t		 ended_at = db_int(st, C_ENDED);
	int64_t		 last_paid = client ? 0 : db_int(st, C_REFUNDABLE);
	int64_t		 minutes;
	bool		 any = false;
	/* The menu offers what the viewer may do (DESIGN.md section 1):
	 * ending, feedback and refunds are decided by the client and by
	 * the freelancer side's deciders, not an agency's plain member. */
	bool		 decides = db_int(st, C_DECIDES) != 0;

	dict_set_int(row, "ID", id);
	dict_set(row, "TITLE", db_text(st, C_TITLE));
	dict_set(row, "OTHER", db_text(st, C_OTHER));
	/* Who works for whom, as the reader is part of it. */
	if (client && *agency != '\0')
		dict_set(dict_add(row, "HIRED_AGENCY"), "AGENCY_NAME", agency);
	else if (client)
		dict_show(row, "HIRED");
	else if (*agency != '\0')
		dict_set(dict_add(row, "AGENCY_WORKS"), "AGENCY_NAME", agency);
	else
		dict_show(row, "WORK_FOR");
	dict_terms(row, "TERMS", db_int(st, C_RATE), hourly);
	dict_day(row, "STARTED", db_int(st, C_STARTED));
	dict_set(row, "STATUS", status);
	if (hourly && active) {
		if ((minutes = week_minutes(st, id, week)) == -1)
			return -1;
		dict_hours_abbr(dict_add(row, "HOURLY"), "WEEK_HOURS", minutes);
	} else if (!hourly)
		dict_show(row, "FIXED");
	if (active && decides) {
		dict_show(row, "CAN_END");
		any = true;
	} else if (!active) {
		size_t	 items;	/* per side, DESIGN.md "Checklist" */
		bool	 mine_left = db_int(st, C_MINE_LEFT) != 0;

		(void)checklist_items(client, &items);
		dict_progress(dict_add(row, "CHECKLIST"), "DONE", db_int(st, C_TICKS), items);
		feedback_row_dict(r, row, mine_left,
		    db_int(st, C_THEIRS_LEFT) != 0, db_int(st, C_THEIRS_OVERALL), ended_at);
		if (decides && !mine_left && feedback_open(ended_at, r->now)) {
			dict_show(row, "CAN_FEEDBACK");
			any = true;
		}
	}
	/* A week's invoice is a payment once Billing calls it paid. */
	if (decides && !client && hourly && (last_paid == 0 ||
	    !refund_window_open(last_paid, r->now)) &&
	    (last_paid = newest_paid_invoice(r, id, last_paid)) == -1)
		return -1;
	if (decides && last_paid != 0 && refund_window_open(last_paid, r->now)) {
		dict_show(row, "CAN_REFUND");
		any = true;
	}
	if (any)
		dict_show(row, "OPTIONS");
	return 0;
}

/* s for a URL's query: unreserved characters kept, the rest %XX. */
static const char *
url_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char		*out, *p;
	unsigned char	 ch;

	out = p = arena_alloc(a, strlen(s) * 3 + 1);
	for (; *s != '\0'; s++) {
		ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~", ch) != NULL)
			*p++ = (char)ch;
		else {
			*p++ = '%';
			*p++ = hex[ch >> 4];
			*p++ = hex[ch & 15];
		}
	}
	*p = '\0';
	return out;
}

/* The address of this list with its filter, search and order, at page. */
static const char *
list_url(struct req *r, const char *status, const char *q, const char *sort,
    int64_t page)
{
	return arena_printf(&r->arena, "/contracts?status=%s&q=%s&sort=%s&page=%lld",
	    status, url_encode(&r->arena, q != NULL ? q : ""), sort, (long long)page);
}

/* "1–25 of 29", the page numbers around this one, previous and next. */
static void
paging(struct req *r, struct dict *d, const char *status, const char *q,
    const char *sort, int64_t page, int64_t total, int n)
{
	struct dict	*nav, *p;
	int64_t		 pages = (total + PAGE_SIZE - 1) / PAGE_SIZE, i;

	if (n > 0)
		dict_set(dict_add(d, "COUNT"), "COUNT_TEXT", arena_printf(&r->arena,
		    "%lld\u2013%lld of %lld", (long long)((page - 1) * PAGE_SIZE + 1),
		    (long long)((page - 1) * PAGE_SIZE + n), (long long)total));
	if (pages <= 1 && page == 1)
		return;
	nav = dict_add(d, "PAGING");
	if (page > 1)
		dict_set(dict_add(nav, "PREV"), "HREF", list_url(r, status, q, sort,
		    page - 1));
	for (i = 1; i <= pages; i++) {
		if (i != 1 && i != pages && (i < page - PAGE_LINKS || i > page + PAGE_LINKS)) {
			if (i == page - PAGE_LINKS - 1 || i == page + PAGE_LINKS + 1)
				dict_show(dict_add(nav, "NUM"), "GAP");
			continue;
		}
		p = dict_add(nav, "NUM");
		dict_set_int(p, "N", i);
		if (i == page)
			dict_show(p, "CURRENT");
		else
			dict_set(dict_add(p, "LINK"), "HREF", list_url(r, status, q,
			    sort, i));
	}
	if (page < pages)
		dict_set(dict_add(nav, "NEXT"), "HREF", list_url(r, status, q, sort,
		    page + 1));
}

void
page_dashboard(struct req *r)
{
	const char	*status = req_query(r, "status");
	const char	*q = req_query(r, "q");
	const char	*ps = req_query(r, "page");
	const char	*sort = req_query(r, "sort");
	const char	*pattern = NULL;
	static const char *const filters[] = { "active", "ended", "all" };
	struct dict	*d, *o;
	struct db_stmt	*st, *count;
	int64_t		 page = 1, week = week_start(r->now), total;
	size_t		 i, s = 0;
	int		 n = 0, rc;

	if (status == NULL || *status == '\0')
		status = "all";
	if (strcmp(status, "active") != 0 && strcmp(status, "ended") != 0 &&
	    strcmp(status, "all") != 0) {
		page_error(r, 400, "The status filter must be active, ended or all.");
		return;
	}
	if (sort != NULL && *sort != '\0') {
		for (s = 0; s < NSORTS; s++)
			if (strcmp(sort, sorts[s].key) == 0)
				break;
		if (s == NSORTS) {
			page_error(r, 400, "Sort: choose start date, end date, title "
			    "or other side.");
			return;
		}
	}
	sort = sorts[s].key;
	if (ps != NULL && *ps != '\0' && parse_int(ps, 1, INT64_MAX, &page) == -1) {
		page_error(r, 400, "The page number must be a whole number from 1.");
		return;
	}
	if (page > MAX_PAGE)
		page = MAX_PAGE;
	if (q != NULL && text_chars(q, strlen(q)) > MAX_SEARCH) {
		page_error(r, 400, "The search is too long: use at most 100 characters.");
		return;
	}
	if (q != NULL && !text_valid(q, strlen(q), false)) {
		page_error(r, 400, "The search contains characters that cannot be searched.");
		return;
	}
	if (q != NULL && *q != '\0')
		pattern = like_pattern(&r->arena, q);

	d = page_begin(r, TPL_DASHBOARD, "All contracts");
	dict_set(d, "Q", q);
	dict_set(d, "STATUS", status);
	/* The filters keep the search and the order. */
	for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		o = dict_add(d, "FILTER");
		dict_set(o, "HREF", list_url(r, filters[i], q, sort, 1));
		dict_set(o, "LABEL", i == 0 ? "Active" : i == 1 ? "Ended" : "All");
		if (strcmp(status, filters[i]) == 0)
			dict_show(o, "CURRENT");
	}
	for (i = 0; i < NSORTS; i++) {
		o = dict_add(d, "SORT");
		dict_set(o, "KEY", sorts[i].key);
		dict_set(o, "LABEL", sorts[i].label);
		if (i == s)
			dict_show(o, "SELECTED");
	}

	/* Both bound before either is stepped: PostgreSQL gets them in one
	 * round trip.  The order's statement is chosen at run time: each
	 * is "ittii". */
	count = db_prep(STMT_DASHBOARD_COUNT, r->uid, status, pattern);
	st = db_bind(sorts[s].stmt, r->uid, status, pattern,
	    (int64_t)(PAGE_SIZE + 1), (page - 1) * PAGE_SIZE);
	if (db_row(count) != 1) {
		db_done(st);
		page_fail(r);
		return;
	}
	total = db_int(count, 0);
	db_done(count);
	while ((rc = db_row(st)) == 1) {
		if (++n > PAGE_SIZE) {
			db_done(st);
			n--;
			break;
		}
		if (row(r, d, st, week) == -1) {
			db_done(st);
			rc = -1;
			break;
		}
	}
	if (rc == -1) {
		page_fail(r);
		return;
	}
	if (n == 0) {
		if (pattern != NULL)
			dict_show(d, "EMPTY_SEARCH");
		else if (page > 1)
			dict_show(d, "EMPTY_PAGE");
		else if (strcmp(status, "active") == 0)
			dict_show(d, "EMPTY_ACTIVE");
		else if (strcmp(status, "ended") == 0)
			dict_show(d, "EMPTY_ENDED");
		else
			dict_show(d, "EMPTY_ALL");
	} else
		dict_show(d, "TABLE");
	if (page > 1 && n == 0)
		dict_set(d, "FIRST_HREF", list_url(r, status, q, sort, 1));
	paging(r, d, status, q, sort, page, total, n);
	page_finish(r);
}
