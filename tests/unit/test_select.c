/* Unit tests for src/core/select.c (LEXIMIN and the 1,000-panel lottery)
 * and src/core/select_files.c (the CSV formats). Small cases carry their
 * answer, derived by hand, in a comment; the public fixture
 * (select_fixture/README.md) carries one computed by other software. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/select.h"
#include "core/select_files.h"

#ifndef SELECT_FIXTURE
#error "SELECT_FIXTURE: the directory of the fixture (tests/unit/meson.build)"
#endif

/* One feature, "group", with the values and bounds given; people's
 * values as indexes. */
struct one_feature {
	const char *values[4];
	int min[4], max[4];
	int n_values;
};

static struct select_problem problem_of(const struct one_feature *g, struct select_feature *f,
                                        int places, const int *value, int n)
{
	*f = (struct select_feature){ .name = "group", .n_values = g->n_values, .values = (const char **)g->values,
	                              .min = (int *)g->min, .max = (int *)g->max };
	return (struct select_problem){ .places = places, .n_features = 1, .features = f, .n_people = n,
	                                .value = value };
}

/* Every panel has k different people within every quota; each person's
 * share of the panels is lottery_count and within 1/1000 of their chance. */
static void check_lottery(const struct select_problem *p, const struct select_result *r)
{
	int k = p->places;
	int *count = calloc((size_t)p->n_people, sizeof *count);
	for (int j = 0; j < SELECT_LOTTERY; j++) {
		const int *panel = select_panel(r, k, j);
		assert_non_null(panel);
		for (int s = 0; s < k; s++) {
			count[panel[s]]++;
			if (s) assert_true(panel[s] > panel[s - 1]);
		}
		for (int f = 0; f < p->n_features; f++)
			for (int v = 0; v < p->features[f].n_values; v++) {
				int held = 0;
				for (int s = 0; s < k; s++) held += p->value[panel[s] * p->n_features + f] == v;
				assert_in_range(held, p->features[f].min[v], p->features[f].max[v]);
			}
	}
	for (int i = 0; i < p->n_people; i++) {
		assert_int_equal(count[i], r->lottery_count[i]);
		assert_true(fabs((double)count[i] / SELECT_LOTTERY - r->probability[i]) <= 1.0 / SELECT_LOTTERY + 1e-9);
	}
	free(count);
}

/* One woman (A) and three men; two places, exactly one of each. Every
 * panel must hold A, so her chance is 1; the one other place is shared by
 * the three men: 1/3 each is the most the least of them can have. */
static void a_quota_forces_a_person_in(void **state)
{
	struct one_feature g = { { "woman", "man" }, { 1, 1 }, { 1, 1 }, 2 };
	int value[] = { 0, 1, 1, 1 };
	struct select_feature f;
	struct select_problem p = problem_of(&g, &f, 2, value, 4);
	struct arena a = { 0 };
	struct select_result r;
	assert_true(select_solve(&a, &p, &(struct select_options){ .seed = 1 }, &r));
	assert_int_equal(r.outcome, SELECT_DONE);
	assert_true(fabs(r.probability[0] - 1.0) < 1e-6);
	for (int i = 1; i < 4; i++) assert_true(fabs(r.probability[i] - 1.0 / 3) < 1e-6);
	assert_int_equal(r.lottery_count[0], SELECT_LOTTERY);
	check_lottery(&p, &r);
	arena_free(&a);
}

/* Areas x (A), y (B, C) and z (D); two places; y needs at least one, and
 * z may have none. D can never be chosen: chance 0. The panels are AB, AC
 * and BC; a third each gives A, B and C 2/3 each, and no lottery gives the
 * least of them more (their chances add up to 2). */
static void a_person_who_can_never_be_chosen(void **state)
{
	struct one_feature g = { { "x", "y", "z" }, { 0, 1, 0 }, { 1, 2, 0 }, 3 };
	int value[] = { 0, 1, 1, 2 };
	struct select_feature f;
	struct select_problem p = problem_of(&g, &f, 2, value, 4);
	struct arena a = { 0 };
	struct select_result r;
	assert_true(select_solve(&a, &p, &(struct select_options){ .seed = 1 }, &r));
	assert_int_equal(r.outcome, SELECT_DONE);
	for (int i = 0; i < 3; i++) assert_true(fabs(r.probability[i] - 2.0 / 3) < 1e-6);
	assert_true(r.probability[3] == 0.0);
	assert_int_equal(r.lottery_count[3], 0);
	check_lottery(&p, &r);
	arena_free(&a);
}

/* Three women and one man (M); two places, at least one woman, at most
 * one man. Panels: two women (WW, three ways) or a woman and M (three
 * ways). Everyone at 1/2 is possible (each WM panel and each WW panel 1/6:
 * M has 3/6, each woman 1/6 + 2/6), and nobody can have more than the
 * even share of 2 places among 4, so LEXIMIN is 1/2 each. M is in half of
 * the 1,000 panels, so both compositions are drawn. */
static void several_optimal_panels_of_different_composition(void **state)
{
	struct one_feature g = { { "woman", "man" }, { 1, 0 }, { 2, 1 }, 2 };
	int value[] = { 0, 0, 0, 1 };
	struct select_feature f;
	struct select_problem p = problem_of(&g, &f, 2, value, 4);
	struct arena a = { 0 };
	struct select_result r;
	assert_true(select_solve(&a, &p, &(struct select_options){ .seed = 1 }, &r));
	assert_int_equal(r.outcome, SELECT_DONE);
	for (int i = 0; i < 4; i++) assert_true(fabs(r.probability[i] - 0.5) < 1e-6);
	int with_m = 0, two_women = 0;
	for (int j = 0; j < SELECT_LOTTERY; j++) {
		const int *panel = select_panel(&r, 2, j);
		if (panel[1] == 3) with_m++;
		else two_women++;
	}
	assert_in_range(with_m, 499, 501);
	assert_in_range(two_women, 499, 501);
	check_lottery(&p, &r);
	arena_free(&a);
}

/* Minimums that add up to more places than there are: 2 + 2 > 3. The
 * smallest change: one minimum down by one. */
static void minimums_beyond_the_places_are_named(void **state)
{
	struct one_feature g = { { "a", "b" }, { 2, 2 }, { 3, 3 }, 2 };
	int value[] = { 0, 0, 0, 1, 1, 1 };
	struct select_feature f;
	struct select_problem p = problem_of(&g, &f, 3, value, 6);
	struct arena a = { 0 };
	struct select_result r;
	assert_true(select_solve(&a, &p, &(struct select_options){ .seed = 1 }, &r));
	assert_int_equal(r.outcome, SELECT_IMPOSSIBLE);
	assert_int_equal(r.n_relaxations, 1);
	assert_true(r.relaxations[0].is_min);
	assert_int_equal(r.relaxations[0].from, 2);
	assert_int_equal(r.relaxations[0].to, 1);
	assert_int_equal(r.relaxations[0].pool, 3);
	arena_free(&a);
}

/* A minimum the pool cannot fill: 3 of b wanted, 1 came forward. */
static void a_minimum_the_pool_cannot_fill(void **state)
{
	struct one_feature g = { { "a", "b" }, { 0, 3 }, { 4, 4 }, 2 };
	int value[] = { 0, 0, 0, 1 };
	struct select_feature f;
	struct select_problem p = problem_of(&g, &f, 4, value, 4);
	struct arena a = { 0 };
	struct select_result r;
	assert_true(select_solve(&a, &p, &(struct select_options){ .seed = 1 }, &r));
	assert_int_equal(r.outcome, SELECT_IMPOSSIBLE);
	assert_int_equal(r.n_relaxations, 1);
	assert_int_equal(r.relaxations[0].value, 1);
	assert_int_equal(r.relaxations[0].to, 1);
	assert_int_equal(r.relaxations[0].pool, 1);
	arena_free(&a);
}

static void fewer_people_than_places(void **state)
{
	struct one_feature g = { { "a" }, { 0 }, { 5 }, 1 };
	int value[] = { 0, 0, 0 };
	struct select_feature f;
	struct select_problem p = problem_of(&g, &f, 5, value, 3);
	struct arena a = { 0 };
	struct select_result r;
	assert_true(select_solve(&a, &p, &(struct select_options){ 0 }, &r));
	assert_int_equal(r.outcome, SELECT_IMPOSSIBLE);
	assert_int_equal(r.short_of_people, 2);
	arena_free(&a);
}

/* Rotation: A and B have priority, C and D do not; two places, at least
 * one of area y (C and D only). One outsider is needed, no more: panels
 * are A or B with C or D, a quarter each: everyone 1/2. */
static void rotation_takes_outsiders_only_where_quotas_need_them(void **state)
{
	struct one_feature g = { { "x", "y" }, { 0, 1 }, { 2, 2 }, 2 };
	int value[] = { 0, 0, 1, 1 };
	bool priority[] = { true, true, false, false };
	struct select_feature f;
	struct select_problem p = problem_of(&g, &f, 2, value, 4);
	p.priority = priority;
	struct arena a = { 0 };
	struct select_result r;
	assert_true(select_solve(&a, &p, &(struct select_options){ .seed = 1 }, &r));
	assert_int_equal(r.outcome, SELECT_DONE);
	assert_int_equal(r.outsiders_needed, 1);
	for (int i = 0; i < 4; i++) assert_true(fabs(r.probability[i] - 0.5) < 1e-6);
	for (int j = 0; j < SELECT_LOTTERY; j++) {
		const int *panel = select_panel(&r, 2, j);
		assert_true(panel[0] < 2 && panel[1] >= 2);
	}
	/* without the quota on y, only A and B are ever drawn */
	g.min[1] = 0;
	assert_true(select_solve(&a, &p, &(struct select_options){ .seed = 1 }, &r));
	assert_int_equal(r.outsiders_needed, 0);
	assert_true(fabs(r.probability[0] - 1.0) < 1e-6);
	assert_true(r.probability[2] == 0.0);
	arena_free(&a);
}

/* A panel of one woman (A) and one man (B), one of each wanted; B drops
 * out. Of C (man), D (woman) and E (man), only a man keeps the targets:
 * C and E have 1/2 each, D none. With only D left, it cannot be done, and
 * the smallest change (in places beyond A) is named: a man's minimum of 1
 * down to 0, and a woman's maximum (0 beyond A) up to 1. */
static void a_replacement_keeps_the_targets(void **state)
{
	struct one_feature g = { { "woman", "man" }, { 1, 1 }, { 1, 1 }, 2 };
	int value[] = { 0, 1, 1, 0, 1 };   /* A B C D E */
	struct select_feature f;
	struct select_problem p = problem_of(&g, &f, 2, value, 5);
	struct arena a = { 0 };
	int kept[] = { 0 }, candidates[] = { 2, 3, 4 };
	struct select_problem q;
	select_replacement_problem(&a, &p, kept, 1, candidates, 3, 1, &q);
	assert_int_equal(q.places, 1);
	assert_int_equal(q.features[0].max[0], 0);
	assert_int_equal(q.features[0].min[1], 1);
	struct select_result r;
	assert_true(select_solve(&a, &q, &(struct select_options){ .seed = 3 }, &r));
	assert_int_equal(r.outcome, SELECT_DONE);
	assert_true(fabs(r.probability[0] - 0.5) < 1e-6);
	assert_true(r.probability[1] == 0.0);
	assert_true(fabs(r.probability[2] - 0.5) < 1e-6);
	check_lottery(&q, &r);

	int only_d[] = { 3 };
	select_replacement_problem(&a, &p, kept, 1, only_d, 1, 1, &q);
	assert_true(select_solve(&a, &q, &(struct select_options){ .seed = 3 }, &r));
	assert_int_equal(r.outcome, SELECT_IMPOSSIBLE);
	assert_int_equal(r.n_relaxations, 2);
	for (int i = 0; i < 2; i++) {
		const struct select_relaxation *x = &r.relaxations[i];
		if (x->value == 0) { assert_false(x->is_min); assert_int_equal(x->to, 1); }
		else { assert_true(x->is_min); assert_int_equal(x->to, 0); }
	}
	arena_free(&a);
}

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", SELECT_FIXTURE, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = malloc((size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	text[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return text;
}

/* The sortition-algorithms fixture at k = 22 reproduces the vector
 * computed by the replication code, within its tolerance (5e-4), for
 * every person; the lowest chance is 1/11. */
static void the_public_fixture_reproduces_its_vector(void **state)
{
	size_t flen, plen, rlen;
	char *features = slurp("features.csv", &flen), *people = slurp("candidates.csv", &plen);
	char *reference = slurp("sa_fixture_22_leximin_probabilities.csv", &rlen);
	struct arena a = { 0 };
	struct select_files in;
	const char *error = NULL;
	assert_true(select_read_files(&a, 22, NULL, "features.csv", features, flen, "candidates.csv", people, plen,
	                              &in, &error));
	assert_int_equal(in.problem.n_people, 150);
	struct select_result r;
	assert_true(select_solve(&a, &in.problem, &(struct select_options){ .seed = 7 }, &r));
	assert_int_equal(r.outcome, SELECT_DONE);
	char *line = strchr(reference, '\n') + 1;
	int seen = 0;
	double lowest = 1;
	while (*line) {
		char id[32];
		double want;
		assert_int_equal(sscanf(line, "%31[^,],%lf", id, &want), 2);
		int i = 0;
		while (i < in.problem.n_people && strcmp(in.ids[i], id)) i++;
		assert_true(i < in.problem.n_people);
		assert_true(fabs(r.probability[i] - want) <= 5e-4);
		if (r.probability[i] < lowest) lowest = r.probability[i];
		seen++;
		line = strchr(line, '\n');
		if (!line) break;
		line++;
	}
	assert_int_equal(seen, 150);
	assert_true(fabs(lowest - 1.0 / 11) < 1e-4);
	check_lottery(&in.problem, &r);

	/* the same seed gives the same lottery; the number picks the panel */
	struct select_result again;
	assert_true(select_solve(&a, &in.problem, &(struct select_options){ .seed = 7 }, &again));
	assert_memory_equal(r.panels, again.panels, sizeof *r.panels * SELECT_LOTTERY * 22);
	assert_ptr_equal(select_panel(&r, 22, 417), r.panels + 417 * 22);
	assert_null(select_panel(&r, 22, SELECT_LOTTERY));
	assert_int_equal(select_number_from_seed(7), select_number_from_seed(7));
	arena_free(&a);
	free(features);
	free(people);
	free(reference);
}

/* Bad files: the error names the file, the line and the column. */
static void expect_file_error(const char *features, const char *people, const char *want)
{
	struct arena a = { 0 };
	struct select_files in;
	const char *error = NULL;
	assert_false(select_read_files(&a, 2, NULL, "q.csv", features, strlen(features), "p.csv", people,
	                               strlen(people), &in, &error));
	assert_non_null(error);
	if (!strstr(error, want)) fail_msg("error '%s' lacks '%s'", error, want);
	arena_free(&a);
}

static void bad_files_are_named_by_line_and_column(void **state)
{
	const char *q = "feature,value,min,max\ngender,woman,1,2\ngender,man,0,2\n";
	const char *p = "id,gender\n1,woman\n2,man\n";
	expect_file_error("feature,value,min\n", p, "q.csv:1: the first row has no max column");
	expect_file_error("what,ever\n", p, "q.csv:1: the first row must name");
	expect_file_error("feature,value,min,max\ngender,woman,x,2\n", p, "q.csv:2:3: min must be a whole number");
	expect_file_error("feature,value,min,max\ngender,woman,3,2\n", p, "q.csv:2:3: min (3) is more than max (2)");
	expect_file_error("feature,value,min,max\ngender,woman,1,2\nGender,Woman,0,1\n", p,
	                  "q.csv:3:2: Gender, Woman is already on line 2");
	expect_file_error("feature,value,min,max\ngender,woman,1,2\ngender,man\n", p, "q.csv:3:3: the row has 2 fields");
	expect_file_error(q, "id,age\n1,30\n", "p.csv:1: no column for the feature 'gender'");
	expect_file_error(q, "id,gender\n1,woman\n2,wman\n", "p.csv:3:2: 'wman' is not a value of gender");
	expect_file_error(q, "id,gender\n1,woman\n1,man\n", "p.csv:3:1: the id '1' is already on line 2");
	expect_file_error(q, "id,gender\n\"1,woman\n", "p.csv:2: a quoted field is never closed");
	expect_file_error(q, "", "p.csv:1: the file is empty");
}

/* The three headers, quoting, a byte-order mark, CRLF, no final line
 * break, and the row number as id when there is no id column. */
static void the_three_formats_are_read(void **state)
{
	const char *people_without_id = "\xef\xbb\xbfgender,area\r\nwoman,\"north, east\"\r\nman,south";
	const char *formats[] = {
		"feature,value,min,max,min_flex,max_flex\ngender,woman,1,1,0,2\ngender,man,1,1,0,2\n"
		"area,\"north, east\",0,2,0,2\narea,south,0,2,0,2\n",
		"category,name,min,max\ngender,woman,1,1\ngender,man,1,1\narea,\"north, east\",0,2\narea,south,0,2\n",
		"category,feature,min,max\ngender,woman,1,1\ngender,man,1,1\narea,\"north, east\",0,2\narea,south,0,2",
	};
	for (size_t x = 0; x < 3; x++) {
		struct arena a = { 0 };
		struct select_files in;
		const char *error = NULL;
		assert_true(select_read_files(&a, 2, NULL, "q.csv", formats[x], strlen(formats[x]), "p.csv",
		                              people_without_id, strlen(people_without_id), &in, &error));
		assert_int_equal(in.problem.n_features, 2);
		assert_int_equal(in.problem.n_people, 2);
		assert_string_equal(in.ids[0], "0");
		assert_string_equal(in.ids[1], "1");
		assert_string_equal(in.problem.features[1].values[0], "north, east");
		assert_int_equal(in.problem.value[0 * 2 + 1], 0);
		assert_int_equal(in.problem.value[1 * 2 + 1], 1);
		assert_int_equal(in.problem.features[0].min[0], 1);
		assert_true((x == 0) == (in.problem.features[0].min_flex != NULL));
		struct select_result r;
		assert_true(select_solve(&a, &in.problem, &(struct select_options){ 0 }, &r));
		assert_int_equal(r.outcome, SELECT_DONE);
		assert_true(fabs(r.probability[0] - 1.0) < 1e-9);
		arena_free(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_quota_forces_a_person_in),
		cmocka_unit_test(a_person_who_can_never_be_chosen),
		cmocka_unit_test(several_optimal_panels_of_different_composition),
		cmocka_unit_test(minimums_beyond_the_places_are_named),
		cmocka_unit_test(a_minimum_the_pool_cannot_fill),
		cmocka_unit_test(fewer_people_than_places),
		cmocka_unit_test(rotation_takes_outsiders_only_where_quotas_need_them),
		cmocka_unit_test(a_replacement_keeps_the_targets),
		cmocka_unit_test(the_public_fixture_reproduces_its_vector),
		cmocka_unit_test(bad_files_are_named_by_line_and_column),
		cmocka_unit_test(the_three_formats_are_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
