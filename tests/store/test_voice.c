/* Store tests of voice and influence: the operations under "voice and
 * influence (voice.c)" in src/store/store.h against a real database.
 *
 * Like test_store.c, one executable for every backend (tests/testdb.h):
 * each test gets a fresh, empty, migrated database of the backend the
 * environment names, removed afterwards. Every expected value below is
 * worked out by hand from the rules in store.h and core/voice.h (stage
 * order, agenda order, the anonymity rule, answered_at on the first
 * outcome, overdue, the lower median of whole days), never read back from
 * the function under test. Times are made-up seconds near T0: the store
 * takes "now" as a parameter, so day counts are exact.
 *
 * The influence and copy tests fill papers, reflections, reflection_done
 * and calendar_feeds with plain SQL through the backend's own client
 * library (raw_sql), so that these tests stand apart from the operations
 * on those tables (tested in test_meeting_record.c and test_calendar.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "../testdb.h"
#include "fixture.h"

enum { T0 = 1800000000, DAY = 86400 };

static unsigned seq;

/* ---- fixture (fixture.h) ---- */

static int setup(void **state) { return store_fx_setup(state, "voice"); }
static int teardown(void **state) { return store_fx_teardown(state); }

/* ---- helpers ---- */

static int64_t user_with_email(struct store_fx *f, const char *name, const char **email)
{
	const char *e = arena_printf(&f->a, "voice-%u@example.org", ++seq);
	int64_t id = 0;
	assert_int_equal(store_user_create(f->s, e, name, false, T0, &id), ST_OK);
	assert_true(id > 0);
	if (email) *email = e;
	return id;
}

static int64_t make_user(struct store_fx *f, const char *name)
{
	return user_with_email(f, name, NULL);
}

static int64_t make_panel(struct store_fx *f, const char *name)
{
	struct panel p = { .name = name, .description = "About it", .time_zone = "Europe/London",
	                   .language = "en", .organisation = "Org",
	                   .hosting = HOSTING_ORGANISATION };
	int64_t id = 0;
	assert_int_equal(store_panel_create(f->s, &p, T0, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static void join_at(struct store_fx *f, int64_t panel, int64_t user, enum panel_role role,
                    enum member_status status, int64_t at)
{
	assert_int_equal(store_membership_put(f->s, panel, user, role, status, at), ST_OK);
}

static void join(struct store_fx *f, int64_t panel, int64_t user, enum panel_role role,
                 enum member_status status)
{
	join_at(f, panel, user, role, status, T0 + 10);
}

static int64_t make_project(struct store_fx *f, int64_t panel, const char *title, int64_t by,
                            int64_t now)
{
	struct project p = { .panel_id = panel, .title = title, .purpose = "Why",
	                     .decision_maker = "The board", .stage = STAGE_SHAPING };
	int64_t id = 0;
	assert_int_equal(store_project_create(f->s, &p, by, now, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static int64_t make_meeting(struct store_fx *f, int64_t panel, int64_t project, const char *title,
                            int64_t starts)
{
	struct meeting m = { .panel_id = panel, .project_id = project, .title = title,
	                     .starts_at = starts, .ends_at = starts + 7200,
	                     .agenda_due_at = starts - 7 * DAY };
	int64_t id = 0;
	assert_int_equal(store_meeting_create(f->s, &m, 0, T0, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static int64_t contribute_by(struct store_fx *f, int64_t panel, int64_t project, int64_t meeting,
                             enum attribution attr, int64_t author, int64_t recorded_by,
                             int64_t owner, int64_t created, int64_t due)
{
	struct contribution_new c = {
		.panel_id = panel, .project_id = project, .meeting_id = meeting,
		.kind = KIND_IDEA, .body = arena_printf(&f->a, "Said %u", ++seq),
		.attribution = attr, .group_name = attr == ATTR_GROUP ? "Carers' group" : "",
		.author_id = author, .recorded_by = recorded_by, .owner_id = owner, .due_at = due,
	};
	int64_t id = 0;
	assert_int_equal(store_contribution_add(f->s, &c, created, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static int64_t contribute(struct store_fx *f, int64_t panel, int64_t project, int64_t meeting,
                          enum attribution attr, int64_t author, int64_t owner,
                          int64_t created, int64_t due)
{
	return contribute_by(f, panel, project, meeting, attr, author, 0, owner, created, due);
}

/* One response of status to ids, written by writer at now; notice and
 * mail texts carry tag so that a test can tell them apart. */
static enum store_rc respond_tagged(struct store_fx *f, int64_t panel, enum response_status status,
                                    const int64_t *ids, size_t n, int64_t writer,
                                    int64_t decided_at, int64_t now, const char *tag,
                                    int64_t *id)
{
	struct response_record r = {
		.panel_id = panel, .status = status, .decided_at = decided_at, .written_by = writer,
		.what_done = arena_printf(&f->a, "Done: %s", tag),
		.reason = arena_printf(&f->a, "Reason: %s", tag),
		.referred_to = status == RS_REFERRED ? "The council" : "",
		.decided_by = "The board",
	};
	return store_response_add(f->s, &r, ids, n, arena_printf(&f->a, "Notice %s", tag),
	                          arena_printf(&f->a, "/panels/%lld/contributions", (long long)panel),
	                          arena_printf(&f->a, "Subject %s", tag),
	                          arena_printf(&f->a, "Mail %s", tag), now, id);
}

static int64_t respond(struct store_fx *f, int64_t panel, enum response_status status,
                       const int64_t *ids, size_t n, int64_t writer, int64_t now)
{
	int64_t id = 0;
	assert_int_equal(respond_tagged(f, panel, status, ids, n, writer, 0, now, "t", &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static struct contribution get_c(struct store_fx *f, int64_t panel, int64_t id, int64_t viewer)
{
	struct contribution c;
	memset(&c, 0, sizeof c);
	assert_int_equal(store_contribution_get(f->s, panel, id, viewer, &f->a, &c), ST_OK);
	assert_int_equal(c.id, id);
	return c;
}

static struct store_table_sum *sums(struct store_fx *f, struct store *s, size_t *n)
{
	struct store_table_sum *out = NULL;
	assert_int_equal(store_table_sums(s, &f->a, &out, n), ST_OK);
	assert_true(*n > 0);
	return out;
}

static void assert_same_sums(struct store_table_sum *a, size_t na, struct store_table_sum *b,
                             size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_string_equal(a[i].table, b[i].table);
		if (a[i].rows != b[i].rows || strcmp(a[i].checksum, b[i].checksum))
			fail_msg("table %s differs: %lld rows vs %lld", a[i].table, (long long)a[i].rows,
			         (long long)b[i].rows);
	}
}

/* Runs sql on target through the backend's own client, for the tables
 * the store has no operation for yet. */
static void raw_sql(const char *target, const char *sql)
{
	if (!strncmp(target, "postgresql://", 13)) {
		PGconn *c = PQconnectdb(target);
		if (PQstatus(c) != CONNECTION_OK) fail_msg("connect: %s", PQerrorMessage(c));
		PGresult *r = PQexec(c, sql);
		bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
		if (!ok) fprintf(stderr, "%s: %s", sql, PQerrorMessage(c));
		PQclear(r);
		PQfinish(c);
		assert_true(ok);
		return;
	}
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(target, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) fprintf(stderr, "%s: %s\n", sql, err ? err : "?");
	sqlite3_free(err);
	sqlite3_close(db);
	assert_int_equal(rc, SQLITE_OK);
}

static void add_reflection(struct store_fx *f, int64_t meeting, int64_t user, int felt_heard)
{
	char who[32];
	if (user) snprintf(who, sizeof who, "%lld", (long long)user);
	else snprintf(who, sizeof who, "NULL");
	raw_sql(f->target, arena_printf(&f->a,
		"INSERT INTO reflections (meeting_id, user_id, felt_heard, info_in_time, felt_safe, "
		"should_change) VALUES (%lld, %s, %d, 'yes', 'partly', 'More tea, and ''quiet'' "
		"breaks')", (long long)meeting, who, felt_heard));
}

/* ---- projects ---- */

static void projects_create_get_update(void **state)
{
	struct store_fx *f = *state;
	int64_t u = make_user(f, "Pat Project"), u2 = make_user(f, "Quin Second");
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	struct project in = { .panel_id = p, .title = "Bus routes", .purpose = "Shape them",
	                      .decision_maker = "The council", .stage = STAGE_DESIGN };
	int64_t a = 0;
	assert_int_equal(store_project_create(f->s, &in, u, T0 + 1, &a), ST_OK);

	struct project g;
	assert_int_equal(store_project_get(f->s, p, a, &f->a, &g), ST_OK);
	assert_int_equal(g.id, a);
	assert_int_equal(g.panel_id, p);
	assert_string_equal(g.title, "Bus routes");
	assert_string_equal(g.purpose, "Shape them");
	assert_string_equal(g.decision_maker, "The council");
	assert_string_equal(g.closing_reflection, "");
	assert_int_equal(g.stage, STAGE_DESIGN);
	assert_int_equal(g.closed_at, 0);
	assert_int_equal(g.created_at, T0 + 1);
	assert_int_equal(g.updated_at, T0 + 1);
	assert_int_equal(g.version, 1);

	/* another panel's, or no such project */
	struct project miss;
	assert_int_equal(store_project_get(f->s, q, a, &f->a, &miss), ST_NOT_FOUND);
	assert_int_equal(store_project_get(f->s, p, a + 1000, &f->a, &miss), ST_NOT_FOUND);

	struct project up = g;
	up.title = "Bus routes, again";
	up.stage = STAGE_EVALUATION;
	up.closing_reflection = "We learnt to ask *first*.";
	up.closed_at = T0 + 50;
	assert_int_equal(store_project_update(f->s, &up, T0 + 60), ST_OK);
	assert_int_equal(store_project_get(f->s, p, a, &f->a, &g), ST_OK);
	assert_string_equal(g.title, "Bus routes, again");
	assert_int_equal(g.stage, STAGE_EVALUATION);
	assert_string_equal(g.closing_reflection, "We learnt to ask *first*.");
	assert_int_equal(g.closed_at, T0 + 50);
	assert_int_equal(g.created_at, T0 + 1);
	assert_int_equal(g.updated_at, T0 + 60);
	assert_int_equal(g.version, 2);

	/* a stale version changes nothing */
	struct project stale = up; /* still at version 1 */
	stale.title = "Lost edit";
	assert_int_equal(store_project_update(f->s, &stale, T0 + 70), ST_CONFLICT);
	assert_int_equal(store_project_get(f->s, p, a, &f->a, &g), ST_OK);
	assert_string_equal(g.title, "Bus routes, again");
	assert_int_equal(g.version, 2);
	assert_int_equal(g.updated_at, T0 + 60);
	stale.id = a + 1000;
	assert_int_equal(store_project_update(f->s, &stale, T0 + 70), ST_NOT_FOUND);

	/* newest first, only the panel's */
	int64_t b = make_project(f, p, "Benches", u, T0 + 2);
	int64_t c = make_project(f, q, "Elsewhere", u, T0 + 3);
	struct project *list;
	size_t n = 0;
	assert_int_equal(store_projects_list(f->s, p, &f->a, &list, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, b);
	assert_int_equal(list[1].id, a);
	assert_string_equal(list[1].title, "Bus routes, again");
	assert_int_equal(store_projects_list(f->s, q, &f->a, &list, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, c);

	/* rungs: stage order (shaping, design, delivery, evaluation), not the
	 * keys' alphabetical order (delivery, design, evaluation, shaping) */
	struct project_rung *r;
	assert_int_equal(store_project_rungs(f->s, a, &f->a, &r, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_project_rung_set(f->s, a, STAGE_EVALUATION, 5, "ev five", u, T0 + 10),
	                 ST_OK);
	assert_int_equal(store_project_rung_set(f->s, a, STAGE_SHAPING, 2, "ev two", u, T0 + 11),
	                 ST_OK);
	assert_int_equal(store_project_rung_set(f->s, a, STAGE_DELIVERY, 4, "ev four", u, T0 + 12),
	                 ST_OK);
	assert_int_equal(store_project_rungs(f->s, a, &f->a, &r, &n), ST_OK);
	assert_int_equal(n, 3); /* design not recorded: absent */
	assert_int_equal(r[0].stage, STAGE_SHAPING);
	assert_int_equal(r[1].stage, STAGE_DELIVERY);
	assert_int_equal(r[2].stage, STAGE_EVALUATION);
	assert_int_equal(store_project_rung_set(f->s, a, STAGE_DESIGN, 3, "ev three", 0, T0 + 13),
	                 ST_OK);
	assert_int_equal(store_project_rungs(f->s, a, &f->a, &r, &n), ST_OK);
	assert_int_equal(n, 4);
	static const enum project_stage order[] = { STAGE_SHAPING, STAGE_DESIGN, STAGE_DELIVERY,
	                                            STAGE_EVALUATION };
	static const int rungs[] = { 2, 3, 4, 5 };
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(r[i].stage, order[i]);
		assert_int_equal(r[i].rung, rungs[i]);
	}
	assert_string_equal(r[0].evidence, "ev two");
	assert_string_equal(r[0].recorded_by_name, "Pat Project");
	assert_int_equal(r[0].recorded_at, T0 + 11);
	assert_string_equal(r[1].recorded_by_name, ""); /* recorded by nobody in particular */

	/* setting a stage again overwrites it */
	assert_int_equal(store_project_rung_set(f->s, a, STAGE_SHAPING, 6, "better now", u2, T0 + 20),
	                 ST_OK);
	assert_int_equal(store_project_rungs(f->s, a, &f->a, &r, &n), ST_OK);
	assert_int_equal(n, 4);
	assert_int_equal(r[0].stage, STAGE_SHAPING);
	assert_int_equal(r[0].rung, 6);
	assert_string_equal(r[0].evidence, "better now");
	assert_string_equal(r[0].recorded_by_name, "Quin Second");
	assert_int_equal(r[0].recorded_at, T0 + 20);
	assert_int_equal(r[3].rung, 5);

	/* another project's rungs are its own */
	assert_int_equal(store_project_rungs(f->s, b, &f->a, &r, &n), ST_OK);
	assert_int_equal(n, 0);
}

/* ---- meetings ---- */

static void meetings_create_get_update(void **state)
{
	struct store_fx *f = *state;
	int64_t u = make_user(f, "Mo Meeting");
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	int64_t x = make_project(f, p, "Transport", u, T0);
	struct meeting in = { .panel_id = p, .project_id = x, .title = "March meeting",
	                      .place = "Town hall", .place_access = "Step-free; hearing loop",
	                      .online_url = "https://meet.example/1",
	                      .starts_at = T0 + 10 * DAY, .ends_at = T0 + 10 * DAY + 7200,
	                      .agenda_due_at = T0 + 3 * DAY };
	int64_t m = 0;
	assert_int_equal(store_meeting_create(f->s, &in, u, T0 + 5, &m), ST_OK);

	struct meeting g;
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &g), ST_OK);
	assert_int_equal(g.id, m);
	assert_int_equal(g.panel_id, p);
	assert_int_equal(g.project_id, x);
	assert_string_equal(g.project_title, "Transport");
	assert_string_equal(g.title, "March meeting");
	assert_string_equal(g.place, "Town hall");
	assert_string_equal(g.place_access, "Step-free; hearing loop");
	assert_string_equal(g.online_url, "https://meet.example/1");
	assert_string_equal(g.what_we_will_change, "");
	assert_int_equal(g.starts_at, T0 + 10 * DAY);
	assert_int_equal(g.ends_at, T0 + 10 * DAY + 7200);
	assert_int_equal(g.agenda_due_at, T0 + 3 * DAY);
	assert_int_equal(g.agenda_published_at, 0);
	assert_int_equal(g.cancelled_at, 0);
	assert_int_equal(g.created_at, T0 + 5);
	assert_int_equal(g.updated_at, T0 + 5);
	assert_int_equal(g.version, 1);

	struct meeting miss;
	assert_int_equal(store_meeting_get(f->s, q, m, &f->a, &miss), ST_NOT_FOUND);
	assert_int_equal(store_meeting_get(f->s, p, m + 1000, &f->a, &miss), ST_NOT_FOUND);

	struct meeting up = g;
	up.project_id = 0;
	up.title = "March meeting (moved)";
	up.starts_at = T0 + 11 * DAY;
	up.ends_at = T0 + 11 * DAY + 3600;
	up.place = "Library";
	up.cancelled_at = T0 + 7;
	assert_int_equal(store_meeting_update(f->s, &up, T0 + 6), ST_OK);
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &g), ST_OK);
	assert_int_equal(g.project_id, 0);
	assert_string_equal(g.project_title, "");
	assert_string_equal(g.title, "March meeting (moved)");
	assert_string_equal(g.place, "Library");
	assert_int_equal(g.starts_at, T0 + 11 * DAY);
	assert_int_equal(g.ends_at, T0 + 11 * DAY + 3600);
	assert_int_equal(g.cancelled_at, T0 + 7);
	assert_int_equal(g.agenda_published_at, 0);
	assert_int_equal(g.created_at, T0 + 5);
	assert_int_equal(g.updated_at, T0 + 6);
	assert_int_equal(g.version, 2);

	struct meeting stale = up; /* at version 1 */
	stale.title = "Lost edit";
	assert_int_equal(store_meeting_update(f->s, &stale, T0 + 8), ST_CONFLICT);
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &g), ST_OK);
	assert_string_equal(g.title, "March meeting (moved)");
	assert_int_equal(g.version, 2);
	stale.id = m + 1000;
	assert_int_equal(store_meeting_update(f->s, &stale, T0 + 8), ST_NOT_FOUND);

	assert_int_equal(store_meeting_what_we_will_change(f->s, p, m, "Longer breaks", "n", "/l", 0, T0 + 9), ST_OK);
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &g), ST_OK);
	assert_string_equal(g.what_we_will_change, "Longer breaks");
	assert_int_equal(g.version, 3);
	assert_int_equal(g.updated_at, T0 + 9);
	assert_int_equal(store_meeting_what_we_will_change(f->s, p, m + 1000, "x", "n", "/l", 0, T0 + 9),
	                 ST_NOT_FOUND);
}

static void meetings_lists_and_guests(void **state)
{
	struct store_fx *f = *state;
	int64_t u = make_user(f, "Mo"), guest = make_user(f, "Gil Guest"),
	        other = make_user(f, "Oli Other");
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	join(f, p, guest, ROLE_GUEST, MEMBER_ACTIVE);
	int64_t x = make_project(f, p, "Transport", u, T0);
	/* made out of start order, so that the list's order shows */
	int64_t m1 = make_meeting(f, p, x, "Third", T0 + 30 * DAY);
	int64_t m2 = make_meeting(f, p, 0, "First", T0 + 10 * DAY);
	int64_t m3 = make_meeting(f, p, x, "Second", T0 + 20 * DAY);
	int64_t m4 = make_meeting(f, q, 0, "Elsewhere", T0 + 15 * DAY);

	struct meeting *l;
	size_t n = 0;
	assert_int_equal(store_meetings_list(f->s, p, 0, 0, false, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(l[0].id, m2);
	assert_int_equal(l[1].id, m3);
	assert_int_equal(l[2].id, m1);
	assert_string_equal(l[1].project_title, "Transport");
	assert_string_equal(l[0].project_title, "");

	assert_int_equal(store_meetings_list(f->s, p, x, 0, false, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].id, m3);
	assert_int_equal(l[1].id, m1);

	/* a guest of none sees none */
	assert_int_equal(store_meetings_list(f->s, p, 0, guest, true, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_false(store_meeting_invited(f->s, m1, guest));

	assert_int_equal(store_meeting_guest_set(f->s, m1, guest, true, T0 + 1, NULL), ST_OK);
	assert_int_equal(store_meeting_guest_set(f->s, m1, guest, true, T0 + 2, NULL), ST_OK); /* again */
	assert_int_equal(store_meeting_guest_set(f->s, m4, guest, true, T0 + 1, NULL), ST_OK);
	assert_int_equal(store_meeting_guest_set(f->s, m2, other, true, T0 + 1, NULL), ST_OK);
	assert_true(store_meeting_invited(f->s, m1, guest));
	assert_false(store_meeting_invited(f->s, m2, guest));
	assert_false(store_meeting_invited(f->s, m3, guest));
	assert_true(store_meeting_invited(f->s, m4, guest));
	assert_false(store_meeting_invited(f->s, m1, other));

	assert_int_equal(store_meetings_list(f->s, p, 0, guest, true, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, 1); /* m1 only: m4 is another panel's, m2 another guest's */
	assert_int_equal(l[0].id, m1);
	assert_int_equal(store_meetings_list(f->s, p, x, guest, true, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].id, m1);
	assert_int_equal(store_meetings_list(f->s, q, 0, guest, true, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].id, m4);
	/* not invited_only: the user does not narrow it */
	assert_int_equal(store_meetings_list(f->s, p, 0, guest, false, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, 3);

	assert_int_equal(store_meeting_guest_set(f->s, m1, guest, false, T0 + 3, NULL), ST_OK);
	assert_int_equal(store_meeting_guest_set(f->s, m1, guest, false, T0 + 3, NULL), ST_OK); /* again */
	assert_false(store_meeting_invited(f->s, m1, guest));
	assert_true(store_meeting_invited(f->s, m4, guest));
	assert_int_equal(store_meetings_list(f->s, p, 0, guest, true, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, 0);
}

static const struct meeting_person *person(const struct meeting_person *p, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].user_id == id) return &p[i];
	return NULL;
}

static void meeting_replies_and_people(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel");
	int64_t s = make_user(f, "Ann Steward"), c = make_user(f, "Ben Cocreator"),
	        quiet = make_user(f, "Cat Quiet"), g = make_user(f, "Dan Guest"),
	        g2 = make_user(f, "Eve Guest"), paused = make_user(f, "Fay Paused"),
	        removed = make_user(f, "Gus Removed"), outsider = make_user(f, "Hal Outsider"),
	        g3 = make_user(f, "Ida Guest");
	join(f, p, s, ROLE_STEWARD, MEMBER_ACTIVE);
	join(f, p, c, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	join(f, p, quiet, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	join(f, p, g, ROLE_GUEST, MEMBER_ACTIVE);
	join(f, p, g2, ROLE_GUEST, MEMBER_ACTIVE);
	join(f, p, paused, ROLE_CO_CREATOR, MEMBER_PAUSED);
	join(f, p, removed, ROLE_CO_CREATOR, MEMBER_REMOVED);
	join(f, p, g3, ROLE_GUEST, MEMBER_ACTIVE);
	int64_t m = make_meeting(f, p, 0, "One", T0 + 10 * DAY);
	int64_t m2 = make_meeting(f, p, 0, "Two", T0 + 20 * DAY);

	enum meeting_reply reply = REPLY_COMING;
	bool attended = true;
	assert_int_equal(store_meeting_mine(f->s, m, c, &reply, &attended), ST_OK);
	assert_int_equal(reply, REPLY_NONE);
	assert_false(attended);

	/* replies and attendance are upserts of one row */
	assert_int_equal(store_meeting_reply(f->s, m, c, REPLY_COMING, T0 + 1), ST_OK);
	assert_int_equal(store_meeting_mine(f->s, m, c, &reply, &attended), ST_OK);
	assert_int_equal(reply, REPLY_COMING);
	assert_false(attended);
	assert_int_equal(store_meeting_reply(f->s, m, c, REPLY_MAYBE, T0 + 2), ST_OK);
	assert_int_equal(store_meeting_mine(f->s, m, c, &reply, &attended), ST_OK);
	assert_int_equal(reply, REPLY_MAYBE);
	assert_int_equal(store_meeting_attended(f->s, m, c, true, T0 + 3), ST_OK);
	assert_int_equal(store_meeting_mine(f->s, m, c, &reply, &attended), ST_OK);
	assert_int_equal(reply, REPLY_MAYBE); /* attendance keeps the reply */
	assert_true(attended);
	assert_int_equal(store_meeting_reply(f->s, m, c, REPLY_MAYBE, T0 + 4), ST_OK);
	assert_int_equal(store_meeting_mine(f->s, m, c, &reply, &attended), ST_OK);
	assert_true(attended); /* and a reply keeps the attendance */

	/* attendance without a reply */
	assert_int_equal(store_meeting_attended(f->s, m, s, true, T0 + 5), ST_OK);
	assert_int_equal(store_meeting_mine(f->s, m, s, &reply, &attended), ST_OK);
	assert_int_equal(reply, REPLY_NONE);
	assert_true(attended);
	assert_int_equal(store_meeting_guest_set(f->s, m, g, true, T0, NULL), ST_OK);
	assert_int_equal(store_meeting_attended(f->s, m, g, true, T0 + 5), ST_OK);
	assert_int_equal(store_meeting_attended(f->s, m, g, false, T0 + 6), ST_OK);
	assert_int_equal(store_meeting_mine(f->s, m, g, &reply, &attended), ST_OK);
	assert_false(attended);
	assert_int_equal(store_meeting_guest_set(f->s, m, g3, true, T0, NULL), ST_OK);

	/* those who are not active members of the panel */
	assert_int_equal(store_meeting_reply(f->s, m, paused, REPLY_COMING, T0 + 7), ST_OK);
	assert_int_equal(store_meeting_guest_set(f->s, m, removed, true, T0, NULL), ST_OK);
	assert_int_equal(store_meeting_reply(f->s, m, removed, REPLY_COMING, T0 + 7), ST_OK);
	assert_int_equal(store_meeting_reply(f->s, m, outsider, REPLY_COMING, T0 + 7), ST_OK);

	/* another meeting's replies are its own */
	assert_int_equal(store_meeting_reply(f->s, m2, c, REPLY_NOT_COMING, T0 + 8), ST_OK);
	assert_int_equal(store_meeting_mine(f->s, m2, c, &reply, &attended), ST_OK);
	assert_int_equal(reply, REPLY_NOT_COMING);
	assert_false(attended);
	assert_int_equal(store_meeting_mine(f->s, m, c, &reply, &attended), ST_OK);
	assert_int_equal(reply, REPLY_MAYBE);

	/* Who replied or is an invited guest, active members only, by name:
	 * Ann (attended, no reply), Ben (maybe, attended), Dan (invited,
	 * recorded absent), Ida (invited, nothing recorded). Not Cat or Eve
	 * (no reply, not invited), Fay (paused), Gus (removed), Hal (not a
	 * member). */
	struct meeting_person *pp;
	size_t n = 0;
	assert_int_equal(store_meeting_people(f->s, p, m, &f->a, &pp, &n), ST_OK);
	assert_int_equal(n, 4);
	assert_int_equal(pp[0].user_id, s);
	assert_int_equal(pp[1].user_id, c);
	assert_int_equal(pp[2].user_id, g);
	assert_int_equal(pp[3].user_id, g3);
	assert_string_equal(pp[0].display_name, "Ann Steward");
	assert_int_equal(pp[0].role, ROLE_STEWARD);
	assert_int_equal(pp[0].reply, REPLY_NONE);
	assert_int_equal(pp[0].attended, 1);
	assert_int_equal(pp[1].role, ROLE_CO_CREATOR);
	assert_int_equal(pp[1].reply, REPLY_MAYBE);
	assert_int_equal(pp[1].attended, 1);
	assert_int_equal(pp[2].role, ROLE_GUEST);
	assert_int_equal(pp[2].reply, REPLY_NONE);
	assert_int_equal(pp[2].attended, 0);
	assert_int_equal(pp[3].reply, REPLY_NONE);
	assert_int_equal(pp[3].attended, -1);
	assert_null(person(pp, n, quiet));
	assert_null(person(pp, n, g2));

	assert_int_equal(store_meeting_people(f->s, p, m2, &f->a, &pp, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(pp[0].user_id, c);
	assert_int_equal(pp[0].reply, REPLY_NOT_COMING);
	assert_int_equal(pp[0].attended, -1);

	/* another panel's people are not this meeting's */
	int64_t q = make_panel(f, "Other panel");
	assert_int_equal(store_meeting_people(f->s, q, m, &f->a, &pp, &n), ST_OK);
	assert_int_equal(n, 0);
}

/* ---- agenda ---- */

static void check_order(const struct agenda_item *it, size_t n, const int64_t *want, size_t nw)
{
	assert_int_equal(n, nw);
	for (size_t i = 0; i < n; i++)
		if (it[i].id != want[i])
			fail_msg("agenda position %zu: item %lld, expected %lld", i, (long long)it[i].id,
			         (long long)want[i]);
}

static void agenda_propose_support_publish(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel");
	int64_t a = make_user(f, "Ann"), b = make_user(f, "Ben"), c = make_user(f, "Cat"),
	        d = make_user(f, "Dee");
	int64_t m = make_meeting(f, p, 0, "One", T0 + 10 * DAY);
	int64_t m2 = make_meeting(f, p, 0, "Two", T0 + 20 * DAY);

	int64_t i1, i2, i3, i4, i5, j;
	assert_int_equal(store_agenda_propose(f->s, m, "Buses", "They are late", "", a, T0 + 1, &i1),
	                 ST_OK);
	assert_int_equal(store_agenda_propose(f->s, m, "Benches", "", NULL, b, T0 + 2, &i2), ST_OK);
	assert_int_equal(store_agenda_propose(f->s, m, "Loneliness", "Many of us", "Talks of grief",
	                                      c, T0 + 3, &i3), ST_OK);
	assert_int_equal(store_agenda_propose(f->s, m, "Parking", NULL, NULL, a, T0 + 4, &i4), ST_OK);
	assert_int_equal(store_agenda_propose(f->s, m, "Litter", "", "", d, T0 + 5, &i5), ST_OK);
	assert_int_equal(store_agenda_propose(f->s, m2, "Elsewhere", "", "", a, T0 + 6, &j), ST_OK);

	/* support: i5 by 4, i2 by 3, i4 by 2, i3 by 1, i1 by none */
	int64_t i5_by[] = { a, b, c, d }, i2_by[] = { a, b, d }, i4_by[] = { a, b };
	for (size_t k = 0; k < 4; k++)
		assert_int_equal(store_agenda_support(f->s, i5, i5_by[k], true, T0 + 10), ST_OK);
	for (size_t k = 0; k < 3; k++)
		assert_int_equal(store_agenda_support(f->s, i2, i2_by[k], true, T0 + 10), ST_OK);
	for (size_t k = 0; k < 2; k++)
		assert_int_equal(store_agenda_support(f->s, i4, i4_by[k], true, T0 + 10), ST_OK);
	assert_int_equal(store_agenda_support(f->s, i3, a, true, T0 + 10), ST_OK);
	/* idempotent both ways */
	assert_int_equal(store_agenda_support(f->s, i2, d, true, T0 + 11), ST_OK);
	assert_int_equal(store_agenda_support(f->s, i2, c, true, T0 + 11), ST_OK);
	assert_int_equal(store_agenda_support(f->s, i2, c, false, T0 + 12), ST_OK);
	assert_int_equal(store_agenda_support(f->s, i2, c, false, T0 + 13), ST_OK);
	assert_int_equal(store_agenda_support(f->s, i1, c, false, T0 + 13), ST_OK);

	/* step out: d of i3 (twice), b on and off */
	assert_int_equal(store_agenda_step_out(f->s, i3, d, true, T0 + 14), ST_OK);
	assert_int_equal(store_agenda_step_out(f->s, i3, d, true, T0 + 15), ST_OK);
	assert_int_equal(store_agenda_step_out(f->s, i3, b, true, T0 + 15), ST_OK);
	assert_int_equal(store_agenda_step_out(f->s, i3, b, false, T0 + 16), ST_OK);
	const char **names;
	size_t nn = 0;
	assert_int_equal(store_agenda_step_out_names(f->s, i3, &f->a, &names, &nn), ST_OK);
	assert_int_equal(nn, 1);
	assert_string_equal(names[0], "Dee");
	assert_int_equal(store_agenda_step_out_names(f->s, i1, &f->a, &names, &nn), ST_OK);
	assert_int_equal(nn, 0);

	/* before publishing, all proposed: by support, most first */
	struct agenda_item *it;
	size_t n = 0;
	assert_int_equal(store_agenda_items(f->s, m, a, &f->a, &it, &n), ST_OK);
	int64_t before[] = { i5, i2, i4, i3, i1 };
	check_order(it, n, before, 5);
	int64_t supporters[] = { 4, 3, 2, 1, 0 };
	bool a_supports[] = { true, true, true, true, false };
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(it[k].supporters, supporters[k]);
		assert_int_equal(it[k].i_support, a_supports[k]);
		assert_int_equal(it[k].state, ITEM_PROPOSED);
		assert_false(it[k].i_step_out);
		assert_int_equal(it[k].step_outs, it[k].id == i3 ? 1 : 0);
	}
	assert_int_equal(store_agenda_items(f->s, m, d, &f->a, &it, &n), ST_OK);
	bool d_supports[] = { true, true, false, false, false };
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(it[k].i_support, d_supports[k]);
		assert_int_equal(it[k].i_step_out, it[k].id == i3);
	}
	assert_int_equal(store_agenda_items(f->s, m, c, &f->a, &it, &n), ST_OK);
	for (size_t k = 0; k < n; k++) assert_int_equal(it[k].i_support, it[k].id == i5);

	struct agenda_item one;
	assert_int_equal(store_agenda_item_get(f->s, m, i3, d, &f->a, &one), ST_OK);
	assert_int_equal(one.id, i3);
	assert_int_equal(one.meeting_id, m);
	assert_int_equal(one.proposed_by, c);
	assert_string_equal(one.proposer_name, "Cat");
	assert_string_equal(one.title, "Loneliness");
	assert_string_equal(one.why, "Many of us");
	assert_string_equal(one.content_note, "Talks of grief");
	assert_string_equal(one.not_taken_reason, "");
	assert_int_equal(one.state, ITEM_PROPOSED);
	assert_int_equal(one.position, 0);
	assert_int_equal(one.supporters, 1);
	assert_int_equal(one.step_outs, 1);
	assert_int_equal(one.proposed_at, T0 + 3);
	assert_int_equal(one.version, 1);
	assert_false(one.i_support);
	assert_true(one.i_step_out);
	assert_int_equal(store_agenda_item_get(f->s, m2, i3, d, &f->a, &one), ST_NOT_FOUND);
	assert_int_equal(store_agenda_item_get(f->s, m, i2, 0, &f->a, &one), ST_OK);
	assert_string_equal(one.why, "");
	assert_string_equal(one.content_note, "");

	struct meeting mt;
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &mt), ST_OK);
	int64_t meeting_version = mt.version;

	/* one item of another meeting: nothing at all changes */
	size_t nb, na;
	struct store_table_sum *sb = sums(f, f->s, &nb);
	struct agenda_decision bad[] = {
		{ i1, ITEM_AGREED, 2, NULL },
		{ i3, ITEM_AGREED, 1, NULL },
		{ j, ITEM_AGREED, 3, NULL },
	};
	assert_int_equal(store_agenda_publish(f->s, m, bad, 3, T0 + 50), ST_NOT_FOUND);
	struct store_table_sum *sa = sums(f, f->s, &na);
	assert_same_sums(sb, nb, sa, na);
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &mt), ST_OK);
	assert_int_equal(mt.agenda_published_at, 0);
	assert_int_equal(mt.version, meeting_version);
	assert_int_equal(store_agenda_item_get(f->s, m, i1, a, &f->a, &one), ST_OK);
	assert_int_equal(one.state, ITEM_PROPOSED);
	assert_int_equal(one.position, 0);
	assert_int_equal(one.version, 1);
	assert_int_equal(store_agenda_item_get(f->s, m2, j, a, &f->a, &one), ST_OK);
	assert_int_equal(one.state, ITEM_PROPOSED);
	assert_int_equal(one.version, 1);
	assert_int_equal(store_agenda_items(f->s, m, a, &f->a, &it, &n), ST_OK);
	check_order(it, n, before, 5);

	/* Positions chosen so that agenda order (i3, i1, i2) differs from
	 * support order (i2, i3, i1) and from id order (i1, i2, i3). */
	struct agenda_decision good[] = {
		{ i2, ITEM_AGREED, 3, NULL },
		{ i3, ITEM_AGREED, 1, "" },
		{ i1, ITEM_AGREED, 2, NULL },
		{ i5, ITEM_NOT_TAKEN, 0, "Covered last month" },
	};
	assert_int_equal(store_agenda_publish(f->s, m, good, 4, T0 + 60), ST_OK);
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &mt), ST_OK);
	assert_int_equal(mt.agenda_published_at, T0 + 60);
	assert_int_equal(mt.version, meeting_version + 1);
	assert_int_equal(store_agenda_items(f->s, m, a, &f->a, &it, &n), ST_OK);
	/* agreed by position, then the proposed i4, then the not taken i5
	 * (though it has the most support) */
	int64_t after[] = { i3, i1, i2, i4, i5 };
	check_order(it, n, after, 5);
	enum item_state states[] = { ITEM_AGREED, ITEM_AGREED, ITEM_AGREED, ITEM_PROPOSED,
	                             ITEM_NOT_TAKEN };
	int64_t positions[] = { 1, 2, 3, 0, 0 }, versions[] = { 2, 2, 2, 1, 2 };
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(it[k].state, states[k]);
		assert_int_equal(it[k].position, positions[k]);
		assert_int_equal(it[k].version, versions[k]);
	}
	assert_string_equal(it[4].not_taken_reason, "Covered last month");
	assert_int_equal(it[4].supporters, 4); /* support stays */
	assert_string_equal(it[0].not_taken_reason, "");
	/* the other meeting's item is untouched */
	assert_int_equal(store_agenda_item_get(f->s, m2, j, a, &f->a, &one), ST_OK);
	assert_int_equal(one.state, ITEM_PROPOSED);
	assert_int_equal(one.version, 1);
	/* Published once: a second publish and a late proposal change nothing,
	 * decided in their own statements. */
	assert_int_equal(store_agenda_publish(f->s, m, good, 4, T0 + 70), ST_CONFLICT);
	int64_t late;
	assert_int_equal(store_agenda_propose(f->s, m, "Late", "", "", a, T0 + 70, &late),
	                 ST_CONFLICT);
	/* Nor once the meeting has begun, published or not. */
	assert_int_equal(store_agenda_propose(f->s, m2, "Too late", "", "", a, T0 + 20 * DAY, &late),
	                 ST_CONFLICT);
	assert_int_equal(store_agenda_items(f->s, m, a, &f->a, &it, &n), ST_OK);
	assert_int_equal(n, 5);
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &mt), ST_OK);
	assert_int_equal(mt.agenda_published_at, T0 + 60);
}

/* ---- contributions and the anonymity rule ---- */

struct said {
	int64_t id, author;
	enum attribution attr;
	const char *author_name;
};

static const struct said *said_by_id(const struct said *e, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].id == id) return &e[i];
	fail_msg("contribution %lld was not made by this test", (long long)id);
	return NULL;
}

/* The rule of store.h, for one contribution as viewer sees it. */
static void check_seen(const struct contribution *c, const struct said *e, int64_t viewer)
{
	bool mine = viewer != 0 && viewer == e->author;
	if (c->mine != mine)
		fail_msg("contribution %lld, viewer %lld: mine %d", (long long)c->id,
		         (long long)viewer, c->mine);
	assert_int_equal(c->attribution, e->attr);
	if (e->attr == ATTR_NAMED) {
		assert_int_equal(c->author_id, e->author);
		assert_string_equal(c->author_name, e->author_name);
	} else {
		if (c->author_id != (mine ? e->author : 0))
			fail_msg("contribution %lld (%s), viewer %lld: author_id %lld shown",
			         (long long)c->id, attribution_key(e->attr), (long long)viewer,
			         (long long)c->author_id);
		assert_string_equal(c->author_name, "");
	}
	assert_string_equal(c->group_name, e->attr == ATTR_GROUP ? "Carers' group" : "");
}

static void check_list(struct store_fx *f, enum contribution_scope scope, int64_t key, int64_t viewer,
                       const struct said *e, size_t ne)
{
	struct contribution *c;
	size_t n = 0;
	assert_int_equal(store_contributions_list(f->s, scope, key, viewer, 0, 100, &f->a, &c, &n),
	                 ST_OK);
	if (n != ne) fail_msg("scope %d key %lld viewer %lld: %zu rows, expected %zu", (int)scope,
	                      (long long)key, (long long)viewer, n, ne);
	for (size_t i = 0; i < n; i++) check_seen(&c[i], said_by_id(e, ne, c[i].id), viewer);
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++) assert_true(c[i].id != c[k].id);
}

/* The ids a CS_AUTHOR list gives viewer, whatever key is passed. */
static void check_author_list(struct store_fx *f, int64_t viewer, int64_t key, const struct said *e,
                              size_t ne)
{
	struct contribution *c;
	size_t n = 0;
	assert_int_equal(store_contributions_list(f->s, CS_AUTHOR, key, viewer, 0, 100, &f->a, &c,
	                                          &n), ST_OK);
	size_t want = 0;
	for (size_t i = 0; i < ne; i++) want += viewer != 0 && e[i].author == viewer;
	if (n != want) fail_msg("CS_AUTHOR viewer %lld key %lld: %zu rows, expected %zu",
	                        (long long)viewer, (long long)key, n, want);
	for (size_t i = 0; i < n; i++) {
		const struct said *s = said_by_id(e, ne, c[i].id);
		assert_int_equal(s->author, viewer);
		assert_true(c[i].mine);
		assert_int_equal(c[i].author_id, viewer);
		check_seen(&c[i], s, viewer);
	}
}

static void anonymity_rule_everywhere(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	int64_t a = make_user(f, "Ada Author"), v = make_user(f, "Vic Viewer"),
	        s = make_user(f, "Sam Steward"), r = make_user(f, "Rae Recorder");
	join(f, p, a, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	join(f, p, v, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	join(f, p, s, ROLE_STEWARD, MEMBER_ACTIVE);
	join(f, p, r, ROLE_STEWARD, MEMBER_ACTIVE);
	int64_t x = make_project(f, p, "Transport", s, T0);
	int64_t m = make_meeting(f, p, x, "One", T0 + DAY);

	struct said e[] = {
		{ 0, a, ATTR_ANONYMOUS, "Ada Author" },
		{ 0, a, ATTR_GROUP, "Ada Author" },
		{ 0, a, ATTR_NAMED, "Ada Author" },
		{ 0, a, ATTR_ANONYMOUS, "Ada Author" }, /* recorded by r for a */
		{ 0, v, ATTR_ANONYMOUS, "Vic Viewer" },
		{ 0, v, ATTR_NAMED, "Vic Viewer" },
		{ 0, 0, ATTR_ANONYMOUS, "" },            /* recorded by r, author unknown */
		{ 0, 0, ATTR_GROUP, "" },
	};
	enum { NE = sizeof e / sizeof e[0] };
	for (size_t i = 0; i < NE; i++)
		e[i].id = contribute_by(f, p, x, m, e[i].attr, e[i].author, i == 3 || i == 6 ? r : 0,
		                        s, T0 + 100 + (int64_t)i, T0 + 10 * DAY + (int64_t)i);
	/* an interim answer to two of them: the latest response is joined too */
	int64_t both[] = { e[0].id, e[1].id };
	respond(f, p, RS_RECEIVED, both, 2, s, T0 + 300);

	int64_t viewers[] = { a, v, s, r, 0 };
	for (size_t w = 0; w < sizeof viewers / sizeof viewers[0]; w++) {
		int64_t viewer = viewers[w];
		for (size_t i = 0; i < NE; i++) {
			struct contribution c = get_c(f, p, e[i].id, viewer);
			check_seen(&c, &e[i], viewer);
			assert_int_equal(c.panel_id, p);
			assert_int_equal(c.project_id, x);
			assert_int_equal(c.meeting_id, m);
			assert_string_equal(c.project_title, "Transport");
			assert_string_equal(c.meeting_title, "One");
			assert_string_equal(c.panel_name, "Panel");
			assert_int_equal(c.owner_id, s);
			assert_string_equal(c.owner_name, "Sam Steward");
			assert_int_equal(c.status, i < 2 ? RS_RECEIVED : RS_AWAITING);
		}
		struct contribution miss;
		assert_int_equal(store_contribution_get(f->s, q, e[0].id, viewer, &f->a, &miss),
		                 ST_NOT_FOUND);
		check_list(f, CS_PANEL, p, viewer, e, NE);
		check_list(f, CS_PROJECT, x, viewer, e, NE);
		check_list(f, CS_MEETING, m, viewer, e, NE);
		check_list(f, CS_OWNER_OPEN, s, viewer, e, NE);
		check_list(f, CS_PANEL_OPEN, p, viewer, e, NE);
		/* CS_AUTHOR: the viewer's own, whoever the key names */
		check_author_list(f, viewer, a, e, NE);
		check_author_list(f, viewer, v, e, NE);
		check_author_list(f, viewer, 0, e, NE);
		check_author_list(f, viewer, viewer, e, NE);
	}
}

/* Open lists: no outcome yet (an acknowledgement leaves one open), soonest
 * due first. CS_OWNER_OPEN's key is a person, so it crosses panels. */
static void open_lists_soonest_due_first(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	int64_t s = make_user(f, "Sam Steward"), t = make_user(f, "Tia Steward"),
	        a = make_user(f, "Ada Author");
	join(f, p, s, ROLE_STEWARD, MEMBER_ACTIVE);
	join(f, p, t, ROLE_STEWARD, MEMBER_ACTIVE);
	join(f, q, s, ROLE_STEWARD, MEMBER_ACTIVE);
	int64_t o1 = contribute(f, p, 0, 0, ATTR_NAMED, a, s, T0, T0 + 5 * DAY);
	int64_t o2 = contribute(f, p, 0, 0, ATTR_NAMED, a, s, T0, T0 + 2 * DAY);
	int64_t o3 = contribute(f, p, 0, 0, ATTR_NAMED, a, t, T0, T0 + 9 * DAY);
	int64_t o4 = contribute(f, p, 0, 0, ATTR_NAMED, a, s, T0, T0 + 1 * DAY);
	int64_t o5 = contribute(f, p, 0, 0, ATTR_NAMED, a, s, T0, T0 + 3 * DAY);
	int64_t o6 = contribute(f, q, 0, 0, ATTR_NAMED, a, s, T0, T0 + 4 * DAY);
	int64_t o7 = contribute(f, p, 0, 0, ATTR_NAMED, a, 0, T0, T0 + 6 * DAY);
	respond(f, p, RS_ADOPTED, &o4, 1, s, T0 + 10);   /* an outcome: no longer open */
	respond(f, p, RS_RECEIVED, &o5, 1, s, T0 + 10);  /* an acknowledgement: still open */

	struct contribution *c;
	size_t n = 0;
	assert_int_equal(store_contributions_list(f->s, CS_OWNER_OPEN, s, s, 0, 50, &f->a, &c, &n),
	                 ST_OK);
	int64_t want_s[] = { o2, o5, o6, o1 };
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) assert_int_equal(c[i].id, want_s[i]);
	assert_int_equal(store_contributions_list(f->s, CS_PANEL_OPEN, p, s, 0, 50, &f->a, &c, &n),
	                 ST_OK);
	int64_t want_p[] = { o2, o5, o1, o7, o3 };
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++) assert_int_equal(c[i].id, want_p[i]);
	assert_int_equal(store_contributions_list(f->s, CS_PANEL_OPEN, p, s, 0, 2, &f->a, &c, &n),
	                 ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(c[0].id, o2);
	assert_int_equal(c[1].id, o5);

	/* naming another owner */
	struct contribution g = get_c(f, p, o3, s);
	assert_int_equal(g.owner_id, t);
	assert_int_equal(g.version, 1);
	assert_int_equal(store_contribution_set_owner(f->s, o3, s, T0 + 20), ST_OK);
	g = get_c(f, p, o3, s);
	assert_int_equal(g.owner_id, s);
	assert_string_equal(g.owner_name, "Sam Steward");
	assert_int_equal(g.version, 2);
	assert_int_equal(store_contributions_list(f->s, CS_OWNER_OPEN, s, s, 0, 50, &f->a, &c, &n),
	                 ST_OK);
	assert_int_equal(n, 5);
	assert_int_equal(c[4].id, o3);
	assert_int_equal(store_contributions_list(f->s, CS_OWNER_OPEN, t, t, 0, 50, &f->a, &c, &n),
	                 ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_contribution_set_owner(f->s, o3, 0, T0 + 21), ST_OK);
	g = get_c(f, p, o3, s);
	assert_int_equal(g.owner_id, 0);
	assert_string_equal(g.owner_name, "");
	assert_int_equal(store_contribution_set_owner(f->s, o7 + 1000, s, T0 + 22), ST_NOT_FOUND);
}

/* ---- keyset paging ---- */

static void keyset_paging(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	int64_t a = make_user(f, "Ada Author"), b = make_user(f, "Bo Other");
	int64_t x = make_project(f, p, "Transport", a, T0), y = make_project(f, p, "Other", a, T0);
	int64_t m = make_meeting(f, p, x, "One", T0 + DAY);
	enum { N = 120 };
	int64_t ids[N];
	for (int i = 0; i < N; i++) {
		ids[i] = contribute(f, p, x, m, i % 2 ? ATTR_ANONYMOUS : ATTR_NAMED, a, 0, T0 + i,
		                    T0 + DAY);
		if (i) assert_true(ids[i] > ids[i - 1]);
		/* others between them, outside every list below */
		if (i % 12 == 0) {
			contribute(f, q, 0, 0, ATTR_NAMED, b, 0, T0 + i, T0 + DAY);
			contribute(f, p, y, 0, ATTR_NAMED, b, 0, T0 + i, T0 + DAY);
		}
	}

	/* newest first: 50, 50, 20, then none */
	struct { enum contribution_scope scope; int64_t key; } lists[] = {
		{ CS_PROJECT, x }, { CS_AUTHOR, a },
	};
	for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
		int64_t before = 0;
		int next = N - 1;
		static const size_t pages[] = { 50, 50, 20, 0 };
		for (size_t pg = 0; pg < 4; pg++) {
			struct contribution *c;
			size_t n = 99;
			assert_int_equal(store_contributions_list(f->s, lists[l].scope, lists[l].key, a,
			                                          before, 50, &f->a, &c, &n), ST_OK);
			assert_int_equal(n, pages[pg]);
			for (size_t i = 0; i < n; i++) assert_int_equal(c[i].id, ids[next--]);
			if (n) before = c[n - 1].id;
		}
		assert_int_equal(next, -1);
	}

	/* the panel's list holds the others too: all of them, once each,
	 * newest first */
	int64_t before = 0, last = INT64_MAX, seen = 0, mine = 0;
	for (;;) {
		struct contribution *c;
		size_t n = 0;
		assert_int_equal(store_contributions_list(f->s, CS_PANEL, p, a, before, 50, &f->a, &c,
		                                          &n), ST_OK);
		if (!n) break;
		assert_true(n <= 50);
		for (size_t i = 0; i < n; i++) {
			assert_true(c[i].id < last);
			last = c[i].id;
			assert_int_equal(c[i].panel_id, p);
			mine += c[i].project_id == x;
		}
		seen += (int64_t)n;
		before = c[n - 1].id;
	}
	assert_int_equal(seen, N + N / 12);
	assert_int_equal(mine, N);

	/* a meeting's list is in the order things were said, oldest first; a
	 * page is still the newest `limit` below `before` */
	struct contribution *c;
	size_t n = 0;
	assert_int_equal(store_contributions_list(f->s, CS_MEETING, m, a, 0, 200, &f->a, &c, &n),
	                 ST_OK);
	assert_int_equal(n, N);
	for (int i = 0; i < N; i++) assert_int_equal(c[i].id, ids[i]);
	before = 0;
	int top = N; /* the page below ids[top] */
	static const size_t mpages[] = { 50, 50, 20, 0 };
	for (size_t pg = 0; pg < 4; pg++) {
		assert_int_equal(store_contributions_list(f->s, CS_MEETING, m, a, before, 50, &f->a, &c,
		                                          &n), ST_OK);
		assert_int_equal(n, mpages[pg]);
		for (size_t i = 0; i < n; i++) assert_int_equal(c[i].id, ids[top - (int)n + (int)i]);
		if (n) before = c[0].id;
		top -= (int)n;
	}
	assert_int_equal(top, 0);
}

/* ---- responses and notices ---- */

static void outbox_count_to(struct store_fx *f, const char *email, int64_t *count, size_t *total)
{
	struct outbox_message *m;
	size_t n = 0;
	assert_int_equal(store_outbox_recent(f->s, 1000, &f->a, &m, &n), ST_OK);
	*count = 0;
	for (size_t i = 0; i < n; i++) *count += !strcmp(m[i].to_email, email);
	*total = n;
}

static void responses_notices_and_mail(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	const char *a_mail, *b_mail, *w_mail;
	int64_t a = user_with_email(f, "Ada Author", &a_mail),
	        b = user_with_email(f, "Bo Author", &b_mail),
	        w = user_with_email(f, "Wyn Steward", &w_mail);
	join(f, p, a, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	join(f, p, b, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	join(f, p, w, ROLE_STEWARD, MEMBER_ACTIVE);
	int64_t c1 = contribute(f, p, 0, 0, ATTR_NAMED, a, w, T0, T0 + 28 * DAY);
	int64_t c2 = contribute(f, p, 0, 0, ATTR_ANONYMOUS, a, w, T0, T0 + 28 * DAY);
	int64_t c3 = contribute(f, p, 0, 0, ATTR_NAMED, b, w, T0, T0 + 28 * DAY);
	int64_t c4 = contribute(f, p, 0, 0, ATTR_ANONYMOUS, 0, w, T0, T0 + 28 * DAY); /* no author */
	int64_t c5 = contribute(f, p, 0, 0, ATTR_NAMED, w, w, T0, T0 + 28 * DAY);     /* the writer's */
	int64_t q1 = contribute(f, q, 0, 0, ATTR_NAMED, a, 0, T0, T0 + 28 * DAY);

	/* an acknowledgement to two: status and response, no answered_at */
	int64_t ids1[] = { c1, c3 }, r1 = 0;
	assert_int_equal(respond_tagged(f, p, RS_RECEIVED, ids1, 2, w, 0, T0 + 100, "one", &r1),
	                 ST_OK);
	for (size_t i = 0; i < 2; i++) {
		struct contribution c = get_c(f, p, ids1[i], w);
		assert_int_equal(c.status, RS_RECEIVED);
		assert_int_equal(c.response_id, r1);
		assert_int_equal(c.answered_at, 0);
		assert_int_equal(c.decided_at, T0 + 100); /* 0 given: now */
		assert_string_equal(c.decided_by, "The board");
		assert_string_equal(c.what_done, "Done: one");
		assert_int_equal(c.version, 2);
	}
	assert_int_equal(get_c(f, p, c2, w).status, RS_AWAITING);
	assert_int_equal(get_c(f, p, c2, w).response_id, 0);
	assert_int_equal(store_notices_unread(f->s, a), 1);
	assert_int_equal(store_notices_unread(f->s, b), 1);
	assert_int_equal(store_notices_unread(f->s, w), 0);
	int64_t to_a, to_b, to_w;
	size_t total;
	outbox_count_to(f, a_mail, &to_a, &total);
	assert_int_equal(to_a, 1);
	outbox_count_to(f, b_mail, &to_b, &total);
	assert_int_equal(to_b, 1);
	assert_int_equal(total, 2);

	/* an outcome to four: a has two of them (one notice; no message at
	 * once, since c2 is anonymous: the notice waits for a's digest), c4
	 * has no author, c5 is the writer's own */
	int64_t ids2[] = { c1, c2, c4, c5 }, r2 = 0;
	assert_int_equal(respond_tagged(f, p, RS_ADOPTED, ids2, 4, w, 0, T0 + 200, "two", &r2),
	                 ST_OK);
	assert_true(r2 > r1);
	for (size_t i = 0; i < 4; i++) {
		struct contribution c = get_c(f, p, ids2[i], w);
		assert_int_equal(c.status, RS_ADOPTED);
		assert_int_equal(c.response_id, r2);
		assert_int_equal(c.answered_at, T0 + 200);
		assert_string_equal(c.what_done, "Done: two");
	}
	assert_int_equal(store_notices_unread(f->s, a), 2);
	assert_int_equal(store_notices_unread(f->s, b), 1);
	assert_int_equal(store_notices_unread(f->s, w), 0);
	outbox_count_to(f, a_mail, &to_a, &total);
	assert_int_equal(to_a, 1);
	outbox_count_to(f, w_mail, &to_w, &total);
	assert_int_equal(to_w, 0);
	assert_int_equal(total, 2);
	struct pending_notice *pn;
	size_t npn;
	assert_int_equal(store_notices_for_digest(f->s, a, 10, &f->a, &pn, &npn), ST_OK);
	assert_int_equal(npn, 1);
	assert_int_equal(store_notices_for_digest(f->s, b, 10, &f->a, &pn, &npn), ST_OK);
	assert_int_equal(npn, 0);

	/* a later change keeps the first answered_at */
	int64_t r3 = 0;
	assert_int_equal(respond_tagged(f, p, RS_NOT_ADOPTED, &c1, 1, w, T0 + 290, T0 + 300, "three",
	                                &r3), ST_OK);
	struct contribution g = get_c(f, p, c1, b);
	assert_int_equal(g.status, RS_NOT_ADOPTED);
	assert_int_equal(g.response_id, r3);
	assert_int_equal(g.answered_at, T0 + 200);
	assert_int_equal(g.decided_at, T0 + 290);
	assert_string_equal(g.reason, "Reason: three");
	assert_int_equal(g.version, 4);
	assert_int_equal(get_c(f, p, c2, w).status, RS_ADOPTED);

	/* history, oldest first */
	struct response_record *h;
	size_t n = 0;
	assert_int_equal(store_contribution_responses(f->s, c1, &f->a, &h, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(h[0].id, r1);
	assert_int_equal(h[1].id, r2);
	assert_int_equal(h[2].id, r3);
	assert_int_equal(h[0].status, RS_RECEIVED);
	assert_int_equal(h[1].status, RS_ADOPTED);
	assert_int_equal(h[2].status, RS_NOT_ADOPTED);
	assert_int_equal(h[0].created_at, T0 + 100);
	assert_int_equal(h[0].decided_at, T0 + 100);
	assert_int_equal(h[2].decided_at, T0 + 290);
	assert_int_equal(h[2].created_at, T0 + 300);
	assert_int_equal(h[1].panel_id, p);
	assert_int_equal(h[1].written_by, w);
	assert_string_equal(h[1].written_by_name, "Wyn Steward");
	assert_string_equal(h[1].what_done, "Done: two");
	assert_string_equal(h[2].reason, "Reason: three");
	assert_string_equal(h[2].decided_by, "The board");
	assert_string_equal(h[0].referred_to, "");
	assert_int_equal(store_contribution_responses(f->s, c4, &f->a, &h, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].id, r2);
	assert_int_equal(store_contribution_responses(f->s, q1, &f->a, &h, &n), ST_OK);
	assert_int_equal(n, 0);

	/* An id of another panel (first or last), or of nothing: nothing at all
	 * is recorded. */
	size_t nb, na;
	struct store_table_sum *sb = sums(f, f->s, &nb);
	int64_t bad1[] = { c3, q1 }, bad2[] = { q1, c3 }, bad3[] = { c3, q1 + 1000 };
	int64_t r4 = -1;
	assert_int_equal(respond_tagged(f, p, RS_UNDER_CONSIDERATION, bad1, 2, w, 0, T0 + 400,
	                                "bad", &r4), ST_NOT_FOUND);
	assert_int_equal(respond_tagged(f, p, RS_ADOPTED, bad2, 2, w, 0, T0 + 400, "bad", &r4),
	                 ST_NOT_FOUND);
	assert_int_equal(respond_tagged(f, p, RS_ADOPTED, bad3, 2, w, 0, T0 + 400, "bad", &r4),
	                 ST_NOT_FOUND);
	assert_int_equal(r4, -1);
	struct store_table_sum *sa = sums(f, f->s, &na);
	assert_same_sums(sb, nb, sa, na);
	g = get_c(f, p, c3, w);
	assert_int_equal(g.status, RS_RECEIVED);
	assert_int_equal(g.response_id, r1);
	assert_int_equal(g.answered_at, 0);
	assert_int_equal(g.version, 2);
	g = get_c(f, q, q1, a);
	assert_int_equal(g.status, RS_AWAITING);
	assert_int_equal(g.response_id, 0);
	assert_int_equal(store_contribution_responses(f->s, c3, &f->a, &h, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].id, r1);
	assert_int_equal(store_contribution_responses(f->s, q1, &f->a, &h, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_notices_unread(f->s, a), 3);
	assert_int_equal(store_notices_unread(f->s, b), 1);
	outbox_count_to(f, b_mail, &to_b, &total);
	assert_int_equal(to_b, 1);
	assert_int_equal(total, 3); /* one fewer: "two" waits for a's digest */

	/* notices: newest first; reading them is per person */
	struct notice *no;
	assert_int_equal(store_notices_list(f->s, a, 10, &f->a, &no, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_string_equal(no[0].body, "Notice three");
	assert_string_equal(no[1].body, "Notice two");
	assert_string_equal(no[2].body, "Notice one");
	assert_int_equal(no[0].created_at, T0 + 300);
	assert_int_equal(no[0].panel_id, p);
	assert_string_equal(no[0].link, arena_printf(&f->a, "/panels/%lld/contributions",
	                                             (long long)p));
	for (size_t i = 0; i < n; i++) assert_int_equal(no[i].read_at, 0);
	assert_int_equal(store_notices_list(f->s, a, 2, &f->a, &no, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(store_notices_list(f->s, w, 10, &f->a, &no, &n), ST_OK);
	assert_int_equal(n, 0);

	assert_int_equal(store_notices_mark_read(f->s, a, T0 + 500), ST_OK);
	assert_int_equal(store_notices_unread(f->s, a), 0);
	assert_int_equal(store_notices_unread(f->s, b), 1);
	assert_int_equal(store_notices_mark_read(f->s, a, T0 + 600), ST_OK); /* nothing left */
	assert_int_equal(store_notices_list(f->s, a, 10, &f->a, &no, &n), ST_OK);
	for (size_t i = 0; i < n; i++) assert_int_equal(no[i].read_at, T0 + 500);

	assert_int_equal(respond_tagged(f, p, RS_REFERRED, &c2, 1, w, 0, T0 + 700, "four", &r4),
	                 ST_OK);
	assert_int_equal(store_notices_unread(f->s, a), 1);
	assert_int_equal(store_notices_list(f->s, a, 10, &f->a, &no, &n), ST_OK);
	assert_int_equal(n, 4);
	assert_string_equal(no[0].body, "Notice four");
	assert_int_equal(no[0].read_at, 0);
	assert_int_equal(no[1].read_at, T0 + 500);
	g = get_c(f, p, c2, w);
	assert_string_equal(g.referred_to, "The council");
	assert_int_equal(g.answered_at, T0 + 200);

	/* the mail: subject and body as given, one per author per response;
	 * "four" answered only c2, said anonymously: no message at once, its
	 * notice waits for a's digest beside "two" */
	struct outbox_message *om;
	assert_int_equal(store_outbox_recent(f->s, 1, &f->a, &om, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(om[0].to_email, a_mail);
	assert_string_equal(om[0].subject, "Subject three");
	assert_string_equal(om[0].body, "Mail three");
	assert_int_equal(om[0].created_at, T0 + 300);
	assert_int_equal(store_notices_for_digest(f->s, a, 10, &f->a, &pn, &npn), ST_OK);
	assert_int_equal(npn, 2);
	assert_string_equal(pn[0].body, "Notice two");
	assert_string_equal(pn[1].body, "Notice four");
}

/* ---- influence figures ---- */

static bool is_outcome(enum response_status s)
{
	return s == RS_ADOPTED || s == RS_ADOPTED_IN_PART || s == RS_NOT_ADOPTED ||
	       s == RS_REFERRED;
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

/* The figures counted afresh from the contributions themselves (read back
 * as rows), to set against the trigger-kept ones. */
static void influence_matches_rows(struct store_fx *f, int64_t panel, int64_t project, int64_t now)
{
	struct contribution *c;
	size_t n = 0;
	assert_int_equal(store_contributions_list(f->s, CS_PANEL, panel, 0, 0, 10000, &f->a, &c, &n),
	                 ST_OK);
	struct influence want = { 0 };
	int64_t *days = arena_alloc(&f->a, (n + 1) * sizeof *days);
	size_t nd = 0;
	for (size_t i = 0; i < n; i++) {
		if (project && c[i].project_id != project) continue;
		want.contributions++;
		if (is_outcome(c[i].status)) want.answered++;
		if (c[i].status == RS_ADOPTED || c[i].status == RS_ADOPTED_IN_PART) want.adopted++;
		if (!c[i].answered_at && c[i].due_at < now) want.overdue++;
		if (c[i].answered_at) days[nd++] = (c[i].answered_at - c[i].created_at) / DAY;
	}
	qsort(days, nd, sizeof *days, cmp_i64);
	want.median_days = nd ? days[(nd - 1) / 2] : -1;
	struct influence got;
	assert_int_equal(store_influence(f->s, panel, project, now, &got), ST_OK);
	assert_int_equal(got.contributions, want.contributions);
	assert_int_equal(got.answered, want.answered);
	assert_int_equal(got.adopted, want.adopted);
	assert_int_equal(got.overdue, want.overdue);
	assert_int_equal(got.median_days, want.median_days);
}

static void check_influence(struct store_fx *f, int64_t panel, int64_t project, int64_t now,
                            int64_t contributions, int64_t answered, int64_t adopted,
                            int64_t overdue, int64_t median, int64_t reflections,
                            int64_t felt_heard_sum)
{
	struct influence got;
	assert_int_equal(store_influence(f->s, panel, project, now, &got), ST_OK);
	assert_int_equal(got.contributions, contributions);
	assert_int_equal(got.answered, answered);
	assert_int_equal(got.adopted, adopted);
	assert_int_equal(got.overdue, overdue);
	assert_int_equal(got.median_days, median);
	assert_int_equal(got.reflections, reflections);
	assert_int_equal(got.felt_heard_sum, felt_heard_sum);
	influence_matches_rows(f, panel, project, now);
}

static void influence_figures(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel"),
	        empty = make_panel(f, "Empty panel");
	int64_t w = make_user(f, "Wyn Steward"), a = make_user(f, "Ada Author");
	int64_t x = make_project(f, p, "X", w, T0), y = make_project(f, p, "Y", w, T0),
	        z = make_project(f, p, "Z, nothing said", w, T0);
	const int64_t C = T0;

	/* nothing yet */
	check_influence(f, p, 0, C, 0, 0, 0, 0, -1, 0, 0);
	check_influence(f, empty, 0, C, 0, 0, 0, 0, -1, 0, 0);

	int64_t x1 = contribute(f, p, x, 0, ATTR_NAMED, a, w, C, C + 10 * DAY);
	int64_t x2 = contribute(f, p, x, 0, ATTR_ANONYMOUS, a, w, C + 100, C + 10 * DAY);
	int64_t x3 = contribute(f, p, x, 0, ATTR_GROUP, a, w, C, C + 30 * DAY);
	int64_t x4 = contribute(f, p, x, 0, ATTR_NAMED, a, w, C, C + 2 * DAY);
	int64_t x5 = contribute(f, p, x, 0, ATTR_NAMED, 0, w, C, C + 20 * DAY);
	int64_t y1 = contribute(f, p, y, 0, ATTR_NAMED, a, w, C, C + 30 * DAY);
	int64_t y2 = contribute(f, p, y, 0, ATTR_NAMED, a, w, C, C + 3 * DAY);
	int64_t z1 = contribute(f, p, 0, 0, ATTR_NAMED, a, w, C, C + 5 * DAY);
	int64_t z2 = contribute(f, p, 0, 0, ATTR_NAMED, a, w, C, C + 40 * DAY);
	contribute(f, q, 0, 0, ATTR_NAMED, a, 0, C, C + 1 * DAY); /* q1 */
	int64_t q2 = contribute(f, q, 0, 0, ATTR_NAMED, a, 0, C, C + 9 * DAY);
	int64_t q3 = contribute(f, q, 0, 0, ATTR_NAMED, a, 0, C, C + 9 * DAY);
	/* 9 awaiting, none answered; at C + 20 days x1, x2 (due C+10d), x4
	 * (C+2d), y2 (C+3d) and z1 (C+5d) are overdue; x5 (due exactly then),
	 * x3, y1 and z2 are not */
	check_influence(f, p, 0, C + 20 * DAY, 9, 0, 0, 5, -1, 0, 0);

	/* x1 goes round: received, under consideration, adopted (its first
	 * outcome, after 3 days and 5 seconds), not adopted, adopted in part;
	 * the figures are right after every step */
	enum response_status round[] = { RS_RECEIVED, RS_UNDER_CONSIDERATION, RS_ADOPTED,
	                                 RS_NOT_ADOPTED, RS_ADOPTED_IN_PART };
	int64_t at[] = { C + 1 * DAY, C + 2 * DAY, C + 3 * DAY + 5, C + 4 * DAY, C + 5 * DAY };
	for (size_t i = 0; i < 5; i++) {
		respond(f, p, round[i], &x1, 1, w, at[i]);
		influence_matches_rows(f, p, 0, C + 20 * DAY);
		influence_matches_rows(f, p, x, C + 20 * DAY);
		influence_matches_rows(f, p, x, C + 9 * DAY);
	}
	assert_int_equal(get_c(f, p, x1, w).answered_at, C + 3 * DAY + 5);
	/* X: x1 answered and adopted (3 days); overdue x2 (C+10d), x4 (C+2d) */
	check_influence(f, p, x, C + 20 * DAY, 5, 1, 1, 2, 3, 0, 0);

	/* x2: adopted after 1.5 days (1 whole day) */
	respond(f, p, RS_ADOPTED, &x2, 1, w, C + 100 + DAY + DAY / 2);
	/* x3: not adopted after 7 days, then referred: still 7 */
	respond(f, p, RS_NOT_ADOPTED, &x3, 1, w, C + 7 * DAY);
	respond(f, p, RS_REFERRED, &x3, 1, w, C + 8 * DAY);
	/* x4: received only: still open, and overdue */
	respond(f, p, RS_RECEIVED, &x4, 1, w, C + 1 * DAY);
	assert_int_equal(get_c(f, p, x4, w).answered_at, 0);
	/* y1: referred after 10 days; y2 left awaiting */
	respond(f, p, RS_REFERRED, &y1, 1, w, C + 10 * DAY);
	/* z1: adopted a second short of a day: 0 days; z2 under consideration */
	respond(f, p, RS_ADOPTED, &z1, 1, w, C + DAY - 1);
	respond(f, p, RS_UNDER_CONSIDERATION, &z2, 1, w, C + DAY);
	/* q: q2 adopted after 2 days, q3 after 6; q1 overdue */
	respond(f, q, RS_ADOPTED, &q2, 1, w, C + 2 * DAY);
	respond(f, q, RS_ADOPTED_IN_PART, &q3, 1, w, C + 6 * DAY);

	/* reflections, counted in whole groups of five per meeting, the first
	 * by the order they came (docs/privacy.md): seven on a meeting of X
	 * (4 5 3 3 4 count, 19; 2 1 wait), five on a meeting of no project
	 * (2 2 3 1 5, 13), five in the other panel (1 each), four on a second
	 * meeting of X (none count) */
	int64_t mx = make_meeting(f, p, x, "X meeting", C + 2 * DAY);
	int64_t mx2 = make_meeting(f, p, x, "X again", C + 4 * DAY);
	int64_t mp = make_meeting(f, p, 0, "Panel meeting", C + 3 * DAY);
	int64_t mq = make_meeting(f, q, 0, "Other meeting", C + 3 * DAY);
	static const int on_mx[] = { 4, 5, 3, 3, 4, 2, 1 }, on_mp[] = { 2, 2, 3, 1, 5 };
	for (size_t i = 0; i < 7; i++) add_reflection(f, mx, i ? 0 : a, on_mx[i]);
	for (size_t i = 0; i < 5; i++) add_reflection(f, mp, 0, on_mp[i]);
	for (size_t i = 0; i < 5; i++) add_reflection(f, mq, 0, 1);
	for (size_t i = 0; i < 4; i++) add_reflection(f, mx2, 0, 5);

	/* Panel at C + 20 days: 9 contributions; with an outcome x1 (in part),
	 * x2 (adopted), x3 (referred), y1 (referred), z1 (adopted): 5; adopted
	 * x1, x2, z1: 3; open past due x4 (C+2d), y2 (C+3d): 2 (x5 is due at
	 * C+20d exactly, z2 at C+40d); days 3, 1, 7, 10, 0 → 0 1 3 7 10: 3. */
	check_influence(f, p, 0, C + 20 * DAY, 9, 5, 3, 2, 3, 10, 32);
	/* a second later x5 is overdue too */
	check_influence(f, p, 0, C + 20 * DAY + 1, 9, 5, 3, 3, 3, 10, 32);
	/* X: x1..x5; answered x1 x2 x3; adopted x1 x2; overdue x4; days 3 1 7 */
	check_influence(f, p, x, C + 20 * DAY, 5, 3, 2, 1, 3, 5, 19);
	/* Y: y1 y2; answered y1 (referred); overdue y2; days 10 */
	check_influence(f, p, y, C + 20 * DAY, 2, 1, 0, 1, 10, 0, 0);
	check_influence(f, p, z, C + 20 * DAY, 0, 0, 0, 0, -1, 0, 0);
	/* Q: q1 q2 q3; answered and adopted q2 q3; overdue q1; days 2, 6: the
	 * lower middle, 2 */
	check_influence(f, q, 0, C + 20 * DAY, 3, 2, 2, 1, 2, 5, 5);
	/* before anything was due */
	check_influence(f, p, 0, C, 9, 5, 3, 0, 3, 10, 32);

	/* A project asked for under the wrong panel counts none of its
	 * contributions, overdue ones included (reflections go by the project
	 * alone). */
	struct influence got;
	assert_int_equal(store_influence(f->s, q, x, C + 20 * DAY, &got), ST_OK);
	assert_int_equal(got.contributions, 0);
	assert_int_equal(got.answered, 0);
	assert_int_equal(got.overdue, 0);
	assert_int_equal(got.median_days, -1);

	/* more changes in both directions; the counts do not drift */
	respond(f, p, RS_NOT_ADOPTED, &x2, 1, w, C + 11 * DAY);
	respond(f, p, RS_ADOPTED, &x2, 1, w, C + 12 * DAY);
	int64_t many[] = { x1, x2, x3, y1, z1 };
	respond(f, p, RS_ADOPTED_IN_PART, many, 5, w, C + 13 * DAY);
	respond(f, p, RS_REFERRED, many, 5, w, C + 14 * DAY);
	/* all five referred now: answered 5, adopted 0; first-outcome days
	 * unchanged */
	check_influence(f, p, 0, C + 20 * DAY, 9, 5, 0, 2, 3, 10, 32);
	int64_t open[] = { x4, x5, y2, z2 };
	respond(f, p, RS_ADOPTED, open, 4, w, C + 15 * DAY);
	/* x4 15 days, x5 15, y2 15, z2 15: days 0 1 3 7 10 15 15 15 15 → 9
	 * values, the 5th: 10 */
	check_influence(f, p, 0, C + 20 * DAY, 9, 9, 4, 0, 10, 10, 32);
	check_influence(f, p, x, C + 20 * DAY, 5, 5, 2, 0, 7, 5, 19);
	check_influence(f, q, 0, C + 20 * DAY, 3, 2, 2, 1, 2, 5, 5);
}

/* The days to an answer are read as a histogram of distinct values, which
 * store_influence collects into arrays that grow as rows come: 150
 * distinct values take them past their first size twice. */
static void influence_median_of_many_distinct_delays(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel");
	int64_t w = make_user(f, "Wyn Steward"), a = make_user(f, "Ada Author");
	const int64_t C = T0, K = 150;
	for (int64_t k = K - 1; k >= 0; k--) { /* in no particular order of days */
		int64_t id = contribute(f, p, 0, 0, ATTR_NAMED, a, w, C, C + 400 * DAY);
		respond(f, p, RS_ADOPTED, &id, 1, w, C + k * DAY + 1);
	}
	/* days 0..149: the lower middle of 150 values is the 75th, 74 */
	check_influence(f, p, 0, C + 200 * DAY, K, K, K, 0, 74, 0, 0);
}

/* ---- who answers ---- */

static void responders_and_default_owner(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "No stewards");
	int64_t s1 = make_user(f, "Bea Steward"), s2 = make_user(f, "Ann Steward"),
	        s3 = make_user(f, "Ada Paused Steward"), s4 = make_user(f, "Aba Removed Steward"),
	        c = make_user(f, "Cy Cocreator"), g = make_user(f, "Cal Guest"),
	        g2 = make_user(f, "Bob Guest"), g3 = make_user(f, "Aaa Paused Guest"),
	        g4 = make_user(f, "Aaron Guest"), out = make_user(f, "Not A Member");
	join_at(f, p, s1, ROLE_STEWARD, MEMBER_ACTIVE, T0 + 10);
	join_at(f, p, s2, ROLE_STEWARD, MEMBER_ACTIVE, T0 + 5);
	join_at(f, p, s3, ROLE_STEWARD, MEMBER_PAUSED, T0 + 1);
	join_at(f, p, s4, ROLE_STEWARD, MEMBER_REMOVED, T0);
	join_at(f, p, c, ROLE_CO_CREATOR, MEMBER_ACTIVE, T0);
	join_at(f, p, g, ROLE_GUEST, MEMBER_ACTIVE, T0);
	join_at(f, p, g2, ROLE_GUEST, MEMBER_ACTIVE, T0);
	join_at(f, p, g3, ROLE_GUEST, MEMBER_PAUSED, T0);
	join_at(f, p, g4, ROLE_GUEST, MEMBER_ACTIVE, T0);
	join_at(f, q, c, ROLE_CO_CREATOR, MEMBER_ACTIVE, T0);

	/* the longest-serving active steward: s2 (s3 and s4 joined earlier but
	 * are not active) */
	assert_int_equal(store_panel_default_owner(f->s, p), s2);
	assert_int_equal(store_panel_default_owner(f->s, q), 0);

	assert_int_equal(store_membership_set_responder(f->s, p, g, true, T0 + 20), ST_OK);
	assert_int_equal(store_membership_set_responder(f->s, p, g4, true, T0 + 20), ST_OK);
	assert_int_equal(store_membership_set_responder(f->s, p, g3, true, T0 + 20), ST_OK);
	assert_int_equal(store_membership_set_responder(f->s, p, out, true, T0 + 20), ST_NOT_FOUND);
	assert_int_equal(store_membership_set_responder(f->s, q, g, true, T0 + 20), ST_NOT_FOUND);
	struct membership mb;
	assert_int_equal(store_membership_get(f->s, p, g, &mb), ST_OK);
	assert_true(mb.responder);
	assert_int_equal(mb.updated_at, T0 + 20);
	assert_int_equal(store_membership_get(f->s, p, g2, &mb), ST_OK);
	assert_false(mb.responder);

	/* active stewards by name, then active responder guests by name */
	struct member_row *r;
	size_t n = 0;
	assert_int_equal(store_panel_responders(f->s, p, &f->a, &r, &n), ST_OK);
	int64_t want[] = { s2, s1, g4, g };
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(r[i].m.user_id, want[i]);
		assert_int_equal(r[i].m.panel_id, p);
		assert_int_equal(r[i].m.status, MEMBER_ACTIVE);
		assert_int_equal(r[i].m.role, i < 2 ? ROLE_STEWARD : ROLE_GUEST);
		assert_int_equal(r[i].m.responder, i >= 2);
	}
	assert_string_equal(r[0].display_name, "Ann Steward");
	assert_string_equal(r[3].display_name, "Cal Guest");

	assert_int_equal(store_membership_set_responder(f->s, p, g4, false, T0 + 30), ST_OK);
	assert_int_equal(store_panel_responders(f->s, p, &f->a, &r, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(r[2].m.user_id, g);

	/* when the first steward steps back, the next longest-serving one */
	join_at(f, p, s2, ROLE_STEWARD, MEMBER_PAUSED, T0 + 40);
	assert_int_equal(store_panel_default_owner(f->s, p), s1);
	assert_int_equal(store_panel_responders(f->s, p, &f->a, &r, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].m.user_id, s1);
	assert_int_equal(store_panel_responders(f->s, q, &f->a, &r, &n), ST_OK);
	assert_int_equal(n, 0);
}

/* ---- copying ---- */

static void copy_keeps_every_voice_table(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Zoë's panel"), q = make_panel(f, "Other");
	const char *mail;
	int64_t s = user_with_email(f, "Sam O'Steward", &mail), a = make_user(f, "Ada \"A\" Author"),
	        g = make_user(f, "Gil Guest");
	join(f, p, s, ROLE_STEWARD, MEMBER_ACTIVE);
	join(f, p, a, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	join(f, p, g, ROLE_GUEST, MEMBER_ACTIVE);
	join(f, q, a, ROLE_STEWARD, MEMBER_ACTIVE);
	assert_int_equal(store_membership_set_responder(f->s, p, g, true, T0), ST_OK);

	int64_t x = make_project(f, p, "Transport ✓", s, T0);
	struct project pr;
	assert_int_equal(store_project_get(f->s, p, x, &f->a, &pr), ST_OK);
	pr.closing_reflection = "Done; 'quoted'";
	pr.closed_at = T0 + 99;
	assert_int_equal(store_project_update(f->s, &pr, T0 + 99), ST_OK);
	assert_int_equal(store_project_rung_set(f->s, x, STAGE_SHAPING, 3, "Evidence ü", s, T0), ST_OK);
	assert_int_equal(store_project_rung_set(f->s, x, STAGE_DESIGN, 5, "", 0, T0), ST_OK);

	int64_t m = make_meeting(f, p, x, "Meeting", T0 + 10 * DAY);
	int64_t m2 = make_meeting(f, p, 0, "No project", T0 + 11 * DAY);
	assert_int_equal(store_meeting_what_we_will_change(f->s, p, m, "Tea", "n", "/l", 0, T0 + 1), ST_OK);
	assert_int_equal(store_meeting_guest_set(f->s, m, g, true, T0, NULL), ST_OK);
	assert_int_equal(store_meeting_reply(f->s, m, a, REPLY_COMING, T0), ST_OK);
	assert_int_equal(store_meeting_attended(f->s, m, s, true, T0), ST_OK);
	assert_int_equal(store_meeting_attended(f->s, m2, a, false, T0), ST_OK);
	int64_t i1, i2;
	assert_int_equal(store_agenda_propose(f->s, m, "Item", "Why", "Note", a, T0, &i1), ST_OK);
	assert_int_equal(store_agenda_propose(f->s, m, "Other", "", "", 0, T0, &i2), ST_OK);
	assert_int_equal(store_agenda_support(f->s, i1, s, true, T0), ST_OK);
	assert_int_equal(store_agenda_step_out(f->s, i1, g, true, T0), ST_OK);
	struct agenda_decision d[] = { { i1, ITEM_AGREED, 1, NULL },
	                               { i2, ITEM_NOT_TAKEN, 0, "No time" } };
	assert_int_equal(store_agenda_publish(f->s, m, d, 2, T0 + 2), ST_OK);

	int64_t c1 = contribute(f, p, x, m, ATTR_ANONYMOUS, a, s, T0, T0 + 5 * DAY);
	int64_t c2 = contribute(f, p, 0, 0, ATTR_GROUP, a, 0, T0, T0 + 5 * DAY);
	int64_t c3 = contribute_by(f, p, x, m, ATTR_NAMED, 0, s, s, T0, T0 + 5 * DAY);
	contribute(f, q, 0, 0, ATTR_NAMED, a, a, T0, T0 + 5 * DAY);
	struct contribution_new on_item = { .panel_id = p, .meeting_id = m, .item_id = i1,
	                                    .kind = KIND_QUESTION, .body = "On the item",
	                                    .attribution = ATTR_NAMED, .author_id = g,
	                                    .due_at = T0 + DAY };
	int64_t c4;
	assert_int_equal(store_contribution_add(f->s, &on_item, T0, &c4), ST_OK);
	/* statuses that change, so that some kept counts fall to zero */
	int64_t two[] = { c1, c2 };
	respond(f, p, RS_RECEIVED, two, 2, s, T0 + DAY);
	respond(f, p, RS_ADOPTED, two, 2, s, T0 + 2 * DAY);
	respond(f, p, RS_NOT_ADOPTED, &c1, 1, s, T0 + 3 * DAY);
	respond(f, p, RS_REFERRED, &c3, 1, s, T0 + 4 * DAY);
	assert_int_equal(store_notices_mark_read(f->s, a, T0 + 5 * DAY), ST_OK);
	respond(f, p, RS_ADOPTED_IN_PART, &c2, 1, s, T0 + 6 * DAY);
	assert_int_equal(store_outbox_add(f->s, mail, "Hello", "Body", "notice", 0, T0), ST_OK);

	/* the tables with no store operation yet */
	add_reflection(f, m, a, 4);
	add_reflection(f, m, 0, 3);
	raw_sql(f->target, arena_printf(&f->a,
		"INSERT INTO reflection_done (meeting_id, user_id) VALUES (%lld, %lld), (%lld, %lld);"
		"INSERT INTO papers (meeting_id, item_id, title, summary, markdown, created_by, "
		"created_at, updated_at) VALUES (%lld, %lld, 'Paper', 'In short', '# Hi', %lld, %d, %d);"
		"INSERT INTO papers (meeting_id, title, summary, file_kind, file_name, file_size, "
		"file_sha256, published_at, created_at, updated_at) VALUES (%lld, 'File', 'Sum', "
		"'pdf', 'a.pdf', 10, '%064d', %d, %d, %d);"
		"INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (%lld, 'h', %d)",
		(long long)m, (long long)a, (long long)m, (long long)s, (long long)m, (long long)i1,
		(long long)s, T0, T0, (long long)m, 0, T0, T0, T0, (long long)a, T0));

	/* every voice table has rows */
	size_t nf;
	struct store_table_sum *from = sums(f, f->s, &nf);
	static const char *const voice_tables[] = {
		"projects", "project_rungs", "meetings", "meeting_guests", "meeting_replies",
		"agenda_items", "agenda_supports", "agenda_step_outs", "papers", "responses",
		"contributions", "response_links", "notices", "reflections", "reflection_done",
		"calendar_feeds", "influence_counts", "influence_days", "influence_open", "outbox",
	};
	for (size_t i = 0; i < sizeof voice_tables / sizeof voice_tables[0]; i++)
		if (table_rows(from, nf, voice_tables[i]) == 0) fail_msg("%s is empty", voice_tables[i]);

	char t[300];
	struct store *to = store_db_copy_checked(f->s, f->dir, &f->a, t, sizeof t);

	/* and the copy's figures and anonymity are the source's */
	struct influence fa, fb;
	int64_t scopes[][2] = { { p, 0 }, { p, x }, { q, 0 } };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(store_influence(f->s, scopes[i][0], scopes[i][1], T0 + 9 * DAY, &fa),
		                 ST_OK);
		assert_int_equal(store_influence(to, scopes[i][0], scopes[i][1], T0 + 9 * DAY, &fb),
		                 ST_OK);
		assert_memory_equal(&fa, &fb, sizeof fa);
	}
	struct contribution cc;
	assert_int_equal(store_contribution_get(to, p, c1, g, &f->a, &cc), ST_OK);
	assert_int_equal(cc.author_id, 0);
	assert_false(cc.mine);
	assert_int_equal(store_contribution_get(to, p, c1, a, &f->a, &cc), ST_OK);
	assert_true(cc.mine);
	assert_int_equal(cc.author_id, a);
	assert_int_equal(cc.answered_at, T0 + 2 * DAY);

	store_close(to);
	testdb_drop(t);
	store_db_remove_files(t);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(projects_create_get_update),
		T(meetings_create_get_update),
		T(meetings_lists_and_guests),
		T(meeting_replies_and_people),
		T(agenda_propose_support_publish),
		T(anonymity_rule_everywhere),
		T(open_lists_soonest_due_first),
		T(keyset_paging),
		T(responses_notices_and_mail),
		T(influence_figures),
		T(influence_median_of_many_distinct_delays),
		T(responders_and_default_owner),
		T(copy_keeps_every_voice_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
