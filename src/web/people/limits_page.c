/* My limits (app/limits.c): a person's own limits, a pause, and their
 * load this month. Only ever the asker's own. */
#include "app/app.h"
#include "core/civil_time.h"
#include "core/lang.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/people/people_ui.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

static const char *limit_text(struct request *req, int64_t v)
{
	return v < 0 ? "" : arena_printf(&req->arena, "%lld", (long long)v);
}

static void limits_page(struct request *req, const struct form_errors *e, bool saved)
{
	struct limits_view v;
	struct app_error err;
	if (!app_limits_view(req->store, req->user->id, req->now, &v, &err)) {
		respond_app_error(req, &err);
		return;
	}
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	page_begin(req, _("My limits"), e);
	if (saved)
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("Your limits have been saved."));
	html(b, "<h1 class=\"heading-l\">%t</h1><p>%t</p>", _("My limits"),
	     _("Say how much you want to take on, across all your panels. Only you see your limits. "
	       "When you reach one, or pause, stewards see only that, never why, and fair draws "
	       "leave you out."));
	html(b, "<h2 class=\"heading-m\">%t</h2><dl class=\"summary\">", _("This month so far"));
	html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Meetings"),
	     v.limits.meetings_month >= 0
	     ? arena_printf(a, _("%lld of your %lld"), (long long)v.load.meetings,
	                    (long long)v.limits.meetings_month)
	     : arena_printf(a, "%lld", (long long)v.load.meetings));
	html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Hours of meetings"),
	     v.limits.hours_month >= 0
	     ? arena_printf(a, _("%lld of your %lld"), (long long)(v.load.minutes / 60),
	                    (long long)v.limits.hours_month)
	     : arena_printf(a, "%lld", (long long)(v.load.minutes / 60)));
	html(b, "<div><dt>%t</dt><dd>%t</dd></div></dl>", _("Places in opportunities now"),
	     v.limits.opportunities_at_once >= 0
	     ? arena_printf(a, _("%lld of your %lld"), (long long)v.load.opportunities,
	                    (long long)v.limits.opportunities_at_once)
	     : arena_printf(a, "%lld", (long long)v.load.opportunities));
	if (v.paused)
		html(b, "<p><strong class=\"tag\">%t</strong></p>",
		     arena_printf(a, _("Paused until %s"), format_day(req, v.limits.paused_until)));
	else if (v.reached)
		html(b, "<p><strong class=\"tag\">%t</strong></p>", _("You have reached one of your limits."));
	unsigned signals;
	if (app_signals(req->store, req->user->id, req->now, &signals, &err) && signals) {
		html(b, "<section aria-labelledby=\"signals\"><h2 class=\"heading-m\" id=\"signals\">"
		        "%t</h2>", _("Looking after yourself"));
		signals_html(req, signals, true);
		html(b, "</section>");
	}
	ui_form_begin(req, "/my-limits");
#define VAL(name, value) (e && e->n ? (form_get(&req->form, name) ?: "") : (value))
	ui_input(req, e, "meetings_month", _("Meetings a month, at most (optional)"), NULL,
	         VAL("meetings_month", limit_text(req, v.limits.meetings_month)), "text", "off");
	ui_input(req, e, "hours_month", _("Hours of meetings a month, at most (optional)"), NULL,
	         VAL("hours_month", limit_text(req, v.limits.hours_month)), "text", "off");
	ui_input(req, e, "opportunities_at_once", _("Opportunities at once, at most (optional)"),
	         NULL, VAL("opportunities_at_once", limit_text(req, v.limits.opportunities_at_once)),
	         "text", "off");
	ui_input(req, e, "paused_until", _("Pause until (optional)"),
	         _("Not now, with no reason needed: you are left out of draws and shown as paused "
	           "until the end of that day. Leave it empty to take part again."),
	         VAL("paused_until", v.paused ? format_day(req, v.limits.paused_until) : ""), "text",
	         "off");
	static const struct field_option share[] = {
		{ "1", N_("Let the stewards of my panels see these signals (not my limits)") },
		{ 0, 0 } };
	ui_choices(req, e, "share_signals", _("Sharing"),
	           _("Signals such as \"over your own limit this month\" are shown to you first. "
	             "Share them only if you want the stewards to know."),
	           share, VAL("share_signals", v.limits.share_signals ? "1" : ""), true);
#undef VAL
	ui_button(req, _("Save my limits"), NULL);
	ui_form_end(req);
	page_end(req);
}

void my_limits_get(struct request *req)
{
	const char *saved = form_get(&req->query, "saved");
	limits_page(req, NULL, saved != NULL);
}

void my_limits_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[LIMITS_INPUTS];
	struct app_error err;
	if (form_inputs(req, limits_inputs, LIMITS_INPUTS, in, &e) &&
	    app_limits_save(req->store, req->user->id, in, req->now, &err)) {
		respond_redirect(req, "/my-limits?saved=1");
		return;
	}
	if (!e.n && !app_error_to_form(req, &err, &e)) return;
	if (!req->status || req->status == 200) req->status = 400;
	limits_page(req, &e, false);
}
