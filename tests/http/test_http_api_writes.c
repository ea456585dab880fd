/* The JSON API's writes that mirror the pages (src/web/voice/ API files)
 * against a real server, on each backend: projects and their rungs,
 * meetings planned in UTC, replies, guests invited and withdrawn, agenda
 * items proposed, supported and stepped out of, the agenda published
 * (once), attendance with the reflection notice it sends, and notices
 * marked read. Each effect is read back through the API's GET answers;
 * bad input names its field, a co-creator is refused what only stewards
 * do, and a guest not invited finds no meeting.
 *
 * People (harness.h): sam and rana stewards of panel 1, amira (user 3) a
 * co-creator, joy (user 6) a guest of panel 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_json.h"
#include "harness.h"

enum { RANA = 2, AMIRA = 3, JOY = 6 };

static struct server srv;
static struct client *sam, *amira, *joy;
static long project_id;        /* made here */
static long meeting_id;        /* to come; joy is invited to it */
static long past_id;           /* over; joy is not invited */
static long item_note, item_plain;   /* items of meeting_id, with and without a content note */

/* ---- helpers ---- */

static void expect_invalid(struct client *c, const char *method, const char *path,
                           const char *json, const char *field)
{
	expect_error(c, method, path, json, 400, "invalid", field);
}

static json_t *by_key(json_t *arr, const char *key, long id)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (num(v, key) == id) return v;
	return NULL;
}

/* A meeting's API path; one of four rotating buffers, for use at once. */
static const char *mpath(long meeting, const char *suffix)
{
	static char path[4][200];
	static int k;
	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "/api/v1/panels/1/meetings/%ld%s", meeting, suffix);
	return path[k];
}

/* The item id of meeting's agenda as c sees it, or NULL. */
static json_t *agenda_item(json_t *meeting, long item)
{
	return by_key(json_object_get(meeting, "agenda"), "id", item);
}

static int setup(void **state)
{
	if (!server_start(&srv)) return -1;
	struct { struct client **c; const char *email; } who[] = {
		{ &sam, "sam@demo.emptychair.org" }, { &amira, "amira@demo.emptychair.org" },
		{ &joy, "joy.adebayo@demo.emptychair.org" } };
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
		*who[i].c = client_new(&srv);
		if (!client_sign_in(*who[i].c, who[i].email, NULL)) return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	client_free(sam);
	client_free(amira);
	client_free(joy);
	return server_stop(&srv) == 0 ? 0 : -1;
}

/* ---- projects ---- */

static void projects_started_and_rungs_recorded(void **state)
{
	struct response *r = call(sam, "POST", "/api/v1/panels/1/projects",
	                          "{\"title\":\" ZQ API project \",\"purpose\":\"Better letters\","
	                          "\"decision_maker\":\"The housing committee\",\"stage\":\"delivery\"}",
	                          201);
	json_t *j = parse(r);
	project_id = get_id(j);
	assert_true(project_id > 0);
	char want[128];
	snprintf(want, sizeof want, "/api/v1/panels/1/projects/%ld", project_id);
	char *loc = header_value(r, "location");
	assert_non_null(loc);
	assert_string_equal(loc, want);
	free(loc);
	response_free(r);
	assert_string_equal(str(j, "title"), "ZQ API project");
	json_decref(j);

	/* Read back, by a co-creator. */
	j = call_json(amira, "GET", want, NULL, 200);
	assert_string_equal(str(j, "title"), "ZQ API project");
	assert_string_equal(str(j, "purpose"), "Better letters");
	assert_string_equal(str(j, "decision_maker"), "The housing committee");
	assert_string_equal(str(j, "stage"), "delivery");
	assert_int_equal(json_array_size(json_object_get(j, "rungs")), 0);
	json_decref(j);
	/* The stage is "shaping" unless given; the list has both. */
	j = call_json(sam, "POST", "/api/v1/panels/1/projects", "{\"title\":\"ZQ second\"}", 201);
	assert_string_equal(str(j, "stage"), "shaping");
	long second = get_id(j);
	json_decref(j);
	j = call_json(amira, "GET", "/api/v1/panels/1/projects", NULL, 200);
	assert_non_null(by_key(json_object_get(j, "projects"), "id", project_id));
	assert_non_null(by_key(json_object_get(j, "projects"), "id", second));
	json_decref(j);

	/* Bad input names the field; nothing is made. */
	const char *p = "/api/v1/panels/1/projects";
	expect_invalid(sam, "POST", p, "{}", "title");
	expect_invalid(sam, "POST", p, "{\"title\":\"   \"}", "title");
	expect_invalid(sam, "POST", p, "{\"title\":3}", "title");
	expect_invalid(sam, "POST", p, "{\"title\":\"T\",\"stage\":\"dreaming\"}", "stage");
	expect_invalid(sam, "POST", p, "{\"title\":\"T\",\"colour\":\"red\"}", "colour");
	char big[400];
	snprintf(big, sizeof big, "{\"title\":\"%0201d\"}", 0);
	expect_invalid(sam, "POST", p, big, "title");
	expect_invalid(sam, "POST", p, "not json", NULL);
	/* Stewards only. */
	expect_error(amira, "POST", p, "{\"title\":\"Mine\"}", 403, "forbidden", NULL);
	j = call_json(amira, "GET", "/api/v1/panels/1/projects", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "projects")), 3); /* demo's and two */
	json_decref(j);

	/* Rungs. */
	char rungs[160];
	snprintf(rungs, sizeof rungs, "%s/rungs", want);
	j = call_json(sam, "POST", rungs, "{\"stage\":\"design\",\"rung\":6,\"evidence\":\"We wrote "
	                                  "it together\"}", 201);
	assert_string_equal(str(j, "rung_label"), "Co-design");
	json_decref(j);
	json_decref(call_json(sam, "POST", rungs, "{\"stage\":\"shaping\",\"rung\":4,"
	                                          "\"evidence\":\"A survey\"}", 201));
	/* Again for a stage: it replaces. */
	json_decref(call_json(sam, "POST", rungs, "{\"stage\":\"shaping\",\"rung\":5,"
	                                          "\"evidence\":\"Workshops\"}", 201));
	j = call_json(amira, "GET", want, NULL, 200);
	json_t *rs = json_object_get(j, "rungs");
	assert_int_equal(json_array_size(rs), 2);
	assert_string_equal(str(json_array_get(rs, 0), "stage"), "shaping");
	assert_int_equal(num(json_array_get(rs, 0), "rung"), 5);
	assert_string_equal(str(json_array_get(rs, 0), "evidence"), "Workshops");
	assert_string_equal(str(json_array_get(rs, 1), "stage"), "design");
	assert_int_equal(num(json_array_get(rs, 1), "rung"), 6);
	json_decref(j);
	expect_invalid(sam, "POST", rungs, "{\"stage\":\"later\",\"rung\":4,\"evidence\":\"E\"}",
	               "stage");
	expect_invalid(sam, "POST", rungs, "{\"stage\":\"design\",\"rung\":8,\"evidence\":\"E\"}",
	               "rung");
	expect_invalid(sam, "POST", rungs, "{\"stage\":\"design\",\"rung\":0,\"evidence\":\"E\"}",
	               "rung");
	expect_invalid(sam, "POST", rungs, "{\"stage\":\"design\",\"rung\":\"4\",\"evidence\":\"E\"}",
	               "rung");
	expect_invalid(sam, "POST", rungs, "{\"stage\":\"design\",\"rung\":4,\"evidence\":\" \"}",
	               "evidence");
	expect_invalid(sam, "POST", rungs, "{\"stage\":\"design\",\"rung\":4}", "evidence");
	expect_error(sam, "POST", "/api/v1/panels/1/projects/999/rungs",
	             "{\"stage\":\"design\",\"rung\":4,\"evidence\":\"E\"}", 404, "not_found", NULL);
	expect_error(amira, "POST", rungs, "{\"stage\":\"design\",\"rung\":4,\"evidence\":\"E\"}", 403,
	             "forbidden", NULL);
}

/* ---- meetings ---- */

static void meetings_planned_in_utc(void **state)
{
	assert_true(project_id > 0);
	char body[600];
	snprintf(body, sizeof body,
	         "{\"title\":\"ZQ API meeting\",\"project_id\":%ld,"
	         "\"starts_at\":\"2030-07-10T13:00:00Z\",\"ends_at\":\"2030-07-10T15:00:00Z\","
	         "\"place\":\"Community hall\",\"place_access\":\"Step-free\","
	         "\"online_url\":\"https://meet.example.org/zq\"}", project_id);
	struct response *r = call(sam, "POST", "/api/v1/panels/1/meetings", body, 201);
	json_t *j = parse(r);
	meeting_id = get_id(j);
	assert_true(meeting_id > 0);
	char *loc = header_value(r, "location");
	assert_non_null(loc);
	assert_string_equal(loc, mpath(meeting_id, ""));
	free(loc);
	response_free(r);
	json_decref(j);

	j = call_json(amira, "GET", mpath(meeting_id, ""), NULL, 200);
	assert_string_equal(str(j, "title"), "ZQ API meeting");
	assert_string_equal(str(j, "starts_at"), "2030-07-10T13:00:00Z");
	assert_string_equal(str(j, "ends_at"), "2030-07-10T15:00:00Z");
	/* A week before, at the end of that day in London (summer time). */
	assert_string_equal(str(j, "agenda_due_at"), "2030-07-03T22:59:59Z");
	assert_string_equal(str(j, "place"), "Community hall");
	assert_string_equal(str(j, "place_access"), "Step-free");
	assert_string_equal(str(j, "online_url"), "https://meet.example.org/zq");
	assert_int_equal(get_id(json_object_get(j, "project")), project_id);
	assert_true(json_is_true(json_object_get(j, "can_propose")));
	json_decref(j);

	/* One that is over, online only, in no project. */
	j = call_json(sam, "POST", "/api/v1/panels/1/meetings",
	              "{\"title\":\"ZQ past meeting\",\"starts_at\":\"2020-01-15T14:00:00Z\","
	              "\"ends_at\":\"2020-01-15T16:00:00Z\",\"online_url\":\"https://meet.example.org/p\"}",
	              201);
	past_id = get_id(j);
	assert_true(json_is_null(json_object_get(j, "project")));
	json_decref(j);

	const char *p = "/api/v1/panels/1/meetings";
#define TIMES "\"starts_at\":\"2030-07-10T13:00:00Z\",\"ends_at\":\"2030-07-10T15:00:00Z\""
	expect_invalid(sam, "POST", p, "{\"title\":\"M\",\"place\":\"H\"," TIMES ",\"x\":1}", "x");
	expect_invalid(sam, "POST", p, "{\"place\":\"H\"," TIMES "}", "title");
	expect_invalid(sam, "POST", p, "{\"title\":\" \",\"place\":\"H\"," TIMES "}", "title");
	expect_invalid(sam, "POST", p, "{\"title\":\"M\"," TIMES "}", "place");
	expect_invalid(sam, "POST", p, "{\"title\":\"M\",\"online_url\":\"meet.example.org\"," TIMES "}",
	               "online_url");
	expect_invalid(sam, "POST", p, "{\"title\":\"M\",\"place\":\"H\",\"project_id\":999," TIMES "}",
	               "project_id");
	expect_invalid(sam, "POST", p, "{\"title\":\"M\",\"place\":\"H\",\"project_id\":0," TIMES "}",
	               "project_id");
	expect_invalid(sam, "POST", p, "{\"title\":\"M\",\"place\":\"H\","
	               "\"starts_at\":\"2030-07-10 13:00\",\"ends_at\":\"2030-07-10T15:00:00Z\"}",
	               "starts_at");
	expect_invalid(sam, "POST", p, "{\"title\":\"M\",\"place\":\"H\","
	               "\"starts_at\":\"2030-02-30T13:00:00Z\",\"ends_at\":\"2030-07-10T15:00:00Z\"}",
	               "starts_at");
	expect_invalid(sam, "POST", p, "{\"title\":\"M\",\"place\":\"H\","
	               "\"starts_at\":\"2030-07-10T13:00:00Z\",\"ends_at\":\"2030-07-10T15:00:00+01:00\"}",
	               "ends_at");
	expect_invalid(sam, "POST", p, "{\"title\":\"M\",\"place\":\"H\","
	               "\"starts_at\":\"2030-07-10T13:00:00Z\",\"ends_at\":\"2030-07-10T12:00:00Z\"}",
	               "ends_at");
	expect_invalid(sam, "POST", p, "{\"title\":\"M\",\"place\":\"H\","
	               "\"starts_at\":\"2030-07-10T13:00:00Z\"}", "ends_at");
	expect_error(amira, "POST", p, "{\"title\":\"M\",\"place\":\"H\"," TIMES "}", 403, "forbidden",
	             NULL);
#undef TIMES
	/* Nothing more was made: the demo's two and these two. */
	j = call_json(sam, "GET", p, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "meetings")), 4);
	json_decref(j);
}

/* ---- guests and replies ---- */

static void guests_invited_withdrawn_and_replying(void **state)
{
	assert_true(meeting_id > 0);
	char guest[200];
	snprintf(guest, sizeof guest, "%s", mpath(meeting_id, "/guests/6"));
	/* Not invited: no meeting, not even to reply to. */
	expect_error(joy, "GET", mpath(meeting_id, ""), NULL, 404, "not_found", NULL);
	expect_error(joy, "PUT", mpath(meeting_id, "/reply"), "{\"reply\":\"coming\"}", 404,
	             "not_found", NULL);

	json_t *j = call_json(sam, "PUT", guest, NULL, 200);
	assert_true(json_is_true(json_object_get(j, "invited")));
	json_decref(j);
	json_decref(call_json(sam, "PUT", guest, NULL, 200)); /* again: still invited, told once */
	assert_int_equal(notices_saying(joy, "invited you to the meeting \"ZQ API meeting\""), 1);
	j = call_json(joy, "GET", mpath(meeting_id, ""), NULL, 200);
	assert_true(json_is_true(json_object_get(j, "can_reply")));
	json_decref(j);
	j = call_json(joy, "GET", "/api/v1/panels/1/meetings", NULL, 200);
	assert_non_null(by_key(json_object_get(j, "meetings"), "id", meeting_id));
	json_decref(j);

	/* Only an active guest of the panel; stewards only. */
	expect_invalid(sam, "PUT", mpath(meeting_id, "/guests/3"), NULL, "user_id");
	expect_invalid(sam, "PUT", mpath(meeting_id, "/guests/4"), NULL, "user_id"); /* panel 2's */
	expect_invalid(sam, "PUT", mpath(meeting_id, "/guests/999"), NULL, "user_id");
	expect_error(sam, "PUT", mpath(999, "/guests/6"), NULL, 404, "not_found", NULL);
	expect_error(amira, "PUT", guest, NULL, 403, "forbidden", NULL);
	expect_error(amira, "DELETE", guest, NULL, 403, "forbidden", NULL);

	/* Withdrawn: gone again; invited once more for what follows. */
	struct response *r = call(sam, "DELETE", guest, NULL, 204);
	response_free(r);
	expect_error(joy, "GET", mpath(meeting_id, ""), NULL, 404, "not_found", NULL);
	json_decref(call_json(sam, "PUT", guest, NULL, 200));

	/* Replies, read back. */
	j = call_json(joy, "PUT", mpath(meeting_id, "/reply"), "{\"reply\":\"coming\"}", 200);
	assert_string_equal(str(j, "my_reply"), "coming");
	json_decref(j);
	json_decref(call_json(amira, "PUT", mpath(meeting_id, "/reply"), "{\"reply\":\"maybe\"}", 200));
	json_decref(call_json(amira, "PUT", mpath(meeting_id, "/reply"), "{\"reply\":\"not_coming\"}",
	                      200));
	j = call_json(amira, "GET", mpath(meeting_id, ""), NULL, 200);
	assert_string_equal(str(j, "my_reply"), "not_coming");
	json_decref(j);
	j = call_json(joy, "GET", mpath(meeting_id, ""), NULL, 200);
	assert_string_equal(str(j, "my_reply"), "coming");
	json_decref(j);
	expect_invalid(amira, "PUT", mpath(meeting_id, "/reply"), "{\"reply\":\"perhaps\"}", "reply");
	expect_invalid(amira, "PUT", mpath(meeting_id, "/reply"), "{}", "reply");
	expect_invalid(amira, "PUT", mpath(meeting_id, "/reply"), "{\"reply\":true}", "reply");
	expect_error(amira, "PUT", mpath(999, "/reply"), "{\"reply\":\"maybe\"}", 404, "not_found",
	             NULL);
	/* The guest is not invited to the past meeting. */
	expect_error(joy, "PUT", mpath(past_id, "/reply"), "{\"reply\":\"maybe\"}", 404, "not_found",
	             NULL);
}

/* ---- agenda items ---- */

static void items_proposed_supported_and_stepped_out_of(void **state)
{
	assert_true(meeting_id > 0);
	char items[100];
	snprintf(items, sizeof items, "%s", mpath(meeting_id, "/items"));
	json_t *j = call_json(amira, "POST", items, "{\"title\":\"ZQ debt advice\",\"why\":\"Many of "
	                      "us owe\",\"content_note\":\"Talks about debt\"}", 201);
	item_note = get_id(j);
	assert_true(item_note > 0);
	assert_string_equal(str(j, "state"), "proposed");
	assert_string_equal(str(j, "proposed_by"), "Amira Haddad");
	assert_string_equal(str(j, "content_note"), "Talks about debt");
	assert_int_equal(num(j, "meeting_id"), meeting_id);
	json_decref(j);
	j = call_json(sam, "POST", items, "{\"title\":\"ZQ bus passes\",\"why\":\"The cost\"}", 201);
	item_plain = get_id(j);
	assert_non_null(json_object_get(j, "step_outs")); /* a steward's view */
	json_decref(j);

	expect_invalid(amira, "POST", items, "{\"title\":\"T\"}", "why");
	expect_invalid(amira, "POST", items, "{\"title\":\" \",\"why\":\"W\"}", "title");
	expect_invalid(amira, "POST", items, "{\"title\":\"T\",\"why\":\"\"}", "why");
	char big[600];
	snprintf(big, sizeof big, "{\"title\":\"T\",\"why\":\"W\",\"content_note\":\"%0301d\"}", 0);
	expect_invalid(amira, "POST", items, big, "content_note");
	expect_error(joy, "POST", items, "{\"title\":\"T\",\"why\":\"W\"}", 403, "forbidden", NULL);
	expect_error(amira, "POST", mpath(999, "/items"), "{\"title\":\"T\",\"why\":\"W\"}", 404,
	             "not_found", NULL);

	/* Support, on and off, read back. */
	char support[160], step[160];
	snprintf(support, sizeof support, "%s/%ld/support", items, item_plain);
	snprintf(step, sizeof step, "%s/%ld/step-out", items, item_note);
	j = call_json(amira, "PUT", support, "{\"on\":true}", 200);
	json_t *it = agenda_item(j, item_plain);
	assert_true(json_is_true(json_object_get(it, "i_support")));
	long supporters = num(it, "supporters");
	assert_true(supporters >= 1);
	json_decref(j);
	j = call_json(sam, "GET", mpath(meeting_id, ""), NULL, 200);
	assert_int_equal(num(agenda_item(j, item_plain), "supporters"), supporters);
	json_decref(j);
	j = call_json(amira, "PUT", support, "{\"on\":false}", 200);
	assert_true(json_is_false(json_object_get(agenda_item(j, item_plain), "i_support")));
	assert_int_equal(num(agenda_item(j, item_plain), "supporters"), supporters - 1);
	json_decref(j);
	json_decref(call_json(amira, "PUT", support, "{\"on\":true}", 200));
	expect_invalid(amira, "PUT", support, "{\"on\":\"yes\"}", "on");
	expect_invalid(amira, "PUT", support, "{\"on\":1}", "on");
	expect_invalid(amira, "PUT", support, "{}", "on");
	char nosuch[300];
	snprintf(nosuch, sizeof nosuch, "%s/999/support", items);
	expect_error(amira, "PUT", nosuch, "{\"on\":true}", 404, "not_found", NULL);
	expect_error(joy, "PUT", support, "{\"on\":true}", 403, "forbidden", NULL);

	/* Stepping out: the guest too; stewards see how many, never who. */
	j = call_json(joy, "PUT", step, "{\"on\":true}", 200);
	assert_true(json_is_true(json_object_get(agenda_item(j, item_note), "i_step_out")));
	assert_null(json_object_get(agenda_item(j, item_note), "step_outs"));
	json_decref(j);
	j = call_json(sam, "GET", mpath(meeting_id, ""), NULL, 200);
	assert_int_equal(num(agenda_item(j, item_note), "step_outs"), 1);
	assert_true(json_is_false(json_object_get(agenda_item(j, item_note), "i_step_out")));
	json_decref(j);
	/* Only an item with a content note. */
	snprintf(nosuch, sizeof nosuch, "%s/%ld/step-out", items, item_plain);
	expect_invalid(joy, "PUT", nosuch, "{\"on\":true}", NULL);
	expect_invalid(joy, "PUT", step, "{\"on\":null}", "on");
	/* Not on a meeting the guest is not invited to. */
	snprintf(nosuch, sizeof nosuch, "%s/%ld/step-out", mpath(past_id, "/items"), item_note);
	expect_error(joy, "PUT", nosuch, "{\"on\":true}", 404, "not_found", NULL);
}

/* ---- the agenda ---- */

static void the_agenda_is_published_once(void **state)
{
	assert_true(item_note > 0 && item_plain > 0);
	char agenda[200];
	snprintf(agenda, sizeof agenda, "%s", mpath(meeting_id, "/agenda"));
	char body[400];
	expect_invalid(sam, "POST", agenda, "{}", "items");
	expect_invalid(sam, "POST", agenda, "{\"items\":{}}", "items");
	expect_invalid(sam, "POST", agenda, "{\"items\":[],\"publish\":true}", "publish");
	expect_invalid(sam, "POST", agenda, "[]", NULL);
	snprintf(body, sizeof body, "{\"items\":[{\"id\":%ld}]}", item_note);
	expect_invalid(sam, "POST", agenda, body, "items");
	snprintf(body, sizeof body, "{\"items\":[{\"id\":%ld,\"on_agenda\":true}]}", item_note);
	expect_invalid(sam, "POST", agenda, body, "items"); /* item_plain undecided */
	snprintf(body, sizeof body, "{\"items\":[{\"id\":%ld,\"on_agenda\":true},{\"id\":%ld,"
	         "\"on_agenda\":false},{\"id\":%ld,\"on_agenda\":true}]}", item_note, item_plain,
	         item_note);
	expect_invalid(sam, "POST", agenda, body, "items");
	snprintf(body, sizeof body, "{\"items\":[{\"id\":%ld,\"on_agenda\":true,\"x\":1},{\"id\":%ld,"
	         "\"on_agenda\":true}]}", item_note, item_plain);
	expect_invalid(sam, "POST", agenda, body, "items");
	snprintf(body, sizeof body, "{\"items\":[{\"id\":%ld,\"on_agenda\":true},{\"id\":%ld,"
	         "\"on_agenda\":true},{\"id\":999,\"on_agenda\":true}]}", item_note, item_plain);
	expect_error(sam, "POST", agenda, body, 404, "not_found", "items");
	snprintf(body, sizeof body, "{\"items\":[{\"id\":%ld,\"on_agenda\":true},{\"id\":%ld,"
	         "\"on_agenda\":false,\"reason\":\"Next time\"}]}", item_plain, item_note);
	expect_error(amira, "POST", agenda, body, 403, "forbidden", NULL);
	expect_error(sam, "POST", mpath(999, "/agenda"), body, 404, "not_found", NULL);
	/* Nothing was published by any of those. */
	json_t *j = call_json(sam, "GET", mpath(meeting_id, ""), NULL, 200);
	assert_true(json_is_null(json_object_get(j, "agenda_published_at")));
	json_decref(j);

	j = call_json(sam, "POST", agenda, body, 200);
	assert_false(json_is_null(json_object_get(j, "agenda_published_at")));
	json_decref(j);
	j = call_json(amira, "GET", mpath(meeting_id, ""), NULL, 200);
	assert_false(json_is_null(json_object_get(j, "agenda_published_at")));
	assert_true(json_is_false(json_object_get(j, "can_propose")));
	json_t *plain = agenda_item(j, item_plain), *note = agenda_item(j, item_note);
	assert_string_equal(str(plain, "state"), "agreed");
	assert_int_equal(num(plain, "position"), 1);
	assert_string_equal(str(note, "state"), "not_taken");
	assert_string_equal(str(note, "not_taken_reason"), "Next time");
	assert_true(json_is_null(json_object_get(note, "position")));
	json_decref(j);

	/* Once only; nor are items proposed or supported after. */
	expect_error(sam, "POST", agenda, body, 409, "agenda_published", NULL);
	expect_error(amira, "POST", mpath(meeting_id, "/items"), "{\"title\":\"T\",\"why\":\"W\"}",
	             409, "agenda_published", NULL);
	char support[200];
	snprintf(support, sizeof support, "%s/%ld/support", mpath(meeting_id, "/items"), item_plain);
	expect_error(amira, "PUT", support, "{\"on\":false}", 409, "agenda_published", NULL);
}

/* ---- attendance and notices ---- */

static void attendance_recorded_and_attendees_asked_to_reflect(void **state)
{
	assert_true(past_id > 0);
	char att[200];
	snprintf(att, sizeof att, "%s", mpath(past_id, "/attendance"));
	const char *ask = "How did the meeting \"ZQ past meeting\" go for you?";
	expect_invalid(sam, "PUT", att, "{}", "attended");
	expect_invalid(sam, "PUT", att, "{\"attended\":\"3\"}", "attended");
	expect_invalid(sam, "PUT", att, "{\"attended\":[0]}", "attended");
	expect_invalid(sam, "PUT", att, "{\"not_attended\":[\"2\"]}", "not_attended");
	expect_invalid(sam, "PUT", att, "{\"attended\":[3],\"not_attended\":[3]}", "attended");
	expect_invalid(sam, "PUT", att, "{\"attended\":[3],\"came\":[2]}", "came");
	expect_error(sam, "PUT", att, "{\"attended\":[3,999]}", 404, "not_found", "attended");
	expect_error(amira, "PUT", att, "{\"attended\":[3]}", 403, "forbidden", NULL);
	expect_error(sam, "PUT", mpath(999, "/attendance"), "{\"attended\":[3]}", 404, "not_found",
	             NULL);
	/* Nothing was saved by those. */
	json_t *j = call_json(amira, "GET", mpath(past_id, ""), NULL, 200);
	assert_true(json_is_false(json_object_get(j, "attended")));
	json_decref(j);
	assert_int_equal(notices_saying(amira, ask), 0);

	j = call_json(sam, "PUT", att, "{\"attended\":[3],\"not_attended\":[2]}", 200);
	json_t *people = json_object_get(j, "people");
	assert_true(json_is_true(json_object_get(by_key(people, "user_id", AMIRA), "attended")));
	assert_true(json_is_false(json_object_get(by_key(people, "user_id", RANA), "attended")));
	json_decref(j);
	j = call_json(amira, "GET", mpath(past_id, ""), NULL, 200);
	assert_true(json_is_true(json_object_get(j, "attended")));
	json_decref(j);
	j = call_json(amira, "GET", mpath(past_id, "/reflections"), NULL, 200);
	assert_true(json_is_true(json_object_get(j, "can_reflect")));
	json_decref(j);
	/* Asked once, however often it is saved. */
	json_decref(call_json(sam, "PUT", att, "{\"attended\":[3]}", 200));
	assert_int_equal(notices_saying(amira, ask), 1);
	/* And unticked. */
	j = call_json(sam, "PUT", att, "{\"not_attended\":[3]}", 200);
	assert_true(json_is_false(json_object_get(by_key(json_object_get(j, "people"), "user_id",
	                                                 AMIRA), "attended")));
	json_decref(j);
}

static void notices_marked_read(void **state)
{
	json_t *j = call_json(amira, "GET", "/api/v1/me/notices", NULL, 200);
	assert_true(num(j, "unread") > 0);
	json_decref(j);
	struct response *r = call(amira, "POST", "/api/v1/me/notices/read", NULL, 204);
	response_free(r);
	j = call_json(amira, "GET", "/api/v1/me/notices", NULL, 200);
	assert_int_equal(num(j, "unread"), 0);
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, "notices"), i, v)
		assert_false(json_is_null(json_object_get(v, "read_at")));
	json_decref(j);
	/* Only one's own. */
	j = call_json(joy, "GET", "/api/v1/me/notices", NULL, 200);
	assert_true(num(j, "unread") > 0);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(projects_started_and_rungs_recorded),
		cmocka_unit_test(meetings_planned_in_utc),
		cmocka_unit_test(guests_invited_withdrawn_and_replying),
		cmocka_unit_test(items_proposed_supported_and_stepped_out_of),
		cmocka_unit_test(the_agenda_is_published_once),
		cmocka_unit_test(attendance_recorded_and_attendees_asked_to_reflect),
		cmocka_unit_test(notices_marked_read),
	};
	return cmocka_run_group_tests_name("http api writes", tests, setup, teardown);
}
