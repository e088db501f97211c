/*
 * auth: passwords (argon2id through libsodium), sessions and CSRF.
 *
 * A session token is 256 random bits, sent only in an HttpOnly,
 * SameSite=Lax cookie; the database keeps its BLAKE2b hash.  Sessions end
 * after AUTH_IDLE seconds without a request or AUTH_LIFETIME after sign-in.
 * Each session carries its own CSRF token; a signed-out visitor gets one in
 * a cookie for the login form (double submit).
 */
#ifndef AUTH_H
#define AUTH_H
#include <stdbool.h>
#include <stdint.h>

struct req;

#define AUTH_IDLE	(12 * 3600)		/* 12 hours */
#define AUTH_LIFETIME	(7 * 86400)		/* 7 days */
#define AUTH_SEEN_EVERY	300			/* write seen_at at most every 5 min */
#define AUTH_TOKEN_LEN	43			/* base64url of 32 bytes */
#define AUTH_PWHASH_LEN	128			/* crypto_pwhash_STRBYTES */
#define AUTH_MIN_PASSWORD 8

int	 auth_init(void);		/* sodium_init; 0 or -1 */
/* argon2id, 19 MiB, t=2.  0, or -1 when out of memory. */
int	 auth_hash_password(const char *, char out[AUTH_PWHASH_LEN]);
bool	 auth_check_password(const char *hash, const char *password);

/* 32 random bytes as base64url without padding. */
void	 auth_token(char out[AUTH_TOKEN_LEN + 1]);
/* Whether s looks like a token auth_token() made. */
bool	 auth_token_valid(const char *s);
/* BLAKE2b-256 of a token. */
void	 auth_token_hash(const char *token, unsigned char out[32]);
/* Constant-time equality of two NUL-terminated strings. */
bool	 auth_equal(const char *, const char *);

/* Room for auth_agent_summary()'s longest answer, "Chromium on ChromeOS". */
#define AUTH_AGENT_LEN	32
/* The browser a User-Agent header names, in fixed words: "Firefox on
 * Linux", "Safari on iOS", "A browser" when nothing is recognized (ua may
 * be NULL). */
void	 auth_agent_summary(const char *ua, char out[AUTH_AGENT_LEN]);

/* Whether a session created at created and last seen at seen is alive. */
bool	 auth_session_alive(int64_t created, int64_t seen, int64_t now);

/* Look up the session cookie; fills r->uid, r->csrf...  0, -1 on db error. */
int	 session_load(struct req *);
/* Start a session for uid (a new token each time).  0 or -1. */
int	 session_start(struct req *, int64_t uid);
int	 session_end(struct req *);
/* Whether the POST carries the right CSRF token. */
bool	 csrf_ok(const struct req *);

#endif
