/* Opportunities and fair draws (app.h): posting one, coming forward and
 * withdrawing, the draw (LEXIMIN over the people who came forward,
 * honouring the panel's targets, rounded to 1,000 equally likely panels:
 * core/select.h), the number that picks one, giving up a place and the
 * replacement, and checking a draw again from its record. */
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"
#include "core/representation.h"
#include "core/select.h"
#include "core/text.h"

enum { TITLE_MAX = 200, ASKS_MAX = 2000, PLACE_MAX = 200, NOTE_MAX = 1000, NUMBER_NOTE_MAX = 200 };

/* A draw may take this long; then it says so, and nothing is recorded. */
#define DRAW_SECONDS 30.0

const struct input_field opportunity_inputs[OPP_INPUTS] = {
	[OPP_TITLE] = { .name = "title", .kind = IN_LINE, .required = true, .max = TITLE_MAX,
	                .missing = N_("Say what the opportunity is.") },
	[OPP_ASKS] = { .name = "asks", .kind = IN_TEXT, .max = ASKS_MAX, .blank_ok = true },
	[OPP_PLACE] = { .name = "place", .kind = IN_LINE, .max = PLACE_MAX, .blank_ok = true },
	[OPP_STARTS_ON] = { .name = "starts_on", .kind = IN_DATE },
	[OPP_PLACES] = { .name = "places", .kind = IN_INT, .required = true, .min = 1, .max = 100,
	                 .missing = N_("Say how many places there are."),
	                 .wrong = N_("Enter a number of places from 1 to 100.") },
	[OPP_PAY_UNIT] = { .name = "pay_unit", .kind = IN_CHOICE, .choice = pay_unit_is,
	                   .wrong = N_("Choose by the hour, the half-day or the day.") },
	[OPP_PAY_QUANTITY] = { .name = "pay_quantity", .kind = IN_INT, .min = 1, .max = 100,
	                       .wrong = N_("Enter how many, from 1 to 100.") },
	[OPP_CLOSES_ON] = { .name = "closes_on", .kind = IN_DATE, .required = true,
	                    .missing = N_("Say the last day people can come forward.") },
	[OPP_CHARACTERISTICS] = { .name = "characteristics", .kind = IN_CHOICES,
	                          .choice = rep_characteristic_is, .blank_ok = true,
	                          .wrong = N_("Choose from age, gender, ethnicity, disability and "
	                                      "area.") },
	[OPP_ROTATION] = { .name = "rotation", .kind = IN_INT, .min = 0, .max = 20,
	                   .wrong = N_("Enter a number of opportunities from 0 to 20.") },
};

const struct input_field interest_inputs[INTEREST_INPUTS] = {
	[INTEREST_NOTE] = { .name = "note", .kind = IN_TEXT, .max = NOTE_MAX, .blank_ok = true },
};

const struct input_field number_inputs[NUMBER_INPUTS] = {
	[NUMBER_FIRST] = { .name = "number", .kind = IN_INT, .required = true, .min = 0, .max = 999,
	                   .missing = N_("Enter the number from 000 to 999."),
	                   .wrong = N_("Enter a number from 000 to 999.") },
	[NUMBER_SECOND] = { .name = "second_number", .kind = IN_INT, .min = 0, .max = 999,
	                    .wrong = N_("Enter a number from 000 to 999, or leave it empty.") },
	[NUMBER_NOTE] = { .name = "note", .kind = IN_LINE, .max = NUMBER_NOTE_MAX, .blank_ok = true },
};

const struct input_field drop_inputs[DROP_INPUTS] = {
	[DROP_USER] = { .name = "user_id", .kind = IN_ID,
	                .wrong = N_("Choose who gives up their place.") },
};

/* ---- posting ---- */

bool app_opportunity_create(struct store *s, const struct panel *p, int64_t actor_id,
                            const struct input_value *in, int64_t now, int64_t *id,
                            struct app_error *err)
{
	struct opportunity o = {
		.panel_id = p->id, .title = in[OPP_TITLE].text, .asks = in[OPP_ASKS].text,
		.place = in[OPP_PLACE].text, .places = (int)in[OPP_PLACES].number,
		.characteristics = in[OPP_CHARACTERISTICS].given ? in[OPP_CHARACTERISTICS].text : "",
		.rotation = in[OPP_ROTATION].given ? (int)in[OPP_ROTATION].number : 0,
		.created_by = actor_id,
	};
	const char *texts[OPP_INPUTS] = { [OPP_TITLE] = o.title, [OPP_ASKS] = o.asks,
	                                  [OPP_PLACE] = o.place };
	if (!in[OPP_TITLE].given)
		return app_fail(err, 400, "invalid", "title", _(opportunity_inputs[OPP_TITLE].missing));
	if (!app_texts_fit(opportunity_inputs, texts, OPP_INPUTS, err)) return false;
	if (!in[OPP_PLACES].given || o.places < 1 || o.places > 100)
		return app_fail(err, 400, "invalid", "places", _(opportunity_inputs[OPP_PLACES].wrong));
	if (o.rotation < 0 || o.rotation > 20)
		return app_fail(err, 400, "invalid", "rotation", _(opportunity_inputs[OPP_ROTATION].wrong));
	if (!in[OPP_CLOSES_ON].given)
		return app_fail(err, 400, "invalid", "closes_on",
		                _(opportunity_inputs[OPP_CLOSES_ON].missing));
	/* open until the end of that day where the panel is */
	o.closes_at = civil_day_start(in[OPP_CLOSES_ON].number + 1, p->time_zone) - 1;
	if (o.closes_at <= now)
		return app_fail(err, 400, "invalid", "closes_on",
		                _("The closing day has passed: choose today or a later day."));
	if (in[OPP_STARTS_ON].given) {
		o.starts_at = civil_day_start(in[OPP_STARTS_ON].number, p->time_zone);
		if (o.starts_at <= o.closes_at - 86400)
			return app_fail(err, 400, "invalid", "starts_on",
			                _("It can't happen before people have had until the closing day "
			                  "to come forward."));
	}
	if (in[OPP_PAY_UNIT].given) {
		o.paid = pay_unit_parse(in[OPP_PAY_UNIT].text, &o.pay_unit);
		o.pay_quantity = in[OPP_PAY_QUANTITY].given ? in[OPP_PAY_QUANTITY].number : 1;
	} else if (in[OPP_PAY_QUANTITY].given) {
		return app_fail(err, 400, "invalid", "pay_unit",
		                _("Say whether it is paid by the hour, the half-day or the day."));
	}
	for (const char *c = o.characteristics; *c;) {
		const char *comma = strchr(c, ',');
		size_t len = comma ? (size_t)(comma - c) : strlen(c);
		char key[32];
		snprintf(key, sizeof key, "%.*s", (int)(len < sizeof key ? len : sizeof key - 1), c);
		if (!rep_characteristic_is(key))
			return app_fail(err, 400, "invalid", "characteristics",
			                _(opportunity_inputs[OPP_CHARACTERISTICS].wrong));
		c += len + (comma != NULL);
	}
	return store_opportunity_create(s, &o, now, id) == ST_OK || app_internal(err);
}

/* Whether actor may run o's draw (policy_may_run_draw); false with a 403
 * in err when not. */
static bool may_run(struct store *s, const struct opportunity *o, const struct panel_actor *actor,
                    int64_t actor_id, struct app_error *err)
{
	struct arena a = { 0 };
	struct interest *in;
	size_t n;
	bool came = false, ok = store_interests(s, o->id, &a, &in, &n) == ST_OK;
	for (size_t i = 0; ok && i < n; i++) came |= in[i].user_id == actor_id && !in[i].withdrawn_at;
	arena_free(&a);
	if (!ok) return app_internal(err);
	if (policy_may_run_draw(actor, came)) return true;
	return app_fail(err, 403, "came_forward", NULL,
	                came ? _("You came forward for this, so someone else runs its draw.")
	                     : _("You cannot run this draw."));
}

bool app_opportunity_close(struct store *s, const struct opportunity *o,
                           const struct panel_actor *actor, int64_t actor_id, int64_t now,
                           struct app_error *err)
{
	if (!may_run(s, o, actor, actor_id, err)) return false;
	switch (store_opportunity_close(s, o->panel_id, o->id, now)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 409, "closed", NULL, _("It has closed already."));
	default: return app_internal(err);
	}
}

/* ---- coming forward ---- */

bool app_interest(struct store *s, const struct opportunity *o, int64_t user_id,
                  const char *note, int64_t now, struct app_error *err)
{
	const char *texts[INTEREST_INPUTS] = { [INTEREST_NOTE] = note ? note : "" };
	if (!app_texts_fit(interest_inputs, texts, INTEREST_INPUTS, err)) return false;
	switch (store_interest_put(s, o->id, user_id, texts[INTEREST_NOTE], now)) {
	case ST_OK: return true;
	case ST_CONFLICT:
		return app_fail(err, 409, "closed", NULL,
		                _("This opportunity has closed: nobody can come forward now."));
	default: return app_internal(err);
	}
}

struct withdraw_ctx {
	int64_t opportunity_id, user_id, now;
};

static enum store_rc withdraw_tx(struct store *s, void *p)
{
	struct withdraw_ctx *c = p;
	return store_interest_withdraw(s, c->opportunity_id, c->user_id, c->now);
}

bool app_interest_withdraw(struct store *s, const struct opportunity *o, int64_t user_id,
                           int64_t now, struct app_error *err)
{
	struct withdraw_ctx c = { o->id, user_id, now };
	switch (store_tx(s, withdraw_tx, &c)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 409, "not_interested", NULL,
		                o->drawn ? _("The draw has been made. If you have a place and can no "
		                             "longer take it, give it up below.")
		                         : _("You have not come forward for this."));
	default: return app_internal(err);
	}
}

/* ---- the draw ---- */

/* Whether user is in ids[0..n) (ascending). */
static bool among(const int64_t *ids, size_t n, int64_t user)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == user) return true;
	return false;
}

/* What the solver is given, and how to name it back. */
struct draw_problem {
	struct select_problem p;
	struct select_feature *features;
	int64_t *user;              /* person index -> user id */
	bool *priority;
	int *value;
};

/* The problem over people[0..n) for k places: a feature for each of o's
 * characteristics, a value for each of its rows (core/representation.h),
 * its bounds the group's percentage target in places, else 0..k. */
static enum store_rc build_problem(struct store *s, const struct opportunity *o,
                                   const int64_t *people, int n, const bool *priority, int k,
                                   struct arena *a, struct draw_problem *out)
{
	struct rep_answer *ans;
	struct rep_group *groups;
	size_t n_ans, n_groups;
	enum store_rc rc = store_rep_answers(s, o->panel_id, a, &ans, &n_ans);
	if (rc == ST_OK) rc = store_rep_groups(s, o->panel_id, a, &groups, &n_groups);
	if (rc != ST_OK) return rc;
	*out = (struct draw_problem){ 0 };
	int nf = 0;
	const struct profile_field *f;
	for (int c = 0; (f = rep_characteristic(c)); c++) nf += profile_multi_has(o->characteristics, f->key);
	out->features = arena_alloc(a, (size_t)(nf + 1) * sizeof *out->features);
	out->value = arena_alloc(a, (size_t)(n * nf + 1) * sizeof *out->value);
	out->user = arena_alloc(a, (size_t)(n + 1) * sizeof *out->user);
	out->priority = arena_alloc(a, (size_t)(n + 1) * sizeof *out->priority);
	for (int i = 0; i < n; i++) {
		out->user[i] = people[i];
		out->priority[i] = priority ? priority[i] : false;
	}
	int fi = 0;
	for (int c = 0; (f = rep_characteristic(c)); c++) {
		if (!profile_multi_has(o->characteristics, f->key)) continue;
		struct rep_row *rows;
		size_t n_rows = app_rep_rows(f, groups, n_groups, a, &rows);
		struct select_feature *sf = &out->features[fi];
		sf->name = f->key;
		sf->n_values = (int)n_rows;
		sf->values = arena_alloc(a, n_rows * sizeof *sf->values);
		sf->min = arena_alloc(a, n_rows * sizeof *sf->min);
		sf->max = arena_alloc(a, n_rows * sizeof *sf->max);
		for (size_t r = 0; r < n_rows; r++) {
			sf->values[r] = rows[r].key;
			sf->min[r] = 0;
			sf->max[r] = k;
			const struct rep_group *g = rows[r].group;
			/* a target in people is the panel's; one in percent scales */
			if (g && g->target.unit == REP_PERCENT) {
				if (g->target.min >= 0) sf->min[r] = rep_in_places(g->target.min, k);
				if (g->target.max >= 0) sf->max[r] = rep_in_places(g->target.max, k);
				if (sf->max[r] < sf->min[r]) sf->max[r] = sf->min[r];
			}
		}
		for (int i = 0; i < n; i++) {
			const struct rep_answer *mine = NULL;
			for (size_t x = 0; x < n_ans; x++)
				if (ans[x].user_id == people[i] && !strcmp(ans[x].field, f->key)) mine = &ans[x];
			const char *key = app_rep_class(f, mine, groups, n_groups, a);
			int v = (int)n_rows - 1; /* not answered */
			for (size_t r = 0; r < n_rows; r++)
				if (!strcmp(rows[r].key, key)) v = (int)r;
			out->value[i * nf + fi] = v;
		}
		fi++;
	}
	out->p = (struct select_problem){ .places = k, .n_features = nf, .features = out->features,
	                                  .n_people = n, .value = out->value,
	                                  .priority = priority ? out->priority : NULL };
	return ST_OK;
}

/* The problem as recorded: enough to run the draw again. */
static char *problem_json(const struct select_problem *p, const int64_t *user)
{
	json_t *features = json_array();
	for (int f = 0; f < p->n_features; f++) {
		const struct select_feature *sf = &p->features[f];
		json_t *values = json_array(), *min = json_array(), *max = json_array();
		for (int v = 0; v < sf->n_values; v++) {
			json_array_append_new(values, json_string(sf->values[v]));
			json_array_append_new(min, json_integer(sf->min[v]));
			json_array_append_new(max, json_integer(sf->max[v]));
		}
		json_array_append_new(features, json_pack("{s:s,s:o,s:o,s:o}", "name", sf->name,
		                                          "values", values, "min", min, "max", max));
	}
	json_t *people = json_array();
	for (int i = 0; i < p->n_people; i++) {
		json_t *row = json_array();
		json_array_append_new(row, json_integer(user[i]));
		for (int f = 0; f < p->n_features; f++)
			json_array_append_new(row, json_integer(p->value[i * p->n_features + f]));
		json_array_append_new(row, json_boolean(p->priority && p->priority[i]));
		json_array_append_new(people, row);
	}
	json_t *j = json_pack("{s:i,s:o,s:o}", "places", p->places, "features", features, "people",
	                      people);
	char *text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return text;
}

/* Reads a recorded problem back; false when it is not one. */
static bool problem_read(const char *text, struct arena *a, struct select_problem *p,
                         int64_t **user)
{
	json_t *j = json_loads(text, 0, NULL);
	if (!j) return false;
	json_t *features = json_object_get(j, "features"), *people = json_object_get(j, "people");
	int nf = (int)json_array_size(features), n = (int)json_array_size(people);
	struct select_feature *sf = arena_alloc(a, (size_t)(nf + 1) * sizeof *sf);
	int *value = arena_alloc(a, (size_t)(n * nf + 1) * sizeof *value);
	bool *priority = arena_alloc(a, (size_t)(n + 1) * sizeof *priority);
	*user = arena_alloc(a, (size_t)(n + 1) * sizeof **user);
	for (int f = 0; f < nf; f++) {
		json_t *x = json_array_get(features, (size_t)f);
		json_t *values = json_object_get(x, "values");
		int nv = (int)json_array_size(values);
		sf[f] = (struct select_feature){ .name = arena_strdup(a, json_string_value(
		                                     json_object_get(x, "name")) ?: ""),
		                                 .n_values = nv };
		sf[f].values = arena_alloc(a, (size_t)(nv + 1) * sizeof *sf[f].values);
		sf[f].min = arena_alloc(a, (size_t)(nv + 1) * sizeof *sf[f].min);
		sf[f].max = arena_alloc(a, (size_t)(nv + 1) * sizeof *sf[f].max);
		for (int v = 0; v < nv; v++) {
			sf[f].values[v] = arena_strdup(a, json_string_value(json_array_get(values, (size_t)v)) ?: "");
			sf[f].min[v] = (int)json_integer_value(json_array_get(json_object_get(x, "min"), (size_t)v));
			sf[f].max[v] = (int)json_integer_value(json_array_get(json_object_get(x, "max"), (size_t)v));
		}
	}
	bool any_priority = false;
	for (int i = 0; i < n; i++) {
		json_t *row = json_array_get(people, (size_t)i);
		(*user)[i] = json_integer_value(json_array_get(row, 0));
		for (int f = 0; f < nf; f++)
			value[i * nf + f] = (int)json_integer_value(json_array_get(row, (size_t)f + 1));
		priority[i] = json_is_true(json_array_get(row, (size_t)nf + 1));
		any_priority |= priority[i];
	}
	*p = (struct select_problem){ .places = (int)json_integer_value(json_object_get(j, "places")),
	                              .n_features = nf, .features = sf, .n_people = n,
	                              .value = value, .priority = any_priority ? priority : NULL };
	json_decref(j);
	return select_check(p) == NULL;
}

/* The 1,000 panels as text, a line of ascending user ids each, and its
 * SHA-256 in hex. */
static const char *lottery_text(const struct select_result *r, int places, const int64_t *user,
                                struct arena *a, char sha[65])
{
	struct buf b = { 0 };
	for (int j = 0; j < SELECT_LOTTERY; j++) {
		const int *panel = select_panel(r, places, j);
		int64_t ids[100];
		for (int i = 0; i < places; i++) ids[i] = user[panel[i]];
		for (int i = 1; i < places; i++)
			for (int x = i; x > 0 && ids[x - 1] > ids[x]; x--) {
				int64_t t = ids[x];
				ids[x] = ids[x - 1];
				ids[x - 1] = t;
			}
		for (int i = 0; i < places; i++) buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
		buf_putc(&b, '\n');
	}
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, (const unsigned char *)b.data, b.len);
	sodium_bin2hex(sha, 65, hash, sizeof hash);
	const char *out = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* Why a draw is impossible, as recorded: "short N", or one line per bound
 * to move, "characteristic value min|max from to". */
static const char *explain(const struct select_problem *p, const struct select_result *r,
                           struct arena *a)
{
	if (r->short_of_people) return arena_printf(a, "short %d", r->short_of_people);
	struct buf b = { 0 };
	for (int i = 0; i < r->n_relaxations; i++) {
		const struct select_relaxation *x = &r->relaxations[i];
		buf_printf(&b, "%s %s %s %d %d\n", p->features[x->feature].name,
		           p->features[x->feature].values[x->value], x->is_min ? "min" : "max", x->from,
		           x->to);
	}
	const char *out = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

struct prepare_ctx {
	const struct draw *d;
	const struct draw_person *people;
	size_t n;
	int64_t id;
};

static enum store_rc prepare_tx(struct store *s, void *p)
{
	struct prepare_ctx *c = p;
	return store_draw_add(s, c->d, c->people, c->n, &c->id);
}

bool app_draw_prepare(struct store *s, const struct panel *p, const struct opportunity *o,
                      const struct panel_actor *actor, int64_t actor_id, int64_t now,
                      struct arena *a, int64_t *draw_id, struct app_error *err)
{
	if (!may_run(s, o, actor, actor_id, err)) return false;
	if (o->cancelled_at) return app_fail(err, 409, "cancelled", NULL, _("This was cancelled."));
	if (now < o->closes_at)
		return app_fail(err, 409, "open", NULL,
		                _("People can still come forward: the draw is made after it closes."));
	struct draw *draws;
	struct interest *in;
	struct place *places;
	size_t n_draws, n_in, n_places;
	if (store_draws(s, o->id, a, &draws, &n_draws) != ST_OK ||
	    store_interests(s, o->id, a, &in, &n_in) != ST_OK ||
	    store_places(s, o->id, a, &places, &n_places) != ST_OK)
		return app_internal(err);
	for (size_t i = 0; i < n_draws; i++)
		if (!draws[i].impossible && !draws[i].set_aside && draws[i].number < 0)
			return app_fail(err, 409, "ready", NULL,
			                _("A draw is ready and waits for its number."));
	int holding = 0;
	for (size_t i = 0; i < n_places; i++) holding += !places[i].dropped_at;
	int k = o->places - holding;
	if (k <= 0) return app_fail(err, 409, "full", NULL, _("Every place is taken."));
	bool replacement = o->drawn;

	/* who can be drawn: came forward, did not withdraw, never given a
	 * place here, on the panel now, and neither paused nor at their own
	 * limit */
	struct rep_answer *pop;
	size_t n_pop;
	if (store_rep_answers(s, p->id, a, &pop, &n_pop) != ST_OK) return app_internal(err);
	int64_t *pool = arena_alloc(a, (n_in + n_places + 1) * sizeof *pool);
	int n = 0;
	for (size_t i = 0; i < n_in; i++) {
		if (in[i].withdrawn_at) continue;
		bool had = false, member = false;
		for (size_t x = 0; x < n_places; x++) had |= places[x].user_id == in[i].user_id;
		for (size_t x = 0; x < n_pop && !member; x++) member = pop[x].user_id == in[i].user_id;
		/* paused, or at their own limit: left out, as they asked */
		if (!had && member && app_limit_flag(s, in[i].user_id, now) == LIMIT_NONE)
			pool[n++] = in[i].user_id;
	}
	/* the kept members come first in the whole problem, then the pool */
	int n_kept = 0;
	int64_t *all = arena_alloc(a, (size_t)(n + holding + 1) * sizeof *all);
	for (size_t x = 0; x < n_places; x++)
		if (!places[x].dropped_at) all[n_kept++] = places[x].user_id;
	memcpy(all + n_kept, pool, (size_t)n * sizeof *all);
	int total = n_kept + n;

	bool *priority = NULL;
	if (o->rotation > 0) {
		int64_t *recent;
		size_t n_recent;
		if (store_recently_chosen(s, p->id, o->id, o->rotation, a, &recent, &n_recent) != ST_OK)
			return app_internal(err);
		priority = arena_alloc(a, (size_t)(total + 1) * sizeof *priority);
		for (int i = 0; i < total; i++) priority[i] = !among(recent, n_recent, all[i]);
	}
	struct draw_problem dp;
	if (build_problem(s, o, all, total, priority, o->places, a, &dp) != ST_OK)
		return app_internal(err);
	struct select_problem solved = dp.p;
	int64_t *user = dp.user;
	if (replacement) {
		int *kept = arena_alloc(a, (size_t)(n_kept + 1) * sizeof *kept);
		int *candidates = arena_alloc(a, (size_t)(n + 1) * sizeof *candidates);
		for (int i = 0; i < n_kept; i++) kept[i] = i;
		for (int i = 0; i < n; i++) candidates[i] = n_kept + i;
		select_replacement_problem(a, &dp.p, kept, n_kept, candidates, n, k, &solved);
		user = all + n_kept;
	}
	if (select_check(&solved)) return app_internal(err);
	struct select_options opt = { .seed = (uint64_t)o->id * 1000003u + n_draws,
	                              .seconds = DRAW_SECONDS };
	struct select_result r;
	if (!select_solve(a, &solved, &opt, &r)) return app_internal(err);
	if (r.outcome == SELECT_OUT_OF_TIME)
		return app_fail(err, 503, "out_of_time", NULL,
		                _("Working out the chances took too long. Nothing was recorded; try "
		                  "again, or with fewer targets."));
	if (r.outcome == SELECT_FAILED) return app_internal(err);

	char *problem = problem_json(&solved, user);
	struct draw d = { .opportunity_id = o->id, .replacement = replacement,
	                  .algorithm = SELECT_ALGORITHM, .places = k, .seed = (int64_t)opt.seed,
	                  .problem = arena_strdup(a, problem), .impossible = r.outcome != SELECT_DONE,
	                  .explanation = "", .lottery = "", .lottery_sha256 = "",
	                  .outsiders = r.outsiders_needed, .prepared_at = now,
	                  .prepared_by = actor_id };
	free(problem);
	struct draw_person *people = arena_alloc(a, (size_t)(solved.n_people + 1) * sizeof *people);
	size_t n_people = 0;
	if (d.impossible) {
		d.explanation = explain(&solved, &r, a);
	} else {
		char sha[65];
		d.lottery = lottery_text(&r, k, user, a, sha);
		d.lottery_sha256 = arena_strdup(a, sha);
		for (int i = 0; i < solved.n_people; i++)
			people[n_people++] = (struct draw_person){
				.user_id = user[i], .chance_ppm = llround(r.probability[i] * 1e6),
				.panels = r.lottery_count[i],
				.priority = solved.priority && solved.priority[i] };
	}
	struct prepare_ctx c = { &d, people, n_people, 0 };
	if (store_tx(s, prepare_tx, &c) != ST_OK) return app_internal(err);
	*draw_id = c.id;
	return true;
}

/* The user ids of line `number` of a lottery, in ids (at most max). */
static size_t lottery_line(const char *lottery, int number, int64_t *ids, size_t max)
{
	const char *line = lottery;
	for (int j = 0; j < number && line; j++) {
		line = strchr(line, '\n');
		if (line) line++;
	}
	size_t n = 0;
	while (line && *line && *line != '\n' && n < max) {
		char *end;
		ids[n++] = strtoll(line, &end, 10);
		line = *end == ',' ? end + 1 : end;
	}
	return n;
}

struct number_ctx {
	const struct draw *d;
	int number;
	const char *note;
	int64_t by, now;
	const int64_t *chosen;
	size_t n;
};

static enum store_rc number_tx(struct store *s, void *p)
{
	struct number_ctx *c = p;
	return store_draw_number(s, c->d, c->number, c->note, c->by, c->chosen, c->n, c->now);
}

bool app_draw_number(struct store *s, const struct opportunity *o, const struct draw *d,
                     int first, int second, const char *note, const struct panel_actor *actor,
                     int64_t actor_id, int64_t now, struct arena *a, int *number,
                     struct app_error *err)
{
	if (first < 0 || first > 999)
		return app_fail(err, 400, "invalid", "number", _(number_inputs[NUMBER_FIRST].wrong));
	if (second > 999)
		return app_fail(err, 400, "invalid", "second_number",
		                _(number_inputs[NUMBER_SECOND].wrong));
	const char *texts[NUMBER_INPUTS] = { [NUMBER_NOTE] = note ? note : "" };
	if (!app_texts_fit(number_inputs, texts, NUMBER_INPUTS, err)) return false;
	if (!may_run(s, o, actor, actor_id, err)) return false;
	if (d->set_aside)
		return app_fail(err, 409, "set_aside", NULL,
		                _("This draw was set aside because someone in it withdrew. Prepare "
		                  "the draw again."));
	if (d->impossible)
		return app_fail(err, 409, "impossible", NULL,
		                _("No group can meet the targets, so there is nothing to draw."));
	if (d->number >= 0)
		return app_fail(err, 409, "drawn", NULL, _("This draw has its number already."));
	/* two numbers: their sum, keeping the last three digits; the record
	 * says how it was made ("123 + 900: dice at the meeting") */
	*number = second >= 0 ? (first + second) % SELECT_LOTTERY : first;
	const char *how = second >= 0 ? arena_printf(a, "%03d + %03d", first, second) : "";
	if (*texts[NUMBER_NOTE])
		how = *how ? arena_printf(a, "%s: %s", how, texts[NUMBER_NOTE]) : texts[NUMBER_NOTE];
	int64_t chosen[100];
	size_t n = lottery_line(d->lottery, *number, chosen, 100);
	struct number_ctx c = { d, *number, how, actor_id, now, chosen, n };
	switch (store_tx(s, number_tx, &c)) {
	case ST_OK: return true;
	case ST_CONFLICT:
		return app_fail(err, 409, "drawn", NULL, _("This draw has its number already."));
	default: return app_internal(err);
	}
}

bool app_draw_check(const struct draw *d, struct arena *a, bool *same)
{
	struct select_problem p;
	int64_t *user;
	*same = false;
	if (d->impossible || !problem_read(d->problem, a, &p, &user)) return false;
	struct select_options opt = { .seed = (uint64_t)d->seed, .seconds = DRAW_SECONDS };
	struct select_result r;
	if (!select_solve(a, &p, &opt, &r) || r.outcome != SELECT_DONE) return false;
	char sha[65];
	lottery_text(&r, p.places, user, a, sha);
	*same = !strcmp(sha, d->lottery_sha256);
	return true;
}

bool app_place_drop(struct store *s, const struct opportunity *o, int64_t user_id, int64_t now,
                    struct app_error *err)
{
	switch (store_place_drop(s, o->id, user_id, now)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 409, "no_place", NULL, _("There is no place here to give up."));
	default: return app_internal(err);
	}
}

bool app_opportunity_view(struct store *s, const struct opportunity *o, int64_t user_id,
                          struct arena *a, struct opportunity_view *v, struct app_error *err)
{
	*v = (struct opportunity_view){ 0 };
	if (store_interests(s, o->id, a, &v->interests, &v->n_interests) != ST_OK ||
	    store_draws(s, o->id, a, &v->draws, &v->n_draws) != ST_OK ||
	    store_places(s, o->id, a, &v->places, &v->n_places) != ST_OK)
		return app_internal(err);
	for (size_t i = 0; i < v->n_interests; i++)
		if (v->interests[i].user_id == user_id) v->mine = &v->interests[i];
	for (size_t i = 0; i < v->n_places; i++) {
		if (v->places[i].user_id != user_id) continue;
		v->had_place = true;
		if (!v->places[i].dropped_at) v->my_place = &v->places[i];
	}
	if (v->n_draws) v->latest = &v->draws[v->n_draws - 1];
	for (size_t i = 0; i < v->n_draws; i++)
		if (!v->draws[i].impossible && !v->draws[i].set_aside && v->draws[i].number < 0)
			v->ready = &v->draws[i];
	/* only the asker's own chance is kept */
	for (size_t i = v->n_draws; i-- > 0 && !v->my_draw;) {
		struct draw_person *people;
		size_t n;
		if (v->draws[i].impossible || v->draws[i].set_aside) continue;
		if (store_draw_people(s, v->draws[i].id, a, &people, &n) != ST_OK) return app_internal(err);
		for (size_t k = 0; k < n; k++)
			if (people[k].user_id == user_id) {
				v->my_chance = people[k];
				v->my_draw = &v->draws[i];
			}
	}
	return true;
}

bool app_draw_explanation(struct store *s, const struct draw *d, int64_t panel_id,
                          struct arena *a, int *short_of, struct draw_change **out, size_t *n,
                          struct app_error *err)
{
	*short_of = 0;
	*n = 0;
	*out = NULL;
	if (sscanf(d->explanation, "short %d", short_of) == 1) return true;
	struct rep_group *groups;
	size_t ng;
	if (store_rep_groups(s, panel_id, a, &groups, &ng) != ST_OK) return app_internal(err);
	size_t cap = 1;
	for (const char *c = d->explanation; *c; c++) cap += *c == '\n';
	*out = arena_alloc(a, cap * sizeof **out);
	for (const char *line = d->explanation; line && *line;) {
		char field[40], key[80], end[8];
		int from, to;
		const struct profile_field *f = NULL;
		if (sscanf(line, "%39s %79s %7s %d %d", field, key, end, &from, &to) == 5 &&
		    (f = rep_characteristic_find(field))) {
			struct rep_row *rows;
			size_t nr = app_rep_rows(f, groups, ng, a, &rows);
			struct draw_change *c = &(*out)[(*n)++];
			*c = (struct draw_change){ f, arena_strdup(a, key), false, !strcmp(end, "min"), from,
			                           to };
			for (size_t r = 0; r < nr; r++)
				if (!strcmp(rows[r].key, key)) {
					c->group = rows[r].label;
					c->own_words = rows[r].own_words;
				}
		}
		line = strchr(line, '\n');
		if (line) line++;
	}
	return true;
}
