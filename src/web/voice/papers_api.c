/* The JSON API for what a meeting leaves behind: papers (Markdown, or a
 * file through the page's multipart form), reflections and "what we will
 * change", with the checks of voice/papers_page.c and voice/meetings_page.c:
 * a draft paper only for those who add papers. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/http/multipart.h"
#include "web/voice/voice_json.h"
#include "web/voice/voice_ui.h"

void api_papers(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	bool manage = policy_allows(&req->actor, PA_ADD_PAPER);
	struct paper *p;
	size_t n;
	if (store_papers_list(req->store, m.id, manage, &req->arena, &p, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the papers."));
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
		{ "publish", JB_BOOLEAN, false, 0 }, { "content_note", JB_STRING, false, 1200 } };
	struct meeting m = *req->meeting;
	struct paper p = {0};
	bool is_file = req->upload.filename != NULL;
	if (is_file || multipart_is(req_header(req, "Content-Type"))) {
		p.title = text_trim(arena_strdup(&req->arena, field(req, "title")));
		p.summary = text_trim(arena_strdup(&req->arena, field(req, "summary")));
		p.content_note = text_trim(arena_strdup(&req->arena, field(req, "content_note")));
		p.markdown = field(req, "markdown");
		if (!*text_trim(arena_strdup(&req->arena, p.markdown))) p.markdown = "";
		const char *item = field(req, "item_id");
		if (*item && !parse_i64(item, 1, INT64_MAX, &p.item_id)) {
			respond_error_field(req, 400, "invalid", "item_id", 
			                    /* TRANSLATORS: item_id is the name of a field: keep it */
			                    _("item_id must be an id."));
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
			p.content_note = api_body_text(req, root, "content_note");
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
			                    _("Write the paper in Markdown, or send a file as "
			                      "multipart/form-data."));
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
		respond_error(req, 500, "internal", _("It was saved, but we could not read it back."));
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
	if (!app_paper_publish(req->store, &m, req->params[2], req->user->id, req->now,
	                       &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	if (store_paper_get(req->store, m.id, req->params[2], &req->arena, &p) != ST_OK) {
		respond_error(req, 500, "internal", _("It was published, but we could not read it back."));
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
		respond_error(req, 500, "internal", _("We could not load the reflections."));
		return;
	}
	bool done = store_reflection_done(req->store, m.id, req->user->id);
	json_t *j = reflections_json(&rs);
	set(j, "i_have_answered", json_boolean(done));
	set(j, "can_reflect", json_boolean(!done && !m.cancelled_at && m.ends_at <= req->now &&
	                                   policy_can_reflect(&req->actor, invited, attended)));
	api_send(req, 200, j);
}

/* {"felt_heard": 1..5 or 0 to pass, "info_in_time", "felt_safe": "yes|partly|no|pass",
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
	set(j, "felt_heard", r.felt_heard ? json_integer(r.felt_heard) : json_null());
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
		respond_error(req, 500, "internal", _("It was saved, but we could not read it back."));
		return;
	}
	json_t *j = meeting_json(&m);
	set(j, "what_we_will_change", json_string(m.what_we_will_change));
	set(j, "time_zone", json_string(req->panel->time_zone));
	api_send(req, 200, j);
}
