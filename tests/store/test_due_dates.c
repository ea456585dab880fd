/* Due dates and overdue flags across time zones and clock changes, through
 * the app layer (app_contribute, with an explicit `now`) against a real
 * store, once per backend (tests/testdb.h).
 *
 * The contract (app.h, docs/architecture.md): a contribution made at `now`
 * is due at the end of the local day response_days after now's local date
 * in the panel's zone, i.e. one second before the following local day
 * starts, whatever the clocks do in between; it is overdue when it is
 * open (no outcome) after that instant: core/voice.h's
 * contribution_overdue is `now > due_at`, and store_influence counts
 * `due_at < now`, so at due_at it is not yet overdue and at due_at + 1 it
 * is.
 *
 * Every expected instant is worked by hand below (the comment above each
 * case shows the arithmetic) and written as a UTC date and time, turned
 * into seconds by utc() (a days-from-civil formula of its own, not
 * core/civil_time.c's). main() checks the hand-worked values once more
 * against the C library's zone rules (localtime_r and mktime under
 * TZ=zone), before any test runs: civil_time.c owns TZ once it has been
 * used, so nothing here touches TZ after that.
 *
 * The zones: Europe/London (GMT +0, BST +1; 2026 changes 29 March and 25
 * October at 01:00 UTC), America/New_York (EST -5, EDT -4; 8 March 07:00
 * UTC and 1 November 06:00 UTC), Pacific/Auckland (NZST +12, NZDT +13,
 * southern summer; DST ends 5 April, 14:00 UTC the day before, and
 * starts 27 September, 14:00 UTC the day before) and Asia/Kolkata (+5:30,
 * no changes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "store/store.h"
#include "../testdb.h"
#include "fixture.h"

/* Seconds since the epoch of a UTC date and time (proleptic Gregorian;
 * Howard Hinnant's days_from_civil). */
static int64_t utc(int y, int m, int d, int hh, int mm, int ss)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	return days * 86400 + hh * 3600 + mm * 60 + ss;
}

struct due_row {
	const char *zone;
	int days;                  /* the panel's response_days */
	int made_at[6], due_at[6]; /* UTC: year, month, day, hour, minute, second */
	const char *why;
};

#define U(...) { __VA_ARGS__ }
static const struct due_row rows[] = {
	/* ---- Europe/London, 28 days ---- */
	/* 23:59:30 BST on 10 June = 22:59:30Z; 10 June + 28 = 8 July, which
	 * ends 23:59:59 BST = 22:59:59Z. */
	{ "Europe/London", 28, U(2026, 6, 10, 22, 59, 30), U(2026, 7, 8, 22, 59, 59),
	  "London, a minute before local midnight (still 10 June)" },
	/* 00:00:30 BST on 11 June = 23:00:30Z on 10 June (the UTC date is still
	 * the 10th); 11 June + 28 = 9 July, ends 22:59:59Z. */
	{ "Europe/London", 28, U(2026, 6, 10, 23, 0, 30), U(2026, 7, 9, 22, 59, 59),
	  "London, just after local midnight (11 June locally, 10 June in UTC)" },
	/* 12:00 GMT on 10 March; + 28 = 7 April, after the spring change:
	 * ends 23:59:59 BST = 22:59:59Z. */
	{ "Europe/London", 28, U(2026, 3, 10, 12, 0, 0), U(2026, 4, 7, 22, 59, 59),
	  "London, made in GMT, due in BST" },
	/* 12:00 BST on 10 October = 11:00Z; + 28 = 7 November, after the
	 * autumn change: ends 23:59:59 GMT = 23:59:59Z. */
	{ "Europe/London", 28, U(2026, 10, 10, 11, 0, 0), U(2026, 11, 7, 23, 59, 59),
	  "London, made in BST, due in GMT" },
	/* 10:00 GMT on 1 March; + 28 = 29 March, the 23-hour day the clocks go
	 * forward: it ends 23:59:59 BST = 22:59:59Z. */
	{ "Europe/London", 28, U(2026, 3, 1, 10, 0, 0), U(2026, 3, 29, 22, 59, 59),
	  "London, due on the day the clocks go forward" },
	/* 10:00 BST on 27 September = 09:00Z; + 28 = 25 October, the 25-hour
	 * day the clocks go back: it ends 23:59:59 GMT = 23:59:59Z. */
	{ "Europe/London", 28, U(2026, 9, 27, 9, 0, 0), U(2026, 10, 25, 23, 59, 59),
	  "London, due on the day the clocks go back" },
	/* 01:30 happens twice on 25 October: first in BST (00:30Z), then in
	 * GMT (01:30Z). Both are 25 October locally; + 28 = 22 November, ends
	 * 23:59:59 GMT. */
	{ "Europe/London", 28, U(2026, 10, 25, 0, 30, 0), U(2026, 11, 22, 23, 59, 59),
	  "London, made in the first 01:30 of the repeated hour" },
	{ "Europe/London", 28, U(2026, 10, 25, 1, 30, 0), U(2026, 11, 22, 23, 59, 59),
	  "London, made in the second 01:30 of the repeated hour" },
	/* 00:59:59 GMT and one second later 02:00:00 BST, both 29 March; + 28
	 * = 26 April, ends 23:59:59 BST = 22:59:59Z. */
	{ "Europe/London", 28, U(2026, 3, 29, 0, 59, 59), U(2026, 4, 26, 22, 59, 59),
	  "London, the last second before the clocks go forward" },
	{ "Europe/London", 28, U(2026, 3, 29, 1, 0, 0), U(2026, 4, 26, 22, 59, 59),
	  "London, the first second after the clocks go forward" },

	/* ---- America/New_York, 14 days ---- */
	/* 23:59:30 EST on 20 January = 04:59:30Z on the 21st (the UTC date is
	 * already the next day); 20 January + 14 = 3 February, ends 23:59:59
	 * EST = 04:59:59Z on 4 February. */
	{ "America/New_York", 14, U(2026, 1, 21, 4, 59, 30), U(2026, 2, 4, 4, 59, 59),
	  "New York, a minute before local midnight (20 January locally, 21st in UTC)" },
	/* 00:00:30 EST on 21 January = 05:00:30Z; + 14 = 4 February, ends
	 * 04:59:59Z on the 5th. */
	{ "America/New_York", 14, U(2026, 1, 21, 5, 0, 30), U(2026, 2, 5, 4, 59, 59),
	  "New York, just after local midnight" },
	/* 12:00 EST on 1 March = 17:00Z; + 14 = 15 March, after the change on
	 * the 8th: ends 23:59:59 EDT = 03:59:59Z on the 16th. */
	{ "America/New_York", 14, U(2026, 3, 1, 17, 0, 0), U(2026, 3, 16, 3, 59, 59),
	  "New York, made in EST, due in EDT" },
	/* 12:00 EDT on 25 October = 16:00Z; + 14 = 8 November, after the
	 * change on the 1st: ends 23:59:59 EST = 04:59:59Z on the 9th. */
	{ "America/New_York", 14, U(2026, 10, 25, 16, 0, 0), U(2026, 11, 9, 4, 59, 59),
	  "New York, made in EDT, due in EST" },
	/* 12:00 EST on 22 February = 17:00Z; + 14 = 8 March, the day the
	 * clocks go forward: it ends 23:59:59 EDT = 03:59:59Z on the 9th. */
	{ "America/New_York", 14, U(2026, 2, 22, 17, 0, 0), U(2026, 3, 9, 3, 59, 59),
	  "New York, due on the day the clocks go forward" },
	/* 12:00 EDT on 18 October = 16:00Z; + 14 = 1 November, the day the
	 * clocks go back: it ends 23:59:59 EST = 04:59:59Z on the 2nd. */
	{ "America/New_York", 14, U(2026, 10, 18, 16, 0, 0), U(2026, 11, 2, 4, 59, 59),
	  "New York, due on the day the clocks go back" },
	/* 01:30 twice on 1 November: EDT (05:30Z) and EST (06:30Z); + 14 =
	 * 15 November, ends 23:59:59 EST = 04:59:59Z on the 16th. */
	{ "America/New_York", 14, U(2026, 11, 1, 5, 30, 0), U(2026, 11, 16, 4, 59, 59),
	  "New York, made in the first 01:30 of the repeated hour" },
	{ "America/New_York", 14, U(2026, 11, 1, 6, 30, 0), U(2026, 11, 16, 4, 59, 59),
	  "New York, made in the second 01:30 of the repeated hour" },

	/* ---- Pacific/Auckland, 7 days (summer is December to April) ---- */
	/* 23:59:30 NZDT on 10 January = 10:59:30Z; + 7 = 17 January, ends
	 * 23:59:59 NZDT = 10:59:59Z. */
	{ "Pacific/Auckland", 7, U(2026, 1, 10, 10, 59, 30), U(2026, 1, 17, 10, 59, 59),
	  "Auckland, a minute before local midnight" },
	/* 00:00:30 NZDT on 11 January = 11:00:30Z on the 10th; + 7 = 18
	 * January, ends 10:59:59Z. */
	{ "Pacific/Auckland", 7, U(2026, 1, 10, 11, 0, 30), U(2026, 1, 18, 10, 59, 59),
	  "Auckland, just after local midnight (11 January locally, 10th in UTC)" },
	/* 12:00 NZDT on 1 April = 23:00Z on 31 March; + 7 = 8 April, after
	 * summer time ends on the 5th: ends 23:59:59 NZST = 11:59:59Z. */
	{ "Pacific/Auckland", 7, U(2026, 3, 31, 23, 0, 0), U(2026, 4, 8, 11, 59, 59),
	  "Auckland, made in NZDT, due in NZST (clocks go back in April)" },
	/* 12:00 NZST on 24 September = 00:00Z; + 7 = 1 October, after summer
	 * time starts on 27 September: ends 23:59:59 NZDT = 10:59:59Z. */
	{ "Pacific/Auckland", 7, U(2026, 9, 24, 0, 0, 0), U(2026, 10, 1, 10, 59, 59),
	  "Auckland, made in NZST, due in NZDT (clocks go forward in September)" },
	/* 12:00 NZST on 20 September = 00:00Z; + 7 = 27 September, the day
	 * the clocks go forward: ends 23:59:59 NZDT = 10:59:59Z. */
	{ "Pacific/Auckland", 7, U(2026, 9, 20, 0, 0, 0), U(2026, 9, 27, 10, 59, 59),
	  "Auckland, due on the day the clocks go forward" },
	/* 12:00 NZDT on 29 March = 23:00Z on the 28th; + 7 = 5 April, the day
	 * the clocks go back: ends 23:59:59 NZST = 11:59:59Z. */
	{ "Pacific/Auckland", 7, U(2026, 3, 28, 23, 0, 0), U(2026, 4, 5, 11, 59, 59),
	  "Auckland, due on the day the clocks go back" },
	/* 02:30 twice on 5 April: NZDT (13:30Z on the 4th) and NZST (14:30Z);
	 * + 7 = 12 April, ends 23:59:59 NZST = 11:59:59Z. */
	{ "Pacific/Auckland", 7, U(2026, 4, 4, 13, 30, 0), U(2026, 4, 12, 11, 59, 59),
	  "Auckland, made in the first 02:30 of the repeated hour" },
	{ "Pacific/Auckland", 7, U(2026, 4, 4, 14, 30, 0), U(2026, 4, 12, 11, 59, 59),
	  "Auckland, made in the second 02:30 of the repeated hour" },

	/* ---- Asia/Kolkata, 1 day (+5:30 all year) ---- */
	/* 23:59:30 IST on 28 March = 18:29:30Z; + 1 = 29 March, ends 23:59:59
	 * IST = 18:29:59Z. */
	{ "Asia/Kolkata", 1, U(2026, 3, 28, 18, 29, 30), U(2026, 3, 29, 18, 29, 59),
	  "Kolkata, a minute before local midnight" },
	/* 00:00:30 IST on 29 March = 18:30:30Z on the 28th; + 1 = 30 March,
	 * ends 18:29:59Z. */
	{ "Asia/Kolkata", 1, U(2026, 3, 28, 18, 30, 30), U(2026, 3, 30, 18, 29, 59),
	  "Kolkata, just after local midnight (29 March locally, 28th in UTC)" },
	/* 12:00 IST on 24 October = 06:30Z; + 1 = 25 October (Europe's change
	 * day, nothing here), ends 18:29:59Z. */
	{ "Asia/Kolkata", 1, U(2026, 10, 24, 6, 30, 0), U(2026, 10, 25, 18, 29, 59),
	  "Kolkata, over Europe's change weekend" },
};
#undef U
enum { NCASES = sizeof rows / sizeof rows[0] };

/* The rows with their instants in seconds (main() fills them). */
struct due_case {
	const char *zone, *why;
	int days;
	int64_t made, due;
};
static struct due_case cases[NCASES];

/* The same due instants from the C library (main() fills it). */
static int64_t libc_due[NCASES];

static int64_t libc_end_of_day_after(const char *zone, int64_t made, int days)
{
	setenv("TZ", zone, 1);
	tzset();
	time_t t = (time_t)made;
	struct tm tm;
	if (!localtime_r(&t, &tm)) return -1;
	/* Midnight of the day after the due day; it exists in each of these
	 * zones (their changes are at 01:00 to 03:00), so mktime is exact. */
	tm.tm_mday += days + 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) - 1;
}

/* ---- fixture: one fresh database for the group ---- */

struct fx {
	struct store *s;
	struct arena a;
	char dir[64];
	char target[256];
	unsigned seq;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f || !store_db_make("due", f->dir, sizeof f->dir, f->target, sizeof f->target,
	                         &f->s)) {
		free(f);
		return -1;
	}
	*state = f;
	int applied = -1;
	return store_migrate(f->s, &applied) == ST_OK ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_db_drop(f->s, f->dir, f->target);
	arena_free(&f->a);
	free(f);
	return 0;
}

/* A panel of its own for case c (zone and response_days), with a steward
 * and a co-creator; the co-creator says something at c->made through
 * app_contribute. */
static void contribute(struct fx *f, const struct due_case *c, struct panel *p,
                       int64_t *steward, int64_t *id)
{
	int64_t author = 0, pid = 0;
	const char *e1 = arena_printf(&f->a, "steward-%u@example.org", ++f->seq);
	const char *e2 = arena_printf(&f->a, "author-%u@example.org", f->seq);
	assert_int_equal(store_user_create(f->s, e1, "Steward", false, c->made - 86400, steward),
	                 ST_OK);
	assert_int_equal(store_user_create(f->s, e2, "Author", false, c->made - 86400, &author),
	                 ST_OK);
	struct panel np = { .name = arena_printf(&f->a, "Panel %u", f->seq), .description = "",
	                    .time_zone = c->zone, .language = "en", .organisation = "Org",
	                    .hosting = HOSTING_ORGANISATION, .response_days = c->days };
	assert_int_equal(store_panel_create(f->s, &np, c->made - 86400, &pid), ST_OK);
	assert_int_equal(store_membership_put(f->s, pid, *steward, ROLE_STEWARD, MEMBER_ACTIVE,
	                                      c->made - 86400), ST_OK);
	assert_int_equal(store_membership_put(f->s, pid, author, ROLE_CO_CREATOR, MEMBER_ACTIVE,
	                                      c->made - 86400), ST_OK);
	/* The panel as a page would have it: read back from the store. */
	assert_int_equal(store_panel_get(f->s, pid, &f->a, p), ST_OK);
	assert_string_equal(p->time_zone, c->zone);
	assert_int_equal(p->response_days, c->days);
	struct contribution_new cn = { .kind = KIND_IDEA, .body = "Something to answer",
	                               .attribution = ATTR_NAMED, .author_id = author };
	struct app_error err = {0};
	struct panel_actor member = { .role = ROLE_CO_CREATOR, .status = MEMBER_ACTIVE };
	if (!app_contribute(f->s, p, &member, author, &cn, c->made, id, &err))
		fail_msg("%s: app_contribute failed: %s", c->why, err.message ? err.message : "?");
}

static int64_t overdue_at(struct fx *f, int64_t panel, int64_t now)
{
	struct influence inf;
	assert_int_equal(store_influence(f->s, panel, 0, now, &inf), ST_OK);
	return inf.overdue;
}

/* ---- tests ---- */

static void hand_worked_values_agree_with_the_c_library(void **state)
{
	(void)state;
	for (int i = 0; i < NCASES; i++)
		if (libc_due[i] != cases[i].due)
			fail_msg("%s: worked by hand %lld, the C library says %lld", cases[i].why,
			         (long long)cases[i].due, (long long)libc_due[i]);
}

static void due_at_is_the_end_of_the_local_day(void **state)
{
	struct fx *f = *state;
	int wrong = 0;
	for (int i = 0; i < NCASES; i++) {
		const struct due_case *c = &cases[i];
		struct panel p;
		int64_t steward, id;
		contribute(f, c, &p, &steward, &id);
		struct contribution got;
		assert_int_equal(store_contribution_get(f->s, p.id, id, steward, &f->a, &got), ST_OK);
		assert_int_equal(got.created_at, c->made);
		if (got.due_at != c->due) {
			fprintf(stderr, "%s: due_at %lld, want %lld (%+lld s)\n", c->why,
			        (long long)got.due_at, (long long)c->due, (long long)(got.due_at - c->due));
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

static void overdue_one_second_after_due(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < NCASES; i++) {
		const struct due_case *c = &cases[i];
		struct panel p;
		int64_t steward, id;
		contribute(f, c, &p, &steward, &id);
		/* The store's count and core/voice.h's rule say the same. */
		assert_int_equal(overdue_at(f, p.id, c->made), 0);
		assert_int_equal(overdue_at(f, p.id, c->due - 1), 0);
		assert_int_equal(overdue_at(f, p.id, c->due), 0);
		assert_false(contribution_overdue(RS_AWAITING, c->due, c->due));
		assert_int_equal(overdue_at(f, p.id, c->due + 1), 1);
		assert_true(contribution_overdue(RS_AWAITING, c->due, c->due + 1));
		if (i != 0) continue;

		/* An acknowledgement does not stop the clock; an outcome does. */
		struct response_record r = { .panel_id = p.id, .status = RS_RECEIVED,
		                             .decided_at = c->made + 60, .written_by = steward };
		int64_t rid;
		assert_int_equal(store_response_add(f->s, &r, &id, 1, "n", "/l", "s", "b",
		                                    c->made + 60, &rid), ST_OK);
		assert_int_equal(overdue_at(f, p.id, c->due + 1), 1);
		assert_true(contribution_overdue(RS_RECEIVED, c->due, c->due + 1));
		r.status = RS_ADOPTED;
		r.what_done = "Done";
		r.decided_by = "The board";
		assert_int_equal(store_response_add(f->s, &r, &id, 1, "n", "/l", "s", "b",
		                                    c->due + 5, &rid), ST_OK);
		assert_int_equal(overdue_at(f, p.id, c->due + 1), 0);
		assert_int_equal(overdue_at(f, p.id, c->due + 30 * 86400), 0);
		assert_false(contribution_overdue(RS_ADOPTED, c->due, c->due + 1));
	}
}

int main(void)
{
	/* The C library's answers first, each zone set in turn; then back to
	 * UTC, as main() leaves it for civil_time.c (which from here on is the
	 * only code that changes TZ). */
	for (int i = 0; i < NCASES; i++) {
		const struct due_row *r = &rows[i];
		struct due_case *c = &cases[i];
		c->zone = r->zone;
		c->why = r->why;
		c->days = r->days;
		c->made = utc(r->made_at[0], r->made_at[1], r->made_at[2], r->made_at[3],
		              r->made_at[4], r->made_at[5]);
		c->due = utc(r->due_at[0], r->due_at[1], r->due_at[2], r->due_at[3], r->due_at[4],
		             r->due_at[5]);
		libc_due[i] = libc_end_of_day_after(c->zone, c->made, c->days);
	}
	setenv("TZ", "UTC", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hand_worked_values_agree_with_the_c_library),
		cmocka_unit_test(due_at_is_the_end_of_the_local_day),
		cmocka_unit_test(overdue_one_second_after_due),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
