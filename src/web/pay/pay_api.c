/* The JSON API for fair pay: a panel's pay policy, claims with their
 * ledger and earnings-limit check, steward decisions, payment runs and
 * their CSV; each person's own pay, declared limit and statements; the
 * earnings-limits table. The same permission checks as the pages
 * (routes.c gives each route the same policy action; a claim is its
 * payee's and the panel's stewards' only, 404 to anyone else) through the
 * same use cases (app.h).
 *
 * Money is integer minor units ("amount": 2750 is £27.50) with the
 * currency beside it; days are "YYYY-MM-DD" (the panel's calendar);
 * instants are UTC ISO 8601.
 *
 * Every request that changes money carries an Idempotency-Key header
 * (1 to 200 printable characters, unique per intended change): sent again
 * with the same key it changes nothing and answers as the first time did,
 * with "replayed": true; the same key for a different change is 409
 * key_reused. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/text.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/pay/pay_ui.h"

enum { KEY_MAX = 200 };

/* ---- JSON shapes ---- */

static json_t *jday(struct request *req, int64_t day)
{
	return day ? json_string(iso_day(req, day)) : json_null();
}

static json_t *policy_json(const struct pay_policy *p)
{
	json_t *exp = json_array();
	for (int c = 0; c < EXPENSE__COUNT; c++)
		if (p->expense_categories & (1u << c))
			json_array_append_new(exp, json_string(expense_key((enum expense_category)c)));
	return json_pack("{s:b,s:s,s:{s:I,s:I,s:I},s:s,s:I,s:I,s:o,s:s,s:{s:s,s:s},s:b,s:I,s:o}",
	                 "configured", p->configured, "currency", p->currency, "rates", "hour",
	                 (json_int_t)p->rates.hour, "half_day", (json_int_t)p->rates.half_day, "day",
	                 (json_int_t)p->rates.day, "meeting_unit", pay_unit_key(p->meeting_unit),
	                 "prep_minutes", (json_int_t)p->prep_minutes, "target_days",
	                 (json_int_t)p->target_days, "expense_categories", exp, "csv_columns",
	                 p->csv_columns, "benefits_advice", "name", p->advice_name, "url",
	                 p->advice_url, "store_bank_details", p->store_bank_details, "version",
	                 (json_int_t)p->version, "updated_at", jtime(p->updated_at));
}

static json_t *claim_json(struct request *req, const struct pay_claim *c)
{
	json_t *j = json_pack("{s:I,s:o,s:o,s:o,s:s,s:s,s:o,s:I,s:s,s:s,s:o,s:o,s:o,s:o,s:o}",
	                      "id", (json_int_t)c->id, "panel", jref(c->panel_id, "name", c->panel_name),
	                      "payee", jref(c->user_id, "name", c->payee_name), "meeting",
	                      jref(c->meeting_id, "title", c->meeting_title), "kind",
	                      claim_kind_key(c->kind), "description", c->description, "work_day",
	                      jday(req, c->work_day), "amount", (json_int_t)c->amount, "currency",
	                      c->currency, "state", claim_state_key(c->state), "claimed_day",
	                      jday(req, c->claimed_day), "pay_day", jday(req, c->pay_day), "run",
	                      jref(c->run_id, "reference", c->run_reference), "asked_at",
	                      jtime(c->asked_at), "created_at", jtime(c->created_at));
	if (c->kind == CLAIM_EXPENSE) {
		json_object_set_new(j, "category", json_string(expense_key(c->category)));
	} else {
		json_object_set_new(j, "unit", json_string(pay_unit_key(c->unit)));
		json_object_set_new(j, "quantity", jint(c->quantity));
	}
	json_object_set_new(j, "method",
	                    c->has_method ? json_string(pay_method_key(c->method)) : json_null());
	json_object_set_new(
		j, "receipt",
		*c->receipt_sha256
			? json_pack("{s:s,s:I,s:s}", "name", c->receipt_name, "size",
			            (json_int_t)c->receipt_size, "url",
			            arena_printf(&req->arena, "/api/v1/panels/%lld/pay/claims/%lld/receipt",
			                         (long long)c->panel_id, (long long)c->id))
			: json_null());
	return j;
}

static json_t *ledger_json(struct request *req, const struct ledger_entry *e)
{
	json_t *j = json_pack("{s:I,s:s,s:I,s:o,s:o,s:b,s:s,s:o}", "id", (json_int_t)e->id, "kind",
	                      ledger_kind_key(e->kind), "amount", (json_int_t)e->amount, "at",
	                      jtime(e->at), "pay_day", jday(req, e->pay_day), "over_limit",
	                      e->over_limit, "reason", e->reason, "by",
	                      e->by_user ? jref(e->by_user, "name",
	                                        *e->by_name ? e->by_name : "a former member")
	                                 : json_null());
	if (e->kind == LEDGER_REVERSAL) {
		json_object_set_new(j, "reverses", json_string(ledger_kind_key(e->reverses)));
		json_object_set_new(j, "reverses_id", jint(e->reverses_id));
	}
	if (e->run_id) json_object_set_new(j, "run_id", jint(e->run_id));
	if (e->has_method) json_object_set_new(j, "method", json_string(pay_method_key(e->method)));
	return j;
}

static json_t *limit_json(struct request *req, const struct earnings_limit *l)
{
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:o}", "rule", l->rule, "name", l->name,
	                      "kind", limit_kind_key(l->kind), "period", limit_period_key(l->period),
	                      "source", l->source, "amount", (json_int_t)l->amount, "effective_from",
	                      jday(req, l->effective_from));
	if (l->id) json_object_set_new(j, "id", jint(l->id));
	if (*l->note) json_object_set_new(j, "note", json_string(l->note));
	if (l->kind == LIMIT_TAPER) json_object_set_new(j, "taper_percent", json_integer(l->taper_percent));
	return j;
}

/* The facts of a check: the words are the pages' (limit_check_section). */
static json_t *check_json(struct request *req, const struct pay_check *k,
                          const struct pay_policy *pol)
{
	json_t *j = json_pack("{s:b,s:b,s:b,s:o}", "counted", k->counted, "declared", k->declared,
	                      "in_force", k->in_force, "pay_day", jday(req, k->pay_day));
	if (k->declared && k->period.first)
		json_object_set_new(j, "period", json_pack("{s:o,s:o}", "first",
		                                           jday(req, k->period.first), "last",
		                                           jday(req, k->period.last)));
	if (k->in_force) {
		const struct limit_effect *e = &k->effect;
		json_object_set_new(j, "limit", limit_json(req, &k->limit));
		json_t *eff = json_pack("{s:s,s:I,s:I,s:I,s:I}", "state", limit_state_key(e->state),
		                        "amount", (json_int_t)e->amount, "total_before",
		                        (json_int_t)e->total_before, "total_after",
		                        (json_int_t)e->total_after, "margin", (json_int_t)e->margin);
		if (k->limit.kind == LIMIT_TAPER) {
			json_object_set_new(eff, "reduction_before", jint(e->reduction_before));
			json_object_set_new(eff, "reduction_after", jint(e->reduction_after));
		}
		json_object_set_new(j, "effect", eff);
		json_object_set_new(j, "over", json_boolean(pay_check_over(k)));
		json_object_set_new(j, "needs_reason", json_boolean(pay_check_needs_reason(k)));
	}
	if (pol && *pol->advice_url)
		json_object_set_new(j, "benefits_advice", json_pack("{s:s,s:s}", "name",
		                                                    pol->advice_name, "url",
		                                                    pol->advice_url));
	return j;
}

static json_t *run_json(struct request *req, const struct pay_run *r, const char *currency)
{
	return json_pack("{s:I,s:s,s:I,s:I,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)r->id,
	                 "reference", r->reference, "claims", (json_int_t)r->claims, "total",
	                 (json_int_t)r->total, "currency", currency, "created_at",
	                 jtime(r->created_at), "created_by",
	                 jref(r->created_by, "name", r->created_by_name), "paid_day",
	                 jday(req, r->paid_day), "paid_at", jtime(r->paid_at));
}

/* ---- reading a request ---- */

/* The Idempotency-Key header; NULL, having answered 400, when it is
 * missing or not 1 to KEY_MAX printable ASCII characters. */
static const char *idempotency_key(struct request *req)
{
	const char *k = req_header(req, "Idempotency-Key");
	size_t n = k ? strlen(k) : 0;
	bool ok = n > 0 && n <= KEY_MAX;
	for (size_t i = 0; ok && i < n; i++) ok = k[i] > ' ' && k[i] < 127;
	if (!ok) {
		respond_error(req, 400, "key_missing",
		              "Send an Idempotency-Key header: 1 to 200 printable characters, new for "
		              "each change you mean to make.");
		return NULL;
	}
	return k;
}

/* A "YYYY-MM-DD" in a checked body into *out (left as it is when absent);
 * false, having answered 400 naming it, when it is not a date. */
static bool body_day(struct request *req, json_t *j, const char *name, int64_t *out)
{
	const char *v = json_string_value(json_object_get(j, name));
	if (!v) return true;
	if (!(*out = parse_day(v))) {
		respond_error_field(req, 400, "invalid", name, "Give the date like 2026-11-23.");
		return false;
	}
	return true;
}

/* Answers a keyed change: 201 (or 200 for a decision) the first time,
 * 200 with "replayed" after. */
static void send_keyed(struct request *req, int done_status, enum pay_outcome out, json_t *j)
{
	json_object_set_new(j, "replayed", json_boolean(out == PAY_REPLAYED));
	api_send(req, out == PAY_REPLAYED ? 200 : done_status, j);
}

/* ---- a panel's pay ---- */

/* {"policy": ...} as it is stored now. */
static void send_policy(struct request *req)
{
	struct pay_policy pol;
	if (load_pay_policy(req, &pol))
		api_send(req, 200, json_pack("{s:o}", "policy", policy_json(&pol)));
}

void api_pay_policy_get(struct request *req) { send_policy(req); }

void api_pay_policy_put(struct request *req)
{
	/* Every rate is required: a rate left out is not silently zero. */
	static const struct jsonb_field spec[] = {
		{ "version", JB_INTEGER, true, 0 },        { "currency", JB_STRING, true, 3 },
		{ "rates", JB_OBJECT, true, 0 },           { "rates.hour", JB_INTEGER, true, 0 },
		{ "rates.half_day", JB_INTEGER, true, 0 }, { "rates.day", JB_INTEGER, true, 0 },
		{ "meeting_unit", JB_STRING, true, 20 },
		{ "prep_minutes", JB_INTEGER, false, 0 },  { "target_days", JB_INTEGER, false, 0 },
		{ "csv_columns", JB_STRING, false, 400 },
		{ "benefits_advice", JB_OBJECT, false, 0 },
		{ "benefits_advice.name", JB_STRING, false, 200 },
		{ "benefits_advice.url", JB_STRING, false, 500 },
		{ "store_bank_details", JB_BOOLEAN, false, 0 } };
	struct pay_policy pol;
	if (!load_pay_policy(req, &pol)) return;
	json_t *j, *lists[1];
	static const char *const list_names[] = { "expense_categories" };
	if (!api_parse_body_lists(req, spec, sizeof spec / sizeof spec[0], list_names, lists, 1, &j))
		return;
	json_int_t version = json_integer_value(json_object_get(j, "version"));
	json_t *rates = json_object_get(j, "rates");
	json_t *advice = json_object_get(j, "benefits_advice");
	json_t *v;
	bool ok = true;
	const char *bad = NULL;
	snprintf(pol.currency, sizeof pol.currency, "%s", api_body_text(req, j, "currency"));
	pol.rates.hour = json_integer_value(json_object_get(rates, "hour"));
	pol.rates.half_day = json_integer_value(json_object_get(rates, "half_day"));
	pol.rates.day = json_integer_value(json_object_get(rates, "day"));
	if (!pay_unit_parse(api_body_text(req, j, "meeting_unit"), &pol.meeting_unit))
		ok = false, bad = "meeting_unit";
	if ((v = json_object_get(j, "prep_minutes"))) pol.prep_minutes = json_integer_value(v);
	if ((v = json_object_get(j, "target_days"))) pol.target_days = json_integer_value(v);
	if ((v = json_object_get(j, "csv_columns"))) pol.csv_columns = api_body_text(req, j, "csv_columns");
	if (advice) {
		const char *n = json_string_value(json_object_get(advice, "name"));
		const char *u = json_string_value(json_object_get(advice, "url"));
		pol.advice_name = arena_strdup(&req->arena, n ? n : "");
		pol.advice_url = arena_strdup(&req->arena, u ? u : "");
	}
	if ((v = json_object_get(j, "store_bank_details"))) pol.store_bank_details = json_is_true(v);
	if (lists[0]) {
		pol.expense_categories = 0;
		size_t i;
		json_t *e;
		json_array_foreach(lists[0], i, e) {
			enum expense_category c;
			if (!expense_parse(json_string_value(e), &c)) ok = false, bad = "expense_categories";
			else pol.expense_categories |= 1u << c;
		}
	}
	bool stale = version != pol.version;
	json_decref(lists[0]);
	json_decref(j);
	if (!ok) {
		respond_error_field(req, 400, "invalid", bad, "Choose from the values listed in docs/api.md.");
		return;
	}
	if (stale) {
		respond_error_field(req, 409, "conflict", "version",
		                    "The policy changed since you read it: read it again.");
		return;
	}
	struct app_error err;
	if (!app_pay_policy_save(req->store, &pol, req->cfg->seal_key_loaded, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_policy(req);
}

/* ?state= and ?before=/?limit=: a steward's list is the panel's, anyone
 * else's their own claims in this panel. */
void api_pay_claims(struct request *req)
{
	int64_t before, limit;
	if (!api_query_page(req, &before, &limit)) return;
	int state = -1;
	const char *s = form_get(&req->query, "state");
	enum claim_state cs;
	if (s && !claim_state_parse(s, &cs)) {
		respond_error_field(req, 400, "bad_query", "state",
		                    "state must be claimed, approved, paid or declined.");
		return;
	}
	if (s) state = (int)cs;
	struct pay_claim *c;
	size_t n;
	enum store_rc rc = policy_allows(&req->actor, PA_MANAGE_PAY)
		? store_pay_claims_list(req->store, PCS_PANEL, req->panel->id, state, before,
		                        (int)limit, &req->arena, &c, &n)
		: store_pay_claims_of(req->store, req->user->id, req->panel->id, state, before,
		                      (int)limit, &req->arena, &c, &n);
	if (rc != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the claims.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, claim_json(req, &c[i]));
	int64_t next = n == (size_t)limit ? c[n - 1].id : 0;
	api_send(req, 200, api_list_answer("claims", arr, next, limit));
}

void api_pay_claim_post(struct request *req)
{
	static const struct jsonb_field spec[] = {
		{ "kind", JB_STRING, true, 20 },        { "description", JB_STRING, true, 2000 },
		{ "work_day", JB_STRING, true, 10 },    { "unit", JB_STRING, false, 20 },
		{ "quantity", JB_INTEGER, false, 0 },   { "minutes", JB_INTEGER, false, 0 },
		{ "category", JB_STRING, false, 20 },   { "amount", JB_INTEGER, false, 0 },
		{ "payee_id", JB_INTEGER, false, 0 },   { "receipt", JB_OBJECT, false, 0 },
		/* A receipt's Base64 is bounded by the body limit, not here. */
		{ "receipt.name", JB_STRING, true, 255 },
		{ "receipt.content_base64", JB_STRING, true, SIZE_MAX } };
	const char *key = idempotency_key(req);
	if (!key) return;
	struct pay_policy pol;
	if (!load_pay_policy(req, &pol)) return;
	json_t *j;
	if (!api_parse_body(req, spec, sizeof spec / sizeof spec[0], &j)) return;
	struct pay_claim c = { .user_id = req->user->id };
	int64_t payee = 0;
	bool ok = api_body_id(req, j, "payee_id", &payee) && body_day(req, j, "work_day", &c.work_day);
	if (payee) c.user_id = payee;
	c.description = api_body_text(req, j, "description");
	if (ok && !claim_kind_parse(api_body_text(req, j, "kind"), &c.kind)) {
		respond_error_field(req, 400, "invalid", "kind", "kind must be work or expense.");
		ok = false;
	}
	if (ok && c.kind == CLAIM_EXPENSE) {
		c.amount = json_integer_value(json_object_get(j, "amount"));
		if (!expense_parse(api_body_text(req, j, "category"), &c.category)) {
			respond_error_field(req, 400, "invalid", "category",
			                    "category must be travel, care, meals or phone.");
			ok = false;
		}
	} else if (ok) {
		const char *unit = api_body_text(req, j, "unit");
		if (!pay_unit_parse(*unit ? unit : "hour", &c.unit)) {
			respond_error_field(req, 400, "invalid", "unit", "unit must be hour, half_day or day.");
			ok = false;
		}
		c.quantity = json_integer_value(json_object_get(
			j, c.unit == UNIT_HOUR ? "minutes" : "quantity"));
	}
	/* A receipt: {"name": "bus.pdf", "content_base64": "..."}. */
	unsigned char *file = NULL;
	size_t file_len = 0;
	const char *file_name = NULL;
	json_t *receipt = json_object_get(j, "receipt");
	if (ok && receipt) {
		const char *b64 = json_string_value(json_object_get(receipt, "content_base64"));
		const char *name = json_string_value(json_object_get(receipt, "name"));
		size_t cap = b64 ? strlen(b64) / 4 * 3 + 3 : 0;
		file = b64 ? arena_alloc(&req->arena, cap + 1) : NULL;
		if (!file || !name ||
		    sodium_base642bin(file, cap, b64, strlen(b64), NULL, &file_len, NULL,
		                      sodium_base64_VARIANT_ORIGINAL) != 0) {
			respond_error_field(req, 400, "invalid", "receipt",
			                    "receipt needs name and content_base64 (standard Base64).");
			ok = false;
		}
		file_name = name ? arena_strdup(&req->arena, name) : NULL;
	}
	json_decref(j);
	if (!ok) return;
	int64_t id = 0;
	enum pay_outcome out;
	struct app_error err;
	if (!app_pay_claim(req->store, req->cfg->files_dir, req->panel, &pol, req->user->id,
	                   policy_allows(&req->actor, PA_MANAGE_PAY), &c, file, file_len, file_name,
	                   req->cfg->upload_limit, key, req->now, &req->arena, &id, &out, &err)) {
		api_respond_error(req, &err);
		return;
	}
	struct pay_claim saved;
	if (store_pay_claim_get(req->store, req->panel->id, id, &req->arena, &saved) != ST_OK) {
		respond_error(req, 500, "internal", "The claim was saved but could not be read back.");
		return;
	}
	send_keyed(req, 201, out, json_pack("{s:o}", "claim", claim_json(req, &saved)));
}

void api_pay_claim(struct request *req)
{
	struct pay_claim c = *req->claim;
	struct ledger_entry *e;
	size_t n;
	if (store_pay_ledger(req->store, c.id, &req->arena, &e, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the claim's history.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, ledger_json(req, &e[i]));
	api_send(req, 200, json_pack("{s:o,s:o}", "claim", claim_json(req, &c), "ledger", arr));
}

/* The earnings-limit check of approving a claim for ?pay_day= (default
 * today in the panel's zone). A steward reading another person's declared
 * limit is written to that person's audit log (audit_declaration_read). */
void api_pay_check(struct request *req)
{
	struct pay_claim c = *req->claim;
	int64_t day = civil_day_at(req->now, req->panel->time_zone);
	const char *q = form_get(&req->query, "pay_day");
	if (q && !(day = parse_day(q))) {
		respond_error_field(req, 400, "bad_query", "pay_day", "pay_day must be like 2026-11-23.");
		return;
	}
	struct pay_policy pol;
	struct pay_check k;
	if (!load_pay_policy(req, &pol)) return;
	if (!app_pay_check(req->store, &c, day, &req->arena, &k)) {
		respond_error(req, 500, "internal", "We could not work out the check.");
		return;
	}
	if (k.declared && c.user_id != req->user->id)
		app_pay_declaration_seen(req->store, c.user_id, req->user->id, req->panel->time_zone,
		                         req->now);
	api_send(req, 200, json_pack("{s:o}", "check", check_json(req, &k, &pol)));
}

void api_pay_decision_post(struct request *req)
{
	static const struct jsonb_field spec[] = {
		{ "choice", JB_STRING, true, 40 }, { "pay_day", JB_STRING, false, 10 },
		{ "reason", JB_STRING, false, 4000 }, { "method", JB_STRING, false, 20 } };
	const char *key = idempotency_key(req);
	if (!key) return;
	struct pay_claim c = *req->claim;
	json_t *j;
	if (!api_parse_body(req, spec, sizeof spec / sizeof spec[0], &j)) return;
	struct pay_decision d = { .reason = api_body_text(req, j, "reason"), .key = key };
	bool ok = body_day(req, j, "pay_day", &d.pay_day);
	if (ok && !pay_choice_parse(api_body_text(req, j, "choice"), &d.choice)) {
		respond_error_field(req, 400, "invalid", "choice", "choice is not one of those listed.");
		ok = false;
	}
	if (ok && d.choice == CHOICE_NON_CASH &&
	    !pay_method_parse(api_body_text(req, j, "method"), &d.method)) {
		respond_error_field(req, 400, "invalid", "method", "method must be a non-cash way.");
		ok = false;
	}
	json_decref(j);
	if (!ok) return;
	enum pay_outcome out;
	struct app_error err;
	if (!app_pay_decide(req->store, req->panel, req->user->id, &c, &d, req->now, &req->arena,
	                    &out, &err)) {
		api_respond_error(req, &err);
		return;
	}
	if (store_pay_claim_get(req->store, req->panel->id, c.id, &req->arena, &c) != ST_OK) {
		respond_error(req, 500, "internal", "The decision was saved but could not be read back.");
		return;
	}
	send_keyed(req, 200, out, json_pack("{s:o}", "claim", claim_json(req, &c)));
}

void api_pay_runs(struct request *req)
{
	struct pay_policy pol;
	struct pay_run *r;
	size_t n;
	if (!load_pay_policy(req, &pol)) return;
	if (store_pay_runs_list(req->store, req->panel->id, 100, &req->arena, &r, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the payment runs.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, run_json(req, &r[i], pol.currency));
	api_send(req, 200, json_pack("{s:o}", "runs", arr));
}

static void send_run(struct request *req, int status, int64_t run_id, enum pay_outcome out)
{
	struct pay_policy pol;
	struct pay_run r;
	struct pay_payee *p;
	size_t n;
	if (!load_pay_policy(req, &pol)) return;
	enum store_rc rc = store_pay_run_get(req->store, req->panel->id, run_id, &req->arena, &r);
	if (rc == ST_NOT_FOUND) {
		respond_error(req, 404, "not_found", "There is no such payment run.");
		return;
	}
	if (rc != ST_OK || store_pay_run_payees(req->store, r.id, &req->arena, &p, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the run.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			arr, json_pack("{s:I,s:s,s:I,s:I,s:s,s:o}", "user_id", (json_int_t)p[i].user_id,
			               "name", p[i].name, "amount", (json_int_t)p[i].amount, "claims",
			               (json_int_t)p[i].claims, "claim_ids", p[i].claim_ids, "method",
			               p[i].has_method ? json_string(pay_method_key(p[i].method))
			                               : json_null()));
	json_t *j = run_json(req, &r, pol.currency);
	json_object_set_new(j, "payees", arr);
	j = json_pack("{s:o}", "run", j);
	if (status) send_keyed(req, status, out, j);
	else api_send(req, 200, j);
}

void api_pay_run(struct request *req) { send_run(req, 0, req->params[1], PAY_DONE); }

void api_pay_run_post(struct request *req)
{
	static const struct jsonb_field spec[] = { { "reference", JB_STRING, false, 240 } };
	static const char *const list_names[] = { "claims" };
	const char *key = idempotency_key(req);
	if (!key) return;
	json_t *j, *lists[1];
	if (!api_parse_body_lists(req, spec, 1, list_names, lists, 1, &j)) return;
	size_t n = lists[0] ? json_array_size(lists[0]) : 0;
	int64_t *ids = arena_alloc(&req->arena, (n ? n : 1) * sizeof *ids);
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		json_t *v = json_array_get(lists[0], i);
		ok = json_is_integer(v) && json_integer_value(v) > 0;
		ids[i] = ok ? (int64_t)json_integer_value(v) : 0;
	}
	const char *reference = api_body_text(req, j, "reference");
	json_decref(lists[0]);
	json_decref(j);
	if (!ok) {
		respond_error_field(req, 400, "invalid", "claims", "claims must be a list of claim ids.");
		return;
	}
	int64_t run = 0;
	enum pay_outcome out;
	struct app_error err;
	if (!app_pay_run_create(req->store, req->panel, req->user->id, ids, n, reference, key,
	                        req->now, &req->arena, &run, &out, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_run(req, 201, run, out);
}

void api_pay_run_paid_post(struct request *req)
{
	static const struct jsonb_field spec[] = { { "paid_day", JB_STRING, true, 10 } };
	const char *key = idempotency_key(req);
	if (!key) return;
	json_t *j;
	if (!api_parse_body(req, spec, 1, &j)) return;
	int64_t day = 0;
	bool ok = body_day(req, j, "paid_day", &day);
	json_decref(j);
	if (!ok) return;
	enum pay_outcome out;
	struct app_error err;
	if (!app_pay_run_paid(req->store, req->panel, req->user->id, req->params[1], day, key,
	                      req->now, &req->arena, &out, &err)) {
		api_respond_error_as(req, &err, "paid_on", "paid_day");
		return;
	}
	send_run(req, 200, req->params[1], out);
}

/* ---- one's own pay ---- */

void api_my_pay(struct request *req)
{
	int64_t before, limit;
	if (!api_query_page(req, &before, &limit)) return;
	struct pay_claim *c;
	size_t n;
	struct pay_balance bal;
	struct my_pay_standing st;
	if (store_pay_claims_of(req->store, req->user->id, 0, -1, before, (int)limit, &req->arena, &c,
	                        &n) != ST_OK ||
	    store_pay_balance(req->store, req->user->id, 0, &bal) != ST_OK ||
	    !my_pay_standing(req, &st)) {
		respond_error(req, 500, "internal", "We could not load your pay.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, claim_json(req, &c[i]));
	json_t *j = api_list_answer("claims", arr, n == (size_t)limit ? c[n - 1].id : 0, limit);
	json_object_set_new(j, "balance", json_pack("{s:I,s:I,s:I}", "claimed",
	                                            (json_int_t)bal.claimed, "approved",
	                                            (json_int_t)bal.approved, "paid",
	                                            (json_int_t)bal.paid));
	json_t *decl = json_null();
	if (st.declared) {
		decl = json_pack("{s:o,s:o}", "rule", *st.declaration.rule
		                                          ? json_string(st.declaration.rule)
		                                          : json_null(),
		                 "anchor_day", jday(req, st.declaration.anchor_day));
		if (!*st.declaration.rule) {
			json_object_set_new(decl, "custom_amount", jint(st.declaration.custom_amount));
			json_object_set_new(decl, "custom_period",
			                    json_string(limit_period_key(st.declaration.custom_period)));
		}
	}
	json_object_set_new(j, "declaration", decl);
	json_object_set_new(j, "this_period", check_json(req, &st.check, NULL));
	json_object_set_new(j, "waiting_earnings", jint(st.waiting));
	json_object_set_new(j, "currency", json_string(st.currency));
	api_send(req, 200, j);
}

void api_my_pay_declaration_put(struct request *req)
{
	static const struct jsonb_field spec[] = {
		{ "rule", JB_STRING, false, 60 },          { "custom_amount", JB_INTEGER, false, 0 },
		{ "custom_period", JB_STRING, false, 10 }, { "anchor_day", JB_STRING, true, 10 } };
	json_t *j;
	if (!api_parse_body(req, spec, sizeof spec / sizeof spec[0], &j)) return;
	struct pay_declaration d = { .rule = api_body_text(req, j, "rule"),
	                             .custom_amount = json_integer_value(json_object_get(j, "custom_amount")) };
	bool ok = body_day(req, j, "anchor_day", &d.anchor_day);
	/* Left out, a week; given, it must be one of the names. */
	const char *period = json_object_get(j, "custom_period") ? api_body_text(req, j, "custom_period")
	                                                         : "week";
	if (ok && !*d.rule && !limit_period_parse(period, &d.custom_period)) {
		respond_error_field(req, 400, "invalid", "custom_period", "custom_period must be week or month.");
		ok = false;
	}
	json_decref(j);
	if (!ok) return;
	struct app_error err;
	if (!app_pay_declare(req->store, req->user->id, &d, req->now, &req->arena, &err)) {
		api_respond_error_as(req, &err, "anchor", "anchor_day");
		return;
	}
	api_my_pay(req);
}

void api_my_pay_declaration_delete(struct request *req)
{
	struct app_error err;
	if (!app_pay_declaration_clear(req->store, req->user->id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	req->status = 204;
}

/* ?from=&to= or ?tax_year=2025 (the year it begins); ?format=csv. */
void api_my_pay_statement(struct request *req)
{
	struct day_range range;
	const char *why;
	if (!statement_range(req, &range, &why)) {
		respond_error_field(req, 400, "bad_query", "from", why);
		return;
	}
	const char *format = form_get(&req->query, "format");
	if (format && !strcmp(format, "csv")) {
		statement_csv(req, range);
		return;
	}
	struct pay_claim *c;
	size_t n;
	if (store_pay_statement(req->store, req->user->id, range, &req->arena, &c, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not make your statement.");
		return;
	}
	json_t *arr = json_array();
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(arr, claim_json(req, &c[i]));
		total += c[i].amount;
	}
	api_send(req, 200, json_pack("{s:o,s:o,s:o,s:I}", "from", jday(req, range.first), "to",
	                             jday(req, range.last), "claims", arr, "total",
	                             (json_int_t)total));
}

/* ---- the earnings-limits table ---- */

void api_earnings_limits(struct request *req)
{
	struct earnings_limit *l;
	size_t n;
	if (store_earnings_limits(req->store, &req->arena, &l, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the earnings limits.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, limit_json(req, &l[i]));
	api_send(req, 200, json_pack("{s:o}", "limits", arr));
}

/* POST adds a row; PUT /{id} changes one (administrators). */
static void limit_save(struct request *req, int64_t id)
{
	static const struct jsonb_field spec[] = {
		{ "rule", JB_STRING, true, 60 },        { "name", JB_STRING, true, 400 },
		{ "kind", JB_STRING, true, 10 },        { "period", JB_STRING, true, 10 },
		{ "amount", JB_INTEGER, true, 0 },      { "taper_percent", JB_INTEGER, false, 0 },
		{ "effective_from", JB_STRING, true, 10 }, { "source", JB_STRING, true, 1000 },
		{ "note", JB_STRING, false, 2000 } };
	json_t *j;
	if (!api_parse_body(req, spec, sizeof spec / sizeof spec[0], &j)) return;
	struct earnings_limit l = {
		.id = id, .rule = api_body_text(req, j, "rule"), .name = api_body_text(req, j, "name"),
		.source = api_body_text(req, j, "source"), .note = api_body_text(req, j, "note"),
		.amount = json_integer_value(json_object_get(j, "amount")),
		.taper_percent = (int)json_integer_value(json_object_get(j, "taper_percent")) };
	bool ok = body_day(req, j, "effective_from", &l.effective_from);
	bool kind_ok = limit_kind_parse(api_body_text(req, j, "kind"), &l.kind);
	bool period_ok = limit_period_parse(api_body_text(req, j, "period"), &l.period);
	json_decref(j);
	if (!ok) return;
	if (!kind_ok) {
		respond_error_field(req, 400, "invalid", "kind", "kind must be cliff or taper.");
		return;
	}
	if (!period_ok) {
		respond_error_field(req, 400, "invalid", "period", "period must be week or month.");
		return;
	}
	struct app_error err;
	int64_t saved;
	if (!app_earnings_limit_save(req->store, &l, req->user->id, req->now, &saved, &err)) {
		api_respond_error(req, &err);
		return;
	}
	l.id = saved;
	api_send(req, id ? 200 : 201, json_pack("{s:o}", "limit", limit_json(req, &l)));
}

void api_earnings_limit_post(struct request *req) { limit_save(req, 0); }
void api_earnings_limit_put(struct request *req) { limit_save(req, req->params[0]); }
