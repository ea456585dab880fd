/* Projects: what a panel is co-producing, the rung of the co-production
 * ladder reached at each stage with its evidence, influence figures, and
 * the project's "you said, we did". Also the influence figures block the
 * panel's home page shows. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/markdown.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

/* The page, with e after a refused form (whose fields keep what was typed). */
static void project_page(struct request *req, const struct project *p,
                         const struct form_errors *e);

enum { LIST_LIMIT = 50 };

static const struct field_option stage_options[] = {
	{ "shaping", N_("Shaping") }, { "design", N_("Design") }, { "delivery", N_("Delivery") },
	{ "evaluation", N_("Evaluation") }, { 0, 0 } };

static void projects_page(struct request *req, const struct form_errors *e)
{
	const struct panel *p = req->panel;
	struct project *pr;
	size_t n;
	if (store_projects_list(req->store, p->id, &req->arena, &pr, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the projects."));
		return;
	}
	page_begin(req, _("Projects"), e);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">%r</a>"
	        "<h1 class=\"heading-l\">%t</h1>", p->id,
	     /* TRANSLATORS: a link back: %s is the name or title of the page it goes
	      * back to */
	     voice_slots(req, arena_printf(a, _("Back to %s"), SLOT1), html_bdi(&req->arena, p->name), NULL),
	     _("Projects"));
	if (!n) html(b, "<p>%t</p>", _("No projects yet."));
	else html(b, "<ul class=\"card-list\">");
	for (size_t i = 0; i < n; i++)
		html(b, "<li class=\"card\"><h2 class=\"heading-m\"><a href=\"/panels/%l/projects/%l\">"
		        "<bdi>%t</bdi></a></h2><p>%t</p></li>", p->id, pr[i].id, pr[i].title,
		     /* TRANSLATORS: %s is a project's stage ("Design") */
		     arena_printf(a, pr[i].closed_at ? _("Stage: %s. Finished") : _("Stage: %s"),
		                  _(stage_label(pr[i].stage))));
	if (n) html(b, "</ul>");
	if (policy_allows(&req->actor, PA_MANAGE_PROJECTS)) {
		html(b, "<h2 class=\"heading-m\" id=\"new\">%t</h2>", _("Start a project"));
		ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/projects", (long long)p->id));
		ui_input(req, e, "title", _("Title"), NULL, field(req, "title"), "text", "off");
		ui_textarea(req, e, "purpose", _("What it is for"), _("In plain words."),
		            field(req, "purpose"));
		ui_input(req, e, "decision_maker", _("Who makes the final decision"),
		         _("For example: the council's housing committee."),
		         field(req, "decision_maker"), "text", "off");
		ui_choices(req, e, "stage", _("Stage"), NULL, stage_options,
		           *field(req, "stage") ? field(req, "stage") : "shaping", false);
		ui_button(req, _("Start the project"), NULL);
		ui_form_end(req);
	}
	page_end(req);
}

void projects_get(struct request *req)
{
	projects_page(req, NULL);
}

void project_new_post(struct request *req)
{
	struct form_errors e = {0};
	struct input_value in[PROJECT_INPUTS];
	struct project p = { .panel_id = req->panel->id };
	form_inputs(req, project_inputs, PROJECT_INPUTS, in, &e);
	app_project_from_inputs(in, &p);
	int64_t id = 0;
	struct app_error err;
	if (!e.n && !app_project_create(req->store, req->panel, req->user->id, &p, req->now, &id,
	                                &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		req->status = 400;
		projects_page(req, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/projects/%lld",
	                                   (long long)req->panel->id, (long long)id));
}

/* The closing reflection, shared with everyone who took part; stewards
 * write it (Markdown) when the project ends. */
static void closing_section(struct request *req, const struct project *p,
                            const struct form_errors *e)
{
	struct buf *b = &req->out;
	bool manage = policy_allows(&req->actor, PA_MANAGE_PROJECTS);
	if (!*p->closing_reflection && !manage) return;
	html(b, "<h2 class=\"heading-m\" id=\"closing\">%t</h2>", _("Closing reflection"));
	if (*p->closing_reflection)
		html(b, "<p class=\"hint\">%t</p><section class=\"paper\" dir=\"auto\" "
		        "aria-labelledby=\"closing\">%r</section>",
		     /* TRANSLATORS: %s is a date and time */
		     arena_printf(&req->arena, _("The project closed on %s."),
		                  format_time(req, p->closed_at, req->panel->time_zone)),
		     markdown_to_html(p->closing_reflection, strlen(p->closing_reflection),
		                      &req->arena));
	if (!manage) return;
	ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/projects/%lld/closing",
	                                (long long)p->panel_id, (long long)p->id));
	/* After a refusal, what was typed. */
	const char *typed = form_get(&req->form, "markdown");
	ui_textarea(req, e, "markdown",
	            *p->closing_reflection ? _("Change the closing reflection")
	                                   : _("Write the closing reflection"),
	            _("When the project ends: what it set out to do, what changed because of what "
	              "people said, what did not and why, and what happens next. Markdown works. "
	              "Saving it closes the project and tells everyone who took part."),
	            typed ? typed : p->closing_reflection);
	ui_button(req, _("Save and share"), "secondary");
	ui_form_end(req);
}

void project_get(struct request *req)
{
	project_page(req, req->project, NULL);
}

static void project_page(struct request *req, const struct project *pp, const struct form_errors *e)
{
	const struct panel *pn = req->panel;
	const struct project p = *pp;
	int64_t before;
	if (!read_before(req, &before)) return;
	struct project_rung *rungs;
	struct meeting *m;
	struct contribution *c;
	struct influence f;
	size_t nr, nm, nc;
	if (store_project_rungs(req->store, p.id, &req->arena, &rungs, &nr) != ST_OK ||
	    store_meetings_list(req->store, pn->id, p.id, 0, false, &req->arena, &m, &nm) != ST_OK ||
	    store_influence(req->store, pn->id, p.id, req->now, &f) != ST_OK ||
	    store_contributions_list(req->store, CS_PROJECT, p.id, req->user->id, before,
	                             LIST_LIMIT, &req->arena, &c, &nc) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the project."));
		return;
	}
	page_begin(req, p.title, e);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"/panels/%l/projects\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\"><bdi>%t</bdi>"
	        "</h1>", pn->id, _("Back to projects"), pn->name, p.title);
	if (*p.purpose) html(b, "<p class=\"lead\" dir=\"auto\">%t</p>", p.purpose);
	html(b, "<dl class=\"summary\"><div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%r</dd></div></dl>",
	     _("Stage"),
	     /* TRANSLATORS: a project's stage ("Design"), then what it means */
	     arena_printf(&req->arena, _("%s: %s"), _(stage_label(p.stage)), _(stage_hint(p.stage))),
	     _("Who makes the final decision"),
	     *p.decision_maker ? html_bdi(&req->arena, p.decision_maker)
	                       : html_piece(&req->arena, "%t", _("Not recorded yet")));
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("Influence"));
	influence_figures(req, &f);
	html(b, "<h2 class=\"heading-m\">%t</h2><p class=\"hint\">%t</p>",
	     _("How far we are co-producing"),
	     _("The ladder of co-production runs from 1, coercion, to 7, co-production."));
	if (!nr) html(b, "<p>%t</p>", _("No stage has been assessed yet."));
	else html(b, "<table class=\"table\"><caption class=\"visually-hidden\">%t</caption><thead>"
	             "<tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t"
	             "</th></tr></thead><tbody>", _("Rung reached at each stage"), _("Stage"),
	             _("Rung"), _("Evidence"));
	for (size_t i = 0; i < nr; i++)
		html(b, "<tr><td>%t</td><td data-label=\"%a\">%t</td><td data-label=\"%a\" "
		        "dir=\"auto\">%t</td></tr>", _(stage_label(rungs[i].stage)), _("Rung"),
		     /* TRANSLATORS: a rung of the ladder: its number, its name
		      * ("Co-design") and its group ("doing with") */
		     arena_printf(&req->arena, _("%d %s (%s)"), rungs[i].rung,
		                  _(rung_label(rungs[i].rung)), _(rung_group(rungs[i].rung))),
		     _("Evidence"), rungs[i].evidence);
	if (nr) html(b, "</tbody></table>");
	if (policy_allows(&req->actor, PA_MANAGE_PROJECTS)) {
		static const struct field_option rung_options[] = {
			/* TRANSLATORS: the rungs of the ladder of co-production, by number */
			{ "1", N_("1 Coercion") }, { "2", N_("2 Educating") }, { "3", N_("3 Informing") },
			{ "4", N_("4 Consultation") }, { "5", N_("5 Engagement") },
			{ "6", N_("6 Co-design") }, { "7", N_("7 Co-production") }, { 0, 0 } };
		ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/projects/%lld/rungs",
		                                (long long)pn->id, (long long)p.id));
		const char *stage = form_get(&req->form, "stage"), *rung = form_get(&req->form, "rung");
		ui_select(req, e, "stage", _("Stage"), stage_options, stage ? stage : stage_key(p.stage));
		ui_select(req, e, "rung", _("Rung reached"), rung_options, rung ? rung : "4");
		ui_textarea(req, e, "evidence", _("Evidence"),
		            _("What shows it: who set the agenda, who decided, what changed."),
		            field(req, "evidence"));
		ui_button(req, _("Record the rung"), "secondary");
		ui_form_end(req);
	}
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("Meetings"));
	if (!nm) html(b, "<p>%t</p>", _("No meetings yet."));
	else html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < nm; i++)
		html(b, "<li>%r</li>",
		     /* TRANSLATORS: a meeting (its title, a link) and when it starts */
		     voice_slots(req, arena_printf(&req->arena, _("%s, %s"), SLOT1,
		                                   format_time(req, m[i].starts_at, pn->time_zone)),
		                 html_piece(&req->arena, "<a href=\"/panels/%l/meetings/%l\"><bdi>%t</bdi></a>",
		                            pn->id, m[i].id, m[i].title), NULL));
	if (nm) html(b, "</ul>");
	struct reflection_summary rs;
	html(b, "<h2 class=\"heading-m\" id=\"reflections\">%t</h2>", _("How its meetings felt"));
	if (store_reflections_summary(req->store, true, p.id, &req->arena, &rs) != ST_OK)
		html(b, "<p>%t</p>", _("We could not load the reflections."));
	else reflection_results(req, &rs, "reflections");
	html(b, "<h2 class=\"heading-m\" id=\"standards\">%t</h2><ul class=\"list\">"
	        "<li><a href=\"/panels/%l/projects/%l/standards\">%t</a></li>"
	        "<li><a href=\"/panels/%l/how-are-we-doing?project_id=%l\">%t</a></li></ul>",
	     _("Looking at ourselves"), pn->id, p.id, _("How well are we meeting the standards?"),
	     pn->id, p.id, _("How are we doing?"));
	closing_section(req, &p, e);
	html(b, "<h2 class=\"heading-m\" id=\"said\">%t</h2>"
	        "<p><a href=\"/panels/%l/projects/%l/you-said-we-did.csv\">%t</a></p>",
	     _("You said, we did"), pn->id, p.id,
	     _("Download the table (CSV, opens in a spreadsheet)"));
	if (!nc) html(b, "<p>%t</p>", _("Nothing said about this project yet."));
	for (size_t i = 0; i < nc; i++) contribution_card(req, &c[i], pn->time_zone, true, false);
	if (nc == LIST_LIMIT)
		html(b, "<p><a href=\"/panels/%l/projects/%l?before=%l\" rel=\"next\">%t</a></p>",
		     pn->id, p.id, c[nc - 1].id, _("Older contributions"));
	page_end(req);
}

void project_rung_post(struct request *req)
{
	struct project p = *req->project;
	struct form_errors e = {0};
	struct input_value in[RUNG_INPUTS];
	enum project_stage stage = STAGE_SHAPING;
	struct app_error err;
	if (form_inputs(req, rung_inputs, RUNG_INPUTS, in, &e) &&
	    stage_parse(in[RUNG_STAGE].text, &stage) &&
	    !app_record_rung(req->store, &p, stage, in[RUNG_RUNG].number, in[RUNG_EVIDENCE].text,
	                     req->user->id, req->now, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		req->status = 400;
		project_page(req, &p, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/projects/%lld",
	                                   (long long)req->panel->id, (long long)p.id));
}

void project_close_post(struct request *req)
{
	struct project pr = *req->project;
	struct form_errors e = {0};
	struct input_value in[CLOSING_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, closing_inputs, CLOSING_INPUTS, in, &e);
	if (ok) {
		ok = app_project_close(req->store, &pr, in[CLOSING_MARKDOWN].text, req->user->id,
		                       req->now, &req->arena, &err);
		if (!ok && !app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (req->status < 400) req->status = 400;
		project_page(req, &pr, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/projects/%lld#closing",
	                                   (long long)pr.panel_id, (long long)pr.id));
}
