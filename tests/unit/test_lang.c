/* Unit tests for src/core/lang.c: which of our languages a code names, what
 * a browser's Accept-Language prefers, and the order a request's language
 * is chosen in (the person's, the panel's, the browser's, English). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/lang.h"
#include "core/mem.h"

static const char *code(const struct language *l)
{
	return l ? l->code : "(none)";
}

static void codes_name_languages(void **state)
{
	(void)state;
	assert_string_equal(code(language_find("pl")), "pl");
	assert_string_equal(code(language_find("pl-PL")), "pl");
	assert_string_equal(code(language_find("PL_pl")), "pl");
	assert_string_equal(code(language_find("ar-EG")), "ar");
	assert_string_equal(code(language_find("cy")), "cy");
	assert_null(language_find("plx"));
	assert_null(language_find("de"));
	assert_null(language_find(""));
	assert_null(language_find(NULL));
	assert_true(language_find("ur")->rtl);
	assert_true(language_find("ar")->rtl);
	assert_false(language_find("ro")->rtl);
}

static void the_browser_s_preference_is_read(void **state)
{
	(void)state;
	static const struct { const char *accept, *want; } cases[] = {
		{ "pl-PL,pl;q=0.9,en;q=0.5", "pl" },
		{ "de-DE, ro;q=0.8, en;q=0.7", "ro" },
		{ "en;q=0.5, ar;q=0.9", "ar" },
		{ "ur", "ur" },
		{ "cy;q=0, en;q=0.1", "en" },      /* q=0: not wanted */
		{ "de, fr", "(none)" },
		{ "", "(none)" },
		{ "pl;q=0.8, cy;q=0.8", "pl" },     /* equals: the first */
		{ "  cy ;q=1.0", "cy" },
		{ "*", "(none)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = code(language_from_accept(cases[i].accept));
		if (strcmp(got, cases[i].want))
			fail_msg("%s: got %s, want %s", cases[i].accept, got, cases[i].want);
	}
}

static void the_person_then_the_panel_then_the_browser(void **state)
{
	(void)state;
	assert_string_equal(language_choose("cy", "pl", "ar")->code, "cy");
	assert_string_equal(language_choose(NULL, "pl", "ar")->code, "pl");
	assert_string_equal(language_choose("xx", "en", "ar")->code, "en");
	assert_string_equal(language_choose(NULL, NULL, "ar")->code, "ar");
	assert_string_equal(language_choose(NULL, "Klingon", "de")->code, "en");
	assert_ptr_equal(language_choose(NULL, NULL, NULL), language_default);
}

/* A stored message's values put into its (translated) format: in order,
 * by position, and never more than was given. */
static void a_message_is_written_with_its_values(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *two[] = { "Asha", "the budget" };
	assert_string_equal(lang_format(&a, "%s said %s.", two, 2), "Asha said the budget.");
	assert_string_equal(lang_format(&a, "%2$s: %1$s", two, 2), "the budget: Asha");
	assert_string_equal(lang_format(&a, "100%% of %s", two, 1), "100% of Asha");
	/* Past the values given, or a conversion it does not take: nothing
	 * read beyond args, the rest written as it is. */
	assert_string_equal(lang_format(&a, "%s and %s and %3$s", two, 1), "Asha and  and ");
	assert_string_equal(lang_format(&a, "%d %x %", two, 2), "%d %x %");
	assert_string_equal(lang_format(&a, "", two, 2), "");
	arena_free(&a);
}

/* A message kept to be read later is written out in the reader's
 * language (here English, the source's) with its values; plain text
 * stored before comes back as it is; values cannot break the framing. */
static void a_stored_message_is_read_back(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *m = lang_message(&a, "%s responded to something you said: %s.", 2,
	                             "Health panel", "Adopted");
	assert_int_equal(m[0], 0x1e);
	assert_string_equal(lang_message_text(&a, m),
	                    "Health panel responded to something you said: Adopted.");
	assert_string_equal(lang_message_text(&a, "Written before messages were kept."),
	                    "Written before messages were kept.");
	m = lang_message(&a, "%2$s, then %1$s", 2, "a\x1f\x1e" "b", "c\nd");
	assert_string_equal(lang_message_text(&a, m), "c\nd, then a  b");
	assert_string_equal(lang_message_text(&a, lang_message(&a, "No values", 0)), "No values");
	assert_null(lang_message_text(&a, NULL));
	/* Our words as a value are looked up too (here, in English, they are
	 * as they are); a control character inside a value is a space. */
	m = lang_message(&a, "%s: %s", 2, lang_words(&a, "Adopted"), "in\x1dpart");
	assert_string_equal(lang_message_text(&a, m), "Adopted: in part");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_name_languages),
		cmocka_unit_test(the_browser_s_preference_is_read),
		cmocka_unit_test(the_person_then_the_panel_then_the_browser),
		cmocka_unit_test(a_message_is_written_with_its_values),
		cmocka_unit_test(a_stored_message_is_read_back),
	};
	return cmocka_run_group_tests_name("lang", tests, NULL, NULL);
}
