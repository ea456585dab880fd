/* Projects: what a panel is co-producing, the rung of the co-production
 * ladder reached at each stage with its evidence, influence figures, and
 * the project's "you said, we did". Also the influence figures block the
 * panel's home page shows. */
#include <string.h>

#include "app/app.h"
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
	{ "shaping", "Shaping" }, { "design", "Design" }, { "delivery", "Delivery" },
	{ "evaluation", "Evaluation" }, { 0, 0 } };

static void projects_page(struct request *req, const struct form_errors *e)
{
	const struct panel *p = req->panel;
	struct project *pr;
	size_t n;
	if (store_projects_list(req->store, p->id, &req->arena, &pr, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the projects.");
		return;
	}
	page_begin(req, "Projects", e);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">Back to %t</a>"
	        "<h1 class=\"heading-l\">Projects</h1>", p->id, p->name);
	if (!n) html(b, "<p>No projects yet.</p>");
	else html(b, "<ul class=\"card-list\">");
	for (size_t i = 0; i < n; i++)
		html(b, "<li class=\"card\"><h2 class=\"heading-m\"><a href=\"/panels/%l/projects/%l\">"
		        "%t</a></h2><p>Stage: %t%r</p></li>", p->id, pr[i].id, pr[i].title,
		     stage_label(pr[i].stage), pr[i].closed_at ? ". Finished" : "");
	if (n) html(b, "</ul>");
	if (policy_allows(&req->actor, PA_MANAGE_PROJECTS)) {
		html(b, "<h2 class=\"heading-m\" id=\"new\">Start a project</h2>");
		ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/projects", (long long)p->id));
		ui_input(req, e, "title", "Title", NULL, field(req, "title"), "text", "off");
		ui_textarea(req, e, "purpose", "What it is for", "In plain words.", field(req, "purpose"));
		ui_input(req, e, "decision_maker", "Who makes the final decision",
		         "For example: the council's housing committee.", field(req, "decision_maker"),
		         "text", "off");
		ui_choices(req, e, "stage", "Stage", NULL, stage_options,
		           *field(req, "stage") ? field(req, "stage") : "shaping", false);
		ui_button(req, "Start the project", NULL);
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
	html(b, "<h2 class=\"heading-m\" id=\"closing\">Closing reflection</h2>");
	if (*p->closing_reflection)
		html(b, "<p class=\"hint\">The project closed on %t.</p><section class=\"paper\" "
		        "aria-labelledby=\"closing\">%r</section>",
		     format_time(req, p->closed_at, req->panel->time_zone),
		     markdown_to_html(p->closing_reflection, strlen(p->closing_reflection),
		                      &req->arena));
	if (!manage) return;
	ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/projects/%lld/closing",
	                                (long long)p->panel_id, (long long)p->id));
	/* After a refusal, what was typed. */
	const char *typed = form_get(&req->form, "markdown");
	ui_textarea(req, e, "markdown",
	            *p->closing_reflection ? "Change the closing reflection"
	                                   : "Write the closing reflection",
	            "When the project ends: what it set out to do, what changed because of what "
	            "people said, what did not and why, and what happens next. Markdown works. "
	            "Saving it closes the project and tells everyone who took part.",
	            typed ? typed : p->closing_reflection);
	ui_button(req, "Save and share", "secondary");
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
		respond_error(req, 500, "internal", "We could not load the project.");
		return;
	}
	page_begin(req, p.title, e);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"/panels/%l/projects\">Back to projects</a>"
	        "<span class=\"caption\">%t</span><h1 class=\"heading-l\">%t</h1>", pn->id, pn->name,
	     p.title);
	if (*p.purpose) html(b, "<p class=\"lead\">%t</p>", p.purpose);
	html(b, "<dl class=\"summary\"><div><dt>Stage</dt><dd>%t: %t</dd></div>"
	        "<div><dt>Who makes the final decision</dt><dd>%t</dd></div></dl>",
	     stage_label(p.stage), stage_hint(p.stage),
	     *p.decision_maker ? p.decision_maker : "Not recorded yet");
	html(b, "<h2 class=\"heading-m\">Influence</h2>");
	influence_figures(req, &f);
	html(b, "<h2 class=\"heading-m\">How far we are co-producing</h2><p class=\"hint\">The "
	        "ladder of co-production runs from 1, coercion, to 7, co-production.</p>");
	if (!nr) html(b, "<p>No stage has been assessed yet.</p>");
	else html(b, "<table class=\"table\"><caption class=\"visually-hidden\">Rung reached at each "
	             "stage</caption><thead><tr><th scope=\"col\">Stage</th><th scope=\"col\">Rung"
	             "</th><th scope=\"col\">Evidence</th></tr></thead><tbody>");
	for (size_t i = 0; i < nr; i++)
		html(b, "<tr><td>%t</td><td data-label=\"Rung\">%d %t (%t)</td><td data-label=\""
		        "Evidence\">%t</td></tr>", stage_label(rungs[i].stage), rungs[i].rung,
		     rung_label(rungs[i].rung), rung_group(rungs[i].rung), rungs[i].evidence);
	if (nr) html(b, "</tbody></table>");
	if (policy_allows(&req->actor, PA_MANAGE_PROJECTS)) {
		static const struct field_option rung_options[] = {
			{ "1", "1 Coercion" }, { "2", "2 Educating" }, { "3", "3 Informing" },
			{ "4", "4 Consultation" }, { "5", "5 Engagement" }, { "6", "6 Co-design" },
			{ "7", "7 Co-production" }, { 0, 0 } };
		ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/projects/%lld/rungs",
		                                (long long)pn->id, (long long)p.id));
		const char *stage = form_get(&req->form, "stage"), *rung = form_get(&req->form, "rung");
		ui_select(req, e, "stage", "Stage", stage_options, stage ? stage : stage_key(p.stage));
		ui_select(req, e, "rung", "Rung reached", rung_options, rung ? rung : "4");
		ui_textarea(req, e, "evidence", "Evidence",
		            "What shows it: who set the agenda, who decided, what changed.",
		            field(req, "evidence"));
		ui_button(req, "Record the rung", "secondary");
		ui_form_end(req);
	}
	html(b, "<h2 class=\"heading-m\">Meetings</h2>");
	if (!nm) html(b, "<p>No meetings yet.</p>");
	else html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < nm; i++)
		html(b, "<li><a href=\"/panels/%l/meetings/%l\">%t</a>, %t</li>", pn->id, m[i].id,
		     m[i].title, format_time(req, m[i].starts_at, pn->time_zone));
	if (nm) html(b, "</ul>");
	struct reflection_summary rs;
	html(b, "<h2 class=\"heading-m\" id=\"reflections\">How its meetings felt</h2>");
	if (store_reflections_summary(req->store, true, p.id, &req->arena, &rs) != ST_OK)
		html(b, "<p>We could not load the reflections.</p>");
	else reflection_results(req, &rs, "reflections");
	closing_section(req, &p, e);
	html(b, "<h2 class=\"heading-m\" id=\"said\">You said, we did</h2>"
	        "<p><a href=\"/panels/%l/projects/%l/you-said-we-did.csv\">Download the table "
	        "(CSV, opens in a spreadsheet)</a></p>", pn->id, p.id);
	if (!nc) html(b, "<p>Nothing said about this project yet.</p>");
	for (size_t i = 0; i < nc; i++) contribution_card(req, &c[i], pn->time_zone, true, false);
	if (nc == LIST_LIMIT)
		html(b, "<p><a href=\"/panels/%l/projects/%l?before=%l\" rel=\"next\">Older "
		        "contributions</a></p>", pn->id, p.id, c[nc - 1].id);
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
