/* The signals of tokenism (core/practice.c): the Gini coefficient worked
 * out by hand, and each rule's line, with the edge where there is no data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/practice.h"

static void gini_by_hand(void **state)
{
	(void)state;
	/* no one, or nobody with any: nothing to say */
	assert_int_equal(practice_gini_permille(NULL, 0), -1);
	int64_t zeros[] = { 0, 0, 0 };
	assert_int_equal(practice_gini_permille(zeros, 3), -1);
	/* everyone as many: 0 */
	int64_t equal[] = { 2, 2, 2, 2 };
	assert_int_equal(practice_gini_permille(equal, 4), 0);
	/* one of four has the only place: 2*4/(4*1) - 5/4 = 0.75 */
	int64_t one[] = { 0, 1, 0, 0 };
	assert_int_equal(practice_gini_permille(one, 4), 750);
	/* {1, 3}: 2*(1+6)/(2*4) - 3/2 = 0.25, in any order */
	int64_t two[] = { 3, 1 };
	assert_int_equal(practice_gini_permille(two, 2), 250);
	/* {0, 1, 2}: 2*(0+2+6)/(3*3) - 4/3 = 16/9 - 12/9 = 0.444... */
	int64_t three[] = { 2, 0, 1 };
	assert_int_equal(practice_gini_permille(three, 3), 444);
	/* a negative count counts as none */
	int64_t bad[] = { -5, 1 };
	assert_int_equal(practice_gini_permille(bad, 2), 500);
}

static enum practice_state judge(enum practice_key k, int64_t n, int64_t of, int64_t value,
                                 int64_t before)
{
	struct practice_figures f = { n, of, value, before };
	return practice_judge(k, &f);
}

static void each_rule_s_line(void **state)
{
	(void)state;
	/* fewer than half of the agenda from co-creators */
	assert_int_equal(judge(PS_AGENDA, 0, 0, 0, 0), PRACTICE_NO_DATA);
	assert_int_equal(judge(PS_AGENDA, 2, 5, 0, 0), PRACTICE_LOOK);
	assert_int_equal(judge(PS_AGENDA, 3, 6, 0, 0), PRACTICE_FINE);
	/* any paper late, any answer owed, any project late, unclosed, unshown */
	static const enum practice_key any[] = { PS_PAPERS_LATE, PS_OVERDUE, PS_LATE_START,
		                                 PS_NO_CLOSING, PS_NO_EVIDENCE };
	for (size_t i = 0; i < sizeof any / sizeof *any; i++) {
		assert_int_equal(judge(any[i], 0, 0, 0, 0), PRACTICE_NO_DATA);
		assert_int_equal(judge(any[i], 0, 3, 0, 0), PRACTICE_FINE);
		assert_int_equal(judge(any[i], 1, 3, 0, 0), PRACTICE_LOOK);
	}
	/* adopted: under a quarter, only from 5 answered */
	assert_int_equal(judge(PS_ADOPTED, 0, 0, 0, 0), PRACTICE_NO_DATA);
	assert_int_equal(judge(PS_ADOPTED, 0, 4, 0, 0), PRACTICE_FINE);
	assert_int_equal(judge(PS_ADOPTED, 1, 5, 0, 0), PRACTICE_LOOK);
	assert_int_equal(judge(PS_ADOPTED, 2, 8, 0, 0), PRACTICE_FINE);
	/* pay: more than a tenth late (from 5), or any waiting past the target */
	assert_int_equal(judge(PS_PAY_LATE, 0, 0, 0, 14), PRACTICE_NO_DATA);
	assert_int_equal(judge(PS_PAY_LATE, 0, 0, 1, 14), PRACTICE_LOOK);
	assert_int_equal(judge(PS_PAY_LATE, 1, 10, 0, 14), PRACTICE_FINE);
	assert_int_equal(judge(PS_PAY_LATE, 2, 10, 0, 14), PRACTICE_LOOK);
	assert_int_equal(judge(PS_PAY_LATE, 1, 4, 0, 14), PRACTICE_FINE);
	/* concentration: from 0.5 */
	assert_int_equal(judge(PS_CONCENTRATION, 0, 0, -1, 0), PRACTICE_NO_DATA);
	assert_int_equal(judge(PS_CONCENTRATION, 3, 9, 499, 0), PRACTICE_FINE);
	assert_int_equal(judge(PS_CONCENTRATION, 1, 9, 500, 0), PRACTICE_LOOK);
	/* felt heard: down by half a point or more */
	assert_int_equal(judge(PS_FELT_HEARD, 0, 0, -1, -1), PRACTICE_NO_DATA);
	assert_int_equal(judge(PS_FELT_HEARD, 0, 0, 30, -1), PRACTICE_FINE);
	assert_int_equal(judge(PS_FELT_HEARD, 0, 0, 31, 35), PRACTICE_FINE);
	assert_int_equal(judge(PS_FELT_HEARD, 0, 0, 30, 35), PRACTICE_LOOK);
}

static void every_signal_has_its_words(void **state)
{
	(void)state;
	for (int k = 0; k < PS__COUNT; k++) {
		const struct practice_def *d = &practice_defs[k];
		assert_non_null(d->key);
		assert_non_null(d->title);
		assert_non_null(d->rule);
		assert_non_null(strstr(d->seed, "(seed 00"));
		for (int j = 0; j < k; j++) assert_string_not_equal(d->key, practice_defs[j].key);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gini_by_hand),
		cmocka_unit_test(each_rule_s_line),
		cmocka_unit_test(every_signal_has_its_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
