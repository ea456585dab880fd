/* The JSON API for projects: the list, one project with its figures, a
 * new project, a rung of the ladder reached, and the closing reflection.
 * The same use cases (app.h) and declared inputs as voice/projects_page.c.
 * Times are UTC, ISO 8601, or null; answers carry the panel's time_zone. */
#include "app/app.h"
#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/voice/voice_json.h"

void api_projects(struct request *req)
{
	struct project *pr;
	size_t n;
	struct influence f;
	if (store_projects_list(req->store, req->panel->id, &req->arena, &pr, &n) != ST_OK ||
	    store_influence(req->store, req->panel->id, 0, req->now, &f) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the projects."));
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, project_json(&pr[i]));
	json_t *j = json_object();
	set(j, "time_zone", json_string(req->panel->time_zone));
	set(j, "influence", influence_json(&f));
	set(j, "projects", arr);
	api_send(req, 200, j);
}

void api_project(struct request *req)
{
	struct project p = *req->project;
	struct project_rung *rungs;
	size_t nr;
	struct influence f;
	struct reflection_summary rs;
	if (store_project_rungs(req->store, p.id, &req->arena, &rungs, &nr) != ST_OK ||
	    store_influence(req->store, req->panel->id, p.id, req->now, &f) != ST_OK ||
	    store_reflections_summary(req->store, true, p.id, &req->arena, &rs) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the project."));
		return;
	}
	json_t *j = project_json(&p);
	set(j, "closing_reflection", json_string(p.closing_reflection));
	json_t *arr = json_array();
	for (size_t i = 0; i < nr; i++) {
		json_t *r = json_object();
		set(r, "stage", json_string(stage_key(rungs[i].stage)));
		set(r, "rung", json_integer(rungs[i].rung));
		set(r, "rung_label", json_string(_(rung_label(rungs[i].rung))));
		set(r, "rung_group", json_string(_(rung_group(rungs[i].rung))));
		set(r, "evidence", json_string(rungs[i].evidence));
		set(r, "recorded_at", jtime(rungs[i].recorded_at));
		json_array_append_new(arr, r);
	}
	set(j, "rungs", arr);
	set(j, "influence", influence_json(&f));
	set(j, "reflections", reflections_json(&rs));
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}

/* {"title", "purpose"?, "decision_maker"?, "stage"?}: starts a project,
 * at stage "shaping" unless another is given (as the page). */
void api_project_post(struct request *req)
{
	struct input_value in[PROJECT_INPUTS];
	if (!api_inputs(req, project_inputs, PROJECT_INPUTS, in)) return;
	struct project p = { .panel_id = req->panel->id };
	app_project_from_inputs(in, &p);
	int64_t id;
	struct app_error err;
	if (!app_project_create(req->store, req->panel, req->user->id, &p, req->now, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	struct project got;
	if (store_project_get(req->store, req->panel->id, id, &req->arena, &got) != ST_OK) {
		respond_error(req, 500, "internal", _("It was saved, but we could not read it back."));
		return;
	}
	json_t *j = project_json(&got);
	set(j, "time_zone", json_string(req->panel->time_zone));
	respond_header(req, "Location", arena_printf(&req->arena, "/api/v1/panels/%lld/projects/%lld",
	                                             (long long)req->panel->id, (long long)id));
	api_send(req, 201, j);
}

/* {"stage", "rung": 1..7, "evidence"}: the rung of the co-production
 * ladder reached at a stage (recording a stage again replaces it). */
void api_project_rung_post(struct request *req)
{
	struct project p = *req->project;
	struct input_value in[RUNG_INPUTS];
	if (!api_inputs(req, rung_inputs, RUNG_INPUTS, in)) return;
	enum project_stage stage = STAGE_SHAPING;
	stage_parse(in[RUNG_STAGE].text, &stage);
	int64_t rung = in[RUNG_RUNG].number;
	const char *evidence = in[RUNG_EVIDENCE].text;
	struct app_error err;
	if (!app_record_rung(req->store, &p, stage, rung, evidence, req->user->id, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *j = json_object();
	set(j, "project_id", jint(p.id));
	set(j, "stage", json_string(stage_key(stage)));
	set(j, "rung", json_integer(rung));
	set(j, "rung_label", json_string(_(rung_label((int)rung))));
	set(j, "rung_group", json_string(_(rung_group((int)rung))));
	set(j, "evidence", json_string(evidence));
	set(j, "recorded_at", jtime(req->now));
	api_send(req, 201, j);
}

/* {"markdown"}: the project's closing reflection; closes it (the first
 * time) and tells everyone who took part. Writing it again replaces it. */
void api_closing_reflection_put(struct request *req)
{
	struct project p = *req->project;
	struct input_value in[CLOSING_INPUTS];
	if (!api_inputs(req, closing_inputs, CLOSING_INPUTS, in)) return;
	struct app_error err;
	if (!app_project_close(req->store, &p, in[CLOSING_MARKDOWN].text, req->user->id, req->now,
	                       &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	if (store_project_get(req->store, req->panel->id, p.id, &req->arena, &p) != ST_OK) {
		respond_error(req, 500, "internal", _("It was saved, but we could not read it back."));
		return;
	}
	json_t *j = project_json(&p);
	set(j, "closing_reflection", json_string(p.closing_reflection));
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}
