/* The store's operations on accounts (store.h): users, sessions, API
 * tokens, password resets, the limits on signing in, and the outbox of
 * messages to people's addresses. */
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"

/* An outbox row as read_outbox reads it. Its reader's language: the one
 * the person at the address chose, else their panel's, else "". */
#define OUTBOX_COLUMNS                                                        \
	"id, created_at, COALESCE(sent_at, 0), COALESCE(failed_at, 0), "            \
	"COALESCE(panel_id, 0), attempts, next_attempt_at, to_email, subject, "    \
	"body, kind, last_error, COALESCE(NULLIF((SELECT u.language FROM users u " \
	"WHERE u.email = outbox.to_email), ''), (SELECT p.language FROM panels p " \
	"WHERE p.id = outbox.panel_id), '')"

/* A person's ($1) notices marked for mail by `mark` (mail_pending: the
 * digest; mail_soon: at once), oldest first, at most $2. */
#define MARKED_NOTICES(mark)                                                     \
	"SELECT n.id, n.created_at, n.body, n.link, COALESCE(p.name, '') FROM "   \
	"notices n LEFT JOIN panels p ON p.id = n.panel_id WHERE n.user_id = $1 " \
	"AND n." mark " = 1 ORDER BY n.id LIMIT $2"

#define STMTS(X)                                                             \
	X(USER_CREATE, "INSERT INTO users (email, display_name, is_admin, created_at, " \
	               "updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id")      \
	X(USER_GET, "SELECT id, email, display_name, status, is_admin, "            \
	            "password_hash IS NOT NULL, created_at, updated_at, version, " \
	            "language FROM users WHERE id = $1")                                     \
	X(USER_BY_EMAIL, "SELECT id, email, display_name, status, is_admin, "       \
	                 "password_hash IS NOT NULL, created_at, updated_at, version, " \
	                 "language FROM users WHERE email = $1")                             \
	X(USER_LIST, "SELECT id, email, display_name, status, is_admin, "           \
	             "password_hash IS NOT NULL, created_at, updated_at, version, " \
	             "language FROM users ORDER BY id")                                      \
	X(USER_COUNT, "SELECT COUNT(*) FROM users")                                 \
	X(USER_EXISTS, "SELECT COUNT(*) FROM users WHERE id = $1")                  \
	X(USER_HASH, "SELECT password_hash FROM users WHERE id = $1")               \
	X(USER_SET_HASH, "UPDATE users SET password_hash = $2, updated_at = $3, "   \
	                 "version = version + 1 WHERE id = $1")                     \
	X(USER_SET_STATUS, "UPDATE users SET status = $2, updated_at = $3, "        \
	                   "version = version + 1 WHERE id = $1")                   \
	X(USER_SET_NAME, "UPDATE users SET display_name = $2, updated_at = $4, "    \
	                 "version = version + 1 WHERE id = $1 AND version = $3")    \
	X(USER_SET_LANGUAGE, "UPDATE users SET language = $2, updated_at = $3 "    \
	                     "WHERE id = $1")                                       \
	X(USER_SET_ADMIN, "UPDATE users SET is_admin = $2, updated_at = $3, "       \
	                  "version = version + 1 WHERE id = $1")                    \
	X(USER_ERASE, "UPDATE users SET email = $2, display_name = 'Former member', " \
	              "password_hash = NULL, status = 'erased', is_admin = 0, "     \
	              "language = '', "                                            \
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
	X(SESSION_CREATE, "INSERT INTO sessions (token_hash, user_id, created_at, " \
	                  "last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)")  \
	X(SESSION_USER, "SELECT s.id, s.user_id, s.created_at, s.last_seen_at, "    \
	                "s.expires_at, u.id, u.email, u.display_name, u.status, "   \
	                "u.is_admin, u.password_hash IS NOT NULL, u.created_at, "   \
	                "u.updated_at, u.version, u.language FROM sessions s JOIN " \
	                "users u ON "                                               \
	                "u.id = s.user_id WHERE s.token_hash = $1 AND "             \
	                "s.expires_at > $2")                                        \
	X(SESSION_TOUCH, "UPDATE sessions SET last_seen_at = $2, expires_at = $3 "  \
	                 "WHERE id = $1")                                           \
	X(SESSION_DELETE, "DELETE FROM sessions WHERE token_hash = $1")             \
	X(SESSIONS_DELETE_USER, "DELETE FROM sessions WHERE user_id = $1")          \
	X(SESSIONS_PRUNE, "DELETE FROM sessions WHERE expires_at <= $1")            \
	X(TOKEN_CREATE, "INSERT INTO api_tokens (token_hash, user_id, label, created_at) " \
	                "VALUES ($1, $2, $3, $4) RETURNING id")                     \
	X(TOKEN_FIND, "SELECT t.id, t.user_id, COALESCE(t.last_used_at, 0) "        \
	              "FROM api_tokens t JOIN users u "                             \
	              "ON u.id = t.user_id WHERE t.token_hash = $1 AND "            \
	              "t.revoked_at IS NULL AND u.status = 'active'")               \
	X(TOKEN_USED, "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")      \
	X(TOKENS_REVOKE_ALL, "UPDATE api_tokens SET revoked_at = $2 WHERE "         \
	                     "user_id = $1 AND revoked_at IS NULL")                 \
	X(TOKEN_LIST, "SELECT id, user_id, label, created_at, "                     \
	              "COALESCE(last_used_at, 0), COALESCE(revoked_at, 0) "         \
	              "FROM api_tokens WHERE user_id = $1 ORDER BY id")             \
	X(TOKEN_REVOKE, "UPDATE api_tokens SET revoked_at = $3 WHERE id = $2 AND "  \
	                "user_id = $1 AND revoked_at IS NULL")                      \
	X(RESET_CREATE, "INSERT INTO password_resets (token_hash, user_id, "        \
	                "created_at, expires_at) VALUES ($1, $2, $3, $4)")          \
	X(RESET_FIND, "SELECT user_id FROM password_resets WHERE token_hash = $1 "  \
	              "AND used_at IS NULL AND expires_at > $2")                    \
	X(SIGNIN_FAIL_CLEAR, "DELETE FROM signin_failures WHERE key_hash = $1")     \
	X(RESET_USE, "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 " \
	             "AND used_at IS NULL AND expires_at > $2 RETURNING user_id")   \
	X(OUTBOX_ADD, "INSERT INTO outbox (to_email, subject, body, created_at, "   \
	              "kind, panel_id) SELECT CAST($1 AS TEXT), CAST($2 AS TEXT), " \
	              "CAST($3 AS TEXT), CAST($4 AS BIGINT), CAST($5 AS TEXT), "    \
	              "CAST($6 AS BIGINT) WHERE " MAILABLE("CAST($1 AS TEXT)"))     \
	X(OUTBOX_PRUNE, "DELETE FROM outbox WHERE created_at < $1")                 \
	X(OUTBOX_RECENT, "SELECT " OUTBOX_COLUMNS " FROM outbox ORDER BY id DESC "  \
	                 "LIMIT $1")                                                \
	X(OUTBOX_CLAIM, "UPDATE outbox SET lease_by = $1, lease_until = $3 WHERE "  \
	                "id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND "   \
	                "failed_at IS NULL AND next_attempt_at <= $2 AND "          \
	                "lease_until <= $2 ORDER BY next_attempt_at, id LIMIT $4) " \
	                "RETURNING " OUTBOX_COLUMNS)                                \
	X(OUTBOX_RECORD, "UPDATE outbox SET attempts = attempts + 1, lease_by = '', " \
	                 "lease_until = 0, next_attempt_at = $5, last_error = $6, " \
	                 "sent_at = CASE WHEN $3 = 'sent' THEN $4 ELSE sent_at END, " \
	                 "failed_at = CASE WHEN $3 IN ('refused', 'given_up') "     \
	                 "THEN $4 ELSE failed_at END WHERE id = $1 AND lease_by = $2 " \
	                 "AND lease_by <> ''")                                      \
	X(OUTBOX_ATTEMPT, "INSERT INTO delivery_attempts (outbox_id, at, code, "    \
	                  "outcome, detail) VALUES ($1, $2, $3, $4, $5)")           \
	X(OUTBOX_TROUBLED, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE "           \
	                   "panel_id = $1 AND sent_at IS NULL AND (failed_at IS NOT " \
	                   "NULL OR attempts > 0) ORDER BY id DESC LIMIT $2")       \
	X(OUTBOX_WAITING, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND "  \
	                  "failed_at IS NULL")                                      \
	X(MAIL_CHOICE_GET, "SELECT mail_notices FROM users WHERE id = $1")          \
	X(OUTBOX_LAST_FAILED, "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE "         \
	                      "to_email = $1 AND failed_at IS NOT NULL ORDER BY id DESC " \
	                      "LIMIT 1")                                            \
	X(MAIL_CHOICE_SET, "UPDATE users SET mail_notices = $2, updated_at = $3 "   \
	                   "WHERE id = $1")                                         \
	X(MAIL_PENDING_CLEAR, "UPDATE notices SET mail_pending = 0 WHERE "          \
	                      "user_id = $1 AND mail_pending = 1 AND id <= $2")     \
	X(DIGESTS_DUE, "SELECT u.id, u.digest_sent_at, u.email, COALESCE(NULLIF("  \
	               "u.language, ''), (SELECT p.language FROM notices n JOIN "   \
	               "panels p ON p.id = n.panel_id WHERE n.user_id = u.id AND "  \
	               "n.mail_pending = 1 ORDER BY n.id LIMIT 1), '') FROM "       \
	               "users u WHERE "                                             \
	               "u.status = 'active' AND u.mail_notices <> 'none' AND "      \
	               MAILABLE("u.email") " AND "                                  \
	               "u.digest_sent_at <= $1 AND EXISTS (SELECT 1 FROM notices n " \
	               "WHERE n.user_id = u.id AND n.mail_pending = 1) ORDER BY u.id " \
	               "LIMIT $2")                                                  \
	X(DIGEST_NOTICES, MARKED_NOTICES("mail_pending"))                          \
	X(DIGEST_MARK, "UPDATE users SET digest_sent_at = $3 WHERE id = $1 AND "    \
	               "digest_sent_at = $2")                                       \
	X(DIGEST_MAIL, "INSERT INTO outbox (to_email, subject, body, created_at, "  \
	               "kind) VALUES ($1, $2, $3, $4, 'digest')")                   \
	X(SOON_MOVE, "UPDATE notices SET mail_soon = 0, mail_pending = CASE WHEN "   \
	             "CAST($2 AS TEXT) = 'daily' THEN 1 ELSE mail_pending END "     \
	             "WHERE user_id = $1 AND mail_soon = 1")                        \
	X(SOON_FORGET, "UPDATE notices SET mail_soon = 0 WHERE mail_soon = 1 AND "  \
	               "(created_at < $1 OR NOT EXISTS (SELECT 1 FROM users u "     \
	               "WHERE u.id = notices.user_id AND u.status = 'active' AND "  \
	               "u.mail_notices = 'immediately' AND "                        \
	               MAILABLE("COALESCE(u.email, '')") "))")                      \
	X(SOON_DUE, "SELECT u.id, 0, u.email, COALESCE(NULLIF(u.language, ''), "    \
	            "(SELECT p.language FROM notices n JOIN panels p ON p.id = "    \
	            "n.panel_id WHERE n.user_id = u.id AND n.mail_soon = 1 ORDER "  \
	            "BY n.id LIMIT 1), '') FROM users u WHERE u.id IN (SELECT "     \
	            "n.user_id FROM notices n WHERE n.mail_soon = 1) ORDER BY u.id " \
	            "LIMIT $1")                                                      \
	X(SOON_NOTICES, MARKED_NOTICES("mail_soon"))                                \
	X(SOON_TAKE, "UPDATE notices SET mail_soon = 0 WHERE user_id = $1 AND "     \
	             "mail_soon = 1 AND id <= $2")                                  \
	X(SOON_MAIL, "INSERT INTO outbox (to_email, subject, body, created_at, "    \
	             "kind) SELECT u.email, CAST($2 AS TEXT), CAST($3 AS TEXT), "   \
	             "CAST($4 AS BIGINT), 'notice' FROM users u WHERE u.id = $5 AND " \
	             "u.email = CAST($1 AS TEXT) AND u.status = 'active' AND "      \
	             "u.mail_notices = 'immediately'")                              \
	X(SIGNIN_FAIL_ADD, "INSERT INTO signin_failures (key_hash, at) VALUES ($1, $2)") \
	X(SIGNIN_ATTEMPT, "INSERT INTO signin_failures (key_hash, at) SELECT "      \
	                  "CAST($1 AS TEXT), CAST($2 AS BIGINT) "                   \
	                  "WHERE (SELECT COUNT(*) FROM signin_failures WHERE "      \
	                  "key_hash = $1 AND at >= $3) < $4")                       \
	X(SIGNIN_FAIL_COUNT, "SELECT COUNT(*) FROM signin_failures WHERE "          \
	                     "key_hash = $1 AND at >= $2")                          \
	X(SIGNIN_FAIL_PRUNE, "DELETE FROM signin_failures WHERE at < $1")           \


SQ_STATEMENTS(STMTS)

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
	u->language = sq_col_str(st, c + 9, a);
}

static void read_user(struct db_stmt *st, void *slot, struct arena *a)
{
	read_user_at(st, 0, slot, a);
}

enum store_rc store_user_language_set(struct store *s, int64_t id, const char *code,
                                      int64_t now)
{
	struct db_stmt *st = stmt(s, S_USER_SET_LANGUAGE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_text(st, 2, code);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
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
		if ((rc = sq_exec_i64(stmt(s, by_user[i]), c->id)) != ST_OK) return rc;
	const enum stmt_id by_email[] = { S_ERASE_INVITES, S_ERASE_OUTBOX };
	for (size_t i = 0; i < sizeof by_email / sizeof by_email[0]; i++)
		if ((rc = sq_exec_text(stmt(s, by_email[i]), u.email)) != ST_OK) return rc;
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
	return sq_exec_text(stmt(s, S_SESSION_DELETE), token_hash);
}

enum store_rc store_sessions_delete_for_user(struct store *s, int64_t user_id)
{
	return sq_exec_i64(stmt(s, S_SESSIONS_DELETE_USER), user_id);
}

enum store_rc store_sessions_prune(struct store *s, int64_t now)
{
	return sq_exec_i64(stmt(s, S_SESSIONS_PRUNE), now);
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

/* ---- password resets ---- */

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
	return sq_exec_text(stmt(s, S_SIGNIN_FAIL_CLEAR), key_hash);
}

enum store_rc store_signin_failures_prune(struct store *s, int64_t before)
{
	return sq_exec_i64(stmt(s, S_SIGNIN_FAIL_PRUNE), before);
}

/* ---- the outbox ---- */

enum store_rc store_outbox_add(struct store *s, const char *to, const char *subject,
                               const char *body, const char *kind, int64_t panel_id,
                               int64_t now)
{
	struct db_stmt *st = stmt(s, S_OUTBOX_ADD);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, to);
	db_bind_text(st, 2, subject);
	db_bind_text(st, 3, body);
	db_bind_i64(st, 4, now);
	db_bind_text(st, 5, kind);
	sq_bind_ref(st, 6, panel_id);
	return sq_exec(st);
}

enum store_rc store_outbox_prune(struct store *s, int64_t before)
{
	return sq_exec_i64(stmt(s, S_OUTBOX_PRUNE), before);
}

static void read_outbox(struct db_stmt *st, void *slot, struct arena *a)
{
	struct outbox_message *m = slot;
	m->id = db_col_i64(st, 0);
	m->created_at = db_col_i64(st, 1);
	m->sent_at = db_col_i64(st, 2);
	m->failed_at = db_col_i64(st, 3);
	m->panel_id = db_col_i64(st, 4);
	m->attempts = db_col_i64(st, 5);
	m->next_attempt_at = db_col_i64(st, 6);
	m->to_email = sq_col_str(st, 7, a);
	m->subject = sq_col_str(st, 8, a);
	m->body = sq_col_str(st, 9, a);
	m->kind = sq_col_str(st, 10, a);
	m->last_error = sq_col_str(st, 11, a);
	m->language = sq_col_str(st, 12, a);
}

enum store_rc store_outbox_recent(struct store *s, int limit, struct arena *a,
                                  struct outbox_message **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_OUTBOX_RECENT);
	if (st) db_bind_i64(st, 1, limit);
	return sq_collect(st, sizeof **out, a, read_outbox, (void **)out, n);
}

struct claim_ctx {
	const char *holder;
	int64_t now, lease_until;
	int limit;
	struct arena *a;
	struct outbox_message **out;
	size_t *n;
};

static enum store_rc claim_in_tx(struct store *s, void *p)
{
	struct claim_ctx *c = p;
	struct db_stmt *st = stmt(s, S_OUTBOX_CLAIM);
	if (st) {
		db_bind_text(st, 1, c->holder);
		db_bind_i64(st, 2, c->now);
		db_bind_i64(st, 3, c->lease_until);
		db_bind_i64(st, 4, c->limit);
	}
	return sq_collect(st, sizeof **c->out, c->a, read_outbox, (void **)c->out, c->n);
}

static int by_id(const void *x, const void *y)
{
	const struct outbox_message *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

enum store_rc store_outbox_claim(struct store *s, const char *holder, int64_t now,
                                 int64_t lease_until, int limit, struct arena *a,
                                 struct outbox_message **out, size_t *n)
{
	*n = 0;
	struct claim_ctx c = { holder, now, lease_until, limit, a, out, n };
	enum store_rc rc = store_tx(s, claim_in_tx, &c);
	/* RETURNING gives no order. */
	if (rc == ST_OK && *n > 1) qsort(*out, *n, sizeof **out, by_id);
	return rc;
}

const char *delivery_outcome_key(enum delivery_outcome o)
{
	static const char *const keys[] = { "sent", "retry", "refused", "given_up" };
	return (unsigned)o < sizeof keys / sizeof keys[0] ? keys[o] : "retry";
}

struct record_ctx {
	int64_t id, now, next;
	const char *holder, *detail;
	int code;
	enum delivery_outcome outcome;
};

static enum store_rc record_in_tx(struct store *s, void *p)
{
	struct record_ctx *c = p;
	struct db_stmt *st = stmt(s, S_OUTBOX_RECORD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->id);
	db_bind_text(st, 2, c->holder);
	db_bind_text(st, 3, delivery_outcome_key(c->outcome));
	db_bind_i64(st, 4, c->now);
	db_bind_i64(st, 5, c->next);
	db_bind_text(st, 6, c->outcome == DELIVERY_SENT ? "" : c->detail);
	enum store_rc rc = sq_exec_changed(s, st);
	if (rc != ST_OK) return rc;
	if (!(st = stmt(s, S_OUTBOX_ATTEMPT))) return ST_ERROR;
	db_bind_i64(st, 1, c->id);
	db_bind_i64(st, 2, c->now);
	db_bind_i64(st, 3, c->code);
	db_bind_text(st, 4, delivery_outcome_key(c->outcome));
	db_bind_text(st, 5, c->detail);
	return sq_exec(st);
}

enum store_rc store_outbox_record(struct store *s, int64_t id, const char *holder, int64_t now,
                                  int code, enum delivery_outcome outcome, const char *detail,
                                  int64_t next_attempt_at)
{
	struct record_ctx c = { id, now, next_attempt_at, holder, detail ? detail : "", code,
	                        outcome };
	return store_tx(s, record_in_tx, &c);
}

enum store_rc store_outbox_troubled(struct store *s, int64_t panel_id, int limit,
                                    struct arena *a, struct outbox_message **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_OUTBOX_TROUBLED);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, limit);
	}
	return sq_collect(st, sizeof **out, a, read_outbox, (void **)out, n);
}

enum store_rc store_outbox_last_failed(struct store *s, const char *address, struct arena *a,
                                       struct outbox_message *out)
{
	struct db_stmt *st = stmt(s, S_OUTBOX_LAST_FAILED);
	if (st) db_bind_text(st, 1, address);
	return sq_one_row(st, read_outbox, out, a);
}

int64_t store_outbox_waiting(struct store *s)
{
	return sq_scalar_i64(stmt(s, S_OUTBOX_WAITING));
}

/* ---- mail choices and digests ---- */

enum store_rc store_mail_choice_get(struct store *s, int64_t user_id, struct arena *a,
                                    const char **choice)
{
	struct db_stmt *st = stmt(s, S_MAIL_CHOICE_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	*choice = sq_col_str(st, 0, a);
	db_done(st);
	return ST_OK;
}

struct choice_ctx {
	int64_t user_id, now;
	const char *choice;
};

static enum store_rc choice_in_tx(struct store *s, void *p)
{
	struct choice_ctx *c = p;
	struct db_stmt *st = stmt(s, S_MAIL_CHOICE_SET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->user_id);
	db_bind_text(st, 2, c->choice);
	db_bind_i64(st, 3, c->now);
	enum store_rc rc = sq_exec_changed(s, st);
	if (rc != ST_OK || !strcmp(c->choice, "immediately")) return rc;
	/* Notices not yet mailed at once go to the digest, or stay on the site. */
	if (!(st = stmt(s, S_SOON_MOVE))) return ST_ERROR;
	db_bind_i64(st, 1, c->user_id);
	db_bind_text(st, 2, c->choice);
	if ((rc = sq_exec(st)) != ST_OK || strcmp(c->choice, "none")) return rc;
	if (!(st = stmt(s, S_MAIL_PENDING_CLEAR))) return ST_ERROR;
	db_bind_i64(st, 1, c->user_id);
	db_bind_i64(st, 2, INT64_MAX);
	return sq_exec(st);
}

enum store_rc store_mail_choice_set(struct store *s, int64_t user_id, const char *choice,
                                    int64_t now)
{
	struct choice_ctx c = { user_id, now, choice };
	return store_tx(s, choice_in_tx, &c);
}

static void read_digest_due(struct db_stmt *st, void *slot, struct arena *a)
{
	struct digest_due *d = slot;
	d->user_id = db_col_i64(st, 0);
	d->digest_sent_at = db_col_i64(st, 1);
	d->email = sq_col_str(st, 2, a);
	d->language = sq_col_str(st, 3, a);
}

enum store_rc store_digests_due(struct store *s, int64_t before, int limit, struct arena *a,
                                struct digest_due **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_DIGESTS_DUE);
	if (st) {
		db_bind_i64(st, 1, before);
		db_bind_i64(st, 2, limit);
	}
	return sq_collect(st, sizeof **out, a, read_digest_due, (void **)out, n);
}

static void read_pending_notice(struct db_stmt *st, void *slot, struct arena *a)
{
	struct pending_notice *p = slot;
	p->id = db_col_i64(st, 0);
	p->created_at = db_col_i64(st, 1);
	p->body = sq_col_str(st, 2, a);
	p->link = sq_col_str(st, 3, a);
	p->panel_name = sq_col_str(st, 4, a);
}

static enum store_rc marked_notices(struct store *s, int id, int64_t user_id, int limit,
                                    struct arena *a, struct pending_notice **out, size_t *n)
{
	struct db_stmt *st = stmt(s, id);
	if (st) {
		db_bind_i64(st, 1, user_id);
		db_bind_i64(st, 2, limit);
	}
	return sq_collect(st, sizeof **out, a, read_pending_notice, (void **)out, n);
}

enum store_rc store_notices_for_digest(struct store *s, int64_t user_id, int limit,
                                       struct arena *a, struct pending_notice **out,
                                       size_t *n)
{
	return marked_notices(s, S_DIGEST_NOTICES, user_id, limit, a, out, n);
}

struct digest_ctx {
	int64_t user_id, was, now, last_id;
	const char *to, *subject, *body;
};

static enum store_rc digest_in_tx(struct store *s, void *p)
{
	struct digest_ctx *c = p;
	struct db_stmt *st = stmt(s, S_DIGEST_MARK);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->user_id);
	db_bind_i64(st, 2, c->was);
	db_bind_i64(st, 3, c->now);
	enum store_rc rc = sq_exec_changed(s, st);
	if (rc == ST_NOT_FOUND) return ST_CONFLICT;
	if (rc != ST_OK) return rc;
	if (!(st = stmt(s, S_DIGEST_MAIL))) return ST_ERROR;
	db_bind_text(st, 1, c->to);
	db_bind_text(st, 2, c->subject);
	db_bind_text(st, 3, c->body);
	db_bind_i64(st, 4, c->now);
	if ((rc = sq_exec(st)) != ST_OK) return rc;
	if (!(st = stmt(s, S_MAIL_PENDING_CLEAR))) return ST_ERROR;
	db_bind_i64(st, 1, c->user_id);
	db_bind_i64(st, 2, c->last_id);
	return sq_exec(st);
}

enum store_rc store_digest_make(struct store *s, int64_t user_id, int64_t was, int64_t now,
                                const char *to, const char *subject, const char *body,
                                int64_t last_id)
{
	struct digest_ctx c = { user_id, was, now, last_id, to, subject, body };
	return store_tx(s, digest_in_tx, &c);
}

/* ---- notices mailed as they happen ---- */

enum store_rc store_notice_mail_forget(struct store *s, int64_t before)
{
	struct db_stmt *st = stmt(s, S_SOON_FORGET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, before);
	return sq_exec(st);
}

enum store_rc store_notice_mail_due(struct store *s, int limit, struct arena *a,
                                    struct digest_due **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_SOON_DUE);
	if (st) db_bind_i64(st, 1, limit);
	return sq_collect(st, sizeof **out, a, read_digest_due, (void **)out, n);
}

enum store_rc store_notice_mail_notices(struct store *s, int64_t user_id, int limit,
                                        struct arena *a, struct pending_notice **out,
                                        size_t *n)
{
	return marked_notices(s, S_SOON_NOTICES, user_id, limit, a, out, n);
}

struct notice_mail_ctx {
	const struct notice_mail *m;
	int64_t now;
};

static enum store_rc notice_mail_in_tx(struct store *s, void *p)
{
	struct notice_mail_ctx *c = p;
	const struct notice_mail *m = c->m;
	struct db_stmt *st = stmt(s, S_SOON_TAKE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, m->user_id);
	db_bind_i64(st, 2, m->last_id);
	enum store_rc rc = sq_exec(st);
	if (rc != ST_OK) return rc;
	/* Fewer marks than were read: another server mailed them meanwhile. */
	if (db_changes(s->db) != (int64_t)m->count) return ST_CONFLICT;
	if (!(st = stmt(s, S_SOON_MAIL))) return ST_ERROR;
	db_bind_text(st, 1, m->to);
	db_bind_text(st, 2, m->subject);
	db_bind_text(st, 3, m->body);
	db_bind_i64(st, 4, c->now);
	db_bind_i64(st, 5, m->user_id);
	/* Not one row: they changed their address or choice, or left, since
	 * they were read; the next pass sees them as they are now. */
	rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? ST_CONFLICT : rc;
}

enum store_rc store_notice_mail_make(struct store *s, const struct notice_mail *m, int64_t now)
{
	struct notice_mail_ctx c = { m, now };
	return store_tx(s, notice_mail_in_tx, &c);
}
