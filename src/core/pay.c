#include "core/pay.h"

#include <string.h>

#include "core/civil_time.h"
#include "core/lang.h"
#include "core/names.h"

/* ---- money ---- */

static const struct {
	const char *code, *symbol; /* symbol NULL: the code is written after */
} currencies[] = {
	{ "GBP", "\xc2\xa3" }, { "EUR", "\xe2\x82\xac" }, { "USD", "$" }, { "AUD", NULL },
	{ "CAD", NULL },       { "CHF", NULL },           { "DKK", NULL }, { "NOK", NULL },
	{ "NZD", NULL },       { "PLN", NULL },           { "SEK", NULL }, { "ZAR", NULL },
};

static int currency_index(const char *code)
{
	for (size_t i = 0; code && i < sizeof currencies / sizeof currencies[0]; i++)
		if (strcmp(currencies[i].code, code) == 0) return (int)i;
	return -1;
}

bool currency_valid(const char *code)
{
	return currency_index(code) >= 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether s starts with mark (not empty); its length, else 0. */
static size_t mark_at(const char *s, const char *mark)
{
	size_t n = strlen(mark);
	return n && !strncmp(s, mark, n) ? n : 0;
}

/* A currency symbol at s: its length, else 0. */
static size_t symbol_at(const char *s)
{
	static const char *const symbols[] = { "\xc2\xa3", "\xe2\x82\xac", "$" };
	for (size_t i = 0; i < 3; i++)
		if (mark_at(s, symbols[i])) return strlen(symbols[i]);
	return 0;
}

/* A thousands separator at s, as the language writes them (group), or a
 * plain space for a no-break one, or an English comma where the comma is
 * not the decimal mark: its length, else 0. */
static size_t group_at(const char *s, const char *decimal, const char *group)
{
	size_t n = mark_at(s, group);
	if (n) return n;
	if (!strcmp(group, "\xc2\xa0") && *s == ' ') return 1;
	return *s == ',' && strcmp(decimal, ",") ? 1 : 0;
}

bool money_parse_in(const char *s, const char *decimal, const char *group, int64_t *minor)
{
	if (!s) return false;
	while (*s == ' ') s++;
	s += symbol_at(s);
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ') len--;
	/* A symbol after the number, as some languages write it ("12,50 £"). */
	for (size_t k = 1; k <= 3 && k <= len; k++)
		if (symbol_at(s + len - k) == k) {
			len -= k;
			while (len && s[len - 1] == ' ') len--;
			break;
		}
	/* The decimal part: one or two digits at the end, after a point or the
	 * language's decimal mark. */
	size_t end = len, decimals = 0;
	while (decimals < 3 && decimals < len && is_digit(s[len - 1 - decimals])) decimals++;
	int64_t cents = 0;
	if (decimals >= 1 && decimals <= 2) {
		size_t at = len - decimals, dn = strlen(decimal);
		if (at >= 1 && s[at - 1] == '.') end = at - 1;
		else if (at >= dn && dn && !strncmp(s + at - dn, decimal, dn)) end = at - dn;
		if (end != len) {
			for (size_t k = at; k < len; k++) cents = cents * 10 + (s[k] - '0');
			if (decimals == 1) cents *= 10;
		}
	}
	if (end == len) decimals = 0;
	/* The whole units: digits, with thousands separators between a first
	 * group of one to three digits and groups of three. */
	int64_t units = 0;
	int digits = 0, in_group = 0;
	bool grouped = false;
	for (size_t k = 0; k < end;) {
		size_t g = group_at(s + k, decimal, group);
		if (g) {
			if (digits == 0 || (grouped ? in_group != 3 : in_group > 3)) return false;
			grouped = true;
			in_group = 0;
			k += g;
			continue;
		}
		if (!is_digit(s[k])) return false;
		units = units * 10 + (s[k] - '0');
		if (units > MONEY_MAX / 100) return false;
		digits++;
		in_group++;
		k++;
	}
	if (grouped && in_group != 3) return false;
	if (digits == 0 && decimals == 0) return false;
	int64_t total = units * 100 + cents;
	if (total > MONEY_MAX) return false;
	*minor = total;
	return true;
}

bool money_parse(const char *s, int64_t *minor)
{
	return money_parse_in(s, C_("number", "."), C_("number", ","), minor);
}

/* Whole units with a separator between thousands, into b. */
static void put_grouped(struct buf *b, int64_t units, const char *separator)
{
	char digits[24];
	int n = 0;
	do {
		digits[n++] = (char)('0' + units % 10);
		units /= 10;
	} while (units > 0);
	for (int i = n - 1; i >= 0; i--) {
		buf_putc(b, digits[i]);
		if (i > 0 && i % 3 == 0) buf_puts(b, separator);
	}
}

/* |minor| without overflowing on INT64_MIN (which no amount here reaches,
 * but a formatter must not misbehave on). */
static uint64_t magnitude(int64_t minor)
{
	return minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
}

const char *money_format(struct arena *a, const char *currency, int64_t minor)
{
	int ci = currency_index(currency);
	const char *symbol = ci >= 0 ? currencies[ci].symbol : NULL;
	uint64_t m = magnitude(minor);
	/* The number as the reader's language writes it ("1,234.50" in
	 * English, "1 234,50" in Polish), then the symbol or code where it
	 * puts it. Digits stay 0 to 9. */
	struct buf b = { 0 };
	/* TRANSLATORS: what separates thousands in a number (1,234). */
	put_grouped(&b, (int64_t)(m / 100), C_("number", ","));
	/* TRANSLATORS: the decimal mark in a number (12.50). */
	buf_printf(&b, "%s%02u", C_("number", "."), (unsigned)(m % 100));
	const char *number = arena_strdup(a, b.data);
	buf_free(&b);
	const char *sign = minor < 0 ? "-" : "";
	if (!symbol)
		return arena_printf(a, "%s%s %s", sign, number,
		                    ci >= 0 ? currencies[ci].code : (currency ? currency : ""));
	const char *values[] = { symbol, number };
	/* TRANSLATORS: an amount of money: %1$s is the currency's symbol (£),
	 * %2$s the number (12.50). "%2$s %1$s" puts the symbol after it. */
	return arena_printf(a, "%s%s", sign, lang_format(a, C_("money", "%1$s%2$s"), values, 2));
}

const char *money_plain(struct arena *a, int64_t minor)
{
	uint64_t m = magnitude(minor);
	return arena_printf(a, "%s%llu.%02u", minor < 0 ? "-" : "", (unsigned long long)(m / 100),
	                    (unsigned)(m % 100));
}

bool money_scale(int64_t amount, int64_t num, int64_t den, int64_t *out)
{
	if (amount < 0 || amount > MONEY_MAX || num < 0 || den <= 0) return false;
	/* amount * num fits when num <= INT64_MAX / amount (with room for the
	 * halving trick below: we compute (2*amount*num + den) / (2*den)). */
	if (amount != 0 && num > (INT64_MAX / 2 - den) / amount) return false;
	if (den > INT64_MAX / 2) return false;
	int64_t r = (2 * amount * num + den) / (2 * den);
	if (r > MONEY_MAX) return false;
	*out = r;
	return true;
}

bool money_add(int64_t a, int64_t b, int64_t *out)
{
	if (a < 0 || b < 0 || a > MONEY_MAX || b > MONEY_MAX || a + b > MONEY_MAX) return false;
	*out = a + b;
	return true;
}

/* ---- rates and fees ---- */

static const struct name_pair unit_names[UNIT__COUNT] = {
	{ "hour", N_("Hour") }, { "half_day", N_("Half day (up to 4 hours)") },
	{ "day", N_("Day (up to 8 hours)") },
};
NAMES(pay_unit, enum pay_unit, unit_names, 0)

int64_t pay_rate_of(const struct pay_rates *r, enum pay_unit u)
{
	switch (u) {
	case UNIT_HOUR: return r->hour;
	case UNIT_HALF_DAY: return r->half_day;
	case UNIT_DAY: return r->day;
	default: return 0;
	}
}

int64_t pay_quantity_for_minutes(enum pay_unit u, int64_t minutes)
{
	if (minutes < 1) minutes = 1;
	switch (u) {
	case UNIT_HOUR: return (minutes + 14) / 15 * 15;
	case UNIT_HALF_DAY: return (minutes + 239) / 240;
	default: return (minutes + 479) / 480;
	}
}

bool pay_fee(const struct pay_rates *r, enum pay_unit u, int64_t quantity, int64_t *amount)
{
	int64_t rate = pay_rate_of(r, u);
	if (rate <= 0 || quantity <= 0) return false;
	return u == UNIT_HOUR ? money_scale(rate, quantity, 60, amount)
	                      : money_scale(rate, quantity, 1, amount);
}

const char *pay_quantity_text(struct arena *a, enum pay_unit u, int64_t q)
{
	switch (u) {
	case UNIT_HOUR: {
		int64_t h = q / 60, m = q % 60;
		const char *minutes = arena_printf(a, ngettext("%lld minute", "%lld minutes",
		                                               (unsigned long)m), (long long)m);
		if (h == 0) return minutes;
		const char *hours = arena_printf(a, ngettext("%lld hour", "%lld hours", (unsigned long)h),
		                                 (long long)h);
		/* TRANSLATORS: a time worked: %1$s hours ("2 hours"), %2$s minutes ("45 minutes"). */
		return m ? arena_printf(a, _("%1$s %2$s"), hours, minutes) : hours;
	}
	case UNIT_HALF_DAY:
		return arena_printf(a, ngettext("%lld half day", "%lld half days", (unsigned long)q),
		                    (long long)q);
	default:
		return arena_printf(a, ngettext("%lld day", "%lld days", (unsigned long)q), (long long)q);
	}
}

/* ---- claims ---- */

static const struct name_pair kind_names[CLAIM__COUNT] = {
	{ "fee", N_("Meeting fee") }, { "prep", N_("Preparation time") }, { "work", N_("Other work") },
	{ "expense", N_("Expense") },
};
NAMES(claim_kind, enum claim_kind, kind_names, 0)

bool claim_is_earnings(enum claim_kind k)
{
	return k != CLAIM_EXPENSE;
}

static const struct name_pair expense_names[EXPENSE__COUNT] = {
	{ "travel", N_("Travel") }, { "care", N_("Care and childcare") }, { "meals", N_("Meals") },
	{ "phone", N_("Phone and data") },
};
NAMES(expense, enum expense_category, expense_names, 0)

const char *expense_set_format(struct arena *a, unsigned set)
{
	struct buf b = { 0 };
	buf_puts(&b, "");
	for (int i = 0; i < EXPENSE__COUNT; i++)
		if (set & (1u << i)) {
			if (b.len) buf_putc(&b, ',');
			buf_puts(&b, expense_names[i].key);
		}
	const char *out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

/* Calls item(key, len, ctx) for each comma-separated item of s, spaces
 * around it dropped; false as soon as one returns false or is empty. */
static bool each_item(const char *s, bool (*item)(const char *, size_t, void *), void *ctx)
{
	if (!s) return false;
	for (;;) {
		while (*s == ' ') s++;
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		while (len > 0 && s[len - 1] == ' ') len--;
		if (len == 0 || !item(s, len, ctx)) return false;
		if (!end) return true;
		s = end + 1;
	}
}

/* The index of the n-byte key s in t[0..count), or -1 (names_lookup for a
 * key that is not NUL-terminated). */
static int names_lookup_n(const struct name_pair *t, int count, const char *s, size_t n)
{
	for (int i = 0; i < count; i++)
		if (strlen(t[i].key) == n && memcmp(t[i].key, s, n) == 0) return i;
	return -1;
}

static bool expense_item(const char *s, size_t n, void *ctx)
{
	int i = names_lookup_n(expense_names, EXPENSE__COUNT, s, n);
	if (i < 0) return false;
	*(unsigned *)ctx |= 1u << i;
	return true;
}

bool expense_set_parse(const char *s, unsigned *set)
{
	unsigned out = 0;
	if (s && *s == '\0') {
		*set = 0;
		return true;
	}
	if (!each_item(s, expense_item, &out)) return false;
	*set = out;
	return true;
}

static const struct name_pair method_names[METHOD__COUNT] = {
	{ "bank_transfer", N_("Bank transfer") }, { "voucher", N_("Voucher") },
	{ "training", N_("Training or a certificate") }, { "donate", N_("Donated to a cause") },
};
NAMES(pay_method, enum pay_method, method_names, 0)

static const struct name_pair state_names[CLAIM_STATE__COUNT] = {
	{ "claimed", N_("Waiting for approval") }, { "approved", N_("Approved, to be paid") },
	/* TRANSLATORS: where a claim is: the money was paid. */
	{ "paid", N_("Paid") }, { "declined", N_("Not to be paid") },
};
NAMES(claim_state, enum claim_state, state_names, 0)

static const struct name_pair ledger_names[LEDGER__COUNT] = {
	/* TRANSLATORS: an entry in a claim's history. */
	{ "claim", N_("Claimed") }, { "approval", N_("Approved") }, { "payment", N_("Paid") },
	{ "reversal", N_("Reversed") },
};
NAMES(ledger_kind, enum ledger_kind, ledger_names, 0)

bool claim_step_to(enum claim_state from, enum claim_step step, enum claim_state *to)
{
	static const struct {
		enum claim_state from, to;
	} steps[STEP__COUNT] = {
		[STEP_APPROVE] = { CLAIM_CLAIMED, CLAIM_APPROVED },
		[STEP_PAY] = { CLAIM_APPROVED, CLAIM_PAID },
		[STEP_DECLINE] = { CLAIM_CLAIMED, CLAIM_DECLINED },
		[STEP_UNAPPROVE] = { CLAIM_APPROVED, CLAIM_CLAIMED },
		[STEP_UNPAY] = { CLAIM_PAID, CLAIM_APPROVED },
	};
	if ((int)step < 0 || step >= STEP__COUNT || steps[step].from != from) return false;
	*to = steps[step].to;
	return true;
}

enum ledger_kind claim_step_entry(enum claim_step step, enum ledger_kind *reverses)
{
	switch (step) {
	case STEP_APPROVE: return LEDGER_APPROVAL;
	case STEP_PAY: return LEDGER_PAYMENT;
	case STEP_DECLINE: *reverses = LEDGER_CLAIM; return LEDGER_REVERSAL;
	case STEP_UNAPPROVE: *reverses = LEDGER_APPROVAL; return LEDGER_REVERSAL;
	default: *reverses = LEDGER_PAYMENT; return LEDGER_REVERSAL;
	}
}

/* ---- dates and periods ---- */

static const struct name_pair period_names[] = {
	/* TRANSLATORS: how often an earnings limit applies, after an amount: "£196.00 a week". */
	{ "week", N_("a week") }, { "month", N_("a month") } };
NAMES(limit_period, enum limit_period, period_names, 0)

struct day_range pay_week_of(int64_t day, int start_weekday)
{
	int back = ((civil_weekday(day) - start_weekday) % 7 + 7) % 7;
	return (struct day_range){ day - back, day - back + 6 };
}

/* The day a monthly period begins in year-month. */
static int64_t month_start(int year, int month, int start_mday)
{
	int len = civil_days_in_month(year, month);
	return civil_day(year, month, start_mday < len ? start_mday : len);
}

static void next_month(int *y, int *m, int step)
{
	int index = *y * 12 + (*m - 1) + step;
	*y = index / 12;
	*m = index % 12 + 1;
}

struct day_range pay_month_of(int64_t day, int start_mday)
{
	if (start_mday < 1) start_mday = 1;
	if (start_mday > 31) start_mday = 31;
	int y, m, d;
	civil_date_of_day(day, &y, &m, &d);
	if (day < month_start(y, m, start_mday)) next_month(&y, &m, -1);
	int64_t first = month_start(y, m, start_mday);
	next_month(&y, &m, 1);
	return (struct day_range){ first, month_start(y, m, start_mday) - 1 };
}

struct day_range pay_period_of(enum limit_period p, int64_t anchor_day, int64_t day)
{
	if (p == PERIOD_WEEK) return pay_week_of(day, civil_weekday(anchor_day));
	int y, m, d;
	civil_date_of_day(anchor_day, &y, &m, &d);
	return pay_month_of(day, d);
}

struct day_range pay_tax_year(int year)
{
	return (struct day_range){ civil_day(year, 4, 6), civil_day(year + 1, 4, 5) };
}

int pay_tax_year_of(int64_t day)
{
	int y, m, d;
	civil_date_of_day(day, &y, &m, &d);
	return day < civil_day(y, 4, 6) ? y - 1 : y;
}

/* ---- earnings limits ---- */

bool limit_kind_parse(const char *s, enum limit_kind *out)
{
	static const struct name_pair kinds[] = { { "cliff", NULL }, { "taper", NULL } };
	int i = names_lookup(kinds, NAME_COUNT(kinds), s);
	if (i < 0) return false;
	*out = (enum limit_kind)i;
	return true;
}
bool limit_kind_is(const char *s)
{
	enum limit_kind k;
	return limit_kind_parse(s, &k);
}
const char *limit_kind_key(enum limit_kind k)
{
	return k == LIMIT_TAPER ? "taper" : "cliff";
}

const char *limit_state_key(enum limit_state s)
{
	static const char *const keys[3] = { "under", "at", "over" };
	return (int)s >= 0 && s <= LIMIT_OVER ? keys[s] : "";
}

const struct earnings_limit *limit_in_force(const struct earnings_limit *rows, size_t n,
                                            const char *rule, int64_t first_day)
{
	const struct earnings_limit *best = NULL;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rows[i].rule, rule) != 0 || rows[i].effective_from > first_day) continue;
		if (!best || rows[i].effective_from > best->effective_from) best = &rows[i];
	}
	return best;
}

/* A taper's estimated reduction on a period's earnings. */
static int64_t taper_reduction(const struct earnings_limit *l, int64_t earnings)
{
	int64_t r = 0;
	if (earnings > l->amount) money_scale(earnings - l->amount, l->taper_percent, 100, &r);
	return r;
}

void limit_effect(const struct earnings_limit *l, int64_t total_before, int64_t payment,
                  struct limit_effect *out)
{
	memset(out, 0, sizeof *out);
	out->amount = l->amount;
	out->total_before = total_before;
	out->total_after = total_before + payment;
	out->margin = l->amount - out->total_after;
	out->state = out->margin > 0 ? LIMIT_UNDER : out->margin == 0 ? LIMIT_AT : LIMIT_OVER;
	if (l->kind == LIMIT_TAPER) {
		out->reduction_before = taper_reduction(l, total_before);
		out->reduction_after = taper_reduction(l, out->total_after);
	}
}

/* ---- payment-run CSV columns ---- */

static const struct name_pair column_names[COL__COUNT] = {
	{ "reference", N_("Payment run reference") }, { "payee", N_("Payee's name") },
	{ "email", N_("Payee's e-mail") }, { "method", N_("How paid") },
	{ "amount", N_("Amount (e.g. 12.50)") }, { "amount_minor", N_("Amount in pence") },
	{ "currency", N_("Currency") }, { "claims", N_("Claim numbers") }, { "paid_on", N_("Date paid") },
	{ "account_name", N_("Name on the account") }, { "sort_code", N_("Sort code") },
	{ "account_number", N_("Account number") },
};
const char *pay_column_key(enum pay_column c)
{
	return (unsigned)c < COL__COUNT ? column_names[c].key : "?";
}
const char *pay_column_label(enum pay_column c)
{
	return (unsigned)c < COL__COUNT ? column_names[c].label : "?";
}

bool pay_column_is_bank(enum pay_column c)
{
	return c == COL_ACCOUNT_NAME || c == COL_SORT_CODE || c == COL_ACCOUNT_NUMBER;
}

struct columns_parse {
	enum pay_column *out;
	size_t n;
};

static bool column_item(const char *s, size_t len, void *ctx)
{
	struct columns_parse *c = ctx;
	int i = names_lookup_n(column_names, COL__COUNT, s, len);
	if (i < 0) return false;
	for (size_t j = 0; j < c->n; j++)
		if (c->out[j] == (enum pay_column)i) return false;
	c->out[c->n++] = (enum pay_column)i;
	return true;
}

bool pay_columns_parse(const char *s, enum pay_column *out, size_t *n)
{
	enum pay_column tmp[COL__COUNT];
	struct columns_parse c = { tmp, 0 };
	if (!each_item(s, column_item, &c)) return false;
	memcpy(out, tmp, c.n * sizeof tmp[0]);
	*n = c.n;
	return true;
}

/* ---- bank details ---- */

/* The digits of s, dropping spaces and dashes between them; false for
 * anything else or more than max digits. */
static bool digits_only(const char *s, char *out, size_t max, size_t *n)
{
	size_t k = 0;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '-') continue;
		if (!is_digit(*s) || k == max) return false;
		out[k++] = *s;
	}
	out[k] = '\0';
	*n = k;
	return k > 0;
}

bool bank_sort_code_parse(const char *s, char out[7])
{
	char d[7];
	size_t n;
	if (!digits_only(s, d, 6, &n) || n != 6) return false;
	memcpy(out, d, 7);
	return true;
}

bool bank_account_number_parse(const char *s, char out[9])
{
	char d[9];
	size_t n;
	if (!digits_only(s, d, 8, &n) || n < 7) return false;
	if (n == 7) {
		out[0] = '0';
		memcpy(out + 1, d, 8);
	} else {
		memcpy(out, d, 9);
	}
	return true;
}

const char *bank_sort_code_masked(struct arena *a, const char *sort_code)
{
	size_t n = sort_code ? strlen(sort_code) : 0;
	return arena_printf(a, "**-**-%s", n >= 2 ? sort_code + n - 2 : "**");
}

const char *bank_account_masked(struct arena *a, const char *account_number)
{
	size_t n = account_number ? strlen(account_number) : 0;
	return arena_printf(a, "****%s", n >= 4 ? account_number + n - 4 : "");
}
