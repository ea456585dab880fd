/* A person's own pay, across every panel: where each claim is, what has
 * been approved and paid, the earnings limit they declare and where they
 * stand against it this period, their bank details (only where a panel
 * of theirs keeps them: sealed, and shown masked), and statements for any
 * period or tax year, printable and as CSV.
 *
 * Everything here is the signed-in person's own: no route takes anyone
 * else's id. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/csv.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/pay/pay_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"

enum { CLAIMS_SHOWN = 50 };

/* ---- shared with pay/pay_api.c (pay/pay_ui.h) ---- */

/* ---- the page ---- */

/* Where they stand this period against their declared limit, in facts. */
static void standing_section(struct request *req, const struct my_pay_standing *st)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const struct pay_check *k = &st->check;
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("This period"));
	if (!st->declared) {
		html(b, "<p>%t</p>", _("You have not told us of an earnings limit. If a benefit limits "
		                       "what you can earn, say which one below: we will then show, "
		                       "before any payment is approved, what it does to your total for "
		                       "that period."));
		return;
	}
	if (!k->in_force) {
		html(b, "<p>%t</p>", _("No amount is recorded for your limit today."));
		return;
	}
	const struct limit_effect *e = &k->effect;
	bool taper = k->limit.kind == LIMIT_TAPER;
	const char *cur = st->currency;
	html(b, "<dl class=\"summary\"><div><dt>%t</dt><dd>%t (<bdi>%t</bdi>)</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div></dl>",
	     taper ? _("Your work allowance") : _("Your limit"),
	     amount_per_period(req, money_format(a, cur, k->limit.amount), k->limit.period),
	     k->limit.name, _("This period"), day_range_text(req, k->period.first, k->period.last),
	     _("Approved or paid to you in it"), money_format(a, cur, e->total_after),
	     _("Claimed and waiting for a decision"), money_format(a, cur, st->waiting));
	/* Waiting claims have no payment day yet; if they were paid in this
	 * period they could take the person over, and "to spare" must not say
	 * otherwise. */
	struct limit_effect with_waiting;
	limit_effect(&k->limit, e->total_after, st->waiting, &with_waiting);
	if (e->state == LIMIT_UNDER && st->waiting && with_waiting.state == LIMIT_OVER)
		html(b, "<p class=\"status status-at\"><strong>%t</strong> %t</p>",
		     /* TRANSLATORS: three amounts of money: what is left under the limit, what is
		      * waiting for a decision, and how far it would go over. */
		     arena_printf(a, taper ? _("Under your work allowance by %s now, but the %s waiting "
		                               "would take you %s over it if it were paid this period.")
		                           : _("Under your limit by %s now, but the %s waiting would "
		                               "take you %s over it if it were paid this period."),
		                  money_format(a, cur, e->margin), money_format(a, cur, st->waiting),
		                  money_format(a, cur, -with_waiting.margin)),
		     _("A steward sees this before approving, and can pay it another way or later."));
	else if (e->state == LIMIT_UNDER && st->waiting)
		html(b, "<p class=\"status status-under\">%t</p>",
		     arena_printf(a, taper ? _("Under your work allowance: %s to spare this period, or "
		                               "%s if what is waiting were paid in it.")
		                           : _("Under your limit: %s to spare this period, or %s if "
		                               "what is waiting were paid in it."),
		                  money_format(a, cur, e->margin),
		                  money_format(a, cur, with_waiting.margin)));
	else if (e->state == LIMIT_UNDER)
		html(b, "<p class=\"status status-under\">%t</p>",
		     arena_printf(a, taper ? _("Under your work allowance: %s to spare this period.")
		                           : _("Under your limit: %s to spare this period."),
		                  money_format(a, cur, e->margin)));
	else if (e->state == LIMIT_AT)
		html(b, "<p class=\"status status-at\"><strong>%t</strong></p>",
		     taper ? _("Exactly at your work allowance this period.")
		           : _("Exactly at your limit this period."));
	else
		html(b, "<p class=\"status status-over\"><strong>%t</strong></p>",
		     arena_printf(a, taper ? _("Over your work allowance by %s this period.")
		                           : _("Over your limit by %s this period."),
		                  money_format(a, cur, -e->margin)));
	if (taper && e->reduction_after)
		html(b, "<p>%t</p>",
		     arena_printf(a, _("Estimated reduction of your Universal Credit for this period: %s "
		                       "(%d%% of earnings above the work allowance)."),
		                  money_format(a, cur, e->reduction_after), k->limit.taper_percent));
	html(b, "<p class=\"hint\">%t",
	     _("A sum worked out from the figures you declared, not advice."));
	if (*st->advice_url) advice_sentence(req, st->advice_name, st->advice_url);
	html(b, "</p>");
}

static const struct field_option period_options[] = {
	{ "week", N_("Weekly") }, { "month", N_("Monthly (an assessment period)") }, { 0, 0 } };

static void declaration_form(struct request *req, const struct my_pay_standing *st,
                             const struct form_errors *e, bool typed)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct earnings_limit *rows;
	size_t n;
	if (store_earnings_limits(req->store, a, &rows, &n) != ST_OK) n = 0;
	/* One choice per rule, described by the row in force today. */
	struct field_option *opts = arena_alloc(a, (n + 3) * sizeof *opts);
	size_t k = 0;
	/* Labels: ui_choices translates them. */
	opts[k++] = (struct field_option){ "none", N_("None: no benefit limits what I earn") };
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(rows[i].rule, rows[i - 1].rule)) continue;
		const struct earnings_limit *now = limit_in_force(rows, n, rows[i].rule, st->today);
		if (!now) now = &rows[i];
		opts[k++] = (struct field_option){
			rows[i].rule,
			option_theirs(a, arena_printf(a, "%s: %s", now->name,
			                              amount_per_period(req, money_format(a, st->currency,
			                                                                  now->amount),
			                                                now->period))) };
	}
	opts[k++] = (struct field_option){ "own", N_("My own amount") };
	opts[k] = (struct field_option){ 0, 0 };
	const struct pay_declaration *d = &st->declaration;
	const char *chosen = typed ? field(req, "rule")
	                     : !st->declared ? "none"
	                     : *d->rule      ? d->rule
	                                     : "own";
	html(b, "<h2 class=\"heading-m\" id=\"limit\">%t</h2><p>%t</p>", _("Your earnings limit"),
	     _("Only you and the stewards who approve your payments see this. It is used only to "
	       "show what a payment does to your total before it is approved."));
	ui_form_begin(req, "/my-pay/limit");
	ui_choices(req, e, "rule", _("Which limit applies to you?"), NULL, opts, chosen, false);
	ui_input(req, e, "custom_amount", _("My own amount"),
	         /* TRANSLATORS: "My own amount" is the choice of that name above. */
	         _("Only for \"My own amount\". Like 150.00."),
	         typed ? field(req, "custom_amount")
	               : st->declared && !*d->rule ? money_plain(a, d->custom_amount) : "",
	         "text", "off");
	ui_choices(req, e, "custom_period", _("My own amount is"), NULL, period_options,
	           typed ? field(req, "custom_period")
	                 : st->declared && !*d->rule ? limit_period_key(d->custom_period) : "week",
	           false);
	ui_input(req, e, "anchor_day",
	         _("When did one of your benefit weeks or assessment periods begin?"),
	         _("Any one, like 6/4/2026. Weeks then begin on that weekday; monthly periods on that "
	           "day of the month."),
	         typed ? field(req, "anchor_day")
	               : st->declared ? iso_day(req, d->anchor_day) : iso_day(req, st->today),
	         "text", "off");
	ui_button(req, _("Save my earnings limit"), NULL);
	ui_form_end(req);
}

/* "sort code **-**-56, account ****5678", or why they cannot be shown;
 * NULL when none are saved. */
static const char *bank_masked(struct request *req)
{
	struct bank_details d;
	const char *shown = NULL;
	switch (app_bank_open(req->store, seal_key(req), req->user->id, 0, &req->arena, &d)) {
	case BANK_NONE: break;
	case BANK_OTHER_KEY:
		/* TRANSLATORS: said of saved bank details, after "Saved:". */
		shown = _("saved under a key this server no longer has: please enter them again");
		break;
	case BANK_UNREADABLE:
		/* TRANSLATORS: said of saved bank details, after "Saved:". */
		shown = _("could not be opened: please enter them again");
		break;
	case BANK_OPEN:
		/* TRANSLATORS: bank details, masked: "**-**-56", "****5678". */
		shown = arena_printf(&req->arena, _("sort code %s, account %s"),
		                     bank_sort_code_masked(&req->arena, d.sort_code),
		                     bank_account_masked(&req->arena, d.account_number));
		break;
	}
	sodium_memzero(&d, sizeof d);
	return shown;
}

/* The name of panel id when it is one the person may give bank details
 * to (my_pay_standing's bank_panels), else NULL. */
/* The panels the person gave their details to, as "1,3" (for the
 * checkboxes) and as markup, their names in <bdi>; "" when none. */
static void bank_given(struct request *req, const struct my_pay_standing *st,
                       const char **keys, const char **names)
{
	int64_t *ids;
	size_t n;
	struct buf k = {0}, w = {0};
	if (store_pay_bank_panels(req->store, req->user->id, &req->arena, &ids, &n) != ST_OK) n = 0;
	for (size_t i = 0; i < n; i++) {
		buf_printf(&k, "%s%lld", k.len ? "," : "", (long long)ids[i]);
		const char *name = app_bank_panel_name(st, ids[i]);
		if (name) html(&w, "%r<bdi>%t</bdi>", w.len ? ", " : "", name);
	}
	*keys = arena_strdup(&req->arena, k.data ? k.data : "");
	*names = arena_strdup(&req->arena, w.data ? w.data : "");
	buf_free(&k);
	buf_free(&w);
}

static void bank_section(struct request *req, const struct my_pay_standing *st,
                         const struct form_errors *e)
{
	if (!st->bank_wanted || !req->cfg->seal_key_loaded) return;
	struct buf *b = &req->out;
	html(b, "<h2 class=\"heading-m\" id=\"bank\">%t</h2><p>%t</p>", _("Bank details"),
	     _("Some of your panels pay by bank transfer from a list they send their finance "
	       "team. Your details are kept sealed and are only ever shown masked, here and to "
	       "nobody else. They go only into the lists of the panels you choose."));
	const char *masked = bank_masked(req), *given_keys, *given_names;
	bank_given(req, st, &given_keys, &given_names);
	/* After a refused form, the boxes as the person left them. */
	const char *chosen = e && e->n ? form_get_all(&req->form, "panels", &req->arena) : given_keys;
	if (masked) {
		/* TRANSLATORS: %s is the saved bank details, masked, or why they cannot be shown. */
		html(b, "<p>%t</p>", arena_printf(&req->arena, _("Saved: %s."), masked));
		if (*given_names) {
			html(b, "<p>");
			/* TRANSLATORS: %s is a list of panels' names. */
			html_sentence(b, _("Given to: %s."), 1, given_names);
			html(b, "</p>");
		} else {
			html(b, "<p class=\"status status-at\"><strong>%t</strong> %t</p>",
			     _("No panel may use them yet."), _("Choose which panels may, below."));
		}
		ui_form_begin(req, "/my-pay/bank/panels");
		ui_choices(req, e, "panels", _("Which panels may use them"),
		           _("Only these panels' payment lists will hold your details."), st->bank_panels,
		           chosen, true);
		ui_button(req, _("Save my choice"), "secondary");
		ui_form_end(req);
		ui_form_begin(req, "/my-pay/bank/remove");
		ui_button(req, _("Remove my bank details"), "secondary");
		ui_form_end(req);
	}
	ui_form_begin(req, "/my-pay/bank");
	ui_input(req, e, "account_name", _("Name on the account"), NULL, "", "text", "off");
	ui_input(req, e, "sort_code", _("Sort code"), _("6 digits, like 12-34-56"), "", "text", "off");
	ui_input(req, e, "account_number", _("Account number"), _("8 digits"), "", "text", "off");
	if (!masked)
		ui_choices(req, e, "panels", _("Which panels may use them"),
		           _("Only these panels' payment lists will hold your details."), st->bank_panels,
		           chosen, true);
	ui_button(req, masked ? _("Replace my bank details") : _("Save my bank details"), NULL);
	ui_form_end(req);
}

static void statement_form(struct request *req, const struct my_pay_standing *st)
{
	struct buf *b = &req->out;
	int this_year = pay_tax_year_of(st->today);
	html(b, "<h2 class=\"heading-m\" id=\"statement\">%t</h2><p>%t</p>"
	        "<form method=\"get\" action=\"/my-pay/statement\" class=\"form\">"
	        "<div class=\"field\"><label class=\"label\" for=\"tax_year\">%t</label>"
	        "<select class=\"select\" id=\"tax_year\" name=\"tax_year\">",
	     _("Statements"),
	     _("Everything paid to you in a tax year or between two dates, to print or to "
	       "download as a spreadsheet (CSV)."),
	     _("Tax year"));
	for (int y = this_year; y >= this_year - 6; y--)
		html(b, "<option value=\"%l\">%t</option>", (int64_t)y,
		     /* TRANSLATORS: a UK tax year, from 6 April of one year to 5 April of the next. */
		     arena_printf(&req->arena, _("6 April %d to 5 April %d"), y, y + 1));
	const char *show = _("Show the statement"), *csv = _("Download it as CSV");
	html(b, "</select></div><div class=\"buttons\">"
	        "<button type=\"submit\" class=\"button\">%t</button> "
	        "<button type=\"submit\" class=\"button secondary\" name=\"format\" value=\"csv\">"
	        "%t</button></div></form>"
	        "<form method=\"get\" action=\"/my-pay/statement\" class=\"form\">"
	        "<fieldset class=\"fieldset\"><legend class=\"legend\">%t</legend>"
	        "<div class=\"field\"><label class=\"label\" for=\"from\">%t</label>"
	        "<div class=\"hint\" id=\"from-hint\">%t</div>"
	        "<input class=\"input\" id=\"from\" name=\"from\" type=\"text\" "
	        "aria-describedby=\"from-hint\" autocomplete=\"off\"></div>"
	        "<div class=\"field\"><label class=\"label\" for=\"to\">%t</label>"
	        "<div class=\"hint\" id=\"to-hint\">%t</div>"
	        "<input class=\"input\" id=\"to\" name=\"to\" type=\"text\" "
	        "aria-describedby=\"to-hint\" autocomplete=\"off\"></div></fieldset>"
	        "<div class=\"buttons\">"
	        "<button type=\"submit\" class=\"button\">%t</button> "
	        "<button type=\"submit\" class=\"button secondary\" name=\"format\" value=\"csv\">"
	        "%t</button></div></form>",
	     show, csv, _("Or between two dates"),
	     /* TRANSLATORS: the first day of a statement. */
	     _("From"), _("Like 6/4/2026 or 6 April 2026"),
	     /* TRANSLATORS: the last day of a statement. */
	     _("To"), _("Like 5/4/2027 or 5 April 2027"), show, csv);
}

static void my_pay_page(struct request *req, const struct form_errors *e, bool typed)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct my_pay_standing st;
	struct pay_balance bal;
	struct pay_claim *c;
	size_t n;
	int64_t before = 0;
	const char *q = form_get(&req->query, "before");
	if (q && !parse_i64(q, 1, INT64_MAX, &before)) before = 0;
	if (!my_pay_standing(req, &st) ||
	    store_pay_balance(req->store, req->user->id, 0, &bal) != ST_OK ||
	    store_pay_claims_of(req->store, req->user->id, 0, -1, before, CLAIMS_SHOWN, a, &c, &n) !=
	        ST_OK) {
		respond_error(req, 500, "internal", _("We could not load your pay."));
		return;
	}
	page_begin(req, _("My pay"), e);
	html(b, "<h1 class=\"heading-l\">%t</h1>"
	        "<ul class=\"figures\"><li><strong>%t</strong>%t</li>"
	        "<li><strong>%t</strong>%t</li>"
	        "<li><strong>%t</strong>%t</li></ul>",
	     _("My pay"),
	     /* TRANSLATORS: the words under an amount of money (three figures of one's pay). */
	     money_format(a, st.currency, bal.claimed - bal.approved), _("claimed, waiting"),
	     money_format(a, st.currency, bal.approved - bal.paid), _("approved, not paid yet"),
	     money_format(a, st.currency, bal.paid), _("paid to you"));
	html(b, "<h2 class=\"heading-m\" id=\"claims\">%t</h2>", _("My claims"));
	if (!n && !before)
		html(b, "<p>%t</p>", _("No claims yet. When you go to a meeting of a panel that pays, the "
		                       "claim for your time is made for you; you can also log other work "
		                       "and expenses from a panel's Pay page."));
	else if (n)
		claims_table(req, c, n, false, true, _("My claims, newest first"));
	if (n == CLAIMS_SHOWN)
		html(b, "<p><a href=\"/my-pay?before=%l#claims\">%t</a></p>", c[n - 1].id,
		     _("Older claims"));
	standing_section(req, &st);
	declaration_form(req, &st, e, typed);
	bank_section(req, &st, e);
	statement_form(req, &st);
	page_end(req);
}

void my_pay_get(struct request *req) { my_pay_page(req, NULL, false); }

void my_pay_limit_post(struct request *req)
{
	/* The form's "rule" is a choice among none (no limit: cleared), a rule
	 * of the table, and "own" (the API's rule ""). */
	const char *rule = field(req, "rule");
	if (!strcmp(rule, "none")) {
		struct app_error err;
		if (!app_pay_declaration_clear(req->store, req->user->id, &err)) {
			respond_app_error(req, &err);
			return;
		}
		respond_redirect(req, "/my-pay#limit");
		return;
	}
	struct form_errors e = { 0 };
	if (!*rule) errors_add(&e, "rule", _("Choose which limit applies to you."));
	struct input_value in[DECLARATION_INPUTS];
	form_inputs(req, declaration_inputs, DECLARATION_INPUTS, in, &e);
	struct pay_declaration d;
	app_pay_declaration_from_inputs(in, &d);
	if (!strcmp(rule, "own")) d.rule = "";
	struct app_error err;
	if (!e.n && !app_pay_declare(req->store, req->user->id, &d, req->now, &req->arena, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		my_pay_page(req, &e, true);
		return;
	}
	respond_redirect(req, "/my-pay#limit");
}

/* The "panels" checkboxes, as ids; an error in e when they are not ids or
 * not among st's bank panels (app_bank_panels_check). */
static void chosen_bank_panels(struct request *req, const struct my_pay_standing *st,
                               struct form_errors *e, int64_t **ids, size_t *n)
{
	struct app_error err;
	if (!form_ids(form_get_all(&req->form, "panels", &req->arena), &req->arena, ids, n)) *n = 0;
	if (!app_bank_panels_check(st, *ids, *n, &err)) errors_add(e, err.field, err.message);
}

void my_pay_bank_post(struct request *req)
{
	struct my_pay_standing st;
	if (!my_pay_standing(req, &st)) {
		respond_error(req, 500, "internal", _("We could not load your pay."));
		return;
	}
	struct form_errors e = { 0 };
	struct bank_details d = { 0 };
	int64_t *ids = NULL;
	size_t n = 0;
	/* With nowhere to keep them, the use case answers (409) before what
	 * was typed is looked at. */
	if (st.bank_wanted && seal_key(req)) {
		char *name = text_trim(arena_strdup(&req->arena, field(req, "account_name")));
		if (!*name || utf8_length(name) > 140 || strchr(name, '\n'))
			errors_add(&e, "account_name", _("Enter the name on the account."));
		else memcpy(d.name, name, strlen(name) + 1);
		if (!bank_sort_code_parse(field(req, "sort_code"), d.sort_code))
			errors_add(&e, "sort_code", _("Enter the 6-digit sort code, like 12-34-56."));
		if (!bank_account_number_parse(field(req, "account_number"), d.account_number))
			errors_add(&e, "account_number", _("Enter the 8-digit account number."));
		/* New details are given to the panels ticked; replacing saved ones
		 * keeps theirs (app_bank_save), and the form then shows no boxes. */
		if (!bank_masked(req)) chosen_bank_panels(req, &st, &e, &ids, &n);
	}
	struct app_error err;
	bool saved = !e.n && app_bank_save(req->store, seal_key(req), req->user->id, &d, ids, n,
	                                   req->now, &req->arena, &err);
	sodium_memzero(&d, sizeof d);
	if (!saved && !e.n && !app_error_to_form(req, &err, &e)) return;
	if (e.n) {
		req->status = 400;
		my_pay_page(req, &e, false);
		return;
	}
	respond_redirect(req, "/my-pay#bank");
}

void my_pay_bank_panels_post(struct request *req)
{
	int64_t *ids;
	size_t n;
	if (!form_ids(form_get_all(&req->form, "panels", &req->arena), &req->arena, &ids, &n)) n = 0;
	struct app_error err;
	struct form_errors e = { 0 };
	if (!app_bank_give(req->store, req->user->id, ids, n, req->now, &req->arena, &err)) {
		if (!app_error_to_form(req, &err, &e)) return;
		my_pay_page(req, &e, false);
		return;
	}
	respond_redirect(req, "/my-pay#bank");
}

void my_pay_bank_remove_post(struct request *req)
{
	struct app_error err;
	if (!app_bank_remove(req->store, req->user->id, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, "/my-pay#bank");
}

void my_pay_statement_get(struct request *req)
{
	struct day_range range;
	const char *why;
	if (!statement_range(req, &range, &why)) {
		struct form_errors e = { 0 };
		errors_add(&e, "from", why);
		req->status = 400;
		my_pay_page(req, &e, false);
		return;
	}
	const char *format = form_get(&req->query, "format");
	if (format && !strcmp(format, "csv")) {
		statement_csv(req, range);
		return;
	}
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct pay_claim *c;
	size_t n;
	if (store_pay_statement(req->store, req->user->id, range, a, &c, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not make your statement."));
		return;
	}
	const char *from = format_day(req, range.first), *to = format_day(req, range.last);
	/* TRANSLATORS: a page's title: two dates. */
	page_begin(req, arena_printf(a, _("Pay statement, %s to %s"), from, to), NULL);
	html(b, "<h1 class=\"heading-l\">%t</h1><dl class=\"summary\">"
	        "<div><dt>%t</dt><dd>%t</dd></div><div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div></dl>",
	     _("Pay statement"),
	     /* TRANSLATORS: who a statement is for. */
	     _("For"), req->user->display_name, _("Paid between"),
	     /* TRANSLATORS: two dates. */
	     arena_printf(a, _("%s and %s"), from, to),
	     /* TRANSLATORS: when a statement was made. */
	     _("Made"), format_day(req, civil_day_at(req->now, "UTC")));
	if (!n) {
		html(b, "<p>%t</p>", _("Nothing was paid to you in this period."));
	} else {
		html(b, "<table class=\"table\"><caption class=\"visually-hidden\">%t"
		        "</caption><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
		        "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th></tr>"
		        "</thead><tbody>",
		     _("Payments to you"), _("Paid on"), _("Panel"), _("What"), _("Amount"));
		/* One total per currency, in the order they first appear. */
		const char *cur[8];
		int64_t sum[8];
		size_t ncur = 0;
		for (size_t i = 0; i < n; i++) {
			html(b, "<tr><td>%t</td><td><bdi>%t</bdi></td><td>", format_day(req, c[i].pay_day),
			     c[i].panel_name);
			claim_what_html(req, &c[i]);
			html(b, "</td><td class=\"num\">%t</td></tr>",
			     money_format(a, c[i].currency, c[i].amount));
			size_t k = 0;
			while (k < ncur && strcmp(cur[k], c[i].currency)) k++;
			if (k == ncur && ncur < 8) cur[ncur] = c[i].currency, sum[ncur++] = 0;
			if (k < ncur && !money_add(sum[k], c[i].amount, &sum[k])) sum[k] = MONEY_MAX;
		}
		html(b, "</tbody><tfoot>");
		for (size_t k = 0; k < ncur; k++)
			html(b, "<tr><th scope=\"row\" colspan=\"3\">%t</th><td class=\"num\">%t</td>"
			        "</tr>", _("Total"), money_format(a, cur[k], sum[k]));
		html(b, "</tfoot></table>");
	}
	html(b, "<p class=\"no-print\"><a class=\"button secondary\" href=\"/my-pay/statement?from=%a"
	        "&amp;to=%a&amp;format=csv\" download>%t</a></p>"
	        "<p class=\"no-print\">%t</p>"
	        "<p class=\"no-print\"><a href=\"/my-pay#statement\">%t</a></p>",
	     iso_day(req, range.first), iso_day(req, range.last), _("Download it as CSV"),
	     _("To print it, use your browser's Print command: the menus and buttons are left out "
	       "of the printed page."),
	     _("Back to my pay"));
	page_end(req);
}
