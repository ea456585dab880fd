/* The JSON API for meetings: the list, one meeting with its agenda, a new
 * meeting, replies, agenda items proposed, supported and stepped out of,
 * the agenda published, attendance and guests. The same use cases (app.h)
 * and declared inputs as voice/meetings_page.c; a guest sees only the
 * meetings they are invited to (the route's OBJ_MEETING loader).
 * Times are UTC, ISO 8601, or null; answers carry the panel's time_zone. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/http/loaders.h"
#include "web/ui/answers.h"
#include "web/voice/voice_json.h"

void api_meetings(struct request *req)
{
	bool guest = req->actor.role == ROLE_GUEST;
	struct meeting *m;
	size_t n;
	if (store_meetings_list(req->store, req->panel->id, 0, req->user->id, guest, &req->arena, &m,
	                        &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the meetings."));
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
		respond_error(req, 500, "internal", _("We could not load this meeting."));
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
	                                   !published && !m.cancelled_at && m.starts_at > req->now));
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
		respond_error(req, 500, "internal", _("It was saved, but we could not read it back."));
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
		respond_error(req, 500, "internal", _("It was saved, but we could not read it back."));
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
		respond_error(req, 404, "not_found", _("There is no such item on this meeting's agenda."));
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
	const char *problem = items ? NULL : _("This field is required.");
	for (size_t i = 0; i < n && !problem; i++) {
		json_t *o = json_array_get(items, i), *k;
		const char *key;
		json_object_foreach(o, key, k)
			if (strcmp(key, "id") && strcmp(key, "on_agenda") && strcmp(key, "reason"))
				/* TRANSLATORS: %s is the name of a field sent to the API */
				problem = arena_printf(&req->arena, _("An item has a field we do not know: %s."),
				                       key);
		if (problem) break;
		json_t *id = json_object_get(o, "id"), *take = json_object_get(o, "on_agenda"),
		       *reason = json_object_get(o, "reason");
		if (!json_is_object(o) || !json_is_integer(id) || json_integer_value(id) < 1 ||
		    !json_is_boolean(take) || (reason && !json_is_string(reason))) {
			/* TRANSLATORS: the shape of an item sent to the API: keep the
			 * names in quotes, true and false as they are */
			problem = _("Each item must be {\"id\": an item's id, \"on_agenda\": true or false, "
			            "\"reason\"?: text}.");
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
	if (!app_agenda_publish(req->store, &m, c, n, req->user->id, req->now, &req->arena, &err)) {
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
			*problem = _("Each must be a user id, 1 or more.");
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
		/* TRANSLATORS: attended and not_attended are names of fields: keep them */
		problem = _("Give attended, not_attended or both.");
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
				problem = arena_printf(&req->arena,
				                       /* TRANSLATORS: %lld is a user's id */
				                       _("User %lld is named twice. Nothing was saved."),
				                       (long long)ids[k][i]);
			else if (store_membership_get(req->store, req->panel->id, ids[k][i], &mem) != ST_OK) {
				status = 404;
				/* TRANSLATORS: %lld is a user's id */
				problem = arena_printf(&req->arena, _("User %lld is not a member of this panel. "
				                                      "Nothing was saved."),
				                       (long long)ids[k][i]);
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
		respond_error(req, 500, "internal", _("It was saved, but we could not read it back."));
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
