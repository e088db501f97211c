/*
 * seed: contractsctl seed-demo.  Demo people and contracts in every state
 * the pages need, dated relative to now: an active hourly contract with
 * this week's Work Diary, an active fixed-price one with funded escrow, an
 * ended one still waiting for feedback, an ended one with both sides'
 * feedback, an agency contract, payments inside and outside the 180 days,
 * a message thread, and enough older contracts to fill a second dashboard page.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "db/db.h"
#include "domain/billing.h"
#include "domain/date.h"
#include "domain/diary.h"
#include "domain/dispute.h"
#include "domain/feedback.h"
#include "domain/money.h"
#include "service/notify.h"

#define DEMO_PASSWORD	"demo-password"
#define D		DAY_SECS

static int64_t
user(const char *email, const char *name, int64_t now)
{
	return cli_user_add(email, name, DEMO_PASSWORD, now);
}

static void
event(int64_t contract, int64_t at, int64_t actor, const char *kind, const char *detail)
{
	if (db_exec(db_prep(STMT_CONTRACT_EVENT_ADD, contract, at, actor, kind, detail)) == -1)
		db_fail();
}

static void
diary(int64_t contract, int64_t day, int64_t minutes, const char *memo, int64_t now)
{
	if (db_exec(db_prep(STMT_DIARY_ADD, contract, day, week_start(day), minutes, memo,
	    now)) == -1)
		db_fail();
}

static int64_t
payment(int64_t contract, int64_t amount, int64_t at, const char *memo)
{
	if (db_exec(db_prep(STMT_PAYMENT_ADD, contract, amount, at, memo)) == -1)
		db_fail();
	return db_last_id();
}

static void
note(int64_t uid, int64_t contract, enum notice kind, const char *body, int64_t at)
{
	if (notify(uid, contract, kind, body, at) == -1)
		db_fail();
}

/* A message in contract's thread (its readers count it unread). */
static void
message(int64_t contract, int64_t author, const char *body, int64_t at)
{
	if (db_exec(db_prep(STMT_MESSAGE_ADD, contract, author, body, at)) == -1)
		db_fail();
}

/* End a contract as the pages would; other is told about it. */
static void
end(int64_t contract, int64_t at, int64_t by, int64_t other, const char *reason)
{
	if (db_exec(db_prep(STMT_CONTRACT_END, contract, at, by, reason)) == -1)
		db_fail();
	event(contract, at, by, "ended", reason);
	if (other != 0)
		note(other, contract, NOTICE_CONTRACT_ENDED, "A contract of yours was ended. "
		    "Its Work Diary is locked; see the checklist and leave feedback.", at);
}

static void
feedback(int64_t contract, const char *side, int64_t author, int64_t recipient,
    const int64_t s[7], const char *comment, int64_t at)
{
	int64_t	 stars[7];
	int	 i, n = 0;

	for (i = 0; i < 7; i++)
		if (s[i] != 0)
			stars[n++] = s[i];
	if (db_exec(db_prep(STMT_FEEDBACK_ADD, contract, side, author,
	    recipient, s[0], s[1], s[2], s[3], s[4], s[5], s[6], feedback_overall(stars, n),
	    comment, "Project finished", (int64_t)9, at)) == -1)
		db_fail();
}

int
seed_demo(int64_t now)
{
	static const char *const fillers[] = { "Blog post edits", "Spreadsheet cleanup",
	    "Survey analysis", "Landing page copy", "Bug triage", "Icon set",
	    "Newsletter template", "Podcast show notes", "CSV importer", "SEO audit",
	    "Translation (German)", "Pitch deck polish" };
	static const int64_t c_stars[7] = { 5, 5, 4, 5, 5, 5, 0 };
	static const int64_t f_stars[7] = { 0, 0, 5, 4, 5, 5, 5 };
	int64_t	 today = day_start(now), week = week_start(now);
	int64_t	 clara, felix, olivia, ana, bruno, dana, agency, c, d, p, last, opened;
	int	 i;

	if (db_row(db_prep(STMT_USER_ID_BY_EMAIL, "client@example.com")) == 1)
		usage_fail("seed-demo: the demo data is there already");

	clara = user("client@example.com", "Clara Client", now - 400 * D);
	felix = user("freelancer@example.com", "Felix Freelancer", now - 500 * D);
	olivia = user("owner@example.com", "Olivia Owner", now - 700 * D);
	ana = user("ana@example.com", "Ana Agency", now - 300 * D);
	bruno = user("bruno@example.com", "Bruno Buyer", now - 250 * D);
	dana = user("dana@example.com", "Dana Developer", now - 350 * D);
	(void)user("stranger@example.com", "Sam Stranger", now - 10 * D);

	if (db_exec(db_prep(STMT_AGENCY_ADD, "Northwind Studio", olivia, now - 600 * D)) == -1)
		db_fail();
	agency = db_last_id();
	if (db_exec(db_prep(STMT_AGENCY_MEMBER_ADD, agency, olivia, "owner")) == -1 ||
	    db_exec(db_prep(STMT_AGENCY_MEMBER_ADD, agency, ana, "member")) == -1)
		db_fail();

	/* Older ended contracts first, so the dashboard's second page has them. */
	for (i = 0; i < 24; i++) {
		c = cli_contract_add(fillers[i % 12], clara, dana, 0, i % 2 == 0,
		    (i % 2 == 0 ? 3000 : 25000) + i * 500, 0, now - (400 - i * 10) * D);
		event(c, now - (400 - i * 10) * D, clara, "started", "Contract started");
		end(c, now - (390 - i * 10) * D, clara, 0, "The work is done");
	}

	/* Active hourly, with this week's Work Diary and last week's. */
	c = cli_contract_add("Mobile app API", clara, felix, 0, true, 4000, 40, now - 120 * D);
	event(c, now - 120 * D, clara, "started", "Contract started");
	last = 0;
	for (d = week - 7 * D; d < week; d += D)
		if (week_day(d) < 5) {
			diary(c, d, 300 + (d / D % 3) * 30, "Endpoints and tests", now);
			last += 300 + (d / D % 3) * 30;
		}
	for (d = week; d <= today; d += D)
		diary(c, d, 90 + (d / D % 2) * 120, "Auth flow, review fixes", now);
	/* Three weeks back: that invoice is paid, so Payments lists it. */
	for (d = week - 21 * D; d < week - 18 * D; d += D)
		diary(c, d, 360, "Data model and first endpoints", now);
	p = payment(c, 80000, now - 30 * D, "Week 16");
	payment(c, 120000, now - 200 * D, "Initial weeks");
	payment(c, 64000, now - 179 * D, "Week 3");
	/* A partial refund already given on the recent payment. */
	if (db_exec(db_prep(STMT_PAYMENT_REFUND, p, (int64_t)4000)) == -1 ||
	    db_exec(db_prep(STMT_REFUND_ADD, p, c, (int64_t)4000,
	    "A cancelled meeting was logged", "refund", felix, now - 25 * D)) == -1)
		db_fail();
	event(c, now - 25 * D, felix, "refund given", "$40.00 of a $800.00 payment");
	note(clara, c, NOTICE_REFUND, "Felix Freelancer refunded $40.00 on “Mobile app API”.",
	    now - 25 * D);
	/* While last week's invoice is in review, Clara disputes an hour of it. */
	if (dispute_open_allowed(week - 7 * D, now)) {
		opened = now - 3600 > billing_invoiced_at(week - 7 * D) ?
		    now - 3600 : billing_invoiced_at(week - 7 * D);
		if (db_exec(db_prep(STMT_INVOICE_ADD, c, week - 7 * D,
		    diary_billable(last, 40), money_for_minutes(4000, diary_billable(last, 40)))) == -1)
			db_fail();
		/* INVOICE_ADD does nothing on a conflict, and then the last id
		 * is another row's (on PostgreSQL, lastval(): a number the
		 * conflict used up, which no row has). */
		if (db_changes() != 1)
			usage_fail("seed-demo: last week's invoice is there already");
		if (db_exec(db_prep(STMT_DISPUTE_ADD, db_last_id(), c, (int64_t)60,
		    (int64_t)4000, "Tuesday's review meeting was cancelled", clara, opened)) == -1)
			db_fail();
		event(c, opened, clara, "dispute opened", "1 hour of last week's invoice");
		note(felix, c, NOTICE_DISPUTE_OPENED, "Clara Client disputes 1 hour of last "
		    "week's invoice on “Mobile app API”. Answer within 3 days.", opened);
	}

	/* The thread: Felix asks, Clara answers (unread for Felix). */
	message(c, felix, "Hi Clara, the auth flow is ready for review.\n"
	    "Could you try it on staging before Friday?", now - 2 * D);
	message(c, clara, "Thanks Felix, I will test it tomorrow morning.", now - D);

	/* Active fixed price with funded escrow. */
	c = cli_contract_add("Logo redesign", clara, felix, 0, false, 50000, 0, now - 20 * D);
	event(c, now - 20 * D, clara, "started", "Contract started");
	if (db_exec(db_prep(STMT_ESCROW_MILESTONE_ADD, c, (int64_t)20000, (int64_t)1, now - 20 * D)) == -1 ||
	    db_exec(db_prep(STMT_ESCROW_MILESTONE_ADD, c, (int64_t)30000, (int64_t)1, now - 10 * D)) == -1)
		db_fail();
	event(c, now - 10 * D, clara, "escrow funded", "$500.00 in escrow");

	/* Ended three days ago, no feedback yet. */
	c = cli_contract_add("Data migration", clara, felix, 0, true, 5500, 20, now - 60 * D);
	event(c, now - 60 * D, clara, "started", "Contract started");
	/* Its last week's invoice is paid (funds available on the Wednesday
	 * after): Payments lists it, as Billing calls it paid. */
	diary(c, week - 21 * D, 240, "Schema mapping", now);
	end(c, now - 3 * D, clara, felix, "The work is done");

	/* Ended ten days ago, both sides left feedback. */
	c = cli_contract_add("Marketing site", bruno, felix, 0, false, 120000, 0, now - 45 * D);
	event(c, now - 45 * D, bruno, "started", "Contract started");
	payment(c, 120000, now - 12 * D, "Milestone: site live");
	end(c, now - 10 * D, bruno, felix, "The work is done");
	feedback(c, "client", bruno, felix, c_stars,
	    "Felix delivered a fast, clean site and explained every choice.", now - 9 * D);
	feedback(c, "freelancer", felix, bruno, f_stars,
	    "Clear brief, quick answers. Would work with Bruno again.", now - 8 * D);

	/* Ended two days ago: Clara released $500.00 of $800.00 in escrow and
	 * asked for the rest back; Felix has until five days from now. */
	c = cli_contract_add("Brand guidelines", clara, felix, 0, false, 80000, 0, now - 30 * D);
	event(c, now - 30 * D, clara, "started", "Contract started");
	if (db_exec(db_prep(STMT_ESCROW_MILESTONE_ADD, c, (int64_t)80000, (int64_t)1, now - 30 * D)) == -1 ||
	    db_exec(db_prep(STMT_ESCROW_MILESTONE_RELEASE, db_last_id(), (int64_t)50000)) == -1)
		db_fail();
	end(c, now - 2 * D, clara, felix, "The budget or the schedule changed");
	payment(c, 50000, now - 2 * D, "Escrow released when the contract ended");
	event(c, now - 2 * D, clara, "escrow released", "$500.00 released to the freelancer");
	if (db_exec(db_prep(STMT_ESCROW_REQUEST_ADD, c, (int64_t)50000, (int64_t)30000,
	    now - 2 * D)) == -1)
		db_fail();
	event(c, now - 2 * D, clara, "escrow refund requested", "$300.00 asked back from escrow");
	note(felix, c, NOTICE_ESCROW_REQUEST, "Clara Client released $500.00 of the escrow of "
	    "“Brand guidelines” and asks for $300.00 back. Accept or decline on the "
	    "contract page within 7 days; with no answer it counts as accepted.", now - 2 * D);

	/* An agency contract: Olivia (owner) acts for Ana's side. */
	c = cli_contract_add("Support retainer", clara, ana, agency, true, 3500, 10, now - 40 * D);
	event(c, now - 40 * D, clara, "started", "Contract started");
	for (d = week; d <= today; d += D)
		diary(c, d, 60, "Tickets", now);
	payment(c, 35000, now - 5 * D, "Retainer");
	return 0;
}
