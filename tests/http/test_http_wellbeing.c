/* Issue 21, wellbeing: content notes come before the thing itself,
 * everywhere it appears (the meeting's page, the list of meetings, the
 * API, the calendar entry). (Limits and signals: test_http_opportunities
 * and tests/store/test_limits.c.)
 *
 * Panel 1: sam steward, amira co-creator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api_json.h"
#include "harness.h"

static struct server srv;
static struct client *sam, *amira;

static int setup(void **state)
{
	(void)state;
	if (!server_start(&srv)) return -1;
	sam = client_new(&srv);
	amira = client_new(&srv);
	return client_sign_in(sam, "sam@demo.emptychair.org", NULL) &&
	               client_sign_in(amira, "amira@demo.emptychair.org", NULL)
	       ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_free(sam);
	client_free(amira);
	return server_stop(&srv) == 0 ? 0 : -1;
}

static void a_meetings_content_note_comes_first(void **state)
{
	(void)state;
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/meetings",
	                      "{\"title\":\"ZQ housing\",\"starts_at\":\"2099-03-10T13:00:00Z\","
	                      "\"ends_at\":\"2099-03-10T15:00:00Z\",\"place\":\"Hall\","
	                      "\"content_note\":\"ZQ talk of eviction\"}", 201);
	long id = get_id(j);
	assert_string_equal(str(j, "content_note"), "ZQ talk of eviction");
	json_decref(j);
	/* too long is refused, naming the field */
	char *long_note = malloc(400);
	memset(long_note, 'x', 301);
	long_note[301] = 0;
	char body[600];
	snprintf(body, sizeof body,
	         "{\"title\":\"ZQ long\",\"starts_at\":\"2099-03-11T13:00:00Z\","
	         "\"ends_at\":\"2099-03-11T15:00:00Z\",\"place\":\"Hall\",\"content_note\":\"%s\"}",
	         long_note);
	expect_error(sam, "POST", "/api/v1/panels/1/meetings", body, 400, "invalid", "content_note");
	free(long_note);
	/* the page: before when and where */
	char path[96];
	snprintf(path, sizeof path, "/panels/1/meetings/%ld", id);
	struct response *r = get(amira, path);
	assert_int_equal(r->status, 200);
	const char *note = strstr(r->body, "ZQ talk of eviction"), *when = strstr(r->body, "<dt>When");
	assert_non_null(note);
	assert_non_null(when);
	assert_true(note < when);
	response_free(r);
	/* the list of meetings */
	r = get(amira, "/panels/1/meetings");
	assert_true(contains(r, "ZQ talk of eviction"));
	response_free(r);
	/* the calendar entry: the note is the description's first line */
	snprintf(path, sizeof path, "/panels/1/meetings/%ld/calendar.ics", id);
	r = get(amira, path);
	assert_int_equal(r->status, 200);
	const char *desc = strstr(r->body, "DESCRIPTION:");
	assert_non_null(desc);
	assert_true(!strncmp(desc, "DESCRIPTION:Content note: ZQ talk of eviction",
	                     strlen("DESCRIPTION:Content note: ZQ talk of eviction")));
	response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_meetings_content_note_comes_first),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
