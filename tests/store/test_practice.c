/* "How are we doing?" (app/practice.c) on a real store, once per backend:
 * each signal's figures from data built for it, checked against what the
 * test put in, and the edge where there is no data at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "fixture.h"

#define DAY 86400
/* 15 June 2026, noon UTC: the test's "now" */
static int64_t now_at(void) { return civil_day_start(civil_day(2026, 6, 15), "UTC") + 12 * 3600; }

static struct panel panel;
static int64_t steward, co[4], seq;

static int64_t person(struct store_fx *f, enum panel_role role)
{
	char email[64];
	snprintf(email, sizeof email, "q%lld@example.org", (long long)++seq);
	int64_t id;
	assert_int_equal(store_user_create(f->s, email, email, false, 0, &id), ST_OK);
	assert_int_equal(store_membership_put(f->s, panel.id, id, role, MEMBER_ACTIVE, 0), ST_OK);
	return id;
}

static int setup(void **state)
{
	int rc = store_fx_setup(state, "practice");
	if (rc) return rc;
	struct store_fx *f = *state;
	panel = (struct panel){ .name = "P", .time_zone = "UTC", .response_days = 28,
	                        .agenda_days = 7 };
	if (store_panel_create(f->s, &panel, 0, &panel.id) != ST_OK) return -1;
	steward = person(f, ROLE_STEWARD);
	for (int i = 0; i < 4; i++) co[i] = person(f, ROLE_CO_CREATOR);
	return 0;
}

static const struct practice_signal *signal_of(const struct practice_view *v, enum practice_key k)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->signals[i].key == k) return &v->signals[i];
	return NULL;
}

static void view(struct store_fx *f, int64_t project_id, struct practice_view *v)
{
	struct app_error err;
	assert_true(app_practice(f->s, &panel, project_id, now_at(), &f->a, v, &err));
}

/* A meeting starting `days` from now (negative: past). */
static int64_t meeting(struct store_fx *f, int64_t project_id, int days)
{
	int64_t starts = now_at() + days * DAY;
	struct meeting m = { .panel_id = panel.id, .project_id = project_id, .title = "M",
	                     .starts_at = starts, .ends_at = starts + 7200, .place = "Hall",
	                     .agenda_due_at = starts - 7 * DAY };
	int64_t id;
	assert_int_equal(store_meeting_create(f->s, &m, steward, starts - 30 * DAY, &id), ST_OK);
	return id;
}

static void no_data_at_all(void **state)
{
	struct store_fx *f = *state;
	struct practice_view v;
	view(f, 0, &v);
	assert_int_equal(v.n, PS__COUNT);
	for (size_t i = 0; i < v.n; i++)
		if (v.signals[i].state != PRACTICE_NO_DATA)
			fail_msg("%s: says something with no data", practice_defs[v.signals[i].key].key);
	/* members, but no places */
	assert_int_equal(signal_of(&v, PS_CONCENTRATION)->f.of, 5);
	/* another panel's project is none of this one's */
	struct app_error err;
	assert_false(app_practice(f->s, &panel, 999999, now_at(), &f->a, &v, &err));
	assert_int_equal(err.status, 404);
}

static void the_agenda_and_its_papers(void **state)
{
	struct store_fx *f = *state;
	int64_t m = meeting(f, 0, -3);
	/* two items by the steward, one by a co-creator agreed; one left off */
	int64_t items[4];
	const int64_t by[4] = { steward, steward, co[0], co[1] };
	for (int i = 0; i < 4; i++)
		assert_int_equal(store_agenda_propose(f->s, m, "Item", "", "", by[i],
		                                      now_at() - 20 * DAY, &items[i]), ST_OK);
	struct agenda_decision d[4];
	for (int i = 0; i < 4; i++)
		d[i] = (struct agenda_decision){ items[i], i < 3 ? ITEM_AGREED : ITEM_NOT_TAKEN,
		                                 i < 3 ? i + 1 : 0, i < 3 ? "" : "Next time" };
	assert_int_equal(store_agenda_publish(f->s, m, d, 4, now_at() - 12 * DAY), ST_OK);
	/* papers: one 9 days before (in time), one 2 days before (late), one a draft */
	int64_t starts = now_at() - 3 * DAY;
	const int64_t published[3] = { starts - 9 * DAY, starts - 2 * DAY, 0 };
	for (int i = 0; i < 3; i++) {
		struct paper p = { .meeting_id = m, .title = "Paper", .summary = "S", .markdown = "# P",
		                   .content_note = "", .published_at = published[i] };
		int64_t id;
		assert_int_equal(store_paper_add(f->s, &p, steward, starts - 20 * DAY, &id), ST_OK);
	}
	struct practice_view v;
	view(f, 0, &v);
	const struct practice_signal *a = signal_of(&v, PS_AGENDA), *p = signal_of(&v, PS_PAPERS_LATE);
	assert_int_equal(a->f.of, 3);
	assert_int_equal(a->f.n, 1);
	assert_int_equal(a->state, PRACTICE_LOOK);
	/* the draft (added after the agenda was out) is not counted */
	assert_int_equal(p->f.of, 2);
	assert_int_equal(p->f.n, 1);
	assert_int_equal(p->state, PRACTICE_LOOK);
}

static void places_unevenly_shared(void **state)
{
	struct store_fx *f = *state;
	/* two opportunities of one place each, both to co[0] */
	for (int k = 0; k < 2; k++) {
		struct opportunity o = { .panel_id = panel.id, .title = "O", .asks = "", .place = "",
		                         .characteristics = "", .places = 1,
		                         .closes_at = now_at() - DAY, .created_by = steward };
		int64_t oid, did;
		assert_int_equal(store_opportunity_create(f->s, &o, now_at() - 10 * DAY, &oid), ST_OK);
		struct draw d = { .opportunity_id = oid, .algorithm = "leximin", .places = 1,
		                  .problem = "", .lottery = "", .lottery_sha256 = "", .number = -1,
		                  .explanation = "", .prepared_at = now_at() - 2 * DAY,
		                  .prepared_by = steward };
		struct draw_person dp[2] = { { co[0], 500000, 500, false, false },
		                             { co[1], 500000, 500, false, false } };
		assert_int_equal(store_draw_add(f->s, &d, dp, 2, &did), ST_OK);
		d.id = did;
		assert_int_equal(store_draw_number(f->s, &d, 7, "", steward, &co[0], 1,
		                                   now_at() - DAY), ST_OK);
	}
	struct practice_view v;
	view(f, 0, &v);
	const struct practice_signal *c = signal_of(&v, PS_CONCENTRATION);
	/* five active members {0, 0, 0, 0, 2}: 2*10/(5*2) - 6/5 = 0.8 */
	assert_int_equal(c->f.of, 5);
	assert_int_equal(c->f.n, 1);
	assert_int_equal(c->f.value, 800);
	assert_int_equal(c->state, PRACTICE_LOOK);
	/* a place given up is not one held */
	struct opportunity *os;
	size_t n;
	assert_int_equal(store_opportunities(f->s, panel.id, &f->a, &os, &n), ST_OK);
	assert_int_equal(store_place_drop(f->s, os[0].id, co[0], now_at()), ST_OK);
	view(f, 0, &v);
	assert_int_equal(signal_of(&v, PS_CONCENTRATION)->f.value, 800); /* {0,0,0,0,1} */
	/* and a project's view has no places or pay */
	struct project pr = { .panel_id = panel.id, .title = "Pr", .purpose = "", .decision_maker = "",
	                      .stage = STAGE_SHAPING };
	int64_t pid;
	assert_int_equal(store_project_create(f->s, &pr, steward, now_at(), &pid), ST_OK);
	view(f, pid, &v);
	assert_null(signal_of(&v, PS_CONCENTRATION));
	assert_null(signal_of(&v, PS_PAY_LATE));
	assert_int_equal(v.n, PS__COUNT - 2);
}

static void projects_late_unclosed_and_unshown(void **state)
{
	struct store_fx *f = *state;
	/* A: rung at delivery only (late start), evaluation with no closing
	 * reflection, a rung of 6 but no meeting or contribution.
	 * B: rungs from shaping, a meeting held: nothing to look at. */
	struct project a = { .panel_id = panel.id, .title = "A", .purpose = "", .decision_maker = "",
	                     .stage = STAGE_EVALUATION };
	struct project b = a;
	b.title = "B";
	b.stage = STAGE_DELIVERY;
	int64_t ia, ib;
	assert_int_equal(store_project_create(f->s, &a, steward, now_at(), &ia), ST_OK);
	assert_int_equal(store_project_create(f->s, &b, steward, now_at(), &ib), ST_OK);
	assert_int_equal(store_project_rung_set(f->s, ia, STAGE_DELIVERY, 6, "Said so", steward,
	                                        now_at()), ST_OK);
	assert_int_equal(store_project_rung_set(f->s, ib, STAGE_SHAPING, 6, "Workshops", steward,
	                                        now_at()), ST_OK);
	meeting(f, ib, -5);
	struct practice_view v;
	view(f, 0, &v);
	const struct practice_signal *late = signal_of(&v, PS_LATE_START),
	                             *closing = signal_of(&v, PS_NO_CLOSING),
	                             *shown = signal_of(&v, PS_NO_EVIDENCE);
	assert_int_equal(late->f.of, 2);
	assert_int_equal(late->f.n, 1);
	assert_int_equal(late->state, PRACTICE_LOOK);
	assert_int_equal(closing->f.of, 1);
	assert_int_equal(closing->f.n, 1);
	assert_int_equal(shown->f.of, 2);
	assert_int_equal(shown->f.n, 1);
	/* B on its own: fine on each */
	view(f, ib, &v);
	assert_int_equal(signal_of(&v, PS_LATE_START)->state, PRACTICE_FINE);
	assert_int_equal(signal_of(&v, PS_NO_CLOSING)->state, PRACTICE_NO_DATA);
	assert_int_equal(signal_of(&v, PS_NO_EVIDENCE)->state, PRACTICE_FINE);
	/* A's closing reflection written, and a contribution made */
	assert_int_equal(store_project_close(f->s, panel.id, ia, "We learnt", "n", "/", steward,
	                                     now_at()), ST_OK);
	struct contribution_new cn = { .panel_id = panel.id, .project_id = ia, .kind = KIND_IDEA,
	                               .body = "An idea", .attribution = ATTR_NAMED, .group_name = "",
	                               .author_id = co[0], .owner_id = steward,
	                               .due_at = now_at() + 28 * DAY };
	int64_t cid;
	assert_int_equal(store_contribution_add(f->s, &cn, now_at(), &cid), ST_OK);
	view(f, ia, &v);
	assert_int_equal(signal_of(&v, PS_NO_CLOSING)->state, PRACTICE_FINE);
	assert_int_equal(signal_of(&v, PS_NO_EVIDENCE)->state, PRACTICE_FINE);
	assert_int_equal(signal_of(&v, PS_OVERDUE)->f.of, 1);
	assert_int_equal(signal_of(&v, PS_OVERDUE)->state, PRACTICE_FINE);
	/* past its due time with no outcome: an answer owed */
	struct app_error err;
	struct practice_view later;
	assert_true(app_practice(f->s, &panel, ia, now_at() + 30 * DAY, &f->a, &later, &err));
	assert_int_equal(signal_of(&later, PS_OVERDUE)->f.n, 1);
	assert_int_equal(signal_of(&later, PS_OVERDUE)->state, PRACTICE_LOOK);
}

/* Five answers of felt heard to each of meetings in two quarters: the
 * later quarter's average against the earlier one's. */
static void felt_heard_quarter_against_quarter(void **state)
{
	struct store_fx *f = *state;
	/* 5 more people, so that ten can answer */
	int64_t people[8] = { co[0], co[1], co[2], co[3] };
	for (int i = 4; i < 8; i++) people[i] = person(f, ROLE_CO_CREATOR);
	const int earlier[5] = { 5, 4, 4, 4, 3 }, later[5] = { 3, 3, 4, 2, 3 };
	const int days[2] = { -100, -20 };    /* March and May 2026 */
	for (int q = 0; q < 2; q++) {
		int64_t m = meeting(f, 0, days[q]);
		for (int i = 0; i < 5; i++) {
			assert_int_equal(store_meeting_attended(f->s, m, people[i], true,
			                                        now_at() + days[q] * DAY + 60), ST_OK);
			struct reflection r = { .felt_heard = q ? later[i] : earlier[i],
			                        .info_in_time = YPN_YES, .felt_safe = YPN_YES,
			                        .should_change = "" };
			assert_int_equal(store_reflection_add(f->s, m, people[i], &r), ST_OK);
		}
	}
	struct practice_view v;
	view(f, 0, &v);
	const struct practice_signal *h = signal_of(&v, PS_FELT_HEARD);
	assert_int_equal(h->f.value, 30);      /* 15/5 */
	assert_int_equal(h->f.before, 40);     /* 20/5 */
	assert_int_equal(h->f.n, 2026 * 4 + 1); /* the later: April to June */
	assert_int_equal(h->state, PRACTICE_LOOK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_data_at_all, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(the_agenda_and_its_papers, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(places_unevenly_shared, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(projects_late_unclosed_and_unshown, setup,
		                                store_fx_teardown),
		cmocka_unit_test_setup_teardown(felt_heard_quarter_against_quarter, setup,
		                                store_fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
