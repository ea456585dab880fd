/* Issue 21, wellbeing: content notes come before the thing itself,
 * everywhere it appears (the meeting's page, the list of meetings, the
 * API, the calendar entry); check-ins after hard meetings, the follow-ups
 * only the support person sees, and the panel's support contacts, for
 * every role. (Limits and signals: test_http_opportunities and
 * tests/store/test_limits.c.)
 *
 * Panel 1: sam steward (and site administrator), rana steward, amira
 * co-creator, joy guest. Panel 2: sam steward, mark davies guest. */
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
#include "crawl.h"
#include "harness.h"
#include "../testdb.h"

static struct server srv;
static struct client *sam, *amira, *rana, *joy, *davies;

static int setup(void **state)
{
	(void)state;
	if (!server_start(&srv)) return -1;
	sam = client_new(&srv);
	amira = client_new(&srv);
	rana = client_new(&srv);
	joy = client_new(&srv);
	davies = client_new(&srv);
	return client_sign_in(sam, "sam@demo.emptychair.org", NULL) &&
	               client_sign_in(amira, "amira@demo.emptychair.org", NULL) &&
	               client_sign_in(rana, "rana@demo.emptychair.org", NULL) &&
	               client_sign_in(joy, "joy.adebayo@demo.emptychair.org", NULL) &&
	               client_sign_in(davies, "mark.davies@demo.emptychair.org", NULL)
	       ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_free(sam);
	client_free(amira);
	client_free(rana);
	client_free(joy);
	client_free(davies);
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

/* A meeting on panel 1 that is over, with this content note ("" none),
 * amira and rana recorded as having come; its id. */
static long past_meeting(const char *title, const char *note)
{
	char body[512];
	snprintf(body, sizeof body,
	         "{\"title\":\"%s\",\"starts_at\":\"2021-05-10T13:00:00Z\","
	         "\"ends_at\":\"2021-05-10T15:00:00Z\",\"place\":\"Hall\",\"content_note\":\"%s\"}",
	         title, note);
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/meetings", body, 201);
	long id = get_id(j);
	json_decref(j);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/attendance", id);
	j = call_json(sam, "PUT", path, "{\"attended\":[2,3]}", 200);
	json_decref(j);
	return id;
}

static long hard_meeting;

static void b_check_in_is_private_and_only_for_who_came(void **state)
{
	(void)state;
	hard_meeting = past_meeting("ZQ grief session", "ZQ talk of bereavement");
	long easy = past_meeting("ZQ easy session", "");
	char path[128], page[96];
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/check-in", hard_meeting);
	snprintf(page, sizeof page, "/panels/1/meetings/%ld", hard_meeting);
	/* amira is asked how she is, on the site, first */
	assert_int_equal(notices_saying(amira, "How are you after the meeting"), 1);
	json_t *j = call_json(amira, "GET", path, NULL, 200);
	assert_true(json_is_true(json_object_get(j, "hard")));
	assert_true(json_is_true(json_object_get(j, "can_answer")));
	assert_true(json_is_null(json_object_get(j, "answer")));
	json_decref(j);
	struct response *r = get(amira, page);
	assert_true(contains(r, "How are you after this meeting?"));
	assert_true(contains(r, "116 123")); /* the shipped contacts, beside the note */
	assert_true(contains(r, "href=\"tel:116123\""));
	response_free(r);
	/* who did not come may not answer; who cannot see the meeting is told nothing */
	expect_error(sam, "PUT", path, "{\"answer\":\"fine\"}", 403, "forbidden", NULL);
	expect_error(joy, "PUT", path, "{\"answer\":\"fine\"}", 404, "not_found", NULL);
	char other[128];
	snprintf(other, sizeof other, "/api/v1/panels/2/meetings/%ld/check-in", hard_meeting);
	expect_error(davies, "PUT", other, "{\"answer\":\"fine\"}", 404, "not_found", NULL);
	r = get(sam, page);
	assert_false(contains(r, "How are you after this meeting?"));
	response_free(r);
	/* bad answers */
	expect_error(amira, "PUT", path, "{\"answer\":\"awful\"}", 400, "invalid", "answer");
	expect_error(amira, "PUT", path, "{}", 400, "invalid", "answer");
	/* no check-in after a meeting without a content note */
	char easy_path[128];
	snprintf(easy_path, sizeof easy_path, "/api/v1/panels/1/meetings/%ld/check-in", easy);
	expect_error(amira, "PUT", easy_path, "{\"answer\":\"fine\"}", 409, "no_check_in", NULL);
	assert_int_equal(notices_saying(rana, "How did the meeting \"ZQ easy session\""), 1);
	/* the page's form: a wrong answer keeps the page, with the error */
	char form[128];
	snprintf(form, sizeof form, "%s/check-in", page);
	r = post_form(amira, form, "answer=awful");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "Choose one of the answers."));
	response_free(r);
	r = post_form(amira, form, "answer=signpost");
	assert_int_equal(r->status, 303);
	response_free(r);
	j = call_json(amira, "GET", path, NULL, 200);
	assert_string_equal(str(j, "answer"), "signpost");
	json_decref(j);
	/* "point me to support" asks nobody to get in touch */
	j = call_json(sam, "GET", "/api/v1/panels/1/follow-ups", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "follow_ups")), 0);
	json_decref(j);
}

static void c_get_in_touch_reaches_only_the_support_person(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/check-in", hard_meeting);
	json_t *j = call_json(amira, "PUT", path, "{\"answer\":\"contact\"}", 200);
	assert_string_equal(str(j, "answer"), "contact");
	json_decref(j);
	/* answering again opens no second follow-up */
	json_decref(call_json(amira, "PUT", path, "{\"answer\":\"contact\"}", 200));
	/* no support person named: the active stewards follow up; the notice names nobody */
	assert_int_equal(notices_saying(sam, "Someone would like you to get in touch"), 1);
	assert_int_equal(notices_saying(rana, "Someone would like you to get in touch"), 1);
	assert_int_equal(notices_saying(sam, "Amira"), 0);
	j = call_json(sam, "GET", "/api/v1/panels/1/follow-ups", NULL, 200);
	json_t *list = json_object_get(j, "follow_ups");
	assert_int_equal(json_array_size(list), 1);
	json_t *f = json_array_get(list, 0);
	long fid = get_id(f);
	assert_string_equal(str(json_object_get(f, "person"), "name"), "Amira Haddad");
	assert_true(json_is_null(json_object_get(f, "done_at")));
	json_decref(j);
	expect_error(amira, "GET", "/api/v1/panels/1/follow-ups", NULL, 403, "forbidden", NULL);
	expect_error(joy, "GET", "/api/v1/panels/1/follow-ups", NULL, 403, "forbidden", NULL);
	expect_error(davies, "GET", "/api/v1/panels/1/follow-ups", NULL, 404, "not_found", NULL);

	/* rana is named: now only she sees them, not sam (a steward and the
	 * site's administrator) */
	expect_error(amira, "PUT", "/api/v1/panels/1/support/person", "{\"user_id\":2}", 403,
	             "forbidden", NULL);
	expect_error(sam, "PUT", "/api/v1/panels/1/support/person", "{\"user_id\":5}", 400,
	             "invalid", "user_id"); /* mark davies is not on panel 1 */
	expect_error(sam, "PUT", "/api/v1/panels/1/support/person", "{\"user_id\":99999}", 400,
	             "invalid", "user_id");
	expect_error(sam, "PUT", "/api/v1/panels/1/support/person", "{\"user_id\":\"x\"}", 400,
	             "invalid", "user_id");
	j = call_json(sam, "PUT", "/api/v1/panels/1/support/person", "{\"user_id\":2}", 200);
	assert_string_equal(str(json_object_get(j, "support_person"), "name"), "Rana Odeh");
	json_decref(j);
	expect_error(sam, "GET", "/api/v1/panels/1/follow-ups", NULL, 403, "forbidden", NULL);
	struct response *r = get(sam, "/panels/1/follow-ups");
	assert_int_equal(r->status, 403);
	assert_false(contains(r, "Amira"));
	response_free(r);
	r = get(sam, "/panels/1");
	assert_false(contains(r, "/panels/1/follow-ups"));
	response_free(r);
	r = get(rana, "/panels/1");
	assert_true(contains(r, "/panels/1/follow-ups"));
	response_free(r);
	r = get(rana, "/panels/1/follow-ups");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Amira Haddad"));
	assert_true(contains(r, "ZQ grief session"));
	response_free(r);

	/* recording it done */
	char done[96];
	snprintf(done, sizeof done, "/api/v1/panels/1/follow-ups/%ld/done", fid);
	expect_error(sam, "POST", done, "{}", 403, "forbidden", NULL);
	char body[600] = "{\"note\":\"";
	memset(body + 9, 'x', 301);
	strcpy(body + 310, "\"}");
	expect_error(rana, "POST", done, body, 400, "invalid", "note");
	expect_error(rana, "POST", "/api/v1/panels/1/follow-ups/99999/done", "{}", 404, "not_found",
	             NULL);
	j = call_json(rana, "POST", done, "{\"note\":\"ZQFOLLOW phoned, all well\"}", 200);
	assert_string_equal(str(j, "note"), "ZQFOLLOW phoned, all well");
	assert_string_equal(str(j, "done_by"), "Rana Odeh");
	assert_true(is_utc_time(str(j, "done_at")));
	json_decref(j);
	expect_error(rana, "POST", done, "{}", 409, "done_already", NULL);
	/* the note is on rana's page (the sweep can see it) and nowhere else */
	r = get(rana, "/panels/1/follow-ups");
	assert_true(contains(r, "ZQFOLLOW"));
	response_free(r);
	const char *elsewhere[] = { "/panels/1", "/panels/1/support", "/panels/1/meetings",
	                            "/notices", "/api/v1/me/notices", "/api/v1/panels/1/support",
	                            "/my-data", "/panels/1/members" };
	struct client *who[] = { sam, amira, rana };
	for (size_t c = 0; c < 3; c++)
		for (size_t i = 0; i < sizeof elsewhere / sizeof *elsewhere; i++) {
			r = get(who[c], elsewhere[i]);
			if (contains(r, "ZQFOLLOW")) fail_msg("%s shows the follow-up's note", elsewhere[i]);
			response_free(r);
		}
	char page[96];
	snprintf(page, sizeof page, "/panels/1/meetings/%ld", hard_meeting);
	for (size_t c = 0; c < 3; c++) {
		r = get(who[c], page);
		assert_false(contains(r, "ZQFOLLOW"));
		response_free(r);
	}
	/* when the support person leaves the panel's active members, the
	 * stewards follow up again */
	json_decref(call_json(sam, "PUT", "/api/v1/panels/1/support/person", "{\"user_id\":0}", 200));
	json_decref(call_json(sam, "GET", "/api/v1/panels/1/follow-ups", NULL, 200));
}

static void d_support_contacts_shipped_then_kept(void **state)
{
	(void)state;
	/* everyone on the panel sees them, guests too; the shipped list first */
	json_t *j = call_json(joy, "GET", "/api/v1/panels/1/support", NULL, 200);
	assert_true(json_is_false(json_object_get(j, "own_list")));
	json_t *list = json_object_get(j, "contacts");
	size_t shipped = json_array_size(list);
	assert_true(shipped >= 3);
	bool samaritans = false;
	for (size_t i = 0; i < shipped; i++)
		samaritans |= !strcmp(str(json_array_get(list, i), "phone"), "116 123");
	assert_true(samaritans);
	json_decref(j);
	expect_error(davies, "GET", "/api/v1/panels/1/support", NULL, 404, "not_found", NULL);
	expect_error(amira, "POST", "/api/v1/panels/1/support/contacts",
	             "{\"name\":\"ZQ line\",\"phone\":\"0100\"}", 403, "forbidden", NULL);
	expect_error(joy, "POST", "/api/v1/panels/1/support/contacts",
	             "{\"name\":\"ZQ line\",\"phone\":\"0100\"}", 403, "forbidden", NULL);
	/* bad input, nothing kept */
	expect_error(sam, "POST", "/api/v1/panels/1/support/contacts", "{\"phone\":\"0100\"}", 400,
	             "invalid", "name");
	expect_error(sam, "POST", "/api/v1/panels/1/support/contacts", "{\"name\":\"ZQ line\"}", 400,
	             "invalid", "phone");
	expect_error(sam, "POST", "/api/v1/panels/1/support/contacts",
	             "{\"name\":\"ZQ line\",\"web\":\"javascript:alert(1)\"}", 400, "invalid", "web");
	j = call_json(sam, "GET", "/api/v1/panels/1/support", NULL, 200);
	assert_true(json_is_false(json_object_get(j, "own_list")));
	json_decref(j);
	/* adding one keeps the panel's own list, starting from the shipped one */
	j = call_json(sam, "POST", "/api/v1/panels/1/support/contacts",
	              "{\"name\":\"ZQ local crisis line\",\"phone\":\"01234 567890\","
	              "\"hours\":\"Evenings\"}", 201);
	long id = get_id(j);
	json_decref(j);
	j = call_json(amira, "GET", "/api/v1/panels/1/support", NULL, 200);
	assert_true(json_is_true(json_object_get(j, "own_list")));
	assert_int_equal(json_array_size(json_object_get(j, "contacts")), shipped + 1);
	json_decref(j);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/panels/1/support/contacts/%ld", id);
	j = call_json(sam, "PUT", path, "{\"name\":\"ZQ county crisis line\",\"phone\":\"01234\"}",
	              200);
	assert_string_equal(str(j, "name"), "ZQ county crisis line");
	json_decref(j);
	/* another panel's contact is not this panel's */
	j = call_json(sam, "POST", "/api/v1/panels/2/support/contacts",
	              "{\"name\":\"ZQ panel two\",\"web\":\"https://example.org\"}", 201);
	long other = get_id(j);
	json_decref(j);
	char cross[96];
	snprintf(cross, sizeof cross, "/api/v1/panels/1/support/contacts/%ld", other);
	expect_error(sam, "PUT", cross, "{\"name\":\"ZQ moved\",\"phone\":\"1\"}", 404, "not_found",
	             NULL);
	expect_error(sam, "DELETE", cross, NULL, 404, "not_found", NULL);
	/* the page shows it, and its edit form keeps what was typed when wrong */
	struct response *r = get(amira, "/panels/1/support");
	assert_true(contains(r, "ZQ county crisis line"));
	assert_false(contains(r, "Add a contact"));
	response_free(r);
	char page[96];
	snprintf(page, sizeof page, "/panels/1/support/contacts/%ld", id);
	r = post_form(sam, page, "name=ZQ+typed+name&web=ftp%3A%2F%2Fx");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "ZQ typed name"));
	response_free(r);
	r = get(amira, page);
	assert_int_equal(r->status, 403);
	response_free(r);
	response_free(call(sam, "DELETE", path, NULL, 204));
	expect_error(sam, "DELETE", path, NULL, 404, "not_found", NULL);
	/* back to the shipped list */
	j = call_json(sam, "PUT", "/api/v1/panels/1/support/list", "{\"own\":false}", 200);
	assert_true(json_is_false(json_object_get(j, "own_list")));
	assert_int_equal(json_array_size(json_object_get(j, "contacts")), shipped);
	json_decref(j);
}

/* ---- the safeguarding record ---- */

static const char WORDS[] = "ZQSAFE";   /* in every part of the concern */

struct sweep {
	const char *who;
	int hits;                  /* answers outside the record that hold WORDS */
	int record_hits;           /* answers inside it (the lead's concern page) */
};

/* Whether r's body holds WORDS; where it does outside the lead's own
 * record pages, it is said and counted. */
static void look(const char *path, const struct response *r, void *ctx)
{
	struct sweep *w = ctx;
	if (!r->body || !strstr(r->body, WORDS)) return;
	if (strstr(path, "/safeguarding/concerns/")) {
		w->record_hits++;
		return;
	}
	fprintf(stderr, "%s sees the concern's words at %s (%ld)\n", w->who, path, r->status);
	w->hits++;
}

/* Every page who can reach by a link, and the API answers, downloads and
 * errors beside them. */
static struct sweep sweep_as(struct client *who, const char *name, long concern)
{
	struct sweep w = { name, 0, 0 };
	static const char *const start[] = { "/panels", "/notices", "/my-data", "/profile", "/account",
	                                     "/my-contributions", "/my-pay", "/my-limits",
	                                     "/panels/1/safeguarding", "/panels/1/support", NULL };
	struct crawl *c = calloc(1, sizeof *c);
	crawl_run(c, who, start, look, &w);
	fprintf(stderr, "sweep as %s: %d pages\n", name, c->pages);
	assert_true(c->pages >= 10);
	crawl_free(c);
	char one[96], api_one[96], part2[128], notes[128];
	snprintf(one, sizeof one, "/panels/1/safeguarding/concerns/%ld", concern);
	snprintf(api_one, sizeof api_one, "/api/v1/panels/1/safeguarding/concerns/%ld", concern);
	snprintf(part2, sizeof part2, "POST %s", one);
	snprintf(notes, sizeof notes, "POST %s/notes", one);
	const char *const more[] = { "/my-data/download", "/api/v1/me/notices",
	                             "/api/v1/panels/1/safeguarding", "/api/v1/panels/1/meetings",
	                             "/api/v1/panels/1/contributions", "/api/v1/panels/1/members",
	                             "/api/v1/panels/1/support", "/api/v1/me/limits",
	                             "/panels/1/projects/1/you-said-we-did.csv",
	                             "/panels/1/meetings/1/you-said-we-did.csv",
	                             "/panels/1/safeguarding/concerns/99999",
	                             "/api/v1/panels/1/safeguarding/concerns/99999",
	                             "/api/v1/panels/2/safeguarding/concerns", one, api_one,
	                             "/api/v1/panels/1/safeguarding/concerns" };
	for (size_t i = 0; i < sizeof more / sizeof *more; i++) {
		struct response *r = get(who, more[i]);
		/* the lead's own record is the record, seen through the API too */
		if (strstr(more[i], "/api/v1/panels/1/safeguarding/concerns/") && r->status == 200 &&
		    strstr(r->body, WORDS))
			w.record_hits++;
		else look(more[i], r, &w);
		response_free(r);
	}
	/* errors of the writes, for whoever sends them */
	struct response *r = post_form(who, part2 + 5, "status=maybe&version=1");
	look(part2, r, &w);
	response_free(r);
	r = post_form(who, notes + 5, "text=");
	look(notes, r, &w);
	response_free(r);
	return w;
}

static long concern_id;

static void e_only_the_lead_reads_a_concern(void **state)
{
	(void)state;
	/* nobody to read it yet: refused, nothing kept */
	expect_error(amira, "POST", "/api/v1/panels/1/safeguarding/concerns",
	             "{\"what_happened\":\"ZQSAFE early\",\"happened_on\":\"2026-01-02\"}", 409,
	             "no_lead", NULL);
	/* the stewards name rana; amira cannot */
	expect_error(amira, "PUT", "/api/v1/panels/1/safeguarding/leads/2", NULL, 403, "forbidden",
	             NULL);
	expect_error(sam, "PUT", "/api/v1/panels/1/safeguarding/leads/5", NULL, 400, "invalid",
	             "user_id"); /* not on panel 1 */
	json_t *j = call_json(sam, "PUT", "/api/v1/panels/1/safeguarding/leads/2", NULL, 200);
	assert_string_equal(str(json_array_get(json_object_get(j, "leads"), 0), "name"), "Rana Odeh");
	json_decref(j);
	expect_error(davies, "GET", "/api/v1/panels/1/safeguarding", NULL, 404, "not_found", NULL);

	/* amira raises one on the page: a day ahead is refused, keeping what she typed */
	struct response *r = post_form(amira, "/panels/1/safeguarding/concerns",
	                               "what_happened=ZQSAFE+he+said+%22you+are+nothing%22"
	                               "&happened_on=1%2F1%2F2099&who_involved=ZQSAFE+witness+Dev"
	                               "&done_straight_away=ZQSAFE+sat+with+her");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "cannot be after today"));
	assert_true(contains(r, "ZQSAFE witness Dev"));
	response_free(r);
	r = post_form(amira, "/panels/1/safeguarding/concerns",
	              "what_happened=ZQSAFE+he+said+%22you+are+nothing%22&happened_on=2%2F1%2F2026"
	              "&who_involved=ZQSAFE+witness+Dev&done_straight_away=ZQSAFE+sat+with+her");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(amira, "/panels/1/safeguarding?received=1");
	assert_true(contains(r, "Your concern was received"));
	assert_false(contains(r, "ZQSAFE"));
	response_free(r);
	/* joy (a guest) through the API: told when it was received, and nothing more */
	j = call_json(joy, "POST", "/api/v1/panels/1/safeguarding/concerns",
	              "{\"what_happened\":\"ZQSAFE a second worry\",\"happened_on\":\"2026-02-03\"}",
	              201);
	assert_int_equal(json_object_size(j), 1);
	assert_true(is_utc_time(str(j, "received_at")));
	json_decref(j);
	expect_error(joy, "POST", "/api/v1/panels/1/safeguarding/concerns",
	             "{\"what_happened\":\"\",\"happened_on\":\"2026-02-03\"}", 400, "invalid",
	             "what_happened");
	/* overlong: refused, naming the field */
	char *big = malloc(10100);
	int at = snprintf(big, 10100, "{\"happened_on\":\"2026-02-03\",\"what_happened\":\"");
	memset(big + at, 'y', 10001);
	strcpy(big + at + 10001, "\"}");
	expect_error(joy, "POST", "/api/v1/panels/1/safeguarding/concerns", big, 400, "invalid",
	             "what_happened");
	free(big);
	j = call_json(joy, "GET", "/api/v1/panels/1/safeguarding", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "my_concerns")), 1);
	assert_true(json_is_false(json_object_get(j, "i_am_lead")));
	json_decref(j);
	/* the lead is told, in words that say nothing of it; nobody else is */
	assert_int_equal(notices_saying(rana, "A safeguarding concern was raised"), 2);
	assert_int_equal(notices_saying(sam, "A safeguarding concern was raised"), 0);

	/* the lead reads it: everything, with the read in the audit */
	j = call_json(rana, "GET", "/api/v1/panels/1/safeguarding/concerns", NULL, 200);
	json_t *list = json_object_get(j, "concerns");
	assert_int_equal(json_array_size(list), 2);
	assert_null(json_object_get(json_array_get(list, 0), "what_happened"));
	for (size_t i = 0; i < 2; i++)
		if (!concern_id || get_id(json_array_get(list, i)) < concern_id)
			concern_id = get_id(json_array_get(list, i));
	json_decref(j);
	char api[96];
	snprintf(api, sizeof api, "/api/v1/panels/1/safeguarding/concerns/%ld", concern_id);
	j = call_json(rana, "GET", api, NULL, 200);
	assert_string_equal(str(j, "what_happened"), "ZQSAFE he said \"you are nothing\"");
	assert_string_equal(str(j, "happened_on"), "2026-01-02");
	assert_string_equal(str(json_object_get(j, "raised_by"), "name"), "Amira Haddad");
	long version = num(j, "version");
	json_t *reads = json_object_get(j, "reads");
	assert_int_equal(json_array_size(reads), 1);
	assert_string_equal(str(json_array_get(reads, 0), "by"), "Rana Odeh");
	json_decref(j);
	/* part 2 and a note; a stale version and bad input are refused */
	char body[256];
	snprintf(body, sizeof body,
	         "{\"advice_sought\":\"ZQSAFE asked the adult team\",\"decision\":\"ZQSAFE no referral: "
	         "she did not want one\",\"referrals\":\"\",\"status\":\"closed\",\"version\":%ld}",
	         version);
	j = call_json(rana, "PUT", api, body, 200);
	assert_string_equal(str(j, "status"), "closed");
	json_decref(j);
	expect_error(rana, "PUT", api, body, 409, "conflict", NULL);
	expect_error(rana, "PUT", api, "{\"status\":\"lost\",\"version\":1}", 400, "invalid",
	             "status");
	char notes[128];
	snprintf(notes, sizeof notes, "%s/notes", api);
	json_decref(call_json(rana, "POST", notes, "{\"text\":\"ZQSAFE phoned her\"}", 201));
	expect_error(rana, "POST", notes, "{\"text\":\"\"}", 400, "invalid", "text");
	/* nobody else reads it: not the other steward (the site's administrator),
	 * not the person who raised it, not a guest */
	struct client *others[] = { sam, amira, joy };
	for (size_t i = 0; i < 3; i++) {
		expect_error(others[i], "GET", api, NULL, 403, "forbidden", NULL);
		expect_error(others[i], "PUT", api, body, 403, "forbidden", NULL);
		expect_error(others[i], "GET", "/api/v1/panels/1/safeguarding/concerns", NULL, 403,
		             "forbidden", NULL);
	}
	expect_error(davies, "GET", api, NULL, 404, "not_found", NULL);
	/* the page: part 1, part 2, chronology, and who opened it */
	char page[96];
	snprintf(page, sizeof page, "/panels/1/safeguarding/concerns/%ld", concern_id);
	r = get(rana, page);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "ZQSAFE witness Dev"));
	assert_true(contains(r, "ZQSAFE phoned her"));
	assert_true(contains(r, "opened it"));
	response_free(r);
}

static void f_a_concerns_words_appear_nowhere_else(void **state)
{
	(void)state;
	/* the sweep sees the words where they are: the lead's record */
	struct sweep w = sweep_as(rana, "rana (the lead)", concern_id);
	assert_true(w.record_hits >= 3);
	assert_int_equal(w.hits, 0);
	struct client *others[] = { sam, amira, joy };
	const char *names[] = { "sam (steward, administrator)", "amira (raised it)", "joy (guest)" };
	for (size_t i = 0; i < 3; i++) {
		w = sweep_as(others[i], names[i], concern_id);
		assert_int_equal(w.record_hits, 0);
		assert_int_equal(w.hits, 0);
	}
	/* My data says a record may exist, and how to ask */
	struct response *r = get(amira, "/my-data");
	assert_true(contains(r, "A safeguarding record may mention you"));
	response_free(r);
	r = get(amira, "/my-data/download");
	assert_true(contains(r, "\"safeguarding_records\""));
	response_free(r);
	/* nor in the server's log */
	char *log = server_log(&srv);
	assert_non_null(log);
	assert_null(strstr(log, WORDS));
	free(log);
	/* nor in the database's files: sealed at rest (on PostgreSQL the store
	 * test reads the raw rows). The same look finds the raiser's name,
	 * which is kept in the clear, so it can see what it seeks. */
	if (!testdb_is_postgresql()) {
		char wal[320];
		snprintf(wal, sizeof wal, "%s-wal", srv.db);
		assert_true(file_has(srv.db, "Amira Haddad") || file_has(wal, "Amira Haddad"));
		assert_false(file_has(srv.db, WORDS));
		assert_false(file_has(wal, WORDS));
	}
}

/* Content notes on papers, before the paper wherever it appears, and first
 * in the notices (which are what e-mails say) about meetings and papers. */
static void g_papers_and_notices_carry_content_notes(void **state)
{
	(void)state;
	/* a meeting planned with a note: the notice (and so its e-mail) says it first */
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/meetings",
	                      "{\"title\":\"ZQ benefits\",\"starts_at\":\"2099-04-10T13:00:00Z\","
	                      "\"ends_at\":\"2099-04-10T15:00:00Z\",\"place\":\"Hall\","
	                      "\"content_note\":\"ZQ talk of sanctions\"}", 201);
	long meeting = get_id(j);
	json_decref(j);
	assert_int_equal(notices_saying(amira, "Content note: ZQ talk of sanctions. A meeting is "
	                                       "planned: \"ZQ benefits\""), 1);
	/* a paper with its own note, published at once */
	char path[128];
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/papers", meeting);
	j = call_json(sam, "POST", path,
	              "{\"title\":\"ZQ sanction letters\",\"summary\":\"Real letters people got\","
	              "\"markdown\":\"# Letters\",\"content_note\":\"ZQ letters threatening "
	              "eviction\",\"publish\":true}", 201);
	long paper = get_id(j);
	assert_string_equal(str(j, "content_note"), "ZQ letters threatening eviction");
	json_decref(j);
	assert_int_equal(notices_saying(amira, "Content note: ZQ letters threatening eviction. A paper "
	                                       "for \"ZQ benefits\" is ready to read"), 1);
	/* too long a note is refused, naming it */
	char body[700];
	char note[302];
	memset(note, 'x', 301);
	note[301] = 0;
	snprintf(body, sizeof body, "{\"title\":\"ZQ long\",\"summary\":\"S\",\"markdown\":\"M\","
	                            "\"content_note\":\"%s\"}", note);
	expect_error(sam, "POST", path, body, 400, "invalid", "content_note");
	/* the note comes before the paper: on its page and in the meeting's list */
	char page[128];
	snprintf(page, sizeof page, "/panels/1/meetings/%ld/papers/%ld", meeting, paper);
	struct response *r = get(amira, page);
	assert_int_equal(r->status, 200);
	const char *n = strstr(r->body, "ZQ letters threatening eviction");
	const char *summary = strstr(r->body, "Real letters people got");
	assert_non_null(n);
	assert_non_null(summary);
	assert_true(n < summary);
	response_free(r);
	snprintf(page, sizeof page, "/panels/1/meetings/%ld", meeting);
	r = get(amira, page);
	n = strstr(r->body, "ZQ letters threatening eviction");
	const char *link = strstr(r->body, "ZQ sanction letters");
	assert_non_null(n);
	assert_non_null(link);
	assert_true(n < link);
	response_free(r);
	/* the page's form takes it too */
	snprintf(page, sizeof page, "/panels/1/meetings/%ld/papers/new", meeting);
	r = get(sam, page);
	assert_true(contains(r, "name=\"content_note\""));
	response_free(r);
}

/* The right to pass: any question of a reflection, without saying why;
 * those who passed are not counted in its average, and an average is shown
 * only from five who answered. */
static void h_any_question_may_be_passed(void **state)
{
	(void)state;
	long ids[3];
	char emails[3][128];
	assert_int_equal(active_co_creators(sam, 1, 7, ids, emails, 3), 3);
	char body[512];
	snprintf(body, sizeof body,
	         "{\"title\":\"ZQ pass\",\"starts_at\":\"2021-06-10T13:00:00Z\","
	         "\"ends_at\":\"2021-06-10T15:00:00Z\",\"place\":\"Hall\"}");
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/meetings", body, 201);
	long meeting = get_id(j);
	json_decref(j);
	char path[128];
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/attendance", meeting);
	snprintf(body, sizeof body, "{\"attended\":[2,3,%ld,%ld,%ld]}", ids[0], ids[1], ids[2]);
	json_decref(call_json(sam, "PUT", path, body, 200));
	/* the page offers to pass on each question */
	char page[96];
	snprintf(page, sizeof page, "/panels/1/meetings/%ld", meeting);
	struct response *r = get(amira, page);
	assert_true(contains(r, "value=\"pass\""));
	assert_true(contains(r, "name=\"felt_heard\" type=\"radio\" value=\"0\""));
	response_free(r);
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/reflection", meeting);
	/* amira passes on everything */
	j = call_json(amira, "POST", path,
	              "{\"felt_heard\":0,\"info_in_time\":\"pass\",\"felt_safe\":\"pass\"}", 201);
	assert_true(json_is_null(json_object_get(j, "felt_heard")));
	assert_string_equal(str(j, "info_in_time"), "pass");
	json_decref(j);
	expect_error(rana, "POST", path,
	             "{\"felt_heard\":6,\"info_in_time\":\"yes\",\"felt_safe\":\"yes\"}", 400,
	             "invalid", "felt_heard");
	/* rana passes on how heard she felt; three others answer */
	json_decref(call_json(rana, "POST", path,
	                      "{\"felt_heard\":0,\"info_in_time\":\"yes\",\"felt_safe\":\"no\"}",
	                      201));
	for (int k = 0; k < 3; k++) {
		struct client *c = client_new(&srv);
		assert_true(client_sign_in(c, emails[k], NULL));
		json_decref(call_json(c, "POST", path,
		                      "{\"felt_heard\":4,\"info_in_time\":\"yes\",\"felt_safe\":"
		                      "\"yes\"}", 201));
		client_free(c);
	}
	/* five answers are counted; only three answered how heard they felt:
	 * too few for an average */
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/reflections", meeting);
	j = call_json(sam, "GET", path, NULL, 200);
	assert_int_equal(num(j, "answers_counted"), 5);
	assert_int_equal(num(j, "felt_heard_answers"), 3);
	assert_true(json_is_null(json_object_get(j, "felt_heard_average")));
	json_t *info = json_object_get(j, "info_in_time"), *safe = json_object_get(j, "felt_safe");
	assert_int_equal(num(info, "yes"), 4);
	assert_int_equal(num(info, "pass"), 1);
	assert_int_equal(num(safe, "no"), 1);
	assert_int_equal(num(safe, "pass"), 1);
	json_decref(j);
	r = get(sam, page);
	assert_true(contains(r, "fewer than 5 answered this question"));
	assert_true(contains(r, "1 would rather not say"));
	response_free(r);
}

/* A steward inviting a guest to a meeting sees "Paused" beside someone who
 * paused themself, never why or until when. */
static void i_inviting_a_guest_shows_only_paused(void **state)
{
	(void)state;
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/meetings",
	                      "{\"title\":\"ZQ guests\",\"starts_at\":\"2099-05-10T13:00:00Z\","
	                      "\"ends_at\":\"2099-05-10T15:00:00Z\",\"place\":\"Hall\"}", 201);
	long meeting = get_id(j);
	json_decref(j);
	char page[96];
	snprintf(page, sizeof page, "/panels/1/meetings/%ld", meeting);
	struct response *r = get(sam, page);
	assert_true(contains(r, ">Joy Adebayo</option>"));
	response_free(r);
	json_decref(call_json(joy, "PUT", "/api/v1/me/limits", "{\"paused_until\":\"2098-12-31\"}",
	                      200));
	r = get(sam, page);
	assert_true(contains(r, ">Joy Adebayo (Paused)</option>"));
	assert_false(contains_word(r, "2098"));
	response_free(r);
	json_decref(call_json(joy, "PUT", "/api/v1/me/limits", "{}", 200));
	r = get(sam, page);
	assert_true(contains(r, ">Joy Adebayo</option>"));
	response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_meetings_content_note_comes_first),
		cmocka_unit_test(b_check_in_is_private_and_only_for_who_came),
		cmocka_unit_test(c_get_in_touch_reaches_only_the_support_person),
		cmocka_unit_test(d_support_contacts_shipped_then_kept),
		cmocka_unit_test(e_only_the_lead_reads_a_concern),
		cmocka_unit_test(f_a_concerns_words_appear_nowhere_else),
		cmocka_unit_test(g_papers_and_notices_carry_content_notes),
		cmocka_unit_test(h_any_question_may_be_passed),
		cmocka_unit_test(i_inviting_a_guest_shows_only_paused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
