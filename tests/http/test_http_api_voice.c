/* The JSON API for voice and influence (src/web/voice/ API files) against a
 * real server, on each backend: projects with their rungs and influence
 * figures, meetings (a guest sees only those they are invited to),
 * contributions made, listed a page at a time and answered several at
 * once, each person's own contributions and notices, bad input naming its
 * field, and a sweep that an anonymous contribution's author appears in no
 * answer anyone else receives, while the author sees it as theirs.
 *
 * People (harness.h): sam steward of panel 1 and site administrator, rana
 * steward of panel 1, amira (user 3) co-creator, joy (user 6) guest of
 * panel 1, member1 (user 7) a co-creator of panel 1 who writes
 * anonymously. Answers are parsed with jansson, so checks look at fields,
 * not at text that happens to be there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api_json.h"
#include "harness.h"
#include "store/store.h"

enum { AMIRA = 3, JOY = 6, MEMBER1 = 7 };

static struct server srv;
static struct client *sam, *rana, *amira, *joy, *anon;
static char anon_name[128];               /* member1's display name */
static long project_id;                   /* the demo's project */
static long meeting_a, meeting_b;         /* joy is invited to a, not to b */

/* ---- helpers ---- */

/* The number after marker in the Location header of a redirect. */
/* A steward plans a meeting through the page (a local date and time in
 * the panel's zone; test_http_api_writes.c plans them through the API);
 * returns its id. */
static long plan_meeting(const char *title, const char *date)
{
	char fields[512];
	snprintf(fields, sizeof fields, "title=%s&project_id=%ld&date=%s&start_time=14:00"
	         "&end_time=16:00&place=Community+hall", title, project_id, date);
	struct response *r = post_form(sam, "/panels/1/meetings", fields);
	assert_int_equal(r->status, 303);
	long id = location_id(r, "/meetings/");
	response_free(r);
	return id;
}

/* Puts a guest on a meeting's guest list, through the API. */
static void invite_to_meeting(long meeting, long user)
{
	char path[128];
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/guests/%ld", meeting, user);
	json_decref(call_json(sam, "PUT", path, NULL, 200));
}

/* Makes a contribution through the API; returns its id. */
static long contribute(struct client *c, const char *json)
{
	json_t *j = call_json(c, "POST", "/api/v1/panels/1/contributions", json, 201);
	long id = get_id(j);
	assert_true(id > 0);
	json_decref(j);
	return id;
}

static int setup(void **state)
{
	if (!server_start(&srv)) return -1;
	struct { struct client **c; const char *email; } who[] = {
		{ &sam, "sam@demo.emptychair.org" }, { &rana, "rana@demo.emptychair.org" },
		{ &amira, "amira@demo.emptychair.org" }, { &joy, "joy.adebayo@demo.emptychair.org" },
		{ &anon, "member1@demo.emptychair.org" } };
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
		*who[i].c = client_new(&srv);
		if (!client_sign_in(*who[i].c, who[i].email, NULL)) return -1;
	}
	struct response *r = get(anon, "/api/v1/me");
	json_t *j = json_loads(r->body, 0, NULL);
	response_free(r);
	if (!j || json_integer_value(json_object_get(j, "id")) != MEMBER1) return -1;
	snprintf(anon_name, sizeof anon_name, "%s", str(j, "display_name"));
	json_decref(j);
	return *anon_name ? 0 : -1;
}

static int teardown(void **state)
{
	client_free(sam);
	client_free(rana);
	client_free(amira);
	client_free(joy);
	client_free(anon);
	return server_stop(&srv) == 0 ? 0 : -1;
}

/* ---- projects ---- */

static void projects_with_rungs_and_influence(void **state)
{
	json_t *j = call_json(amira, "GET", "/api/v1/panels/1/projects", NULL, 200);
	assert_string_equal(str(j, "time_zone"), "Europe/London");
	json_t *projects = json_object_get(j, "projects");
	assert_int_equal(json_array_size(projects), 1);
	json_t *p = json_array_get(projects, 0);
	project_id = get_id(p);
	assert_true(project_id > 0);
	assert_string_equal(str(p, "title"), "A welcome pack for new arrivals");
	assert_string_equal(str(p, "stage"), "design");
	assert_true(is_utc_time(str(p, "created_at")));
	assert_true(json_is_null(json_object_get(p, "closed_at")));
	/* The panel's figures: three contributions in the demo, one adopted. */
	json_t *f = json_object_get(j, "influence");
	assert_int_equal(json_integer_value(json_object_get(f, "contributions")), 3);
	assert_int_equal(json_integer_value(json_object_get(f, "adopted")), 1);
	assert_int_equal(json_integer_value(json_object_get(f, "adopted_percent")), 33);
	/* Fewer than five reflections: no felt-heard figure, nor its count. */
	assert_true(json_is_null(json_object_get(f, "felt_heard")));
	assert_null(json_object_get(f, "felt_heard_answers"));
	json_decref(j);

	char path[128];
	snprintf(path, sizeof path, "/api/v1/panels/1/projects/%ld", project_id);
	j = call_json(rana, "GET", path, NULL, 200);
	assert_string_equal(str(j, "decision_maker"), "The council's refugee resettlement team");
	json_t *rungs = json_object_get(j, "rungs");
	assert_int_equal(json_array_size(rungs), 1);
	json_t *rung = json_array_get(rungs, 0);
	assert_string_equal(str(rung, "stage"), "shaping");
	assert_int_equal(json_integer_value(json_object_get(rung, "rung")), 6);
	assert_string_equal(str(rung, "rung_label"), "Co-design");
	assert_true(is_utc_time(str(rung, "recorded_at")));
	f = json_object_get(j, "influence");
	assert_int_equal(json_integer_value(json_object_get(f, "contributions")), 3);
	assert_int_equal(json_integer_value(json_object_get(f, "overdue")), 1);
	assert_int_equal(json_integer_value(json_object_get(f, "median_days_to_outcome")), 11);
	json_decref(j);

	/* Unknown: 404; guests see no projects: 403. */
	expect_error(amira, "GET", "/api/v1/panels/1/projects/999", NULL, 404, "not_found", NULL);
	expect_error(joy, "GET", "/api/v1/panels/1/projects", NULL, 403, "forbidden", NULL);
	expect_error(joy, "GET", path, NULL, 403, "forbidden", NULL);
	/* Another panel's project is not this panel's. */
	snprintf(path, sizeof path, "/api/v1/panels/2/projects/%ld", project_id);
	expect_error(amira, "GET", path, NULL, 404, "not_found", NULL);
}

/* ---- meetings ---- */

static void a_guest_sees_only_the_meetings_they_are_invited_to(void **state)
{
	assert_true(project_id > 0);
	meeting_a = plan_meeting("API+meeting+ZQMA", "2030-01-15");
	meeting_b = plan_meeting("API+meeting+ZQMB", "2030-07-10");
	invite_to_meeting(meeting_a, JOY);
	char path[160];
	snprintf(path, sizeof path, "/panels/1/meetings/%ld/items", meeting_a);
	struct response *r = post_form(amira, path, "title=ZQITEM+bus+passes&why=The+cost");
	assert_int_equal(r->status, 303);
	response_free(r);

	/* Members see every meeting, times in UTC: 14:00 in London is 14:00
	 * UTC in January and 13:00 UTC in July. */
	json_t *j = call_json(amira, "GET", "/api/v1/panels/1/meetings", NULL, 200);
	assert_string_equal(str(j, "time_zone"), "Europe/London");
	json_t *ms = json_object_get(j, "meetings");
	assert_int_equal(json_array_size(ms), 4); /* the demo's two and these */
	json_t *a = by_id(ms, meeting_a), *b = by_id(ms, meeting_b);
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(str(a, "starts_at"), "2030-01-15T14:00:00Z");
	assert_string_equal(str(a, "ends_at"), "2030-01-15T16:00:00Z");
	assert_string_equal(str(b, "starts_at"), "2030-07-10T13:00:00Z");
	assert_int_equal(get_id(json_object_get(a, "project")), project_id);
	json_decref(j);

	/* The guest: only meeting a, in the list and one by one. */
	j = call_json(joy, "GET", "/api/v1/panels/1/meetings", NULL, 200);
	ms = json_object_get(j, "meetings");
	assert_int_equal(json_array_size(ms), 1);
	assert_int_equal(get_id(json_array_get(ms, 0)), meeting_a);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld", meeting_a);
	j = call_json(joy, "GET", path, NULL, 200);
	assert_string_equal(str(j, "title"), "API meeting ZQMA");
	/* The agenda is due at the end of the day a week before, local time. */
	assert_string_equal(str(j, "agenda_due_at"), "2030-01-08T23:59:59Z");
	assert_true(json_is_null(json_object_get(j, "agenda_published_at")));
	assert_string_equal(str(j, "my_reply"), "none");
	assert_true(json_is_true(json_object_get(j, "can_reply")));
	assert_true(json_is_false(json_object_get(j, "can_propose")));
	json_t *agenda = json_object_get(j, "agenda");
	assert_int_equal(json_array_size(agenda), 1);
	json_t *item = json_array_get(agenda, 0);
	assert_string_equal(str(item, "title"), "ZQITEM bus passes");
	assert_string_equal(str(item, "state"), "proposed");
	assert_string_equal(str(item, "proposed_by"), "Amira Haddad");
	assert_null(json_object_get(item, "step_outs")); /* stewards only */
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld", meeting_b);
	expect_error(joy, "GET", path, NULL, 404, "not_found", NULL);
	/* Nor can the guest reach meeting b's contributions through the list. */
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions?meeting=%ld", meeting_b);
	expect_error(joy, "GET", path, NULL, 404, "not_found", NULL);

	/* A co-creator may propose; a steward also sees who steps out. */
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld", meeting_a);
	j = call_json(amira, "GET", path, NULL, 200);
	assert_true(json_is_true(json_object_get(j, "can_propose")));
	json_decref(j);
	j = call_json(sam, "GET", path, NULL, 200);
	assert_non_null(json_object_get(json_array_get(json_object_get(j, "agenda"), 0), "step_outs"));
	json_decref(j);
	expect_error(amira, "GET", "/api/v1/panels/1/meetings/999", NULL, 404, "not_found", NULL);
	/* Panel 2 is not joy's: as if it did not exist. */
	expect_error(joy, "GET", "/api/v1/panels/2/meetings", NULL, 404, "not_found", NULL);
}

/* ---- contributions ---- */

static void contributions_made_listed_and_paged(void **state)
{
	assert_true(meeting_a > 0);
	char json[512], path[200];
	snprintf(json, sizeof json, "{\"kind\":\"idea\",\"body\":\"  API ZQP1 idea  \","
	         "\"attribution\":\"named\",\"project_id\":%ld}", project_id);
	struct response *r = call(amira, "POST", "/api/v1/panels/1/contributions", json, 201);
	char *loc = header_value(r, "location");
	json_t *c = parse(r);
	response_free(r);
	long named = get_id(c);
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions/%ld", named);
	assert_non_null(loc);
	assert_string_equal(loc, path);
	free(loc);
	assert_string_equal(str(c, "body"), "API ZQP1 idea");  /* trimmed */
	assert_string_equal(str(c, "kind"), "idea");
	assert_string_equal(str(c, "attribution"), "named");
	assert_string_equal(str(c, "status"), "awaiting");
	assert_true(json_is_true(json_object_get(c, "mine")));
	assert_true(json_is_true(json_object_get(c, "open")));
	assert_true(json_is_false(json_object_get(c, "overdue")));
	assert_true(is_utc_time(str(c, "created_at")));
	assert_true(is_utc_time(str(c, "due_at")));
	assert_true(json_is_null(json_object_get(c, "answered_at")));
	assert_true(json_is_null(json_object_get(c, "latest_response")));
	json_t *author = json_object_get(c, "author");
	assert_int_equal(json_integer_value(json_object_get(author, "user_id")), AMIRA);
	assert_string_equal(str(author, "display_name"), "Amira Haddad");
	assert_int_equal(get_id(json_object_get(c, "project")), project_id);
	/* With no one named to answer, the panel's lead steward does. */
	assert_string_equal(str(json_object_get(c, "owner"), "display_name"), "Sam Steward");
	json_decref(c);

	/* One with its history, and who may answer it. */
	c = call_json(amira, "GET", path, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(c, "responses")), 0);
	assert_true(json_is_false(json_object_get(c, "can_respond")));
	json_decref(c);
	c = call_json(sam, "GET", path, NULL, 200);
	assert_true(json_is_true(json_object_get(c, "can_respond")));
	assert_true(json_is_false(json_object_get(c, "mine")));
	json_decref(c);
	expect_error(amira, "GET", "/api/v1/panels/1/contributions/999999", NULL, 404, "not_found", NULL);
	/* Not the guest's to answer: not there, to her. */
	expect_error(joy, "GET", path, NULL, 404, "not_found", NULL);

	/* On behalf of a group. */
	c = call_json(amira, "POST", "/api/v1/panels/1/contributions",
	              "{\"kind\":\"question\",\"body\":\"API ZQG1\",\"attribution\":\"group\","
	              "\"group_name\":\"Tenants' group\"}", 201);
	assert_string_equal(str(c, "group_name"), "Tenants' group");
	assert_null(json_object_get(c, "author"));
	json_decref(c);

	/* Bad input names its field; nothing is saved. */
	static const struct { const char *json; const char *field; } bad[] = {
		{ "{\"body\":\"x\",\"attribution\":\"named\"}", "kind" },
		{ "{\"kind\":\"rant\",\"body\":\"x\",\"attribution\":\"named\"}", "kind" },
		{ "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"secret\"}", "attribution" },
		{ "{\"kind\":\"idea\",\"body\":\"   \",\"attribution\":\"named\"}", "body" },
		{ "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"group\"}", "group_name" },
		{ "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"extra\":1}", "extra" },
		{ "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"project_id\":999}",
		  "project_id" },
		{ "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"project_id\":0}",
		  "project_id" },
		{ "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"meeting_id\":\"1\"}",
		  "meeting_id" },
		{ "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"meeting_id\":999}",
		  "meeting_id" },
		{ "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"item_id\":1}", "item_id" },
		{ "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"kind\":\"idea\"}", NULL },
		{ "[1,2]", NULL },
		{ "{not json", NULL },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_error(amira, "POST", "/api/v1/panels/1/contributions", bad[i].json, 400,
		             "invalid", bad[i].field);
	/* 5001 characters: one too many. */
	char *big = malloc(6000);
	int head = snprintf(big, 6000, "{\"kind\":\"idea\",\"attribution\":\"named\",\"body\":\"");
	memset(big + head, 'a', 5001);
	strcpy(big + head + 5001, "\"}");
	expect_error(amira, "POST", "/api/v1/panels/1/contributions", big, 400, "invalid", "body");
	free(big);
	/* Only stewards write down what someone else said, or pick who answers. */
	expect_error(amira, "POST", "/api/v1/panels/1/contributions",
	             "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"author_id\":2}",
	             403, "forbidden", "author_id");
	expect_error(amira, "POST", "/api/v1/panels/1/contributions",
	             "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"owner_id\":2}",
	             403, "forbidden", "owner_id");
	expect_error(sam, "POST", "/api/v1/panels/1/contributions",
	             "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\",\"author_id\":9999}",
	             400, "invalid", "author_id");
	/* Guests do not contribute. */
	expect_error(joy, "POST", "/api/v1/panels/1/contributions",
	             "{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\"}", 403, "forbidden",
	             NULL);
	/* JSON only, and with the CSRF header when signed in by cookie. */
	r = http(amira, "POST", "/api/v1/panels/1/contributions",
	         "kind=idea&body=x&attribution=named", NULL, NULL);
	assert_int_equal(r->status, 415);
	response_free(r);
	r = http(amira, "POST", "/api/v1/panels/1/contributions",
	         "{\"kind\":\"idea\",\"body\":\"ZQNOCSRF\",\"attribution\":\"named\"}",
	         "application/json", NULL);
	assert_int_equal(r->status, 403);
	assert_true(contains(r, "\"code\":\"csrf\""));
	response_free(r);

	/* Five more, then the list a page of two at a time: newest first,
	 * each exactly once, until next_before is null. */
	long made[5];
	for (int i = 0; i < 5; i++) {
		snprintf(json, sizeof json, "{\"kind\":\"concern\",\"body\":\"API ZQPAGE%d\","
		         "\"attribution\":\"named\",\"meeting_id\":%ld}", i, meeting_a);
		made[i] = contribute(amira, json);
	}
	int seen[5] = {0}, pages = 0;
	long last = 0, before = 0, total = 0;
	for (;;) {
		snprintf(path, sizeof path, "/api/v1/panels/1/contributions?limit=2");
		if (before) snprintf(path + strlen(path), sizeof path - strlen(path), "&before=%ld", before);
		json_t *page = call_json(sam, "GET", path, NULL, 200);
		json_t *arr = json_object_get(page, "contributions");
		assert_true(json_array_size(arr) <= 2);
		assert_int_equal(json_integer_value(json_object_get(page, "limit")), 2);
		size_t i;
		json_t *v;
		json_array_foreach(arr, i, v) {
			long id = get_id(v);
			assert_true(last == 0 || id < last);
			last = id;
			total++;
			for (int k = 0; k < 5; k++) seen[k] += id == made[k];
		}
		json_t *next = json_object_get(page, "next_before");
		pages++;
		if (json_is_null(next)) {
			json_decref(page);
			break;
		}
		before = (long)json_integer_value(next);
		assert_int_equal(before, last);
		json_decref(page);
		assert_true(pages < 50);
	}
	for (int k = 0; k < 5; k++) assert_int_equal(seen[k], 1);
	assert_int_equal(total, 3 + 2 + 5); /* the demo's, two above, five here */

	/* By meeting (newest first too) and by project. */
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions?meeting=%ld", meeting_a);
	json_t *page = call_json(amira, "GET", path, NULL, 200);
	json_t *arr = json_object_get(page, "contributions");
	assert_int_equal(json_array_size(arr), 5);
	assert_int_equal(get_id(json_array_get(arr, 0)), made[4]);
	assert_int_equal(get_id(json_array_get(arr, 4)), made[0]);
	assert_true(json_is_null(json_object_get(page, "next_before")));
	json_decref(page);
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions?meeting=%ld&limit=3", meeting_a);
	page = call_json(amira, "GET", path, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(page, "contributions")), 3);
	assert_int_equal(json_integer_value(json_object_get(page, "next_before")), made[2]);
	json_decref(page);
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions?project=%ld", project_id);
	page = call_json(amira, "GET", path, NULL, 200);
	arr = json_object_get(page, "contributions");
	assert_non_null(by_id(arr, named));
	assert_int_equal(json_array_size(arr), 3 + 1 + 5); /* meeting a is the project's */
	json_decref(page);

	/* Bad queries name the parameter. */
	static const struct { const char *q; const char *field; int status; const char *code; } q[] = {
		{ "?limit=0", "limit", 400, "bad_query" }, { "?limit=101", "limit", 400, "bad_query" },
		{ "?limit=ten", "limit", 400, "bad_query" }, { "?before=-1", "before", 400, "bad_query" },
		{ "?before=x", "before", 400, "bad_query" }, { "?project=abc", "project", 400, "bad_query" },
		{ "?meeting=0", "meeting", 400, "bad_query" },
		{ "?project=1&meeting=1", "meeting", 400, "bad_query" },
		{ "?project=999", NULL, 404, "not_found" }, { "?meeting=999", NULL, 404, "not_found" },
	};
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		snprintf(path, sizeof path, "/api/v1/panels/1/contributions%s", q[i].q);
		expect_error(amira, "GET", path, NULL, q[i].status, q[i].code, q[i].field);
	}
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions?project=%ld", project_id);
	expect_error(joy, "GET", path, NULL, 403, "forbidden", "project");
	expect_error(amira, "GET", "/api/v1/me/contributions?limit=500", NULL, 400, "bad_query", "limit");
	expect_error(amira, "GET", "/api/v1/me/notices?limit=0", NULL, 400, "bad_query", "limit");
}

/* ---- responses ---- */

static void one_response_answers_several(void **state)
{
	assert_true(meeting_a > 0);
	/* The steward names joy to answer, and writes down two things amira
	 * said at meeting a for joy to answer: one named, one anonymous. */
	struct response *r = post_form(sam, "/panels/1/members/6", "action=responder_on");
	assert_int_equal(r->status, 303);
	response_free(r);
	char json[512], path[200];
	snprintf(json, sizeof json, "{\"kind\":\"idea\",\"body\":\"API ZQR1 named\","
	         "\"attribution\":\"named\",\"meeting_id\":%ld,\"author_id\":%d,\"owner_id\":%d}",
	         meeting_a, AMIRA, JOY);
	long c1 = contribute(sam, json);
	snprintf(json, sizeof json, "{\"kind\":\"concern\",\"body\":\"API ZQR2 anonymous\","
	         "\"attribution\":\"anonymous\",\"meeting_id\":%ld,\"author_id\":%d,"
	         "\"owner_id\":%d}", meeting_a, AMIRA, JOY);
	json_t *c = call_json(sam, "POST", "/api/v1/panels/1/contributions", json, 201);
	long c2 = get_id(c);
	/* Written down anonymously: not even who wrote it is shown whose it is. */
	assert_null(json_object_get(c, "author"));
	assert_true(json_is_false(json_object_get(c, "mine")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(c, "owner"), "user_id")), JOY);
	json_decref(c);

	/* The guest's list holds only what she is named to answer. */
	json_t *page = call_json(joy, "GET", "/api/v1/panels/1/contributions", NULL, 200);
	json_t *arr = json_object_get(page, "contributions");
	assert_int_equal(json_array_size(arr), 2);
	assert_non_null(by_id(arr, c1));
	assert_non_null(by_id(arr, c2));
	json_decref(page);
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions?meeting=%ld&limit=1", meeting_a);
	page = call_json(joy, "GET", path, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(page, "contributions")), 1);
	assert_int_equal(get_id(json_array_get(json_object_get(page, "contributions"), 0)), c2);
	assert_int_equal(json_integer_value(json_object_get(page, "next_before")), c2);
	json_decref(page);
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions/%ld", c2);
	c = call_json(joy, "GET", path, NULL, 200);
	assert_true(json_is_true(json_object_get(c, "can_respond")));
	json_decref(c);

	/* Bad input names its field; nothing is saved. */
	static const struct { const char *json; const char *field; } bad[] = {
		{ "{\"status\":\"received\"}", "contributions" },
		{ "{\"contributions\":[],\"status\":\"received\"}", "contributions" },
		{ "{\"contributions\":\"1\",\"status\":\"received\"}", "contributions" },
		{ "{\"contributions\":[0],\"status\":\"received\"}", "contributions" },
		{ "{\"contributions\":[\"1\"],\"status\":\"received\"}", "contributions" },
		{ "{\"contributions\":[1]}", "status" },
		{ "{\"contributions\":[1],\"status\":\"maybe\"}", "status" },
		{ "{\"contributions\":[1],\"status\":\"received\",\"extra\":true}", "extra" },
		{ "{\"contributions\":[1],\"status\":7}", "status" },
		{ "{not json", NULL },
		{ "\"a string\"", NULL },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_error(joy, "POST", "/api/v1/panels/1/responses", bad[i].json, 400, "invalid",
		             bad[i].field);
	/* An adoption must say what was done. */
	snprintf(json, sizeof json, "{\"contributions\":[%ld,%ld],\"status\":\"adopted\","
	         "\"decided_by\":\"Service manager\"}", c1, c2);
	expect_error(joy, "POST", "/api/v1/panels/1/responses", json, 400, "invalid", "what_done");

	snprintf(json, sizeof json, "{\"contributions\":[%ld,%ld,%ld],\"status\":\"adopted\","
	         "\"what_done\":\"Free bus passes from March\",\"decided_by\":\"Service manager\"}",
	         c1, c2, c1);
	c = call_json(joy, "POST", "/api/v1/panels/1/responses", json, 201);
	assert_true(get_id(c) > 0);
	assert_string_equal(str(c, "status"), "adopted");
	assert_int_equal(json_array_size(json_object_get(c, "contributions")), 2); /* once each */
	assert_true(is_utc_time(str(c, "decided_at")));
	json_decref(c);

	/* Not hers to answer: to a guest it does not exist; nothing saved. */
	page = call_json(sam, "GET", "/api/v1/panels/1/contributions?limit=100", NULL, 200);
	long someone_elses = get_id(json_array_get(json_object_get(page, "contributions"), 2));
	json_decref(page);
	assert_true(someone_elses != c1 && someone_elses != c2);
	snprintf(json, sizeof json, "{\"contributions\":[%ld,%ld],\"status\":\"received\"}", c1,
	         someone_elses);
	expect_error(joy, "POST", "/api/v1/panels/1/responses", json, 404, "not_found",
	             "contributions");
	/* A co-creator cannot respond at all. */
	snprintf(json, sizeof json, "{\"contributions\":[%ld],\"status\":\"received\"}", c1);
	expect_error(amira, "POST", "/api/v1/panels/1/responses", json, 403, "forbidden", NULL);
	expect_error(sam, "POST", "/api/v1/panels/1/responses",
	             "{\"contributions\":[999999],\"status\":\"received\"}", 404, "not_found",
	             "contributions");

	/* Amira sees both outcomes, and every response to each. */
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions/%ld", c2);
	c = call_json(amira, "GET", path, NULL, 200);
	assert_string_equal(str(c, "status"), "adopted");
	assert_true(json_is_false(json_object_get(c, "open")));
	assert_true(is_utc_time(str(c, "answered_at")));
	json_t *latest = json_object_get(c, "latest_response");
	assert_string_equal(str(latest, "what_done"), "Free bus passes from March");
	assert_string_equal(str(latest, "decided_by"), "Service manager");
	json_t *hist = json_object_get(c, "responses");
	assert_int_equal(json_array_size(hist), 1);
	assert_null(json_object_get(json_array_get(hist, 0), "written_by"));
	json_decref(c);

	/* A program with a token answers without a CSRF header. */
	char auth[128];
	assert_true(client_api_token(rana, "api voice test", auth, sizeof auth));
	struct client *bot = client_new(&srv);
	const char *h[] = { auth, NULL };
	snprintf(json, sizeof json, "{\"contributions\":[%ld],\"status\":\"under_consideration\"}", c1);
	r = http(bot, "POST", "/api/v1/panels/1/responses", json, "application/json", h);
	assert_int_equal(r->status, 201);
	response_free(r);
	client_free(bot);
	snprintf(path, sizeof path, "/api/v1/panels/1/contributions/%ld", c1);
	c = call_json(amira, "GET", path, NULL, 200);
	hist = json_object_get(c, "responses");
	assert_int_equal(json_array_size(hist), 2);
	assert_string_equal(str(json_array_get(hist, 0), "status"), "adopted");
	assert_string_equal(str(json_array_get(hist, 1), "status"), "under_consideration");
	/* An interim answer after an outcome: the clock stays stopped. */
	assert_string_equal(str(c, "status"), "under_consideration");
	json_decref(c);

	/* Her own, across panels: the anonymous one included, marked hers. */
	page = call_json(amira, "GET", "/api/v1/me/contributions?limit=100", NULL, 200);
	arr = json_object_get(page, "contributions");
	json_t *mine2 = by_id(arr, c2);
	assert_non_null(mine2);
	assert_non_null(by_id(arr, c1));
	assert_string_equal(str(mine2, "attribution"), "anonymous");
	assert_null(json_object_get(mine2, "author"));
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		assert_true(json_is_true(json_object_get(v, "mine")));
		json_t *p = json_object_get(v, "panel");
		assert_string_equal(str(p, "time_zone"), "Europe/London");
		assert_true(get_id(p) == 1 || get_id(p) == 2);
	}
	assert_true(json_is_null(json_object_get(page, "next_before")));
	json_decref(page);
	page = call_json(amira, "GET", "/api/v1/me/contributions?limit=1", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(page, "contributions")), 1);
	assert_false(json_is_null(json_object_get(page, "next_before")));
	json_decref(page);

	/* One notice per response, however many of hers it answered. */
	page = call_json(amira, "GET", "/api/v1/me/notices", NULL, 200);
	arr = json_object_get(page, "notices");
	int adopted = 0;
	json_array_foreach(arr, i, v) {
		/* (the demo's own notice is from "Just Voices") */
		adopted += strstr(str(v, "body"), "panel responded to something you said: Adopted") != NULL;
		assert_true(is_utc_time(str(v, "created_at")));
	}
	assert_int_equal(adopted, 1);
	assert_true(json_integer_value(json_object_get(page, "unread")) >= 2);
	json_decref(page);
}

/* ---- the anonymity sweep ---- */

static bool leaks_member1(const struct response *r)
{
	if (strstr(r->body, anon_name) || strstr(r->body, "member1@")) return true;
	static const char *const ids[] = { "\"user_id\":7", "\"author_id\":7", "\"recorded_by\":7" };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		for (const char *p = r->body; (p = strstr(p, ids[i])); p++) {
			char next = p[strlen(ids[i])];
			if (next < '0' || next > '9') return true;
		}
	return false;
}

/* Any object in j whose id is one of the anonymous contributions must
 * carry no author (structure, not text). */
static int authors_of(json_t *j, const long *anon_ids, size_t n)
{
	int found = 0;
	if (json_is_object(j)) {
		long id = get_id(j);
		for (size_t k = 0; k < n; k++)
			if (id == anon_ids[k] && json_object_get(j, "body") &&
			    (json_object_get(j, "author") || json_object_get(j, "author_id")))
				found++;
		const char *key;
		json_t *v;
		json_object_foreach(j, key, v) found += authors_of(v, anon_ids, n);
	} else if (json_is_array(j)) {
		size_t i;
		json_t *v;
		json_array_foreach(j, i, v) found += authors_of(v, anon_ids, n);
	}
	return found;
}

static void anonymous_author_is_never_revealed(void **state)
{
	assert_true(meeting_a > 0 && project_id > 0);
	char json[512];
	/* member1 says something anonymously at meeting a (so in the project);
	 * a steward also writes down something member1 said, anonymously, for
	 * joy to answer. */
	snprintf(json, sizeof json, "{\"kind\":\"concern\",\"body\":\"API ZQX9 worry\","
	         "\"attribution\":\"anonymous\",\"meeting_id\":%ld}", meeting_a);
	json_t *c = call_json(anon, "POST", "/api/v1/panels/1/contributions", json, 201);
	long own = get_id(c);
	assert_true(json_is_true(json_object_get(c, "mine")));
	assert_null(json_object_get(c, "author"));
	/* Its time only to the day (issue 17, point 9): to the second, beside
	 * member1's named ones, it would point to them. */
	assert_true(json_is_null(json_object_get(c, "created_at")));
	assert_int_equal(strlen(str(c, "created_on")), 10);
	json_decref(c);
	char day_page[96];
	snprintf(day_page, sizeof day_page, "/panels/1/contributions/%ld", own);
	struct response *card = get(amira, day_page);
	assert_int_equal(card->status, 200);
	const char *hint = strstr(card->body, "API ZQX9 worry</p><p class=\"hint\">");
	assert_non_null(hint);
	const char *end = strstr(hint, "</p><p class=\"hint\">") + 20;
	const char *close = strstr(end, "</p>");
	for (const char *p = end; p < close; p++)
		if (p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] == ':')
			fail_msg("an anonymous contribution shows a time of day: %.*s", (int)(close - end), end);
	response_free(card);
	snprintf(json, sizeof json, "{\"kind\":\"idea\",\"body\":\"API ZQX8 recorded\","
	         "\"attribution\":\"anonymous\",\"meeting_id\":%ld,\"author_id\":%d,"
	         "\"owner_id\":%d}", meeting_a, MEMBER1, JOY);
	struct response *r = call(sam, "POST", "/api/v1/panels/1/contributions", json, 201);
	assert_false(leaks_member1(r));
	c = parse(r);
	long recorded = get_id(c);
	json_decref(c);
	response_free(r);
	/* A response, so that member1 has a notice. */
	snprintf(json, sizeof json, "{\"contributions\":[%ld],\"status\":\"received\"}", own);
	json_decref(call_json(rana, "POST", "/api/v1/panels/1/responses", json, 201));

	enum { NGET = 11 };
	char paths[NGET][160];
	snprintf(paths[0], sizeof paths[0], "/api/v1/panels/1/projects");
	snprintf(paths[1], sizeof paths[1], "/api/v1/panels/1/projects/%ld", project_id);
	snprintf(paths[2], sizeof paths[2], "/api/v1/panels/1/meetings");
	snprintf(paths[3], sizeof paths[3], "/api/v1/panels/1/meetings/%ld", meeting_a);
	snprintf(paths[4], sizeof paths[4], "/api/v1/panels/1/contributions?limit=100");
	snprintf(paths[5], sizeof paths[5], "/api/v1/panels/1/contributions?meeting=%ld", meeting_a);
	snprintf(paths[6], sizeof paths[6], "/api/v1/panels/1/contributions?project=%ld", project_id);
	snprintf(paths[7], sizeof paths[7], "/api/v1/panels/1/contributions/%ld", own);
	snprintf(paths[8], sizeof paths[8], "/api/v1/panels/1/contributions/%ld", recorded);
	snprintf(paths[9], sizeof paths[9], "/api/v1/me/contributions?limit=100");
	snprintf(paths[10], sizeof paths[10], "/api/v1/me/notices");
	/* A steward, another co-creator, a guest, the site administrator. */
	struct client *others[] = { rana, amira, joy, sam };
	const char *names[] = { "rana (steward)", "amira (co-creator)", "joy (guest)",
	                        "sam (administrator)" };
	const long anon_ids[] = { own, recorded };
	int checked = 0, shown = 0;
	for (size_t o = 0; o < sizeof others / sizeof others[0]; o++) {
		struct response *rs[NGET + 4];
		int n = 0;
		for (int p = 0; p < NGET; p++) rs[n++] = get(others[o], paths[p]);
		/* Errors: an incomplete response to both, one that may not be
		 * theirs to give, and a contribution that does not validate. */
		snprintf(json, sizeof json, "{\"contributions\":[%ld,%ld],\"status\":\"not_adopted\","
		         "\"decided_by\":\"Board\"}", own, recorded);
		rs[n++] = send_json(others[o], "POST", "/api/v1/panels/1/responses", json);
		snprintf(json, sizeof json, "{\"contributions\":[%ld],\"status\":\"adopted\"}", own);
		rs[n++] = send_json(others[o], "POST", "/api/v1/panels/1/responses", json);
		snprintf(json, sizeof json, "{\"contributions\":[%ld,999999],\"status\":\"received\"}",
		         recorded);
		rs[n++] = send_json(others[o], "POST", "/api/v1/panels/1/responses", json);
		snprintf(json, sizeof json, "{\"kind\":\"idea\",\"body\":\"\",\"attribution\":"
		         "\"anonymous\",\"meeting_id\":%ld}", meeting_a);
		rs[n++] = send_json(others[o], "POST", "/api/v1/panels/1/contributions", json);
		for (int i = 0; i < n; i++) {
			if (leaks_member1(rs[i]))
				fail_msg("%s was shown member1 as the author (request %d, status %ld): %.600s",
				         names[o], i, rs[i]->status, rs[i]->body);
			json_error_t e;
			json_t *j = json_loads(rs[i]->body, 0, &e);
			if (!j) fail_msg("%s, request %d: not JSON", names[o], i);
			if (authors_of(j, anon_ids, 2))
				fail_msg("%s was given an author of an anonymous contribution (request %d)",
				         names[o], i);
			json_decref(j);
			shown += rs[i]->status == 200 && (strstr(rs[i]->body, "ZQX9") ||
			                                  strstr(rs[i]->body, "ZQX8"));
			response_free(rs[i]);
			checked++;
		}
	}
	assert_int_equal(checked, 4 * (NGET + 4));
	/* Not vacuous: the others do see the contributions themselves. */
	assert_true(shown >= 12);
	c = call_json(rana, "GET", paths[7], NULL, 200);
	assert_string_equal(str(c, "body"), "API ZQX9 worry");
	assert_string_equal(str(c, "attribution"), "anonymous");
	assert_true(json_is_false(json_object_get(c, "mine")));
	json_decref(c);
	c = call_json(joy, "GET", paths[8], NULL, 200); /* hers to answer */
	assert_string_equal(str(c, "body"), "API ZQX8 recorded");
	json_decref(c);
	expect_error(joy, "GET", paths[7], NULL, 404, "not_found", NULL);

	/* The author sees both as theirs, and the notice. */
	c = call_json(anon, "GET", paths[7], NULL, 200);
	assert_true(json_is_true(json_object_get(c, "mine")));
	json_decref(c);
	json_t *page = call_json(anon, "GET", "/api/v1/me/contributions", NULL, 200);
	json_t *arr = json_object_get(page, "contributions");
	assert_int_equal(json_array_size(arr), 2);
	assert_true(json_is_true(json_object_get(by_id(arr, own), "mine")));
	assert_true(json_is_true(json_object_get(by_id(arr, recorded), "mine")));
	assert_string_equal(str(by_id(arr, own), "status"), "received");
	json_decref(page);
	/* One notice of the response (besides those of meetings planned). */
	page = call_json(anon, "GET", "/api/v1/me/notices", NULL, 200);
	size_t k, about_mine = 0;
	json_t *notice;
	json_array_foreach(json_object_get(page, "notices"), k, notice)
		about_mine += !strcmp(str(notice, "link"), "/my-contributions");
	assert_int_equal(about_mine, 1);
	json_decref(page);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(projects_with_rungs_and_influence),
		cmocka_unit_test(a_guest_sees_only_the_meetings_they_are_invited_to),
		cmocka_unit_test(contributions_made_listed_and_paged),
		cmocka_unit_test(one_response_answers_several),
		cmocka_unit_test(anonymous_author_is_never_revealed),
	};
	return cmocka_run_group_tests_name("http api voice", tests, setup, teardown);
}
