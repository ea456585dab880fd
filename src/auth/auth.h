#ifndef EC_AUTH_AUTH_H
#define EC_AUTH_AUTH_H
/* Secrets, in one place: password hashing (argon2id via libsodium), the
 * password policy, random tokens and their stored hashes, CSRF tokens and
 * keyed hashes for rate-limit keys.
 *
 * Contract: a plaintext token or password never leaves the function that
 * receives it except as the one-time value shown to its owner (a cookie, a
 * link, a new API token); only hashes are stored. Nothing here logs. */
#include <stdbool.h>
#include <stddef.h>

enum {
	AUTH_TOKEN_CHARS = 43,     /* 256 random bits, base64url without padding */
	AUTH_HASH_HEX = 64,        /* BLAKE2b-256 as hex */
	AUTH_PWHASH_MAX = 128,     /* crypto_pwhash_STRBYTES */
	AUTH_SECRET_BYTES = 32,
};

/* Cost of password hashing. INTERACTIVE is libsodium's recommendation for
 * on-line sign-in (64 MiB, 2 passes). MINIMUM exists for test suites only,
 * where hundreds of accounts are made; a hash made at any cost verifies at
 * any setting because the parameters are stored in the hash. */
enum auth_pwhash_cost { AUTH_PWHASH_INTERACTIVE = 0, AUTH_PWHASH_MINIMUM };

/* Must be called once before threads start. Returns false if libsodium
 * cannot initialise. */
bool auth_init(enum auth_pwhash_cost cost);

/* NULL when the password is acceptable, otherwise a plain-language reason.
 * Checks length and refuses common and dictionary-based passwords (the
 * system cracklib dictionary). Thread-safe. */
const char *auth_password_problem(const char *password);

/* Hashes a password into out (AUTH_PWHASH_MAX bytes). False on failure
 * (memory), which callers report as a server error. */
bool auth_password_hash(const char *password, char out[AUTH_PWHASH_MAX]);
bool auth_password_verify(const char *hash, const char *password);
/* Spends the same time as a verification, for unknown accounts, so that
 * timing does not reveal whether an address has an account. */
void auth_password_dummy_verify(const char *password);

/* A new random token, NUL-terminated (AUTH_TOKEN_CHARS + 1 bytes). */
void auth_token_new(char out[AUTH_TOKEN_CHARS + 1]);
/* The stored form of a token: hex BLAKE2b-256 (AUTH_HASH_HEX + 1 bytes). */
void auth_token_hash(const char *token, char out[AUTH_HASH_HEX + 1]);

/* hex keyed BLAKE2b-256 of (purpose, message) under the installation secret. */
void auth_keyed_hash(const unsigned char secret[AUTH_SECRET_BYTES], const char *purpose,
                     const char *message, char out[AUTH_HASH_HEX + 1]);
/* Constant-time comparison of two NUL-terminated strings. */
bool auth_equal(const char *a, const char *b);

/* The installation secret from its hex form; false if malformed. */
bool auth_secret_parse(const char *hex, unsigned char out[AUTH_SECRET_BYTES]);
/* A new secret in hex (2 * AUTH_SECRET_BYTES + 1 bytes). */
void auth_secret_new(char out[2 * AUTH_SECRET_BYTES + 1]);
#endif
