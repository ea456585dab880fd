#ifndef EC_APP_APP_H
#define EC_APP_APP_H
/* Use cases: what a person can do, independent of HTTP. Web pages and the
 * JSON API both call these, so a rule (a permission, an audit entry, a
 * consent check) is applied once whichever door is used.
 *
 * Every function takes the asker's store connection and a time `now`, and
 * returns true on success. On failure it fills *err: an HTTP-like status,
 * a stable code, the form field concerned (or NULL) and a plain-language
 * sentence fit to show the person. */
#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "auth/auth.h"
#include "core/input.h"
#include "core/lang.h"
#include "core/practice.h"
#include "core/profile.h"
#include "core/standards.h"
#include "mail/smtp.h"
#include "store/store.h"

struct app_error {
	int status;
	const char *code;
	const char *field;
	const char *message;
	char own[240];         /* holds a message made up at run time (message points here) */
};

/* ---- accounts ---- */

/* Checks an e-mail and password, with rate limits kept only as keyed
 * hashes (docs/privacy.md, "Signing in"). device is the browser's device
 * token (NULL when none): one this account signed in with before is
 * limited on its own, so that strangers' guesses, which lock the account
 * for strangers only, never lock out its owner on a device they have used.
 * On success *device_out is a new device token for the account, to keep in
 * the browser (APP_DEVICE_TOKEN_CHARS). */
enum { APP_DEVICE_TOKEN_CHARS = AUTH_TOKEN_CHARS + 1 + AUTH_HASH_HEX };
bool app_sign_in(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                 const char *email, const char *password, const char *address,
                 const char *device, int64_t now, struct arena *a, int64_t *user_id,
                 const char **device_out, struct app_error *err);

/* An invitation's inputs, declared once for both doors. */
enum { INVITE_EMAIL, INVITE_ROLE, INVITE_BY_HAND, INVITE_INPUTS };
extern const struct input_field invite_inputs[INVITE_INPUTS];
/* Creates an invitation to panel_id with role, writes the message to the
 * outbox and returns the one-time link (the only time it exists in the
 * clear), in one transaction; then an invitation still pending for the
 * same address is revoked, so one link works. by_hand: for someone with
 * no e-mail address, no address and no message: the inviter gives the
 * link by hand, and the person chooses a username when they accept.
 * actor is the inviter's place on the panel: a guest may be invited by
 * whoever policy allows (PA_INVITE_GUEST, checked by the route), anyone
 * else only with PA_INVITE_MEMBER (403 otherwise). */
bool app_invite(struct store *s, const char *public_url, int64_t inviter_id,
                const struct panel_actor *actor, const struct panel *panel, const char *email,
                bool by_hand, enum panel_role role,
                int64_t now, struct arena *a, const char **link, struct app_error *err);

/* Accepts an invitation. When its address has no account, a new one is
 * made (name and password; and, for an invitation given by hand, which has
 * no address, the username it will sign in with) and nobody may be signed
 * in (signed_in_id 0); one given by hand may also be accepted by whoever
 * is signed in.
 * When the address has an account, the person must be signed in as that
 * account: the link alone never adds an existing person to a panel, since
 * whoever made the invitation also holds the link. */
bool app_accept_invitation(struct store *s, const char *token, const char *username,
                           const char *display_name,
                           const char *password, const struct language *language,
                           int64_t signed_in_id, int64_t now, struct arena *a,
                           int64_t *user_id, int64_t *panel_id, struct app_error *err);

/* The language a person chose for their pages and their mail, declared
 * once for both doors: a code of core/lang.c ("pl"), or "" for none (then
 * their panel's, else their browser's). A new account takes the language
 * its invitation was read in (app_accept_invitation's language). */
enum { LANGUAGE_IN_CODE, LANGUAGE_INPUTS };
extern const struct input_field language_inputs[LANGUAGE_INPUTS];
bool app_language_set(struct store *s, int64_t user_id, const char *code, int64_t now,
                      struct app_error *err);

/* Accounts an administrator manages from the command line. An account
 * for email_raw (normalised) with name (display_name_problem's rules);
 * 409 already_exists when the address has one. */
bool app_user_add(struct store *s, const char *email_raw, const char *name, bool admin,
                  int64_t now, struct arena *a, int64_t *id, struct app_error *err);
/* Enables user_id, or disables it and ends its sessions, in one
 * transaction (while disabled, its API tokens and calendar feed answer
 * nobody). */
bool app_user_set_active(struct store *s, int64_t user_id, bool active, int64_t now,
                         struct app_error *err);
/* A one-time link's token for user_id to set a password, good for
 * seconds: written to token (AUTH_TOKEN_CHARS + 1), to be shown once. */
bool app_password_link(struct store *s, int64_t user_id, int64_t seconds, int64_t now,
                       char *token, struct app_error *err);

/* Writes a reset link to the outbox if the address has an active account
 * and has not had RESET_MAX_PER_TARGET asked for in the window; says
 * nothing either way (no account enumeration: the same answer, and the
 * same writes in one transaction, whether or not there is an account).
 * false (429) only when this client address asked too often. */
bool app_request_reset(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                       const char *public_url, const char *email, const char *address,
                       int64_t now, struct arena *a, struct app_error *err);
/* Sets a new password from a reset link, signs out every session, revokes
 * every API token and lifts any sign-in pause on the account. The link is checked before any
 * password is hashed, so bogus links cost nothing. */
bool app_reset_password(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                        const char *token, const char *password, int64_t now,
                        struct arena *a, int64_t *user_id, struct app_error *err);
/* Checks a signed-in person's password again (before a change of password
 * or deleting the account), with its own per-person limit (5 wrong in 15
 * minutes); on failure err names `field`. A change of password (below),
 * like a reset, signs out every session and revokes every API token and
 * the calendar feed, in one transaction. */
bool app_confirm_password(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                          const struct user *u, const char *password, const char *field,
                          const char *address, int64_t now, struct arena *a,
                          struct app_error *err);
bool app_change_password(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                         const struct user *u, const char *current, const char *password,
                         const char *address, int64_t now, struct arena *a,
                         struct app_error *err);

/* ---- credentials (session.c) ----
 * Tokens arrive as their hashes; the web layer keeps cookies and headers. */

/* Stores a new browser session for user_id under token_hash. */
bool app_session_start(struct store *s, const char *token_hash, int64_t user_id, int64_t now);
/* The active account whose session token_hash is, when it has not expired;
 * moves its idle expiry on (written at most every SESSION_TOUCH_SECONDS). */
bool app_session_resume(struct store *s, const char *token_hash, int64_t now, struct arena *a,
                        struct user *u);
/* Ends the session (signing out); nothing when there is none. */
void app_session_end(struct store *s, const char *token_hash);
/* The account of an unrevoked API token of an active account, recording its
 * use (at most every SESSION_TOUCH_SECONDS). */
bool app_api_token_user(struct store *s, const char *token_hash, int64_t now, int64_t *user_id);
/* A new API token for user_id, called label (one line, at most
 * API_TOKEN_LABEL_MAX_CHARS), stored as token_hash. */
bool app_api_token_create(struct store *s, int64_t user_id, const char *label,
                          const char *token_hash, int64_t now, int64_t *id,
                          struct app_error *err);
/* Revokes the person's own token id (404 when it is not theirs). */
bool app_api_token_revoke(struct store *s, int64_t user_id, int64_t id, int64_t now,
                          struct app_error *err);
/* Gives the person a calendar feed address stored as token_hash; an
 * address made before stops working at once. */
bool app_calendar_feed_set(struct store *s, int64_t user_id, const char *token_hash,
                           int64_t now, struct app_error *err);
/* Stops the person's calendar feed (done too when there was none). */
bool app_calendar_feed_stop(struct store *s, int64_t user_id, struct app_error *err);

/* ---- panels ---- */

/* A one-time link for member target_id of p to set a new password, made
 * by actor_id (acting as actor) for someone without e-mail who has
 * forgotten theirs (policy_may_make_sign_in_link; 403 otherwise): good
 * for SIGN_IN_LINK_SECONDS, shown once (*link, in a) and never stored in
 * the clear; the steward never sees or sets the password. In one
 * transaction it is written to the member's audit log, and they are told
 * on the site and by e-mail (without the link). */
enum { SIGN_IN_LINK_SECONDS = 3600 };
bool app_sign_in_link(struct store *s, const char *public_url, const struct panel_actor *actor,
                      int64_t actor_id, const struct panel *p, int64_t target_id, int64_t now,
                      struct arena *a, const char **link, struct app_error *err);

/* A change to a member, declared once for both doors: a role and/or a
 * status, each left as it is when not given. */
enum { MEMBER_IN_ROLE, MEMBER_IN_STATUS, MEMBER_INPUTS };
extern const struct input_field member_inputs[MEMBER_INPUTS];
/* Members of panel_id not removed, in store_members_list's order, whose
 * name (or, when by_email, e-mail address) holds query (ASCII letters in
 * any case; "" or NULL: everyone): limit of them from offset, and how
 * many match in all. */
enum store_rc app_members_find(struct store *s, int64_t panel_id, const char *query,
                               bool by_email, int64_t offset, int64_t limit, struct arena *a,
                               struct member_row **out, size_t *n, int64_t *total);

/* Changes a member's role and/or status (MEMBER_REMOVED removes), keeping
 * at least one active steward, and records the change in the member's
 * audit log when someone else made it. The actor's permission is checked by the
 * caller; this checks the target is a member. */
bool app_change_membership(struct store *s, int64_t actor_id, int64_t panel_id,
                           int64_t target_id, enum panel_role role, enum member_status status,
                           int64_t now, struct app_error *err);

/* Member user_id of panel_id, as the members' pages show them: someone
 * removed is not there (ST_NOT_FOUND). Who may look is the route's. */
enum store_rc app_member_visible(struct store *s, int64_t panel_id, int64_t user_id,
                                 struct membership *out);
/* Names guest m (or stops naming them) as one who answers contributions;
 * stewards always may, so only guests are named (400). */
bool app_member_set_responder(struct store *s, int64_t panel_id, const struct membership *m,
                              bool responder, int64_t now, struct app_error *err);
/* Cancels pending invitation id to panel_id (404 when used or cancelled). */
bool app_invitation_revoke(struct store *s, int64_t panel_id, int64_t id, int64_t now,
                           struct app_error *err);
/* A panel's details, declared once (core/input.h). */
enum {
	PANEL_IN_NAME, PANEL_IN_DESCRIPTION, PANEL_IN_TIME_ZONE, PANEL_IN_LANGUAGE,
	PANEL_IN_ORGANISATION, PANEL_IN_HOSTING, PANEL_IN_RESPONSE_DAYS, PANEL_IN_AGENDA_DAYS,
	PANEL_IN_CO_CREATORS_POST, PANEL_INPUTS
};
extern const struct input_field panel_inputs[PANEL_INPUTS];
/* p's details from panel_inputs as read; the days only when given; a
 * form's box left unticked says co-creators do not post opportunities. */
void app_panel_from_inputs(const struct input_value *in, struct panel *p);
/* Saves p's editable details when the panel is still at p->version (409,
 * naming "name", when someone saved first). */
bool app_panel_update(struct store *s, const struct panel *p, int64_t now, struct app_error *err);

/* ---- profiles ---- */

/* A profile as one viewer may see it. */
struct visible_profile {
	struct user person;
	enum viewer_relation relation;
	struct profile_value *values;  /* only the fields the viewer may see */
	size_t n;
	bool *consented;               /* per profile_fields[i]; self only */
};

enum profile_scope {
	PROFILE_ALL,         /* every field the viewer may see */
	PROFILE_ACTIONABLE,  /* only access and communication needs (steward lists) */
};

/* Loads subject's profile filtered for viewer and scope. When the viewer is
 * someone else and is shown any field, exactly the fields shown are written
 * to the subject's audit log (keys only). ST_NOT_FOUND when the viewer may
 * not see the person. */
enum store_rc app_profile_view(struct store *s, int64_t viewer_id, int64_t subject_id,
                               enum profile_scope scope, int64_t now, struct arena *a,
                               struct visible_profile *out);

/* One field change asked by the member: raw value, visibility, and for
 * representation fields whether they consent. Validated whole before
 * anything is stored. */
struct profile_edit {
	const char *field;
	const char *raw;
	enum visibility visibility;
	bool consent;                  /* only read for consent fields */
};

/* Applies edits for the member themself, in one transaction: a
 * representation answer is kept only with its consent ("prefer not to
 * say" excepted: it discloses nothing); withdrawing consent erases the
 * answer; each consent change is recorded. On a validation failure nothing
 * is stored and err names the field. */
bool app_profile_save(struct store *s, int64_t user_id, const struct profile_edit *edits,
                      size_t n, int64_t now, struct arena *a, struct app_error *err);

/* Changes the person's display name (display_name_problem's rules) when
 * their account is still at expected_version; 409 naming display_name
 * when it changed meanwhile. */
bool app_display_name_set(struct store *s, int64_t user_id, const char *name,
                          int64_t expected_version, int64_t now, struct app_error *err);

/* ---- data rights ---- */

/* What "My data" and its download say of safeguarding records: that one
 * may exist and how to ask for it (never the record itself). */
extern const char *const SAFEGUARDING_RECORDS_NOTE;
/* Everything held about the person, as JSON text (malloc'd; free it). */
char *app_export_json(struct store *s, int64_t user_id, int64_t now, struct arena *a);

/* Erases the person (store_user_erase) and records it in their audit, in
 * one transaction. Refused (409 last_steward, naming the panels) while they
 * are the only active steward of a panel: a panel is never left without
 * someone to run it; they hand over first. */
bool app_erase_account(struct store *s, int64_t user_id, int64_t now, struct arena *a,
                       struct app_error *err);

/* Creates a panel with its creator as its first steward, in one transaction. */
bool app_create_panel(struct store *s, int64_t creator_id, const struct panel *p, int64_t now,
                      int64_t *panel_id, struct app_error *err);

/* For a steward's member list: each member's shared access and
 * communication needs (PROFILE_ACTIONABLE), with every audit entry written
 * in one transaction rather than one write per member. out[i] matches
 * member_ids[i]; a member the viewer may not see has n == 0. */
bool app_members_needs(struct store *s, int64_t viewer_id, const int64_t *member_ids,
                       size_t n, int64_t now, struct arena *a, struct visible_profile *out);

/* ---- voice and influence (app/voice.c) ----
 * The panel-level permission (policy_allows) is checked by the route; these
 * check what depends on the rows: who may own a response, whether a guest
 * is named on each contribution they answer, the agenda's deadline. */

/* What each voice use case takes, declared once (core/input.h); both doors
 * read them with web/http/inputs.c, the use cases check them again. */
enum { PAPER_MARKDOWN_MAX = 100000 };   /* characters of a paper written in the page */
enum { PROJECT_TITLE, PROJECT_PURPOSE, PROJECT_DECISION_MAKER, PROJECT_STAGE, PROJECT_INPUTS };
extern const struct input_field project_inputs[PROJECT_INPUTS];
/* A meeting's time is given either as UTC instants (starts_at, ends_at, as
 * the API shows them) or as a day and times in the panel's zone (date,
 * start_time, end_time, as people type them): app_meeting_times. */
enum {
	MEETING_TITLE, MEETING_PROJECT, MEETING_DATE, MEETING_START_TIME, MEETING_END_TIME,
	MEETING_STARTS_AT, MEETING_ENDS_AT, MEETING_PLACE, MEETING_PLACE_ACCESS, MEETING_ONLINE_URL,
	MEETING_CONTENT_NOTE, MEETING_INPUTS
};
extern const struct input_field meeting_inputs[MEETING_INPUTS];
enum { ITEM_TITLE, ITEM_WHY, ITEM_CONTENT_NOTE, ITEM_INPUTS };
extern const struct input_field item_inputs[ITEM_INPUTS];
enum { RUNG_STAGE, RUNG_RUNG, RUNG_EVIDENCE, RUNG_INPUTS };
extern const struct input_field rung_inputs[RUNG_INPUTS];
enum { REPLY_REPLY, REPLY_INPUTS };
extern const struct input_field reply_inputs[REPLY_INPUTS];
enum {
	CONTRIBUTION_KIND, CONTRIBUTION_BODY, CONTRIBUTION_ATTRIBUTION, CONTRIBUTION_GROUP_NAME,
	CONTRIBUTION_PROJECT, CONTRIBUTION_MEETING, CONTRIBUTION_ITEM, CONTRIBUTION_AUTHOR,
	CONTRIBUTION_OWNER, CONTRIBUTION_INPUTS
};
extern const struct input_field contribution_inputs[CONTRIBUTION_INPUTS];
/* Contributions one response may answer at once. */
enum { RESPOND_MAX = 100 };
enum { RESPONSE_STATUS, RESPONSE_CONTRIBUTIONS, RESPONSE_WHAT_DONE, RESPONSE_REASON,
       RESPONSE_REFERRED_TO, RESPONSE_DECIDED_BY, RESPONSE_INPUTS };
extern const struct input_field response_inputs[RESPONSE_INPUTS];
enum { PAPER_TITLE, PAPER_SUMMARY, PAPER_MARKDOWN, PAPER_CONTENT_NOTE, PAPER_INPUTS };
extern const struct input_field paper_inputs[PAPER_INPUTS];
enum { REFLECTION_FELT_HEARD, REFLECTION_INFO_IN_TIME, REFLECTION_FELT_SAFE,
       REFLECTION_SHOULD_CHANGE, REFLECTION_NAMED, REFLECTION_INPUTS };
extern const struct input_field reflection_inputs[REFLECTION_INPUTS];
/* What we will change after a meeting: "" clears what was written. */
enum { CHANGE_TEXT, CHANGE_INPUTS };
extern const struct input_field change_inputs[CHANGE_INPUTS];
enum { CLOSING_MARKDOWN, CLOSING_INPUTS };
extern const struct input_field closing_inputs[CLOSING_INPUTS];
/* A reflection from reflection_inputs as read. */
void app_reflection_from_inputs(const struct input_value *in, struct reflection *r);

/* A project from project_inputs as read (the stage "shaping" when not
 * given), and a meeting's details from meeting_inputs (its times:
 * app_meeting_times). */
void app_project_from_inputs(const struct input_value *in, struct project *pr);
void app_meeting_from_inputs(const struct input_value *in, struct meeting *m);
/* The instants meeting inputs v (meeting_inputs) give in panel p's zone:
 * starts_at and ends_at in UTC ("2030-01-15T14:00:00Z"), or date,
 * start_time and end_time. Every problem is added to the caller's list
 * through add(ctx, field, message), so that a form shows them all; false
 * when there was one. A time the clocks skip is refused; one they pass
 * twice is the earlier. */
bool app_meeting_times(const struct panel *p, const struct input_value *v, int64_t *starts,
                       int64_t *ends, void (*add)(void *ctx, const char *field,
                                                  const char *message),
                       void *ctx);

/* Creates a meeting in panel p; its agenda is due agenda_days before it
 * starts (the end of that day in the panel's zone). m->project_id, when
 * set, must be one of the panel's projects. */
bool app_meeting_create(struct store *s, const struct panel *p, int64_t creator,
                        struct meeting *m, int64_t now, int64_t *id, struct app_error *err);

/* Adds a contribution to panel p by actor_id (acting as actor): their own
 * (c->author_id 0 or actor_id, recorded_by 0), or one a steward writes
 * down for author_id (a member of the panel); only a steward
 * (PA_RECORD_CONTRIBUTION) does that or chooses who answers (403 naming
 * author_id or owner_id). Due p->response_days after now, at the end of
 * that day in the panel's zone. With no owner given, the panel's
 * longest-serving active steward answers it. The meeting, item and
 * project, when given, must be the panel's. */
bool app_contribute(struct store *s, const struct panel *p, const struct panel_actor *actor,
                    int64_t actor_id, struct contribution_new *c, int64_t now, int64_t *id,
                    struct app_error *err);
/* A response from response_inputs as read (its contributions are
 * in[RESPONSE_CONTRIBUTIONS].ids). */
void app_response_from_inputs(const struct input_value *in, struct response_record *r);
/* A contribution from contribution_inputs as read. */
void app_contribution_from_inputs(const struct input_value *in, struct contribution_new *c);

/* Records one response by actor (who has PA_RESPOND) to the contributions
 * in ids, all of panel p: a guest only to those they are named to answer.
 * Validated by core/voice.h's response_missing (err names the field).
 * Each author is told on the site and by a message in the outbox. */
bool app_respond(struct store *s, const char *public_url, const struct panel *p,
                 const struct panel_actor *actor, int64_t actor_id,
                 struct response_record *r, const int64_t *ids, size_t n, int64_t now,
                 struct arena *a, int64_t *id, struct app_error *err);

/* Proposes an agenda item for meeting m while it takes proposals: not
 * cancelled, its agenda not published, not begun (409 otherwise, decided
 * again in the statement that adds it). Past the agenda's due date items
 * may still be proposed until a steward publishes it. */
bool app_propose_item(struct store *s, const struct meeting *m, int64_t by, const char *title,
                      const char *why, const char *content_note, int64_t now, int64_t *id,
                      struct app_error *err);

/* Records the rung of the co-production ladder (RUNG_MIN..RUNG_MAX)
 * project pr reached at stage, with its evidence (required). */
bool app_record_rung(struct store *s, const struct project *pr, enum project_stage stage,
                     int64_t rung, const char *evidence, int64_t by, int64_t now,
                     struct app_error *err);
/* Supports (support) or steps out of (!support) item it of meeting m, or
 * stops (on false): support only while the agenda is open, stepping out
 * only of an item with a content note. */
bool app_item_toggle(struct store *s, const struct meeting *m, const struct agenda_item *it,
                     bool support, int64_t user_id, bool on, int64_t now,
                     struct app_error *err);

/* Adds a paper to meeting m: p->title, p->summary (plain language, both
 * required), p->item_id (0, or one of m's agenda items), p->published_at
 * (0: a draft, published with the agenda), and either Markdown in
 * p->markdown or a file of file_len bytes (at most file_limit) named
 * file_name by the sender, not both. A file is kept only when its bytes
 * are a kind core/filetype.h knows; it is saved in files_dir (store/files.h)
 * before the row is written. Fills the rest of p. */
bool app_paper_add(struct store *s, const char *files_dir, const struct meeting *m,
                   struct paper *p, const unsigned char *file, size_t file_len,
                   const char *file_name, size_t file_limit, int64_t by, int64_t now,
                   struct arena *a, int64_t *id, struct app_error *err);
/* Removes paper id of meeting m, and its file when no other paper holds it. */
bool app_paper_remove(struct store *s, const char *files_dir, const struct meeting *m,
                      int64_t id, struct app_error *err);

/* Meeting meeting_id of panel_id as the asker (user_id, acting as actor)
 * may see it: a guest sees only meetings they are invited to (*invited).
 * ST_NOT_FOUND for one they may not see, as for one that does not exist. */
enum store_rc app_meeting_visible(struct store *s, const struct panel_actor *actor,
                                  int64_t panel_id, int64_t meeting_id, int64_t user_id,
                                  struct arena *a, struct meeting *m, bool *invited);
/* Paper paper_id of meeting m as the asker may see it: a draft only to
 * those who add papers. ST_NOT_FOUND otherwise. */
enum store_rc app_paper_visible(struct store *s, const struct panel_actor *actor,
                                const struct meeting *m, bool invited, int64_t paper_id,
                                struct arena *a, struct paper *out);
/* Contribution id of panel_id as user_id (acting as actor) may see it: a
 * guest only those they are named to answer. ST_NOT_FOUND otherwise. */
enum store_rc app_contribution_visible(struct store *s, const struct panel_actor *actor,
                                       int64_t panel_id, int64_t id, int64_t user_id,
                                       struct arena *a, struct contribution *out);
/* One page of the contributions in scope (key), newest first (a
 * meeting's too), holding only what user_id (acting as actor; CS_AUTHOR:
 * their own) may see. Rows they may not see are skipped, reading on for
 * at most CONTRIBUTIONS_SCAN pages, so a page may hold fewer than limit;
 * *next is where the next one starts (0: no more). */
enum { CONTRIBUTIONS_SCAN = 10 };
enum store_rc app_contributions_page(struct store *s, const struct panel_actor *actor,
                                     int64_t user_id, enum contribution_scope scope, int64_t key,
                                     int64_t before, int64_t limit, struct arena *a,
                                     struct contribution **out, size_t *n, int64_t *next);
/* The contributions of panel_id still waiting for an outcome that user_id
 * (acting as actor) may see, soonest due first, up to limit: all of them
 * to those who see the panel's work, else the ones they are named to
 * answer. */
enum store_rc app_contributions_open(struct store *s, const struct panel_actor *actor,
                                     int64_t user_id, int64_t panel_id, int limit,
                                     struct arena *a, struct contribution **out, size_t *n);
/* Starts a project in panel p: a title (200 characters), and optionally
 * its purpose (5000) and who decides (200). */
bool app_project_create(struct store *s, const struct panel *p, int64_t creator,
                        struct project *pr, int64_t now, int64_t *id, struct app_error *err);
/* The asker's reply to meeting m (invited: they are a guest invited to it):
 * not while paused (403), nor to a meeting cancelled or over (409). */
bool app_meeting_reply(struct store *s, const struct panel_actor *actor, const struct meeting *m,
                       bool invited, int64_t user_id, enum meeting_reply reply, int64_t now,
                       struct app_error *err);
/* Invites guest_id, an active guest of panel p, to meeting m, or withdraws
 * the invitation (on false), in one transaction; a guest newly invited
 * gets a notice on the site. 400 (field user_id) for anyone else. */
bool app_meeting_guest_set(struct store *s, const struct panel *p, const struct meeting *m,
                           int64_t guest_id, bool on, int64_t now, struct arena *a,
                           struct app_error *err);
/* One item's fate in a published agenda. */
struct agenda_choice {
	int64_t item_id;
	bool on_agenda;
	const char *reason;   /* why it was left off (AGENDA_REASON_MAX_CHARS); "" or NULL */
};
/* Publishes meeting m's agenda with its draft papers, in one transaction:
 * choice decides every item of the meeting once, in the order agreed items
 * go on the agenda. Refused, naming the field "items": 409
 * agenda_published when it is already published (decided inside the
 * transaction, so of two at once one wins), 409 no_items, 404 not_found
 * for an item not on the meeting, 400 for one missing, repeated or with
 * too long a reason. Everyone who may come (members, and the guests
 * invited) but `by` gets a notice on the site. */
bool app_agenda_publish(struct store *s, const struct meeting *m,
                        const struct agenda_choice *choice, size_t n, int64_t by, int64_t now,
                        struct arena *a, struct app_error *err);
/* Publishes paper paper_id of meeting m, telling everyone who may come
 * but `by`; publishing a published paper changes nothing. 404 when it is
 * not the meeting's. */
bool app_paper_publish(struct store *s, const struct meeting *m, int64_t paper_id, int64_t by,
                       int64_t now, struct arena *a, struct app_error *err);
/* Marks every notice of the person read. */
bool app_notices_mark_read(struct store *s, int64_t user_id, int64_t now, struct app_error *err);

/* Everyone recorded as attending a meeting is asked how it went once it
 * has ended: a reflection, and after a hard meeting a private check-in.
 * Those recorded after the end are asked then (app_record_attendance);
 * this asks those recorded before, for meetings that ended within the last
 * AFTER_MEETING_DAYS and by now (the care worker runs it hourly). *asked:
 * how many it asked. */
enum { AFTER_MEETING_DAYS = 7 };
bool app_after_meetings(struct store *s, int64_t now, int *asked);
/* Records whether user_id (a member of p) came to meeting m, as actor_id
 * says: someone newly recorded as having come to a meeting that is over
 * is asked once for their reflection, and the pay that attendance earns
 * follows (app_pay_for_attendance). Nobody is recorded as having come to
 * a meeting that has not begun (409 not_started). */
bool app_record_attendance(struct store *s, const struct panel *p, const struct meeting *m,
                           int64_t actor_id, int64_t user_id, bool came, int64_t now,
                           struct arena *a, struct app_error *err);

/* Records the asker's reflection on meeting m: only once, only after it
 * ended, only by someone recorded as attending it (core/policy.h's
 * policy_can_reflect; invited: a guest invited to it). */
bool app_reflect(struct store *s, const struct panel_actor *actor, bool invited,
                 const struct meeting *m, int64_t user_id, const struct reflection *r,
                 int64_t now, struct app_error *err);
/* Saves the stewards' "what we will change" for meeting m and tells its
 * attendees on the site. */
bool app_what_we_will_change(struct store *s, const struct meeting *m, const char *text,
                             int64_t by, int64_t now, struct arena *a, struct app_error *err);
/* Saves project pr's closing reflection (Markdown), closes it and tells
 * everyone who took part. */
bool app_project_close(struct store *s, const struct project *pr, const char *markdown,
                       int64_t by, int64_t now, struct arena *a, struct app_error *err);

/* ---- fair pay (app/pay.c) ----
 * The panel-level permission (PA_CLAIM_PAY, PA_MANAGE_PAY) is checked by
 * the route; these check the rows: that a payee is a member, that a claim
 * is the panel's, that a key was given. Every money-changing call takes an
 * idempotency key (store.h): asked again with it, nothing more is written
 * and *outcome says PAY_REPLAYED. */

/* When a co-creator of p is recorded as attending m (came), makes their
 * fee claim at the panel's meeting rate for the meeting's length and,
 * when the policy pays preparation, a preparation claim at the hourly
 * rate, unless the panel has not set pay up or the member's own profile
 * says they would rather not be paid. When the record is taken back,
 * claims not yet approved are declined. At most one of each per person
 * and meeting, however often attendance is recorded. */
bool app_pay_for_attendance(struct store *s, const struct panel *p, const struct meeting *m,
                            int64_t user_id, bool came, int64_t now, struct arena *a);

/* Pay's inputs, declared once (core/input.h) for both doors. Money is in
 * minor units at the API and typed ("27.50") on a form; the policy's
 * rates and advice are JSON objects ("rates": {"hour": ...}) and dotted
 * form fields ("rates.hour"). A use case's *_from_inputs sets what was
 * given and leaves the rest. */
enum { POLICY_VERSION, POLICY_CURRENCY, POLICY_RATE_HOUR, POLICY_RATE_HALF_DAY, POLICY_RATE_DAY,
       POLICY_MEETING_UNIT, POLICY_PREP_MINUTES, POLICY_TARGET_DAYS, POLICY_EXPENSES,
       POLICY_CSV_COLUMNS, POLICY_ADVICE_NAME, POLICY_ADVICE_URL, POLICY_BANK_DETAILS,
       POLICY_INPUTS };
extern const struct input_field policy_inputs[POLICY_INPUTS];
void app_pay_policy_from_inputs(const struct input_value *in, struct pay_policy *pol);
enum { CLAIM_IN_KIND, CLAIM_IN_DESCRIPTION, CLAIM_IN_WORK_DAY, CLAIM_IN_UNIT, CLAIM_IN_MINUTES,
       CLAIM_IN_QUANTITY, CLAIM_IN_CATEGORY, CLAIM_IN_AMOUNT, CLAIM_IN_PAYEE, CLAIM_INPUTS };
extern const struct input_field claim_inputs[CLAIM_INPUTS];
/* c's payee is payee_id when given, else actor_id; work is by the hour
 * (minutes) unless another unit is given (quantity). */
void app_pay_claim_from_inputs(const struct input_value *in, int64_t actor_id,
                               struct pay_claim *c);
enum { DECISION_CHOICE, DECISION_PAY_DAY, DECISION_REASON, DECISION_METHOD, DECISION_INPUTS };
extern const struct input_field decision_inputs[DECISION_INPUTS];
struct pay_decision;
void app_pay_decision_from_inputs(const struct input_value *in, const char *key,
                                  struct pay_decision *d);
enum { RUN_IN_CLAIMS, RUN_IN_REFERENCE, RUN_INPUTS };
extern const struct input_field run_inputs[RUN_INPUTS];
enum { PAID_IN_DAY, PAID_INPUTS };
extern const struct input_field paid_inputs[PAID_INPUTS];
enum { DECLARATION_RULE, DECLARATION_AMOUNT, DECLARATION_PERIOD, DECLARATION_ANCHOR_DAY,
       DECLARATION_INPUTS };
extern const struct input_field declaration_inputs[DECLARATION_INPUTS];
/* A week when no period is given. */
void app_pay_declaration_from_inputs(const struct input_value *in, struct pay_declaration *d);
enum { LIMIT_IN_RULE, LIMIT_IN_NAME, LIMIT_IN_KIND, LIMIT_IN_PERIOD, LIMIT_IN_AMOUNT,
       LIMIT_IN_TAPER, LIMIT_IN_EFFECTIVE_FROM, LIMIT_IN_SOURCE, LIMIT_IN_NOTE, LIMIT_INPUTS };
extern const struct input_field limit_inputs[LIMIT_INPUTS];
void app_earnings_limit_from_inputs(const struct input_value *in, struct earnings_limit *l);

/* Checks and saves a panel's pay policy (a new one when pol->version is 0,
 * else only if nobody changed it since: 409 conflict). can_seal: the
 * server has a sealing key, without which bank details cannot be kept. */
bool app_pay_policy_save(struct store *s, const struct pay_policy *pol, bool can_seal,
                         int64_t now, struct app_error *err);

/* A claim someone logs: other work (CLAIM_WORK: unit and quantity, the
 * amount worked out from the policy's rate) or an expense (CLAIM_EXPENSE:
 * category, amount, and optionally a receipt of receipt_len bytes, kept
 * like a paper's file in files_dir). c->user_id is the payee: the actor
 * themself, or, for a steward (may_claim_for_others), any co-creator or
 * steward of p. Fills the rest of c. */
bool app_pay_claim(struct store *s, const char *files_dir, const struct panel *p,
                   const struct pay_policy *pol, int64_t actor_id, bool may_claim_for_others,
                   struct pay_claim *c, const unsigned char *receipt, size_t receipt_len,
                   const char *receipt_name, size_t file_limit, const char *key, int64_t now,
                   struct arena *a, int64_t *id, enum pay_outcome *outcome,
                   struct app_error *err);

/* What approving claim c to be paid on pay_day does to its payee's
 * declared earnings limit, in the period pay_day falls in (days in p's
 * zone). Only earnings count (not expenses); the total is of everything
 * approved or paid to them in that period in every panel, this claim
 * aside. Facts only: what to say is the page's. */
struct pay_check {
	bool counted;                /* the claim is earnings */
	bool declared;               /* the payee declared a limit */
	bool in_force;               /* an amount is in force for the period */
	struct earnings_limit limit; /* that amount (their own: rule "") */
	struct day_range period;
	int64_t pay_day;
	struct limit_effect effect;
};
bool app_pay_check(struct store *s, const struct pay_claim *c, int64_t pay_day,
                   struct arena *a, struct pay_check *out);
/* The claim would leave its payee over their declared limit in the period. */
bool pay_check_over(const struct pay_check *k);
/* ...and that limit is a cliff edge (not a taper): approving it needs a
 * reason (CHOICE_APPROVE_ANYWAY). */
bool pay_check_needs_reason(const struct pay_check *k);

/* A steward's decision on a claim. */
enum pay_choice {
	CHOICE_APPROVE = 0,    /* to be paid as claimed */
	CHOICE_APPROVE_ANYWAY, /* although over the declared limit: reason required */
	CHOICE_NON_CASH,       /* to be paid in the member's non-cash way (method) */
	CHOICE_EXPENSES_ONLY,  /* the fee declined, expenses still paid */
	CHOICE_DECLINE,        /* not to be paid: reason required */
	CHOICE_ASK,            /* ask the member first: a notice, nothing in the ledger */
	CHOICE_UNAPPROVE,      /* correction, back to waiting: reason required */
	CHOICE_UNPAY,          /* correction, the payment did not arrive: reason required */
	CHOICE__COUNT
};
const char *pay_choice_key(enum pay_choice c);
bool pay_choice_parse(const char *s, enum pay_choice *out);
bool pay_choice_is(const char *s);
struct pay_decision {
	enum pay_choice choice;
	enum pay_method method;      /* CHOICE_NON_CASH */
	int64_t pay_day;             /* approvals: when it is expected to be paid */
	const char *reason;
	const char *key;
};
/* Applies d to claim c of p (as the caller read it) by actor_id. Approving earnings that
 * would take the payee over their declared limit (or further over) is
 * refused (409 over_limit) unless the choice is CHOICE_APPROVE_ANYWAY with
 * a reason, which is recorded. The payee is told on the site of a decline,
 * a question and a reversed payment. */
bool app_pay_decide(struct store *s, const struct panel *p, int64_t actor_id,
                    const struct pay_claim *c, const struct pay_decision *d, int64_t now,
                    struct arena *a, enum pay_outcome *outcome, struct app_error *err);

/* Makes a payment run of the claims in ids (approved ones of p, each once),
 * with reference (or one made up when ""). */
bool app_pay_run_create(struct store *s, const struct panel *p, int64_t actor_id,
                        const int64_t *ids, size_t n, const char *reference, const char *key,
                        int64_t now, struct arena *a, int64_t *run_id,
                        enum pay_outcome *outcome, struct app_error *err);
/* Marks run run_id of p paid on paid_day (not in the future) and tells
 * each payee on the site. */
bool app_pay_run_paid(struct store *s, const struct panel *p, int64_t actor_id, int64_t run_id,
                      int64_t paid_day, const char *key, int64_t now, struct arena *a,
                      enum pay_outcome *outcome, struct app_error *err);

/* Saves the limit user_id says applies to them: a rule of the table
 * (d->rule), or their own amount and period (d->rule ""). */
bool app_pay_declare(struct store *s, int64_t user_id, const struct pay_declaration *d,
                     int64_t now, struct arena *a, struct app_error *err);

/* Checks and saves a row of the earnings-limits table (an administrator's
 * change): a new row when l->id is 0. *id is the row. */
bool app_earnings_limit_save(struct store *s, const struct earnings_limit *l, int64_t by,
                             int64_t now, int64_t *id, struct app_error *err);
/* Claim id of panel_id as user_id (acting as actor) may see it: their own,
 * or any to a steward running pay. ST_NOT_FOUND otherwise. */
enum store_rc app_claim_visible(struct store *s, const struct panel_actor *actor,
                                int64_t panel_id, int64_t id, int64_t user_id, struct arena *a,
                                struct pay_claim *out);
/* Writes to payee's audit log that actor_id read their declared earnings
 * limit: once a day (in zone) per reader and payee. */
void app_pay_declaration_seen(struct store *s, int64_t payee, int64_t actor_id, const char *zone,
                              int64_t now);
/* How payee likes to be paid (their profile's "pay"), in words, when they
 * let stewards see it; the read is written to their audit log. NULL when
 * hidden or not given. */
const char *app_pay_preference(struct store *s, int64_t payee, int64_t actor_id, int64_t now,
                               struct arena *a);

/* ---- a person's own pay (my_pay.c) ---- */

/* Where a person stands, for "My pay" and /api/v1/me/pay: their declared
 * limit and its check today (a claim of nothing), in the zone of their
 * first panel; the currency and benefits advice of the first panel of
 * theirs that pays; the panels of theirs that keep bank details, to which
 * they may give theirs. */
struct my_pay_standing {
	const char *zone;
	int64_t today;
	char currency[4];
	const char *advice_name, *advice_url;
	bool bank_wanted;            /* nbank_panels > 0 */
	struct field_option *bank_panels; /* key: the panel's id; label: its name */
	size_t nbank_panels;
	bool declared;
	struct pay_declaration declaration;
	struct pay_check check;
	int64_t waiting;             /* earnings claimed, not yet decided, in every panel */
};
bool app_my_pay_standing(struct store *s, int64_t user_id, int64_t now, struct arena *a,
                         struct my_pay_standing *st);
/* The name of bank panel panel_id of st; NULL when it is not one. */
const char *app_bank_panel_name(const struct my_pay_standing *st, int64_t panel_id);
/* At least one id, each of one of st's bank panels; else 400 naming
 * "panels". */
bool app_bank_panels_check(const struct my_pay_standing *st, const int64_t *ids, size_t n,
                           struct app_error *err);
/* Removes the limit the person declared (done too when there was none). */
bool app_pay_declaration_clear(struct store *s, int64_t user_id, struct app_error *err);

/* A person's bank details (UK), sealed at rest (auth_seal) with the
 * server's key; shown only masked, opened only for a payment run's CSV.
 * Whoever holds one wipes it after use (sodium_memzero). */
struct bank_details {
	char name[600];              /* up to 140 characters */
	char sort_code[7], account_number[9];
};
enum bank_read {
	BANK_NONE,        /* none saved, or the server has no key */
	BANK_OPEN,        /* *out holds them */
	BANK_OTHER_KEY,   /* sealed under a key this server does not have */
	BANK_UNREADABLE,  /* they do not open or do not parse */
};
/* Opens user_id's details with key (NULL: the server has none). for_panel:
 * the panel whose payment run reads them, which must be one the person
 * gave them to (else BANK_NONE); 0 when the person reads their own. */
enum bank_read app_bank_open(struct store *s, const struct auth_seal_key *key, int64_t user_id,
                             int64_t for_panel, struct arena *a, struct bank_details *out);
/* app_bank_open for panel_id's payment run, exported by actor_id: an
 * export opened is written to the payee's audit log. */
enum bank_read app_bank_open_for_run(struct store *s, const struct auth_seal_key *key,
                                     int64_t panel_id, int64_t payee, int64_t actor_id,
                                     int64_t now, struct arena *a, struct bank_details *out);
/* Seals and saves user_id's details. New details are given to panel_ids,
 * which must be among the person's bank panels (400 naming "panels");
 * replacing saved ones keeps the panels they were given to. 409
 * not_stored when no panel of theirs keeps bank details, or there is no
 * key. */
bool app_bank_save(struct store *s, const struct auth_seal_key *key, int64_t user_id,
                   const struct bank_details *d, const int64_t *panel_ids, size_t n,
                   int64_t now, struct arena *a, struct app_error *err);
/* Gives the saved details to exactly panel_ids (among the person's bank
 * panels); 409 not_stored when none are saved. */
bool app_bank_give(struct store *s, int64_t user_id, const int64_t *panel_ids, size_t n,
                   int64_t now, struct arena *a, struct app_error *err);
/* Deletes the person's bank details (done too when there were none). */
bool app_bank_remove(struct store *s, int64_t user_id, struct app_error *err);

/* ---- mail delivery (app/delivery.c) ---- */

/* Which notices a person takes by e-mail, declared once for both doors. */
enum { MAIL_IN_NOTICES, MAIL_INPUTS };
extern const struct input_field mail_inputs[MAIL_INPUTS];
/* Sets user_id's choice: "immediately", "daily" or "none". */
bool app_mail_choice_set(struct store *s, int64_t user_id, const char *choice, int64_t now,
                         struct app_error *err);

/* Makes the digests that are due (app/delivery.c): for each person with
 * notices marked for one whose last digest is at least c->digest_seconds
 * old, one message (kind digest) listing them, in one transaction with
 * the marks taken off; of several servers, one makes each. *made: how
 * many. False when the store failed. */
struct delivery_config;
bool app_digests_make(struct store *s, const struct delivery_config *c, int64_t now,
                      int *made);
/* Mails the notices of those who chose to hear of each as it happens
 * (marked when made: store_notice_mail_forget and what follows it): for
 * each such person, one message (kind notice) listing what is marked, in
 * one transaction with the marks taken off; of several servers, one sends
 * each. A notice a day old or more is left on the site. *made: how many messages. False when
 * the store failed. */
bool app_notice_mails_make(struct store *s, const struct delivery_config *c, int64_t now,
                           int *made);

/* Messages to panel_id's people that could not be delivered, or are still
 * being tried after a failure, newest first, written out in the asker's
 * language: those the asker may read
 * (policy_shows_undelivered) in *out, up to limit, and how many others
 * there are in *others. */
enum store_rc app_undelivered(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                              int limit, struct arena *a, struct outbox_message **out,
                              size_t *n, int64_t *others);
/* m's subject and body as its reader will read them, in their language
 * (messages are kept as their msgid and values: core/lang.h). */
void app_outbox_text(struct outbox_message *m, struct arena *a);

struct delivery_config {
	struct smtp_relay relay;     /* relay.url NULL: mail is not delivered */
	const char *from;            /* the From header: "Name <address>" or an address */
	const char *public_url;      /* the installation's, for links in digests */
	int64_t digest_seconds;      /* at most one digest a person each this long */
	int64_t retry_seconds;       /* the wait after a first failure; it doubles each time,
	                              * up to DELIVERY_RETRY_MAX */
	int64_t lease_seconds;       /* how long a server holds messages it took */
	int64_t give_up_seconds;     /* a message still failing this long after it was
	                              * made is given up */
	int batch;                   /* messages taken at once */
};
enum { DELIVERY_RETRY_MAX = 6 * 3600 };

struct delivery_counts {
	int sent, retried, refused, given_up;
	int lost;                    /* its lease ended while it was sent: another holds it */
};

/* One delivery pass, as holder (unique to this worker): takes the messages
 * due (several servers each take their own), sends each through smtp to its
 * one address, and records what became of it: sent; refused for good (a
 * 5xx to the recipient or the message); or tried again later, after a wait
 * that doubles, until give_up_seconds after it was made. Messages still
 * held when a lease would end before the next could be sent are left for
 * the lease to end. Runs until nothing is due. False when the store
 * failed (what was done stays done). */
bool app_outbox_deliver(struct store *s, struct smtp_session *smtp,
                        const struct delivery_config *c, const char *holder,
                        struct delivery_counts *out);
/* ---- who isn't here? (representation.c) ----
 * A panel's groups and targets (PA_MANAGE_TARGETS), members' own choice of
 * group for a self-described characteristic, and the report. The report's
 * figures are published by app_rep_refresh through core/representation.h's
 * rule into the store's ledger; every page, API answer and empty chair reads
 * them back from there, so no door shows a figure the rule has not passed. */
enum { TARGET_IN_CHARACTERISTIC, TARGET_IN_ANSWER, TARGET_IN_LABEL, TARGET_IN_UNIT,
       TARGET_IN_MIN, TARGET_IN_MAX, TARGET_IN_REFERENCE, TARGET_IN_SOURCE, TARGET_IN_DATE,
       TARGET_IN_VERSION, TARGET_INPUTS };
extern const struct input_field target_inputs[TARGET_INPUTS];
/* Sets g from what was given; min, max, the reference and its date are
 * cleared when not given. False (400) when the share cannot be read, or
 * when g is a saved group (g->id) and another characteristic or answer is
 * given: a group stays what it is. */
bool app_rep_group_from_inputs(const struct input_value *in, struct rep_group *g,
                               struct app_error *err);
/* Checks and saves a group of g->panel_id (new when g->version is 0; *id
 * its id): a choice characteristic's group is one of its answers, a
 * self-described one's is named in the steward's words (or is "prefer not
 * to say"); 409 when the answer has a group already or someone saved
 * first; 404 when it is not this panel's. */
bool app_rep_group_save(struct store *s, struct rep_group *g, int64_t now, int64_t *id,
                        struct app_error *err);
bool app_rep_group_delete(struct store *s, int64_t panel_id, int64_t id, struct app_error *err);
/* A member's choice of group, declared once for both doors: group_id 0
 * is "none of these". */
enum { REP_CHOICE_CHARACTERISTIC, REP_CHOICE_GROUP, REP_CHOICE_INPUTS };
extern const struct input_field rep_choice_inputs[REP_CHOICE_INPUTS];
/* Sets (group_id) or clears (0) which of panel_id's groups of a
 * self-described characteristic counts user_id; they must have given their
 * consent for it first (400 consent_needed). */
bool app_rep_choice_set(struct store *s, int64_t panel_id, int64_t user_id,
                        const char *characteristic, int64_t group_id, int64_t now,
                        struct app_error *err);

/* Publishes the panel's figures that changed, as the rule allows. Each
 * characteristic is decided again at most once each `every` seconds (then
 * a view that finds none due reads nothing more; 0: every view decides, a
 * write only when something is published). A meeting's figures are published once, with the
 * first publication after its attendance is recorded, and then kept as
 * they were. Run before reading a report. */
bool app_rep_refresh(struct store *s, int64_t panel_id, int64_t every, int64_t now,
                     struct app_error *err);

struct rep_row {
	const char *key;               /* "answer:yes", "group:12", "other", "unanswered" */
	const char *label;             /* in the reader's language, or the steward's words */
	bool own_words;                /* label is the steward's: show it in <bdi> */
	const struct rep_group *group; /* its target and reference, or NULL */
	int64_t count;                 /* -1: not shown (fewer than 5, or held back) */
	enum rep_standing standing;
};
/* The panel's figures, one meeting's (meeting_id), or an opportunity's.
 * total -1: not shown; published_at 0: none published yet. */
struct rep_scope {
	int64_t meeting_id, total, published_at, publication;
	int targets_places;            /* an opportunity's: its targets are in places */
	struct rep_row *rows;
	size_t n;
};
/* The panel's figures at one past publication: counts by row, as rows. */
struct rep_point {
	int64_t publication, at, total;
	int64_t *counts;
};
struct rep_section {
	const struct profile_field *field;
	int64_t published_at;          /* 0: nothing published yet */
	struct rep_scope scope;        /* the panel */
	struct rep_scope meeting;      /* the meeting asked for, when one was */
	struct rep_scope interested;   /* the opportunity asked for: who came forward */
	struct rep_scope chosen;       /* ... and who was given a place */
	struct rep_point *trend;       /* oldest first */
	size_t n_trend;
};
struct rep_report {
	struct rep_section *sections;  /* one per characteristic, in catalogue order */
	size_t n;
};
/* The latest published figures of panel_id (and of meeting_id's meeting,
 * when not 0, and of opp's two groups, when not NULL), with the last
 * publications of the panel's figures when with_trend. A meeting is held
 * only to targets in percent; an opportunity only to those of the
 * characteristics it keeps, in percent scaled to its places. Reads only. */
struct opportunity;
bool app_rep_report(struct store *s, int64_t panel_id, int64_t meeting_id,
                    const struct opportunity *opp, bool with_trend, struct arena *a,
                    struct rep_report *out, struct app_error *err);
/* The empty chairs of a report's scope: groups below
 * their minimum, and groups with a minimum whose figure is not shown (named
 * alike, so that the words never tell a small group from a held-back one). */
struct rep_chair {
	const struct profile_field *field;
	const struct rep_row *row;
	int places;                    /* its target is in places (an opportunity's), or 0 */
};
enum rep_scope_kind { REP_SCOPE_PANEL, REP_SCOPE_MEETING, REP_SCOPE_INTERESTED,
                      REP_SCOPE_CHOSEN };
size_t app_rep_empty_chairs(const struct rep_report *r, enum rep_scope_kind kind,
                            struct arena *a, struct rep_chair **out);

/* ---- opportunities and fair draws (opportunities.c) ----
 * Who may post one, come forward and run its draw is core/policy.c's
 * (PA_MANAGE_OPPORTUNITIES, PA_EXPRESS_INTEREST), checked by the routes;
 * who sees who came forward, policy_sees_interest. */
enum { OPP_TITLE, OPP_ASKS, OPP_PLACE, OPP_STARTS_ON, OPP_PLACES, OPP_PAY_UNIT, OPP_PAY_QUANTITY,
       OPP_CLOSES_ON, OPP_CHARACTERISTICS, OPP_ROTATION, OPP_INPUTS };
extern const struct input_field opportunity_inputs[OPP_INPUTS];
enum { INTEREST_NOTE, INTEREST_INPUTS };
extern const struct input_field interest_inputs[INTEREST_INPUTS];
/* The number that picks one of the 1,000 panels: one (dice), or two (a
 * steward's and a co-creator's), added, keeping the last three digits. */
enum { NUMBER_FIRST, NUMBER_SECOND, NUMBER_NOTE, NUMBER_INPUTS };
extern const struct input_field number_inputs[NUMBER_INPUTS];
/* Who gives up a place: the asker, or (for those who manage the
 * opportunity) user_id. */
enum { DROP_USER, DROP_INPUTS };
extern const struct input_field drop_inputs[DROP_INPUTS];

/* Posts an opportunity in p from in (opportunity_inputs): open until the
 * end of the closing day in p's zone, which may not have passed. */
bool app_opportunity_create(struct store *s, const struct panel *p, int64_t actor_id,
                            const struct input_value *in, int64_t now, int64_t *id,
                            struct app_error *err);
/* Closes o now, before its closing day (enough have come forward): 409
 * when it has closed already. Closing, preparing a draw and entering its
 * number are refused (403) to whoever came forward for o
 * (policy_may_run_draw). */
bool app_opportunity_close(struct store *s, const struct opportunity *o,
                           const struct panel_actor *actor, int64_t actor_id, int64_t now,
                           struct app_error *err);
/* Comes forward (again) with note for the stewards: 409 once it has
 * closed, been cancelled or drawn, decided in the statement. */
bool app_interest(struct store *s, const struct opportunity *o, int64_t user_id,
                  const char *note, int64_t now, struct app_error *err);
/* Withdraws, until the draw is made (409 after, or if they never came
 * forward); a prepared draw they are in is set aside, to be prepared
 * again without them. */
bool app_interest_withdraw(struct store *s, const struct opportunity *o, int64_t user_id,
                           int64_t now, struct app_error *err);
/* Prepares a draw once o has closed: everyone who came forward and is on
 * the panel, never given a place here, neither paused nor at their own
 * limit (app_limit_flag), is the pool; the targets are the
 * panel's groups of o's characteristics with a target in percent, scaled
 * to the places; with rotation, people not given a place in the panel's
 * last o->rotation drawn opportunities have priority. Works out everyone's
 * chance (LEXIMIN) and the 1,000 panels, or, when no panel can meet the
 * targets, why (the draw is recorded as impossible). After a draw, the
 * same for the places given up: a replacement from those remaining, with
 * what the kept members hold counted against the targets. 409 while a
 * draw waits for its number or when every place is taken. *draw_id: the
 * draw recorded. */
bool app_draw_prepare(struct store *s, const struct panel *p, const struct opportunity *o,
                      const struct panel_actor *actor, int64_t actor_id, int64_t now,
                      struct arena *a, int64_t *draw_id, struct app_error *err);
/* Draws d with first (and second, unless -1: the sum, modulo 1000), and
 * gives the panel with that number its places, in one transaction (409 if
 * it was drawn already). *number: the number used. */
bool app_draw_number(struct store *s, const struct opportunity *o, const struct draw *d,
                     int first, int second, const char *note, const struct panel_actor *actor,
                     int64_t actor_id, int64_t now, struct arena *a, int *number,
                     struct app_error *err);
/* Runs d again from its record: *same when it gives the same 1,000 panels.
 * False when it cannot be run (an impossible draw, a damaged record). */
bool app_draw_check(const struct draw *d, struct arena *a, bool *same);
/* What user may see of o: everyone who came forward (the caller shows
 * them only to those policy_sees_interest allows), the draws, the places;
 * and of the people in each draw's pool, only user's own chance: nobody
 * is given another person's. Reads only. */
struct opportunity_view {
	struct interest *interests;
	size_t n_interests;
	const struct interest *mine;      /* user's interest, or NULL */
	struct draw *draws;               /* oldest first */
	size_t n_draws;
	const struct draw *ready;         /* prepared, waiting for its number, or NULL */
	const struct draw *latest;        /* the last draw, or NULL */
	struct draw_person my_chance;     /* in my_draw, the last draw user was in */
	const struct draw *my_draw;       /* NULL: in none */
	struct place *places;
	size_t n_places;
	const struct place *my_place;     /* held by user now, or NULL */
	bool had_place;                   /* user was given a place, even if given up */
};
bool app_opportunity_view(struct store *s, const struct opportunity *o, int64_t user_id,
                          struct arena *a, struct opportunity_view *v, struct app_error *err);
/* Why draw d (impossible) could not be made: short_of people more were
 * needed, or the smallest change of targets that makes one possible, each
 * a characteristic's group (labels in the reader's language, or the
 * steward's words), the bound and its old and new value. */
struct draw_change {
	const struct profile_field *field;
	const char *group;
	bool own_words, is_min;
	int from, to;
};
bool app_draw_explanation(struct store *s, const struct draw *d, int64_t panel_id,
                          struct arena *a, int *short_of, struct draw_change **out, size_t *n,
                          struct app_error *err);
/* user gives up their place (409 when they hold none); giving up someone
 * else's is policy_may_give_up_for's (the caller checks). */
bool app_place_drop(struct store *s, const struct opportunity *o, int64_t user_id, int64_t now,
                    struct app_error *err);

/* ---- my limits (limits.c) ----
 * Each person sets their own limits (hours and meetings a month, places
 * in opportunities at once) and may pause themselves until a day, without
 * a reason. Nobody else is ever given the limits or the load: only
 * app_limit_flag's "has reached their own limit" or "paused", where
 * someone organises them (attendance, who came forward for an
 * opportunity), and a draw leaves them out. Months are calendar months,
 * UTC. */
enum { LIMITS_HOURS, LIMITS_MEETINGS, LIMITS_OPPORTUNITIES, LIMITS_PAUSED_UNTIL,
       LIMITS_SHARE_SIGNALS, LIMITS_INPUTS };
extern const struct input_field limits_inputs[LIMITS_INPUTS];
/* Saves user's limits from in: a limit not given is none; a pause until a
 * day already past is none. */
bool app_limits_save(struct store *s, int64_t user_id, const struct input_value *in, int64_t now,
                     struct app_error *err);
struct limits_view {
	struct member_limits limits;
	struct member_load load;       /* this month, and places held now */
	bool paused, reached;
};
/* user's own limits and load: only ever for user themself. */
bool app_limits_view(struct store *s, int64_t user_id, int64_t now, struct limits_view *v,
                     struct app_error *err);
enum limit_flag { LIMIT_NONE = 0, LIMIT_REACHED, LIMIT_PAUSED };
/* All anyone else is told: paused, has reached their own limit, or neither. */
enum limit_flag app_limit_flag(struct store *s, int64_t user_id, int64_t now);

/* Signals, to the person first, computed from what they did: over their
 * own monthly limit this month; near it (80%) three months running; a
 * run of hard sessions (the last SIGNAL_HARD_RUN_MEETINGS meetings they
 * came to each had an item with a content note); a long gap after a busy
 * time (4 or more meetings in a month, within the six months before the
 * last two, and none since). Only for user themself... */
enum { SIGNAL_OVER_LIMIT = 1, SIGNAL_NEAR_LIMIT = 2, SIGNAL_HARD_RUN = 4, SIGNAL_LONG_GAP = 8 };
enum { SIGNAL_HARD_RUN_MEETINGS = 3 };
bool app_signals(struct store *s, int64_t user_id, int64_t now, unsigned *signals,
                 struct app_error *err);
/* ...and for the stewards of their panels only when they chose to share
 * them (*shared); the caller checks policy_sees_shared_signals. */
bool app_signals_shared(struct store *s, int64_t user_id, int64_t now, bool *shared,
                        unsigned *signals, struct app_error *err);

/* ---- check-ins after hard sessions, and support (check_ins.c) ----
 * After a hard meeting (a content note on it, or on an item not left
 * out), each person recorded as attending answers a private check-in:
 * fine, "I would like someone to get in touch", or "please point me to
 * support". Only they see their answer. "Get in touch" makes a follow-up,
 * due FOLLOW_UP_HOURS later, that only the panel's support person sees
 * (policy_sees_follow_ups), who records that it was done. Each panel
 * shows its support contacts: the shipped list (src/data/
 * support-contacts.csv) until its stewards keep their own. */
enum { FOLLOW_UP_HOURS = 48 };
enum { CONTACT_NAME, CONTACT_HELPS_WITH, CONTACT_PHONE, CONTACT_TEXT_TO, CONTACT_WEB,
       CONTACT_HOURS, CONTACT_INPUTS };
extern const struct input_field contact_inputs[CONTACT_INPUTS];
enum { CHECK_IN_ANSWER, CHECK_IN_INPUTS };
extern const struct input_field check_in_inputs[CHECK_IN_INPUTS];
enum { FOLLOW_UP_NOTE, FOLLOW_UP_INPUTS };
extern const struct input_field follow_up_inputs[FOLLOW_UP_INPUTS];
enum { SUPPORT_PERSON, SUPPORT_PERSON_INPUTS };
extern const struct input_field support_person_inputs[SUPPORT_PERSON_INPUTS];

struct support_view {
	struct panel_support support;
	struct support_contact *contacts; /* the panel's own, or the shipped defaults (ids 0) */
	size_t n;
};
bool app_support_view(struct store *s, int64_t panel_id, struct arena *a,
                      struct support_view *v, struct app_error *err);
/* Adds a contact (id 0; *out_id its id) or changes the panel's contact id
 * (404 when it has none such). A panel still on the shipped list starts
 * its own from it first, in the same transaction. */
bool app_support_contact_save(struct store *s, int64_t panel_id, int64_t id,
                              const struct input_value *in, int64_t *out_id,
                              struct app_error *err);
bool app_support_contact_remove(struct store *s, int64_t panel_id, int64_t id,
                                struct app_error *err);
/* own: start the panel's own list from the shipped one (nothing changes
 * when it keeps one already); !own: drop it and show the shipped list. */
bool app_support_contacts_keep(struct store *s, int64_t panel_id, bool own,
                               struct app_error *err);
/* Names the support person (0: none, so the active stewards follow up);
 * 400 unless policy_may_be_support_person. */
bool app_support_person_set(struct store *s, int64_t panel_id, int64_t user_id,
                            struct app_error *err);

struct check_in_view {
	bool hard;                 /* the meeting touched on something hard */
	bool may;                  /* actor may answer now (over, came, not cancelled) */
	enum check_in_answer answer;
};
bool app_check_in_view(struct store *s, const struct panel_actor *actor, bool invited,
                       const struct meeting *m, int64_t user_id, int64_t now,
                       struct check_in_view *v, struct app_error *err);
/* user answers (or changes their answer to) m's check-in; "contact" makes
 * a follow-up unless one is open and tells whoever follows up, without
 * naming anyone in the notice. */
bool app_check_in(struct store *s, const struct panel_actor *actor, bool invited,
                  const struct meeting *m, int64_t user_id, enum check_in_answer answer,
                  int64_t now, struct arena *a, struct app_error *err);
/* Whether actor (user_id) follows up the panel's check-ins. */
bool app_follows_up(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                    int64_t user_id, struct arena *a, bool *yes, struct app_error *err);
/* The panel's follow-ups; 403 unless app_follows_up. */
bool app_follow_ups(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                    int64_t user_id, struct arena *a, struct follow_up **out, size_t *n,
                    struct app_error *err);
/* Records that follow-up id was done, with an optional short note; 403
 * unless app_follows_up, 404 when the panel has none such, 409 when it
 * was done already. */
bool app_follow_up_done(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                        int64_t user_id, int64_t id, const char *note, int64_t now,
                        struct arena *a, struct app_error *err);

/* ---- the safeguarding record (safeguarding.c) ----
 * A panel names its safeguarding leads (PA_MANAGE_SAFEGUARDING). Anyone on
 * it may raise a concern (part 1), and is then told only that it was
 * received. Only the leads (policy_reads_concerns) read concerns, write
 * part 2, the status and the chronology; each time they read or write one
 * it goes in the audit of reads, which they see. Concerns appear nowhere
 * else. Closed or transferred records are purged after the panel's
 * retention period (app_sg_purge), leaving a tombstone. Their texts are
 * kept sealed with the installation's sealing key (key below), which the
 * functions that write or read them take. */
enum { SG_DEFAULT_YEARS = 6 };
enum { SG_WHAT, SG_HAPPENED_ON, SG_WHO, SG_DONE, SG_CONCERN_INPUTS };
extern const struct input_field sg_concern_inputs[SG_CONCERN_INPUTS];
enum { SG_ADVICE, SG_DECISION, SG_REFERRALS, SG_STATUS, SG_VERSION, SG_PART2_INPUTS };
extern const struct input_field sg_part2_inputs[SG_PART2_INPUTS];
enum { SG_NOTE, SG_NOTE_INPUTS };
extern const struct input_field sg_note_inputs[SG_NOTE_INPUTS];
enum { SG_LEAD, SG_LEAD_INPUTS };
extern const struct input_field sg_lead_inputs[SG_LEAD_INPUTS];
enum { SG_YEARS, SG_RETENTION_INPUTS };
extern const struct input_field sg_retention_inputs[SG_RETENTION_INPUTS];

struct sg_view {
	struct sg_lead *leads;
	size_t n_leads;
	int retention_years;
	bool i_am_lead;
	int64_t *mine;          /* when the asker raised concerns here: nothing more */
	size_t n_mine;
};
bool app_sg_view(struct store *s, int64_t panel_id, int64_t user_id, struct arena *a,
                 struct sg_view *v, struct app_error *err);
/* user raises a concern on panel p from in (its day in p's zone, not in
 * the future); 409 when the panel has no lead to read it. Its leads are
 * told that there is one, in words that say nothing of it. */
bool app_sg_raise(struct store *s, const struct auth_seal_key *key, const struct panel *p,
                  int64_t user_id, const struct input_value *in, int64_t now, struct arena *a,
                  struct app_error *err);
/* The panel's concerns for a lead (403 otherwise): when raised and their
 * status only (opening one is app_sg_concern); and the purges' tombstones. */
struct sg_list {
	struct sg_concern *concerns;
	struct sg_tombstone *tombstones;
	size_t n, n_tombstones;
};
bool app_sg_concerns(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                     int64_t user_id, struct arena *a, struct sg_list *out,
                     struct app_error *err);
/* One concern, its chronology and its audit of reads, for a lead (403
 * otherwise, whether or not it exists), recording the read. A text sealed
 * with another key reads as a sentence saying so. */
struct sg_record {
	struct sg_concern concern;
	struct sg_entry *chronology, *reads;
	size_t n_chronology, n_reads;
};
bool app_sg_concern(struct store *s, const struct auth_seal_key *key,
                    const struct panel_actor *actor, int64_t panel_id, int64_t user_id,
                    int64_t id, int64_t now, struct arena *a, struct sg_record *out,
                    struct app_error *err);
/* A lead writes part 2 and the status (in's version as read: 409 when
 * someone saved since, or when part 1 was sealed with another key), or adds
 * a line to the chronology. */
bool app_sg_part2(struct store *s, const struct auth_seal_key *key,
                  const struct panel_actor *actor, int64_t panel_id, int64_t user_id,
                  int64_t id, const struct input_value *in, int64_t now, struct arena *a,
                  struct app_error *err);
bool app_sg_note(struct store *s, const struct auth_seal_key *key,
                 const struct panel_actor *actor, int64_t panel_id, int64_t user_id, int64_t id,
                 const char *text, int64_t now, struct arena *a, struct app_error *err);
/* Seals every text still in the clear (written before sealing began), in
 * batches; *sealed: how many rows it sealed; *other_key: how many rows are
 * sealed with another key than key (another server's, or an old key file),
 * which this server cannot read. False when the store or sealing failed
 * (what was sealed stays sealed). */
bool app_sg_seal_clear(struct store *s, const struct auth_seal_key *key, int64_t *sealed,
                       int64_t *other_key);
/* Names (or stops naming) a lead: any active member (400 otherwise; 404
 * when removing someone who is not one). The caller checks
 * PA_MANAGE_SAFEGUARDING. */
bool app_sg_lead_add(struct store *s, int64_t panel_id, int64_t user_id, int64_t by,
                     int64_t now, struct app_error *err);
bool app_sg_lead_remove(struct store *s, int64_t panel_id, int64_t user_id,
                        struct app_error *err);
bool app_sg_retention_set(struct store *s, int64_t panel_id, int years, struct app_error *err);
/* The scheduled purge of every panel's expired records (store_sg_purge). */
bool app_sg_purge(struct store *s, int64_t now, size_t *panels, int64_t *purged);

/* ---- how are we doing? (practice.c) ----
 * The signals of tokenism for a panel, or one of its projects (pay and
 * places are the panel's only), each with its state and figures: facts,
 * never a score. Only figures about the panel's work, none about a person;
 * a figure about answers or payments only from PRACTICE_MIN of them. The
 * caller checks PA_VIEW_WORK. */
struct practice_signal {
	enum practice_key key;
	enum practice_state state;
	struct practice_figures f;  /* felt heard: n is the later quarter (year * 4 + q);
	                             * pay: before is the target in days */
};
struct practice_view {
	int64_t project_id;
	struct project project;     /* when project_id: it (404 when not the panel's) */
	struct practice_signal signals[PS__COUNT];
	size_t n;
};
bool app_practice(struct store *s, const struct panel *p, int64_t project_id, int64_t now,
                  struct arena *a, struct practice_view *v, struct app_error *err);

/* ---- standards self-assessment (standards.c) ----
 * Each active co-creator and steward rates a project against each
 * standard of core/standards.h once a calendar quarter (the panel's
 * zone), 1 to 5, with a comment. Nobody else sees their rating; the
 * spread of a standard's ratings in a quarter, and their comments, count
 * only whole groups of REFLECTION_MIN_ANSWERS (the first by the order they
 * came in), as reflections do. Viewing is PA_VIEW_WORK (the caller's). */
enum { STD_STANDARD, STD_RATING, STD_COMMENT, STD_INPUTS };
extern const struct input_field standard_inputs[STD_INPUTS];
/* Calendar quarter of instant t in zone: year * 4 + (0..3). */
int64_t app_quarter(int64_t t, const char *zone);
struct standards_view {
	struct project project;
	int64_t quarter;                      /* this one */
	bool may_rate;                        /* PA_RATE_STANDARDS */
	struct standard_rating *mine;         /* the asker's own, latest first */
	size_t n_mine;
	struct standard_spread *spreads;      /* by standard, latest quarter first */
	size_t n_spreads;
	struct standard_comment *comments;
	size_t n_comments;
};
/* 404 when the project is not the panel's. */
bool app_standards_view(struct store *s, const struct panel_actor *actor, const struct panel *p,
                        int64_t project_id, int64_t user_id, int64_t now, struct arena *a,
                        struct standards_view *v, struct app_error *err);
/* 403 unless PA_RATE_STANDARDS; 409 when rated this quarter already. */
bool app_standard_rate(struct store *s, const struct panel_actor *actor, const struct panel *p,
                       int64_t project_id, int64_t user_id, const struct input_value *in,
                       int64_t now, struct arena *a, struct app_error *err);

/* A day number (core/civil_time.h) as JSON "YYYY-MM-DD"; null for 0, none. */
json_t *app_day_json(int64_t day);
/* A stored list of keys ",a,b," as the JSON array ["a", "b"]. */
json_t *app_keys_json(const char *list);

/* ---- funder reports (reports.c) ----
 * A report of the panel's work, or one project's, over days in the
 * panel's zone, for a funder: involvement, pay (the panel's only), what
 * became of contributions, reflections, representation as last published,
 * the ladder and the standards, and the GRIPP2 short form's sections,
 * pre-filled from the figures and edited before it is shared. Stewards
 * (PA_MANAGE_REPORTS) write, share and delete drafts and alone see them;
 * shared reports are frozen and seen by all who see the work
 * (policy_sees_report). The callers check PA_VIEW_WORK. */
enum { REPORT_TITLE, REPORT_PROJECT, REPORT_FROM, REPORT_TO, REPORT_INPUTS };
extern const struct input_field report_inputs[REPORT_INPUTS];
/* The title and the sections, in enum gripp_section's order, then the
 * version read. */
enum { REPORT_SECTION_TITLE, REPORT_SECTION_AIM, REPORT_SECTION_METHODS, REPORT_SECTION_RESULTS,
       REPORT_SECTION_CHANGES, REPORT_SECTION_REFLECTION, REPORT_SECTION_VERSION,
       REPORT_SECTION_INPUTS };
extern const struct input_field report_section_inputs[REPORT_SECTION_INPUTS];
enum { REPORT_SHARE_VERSION, REPORT_SHARE_INPUTS };
extern const struct input_field report_share_inputs[REPORT_SHARE_INPUTS];
/* The panel's reports, newest first: drafts too for those who write them. */
bool app_reports(struct store *s, const struct panel_actor *actor, const struct panel *p,
                 struct arena *a, struct funder_report **out, size_t *n, struct app_error *err);
/* A new draft, its sections pre-filled: 400 for days that do not make a
 * period that has ended (at most four years), 404 for another panel's
 * project. */
bool app_report_create(struct store *s, const struct panel_actor *actor, const struct panel *p,
                       int64_t user_id, const struct input_value *in, int64_t now,
                       struct arena *a, int64_t *id, struct app_error *err);
/* A report and its document: the JSON every door shows (docs/api.md). A
 * draft's is worked out now; a shared one's is as it was shared. 404 for
 * a draft to those who may not see drafts. The caller json_decref()s doc. */
struct report_view {
	struct funder_report report;
	json_t *doc;
	bool may_edit;       /* a draft, and PA_MANAGE_REPORTS */
};
bool app_report_view(struct store *s, const struct panel_actor *actor, const struct panel *p,
                     int64_t id, int64_t now, struct arena *a, struct report_view *v,
                     struct app_error *err);
/* A draft's title and sections, at the version read (409 when it moved on
 * or was shared). */
bool app_report_edit(struct store *s, const struct panel_actor *actor, const struct panel *p,
                     int64_t id, const struct input_value *in, int64_t now, struct arena *a,
                     struct app_error *err);
/* Shares a draft at version: its document is worked out and frozen. 409
 * when a shared report may not stand beside it (report_may_stand_together). */
bool app_report_share(struct store *s, const struct panel_actor *actor, const struct panel *p,
                      int64_t id, int64_t version, int64_t now, struct arena *a,
                      struct app_error *err);
/* Deletes a draft (404 for a shared one: it has been given out). */
bool app_report_delete(struct store *s, const struct panel_actor *actor, const struct panel *p,
                       int64_t id, struct app_error *err);

/* ---- case studies (case_studies.c) ----
 * A project written up for others to learn from (core/case_study.h).
 * Active co-creators and stewards write them (PA_WRITE_CASE_STUDIES) and
 * all who see the work read the drafts; active stewards publish them
 * (PA_PUBLISH_CASE_STUDIES) to the site's public library. A person is
 * named only once they agree, and not after they withdraw. */
enum { CASE_IN_PROJECT, CASE_IN_TITLE, CASE_IN_BRIEF, CASE_IN_PROBLEMS, CASE_IN_BACKGROUND,
       CASE_IN_ORGANISERS, CASE_IN_RECRUITMENT, CASE_IN_METHODS, CASE_IN_WHAT_HAPPENED,
       CASE_IN_INFLUENCE, CASE_IN_LESSONS, CASE_IN_ISSUES, CASE_IN_APPROACHES, CASE_IN_RUNG,
       CASE_IN_PARTICIPANTS, CASE_IN_STARTS_ON, CASE_IN_ENDS_ON, CASE_IN_VERSION, CASE_INPUTS };
extern const struct input_field case_inputs[CASE_INPUTS];
enum { CASE_PERSON_USER, CASE_PERSON_ROLE, CASE_PERSON_INPUTS };
extern const struct input_field case_person_inputs[CASE_PERSON_INPUTS];
enum { CASE_PUBLISH_VERSION, CASE_PUBLISH_PUBLISHED, CASE_PUBLISH_INPUTS };
extern const struct input_field case_publish_inputs[CASE_PUBLISH_INPUTS];
enum { CASE_NAMING_AGREE, CASE_NAMING_INPUTS };
extern const struct input_field case_naming_inputs[CASE_NAMING_INPUTS];
enum { CASE_SEARCH_Q, CASE_SEARCH_ISSUE, CASE_SEARCH_APPROACH, CASE_SEARCH_RUNG,
       CASE_SEARCH_INPUTS };
extern const struct input_field case_search_inputs[CASE_SEARCH_INPUTS];
/* The panel's, drafts included (the caller checks PA_VIEW_WORK). */
bool app_cases_of_panel(struct store *s, const struct panel *p, struct arena *a,
                        struct case_study **out, size_t *n, struct app_error *err);
/* A new draft about in's project (404 for another panel's), its problems
 * and rung taken from the project unless given. */
bool app_case_create(struct store *s, const struct panel_actor *actor, const struct panel *p,
                     int64_t user_id, const struct input_value *in, int64_t now,
                     struct arena *a, int64_t *id, struct app_error *err);
/* One case study: the panel's (p; the caller checks PA_VIEW_WORK), with
 * everyone asked to be named; or, p NULL, the public library's (published
 * only, 404 otherwise), with only those who agreed. mine: user_id's own
 * entry among those asked, or NULL. */
struct case_view {
	struct case_study c;
	struct case_person *people;
	size_t n_people;
	const struct case_person *mine;
	bool may_write, may_publish;
};
bool app_case_view(struct store *s, const struct panel_actor *actor, const struct panel *p,
                   int64_t id, int64_t user_id, struct arena *a, struct case_view *v,
                   struct app_error *err);
/* Saves every field of in at its version (fields not given are cleared;
 * 409 when someone saved since). */
bool app_case_edit(struct store *s, const struct panel_actor *actor, const struct panel *p,
                   int64_t id, const struct input_value *in, int64_t now, struct arena *a,
                   struct app_error *err);
/* Publishes (400 without a brief and some of its story) or takes back. */
bool app_case_publish(struct store *s, const struct panel_actor *actor, const struct panel *p,
                      int64_t id, int64_t version, bool publish, int64_t now, struct arena *a,
                      struct app_error *err);
/* Deletes a draft (404 for a published one). */
bool app_case_delete(struct store *s, const struct panel_actor *actor, const struct panel *p,
                     int64_t id, struct app_error *err);
/* Asks a member whether they may be named, with a notice (409 when asked
 * already, 400 for someone not on the panel). */
bool app_case_person_ask(struct store *s, const struct panel_actor *actor, const struct panel *p,
                         int64_t id, const struct input_value *in, int64_t now, struct arena *a,
                         struct app_error *err);
/* The person's own answer, which they may change (404 when not asked). */
bool app_case_person_answer(struct store *s, const struct panel *p, int64_t id, int64_t user_id,
                            bool agree, int64_t now, struct arena *a, struct app_error *err);
bool app_case_person_remove(struct store *s, const struct panel_actor *actor,
                            const struct panel *p, int64_t id, int64_t user_id,
                            struct arena *a, struct app_error *err);
/* This site's own published case studies, newest first, at most limit. */
bool app_cases_local(struct store *s, int64_t limit, struct arena *a, struct case_study **out,
                     size_t *n, struct app_error *err);
/* The public library: published case studies holding the words of q (see
 * case_search_terms), with the issue, approach and rung asked for. */
bool app_cases_search(struct store *s, const struct input_value *in, struct arena *a,
                      struct case_study **out, size_t *n, struct app_error *err);

/* ---- case studies shared between installations (case_feed.c) ----
 * This installation publishes its published case studies as a JSON Feed
 * 1.1, signed by the caller (web/learning/feed.c); site administrators add
 * other installations' feeds, with the key their about page shows, and
 * each fetch mirrors what they publish. */
enum { CASE_SOURCE_URL, CASE_SOURCE_KEY, CASE_SOURCE_INPUTS };
extern const struct input_field case_source_inputs[CASE_SOURCE_INPUTS];
/* The feed of this installation's published case studies (base: the
 * site's public address), and when any of them last changed. */
bool app_case_feed(struct store *s, const char *base, struct arena *a, json_t **doc,
                   int64_t *changed, struct app_error *err);
bool app_case_sources(struct store *s, struct arena *a, struct case_source **out, size_t *n,
                      struct app_error *err);
/* 400 for an address that is not http(s), or a key that is not 32 bytes
 * of base64; 409 when it is added already. The caller checks that the
 * asker is a site administrator. */
bool app_case_source_add(struct store *s, int64_t user_id, const struct input_value *in,
                         int64_t now, int64_t *id, struct app_error *err);
bool app_case_source_delete(struct store *s, int64_t id, struct app_error *err);
/* How a fetch went: status "" when it went well, a stored message
 * (core/lang.h, also kept on the source) when the feed was not taken, NULL
 * when the fetch could not be tried (err says why). */
struct case_fetch {
	const char *status;
	bool unchanged;        /* 304: nothing new */
	int imported, removed, skipped;
};
/* Fetches source id (at most max_bytes, within timeout_ms), checks its
 * signature against the source's key and, only then, mirrors it: every
 * item it can take is added or updated, every one it no longer has
 * removed, in one transaction. False with r->status when the feed was not
 * taken (err untouched), or with err for no such source. */
bool app_case_source_fetch(struct store *s, int64_t id, int64_t now, long timeout_ms,
                           size_t max_bytes, struct arena *a, struct case_fetch *r,
                           struct app_error *err);
/* Every source, for the care thread: how many went well and how many not. */
bool app_case_sources_fetch_all(struct store *s, int64_t now, long timeout_ms, size_t max_bytes,
                                int *ok, int *failed);
enum { CASE_FEED_TIMEOUT_MS = 10000, CASE_FEED_MAX_BYTES = 4 << 20 };

#endif
