/* The store's operations on what people tell about themselves (store.h):
 * profile answers with their visibility, consents, and each person's audit
 * log of who read or changed what. */
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"

#define STMTS(X)                                                             \
	X(PROFILE_GET, "SELECT field, value, visibility, updated_at FROM "          \
	               "profile_values WHERE user_id = $1 ORDER BY field")          \
	X(PROFILE_SET, "INSERT INTO profile_values (user_id, field, value, "        \
	               "visibility, updated_at) VALUES ($1, $2, $3, $4, $5) "       \
	               "ON CONFLICT (user_id, field) DO UPDATE SET "                \
	               "value = excluded.value, visibility = excluded.visibility, " \
	               "updated_at = excluded.updated_at")                          \
	X(PROFILE_DELETE, "DELETE FROM profile_values WHERE user_id = $1 AND field = $2") \
	X(CONSENT_ADD, "INSERT INTO consents (user_id, purpose, wording_version, "  \
	               "state, at) VALUES ($1, $2, $3, $4, $5)")                    \
	X(CONSENT_LIST, "SELECT id, at, purpose, wording_version, state FROM "      \
	                "consents WHERE user_id = $1 ORDER BY id")                  \
	X(CONSENT_CURRENT, "SELECT state FROM consents WHERE user_id = $1 AND "     \
	                   "purpose = $2 ORDER BY id DESC LIMIT 1")                 \
	X(AUDIT_ADD, "INSERT INTO audit_log (subject_user_id, actor_user_id, "      \
	             "action, detail, at) VALUES ($1, $2, $3, $4, $5)")             \
	X(AUDIT_SEEN, "SELECT 1 FROM audit_log WHERE subject_user_id = $1 AND "     \
	              "actor_user_id = $2 AND action = 'read' AND detail = $3 AND " \
	              "at >= $4 LIMIT 1")                                           \
	X(AUDIT_LIST, "SELECT a.id, COALESCE(a.actor_user_id, 0), a.at, "           \
	              "CASE WHEN u.status = 'erased' THEN '' ELSE "                 \
	              "COALESCE(u.display_name, '') END, a.action, a.detail "       \
	              "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id " \
	              "WHERE a.subject_user_id = $1 ORDER BY a.id DESC LIMIT $2")

SQ_STATEMENTS(STMTS)

/* ---- profile, consent, audit ---- */

static void read_profile_value(struct db_stmt *st, void *slot, struct arena *a)
{
	struct profile_value *v = slot;
	v->field = sq_col_str(st, 0, a);
	v->value = sq_col_str(st, 1, a);
	if (!visibility_parse(db_col_text(st, 2), &v->visibility)) v->visibility = VIS_SELF;
	v->updated_at = db_col_i64(st, 3);
}

enum store_rc store_profile_get(struct store *s, int64_t user_id, struct arena *a,
                                struct profile_value **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_PROFILE_GET);
	if (st) db_bind_i64(st, 1, user_id);
	return sq_collect(st, sizeof **out, a, read_profile_value, (void **)out, n);
}

enum store_rc store_profile_set(struct store *s, int64_t user_id, const char *field,
                                const char *value, enum visibility vis, int64_t now)
{
	struct db_stmt *st;
	if (!value || !*value) {
		if (!(st = stmt(s, S_PROFILE_DELETE))) return ST_ERROR;
		db_bind_i64(st, 1, user_id);
		db_bind_text(st, 2, field);
		return sq_exec(st);
	}
	if (!(st = stmt(s, S_PROFILE_SET))) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_text(st, 2, field);
	db_bind_text(st, 3, value);
	db_bind_text(st, 4, visibility_key(vis));
	db_bind_i64(st, 5, now);
	return sq_exec(st);
}

enum store_rc store_consent_add(struct store *s, int64_t user_id, const char *purpose,
                                const char *wording, bool given, int64_t now)
{
	struct db_stmt *st = stmt(s, S_CONSENT_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_text(st, 2, purpose);
	db_bind_text(st, 3, wording);
	db_bind_text(st, 4, given ? "given" : "withdrawn");
	db_bind_i64(st, 5, now);
	return sq_exec(st);
}

static void read_consent(struct db_stmt *st, void *slot, struct arena *a)
{
	struct consent *c = slot;
	c->id = db_col_i64(st, 0);
	c->at = db_col_i64(st, 1);
	c->purpose = sq_col_str(st, 2, a);
	c->wording_version = sq_col_str(st, 3, a);
	const char *state = db_col_text(st, 4);
	c->given = state && !strcmp(state, "given");
}

enum store_rc store_consents_list(struct store *s, int64_t user_id, struct arena *a,
                                  struct consent **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_CONSENT_LIST);
	if (st) db_bind_i64(st, 1, user_id);
	return sq_collect(st, sizeof **out, a, read_consent, (void **)out, n);
}

bool store_consent_current(struct store *s, int64_t user_id, const char *purpose)
{
	struct db_stmt *st = stmt(s, S_CONSENT_CURRENT);
	if (!st) return false;
	db_bind_i64(st, 1, user_id);
	db_bind_text(st, 2, purpose);
	bool given = false;
	if (sq_first_row(st) == ST_OK) {
		const char *state = db_col_text(st, 0);
		given = state && !strcmp(state, "given");
		db_done(st);
	}
	return given;
}

static const char *const audit_keys[] = { "read", "change", "export", "erase" };

const char *audit_action_key(enum audit_action a)
{
	return (a >= 0 && a <= AUDIT_ERASE) ? audit_keys[a] : "?";
}

enum store_rc store_audit_add(struct store *s, int64_t subject, int64_t actor,
                              enum audit_action action, const char *detail, int64_t now)
{
	struct db_stmt *st = stmt(s, S_AUDIT_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, subject);
	if (actor) db_bind_i64(st, 2, actor);
	else db_bind_null(st, 2);
	db_bind_text(st, 3, audit_action_key(action));
	db_bind_text(st, 4, detail);
	db_bind_i64(st, 5, now);
	return sq_exec(st);
}

enum store_rc store_audit_read_since(struct store *s, int64_t subject, int64_t actor,
                                     const char *detail, int64_t since, int64_t now)
{
	struct db_stmt *st = stmt(s, S_AUDIT_SEEN);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, subject);
	db_bind_i64(st, 2, actor);
	db_bind_text(st, 3, detail);
	db_bind_i64(st, 4, since);
	enum db_rc rc = db_step(st);
	db_done(st);
	if (rc == DB_ROW) return ST_OK;
	if (rc != DB_DONE) return ST_ERROR;
	return store_audit_add(s, subject, actor, AUDIT_READ, detail, now);
}

static void read_audit(struct db_stmt *st, void *slot, struct arena *a)
{
	struct audit_entry *e = slot;
	e->id = db_col_i64(st, 0);
	e->actor_user_id = db_col_i64(st, 1);
	e->at = db_col_i64(st, 2);
	e->actor_name = sq_col_str(st, 3, a);
	const char *k = db_col_text(st, 4);
	e->action = AUDIT_READ;
	for (int i = 0; k && i <= AUDIT_ERASE; i++)
		if (!strcmp(k, audit_keys[i])) e->action = (enum audit_action)i;
	e->detail = sq_col_str(st, 5, a);
}

enum store_rc store_audit_list(struct store *s, int64_t subject, int limit,
                               struct arena *a, struct audit_entry **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_AUDIT_LIST);
	if (st) {
		db_bind_i64(st, 1, subject);
		db_bind_i64(st, 2, limit);
	}
	return sq_collect(st, sizeof **out, a, read_audit, (void **)out, n);
}
