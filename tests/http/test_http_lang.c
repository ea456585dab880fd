/* The interface in six languages, on each backend: a page speaks the
 * person's choice (the switcher's cookie), else its panel's language, else
 * the browser's; says its language and direction (lang, dir: Arabic and
 * Urdu right to left); names each language in itself; and a language
 * whose catalogue exists is really used (a string of the chrome
 * translated).
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_browser_s_language_is_spoken),
		cmocka_unit_test(the_person_s_choice_wins),
		cmocka_unit_test(the_panel_s_language_is_next),
	};
	return cmocka_run_group_tests_name("languages", tests, setup, teardown);
}
