/* Funder reports (app/reports.c, store/reports.c, core/report.c) on a real
 * store, once per backend: every figure of a report built on data made for
 * it, checked against what the test put in and against the store's other
 * reads; the differencing attack on the pay figures, which fails; which
 * shared reports may stand together; a shared report frozen while the
 * data moves on; who sees drafts; and a panel with nothing yet.
 *
 * The panel's zone is Europe/London; "now" is 15 June 2026; the reports
 * cover the first quarter of 2026. */
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
#define ZONE "Europe/London"
static int64_t day(int y, int m, int d) { return civil_day(y, m, d); }
static int64_t at(int y, int m, int d, int h) { return civil_day_start(day(y, m, d), ZONE) + h * 3600; }
static int64_t now_at(void) { return at(2026, 6, 15, 12); }

static struct panel panel;
static int64_t steward, guest, co[14], project_a, project_b, seq;
static const struct panel_actor as_steward = { ROLE_STEWARD, MEMBER_ACTIVE, HOSTING_ORGANISATION,
                                               false, false };
static const struct panel_actor as_co_creator = { ROLE_CO_CREATOR, MEMBER_ACTIVE,
                                                  HOSTING_ORGANISATION, false, false };

static int64_t person(struct store_fx *f, enum panel_role role)
{
	char email[64];
	snprintf(email, sizeof email, "r%lld@example.org", (long long)++seq);
	int64_t id;
	assert_int_equal(store_user_create(f->s, email, email, false, 0, &id), ST_OK);
	assert_int_equal(store_membership_put(f->s, panel.id, id, role, MEMBER_ACTIVE, 0), ST_OK);
	return id;
}

static int64_t project(struct store_fx *f, const char *title)
{
	struct project p = { .panel_id = panel.id, .title = title, .purpose = "", .decision_maker = "",
	                     .closing_reflection = "" };
	int64_t id;
	assert_int_equal(store_project_create(f->s, &p, steward, at(2025, 12, 1, 9), &id), ST_OK);
	return id;
}

static int setup(void **state)
{
	int rc = store_fx_setup(state, "reports");
	if (rc) return rc;
	struct store_fx *f = *state;
	panel = (struct panel){ .name = "Report panel", .time_zone = ZONE, .response_days = 28,
	                        .agenda_days = 7 };
	if (store_panel_create(f->s, &panel, 0, &panel.id) != ST_OK) return -1;
	steward = person(f, ROLE_STEWARD);
	guest = person(f, ROLE_GUEST);
	for (int i = 0; i < 14; i++) co[i] = person(f, ROLE_CO_CREATOR);
	project_a = project(f, "Project A");
	project_b = project(f, "Project B");
	return 0;
}

/* A two-hour meeting of project_id starting at t, attended by who[0..n). */
static int64_t meeting(struct store_fx *f, int64_t project_id, int64_t t, const int64_t *who,
                       size_t n)
{
	struct meeting m = { .panel_id = panel.id, .project_id = project_id, .title = "M",
	                     .starts_at = t, .ends_at = t + 7200, .place = "Hall",
	                     .agenda_due_at = t - 7 * DAY };
	int64_t id;
	assert_int_equal(store_meeting_create(f->s, &m, steward, t - 30 * DAY, &id), ST_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(store_meeting_attended(f->s, id, who[i], true, t + 7300), ST_OK);
	return id;
}

/* A claim of amount for payee, claimed on `claimed` and paid `days` later
 * by method. */
static void paid(struct store_fx *f, int64_t payee, int64_t amount, int64_t claimed, int days,
                 enum pay_method method)
{
	struct pay_claim c = { .panel_id = panel.id, .user_id = payee, .kind = CLAIM_WORK,
	                       .description = "Work", .work_day = claimed, .unit = UNIT_HOUR,
	                       .quantity = 60, .amount = amount, .currency = "GBP",
	                       .created_by = steward, .claimed_day = claimed };
	char key[64];
	int64_t id, entry, run;
	enum pay_outcome out;
	snprintf(key, sizeof key, "k:claim:%lld", (long long)++seq);
	assert_int_equal(store_pay_claim_add(f->s, &c, key, now_at(), &id, &out), ST_OK);
	struct pay_step st = { .panel_id = panel.id, .claim_id = id, .step = STEP_APPROVE,
	                       .key = arena_printf(&f->a, "k:approve:%lld", (long long)++seq),
	                       .reason = "", .method = method, .pay_day = claimed + days,
	                       .by = steward };
	assert_int_equal(store_pay_claim_step(f->s, &st, now_at(), &entry, &out), ST_OK);
	assert_int_equal(out, PAY_DONE);
	assert_int_equal(store_pay_run_create(f->s, panel.id, "", &id, 1,
	                                      arena_printf(&f->a, "k:run:%lld", (long long)++seq),
	                                      steward, claimed + days, now_at(), &run, &out),
	                 ST_OK);
	assert_int_equal(store_pay_run_mark_paid(f->s, panel.id, run, claimed + days,
	                                         arena_printf(&f->a, "k:paid:%lld", (long long)++seq),
	                                         steward, now_at(), &out), ST_OK);
	assert_int_equal(out, PAY_DONE);
}

static void configure_pay(struct store_fx *f)
{
	struct pay_policy p;
	assert_int_equal(store_pay_policy_get(f->s, panel.id, &f->a, &p), ST_OK);
	p.rates = (struct pay_rates){ 2500, 7500, 15000 };
	p.target_days = 14;
	assert_int_equal(store_pay_policy_put(f->s, &p, now_at()), ST_OK);
}

static int64_t create(struct store_fx *f, int64_t project_id, int64_t from, int64_t to)
{
	struct input_value in[REPORT_INPUTS] = {
		[REPORT_TITLE] = { true, "For the funder", 0, NULL, 0 },
		[REPORT_PROJECT] = { project_id != 0, "", project_id, NULL, 0 },
		[REPORT_FROM] = { true, "", from, NULL, 0 },
		[REPORT_TO] = { true, "", to, NULL, 0 },
	};
	struct app_error err;
	int64_t id = 0;
	if (!app_report_create(f->s, &as_steward, &panel, steward, in, now_at(), &f->a, &id, &err))
		fail_msg("create: %d %s", err.status, err.message);
	return id;
}

static json_t *doc_of(struct store_fx *f, int64_t id, const struct panel_actor *who)
{
	struct report_view v;
	struct app_error err;
	if (!app_report_view(f->s, who, &panel, id, now_at(), &f->a, &v, &err))
		fail_msg("view: %d %s", err.status, err.message);
	return v.doc;
}

static json_t *at_path(json_t *j, const char *a, const char *b)
{
	j = json_object_get(j, a);
	return b ? json_object_get(j, b) : j;
}

static int64_t num(json_t *j, const char *a, const char *b)
{
	json_t *v = at_path(j, a, b);
	if (!json_is_integer(v)) fail_msg("%s.%s is not a number", a, b ? b : "");
	return json_integer_value(v);
}

static bool held(json_t *j)
{
	return json_is_null(j);
}

/* The pay data: 12 people paid by bank (2 of them late), 3 by voucher;
 * one payment outside the quarter. */
static void pay_data(struct store_fx *f)
{
	configure_pay(f);
	for (int i = 0; i < 12; i++)
		paid(f, co[i], 5000, day(2026, 2, 2), i < 2 ? 20 : 10, METHOD_BANK);
	paid(f, co[12], 2000, day(2026, 2, 10), 5, METHOD_VOUCHER);
	paid(f, co[13], 2000, day(2026, 2, 10), 5, METHOD_VOUCHER);
	paid(f, steward, 2000, day(2026, 2, 10), 5, METHOD_VOUCHER);
	paid(f, co[0], 9999, day(2026, 4, 2), 3, METHOD_BANK); /* April: not in the quarter */
}

static void figures_from_data_built_for_them(void **state)
{
	struct store_fx *f = *state;
	/* A: six came to one meeting and four of them to another; B: three
	 * others; a guest came too (not one of the panel's own); one meeting
	 * in April is outside the quarter */
	int64_t m1 = meeting(f, project_a, at(2026, 2, 3, 10), co, 6);
	meeting(f, project_a, at(2026, 2, 17, 10), co, 4);
	meeting(f, project_b, at(2026, 3, 10, 10), co + 6, 3);
	meeting(f, project_b, at(2026, 4, 10, 10), co, 10);
	assert_int_equal(store_meeting_attended(f->s, m1, guest, true, at(2026, 2, 3, 13)), ST_OK);
	/* five reflections on the first meeting: released; felt heard 4,4,3,5,4 */
	const int heard[5] = { 4, 4, 3, 5, 4 };
	for (int i = 0; i < 5; i++) {
		struct reflection r = { .felt_heard = heard[i], .info_in_time = i ? YPN_YES : YPN_NO,
		                        .felt_safe = YPN_YES, .should_change = "" };
		assert_int_equal(store_reflection_add(f->s, m1, co[i], &r), ST_OK);
	}
	/* A: six contributions in February by six people; two adopted, one not */
	int64_t cids[6];
	for (int i = 0; i < 6; i++) {
		struct contribution_new cn = { .panel_id = panel.id, .project_id = project_a,
		                               .kind = KIND_IDEA, .body = "An idea",
		                               .attribution = ATTR_NAMED, .group_name = "",
		                               .author_id = co[i], .owner_id = steward,
		                               .due_at = at(2026, 3, 1, 12) };
		assert_int_equal(store_contribution_add(f->s, &cn, at(2026, 2, 4, 9 + i), &cids[i]),
		                 ST_OK);
	}
	struct response_record rr = { .panel_id = panel.id, .status = RS_ADOPTED,
	                              .decided_at = at(2026, 2, 20, 9), .written_by = steward,
	                              .what_done = "Done", .reason = "", .referred_to = "",
	                              .decided_by = "Board" };
	int64_t rid;
	assert_int_equal(store_response_add(f->s, &rr, cids, 2, "n", "/", "s", "b",
	                                    at(2026, 2, 20, 9), &rid), ST_OK);
	rr.status = RS_NOT_ADOPTED;
	rr.reason = "No money";
	assert_int_equal(store_response_add(f->s, &rr, cids + 2, 1, "n", "/", "s", "b",
	                                    at(2026, 2, 21, 9), &rid), ST_OK);
	pay_data(f);

	int64_t id = create(f, 0, day(2026, 1, 1), day(2026, 3, 31));
	json_t *d = doc_of(f, id, &as_steward);
	assert_string_equal(json_string_value(at_path(d, "report", "state")), "draft");
	assert_string_equal(json_string_value(at_path(d, "report", "from")), "2026-01-01");
	assert_string_equal(json_string_value(at_path(d, "report", "to")), "2026-03-31");
	/* involvement: 3 meetings in the quarter; 9 members (not the guest);
	 * (6 + 4 + 3) two-hour attendances */
	assert_int_equal(num(d, "involvement", "meetings"), 3);
	assert_int_equal(num(d, "involvement", "people"), 9);
	assert_string_equal(json_string_value(at_path(d, "involvement", "hours")), "26.0");
	/* contributions */
	assert_int_equal(num(d, "contributions", "made"), 6);
	assert_int_equal(num(d, "contributions", "people"), 6);
	assert_int_equal(num(d, "contributions", "adopted"), 2);
	assert_int_equal(num(d, "contributions", "not_adopted"), 1);
	assert_int_equal(num(d, "contributions", "waiting_past_due"), 3);
	/* reflections: 5 released, felt heard 20 / 5, one said no to information in time */
	assert_int_equal(num(d, "reflections", "released"), 5);
	assert_string_equal(json_string_value(at_path(d, "reflections", "felt_heard_average")),
	                    "4.0");
	assert_int_equal(num(at_path(d, "reflections", "information_in_time"), "no", NULL), 1);
	/* pay: the total against the store's own list of paid claims */
	json_t *pay = json_object_get(d, "pay");
	struct pay_claim *claims;
	size_t n_claims;
	assert_int_equal(store_pay_claims_list(f->s, PCS_PANEL, panel.id, CLAIM_PAID, 0, 1000, &f->a,
	                                       &claims, &n_claims), ST_OK);
	int64_t in_quarter = 0, amount = 0;
	for (size_t i = 0; i < n_claims; i++)
		if (claims[i].state == CLAIM_PAID && claims[i].pay_day >= day(2026, 1, 1) &&
		    claims[i].pay_day <= day(2026, 3, 31)) {
			in_quarter++;
			amount += claims[i].amount;
		}
	assert_int_equal(in_quarter, 15);
	assert_int_equal(num(json_object_get(pay, "total"), "payments", NULL), in_quarter);
	assert_int_equal(num(json_object_get(pay, "total"), "amount_minor", NULL), amount);
	assert_int_equal(num(json_object_get(pay, "total"), "people", NULL), 15);
	assert_int_equal(num(pay, "median_days_to_pay", NULL), 10);
	assert_int_equal(num(pay, "target_days", NULL), 14);
	/* the ladder names both projects; a project's standards only in its own */
	assert_int_equal(json_array_size(json_object_get(d, "ladder")), 2);
	assert_true(json_is_null(json_object_get(d, "standards")));
	json_decref(d);

	/* project A: its own meetings and contributions; no pay */
	id = create(f, project_a, day(2026, 1, 1), day(2026, 3, 31));
	d = doc_of(f, id, &as_steward);
	assert_int_equal(num(d, "involvement", "meetings"), 2);
	assert_int_equal(num(d, "involvement", "people"), 6);
	assert_string_equal(json_string_value(at_path(d, "involvement", "hours")), "20.0");
	assert_true(json_is_null(json_object_get(d, "pay")));
	assert_int_equal(json_array_size(json_object_get(d, "standards")), standard_count);
	json_decref(d);
	/* project B: three people, so neither they nor their hours are shown */
	id = create(f, project_b, day(2026, 1, 1), day(2026, 3, 31));
	d = doc_of(f, id, &as_steward);
	assert_int_equal(num(d, "involvement", "meetings"), 1);
	assert_true(held(at_path(d, "involvement", "people")));
	assert_true(held(at_path(d, "involvement", "hours")));
	json_decref(d);
}

/* The attack: a held-back cell worked out from those shown (the total
 * less the other ways; the total less the late ones). It must fail. */
static void a_held_back_cell_cannot_be_worked_out(void **state)
{
	struct store_fx *f = *state;
	pay_data(f);
	int64_t id = create(f, 0, day(2026, 1, 1), day(2026, 3, 31));
	json_t *d = doc_of(f, id, &as_steward);
	json_t *pay = json_object_get(d, "pay"), *ways = json_object_get(pay, "by_way");
	/* the sweep can see: the voucher's 3 people and 2 late ones are there */
	assert_true(held(at_path(ways, pay_method_key(METHOD_VOUCHER), "people")));
	assert_true(held(at_path(pay, "paid_late", "people")));
	assert_true(held(at_path(pay, "paid_late", "payments")));
	const char *keys[] = { "people", "payments", "amount_minor" };
	for (int k = 0; k < 3; k++) {
		/* the voucher's cell from the total less every other way */
		json_t *total = at_path(pay, "total", keys[k]);
		bool all_shown = json_is_integer(total);
		int64_t rest = all_shown ? json_integer_value(total) : 0;
		for (int m = 0; m < METHOD__COUNT; m++) {
			if (m == METHOD_VOUCHER) continue;
			json_t *v = at_path(ways, pay_method_key((enum pay_method)m), keys[k]);
			all_shown = all_shown && json_is_integer(v);
			if (json_is_integer(v)) rest -= json_integer_value(v);
		}
		if (all_shown)
			fail_msg("the voucher's %s is the total less the rest: %lld", keys[k],
			         (long long)rest);
	}
	/* what is shown is what the data says: the bank cell went with it */
	assert_int_equal(num(json_object_get(pay, "total"), "people", NULL), 15);
	assert_true(held(at_path(ways, pay_method_key(METHOD_BANK), "people")));
	assert_int_equal(num(json_object_get(ways, "training"), "people", NULL), 0);
	json_decref(d);

	/* and in the pure rule, the late ones: 3 paid late of 8 hides them,
	 * and 7 of 8 hides them too (the one on time is the difference) */
	struct report_payment p[8];
	for (int i = 0; i < 8; i++) p[i] = (struct report_payment){ i + 1, METHOD_BANK, 100, i < 3 ? 30 : 1 };
	struct report_pay r;
	report_pay_figures(p, 8, 14, &r);
	assert_int_equal(r.total.people, 8);
	assert_int_equal(r.late.people, -1);
	for (int i = 0; i < 8; i++) p[i].days = i < 7 ? 30 : 1;
	report_pay_figures(p, 8, 14, &r);
	assert_int_equal(r.total.people, 8);
	assert_int_equal(r.late.people, -1);
	/* 5 late of 10: both shown, since 5 on time is no small group */
	struct report_payment q[10];
	for (int i = 0; i < 10; i++) q[i] = (struct report_payment){ i + 1, METHOD_BANK, 100, i < 5 ? 30 : 1 };
	report_pay_figures(q, 10, 14, &r);
	assert_int_equal(r.late.people, 5);
	assert_int_equal(r.late.payments, 5);
	assert_int_equal(r.by_method[METHOD_BANK].amount, 1000);
}

static bool share(struct store_fx *f, int64_t id, struct app_error *err)
{
	struct report_view v;
	assert_true(app_report_view(f->s, &as_steward, &panel, id, now_at(), &f->a, &v, err));
	json_decref(v.doc);
	return app_report_share(f->s, &as_steward, &panel, id, v.report.version, now_at(), &f->a,
	                        err);
}

static void shared_reports_stand_together_only_safely(void **state)
{
	struct store_fx *f = *state;
	struct app_error err;
	int64_t q1 = day(2026, 1, 1), q1_end = day(2026, 3, 31);
	int64_t a = create(f, project_a, q1, q1_end), b = create(f, project_b, q1, q1_end);
	int64_t whole = create(f, 0, q1, q1_end), shifted = create(f, project_a, day(2026, 2, 1),
	                                                           day(2026, 4, 30));
	int64_t next = create(f, 0, day(2026, 4, 1), day(2026, 6, 14));
	assert_true(share(f, a, &err));
	assert_true(share(f, b, &err));             /* the same days, another project */
	assert_false(share(f, whole, &err));        /* the panel over A's days: A's difference */
	assert_int_equal(err.status, 409);
	assert_string_equal(err.code, "overlaps");
	assert_non_null(strstr(err.message, "The report \"For the funder\", already shared"));
	assert_false(share(f, shifted, &err));      /* A again over some of its days */
	assert_int_equal(err.status, 409);
	assert_true(share(f, next, &err));          /* days nobody covered */
	assert_false(share(f, a, &err));            /* shared once */
	assert_int_equal(err.status, 409);
	/* a shared report stays; a draft goes */
	assert_false(app_report_delete(f->s, &as_steward, &panel, a, &err));
	assert_int_equal(err.status, 404);
	assert_true(app_report_delete(f->s, &as_steward, &panel, whole, &err));
	assert_false(app_report_delete(f->s, &as_steward, &panel, whole, &err));
	/* a shared report cannot be edited */
	struct input_value in[REPORT_SECTION_INPUTS] = {
		[REPORT_SECTION_TITLE] = { true, "New title", 0, NULL, 0 },
		[REPORT_SECTION_AIM] = { true, "", 0, NULL, 0 },
		[REPORT_SECTION_METHODS] = { true, "", 0, NULL, 0 },
		[REPORT_SECTION_RESULTS] = { true, "", 0, NULL, 0 },
		[REPORT_SECTION_CHANGES] = { true, "", 0, NULL, 0 },
		[REPORT_SECTION_REFLECTION] = { true, "", 0, NULL, 0 },
		[REPORT_SECTION_VERSION] = { true, "", 2, NULL, 0 },
	};
	assert_false(app_report_edit(f->s, &as_steward, &panel, a, in, now_at(), &f->a, &err));
	assert_int_equal(err.status, 409);
}

static void a_shared_report_is_frozen_and_drafts_are_the_stewards(void **state)
{
	struct store_fx *f = *state;
	struct app_error err;
	pay_data(f);
	int64_t id = create(f, 0, day(2026, 1, 1), day(2026, 3, 31));
	/* edit the sections, at the version read; a stale version is refused */
	struct input_value in[REPORT_SECTION_INPUTS] = {
		[REPORT_SECTION_TITLE] = { true, "Q1 for the Fund", 0, NULL, 0 },
		[REPORT_SECTION_AIM] = { true, "To hear from carers.", 0, NULL, 0 },
		[REPORT_SECTION_METHODS] = { true, "", 0, NULL, 0 },
		[REPORT_SECTION_RESULTS] = { true, "Few changes came of it.", 0, NULL, 0 },
		[REPORT_SECTION_CHANGES] = { true, "", 0, NULL, 0 },
		[REPORT_SECTION_REFLECTION] = { true, "We started late.", 0, NULL, 0 },
		[REPORT_SECTION_VERSION] = { true, "", 1, NULL, 0 },
	};
	assert_true(app_report_edit(f->s, &as_steward, &panel, id, in, now_at(), &f->a, &err));
	assert_false(app_report_edit(f->s, &as_steward, &panel, id, in, now_at(), &f->a, &err));
	assert_int_equal(err.status, 409);
	/* a co-creator may not write, nor see a draft */
	assert_false(app_report_edit(f->s, &as_co_creator, &panel, id, in, now_at(), &f->a, &err));
	assert_int_equal(err.status, 403);
	struct report_view v;
	assert_false(app_report_view(f->s, &as_co_creator, &panel, id, now_at(), &f->a, &v, &err));
	assert_int_equal(err.status, 404);
	struct funder_report *list;
	size_t n;
	assert_true(app_reports(f->s, &as_co_creator, &panel, &f->a, &list, &n, &err));
	assert_int_equal(n, 0);
	assert_true(share(f, id, &err));
	assert_true(app_reports(f->s, &as_co_creator, &panel, &f->a, &list, &n, &err));
	assert_int_equal(n, 1);
	json_t *before = doc_of(f, id, &as_co_creator);
	assert_string_equal(json_string_value(at_path(before, "report", "state")), "shared");
	assert_string_equal(json_string_value(at_path(before, "sections", "reflection")),
	                    "We started late.");
	/* the data moves on: a payment recorded late, in March */
	paid(f, co[5], 7777, day(2026, 3, 2), 4, METHOD_BANK);
	json_t *after = doc_of(f, id, &as_co_creator);
	assert_true(json_equal(before, after));
	assert_int_equal(num(json_object_get(json_object_get(after, "pay"), "total"), "payments",
	                     NULL), 15);
	/* a new draft over the same days sees it, and may not be shared */
	int64_t again = create(f, 0, day(2026, 1, 1), day(2026, 3, 31));
	json_t *now = doc_of(f, again, &as_steward);
	assert_int_equal(num(json_object_get(json_object_get(now, "pay"), "total"), "payments",
	                     NULL), 16);
	assert_false(share(f, again, &err));
	assert_int_equal(err.status, 409);
	json_decref(before);
	json_decref(after);
	json_decref(now);
}

static void bad_periods_are_refused(void **state)
{
	struct store_fx *f = *state;
	struct app_error err;
	int64_t id;
	struct input_value in[REPORT_INPUTS] = {
		[REPORT_TITLE] = { true, "T", 0, NULL, 0 },
		[REPORT_PROJECT] = { false, "", 0, NULL, 0 },
		[REPORT_FROM] = { true, "", day(2026, 3, 1), NULL, 0 },
		[REPORT_TO] = { true, "", day(2026, 2, 1), NULL, 0 },
	};
	assert_false(app_report_create(f->s, &as_steward, &panel, steward, in, now_at(), &f->a, &id,
	                               &err));
	assert_int_equal(err.status, 400);
	assert_string_equal(err.field, "to");
	in[REPORT_TO].number = day(2026, 6, 16); /* tomorrow */
	assert_false(app_report_create(f->s, &as_steward, &panel, steward, in, now_at(), &f->a, &id,
	                               &err));
	assert_string_equal(err.field, "to");
	in[REPORT_TO].number = day(2026, 6, 15);
	in[REPORT_FROM].number = day(2020, 1, 1);
	assert_false(app_report_create(f->s, &as_steward, &panel, steward, in, now_at(), &f->a, &id,
	                               &err));
	assert_string_equal(err.field, "from");
	in[REPORT_FROM].number = day(2026, 1, 1);
	in[REPORT_PROJECT] = (struct input_value){ true, "", 99999, NULL, 0 };
	assert_false(app_report_create(f->s, &as_steward, &panel, steward, in, now_at(), &f->a, &id,
	                               &err));
	assert_int_equal(err.status, 404);
	in[REPORT_PROJECT] = (struct input_value){ false, "", 0, NULL, 0 };
	assert_false(app_report_create(f->s, &as_co_creator, &panel, co[0], in, now_at(), &f->a,
	                               &id, &err));
	assert_int_equal(err.status, 403);
}

/* A panel with nothing yet: every figure says so, none is made up. */
static void nothing_yet(void **state)
{
	struct store_fx *f = *state;
	int64_t id = create(f, 0, day(2026, 1, 1), day(2026, 3, 31));
	json_t *d = doc_of(f, id, &as_steward);
	assert_int_equal(num(d, "involvement", "meetings"), 0);
	assert_int_equal(num(d, "involvement", "people"), 0);
	assert_string_equal(json_string_value(at_path(d, "involvement", "hours")), "0.0");
	assert_int_equal(num(d, "contributions", "made"), 0);
	assert_true(json_is_null(json_object_get(d, "pay"))); /* no pay policy yet */
	assert_int_equal(num(d, "reflections", "released"), 0);
	assert_true(json_is_null(at_path(d, "reflections", "felt_heard_average")));
	assert_int_equal(json_array_size(json_object_get(d, "representation")), 0);
	/* the sections: the aim and methods from the figures; results none */
	const char *methods = json_string_value(at_path(d, "sections", "methods"));
	assert_non_null(strstr(methods, "0 meetings were held."));
	assert_string_equal(json_string_value(at_path(d, "sections", "results")), "");
	json_decref(d);
	/* pay configured, nobody paid: zeros, and no median */
	configure_pay(f);
	id = create(f, 0, day(2026, 1, 1), day(2026, 3, 31));
	d = doc_of(f, id, &as_steward);
	assert_int_equal(num(json_object_get(json_object_get(d, "pay"), "total"), "people", NULL), 0);
	assert_true(json_is_null(at_path(json_object_get(d, "pay"), "median_days_to_pay", NULL)));
	json_decref(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(figures_from_data_built_for_them, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(a_held_back_cell_cannot_be_worked_out, setup,
		                                store_fx_teardown),
		cmocka_unit_test_setup_teardown(shared_reports_stand_together_only_safely, setup,
		                                store_fx_teardown),
		cmocka_unit_test_setup_teardown(a_shared_report_is_frozen_and_drafts_are_the_stewards,
		                                setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(bad_periods_are_refused, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(nothing_yet, setup, store_fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
