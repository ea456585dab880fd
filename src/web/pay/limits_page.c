/* The earnings-limits table, for the installation's administrators: the
 * figures (ESA permitted work, Carer's Allowance, Universal Credit work
 * allowances and taper...) that members declare against and that every
 * check before an approval uses. Shipped as data (migration 0005); when a
 * figure is uprated, an administrator adds a row from the date it applies,
 * and periods that began before it keep the old one (core/pay.h's
 * limit_in_force). Rows are changed, never deleted: a member's declared
 * rule must keep meaning something. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/pay/pay_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"

static const struct field_option kind_options[] = {
	{ "cliff", N_("A limit not to pass (like Carer's Allowance)") },
	{ "taper", N_("An allowance, above which the benefit is reduced by a share (Universal Credit)") },
	{ 0, 0 } };
static const struct field_option period_options[] = {
	{ "week", N_("A week") }, { "month", N_("A month (an assessment period)") }, { 0, 0 } };

/* The form for row l (l->id 0: a new row); typed: show what was sent. */
static void limit_form(struct request *req, const struct earnings_limit *l,
                       const struct form_errors *e, bool typed)
{
	struct arena *a = &req->arena;
#define VAL(name, value) (typed ? field(req, name) : (value))
	ui_form_begin(req, l->id ? arena_printf(a, "/admin/limits/%lld", (long long)l->id)
	                         : "/admin/limits");
	ui_input(req, e, "rule", _("Rule key"), _("Small letters, digits and _. Members declare a "
	                                          "rule; a new figure for the same rule is a new row "
	                                          "with the same key."),
	         VAL("rule", l->rule), "text", "off");
	ui_input(req, e, "name", _("Name members see"), NULL, VAL("name", l->name), "text", "off");
	/* TRANSLATORS: a label: the kind of an earnings limit. */
	ui_choices(req, e, "kind", _("Kind"), NULL, kind_options, VAL("kind", limit_kind_key(l->kind)),
	           false);
	/* TRANSLATORS: a label: how often an amount applies ("a week", "a month"). */
	ui_choices(req, e, "period", _("Per"), NULL, period_options,
	           VAL("period", limit_period_key(l->period)), false);
	ui_input(req, e, "amount", _("Amount"), _("Like 196.00"),
	         VAL("amount", money_plain(a, l->amount)), "text", "off");
	ui_input(req, e, "taper_percent", _("Taper, per cent"),
	         _("Only for an allowance: like 55. 0 otherwise."),
	         VAL("taper_percent", arena_printf(a, "%d", l->taper_percent)), "text", "off");
	ui_input(req, e, "effective_from", _("Applies from"),
	         _("Like 6/4/2026. Periods that began before this date keep the figure before it."),
	         VAL("effective_from", l->effective_from ? iso_day(req, l->effective_from) : ""),
	         "text", "off");
	ui_input(req, e, "source", _("Source"), _("Where the figure comes from: a web address."),
	         VAL("source", l->source), "url", "off");
	ui_textarea(req, e, "note", _("Note (optional)"), NULL, VAL("note", l->note));
#undef VAL
	ui_button(req, l->id ? _("Save the change") : _("Add the row"), NULL);
	ui_form_end(req);
}

static void limits_page(struct request *req, const struct form_errors *e, bool typed)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct earnings_limit *l;
	size_t n;
	if (store_earnings_limits(req->store, a, &l, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the earnings limits."));
		return;
	}
	page_begin(req, _("Earnings limits"), e);
	html(b, "<h1 class=\"heading-l\">%t</h1><p>%t</p>"
	        "<table class=\"table\"><caption class=\"visually-hidden\">%t"
	        "</caption><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	        "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\">%t</th>"
	        "<th scope=\"col\">%t</th><th scope=\"col\"><span class=\"visually-hidden\">"
	        "%t</span></th></tr></thead><tbody>",
	     _("Earnings limits"),
	     _("The figures members can declare, used to show what a payment does to their "
	       "total before it is approved. When a figure changes, add a row from the date it "
	       "applies rather than changing the old one."),
	     _("Earnings limits by rule and date"), _("Rule"), _("Name"), _("Amount"),
	     /* TRANSLATORS: a column: the date a figure applies from. */
	     _("From"), _("Source"),
	     /* TRANSLATORS: a column of links to change each row. */
	     _("Change"));
	for (size_t i = 0; i < n; i++) {
		const char *amount = amount_per_period(req, money_format(a, "GBP", l[i].amount),
		                                       l[i].period);
		html(b, "<tr><td><code>%t</code></td><td><bdi>%t</bdi></td><td class=\"num\">%t", l[i].rule,
		     l[i].name,
		     l[i].kind == LIMIT_TAPER
		         /* TRANSLATORS: an allowance a week or a month, then the share of earnings
		          * above it taken off the benefit ("£411.00 a month, then 55% taper"). */
		         ? arena_printf(a, _("%s, then %d%% taper"), amount, l[i].taper_percent)
		         : amount);
		html(b, "</td><td>%t</td><td><a href=\"%a\"><bdi>%t</bdi></a></td>"
		        "<td><a href=\"/admin/limits/%l\">%t<span class=\"visually-hidden\"> ",
		     format_day(req, l[i].effective_from), l[i].source, l[i].source, l[i].id,
		     _("Change"));
		/* TRANSLATORS: after "Change", for screen readers: a limit's name, then a date. */
		html_sentence(b, _("%s from %s"), 2, html_bdi(&req->arena, l[i].name),
		              html_piece(&req->arena, "%t", format_day(req, l[i].effective_from)));
		html(b, "</span></a></td></tr>");
	}
	html(b, "</tbody></table><h2 class=\"heading-m\" id=\"add\">%t</h2>", _("Add a row"));
	limit_form(req, &(struct earnings_limit){ .rule = "", .name = "", .source = "", .note = "" },
	           e, typed);
	page_end(req);
}

void limits_get(struct request *req) { limits_page(req, NULL, false); }

static const struct earnings_limit *find_row(struct request *req, int64_t id)
{
	struct earnings_limit *l;
	size_t n;
	if (store_earnings_limits(req->store, &req->arena, &l, &n) != ST_OK) return NULL;
	for (size_t i = 0; i < n; i++)
		if (l[i].id == id) return &l[i];
	return NULL;
}

static void limit_page(struct request *req, const struct earnings_limit *l,
                       const struct form_errors *e, bool typed)
{
	/* TRANSLATORS: a page's title; %s is the name of an earnings limit. */
	page_begin(req, arena_printf(&req->arena, _("Change %s"), l->name), e);
	html(&req->out, "<p class=\"caption\">%t</p><h1 class=\"heading-l\">", _("Earnings limits"));
	/* TRANSLATORS: a heading: the name of an earnings limit, then the date it applies from. */
	html_sentence(&req->out, _("Change %s from %s"), 2, html_bdi(&req->arena, l->name),
	              html_piece(&req->arena, "%t", format_day(req, l->effective_from)));
	html(&req->out, "</h1>");
	limit_form(req, l, e, typed);
	html(&req->out, "<p><a href=\"/admin/limits\">%t</a></p>", _("Back to earnings limits"));
	page_end(req);
}

void limit_get(struct request *req)
{
	const struct earnings_limit *l = find_row(req, req->params[0]);
	if (!l) respond_error(req, 404, "not_found", _("There is no such row."));
	else limit_page(req, l, NULL, false);
}

/* POST /admin/limits adds a row; POST /admin/limits/{id} changes one. */
void limit_post(struct request *req)
{
	bool change = req->nparams > 0;
	const struct earnings_limit *old = change ? find_row(req, req->params[0]) : NULL;
	if (change && !old) {
		respond_error(req, 404, "not_found", _("There is no such row."));
		return;
	}
	struct form_errors e = { 0 };
	struct input_value in[LIMIT_INPUTS];
	form_inputs(req, limit_inputs, LIMIT_INPUTS, in, &e);
	struct earnings_limit l = { .id = change ? old->id : 0 };
	app_earnings_limit_from_inputs(in, &l);
	struct app_error err;
	int64_t id;
	if (!e.n && !app_earnings_limit_save(req->store, &l, req->user->id, req->now, &id, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		if (change) limit_page(req, old, &e, true);
		else limits_page(req, &e, true);
		return;
	}
	respond_redirect(req, "/admin/limits");
}
