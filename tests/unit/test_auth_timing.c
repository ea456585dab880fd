/* Issue 17, point 9: a password check takes as long for an address with no
 * account as for one whose stored hash was made at a cheaper cost than the
 * process uses (demo data, or an installation that raised its cost): both
 * take at least auth_password_verify_floor_ns(). A lower bound only: the
 * checks sleep up to it, so the test does not depend on the machine's
 * speed. Its own program, because it needs the standard cost. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void cheap_hashes_and_unknown_addresses_take_the_same_least_time(void **state)
{
	(void)state;
	assert_true(auth_init(AUTH_PWHASH_STANDARD));
	int64_t floor = auth_password_verify_floor_ns();
	assert_true(floor > 0);
	/* A hash at libsodium's minimum cost, cheaper than the process's. */
	char cheap[crypto_pwhash_STRBYTES];
	assert_int_equal(crypto_pwhash_str(cheap, "kettle river orange lamp", 24,
	                                   crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
	/* Not vacuous: checked raw, it is quicker than the floor. */
	int64_t raw = INT64_MAX;
	for (int i = 0; i < 3; i++) {
		int64_t t = now_ns();
		assert_int_equal(crypto_pwhash_str_verify(cheap, "wrong", 5), -1);
		t = now_ns() - t;
		if (t < raw) raw = t;
	}
	assert_true(raw < floor);
	int64_t t = now_ns();
	assert_false(auth_password_verify(cheap, "wrong"));
	assert_true(now_ns() - t >= floor);
	t = now_ns();
	assert_true(auth_password_verify(cheap, "kettle river orange lamp"));
	assert_true(now_ns() - t >= floor);
	t = now_ns();
	assert_false(auth_password_verify(NULL, "wrong"));
	assert_true(now_ns() - t >= floor);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cheap_hashes_and_unknown_addresses_take_the_same_least_time),
	};
	return cmocka_run_group_tests_name("password check timing", tests, NULL, NULL);
}
