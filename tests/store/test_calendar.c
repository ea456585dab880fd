/* Store tests of private calendar feeds: the operations under "private
 * calendar feeds (calendar.c)" in src/store/store.h against a real
 * database, once per backend (tests/testdb.h).
 *
 * Expected values are written from store.h's contracts: one feed per
 * person, found by its token's hash, replaced by a new one and gone when
 * revoked; a feed holds every meeting of the panels where the person is an
 * active co-creator or steward and, where they are an active guest, only
 * the meetings they are invited to, from `since` on, cancelled ones
 * included, by start time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "../testdb.h"
#include "fixture.h"

enum { T0 = 1800000000, DAY = 86400 };

/* Token hashes are opaque text to the store; these stand in for
 * auth_token_hash's 64 hex digits. */
#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HASH_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define HASH_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

static unsigned seq;

/* ---- fixture (fixture.h) ---- */

static int setup(void **state) { return store_fx_setup(state, "calendar"); }
static int teardown(void **state) { return store_fx_teardown(state); }

/* ---- helpers ---- */

static int64_t make_user(struct store_fx *f, const char *name)
{
	const char *e = arena_printf(&f->a, "calendar-%u@example.org", ++seq);
	int64_t id = 0;
	assert_int_equal(store_user_create(f->s, e, name, false, T0, &id), ST_OK);
	return id;
}

static int64_t make_panel(struct store_fx *f, const char *name, const char *zone)
{
	struct panel p = { .name = name, .description = "", .time_zone = zone, .language = "en",
	                   .organisation = "Org", .hosting = HOSTING_ORGANISATION };
	int64_t id = 0;
	assert_int_equal(store_panel_create(f->s, &p, T0, &id), ST_OK);
	return id;
}

static void join(struct store_fx *f, int64_t panel, int64_t user, enum panel_role role,
                 enum member_status status)
{
	assert_int_equal(store_membership_put(f->s, panel, user, role, status, T0), ST_OK);
}

static int64_t make_meeting(struct store_fx *f, int64_t panel, const char *title, int64_t starts)
{
	struct meeting m = { .panel_id = panel, .title = title, .starts_at = starts,
	                     .ends_at = starts + 7200, .agenda_due_at = starts - 7 * DAY,
	                     .place = "Hall", .online_url = "https://meet.example.org/x" };
	int64_t id = 0;
	assert_int_equal(store_meeting_create(f->s, &m, 0, T0, &id), ST_OK);
	return id;
}

static void cancel(struct store_fx *f, int64_t panel, int64_t id)
{
	struct meeting m;
	assert_int_equal(store_meeting_get(f->s, panel, id, &f->a, &m), ST_OK);
	m.cancelled_at = T0 + 5;
	assert_int_equal(store_meeting_update(f->s, &m, T0 + 5), ST_OK);
}

/* The feed's meeting ids, in its order, as "id,id,..." (arena). */
static const char *feed_ids(struct store_fx *f, int64_t user, int64_t since, int limit)
{
	struct calendar_entry *e;
	size_t n;
	assert_int_equal(store_calendar_meetings(f->s, user, since, limit, &f->a, &e, &n), ST_OK);
	struct buf b = {0};
	for (size_t i = 0; i < n; i++) buf_printf(&b, "%s%lld", i ? "," : "", (long long)e[i].meeting.id);
	const char *out = arena_strdup(&f->a, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

/* ---- tests ---- */

static void a_feed_is_set_replaced_and_revoked(void **state)
{
	struct store_fx *f = *state;
	int64_t ann = make_user(f, "Ann"), bob = make_user(f, "Bob"), who = -1, at = -1;

	/* None yet. */
	assert_int_equal(store_calendar_feed_get(f->s, ann, &at), ST_NOT_FOUND);
	assert_int_equal(at, 0);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_A, &who), ST_NOT_FOUND);
	assert_int_equal(store_calendar_feed_revoke(f->s, ann), ST_NOT_FOUND);

	assert_int_equal(store_calendar_feed_set(f->s, ann, HASH_A, T0 + 1), ST_OK);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_A, &who), ST_OK);
	assert_int_equal(who, ann);
	assert_int_equal(store_calendar_feed_get(f->s, ann, &at), ST_OK);
	assert_int_equal(at, T0 + 1);

	/* A new token replaces the old: the old address stops working. */
	assert_int_equal(store_calendar_feed_set(f->s, ann, HASH_B, T0 + 2), ST_OK);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_A, &who), ST_NOT_FOUND);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_B, &who), ST_OK);
	assert_int_equal(who, ann);
	assert_int_equal(store_calendar_feed_get(f->s, ann, &at), ST_OK);
	assert_int_equal(at, T0 + 2);

	/* Each person has their own; a hash belongs to one feed only. */
	assert_int_equal(store_calendar_feed_set(f->s, bob, HASH_C, T0 + 3), ST_OK);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_C, &who), ST_OK);
	assert_int_equal(who, bob);
	assert_int_equal(store_calendar_feed_set(f->s, bob, HASH_B, T0 + 4), ST_CONFLICT);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_C, &who), ST_OK);
	assert_int_equal(who, bob);

	/* Revoking one leaves the other. */
	assert_int_equal(store_calendar_feed_revoke(f->s, ann), ST_OK);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_B, &who), ST_NOT_FOUND);
	assert_int_equal(store_calendar_feed_get(f->s, ann, &at), ST_NOT_FOUND);
	assert_int_equal(store_calendar_feed_revoke(f->s, ann), ST_NOT_FOUND);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_C, &who), ST_OK);

	/* A disabled or erased account's feed answers nobody. */
	assert_int_equal(store_user_set_status(f->s, bob, USER_DISABLED, T0 + 5), ST_OK);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_C, &who), ST_NOT_FOUND);
	assert_int_equal(store_user_set_status(f->s, bob, USER_ACTIVE, T0 + 6), ST_OK);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_C, &who), ST_OK);
	assert_int_equal(store_user_erase(f->s, bob, T0 + 7), ST_OK);
	assert_int_equal(store_calendar_feed_user(f->s, HASH_C, &who), ST_NOT_FOUND);
	/* Erasure removes the feed itself, not only its use. */
	assert_int_equal(store_calendar_feed_get(f->s, bob, &at), ST_NOT_FOUND);
}

static void a_feed_holds_what_the_person_may_see(void **state)
{
	struct store_fx *f = *state;
	int64_t me = make_user(f, "Me"), other = make_user(f, "Other");
	int64_t co = make_panel(f, "Co panel", "Europe/London");
	int64_t st = make_panel(f, "Steward panel", "Pacific/Auckland");
	int64_t gu = make_panel(f, "Guest panel", "America/New_York");
	int64_t paused = make_panel(f, "Paused panel", "Europe/London");
	int64_t gone = make_panel(f, "Removed panel", "Europe/London");
	int64_t gone_guest = make_panel(f, "Removed guest panel", "Europe/London");
	int64_t stranger = make_panel(f, "Not mine", "Europe/London");
	join(f, co, me, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	join(f, st, me, ROLE_STEWARD, MEMBER_ACTIVE);
	join(f, gu, me, ROLE_GUEST, MEMBER_ACTIVE);
	join(f, paused, me, ROLE_CO_CREATOR, MEMBER_PAUSED);
	join(f, gone, me, ROLE_STEWARD, MEMBER_REMOVED);
	join(f, gone_guest, me, ROLE_GUEST, MEMBER_REMOVED);
	join(f, stranger, other, ROLE_STEWARD, MEMBER_ACTIVE);
	join(f, gu, other, ROLE_GUEST, MEMBER_ACTIVE);

	int64_t since = T0 - 90 * DAY;
	/* Start times chosen so that the expected order is by time, not id. */
	int64_t co_late = make_meeting(f, co, "Co late", T0 + 20 * DAY);
	int64_t co_early = make_meeting(f, co, "Co early", T0 + 2 * DAY);
	int64_t co_cancelled = make_meeting(f, co, "Co cancelled", T0 + 5 * DAY);
	int64_t co_recent = make_meeting(f, co, "Co recent past", since);          /* just in */
	make_meeting(f, co, "Co long past", since - 1);                            /* just out */
	int64_t st_one = make_meeting(f, st, "Steward one", T0 + 10 * DAY);
	int64_t gu_invited = make_meeting(f, gu, "Guest invited", T0 + 3 * DAY);
	int64_t gu_not = make_meeting(f, gu, "Guest not invited", T0 + 4 * DAY);
	int64_t gu_other = make_meeting(f, gu, "Other's invitation", T0 + 6 * DAY);
	make_meeting(f, paused, "Paused", T0 + 7 * DAY);
	make_meeting(f, gone, "Removed", T0 + 8 * DAY);
	int64_t gone_invited = make_meeting(f, gone_guest, "Removed guest's", T0 + 9 * DAY);
	int64_t strange = make_meeting(f, stranger, "Stranger", T0 + 11 * DAY);
	cancel(f, co, co_cancelled);
	assert_int_equal(store_meeting_guest_set(f->s, gu_invited, me, true, T0, NULL), ST_OK);
	assert_int_equal(store_meeting_guest_set(f->s, gu_other, other, true, T0, NULL), ST_OK);
	assert_int_equal(store_meeting_guest_set(f->s, gone_invited, me, true, T0, NULL), ST_OK);
	(void)gu_not;

	const char *want = arena_printf(&f->a, "%lld,%lld,%lld,%lld,%lld,%lld", (long long)co_recent,
	                                (long long)co_early, (long long)gu_invited,
	                                (long long)co_cancelled, (long long)st_one,
	                                (long long)co_late);
	assert_string_equal(feed_ids(f, me, since, 100), want);

	/* What comes with each: the panel's name and zone, and the meeting. */
	struct calendar_entry *e;
	size_t n;
	assert_int_equal(store_calendar_meetings(f->s, me, since, 100, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 6);
	assert_string_equal(e[2].panel_name, "Guest panel");
	assert_string_equal(e[2].time_zone, "America/New_York");
	assert_string_equal(e[2].meeting.title, "Guest invited");
	assert_int_equal(e[2].meeting.panel_id, gu);
	assert_int_equal(e[2].meeting.starts_at, T0 + 3 * DAY);
	assert_int_equal(e[2].meeting.ends_at, T0 + 3 * DAY + 7200);
	assert_string_equal(e[2].meeting.place, "Hall");
	assert_string_equal(e[2].meeting.online_url, "https://meet.example.org/x");
	assert_int_equal(e[2].meeting.version, 1);
	assert_int_equal(e[2].meeting.cancelled_at, 0);
	assert_string_equal(e[3].meeting.title, "Co cancelled");
	assert_int_equal(e[3].meeting.cancelled_at, T0 + 5);
	assert_int_equal(e[3].meeting.version, 2);
	assert_string_equal(e[4].panel_name, "Steward panel");
	assert_string_equal(e[4].time_zone, "Pacific/Auckland");

	/* At most limit, the earliest first. */
	want = arena_printf(&f->a, "%lld,%lld", (long long)co_recent, (long long)co_early);
	assert_string_equal(feed_ids(f, me, since, 2), want);

	/* The other guest of the same panel sees only their own invitation,
	 * and their own panel's meeting as its steward. */
	want = arena_printf(&f->a, "%lld,%lld", (long long)gu_other, (long long)strange);
	assert_string_equal(feed_ids(f, other, since, 100), want);

	/* Paused, the co-creator's panel leaves the feed; active again, back. */
	join(f, co, me, ROLE_CO_CREATOR, MEMBER_PAUSED);
	want = arena_printf(&f->a, "%lld,%lld", (long long)gu_invited, (long long)st_one);
	assert_string_equal(feed_ids(f, me, since, 100), want);
	/* Uninvited, the guest's meeting leaves it too. */
	assert_int_equal(store_meeting_guest_set(f->s, gu_invited, me, false, T0, NULL), ST_OK);
	want = arena_printf(&f->a, "%lld", (long long)st_one);
	assert_string_equal(feed_ids(f, me, since, 100), want);

	/* Someone on no panel has an empty feed. */
	assert_string_equal(feed_ids(f, make_user(f, "Nobody"), since, 100), "");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(a_feed_is_set_replaced_and_revoked),
		T(a_feed_holds_what_the_person_may_see),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
