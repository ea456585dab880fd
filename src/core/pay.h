#ifndef EC_CORE_PAY_H
#define EC_CORE_PAY_H
/* Fair pay as plain values and rules, no I/O: money in integer minor
 * units, fees from a panel's rates, claims and the steps of their life,
 * benefit periods as ranges of local dates, earnings limits and what one
 * more payment does to them, and bank details as they may be shown.
 *
 * What to say about a limit is the pages' job, and it is never advice:
 * this only works out sums. Who may see and do what is policy.h's.
 *
 * Each enum has a stored key and a label for people; *_parse() returns
 * false for anything unknown. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/mem.h"

/* ---- money ----
 * Amounts are int64 minor units (pence, cents). Every amount a person can
 * enter or a rule can make lies in 0..MONEY_MAX, so the sum of even a
 * billion of them fits an int64 with room to spare. Every currency here
 * has two decimal places. */
#define MONEY_MAX INT64_C(100000000000) /* 1,000,000,000.00 */

/* A typed amount, as people write it in the language this thread speaks:
 * digits with one or two decimals after "." or the language's decimal
 * mark, optional thousands separators ("1,234.50"; "1 234,50" in Polish,
 * "1.234,50" in Romanian), an optional currency symbol (£ € $) before or
 * after, and surrounding spaces. No sign, no exponent, at most MONEY_MAX.
 * False, *minor left alone, otherwise. */
bool money_parse(const char *s, int64_t *minor);
/* The same with the marks given: decimal ("." or ","), group (",", ".",
 * or a no-break space, for which a space is taken too). */
bool money_parse_in(const char *s, const char *decimal, const char *group, int64_t *minor);
/* As people read it: "£1,234.50", "-£3.00"; "€", "$" for EUR and USD and
 * "1,234.50 CHF" for the others. */
const char *money_format(struct arena *a, const char *currency, int64_t minor);
/* For forms and CSV: "1234.50", "-3.00", "0.00". */
const char *money_plain(struct arena *a, int64_t minor);
/* One of the ISO 4217 codes this program knows (two decimal places). */
bool currency_valid(const char *code);
/* amount * num / den rounded to the nearest minor unit (halves up), for
 * amount, num >= 0 and den > 0. False when an argument is out of range or
 * the result would pass MONEY_MAX. */
bool money_scale(int64_t amount, int64_t num, int64_t den, int64_t *out);
/* a + b when both are in range and the sum is at most MONEY_MAX. */
bool money_add(int64_t a, int64_t b, int64_t *out);

/* ---- rates and fees ----
 * A panel pays by the hour, the half day (up to 4 hours) or the day (up
 * to 8 hours). A quantity is minutes for UNIT_HOUR and a count of half
 * days or days otherwise. */
enum pay_unit { UNIT_HOUR = 0, UNIT_HALF_DAY, UNIT_DAY, UNIT__COUNT };
const char *pay_unit_key(enum pay_unit u);   /* "half_day" */
const char *pay_unit_label(enum pay_unit u); /* "Half day (up to 4 hours)" */
bool pay_unit_parse(const char *s, enum pay_unit *out);
bool pay_unit_is(const char *s);

struct pay_rates {
	int64_t hour, half_day, day; /* minor units; 0: not offered */
};
int64_t pay_rate_of(const struct pay_rates *r, enum pay_unit u);
/* What a meeting of `minutes` counts as: minutes rounded up to the quarter
 * hour for UNIT_HOUR, else whole half days (240 min) or days (480 min),
 * rounded up; at least one. */
int64_t pay_quantity_for_minutes(enum pay_unit u, int64_t minutes);
/* The fee for quantity of unit at r's rate: rate * minutes / 60 (to the
 * nearest penny) for hours, rate * count otherwise. False when the unit
 * has no rate, the quantity is not positive or the fee is out of range. */
bool pay_fee(const struct pay_rates *r, enum pay_unit u, int64_t quantity, int64_t *amount);
/* "1 hour 30 minutes", "2 half days": a quantity in words. */
const char *pay_quantity_text(struct arena *a, enum pay_unit u, int64_t quantity);

/* ---- claims ---- */
enum claim_kind {
	CLAIM_FEE = 0,  /* attending a meeting (made when attendance is recorded) */
	CLAIM_PREP,     /* paid preparation time for a meeting */
	CLAIM_WORK,     /* other work, logged */
	CLAIM_EXPENSE,  /* money spent, paid back */
	CLAIM__COUNT
};
const char *claim_kind_key(enum claim_kind k);
const char *claim_kind_label(enum claim_kind k);
bool claim_kind_parse(const char *s, enum claim_kind *out);
bool claim_kind_is(const char *s);
/* Whether the claim is pay for work, which earnings limits count;
 * expenses paid back are not added to a limit's total here. */
bool claim_is_earnings(enum claim_kind k);

enum expense_category { EXPENSE_TRAVEL = 0, EXPENSE_CARE, EXPENSE_MEALS, EXPENSE_PHONE,
                        EXPENSE__COUNT };
const char *expense_key(enum expense_category c);
const char *expense_label(enum expense_category c);  /* "Care and childcare" */
bool expense_parse(const char *s, enum expense_category *out);
bool expense_is(const char *s);
/* A set of categories, one bit each, as stored: "travel,care,meals". */
const char *expense_set_format(struct arena *a, unsigned set);
bool expense_set_parse(const char *s, unsigned *set);

/* How a payment is made; the non-cash ones are the member's own choice
 * (profile "pay", without "decline"). */
enum pay_method { METHOD_BANK = 0, METHOD_VOUCHER, METHOD_TRAINING, METHOD_DONATE,
                  METHOD__COUNT };
const char *pay_method_key(enum pay_method m);    /* as profile.c's "pay" options */
const char *pay_method_label(enum pay_method m);
bool pay_method_parse(const char *s, enum pay_method *out);
bool pay_method_is(const char *s);

/* Where a claim is. The ledger holds how it got there. */
enum claim_state {
	CLAIM_CLAIMED = 0, /* waiting for a steward */
	CLAIM_APPROVED,    /* to be paid (in a payment run or not yet) */
	CLAIM_PAID,
	CLAIM_DECLINED,    /* not to be paid: the claim was reversed */
	CLAIM_STATE__COUNT
};
const char *claim_state_key(enum claim_state s);
const char *claim_state_label(enum claim_state s);
bool claim_state_parse(const char *s, enum claim_state *out);
bool claim_state_is(const char *s);

/* Ledger entries: append-only; a correction is a reversal of an entry. */
enum ledger_kind { LEDGER_CLAIM = 0, LEDGER_APPROVAL, LEDGER_PAYMENT, LEDGER_REVERSAL,
                   LEDGER__COUNT };
const char *ledger_kind_key(enum ledger_kind k);
const char *ledger_kind_label(enum ledger_kind k);
bool ledger_kind_parse(const char *s, enum ledger_kind *out);
bool ledger_kind_is(const char *s);

/* The steps a claim can take, each one ledger entry. */
enum claim_step {
	STEP_APPROVE = 0, /* claimed → approved (an approval entry) */
	STEP_PAY,         /* approved → paid (a payment entry, by a payment run) */
	STEP_DECLINE,     /* claimed → declined (reverses the claim entry) */
	STEP_UNAPPROVE,   /* approved → claimed (reverses the approval) */
	STEP_UNPAY,       /* paid → approved (reverses the payment) */
	STEP__COUNT
};
/* The state after step from `from`; false when the step does not apply
 * (approving a paid claim, paying one not approved...). */
bool claim_step_to(enum claim_state from, enum claim_step step, enum claim_state *to);
/* The entry a step writes, and for reversals the kind it reverses. */
enum ledger_kind claim_step_entry(enum claim_step step, enum ledger_kind *reverses);

/* ---- dates and periods ----
 * Dates are day numbers (core/civil_time.h) in the panel's zone: a payment
 * falls in a period by its local date, so clock changes move no payment
 * between periods. Ranges include both ends. */
struct day_range {
	int64_t first, last;
};
enum limit_period { PERIOD_WEEK = 0, PERIOD_MONTH };
const char *limit_period_key(enum limit_period p);   /* "week" */
const char *limit_period_label(enum limit_period p); /* "a week" */
bool limit_period_parse(const char *s, enum limit_period *out);
bool limit_period_is(const char *s);

/* The week holding `day` that begins on start_weekday (0 Sunday..6). */
struct day_range pay_week_of(int64_t day, int start_weekday);
/* The monthly assessment period holding `day`, periods beginning on day
 * start_mday (1..31) of each month, or on the month's last day when it is
 * shorter (a period from the 31st begins on 28 or 29 February). */
struct day_range pay_month_of(int64_t day, int start_mday);
/* The period of kind p holding `day`, anchored on anchor_day: a week
 * begins on the anchor's weekday, a month on the anchor's day of month. */
struct day_range pay_period_of(enum limit_period p, int64_t anchor_day, int64_t day);
/* The UK tax year beginning 6 April of `year`, and the one holding day. */
struct day_range pay_tax_year(int year);
int pay_tax_year_of(int64_t day);

/* ---- earnings limits ---- */
enum limit_kind {
	LIMIT_CLIFF = 0, /* a limit not to pass (ESA permitted work, Carer's Allowance) */
	LIMIT_TAPER,     /* above an allowance, the benefit falls by a share (UC) */
};
const char *limit_kind_key(enum limit_kind k);
bool limit_kind_parse(const char *s, enum limit_kind *out);
bool limit_kind_is(const char *s);

/* One row of the reference table: a rule's amount from a date. */
struct earnings_limit {
	int64_t id;
	const char *rule;            /* stable key: "carers_allowance" */
	const char *name, *source, *note;
	enum limit_kind kind;
	enum limit_period period;
	int64_t amount;              /* the limit, or a taper's allowance */
	int taper_percent;           /* LIMIT_TAPER: share of earnings above amount */
	int64_t effective_from;      /* day number */
};
/* The row of `rule` that applies to a period beginning on first_day: the
 * one with the latest effective date on or before that day. A new amount
 * therefore applies from the first period that begins on or after its
 * effective date; a period it falls in the middle of keeps the old one.
 * NULL when the rule had no amount yet. */
const struct earnings_limit *limit_in_force(const struct earnings_limit *rows, size_t n,
                                            const char *rule, int64_t first_day);

enum limit_state { LIMIT_UNDER = 0, LIMIT_AT, LIMIT_OVER };
const char *limit_state_key(enum limit_state s);
/* What one more payment does to a period's total. */
struct limit_effect {
	enum limit_state state;       /* total_after against the amount */
	int64_t amount;               /* the limit or allowance */
	int64_t total_before, total_after;
	int64_t margin;               /* amount - total_after: room left, or (< 0) how far over */
	/* LIMIT_TAPER: the estimated reduction of the benefit for the period,
	 * taper_percent of earnings above the allowance, to the penny */
	int64_t reduction_before, reduction_after;
};
/* Works out the effect of `payment` on a period that already holds
 * total_before under limit l. Amounts in range (0..MONEY_MAX). */
void limit_effect(const struct earnings_limit *l, int64_t total_before, int64_t payment,
                  struct limit_effect *out);

/* ---- payment-run CSV columns ---- */
enum pay_column {
	COL_REFERENCE = 0, COL_PAYEE, COL_EMAIL, COL_METHOD, COL_AMOUNT, COL_AMOUNT_MINOR,
	COL_CURRENCY, COL_CLAIMS, COL_PAID_ON, COL_ACCOUNT_NAME, COL_SORT_CODE,
	COL_ACCOUNT_NUMBER, COL__COUNT
};
const char *pay_column_key(enum pay_column c);   /* the CSV header: "sort_code" */
const char *pay_column_label(enum pay_column c);
/* "reference,payee,amount": known columns, each once, at least one. */
bool pay_columns_parse(const char *s, enum pay_column *out, size_t *n);
/* Whether the column holds bank details (written only when the panel
 * stores them). */
bool pay_column_is_bank(enum pay_column c);

/* ---- bank details (UK) ----
 * Normalised forms: a sort code is 6 digits, an account number 8 (a
 * 7-digit one gets a leading 0, as banks do); spaces and dashes typed
 * between digits are dropped. */
bool bank_sort_code_parse(const char *s, char out[7]);
bool bank_account_number_parse(const char *s, char out[9]);
/* How they may be shown: "**-**-56" and "****5678". */
const char *bank_sort_code_masked(struct arena *a, const char *sort_code);
const char *bank_account_masked(struct arena *a, const char *account_number);
#endif
