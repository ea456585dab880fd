/* Sign-in limits behind a reverse proxy (serve --trust-proxy, client
 * address from X-Real-IP), and the limits' edges: refused attempts are not
 * recorded, a paused address does not pause the accounts tried from it, a
 * signed-in person's own password checks cannot be blocked from outside,
 * and a new password revokes API tokens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

static struct server srv;

static int setup(void **state)
{
	const char *extra[] = { "--trust-proxy", NULL };
	return server_start_with(&srv, extra) ? 0 : -1;
}

static int teardown(void **state) { return server_stop(&srv) == 0 ? 0 : -1; }

/* POST /sign-in as if from `ip`; returns the status. */
static long sign_in_from(struct client *c, const char *ip, const char *email, const char *password)
{
	response_free(get(c, "/sign-in"));
	char body[512], hdr[64];
	char *e = urlenc(email), *p = urlenc(password);
	snprintf(body, sizeof body, "csrf=%s&email=%s&password=%s", c->csrf, e, p);
	snprintf(hdr, sizeof hdr, "X-Real-IP: %s", ip);
	const char *h[] = { hdr, NULL };
	struct response *r = http(c, "POST", "/sign-in", body, NULL, h);
	long status = r->status;
	response_free(r);
	/* Signed in: forms now carry the session's CSRF token. */
	if (status == 303) {
		snprintf(c->email, sizeof c->email, "%s", email);
		client_refresh_csrf(c);
	}
	free(e);
	free(p);
	return status;
}

static void a_paused_address_pauses_only_itself(void **state)
{
	struct client *c = client_new(&srv);
	char email[64];
	for (int i = 0; i < 20; i++) {
		snprintf(email, sizeof email, "nobody%d@example.org", i);
		assert_int_equal(sign_in_from(c, "10.1.1.1", email, "wrong guess"), 400);
	}
	/* From that address even the right password waits... */
	for (int i = 0; i < 6; i++)
		assert_int_equal(sign_in_from(c, "10.1.1.1", "rana@demo.emptychair.org", DEMO_PASSWORD), 429);
	/* ...but those refusals were not counted against rana's account. */
	struct client *d = client_new(&srv);
	assert_int_equal(sign_in_from(d, "10.2.2.2", "rana@demo.emptychair.org", DEMO_PASSWORD), 303);
	client_free(d);
	client_free(c);
}

static void outsiders_cannot_block_a_password_change(void **state)
{
	/* Amira is signed in on her phone. */
	struct client *amira = client_new(&srv);
	assert_int_equal(sign_in_from(amira, "10.5.5.5", "amira@demo.emptychair.org", DEMO_PASSWORD), 303);
	/* Someone else guesses at her account until sign-in pauses. */
	struct client *attacker = client_new(&srv);
	for (int i = 0; i < 5; i++)
		assert_int_equal(sign_in_from(attacker, "10.4.4.4", "amira@demo.emptychair.org", "wrong guess"), 400);
	assert_int_equal(sign_in_from(attacker, "10.4.4.4", "amira@demo.emptychair.org", "wrong guess"), 429);
	client_free(attacker);
	/* New sign-ins to her account wait... */
	struct client *laptop = client_new(&srv);
	assert_int_equal(sign_in_from(laptop, "10.5.5.6", "amira@demo.emptychair.org", DEMO_PASSWORD), 429);
	client_free(laptop);
	/* ...but her own session can still change the password, at once. */
	struct response *r = post_form(amira, "/account/password",
	                               "current_password=kettle+river+orange+lamp&password=copper+meadow+violet");
	assert_int_equal(r->status, 303);
	response_free(r);
	client_free(amira);
}

static void a_signed_in_persons_own_checks_are_limited(void **state)
{
	struct client *c = client_new(&srv);
	assert_int_equal(sign_in_from(c, "10.6.6.6", "member20@demo.emptychair.org", DEMO_PASSWORD), 303);
	for (int i = 0; i < 5; i++) {
		struct response *r = post_form(c, "/my-data/delete", "password=a-guess");
		assert_int_equal(r->status, 400);
		response_free(r);
	}
	struct response *r = post_form(c, "/my-data/delete", "password=kettle+river+orange+lamp");
	assert_int_equal(r->status, 429);
	assert_true(contains(r, "entered wrongly too many times"));
	response_free(r);
	/* Signing in anew is a different count: not blocked by those. */
	struct client *d = client_new(&srv);
	assert_int_equal(sign_in_from(d, "10.6.6.7", "member20@demo.emptychair.org", DEMO_PASSWORD), 303);
	client_free(d);
	client_free(c);
}

static void a_new_password_revokes_api_tokens(void **state)
{
	struct client *c = client_new(&srv);
	assert_int_equal(sign_in_from(c, "10.7.7.7", "member22@demo.emptychair.org", DEMO_PASSWORD), 303);
	char auth[100];
	assert_true(client_api_token(c, "script", auth, sizeof auth));
	const char *h[] = { auth, NULL };
	struct client *bot = client_new(&srv);
	struct response *r = http(bot, "GET", "/api/v1/me", NULL, NULL, h);
	assert_int_equal(r->status, 200);
	response_free(r);
	/* A calendar feed, and a second browser signed in (issue 17, point
	 * 10: both outlived a new password). */
	client_refresh_csrf(c);
	r = post_form(c, "/account/calendar", "");
	assert_int_equal(r->status, 201);
	const char *at = strstr(r->body, "value=\"http://test.invalid/calendar/");
	assert_non_null(at);
	at += strlen("value=\"http://test.invalid");
	char *feed = strndup(at, strcspn(at, "\""));
	response_free(r);
	struct client *other = client_new(&srv);
	assert_int_equal(sign_in_from(other, "10.7.7.8", "member22@demo.emptychair.org", DEMO_PASSWORD),
	                 303);
	r = get(bot, feed);
	assert_int_equal(r->status, 200);
	response_free(r);
	client_refresh_csrf(c);
	r = post_form(c, "/account/password", "current_password=kettle+river+orange+lamp&password=amber+harbour+thistle");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = http(bot, "GET", "/api/v1/me", NULL, NULL, h);
	assert_int_equal(r->status, 401);
	response_free(r);
	r = get(bot, feed);
	assert_int_equal(r->status, 404);
	response_free(r);
	r = get(other, "/account");
	assert_int_equal(r->status, 303); /* signed out: to the sign-in page */
	response_free(r);
	r = get(c, "/account"); /* the browser that changed it stays signed in */
	assert_int_equal(r->status, 200);
	response_free(r);
	free(feed);
	client_free(other);
	client_free(bot);
	client_free(c);
}

/* Issue 17, point 8: strangers' guesses (five at one account, twenty from
 * one address) pause sign-in for strangers, not for the owner on a phone
 * she signed in with before; her phone's own guesses are limited too. */
static void strangers_cannot_lock_the_owner_out(void **state)
{
	struct client *phone = client_new(&srv);
	assert_int_equal(sign_in_from(phone, "10.11.11.11", "member24@demo.emptychair.org", DEMO_PASSWORD),
	                 303);
	struct response *r = post_form(phone, "/sign-out", "");
	assert_true(r->status == 200 || r->status == 303);
	response_free(r);
	phone->email[0] = 0;
	/* Five guesses at her account, and twenty from her own address (behind
	 * the same proxy, or on the same wifi). */
	struct client *attacker = client_new(&srv);
	for (int i = 0; i < 5; i++)
		assert_int_equal(sign_in_from(attacker, "10.12.12.12", "member24@demo.emptychair.org",
		                              "wrong guess"), 400);
	assert_int_equal(sign_in_from(attacker, "10.12.12.12", "member24@demo.emptychair.org",
	                              "wrong guess"), 429);
	char email[64];
	for (int i = 0; i < 20; i++) {
		snprintf(email, sizeof email, "someone%d@example.org", i);
		assert_int_equal(sign_in_from(attacker, "10.11.11.11", email, "wrong guess"), 400);
	}
	/* A stranger's browser is paused, even with the right password... */
	struct client *laptop = client_new(&srv);
	assert_int_equal(sign_in_from(laptop, "10.13.13.13", "member24@demo.emptychair.org", DEMO_PASSWORD),
	                 429);
	client_free(laptop);
	/* ...her phone is not. */
	assert_int_equal(sign_in_from(phone, "10.11.11.11", "member24@demo.emptychair.org", DEMO_PASSWORD),
	                 303);
	/* Guesses from her phone are counted against the phone. */
	r = post_form(phone, "/sign-out", "");
	response_free(r);
	phone->email[0] = 0;
	for (int i = 0; i < 5; i++)
		assert_int_equal(sign_in_from(phone, "10.11.11.11", "member24@demo.emptychair.org", "wrong"),
		                 400);
	assert_int_equal(sign_in_from(phone, "10.11.11.11", "member24@demo.emptychair.org", DEMO_PASSWORD),
	                 429);
	client_free(attacker);
	client_free(phone);
}

/* POST /forgot-password for email as if from ip; the status, and the
 * page in *body (malloc'd) when body is not NULL. */
static long forgot_from(struct client *c, const char *ip, const char *email, char **body)
{
	response_free(get(c, "/forgot-password"));
	char fields[300], hdr[64];
	char *e = urlenc(email);
	snprintf(fields, sizeof fields, "csrf=%s&email=%s", c->csrf, e);
	free(e);
	snprintf(hdr, sizeof hdr, "X-Real-IP: %s", ip);
	const char *h[] = { hdr, NULL };
	struct response *r = http(c, "POST", "/forgot-password", fields, NULL, h);
	long status = r->status;
	if (body) *body = strdup(r->body);
	response_free(r);
	return status;
}

/* How many reset messages for address wait in the outbox. */
static int resets_for(const char *address)
{
	const char *args[] = { "outbox", "--limit", "1000", NULL };
	char *out = server_cli(&srv, args);
	int n = 0;
	char needle[128];
	snprintf(needle, sizeof needle, "reset to %s: ", address);
	for (const char *p = out; (p = strstr(p, needle)); p++) n++;
	free(out);
	return n;
}

/* Issue 17, point 6: asking for a reset link answers the same for any
 * address, makes at most three links an address a window (the outbox no
 * longer grows without limit), and one client may ask ten times. */
static void reset_links_are_limited_and_tell_nothing(void **state)
{
	struct client *c = client_new(&srv);
	char *known, *unknown;
	/* Each answer takes at least RESET_ANSWER_MIN_MS (100), with an account
	 * or without: a lower bound, which the server's wait makes certain. */
	struct timespec t0, t1, t2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(forgot_from(c, "10.21.0.1", "member26@demo.emptychair.org", &known), 200);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(forgot_from(c, "10.21.0.2", "nobody.here@example.org", &unknown), 200);
	clock_gettime(CLOCK_MONOTONIC, &t2);
	long ms_known = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	long ms_unknown = (t2.tv_sec - t1.tv_sec) * 1000 + (t2.tv_nsec - t1.tv_nsec) / 1000000;
	assert_true(ms_known >= 100 && ms_unknown >= 100);
	/* The same page but for the address typed. */
	char *at = strstr(known, "member26@demo.emptychair.org");
	assert_non_null(at);
	assert_non_null(strstr(unknown, "nobody.here@example.org"));
	assert_int_equal(strlen(known) - strlen("member26@demo.emptychair.org"),
	                 strlen(unknown) - strlen("nobody.here@example.org"));
	free(known);
	free(unknown);
	assert_int_equal(resets_for("member26@demo.emptychair.org"), 1);
	assert_int_equal(resets_for("nobody.here@example.org"), 0);
	/* Five more asks, from five addresses: three links in all. */
	char ip[32];
	for (int i = 0; i < 5; i++) {
		snprintf(ip, sizeof ip, "10.22.0.%d", i + 1);
		assert_int_equal(forgot_from(c, ip, "member26@demo.emptychair.org", NULL), 200);
	}
	assert_int_equal(resets_for("member26@demo.emptychair.org"), 3);
	/* One client, ten asks about ten addresses; the eleventh waits. */
	for (int i = 0; i < 10; i++) {
		char email[64];
		snprintf(email, sizeof email, "someone%d@example.org", i);
		assert_int_equal(forgot_from(c, "10.23.0.1", email, NULL), 200);
	}
	assert_int_equal(forgot_from(c, "10.23.0.1", "member28@demo.emptychair.org", NULL), 429);
	assert_int_equal(resets_for("member28@demo.emptychair.org"), 0);
	client_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_paused_address_pauses_only_itself),
		cmocka_unit_test(strangers_cannot_lock_the_owner_out),
		cmocka_unit_test(reset_links_are_limited_and_tell_nothing),
		cmocka_unit_test(outsiders_cannot_block_a_password_change),
		cmocka_unit_test(a_signed_in_persons_own_checks_are_limited),
		cmocka_unit_test(a_new_password_revokes_api_tokens),
	};
	return cmocka_run_group_tests_name("http behind a proxy", tests, setup, teardown);
}
