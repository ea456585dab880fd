/* The JSON API of the safeguarding record (app/safeguarding.c), as
 * wellbeing/safeguarding_page.c: raising a concern answers only that it
 * was received; the record is the leads' alone. */
#include <stdio.h>

#include "core/civil_time.h"
#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"

static json_t *day_json(int64_t day)
{
	int y, m, d;
	civil_date_of_day(day, &y, &m, &d);
	char s[16];
	snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
	return json_string(s);
}

static void send_view(struct request *req, int status)
{
	struct sg_view v;
	struct app_error err;
	if (!app_sg_view(req->store, req->panel->id, req->user->id, &req->arena, &v, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *leads = json_array(), *mine = json_array();
	for (size_t i = 0; i < v.n_leads; i++)
		json_array_append_new(leads, jref(v.leads[i].user_id, "name", v.leads[i].name));
	for (size_t i = 0; i < v.n_mine; i++)
		json_array_append_new(mine, json_pack("{s:o}", "received_at", jtime(v.mine[i])));
	api_send(req, status, json_pack("{s:o, s:i, s:b, s:o}", "leads", leads, "retention_years",
	                                v.retention_years, "i_am_lead", v.i_am_lead,
	                                "my_concerns", mine));
}

void api_sg(struct request *req)
{
	send_view(req, 200);
}

/* {"what_happened", "happened_on": "YYYY-MM-DD" or as people write it,
 *  "who_involved"?, "done_straight_away"?} → 201 {"received_at"} and
 * nothing more. */
void api_sg_raise(struct request *req)
{
	struct input_value in[SG_CONCERN_INPUTS];
	struct app_error err;
	if (!api_inputs(req, sg_concern_inputs, SG_CONCERN_INPUTS, in)) return;
	if (!app_sg_raise(req->store, &req->cfg->seal_key, req->panel, req->user->id, in, req->now,
	                  &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_send(req, 201, json_pack("{s:o}", "received_at", jtime(req->now)));
}

static json_t *concern_json(const struct sg_concern *c, bool whole)
{
	json_t *j = json_pack("{s:o, s:o, s:s}", "id", jint(c->id), "raised_at",
	                      jtime(c->raised_at), "status", sg_status_key(c->status));
	json_object_set_new(j, "status_at", jtime(c->status_at));
	if (!whole) return j;
	json_object_set_new(j, "raised_by", c->raised_by ? jref(c->raised_by, "name",
	                                                        c->raised_by_name) : json_null());
	json_object_set_new(j, "happened_on", day_json(c->happened_on));
	json_object_set_new(j, "what_happened", json_string(c->what_happened));
	json_object_set_new(j, "who_involved", json_string(c->who_involved));
	json_object_set_new(j, "done_straight_away", json_string(c->done_straight_away));
	json_object_set_new(j, "advice_sought", json_string(c->advice_sought));
	json_object_set_new(j, "decision", json_string(c->decision));
	json_object_set_new(j, "referrals", json_string(c->referrals));
	json_object_set_new(j, "version", jint(c->version));
	return j;
}

void api_sg_concerns(struct request *req)
{
	struct sg_list l;
	struct app_error err;
	if (!app_sg_concerns(req->store, &req->actor, req->panel->id, req->user->id, &req->arena, &l,
	                     &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *list = json_array(), *purges = json_array();
	for (size_t i = 0; i < l.n; i++) json_array_append_new(list, concern_json(&l.concerns[i], false));
	for (size_t i = 0; i < l.n_tombstones; i++)
		json_array_append_new(purges, json_pack("{s:o, s:o}", "at", jtime(l.tombstones[i].at),
		                                        "n", jint(l.tombstones[i].n)));
	api_send(req, 200, json_pack("{s:o, s:o}", "concerns", list, "purged", purges));
}

static json_t *entries_json(const struct sg_entry *e, size_t n, const char *kind_key)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *j = json_pack("{s:o, s:s, s:s}", "at", jtime(e[i].at), "by", e[i].by, kind_key,
		                      e[i].kind);
		if (*e[i].text) json_object_set_new(j, "text", json_string(e[i].text));
		json_array_append_new(list, j);
	}
	return list;
}

static void send_record(struct request *req, int status)
{
	struct sg_record r;
	struct app_error err;
	if (!app_sg_concern(req->store, &req->cfg->seal_key, &req->actor, req->panel->id,
	                    req->user->id, req->params[1], req->now, &req->arena, &r, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *j = concern_json(&r.concern, true);
	json_object_set_new(j, "chronology", entries_json(r.chronology, r.n_chronology, "kind"));
	json_object_set_new(j, "reads", entries_json(r.reads, r.n_reads, "action"));
	api_send(req, status, j);
}

void api_sg_concern(struct request *req)
{
	send_record(req, 200);
}

/* {"advice_sought", "decision", "referrals", "status", "version"} */
void api_sg_part2(struct request *req)
{
	struct input_value in[SG_PART2_INPUTS];
	struct app_error err;
	if (!api_inputs(req, sg_part2_inputs, SG_PART2_INPUTS, in)) return;
	if (!app_sg_part2(req->store, &req->cfg->seal_key, &req->actor, req->panel->id,
	                  req->user->id, req->params[1], in, req->now, &req->arena, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_record(req, 200);
}

/* {"text"}: a line in the chronology. */
void api_sg_note(struct request *req)
{
	struct input_value in[SG_NOTE_INPUTS];
	struct app_error err;
	if (!api_inputs(req, sg_note_inputs, SG_NOTE_INPUTS, in)) return;
	if (!app_sg_note(req->store, &req->cfg->seal_key, &req->actor, req->panel->id,
	                 req->user->id, req->params[1], in[SG_NOTE].text, req->now, &req->arena,
	                 &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_record(req, 201);
}

void api_sg_lead_put(struct request *req)
{
	struct app_error err;
	if (!app_sg_lead_add(req->store, req->panel->id, req->params[1], req->user->id, req->now,
	                     &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_view(req, 200);
}

void api_sg_lead_delete(struct request *req)
{
	struct app_error err;
	if (!app_sg_lead_remove(req->store, req->panel->id, req->params[1], &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_view(req, 200);
}

/* {"years": 1..75} */
void api_sg_retention_put(struct request *req)
{
	struct input_value in[SG_RETENTION_INPUTS];
	struct app_error err;
	if (!api_inputs(req, sg_retention_inputs, SG_RETENTION_INPUTS, in)) return;
	if (!app_sg_retention_set(req->store, req->panel->id, (int)in[SG_YEARS].number, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_view(req, 200);
}
