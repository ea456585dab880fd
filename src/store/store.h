#ifndef EC_STORE_STORE_H
#define EC_STORE_STORE_H
/* The store: every read and write of emptychair's data, as named
 * operations. Nothing outside src/store/ sees SQL.
 *
 * Contracts that hold for every operation:
 *  - A struct store is one connection, used by one thread at a time.
 *  - Strings returned are copied into the caller's arena and live as long
 *    as it does; nothing returned needs freeing.
 *  - Times are seconds since the epoch, UTC.
 *  - Results: ST_OK; ST_NOT_FOUND when the named row does not exist;
 *    ST_CONFLICT when a uniqueness rule or a version check refused a write
 *    (nothing was changed); ST_BUSY when the database stayed locked
 *    (store_tx retries first); ST_ERROR for anything else, already logged.
 *  - Secrets: password hashes and token hashes go in through their own
 *    operations and come out only through store_user_password_hash(); no
 *    struct here carries one. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/mem.h"
#include "core/policy.h"

enum store_rc { ST_OK = 0, ST_NOT_FOUND, ST_CONFLICT, ST_BUSY, ST_ERROR };

struct store;

/* Opens the database named by target: a SQLite file path (created if need
 * be) or a PostgreSQL URI, "postgresql://[user[:password]@]host[:port]/db"
 * (libpq's form; "postgres://" too). */
struct store *store_open(const char *target, char **err);
/* The same for an existing database that must not change at all: nothing
 * is created, migrated or written (backup, check). */
struct store *store_open_read_only(const char *target, char **err);
bool store_is_postgresql(struct store *s);
/* Whether target names a PostgreSQL database (by its form; nothing opened). */
bool store_target_is_postgresql(const char *target);
void store_close(struct store *s);

/* Applies every migration not yet recorded; *applied counts them.
 * ST_CONFLICT, changing nothing, when the database's schema is newer than
 * this program knows (store_schema_version() > store_schema_latest()): a
 * newer emptychair migrated it. ST_ERROR (logged) when a migration fails or
 * one between the database's version and the latest is missing. */
enum store_rc store_migrate(struct store *s, int *applied);
/* Highest migration applied, 0 for a database with none (reads only). */
int store_schema_version(struct store *s);
/* The newest migration this program knows. */
int store_schema_latest(void);

/* Runs fn inside one write transaction. If fn returns ST_OK the transaction
 * commits; otherwise it rolls back and fn's result is returned. When the
 * database is busy (or, on PostgreSQL, a serialisation failure or deadlock)
 * the whole transaction, fn included, is tried up to STORE_TX_ATTEMPTS times
 * with growing pauses, then ST_BUSY is returned; fn must therefore have no
 * effects outside the store. (Each attempt may itself wait out SQLite's
 * busy timeout, 5 s, before it counts as busy.) */
enum { STORE_TX_ATTEMPTS = 4 };
typedef enum store_rc (*store_tx_fn)(struct store *s, void *ctx);
enum store_rc store_tx(struct store *s, store_tx_fn fn, void *ctx);

/* One read snapshot for a run of reads (a page view): the reads between
 * begin and end see one state of the database. The first write (any
 * operation that changes data, or store_tx) ends the snapshot before it
 * runs, so writes keep their own transactions, locking and retries exactly
 * as without it; reads after it are each on their own again. end is safe
 * to call after a write or an error. Why: on SQLite every statement on its
 * own takes and drops the WAL read lock (fcntl calls and a process-wide
 * mutex); bench/http measured 12 fcntl calls per panel page without the
 * snapshot and 2 with it, and about a third less CPU per request. */
void store_read_begin(struct store *s);
void store_read_end(struct store *s);

enum store_rc store_backup(struct store *s, const char *path, char **err);

/* ---- copying a whole installation (copy.c) ---- */

/* Copies every row of from into to, which must be a new database already
 * migrated to this program's schema and holding no rows; from must be at
 * the same schema version. One read snapshot of from, one transaction on
 * to: a failed copy leaves to empty. Generated ids carry on after the
 * largest copied. Tables kept by triggers (member counts) are rebuilt by
 * them, not copied. ST_CONFLICT, with *why, when to is not empty, from is
 * at another schema version or has a table this program does not know;
 * ST_ERROR (*why, and the driver's messages logged) otherwise. */
enum store_rc store_copy(struct store *from, struct store *to, struct arena *a,
                         const char **why);
/* ST_OK when every table of the database is one store_copy knows; else
 * ST_CONFLICT with *why naming the first it does not. */
enum store_rc store_copy_tables_known(struct store *s, struct arena *a, const char **why);

/* Row count and an order-free checksum of each table store_copy knows
 * (copy.c says how it is made): two databases with the same rows have the
 * same sums, whatever the backend. Read in one snapshot. */
struct store_table_sum {
	const char *table;
	int64_t rows;
	char checksum[65];
};
enum store_rc store_table_sums(struct store *s, struct arena *a, struct store_table_sum **out,
                               size_t *n);
enum store_rc store_check(struct store *s, char **report);

/* ---- installation settings ---- */
enum store_rc store_setting_get(struct store *s, const char *key, struct arena *a,
                                const char **value);
enum store_rc store_setting_set(struct store *s, const char *key, const char *value);

/* ---- users ---- */
struct user {
	int64_t id;
	const char *email;
	const char *display_name;
	enum user_status status;
	bool is_admin;
	bool has_password;
	int64_t created_at, updated_at, version;
};

enum store_rc store_user_create(struct store *s, const char *email,
                                const char *display_name, bool is_admin,
                                int64_t now, int64_t *id);
enum store_rc store_user_get(struct store *s, int64_t id, struct arena *a, struct user *u);
enum store_rc store_user_by_email(struct store *s, const char *email, struct arena *a,
                                  struct user *u);
enum store_rc store_user_password_hash(struct store *s, int64_t id, struct arena *a,
                                       const char **hash);
enum store_rc store_user_set_password(struct store *s, int64_t id, const char *hash,
                                      int64_t now);
enum store_rc store_user_set_status(struct store *s, int64_t id, enum user_status st,
                                    int64_t now);
/* Changes the display name if the row is still at expected_version. */
enum store_rc store_user_set_name(struct store *s, int64_t id, const char *name,
                                  int64_t expected_version, int64_t now);
enum store_rc store_user_set_admin(struct store *s, int64_t id, bool is_admin, int64_t now);
/* Erases a person: their e-mail and name are replaced; password, profile,
 * sessions, tokens, resets, every invitation and outbox message to their
 * address go; memberships are marked removed. Consent history and the audit log stay, now pointing at
 * a record that identifies nobody. */
enum store_rc store_user_erase(struct store *s, int64_t id, int64_t now);
enum store_rc store_users_list(struct store *s, struct arena *a, struct user **out,
                               size_t *n);
int64_t store_user_count(struct store *s);

/* ---- sessions and API tokens (stored as hashes) ---- */
struct session {
	int64_t id, user_id, created_at, last_seen_at, expires_at;
};
enum store_rc store_session_create(struct store *s, const char *token_hash,
                                   int64_t user_id, int64_t now, int64_t expires_at);
/* A session that has not expired at now, with its user, in one read. */
enum store_rc store_session_user(struct store *s, const char *token_hash, int64_t now,
                                 struct arena *a, struct session *out, struct user *u);
/* Finds a session that has not expired at now. */
enum store_rc store_session_find(struct store *s, const char *token_hash, int64_t now,
                                 struct session *out);
enum store_rc store_session_touch(struct store *s, int64_t id, int64_t now,
                                  int64_t expires_at);
enum store_rc store_session_delete(struct store *s, const char *token_hash);
enum store_rc store_sessions_delete_for_user(struct store *s, int64_t user_id);
/* Deletes sessions that expired before now. */
enum store_rc store_sessions_prune(struct store *s, int64_t now);

struct api_token {
	int64_t id, user_id, created_at, last_used_at, revoked_at;
	const char *label;
};
enum store_rc store_api_token_create(struct store *s, const char *token_hash,
                                     int64_t user_id, const char *label, int64_t now,
                                     int64_t *id);
/* The user of an unrevoked token of an active account; records its use
 * (at most every SESSION_TOUCH_SECONDS). */
enum store_rc store_api_token_use(struct store *s, const char *token_hash, int64_t now,
                                  int64_t *user_id);
enum store_rc store_api_tokens_list(struct store *s, int64_t user_id, struct arena *a,
                                    struct api_token **out, size_t *n);
enum store_rc store_api_token_revoke(struct store *s, int64_t user_id, int64_t id,
                                     int64_t now);
/* Revokes every token of the user (after a password reset or change). */
enum store_rc store_api_tokens_revoke_all(struct store *s, int64_t user_id, int64_t now);

/* ---- panels and memberships ---- */
struct panel {
	int64_t id;
	const char *name, *description, *time_zone, *language, *organisation;
	enum panel_hosting hosting;
	int64_t created_at, updated_at, version;
};

struct membership {
	int64_t panel_id, user_id;
	enum panel_role role;
	enum member_status status;
	int64_t joined_at, updated_at;
};

/* A panel as one person sees it in their list. */
struct my_panel {
	struct panel panel;
	struct membership me;
	int64_t active_members;
};

/* One row of a panel's member list. */
struct member_row {
	struct membership m;
	const char *display_name;
	const char *email;
	enum user_status user_status;
};

enum store_rc store_panel_create(struct store *s, const struct panel *p, int64_t now,
                                 int64_t *id);
enum store_rc store_panel_get(struct store *s, int64_t id, struct arena *a,
                              struct panel *p);
/* A panel and user_id's membership of it (role ROLE_NONE when they have
 * never been a member), in one read; ST_NOT_FOUND when there is no panel. */
enum store_rc store_panel_member(struct store *s, int64_t panel_id, int64_t user_id,
                                 struct arena *a, struct panel *p, struct membership *m);
/* Saves p's editable fields if the row is still at p->version. */
enum store_rc store_panel_update(struct store *s, const struct panel *p, int64_t now);
enum store_rc store_panels_for_user(struct store *s, int64_t user_id, struct arena *a,
                                    struct my_panel **out, size_t *n);
enum store_rc store_panels_list(struct store *s, struct arena *a, struct panel **out,
                                size_t *n);

/* ST_NOT_FOUND when the user has never been a member. */
enum store_rc store_membership_get(struct store *s, int64_t panel_id, int64_t user_id,
                                   struct membership *m);
/* Adds the membership, or sets role and status on an existing one. */
enum store_rc store_membership_put(struct store *s, int64_t panel_id, int64_t user_id,
                                   enum panel_role role, enum member_status status,
                                   int64_t now);
/* Members not removed: stewards, then co-creators, then guests, each by name. */
enum store_rc store_members_list(struct store *s, int64_t panel_id, struct arena *a,
                                 struct member_row **out, size_t *n);
/* The same, limit rows from offset, and how many there are in all. */
enum store_rc store_members_page(struct store *s, int64_t panel_id, int64_t offset,
                                 int64_t limit, struct arena *a, struct member_row **out,
                                 size_t *n, int64_t *total);
int64_t store_active_steward_count(struct store *s, int64_t panel_id);

/* Active members by role, for a panel's home page (no member rows read). */
struct panel_counts {
	int64_t stewards, co_creators, guests;
};
enum store_rc store_panel_counts(struct store *s, int64_t panel_id, struct panel_counts *out);
/* Display names of the panel's active stewards, by name. */
enum store_rc store_panel_stewards(struct store *s, int64_t panel_id, struct arena *a,
                                   const char ***names, size_t *n);

/* Names of the panels where user_id is the only active steward. */
enum store_rc store_sole_steward_panels(struct store *s, int64_t user_id, struct arena *a,
                                        const char ***names, size_t *n);

/* How viewer stands to subject across the panels they share (policy.h). */
enum viewer_relation store_relation(struct store *s, int64_t viewer_id, int64_t subject_id);

/* ---- invitations, password resets, outbox ---- */
struct invitation {
	int64_t id, panel_id, invited_by, created_at, expires_at, accepted_at, revoked_at;
	const char *email;
	enum panel_role role;
};
enum store_rc store_invitation_create(struct store *s, const char *token_hash,
                                      const char *email, int64_t panel_id,
                                      enum panel_role role, int64_t invited_by,
                                      int64_t now, int64_t expires_at, int64_t *id);
/* Finds an invitation that is neither used, revoked nor expired at now. */
enum store_rc store_invitation_find(struct store *s, const char *token_hash, int64_t now,
                                    struct arena *a, struct invitation *out);
enum store_rc store_invitation_accept(struct store *s, int64_t id, int64_t user_id,
                                      int64_t now);
enum store_rc store_invitations_pending(struct store *s, int64_t panel_id, int64_t now,
                                        struct arena *a, struct invitation **out,
                                        size_t *n);
enum store_rc store_invitation_revoke(struct store *s, int64_t panel_id, int64_t id,
                                      int64_t now);

enum store_rc store_reset_create(struct store *s, const char *token_hash, int64_t user_id,
                                 int64_t now, int64_t expires_at);
/* The user of an unused, unexpired reset, without using it. */
enum store_rc store_reset_find(struct store *s, const char *token_hash, int64_t now,
                               int64_t *user_id);
/* The user of an unused, unexpired reset; marks it used. */
enum store_rc store_reset_use(struct store *s, const char *token_hash, int64_t now,
                              int64_t *user_id);

struct outbox_message {
	int64_t id, created_at, sent_at;
	const char *to_email, *subject, *body;
};
enum store_rc store_outbox_add(struct store *s, const char *to, const char *subject,
                               const char *body, int64_t now);
/* Deletes messages made before `before`. Messages carry one-time links in
 * the clear (they must, to be delivered), so none outlives its links. */
enum store_rc store_outbox_prune(struct store *s, int64_t before);
/* Newest first, at most limit. */
enum store_rc store_outbox_recent(struct store *s, int limit, struct arena *a,
                                  struct outbox_message **out, size_t *n);

/* ---- profile, consent, audit ---- */
struct profile_value {
	const char *field;
	const char *value;
	enum visibility visibility;
	int64_t updated_at;
};
enum store_rc store_profile_get(struct store *s, int64_t user_id, struct arena *a,
                                struct profile_value **out, size_t *n);
/* Sets a field; an empty value deletes it. */
enum store_rc store_profile_set(struct store *s, int64_t user_id, const char *field,
                                const char *value, enum visibility vis, int64_t now);

struct consent {
	int64_t id, at;
	const char *purpose, *wording_version;
	bool given;
};
enum store_rc store_consent_add(struct store *s, int64_t user_id, const char *purpose,
                                const char *wording, bool given, int64_t now);
/* Oldest first. */
enum store_rc store_consents_list(struct store *s, int64_t user_id, struct arena *a,
                                  struct consent **out, size_t *n);
/* Whether the latest record for purpose is "given". */
bool store_consent_current(struct store *s, int64_t user_id, const char *purpose);

enum audit_action { AUDIT_READ, AUDIT_CHANGE, AUDIT_EXPORT, AUDIT_ERASE };
struct audit_entry {
	int64_t id, actor_user_id, at;
	const char *actor_name;  /* "" when the actor has been erased */
	enum audit_action action;
	const char *detail;
};
enum store_rc store_audit_add(struct store *s, int64_t subject, int64_t actor,
                              enum audit_action action, const char *detail, int64_t now);
/* Newest first, at most limit. */
enum store_rc store_audit_list(struct store *s, int64_t subject, int limit,
                               struct arena *a, struct audit_entry **out, size_t *n);
const char *audit_action_key(enum audit_action a);

/* ---- sign-in rate limits ---- */
enum store_rc store_signin_failure_add(struct store *s, const char *key_hash, int64_t now);
/* Records an attempt under key_hash unless `max` are already recorded
 * since `since`, in one statement (so parallel attempts cannot overshoot):
 * ST_OK recorded, ST_CONFLICT the limit is reached and nothing was written. */
enum store_rc store_signin_attempt(struct store *s, const char *key_hash, int64_t now,
                                   int64_t since, int64_t max);
int64_t store_signin_failures_since(struct store *s, const char *key_hash, int64_t since);
enum store_rc store_signin_failures_clear(struct store *s, const char *key_hash);
enum store_rc store_signin_failures_prune(struct store *s, int64_t before);
#endif
