/* The JSON API under /api/v1: the same resources and the same permission
 * checks as the pages (routes.c declares both), through the same use
 * cases (app.h). Errors use the one envelope of respond_error(). */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "core/civil_time.h"
#include "web/http/inputs.h"
#include "web/ui/answers.h"

static json_t *panel_json(const struct panel *p)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:I}", "id", (json_int_t)p->id,
	                 "name", p->name, "description", p->description, "time_zone", p->time_zone,
	                 "language", p->language, "hosting", hosting_key(p->hosting),
	                 "co_creators_post", p->co_creators_post ? json_true() : json_false(),
	                 "organisation", p->organisation, "version", (json_int_t)p->version);
}

void api_me(struct request *req)
{
	json_t *j = json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)req->user->id,
	                      "email", req->user->email, "display_name", req->user->display_name,
	                      "is_admin", req->user->is_admin);
	const char *notices = "immediately";
	store_mail_choice_get(req->store, req->user->id, &req->arena, &notices);
	json_object_set_new(j, "mail", json_pack("{s:s}", "notices", notices));
	/* Their choice of language for pages and mail; null: none. */
	json_object_set_new(j, "language", *req->user->language ? json_string(req->user->language)
	                                                         : json_null());
	/* A cookie-signed-in script needs the token for its writes. */
	if (!req->via_bearer) json_object_set_new(j, "csrf_token", json_string(csrf_token(req)));
	api_send(req, 200, j);
}

/* PUT {"notices": "immediately" | "daily" | "none"}; answers as GET /me. */
void api_me_mail_put(struct request *req)
{
	struct input_value in[MAIL_INPUTS];
	if (!api_inputs(req, mail_inputs, MAIL_INPUTS, in)) return;
	struct app_error err;
	if (!app_mail_choice_set(req->store, req->user->id, in[MAIL_IN_NOTICES].text, req->now,
	                         &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_me(req);
}

/* PUT {"language": "pl"} ("" for none); answers as GET /me. */
void api_me_language_put(struct request *req)
{
	struct input_value in[LANGUAGE_INPUTS];
	if (!api_inputs(req, language_inputs, LANGUAGE_INPUTS, in)) return;
	struct app_error err;
	const char *code = in[LANGUAGE_IN_CODE].text;
	if (!app_language_set(req->store, req->user->id, code, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	req->user->language = code;
	api_me(req);
}

void api_panels(struct request *req)
{
	struct my_panel *mp;
	size_t n;
	if (store_panels_for_user(req->store, req->user->id, &req->arena, &mp, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("Your panels could not be loaded."));
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *p = panel_json(&mp[i].panel);
		json_object_set_new(p, "my_role", json_string(role_key(mp[i].me.role)));
		json_object_set_new(p, "my_status", json_string(status_key(mp[i].me.status)));
		json_array_append_new(arr, p);
	}
	api_send(req, 200, json_pack("{s:o}", "panels", arr));
}

void api_panel(struct request *req)
{
	json_t *p = panel_json(req->panel);
	json_object_set_new(p, "my_role", json_string(role_key(req->actor.role)));
	json_object_set_new(p, "my_status", json_string(status_key(req->actor.status)));
	api_send(req, 200, p);
}

void api_members(struct request *req)
{
	int64_t offset = 0, limit = 100, total = 0;
	const char *o = form_get(&req->query, "offset"), *l = form_get(&req->query, "limit");
	if ((o && !parse_i64(o, 0, INT64_MAX, &offset)) || (l && !parse_i64(l, 1, 500, &limit))) {
		/* TRANSLATORS: "offset" and "limit" are names in the API: keep them */
		respond_error(req, 400, "bad_query", _("offset must be 0 or more; limit 1 to 500."));
		return;
	}
	/* ?q= as on the page: part of a name (a steward's also of an address). */
	const char *q = form_get(&req->query, "q");
	if (q && (utf8_length(q) > 100 || !utf8_valid(q, strlen(q)))) {
		/* TRANSLATORS: "q" is a name in the API: keep it */
		respond_error_field(req, 400, "bad_query", "q", _("q is up to 100 characters of a name."));
		return;
	}
	bool manage = policy_allows(&req->actor, PA_MANAGE_MEMBERS);
	struct member_row *rows;
	size_t n;
	if (app_members_find(req->store, req->panel->id, q ? text_trim(arena_strdup(&req->arena, q))
	                                                   : "",
	                     manage, offset, limit, &req->arena, &rows, &n, &total) != ST_OK) {
		respond_error(req, 500, "internal", _("The members could not be loaded."));
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *m = json_pack("{s:I,s:s,s:s}", "user_id", (json_int_t)rows[i].m.user_id,
		                      "display_name", rows[i].display_name, "role", role_key(rows[i].m.role));
		if (manage) {
			json_object_set_new(m, "status", json_string(status_key(rows[i].m.status)));
			json_object_set_new(m, "email", json_string(rows[i].email));
		}
		json_array_append_new(arr, m);
	}
	api_send(req, 200, json_pack("{s:o,s:I,s:I,s:I}", "members", arr, "total", (json_int_t)total,
	                         "offset", (json_int_t)offset, "limit", (json_int_t)limit));
}

static json_t *profile_json(struct request *req, const struct visible_profile *vp)
{
	json_t *fields = json_object();
	for (size_t i = 0; i < vp->n; i++)
		json_object_set_new(fields, vp->values[i].field,
		                    json_pack("{s:s,s:s}", "value", vp->values[i].value, "visibility",
		                              visibility_key(vp->values[i].visibility)));
	json_t *j = json_pack("{s:I,s:s,s:o}", "user_id", (json_int_t)vp->person.id,
	                      "display_name", vp->person.display_name, "fields", fields);
	if (vp->consented) {
		json_t *c = json_object();
		for (size_t i = 0; i < profile_field_count; i++)
			if (profile_fields[i].consent_purpose)
				json_object_set_new(c, profile_fields[i].key, json_boolean(vp->consented[i]));
		json_object_set_new(j, "consents", c);
		json_object_set_new(j, "version", json_integer(vp->person.version));
	}
	return j;
}

static json_t *signals_json(unsigned signals)
{
	static const struct { unsigned bit; const char *key; } keys[] = {
		{ SIGNAL_OVER_LIMIT, "over_limit" }, { SIGNAL_NEAR_LIMIT, "near_limit_three_months" },
		{ SIGNAL_HARD_RUN, "hard_sessions_in_a_row" }, { SIGNAL_LONG_GAP, "long_gap" } };
	json_t *arr = json_array();
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (signals & keys[i].bit) json_array_append_new(arr, json_string(keys[i].key));
	return arr;
}

void api_member(struct request *req)
{
	struct membership m = *req->member;
	struct visible_profile vp;
	enum store_rc rc = app_profile_view(req->store, req->user->id, req->params[1], PROFILE_ALL, req->now,
	                                    &req->arena, &vp);
	if (rc != ST_OK) {
		if (rc == ST_NOT_FOUND)
			respond_error(req, 404, "not_found", _("This person is not on the panel."));
		else respond_error(req, 500, "internal", _("We could not load this person's details."));
		return;
	}
	json_t *j = profile_json(req, &vp);
	json_object_set_new(j, "role", json_string(role_key(m.role)));
	if (policy_sees_member_status(&req->actor, req->params[1] == req->user->id))
		json_object_set_new(j, "status", json_string(status_key(m.status)));
	if (policy_sees_shared_signals(&req->actor) && req->params[1] != req->user->id) {
		bool shared;
		unsigned signals;
		struct app_error err;
		if (app_signals_shared(req->store, req->params[1], req->now, &shared, &signals, &err) &&
		    shared)
			json_object_set_new(j, "shared_signals", signals_json(signals));
	}
	api_send(req, 200, j);
}

void api_member_patch(struct request *req)
{
	struct membership m = *req->member;
	struct input_value in[MEMBER_INPUTS];
	if (!api_inputs(req, member_inputs, MEMBER_INPUTS, in)) return;
	enum panel_role role = m.role;
	enum member_status status = m.status;
	if (in[MEMBER_IN_ROLE].given) role_parse(in[MEMBER_IN_ROLE].text, &role);
	if (in[MEMBER_IN_STATUS].given) status_parse(in[MEMBER_IN_STATUS].text, &status);
	struct app_error err;
	if (!app_change_membership(req->store, req->user->id, req->panel->id, req->params[1], role, status,
	                           req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_send(req, 200, json_pack("{s:I,s:s,s:s}", "user_id", (json_int_t)req->params[1],
	                         "role", role_key(role), "status", status_key(status)));
}

void api_member_delete(struct request *req)
{
	struct membership m = *req->member;
	struct app_error err;
	if (!app_change_membership(req->store, req->user->id, req->panel->id, req->params[1], m.role,
	                           MEMBER_REMOVED, req->now, &err)) {
		respond_app_error(req, &err);
		return;
	}
	req->status = 204;
}

void api_invite(struct request *req)
{
	struct input_value in[INVITE_INPUTS];
	if (!api_inputs(req, invite_inputs, INVITE_INPUTS, in)) return;
	enum panel_role role = ROLE_NONE;
	role_parse(in[INVITE_ROLE].text, &role);
	const char *link;
	struct app_error err;
	if (!app_invite(req->store, req->cfg->public_url, req->user->id, &req->actor, req->panel,
	                in[INVITE_EMAIL].text, in[INVITE_BY_HAND].number != 0, role, req->now,
	                &req->arena, &link, &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_send(req, 201, json_pack("{s:s,s:s}", "invitation_link", link, "role", role_key(role)));
}

/* 201 {"link", "expires_at"}: a one-time link to set a new password, for
 * the steward to give the member by hand (app_sign_in_link). */
void api_sign_in_link(struct request *req)
{
	const char *link;
	struct app_error err;
	if (!app_sign_in_link(req->store, req->cfg->public_url, &req->actor, req->user->id,
	                      req->panel, req->params[1], req->now, &req->arena, &link, &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_send(req, 201, json_pack("{s:s,s:o}", "link", link, "expires_at",
	                             jtime(req->now + SIGN_IN_LINK_SECONDS)));
}

/* {"messages": [...], "others": N}: app_undelivered's, as the page. */
void api_undelivered(struct request *req)
{
	struct outbox_message *m;
	size_t n;
	int64_t others;
	if (app_undelivered(req->store, &req->actor, req->panel->id, 100, &req->arena, &m, &n,
	                    &others) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the messages."));
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
			arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:I,s:o,s:s}", "id", (json_int_t)m[i].id,
			               "kind", m[i].kind, "to", m[i].to_email, "subject", m[i].subject,
			               "body", m[i].body, "created_at", jtime(m[i].created_at),
			               "attempts", (json_int_t)m[i].attempts, "given_up_at",
			               m[i].failed_at ? jtime(m[i].failed_at) : json_null(),
			               "last_error", m[i].last_error));
	api_send(req, 200, json_pack("{s:o,s:I}", "messages", arr, "others", (json_int_t)others));
}

void api_profile_get(struct request *req)
{
	struct visible_profile vp;
	if (app_profile_view(req->store, req->user->id, req->user->id, PROFILE_ALL, req->now, &req->arena, &vp) != ST_OK) {
		respond_error(req, 500, "internal", _("Your profile could not be loaded."));
		return;
	}
	api_send(req, 200, profile_json(req, &vp));
}

/* PATCH {"fields": {"pronouns": {"value": "they/them", "visibility": "panel",
 *                                "consent": true}, ...}}
 * Fields not named keep their values. */
void api_profile_patch(struct request *req)
{
	static const struct jsonb_field spec[] = { { "fields", JB_OBJECT, true, 0 } };
	json_t *j;
	if (!api_parse_body(req, spec, 1, &j)) return;
	json_t *fields = json_object_get(j, "fields");
	size_t n = json_object_size(fields), k = 0;
	struct profile_edit *edits = arena_alloc(&req->arena, (n ? n : 1) * sizeof *edits);
	struct visible_profile vp;
	if (app_profile_view(req->store, req->user->id, req->user->id, PROFILE_ALL, req->now, &req->arena, &vp) != ST_OK) {
		json_decref(j);
		respond_error(req, 500, "internal", _("Your profile could not be loaded."));
		return;
	}
	const char *key;
	json_t *v;
	const char *problem = NULL, *where = NULL;
	json_object_foreach(fields, key, v) {
		const struct profile_field *f = profile_field_find(key);
		json_t *value = json_object_get(v, "value"), *vis = json_object_get(v, "visibility"),
		       *consent = json_object_get(v, "consent");
		where = arena_strdup(&req->arena, key);
		if (!f) { problem = _("There is no such profile field."); break; }
		if (!json_is_object(v) || (value && !json_is_string(value)) ||
		    (vis && !json_is_string(vis)) || (consent && !json_is_boolean(consent)) ||
		    json_object_size(v) != (size_t)(!!value + !!vis + !!consent)) {
			/* A misspelt key ("visiblity") must not pass silently: it may be
			 * a member's privacy choice. */
			/* TRANSLATORS: value, visibility, consent, string, true and false
			 * are names in the API: keep them */
			problem = _("Each field takes an object with only: value (string), "
			            "visibility (string), consent (true or false).");
			break;
		}
		struct profile_edit *e = &edits[k++];
		e->field = f->key;
		e->visibility = f->default_visibility;
		e->raw = "";
		e->consent = false;
		/* Start from what is stored, so a partial change keeps the rest. */
		for (size_t i = 0; i < vp.n; i++)
			if (!strcmp(vp.values[i].field, f->key)) {
				e->raw = vp.values[i].value;
				e->visibility = vp.values[i].visibility;
			}
		if (f->consent_purpose) e->consent = vp.consented[f - profile_fields];
		if (value) e->raw = arena_strdup(&req->arena, json_string_value(value));
		if (vis && !visibility_parse(json_string_value(vis), &e->visibility)) {
			/* TRANSLATORS: visibility, self, stewards and panel are names in the
			 * API: keep them */
			problem = _("visibility must be self, stewards or panel.");
			break;
		}
		if (consent) e->consent = json_is_true(consent);
	}
	json_decref(j);
	if (problem) {
		respond_error_field(req, 400, "invalid", where, problem);
		return;
	}
	struct app_error err;
	if (!app_profile_save(req->store, req->user->id, edits, k, req->now, &req->arena, &err)) {
		respond_app_error(req, &err);
		return;
	}
	api_profile_get(req);
}

void api_my_data(struct request *req)
{
	char *text = app_export_json(req->store, req->user->id, req->now, &req->arena);
	if (!text) {
		respond_error(req, 500, "internal", _("Your data could not be prepared."));
		return;
	}
	respond_json(req, 200, text);
	free(text);
}

void api_audit(struct request *req)
{
	struct audit_entry *ae;
	size_t n;
	if (store_audit_list(req->store, req->user->id, 500, &req->arena, &ae, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("The audit log could not be loaded."));
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:I}", "who", ae[i].actor_name,
		                                     "action", audit_action_key(ae[i].action),
		                                     "fields", ae[i].detail, "at", (json_int_t)ae[i].at));
	api_send(req, 200, json_pack("{s:o}", "entries", arr));
}

static void send_limits(struct request *req)
{
	struct limits_view v;
	struct app_error err;
	if (!app_limits_view(req->store, req->user->id, req->now, &v, &err)) {
		api_respond_error(req, &err);
		return;
	}
	const struct member_limits *l = &v.limits;
#define LIMIT(x) ((x) >= 0 ? json_integer(x) : json_null())
	json_t *paused = json_null();
	if (v.paused) {
		int y, m, d;
		civil_date_of_day(l->paused_until, &y, &m, &d);
		paused = json_string(arena_printf(&req->arena, "%04d-%02d-%02d", y, m, d));
	}
	unsigned signals;
	if (!app_signals(req->store, req->user->id, req->now, &signals, &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_send(req, 200, json_pack("{s:{s:o,s:o,s:o,s:o,s:b},s:{s:I,s:I,s:I},s:b,s:b,s:o}",
	                             "limits", "hours_month", LIMIT(l->hours_month),
	                             "meetings_month", LIMIT(l->meetings_month),
	                             "opportunities_at_once", LIMIT(l->opportunities_at_once),
	                             "paused_until", paused, "share_signals", l->share_signals,
	                             "this_month", "meetings", (json_int_t)v.load.meetings, "hours",
	                             (json_int_t)(v.load.minutes / 60), "opportunities_now",
	                             (json_int_t)v.load.opportunities, "paused", v.paused,
	                             "reached", v.reached, "signals", signals_json(signals)));
#undef LIMIT
}

void api_my_limits(struct request *req)
{
	send_limits(req);
}

void api_my_limits_put(struct request *req)
{
	struct input_value in[LIMITS_INPUTS];
	struct app_error err;
	if (!api_inputs(req, limits_inputs, LIMITS_INPUTS, in)) return;
	if (!app_limits_save(req->store, req->user->id, in, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_limits(req);
}
