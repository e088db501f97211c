/*
 * agent: a short, fixed-vocabulary name for a browser ("Firefox on
 * Linux") from its User-Agent header, for the list of sessions in
 * /settings.  Nothing of the header itself is kept: the summary is made
 * of words from the two tables below, so it is short, plain ASCII and
 * safe to store and show whatever the header held.  Pure.
 */
#include <string.h>

#include "auth/auth.h"

struct mark {
	const char	*needle;	/* found anywhere in the header */
	const char	*name;
};

/*
 * First match wins, so the order matters: Edge and Opera say "Chrome",
 * Chrome says "Safari", Android says "Linux", iPhones say "Mac OS X".
 */
static const struct mark browsers[] = {
	{ "Edg/",	"Edge" },
	{ "OPR/",	"Opera" },
	{ "Firefox/",	"Firefox" },
	{ "Chromium/",	"Chromium" },
	{ "Chrome/",	"Chrome" },
	{ "Safari/",	"Safari" },
	{ "curl/",	"curl" },
};
static const struct mark systems[] = {
	{ "Android",	"Android" },
	{ "iPhone",	"iOS" },
	{ "iPad",	"iPadOS" },
	{ "CrOS",	"ChromeOS" },
	{ "Windows",	"Windows" },
	{ "Mac OS X",	"macOS" },
	{ "Linux",	"Linux" },
};

#define NMARKS(t)	(sizeof(t) / sizeof((t)[0]))

static const char *
first_mark(const char *ua, const struct mark *t, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strstr(ua, t[i].needle) != NULL)
			return t[i].name;
	return NULL;
}

void
auth_agent_summary(const char *ua, char out[AUTH_AGENT_LEN])
{
	const char	*b, *os;

	if (ua == NULL)
		ua = "";
	b = first_mark(ua, browsers, NMARKS(browsers));
	os = first_mark(ua, systems, NMARKS(systems));
	strcpy(out, b != NULL ? b : "A browser");
	if (os != NULL) {
		strcat(out, " on ");
		strcat(out, os);
	}
}
