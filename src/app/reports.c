/* Funder reports (app.h): a report of a panel's work, or one project's,
 * over a period, made as one JSON document that every door shows (the
 * page, the CSV, the API). A draft is worked out afresh each time it is
 * read; a shared one is the document as it was shared. What no report may
 * reveal, and which may be shared side by side, is core/report.h's. */
#include <stdlib.h>
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"
#include "core/disclosure.h"

enum { TITLE_MAX = 120, SECTION_MAX = 6000, PERIOD_MAX_DAYS = 3 * 366 + 365 };

const struct input_field report_inputs[REPORT_INPUTS] = {
	[REPORT_TITLE] = { .name = "title", .kind = IN_LINE, .required = true, .max = TITLE_MAX,
	                   .missing = N_("Give the report a title, such as the funder's name and "
	                                 "the period.") },
	[REPORT_PROJECT] = { .name = "project_id", .kind = IN_ID,
	                     .wrong = N_("Choose one of the panel's projects, or the whole "
	                                 "panel.") },
	[REPORT_FROM] = { .name = "from", .kind = IN_DATE, .required = true,
	                  .missing = N_("Enter the first day the report covers."),
	                  .wrong = N_("Enter the first day as a date, such as 1/4/2026.") },
	[REPORT_TO] = { .name = "to", .kind = IN_DATE, .required = true,
	                .missing = N_("Enter the last day the report covers."),
	                .wrong = N_("Enter the last day as a date, such as 31/3/2027.") },
};

const struct input_field report_section_inputs[REPORT_SECTION_INPUTS] = {
	[REPORT_SECTION_TITLE] = { .name = "title", .kind = IN_LINE, .required = true,
	                           .max = TITLE_MAX,
	                           .missing = N_("Give the report a title, such as the funder's "
	                                         "name and the period.") },
	[REPORT_SECTION_AIM] = { .name = "aim", .kind = IN_TEXT, .max = SECTION_MAX,
	                         .blank_ok = true },
	[REPORT_SECTION_METHODS] = { .name = "methods", .kind = IN_TEXT, .max = SECTION_MAX,
	                             .blank_ok = true },
	[REPORT_SECTION_RESULTS] = { .name = "results", .kind = IN_TEXT, .max = SECTION_MAX,
	                             .blank_ok = true },
	[REPORT_SECTION_CHANGES] = { .name = "changes", .kind = IN_TEXT, .max = SECTION_MAX,
	                             .blank_ok = true },
	[REPORT_SECTION_REFLECTION] = { .name = "reflection", .kind = IN_TEXT, .max = SECTION_MAX,
	                                .blank_ok = true },
	[REPORT_SECTION_VERSION] = { .name = "version", .kind = IN_INT, .required = true, .min = 1,
	                             .max = INT64_MAX,
	                             .missing = N_("Reload the page and save again."),
	                             .wrong = N_("Reload the page and save again.") },
};

const struct input_field report_share_inputs[REPORT_SHARE_INPUTS] = {
	[REPORT_SHARE_VERSION] = { .name = "version", .kind = IN_INT, .required = true, .min = 1,
	                           .max = INT64_MAX,
	                           .missing = N_("Give the version of the report you read."),
	                           .wrong = N_("Give the version of the report you read.") },
};

/* ---- the figures ---- */

/* A count of people as it may be shown: -1 (held back) for 1 to 4. */
static int64_t people_shown(int64_t n)
{
	return n > 0 && n < DISCLOSURE_MIN ? -1 : n;
}

struct figures {
	struct report_counts c;
	int64_t people, contributors;      /* as shown: -1 held back */
	bool pay_configured;
	struct pay_policy pol;
	struct report_pay pay;
	struct rep_report rep;
	struct project *projects;          /* the project, or all the panel's */
	size_t n_projects;
	struct project_rung **rungs;       /* by project */
	size_t *n_rungs;
	struct standard_spread *spreads;   /* the project's */
	size_t n_spreads;
	int64_t first_quarter, last_quarter;
};

static bool gather(struct store *s, const struct panel *p, const struct funder_report *r,
                   int64_t now, struct arena *a, struct figures *f, struct app_error *err)
{
	*f = (struct figures){ 0 };
	struct report_scope sc = { p->id, r->project_id, civil_day_start(r->from_day, p->time_zone),
	                           civil_day_start(r->to_day + 1, p->time_zone) };
	f->first_quarter = app_quarter(sc.from, p->time_zone);
	f->last_quarter = app_quarter(sc.to - 1, p->time_zone);
	if (store_report_counts(s, &sc, now, &f->c) != ST_OK) return app_internal(err);
	f->people = people_shown(f->c.people);
	f->contributors = people_shown(f->c.contributors);
	if (!r->project_id) {
		/* pay is the panel's, not a project's */
		struct report_payment *pays;
		size_t n;
		if (store_pay_policy_get(s, p->id, a, &f->pol) != ST_OK ||
		    store_report_payments(s, p->id, r->from_day, r->to_day, a, &pays, &n) != ST_OK)
			return app_internal(err);
		f->pay_configured = f->pol.configured;
		report_pay_figures(pays, n, f->pol.target_days, &f->pay);
	}
	if (!app_rep_report(s, p->id, 0, NULL, false, a, &f->rep, err)) return false;
	if (r->project_id) {
		f->projects = arena_alloc(a, sizeof *f->projects);
		f->n_projects = 1;
		enum store_rc rc = store_project_get(s, p->id, r->project_id, a, f->projects);
		if (rc == ST_NOT_FOUND)
			return app_fail(err, 404, "not_found", "project_id",
			                _("There is no such project on this panel."));
		if (rc != ST_OK ||
		    store_standard_spreads(s, r->project_id, REFLECTION_MIN_ANSWERS, a, &f->spreads,
		                           &f->n_spreads, &(struct standard_comment *){ NULL },
		                           &(size_t){ 0 }) != ST_OK)
			return app_internal(err);
	} else if (store_projects_list(s, p->id, a, &f->projects, &f->n_projects) != ST_OK) {
		return app_internal(err);
	}
	f->rungs = arena_alloc(a, (f->n_projects + 1) * sizeof *f->rungs);
	f->n_rungs = arena_alloc(a, (f->n_projects + 1) * sizeof *f->n_rungs);
	for (size_t i = 0; i < f->n_projects; i++)
		if (store_project_rungs(s, f->projects[i].id, a, &f->rungs[i], &f->n_rungs[i]) != ST_OK)
			return app_internal(err);
	return true;
}

/* ---- the document ---- */

static json_t *count_json(int64_t n)
{
	return n < 0 ? json_null() : json_integer(n);
}

/* Tenths as "12.5"; null when held back (-1). */
static json_t *tenths_json(struct arena *a, int64_t tenths)
{
	if (tenths < 0) return json_null();
	return json_string(arena_printf(a, "%lld.%lld", (long long)(tenths / 10),
	                                (long long)(tenths % 10)));
}

static int64_t hours_tenths(int64_t seconds)
{
	return (seconds + 180) / 360;
}

static json_t *cell_json(const struct report_pay_cell *c)
{
	return json_pack("{s:o, s:o, s:o}", "people", count_json(c->people), "payments",
	                 count_json(c->payments), "amount_minor", count_json(c->amount));
}

static json_t *pay_json(const struct figures *f)
{
	if (!f->pay_configured) return json_null();
	const struct report_pay *p = &f->pay;
	json_t *ways = json_object();
	for (int m = 0; m < METHOD__COUNT; m++)
		json_object_set_new(ways, pay_method_key((enum pay_method)m), cell_json(&p->by_method[m]));
	json_t *share = json_null();
	if (p->late.payments >= 0 && p->total.payments > 0)
		share = json_integer((p->late.payments * 100 + p->total.payments / 2) /
		                     p->total.payments);
	return json_pack("{s:s, s:I, s:o, s:o, s:{s:o, s:o, s:o}, s:o}", "currency",
	                 f->pol.currency, "target_days", (json_int_t)p->target_days, "total",
	                 cell_json(&p->total), "by_way", ways, "paid_late", "people",
	                 count_json(p->late.people), "payments", count_json(p->late.payments),
	                 "percent_of_payments", share, "median_days_to_pay",
	                 count_json(p->median_days));
}

static json_t *answers_json(const int64_t v[3])
{
	return json_pack("{s:I, s:I, s:I}", "yes", (json_int_t)v[0], "partly", (json_int_t)v[1],
	                 "no", (json_int_t)v[2]);
}

static json_t *representation_json(const struct rep_report *rep)
{
	json_t *list = json_array();
	for (size_t i = 0; i < rep->n; i++) {
		const struct rep_section *sec = &rep->sections[i];
		if (!sec->published_at) continue;
		json_t *groups = json_array();
		for (size_t k = 0; k < sec->scope.n; k++) {
			const struct rep_row *row = &sec->scope.rows[k];
			json_array_append_new(groups, json_pack("{s:s, s:s, s:o, s:s}", "key", row->key,
			                                        "label", row->label, "count",
			                                        count_json(row->count), "standing",
			                                        rep_standing_key(row->standing)));
		}
		json_array_append_new(list, json_pack("{s:s, s:o, s:o, s:o}", "characteristic",
		                                      sec->field->key, "published_at",
		                                      json_integer(sec->published_at), "total",
		                                      count_json(sec->scope.total), "groups", groups));
	}
	return list;
}

static json_t *ladder_json(const struct figures *f)
{
	json_t *list = json_array();
	for (size_t i = 0; i < f->n_projects; i++) {
		json_t *rungs = json_array();
		for (size_t k = 0; k < f->n_rungs[i]; k++)
			json_array_append_new(rungs, json_pack("{s:s, s:i}", "stage",
			                                       stage_key(f->rungs[i][k].stage), "rung",
			                                       f->rungs[i][k].rung));
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:o}", "project_id",
		                                      (json_int_t)f->projects[i].id, "title",
		                                      f->projects[i].title, "stage",
		                                      stage_key(f->projects[i].stage), "rungs", rungs));
	}
	return list;
}

/* Each standard's spread in the latest quarter of the period with ratings
 * that count (whole groups of five), or null. */
static json_t *standards_json(const struct figures *f, struct arena *a)
{
	json_t *list = json_array();
	for (size_t i = 0; i < standard_count; i++) {
		const struct standard_spread *best = NULL;
		for (size_t k = 0; k < f->n_spreads; k++) {
			const struct standard_spread *x = &f->spreads[k];
			if (strcmp(x->standard, standards[i].key) || !x->counted ||
			    x->quarter < f->first_quarter || x->quarter > f->last_quarter)
				continue;
			if (!best || x->quarter > best->quarter) best = x;
		}
		json_t *spread = json_null();
		if (best) {
			json_t *counts = json_array();
			for (int r = 0; r < 5; r++) json_array_append_new(counts, json_integer(best->counts[r]));
			spread = json_pack("{s:s, s:I, s:o}", "quarter",
			                   arena_printf(a, "%lld-Q%lld", (long long)(best->quarter / 4),
			                                (long long)(best->quarter % 4 + 1)),
			                   "counted", (json_int_t)best->counted, "counts", counts);
		}
		json_array_append_new(list, json_pack("{s:s, s:o}", "standard", standards[i].key,
		                                      "spread", spread));
	}
	return list;
}

static json_t *document(const struct panel *p, const struct funder_report *r,
                        const struct figures *f, int64_t shared_at, struct arena *a)
{
	const struct report_counts *c = &f->c;
	bool said = f->contributors >= 0;
	json_t *sections = json_object();
	for (int k = 0; k < GRIPP__COUNT; k++)
		json_object_set_new(sections, gripp_sections[k].key, json_string(r->sections[k]));
	int64_t heard = c->felt_heard_answers
	                ? (c->felt_heard_sum * 10 + c->felt_heard_answers / 2) / c->felt_heard_answers
	                : -1;
	json_t *doc = json_pack(
	        "{s:{s:I, s:s, s:{s:I, s:s}, s:o, s:o, s:o, s:s, s:s, s:o},"
	        " s:{s:I, s:o, s:o},"
	        " s:{s:o, s:o, s:o, s:o, s:o, s:o, s:o},"
	        " s:o,"
	        " s:{s:I, s:o, s:o, s:o},"
	        " s:o, s:o, s:o, s:o}",
	        "report", "id", (json_int_t)r->id, "title", r->title, "panel", "id",
	        (json_int_t)p->id, "name", p->name, "project",
	        r->project_id ? json_pack("{s:I, s:s}", "id", (json_int_t)r->project_id, "title",
	                                  f->projects[0].title)
	                      : json_null(),
	        "from", app_day_json(r->from_day), "to", app_day_json(r->to_day), "time_zone",
	        p->time_zone, "state", shared_at ? "shared" : "draft", "shared_at",
	        shared_at ? json_integer(shared_at) : json_null(),
	        "involvement", "meetings", (json_int_t)c->meetings, "people", count_json(f->people),
	        "hours", tenths_json(a, f->people < 0 ? -1 : hours_tenths(c->seconds)),
	        "contributions", "made", count_json(said ? c->contributions : -1), "people",
	        count_json(f->contributors), "adopted", count_json(said ? c->adopted : -1),
	        "adopted_in_part", count_json(said ? c->adopted_in_part : -1), "not_adopted",
	        count_json(said ? c->not_adopted : -1), "referred",
	        count_json(said ? c->referred : -1), "waiting_past_due",
	        count_json(said ? c->open_late : -1),
	        "pay", r->project_id ? json_null() : pay_json(f),
	        "reflections", "released", (json_int_t)c->reflections, "felt_heard_average",
	        tenths_json(a, heard), "information_in_time", answers_json(c->info_in_time),
	        "felt_safe", answers_json(c->felt_safe),
	        "representation", representation_json(&f->rep), "ladder", ladder_json(f),
	        "standards", r->project_id ? standards_json(f, a) : json_null(),
	        "sections", sections);
	return doc;
}

/* ---- the sections, pre-filled from the figures ---- */

static const char *hours_words(struct arena *a, int64_t tenths)
{
	return arena_printf(a, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
}

static void prefill(const struct panel *p, const struct funder_report *r,
                    const struct figures *f, struct arena *a, const char **out)
{
	const struct report_counts *c = &f->c;
	const char *scope = r->project_id ? f->projects[0].title : p->name;
	out[GRIPP_AIM] = r->project_id && *f->projects[0].purpose
	                 ? f->projects[0].purpose
	                 : arena_printf(a, _("To involve people with lived experience in the work "
	                                     "of %s, so that what they know shapes it."), scope);
	const char *methods =
	        arena_printf(a, ngettext("%lld meeting was held.", "%lld meetings were held.",
	                                 (unsigned long)c->meetings), (long long)c->meetings);
	if (f->people > 0)
		methods = arena_printf(a, "%s %s", methods,
		                       arena_printf(a, _("%lld of the panel's members took part, for "
		                                         "%s hours in meetings in all."),
		                                    (long long)f->people,
		                                    hours_words(a, hours_tenths(c->seconds))));
	if (!r->project_id && f->pay.total.people > 0)
		methods = arena_printf(a, "%s %s", methods,
		                       arena_printf(a, _("%lld people were paid for their time, in %s "
		                                         "in all."), (long long)f->pay.total.people,
		                                    money_format(a, f->pol.currency,
		                                                 f->pay.total.amount)));
	out[GRIPP_METHODS] = methods;
	out[GRIPP_RESULTS] =
	        f->contributors > 0
	        ? arena_printf(a, _("%lld contributions were made. %lld were adopted in full and "
	                            "%lld in part; %lld were not adopted, %lld were referred "
	                            "elsewhere, and %lld are waiting for an answer past the time to "
	                            "give one."),
	                       (long long)c->contributions, (long long)c->adopted,
	                       (long long)c->adopted_in_part, (long long)c->not_adopted,
	                       (long long)c->referred, (long long)c->open_late)
	        : "";
	out[GRIPP_CHANGES] = "";
	out[GRIPP_REFLECTION] = r->project_id ? f->projects[0].closing_reflection : "";
}

/* ---- the use cases ---- */

static bool may_see(const struct panel_actor *actor, const struct funder_report *r,
                    struct app_error *err)
{
	if (policy_sees_report(actor, r->shared_at != 0)) return true;
	/* a draft is not there for those who may not see drafts */
	return app_fail(err, 404, "not_found", NULL, _("There is no such report on this panel."));
}

static bool manages(const struct panel_actor *actor, struct app_error *err)
{
	return policy_allows(actor, PA_MANAGE_REPORTS) ||
	       app_fail(err, 403, "forbidden", NULL,
	                _("Only the panel's active stewards write and share its reports."));
}

bool app_reports(struct store *s, const struct panel_actor *actor, const struct panel *p,
                 struct arena *a, struct funder_report **out, size_t *n, struct app_error *err)
{
	return store_reports(s, p->id, !policy_allows(actor, PA_MANAGE_REPORTS), a, out, n) ==
	               ST_OK ||
	       app_internal(err);
}

bool app_report_create(struct store *s, const struct panel_actor *actor, const struct panel *p,
                       int64_t user_id, const struct input_value *in, int64_t now,
                       struct arena *a, int64_t *id, struct app_error *err)
{
	if (!manages(actor, err)) return false;
	const char *title = in[REPORT_TITLE].text;
	if (!app_texts_fit(&report_inputs[REPORT_TITLE], &title, 1, err)) return false;
	if (!*title) return app_fail(err, 400, "missing", "title", _(report_inputs[REPORT_TITLE].missing));
	if (!in[REPORT_FROM].given)
		return app_fail(err, 400, "missing", "from", _(report_inputs[REPORT_FROM].missing));
	if (!in[REPORT_TO].given)
		return app_fail(err, 400, "missing", "to", _(report_inputs[REPORT_TO].missing));
	struct funder_report r = { .panel_id = p->id, .project_id = in[REPORT_PROJECT].number,
	                           .from_day = in[REPORT_FROM].number,
	                           .to_day = in[REPORT_TO].number, .title = title,
	                           .created_by = user_id, .created_at = now };
	if (r.to_day < r.from_day)
		return app_fail(err, 400, "invalid", "to",
		                _("The last day comes before the first. Check the dates."));
	if (r.to_day > civil_day_at(now, p->time_zone))
		return app_fail(err, 400, "invalid", "to",
		                _("A report looks back: choose a last day no later than today."));
	if (r.to_day - r.from_day >= PERIOD_MAX_DAYS)
		return app_fail(err, 400, "invalid", "from",
		                _("A report covers at most four years. Choose a later first day."));
	struct figures f;
	if (!gather(s, p, &r, now, a, &f, err)) return false;
	prefill(p, &r, &f, a, r.sections);
	return store_report_add(s, &r, id) == ST_OK || app_internal(err);
}

bool app_report_view(struct store *s, const struct panel_actor *actor, const struct panel *p,
                     int64_t id, int64_t now, struct arena *a, struct report_view *v,
                     struct app_error *err)
{
	*v = (struct report_view){ 0 };
	enum store_rc rc = store_report_get(s, p->id, id, a, &v->report);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL, _("There is no such report on this panel."));
	if (rc != ST_OK) return app_internal(err);
	if (!may_see(actor, &v->report, err)) return false;
	v->may_edit = !v->report.shared_at && policy_allows(actor, PA_MANAGE_REPORTS);
	if (v->report.document) {
		v->doc = json_loads(v->report.document, 0, NULL);
		return v->doc || app_internal(err);
	}
	struct figures f;
	if (!gather(s, p, &v->report, now, a, &f, err)) return false;
	v->doc = document(p, &v->report, &f, 0, a);
	return v->doc || app_internal(err);
}

struct edit_ctx {
	struct funder_report r;
	struct arena *a;
	struct app_error *err;
	bool failed;
};

static enum store_rc edit_tx(struct store *s, void *ctx)
{
	struct edit_ctx *c = ctx;
	struct funder_report now;
	enum store_rc rc = store_report_get(s, c->r.panel_id, c->r.id, c->a, &now);
	if (rc == ST_OK) rc = store_report_edit(s, &c->r, c->r.updated_at);
	if (rc == ST_NOT_FOUND)
		app_fail(c->err, 404, "not_found", NULL, _("There is no such report on this panel."));
	else if (rc == ST_CONFLICT)
		app_fail(c->err, 409, "conflict", NULL,
		         _("The report was changed or shared since you opened it. Reload it to see it "
		           "as it is now; what you wrote is kept below."));
	c->failed = rc == ST_NOT_FOUND || rc == ST_CONFLICT;
	return rc;
}

bool app_report_edit(struct store *s, const struct panel_actor *actor, const struct panel *p,
                     int64_t id, const struct input_value *in, int64_t now, struct arena *a,
                     struct app_error *err)
{
	if (!manages(actor, err)) return false;
	struct edit_ctx c = { { .id = id, .panel_id = p->id, .updated_at = now,
	                               .version = in[REPORT_SECTION_VERSION].number },
	                      a, err, false };
	const char *texts[REPORT_SECTION_INPUTS - 1];
	for (int k = 0; k < REPORT_SECTION_VERSION; k++) texts[k] = in[k].text ? in[k].text : "";
	if (!app_texts_fit(report_section_inputs, texts, REPORT_SECTION_VERSION, err)) return false;
	if (!*texts[REPORT_SECTION_TITLE])
		return app_fail(err, 400, "missing", "title",
		                _(report_section_inputs[REPORT_SECTION_TITLE].missing));
	c.r.title = texts[REPORT_SECTION_TITLE];
	for (int k = 0; k < GRIPP__COUNT; k++) c.r.sections[k] = texts[REPORT_SECTION_AIM + k];
	enum store_rc rc = store_tx(s, edit_tx, &c);
	if (c.failed) return false;
	return rc == ST_OK || app_internal(err);
}

struct share_ctx {
	const struct panel *p;
	int64_t id, version, now;
	struct arena *a;
	struct app_error *err;
	bool failed;
};

static enum store_rc fail_tx(struct share_ctx *c)
{
	c->failed = true;
	return ST_CONFLICT;
}

static enum store_rc share_tx(struct store *s, void *ctx)
{
	struct share_ctx *c = ctx;
	struct funder_report r, *shared;
	size_t n;
	enum store_rc rc = store_report_get(s, c->p->id, c->id, c->a, &r);
	if (rc == ST_NOT_FOUND) {
		app_fail(c->err, 404, "not_found", NULL, _("There is no such report on this panel."));
		return fail_tx(c);
	}
	if (rc != ST_OK || (rc = store_reports(s, c->p->id, true, c->a, &shared, &n)) != ST_OK)
		return rc;
	if (r.shared_at || r.version != c->version) {
		app_fail(c->err, 409, "conflict", NULL,
		         _("The report was changed or shared since you opened it. Reload it and look "
		           "again before you share it."));
		return fail_tx(c);
	}
	struct report_period mine = { r.project_id, r.from_day, r.to_day };
	for (size_t i = 0; i < n; i++) {
		struct report_period theirs = { shared[i].project_id, shared[i].from_day,
		                                shared[i].to_day };
		if (report_may_stand_together(&mine, &theirs)) continue;
		app_fail_copy(c->err, 409, "overlaps", "from",
		              arena_printf(c->a, _("The report \"%s\", already shared, covers some of "
		                                   "these days. Set side by side, two reports like these "
		                                   "could count fewer than 5 people. Choose days it does "
		                                   "not cover, or the same days for another project."),
		                           shared[i].title));
		return fail_tx(c);
	}
	struct figures f;
	if (!gather(s, c->p, &r, c->now, c->a, &f, c->err)) return fail_tx(c);
	json_t *doc = document(c->p, &r, &f, c->now, c->a);
	char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!text) return ST_ERROR;
	rc = store_report_share(s, c->p->id, c->id, c->version, text, c->now);
	free(text);
	return rc;
}

bool app_report_share(struct store *s, const struct panel_actor *actor, const struct panel *p,
                      int64_t id, int64_t version, int64_t now, struct arena *a,
                      struct app_error *err)
{
	if (!manages(actor, err)) return false;
	struct share_ctx c = { p, id, version, now, a, err, false };
	enum store_rc rc = store_tx(s, share_tx, &c);
	if (c.failed) return false;
	if (rc == ST_CONFLICT)
		return app_fail(err, 409, "conflict", NULL,
		                _("The report was changed or shared since you opened it. Reload it and "
		                  "look again before you share it."));
	return rc == ST_OK || app_internal(err);
}

bool app_report_delete(struct store *s, const struct panel_actor *actor, const struct panel *p,
                       int64_t id, struct app_error *err)
{
	if (!manages(actor, err)) return false;
	enum store_rc rc = store_report_delete(s, p->id, id);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL,
		                _("There is no draft report with that number: a shared report stays."));
	return rc == ST_OK || app_internal(err);
}
