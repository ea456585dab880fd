/* Store tests: the operations of src/store/store.h against a real database.
 *
 * One executable for every backend (tests/testdb.h): each test gets a fresh,
 * empty database of the backend the environment names, SQLite by default,
 * removed afterwards. tests/meson.build runs it once per backend.
 *
 * The assertions are written against store.h's contracts, never one
 * backend's quirks: every test makes its own users, panels and tokens with
 * unique names and looks only at those; counts are compared before and
 * after; nothing assumes particular id values, row order beyond what
 * store.h promises, or SQLite's locking. Times are made-up seconds near T0:
 * the store takes "now" as a parameter so that expiry can be tested without
 * waiting. The few tests of SQLite files (backup, a shared cache) skip on
 * PostgreSQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"
#include "../testdb.h"
#include "fixture.h"

enum { T0 = 1800000000 };

struct fx {
	struct store *s;
	struct arena a;
	char dir[64];
	char target[256];     /* what store_open() is given */
	bool sqlite;          /* target is a SQLite file */
};

static unsigned run_tag; /* tells this run's rows from others' on a shared database */
static unsigned seq;

/* ---- fixture ---- */

static int setup_unmigrated(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f || !store_db_make("store", f->dir, sizeof f->dir, f->target, sizeof f->target,
	                         &f->s)) {
		free(f);
		return -1;
	}
	f->sqlite = !testdb_is_postgresql();
	*state = f;
	return 0;
}

static int setup(void **state)
{
	if (setup_unmigrated(state)) return -1;
	struct fx *f = *state;
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

/* ---- helpers ---- */

static const char *unique(struct fx *f, const char *what)
{
	return arena_printf(&f->a, "%s-%08x-%u", what, run_tag, ++seq);
}

static const char *unique_email(struct fx *f, const char *who)
{
	return arena_printf(&f->a, "%s-%08x-%u@example.org", who, run_tag, ++seq);
}

static int64_t make_user(struct fx *f, const char *name)
{
	int64_t id = 0;
	assert_int_equal(store_user_create(f->s, unique_email(f, "user"), name, false, T0, &id),
	                 ST_OK);
	assert_true(id > 0);
	return id;
}

static int64_t make_panel(struct fx *f, const char *name, enum panel_hosting hosting)
{
	struct panel p = { .name = name, .description = "About it", .time_zone = "Europe/London",
	                   .language = "en", .organisation = "Org", .hosting = hosting };
	int64_t id = 0;
	assert_int_equal(store_panel_create(f->s, &p, T0, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static void put(struct fx *f, int64_t panel, int64_t user, enum panel_role role,
                enum member_status status)
{
	assert_int_equal(store_membership_put(f->s, panel, user, role, status, T0 + 10), ST_OK);
}

/* ---- migrations ---- */

static void migrate_applies_and_records(void **state)
{
	struct fx *f = *state;
	int latest = store_schema_latest();
	assert_true(latest >= 1);
	assert_int_equal(store_schema_version(f->s), 0);
	int applied = -1;
	assert_int_equal(store_migrate(f->s, &applied), ST_OK);
	assert_int_equal(applied, latest);
	assert_int_equal(store_schema_version(f->s), latest);

	applied = -1;
	assert_int_equal(store_migrate(f->s, &applied), ST_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(store_schema_version(f->s), latest);

	/* recorded in the database, not remembered by the connection */
	store_close(f->s);
	f->s = store_db_open(f->target);
	assert_int_equal(store_schema_version(f->s), latest);
	applied = -1;
	assert_int_equal(store_migrate(f->s, &applied), ST_OK);
	assert_int_equal(applied, 0);
}

static void check_reports_ok(void **state)
{
	struct fx *f = *state;
	char *report = NULL;
	assert_int_equal(store_check(f->s, &report), ST_OK);
	assert_non_null(report);
	assert_string_equal(report, "ok");
	free(report);
}

struct check_during_write {
	struct store *other;
	enum store_rc rc;
	char *report;
};

static enum store_rc check_while_writing(struct store *s, void *p)
{
	struct check_during_write *c = p;
	if (store_setting_set(s, "check-test", "held") != ST_OK) return ST_ERROR;
	c->rc = store_check(c->other, &c->report);
	return ST_OK;
}

/* A check that cannot run to its end has not found the database sound.
 * To make one stop halfway without corrupting a file, a second connection
 * shares the first one's SQLite cache (a "file:...?cache=shared" target, see
 * db.h) and checks while the first holds a table locked mid-write: the
 * check's read of that table fails at once (SQLITE_LOCKED). SQLite only. */
static void check_that_cannot_finish_is_not_ok(void **state)
{
	struct fx *f = *state;
	if (!f->sqlite) skip();
	const char *shared = arena_printf(&f->a, "file:%s?cache=shared", f->target);
	struct store *writer = store_db_open(shared), *checker = store_db_open(shared);
	assert_int_equal(store_schema_version(checker), store_schema_latest());
	struct check_during_write c = { checker, ST_OK, NULL };
	assert_int_equal(store_tx(writer, check_while_writing, &c), ST_OK);
	assert_int_not_equal(c.rc, ST_OK);
	assert_non_null(c.report);
	assert_string_not_equal(c.report, "ok");
	assert_non_null(strstr(c.report, "locked"));
	free(c.report);
	store_close(checker);
	store_close(writer);
}

/* ---- settings ---- */

static void settings(void **state)
{
	struct fx *f = *state;
	const char *key = unique(f, "setting"), *value = NULL;
	assert_int_equal(store_setting_get(f->s, key, &f->a, &value), ST_NOT_FOUND);
	assert_int_equal(store_setting_set(f->s, key, "one"), ST_OK);
	assert_int_equal(store_setting_get(f->s, key, &f->a, &value), ST_OK);
	assert_string_equal(value, "one");
	assert_int_equal(store_setting_set(f->s, key, "two"), ST_OK);
	assert_int_equal(store_setting_get(f->s, key, &f->a, &value), ST_OK);
	assert_string_equal(value, "two");
}

/* ---- users ---- */

static void user_create_and_get(void **state)
{
	struct fx *f = *state;
	int64_t before = store_user_count(f->s);
	const char *email = unique_email(f, "ann");
	int64_t id = 0;
	assert_int_equal(store_user_create(f->s, email, "Ann Example", false, T0, &id), ST_OK);
	assert_true(id > 0);
	assert_int_equal(store_user_count(f->s), before + 1);

	struct user u;
	memset(&u, 0, sizeof u);
	assert_int_equal(store_user_get(f->s, id, &f->a, &u), ST_OK);
	assert_int_equal(u.id, id);
	assert_string_equal(u.email, email);
	assert_string_equal(u.display_name, "Ann Example");
	assert_int_equal(u.status, USER_ACTIVE);
	assert_false(u.is_admin);
	assert_false(u.has_password);
	assert_int_equal(u.created_at, T0);
	assert_int_equal(u.updated_at, T0);

	struct user by;
	memset(&by, 0, sizeof by);
	assert_int_equal(store_user_by_email(f->s, email, &f->a, &by), ST_OK);
	assert_int_equal(by.id, id);
	assert_int_equal(by.version, u.version);
	assert_string_equal(by.display_name, "Ann Example");

	int64_t admin = 0;
	assert_int_equal(store_user_create(f->s, unique_email(f, "admin"), "Admin", true, T0, &admin),
	                 ST_OK);
	assert_int_not_equal(admin, id);
	assert_int_equal(store_user_get(f->s, admin, &f->a, &u), ST_OK);
	assert_true(u.is_admin);

	assert_int_equal(store_user_by_email(f->s, unique_email(f, "nobody"), &f->a, &by),
	                 ST_NOT_FOUND);
	assert_int_equal(store_user_get(f->s, admin + 1000000, &f->a, &u), ST_NOT_FOUND);
}

static void user_duplicate_email_conflicts(void **state)
{
	struct fx *f = *state;
	const char *email = unique_email(f, "dup");
	int64_t id = 0, id2 = -1;
	assert_int_equal(store_user_create(f->s, email, "First", false, T0, &id), ST_OK);
	int64_t count = store_user_count(f->s);
	assert_int_equal(store_user_create(f->s, email, "Second", false, T0 + 1, &id2), ST_CONFLICT);
	assert_int_equal(store_user_count(f->s), count);
	struct user u;
	assert_int_equal(store_user_by_email(f->s, email, &f->a, &u), ST_OK);
	assert_int_equal(u.id, id);
	assert_string_equal(u.display_name, "First");
	/* the connection is usable after a refused write */
	make_user(f, "After");
}

static void user_password_only_through_its_operation(void **state)
{
	struct fx *f = *state;
	int64_t id = make_user(f, "Pat");
	const char *hash = "x";
	assert_int_equal(store_user_password_hash(f->s, id, &f->a, &hash), ST_OK);
	assert_null(hash);

	const char *stored = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
	assert_int_equal(store_user_set_password(f->s, id, stored, T0 + 5), ST_OK);
	assert_int_equal(store_user_password_hash(f->s, id, &f->a, &hash), ST_OK);
	assert_string_equal(hash, stored);

	struct user u;
	assert_int_equal(store_user_get(f->s, id, &f->a, &u), ST_OK);
	assert_true(u.has_password);
	assert_int_equal(u.updated_at, T0 + 5);
	/* no field of the user carries the hash */
	assert_string_not_equal(u.email, stored);
	assert_string_not_equal(u.display_name, stored);

	assert_int_equal(store_user_password_hash(f->s, id + 1000000, &f->a, &hash), ST_NOT_FOUND);
	assert_int_equal(store_user_set_password(f->s, id + 1000000, stored, T0), ST_NOT_FOUND);
}

static void user_set_name_checks_version(void **state)
{
	struct fx *f = *state;
	int64_t id = make_user(f, "Old Name");
	struct user u;
	assert_int_equal(store_user_get(f->s, id, &f->a, &u), ST_OK);
	int64_t v = u.version;

	assert_int_equal(store_user_set_name(f->s, id, "New Name", v, T0 + 20), ST_OK);
	assert_int_equal(store_user_get(f->s, id, &f->a, &u), ST_OK);
	assert_string_equal(u.display_name, "New Name");
	assert_true(u.version > v);
	assert_int_equal(u.updated_at, T0 + 20);

	/* a form still holding the old version is refused and changes nothing */
	assert_int_equal(store_user_set_name(f->s, id, "Stale Edit", v, T0 + 30), ST_CONFLICT);
	struct user after;
	assert_int_equal(store_user_get(f->s, id, &f->a, &after), ST_OK);
	assert_string_equal(after.display_name, "New Name");
	assert_int_equal(after.version, u.version);
	assert_int_equal(after.updated_at, T0 + 20);

	/* any other change moves the version on too */
	assert_int_equal(store_user_set_status(f->s, id, USER_ACTIVE, T0 + 40), ST_OK);
	assert_int_equal(store_user_set_name(f->s, id, "Too Late", u.version, T0 + 50), ST_CONFLICT);
	/* no such user: not found, not a conflict */
	assert_int_equal(store_user_set_name(f->s, id + 1000000, "Nobody", 1, T0 + 60), ST_NOT_FOUND);
}

static void user_status_and_admin(void **state)
{
	struct fx *f = *state;
	int64_t id = make_user(f, "Sam");
	struct user u;
	assert_int_equal(store_user_set_status(f->s, id, USER_DISABLED, T0 + 1), ST_OK);
	assert_int_equal(store_user_get(f->s, id, &f->a, &u), ST_OK);
	assert_int_equal(u.status, USER_DISABLED);
	assert_int_equal(store_user_set_status(f->s, id, USER_ACTIVE, T0 + 2), ST_OK);
	assert_int_equal(store_user_set_admin(f->s, id, true, T0 + 3), ST_OK);
	assert_int_equal(store_user_get(f->s, id, &f->a, &u), ST_OK);
	assert_int_equal(u.status, USER_ACTIVE);
	assert_true(u.is_admin);
	assert_int_equal(store_user_set_admin(f->s, id, false, T0 + 4), ST_OK);
	assert_int_equal(store_user_get(f->s, id, &f->a, &u), ST_OK);
	assert_false(u.is_admin);
	assert_int_equal(store_user_set_status(f->s, id + 1000000, USER_DISABLED, T0), ST_NOT_FOUND);
	assert_int_equal(store_user_set_admin(f->s, id + 1000000, true, T0), ST_NOT_FOUND);
}

static void users_list_in_id_order(void **state)
{
	struct fx *f = *state;
	int64_t a = make_user(f, "List A"), b = make_user(f, "List B");
	struct user *list = NULL;
	size_t n = 0;
	assert_int_equal(store_users_list(f->s, &f->a, &list, &n), ST_OK);
	assert_int_equal((int64_t)n, store_user_count(f->s));
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		if (i) assert_true(list[i - 1].id < list[i].id);
		if (list[i].id == a) { assert_string_equal(list[i].display_name, "List A"); found++; }
		if (list[i].id == b) { assert_string_equal(list[i].display_name, "List B"); found++; }
	}
	assert_int_equal(found, 2);
}

static void user_erase(void **state)
{
	struct fx *f = *state;
	const char *email = unique_email(f, "erasable");
	int64_t id = 0;
	assert_int_equal(store_user_create(f->s, email, "Erin Erasable", false, T0, &id), ST_OK);
	int64_t other = make_user(f, "Olive Other");
	int64_t panel = make_panel(f, unique(f, "Erase panel"), HOSTING_ORGANISATION);
	put(f, panel, id, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	put(f, panel, other, ROLE_STEWARD, MEMBER_ACTIVE);

	const char *sess = unique(f, "sess"), *tok = unique(f, "tok"), *reset = unique(f, "reset");
	const char *invite = unique(f, "invite");
	int64_t tid = 0, iid = 0;
	assert_int_equal(store_user_set_password(f->s, id, "$argon2id$fake", T0), ST_OK);
	assert_int_equal(store_profile_set(f->s, id, "pronouns", "she/her", VIS_PANEL, T0), ST_OK);
	assert_int_equal(store_session_create(f->s, sess, id, T0, T0 + 1000), ST_OK);
	assert_int_equal(store_api_token_create(f->s, tok, id, "laptop", T0, &tid), ST_OK);
	assert_int_equal(store_reset_create(f->s, reset, id, T0, T0 + 1000), ST_OK);
	/* a pending invitation addressed to them, to another panel */
	int64_t panel2 = make_panel(f, unique(f, "Second panel"), HOSTING_ORGANISATION);
	assert_int_equal(store_invitation_create(f->s, invite, email, panel2, ROLE_GUEST, other, T0,
	                                         T0 + 1000, &iid), ST_OK);
	assert_int_equal(store_consent_add(f->s, id, "representation.gender", "w1", true, T0), ST_OK);
	assert_int_equal(store_audit_add(f->s, id, other, AUDIT_READ, "pronouns", T0), ST_OK);
	assert_int_equal(store_audit_add(f->s, other, id, AUDIT_READ, "phone", T0 + 1), ST_OK);
	const char *to_them = unique(f, "to them"), *to_other = unique(f, "to other");
	assert_int_equal(store_outbox_add(f->s, email, to_them, "Welcome", "notice", 0, T0), ST_OK);
	assert_int_equal(store_outbox_add(f->s, "someone@example.org", to_other, "Hi", "notice", 0, T0), ST_OK);

	assert_int_equal(store_user_erase(f->s, id, T0 + 100), ST_OK);

	struct user u;
	assert_int_equal(store_user_get(f->s, id, &f->a, &u), ST_OK);
	assert_int_equal(u.status, USER_ERASED);
	assert_string_not_equal(u.email, email);
	assert_null(strstr(u.email, "erasable"));
	assert_string_not_equal(u.display_name, "Erin Erasable");
	assert_null(strstr(u.display_name, "Erin"));
	assert_false(u.has_password);
	assert_false(u.is_admin);
	const char *hash = "x";
	assert_int_equal(store_user_password_hash(f->s, id, &f->a, &hash), ST_OK);
	assert_null(hash);
	assert_int_equal(store_user_by_email(f->s, email, &f->a, &u), ST_NOT_FOUND);

	struct profile_value *pv;
	size_t n = 99;
	assert_int_equal(store_profile_get(f->s, id, &f->a, &pv, &n), ST_OK);
	assert_int_equal(n, 0);
	struct session se;
	assert_int_equal(store_session_find(f->s, sess, T0 + 101, &se), ST_NOT_FOUND);
	int64_t uid = 0;
	assert_int_equal(store_api_token_use(f->s, tok, T0 + 101, &uid), ST_NOT_FOUND);
	struct api_token *tokens;
	assert_int_equal(store_api_tokens_list(f->s, id, &f->a, &tokens, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_reset_use(f->s, reset, T0 + 101, &uid), ST_NOT_FOUND);
	struct invitation inv;
	assert_int_equal(store_invitation_find(f->s, invite, T0 + 101, &f->a, &inv), ST_NOT_FOUND);

	/* memberships are kept as removed, and the member list no longer shows them */
	struct membership m;
	assert_int_equal(store_membership_get(f->s, panel, id, &m), ST_OK);
	assert_int_equal(m.status, MEMBER_REMOVED);
	struct member_row *rows;
	assert_int_equal(store_members_list(f->s, panel, &f->a, &rows, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].m.user_id, other);

	/* consent history and the audit log stay */
	struct consent *c;
	assert_int_equal(store_consents_list(f->s, id, &f->a, &c, &n), ST_OK);
	assert_int_equal(n, 1);
	struct audit_entry *e;
	assert_int_equal(store_audit_list(f->s, id, 10, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 1);
	/* where they acted on someone else, the entry stays but names nobody */
	assert_int_equal(store_audit_list(f->s, other, 10, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(e[0].actor_user_id, id);
	assert_string_equal(e[0].actor_name, "");

	/* mail waiting for their address goes; other mail stays */
	struct outbox_message *mail;
	assert_int_equal(store_outbox_recent(f->s, 1000, &f->a, &mail, &n), ST_OK);
	bool them = false, them_addr = false, other_mail = false;
	for (size_t i = 0; i < n; i++) {
		them |= !strcmp(mail[i].subject, to_them);
		them_addr |= !strcmp(mail[i].to_email, email);
		other_mail |= !strcmp(mail[i].subject, to_other);
	}
	assert_false(them);
	assert_false(them_addr);
	assert_true(other_mail);

	/* the other member is untouched */
	assert_int_equal(store_user_get(f->s, other, &f->a, &u), ST_OK);
	assert_int_equal(u.status, USER_ACTIVE);
	assert_string_equal(u.display_name, "Olive Other");
}

static void erase_two_people(void **state)
{
	struct fx *f = *state;
	/* erased records must not collide with each other */
	int64_t a = make_user(f, "One"), b = make_user(f, "Two");
	assert_int_equal(store_user_erase(f->s, a, T0 + 1), ST_OK);
	assert_int_equal(store_user_erase(f->s, b, T0 + 2), ST_OK);
	struct user ua, ub;
	assert_int_equal(store_user_get(f->s, a, &f->a, &ua), ST_OK);
	assert_int_equal(store_user_get(f->s, b, &f->a, &ub), ST_OK);
	assert_string_not_equal(ua.email, ub.email);
	/* erasing nobody is reported as such */
	assert_int_equal(store_user_erase(f->s, b + 1000000, T0), ST_NOT_FOUND);
}

static void erased_address_can_sign_up_again(void **state)
{
	struct fx *f = *state;
	const char *email = unique_email(f, "again");
	int64_t id = 0, id2 = 0;
	assert_int_equal(store_user_create(f->s, email, "First Life", false, T0, &id), ST_OK);
	assert_int_equal(store_user_erase(f->s, id, T0 + 1), ST_OK);
	assert_int_equal(store_user_create(f->s, email, "Second Life", false, T0 + 2, &id2), ST_OK);
	assert_int_not_equal(id, id2);
}

/* ---- sessions ---- */

static void sessions(void **state)
{
	struct fx *f = *state;
	int64_t uid = make_user(f, "Sess"), other = make_user(f, "Other");
	const char *t1 = unique(f, "s1"), *t2 = unique(f, "s2"), *t3 = unique(f, "s3");
	assert_int_equal(store_session_create(f->s, t1, uid, T0, T0 + 100), ST_OK);
	assert_int_equal(store_session_create(f->s, t2, uid, T0, T0 + 100), ST_OK);
	assert_int_equal(store_session_create(f->s, t3, other, T0, T0 + 100), ST_OK);
	assert_int_equal(store_session_create(f->s, t1, other, T0, T0 + 100), ST_CONFLICT);

	struct session s;
	memset(&s, 0, sizeof s);
	assert_int_equal(store_session_find(f->s, t1, T0 + 50, &s), ST_OK);
	assert_int_equal(s.user_id, uid);
	assert_int_equal(s.created_at, T0);
	assert_int_equal(s.last_seen_at, T0);
	assert_int_equal(s.expires_at, T0 + 100);
	assert_true(s.id > 0);
	/* expired */
	assert_int_equal(store_session_find(f->s, t1, T0 + 101, &s), ST_NOT_FOUND);
	assert_int_equal(store_session_find(f->s, unique(f, "nope"), T0, &s), ST_NOT_FOUND);

	/* touching moves last-seen and expiry on */
	assert_int_equal(store_session_find(f->s, t1, T0 + 50, &s), ST_OK);
	assert_int_equal(store_session_touch(f->s, s.id, T0 + 90, T0 + 500), ST_OK);
	assert_int_equal(store_session_find(f->s, t1, T0 + 400, &s), ST_OK);
	assert_int_equal(s.last_seen_at, T0 + 90);
	assert_int_equal(s.expires_at, T0 + 500);
	assert_int_equal(s.created_at, T0);
	/* the other session of the same person is untouched */
	assert_int_equal(store_session_find(f->s, t2, T0 + 400, &s), ST_NOT_FOUND);

	assert_int_equal(store_session_delete(f->s, t1), ST_OK);
	assert_int_equal(store_session_find(f->s, t1, T0 + 50, &s), ST_NOT_FOUND);

	assert_int_equal(store_session_create(f->s, t1, uid, T0, T0 + 100), ST_OK);
	assert_int_equal(store_sessions_delete_for_user(f->s, uid), ST_OK);
	assert_int_equal(store_session_find(f->s, t1, T0 + 50, &s), ST_NOT_FOUND);
	assert_int_equal(store_session_find(f->s, t2, T0 + 50, &s), ST_NOT_FOUND);
	assert_int_equal(store_session_find(f->s, t3, T0 + 50, &s), ST_OK);
	assert_int_equal(s.user_id, other);
}

static void sessions_prune(void **state)
{
	struct fx *f = *state;
	int64_t uid = make_user(f, "Pruned");
	const char *gone = unique(f, "gone"), *kept = unique(f, "kept");
	assert_int_equal(store_session_create(f->s, gone, uid, T0, T0 + 100), ST_OK);
	assert_int_equal(store_session_create(f->s, kept, uid, T0, T0 + 300), ST_OK);
	assert_int_equal(store_sessions_prune(f->s, T0 + 200), ST_OK);
	struct session s;
	assert_int_equal(store_session_find(f->s, kept, T0 + 250, &s), ST_OK);
	/* pruned: not there even when asked as of a time it was valid */
	assert_int_equal(store_session_find(f->s, gone, T0 + 50, &s), ST_NOT_FOUND);
}

/* ---- API tokens ---- */

static void api_tokens(void **state)
{
	struct fx *f = *state;
	int64_t uid = make_user(f, "Tok"), other = make_user(f, "Other");
	const char *h1 = unique(f, "t1"), *h2 = unique(f, "t2");
	int64_t id1 = 0, id2 = 0, dup = 0;
	assert_int_equal(store_api_token_create(f->s, h1, uid, "laptop", T0, &id1), ST_OK);
	assert_int_equal(store_api_token_create(f->s, h2, uid, "phone", T0 + 1, &id2), ST_OK);
	assert_int_not_equal(id1, id2);
	assert_int_equal(store_api_token_create(f->s, h1, other, "copy", T0, &dup), ST_CONFLICT);

	int64_t who = 0;
	assert_int_equal(store_api_token_use(f->s, h1, T0 + 10, &who), ST_OK);
	assert_int_equal(who, uid);
	assert_int_equal(store_api_token_use(f->s, unique(f, "unknown"), T0, &who), ST_NOT_FOUND);

	struct api_token *list;
	size_t n = 0;
	assert_int_equal(store_api_tokens_list(f->s, uid, &f->a, &list, &n), ST_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(list[i].user_id, uid);
		if (list[i].id == id1) {
			assert_string_equal(list[i].label, "laptop");
			assert_int_equal(list[i].last_used_at, T0 + 10);
			assert_int_equal(list[i].created_at, T0);
		} else {
			assert_int_equal(list[i].id, id2);
			assert_string_equal(list[i].label, "phone");
			assert_int_equal(list[i].last_used_at, 0);
		}
		assert_int_equal(list[i].revoked_at, 0);
	}
	assert_int_equal(store_api_tokens_list(f->s, other, &f->a, &list, &n), ST_OK);
	assert_int_equal(n, 0);

	/* only the owner can revoke, and only once */
	assert_int_equal(store_api_token_revoke(f->s, other, id1, T0 + 20), ST_NOT_FOUND);
	assert_int_equal(store_api_token_use(f->s, h1, T0 + 21, &who), ST_OK);
	assert_int_equal(store_api_token_revoke(f->s, uid, id1, T0 + 22), ST_OK);
	assert_int_equal(store_api_token_use(f->s, h1, T0 + 23, &who), ST_NOT_FOUND);
	assert_int_equal(store_api_token_revoke(f->s, uid, id1, T0 + 24), ST_NOT_FOUND);
	assert_int_equal(store_api_tokens_list(f->s, uid, &f->a, &list, &n), ST_OK);
	for (size_t i = 0; i < n; i++)
		if (list[i].id == id1) assert_int_equal(list[i].revoked_at, T0 + 22);

	/* a disabled account's tokens stop working, and work again if it is enabled */
	assert_int_equal(store_api_token_use(f->s, h2, T0 + 30, &who), ST_OK);
	assert_int_equal(store_user_set_status(f->s, uid, USER_DISABLED, T0 + 31), ST_OK);
	assert_int_equal(store_api_token_use(f->s, h2, T0 + 32, &who), ST_NOT_FOUND);
	assert_int_equal(store_user_set_status(f->s, uid, USER_ACTIVE, T0 + 33), ST_OK);
	assert_int_equal(store_api_token_use(f->s, h2, T0 + 34, &who), ST_OK);
	assert_int_equal(who, uid);
}

/* ---- panels ---- */

static void panel_create_get_update(void **state)
{
	struct fx *f = *state;
	const char *name = unique(f, "Mental health panel");
	struct panel p = { .name = name, .description = "We meet monthly.",
	                   .time_zone = "Europe/London", .language = "cy",
	                   .organisation = "Hospital trust", .hosting = HOSTING_USER_LED };
	int64_t id = 0;
	assert_int_equal(store_panel_create(f->s, &p, T0, &id), ST_OK);

	struct panel got;
	memset(&got, 0, sizeof got);
	assert_int_equal(store_panel_get(f->s, id, &f->a, &got), ST_OK);
	assert_int_equal(got.id, id);
	assert_string_equal(got.name, name);
	assert_string_equal(got.description, "We meet monthly.");
	assert_string_equal(got.time_zone, "Europe/London");
	assert_string_equal(got.language, "cy");
	assert_string_equal(got.organisation, "Hospital trust");
	assert_int_equal(got.hosting, HOSTING_USER_LED);
	assert_int_equal(got.created_at, T0);
	assert_int_equal(got.updated_at, T0);

	struct panel edit = got;
	edit.name = "Renamed";
	edit.description = "";
	edit.time_zone = "America/New_York";
	edit.hosting = HOSTING_ORGANISATION;
	assert_int_equal(store_panel_update(f->s, &edit, T0 + 10), ST_OK);
	struct panel after;
	assert_int_equal(store_panel_get(f->s, id, &f->a, &after), ST_OK);
	assert_string_equal(after.name, "Renamed");
	assert_string_equal(after.description, "");
	assert_string_equal(after.time_zone, "America/New_York");
	assert_int_equal(after.hosting, HOSTING_ORGANISATION);
	assert_int_equal(after.updated_at, T0 + 10);
	assert_int_equal(after.created_at, T0);
	assert_true(after.version > got.version);

	/* a second edit made from the first form's version is refused */
	struct panel stale = got;
	stale.name = "Stale";
	assert_int_equal(store_panel_update(f->s, &stale, T0 + 20), ST_CONFLICT);
	assert_int_equal(store_panel_get(f->s, id, &f->a, &after), ST_OK);
	assert_string_equal(after.name, "Renamed");

	/* an update naming no panel changes nothing and says so */
	stale.id = id + 1000000;
	assert_int_equal(store_panel_update(f->s, &stale, T0 + 30), ST_NOT_FOUND);
	assert_int_equal(store_panel_get(f->s, id + 1000000, &f->a, &after), ST_NOT_FOUND);
}

static void panel_defaults(void **state)
{
	struct fx *f = *state;
	/* only a name: the rest takes its documented defaults */
	struct panel p = { .name = unique(f, "Bare") };
	int64_t id = 0;
	assert_int_equal(store_panel_create(f->s, &p, T0, &id), ST_OK);
	struct panel got;
	assert_int_equal(store_panel_get(f->s, id, &f->a, &got), ST_OK);
	assert_string_equal(got.description, "");
	assert_string_equal(got.organisation, "");
	assert_true(strlen(got.time_zone) > 0);
	assert_true(strlen(got.language) > 0);
	assert_int_equal(got.hosting, HOSTING_ORGANISATION);

	struct panel *all;
	size_t n = 0;
	assert_int_equal(store_panels_list(f->s, &f->a, &all, &n), ST_OK);
	bool found = false;
	for (size_t i = 0; i < n; i++) found |= all[i].id == id;
	assert_true(found);
}

static void panels_for_user_leaves_out_removed(void **state)
{
	struct fx *f = *state;
	int64_t me = make_user(f, "Me"), x = make_user(f, "X"), y = make_user(f, "Y");
	int64_t active = make_panel(f, unique(f, "Beta"), HOSTING_ORGANISATION);
	int64_t paused = make_panel(f, unique(f, "Alpha"), HOSTING_USER_LED);
	int64_t removed = make_panel(f, unique(f, "Gamma"), HOSTING_ORGANISATION);
	make_panel(f, unique(f, "Not mine"), HOSTING_ORGANISATION);
	put(f, active, me, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	put(f, active, x, ROLE_STEWARD, MEMBER_ACTIVE);
	put(f, active, y, ROLE_GUEST, MEMBER_ACTIVE);
	put(f, paused, me, ROLE_STEWARD, MEMBER_PAUSED);
	put(f, paused, x, ROLE_STEWARD, MEMBER_ACTIVE);
	put(f, paused, y, ROLE_CO_CREATOR, MEMBER_REMOVED);
	put(f, removed, me, ROLE_CO_CREATOR, MEMBER_REMOVED);
	put(f, removed, x, ROLE_STEWARD, MEMBER_ACTIVE);

	struct my_panel *mine;
	size_t n = 0;
	assert_int_equal(store_panels_for_user(f->s, me, &f->a, &mine, &n), ST_OK);
	assert_int_equal(n, 2);
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(mine[i].me.user_id, me);
		assert_int_equal(mine[i].me.panel_id, mine[i].panel.id);
		if (mine[i].panel.id == active) {
			assert_int_equal(mine[i].me.role, ROLE_CO_CREATOR);
			assert_int_equal(mine[i].me.status, MEMBER_ACTIVE);
			assert_int_equal(mine[i].active_members, 3);
			seen |= 1;
		} else if (mine[i].panel.id == paused) {
			assert_int_equal(mine[i].me.role, ROLE_STEWARD);
			assert_int_equal(mine[i].me.status, MEMBER_PAUSED);
			assert_int_equal(mine[i].panel.hosting, HOSTING_USER_LED);
			assert_int_equal(mine[i].active_members, 1);
			seen |= 2;
		} else {
			fail_msg("unexpected panel %lld", (long long)mine[i].panel.id);
		}
	}
	assert_int_equal(seen, 3);

	int64_t nobody = make_user(f, "Nobody");
	assert_int_equal(store_panels_for_user(f->s, nobody, &f->a, &mine, &n), ST_OK);
	assert_int_equal(n, 0);
}

static void membership_get_and_put(void **state)
{
	struct fx *f = *state;
	int64_t u = make_user(f, "M"), panel = make_panel(f, unique(f, "P"), HOSTING_ORGANISATION);
	struct membership m;
	assert_int_equal(store_membership_get(f->s, panel, u, &m), ST_NOT_FOUND);
	assert_int_equal(store_membership_put(f->s, panel, u, ROLE_GUEST, MEMBER_ACTIVE, T0 + 1), ST_OK);
	assert_int_equal(store_membership_get(f->s, panel, u, &m), ST_OK);
	assert_int_equal(m.panel_id, panel);
	assert_int_equal(m.user_id, u);
	assert_int_equal(m.role, ROLE_GUEST);
	assert_int_equal(m.status, MEMBER_ACTIVE);
	assert_int_equal(m.joined_at, T0 + 1);
	/* putting again changes role and status; they joined when they joined */
	assert_int_equal(store_membership_put(f->s, panel, u, ROLE_STEWARD, MEMBER_PAUSED, T0 + 9),
	                 ST_OK);
	assert_int_equal(store_membership_get(f->s, panel, u, &m), ST_OK);
	assert_int_equal(m.role, ROLE_STEWARD);
	assert_int_equal(m.status, MEMBER_PAUSED);
	assert_int_equal(m.joined_at, T0 + 1);
	assert_int_equal(m.updated_at, T0 + 9);
	/* memberships need a real panel and a real person */
	assert_int_not_equal(store_membership_put(f->s, panel + 1000000, u, ROLE_GUEST,
	                                          MEMBER_ACTIVE, T0), ST_OK);
	assert_int_not_equal(store_membership_put(f->s, panel, u + 1000000, ROLE_GUEST,
	                                          MEMBER_ACTIVE, T0), ST_OK);
}

/* A panel with: stewards Zed and Amy (active), Pia (paused steward),
 * co-creators Bob (active) and Dan (paused), guest Cat, Eve removed. */
struct cast { int64_t panel, zed, amy, pia, bob, dan, cat, eve; };

static struct cast make_cast(struct fx *f)
{
	struct cast c;
	c.panel = make_panel(f, unique(f, "Cast"), HOSTING_ORGANISATION);
	c.zed = make_user(f, "Zed");
	c.amy = make_user(f, "Amy");
	c.pia = make_user(f, "Pia");
	c.bob = make_user(f, "Bob");
	c.dan = make_user(f, "Dan");
	c.cat = make_user(f, "Cat");
	c.eve = make_user(f, "Eve");
	put(f, c.panel, c.cat, ROLE_GUEST, MEMBER_ACTIVE);
	put(f, c.panel, c.dan, ROLE_CO_CREATOR, MEMBER_PAUSED);
	put(f, c.panel, c.zed, ROLE_STEWARD, MEMBER_ACTIVE);
	put(f, c.panel, c.eve, ROLE_STEWARD, MEMBER_REMOVED);
	put(f, c.panel, c.bob, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	put(f, c.panel, c.pia, ROLE_STEWARD, MEMBER_PAUSED);
	put(f, c.panel, c.amy, ROLE_STEWARD, MEMBER_ACTIVE);
	return c;
}

static void members_list_order_and_removed(void **state)
{
	struct fx *f = *state;
	struct cast c = make_cast(f);
	struct member_row *rows;
	size_t n = 0;
	assert_int_equal(store_members_list(f->s, c.panel, &f->a, &rows, &n), ST_OK);
	assert_int_equal(n, 6); /* everyone but Eve */
	/* stewards first (paused ones too), by name */
	assert_string_equal(rows[0].display_name, "Amy");
	assert_string_equal(rows[1].display_name, "Pia");
	assert_string_equal(rows[2].display_name, "Zed");
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rows[i].m.panel_id, c.panel);
		assert_int_not_equal(rows[i].m.user_id, c.eve);
		assert_int_not_equal(rows[i].m.status, MEMBER_REMOVED);
		assert_true(strlen(rows[i].email) > 0);
		assert_int_equal(rows[i].user_status, USER_ACTIVE);
		if (i < 3) assert_int_equal(rows[i].m.role, ROLE_STEWARD);
		else assert_int_not_equal(rows[i].m.role, ROLE_STEWARD);
		/* within a role, by name */
		if (i > 0 && rows[i].m.role == rows[i - 1].m.role)
			assert_true(strcmp(rows[i - 1].display_name, rows[i].display_name) < 0);
		if (rows[i].m.user_id == c.dan) {
			assert_int_equal(rows[i].m.status, MEMBER_PAUSED);
			assert_int_equal(rows[i].m.role, ROLE_CO_CREATOR);
		}
		if (rows[i].m.user_id == c.cat) assert_int_equal(rows[i].m.role, ROLE_GUEST);
	}
	int64_t empty = make_panel(f, unique(f, "Empty"), HOSTING_ORGANISATION);
	assert_int_equal(store_members_list(f->s, empty, &f->a, &rows, &n), ST_OK);
	assert_int_equal(n, 0);
}

static void members_in_pages(void **state)
{
	struct fx *f = *state;
	struct cast c = make_cast(f);
	struct member_row *all, *page;
	size_t n_all = 0, n = 0;
	int64_t total = -1;
	assert_int_equal(store_members_list(f->s, c.panel, &f->a, &all, &n_all), ST_OK);
	assert_int_equal(n_all, 6);
	/* pages of 4 then 2 then none, in the list's order */
	size_t at = 0;
	for (int64_t offset = 0; offset <= 8; offset += 4) {
		assert_int_equal(store_members_page(f->s, c.panel, offset, 4, &f->a, &page, &n, &total),
		                 ST_OK);
		assert_int_equal(total, 6);
		assert_int_equal(n, offset == 0 ? 4 : offset == 4 ? 2 : 0);
		for (size_t i = 0; i < n; i++, at++) {
			assert_int_equal(page[i].m.user_id, all[at].m.user_id);
			assert_int_equal(page[i].m.panel_id, c.panel);
		}
	}
	assert_int_equal(at, n_all);
	assert_int_equal(store_members_page(f->s, c.panel, 5, 1, &f->a, &page, &n, &total), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(page[0].m.user_id, all[5].m.user_id);
	/* the total leaves out removed members, as the list does */
	put(f, c.panel, c.bob, ROLE_CO_CREATOR, MEMBER_REMOVED);
	assert_int_equal(store_members_page(f->s, c.panel, 0, 100, &f->a, &page, &n, &total), ST_OK);
	assert_int_equal(total, 5);
	assert_int_equal(n, 5);
}

/* The trigger-kept counts (migration 0002) always equal what a count of
 * the member rows says, through a long run of changes of role and status,
 * re-adds and erasures. */
static void counts_follow_every_change(void **state)
{
	struct fx *f = *state;
	int64_t panels[2] = { make_panel(f, unique(f, "Count A"), HOSTING_ORGANISATION),
	                      make_panel(f, unique(f, "Count B"), HOSTING_USER_LED) };
	int64_t users[8];
	for (int i = 0; i < 8; i++) users[i] = make_user(f, unique(f, "Counted"));
	uint32_t x = 12345;
	for (int step = 0; step < 300; step++) {
		x = x * 1103515245u + 12345u;
		int64_t panel = panels[(x >> 8) % 2];
		int64_t user = users[(x >> 12) % 8];
		if ((x >> 20) % 40 == 0) {
			assert_int_equal(store_user_erase(f->s, user, T0 + step), ST_OK);
		} else {
			enum panel_role role = (enum panel_role)(1 + (x >> 16) % 3);
			enum member_status status = (enum member_status)((x >> 24) % 3);
			assert_int_equal(store_membership_put(f->s, panel, user, role, status, T0 + step), ST_OK);
		}
		for (int p = 0; p < 2; p++) {
			struct member_row *rows;
			size_t n;
			assert_int_equal(store_members_list(f->s, panels[p], &f->a, &rows, &n), ST_OK);
			struct panel_counts want = {0}, got;
			for (size_t i = 0; i < n; i++) {
				if (rows[i].m.status != MEMBER_ACTIVE) continue;
				if (rows[i].m.role == ROLE_STEWARD) want.stewards++;
				else if (rows[i].m.role == ROLE_CO_CREATOR) want.co_creators++;
				else want.guests++;
			}
			assert_int_equal(store_panel_counts(f->s, panels[p], &got), ST_OK);
			assert_int_equal(got.stewards, want.stewards);
			assert_int_equal(got.co_creators, want.co_creators);
			assert_int_equal(got.guests, want.guests);
			struct member_row *page;
			int64_t total;
			assert_int_equal(store_members_page(f->s, panels[p], 0, 1, &f->a, &page, &n, &total), ST_OK);
			struct member_row *all;
			size_t n_all;
			assert_int_equal(store_members_list(f->s, panels[p], &f->a, &all, &n_all), ST_OK);
			assert_int_equal(total, (int64_t)n_all);
		}
	}
}

/* One read for a page's "who is asking" and "what is their place here". */
static void session_with_user_and_panel_with_membership(void **state)
{
	struct fx *f = *state;
	struct cast c = make_cast(f);
	const char *token = unique(f, "session-hash");
	assert_int_equal(store_session_create(f->s, token, c.bob, T0, T0 + 100), ST_OK);
	struct session sess;
	struct user u;
	assert_int_equal(store_session_user(f->s, token, T0 + 1, &f->a, &sess, &u), ST_OK);
	assert_int_equal(sess.user_id, c.bob);
	assert_int_equal(u.id, c.bob);
	assert_string_equal(u.display_name, "Bob");
	assert_int_equal(u.status, USER_ACTIVE);
	assert_int_equal(store_session_user(f->s, token, T0 + 100, &f->a, &sess, &u), ST_NOT_FOUND);
	assert_int_equal(store_session_user(f->s, unique(f, "nope"), T0, &f->a, &sess, &u), ST_NOT_FOUND);

	struct panel p;
	struct membership m;
	assert_int_equal(store_panel_member(f->s, c.panel, c.dan, &f->a, &p, &m), ST_OK);
	assert_int_equal(p.id, c.panel);
	assert_int_equal(m.role, ROLE_CO_CREATOR);
	assert_int_equal(m.status, MEMBER_PAUSED);
	assert_int_equal(store_panel_member(f->s, c.panel, c.eve, &f->a, &p, &m), ST_OK);
	assert_int_equal(m.status, MEMBER_REMOVED);
	int64_t stranger = make_user(f, "Stranger");
	assert_int_equal(store_panel_member(f->s, c.panel, stranger, &f->a, &p, &m), ST_OK);
	assert_int_equal(m.role, ROLE_NONE);
	assert_int_equal(store_panel_member(f->s, c.panel + 1000000, c.bob, &f->a, &p, &m), ST_NOT_FOUND);
}

static void counts_and_stewards(void **state)
{
	struct fx *f = *state;
	struct cast c = make_cast(f);
	struct panel_counts pc = { 9, 9, 9 };
	assert_int_equal(store_panel_counts(f->s, c.panel, &pc), ST_OK);
	assert_int_equal(pc.stewards, 2);     /* Zed, Amy; not Pia (paused), not Eve */
	assert_int_equal(pc.co_creators, 1);  /* Bob; not Dan (paused) */
	assert_int_equal(pc.guests, 1);
	assert_int_equal(store_active_steward_count(f->s, c.panel), 2);

	const char **names;
	size_t n = 0;
	assert_int_equal(store_panel_stewards(f->s, c.panel, &f->a, &names, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "Amy");
	assert_string_equal(names[1], "Zed");

	/* pausing a steward is seen at once */
	put(f, c.panel, c.zed, ROLE_STEWARD, MEMBER_PAUSED);
	assert_int_equal(store_active_steward_count(f->s, c.panel), 1);

	int64_t empty = make_panel(f, unique(f, "Empty"), HOSTING_ORGANISATION);
	assert_int_equal(store_panel_counts(f->s, empty, &pc), ST_OK);
	assert_int_equal(pc.stewards + pc.co_creators + pc.guests, 0);
	assert_int_equal(store_active_steward_count(f->s, empty), 0);
	assert_int_equal(store_panel_stewards(f->s, empty, &f->a, &names, &n), ST_OK);
	assert_int_equal(n, 0);
}

static void relations(void **state)
{
	struct fx *f = *state;
	struct cast c = make_cast(f);
	int64_t outsider = make_user(f, "Outsider");

	assert_int_equal(store_relation(f->s, c.bob, c.bob), REL_SELF);
	assert_int_equal(store_relation(f->s, outsider, outsider), REL_SELF);
	assert_int_equal(store_relation(f->s, c.amy, c.bob), REL_STEWARD);
	assert_int_equal(store_relation(f->s, c.amy, c.zed), REL_STEWARD);
	assert_int_equal(store_relation(f->s, c.amy, c.cat), REL_STEWARD);
	assert_int_equal(store_relation(f->s, c.amy, c.dan), REL_STEWARD);  /* paused subject */
	assert_int_equal(store_relation(f->s, c.bob, c.amy), REL_CO_MEMBER);
	assert_int_equal(store_relation(f->s, c.bob, c.cat), REL_CO_MEMBER);
	assert_int_equal(store_relation(f->s, c.dan, c.bob), REL_CO_MEMBER); /* paused co-creator */
	assert_int_equal(store_relation(f->s, c.pia, c.bob), REL_CO_MEMBER); /* paused steward */
	assert_int_equal(store_relation(f->s, c.cat, c.bob), REL_GUEST);
	assert_int_equal(store_relation(f->s, c.eve, c.bob), REL_NONE);      /* removed viewer */
	assert_int_equal(store_relation(f->s, c.amy, c.eve), REL_NONE);      /* removed subject */
	assert_int_equal(store_relation(f->s, outsider, c.bob), REL_NONE);
	assert_int_equal(store_relation(f->s, c.amy, outsider), REL_NONE);

	/* the strongest relation over all shared panels counts */
	int64_t second = make_panel(f, unique(f, "Second"), HOSTING_USER_LED);
	put(f, second, c.bob, ROLE_STEWARD, MEMBER_ACTIVE);
	put(f, second, c.cat, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	put(f, second, outsider, ROLE_GUEST, MEMBER_ACTIVE);
	assert_int_equal(store_relation(f->s, c.bob, c.cat), REL_STEWARD);
	assert_int_equal(store_relation(f->s, c.cat, c.bob), REL_CO_MEMBER);
	assert_int_equal(store_relation(f->s, outsider, c.bob), REL_GUEST);
	assert_int_equal(store_relation(f->s, outsider, c.amy), REL_NONE);
	assert_int_equal(store_relation(f->s, c.amy, outsider), REL_NONE);
	/* whichever panel is found first: a weaker relation in a newer panel
	 * does not hide a stronger one in an older panel */
	int64_t third = make_panel(f, unique(f, "Third"), HOSTING_ORGANISATION);
	put(f, third, c.amy, ROLE_GUEST, MEMBER_ACTIVE);
	put(f, third, c.bob, ROLE_CO_CREATOR, MEMBER_ACTIVE);
	assert_int_equal(store_relation(f->s, c.amy, c.bob), REL_STEWARD);
	assert_int_equal(store_relation(f->s, c.bob, c.amy), REL_CO_MEMBER);
}

/* ---- invitations ---- */

static void invitations(void **state)
{
	struct fx *f = *state;
	int64_t steward = make_user(f, "Steward"), joiner = make_user(f, "Joiner");
	int64_t panel = make_panel(f, unique(f, "Invite panel"), HOSTING_ORGANISATION);
	const char *token = unique(f, "inv"), *email = unique_email(f, "guest");
	int64_t id = 0;
	assert_int_equal(store_invitation_create(f->s, token, email, panel, ROLE_GUEST, steward, T0,
	                                         T0 + 1000, &id), ST_OK);
	assert_true(id > 0);
	int64_t dup = 0;
	assert_int_equal(store_invitation_create(f->s, token, email, panel, ROLE_GUEST, steward, T0,
	                                         T0 + 1000, &dup), ST_CONFLICT);

	struct invitation inv;
	memset(&inv, 0, sizeof inv);
	assert_int_equal(store_invitation_find(f->s, token, T0 + 10, &f->a, &inv), ST_OK);
	assert_int_equal(inv.id, id);
	assert_int_equal(inv.panel_id, panel);
	assert_int_equal(inv.invited_by, steward);
	assert_int_equal(inv.created_at, T0);
	assert_int_equal(inv.expires_at, T0 + 1000);
	assert_string_equal(inv.email, email);
	assert_int_equal(inv.role, ROLE_GUEST);
	/* expired */
	assert_int_equal(store_invitation_find(f->s, token, T0 + 1001, &f->a, &inv), ST_NOT_FOUND);
	assert_int_equal(store_invitation_find(f->s, unique(f, "nope"), T0, &f->a, &inv),
	                 ST_NOT_FOUND);

	/* too late to accept: a conflict, and nothing changes */
	assert_int_equal(store_invitation_accept(f->s, id, joiner, T0 + 1000), ST_CONFLICT);
	/* accepted once; a second acceptance is a conflict */
	assert_int_equal(store_invitation_accept(f->s, id, joiner, T0 + 20), ST_OK);
	assert_int_equal(store_invitation_accept(f->s, id, joiner, T0 + 21), ST_CONFLICT);
	assert_int_equal(store_invitation_find(f->s, token, T0 + 22, &f->a, &inv), ST_NOT_FOUND);
	/* an accepted invitation cannot be revoked */
	assert_int_equal(store_invitation_revoke(f->s, panel, id, T0 + 23), ST_NOT_FOUND);

	/* an invitation made by the system (no inviter) */
	const char *t2 = unique(f, "inv2");
	int64_t id2 = 0;
	assert_int_equal(store_invitation_create(f->s, t2, unique_email(f, "steward"), panel,
	                                         ROLE_STEWARD, 0, T0, T0 + 1000, &id2), ST_OK);
	assert_int_equal(store_invitation_find(f->s, t2, T0, &f->a, &inv), ST_OK);
	assert_int_equal(inv.invited_by, 0);
	assert_int_equal(inv.role, ROLE_STEWARD);
}

static void invitation_revoke(void **state)
{
	struct fx *f = *state;
	int64_t steward = make_user(f, "Steward");
	int64_t panel = make_panel(f, unique(f, "P"), HOSTING_ORGANISATION);
	int64_t other_panel = make_panel(f, unique(f, "Q"), HOSTING_ORGANISATION);
	const char *token = unique(f, "inv");
	int64_t id = 0;
	assert_int_equal(store_invitation_create(f->s, token, unique_email(f, "x"), panel,
	                                         ROLE_CO_CREATOR, steward, T0, T0 + 1000, &id), ST_OK);
	/* only through the panel it belongs to */
	assert_int_equal(store_invitation_revoke(f->s, other_panel, id, T0 + 1), ST_NOT_FOUND);
	struct invitation inv;
	assert_int_equal(store_invitation_find(f->s, token, T0 + 2, &f->a, &inv), ST_OK);
	assert_int_equal(store_invitation_revoke(f->s, panel, id, T0 + 3), ST_OK);
	assert_int_equal(store_invitation_find(f->s, token, T0 + 4, &f->a, &inv), ST_NOT_FOUND);
	assert_int_equal(store_invitation_revoke(f->s, panel, id, T0 + 5), ST_NOT_FOUND);
	/* a revoked invitation cannot be accepted */
	int64_t joiner = make_user(f, "Joiner");
	assert_int_equal(store_invitation_accept(f->s, id, joiner, T0 + 6), ST_CONFLICT);
}

static void invitations_pending(void **state)
{
	struct fx *f = *state;
	int64_t steward = make_user(f, "Steward"), joiner = make_user(f, "Joiner");
	int64_t panel = make_panel(f, unique(f, "P"), HOSTING_ORGANISATION);
	int64_t other = make_panel(f, unique(f, "Q"), HOSTING_ORGANISATION);
	int64_t pending1 = 0, pending2 = 0, accepted = 0, revoked = 0, expired = 0, elsewhere = 0;
	assert_int_equal(store_invitation_create(f->s, unique(f, "a"), unique_email(f, "a"), panel,
	                                         ROLE_GUEST, steward, T0, T0 + 1000, &pending1), ST_OK);
	assert_int_equal(store_invitation_create(f->s, unique(f, "b"), unique_email(f, "b"), panel,
	                                         ROLE_CO_CREATOR, steward, T0 + 1, T0 + 1000,
	                                         &pending2), ST_OK);
	assert_int_equal(store_invitation_create(f->s, unique(f, "c"), unique_email(f, "c"), panel,
	                                         ROLE_GUEST, steward, T0, T0 + 1000, &accepted), ST_OK);
	assert_int_equal(store_invitation_create(f->s, unique(f, "d"), unique_email(f, "d"), panel,
	                                         ROLE_GUEST, steward, T0, T0 + 1000, &revoked), ST_OK);
	assert_int_equal(store_invitation_create(f->s, unique(f, "e"), unique_email(f, "e"), panel,
	                                         ROLE_GUEST, steward, T0, T0 + 50, &expired), ST_OK);
	assert_int_equal(store_invitation_create(f->s, unique(f, "f"), unique_email(f, "f"), other,
	                                         ROLE_GUEST, steward, T0, T0 + 1000, &elsewhere),
	                 ST_OK);
	assert_int_equal(store_invitation_accept(f->s, accepted, joiner, T0 + 10), ST_OK);
	assert_int_equal(store_invitation_revoke(f->s, panel, revoked, T0 + 10), ST_OK);

	struct invitation *list;
	size_t n = 0;
	assert_int_equal(store_invitations_pending(f->s, panel, T0 + 100, &f->a, &list, &n), ST_OK);
	assert_int_equal(n, 2);
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(list[i].panel_id, panel);
		assert_true(strlen(list[i].email) > 0);
		if (list[i].id == pending1) { seen |= 1; assert_int_equal(list[i].role, ROLE_GUEST); }
		if (list[i].id == pending2) { seen |= 2; assert_int_equal(list[i].role, ROLE_CO_CREATOR); }
	}
	assert_int_equal(seen, 3);
	/* before it expired, the short one was pending too */
	assert_int_equal(store_invitations_pending(f->s, panel, T0 + 20, &f->a, &list, &n), ST_OK);
	assert_int_equal(n, 3);
}

/* ---- password resets ---- */

static void resets(void **state)
{
	struct fx *f = *state;
	int64_t uid = make_user(f, "Forgetful");
	const char *token = unique(f, "reset"), *old = unique(f, "old");
	assert_int_equal(store_reset_create(f->s, token, uid, T0, T0 + 3600), ST_OK);
	assert_int_equal(store_reset_create(f->s, old, uid, T0, T0 + 60), ST_OK);
	assert_int_equal(store_reset_create(f->s, token, uid, T0, T0 + 3600), ST_CONFLICT);

	int64_t who = 0;
	assert_int_equal(store_reset_use(f->s, old, T0 + 61, &who), ST_NOT_FOUND); /* expired */
	assert_int_equal(store_reset_use(f->s, unique(f, "nope"), T0, &who), ST_NOT_FOUND);
	assert_int_equal(store_reset_use(f->s, token, T0 + 100, &who), ST_OK);
	assert_int_equal(who, uid);
	/* once only */
	who = 0;
	assert_int_equal(store_reset_use(f->s, token, T0 + 101, &who), ST_NOT_FOUND);
}

/* ---- outbox ---- */

static void outbox_newest_first(void **state)
{
	struct fx *f = *state;
	const char *to = unique_email(f, "to");
	const char *s1 = unique(f, "first"), *s2 = unique(f, "second"), *s3 = unique(f, "third");
	assert_int_equal(store_outbox_add(f->s, to, s1, "Body one", "notice", 0, T0 + 1), ST_OK);
	assert_int_equal(store_outbox_add(f->s, to, s2, "Body two\nline", "notice", 0, T0 + 2), ST_OK);
	assert_int_equal(store_outbox_add(f->s, to, s3, "Body three", "notice", 0, T0 + 3), ST_OK);

	struct outbox_message *m;
	size_t n = 0;
	assert_int_equal(store_outbox_recent(f->s, 2, &f->a, &m, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].subject, s3);
	assert_string_equal(m[1].subject, s2);
	assert_string_equal(m[1].body, "Body two\nline");
	assert_string_equal(m[0].to_email, to);
	assert_int_equal(m[0].created_at, T0 + 3);
	assert_int_equal(m[0].sent_at, 0);
	assert_true(m[0].id != m[1].id);

	assert_int_equal(store_outbox_recent(f->s, 3, &f->a, &m, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_string_equal(m[2].subject, s1);
}

/* Whether m[0..n) holds a message to `to`; its index or -1. */
static int find_to(const struct outbox_message *m, size_t n, const char *to)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(m[i].to_email, to)) return (int)i;
	return -1;
}

/* Delivery's bookkeeping: of two holders one takes a message; a lease that
 * ends lets another take it; only the holder records what became of it;
 * a retry waits for its time; a refusal is shown for its panel. */
static void outbox_claims_and_records(void **state)
{
	struct fx *f = *state;
	const char *to = unique_email(f, "claim");
	const int64_t now = T0 + 1000;
	assert_int_equal(store_outbox_add(f->s, to, "Claim me", "Body", "invitation", 0, T0),
	                 ST_OK);
	struct outbox_message *m;
	size_t n;
	assert_int_equal(store_outbox_claim(f->s, "holder-a", now, now + 60, 100000, &f->a, &m, &n),
	                 ST_OK);
	int i = find_to(m, n, to);
	assert_true(i >= 0);
	int64_t id = m[i].id;
	assert_string_equal(m[i].kind, "invitation");
	assert_int_equal(m[i].attempts, 0);
	/* Held: nobody else takes it, until the lease ends. */
	assert_int_equal(store_outbox_claim(f->s, "holder-b", now + 1, now + 61, 100000, &f->a, &m,
	                                    &n), ST_OK);
	assert_int_equal(find_to(m, n, to), -1);
	assert_int_equal(store_outbox_claim(f->s, "holder-b", now + 60, now + 120, 100000, &f->a, &m,
	                                    &n), ST_OK);
	assert_true(find_to(m, n, to) >= 0);
	/* holder-a lost it: what it says is not written. */
	assert_int_equal(store_outbox_record(f->s, id, "holder-a", now + 61, 250, DELIVERY_SENT, "",
	                                     0), ST_NOT_FOUND);
	/* holder-b is told to try later: not due before then. */
	assert_int_equal(store_outbox_record(f->s, id, "holder-b", now + 62, 451, DELIVERY_RETRY,
	                                     "451 4.3.0 Try again later", now + 300), ST_OK);
	assert_int_equal(store_outbox_claim(f->s, "holder-b", now + 299, now + 400, 100000, &f->a, &m,
	                                    &n), ST_OK);
	assert_int_equal(find_to(m, n, to), -1);
	assert_int_equal(store_outbox_claim(f->s, "holder-b", now + 300, now + 400, 100000, &f->a, &m,
	                                    &n), ST_OK);
	i = find_to(m, n, to);
	assert_true(i >= 0);
	assert_int_equal(m[i].attempts, 1);
	assert_string_equal(m[i].last_error, "451 4.3.0 Try again later");
	assert_int_equal(store_outbox_record(f->s, id, "holder-b", now + 301, 250, DELIVERY_SENT,
	                                     "250 OK", 0), ST_OK);
	/* Sent: never taken again. */
	assert_int_equal(store_outbox_claim(f->s, "holder-c", now + 10000, now + 10060, 100000,
	                                    &f->a, &m, &n), ST_OK);
	assert_int_equal(find_to(m, n, to), -1);
	assert_int_equal(store_outbox_recent(f->s, 50, &f->a, &m, &n), ST_OK);
	i = find_to(m, n, to);
	assert_true(i >= 0);
	assert_int_equal(m[i].sent_at, now + 301);
	assert_int_equal(m[i].attempts, 2);
	assert_string_equal(m[i].last_error, "");

	/* A refusal for a panel is among its troubled messages. */
	const char *name = unique(f, "Mail panel");
	struct panel p = { .name = name, .time_zone = "Europe/London", .language = "en" };
	int64_t panel;
	assert_int_equal(store_panel_create(f->s, &p, T0, &panel), ST_OK);
	const char *bad = unique_email(f, "refused");
	assert_int_equal(store_outbox_add(f->s, bad, "To a dead address", "Body", "notice", panel,
	                                  T0), ST_OK);
	assert_int_equal(store_outbox_claim(f->s, "holder-d", now + 20000, now + 20060, 100000,
	                                    &f->a, &m, &n), ST_OK);
	i = find_to(m, n, bad);
	assert_true(i >= 0);
	assert_int_equal(store_outbox_record(f->s, m[i].id, "holder-d", now + 20001, 550,
	                                     DELIVERY_REFUSED, "550 5.1.1 No such user", 0), ST_OK);
	assert_int_equal(store_outbox_troubled(f->s, panel, 10, &f->a, &m, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].to_email, bad);
	assert_int_equal(m[0].failed_at, now + 20001);
	assert_string_equal(m[0].last_error, "550 5.1.1 No such user");
}

/* ---- profile, consent, audit ---- */

static const struct profile_value *value_of(struct profile_value *v, size_t n, const char *field)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].field, field)) return &v[i];
	return NULL;
}

static void profile_set_and_delete(void **state)
{
	struct fx *f = *state;
	int64_t uid = make_user(f, "Prof"), other = make_user(f, "Other");
	assert_int_equal(store_profile_set(f->s, uid, "pronouns", "they/them", VIS_PANEL, T0), ST_OK);
	assert_int_equal(store_profile_set(f->s, uid, "phone", "01234 567890", VIS_STEWARDS, T0 + 1),
	                 ST_OK);
	assert_int_equal(store_profile_set(f->s, other, "pronouns", "he/him", VIS_SELF, T0), ST_OK);

	struct profile_value *v;
	size_t n = 0;
	assert_int_equal(store_profile_get(f->s, uid, &f->a, &v, &n), ST_OK);
	assert_int_equal(n, 2);
	const struct profile_value *p = value_of(v, n, "pronouns");
	assert_non_null(p);
	assert_string_equal(p->value, "they/them");
	assert_int_equal(p->visibility, VIS_PANEL);
	assert_int_equal(p->updated_at, T0);
	p = value_of(v, n, "phone");
	assert_non_null(p);
	assert_int_equal(p->visibility, VIS_STEWARDS);

	/* setting again replaces value and visibility */
	assert_int_equal(store_profile_set(f->s, uid, "pronouns", "she/they", VIS_SELF, T0 + 5), ST_OK);
	assert_int_equal(store_profile_get(f->s, uid, &f->a, &v, &n), ST_OK);
	assert_int_equal(n, 2);
	p = value_of(v, n, "pronouns");
	assert_string_equal(p->value, "she/they");
	assert_int_equal(p->visibility, VIS_SELF);
	assert_int_equal(p->updated_at, T0 + 5);

	/* an empty value (or none) deletes the answer */
	assert_int_equal(store_profile_set(f->s, uid, "pronouns", "", VIS_PANEL, T0 + 6), ST_OK);
	assert_int_equal(store_profile_get(f->s, uid, &f->a, &v, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_null(value_of(v, n, "pronouns"));
	assert_int_equal(store_profile_set(f->s, uid, "phone", NULL, VIS_PANEL, T0 + 7), ST_OK);
	assert_int_equal(store_profile_get(f->s, uid, &f->a, &v, &n), ST_OK);
	assert_int_equal(n, 0);
	/* deleting what is not there is fine */
	assert_int_equal(store_profile_set(f->s, uid, "phone", "", VIS_PANEL, T0 + 8), ST_OK);

	/* nobody else's answers were touched */
	assert_int_equal(store_profile_get(f->s, other, &f->a, &v, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].value, "he/him");
}

static void consents_latest_row_wins(void **state)
{
	struct fx *f = *state;
	int64_t uid = make_user(f, "Consenting"), other = make_user(f, "Other");
	const char *gender = "representation.gender", *age = "representation.age_band";
	assert_false(store_consent_current(f->s, uid, gender));
	assert_int_equal(store_consent_add(f->s, uid, gender, "w1", true, T0), ST_OK);
	assert_true(store_consent_current(f->s, uid, gender));
	assert_false(store_consent_current(f->s, uid, age));
	assert_false(store_consent_current(f->s, other, gender));
	/* withdrawn at the same second: order of recording decides */
	assert_int_equal(store_consent_add(f->s, uid, gender, "w1", false, T0), ST_OK);
	assert_false(store_consent_current(f->s, uid, gender));
	assert_int_equal(store_consent_add(f->s, uid, gender, "w2", true, T0 + 10), ST_OK);
	assert_true(store_consent_current(f->s, uid, gender));
	assert_int_equal(store_consent_add(f->s, uid, age, "w2", false, T0 + 11), ST_OK);
	assert_false(store_consent_current(f->s, uid, age));
	assert_true(store_consent_current(f->s, uid, gender));

	struct consent *c;
	size_t n = 0;
	assert_int_equal(store_consents_list(f->s, uid, &f->a, &c, &n), ST_OK);
	assert_int_equal(n, 4);
	/* oldest first: the whole history */
	assert_string_equal(c[0].purpose, gender);
	assert_true(c[0].given);
	assert_string_equal(c[0].wording_version, "w1");
	assert_false(c[1].given);
	assert_true(c[2].given);
	assert_string_equal(c[2].wording_version, "w2");
	assert_int_equal(c[2].at, T0 + 10);
	assert_string_equal(c[3].purpose, age);
	assert_false(c[3].given);
	for (size_t i = 1; i < n; i++) assert_true(c[i - 1].id < c[i].id);
	assert_int_equal(store_consents_list(f->s, other, &f->a, &c, &n), ST_OK);
	assert_int_equal(n, 0);
}

static void audit_newest_first(void **state)
{
	struct fx *f = *state;
	int64_t subject = make_user(f, "Subject"), actor = make_user(f, "Actor Name");
	int64_t elsewhere = make_user(f, "Elsewhere");
	assert_int_equal(store_audit_add(f->s, subject, actor, AUDIT_READ, "phone", T0 + 1), ST_OK);
	assert_int_equal(store_audit_add(f->s, subject, actor, AUDIT_CHANGE, "pronouns", T0 + 2),
	                 ST_OK);
	assert_int_equal(store_audit_add(f->s, subject, 0, AUDIT_EXPORT, "all", T0 + 3), ST_OK);
	assert_int_equal(store_audit_add(f->s, elsewhere, actor, AUDIT_READ, "x", T0 + 4), ST_OK);

	struct audit_entry *e;
	size_t n = 0;
	assert_int_equal(store_audit_list(f->s, subject, 10, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 3);
	assert_int_equal(e[0].action, AUDIT_EXPORT);
	assert_int_equal(e[0].actor_user_id, 0);       /* no actor: the system */
	assert_string_equal(e[0].actor_name, "");
	assert_string_equal(e[0].detail, "all");
	assert_int_equal(e[1].action, AUDIT_CHANGE);
	assert_int_equal(e[1].actor_user_id, actor);
	assert_string_equal(e[1].actor_name, "Actor Name");
	assert_string_equal(e[1].detail, "pronouns");
	assert_int_equal(e[2].action, AUDIT_READ);
	assert_int_equal(e[2].at, T0 + 1);

	assert_int_equal(store_audit_list(f->s, subject, 2, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(e[0].action, AUDIT_EXPORT);
	assert_int_equal(e[1].action, AUDIT_CHANGE);

	assert_string_equal(audit_action_key(AUDIT_ERASE), "erase");
	assert_string_equal(audit_action_key((enum audit_action)99), "?");
}

/* ---- sign-in failures ---- */

static void signin_failures(void **state)
{
	struct fx *f = *state;
	const char *k = unique(f, "key"), *l = unique(f, "other");
	assert_int_equal(store_signin_failures_since(f->s, k, 0), 0);
	assert_int_equal(store_signin_failure_add(f->s, k, T0 + 100), ST_OK);
	assert_int_equal(store_signin_failure_add(f->s, k, T0 + 200), ST_OK);
	assert_int_equal(store_signin_failure_add(f->s, k, T0 + 300), ST_OK);
	assert_int_equal(store_signin_failure_add(f->s, l, T0 + 300), ST_OK);
	assert_int_equal(store_signin_failures_since(f->s, k, 0), 3);
	assert_int_equal(store_signin_failures_since(f->s, k, T0 + 150), 2);
	assert_int_equal(store_signin_failures_since(f->s, k, T0 + 250), 1);
	assert_int_equal(store_signin_failures_since(f->s, k, T0 + 350), 0);
	assert_int_equal(store_signin_failures_since(f->s, l, 0), 1);
	assert_int_equal(store_signin_failures_prune(f->s, T0 + 250), ST_OK);
	assert_int_equal(store_signin_failures_since(f->s, k, 0), 1);
	assert_int_equal(store_signin_failures_since(f->s, l, 0), 1);
}

/* ---- transactions ---- */

struct tx_ctx {
	struct fx *f;
	const char *key;
	enum store_rc result;
	int calls;
	int busy_times;       /* report ST_BUSY this many times first */
	int64_t made_user;
	const char *email;
};

static enum store_rc tx_write(struct store *s, void *p)
{
	struct tx_ctx *c = p;
	c->calls++;
	enum store_rc rc = store_setting_set(s, c->key, arena_printf(&c->f->a, "call %d", c->calls));
	if (rc != ST_OK) return rc;
	if (c->email) {
		rc = store_user_create(s, c->email, "In tx", false, T0, &c->made_user);
		if (rc != ST_OK) return rc;
	}
	if (c->calls <= c->busy_times) return ST_BUSY;
	return c->result;
}

static void tx_commits_on_ok(void **state)
{
	struct fx *f = *state;
	struct tx_ctx c = { .f = f, .key = unique(f, "tx"), .result = ST_OK,
	                    .email = unique_email(f, "tx") };
	assert_int_equal(store_tx(f->s, tx_write, &c), ST_OK);
	assert_int_equal(c.calls, 1);
	const char *v = NULL;
	assert_int_equal(store_setting_get(f->s, c.key, &f->a, &v), ST_OK);
	assert_string_equal(v, "call 1");
	struct user u;
	assert_int_equal(store_user_by_email(f->s, c.email, &f->a, &u), ST_OK);
	assert_int_equal(u.id, c.made_user);
	/* and it is durable: another connection sees it */
	struct store *other = store_db_open(f->target);
	assert_int_equal(store_setting_get(other, c.key, &f->a, &v), ST_OK);
	store_close(other);
}

static void tx_rolls_back_on_error(void **state)
{
	struct fx *f = *state;
	const enum store_rc failures[] = { ST_CONFLICT, ST_NOT_FOUND, ST_ERROR };
	for (size_t i = 0; i < sizeof failures / sizeof failures[0]; i++) {
		int64_t count = store_user_count(f->s);
		struct tx_ctx c = { .f = f, .key = unique(f, "tx"), .result = failures[i],
		                    .email = unique_email(f, "rolled-back") };
		assert_int_equal(store_tx(f->s, tx_write, &c), failures[i]);
		assert_int_equal(c.calls, 1); /* not retried: only busy is */
		assert_true(c.made_user > 0);  /* the write happened inside... */
		const char *v = NULL;          /* ...and is gone */
		assert_int_equal(store_setting_get(f->s, c.key, &f->a, &v), ST_NOT_FOUND);
		struct user u;
		assert_int_equal(store_user_by_email(f->s, c.email, &f->a, &u), ST_NOT_FOUND);
		assert_int_equal(store_user_get(f->s, c.made_user, &f->a, &u), ST_NOT_FOUND);
		assert_int_equal(store_user_count(f->s), count);
	}
	/* the connection is fine afterwards */
	struct tx_ctx ok = { .f = f, .key = unique(f, "tx"), .result = ST_OK };
	assert_int_equal(store_tx(f->s, tx_write, &ok), ST_OK);
}

struct nested_ctx {
	struct tx_ctx inner;
	enum store_rc outer_result;
	enum store_rc inner_rc;
};

static enum store_rc tx_outer(struct store *s, void *p)
{
	struct nested_ctx *n = p;
	n->inner_rc = store_tx(s, tx_write, &n->inner);
	return n->inner_rc != ST_OK ? n->inner_rc : n->outer_result;
}

static void tx_nested_is_one_transaction(void **state)
{
	struct fx *f = *state;
	/* an inner store_tx joins the outer one: the outer failure undoes it */
	struct nested_ctx n = { .inner = { .f = f, .key = unique(f, "inner"), .result = ST_OK },
	                        .outer_result = ST_CONFLICT };
	assert_int_equal(store_tx(f->s, tx_outer, &n), ST_CONFLICT);
	assert_int_equal(n.inner_rc, ST_OK);
	const char *v;
	assert_int_equal(store_setting_get(f->s, n.inner.key, &f->a, &v), ST_NOT_FOUND);

	struct nested_ctx ok = { .inner = { .f = f, .key = unique(f, "inner"), .result = ST_OK },
	                         .outer_result = ST_OK };
	assert_int_equal(store_tx(f->s, tx_outer, &ok), ST_OK);
	assert_int_equal(store_setting_get(f->s, ok.inner.key, &f->a, &v), ST_OK);
}

static void tx_retries_when_busy(void **state)
{
	struct fx *f = *state;
	/* fn meets a busy database twice (as a statement inside it would), then
	 * succeeds: the whole of fn runs again and only the last run counts */
	struct tx_ctx c = { .f = f, .key = unique(f, "retry"), .result = ST_OK, .busy_times = 2,
	                    .email = unique_email(f, "retry") };
	assert_int_equal(store_tx(f->s, tx_write, &c), ST_OK);
	assert_int_equal(c.calls, 3);
	const char *v = NULL;
	assert_int_equal(store_setting_get(f->s, c.key, &f->a, &v), ST_OK);
	assert_string_equal(v, "call 3");
	/* the user made by the failed runs was rolled back each time, so the
	 * third run could create it again without a conflict */
	struct user u;
	assert_int_equal(store_user_by_email(f->s, c.email, &f->a, &u), ST_OK);
	assert_int_equal(u.id, c.made_user);
}

static void tx_gives_up_when_always_busy(void **state)
{
	struct fx *f = *state;
	struct tx_ctx c = { .f = f, .key = unique(f, "busy"), .result = ST_OK, .busy_times = 1000 };
	assert_int_equal(store_tx(f->s, tx_write, &c), ST_BUSY);
	assert_int_equal(c.calls, store_tx_attempts(f->s)); /* it retried, then stopped */
	assert_true(c.calls >= 4);
	const char *v;
	assert_int_equal(store_setting_get(f->s, c.key, &f->a, &v), ST_NOT_FOUND);
	/* The server hears of it once (and answers 503), then not again. */
	assert_true(store_take_busy(f->s));
	assert_false(store_take_busy(f->s));
	/* A write that went through after a retry was not given up. */
	c = (struct tx_ctx){ .f = f, .key = unique(f, "busy-once"), .result = ST_OK,
	                     .busy_times = 1 };
	assert_int_equal(store_tx(f->s, tx_write, &c), ST_OK);
	assert_false(store_take_busy(f->s));
}

/* Two connections to one database. A thread holds a write transaction that
 * sets a key, for 50 ms; meanwhile the main thread writes the same key in
 * its own store_tx. Whatever the backend's locking (SQLite waits for the
 * lock or reports busy and store_tx retries; PostgreSQL waits on the row),
 * the main transaction must succeed, and must land after the holder's: the
 * final value is the main thread's. */
struct holder {
	const char *target;
	const char *key;
	sem_t holding;
	enum store_rc rc;
	struct arena a;
};

static enum store_rc hold_fn(struct store *s, void *p)
{
	struct holder *h = p;
	enum store_rc rc = store_setting_set(s, h->key, "holder");
	if (rc != ST_OK) return rc;
	sem_post(&h->holding);
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	return ST_OK;
}

static void *holder_thread(void *p)
{
	struct holder *h = p;
	char *err = NULL;
	struct store *s = store_open(h->target, &err);
	free(err);
	if (!s) {
		h->rc = ST_ERROR;
		sem_post(&h->holding);
		return NULL;
	}
	h->rc = store_tx(s, hold_fn, h);
	store_close(s);
	return NULL;
}

struct waiter_ctx { const char *key; int calls; };

static enum store_rc wait_fn(struct store *s, void *p)
{
	struct waiter_ctx *w = p;
	w->calls++;
	return store_setting_set(s, w->key, "waiter");
}

static void tx_waits_for_another_writer(void **state)
{
	struct fx *f = *state;
	struct holder h = { .target = f->target, .key = unique(f, "contended") };
	assert_int_equal(sem_init(&h.holding, 0, 0), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, holder_thread, &h), 0);
	sem_wait(&h.holding); /* the holder is inside its transaction now */

	struct waiter_ctx w = { .key = h.key };
	enum store_rc rc = store_tx(f->s, wait_fn, &w);
	pthread_join(t, NULL);
	sem_destroy(&h.holding);

	assert_int_equal(h.rc, ST_OK);
	assert_int_equal(rc, ST_OK);
	assert_true(w.calls >= 1);
	/* On PostgreSQL the waiter's write met the holder's committed row
	 * after its snapshot: a serialisation failure, which store_tx ran
	 * again (SQLite waits for the lock instead, and runs it once). */
	if (!f->sqlite) assert_true(w.calls >= 2);
	const char *v = NULL;
	assert_int_equal(store_setting_get(f->s, h.key, &f->a, &v), ST_OK);
	assert_string_equal(v, "waiter");
}

/* ---- backup (a file copy: SQLite only) ---- */

static void backup_is_a_working_copy(void **state)
{
	struct fx *f = *state;
	if (!f->sqlite) skip(); /* backup writes SQLite files (db.h) */
	int64_t uid = make_user(f, "Backed Up");
	char path[300];
	snprintf(path, sizeof path, "%s.bak", f->target);
	char *err = NULL;
	assert_int_equal(store_backup(f->s, path, &err), ST_OK);
	free(err);
	struct store *copy = store_db_open(path);
	struct user u;
	assert_int_equal(store_user_get(copy, uid, &f->a, &u), ST_OK);
	assert_string_equal(u.display_name, "Backed Up");
	assert_int_equal(store_schema_version(copy), store_schema_latest());
	store_close(copy);
	/* suffixed companions of the copy, if the backend made any */
	char p[320];
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* ---- a PostgreSQL connection that breaks ---- */

/* The database server ends our connection (a restart, a failover, an
 * administrator): the operation in flight fails, is not retried (its
 * commit might have happened), and the next one reconnects, prepares its
 * statements again and works. PostgreSQL only. */
static void reconnects_after_the_connection_breaks(void **state)
{
	struct fx *f = *state;
	if (f->sqlite) skip();
	int64_t uid = make_user(f, "Still Here");
	struct user u;
	assert_int_equal(store_user_get(f->s, uid, &f->a, &u), ST_OK); /* prepared */
	const char *db = strrchr(f->target, '/') + 1;
	/* A DO block: testdb_admin runs commands, not queries. */
	char block[400];
	snprintf(block, sizeof block, "DO $$ BEGIN PERFORM pg_terminate_backend(pid) FROM "
	                              "pg_stat_activity WHERE datname = '%s' AND pid <> "
	                              "pg_backend_pid(); END $$", db);
	assert_true(testdb_admin(block));
	assert_int_not_equal(store_user_get(f->s, uid, &f->a, &u), ST_OK);
	assert_int_equal(store_user_get(f->s, uid, &f->a, &u), ST_OK);
	assert_string_equal(u.display_name, "Still Here");
	int64_t again = make_user(f, "After The Break");
	assert_true(again > uid);
}

/* ---- copying a whole installation ---- */

/* A fresh, migrated database of the given backend in f's directory. */
static struct store *fresh_store(struct fx *f, bool postgresql, char *target, size_t size)
{
	assert_true(testdb_create_on(postgresql, f->dir, target, size));
	struct store *s = store_db_open(target);
	int applied;
	assert_int_equal(store_migrate(s, &applied), ST_OK);
	return s;
}

static void drop_store(struct store *s, const char *target)
{
	store_close(s);
	testdb_drop(target);
	if (strncmp(target, "postgresql://", 13)) {
		const char *const suffixes[] = { "", "-wal", "-shm" };
		for (size_t i = 0; i < 3; i++) {
			char p[320];
			snprintf(p, sizeof p, "%s%s", target, suffixes[i]);
			unlink(p);
		}
	}
}

static void assert_same_sums(struct fx *f, struct store *x, struct store *y)
{
	struct store_table_sum *a, *b;
	size_t na, nb;
	assert_int_equal(store_table_sums(x, &f->a, &a, &na), ST_OK);
	assert_int_equal(store_table_sums(y, &f->a, &b, &nb), ST_OK);
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_string_equal(a[i].table, b[i].table);
		assert_int_equal(a[i].rows, b[i].rows);
		assert_string_equal(a[i].checksum, b[i].checksum);
	}
}

/* Rows of every kind, with NULLs, quotes, non-ASCII text and an empty
 * string, so that a copy that lost any of them would show. */
static void fill_for_copy(struct fx *f, struct store *s)
{
	struct store *keep = f->s;
	f->s = s;
	int64_t u1 = make_user(f, "Zoë O'Brien \"Zed\""), u2 = make_user(f, "");
	int64_t p = make_panel(f, "Copied panel", HOSTING_USER_LED);
	put(f, p, u1, ROLE_STEWARD, MEMBER_ACTIVE);
	put(f, p, u2, ROLE_CO_CREATOR, MEMBER_PAUSED);
	assert_int_equal(store_profile_set(s, u1, "pronouns", "she/her; they'll do", VIS_PANEL, T0),
	                 ST_OK);
	assert_int_equal(store_setting_set(s, unique(f, "copy"), "ünïcode ✓"), ST_OK);
	int64_t inv;
	assert_int_equal(store_invitation_create(s, unique(f, "inv"), unique_email(f, "inv"), p,
	                                         ROLE_GUEST, 0, T0, T0 + 100, &inv), ST_OK);
	assert_int_equal(store_audit_add(s, u2, 0, AUDIT_READ, "pronouns", T0), ST_OK);
	assert_int_equal(store_signin_failure_add(s, unique(f, "key"), T0), ST_OK);
	f->s = keep;
}

/* SQLite → PostgreSQL → SQLite gives back the same rows; on the SQLite-only
 * run (no cluster), SQLite → SQLite → SQLite. */
static void copy_round_trip(void **state)
{
	struct fx *f = *state;
	bool pg = testdb_is_postgresql();
	char t1[300], t2[300], t3[300];
	struct store *first = fresh_store(f, false, t1, sizeof t1);
	struct store *middle = fresh_store(f, pg, t2, sizeof t2);
	struct store *last = fresh_store(f, false, t3, sizeof t3);
	fill_for_copy(f, first);
	const char *why = NULL;
	assert_int_equal(store_copy(first, middle, &f->a, &why), ST_OK);
	assert_int_equal(store_copy(middle, last, &f->a, &why), ST_OK);
	assert_same_sums(f, first, middle);
	assert_same_sums(f, first, last);

	/* New ids follow the copied ones on the copy's backend. */
	struct user *users;
	size_t n;
	assert_int_equal(store_users_list(middle, &f->a, &users, &n), ST_OK);
	assert_int_equal(n, 2);
	int64_t next = 0;
	assert_int_equal(store_user_create(middle, unique_email(f, "after"), "After", false, T0,
	                                   &next), ST_OK);
	assert_int_equal(next, users[1].id + 1);
	drop_store(first, t1);
	drop_store(middle, t2);
	drop_store(last, t3);
}

static void copy_refuses_a_target_with_data(void **state)
{
	struct fx *f = *state;
	char t[300];
	struct store *source = fresh_store(f, false, t, sizeof t);
	fill_for_copy(f, source);
	int64_t mine = make_user(f, "Already here"); /* in f->s, the target */
	struct store_table_sum *before, *after;
	size_t nb, na;
	assert_int_equal(store_table_sums(f->s, &f->a, &before, &nb), ST_OK);
	const char *why = NULL;
	assert_int_equal(store_copy(source, f->s, &f->a, &why), ST_CONFLICT);
	assert_non_null(strstr(why, "already holds data"));
	assert_int_equal(store_table_sums(f->s, &f->a, &after, &na), ST_OK);
	for (size_t i = 0; i < nb; i++) assert_string_equal(before[i].checksum, after[i].checksum);
	struct user u;
	assert_int_equal(store_user_get(f->s, mine, &f->a, &u), ST_OK);
	drop_store(source, t);
}

/* Every table of a fresh schema is one the copy knows, on each backend. */
static void copy_knows_every_table(void **state)
{
	struct fx *f = *state;
	const char *why = NULL;
	enum store_rc rc = store_copy_tables_known(f->s, &f->a, &why);
	if (rc != ST_OK) fail_msg("%s", why);
}

int main(void)
{
	run_tag = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migrate_applies_and_records, setup_unmigrated,
		                                teardown),
		T(check_reports_ok),
		T(check_that_cannot_finish_is_not_ok),
		T(settings),
		T(user_create_and_get),
		T(user_duplicate_email_conflicts),
		T(user_password_only_through_its_operation),
		T(user_set_name_checks_version),
		T(user_status_and_admin),
		T(users_list_in_id_order),
		T(user_erase),
		T(erase_two_people),
		T(erased_address_can_sign_up_again),
		T(sessions),
		T(sessions_prune),
		T(api_tokens),
		T(panel_create_get_update),
		T(panel_defaults),
		T(panels_for_user_leaves_out_removed),
		T(membership_get_and_put),
		T(members_list_order_and_removed),
		T(members_in_pages),
		T(counts_follow_every_change),
		T(session_with_user_and_panel_with_membership),
		T(counts_and_stewards),
		T(relations),
		T(invitations),
		T(invitation_revoke),
		T(invitations_pending),
		T(resets),
		T(outbox_newest_first),
		T(outbox_claims_and_records),
		T(profile_set_and_delete),
		T(consents_latest_row_wins),
		T(audit_newest_first),
		T(signin_failures),
		T(tx_commits_on_ok),
		T(tx_rolls_back_on_error),
		T(tx_nested_is_one_transaction),
		T(tx_retries_when_busy),
		T(tx_gives_up_when_always_busy),
		T(tx_waits_for_another_writer),
		T(backup_is_a_working_copy),
		T(reconnects_after_the_connection_breaks),
		T(copy_round_trip),
		T(copy_refuses_a_target_with_data),
		T(copy_knows_every_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
