#include "auth/auth.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <stddef.h>
#include <string.h>
/* crack.h uses size_t without including stddef.h. */
#include <crack.h>

#include <time.h>

#include "core/account.h"
#include "core/text.h"

static unsigned long long ops_limit;
static size_t mem_limit;
static pthread_mutex_t crack_lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t hash_slots;     /* AUTH_PWHASH_CONCURRENT argon2 runs at a time */
static char dummy_hash[crypto_pwhash_STRBYTES];
/* The least time a password check takes, known account or not: one and a
 * half times a check at this process's cost, measured at start. A stored
 * hash made at a cheaper cost (before the setting changed; it is remade at
 * the next sign-in) would otherwise answer faster than an unknown address,
 * which is checked against the dummy at today's cost. */
static int64_t verify_floor_ns;

int64_t auth_clock_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

void auth_wait_since(int64_t started_ns, int64_t floor_ns)
{
	int64_t left = floor_ns - (auth_clock_ns() - started_ns);
	if (left <= 0) return;
	struct timespec pause = { (time_t)(left / 1000000000), (long)(left % 1000000000) };
	while (nanosleep(&pause, &pause) && errno == EINTR) {}
}

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
	if (!auth_password_hash("not a real password", dummy_hash)) return false;
	int64_t started = auth_clock_ns();
	auth_password_dummy_verify("warming up");
	verify_floor_ns = (auth_clock_ns() - started) * 3 / 2;
	return true;
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
	int64_t started = auth_clock_ns();
	bool ok = false;
	if (!hash || !*hash) {
		auth_password_dummy_verify(password);
	} else {
		slot_take();
		ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
		slot_give();
	}
	auth_wait_since(started, verify_floor_ns);
	return ok;
}

int64_t auth_password_verify_floor_ns(void) { return verify_floor_ns; }

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

/* ---- sealing ---- */

static void seal_key_id(struct auth_seal_key *k)
{
	unsigned char h[8];
	crypto_generichash(h, sizeof h, k->key, sizeof k->key,
	                   (const unsigned char *)"emptychair seal key id", 22);
	sodium_bin2hex(k->id, sizeof k->id, h, sizeof h);
}

bool auth_seal_key_load(const char *path, bool create, struct auth_seal_key *out, char *err,
                        size_t size)
{
	char hex[2 * AUTH_SECRET_BYTES + 2] = { 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		/* O_EXCL: never overwrite a key some other process just made. */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			char fresh[2 * AUTH_SECRET_BYTES + 1];
			auth_secret_new(fresh);
			fresh[2 * AUTH_SECRET_BYTES] = '\n';
			bool ok = write(fd, fresh, sizeof fresh) == (ssize_t)sizeof fresh && fsync(fd) == 0;
			sodium_memzero(fresh, sizeof fresh);
			close(fd);
			if (!ok) {
				snprintf(err, size, "cannot write the sealing key to %s", path);
				unlink(path);
				return false;
			}
		}
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		snprintf(err, size, "cannot read the sealing key %s: %m", path);
		return false;
	}
	ssize_t got = read(fd, hex, sizeof hex - 1);
	close(fd);
	if (got >= 2 * AUTH_SECRET_BYTES) hex[2 * AUTH_SECRET_BYTES] = '\0';
	bool ok = got >= 2 * AUTH_SECRET_BYTES && auth_secret_parse(hex, out->key);
	sodium_memzero(hex, sizeof hex);
	if (!ok) {
		snprintf(err, size, "the sealing key %s is not 64 hex digits", path);
		return false;
	}
	seal_key_id(out);
	return true;
}

enum { SEAL_NONCE = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
       SEAL_TAG = crypto_aead_xchacha20poly1305_ietf_ABYTES };

char *auth_seal(const struct auth_seal_key *k, const char *context, const char *plaintext)
{
	size_t n = strlen(plaintext);
	size_t raw_len = SEAL_NONCE + n + SEAL_TAG;
	unsigned char *raw = malloc(raw_len);
	char *hex = malloc(2 * raw_len + 1);
	if (!raw || !hex) {
		free(raw);
		free(hex);
		return NULL;
	}
	randombytes_buf(raw, SEAL_NONCE);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(
		raw + SEAL_NONCE, &clen, (const unsigned char *)plaintext, n,
		(const unsigned char *)context, strlen(context), NULL, raw, k->key);
	sodium_bin2hex(hex, 2 * raw_len + 1, raw, SEAL_NONCE + (size_t)clen);
	free(raw);
	return hex;
}

char *auth_unseal(const struct auth_seal_key *k, const char *context, const char *sealed)
{
	size_t hex_len = sealed ? strlen(sealed) : 0;
	if (hex_len % 2 || hex_len / 2 < SEAL_NONCE + SEAL_TAG) return NULL;
	size_t raw_len = hex_len / 2, got = 0;
	unsigned char *raw = malloc(raw_len);
	char *plain = malloc(raw_len - SEAL_NONCE - SEAL_TAG + 1);
	unsigned long long plen = 0;
	bool ok = raw && plain &&
	          sodium_hex2bin(raw, raw_len, sealed, hex_len, NULL, &got, NULL) == 0 &&
	          got == raw_len &&
	          crypto_aead_xchacha20poly1305_ietf_decrypt(
			  (unsigned char *)plain, &plen, NULL, raw + SEAL_NONCE, raw_len - SEAL_NONCE,
			  (const unsigned char *)context, strlen(context), raw, k->key) == 0;
	free(raw);
	if (!ok) {
		free(plain);
		return NULL;
	}
	plain[plen] = '\0';
	return plain;
}

void auth_feed_keypair(const struct auth_seal_key *k, unsigned char pk[AUTH_FEED_PUBLIC],
                       unsigned char sk[AUTH_FEED_SECRET])
{
	_Static_assert(AUTH_FEED_PUBLIC == crypto_sign_PUBLICKEYBYTES &&
	                       AUTH_FEED_SECRET == crypto_sign_SECRETKEYBYTES &&
	                       AUTH_FEED_SIGNATURE == crypto_sign_BYTES &&
	                       AUTH_SECRET_BYTES == crypto_kdf_KEYBYTES,
	               "the feed key's sizes are libsodium's");
	unsigned char seed[crypto_sign_SEEDBYTES];
	crypto_kdf_derive_from_key(seed, sizeof seed, 1, "ecfeed01", k->key);
	crypto_sign_seed_keypair(pk, sk, seed);
	sodium_memzero(seed, sizeof seed);
}
