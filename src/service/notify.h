/*
 * notify: what the app tells people.  A notification is a line on
 * /notifications and, unless its reader turned that kind off in
 * /settings, an email: both are written in the write transaction of the
 * event they tell of (the email as an outbox row the scheduled step
 * delivers, see mail.h).  Also a contract's timeline (events).
 *
 * Below the pages: pages, the scheduled step and contractsctl call it.
 */
#ifndef NOTIFY_H
#define NOTIFY_H
#include <stdbool.h>
#include <stdint.h>

/* Every kind of notification: its stored name, the key of its email
 * switch in /settings (email_<key>), how it reads, and where one acts on
 * it (a path under /contracts/{id}). */
#define NOTICES \
	NOTICE(CONTRACT_ENDED, "contract ended", "contract_ended", \
	    "A contract was ended", "") \
	NOTICE(ESCROW_REQUEST, "escrow request", "escrow_request", \
	    "An escrow refund request to answer", "") \
	NOTICE(ESCROW_SETTLED, "escrow settled", "escrow_settled", \
	    "An escrow refund request was settled", "") \
	NOTICE(REFUND, "refund", "refund", "A refund was given", "/payments") \
	NOTICE(INVOICE_ISSUED, "invoice issued", "invoice_issued", \
	    "A weekly invoice was issued", "/billing") \
	NOTICE(FUNDS_AVAILABLE, "funds available", "funds_available", \
	    "Funds became available", "/billing") \
	NOTICE(DISPUTE_OPENED, "dispute opened", "dispute_opened", \
	    "Hours were disputed", "/billing") \
	NOTICE(DISPUTE_ANSWERED, "dispute answered", "dispute_answered", \
	    "A dispute was answered", "/billing") \
	NOTICE(DISPUTE_ESCALATED, "dispute escalated", "dispute_escalated", \
	    "A dispute went to the marketplace", "/billing") \
	NOTICE(FEEDBACK_LEFT, "feedback_left", "feedback_left", \
	    "The other side left feedback", "/feedback") \
	NOTICE(FEEDBACK_REVEALED, "feedback_revealed", "feedback_revealed", \
	    "Feedback was revealed", "/feedback") \
	NOTICE(FEEDBACK_REMINDER, "feedback_reminder", "feedback_reminder", \
	    "Feedback window closing", "/feedback") \
	NOTICE(FEEDBACK_RESPONSE, "feedback_response", "feedback_response", \
	    "A response to your feedback", "/feedback") \
	NOTICE(PROPERTY_REMINDER, "property_reminder", "property_reminder", \
	    "Remove the client's property", "/checklist") \
	NOTICE(MESSAGE, "message", "message", "A new message", "/messages")

enum notice {
#define NOTICE(name, kind, key, label, path) NOTICE_##name,
	NOTICES
#undef NOTICE
	NOTICE__MAX
};

struct notice_kind {
	const char	*kind;		/* as stored in notifications.kind */
	const char	*key;		/* email_<key> in /settings */
	const char	*label;		/* "A contract was ended" */
	const char	*path;		/* after /contracts/{id}: "/billing" */
};
extern const struct notice_kind notice_kinds[NOTICE__MAX];

/* The kind stored as s, or NOTICE__MAX. */
enum notice	 notice_by_kind(const char *s);

/* The two sides of a contract, as notifications address them. */
enum party {
	PARTY_CLIENT = 0,
	PARTY_FREELANCER,	/* the freelancer and the agency's owner/admins */
	PARTY__MAX
};

/*
 * Within a write transaction.  notify() tells user uid about contract
 * (0: none) at time at: the notification and, unless uid turned the kind
 * off, its email in the outbox.  notify_party() tells every user of one
 * side: the client, or the freelancer of record with the agency's owners
 * and admins (DESIGN.md section 1), each once.  notify_once() does
 * nothing when uid was already told this kind about contract.  0, or -1
 * on a database error (logged).
 */
int	 notify(int64_t uid, int64_t contract, enum notice, const char *body,
	    int64_t at);
int	 notify_party(int64_t contract, enum party, enum notice, const char *body,
	    int64_t at);
int	 notify_once(int64_t uid, int64_t contract, enum notice, const char *body,
	    int64_t at);

/*
 * A deadline inside a notification's text, in each reader's own time
 * zone: the caller writes this mark where the time goes, and notify()
 * replaces it, per reader, with the deadline in their zone and in UTC
 * ("Fri, Dec 4, 2026, 18:59 EST (23:59 UTC)"; for a UTC reader "Fri, Dec
 * 4, 2026, 23:59 UTC").  The stored notification, the page and the email
 * all read the same.
 */
#define NOTICE_TIME_SZ	24
void	 notice_deadline(int64_t t, char out[NOTICE_TIME_SZ]);

/* Within a write transaction: a line on contract's timeline, by actor
 * (0: the marketplace itself).  0, or -1. */
int	 event_add(int64_t contract, int64_t actor, const char *kind,
	    const char *detail, int64_t at);

/* Whether uid gets email of this kind (the /settings switch). */
int	 notify_email_on(int64_t uid, enum notice, bool *on);
/* Within a write transaction: turn uid's email of this kind on or off. */
int	 notify_email_set(int64_t uid, enum notice, bool on);

#endif
