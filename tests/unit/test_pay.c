/* Unit tests for src/core/pay.c: money as integer minor units, fees from
 * rates, the steps of a claim, benefit periods (each weekday, clock
 * changes, month ends, tax years) and earnings limits at every boundary.
 * Expected dates and sums are worked by hand and written out, not
 * recomputed with the code under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/civil_time.h"
#include "core/pay.h"

static int64_t day_of(const char *iso)
{
	int y, m, d;
	assert_true(civil_parse_date(iso, &y, &m, &d));
	return civil_day(y, m, d);
}

static void expect_range(struct day_range r, const char *first, const char *last)
{
	assert_int_equal(r.first, day_of(first));
	assert_int_equal(r.last, day_of(last));
}

/* ---- money ---- */

static void money_parses_what_people_type(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} ok[] = {
		{ "12", 1200 },          { "12.5", 1250 },       { "12.50", 1250 },
		{ "0.01", 1 },           { ".5", 50 },           { " 7.05 ", 705 },
		{ "\xc2\xa3" "20", 2000 }, { "\xe2\x82\xac" "3.10", 310 }, { "$1", 100 },
		{ "1,234.56", 123456 },  { "12,345,678", 1234567800 }, { "0", 0 },
		{ "1000000000", 100000000000 }, /* MONEY_MAX exactly */
		{ "1000000000.00", 100000000000 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int64_t v = -1;
		assert_true(money_parse(ok[i].in, &v));
		assert_int_equal(v, ok[i].want);
	}
	static const char *const bad[] = {
		"", " ", "\xc2\xa3", "-1", "+1", "1.234", "1.", "1e3", "12a", "1 2", "1,23",
		"12,34,567", ",123", "1,2345", "1000000000.01", "99999999999", "1..2", NULL,
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t v = 42;
		assert_false(money_parse(bad[i], &v));
		assert_int_equal(v, 42);
	}
}

/* As Polish and Romanian write amounts (and as their pages show them),
 * and the English way too, where it cannot be mistaken. */
static void money_parses_other_languages_marks(void **state)
{
	(void)state;
	static const char NBSP[] = "\xc2\xa0";
	static const struct {
		const char *in, *decimal, *group;
		int64_t want; /* -1: refused */
	} cases[] = {
		{ "27,50", ",", NBSP, 2750 },   { "27.50", ",", NBSP, 2750 },
		{ "1\xc2\xa0" "234,50", ",", NBSP, 123450 }, { "1 234,5", ",", NBSP, 123450 },
		{ "12,50 \xc2\xa3", ",", NBSP, 1250 }, { "1,234", ",", NBSP, -1 },
		{ "1.234,56", ",", ".", 123456 }, { "1.234", ",", ".", 123400 },
		{ "27.5", ",", ".", 2750 },       { "1.23.4", ",", ".", -1 },
		{ "12.50 \xc2\xa3", ".", ",", 1250 }, { "1 234", ".", ",", -1 },
		{ "27,50", ".", ",", -1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t v = -1;
		bool ok = money_parse_in(cases[i].in, cases[i].decimal, cases[i].group, &v);
		if (ok != (cases[i].want >= 0) || v != cases[i].want)
			fail_msg("%s: got %s %lld, want %lld", cases[i].in, ok ? "ok" : "refused",
			         (long long)v, (long long)cases[i].want);
	}
}

static void money_is_shown_with_its_currency(void **state)
{
	struct arena a = { 0 };
	assert_string_equal(money_format(&a, "GBP", 123450), "\xc2\xa3" "1,234.50");
	assert_string_equal(money_format(&a, "GBP", -300), "-\xc2\xa3" "3.00");
	assert_string_equal(money_format(&a, "GBP", 5), "\xc2\xa3" "0.05");
	assert_string_equal(money_format(&a, "EUR", 100000000), "\xe2\x82\xac" "1,000,000.00");
	assert_string_equal(money_format(&a, "CHF", 999), "9.99 CHF");
	assert_string_equal(money_plain(&a, 123450), "1234.50");
	assert_string_equal(money_plain(&a, -7), "-0.07");
	assert_string_equal(money_plain(&a, 0), "0.00");
	assert_true(currency_valid("GBP"));
	assert_false(currency_valid("gbp"));
	assert_false(currency_valid("JPY")); /* no minor unit: not supported */
	arena_free(&a);
}

static void money_scales_to_the_nearest_penny(void **state)
{
	int64_t v;
	assert_true(money_scale(2500, 90, 60, &v)); /* £25/h for 1h30 */
	assert_int_equal(v, 3750);
	assert_true(money_scale(1999, 15, 60, &v)); /* 499.75 → 500 */
	assert_int_equal(v, 500);
	assert_true(money_scale(1, 1, 2, &v));      /* a half rounds up */
	assert_int_equal(v, 1);
	assert_true(money_scale(1, 49, 100, &v));   /* 0.49 rounds down */
	assert_int_equal(v, 0);
	assert_true(money_scale(MONEY_MAX, 1, 1, &v));
	assert_int_equal(v, MONEY_MAX);
	assert_false(money_scale(MONEY_MAX, 2, 1, &v));
	assert_false(money_scale(MONEY_MAX, INT64_MAX, 1, &v));
	assert_false(money_scale(-1, 1, 1, &v));
	assert_false(money_scale(1, 1, 0, &v));
	assert_true(money_add(MONEY_MAX - 1, 1, &v));
	assert_int_equal(v, MONEY_MAX);
	assert_false(money_add(MONEY_MAX, 1, &v));
	assert_false(money_add(-1, 1, &v));
}

/* ---- fees ---- */

static void fees_follow_the_rates(void **state)
{
	struct pay_rates r = { .hour = 2500, .half_day = 7500, .day = 15000 };
	assert_int_equal(pay_quantity_for_minutes(UNIT_HOUR, 90), 90);
	assert_int_equal(pay_quantity_for_minutes(UNIT_HOUR, 91), 105); /* up to the quarter */
	assert_int_equal(pay_quantity_for_minutes(UNIT_HOUR, 0), 15);
	assert_int_equal(pay_quantity_for_minutes(UNIT_HALF_DAY, 240), 1);
	assert_int_equal(pay_quantity_for_minutes(UNIT_HALF_DAY, 241), 2);
	assert_int_equal(pay_quantity_for_minutes(UNIT_DAY, 480), 1);
	assert_int_equal(pay_quantity_for_minutes(UNIT_DAY, 481), 2);
	int64_t fee;
	assert_true(pay_fee(&r, UNIT_HOUR, 105, &fee));
	assert_int_equal(fee, 4375);
	assert_true(pay_fee(&r, UNIT_HALF_DAY, 2, &fee));
	assert_int_equal(fee, 15000);
	assert_true(pay_fee(&r, UNIT_DAY, 1, &fee));
	assert_int_equal(fee, 15000);
	struct pay_rates hourly_only = { .hour = 2000 };
	assert_false(pay_fee(&hourly_only, UNIT_DAY, 1, &fee));
	assert_false(pay_fee(&r, UNIT_HOUR, 0, &fee));
	struct arena a = { 0 };
	assert_string_equal(pay_quantity_text(&a, UNIT_HOUR, 105), "1 hour 45 minutes");
	assert_string_equal(pay_quantity_text(&a, UNIT_HOUR, 120), "2 hours");
	assert_string_equal(pay_quantity_text(&a, UNIT_HOUR, 45), "45 minutes");
	assert_string_equal(pay_quantity_text(&a, UNIT_HALF_DAY, 1), "1 half day");
	assert_string_equal(pay_quantity_text(&a, UNIT_DAY, 3), "3 days");
	arena_free(&a);
}

/* ---- claims ---- */

static void claims_take_only_their_steps(void **state)
{
	/* from, step, allowed, to */
	static const struct {
		enum claim_state from;
		enum claim_step step;
		bool ok;
		enum claim_state to;
	} cases[] = {
		{ CLAIM_CLAIMED, STEP_APPROVE, true, CLAIM_APPROVED },
		{ CLAIM_CLAIMED, STEP_PAY, false, 0 },
		{ CLAIM_CLAIMED, STEP_DECLINE, true, CLAIM_DECLINED },
		{ CLAIM_CLAIMED, STEP_UNAPPROVE, false, 0 },
		{ CLAIM_CLAIMED, STEP_UNPAY, false, 0 },
		{ CLAIM_APPROVED, STEP_APPROVE, false, 0 },
		{ CLAIM_APPROVED, STEP_PAY, true, CLAIM_PAID },
		{ CLAIM_APPROVED, STEP_DECLINE, false, 0 },
		{ CLAIM_APPROVED, STEP_UNAPPROVE, true, CLAIM_CLAIMED },
		{ CLAIM_APPROVED, STEP_UNPAY, false, 0 },
		{ CLAIM_PAID, STEP_APPROVE, false, 0 },
		{ CLAIM_PAID, STEP_PAY, false, 0 },
		{ CLAIM_PAID, STEP_DECLINE, false, 0 },
		{ CLAIM_PAID, STEP_UNAPPROVE, false, 0 },
		{ CLAIM_PAID, STEP_UNPAY, true, CLAIM_APPROVED },
		{ CLAIM_DECLINED, STEP_APPROVE, false, 0 },
		{ CLAIM_DECLINED, STEP_PAY, false, 0 },
		{ CLAIM_DECLINED, STEP_DECLINE, false, 0 },
		{ CLAIM_DECLINED, STEP_UNAPPROVE, false, 0 },
		{ CLAIM_DECLINED, STEP_UNPAY, false, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum claim_state to = CLAIM_STATE__COUNT;
		assert_int_equal(claim_step_to(cases[i].from, cases[i].step, &to), cases[i].ok);
		if (cases[i].ok) assert_int_equal(to, cases[i].to);
	}
	enum ledger_kind rev = LEDGER__COUNT;
	assert_int_equal(claim_step_entry(STEP_APPROVE, &rev), LEDGER_APPROVAL);
	assert_int_equal(claim_step_entry(STEP_PAY, &rev), LEDGER_PAYMENT);
	assert_int_equal(claim_step_entry(STEP_DECLINE, &rev), LEDGER_REVERSAL);
	assert_int_equal(rev, LEDGER_CLAIM);
	assert_int_equal(claim_step_entry(STEP_UNAPPROVE, &rev), LEDGER_REVERSAL);
	assert_int_equal(rev, LEDGER_APPROVAL);
	assert_int_equal(claim_step_entry(STEP_UNPAY, &rev), LEDGER_REVERSAL);
	assert_int_equal(rev, LEDGER_PAYMENT);
	assert_true(claim_is_earnings(CLAIM_FEE));
	assert_true(claim_is_earnings(CLAIM_WORK));
	assert_false(claim_is_earnings(CLAIM_EXPENSE));
}

static void keys_and_sets_round_trip(void **state)
{
	struct arena a = { 0 };
	unsigned set = 99;
	assert_true(expense_set_parse("travel, meals", &set));
	assert_int_equal(set, (1u << EXPENSE_TRAVEL) | (1u << EXPENSE_MEALS));
	assert_string_equal(expense_set_format(&a, set), "travel,meals");
	assert_true(expense_set_parse("", &set));
	assert_int_equal(set, 0);
	assert_false(expense_set_parse("travel,,meals", &set));
	assert_false(expense_set_parse("taxis", &set));
	enum pay_column cols[COL__COUNT];
	size_t n = 0;
	assert_true(pay_columns_parse("reference,payee, amount", cols, &n));
	assert_int_equal(n, 3);
	assert_int_equal(cols[2], COL_AMOUNT);
	assert_false(pay_columns_parse("payee,payee", cols, &n));
	assert_false(pay_columns_parse("payee,iban", cols, &n));
	assert_false(pay_columns_parse("", cols, &n));
	enum pay_method m;
	assert_true(pay_method_parse("voucher", &m));
	assert_int_equal(m, METHOD_VOUCHER);
	assert_false(pay_method_parse("decline", &m)); /* declining is not a way to pay */
	enum claim_kind k;
	assert_true(claim_kind_parse("expense", &k));
	assert_int_equal(k, CLAIM_EXPENSE);
	assert_false(claim_kind_parse("Expense", &k));
	arena_free(&a);
}

/* ---- periods ---- */

/* 2026-04-06 is a Monday. For every start weekday, every day of three
 * weeks is in a week that begins on that weekday, holds it and lasts 7
 * days; and two written-out cases per weekday. */
static void weeks_begin_on_each_weekday(void **state)
{
	int64_t monday = day_of("2026-04-06");
	assert_int_equal(civil_weekday(monday), 1);
	for (int w = 0; w < 7; w++)
		for (int64_t d = monday - 7; d < monday + 14; d++) {
			struct day_range r = pay_week_of(d, w);
			assert_int_equal(civil_weekday(r.first), w);
			assert_true(r.first <= d && d <= r.last);
			assert_int_equal(r.last - r.first, 6);
		}
	/* Wednesday 2026-04-08 */
	expect_range(pay_week_of(day_of("2026-04-08"), 0), "2026-04-05", "2026-04-11");
	expect_range(pay_week_of(day_of("2026-04-08"), 1), "2026-04-06", "2026-04-12");
	expect_range(pay_week_of(day_of("2026-04-08"), 2), "2026-04-07", "2026-04-13");
	expect_range(pay_week_of(day_of("2026-04-08"), 3), "2026-04-08", "2026-04-14");
	expect_range(pay_week_of(day_of("2026-04-08"), 4), "2026-04-02", "2026-04-08");
	expect_range(pay_week_of(day_of("2026-04-08"), 5), "2026-04-03", "2026-04-09");
	expect_range(pay_week_of(day_of("2026-04-08"), 6), "2026-04-04", "2026-04-10");
	/* anchored on a date: its weekday (Thursday 2025-01-02) */
	expect_range(pay_period_of(PERIOD_WEEK, day_of("2025-01-02"), day_of("2026-04-08")),
	             "2026-04-02", "2026-04-08");
}

/* A payment falls in a week by its local date: near midnight on the days
 * the clocks change in London, the UTC date is a day out. */
static void weeks_follow_local_dates_across_clock_changes(void **state)
{
	const char *london = "Europe/London";
	/* 2026-10-24T23:30Z is 00:30 BST on Sunday 25 October (the clocks go
	 * back at 01:00 UTC that morning). */
	int64_t t = 1792884600; /* 2026-10-24T23:30:00Z */
	assert_int_equal(civil_day_at(t, "UTC"), day_of("2026-10-24"));
	assert_int_equal(civil_day_at(t, london), day_of("2026-10-25"));
	struct day_range week = pay_week_of(civil_day_at(t, london), 0);
	expect_range(week, "2026-10-25", "2026-10-31");
	/* That week is 169 hours long: it begins in BST and ends in GMT. */
	int64_t begins = civil_day_start(week.first, london);
	int64_t ends = civil_day_start(week.last + 1, london);
	assert_int_equal(begins, 1792882800); /* 2026-10-24T23:00:00Z */
	assert_int_equal(ends, 1793491200);   /* 2026-11-01T00:00:00Z */
	assert_int_equal(ends - begins, 169 * 3600);
	/* The spring week is 167 hours: clocks go forward at 01:00 UTC on
	 * Sunday 29 March 2026. */
	struct day_range spring = pay_week_of(day_of("2026-03-29"), 0);
	assert_int_equal(civil_day_start(spring.last + 1, london) -
	                     civil_day_start(spring.first, london),
	                 167 * 3600);
	/* 2026-03-28T23:30Z is still Saturday in London (GMT), the week before. */
	int64_t sat = 1774740600; /* 2026-03-28T23:30:00Z */
	assert_int_equal(civil_day_at(sat, london), day_of("2026-03-28"));
	expect_range(pay_week_of(civil_day_at(sat, london), 0), "2026-03-22", "2026-03-28");
}

static void assessment_months_end_on_month_ends(void **state)
{
	/* from the 31st: in a shorter month the period begins on its last day */
	expect_range(pay_month_of(day_of("2026-02-15"), 31), "2026-01-31", "2026-02-27");
	expect_range(pay_month_of(day_of("2026-02-28"), 31), "2026-02-28", "2026-03-30");
	expect_range(pay_month_of(day_of("2026-03-31"), 31), "2026-03-31", "2026-04-29");
	expect_range(pay_month_of(day_of("2026-04-30"), 31), "2026-04-30", "2026-05-30");
	expect_range(pay_month_of(day_of("2028-02-29"), 31), "2028-02-29", "2028-03-30");
	expect_range(pay_month_of(day_of("2028-02-28"), 30), "2028-01-30", "2028-02-28");
	expect_range(pay_month_of(day_of("2028-02-29"), 30), "2028-02-29", "2028-03-29");
	/* from the 1st: calendar months */
	expect_range(pay_month_of(day_of("2026-12-31"), 1), "2026-12-01", "2026-12-31");
	/* across a year end */
	expect_range(pay_month_of(day_of("2026-01-10"), 15), "2025-12-15", "2026-01-14");
	expect_range(pay_month_of(day_of("2026-01-15"), 15), "2026-01-15", "2026-02-14");
	/* anchored on a date: its day of the month */
	expect_range(pay_period_of(PERIOD_MONTH, day_of("2025-08-29"), day_of("2027-02-27")),
	             "2027-01-29", "2027-02-27");
	expect_range(pay_period_of(PERIOD_MONTH, day_of("2025-08-29"), day_of("2027-03-01")),
	             "2027-02-28", "2027-03-28");
}

static void tax_years_begin_on_6_april(void **state)
{
	expect_range(pay_tax_year(2025), "2025-04-06", "2026-04-05");
	assert_int_equal(pay_tax_year_of(day_of("2026-04-05")), 2025);
	assert_int_equal(pay_tax_year_of(day_of("2026-04-06")), 2026);
	assert_int_equal(pay_tax_year_of(day_of("2026-01-01")), 2025);
}

/* ---- limits ---- */

static const struct earnings_limit carers[] = {
	{ .rule = "carers_allowance", .kind = LIMIT_CLIFF, .period = PERIOD_WEEK, .amount = 15100 },
	{ .rule = "carers_allowance", .kind = LIMIT_CLIFF, .period = PERIOD_WEEK, .amount = 19600 },
	{ .rule = "carers_allowance", .kind = LIMIT_CLIFF, .period = PERIOD_WEEK, .amount = 20400 },
	{ .rule = "esa_lower", .kind = LIMIT_CLIFF, .period = PERIOD_WEEK, .amount = 2000 },
};

static void a_new_limit_applies_from_the_first_period_after_its_date(void **state)
{
	struct earnings_limit rows[4];
	memcpy(rows, carers, sizeof rows);
	rows[0].effective_from = day_of("2024-04-08");
	rows[1].effective_from = day_of("2025-04-07");
	rows[2].effective_from = day_of("2026-04-06");
	rows[3].effective_from = day_of("2000-01-01");
	assert_null(limit_in_force(rows, 4, "carers_allowance", day_of("2024-04-07")));
	assert_int_equal(limit_in_force(rows, 4, "carers_allowance", day_of("2024-04-08"))->amount,
	                 15100);
	/* A week beginning Thursday 3 April 2025 holds 7 April: it keeps £151. */
	struct day_range week = pay_week_of(day_of("2025-04-07"), 4);
	expect_range(week, "2025-04-03", "2025-04-09");
	assert_int_equal(limit_in_force(rows, 4, "carers_allowance", week.first)->amount, 15100);
	/* the next week begins after the change: £196 */
	assert_int_equal(limit_in_force(rows, 4, "carers_allowance", week.last + 1)->amount, 19600);
	/* a week beginning on the day itself takes the new amount */
	assert_int_equal(limit_in_force(rows, 4, "carers_allowance", day_of("2025-04-07"))->amount,
	                 19600);
	assert_int_equal(limit_in_force(rows, 4, "carers_allowance", day_of("2030-01-01"))->amount,
	                 20400);
	assert_int_equal(limit_in_force(rows, 4, "esa_lower", day_of("2030-01-01"))->amount, 2000);
	assert_null(limit_in_force(rows, 4, "no_such_rule", day_of("2030-01-01")));
}

static void limits_at_under_and_one_penny_over(void **state)
{
	struct earnings_limit l = carers[1]; /* £196 a week */
	struct limit_effect e;
	limit_effect(&l, 10000, 9600, &e); /* exactly at */
	assert_int_equal(e.state, LIMIT_AT);
	assert_int_equal(e.margin, 0);
	assert_int_equal(e.total_after, 19600);
	limit_effect(&l, 10000, 9601, &e); /* one penny over */
	assert_int_equal(e.state, LIMIT_OVER);
	assert_int_equal(e.margin, -1);
	limit_effect(&l, 10000, 9599, &e); /* one penny under */
	assert_int_equal(e.state, LIMIT_UNDER);
	assert_int_equal(e.margin, 1);
	limit_effect(&l, 19601, 0, &e);    /* over already, nothing more */
	assert_int_equal(e.state, LIMIT_OVER);
	assert_int_equal(e.reduction_after, 0); /* a cliff has no taper */
	assert_string_equal(limit_state_key(LIMIT_AT), "at");
}

static void a_taper_estimates_the_reduction(void **state)
{
	struct earnings_limit uc = { .rule = "uc_work_allowance_housing", .kind = LIMIT_TAPER,
	                             .period = PERIOD_MONTH, .amount = 41100, .taper_percent = 55 };
	struct limit_effect e;
	limit_effect(&uc, 40000, 5000, &e); /* £450: £39 above £411 → 55% = £21.45 */
	assert_int_equal(e.state, LIMIT_OVER);
	assert_int_equal(e.reduction_before, 0);
	assert_int_equal(e.reduction_after, 2145);
	limit_effect(&uc, 41100, 0, &e);    /* at the allowance: no reduction */
	assert_int_equal(e.state, LIMIT_AT);
	assert_int_equal(e.reduction_after, 0);
	limit_effect(&uc, 41100, 1, &e);    /* 1p above: 0.55p rounds to 1p */
	assert_int_equal(e.reduction_after, 1);
	limit_effect(&uc, 50000, 1000, &e); /* £500 → £510: 8,900p→9,900p above */
	assert_int_equal(e.reduction_before, 4895);
	assert_int_equal(e.reduction_after, 5445);
	struct earnings_limit none = uc; /* no work allowance: every penny tapers */
	none.amount = 0;
	limit_effect(&none, 0, 10000, &e);
	assert_int_equal(e.reduction_after, 5500);
}

/* ---- bank details ---- */

static void bank_details_are_checked_and_masked(void **state)
{
	char sort[7], account[9];
	assert_true(bank_sort_code_parse("12-34-56", sort));
	assert_string_equal(sort, "123456");
	assert_true(bank_sort_code_parse(" 12 34 56 ", sort));
	assert_false(bank_sort_code_parse("12-34-5", sort));
	assert_false(bank_sort_code_parse("12-34-567", sort));
	assert_false(bank_sort_code_parse("12-34-5a", sort));
	assert_false(bank_sort_code_parse("", sort));
	assert_true(bank_account_number_parse("12345678", account));
	assert_string_equal(account, "12345678");
	assert_true(bank_account_number_parse("1234567", account));
	assert_string_equal(account, "01234567");
	assert_false(bank_account_number_parse("123456", account));
	assert_false(bank_account_number_parse("123456789", account));
	struct arena a = { 0 };
	assert_string_equal(bank_sort_code_masked(&a, "123456"), "**-**-56");
	assert_string_equal(bank_account_masked(&a, "12345678"), "****5678");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_parses_what_people_type),
		cmocka_unit_test(money_parses_other_languages_marks),
		cmocka_unit_test(money_is_shown_with_its_currency),
		cmocka_unit_test(money_scales_to_the_nearest_penny),
		cmocka_unit_test(fees_follow_the_rates),
		cmocka_unit_test(claims_take_only_their_steps),
		cmocka_unit_test(keys_and_sets_round_trip),
		cmocka_unit_test(weeks_begin_on_each_weekday),
		cmocka_unit_test(weeks_follow_local_dates_across_clock_changes),
		cmocka_unit_test(assessment_months_end_on_month_ends),
		cmocka_unit_test(tax_years_begin_on_6_april),
		cmocka_unit_test(a_new_limit_applies_from_the_first_period_after_its_date),
		cmocka_unit_test(limits_at_under_and_one_penny_over),
		cmocka_unit_test(a_taper_estimates_the_reduction),
		cmocka_unit_test(bank_details_are_checked_and_masked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
