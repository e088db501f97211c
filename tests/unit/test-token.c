/* Unit tests for session and CSRF tokens (src/auth/token.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#include "auth/auth.h"

static void
token_shape(void **state)
{
	char	 a[AUTH_TOKEN_LEN + 1], b[AUTH_TOKEN_LEN + 1];

	(void)state;
	auth_token(a);
	auth_token(b);
	assert_int_equal(strlen(a), AUTH_TOKEN_LEN);	/* 256 bits in base64url */
	assert_true(auth_token_valid(a));
	assert_string_not_equal(a, b);
}

static void
token_valid_rejects(void **state)
{
	char	 t[AUTH_TOKEN_LEN + 2];

	(void)state;
	assert_false(auth_token_valid(NULL));
	assert_false(auth_token_valid(""));
	memset(t, 'a', AUTH_TOKEN_LEN);
	t[AUTH_TOKEN_LEN] = '\0';
	assert_true(auth_token_valid(t));
	t[AUTH_TOKEN_LEN - 1] = '\0';			/* one short */
	assert_false(auth_token_valid(t));
	memset(t, 'a', AUTH_TOKEN_LEN + 1);		/* one long */
	t[AUTH_TOKEN_LEN + 1] = '\0';
	assert_false(auth_token_valid(t));
	memset(t, 'a', AUTH_TOKEN_LEN);
	t[AUTH_TOKEN_LEN] = '\0';
	t[5] = '=';					/* padding is not ours */
	assert_false(auth_token_valid(t));
	t[5] = ';';
	assert_false(auth_token_valid(t));
	t[5] = '\x80';
	assert_false(auth_token_valid(t));
}

static void
token_hash(void **state)
{
	char		 a[AUTH_TOKEN_LEN + 1], b[AUTH_TOKEN_LEN + 1];
	unsigned char	 ha[32], ha2[32], hb[32];

	(void)state;
	auth_token(a);
	memcpy(b, a, sizeof(a));
	b[0] = b[0] == 'x' ? 'y' : 'x';
	auth_token_hash(a, ha);
	auth_token_hash(a, ha2);
	auth_token_hash(b, hb);
	assert_memory_equal(ha, ha2, 32);
	assert_memory_not_equal(ha, hb, 32);
}

static void
equal(void **state)
{
	(void)state;
	assert_true(auth_equal("abc", "abc"));
	assert_false(auth_equal("abc", "abd"));
	assert_false(auth_equal("abc", "ab"));
	assert_false(auth_equal("", "a"));
	assert_false(auth_equal(NULL, "a"));
	assert_false(auth_equal("a", NULL));
}

static void
session_expiry(void **state)
{
	int64_t	 t0 = 1795000000;

	(void)state;
	assert_true(auth_session_alive(t0, t0, t0));
	/* idle: alive a second before AUTH_IDLE, dead at it */
	assert_true(auth_session_alive(t0, t0, t0 + AUTH_IDLE - 1));
	assert_false(auth_session_alive(t0, t0, t0 + AUTH_IDLE));
	/* absolute: even when seen just now */
	assert_true(auth_session_alive(t0, t0 + AUTH_LIFETIME - 10, t0 + AUTH_LIFETIME - 1));
	assert_false(auth_session_alive(t0, t0 + AUTH_LIFETIME - 10, t0 + AUTH_LIFETIME));
	/* a session from the future is not trusted */
	assert_false(auth_session_alive(t0 + 3600, t0 + 3600, t0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(token_shape),
		cmocka_unit_test(token_valid_rejects),
		cmocka_unit_test(token_hash),
		cmocka_unit_test(equal),
		cmocka_unit_test(session_expiry),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("token", tests, NULL, NULL);
}
