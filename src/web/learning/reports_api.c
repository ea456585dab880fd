/* The JSON API of funder reports (app/reports.c), as
 * learning/reports_page.c: a report is its document (docs/api.md), with
 * its version beside it for writing. */
#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"

static void send_report(struct request *req, int64_t id, int status)
{
	struct report_view v;
	struct app_error err;
	if (!app_report_view(req->store, &req->actor, req->panel, id, req->now, &req->arena, &v,
	                     &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_object_set_new(json_object_get(v.doc, "report"), "version", jint(v.report.version));
	api_send(req, status, v.doc);
}

void api_reports(struct request *req)
{
	struct funder_report *list;
	size_t n;
	struct app_error err;
	if (!app_reports(req->store, &req->actor, req->panel, &req->arena, &list, &n, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:o, s:o, s:o, s:s, s:o, s:I}", "id",
		                                     (json_int_t)list[i].id, "title", list[i].title,
		                                     "project_id",
		                                     list[i].project_id ? jint(list[i].project_id)
		                                                        : json_null(),
		                                     "from", app_day_json(list[i].from_day), "to",
		                                     app_day_json(list[i].to_day), "state",
		                                     list[i].shared_at ? "shared" : "draft",
		                                     "shared_at", jtime(list[i].shared_at), "version",
		                                     (json_int_t)list[i].version));
	api_send(req, 200, json_pack("{s:o}", "reports", arr));
}

/* {"title", "project_id"?, "from", "to"} */
void api_report_create(struct request *req)
{
	struct input_value in[REPORT_INPUTS];
	struct app_error err;
	int64_t id;
	if (!api_inputs(req, report_inputs, REPORT_INPUTS, in)) return;
	if (!app_report_create(req->store, &req->actor, req->panel, req->user->id, in, req->now,
	                       &req->arena, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_report(req, id, 201);
}

void api_report(struct request *req)
{
	send_report(req, req->params[1], 200);
}

/* {"title", "aim", "methods", "results", "changes", "reflection", "version"} */
void api_report_put(struct request *req)
{
	struct input_value in[REPORT_SECTION_INPUTS];
	struct app_error err;
	if (!api_inputs(req, report_section_inputs, REPORT_SECTION_INPUTS, in)) return;
	if (!app_report_edit(req->store, &req->actor, req->panel, req->params[1], in, req->now,
	                     &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_report(req, req->params[1], 200);
}

/* {"version"} */
void api_report_share(struct request *req)
{
	struct input_value in[REPORT_SHARE_INPUTS];
	struct app_error err;
	if (!api_inputs(req, report_share_inputs, REPORT_SHARE_INPUTS, in)) return;
	if (!app_report_share(req->store, &req->actor, req->panel, req->params[1],
	                      in[REPORT_SHARE_VERSION].number,
	                      req->now, &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_report(req, req->params[1], 200);
}

void api_report_delete(struct request *req)
{
	struct app_error err;
	if (!app_report_delete(req->store, &req->actor, req->panel, req->params[1], &err)) {
		api_respond_error(req, &err);
		return;
	}
	req->status = 204;
}
