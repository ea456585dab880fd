/* Voice and influence against a real server, on each backend: a meeting
 * whose agenda members set, contributions recorded there and answered by a
 * guest, each person's "What became of what I said", and a sweep that an
 * anonymous contribution's author appears in no page, API answer or error
 * anyone else receives.
 *
 * People (harness.h): sam steward of panel 1, rana steward of panel 1,
 * amira co-creator, joy guest of panel 1, member1 (user 7) a co-creator of
 * panel 1 who writes anonymously. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct server srv;
static struct client *sam, *rana, *amira, *joy, *anon;
static char anon_name[128];       /* member1's display name */
static char amira_name[128];      /* amira's, who speaks in her own name */
static long meeting_id, anon_id;  /* set by the first test */
static long noted_item;           /* its agenda item with a content note */

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
	struct { struct client *c; char *name; } named[] = { { anon, anon_name },
	                                                     { amira, amira_name } };
	for (size_t i = 0; i < 2; i++) {
		struct response *r = get(named[i].c, "/api/v1/me");
		const char *p = strstr(r->body, "\"display_name\":\"");
		if (!p) return -1;
		p += strlen("\"display_name\":\"");
		size_t n = strcspn(p, "\"");
		if (n == 0 || n >= 128) return -1;
		memcpy(named[i].name, p, n);
		response_free(r);
	}
	return 0;
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

/* The number after marker in the Location header of a redirect. */
static void expect(struct client *c, const char *method, const char *path, const char *fields,
                   long status)
{
	struct response *r = strcmp(method, "GET") ? post_form(c, path, fields) : get(c, path);
	if (r->status != status)
		fail_msg("%s %s: got %ld, want %ld\n%.400s", method, path, r->status, status, r->body);
	response_free(r);
}

static int count(const struct response *r, const char *needle)
{
	int n = 0;
	for (const char *p = r->body; (p = strstr(p, needle)); p += strlen(needle)) n++;
	return n;
}

static void a_meeting_from_agenda_to_response(void **state)
{
	/* A steward plans a meeting (times in the panel's zone). */
	struct response *r = post_form(sam, "/panels/1/meetings",
	                               "title=Transport+and+access&date=2030-01-15&start_time=14:00"
	                               "&end_time=16:00&place=Community+hall&place_access=Step-free");
	assert_int_equal(r->status, 303);
	meeting_id = location_id(r, "/meetings/");
	response_free(r);
	char m[64], path[128], fields[512];
	snprintf(m, sizeof m, "/panels/1/meetings/%ld", meeting_id);
	r = get(amira, m);
	assert_int_equal(r->status, 200);
	/* 14:00 in London in January is 14:00 UTC; the agenda is due 7 days before. */
	assert_true(contains(r, "15 January 2030, 14:00 to 15 January 2030, 16:00"));
	assert_true(contains(r, "8 January 2030, 23:59"));
	response_free(r);

	/* A co-creator proposes an item; it shows who proposed it. */
	snprintf(path, sizeof path, "%s/items", m);
	expect(amira, "POST", path, "title=Bus+passes&why=The+cost+of+getting+here"
	                            "&content_note=Talks+about+debt", 303);
	expect(joy, "POST", path, "title=Guest+item&why=No", 403);
	r = get(sam, m);
	assert_true(contains(r, "Bus passes"));
	assert_true(contains(r, "proposed by <bdi>Amira"));
	long item = number_after(r, "/items/");
	noted_item = item;
	assert_true(item > 0);
	response_free(r);
	snprintf(path, sizeof path, "%s/items/%ld/support", m, item);
	expect(amira, "POST", path, "on=1", 303);
	expect(rana, "POST", path, "on=1", 303);
	expect(rana, "POST", path, "on=1", 303); /* twice counts once */
	r = get(amira, m);
	assert_true(contains(r, "2 supporters"));
	response_free(r);

	/* The steward publishes it; proposals close. */
	snprintf(path, sizeof path, "%s/agenda", m);
	snprintf(fields, sizeof fields, "item=%ld&take-%ld=1", item, item);
	expect(amira, "POST", path, fields, 403);
	expect(sam, "POST", path, fields, 303);
	expect(sam, "POST", path, fields, 409);
	snprintf(path, sizeof path, "%s/items", m);
	expect(amira, "POST", path, "title=Late&why=Too+late", 409);
	r = get(joy, m);  /* joy is not invited to this meeting */
	assert_int_equal(r->status, 404);
	response_free(r);

	/* A reply; someone stepping out of the item with a content note. */
	snprintf(path, sizeof path, "%s/reply", m);
	expect(amira, "POST", path, "reply=coming", 303);
	expect(amira, "POST", path, "reply=sometimes", 400);
	snprintf(path, sizeof path, "%s/items/%ld/step-out", m, item);
	expect(amira, "POST", path, "on=1", 303);
	r = get(sam, m);
	assert_true(contains(r, "On the agenda"));
	assert_true(contains(r, "1 person is stepping out"));
	assert_true(contains(r, "Coming"));
	response_free(r);

	/* The steward names joy to answer, and records two contributions from
	 * amira: one named, one anonymous; joy answers both. */
	expect(sam, "POST", "/panels/1/members/6", "action=responder_on", 303);
	snprintf(fields, sizeof fields, "meeting_id=%ld&author_id=3&kind=idea&body=Named+ZQN1+"
	         "idea&attribution=named&owner_id=6&next=%s", meeting_id, m);
	expect(sam, "POST", "/panels/1/contributions", fields, 303);
	snprintf(fields, sizeof fields, "meeting_id=%ld&author_id=3&kind=concern&body=Anonymous+"
	         "ZQA1+concern&attribution=anonymous&owner_id=6&next=%s", meeting_id, m);
	expect(sam, "POST", "/panels/1/contributions", fields, 303);
	/* A co-creator cannot write something down as someone else's. */
	expect(amira, "POST", "/panels/1/contributions",
	       "author_id=2&kind=idea&body=Not+mine&attribution=named", 403);
	/* member1 writes their own, anonymously; the lead steward answers it. */
	snprintf(fields, sizeof fields, "meeting_id=%ld&kind=concern&body=Anonymous+ZQX9+"
	         "worry&attribution=anonymous", meeting_id);
	r = post_form(anon, "/panels/1/contributions", fields);
	assert_int_equal(r->status, 303);
	anon_id = location_id(r, "/contributions/");
	response_free(r);

	r = get(joy, "/panels/1/contributions");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "ZQN1"));
	assert_true(contains(r, "ZQA1"));
	assert_false(contains(r, "ZQX9")); /* not joy's to answer: a guest sees only hers */
	long first = number_after(r, "name=\"contributions\" id=\"pick-");
	assert_true(first > 0);
	response_free(r);
	/* Validation keeps nothing: an adoption must say what was done. */
	snprintf(fields, sizeof fields, "contributions=%ld&contributions=%ld&status=adopted"
	         "&decided_by=Service+manager", first, first + 1);
	r = post_form(joy, "/panels/1/responses", fields);
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "Say what was done"));
	response_free(r);
	snprintf(fields, sizeof fields, "contributions=%ld&contributions=%ld&status=adopted"
	         "&what_done=Free+bus+passes+from+March&decided_by=Service+manager", first,
	         first + 1);
	expect(joy, "POST", "/panels/1/responses", fields, 303);
	/* Not hers to answer: to a guest it does not exist. */
	snprintf(fields, sizeof fields, "contributions=%ld&status=received", anon_id);
	expect(joy, "POST", "/panels/1/responses", fields, 404);

	/* amira sees both outcomes, her anonymous one marked as hers alone. */
	r = get(amira, "/my-contributions");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "ZQN1"));
	assert_true(contains(r, "ZQA1"));
	assert_int_equal(count(r, "Free bus passes from March"), 2);
	assert_true(contains(r, "only you can see this is yours"));
	assert_false(contains(r, "ZQX9"));
	response_free(r);
	/* One notice for one response, however many of hers it answered (the
	 * demo's own is from "Just Voices"). */
	r = get(amira, "/notices");
	assert_int_equal(count(r, "panel</bdi> responded to something you said: Adopted"), 1);
	response_free(r);
	char *out = server_cli(&srv, (const char *const[]){ "outbox", "--limit", "50", NULL });
	assert_non_null(strstr(out, "News about what you said"));
	assert_null(strstr(out, "Free bus passes")); /* mail carries no words of it */
	free(out);
}

/* How many of the sweep's answers to viewer c show the person called name
 * (user id): their name, a link to their member page, or their id as an
 * author. The sweep: every page about the meeting and its contributions,
 * and two refused responses (incomplete, and not the viewer's to answer). */
static int answers_naming(struct client *c, const char *name, long id)
{
	char paths[6][128], link[64], author_form[32], author_json[32], fields[256];
	snprintf(paths[0], sizeof paths[0], "/panels/1/contributions");
	snprintf(paths[1], sizeof paths[1], "/panels/1/contributions/%ld", anon_id);
	snprintf(paths[2], sizeof paths[2], "/panels/1/meetings/%ld", meeting_id);
	snprintf(paths[3], sizeof paths[3], "/panels/1/meetings");
	snprintf(paths[4], sizeof paths[4], "/my-contributions");
	snprintf(paths[5], sizeof paths[5], "/notices");
	snprintf(link, sizeof link, "/members/%ld\"", id);
	snprintf(author_form, sizeof author_form, "author_id=%ld", id);
	snprintf(author_json, sizeof author_json, "\"author_id\":%ld", id);
	struct response *rs[8];
	int n = 0, naming = 0;
	for (int p = 0; p < 6; p++) rs[n++] = get(c, paths[p]);
	snprintf(fields, sizeof fields, "contributions=%ld&status=not_adopted", anon_id);
	rs[n++] = post_form(c, "/panels/1/responses", fields);
	snprintf(fields, sizeof fields, "contributions=%ld&status=adopted", anon_id);
	rs[n++] = post_form(c, "/panels/1/responses", fields);
	for (int i = 0; i < n; i++) {
		if (contains(rs[i], name) || contains(rs[i], link) || contains(rs[i], author_form) ||
		    contains(rs[i], author_json))
			naming++;
		response_free(rs[i]);
	}
	return naming;
}

/* Everything a person other than member1 can be shown about the meeting
 * and its contributions, including errors: member1's name never appears,
 * nor a link to their profile. The same sweep finds amira, who spoke in
 * her own name at that meeting: it sees what it looks for. */
static void anonymous_author_is_never_revealed(void **state)
{
	assert_true(meeting_id > 0 && anon_id > 0);
	struct client *others[] = { sam, rana, amira, joy };
	const char *names[] = { "sam", "rana", "amira", "joy" };
	for (size_t c = 0; c < sizeof others / sizeof others[0]; c++) {
		int naming = answers_naming(others[c], anon_name, 7);
		if (naming)
			fail_msg("%d answers to %s showed member1 as the author", naming, names[c]);
	}
	assert_true(answers_naming(sam, amira_name, 3) > 0);
	assert_true(answers_naming(rana, amira_name, 3) > 0);
	char path[128];
	snprintf(path, sizeof path, "/panels/1/contributions/%ld", anon_id);
	/* The steward does see the contribution itself, as anonymous. */
	struct response *r = get(sam, path);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "ZQX9"));
	assert_true(contains(r, "Anonymous"));
	response_free(r);
	/* The author sees it is theirs. */
	r = get(anon, path);
	assert_true(contains(r, "only you can see this is yours"));
	response_free(r);
}

/* A guest sees a meeting (and its papers) only while invited to it, and
 * is told of the invitation; only the panel's guests can be invited. */
static void guests_are_invited_to_a_meeting(void **state)
{
	(void)state;
	expect(joy, "GET", "/panels/1/meetings/1", NULL, 404);
	expect(joy, "GET", "/panels/1/meetings/1/papers/1", NULL, 404);
	/* amira is a co-creator, not a guest; 999 is nobody's. */
	expect(sam, "POST", "/panels/1/meetings/1/guests", "on=1&user_id=3", 400);
	expect(sam, "POST", "/panels/1/meetings/1/guests", "on=1&user_id=999", 400);
	expect(sam, "POST", "/panels/1/meetings/1/guests", "on=2&user_id=6", 400);
	expect(amira, "POST", "/panels/1/meetings/1/guests", "on=1&user_id=6", 403);
	struct response *r = get(joy, "/notices");
	int before = count(r, "invited you to the meeting");
	response_free(r);

	expect(sam, "POST", "/panels/1/meetings/1/guests", "on=1&user_id=6", 303);
	expect(joy, "GET", "/panels/1/meetings/1", NULL, 200);
	expect(joy, "GET", "/panels/1/meetings/1/papers/1", NULL, 200);
	r = get(joy, "/notices");
	assert_int_equal(count(r, "invited you to the meeting"), before + 1);
	response_free(r);
	r = get(sam, "/panels/1/meetings/1");
	assert_true(contains(r, "Withdraw the invitation"));
	response_free(r);
	/* Inviting again changes nothing and tells nobody twice. */
	expect(sam, "POST", "/panels/1/meetings/1/guests", "on=1&user_id=6", 303);
	r = get(joy, "/notices");
	assert_int_equal(count(r, "invited you to the meeting"), before + 1);
	response_free(r);

	expect(sam, "POST", "/panels/1/meetings/1/guests", "on=0&user_id=6", 303);
	expect(joy, "GET", "/panels/1/meetings/1", NULL, 404);
	expect(joy, "GET", "/panels/1/meetings/1/papers/1", NULL, 404);
}

/* Who came: recording someone on the "who came" page asks them, once, for
 * their reflection; an unticked name leaves no record. */
static void recording_who_came_asks_for_a_reflection(void **state)
{
	(void)state;
	const char *ask = "Share a short reflection";
	struct response *r = get(anon, "/notices");
	int before = count(r, ask);
	response_free(r);
	r = get(sam, "/panels/1/meetings/1/attendance");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, anon_name));
	response_free(r);
	/* member1 (user 7) ticked; amira (3) listed as having a record but
	 * unticked would be "did not come": leave her off the list. */
	expect(sam, "POST", "/panels/1/meetings/1/attendance", "attended=7", 303);
	r = get(anon, "/notices");
	assert_int_equal(count(r, ask), before + 1);
	response_free(r);
	expect(sam, "POST", "/panels/1/meetings/1/attendance", "listed=7&attended=7", 303);
	r = get(anon, "/notices");
	assert_int_equal(count(r, ask), before + 1);
	response_free(r);
	/* Now they may reflect; and the meeting page offers it. */
	r = get(anon, "/panels/1/meetings/1");
	assert_true(contains(r, "Share my reflection"));
	response_free(r);
	/* Unticking a listed person records them as not attending. */
	expect(sam, "POST", "/panels/1/meetings/1/attendance", "listed=7", 303);
	r = get(anon, "/panels/1/meetings/1");
	assert_false(contains(r, "Share my reflection"));
	response_free(r);
	expect(sam, "POST", "/panels/1/meetings/1/attendance", "listed=7,x", 400);
}

/* A content note on an agenda item comes before its papers, wherever they
 * are shown: the meeting's list, the paper, and its large print. */
static void a_content_note_comes_before_its_papers(void **state)
{
	(void)state;
	assert_true(meeting_id > 0 && noted_item > 0);
	char path[160], body[400];
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/papers", meeting_id);
	snprintf(body, sizeof body, "{\"title\":\"Debt advice ZQP\",\"summary\":\"Where to get "
	         "help\",\"markdown\":\"Call the helpline.\",\"item_id\":%ld,\"publish\":true}",
	         noted_item);
	struct response *r = send_json(sam, "POST", path, body);
	if (r->status != 201) fail_msg("paper: %ld %.300s", r->status, r->body);
	long paper = number_after(r, "\"id\":");
	response_free(r);
	assert_true(paper > 0);
	const char *note = "<strong>Content note:</strong> <bdi>Talks about debt</bdi>";
	snprintf(path, sizeof path, "/panels/1/meetings/%ld/papers/%ld", meeting_id, paper);
	r = get(amira, path);
	assert_int_equal(r->status, 200);
	const char *at_note = strstr(r->body, note), *at_paper = strstr(r->body, "Call the helpline");
	assert_non_null(at_note);
	assert_non_null(at_paper);
	assert_true(at_note < at_paper);
	response_free(r);
	snprintf(path, sizeof path, "/panels/1/meetings/%ld/papers/%ld?print=large", meeting_id,
	         paper);
	r = get(amira, path);
	assert_true(contains(r, note));
	response_free(r);
	snprintf(path, sizeof path, "/panels/1/meetings/%ld", meeting_id);
	r = get(amira, path);
	const char *papers = strstr(r->body, "id=\"papers\"");
	assert_non_null(papers);
	at_note = strstr(papers, note);
	const char *at_link = strstr(papers, "Debt advice ZQP");
	assert_non_null(at_note);
	assert_non_null(at_link);
	assert_true(at_note < at_link);
	response_free(r);
}

/* A contribution is titled by its first words (about 60 characters, cut
 * between words, line breaks as spaces, never inside a character), with
 * its kind: not by a database number. */
static void contributions_are_titled_by_their_first_words(void **state)
{
	(void)state;
	static const struct { const char *body, *title; } cases[] = {
		{ "Short+and+whole+ZQT1", "Idea: \u201c<bdi>Short and whole ZQT1</bdi>\u201d" },
		{ "The+bus+from+the+estate+stops+at+six%2C+so+nobody+can+stay+for+the+evening+"
		  "sessions+ZQT2", "Idea: \u201c<bdi>The bus from the estate stops at six, so nobody "
		  "can stay for</bdi>\u2026\u201d" },
		{ "Two%0D%0Alines+ZQT3", "Idea: \u201c<bdi>Two  lines ZQT3</bdi>\u201d" },
		{ "%C3%89l%C3%A8ves+%C3%A9coutez+%C3%A9coutez+%C3%A9coutez+%C3%A9coutez+%C3%A9coutez+"
		  "%C3%A9coutez+%C3%A9coutez+ZQT4", "Idea: \u201c<bdi>\u00c9l\u00e8ves \u00e9coutez "
		  "\u00e9coutez \u00e9coutez \u00e9coutez \u00e9coutez \u00e9coutez</bdi>\u2026\u201d" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char form[512];
		snprintf(form, sizeof form, "kind=idea&attribution=named&body=%s", cases[i].body);
		struct response *r = post_form(amira, "/panels/1/contributions", form);
		assert_int_equal(r->status, 303);
		response_free(r);
	}
	struct response *r = get(amira, "/my-contributions");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (!contains(r, cases[i].title)) fail_msg("no title %s", cases[i].title);
	response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_meeting_from_agenda_to_response),
		cmocka_unit_test(anonymous_author_is_never_revealed),
		cmocka_unit_test(a_content_note_comes_before_its_papers),
		cmocka_unit_test(guests_are_invited_to_a_meeting),
		cmocka_unit_test(recording_who_came_asks_for_a_reflection),
		cmocka_unit_test(contributions_are_titled_by_their_first_words),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
