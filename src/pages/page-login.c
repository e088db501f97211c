/*
 * page-login: GET /, GET /healthz, GET and POST /login, POST /logout.
 */
#include <string.h>

#include "auth/auth.h"
#include "db/db.h"
#include "pages/pages.h"

#define MAX_EMAIL	254
#define MAX_PASSWORD	1024

void
page_root(struct req *r)
{
	resp_redirect(r, r->uid != 0 ? "/contracts" : "/login");
}

void
page_healthz(struct req *r)
{
	struct db_stmt	*st = db_prep(STMT_CHECK_HEALTH);

	if (db_row(st) != 1) {
		r->resp.status = 503;
		r->resp.ctype = "text/plain; charset=utf-8";
		buf_puts(&r->resp.body, "database unavailable\n");
		return;
	}
	db_done(st);
	r->resp.status = 200;
	r->resp.ctype = "text/plain; charset=utf-8";
	buf_puts(&r->resp.body, "ok\n");
}

/* Where to go after sign-in: a local path of ours, else the dashboard. */
static const char *
next_page(const char *next)
{
	const char	*p;

	if (next == NULL || next[0] != '/' || next[1] == '/')
		return "/contracts";
	for (p = next; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '/' || *p == '-'))
			return "/contracts";
	return next;
}

static void
login_form(struct req *r, int status, const char *error, const char *email)
{
	struct dict	*d;

	d = page_begin(r, TPL_LOGIN, "Sign in");
	dict_set(d, "EMAIL", email);
	dict_set(d, "NEXT", next_page(req_param(r, "next")));
	if (error != NULL) {
		dict_show(d, "ERROR");
		dict_set(d, "ERROR_TEXT", error);
	}
	r->resp.status = status;
	page_finish(r);
}

/* POST /login: email and password as typed (spaces are content), next
 * the page to go on to (next_page() decides). */
enum login_field {
	LOGIN_EMAIL,
	LOGIN_PASSWORD,
	LOGIN_NEXT,
	LOGIN__MAX
};

static const struct form_field login_fields[LOGIN__MAX] = {
	[LOGIN_EMAIL] = { .name = "email", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED | FORM_VERBATIM | FORM_LINES | FORM_BYTES,
	    .max = MAX_EMAIL, .label = "Email" },
	[LOGIN_PASSWORD] = { .name = "password", .kind = FORM_TEXT,
	    .flags = FORM_REQUIRED | FORM_VERBATIM | FORM_LINES | FORM_BYTES,
	    .max = MAX_PASSWORD, .label = "Password" },
	[LOGIN_NEXT] = { .name = "next", .kind = FORM_TEXT,
	    .flags = FORM_VERBATIM | FORM_LINES, .label = "Next" },
};

void
page_login(struct req *r)
{
	if (r->uid != 0) {
		resp_redirect(r, next_page(req_query(r, "next")));
		return;
	}
	login_form(r, 200, NULL, "");
}

void
page_login_post(struct req *r)
{
	struct form_value	 v[LOGIN__MAX];
	const char		*email, *pw;
	struct db_stmt		*st;
	int64_t			 uid = 0;
	char			 hash[AUTH_PWHASH_LEN] = "";
	int			 rc;

	(void)form_parse(&r->arena, &r->form, login_fields, LOGIN__MAX, v);
	email = v[LOGIN_EMAIL].text;
	pw = v[LOGIN_PASSWORD].text;
	if (v[LOGIN_EMAIL].err == FORM_MISSING ||
	    v[LOGIN_PASSWORD].err == FORM_MISSING) {
		login_form(r, 400, "Enter your email and your password.", email);
		return;
	}
	if (v[LOGIN_EMAIL].err != FORM_OK || v[LOGIN_PASSWORD].err != FORM_OK) {
		login_form(r, 400, "That email or password is too long.", "");
		return;
	}
	st = db_prep(STMT_USER_BY_EMAIL, email);
	if ((rc = db_row(st)) == -1) {
		page_fail(r);
		return;
	}
	if (rc == 1) {
		uid = db_int(st, 0);
		strncpy(hash, db_text(st, 1), sizeof(hash) - 1);
		db_done(st);
	}
	/* Unknown emails cost the same argon2id as known ones. */
	if (!auth_check_password(hash, pw) || uid == 0) {
		login_form(r, 400, "That email and password do not match an account. "
		    "Check them and try again.", email);
		return;
	}
	if (session_start(r, uid) == -1) {
		page_fail(r);
		return;
	}
	page_flash(r, FLASH_SIGNED_IN);
	resp_redirect(r, next_page(v[LOGIN_NEXT].raw));
}

void
page_logout_post(struct req *r)
{
	if (session_end(r) == -1) {
		page_fail(r);
		return;
	}
	page_flash(r, FLASH_SIGNED_OUT);
	resp_redirect(r, "/login");
}
