/* Unit tests for core/input.c: a use case's declared inputs, read the way
 * both doors read them (characters, not bytes; what counts as absent; ids
 * each once; choices; ranges; dates and times as typed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/input.h"
#include "core/voice.h"

static const struct input_field title = { .name = "title", .kind = IN_LINE, .required = true,
                                          .max = 5, .missing = "Enter a title." };
static const struct input_field note = { .name = "note", .kind = IN_TEXT, .max = 10 };
static const struct input_field clear = { .name = "text", .kind = IN_TEXT, .required = true,
                                          .max = 10, .blank_ok = true };
static const struct input_field stage = { .name = "stage", .kind = IN_CHOICE, .choice = stage_is };
static const struct input_field rung = { .name = "rung", .kind = IN_INT, .required = true,
                                         .min = 1, .max = 7 };
static const struct input_field ids = { .name = "ids", .kind = IN_IDS, .required = true,
                                        .max = 3 };
static const struct input_field day = { .name = "date", .kind = IN_DATE, .required = true };
static const struct input_field clock = { .name = "time", .kind = IN_TIME };

static struct arena a; /* what the tests read lives here until they end */

static bool reads(const struct input_field *f, const char *raw, struct input_value *v,
                  const char **problem)
{
	*problem = NULL;
	return input_read_text(f, raw, &a, v, problem);
}

static void text_is_counted_in_characters(void **state)
{
	(void)state;
	struct input_value v;
	const char *why;
	assert_true(reads(&title, "  \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9  ", &v, &why));
	assert_string_equal(v.text, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"); /* trimmed */
	assert_false(reads(&title, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9x", &v, &why));
	assert_string_equal(why, "Keep it to 5 characters or fewer.");
	assert_false(reads(&title, "a\nb", &v, &why)); /* one line */
	assert_true(reads(&note, "a\nb", &v, &why));
	assert_false(reads(&title, "   ", &v, &why));
	assert_string_equal(why, "Enter a title.");
	assert_false(reads(&title, NULL, &v, &why));
	assert_true(reads(&note, NULL, &v, &why));
	assert_false(v.given);
	assert_string_equal(v.text, "");
}

static void blank_is_given_only_when_declared_so(void **state)
{
	(void)state;
	struct input_value v;
	const char *why;
	assert_true(reads(&clear, " ", &v, &why));
	assert_true(v.given);
	assert_string_equal(v.text, "");
	assert_false(reads(&clear, NULL, &v, &why)); /* absent is still missing */
	assert_true(input_check_text(&clear, "", &a, &why));
	assert_false(input_check_text(&title, "", &a, &why));
}

static void choices_numbers_ids_dates_and_times(void **state)
{
	(void)state;
	struct input_value v;
	const char *why;
	assert_true(reads(&stage, "design", &v, &why));
	assert_false(reads(&stage, "Design", &v, &why));
	assert_true(reads(&rung, "7", &v, &why));
	assert_int_equal(v.number, 7);
	assert_false(reads(&rung, "8", &v, &why));
	assert_string_equal(why, "Enter a whole number from 1 to 7.");
	assert_false(reads(&rung, "4.5", &v, &why));
	assert_true(reads(&ids, "3,1, 3,2", &v, &why));
	assert_int_equal(v.nids, 3); /* each once */
	assert_int_equal(v.ids[0], 3);
	assert_int_equal(v.ids[2], 2);
	assert_false(reads(&ids, "1,2,3,4", &v, &why)); /* more than it takes */
	assert_false(reads(&ids, "1,x", &v, &why));
	assert_false(reads(&ids, ",", &v, &why)); /* none is missing */
	int64_t list[] = { 5, 5, 6 };
	assert_true(input_read_ids(&ids, list, 3, &v, &why));
	assert_int_equal(v.nids, 2);
	assert_true(reads(&day, "10 Dec 2026", &v, &why));
	struct input_value iso;
	assert_true(reads(&day, "2026-12-10", &iso, &why));
	assert_int_equal(v.number, iso.number);
	assert_false(reads(&day, "31/02/2026", &v, &why));
	assert_true(reads(&clock, "2:30 pm", &v, &why));
	assert_int_equal(v.number, 14 * 60 + 30);
	assert_true(input_read_number(&rung, 3, &a, &v, &why));
	assert_false(input_read_number(&rung, 0, &a, &v, &why));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_is_counted_in_characters),
		cmocka_unit_test(blank_is_given_only_when_declared_so),
		cmocka_unit_test(choices_numbers_ids_dates_and_times),
	};
	int failed = cmocka_run_group_tests_name("declared inputs", tests, NULL, NULL);
	arena_free(&a);
	return failed;
}
