/* The JSON API of "how are we doing?" (app/practice.c), as
 * learning/practice_page.c: each signal's state and figures, with its
 * words in the reader's language. */
#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"

static const char *const states[] = { [PRACTICE_NO_DATA] = "no_data",
	                              [PRACTICE_FINE] = "fine", [PRACTICE_LOOK] = "look" };

void api_practice(struct request *req)
{
	int64_t project_id = 0;
	if (!api_query_i64(req, "project_id", 1, INT64_MAX, &project_id,
	                   _("Choose one of the panel's projects.")))
		return;
	struct practice_view v;
	struct app_error err;
	if (!app_practice(req->store, req->panel, project_id, req->now, &req->arena, &v, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < v.n; i++) {
		const struct practice_signal *x = &v.signals[i];
		const struct practice_def *d = &practice_defs[x->key];
		json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s}", "key", d->key, "state",
		                      states[x->state], "title", _(d->title), "rule", _(d->rule),
		                      "seed", _(d->seed));
		const struct practice_figures *f = &x->f;
		bool some = x->state != PRACTICE_NO_DATA;
		switch (x->key) {
		case PS_FELT_HEARD:
			json_object_set_new(j, "average", some ? json_real((double)f->value / 10)
			                                       : json_null());
			json_object_set_new(j, "quarter", some ? json_sprintf("%lld-Q%lld",
			                                                      (long long)(f->n / 4),
			                                                      (long long)(f->n % 4 + 1))
			                                       : json_null());
			json_object_set_new(j, "before", f->before >= 0 ? json_real((double)f->before / 10)
			                                                : json_null());
			break;
		case PS_CONCENTRATION:
			json_object_set_new(j, "gini", some ? json_real((double)f->value / 1000)
			                                    : json_null());
			json_object_set_new(j, "n", jint(f->n));
			json_object_set_new(j, "of", jint(f->of));
			break;
		case PS_PAY_LATE:
			/* counts of payments only from PRACTICE_MIN of them */
			json_object_set_new(j, "n", f->of >= PRACTICE_MIN ? jint(f->n) : json_null());
			json_object_set_new(j, "of", f->of >= PRACTICE_MIN ? jint(f->of) : json_null());
			json_object_set_new(j, "waiting_past_target", jint(f->value));
			json_object_set_new(j, "target_days", jint(f->before));
			break;
		default:
			json_object_set_new(j, "n", jint(f->n));
			json_object_set_new(j, "of", jint(f->of));
		}
		json_array_append_new(list, j);
	}
	api_send(req, 200, json_pack("{s:o, s:o}", "project_id",
	                             project_id ? jint(project_id) : json_null(), "signals", list));
}
