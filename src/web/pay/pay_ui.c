/* Pieces of page shared by the fair-pay pages and API (pay_ui.h).
 */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/civil_time.h"
#include "core/csv.h"
#include "core/text.h"
#include "web/pay/pay_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"

/* A statement covers at most seven years. */
enum { STATEMENT_MAX_DAYS = 366 * 7 };

const char *iso_day(struct request *req, int64_t day)
{
	int y, m, d;
	civil_date_of_day(day, &y, &m, &d);
	return arena_printf(&req->arena, "%04d-%02d-%02d", y, m, d);
}

int64_t parse_day(const char *s)
{
	int y, m, d;
	return civil_read_date(s, &y, &m, &d) ? civil_day(y, m, d) : 0;
}

bool load_pay_policy(struct request *req, struct pay_policy *pol)
{
	if (store_pay_policy_get(req->store, req->panel->id, &req->arena, pol) == ST_OK) return true;
	respond_error(req, 500, "internal", "We could not load this panel's pay policy.");
	return false;
}

void idempotency_field(struct request *req)
{
	char key[AUTH_TOKEN_CHARS + 1];
	auth_token_new(key);
	html(&req->out, "<input type=\"hidden\" name=\"key\" value=\"%a\">", key);
}

const char *claim_state_text(struct request *req, const struct pay_claim *c)
{
	if (c->state == CLAIM_PAID)
		return arena_printf(&req->arena, "Paid on %s", format_day(req, c->pay_day));
	if (c->state == CLAIM_APPROVED && c->run_id)
		return arena_printf(&req->arena, "Approved, in payment run %s", c->run_reference);
	if (c->state == CLAIM_APPROVED)
		return arena_printf(&req->arena, "Approved, to be paid about %s",
		                    format_day(req, c->pay_day));
	if (c->state == CLAIM_CLAIMED && c->asked_at) return "Waiting: a steward wants to ask you";
	return claim_state_label(c->state);
}

const char *claim_what(struct request *req, const struct pay_claim *c)
{
	if (c->kind == CLAIM_EXPENSE)
		return arena_printf(&req->arena, "%s: %s", expense_label(c->category), c->description);
	return arena_printf(&req->arena, "%s (%s)", c->description,
	                    pay_quantity_text(&req->arena, c->unit, c->quantity));
}

void claims_table(struct request *req, const struct pay_claim *c, size_t n, bool show_payee,
                  bool show_panel, const char *caption)
{
	struct buf *b = &req->out;
	html(b, "<table class=\"table\"><caption class=\"visually-hidden\">%t</caption><thead><tr>"
	        "<th scope=\"col\">Claim</th>", caption);
	if (show_payee) html(b, "<th scope=\"col\">Who</th>");
	if (show_panel) html(b, "<th scope=\"col\">Panel</th>");
	html(b, "<th scope=\"col\">What</th><th scope=\"col\" class=\"num\">Amount</th>"
	        "<th scope=\"col\">Where it is</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html(b, "<tr id=\"claim-%l\"><td><a href=\"/panels/%l/pay/claims/%l\">#%l</a></td>",
		     c[i].id, c[i].panel_id, c[i].id, c[i].id);
		if (show_payee) html(b, "<td>%t</td>", c[i].payee_name);
		if (show_panel) html(b, "<td>%t</td>", c[i].panel_name);
		html(b, "<td>%t<br><span class=\"hint\">%t</span></td><td class=\"num\">%t</td>"
		        "<td>%t</td></tr>",
		     claim_what(req, &c[i]), format_day(req, c[i].work_day),
		     money_format(&req->arena, c[i].currency, c[i].amount), claim_state_text(req, &c[i]));
	}
	html(b, "</tbody></table>");
}

void limit_check_section(struct request *req, const struct pay_check *k, const char *currency,
                         bool own, const char *payee_name, const struct pay_policy *pol)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<h2 class=\"heading-m\" id=\"limit\">Earnings limit</h2>");
	if (!k->counted) {
		html(b, "<p>This is an expense paid back. Expenses are not added to an earnings "
		        "limit's total here.</p>");
		return;
	}
	if (!k->declared) {
		if (own)
			html(b, "<p>You have not told us of an earnings limit. If a benefit limits what "
			        "you can earn, <a href=\"/my-pay#limit\">say which one</a> and we will show "
			        "what each payment does to it.</p>");
		else
			html(b, "<p>%t has not declared an earnings limit.</p>", payee_name);
		return;
	}
	if (!k->in_force) {
		html(b, "<p>No amount is recorded for the declared limit in the period this payment "
		        "falls in (%t to %t).</p>",
		     format_day(req, k->period.first), format_day(req, k->period.last));
		return;
	}
	const struct earnings_limit *l = &k->limit;
	const char *amount = money_format(a, currency, l->amount);
	const char *who = own ? "You have" : arena_printf(a, "%s has", payee_name);
	if (*l->rule)
		html(b, "<p>%t declared: <strong>%t</strong>, %t %t (in force from %t).</p>", who,
		     l->name, amount, limit_period_label(l->period), format_day(req, l->effective_from));
	else
		html(b, "<p>%t declared their own limit of %t %t.</p>", who, amount,
		     limit_period_label(l->period));
	const struct limit_effect *e = &k->effect;
	html(b, "<dl class=\"figures\"><div><dt>Period the payment falls in</dt><dd>%t to %t</dd>"
	        "</div><div><dt>Already approved or paid in it</dt><dd>%t</dd></div>"
	        "<div><dt>With this claim</dt><dd>%t</dd></div></dl>",
	     format_day(req, k->period.first), format_day(req, k->period.last),
	     money_format(a, currency, e->total_before), money_format(a, currency, e->total_after));
	const char *word = l->kind == LIMIT_TAPER ? "work allowance" : "limit";
	if (e->state == LIMIT_UNDER)
		html(b, "<p class=\"status status-under\">Under the %t: %t to spare.</p>", word,
		     money_format(a, currency, e->margin));
	else if (e->state == LIMIT_AT)
		html(b, "<p class=\"status status-at\"><strong>Exactly at the %t.</strong></p>", word);
	else
		html(b, "<p class=\"status status-over\" role=\"status\"><strong>Over the %t by "
		        "%t.</strong></p>", word, money_format(a, currency, -e->margin));
	if (l->kind == LIMIT_TAPER)
		html(b, "<p>Universal Credit has no cut-off: above the work allowance the award is "
		        "reduced by %d%% of earnings. Estimated reduction for this period: %t "
		        "(%t of it from this claim).</p>",
		     l->taper_percent, money_format(a, currency, e->reduction_after),
		     money_format(a, currency, e->reduction_after - e->reduction_before));
	html(b, "<p class=\"hint\">A sum worked out from the figures declared, not advice.");
	if (*l->rule && *l->source) html(b, " Source: <a href=\"%a\">%t</a>.", l->source, l->source);
	if (pol && *pol->advice_url)
		html(b, " For advice, see <a href=\"%a\">%t</a>.", pol->advice_url,
		     *pol->advice_name ? pol->advice_name : pol->advice_url);
	html(b, "</p>");
}

void timeliness_section(struct request *req, const struct pay_policy *pol, bool link)
{
	struct buf *b = &req->out;
	struct pay_timeliness t;
	int64_t today = civil_day_at(req->now, req->panel->time_zone);
	if (store_pay_timeliness(req->store, req->panel->id, pol->target_days, today, &t) != ST_OK)
		return;
	if (t.late || t.waiting_late) {
		html(b, "<div class=\"notice warning\" id=\"late\"><p><strong>Late payments.</strong> ");
		if (t.late)
			html(b, "%l payment%t took longer than the %l days this panel aims for. ", t.late,
			     t.late == 1 ? "" : "s", pol->target_days);
		if (t.waiting_late)
			html(b, "%l claim%t waiting longer than %l days. ", t.waiting_late,
			     t.waiting_late == 1 ? " has been" : "s have been", pol->target_days);
		if (link) html(b, "<a href=\"/panels/%l/pay\">See pay</a>", req->panel->id);
		html(b, "</p></div>");
	}
	if (link || !t.paid) return;
	int64_t tenths = (t.days_sum * 10 + t.paid / 2) / t.paid;
	html(b, "<dl class=\"figures\"><div><dt>Claims paid</dt><dd>%l</dd></div>"
	        "<div><dt>Days from claim to payment, on average</dt><dd>%l.%l</dd></div>"
	        "<div><dt>Longest</dt><dd>%l days</dd></div>"
	        "<div><dt>Paid later than %l days</dt><dd>%l</dd></div></dl>",
	     t.paid, tenths / 10, tenths % 10, t.days_max, pol->target_days, t.late);
}

bool my_pay_standing(struct request *req, struct my_pay_standing *st)
{
	return app_my_pay_standing(req->store, req->user->id, req->now, &req->arena, st);
}

bool statement_range(struct request *req, struct day_range *out, const char **why)
{
	const char *ty = form_get(&req->query, "tax_year");
	const char *from = form_get(&req->query, "from"), *to = form_get(&req->query, "to");
	int64_t year;
	if (ty && *ty) {
		if (!parse_i64(ty, 2000, 2100, &year)) {
			*why = "Choose a tax year, like 2025 for 6 April 2025 to 5 April 2026.";
			return false;
		}
		*out = pay_tax_year((int)year);
		return true;
	}
	if ((from && *from) || (to && *to)) {
		out->first = parse_day(from ? from : "");
		out->last = parse_day(to ? to : "");
		if (!out->first || !out->last || out->last < out->first ||
		    out->last - out->first > STATEMENT_MAX_DAYS) {
			*why = "Give a start and an end date like 2026-04-06, the end not before the start, "
			       "at most 7 years apart.";
			return false;
		}
		return true;
	}
	*out = pay_tax_year(pay_tax_year_of(civil_day_at(req->now, "Europe/London")));
	return true;
}

void statement_csv(struct request *req, struct day_range range)
{
	struct pay_claim *c;
	size_t n;
	if (store_pay_statement(req->store, req->user->id, range, &req->arena, &c, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not make your statement.");
		return;
	}
	struct buf *b = &req->out;
	csv_begin(b);
	static const char *const head[] = { "paid_on", "panel", "claim", "kind", "what", "work_day",
	                                    "amount", "amount_minor", "currency", "run" };
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) csv_field(b, head[i]);
	csv_end_row(b);
	for (size_t i = 0; i < n; i++) {
		csv_field(b, iso_day(req, c[i].pay_day));
		csv_field(b, c[i].panel_name);
		csv_field_i64(b, c[i].id);
		csv_field(b, claim_kind_key(c[i].kind));
		csv_field(b, claim_what(req, &c[i]));
		csv_field(b, iso_day(req, c[i].work_day));
		csv_field(b, money_plain(&req->arena, c[i].amount));
		csv_field_i64(b, c[i].amount);
		csv_field(b, c[i].currency);
		csv_field(b, c[i].run_reference ? c[i].run_reference : "");
		csv_end_row(b);
	}
	req->status = 200;
	req->content_type = "text/csv; charset=utf-8";
	respond_header(req, "Content-Disposition",
	               arena_printf(&req->arena, "attachment; filename=\"pay-statement-%s-to-%s.csv\"",
	                            iso_day(req, range.first), iso_day(req, range.last)));
	respond_header(req, "Cache-Control", "no-store");
}
