/* Calendars against a real server, on each backend: one meeting's .ics
 * file, and each person's private feed (made, replaced, stopped), what a
 * feed holds for a co-creator and for a guest, and that a feed's token
 * never reaches the access log.
 *
 * People (harness.h): sam steward of panels 1 and 2, amira co-creator of
 * both, joy guest of panel 1, helen guest of panel 2 only. Demo meetings:
 * 1 (past) and 2 (coming), both panel 1's; nobody is invited to them. The
 * server's public address is http://test.invalid (harness.c), so events'
 * UIDs end "@test.invalid". Inviting a guest to a meeting and cancelling
 * one have no page yet: the test does them through the store, on the
 * server's own database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api_json.h"
#include "harness.h"
#include "store/store.h"

static struct server srv;
static struct client *sam, *amira, *joy, *helen, *nobody;
static long p1_meeting, p2_meeting, cancelled; /* made by setup */
/* Every feed token made, for the access-log check at the end. */
static char tokens[16][44];
static int ntokens;

static long new_meeting(struct client *c, int panel, const char *title)
{
	char path[64], body[256];
	snprintf(path, sizeof path, "/panels/%d/meetings", panel);
	snprintf(body, sizeof body, "title=%s&date=2030-01-15&start_time=14:00&end_time=16:00"
	                            "&place=Community+hall&place_access=Step-free", title);
	struct response *r = post_form(c, path, body);
	long id = r && r->status == 303 ? location_id(r, "/meetings/") : -1;
	response_free(r);
	return id;
}

/* Invites joy to meeting 2 and cancels `cancelled`, through the store. */
static bool store_changes(long joy_id)
{
	char *err = NULL;
	struct store *s = store_open(srv.db, &err);
	if (!s) {
		fprintf(stderr, "store_open: %s\n", err ? err : "?");
		free(err);
		return false;
	}
	struct arena a = {0};
	struct meeting m;
	int64_t now = (int64_t)time(NULL);
	bool ok = store_meeting_guest_set(s, 2, joy_id, true, now, NULL) == ST_OK &&
	          store_meeting_get(s, 1, cancelled, &a, &m) == ST_OK;
	if (ok) {
		m.cancelled_at = now;
		ok = store_meeting_update(s, &m, now) == ST_OK;
	}
	arena_free(&a);
	store_close(s);
	return ok;
}

static int setup(void **state)
{
	if (!server_start(&srv)) return -1;
	struct { struct client **c; const char *email; } who[] = {
		{ &sam, "sam@demo.emptychair.org" }, { &amira, "amira@demo.emptychair.org" },
		{ &joy, "joy.adebayo@demo.emptychair.org" }, { &helen, "helen.price@demo.emptychair.org" } };
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
		*who[i].c = client_new(&srv);
		if (!client_sign_in(*who[i].c, who[i].email, NULL)) return -1;
	}
	nobody = client_new(&srv);
	p1_meeting = new_meeting(sam, 1, "Panel+one+extra");
	p2_meeting = new_meeting(sam, 2, "Panel+two+meeting");
	cancelled = new_meeting(sam, 1, "Called+off");
	if (p1_meeting < 0 || p2_meeting < 0 || cancelled < 0) return -1;
	return store_changes(6) ? 0 : -1; /* joy is user 6 */
}

static int teardown(void **state)
{
	client_free(sam);
	client_free(amira);
	client_free(joy);
	client_free(helen);
	client_free(nobody);
	return server_stop(&srv) == 0 ? 0 : -1;
}

/* ---- reading an iCalendar body ---- */

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle)) n++;
	return n;
}

/* Checks the framing every calendar must have (CRLF line ends, lines of at
 * most 75 octets, one VCALENDAR around it all) and returns the body
 * unfolded (malloc'd): folded lines joined, CRLFs as "\n". */
static char *calendar_lines(const struct response *r)
{
	const char *b = r->body;
	assert_non_null(b);
	assert_true(r->len > 2);
	assert_memory_equal(b, "BEGIN:VCALENDAR\r\n", 17);
	assert_memory_equal(b + r->len - 15, "END:VCALENDAR\r\n", 15);
	size_t line = 0;
	for (size_t i = 0; i < r->len; i++) {
		if (b[i] == '\n') {
			if (i == 0 || b[i - 1] != '\r') fail_msg("a bare LF at octet %zu", i);
			if (line - 1 > 75) fail_msg("a line of %zu octets", line - 1);
			line = 0;
		} else {
			if (b[i] == '\r' && (i + 1 == r->len || b[i + 1] != '\n'))
				fail_msg("a bare CR at octet %zu", i);
			line++;
		}
	}
	char *out = malloc(r->len + 1), *o = out;
	for (size_t i = 0; i < r->len; i++) {
		if (b[i] == '\r' && b[i + 1] == '\n' && i + 2 < r->len && b[i + 2] == ' ') {
			i += 2; /* a folded line goes on */
			continue;
		}
		if (b[i] == '\r') continue;
		*o++ = b[i];
	}
	*o = 0;
	assert_int_equal(count(out, "BEGIN:VCALENDAR\n"), 1);
	assert_int_equal(count(out, "BEGIN:VEVENT\n"), count(out, "END:VEVENT\n"));
	return out;
}

static bool has_uid(const char *cal, long meeting)
{
	char uid[64];
	snprintf(uid, sizeof uid, "\nUID:meeting-%ld@test.invalid\n", meeting);
	return strstr(cal, uid) != NULL;
}

/* The event with UID meeting-<id> (a pointer into cal, to its END). */
static char *event_of(const char *cal, long meeting, char *out, size_t size)
{
	char uid[64];
	snprintf(uid, sizeof uid, "\nUID:meeting-%ld@test.invalid\n", meeting);
	const char *p = strstr(cal, uid);
	assert_non_null(p);
	const char *end = strstr(p, "END:VEVENT");
	assert_non_null(end);
	size_t n = (size_t)(end - p);
	assert_true(n < size);
	memcpy(out, p, n);
	out[n] = 0;
	return out;
}

static void expect_calendar_headers(const struct response *r, bool attachment)
{
	char *ct = header_value(r, "content-type"), *cc = header_value(r, "cache-control"),
	     *cd = header_value(r, "content-disposition");
	assert_non_null(ct);
	assert_string_equal(ct, "text/calendar; charset=utf-8");
	assert_non_null(cc);
	assert_string_equal(cc, "no-store");
	if (attachment) {
		assert_non_null(cd);
		assert_non_null(strstr(cd, "attachment; filename=\"meeting-"));
	} else {
		assert_null(cd);
	}
	free(ct);
	free(cc);
	free(cd);
}

/* ---- feeds: make one and read its address from the account page ---- */

/* POSTs /account/calendar as c and returns the feed's path,
 * "/calendar/<token>.ics" (malloc'd). */
static char *make_feed(struct client *c)
{
	client_refresh_csrf(c);
	struct response *r = post_form(c, "/account/calendar", "");
	assert_int_equal(r->status, 201);
	assert_true(contains(r, "Calendar feed"));
	assert_true(contains(r, "<label class=\"label\" for=\"calendar_address\">"));
	const char *p = strstr(r->body, "value=\"http://test.invalid/calendar/");
	assert_non_null(p);
	p += strlen("value=\"http://test.invalid");
	size_t n = strcspn(p, "\"");
	assert_int_equal(n, strlen("/calendar/") + 43 + strlen(".ics"));
	assert_true(strstr(r->body, "readonly") != NULL);
	char *path = strndup(p, n);
	response_free(r);
	if (ntokens < 16) snprintf(tokens[ntokens++], sizeof tokens[0], "%.43s",
	                           path + strlen("/calendar/"));
	return path;
}

static long status_of(struct client *c, const char *method, const char *path)
{
	struct response *r = http(c, method, path, NULL, NULL, NULL);
	long s = r->status;
	response_free(r);
	return s;
}

/* ---- tests ---- */

static void one_meeting_as_a_file(void **state)
{
	struct response *r = get(amira, "/panels/1/meetings/2/calendar.ics");
	assert_int_equal(r->status, 200);
	expect_calendar_headers(r, true);
	char *cal = calendar_lines(r);
	assert_int_equal(count(cal, "BEGIN:VEVENT\n"), 1);
	assert_true(has_uid(cal, 2));
	assert_non_null(strstr(cal, "\nSUMMARY:Checking the draft\n"));
	assert_non_null(strstr(cal, "\nURL:http://test.invalid/panels/1/meetings/2\n"));
	assert_non_null(strstr(cal, "\nLOCATION:https://meet.example.org/just-voices\n"));
	assert_non_null(strstr(cal, "\nSEQUENCE:1\n"));
	assert_non_null(strstr(cal, "\nDTSTART:"));
	assert_non_null(strstr(cal, "\nDTEND:"));
	assert_null(strstr(cal, "STATUS:CANCELLED"));
	assert_non_null(strstr(cal, "DESCRIPTION:Panel: Just Voices"));
	free(cal);
	response_free(r);

	/* Times in UTC: 14:00 in London in January is 14:00Z. */
	char path[96];
	snprintf(path, sizeof path, "/panels/1/meetings/%ld/calendar.ics", p1_meeting);
	r = get(sam, path);
	assert_int_equal(r->status, 200);
	cal = calendar_lines(r);
	assert_non_null(strstr(cal, "\nDTSTART:20300115T140000Z\nDTEND:20300115T160000Z\n"));
	/* The place and its access information are there for everyone going. */
	assert_non_null(strstr(cal, "\nLOCATION:Community hall\n"));
	assert_non_null(strstr(cal, "Access: Step-free"));
	free(cal);
	response_free(r);

	/* A cancelled meeting says so, with the raised sequence. */
	snprintf(path, sizeof path, "/panels/1/meetings/%ld/calendar.ics", cancelled);
	r = get(amira, path);
	assert_int_equal(r->status, 200);
	cal = calendar_lines(r);
	assert_non_null(strstr(cal, "\nSTATUS:CANCELLED\n"));
	assert_non_null(strstr(cal, "\nSEQUENCE:2\n"));
	free(cal);
	response_free(r);

	/* HEAD too; other methods are refused. */
	assert_int_equal(status_of(amira, "HEAD", "/panels/1/meetings/2/calendar.ics"), 200);
	assert_int_equal(status_of(amira, "POST", "/panels/1/meetings/2/calendar.ics"), 405);
	assert_int_equal(status_of(amira, "DELETE", "/panels/1/meetings/2/calendar.ics"), 405);
}

static void who_may_have_a_meeting_file(void **state)
{
	/* joy, a guest of panel 1, is invited to meeting 2, not to meeting 1. */
	assert_int_equal(status_of(joy, "GET", "/panels/1/meetings/2/calendar.ics"), 200);
	assert_int_equal(status_of(joy, "GET", "/panels/1/meetings/1/calendar.ics"), 404);
	/* helen is on panel 2 only; not signed in goes to sign in. */
	assert_int_equal(status_of(helen, "GET", "/panels/1/meetings/2/calendar.ics"), 404);
	assert_int_equal(status_of(nobody, "GET", "/panels/1/meetings/2/calendar.ics"), 303);
	/* A meeting of another panel under this one's address. */
	char path[96];
	snprintf(path, sizeof path, "/panels/1/meetings/%ld/calendar.ics", p2_meeting);
	assert_int_equal(status_of(sam, "GET", path), 404);
	assert_int_equal(status_of(sam, "GET", "/panels/1/meetings/999/calendar.ics"), 404);
}

static void a_co_creators_feed_holds_all_their_panels_meetings(void **state)
{
	char *feed = make_feed(amira);
	/* Read as a calendar program would: no cookie, no session. */
	struct response *r = get(nobody, feed);
	assert_int_equal(r->status, 200);
	expect_calendar_headers(r, false);
	char *cal = calendar_lines(r);
	/* Panel 1's meetings 1, 2, the extra and the cancelled one; panel 2's. */
	assert_int_equal(count(cal, "BEGIN:VEVENT\n"), 5);
	long want[] = { 1, 2, p1_meeting, p2_meeting, cancelled };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!has_uid(cal, want[i])) fail_msg("meeting %ld is not in the feed", want[i]);
	char ev[4096];
	assert_non_null(strstr(event_of(cal, cancelled, ev, sizeof ev), "\nSTATUS:CANCELLED\n"));
	assert_null(strstr(event_of(cal, 2, ev, sizeof ev), "STATUS:"));
	assert_non_null(strstr(event_of(cal, p2_meeting, ev, sizeof ev), "Panel: Mind the Gap"));
	/* Nobody else's name, address or reply is in it. */
	assert_null(strstr(cal, "Sam Steward"));
	assert_null(strstr(cal, "Rana"));
	assert_null(strstr(cal, "@demo.emptychair.org"));
	assert_null(strstr(cal, "ATTENDEE"));
	assert_null(strstr(cal, "ORGANIZER"));
	free(cal);
	response_free(r);
	assert_int_equal(status_of(nobody, "HEAD", feed), 200);
	free(feed);
}

/* A feed is read by a calendar program, in its own language: the feed
 * speaks its owner's, when they chose one. */
static void a_feed_speaks_its_owner_s_language(void **state)
{
	(void)state;
	char *feed = make_feed(amira);
	json_decref(call_json(amira, "PUT", "/api/v1/me/language", "{\"language\":\"ar\"}", 200));
	struct response *r = get(nobody, feed);
	json_decref(call_json(amira, "PUT", "/api/v1/me/language", "{\"language\":\"\"}", 200));
	assert_int_equal(r->status, 200);
	char *cal = calendar_lines(r);
	char *panel = translated("ar", "Panel: %s"), want[200];
	snprintf(want, sizeof want, panel, "Mind the Gap");
	if (!strstr(cal, want)) fail_msg("not in Arabic: want \"%s\"", want);
	free(panel);
	free(cal);
	response_free(r);
	r = get(nobody, feed);
	assert_true(contains(r, "Panel: Mind the Gap"));
	response_free(r);
	free(feed);
}

static void a_guests_feed_holds_only_their_invitations(void **state)
{
	char *feed = make_feed(joy);
	struct response *r = get(nobody, feed);
	assert_int_equal(r->status, 200);
	char *cal = calendar_lines(r);
	assert_int_equal(count(cal, "BEGIN:VEVENT\n"), 1);
	assert_true(has_uid(cal, 2));
	free(cal);
	response_free(r);
	/* helen is invited to nothing: an empty calendar, still a calendar. */
	char *hfeed = make_feed(helen);
	r = get(nobody, hfeed);
	assert_int_equal(r->status, 200);
	cal = calendar_lines(r);
	assert_int_equal(count(cal, "BEGIN:VEVENT\n"), 0);
	free(cal);
	response_free(r);
	free(hfeed);
	free(feed);
}

static void replaced_and_stopped_feeds_are_gone(void **state)
{
	char *first = make_feed(sam);
	assert_int_equal(status_of(nobody, "GET", first), 200);
	/* A new address replaces the old one. */
	char *second = make_feed(sam);
	assert_string_not_equal(first, second);
	assert_int_equal(status_of(nobody, "GET", first), 404);
	assert_int_equal(status_of(nobody, "GET", second), 200);
	struct response *r = get(sam, "/account");
	assert_true(contains(r, "You have a calendar feed, made "));
	assert_true(contains(r, "Stop my calendar feed"));
	/* The address is shown once: not on the account page afterwards. */
	assert_false(contains(r, second + strlen("/calendar/")));
	response_free(r);

	/* Stopping it. */
	r = post_form(sam, "/account/calendar/revoke", "");
	assert_int_equal(r->status, 303);
	response_free(r);
	assert_int_equal(status_of(nobody, "GET", second), 404);
	r = get(sam, "/account?calendar_stopped=1");
	assert_true(contains(r, "Your calendar feed has been stopped."));
	assert_true(contains(r, "You have no calendar feed."));
	assert_false(contains(r, "Stop my calendar feed"));
	response_free(r);
	/* Stopping again is harmless. */
	r = post_form(sam, "/account/calendar/revoke", "");
	assert_int_equal(r->status, 303);
	response_free(r);

	/* The 404 says nothing a mistyped address would not. */
	r = get(nobody, second);
	assert_int_equal(r->status, 404);
	assert_true(contains(r, "There is no such page."));
	assert_false(contains(r, "calendar"));
	response_free(r);
	/* Addresses not of the feed's form. */
	assert_int_equal(status_of(nobody, "GET", "/calendar/"), 404);
	assert_int_equal(status_of(nobody, "GET", "/calendar/short.ics"), 404);
	char other[128];
	snprintf(other, sizeof other, "%.*s", (int)(strlen(first) - 4), first);
	assert_int_equal(status_of(nobody, "GET", other), 404); /* no .ics */
	/* Wrong methods. */
	assert_int_equal(status_of(nobody, "POST", first), 405);
	assert_int_equal(status_of(nobody, "PUT", first), 405);
	assert_int_equal(status_of(sam, "GET", "/account/calendar"), 405);
	assert_int_equal(status_of(sam, "GET", "/account/calendar/revoke"), 405);
	/* Both need a signed-in person, and a form from this site. */
	assert_int_equal(status_of(nobody, "POST", "/account/calendar"), 303);
	r = http(sam, "POST", "/account/calendar", "csrf=forged", NULL, NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	free(first);
	free(second);
}

static void no_token_in_the_access_log(void **state)
{
	char *feed = make_feed(amira);
	assert_int_equal(status_of(nobody, "GET", feed), 200);
	assert_int_equal(status_of(nobody, "POST", feed), 405);
	char *log = server_log(&srv);
	/* No token made in any test here: used, replaced, stopped. */
	assert_true(ntokens >= 6);
	for (int i = 0; i < ntokens; i++)
		if (strstr(log, tokens[i])) fail_msg("token %d is in the access log", i);
	/* The requests are logged, without the token. */
	assert_non_null(strstr(log, "GET /calendar/… 200"));
	assert_non_null(strstr(log, "POST /calendar/… 405"));
	assert_non_null(strstr(log, "GET /calendar/… 404"));
	free(log);
	free(feed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_meeting_as_a_file),
		cmocka_unit_test(who_may_have_a_meeting_file),
		cmocka_unit_test(a_co_creators_feed_holds_all_their_panels_meetings),
		cmocka_unit_test(a_feed_speaks_its_owner_s_language),
		cmocka_unit_test(a_guests_feed_holds_only_their_invitations),
		cmocka_unit_test(replaced_and_stopped_feeds_are_gone),
		cmocka_unit_test(no_token_in_the_access_log),
	};
	return cmocka_run_group_tests_name("http calendar", tests, setup, teardown);
}
