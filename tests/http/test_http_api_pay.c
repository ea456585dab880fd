/* Fair pay over HTTP (src/web/pay/pay_api.c, pay/pay_page.c, pay/my_pay_page.c)
 * against a real server, on each backend:
 * - 50 identical approvals, then 50 identical "mark paid" requests, sent
 *   at once on 50 connections with one Idempotency-Key: exactly one of
 *   each is written (one ledger entry per claim), the rest are replays;
 * - the earnings-limit check and its alternatives: approving over a
 *   declared Carer's Allowance limit is refused (409 over_limit) until a
 *   steward gives a reason, and the member's non-cash way is taken
 *   without one; the steward's read of the declaration is in the member's
 *   audit log;
 * - who sees what: another co-creator sees none of Amira's claims,
 *   payments or declared rule (API and pages), a guest sees no pay data at
 *   all, and nobody sees bank details but masked;
 * - keys are each person's own, and bad input names its field.
 *
 * Demo data (src/cli/demo.c): panel 1 pays £25 an hour with 30 minutes'
 * preparation; Amira (user 3) declared Carer's Allowance (weeks from
 * Monday) and has claim 1 (meeting fee £50, approved to be paid in a week)
 * and claim 2 (preparation £12.50, waiting). Member5 (user 11) is another
 * co-creator of panel 1, Joy (user 6) its guest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api_json.h"
#include "harness.h"

enum { AMIRA = 3, FEE_CLAIM = 1, PREP_CLAIM = 2, RACERS = 50 };

static struct server srv;
static struct client *sam, *rana, *amira, *other, *joy;
static char sam_auth[200]; /* "Authorization: Bearer ..." */

static json_t *keyed_json(struct client *c, const char *path, const char *json, const char *key,
                          long want)
{
	struct response *r = send_keyed(c, "POST", path, json, key);
	if (r->status != want) fail_msg("POST %s %s: got %ld, want %ld\n%.400s", path, json,
	                                r->status, want, r->body);
	json_t *j = parse(r);
	response_free(r);
	return j;
}

/* Today in London, "YYYY-MM-DD", plus days. */
static const char *day_from_today(int days)
{
	static char text[4][16];
	static int k;
	k = (k + 1) % 4;
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;
	setenv("TZ", "Europe/London", 1);
	tzset();
	localtime_r(&t, &tm);
	strftime(text[k], sizeof text[k], "%Y-%m-%d", &tm);
	return text[k];
}

/* How many ledger entries of kind the claim has (read as the steward). */
static int entries_of(long claim, const char *kind)
{
	char path[100];
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/claims/%ld", claim);
	json_t *j = call_json(sam, "GET", path, NULL, 200);
	int n = 0;
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(j, "ledger"), i, e) n += !strcmp(str(e, "kind"), kind);
	json_decref(j);
	return n;
}

static int setup(void **state)
{
	(void)state;
	if (!server_start(&srv)) return -1;
	sam = client_new(&srv);
	rana = client_new(&srv);
	amira = client_new(&srv);
	other = client_new(&srv);
	joy = client_new(&srv);
	if (!client_sign_in(sam, "sam@demo.emptychair.org", NULL) ||
	    !client_sign_in(rana, "rana@demo.emptychair.org", NULL) ||
	    !client_sign_in(amira, "amira@demo.emptychair.org", NULL) ||
	    !client_sign_in(other, "member5@demo.emptychair.org", NULL) ||
	    !client_sign_in(joy, "joy.adebayo@demo.emptychair.org", NULL))
		return -1;
	/* An API token for the racing connections: bearer requests need no CSRF. */
	return client_api_token(sam, "racing", sam_auth, sizeof sam_auth) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_free(sam);
	client_free(rana);
	client_free(amira);
	client_free(other);
	client_free(joy);
	return server_stop(&srv) == 0 ? 0 : -1;
}

/* ---- 50 identical requests at once ---- */

struct racer {
	const char *path, *body, *key;
	pthread_barrier_t *start;
	long status;
	int written;   /* "replayed": false */
};

static void *race(void *p)
{
	struct racer *r = p;
	struct client *c = client_new(&srv);
	char idem[200];
	snprintf(idem, sizeof idem, "Idempotency-Key: %s", r->key);
	const char *headers[] = { sam_auth, idem, NULL };
	pthread_barrier_wait(r->start);
	struct response *res = http(c, "POST", r->path, r->body, "application/json", headers);
	r->status = res->status;
	r->written = res->status == 200 && strstr(res->body, "\"replayed\":false") != NULL;
	response_free(res);
	client_free(c);
	return NULL;
}

/* Sends body to path RACERS times at once under one key; all must answer
 * 200, and exactly one of them must have written. */
static void race_all(const char *path, const char *body, const char *key)
{
	pthread_t t[RACERS];
	struct racer r[RACERS];
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, RACERS);
	for (int i = 0; i < RACERS; i++) {
		r[i] = (struct racer){ .path = path, .body = body, .key = key, .start = &start };
		assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
	}
	int written = 0;
	for (int i = 0; i < RACERS; i++) {
		pthread_join(t[i], NULL);
		if (r[i].status != 200) fail_msg("racer %d: status %ld", i, r[i].status);
		written += r[i].written;
	}
	pthread_barrier_destroy(&start);
	assert_int_equal(written, 1);
}

static void concurrent_identical_requests_write_once(void **state)
{
	(void)state;
	char body[200];
	snprintf(body, sizeof body, "{\"choice\":\"approve\",\"pay_day\":\"%s\"}", day_from_today(0));
	assert_int_equal(entries_of(PREP_CLAIM, "approval"), 0);
	race_all("/api/v1/panels/1/pay/claims/2/decision", body, "race-approve");
	assert_int_equal(entries_of(PREP_CLAIM, "approval"), 1);

	/* A run of both of Amira's claims, then 50 identical "mark paid". */
	json_t *j = keyed_json(sam, "/api/v1/panels/1/pay/runs", "{\"claims\":[1,2]}", "race-run", 201);
	long run = get_id(json_object_get(j, "run"));
	assert_int_equal(num(json_object_get(j, "run"), "total"), 5000 + 1250);
	json_decref(j);
	char path[100];
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/runs/%ld/paid", run);
	snprintf(body, sizeof body, "{\"paid_day\":\"%s\"}", day_from_today(0));
	race_all(path, body, "race-paid");
	assert_int_equal(entries_of(FEE_CLAIM, "payment"), 1);
	assert_int_equal(entries_of(PREP_CLAIM, "payment"), 1);

	/* The CSV has one row per payee: a header and Amira. */
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/runs/%ld/csv", run);
	struct response *r = call(sam, "GET", path, NULL, 200);
	assert_true(contains(r, "Amira Haddad"));
	assert_true(contains(r, "62.50"));
	response_free(r);

	/* Her statement for this tax year shows both, and the total. */
	j = call_json(amira, "GET", "/api/v1/me/pay/statement", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "claims")), 2);
	assert_int_equal(num(j, "total"), 6250);
	json_decref(j);
	r = call(amira, "GET", "/my-pay/statement?format=csv", NULL, 200);
	assert_true(contains(r, "paid_on,panel,claim"));
	assert_true(contains(r, ",5000,GBP,"));
	assert_true(contains(r, ",1250,GBP,"));
	response_free(r);
}

/* ---- the earnings-limit check and its alternatives ---- */

/* How many radios of the decision form's "choice" are checked. */
static int checked_choices(const struct response *r)
{
	int n = 0;
	for (const char *p = strstr(r->body, "name=\"choice\""); p; p = strstr(p + 1, "name=\"choice\"")) {
		const char *end = strchr(p, '>');
		const char *c = strstr(p, " checked");
		if (end && c && c < end) n++;
	}
	return n;
}

/* Amira's two days of work, approved in two ways (over_the_limit...). */
static long day_claims[2];

static void over_the_limit_needs_a_reason_or_an_alternative(void **state)
{
	(void)state;
	char body[400];
	/* A day's work (£180) for Amira, logged by a steward, and a second one. */
	long claims[2];
	for (int i = 0; i < 2; i++) {
		snprintf(body, sizeof body, "{\"kind\":\"work\",\"description\":\"Interview panel %d\","
		                            "\"work_day\":\"%s\",\"unit\":\"day\",\"quantity\":1,"
		                            "\"payee_id\":3}", i, day_from_today(-1));
		char key[40];
		snprintf(key, sizeof key, "log-day-%d", i);
		json_t *j = keyed_json(sam, "/api/v1/panels/1/pay/claims", body, key, 201);
		json_t *c = json_object_get(j, "claim");
		assert_int_equal(num(c, "amount"), 18000);
		assert_string_equal(str(c, "state"), "claimed");
		claims[i] = get_id(c);
		json_decref(j);
	}
	/* Both wait: Amira's own figures count them apart from what is
	 * approved, and say they would cross her limit if paid in one week
	 * (issue 17, point 5: the page said "£204 to spare"). */
	json_t *mine = call_json(amira, "GET", "/api/v1/me/pay", NULL, 200);
	assert_int_equal(num(mine, "waiting_earnings"), 36000);
	json_decref(mine);
	struct response *page = get(amira, "/my-pay");
	assert_true(contains(page, "Claimed and waiting for a decision"));
	assert_true(contains(page, "£360.00 waiting would take you"));
	assert_false(contains(page, "to spare this period.</p>"));
	response_free(page);

	/* Both paid next week: the first fits under £204 a week, the second not. */
	const char *next_week = day_from_today(7);
	char path[120], check[160];
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/claims/%ld/decision", claims[0]);
	snprintf(body, sizeof body, "{\"choice\":\"approve\",\"pay_day\":\"%s\"}", next_week);
	json_decref(keyed_json(sam, path, body, "approve-day-0", 200));

	snprintf(check, sizeof check, "/api/v1/panels/1/pay/claims/%ld/check?pay_day=%s", claims[1],
	         next_week);
	json_t *j = call_json(sam, "GET", check, NULL, 200);
	json_t *k = json_object_get(j, "check");
	assert_true(json_is_true(json_object_get(k, "over")));
	assert_true(json_is_true(json_object_get(k, "needs_reason")));
	json_t *l = json_object_get(k, "limit");
	assert_string_equal(str(l, "rule"), "carers_allowance");
	json_t *e = json_object_get(k, "effect");
	assert_string_equal(str(e, "state"), "over");
	assert_int_equal(num(e, "total_before"), 18000);
	assert_int_equal(num(e, "total_after"), 36000);
	assert_int_equal(num(e, "margin"), num(l, "amount") - 36000);
	assert_string_equal(str(json_object_get(k, "benefits_advice"), "url"),
	                    "https://www.citizensadvice.org.uk/benefits/");
	json_decref(j);

	/* The decision page, over the limit, chooses nothing for the steward. */
	char page_path[120];
	snprintf(page_path, sizeof page_path, "/panels/1/pay/claims/%ld?pay_day=%s&check=1",
	         claims[1], next_week);
	page = get(sam, page_path);
	assert_true(contains(page, "value=\"approve_anyway\""));
	assert_int_equal(checked_choices(page), 0);
	response_free(page);

	snprintf(path, sizeof path, "/api/v1/panels/1/pay/claims/%ld/decision", claims[1]);
	struct response *r = send_keyed(sam, "POST", path, body, "approve-day-1");
	assert_int_equal(r->status, 409);
	assert_true(contains(r, "\"over_limit\""));
	response_free(r);
	snprintf(body, sizeof body, "{\"choice\":\"approve_anyway\",\"pay_day\":\"%s\"}", next_week);
	r = send_keyed(sam, "POST", path, body, "approve-day-1b");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "\"reason\""));
	response_free(r);
	/* The member's non-cash way instead: taken, no reason needed. */
	snprintf(body, sizeof body, "{\"choice\":\"non_cash\",\"method\":\"training\","
	                            "\"pay_day\":\"%s\"}", next_week);
	j = keyed_json(sam, path, body, "approve-day-1c", 200);
	assert_string_equal(str(json_object_get(j, "claim"), "state"), "approved");
	assert_string_equal(str(json_object_get(j, "claim"), "method"), "training");
	json_decref(j);
	memcpy(day_claims, claims, sizeof claims);

	/* Amira sees the same facts about her own claim, and who read her rule. */
	j = call_json(amira, "GET", check, NULL, 200);
	assert_string_equal(str(json_object_get(json_object_get(j, "check"), "limit"), "rule"),
	                    "carers_allowance");
	json_decref(j);
	r = call(amira, "GET", "/api/v1/me/audit", NULL, 200);
	assert_true(contains(r, "pay_declaration"));
	response_free(r);
}

/* Issue 17, point 5: a run holding a bank transfer and training for one
 * person gave one "bank" row of the sum, and told her it was all paid to
 * her. Now each way has its own row and its own words. */
static void each_way_of_paying_is_its_own_row(void **state)
{
	(void)state;
	char body[100], path[100];
	snprintf(body, sizeof body, "{\"claims\":[%ld,%ld]}", day_claims[0], day_claims[1]);
	json_t *j = keyed_json(rana, "/api/v1/panels/1/pay/runs", body, "two-ways-run", 201);
	json_t *run = json_object_get(j, "run");
	long id = get_id(run);
	json_t *payees = json_object_get(run, "payees");
	assert_int_equal(json_array_size(payees), 2);
	assert_string_equal(str(json_array_get(payees, 0), "method"), "bank_transfer");
	assert_string_equal(str(json_array_get(payees, 1), "method"), "training");
	assert_int_equal(num(json_array_get(payees, 0), "amount"), 18000);
	assert_int_equal(num(json_array_get(payees, 1), "amount"), 18000);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/runs/%ld/paid", id);
	snprintf(body, sizeof body, "{\"paid_day\":\"%s\"}", day_from_today(0));
	json_decref(keyed_json(rana, path, body, "two-ways-paid", 200));
	assert_int_equal(notices_saying(amira, "£180.00 was paid to you by bank transfer"), 1);
	assert_int_equal(notices_saying(amira, "Training worth £180.00 was paid for you"), 1);
	assert_int_equal(notices_saying(amira, "£360.00"), 0);
}

/* Issue 17, point 5: with two active stewards, a steward's own claim is
 * approved, put in a run and marked paid by the other one. */
static void a_stewards_own_claim_needs_a_second_steward(void **state)
{
	(void)state;
	char body[300], path[100];
	snprintf(body, sizeof body, "{\"kind\":\"expense\",\"description\":\"My own bus\","
	                            "\"work_day\":\"%s\",\"category\":\"travel\",\"amount\":350}",
	         day_from_today(-1));
	json_t *j = keyed_json(sam, "/api/v1/panels/1/pay/claims", body, "own-claim", 201);
	long claim = get_id(json_object_get(j, "claim"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/claims/%ld/decision", claim);
	struct response *r = send_keyed(sam, "POST", path, "{\"choice\":\"approve\"}", "own-approve");
	assert_int_equal(r->status, 403);
	assert_true(contains(r, "\"second_steward\""));
	response_free(r);
	json_decref(keyed_json(rana, path, "{\"choice\":\"approve\"}", "rana-approves", 200));
	snprintf(body, sizeof body, "{\"claims\":[%ld]}", claim);
	r = send_keyed(sam, "POST", "/api/v1/panels/1/pay/runs", body, "own-run");
	assert_int_equal(r->status, 403);
	assert_true(contains(r, "\"second_steward\""));
	response_free(r);
	j = keyed_json(rana, "/api/v1/panels/1/pay/runs", body, "rana-run", 201);
	long run = get_id(json_object_get(j, "run"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/runs/%ld/paid", run);
	snprintf(body, sizeof body, "{\"paid_day\":\"%s\"}", day_from_today(0));
	r = send_keyed(sam, "POST", path, body, "own-paid");
	assert_int_equal(r->status, 403);
	response_free(r);
	json_decref(keyed_json(rana, path, body, "rana-paid", 200));

	/* Panel 2 has one steward: there, sam may approve his own. */
	snprintf(body, sizeof body, "{\"kind\":\"expense\",\"description\":\"Bus\","
	                            "\"work_day\":\"%s\",\"category\":\"travel\",\"amount\":350}",
	         day_from_today(-1));
	j = keyed_json(sam, "/api/v1/panels/2/pay/claims", body, "own-claim-2", 201);
	claim = get_id(json_object_get(j, "claim"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/2/pay/claims/%ld/decision", claim);
	json_decref(keyed_json(sam, path, "{\"choice\":\"approve\"}", "own-approve-2", 200));
}

/* ---- who sees what ---- */

static void another_co_creator_sees_nothing_of_amiras(void **state)
{
	(void)state;
	json_t *j = call_json(other, "GET", "/api/v1/panels/1/pay/claims", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "claims")), 0);
	json_decref(j);
	static const char *const hidden[] = {
		"/api/v1/panels/1/pay/claims/1", "/api/v1/panels/1/pay/claims/1/check",
		"/api/v1/panels/1/pay/claims/2", "/api/v1/panels/1/pay/claims/1/receipt" };
	for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
		expect_error(other, "GET", hidden[i], NULL, 404, "not_found", NULL);
	static const char *const refused[] = { "/api/v1/panels/1/pay/runs",
	                                       "/api/v1/panels/1/pay/runs/1" };
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		expect_error(other, "GET", refused[i], NULL, 403, "forbidden", NULL);
	j = call_json(other, "GET", "/api/v1/me/pay", NULL, 200);
	assert_true(json_is_null(json_object_get(j, "declaration")));
	json_decref(j);
	/* Nor on the pages (My pay lists every rule to choose from, so there
	 * the test is only that none is chosen for them). */
	static const char *const pages[] = { "/panels/1/pay", "/my-pay", "/api/v1/me/pay",
	                                     "/api/v1/panels/1/pay/claims" };
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct response *r = get(other, pages[i]);
		assert_int_equal(r->status, 200);
		assert_false(contains(r, "Amira"));
		if (strcmp(pages[i], "/my-pay") != 0) assert_false(contains(r, "carers_allowance"));
		else assert_true(contains(r, "value=\"none\" checked"));
		response_free(r);
	}
	struct response *r = get(other, "/panels/1/pay/claims/1");
	assert_int_equal(r->status, 404);
	assert_false(contains(r, "Amira"));
	response_free(r);
}

static void a_guest_sees_no_pay_data(void **state)
{
	(void)state;
	static const char *const api[] = {
		"/api/v1/panels/1/pay/policy", "/api/v1/panels/1/pay/claims",
		"/api/v1/panels/1/pay/claims/1", "/api/v1/panels/1/pay/claims/1/check",
		"/api/v1/panels/1/pay/runs", "/api/v1/panels/1/pay/runs/1/csv" };
	for (size_t i = 0; i < sizeof api / sizeof api[0]; i++)
		expect_error(joy, "GET", api[i], NULL, 403, "forbidden", NULL);
	static const char *const pages[] = { "/panels/1/pay", "/panels/1/pay/claims/1",
	                                     "/panels/1/pay/runs/1" };
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct response *r = get(joy, pages[i]);
		assert_int_equal(r->status, 403);
		assert_false(contains(r, "Amira"));
		response_free(r);
	}
	/* Her own pay is empty, and her panel page has no pay link or flag. */
	json_t *j = call_json(joy, "GET", "/api/v1/me/pay", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "claims")), 0);
	json_decref(j);
	struct response *r = get(joy, "/panels/1");
	assert_int_equal(r->status, 200);
	assert_false(contains(r, "/panels/1/pay"));
	response_free(r);
}

/* ---- declarations, keys and bad input ---- */

static void declarations_keys_and_bad_input(void **state)
{
	(void)state;
	/* Her own amount, monthly from the 15th; then back to Carer's Allowance. */
	json_t *j = call_json(amira, "PUT", "/api/v1/me/pay/declaration",
	                      "{\"custom_amount\":50000,\"custom_period\":\"month\","
	                      "\"anchor_day\":\"2026-01-15\"}", 200);
	json_t *d = json_object_get(j, "declaration");
	assert_true(json_is_null(json_object_get(d, "rule")));
	assert_int_equal(num(d, "custom_amount"), 50000);
	json_t *p = json_object_get(json_object_get(j, "this_period"), "period");
	assert_string_equal(str(p, "first") + 8, "15");
	json_decref(j);
	expect_error(amira, "PUT", "/api/v1/me/pay/declaration",
	             "{\"rule\":\"no_such_rule\",\"anchor_day\":\"2026-04-06\"}", 400, "invalid", "rule");
	expect_error(amira, "PUT", "/api/v1/me/pay/declaration",
	             "{\"rule\":\"carers_allowance\",\"anchor_day\":\"6 April\"}", 400, "invalid",
	             "anchor_day");
	json_decref(call_json(amira, "PUT", "/api/v1/me/pay/declaration",
	                      "{\"rule\":\"carers_allowance\",\"anchor_day\":\"2026-04-06\"}", 200));

	/* A key is its sender's: rana may use one sam used, for something else. */
	const char *body = "{\"kind\":\"expense\",\"description\":\"Bus\",\"work_day\":\"2026-11-02\","
	                   "\"category\":\"travel\",\"amount\":480}";
	json_t *a = keyed_json(sam, "/api/v1/panels/1/pay/claims", body, "shared-key", 201);
	json_t *b = keyed_json(rana, "/api/v1/panels/1/pay/claims", body, "shared-key", 201);
	assert_int_not_equal(get_id(json_object_get(a, "claim")), get_id(json_object_get(b, "claim")));
	json_decref(b);
	/* ...and the same key and body again is a replay of the same claim. */
	b = keyed_json(sam, "/api/v1/panels/1/pay/claims", body, "shared-key", 200);
	assert_int_equal(get_id(json_object_get(a, "claim")), get_id(json_object_get(b, "claim")));
	assert_true(json_is_true(json_object_get(b, "replayed")));
	json_decref(a);
	json_decref(b);

	/* No key; a bad day; a stale policy; an unknown expense; a bad statement range. */
	expect_error(sam, "POST", "/api/v1/panels/1/pay/claims", body, 400, "key_missing", NULL);
	struct response *r = send_keyed(sam, "POST", "/api/v1/panels/1/pay/claims/1/decision",
	                           "{\"choice\":\"approve\",\"pay_day\":\"someday\"}", "bad-day");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "\"pay_day\""));
	response_free(r);
	expect_error(sam, "PUT", "/api/v1/panels/1/pay/policy",
	             "{\"version\":999,\"currency\":\"GBP\",\"rates\":{\"hour\":1,"
	             "\"half_day\":2,\"day\":3},\"meeting_unit\":\"hour\"}", 409, "conflict",
	             "version");
	r = send_keyed(amira, "POST", "/api/v1/panels/1/pay/claims",
	          "{\"kind\":\"expense\",\"description\":\"x\",\"work_day\":\"2026-11-02\","
	          "\"category\":\"yachts\",\"amount\":1}", "bad-category");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "\"category\""));
	response_free(r);
	expect_error(amira, "GET", "/api/v1/me/pay/statement?from=2026-05-01&to=2026-04-01", NULL,
	             400, "bad_query", "from");
	/* Bank details: panel 1 does not keep them, so there is nowhere to put them. */
	client_refresh_csrf(amira);
	r = post_form(amira, "/my-pay/bank", "account_name=A&sort_code=123456&account_number=12345678");
	assert_int_equal(r->status, 409);
	response_free(r);
}

/* Issue 17, point 9: a rate that is not a whole number, or is missing,
 * was stored as 0 with a 200, and unknown keys in "rates" were taken; an
 * empty custom_period became "week" and a far-future anchor was kept. */
static void bad_rates_and_declarations_are_refused_not_zeroed(void **state)
{
	(void)state;
	json_t *j = call_json(sam, "GET", "/api/v1/panels/1/pay/policy", NULL, 200);
	json_t *before = json_deep_copy(json_object_get(j, "policy"));
	long version = num(before, "version");
	json_decref(j);
	static const struct { const char *rates, *field; } bad[] = {
		{ "{\"hour\":\"2500\",\"half_day\":9000,\"day\":18000}", "rates.hour" },
		{ "{\"hour\":25.5,\"half_day\":9000,\"day\":18000}", "rates.hour" },
		{ "{\"hour\":null,\"half_day\":9000,\"day\":18000}", "rates.hour" },
		{ "{\"hour\":[2500],\"half_day\":9000,\"day\":18000}", "rates.hour" },
		{ "{\"half_day\":9000,\"day\":18000}", "rates.hour" },
		{ "{\"hour\":2500,\"half_day\":9000}", "rates.day" },
		{ "{\"hour\":2500,\"half_day\":9000,\"day\":18000,\"week\":1}", "rates.week" },
		{ "{\"hour.x\":2500,\"half_day\":9000,\"day\":18000}", "rates.hour.x" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char body[400];
		snprintf(body, sizeof body,
		         "{\"version\":%ld,\"currency\":\"GBP\",\"rates\":%s,\"meeting_unit\":\"hour\"}",
		         version, bad[i].rates);
		expect_error(sam, "PUT", "/api/v1/panels/1/pay/policy", body, 400, "invalid",
		             bad[i].field);
	}
	/* Nothing changed. */
	j = call_json(sam, "GET", "/api/v1/panels/1/pay/policy", NULL, 200);
	assert_true(json_equal(before, json_object_get(j, "policy")));
	json_decref(j);
	json_decref(before);

	expect_error(amira, "PUT", "/api/v1/me/pay/declaration",
	             "{\"custom_amount\":5000,\"custom_period\":\"\",\"anchor_day\":\"2026-01-15\"}",
	             400, "invalid", "custom_period");
	expect_error(amira, "PUT", "/api/v1/me/pay/declaration",
	             "{\"rule\":\"carers_allowance\",\"anchor_day\":\"9999-12-31\"}", 400, "invalid",
	             "anchor_day");
}

/* ---- bank details and the limits table ---- */

static void bank_details_are_sealed_and_shown_masked(void **state)
{
	(void)state;
	json_t *j = call_json(sam, "GET", "/api/v1/panels/1/pay/policy", NULL, 200);
	long version = num(json_object_get(j, "policy"), "version");
	json_decref(j);
	char body[600];
	snprintf(body, sizeof body,
	         "{\"version\":%ld,\"currency\":\"GBP\",\"rates\":{\"hour\":2500,\"half_day\":9000,"
	         "\"day\":18000},\"meeting_unit\":\"hour\",\"prep_minutes\":30,"
	         "\"csv_columns\":\"reference,payee,account_name,sort_code,account_number,amount\","
	         "\"store_bank_details\":true}", version);
	j = call_json(sam, "PUT", "/api/v1/panels/1/pay/policy", body, 200);
	assert_true(json_is_true(json_object_get(json_object_get(j, "policy"), "store_bank_details")));
	json_decref(j);

	client_refresh_csrf(amira);
	/* Given to no panel, they are refused and nothing typed but them is lost. */
	struct response *r = post_form(amira, "/my-pay/bank", "account_name=A+Haddad&sort_code=12-34-56"
	                                                      "&account_number=87654321");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "Choose at least one panel"));
	response_free(r);
	/* Panel 2 does not keep bank details: it cannot be chosen. */
	r = post_form(amira, "/my-pay/bank", "account_name=A+Haddad&sort_code=12-34-56"
	                                     "&account_number=87654321&panels=2");
	assert_int_equal(r->status, 400);
	response_free(r);
	r = post_form(amira, "/my-pay/bank", "account_name=A+Haddad&sort_code=12-34-56"
	                                     "&account_number=87654321&panels=1");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(amira, "/my-pay");
	assert_true(contains(r, "Given to: <bdi>Just Voices migrants&#39; panel</bdi>."));
	assert_true(contains(r, "**-**-56"));
	assert_true(contains(r, "****4321"));
	assert_false(contains(r, "87654321"));
	assert_false(contains(r, "123456"));
	response_free(r);
	/* Not in her data download either, nor (SQLite) anywhere in the files. */
	r = get(amira, "/api/v1/me/data");
	assert_false(contains(r, "87654321"));
	response_free(r);
	char wal[320];
	snprintf(wal, sizeof wal, "%s-wal", srv.db);
	bool sqlite = strncmp(srv.db, "postgres", 8) != 0;
	assert_true(!sqlite || file_has(srv.db, "amira@demo.emptychair.org")); /* the search reads it */
	assert_false(file_has(srv.db, "87654321"));
	assert_false(file_has(wal, "87654321"));

	/* The finance CSV is the one place they are opened: for her claim's run. */
	char path[100];
	snprintf(body, sizeof body, "{\"kind\":\"expense\",\"description\":\"Taxi\",\"work_day\":\"%s\","
	                            "\"category\":\"travel\",\"amount\":1500,\"payee_id\":3}",
	         day_from_today(-1));
	j = keyed_json(sam, "/api/v1/panels/1/pay/claims", body, "bank-claim", 201);
	long claim = get_id(json_object_get(j, "claim"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/claims/%ld/decision", claim);
	json_decref(keyed_json(sam, path, "{\"choice\":\"approve\"}", "bank-approve", 200));
	snprintf(body, sizeof body, "{\"claims\":[%ld]}", claim);
	j = keyed_json(sam, "/api/v1/panels/1/pay/runs", body, "bank-run", 201);
	long run = get_id(json_object_get(j, "run"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/runs/%ld", run);
	r = call(sam, "GET", path, NULL, 200);
	assert_false(contains(r, "87654321"));
	response_free(r);
	snprintf(path, sizeof path, "/api/v1/panels/1/pay/runs/%ld/csv", run);
	r = call(sam, "GET", path, NULL, 200);
	assert_true(contains(r, "A Haddad,123456,87654321,15.00"));
	response_free(r);
	/* ...and that export is in her audit log. */
	r = call(amira, "GET", "/api/v1/me/audit", NULL, 200);
	assert_true(contains(r, "bank_details"));
	response_free(r);

	/* Issue 17, point 4: another panel of hers that keeps bank details, and
	 * a steward there, cannot export them with a penny's claim... */
	j = call_json(sam, "GET", "/api/v1/panels/2/pay/policy", NULL, 200);
	version = num(json_object_get(j, "policy"), "version");
	json_decref(j);
	snprintf(body, sizeof body,
	         "{\"version\":%ld,\"currency\":\"GBP\",\"rates\":{\"hour\":2500,\"half_day\":9000,"
	         "\"day\":18000},\"meeting_unit\":\"hour\","
	         "\"csv_columns\":\"reference,payee,account_name,sort_code,account_number,amount\","
	         "\"store_bank_details\":true}", version);
	json_decref(call_json(sam, "PUT", "/api/v1/panels/2/pay/policy", body, 200));
	snprintf(body, sizeof body, "{\"kind\":\"expense\",\"description\":\"Penny\",\"work_day\":\"%s\","
	                            "\"category\":\"travel\",\"amount\":1,\"payee_id\":3}",
	         day_from_today(-1));
	j = keyed_json(sam, "/api/v1/panels/2/pay/claims", body, "penny-claim", 201);
	claim = get_id(json_object_get(j, "claim"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/2/pay/claims/%ld/decision", claim);
	json_decref(keyed_json(sam, path, "{\"choice\":\"approve\"}", "penny-approve", 200));
	snprintf(body, sizeof body, "{\"claims\":[%ld]}", claim);
	j = keyed_json(sam, "/api/v1/panels/2/pay/runs", body, "penny-run", 201);
	run = get_id(json_object_get(j, "run"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/2/pay/runs/%ld/csv", run);
	r = call(sam, "GET", path, NULL, 200);
	assert_true(contains(r, ",,,0.01"));
	assert_false(contains(r, "87654321"));
	response_free(r);
	/* ...until she gives them to it too. */
	client_refresh_csrf(amira);
	r = post_form(amira, "/my-pay/bank/panels", "panels=1&panels=2");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = call(sam, "GET", path, NULL, 200);
	assert_true(contains(r, "A Haddad,123456,87654321,0.01"));
	response_free(r);

	/* Removed, they are gone. */
	client_refresh_csrf(amira);
	r = post_form(amira, "/my-pay/bank/remove", "");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(amira, "/my-pay");
	assert_false(contains(r, "****4321"));
	response_free(r);
}

static void an_administrator_adds_a_limit_row(void **state)
{
	(void)state;
	const char *row = "{\"rule\":\"carers_allowance\",\"name\":\"Carer's Allowance earnings limit\","
	                  "\"kind\":\"cliff\",\"period\":\"week\",\"amount\":21000,"
	                  "\"effective_from\":\"2027-04-05\",\"source\":\"https://www.gov.uk/carers-allowance\"}";
	json_t *j = call_json(sam, "POST", "/api/v1/earnings-limits", row, 201);
	long id = get_id(json_object_get(j, "limit"));
	assert_true(id > 0);
	json_decref(j);
	expect_error(sam, "POST", "/api/v1/earnings-limits", row, 409, "conflict", "effective_from");
	expect_error(amira, "POST", "/api/v1/earnings-limits", row, 403, "forbidden", NULL);
	j = call_json(amira, "GET", "/api/v1/earnings-limits", NULL, 200);
	assert_non_null(by_id(json_object_get(j, "limits"), id));
	json_decref(j);
	/* A taper needs its share; a limit none. */
	expect_error(sam, "POST", "/api/v1/earnings-limits",
	             "{\"rule\":\"uc_test\",\"name\":\"UC\",\"kind\":\"taper\",\"period\":\"month\","
	             "\"amount\":40000,\"effective_from\":\"2027-04-05\",\"source\":\"https://x\"}",
	             400, "invalid", "taper_percent");
	/* The page lists it, and changes it. */
	struct response *r = get(sam, "/admin/limits");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "5 April 2027"));
	response_free(r);
	char path[60];
	snprintf(path, sizeof path, "/admin/limits/%ld", id);
	client_refresh_csrf(sam);
	r = post_form(sam, path, "rule=carers_allowance&name=Carer%27s+Allowance+earnings+limit&kind=cliff"
	                         "&period=week&amount=212.00&taper_percent=0&effective_from=2027-04-05"
	                         "&source=https%3A%2F%2Fwww.gov.uk%2Fcarers-allowance&note=");
	assert_int_equal(r->status, 303);
	response_free(r);
	j = call_json(sam, "GET", "/api/v1/earnings-limits", NULL, 200);
	assert_int_equal(num(by_id(json_object_get(j, "limits"), id), "amount"), 21200);
	json_decref(j);
}

/* ---- attendance ---- */

/* The states of user's fee and preparation claims for meeting, as a
 * steward lists them ("" when there is none). */
static void meeting_claims(long meeting, long user, const char **fee, const char **prep)
{
	static char states[2][16];
	states[0][0] = states[1][0] = 0;
	json_t *j = call_json(sam, "GET", "/api/v1/panels/1/pay/claims", NULL, 200);
	size_t i;
	json_t *c;
	int fees = 0, preps = 0;
	json_array_foreach(json_object_get(j, "claims"), i, c) {
		if (get_id(json_object_get(c, "payee")) != user ||
		    get_id(json_object_get(c, "meeting")) != meeting)
			continue;
		bool is_fee = !strcmp(str(c, "kind"), "fee");
		fees += is_fee;
		preps += !is_fee;
		snprintf(states[is_fee ? 0 : 1], sizeof states[0], "%s", str(c, "state"));
	}
	json_decref(j);
	assert_true(fees <= 1 && preps <= 1); /* one of each, however often it is recorded */
	*fee = states[0];
	*prep = states[1];
}

/* Recording a co-creator at a meeting makes their fee and preparation
 * claims at the panel's rates (demo: panel 1 pays by the hour with 30
 * minutes' preparation); recording it again makes no more; taking the
 * attendance back declines the claims still waiting. Member9 (user 15)
 * was not at meeting 1. */
static void attendance_makes_claims_and_taking_it_back_declines_them(void **state)
{
	(void)state;
	const long MEMBER9 = 15, MEETING = 1;
	const char *fee, *prep;
	meeting_claims(MEETING, MEMBER9, &fee, &prep);
	assert_string_equal(fee, "");
	assert_string_equal(prep, "");
	const char *att = "/api/v1/panels/1/meetings/1/attendance";
	json_decref(call_json(sam, "PUT", att, "{\"attended\":[15]}", 200));
	json_decref(call_json(sam, "PUT", att, "{\"attended\":[15]}", 200));
	meeting_claims(MEETING, MEMBER9, &fee, &prep);
	assert_string_equal(fee, "claimed");
	assert_string_equal(prep, "claimed");
	json_decref(call_json(sam, "PUT", att, "{\"not_attended\":[15]}", 200));
	meeting_claims(MEETING, MEMBER9, &fee, &prep);
	assert_string_equal(fee, "declined");
	assert_string_equal(prep, "declined");
}

/* Issue 17, point 10: "I'd rather not be paid" makes no fee claim only
 * when stewards may see that answer; kept to the member alone, acting on
 * it would tell the stewards what it says, so the claims are made. */
static void a_private_wish_not_to_be_paid_is_not_told_by_its_effect(void **state)
{
	(void)state;
	long ids[2];
	char emails[2][128];
	struct client *who[2];
	assert_int_equal(active_co_creators(sam, 1, 30, ids, emails, 2), 2);
	for (int k = 0; k < 2; k++) {
		who[k] = client_new(&srv);
		assert_true(client_sign_in(who[k], emails[k], NULL));
	}
	static const char *const seen_by[2] = { "stewards", "self" };
	for (int k = 0; k < 2; k++) {
		char body[160];
		snprintf(body, sizeof body,
		         "{\"fields\":{\"pay\":{\"value\":\"decline\",\"visibility\":\"%s\"}}}",
		         seen_by[k]);
		json_decref(call_json(who[k], "PATCH", "/api/v1/me/profile", body, 200));
	}
	char att[160];
	snprintf(att, sizeof att, "{\"attended\":[%ld,%ld]}", ids[0], ids[1]);
	json_decref(call_json(sam, "PUT", "/api/v1/panels/1/meetings/1/attendance", att, 200));
	const char *fee, *prep;
	meeting_claims(1, ids[0], &fee, &prep);
	assert_string_equal(fee, ""); /* the stewards know, and no fee is claimed */
	meeting_claims(1, ids[1], &fee, &prep);
	assert_string_equal(fee, "claimed"); /* as for anyone else */
	for (int k = 0; k < 2; k++) client_free(who[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(concurrent_identical_requests_write_once),
		cmocka_unit_test(over_the_limit_needs_a_reason_or_an_alternative),
		cmocka_unit_test(each_way_of_paying_is_its_own_row),
		cmocka_unit_test(a_stewards_own_claim_needs_a_second_steward),
		cmocka_unit_test(another_co_creator_sees_nothing_of_amiras),
		cmocka_unit_test(a_guest_sees_no_pay_data),
		cmocka_unit_test(declarations_keys_and_bad_input),
		cmocka_unit_test(bad_rates_and_declarations_are_refused_not_zeroed),
		cmocka_unit_test(bank_details_are_sealed_and_shown_masked),
		cmocka_unit_test(an_administrator_adds_a_limit_row),
		cmocka_unit_test(attendance_makes_claims_and_taking_it_back_declines_them),
		cmocka_unit_test(a_private_wish_not_to_be_paid_is_not_told_by_its_effect),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
