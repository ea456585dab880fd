/* Issue 22, "how are we doing?": the page and the API give the same
 * signals, for the panel and for one project, and refuse what is not one
 * of the panel's projects the same way. (Each signal's rule on data built
 * for it: tests/unit/test_practice.c and tests/store/test_practice.c.)
 *
 * Panel 1 of the demo: sam steward, amira co-creator. */
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
static struct client *amira;

static int setup(void **state)
{
	(void)state;
	if (!server_start(&srv)) return -1;
	amira = client_new(&srv);
	return client_sign_in(amira, "amira@demo.emptychair.org", NULL) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_free(amira);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_and_api_say_the_same),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
