/*
 * auth: passwords, session tokens, the session gate and CSRF checks.
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "auth/auth.h"
#include "db/db.h"
#include "http/http.h"

#define PW_OPS	2
#define PW_MEM	(19 * 1024 * 1024)	/* OWASP: argon2id, 19 MiB, t=2, p=1 */

/* A hash verified when the email is unknown, so both cost the same. */
static char	 dummy_hash[AUTH_PWHASH_LEN];

int
auth_init(void)
{
	if (sodium_init() < 0)
		return -1;
	return auth_hash_password("not a password", dummy_hash);
}

int
auth_hash_password(const char *pw, char out[AUTH_PWHASH_LEN])
{
	return crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPS, PW_MEM,
	    crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
}

bool
auth_check_password(const char *hash, const char *pw)
{
	if (hash == NULL || *hash == '\0')
		hash = dummy_hash;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0 &&
	    hash != dummy_hash;
}

/*
 * A session's own small write, in its own short write transaction: the
 * page's reads have not begun (they begin after it, with a fresh
 * snapshot), and its failure never fails the request (DESIGN.md section
 * 6): it is logged, and the request goes on as it would have.
 */
static void
session_touch(enum stmt which, int64_t sid, int64_t now)
{
	if (db_begin_write() == -1 ||
	    db_exec(which == STMT_SESSION_DEL ? db_prep(STMT_SESSION_DEL, sid) :
	    db_prep(STMT_SESSION_SEEN, sid, now)) == -1 ||
	    db_commit() == -1) {
		db_rollback();
		fprintf(stderr, "auth: session %lld not %s; going on\n", (long long)sid,
		    which == STMT_SESSION_DEL ? "forgotten" : "refreshed");
	}
}

int
session_load(struct req *r)
{
	const char	*tok = req_cookie(r, "sid");
	unsigned char	 h[32];
	struct db_stmt	*st;
	int		 rc;
	int64_t		 sid, created, seen;

	if (auth_token_valid(tok)) {
		auth_token_hash(tok, h);
		st = db_prep(STMT_SESSION_GET, h);
		if ((rc = db_row(st)) == -1)
			return -1;
		if (rc == 1) {
			sid = db_int(st, 0);
			created = db_int(st, 3);
			seen = db_int(st, 4);
			if (auth_session_alive(created, seen, r->now)) {
				r->sid = sid;
				r->uid = db_int(st, 1);
				r->csrf = arena_strdup(&r->arena, db_text(st, 2));
				r->uname = arena_strdup(&r->arena, db_text(st, 5));
				r->unread = db_int(st, 6);
				r->unread_messages = db_int(st, 7);
				r->unread_thread = db_int(st, 8);
				r->tzname = arena_strdup(&r->arena, db_text(st, 9));
			}
			db_done(st);
			if (r->sid == 0) {	/* expired: forget it */
				session_touch(STMT_SESSION_DEL, sid, r->now);
				resp_cookie(r, "sid", "", 0);
			} else if (r->now - seen >= AUTH_SEEN_EVERY)
				session_touch(STMT_SESSION_SEEN, sid, r->now);
		} else
			resp_cookie(r, "sid", "", 0);
	}
	if (r->sid != 0)
		return 0;
	/* Signed out: the login form's CSRF token rides in its own cookie
	 * (page_begin makes one when a page needs it). */
	tok = req_cookie(r, "lcsrf");
	if (auth_token_valid(tok))
		r->csrf = tok;
	return 0;
}

/*
 * A new session at every sign-in, and the one it replaces in this
 * browser (the sid cookie it sent, whoever's it was: session_load found
 * it alive) ends in the same transaction, so an old or planted cookie
 * never outlives the sign-in.  The user's expired sessions are cleared
 * on the way.
 */
int
session_start(struct req *r, int64_t uid)
{
	char		 tok[AUTH_TOKEN_LEN + 1], csrf[AUTH_TOKEN_LEN + 1];
	char		 agent[AUTH_AGENT_LEN];
	unsigned char	 h[32];

	auth_token(tok);
	auth_token(csrf);
	auth_token_hash(tok, h);
	auth_agent_summary(FCGX_GetParam("HTTP_USER_AGENT", r->fcgx->envp), agent);
	if (db_begin_write() == -1)
		return -1;
	if ((r->sid != 0 &&
	    db_exec(db_prep(STMT_SESSION_DEL, r->sid)) == -1) ||
	    db_exec(db_prep(STMT_SESSION_PURGE, uid, r->now - AUTH_IDLE,
	    r->now - AUTH_LIFETIME)) == -1 ||
	    db_exec(db_prep(STMT_SESSION_ADD, h, uid, csrf, r->now,
	    agent)) == -1 ||
	    db_commit() == -1) {
		db_rollback();
		return -1;
	}
	resp_cookie(r, "sid", tok, -1);
	resp_cookie(r, "lcsrf", "", 0);
	return 0;
}

/*
 * Sign-out ends the session on the server whatever else is happening: a
 * write transaction of its own, which waits its turn behind other
 * writers (the busy timeout) rather than failing.  The cookie is cleared
 * in any case.  0, or -1 when the database could not record it.
 */
int
session_end(struct req *r)
{
	int	 rc = 0;

	if (r->sid != 0 && (db_begin_write() == -1 ||
	    db_exec(db_prep(STMT_SESSION_DEL, r->sid)) == -1 ||
	    db_commit() == -1)) {
		db_rollback();
		rc = -1;
	}
	resp_cookie(r, "sid", "", 0);
	return rc;
}

bool
csrf_ok(const struct req *r)
{
	return auth_token_valid(r->csrf) && auth_equal(req_form(r, "csrf"), r->csrf);
}
