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
#include "core/lang.h"
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
		if (r) html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _(pay_unit_label(units[i])),
		            money_format(a, pol->currency, r));
	}
	html(b, "<div><dt>%t</dt><dd>%t</dd></div>",
	     /* TRANSLATORS: a label; its value is a way of counting time, like "Hour" or
	      * "Day (up to 8 hours)". */
	     _("Meetings are paid by the"), _(pay_unit_label(pol->meeting_unit)));
	if (pol->prep_minutes)
		html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Paid preparation per meeting"),
		     pay_quantity_text(a, UNIT_HOUR, pol->prep_minutes));
	html(b, "<div><dt>%t</dt><dd>", _("Expenses paid"));
	bool any = false;
	for (int c = 0; c < EXPENSE__COUNT; c++)
		if (pol->expense_categories & (1u << c)) {
			html(b, "%t%t", any ? ", " : "", _(expense_label((enum expense_category)c)));
			any = true;
		}
	html(b, "%t</dd></div><div><dt>%t</dt><dd>%t</dd></div></dl>",
	     /* TRANSLATORS: no expenses are paid. */
	     any ? "" : _("None"), _("We aim to pay within"),
	     arena_printf(a, ngettext("%lld day", "%lld days", (unsigned long)pol->target_days),
	                  (long long)pol->target_days));
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
	/* TRANSLATORS: a page's title; %s is a panel's name. */
	page_begin(req, arena_printf(a, _("Pay: %s"), req->panel->name), e);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1>",
	     req->panel->name,
	     /* TRANSLATORS: the heading of a panel's pay page. */
	     _("Pay"));
	if (!pol.configured) {
		html(b, "<p>%t</p>", _("This panel has not set up pay yet, so no claims are made."));
		if (manage)
			html(b, "<p><a class=\"button\" href=\"/panels/%l/pay/policy\">%t</a></p>",
			     pid, _("Set up pay"));
		page_end(req);
		return;
	}
	policy_summary(req, &pol);
	if (*pol.advice_url) {
		html(b, "<p>");
		/* TRANSLATORS: %s is a link to a benefits advice service, by its name. */
		html_sentence(b, _("Worried about benefits? See %s."), 1,
		              html_piece(&req->arena, "<a href=\"%a\"><bdi>%t</bdi></a>", pol.advice_url, *pol.advice_name ? pol.advice_name : pol.advice_url));
		html(b, "</p>");
	}
	if (policy_allows(&req->actor, PA_CLAIM_PAY))
		html(b, "<p><a class=\"button secondary\" href=\"/panels/%l/pay/claims/new\">%t</a>",
		     pid, _("Log work or an expense"));
	if (manage)
		html(b, " <a class=\"button secondary\" href=\"/panels/%l/pay/policy\">%t</a>", pid,
		     _("Change the pay policy"));
	html(b, "</p>");
	struct pay_claim *c;
	size_t n;
	if (!manage) {
		html(b, "<h2 class=\"heading-m\">%t</h2>", _("Your claims here"));
		if (store_pay_claims_of(req->store, req->user->id, pid, -1, 0, 100, &req->arena, &c, &n) !=
		    ST_OK)
			n = 0;
		if (!n) html(b, "<p>%t</p>", _("You have no claims in this panel yet."));
		else claims_table(req, c, n, false, false, _("Your claims"));
		html(b, "<p><a href=\"/my-pay\">%t</a></p>",
		     _("All your pay, your earnings limit and statements"));
		page_end(req);
		return;
	}
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("How quickly people are paid"));
	timeliness_section(req, &pol, false);

	html(b, "<h2 class=\"heading-m\" id=\"waiting\">%t</h2>", _("Waiting for approval"));
	if (store_pay_claims_list(req->store, PCS_PANEL, pid, CLAIM_CLAIMED, 0, 100, &req->arena, &c,
	                          &n) != ST_OK)
		n = 0;
	if (!n) html(b, "<p>%t</p>", _("No claims are waiting."));
	else claims_table(req, c, n, true, false, _("Claims waiting for approval"));

	html(b, "<h2 class=\"heading-m\" id=\"ready\">%t</h2>", _("Approved, ready to pay"));
	if (store_pay_claims_list(req->store, PCS_PANEL, pid, CLAIM_APPROVED, 0, 500, &req->arena,
	                          &c, &n) != ST_OK)
		n = 0;
	size_t ready = 0;
	for (size_t i = 0; i < n; i++)
		if (!c[i].run_id) c[ready++] = c[i];
	if (!ready) {
		html(b, "<p>%t</p>", _("Nothing is approved and waiting for a payment run."));
	} else {
		ui_form_begin(req, arena_printf(a, "/panels/%lld/pay/runs", (long long)pid));
		idempotency_field(req);
		struct field_option *opts = arena_alloc(a, (ready + 1) * sizeof *opts);
		const char *all = "";
		for (size_t i = 0; i < ready; i++) {
			opts[i] = (struct field_option){
				arena_printf(a, "%lld", (long long)c[i].id),
				option_theirs(a, arena_printf(a, "#%lld %s: %s, %s (%s)", (long long)c[i].id,
				                              c[i].payee_name, claim_what(req, &c[i]),
				                              money_format(a, c[i].currency, c[i].amount),
				                              c[i].has_method ? _(pay_method_label(c[i].method))
				                                              : "")) };
			all = arena_printf(a, "%s%s%lld", all, i ? "," : "", (long long)c[i].id);
		}
		opts[ready] = (struct field_option){ 0, 0 };
		const char *chosen = form_get_all(&req->form, "claims", a);
		ui_choices(req, e, "claims", _("Claims to put in a payment run"), NULL, opts,
		           e ? (chosen ? chosen : "") : all, true);
		ui_input(req, e, "reference", _("Reference for the finance team (optional)"),
		         _("Leave empty and we will make one."), e ? field(req, "reference") : "", "text",
		         "off");
		ui_button(req, _("Make a payment run"), NULL);
		ui_form_end(req);
	}

	html(b, "<h2 class=\"heading-m\" id=\"runs\">%t</h2>", _("Payment runs"));
	struct pay_run *r;
	size_t nr;
	if (store_pay_runs_list(req->store, pid, 50, &req->arena, &r, &nr) != ST_OK) nr = 0;
	if (!nr) html(b, "<p>%t</p>", _("No payment runs yet."));
	else html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < nr; i++)
		html(b, "<li><a href=\"/panels/%l/pay/runs/%l\"><bdi>%t</bdi></a>: %t</li>", pid,
		     r[i].id, r[i].reference,
		     /* TRANSLATORS: a payment run: how many claims, its total, then "paid on
		      * (date)" or "not yet paid". */
		     arena_printf(a, ngettext("%lld claim, %s, %s", "%lld claims, %s, %s",
		                              (unsigned long)r[i].claims),
		                  (long long)r[i].claims,
		                  money_format(&req->arena, pol.currency, r[i].total),
		                  r[i].paid_day ? arena_printf(&req->arena, _("paid on %s"),
		                                               format_day(req, r[i].paid_day))
		                                : _("not yet paid")));
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
	{ "hour", N_("By the hour (rounded up to the quarter hour)") },
	{ "half_day", N_("By the half day (up to 4 hours)") },
	{ "day", N_("By the day (up to 8 hours)") }, { 0, 0 } };
static const struct field_option currency_options[] = {
	{ "GBP", N_("Pounds (GBP)") }, { "EUR", N_("Euros (EUR)") }, { "USD", N_("US dollars (USD)") },
	{ 0, 0 } };

static void policy_form(struct request *req, const struct pay_policy *pol,
                        const struct form_errors *e, bool typed)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	/* TRANSLATORS: a page's title; %s is a panel's name. */
	page_begin(req, arena_printf(a, _("Pay policy: %s"), req->panel->name), e);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1><p>%t</p>",
	     req->panel->name, _("Pay policy"),
	     _("Rates are this panel's own. Amounts are in pounds and pence, like 27.50; leave a "
	       "rate at 0 if you do not pay that way."));
	ui_form_begin(req, arena_printf(a, "/panels/%lld/pay/policy", (long long)req->panel->id));
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">", pol->version);
#define VAL(name, value) (typed ? field(req, name) : (value))
	ui_select(req, e, "currency", _("Currency"), currency_options, VAL("currency", pol->currency));
	ui_input(req, e, "rates.hour", _("Rate per hour"), NULL,
	         VAL("rates.hour", money_plain(a, pol->rates.hour)), "text", "off");
	ui_input(req, e, "rates.half_day", _("Rate per half day"), NULL,
	         VAL("rates.half_day", money_plain(a, pol->rates.half_day)), "text", "off");
	ui_input(req, e, "rates.day", _("Rate per day"), NULL,
	         VAL("rates.day", money_plain(a, pol->rates.day)), "text", "off");
	ui_choices(req, e, "meeting_unit", _("How is going to a meeting paid?"),
	           _("Attendance makes a claim at this rate, for the meeting's length."), unit_options,
	           VAL("meeting_unit", pay_unit_key(pol->meeting_unit)), false);
	ui_input(req, e, "prep_minutes", _("Paid preparation per meeting, in minutes"),
	         _("Paid at the hourly rate. 0 for none."),
	         VAL("prep_minutes", arena_printf(a, "%lld", (long long)pol->prep_minutes)), "text",
	         "off");
	ui_input(req, e, "target_days", _("Pay within how many days of a claim?"),
	         _("Payments later than this are flagged on the panel's page."),
	         VAL("target_days", arena_printf(a, "%lld", (long long)pol->target_days)), "text",
	         "off");
	const char *expenses = form_get_all(&req->form, "expense_categories", a);
	ui_choices(req, e, "expense_categories", _("Which expenses does the panel pay back?"), NULL,
	           expense_options(a, (1u << EXPENSE__COUNT) - 1),
	           typed ? (expenses ? expenses : "") : expense_set_format(a, pol->expense_categories),
	           true);
	ui_input(req, e, "benefits_advice.name", _("Benefits advice: name"),
	         _("Shown with every limit check."), VAL("benefits_advice.name", pol->advice_name),
	         "text", "off");
	ui_input(req, e, "benefits_advice.url", _("Benefits advice: web address"),
	         _("Starting https://"), VAL("benefits_advice.url", pol->advice_url), "url", "off");
	ui_input(req, e, "csv_columns", _("Columns of the payment-run CSV"),
	         /* TRANSLATORS: the column names are typed as they are: do not translate them. */
	         _("In order, separated by commas, from: reference, payee, email, method, amount, "
	           "amount_minor, currency, claims, paid_on, account_name, sort_code, account_number."),
	         VAL("csv_columns", pol->csv_columns), "text", "off");
	static const struct field_option bank[] = {
		{ "1", N_("Store members' bank details, sealed, for the payment-run CSV") }, { 0, 0 } };
	ui_choices(req, e, "store_bank_details", _("Bank details"),
	           _("Off by default. When on, members may give their bank details; they are sealed "
	             "with a key kept in a file outside the database and only ever shown masked."),
	           bank, VAL("store_bank_details", pol->store_bank_details ? "1" : ""), true);
#undef VAL
	ui_button(req, _("Save the pay policy"), NULL);
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
	{ "work", N_("Work I did (time)") }, { "expense", N_("Money I spent") }, { 0, 0 } };

static void claim_form(struct request *req, const struct pay_policy *pol,
                       const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	bool manage = policy_allows(&req->actor, PA_MANAGE_PAY);
	page_begin(req, _("Log work or an expense"), e);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1>",
	     req->panel->name, _("Log work or an expense"));
	if (!pol->configured) {
		html(b, "<p>%t</p>", _("This panel has not set up pay yet."));
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
					option_theirs(a, arena_printf(a, "%s (%s)", m[i].display_name, m[i].email)) };
		const char *sel = *field(req, "payee_id")
		                  ? field(req, "payee_id")
		                  : arena_printf(a, "%lld", (long long)req->user->id);
		ui_select(req, e, "payee_id", _("Who is it for?"), opts, sel);
	}
	ui_choices(req, e, "kind", _("What are you claiming for?"), NULL, claim_kind_options,
	           *field(req, "kind") ? field(req, "kind") : "work", false);
	ui_input(req, e, "description", _("What was it?"),
	         _("For example: reading the housing papers, or the bus to the meeting."),
	         field(req, "description"), "text", "off");
	ui_input(req, e, "work_day", _("Date"), _("Like 23/11/2026"), field(req, "work_day"), "text",
	         "off");
	html(b, "<h2 class=\"heading-s\">%t</h2>", _("For work"));
	struct field_option units[UNIT__COUNT + 1] = { 0 };
	size_t nu = 0;
	for (int u = 0; u < UNIT__COUNT; u++)
		if (pay_rate_of(&pol->rates, (enum pay_unit)u))
			units[nu++] = (struct field_option){
				pay_unit_key((enum pay_unit)u),
				arena_printf(a, "%s: %s", _(pay_unit_label((enum pay_unit)u)),
				             money_format(a, pol->currency,
				                          pay_rate_of(&pol->rates, (enum pay_unit)u))) };
	ui_select(req, e, "unit", _("Paid by"), units, field(req, "unit"));
	ui_input(req, e, "minutes", _("Time worked, for hourly work"),
	         _("Hours and minutes, like 1:30, or hours, like 2.5."), field(req, "minutes"), "text",
	         "off");
	ui_input(req, e, "quantity", _("Number of half days or days"),
	         _("For work counted in half days or days: a number, like 1."), field(req, "quantity"),
	         "text", "off");
	html(b, "<h2 class=\"heading-s\">%t</h2>", _("For money spent"));
	ui_select(req, e, "category", _("Kind of expense"), expense_options(a, pol->expense_categories),
	          field(req, "category"));
	ui_input(req, e, "amount", _("Amount spent"), _("Like 4.80"), field(req, "amount"), "text",
	         "off");
	const char *err = errors_for(e, "receipt");
	html(b, "<div class=\"form-group%t\"><label class=\"label\" for=\"receipt\">%t</label>"
	        "<p class=\"hint\" id=\"receipt-hint\">%t</p>",
	     err ? " form-group-error" : "", _("Receipt (optional)"), _("A photo or a PDF."));
	if (err) html(b, "<p class=\"error-message\" id=\"receipt-error\">%t</p>", err);
	html(b, "<input class=\"file-upload\" type=\"file\" id=\"receipt\" name=\"receipt\" "
	        "accept=\"image/*,application/pdf\" aria-describedby=\"receipt-hint%t\"></div>",
	     err ? " receipt-error" : "");
	ui_button(req, _("Send the claim"), NULL);
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

/* The caption over a claim's or a run's heading: "(panel): pay". */
static void pay_caption(struct request *req)
{
	html(&req->out, "<p class=\"caption\">");
	/* TRANSLATORS: a caption over a heading; %s is a panel's name. */
	html_sentence(&req->out, _("%s: pay"), 1, html_bdi(&req->arena, req->panel->name));
	html(&req->out, "</p>");
}

static void decision_form(struct request *req, const struct pay_claim *c,
                          const struct pay_check *k, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const char *action = arena_printf(a, "/panels/%lld/pay/claims/%lld/decision",
	                                  (long long)req->panel->id, (long long)c->id);
	html(b, "<h2 class=\"heading-m\" id=\"decide\">%t</h2>",
	     /* TRANSLATORS: a heading: a steward decides what happens to a claim. */
	     _("Decide"));
	ui_form_begin(req, action);
	idempotency_field(req);
	if (c->state == CLAIM_CLAIMED) {
		bool over = pay_check_needs_reason(k);
		const char *pref = app_pay_preference(req->store, c->user_id, req->user->id, req->now,
		                                      &req->arena);
		struct field_option choices[8];
		size_t n = 0;
		/* Labels: ui_choices translates them. */
		if (!over) choices[n++] = (struct field_option){ "approve", N_("Approve it to be paid") };
		choices[n++] = (struct field_option){
			"non_cash",
			/* TRANSLATORS: %s is how the member said they would like to be paid. */
			pref ? option_theirs(a, arena_printf(a, _("Pay it in a non-cash way (they said: %s)"),
			                                     pref))
			     : N_("Pay it in a non-cash way") };
		if (c->kind != CLAIM_EXPENSE)
			choices[n++] = (struct field_option){ "expenses_only",
			                                      N_("Expenses only: do not pay this fee") };
		choices[n++] = (struct field_option){
			"decline", N_("Decline it (the member declines, or it is not due)") };
		choices[n++] = (struct field_option){ "ask", N_("Ask the member first") };
		/* Over the limit, going ahead is the last choice, never the default. */
		if (over)
			choices[n++] = (struct field_option){ "approve_anyway",
			                                      N_("Go ahead anyway (give the reason below)") };
		choices[n] = (struct field_option){ 0, 0 };
		ui_choices(req, e, "choice", _("What should happen to this claim?"),
		           over ? _("It would cross the limit the member declared. These are the "
		                    "alternatives.")
		                : NULL,
		           choices, *field(req, "choice") ? field(req, "choice") : over ? "" : "approve",
		           false);
		ui_select(req, e, "method", _("Non-cash way"), non_cash_options(a), field(req, "method"));
		ui_input(req, e, "pay_day", _("Expected payment date"),
		         _("The limit check uses the period this date falls in."),
		         *field(req, "pay_day") ? field(req, "pay_day") : iso_day(req, k->pay_day), "text",
		         "off");
		ui_textarea(req, e, "reason", _("Reason"),
		            _("Needed to go ahead over a limit or to decline. The member sees it."),
		            field(req, "reason"));
		html(b, "<div class=\"button-group\"><button class=\"button\" type=\"submit\">%t"
		        "</button><button class=\"button secondary\" type=\"submit\" "
		        "name=\"check\" value=\"1\" formmethod=\"get\" formaction=\"%a#limit\">%t"
		        "</button></div>",
		     _("Save the decision"),
		     arena_printf(a, "/panels/%lld/pay/claims/%lld", (long long)req->panel->id,
		                  (long long)c->id),
		     _("Check the limit for that date"));
	} else if (c->state == CLAIM_APPROVED || c->state == CLAIM_PAID) {
		bool paid = c->state == CLAIM_PAID;
		html(b, "<input type=\"hidden\" name=\"choice\" value=\"%a\">",
		     paid ? "unpay" : "unapprove");
		ui_textarea(req, e, "reason", paid ? _("The payment did not arrive: why?")
		                                   : _("Send it back for approval: why?"),
		            _("A correction adds a reversal to the claim's history; nothing is deleted."),
		            field(req, "reason"));
		ui_button(req, paid ? _("Record the payment as not received") : _("Send back for approval"),
		          "secondary");
	} else {
		html(b, "<p>%t</p>", _("This claim was declined. Nothing more can be done with it."));
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
	/* TRANSLATORS: %lld is a claim's number. */
	const char *title = arena_printf(a, _("Claim #%lld"), (long long)c->id);
	page_begin(req, title, e);
	pay_caption(req);
	html(b, "<h1 class=\"heading-l\">%t</h1>"
	        "<dl class=\"summary\"><div><dt>%t</dt><dd><bdi>%t</bdi></dd></div><div><dt>%t</dt><dd>",
	     title,
	     /* TRANSLATORS: who a claim is for. */
	     _("For"), c->payee_name, _("What"));
	claim_what_html(req, c);
	html(b, "</dd></div><div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div><div><dt>%t</dt><dd>%t</dd></div>",
	     _("Date"), format_day(req, c->work_day), _("Amount"),
	     money_format(a, c->currency, c->amount), _("Where it is"), claim_state_text(req, c));
	if (*c->meeting_title)
		html(b, "<div><dt>%t</dt><dd><a href=\"/panels/%l/meetings/%l\"><bdi>%t</bdi></a></dd>"
		        "</div>", _("Meeting"), req->panel->id, c->meeting_id, c->meeting_title);
	if (*c->receipt_sha256)
		html(b, "<div><dt>%t</dt><dd><a href=\"/panels/%l/pay/claims/%l/receipt\"><bdi>%t</bdi>"
		        "</a></dd></div>", _("Receipt"), req->panel->id, c->id, c->receipt_name);
	html(b, "</dl>");
	if (c->state == CLAIM_CLAIMED || c->state == CLAIM_APPROVED)
		limit_check_section(req, &k, c->currency, own, c->payee_name, &pol);
	if (manage) decision_form(req, c, &k, e);
	struct ledger_entry *le;
	size_t n;
	if (store_pay_ledger(req->store, c->id, a, &le, &n) == ST_OK && n) {
		html(b, "<h2 class=\"heading-m\">%t</h2><table class=\"table\"><caption "
		        "class=\"visually-hidden\">%t</caption><thead><tr>"
		        "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\" "
		        "class=\"num\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
		     _("History"), _("Every entry for this claim"), _("When"), _("What"), _("Amount"),
		     /* TRANSLATORS: a column: who made an entry. */
		     _("By"));
		for (size_t i = 0; i < n; i++) {
			const char *what = le[i].kind == LEDGER_REVERSAL
				/* TRANSLATORS: %s is the entry reversed, like "Approved". */
				? arena_printf(a, _("Reversed: %s"), _(ledger_kind_label(le[i].reverses)))
				: _(ledger_kind_label(le[i].kind));
			html(b, "<tr><td>%t</td><td>%t", format_time(req, le[i].at, req->panel->time_zone),
			     what);
			if (le[i].over_limit) html(b, " %t", _("(over the declared limit)"));
			if (*le[i].reason)
				html(b, "<br><span class=\"hint\" dir=\"auto\">%t</span>", le[i].reason);
			if (*le[i].by_name)
				html(b, "</td><td class=\"num\">%t</td><td><bdi>%t</bdi></td></tr>",
				     money_format(a, c->currency, le[i].amount), le[i].by_name);
			else
				html(b, "</td><td class=\"num\">%t</td><td>%t</td></tr>",
				     money_format(a, c->currency, le[i].amount), _("Recorded by the system"));
		}
		html(b, "</tbody></table>");
	}
	html(b, "<p><a href=\"%a\">%t</a></p>",
	     own && !manage ? "/my-pay"
	                    : arena_printf(a, "/panels/%lld/pay", (long long)req->panel->id),
	     _("Back to pay"));
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
		respond_error(req, 404, "not_found", _("This claim has no receipt."));
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
	/* TRANSLATORS: %s is a payment run's reference, like "RUN-12". */
	page_begin(req, arena_printf(a, _("Payment run %s"), r->reference), e);
	pay_caption(req);
	html(b, "<h1 class=\"heading-l\">");
	html_sentence(b, _("Payment run %s"), 1, html_bdi(&req->arena, r->reference));
	html(b, "</h1><dl class=\"summary\"><div><dt>%t</dt><dd>",
	     /* TRANSLATORS: when a payment run was made, and by whom. */
	     _("Made"));
	/* TRANSLATORS: a time, then who did it (a person's name). */
	html_sentence(b, _("%s by %s"), 2,
	              html_piece(&req->arena, "%t", format_time(req, r->created_at, req->panel->time_zone)),
	              *r->created_by_name ? html_bdi(&req->arena, r->created_by_name)
	                                  : html_piece(&req->arena, "%t", _("a former member")));
	html(b, "</dd></div>"
	        "<div><dt>%t</dt><dd>%l</dd></div><div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div></dl>",
	     _("Claims"), r->claims, _("Total"), money_format(a, pol.currency, r->total),
	     /* TRANSLATORS: when a payment run was paid: a date, or "Not yet". */
	     _("Paid"), r->paid_day ? format_day(req, r->paid_day) : _("Not yet"));
	html(b, "<table class=\"table\"><caption>%t</caption><thead><tr>"
	        "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	        "<th scope=\"col\" class=\"num\">%t</th></tr></thead><tbody>",
	     _("One row per person paid and way of paying"), _("Who"),
	     /* TRANSLATORS: a column: the way someone is paid. */
	     _("How"), _("Claims"), _("Amount"));
	for (size_t i = 0; i < n; i++)
		html(b, "<tr><td><bdi>%t</bdi><br><span class=\"hint\"><bdi>%t</bdi></span></td><td>%t</td><td>%t</td>"
		        "<td class=\"num\">%t</td></tr>", p[i].name, p[i].email,
		     p[i].has_method ? _(pay_method_label(p[i].method)) : "",
		     p[i].claim_ids, money_format(a, pol.currency, p[i].amount));
	html(b, "</tbody></table><p><a class=\"button secondary\" href=\"/panels/%l/pay/runs/%l/csv\" "
	        "download>%t</a></p>",
	     req->panel->id, r->id, _("Download the CSV for the finance system"));
	if (!r->paid_day) {
		html(b, "<h2 class=\"heading-m\">%t</h2>", _("Mark it paid"));
		ui_form_begin(req, arena_printf(a, "/panels/%lld/pay/runs/%lld/paid",
		                                (long long)req->panel->id, (long long)r->id));
		idempotency_field(req);
		ui_input(req, e, "paid_day", _("Date the money was paid"), _("Like 23/11/2026"),
		         *field(req, "paid_day") ? field(req, "paid_day")
		                                : iso_day(req, civil_day_at(req->now,
		                                                            req->panel->time_zone)),
		         "text", "off");
		ui_button(req, _("Mark the run paid"), NULL);
		ui_form_end(req);
	}
	html(b, "<p><a href=\"/panels/%l/pay\">%t</a></p>", req->panel->id, _("Back to pay"));
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
		respond_error(req, 500, "internal", _("We could not read the run."));
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
