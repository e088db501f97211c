/* Unit tests for the browser summary of a session (src/auth/agent.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "auth/auth.h"

static const char *
summary(const char *ua)
{
	static char	 out[AUTH_AGENT_LEN];

	auth_agent_summary(ua, out);
	return out;
}

/* Real headers: the order of the tables decides, as the comment says. */
static void
agent_browsers(void **state)
{
	(void)state;
	assert_string_equal(summary("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) "
	    "Gecko/20100101 Firefox/128.0"), "Firefox on Linux");
	assert_string_equal(summary("Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
	    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
	    "Safari/537.36 Edg/126.0.0.0"), "Edge on Windows");
	assert_string_equal(summary("Mozilla/5.0 (Macintosh; Intel Mac OS X "
	    "10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
	    "Safari/605.1.15"), "Safari on macOS");
	assert_string_equal(summary("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 "
	    "like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
	    "Version/17.5 Mobile/15E148 Safari/604.1"), "Safari on iOS");
	assert_string_equal(summary("Mozilla/5.0 (Linux; Android 14; Pixel 8) "
	    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile "
	    "Safari/537.36"), "Chrome on Android");
	assert_string_equal(summary("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) "
	    "AppleWebKit/537.36 (KHTML, like Gecko) Chromium/126.0.0.0 "
	    "Chrome/126.0.0.0 Safari/537.36"), "Chromium on ChromeOS");
	assert_string_equal(summary("curl/7.88.1"), "curl");
}

/* Nothing of an unknown or hostile header is kept. */
static void
agent_unknown(void **state)
{
	(void)state;
	assert_string_equal(summary(NULL), "A browser");
	assert_string_equal(summary(""), "A browser");
	assert_string_equal(summary("<script>alert(1)</script>"), "A browser");
	assert_string_equal(summary("node"), "A browser");
	assert_string_equal(summary("evil\r\nFirefox/1 <b>Linux</b>"),
	    "Firefox on Linux");
	assert_true(strlen(summary("Chromium/1 CrOS")) < AUTH_AGENT_LEN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(agent_browsers),
		cmocka_unit_test(agent_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
