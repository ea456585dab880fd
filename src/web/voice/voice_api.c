/* The JSON API for voice and influence: projects, meetings and their
 * agendas, contributions and responses ("you said, we did"), each person's
 * own contributions and notices. The same permission checks as the pages
 * (routes.c gives each route the same policy action; the finer checks
 * below are voice/meetings_page.c's and voice/contributions_page.c's), through the
 * same use cases (app.h). What a meeting leaves behind (papers,
 * reflections, "what we will change", a project's closing reflection) has
 * the checks of voice/papers_page.c.
 *
 * Anonymity: the store gives no author for a contribution that is not
 * "named" unless the viewer is the author (store.h). contribution_json()
 * is the one place a contribution's source is written, and it writes an
 * author only for "named" ones; nothing here writes who recorded a
 * contribution or who wrote a response, and no error names anybody.
 * Reflections likewise: reflections_json() gives a comment's name only
 * when its author chose to put it (the store gives "" otherwise), and
 * nothing at all but how many answered below REFLECTION_MIN_ANSWERS.
 *
 * Times are UTC, ISO 8601 ("2030-01-15T14:00:00Z"), or null when there is
 * none; panel-scoped answers carry the panel's time_zone for showing them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/markdown.h"
#include "core/text.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/http/loaders.h"
#include "web/http/multipart.h"
#include "web/ui/answers.h"
#include "web/voice/voice_ui.h"

enum {
	/* A guest's list skips what is not theirs to answer: at most this
	 * many pages are read for one answer, which may then hold fewer than
	 * `limit` (next_before says where to go on). */
	SCAN_PAGES = 10,
	/* Contributions one response may answer at once. */
	RESPOND_MAX = 100,
};

static void set(json_t *j, const char *key, json_t *v)
{
	json_object_set_new(j, key, v);
}

/* ---- JSON shapes ---- */

static json_t *influence_json(const struct influence *f)
{
	json_t *j = json_object();
	set(j, "contributions", jint(f->contributions));
	set(j, "with_outcome", jint(f->answered));
	set(j, "with_outcome_percent", json_integer(percent_of(f->answered, f->contributions)));
	set(j, "adopted", jint(f->adopted));
	set(j, "adopted_percent", json_integer(percent_of(f->adopted, f->contributions)));
	set(j, "overdue", jint(f->overdue));
	set(j, "median_days_to_outcome", f->median_days >= 0 ? jint(f->median_days) : json_null());
	/* Never shown from fewer than REFLECTION_MIN_ANSWERS answers, nor is
	 * the count, which with the average would tell one person's answer. */
	int heard = felt_heard_tenths(f);
	set(j, "felt_heard", heard >= 0 ? json_real(heard / 10.0) : json_null());
	if (heard >= 0) set(j, "felt_heard_answers", jint(f->reflections));
	return j;
}

static json_t *project_json(const struct project *p)
{
	json_t *j = json_object();
	set(j, "id", jint(p->id));
	set(j, "title", json_string(p->title));
	set(j, "purpose", json_string(p->purpose));
	set(j, "decision_maker", json_string(p->decision_maker));
	set(j, "stage", json_string(stage_key(p->stage)));
	set(j, "closed_at", jtime(p->closed_at));
	set(j, "created_at", jtime(p->created_at));
	set(j, "updated_at", jtime(p->updated_at));
	set(j, "version", jint(p->version));
	return j;
}

static json_t *meeting_json(const struct meeting *m)
{
	json_t *j = json_object();
	set(j, "id", jint(m->id));
	set(j, "title", json_string(m->title));
	set(j, "project", jref(m->project_id, "title", m->project_title));
	set(j, "starts_at", jtime(m->starts_at));
	set(j, "ends_at", jtime(m->ends_at));
	set(j, "place", json_string(m->place));
	set(j, "place_access", json_string(m->place_access));
	set(j, "online_url", json_string(m->online_url));
	set(j, "agenda_due_at", jtime(m->agenda_due_at));
	set(j, "agenda_published_at", jtime(m->agenda_published_at));
	set(j, "cancelled_at", jtime(m->cancelled_at));
	set(j, "version", jint(m->version));
	return j;
}

/* A contribution as the viewer may be told of it. The one place its source
 * is written: an author only when "named"; otherwise only `mine`, which is
 * true for the author alone. */
static json_t *contribution_json(struct request *req, const struct contribution *c)
{
	json_t *j = json_object();
	set(j, "id", jint(c->id));
	set(j, "panel_id", jint(c->panel_id));
	set(j, "kind", json_string(kind_key(c->kind)));
	set(j, "body", json_string(c->body));
	set(j, "attribution", json_string(attribution_key(c->attribution)));
	if (c->attribution == ATTR_GROUP) set(j, "group_name", json_string(c->group_name));
	if (c->attribution == ATTR_NAMED) {
		json_t *a = json_object();
		set(a, "user_id", c->author_id ? jint(c->author_id) : json_null());
		set(a, "display_name", json_string(c->author_name));
		set(j, "author", a);
	}
	set(j, "mine", json_boolean(c->mine));
	set(j, "project", jref(c->project_id, "title", c->project_title));
	set(j, "meeting", jref(c->meeting_id, "title", c->meeting_title));
	set(j, "item_id", c->item_id ? jint(c->item_id) : json_null());
	/* An anonymous contribution's time to the day only (UTC): to the second,
	 * set beside a person's named ones, it could point to them. */
	if (c->attribution == ATTR_ANONYMOUS) {
		int y, m, d;
		civil_date_of_day(c->created_at / 86400, &y, &m, &d);
		set(j, "created_at", json_null());
		set(j, "created_on", json_string(arena_printf(&req->arena, "%04d-%02d-%02d", y, m, d)));
	} else {
		set(j, "created_at", jtime(c->created_at));
	}
	set(j, "status", json_string(response_status_key(c->status)));
	set(j, "open", json_boolean(!response_is_outcome(c->status)));
	set(j, "due_at", jtime(c->due_at));
	set(j, "overdue", json_boolean(contribution_overdue(c->status, c->due_at, req->now)));
	set(j, "answered_at", jtime(c->answered_at));
	json_t *owner = json_null();
	if (c->owner_id) {
		owner = json_object();
		set(owner, "user_id", jint(c->owner_id));
		set(owner, "display_name", json_string(c->owner_name));
	}
	set(j, "owner", owner);
	json_t *r = json_null();
	if (c->response_id) {
		r = json_object();
		set(r, "id", jint(c->response_id));
		set(r, "status", json_string(response_status_key(c->status)));
		set(r, "what_done", json_string(c->what_done));
		set(r, "reason", json_string(c->reason));
		set(r, "referred_to", json_string(c->referred_to));
		set(r, "decided_by", json_string(c->decided_by));
		set(r, "decided_at", jtime(c->decided_at));
	}
	set(j, "latest_response", r);
	set(j, "version", jint(c->version));
	return j;
}

/* One response in a contribution's history. Who wrote it is not given
 * (the pages do not show it either): what was decided, by whom and why is
 * decided_by, written by the responder. */
static json_t *response_json(const struct response_record *r)
{
	json_t *j = json_object();
	set(j, "id", jint(r->id));
	set(j, "status", json_string(response_status_key(r->status)));
	set(j, "what_done", json_string(r->what_done));
	set(j, "reason", json_string(r->reason));
	set(j, "referred_to", json_string(r->referred_to));
	set(j, "decided_by", json_string(r->decided_by));
	set(j, "decided_at", jtime(r->decided_at));
	set(j, "created_at", jtime(r->created_at));
	return j;
}

/* A paper's address in the API (its file: suffix "/file"). */
static const char *paper_api_path(struct request *req, int64_t meeting_id, int64_t id,
                                  const char *suffix)
{
	return arena_printf(&req->arena, "/api/v1/panels/%lld/meetings/%lld/papers/%lld%s",
	                    (long long)req->panel->id, (long long)meeting_id, (long long)id, suffix);
}

/* A paper as a list gives it. kind: "markdown" for one written on the site,
 * else core/filetype.h's key ("pdf", "docx", "png"...). Who added it is
 * shown as the paper's page shows it (null once they have gone). */
static json_t *paper_json(struct request *req, const struct paper *p)
{
	json_t *j = json_object();
	set(j, "id", jint(p->id));
	set(j, "meeting_id", jint(p->meeting_id));
	set(j, "title", json_string(p->title));
	set(j, "summary", json_string(p->summary));
	set(j, "item_id", p->item_id ? jint(p->item_id) : json_null());
	set(j, "item_title", p->item_id ? json_string(p->item_title) : json_null());
	set(j, "kind", json_string(p->is_file ? filetype_key(p->file_kind) : "markdown"));
	set(j, "file_name", p->is_file ? json_string(p->file_name) : json_null());
	set(j, "file_size", p->is_file ? jint(p->file_size) : json_null());
	set(j, "file_url", p->is_file
	                   ? json_string(paper_api_path(req, p->meeting_id, p->id, "/file"))
	                   : json_null());
	set(j, "added_by", *p->created_by_name ? json_string(p->created_by_name) : json_null());
	set(j, "created_at", jtime(p->created_at));
	set(j, "published_at", jtime(p->published_at));
	set(j, "version", jint(p->version));
	return j;
}

/* One paper with its words: a Markdown paper's source and its HTML (safe
 * to put in a page: core/markdown.h). */
static json_t *paper_full_json(struct request *req, const struct paper *p)
{
	json_t *j = paper_json(req, p);
	if (!p->is_file) {
		set(j, "markdown", json_string(p->markdown));
		set(j, "html", json_string(markdown_to_html(p->markdown, strlen(p->markdown),
		                                            &req->arena)));
	}
	return j;
}

/* The reflections on a meeting or a project, as the page shows them: how
 * many answers there are, and figures over those released (whole groups
 * of REFLECTION_MIN_ANSWERS of each meeting; the store gives no more), so
 * that no answer can be picked out. A comment carries a name only when its
 * author put their name to it. */
static json_t *reflections_json(const struct reflection_summary *rs)
{
	json_t *j = json_object();
	set(j, "answers", jint(rs->answers));
	set(j, "answers_counted", jint(rs->released));
	if (!rs->released) return j;
	set(j, "felt_heard_average",
	    json_real(average_tenths(rs->felt_heard_sum, rs->released) / 10.0));
	static const char *const keys[2] = { "info_in_time", "felt_safe" };
	for (int q = 0; q < 2; q++) {
		const int64_t *c = q ? rs->felt_safe : rs->info_in_time;
		json_t *o = json_object();
		set(o, ypn_key(YPN_YES), jint(c[YPN_YES]));
		set(o, ypn_key(YPN_PARTLY), jint(c[YPN_PARTLY]));
		set(o, ypn_key(YPN_NO), jint(c[YPN_NO]));
		set(j, keys[q], o);
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < rs->ncomments; i++) {
		json_t *o = json_object();
		set(o, "text", json_string(rs->comments[i].text));
		if (*rs->comments[i].name) set(o, "name", json_string(rs->comments[i].name));
		json_array_append_new(arr, o);
	}
	set(j, "comments", arr);
	return j;
}

/* An agenda item as the viewer sees it; stewards (manage) also get how
 * many step out of it, never who. */
static json_t *agenda_item_json(const struct agenda_item *it, bool manage)
{
	json_t *a = json_object();
	set(a, "id", jint(it->id));
	set(a, "title", json_string(it->title));
	set(a, "why", json_string(it->why));
	set(a, "content_note", json_string(it->content_note));
	set(a, "state", json_string(item_state_key(it->state)));
	set(a, "position", it->state == ITEM_AGREED ? jint(it->position) : json_null());
	set(a, "not_taken_reason", json_string(it->not_taken_reason));
	set(a, "proposed_by", *it->proposer_name ? json_string(it->proposer_name) : json_null());
	set(a, "proposed_at", jtime(it->proposed_at));
	set(a, "supporters", jint(it->supporters));
	set(a, "i_support", json_boolean(it->i_support));
	set(a, "i_step_out", json_boolean(it->i_step_out));
	if (manage) set(a, "step_outs", jint(it->step_outs));
	return a;
}

/* ---- loading what the asker may see ---- */

/* One page of a contribution list, newest first, keeping only what the
 * asker may see. *next is where the next page starts (0: no more). Rows
 * a guest may not see are skipped, reading on for at most SCAN_PAGES
 * pages. */
static enum store_rc contributions_json_page(struct request *req, enum contribution_scope scope,
                                        int64_t key, int64_t before, int64_t limit,
                                        json_t *arr, int64_t *next)
{
	int64_t cursor = before;
	size_t kept = 0;
	bool more = true;
	int64_t zone_of = 0;
	const char *zone = "UTC";
	*next = 0;
	for (int round = 0; round < SCAN_PAGES && more && kept < (size_t)limit; round++) {
		struct contribution *c;
		size_t n;
		enum store_rc rc = store_contributions_list(req->store, scope, key, req->user->id,
		                                            cursor, (int)limit, &req->arena, &c, &n);
		if (rc != ST_OK) return rc;
		/* A meeting's page comes oldest first (the order things were
		 * said); the API gives every list newest first. */
		if (scope == CS_MEETING)
			for (size_t i = 0; i < n / 2; i++) {
				struct contribution t = c[i];
				c[i] = c[n - 1 - i];
				c[n - 1 - i] = t;
			}
		bool stopped = false;
		for (size_t i = 0; i < n; i++) {
			cursor = c[i].id;
			if (scope != CS_AUTHOR &&
			    !policy_can_see_contribution(&req->actor, c[i].owner_id == req->user->id))
				continue;
			json_t *j = contribution_json(req, &c[i]);
			if (scope == CS_AUTHOR) {
				/* Across panels: each with its panel, whose zone is read
				 * again only when the panel changes. */
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
			if (++kept == (size_t)limit) {
				stopped = i + 1 < n;
				break;
			}
		}
		more = stopped || n == (size_t)limit;
	}
	if (more) *next = cursor;
	return ST_OK;
}

/* ---- projects ---- */

void api_projects(struct request *req)
{
	struct project *pr;
	size_t n;
	struct influence f;
	if (store_projects_list(req->store, req->panel->id, &req->arena, &pr, &n) != ST_OK ||
	    store_influence(req->store, req->panel->id, 0, req->now, &f) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the projects.");
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
		respond_error(req, 500, "internal", "We could not load the project.");
		return;
	}
	json_t *j = project_json(&p);
	set(j, "closing_reflection", json_string(p.closing_reflection));
	json_t *arr = json_array();
	for (size_t i = 0; i < nr; i++) {
		json_t *r = json_object();
		set(r, "stage", json_string(stage_key(rungs[i].stage)));
		set(r, "rung", json_integer(rungs[i].rung));
		set(r, "rung_label", json_string(rung_label(rungs[i].rung)));
		set(r, "rung_group", json_string(rung_group(rungs[i].rung)));
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

/* ---- meetings ---- */

void api_meetings(struct request *req)
{
	bool guest = req->actor.role == ROLE_GUEST;
	struct meeting *m;
	size_t n;
	if (store_meetings_list(req->store, req->panel->id, 0, req->user->id, guest, &req->arena, &m,
	                        &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the meetings.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, meeting_json(&m[i]));
	json_t *j = json_object();
	set(j, "time_zone", json_string(req->panel->time_zone));
	set(j, "meetings", arr);
	api_send(req, 200, j);
}

void api_meeting(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	/* The writes below answer with the meeting as it is now. */
	if (req->method != M_GET && req->method != M_HEAD &&
	    !load_meeting_by_id(req, m.id, &m, &invited))
		return;
	enum meeting_reply mine;
	bool attended;
	struct agenda_item *it;
	size_t n;
	if (store_meeting_mine(req->store, m.id, req->user->id, &mine, &attended) != ST_OK ||
	    store_agenda_items(req->store, m.id, req->user->id, &req->arena, &it, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load this meeting.");
		return;
	}
	bool manage = policy_allows(&req->actor, PA_MANAGE_MEETINGS);
	bool published = m.agenda_published_at != 0;
	json_t *j = meeting_json(&m);
	set(j, "what_we_will_change", json_string(m.what_we_will_change));
	set(j, "my_reply", json_string(reply_key(mine)));
	set(j, "attended", json_boolean(attended));
	set(j, "can_reply", json_boolean(policy_can_reply_to_meeting(&req->actor, invited) &&
	                                 !m.cancelled_at && m.ends_at > req->now));
	set(j, "can_propose", json_boolean(policy_allows(&req->actor, PA_PROPOSE_ITEM) &&
	                                   !published && !m.cancelled_at));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		/* As the meeting's page: once published, an item left off whose
		 * proposer has gone is shown only to stewards. */
		if (published && it[i].state != ITEM_AGREED && !manage && !it[i].proposed_by) continue;
		json_array_append_new(arr, agenda_item_json(&it[i], manage));
	}
	set(j, "agenda", arr);
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}

/* ---- contributions ---- */

void api_contributions(struct request *req)
{
	int64_t before, limit, project = 0, meeting = 0;
	if (!api_query_page(req, &before, &limit) ||
	    !api_query_i64(req, "project", 1, INT64_MAX, &project, "project must be a project's id.") ||
	    !api_query_i64(req, "meeting", 1, INT64_MAX, &meeting, "meeting must be a meeting's id."))
		return;
	if (project && meeting) {
		respond_error_field(req, 400, "bad_query", "meeting",
		                    "Give a project or a meeting, not both.");
		return;
	}
	enum contribution_scope scope = CS_PANEL;
	int64_t key = req->panel->id;
	if (project) {
		/* Guests see no projects (as GET .../projects/{id} refuses). */
		if (!policy_allows(&req->actor, PA_VIEW_WORK)) {
			respond_error_field(req, 403, "forbidden", "project",
			                    "Your role on this panel does not let you see its projects.");
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
		respond_error(req, 500, "internal", "We could not load the contributions.");
		return;
	}
	json_t *j = api_list_answer("contributions", arr, next, limit);
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}

void api_contribution_post(struct request *req)
{
	/* Byte limits: the use case counts characters (5000, 120). */
	static const struct jsonb_field spec[] = {
		{ "kind", JB_STRING, true, 40 }, { "body", JB_STRING, true, 20000 },
		{ "attribution", JB_STRING, true, 40 }, { "group_name", JB_STRING, false, 480 },
		{ "project_id", JB_INTEGER, false, 0 }, { "meeting_id", JB_INTEGER, false, 0 },
		{ "item_id", JB_INTEGER, false, 0 }, { "author_id", JB_INTEGER, false, 0 },
		{ "owner_id", JB_INTEGER, false, 0 } };
	json_t *root;
	char bad[JSONB_FIELD_MAX + 1];
	const char *why;
	if (!jsonb_parse(req->body.data, req->body.len, spec, sizeof spec / sizeof spec[0], &root,
	                 bad, &why)) {
		respond_error_field(req, 400, "invalid", *bad ? bad : NULL, why);
		return;
	}
	struct contribution_new c = {0};
	bool ok = true;
	if (!kind_parse(json_string_value(json_object_get(root, "kind")), &c.kind)) {
		respond_error_field(req, 400, "invalid", "kind",
		                    "kind must be idea, concern, question or recommendation.");
		ok = false;
	} else if (!attribution_parse(json_string_value(json_object_get(root, "attribution")),
	                              &c.attribution)) {
		respond_error_field(req, 400, "invalid", "attribution",
		                    "attribution must be named, anonymous or group.");
		ok = false;
	}
	ok = ok && api_body_id(req, root, "project_id", &c.project_id) &&
	     api_body_id(req, root, "meeting_id", &c.meeting_id) &&
	     api_body_id(req, root, "item_id", &c.item_id) &&
	     api_body_id(req, root, "author_id", &c.author_id) &&
	     api_body_id(req, root, "owner_id", &c.owner_id);
	if (ok) {
		c.body = api_body_text(req, root, "body");
		c.group_name = api_body_text(req, root, "group_name");
	}
	json_decref(root);
	if (!ok) return;
	if (!c.author_id) c.author_id = req->user->id;
	/* Only a steward writes something down for someone else or picks who
	 * answers it (as the page). */
	if ((c.author_id != req->user->id || c.owner_id) &&
	    !policy_allows(&req->actor, PA_RECORD_CONTRIBUTION)) {
		respond_error_field(req, 403, "forbidden", c.owner_id ? "owner_id" : "author_id",
		                    "Only stewards record what someone else said or choose who "
		                    "answers it.");
		return;
	}
	int64_t id;
	struct app_error err;
	if (!app_contribute(req->store, req->panel, req->user->id, &c, req->now, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	/* Read back as the asker sees it: a contribution written down for
	 * someone else anonymously shows no author even to who wrote it. */
	struct contribution got;
	if (store_contribution_get(req->store, req->panel->id, id, req->user->id, &req->arena,
	                           &got) != ST_OK) {
		respond_error(req, 500, "internal", "It was saved, but we could not read it back.");
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
		respond_error(req, 500, "internal", "We could not load this contribution.");
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
	static const struct jsonb_field spec[] = {
		{ "status", JB_STRING, true, 40 }, { "what_done", JB_STRING, false, 20000 },
		{ "reason", JB_STRING, false, 20000 }, { "referred_to", JB_STRING, false, 800 },
		{ "decided_by", JB_STRING, false, 800 } };
	json_t *root = json_loadb(req->body.data ? req->body.data : "", req->body.len,
	                          JSON_REJECT_DUPLICATES, NULL);
	json_t *ids_json = root && json_is_object(root) ? json_object_get(root, "contributions") : NULL;
	size_t n = 0;
	int64_t *ids = NULL;
	const char *problem = NULL;
	if (root && json_is_object(root)) {
		if (!ids_json) problem = "This field is required.";
		else if (!json_is_array(ids_json) || !json_array_size(ids_json) ||
		         json_array_size(ids_json) > RESPOND_MAX)
			problem = "Give a list of 1 to 100 contribution ids.";
		else {
			ids = arena_alloc(&req->arena, json_array_size(ids_json) * sizeof *ids);
			size_t i;
			json_t *v;
			json_array_foreach(ids_json, i, v) {
				if (!json_is_integer(v) || json_integer_value(v) < 1) {
					problem = "Each contribution id must be a whole number, 1 or more.";
					break;
				}
				int64_t id = (int64_t)json_integer_value(v);
				bool seen = false;
				for (size_t k = 0; k < n && !seen; k++) seen = ids[k] == id;
				if (!seen) ids[n++] = id;
			}
		}
		if (!problem) json_object_del(root, "contributions");
	}
	if (problem) {
		json_decref(root);
		respond_error_field(req, 400, "invalid", "contributions", problem);
		return;
	}
	/* The rest (or the whole body, when it was not a JSON object, so the
	 * usual error is given) through the declared spec. */
	char *rest = root && json_is_object(root) ? json_dumps(root, JSON_COMPACT) : NULL;
	json_decref(root);
	json_t *j;
	char bad[JSONB_FIELD_MAX + 1];
	const char *why;
	bool parsed = rest ? jsonb_parse(rest, strlen(rest), spec, sizeof spec / sizeof spec[0], &j,
	                                 bad, &why)
	                   : jsonb_parse(req->body.data, req->body.len, spec,
	                                 sizeof spec / sizeof spec[0], &j, bad, &why);
	free(rest);
	if (!parsed) {
		respond_error_field(req, 400, "invalid", *bad ? bad : NULL, why);
		return;
	}
	struct response_record r = {0};
	bool status_ok = response_status_parse(json_string_value(json_object_get(j, "status")),
	                                       &r.status);
	r.what_done = api_body_text(req, j, "what_done");
	r.reason = api_body_text(req, j, "reason");
	r.referred_to = api_body_text(req, j, "referred_to");
	r.decided_by = api_body_text(req, j, "decided_by");
	json_decref(j);
	if (!status_ok) {
		respond_error_field(req, 400, "invalid", "status",
		                    "status must be received, under_consideration, adopted, "
		                    "adopted_in_part, not_adopted or referred.");
		return;
	}
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

/* ---- what a meeting leaves behind: papers ---- */

void api_papers(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	bool manage = policy_allows(&req->actor, PA_ADD_PAPER);
	struct paper *p;
	size_t n;
	if (store_papers_list(req->store, m.id, manage, &req->arena, &p, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the papers.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		if (policy_can_see_paper(&req->actor, invited, p[i].published_at != 0))
			json_array_append_new(arr, paper_json(req, &p[i]));
	json_t *j = json_object();
	set(j, "papers", arr);
	set(j, "can_add", json_boolean(manage));
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}

void api_paper(struct request *req)
{
	json_t *j = paper_full_json(req, req->paper);
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}

/* The file's bytes, with the headers of the page's download (the page's
 * address takes no API token: session.c). */
void api_paper_file(struct request *req)
{
	paper_file_send(req, req->paper);
}

/* {"title", "summary", "markdown", "item_id"?, "publish"?}: a paper written
 * in Markdown; or the same fields and a "file" part as multipart/form-data
 * (publish "1" or "true"): a file paper, checked as the page's upload is.
 * As the page: once the agenda is published, a paper is published at once. */
void api_paper_post(struct request *req)
{
	/* Byte limits: the use case counts characters (200, 1000, 100000). */
	static const struct jsonb_field spec[] = {
		{ "title", JB_STRING, true, 800 }, { "summary", JB_STRING, true, 4000 },
		{ "markdown", JB_STRING, true, 400000 }, { "item_id", JB_INTEGER, false, 0 },
		{ "publish", JB_BOOLEAN, false, 0 } };
	struct meeting m = *req->meeting;
	struct paper p = {0};
	bool is_file = req->upload.filename != NULL;
	if (is_file || multipart_is(req_header(req, "Content-Type"))) {
		p.title = text_trim(arena_strdup(&req->arena, field(req, "title")));
		p.summary = text_trim(arena_strdup(&req->arena, field(req, "summary")));
		p.markdown = field(req, "markdown");
		if (!*text_trim(arena_strdup(&req->arena, p.markdown))) p.markdown = "";
		const char *item = field(req, "item_id");
		if (*item && !parse_i64(item, 1, INT64_MAX, &p.item_id)) {
			respond_error_field(req, 400, "invalid", "item_id", "item_id must be an id.");
			return;
		}
		const char *publish = field(req, "publish");
		if (!strcmp(publish, "1") || !strcmp(publish, "true") || m.agenda_published_at)
			p.published_at = req->now;
	} else {
		json_t *root;
		if (!api_parse_body(req, spec, sizeof spec / sizeof spec[0], &root)) return;
		bool ok = api_body_id(req, root, "item_id", &p.item_id);
		if (ok) {
			p.title = api_body_text(req, root, "title");
			p.summary = api_body_text(req, root, "summary");
			const char *md = json_string_value(json_object_get(root, "markdown"));
			p.markdown = arena_strdup(&req->arena, md ? md : "");
			if (!*text_trim(arena_strdup(&req->arena, p.markdown))) p.markdown = "";
			if (json_is_true(json_object_get(root, "publish")) || m.agenda_published_at)
				p.published_at = req->now;
		}
		json_decref(root);
		if (!ok) return;
		if (!*p.markdown) {
			respond_error_field(req, 400, "invalid", "markdown",
			                    "Write the paper in Markdown, or send a file as "
			                    "multipart/form-data.");
			return;
		}
	}
	int64_t id;
	struct app_error err;
	if (!app_paper_add(req->store, req->cfg->files_dir, &m, &p, req->upload.data,
	                   req->upload.len, req->upload.filename, req->cfg->upload_limit,
	                   req->user->id, req->now, &req->arena, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	struct paper got;
	if (store_paper_get(req->store, m.id, id, &req->arena, &got) != ST_OK) {
		respond_error(req, 500, "internal", "It was saved, but we could not read it back.");
		return;
	}
	json_t *j = paper_full_json(req, &got);
	set(j, "time_zone", json_string(req->panel->time_zone));
	respond_header(req, "Location", paper_api_path(req, m.id, id, ""));
	api_send(req, 201, j);
}

/* Publishes a draft; a published paper stays as it is (as the page). */
void api_paper_publish(struct request *req)
{
	struct meeting m = *req->meeting;
	struct paper p;
	struct app_error err;
	if (!app_paper_publish(req->store, &m, req->params[2], req->now, &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	if (store_paper_get(req->store, m.id, req->params[2], &req->arena, &p) != ST_OK) {
		respond_error(req, 500, "internal", "It was published, but we could not read it back.");
		return;
	}
	json_t *j = paper_json(req, &p);
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}

void api_paper_delete(struct request *req)
{
	struct meeting m = *req->meeting;
	struct app_error err;
	if (!app_paper_remove(req->store, req->cfg->files_dir, &m, req->params[2], &err)) {
		api_respond_error(req, &err);
		return;
	}
	req->status = 204;
}

/* ---- reflections, what we will change, closing ---- */

/* The meeting's reflections as everyone who may see the meeting sees them,
 * and where the asker stands. */
void api_reflections(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	struct reflection_summary rs;
	enum meeting_reply reply;
	bool attended;
	if (store_reflections_summary(req->store, false, m.id, &req->arena, &rs) != ST_OK ||
	    store_meeting_mine(req->store, m.id, req->user->id, &reply, &attended) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load the reflections.");
		return;
	}
	bool done = store_reflection_done(req->store, m.id, req->user->id);
	json_t *j = reflections_json(&rs);
	set(j, "i_have_answered", json_boolean(done));
	set(j, "can_reflect", json_boolean(!done && !m.cancelled_at && m.ends_at <= req->now &&
	                                   policy_can_reflect(&req->actor, invited, attended)));
	api_send(req, 200, j);
}

/* {"felt_heard": 1..5, "info_in_time", "felt_safe": "yes|partly|no",
 *  "should_change"?, "named"?}: once, after the meeting, by an attendee. */
void api_reflection_post(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	struct input_value in[REFLECTION_INPUTS];
	if (!api_inputs(req, reflection_inputs, REFLECTION_INPUTS, in)) return;
	struct reflection r;
	app_reflection_from_inputs(in, &r);
	struct app_error err;
	if (!app_reflect(req->store, &req->actor, invited, &m, req->user->id, &r, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *j = json_object();
	set(j, "meeting_id", jint(m.id));
	set(j, "felt_heard", json_integer(r.felt_heard));
	set(j, "info_in_time", json_string(ypn_key(r.info_in_time)));
	set(j, "felt_safe", json_string(ypn_key(r.felt_safe)));
	set(j, "should_change", json_string(r.should_change));
	set(j, "named", json_boolean(r.named));
	api_send(req, 201, j);
}

/* {"text"}: the stewards' answer to the reflections ("" clears it);
 * every attendee but the writer is told on the site. */
void api_what_we_will_change_put(struct request *req)
{
	struct meeting m = *req->meeting;
	struct input_value in[CHANGE_INPUTS];
	if (!api_inputs(req, change_inputs, CHANGE_INPUTS, in)) return;
	struct app_error err;
	if (!app_what_we_will_change(req->store, &m, in[CHANGE_TEXT].text, req->user->id, req->now,
	                             &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	if (store_meeting_get(req->store, req->panel->id, m.id, &req->arena, &m) != ST_OK) {
		respond_error(req, 500, "internal", "It was saved, but we could not read it back.");
		return;
	}
	json_t *j = meeting_json(&m);
	set(j, "what_we_will_change", json_string(m.what_we_will_change));
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
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
		respond_error(req, 500, "internal", "It was saved, but we could not read it back.");
		return;
	}
	json_t *j = project_json(&p);
	set(j, "closing_reflection", json_string(p.closing_reflection));
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}

/* ---- writes the pages have: projects, meetings, agendas, attendance ----
 * Each as its page (voice/projects_page.c, voice/meetings_page.c), with the same
 * checks and the same notices; the route gives the same policy action. */

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
		respond_error(req, 500, "internal", "It was saved, but we could not read it back.");
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
	set(j, "rung_label", json_string(rung_label((int)rung)));
	set(j, "rung_group", json_string(rung_group((int)rung)));
	set(j, "evidence", json_string(evidence));
	set(j, "recorded_at", jtime(req->now));
	api_send(req, 201, j);
}

/* {"title", "project_id"?, "starts_at", "ends_at", "place"?,
 *  "place_access"?, "online_url"?}: plans a meeting. Times are UTC,
 * "2030-01-15T14:00:00Z"; the agenda is due the panel's agenda_days
 * before it, at the end of that day in the panel's zone. */
void api_meeting_post(struct request *req)
{
	struct input_value in[MEETING_INPUTS];
	if (!api_inputs(req, meeting_inputs, MEETING_INPUTS, in)) return;
	struct meeting m = {0};
	app_meeting_from_inputs(in, &m);
	struct api_first_error bad = {0};
	if (!app_meeting_times(req->panel, in, &m.starts_at, &m.ends_at, api_error_add, &bad)) {
		respond_error_field(req, 400, "invalid", bad.field, bad.message);
		return;
	}
	int64_t id;
	struct app_error err;
	if (!app_meeting_create(req->store, req->panel, req->user->id, &m, req->now, &id, &err)) {
		/* Named as it was given: in UTC, or in the panel's zone. */
		if (in[MEETING_ENDS_AT].given) api_respond_error_as(req, &err, "end_time", "ends_at");
		else api_respond_error(req, &err);
		return;
	}
	struct meeting got;
	if (store_meeting_get(req->store, req->panel->id, id, &req->arena, &got) != ST_OK) {
		respond_error(req, 500, "internal", "It was saved, but we could not read it back.");
		return;
	}
	json_t *j = meeting_json(&got);
	set(j, "time_zone", json_string(req->panel->time_zone));
	respond_header(req, "Location", arena_printf(&req->arena, "/api/v1/panels/%lld/meetings/%lld",
	                                             (long long)req->panel->id, (long long)id));
	api_send(req, 201, j);
}

/* {"reply": "coming|maybe|not_coming"} → the meeting as GET gives it. */
void api_meeting_reply_put(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	struct input_value in[REPLY_INPUTS];
	if (!api_inputs(req, reply_inputs, REPLY_INPUTS, in)) return;
	enum meeting_reply r = REPLY_NONE;
	reply_parse(in[REPLY_REPLY].text, &r);
	struct app_error err;
	if (!app_meeting_reply(req->store, &req->actor, &m, invited, req->user->id, r, req->now,
	                       &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_meeting(req);
}

/* {"title", "why", "content_note"?}: proposes an agenda item → 201 with
 * the item. */
void api_item_post(struct request *req)
{
	struct meeting m = *req->meeting;
	struct input_value in[ITEM_INPUTS];
	if (!api_inputs(req, item_inputs, ITEM_INPUTS, in)) return;
	int64_t id;
	struct app_error err;
	if (!app_propose_item(req->store, &m, req->user->id, in[ITEM_TITLE].text, in[ITEM_WHY].text,
	                      in[ITEM_CONTENT_NOTE].text, req->now, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	struct agenda_item it;
	if (store_agenda_item_get(req->store, m.id, id, req->user->id, &req->arena, &it) != ST_OK) {
		respond_error(req, 500, "internal", "It was saved, but we could not read it back.");
		return;
	}
	json_t *j = agenda_item_json(&it, policy_allows(&req->actor, PA_MANAGE_MEETINGS));
	set(j, "meeting_id", jint(m.id));
	api_send(req, 201, j);
}

/* {"on": true|false}: support an item, or step out of it (as the page's
 * item_toggle) → the meeting as GET gives it. */
static void item_toggle_put(struct request *req, bool support)
{
	static const struct jsonb_field spec[] = { { "on", JB_BOOLEAN, true, 0 } };
	struct meeting m = *req->meeting;
	struct agenda_item it;
	if (store_agenda_item_get(req->store, m.id, req->params[2], req->user->id, &req->arena,
	                          &it) != ST_OK) {
		respond_error(req, 404, "not_found", "There is no such item on this meeting's agenda.");
		return;
	}
	json_t *root;
	if (!api_parse_body(req, spec, 1, &root)) return;
	bool on = json_is_true(json_object_get(root, "on"));
	json_decref(root);
	struct app_error err;
	if (!app_item_toggle(req->store, &m, &it, support, req->user->id, on, req->now, &err)) {
		respond_app_error(req, &err);
		return;
	}
	api_meeting(req);
}

void api_item_support_put(struct request *req) { item_toggle_put(req, true); }
void api_item_step_out_put(struct request *req) { item_toggle_put(req, false); }

/* {"items": [{"id", "on_agenda": bool, "reason"?}]}: publishes the agenda,
 * the items taken in the order given. Every item of the meeting is
 * decided, once; a reason is for an item left off (its proposer sees it).
 * → the meeting as GET gives it; 409 when already published. */
void api_agenda_post(struct request *req)
{
	static const char *const lists[] = { "items" };
	struct meeting m = *req->meeting;
	json_t *root, *items;
	if (!api_parse_body_lists(req, NULL, 0, lists, &items, 1, &root)) return;
	json_decref(root);
	size_t n = items ? json_array_size(items) : 0;
	struct agenda_choice *c = arena_alloc(&req->arena, (n + 1) * sizeof *c);
	const char *problem = items ? NULL : "This field is required.";
	for (size_t i = 0; i < n && !problem; i++) {
		json_t *o = json_array_get(items, i), *k;
		const char *key;
		json_object_foreach(o, key, k)
			if (strcmp(key, "id") && strcmp(key, "on_agenda") && strcmp(key, "reason"))
				problem = arena_printf(&req->arena, "An item has a field we do not know: %s.", key);
		if (problem) break;
		json_t *id = json_object_get(o, "id"), *take = json_object_get(o, "on_agenda"),
		       *reason = json_object_get(o, "reason");
		if (!json_is_object(o) || !json_is_integer(id) || json_integer_value(id) < 1 ||
		    !json_is_boolean(take) || (reason && !json_is_string(reason))) {
			problem = "Each item must be {\"id\": an item's id, \"on_agenda\": true or false, "
			          "\"reason\"?: text}.";
			break;
		}
		c[i] = (struct agenda_choice){
			(int64_t)json_integer_value(id), json_is_true(take),
			text_trim(arena_strdup(&req->arena, reason ? json_string_value(reason) : "")) };
	}
	json_decref(items);
	if (problem) {
		respond_error_field(req, 400, "invalid", "items", problem);
		return;
	}
	struct app_error err;
	if (!app_agenda_publish(req->store, &m, c, n, req->now, &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_meeting(req);
}

/* The user ids of list (a JSON array) into *out; false, with *problem set,
 * when one is not an id. */
static bool read_user_ids(struct request *req, json_t *list, int64_t **out, size_t *n,
                          const char **problem)
{
	*n = 0;
	*out = arena_alloc(&req->arena, (json_array_size(list) + 1) * sizeof **out);
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			*problem = "Each must be a user id, 1 or more.";
			return false;
		}
		(*out)[(*n)++] = (int64_t)json_integer_value(v);
	}
	return true;
}

/* {"attended": [user ids], "not_attended": [user ids]}: records who came
 * (as the page: anyone else's record is left as it is). Someone newly
 * recorded as having come to a meeting that is over is asked, once, for
 * their reflection. → who has replied or been recorded, as the page's
 * "Replies and attendance". */
void api_attendance_put(struct request *req)
{
	static const char *const lists[] = { "attended", "not_attended" };
	struct meeting m = *req->meeting;
	json_t *root, *l[2];
	if (!api_parse_body_lists(req, NULL, 0, lists, l, 2, &root)) return;
	json_decref(root);
	int64_t *ids[2] = { NULL, NULL };
	size_t n[2] = { 0, 0 };
	const char *problem = NULL, *bad = NULL;
	int status = 400;
	for (int k = 0; k < 2 && !problem; k++)
		if (l[k] && !read_user_ids(req, l[k], &ids[k], &n[k], &problem)) bad = lists[k];
	json_decref(l[0]);
	json_decref(l[1]);
	if (!problem && !l[0] && !l[1]) {
		bad = "attended";
		problem = "Give attended, not_attended or both.";
	}
	/* Everyone named must be on the panel, and named once. */
	for (int k = 0; k < 2 && !problem; k++)
		for (size_t i = 0; i < n[k] && !problem; i++) {
			struct membership mem;
			bool twice = false;
			for (int k2 = 0; k2 < 2; k2++)
				for (size_t i2 = 0; i2 < n[k2]; i2++)
					twice |= (k2 != k || i2 != i) && ids[k2][i2] == ids[k][i];
			bad = lists[k];
			if (twice)
				problem = arena_printf(&req->arena, "User %lld is named twice. Nothing was saved.",
				                       (long long)ids[k][i]);
			else if (store_membership_get(req->store, req->panel->id, ids[k][i], &mem) != ST_OK) {
				status = 404;
				problem = arena_printf(&req->arena, "User %lld is not a member of this panel. "
				                                    "Nothing was saved.", (long long)ids[k][i]);
			}
		}
	if (problem) {
		respond_error_field(req, status, status == 404 ? "not_found" : "invalid", bad, problem);
		return;
	}
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < n[k]; i++) {
			struct app_error err;
			if (!app_record_attendance(req->store, req->panel, &m, req->user->id, ids[k][i],
			                           k == 0, req->now, &req->arena, &err)) {
				api_respond_error(req, &err);
				return;
			}
		}
	struct meeting_person *pp;
	size_t np;
	if (store_meeting_people(req->store, req->panel->id, m.id, &req->arena, &pp, &np) != ST_OK) {
		respond_error(req, 500, "internal", "It was saved, but we could not read it back.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < np; i++) {
		json_t *o = json_object();
		set(o, "user_id", jint(pp[i].user_id));
		set(o, "display_name", json_string(pp[i].display_name));
		set(o, "role", json_string(role_key(pp[i].role)));
		set(o, "reply", json_string(reply_key(pp[i].reply)));
		set(o, "attended", pp[i].attended < 0 ? json_null() : json_boolean(pp[i].attended == 1));
		json_array_append_new(arr, o);
	}
	json_t *j = json_object();
	set(j, "meeting_id", jint(m.id));
	set(j, "people", arr);
	api_send(req, 200, j);
}

/* PUT invites guest {id} (the route's third id, an active guest of the
 * panel) to the meeting, telling them on the site the first time; DELETE
 * withdraws the invitation. */
static void meeting_guest_set(struct request *req, bool on)
{
	struct meeting m = *req->meeting;
	int64_t uid = req->params[2];
	struct app_error err;
	if (!app_meeting_guest_set(req->store, req->panel, &m, uid, on, req->now, &req->arena,
	                           &err)) {
		api_respond_error(req, &err);
		return;
	}
	if (!on) {
		req->status = 204;
		return;
	}
	json_t *j = json_object();
	set(j, "meeting_id", jint(m.id));
	set(j, "user_id", jint(uid));
	set(j, "invited", json_true());
	api_send(req, 200, j);
}

void api_meeting_guest_put(struct request *req) { meeting_guest_set(req, true); }
void api_meeting_guest_delete(struct request *req) { meeting_guest_set(req, false); }

/* ---- the person's own ---- */

void api_my_contributions(struct request *req)
{
	int64_t before, limit;
	if (!api_query_page(req, &before, &limit)) return;
	json_t *arr = json_array();
	int64_t next;
	/* CS_AUTHOR always lists the asker's own, whatever key is given. */
	if (contributions_json_page(req, CS_AUTHOR, req->user->id, before, limit, arr, &next) != ST_OK) {
		json_decref(arr);
		respond_error(req, 500, "internal", "We could not load what you said.");
		return;
	}
	api_send(req, 200, api_list_answer("contributions", arr, next, limit));
}

void api_notices(struct request *req)
{
	int64_t limit = LIST_DEFAULT;
	if (!api_query_i64(req, "limit", 1, LIST_MAX, &limit, "limit must be 1 to 100.")) return;
	struct notice *n;
	size_t k;
	if (store_notices_list(req->store, req->user->id, (int)limit, &req->arena, &n, &k) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load your notices.");
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < k; i++) {
		json_t *o = json_object();
		set(o, "id", jint(n[i].id));
		set(o, "panel_id", n[i].panel_id ? jint(n[i].panel_id) : json_null());
		set(o, "body", json_string(n[i].body));
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
