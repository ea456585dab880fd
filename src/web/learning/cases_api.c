/* The JSON API of case studies (app/case_studies.c), as
 * learning/cases_page.c: the public library, and the panel's own. */
#include <string.h>

#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"

/* A case study; with the panel's view, everyone asked to be named and how
 * they answered, else only those who agreed. */
static json_t *case_json(struct request *req, const struct case_view *v, bool panel_view)
{
	const struct case_study *c = &v->c;
	json_t *sections = json_object(), *people = json_array();
	for (int k = 0; k < CASE__SECTIONS; k++)
		json_object_set_new(sections, case_sections[k].key, json_string(c->sections[k]));
	for (size_t i = 0; i < v->n_people; i++) {
		const struct case_person *p = &v->people[i];
		json_t *j = json_pack("{s:s, s:s}", "name", p->name, "role", p->role);
		if (panel_view) {
			json_object_set_new(j, "user_id", jint(p->user_id));
			json_object_set_new(j, "agreed", json_boolean(p->agreed_at != 0));
			json_object_set_new(j, "answered", json_boolean(p->answered_at != 0));
		}
		json_array_append_new(people, j);
	}
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:{s:I, s:s},"
	                      " s:{s:I, s:s}, s:o}",
	                      "id", (json_int_t)c->id, "uid", c->uid, "title", c->title, "brief",
	                      c->brief, "sections", sections, "issues", app_keys_json(c->issues),
	                      "approaches", app_keys_json(c->approaches), "rung",
	                      c->rung ? jint(c->rung) : json_null(), "participants",
	                      c->participants >= 0 ? jint(c->participants) : json_null(),
	                      "starts_on", app_day_json(c->starts_on), "ends_on",
	                      app_day_json(c->ends_on), "published_at", jtime(c->published_at),
	                      "panel", "id", (json_int_t)c->panel_id, "name", c->panel_name,
	                      "project", "id", (json_int_t)c->project_id, "title", c->project_title,
	                      "people", people);
	if (panel_view) json_object_set_new(j, "version", jint(c->version));
	return j;
}

/* A list entry: no story, no people. */
static json_t *summary_json(struct request *req, const struct case_study *c, bool panel_view)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "id",
	                      (json_int_t)c->id, "uid", c->uid, "title", c->title, "brief", c->brief,
	                      "issues", app_keys_json(c->issues), "approaches", app_keys_json(c->approaches),
	                      "rung", c->rung ? jint(c->rung) : json_null(), "published_at",
	                      jtime(c->published_at), "panel", c->panel_name);
	if (panel_view) json_object_set_new(j, "version", jint(c->version));
	(void)req;
	return j;
}

/* ?q=&issue=&approach=&rung= */
void api_library(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[CASE_SEARCH_INPUTS];
	struct case_study *list;
	size_t n;
	struct app_error err;
	if (!query_inputs(req, case_search_inputs, CASE_SEARCH_INPUTS, in, &e)) {
		respond_error_field(req, 400, "bad_query", e.items[0].field, e.items[0].message);
		return;
	}
	if (!app_cases_search(req->store, in, &req->arena, &list, &n, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, summary_json(req, &list[i], false));
	api_send(req, 200, json_pack("{s:o}", "case_studies", arr));
}

void api_library_case(struct request *req)
{
	struct case_view v;
	struct app_error err;
	if (!app_case_view(req->store, NULL, NULL, req->params[0], 0, &req->arena, &v, &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_send(req, 200, case_json(req, &v, false));
}

static void send_case(struct request *req, int64_t id, int status)
{
	struct case_view v;
	struct app_error err;
	if (!app_case_view(req->store, &req->actor, req->panel, id, req->user->id, &req->arena, &v,
	                   &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_send(req, status, case_json(req, &v, true));
}

void api_cases(struct request *req)
{
	struct case_study *list;
	size_t n;
	struct app_error err;
	if (!app_cases_of_panel(req->store, req->panel, &req->arena, &list, &n, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, summary_json(req, &list[i], true));
	api_send(req, 200, json_pack("{s:o}", "case_studies", arr));
}

/* {"project_id", ...the fields of PUT, all optional} */
void api_case_create(struct request *req)
{
	struct input_value in[CASE_INPUTS];
	struct app_error err;
	int64_t id;
	if (!api_inputs(req, case_inputs, CASE_INPUTS, in)) return;
	if (!app_case_create(req->store, &req->actor, req->panel, req->user->id, in, req->now,
	                     &req->arena, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_case(req, id, 201);
}

void api_case(struct request *req)
{
	send_case(req, req->params[1], 200);
}

void api_case_put(struct request *req)
{
	struct input_value in[CASE_INPUTS];
	struct app_error err;
	if (!api_inputs(req, case_inputs, CASE_INPUTS, in)) return;
	if (!app_case_edit(req->store, &req->actor, req->panel, req->params[1], in, req->now,
	                   &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_case(req, req->params[1], 200);
}

void api_case_delete(struct request *req)
{
	struct app_error err;
	if (!app_case_delete(req->store, &req->actor, req->panel, req->params[1], &err)) {
		api_respond_error(req, &err);
		return;
	}
	req->status = 204;
}


/* {"version", "published": true|false} */
void api_case_publish(struct request *req)
{
	struct input_value in[CASE_PUBLISH_INPUTS];
	struct app_error err;
	if (!api_inputs(req, case_publish_inputs, CASE_PUBLISH_INPUTS, in)) return;
	if (!app_case_publish(req->store, &req->actor, req->panel, req->params[1],
	                      in[CASE_PUBLISH_VERSION].number, in[CASE_PUBLISH_PUBLISHED].number != 0,
	                      req->now, &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_case(req, req->params[1], 200);
}

/* {"user_id", "role"?} */
void api_case_person(struct request *req)
{
	struct input_value in[CASE_PERSON_INPUTS];
	struct app_error err;
	if (!api_inputs(req, case_person_inputs, CASE_PERSON_INPUTS, in)) return;
	if (!app_case_person_ask(req->store, &req->actor, req->panel, req->params[1], in, req->now,
	                         &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_case(req, req->params[1], 201);
}

void api_case_person_delete(struct request *req)
{
	struct app_error err;
	if (!app_case_person_remove(req->store, &req->actor, req->panel, req->params[1],
	                            req->params[2], &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	req->status = 204;
}


/* {"agree": true|false}: the person's own answer */
void api_case_naming(struct request *req)
{
	struct input_value in[CASE_NAMING_INPUTS];
	struct app_error err;
	if (!api_inputs(req, case_naming_inputs, CASE_NAMING_INPUTS, in)) return;
	if (!app_case_person_answer(req->store, req->panel, req->params[1], req->user->id,
	                            in[CASE_NAMING_AGREE].number != 0, req->now, &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_case(req, req->params[1], 200);
}
