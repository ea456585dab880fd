/* Pieces of page shared by the fair-pay pages and API (pay_ui.h).
 */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "core/civil_time.h"
#include "core/csv.h"
#include "core/lang.h"
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
	respond_error(req, 500, "internal", _("We could not load this panel's pay policy."));
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
		/* TRANSLATORS: %s is a date. */
		return arena_printf(&req->arena, _("Paid on %s"), format_day(req, c->pay_day));
	if (c->state == CLAIM_APPROVED && c->run_id)
		/* TRANSLATORS: %s is a payment run's reference, like "RUN-12". */
		return arena_printf(&req->arena, _("Approved, in payment run %s"), c->run_reference);
	if (c->state == CLAIM_APPROVED)
		/* TRANSLATORS: %s is a date. */
		return arena_printf(&req->arena, _("Approved, to be paid about %s"),
		                    format_day(req, c->pay_day));
	if (c->state == CLAIM_CLAIMED && c->asked_at) return _("Waiting: a steward wants to ask you");
	return _(claim_state_label(c->state));
}

const char *claim_what(struct request *req, const struct pay_claim *c)
{
	if (c->kind == CLAIM_EXPENSE)
		return arena_printf(&req->arena, "%s: %s", _(expense_label(c->category)), c->description);
	return arena_printf(&req->arena, "%s (%s)", c->description,
	                    pay_quantity_text(&req->arena, c->unit, c->quantity));
}

void claim_what_html(struct request *req, const struct pay_claim *c)
{
	if (c->kind == CLAIM_EXPENSE)
		html(&req->out, "%t: <bdi>%t</bdi>", _(expense_label(c->category)), c->description);
	else
		html(&req->out, "<bdi>%t</bdi> (%t)", c->description,
		     pay_quantity_text(&req->arena, c->unit, c->quantity));
}

void claims_table(struct request *req, const struct pay_claim *c, size_t n, bool show_payee,
                  bool show_panel, const char *caption)
{
	struct buf *b = &req->out;
	html(b, "<table class=\"table\"><caption class=\"visually-hidden\">%t</caption><thead><tr>"
	        "<th scope=\"col\">%t</th>", caption, _("Claim"));
	if (show_payee) html(b, "<th scope=\"col\">%t</th>", _("Who"));
	if (show_panel) html(b, "<th scope=\"col\">%t</th>", _("Panel"));
	html(b, "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	        "<th scope=\"col\">%t</th></tr></thead><tbody>", _("What"), _("Amount"),
	     _("Where it is"));
	for (size_t i = 0; i < n; i++) {
		html(b, "<tr id=\"claim-%l\"><td><a href=\"/panels/%l/pay/claims/%l\">#%l</a></td>",
		     c[i].id, c[i].panel_id, c[i].id, c[i].id);
		if (show_payee) html(b, "<td><bdi>%t</bdi></td>", c[i].payee_name);
		if (show_panel) html(b, "<td><bdi>%t</bdi></td>", c[i].panel_name);
		html(b, "<td>");
		claim_what_html(req, &c[i]);
		html(b, "<br><span class=\"hint\">%t</span></td><td class=\"num\">%t</td>"
		        "<td>%t</td></tr>",
		     format_day(req, c[i].work_day),
		     money_format(&req->arena, c[i].currency, c[i].amount), claim_state_text(req, &c[i]));
	}
	html(b, "</tbody></table>");
}

const char *amount_per_period(struct request *req, const char *amount, enum limit_period p)
{
	return arena_printf(&req->arena,
	                    p == PERIOD_MONTH
	                        /* TRANSLATORS: an earnings limit; %s is an amount of money,
	                         * like £196.00. */
	                        ? _("%s a month")
	                        /* TRANSLATORS: an earnings limit; %s is an amount of money,
	                         * like £196.00. */
	                        : _("%s a week"),
	                    amount);
}

const char *day_range_text(struct request *req, int64_t first, int64_t last)
{
	/* TRANSLATORS: a period: its first day, then its last, both dates. */
	return arena_printf(&req->arena, _("%s to %s"), format_day(req, first),
	                    format_day(req, last));
}

void limit_check_section(struct request *req, const struct pay_check *k, const char *currency,
                         bool own, const char *payee_name, const struct pay_policy *pol)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<h2 class=\"heading-m\" id=\"limit\">%t</h2>", _("Earnings limit"));
	if (!k->counted) {
		html(b, "<p>%t</p>", _("This is an expense paid back. Expenses are not added to an "
		                       "earnings limit's total here."));
		return;
	}
	if (!k->declared) {
		html(b, "<p>");
		if (own) {
			/* TRANSLATORS: %s is a link whose words are "say which one". */
			const char *link = html_link(a, "/my-pay#limit", _("say which one"));
			html_sentence(b, _("You have not told us of an earnings limit. If a benefit limits "
			                   "what you can earn, %s and we will show what each payment does "
			                   "to it."), 1, link);
		} else {
			const char *who = html_bdi(&req->arena, payee_name);
			/* TRANSLATORS: %s is a person's name. */
			html_sentence(b, _("%s has not declared an earnings limit."), 1, who);
		}
		html(b, "</p>");
		return;
	}
	if (!k->in_force) {
		html(b, "<p>%t</p>",
		     arena_printf(a, _("No amount is recorded for the declared limit in the period this "
		                       "payment falls in (%s)."),
		                  day_range_text(req, k->period.first, k->period.last)));
		return;
	}
	const struct earnings_limit *l = &k->limit;
	const char *amount = amount_per_period(req, money_format(a, currency, l->amount), l->period);
	html(b, "<p>");
	const char *who = html_bdi(&req->arena, payee_name);
	if (*l->rule) {
		const char *name = html_piece(&req->arena, "<strong><bdi>%t</bdi></strong>", l->name), *much = html_piece(&req->arena, "%t", amount),
		           *from = html_piece(&req->arena, "%t", format_day(req, l->effective_from));
		if (own)
			/* TRANSLATORS: the name of a benefit's limit, an amount a week or a month, a
			 * date. */
			html_sentence(b, _("You have declared: %s, %s (in force from %s)."), 3, name,
			              much, from);
		else
			/* TRANSLATORS: a person's name, the name of a benefit's limit, an amount a week
			 * or a month, a date. */
			html_sentence(b, _("%s has declared: %s, %s (in force from %s)."), 4, who,
			              name, much, from);
	} else {
		const char *much = html_piece(&req->arena, "%t", amount);
		if (own)
			/* TRANSLATORS: %s is an amount a week or a month. */
			html_sentence(b, _("You have declared your own limit of %s."), 1, much);
		else
			/* TRANSLATORS: a person's name, then an amount a week or a month. */
			html_sentence(b, _("%s has declared their own limit of %s."), 2, who,
			              much);
	}
	html(b, "</p>");
	const struct limit_effect *e = &k->effect;
	html(b, "<dl class=\"figures\"><div><dt>%t</dt><dd>%t</dd>"
	        "</div><div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div></dl>",
	     _("Period the payment falls in"), day_range_text(req, k->period.first, k->period.last),
	     _("Already approved or paid in it"), money_format(a, currency, e->total_before),
	     _("With this claim"), money_format(a, currency, e->total_after));
	bool taper = l->kind == LIMIT_TAPER;
	if (e->state == LIMIT_UNDER)
		html(b, "<p class=\"status status-under\">%t</p>",
		     arena_printf(a, taper ? _("Under the work allowance: %s to spare.")
		                           : _("Under the limit: %s to spare."),
		                  money_format(a, currency, e->margin)));
	else if (e->state == LIMIT_AT)
		html(b, "<p class=\"status status-at\"><strong>%t</strong></p>",
		     taper ? _("Exactly at the work allowance.") : _("Exactly at the limit."));
	else
		html(b, "<p class=\"status status-over\" role=\"status\"><strong>%t</strong></p>",
		     arena_printf(a, taper ? _("Over the work allowance by %s.")
		                           : _("Over the limit by %s."),
		                  money_format(a, currency, -e->margin)));
	if (taper)
		html(b, "<p>%t</p>",
		     arena_printf(a, _("Universal Credit has no cut-off: above the work allowance the "
		                       "award is reduced by %d%% of earnings. Estimated reduction for "
		                       "this period: %s (%s of it from this claim)."),
		                  l->taper_percent, money_format(a, currency, e->reduction_after),
		                  money_format(a, currency, e->reduction_after - e->reduction_before)));
	html(b, "<p class=\"hint\">%t", _("A sum worked out from the figures declared, not advice."));
	if (*l->rule && *l->source) {
		const char *link = html_piece(&req->arena, "<a href=\"%a\"><bdi>%t</bdi></a>", l->source, l->source);
		html(b, " ");
		/* TRANSLATORS: %s is a link to where a figure comes from. */
		html_sentence(b, _("Source: %s."), 1, link);
	}
	if (pol && *pol->advice_url)
		advice_sentence(req, pol->advice_name, pol->advice_url);
	html(b, "</p>");
}

void advice_sentence(struct request *req, const char *name, const char *url)
{
	const char *link = html_piece(&req->arena, "<a href=\"%a\"><bdi>%t</bdi></a>", url, *name ? name : url);
	html(&req->out, " ");
	/* TRANSLATORS: %s is a link to a benefits advice service, by its name. */
	html_sentence(&req->out, _("For advice, see %s."), 1, link);
}

void timeliness_section(struct request *req, const struct pay_policy *pol, bool link)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct pay_timeliness t;
	int64_t today = civil_day_at(req->now, req->panel->time_zone);
	if (store_pay_timeliness(req->store, req->panel->id, pol->target_days, today, &t) != ST_OK)
		return;
	long long target = (long long)pol->target_days;
	if (t.late || t.waiting_late) {
		html(b, "<div class=\"notice warning\" id=\"late\"><p><strong>%t</strong> ",
		     _("Late payments."));
		if (t.late)
			/* TRANSLATORS: a number of payments, then a number of days (more than one). */
			html(b, "%t ", arena_printf(a, ngettext("%lld payment took longer than the %lld "
			                                        "days this panel aims for.",
			                                        "%lld payments took longer than the %lld "
			                                        "days this panel aims for.",
			                                        (unsigned long)t.late),
			                            (long long)t.late, target));
		if (t.waiting_late)
			/* TRANSLATORS: a number of claims, then a number of days (more than one). */
			html(b, "%t ", arena_printf(a, ngettext("%lld claim has been waiting longer than "
			                                        "%lld days.",
			                                        "%lld claims have been waiting longer than "
			                                        "%lld days.",
			                                        (unsigned long)t.waiting_late),
			                            (long long)t.waiting_late, target));
		if (link) html(b, "<a href=\"/panels/%l/pay\">%t</a>", req->panel->id, _("See pay"));
		html(b, "</p></div>");
	}
	if (link || !t.paid) return;
	int64_t tenths = (t.days_sum * 10 + t.paid / 2) / t.paid;
	html(b, "<dl class=\"figures\"><div><dt>%t</dt><dd>%l</dd></div>"
	        "<div><dt>%t</dt><dd>%l.%l</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%l</dd></div></dl>",
	     _("Claims paid"), t.paid, _("Days from claim to payment, on average"), tenths / 10,
	     tenths % 10, _("Longest"),
	     arena_printf(a, ngettext("%lld day", "%lld days", (unsigned long)t.days_max),
	                  (long long)t.days_max),
	     arena_printf(a, ngettext("Paid later than %lld day", "Paid later than %lld days",
	                              (unsigned long)target), target),
	     t.late);
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
			*why = _("Choose a tax year, like 2025 for 6 April 2025 to 5 April 2026.");
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
			*why = _("Give a start and an end date like 2026-04-06, the end not before the "
			         "start, at most 7 years apart.");
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
		respond_error(req, 500, "internal", _("We could not make your statement."));
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
