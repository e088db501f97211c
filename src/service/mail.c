/*
 * mail: the outbox, delivered over SMTP with libcurl.  See mail.h for the
 * protocol: lease, send, record; one Message-ID per notification.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "db/db.h"
#include "service/mail.h"
#include "service/notify.h"

#define MAIL_BATCH	50
#define MAIL_LEASE	300		/* seconds a step holds a message */
#define MAIL_MAX_WAIT	3600		/* the longest wait between tries */
#define MAIL_SIZE	16384

static const char *
env_or(const char *name, const char *dflt)
{
	const char	*v = getenv(name);

	return v != NULL && *v != '\0' ? v : dflt;
}

/* The domain of an address, for the Message-ID: after '@', up to '>'. */
static void
mail_domain(const char *from, char out[128])
{
	const char	*at = strrchr(from, '@');
	size_t		 n;

	if (at == NULL) {
		snprintf(out, 128, "localhost");
		return;
	}
	n = strcspn(at + 1, "> \t\r\n");
	snprintf(out, 128, "%.*s", (int)(n < 127 ? n : 127), at + 1);
}

/*
 * A header value as RFC 2047 encoded-words when it is not plain ASCII,
 * else as it is; control characters never reach a header (they would
 * start a new one).
 */
static int
header_text(const char *s, char *out, size_t size)
{
	char	 clean[512], b64[700];
	size_t	 i, n = 0;
	bool	 ascii = true;

	for (i = 0; s[i] != '\0' && n < sizeof(clean) - 1; i++) {
		unsigned char c = (unsigned char)s[i];

		clean[n++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
		if (c >= 0x80)
			ascii = false;
	}
	clean[n] = '\0';
	if (ascii)
		return snprintf(out, size, "%s", clean) < (int)size ? 0 : -1;
	/* One encoded-word per 45 bytes keeps each under 75 characters; a
	 * UTF-8 sequence is never cut in two. */
	out[0] = '\0';
	for (i = 0; i < n; ) {
		size_t	 len = n - i < 45 ? n - i : 45, used = strlen(out);

		while (i + len < n && ((unsigned char)clean[i + len] & 0xc0) == 0x80)
			len--;
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)clean + i, len,
		    sodium_base64_VARIANT_ORIGINAL);
		if (snprintf(out + used, size - used, "%s=?UTF-8?B?%s?=",
		    i == 0 ? "" : "\r\n ", b64) >= (int)(size - used))
			return -1;
		i += len;
	}
	return 0;
}

/* Append text to out at *len, its lines wrapped at 76 columns where a
 * space allows, each ended by CRLF. */
static int
body_text(const char *s, char *out, size_t size, size_t *len)
{
	size_t	 col = 0, word;

	while (*s != '\0') {
		if (*s == '\n') {
			s++;
			col = 0;
			if (*len + 2 >= size)
				return -1;
			out[(*len)++] = '\r';
			out[(*len)++] = '\n';
			continue;
		}
		word = strcspn(s, " \n");
		if (col > 0 && col + 1 + word > 76) {
			if (*len + 2 >= size)
				return -1;
			out[(*len)++] = '\r';
			out[(*len)++] = '\n';
			col = 0;
		} else if (col > 0) {
			if (*len + 1 >= size)
				return -1;
			out[(*len)++] = ' ';
			col++;
		}
		if (word > 900)		/* RFC 5322: no line over 998 */
			word = 900;
		if (*len + word + 2 >= size)
			return -1;
		memcpy(out + *len, s, word);
		*len += word;
		col += word;
		s += word;
		if (*s == ' ')
			s++;
	}
	if (*len + 2 >= size)
		return -1;
	out[(*len)++] = '\r';
	out[(*len)++] = '\n';
	out[*len] = '\0';
	return 0;
}

int
mail_format(const struct mail_msg *m, int64_t wall, char *out, size_t size)
{
	const char	*from = env_or("MAIL_FROM", "contracts@localhost");
	const char	*base = env_or("BASE_URL", "http://127.0.0.1:8080");
	enum notice	 n = notice_by_kind(m->kind);
	const char	*label = n < NOTICE__MAX ? notice_kinds[n].label : "Contracts";
	char		 subject[1024], to[512], domain[128], date[64], text[4096];
	char		 link[600];
	time_t		 t = (time_t)wall;
	struct tm	 tm;
	size_t		 len;
	int		 w;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	mail_domain(from, domain);
	snprintf(text, sizeof(text), "%s%s%s", label, *m->title != '\0' ? ": " : "",
	    m->title);
	if (header_text(text, subject, sizeof(subject)) == -1 ||
	    header_text(m->to_name, text, sizeof(text)) == -1)
		return -1;
	if (snprintf(to, sizeof(to), "%s <%s>", text, m->to) >= (int)sizeof(to))
		return -1;
	if (m->contract != 0)
		snprintf(link, sizeof(link), "%s/contracts/%lld%s", base,
		    (long long)m->contract, n < NOTICE__MAX ? notice_kinds[n].path : "");
	else
		snprintf(link, sizeof(link), "%s/notifications", base);
	w = snprintf(out, size, "Date: %s\r\nFrom: Contracts <%s>\r\nTo: %s\r\n"
	    "Subject: %s\r\nMessage-ID: <notification-%lld@%s>\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n",
	    date, from, to, subject, (long long)m->id, domain);
	if (w < 0 || (size_t)w >= size)
		return -1;
	len = (size_t)w;
	snprintf(text, sizeof(text), "Hello %s,\n\n%s\n\nSee it and act on it here:\n"
	    "%s\n\nYou get this email from Contracts because of your notification "
	    "settings; change them at %s/settings.", m->to_name, m->body, link, base);
	return body_text(text, out, size, &len);
}

/* ---- sending ---- */

struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
upload_read(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct upload	*u = arg;
	size_t		 n = size * nmemb < u->left ? size * nmemb : u->left;

	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* One message over the handle's connection; CURLE_OK when accepted. */
static CURLcode
mail_send(CURL *c, const char *url, const char *to, const char *msg, char err[CURL_ERROR_SIZE])
{
	const char		*from = env_or("MAIL_FROM", "contracts@localhost");
	struct curl_slist	*rcpt = curl_slist_append(NULL, to);
	struct upload		 u = { msg, strlen(msg) };
	CURLcode		 rc;

	if (rcpt == NULL)
		return CURLE_OUT_OF_MEMORY;
	err[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	if (rc != CURLE_OK && err[0] == '\0')
		snprintf(err, CURL_ERROR_SIZE, "%s", curl_easy_strerror(rc));
	return rc;
}

/* The wait before try number attempts + 1. */
static int64_t
mail_backoff(int64_t attempts)
{
	int64_t	 wait = strtoll(env_or("MAIL_RETRY_BASE", "30"), NULL, 10);

	if (wait < 1)
		wait = 1;
	while (attempts-- > 1 && wait < MAIL_MAX_WAIT)
		wait *= 2;
	return wait < MAIL_MAX_WAIT ? wait : MAIL_MAX_WAIT;
}

/* Record how one message went, in a write transaction of its own. */
static int
mail_record(int64_t id, int64_t attempts, int64_t wall, const char *err)
{
	if (db_begin_write() == -1)
		return -1;
	if ((err == NULL ? db_exec(db_prep(STMT_OUTBOX_SENT, id, wall)) :
	    db_exec(db_prep(STMT_OUTBOX_FAILED, id,
	    wall + mail_backoff(attempts + 1), err))) == -1 || db_commit() == -1) {
		db_rollback();
		return -1;
	}
	return 0;
}

int
mail_deliver(const char *url, int64_t wall, struct mail_report *rep)
{
	static struct { struct mail_msg m; int64_t attempts; bool mine; } q[MAIL_BATCH];
	static char	 texts[MAIL_BATCH][5][600];
	static char	 msg[MAIL_SIZE];
	char		 err[CURL_ERROR_SIZE], down[CURL_ERROR_SIZE] = "";
	struct db_stmt	*st;
	CURL		*c = NULL;
	CURLcode	 cc;
	int		 n, i, j, rc = 0;

	memset(rep, 0, sizeof(*rep));
	if (url == NULL || *url == '\0')
		return 0;
	do {
		n = 0;
		st = db_prep(STMT_OUTBOX_DUE, wall, (int64_t)MAIL_BATCH);
		while (n < MAIL_BATCH && (rc = db_row(st)) == 1) {
			struct mail_msg *m = &q[n].m;
			const int cols[5] = { 1, 2, 4, 5, 6 };

			for (j = 0; j < 5; j++)
				snprintf(texts[n][j], sizeof(texts[n][j]), "%s",
				    db_text(st, cols[j]));
			m->id = db_int(st, 0);
			m->kind = texts[n][0];
			m->body = texts[n][1];
			m->contract = db_int(st, 3);
			m->title = texts[n][2];
			m->to = texts[n][3];
			m->to_name = texts[n][4];
			q[n].attempts = db_int(st, 7);
			n++;
		}
		db_done(st);
		if (rc == -1)
			goto fail;
		if (n == 0)
			break;
		/* Hold them, so that another step sends none of these. */
		if (db_begin_write() == -1)
			goto fail;
		for (i = 0; i < n; i++) {
			if (db_exec(db_prep(STMT_OUTBOX_CLAIM, q[i].m.id,
			    wall + MAIL_LEASE, wall)) == -1) {
				db_rollback();
				goto fail;
			}
			q[i].mine = db_changes() == 1;
		}
		if (db_commit() == -1)
			goto fail;
		if (c == NULL && (c = curl_easy_init()) == NULL) {
			fprintf(stderr, "mail: curl does not start\n");
			goto fail;
		}
		for (i = 0; i < n; i++) {
			if (!q[i].mine)
				continue;
			/* The server is down: the rest wait for the next try too. */
			if (down[0] != '\0') {
				if (mail_record(q[i].m.id, q[i].attempts, wall, down) == -1)
					goto fail;
				rep->failed++;
				continue;
			}
			if (mail_format(&q[i].m, wall, msg, sizeof(msg)) == -1)
				snprintf(err, sizeof(err), "the message does not fit");
			else if ((cc = mail_send(c, url, q[i].m.to, msg, err)) == CURLE_OK) {
				if (mail_record(q[i].m.id, q[i].attempts, wall, NULL) == -1)
					goto fail;
				rep->sent++;
				continue;
			} else if (cc == CURLE_COULDNT_CONNECT || cc == CURLE_COULDNT_RESOLVE_HOST ||
			    cc == CURLE_OPERATION_TIMEDOUT || cc == CURLE_SEND_ERROR ||
			    cc == CURLE_RECV_ERROR)
				snprintf(down, sizeof(down), "%s", err);
			fprintf(stderr, "mail: notification %lld to %s not sent: %s\n",
			    (long long)q[i].m.id, q[i].m.to, err);
			if (mail_record(q[i].m.id, q[i].attempts, wall, err) == -1)
				goto fail;
			rep->failed++;
		}
	} while (n == MAIL_BATCH && down[0] == '\0');
	if (c != NULL)
		curl_easy_cleanup(c);
	return 0;
fail:
	if (c != NULL)
		curl_easy_cleanup(c);
	return -1;
}
