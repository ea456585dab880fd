/* The JSON API for contributions and responses ("you said, we did"), and
 * each person's own contributions and notices. The same use cases as
 * voice/contributions_page.c; a guest sees only the contributions they are
 * named to answer, and no answer or error names the author of one that is
 * not "named" (voice_json.c). */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/http/loaders.h"
#include "web/ui/answers.h"
#include "web/voice/voice_json.h"

/* One page of a contribution list as JSON into arr: what the asker may
 * see (app_contributions_page); *next is where the next page starts. */
static enum store_rc contributions_json_page(struct request *req, enum contribution_scope scope,
                                             int64_t key, int64_t before, int64_t limit,
                                             json_t *arr, int64_t *next)
{
	struct contribution *c;
	size_t n;
	enum store_rc rc = app_contributions_page(req->store, &req->actor, req->user->id, scope, key,
	                                          before, limit, &req->arena, &c, &n, next);
	if (rc != ST_OK) return rc;
	int64_t zone_of = 0;
	const char *zone = "UTC";
	for (size_t i = 0; i < n; i++) {
		json_t *j = contribution_json(req, &c[i]);
		if (scope == CS_AUTHOR) {
			/* Across panels: each with its panel, whose zone is read again
			 * only when the panel changes. */
			if (c[i].panel_id != zone_of) {
				struct panel p;
				zone_of = c[i].panel_id;
				zone = store_panel_get(req->store, zone_of, &req->arena, &p) == ST_OK
				       ? p.time_zone : "UTC";
			}
			json_t *pj = json_object();
			set(pj, "id", jint(c[i].panel_id));
			set(pj, "name", json_string(c[i].panel_name));
			set(pj, "time_zone", json_string(zone));
			set(j, "panel", pj);
		}
		json_array_append_new(arr, j);
	}
	return ST_OK;
}

void api_contributions(struct request *req)
{
	int64_t before, limit, project = 0, meeting = 0;
	if (!api_query_page(req, &before, &limit) ||
	    !api_query_i64(req, "project", 1, INT64_MAX, &project,
	                   /* TRANSLATORS: "project" is the name of a parameter: keep it */
	                   _("project must be a project's id.")) ||
	    !api_query_i64(req, "meeting", 1, INT64_MAX, &meeting,
	                   /* TRANSLATORS: "meeting" is the name of a parameter: keep it */
	                   _("meeting must be a meeting's id.")))
		return;
	if (project && meeting) {
		respond_error_field(req, 400, "bad_query", "meeting",
		                    _("Give a project or a meeting, not both."));
		return;
	}
	enum contribution_scope scope = CS_PANEL;
	int64_t key = req->panel->id;
	if (project) {
		/* Guests see no projects (as GET .../projects/{id} refuses). */
		if (!policy_allows(&req->actor, PA_VIEW_WORK)) {
			respond_error_field(req, 403, "forbidden", "project",
			                    _("Your role on this panel does not let you see its projects."));
			return;
		}
		struct project p;
		if (!load_project_by_id(req, project, &p)) return;
		scope = CS_PROJECT;
		key = p.id;
	} else if (meeting) {
		struct meeting m;
		bool invited;
		if (!load_meeting_by_id(req, meeting, &m, &invited)) return;
		scope = CS_MEETING;
		key = m.id;
	}
	json_t *arr = json_array();
	int64_t next;
	if (contributions_json_page(req, scope, key, before, limit, arr, &next) != ST_OK) {
		json_decref(arr);
		respond_error(req, 500, "internal", _("We could not load the contributions."));
		return;
	}
	json_t *j = api_list_answer("contributions", arr, next, limit);
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}

void api_contribution_post(struct request *req)
{
	struct input_value in[CONTRIBUTION_INPUTS];
	if (!api_inputs(req, contribution_inputs, CONTRIBUTION_INPUTS, in)) return;
	struct contribution_new c;
	app_contribution_from_inputs(in, &c);
	int64_t id;
	struct app_error err;
	if (!app_contribute(req->store, req->panel, &req->actor, req->user->id, &c, req->now, &id,
	                    &err)) {
		api_respond_error(req, &err);
		return;
	}
	/* Read back as the asker sees it: a contribution written down for
	 * someone else anonymously shows no author even to who wrote it. */
	struct contribution got;
	if (store_contribution_get(req->store, req->panel->id, id, req->user->id, &req->arena,
	                           &got) != ST_OK) {
		respond_error(req, 500, "internal", _("It was saved, but we could not read it back."));
		return;
	}
	json_t *j = contribution_json(req, &got);
	set(j, "time_zone", json_string(req->panel->time_zone));
	respond_header(req, "Location", arena_printf(&req->arena,
	                                             "/api/v1/panels/%lld/contributions/%lld",
	                                             (long long)req->panel->id, (long long)id));
	api_send(req, 201, j);
}

void api_contribution(struct request *req)
{
	struct contribution c = *req->contribution;
	struct response_record *hist;
	size_t nh;
	if (store_contribution_responses(req->store, c.id, &req->arena, &hist, &nh) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load this contribution."));
		return;
	}
	json_t *j = contribution_json(req, &c);
	json_t *arr = json_array();
	for (size_t i = 0; i < nh; i++) json_array_append_new(arr, response_json(&hist[i]));
	set(j, "responses", arr);
	set(j, "can_respond", json_boolean(policy_allows(&req->actor, PA_RESPOND) &&
	                                   (req->actor.role == ROLE_STEWARD ||
	                                    c.owner_id == req->user->id)));
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}

/* {"contributions": [ids], "status", "what_done"?, "reason"?,
 *  "referred_to"?, "decided_by"?}: one decision answering each of them.
 * jsonb_parse knows no arrays, so "contributions" is checked here and the
 * rest of the object through the spec. */
void api_responses_post(struct request *req)
{
	struct input_value in[RESPONSE_INPUTS];
	if (!api_inputs(req, response_inputs, RESPONSE_INPUTS, in)) return;
	struct response_record r;
	app_response_from_inputs(in, &r);
	const int64_t *ids = in[RESPONSE_CONTRIBUTIONS].ids;
	size_t n = in[RESPONSE_CONTRIBUTIONS].nids;
	int64_t id;
	struct app_error err;
	if (!app_respond(req->store, req->cfg->public_url, req->panel, &req->actor, req->user->id,
	                 &r, ids, n, req->now, &req->arena, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *out = response_json(&(struct response_record){
		.id = id, .status = r.status, .what_done = r.what_done, .reason = r.reason,
		.referred_to = r.referred_to, .decided_by = r.decided_by, .decided_at = req->now,
		.created_at = req->now });
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, jint(ids[i]));
	set(out, "contributions", arr);
	api_send(req, 201, out);
}

void api_my_contributions(struct request *req)
{
	int64_t before, limit;
	if (!api_query_page(req, &before, &limit)) return;
	json_t *arr = json_array();
	int64_t next;
	/* CS_AUTHOR always lists the asker's own, whatever key is given. */
	if (contributions_json_page(req, CS_AUTHOR, req->user->id, before, limit, arr, &next) != ST_OK) {
		json_decref(arr);
		respond_error(req, 500, "internal", _("We could not load what you said."));
		return;
	}
	api_send(req, 200, api_list_answer("contributions", arr, next, limit));
}

void api_notices(struct request *req)
{
	int64_t limit = LIST_DEFAULT;
	/* TRANSLATORS: "limit" is the name of a parameter: keep it */
	if (!api_query_i64(req, "limit", 1, LIST_MAX, &limit, _("limit must be 1 to 100."))) return;
	struct notice *n;
	size_t k;
	if (store_notices_list(req->store, req->user->id, (int)limit, &req->arena, &n, &k) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load your notices."));
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < k; i++) {
		json_t *o = json_object();
		set(o, "id", jint(n[i].id));
		set(o, "panel_id", n[i].panel_id ? jint(n[i].panel_id) : json_null());
		/* Kept as a message: written out in the reader's language. */
		set(o, "body", json_string(lang_message_text(&req->arena, n[i].body)));
		set(o, "link", json_string(n[i].link));
		set(o, "created_at", jtime(n[i].created_at));
		set(o, "read_at", jtime(n[i].read_at));
		json_array_append_new(arr, o);
	}
	json_t *j = json_object();
	set(j, "notices", arr);
	set(j, "unread", jint(store_notices_unread(req->store, req->user->id)));
	api_send(req, 200, j);
}

/* Marks every notice read (as the Notices page). */
void api_notices_read_post(struct request *req)
{
	struct app_error err;
	if (!app_notices_mark_read(req->store, req->user->id, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	req->status = 204;
}
