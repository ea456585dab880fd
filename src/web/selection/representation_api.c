/* The JSON API of "who isn't here?", as selection/representation_page.c:
 * the panel's report and a meeting's, the groups and targets, and which
 * group counts me. Counts not shown are null, never a number. */
#include <string.h>

#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/selection/selection_ui.h"

static json_t *count_json(int64_t n)
{
	return n < 0 ? json_null() : json_integer(n);
}

static json_t *group_json(struct request *req, const struct rep_group *g)
{
	json_t *share = g->reference_permille < 0
	                        ? json_null()
	                        : json_string(arena_printf(&req->arena, "%lld.%lld",
	                                                   (long long)(g->reference_permille / 10),
	                                                   (long long)(g->reference_permille % 10)));
	return json_pack("{s:I,s:s,s:o,s:s,s:s,s:o,s:o,s:o,s:s,s:o,s:I}", "id", (json_int_t)g->id,
	                 "characteristic", g->characteristic, "answer",
	                 *g->answer ? json_string(g->answer) : json_null(), "label", g->label, "unit",
	                 rep_unit_key(g->target.unit), "min", count_json(g->target.min), "max",
	                 count_json(g->target.max), "reference_share", share, "reference_source",
	                 g->reference_source, "reference_date", app_day_json(g->reference_day),
	                 "version", (json_int_t)g->version);
}

static json_t *scope_json(const struct rep_scope *sc)
{
	json_t *rows = json_array();
	for (size_t r = 0; r < sc->n; r++) {
		const struct rep_row *row = &sc->rows[r];
		json_array_append_new(rows, json_pack("{s:s,s:s,s:o,s:o,s:s}", "key", row->key, "label",
		                                      row->label, "group_id",
		                                      row->group ? json_integer(row->group->id)
		                                                 : json_null(),
		                                      "count", count_json(row->count), "standing",
		                                      rep_standing_key(row->standing)));
	}
	return json_pack("{s:I,s:o,s:o,s:o}", "publication", (json_int_t)sc->publication,
	                 "published_at", jtime(sc->published_at), "total", count_json(sc->total),
	                 "groups", rows);
}

static void send_report(struct request *req, int64_t meeting_id, const struct opportunity *opp)
{
	struct rep_report r;
	struct app_error err;
	if (!app_rep_refresh(req->store, req->panel->id, req->cfg->figures_every, req->now, &err) ||
	    !app_rep_report(req->store, req->panel->id, meeting_id, opp, !meeting_id && !opp,
	                    &req->arena, &r,
	                    &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *sections = json_array();
	for (size_t i = 0; i < r.n; i++) {
		const struct rep_section *sec = &r.sections[i];
		json_t *s = json_pack("{s:s,s:o,s:o}", "characteristic", sec->field->key, "published_at",
		                      jtime(sec->published_at), "panel", scope_json(&sec->scope));
		if (meeting_id) json_object_set_new(s, "meeting", scope_json(&sec->meeting));
		if (opp) {
			json_object_set_new(s, "came_forward", scope_json(&sec->interested));
			json_object_set_new(s, "given_a_place", scope_json(&sec->chosen));
		}
		if (!meeting_id && !opp) {
			json_t *trend = json_array();
			for (size_t t = 0; t < sec->n_trend; t++) {
				json_t *counts = json_object();
				for (size_t k = 0; k < sec->scope.n; k++)
					json_object_set_new(counts, sec->scope.rows[k].key,
					                    count_json(sec->trend[t].counts[k]));
				json_array_append_new(trend, json_pack("{s:o,s:o,s:o}", "published_at",
				                                       jtime(sec->trend[t].at), "total",
				                                       count_json(sec->trend[t].total),
				                                       "counts", counts));
			}
			json_object_set_new(s, "trend", trend);
		}
		json_array_append_new(sections, s);
	}
	json_t *chairs = json_array();
	struct rep_chair *c;
	enum rep_scope_kind kind = meeting_id ? REP_SCOPE_MEETING
	                           : opp      ? (opp->drawn ? REP_SCOPE_CHOSEN : REP_SCOPE_INTERESTED)
	                                      : REP_SCOPE_PANEL;
	size_t n = app_rep_empty_chairs(&r, kind, &req->arena, &c);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(chairs, json_pack("{s:s,s:s,s:s}", "characteristic",
		                                        c[i].field->key, "key", c[i].row->key, "label",
		                                        c[i].row->label));
	api_send(req, 200, json_pack("{s:o,s:o}", "characteristics", sections, "empty_chairs", chairs));
}

void api_rep_report(struct request *req)
{
	send_report(req, 0, NULL);
}

void api_rep_meeting(struct request *req)
{
	send_report(req, req->meeting->id, NULL);
}

void api_rep_opportunity(struct request *req)
{
	struct opportunity o;
	if (load_opportunity(req, &o)) send_report(req, 0, &o);
}

static bool load_groups(struct request *req, struct rep_group **g, size_t *n)
{
	if (store_rep_groups(req->store, req->panel->id, &req->arena, g, n) == ST_OK) return true;
	respond_error(req, 500, "internal", _("We could not load the panel's targets."));
	return false;
}

void api_rep_targets(struct request *req)
{
	struct rep_group *g;
	size_t n;
	if (!load_groups(req, &g, &n)) return;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, group_json(req, &g[i]));
	api_send(req, 200, json_pack("{s:o}", "groups", arr));
}

static void save(struct request *req, struct rep_group *g, int status)
{
	struct input_value in[TARGET_INPUTS];
	struct app_error err;
	int64_t id;
	if (!api_inputs(req, target_inputs, TARGET_INPUTS, in)) return;
	if (!app_rep_group_from_inputs(in, g, &err) ||
	    !app_rep_group_save(req->store, g, req->now, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	struct rep_group *all;
	size_t n;
	if (!load_groups(req, &all, &n)) return;
	for (size_t i = 0; i < n; i++)
		if (all[i].id == id) {
			api_send(req, status, json_pack("{s:o}", "group", group_json(req, &all[i])));
			return;
		}
	respond_error(req, 500, "internal", _("We could not load the panel's targets."));
}

void api_rep_target_post(struct request *req)
{
	struct rep_group g = { .panel_id = req->panel->id, .answer = "", .label = "",
	                       .reference_source = "" };
	save(req, &g, 201);
}

void api_rep_target_put(struct request *req)
{
	/* the characteristic and answer of a group stay as they are */
	struct rep_group *all;
	size_t n;
	if (!load_groups(req, &all, &n)) return;
	for (size_t i = 0; i < n; i++)
		if (all[i].id == req->params[1]) {
			struct rep_group g = all[i];
			save(req, &g, 200);
			return;
		}
	respond_error(req, 404, "not_found", _("There is no such group on this panel."));
}

void api_rep_target_delete(struct request *req)
{
	struct app_error err;
	if (!app_rep_group_delete(req->store, req->panel->id, req->params[1], &err)) {
		api_respond_error(req, &err);
		return;
	}
	api_send(req, 200, json_pack("{s:b}", "removed", 1));
}

static void send_mine(struct request *req)
{
	struct rep_choice *c;
	size_t n;
	if (store_rep_choices(req->store, req->panel->id, req->user->id, &req->arena, &c, &n) !=
	    ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the panel's groups."));
		return;
	}
	json_t *o = json_object();
	const struct profile_field *f;
	for (int i = 0; (f = rep_characteristic(i)); i++)
		if (rep_self_described(f)) json_object_set_new(o, f->key, json_null());
	for (size_t i = 0; i < n; i++)
		json_object_set_new(o, c[i].characteristic, json_integer(c[i].group_id));
	api_send(req, 200, json_pack("{s:o}", "choices", o));
}

void api_rep_mine(struct request *req)
{
	send_mine(req);
}

void api_rep_mine_put(struct request *req)
{
	struct input_value in[REP_CHOICE_INPUTS];
	struct app_error err;
	if (!api_inputs(req, rep_choice_inputs, REP_CHOICE_INPUTS, in)) return;
	if (!app_rep_choice_set(req->store, req->panel->id, req->user->id,
	                        in[REP_CHOICE_CHARACTERISTIC].text, in[REP_CHOICE_GROUP].number,
	                        req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_mine(req);
}
