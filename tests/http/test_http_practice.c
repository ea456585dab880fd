/* Issue 22, learning: case studies through both doors (written by a
 * co-creator, published by a steward, found in the public library by
 * anyone, a person named only while they agree); funder reports through
 * both doors (a draft for
 * stewards only, the page, the CSV with its BOM, the JSON, editing,
 * sharing, and no member's name or address in any of them);
 * "how are we doing?" (the page and the API give the
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
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static bool lists_id(json_t *j, long id)
{
	json_t *list = json_object_get(j, "case_studies");
	for (size_t i = 0; i < json_array_size(list); i++)
		if (num(json_array_get(list, i), "id") == id) return true;
	return false;
}

static void case_studies_through_both_doors(void **state)
{
	(void)state;
	struct client *anon = client_new(&srv);
	json_t *me = call_json(amira, "GET", "/api/v1/me", NULL, 200);
	long amira_id = num(me, "id");
	char amira_name[128];
	snprintf(amira_name, sizeof amira_name, "%s", str(me, "display_name"));
	json_decref(me);
	me = call_json(joy, "GET", "/api/v1/me", NULL, 200);
	long joy_id = num(me, "id");
	json_decref(me);
	/* a co-creator writes one up; guests see none of it */
	json_t *c = call_json(amira, "POST", "/api/v1/panels/1/case-studies", "{\"project_id\":1}", 201);
	long id = num(c, "id"), version = num(c, "version");
	assert_true(strlen(str(c, "uid")) == 32);
	json_decref(c);
	expect_error(joy, "GET", "/api/v1/panels/1/case-studies", NULL, 403, "forbidden", NULL);
	char path[128], body[1024], pub[128];
	snprintf(path, sizeof path, "/api/v1/panels/1/case-studies/%ld", id);
	snprintf(pub, sizeof pub, "/api/v1/case-studies/%ld", id);
	snprintf(body, sizeof body,
	         "{\"title\":\"ZQC Young carers shape the café\",\"brief\":\"Young carers met at "
	         "the café to redesign support.\",\"what_happened\":\"They chose the times.\","
	         "\"issues\":[\"carers\"],\"approaches\":[\"co_design\"],\"rung\":6,"
	         "\"participants\":12,\"starts_on\":\"2025-04-01\",\"version\":%ld}", version);
	c = call_json(amira, "PUT", path, body, 200);
	version = num(c, "version");
	assert_int_equal(num(c, "rung"), 6);
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "issues"), 0)), "carers");
	json_decref(c);
	expect_error(amira, "PUT", path, body, 409, "conflict", NULL);
	/* a draft is not in the library */
	expect_error(anon, "GET", pub, NULL, 404, "not_found", NULL);
	/* co-creators write; stewards publish */
	snprintf(body, sizeof body, "{\"version\":%ld,\"published\":true}", version);
	char publish[160];
	snprintf(publish, sizeof publish, "%s/publish", path);
	expect_error(amira, "POST", publish, body, 403, "forbidden", NULL);
	json_decref(call_json(sam, "POST", publish, body, 200));
	/* anyone finds it: accents, plural, phrase; not for other words */
	json_t *j = call_json(anon, "GET", "/api/v1/case-studies?q=cafe", NULL, 200);
	assert_true(lists_id(j, id));
	json_decref(j);
	j = call_json(anon, "GET", "/api/v1/case-studies?q=%22young%20carer%22&issue=carers&rung=6",
	              NULL, 200);
	assert_true(lists_id(j, id));
	json_decref(j);
	j = call_json(anon, "GET", "/api/v1/case-studies?q=zebra", NULL, 200);
	assert_false(lists_id(j, id));
	json_decref(j);
	expect_error(anon, "GET", "/api/v1/case-studies?issue=nonsense", NULL, 400, "bad_query",
	             "issue");
	expect_error(anon, "GET", "/api/v1/case-studies?rung=9", NULL, 400, "bad_query", "rung");
	struct response *r = get(anon, "/case-studies?q=caf%C3%A9s");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "ZQC Young carers shape the café"));
	response_free(r);
	r = get(anon, "/case-studies?q=zebra");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "No case study matches."));
	response_free(r);
	r = get(anon, "/case-studies?rung=9");
	assert_int_equal(r->status, 400);
	response_free(r);
	/* named only while she agrees; guests are not asked */
	snprintf(body, sizeof body, "{\"user_id\":%ld,\"role\":\"Co-chair\"}", joy_id);
	char people[160];
	snprintf(people, sizeof people, "%s/people", path);
	expect_error(sam, "POST", people, body, 400, "invalid", "user_id");
	snprintf(body, sizeof body, "{\"user_id\":%ld,\"role\":\"Co-chair\"}", amira_id);
	json_decref(call_json(sam, "POST", people, body, 201));
	r = get(anon, pub + strlen("/api/v1"));
	assert_int_equal(r->status, 200);
	assert_false(contains(r, amira_name));
	response_free(r);
	char naming[160];
	snprintf(naming, sizeof naming, "%s/naming", path);
	expect_error(sam, "PUT", naming, "{\"agree\":true}", 404, "not_asked", NULL);
	json_decref(call_json(amira, "PUT", naming, "{\"agree\":true}", 200));
	j = call_json(anon, "GET", pub, NULL, 200);
	assert_string_equal(str(json_array_get(json_object_get(j, "people"), 0), "name"), amira_name);
	assert_null(json_object_get(json_array_get(json_object_get(j, "people"), 0), "user_id"));
	json_decref(j);
	r = get(anon, pub + strlen("/api/v1"));
	assert_true(contains(r, amira_name));
	response_free(r);
	/* she changes her mind, through the page */
	char page[128];
	snprintf(page, sizeof page, "/panels/1/case-studies/%ld/naming", id);
	r = post_form(amira, page, "agree=0");
	assert_int_equal(r->status, 303);
	response_free(r);
	j = call_json(anon, "GET", pub, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "people")), 0);
	json_decref(j);
	/* the panel's page keeps what was typed when the save is stale */
	snprintf(page, sizeof page, "/panels/1/case-studies/%ld", id);
	r = post_form(amira, page, "version=1&title=ZQC+stale+title&brief=b");
	assert_int_equal(r->status, 409);
	assert_true(contains(r, "ZQC stale title"));
	response_free(r);
	client_free(anon);
}

/* Today's date less `back` days, as YYYY-MM-DD (UTC: never after the
 * panel's today in London). */
static void iso_day(int back, char *out, size_t size)
{
	time_t t = time(NULL) - (time_t)back * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

static void funder_report_through_both_doors(void **state)
{
	(void)state;
	char from[16], to[16], body[400];
	iso_day(365, from, sizeof from);
	iso_day(1, to, sizeof to);
	snprintf(body, sizeof body,
	         "{\"title\":\"ZQR Fund report\",\"from\":\"%s\",\"to\":\"%s\"}", from, to);
	/* only stewards start one; guests do not see the work at all */
	expect_error(amira, "POST", "/api/v1/panels/1/reports", body, 403, "forbidden", NULL);
	expect_error(joy, "GET", "/api/v1/panels/1/reports", NULL, 403, "forbidden", NULL);
	expect_error(sam, "POST", "/api/v1/panels/1/reports",
	             "{\"title\":\"T\",\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}", 400,
	             "invalid", "to");
	json_t *d = call_json(sam, "POST", "/api/v1/panels/1/reports", body, 201);
	json_t *info = json_object_get(d, "report");
	long id = num(info, "id"), version = num(info, "version");
	assert_string_equal(str(info, "state"), "draft");
	assert_string_equal(str(info, "from"), from);
	assert_non_null(strstr(str(json_object_get(d, "sections"), "methods"), " held."));
	/* pre-filled words are plain text, the panel named in them */
	const char *aim = str(json_object_get(d, "sections"), "aim");
	assert_non_null(strstr(aim, "in the work of Just Voices"));
	for (const char *c = aim; *c; c++) assert_true((unsigned char)*c >= 0x20);
	/* the demo's one meeting of the year had fewer than 5: not shown */
	json_t *who = json_object_get(json_object_get(d, "involvement"), "people");
	assert_true(json_is_null(who) || json_integer_value(who) >= 5);
	char people[32];
	snprintf(people, sizeof people, "%s",
	         json_is_null(who) ? "Not shown" : "");
	if (!json_is_null(who)) snprintf(people, sizeof people, "%lld", json_integer_value(who));
	char path[128], page[128], csv[160], jpath[160];
	snprintf(path, sizeof path, "/api/v1/panels/1/reports/%ld", id);
	snprintf(page, sizeof page, "/panels/1/reports/%ld", id);
	snprintf(csv, sizeof csv, "%s/report.csv", page);
	snprintf(jpath, sizeof jpath, "%s/report.json", page);
	/* a draft is the stewards': to a co-creator it is not there */
	expect_error(amira, "GET", path, NULL, 404, "not_found", NULL);
	struct response *r = get(amira, page);
	assert_int_equal(r->status, 404);
	response_free(r);
	/* the page: the figures, the sections' form, printable */
	r = get(sam, page);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "ZQR Fund report"));
	assert_true(contains(r, "Members who took part"));
	char want[128];
	snprintf(want, sizeof want, "Members who took part</bdi></th><td><bdi>%s</bdi></td>", people);
	assert_true(contains(r, want));
	assert_true(contains(r, "name=\"reflection\""));
	assert_true(contains(r, "class=\"no-print\""));
	response_free(r);
	/* the CSV: UTF-8 with a BOM, the same figure */
	r = get(sam, csv);
	assert_int_equal(r->status, 200);
	assert_true(r->len > 3 && !memcmp(r->body, "\xEF\xBB\xBF", 3));
	char *type = header_value(r, "content-type");
	assert_non_null(strstr(type, "text/csv"));
	free(type);
	assert_true(contains(r, "Section,Figure,Value"));
	snprintf(want, sizeof want, "Involvement,Members who took part,%s", people);
	assert_true(contains(r, want));
	response_free(r);
	/* the JSON file is the API's document */
	r = get(sam, jpath);
	assert_int_equal(r->status, 200);
	json_t *file = parse(r);
	json_object_del(info, "version");
	assert_true(json_equal(file, d));
	json_decref(file);
	response_free(r);
	json_decref(d);
	/* edit, keeping what was typed when the version is stale */
	char form[300];
	snprintf(form, sizeof form, "version=%ld&title=ZQR+Fund+report&aim=ZQR+our+aim&methods=m"
	         "&results=r&changes=c&reflection=ZQR+we+learnt", version);
	r = post_form(sam, page, form);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = post_form(sam, page, form);
	assert_int_equal(r->status, 409);
	assert_true(contains(r, "ZQR we learnt"));
	response_free(r);
	/* share it: a co-creator now sees it, frozen */
	snprintf(body, sizeof body, "{\"version\":%ld}", version + 1);
	snprintf(csv, sizeof csv, "%s/share", path);
	d = call_json(sam, "POST", csv, body, 200);
	assert_string_equal(str(json_object_get(d, "report"), "state"), "shared");
	json_decref(d);
	/* an edit sent after it was shared keeps what was typed */
	snprintf(form, sizeof form, "version=%ld&title=T&aim=ZQR+late+words&methods=&results="
	         "&changes=&reflection=", version + 2);
	r = post_form(sam, page, form);
	assert_int_equal(r->status, 409);
	assert_true(contains(r, "ZQR late words"));
	response_free(r);
	d = call_json(amira, "GET", path, NULL, 200);
	assert_string_equal(str(json_object_get(d, "sections"), "reflection"), "ZQR we learnt");
	char *text = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	r = get(amira, page);
	assert_int_equal(r->status, 200);
	assert_false(contains(r, "name=\"reflection\"")); /* no form: frozen */
	struct response *rc = get(amira, jpath);
	assert_int_equal(rc->status, 200);
	/* nobody named: no member's name or address in the report's doors;
	 * the sweep sees them where they are (the members list) */
	json_t *members = call_json(sam, "GET", "/api/v1/panels/1/members", NULL, 200);
	json_t *list = json_object_get(members, "members");
	assert_true(json_array_size(list) >= 5);
	const char *main_page = strstr(r->body, "<main");
	assert_non_null(main_page);
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *m = json_array_get(list, i);
		const char *name = str(m, "display_name");
		if (strstr(text, name) || strstr(rc->body, name) || strstr(main_page, name))
			fail_msg("the report names %s", name);
	}
	json_decref(members);
	free(text);
	response_free(rc);
	response_free(r);
	/* a shared report is not deleted */
	expect_error(sam, "DELETE", path, NULL, 404, "not_found", NULL);
	/* a form with a mistake keeps what was typed */
	r = post_form(sam, "/panels/1/reports", "title=ZQR+typed&project_id=&from=&to=");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "ZQR typed"));
	response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_and_api_say_the_same),
		cmocka_unit_test(standards_rated_anonymously_in_fives),
		cmocka_unit_test(funder_report_through_both_doors),
		cmocka_unit_test(case_studies_through_both_doors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
