/* Case studies and reports, the pure parts: search words made into the
 * query both backends read (core/case_study.c), which shared reports may
 * stand together and the median (core/report.c), and HTTP dates for the
 * feed's Last-Modified (core/civil_time.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/case_study.h"
#include "core/civil_time.h"
#include "core/report.h"

static void search_words_are_quoted_terms(void **state)
{
	(void)state;
	struct arena a = { 0 };
	static const struct { const char *in, *out; } cases[] = {
		{ "cafe carer", "\"cafe\" \"carer\"" },
		{ "  \"young   carers\"  cafe ", "\"young carers\" \"cafe\"" },
		/* an unclosed quote runs to the end */
		{ "\"young carers", "\"young carers\"" },
		/* FTS5's syntax is only ever words: each term is quoted */
		{ "OR NEAR(x) title:y -z", "\"OR\" \"NEAR(x)\" \"title:y\" \"-z\"" },
		/* a quote starts a phrase wherever it stands */
		{ "ca\"fe carers\" x", "\"ca\" \"fe carers\" \"x\"" },
		{ "café ‘quoted’", "\"café\" \"‘quoted’\"" },
		/* nothing to search for */
		{ "", NULL },
		{ "\"\" *** -- \"  \"", NULL },
		{ NULL, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = case_search_terms(cases[i].in, &a);
		if (!cases[i].out) {
			if (got) fail_msg("\"%s\" gave %s", cases[i].in, got);
			continue;
		}
		if (!got || strcmp(got, cases[i].out))
			fail_msg("\"%s\" gave %s, not %s", cases[i].in, got ? got : "(null)", cases[i].out);
	}
	arena_free(&a);
}

static void vocabularies_are_whole(void **state)
{
	(void)state;
	assert_true(case_issue_is("carers"));
	assert_false(case_issue_is("co_design"));
	assert_true(case_approach_is("co_design"));
	assert_false(case_approach_is(""));
	assert_false(case_approach_is(NULL));
	for (int k = 0; k < CASE__SECTIONS; k++) {
		assert_non_null(case_sections[k].key);
		assert_non_null(case_sections[k].participedia);
	}
}

static void reports_that_may_stand_together(void **state)
{
	(void)state;
	struct report_period q1 = { 0, 100, 189 }, q2 = { 0, 190, 280 }, a_q1 = { 7, 100, 189 },
	                     b_q1 = { 8, 100, 189 }, a_shifted = { 7, 120, 210 };
	assert_true(report_may_stand_together(&q1, &q2));        /* days apart */
	assert_true(report_may_stand_together(&a_q1, &b_q1));    /* two projects, same days */
	assert_false(report_may_stand_together(&q1, &a_q1));     /* the panel and a project */
	assert_false(report_may_stand_together(&a_q1, &a_shifted)); /* overlapping days */
	assert_false(report_may_stand_together(&q1, &q1));       /* the same twice */
	struct report_period edge = { 0, 189, 250 };
	assert_false(report_may_stand_together(&q1, &edge));     /* one day shared */
	int64_t v[] = { 9, 1, 5, 3 }, w[] = { 4 };
	assert_int_equal(report_median(v, 4), 3);
	assert_int_equal(report_median(w, 1), 4);
	assert_int_equal(report_median(NULL, 0), -1);
}

static void http_dates_both_ways(void **state)
{
	(void)state;
	char s[CIVIL_HTTP_DATE];
	civil_http_date(784111777, s);
	assert_string_equal(s, "Sun, 06 Nov 1994 08:49:37 GMT");
	int64_t t;
	assert_true(civil_parse_http_date(s, &t));
	assert_int_equal(t, 784111777);
	civil_http_date(1796601599, s);
	assert_true(civil_parse_http_date(s, &t));
	assert_int_equal(t, 1796601599);
	assert_false(civil_parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC", &t));
	assert_false(civil_parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT", &t));
	assert_false(civil_parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", &t));
	assert_false(civil_parse_http_date(NULL, &t));
	assert_false(civil_parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT trailing", &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_words_are_quoted_terms),
		cmocka_unit_test(vocabularies_are_whole),
		cmocka_unit_test(reports_that_may_stand_together),
		cmocka_unit_test(http_dates_both_ways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
