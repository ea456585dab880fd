/* Whole journeys over HTTP: invitations, sign-in limits, password reset,
 * profile validation and injection strings, API tokens, the last-steward
 * rule, concurrent edits, export and account deletion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_json.h"
#include "harness.h"

static struct server srv;

static int setup(void **state) { return server_start(&srv) ? 0 : -1; }
static int teardown(void **state) { return server_stop(&srv) == 0 ? 0 : -1; }

/* The one-time link shown on the members page after inviting (email
 * NULL: an invitation given by hand): the form
 * answers with a redirect (reloading makes no second invitation), and the
 * page it leads to shows the link once. */
static char *invite(struct client *steward, int panel, const char *email, const char *role)
{
	char path[64], fields[256];
	snprintf(path, sizeof path, "/panels/%d/invitations", panel);
	char *e = urlenc(email ? email : "");
	snprintf(fields, sizeof fields, "email=%s&role=%s%s", e, role, email ? "" : "&by_hand=1");
	free(e);
	struct response *r = post_form(steward, path, fields);
	assert_int_equal(r->status, 303);
	char *location = header_value(r, "Location");
	assert_non_null(location);
	assert_non_null(strstr(location, "/members#invitation-made"));
	assert_null(strstr(location, "accept-invitation")); /* never in an address */
	response_free(r);
	snprintf(path, sizeof path, "/panels/%d/members", panel);
	r = get(steward, path);
	assert_int_equal(r->status, 200);
	const char *p = strstr(r->body, "/accept-invitation?t=");
	assert_non_null(p);
	const char *end = strchr(p, '"');
	char *link = strndup(p, (size_t)(end - p));
	response_free(r);
	free(location);
	/* Shown once. */
	r = get(steward, path);
	assert_null(strstr(r->body, "/accept-invitation?t="));
	response_free(r);
	return link;
}

static void invitation_makes_an_account_and_membership(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	char *link = invite(sam, 2, "New.Person@Example.org", "co_creator");

	/* The message waits in the outbox, with the same link. */
	const char *args[] = { "outbox", "--limit", "1", NULL };
	char *outbox = server_cli(&srv, args);
	assert_non_null(strstr(outbox, "new.person@example.org"));
	assert_non_null(strstr(outbox, link + strlen("/accept-invitation?t=")));
	free(outbox);

	struct client *c = client_new(&srv);
	struct response *r = get(c, link);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Mind the Gap"));
	assert_true(contains(r, "<bdi>Sam Steward</bdi> has invited you to join as a <strong>Co-creator</strong>"));
	response_free(r);

	/* A weak password: 400, the error summary links to the field, the
	 * typed name is kept, the password is not echoed. */
	char *t = strdup(strchr(link, '=') + 1);
	char fields[512];
	snprintf(fields, sizeof fields, "t=%s&display_name=Sol+%%3Cb%%3EB%%3C%%2Fb%%3E&password=password1", t);
	r = post_form(c, "/accept-invitation", fields);
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "There is a problem"));
	assert_true(contains(r, "href=\"#password\""));
	assert_true(contains(r, "value=\"Sol &lt;b&gt;B&lt;/b&gt;\""));
	assert_false(contains(r, "password1"));
	response_free(r);

	snprintf(fields, sizeof fields, "t=%s&display_name=Sol+%%3Cb%%3EB%%3C%%2Fb%%3E&password=lantern+pebble+harbour", t);
	r = post_form(c, "/accept-invitation", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(c, "/panels");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Mind the Gap"));
	response_free(r);
	/* The name is shown as text, never as markup. */
	r = get(sam, "/panels/2/members");
	assert_true(contains(r, "Sol &lt;b&gt;B&lt;/b&gt;"));
	assert_false(contains(r, "<b>B</b>"));
	response_free(r);

	/* The link works once; used, it shows the way to sign in. */
	struct client *again = client_new(&srv);
	r = get(again, link);
	assert_int_equal(r->status, 404);
	assert_true(contains(r, "This link no longer works"));
	assert_true(contains(r, "<a href=\"/sign-in\">sign in</a>"));
	response_free(r);
	client_free(again);
	free(t);
	free(link);
	client_free(c);
	client_free(sam);
}

/* Whoever makes an invitation holds its link, so the link alone must never
 * add an existing person to a panel. */
static void invitations_to_existing_accounts_need_their_owner(void **state)
{
	struct client *rana = client_new(&srv);
	assert_true(client_sign_in(rana, "rana@demo.emptychair.org", NULL));
	/* member2 (user 8) is on panel 2 only; rana stewards panel 1 only. */
	char *link = invite(rana, 1, "member2@demo.emptychair.org", "co_creator");
	char *t = strdup(strchr(link, '=') + 1);
	char fields[256];
	snprintf(fields, sizeof fields, "t=%s&display_name=x&password=lantern+pebble+harbour", t);

	/* Whoever holds the link sees the page a new address gets: both ways
	 * to accept, nothing saying the address has an account (issue 17,
	 * point 6: the inviter saw "You already have an account"). */
	struct client *anon = client_new(&srv);
	struct response *r = get(anon, link);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Sign in to accept"));
	assert_true(contains(r, "name=\"password\""));
	assert_false(contains(r, "already have an account with"));
	response_free(r);
	r = post_form(anon, "/accept-invitation", fields);
	assert_int_equal(r->status, 403);
	response_free(r);
	/* The inviter, signed in as themself, cannot use it either. */
	r = post_form(rana, "/accept-invitation", fields);
	assert_int_equal(r->status, 403);
	response_free(r);
	r = get(rana, "/panels/1/members/8");
	assert_int_equal(r->status, 404);
	response_free(r);

	/* The person themself, signed in, accepts. */
	struct client *m2 = client_new(&srv);
	assert_true(client_sign_in(m2, "member2@demo.emptychair.org", NULL));
	r = get(m2, link);
	assert_true(contains(r, "Accept and join"));
	response_free(r);
	snprintf(fields, sizeof fields, "t=%s", t);
	r = post_form(m2, "/accept-invitation", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(rana, "/panels/1/members/8");
	assert_int_equal(r->status, 200);
	response_free(r);

	/* Someone signed in cannot take an invitation meant for a new address. */
	char *other = invite(rana, 1, "brand.new@example.org", "guest");
	struct client *amira = client_new(&srv);
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	r = get(amira, other);
	assert_true(contains(r, "this invitation is for a different e-mail address"));
	response_free(r);
	snprintf(fields, sizeof fields, "t=%s&display_name=x&password=lantern+pebble+harbour",
	         strchr(other, '=') + 1);
	r = post_form(amira, "/accept-invitation", fields);
	assert_int_equal(r->status, 403);
	response_free(r);
	free(other);
	free(t);
	free(link);
	client_free(amira);
	client_free(m2);
	client_free(anon);
	client_free(rana);
}

static void sign_in_never_redirects_off_site(void **state)
{
	static const char *const nexts[] = { "%2F%09%2Fevil.example", "%2F%2Fevil.example",
	                                     "%2F%5Cevil.example", "https%3A%2F%2Fevil.example",
	                                     "%2F%0A%2Fevil.example", "%2Fpanels%2F1%0D%0AX%3A1" };
	for (size_t i = 0; i < sizeof nexts / sizeof nexts[0]; i++) {
		struct client *c = client_new(&srv);
		response_free(get(c, "/sign-in"));
		char fields[256];
		snprintf(fields, sizeof fields, "next=%s&email=sam%%40demo.emptychair.org"
		         "&password=kettle+river+orange+lamp", nexts[i]);
		struct response *r = post_form(c, "/sign-in", fields);
		assert_int_equal(r->status, 303);
		char *loc = header_value(r, "Location");
		assert_string_equal(loc, "/panels");
		free(loc);
		response_free(r);
		client_free(c);
	}
	/* An ordinary local path is kept. */
	struct client *c = client_new(&srv);
	response_free(get(c, "/sign-in"));
	struct response *r = post_form(c, "/sign-in", "next=%2Fpanels%2F2&email=sam%40demo.emptychair.org"
	                                              "&password=kettle+river+orange+lamp");
	char *loc = header_value(r, "Location");
	assert_string_equal(loc, "/panels/2");
	free(loc);
	response_free(r);
	client_free(c);
}

static void form_errors_keep_what_was_typed(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	struct response *r = post_form(sam, "/panels/1/invitations", "email=not+an+address&role=co_creator");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "error-summary"));
	assert_true(contains(r, "href=\"#email\""));
	assert_true(contains(r, "value=\"not an address\""));
	assert_true(contains(r, "aria-invalid=\"true\""));
	response_free(r);
	client_free(sam);
}

static void injection_strings_are_stored_and_shown_literally(void **state)
{
	struct client *amira = client_new(&srv);
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	const char *evil = "Robert'); DROP TABLE users;-- <script>alert(1)</script> \" onmouseover=\"x";
	char *e = urlenc(evil);
	struct response *me = get(amira, "/api/v1/me/profile");
	long version = number_after(me, "\"version\":");
	assert_true(version >= 0);
	response_free(me);
	char fields[1024];
	snprintf(fields, sizeof fields, "version=%ld&display_name=Amira&access_notes=%s&access_notes__vis=panel",
	         version, e);
	struct response *r = post_form(amira, "/profile", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	r = get(sam, "/panels/1/members/3");
	assert_int_equal(r->status, 200);
	assert_false(contains(r, "<script>alert(1)</script>"));
	assert_true(contains(r, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_true(contains(r, "Robert&#39;); DROP TABLE users;--"));
	response_free(r);
	/* The JSON API returns the very same text. */
	r = get(sam, "/api/v1/panels/1/members/3");
	assert_true(contains(r, "DROP TABLE users;-- <script>alert(1)<\\/script>"));
	response_free(r);
	/* And the users table is still there. */
	r = get(sam, "/panels/1/members");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Amira"));
	response_free(r);
	free(e);
	client_free(sam);
	client_free(amira);
}

static void consent_can_always_be_withdrawn(void **state)
{
	struct client *c = client_new(&srv);
	assert_true(client_sign_in(c, "member7@demo.emptychair.org", NULL));
	/* A new answer without consent is refused and nothing is kept. */
	struct response *r = send_json(c, "PATCH", "/api/v1/me/profile",
	                               "{\"fields\":{\"disability\":{\"value\":\"yes\"}}}");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "consent_needed"));
	response_free(r);
	r = send_json(c, "PATCH", "/api/v1/me/profile",
	              "{\"fields\":{\"disability\":{\"value\":\"yes\",\"consent\":true}}}");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "\"disability\":{\"value\":\"yes\""));
	response_free(r);
	/* Withdrawing, as the API documents: consent false alone. */
	r = send_json(c, "PATCH", "/api/v1/me/profile",
	              "{\"fields\":{\"disability\":{\"consent\":false}}}");
	assert_int_equal(r->status, 200);
	assert_false(contains(r, "\"disability\":{"));
	assert_true(contains(r, "\"disability\":false"));
	response_free(r);
	/* "Prefer not to say" needs no consent. */
	r = send_json(c, "PATCH", "/api/v1/me/profile",
	              "{\"fields\":{\"gender\":{\"value\":\"prefer_not_to_say\"}}}");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "\"gender\":{\"value\":\"prefer_not_to_say\""));
	response_free(r);
	/* On the web form: unticking consent with the answer still chosen
	 * withdraws it too. */
	r = send_json(c, "PATCH", "/api/v1/me/profile",
	              "{\"fields\":{\"age_band\":{\"value\":\"25_34\",\"consent\":true}}}");
	assert_int_equal(r->status, 200);
	long version = number_after(r, "\"version\":");
	response_free(r);
	response_free(get(c, "/profile"));
	char fields[256];
	snprintf(fields, sizeof fields, "version=%ld&display_name=Member+Seven&age_band=25_34", version);
	r = post_form(c, "/profile", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(c, "/api/v1/me/data");
	assert_false(contains(r, "25_34"));
	assert_true(contains(r, "\"purpose\": \"representation.age_band\""));
	assert_true(contains(r, "\"state\": \"withdrawn\""));
	response_free(r);
	client_free(c);
}

static void sign_in_is_rate_limited(void **state)
{
	struct client *c = client_new(&srv);
	response_free(get(c, "/sign-in"));
	for (int i = 0; i < 5; i++) {
		struct response *r = post_form(c, "/sign-in", "email=rana%40demo.emptychair.org&password=wrong-one");
		assert_int_equal(r->status, 400);
		assert_true(contains(r, "not right"));
		response_free(r);
	}
	/* Now even the right password is refused for a while. */
	struct response *r = post_form(c, "/sign-in",
	                               "email=rana%40demo.emptychair.org&password=kettle+river+orange+lamp");
	assert_int_equal(r->status, 429);
	assert_true(contains(r, "too many attempts"));
	response_free(r);
	/* Other accounts are not locked by it. */
	assert_true(client_sign_in(c, "mark.davies@demo.emptychair.org", NULL));
	client_free(c);

	/* A password reset, the way out the message offers, lifts the pause. */
	c = client_new(&srv);
	response_free(get(c, "/forgot-password"));
	r = post_form(c, "/forgot-password", "email=rana%40demo.emptychair.org");
	assert_true(contains(r, "This site does not send e-mail. Ask a steward of your panel"));
	response_free(r);
	const char *args[] = { "outbox", "--limit", "1", NULL };
	char *out = server_cli(&srv, args);
	char *p = strstr(out, "/reset-password?t=");
	assert_non_null(p);
	char token[64] = "";
	sscanf(p + strlen("/reset-password?t="), "%63[A-Za-z0-9_-]", token);
	free(out);
	char fields[256];
	snprintf(fields, sizeof fields, "t=%s&password=orchard+velvet+compass", token);
	r = post_form(c, "/reset-password", fields);
	assert_int_equal(r->status, 200);
	response_free(r);
	assert_true(client_sign_in(c, "rana@demo.emptychair.org", "orchard velvet compass"));
	client_free(c);
}

static void password_reset_by_one_time_link(void **state)
{
	struct client *c = client_new(&srv);
	response_free(get(c, "/forgot-password"));
	struct response *r = post_form(c, "/forgot-password", "email=joy.adebayo%40demo.emptychair.org");
	assert_int_equal(r->status, 200);
	response_free(r);
	const char *args[] = { "outbox", "--limit", "1", NULL };
	char *out = server_cli(&srv, args);
	char *p = strstr(out, "/reset-password?t=");
	assert_non_null(p);
	char token[64] = "";
	sscanf(p + strlen("/reset-password?t="), "%63[A-Za-z0-9_-]", token);
	free(out);
	response_free(get(c, "/forgot-password"));
	char fields[256];
	snprintf(fields, sizeof fields, "t=%s&password=short", token);
	r = post_form(c, "/reset-password", fields);
	assert_int_equal(r->status, 400);
	response_free(r);
	snprintf(fields, sizeof fields, "t=%s&password=meadow+copper+violin", token);
	r = post_form(c, "/reset-password", fields);
	assert_int_equal(r->status, 200);
	response_free(r);
	r = post_form(c, "/reset-password", fields);
	assert_int_equal(r->status, 404); /* used */
	response_free(r);
	assert_true(client_sign_in(c, "joy.adebayo@demo.emptychair.org", "meadow copper violin"));
	client_free(c);
}

static void api_tokens_work_without_cookies_or_csrf(void **state)
{
	struct client *amira = client_new(&srv);
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	struct response *r = post_form(amira, "/account/tokens", "label=my+spreadsheet");
	assert_int_equal(r->status, 201);
	const char *p = strstr(r->body, "<p class=\"code\">");
	assert_non_null(p);
	char token[64] = "";
	sscanf(p + strlen("<p class=\"code\">"), "%63[A-Za-z0-9_-]", token);
	assert_int_equal(strlen(token), 43);
	response_free(r);

	struct client *bot = client_new(&srv);
	char auth[128];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	const char *h[] = { auth, NULL };
	r = http(bot, "GET", "/api/v1/me", NULL, NULL, h);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "amira@demo.emptychair.org"));
	assert_false(contains(r, "csrf_token"));
	response_free(r);
	r = http(bot, "PATCH", "/api/v1/me/profile",
	         "{\"fields\":{\"how_often\":{\"value\":\"monthly\",\"visibility\":\"stewards\"}}}",
	         "application/json", h);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "\"how_often\":{\"value\":\"monthly\""));
	response_free(r);
	/* Bad JSON bodies name the problem. */
	r = http(bot, "PATCH", "/api/v1/me/profile", "{\"fields\":{},\"extra\":1}", "application/json", h);
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "\"field\":\"extra\""));
	response_free(r);
	r = http(bot, "PATCH", "/api/v1/me/profile", "{not json", "application/json", h);
	assert_int_equal(r->status, 400);
	response_free(r);
	/* A misspelt key inside a field is refused, naming the field, and
	 * nothing is saved. */
	r = http(bot, "PATCH", "/api/v1/me/profile",
	         "{\"fields\":{\"phone\":{\"value\":\"0700 900123\",\"visiblity\":\"self\"}}}",
	         "application/json", h);
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "\"field\":\"phone\""));
	response_free(r);
	r = http(bot, "GET", "/api/v1/me/profile", NULL, NULL, h);
	assert_false(contains(r, "0700 900123"));
	response_free(r);
	/* Errors from the rules name their field too. */
	r = http(bot, "PATCH", "/api/v1/me/profile",
	         "{\"fields\":{\"ethnicity\":{\"value\":\"Kurdish\"}}}", "application/json", h);
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "\"code\":\"consent_needed\""));
	assert_true(contains(r, "\"field\":\"ethnicity\""));
	response_free(r);
	/* JSON must be labelled as JSON. */
	r = http(bot, "PATCH", "/api/v1/me/profile", "{\"fields\":{}}", "text/plain", h);
	assert_int_equal(r->status, 415);
	response_free(r);
	/* Tokens do not work on pages, and a wrong token is refused. */
	r = http(bot, "GET", "/profile", NULL, NULL, h);
	assert_int_equal(r->status, 303);
	response_free(r);
	const char *bad[] = { "Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL };
	r = http(bot, "GET", "/api/v1/me", NULL, NULL, bad);
	assert_int_equal(r->status, 401);
	assert_true(contains(r, "\"code\":\"unauthenticated\""));
	response_free(r);
	/* Revoked: refused. */
	r = get(amira, "/account");
	p = strstr(r->body, "/account/tokens/");
	assert_non_null(p);
	char revoke[64] = "";
	sscanf(p, "%63[^\"]", revoke);
	response_free(r);
	r = post_form(amira, revoke, "");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = http(bot, "GET", "/api/v1/me", NULL, NULL, h);
	assert_int_equal(r->status, 401);
	response_free(r);
	client_free(bot);
	client_free(amira);
}

static void a_panel_keeps_a_steward(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	/* Panel 2 has one steward, sam: he cannot step down or be removed. */
	struct response *r = send_json(sam, "PATCH", "/api/v1/panels/2/members/1", "{\"role\":\"co_creator\"}");
	assert_int_equal(r->status, 409);
	assert_true(contains(r, "\"code\":\"last_steward\""));
	response_free(r);
	r = send_json(sam, "DELETE", "/api/v1/panels/2/members/1", NULL);
	assert_int_equal(r->status, 409);
	response_free(r);
	/* With a second steward he can. */
	r = send_json(sam, "PATCH", "/api/v1/panels/2/members/3", "{\"role\":\"steward\"}");
	assert_int_equal(r->status, 200);
	response_free(r);
	r = send_json(sam, "PATCH", "/api/v1/panels/2/members/1", "{\"role\":\"co_creator\"}");
	assert_int_equal(r->status, 200);
	response_free(r);
	/* He is now a co-creator there: managing is refused. */
	r = send_json(sam, "PATCH", "/api/v1/panels/2/members/3", "{\"role\":\"co_creator\"}");
	assert_int_equal(r->status, 403);
	response_free(r);
	/* Amira can see that someone changed her place on the panel. */
	struct client *amira = client_new(&srv);
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	r = get(amira, "/api/v1/me/audit");
	assert_true(contains(r, "\"who\":\"Sam Steward\",\"action\":\"change\",\"fields\":\"membership:2\""));
	response_free(r);
	r = get(amira, "/my-data");
	assert_true(contains(r, "Your role or status on <bdi>Mind the Gap mental health panel</bdi>"));
	response_free(r);
	client_free(amira);
	client_free(sam);
}

static void member_lists_are_paged(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	struct response *r = get(sam, "/api/v1/panels/1/members?limit=5&offset=0");
	assert_int_equal(r->status, 200);
	int n = 0;
	for (const char *p = r->body; (p = strstr(p, "\"user_id\"")); p++) n++;
	assert_int_equal(n, 5);
	const char *t = strstr(r->body, "\"total\":");
	assert_non_null(t);
	assert_true(strtol(t + 8, NULL, 10) > 5);
	response_free(r);
	r = get(sam, "/api/v1/panels/1/members?limit=0");
	assert_int_equal(r->status, 400);
	response_free(r);
	r = get(sam, "/panels/1/members?page=x");
	assert_int_equal(r->status, 400);
	response_free(r);
	r = get(sam, "/panels/1/members?page=1");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Find someone on the panel"));
	assert_true(contains(r, ">Sam Steward</a>"));
	response_free(r);
	/* Found by part of a name, in any case; a steward also by address. */
	r = get(sam, "/panels/1/members?q=ODEH");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, ">Rana Odeh</a>"));
	assert_false(contains(r, ">Sam Steward</a>"));
	assert_true(contains(r, "1 person match"));
	response_free(r);
	r = get(sam, "/panels/1/members?q=rana%40demo");
	assert_true(contains(r, ">Rana Odeh</a>"));
	response_free(r);
	r = get(sam, "/panels/1/members?q=nobody+ZQN");
	assert_true(contains(r, "0 people match"));
	assert_false(contains(r, "<table"));
	response_free(r);
	r = get(sam, "/api/v1/panels/1/members?q=odeh");
	assert_true(contains(r, "\"total\":1"));
	assert_true(contains(r, "Rana Odeh"));
	response_free(r);
	/* A co-creator finds by name only: an address is not theirs to search. */
	struct client *amira = client_new(&srv);
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	r = get(amira, "/api/v1/panels/1/members?q=sam%40demo");
	assert_true(contains(r, "\"total\":0"));
	response_free(r);
	client_free(amira);
	client_free(sam);
}

/* A member who has forgotten their password and has no e-mail: a steward
 * makes a one-time link, shown once, which lets them set a new one; they
 * are told, and it is in their record. Not for a steward, nor by a
 * co-creator. */
static void a_steward_makes_a_one_time_link(void **state)
{
	(void)state;
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	/* member1 (user 7), co-creator of panel 1. */
	struct response *r = post_form(sam, "/panels/1/members/7/sign-in-link", "");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(sam, "/panels/1/members/7");
	const char *at = strstr(r->body, "http://test.invalid/reset-password?t=");
	assert_non_null(at);
	char *link = strndup(at + strlen("http://test.invalid"), strcspn(at, "<\"") -
	                     strlen("http://test.invalid"));
	response_free(r);
	/* Shown once. */
	r = get(sam, "/panels/1/members/7");
	assert_false(contains(r, "/reset-password?t="));
	assert_true(contains(r, "Make a one-time link"));
	response_free(r);
	/* It lets them set a new password, and sign in with it. */
	struct client *member = client_new(&srv);
	r = get(member, link);
	assert_int_equal(r->status, 200);
	response_free(r);
	char form[300];
	snprintf(form, sizeof form, "t=%s&password=lantern+orchard+violet+spoon",
	         strstr(link, "t=") + 2);
	r = post_form(member, "/reset-password", form);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Your password has changed"));
	response_free(r);
	assert_true(client_sign_in(member, "member1@demo.emptychair.org", "lantern orchard violet spoon"));
	assert_int_equal(notices_saying(member, "made a one-time link for you to set a new password"),
	                 1);
	r = get(member, "/my-data");
	assert_true(contains(r, "A one-time link to set your password"));
	response_free(r);
	free(link);
	client_free(member);
	/* The API makes one too; not for a steward; not by a co-creator. */
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/members/7/sign-in-link", NULL, 201);
	assert_non_null(strstr(str(j, "link"), "/reset-password?t="));
	assert_true(is_utc_time(str(j, "expires_at")));
	json_decref(j);
	expect_error(sam, "POST", "/api/v1/panels/1/members/2/sign-in-link", NULL, 403, "forbidden",
	             NULL);
	r = post_form(sam, "/panels/1/members/2/sign-in-link", "");
	assert_int_equal(r->status, 403);
	response_free(r);
	struct client *amira = client_new(&srv);
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	r = post_form(amira, "/panels/1/members/7/sign-in-link", "");
	assert_int_equal(r->status, 403);
	response_free(r);
	client_free(amira);
	client_free(sam);
}

/* Sets panel 1's time zone (zone URL-encoded), as sam. */
static void panel1_zone(struct client *sam, const char *zone)
{
	struct response *r = get(sam, "/panels/1/edit");
	long version = number_after(r, "name=\"version\" value=\"");
	response_free(r);
	char form[600];
	snprintf(form, sizeof form, "version=%ld&name=Just+Voices+ZQZ&description=&time_zone=%s"
	         "&language=en&organisation=&hosting=user_led&response_days=28&agenda_days=7",
	         version, zone);
	r = post_form(sam, "/panels/1/edit", form);
	assert_int_equal(r->status, 303);
	response_free(r);
}

/* A notice's time is shown in its panel's zone (times are stored in UTC):
 * a panel in Karachi (UTC+5, no summer time) shows a meeting's notice five
 * hours on from the API's UTC instant. */
static void notices_show_their_panel_s_time(void **state)
{
	(void)state;
	struct client *sam = client_new(&srv), *amira = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	panel1_zone(sam, "Asia%2FKarachi");
	json_decref(call_json(sam, "POST", "/api/v1/panels/1/meetings",
	                      "{\"title\":\"Zone ZQZ\",\"starts_at\":\"2031-03-10T09:00:00Z\","
	                      "\"ends_at\":\"2031-03-10T10:00:00Z\",\"place\":\"Hall\"}", 201));
	json_t *j = call_json(amira, "GET", "/api/v1/me/notices", NULL, 200);
	json_t *first = json_array_get(json_object_get(j, "notices"), 0);
	assert_non_null(strstr(str(first, "body"), "Zone ZQZ"));
	int hour = 0, minute = 0;
	assert_int_equal(sscanf(str(first, "created_at") + 11, "%d:%d", &hour, &minute), 2);
	json_decref(j);
	char want[32];
	snprintf(want, sizeof want, ", %02d:%02d</span>", (hour + 5) % 24, minute);
	struct response *r = get(amira, "/notices");
	const char *line = strstr(r->body, "Zone ZQZ");
	assert_non_null(line);
	if (!strstr(line, want)) fail_msg("not at Karachi's time (%s):\n%.300s", want, line);
	response_free(r);
	panel1_zone(sam, "Europe%2FLondon");
	client_free(sam);
	client_free(amira);
}

static void concurrent_edits_are_detected(void **state)
{
	struct client *a = client_new(&srv), *b = client_new(&srv);
	/* The same steward in two browsers is the simplest way to race. */
	assert_true(client_sign_in(a, "sam@demo.emptychair.org", NULL));
	assert_true(client_sign_in(b, "sam@demo.emptychair.org", NULL));
	struct response *ra = get(a, "/panels/1/edit"), *rb = get(b, "/panels/1/edit");
	long version = number_after(ra, "name=\"version\" value=\"");
	assert_true(version >= 0);
	response_free(ra);
	response_free(rb);
	char fields[512];
	snprintf(fields, sizeof fields, "version=%ld&name=Just+Voices+A&description=&hosting=user_led"
	         "&organisation=&time_zone=Europe%%2FLondon&language=en", version);
	struct response *r = post_form(a, "/panels/1/edit", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	snprintf(fields, sizeof fields, "version=%ld&name=Just+Voices+B&description=Typed+by+B&hosting=user_led"
	         "&organisation=&time_zone=Europe%%2FLondon&language=en", version);
	r = post_form(b, "/panels/1/edit", fields);
	assert_int_equal(r->status, 409);
	assert_true(contains(r, "changed this panel while you were editing"));
	assert_true(contains(r, "Just Voices B"));
	assert_true(contains(r, "Typed by B"));
	response_free(r);
	client_free(a);
	client_free(b);
}

static void export_and_delete_account(void **state)
{
	struct client *c = client_new(&srv);
	assert_true(client_sign_in(c, "member5@demo.emptychair.org", NULL));
	struct response *r = get(c, "/my-data/download");
	assert_int_equal(r->status, 200);
	char *cd = header_value(r, "Content-Disposition");
	assert_non_null(strstr(cd, "attachment"));
	free(cd);
	assert_true(contains(r, "\"email\": \"member5@demo.emptychair.org\""));
	assert_true(contains(r, "\"memberships\""));
	assert_true(contains(r, "\"profile\""));
	response_free(r);
	response_free(get(c, "/my-data/delete"));
	r = post_form(c, "/my-data/delete", "password=kettle+river+orange+lamp");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "has been deleted"));
	response_free(r);
	/* Signed out, and the account cannot sign in again. */
	r = get(c, "/panels");
	assert_int_equal(r->status, 303);
	response_free(r);
	response_free(get(c, "/sign-in"));
	r = post_form(c, "/sign-in", "email=member5%40demo.emptychair.org&password=kettle+river+orange+lamp");
	assert_int_equal(r->status, 400);
	response_free(r);
	/* Other members no longer see them. */
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	r = get(sam, "/panels/1/members/11");
	assert_int_equal(r->status, 404);
	response_free(r);
	client_free(sam);
	client_free(c);
}

static void password_checks_after_sign_in_are_limited_too(void **state)
{
	struct client *c = client_new(&srv);
	assert_true(client_sign_in(c, "member13@demo.emptychair.org", NULL));
	response_free(get(c, "/my-data/delete"));
	for (int i = 0; i < 5; i++) {
		struct response *r = post_form(c, "/my-data/delete", "password=a-wrong-guess");
		assert_int_equal(r->status, 400);
		assert_true(contains(r, "Your password is not right"));
		response_free(r);
	}
	struct response *r = post_form(c, "/my-data/delete", "password=kettle+river+orange+lamp");
	assert_int_equal(r->status, 429);
	response_free(r);
	r = post_form(c, "/account/password", "current_password=kettle+river+orange+lamp&password=x");
	assert_int_equal(r->status, 429);
	response_free(r);
	/* And the account still exists. */
	r = get(c, "/api/v1/me");
	assert_int_equal(r->status, 200);
	response_free(r);
	client_free(c);
}

static void the_only_steward_hands_over_before_leaving(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	response_free(get(sam, "/panels/new"));
	struct response *r = post_form(sam, "/panels/new", "name=Sam%27s+own+panel&description=&hosting=organisation"
	                               "&organisation=Org&time_zone=Europe%2FLondon&language=en");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(sam, "/my-data/delete");
	assert_true(contains(r, "You are the only steward of <strong><bdi>Sam&#39;s own panel</bdi></strong>"));
	response_free(r);
	r = post_form(sam, "/my-data/delete", "password=kettle+river+orange+lamp");
	assert_int_equal(r->status, 409);
	assert_true(contains(r, "only steward of Sam&#39;s own panel"));
	response_free(r);
	/* Nothing was erased. */
	r = get(sam, "/api/v1/me");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "sam@demo.emptychair.org"));
	response_free(r);
	client_free(sam);
}

static void removal_is_confirmed_first(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	/* member9 is user 15, a co-creator of panel 1. */
	struct response *r = post_form(sam, "/panels/1/members/15", "action=remove");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Yes, remove them"));
	response_free(r);
	r = get(sam, "/panels/1/members/15");
	assert_int_equal(r->status, 200); /* still there */
	response_free(r);
	r = post_form(sam, "/panels/1/members/15", "action=remove&confirm=yes");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(sam, "/panels/1/members/15");
	assert_int_equal(r->status, 404);
	response_free(r);
	client_free(sam);
}

static void a_new_password_signs_out_other_sessions(void **state)
{
	struct client *phone = client_new(&srv), *laptop = client_new(&srv);
	assert_true(client_sign_in(phone, "member11@demo.emptychair.org", NULL));
	assert_true(client_sign_in(laptop, "member11@demo.emptychair.org", NULL));
	struct response *r = post_form(laptop, "/account/password",
	                               "current_password=kettle+river+orange+lamp&password=saffron+bridge+lantern");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(laptop, "/account?password_changed=1");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "signed out everywhere else"));
	response_free(r);
	r = get(phone, "/panels");
	assert_int_equal(r->status, 303);
	response_free(r);
	client_free(phone);
	client_free(laptop);
}

static void sign_out_ends_the_session(void **state)
{
	struct client *c = client_new(&srv);
	assert_true(client_sign_in(c, "mark.davies@demo.emptychair.org", NULL));
	struct response *r = post_form(c, "/sign-out", "");
	assert_int_equal(r->status, 200);
	response_free(r);
	r = get(c, "/panels");
	assert_int_equal(r->status, 303);
	char *loc = header_value(r, "Location");
	assert_string_equal(loc, "/sign-in?next=%2Fpanels");
	free(loc);
	response_free(r);
	client_free(c);
}

/* Issue 17, point 9: a name with a direction override or hidden
 * characters ("Kwame \u202eSiwel" reads as another member's name, and
 * reached the finance CSV) is refused, keeping what was typed. */
static void names_with_hidden_characters_are_refused(void **state)
{
	(void)state;
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	char *link = invite(sam, 1, "hidden.name@example.org", "co_creator");
	struct client *c = client_new(&srv);
	response_free(get(c, link));
	static const char *const names[] = { "Kwame+%E2%80%AESiwel", "Amira%E2%80%8BHaddad",
	                                     "%E3%85%A4" };
	char fields[512];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(fields, sizeof fields, "t=%s&display_name=%s&password=lantern+pebble+harbour",
		         strchr(link, '=') + 1, names[i]);
		struct response *r = post_form(c, "/accept-invitation", fields);
		assert_int_equal(r->status, 400);
		assert_true(contains(r, "turn the text around"));
		response_free(r);
	}
	snprintf(fields, sizeof fields, "t=%s&display_name=Kwame+Siwel&password=lantern+pebble+harbour",
	         strchr(link, '=') + 1);
	struct response *r = post_form(c, "/accept-invitation", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	/* Changing it later is held to the same rule. */
	snprintf(c->email, sizeof c->email, "hidden.name@example.org");
	client_refresh_csrf(c);
	r = get(c, "/profile");
	long version = number_after(r, "name=\"version\" value=\"");
	response_free(r);
	snprintf(fields, sizeof fields, "display_name=Kwame+%%E2%%80%%AESiwel&version=%ld", version);
	r = post_form(c, "/profile", fields);
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "turn the text around"));
	response_free(r);
	free(link);
	client_free(c);
	client_free(sam);
}

/* Issue 17, point 7: a link sent before a steward removed or paused
 * someone does not bring them back, and in a user-led panel a co-creator
 * cannot invite back someone a steward removed; a steward can. */
static void removed_people_come_back_only_by_a_steward(void **state)
{
	(void)state;
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	struct client *amira = client_new(&srv);
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	/* Two invitations to one new address: the second replaces the first
	 * (one live link an address), and is accepted. */
	char *first = invite(sam, 1, "comes.back@example.org", "co_creator");
	char *second = invite(sam, 1, "comes.back@example.org", "co_creator");
	struct client *person = client_new(&srv);
	struct response *r = get(person, first);
	assert_int_equal(r->status, 404);
	response_free(r);
	response_free(get(person, second)); /* the form, and its CSRF token */
	char fields[512];
	snprintf(fields, sizeof fields, "t=%s&display_name=Cal+Back&password=lantern+pebble+harbour",
	         strchr(second, '=') + 1);
	r = post_form(person, "/accept-invitation", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	snprintf(person->email, sizeof person->email, "comes.back@example.org"); /* signed in */
	r = get(sam, "/api/v1/panels/1/members?limit=500");
	const char *at = strstr(r->body, "comes.back@example.org");
	assert_non_null(at);
	/* the member's id: the last "user_id" before their address */
	long id = 0;
	for (const char *p = r->body; (p = strstr(p, "\"user_id\":")) && p < at; p++)
		id = strtol(p + 10, NULL, 10);
	response_free(r);
	assert_true(id > 0);

	/* A steward removes them: no link from before brings them back. */
	char path[64];
	snprintf(path, sizeof path, "/panels/1/members/%ld", id);
	r = post_form(sam, path, "action=remove&confirm=yes");
	assert_int_equal(r->status, 303);
	response_free(r);
	client_refresh_csrf(person);
	snprintf(fields, sizeof fields, "t=%s", strchr(first, '=') + 1);
	r = post_form(person, "/accept-invitation", fields);
	assert_int_equal(r->status, 404);
	response_free(r);
	r = get(person, "/panels/1");
	assert_int_equal(r->status, 404);
	response_free(r);

	/* Amira, a co-creator of this user-led panel, may invite guests, but
	 * not back someone a steward removed. */
	client_refresh_csrf(amira);
	r = post_form(amira, "/panels/1/invitations", "email=comes.back%40example.org&role=guest");
	assert_int_equal(r->status, 403);
	response_free(r);
	/* Nor by one given by hand, which names nobody: asked when it is used. */
	char *by_hand = invite(amira, 1, NULL, "guest");
	client_refresh_csrf(person);
	snprintf(fields, sizeof fields, "t=%s", strchr(by_hand, '=') + 1);
	r = post_form(person, "/accept-invitation", fields);
	assert_int_equal(r->status, 403);
	assert_true(contains(r, "no longer works"));
	response_free(r);
	r = get(person, "/panels/1");
	assert_int_equal(r->status, 404);
	response_free(r);
	free(by_hand);
	/* A steward may. */
	char *third = invite(sam, 1, "comes.back@example.org", "co_creator");
	snprintf(fields, sizeof fields, "t=%s", strchr(third, '=') + 1);
	r = post_form(person, "/accept-invitation", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(person, "/panels/1");
	assert_int_equal(r->status, 200);
	response_free(r);

	/* Paused: a link from before the pause does not resume them either. */
	char *again = invite(sam, 2, "comes.back@example.org", "co_creator");
	char *spare = invite(sam, 2, "comes.back@example.org", "co_creator");
	snprintf(fields, sizeof fields, "t=%s", strchr(spare, '=') + 1);
	r = post_form(person, "/accept-invitation", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(sam, "/api/v1/panels/2/members?limit=500");
	assert_true(contains(r, "comes.back@example.org"));
	response_free(r);
	snprintf(path, sizeof path, "/panels/2/members/%ld", id);
	r = post_form(sam, path, "action=pause");
	assert_int_equal(r->status, 303);
	response_free(r);
	snprintf(fields, sizeof fields, "t=%s", strchr(again, '=') + 1);
	r = post_form(person, "/accept-invitation", fields);
	assert_int_equal(r->status, 404);
	response_free(r);
	r = get(sam, "/api/v1/panels/2/members?limit=500");
	assert_true(contains(r, "\"status\":\"paused\"") || contains(r, "\"status\": \"paused\""));
	response_free(r);
	/* Who is paused is for stewards (and the person): amira, a co-creator
	 * of panel 2, sees their page without it (issue 17, point 10). */
	r = get(sam, path);
	assert_true(contains(r, "Paused"));
	response_free(r);
	client_refresh_csrf(amira);
	r = get(amira, path);
	assert_int_equal(r->status, 200);
	assert_false(contains(r, "Paused"));
	response_free(r);
	char api_path[64];
	snprintf(api_path, sizeof api_path, "/api/v1/panels/2/members/%ld", id);
	r = get(amira, api_path);
	assert_int_equal(r->status, 200);
	assert_false(contains(r, "\"status\""));
	response_free(r);
	r = get(person, api_path);
	assert_true(contains(r, "paused")); /* their own */
	response_free(r);
	free(again);
	free(spare);
	free(first);
	free(second);
	free(third);
	client_free(person);
	client_free(amira);
	client_free(sam);
}

/* Someone with no e-mail address: the steward gives the link by hand (no
 * message is written), and they choose a username to sign in with; no
 * mail is ever written to it. */
static void an_invitation_given_by_hand_makes_a_username(void **state)
{
	(void)state;
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	const char *args[] = { "outbox", "--limit", "1", NULL };
	char *before = server_cli(&srv, args);
	/* An address and "by hand" at once: which is meant is asked. */
	struct response *r = post_form(sam, "/panels/2/invitations",
	                               "email=a%40example.org&by_hand=1&role=co_creator");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "href=\"#email\""));
	response_free(r);
	char *link = invite(sam, 2, NULL, "co_creator");
	char *after = server_cli(&srv, args);
	assert_string_equal(before, after); /* no message */
	free(before);
	free(after);
	r = get(sam, "/panels/2/members");
	assert_true(contains(r, "Someone you give the link to by hand as"));
	response_free(r);

	struct client *c = client_new(&srv);
	r = get(c, link);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Choose a username"));
	assert_false(contains(r, "Your account will use the address"));
	response_free(r);
	char *t = strdup(strchr(link, '=') + 1);
	char fields[512];
	static const struct { const char *username; long status; const char *says; } wrong[] = {
		{ "", 400, "Choose a username to sign in with." },
		{ "am", 400, "A username is 3 to 40 characters long." },
		{ "amira%40home", 400, "Use only the letters a to z" },
		{ "sam%40demo.emptychair.org", 400, "Use only the letters a to z" },
	};
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		snprintf(fields, sizeof fields, "t=%s&username=%s&display_name=Hana&password="
		         "lantern+pebble+harbour", t, wrong[i].username);
		r = post_form(c, "/accept-invitation", fields);
		assert_int_equal(r->status, wrong[i].status);
		assert_true(contains(r, "href=\"#username\""));
		if (!contains(r, wrong[i].says)) fail_msg("%s: not \"%s\"", wrong[i].username, wrong[i].says);
		assert_true(contains(r, "value=\"Hana\"")); /* what was typed is kept */
		response_free(r);
	}
	snprintf(fields, sizeof fields, "t=%s&username=+Hana.K+&display_name=Hana&password="
	         "lantern+pebble+harbour", t);
	r = post_form(c, "/accept-invitation", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	json_t *me = call_json(c, "GET", "/api/v1/me", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(me, "email")), "hana.k");
	long id = (long)json_integer_value(json_object_get(me, "id"));
	json_decref(me);
	client_free(c);

	/* She signs in with it, on another device. */
	struct client *d = client_new(&srv);
	r = get(d, "/sign-in");
	response_free(r);
	r = post_form(d, "/sign-in", "email=Hana.K&password=lantern+pebble+harbour&next=%2Fpanels");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(d, "/panels");
	assert_true(contains(r, "Mind the Gap"));
	response_free(r);
	client_free(d);

	/* Taken: a second one given by hand cannot have it. */
	char *link2 = invite(sam, 2, NULL, "guest");
	struct client *e2 = client_new(&srv);
	r = get(e2, link2);
	response_free(r);
	snprintf(fields, sizeof fields, "t=%s&username=hana.k&display_name=Other&password="
	         "lantern+pebble+harbour", strchr(link2, '=') + 1);
	r = post_form(e2, "/accept-invitation", fields);
	assert_int_equal(r->status, 409);
	assert_true(contains(r, "That username is taken"));
	response_free(r);
	client_free(e2);

	/* A steward's one-time link for her: said on the site, never mailed. */
	char path[96];
	snprintf(path, sizeof path, "/api/v1/panels/2/members/%ld/sign-in-link", id);
	json_decref(call_json(sam, "POST", path, NULL, 201));
	after = server_cli(&srv, args);
	assert_null(strstr(after, "hana.k"));
	free(after);
	free(t);
	free(link);
	free(link2);
	client_free(sam);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(invitation_makes_an_account_and_membership),
		cmocka_unit_test(an_invitation_given_by_hand_makes_a_username),
		cmocka_unit_test(removed_people_come_back_only_by_a_steward),
		cmocka_unit_test(names_with_hidden_characters_are_refused),
		cmocka_unit_test(invitations_to_existing_accounts_need_their_owner),
		cmocka_unit_test(sign_in_never_redirects_off_site),
		cmocka_unit_test(form_errors_keep_what_was_typed),
		cmocka_unit_test(injection_strings_are_stored_and_shown_literally),
		cmocka_unit_test(consent_can_always_be_withdrawn),
		cmocka_unit_test(sign_in_is_rate_limited),
		cmocka_unit_test(password_reset_by_one_time_link),
		cmocka_unit_test(api_tokens_work_without_cookies_or_csrf),
		cmocka_unit_test(a_panel_keeps_a_steward),
		cmocka_unit_test(member_lists_are_paged),
		cmocka_unit_test(a_steward_makes_a_one_time_link),
		cmocka_unit_test(notices_show_their_panel_s_time),
		cmocka_unit_test(concurrent_edits_are_detected),
		cmocka_unit_test(export_and_delete_account),
		cmocka_unit_test(password_checks_after_sign_in_are_limited_too),
		cmocka_unit_test(the_only_steward_hands_over_before_leaving),
		cmocka_unit_test(removal_is_confirmed_first),
		cmocka_unit_test(a_new_password_signs_out_other_sessions),
		cmocka_unit_test(sign_out_ends_the_session),
	};
	return cmocka_run_group_tests_name("http flows", tests, setup, teardown);
}
