/* Case studies (app/case_studies.c, store/case_studies.c) on a real store,
 * once per backend: the public library's full-text search (accents,
 * plural forms, a phrase, no results, words that hold nothing, drafts
 * never found), its filters by issue, approach and rung; people named only
 * once they agree; publishing only what a reader can use; stale saves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "fixture.h"

static struct panel panel;
static int64_t steward, co[3], outsider, project, seq;
static const struct panel_actor as_steward = { ROLE_STEWARD, MEMBER_ACTIVE, HOSTING_ORGANISATION,
                                               false, false };
static const struct panel_actor as_co = { ROLE_CO_CREATOR, MEMBER_ACTIVE, HOSTING_ORGANISATION,
                                          false, false };
static const int64_t NOW = 1780000000;

static int64_t user(struct store_fx *f, const char *name)
{
	char email[64];
	snprintf(email, sizeof email, "c%lld@example.org", (long long)++seq);
	int64_t id;
	assert_int_equal(store_user_create(f->s, email, name, false, 0, &id), ST_OK);
	return id;
}

static int setup(void **state)
{
	int rc = store_fx_setup(state, "cases");
	if (rc) return rc;
	struct store_fx *f = *state;
	panel = (struct panel){ .name = "Carers' panel", .time_zone = "Europe/London",
	                        .response_days = 28, .agenda_days = 7 };
	if (store_panel_create(f->s, &panel, 0, &panel.id) != ST_OK) return -1;
	steward = user(f, "Sam Steward");
	assert_int_equal(store_membership_put(f->s, panel.id, steward, ROLE_STEWARD, MEMBER_ACTIVE, 0),
	                 ST_OK);
	const char *names[3] = { "Zofia Quill", "Amir Nadeem", "Bea Lowe" };
	for (int i = 0; i < 3; i++) {
		co[i] = user(f, names[i]);
		assert_int_equal(store_membership_put(f->s, panel.id, co[i], ROLE_CO_CREATOR,
		                                      MEMBER_ACTIVE, 0), ST_OK);
	}
	outsider = user(f, "Olive Outside");
	struct project p = { .panel_id = panel.id, .title = "Support for young carers",
	                     .purpose = "Young carers told us support was hard to find.",
	                     .decision_maker = "", .closing_reflection = "" };
	return store_project_create(f->s, &p, steward, NOW - 86400, &project) == ST_OK ? 0 : -1;
}

/* Sets in[] to nothing given. */
static void none(struct input_value *in, int n)
{
	for (int i = 0; i < n; i++) in[i] = (struct input_value){ false, "", 0, NULL, 0 };
}

static void text(struct input_value *in, int k, const char *s)
{
	in[k] = (struct input_value){ true, s, 0, NULL, 0 };
}

static void number(struct input_value *in, int k, int64_t v)
{
	in[k] = (struct input_value){ true, "", v, NULL, 0 };
}

/* A case study written and (when publish) published: title, brief, one
 * part of its story, issues and approaches ("a,b" or ""), rung. */
static int64_t write_up(struct store_fx *f, const char *title, const char *brief,
                        const char *story, const char *issues, const char *approaches, int rung,
                        bool publish)
{
	struct input_value in[CASE_INPUTS];
	struct app_error err;
	none(in, CASE_INPUTS);
	number(in, CASE_IN_PROJECT, project);
	int64_t id;
	if (!app_case_create(f->s, &as_co, &panel, co[0], in, NOW, &f->a, &id, &err))
		fail_msg("create: %s", err.message);
	none(in, CASE_INPUTS);
	text(in, CASE_IN_TITLE, title);
	text(in, CASE_IN_BRIEF, brief);
	text(in, CASE_IN_WHAT_HAPPENED, story);
	text(in, CASE_IN_PROBLEMS, ""); /* not the project's purpose: only these words */
	if (*issues) text(in, CASE_IN_ISSUES, issues);
	if (*approaches) text(in, CASE_IN_APPROACHES, approaches);
	number(in, CASE_IN_RUNG, rung);
	number(in, CASE_IN_VERSION, 1);
	if (!app_case_edit(f->s, &as_co, &panel, id, in, NOW + 60, &f->a, &err))
		fail_msg("edit: %s", err.message);
	if (publish && !app_case_publish(f->s, &as_steward, &panel, id, 2, true, NOW + 120 + id,
	                                 &f->a, &err))
		fail_msg("publish: %s", err.message);
	return id;
}

/* The ids found for q (and the filters), as a bit set of a..d's order. */
static unsigned found(struct store_fx *f, const int64_t *ids, const char *q, const char *issue,
                      const char *approach, int rung)
{
	struct input_value in[CASE_SEARCH_INPUTS];
	none(in, CASE_SEARCH_INPUTS);
	if (q) text(in, CASE_SEARCH_Q, q);
	if (issue) text(in, CASE_SEARCH_ISSUE, issue);
	if (approach) text(in, CASE_SEARCH_APPROACH, approach);
	if (rung) number(in, CASE_SEARCH_RUNG, rung);
	struct case_study *list;
	size_t n;
	struct app_error err;
	assert_true(app_cases_search(f->s, in, &f->a, &list, &n, &err));
	unsigned bits = 0;
	for (size_t i = 0; i < n; i++) {
		int k = 0;
		while (k < 4 && ids[k] != list[i].id) k++;
		if (k == 4) fail_msg("found an id not written: %lld", (long long)list[i].id);
		bits |= 1u << k;
	}
	return bits;
}

enum { A = 1, B = 2, C = 4, D = 8 };

static void search_finds_words_as_people_mean_them(void **state)
{
	struct store_fx *f = *state;
	int64_t ids[4];
	ids[0] = write_up(f, "Young carers shape the café",
	                  "Young carers met at the local café to redesign support.",
	                  "They chose the times and the place themselves.", "carers", "co_design", 6,
	                  true);
	ids[1] = write_up(f, "Repairs that get done",
	                  "Tenants and carers on housing repairs.",
	                  "Young people and carers met the council every month.", "housing,carers",
	                  "lived_experience_panel", 4, true);
	ids[2] = write_up(f, "A draft about the café",
	                  "Not published: never found, whatever it says about cafés.",
	                  "Young carers again.", "carers", "co_design", 6, false);
	ids[3] = write_up(f, "A crisis line that answers",
	                  "Crisis cafés across the city, open at night.",
	                  "People who had called the line at night shaped it.", "mental_health",
	                  "co_production", 7, true);
	/* accents either way, and plural forms */
	assert_int_equal(found(f, ids, "cafe", NULL, NULL, 0), A | D);
	assert_int_equal(found(f, ids, "CAFÉS", NULL, NULL, 0), A | D);
	assert_int_equal(found(f, ids, "carer", NULL, NULL, 0), A | B);
	assert_int_equal(found(f, ids, "carers council", NULL, NULL, 0), B);
	/* a phrase: the words side by side, not merely both there */
	assert_int_equal(found(f, ids, "\"young carers\"", NULL, NULL, 0), A);
	assert_int_equal(found(f, ids, "young carers", NULL, NULL, 0), A | B);
	/* nothing found; words that hold nothing find nothing, not everything */
	assert_int_equal(found(f, ids, "zebra", NULL, NULL, 0), 0);
	assert_int_equal(found(f, ids, "\"\" ***", NULL, NULL, 0), 0);
	/* no words: every published one */
	assert_int_equal(found(f, ids, NULL, NULL, NULL, 0), A | B | D);
	/* filters, alone and with words */
	assert_int_equal(found(f, ids, NULL, "carers", NULL, 0), A | B);
	assert_int_equal(found(f, ids, NULL, NULL, "lived_experience_panel", 0), B);
	assert_int_equal(found(f, ids, NULL, NULL, NULL, 7), D);
	assert_int_equal(found(f, ids, "carer", "housing", NULL, 0), B);
	assert_int_equal(found(f, ids, "cafe", NULL, NULL, 4), 0);
	/* taken back: no longer found; the draft is the panel's */
	struct app_error err;
	struct case_view v;
	assert_true(app_case_view(f->s, &as_steward, &panel, ids[3], steward, &f->a, &v, &err));
	assert_true(app_case_publish(f->s, &as_steward, &panel, ids[3], v.c.version, false,
	                             NOW + 900, &f->a, &err));
	assert_int_equal(found(f, ids, "cafe", NULL, NULL, 0), A);
	assert_false(app_case_view(f->s, NULL, NULL, ids[2], 0, &f->a, &v, &err));
	assert_int_equal(err.status, 404);
	assert_true(app_case_view(f->s, &as_co, &panel, ids[2], co[0], &f->a, &v, &err));
	/* a change of words is found at once */
	struct input_value in[CASE_INPUTS];
	none(in, CASE_INPUTS);
	assert_true(app_case_view(f->s, &as_co, &panel, ids[1], co[0], &f->a, &v, &err));
	text(in, CASE_IN_TITLE, v.c.title);
	text(in, CASE_IN_BRIEF, "Tenants on repairs, with the zebra crossing outside.");
	text(in, CASE_IN_WHAT_HAPPENED, "They met monthly.");
	number(in, CASE_IN_VERSION, v.c.version);
	assert_true(app_case_edit(f->s, &as_co, &panel, ids[1], in, NOW + 1000, &f->a, &err));
	assert_int_equal(found(f, ids, "zebra", NULL, NULL, 0), B);
	assert_int_equal(found(f, ids, "carer", NULL, NULL, 0), A);
	/* the same save again is stale */
	assert_false(app_case_edit(f->s, &as_co, &panel, ids[1], in, NOW + 1001, &f->a, &err));
	assert_int_equal(err.status, 409);
}

static void people_are_named_only_once_they_agree(void **state)
{
	struct store_fx *f = *state;
	int64_t id = write_up(f, "Named", "Who did it.", "Zofia chaired it.", "", "", 5, true);
	struct input_value in[CASE_PERSON_INPUTS];
	struct app_error err;
	none(in, CASE_PERSON_INPUTS);
	number(in, CASE_PERSON_USER, co[0]);
	text(in, CASE_PERSON_ROLE, "Co-chair");
	assert_true(app_case_person_ask(f->s, &as_co, &panel, id, in, NOW, &f->a, &err));
	assert_false(app_case_person_ask(f->s, &as_co, &panel, id, in, NOW, &f->a, &err));
	assert_int_equal(err.status, 409);
	number(in, CASE_PERSON_USER, outsider);
	assert_false(app_case_person_ask(f->s, &as_co, &panel, id, in, NOW, &f->a, &err));
	assert_int_equal(err.status, 400);
	/* asked, not yet answered: the panel sees the request, the public nobody */
	struct case_view v;
	assert_true(app_case_view(f->s, &as_steward, &panel, id, steward, &f->a, &v, &err));
	assert_int_equal(v.n_people, 1);
	assert_int_equal(v.people[0].agreed_at, 0);
	assert_true(app_case_view(f->s, NULL, NULL, id, 0, &f->a, &v, &err));
	assert_int_equal(v.n_people, 0);
	/* the person asked sees it as theirs; she agrees, then withdraws */
	assert_true(app_case_view(f->s, &as_co, &panel, id, co[0], &f->a, &v, &err));
	assert_non_null(v.mine);
	assert_true(app_case_person_answer(f->s, &panel, id, co[0], true, NOW + 5, &f->a, &err));
	assert_true(app_case_view(f->s, NULL, NULL, id, 0, &f->a, &v, &err));
	assert_int_equal(v.n_people, 1);
	assert_string_equal(v.people[0].name, "Zofia Quill");
	assert_string_equal(v.people[0].role, "Co-chair");
	assert_true(app_case_person_answer(f->s, &panel, id, co[0], false, NOW + 9, &f->a, &err));
	assert_true(app_case_view(f->s, NULL, NULL, id, 0, &f->a, &v, &err));
	assert_int_equal(v.n_people, 0);
	/* someone never asked cannot answer */
	assert_false(app_case_person_answer(f->s, &panel, id, co[1], true, NOW, &f->a, &err));
	assert_int_equal(err.status, 404);
}

static void publishing_asks_for_what_a_reader_needs(void **state)
{
	struct store_fx *f = *state;
	struct input_value in[CASE_INPUTS];
	struct app_error err;
	none(in, CASE_INPUTS);
	number(in, CASE_IN_PROJECT, project);
	int64_t id;
	/* the project's purpose and title come with it */
	assert_true(app_case_create(f->s, &as_co, &panel, co[0], in, NOW, &f->a, &id, &err));
	struct case_view v;
	assert_true(app_case_view(f->s, &as_co, &panel, id, co[0], &f->a, &v, &err));
	assert_string_equal(v.c.title, "Support for young carers");
	assert_string_equal(v.c.sections[CASE_PROBLEMS], "Young carers told us support was hard to find.");
	assert_false(app_case_publish(f->s, &as_steward, &panel, id, v.c.version, true, NOW, &f->a,
	                              &err));
	assert_int_equal(err.status, 400);
	assert_string_equal(err.field, "brief");
	/* co-creators write; only stewards publish */
	assert_false(app_case_publish(f->s, &as_co, &panel, id, v.c.version, true, NOW, &f->a, &err));
	assert_int_equal(err.status, 403);
	/* dates that do not fit together; another panel's project */
	none(in, CASE_INPUTS);
	text(in, CASE_IN_TITLE, "T");
	number(in, CASE_IN_STARTS_ON, 20000);
	number(in, CASE_IN_ENDS_ON, 19000);
	number(in, CASE_IN_VERSION, v.c.version);
	assert_false(app_case_edit(f->s, &as_co, &panel, id, in, NOW, &f->a, &err));
	assert_string_equal(err.field, "ends_on");
	none(in, CASE_INPUTS);
	number(in, CASE_IN_PROJECT, 999999);
	assert_false(app_case_create(f->s, &as_co, &panel, co[0], in, NOW, &f->a, &id, &err));
	assert_int_equal(err.status, 404);
	/* a draft is deleted; a published one must be taken back first */
	int64_t pub = write_up(f, "Out", "Brief.", "Story.", "", "", 3, true);
	assert_false(app_case_delete(f->s, &as_co, &panel, pub, &err));
	assert_int_equal(err.status, 404);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(search_finds_words_as_people_mean_them, setup,
		                                store_fx_teardown),
		cmocka_unit_test_setup_teardown(people_are_named_only_once_they_agree, setup,
		                                store_fx_teardown),
		cmocka_unit_test_setup_teardown(publishing_asks_for_what_a_reader_needs, setup,
		                                store_fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
