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
#include "core/lang.h"
#include "core/text.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
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
	                                        *e->by_name ? e->by_name : _("a former member"))
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
		              /* TRANSLATORS: Idempotency-Key is the name of an HTTP header. */
		              _("Send an Idempotency-Key header: 1 to 200 printable characters, new "
		                "for each change you mean to make."));
		return NULL;
	}
	return k;
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
	struct pay_policy pol;
	struct input_value in[POLICY_INPUTS];
	if (!load_pay_policy(req, &pol) || !api_inputs(req, policy_inputs, POLICY_INPUTS, in))
		return;
	pol.version = in[POLICY_VERSION].number;
	app_pay_policy_from_inputs(in, &pol);
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
		                    /* TRANSLATORS: state and its values are words of the API: do not
		                     * translate them. */
		                    _("state must be claimed, approved, paid or declined."));
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
		respond_error(req, 500, "internal", _("We could not load the claims."));
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, claim_json(req, &c[i]));
	int64_t next = n == (size_t)limit ? c[n - 1].id : 0;
	api_send(req, 200, api_list_answer("claims", arr, next, limit));
}

void api_pay_claim_post(struct request *req)
{
	/* The claim's fields are declared (claim_inputs); a receipt comes as
	 * {"name": "bus.pdf", "content_base64": "..."}, bounded by the body
	 * limit. */
	const char *key = idempotency_key(req);
	if (!key) return;
	struct pay_policy pol;
	if (!load_pay_policy(req, &pol)) return;
	struct input_field f[CLAIM_INPUTS + 2];
	memcpy(f, claim_inputs, sizeof claim_inputs);
	f[CLAIM_INPUTS] = (struct input_field){ .name = "receipt.name", .kind = IN_LINE, .max = 255 };
	f[CLAIM_INPUTS + 1] = (struct input_field){ .name = "receipt.content_base64", .kind = IN_LINE };
	struct input_value in[CLAIM_INPUTS + 2];
	if (!api_inputs(req, f, CLAIM_INPUTS + 2, in)) return;
	struct pay_claim c;
	app_pay_claim_from_inputs(in, req->user->id, &c);
	unsigned char *file = NULL;
	size_t file_len = 0;
	const char *file_name = NULL;
	if (in[CLAIM_INPUTS].given || in[CLAIM_INPUTS + 1].given) {
		const char *b64 = in[CLAIM_INPUTS + 1].text;
		size_t cap = strlen(b64) / 4 * 3 + 3;
		file = arena_alloc(&req->arena, cap + 1);
		file_name = in[CLAIM_INPUTS].text;
		if (!*file_name || !*b64 ||
		    sodium_base642bin(file, cap, b64, strlen(b64), NULL, &file_len, NULL,
		                      sodium_base64_VARIANT_ORIGINAL) != 0) {
			respond_error_field(req, 400, "invalid", "receipt",
			                    /* TRANSLATORS: receipt, name and content_base64 are words of
			                     * the API: do not translate them. */
			                    _("receipt needs name and content_base64 (standard Base64)."));
			return;
		}
	}
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
		respond_error(req, 500, "internal", _("The claim was saved but could not be read back."));
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
		respond_error(req, 500, "internal", _("We could not load the claim's history."));
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
		respond_error_field(req, 400, "bad_query", "pay_day",
		                    /* TRANSLATORS: pay_day is a word of the API: do not translate it. */
		                    _("pay_day must be like 2026-11-23."));
		return;
	}
	struct pay_policy pol;
	struct pay_check k;
	if (!load_pay_policy(req, &pol)) return;
	if (!app_pay_check(req->store, &c, day, &req->arena, &k)) {
		respond_error(req, 500, "internal", _("We could not work out the check."));
		return;
	}
	if (k.declared && c.user_id != req->user->id)
		app_pay_declaration_seen(req->store, c.user_id, req->user->id, req->panel->time_zone,
		                         req->now);
	api_send(req, 200, json_pack("{s:o}", "check", check_json(req, &k, &pol)));
}

void api_pay_decision_post(struct request *req)
{
	const char *key = idempotency_key(req);
	if (!key) return;
	struct pay_claim c = *req->claim;
	struct input_value in[DECISION_INPUTS];
	if (!api_inputs(req, decision_inputs, DECISION_INPUTS, in)) return;
	struct pay_decision d;
	app_pay_decision_from_inputs(in, key, &d);
	enum pay_outcome out;
	struct app_error err;
	if (!app_pay_decide(req->store, req->panel, req->user->id, &c, &d, req->now, &req->arena,
	                    &out, &err)) {
		api_respond_error(req, &err);
		return;
	}
	if (store_pay_claim_get(req->store, req->panel->id, c.id, &req->arena, &c) != ST_OK) {
		respond_error(req, 500, "internal", _("The decision was saved but could not be read back."));
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
		respond_error(req, 500, "internal", _("We could not load the payment runs."));
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
		respond_error(req, 404, "not_found", _("There is no such payment run."));
		return;
	}
	if (rc != ST_OK || store_pay_run_payees(req->store, r.id, &req->arena, &p, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the run."));
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
	const char *key = idempotency_key(req);
	if (!key) return;
	struct input_value in[RUN_INPUTS];
	if (!api_inputs(req, run_inputs, RUN_INPUTS, in)) return;
	int64_t run = 0;
	enum pay_outcome out;
	struct app_error err;
	if (!app_pay_run_create(req->store, req->panel, req->user->id, in[RUN_IN_CLAIMS].ids,
	                        in[RUN_IN_CLAIMS].nids, in[RUN_IN_REFERENCE].text, key, req->now,
	                        &req->arena, &run, &out, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_run(req, 201, run, out);
}

void api_pay_run_paid_post(struct request *req)
{
	const char *key = idempotency_key(req);
	if (!key) return;
	struct input_value in[PAID_INPUTS];
	if (!api_inputs(req, paid_inputs, PAID_INPUTS, in)) return;
	int64_t day = in[PAID_IN_DAY].number;
	enum pay_outcome out;
	struct app_error err;
	if (!app_pay_run_paid(req->store, req->panel, req->user->id, req->params[1], day, key,
	                      req->now, &req->arena, &out, &err)) {
		api_respond_error(req, &err);
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
		respond_error(req, 500, "internal", _("We could not load your pay."));
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
	struct input_value in[DECLARATION_INPUTS];
	if (!api_inputs(req, declaration_inputs, DECLARATION_INPUTS, in)) return;
	struct pay_declaration d;
	app_pay_declaration_from_inputs(in, &d);
	struct app_error err;
	if (!app_pay_declare(req->store, req->user->id, &d, req->now, &req->arena, &err)) {
		api_respond_error(req, &err);
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
		respond_error(req, 500, "internal", _("We could not make your statement."));
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
		respond_error(req, 500, "internal", _("We could not load the earnings limits."));
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, limit_json(req, &l[i]));
	api_send(req, 200, json_pack("{s:o}", "limits", arr));
}

/* POST adds a row; PUT /{id} changes one (administrators). */
static void limit_save(struct request *req, int64_t id)
{
	struct input_value in[LIMIT_INPUTS];
	if (!api_inputs(req, limit_inputs, LIMIT_INPUTS, in)) return;
	struct earnings_limit l = { .id = id };
	app_earnings_limit_from_inputs(in, &l);
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
