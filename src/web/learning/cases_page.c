/* Case studies (app/case_studies.c): the public library (search, filters,
 * a case study as anyone reads it) and the panel's own pages (writing one
 * up, asking people whether they may be named, their answer, publishing). */
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/lang.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/learning/cases_ui.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

static const char *panel_cases_path(struct request *req)
{
	return arena_printf(&req->arena, "/panels/%lld/case-studies", (long long)req->panel->id);
}

static const char *case_path(struct request *req, int64_t id)
{
	return arena_printf(&req->arena, "/panels/%lld/case-studies/%lld",
	                    (long long)req->panel->id, (long long)id);
}

/* Options of a vocabulary, "Any" first when any is given. */
static struct field_option *tag_options(struct request *req, const struct case_tag *t, size_t n,
                                        const char *any)
{
	struct field_option *o = arena_alloc(&req->arena, (n + 2) * sizeof *o);
	size_t k = 0;
	if (any) o[k++] = (struct field_option){ "", any };
	for (size_t i = 0; i < n; i++) o[k++] = (struct field_option){ t[i].key, t[i].label };
	o[k] = (struct field_option){ 0, 0 };
	return o;
}

static const struct field_option rung_options[] = {
	{ "", N_("Any rung") }, { "1", N_("1: Coercion") }, { "2", N_("2: Educating") },
	{ "3", N_("3: Informing") }, { "4", N_("4: Consultation") }, { "5", N_("5: Engagement") },
	{ "6", N_("6: Co-design") }, { "7", N_("7: Co-production") }, { 0, 0 } };

/* ---- the public library ---- */

static void library_page(struct request *req, const struct form_errors *e,
                         const struct case_study *list, size_t n, bool searched)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	page_begin(req, _("Case studies"), e);
	html(b, "<h1 class=\"heading-l\">%t</h1><p>%t</p>", _("Case studies"),
	     _("How panels have worked with people with lived experience: what they set out to do, "
	       "how people took part, what changed and what they learnt. Anyone may read them."));
	html(b, "<form method=\"get\" action=\"/case-studies\" class=\"form\" role=\"search\">");
	ui_input(req, e, "q", _("Search"),
	         _("Words in any order, or \"words in quotes\" side by side."),
	         form_get(&req->query, "q"), "search", "off");
	ui_select(req, e, "issue", _("Issue"),
	          tag_options(req, case_issues, case_issue_count, N_("Any issue")),
	          form_get(&req->query, "issue"));
	ui_select(req, e, "approach", _("Approach"),
	          tag_options(req, case_approaches, case_approach_count, N_("Any approach")),
	          form_get(&req->query, "approach"));
	ui_select(req, e, "rung", _("Rung of the ladder"), rung_options,
	          form_get(&req->query, "rung"));
	ui_button(req, _("Search"), NULL);
	html(b, "</form>");
	if (!n) {
		html(b, "<p>%t</p>", searched ? _("No case study matches. Try fewer words, or another "
		                                  "filter.")
		                              : _("No case studies have been published yet."));
	} else {
		html(b, "<p role=\"status\">%t</p><ul class=\"list case-list\">",
		     arena_printf(a, ngettext("%zu case study", "%zu case studies", (unsigned long)n), n));
		for (size_t i = 0; i < n; i++) {
			const struct case_study *c = &list[i];
			html(b, "<li class=\"card\"><h2 class=\"heading-s\"><a href=\"/case-studies/%l\">"
			        "<bdi>%t</bdi></a></h2><p dir=\"auto\">%t</p><p class=\"hint\">%r</p></li>",
			     c->id, c->title, c->brief, case_source_line(req, c));
		}
		html(b, "</ul>");
	}
	html(b, "<p><a href=\"/api/v1/case-studies\">%t</a></p>", _("The library as JSON"));
	page_end(req);
}

void library_get(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[CASE_SEARCH_INPUTS];
	struct case_study *list = NULL;
	size_t n = 0;
	struct app_error err;
	if (!query_inputs(req, case_search_inputs, CASE_SEARCH_INPUTS, in, &e)) {
		req->status = 400;
		library_page(req, &e, NULL, 0, true);
		return;
	}
	if (!app_cases_search(req->store, in, &req->arena, &list, &n, &err)) {
		respond_app_error(req, &err);
		return;
	}
	bool searched = false;
	for (int k = 0; k < CASE_SEARCH_INPUTS; k++) searched = searched || in[k].given;
	library_page(req, NULL, list, n, searched);
}

void library_case_get(struct request *req)
{
	struct case_view v;
	struct app_error err;
	if (!app_case_view(req->store, NULL, NULL, req->params[0], 0, &req->arena, &v, &err)) {
		respond_app_error(req, &err);
		return;
	}
	page_begin(req, v.c.title, NULL);
	html(&req->out, "<a class=\"back-link\" href=\"/case-studies\">%t</a>",
	     _("Back to the case studies"));
	case_html(req, &v);
	page_end(req);
}

/* ---- the panel's ---- */

static void cases_page(struct request *req, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct case_study *list;
	size_t n;
	struct app_error err;
	if (!app_cases_of_panel(req->store, req->panel, a, &list, &n, &err)) {
		respond_app_error(req, &err);
		return;
	}
	page_begin(req, _("Case studies"), e);
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\">%t</h1><p>%t</p>",
	     req->panel->id, _("Back to the panel"), req->panel->name, _("Case studies"),
	     _("Write up a project so that others can learn from it. Drafts are the panel's; a "
	       "steward publishes one to the site's library, where anyone may read it. Nobody is "
	       "named in one until they agree."));
	if (form_get(&req->query, "deleted"))
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("The draft is deleted."));
	if (!n) {
		html(b, "<p>%t</p>", _("No project has been written up yet."));
	} else {
		html(b, "<ul class=\"list\">");
		for (size_t i = 0; i < n; i++)
			html(b, "<li><a href=\"%a\"><bdi>%t</bdi></a> <strong class=\"tag\">%t</strong></li>",
			     case_path(req, list[i].id), list[i].title,
			     list[i].published_at ? _("Published") : _("Draft"));
		html(b, "</ul>");
	}
	html(b, "<p><a href=\"/case-studies\">%t</a></p>", _("The library of published case studies"));
	if (policy_allows(&req->actor, PA_WRITE_CASE_STUDIES)) {
		struct project *pr;
		size_t np;
		if (store_projects_list(req->store, req->panel->id, a, &pr, &np) != ST_OK) np = 0;
		if (!np) {
			html(b, "<p>%t</p>", _("Start a project first: a case study is about one."));
		} else {
			struct field_option *opts = arena_alloc(a, (np + 1) * sizeof *opts);
			for (size_t i = 0; i < np; i++)
				opts[i] = (struct field_option){ arena_printf(a, "%lld", (long long)pr[i].id),
				                                 option_theirs(a, pr[i].title) };
			opts[np] = (struct field_option){ 0, 0 };
			html(b, "<h2 class=\"heading-m\">%t</h2>", _("Write up a project"));
			ui_form_begin(req, panel_cases_path(req));
			ui_select(req, e, "project_id", _("Project"), opts,
			          e && e->n ? form_get(&req->form, "project_id") : NULL);
			ui_button(req, _("Start the case study"), NULL);
			ui_form_end(req);
		}
	}
	page_end(req);
}

void cases_get(struct request *req)
{
	cases_page(req, NULL);
}

void case_new_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[CASE_INPUTS];
	struct app_error err;
	int64_t id = 0;
	bool ok = form_inputs(req, case_inputs, CASE_INPUTS, in, &e);
	if (ok && !(ok = app_case_create(req->store, &req->actor, req->panel, req->user->id, in,
	                                 req->now, &req->arena, &id, &err))) {
		if (!app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (!req->status || req->status < 400) req->status = 400;
		cases_page(req, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#edit", case_path(req, id)));
}

/* The form's value of name after a problem, or the stored one. */
static const char *value(struct request *req, const struct form_errors *e, const char *name,
                         const char *stored)
{
	return e && e->n ? (form_get(&req->form, name) ?: "") : stored;
}

static const char *day_value(struct request *req, int64_t day)
{
	if (!day) return "";
	int y, m, d;
	civil_date_of_day(day, &y, &m, &d);
	return arena_printf(&req->arena, "%d/%d/%04d", d, m, y);
}

/* ",a,b," as the "a,b" ui_choices takes. */
static const char *keys_of(struct request *req, const char *list)
{
	size_t n = strlen(list);
	return n > 2 ? arena_printf(&req->arena, "%.*s", (int)(n - 2), list + 1) : "";
}

static void edit_form(struct request *req, const struct case_view *v, const struct form_errors *e)
{
	struct buf *b = &req->out;
	const struct case_study *c = &v->c;
	bool again = e && e->n;
	html(b, "<h2 class=\"heading-m\" id=\"edit\">%t</h2>", _("Edit the case study"));
	ui_form_begin(req, case_path(req, c->id));
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">", c->version);
	ui_input(req, e, "title", _("Title"), NULL, value(req, e, "title", c->title), "text", "off");
	ui_textarea(req, e, "brief", _("Brief description"),
	            _("At most 280 characters: what it was, in a sentence or two."),
	            value(req, e, "brief", c->brief));
	for (int k = 0; k < CASE__SECTIONS; k++)
		ui_textarea(req, e, case_sections[k].key, _(case_sections[k].title),
		            _(case_sections[k].hint), value(req, e, case_sections[k].key, c->sections[k]));
	ui_choices(req, e, "issues", _("Issues"), NULL,
	           tag_options(req, case_issues, case_issue_count, NULL),
	           again ? form_get_all(&req->form, "issues", &req->arena) : keys_of(req, c->issues),
	           true);
	ui_choices(req, e, "approaches", _("Approaches"), NULL,
	           tag_options(req, case_approaches, case_approach_count, NULL),
	           again ? form_get_all(&req->form, "approaches", &req->arena)
	                 : keys_of(req, c->approaches),
	           true);
	static const struct field_option rungs[] = {
		{ "", N_("Not said") }, { "1", N_("1: Coercion") }, { "2", N_("2: Educating") },
		{ "3", N_("3: Informing") }, { "4", N_("4: Consultation") }, { "5", N_("5: Engagement") },
		{ "6", N_("6: Co-design") }, { "7", N_("7: Co-production") }, { 0, 0 } };
	ui_select(req, e, "rung", _("The rung of the ladder it reached"), rungs,
	          again ? form_get(&req->form, "rung")
	                : c->rung ? arena_printf(&req->arena, "%lld", (long long)c->rung) : "");
	ui_input(req, e, "participants", _("How many people took part"), _("Leave empty if unknown."),
	         value(req, e, "participants",
	               c->participants >= 0
	               ? arena_printf(&req->arena, "%lld", (long long)c->participants) : ""),
	         "text", "off");
	ui_input(req, e, "starts_on", _("When it started"), _("For example 1/4/2025."),
	         value(req, e, "starts_on", day_value(req, c->starts_on)), "text", "off");
	ui_input(req, e, "ends_on", _("When it ended"), _("Leave empty if it goes on."),
	         value(req, e, "ends_on", day_value(req, c->ends_on)), "text", "off");
	ui_button(req, _("Save the case study"), NULL);
	ui_form_end(req);
}

static void people_section(struct request *req, const struct case_view *v,
                           const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<h2 class=\"heading-m\" id=\"naming\">%t</h2><p>%t</p>",
	     _("People named in it"),
	     _("A person is named only once they agree, and no longer if they change their mind."));
	if (v->mine) {
		html(b, "<div class=\"notice\"><p>%t</p>",
		     v->mine->agreed_at ? _("You agreed to be named in this case study.")
		                        : _("You are asked whether this case study may name you."));
		ui_form_begin(req, arena_printf(a, "%s/naming", case_path(req, v->c.id)));
		static const struct field_option answers[] = {
			{ "1", N_("Yes, name me") }, { "0", N_("No, do not name me") }, { 0, 0 } };
		ui_choices(req, e, "agree", _("May it name you?"), NULL, answers,
		           v->mine->agreed_at ? "1" : v->mine->answered_at ? "0" : NULL, false);
		ui_button(req, _("Save my answer"), NULL);
		ui_form_end(req);
		html(b, "</div>");
	}
	if (v->n_people) {
		html(b, "<ul class=\"list\">");
		for (size_t i = 0; i < v->n_people; i++) {
			const struct case_person *p = &v->people[i];
			const char *state = p->agreed_at     ? _("agreed")
			                    : p->answered_at ? _("said no")
			                                     : _("not answered yet");
			const char *who = *p->role ? arena_printf(a, "%s, %s", p->name, p->role) : p->name;
			html(b, "<li>");
			/* TRANSLATORS: someone asked to be named, and their answer:
			 * "Zofia Quill, co-chair: agreed". */
			html_sentence(b, _("%s: %s"), 2, html_bdi(a, who), html_piece(a, "%t", state));
			if (v->may_write) {
				ui_form_begin(req, arena_printf(a, "%s/people/%lld/remove",
				                                case_path(req, v->c.id), (long long)p->user_id));
				ui_button(req, arena_printf(a, _("Stop asking %s"), p->name), "secondary");
				ui_form_end(req);
			}
			html(b, "</li>");
		}
		html(b, "</ul>");
	}
	if (!v->may_write) return;
	struct member_row *m;
	size_t n;
	if (store_members_list(req->store, req->panel->id, a, &m, &n) != ST_OK) n = 0;
	struct field_option *opts = arena_alloc(a, (n + 1) * sizeof *opts);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (m[i].m.role != ROLE_GUEST)
			opts[k++] = (struct field_option){ arena_printf(a, "%lld", (long long)m[i].m.user_id),
			                                   option_theirs(a, m[i].display_name) };
	opts[k] = (struct field_option){ 0, 0 };
	html(b, "<h3 class=\"heading-s\">%t</h3>", _("Ask someone whether they may be named"));
	ui_form_begin(req, arena_printf(a, "%s/people", case_path(req, v->c.id)));
	ui_select(req, e, "user_id", _("Who"), opts, NULL);
	ui_input(req, e, "role", _("Named as (optional)"), _("For example co-chair, or peer researcher."),
	         "", "text", "off");
	ui_button(req, _("Ask them"), "secondary");
	ui_form_end(req);
}

static void case_page(struct request *req, const struct case_view *v, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	page_begin(req, v->c.title, e);
	html(b, "<a class=\"back-link\" href=\"%a\">%t</a>", panel_cases_path(req),
	     _("Back to the case studies"));
	if (form_get(&req->query, "saved"))
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("The case study is saved."));
	html(b, "<p><strong class=\"tag\">%t</strong></p>",
	     v->c.published_at ? _("Published: anyone may read it") : _("Draft: only the panel sees it"));
	if (v->c.published_at)
		html(b, "<p><a href=\"/case-studies/%l\">%t</a></p>", v->c.id,
		     _("See it as the public sees it"));
	case_html(req, v);
	people_section(req, v, e);
	if (v->may_write) edit_form(req, v, e);
	if (v->may_publish) {
		ui_form_begin(req, arena_printf(a, "%s/publish", case_path(req, v->c.id)));
		html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">"
		        "<input type=\"hidden\" name=\"published\" value=\"%r\">",
		     v->c.version, v->c.published_at ? "0" : "1");
		ui_button(req, v->c.published_at ? _("Take it back from the library")
		                                 : _("Publish it in the library"),
		          v->c.published_at ? "secondary" : NULL);
		ui_form_end(req);
	}
	if (v->may_write && !v->c.published_at) {
		ui_form_begin(req, arena_printf(a, "%s/delete", case_path(req, v->c.id)));
		ui_button(req, _("Delete this draft"), "warning");
		ui_form_end(req);
	}
	page_end(req);
}

static bool load(struct request *req, struct case_view *v)
{
	struct app_error err;
	if (app_case_view(req->store, &req->actor, req->panel, req->params[1], req->user->id,
	                  &req->arena, v, &err))
		return true;
	respond_app_error(req, &err);
	return false;
}

void case_get(struct request *req)
{
	struct case_view v;
	if (load(req, &v)) case_page(req, &v, NULL);
}

/* After a use case refused: the page again with what was typed, or the
 * error page for what has no field. */
static void again(struct request *req, const struct app_error *err, struct form_errors *e)
{
	if (err && err->status == 409) {
		errors_add(e, "title", err->message);
		req->status = 409;
	} else if (err && !app_error_to_form(req, err, e)) {
		return;
	}
	int status = req->status && req->status >= 400 ? req->status : 400;
	struct case_view v;
	if (!load(req, &v)) return;
	req->status = status;
	case_page(req, &v, e);
}

void case_edit_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[CASE_INPUTS];
	struct app_error err;
	if (!form_inputs(req, case_inputs, CASE_INPUTS, in, &e)) {
		again(req, NULL, &e);
		return;
	}
	if (!app_case_edit(req->store, &req->actor, req->panel, req->params[1], in, req->now,
	                   &req->arena, &err)) {
		again(req, &err, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s?saved=1", case_path(req, req->params[1])));
}

void case_publish_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[CASE_PUBLISH_INPUTS];
	struct app_error err;
	if (!form_inputs(req, case_publish_inputs, CASE_PUBLISH_INPUTS, in, &e)) {
		again(req, NULL, &e);
		return;
	}
	if (!app_case_publish(req->store, &req->actor, req->panel, req->params[1],
	                      in[CASE_PUBLISH_VERSION].number, in[CASE_PUBLISH_PUBLISHED].number != 0,
	                      req->now, &req->arena, &err)) {
		again(req, &err, &e);
		return;
	}
	respond_redirect(req, case_path(req, req->params[1]));
}

void case_delete_post(struct request *req)
{
	struct app_error err;
	if (!app_case_delete(req->store, &req->actor, req->panel, req->params[1], &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s?deleted=1", panel_cases_path(req)));
}

void case_person_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[CASE_PERSON_INPUTS];
	struct app_error err;
	if (!form_inputs(req, case_person_inputs, CASE_PERSON_INPUTS, in, &e)) {
		again(req, NULL, &e);
		return;
	}
	if (!app_case_person_ask(req->store, &req->actor, req->panel, req->params[1], in, req->now,
	                         &req->arena, &err)) {
		again(req, &err, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#naming", case_path(req, req->params[1])));
}

void case_person_remove_post(struct request *req)
{
	struct app_error err;
	if (!app_case_person_remove(req->store, &req->actor, req->panel, req->params[1],
	                            req->params[2], &req->arena, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#naming", case_path(req, req->params[1])));
}

void case_naming_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[CASE_NAMING_INPUTS];
	struct app_error err;
	if (!form_inputs(req, case_naming_inputs, CASE_NAMING_INPUTS, in, &e)) {
		again(req, NULL, &e);
		return;
	}
	if (!app_case_person_answer(req->store, req->panel, req->params[1], req->user->id,
	                            in[CASE_NAMING_AGREE].number != 0, req->now, &req->arena, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#naming", case_path(req, req->params[1])));
}
