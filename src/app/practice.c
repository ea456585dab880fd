/* "How are we doing?" (app.h): the signals of core/practice.h, from the
 * panel's figures. */
#include "app/app_private.h"

#include "core/civil_time.h"

/* The last quarter with 5 or more answers, and the one with answers before
 * it: their averages in tenths (-1: none), and the later one's quarter. */
static void felt_heard(const struct practice_counts *c, const char *zone,
                       struct practice_figures *f)
{
	f->value = f->before = -1;
	int64_t q = -1, answers = 0, sum = 0;
	/* Walk back from the latest meeting, a quarter at a time. */
	for (size_t i = c->n_heard; ; i--) {
		int64_t qi = i ? app_quarter(c->heard[i - 1].starts_at, zone) : -2;
		if (qi != q && q != -1) {
			int tenths = average_tenths(sum, answers);
			if (tenths >= 0) {
				if (f->value < 0) {
					f->value = tenths;
					f->n = q;
				} else {
					f->before = tenths;
					return;
				}
			}
			answers = sum = 0;
		}
		if (!i) return;
		q = qi;
		answers += c->heard[i - 1].answers;
		sum += c->heard[i - 1].sum;
	}
}

bool app_practice(struct store *s, const struct panel *p, int64_t project_id, int64_t now,
                  struct arena *a, struct practice_view *v, struct app_error *err)
{
	*v = (struct practice_view){ .project_id = project_id };
	if (project_id) {
		enum store_rc rc = store_project_get(s, p->id, project_id, a, &v->project);
		if (rc == ST_NOT_FOUND)
			return app_fail(err, 404, "not_found", "project_id",
			                _("There is no such project on this panel."));
		if (rc != ST_OK) return app_internal(err);
	}
	struct practice_counts c;
	struct influence inf;
	if (store_practice(s, p->id, project_id, (int64_t)p->agenda_days * 86400, now, a, &c) !=
	            ST_OK ||
	    store_influence(s, p->id, project_id, now, &inf) != ST_OK)
		return app_internal(err);
	struct practice_figures f[PS__COUNT] = {
		[PS_AGENDA] = { .n = c.agenda_by_co_creators, .of = c.agenda_items },
		[PS_PAPERS_LATE] = { .n = c.papers_late, .of = c.papers },
		[PS_OVERDUE] = { .n = inf.overdue, .of = inf.contributions },
		[PS_ADOPTED] = { .n = inf.adopted, .of = inf.answered },
		[PS_LATE_START] = { .n = c.late_start, .of = c.projects },
		[PS_NO_CLOSING] = { .n = c.no_closing, .of = c.evaluating },
		[PS_NO_EVIDENCE] = { .n = c.no_evidence, .of = c.high_rung },
	};
	felt_heard(&c, p->time_zone, &f[PS_FELT_HEARD]);
	bool panel_wide = !project_id;
	if (panel_wide) {
		/* pay and places are the panel's, not a project's */
		struct pay_policy pol;
		struct pay_timeliness t = { 0 };
		if (store_pay_policy_get(s, p->id, a, &pol) != ST_OK ||
		    (pol.configured &&
		     store_pay_timeliness(s, p->id, pol.target_days, civil_day_at(now, p->time_zone),
		                          &t) != ST_OK))
			return app_internal(err);
		f[PS_PAY_LATE] = (struct practice_figures){ .n = t.late, .of = t.paid,
		                                            .value = t.waiting_late,
		                                            .before = pol.target_days };
		int64_t with_place = 0;
		for (size_t i = 0; i < c.members; i++) with_place += c.places[i] > 0;
		f[PS_CONCENTRATION] = (struct practice_figures){
			.n = with_place, .of = (int64_t)c.members,
			.value = practice_gini_permille(c.places, c.members) };
	}
	for (int k = 0; k < PS__COUNT; k++) {
		if (!panel_wide && (k == PS_PAY_LATE || k == PS_CONCENTRATION)) continue;
		v->signals[v->n++] = (struct practice_signal){ (enum practice_key)k,
		                                               practice_judge((enum practice_key)k,
		                                                              &f[k]),
		                                               f[k] };
	}
	return true;
}
