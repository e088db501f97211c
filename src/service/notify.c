/*
 * notify: notifications, their emails (as outbox rows) and the contract
 * timeline.  The one place that writes to notifications, so that no
 * notification goes out without its email, nor an email without the
 * reader's say.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "domain/date.h"
#include "domain/zone.h"
#include "service/notify.h"

#define NOTICE_MARK	'\001'	/* around a deadline's seconds, see notice_deadline() */
#define BODY_MAX	4096

const struct notice_kind notice_kinds[NOTICE__MAX] = {
#define NOTICE(name, kind, key, label, path) { kind, key, label, path },
	NOTICES
#undef NOTICE
};

enum notice
notice_by_kind(const char *s)
{
	int	 i;

	for (i = 0; i < NOTICE__MAX; i++)
		if (strcmp(notice_kinds[i].kind, s) == 0)
			return (enum notice)i;
	return NOTICE__MAX;
}

void
notice_deadline(int64_t t, char out[NOTICE_TIME_SZ])
{
	snprintf(out, NOTICE_TIME_SZ, "%c%lld%c", NOTICE_MARK, (long long)t, NOTICE_MARK);
}

/*
 * body with each deadline mark replaced by the deadline in uid's zone,
 * into out.  0, or -1 on a db error.
 */
static int
notice_localize(int64_t uid, const char *body, char *out, size_t size)
{
	struct db_stmt		*st = db_prep(STMT_USER_ZONE_GET, uid);
	const struct zone	*z = NULL;
	char			 when[DATE_ZONED_SZ], *end;
	size_t			 len = 0, k;
	long long		 t;

	if (db_row(st) != 1)
		return -1;
	z = zone_get(db_text(st, 0));
	db_done(st);
	while (*body != '\0' && len + 1 < size) {
		if (*body == NOTICE_MARK && (t = strtoll(body + 1, &end, 10), *end == NOTICE_MARK)) {
			date_format_deadline((int64_t)t, z, when);
			k = strlen(when);
			if (len + k >= size)
				break;
			memcpy(out + len, when, k);
			len += k;
			body = end + 1;
		} else
			out[len++] = *body++;
	}
	out[len] = '\0';
	return 0;
}

int
notify(int64_t uid, int64_t contract, enum notice n, const char *body, int64_t at)
{
	/* The outbox keeps the wall clock: delivery is no rule of the
	 * product, and a pinned clock must not stop the mail. */
	int64_t	 wall = (int64_t)time(NULL);
	char	 local[BODY_MAX];

	if (strchr(body, NOTICE_MARK) != NULL) {
		if (notice_localize(uid, body, local, sizeof(local)) == -1)
			return -1;
		body = local;
	}

	if (db_exec(db_prep(STMT_NOTIFY_ADD, uid, contract,
	    notice_kinds[n].kind, body, at)) == -1)
		return -1;
	return db_exec(db_prep(STMT_OUTBOX_ADD, db_last_id(), wall, uid,
	    notice_kinds[n].kind));
}

int
notify_once(int64_t uid, int64_t contract, enum notice n, const char *body, int64_t at)
{
	struct db_stmt	*st = db_prep(STMT_NOTIFY_SENT, uid, contract,
			    notice_kinds[n].kind);
	int		 rc = db_row(st);

	if (rc == 1)
		db_done(st);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	return notify(uid, contract, n, body, at);
}

int
notify_party(int64_t contract, enum party p, enum notice n, const char *body,
    int64_t at)
{
	int64_t		 uids[32];
	struct db_stmt	*st;
	int		 k = 0, i, rc;

	st = p == PARTY_CLIENT ? db_prep(STMT_CONTRACT_CLIENT, contract) :
	    db_prep(STMT_CONTRACT_FREELANCER_SIDE, contract);
	while ((rc = db_row(st)) == 1)
		if (k < (int)(sizeof(uids) / sizeof(uids[0])))
			uids[k++] = db_int(st, 0);
	if (rc == -1)
		return -1;
	for (i = 0; i < k; i++)
		if (notify(uids[i], contract, n, body, at) == -1)
			return -1;
	return 0;
}

int
event_add(int64_t contract, int64_t actor, const char *kind, const char *detail,
    int64_t at)
{
	return db_exec(db_prep(STMT_CONTRACT_EVENT_ADD, contract, at, actor, kind, detail));
}

int
notify_email_on(int64_t uid, enum notice n, bool *on)
{
	struct db_stmt	*st = db_prep(STMT_NOTIFY_EMAIL_OFF_GET, uid, notice_kinds[n].kind);
	int		 rc = db_row(st);

	if (rc == 1)
		db_done(st);
	*on = rc == 0;
	return rc == -1 ? -1 : 0;
}

int
notify_email_set(int64_t uid, enum notice n, bool on)
{
	const char	*kind = notice_kinds[n].kind;

	return db_exec(on ? db_prep(STMT_NOTIFY_EMAIL_OFF_DEL, uid, kind) :
	    db_prep(STMT_NOTIFY_EMAIL_OFF_ADD, uid, kind));
}
