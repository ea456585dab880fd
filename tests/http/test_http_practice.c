/* Issue 22, learning: "how are we doing?" (the page and the API give the
 * same signals, for the panel and for one project, and refuse what is not
 * one of the panel's projects the same way; each signal's rule on data
 * built for it: tests/unit/test_practice.c and tests/store/test_practice.c);
 * and standards self-assessment (anonymous ratings, the spread only in
 * whole groups of five, once a quarter, both doors).
 *
 * Panel 1 of the demo: sam steward, amira co-creator, joy guest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "api_json.h"
#include "harness.h"

static struct server srv;
static struct client *amira, *sam, *joy;

static int setup(void **state)
{
	(void)state;
	if (!server_start(&srv)) return -1;
	amira = client_new(&srv);
	sam = client_new(&srv);
	joy = client_new(&srv);
	return client_sign_in(amira, "amira@demo.emptychair.org", NULL) &&
	               client_sign_in(sam, "sam@demo.emptychair.org", NULL) &&
	               client_sign_in(joy, "joy.adebayo@demo.emptychair.org", NULL)
	       ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_free(amira);
	client_free(sam);
	client_free(joy);
	return server_stop(&srv) == 0 ? 0 : -1;
}

static void page_and_api_say_the_same(void **state)
{
	(void)state;
	json_t *j = call_json(amira, "GET", "/api/v1/panels/1/practice", NULL, 200);
	json_t *list = json_object_get(j, "signals");
	assert_int_equal(json_array_size(list), 10);
	assert_true(json_is_null(json_object_get(j, "project_id")));
	struct response *r = get(amira, "/panels/1/how-are-we-doing");
	assert_int_equal(r->status, 200);
	int looks = 0;
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *x = json_array_get(list, i);
		const char *title = str(x, "title"), *st = str(x, "state");
		char id[64];
		snprintf(id, sizeof id, "id=\"ps-%s\"", str(x, "key"));
		if (!contains(r, id) || !contains(r, title))
			fail_msg("the page lacks %s (%s)", str(x, "key"), title);
		assert_true(!strcmp(st, "no_data") || !strcmp(st, "fine") || !strcmp(st, "look"));
		looks += !strcmp(st, "look");
		assert_non_null(strstr(str(x, "seed"), "(seed 00"));
	}
	/* as many "worth a look" on the page as in the API */
	int tags = 0;
	for (const char *p = r->body; (p = strstr(p, "tag-orange\">Worth a look<")); p++) tags++;
	assert_int_equal(tags, looks);
	response_free(r);
	json_decref(j);
	/* one project: pay and places are the panel's */
	j = call_json(amira, "GET", "/api/v1/panels/1/practice?project_id=1", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "signals")), 8);
	assert_int_equal(num(j, "project_id"), 1);
	json_decref(j);
	r = get(amira, "/panels/1/how-are-we-doing?project_id=1");
	assert_int_equal(r->status, 200);
	assert_false(contains(r, "id=\"ps-pay_late\""));
	response_free(r);
	/* not one of the panel's projects, or not a number: refused alike */
	expect_error(amira, "GET", "/api/v1/panels/1/practice?project_id=99999", NULL, 404,
	             "not_found", "project_id");
	expect_error(amira, "GET", "/api/v1/panels/1/practice?project_id=abc", NULL, 400, "bad_query",
	             "project_id");
	r = get(amira, "/panels/1/how-are-we-doing?project_id=abc");
	assert_int_equal(r->status, 400);
	response_free(r);
}

/* The standard nsce.inclusion of project 1 in this quarter, as c sees it. */
static json_t *inclusion(struct client *c, json_t **whole)
{
	*whole = call_json(c, "GET", "/api/v1/panels/1/projects/1/standards", NULL, 200);
	json_t *list = json_object_get(*whole, "standards");
	for (size_t i = 0; i < json_array_size(list); i++)
		if (!strcmp(str(json_array_get(list, i), "key"), "nsce.inclusion"))
			return json_array_get(list, i);
	fail_msg("no nsce.inclusion");
	return NULL;
}

static void standards_rated_anonymously_in_fives(void **state)
{
	(void)state;
	json_t *whole = call_json(amira, "GET", "/api/v1/panels/1/projects/1/standards", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(whole, "standards")), 13);
	assert_true(json_is_true(json_object_get(whole, "may_rate")));
	json_decref(whole);
	expect_error(joy, "GET", "/api/v1/panels/1/projects/1/standards", NULL, 403, "forbidden",
	             NULL);
	/* six raters: amira, sam and four co-creators */
	long ids[4];
	char emails[4][128];
	assert_int_equal(active_co_creators(sam, 1, 7, ids, emails, 4), 4);
	struct client *raters[6] = { amira, sam };
	for (int k = 0; k < 4; k++) {
		raters[2 + k] = client_new(&srv);
		assert_true(client_sign_in(raters[2 + k], emails[k], NULL));
	}
	const int rating[6] = { 2, 4, 4, 5, 3, 1 };
	for (int k = 0; k < 6; k++) {
		char body[200];
		snprintf(body, sizeof body,
		         "{\"standard\":\"nsce.inclusion\",\"rating\":%d,\"comment\":\"%s\"}", rating[k],
		         k == 0 ? "ZQS we never met the young carers" : "");
		json_decref(call_json(raters[k], "POST", "/api/v1/panels/1/projects/1/standards", body,
		                      201));
		json_t *x = inclusion(amira, &whole);
		json_t *q = json_array_get(json_object_get(x, "quarters"), 0);
		assert_int_equal(num(q, "ratings"), k + 1);
		if (k < 4) {
			/* below five: how many rated, and nothing of what they said */
			assert_int_equal(num(q, "counted"), 0);
			assert_null(json_object_get(q, "counts"));
			assert_null(json_object_get(q, "comments"));
		} else {
			/* the first five count; the sixth waits for four more */
			assert_int_equal(num(q, "counted"), 5);
			json_t *counts = json_object_get(q, "counts");
			const long want[5] = { 0, 1, 1, 2, 1 }; /* ratings 2, 4, 4, 5, 3 */
			for (int r = 0; r < 5; r++)
				assert_int_equal(json_integer_value(json_array_get(counts, r)), want[r]);
			json_t *comments = json_object_get(q, "comments");
			assert_int_equal(json_array_size(comments), 1);
			assert_string_equal(json_string_value(json_array_get(comments, 0)),
			                    "ZQS we never met the young carers");
		}
		json_decref(whole);
	}
	/* each sees their own rating, and no one else's; once a quarter */
	json_t *x = inclusion(amira, &whole);
	assert_int_equal(num(json_object_get(x, "mine_this_quarter"), "rating"), 2);
	json_decref(whole);
	expect_error(amira, "POST", "/api/v1/panels/1/projects/1/standards",
	             "{\"standard\":\"nsce.inclusion\",\"rating\":3}", 409, "already_rated", NULL);
	expect_error(amira, "POST", "/api/v1/panels/1/projects/1/standards",
	             "{\"standard\":\"nsce.nothing\",\"rating\":3}", 400, "invalid", "standard");
	expect_error(amira, "POST", "/api/v1/panels/1/projects/99999/standards",
	             "{\"standard\":\"nsce.inclusion\",\"rating\":3}", 404, "not_found", NULL);
	/* the page: the spread, the comment without a name, my rating */
	struct response *r = get(amira, "/panels/1/projects/1/standards");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "ZQS we never met the young carers"));
	assert_true(contains(r, "You rated it 2 this quarter."));
	assert_false(contains(r, "Amira Haddad</")); /* no names by the ratings */
	response_free(r);
	/* the rating page: a mistake keeps what was typed */
	r = get(raters[2], "/panels/1/projects/1/standards/rate?standard=ukspi.governance");
	assert_int_equal(r->status, 200);
	response_free(r);
	r = post_form(raters[2], "/panels/1/projects/1/standards",
	              "standard=ukspi.governance&rating=&comment=ZQS+typed+words");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "ZQS typed words"));
	response_free(r);
	r = post_form(raters[2], "/panels/1/projects/1/standards",
	              "standard=ukspi.governance&rating=4&comment=");
	assert_int_equal(r->status, 303);
	response_free(r);
	for (int k = 2; k < 6; k++) client_free(raters[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_and_api_say_the_same),
		cmocka_unit_test(standards_rated_anonymously_in_fives),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
