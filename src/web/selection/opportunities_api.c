/* The JSON API of opportunities and fair draws, as
 * selection/opportunities_page.c. Each person is given their own chance
 * only (app_opportunity_view). */
#include <string.h>

#include "core/civil_time.h"
#include "core/lang.h"
#include "core/pay.h"
#include "web/http/api_json.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/selection/selection_ui.h"

static json_t *opportunity_json(struct request *req, const struct opportunity *o)
{
	json_t *chars = json_array();
	for (const char *c = o->characteristics; *c;) {
		const char *comma = strchr(c, ',');
		size_t len = comma ? (size_t)(comma - c) : strlen(c);
		json_array_append_new(chars, json_stringn(c, len));
		c += len + (comma != NULL);
	}
	const char *state = o->cancelled_at ? "cancelled" : o->drawn ? "drawn"
	                    : req->now < o->closes_at ? "open" : "closed";
	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:i,s:o,s:I,s:o,s:o,s:i,s:s,s:i,s:i,s:I}",
	                 "id", (json_int_t)o->id, "title", o->title, "asks", o->asks, "place",
	                 o->place, "starts_at", jtime(o->starts_at), "places", o->places,
	                 "pay_unit", o->paid ? json_string(pay_unit_key(o->pay_unit)) : json_null(),
	                 "pay_quantity", (json_int_t)(o->paid ? o->pay_quantity : 0), "closes_at",
	                 jtime(o->closes_at), "characteristics", chars, "rotation", o->rotation,
	                 "state", state, "interested", o->interested, "holding", o->holding,
	                 "version", (json_int_t)o->version);
}

static json_t *draw_json(const struct draw *d)
{
	return json_pack("{s:I,s:s,s:s,s:i,s:s,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)d->id,
	                 "kind", d->replacement ? "replacement" : "draw", "algorithm", d->algorithm,
	                 "places", d->places, "outcome",
	                 d->impossible ? "impossible" : d->set_aside ? "set_aside" : "ready",
	                 "lottery_sha256",
	                 d->impossible ? json_null() : json_string(d->lottery_sha256), "number",
	                 d->number >= 0 ? json_integer(d->number) : json_null(), "number_note",
	                 d->number >= 0 ? json_string(d->number_note) : json_null(), "prepared_at",
	                 jtime(d->prepared_at), "drawn_at", jtime(d->drawn_at));
}

static void send_opportunity(struct request *req, const struct opportunity *o, int status)
{
	struct opportunity_view v;
	if (!load_opportunity_view(req, o, &v)) return;
	json_t *j = opportunity_json(req, o);
	json_t *draws = json_array(), *places = json_array();
	for (size_t i = 0; i < v.n_draws; i++) json_array_append_new(draws, draw_json(&v.draws[i]));
	for (size_t i = 0; i < v.n_places; i++)
		if (!v.places[i].dropped_at)
			json_array_append_new(places, jref(v.places[i].user_id, "name", v.places[i].name));
	json_object_set_new(j, "draws", draws);
	json_object_set_new(j, "places_held_by", places);
	json_t *me = json_pack("{s:b,s:b,s:b}", "interested", v.mine && !v.mine->withdrawn_at,
	                       "has_place", v.my_place != NULL, "gave_up_place",
	                       v.had_place && !v.my_place);
	if (v.mine && !v.mine->withdrawn_at) json_object_set_new(me, "note", json_string(v.mine->note));
	if (v.my_draw)
		json_object_set_new(me, "chance", json_pack("{s:I,s:f,s:i,s:b}", "draw_id",
		                                            (json_int_t)v.my_draw->id, "probability",
		                                            (double)v.my_chance.chance_ppm / 1e6,
		                                            "panels", v.my_chance.panels, "chosen",
		                                            v.my_chance.chosen));
	json_object_set_new(j, "me", me);
	if (policy_sees_interest(&req->actor)) {
		json_t *in = json_array();
		for (size_t i = 0; i < v.n_interests; i++)
			if (!v.interests[i].withdrawn_at)
				json_array_append_new(in, json_pack("{s:I,s:s,s:s}", "user_id",
				                                    (json_int_t)v.interests[i].user_id, "name",
				                                    v.interests[i].name, "note",
				                                    v.interests[i].note));
		json_object_set_new(j, "came_forward", in);
	}
	api_send(req, status, json_pack("{s:o}", "opportunity", j));
}

void api_opps(struct request *req)
{
	struct opportunity *o;
	size_t n;
	if (store_opportunities(req->store, req->panel->id, &req->arena, &o, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the opportunities."));
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, opportunity_json(req, &o[i]));
	api_send(req, 200, json_pack("{s:o}", "opportunities", arr));
}

void api_opp_post(struct request *req)
{
	struct input_value in[OPP_INPUTS];
	struct app_error err;
	int64_t id;
	struct opportunity o;
	if (!api_inputs(req, opportunity_inputs, OPP_INPUTS, in)) return;
	if (!app_opportunity_create(req->store, req->panel, req->user->id, in, req->now, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	if (store_opportunity(req->store, req->panel->id, id, &req->arena, &o) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the opportunity."));
		return;
	}
	send_opportunity(req, &o, 201);
}

void api_opp(struct request *req)
{
	struct opportunity o;
	if (load_opportunity(req, &o)) send_opportunity(req, &o, 200);
}

/* After a change: the opportunity as it now stands. */
static void send_again(struct request *req, const struct opportunity *o, int status)
{
	struct opportunity now;
	if (store_opportunity(req->store, req->panel->id, o->id, &req->arena, &now) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the opportunity."));
		return;
	}
	send_opportunity(req, &now, status);
}

void api_opp_interest_put(struct request *req)
{
	struct opportunity o;
	struct input_value in[INTEREST_INPUTS];
	struct app_error err;
	if (!load_opportunity(req, &o) || !api_inputs(req, interest_inputs, INTEREST_INPUTS, in))
		return;
	if (!app_interest(req->store, &o, req->user->id, in[INTEREST_NOTE].text, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_again(req, &o, 200);
}

void api_opp_interest_delete(struct request *req)
{
	struct opportunity o;
	struct app_error err;
	if (!load_opportunity(req, &o)) return;
	if (!app_interest_withdraw(req->store, &o, req->user->id, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_again(req, &o, 200);
}

void api_opp_close_post(struct request *req)
{
	struct opportunity o;
	struct app_error err;
	if (!load_opportunity(req, &o)) return;
	if (!app_opportunity_close(req->store, &o, &req->actor, req->user->id, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_again(req, &o, 200);
}

void api_opp_draw_post(struct request *req)
{
	struct opportunity o;
	struct app_error err;
	int64_t id;
	if (!load_opportunity(req, &o)) return;
	if (!app_draw_prepare(req->store, req->panel, &o, &req->actor, req->user->id, req->now,
	                      &req->arena, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_again(req, &o, 201);
}

void api_opp_number_post(struct request *req)
{
	struct opportunity o;
	struct draw d;
	struct input_value in[NUMBER_INPUTS];
	struct app_error err;
	int number;
	if (!load_opportunity(req, &o) || !load_draw(req, &o, &d) ||
	    !api_inputs(req, number_inputs, NUMBER_INPUTS, in))
		return;
	if (!app_draw_number(req->store, &o, &d, (int)in[NUMBER_FIRST].number,
	                     in[NUMBER_SECOND].given ? (int)in[NUMBER_SECOND].number : -1,
	                     in[NUMBER_NOTE].text, &req->actor, req->user->id, req->now, &req->arena,
	                     &number, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_again(req, &o, 200);
}

void api_opp_check_post(struct request *req)
{
	struct opportunity o;
	struct draw d;
	if (!load_opportunity(req, &o) || !load_draw(req, &o, &d)) return;
	bool same = false;
	if (!app_draw_check(&d, &req->arena, &same)) {
		respond_error(req, 409, "cannot_check", _("This draw could not be run again."));
		return;
	}
	api_send(req, 200, json_pack("{s:b,s:s}", "same", same, "lottery_sha256", d.lottery_sha256));
}

void api_opp_give_up_post(struct request *req)
{
	struct opportunity o;
	struct input_value in[DROP_INPUTS];
	struct app_error err;
	if (!load_opportunity(req, &o) || !api_inputs(req, drop_inputs, DROP_INPUTS, in)) return;
	int64_t who = in[DROP_USER].given ? in[DROP_USER].number : req->user->id;
	if (who != req->user->id && !policy_may_give_up_for(&req->actor)) {
		respond_error_field(req, 403, "forbidden", "user_id", _("Only you can give up your place."));
		return;
	}
	if (!app_place_drop(req->store, &o, who, req->now, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_again(req, &o, 200);
}
