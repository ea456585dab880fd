/* Opportunities and fair draws (app/opportunities.c): the list, posting
 * one, an opportunity's page (coming forward, one's own chance and
 * result, the draw and its record), and the forms that change them. */
#include <string.h>

#include "core/civil_time.h"
#include "core/lang.h"
#include "core/pay.h"
#include "core/representation.h"
#include "core/select.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/selection/selection_ui.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

static const char *opp_path(struct request *req, int64_t id, const char *rest)
{
	return arena_printf(&req->arena, "/panels/%lld/opportunities/%lld%s",
	                    (long long)req->panel->id, (long long)id, rest);
}

/* ---- the list ---- */

void opps_get(struct request *req)
{
	struct opportunity *o;
	size_t n;
	if (store_opportunities(req->store, req->panel->id, &req->arena, &o, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the opportunities."));
		return;
	}
	struct buf *b = &req->out;
	page_begin(req, _("Opportunities"), NULL);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1><p>%t</p>",
	     req->panel->name, _("Opportunities"),
	     _("Paid places the panel fills by a fair draw among those who come forward, so that it "
	       "is not always the same few people."));
	if (policy_allows(&req->actor, PA_MANAGE_OPPORTUNITIES))
		html(b, "<p><a class=\"button\" href=\"/panels/%l/opportunities/new\">%t</a></p>",
		     req->panel->id, _("Post an opportunity"));
	if (!n) html(b, "<p>%t</p>", _("No opportunities yet."));
	else html(b, "<ul class=\"cards\">");
	for (size_t i = 0; i < n; i++) {
		html(b, "<li class=\"card\"><h2 class=\"heading-s\"><a href=\"%a\"><bdi>%t</bdi></a></h2>"
		        "<p>%t</p></li>",
		     opp_path(req, o[i].id, ""), o[i].title, opportunity_state_text(req, &o[i]));
	}
	if (n) html(b, "</ul>");
	page_end(req);
}

/* ---- posting ---- */

static void new_form(struct request *req, const struct form_errors *e, bool typed)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	page_begin(req, _("Post an opportunity"), e);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1>",
	     req->panel->name, _("Post an opportunity"));
	ui_form_begin(req, arena_printf(a, "/panels/%lld/opportunities", (long long)req->panel->id));
#define VAL(name, value) (typed ? (form_get(&req->form, name) ?: "") : (value))
	ui_input(req, e, "title", _("What is it?"),
	         _("For example: a place on the interview panel for the new service manager."),
	         VAL("title", ""), "text", "off");
	ui_textarea(req, e, "asks", _("What it asks of people"),
	            _("What they would do, how long it takes, any preparation."), VAL("asks", ""));
	ui_input(req, e, "place", _("Where (optional)"), NULL, VAL("place", ""), "text", "off");
	ui_input(req, e, "starts_on", _("When (optional)"), _("The day, for example 14/1/2027."),
	         VAL("starts_on", ""), "text", "off");
	ui_input(req, e, "places", _("How many places?"), NULL, VAL("places", "1"), "text", "off");
	static const struct field_option units[] = {
		{ "", N_("Not paid") }, { "hour", N_("By the hour") }, { "half_day", N_("By the half-day") },
		{ "day", N_("By the day") }, { 0, 0 } };
	ui_choices(req, e, "pay_unit", _("Pay"), _("At the panel's rates in its pay policy."), units,
	           VAL("pay_unit", ""), false);
	ui_input(req, e, "pay_quantity", _("How many hours, half-days or days"), NULL,
	         VAL("pay_quantity", ""), "text", "off");
	ui_input(req, e, "closes_on", _("Last day to come forward"),
	         _("It closes at the end of that day; then the draw can be made."),
	         VAL("closes_on", ""), "text", "off");
	struct field_option *chars = arena_alloc(a, 8 * sizeof *chars);
	size_t k = 0;
	const struct profile_field *f;
	for (int c = 0; (f = rep_characteristic(c)) && k < 7; c++)
		chars[k++] = (struct field_option){ f->key, rep_name(f) };
	chars[k] = (struct field_option){ 0, 0 };
	const char *picked = typed ? (form_get_all(&req->form, "characteristics", a) ?: "") : "";
	ui_choices(req, e, "characteristics", _("Which of the panel's targets does the draw keep?"),
	           _("Only targets set as a share of the panel count, scaled to the places."), chars,
	           picked, true);
	ui_input(req, e, "rotation", _("Turns (optional)"),
	         _("Give priority to people not given a place in the panel's last so many "
	           "opportunities. 0 for none."),
	         VAL("rotation", "0"), "text", "off");
#undef VAL
	ui_button(req, _("Post it"), NULL);
	ui_form_end(req);
	page_end(req);
}

void opp_new_get(struct request *req)
{
	new_form(req, NULL, false);
}

void opp_new_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[OPP_INPUTS];
	struct app_error err;
	int64_t id;
	form_inputs(req, opportunity_inputs, OPP_INPUTS, in, &e);
	if (!e.n && app_opportunity_create(req->store, req->panel, req->user->id, in, req->now, &id,
	                                   &err)) {
		respond_redirect(req, opp_path(req, id, ""));
		return;
	}
	if (!e.n && !app_error_to_form(req, &err, &e)) return;
	if (!req->status || req->status == 200) req->status = 400;
	new_form(req, &e, true);
}

/* ---- an opportunity's page ---- */

static void details(struct request *req, const struct opportunity *o)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<dl class=\"summary\">");
	html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Places"),
	     arena_printf(a, "%d", o->places));
	if (o->starts_at)
		html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("When"),
		     format_day(req, civil_day_at(o->starts_at, req->panel->time_zone)));
	if (*o->place) html(b, "<div><dt>%t</dt><dd dir=\"auto\">%t</dd></div>", _("Where"), o->place);
	html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Pay"), opportunity_pay_text(req, o));
	html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Closes"),
	     format_time(req, o->closes_at, req->panel->time_zone));
	html(b, "<div><dt>%t</dt><dd>%t</dd></div></dl>", _("Targets the draw keeps"),
	     opportunity_targets_text(req, o));
	if (*o->asks) html(b, "<h2 class=\"heading-m\">%t</h2><p dir=\"auto\" class=\"prewrap\">%t</p>",
	                   _("What it asks of people"), o->asks);
}

/* Who came forward, and who was given a place, against the targets the
 * draw keeps (figures published by the rule, as "who isn't here?"). */
static void who_came_forward_html(struct request *req, const struct opportunity *o)
{
	struct buf *b = &req->out;
	struct rep_report r;
	struct app_error err;
	if (!app_rep_refresh(req->store, req->panel->id, req->cfg->figures_every, req->now, &err) ||
	    !app_rep_report(req->store, req->panel->id, 0, o, false, &req->arena, &r, &err))
		return;
	html(b, "<section aria-labelledby=\"who\"><h2 class=\"heading-m\" id=\"who\">%t</h2>",
	     _("Who came forward, against the targets"));
	if (!*o->characteristics) {
		html(b, "<p>%t</p></section>", _("This draw keeps none of the panel's targets."));
		return;
	}
	if (!o->interested && !o->holding) {
		html(b, "<p>%t</p></section>", _("Nobody has come forward yet."));
		return;
	}
	/* a draw keeps its targets: the chairs are those of who came forward */
	if (!o->drawn) rep_empty_chairs_html(req, &r, REP_SCOPE_INTERESTED, "#who");
	for (size_t i = 0; i < r.n; i++) {
		const struct rep_section *sec = &r.sections[i];
		if (!profile_multi_has(o->characteristics, sec->field->key)) continue;
		/* TRANSLATORS: %s is a characteristic ("Age") */
		rep_section_html(req, sec, &sec->interested, &sec->scope, 3,
		                 arena_printf(&req->arena, _("%s: who came forward"), _(rep_name(sec->field))),
		                 _("Came forward"));
		if (o->drawn)
			/* TRANSLATORS: %s is a characteristic ("Age") */
			rep_section_html(req, sec, &sec->chosen, &sec->scope, 3,
			                 arena_printf(&req->arena, _("%s: who was given a place"),
			                              _(rep_name(sec->field))),
			                 _("Given a place"));
	}
	html(b, "</section>");
}

/* The page, with e's problems beside the fields of its forms (NULL: none). */
static void opp_page(struct request *req, const struct opportunity *o_in,
                     const struct form_errors *e)
{
	struct opportunity o = *o_in;
	struct opportunity_view v;
	if (!load_opportunity_view(req, &o, &v)) return;
	struct buf *b = &req->out;
	page_begin(req, o.title, e);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\"><bdi>%t</bdi></h1>"
	        "<p class=\"lead\">%t</p>",
	     req->panel->name, o.title, opportunity_state_text(req, &o));
	details(req, &o);
	my_part_html(req, &o, &v, e);
	holders_html(req, &o, &v);
	who_came_forward_html(req, &o);
	if (policy_allows(&req->actor, PA_MANAGE_OPPORTUNITIES)) manage_html(req, &o, &v, e);
	draws_html(req, &o, &v);
	html(b, "<p><a href=\"/panels/%l/opportunities\">%t</a></p>", req->panel->id,
	     _("All opportunities"));
	page_end(req);
}

void opp_get(struct request *req)
{
	struct opportunity o;
	if (load_opportunity(req, &o)) opp_page(req, &o, NULL);
}

/* The page again, with what was typed and what was wrong with it. */
static void again(struct request *req, const struct opportunity *o, struct form_errors *e)
{
	if (!req->status || req->status == 200) req->status = 400;
	opp_page(req, o, e);
}

/* ---- the forms ---- */

static void back(struct request *req, const struct opportunity *o)
{
	respond_redirect(req, opp_path(req, o->id, ""));
}

void opp_interest_post(struct request *req)
{
	struct opportunity o;
	if (!load_opportunity(req, &o)) return;
	struct form_errors e = { 0 };
	struct input_value in[INTEREST_INPUTS];
	struct app_error err;
	if (!form_inputs(req, interest_inputs, INTEREST_INPUTS, in, &e)) {
		again(req, &o, &e);
		return;
	}
	if (!app_interest(req->store, &o, req->user->id, in[INTEREST_NOTE].text, req->now, &err)) {
		if (app_error_to_form(req, &err, &e)) again(req, &o, &e);
		return;
	}
	back(req, &o);
}

void opp_withdraw_post(struct request *req)
{
	struct opportunity o;
	struct app_error err;
	if (!load_opportunity(req, &o)) return;
	if (!app_interest_withdraw(req->store, &o, req->user->id, req->now, &err)) {
		respond_app_error(req, &err);
		return;
	}
	back(req, &o);
}

void opp_close_post(struct request *req)
{
	struct opportunity o;
	struct app_error err;
	if (!load_opportunity(req, &o)) return;
	if (!app_opportunity_close(req->store, &o, &req->actor, req->user->id, req->now, &err)) {
		respond_app_error(req, &err);
		return;
	}
	back(req, &o);
}

void opp_draw_post(struct request *req)
{
	struct opportunity o;
	struct app_error err;
	int64_t id;
	if (!load_opportunity(req, &o)) return;
	if (!app_draw_prepare(req->store, req->panel, &o, &req->actor, req->user->id, req->now,
	                      &req->arena, &id, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, opp_path(req, o.id, "#draw"));
}

void opp_number_post(struct request *req)
{
	struct opportunity o;
	struct draw d;
	if (!load_opportunity(req, &o) || !load_draw(req, &o, &d)) return;
	struct form_errors e = { 0 };
	struct input_value in[NUMBER_INPUTS];
	struct app_error err;
	int number;
	if (!form_inputs(req, number_inputs, NUMBER_INPUTS, in, &e)) {
		again(req, &o, &e);
		return;
	}
	if (!app_draw_number(req->store, &o, &d, (int)in[NUMBER_FIRST].number,
	                     in[NUMBER_SECOND].given ? (int)in[NUMBER_SECOND].number : -1,
	                     in[NUMBER_NOTE].text, &req->actor, req->user->id, req->now, &req->arena,
	                     &number, &err)) {
		if (app_error_to_form(req, &err, &e)) again(req, &o, &e);
		return;
	}
	respond_redirect(req, opp_path(req, o.id, "#draw"));
}

void opp_check_post(struct request *req)
{
	struct opportunity o;
	struct draw d;
	if (!load_opportunity(req, &o) || !load_draw(req, &o, &d)) return;
	bool same = false;
	bool ran = app_draw_check(&d, &req->arena, &same);
	struct buf *b = &req->out;
	page_begin(req, _("Checking the draw"), NULL);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1>",
	     req->panel->name, _("Checking the draw"));
	if (!ran)
		html(b, "<p>%t</p>", _("This draw could not be run again."));
	else if (same)
		html(b, "<p class=\"notice\">%t</p><p>%t <code>%t</code></p>",
		     _("Run again from its record, the draw gives the same 1,000 groups."),
		     _("Their fingerprint:"), d.lottery_sha256);
	else
		html(b, "<p class=\"notice error\">%t</p>",
		     _("Run again from its record, the draw gives different groups. Tell the "
		       "stewards and whoever runs this server."));
	html(b, "<p><a href=\"%a\">%t</a></p>", opp_path(req, o.id, "#draw"), _("Back"));
	page_end(req);
}

void opp_give_up_post(struct request *req)
{
	struct opportunity o;
	if (!load_opportunity(req, &o)) return;
	struct form_errors e = { 0 };
	struct input_value in[DROP_INPUTS];
	struct app_error err;
	if (!form_inputs(req, drop_inputs, DROP_INPUTS, in, &e)) {
		respond_error_field(req, 400, "invalid", e.items[0].field, e.items[0].message);
		return;
	}
	int64_t who = in[DROP_USER].given ? in[DROP_USER].number : req->user->id;
	if (who != req->user->id && !policy_may_give_up_for(&req->actor)) {
		respond_error(req, 403, "forbidden", _("Only you can give up your place."));
		return;
	}
	if (!app_place_drop(req->store, &o, who, req->now, &err)) {
		respond_app_error(req, &err);
		return;
	}
	back(req, &o);
}
