/* The store's operations, written once over the driver interface (db.h).
 *
 * Why one implementation over a driver rather than one per backend: the
 * operations are the same on SQLite and PostgreSQL, and every statement
 * here is portable SQL ($n placeholders, RETURNING, no dialect functions).
 * What differs between backends — connecting, placeholder syntax, error
 * mapping, transactions' retry causes, migrations — lives in the drivers
 * and in migrations/<dialect>/. A statement that cannot be portable gets a
 * dialect-specific twin here, chosen by db_dialect(). */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/embedded.h"
#include "store/store_private.h"
#include "store/read_cache.h"

#define STMTS(X)                                                                  \
	X(SETTING_GET, "SELECT value FROM settings WHERE key = $1")                 \
	X(SETTING_SET, "INSERT INTO settings (key, value) VALUES ($1, $2) "         \
	               "ON CONFLICT (key) DO UPDATE SET value = excluded.value")    \
	X(MIGRATION_MAX, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations") \
	X(MIGRATION_ADD, "INSERT INTO schema_migrations (version, name, applied_at) " \
	                 "VALUES ($1, $2, $3)")                                     \
	X(USER_CREATE, "INSERT INTO users (email, display_name, is_admin, created_at, " \
	               "updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id")      \
	X(USER_GET, "SELECT id, email, display_name, status, is_admin, "            \
	            "password_hash IS NOT NULL, created_at, updated_at, version "    \
	            "FROM users WHERE id = $1")                                     \
	X(USER_BY_EMAIL, "SELECT id, email, display_name, status, is_admin, "       \
	                 "password_hash IS NOT NULL, created_at, updated_at, version " \
	                 "FROM users WHERE email = $1")                             \
	X(USER_LIST, "SELECT id, email, display_name, status, is_admin, "           \
	             "password_hash IS NOT NULL, created_at, updated_at, version "  \
	             "FROM users ORDER BY id")                                      \
	X(USER_COUNT, "SELECT COUNT(*) FROM users")                                 \
	X(USER_EXISTS, "SELECT COUNT(*) FROM users WHERE id = $1")                  \
	X(PANEL_EXISTS, "SELECT COUNT(*) FROM panels WHERE id = $1")                \
	X(USER_HASH, "SELECT password_hash FROM users WHERE id = $1")               \
	X(USER_SET_HASH, "UPDATE users SET password_hash = $2, updated_at = $3, "   \
	                 "version = version + 1 WHERE id = $1")                     \
	X(USER_SET_STATUS, "UPDATE users SET status = $2, updated_at = $3, "        \
	                   "version = version + 1 WHERE id = $1")                   \
	X(USER_SET_NAME, "UPDATE users SET display_name = $2, updated_at = $4, "    \
	                 "version = version + 1 WHERE id = $1 AND version = $3")    \
	X(USER_SET_ADMIN, "UPDATE users SET is_admin = $2, updated_at = $3, "       \
	                  "version = version + 1 WHERE id = $1")                    \
	X(USER_ERASE, "UPDATE users SET email = $2, display_name = 'Former member', " \
	              "password_hash = NULL, status = 'erased', is_admin = 0, "     \
	              "updated_at = $3, version = version + 1 WHERE id = $1")       \
	X(ERASE_PROFILE, "DELETE FROM profile_values WHERE user_id = $1")           \
	X(ERASE_TOKENS, "DELETE FROM api_tokens WHERE user_id = $1")                \
	X(ERASE_RESETS, "DELETE FROM password_resets WHERE user_id = $1")           \
	X(ERASE_FEED, "DELETE FROM calendar_feeds WHERE user_id = $1")              \
	X(ERASE_PAY_DECLARATION, "DELETE FROM pay_declarations WHERE user_id = $1") \
	X(ERASE_BANK_DETAILS, "DELETE FROM pay_bank_details WHERE user_id = $1")    \
	X(ERASE_INVITES, "DELETE FROM invitations WHERE email = $1")                \
	X(ERASE_OUTBOX, "DELETE FROM outbox WHERE to_email = $1")                   \
	X(ERASE_MEMBERSHIPS, "UPDATE memberships SET status = 'removed', updated_at = $2 " \
	                     "WHERE user_id = $1")                                  \
	X(SESSION_CREATE, "INSERT INTO sessions (token_hash, user_id, created_at, "  \
	                  "last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)")  \
	X(SESSION_USER, "SELECT s.id, s.user_id, s.created_at, s.last_seen_at, "   \
	                "s.expires_at, u.id, u.email, u.display_name, u.status, "   \
	                "u.is_admin, u.password_hash IS NOT NULL, u.created_at, "   \
	                "u.updated_at, u.version FROM sessions s JOIN users u ON "  \
	                "u.id = s.user_id WHERE s.token_hash = $1 AND "             \
	                "s.expires_at > $2")                                        \
	X(PANEL_MEMBER, "SELECT p.id, p.name, p.description, p.time_zone, "         \
	                "p.language, p.hosting, p.organisation, p.created_at, "     \
	                "p.updated_at, p.version, p.response_days, p.agenda_days, " \
	                "m.role, m.status, m.joined_at, m.updated_at, m.responder " \
	                "FROM panels p LEFT JOIN memberships m ON "    \
	                "m.panel_id = p.id AND m.user_id = $2 WHERE p.id = $1")     \
	X(SESSION_TOUCH, "UPDATE sessions SET last_seen_at = $2, expires_at = $3 "  \
	                 "WHERE id = $1")                                           \
	X(SESSION_DELETE, "DELETE FROM sessions WHERE token_hash = $1")             \
	X(SESSIONS_DELETE_USER, "DELETE FROM sessions WHERE user_id = $1")          \
	X(SESSIONS_PRUNE, "DELETE FROM sessions WHERE expires_at <= $1")            \
	X(TOKEN_CREATE, "INSERT INTO api_tokens (token_hash, user_id, label, created_at) " \
	                "VALUES ($1, $2, $3, $4) RETURNING id")                     \
	X(TOKEN_FIND, "SELECT t.id, t.user_id, COALESCE(t.last_used_at, 0) "       \
	              "FROM api_tokens t JOIN users u "                             \
	              "ON u.id = t.user_id WHERE t.token_hash = $1 AND "           \
	              "t.revoked_at IS NULL AND u.status = 'active'")               \
	X(TOKEN_USED, "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")      \
	X(TOKENS_REVOKE_ALL, "UPDATE api_tokens SET revoked_at = $2 WHERE "         \
	                     "user_id = $1 AND revoked_at IS NULL")                 \
	X(TOKEN_LIST, "SELECT id, user_id, label, created_at, "                     \
	              "COALESCE(last_used_at, 0), COALESCE(revoked_at, 0) "         \
	              "FROM api_tokens WHERE user_id = $1 ORDER BY id")             \
	X(TOKEN_REVOKE, "UPDATE api_tokens SET revoked_at = $3 WHERE id = $2 AND "  \
	                "user_id = $1 AND revoked_at IS NULL")                      \
	X(PANEL_CREATE, "INSERT INTO panels (name, description, time_zone, language, " \
	                "hosting, organisation, created_at, updated_at, "           \
	                "response_days, agenda_days) VALUES "                       \
	                "($1, $2, $3, $4, $5, $6, $7, $7, $8, $9) RETURNING id")    \
	X(PANEL_GET, "SELECT id, name, description, time_zone, language, hosting, " \
	             "organisation, created_at, updated_at, version, "              \
	             "response_days, agenda_days FROM panels "                      \
	             "WHERE id = $1")                                               \
	X(PANEL_LIST, "SELECT id, name, description, time_zone, language, hosting, " \
	              "organisation, created_at, updated_at, version, "             \
	              "response_days, agenda_days FROM panels "                     \
	              "ORDER BY name, id")                                          \
	X(PANEL_UPDATE, "UPDATE panels SET name = $2, description = $3, "           \
	                "time_zone = $4, language = $5, hosting = $6, "             \
	                "organisation = $7, updated_at = $9, response_days = $10, " \
	                "agenda_days = $11, version = version + 1 "                 \
	                "WHERE id = $1 AND version = $8")                           \
	X(PANELS_FOR_USER, "SELECT p.id, p.name, p.description, p.time_zone, "      \
	                   "p.language, p.hosting, p.organisation, p.created_at, "  \
	                   "p.updated_at, p.version, p.response_days, p.agenda_days, " \
	                   "m.role, m.status, m.joined_at, m.updated_at, m.responder, " \
	                   "(SELECT COALESCE(SUM(c.n), 0) FROM "      \
	                   "panel_member_counts c WHERE c.panel_id = p.id AND "     \
	                   "c.status = 'active') "                                  \
	                   "FROM memberships m JOIN panels p ON p.id = m.panel_id " \
	                   "WHERE m.user_id = $1 AND m.status <> 'removed' "        \
	                   "ORDER BY p.name, p.id")                                 \
	X(MEMBERSHIP_GET, "SELECT role, status, joined_at, updated_at, responder FROM " \
	                  "memberships WHERE panel_id = $1 AND user_id = $2")       \
	X(MEMBERSHIP_PUT, "INSERT INTO memberships (panel_id, user_id, role, status, " \
	                  "joined_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) " \
	                  "ON CONFLICT (panel_id, user_id) DO UPDATE SET "          \
	                  "role = excluded.role, status = excluded.status, "        \
	                  "updated_at = excluded.updated_at")                       \
	X(MEMBERS_LIST, "SELECT m.user_id, m.role, m.status, m.joined_at, "         \
	                "m.updated_at, m.responder, u.display_name, u.email, u.status FROM "     \
	                "memberships m JOIN users u ON u.id = m.user_id WHERE "     \
	                "m.panel_id = $1 AND m.status <> 'removed' ORDER BY "       \
	                "CASE m.role WHEN 'steward' THEN 0 WHEN 'co_creator' THEN 1 " \
	                "ELSE 2 END, u.display_name, u.id LIMIT $3 OFFSET $2")      \
	X(MEMBERS_COUNT, "SELECT COALESCE(SUM(n), 0) FROM panel_member_counts "     \
	                 "WHERE panel_id = $1 AND status <> 'removed'")             \
	X(MEMBERSHIP_SET_RESPONDER, "UPDATE memberships SET responder = $3, "       \
	                            "updated_at = $4 WHERE panel_id = $1 AND "     \
	                            "user_id = $2")                                \
	X(STEWARD_COUNT, "SELECT COUNT(*) FROM memberships WHERE panel_id = $1 AND " \
	                 "role = 'steward' AND status = 'active'")                  \
	X(PANEL_COUNTS, "SELECT role, n FROM panel_member_counts WHERE "            \
	                "panel_id = $1 AND status = 'active'")                      \
	X(PANEL_STEWARDS, "SELECT u.display_name FROM memberships m JOIN users u "  \
	                  "ON u.id = m.user_id WHERE m.panel_id = $1 AND "          \
	                  "m.role = 'steward' AND m.status = 'active' "             \
	                  "ORDER BY u.display_name, u.id")                          \
	X(SOLE_STEWARD, "SELECT p.name FROM memberships m JOIN panels p ON p.id = "   \
	                "m.panel_id JOIN panel_member_counts c ON c.panel_id = m.panel_id " \
	                "AND c.role = 'steward' AND c.status = 'active' WHERE "     \
	                "m.user_id = $1 AND m.role = 'steward' AND m.status = 'active' " \
	                "AND c.n = 1 ORDER BY p.name")                              \
	X(RELATION, "SELECT v.role, v.status FROM memberships v JOIN memberships s " \
	            "ON s.panel_id = v.panel_id WHERE v.user_id = $1 AND "          \
	            "s.user_id = $2 AND v.status <> 'removed' AND "                 \
	            "s.status <> 'removed'")                                        \
	X(INVITE_CREATE, "INSERT INTO invitations (token_hash, email, panel_id, role, " \
	                 "invited_by, created_at, expires_at) VALUES ($1, $2, $3, "  \
	                 "$4, $5, $6, $7) RETURNING id")                            \
	X(INVITE_FIND, "SELECT id, panel_id, COALESCE(invited_by, 0), created_at, " \
	               "expires_at, email, role FROM invitations WHERE "            \
	               "token_hash = $1 AND accepted_at IS NULL AND "               \
	               "revoked_at IS NULL AND expires_at > $2")                    \
	X(INVITE_ACCEPT, "UPDATE invitations SET accepted_at = $3, "                \
	                 "accepted_user_id = $2 WHERE id = $1 AND accepted_at IS NULL " \
	                 "AND revoked_at IS NULL AND expires_at > $3")              \
	X(INVITES_PENDING, "SELECT id, panel_id, COALESCE(invited_by, 0), "         \
	                   "created_at, expires_at, email, role FROM invitations "  \
	                   "WHERE panel_id = $1 AND accepted_at IS NULL AND "       \
	                   "revoked_at IS NULL AND expires_at > $2 ORDER BY id DESC") \
	X(INVITE_REVOKE, "UPDATE invitations SET revoked_at = $3 WHERE id = $2 AND " \
	                 "panel_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL") \
	X(INVITE_REVOKE_FOR, "UPDATE invitations SET revoked_at = $3 WHERE "        \
	                     "panel_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL " \
	                     "AND email = (SELECT email FROM users WHERE id = $2)")      \
	X(RESET_CREATE, "INSERT INTO password_resets (token_hash, user_id, "        \
	                "created_at, expires_at) VALUES ($1, $2, $3, $4)")          \
	X(RESET_FIND, "SELECT user_id FROM password_resets WHERE token_hash = $1 "  \
	              "AND used_at IS NULL AND expires_at > $2")                    \
	X(SIGNIN_FAIL_CLEAR, "DELETE FROM signin_failures WHERE key_hash = $1")     \
	X(RESET_USE, "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 " \
	             "AND used_at IS NULL AND expires_at > $2 RETURNING user_id")   \
	X(OUTBOX_ADD, "INSERT INTO outbox (to_email, subject, body, created_at) "   \
	              "VALUES ($1, $2, $3, $4)")                                    \
	X(OUTBOX_PRUNE, "DELETE FROM outbox WHERE created_at < $1")                 \
	X(OUTBOX_RECENT, "SELECT id, created_at, COALESCE(sent_at, 0), to_email, "  \
	                 "subject, body FROM outbox ORDER BY id DESC LIMIT $1")     \
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
	              "actor_user_id = $2 AND action = 'read' AND detail = $3 AND "  \
	              "at >= $4 LIMIT 1")                                            \
	X(AUDIT_LIST, "SELECT a.id, COALESCE(a.actor_user_id, 0), a.at, "           \
	              "CASE WHEN u.status = 'erased' THEN '' ELSE "                 \
	              "COALESCE(u.display_name, '') END, a.action, a.detail "       \
	              "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id " \
	              "WHERE a.subject_user_id = $1 ORDER BY a.id DESC LIMIT $2")   \
	X(SIGNIN_FAIL_ADD, "INSERT INTO signin_failures (key_hash, at) VALUES ($1, $2)") \
	X(SIGNIN_ATTEMPT, "INSERT INTO signin_failures (key_hash, at) SELECT "       \
	                  "CAST($1 AS TEXT), CAST($2 AS BIGINT) "                   \
	                  "WHERE (SELECT COUNT(*) FROM signin_failures WHERE "     \
	                  "key_hash = $1 AND at >= $3) < $4")                       \
	X(SIGNIN_FAIL_COUNT, "SELECT COUNT(*) FROM signin_failures WHERE "          \
	                     "key_hash = $1 AND at >= $2")                          \
	X(SIGNIN_FAIL_PRUNE, "DELETE FROM signin_failures WHERE at < $1")

enum stmt_id {
#define X(id, sql) S_##id,
	STMTS(X)
#undef X
	S__COUNT
};

_Static_assert((int)S__COUNT <= (int)STORE_VOICE_STMT_BASE, "statement ids run into voice.c's");

static const char *const stmt_sql[S__COUNT] = {
#define X(id, sql) [S_##id] = sql,
	STMTS(X)
#undef X
};

static void end_read(struct store *s)
{
	s->reading = false;
	db_end(s->db, true);
}

struct db_stmt *sq_stmt(struct store *s, int id, const char *sql)
{
	struct db_stmt *st = db_stmt(s->db, id, sql);
	/* A write never runs inside the read snapshot (see store_read_begin). */
	if (st && s->reading && !db_stmt_read_only(st)) end_read(s);
	return st;
}

static struct db_stmt *stmt(struct store *s, enum stmt_id id)
{
	return sq_stmt(s, id, stmt_sql[id]);
}

void store_read_begin(struct store *s)
{
	if (s->reading || s->tx_depth > 0 || db_in_transaction(s->db)) return;
	s->reading = db_begin(s->db, DB_TX_READ) == DB_OK;
}

void store_read_end(struct store *s)
{
	if (s->reading) end_read(s);
}

void sq_bind_ref(struct db_stmt *st, int idx, int64_t v)
{
	if (v) db_bind_i64(st, idx, v);
	else db_bind_null(st, idx);
}

enum store_rc sq_rc(enum db_rc r)
{
	switch (r) {
	case DB_OK:
	case DB_ROW:
	case DB_DONE: return ST_OK;
	case DB_BUSY: return ST_BUSY;
	case DB_CONSTRAINT: return ST_CONFLICT;
	case DB_ERROR: break;
	}
	return ST_ERROR;
}

enum store_rc sq_exec(struct db_stmt *st)
{
	if (!st) return ST_ERROR;
	enum db_rc r = db_step(st);
	if (r == DB_ROW) {
		db_done(st);
		r = DB_DONE;
	}
	return sq_rc(r);
}

/* Runs an UPDATE/DELETE and reports ST_NOT_FOUND when it touched no row. */
enum store_rc sq_exec_changed(struct store *s, struct db_stmt *st)
{
	enum store_rc rc = sq_exec(st);
	if (rc == ST_OK && db_changes(s->db) == 0) return ST_NOT_FOUND;
	return rc;
}

/* Runs statement id, which takes one integer or one text parameter. */
static enum store_rc exec_i64(struct store *s, enum stmt_id id, int64_t v)
{
	struct db_stmt *st = stmt(s, id);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, v);
	return sq_exec(st);
}

static enum store_rc exec_text(struct store *s, enum stmt_id id, const char *v)
{
	struct db_stmt *st = stmt(s, id);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, v);
	return sq_exec(st);
}

/* Steps to the first row. ST_OK with the row ready, ST_NOT_FOUND, or an
 * error. The caller calls db_done() after reading an ST_OK row. */
enum store_rc sq_first_row(struct db_stmt *st)
{
	if (!st) return ST_ERROR;
	enum db_rc r = db_step(st);
	if (r == DB_ROW) return ST_OK;
	if (r == DB_DONE) return ST_NOT_FOUND;
	return sq_rc(r);
}

/* Steps to the first row and reads its first column as an integer (an id
 * from RETURNING, a user id...): ST_OK, ST_NOT_FOUND or an error. */
enum store_rc sq_first_i64(struct db_stmt *st, int64_t *out)
{
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		*out = db_col_i64(st, 0);
		db_done(st);
	}
	return rc;
}

int64_t sq_scalar_i64(struct db_stmt *st)
{
	int64_t v = 0;
	sq_first_i64(st, &v);
	return v;
}

enum store_rc sq_version_miss(struct db_stmt *exists, int64_t id)
{
	if (!exists) return ST_ERROR;
	db_bind_i64(exists, 1, id);
	return sq_scalar_i64(exists) ? ST_CONFLICT : ST_NOT_FOUND;
}

enum store_rc sq_one_row(struct db_stmt *st,
                         void (*read)(struct db_stmt *, void *, struct arena *), void *out,
                         struct arena *a)
{
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		read(st, out, a);
		db_done(st);
	}
	return rc;
}

const char *sq_col_str(struct db_stmt *st, int col, struct arena *a)
{
	const char *v = db_col_text(st, col);
	return arena_strdup(a, v ? v : "");
}

void *sq_vec_push(struct sq_vec *v, struct arena *a)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		void *items = arena_alloc(a, cap * v->size);
		if (v->n) memcpy(items, v->items, v->n * v->size);
		v->items = items;
		v->cap = cap;
	}
	return memset((char *)v->items + v->n++ * v->size, 0, v->size);
}

/* Iterates the rows of st, calling read(st, slot, a) for each into a new
 * slot of a vector of elements of size. */
enum store_rc sq_collect(struct db_stmt *st, size_t size, struct arena *a,
                             void (*read)(struct db_stmt *, void *, struct arena *),
                             void **out, size_t *n)
{
	struct sq_vec v = { .size = size };
	*out = NULL;
	*n = 0;
	if (!st) return ST_ERROR;
	enum db_rc r;
	while ((r = db_step(st)) == DB_ROW)
		read(st, sq_vec_push(&v, a), a);
	if (r != DB_DONE) return sq_rc(r);
	*out = v.items;
	*n = v.n;
	return ST_OK;
}

/* ------------------------------------------------------------------ */

static struct store *open_mode(const char *target, enum db_mode mode, char **err)
{
	struct db *db = db_open(target, mode, err);
	if (!db) return NULL;
	struct store *s = xcalloc(1, sizeof *s);
	s->db = db;
	return s;
}

struct store *store_open(const char *target, char **err)
{
	return open_mode(target, DB_READ_WRITE, err);
}

struct store *store_open_read_only(const char *target, char **err)
{
	return open_mode(target, DB_READ_ONLY, err);
}

bool store_is_postgresql(struct store *s) { return !strcmp(db_dialect(s->db), "postgresql"); }
bool store_target_is_postgresql(const char *target) { return db_target_is_postgresql(target); }

void store_close(struct store *s)
{
	if (!s) return;
	db_close(s->db);
	free(s);
}

struct read_cache *store_read_cache_new(int64_t ttl_ms, size_t max_bytes)
{
	return read_cache_new(ttl_ms, max_bytes);
}

void store_read_cache_free(struct read_cache *c) { read_cache_free(c); }
void store_use_read_cache(struct store *s, struct read_cache *c) { db_attach_read_cache(s->db, c); }

/* The migrations written for the connection's dialect
 * (store/migrations/<dialect>/). Both dialects have the same numbered
 * list; tests/unit checks that they do. */
static const struct embedded_file *migrations_for(struct db *db)
{
	return strcmp(db_dialect(db), "postgresql") ? embedded_migrations_sqlite
	                                            : embedded_migrations_postgresql;
}

static int migration_version(const char *name)
{
	return atoi(name); /* names are "NNNN_what.sql", checked by tools/embed.c */
}

int store_schema_latest(void)
{
	int v = 0;
	for (const struct embedded_file *f = embedded_migrations_sqlite; f->name; f++)
		if (migration_version(f->name) > v) v = migration_version(f->name);
	return v;
}

int store_schema_version(struct store *s)
{
	/* Reads only: `check` uses it on a read-only connection. */
	if (!db_table_exists(s->db, "schema_migrations")) return 0;
	return (int)sq_scalar_i64(stmt(s, S_MIGRATION_MAX));
}

struct migration_ctx {
	const struct embedded_file *file;
};

static enum store_rc apply_migration(struct store *s, void *ctx)
{
	const struct embedded_file *f = ((struct migration_ctx *)ctx)->file;
	if (db_exec(s->db, (const char *)f->data) != DB_OK) return ST_ERROR;
	struct db_stmt *st = stmt(s, S_MIGRATION_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, migration_version(f->name));
	db_bind_text(st, 2, f->name);
	db_bind_i64(st, 3, (int64_t)time(NULL));
	return sq_exec(st);
}

enum store_rc store_migrate(struct store *s, int *applied)
{
	*applied = 0;
	if (db_exec(s->db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	                   "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	                   "applied_at INTEGER NOT NULL)") != DB_OK)
		return ST_ERROR;
	int have = store_schema_version(s);
	/* A newer program migrated this database: this one must not use it. */
	int latest = store_schema_latest();
	if (have > latest) return ST_CONFLICT;
	/* Migrations are applied in order of their number, each in its own
	 * transaction together with the row that records it. */
	for (int next = have + 1; next <= latest; next++) {
		const struct embedded_file *found = NULL;
		for (const struct embedded_file *f = migrations_for(s->db); f->name; f++)
			if (migration_version(f->name) == next) found = f;
		if (!found) {
			fprintf(stderr, "store: migration %04d is missing (this program has up to %04d)\n",
			        next, latest);
			return ST_ERROR;
		}
		struct migration_ctx ctx = { found };
		enum store_rc rc = store_tx(s, apply_migration, &ctx);
		if (rc != ST_OK) {
			fprintf(stderr, "store: migration %s failed\n", found->name);
			return rc;
		}
		++*applied;
	}
	return ST_OK;
}

enum store_rc store_tx(struct store *s, store_tx_fn fn, void *ctx)
{
	if (s->reading) end_read(s); /* writes never run in the read snapshot */
	if (s->tx_depth > 0) return fn(s, ctx); /* already inside one */
	enum store_rc rc = ST_BUSY;
	for (int attempt = 0; attempt < STORE_TX_ATTEMPTS && rc == ST_BUSY; attempt++) {
		if (attempt) {
			/* 2, 4, 8 ... ms: long enough for a writer to finish. */
			struct timespec pause = { 0, (long)(1000000L << attempt) };
			nanosleep(&pause, NULL);
		}
		rc = sq_rc(db_begin(s->db, DB_TX_WRITE));
		if (rc != ST_OK) continue;
		s->tx_depth++;
		rc = fn(s, ctx);
		s->tx_depth--;
		/* A failed commit has ended the transaction (db.h); a failed
		 * statement inside fn may have left it open: roll it back. */
		if (rc == ST_OK) rc = sq_rc(db_end(s->db, true));
		else db_end(s->db, false);
	}
	return rc;
}

enum store_rc store_tx_keyed(struct store *s, store_tx_fn fn, void *ctx)
{
	/* Inside another transaction the retry belongs to the outermost one:
	 * after a refused write PostgreSQL runs nothing more in this one. */
	if (s->tx_depth > 0) return fn(s, ctx);
	enum store_rc rc = store_tx(s, fn, ctx);
	if (rc == ST_CONFLICT) rc = store_tx(s, fn, ctx);
	return rc;
}

enum store_rc store_backup(struct store *s, const char *path, char **err)
{
	return sq_rc(db_backup(s->db, path, err));
}

enum store_rc store_check(struct store *s, char **report)
{
	return sq_rc(db_check(s->db, report));
}

/* ---- settings ---- */

enum store_rc store_setting_get(struct store *s, const char *key, struct arena *a,
                                const char **value)
{
	struct db_stmt *st = stmt(s, S_SETTING_GET);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, key);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		*value = sq_col_str(st, 0, a);
		db_done(st);
	}
	return rc;
}

enum store_rc store_setting_set(struct store *s, const char *key, const char *value)
{
	struct db_stmt *st = stmt(s, S_SETTING_SET);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return sq_exec(st);
}

/* ---- users ---- */

/* The user columns (USER_COLUMNS) starting at column c. */
static void read_user_at(struct db_stmt *st, int c, struct user *u, struct arena *a)
{
	u->id = db_col_i64(st, c);
	u->email = sq_col_str(st, c + 1, a);
	u->display_name = sq_col_str(st, c + 2, a);
	if (!user_status_parse(db_col_text(st, c + 3), &u->status)) u->status = USER_DISABLED;
	u->is_admin = db_col_i64(st, c + 4) != 0;
	u->has_password = db_col_i64(st, c + 5) != 0;
	u->created_at = db_col_i64(st, c + 6);
	u->updated_at = db_col_i64(st, c + 7);
	u->version = db_col_i64(st, c + 8);
}

static void read_user(struct db_stmt *st, void *slot, struct arena *a)
{
	read_user_at(st, 0, slot, a);
}

enum store_rc store_user_create(struct store *s, const char *email,
                                const char *display_name, bool is_admin,
                                int64_t now, int64_t *id)
{
	struct db_stmt *st = stmt(s, S_USER_CREATE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, email);
	db_bind_text(st, 2, display_name);
	db_bind_i64(st, 3, is_admin);
	db_bind_i64(st, 4, now);
	return sq_first_i64(st, id);
}

static enum store_rc user_one(struct db_stmt *st, struct arena *a, struct user *u)
{
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		read_user(st, u, a);
		db_done(st);
	}
	return rc;
}

enum store_rc store_user_get(struct store *s, int64_t id, struct arena *a, struct user *u)
{
	struct db_stmt *st = stmt(s, S_USER_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	return user_one(st, a, u);
}

enum store_rc store_user_by_email(struct store *s, const char *email, struct arena *a,
                                  struct user *u)
{
	struct db_stmt *st = stmt(s, S_USER_BY_EMAIL);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, email);
	return user_one(st, a, u);
}

enum store_rc store_users_list(struct store *s, struct arena *a, struct user **out,
                               size_t *n)
{
	return sq_collect(stmt(s, S_USER_LIST), sizeof **out, a, read_user, (void **)out, n);
}

int64_t store_user_count(struct store *s) { return sq_scalar_i64(stmt(s, S_USER_COUNT)); }

enum store_rc store_user_password_hash(struct store *s, int64_t id, struct arena *a,
                                       const char **hash)
{
	struct db_stmt *st = stmt(s, S_USER_HASH);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		*hash = db_col_is_null(st, 0) ? NULL : sq_col_str(st, 0, a);
		db_done(st);
	}
	return rc;
}

enum store_rc store_user_set_password(struct store *s, int64_t id, const char *hash,
                                      int64_t now)
{
	struct db_stmt *st = stmt(s, S_USER_SET_HASH);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_text(st, 2, hash);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

enum store_rc store_user_set_status(struct store *s, int64_t id, enum user_status status,
                                    int64_t now)
{
	struct db_stmt *st = stmt(s, S_USER_SET_STATUS);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_text(st, 2, user_status_key(status));
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

enum store_rc store_user_set_name(struct store *s, int64_t id, const char *name,
                                  int64_t expected_version, int64_t now)
{
	struct db_stmt *st = stmt(s, S_USER_SET_NAME);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_text(st, 2, name);
	db_bind_i64(st, 3, expected_version);
	db_bind_i64(st, 4, now);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? sq_version_miss(stmt(s, S_USER_EXISTS), id) : rc;
}

enum store_rc store_user_set_admin(struct store *s, int64_t id, bool is_admin, int64_t now)
{
	struct db_stmt *st = stmt(s, S_USER_SET_ADMIN);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_i64(st, 2, is_admin);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

struct erase_ctx {
	int64_t id, now;
	struct arena a;
};

static enum store_rc erase_in_tx(struct store *s, void *p)
{
	struct erase_ctx *c = p;
	struct user u;
	enum store_rc rc = store_user_get(s, c->id, &c->a, &u);
	if (rc != ST_OK) return rc;
	struct db_stmt *st;
	const enum stmt_id by_user[] = { S_ERASE_PROFILE, S_ERASE_TOKENS, S_ERASE_RESETS, S_ERASE_FEED,
	                                 S_ERASE_PAY_DECLARATION, S_ERASE_BANK_DETAILS,
	                                 S_SESSIONS_DELETE_USER };
	for (size_t i = 0; i < sizeof by_user / sizeof by_user[0]; i++)
		if ((rc = exec_i64(s, by_user[i], c->id)) != ST_OK) return rc;
	const enum stmt_id by_email[] = { S_ERASE_INVITES, S_ERASE_OUTBOX };
	for (size_t i = 0; i < sizeof by_email / sizeof by_email[0]; i++)
		if ((rc = exec_text(s, by_email[i], u.email)) != ST_OK) return rc;
	if (!(st = stmt(s, S_ERASE_MEMBERSHIPS))) return ST_ERROR;
	db_bind_i64(st, 1, c->id);
	db_bind_i64(st, 2, c->now);
	if ((rc = sq_exec(st)) != ST_OK) return rc;
	if (!(st = stmt(s, S_USER_ERASE))) return ST_ERROR;
	db_bind_i64(st, 1, c->id);
	/* A unique, undeliverable address (RFC 2606 .invalid). */
	db_bind_text(st, 2, arena_printf(&c->a, "erased-%lld@erased.invalid", (long long)c->id));
	db_bind_i64(st, 3, c->now);
	return sq_exec_changed(s, st);
}

enum store_rc store_user_erase(struct store *s, int64_t id, int64_t now)
{
	struct erase_ctx c = { .id = id, .now = now };
	enum store_rc rc = store_tx(s, erase_in_tx, &c);
	arena_free(&c.a);
	return rc;
}

/* ---- sessions and tokens ---- */

enum store_rc store_session_create(struct store *s, const char *token_hash,
                                   int64_t user_id, int64_t now, int64_t expires_at)
{
	struct db_stmt *st = stmt(s, S_SESSION_CREATE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, now);
	db_bind_i64(st, 4, expires_at);
	return sq_exec(st);
}

enum store_rc store_session_find(struct store *s, const char *token_hash, int64_t now,
                                 struct session *out)
{
	/* The same read as store_session_user; the user is not wanted here. */
	struct arena a = {0};
	struct user u;
	enum store_rc rc = store_session_user(s, token_hash, now, &a, out, &u);
	arena_free(&a);
	return rc;
}

enum store_rc store_session_user(struct store *s, const char *token_hash, int64_t now,
                                 struct arena *a, struct session *out, struct user *u)
{
	struct db_stmt *st = stmt(s, S_SESSION_USER);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_i64(st, 2, now);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		out->id = db_col_i64(st, 0);
		out->user_id = db_col_i64(st, 1);
		out->created_at = db_col_i64(st, 2);
		out->last_seen_at = db_col_i64(st, 3);
		out->expires_at = db_col_i64(st, 4);
		read_user_at(st, 5, u, a);
		db_done(st);
	}
	return rc;
}

enum store_rc store_session_touch(struct store *s, int64_t id, int64_t now,
                                  int64_t expires_at)
{
	struct db_stmt *st = stmt(s, S_SESSION_TOUCH);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_i64(st, 2, now);
	db_bind_i64(st, 3, expires_at);
	return sq_exec(st);
}

enum store_rc store_session_delete(struct store *s, const char *token_hash)
{
	return exec_text(s, S_SESSION_DELETE, token_hash);
}

enum store_rc store_sessions_delete_for_user(struct store *s, int64_t user_id)
{
	return exec_i64(s, S_SESSIONS_DELETE_USER, user_id);
}

enum store_rc store_sessions_prune(struct store *s, int64_t now)
{
	return exec_i64(s, S_SESSIONS_PRUNE, now);
}

enum store_rc store_api_token_create(struct store *s, const char *token_hash,
                                     int64_t user_id, const char *label, int64_t now,
                                     int64_t *id)
{
	struct db_stmt *st = stmt(s, S_TOKEN_CREATE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_i64(st, 2, user_id);
	db_bind_text(st, 3, label);
	db_bind_i64(st, 4, now);
	return sq_first_i64(st, id);
}

enum store_rc store_api_token_use(struct store *s, const char *token_hash, int64_t now,
                                  int64_t *user_id)
{
	struct db_stmt *st = stmt(s, S_TOKEN_FIND);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	int64_t id = db_col_i64(st, 0), last_used = db_col_i64(st, 2);
	*user_id = db_col_i64(st, 1);
	db_done(st);
	/* Like a session's last-seen time: recorded at most every few minutes,
	 * so that reads through the API do not each cost a write. */
	if (now - last_used < SESSION_TOUCH_SECONDS) return ST_OK;
	if (!(st = stmt(s, S_TOKEN_USED))) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_i64(st, 2, now);
	return sq_exec(st);
}

enum store_rc store_api_tokens_revoke_all(struct store *s, int64_t user_id, int64_t now)
{
	struct db_stmt *st = stmt(s, S_TOKENS_REVOKE_ALL);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, now);
	return sq_exec(st);
}

static void read_token(struct db_stmt *st, void *slot, struct arena *a)
{
	struct api_token *t = slot;
	t->id = db_col_i64(st, 0);
	t->user_id = db_col_i64(st, 1);
	t->label = sq_col_str(st, 2, a);
	t->created_at = db_col_i64(st, 3);
	t->last_used_at = db_col_i64(st, 4);
	t->revoked_at = db_col_i64(st, 5);
}

enum store_rc store_api_tokens_list(struct store *s, int64_t user_id, struct arena *a,
                                    struct api_token **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_TOKEN_LIST);
	if (st) db_bind_i64(st, 1, user_id);
	return sq_collect(st, sizeof **out, a, read_token, (void **)out, n);
}

enum store_rc store_api_token_revoke(struct store *s, int64_t user_id, int64_t id,
                                     int64_t now)
{
	struct db_stmt *st = stmt(s, S_TOKEN_REVOKE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, id);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

/* ---- panels and memberships ---- */

/* Columns of a panel as the statements above list them, first in a row. */
enum { PANEL_NCOLS = 12 };

static void read_panel(struct db_stmt *st, void *slot, struct arena *a)
{
	struct panel *p = slot;
	p->id = db_col_i64(st, 0);
	p->name = sq_col_str(st, 1, a);
	p->description = sq_col_str(st, 2, a);
	p->time_zone = sq_col_str(st, 3, a);
	p->language = sq_col_str(st, 4, a);
	if (!hosting_parse(db_col_text(st, 5), &p->hosting)) p->hosting = HOSTING_ORGANISATION;
	p->organisation = sq_col_str(st, 6, a);
	p->created_at = db_col_i64(st, 7);
	p->updated_at = db_col_i64(st, 8);
	p->version = db_col_i64(st, 9);
	p->response_days = db_col_i64(st, 10);
	p->agenda_days = db_col_i64(st, 11);
}

static void read_membership_cols(struct db_stmt *st, int c, struct membership *m)
{
	if (!role_parse(db_col_text(st, c), &m->role)) m->role = ROLE_NONE;
	if (!status_parse(db_col_text(st, c + 1), &m->status)) m->status = MEMBER_REMOVED;
	m->joined_at = db_col_i64(st, c + 2);
	m->updated_at = db_col_i64(st, c + 3);
	m->responder = db_col_i64(st, c + 4) != 0;
}

enum store_rc store_panel_create(struct store *s, const struct panel *p, int64_t now,
                                 int64_t *id)
{
	struct db_stmt *st = stmt(s, S_PANEL_CREATE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, p->name);
	db_bind_text(st, 2, p->description ? p->description : "");
	db_bind_text(st, 3, p->time_zone ? p->time_zone : "Europe/London");
	db_bind_text(st, 4, p->language ? p->language : "en");
	db_bind_text(st, 5, hosting_key(p->hosting));
	db_bind_text(st, 6, p->organisation ? p->organisation : "");
	db_bind_i64(st, 7, now);
	db_bind_i64(st, 8, p->response_days ? p->response_days : PANEL_RESPONSE_DAYS);
	db_bind_i64(st, 9, p->agenda_days ? p->agenda_days : PANEL_AGENDA_DAYS);
	return sq_first_i64(st, id);
}

enum store_rc store_panel_get(struct store *s, int64_t id, struct arena *a,
                              struct panel *p)
{
	struct db_stmt *st = stmt(s, S_PANEL_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	return sq_one_row(st, read_panel, p, a);
}

enum store_rc store_panel_member(struct store *s, int64_t panel_id, int64_t user_id,
                                 struct arena *a, struct panel *p, struct membership *m)
{
	struct db_stmt *st = stmt(s, S_PANEL_MEMBER);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		read_panel(st, p, a);
		memset(m, 0, sizeof *m);
		m->panel_id = panel_id;
		m->user_id = user_id;
		if (db_col_is_null(st, PANEL_NCOLS)) m->role = ROLE_NONE;
		else read_membership_cols(st, PANEL_NCOLS, m);
		db_done(st);
	}
	return rc;
}

enum store_rc store_panel_update(struct store *s, const struct panel *p, int64_t now)
{
	struct db_stmt *st = stmt(s, S_PANEL_UPDATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, p->id);
	db_bind_text(st, 2, p->name);
	db_bind_text(st, 3, p->description);
	db_bind_text(st, 4, p->time_zone);
	db_bind_text(st, 5, p->language);
	db_bind_text(st, 6, hosting_key(p->hosting));
	db_bind_text(st, 7, p->organisation);
	db_bind_i64(st, 8, p->version);
	db_bind_i64(st, 9, now);
	db_bind_i64(st, 10, p->response_days);
	db_bind_i64(st, 11, p->agenda_days);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? sq_version_miss(stmt(s, S_PANEL_EXISTS), p->id) : rc;
}

static void read_my_panel(struct db_stmt *st, void *slot, struct arena *a)
{
	struct my_panel *mp = slot;
	read_panel(st, &mp->panel, a);
	read_membership_cols(st, PANEL_NCOLS, &mp->me);
	mp->me.panel_id = mp->panel.id;
	mp->active_members = db_col_i64(st, PANEL_NCOLS + 5);
}

enum store_rc store_panels_for_user(struct store *s, int64_t user_id, struct arena *a,
                                    struct my_panel **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_PANELS_FOR_USER);
	if (st) db_bind_i64(st, 1, user_id);
	enum store_rc rc = sq_collect(st, sizeof **out, a, read_my_panel, (void **)out, n);
	for (size_t i = 0; rc == ST_OK && i < *n; i++) (*out)[i].me.user_id = user_id;
	return rc;
}

enum store_rc store_panels_list(struct store *s, struct arena *a, struct panel **out,
                                size_t *n)
{
	return sq_collect(stmt(s, S_PANEL_LIST), sizeof **out, a, read_panel, (void **)out, n);
}

enum store_rc store_membership_get(struct store *s, int64_t panel_id, int64_t user_id,
                                   struct membership *m)
{
	struct db_stmt *st = stmt(s, S_MEMBERSHIP_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		m->panel_id = panel_id;
		m->user_id = user_id;
		read_membership_cols(st, 0, m);
		db_done(st);
	}
	return rc;
}

enum store_rc store_membership_put(struct store *s, int64_t panel_id, int64_t user_id,
                                   enum panel_role role, enum member_status status,
                                   int64_t now)
{
	struct db_stmt *st = stmt(s, S_MEMBERSHIP_PUT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	db_bind_text(st, 3, role_key(role));
	db_bind_text(st, 4, status_key(status));
	db_bind_i64(st, 5, now);
	return sq_exec(st);
}

enum store_rc store_membership_set_responder(struct store *s, int64_t panel_id,
                                             int64_t user_id, bool responder, int64_t now)
{
	struct db_stmt *st = stmt(s, S_MEMBERSHIP_SET_RESPONDER);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, responder);
	db_bind_i64(st, 4, now);
	return sq_exec_changed(s, st);
}

static void read_member_row(struct db_stmt *st, void *slot, struct arena *a)
{
	struct member_row *r = slot;
	r->m.user_id = db_col_i64(st, 0);
	read_membership_cols(st, 1, &r->m);
	r->display_name = sq_col_str(st, 6, a);
	r->email = sq_col_str(st, 7, a);
	if (!user_status_parse(db_col_text(st, 8), &r->user_status))
		r->user_status = USER_DISABLED;
}

enum store_rc store_members_page(struct store *s, int64_t panel_id, int64_t offset,
                                 int64_t limit, struct arena *a, struct member_row **out,
                                 size_t *n, int64_t *total)
{
	struct db_stmt *st = stmt(s, S_MEMBERS_COUNT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	*total = sq_scalar_i64(st);
	if ((st = stmt(s, S_MEMBERS_LIST))) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, offset);
		db_bind_i64(st, 3, limit);
	}
	enum store_rc rc = sq_collect(st, sizeof **out, a, read_member_row, (void **)out, n);
	for (size_t i = 0; rc == ST_OK && i < *n; i++) (*out)[i].m.panel_id = panel_id;
	return rc;
}

enum store_rc store_members_list(struct store *s, int64_t panel_id, struct arena *a,
                                 struct member_row **out, size_t *n)
{
	int64_t total;
	return store_members_page(s, panel_id, 0, INT64_MAX, a, out, n, &total);
}

int64_t store_active_steward_count(struct store *s, int64_t panel_id)
{
	struct db_stmt *st = stmt(s, S_STEWARD_COUNT);
	if (!st) return 0;
	db_bind_i64(st, 1, panel_id);
	return sq_scalar_i64(st);
}

enum store_rc store_panel_counts(struct store *s, int64_t panel_id, struct panel_counts *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = stmt(s, S_PANEL_COUNTS);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	enum db_rc r;
	while ((r = db_step(st)) == DB_ROW) {
		enum panel_role role;
		if (!role_parse(db_col_text(st, 0), &role)) continue;
		int64_t n = db_col_i64(st, 1);
		if (role == ROLE_STEWARD) out->stewards = n;
		else if (role == ROLE_CO_CREATOR) out->co_creators = n;
		else if (role == ROLE_GUEST) out->guests = n;
	}
	return r == DB_DONE ? ST_OK : sq_rc(r);
}

static void read_name(struct db_stmt *st, void *slot, struct arena *a)
{
	*(const char **)slot = sq_col_str(st, 0, a);
}

enum store_rc store_panel_stewards(struct store *s, int64_t panel_id, struct arena *a,
                                   const char ***names, size_t *n)
{
	struct db_stmt *st = stmt(s, S_PANEL_STEWARDS);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **names, a, read_name, (void **)names, n);
}

enum store_rc store_sole_steward_panels(struct store *s, int64_t user_id, struct arena *a,
                                        const char ***names, size_t *n)
{
	struct db_stmt *st = stmt(s, S_SOLE_STEWARD);
	if (st) db_bind_i64(st, 1, user_id);
	return sq_collect(st, sizeof **names, a, read_name, (void **)names, n);
}

enum viewer_relation store_relation(struct store *s, int64_t viewer_id, int64_t subject_id)
{
	if (viewer_id == subject_id) return REL_SELF;
	struct db_stmt *st = stmt(s, S_RELATION);
	if (!st) return REL_NONE;
	db_bind_i64(st, 1, viewer_id);
	db_bind_i64(st, 2, subject_id);
	enum viewer_relation best = REL_NONE;
	while (db_step(st) == DB_ROW) {
		enum panel_role role;
		enum member_status status;
		if (!role_parse(db_col_text(st, 0), &role) ||
		    !status_parse(db_col_text(st, 1), &status))
			continue;
		enum viewer_relation r = REL_NONE;
		if (role == ROLE_STEWARD && status == MEMBER_ACTIVE) r = REL_STEWARD;
		else if (role == ROLE_STEWARD || role == ROLE_CO_CREATOR) r = REL_CO_MEMBER;
		else if (role == ROLE_GUEST) r = REL_GUEST;
		if (r > best) best = r;
	}
	return best;
}

/* ---- invitations, resets, outbox ---- */

enum store_rc store_invitation_create(struct store *s, const char *token_hash,
                                      const char *email, int64_t panel_id,
                                      enum panel_role role, int64_t invited_by,
                                      int64_t now, int64_t expires_at, int64_t *id)
{
	struct db_stmt *st = stmt(s, S_INVITE_CREATE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_text(st, 2, email);
	db_bind_i64(st, 3, panel_id);
	db_bind_text(st, 4, role_key(role));
	if (invited_by) db_bind_i64(st, 5, invited_by);
	else db_bind_null(st, 5);
	db_bind_i64(st, 6, now);
	db_bind_i64(st, 7, expires_at);
	return sq_first_i64(st, id);
}

static void read_invitation(struct db_stmt *st, void *slot, struct arena *a)
{
	struct invitation *inv = slot;
	inv->id = db_col_i64(st, 0);
	inv->panel_id = db_col_i64(st, 1);
	inv->invited_by = db_col_i64(st, 2);
	inv->created_at = db_col_i64(st, 3);
	inv->expires_at = db_col_i64(st, 4);
	inv->email = sq_col_str(st, 5, a);
	if (!role_parse(db_col_text(st, 6), &inv->role)) inv->role = ROLE_GUEST;
}

enum store_rc store_invitation_find(struct store *s, const char *token_hash, int64_t now,
                                    struct arena *a, struct invitation *out)
{
	struct db_stmt *st = stmt(s, S_INVITE_FIND);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_i64(st, 2, now);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		memset(out, 0, sizeof *out);
		read_invitation(st, out, a);
		db_done(st);
	}
	return rc;
}

enum store_rc store_invitation_accept(struct store *s, int64_t id, int64_t user_id,
                                      int64_t now)
{
	struct db_stmt *st = stmt(s, S_INVITE_ACCEPT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, now);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? ST_CONFLICT : rc; /* accepted twice */
}

enum store_rc store_invitations_pending(struct store *s, int64_t panel_id, int64_t now,
                                        struct arena *a, struct invitation **out,
                                        size_t *n)
{
	struct db_stmt *st = stmt(s, S_INVITES_PENDING);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, now);
	}
	return sq_collect(st, sizeof **out, a, read_invitation, (void **)out, n);
}

enum store_rc store_invitations_revoke_for(struct store *s, int64_t panel_id, int64_t user_id,
                                           int64_t now)
{
	struct db_stmt *st = stmt(s, S_INVITE_REVOKE_FOR);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, now);
	return sq_exec(st);
}

enum store_rc store_invitation_revoke(struct store *s, int64_t panel_id, int64_t id,
                                      int64_t now)
{
	struct db_stmt *st = stmt(s, S_INVITE_REVOKE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

enum store_rc store_reset_create(struct store *s, const char *token_hash, int64_t user_id,
                                 int64_t now, int64_t expires_at)
{
	struct db_stmt *st = stmt(s, S_RESET_CREATE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, now);
	db_bind_i64(st, 4, expires_at);
	return sq_exec(st);
}

enum store_rc store_reset_find(struct store *s, const char *token_hash, int64_t now,
                               int64_t *user_id)
{
	struct db_stmt *st = stmt(s, S_RESET_FIND);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_i64(st, 2, now);
	return sq_first_i64(st, user_id);
}

enum store_rc store_reset_use(struct store *s, const char *token_hash, int64_t now,
                              int64_t *user_id)
{
	struct db_stmt *st = stmt(s, S_RESET_USE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_i64(st, 2, now);
	return sq_first_i64(st, user_id);
}

enum store_rc store_outbox_add(struct store *s, const char *to, const char *subject,
                               const char *body, int64_t now)
{
	struct db_stmt *st = stmt(s, S_OUTBOX_ADD);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, to);
	db_bind_text(st, 2, subject);
	db_bind_text(st, 3, body);
	db_bind_i64(st, 4, now);
	return sq_exec(st);
}

enum store_rc store_outbox_prune(struct store *s, int64_t before)
{
	return exec_i64(s, S_OUTBOX_PRUNE, before);
}

static void read_outbox(struct db_stmt *st, void *slot, struct arena *a)
{
	struct outbox_message *m = slot;
	m->id = db_col_i64(st, 0);
	m->created_at = db_col_i64(st, 1);
	m->sent_at = db_col_i64(st, 2);
	m->to_email = sq_col_str(st, 3, a);
	m->subject = sq_col_str(st, 4, a);
	m->body = sq_col_str(st, 5, a);
}

enum store_rc store_outbox_recent(struct store *s, int limit, struct arena *a,
                                  struct outbox_message **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_OUTBOX_RECENT);
	if (st) db_bind_i64(st, 1, limit);
	return sq_collect(st, sizeof **out, a, read_outbox, (void **)out, n);
}

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

/* ---- sign-in failures ---- */

enum store_rc store_signin_failure_add(struct store *s, const char *key_hash, int64_t now)
{
	struct db_stmt *st = stmt(s, S_SIGNIN_FAIL_ADD);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, key_hash);
	db_bind_i64(st, 2, now);
	return sq_exec(st);
}

enum store_rc store_signin_attempt(struct store *s, const char *key_hash, int64_t now,
                                   int64_t since, int64_t max)
{
	struct db_stmt *st = stmt(s, S_SIGNIN_ATTEMPT);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, key_hash);
	db_bind_i64(st, 2, now);
	db_bind_i64(st, 3, since);
	db_bind_i64(st, 4, max);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? ST_CONFLICT : rc;
}

int64_t store_signin_failures_since(struct store *s, const char *key_hash, int64_t since)
{
	struct db_stmt *st = stmt(s, S_SIGNIN_FAIL_COUNT);
	if (!st) return 0;
	db_bind_text(st, 1, key_hash);
	db_bind_i64(st, 2, since);
	return sq_scalar_i64(st);
}

enum store_rc store_signin_failures_clear(struct store *s, const char *key_hash)
{
	return exec_text(s, S_SIGNIN_FAIL_CLEAR, key_hash);
}

enum store_rc store_signin_failures_prune(struct store *s, int64_t before)
{
	return exec_i64(s, S_SIGNIN_FAIL_PRUNE, before);
}
