/* Store tests of fair pay: the operations under "fair pay (pay.c)" in
 * src/store/store.h against a real database, once per backend
 * (tests/testdb.h).
 *
 * What is checked, from store.h's contracts and 0005_pay.sql:
 *  - a claim's state follows its ledger entries, and every step writes
 *    exactly one entry; the database refuses to change or delete one;
 *  - an idempotency key used again writes nothing: the same request is a
 *    replay, another request is refused; 50 connections sending one
 *    approval, or one "mark paid", at once leave exactly one entry each;
 *  - a payment run killed (SIGKILL) in the middle of being marked paid
 *    leaves it wholly recorded or not at all;
 *  - balances, period totals, timeliness and statements are derived from
 *    what was written, with sums worked out here by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/civil_time.h"
#include "store/db.h"
#include "store/store.h"
#include "../testdb.h"
#include "fixture.h"

enum { T0 = 1800000000, DAY = 86400 };

struct fx {
	struct store *s;
	struct arena a;
	char dir[64];
	char target[256];
	int64_t panel, steward, member, other;
};

static unsigned seq;

static int64_t make_user(struct fx *f, const char *name)
{
	const char *e = arena_printf(&f->a, "pay-%u@example.org", ++seq);
	int64_t id = 0;
	assert_int_equal(store_user_create(f->s, e, name, false, T0, &id), ST_OK);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f || !store_db_make("pay", f->dir, sizeof f->dir, f->target, sizeof f->target, &f->s)) {
		free(f);
		return -1;
	}
	*state = f;
	int applied = -1;
	if (store_migrate(f->s, &applied) != ST_OK) return -1;
	struct panel p = { .name = "Pay panel", .description = "", .time_zone = "Europe/London",
	                   .language = "en", .organisation = "Org", .hosting = HOSTING_ORGANISATION };
	if (store_panel_create(f->s, &p, T0, &f->panel) != ST_OK) return -1;
	f->steward = make_user(f, "Sam Steward");
	f->member = make_user(f, "Amira Member");
	f->other = make_user(f, "Bo Other");
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_db_drop(f->s, f->dir, f->target);
	arena_free(&f->a);
	free(f);
	return 0;
}

/* ---- helpers ---- */

static int64_t day_of(const char *iso)
{
	int y, m, d;
	assert_true(civil_parse_date(iso, &y, &m, &d));
	return civil_day(y, m, d);
}

/* A claim of kind for payee, amount in pence, made on claimed_day. */
static int64_t add_claim(struct fx *f, int64_t payee, enum claim_kind kind, int64_t amount,
                         int64_t claimed_day, const char *key)
{
	struct pay_claim c = { .panel_id = f->panel, .user_id = payee, .kind = kind,
	                       .description = "Work", .work_day = claimed_day, .unit = UNIT_HOUR,
	                       .quantity = 60, .category = EXPENSE_TRAVEL, .amount = amount,
	                       .currency = "GBP", .created_by = f->steward,
	                       .claimed_day = claimed_day };
	int64_t id = 0;
	enum pay_outcome out = PAY_KEY_REUSED;
	assert_int_equal(store_pay_claim_add(f->s, &c, key, T0, &id, &out), ST_OK);
	assert_int_equal(out, PAY_DONE);
	assert_true(id > 0);
	return id;
}

static enum pay_outcome step(struct fx *f, int64_t claim, enum claim_step st, const char *key,
                             int64_t pay_day)
{
	struct pay_step ps = { .panel_id = f->panel, .claim_id = claim, .step = st, .key = key,
	                       .reason = "because", .method = METHOD_BANK, .pay_day = pay_day,
	                       .by = f->steward };
	int64_t entry = 0;
	enum pay_outcome out = PAY_KEY_REUSED;
	assert_int_equal(store_pay_claim_step(f->s, &ps, T0, &entry, &out), ST_OK);
	return out;
}

static struct pay_claim get_claim(struct fx *f, int64_t id)
{
	struct pay_claim c;
	assert_int_equal(store_pay_claim_get(f->s, f->panel, id, &f->a, &c), ST_OK);
	return c;
}

static size_t entries(struct fx *f, int64_t claim)
{
	struct ledger_entry *e;
	size_t n = 0;
	assert_int_equal(store_pay_ledger(f->s, claim, &f->a, &e, &n), ST_OK);
	return n;
}

/* ---- policy, limits, declarations ---- */

static void a_policy_has_defaults_then_is_saved_with_versions(void **state)
{
	struct fx *f = *state;
	struct pay_policy p;
	assert_int_equal(store_pay_policy_get(f->s, f->panel, &f->a, &p), ST_OK);
	assert_false(p.configured);
	assert_string_equal(p.currency, "GBP");
	assert_int_equal(p.target_days, PAY_TARGET_DAYS);
	p.rates = (struct pay_rates){ 2500, 7500, 15000 };
	p.meeting_unit = UNIT_HALF_DAY;
	p.prep_minutes = 60;
	p.target_days = 10;
	p.expense_categories = 1u << EXPENSE_TRAVEL;
	p.csv_columns = "reference,payee,amount";
	p.advice_name = "Citizens Advice";
	p.advice_url = "https://www.citizensadvice.org.uk/benefits/";
	p.store_bank_details = true;
	assert_int_equal(store_pay_policy_put(f->s, &p, T0), ST_OK);
	struct pay_policy q;
	assert_int_equal(store_pay_policy_get(f->s, f->panel, &f->a, &q), ST_OK);
	assert_true(q.configured);
	assert_int_equal(q.rates.half_day, 7500);
	assert_int_equal(q.meeting_unit, UNIT_HALF_DAY);
	assert_int_equal(q.prep_minutes, 60);
	assert_int_equal(q.target_days, 10);
	assert_int_equal(q.expense_categories, 1u << EXPENSE_TRAVEL);
	assert_string_equal(q.csv_columns, "reference,payee,amount");
	assert_string_equal(q.advice_name, "Citizens Advice");
	assert_true(q.store_bank_details);
	assert_int_equal(q.version, 1);
	q.target_days = 7;
	assert_int_equal(store_pay_policy_put(f->s, &q, T0 + 1), ST_OK);
	/* p still says version 1 after q saved: refused, nothing changed */
	p.version = 1;
	p.target_days = 30;
	assert_int_equal(store_pay_policy_put(f->s, &p, T0 + 2), ST_CONFLICT);
	assert_int_equal(store_pay_policy_get(f->s, f->panel, &f->a, &q), ST_OK);
	assert_int_equal(q.target_days, 7);
	assert_int_equal(q.version, 2);
}

static void the_limits_table_ships_with_its_dates_and_can_be_edited(void **state)
{
	struct fx *f = *state;
	struct earnings_limit *l;
	size_t n = 0;
	assert_int_equal(store_earnings_limits(f->s, &f->a, &l, &n), ST_OK);
	int carers = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(strlen(l[i].source) > 0);
		if (strcmp(l[i].rule, "carers_allowance") != 0) continue;
		static const int64_t amounts[] = { 15100, 19600, 20400 };
		static const char *const from[] = { "2024-04-08", "2025-04-07", "2026-04-06" };
		assert_int_equal(l[i].amount, amounts[carers]);
		assert_int_equal(l[i].effective_from, day_of(from[carers]));
		assert_int_equal(l[i].period, PERIOD_WEEK);
		assert_int_equal(l[i].kind, LIMIT_CLIFF);
		carers++;
	}
	assert_int_equal(carers, 3);
	const struct earnings_limit *uc =
		limit_in_force(l, n, "uc_with_housing", day_of("2026-05-01"));
	assert_non_null(uc);
	assert_int_equal(uc->amount, 42700);
	assert_int_equal(uc->taper_percent, 55);
	assert_int_equal(uc->kind, LIMIT_TAPER);
	/* an administrator adds next year's amount */
	struct earnings_limit next = { .rule = "carers_allowance", .name = "Carer's Allowance",
	                               .kind = LIMIT_CLIFF, .period = PERIOD_WEEK, .amount = 21000,
	                               .effective_from = day_of("2027-04-05"), .source = "gov.uk" };
	int64_t id = 0;
	assert_int_equal(store_earnings_limit_put(f->s, &next, f->steward, T0, &id), ST_OK);
	assert_true(id > 0);
	int64_t again = 0;
	assert_int_equal(store_earnings_limit_put(f->s, &next, f->steward, T0, &again), ST_CONFLICT);
	next.id = id;
	next.amount = 21100;
	assert_int_equal(store_earnings_limit_put(f->s, &next, f->steward, T0, &again), ST_OK);
	assert_int_equal(store_earnings_limits(f->s, &f->a, &l, &n), ST_OK);
	assert_int_equal(limit_in_force(l, n, "carers_allowance", day_of("2027-04-05"))->amount,
	                 21100);
}

static void a_member_declares_a_limit_and_can_take_it_back(void **state)
{
	struct fx *f = *state;
	struct pay_declaration d;
	assert_int_equal(store_pay_declaration_get(f->s, f->member, &f->a, &d), ST_NOT_FOUND);
	struct pay_declaration set = { .rule = "carers_allowance", .anchor_day = day_of("2026-04-06") };
	assert_int_equal(store_pay_declaration_set(f->s, f->member, &set, T0), ST_OK);
	assert_int_equal(store_pay_declaration_get(f->s, f->member, &f->a, &d), ST_OK);
	assert_string_equal(d.rule, "carers_allowance");
	assert_int_equal(d.anchor_day, day_of("2026-04-06"));
	struct pay_declaration custom = { .rule = "", .custom_amount = 5000,
	                                  .custom_period = PERIOD_MONTH,
	                                  .anchor_day = day_of("2026-01-31") };
	assert_int_equal(store_pay_declaration_set(f->s, f->member, &custom, T0 + 1), ST_OK);
	assert_int_equal(store_pay_declaration_get(f->s, f->member, &f->a, &d), ST_OK);
	assert_string_equal(d.rule, "");
	assert_int_equal(d.custom_amount, 5000);
	assert_int_equal(d.custom_period, PERIOD_MONTH);
	assert_int_equal(store_pay_declaration_clear(f->s, f->member), ST_OK);
	assert_int_equal(store_pay_declaration_get(f->s, f->member, &f->a, &d), ST_NOT_FOUND);
}

/* ---- claims and the ledger ---- */

static void each_step_writes_one_entry_and_keys_make_repeats_harmless(void **state)
{
	struct fx *f = *state;
	int64_t today = day_of("2026-11-02");
	int64_t c = add_claim(f, f->member, CLAIM_WORK, 5000, today, "k:claim-1");
	assert_int_equal(get_claim(f, c).state, CLAIM_CLAIMED);
	assert_int_equal(entries(f, c), 1);

	/* the same claim request again: a replay, nothing written */
	struct pay_claim again = get_claim(f, c);
	int64_t id = 0;
	enum pay_outcome out;
	assert_int_equal(store_pay_claim_add(f->s, &again, "k:claim-1", T0, &id, &out), ST_OK);
	assert_int_equal(out, PAY_REPLAYED);
	assert_int_equal(id, c);
	/* the key with something else: refused */
	again.amount = 9999;
	assert_int_equal(store_pay_claim_add(f->s, &again, "k:claim-1", T0, &id, &out), ST_OK);
	assert_int_equal(out, PAY_KEY_REUSED);
	assert_int_equal(entries(f, c), 1);

	assert_int_equal(step(f, c, STEP_APPROVE, "k:approve-1", today + 3), PAY_DONE);
	struct pay_claim got = get_claim(f, c);
	assert_int_equal(got.state, CLAIM_APPROVED);
	assert_int_equal(got.pay_day, today + 3);
	assert_true(got.has_method);
	assert_int_equal(got.method, METHOD_BANK);
	assert_int_equal(step(f, c, STEP_APPROVE, "k:approve-1", today + 3), PAY_REPLAYED);
	assert_int_equal(step(f, c, STEP_UNAPPROVE, "k:approve-1", 0), PAY_KEY_REUSED);
	assert_int_equal(step(f, c, STEP_APPROVE, "k:approve-2", today + 3), PAY_WRONG_STATE);
	assert_int_equal(entries(f, c), 2);

	/* a correction: back to waiting, then approved again */
	assert_int_equal(step(f, c, STEP_UNAPPROVE, "k:unapprove-1", 0), PAY_DONE);
	got = get_claim(f, c);
	assert_int_equal(got.state, CLAIM_CLAIMED);
	assert_int_equal(got.pay_day, 0);
	assert_int_equal(step(f, c, STEP_APPROVE, "k:approve-3", today + 5), PAY_DONE);

	int64_t run = 0;
	assert_int_equal(store_pay_run_create(f->s, f->panel, "", &c, 1, "k:run-1", f->steward,
	                                      today, T0, &run, &out), ST_OK);
	assert_int_equal(out, PAY_DONE);
	struct pay_run r;
	assert_int_equal(store_pay_run_get(f->s, f->panel, run, &f->a, &r), ST_OK);
	assert_string_equal(r.reference,
	                    arena_printf(&f->a, "EC%lld-20261102-1", (long long)f->panel));
	assert_int_equal(r.total, 5000);
	assert_int_equal(get_claim(f, c).run_id, run);
	assert_int_equal(store_pay_run_mark_paid(f->s, f->panel, run, today + 4, "k:paid-1",
	                                         f->steward, T0, &out), ST_OK);
	assert_int_equal(out, PAY_DONE);
	got = get_claim(f, c);
	assert_int_equal(got.state, CLAIM_PAID);
	assert_int_equal(got.pay_day, today + 4);
	assert_int_equal(store_pay_run_mark_paid(f->s, f->panel, run, today + 4, "k:paid-1",
	                                         f->steward, T0, &out), ST_OK);
	assert_int_equal(out, PAY_REPLAYED);
	assert_int_equal(store_pay_run_mark_paid(f->s, f->panel, run, today + 4, "k:paid-2",
	                                         f->steward, T0, &out), ST_OK);
	assert_int_equal(out, PAY_WRONG_STATE);
	/* claim, approval, reversal, approval, payment */
	struct ledger_entry *e;
	size_t n;
	assert_int_equal(store_pay_ledger(f->s, c, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 5);
	static const enum ledger_kind kinds[] = { LEDGER_CLAIM, LEDGER_APPROVAL, LEDGER_REVERSAL,
	                                          LEDGER_APPROVAL, LEDGER_PAYMENT };
	static const int64_t amounts[] = { 5000, 5000, -5000, 5000, 5000 };
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(e[i].kind, kinds[i]);
		assert_int_equal(e[i].amount, amounts[i]);
	}
	assert_int_equal(e[2].reverses_id, e[1].id);
	assert_int_equal(e[2].reverses, LEDGER_APPROVAL);
	assert_string_equal(e[2].reason, "because");
	assert_string_equal(e[1].by_name, "Sam Steward");

	struct pay_balance b;
	assert_int_equal(store_pay_balance(f->s, f->member, 0, &b), ST_OK);
	assert_int_equal(b.claimed, 5000);
	assert_int_equal(b.approved, 5000);
	assert_int_equal(b.paid, 5000);

	/* the payment bounced: reversed, approved again and out of the run */
	assert_int_equal(step(f, c, STEP_UNPAY, "k:unpay-1", 0), PAY_DONE);
	got = get_claim(f, c);
	assert_int_equal(got.state, CLAIM_APPROVED);
	assert_int_equal(got.pay_day, today + 5);
	assert_int_equal(got.run_id, 0);
	assert_int_equal(store_pay_balance(f->s, f->member, f->panel, &b), ST_OK);
	assert_int_equal(b.paid, 0);
	/* the paid run still lists the claim it paid */
	struct pay_claim *in_run;
	assert_int_equal(store_pay_claims_list(f->s, PCS_RUN, run, -1, 0, 0, &f->a, &in_run, &n),
	                 ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(in_run[0].id, c);
}

static void the_database_refuses_to_change_a_ledger_entry(void **state)
{
	struct fx *f = *state;
	int64_t c = add_claim(f, f->member, CLAIM_WORK, 1200, day_of("2026-11-02"), "k:fixed");
	char *err = NULL;
	struct db *db = db_open(f->target, DB_READ_WRITE, &err);
	assert_non_null(db);
	assert_int_not_equal(db_exec(db, "UPDATE pay_ledger SET amount = 1"), DB_OK);
	assert_int_not_equal(db_exec(db, "DELETE FROM pay_ledger"), DB_OK);
	db_close(db);
	struct ledger_entry *e;
	size_t n;
	assert_int_equal(store_pay_ledger(f->s, c, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].amount, 1200);
}

static void a_meeting_fee_is_claimed_once_per_person(void **state)
{
	struct fx *f = *state;
	struct meeting m = { .panel_id = f->panel, .title = "Meeting", .place = "",
	                     .place_access = "", .online_url = "", .what_we_will_change = "",
	                     .starts_at = T0, .ends_at = T0 + 7200, .agenda_due_at = T0 - DAY };
	int64_t meeting = 0;
	assert_int_equal(store_meeting_create(f->s, &m, f->steward, T0, &meeting), ST_OK);
	struct pay_claim c = { .panel_id = f->panel, .user_id = f->member, .kind = CLAIM_FEE,
	                       .meeting_id = meeting, .description = "Meeting", .work_day = 1,
	                       .unit = UNIT_HOUR, .quantity = 120, .amount = 5000,
	                       .currency = "GBP", .claimed_day = 1 };
	int64_t first = 0, second = 0;
	enum pay_outcome out;
	assert_int_equal(store_pay_claim_add(f->s, &c, "attend:1", T0, &first, &out), ST_OK);
	assert_int_equal(out, PAY_DONE);
	assert_int_equal(store_pay_claim_add(f->s, &c, "attend:2", T0, &second, &out), ST_OK);
	assert_int_equal(out, PAY_REPLAYED);
	assert_int_equal(second, first);
	assert_int_equal(get_claim(f, first).created_by, 0);
	assert_string_equal(get_claim(f, first).meeting_title, "Meeting");
	/* someone else's fee for the same meeting is their own claim */
	c.user_id = f->other;
	assert_int_equal(store_pay_claim_add(f->s, &c, "attend:3", T0, &second, &out), ST_OK);
	assert_int_equal(out, PAY_DONE);
	assert_int_not_equal(second, first);
}

static void period_totals_count_earnings_approved_or_paid_in_range(void **state)
{
	struct fx *f = *state;
	int64_t mon = day_of("2026-11-02");
	int64_t a = add_claim(f, f->member, CLAIM_WORK, 3000, mon, "k:a");
	int64_t b = add_claim(f, f->member, CLAIM_FEE, 4000, mon, "k:b");
	int64_t ex = add_claim(f, f->member, CLAIM_EXPENSE, 999, mon, "k:ex");
	int64_t later = add_claim(f, f->member, CLAIM_WORK, 7000, mon, "k:later");
	int64_t waiting = add_claim(f, f->member, CLAIM_WORK, 100, mon, "k:waiting");
	int64_t theirs = add_claim(f, f->other, CLAIM_WORK, 500, mon, "k:theirs");
	assert_int_equal(step(f, a, STEP_APPROVE, "k:a1", mon + 1), PAY_DONE);
	assert_int_equal(step(f, b, STEP_APPROVE, "k:b1", mon + 6), PAY_DONE);
	assert_int_equal(step(f, ex, STEP_APPROVE, "k:ex1", mon + 2), PAY_DONE);
	assert_int_equal(step(f, later, STEP_APPROVE, "k:l1", mon + 7), PAY_DONE);
	assert_int_equal(step(f, theirs, STEP_APPROVE, "k:t1", mon + 2), PAY_DONE);
	(void)waiting;
	struct day_range week = pay_week_of(mon, 1);
	int64_t total = -1;
	assert_int_equal(store_pay_earnings_between(f->s, f->member, week, 0, &total), ST_OK);
	assert_int_equal(total, 7000); /* a and b; not the expense, next week, waiting or theirs */
	assert_int_equal(store_pay_earnings_between(f->s, f->member, week, b, &total), ST_OK);
	assert_int_equal(total, 3000);
	int64_t run = 0;
	enum pay_outcome out;
	assert_int_equal(store_pay_run_create(f->s, f->panel, "R-1", &a, 1, "k:r", f->steward,
	                                      mon, T0, &run, &out), ST_OK);
	/* paid a week later than expected: it leaves this week's total */
	assert_int_equal(store_pay_run_mark_paid(f->s, f->panel, run, mon + 8, "k:p", f->steward,
	                                         T0, &out), ST_OK);
	assert_int_equal(store_pay_earnings_between(f->s, f->member, week, 0, &total), ST_OK);
	assert_int_equal(total, 4000);
}

static void runs_take_only_approved_claims_and_list_payees(void **state)
{
	struct fx *f = *state;
	int64_t day = day_of("2026-11-02");
	int64_t m1 = add_claim(f, f->member, CLAIM_WORK, 1000, day, "k:m1");
	int64_t m2 = add_claim(f, f->member, CLAIM_EXPENSE, 250, day, "k:m2");
	int64_t o1 = add_claim(f, f->other, CLAIM_WORK, 3000, day, "k:o1");
	int64_t waiting = add_claim(f, f->other, CLAIM_WORK, 10, day, "k:w");
	assert_int_equal(step(f, m1, STEP_APPROVE, "k:m1a", day), PAY_DONE);
	assert_int_equal(step(f, m2, STEP_APPROVE, "k:m2a", day), PAY_DONE);
	assert_int_equal(step(f, o1, STEP_APPROVE, "k:o1a", day), PAY_DONE);
	int64_t run = 0;
	enum pay_outcome out;
	int64_t with_waiting[] = { m1, waiting };
	assert_int_equal(store_pay_run_create(f->s, f->panel, "", with_waiting, 2, "k:bad",
	                                      f->steward, day, T0, &run, &out), ST_OK);
	assert_int_equal(out, PAY_WRONG_STATE);
	assert_int_equal(get_claim(f, m1).run_id, 0);
	int64_t ids[] = { m1, m2, o1 };
	assert_int_equal(store_pay_run_create(f->s, f->panel, "", ids, 3, "k:good", f->steward,
	                                      day, T0, &run, &out), ST_OK);
	assert_int_equal(out, PAY_DONE);
	/* a claim in one run cannot go in another */
	int64_t second = 0;
	assert_int_equal(store_pay_run_create(f->s, f->panel, "", &o1, 1, "k:again", f->steward,
	                                      day, T0, &second, &out), ST_OK);
	assert_int_equal(out, PAY_WRONG_STATE);
	struct pay_payee *p;
	size_t n = 0;
	assert_int_equal(store_pay_run_payees(f->s, run, &f->a, &p, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "Amira Member");
	assert_int_equal(p[0].amount, 1250);
	assert_int_equal(p[0].claims, 2);
	assert_string_equal(p[0].claim_ids,
	                    arena_printf(&f->a, "%lld %lld", (long long)m1, (long long)m2));
	assert_string_equal(p[1].name, "Bo Other");
	assert_int_equal(p[1].amount, 3000);
	/* sent back for approval from the unpaid run: the run no longer holds it */
	assert_int_equal(step(f, o1, STEP_UNAPPROVE, "k:o1u", 0), PAY_DONE);
	struct pay_run r;
	assert_int_equal(store_pay_run_get(f->s, f->panel, run, &f->a, &r), ST_OK);
	assert_int_equal(r.claims, 2);
	assert_int_equal(r.total, 1250);
	assert_int_equal(store_pay_run_payees(f->s, run, &f->a, &p, &n), ST_OK);
	assert_int_equal(n, 1);
	/* someone else's panel's run is not found */
	assert_int_equal(store_pay_run_get(f->s, f->panel + 1000, run, &f->a, &r), ST_NOT_FOUND);
}

static void timeliness_and_statements_follow_payments(void **state)
{
	struct fx *f = *state;
	int64_t day = day_of("2026-10-01");
	int64_t quick = add_claim(f, f->member, CLAIM_WORK, 1000, day, "k:q");
	int64_t slow = add_claim(f, f->member, CLAIM_WORK, 2000, day, "k:s");
	int64_t old = add_claim(f, f->other, CLAIM_WORK, 500, day - 30, "k:o");
	assert_int_equal(step(f, quick, STEP_APPROVE, "k:qa", day), PAY_DONE);
	assert_int_equal(step(f, slow, STEP_APPROVE, "k:sa", day), PAY_DONE);
	int64_t run1 = 0, run2 = 0;
	enum pay_outcome out;
	assert_int_equal(store_pay_run_create(f->s, f->panel, "", &quick, 1, "k:r1", f->steward,
	                                      day, T0, &run1, &out), ST_OK);
	assert_int_equal(store_pay_run_mark_paid(f->s, f->panel, run1, day + 5, "k:p1", f->steward,
	                                         T0, &out), ST_OK);
	assert_int_equal(store_pay_run_create(f->s, f->panel, "", &slow, 1, "k:r2", f->steward,
	                                      day, T0, &run2, &out), ST_OK);
	assert_int_equal(store_pay_run_mark_paid(f->s, f->panel, run2, day + 20, "k:p2", f->steward,
	                                         T0, &out), ST_OK);
	struct pay_timeliness t;
	assert_int_equal(store_pay_timeliness(f->s, f->panel, 14, day + 20, &t), ST_OK);
	assert_int_equal(t.paid, 2);
	assert_int_equal(t.days_sum, 25);
	assert_int_equal(t.days_max, 20);
	assert_int_equal(t.late, 1);
	assert_int_equal(t.waiting_late, 1); /* old: claimed 50 days before, not paid */
	(void)old;
	/* a payment reversed leaves the figures */
	assert_int_equal(step(f, slow, STEP_UNPAY, "k:su", 0), PAY_DONE);
	assert_int_equal(store_pay_timeliness(f->s, f->panel, 14, day + 20, &t), ST_OK);
	assert_int_equal(t.paid, 1);
	assert_int_equal(t.late, 0);
	struct pay_claim *c;
	size_t n = 0;
	struct day_range october = { day_of("2026-10-01"), day_of("2026-10-31") };
	assert_int_equal(store_pay_statement(f->s, f->member, october, &f->a, &c, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(c[0].id, quick);
	assert_int_equal(c[0].pay_day, day + 5);
	assert_string_equal(c[0].panel_name, "Pay panel");
	assert_int_equal(store_pay_statement(f->s, f->other, october, &f->a, &c, &n), ST_OK);
	assert_int_equal(n, 0);
}

/* Bank details are one person's, and readable for a panel only once the
 * person gave them to it (issue 17, point 4). */
static void bank_details_are_kept_as_given_and_cleared(void **state)
{
	struct fx *f = *state;
	const char *sealed, *key_id;
	int64_t at, *ids;
	size_t n;
	struct panel p2 = { .name = "Another panel", .description = "", .time_zone = "UTC",
	                    .language = "en", .organisation = "Org", .hosting = HOSTING_USER_LED };
	int64_t other_panel;
	assert_int_equal(store_panel_create(f->s, &p2, T0, &other_panel), ST_OK);
	assert_int_equal(store_pay_bank_get(f->s, f->member, 0, &f->a, &sealed, &key_id, &at),
	                 ST_NOT_FOUND);
	assert_int_equal(store_pay_bank_panels_set(f->s, f->member, &f->panel, 1, T0), ST_NOT_FOUND);
	assert_int_equal(store_pay_bank_set(f->s, f->member, "abcdef", "k1", &f->panel, 1, T0), ST_OK);
	assert_int_equal(store_pay_bank_get(f->s, f->member, 0, &f->a, &sealed, &key_id, &at), ST_OK);
	assert_string_equal(sealed, "abcdef");
	assert_string_equal(key_id, "k1");
	/* The panel it was given to reads it; another does not. */
	assert_int_equal(store_pay_bank_get(f->s, f->member, f->panel, &f->a, &sealed, &key_id, &at),
	                 ST_OK);
	assert_int_equal(store_pay_bank_get(f->s, f->member, other_panel, &f->a, &sealed, &key_id,
	                                    &at), ST_NOT_FOUND);
	/* Given to the other panel instead: the first no longer reads it. */
	assert_int_equal(store_pay_bank_panels_set(f->s, f->member, &other_panel, 1, T0), ST_OK);
	assert_int_equal(store_pay_bank_panels(f->s, f->member, &f->a, &ids, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], other_panel);
	assert_int_equal(store_pay_bank_get(f->s, f->member, f->panel, &f->a, &sealed, &key_id, &at),
	                 ST_NOT_FOUND);
	/* Replacing the details with no panels given leaves them to no panel. */
	assert_int_equal(store_pay_bank_set(f->s, f->member, "abcd", "k1", NULL, 0, T0), ST_OK);
	assert_int_equal(store_pay_bank_panels(f->s, f->member, &f->a, &ids, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_pay_bank_clear(f->s, f->member), ST_OK);
	assert_int_equal(store_pay_bank_clear(f->s, f->member), ST_NOT_FOUND);
	/* erasing the person takes their declaration, bank details and choices */
	struct pay_declaration d = { .rule = "esa_permitted_lower", .anchor_day = 1 };
	assert_int_equal(store_pay_declaration_set(f->s, f->member, &d, T0), ST_OK);
	assert_int_equal(store_pay_bank_set(f->s, f->member, "abcdef", "k1", &f->panel, 1, T0), ST_OK);
	assert_int_equal(store_user_erase(f->s, f->member, T0), ST_OK);
	assert_int_equal(store_pay_declaration_get(f->s, f->member, &f->a, &d), ST_NOT_FOUND);
	assert_int_equal(store_pay_bank_get(f->s, f->member, 0, &f->a, &sealed, &key_id, &at),
	                 ST_NOT_FOUND);
	assert_int_equal(store_pay_bank_panels(f->s, f->member, &f->a, &ids, &n), ST_OK);
	assert_int_equal(n, 0);
}

/* ---- copying an installation ---- */

/* Every pay table, with claims in every state, copies to a new database
 * (on the same backend) with the same rows: claims' states and the
 * timeliness counts come out the same after the ledger is replayed. */
static void copy_keeps_every_pay_table(void **state)
{
	struct fx *f = *state;
	int64_t day = day_of("2026-10-01");
	struct pay_policy p;
	assert_int_equal(store_pay_policy_get(f->s, f->panel, &f->a, &p), ST_OK);
	p.rates.hour = 2000;
	assert_int_equal(store_pay_policy_put(f->s, &p, T0), ST_OK);
	struct pay_declaration d = { .rule = "carers_allowance", .anchor_day = day };
	assert_int_equal(store_pay_declaration_set(f->s, f->member, &d, T0), ST_OK);
	assert_int_equal(store_pay_bank_set(f->s, f->member, "00ff", "k1", &f->panel, 1, T0), ST_OK);
	int64_t waiting = add_claim(f, f->member, CLAIM_WORK, 100, day, "k:c1");
	int64_t declined = add_claim(f, f->member, CLAIM_WORK, 200, day, "k:c2");
	int64_t paid = add_claim(f, f->member, CLAIM_WORK, 300, day, "k:c3");
	int64_t bounced = add_claim(f, f->other, CLAIM_EXPENSE, 400, day, "k:c4");
	(void)waiting;
	assert_int_equal(step(f, declined, STEP_DECLINE, "k:d", 0), PAY_DONE);
	assert_int_equal(step(f, paid, STEP_APPROVE, "k:a3", day), PAY_DONE);
	assert_int_equal(step(f, bounced, STEP_APPROVE, "k:a4", day), PAY_DONE);
	int64_t ids[] = { paid, bounced }, run = 0;
	enum pay_outcome out;
	assert_int_equal(store_pay_run_create(f->s, f->panel, "", ids, 2, "k:r", f->steward, day,
	                                      T0, &run, &out), ST_OK);
	assert_int_equal(store_pay_run_mark_paid(f->s, f->panel, run, day + 3, "k:p", f->steward,
	                                         T0, &out), ST_OK);
	assert_int_equal(step(f, bounced, STEP_UNPAY, "k:u", 0), PAY_DONE);

	struct store_table_sum *from;
	size_t nf;
	assert_int_equal(store_table_sums(f->s, &f->a, &from, &nf), ST_OK);
	static const char *const pay_tables[] = { "pay_policies", "earnings_limits",
	                                          "pay_declarations", "pay_runs", "pay_claims",
	                                          "pay_ledger", "pay_paid_days",
	                                          "pay_bank_details", "pay_bank_panels" };
	for (size_t t = 0; t < sizeof pay_tables / sizeof pay_tables[0]; t++)
		if (table_rows(from, nf, pay_tables[t]) == 0) fail_msg("%s is empty", pay_tables[t]);
	char target[300];
	struct store *to = store_db_copy_checked(f->s, f->dir, &f->a, target, sizeof target);
	store_close(to);
	testdb_drop(target);
}

/* ---- concurrency ---- */

enum { RACERS = 50 };

struct racer {
	const char *target;
	pthread_barrier_t *start;
	int64_t panel, claim, run, by;
	bool pay;                 /* mark the run paid, else approve the claim */
	enum store_rc rc;
	enum pay_outcome outcome;
};

static void *race(void *p)
{
	struct racer *r = p;
	struct store *s = store_db_open(r->target);
	pthread_barrier_wait(r->start);
	if (r->pay) {
		r->rc = store_pay_run_mark_paid(s, r->panel, r->run, 20000, "k:one-payment", r->by,
		                                T0, &r->outcome);
	} else {
		struct pay_step ps = { .panel_id = r->panel, .claim_id = r->claim,
		                       .step = STEP_APPROVE, .key = "k:one-approval",
		                       .method = METHOD_BANK, .pay_day = 20000, .by = r->by };
		int64_t entry;
		r->rc = store_pay_claim_step(s, &ps, T0, &entry, &r->outcome);
	}
	store_close(s);
	return NULL;
}

/* Runs RACERS threads, each with its own connection; counts outcomes. */
static void run_racers(struct fx *f, bool pay, int64_t claim, int64_t run)
{
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, RACERS);
	struct racer r[RACERS];
	pthread_t t[RACERS];
	for (int i = 0; i < RACERS; i++) {
		r[i] = (struct racer){ .target = f->target, .start = &start, .panel = f->panel,
		                       .claim = claim, .run = run, .by = f->steward, .pay = pay };
		assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
	}
	int done = 0, replayed = 0;
	for (int i = 0; i < RACERS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(r[i].rc, ST_OK);
		done += r[i].outcome == PAY_DONE;
		replayed += r[i].outcome == PAY_REPLAYED;
	}
	pthread_barrier_destroy(&start);
	assert_int_equal(done, 1);
	assert_int_equal(replayed, RACERS - 1);
}

static void fifty_identical_requests_write_one_entry(void **state)
{
	struct fx *f = *state;
	int64_t day = day_of("2026-11-02");
	int64_t c = add_claim(f, f->member, CLAIM_WORK, 4200, day, "k:raced");
	run_racers(f, false, c, 0);
	assert_int_equal(entries(f, c), 2); /* the claim and one approval */
	assert_int_equal(get_claim(f, c).state, CLAIM_APPROVED);
	int64_t run = 0;
	enum pay_outcome out;
	assert_int_equal(store_pay_run_create(f->s, f->panel, "", &c, 1, "k:raced-run", f->steward,
	                                      day, T0, &run, &out), ST_OK);
	run_racers(f, true, 0, run);
	assert_int_equal(entries(f, c), 3); /* and one payment */
	assert_int_equal(get_claim(f, c).state, CLAIM_PAID);
	struct pay_balance b;
	assert_int_equal(store_pay_balance(f->s, f->member, 0, &b), ST_OK);
	assert_int_equal(b.paid, 4200);
}

/* ---- a payment run killed half way ---- */

enum { RUN_CLAIMS = 1500 };

struct bulk_ctx {
	struct fx *f;
	int64_t *ids;
};

static enum store_rc bulk_claims(struct store *s, void *p)
{
	struct bulk_ctx *b = p;
	int64_t day = day_of("2026-11-02");
	for (int i = 0; i < RUN_CLAIMS; i++) {
		struct pay_claim c = { .panel_id = b->f->panel, .user_id = i % 2 ? b->f->member
		                                                                  : b->f->other,
		                       .kind = CLAIM_WORK, .description = "Work", .work_day = day,
		                       .unit = UNIT_HOUR, .quantity = 60, .amount = 100 + i,
		                       .currency = "GBP", .claimed_day = day };
		char key[32], akey[32];
		snprintf(key, sizeof key, "k:bulk-%d", i);
		snprintf(akey, sizeof akey, "k:bulk-a-%d", i);
		enum pay_outcome out;
		enum store_rc rc = store_pay_claim_add(s, &c, key, T0, &b->ids[i], &out);
		if (rc != ST_OK) return rc;
		struct pay_step ps = { .panel_id = b->f->panel, .claim_id = b->ids[i],
		                       .step = STEP_APPROVE, .key = akey, .pay_day = day };
		int64_t entry;
		if ((rc = store_pay_claim_step(s, &ps, T0, &entry, &out)) != ST_OK) return rc;
	}
	return ST_OK;
}

/* Payment entries written for the run, and whether the run says paid. */
static void run_paid_state(struct fx *f, int64_t run, int64_t *payments, bool *marked)
{
	struct pay_run r;
	assert_int_equal(store_pay_run_get(f->s, f->panel, run, &f->a, &r), ST_OK);
	*marked = r.paid_day != 0;
	struct pay_claim *c;
	size_t n = 0;
	assert_int_equal(store_pay_claims_list(f->s, PCS_RUN, run, -1, 0, 0, &f->a, &c, &n), ST_OK);
	assert_int_equal(n, RUN_CLAIMS);
	*payments = 0;
	for (size_t i = 0; i < n; i++) *payments += c[i].state == CLAIM_PAID;
}

static void a_run_killed_while_being_paid_is_all_or_nothing(void **state)
{
	struct fx *f = *state;
	int64_t *ids = calloc(RUN_CLAIMS, sizeof *ids);
	struct bulk_ctx b = { f, ids };
	assert_int_equal(store_tx(f->s, bulk_claims, &b), ST_OK);
	int64_t run = 0;
	enum pay_outcome out;
	assert_int_equal(store_pay_run_create(f->s, f->panel, "", ids, RUN_CLAIMS, "k:big-run",
	                                      f->steward, day_of("2026-11-02"), T0, &run, &out),
	                 ST_OK);
	assert_int_equal(out, PAY_DONE);
	/* A child marks the run paid; the parent kills it a little after it
	 * says it is starting, at a growing delay until one kill lands after
	 * the commit. Every kill must leave all payments or none. */
	int interrupted = 0, completed = 0;
	for (int attempt = 0; attempt < 12 && !completed; attempt++) {
		int ready[2];
		assert_int_equal(pipe(ready), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(ready[0]);
			struct store *s = store_open(f->target, &(char *){ NULL });
			if (!s) _exit(2);
			(void)!write(ready[1], "x", 1);
			enum pay_outcome o;
			store_pay_run_mark_paid(s, f->panel, run, day_of("2026-11-05"), "k:big-paid", 0,
			                        T0, &o);
			_exit(0);
		}
		close(ready[1]);
		char x;
		assert_int_equal(read(ready[0], &x, 1), 1);
		close(ready[0]);
		struct timespec wait = { 0, (long)(1L << attempt) * 1000000L }; /* 1, 2, 4 ... ms */
		nanosleep(&wait, NULL);
		kill(pid, SIGKILL);
		int status;
		waitpid(pid, &status, 0);
		int64_t payments;
		bool marked;
		run_paid_state(f, run, &payments, &marked);
		if (payments == 0) {
			assert_false(marked);
			interrupted++;
		} else {
			assert_int_equal(payments, RUN_CLAIMS);
			assert_true(marked);
			completed++;
		}
	}
	print_message("payment run kills: %d left nothing, %d after the commit\n", interrupted,
	              completed);
	assert_true(interrupted > 0); /* at least one kill landed before the commit */
	if (!completed) {
		assert_int_equal(store_pay_run_mark_paid(f->s, f->panel, run, day_of("2026-11-05"),
		                                         "k:big-paid", 0, T0, &out), ST_OK);
		assert_int_equal(out, PAY_DONE);
	}
	int64_t payments;
	bool marked;
	run_paid_state(f, run, &payments, &marked);
	assert_int_equal(payments, RUN_CLAIMS);
	assert_true(marked);
	free(ids);
}

/* A steward's repeated reads of a member's declared limit are logged once
 * per period `since` opens (store_audit_read_since), other readers and
 * fields apart. */
static void repeated_declaration_reads_are_logged_once_a_day(void **state)
{
	struct fx *f = *state;
	struct audit_entry *e;
	size_t n;
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_audit_read_since(f->s, f->member, f->steward, "pay_declaration",
		                                        T0, T0 + i), ST_OK);
	assert_int_equal(store_audit_list(f->s, f->member, 50, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].detail, "pay_declaration");
	assert_int_equal(e[0].actor_user_id, f->steward);
	/* The next day, and another field, are new rows. */
	assert_int_equal(store_audit_read_since(f->s, f->member, f->steward, "pay_declaration",
	                                        T0 + 86400, T0 + 86400), ST_OK);
	assert_int_equal(store_audit_read_since(f->s, f->member, f->steward, "pay",
	                                        T0 + 86400, T0 + 86400), ST_OK);
	assert_int_equal(store_audit_list(f->s, f->member, 50, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_policy_has_defaults_then_is_saved_with_versions,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(the_limits_table_ships_with_its_dates_and_can_be_edited,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(a_member_declares_a_limit_and_can_take_it_back, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(each_step_writes_one_entry_and_keys_make_repeats_harmless,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(the_database_refuses_to_change_a_ledger_entry, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_meeting_fee_is_claimed_once_per_person, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(period_totals_count_earnings_approved_or_paid_in_range,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(runs_take_only_approved_claims_and_list_payees, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(timeliness_and_statements_follow_payments, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(bank_details_are_kept_as_given_and_cleared, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(copy_keeps_every_pay_table, setup, teardown),
		cmocka_unit_test_setup_teardown(repeated_declaration_reads_are_logged_once_a_day, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(fifty_identical_requests_write_one_entry, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_run_killed_while_being_paid_is_all_or_nothing, setup,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
