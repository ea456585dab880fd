/* Standards self-assessment (app/standards.c): a project's standards,
 * the spread of views on each by quarter, the evidence emptychair holds,
 * and a page to rate one. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

static const char *standards_path(struct request *req)
{
	return arena_printf(&req->arena, "/panels/%lld/projects/%lld/standards",
	                    (long long)req->panel->id, (long long)req->project->id);
}

/* Where the evidence for a standard is, and its words. */
static void evidence(struct request *req, enum standard_evidence ev, const char **href,
                     const char **words)
{
	struct arena *a = &req->arena;
	long long p = (long long)req->panel->id, pr = (long long)req->project->id;
	switch (ev) {
	case EV_WHO_ISNT_HERE:
		*href = arena_printf(a, "/panels/%lld/who-isnt-here", p);
		*words = _("Who isn't here?");
		return;
	case EV_SUPPORT:
		*href = arena_printf(a, "/panels/%lld/support", p);
		*words = _("Support and check-ins");
		return;
	case EV_PROJECT:
		*href = arena_printf(a, "/panels/%lld/projects/%lld", p, pr);
		*words = _("The project: its stages, the ladder and what changed");
		return;
	case EV_HOW_WE_DO:
		*href = arena_printf(a, "/panels/%lld/how-are-we-doing?project_id=%lld", p, pr);
		*words = _("How are we doing?");
		return;
	case EV_MEETINGS:
		*href = arena_printf(a, "/panels/%lld/meetings", p);
		*words = _("Meetings and their reflections");
		return;
	case EV_CONTRIBUTIONS:
		*href = arena_printf(a, "/panels/%lld/contributions", p);
		*words = _("You said, we did");
		return;
	case EV_OPPORTUNITIES:
		*href = arena_printf(a, "/panels/%lld/opportunities", p);
		*words = _("Opportunities and fair draws");
		return;
	case EV_PAY:
		*href = arena_printf(a, "/panels/%lld/pay", p);
		*words = _("Pay");
		return;
	}
	*href = "/";
	*words = "";
}

/* One standard's spread in one quarter: a table when any ratings count. */
static void spread_html(struct request *req, const struct standard_spread *x)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	if (!x->counted) {
		html(b, "<p>%t</p>",
		     arena_printf(a, ngettext("%lld has rated it; the spread is shown from 5, so that "
		                              "no rating can be picked out.",
		                              "%lld have rated it; the spread is shown from 5, so that "
		                              "no rating can be picked out.",
		                              (unsigned long)x->answers), (long long)x->answers));
		return;
	}
	html(b, "<table class=\"table\"><caption>%t</caption><thead><tr>",
	     arena_printf(a, _("%s: %lld ratings counted"), format_quarter(req, x->quarter),
	                  (long long)x->counted));
	static const char *const labels[5] = { N_("1: not yet"), "2", "3", "4", N_("5: fully") };
	for (int i = 0; i < 5; i++) html(b, "<th scope=\"col\">%t</th>", i == 0 || i == 4 ? _(labels[i]) : labels[i]);
	html(b, "</tr></thead><tbody><tr>");
	for (int i = 0; i < 5; i++) html(b, "<td>%l</td>", x->counts[i]);
	html(b, "</tr></tbody></table>");
	if (x->answers > x->counted)
		html(b, "<p class=\"hint\">%t</p>",
		     arena_printf(a, ngettext("%lld more rating will count once there are 5 more.",
		                              "%lld more ratings will count once there are 5 more.",
		                              (unsigned long)(x->answers - x->counted)),
		                  (long long)(x->answers - x->counted)));
}

void standards_get(struct request *req)
{
	struct standards_view v;
	struct app_error err;
	if (!app_standards_view(req->store, &req->actor, req->panel, req->project->id, req->user->id,
	                        req->now, &req->arena, &v, &err)) {
		respond_app_error(req, &err);
		return;
	}
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const char *title = arena_printf(a, _("Standards: %s"), v.project.title);
	page_begin(req, title, NULL);
	html(b, "<a class=\"back-link\" href=\"/panels/%l/projects/%l\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\">%t</h1>",
	     req->panel->id, v.project.id, _("Back to the project"), v.project.title,
	     _("How well are we meeting the standards?"));
	if (form_get(&req->query, "rated"))
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("Thank you: your rating is saved."));
	html(b, "<p>%t</p>",
	     _("Each co-creator and steward rates the project against each standard once a quarter, "
	       "from 1 (not yet) to 5 (fully), with a comment if they like. Nobody sees your rating. "
	       "The spread of views is shown in whole groups of five ratings, so that no rating can "
	       "be picked out, and every quarter is kept."));
	const char *framework = NULL;
	for (size_t i = 0; i < standard_count; i++) {
		const struct standard *st = &standards[i];
		if (!framework || strcmp(framework, st->framework)) {
			framework = st->framework;
			html(b, "<h2 class=\"heading-m\">%t</h2>", _(framework));
		}
		const char *href, *words;
		evidence(req, st->evidence, &href, &words);
		/* not a landmark: two frameworks share a standard's name */
		html(b, "<div class=\"practice\"><h3 class=\"heading-s\" id=\"st-%l\">%t</h3><p>%t</p>"
		        "<p>%t <a href=\"%a\">%t</a></p>",
		     (int64_t)i, _(st->title), _(st->question), _("The evidence:"), href, words);
		bool any = false;
		for (size_t k = 0; k < v.n_spreads; k++) {
			if (strcmp(v.spreads[k].standard, st->key)) continue;
			any = true;
			spread_html(req, &v.spreads[k]);
			bool first = true;
			for (size_t c = 0; c < v.n_comments; c++)
				if (!strcmp(v.comments[c].standard, st->key) &&
				    v.comments[c].quarter == v.spreads[k].quarter) {
					if (first) html(b, "<ul class=\"list\">");
					first = false;
					html(b, "<li><p class=\"quote\" dir=\"auto\">%t</p></li>", v.comments[c].text);
				}
			if (!first) html(b, "</ul>");
		}
		if (!any) html(b, "<p>%t</p>", _("Nobody has rated it yet."));
		const struct standard_rating *mine = NULL;
		for (size_t k = 0; k < v.n_mine && !mine; k++)
			if (!strcmp(v.mine[k].standard, st->key) && v.mine[k].quarter == v.quarter)
				mine = &v.mine[k];
		if (mine)
			html(b, "<p><strong>%t</strong></p>",
			     arena_printf(a, _("You rated it %lld this quarter."), (long long)mine->rating));
		else if (v.may_rate)
			html(b, "<p><a href=\"%a/rate?standard=%u\">%t</a></p>", standards_path(req),
			     st->key, arena_printf(a, _("Rate %s"), _(st->title)));
		html(b, "</div>");
	}
	page_end(req);
}

static void rate_page(struct request *req, const struct standard *st, const struct form_errors *e)
{
	struct buf *b = &req->out;
	const char *title = arena_printf(&req->arena, _("Rate %s"), _(st->title));
	page_begin(req, title, e);
	html(b, "<a class=\"back-link\" href=\"%a\">%t</a><span class=\"caption\">%t</span>"
	        "<h1 class=\"heading-l\">%t</h1><p>%t</p>",
	     standards_path(req), _("Back to the standards"), _(st->framework), _(st->title),
	     _(st->question));
	ui_form_begin(req, standards_path(req));
	html(b, "<input type=\"hidden\" name=\"standard\" value=\"%a\">", st->key);
	static const struct field_option ratings[] = {
		{ "1", N_("1: not yet") }, { "2", "2" }, { "3", "3" }, { "4", "4" },
		{ "5", N_("5: fully") }, { 0, 0 } };
	ui_choices(req, e, "rating", _("How well does the project meet it?"), NULL, ratings,
	           e && e->n ? form_get(&req->form, "rating") : NULL, false);
	ui_textarea(req, e, "comment", _("Why? (optional)"),
	            _("What you have seen, and what would help. Shown without your name."),
	            e && e->n ? (form_get(&req->form, "comment") ?: "") : "");
	ui_button(req, _("Save my rating"), NULL);
	ui_form_end(req);
	page_end(req);
}

void standard_rate_get(struct request *req)
{
	const struct standard *st = standard_find(form_get(&req->query, "standard"));
	if (!st) {
		respond_error(req, 404, "not_found", _("There is no such standard."));
		return;
	}
	rate_page(req, st, NULL);
}

void standard_rate_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[STD_INPUTS];
	struct app_error err;
	const struct standard *st = standard_find(form_get(&req->form, "standard"));
	if (!st) {
		respond_error_field(req, 400, "invalid", "standard", _("Choose a standard."));
		return;
	}
	bool ok = form_inputs(req, standard_inputs, STD_INPUTS, in, &e);
	if (ok && !(ok = app_standard_rate(req->store, &req->actor, req->panel, req->project->id,
	                                   req->user->id, in, req->now, &req->arena, &err))) {
		if (!app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (!req->status || req->status < 400) req->status = 400;
		rate_page(req, st, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s?rated=1", standards_path(req)));
}
