/* Unit tests for src/core/voice.c: names, what a response must say, when a
 * contribution is overdue, and the influence figures' arithmetic. Expected
 * values are worked out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/voice.h"

static void names_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < STAGE__COUNT; s++) {
		enum project_stage got;
		assert_true(stage_parse(stage_key((enum project_stage)s), &got));
		assert_int_equal(got, s);
	}
	for (int s = RS_RECEIVED; s < RS__COUNT; s++) {
		enum response_status got;
		assert_true(response_status_parse(response_status_key((enum response_status)s), &got));
		assert_int_equal(got, s);
	}
	enum response_status rs;
	/* "awaiting" is a state nobody can choose as an answer. */
	assert_false(response_status_parse("awaiting", &rs));
	assert_false(response_status_parse("Adopted", &rs));
	assert_false(response_status_parse(NULL, &rs));
	enum meeting_reply r;
	assert_false(reply_parse("none", &r));
	assert_true(reply_parse("not_coming", &r));
	assert_int_equal(r, REPLY_NOT_COMING);
	enum attribution at;
	assert_true(attribution_parse("anonymous", &at));
	assert_int_equal(at, ATTR_ANONYMOUS);
	assert_false(attribution_parse("secret", &at));
	enum contribution_kind k;
	assert_true(kind_parse("recommendation", &k));
	assert_false(kind_parse("", &k));
	assert_string_equal(response_status_key((enum response_status)99), "?");
}

static void ladder(void **state)
{
	(void)state;
	assert_string_equal(rung_label(1), "Coercion");
	assert_string_equal(rung_label(4), "Consultation");
	assert_string_equal(rung_label(7), "Co-production");
	assert_string_equal(rung_group(2), "doing to");
	assert_string_equal(rung_group(3), "doing for");
	assert_string_equal(rung_group(5), "doing for");
	assert_string_equal(rung_group(6), "doing with");
	assert_string_equal(rung_label(0), "?");
	assert_string_equal(rung_label(8), "?");
	for (int r = RUNG_MIN; r <= RUNG_MAX; r++) assert_true(strlen(rung_meaning(r)) > 10);
}

static void outcomes_and_overdue(void **state)
{
	(void)state;
	assert_false(response_is_outcome(RS_AWAITING));
	assert_false(response_is_outcome(RS_RECEIVED));
	assert_false(response_is_outcome(RS_UNDER_CONSIDERATION));
	assert_true(response_is_outcome(RS_ADOPTED));
	assert_true(response_is_outcome(RS_ADOPTED_IN_PART));
	assert_true(response_is_outcome(RS_NOT_ADOPTED));
	assert_true(response_is_outcome(RS_REFERRED));
	/* due at 1000: at 1000 it is not yet late; at 1001 it is, unless it
	 * has an outcome. An acknowledgement does not stop the clock. */
	assert_false(contribution_overdue(RS_AWAITING, 1000, 1000));
	assert_true(contribution_overdue(RS_AWAITING, 1000, 1001));
	assert_true(contribution_overdue(RS_RECEIVED, 1000, 1001));
	assert_true(contribution_overdue(RS_UNDER_CONSIDERATION, 1000, 5000));
	assert_false(contribution_overdue(RS_NOT_ADOPTED, 1000, 5000));
	assert_false(contribution_overdue(RS_REFERRED, 1000, 5000));
}

static void what_a_response_must_say(void **state)
{
	(void)state;
	const char *msg = NULL;
	struct response_text r = { RS_RECEIVED, "", "", "", "" };
	assert_null(response_missing(&r, &msg)); /* an acknowledgement needs nothing */
	r.status = RS_ADOPTED;
	assert_string_equal(response_missing(&r, &msg), "what_done");
	assert_non_null(msg);
	r.what_done = "  \n ";
	assert_string_equal(response_missing(&r, &msg), "what_done");
	r.what_done = "We changed the letter.";
	assert_string_equal(response_missing(&r, &msg), "decided_by");
	r.decided_by = "Service manager";
	assert_null(response_missing(&r, &msg));

	struct response_text no = { RS_NOT_ADOPTED, "", "", "", "The board" };
	assert_string_equal(response_missing(&no, &msg), "reason");
	no.reason = "It costs more than the budget for the year.";
	assert_null(response_missing(&no, &msg));

	struct response_text ref = { RS_REFERRED, "", "", NULL, "Panel" };
	assert_string_equal(response_missing(&ref, &msg), "referred_to");
	ref.referred_to = "NHS trust";
	assert_null(response_missing(&ref, &msg));
}

static void median_is_the_lower_middle(void **state)
{
	(void)state;
	assert_int_equal(median_of_days(NULL, NULL, 0), -1);
	/* 1,1,1,5,9 -> 1 */
	int64_t d1[] = { 9, 1, 5 }, n1[] = { 1, 3, 1 };
	assert_int_equal(median_of_days(d1, n1, 3), 1);
	/* 2,2,7,7 -> lower middle is 2 */
	int64_t d2[] = { 7, 2 }, n2[] = { 2, 2 };
	assert_int_equal(median_of_days(d2, n2, 2), 2);
	/* 0,3,3,4,10,10,10 -> 4 */
	int64_t d3[] = { 10, 0, 4, 3 }, n3[] = { 3, 1, 1, 2 };
	assert_int_equal(median_of_days(d3, n3, 4), 4);
	/* zero and negative counts (left by deletions) are ignored */
	int64_t d4[] = { 1, 2, 3 }, n4[] = { 0, -1, 0 };
	assert_int_equal(median_of_days(d4, n4, 3), -1);
	/* a million at 12 days and one at 0: 12 */
	int64_t d5[] = { 0, 12 }, n5[] = { 1, 1000000 };
	assert_int_equal(median_of_days(d5, n5, 2), 12);
}

static void percentages_and_felt_heard(void **state)
{
	(void)state;
	assert_int_equal(percent_of(0, 0), 0);
	assert_int_equal(percent_of(1, 3), 33);   /* 33.3 */
	assert_int_equal(percent_of(2, 3), 67);   /* 66.7 */
	assert_int_equal(percent_of(1, 8), 13);   /* 12.5 rounds up */
	assert_int_equal(percent_of(5, 5), 100);
	struct influence f = { .reflections = 4, .felt_heard_sum = 20 };
	assert_int_equal(felt_heard_tenths(&f), -1); /* fewer than 5: never shown */
	f.reflections = 5;
	f.felt_heard_sum = 21;                       /* 4.2 */
	assert_int_equal(felt_heard_tenths(&f), 42);
	f.reflections = 6;
	f.felt_heard_sum = 25;                       /* 4.1666 -> 4.2 */
	assert_int_equal(felt_heard_tenths(&f), 42);
	f.felt_heard_sum = 27;                       /* 4.5 */
	assert_int_equal(felt_heard_tenths(&f), 45);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(ladder),
		cmocka_unit_test(outcomes_and_overdue),
		cmocka_unit_test(what_a_response_must_say),
		cmocka_unit_test(median_is_the_lower_middle),
		cmocka_unit_test(percentages_and_felt_heard),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
