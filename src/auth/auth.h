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
#include <stdint.h>
#include <stddef.h>

enum {
	AUTH_TOKEN_CHARS = 43,     /* 256 random bits, base64url without padding */
	AUTH_HASH_HEX = 64,        /* BLAKE2b-256 as hex */
	AUTH_PWHASH_MAX = 128,     /* crypto_pwhash_STRBYTES */
	AUTH_SECRET_BYTES = 32,
};

/* Cost of password hashing (argon2id, one lane).
 *  STANDARD     19 MiB, 2 passes: OWASP's recommended minimum for argon2id,
 *               chosen as the default so that a small server (the product is
 *               meant for them) can take a burst of sign-ins.
 *  INTERACTIVE  64 MiB, 2 passes: libsodium's interactive limits, for
 *               servers with memory to spare.
 *  MINIMUM      for test suites only, where hundreds of accounts are made.
 * A hash made at any cost verifies at any setting: its parameters are
 * stored in it. At most AUTH_PWHASH_CONCURRENT hashes run at once, so
 * memory for hashing is bounded whatever the load. */
enum auth_pwhash_cost { AUTH_PWHASH_STANDARD = 0, AUTH_PWHASH_INTERACTIVE, AUTH_PWHASH_MINIMUM };
enum { AUTH_PWHASH_CONCURRENT = 2 };

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
/* Checks password against hash (NULL or "": no account, checked against a
 * dummy). Takes at least auth_password_verify_floor_ns() either way, so
 * that timing does not tell known addresses from unknown ones, whatever
 * cost a stored hash was made at (unless dearer than this process's). */
bool auth_password_verify(const char *hash, const char *password);
int64_t auth_password_verify_floor_ns(void);
/* For answers that must take the same time whatever they found: a
 * monotonic clock in nanoseconds, and a wait until floor_ns have passed
 * since started_ns (at once when they have). */
int64_t auth_clock_ns(void);
void auth_wait_since(int64_t started_ns, int64_t floor_ns);
/* True when hash was made with other limits than this process uses. */
bool auth_password_needs_rehash(const char *hash);
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

/* ---- sealing (bank details) ----
 * A sealing key lives in a file of its own, never in the database, so a
 * copy of the database alone cannot open what was sealed. The file holds
 * the key as 64 hex digits and a newline; it is made (mode 0600, in a new
 * file: an existing one is never overwritten) when missing and create is
 * true. Its id, 16 hex digits of a hash of the key, is stored beside each
 * sealed value, so a wrong key file is told apart from damaged data. */
struct auth_seal_key {
	unsigned char key[AUTH_SECRET_BYTES];
	char id[17];
};
/* False with a message in err (size bytes) naming the file. */
bool auth_seal_key_load(const char *path, bool create, struct auth_seal_key *out, char *err,
                        size_t size);
/* Seals plaintext (XChaCha20-Poly1305; `context` is the additional data,
 * so a value sealed for one person cannot be opened as another's). The
 * result is hex, malloc'd: nonce then ciphertext and tag. NULL on failure. */
char *auth_seal(const struct auth_seal_key *k, const char *context, const char *plaintext);
/* The installation's Ed25519 key for signing its feed of case studies,
 * derived from the sealing key for that purpose alone (crypto_kdf): the
 * same as long as the sealing key is. */
enum { AUTH_FEED_PUBLIC = 32, AUTH_FEED_SECRET = 64, AUTH_FEED_SIGNATURE = 64 };
void auth_feed_keypair(const struct auth_seal_key *k, unsigned char pk[AUTH_FEED_PUBLIC],
                       unsigned char sk[AUTH_FEED_SECRET]);
/* Opens what auth_seal made under the same key and context: malloc'd
 * plaintext, or NULL when it does not open (wrong key, context or data). */
char *auth_unseal(const struct auth_seal_key *k, const char *context, const char *sealed);
#endif
