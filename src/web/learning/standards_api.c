/* The JSON API of standards self-assessment (app/standards.c), as
 * learning/standards_page.c. */
#include <string.h>

#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"

static json_t *quarter_json(int64_t q)
{
	return json_sprintf("%lld-Q%lld", (long long)(q / 4), (long long)(q % 4 + 1));
}

static void send_standards(struct request *req, int status)
{
	struct standards_view v;
	struct app_error err;
	if (!app_standards_view(req->store, &req->actor, req->panel, req->project->id, req->user->id,
	                        req->now, &req->arena, &v, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < standard_count; i++) {
		const struct standard *st = &standards[i];
		json_t *quarters = json_array(), *mine = json_null();
		for (size_t k = 0; k < v.n_spreads; k++) {
			const struct standard_spread *x = &v.spreads[k];
			if (strcmp(x->standard, st->key)) continue;
			json_t *q = json_pack("{s:o, s:o, s:o}", "quarter", quarter_json(x->quarter),
			                      "ratings", jint(x->answers), "counted", jint(x->counted));
			if (x->counted) {
				json_t *counts = json_array(), *comments = json_array();
				for (int r = 0; r < 5; r++) json_array_append_new(counts, jint(x->counts[r]));
				for (size_t c = 0; c < v.n_comments; c++)
					if (!strcmp(v.comments[c].standard, st->key) &&
					    v.comments[c].quarter == x->quarter)
						json_array_append_new(comments, json_string(v.comments[c].text));
				json_object_set_new(q, "counts", counts);
				json_object_set_new(q, "comments", comments);
			}
			json_array_append_new(quarters, q);
		}
		for (size_t k = 0; k < v.n_mine; k++)
			if (!strcmp(v.mine[k].standard, st->key) && v.mine[k].quarter == v.quarter) {
				json_decref(mine);
				mine = json_pack("{s:o, s:s}", "rating", jint(v.mine[k].rating), "comment",
				                 v.mine[k].comment);
				break;
			}
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "key", st->key,
		                                      "framework", _(st->framework), "title",
		                                      _(st->title), "question", _(st->question),
		                                      "quarters", quarters, "mine_this_quarter", mine));
	}
	api_send(req, status, json_pack("{s:o, s:o, s:b, s:o}", "project_id", jint(v.project.id),
	                                "quarter", quarter_json(v.quarter), "may_rate", v.may_rate,
	                                "standards", list));
}

void api_standards(struct request *req)
{
	send_standards(req, 200);
}

/* {"standard", "rating": 1..5, "comment"?} */
void api_standard_rate(struct request *req)
{
	struct input_value in[STD_INPUTS];
	struct app_error err;
	if (!api_inputs(req, standard_inputs, STD_INPUTS, in)) return;
	if (!app_standard_rate(req->store, &req->actor, req->panel, req->project->id, req->user->id,
	                       in, req->now, &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_standards(req, 201);
}
