#include "auth/auth.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <stddef.h>
#include <string.h>
/* crack.h uses size_t without including stddef.h. */
#include <crack.h>

#include "core/account.h"
#include "core/text.h"

static unsigned long long ops_limit;
static size_t mem_limit;
static pthread_mutex_t crack_lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t hash_slots;     /* AUTH_PWHASH_CONCURRENT argon2 runs at a time */
static char dummy_hash[crypto_pwhash_STRBYTES];

bool auth_init(enum auth_pwhash_cost cost)
{
	if (sodium_init() < 0) return false;
	switch (cost) {
	case AUTH_PWHASH_MINIMUM:
		ops_limit = crypto_pwhash_OPSLIMIT_MIN;
		mem_limit = crypto_pwhash_MEMLIMIT_MIN;
		break;
	case AUTH_PWHASH_INTERACTIVE:
		ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
		break;
	case AUTH_PWHASH_STANDARD:
		ops_limit = 2;
		mem_limit = (size_t)19 * 1024 * 1024;
		break;
	}
	if (sem_init(&hash_slots, 0, AUTH_PWHASH_CONCURRENT)) return false;
	return auth_password_hash("not a real password", dummy_hash);
}

/* Waits for a hashing slot; EINTR is retried. */
static void slot_take(void)
{
	while (sem_wait(&hash_slots) && errno == EINTR) {}
}

static void slot_give(void) { sem_post(&hash_slots); }

const char *auth_password_problem(const char *password)
{
	if (!utf8_valid(password, strlen(password)))
		return "Your password contains characters we cannot use. Try letters, numbers and spaces.";
	if (utf8_length(password) < PASSWORD_MIN_CHARS)
		return "Your password must be at least 8 characters long.";
	if (strlen(password) > PASSWORD_MAX_BYTES)
		return "Your password must be 256 characters or fewer.";
	/* cracklib keeps static state: one caller at a time. */
	pthread_mutex_lock(&crack_lock);
	const char *why = FascistCheck(password, NULL);
	pthread_mutex_unlock(&crack_lock);
	if (why)
		return "This password is too easy to guess. Try three or four "
		       "unrelated words together, like \"kettle river orange lamp\".";
	return NULL;
}

bool auth_password_hash(const char *password, char out[AUTH_PWHASH_MAX])
{
	_Static_assert(AUTH_PWHASH_MAX == crypto_pwhash_STRBYTES, "hash size");
	slot_take();
	bool ok = crypto_pwhash_str_alg(out, password, strlen(password), ops_limit, mem_limit,
	                                crypto_pwhash_ALG_ARGON2ID13) == 0;
	slot_give();
	return ok;
}

bool auth_password_verify(const char *hash, const char *password)
{
	if (!hash || !*hash) {
		auth_password_dummy_verify(password);
		return false;
	}
	slot_take();
	bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	slot_give();
	return ok;
}

bool auth_password_needs_rehash(const char *hash)
{
	return hash && crypto_pwhash_str_needs_rehash(hash, ops_limit, mem_limit) != 0;
}

void auth_password_dummy_verify(const char *password)
{
	/* The answer is meaningless; only the time spent matters. */
	slot_take();
	int ignored = crypto_pwhash_str_verify(dummy_hash, password, strlen(password));
	slot_give();
	(void)ignored;
}

void auth_token_new(char out[AUTH_TOKEN_CHARS + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, AUTH_TOKEN_CHARS + 1, raw, sizeof raw,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void auth_token_hash(const char *token, char out[AUTH_HASH_HEX + 1])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, AUTH_HASH_HEX + 1, h, sizeof h);
}

void auth_keyed_hash(const unsigned char secret[AUTH_SECRET_BYTES], const char *purpose,
                     const char *message, char out[AUTH_HASH_HEX + 1])
{
	crypto_generichash_state st;
	unsigned char h[32];
	crypto_generichash_init(&st, secret, AUTH_SECRET_BYTES, sizeof h);
	/* purpose and message are separated by a NUL so they cannot run together */
	crypto_generichash_update(&st, (const unsigned char *)purpose, strlen(purpose) + 1);
	crypto_generichash_update(&st, (const unsigned char *)message, strlen(message));
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, AUTH_HASH_HEX + 1, h, sizeof h);
}

bool auth_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b)) return false;
	return sodium_memcmp(a, b, n) == 0;
}

bool auth_secret_parse(const char *hex, unsigned char out[AUTH_SECRET_BYTES])
{
	size_t len = 0;
	if (!hex || strlen(hex) != 2 * AUTH_SECRET_BYTES) return false;
	return sodium_hex2bin(out, AUTH_SECRET_BYTES, hex, strlen(hex), NULL, &len, NULL) == 0 &&
	       len == AUTH_SECRET_BYTES;
}

void auth_secret_new(char out[2 * AUTH_SECRET_BYTES + 1])
{
	unsigned char raw[AUTH_SECRET_BYTES];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 2 * AUTH_SECRET_BYTES + 1, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}
