/* The interface in six languages, on each backend: a page speaks the
 * person's choice (the switcher's cookie), else its panel's language, else
 * the browser's; says its language and direction (lang, dir: Arabic and
 * Urdu right to left); names each language in itself; and a language
 * whose catalogue exists is really used (a string of the chrome
 * translated). A person's choice is kept on their account (a new one
 * takes the language its invitation was read in), and mail is written in
 * its reader's language when it is sent: the person's, else the panel's.
 *
 * People (harness.h): sam steward of panels 1 and 2. */
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

static struct response *get_in(struct client *c, const char *path, const char *accept)
{
	char header[128];
	snprintf(header, sizeof header, "Accept-Language: %s", accept);
	const char *const headers[] = { header, NULL };
	return http(c, "GET", path, NULL, NULL, headers);
}

static int setup(void **state)
{
	return server_start(&srv) ? 0 : -1;
}

static int teardown(void **state)
{
	return server_stop(&srv) == 0 ? 0 : -1;
}

static void the_browser_s_language_is_spoken(void **state)
{
	(void)state;
	static const struct { const char *accept, *html, *skip; } cases[] = {
		{ "pl-PL,pl;q=0.9,en;q=0.5", "<html lang=\"pl\" dir=\"ltr\">",
		  "Przejdź do głównej treści" },
		{ "cy", "<html lang=\"cy\" dir=\"ltr\">", "Neidio i&#39;r prif gynnwys" },
		{ "ro-RO", "<html lang=\"ro\" dir=\"ltr\">", "Salt la conținutul principal" },
		{ "ar-EG,ar;q=0.9", "<html lang=\"ar\" dir=\"rtl\">", "انتقل إلى المحتوى الرئيسي" },
		{ "ur-PK", "<html lang=\"ur\" dir=\"rtl\">", "مرکزی مواد پر جائیں" },
		{ "de-DE,fr;q=0.8", "<html lang=\"en\" dir=\"ltr\">", "Skip to main content" },
	};
	struct client *c = client_new(&srv);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct response *r = get_in(c, "/sign-in", cases[i].accept);
		assert_int_equal(r->status, 200);
		if (!contains(r, cases[i].html) || !contains(r, cases[i].skip))
			fail_msg("%s: not %s with %s", cases[i].accept, cases[i].html, cases[i].skip);
		/* Every language named in itself, marked as such, on every page. */
		assert_true(contains(r, "lang=\"pl\" dir=\"ltr\" hreflang=\"pl\">Polski</a>") ||
		            contains(r, "<span lang=\"pl\" dir=\"ltr\" aria-current=\"true\">Polski"));
		assert_true(contains(r, "العربية"));
		response_free(r);
	}
	client_free(c);
}

static void the_person_s_choice_wins(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	struct response *r = get(c, "/language?to=cy&next=%2Fsign-in");
	assert_int_equal(r->status, 303);
	assert_non_null(strstr(r->headers, "ec_lang=cy"));
	response_free(r);
	r = get_in(c, "/sign-in", "ar");
	assert_true(contains(r, "<html lang=\"cy\" dir=\"ltr\">"));
	assert_true(contains(r, "<span lang=\"cy\" dir=\"ltr\" aria-current=\"true\">Cymraeg"));
	response_free(r);
	/* Only a path of this site to go back to; a language we have. */
	r = get(c, "/language?to=pl&next=https%3A%2F%2Fexample.org%2F");
	assert_int_equal(r->status, 303);
	assert_non_null(strstr(r->headers, "Location: /\r\n"));
	response_free(r);
	r = get(c, "/language?to=de");
	assert_int_equal(r->status, 400);
	response_free(r);
	client_free(c);
}

/* A panel's language counts for its pages when the person chose none. */
static void the_panel_s_language_is_next(void **state)
{
	(void)state;
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	/* The edit form as it stands (its version), with the language changed. */
	struct response *r = get(sam, "/panels/2/edit");
	const char *v = strstr(r->body, "name=\"version\" value=\"");
	assert_non_null(v);
	long version = strtol(v + strlen("name=\"version\" value=\""), NULL, 10);
	response_free(r);
	char form[600];
	snprintf(form, sizeof form, "version=%ld&name=Mind+the+Gap&description=&time_zone="
	         "Europe%%2FLondon&language=pl&organisation=Northfield+Trust&hosting=organisation"
	         "&response_days=28&agenda_days=7", version);
	r = post_form(sam, "/panels/2/edit", form);
	if (r->status != 303) {
		const char *summary = strstr(r->body, "error-summary");
		fail_msg("the panel was not saved: %ld\n%.600s", r->status, summary ? summary : r->body);
	}
	response_free(r);
	r = get_in(sam, "/panels/2", "en-GB");
	assert_true(contains(r, "<html lang=\"pl\" dir=\"ltr\">"));
	assert_true(contains(r, ">Moje panele</a>"));
	response_free(r);
	/* Outside the panel, the browser's: in Polish, a role and a count. */
	r = get_in(sam, "/panels", "pl");
	assert_true(contains(r, "Twoja rola: Opiekun."));
	assert_true(contains(r, "aktywnych członków."));
	response_free(r);
	r = get_in(sam, "/panels", "en-GB");
	assert_true(contains(r, "<html lang=\"en\" dir=\"ltr\">"));
	assert_true(contains(r, ">My panels</a>"));
	response_free(r);
	client_free(sam);
}

/* s as a page writes it (& < > " ' escaped); malloc'd. */
static char *html_escaped(const char *s)
{
	char *out = malloc(strlen(s) * 6 + 1), *o = out;
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
		                : *s == '"' ? "&quot;" : *s == '\'' ? "&#39;" : NULL;
		if (e) o = stpcpy(o, e);
		else *o++ = *s;
	}
	*o = 0;
	return out;
}

/* The outbox's newest message to address, as the CLI shows it (in its
 * reader's language); malloc'd. */
static char *newest_to(const char *address)
{
	const char *args[] = { "outbox", "--limit", "5", NULL };
	char *out = server_cli(&srv, args);
	assert_non_null(out);
	char *at = strstr(out, address);
	assert_non_null(at);
	char *end = strstr(at, "\n--- #");
	if (end) *end = 0;
	char *msg = strdup(at);
	free(out);
	return msg;
}

/* A person's own choice, kept on their account: their pages in it on any
 * browser (this browser's switcher still wins), and their mail. */
static void a_person_s_language_is_kept_and_mailed_in(void **state)
{
	(void)state;
	struct client *amira = client_new(&srv);
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	json_t *me = call_json(amira, "PUT", "/api/v1/me/language", "{\"language\":\"ar\"}", 200);
	assert_string_equal(json_string_value(json_object_get(me, "language")), "ar");
	json_decref(me);
	/* Another browser, in English. */
	struct client *other = client_new(&srv);
	assert_true(client_sign_in(other, "amira@demo.emptychair.org", NULL));
	struct response *r = get_in(other, "/panels", "en-GB");
	assert_true(contains(r, "<html lang=\"ar\" dir=\"rtl\">"));
	response_free(r);
	r = get(other, "/language?to=cy&next=%2Fpanels");
	response_free(r);
	r = get_in(other, "/panels", "en-GB");
	assert_true(contains(r, "<html lang=\"cy\" dir=\"ltr\">"));
	response_free(r);

	/* A response to what she said: its e-mail in Arabic, written when sent
	 * (the steward's page is in English). */
	json_t *j = call_json(amira, "POST", "/api/v1/panels/1/contributions",
	                      "{\"kind\":\"idea\",\"body\":\"Ramps at the library\","
	                      "\"attribution\":\"named\"}", 201);
	long id = get_id(j);
	json_decref(j);
	assert_true(id > 0);
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	char body[300];
	snprintf(body, sizeof body, "{\"status\":\"adopted\",\"contributions\":[%ld],"
	         "\"what_done\":\"Ramps are coming\",\"decided_by\":\"The board\"}", id);
	json_decref(call_json(sam, "POST", "/api/v1/panels/1/responses", body, 201));
	char *mail = newest_to("amira@demo.emptychair.org");
	char *subject = translated("ar", "News about what you said to %s");
	char want[600];
	snprintf(want, sizeof want, subject, "Just Voices migrants' panel");
	if (!strstr(mail, want)) fail_msg("not in Arabic: want \"%s\" in\n%s", want, mail);
	free(subject);
	free(mail);
	/* Her notice, on her pages, in the language she reads them in. */
	r = get(other, "/notices");
	char *notice = translated("cy", "%s responded to something you said: %s.");
	char *status = translated("cy", "Adopted");
	/* The panel's name is people's words, in its own direction (bdi). */
	snprintf(want, sizeof want, notice, "\x01", status);
	char *escaped = html_escaped(want), *name = strchr(escaped, '\x01');
	assert_non_null(name);
	*name = 0;
	char page_says[800];
	snprintf(page_says, sizeof page_says, "%s<bdi>Just Voices migrants&#39; panel</bdi>%s",
	         escaped, name + 1);
	if (!contains(r, page_says)) fail_msg("the notice is not in Welsh: want \"%s\"", page_says);
	free(escaped);
	free(notice);
	free(status);
	response_free(r);

	me = call_json(amira, "PUT", "/api/v1/me/language", "{\"language\":\"\"}", 200);
	assert_true(json_is_null(json_object_get(me, "language")));
	json_decref(me);
	client_free(sam);
	client_free(other);
	client_free(amira);
}

/* An invitation is written in its panel's language (panel 2 speaks Polish
 * since the_panel_s_language_is_next), and the new account keeps the
 * language it was read in. */
static void an_invitation_speaks_its_panel_s_language(void **state)
{
	(void)state;
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	json_t *j = call_json(sam, "POST", "/api/v1/panels/2/invitations",
	                      "{\"email\":\"nowa.osoba@example.org\",\"role\":\"co_creator\"}", 201);
	const char *link = json_string_value(json_object_get(j, "invitation_link"));
	assert_non_null(link);
	char *path = strdup(strstr(link, "/accept-invitation"));
	json_decref(j);
	char *mail = newest_to("nowa.osoba@example.org");
	char *subject = translated("pl", "You are invited to join %s");
	char want[600];
	snprintf(want, sizeof want, subject, "Mind the Gap");
	if (!strstr(mail, want)) fail_msg("not in Polish: want \"%s\" in\n%s", want, mail);
	free(subject);
	free(mail);

	struct client *c = client_new(&srv);
	struct response *r = get_in(c, path, "en-GB");
	assert_true(contains(r, "<html lang=\"pl\" dir=\"ltr\">"));
	response_free(r);
	char form[400];
	snprintf(form, sizeof form, "t=%s&display_name=Nowa+Osoba&password=%s",
	         strstr(path, "t=") + 2, "violet%20harbour%20quietly%20sings");
	r = post_form(c, "/accept-invitation", form);
	assert_int_equal(r->status, 303);
	response_free(r);
	j = call_json(c, "GET", "/api/v1/me", NULL, 200);
	assert_string_equal(json_string_value(json_object_get(j, "language")), "pl");
	json_decref(j);
	free(path);
	client_free(c);
	client_free(sam);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_browser_s_language_is_spoken),
		cmocka_unit_test(the_person_s_choice_wins),
		cmocka_unit_test(the_panel_s_language_is_next),
		cmocka_unit_test(an_invitation_speaks_its_panel_s_language),
		cmocka_unit_test(a_person_s_language_is_kept_and_mailed_in),
	};
	return cmocka_run_group_tests_name("languages", tests, setup, teardown);
}
