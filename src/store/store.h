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
#include "core/case_study.h"
#include "core/filetype.h"
#include "core/mem.h"
#include "core/pay.h"
#include "core/policy.h"
#include "core/report.h"
#include "core/representation.h"
#include "core/voice.h"

enum store_rc { ST_OK = 0, ST_NOT_FOUND, ST_CONFLICT, ST_BUSY, ST_ERROR };

/* Marks an operation that changes data. The web layer never calls one: its
 * writes go through a use case in app/, which both doors share
 * (scripts/check-web-writes.sh, run by the test command, reads the code and
 * fails when src/web calls an operation marked here). */
#define STORE_WRITES

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

/* A server's cache of query results, shared by its workers' stores
 * (store/read_cache.h has the rules). Reads inside store_read_begin's
 * snapshot are served from it; every store using it counts its commits in
 * it, so they see each other's changes at once. Changes made by another
 * process are seen within ttl_ms. NULL when out of memory. */
struct read_cache;
struct read_cache *store_read_cache_new(int64_t ttl_ms, size_t max_bytes);
void store_read_cache_free(struct read_cache *c); /* after every store using it is closed */
void store_use_read_cache(struct store *s, struct read_cache *c);
/* Several servers on one PostgreSQL database: a thread that hears each
 * server's commits as they happen (LISTEN/NOTIFY) and makes c forget the
 * rows they may have changed, so that another server's change is seen at
 * once rather than within ttl_ms; while it cannot hear (its connection is
 * lost, and until it is back) ttl_ms remains the bound. NULL on SQLite
 * (one server per file: nothing to hear) or when no thread can be made.
 * Stop it before freeing c. */
struct store_listener;
struct store_listener *store_listener_start(const char *target, struct read_cache *c);
void store_listener_stop(struct store_listener *l);

/* Applies every migration not yet recorded; *applied counts them.
 * ST_CONFLICT, changing nothing, when the database's schema is newer than
 * this program knows (store_schema_version() > store_schema_latest()): a
 * newer emptychair migrated it. ST_ERROR (logged) when a migration fails or
 * one between the database's version and the latest is missing. */
STORE_WRITES
enum store_rc store_migrate(struct store *s, int *applied);
/* Highest migration applied, 0 for a database with none (reads only). */
int store_schema_version(struct store *s);
/* The newest migration this program knows. */
int store_schema_latest(void);

/* Runs fn inside one write transaction. If fn returns ST_OK the transaction
 * commits; otherwise it rolls back and fn's result is returned. When the
 * database is busy (or, on PostgreSQL, a serialisation failure or deadlock)
 * the whole transaction, fn included, is tried again after a pause of a
 * random length (up to 2, 4, 8 ... 32 ms: writers refused together do not
 * come back together), up to 4 times on SQLite and 12 on PostgreSQL, then
 * ST_BUSY is returned (and said on stderr); fn must therefore have no
 * effects outside the store. (Each attempt may itself wait out SQLite's
 * busy timeout, 5 s, before it counts as busy.) */
typedef enum store_rc (*store_tx_fn)(struct store *s, void *ctx);
/* How many times store_tx tries in all on this store's backend. */
int store_tx_attempts(struct store *s);
enum store_rc store_tx(struct store *s, store_tx_fn fn, void *ctx);
/* store_tx for a write guarded by an idempotency key or another uniqueness
 * rule: when the commit is refused as ST_CONFLICT (a request racing this
 * one, perhaps on another server, took the key first), fn runs once more,
 * to find what the other wrote and answer as a replay. Called inside
 * another transaction it only runs fn: the outermost store_tx_keyed retries. */
enum store_rc store_tx_keyed(struct store *s, store_tx_fn fn, void *ctx);
/* Whether store_tx on s has given a write up as busy (every attempt
 * refused) since the last call, which forgets it. The server asks at the
 * end of a request that failed: nothing was written, and trying again a
 * moment later may well succeed, so the answer is 503 with Retry-After
 * rather than 500. */
bool store_take_busy(struct store *s);

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
STORE_WRITES
enum store_rc store_copy(struct store *from, struct store *to, struct arena *a,
                         const char **why);
/* ST_OK when every table of the database, and every column of each, is one
 * store_copy knows; else ST_CONFLICT with *why naming the first it does not. */
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
STORE_WRITES
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
	const char *language; /* their choice (core/lang.h), "" when they made none */
};

/* Sets user id's language ("" for none): for their pages and their mail. */
STORE_WRITES
enum store_rc store_user_language_set(struct store *s, int64_t id, const char *code,
                                      int64_t now);
STORE_WRITES
enum store_rc store_user_create(struct store *s, const char *email,
                                const char *display_name, bool is_admin,
                                int64_t now, int64_t *id);
enum store_rc store_user_get(struct store *s, int64_t id, struct arena *a, struct user *u);
enum store_rc store_user_by_email(struct store *s, const char *email, struct arena *a,
                                  struct user *u);
enum store_rc store_user_password_hash(struct store *s, int64_t id, struct arena *a,
                                       const char **hash);
STORE_WRITES
enum store_rc store_user_set_password(struct store *s, int64_t id, const char *hash,
                                      int64_t now);
STORE_WRITES
enum store_rc store_user_set_status(struct store *s, int64_t id, enum user_status st,
                                    int64_t now);
/* Changes the display name if the row is still at expected_version. */
STORE_WRITES
enum store_rc store_user_set_name(struct store *s, int64_t id, const char *name,
                                  int64_t expected_version, int64_t now);
STORE_WRITES
enum store_rc store_user_set_admin(struct store *s, int64_t id, bool is_admin, int64_t now);
/* Erases a person: their e-mail and name are replaced; password, profile,
 * sessions, tokens, resets, their declared earnings limit, bank details,
 * every invitation and outbox message to their address go; memberships
 * are marked removed. Consent history, the audit log and pay records
 * (claims, the ledger: kept for tax and audit) stay, now pointing at a
 * record that identifies nobody. */
STORE_WRITES
enum store_rc store_user_erase(struct store *s, int64_t id, int64_t now);
enum store_rc store_users_list(struct store *s, struct arena *a, struct user **out,
                               size_t *n);
int64_t store_user_count(struct store *s);

/* ---- sessions and API tokens (stored as hashes) ---- */
struct session {
	int64_t id, user_id, created_at, last_seen_at, expires_at;
};
STORE_WRITES
enum store_rc store_session_create(struct store *s, const char *token_hash,
                                   int64_t user_id, int64_t now, int64_t expires_at);
/* A session that has not expired at now, with its user, in one read. */
enum store_rc store_session_user(struct store *s, const char *token_hash, int64_t now,
                                 struct arena *a, struct session *out, struct user *u);
/* Finds a session that has not expired at now. */
enum store_rc store_session_find(struct store *s, const char *token_hash, int64_t now,
                                 struct session *out);
STORE_WRITES
enum store_rc store_session_touch(struct store *s, int64_t id, int64_t now,
                                  int64_t expires_at);
STORE_WRITES
enum store_rc store_session_delete(struct store *s, const char *token_hash);
STORE_WRITES
enum store_rc store_sessions_delete_for_user(struct store *s, int64_t user_id);
/* Deletes sessions that expired before now. */
STORE_WRITES
enum store_rc store_sessions_prune(struct store *s, int64_t now);

struct api_token {
	int64_t id, user_id, created_at, last_used_at, revoked_at;
	const char *label;
};
STORE_WRITES
enum store_rc store_api_token_create(struct store *s, const char *token_hash,
                                     int64_t user_id, const char *label, int64_t now,
                                     int64_t *id);
/* The user of an unrevoked token of an active account; records its use
 * (at most every SESSION_TOUCH_SECONDS). */
STORE_WRITES
enum store_rc store_api_token_use(struct store *s, const char *token_hash, int64_t now,
                                  int64_t *user_id);
enum store_rc store_api_tokens_list(struct store *s, int64_t user_id, struct arena *a,
                                    struct api_token **out, size_t *n);
STORE_WRITES
enum store_rc store_api_token_revoke(struct store *s, int64_t user_id, int64_t id,
                                     int64_t now);
/* Revokes every token of the user (after a password reset or change). */
STORE_WRITES
enum store_rc store_api_tokens_revoke_all(struct store *s, int64_t user_id, int64_t now);

/* ---- panels and memberships ---- */
struct panel {
	int64_t id;
	const char *name, *description, *time_zone, *language, *organisation;
	enum panel_hosting hosting;
	int64_t response_days;  /* a contribution is due an answer within this */
	int64_t agenda_days;    /* the agenda is published this many days before */
	bool co_creators_post;  /* user-led: co-creators may post opportunities and run draws */
	int64_t created_at, updated_at, version;
};
/* Defaults for a new panel (0 in struct panel when creating means these). */
enum { PANEL_RESPONSE_DAYS = 28, PANEL_AGENDA_DAYS = 7 };

struct membership {
	int64_t panel_id, user_id;
	enum panel_role role;
	enum member_status status;
	bool responder;         /* a guest named to answer contributions */
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

STORE_WRITES
enum store_rc store_panel_create(struct store *s, const struct panel *p, int64_t now,
                                 int64_t *id);
enum store_rc store_panel_get(struct store *s, int64_t id, struct arena *a,
                              struct panel *p);
/* A panel and user_id's membership of it (role ROLE_NONE when they have
 * never been a member), in one read; ST_NOT_FOUND when there is no panel. */
enum store_rc store_panel_member(struct store *s, int64_t panel_id, int64_t user_id,
                                 struct arena *a, struct panel *p, struct membership *m);
/* Saves p's editable fields if the row is still at p->version. */
STORE_WRITES
enum store_rc store_panel_update(struct store *s, const struct panel *p, int64_t now);
enum store_rc store_panels_for_user(struct store *s, int64_t user_id, struct arena *a,
                                    struct my_panel **out, size_t *n);
enum store_rc store_panels_list(struct store *s, struct arena *a, struct panel **out,
                                size_t *n);

/* ST_NOT_FOUND when the user has never been a member. */
enum store_rc store_membership_get(struct store *s, int64_t panel_id, int64_t user_id,
                                   struct membership *m);
/* Adds the membership, or sets role and status on an existing one. */
STORE_WRITES
enum store_rc store_membership_put(struct store *s, int64_t panel_id, int64_t user_id,
                                   enum panel_role role, enum member_status status,
                                   int64_t now);
/* Names (or stops naming) a member as responsible for answering
 * contributions; ST_NOT_FOUND when they are not a member. */
STORE_WRITES
enum store_rc store_membership_set_responder(struct store *s, int64_t panel_id,
                                             int64_t user_id, bool responder, int64_t now);
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
STORE_WRITES
enum store_rc store_invitation_create(struct store *s, const char *token_hash,
                                      const char *email, int64_t panel_id,
                                      enum panel_role role, int64_t invited_by,
                                      int64_t now, int64_t expires_at, int64_t *id);
/* Finds an invitation that is neither used, revoked nor expired at now. */
enum store_rc store_invitation_find(struct store *s, const char *token_hash, int64_t now,
                                    struct arena *a, struct invitation *out);
STORE_WRITES
enum store_rc store_invitation_accept(struct store *s, int64_t id, int64_t user_id,
                                      int64_t now);
enum store_rc store_invitations_pending(struct store *s, int64_t panel_id, int64_t now,
                                        struct arena *a, struct invitation **out,
                                        size_t *n);
STORE_WRITES
enum store_rc store_invitation_revoke(struct store *s, int64_t panel_id, int64_t id,
                                      int64_t now);
/* Revokes every pending invitation to panel_id for address email but
 * except_id. */
STORE_WRITES
enum store_rc store_invitations_revoke_email(struct store *s, int64_t panel_id,
                                            const char *email, int64_t except_id, int64_t now);
/* Revokes every pending invitation to panel_id for user_id's address. */
STORE_WRITES
enum store_rc store_invitations_revoke_for(struct store *s, int64_t panel_id, int64_t user_id,
                                           int64_t now);

STORE_WRITES
enum store_rc store_reset_create(struct store *s, const char *token_hash, int64_t user_id,
                                 int64_t now, int64_t expires_at);
/* The user of an unused, unexpired reset, without using it. */
enum store_rc store_reset_find(struct store *s, const char *token_hash, int64_t now,
                               int64_t *user_id);
/* The user of an unused, unexpired reset; marks it used. */
STORE_WRITES
enum store_rc store_reset_use(struct store *s, const char *token_hash, int64_t now,
                              int64_t *user_id);

/* A message waiting to leave, or that left or could not. */
struct outbox_message {
	int64_t id, created_at, sent_at, failed_at; /* 0: not (yet) */
	int64_t panel_id;                /* 0: none (a password reset) */
	int64_t attempts, next_attempt_at;
	const char *to_email, *subject, *body;
	const char *kind;                /* invitation, reset, notice, sign_in, digest */
	const char *last_error;          /* the relay's last refusal or what went wrong */
	const char *language;            /* its reader's (core/lang.h), "" if not known */
};
/* kind as above; panel_id 0 for none. */
STORE_WRITES
enum store_rc store_outbox_add(struct store *s, const char *to, const char *subject,
                               const char *body, const char *kind, int64_t panel_id,
                               int64_t now);
/* Deletes messages made before `before`. Messages carry one-time links in
 * the clear (they must, to be delivered), so none outlives its links. */
STORE_WRITES
enum store_rc store_outbox_prune(struct store *s, int64_t before);
/* Newest first, at most limit. */
enum store_rc store_outbox_recent(struct store *s, int limit, struct arena *a,
                                  struct outbox_message **out, size_t *n);
/* Takes up to limit messages due for sending (not sent, not given up, due
 * by now, held by nobody or by a lease that ended) for holder until
 * lease_until, oldest first, in one transaction: of several servers, one
 * takes each. */
STORE_WRITES
enum store_rc store_outbox_claim(struct store *s, const char *holder, int64_t now,
                                 int64_t lease_until, int limit, struct arena *a,
                                 struct outbox_message **out, size_t *n);
enum delivery_outcome { DELIVERY_SENT, DELIVERY_RETRY, DELIVERY_REFUSED, DELIVERY_GIVEN_UP };
const char *delivery_outcome_key(enum delivery_outcome o);
/* Records an attempt at message id by holder (the relay's code and
 * detail), and what follows: sent, tried again at next_attempt_at, or
 * given up; the lease ends. ST_NOT_FOUND, and nothing written, when holder
 * no longer holds it (its lease ended and another took it). */
STORE_WRITES
enum store_rc store_outbox_record(struct store *s, int64_t id, const char *holder, int64_t now,
                                  int code, enum delivery_outcome outcome, const char *detail,
                                  int64_t next_attempt_at);
/* Messages to panel_id that could not be delivered (given up) or are
 * still being tried after a failure, newest first, at most limit. */
enum store_rc store_outbox_troubled(struct store *s, int64_t panel_id, int limit,
                                    struct arena *a, struct outbox_message **out, size_t *n);
/* The newest message to address that was given up, if any (ST_NOT_FOUND
 * when none was), for its person to see why. */
enum store_rc store_outbox_last_failed(struct store *s, const char *address, struct arena *a,
                                       struct outbox_message *out);
/* How many messages are waiting to be sent (not sent, not given up). */
int64_t store_outbox_waiting(struct store *s);

/* Which notices a person takes by e-mail: "immediately", "daily" (a
 * digest) or "none" (invitations and password resets always come). */
enum store_rc store_mail_choice_get(struct store *s, int64_t user_id, struct arena *a,
                                    const char **choice);
/* Sets it; "none" also takes the digest mark off their waiting notices. */
STORE_WRITES
enum store_rc store_mail_choice_set(struct store *s, int64_t user_id, const char *choice,
                                    int64_t now);
struct digest_due {
	int64_t user_id, digest_sent_at;
	const char *email;
	const char *language; /* theirs (core/lang.h), else their first notice's panel's */
};
/* Active people with notices marked for their digest, who take mail, and
 * whose last digest was made at or before `before`; at most limit. */
enum store_rc store_digests_due(struct store *s, int64_t before, int limit, struct arena *a,
                                struct digest_due **out, size_t *n);
struct pending_notice {
	int64_t id, created_at;
	const char *body, *link, *panel_name;
};
/* user_id's notices marked for the digest, oldest first, at most limit. */
enum store_rc store_notices_for_digest(struct store *s, int64_t user_id, int limit,
                                       struct arena *a, struct pending_notice **out,
                                       size_t *n);
/* In one transaction: marks user_id's digest made at now if it was last
 * made at `was` (else ST_CONFLICT, nothing written: another server made
 * it), writes the message (kind digest) to the outbox, and takes the mark
 * off their notices up to last_id. */
STORE_WRITES
enum store_rc store_digest_make(struct store *s, int64_t user_id, int64_t was, int64_t now,
                                const char *to, const char *subject, const char *body,
                                int64_t last_id);

/* Notices e-mailed as they happen, to those who chose that (mail_notices
 * "immediately"): a notice made for them is marked mail_soon, and the mail
 * worker sends what is marked.
 * Takes the mark off notices made before `before`, and off those of anyone
 * who does not take them at once now (not active, another choice, no
 * address): they stay on the site. */
STORE_WRITES
enum store_rc store_notice_mail_forget(struct store *s, int64_t before);
/* Who has marked notices (after store_notice_mail_forget, only people who
 * take them at once), lowest id first, at most limit; digest_sent_at is 0. */
enum store_rc store_notice_mail_due(struct store *s, int limit, struct arena *a,
                                    struct digest_due **out, size_t *n);
/* user_id's marked notices, oldest first, at most limit. */
enum store_rc store_notice_mail_notices(struct store *s, int64_t user_id, int limit,
                                        struct arena *a, struct pending_notice **out,
                                        size_t *n);
struct notice_mail {
	int64_t user_id;
	int64_t last_id;   /* the newest notice it tells of */
	size_t count;      /* how many marked notices up to last_id it tells of */
	const char *to, *subject, *body;
};
/* In one transaction: takes the marks off user_id's notices up to last_id
 * and puts the message (kind notice, for no panel: a steward never reads
 * it among a panel's undelivered mail) in the outbox; ST_CONFLICT, with
 * nothing done, when there are not exactly m->count of them (another server
 * took them first), or when the person is no longer active at m->to taking
 * notices at once. */
STORE_WRITES
enum store_rc store_notice_mail_make(struct store *s, const struct notice_mail *m, int64_t now);

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
STORE_WRITES
enum store_rc store_profile_set(struct store *s, int64_t user_id, const char *field,
                                const char *value, enum visibility vis, int64_t now);

struct consent {
	int64_t id, at;
	const char *purpose, *wording_version;
	bool given;
};
STORE_WRITES
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
STORE_WRITES
enum store_rc store_audit_add(struct store *s, int64_t subject, int64_t actor,
                              enum audit_action action, const char *detail, int64_t now);
/* Logs actor's read of subject's detail unless one is logged since
 * `since`: for reads that repeat (a steward checking a member's declared
 * limit for each claim), so the log says who looked and on which day
 * without a write on every page view. A read first, then the write only
 * when needed; two at once may both write, which logs a read twice. */
STORE_WRITES
enum store_rc store_audit_read_since(struct store *s, int64_t subject, int64_t actor,
                                     const char *detail, int64_t since, int64_t now);
/* Newest first, at most limit. */
enum store_rc store_audit_list(struct store *s, int64_t subject, int limit,
                               struct arena *a, struct audit_entry **out, size_t *n);
const char *audit_action_key(enum audit_action a);

/* ---- voice and influence (voice.c) ----
 * Every operation that reads contributions takes the viewer's user id and
 * keeps to one rule itself: the author of a contribution whose attribution
 * is not "named" is returned to nobody but the author (author_id and
 * author_name stay empty, `mine` tells the author it is theirs). Pages,
 * the API and exports cannot leak what they are never given. */

struct project {
	int64_t id, panel_id;
	const char *title, *purpose, *decision_maker, *closing_reflection;
	enum project_stage stage;
	int64_t closed_at, created_at, updated_at, version;
};
struct project_rung {
	enum project_stage stage;
	int rung;
	const char *evidence, *recorded_by_name;
	int64_t recorded_at;
};
STORE_WRITES
enum store_rc store_project_create(struct store *s, const struct project *p, int64_t creator,
                                   int64_t now, int64_t *id);
/* ST_NOT_FOUND unless project id belongs to panel_id. */
enum store_rc store_project_get(struct store *s, int64_t panel_id, int64_t id,
                                struct arena *a, struct project *out);
/* Saves the editable fields if the row is still at p->version. */
STORE_WRITES
enum store_rc store_project_update(struct store *s, const struct project *p, int64_t now);
/* Newest first. */
enum store_rc store_projects_list(struct store *s, int64_t panel_id, struct arena *a,
                                  struct project **out, size_t *n);
/* In stage order; stages with no rung recorded are absent. */
enum store_rc store_project_rungs(struct store *s, int64_t project_id, struct arena *a,
                                  struct project_rung **out, size_t *n);
STORE_WRITES
enum store_rc store_project_rung_set(struct store *s, int64_t project_id,
                                     enum project_stage stage, int rung,
                                     const char *evidence, int64_t by, int64_t now);

struct meeting {
	int64_t id, panel_id, project_id;
	const char *title, *place, *place_access, *online_url, *what_we_will_change;
	const char *project_title;   /* "" when not part of a project */
	const char *content_note;    /* hard content ahead, shown before the meeting; "" none */
	int64_t starts_at, ends_at, agenda_due_at;
	int64_t agenda_published_at, cancelled_at;  /* 0 when not */
	int64_t created_at, updated_at, version;
};
STORE_WRITES
enum store_rc store_meeting_create(struct store *s, const struct meeting *m, int64_t creator,
                                   int64_t now, int64_t *id);
/* ST_NOT_FOUND unless meeting id belongs to panel_id. */
enum store_rc store_meeting_get(struct store *s, int64_t panel_id, int64_t id,
                                struct arena *a, struct meeting *out);
/* Saves the editable fields (not the agenda's publication) if the row is
 * still at m->version. */
STORE_WRITES
enum store_rc store_meeting_update(struct store *s, const struct meeting *m, int64_t now);
/* A panel's meetings by start time; invited_only: only those user_id is a
 * guest of (what a guest may see). project_id > 0: only that project's. */
enum store_rc store_meetings_list(struct store *s, int64_t panel_id, int64_t project_id,
                                  int64_t user_id, bool invited_only, struct arena *a,
                                  struct meeting **out, size_t *n);

/* Guests of a meeting. Setting what is already so is ST_OK; *changed
 * (unless NULL) says whether this call changed it. */
bool store_meeting_invited(struct store *s, int64_t meeting_id, int64_t user_id);
STORE_WRITES
enum store_rc store_meeting_guest_set(struct store *s, int64_t meeting_id, int64_t user_id,
                                      bool invited, int64_t now, bool *changed);

/* Replies and attendance. */
STORE_WRITES
enum store_rc store_meeting_reply(struct store *s, int64_t meeting_id, int64_t user_id,
                                  enum meeting_reply reply, int64_t now);
STORE_WRITES
enum store_rc store_meeting_attended(struct store *s, int64_t meeting_id, int64_t user_id,
                                     bool attended, int64_t now);
/* Marks that user, recorded as attending, was asked after the meeting:
 * ST_NOT_FOUND when they were already (or are not recorded as attending),
 * so that of two servers one asks. */
STORE_WRITES
enum store_rc store_meeting_asked_after(struct store *s, int64_t meeting_id, int64_t user_id,
                                        int64_t now);
/* Attendees not yet asked, of meetings not cancelled that ended after
 * since and by now (up to 1,000). */
struct attendee_due {
	int64_t meeting_id, user_id, panel_id;
};
enum store_rc store_after_meeting_due(struct store *s, int64_t now, int64_t since,
                                      struct arena *a, struct attendee_due **out, size_t *n);
/* user_id's reply (REPLY_NONE if none) and whether they were recorded as
 * attending. */
enum store_rc store_meeting_mine(struct store *s, int64_t meeting_id, int64_t user_id,
                                 enum meeting_reply *reply, bool *attended);
/* The active members who have replied or been recorded as attending, and
 * the meeting's guests, with their reply and attendance, by name. */
struct meeting_person {
	int64_t user_id;
	const char *display_name;
	enum panel_role role;
	enum meeting_reply reply;
	int attended;                /* -1 not recorded, 0 no, 1 yes */
};
enum store_rc store_meeting_people(struct store *s, int64_t panel_id, int64_t meeting_id,
                                   struct arena *a, struct meeting_person **out, size_t *n);

/* Agenda items, as viewer_id sees them (supported, stepping out). */
struct agenda_item {
	int64_t id, meeting_id, proposed_by;
	const char *title, *why, *content_note, *proposer_name, *not_taken_reason;
	enum item_state state;
	int64_t position, supporters, step_outs, proposed_at, version;
	bool i_support, i_step_out;
};
/* Agreed items in agenda order, then proposed ones by support, then the
 * ones not taken. */
enum store_rc store_agenda_items(struct store *s, int64_t meeting_id, int64_t viewer_id,
                                 struct arena *a, struct agenda_item **out, size_t *n);
enum store_rc store_agenda_item_get(struct store *s, int64_t meeting_id, int64_t id,
                                    int64_t viewer_id, struct arena *a,
                                    struct agenda_item *out);
/* Proposes an item, in the same statement that checks the meeting is still
 * open for proposals (not published, not cancelled, not begun at now):
 * ST_CONFLICT, adding nothing, when it is not. */
STORE_WRITES
enum store_rc store_agenda_propose(struct store *s, int64_t meeting_id, const char *title,
                                   const char *why, const char *content_note, int64_t by,
                                   int64_t now, int64_t *id);
STORE_WRITES
enum store_rc store_agenda_support(struct store *s, int64_t item_id, int64_t user_id,
                                   bool on, int64_t now);
STORE_WRITES
enum store_rc store_agenda_step_out(struct store *s, int64_t item_id, int64_t user_id,
                                    bool on, int64_t now);
/* Names of those stepping out of an item (for stewards). */
enum store_rc store_agenda_step_out_names(struct store *s, int64_t item_id, struct arena *a,
                                          const char ***names, size_t *n);
/* A steward's decision on one item when publishing the agenda. */
struct agenda_decision {
	int64_t item_id;
	enum item_state state;       /* ITEM_AGREED or ITEM_NOT_TAKEN */
	int64_t position;
	const char *not_taken_reason;
};
/* Marks the agenda published and sets every decision, in one transaction,
 * publishing the meeting's draft papers with it: ST_CONFLICT, changing
 * nothing, when the agenda is already published (or the meeting is gone);
 * ST_NOT_FOUND when an item is not the meeting's. */
STORE_WRITES
enum store_rc store_agenda_publish(struct store *s, int64_t meeting_id,
                                   const struct agenda_decision *d, size_t n, int64_t now);

/* Contributions, with their latest response. */
struct contribution {
	int64_t id, panel_id, project_id, meeting_id, item_id;
	enum contribution_kind kind;
	const char *body;
	enum attribution attribution;
	const char *group_name;
	int64_t author_id;           /* 0 unless named, or the viewer is the author */
	const char *author_name;     /* "" unless named */
	bool mine;                   /* the viewer is the author */
	int64_t created_at, owner_id, due_at, answered_at, version;
	const char *owner_name, *panel_name, *project_title, *meeting_title;
	enum response_status status;
	/* the latest response, when there is one */
	int64_t response_id, decided_at;
	const char *what_done, *reason, *referred_to, *decided_by;
};
struct contribution_new {
	int64_t panel_id, project_id, meeting_id, item_id;  /* 0: none */
	enum contribution_kind kind;
	const char *body;
	enum attribution attribution;
	const char *group_name;
	int64_t author_id, recorded_by;  /* recorded_by 0: the author wrote it */
	int64_t owner_id, due_at;
};
STORE_WRITES
enum store_rc store_contribution_add(struct store *s, const struct contribution_new *c,
                                     int64_t now, int64_t *id);
/* ST_NOT_FOUND unless contribution id belongs to panel_id. */
enum store_rc store_contribution_get(struct store *s, int64_t panel_id, int64_t id,
                                     int64_t viewer_id, struct arena *a,
                                     struct contribution *out);
/* Who may be named to answer contributions: active stewards, then active
 * guests named responders, each by name (member_row: m and display_name). */
enum store_rc store_panel_responders(struct store *s, int64_t panel_id, struct arena *a,
                                     struct member_row **out, size_t *n);
/* The panel's longest-serving active steward (0 when it has none). */
int64_t store_panel_default_owner(struct store *s, int64_t panel_id);
STORE_WRITES
enum store_rc store_contribution_set_owner(struct store *s, int64_t id, int64_t owner_id,
                                           int64_t now);

/* Which contributions a list holds. Lists are newest first, at most limit,
 * with ids below `before` (0: from the newest), so a long list is read a
 * page at a time whatever its length. */
enum contribution_scope {
	CS_PANEL,      /* key: panel id */
	CS_PROJECT,    /* key: project id */
	CS_MEETING,    /* key: meeting id (oldest first: the order they were said) */
	CS_AUTHOR,     /* key: the author's user id ("what became of what I said") */
	CS_OWNER_OPEN, /* key: owner's user id; open ones, soonest due first */
	CS_PANEL_OPEN, /* key: panel id; open ones, soonest due first */
};
enum store_rc store_contributions_list(struct store *s, enum contribution_scope scope,
                                       int64_t key, int64_t viewer_id, int64_t before,
                                       int limit, struct arena *a,
                                       struct contribution **out, size_t *n);

struct response_record {
	int64_t id, panel_id, decided_at, written_by, created_at;
	enum response_status status;
	const char *what_done, *reason, *referred_to, *decided_by, *written_by_name;
};
/* Records one response to every contribution in ids (all of panel_id's),
 * makes it their latest, sets answered_at on the first outcome, and gives
 * each author but the writer an on-site notice with notice_text and link,
 * and an outbox message (subject, body) to their address, in one
 * transaction. ST_NOT_FOUND when an id is not the panel's. */
STORE_WRITES
enum store_rc store_response_add(struct store *s, const struct response_record *r,
                                 const int64_t *ids, size_t n, const char *notice_text,
                                 const char *link, const char *mail_subject,
                                 const char *mail_body, int64_t now, int64_t *id);
/* Every response to a contribution, oldest first. */
enum store_rc store_contribution_responses(struct store *s, int64_t contribution_id,
                                           struct arena *a, struct response_record **out,
                                           size_t *n);

/* Influence figures for a panel (project_id 0) or one project. */
enum store_rc store_influence(struct store *s, int64_t panel_id, int64_t project_id,
                              int64_t now, struct influence *out);

/* On-site notices, newest first. */
struct notice {
	int64_t id, panel_id, created_at, read_at;
	const char *body, *link;
};
enum store_rc store_notices_list(struct store *s, int64_t user_id, int limit,
                                 struct arena *a, struct notice **out, size_t *n);
int64_t store_notices_unread(struct store *s, int64_t user_id);
/* The same, counting no further than cap: cheap on every page. */
int64_t store_notices_unread_upto(struct store *s, int64_t user_id, int64_t cap);
/* One on-site notice to user_id (meeting_record.c), e-mailed as they chose. */
STORE_WRITES
enum store_rc store_notice_add(struct store *s, int64_t user_id, int64_t panel_id,
                               const char *body, const char *link, int64_t now);
/* The same, for news the caller e-mails itself: never mailed at once again
 * (a digest still lists it for who chose one). */
STORE_WRITES
enum store_rc store_notice_add_mailed(struct store *s, int64_t user_id, int64_t panel_id,
                                      const char *body, const char *link, int64_t now);
/* The same notice to every active steward and co-creator of panel_id, and
 * to the guests invited to meeting_id (0: no guests), but except_user. */
STORE_WRITES
enum store_rc store_notice_add_panel(struct store *s, int64_t panel_id, int64_t meeting_id,
                                     int64_t except_user, const char *body, const char *link,
                                     int64_t now);
STORE_WRITES
enum store_rc store_notices_mark_read(struct store *s, int64_t user_id, int64_t now);

/* ---- what a meeting leaves behind (meeting_record.c) ---- */

/* A meeting paper: Markdown written in the page, or a file kept outside the
 * database under its SHA-256 (the web layer's files directory). Drafts
 * (published_at 0) are seen only by those who add papers; publishing the
 * agenda publishes them all (store_agenda_publish). */
struct paper {
	int64_t id, meeting_id, item_id;      /* item_id 0: the whole meeting */
	const char *title, *summary;           /* summary: plain language, required */
	const char *markdown;                  /* "" for a file */
	bool is_file;
	enum file_kind file_kind;
	const char *file_name, *file_sha256;   /* as filetype_safe_name made it; hex */
	int64_t file_size, published_at, created_at, version;
	const char *created_by_name, *item_title;
	const char *content_note;              /* shown before it ("" none): adding, its own;
	                                        * read, its own or else its agenda item's */
};
/* Adds p (published at once when p->published_at is set). */
STORE_WRITES
enum store_rc store_paper_add(struct store *s, const struct paper *p, int64_t creator,
                              int64_t now, int64_t *id);
/* ST_NOT_FOUND unless paper id belongs to meeting_id. */
enum store_rc store_paper_get(struct store *s, int64_t meeting_id, int64_t id, struct arena *a,
                              struct paper *out);
/* Oldest first; drafts only when drafts_too. */
enum store_rc store_papers_list(struct store *s, int64_t meeting_id, bool drafts_too,
                                struct arena *a, struct paper **out, size_t *n);
/* ST_NOT_FOUND when not the meeting's or already published. */
STORE_WRITES
enum store_rc store_paper_publish(struct store *s, int64_t meeting_id, int64_t id, int64_t now);
/* Publishes every draft of the meeting (inside store_agenda_publish's
 * transaction too). */
STORE_WRITES
enum store_rc store_papers_publish_drafts(struct store *s, int64_t meeting_id, int64_t now);
/* Removes a paper. For a file, *file_sha256 names it (in a; "" for
 * Markdown) and *file_uses_left is how many papers still hold the same
 * file afterwards (0: the caller may delete it), else -1. */
STORE_WRITES
enum store_rc store_paper_remove(struct store *s, int64_t meeting_id, int64_t id,
                                 struct arena *a, const char **file_sha256,
                                 int64_t *file_uses_left);

/* One attendee's reflection after a meeting. */
struct reflection {
	int felt_heard;                        /* 1..5; 0: passed */
	enum yes_partly_no info_in_time, felt_safe;  /* YPN_PASS: passed */
	const char *should_change;
	bool named;                            /* false: stored without the person */
};
/* Records r once per attendee, in one transaction: ST_CONFLICT when
 * user_id has already answered for this meeting. Whether they may answer
 * (attended, the meeting is over) is the caller's check. */
STORE_WRITES
enum store_rc store_reflection_add(struct store *s, int64_t meeting_id, int64_t user_id,
                                   const struct reflection *r);
bool store_reflection_done(struct store *s, int64_t meeting_id, int64_t user_id);
struct reflection_comment {
	const char *text, *name;               /* name "" unless the author named it */
};
/* The reflections on one meeting, or on every meeting of a project, under
 * the release rule (docs/privacy.md): of each meeting's answers only whole
 * groups of REFLECTION_MIN_ANSWERS count, the first by the order they came
 * in, so `released` is a sum of multiples of five and every figure below
 * it is over exactly those answers; `answers` is how many there are in
 * all. Nothing else about the answers not yet released leaves the store.
 * Comments are in the order of their text, never the order they were
 * given. */
struct reflection_summary {
	int64_t answers, released, felt_heard_sum;
	int64_t felt_heard_answers;            /* of the released, those who did not pass it */
	int64_t info_in_time[YPN__COUNT], felt_safe[YPN__COUNT]; /* by enum yes_partly_no */
	struct reflection_comment *comments;
	size_t ncomments;
};
enum store_rc store_reflections_summary(struct store *s, bool of_project, int64_t key,
                                        struct arena *a, struct reflection_summary *out);
/* Saves the stewards' "what we will change" and, when text is not empty,
 * gives every recorded attendee but `by` an on-site notice, in one
 * transaction. */
STORE_WRITES
enum store_rc store_meeting_what_we_will_change(struct store *s, int64_t panel_id,
                                                int64_t meeting_id, const char *text,
                                                const char *notice, const char *link,
                                                int64_t by, int64_t now);
/* Saves a project's closing reflection (Markdown), marks it closed (the
 * first time) and gives everyone who took part (attended one of its
 * meetings or contributed to it) and can read it (a member of the panel
 * other than a guest: projects are not shown to guests) but `by` an
 * on-site notice. */
STORE_WRITES
enum store_rc store_project_close(struct store *s, int64_t panel_id, int64_t project_id,
                                  const char *reflection, const char *notice,
                                  const char *link, int64_t by, int64_t now);

/* ---- private calendar feeds (calendar.c) ----
 * One feed per person, found by the hash of the token in its address
 * (auth_token_hash); the token itself is never stored. Setting a new hash
 * replaces the old one, so the old address stops working at once. */
STORE_WRITES
enum store_rc store_calendar_feed_set(struct store *s, int64_t user_id, const char *token_hash,
                                      int64_t now);
/* ST_NOT_FOUND when the person had no feed. */
STORE_WRITES
enum store_rc store_calendar_feed_revoke(struct store *s, int64_t user_id);
/* When the person's feed was made; ST_NOT_FOUND (and 0) when they have none. */
enum store_rc store_calendar_feed_get(struct store *s, int64_t user_id, int64_t *created_at);
/* The person whose feed has token_hash, if their account is active;
 * ST_NOT_FOUND otherwise. */
enum store_rc store_calendar_feed_user(struct store *s, const char *token_hash,
                                       int64_t *user_id);
/* A meeting in a feed, with its panel's name and zone. */
struct calendar_entry {
	struct meeting meeting;
	const char *panel_name, *time_zone;
};
/* The meetings user_id's feed holds: every meeting of the panels where
 * they are an active co-creator or steward, and, where they are an active
 * guest, the meetings they are invited to; those starting at or after
 * `since`, cancelled ones included; by start time, at most limit. */
enum store_rc store_calendar_meetings(struct store *s, int64_t user_id, int64_t since, int limit,
                                      struct arena *a, struct calendar_entry **out, size_t *n);

/* ---- fair pay (pay.c) ----
 * Money is in minor units and dates are day numbers (core/pay.h). Every
 * change of money is an entry in an append-only ledger (the database
 * refuses to change or delete one); a claim's state is kept from its
 * entries by the database's triggers. Every entry carries an idempotency
 * key, unique in the whole ledger: an operation asked again with a key it
 * already used writes nothing and answers PAY_REPLAYED. */

/* A panel's pay policy; configured false: the panel has not set pay up
 * (the defaults are returned and no fee claims are made). */
struct pay_policy {
	int64_t panel_id;
	bool configured;
	char currency[4];
	struct pay_rates rates;
	enum pay_unit meeting_unit;  /* how a meeting's length is paid */
	int64_t prep_minutes;        /* paid preparation per meeting, at the hourly rate */
	int64_t target_days;         /* from claim to payment */
	unsigned expense_categories; /* a set of enum expense_category bits */
	const char *csv_columns;     /* core/pay.h's pay_columns_parse */
	const char *advice_name, *advice_url;
	bool store_bank_details;
	int64_t updated_at, version;
};
enum { PAY_TARGET_DAYS = 14 };
enum store_rc store_pay_policy_get(struct store *s, int64_t panel_id, struct arena *a,
                                   struct pay_policy *out);
/* Saves p: a new policy when p->version is 0, else only if the row is
 * still at p->version (ST_CONFLICT otherwise). */
STORE_WRITES
enum store_rc store_pay_policy_put(struct store *s, const struct pay_policy *p, int64_t now);

/* The earnings limits table, by rule then date. */
enum store_rc store_earnings_limits(struct store *s, struct arena *a,
                                    struct earnings_limit **out, size_t *n);
/* Adds a row (l->id 0) or changes one; ST_CONFLICT when the rule already
 * has a row from that date. */
STORE_WRITES
enum store_rc store_earnings_limit_put(struct store *s, const struct earnings_limit *l,
                                       int64_t by, int64_t now, int64_t *id);

/* The limit a member says applies to them. */
struct pay_declaration {
	const char *rule;            /* an earnings_limits rule, or "" for their own amount */
	int64_t custom_amount;
	enum limit_period custom_period;
	int64_t anchor_day;          /* weeks begin on its weekday; months on its day */
	int64_t updated_at;
};
/* ST_NOT_FOUND when they have declared none. */
enum store_rc store_pay_declaration_get(struct store *s, int64_t user_id, struct arena *a,
                                        struct pay_declaration *out);
STORE_WRITES
enum store_rc store_pay_declaration_set(struct store *s, int64_t user_id,
                                        const struct pay_declaration *d, int64_t now);
STORE_WRITES
enum store_rc store_pay_declaration_clear(struct store *s, int64_t user_id);

struct pay_claim {
	int64_t id, panel_id, user_id, meeting_id;  /* meeting_id 0: none */
	enum claim_kind kind;
	const char *description;
	int64_t work_day;
	enum pay_unit unit;          /* not for expenses */
	int64_t quantity;
	enum expense_category category; /* expenses only */
	int64_t amount;
	char currency[4];
	/* a receipt (expenses): a file kept like a paper's, under its SHA-256 */
	const char *receipt_sha256, *receipt_name;  /* "" when none */
	enum file_kind receipt_kind;
	int64_t receipt_size;
	int64_t created_by;          /* 0: made by recording attendance */
	int64_t created_at, claimed_day;
	/* kept from the ledger */
	enum claim_state state;
	int64_t pay_day, run_id, asked_at;  /* 0 when not */
	bool has_method;
	enum pay_method method;
	/* read with it */
	const char *payee_name, *panel_name, *meeting_title, *run_reference;
};

/* How an operation under an idempotency key went (with ST_OK). */
enum pay_outcome {
	PAY_DONE = 0,     /* written now */
	PAY_REPLAYED,     /* the key was used before for the same thing: nothing written */
	PAY_KEY_REUSED,   /* the key was used before for something else: nothing written */
	PAY_WRONG_STATE,  /* the claim or run is not in a state for it: nothing written */
};

/* Adds claim c (panel, payee, kind, amounts... and claimed_day) with its
 * "claim" entry under key, in one transaction; *id is the claim (the one
 * the key made, when replayed). A fee or preparation claim for a meeting
 * the person already has one of answers PAY_REPLAYED with that claim. */
STORE_WRITES
enum store_rc store_pay_claim_add(struct store *s, const struct pay_claim *c, const char *key,
                                  int64_t now, int64_t *id, enum pay_outcome *outcome);
/* ST_NOT_FOUND unless claim id belongs to panel_id (panel_id 0: any). */
enum store_rc store_pay_claim_get(struct store *s, int64_t panel_id, int64_t id,
                                  struct arena *a, struct pay_claim *out);
/* Which claims a list holds: newest first, at most limit, ids below
 * `before` (0: from the newest). */
enum pay_claim_scope {
	PCS_PANEL,   /* key: panel id; of state `state` unless it is -1 */
	PCS_RUN,     /* key: run id; oldest first, all of them */
};
enum store_rc store_pay_claims_list(struct store *s, enum pay_claim_scope scope, int64_t key,
                                    int state, int64_t before, int limit, struct arena *a,
                                    struct pay_claim **out, size_t *n);
/* The same for user_id's own claims: in panel_id (every panel when 0), of
 * state `state` unless it is -1. */
enum store_rc store_pay_claims_of(struct store *s, int64_t user_id, int64_t panel_id,
                                  int state, int64_t before, int limit, struct arena *a,
                                  struct pay_claim **out, size_t *n);
/* Records that the member was asked how they want claim id paid. */
/* The id of user_id's claim of kind (a fee or preparation) for meeting_id:
 * ST_OK, ST_NOT_FOUND or an error. */
enum store_rc store_pay_meeting_claim(struct store *s, int64_t meeting_id, int64_t user_id,
                                      enum claim_kind kind, int64_t *id);
STORE_WRITES
enum store_rc store_pay_claim_asked(struct store *s, int64_t panel_id, int64_t id, int64_t now);

/* One step of a claim (core/pay.h's claim_step), written as one ledger
 * entry under key if the claim is in the state the step starts from. */
struct pay_step {
	int64_t panel_id, claim_id;
	enum claim_step step;        /* not STEP_PAY: payment runs pay */
	const char *key;
	const char *reason;          /* reversals, and approving over a limit */
	bool over_limit;
	enum pay_method method;      /* STEP_APPROVE */
	int64_t pay_day;             /* STEP_APPROVE: when it is expected to be paid */
	int64_t by;
};
STORE_WRITES
enum store_rc store_pay_claim_step(struct store *s, const struct pay_step *st, int64_t now,
                                   int64_t *entry_id, enum pay_outcome *outcome);

struct ledger_entry {
	int64_t id, claim_id, panel_id, user_id;
	enum ledger_kind kind;
	enum ledger_kind reverses;   /* LEDGER_REVERSAL only */
	int64_t amount, reverses_id, run_id, pay_day, at, by_user;
	bool has_method, over_limit;
	enum pay_method method;
	const char *reason, *by_name; /* by_name "" for the system */
};
/* A claim's entries, oldest first. */
enum store_rc store_pay_ledger(struct store *s, int64_t claim_id, struct arena *a,
                               struct ledger_entry **out, size_t *n);

/* Sums derived from the ledger alone, reversals netted. */
struct pay_balance {
	int64_t claimed, approved, paid;
};
/* user_id's (panel_id 0: across every panel). */
enum store_rc store_pay_balance(struct store *s, int64_t user_id, int64_t panel_id,
                                struct pay_balance *out);

/* user_id's earnings (claims other than expenses) approved or paid, in
 * every panel, whose payment day (expected or actual) is in range; claim
 * `except` left out (the one being decided). */
enum store_rc store_pay_earnings_between(struct store *s, int64_t user_id,
                                         struct day_range range, int64_t except,
                                         int64_t *total);
/* user_id's earnings claims waiting for a decision, in every panel (they
 * have no payment day yet, so belong to no period). */
enum store_rc store_pay_waiting_earnings(struct store *s, int64_t user_id, int64_t *total);

struct pay_run {
	int64_t id, panel_id, claims, total, created_by, created_at, paid_day, paid_at, paid_by;
	const char *reference, *created_by_name;
};
/* Makes a run of the claims in ids (approved, not in a run, all the
 * panel's), in one transaction under key; reference "" makes one from the
 * panel, date and a count. ST_NOT_FOUND when a claim is not the panel's,
 * PAY_WRONG_STATE when one is not ready to pay, ST_CONFLICT when the
 * reference is taken. */
STORE_WRITES
enum store_rc store_pay_run_create(struct store *s, int64_t panel_id, const char *reference,
                                   const int64_t *ids, size_t n, const char *key, int64_t by,
                                   int64_t today, int64_t now, int64_t *run_id,
                                   enum pay_outcome *outcome);
/* Whether any of the panel's claims ids (or run run_id's claims) pays
 * user_id. */
enum store_rc store_pay_claims_pay(struct store *s, int64_t panel_id, const int64_t *ids,
                                   size_t n, int64_t user_id, bool *any);
enum store_rc store_pay_run_pays(struct store *s, int64_t run_id, int64_t user_id, bool *any);
enum store_rc store_pay_run_get(struct store *s, int64_t panel_id, int64_t id,
                                struct arena *a, struct pay_run *out);
/* Newest first. */
enum store_rc store_pay_runs_list(struct store *s, int64_t panel_id, int limit,
                                  struct arena *a, struct pay_run **out, size_t *n);
/* Marks every claim of the run paid on paid_day: one payment entry each
 * (keyed key and the claim), all in one transaction, so a run is either
 * wholly recorded or not at all. PAY_WRONG_STATE when the run is paid
 * already under another key. */
STORE_WRITES
enum store_rc store_pay_run_mark_paid(struct store *s, int64_t panel_id, int64_t run_id,
                                      int64_t paid_day, const char *key, int64_t by,
                                      int64_t now, enum pay_outcome *outcome);
/* The run's payees: one row each, their claims' total and numbers. */
/* A run's payees: one row per person and way of paying, so that a voucher
 * is never added into a bank transfer. */
struct pay_payee {
	int64_t user_id, amount, claims;
	const char *name, *email, *claim_ids; /* claim_ids: "12 15 16" */
	bool has_method;
	enum pay_method method;
};
enum store_rc store_pay_run_payees(struct store *s, int64_t run_id, struct arena *a,
                                   struct pay_payee **out, size_t *n);

/* Days from claim to payment in a panel. */
struct pay_timeliness {
	int64_t paid, days_sum, days_max, late; /* late: paid after target_days */
	int64_t waiting_late;   /* not paid yet, claimed more than target_days before today */
};
enum store_rc store_pay_timeliness(struct store *s, int64_t panel_id, int64_t target_days,
                                   int64_t today, struct pay_timeliness *out);

/* The paid claims of user_id (every panel) with pay_day in range, by day:
 * a statement. */
enum store_rc store_pay_statement(struct store *s, int64_t user_id, struct day_range range,
                                  struct arena *a, struct pay_claim **out, size_t *n);

/* Sealed bank details (the web layer seals and opens them), one set a
 * person, usable by the panels they gave them to and by nobody else.
 * for_panel 0: the person's own read; otherwise ST_NOT_FOUND unless they
 * gave them to that panel. */
enum store_rc store_pay_bank_get(struct store *s, int64_t user_id, int64_t for_panel,
                                 struct arena *a, const char **sealed, const char **key_id,
                                 int64_t *updated_at);
/* The panels user_id gave their details to, ascending. */
enum store_rc store_pay_bank_panels(struct store *s, int64_t user_id, struct arena *a,
                                    int64_t **panel_ids, size_t *n);
/* Saves the details and gives them to exactly these panels, in one
 * transaction. The caller checks that each panel is the person's and keeps
 * bank details. */
STORE_WRITES
enum store_rc store_pay_bank_set(struct store *s, int64_t user_id, const char *sealed,
                                 const char *key_id, const int64_t *panel_ids, size_t n,
                                 int64_t now);
/* Gives the saved details to exactly these panels; ST_NOT_FOUND when none
 * are saved. */
STORE_WRITES
enum store_rc store_pay_bank_panels_set(struct store *s, int64_t user_id,
                                        const int64_t *panel_ids, size_t n, int64_t now);
/* Removes them, and with them every panel's use of them. */
STORE_WRITES
enum store_rc store_pay_bank_clear(struct store *s, int64_t user_id);

/* ---- sign-in rate limits ---- */
STORE_WRITES
enum store_rc store_signin_failure_add(struct store *s, const char *key_hash, int64_t now);
/* Records an attempt under key_hash unless `max` are already recorded
 * since `since`, in one statement (so parallel attempts cannot overshoot):
 * ST_OK recorded, ST_CONFLICT the limit is reached and nothing was written. */
STORE_WRITES
enum store_rc store_signin_attempt(struct store *s, const char *key_hash, int64_t now,
                                   int64_t since, int64_t max);
int64_t store_signin_failures_since(struct store *s, const char *key_hash, int64_t since);
STORE_WRITES
enum store_rc store_signin_failures_clear(struct store *s, const char *key_hash);
STORE_WRITES
enum store_rc store_signin_failures_prune(struct store *s, int64_t before);
/* ---- representation (representation.c): groups and targets, members'
 * own choice of group, and the ledger of figures shown (core/representation.h) ---- */
struct rep_group {
	int64_t id, panel_id;
	const char *characteristic;  /* a core/representation.h characteristic */
	const char *answer;          /* a choice characteristic's option key; "" for a
	                              * self-described one's group */
	const char *label;           /* a self-described one's group: the steward's words */
	struct rep_target target;
	int64_t reference_permille;  /* -1 when none */
	const char *reference_source;
	int64_t reference_day;       /* day number; 0 when none */
	int64_t version;
};
/* The panel's groups, by characteristic in catalogue order... as stored: by
 * characteristic, then id. */
enum store_rc store_rep_groups(struct store *s, int64_t panel_id, struct arena *a,
                               struct rep_group **out, size_t *n);
/* Inserts g (g->version 0; *id its new id) or updates it at g->version
 * (ST_CONFLICT when someone saved first; ST_NOT_FOUND when it is not this
 * panel's). ST_CONFLICT too when the panel has a group for the answer. */
STORE_WRITES
enum store_rc store_rep_group_put(struct store *s, const struct rep_group *g, int64_t now,
                                  int64_t *id);
/* Removes a group (and members' choices of it). */
STORE_WRITES
enum store_rc store_rep_group_delete(struct store *s, int64_t panel_id, int64_t id);

/* The group member has chosen for each self-described characteristic on
 * panel_id: group ids by characteristic. */
struct rep_choice {
	const char *characteristic;
	int64_t group_id;
};
enum store_rc store_rep_choices(struct store *s, int64_t panel_id, int64_t user_id,
                                struct arena *a, struct rep_choice **out, size_t *n);
/* Sets (group_id > 0, which must be a group of that characteristic on the
 * panel: else ST_NOT_FOUND) or clears (0) a member's choice. */
STORE_WRITES
enum store_rc store_rep_choice_set(struct store *s, int64_t panel_id, int64_t user_id,
                                   const char *characteristic, int64_t group_id, int64_t now);
/* A member withdrew consent for characteristic: their choices of its
 * groups on every panel go. */
STORE_WRITES
enum store_rc store_rep_forget(struct store *s, int64_t user_id, const char *characteristic);

/* The people a panel's representation figures count: its active
 * co-creators and stewards, each with the answers that may be counted.
 * This is the one place answers are read for counting: an answer counts
 * only while the member's consent for its characteristic stands. Rows by
 * user id; a member with no countable answer has one row with field "". */
struct rep_answer {
	int64_t user_id;
	const char *field, *value;
	int64_t group_id;  /* their choice of group for a self-described field, or 0 */
};
enum store_rc store_rep_answers(struct store *s, int64_t panel_id, struct arena *a,
                                struct rep_answer **out, size_t *n);
/* The panel's latest past meetings with attendance recorded (at most
 * limit, newest first), and for each, the members recorded as attending. */
struct rep_meeting {
	int64_t id, starts_at;
	const char *title;
	int64_t *attended;   /* user ids, ascending */
	int n_attended;
};
enum store_rc store_rep_meetings(struct store *s, int64_t panel_id, int64_t now, int limit,
                                 struct arena *a, struct rep_meeting **out, size_t *n);

/* The ledger. A publication is one characteristic's figures shown
 * together at one time: each figure's count (-1: held back) and the hash
 * of the set of people it counted. */
struct rep_release {
	const char *characteristic, *figure;
	int64_t publication, n, support_hash, released_at;
};
/* The latest publication of each characteristic, figure by figure. */
enum store_rc store_rep_latest(struct store *s, int64_t panel_id, struct arena *a,
                               struct rep_release **out, size_t *n);
/* Every publication's figures whose key begins with prefix, for the trend,
 * oldest first, of the last `limit` publications of each characteristic. */
enum store_rc store_rep_history(struct store *s, int64_t panel_id, const char *prefix,
                                int limit, struct arena *a, struct rep_release **out,
                                size_t *n);
/* When each characteristic's figures were last decided. */
struct rep_check {
	const char *characteristic;
	int64_t checked_at;
};
enum store_rc store_rep_checks(struct store *s, int64_t panel_id, struct arena *a,
                               struct rep_check **out, size_t *n);
STORE_WRITES
enum store_rc store_rep_checked(struct store *s, int64_t panel_id, const char *characteristic,
                                int64_t now);
/* The meetings whose figures about characteristic have been published:
 * their ids, each once. */
enum store_rc store_rep_meetings_published(struct store *s, int64_t panel_id,
                                           const char *characteristic, struct arena *a,
                                           int64_t **out, size_t *n);
/* What each person was counted in before (core/representation.h's
 * rep_past) for characteristic, by user id, and how many figures have
 * ordinals. */
enum store_rc store_rep_past(struct store *s, int64_t panel_id, const char *characteristic,
                             struct arena *a, struct rep_past **out, size_t *n,
                             int *n_ordinals);
/* Records a publication of characteristic's figures (f[i].shown: its count
 * n_members, else held back). Each shown figure of someone that is not the
 * panel's size gets the next ordinal, added to the past of each person it
 * counts; past[0..n_past) are those counted now, and anyone else's past is
 * removed. Inside the caller's transaction. */
STORE_WRITES
enum store_rc store_rep_publish(struct store *s, int64_t panel_id, const char *characteristic,
                                const struct rep_figure *f, int n, const struct rep_past *past,
                                int n_past, int64_t now);
/* ---- opportunities and fair draws (opportunities.c) ---- */
struct opportunity {
	int64_t id, panel_id;
	const char *title, *asks, *place;
	const char *characteristics;  /* whose targets the draw honours: keys, comma-separated */
	int64_t starts_at;            /* the day it happens (its first instant); 0: not set */
	int places, rotation;
	bool paid;                    /* pay_unit and pay_quantity say how */
	enum pay_unit pay_unit;
	int64_t pay_quantity;
	int64_t closes_at, cancelled_at, created_by, created_at, version;
	/* as read: */
	int interested;               /* came forward and did not withdraw */
	int holding;                  /* places held now */
	bool drawn;                   /* a draw has been made with a number */
};
/* Creates o (o->panel_id); *id its id. */
STORE_WRITES
enum store_rc store_opportunity_create(struct store *s, const struct opportunity *o, int64_t now,
                                       int64_t *id);
/* Closes it at now, if still open: else ST_NOT_FOUND. */
STORE_WRITES
enum store_rc store_opportunity_close(struct store *s, int64_t panel_id, int64_t id, int64_t now);
/* The panel's opportunities, closing latest first. */
enum store_rc store_opportunities(struct store *s, int64_t panel_id, struct arena *a,
                                  struct opportunity **out, size_t *n);
enum store_rc store_opportunity(struct store *s, int64_t panel_id, int64_t id, struct arena *a,
                                struct opportunity *out);

struct interest {
	int64_t user_id, at, withdrawn_at;
	const char *name, *note;
};
/* Records user's interest (again, after a withdrawal) with note, if the
 * opportunity is open at now (not closed, cancelled or drawn): else
 * ST_CONFLICT, nothing written. */
STORE_WRITES
enum store_rc store_interest_put(struct store *s, int64_t opportunity_id, int64_t user_id,
                                 const char *note, int64_t now);
/* Withdraws it while no draw has been made: else (or when there is none)
 * ST_NOT_FOUND; a prepared draw whose pool has user is set aside. Two
 * statements: inside the caller's transaction. */
STORE_WRITES
enum store_rc store_interest_withdraw(struct store *s, int64_t opportunity_id, int64_t user_id,
                                      int64_t now);
/* Everyone who came forward, withdrawn too, in the order they did. */
enum store_rc store_interests(struct store *s, int64_t opportunity_id, struct arena *a,
                              struct interest **out, size_t *n);

struct draw {
	int64_t id, opportunity_id;
	bool replacement;
	const char *algorithm;
	int places;
	int64_t seed;
	const char *problem;          /* what the solver was given (never shown) */
	bool impossible;
	bool set_aside;               /* someone in its pool withdrew before the number */
	const char *explanation;      /* when impossible: why, as app/opportunities.c writes it */
	const char *lottery;          /* the 1,000 panels: a line of user ids each */
	const char *lottery_sha256;
	int outsiders;                /* people without priority each panel needs */
	int number;                   /* -1 until drawn */
	const char *number_note;
	int64_t prepared_at, prepared_by, drawn_at, drawn_by;
};
struct draw_person {
	int64_t user_id, chance_ppm;
	int panels;                   /* of the 1,000 */
	bool priority, chosen;
};
/* Records a prepared draw and its people; *id its id. */
STORE_WRITES
enum store_rc store_draw_add(struct store *s, const struct draw *d, const struct draw_person *p,
                             size_t n, int64_t *id);
/* The opportunity's draws, oldest first. */
enum store_rc store_draws(struct store *s, int64_t opportunity_id, struct arena *a,
                          struct draw **out, size_t *n);
enum store_rc store_draw_people(struct store *s, int64_t draw_id, struct arena *a,
                                struct draw_person **out, size_t *n);
/* Draws d with number: ST_CONFLICT when it has one already, or was no
 * draw that could be made; then its people in chosen[0..n) are marked and
 * given places. Inside the caller's transaction. */
STORE_WRITES
enum store_rc store_draw_number(struct store *s, const struct draw *d, int number,
                                const char *note, int64_t by, const int64_t *chosen, size_t n,
                                int64_t now);

struct place {
	int64_t user_id, draw_id, dropped_at;
	const char *name;
};
/* Who was given a place, in the order drawn; dropped ones too. */
enum store_rc store_places(struct store *s, int64_t opportunity_id, struct arena *a,
                           struct place **out, size_t *n);
/* user gives up their place: ST_NOT_FOUND when they hold none. */
STORE_WRITES
enum store_rc store_place_drop(struct store *s, int64_t opportunity_id, int64_t user_id,
                               int64_t now);
/* People given a place in the panel's last n drawn opportunities other
 * than opportunity_id (rotation), and who kept it: giving a place up is
 * never held against anyone. */
enum store_rc store_recently_chosen(struct store *s, int64_t panel_id, int64_t opportunity_id,
                                    int n, struct arena *a, int64_t **out, size_t *count);
/* ---- my limits (limits.c) ---- */
/* A person's own limits: -1 where none is set; paused_until a day number
 * (UTC days, inclusive), -1 when not paused. */
struct member_limits {
	int64_t hours_month, meetings_month, opportunities_at_once, paused_until, updated_at;
	bool share_signals;  /* the stewards of their panels may see their signals */
};
/* Their limits (all -1 when they set none). */
enum store_rc store_limits_get(struct store *s, int64_t user_id, struct member_limits *out);
STORE_WRITES
enum store_rc store_limits_put(struct store *s, int64_t user_id, const struct member_limits *l,
                               int64_t now);
/* What they have taken on: meetings from `from` to `to` (instants) they
 * came to or are coming to, and those meetings' minutes; places they hold
 * in opportunities not past (starting at or after `today`, an instant, or
 * with no date). */
struct member_load {
	int64_t meetings, minutes, opportunities;
};
enum store_rc store_load(struct store *s, int64_t user_id, int64_t from, int64_t to,
                         int64_t today, struct member_load *out);
/* How many of the meetings user came to last (up to 10, before now) were
 * hard (a content note on the meeting or an item not left out), in a row
 * from the latest. */
enum store_rc store_hard_run(struct store *s, int64_t user_id, int64_t now, int *run);
/* ---- check-ins and support (check_ins.c) ---- */
/* A place to turn to for support: shipped defaults (app/check_ins.c) until
 * a panel keeps its own list. Any field but name may be "". */
struct support_contact {
	int64_t id;
	const char *name, *helps_with, *phone, *text_to, *web, *hours;
};
struct panel_support {
	int64_t support_user_id;  /* the named support person, 0: none (or no longer active) */
	const char *support_name; /* their display name, "" when none */
	bool own_contacts;        /* the panel keeps its own list of contacts */
};
enum store_rc store_panel_support(struct store *s, int64_t panel_id, struct arena *a,
                                  struct panel_support *out);
/* Names the panel's support person (0: none). The caller checks that they
 * are an active member. */
STORE_WRITES
enum store_rc store_support_person_set(struct store *s, int64_t panel_id, int64_t user_id);
/* The panel's own contacts, in their order (none while it keeps the defaults). */
enum store_rc store_support_contacts(struct store *s, int64_t panel_id, struct arena *a,
                                     struct support_contact **out, size_t *n);
STORE_WRITES
enum store_rc store_support_contact_add(struct store *s, int64_t panel_id,
                                        const struct support_contact *c, int64_t *id);
/* ST_NOT_FOUND when c->id is not one of the panel's contacts. */
STORE_WRITES
enum store_rc store_support_contact_update(struct store *s, int64_t panel_id,
                                           const struct support_contact *c);
STORE_WRITES
enum store_rc store_support_contact_remove(struct store *s, int64_t panel_id, int64_t id);
/* Empties the panel's own list and records whether it keeps one (own) or
 * shows the shipped defaults. */
STORE_WRITES
enum store_rc store_support_contacts_keep(struct store *s, int64_t panel_id, bool own);
/* Whether the meeting touched on something hard (SQ_HARD_MEETING). */
enum store_rc store_meeting_hard(struct store *s, int64_t meeting_id, bool *hard);

/* A private check-in after a hard meeting. */
enum check_in_answer { CHECK_IN_NONE = 0, CHECK_IN_FINE, CHECK_IN_CONTACT, CHECK_IN_SIGNPOST };
const char *check_in_key(enum check_in_answer a); /* "fine", "contact", "signpost"; "" */
bool check_in_parse(const char *s, enum check_in_answer *out);
/* user's answer for the meeting, CHECK_IN_NONE when they gave none. */
enum store_rc store_check_in_get(struct store *s, int64_t meeting_id, int64_t user_id,
                                 enum check_in_answer *out);
STORE_WRITES
enum store_rc store_check_in_put(struct store *s, int64_t meeting_id, int64_t user_id,
                                 enum check_in_answer answer, int64_t now);
/* "Get in touch": a follow-up due at due_at, unless one for this person
 * and meeting is still open (*created false). */
STORE_WRITES
enum store_rc store_follow_up_ask(struct store *s, int64_t panel_id, int64_t meeting_id,
                                  int64_t user_id, int64_t now, int64_t due_at, bool *created);
struct follow_up {
	int64_t id, meeting_id, user_id, asked_at, due_at, done_at; /* done_at 0: open */
	int64_t meeting_starts_at;
	const char *person, *meeting_title, *done_by, *done_note;
};
/* The panel's follow-ups: open ones by due time, then done ones, latest
 * first (up to 200). */
enum store_rc store_follow_ups(struct store *s, int64_t panel_id, struct arena *a,
                               struct follow_up **out, size_t *n);
/* Records that it was done: ST_CONFLICT when it was already, ST_NOT_FOUND
 * when the panel has no such follow-up. */
STORE_WRITES
enum store_rc store_follow_up_done(struct store *s, int64_t panel_id, int64_t id, int64_t by,
                                   const char *note, int64_t now);
/* The same notice to whoever follows up for the panel: its support person
 * while they are an active member, otherwise its active stewards. */
STORE_WRITES
enum store_rc store_follow_up_notice(struct store *s, int64_t panel_id, const char *body,
                                     const char *link, int64_t now);
/* ---- the safeguarding record (safeguarding.c) ----
 * Read only through app/safeguarding.c, which decides who may (the
 * panel's leads) and records each read. */
struct sg_lead {
	int64_t user_id;
	const char *name;
};
/* The panel's safeguarding leads who are active members, by name. */
enum store_rc store_sg_leads(struct store *s, int64_t panel_id, struct arena *a,
                             struct sg_lead **out, size_t *n);
STORE_WRITES
enum store_rc store_sg_lead_add(struct store *s, int64_t panel_id, int64_t user_id, int64_t by,
                                int64_t now);
/* ST_NOT_FOUND when they are not a lead of the panel. */
STORE_WRITES
enum store_rc store_sg_lead_remove(struct store *s, int64_t panel_id, int64_t user_id);
/* The panel's retention period in years; 0 when it set none. */
enum store_rc store_sg_retention(struct store *s, int64_t panel_id, int *years);
STORE_WRITES
enum store_rc store_sg_retention_set(struct store *s, int64_t panel_id, int years);

enum sg_status { SG_OPEN = 0, SG_CLOSED, SG_TRANSFERRED };
const char *sg_status_key(enum sg_status st);  /* "open", "closed", "transferred" */
bool sg_status_parse(const char *s, enum sg_status *out);
bool sg_status_is(const char *s);
/* A concern: part 1 as the person who raised it wrote it (happened_on a
 * day number), part 2 the leads'. */
struct sg_concern {
	int64_t id, panel_id, raised_by, raised_at, happened_on, status_at, version;
	const char *raised_by_name;    /* "" when their account is gone */
	const char *what_happened, *who_involved, *done_straight_away;
	const char *advice_sought, *decision, *referrals;
	enum sg_status status;
	/* The id of the seal key its six texts are sealed with (auth_seal;
	 * app/safeguarding.c seals and opens them), "" when they are in the
	 * clear (written before migration 0024). An empty text is "" either way. */
	const char *seal_key_id;
};
/* Part 1 of c (panel_id, raised_by, raised_at, happened_on and its texts). */
STORE_WRITES
enum store_rc store_sg_concern_add(struct store *s, const struct sg_concern *c, int64_t *id);
/* The panel's concerns: open ones first, then the latest raised (up to 500). */
enum store_rc store_sg_concerns(struct store *s, int64_t panel_id, struct arena *a,
                                struct sg_concern **out, size_t *n);
enum store_rc store_sg_concern(struct store *s, int64_t panel_id, int64_t id, struct arena *a,
                               struct sg_concern *out);
/* Part 2 and the status of c, with part 1's texts and their seal key
 * (c->version as read: ST_CONFLICT when someone saved since, ST_NOT_FOUND
 * when it is not the panel's). The status's time moves only when the status
 * changes. */
STORE_WRITES
enum store_rc store_sg_part2(struct store *s, const struct sg_concern *c, int64_t now);
/* The chronology: kind "raised", "part2", "status" or "note". */
struct sg_entry {
	int64_t at;
	const char *by, *kind, *text;   /* by: a display name, "" when gone */
	const char *seal_key_id;        /* as sg_concern's, for text */
};
STORE_WRITES
enum store_rc store_sg_entry_add(struct store *s, int64_t concern_id, int64_t at, int64_t by,
                                 const char *kind, const char *text, const char *key_id);
/* Rows still in the clear (seal_key_id NULL), lowest id first, at most
 * limit, and sealing one: its texts replaced by c's (or text), key_id set,
 * only while it is still in the clear (ST_NOT_FOUND otherwise). */
enum store_rc store_sg_clear(struct store *s, int limit, struct arena *a,
                             struct sg_concern **out, size_t *n);
STORE_WRITES
enum store_rc store_sg_seal(struct store *s, const struct sg_concern *c);
struct sg_clear_entry {
	int64_t id, concern_id, panel_id;
	const char *text;
};
enum store_rc store_sg_clear_entries(struct store *s, int limit, struct arena *a,
                                     struct sg_clear_entry **out, size_t *n);
STORE_WRITES
enum store_rc store_sg_seal_entry(struct store *s, int64_t id, const char *text,
                                  const char *key_id);
/* How many rows (concerns and lines of chronology) are sealed with a key
 * other than key_id. */
enum store_rc store_sg_other_keys(struct store *s, const char *key_id, int64_t *n);
enum store_rc store_sg_entries(struct store *s, int64_t concern_id, struct arena *a,
                               struct sg_entry **out, size_t *n);
/* The audit of reads: action "read" or "wrote" (in kind; text ""),
 * latest first (up to 500). */
STORE_WRITES
enum store_rc store_sg_read_add(struct store *s, int64_t concern_id, int64_t user_id, int64_t at,
                                const char *action);
enum store_rc store_sg_reads(struct store *s, int64_t concern_id, struct arena *a,
                             struct sg_entry **out, size_t *n);
/* When user raised concerns on the panel, latest first: nothing more. */
enum store_rc store_sg_mine(struct store *s, int64_t panel_id, int64_t user_id, struct arena *a,
                            int64_t **raised_at, size_t *n);
/* A purge's tombstone: when, and how many concerns went. */
struct sg_tombstone {
	int64_t panel_id, at, n;
};
/* Deletes every concern closed or transferred more than its panel's
 * retention period (default_years when it set none; years of 365.25
 * days) before now, with its chronology and audit, and leaves one
 * tombstone per panel; *panels and *purged say how many. */
STORE_WRITES
enum store_rc store_sg_purge(struct store *s, int64_t now, int default_years, struct arena *a,
                             size_t *panels, int64_t *purged);
enum store_rc store_sg_tombstones(struct store *s, int64_t panel_id, struct arena *a,
                                  struct sg_tombstone **out, size_t *n);

/* ---- "how are we doing?" (practice.c) ----
 * Counts for the signals of core/practice.h, over a panel or one of its
 * projects (project_id 0: the whole panel). */
struct heard_meeting {
	int64_t starts_at, answers, sum;  /* released "felt heard" answers of one meeting */
};
struct practice_counts {
	int64_t agenda_items, agenda_by_co_creators;  /* items agreed on agendas */
	int64_t papers, papers_late;  /* published later than agenda_seconds before */
	int64_t *places;              /* kept places per active member (panel only) */
	size_t members;
	int64_t projects, late_start, evaluating, no_closing, high_rung, no_evidence;
	struct heard_meeting *heard;  /* by start, meetings with released answers */
	size_t n_heard;
};
enum store_rc store_practice(struct store *s, int64_t panel_id, int64_t project_id,
                             int64_t agenda_seconds, int64_t now, struct arena *a,
                             struct practice_counts *out);

/* ---- standards self-assessment (standards.c) ---- */
struct standard_rating {
	int64_t project_id, user_id;
	const char *standard;         /* core/standards.h's key */
	int64_t quarter;              /* year * 4 + (0..3), in the panel's zone */
	int64_t rating;               /* 1..5 */
	const char *comment;
	int64_t rated_at;
};
/* Adds r: ST_CONFLICT when its person rated its standard this quarter. */
STORE_WRITES
enum store_rc store_standard_rate(struct store *s, const struct standard_rating *r);
/* user's own ratings of the project, latest quarter first. */
enum store_rc store_standard_mine(struct store *s, int64_t project_id, int64_t user_id,
                                  struct arena *a, struct standard_rating **out, size_t *n);
/* For each standard and quarter rated: how many rated it, how many of
 * those count (whole groups of `group`, the first by the order they came
 * in), and the counted ones by rating 1..5; and the counted ratings'
 * comments, in the order of their text. */
struct standard_spread {
	const char *standard;
	int64_t quarter, answers, counted, counts[5];
};
struct standard_comment {
	const char *standard;
	int64_t quarter;
	const char *text;
};
enum store_rc store_standard_spreads(struct store *s, int64_t project_id, int64_t group,
                                     struct arena *a, struct standard_spread **out, size_t *n,
                                     struct standard_comment **comments, size_t *nc);

/* ---- funder reports (reports.c) ----
 * A report of a panel's work, or one project's, over days in the panel's
 * zone; a draft until shared, then frozen (document: core/report.h). */
struct funder_report {
	int64_t id, panel_id, project_id;   /* project_id 0: the whole panel */
	int64_t from_day, to_day;           /* both included */
	const char *title;
	const char *sections[GRIPP__COUNT];
	const char *document;               /* as shared; NULL while a draft */
	int64_t created_by, created_at, updated_at, shared_at, version;
};
STORE_WRITES
enum store_rc store_report_add(struct store *s, const struct funder_report *r, int64_t *id);
enum store_rc store_report_get(struct store *s, int64_t panel_id, int64_t id, struct arena *a,
                               struct funder_report *out);
/* A panel's reports, newest first; only the shared ones when shared_only. */
enum store_rc store_reports(struct store *s, int64_t panel_id, bool shared_only,
                            struct arena *a, struct funder_report **out, size_t *n);
/* A draft's title and sections, at r->version: ST_CONFLICT when it has
 * moved on or been shared, ST_NOT_FOUND when there is no such report. */
STORE_WRITES
enum store_rc store_report_edit(struct store *s, const struct funder_report *r, int64_t now);
/* Shares a draft at version with its document (the same answers). */
STORE_WRITES
enum store_rc store_report_share(struct store *s, int64_t panel_id, int64_t id, int64_t version,
                                 const char *document, int64_t now);
/* Deletes a draft: ST_NOT_FOUND when there is none (shared ones stay). */
STORE_WRITES
enum store_rc store_report_delete(struct store *s, int64_t panel_id, int64_t id);

/* What a report's figures are about: meetings that started, and
 * contributions made, in [from, to) of the panel (project_id 0) or one of
 * its projects. */
struct report_scope {
	int64_t panel_id, project_id, from, to;
};
struct report_counts {
	int64_t meetings;                  /* held (ended by now), not cancelled */
	int64_t people, seconds;           /* the panel's own members recorded as having
	                                    * come (distinct), and their time there */
	int64_t contributions, contributors; /* made; by how many people (distinct) */
	int64_t adopted, adopted_in_part, not_adopted, referred;
	int64_t open_late;                 /* no outcome, past the time to answer */
	int64_t reflections;               /* released (whole groups of five a meeting) */
	int64_t felt_heard_answers, felt_heard_sum;
	int64_t info_in_time[3], felt_safe[3]; /* yes, partly, no */
};
enum store_rc store_report_counts(struct store *s, const struct report_scope *sc, int64_t now,
                                  struct report_counts *out);
/* The panel's payments made from from_day to to_day (both included). */
enum store_rc store_report_payments(struct store *s, int64_t panel_id, int64_t from_day,
                                    int64_t to_day, struct arena *a,
                                    struct report_payment **out, size_t *n);

/* ---- case studies (case_studies.c) ----
 * A project written up for others to learn from (core/case_study.h):
 * drafts are the panel's, published ones public on the site. */
struct case_study {
	int64_t id, panel_id, project_id;
	const char *uid;                       /* names it for good (feeds) */
	const char *title, *brief;
	const char *sections[CASE__SECTIONS];
	const char *issues, *approaches;       /* ",key,key," (",": none) */
	int64_t rung;                          /* 1..7; 0: not said */
	int64_t participants;                  /* -1: not said */
	int64_t starts_on, ends_on;            /* day numbers; 0: not said */
	int64_t published_at;                  /* 0: a draft */
	int64_t created_by, created_at, updated_at, version;
	const char *panel_name, *project_title; /* read with it; imported: who ran it, "" */
	int64_t source_id;                     /* imported from a feed (case_sources), or 0 */
	const char *source_url, *named;        /* imported: where it is, who it names */
	const char *source_name;               /* imported: the feed's name */
};
STORE_WRITES
enum store_rc store_case_add(struct store *s, const struct case_study *c, int64_t now,
                             int64_t *id);
enum store_rc store_case_get(struct store *s, int64_t id, struct arena *a,
                             struct case_study *out);
/* The panel's, newest first, drafts included. */
enum store_rc store_cases_of_panel(struct store *s, int64_t panel_id, struct arena *a,
                                   struct case_study **out, size_t *n);
/* Title ... ends_on of c at c->version: ST_CONFLICT when it moved on. */
STORE_WRITES
enum store_rc store_case_edit(struct store *s, const struct case_study *c, int64_t now);
/* Publishes (published_at) or takes back (0) at version. */
STORE_WRITES
enum store_rc store_case_publish(struct store *s, int64_t panel_id, int64_t id, int64_t version,
                                 int64_t published_at, int64_t now);
/* Deletes a draft: ST_NOT_FOUND when there is none. */
STORE_WRITES
enum store_rc store_case_delete(struct store *s, int64_t panel_id, int64_t id);
/* Published case studies whose text holds every term (core/case_study.h's
 * case_search_terms; NULL: any), with the issue and approach (NULL: any)
 * and the rung (0: any); newest first, at most limit. */
struct case_query {
	const char *terms, *issue, *approach;
	int64_t rung, limit;
};
enum store_rc store_cases_search(struct store *s, const struct case_query *q, struct arena *a,
                                 struct case_study **out, size_t *n);
/* The people a case study would name, and whether they agreed. */
struct case_person {
	int64_t user_id;
	const char *name, *role;
	int64_t asked_at, agreed_at, answered_at;   /* agreed_at 0: not named */
};
enum store_rc store_case_people(struct store *s, int64_t case_id, struct arena *a,
                                struct case_person **out, size_t *n);
/* Asks user_id whether they may be named (as role): ST_CONFLICT when they
 * were asked already. */
STORE_WRITES
enum store_rc store_case_person_ask(struct store *s, int64_t case_id, int64_t user_id,
                                    const char *role, int64_t now);
/* Their answer, which they may change: ST_NOT_FOUND when not asked. */
STORE_WRITES
enum store_rc store_case_person_answer(struct store *s, int64_t case_id, int64_t user_id,
                                       bool agree, int64_t now);
STORE_WRITES
enum store_rc store_case_person_remove(struct store *s, int64_t case_id, int64_t user_id);

/* This installation's published case studies for its feed, newest first,
 * at most limit, and when any of its own last changed (0: never). */
enum store_rc store_cases_local_published(struct store *s, int64_t limit, struct arena *a,
                                          struct case_study **out, size_t *n, int64_t *changed);
/* Another installation's feed this one imports (docs/learning.md). */
struct case_source {
	int64_t id;
	const char *url, *public_key;   /* the key: base64 Ed25519, as its about page shows */
	const char *name;               /* the feed's title, from the last good fetch */
	int64_t added_by, added_at;
	int64_t fetched_at, ok_at;      /* 0: never */
	const char *last_modified;      /* its Last-Modified, sent back as If-Modified-Since */
	const char *status;             /* what went wrong last time, "" when nothing */
	int64_t items;                  /* case studies imported from it */
};
enum store_rc store_case_sources(struct store *s, struct arena *a, struct case_source **out,
                                 size_t *n);
enum store_rc store_case_source_get(struct store *s, int64_t id, struct arena *a,
                                    struct case_source *out);
/* ST_CONFLICT when the address is there already. */
STORE_WRITES
enum store_rc store_case_source_add(struct store *s, const char *url, const char *public_key,
                                    int64_t by, int64_t now, int64_t *id);
/* Deletes it and every case study imported from it. */
STORE_WRITES
enum store_rc store_case_source_delete(struct store *s, int64_t id);
/* How a fetch went (status "" when well: then last_modified and name are
 * kept too), and how many case studies it has now. */
STORE_WRITES
enum store_rc store_case_source_fetched(struct store *s, int64_t id, int64_t now,
                                        const char *status, const char *last_modified,
                                        const char *name);
/* The uids of the case studies imported from source_id. */
enum store_rc store_imported_uids(struct store *s, int64_t source_id, struct arena *a,
                                  const char ***out, size_t *n);
STORE_WRITES
enum store_rc store_imported_delete(struct store *s, int64_t source_id, const char *uid);
/* Adds or updates the imported case study c (source_id, uid; its
 * panel_name is who ran it, published_at and updated_at the source's). */
STORE_WRITES
enum store_rc store_imported_put(struct store *s, const struct case_study *c);

/* ---- what /metrics shows of the database (metrics.c): counts only ---- */
struct store_metrics {
	int64_t outbox_waiting;   /* messages not yet sent nor given up on */
	int64_t outbox_failed;    /* given up on */
	int64_t sessions;         /* sign-ins not yet expired */
	int64_t database_bytes;   /* the database's size */
};
enum store_rc store_metrics(struct store *s, int64_t now, struct store_metrics *out);

#endif
