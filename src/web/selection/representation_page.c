/* "Who isn't here?": the panel's report, a meeting's, the panel's groups
 * and targets, and which group counts me (app/representation.c). */
#include <string.h>

#include "core/civil_time.h"
#include "core/lang.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/selection/selection_ui.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

static const char *panel_path(struct request *req, const char *rest)
{
	return arena_printf(&req->arena, "/panels/%lld%s", (long long)req->panel->id, rest);
}

/* Publishes what changed, then reads the report; false, having answered,
 * on failure. */
static bool load_report(struct request *req, int64_t meeting_id, bool trend,
                        struct rep_report *r)
{
	struct app_error err;
	if (!app_rep_refresh(req->store, req->panel->id, req->cfg->figures_every, req->now, &err) ||
	    !app_rep_report(req->store, req->panel->id, meeting_id, NULL, trend, &req->arena, r,
	                    &err)) {
		respond_app_error(req, &err);
		return false;
	}
	return true;
}

static void how_counted(struct request *req)
{
	html(&req->out, "<details class=\"details\"><summary>%t</summary><div><p>%t</p><p>%t</p>"
	                "<p>%t</p></div></details>",
	     _("How these figures are made"),
	     _("They count the co-creators and stewards on the panel now, by what each has said "
	       "about themselves on their profile, and only where they agreed to its use. Nobody "
	       "can see another person's answers here."),
	     _("A group of fewer than 5 people is never shown, and neither is a figure that, set "
	       "against the others or against earlier ones, would let someone work out a group of "
	       "fewer than 5. Those figures say \"fewer than 5, or held back\"."),
	     _("So the figures are published again only when that is safe: after one person joins "
	       "or answers, they may wait until a few more have."));
}

void rep_report_get(struct request *req)
{
	struct rep_report r;
	if (!load_report(req, 0, true, &r)) return;
	struct buf *b = &req->out;
	page_begin(req, _("Who isn't here?"), NULL);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1><p class=\"lead\">"
	        "%t</p>",
	     req->panel->name, _("Who isn't here?"),
	     _("Who the panel has, against the people it is for and the targets it has set itself."));
	how_counted(req);
	html(b, "<ul class=\"actions\"><li><a href=\"%a\">%t</a></li>",
	     panel_path(req, "/who-isnt-here/me"), _("How this panel counts me"));
	if (policy_allows(&req->actor, PA_MANAGE_TARGETS))
		html(b, "<li><a href=\"%a\">%t</a></li>", panel_path(req, "/targets"),
		     _("Set the panel's groups and targets"));
	html(b, "</ul>");
	rep_empty_chairs_html(req, &r, REP_SCOPE_PANEL, "#figures");
	html(b, "<div id=\"figures\">");
	for (size_t i = 0; i < r.n; i++) {
		rep_section_html(req, &r.sections[i], &r.sections[i].scope, NULL, 2,
		                 _(rep_name(r.sections[i].field)), _("People"));
		rep_trend_html(req, &r.sections[i], 3);
	}
	html(b, "</div>");
	page_end(req);
}

void rep_meeting_get(struct request *req)
{
	struct rep_report r;
	if (!load_report(req, req->meeting->id, false, &r)) return;
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	/* TRANSLATORS: a page's title; %s is a meeting's title */
	page_begin(req, arena_printf(a, _("Who came: %s"), req->meeting->title), NULL);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%r</h1>",
	     req->panel->name, html_piece(a, "%t <bdi>%t</bdi>", _("Who came:"), req->meeting->title));
	html(b, "<p class=\"lead\">%t</p>",
	     _("Who came to this meeting, against the panel as a whole and its targets. A target "
	       "in people is the panel's, so only targets in percent are checked here."));
	how_counted(req);
	rep_empty_chairs_html(req, &r, REP_SCOPE_MEETING, "#figures");
	html(b, "<div id=\"figures\">");
	for (size_t i = 0; i < r.n; i++)
		rep_section_html(req, &r.sections[i], &r.sections[i].meeting, &r.sections[i].scope, 2,
		                 _(rep_name(r.sections[i].field)), _("Came"));
	html(b, "</div><p><a href=\"%a\">%t</a></p>",
	     panel_path(req, arena_printf(a, "/meetings/%lld", (long long)req->meeting->id)),
	     _("Back to the meeting"));
	page_end(req);
}

/* ---- groups and targets ---- */

static const struct rep_group *group_for(const struct rep_group *g, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (g[i].id == id) return &g[i];
	return NULL;
}

static const char *group_name(struct request *req, const struct rep_group *g)
{
	const struct profile_field *f = rep_characteristic_find(g->characteristic);
	if (*g->answer && f) {
		const char *l = profile_option_label(f, g->answer);
		return l ? _(l) : g->answer;
	}
	return g->label;
}

void rep_targets_get(struct request *req)
{
	struct rep_group *g;
	size_t n;
	if (store_rep_groups(req->store, req->panel->id, &req->arena, &g, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the panel's targets."));
		return;
	}
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	page_begin(req, _("Groups and targets"), NULL);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1><p>%t</p>",
	     req->panel->name, _("Groups and targets"),
	     _("Say which groups the panel wants to hear from, and how many of them it aims to have: "
	       "a number of people or a share of the panel. You can add the group's share in the "
	       "population the panel is for, with where that figure comes from."));
	const struct profile_field *f;
	for (int c = 0; (f = rep_characteristic(c)); c++) {
		html(b, "<h2 class=\"heading-m\">%t</h2>", _(rep_name(f)));
		if (rep_self_described(f))
			html(b, "<p class=\"hint\">%t</p>",
			     _("Members describe this in their own words, then choose which of these groups "
			       "counts them."));
		size_t shown = 0;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(g[i].characteristic, f->key)) continue;
			if (!shown++)
				html(b, "<table class=\"table\"><thead><tr><th scope=\"col\">%t</th>"
				        "<th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
				        "<th scope=\"col\"><span class=\"visually-hidden\">%t</span></th>"
				        "</tr></thead><tbody>",
				     _("Group"), _("Target"), _("Share in the population"), _("Change"));
			const char *name = group_name(req, &g[i]);
			html(b, "<tr><th scope=\"row\"><bdi>%t</bdi></th><td>%t</td><td>%t</td>"
			        "<td><a href=\"%a\">%r</a></td></tr>",
			     name, rep_target_text(req, &g[i].target), rep_reference_text(req, &g[i]),
			     panel_path(req, arena_printf(a, "/targets/%lld", (long long)g[i].id)),
			     html_piece(a, "%t<span class=\"visually-hidden\"> <bdi>%t</bdi></span>",
			                _("Change"), name));
		}
		if (shown) html(b, "</tbody></table>");
		else html(b, "<p>%t</p>", _("No groups or targets yet."));
		html(b, "<p><a href=\"%a\">%t</a></p>",
		     panel_path(req, arena_printf(a, "/targets/new?characteristic=%s", f->key)),
		     rep_self_described(f) ? arena_printf(a, _("Add a group for %s"), _(rep_name(f)))
		                           : arena_printf(a, _("Add a target for %s"), _(rep_name(f))));
	}
	html(b, "<p><a href=\"%a\">%t</a></p>", panel_path(req, "/who-isnt-here"),
	     _("See who isn't here"));
	page_end(req);
}

static const char *typed(struct request *req, const char *name, const char *value, bool use_form)
{
	if (!use_form) return value;
	const char *v = form_get(&req->form, name);
	return v ? v : "";
}

static const char *number_or_empty(struct request *req, int64_t v)
{
	return v < 0 ? "" : arena_printf(&req->arena, "%lld", (long long)v);
}

static void target_form(struct request *req, const struct rep_group *g,
                        const struct form_errors *e, bool use_form)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const struct profile_field *f = rep_characteristic_find(g->characteristic);
	const char *title = g->id ? _("Change a group's target") : _("Add a group or target");
	page_begin(req, title, e);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1>",
	     req->panel->name, title);
	ui_form_begin(req, g->id ? panel_path(req, arena_printf(a, "/targets/%lld", (long long)g->id))
	                         : panel_path(req, "/targets"));
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">"
	        "<input type=\"hidden\" name=\"characteristic\" value=\"%a\">",
	     g->version, f->key);
	html(b, "<p><strong>%t</strong></p>", _(rep_name(f)));
	if (rep_self_described(f)) {
		if (g->id && *g->answer)
			html(b, "<input type=\"hidden\" name=\"answer\" value=\"%a\"><p>%t</p>", g->answer,
			     _("Prefer not to say"));
		else if (!g->id && !strcmp(typed(req, "answer", g->answer, use_form), PROFILE_PREFER_NOT))
			html(b, "<input type=\"hidden\" name=\"answer\" value=\"%a\"><p>%t</p>",
			     PROFILE_PREFER_NOT, _("Prefer not to say"));
		else
			ui_input(req, e, "label", _("Name of the group"),
			         _("In words members will recognise, for example \"Women\" or \"Black, "
			           "Black British, Caribbean or African\"."),
			         typed(req, "label", g->label, use_form), "text", "off");
	} else if (g->id) {
		html(b, "<input type=\"hidden\" name=\"answer\" value=\"%a\"><p>%t</p>", g->answer,
		     group_name(req, g));
	} else {
		ui_select(req, e, "answer", _("Answer"), f->options,
		          typed(req, "answer", g->answer, use_form));
	}
	static const struct field_option units[] = {
		{ "people", N_("A number of people") }, { "percent", N_("A share of the panel, in percent") },
		{ 0, 0 } };
	ui_choices(req, e, "unit", _("The target is"), NULL, units,
	           typed(req, "unit", rep_unit_key(g->target.unit), use_form), false);
	ui_input(req, e, "min", _("At least"), _("Leave empty for no lower limit."),
	         typed(req, "min", number_or_empty(req, g->target.min), use_form), "text", "off");
	ui_input(req, e, "max", _("At most"), _("Leave empty for no upper limit."),
	         typed(req, "max", number_or_empty(req, g->target.max), use_form), "text", "off");
	ui_input(req, e, "reference_share", _("Share in the population (optional)"),
	         _("In percent, like 17.8. For example from a census table for your area."),
	         typed(req, "reference_share",
	               g->reference_permille < 0 ? ""
	               : arena_printf(a, "%lld.%lld", (long long)(g->reference_permille / 10),
	                              (long long)(g->reference_permille % 10)),
	               use_form),
	         "text", "off");
	ui_input(req, e, "reference_source", _("Where the share comes from (optional)"),
	         _("For example: Census 2021, table TS021, Leeds."),
	         typed(req, "reference_source", g->reference_source, use_form), "text", "off");
	ui_input(req, e, "reference_date", _("Date of that figure (optional)"),
	         _("For example 21/3/2021."),
	         typed(req, "reference_date", g->reference_day ? format_day(req, g->reference_day) : "",
	               use_form),
	         "text", "off");
	ui_button(req, _("Save"), NULL);
	ui_form_end(req);
	if (g->id) {
		ui_form_begin(req, panel_path(req, arena_printf(a, "/targets/%lld/remove",
		                                               (long long)g->id)));
		ui_button(req, _("Remove this group and its target"), "warning");
		ui_form_end(req);
	}
	html(b, "<p><a href=\"%a\">%t</a></p>", panel_path(req, "/targets"),
	     _("Back to groups and targets"));
	page_end(req);
}

void rep_target_new_get(struct request *req)
{
	const char *c = form_get(&req->query, "characteristic");
	if (!rep_characteristic_is(c)) {
		respond_error(req, 404, "not_found", _("Choose what the group is about."));
		return;
	}
	const char *answer = form_get(&req->query, "answer");
	struct rep_group g = { .panel_id = req->panel->id, .characteristic = c,
	                       .answer = answer && !strcmp(answer, PROFILE_PREFER_NOT) ? answer : "",
	                       .label = "", .target = { REP_PEOPLE, -1, -1 },
	                       .reference_permille = -1, .reference_source = "" };
	target_form(req, &g, NULL, false);
}

/* Reads the form into g (kept as typed for the form again) and saves it. */
static void save_target(struct request *req, struct rep_group *g)
{
	struct form_errors e = { 0 };
	struct input_value in[TARGET_INPUTS];
	struct app_error err;
	form_inputs(req, target_inputs, TARGET_INPUTS, in, &e);
	if (!e.n && !app_rep_group_from_inputs(in, g, &err) && !app_error_to_form(req, &err, &e))
		return;
	int64_t id;
	if (!e.n && !app_rep_group_save(req->store, g, req->now, &id, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		if (!rep_characteristic_is(g->characteristic)) {
			respond_error(req, 400, "invalid", e.items[0].message);
			return;
		}
		target_form(req, g, &e, true);
		return;
	}
	respond_redirect(req, panel_path(req, "/targets"));
}

void rep_target_create_post(struct request *req)
{
	struct rep_group g = { .panel_id = req->panel->id, .characteristic = "", .answer = "",
	                       .label = "", .target = { REP_PEOPLE, -1, -1 },
	                       .reference_permille = -1, .reference_source = "" };
	const char *c = form_get(&req->form, "characteristic");
	if (rep_characteristic_is(c)) g.characteristic = c;
	save_target(req, &g);
}

static bool load_group(struct request *req, struct rep_group *out)
{
	struct rep_group *g;
	size_t n;
	if (store_rep_groups(req->store, req->panel->id, &req->arena, &g, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the panel's targets."));
		return false;
	}
	const struct rep_group *mine = group_for(g, n, req->params[1]);
	if (!mine) {
		respond_error(req, 404, "not_found", _("There is no such group on this panel."));
		return false;
	}
	*out = *mine;
	return true;
}

void rep_target_get(struct request *req)
{
	struct rep_group g;
	if (load_group(req, &g)) target_form(req, &g, NULL, false);
}

void rep_target_post(struct request *req)
{
	struct rep_group g;
	if (load_group(req, &g)) save_target(req, &g);
}

void rep_target_remove_post(struct request *req)
{
	struct app_error err;
	if (!app_rep_group_delete(req->store, req->panel->id, req->params[1], &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, panel_path(req, "/targets"));
}

/* ---- which group counts me ---- */

static void mine_page(struct request *req, const struct form_errors *e)
{
	struct rep_group *g;
	struct rep_choice *ch;
	size_t ng, nc;
	if (store_rep_groups(req->store, req->panel->id, &req->arena, &g, &ng) != ST_OK ||
	    store_rep_choices(req->store, req->panel->id, req->user->id, &req->arena, &ch, &nc) !=
	            ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the panel's groups."));
		return;
	}
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	page_begin(req, _("How this panel counts me"), e);
	html(b, "<p class=\"caption\"><bdi>%t</bdi></p><h1 class=\"heading-l\">%t</h1><p>%t</p>",
	     req->panel->name, _("How this panel counts me"),
	     _("You describe your gender, ethnicity and area in your own words on your profile. "
	       "For this panel's figures, you can choose which of its groups counts you, or none. "
	       "Only you see your choice; the panel sees only numbers of 5 or more."));
	html_sentence(b, _("Your age and whether you are disabled are counted as you answered them "
	                   "on %s, if you agreed to their use."),
	              1, html_link(a, "/profile", _("your profile")));
	const struct profile_field *f;
	int forms = 0;
	for (int c = 0; (f = rep_characteristic(c)); c++) {
		if (!rep_self_described(f)) continue;
		size_t n = 0;
		for (size_t i = 0; i < ng; i++) n += !strcmp(g[i].characteristic, f->key) && !*g[i].answer;
		if (!n) continue;
		struct field_option *opts = arena_alloc(a, (n + 2) * sizeof *opts);
		size_t k = 0;
		for (size_t i = 0; i < ng; i++)
			if (!strcmp(g[i].characteristic, f->key) && !*g[i].answer)
				opts[k++] = (struct field_option){ arena_printf(a, "%lld", (long long)g[i].id),
				                                   option_theirs(a, g[i].label) };
		opts[k++] = (struct field_option){ "0", N_("None of these") };
		opts[k] = (struct field_option){ 0, 0 };
		const char *chosen = "0";
		for (size_t i = 0; i < nc; i++)
			if (!strcmp(ch[i].characteristic, f->key))
				chosen = arena_printf(a, "%lld", (long long)ch[i].group_id);
		ui_form_begin(req, panel_path(req, "/who-isnt-here/me"));
		html(b, "<input type=\"hidden\" name=\"characteristic\" value=\"%a\">", f->key);
		ui_choices(req, e, "group_id", _(rep_name(f)), NULL, opts, chosen, false);
		ui_button(req, arena_printf(a, _("Save my choice for %s"), _(rep_name(f))), NULL);
		ui_form_end(req);
		forms++;
	}
	if (!forms) html(b, "<p>%t</p>", _("This panel has no groups to choose from yet."));
	html(b, "<p><a href=\"%a\">%t</a></p>", panel_path(req, "/who-isnt-here"),
	     _("See who isn't here"));
	page_end(req);
}

void rep_mine_get(struct request *req)
{
	mine_page(req, NULL);
}

void rep_mine_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[REP_CHOICE_INPUTS];
	struct app_error err;
	if (form_inputs(req, rep_choice_inputs, REP_CHOICE_INPUTS, in, &e) &&
	    app_rep_choice_set(req->store, req->panel->id, req->user->id,
	                       in[REP_CHOICE_CHARACTERISTIC].text, in[REP_CHOICE_GROUP].number,
	                       req->now, &err)) {
		respond_redirect(req, panel_path(req, "/who-isnt-here/me"));
		return;
	}
	if (!e.n && !app_error_to_form(req, &err, &e)) return;
	if (!req->status || req->status == 200) req->status = 400;
	mine_page(req, &e);
}
