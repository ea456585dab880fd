/* Standards self-assessment (app.h). */
#include "app/app_private.h"

#include "core/civil_time.h"

const struct input_field standard_inputs[STD_INPUTS] = {
	[STD_STANDARD] = { .name = "standard", .kind = IN_CHOICE, .required = true,
	                   .choice = standard_is,
	                   .missing = N_("Choose a standard."), .wrong = N_("Choose a standard.") },
	[STD_RATING] = { .name = "rating", .kind = IN_INT, .required = true,
	                 .min = STANDARD_RATING_MIN, .max = STANDARD_RATING_MAX,
	                 .missing = N_("Choose how well, from 1 to 5."),
	                 .wrong = N_("Choose how well, from 1 to 5.") },
	[STD_COMMENT] = { .name = "comment", .kind = IN_TEXT, .max = 2000 },
};

int64_t app_quarter(int64_t t, const char *zone)
{
	int y, m, d;
	civil_date_of_day(civil_day_at(t, zone), &y, &m, &d);
	return (int64_t)y * 4 + (m - 1) / 3;
}

static bool project_of(struct store *s, const struct panel *p, int64_t project_id,
                       struct arena *a, struct project *out, struct app_error *err)
{
	enum store_rc rc = store_project_get(s, p->id, project_id, a, out);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL, _("There is no such project on this panel."));
	return rc == ST_OK || app_internal(err);
}

bool app_standards_view(struct store *s, const struct panel_actor *actor, const struct panel *p,
                        int64_t project_id, int64_t user_id, int64_t now, struct arena *a,
                        struct standards_view *v, struct app_error *err)
{
	*v = (struct standards_view){ .quarter = app_quarter(now, p->time_zone),
	                              .may_rate = policy_allows(actor, PA_RATE_STANDARDS) };
	if (!project_of(s, p, project_id, a, &v->project, err)) return false;
	return (store_standard_mine(s, project_id, user_id, a, &v->mine, &v->n_mine) == ST_OK &&
	        store_standard_spreads(s, project_id, REFLECTION_MIN_ANSWERS, a, &v->spreads,
	                               &v->n_spreads, &v->comments, &v->n_comments) == ST_OK) ||
	       app_internal(err);
}

struct rate_ctx {
	const struct panel *p;
	struct standard_rating r;
	struct arena *a;
	struct app_error *err;
	bool failed;
};

static enum store_rc rate_tx(struct store *s, void *ctx)
{
	struct rate_ctx *c = ctx;
	struct project pr;
	if (!project_of(s, c->p, c->r.project_id, c->a, &pr, c->err)) {
		c->failed = true;
		return ST_CONFLICT;
	}
	enum store_rc rc = store_standard_rate(s, &c->r);
	if (rc == ST_CONFLICT) {
		app_fail(c->err, 409, "already_rated", NULL,
		         _("You have rated this standard this quarter. You can rate it again next "
		           "quarter."));
		c->failed = true;
	}
	return rc;
}

bool app_standard_rate(struct store *s, const struct panel_actor *actor, const struct panel *p,
                       int64_t project_id, int64_t user_id, const struct input_value *in,
                       int64_t now, struct arena *a, struct app_error *err)
{
	if (!policy_allows(actor, PA_RATE_STANDARDS))
		return app_fail(err, 403, "forbidden", NULL,
		                _("Only the panel's active co-creators and stewards rate its work."));
	const char *comment = in[STD_COMMENT].text ? in[STD_COMMENT].text : "";
	if (!app_texts_fit(&standard_inputs[STD_COMMENT], &comment, 1, err)) return false;
	if (!standard_is(in[STD_STANDARD].text))
		return app_fail(err, 400, "invalid", "standard",
		                _(standard_inputs[STD_STANDARD].wrong));
	int64_t rating = in[STD_RATING].number;
	if (rating < STANDARD_RATING_MIN || rating > STANDARD_RATING_MAX)
		return app_fail(err, 400, "invalid", "rating", _(standard_inputs[STD_RATING].wrong));
	struct rate_ctx c = { p, { project_id, user_id, in[STD_STANDARD].text,
	                           app_quarter(now, p->time_zone), rating, comment, now },
	                      a, err, false };
	enum store_rc rc = store_tx(s, rate_tx, &c);
	if (c.failed) return false;
	return rc == ST_OK || app_internal(err);
}
