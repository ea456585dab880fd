/* "Who isn't here?" (app.h): a panel's representation groups and targets,
 * members' own choice of group, and the report, whose figures are
 * published through core/representation.h's rule and read back from the
 * store's ledger, so that every door shows the same figures. */
#include <stdlib.h>
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"
#include "core/disclosure.h"
#include "core/lang.h"
#include "core/representation.h"
#include "core/text.h"

enum { LABEL_MAX = 80, SOURCE_MAX = 200 };

/* ---- groups and targets ---- */

const struct input_field target_inputs[TARGET_INPUTS] = {
	[TARGET_IN_CHARACTERISTIC] = { .name = "characteristic", .kind = IN_CHOICE, .required = true,
	                               .choice = rep_characteristic_is,
	                               .missing = N_("Choose what the group is about."),
	                               .wrong = N_("Choose age, gender, ethnicity, disability or "
	                                           "area.") },
	[TARGET_IN_ANSWER] = { .name = "answer", .kind = IN_LINE, .max = 40 },
	[TARGET_IN_LABEL] = { .name = "label", .kind = IN_LINE, .max = LABEL_MAX, .blank_ok = true },
	[TARGET_IN_UNIT] = { .name = "unit", .kind = IN_CHOICE, .choice = rep_unit_is,
	                     .wrong = N_("Choose people or percent.") },
	[TARGET_IN_MIN] = { .name = "min", .kind = IN_INT, .min = 0, .max = 100000,
	                    .wrong = N_("Enter a whole number, or leave it empty.") },
	[TARGET_IN_MAX] = { .name = "max", .kind = IN_INT, .min = 0, .max = 100000,
	                    .wrong = N_("Enter a whole number, or leave it empty.") },
	[TARGET_IN_REFERENCE] = { .name = "reference_share", .kind = IN_LINE, .max = 10,
	                          .blank_ok = true },
	[TARGET_IN_SOURCE] = { .name = "reference_source", .kind = IN_LINE, .max = SOURCE_MAX,
	                       .blank_ok = true },
	[TARGET_IN_DATE] = { .name = "reference_date", .kind = IN_DATE },
	[TARGET_IN_VERSION] = { .name = "version", .kind = IN_INT, .min = 0, .max = INT64_MAX,
	                        .wrong = N_("Reload the page and save again.") },
};

static const char *share_wrong(void)
{
	return _("Enter a share like 17.8%, from 0 to 100.");
}

bool app_rep_group_from_inputs(const struct input_value *in, struct rep_group *g,
                               struct app_error *err)
{
	/* a group's characteristic and answer are what it is: they never change */
	if (g->id && ((in[TARGET_IN_CHARACTERISTIC].given &&
	               strcmp(in[TARGET_IN_CHARACTERISTIC].text, g->characteristic)) ||
	              (in[TARGET_IN_ANSWER].given && strcmp(in[TARGET_IN_ANSWER].text, g->answer))))
		return app_fail(err, 400, "invalid", "characteristic",
		                _("A group stays about what it is about: remove it and add another."));
	if (in[TARGET_IN_CHARACTERISTIC].given) g->characteristic = in[TARGET_IN_CHARACTERISTIC].text;
	if (in[TARGET_IN_ANSWER].given) g->answer = in[TARGET_IN_ANSWER].text;
	if (in[TARGET_IN_LABEL].given) g->label = in[TARGET_IN_LABEL].text;
	if (in[TARGET_IN_UNIT].given) rep_unit_parse(in[TARGET_IN_UNIT].text, &g->target.unit);
	g->target.min = in[TARGET_IN_MIN].given ? in[TARGET_IN_MIN].number : -1;
	g->target.max = in[TARGET_IN_MAX].given ? in[TARGET_IN_MAX].number : -1;
	g->reference_permille = -1;
	if (in[TARGET_IN_REFERENCE].given && *in[TARGET_IN_REFERENCE].text &&
	    !rep_share_parse(in[TARGET_IN_REFERENCE].text, &g->reference_permille))
		return app_fail(err, 400, "invalid", "reference_share", share_wrong());
	if (in[TARGET_IN_SOURCE].given) g->reference_source = in[TARGET_IN_SOURCE].text;
	g->reference_day = in[TARGET_IN_DATE].given ? in[TARGET_IN_DATE].number : 0;
	if (in[TARGET_IN_VERSION].given) g->version = in[TARGET_IN_VERSION].number;
	return true;
}

bool app_rep_group_save(struct store *s, struct rep_group *g, int64_t now, int64_t *id,
                        struct app_error *err)
{
	if (!g->answer) g->answer = "";
	if (!g->label) g->label = "";
	if (!g->reference_source) g->reference_source = "";
	const char *texts[TARGET_INPUTS] = { [TARGET_IN_LABEL] = g->label,
	                                     [TARGET_IN_SOURCE] = g->reference_source };
	if (!app_texts_fit(target_inputs, texts, TARGET_INPUTS, err)) return false;
	const struct profile_field *f = rep_characteristic_find(g->characteristic);
	if (!f)
		return app_fail(err, 400, "invalid", "characteristic",
		                _(target_inputs[TARGET_IN_CHARACTERISTIC].wrong));
	if (rep_self_described(f)) {
		/* the steward's words for a group, or "prefer not to say" */
		if (*g->answer && strcmp(g->answer, PROFILE_PREFER_NOT))
			return app_fail(err, 400, "invalid", "answer",
			                _("Name the group in your own words."));
		if (!*g->answer && !*g->label)
			return app_fail(err, 400, "missing", "label",
			                _("Name the group, for example \"Women\"."));
		if (*g->answer) g->label = "";
	} else {
		if (!profile_option_label(f, g->answer))
			return app_fail(err, 400, "invalid", "answer", _("Choose one of the answers shown."));
		g->label = "";
	}
	for (int end = 0; end < 2; end++) {
		int64_t v = end ? g->target.max : g->target.min;
		if (v < -1 || (g->target.unit == REP_PERCENT && v > 100))
			return app_fail(err, 400, "invalid", end ? "max" : "min",
			                _("A percentage goes from 0 to 100."));
	}
	if (g->target.min >= 0 && g->target.max >= 0 && g->target.min > g->target.max)
		return app_fail(err, 400, "invalid", "max",
		                _("The most can't be less than the fewest."));
	if (g->reference_permille < -1 || g->reference_permille > 1000)
		return app_fail(err, 400, "invalid", "reference_share", share_wrong());
	if (g->reference_permille < 0 && (*g->reference_source || g->reference_day))
		return app_fail(err, 400, "missing", "reference_share",
		                _("Give the share in the population, or clear its source and date."));
	switch (store_rep_group_put(s, g, now, id)) {
	case ST_OK:
		return true;
	case ST_NOT_FOUND:
		return app_fail(err, 404, "not_found", NULL, _("There is no such group on this panel."));
	case ST_CONFLICT:
		if (!g->version)
			return app_fail(err, 409, "exists", "answer",
			                _("This answer has a target already: change that one."));
		return app_fail(err, 409, "conflict", "version",
		                _("Someone else changed this target while you were editing. Check "
		                  "the values and save again."));
	default:
		return app_internal(err);
	}
}

bool app_rep_group_delete(struct store *s, int64_t panel_id, int64_t id, struct app_error *err)
{
	switch (store_rep_group_delete(s, panel_id, id)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 404, "not_found", NULL, _("There is no such group on this panel."));
	default: return app_internal(err);
	}
}

/* ---- a member's own choice of group ---- */

const struct input_field rep_choice_inputs[REP_CHOICE_INPUTS] = {
	[REP_CHOICE_CHARACTERISTIC] = { .name = "characteristic", .kind = IN_CHOICE,
	                                .required = true, .choice = rep_characteristic_is,
	                                .missing = N_("Choose gender, ethnicity or area."),
	                                .wrong = N_("Choose gender, ethnicity or area.") },
	[REP_CHOICE_GROUP] = { .name = "group_id", .kind = IN_INT, .required = true, .min = 0,
	                       .max = INT64_MAX, .missing = N_("Choose a group, or none of these."),
	                       .wrong = N_("Choose a group, or none of these.") },
};

bool app_rep_choice_set(struct store *s, int64_t panel_id, int64_t user_id,
                        const char *characteristic, int64_t group_id, int64_t now,
                        struct app_error *err)
{
	const struct profile_field *f = rep_characteristic_find(characteristic);
	if (!f || !rep_self_described(f))
		return app_fail(err, 400, "invalid", "characteristic",
		                _("Only gender, ethnicity and area have groups to choose."));
	if (group_id && !store_consent_current(s, user_id, f->consent_purpose))
		return app_fail(err, 400, "consent_needed", "group_id",
		                _("To be counted, first give your answer on your profile and agree "
		                  "to its use."));
	switch (store_rep_choice_set(s, panel_id, user_id, characteristic, group_id, now)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 400, "invalid", "group_id", _("Choose one of this panel's groups."));
	default: return app_internal(err);
	}
}

/* ---- the report ---- */

/* The row keys of characteristic f, in the order shown: the field's
 * options (a choice) or the panel's groups, then "prefer not to say" and
 * "in other words" (self-described), then "not answered". */
size_t app_rep_rows(const struct profile_field *f, const struct rep_group *groups,
                    size_t n_groups, struct arena *a, struct rep_row **out)
{
	size_t cap = n_groups + 8;
	for (const struct field_option *o = f->options; o && o->key; o++) cap++;
	struct rep_row *r = arena_alloc(a, cap * sizeof *r);
	size_t n = 0;
	const struct rep_group *prefer_not = NULL;
	for (size_t i = 0; i < n_groups; i++)
		if (!strcmp(groups[i].characteristic, f->key) &&
		    !strcmp(groups[i].answer, PROFILE_PREFER_NOT))
			prefer_not = &groups[i];
	if (rep_self_described(f)) {
		for (size_t i = 0; i < n_groups; i++) {
			if (strcmp(groups[i].characteristic, f->key) || *groups[i].answer) continue;
			r[n++] = (struct rep_row){ arena_printf(a, "group:%lld", (long long)groups[i].id),
			                           groups[i].label, true, &groups[i], -1, REP_NO_TARGET };
		}
		r[n++] = (struct rep_row){ "answer:" PROFILE_PREFER_NOT, _("Prefer not to say"), false,
		                           prefer_not, -1, REP_NO_TARGET };
		r[n++] = (struct rep_row){ "other", _("Described in other words"), false, NULL, -1,
		                           REP_NO_TARGET };
	} else {
		for (const struct field_option *o = f->options; o->key; o++) {
			const struct rep_group *g = NULL;
			for (size_t i = 0; i < n_groups; i++)
				if (!strcmp(groups[i].characteristic, f->key) &&
				    !strcmp(groups[i].answer, o->key))
					g = &groups[i];
			r[n++] = (struct rep_row){ arena_printf(a, "answer:%s", o->key), _(o->label), false,
			                           g, -1, REP_NO_TARGET };
		}
	}
	r[n++] = (struct rep_row){ "unanswered", _("Not answered"), false, NULL, -1, REP_NO_TARGET };
	*out = r;
	return n;
}

/* The row key that person's answer to f puts them in. */
const char *app_rep_class(const struct profile_field *f, const struct rep_answer *ans,
                          const struct rep_group *groups, size_t n_groups, struct arena *a)
{
	if (!ans || !*ans->value) return "unanswered";
	if (!strcmp(ans->value, PROFILE_PREFER_NOT)) return "answer:" PROFILE_PREFER_NOT;
	if (!rep_self_described(f))
		return profile_option_label(f, ans->value)
		               ? arena_printf(a, "answer:%s", ans->value) : "unanswered";
	for (size_t i = 0; ans->group_id && i < n_groups; i++)
		if (groups[i].id == ans->group_id && !strcmp(groups[i].characteristic, f->key))
			return arena_printf(a, "group:%lld", (long long)ans->group_id);
	return "other";
}

/* What a report is made from: the people counted now and their answers,
 * the panel's groups and the meetings shown. */
struct rep_inputs {
	struct rep_answer *answers;
	size_t n_answers;
	int64_t *people;              /* ascending */
	int n_people;
	struct rep_group *groups;
	size_t n_groups;
	struct rep_meeting *meetings;
	size_t n_meetings;
	struct rep_opportunity *opportunities;
	size_t n_opportunities;
};

/* An opportunity's two groups of people: who came forward (and did not
 * withdraw) and who was given a place (given up or not). */
struct rep_opportunity {
	int64_t id;
	int64_t *interested, *chosen;   /* ascending */
	int n_interested, n_chosen;
};

enum { REPORT_MEETINGS = 6, REPORT_OPPORTUNITIES = 6, REPORT_TREND = 12 };

static int compare_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The panel's latest opportunities with people in them. */
static enum store_rc load_opportunities(struct store *s, int64_t panel_id, struct arena *a,
                                        struct rep_inputs *in)
{
	struct opportunity *o;
	size_t n;
	enum store_rc rc = store_opportunities(s, panel_id, a, &o, &n);
	if (rc != ST_OK) return rc;
	in->opportunities = arena_alloc(a, (REPORT_OPPORTUNITIES + 1) * sizeof *in->opportunities);
	for (size_t i = 0; i < n && in->n_opportunities < REPORT_OPPORTUNITIES; i++) {
		struct interest *it;
		struct place *pl;
		size_t ni, np;
		if ((rc = store_interests(s, o[i].id, a, &it, &ni)) != ST_OK ||
		    (rc = store_places(s, o[i].id, a, &pl, &np)) != ST_OK)
			return rc;
		if (!ni && !np) continue;
		struct rep_opportunity *r = &in->opportunities[in->n_opportunities++];
		*r = (struct rep_opportunity){ .id = o[i].id };
		r->interested = arena_alloc(a, (ni + 1) * sizeof *r->interested);
		r->chosen = arena_alloc(a, (np + 1) * sizeof *r->chosen);
		for (size_t k = 0; k < ni; k++)
			if (!it[k].withdrawn_at) r->interested[r->n_interested++] = it[k].user_id;
		for (size_t k = 0; k < np; k++) r->chosen[r->n_chosen++] = pl[k].user_id;
		qsort(r->interested, (size_t)r->n_interested, sizeof *r->interested, compare_ids);
		qsort(r->chosen, (size_t)r->n_chosen, sizeof *r->chosen, compare_ids);
	}
	return ST_OK;
}

static enum store_rc load_inputs(struct store *s, int64_t panel_id, int64_t now,
                                 struct arena *a, struct rep_inputs *in)
{
	*in = (struct rep_inputs){ 0 };
	enum store_rc rc = store_rep_answers(s, panel_id, a, &in->answers, &in->n_answers);
	if (rc == ST_OK) rc = store_rep_groups(s, panel_id, a, &in->groups, &in->n_groups);
	if (rc == ST_OK)
		rc = store_rep_meetings(s, panel_id, now, REPORT_MEETINGS, a, &in->meetings,
		                        &in->n_meetings);
	if (rc == ST_OK) rc = load_opportunities(s, panel_id, a, in);
	if (rc != ST_OK) return rc;
	in->people = arena_alloc(a, (in->n_answers + 1) * sizeof *in->people);
	for (size_t i = 0; i < in->n_answers; i++)
		if (!in->n_people || in->people[in->n_people - 1] != in->answers[i].user_id)
			in->people[in->n_people++] = in->answers[i].user_id;
	return ST_OK;
}

/* Whether sorted ids[0..n) holds id. */
static bool holds(const int64_t *ids, int n, int64_t id)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (ids[mid] == id) return true;
		if (ids[mid] < id) lo = mid + 1;
		else hi = mid;
	}
	return false;
}

/* The figures of characteristic f: for the panel, each meeting shown and
 * each opportunity's two groups, one per row, and a total
 * ("panel:total", public: the members page shows who is on the panel;
 * the others' are not). A frozen meeting (published once already) is left
 * out. */
static int make_figures(const struct profile_field *f, const struct rep_inputs *in,
                        const bool *frozen, struct arena *a, struct rep_figure **out,
                        bool **known_out)
{
	struct rep_row *rows;
	size_t n_rows = app_rep_rows(f, in->groups, in->n_groups, a, &rows);
	/* each person's class */
	const char **cls = arena_alloc(a, ((size_t)in->n_people + 1) * sizeof *cls);
	size_t k = 0;
	for (int p = 0; p < in->n_people; p++) {
		const struct rep_answer *mine = NULL;
		for (; k < in->n_answers && in->answers[k].user_id == in->people[p]; k++)
			if (!strcmp(in->answers[k].field, f->key)) mine = &in->answers[k];
		cls[p] = app_rep_class(f, mine, in->groups, in->n_groups, a);
	}
	/* the scopes: a prefix, who is in it (NULL: everyone counted), and
	 * whether how many they are is known anyway: the panel's size (the
	 * members page), and an opportunity's (its page says how many came
	 * forward and who holds the places) */
	size_t n_scopes = 1 + in->n_meetings + 2 * in->n_opportunities;
	const char **prefix = arena_alloc(a, n_scopes * sizeof *prefix);
	const int64_t **who = arena_alloc(a, n_scopes * sizeof *who);
	int *n_who = arena_alloc(a, n_scopes * sizeof *n_who);
	bool *known = arena_alloc(a, n_scopes * sizeof *known);
	int *n_counted = arena_alloc(a, n_scopes * sizeof *n_counted);
	for (size_t x = 0; x < n_scopes; x++) {
		known[x] = false;
		n_counted[x] = in->n_people;
	}
	size_t sc = 0;
	prefix[sc] = "panel:";
	known[sc] = true;
	who[sc++] = NULL;
	for (size_t m = 0; m < in->n_meetings; m++) {
		if (frozen[m]) continue;
		prefix[sc] = arena_printf(a, "meeting:%lld:", (long long)in->meetings[m].id);
		n_who[sc] = in->meetings[m].n_attended;
		who[sc++] = in->meetings[m].attended;
	}
	for (size_t o = 0; o < in->n_opportunities; o++) {
		const struct rep_opportunity *r = &in->opportunities[o];
		prefix[sc] = arena_printf(a, "opportunity:%lld:interested:", (long long)r->id);
		n_who[sc] = r->n_interested;
		known[sc] = true;
		who[sc++] = r->interested;
		if (!r->n_chosen) continue;
		prefix[sc] = arena_printf(a, "opportunity:%lld:chosen:", (long long)r->id);
		n_who[sc] = r->n_chosen;
		known[sc] = true;
		who[sc++] = r->chosen;
	}
	/* how many of each scope's people are counted: those on the panel now */
	for (size_t x = 0; x < sc; x++) {
		if (!who[x]) continue;
		int c = 0;
		for (int p = 0; p < in->n_people; p++) c += holds(who[x], n_who[x], in->people[p]);
		n_counted[x] = c;
	}
	struct rep_figure *fig = arena_alloc(a, sc * (n_rows + 1) * sizeof *fig);
	*known_out = arena_alloc(a, (sc + 1) * sizeof **known_out);
	size_t i = 0;
	for (size_t x = 0; x < sc; x++) {
		(*known_out)[x] = known[x];
		for (size_t r = 0; r <= n_rows; r++) {
			int64_t *ids = arena_alloc(a, ((size_t)in->n_people + 1) * sizeof *ids);
			int c = 0;
			for (int p = 0; p < in->n_people; p++) {
				if (who[x] && !holds(who[x], n_who[x], in->people[p])) continue;
				if (r < n_rows && strcmp(cls[p], rows[r].key)) continue;
				ids[c++] = in->people[p];
			}
			/* the panel's own figures matter most: the others go first */
			fig[i++] = (struct rep_figure){
				.key = arena_printf(a, "%s%s", prefix[x], r < n_rows ? rows[r].key : "total"),
				.members = ids, .n_members = c,
				/* a known size is public: the panel's always; an opportunity's
				 * once 5 or more (fewer, and it is held back as any small
				 * figure, while its rows of none are watched below) */
				.presence = known[x] && r == n_rows && (!x || n_counted[x] >= DISCLOSURE_MIN),
				.keep = !x };
		}
	}
	*out = fig;
	return (int)i;
}

/* "None" adds nothing to what sums and differences give, but where how
 * many a scope holds is known anyway (known[block]), rows shown as none
 * say which rows its people are in: when all are in one row of 1 to 4,
 * that says their answer. Then the rows of none are held back too. f is
 * make_figures's: each scope's n_rows rows, then its total. */
static void hold_back_telling_nones(struct rep_figure *f, int n, size_t n_rows,
                                    const bool *known)
{
	for (int b = 0, block = 0; b + (int)n_rows < n; b += (int)n_rows + 1, block++) {
		if (!known[block]) continue;
		int open = 0, last = -1;
		for (int r = 0; r < (int)n_rows; r++)
			if (!(f[b + r].shown && f[b + r].n_members == 0)) {
				open++;
				last = b + r;
			}
		if (open != 1 || f[last].n_members >= DISCLOSURE_MIN) continue;
		for (int r = 0; r < (int)n_rows; r++)
			if (!f[b + r].n_members) f[b + r].shown = false;
	}
}

/* Whether figures f (decided) are the latest publication of f's
 * characteristic as it stands: the same keys, shown or held back alike,
 * and each shown one counting the same people. */
static bool published_already(const char *characteristic, const struct rep_figure *f, int n,
                              const struct rep_release *latest, size_t n_latest)
{
	int found = 0;
	for (size_t j = 0; j < n_latest; j++) {
		if (strcmp(latest[j].characteristic, characteristic)) continue;
		int i = 0;
		while (i < n && strcmp(f[i].key, latest[j].figure)) i++;
		if (i == n) continue; /* a meeting's, kept as it was */
		if (f[i].shown != (latest[j].n >= 0)) return false;
		if (f[i].shown && rep_support_hash(f[i].members, f[i].n_members) != latest[j].support_hash)
			return false;
		found++;
	}
	return found == n;
}

struct refresh_ctx {
	int64_t panel_id, now, every;
	bool dry;          /* only find whether a publication is due */
	bool due;          /* out */
	struct arena *a;
};

/* Decides each characteristic's figures and publishes those that changed
 * (or, dry, says whether any would). */
static enum store_rc refresh(struct store *s, void *p)
{
	struct refresh_ctx *c = p;
	/* which characteristics are due: each is decided again at most once
	 * every `every` seconds (every view when 0); a view that finds none
	 * due reads nothing more */
	struct rep_check *checks = NULL;
	size_t n_checks = 0;
	if (c->every > 0 && store_rep_checks(s, c->panel_id, c->a, &checks, &n_checks) != ST_OK)
		return ST_ERROR;
	bool due[16] = { false }, any = false;
	const struct profile_field *f;
	for (int ch = 0; (f = rep_characteristic(ch)) && ch < 16; ch++) {
		int64_t last = 0;
		for (size_t i = 0; i < n_checks; i++)
			if (!strcmp(checks[i].characteristic, f->key)) last = checks[i].checked_at;
		due[ch] = c->every <= 0 || !last || c->now - last >= c->every;
		any |= due[ch];
	}
	if (!any) return ST_OK;
	/* deciding on a schedule records that it did: in the transaction */
	if (c->every > 0 && c->dry) {
		c->due = true;
		return ST_OK;
	}
	struct rep_inputs in;
	enum store_rc rc = load_inputs(s, c->panel_id, c->now, c->a, &in);
	struct rep_release *latest = NULL;
	size_t n_latest = 0;
	if (rc == ST_OK) rc = store_rep_latest(s, c->panel_id, c->a, &latest, &n_latest);
	for (int ch = 0; rc == ST_OK && (f = rep_characteristic(ch)); ch++) {
		if (ch >= 16 || !due[ch]) continue;
		if (c->every > 0 && (rc = store_rep_checked(s, c->panel_id, f->key, c->now)) != ST_OK)
			break;
		/* a meeting's figures are published once, then kept as they were */
		int64_t *done;
		size_t n_done;
		if ((rc = store_rep_meetings_published(s, c->panel_id, f->key, c->a, &done, &n_done)) !=
		    ST_OK)
			break;
		bool *frozen = arena_alloc(c->a, (in.n_meetings + 1) * sizeof *frozen);
		for (size_t m = 0; m < in.n_meetings; m++) {
			frozen[m] = false;
			for (size_t d = 0; d < n_done; d++) frozen[m] |= done[d] == in.meetings[m].id;
		}
		struct rep_figure *fig;
		bool *known;
		int n = make_figures(f, &in, frozen, c->a, &fig, &known);
		/* the past of everyone counted now; anyone who has left is forgotten */
		struct rep_past *stored, *past;
		size_t n_stored;
		int n_ordinals;
		if ((rc = store_rep_past(s, c->panel_id, f->key, c->a, &stored, &n_stored,
		                         &n_ordinals)) != ST_OK)
			break;
		past = arena_alloc(c->a, ((size_t)in.n_people + 1) * sizeof *past);
		size_t m = 0; /* both by user id */
		for (int k = 0; k < in.n_people; k++) {
			past[k] = (struct rep_past){ in.people[k], "" };
			while (m < n_stored && stored[m].user_id < in.people[k]) m++;
			if (m < n_stored && stored[m].user_id == in.people[k]) past[k].bits = stored[m].bits;
		}
		if (!rep_disclose(fig, n, past, in.n_people, n_ordinals)) continue; /* waits */
		struct rep_row *rows;
		hold_back_telling_nones(fig, n, app_rep_rows(f, in.groups, in.n_groups, c->a, &rows),
		                        known);
		if (published_already(f->key, fig, n, latest, n_latest)) continue;
		c->due = true;
		if (c->dry) break;
		rc = store_rep_publish(s, c->panel_id, f->key, fig, n, past, in.n_people, c->now);
	}
	return rc;
}

bool app_rep_refresh(struct store *s, int64_t panel_id, int64_t every, int64_t now,
                     struct app_error *err)
{
	struct arena a = { 0 };
	/* Most views change nothing: find that in the read snapshot, and take
	 * the write transaction (which decides again) only when due. */
	struct refresh_ctx c = { panel_id, now, every, true, false, &a };
	enum store_rc rc = refresh(s, &c);
	arena_free(&a);
	if (rc == ST_OK && c.due) {
		c = (struct refresh_ctx){ panel_id, now, every, false, false, &a };
		rc = store_tx(s, refresh, &c);
		arena_free(&a);
	}
	return rc == ST_OK || app_internal(err);
}

/* The release of figure key in rel[0..n), or NULL. */
static const struct rep_release *release_of(const struct rep_release *rel, size_t n,
                                            const char *characteristic, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rel[i].characteristic, characteristic) && !strcmp(rel[i].figure, key))
			return &rel[i];
	return NULL;
}

/* How a scope's figures are held to the targets: the panel's as they
 * are; a meeting's only in percent; an opportunity's, for the
 * characteristics it keeps, in percent scaled to its places. */
enum target_mode { TARGETS_PANEL, TARGETS_MEETING, TARGETS_PLACES, TARGETS_NONE };

/* Fills scope's rows and total from the releases of one publication. */
static void fill_scope(struct rep_scope *sc, const char *characteristic, const char *prefix,
                       const struct rep_row *rows, size_t n_rows, const struct rep_release *rel,
                       size_t n_rel, enum target_mode mode, int places, struct arena *a)
{
	sc->rows = arena_alloc(a, (n_rows + 1) * sizeof *sc->rows);
	sc->n = n_rows;
	const struct rep_release *t =
		release_of(rel, n_rel, characteristic, arena_printf(a, "%stotal", prefix));
	sc->total = t ? t->n : -1;
	sc->published_at = t ? t->released_at : 0;
	sc->publication = t ? t->publication : 0;
	for (size_t r = 0; r < n_rows; r++) {
		struct rep_row *row = &sc->rows[r];
		*row = rows[r];
		const struct rep_release *x =
			release_of(rel, n_rel, characteristic, arena_printf(a, "%s%s", prefix, row->key));
		row->count = x ? x->n : -1;
		struct rep_target target = row->group ? row->group->target
		                                      : (struct rep_target){ REP_PEOPLE, -1, -1 };
		if (mode == TARGETS_NONE || (mode != TARGETS_PANEL && target.unit != REP_PERCENT))
			target.min = target.max = -1;
		if (mode == TARGETS_PLACES)
			target = (struct rep_target){ REP_PEOPLE,
			                              target.min < 0 ? -1 : rep_in_places(target.min, places),
			                              target.max < 0 ? -1 : rep_in_places(target.max, places) };
		/* a count target needs only the count; a share needs the total too */
		bool known = row->count >= 0 && (target.unit == REP_PEOPLE || sc->total >= 0);
		row->standing = rep_standing_of(&target, known, row->count, sc->total);
	}
	sc->targets_places = mode == TARGETS_PLACES ? places : 0;
}

/* The releases of prefix's figures of characteristic key in the latest
 * publication that has them, from hist. */
static size_t latest_with(const struct rep_release *hist, size_t n_hist, const char *key,
                          struct arena *a, struct rep_release **out)
{
	int64_t pub = -1;
	for (size_t i = 0; i < n_hist; i++)
		if (!strcmp(hist[i].characteristic, key) && hist[i].publication > pub)
			pub = hist[i].publication;
	*out = arena_alloc(a, (n_hist + 1) * sizeof **out);
	size_t n = 0;
	for (size_t i = 0; i < n_hist; i++)
		if (!strcmp(hist[i].characteristic, key) && hist[i].publication == pub)
			(*out)[n++] = hist[i];
	return n;
}

bool app_rep_report(struct store *s, int64_t panel_id, int64_t meeting_id,
                    const struct opportunity *opp, bool with_trend, struct arena *a,
                    struct rep_report *out, struct app_error *err)
{
	*out = (struct rep_report){ 0 };
	struct rep_group *groups;
	size_t n_groups, n_latest;
	struct rep_release *latest;
	if (store_rep_groups(s, panel_id, a, &groups, &n_groups) != ST_OK ||
	    store_rep_latest(s, panel_id, a, &latest, &n_latest) != ST_OK)
		return app_internal(err);
	/* a meeting's or an opportunity's figures: from the latest
	 * publication that has them */
	const char *prefix[3] = { NULL, NULL, NULL };
	if (meeting_id) prefix[0] = arena_printf(a, "meeting:%lld:", (long long)meeting_id);
	if (opp) {
		prefix[1] = arena_printf(a, "opportunity:%lld:interested:", (long long)opp->id);
		prefix[2] = arena_printf(a, "opportunity:%lld:chosen:", (long long)opp->id);
	}
	struct rep_release *hist[3] = { NULL, NULL, NULL };
	size_t n_hist[3] = { 0, 0, 0 };
	for (int x = 0; x < 3; x++)
		if (prefix[x] && store_rep_history(s, panel_id, prefix[x], 100000, a, &hist[x],
		                                   &n_hist[x]) != ST_OK)
			return app_internal(err);
	struct rep_release *trend = NULL;
	size_t n_trend = 0;
	if (with_trend &&
	    store_rep_history(s, panel_id, "panel:", REPORT_TREND, a, &trend, &n_trend) != ST_OK)
		return app_internal(err);
	size_t n_ch = 0;
	while (rep_characteristic((int)n_ch)) n_ch++;
	out->sections = arena_alloc(a, n_ch * sizeof *out->sections);
	for (size_t ch = 0; ch < n_ch; ch++) {
		struct rep_section *sec = &out->sections[out->n++];
		*sec = (struct rep_section){ .field = rep_characteristic((int)ch) };
		const char *key = sec->field->key;
		struct rep_row *rows;
		size_t n_rows = app_rep_rows(sec->field, groups, n_groups, a, &rows);
		for (size_t i = 0; i < n_latest; i++)
			if (!strcmp(latest[i].characteristic, key)) sec->published_at = latest[i].released_at;
		fill_scope(&sec->scope, key, "panel:", rows, n_rows, latest, n_latest, TARGETS_PANEL, 0,
		           a);
		struct rep_scope *scopes[3] = { &sec->meeting, &sec->interested, &sec->chosen };
		for (int x = 0; x < 3; x++) {
			if (!prefix[x]) continue;
			struct rep_release *mine;
			size_t n_mine = latest_with(hist[x], n_hist[x], key, a, &mine);
			enum target_mode mode = !x ? TARGETS_MEETING
			                        : profile_multi_has(opp->characteristics, key) ? TARGETS_PLACES : TARGETS_NONE;
			fill_scope(scopes[x], key, prefix[x], rows, n_rows, mine, n_mine, mode,
			           opp ? opp->places : 0, a);
			scopes[x]->meeting_id = x ? 0 : meeting_id;
		}
		/* the panel's figures at each publication, oldest first */
		for (size_t i = 0; i < n_trend; i++) {
			if (strcmp(trend[i].characteristic, key)) continue;
			if (!sec->n_trend || sec->trend[sec->n_trend - 1].publication != trend[i].publication) {
				if (!sec->trend) sec->trend = arena_alloc(a, REPORT_TREND * sizeof *sec->trend);
				if (sec->n_trend == REPORT_TREND) break;
				struct rep_point *pt = &sec->trend[sec->n_trend++];
				*pt = (struct rep_point){ trend[i].publication, trend[i].released_at, -1, NULL };
				pt->counts = arena_alloc(a, (n_rows + 1) * sizeof *pt->counts);
				for (size_t r = 0; r < n_rows; r++) pt->counts[r] = -1;
			}
			struct rep_point *pt = &sec->trend[sec->n_trend - 1];
			if (!strcmp(trend[i].figure, "panel:total")) pt->total = trend[i].n;
			for (size_t r = 0; r < n_rows; r++)
				if (!strcmp(trend[i].figure + strlen("panel:"), rows[r].key))
					pt->counts[r] = trend[i].n;
		}
	}
	return true;
}

size_t app_rep_empty_chairs(const struct rep_report *r, enum rep_scope_kind kind,
                            struct arena *a, struct rep_chair **out)
{
	size_t cap = 0, n = 0;
	for (size_t i = 0; i < r->n; i++) cap += r->sections[i].scope.n;
	*out = arena_alloc(a, (cap + 1) * sizeof **out);
	for (size_t i = 0; i < r->n; i++) {
		const struct rep_section *sec = &r->sections[i];
		/* a draw keeps its targets: those given a place have no empty chair */
		if (kind == REP_SCOPE_CHOSEN) break;
		const struct rep_scope *sc = kind == REP_SCOPE_MEETING      ? &sec->meeting
		                             : kind == REP_SCOPE_INTERESTED ? &sec->interested
		                                                            : &sec->scope;
		for (size_t k = 0; sc->published_at && k < sc->n; k++) {
			const struct rep_row *row = &sc->rows[k];
			/* below its minimum, or not shown while it has one: a held-back
			 * figure is named the same way whatever it holds */
			bool has_min = row->standing != REP_NO_TARGET && row->group &&
			               row->group->target.min > 0;
			if (row->standing == REP_BELOW || (has_min && row->standing == REP_UNKNOWN))
				(*out)[n++] = (struct rep_chair){ sec->field, row, sc->targets_places };
		}
	}
	return n;
}
