/* Fair pay's use cases (app.h): claims from attendance and logged work,
 * the earnings-limit check before approval, decisions, payment runs and
 * members' declared limits. Money and periods are core/pay.h's; the
 * ledger and its keys are the store's. */
#include <stdio.h>
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"
#include "core/lang.h"
#include "core/names.h"
#include "core/text.h"
#include "store/files.h"

enum { DESCRIPTION_MAX = 500, REASON_MAX = 1000, RUN_MAX_CLAIMS = 5000, REFERENCE_MAX = 60 };

/* ---- inputs (app.h) ---- */

/* The claims a person logs; fees and preparation come from attendance. */
static bool logged_kind_is(const char *s)
{
	return s && (!strcmp(s, "work") || !strcmp(s, "expense"));
}

/* A way to pay that is not money into a bank account. */
static bool method_non_cash(enum pay_method m)
{
	return m != METHOD_BANK;
}

static bool non_cash_is(const char *s)
{
	enum pay_method m;
	return pay_method_parse(s, &m) && method_non_cash(m);
}

const struct input_field policy_inputs[POLICY_INPUTS] = {
	[POLICY_VERSION] = { .name = "version", .kind = IN_INT, .required = true, .min = 0,
	                     .max = INT64_MAX, .wrong = N_("Reload the page and save again.") },
	[POLICY_CURRENCY] = { .name = "currency", .kind = IN_CHOICE, .required = true,
	                      .choice = currency_valid, .missing = N_("Choose a currency."),
	                      .wrong = N_("Choose GBP, EUR or USD.") },
	[POLICY_RATE_HOUR] = { .name = "rates.hour", .kind = IN_MONEY, .required = true, .max = MONEY_MAX,
	                       .missing = N_("Enter the rate for an hour, or 0."),
	                       .wrong = N_("Enter the rate like 27.50.") },
	[POLICY_RATE_HALF_DAY] = { .name = "rates.half_day", .kind = IN_MONEY, .required = true,
	                           .max = MONEY_MAX, .missing = N_("Enter the rate for half a day, or 0."),
	                           .wrong = N_("Enter the rate like 82.50.") },
	[POLICY_RATE_DAY] = { .name = "rates.day", .kind = IN_MONEY, .required = true, .max = MONEY_MAX,
	                      .missing = N_("Enter the rate for a day, or 0."),
	                      .wrong = N_("Enter the rate like 165.00.") },
	[POLICY_MEETING_UNIT] = { .name = "meeting_unit", .kind = IN_CHOICE, .required = true,
	                          .choice = pay_unit_is,
	                          .missing = N_("Choose how going to a meeting is paid."),
	                          .wrong = N_("Choose by the hour, the half-day or the day.") },
	[POLICY_PREP_MINUTES] = { .name = "prep_minutes", .kind = IN_INT, .min = 0, .max = 24 * 60,
	                          .wrong = N_("Enter minutes, from 0 to 1440.") },
	[POLICY_TARGET_DAYS] = { .name = "target_days", .kind = IN_INT, .min = 1, .max = 365,
	                         .wrong = N_("Enter a number of days, from 1 to 365.") },
	[POLICY_EXPENSES] = { .name = "expense_categories", .kind = IN_CHOICES, .choice = expense_is,
	                      .blank_ok = true,
	                      .wrong = N_("Choose from travel, care, meals and phone.") },
	[POLICY_CSV_COLUMNS] = { .name = "csv_columns", .kind = IN_LINE, .max = 400, .blank_ok = true },
	[POLICY_ADVICE_NAME] = { .name = "benefits_advice.name", .kind = IN_LINE, .max = 200,
	                         .blank_ok = true },
	[POLICY_ADVICE_URL] = { .name = "benefits_advice.url", .kind = IN_LINE, .max = 500,
	                        .blank_ok = true },
	[POLICY_BANK_DETAILS] = { .name = "store_bank_details", .kind = IN_BOOL },
};

void app_pay_policy_from_inputs(const struct input_value *in, struct pay_policy *pol)
{
	if (in[POLICY_CURRENCY].given)
		snprintf(pol->currency, sizeof pol->currency, "%s", in[POLICY_CURRENCY].text);
	if (in[POLICY_RATE_HOUR].given) pol->rates.hour = in[POLICY_RATE_HOUR].number;
	if (in[POLICY_RATE_HALF_DAY].given) pol->rates.half_day = in[POLICY_RATE_HALF_DAY].number;
	if (in[POLICY_RATE_DAY].given) pol->rates.day = in[POLICY_RATE_DAY].number;
	if (in[POLICY_MEETING_UNIT].given)
		pay_unit_parse(in[POLICY_MEETING_UNIT].text, &pol->meeting_unit);
	if (in[POLICY_PREP_MINUTES].given) pol->prep_minutes = in[POLICY_PREP_MINUTES].number;
	if (in[POLICY_TARGET_DAYS].given) pol->target_days = in[POLICY_TARGET_DAYS].number;
	if (in[POLICY_EXPENSES].given)
		expense_set_parse(in[POLICY_EXPENSES].text, &pol->expense_categories);
	if (in[POLICY_CSV_COLUMNS].given) pol->csv_columns = in[POLICY_CSV_COLUMNS].text;
	if (in[POLICY_ADVICE_NAME].given) pol->advice_name = in[POLICY_ADVICE_NAME].text;
	if (in[POLICY_ADVICE_URL].given) pol->advice_url = in[POLICY_ADVICE_URL].text;
	if (in[POLICY_BANK_DETAILS].given) pol->store_bank_details = in[POLICY_BANK_DETAILS].number;
}

const struct input_field claim_inputs[CLAIM_INPUTS] = {
	[CLAIM_IN_KIND] = { .name = "kind", .kind = IN_CHOICE, .required = true,
	                    .choice = logged_kind_is, .missing = N_("Choose work or money spent."),
	                    .wrong = N_("Choose work or money spent.") },
	[CLAIM_IN_DESCRIPTION] = { .name = "description", .kind = IN_TEXT, .required = true,
	                           .max = DESCRIPTION_MAX,
	                           .missing = N_("Say what the work was, or what the money "
	                                         "was spent on.") },
	[CLAIM_IN_WORK_DAY] = { .name = "work_day", .kind = IN_DATE, .required = true,
	                        .missing = N_("Enter the date the work was done or the money spent.") },
	[CLAIM_IN_UNIT] = { .name = "unit", .kind = IN_CHOICE, .choice = pay_unit_is,
	                    .wrong = N_("Choose by the hour, the half-day or the day.") },
	[CLAIM_IN_MINUTES] = { .name = "minutes", .kind = IN_MINUTES, .min = 1, .max = 24 * 60,
	                       .wrong = N_("Enter the time spent like 1:30, up to 24 hours.") },
	[CLAIM_IN_QUANTITY] = { .name = "quantity", .kind = IN_INT, .min = 1, .max = 31,
	                        .wrong = N_("Enter how many, from 1 to 31.") },
	[CLAIM_IN_CATEGORY] = { .name = "category", .kind = IN_CHOICE, .choice = expense_is,
	                        .wrong = N_("Choose travel, care, meals or phone.") },
	[CLAIM_IN_AMOUNT] = { .name = "amount", .kind = IN_MONEY, .min = 1, .max = MONEY_MAX,
	                      .wrong = N_("Enter the amount spent, like 4.80.") },
	[CLAIM_IN_PAYEE] = { .name = "payee_id", .kind = IN_ID,
	                     .wrong = N_("Choose who the claim is for.") },
};

void app_pay_claim_from_inputs(const struct input_value *in, int64_t actor_id,
                               struct pay_claim *c)
{
	*c = (struct pay_claim){ .user_id = in[CLAIM_IN_PAYEE].given ? in[CLAIM_IN_PAYEE].number
	                                                              : actor_id,
	                         .description = in[CLAIM_IN_DESCRIPTION].text,
	                         .work_day = in[CLAIM_IN_WORK_DAY].number,
	                         .amount = in[CLAIM_IN_AMOUNT].number };
	claim_kind_parse(in[CLAIM_IN_KIND].text, &c->kind);
	if (!expense_parse(in[CLAIM_IN_CATEGORY].text, &c->category))
		c->category = EXPENSE__COUNT; /* none: refused for an expense */
	if (!in[CLAIM_IN_UNIT].given || !pay_unit_parse(in[CLAIM_IN_UNIT].text, &c->unit))
		c->unit = UNIT_HOUR;
	c->quantity = c->unit == UNIT_HOUR ? in[CLAIM_IN_MINUTES].number
	                                   : in[CLAIM_IN_QUANTITY].number;
}

const struct input_field decision_inputs[DECISION_INPUTS] = {
	[DECISION_CHOICE] = { .name = "choice", .kind = IN_CHOICE, .required = true,
	                      .choice = pay_choice_is,
	                      .missing = N_("Choose what should happen to this claim."),
	                      .wrong = N_("Choose one of the ways listed.") },
	[DECISION_PAY_DAY] = { .name = "pay_day", .kind = IN_DATE },
	[DECISION_REASON] = { .name = "reason", .kind = IN_TEXT, .max = REASON_MAX },
	[DECISION_METHOD] = { .name = "method", .kind = IN_CHOICE, .choice = non_cash_is,
	                      .wrong = N_("Choose a voucher, training or a donation.") },
};

void app_pay_decision_from_inputs(const struct input_value *in, const char *key,
                                  struct pay_decision *d)
{
	*d = (struct pay_decision){ .choice = CHOICE__COUNT, .method = METHOD_BANK,
	                            .pay_day = in[DECISION_PAY_DAY].number,
	                            .reason = in[DECISION_REASON].text, .key = key };
	pay_choice_parse(in[DECISION_CHOICE].text, &d->choice);
	if (in[DECISION_METHOD].given) pay_method_parse(in[DECISION_METHOD].text, &d->method);
}

const struct input_field run_inputs[RUN_INPUTS] = {
	[RUN_IN_CLAIMS] = { .name = "claims", .kind = IN_IDS, .required = true,
	                    .max = RUN_MAX_CLAIMS, .missing = N_("Choose at least one approved claim."),
	                    .wrong = N_("Choose up to 5,000 approved claims from the list.") },
	[RUN_IN_REFERENCE] = { .name = "reference", .kind = IN_LINE, .max = REFERENCE_MAX },
};

const struct input_field paid_inputs[PAID_INPUTS] = {
	[PAID_IN_DAY] = { .name = "paid_day", .kind = IN_DATE, .required = true,
	                  .missing = N_("Enter the date the money was paid.") },
};

const struct input_field declaration_inputs[DECLARATION_INPUTS] = {
	[DECLARATION_RULE] = { .name = "rule", .kind = IN_LINE, .max = 60 },
	[DECLARATION_AMOUNT] = { .name = "custom_amount", .kind = IN_MONEY, .min = 1,
	                         .max = MONEY_MAX, .wrong = N_("Enter your limit, like 150.00.") },
	[DECLARATION_PERIOD] = { .name = "custom_period", .kind = IN_CHOICE, .choice = limit_period_is,
	                         .wrong = N_("Choose a week or a month.") },
	[DECLARATION_ANCHOR_DAY] = { .name = "anchor_day", .kind = IN_DATE, .required = true,
	                             .missing = N_("Enter the date one of your periods began, "
	                                           "like 6/4/2026.") },
};

void app_pay_declaration_from_inputs(const struct input_value *in, struct pay_declaration *d)
{
	*d = (struct pay_declaration){ .rule = in[DECLARATION_RULE].text,
	                               .custom_amount = in[DECLARATION_AMOUNT].number,
	                               .custom_period = PERIOD_WEEK,
	                               .anchor_day = in[DECLARATION_ANCHOR_DAY].number };
	if (in[DECLARATION_PERIOD].given)
		limit_period_parse(in[DECLARATION_PERIOD].text, &d->custom_period);
}

const struct input_field limit_inputs[LIMIT_INPUTS] = {
	[LIMIT_IN_RULE] = { .name = "rule", .kind = IN_LINE, .required = true, .max = 60,
	                    .missing = N_("Give the rule a key, like carers_allowance.") },
	[LIMIT_IN_NAME] = { .name = "name", .kind = IN_LINE, .required = true, .max = 200,
	                    .missing = N_("Give the limit a name.") },
	[LIMIT_IN_KIND] = { .name = "kind", .kind = IN_CHOICE, .required = true,
	                    .choice = limit_kind_is, .wrong = N_("Choose a limit or a taper.") },
	[LIMIT_IN_PERIOD] = { .name = "period", .kind = IN_CHOICE, .required = true,
	                      .choice = limit_period_is, .wrong = N_("Choose a week or a month.") },
	[LIMIT_IN_AMOUNT] = { .name = "amount", .kind = IN_MONEY, .required = true, .min = 1,
	                      .max = MONEY_MAX, .wrong = N_("Enter the amount, like 196.00.") },
	[LIMIT_IN_TAPER] = { .name = "taper_percent", .kind = IN_INT, .min = 0, .max = 100 },
	[LIMIT_IN_EFFECTIVE_FROM] = { .name = "effective_from", .kind = IN_DATE, .required = true,
	                              .missing = N_("Enter the date it applies from.") },
	[LIMIT_IN_SOURCE] = { .name = "source", .kind = IN_TEXT, .required = true, .max = 1000,
	                      .missing = N_("Say where the figure comes from (a web address or "
	                                    "a document).") },
	[LIMIT_IN_NOTE] = { .name = "note", .kind = IN_TEXT, .max = 2000 },
};

void app_earnings_limit_from_inputs(const struct input_value *in, struct earnings_limit *l)
{
	l->rule = in[LIMIT_IN_RULE].text;
	l->name = in[LIMIT_IN_NAME].text;
	limit_kind_parse(in[LIMIT_IN_KIND].text, &l->kind);
	limit_period_parse(in[LIMIT_IN_PERIOD].text, &l->period);
	l->amount = in[LIMIT_IN_AMOUNT].number;
	l->taper_percent = (int)in[LIMIT_IN_TAPER].number;
	l->effective_from = in[LIMIT_IN_EFFECTIVE_FROM].number;
	l->source = in[LIMIT_IN_SOURCE].text;
	l->note = in[LIMIT_IN_NOTE].text;
}

/* The answers for a request without an idempotency key, and for a key
 * already used for something else. */
/* An amount in a message kept for someone to read later: written in
 * English's way (£1,234.50), not the writer's, since the reader's language
 * is not known yet. */
static const char *money_stored(struct arena *a, const char *currency, int64_t minor)
{
	const struct language *was = lang_use(language_default);
	const char *s = money_format(a, currency, minor);
	lang_use(was);
	return s;
}

static bool no_key(struct app_error *err)
{
	return app_fail(err, 400, "key_missing", NULL,
	                _("This request has no idempotency key. Reload the page and try again."));
}

static bool key_reused(struct app_error *err)
{
	return app_fail(err, 409, "key_reused", NULL,
	                _("This request's idempotency key was used for something else."));
}

/* A client's idempotency key in the ledger's one namespace: scoped to the
 * person sending it, so that two people's keys can never collide (the
 * system's own keys, like attendance's, have other prefixes). */
static const char *client_key(struct arena *a, int64_t actor_id, const char *key)
{
	return arena_printf(a, "k:%lld:%s", (long long)actor_id, key);
}

/* ---- claims from attendance ---- */

/* Whether user_id said they would rather not be paid (the "pay" field
 * holds only "decline") in an answer the stewards may see: acting on an
 * answer they keep to themselves would tell the stewards what it says (no
 * fee claim appears). Nobody is shown it here, so nothing is audited. */
static bool declines_pay(struct store *s, int64_t user_id, struct arena *a)
{
	struct profile_value *v;
	size_t n = 0;
	if (store_profile_get(s, user_id, a, &v, &n) != ST_OK) return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].field, "pay") == 0)
			return strcmp(v[i].value, "decline") == 0 &&
			       policy_can_see_field(REL_STEWARD, v[i].visibility);
	return false;
}

static const char *attendance_key(struct arena *a, const struct meeting *m, int64_t user_id,
                                  enum claim_kind kind)
{
	return arena_printf(a, "attend:%lld:%lld:%s", (long long)m->id, (long long)user_id,
	                    claim_kind_key(kind));
}

bool app_pay_for_attendance(struct store *s, const struct panel *p, const struct meeting *m,
                            int64_t user_id, bool came, int64_t now, struct arena *a)
{
	struct pay_policy pol;
	struct membership mem;
	if (store_pay_policy_get(s, p->id, a, &pol) != ST_OK) return false;
	if (!pol.configured) return true;
	if (!came) {
		/* Attendance taken back: its claims still waiting are declined
		 * (one approved or paid already is left: the step answers
		 * PAY_WRONG_STATE). */
		static const enum claim_kind kinds[] = { CLAIM_FEE, CLAIM_PREP };
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
			int64_t id;
			enum store_rc rc = store_pay_meeting_claim(s, m->id, user_id, kinds[i], &id);
			if (rc == ST_NOT_FOUND) continue;
			if (rc != ST_OK) return false;
			struct pay_step st = { .panel_id = p->id, .claim_id = id, .step = STEP_DECLINE,
			                       .key = arena_printf(a, "unattend:%lld", (long long)id),
			                       /* Stored, in the language of whoever corrected it. */
			                       .reason = _("Attendance was corrected: not at the meeting.") };
			int64_t entry;
			enum pay_outcome out;
			if (store_pay_claim_step(s, &st, now, &entry, &out) != ST_OK) return false;
		}
		return true;
	}
	if (store_membership_get(s, p->id, user_id, &mem) != ST_OK ||
	    mem.role != ROLE_CO_CREATOR || declines_pay(s, user_id, a))
		return true;
	int64_t minutes = (m->ends_at - m->starts_at) / 60;
	struct pay_claim c = { .panel_id = p->id, .user_id = user_id, .meeting_id = m->id,
	                       .work_day = civil_day_at(m->starts_at, p->time_zone),
	                       .claimed_day = civil_day_at(now, p->time_zone) };
	memcpy(c.currency, pol.currency, sizeof c.currency);
	struct {
		enum claim_kind kind;
		enum pay_unit unit;
		int64_t quantity;
		const char *what;
	} claims[2] = {
		{ CLAIM_FEE, pol.meeting_unit, pay_quantity_for_minutes(pol.meeting_unit, minutes),
		  /* TRANSLATORS: what a claim is for; %s is a meeting's title. Stored with the
		   * claim. */
		  N_("Attending \"%s\"") },
		/* TRANSLATORS: what a claim is for; %s is a meeting's title. Stored with the
		 * claim. */
		{ CLAIM_PREP, UNIT_HOUR, pol.prep_minutes, N_("Preparing for \"%s\"") },
	};
	for (int i = 0; i < 2; i++) {
		if (claims[i].quantity <= 0) continue;
		c.kind = claims[i].kind;
		c.unit = claims[i].unit;
		c.quantity = claims[i].quantity;
		if (!pay_fee(&pol.rates, c.unit, c.quantity, &c.amount)) continue; /* no such rate */
		c.description = arena_printf(a, _(claims[i].what), m->title);
		int64_t id;
		enum pay_outcome out;
		if (store_pay_claim_add(s, &c, attendance_key(a, m, user_id, c.kind), now, &id, &out) !=
		    ST_OK)
			return false;
	}
	return true;
}

/* ---- the pay policy ---- */

bool app_pay_policy_save(struct store *s, const struct pay_policy *pol, bool can_seal,
                         int64_t now, struct app_error *err)
{
	enum pay_column cols[COL__COUNT];
	size_t ncols;
	const char *texts[POLICY_INPUTS] = { [POLICY_CSV_COLUMNS] = pol->csv_columns,
	                                     [POLICY_ADVICE_NAME] = pol->advice_name,
	                                     [POLICY_ADVICE_URL] = pol->advice_url };
	if (!app_texts_fit(policy_inputs, texts, POLICY_INPUTS, err)) return false;
	if (!currency_valid(pol->currency))
		return app_fail(err, 400, "invalid", "currency", _(policy_inputs[POLICY_CURRENCY].wrong));
	static const int rate_field[] = { POLICY_RATE_HOUR, POLICY_RATE_HALF_DAY, POLICY_RATE_DAY };
	const int64_t rate[] = { pol->rates.hour, pol->rates.half_day, pol->rates.day };
	for (size_t i = 0; i < 3; i++)
		if (rate[i] < 0 || rate[i] > MONEY_MAX)
			return app_fail(err, 400, "invalid", policy_inputs[rate_field[i]].name,
			                _(policy_inputs[rate_field[i]].wrong));
	if (!pay_rate_of(&pol->rates, pol->meeting_unit))
		return app_fail(err, 400, "invalid", "meeting_unit",
		                _("Give a rate for the way meetings are paid."));
	if (pol->prep_minutes < 0 || pol->prep_minutes > 24 * 60)
		return app_fail(err, 400, "invalid", "prep_minutes",
		                _(policy_inputs[POLICY_PREP_MINUTES].wrong));
	if (pol->prep_minutes && !pol->rates.hour)
		return app_fail(err, 400, "invalid", "prep_minutes",
		                _("Preparation is paid at the hourly rate: give one."));
	if (pol->target_days < 1 || pol->target_days > 365)
		return app_fail(err, 400, "invalid", "target_days",
		                _(policy_inputs[POLICY_TARGET_DAYS].wrong));
	if (*pol->advice_url && strncmp(pol->advice_url, "https://", 8) != 0 &&
	    strncmp(pol->advice_url, "http://", 7) != 0)
		return app_fail(err, 400, "invalid", "benefits_advice.url",
		                _("Enter a web address starting https://"));
	if (!pay_columns_parse(pol->csv_columns, cols, &ncols))
		return app_fail(err, 400, "invalid", "csv_columns",
		                _("Use only the column names listed, each once."));
	if (pol->store_bank_details && !can_seal)
		return app_fail(err, 400, "invalid", "store_bank_details",
		                _("This server has no sealing key, so it cannot store bank details. "
		                  "See docs/operations.md."));
	enum store_rc rc = store_pay_policy_put(s, pol, now);
	if (rc == ST_CONFLICT)
		return app_fail(err, 409, "conflict", "version",
		                _("Someone else changed the policy while you were editing. "
		                  "Check the values and save again."));
	return rc == ST_OK || app_internal(err);
}

/* ---- claims people log ---- */

bool app_pay_claim(struct store *s, const char *files_dir, const struct panel *p,
                   const struct pay_policy *pol, int64_t actor_id, bool may_claim_for_others,
                   struct pay_claim *c, const unsigned char *receipt, size_t receipt_len,
                   const char *receipt_name, size_t file_limit, const char *key, int64_t now,
                   struct arena *a, int64_t *id, enum pay_outcome *outcome,
                   struct app_error *err)
{
	if (!key || !*key)
		return no_key(err);
	if (!pol->configured)
		return app_fail(err, 409, "pay_not_set_up", NULL,
		                _("This panel has not set up pay yet. A steward can do that first."));
	if (c->user_id != actor_id) {
		struct membership mem;
		if (!may_claim_for_others)
			return app_fail(err, 403, "forbidden", "payee_id", _("You can only claim for yourself."));
		if (store_membership_get(s, p->id, c->user_id, &mem) != ST_OK ||
		    mem.status == MEMBER_REMOVED ||
		    (mem.role != ROLE_CO_CREATOR && mem.role != ROLE_STEWARD))
			return app_fail(err, 400, "invalid", "payee_id", _("Choose a member of this panel."));
	}
	c->panel_id = p->id;
	c->description = text_trim(arena_strdup(a, c->description ? c->description : ""));
	const char *texts[CLAIM_INPUTS] = { [CLAIM_IN_DESCRIPTION] = c->description };
	if (!app_texts_fit(claim_inputs, texts, CLAIM_INPUTS, err)) return false;
	int64_t today = civil_day_at(now, p->time_zone);
	if (c->work_day <= 0 || c->work_day > today)
		return app_fail(err, 400, "invalid", "work_day",
		                _("Enter the date the work was done or the money spent, not in the future."));
	if (c->kind == CLAIM_EXPENSE) {
		if (c->category >= EXPENSE__COUNT || !(pol->expense_categories & (1u << c->category)))
			return app_fail(err, 400, "invalid", "category",
			                _("Choose one of the kinds of expense this panel pays."));
		if (c->amount <= 0 || c->amount > MONEY_MAX)
			return app_fail(err, 400, "invalid", "amount", _(claim_inputs[CLAIM_IN_AMOUNT].wrong));
		c->unit = UNIT_HOUR;
		c->quantity = 0;
	} else if (c->kind == CLAIM_WORK) {
		const struct input_field *f = &claim_inputs[c->unit == UNIT_HOUR ? CLAIM_IN_MINUTES
		                                                                 : CLAIM_IN_QUANTITY];
		if (c->quantity < f->min || c->quantity > f->max)
			return app_fail(err, 400, "invalid", f->name,
			                c->quantity ? _(f->wrong)
			                : c->unit == UNIT_HOUR ? _("Enter the time spent, like 1:30.")
			                                       : _("Enter how many, like 1."));
		if (!pay_fee(&pol->rates, c->unit, c->quantity, &c->amount))
			return app_fail(err, 400, "invalid", "unit",
			                _("This panel has no rate for that. Choose another way to count it."));
	} else {
		return app_fail(err, 400, "invalid", "kind",
		                _("Meeting fees are claimed by recording attendance."));
	}
	memcpy(c->currency, pol->currency, sizeof c->currency);
	c->claimed_day = today;
	c->created_by = actor_id;
	c->receipt_sha256 = c->receipt_name = "";
	if (receipt_len > 0) {
		if (c->kind != CLAIM_EXPENSE)
			return app_fail(err, 400, "invalid", "receipt", _("Only expenses have receipts."));
		if (receipt_len > file_limit)
			return app_fail(err, 413, "too_large", "receipt",
			                arena_printf(a, _("The receipt is too large: it can be up to %zu KB."),
			                             file_limit / 1024));
		c->receipt_kind = filetype_sniff(receipt, receipt_len);
		if (c->receipt_kind == FILE_UNKNOWN)
			return app_fail(err, 400, "file_type", "receipt",
			                _("We can take a photo (JPEG, PNG, GIF or WebP) or a PDF of the "
			                  "receipt. This file is none of these, or is damaged."));
		char hex[FILES_HASH_HEX + 1];
		if (!files_save(files_dir, receipt, receipt_len, hex)) return app_internal(err);
		c->receipt_sha256 = arena_strdup(a, hex);
		c->receipt_name = filetype_safe_name(receipt_name, c->receipt_kind, a);
		c->receipt_size = (int64_t)receipt_len;
	}
	if (store_pay_claim_add(s, c, client_key(a, actor_id, key), now, id, outcome) != ST_OK)
		return app_internal(err);
	if (*outcome == PAY_KEY_REUSED)
		return key_reused(err);
	return true;
}

/* ---- the limit check ---- */

bool app_pay_check(struct store *s, const struct pay_claim *c, int64_t pay_day,
                   struct arena *a, struct pay_check *out)
{
	memset(out, 0, sizeof *out);
	out->pay_day = pay_day;
	out->counted = claim_is_earnings(c->kind);
	struct pay_declaration d;
	enum store_rc rc = store_pay_declaration_get(s, c->user_id, a, &d);
	if (rc == ST_NOT_FOUND) return true;
	if (rc != ST_OK) return false;
	out->declared = true;
	if (*d.rule) {
		struct earnings_limit *rows;
		size_t n;
		if (store_earnings_limits(s, a, &rows, &n) != ST_OK) return false;
		/* The rule's period decides the period; any row of it says which. */
		enum limit_period period = PERIOD_WEEK;
		bool known = false;
		for (size_t i = 0; i < n && !known; i++)
			if (strcmp(rows[i].rule, d.rule) == 0) {
				period = rows[i].period;
				known = true;
			}
		if (!known) return true; /* a rule since deleted: nothing in force */
		out->period = pay_period_of(period, d.anchor_day, pay_day);
		const struct earnings_limit *l = limit_in_force(rows, n, d.rule, out->period.first);
		if (!l) return true;
		out->limit = *l;
	} else {
		/* TRANSLATORS: the name of the earnings limit a person gave as their own. */
		out->limit = (struct earnings_limit){ .rule = "", .name = _("Own limit"), .source = "",
		                                      .note = "", .kind = LIMIT_CLIFF,
		                                      .period = d.custom_period,
		                                      .amount = d.custom_amount };
		out->period = pay_period_of(d.custom_period, d.anchor_day, pay_day);
	}
	out->in_force = true;
	int64_t total = 0;
	if (store_pay_earnings_between(s, c->user_id, out->period, c->id, &total) != ST_OK)
		return false;
	limit_effect(&out->limit, total, out->counted ? c->amount : 0, &out->effect);
	return true;
}

bool pay_check_over(const struct pay_check *k)
{
	return k->counted && k->in_force && k->effect.state == LIMIT_OVER;
}

bool pay_check_needs_reason(const struct pay_check *k)
{
	return pay_check_over(k) && k->limit.kind == LIMIT_CLIFF;
}

/* ---- decisions ---- */

static const struct name_pair choices[CHOICE__COUNT] = {
	{ "approve", NULL }, { "approve_anyway", NULL }, { "non_cash", NULL },
	{ "expenses_only", NULL }, { "decline", NULL }, { "ask", NULL }, { "unapprove", NULL },
	{ "unpay", NULL },
};

const char *pay_choice_key(enum pay_choice c)
{
	return (unsigned)c < CHOICE__COUNT ? choices[c].key : "?";
}

bool pay_choice_parse(const char *s, enum pay_choice *out)
{
	int i = names_lookup(choices, CHOICE__COUNT, s);
	if (i < 0) return false;
	*out = (enum pay_choice)i;
	return true;
}

bool pay_choice_is(const char *s)
{
	return names_lookup(choices, CHOICE__COUNT, s) >= 0;
}

static bool wrong_state(struct app_error *err, enum claim_state st)
{
	static const char *const why[CLAIM_STATE__COUNT] = {
		[CLAIM_CLAIMED] = N_("This claim is still waiting for approval."),
		[CLAIM_APPROVED] = N_("This claim is already approved."),
		[CLAIM_PAID] = N_("This claim has been paid."),
		[CLAIM_DECLINED] = N_("This claim was declined."),
	};
	return app_fail(err, 409, "wrong_state", NULL,
	                (int)st >= 0 && st < CLAIM_STATE__COUNT ? _(why[st]) : _("Reload the page."));
}

/* An approval: the earnings-limit check, then (unless refused) the entry. */
struct approval {
	const struct pay_claim *claim;
	struct pay_step *step;
	bool plain;                  /* CHOICE_APPROVE: refused over a cliff-edge limit */
	int64_t now;
	struct arena *a;
	enum pay_outcome *outcome;
	struct pay_check check;
	bool refused;
	bool own;                    /* refused: the steward's own, and another could approve */
};

/* Whether policy_may_pay_self refuses a steward money of their own in
 * panel_id: another active steward could do it. Read in the caller's
 * transaction, and only when the money is the actor's. */
static bool another_steward_could(struct store *s, int64_t panel_id)
{
	return !policy_may_pay_self(true, (int)store_active_steward_count(s, panel_id));
}

static const char *const SECOND_STEWARD =
	N_("Another steward of this panel must do this, because it pays you.");

static enum store_rc approve_tx(struct store *s, void *p)
{
	struct approval *ap = p;
	int64_t entry;
	if (ap->claim->user_id == ap->step->by && another_steward_could(s, ap->step->panel_id)) {
		ap->own = true;
		return ST_OK;
	}
	if (!app_pay_check(s, ap->claim, ap->step->pay_day, ap->a, &ap->check)) return ST_ERROR;
	ap->refused = ap->plain && pay_check_needs_reason(&ap->check);
	if (ap->refused) return ST_OK;
	ap->step->over_limit = pay_check_over(&ap->check);
	return store_pay_claim_step(s, ap->step, ap->now, &entry, ap->outcome);
}

/* How a keyed step went, as the answer: true when done or replayed. */
static bool keyed_answer(enum pay_outcome out, enum claim_state st, struct app_error *err)
{
	if (out == PAY_KEY_REUSED) return key_reused(err);
	if (out == PAY_WRONG_STATE) return wrong_state(err, st);
	return true;
}

bool app_pay_decide(struct store *s, const struct panel *p, int64_t actor_id,
                    const struct pay_claim *c, const struct pay_decision *d, int64_t now,
                    struct arena *a, enum pay_outcome *outcome, struct app_error *err)
{
	*outcome = PAY_DONE;
	if (!d->key || !*d->key)
		return no_key(err);
	const char *reason = text_trim(arena_strdup(a, d->reason ? d->reason : ""));
	const char *texts[DECISION_INPUTS] = { [DECISION_REASON] = reason };
	if (!app_texts_fit(decision_inputs, texts, DECISION_INPUTS, err)) return false;
	bool needs_reason = d->choice == CHOICE_APPROVE_ANYWAY || d->choice == CHOICE_DECLINE ||
	                    d->choice == CHOICE_UNAPPROVE || d->choice == CHOICE_UNPAY;
	if (needs_reason && !*reason)
		return app_fail(err, 400, "invalid", "reason",
		                d->choice == CHOICE_APPROVE_ANYWAY
		                    ? _("Give the reason for going ahead although it is over the limit.")
		                    : _("Give the reason: the member will see it."));
	struct pay_step st = { .panel_id = p->id, .claim_id = c->id, .by = actor_id,
	                       .key = client_key(a, actor_id, d->key), .reason = reason };
	const char *notice = NULL;
	const char *said_reason = NULL; /* our words, when the steward gave none */
	switch (d->choice) {
	case CHOICE_APPROVE:
	case CHOICE_APPROVE_ANYWAY:
	case CHOICE_NON_CASH: {
		st.step = STEP_APPROVE;
		st.method = METHOD_BANK;
		if (d->choice == CHOICE_NON_CASH) {
			if (!method_non_cash(d->method))
				return app_fail(err, 400, "invalid", "method",
				                _(decision_inputs[DECISION_METHOD].wrong));
			st.method = d->method;
			if (!*reason)
				/* TRANSLATORS: stored as a decision's reason; %s is a way of paying,
				 * like "Voucher". */
				st.reason = arena_printf(a, _("Paid as: %s."), _(pay_method_label(d->method)));
		}
		int64_t today = civil_day_at(now, p->time_zone);
		st.pay_day = d->pay_day ? d->pay_day : today;
		if (st.pay_day < today - 366 || st.pay_day > today + 366)
			return app_fail(err, 400, "invalid", "pay_day",
			                _("Enter a payment date within a year of today."));
		if (c->state != CLAIM_CLAIMED) break; /* the store answers replay or wrong state */
		/* The check and the entry in one transaction: two approvals for
		 * one person at once cannot both pass a check made before the
		 * other was written. */
		struct approval ap = { .claim = c, .step = &st, .plain = d->choice == CHOICE_APPROVE,
		                       .now = now, .a = a, .outcome = outcome };
		if (store_tx_keyed(s, approve_tx, &ap) != ST_OK) return app_internal(err);
		if (ap.own) return app_fail(err, 403, "second_steward", "choice", _(SECOND_STEWARD));
		if (ap.refused)
			return app_fail(err, 409, "over_limit", "choice",
			                /* TRANSLATORS: a person's name, then an amount of money. */
			                arena_printf(a, _("This would take %s over their declared limit by "
			                                  "%s in that period. Choose another way, or give a "
			                                  "reason to go ahead."), c->payee_name,
			                             money_format(a, c->currency, -ap.check.effect.margin)));
		return keyed_answer(*outcome, c->state, err);
	}
	case CHOICE_EXPENSES_ONLY:
		if (c->kind == CLAIM_EXPENSE)
			return app_fail(err, 400, "invalid", "choice", _("This claim is an expense."));
		st.step = STEP_DECLINE;
		if (!*reason) {
			said_reason = N_("Expenses only: the fee is not paid, so that it does not cross "
			                 "the earnings limit the member declared.");
			st.reason = _(said_reason);
		}
		/* TRANSLATORS: a notice: what the claim was for, its amount, and the reason. */
		notice = N_("A fee claim was not paid: \"%s\" (%s). Reason: %s");
		break;
	case CHOICE_DECLINE:
		st.step = STEP_DECLINE;
		/* TRANSLATORS: a notice: what the claim was for, its amount, and the reason. */
		notice = N_("A claim was declined: \"%s\" (%s). Reason: %s");
		break;
	case CHOICE_UNAPPROVE:
		st.step = STEP_UNAPPROVE;
		break;
	case CHOICE_UNPAY:
		st.step = STEP_UNPAY;
		/* TRANSLATORS: a notice: what the claim was for, its amount, and the reason. */
		notice = N_("A payment was recorded as not received: \"%s\" (%s). Reason: %s");
		break;
	case CHOICE_ASK: {
		if (c->state != CLAIM_CLAIMED) return wrong_state(err, c->state);
		if (store_pay_claim_asked(s, p->id, c->id, now) != ST_OK) return app_internal(err);
		store_notice_add(s, c->user_id, p->id,
		                 /* TRANSLATORS: a notice: what the claim was for, and its amount. */
		                 lang_message(a, N_("A steward would like to talk with you about how "
		                                    "to pay your claim \"%s\" (%s)."), 2, c->description,
		                              money_stored(a, c->currency, c->amount)),
		                 arena_printf(a, "/my-pay#claim-%lld", (long long)c->id), now);
		return true;
	}
	default:
		return app_fail(err, 400, "invalid", "choice", _(decision_inputs[DECISION_CHOICE].missing));
	}
	int64_t entry;
	if (store_pay_claim_step(s, &st, now, &entry, outcome) != ST_OK) return app_internal(err);
	if (!keyed_answer(*outcome, c->state, err)) return false;
	if (*outcome == PAY_DONE && notice && c->user_id != actor_id)
		store_notice_add(s, c->user_id, p->id,
		                 lang_message(a, notice, 3, c->description,
		                              money_stored(a, c->currency, c->amount),
		                              said_reason ? lang_words(a, said_reason) : st.reason),
		                 arena_printf(a, "/my-pay#claim-%lld", (long long)c->id), now);
	return true;
}

/* ---- payment runs ---- */

/* Making or marking paid a run, with the four-eyes check in its transaction. */
struct run_tx {
	const struct panel *p;
	int64_t actor_id, run_id_in, paid_day, now;
	const int64_t *ids;
	size_t n;
	const char *reference, *key;
	int64_t *run_id;
	enum pay_outcome *outcome;
	bool own;                    /* refused: it pays the actor, and another could do it */
};

static enum store_rc run_create_tx(struct store *s, void *p)
{
	struct run_tx *x = p;
	bool pays_actor = false;
	enum store_rc rc = ST_OK;
	if (another_steward_could(s, x->p->id))
		rc = store_pay_claims_pay(s, x->p->id, x->ids, x->n, x->actor_id, &pays_actor);
	if (rc != ST_OK) return rc;
	if (pays_actor) {
		x->own = true;
		return ST_OK;
	}
	return store_pay_run_create(s, x->p->id, x->reference, x->ids, x->n, x->key, x->actor_id,
	                            civil_day_at(x->now, x->p->time_zone), x->now, x->run_id,
	                            x->outcome);
}

static enum store_rc run_paid_tx(struct store *s, void *p)
{
	struct run_tx *x = p;
	bool pays_actor = false;
	enum store_rc rc = ST_OK;
	if (another_steward_could(s, x->p->id))
		rc = store_pay_run_pays(s, x->run_id_in, x->actor_id, &pays_actor);
	if (rc != ST_OK) return rc;
	if (pays_actor) {
		x->own = true;
		return ST_OK;
	}
	return store_pay_run_mark_paid(s, x->p->id, x->run_id_in, x->paid_day, x->key, x->actor_id,
	                               x->now, x->outcome);
}

bool app_pay_run_create(struct store *s, const struct panel *p, int64_t actor_id,
                        const int64_t *ids, size_t n, const char *reference, const char *key,
                        int64_t now, struct arena *a, int64_t *run_id,
                        enum pay_outcome *outcome, struct app_error *err)
{
	if (!key || !*key)
		return no_key(err);
	if (n == 0)
		return app_fail(err, 400, "invalid", "claims", _(run_inputs[RUN_IN_CLAIMS].missing));
	if (n > RUN_MAX_CLAIMS)
		return app_fail(err, 400, "invalid", "claims", _(run_inputs[RUN_IN_CLAIMS].wrong));
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (ids[i] == ids[j])
				return app_fail(err, 400, "invalid", "claims", _("A claim is chosen twice."));
	reference = text_trim(arena_strdup(a, reference ? reference : ""));
	const char *texts[RUN_INPUTS] = { [RUN_IN_REFERENCE] = reference };
	if (!app_texts_fit(run_inputs, texts, RUN_INPUTS, err)) return false;
	struct run_tx x = { .p = p, .actor_id = actor_id, .ids = ids, .n = n,
	                    .reference = reference, .key = client_key(a, actor_id, key),
	                    .now = now, .run_id = run_id, .outcome = outcome };
	enum store_rc rc = store_tx_keyed(s, run_create_tx, &x);
	if (x.own) return app_fail(err, 403, "second_steward", "claims", _(SECOND_STEWARD));
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 400, "invalid", "claims", _("A chosen claim is not this panel's."));
	if (rc == ST_CONFLICT)
		return app_fail(err, 409, "conflict", "reference",
		                _("A payment run already has that reference. Choose another."));
	if (rc != ST_OK) return app_internal(err);
	if (*outcome == PAY_KEY_REUSED)
		return key_reused(err);
	if (*outcome == PAY_WRONG_STATE)
		return app_fail(err, 409, "wrong_state", "claims",
		                _("A chosen claim is no longer approved and waiting. Reload the page."));
	return true;
}

bool app_pay_run_paid(struct store *s, const struct panel *p, int64_t actor_id, int64_t run_id,
                      int64_t paid_day, const char *key, int64_t now, struct arena *a,
                      enum pay_outcome *outcome, struct app_error *err)
{
	if (!key || !*key)
		return no_key(err);
	int64_t today = civil_day_at(now, p->time_zone);
	if (paid_day <= 0 || paid_day > today || paid_day < today - 366)
		return app_fail(err, 400, "invalid", "paid_day",
		                _("Enter the date the money was paid: today or in the last year."));
	struct pay_run run;
	enum store_rc rc = store_pay_run_get(s, p->id, run_id, a, &run);
	if (rc == ST_NOT_FOUND) return app_fail(err, 404, "not_found", NULL, _("There is no such run."));
	if (rc != ST_OK) return app_internal(err);
	struct run_tx x = { .p = p, .actor_id = actor_id, .run_id_in = run_id, .paid_day = paid_day,
	                    .key = client_key(a, actor_id, key), .now = now, .outcome = outcome };
	rc = store_tx_keyed(s, run_paid_tx, &x);
	if (rc != ST_OK) return app_internal(err);
	if (x.own) return app_fail(err, 403, "second_steward", NULL, _(SECOND_STEWARD));
	if (*outcome == PAY_KEY_REUSED)
		return key_reused(err);
	if (*outcome == PAY_WRONG_STATE)
		return app_fail(err, 409, "wrong_state", NULL,
		                run.paid_day ? _("This run is already marked paid.")
		                             : _("This run holds no approved claims."));
	if (*outcome != PAY_DONE) return true;
	struct pay_payee *payees;
	size_t n;
	if (store_pay_run_payees(s, run_id, a, &payees, &n) == ST_OK) {
		int y, m, dd;
		civil_date_of_day(paid_day, &y, &m, &dd);
		const char *day = arena_printf(a, "%04d-%02d-%02d", y, m, dd);
		struct pay_policy pol;
		store_pay_policy_get(s, p->id, a, &pol);
		/* Each way in its own words: a voucher is not money paid in. */
		/* Notices (stored). */
		static const char *const said[METHOD__COUNT] = {
			/* TRANSLATORS: a notice: an amount of money, a date (year-month-day) and
			 * the payment run's reference. */
			[METHOD_BANK] = N_("%s was paid to you by bank transfer on %s (%s)."),
			/* TRANSLATORS: a notice: an amount of money, a date (year-month-day) and
			 * the payment run's reference. */
			[METHOD_VOUCHER] = N_("A voucher worth %s was sent to you on %s (%s)."),
			/* TRANSLATORS: a notice: an amount of money, a date (year-month-day) and
			 * the payment run's reference. */
			[METHOD_TRAINING] = N_("Training worth %s was paid for you on %s (%s)."),
			/* TRANSLATORS: a notice: an amount of money, a date (year-month-day) and
			 * the payment run's reference. */
			[METHOD_DONATE] =
				N_("%s was given as a donation, as you chose, on %s (%s)."),
		};
		for (size_t i = 0; i < n; i++) {
			const char *fmt = payees[i].has_method
			                  ? said[payees[i].method]
			                  /* TRANSLATORS: a notice: an amount of money, a date
			                   * (year-month-day) and the payment run's reference. */
			                  : N_("%s was paid to you on %s (%s).");
			store_notice_add(s, payees[i].user_id, p->id,
			                 lang_message(a, fmt, 3, money_stored(a, pol.currency,
			                                                      payees[i].amount),
			                              day, run.reference),
			                 "/my-pay", now);
		}
	}
	return true;
}

/* ---- declarations ---- */

bool app_pay_declare(struct store *s, int64_t user_id, const struct pay_declaration *d,
                     int64_t now, struct arena *a, struct app_error *err)
{
	/* A period that began: not one more than a year ahead (UTC's day is
	 * close enough for a bound this wide). */
	if (d->anchor_day <= 0 || d->anchor_day > now / 86400 + 366)
		return app_fail(err, 400, "invalid", "anchor_day",
		                _(declaration_inputs[DECLARATION_ANCHOR_DAY].missing));
	if (d->rule && *d->rule) {
		struct earnings_limit *rows;
		size_t n;
		bool known = false;
		if (store_earnings_limits(s, a, &rows, &n) != ST_OK) return app_internal(err);
		for (size_t i = 0; i < n && !known; i++) known = strcmp(rows[i].rule, d->rule) == 0;
		if (!known) return app_fail(err, 400, "invalid", "rule", _("Choose one of the limits listed."));
	} else if (d->custom_amount <= 0 || d->custom_amount > MONEY_MAX) {
		return app_fail(err, 400, "invalid", "custom_amount",
		                _(declaration_inputs[DECLARATION_AMOUNT].wrong));
	}
	if (store_pay_declaration_set(s, user_id, d, now) != ST_OK) return app_internal(err);
	return true;
}

bool app_earnings_limit_save(struct store *s, const struct earnings_limit *l, int64_t by,
                             int64_t now, int64_t *id, struct app_error *err)
{
	const char *texts[LIMIT_INPUTS] = { [LIMIT_IN_RULE] = l->rule, [LIMIT_IN_NAME] = l->name,
	                                    [LIMIT_IN_SOURCE] = l->source, [LIMIT_IN_NOTE] = l->note };
	if (!app_texts_fit(limit_inputs, texts, LIMIT_INPUTS, err)) return false;
	size_t n = strlen(l->rule);
	if (strspn(l->rule, "abcdefghijklmnopqrstuvwxyz0123456789_") != n)
		return app_fail(err, 400, "invalid", "rule",
		                _("Give the rule a key of small letters, digits and _, like carers_allowance."));
	if (l->amount <= 0 || l->amount > MONEY_MAX)
		return app_fail(err, 400, "invalid", "amount", _(limit_inputs[LIMIT_IN_AMOUNT].wrong));
	if (l->kind == LIMIT_TAPER ? l->taper_percent < 1 || l->taper_percent > 100
	                           : l->taper_percent != 0)
		return app_fail(err, 400, "invalid", "taper_percent",
		                _("A taper takes a share from 1 to 100 per cent; a limit takes none."));
	if (l->effective_from <= 0)
		return app_fail(err, 400, "invalid", "effective_from",
		                _(limit_inputs[LIMIT_IN_EFFECTIVE_FROM].missing));
	enum store_rc rc = store_earnings_limit_put(s, l, by, now, id);
	if (rc == ST_NOT_FOUND) return app_fail(err, 404, "not_found", NULL, _("There is no such row."));
	if (rc == ST_CONFLICT)
		return app_fail(err, 409, "conflict", "effective_from",
		                _("This rule already has a row from that date: change that row instead."));
	return rc == ST_OK || app_internal(err);
}

void app_pay_declaration_seen(struct store *s, int64_t payee, int64_t actor_id, const char *zone,
                              int64_t now)
{
	store_audit_read_since(s, payee, actor_id, "pay_declaration",
	                       civil_day_start(civil_day_at(now, zone), zone), now);
}

const char *app_pay_preference(struct store *s, int64_t payee, int64_t actor_id, int64_t now,
                               struct arena *a)
{
	struct profile_value *v;
	size_t n;
	if (store_profile_get(s, payee, a, &v, &n) != ST_OK) return NULL;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].field, "pay") != 0) continue;
		if (!policy_can_see_field(REL_STEWARD, v[i].visibility)) return NULL;
		store_audit_add(s, payee, actor_id, AUDIT_READ, "pay", now);
		return profile_display(profile_field_find("pay"), v[i].value, a);
	}
	return NULL;
}

enum store_rc app_claim_visible(struct store *s, const struct panel_actor *actor,
                                int64_t panel_id, int64_t id, int64_t user_id, struct arena *a,
                                struct pay_claim *out)
{
	enum store_rc rc = store_pay_claim_get(s, panel_id, id, a, out);
	if (rc == ST_OK && out->user_id != user_id && !policy_allows(actor, PA_MANAGE_PAY))
		rc = ST_NOT_FOUND;
	return rc;
}
