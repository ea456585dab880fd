/* Unit tests for src/core/profile.c: the member profile catalogue and the
 * normalisation of what members type or choose (profile.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/profile.h"
#include "core/representation.h"

static int setup(void **state)
{
	struct arena *a = xcalloc(1, sizeof *a);
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	struct arena *a = *state;
	arena_free(a);
	free(a);
	return 0;
}

static const struct profile_field *field(const char *key)
{
	const struct profile_field *f = profile_field_find(key);
	if (!f) fail_msg("no profile field %s", key);
	return f;
}

/* The first catalogue field of kind k, so tests do not depend on which
 * keys the catalogue happens to use beyond the ones named in profile.h. */
static const struct profile_field *first_of_kind(enum field_kind k)
{
	for (size_t i = 0; i < profile_field_count; i++)
		if (profile_fields[i].kind == k) return &profile_fields[i];
	fail_msg("no field of kind %d", (int)k);
	return NULL;
}

static const char *norm_ok(struct arena *a, const struct profile_field *f, const char *raw)
{
	const char *out = NULL, *error = NULL;
	if (!profile_normalise(f, raw, a, &out, &error))
		fail_msg("%s: refused \"%s\": %s", f->key, raw ? raw : "(null)", error);
	assert_non_null(out);
	return out;
}

static void norm_refused(struct arena *a, const struct profile_field *f, const char *raw)
{
	const char *out = NULL, *error = NULL;
	if (profile_normalise(f, raw, a, &out, &error))
		fail_msg("%s: accepted \"%s\" as \"%s\"", f->key, raw, out);
	assert_non_null(error);
	assert_true(strlen(error) > 0);
}

/* A string of n copies of the UTF-8 sequence unit. */
static char *repeat(struct arena *a, const char *unit, size_t n)
{
	size_t len = strlen(unit);
	char *s = arena_alloc(a, len * n + 1);
	for (size_t i = 0; i < n; i++) memcpy(s + i * len, unit, len);
	return s;
}

/* ---- catalogue ---- */

static void catalogue_is_complete(void **state)
{
	(void)state;
	assert_true(profile_field_count > 0);
	assert_true(profile_section_count > 0);
	for (size_t i = 0; i < profile_section_count; i++) {
		assert_non_null(profile_sections[i].key);
		assert_non_null(profile_sections[i].title);
		assert_true(strlen(profile_sections[i].title) > 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(profile_sections[i].key, profile_sections[j].key);
	}
	for (size_t i = 0; i < profile_field_count; i++) {
		const struct profile_field *f = &profile_fields[i];
		assert_non_null(f->key);
		assert_non_null(f->label);
		assert_true(strlen(f->label) > 0);
		assert_true(f->section >= 0 && (size_t)f->section < profile_section_count);
		assert_ptr_equal(profile_field_find(f->key), f);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(f->key, profile_fields[j].key);
		if (f->kind == FK_CHOICE || f->kind == FK_MULTI) {
			assert_non_null(f->options);
			assert_non_null(f->options[0].key);
			for (const struct field_option *o = f->options; o->key; o++) {
				assert_non_null(o->label);
				assert_true(strlen(o->key) > 0 && strlen(o->label) > 0);
				/* stored multi values are comma-separated keys */
				assert_null(strchr(o->key, ','));
				assert_null(strchr(o->key, ' '));
				assert_string_equal(profile_option_label(f, o->key), o->label);
				for (const struct field_option *p = f->options; p < o; p++)
					assert_string_not_equal(o->key, p->key);
			}
		} else {
			assert_true(f->max_chars > 0);
		}
	}
	assert_null(profile_field_find("no_such_field"));
	assert_null(profile_field_find(""));
	assert_null(profile_field_find(NULL));
}

static void consent_fields_default_to_self(void **state)
{
	(void)state;
	size_t with_consent = 0;
	for (size_t i = 0; i < profile_field_count; i++) {
		const struct profile_field *f = &profile_fields[i];
		if (!f->consent_purpose) continue;
		with_consent++;
		assert_true(strlen(f->consent_purpose) > 0);
		assert_int_equal(f->default_visibility, VIS_SELF);
		/* representation characteristics live in their own section */
		assert_string_equal(profile_sections[f->section].key, "representation");
		for (size_t j = 0; j < i; j++)
			if (profile_fields[j].consent_purpose)
				assert_string_not_equal(f->consent_purpose,
				                        profile_fields[j].consent_purpose);
	}
	assert_true(with_consent > 0);
	assert_true(strlen(profile_consent_text) > 0);
}

static void special_category_never_shared_with_the_whole_panel(void **state)
{
	(void)state;
	/* Health, ethnicity, disability: by default nobody beyond stewards. */
	for (size_t i = 0; i < profile_field_count; i++)
		if (profile_fields[i].special_category)
			assert_int_not_equal(profile_fields[i].default_visibility, VIS_PANEL);
}

/* ---- normalise ---- */

static void text_is_trimmed_and_limited(void **state)
{
	struct arena *a = *state;
	const struct profile_field *f = field("pronouns");
	assert_int_equal(f->kind, FK_TEXT);
	assert_string_equal(norm_ok(a, f, "  they/them \t"), "they/them");
	assert_string_equal(norm_ok(a, f, ""), "");
	assert_string_equal(norm_ok(a, f, "   "), "");
	assert_string_equal(norm_ok(a, f, NULL), "");
	/* the limit counts characters, not bytes */
	assert_string_equal(norm_ok(a, f, repeat(a, "x", f->max_chars)), repeat(a, "x", f->max_chars));
	norm_refused(a, f, repeat(a, "x", f->max_chars + 1));
	norm_ok(a, f, repeat(a, "\xc3\xa9", f->max_chars));
	norm_refused(a, f, repeat(a, "\xc3\xa9", f->max_chars + 1));
	/* space around the text does not count towards the limit */
	norm_ok(a, f, arena_printf(a, "  %s  ", repeat(a, "y", f->max_chars)));
}

static void one_line_text_refuses_line_breaks(void **state)
{
	struct arena *a = *state;
	const struct profile_field *f = field("pronouns");
	norm_refused(a, f, "she\nher");
	norm_refused(a, f, "she\rher");
	norm_refused(a, f, "she\r\nher");
	/* a trailing newline is only white space */
	assert_string_equal(norm_ok(a, f, "she/her\n"), "she/her");
}

static void long_text_keeps_lines(void **state)
{
	struct arena *a = *state;
	const struct profile_field *f = first_of_kind(FK_LONGTEXT);
	assert_string_equal(norm_ok(a, f, "first line\nsecond line\n"), "first line\nsecond line");
	norm_ok(a, f, repeat(a, "z", f->max_chars));
	norm_refused(a, f, repeat(a, "z", f->max_chars + 1));
}

static void text_must_be_valid_utf8(void **state)
{
	struct arena *a = *state;
	norm_refused(a, field("pronouns"), "bad \xff byte");
	norm_refused(a, first_of_kind(FK_LONGTEXT), "overlong \xc0\xaf");
	norm_refused(a, first_of_kind(FK_LONGTEXT), "escape \x1b[2J");
	norm_refused(a, first_of_kind(FK_SELF_DESCRIBED), "\xed\xa0\x80");
}

static void self_described_in_own_words(void **state)
{
	struct arena *a = *state;
	const struct profile_field *f = field("gender");
	assert_int_equal(f->kind, FK_SELF_DESCRIBED);
	assert_string_equal(norm_ok(a, f, "  non-binary "), "non-binary");
	assert_string_equal(norm_ok(a, f, PROFILE_PREFER_NOT), PROFILE_PREFER_NOT);
	assert_string_equal(norm_ok(a, f, ""), "");
	norm_refused(a, f, repeat(a, "g", f->max_chars + 1));
}

static void choice_takes_one_known_option(void **state)
{
	struct arena *a = *state;
	const struct profile_field *f = field("how_often");
	assert_int_equal(f->kind, FK_CHOICE);
	const char *k = f->options[0].key;
	assert_string_equal(norm_ok(a, f, k), k);
	assert_string_equal(norm_ok(a, f, arena_printf(a, " %s ", k)), k);
	assert_string_equal(norm_ok(a, f, ""), "");
	norm_refused(a, f, "daily");
	norm_refused(a, f, arena_printf(a, "%s,%s", k, f->options[1].key));
	norm_refused(a, f, PROFILE_PREFER_NOT); /* not an option of this field */
	/* option keys are exact */
	char *upper = arena_strdup(a, k);
	upper[0] = (char)(upper[0] - 'a' + 'A');
	norm_refused(a, f, upper);
}

static void choice_prefer_not_when_offered(void **state)
{
	struct arena *a = *state;
	const struct profile_field *f = field("age_band");
	assert_non_null(profile_option_label(f, PROFILE_PREFER_NOT));
	assert_string_equal(norm_ok(a, f, PROFILE_PREFER_NOT), PROFILE_PREFER_NOT);
}

static void multi_dedups_in_catalogue_order(void **state)
{
	struct arena *a = *state;
	const struct profile_field *f = field("channels");
	assert_int_equal(f->kind, FK_MULTI);
	/* three options, given out of order with repeats and spaces */
	const char *k0 = f->options[0].key, *k1 = f->options[1].key, *k2 = f->options[2].key;
	assert_non_null(k2);
	const char *in = arena_printf(a, " %s , %s,%s ,%s, %s", k2, k0, k2, k2, k0);
	assert_string_equal(norm_ok(a, f, in), arena_printf(a, "%s,%s", k0, k2));
	assert_string_equal(norm_ok(a, f, arena_printf(a, "%s,%s,%s", k2, k1, k0)),
	                    arena_printf(a, "%s,%s,%s", k0, k1, k2));
	/* empty items are ignored, and an empty answer is no answer */
	assert_string_equal(norm_ok(a, f, arena_printf(a, ",,%s,,", k1)), k1);
	assert_string_equal(norm_ok(a, f, ""), "");
	assert_string_equal(norm_ok(a, f, " , ,"), "");
	/* every option at once, given last to first */
	size_t n = 0;
	while (f->options[n].key) n++;
	struct buf all = {0}, want = {0};
	for (size_t i = n; i-- > 0;) {
		if (all.len) buf_putc(&all, ',');
		buf_puts(&all, f->options[i].key);
	}
	for (const struct field_option *o = f->options; o->key; o++) {
		if (want.len) buf_putc(&want, ',');
		buf_puts(&want, o->key);
	}
	assert_string_equal(norm_ok(a, f, all.data), want.data);
	buf_free(&all);
	buf_free(&want);
}

static void multi_refuses_unknown_options(void **state)
{
	struct arena *a = *state;
	const struct profile_field *f = field("channels");
	const char *k0 = f->options[0].key;
	norm_refused(a, f, "carrier_pigeon");
	norm_refused(a, f, arena_printf(a, "%s,carrier_pigeon", k0));
	norm_refused(a, f, arena_printf(a, "%s;%s", k0, f->options[1].key));
	norm_refused(a, f, arena_printf(a, "%s x", k0));
	norm_refused(a, f, PROFILE_PREFER_NOT);
}

static void multi_accepts_many_repeats(void **state)
{
	struct arena *a = *state;
	const struct profile_field *f = field("channels");
	/* a checkbox group sent many times over is still one set */
	struct buf b = {0};
	for (int i = 0; i < 40; i++) {
		if (b.len) buf_putc(&b, ',');
		buf_puts(&b, f->options[i % 2].key);
	}
	assert_string_equal(norm_ok(a, f, b.data),
	                    arena_printf(a, "%s,%s", f->options[0].key, f->options[1].key));
	buf_free(&b);
}

/* ---- display, multi_has ---- */

static void display_uses_labels(void **state)
{
	struct arena *a = *state;
	const struct profile_field *multi = field("channels");
	const struct field_option *o = multi->options;
	const char *want = arena_printf(a, "%s, %s", o[0].label, o[2].label);
	assert_string_equal(profile_display(multi, arena_printf(a, "%s,%s", o[0].key, o[2].key), a),
	                    want);
	/* catalogue order, whatever order was stored */
	assert_string_equal(profile_display(multi, arena_printf(a, "%s,%s", o[2].key, o[0].key), a),
	                    want);
	assert_string_equal(profile_display(multi, o[1].key, a), o[1].label);

	const struct profile_field *choice = field("how_often");
	assert_string_equal(profile_display(choice, choice->options[1].key, a),
	                    choice->options[1].label);

	const struct profile_field *text = field("pronouns");
	assert_string_equal(profile_display(text, "they/them", a), "they/them");
	/* text is shown as typed, even if it looks like an option key */
	assert_string_equal(profile_display(text, o[0].key, a), o[0].key);

	assert_string_equal(profile_display(text, "", a), "");
	assert_string_equal(profile_display(text, NULL, a), "");
	assert_string_equal(profile_display(multi, "", a), "");

	const char *prefer = profile_display(field("gender"), PROFILE_PREFER_NOT, a);
	assert_string_not_equal(prefer, PROFILE_PREFER_NOT);
	assert_string_equal(prefer, profile_option_label(field("age_band"), PROFILE_PREFER_NOT));
}

static void multi_has_matches_whole_keys(void **state)
{
	(void)state;
	assert_true(profile_multi_has("email,post", "email"));
	assert_true(profile_multi_has("email,post", "post"));
	assert_true(profile_multi_has("post", "post"));
	assert_false(profile_multi_has("email,post", "mail"));
	assert_false(profile_multi_has("email,post", "pos"));
	assert_false(profile_multi_has("emails,post", "email"));
	assert_false(profile_multi_has("email,post", "email,post"));
	assert_false(profile_multi_has("", "email"));
	assert_false(profile_multi_has(NULL, "email"));
	assert_false(profile_multi_has("email,post", ""));
}

static void option_label_lookup(void **state)
{
	(void)state;
	const struct profile_field *f = field("channels");
	assert_null(profile_option_label(f, "nope"));
	assert_null(profile_option_label(f, ""));
	assert_null(profile_option_label(field("pronouns"), "anything"));
}

/* The list the store counts answers from (REP_FIELDS_SQL) is exactly the
 * characteristics of the catalogue, in its order. */
static void representation_fields_match_the_catalogue(void **state)
{
	(void)state;
	char want[256] = "";
	const struct profile_field *f;
	for (int c = 0; (f = rep_characteristic(c)); c++) {
		char piece[48];
		snprintf(piece, sizeof piece, "%s'%s'", c ? ", " : "", f->key);
		strncat(want, piece, sizeof want - strlen(want) - 1);
	}
	assert_string_equal(REP_FIELDS_SQL, want);
	/* and the shares people type */
	int64_t pm;
	assert_true(rep_share_parse("17.8%", &pm));
	assert_int_equal(pm, 178);
	assert_true(rep_share_parse(" 100 ", &pm));
	assert_int_equal(pm, 1000);
	assert_true(rep_share_parse("5.50", &pm));
	assert_int_equal(pm, 55);
	assert_false(rep_share_parse("100.1", &pm));
	assert_false(rep_share_parse("5.55", &pm));
	assert_false(rep_share_parse("half", &pm));
	assert_false(rep_share_parse("", &pm));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalogue_is_complete),
		cmocka_unit_test(consent_fields_default_to_self),
		cmocka_unit_test(special_category_never_shared_with_the_whole_panel),
		cmocka_unit_test_setup_teardown(text_is_trimmed_and_limited, setup, teardown),
		cmocka_unit_test_setup_teardown(one_line_text_refuses_line_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(long_text_keeps_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(text_must_be_valid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(self_described_in_own_words, setup, teardown),
		cmocka_unit_test_setup_teardown(choice_takes_one_known_option, setup, teardown),
		cmocka_unit_test_setup_teardown(choice_prefer_not_when_offered, setup, teardown),
		cmocka_unit_test_setup_teardown(multi_dedups_in_catalogue_order, setup, teardown),
		cmocka_unit_test_setup_teardown(multi_refuses_unknown_options, setup, teardown),
		cmocka_unit_test_setup_teardown(multi_accepts_many_repeats, setup, teardown),
		cmocka_unit_test_setup_teardown(display_uses_labels, setup, teardown),
		cmocka_unit_test(multi_has_matches_whole_keys),
		cmocka_unit_test(option_label_lookup),
		cmocka_unit_test(representation_fields_match_the_catalogue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
