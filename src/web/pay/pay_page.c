/* A panel's pay pages: the pay overview (stewards: claims waiting, what
 * is ready to pay, payment runs and how quickly people are paid; everyone
 * else: their own claims), the pay policy, logging work and expenses, one
 * claim with its history and the earnings-limit check, and payment runs
 * with their CSV.
 *
 * Who sees what (core/policy.h): a claim is shown to its payee and to the
 * panel's active stewards only; anyone else asking gets 404, as for a
 * claim that does not exist. A steward reading a payee's declared limit
 * or payment preference is written to the payee's audit log. Every form
 * that changes money carries a fresh idempotency key, so a double
 * submission changes nothing more. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/csv.h"
#include "core/text.h"
#include "store/files.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/pay/pay_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

/* ---- shared with pay/my_pay_page.c (pay/pay_ui.h) ---- */

/* ---- the pay overview ---- */

static void policy_summary(struct request *req, const struct pay_policy *pol)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<dl class=\"summary\">");
	static const enum pay_unit units[3] = { UNIT_HOUR, UNIT_HALF_DAY, UNIT_DAY };
	for (int i = 0; i < 3; i++) {
		int64_t r = pay_rate_of(&pol->rates, units[i]);
		if (r) html(b, "<div><dt>%t</dt><dd>%t</dd></div>", pay_unit_label(units[i]),
		            money_format(a, pol->currency, r));
	}
	html(b, "<div><dt>Meetings are paid by the</dt><dd>%t</dd></div>",
	     pay_unit_label(pol->meeting_unit));
	if (pol->prep_minutes)
		html(b, "<div><dt>Paid preparation per meeting</dt><dd>%t</dd></div>",
		     pay_quantity_text(a, UNIT_HOUR, pol->prep_minutes));
	html(b, "<div><dt>Expenses paid</dt><dd>");
	bool any = false;
	for (int c = 0; c < EXPENSE__COUNT; c++)
		if (pol->expense_categories & (1u << c)) {
			html(b, "%t%t", any ? ", " : "", expense_label((enum expense_category)c));
			any = true;
		}
	html(b, "%t</dd></div><div><dt>We aim to pay within</dt><dd>%l days</dd></div></dl>",
	     any ? "" : "None", pol->target_days);
}

/* The panel's pay; e: the payment-run form's problems, with what was
 * chosen kept. */
static void pay_page(struct request *req, const struct form_errors *e)
{
	struct pay_policy pol;
	if (!load_pay_policy(req, &pol)) return;
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	bool manage = policy_allows(&req->actor, PA_MANAGE_PAY);
	int64_t pid = req->panel->id;
	page_begin(req, arena_printf(a, "Pay: %s", req->panel->name), e);
	html(b, "<p class=\"caption\">%t</p><h1 class=\"heading-l\">Pay</h1>", req->panel->name);
	if (!pol.configured) {
		html(b, "<p>This panel has not set up pay yet, so no claims are made.</p>");
		if (manage)
			html(b, "<p><a class=\"button\" href=\"/panels/%l/pay/policy\">Set up pay</a></p>",
			     pid);
		page_end(req);
		return;
	}
	policy_summary(req, &pol);
	if (*pol.advice_url)
		html(b, "<p>Worried about benefits? See <a href=\"%a\">%t</a>.</p>", pol.advice_url,
		     *pol.advice_name ? pol.advice_name : pol.advice_url);
	if (policy_allows(&req->actor, PA_CLAIM_PAY))
		html(b, "<p><a class=\"button secondary\" href=\"/panels/%l/pay/claims/new\">Log work "
		        "or an expense</a>", pid);
	if (manage)
		html(b, " <a class=\"button secondary\" href=\"/panels/%l/pay/policy\">Change the pay "
		        "policy</a>", pid);
	html(b, "</p>");
	struct pay_claim *c;
	size_t n;
	if (!manage) {
		html(b, "<h2 class=\"heading-m\">Your claims here</h2>");
		if (store_pay_claims_of(req->store, req->user->id, pid, -1, 0, 100, &req->arena, &c, &n) !=
		    ST_OK)
			n = 0;
		if (!n) html(b, "<p>You have no claims in this panel yet.</p>");
		else claims_table(req, c, n, false, false, "Your claims");
		html(b, "<p><a href=\"/my-pay\">All your pay, your earnings limit and statements</a></p>");
		page_end(req);
		return;
	}
	html(b, "<h2 class=\"heading-m\">How quickly people are paid</h2>");
	timeliness_section(req, &pol, false);

	html(b, "<h2 class=\"heading-m\" id=\"waiting\">Waiting for approval</h2>");
	if (store_pay_claims_list(req->store, PCS_PANEL, pid, CLAIM_CLAIMED, 0, 100, &req->arena, &c,
	                          &n) != ST_OK)
		n = 0;
	if (!n) html(b, "<p>No claims are waiting.</p>");
	else claims_table(req, c, n, true, false, "Claims waiting for approval");

	html(b, "<h2 class=\"heading-m\" id=\"ready\">Approved, ready to pay</h2>");
	if (store_pay_claims_list(req->store, PCS_PANEL, pid, CLAIM_APPROVED, 0, 500, &req->arena,
	                          &c, &n) != ST_OK)
		n = 0;
	size_t ready = 0;
	for (size_t i = 0; i < n; i++)
		if (!c[i].run_id) c[ready++] = c[i];
	if (!ready) {
		html(b, "<p>Nothing is approved and waiting for a payment run.</p>");
	} else {
		ui_form_begin(req, arena_printf(a, "/panels/%lld/pay/runs", (long long)pid));
		idempotency_field(req);
		struct field_option *opts = arena_alloc(a, (ready + 1) * sizeof *opts);
		const char *all = "";
		for (size_t i = 0; i < ready; i++) {
			opts[i] = (struct field_option){
				arena_printf(a, "%lld", (long long)c[i].id),
				arena_printf(a, "#%lld %s: %s, %s (%s)", (long long)c[i].id, c[i].payee_name,
				             claim_what(req, &c[i]),
				             money_format(a, c[i].currency, c[i].amount),
				             c[i].has_method ? pay_method_label(c[i].method) : "") };
			all = arena_printf(a, "%s%s%lld", all, i ? "," : "", (long long)c[i].id);
		}
		opts[ready] = (struct field_option){ 0, 0 };
		const char *chosen = form_get_all(&req->form, "claims", a);
		ui_choices(req, e, "claims", "Claims to put in a payment run", NULL, opts,
		           e ? (chosen ? chosen : "") : all, true);
		ui_input(req, e, "reference", "Reference for the finance team (optional)",
		         "Leave empty and we will make one.", e ? field(req, "reference") : "", "text",
		         "off");
		ui_button(req, "Make a payment run", NULL);
		ui_form_end(req);
	}

	html(b, "<h2 class=\"heading-m\" id=\"runs\">Payment runs</h2>");
	struct pay_run *r;
	size_t nr;
	if (store_pay_runs_list(req->store, pid, 50, &req->arena, &r, &nr) != ST_OK) nr = 0;
	if (!nr) html(b, "<p>No payment runs yet.</p>");
	else html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < nr; i++)
		html(b, "<li><a href=\"/panels/%l/pay/runs/%l\">%t</a>: %l claims, %t, %t</li>", pid,
		     r[i].id, r[i].reference, r[i].claims,
		     money_format(&req->arena, pol.currency, r[i].total),
		     r[i].paid_day ? arena_printf(&req->arena, "paid on %s",
		                                  format_day(req, r[i].paid_day))
		                   : "not yet paid");
	if (nr) html(b, "</ul>");
	page_end(req);
}

void pay_get(struct request *req) { pay_page(req, NULL); }

/* The kinds of expense in set, as options (core/pay.h's keys and labels). */
static const struct field_option *expense_options(struct arena *a, unsigned set)
{
	struct field_option *o = arena_alloc(a, (EXPENSE__COUNT + 1) * sizeof *o);
	size_t n = 0;
	for (int c = 0; c < EXPENSE__COUNT; c++)
		if (set & (1u << c))
			o[n++] = (struct field_option){ expense_key((enum expense_category)c),
			                                expense_label((enum expense_category)c) };
	return o;
}

/* ---- the pay policy ---- */

static const struct field_option unit_options[] = {
	{ "hour", "By the hour (rounded up to the quarter hour)" },
	{ "half_day", "By the half day (up to 4 hours)" },
	{ "day", "By the day (up to 8 hours)" }, { 0, 0 } };
static const struct field_option currency_options[] = {
	{ "GBP", "Pounds (GBP)" }, { "EUR", "Euros (EUR)" }, { "USD", "US dollars (USD)" },
	{ 0, 0 } };

static void policy_form(struct request *req, const struct pay_policy *pol,
                        const struct form_errors *e, bool typed)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	page_begin(req, arena_printf(a, "Pay policy: %s", req->panel->name), e);
	html(b, "<p class=\"caption\">%t</p><h1 class=\"heading-l\">Pay policy</h1>"
	        "<p>Rates are this panel's own. Amounts are in pounds and pence, like 27.50; leave a "
	        "rate at 0 if you do not pay that way.</p>",
	     req->panel->name);
	ui_form_begin(req, arena_printf(a, "/panels/%lld/pay/policy", (long long)req->panel->id));
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">", pol->version);
#define VAL(name, value) (typed ? field(req, name) : (value))
	ui_select(req, e, "currency", "Currency", currency_options, VAL("currency", pol->currency));
	ui_input(req, e, "rates.hour", "Rate per hour", NULL,
	         VAL("rates.hour", money_plain(a, pol->rates.hour)), "text", "off");
	ui_input(req, e, "rates.half_day", "Rate per half day", NULL,
	         VAL("rates.half_day", money_plain(a, pol->rates.half_day)), "text", "off");
	ui_input(req, e, "rates.day", "Rate per day", NULL,
	         VAL("rates.day", money_plain(a, pol->rates.day)), "text", "off");
	ui_choices(req, e, "meeting_unit", "How is going to a meeting paid?",
	           "Attendance makes a claim at this rate, for the meeting's length.", unit_options,
	           VAL("meeting_unit", pay_unit_key(pol->meeting_unit)), false);
	ui_input(req, e, "prep_minutes", "Paid preparation per meeting, in minutes",
	         "Paid at the hourly rate. 0 for none.",
	         VAL("prep_minutes", arena_printf(a, "%lld", (long long)pol->prep_minutes)), "text",
	         "off");
	ui_input(req, e, "target_days", "Pay within how many days of a claim?",
	         "Payments later than this are flagged on the panel's page.",
	         VAL("target_days", arena_printf(a, "%lld", (long long)pol->target_days)), "text",
	         "off");
	const char *expenses = form_get_all(&req->form, "expense_categories", a);
	ui_choices(req, e, "expense_categories", "Which expenses does the panel pay back?", NULL,
	           expense_options(a, (1u << EXPENSE__COUNT) - 1),
	           typed ? (expenses ? expenses : "") : expense_set_format(a, pol->expense_categories),
	           true);
	ui_input(req, e, "benefits_advice.name", "Benefits advice: name",
	         "Shown with every limit check.", VAL("benefits_advice.name", pol->advice_name),
	         "text", "off");
	ui_input(req, e, "benefits_advice.url", "Benefits advice: web address", "Starting https://",
	         VAL("benefits_advice.url", pol->advice_url), "url", "off");
	ui_input(req, e, "csv_columns", "Columns of the payment-run CSV",
	         "In order, separated by commas, from: reference, payee, email, method, amount, "
	         "amount_minor, currency, claims, paid_on, account_name, sort_code, account_number.",
	         VAL("csv_columns", pol->csv_columns), "text", "off");
	static const struct field_option bank[] = {
		{ "1", "Store members' bank details, sealed, for the payment-run CSV" }, { 0, 0 } };
	ui_choices(req, e, "store_bank_details", "Bank details",
	           "Off by default. When on, members may give their bank details; they are sealed "
	           "with a key kept in a file outside the database and only ever shown masked.",
	           bank, VAL("store_bank_details", pol->store_bank_details ? "1" : ""), true);
#undef VAL
	ui_button(req, "Save the pay policy", NULL);
	ui_form_end(req);
	page_end(req);
}

void pay_policy_get(struct request *req)
{
	struct pay_policy pol;
	if (load_pay_policy(req, &pol)) policy_form(req, &pol, NULL, false);
}

void pay_policy_post(struct request *req)
{
	struct pay_policy pol;
	if (!load_pay_policy(req, &pol)) return;
	struct form_errors e = { 0 };
	struct input_value in[POLICY_INPUTS];
	form_inputs(req, policy_inputs, POLICY_INPUTS, in, &e);
	pol.version = in[POLICY_VERSION].number;
	app_pay_policy_from_inputs(in, &pol);
	/* A form leaves out what is not ticked: no expenses, no bank details. */
	if (!in[POLICY_EXPENSES].given) pol.expense_categories = 0;
	if (!in[POLICY_BANK_DETAILS].given) pol.store_bank_details = false;
	struct app_error err;
	if (!e.n && !app_pay_policy_save(req->store, &pol, req->cfg->seal_key_loaded, req->now,
	                                 &err)) {
		if (err.status == 409) {
			/* Someone saved first: show theirs, said at the top field. */
			errors_add(&e, "currency", err.message);
			req->status = 409;
			load_pay_policy(req, &pol);
			policy_form(req, &pol, &e, false);
			return;
		}
		if (!app_error_to_form(req, &err, &e)) return;
	}
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		policy_form(req, &pol, &e, true);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/pay", (long long)req->panel->id));
}

/* ---- logging work and expenses ---- */

static const struct field_option claim_kind_options[] = {
	{ "work", "Work I did (time)" }, { "expense", "Money I spent" }, { 0, 0 } };

static void claim_form(struct request *req, const struct pay_policy *pol,
                       const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	bool manage = policy_allows(&req->actor, PA_MANAGE_PAY);
	page_begin(req, "Log work or an expense", e);
	html(b, "<p class=\"caption\">%t</p><h1 class=\"heading-l\">Log work or an expense</h1>",
	     req->panel->name);
	if (!pol->configured) {
		html(b, "<p>This panel has not set up pay yet.</p>");
		page_end(req);
		return;
	}
	html(b, "<form method=\"post\" action=\"/panels/%l/pay/claims\" "
	        "enctype=\"multipart/form-data\" novalidate>"
	        "<input type=\"hidden\" name=\"csrf\" value=\"%a\">",
	     req->panel->id, req->csrf);
	idempotency_field(req);
	if (manage) {
		struct member_row *m;
		size_t n;
		if (store_members_list(req->store, req->panel->id, &req->arena, &m, &n) != ST_OK) n = 0;
		struct field_option *opts = arena_alloc(a, (n + 1) * sizeof *opts);
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (m[i].m.role != ROLE_GUEST && m[i].m.status != MEMBER_REMOVED)
				/* Names may be alike: the address tells people apart. */
				opts[k++] = (struct field_option){
					arena_printf(a, "%lld", (long long)m[i].m.user_id),
					arena_printf(a, "%s (%s)", m[i].display_name, m[i].email) };
		const char *sel = *field(req, "payee_id")
		                  ? field(req, "payee_id")
		                  : arena_printf(a, "%lld", (long long)req->user->id);
		ui_select(req, e, "payee_id", "Who is it for?", opts, sel);
	}
	ui_choices(req, e, "kind", "What are you claiming for?", NULL, claim_kind_options,
	           *field(req, "kind") ? field(req, "kind") : "work", false);
	ui_input(req, e, "description", "What was it?",
	         "For example: reading the housing papers, or the bus to the meeting.",
	         field(req, "description"), "text", "off");
	ui_input(req, e, "work_day", "Date", "Like 23/11/2026", field(req, "work_day"), "text", "off");
	html(b, "<h2 class=\"heading-s\">For work</h2>");
	struct field_option units[UNIT__COUNT + 1] = { 0 };
	size_t nu = 0;
	for (int u = 0; u < UNIT__COUNT; u++)
		if (pay_rate_of(&pol->rates, (enum pay_unit)u))
			units[nu++] = (struct field_option){
				pay_unit_key((enum pay_unit)u),
				arena_printf(a, "%s: %s", pay_unit_label((enum pay_unit)u),
				             money_format(a, pol->currency,
				                          pay_rate_of(&pol->rates, (enum pay_unit)u))) };
	ui_select(req, e, "unit", "Paid by", units, field(req, "unit"));
	ui_input(req, e, "minutes", "Time worked, for hourly work",
	         "Hours and minutes, like 1:30, or hours, like 2.5.", field(req, "minutes"), "text",
	         "off");
	ui_input(req, e, "quantity", "Number of half days or days",
	         "For work counted in half days or days: a number, like 1.", field(req, "quantity"),
	         "text", "off");
	html(b, "<h2 class=\"heading-s\">For money spent</h2>");
	ui_select(req, e, "category", "Kind of expense", expense_options(a, pol->expense_categories),
	          field(req, "category"));
	ui_input(req, e, "amount", "Amount spent", "Like 4.80", field(req, "amount"), "text", "off");
	const char *err = errors_for(e, "receipt");
	html(b, "<div class=\"form-group%t\"><label class=\"label\" for=\"receipt\">Receipt "
	        "(optional)</label><p class=\"hint\" id=\"receipt-hint\">A photo or a PDF.</p>",
	     err ? " form-group-error" : "");
	if (err) html(b, "<p class=\"error-message\" id=\"receipt-error\">%t</p>", err);
	html(b, "<input class=\"file-upload\" type=\"file\" id=\"receipt\" name=\"receipt\" "
	        "accept=\"image/*,application/pdf\" aria-describedby=\"receipt-hint%t\"></div>",
	     err ? " receipt-error" : "");
	ui_button(req, "Send the claim", NULL);
	html(b, "</form>");
	page_end(req);
}

void pay_claim_new_get(struct request *req)
{
	struct pay_policy pol;
	if (load_pay_policy(req, &pol)) claim_form(req, &pol, NULL);
}

void pay_claim_post(struct request *req)
{
	struct pay_policy pol;
	if (!load_pay_policy(req, &pol)) return;
	struct form_errors e = { 0 };
	struct input_value in[CLAIM_INPUTS];
	form_inputs(req, claim_inputs, CLAIM_INPUTS, in, &e);
	struct pay_claim c;
	app_pay_claim_from_inputs(in, req->user->id, &c);
	int64_t id = 0;
	enum pay_outcome out;
	struct app_error err;
	if (!e.n && !app_pay_claim(req->store, req->cfg->files_dir, req->panel, &pol, req->user->id,
	                           policy_allows(&req->actor, PA_MANAGE_PAY), &c, req->upload.data,
	                           req->upload.len, req->upload.filename, req->cfg->upload_limit,
	                           field(req, "key"), req->now, &req->arena, &id, &out, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		claim_form(req, &pol, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/pay/claims/%lld",
	                                   (long long)req->panel->id, (long long)id));
}

/* ---- one claim ---- */

/* The non-cash ways to pay, as options. */
static const struct field_option *non_cash_options(struct arena *a)
{
	struct field_option *o = arena_alloc(a, METHOD__COUNT * sizeof *o);
	for (int m = METHOD_VOUCHER; m < METHOD__COUNT; m++)
		o[m - METHOD_VOUCHER] = (struct field_option){ pay_method_key((enum pay_method)m),
		                                               pay_method_label((enum pay_method)m) };
	return o;
}

static void decision_form(struct request *req, const struct pay_claim *c,
                          const struct pay_check *k, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const char *action = arena_printf(a, "/panels/%lld/pay/claims/%lld/decision",
	                                  (long long)req->panel->id, (long long)c->id);
	html(b, "<h2 class=\"heading-m\" id=\"decide\">Decide</h2>");
	ui_form_begin(req, action);
	idempotency_field(req);
	if (c->state == CLAIM_CLAIMED) {
		bool over = pay_check_needs_reason(k);
		const char *pref = app_pay_preference(req->store, c->user_id, req->user->id, req->now,
		                                      &req->arena);
		struct field_option choices[8];
		size_t n = 0;
		if (!over) choices[n++] = (struct field_option){ "approve", "Approve it to be paid" };
		choices[n++] = (struct field_option){
			"non_cash", pref ? arena_printf(a, "Pay it in a non-cash way (they said: %s)", pref)
			                 : "Pay it in a non-cash way" };
		if (c->kind != CLAIM_EXPENSE)
			choices[n++] = (struct field_option){ "expenses_only",
			                                      "Expenses only: do not pay this fee" };
		choices[n++] = (struct field_option){ "decline",
		                                      "Decline it (the member declines, or it is not due)" };
		choices[n++] = (struct field_option){ "ask", "Ask the member first" };
		/* Over the limit, going ahead is the last choice, never the default. */
		if (over)
			choices[n++] = (struct field_option){ "approve_anyway",
			                                      "Go ahead anyway (give the reason below)" };
		choices[n] = (struct field_option){ 0, 0 };
		ui_choices(req, e, "choice", "What should happen to this claim?",
		           over ? "It would cross the limit the member declared. These are the "
		                  "alternatives."
		                : NULL,
		           choices, *field(req, "choice") ? field(req, "choice") : over ? "" : "approve",
		           false);
		ui_select(req, e, "method", "Non-cash way", non_cash_options(a), field(req, "method"));
		ui_input(req, e, "pay_day", "Expected payment date",
		         "The limit check uses the period this date falls in.",
		         *field(req, "pay_day") ? field(req, "pay_day") : iso_day(req, k->pay_day), "text",
		         "off");
		ui_textarea(req, e, "reason", "Reason",
		            "Needed to go ahead over a limit or to decline. The member sees it.",
		            field(req, "reason"));
		html(b, "<div class=\"button-group\"><button class=\"button\" type=\"submit\">Save the "
		        "decision</button><button class=\"button secondary\" type=\"submit\" "
		        "name=\"check\" value=\"1\" formmethod=\"get\" formaction=\"%a#limit\">Check the "
		        "limit for that date</button></div>",
		     arena_printf(a, "/panels/%lld/pay/claims/%lld", (long long)req->panel->id,
		                  (long long)c->id));
	} else if (c->state == CLAIM_APPROVED || c->state == CLAIM_PAID) {
		bool paid = c->state == CLAIM_PAID;
		html(b, "<input type=\"hidden\" name=\"choice\" value=\"%a\">",
		     paid ? "unpay" : "unapprove");
		ui_textarea(req, e, "reason", paid ? "The payment did not arrive: why?"
		                                   : "Send it back for approval: why?",
		            "A correction adds a reversal to the claim's history; nothing is deleted.",
		            field(req, "reason"));
		ui_button(req, paid ? "Record the payment as not received" : "Send back for approval",
		          "secondary");
	} else {
		html(b, "<p>This claim was declined. Nothing more can be done with it.</p>");
	}
	ui_form_end(req);
}

static void claim_page(struct request *req, const struct pay_claim *c, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct pay_policy pol;
	if (!load_pay_policy(req, &pol)) return;
	bool manage = policy_allows(&req->actor, PA_MANAGE_PAY);
	bool own = c->user_id == req->user->id;
	int64_t pay_day = parse_day(field(req, "pay_day"));
	if (!pay_day) pay_day = c->pay_day ? c->pay_day : civil_day_at(req->now, req->panel->time_zone);
	struct pay_check k;
	if (!app_pay_check(req->store, c, pay_day, a, &k)) memset(&k, 0, sizeof k);
	if (!own && k.declared)
		app_pay_declaration_seen(req->store, c->user_id, req->user->id, req->panel->time_zone,
		                         req->now);
	page_begin(req, arena_printf(a, "Claim #%lld", (long long)c->id), e);
	html(b, "<p class=\"caption\">%t: pay</p><h1 class=\"heading-l\">Claim #%l</h1>"
	        "<dl class=\"summary\"><div><dt>For</dt><dd>%t</dd></div>"
	        "<div><dt>What</dt><dd>%t</dd></div><div><dt>Date</dt><dd>%t</dd></div>"
	        "<div><dt>Amount</dt><dd>%t</dd></div><div><dt>Where it is</dt><dd>%t</dd></div>",
	     req->panel->name, c->id, c->payee_name, claim_what(req, c), format_day(req, c->work_day),
	     money_format(a, c->currency, c->amount), claim_state_text(req, c));
	if (*c->meeting_title)
		html(b, "<div><dt>Meeting</dt><dd><a href=\"/panels/%l/meetings/%l\">%t</a></dd></div>",
		     req->panel->id, c->meeting_id, c->meeting_title);
	if (*c->receipt_sha256)
		html(b, "<div><dt>Receipt</dt><dd><a href=\"/panels/%l/pay/claims/%l/receipt\">%t</a>"
		        "</dd></div>", req->panel->id, c->id, c->receipt_name);
	html(b, "</dl>");
	if (c->state == CLAIM_CLAIMED || c->state == CLAIM_APPROVED)
		limit_check_section(req, &k, c->currency, own, c->payee_name, &pol);
	if (manage) decision_form(req, c, &k, e);
	struct ledger_entry *le;
	size_t n;
	if (store_pay_ledger(req->store, c->id, a, &le, &n) == ST_OK && n) {
		html(b, "<h2 class=\"heading-m\">History</h2><table class=\"table\"><caption "
		        "class=\"visually-hidden\">Every entry for this claim</caption><thead><tr>"
		        "<th scope=\"col\">When</th><th scope=\"col\">What</th><th scope=\"col\" "
		        "class=\"num\">Amount</th><th scope=\"col\">By</th></tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			const char *what = le[i].kind == LEDGER_REVERSAL
				? arena_printf(a, "Reversed: %s", ledger_kind_label(le[i].reverses))
				: ledger_kind_label(le[i].kind);
			html(b, "<tr><td>%t</td><td>%t", format_time(req, le[i].at, req->panel->time_zone),
			     what);
			if (le[i].over_limit) html(b, " (over the declared limit)");
			if (*le[i].reason) html(b, "<br><span class=\"hint\">%t</span>", le[i].reason);
			html(b, "</td><td class=\"num\">%t</td><td>%t</td></tr>",
			     money_format(a, c->currency, le[i].amount),
			     *le[i].by_name ? le[i].by_name : "Recorded by the system");
		}
		html(b, "</tbody></table>");
	}
	html(b, "<p><a href=\"%a\">Back to pay</a></p>",
	     own && !manage ? "/my-pay"
	                    : arena_printf(a, "/panels/%lld/pay", (long long)req->panel->id));
	page_end(req);
}

void pay_claim_get(struct request *req)
{
	claim_page(req, req->claim, NULL);
}

void pay_decision_post(struct request *req)
{
	struct pay_claim c = *req->claim;
	struct form_errors e = { 0 };
	struct input_value in[DECISION_INPUTS];
	form_inputs(req, decision_inputs, DECISION_INPUTS, in, &e);
	struct pay_decision d;
	app_pay_decision_from_inputs(in, field(req, "key"), &d);
	enum pay_outcome out;
	struct app_error err;
	if (!e.n && !app_pay_decide(req->store, req->panel, req->user->id, &c, &d, req->now,
	                            &req->arena, &out, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		claim_page(req, &c, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/pay#waiting",
	                                   (long long)req->panel->id));
}

void pay_receipt_get(struct request *req)
{
	struct pay_claim c = *req->claim;
	if (!*c.receipt_sha256) {
		respond_error(req, 404, "not_found", "This claim has no receipt.");
		return;
	}
	struct paper as_file = { .is_file = true, .file_kind = c.receipt_kind,
	                         .file_name = c.receipt_name, .file_sha256 = c.receipt_sha256,
	                         .file_size = c.receipt_size };
	paper_file_send(req, &as_file);
}

/* ---- payment runs ---- */

void pay_run_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[RUN_INPUTS];
	int64_t run = 0;
	enum pay_outcome out;
	struct app_error err;
	if (form_inputs(req, run_inputs, RUN_INPUTS, in, &e) &&
	    app_pay_run_create(req->store, req->panel, req->user->id, in[RUN_IN_CLAIMS].ids,
	                       in[RUN_IN_CLAIMS].nids, in[RUN_IN_REFERENCE].text, field(req, "key"),
	                       req->now, &req->arena, &run, &out, &err)) {
		respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/pay/runs/%lld",
		                                   (long long)req->panel->id, (long long)run));
		return;
	}
	if (!e.n && !app_error_to_form(req, &err, &e)) return;
	if (!req->status || req->status == 200) req->status = 400;
	pay_page(req, &e);
}

static void run_page(struct request *req, const struct pay_run *r, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct pay_policy pol;
	if (!load_pay_policy(req, &pol)) return;
	struct pay_payee *p;
	size_t n;
	if (store_pay_run_payees(req->store, r->id, a, &p, &n) != ST_OK) n = 0;
	page_begin(req, arena_printf(a, "Payment run %s", r->reference), e);
	html(b, "<p class=\"caption\">%t: pay</p><h1 class=\"heading-l\">Payment run %t</h1>"
	        "<dl class=\"summary\"><div><dt>Made</dt><dd>%t by %t</dd></div>"
	        "<div><dt>Claims</dt><dd>%l</dd></div><div><dt>Total</dt><dd>%t</dd></div>"
	        "<div><dt>Paid</dt><dd>%t</dd></div></dl>",
	     req->panel->name, r->reference, format_time(req, r->created_at, req->panel->time_zone),
	     *r->created_by_name ? r->created_by_name : "a former member", r->claims,
	     money_format(a, pol.currency, r->total),
	     r->paid_day ? format_day(req, r->paid_day) : "Not yet");
	html(b, "<table class=\"table\"><caption>One row per person paid and way of paying</caption><thead><tr>"
	        "<th scope=\"col\">Who</th><th scope=\"col\">How</th><th scope=\"col\">Claims</th>"
	        "<th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++)
		html(b, "<tr><td>%t<br><span class=\"hint\">%t</span></td><td>%t</td><td>%t</td>"
		        "<td class=\"num\">%t</td></tr>", p[i].name, p[i].email,
		     p[i].has_method ? pay_method_label(p[i].method) : "",
		     p[i].claim_ids, money_format(a, pol.currency, p[i].amount));
	html(b, "</tbody></table><p><a class=\"button secondary\" href=\"/panels/%l/pay/runs/%l/csv\" "
	        "download>Download the CSV for the finance system</a></p>",
	     req->panel->id, r->id);
	if (!r->paid_day) {
		html(b, "<h2 class=\"heading-m\">Mark it paid</h2>");
		ui_form_begin(req, arena_printf(a, "/panels/%lld/pay/runs/%lld/paid",
		                                (long long)req->panel->id, (long long)r->id));
		idempotency_field(req);
		ui_input(req, e, "paid_day", "Date the money was paid", "Like 23/11/2026",
		         *field(req, "paid_day") ? field(req, "paid_day")
		                                : iso_day(req, civil_day_at(req->now,
		                                                            req->panel->time_zone)),
		         "text", "off");
		ui_button(req, "Mark the run paid", NULL);
		ui_form_end(req);
	}
	html(b, "<p><a href=\"/panels/%l/pay\">Back to pay</a></p>", req->panel->id);
	page_end(req);
}

void pay_run_get(struct request *req)
{
	run_page(req, req->run, NULL);
}

void pay_run_paid_post(struct request *req)
{
	struct pay_run r = *req->run;
	struct form_errors e = { 0 };
	struct input_value in[PAID_INPUTS];
	enum pay_outcome out;
	struct app_error err;
	if (form_inputs(req, paid_inputs, PAID_INPUTS, in, &e) &&
	    !app_pay_run_paid(req->store, req->panel, req->user->id, r.id, in[PAID_IN_DAY].number,
	                      field(req, "key"), req->now, &req->arena, &out, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		run_page(req, &r, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/pay/runs/%lld",
	                                   (long long)req->panel->id, (long long)r.id));
}

void pay_run_csv_get(struct request *req)
{
	struct pay_run r = *req->run;
	struct pay_policy pol;
	if (!load_pay_policy(req, &pol)) return;
	enum pay_column cols[COL__COUNT];
	size_t nc;
	if (!pay_columns_parse(pol.csv_columns, cols, &nc)) {
		cols[0] = COL_REFERENCE, cols[1] = COL_PAYEE, cols[2] = COL_AMOUNT;
		nc = 3;
	}
	struct pay_payee *p;
	size_t n;
	if (store_pay_run_payees(req->store, r.id, &req->arena, &p, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not read the run.");
		return;
	}
	struct buf *b = &req->out;
	csv_begin(b);
	for (size_t c = 0; c < nc; c++) csv_field(b, pay_column_key(cols[c]));
	csv_end_row(b);
	bool wants_bank = false;
	for (size_t c = 0; c < nc; c++) wants_bank |= pay_column_is_bank(cols[c]);
	wants_bank &= pol.store_bank_details;
	for (size_t i = 0; i < n; i++) {
		/* Bank details only on a bank transfer's row. */
		struct bank_details bank = { 0 };
		bool by_bank = !p[i].has_method || p[i].method == METHOD_BANK;
		if (wants_bank && by_bank) /* left empty unless they open */
			app_bank_open_for_run(req->store, seal_key(req), req->panel->id, p[i].user_id,
			                      req->user->id, req->now, &req->arena, &bank);
		for (size_t c = 0; c < nc; c++) {
			switch (cols[c]) {
			case COL_REFERENCE: csv_field(b, r.reference); break;
			case COL_PAYEE: csv_field(b, p[i].name); break;
			case COL_EMAIL: csv_field(b, p[i].email); break;
			case COL_METHOD:
				csv_field(b, p[i].has_method ? pay_method_key(p[i].method) : ""); break;
			case COL_AMOUNT: csv_field(b, money_plain(&req->arena, p[i].amount)); break;
			case COL_AMOUNT_MINOR: csv_field_i64(b, p[i].amount); break;
			case COL_CURRENCY: csv_field(b, pol.currency); break;
			case COL_CLAIMS: csv_field(b, p[i].claim_ids); break;
			case COL_PAID_ON: csv_field(b, r.paid_day ? iso_day(req, r.paid_day) : ""); break;
			case COL_ACCOUNT_NAME: csv_field(b, bank.name); break;
			case COL_SORT_CODE: csv_field(b, bank.sort_code); break;
			case COL_ACCOUNT_NUMBER: csv_field(b, bank.account_number); break;
			default: csv_field(b, ""); break;
			}
		}
		csv_end_row(b);
		sodium_memzero(&bank, sizeof bank);
	}
	req->status = 200;
	req->content_type = "text/csv; charset=utf-8";
	respond_header(req, "Content-Disposition",
	               arena_printf(&req->arena, "attachment; filename=\"payment-run-%lld.csv\"",
	                            (long long)r.id));
	respond_header(req, "Cache-Control", "no-store");
}
