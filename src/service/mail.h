/*
 * mail: delivering the outbox over SMTP (libcurl), from the scheduled
 * step.  A message is held by one step while it is sent (a lease), sent
 * with a Message-ID made from its notification, so that the same message
 * is the same mail however often it is tried, and recorded as sent
 * after the server accepted it.  A message the server did not take is
 * tried again later, the wait doubling from MAIL_RETRY_BASE seconds
 * (default 30) up to an hour.
 *
 * Environment: SMTP_URL (smtp://host:port; without it mail stays in the
 * outbox), MAIL_FROM (an address, contracts@localhost), BASE_URL (the
 * site's address for links, http://127.0.0.1:8080).
 */
#ifndef MAIL_H
#define MAIL_H
#include <stdint.h>

struct mail_report {
	int	 sent;
	int	 failed;	/* attempts that failed; tried again later */
};

/* Sends what is due at wall (the real clock).  0, or -1 on a database
 * error. */
int	 mail_deliver(const char *smtp_url, int64_t wall, struct mail_report *);

/* The message for one notification, headers and body, CRLF lines.  0, or
 * -1 when out bounds. */
struct mail_msg {
	int64_t		 id;		/* the notification's */
	const char	*kind, *body, *title, *to, *to_name;
	int64_t		 contract;
};
int	 mail_format(const struct mail_msg *, int64_t wall, char *out, size_t size);

#endif
