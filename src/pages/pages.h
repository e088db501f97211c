/*
 * pages: one file per page, each exporting page_<route>(), plus what
 * every page shares (page-common.c): the layout, the error page, flash
 * messages and loading a contract as one of its sides sees it.
 */
#ifndef PAGES_H
#define PAGES_H
#include <stdbool.h>
#include <stdint.h>

#include "domain/contract.h"
#include "http/form.h"
#include "http/http.h"
#include "render/render.h"
#include "service/notify.h"

struct contract {
	int64_t		 id;
	const char	*title;
	bool		 hourly;
	int64_t		 rate;		/* cents an hour, or the fixed price */
	int64_t		 weekly_limit;	/* hours, 0: none */
	const char	*status;	/* active, ended, disputed */
	bool		 ended;
	int64_t		 started_at, ended_at, ended_by;
	const char	*end_reason;
	int64_t		 client_id, freelancer_id, agency_id;
	const char	*client_name, *freelancer_name, *agency_name;
	enum side	 side;		/* the viewer's */
	/*
	 * What the viewer may do for their side (DESIGN.md section 1).  On
	 * an agency's contract the owner and admins decide for the
	 * freelancer side (end, refunds, escrow and dispute answers,
	 * feedback) and the freelancer of record works (logs hours, ticks
	 * the freelancer's checklist); a plain member is only the latter,
	 * an owner or admin who is not the freelancer of record only the
	 * former.  Anywhere else, each side does both.
	 */
	bool		 decides;
	bool		 works;
};

/* One-time messages after a POST, by code: the flash cookie carries the
 * code, never text. */
#define FLASHES \
	FLASH(SIGNED_IN, "Welcome back.") \
	FLASH(SIGNED_OUT, "You are signed out.") \
	/* ending, diary, billing, refunds, escrow, notifications */ \
	FLASH(ENDED, "The contract has ended. Its Work Diary is locked; " \
	    "the other side has been told.") \
	FLASH(DIARY_ADDED, "The hours were added to the Work Diary.") \
	FLASH(DIARY_SAVED, "The Work Diary entry was saved.") \
	FLASH(DIARY_DELETED, "The Work Diary entry was deleted.") \
	FLASH(REFUNDED, "The refund was given. The client has been told.") \
	FLASH(DISPUTE_OPENED, "Your dispute was sent. The freelancer has 3 days " \
	    "to answer.") \
	FLASH(DISPUTE_ACCEPTED, "You accepted the dispute: the hours were " \
	    "refunded to the client.") \
	FLASH(DISPUTE_DECLINED, "You declined the dispute: the marketplace will " \
	    "review it.") \
	FLASH(ESCROW_ACCEPTED, "You accepted the escrow refund: the money went " \
	    "back to the client.") \
	FLASH(ESCROW_DECLINED, "You declined the escrow refund: the contract is " \
	    "now disputed.") \
	FLASH(NOTIFICATIONS_READ, "Notifications marked as read.") \
	/* after the end: checklist, feedback, help */ \
	FLASH(CHECKLIST_TICKED, "Marked as done.") \
	FLASH(CHECKLIST_UNTICKED, "Marked as not done.") \
	FLASH(REMINDER_SENT, "The reminder was sent to the freelancer and the " \
	    "item is ticked.") \
	FLASH(FEEDBACK_SAVED, "Your feedback is saved. The other side sees it " \
	    "once they leave theirs, or when the window closes.") \
	FLASH(FEEDBACK_BOTH, "Your feedback is saved. Both sides have left " \
	    "theirs, so each of you can now read the other's.") \
	FLASH(RESPONSE_POSTED, "Your response is posted.") \
	FLASH(VOTE_SAVED, "Thank you: your answer is saved.") \
	FLASH(SESSIONS_REVOKED, "Your other sessions are signed out. This one " \
	    "goes on.") \
	FLASH(SETTINGS_SAVED, "Your settings are saved.") \
	/* messages */ \
	FLASH(MESSAGE_SENT, "Your message was sent.") \
	FLASH(MESSAGES_READ, "The thread is marked as read.")

enum flash {
#define FLASH(name, text) FLASH_##name,
	FLASHES
#undef FLASH
	FLASH__MAX
};

/* page-common.c */
struct dict	*page_begin(struct req *, enum tpl, const char *title);
void		 page_finish(struct req *);
void		 page_error(struct req *, int status, const char *message);
/* Whether the viewer of c may decide for their side (c->decides) or
 * work for it (c->works): true, or false after answering 403 with why. */
bool		 contract_may_decide(struct req *, const struct contract *);
bool		 contract_may_work(struct req *, const struct contract *);
/* 404 with the one text for "no such thing" and "not yours" alike. */
void		 page_not_found(struct req *);
void		 page_fail(struct req *);		/* 500, logged */
void		 page_flash(struct req *, enum flash);
void		 page_flash_load(struct req *);
/* Whether this request shows flash f (set by the POST before it). */
bool		 page_flashed(const struct req *, enum flash);
/* Load contract id as r's user sees it; on 404 or error the response is
 * already made and -1 returned. */
int		 contract_load(struct req *, int64_t id, struct contract *);
/* Minutes logged on contract in the week from Monday week; -1 on a
 * database error (logged). */
int64_t		 diary_week_minutes(int64_t contract, int64_t week);
/* A fixed-price contract's escrow as the clock implies it: MILESTONES,
 * ESCROW (still held) and RELEASED.  0, or -1 on a db error. */
int		 dict_escrow(struct dict *, int64_t contract, int64_t now);
/*
 * A payment as every page shows it (DESIGN.md section 2): one recorded on
 * its own, or the invoice of a week from the moment Billing calls it paid
 * (the Wednesday its funds become available); such an invoice has a row
 * only once a refund needed one to point at.
 */
struct paid {
	int64_t		 id;		/* its row; 0: an invoice with no row yet */
	int64_t		 week;		/* the invoice's week; 0: not an invoice */
	int64_t		 amount, refunded, paid_at;
	const char	*memo;		/* the row's, or "" */
	const char	*key;		/* the refund form's payment: "12", "week-2026-11-16" */
};
struct paid_list {
	struct paid	*v;		/* newest first */
	size_t		 n;
	int64_t		 paid;		/* the sum of the amounts */
	int64_t		 refunded;	/* refunds given and through accepted disputes */
};
/* Contract c's payments at r->now into *out (r's arena).  0, or -1 on a
 * database error. */
int		 contract_payments(struct req *, const struct contract *,
		    struct paid_list *out);
/* "$40.00/hr" or "$500.00 fixed" */
void		 dict_terms(struct dict *, const char *key, int64_t rate, bool hourly);
void		 dict_money(struct dict *, const char *key, int64_t cents);
void		 dict_day(struct dict *, const char *key, int64_t t);
/* Times in the reader's time zone (page_zone_set), deadlines with their
 * UTC time as well; days (dict_day) are the rules' UTC days. */
void		 page_zone_set(const struct req *);
void		 dict_time(struct dict *, const char *key, int64_t t);
void		 dict_deadline(struct dict *, const char *key, int64_t t);
/* The same texts for a message (flash, error page) that names a moment,
 * in r's arena: "Mon, Nov 30, 2026, 07:00 EST", and a deadline with its
 * UTC time.  A UTC reader reads date_format_time(), as before zones. */
const char	*page_time(struct req *, int64_t t);
const char	*page_deadline(struct req *, int64_t t);
void		 dict_count(struct dict *, const char *key, int64_t n);	/* 5,000 */
/* Hours from minutes, "3.5", and with their abbreviated unit, "3.5 hrs",
 * "1 hr" (domain/money.h). */
void		 dict_hours(struct dict *, const char *key, int64_t minutes);
void		 dict_hours_abbr(struct dict *, const char *key, int64_t minutes);
/* "3 of 5 done" */
void		 dict_progress(struct dict *, const char *key, int64_t done, size_t items);

/* A form's mistakes, field by field: id is the input's id (the summary
 * links to it), section the template section beside the field. */
#define FORM_ERRS_MAX	8
struct form_errs {
	size_t	 n;
	struct {
		const char	*id, *section, *msg;
	}	 e[FORM_ERRS_MAX];
};
void		 form_err(struct form_errs *, const char *id, const char *section,
		    const char *msg);	/* msg NULL: nothing */
/* The summary at the top of page and each message beside its field in
 * form (which also shows INVALID); nothing when e is empty. */
void		 dict_form_errors(struct dict *page, struct dict *form,
		    const char *heading, const struct form_errs *);

/*
 * DESIGN.md section 3: an irreversible money action asks for
 * confirmation first, without script.  The first POST checks the form and
 * shows this page (no write), the values as hidden fields plus confirm=1;
 * the write happens on the confirmed POST.
 */
#define CONFIRM_FACTS_MAX	6
#define CONFIRM_FIELDS_MAX	6
struct confirm {
	const char	*heading, *question;
	const char	*facts[CONFIRM_FACTS_MAX];		/* NULL-ended */
	const char	*action;				/* the POST's path */
	const char	*fields[CONFIRM_FIELDS_MAX][2];	/* name, value; NULL-ended */
	const char	*button, *back, *back_label;
	bool		 danger;
};
/* The field page_confirm() adds, confirm=1, in each form that asks
 * first; a value that is not 1 reads as not confirmed. */
#define FORM_CONFIRM	{ .name = "confirm", .kind = FORM_CHECK, .label = "Confirm" }

/*
 * The answer to a dispute or to an escrow refund request, one form for
 * both routes: decision=accept|decline (DESIGN.md section 3), asked
 * first (confirm).  The decision's value is an enum answer.
 */
enum answer_field {
	ANSWER_DECISION,
	ANSWER_CONFIRM,
	ANSWER__MAX
};
enum answer {
	ANSWER_ACCEPT,
	ANSWER_DECLINE
};
extern const struct form_field answer_form[ANSWER__MAX];
void		 page_confirm(struct req *, const struct contract *,
		    const struct confirm *);

void	 page_root(struct req *);
void	 page_healthz(struct req *);
void	 page_metrics(struct req *);
void	 page_login(struct req *);
void	 page_login_post(struct req *);
void	 page_logout_post(struct req *);
void	 page_dashboard(struct req *);
void	 page_contract(struct req *);

/* Ending and what it settles: Work Diary, billing, disputes, refunds,
 * notifications. */
void	 page_end(struct req *);			/* page-end.c */
void	 page_end_post(struct req *);
void	 page_escrow_post(struct req *);
void	 page_diary(struct req *);			/* page-diary.c */
void	 page_diary_post(struct req *);
void	 page_diary_edit_post(struct req *);
void	 page_diary_delete_post(struct req *);
void	 page_billing(struct req *);			/* page-billing.c */
void	 page_disputes_post(struct req *);
void	 page_dispute_answer_post(struct req *);
void	 page_payments(struct req *);			/* page-payments.c */
void	 page_refunds_post(struct req *);
void	 page_notifications(struct req *);		/* page-notifications.c */
void	 page_notifications_read_post(struct req *);
/* page-end.c: the contract page's part about ending and what it settles
 * (links, escrow request, disputes); 0, or -1 on a db error. */
int	 ending_contract_blocks(struct req *, struct dict *, const struct contract *);

/* After the end: checklist, feedback, profiles, help. */
void	 page_checklist(struct req *);			/* page-checklist.c */
void	 page_checklist_post(struct req *);
void	 page_checklist_remind_post(struct req *);
void	 page_feedback(struct req *);			/* page-feedback.c */
void	 page_feedback_post(struct req *);
void	 page_feedback_response_post(struct req *);
void	 page_user(struct req *);			/* page-user.c */
void	 page_help(struct req *);			/* page-help.c */
void	 page_help_vote_post(struct req *);
void	 page_settings(struct req *);			/* page-settings.c */
void	 page_settings_post(struct req *);
void	 page_settings_sessions_revoke_post(struct req *);
void	 page_messages(struct req *);			/* page-messages.c */
void	 page_messages_post(struct req *);
void	 page_messages_read_post(struct req *);
/* The CSV exports: page-payments.c, page-diary.c, page-billing.c. */
void	 page_payments_csv(struct req *);
void	 page_diary_csv(struct req *);
void	 page_billing_csv(struct req *);
/*
 * page-common.c: make r's response a CSV download of contract c, named
 * "contract-<id>-<title in ASCII>-<what>.csv"; returns the body to fill
 * (util/csv.h).
 */
struct buf	*page_csv(struct req *, const struct contract *, const char *what);
/* page-messages.c: the contract page's link to its thread, with how
 * many of its messages the viewer has not read.  0, or -1. */
int	 messages_contract_dict(struct req *, struct dict *, const struct contract *);
/* page-checklist.c: how many items the viewer's side of c has ticked
 * (*done); 0, or -1 on a db error. */
int	 checklist_done(const struct contract *, int64_t *done);
/* page-feedback.c: the contract page's "after the end" block (checklist
 * progress, both sides' feedback state, visibility by feedback_visible());
 * 0, or -1 on a db error. */
int	 after_contract_dict(struct req *, struct dict *, const struct contract *);
/* page-feedback.c: overall score and one row (CAT) per category rated,
 * stars indexed by enum feedback_cat (0: not rated). */
void	 feedback_stars_dict(struct dict *, const int64_t *stars, int64_t overall,
	    bool by_client);
/* page-feedback.c: a dashboard row's feedback state (section FEEDBACK). */
void	 feedback_row_dict(struct req *, struct dict *row, bool mine_left,
	    bool other_left, int64_t other_overall, int64_t ended_at);

#endif
