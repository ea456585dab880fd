/* My limits and signals (issue 21) on a real store, once per backend, with
 * a clock the test sets: what someone has taken on this month, whether
 * they are paused or at their own limit (all anyone else is told), and the
 * signals computed from what they did (app/limits.c); and everyone who came
 * to a meeting asked how it went, once, after it ends (app/voice.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/lang.h"
#include "fixture.h"

#define DAY 86400
/* 15 June 2026, noon UTC: the test's "now" */
static int64_t now_at(void) { return civil_day_start(civil_day(2026, 6, 15), "UTC") + 12 * 3600; }

static int64_t panel_id, seq;

/* each test has a database of its own, and makes its panel anew */
static int setup(void **state)
{
	panel_id = 0;
	return store_fx_setup(state, "limits");
}

static int64_t person(struct store_fx *f)
{
	char email[64];
	snprintf(email, sizeof email, "p%lld@example.org", (long long)++seq);
	int64_t id;
	assert_int_equal(store_user_create(f->s, email, email, false, 0, &id), ST_OK);
	if (!panel_id) {
		struct panel p = { .name = "Limits", .hosting = HOSTING_USER_LED };
		assert_int_equal(store_panel_create(f->s, &p, 0, &panel_id), ST_OK);
	}
	assert_int_equal(store_membership_put(f->s, panel_id, id, ROLE_CO_CREATOR, MEMBER_ACTIVE, 0),
	                 ST_OK);
	return id;
}

/* A two-hour meeting on year-month-day at noon UTC that user came to (or,
 * came false, said they are coming to), with an item with a content note
 * when hard. */
static void meeting(struct store_fx *f, int64_t user, int y, int m, int d, bool came, bool hard)
{
	int64_t starts = civil_day_start(civil_day(y, m, d), "UTC") + 12 * 3600;
	struct meeting mt = { .panel_id = panel_id, .title = "M", .starts_at = starts,
	                      .ends_at = starts + 7200, .agenda_due_at = starts - 7 * DAY };
	int64_t id, item;
	assert_int_equal(store_meeting_create(f->s, &mt, 0, starts - 30 * DAY, &id), ST_OK);
	assert_int_equal(store_agenda_propose(f->s, id, "Item", "", hard ? "Talks of loss" : "", user,
	                                      starts - 20 * DAY, &item), ST_OK);
	if (came) assert_int_equal(store_meeting_attended(f->s, id, user, true, starts + 60), ST_OK);
	else assert_int_equal(store_meeting_reply(f->s, id, user, REPLY_COMING, starts - DAY), ST_OK);
}

static void set_limits(struct store_fx *f, int64_t user, int64_t hours, int64_t meetings,
                       int64_t places, int64_t paused_until)
{
	struct member_limits l = { hours, meetings, places, paused_until, 0, false };
	assert_int_equal(store_limits_put(f->s, user, &l, now_at()), ST_OK);
}

static unsigned signals_of(struct store_fx *f, int64_t user)
{
	unsigned s;
	struct app_error err;
	assert_true(app_signals(f->s, user, now_at(), &s, &err));
	return s;
}

static void load_counts_this_month_only(void **state)
{
	struct store_fx *f = *state;
	int64_t u = person(f);
	meeting(f, u, 2026, 5, 31, true, false);   /* last month */
	meeting(f, u, 2026, 6, 1, true, false);    /* this month, came */
	meeting(f, u, 2026, 6, 20, false, false);  /* this month, coming */
	meeting(f, u, 2026, 7, 1, false, false);   /* next month */
	struct limits_view v;
	struct app_error err;
	assert_true(app_limits_view(f->s, u, now_at(), &v, &err));
	assert_int_equal(v.load.meetings, 2);
	assert_int_equal(v.load.minutes, 240);
	assert_false(v.paused);
	assert_false(v.reached);
	assert_int_equal(app_limit_flag(f->s, u, now_at()), LIMIT_NONE);
	/* at the limit of 2 meetings: reached (not over: no signal) */
	set_limits(f, u, -1, 2, -1, -1);
	assert_int_equal(app_limit_flag(f->s, u, now_at()), LIMIT_REACHED);
	assert_false(signals_of(f, u) & SIGNAL_OVER_LIMIT);
	/* 3 hours a month: 4 hours is over */
	set_limits(f, u, 3, -1, -1, -1);
	assert_true(signals_of(f, u) & SIGNAL_OVER_LIMIT);
	/* paused until today, then until yesterday (over) */
	int64_t today = civil_day_at(now_at(), "UTC");
	set_limits(f, u, -1, -1, -1, today);
	assert_int_equal(app_limit_flag(f->s, u, now_at()), LIMIT_PAUSED);
	set_limits(f, u, -1, -1, -1, today - 1);
	assert_int_equal(app_limit_flag(f->s, u, now_at()), LIMIT_NONE);
}

static void near_the_limit_three_months_running(void **state)
{
	struct store_fx *f = *state;
	int64_t u = person(f);
	set_limits(f, u, -1, 5, -1, -1);
	/* 4 of 5 (80%) in each of March, April and May */
	for (int m = 3; m <= 5; m++)
		for (int d = 1; d <= 4; d++) meeting(f, u, 2026, m, d, true, false);
	assert_true(signals_of(f, u) & SIGNAL_NEAR_LIMIT);
	/* a month short of it breaks the run: a new person, April at 3 */
	int64_t w = person(f);
	set_limits(f, w, -1, 5, -1, -1);
	for (int m = 3; m <= 5; m++)
		for (int d = 1; d <= (m == 4 ? 3 : 4); d++) meeting(f, w, 2026, m, d, true, false);
	assert_false(signals_of(f, w) & SIGNAL_NEAR_LIMIT);
}

static void hard_sessions_in_a_row(void **state)
{
	struct store_fx *f = *state;
	int64_t u = person(f);
	meeting(f, u, 2026, 4, 1, true, false);
	meeting(f, u, 2026, 5, 1, true, true);
	meeting(f, u, 2026, 5, 8, true, true);
	assert_false(signals_of(f, u) & SIGNAL_HARD_RUN);
	meeting(f, u, 2026, 6, 1, true, true);
	assert_true(signals_of(f, u) & SIGNAL_HARD_RUN);
	/* only meetings they came to count, and only up to now */
	meeting(f, u, 2026, 6, 10, false, false);
	meeting(f, u, 2026, 6, 20, true, false);
	assert_true(signals_of(f, u) & SIGNAL_HARD_RUN);
}

static void a_long_gap_after_a_busy_time(void **state)
{
	struct store_fx *f = *state;
	int64_t u = person(f);
	for (int d = 1; d <= 4; d++) meeting(f, u, 2026, 1, d, true, false);
	assert_true(signals_of(f, u) & SIGNAL_LONG_GAP);
	/* one meeting in April: no gap */
	meeting(f, u, 2026, 4, 2, true, false);
	assert_false(signals_of(f, u) & SIGNAL_LONG_GAP);
	/* never busy: no gap either */
	int64_t w = person(f);
	meeting(f, w, 2026, 1, 5, true, false);
	assert_int_equal(signals_of(f, w), 0);
}

static void shared_only_when_chosen(void **state)
{
	struct store_fx *f = *state;
	int64_t u = person(f);
	set_limits(f, u, -1, 0, -1, -1);
	meeting(f, u, 2026, 6, 2, true, false);
	bool shared;
	unsigned s;
	struct app_error err;
	assert_true(app_signals_shared(f->s, u, now_at(), &shared, &s, &err));
	assert_false(shared);
	assert_int_equal(s, 0);
	struct member_limits l = { -1, 0, -1, -1, 0, true };
	assert_int_equal(store_limits_put(f->s, u, &l, now_at()), ST_OK);
	assert_true(app_signals_shared(f->s, u, now_at(), &shared, &s, &err));
	assert_true(shared);
	assert_true(s & SIGNAL_OVER_LIMIT);
}

/* How many of user's notices say needle. */
static int notices_saying(struct store_fx *f, int64_t user, const char *needle)
{
	struct notice *n;
	size_t count;
	assert_int_equal(store_notices_list(f->s, user, 100, &f->a, &n, &count), ST_OK);
	int said = 0;
	for (size_t i = 0; i < count; i++) {
		const char *text = lang_message_text(&f->a, n[i].body);
		said += strstr(text, needle) != NULL;
	}
	return said;
}

static void asked_once_after_a_meeting_ends(void **state)
{
	struct store_fx *f = *state;
	int64_t u = person(f), v = person(f);
	/* a hard meeting under way: attendance recorded before it ends */
	int64_t starts = now_at() - 3600;
	struct meeting mt = { .panel_id = panel_id, .title = "Loss", .starts_at = starts,
	                      .ends_at = starts + 7200, .agenda_due_at = starts - 7 * DAY,
	                      .content_note = "Talks of loss" };
	int64_t id;
	assert_int_equal(store_meeting_create(f->s, &mt, 0, starts - 30 * DAY, &id), ST_OK);
	assert_int_equal(store_meeting_attended(f->s, id, u, true, now_at()), ST_OK);
	assert_int_equal(store_meeting_attended(f->s, id, v, false, now_at()), ST_OK);
	int asked;
	assert_true(app_after_meetings(f->s, now_at(), &asked));
	assert_int_equal(asked, 0); /* not over yet */
	/* once it has ended: the one who came is asked, first how they are */
	assert_true(app_after_meetings(f->s, now_at() + 2 * 3600, &asked));
	assert_int_equal(asked, 1);
	assert_int_equal(notices_saying(f, u, "How are you after the meeting \"Loss\""), 1);
	assert_int_equal(notices_saying(f, v, "Loss"), 0);
	/* and never twice */
	assert_true(app_after_meetings(f->s, now_at() + 3 * 3600, &asked));
	assert_int_equal(asked, 0);
	assert_int_equal(notices_saying(f, u, "Loss"), 1);
	/* a meeting that ended more than AFTER_MEETING_DAYS ago is left alone */
	int64_t old;
	struct meeting before = mt;
	before.title = "Old";
	before.content_note = "";
	before.starts_at = now_at() - (AFTER_MEETING_DAYS + 1) * DAY;
	before.ends_at = before.starts_at + 7200;
	assert_int_equal(store_meeting_create(f->s, &before, 0, before.starts_at - DAY, &old), ST_OK);
	assert_int_equal(store_meeting_attended(f->s, old, v, true, before.starts_at + 60), ST_OK);
	assert_true(app_after_meetings(f->s, now_at(), &asked));
	assert_int_equal(asked, 0);
	assert_int_equal(notices_saying(f, v, "Old"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(load_counts_this_month_only, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(near_the_limit_three_months_running, setup,
		                                store_fx_teardown),
		cmocka_unit_test_setup_teardown(hard_sessions_in_a_row, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(a_long_gap_after_a_busy_time, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(shared_only_when_chosen, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(asked_once_after_a_meeting_ends, setup,
		                                store_fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
