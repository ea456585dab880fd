/* My limits (app.h): each person's own limits on what they take on, a
 * pause until a day, their load this month; and, for everyone else, only
 * whether they have reached their own limit or are paused. */
#include "app/app_private.h"
#include "core/civil_time.h"

const struct input_field limits_inputs[LIMITS_INPUTS] = {
	[LIMITS_HOURS] = { .name = "hours_month", .kind = IN_INT, .min = 0, .max = 744,
	                   .wrong = N_("Enter a number of hours from 0 to 744, or leave it empty.") },
	[LIMITS_MEETINGS] = { .name = "meetings_month", .kind = IN_INT, .min = 0, .max = 100,
	                      .wrong = N_("Enter a number of meetings from 0 to 100, or leave it "
	                                  "empty.") },
	[LIMITS_OPPORTUNITIES] = { .name = "opportunities_at_once", .kind = IN_INT, .min = 0,
	                           .max = 20,
	                           .wrong = N_("Enter a number from 0 to 20, or leave it empty.") },
	[LIMITS_PAUSED_UNTIL] = { .name = "paused_until", .kind = IN_DATE },
	[LIMITS_SHARE_SIGNALS] = { .name = "share_signals", .kind = IN_BOOL },
};

/* The calendar month (UTC) `back` months before this one (0: this one) as
 * instants [from, to), and the start of today. */
static void month(int64_t now, int back, int64_t *from, int64_t *to, int64_t *today)
{
	int64_t day = civil_day_at(now, "UTC");
	int y, m, d;
	civil_date_of_day(day, &y, &m, &d);
	int index = y * 12 + (m - 1) - back;
	y = index / 12;
	m = index % 12 + 1;
	*from = civil_day_start(civil_day(y, m, 1), "UTC");
	*to = civil_day_start(m == 12 ? civil_day(y + 1, 1, 1) : civil_day(y, m + 1, 1), "UTC");
	*today = civil_day_start(day, "UTC");
}

bool app_limits_save(struct store *s, int64_t user_id, const struct input_value *in, int64_t now,
                     struct app_error *err)
{
	struct member_limits l = {
		in[LIMITS_HOURS].given ? in[LIMITS_HOURS].number : -1,
		in[LIMITS_MEETINGS].given ? in[LIMITS_MEETINGS].number : -1,
		in[LIMITS_OPPORTUNITIES].given ? in[LIMITS_OPPORTUNITIES].number : -1,
		in[LIMITS_PAUSED_UNTIL].given ? in[LIMITS_PAUSED_UNTIL].number : -1, now,
		in[LIMITS_SHARE_SIGNALS].given && in[LIMITS_SHARE_SIGNALS].number };
	static const int field[] = { LIMITS_HOURS, LIMITS_MEETINGS, LIMITS_OPPORTUNITIES };
	const int64_t v[] = { l.hours_month, l.meetings_month, l.opportunities_at_once };
	for (int i = 0; i < 3; i++) {
		const struct input_field *f = &limits_inputs[field[i]];
		if (v[i] != -1 && (v[i] < f->min || v[i] > f->max))
			return app_fail(err, 400, "invalid", f->name, _(f->wrong));
	}
	/* a pause that has ended is no pause */
	if (l.paused_until >= 0 && l.paused_until < civil_day_at(now, "UTC")) l.paused_until = -1;
	return store_limits_put(s, user_id, &l, now) == ST_OK || app_internal(err);
}

bool app_limits_view(struct store *s, int64_t user_id, int64_t now, struct limits_view *v,
                     struct app_error *err)
{
	int64_t from, to, today;
	month(now, 0, &from, &to, &today);
	if (store_limits_get(s, user_id, &v->limits) != ST_OK ||
	    store_load(s, user_id, from, to, today, &v->load) != ST_OK)
		return app_internal(err);
	const struct member_limits *l = &v->limits;
	v->paused = l->paused_until >= 0 && l->paused_until >= civil_day_at(now, "UTC");
	v->reached = (l->hours_month >= 0 && v->load.minutes >= l->hours_month * 60) ||
	             (l->meetings_month >= 0 && v->load.meetings >= l->meetings_month) ||
	             (l->opportunities_at_once >= 0 &&
	              v->load.opportunities >= l->opportunities_at_once);
	return true;
}

enum limit_flag app_limit_flag(struct store *s, int64_t user_id, int64_t now)
{
	/* Most people set no limit: one read by key, and no load to add up. */
	struct member_limits l;
	if (store_limits_get(s, user_id, &l) != ST_OK ||
	    (l.hours_month < 0 && l.meetings_month < 0 && l.opportunities_at_once < 0 &&
	     l.paused_until < 0))
		return LIMIT_NONE;
	struct limits_view v;
	struct app_error err;
	if (!app_limits_view(s, user_id, now, &v, &err)) return LIMIT_NONE;
	return v.paused ? LIMIT_PAUSED : v.reached ? LIMIT_REACHED : LIMIT_NONE;
}

/* Whether load is over a monthly limit of l (more than it), or, near,
 * at 80% of one or more. */
static bool beyond(const struct member_limits *l, const struct member_load *load, bool near)
{
	if (near)
		return (l->meetings_month > 0 && load->meetings * 5 >= l->meetings_month * 4) ||
		       (l->hours_month > 0 && load->minutes * 5 >= l->hours_month * 60 * 4);
	return (l->meetings_month >= 0 && load->meetings > l->meetings_month) ||
	       (l->hours_month >= 0 && load->minutes > l->hours_month * 60);
}

bool app_signals(struct store *s, int64_t user_id, int64_t now, unsigned *signals,
                 struct app_error *err)
{
	*signals = 0;
	struct member_limits l;
	struct member_load load[9];
	for (int back = 0; back < 9; back++) {
		int64_t from, to, today;
		month(now, back, &from, &to, &today);
		if (store_load(s, user_id, from, to, today, &load[back]) != ST_OK) return app_internal(err);
	}
	int run;
	if (store_limits_get(s, user_id, &l) != ST_OK || store_hard_run(s, user_id, now, &run) != ST_OK)
		return app_internal(err);
	if (beyond(&l, &load[0], false)) *signals |= SIGNAL_OVER_LIMIT;
	if (beyond(&l, &load[1], true) && beyond(&l, &load[2], true) && beyond(&l, &load[3], true))
		*signals |= SIGNAL_NEAR_LIMIT;
	if (run >= SIGNAL_HARD_RUN_MEETINGS) *signals |= SIGNAL_HARD_RUN;
	/* very active (4 or more meetings in a month) in the six months before
	 * the last two, and none since */
	bool busy = false;
	for (int back = 3; back < 9; back++) busy |= load[back].meetings >= 4;
	if (busy && !load[0].meetings && !load[1].meetings && !load[2].meetings)
		*signals |= SIGNAL_LONG_GAP;
	return true;
}

bool app_signals_shared(struct store *s, int64_t user_id, int64_t now, bool *shared,
                        unsigned *signals, struct app_error *err)
{
	struct member_limits l;
	*signals = 0;
	if (store_limits_get(s, user_id, &l) != ST_OK) return app_internal(err);
	*shared = l.share_signals;
	return !l.share_signals || app_signals(s, user_id, now, signals, err);
}
