/* The JSON API of support (app/check_ins.c), as wellbeing/support_page.c:
 * the panel's support contacts and person, a meeting's private check-in,
 * and the follow-ups that only the support person sees. */
#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"

static json_t *contact_json(const struct support_contact *c)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", c->name, "helps_with",
	                      c->helps_with, "phone", c->phone, "text_to", c->text_to, "web", c->web,
	                      "hours", c->hours);
	json_object_set_new(j, "id", c->id ? jint(c->id) : json_null());
	return j;
}

static void send_support(struct request *req, int status)
{
	struct support_view v;
	struct app_error err;
	if (!app_support_view(req->store, req->panel->id, &req->arena, &v, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < v.n; i++) json_array_append_new(list, contact_json(&v.contacts[i]));
	api_send(req, status,
	         json_pack("{s:o, s:b, s:o}", "support_person",
	                   jref(v.support.support_user_id, "name", v.support.support_name),
	                   "own_list", v.support.own_contacts, "contacts", list));
}

void api_support(struct request *req)
{
	send_support(req, 200);
}

static void save_contact(struct request *req, int64_t id)
{
	struct input_value in[CONTACT_INPUTS];
	struct app_error err;
	int64_t got;
	if (!api_inputs(req, contact_inputs, CONTACT_INPUTS, in)) return;
	if (!app_support_contact_save(req->store, req->panel->id, id, in, &got, &err)) {
		api_respond_error(req, &err);
		return;
	}
	struct support_view v;
	if (!app_support_view(req->store, req->panel->id, &req->arena, &v, &err)) {
		api_respond_error(req, &err);
		return;
	}
	for (size_t i = 0; i < v.n; i++)
		if (v.contacts[i].id == got) {
			api_send(req, id ? 200 : 201, contact_json(&v.contacts[i]));
			return;
		}
	respond_error(req, 500, "internal", _("We could not load the contact."));
}

void api_support_contact_post(struct request *req)
{
	save_contact(req, 0);
}

void api_support_contact_put(struct request *req)
{
	save_contact(req, req->params[1]);
}

void api_support_contact_delete(struct request *req)
{
	struct app_error err;
	if (!app_support_contact_remove(req->store, req->panel->id, req->params[1], &err)) {
		api_respond_error(req, &err);
		return;
	}
	req->status = 204;
}

/* {"own": true|false}: keep the panel's own list (starting from the
 * shipped one), or go back to the shipped list. */
void api_support_list_put(struct request *req)
{
	static const struct input_field own[] = { { .name = "own", .kind = IN_BOOL,
		                                    .required = true } };
	struct input_value in[1];
	struct app_error err;
	if (!api_inputs(req, own, 1, in)) return;
	if (!app_support_contacts_keep(req->store, req->panel->id, in[0].number != 0, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_support(req, 200);
}

/* {"user_id": id, or 0 for nobody} */
void api_support_person_put(struct request *req)
{
	struct input_value in[SUPPORT_PERSON_INPUTS];
	struct app_error err;
	if (!api_inputs(req, support_person_inputs, SUPPORT_PERSON_INPUTS, in)) return;
	if (!app_support_person_set(req->store, req->panel->id, in[SUPPORT_PERSON].number, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_support(req, 200);
}

/* ---- a meeting's check-in ---- */

static void send_check_in(struct request *req, int status)
{
	struct check_in_view v;
	struct app_error err;
	if (!app_check_in_view(req->store, &req->actor, req->invited, req->meeting, req->user->id,
	                       req->now, &v, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *answer = v.answer ? json_string(check_in_key(v.answer)) : json_null();
	api_send(req, status, json_pack("{s:b, s:b, s:o}", "hard", v.hard, "can_answer", v.may,
	                                "answer", answer));
}

void api_check_in(struct request *req)
{
	send_check_in(req, 200);
}

/* {"answer": "fine|contact|signpost"} */
void api_check_in_put(struct request *req)
{
	struct input_value in[CHECK_IN_INPUTS];
	struct app_error err;
	enum check_in_answer answer = CHECK_IN_NONE;
	if (!api_inputs(req, check_in_inputs, CHECK_IN_INPUTS, in)) return;
	check_in_parse(in[CHECK_IN_ANSWER].text, &answer);
	if (!app_check_in(req->store, &req->actor, req->invited, req->meeting, req->user->id, answer,
	                  req->now, &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_check_in(req, 200);
}

/* ---- follow-ups ---- */

static json_t *follow_up_json(const struct follow_up *f)
{
	json_t *j = json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", jint(f->id), "person",
	                      jref(f->user_id, "name", f->person), "meeting",
	                      jref(f->meeting_id, "title", f->meeting_title), "asked_at",
	                      jtime(f->asked_at), "due_at", jtime(f->due_at));
	json_object_set_new(j, "done_at", jtime(f->done_at));
	json_object_set_new(j, "done_by", f->done_at ? json_string(f->done_by) : json_null());
	json_object_set_new(j, "note", json_string(f->done_note));
	return j;
}

void api_follow_ups(struct request *req)
{
	struct follow_up *f;
	size_t n;
	struct app_error err;
	if (!app_follow_ups(req->store, &req->actor, req->panel->id, req->user->id, &req->arena, &f,
	                    &n, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(list, follow_up_json(&f[i]));
	api_send(req, 200, json_pack("{s:o}", "follow_ups", list));
}

/* {"note"?}: records that the follow-up was done. */
void api_follow_up_done(struct request *req)
{
	struct input_value in[FOLLOW_UP_INPUTS];
	struct app_error err;
	if (!api_inputs(req, follow_up_inputs, FOLLOW_UP_INPUTS, in)) return;
	if (!app_follow_up_done(req->store, &req->actor, req->panel->id, req->user->id,
	                        req->params[1], in[FOLLOW_UP_NOTE].text, req->now, &req->arena,
	                        &err)) {
		api_respond_error(req, &err);
		return;
	}
	struct follow_up *f;
	size_t n;
	if (!app_follow_ups(req->store, &req->actor, req->panel->id, req->user->id, &req->arena, &f,
	                    &n, &err)) {
		api_respond_error(req, &err);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (f[i].id == req->params[1]) {
			api_send(req, 200, follow_up_json(&f[i]));
			return;
		}
	respond_error(req, 500, "internal", _("We could not load the follow-up."));
}
