/* The JSON API's shared pieces (api_json.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/civil_time.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"

void api_send(struct request *req, int status, json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT | JSON_ESCAPE_SLASH | JSON_REAL_PRECISION(6));
	json_decref(j);
	if (!text) {
		respond_error(req, 500, "internal", _("The answer could not be written."));
		return;
	}
	respond_json(req, status, text);
	free(text);
}

json_t *jint(int64_t v)
{
	return json_integer((json_int_t)v);
}

json_t *jtime(int64_t t)
{
	if (!t) return json_null();
	time_t tt = (time_t)t;
	struct tm tm;
	char text[32];
	if (!gmtime_r(&tt, &tm) || !strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return json_null();
	return json_string(text);
}

json_t *jref(int64_t id, const char *key, const char *name)
{
	if (!id) return json_null();
	json_t *j = json_object();
	json_object_set_new(j, "id", jint(id));
	json_object_set_new(j, key, json_string(name ? name : ""));
	return j;
}

bool api_query_i64(struct request *req, const char *name, int64_t min, int64_t max,
                      int64_t *out, const char *message)
{
	const char *v = form_get(&req->query, name);
	if (v && !parse_i64(v, min, max, out)) {
		respond_error_field(req, 400, "bad_query", name, message);
		return false;
	}
	return true;
}

bool api_query_page(struct request *req, int64_t *before, int64_t *limit)
{
	*before = 0;
	*limit = LIST_DEFAULT;
	return api_query_i64(req, "before", 1, INT64_MAX, before,
	                 /* TRANSLATORS: "before" and "next_before" are names in the API:
	                  * keep them */
	                 _("before must be an id from next_before.")) &&
	       /* TRANSLATORS: "limit" is a name in the API: keep it */
	       api_query_i64(req, "limit", 1, LIST_MAX, limit, _("limit must be 1 to 100."));
}

json_t *api_list_answer(const char *key, json_t *arr, int64_t next, int64_t limit)
{
	json_t *j = json_object();
	json_object_set_new(j, key, arr);
	json_object_set_new(j, "next_before", next ? jint(next) : json_null());
	json_object_set_new(j, "limit", jint(limit));
	return j;
}

bool api_body_id(struct request *req, json_t *j, const char *name, int64_t *out)
{
	json_t *v = json_object_get(j, name);
	*out = 0;
	if (!v) return true;
	if (json_integer_value(v) < 1) {
		respond_error_field(req, 400, "invalid", name, _("This must be an id (1 or more)."));
		return false;
	}
	*out = (int64_t)json_integer_value(v);
	return true;
}

const char *api_body_text(struct request *req, json_t *j, const char *name)
{
	const char *v = json_string_value(json_object_get(j, name));
	return text_trim(arena_strdup(&req->arena, v ? v : ""));
}

void api_respond_error(struct request *req, const struct app_error *err)
{
	respond_error_field(req, err->status, err->code, err->field, err->message);
}

bool api_parse_body(struct request *req, const struct jsonb_field *spec, size_t n,
                       json_t **root)
{
	char bad[JSONB_FIELD_MAX + 1];
	const char *why;
	if (jsonb_parse(req->body.data, req->body.len, spec, n, root, bad, &why)) return true;
	respond_error_field(req, 400, "invalid", *bad ? bad : NULL, _(why)); /* N_() in json_body.c */
	return false;
}

void api_respond_error_as(struct request *req, const struct app_error *err,
                                 const char *app_field, const char *api_field)
{
	struct app_error e = *err;
	if (e.field && !strcmp(e.field, app_field)) e.field = api_field;
	api_respond_error(req, &e);
}

bool api_parse_body_lists(struct request *req, const struct jsonb_field *spec, size_t n,
                             const char *const *lists, json_t **out, size_t nlists,
                             json_t **root)
{
	for (size_t k = 0; k < nlists; k++) out[k] = NULL;
	json_t *raw = json_loadb(req->body.data ? req->body.data : "", req->body.len,
	                         JSON_REJECT_DUPLICATES, NULL);
	if (!raw || !json_is_object(raw)) {
		/* The usual error for a body that is not one JSON object. */
		json_decref(raw);
		return api_parse_body(req, spec, n, root);
	}
	for (size_t k = 0; k < nlists; k++) {
		json_t *v = json_object_get(raw, lists[k]);
		if (!v) continue;
		if (!json_is_array(v)) {
			for (size_t i = 0; i < k; i++) json_decref(out[i]);
			json_decref(raw);
			respond_error_field(req, 400, "invalid", lists[k], _("This must be a list."));
			return false;
		}
		out[k] = json_incref(v);
		json_object_del(raw, lists[k]);
	}
	char *rest = json_dumps(raw, JSON_COMPACT);
	json_decref(raw);
	char bad[JSONB_FIELD_MAX + 1];
	const char *why = N_("The body is not right.");
	bool ok = rest && jsonb_parse(rest, strlen(rest), spec, n, root, bad, &why);
	free(rest);
	if (!ok) {
		for (size_t k = 0; k < nlists; k++) json_decref(out[k]);
		respond_error_field(req, 400, "invalid", *bad ? bad : NULL, _(why));
	}
	return ok;
}

