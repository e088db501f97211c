/*
 * token: session and CSRF tokens.  Pure apart from libsodium's random
 * bytes, so the unit tests cover it without a database.
 */
#include <string.h>
#include <sodium.h>

#include "auth/auth.h"

void
auth_token(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char	 raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool
auth_token_valid(const char *s)
{
	size_t	 i;

	if (s == NULL || strlen(s) != AUTH_TOKEN_LEN)
		return false;
	for (i = 0; i < AUTH_TOKEN_LEN; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

void
auth_token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token),
	    NULL, 0);
}

bool
auth_equal(const char *a, const char *b)
{
	size_t	 n;

	if (a == NULL || b == NULL || (n = strlen(a)) != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

bool
auth_session_alive(int64_t created, int64_t seen, int64_t now)
{
	return now - seen < AUTH_IDLE && now - created < AUTH_LIFETIME &&
	    created <= now + 60;
}
