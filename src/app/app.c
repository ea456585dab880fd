#include "app/app.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"
#include "core/text.h"

bool app_fail(struct app_error *err, int status, const char *code, const char *field,
                 const char *message)
{
	err->status = status;
	err->code = code;
	err->field = field;
	err->message = message;
	return false;
}

bool app_fail_copy(struct app_error *err, int status, const char *code, const char *field,
                   const char *message)
{
	snprintf(err->own, sizeof err->own, "%s", message);
	return app_fail(err, status, code, field, err->own);
}

/* Whether each of f[0..n)'s text fields (IN_TEXT, IN_LINE) holds what f
 * declares (text[i] for f[i]); else err names the first that does not.
 * The doors have read them the same way already (web/http/inputs.c); this
 * keeps every other caller to the rules. */
bool app_texts_fit(const struct input_field *f, const char *const *text, size_t n,
                   struct app_error *err)
{
	struct arena tmp = {0};
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		const char *problem;
		/* Choices and ids arrive parsed; texts are checked here. */
		if (f[i].kind != IN_TEXT && f[i].kind != IN_LINE) continue;
		if (!input_check_text(&f[i], text[i], &tmp, &problem)) {
			app_fail_copy(err, 400, "invalid", f[i].name, problem);
			ok = false;
		}
	}
	arena_free(&tmp);
	return ok;
}

bool app_internal(struct app_error *err)
{
	return app_fail(err, 500, "internal", NULL,
	            _("Something went wrong on our side and nothing was changed. Please try again."));
}

static char *normal_email(struct arena *a, const char *raw)
{
	char *e = text_trim(arena_strdup(a, raw ? raw : ""));
	text_lower(e);
	return e;
}

static bool check_name(const char *name, struct app_error *err)
{
	const char *problem = display_name_problem(name);
	return problem ? app_fail(err, 400, "invalid", "display_name", problem) : true;
}

/* ---- sign in ---- */

/* Rate-limit keys: keyed hashes, so neither an address nor an IP is stored. */
static void account_key(const unsigned char secret[AUTH_SECRET_BYTES], const char *email,
                        char out[AUTH_HASH_HEX + 1])
{
	auth_keyed_hash(secret, "signin-account", email, out);
}

/* A device token for email: "NONCE.MAC", the MAC a keyed hash of the
 * address and the nonce, so it is checked without storing anything. */
static const char *device_token(const unsigned char secret[AUTH_SECRET_BYTES],
                                const char *email, const char *nonce, struct arena *a)
{
	char mac[AUTH_HASH_HEX + 1];
	auth_keyed_hash(secret, "signin-device", arena_printf(a, "%s|%s", email, nonce), mac);
	return arena_printf(a, "%s.%s", nonce, mac);
}

/* The nonce of device when it is a token this server made for email. */
static const char *device_nonce(const unsigned char secret[AUTH_SECRET_BYTES], const char *email,
                                const char *device, struct arena *a)
{
	if (!device || strlen(device) != APP_DEVICE_TOKEN_CHARS || device[AUTH_TOKEN_CHARS] != '.')
		return NULL;
	const char *nonce = arena_strndup(a, device, AUTH_TOKEN_CHARS);
	if (strchr(nonce, '|')) return NULL;
	return auth_equal(device_token(secret, email, nonce, a), device) ? nonce : NULL;
}

bool app_sign_in(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                 const char *email_raw, const char *password, const char *address,
                 const char *device, int64_t now, struct arena *a, int64_t *user_id,
                 const char **device_out, struct app_error *err)
{
	*device_out = NULL;
	const char *email = normal_email(a, email_raw);
	if (!*email) return app_fail(err, 400, "invalid", "email", _("Enter your e-mail address."));
	if (!password || !*password) return app_fail(err, 400, "invalid", "password", _("Enter your password."));
	char acct_key[AUTH_HASH_HEX + 1], addr_key[AUTH_HASH_HEX + 1];
	account_key(secret, email, acct_key);
	auth_keyed_hash(secret, "signin-address", address ? address : "", addr_key);
	int64_t since = now - SIGNIN_WINDOW_SECONDS;
	/* On a device the account signed in with before, attempts count against
	 * that device alone. Elsewhere, a paused address or account is refused
	 * before anything is written or checked; otherwise the attempt is
	 * recorded against the account before the slow check, in the same
	 * statement as the count (so guesses sent in parallel cannot
	 * overshoot). Addresses count failures only, since many people may
	 * share one. A success clears the count it was made under. */
	const char *nonce = device_nonce(secret, email, device, a);
	char device_key[AUTH_HASH_HEX + 1];
	if (nonce) auth_keyed_hash(secret, "signin-device-count", nonce, device_key);
	const char *count_key = nonce ? device_key : acct_key;
	enum store_rc limited = ST_CONFLICT;
	if (nonce || store_signin_failures_since(s, addr_key, since) < SIGNIN_MAX_PER_ADDRESS)
		limited = store_signin_attempt(s, count_key, now, since, SIGNIN_MAX_PER_ACCOUNT);
	if (limited == ST_CONFLICT)
		return app_fail(err, 429, "too_many_attempts", "email",
		            _("There have been too many attempts to sign in. Wait 15 minutes and "
		              "try again."));
	if (limited != ST_OK) return app_internal(err);
	struct user u;
	enum store_rc rc = store_user_by_email(s, email, a, &u);
	const char *hash = NULL;
	if (rc == ST_OK && u.status == USER_ACTIVE)
		rc = store_user_password_hash(s, u.id, a, &hash);
	if (rc != ST_OK && rc != ST_NOT_FOUND) return app_internal(err);
	if (!auth_password_verify(hash, password) || u.status != USER_ACTIVE || rc != ST_OK) {
		if (!nonce) store_signin_failure_add(s, addr_key, now);
		store_signin_failures_prune(s, since);
		return app_fail(err, 400, "wrong_credentials", "email",
		            _("The e-mail address or password is not right."));
	}
	store_signin_failures_clear(s, count_key);
	char fresh_nonce[AUTH_TOKEN_CHARS + 1];
	auth_token_new(fresh_nonce);
	*device_out = device_token(secret, email, fresh_nonce, a);
	/* A hash made at an older cost is remade at today's, so that every
	 * account costs the same to check (and to attack). */
	char *fresh = arena_alloc(a, AUTH_PWHASH_MAX);
	if (auth_password_needs_rehash(hash) && auth_password_hash(password, fresh))
		store_user_set_password(s, u.id, fresh, now);
	/* Housekeeping rides on successful sign-ins: cheap, and often enough. */
	store_signin_failures_prune(s, since);
	store_sessions_prune(s, now);
	store_outbox_prune(s, now - INVITATION_SECONDS); /* every link in it has expired */
	*user_id = u.id;
	return true;
}

/* ---- invitations ---- */

struct invite_ctx {
	const struct panel *panel;
	const char *email;
	enum panel_role role;
	int64_t inviter_id, now, id;
	const char *hash, *link;
	struct arena *a;
};

/* The text of an invitation by e-mail to role, a message (lang_message)
 * taking the panel's name and the link: one whole message for each role,
 * so that each language words the role as its sentence needs. */
static const char *invitation_body(enum panel_role role)
{
	switch (role) {
	case ROLE_STEWARD:
		/* TRANSLATORS: an invitation by e-mail. The first %s is the panel's
		 * name, the second the link that accepts it. */
		return N_("Hello,\n\nYou have been invited to join %s on emptychair as a steward.\n\n"
		         "To accept, open this link within 14 days:\n%s\n\n"
		         "If you were not expecting this, you can ignore this message.\n");
	case ROLE_CO_CREATOR:
		/* TRANSLATORS: an invitation by e-mail. The first %s is the panel's
		 * name, the second the link that accepts it. */
		return N_("Hello,\n\nYou have been invited to join %s on emptychair as a co-creator.\n\n"
		         "To accept, open this link within 14 days:\n%s\n\n"
		         "If you were not expecting this, you can ignore this message.\n");
	default:
		/* TRANSLATORS: an invitation by e-mail. The first %s is the panel's
		 * name, the second the link that accepts it. */
		return N_("Hello,\n\nYou have been invited to join %s on emptychair as a guest.\n\n"
		         "To accept, open this link within 14 days:\n%s\n\n"
		         "If you were not expecting this, you can ignore this message.\n");
	}
}

/* The invitation and its message in the outbox. Only inserts: nothing
 * here reads what another invitation being made at once writes, so on
 * PostgreSQL (serializable) two of them never fail each other. */
static enum store_rc invite_in_tx(struct store *s, void *p)
{
	struct invite_ctx *c = p;
	enum store_rc rc = store_invitation_create(s, c->hash, c->email, c->panel->id, c->role,
	                                           c->inviter_id, c->now,
	                                           c->now + INVITATION_SECONDS, &c->id);
	if (rc != ST_OK || !*c->email) return rc; /* given by hand: no message */
	/* Kept as messages, written out in the reader's language when the
	 * mail is sent: the panel's, since they have no account yet. */
	/* TRANSLATORS: the subject of an invitation by e-mail; %s is the panel's name. */
	const char *subject = lang_message(c->a, N_("You are invited to join %s"), 1, c->panel->name);
	const char *body = lang_message(c->a, invitation_body(c->role), 2, c->panel->name, c->link);
	return store_outbox_add(s, c->email, subject, body, "invitation", c->panel->id, c->now);
}

enum store_rc app_members_find(struct store *s, int64_t panel_id, const char *query,
                               bool by_email, int64_t offset, int64_t limit, struct arena *a,
                               struct member_row **out, size_t *n, int64_t *total)
{
	if (!query || !*query)
		return store_members_page(s, panel_id, offset, limit, a, out, n, total);
	/* A panel is hundreds of people, not millions: the names are matched
	 * here, the same on both databases, rather than by each one's LIKE. */
	struct member_row *all;
	size_t count;
	enum store_rc rc = store_members_list(s, panel_id, a, &all, &count);
	if (rc != ST_OK) return rc;
	size_t kept = 0;
	for (size_t i = 0; i < count; i++)
		if (text_contains_nocase(all[i].display_name, query) ||
		    (by_email && text_contains_nocase(all[i].email, query)))
			all[kept++] = all[i];
	*total = (int64_t)kept;
	size_t from = offset < (int64_t)kept ? (size_t)offset : kept;
	*out = all + from;
	*n = kept - from < (uint64_t)limit ? kept - from : (size_t)limit;
	return ST_OK;
}

const struct input_field invite_inputs[INVITE_INPUTS] = {
	[INVITE_EMAIL] = { .name = "email", .kind = IN_LINE, .max = 254, .blank_ok = true,
	                   .missing = N_("Enter the e-mail address of the person to invite.") },
	[INVITE_ROLE] = { .name = "role", .kind = IN_CHOICE, .required = true, .choice = role_is,
	                  .missing = N_("Choose a role."),
	                  .wrong = N_("Choose co-creator, steward or guest.") },
	[INVITE_BY_HAND] = { .name = "by_hand", .kind = IN_BOOL },
};

const struct input_field member_inputs[MEMBER_INPUTS] = {
	[MEMBER_IN_ROLE] = { .name = "role", .kind = IN_CHOICE, .choice = role_is,
	                     .wrong = N_("Choose co-creator, steward or guest.") },
	[MEMBER_IN_STATUS] = { .name = "status", .kind = IN_CHOICE, .choice = status_is,
	                       .wrong = N_("Choose active, paused or removed.") },
};

bool app_invite(struct store *s, const char *public_url, int64_t inviter_id,
                const struct panel_actor *actor, const struct panel *panel, const char *email_raw,
                bool by_hand, enum panel_role role, int64_t now, struct arena *a,
                const char **link, struct app_error *err)
{
	const char *email = normal_email(a, email_raw);
	const char *texts[INVITE_INPUTS] = { [INVITE_EMAIL] = email };
	if (!app_texts_fit(invite_inputs, texts, INVITE_INPUTS, err)) return false;
	if (by_hand && *email)
		return app_fail(err, 400, "invalid", "email",
		            _("Leave the address empty for an invitation you give by hand, or untick "
		              "the box to send it by e-mail."));
	if (!by_hand && !*email)
		return app_fail(err, 400, "invalid", "email", _(invite_inputs[INVITE_EMAIL].missing));
	if (!by_hand && !email_valid(email))
		return app_fail(err, 400, "invalid", "email",
		            _("Enter an e-mail address in the right format, like name@example.org."));
	if (role == ROLE_NONE)
		return app_fail(err, 400, "invalid", "role", _(invite_inputs[INVITE_ROLE].missing));
	if (role != ROLE_GUEST && !policy_allows(actor, PA_INVITE_MEMBER))
		return app_fail(err, 403, "forbidden", "role",
		                _("Only a steward can invite co-creators and stewards."));
	struct user u;
	enum store_rc rc = by_hand ? ST_NOT_FOUND : store_user_by_email(s, email, a, &u);
	if (rc == ST_OK) {
		struct membership m, mine;
		if (store_membership_get(s, panel->id, u.id, &m) == ST_OK) {
			if (m.status == MEMBER_ACTIVE)
				return app_fail(err, 409, "already_member", "email",
				            _("This person is already on the panel."));
			/* Removed or paused by a steward: only a steward brings them back. */
			if (store_membership_get(s, panel->id, inviter_id, &mine) != ST_OK ||
			    !policy_may_readmit(mine.role, mine.status))
				return app_fail(err, 403, "steward_only", "email",
				            _("A steward ended or paused this person's place on the panel. Only a "
				              "steward can invite them back."));
		}
	} else if (rc != ST_NOT_FOUND) {
		return app_internal(err);
	}
	char token[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
	auth_token_new(token);
	auth_token_hash(token, hash);
	*link = arena_printf(a, "%s/accept-invitation?t=%s", public_url, token);
	struct invite_ctx c = { panel, email, role, inviter_id, now, 0, hash, *link, a };
	if (store_tx(s, invite_in_tx, &c) != ST_OK) return app_internal(err);
	/* Then one live invitation an address: any still pending before this
	 * one stops working. Apart, so that the read it needs never holds up
	 * the making of another; should it fail, the older link works on
	 * until it expires, which loses nothing. */
	if (!by_hand) store_invitations_revoke_email(s, panel->id, email, c.id, now);
	return true;
}

struct accept_ctx {
	struct invitation inv;
	const char *name;
	const char *login;     /* a new account's e-mail address, or username */
	const char *hash;      /* NULL when the account exists */
	const char *language;  /* a new account's: the one its invitation was read in */
	int64_t existing_id;
	int64_t now;
	int64_t user_id;
	bool ended;            /* out: refused, the place was ended after it was sent */
};

static enum store_rc accept_in_tx(struct store *s, void *p)
{
	struct accept_ctx *c = p;
	enum store_rc rc;
	int64_t uid = c->existing_id;
	if (!uid) {
		if ((rc = store_user_create(s, c->login, c->name, false, c->now, &uid)) != ST_OK)
			return rc;
		if ((rc = store_user_set_password(s, uid, c->hash, c->now)) != ST_OK) return rc;
		if ((rc = store_user_language_set(s, uid, c->language, c->now)) != ST_OK) return rc;
	}
	struct membership m;
	/* A place a steward ended or paused after this invitation was sent is
	 * not given back by it (a later invitation, from a steward, does). */
	if (store_membership_get(s, c->inv.panel_id, uid, &m) == ST_OK &&
	    (m.status == MEMBER_REMOVED || m.status == MEMBER_PAUSED)) {
		/* One given by hand was made for nobody in particular, so who may
		 * bring back someone whose place was ended or paused (app_invite
		 * asks it of an address) is asked now, of its inviter. */
		struct membership inviter;
		bool readmits = *c->inv.email ||
		                (store_membership_get(s, c->inv.panel_id, c->inv.invited_by,
		                                      &inviter) == ST_OK &&
		                 policy_may_readmit(inviter.role, inviter.status));
		if (m.updated_at > c->inv.created_at || !readmits) {
			c->ended = true;
			return ST_CONFLICT;
		}
	}
	if ((rc = store_invitation_accept(s, c->inv.id, uid, c->now)) != ST_OK) return rc;
	enum panel_role role = c->inv.role;
	/* Accepting never lowers a role someone already holds. */
	if (store_membership_get(s, c->inv.panel_id, uid, &m) == ST_OK &&
	    m.status != MEMBER_REMOVED && m.role > role)
		role = m.role;
	if ((rc = store_membership_put(s, c->inv.panel_id, uid, role, MEMBER_ACTIVE, c->now)) != ST_OK)
		return rc;
	c->user_id = uid;
	return ST_OK;
}

bool app_accept_invitation(struct store *s, const char *token, const char *username_raw,
                           const char *display_name,
                           const char *password, const struct language *language,
                           int64_t signed_in_id, int64_t now, struct arena *a,
                           int64_t *user_id, int64_t *panel_id, struct app_error *err)
{
	char hash[AUTH_HASH_HEX + 1];
	auth_token_hash(token ? token : "", hash);
	struct accept_ctx c = { .now = now, .language = language ? language->code : "" };
	enum store_rc rc = store_invitation_find(s, hash, now, a, &c.inv);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "invitation_not_found", NULL,
		            _("This invitation link has expired or has already been used. Ask the "
		              "person who invited you to send a new one."));
	if (rc != ST_OK) return app_internal(err);
	bool by_hand = !*c.inv.email;
	struct user u;
	/* Given by hand, it goes to whoever is signed in, or a new account. */
	if (by_hand) rc = signed_in_id ? store_user_get(s, signed_in_id, a, &u) : ST_NOT_FOUND;
	else rc = store_user_by_email(s, c.inv.email, a, &u);
	if (rc == ST_OK) {
		if (u.status != USER_ACTIVE)
			return app_fail(err, 403, "account_disabled", NULL,
			            _("The account for this address is switched off. Contact the panel's steward."));
		if (signed_in_id != u.id)
			return app_fail(err, 403, "sign_in_first", NULL,
			            _("This invitation is for an account that already exists. Sign in to "
			              "that account, then open the link again."));
		c.existing_id = u.id;
	} else if (rc == ST_NOT_FOUND) {
		if (signed_in_id)
			return app_fail(err, 403, "signed_in_as_someone_else", NULL,
			            _("You are signed in, but this invitation is for a different e-mail "
			              "address. Sign out, then open the link again."));
		c.login = c.inv.email;
		if (by_hand) {
			char *login = normal_email(a, username_raw);
			const char *problem = username_problem(login);
			if (problem) return app_fail(err, 400, "invalid", "username", problem);
			if (store_user_by_email(s, login, a, &u) != ST_NOT_FOUND)
				return app_fail(err, 409, "username_taken", "username",
				                _("That username is taken. Choose another."));
			c.login = login;
		}
		char *name = text_trim(arena_strdup(a, display_name ? display_name : ""));
		if (!check_name(name, err)) return false;
		const char *problem = auth_password_problem(password ? password : "");
		if (problem) return app_fail(err, 400, "weak_password", "password", problem);
		char *pwhash = arena_alloc(a, AUTH_PWHASH_MAX);
		if (!auth_password_hash(password, pwhash)) return app_internal(err);
		c.name = name;
		c.hash = pwhash;
	} else {
		return app_internal(err);
	}
	rc = store_tx(s, accept_in_tx, &c);
	if (c.ended)
		return app_fail(err, 403, "membership_ended", NULL,
		            _("A steward changed your place on this panel after this invitation was sent, "
		              "so it no longer works. Ask a steward if you would like to come back."));
	if (rc == ST_CONFLICT)
		return app_fail(err, 409, "invitation_used", NULL,
		            _("This invitation has just been used. Try signing in instead."));
	if (rc != ST_OK) return app_internal(err);
	*user_id = c.user_id;
	*panel_id = c.inv.panel_id;
	return true;
}

/* ---- passwords ---- */

struct reset_ctx {
	const char *email, *public_url, *target_key, *client_key;
	int64_t now;
	struct arena *a;
	bool client_limited;
};

static enum store_rc reset_request_in_tx(struct store *s, void *p)
{
	struct reset_ctx *c = p;
	int64_t since = c->now - SIGNIN_WINDOW_SECONDS;
	enum store_rc rc = store_signin_attempt(s, c->client_key, c->now, since, RESET_MAX_PER_CLIENT);
	if (rc == ST_CONFLICT) {
		c->client_limited = true;
		return ST_OK;
	}
	if (rc != ST_OK) return rc;
	/* Counted for every address asked about, with an account or not. */
	rc = store_signin_attempt(s, c->target_key, c->now, since, RESET_MAX_PER_TARGET);
	if (rc == ST_CONFLICT) return ST_OK; /* enough links for now: the same answer */
	if (rc != ST_OK) return rc;
	struct user u;
	rc = store_user_by_email(s, c->email, c->a, &u);
	if (rc == ST_NOT_FOUND || (rc == ST_OK && u.status != USER_ACTIVE)) return ST_OK;
	if (rc != ST_OK) return rc;
	char token[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
	auth_token_new(token);
	auth_token_hash(token, hash);
	if ((rc = store_reset_create(s, hash, u.id, c->now, c->now + RESET_SECONDS)) != ST_OK)
		return rc;
	const char *link = arena_printf(c->a, "%s/reset-password?t=%s", c->public_url, token);
	const char *body = lang_message(
		/* TRANSLATORS: a password reset by e-mail. The first %s is the person's
		 * name, the second the link that resets the password. */
		c->a, N_("Hello %s,\n\nSomeone asked to reset the password for your emptychair "
		        "account. If it was you, open this link within an hour:\n%s\n\n"
		         "If it was not you, ignore this message: your password has not changed.\n"),
		2, u.display_name, link);
	/* TRANSLATORS: the subject of a password reset by e-mail. */
	return store_outbox_add(s, c->email, lang_message(c->a, N_("Reset your emptychair password"), 0),
	                        body, "reset", 0, c->now);
}

bool app_request_reset(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                       const char *public_url, const char *email_raw, const char *address,
                       int64_t now, struct arena *a, struct app_error *err)
{
	char target_key[AUTH_HASH_HEX + 1], client_key[AUTH_HASH_HEX + 1];
	const char *email = normal_email(a, email_raw);
	auth_keyed_hash(secret, "reset-target", email, target_key);
	auth_keyed_hash(secret, "reset-client", address ? address : "", client_key);
	int64_t started = auth_clock_ns();
	struct reset_ctx c = { email, public_url, target_key, client_key, now, a, false };
	if (store_tx(s, reset_request_in_tx, &c) != ST_OK) return app_internal(err);
	/* The same least time either way: a link made takes a row or two more. */
	auth_wait_since(started, (int64_t)RESET_ANSWER_MIN_MS * 1000000);
	if (c.client_limited)
		return app_fail(err, 429, "too_many_attempts", "email",
		            _("You have asked for several links in a short time. Wait 15 minutes and "
		              "try again."));
	return true;
}

/* After a new password: every session, API token and calendar feed of
 * user_id ends (whoever had the old password keeps no way in). */
static enum store_rc end_other_access(struct store *s, int64_t user_id, int64_t now)
{
	enum store_rc rc = store_api_tokens_revoke_all(s, user_id, now);
	if (rc == ST_OK) rc = store_sessions_delete_for_user(s, user_id);
	if (rc == ST_OK) rc = store_calendar_feed_revoke(s, user_id);
	return rc == ST_NOT_FOUND ? ST_OK : rc; /* no feed */
}

bool app_user_add(struct store *s, const char *email_raw, const char *name, bool admin,
                  int64_t now, struct arena *a, int64_t *id, struct app_error *err)
{
	const char *email = normal_email(a, email_raw);
	if (!email_valid(email))
		return app_fail(err, 400, "invalid", "email", _("That is not an e-mail address."));
	const char *problem = display_name_problem(name ? name : "");
	if (problem) return app_fail(err, 400, "invalid", "name", problem);
	enum store_rc rc = store_user_create(s, email, name, admin, now, id);
	if (rc == ST_CONFLICT)
		return app_fail(err, 409, "already_exists", "email", _("That address already has an account."));
	return rc == ST_OK || app_internal(err);
}

struct active_ctx {
	int64_t user_id, now;
	bool active;
};

static enum store_rc set_active_in_tx(struct store *s, void *p)
{
	struct active_ctx *c = p;
	enum store_rc rc = store_user_set_status(s, c->user_id,
	                                         c->active ? USER_ACTIVE : USER_DISABLED, c->now);
	/* Its API tokens and calendar feed answer nobody while it is disabled
	 * (the store's rule), and work again if it is enabled. */
	if (rc == ST_OK && !c->active) rc = store_sessions_delete_for_user(s, c->user_id);
	return rc;
}

bool app_user_set_active(struct store *s, int64_t user_id, bool active, int64_t now,
                         struct app_error *err)
{
	struct active_ctx c = { user_id, now, active };
	enum store_rc rc = store_tx(s, set_active_in_tx, &c);
	if (rc == ST_NOT_FOUND) return app_fail(err, 404, "not_found", NULL, _("There is no such account."));
	return rc == ST_OK || app_internal(err);
}

/* ---- the person's language ---- */

static bool language_code_is(const char *s)
{
	return s && (!*s || (language_find(s) && !strcmp(language_find(s)->code, s)));
}

const struct input_field language_inputs[LANGUAGE_INPUTS] = {
	[LANGUAGE_IN_CODE] = { .name = "language", .kind = IN_CHOICE, .required = false,
	                       .choice = language_code_is, .blank_ok = true,
	                       .wrong = N_("Choose one of the languages listed.") },
};

bool app_language_set(struct store *s, int64_t user_id, const char *code, int64_t now,
                      struct app_error *err)
{
	if (!language_code_is(code))
		return app_fail(err, 400, "invalid", "language",
		                _(language_inputs[LANGUAGE_IN_CODE].wrong));
	enum store_rc rc = store_user_language_set(s, user_id, code, now);
	if (rc == ST_NOT_FOUND) return app_fail(err, 404, "not_found", NULL, _("There is no such account."));
	return rc == ST_OK || app_internal(err);
}

bool app_password_link(struct store *s, int64_t user_id, int64_t seconds, int64_t now,
                       char *token, struct app_error *err)
{
	char hash[AUTH_HASH_HEX + 1];
	auth_token_new(token);
	auth_token_hash(token, hash);
	return store_reset_create(s, hash, user_id, now, now + seconds) == ST_OK || app_internal(err);
}

struct link_ctx {
	const struct panel *p;
	int64_t actor_id, target_id, now;
	const char *hash, *actor_name;
	struct arena *a;
};

static enum store_rc sign_in_link_in_tx(struct store *s, void *q)
{
	struct link_ctx *c = q;
	struct user u;
	enum store_rc rc = store_user_get(s, c->target_id, c->a, &u);
	if (rc == ST_OK)
		rc = store_reset_create(s, c->hash, c->target_id, c->now, c->now + SIGN_IN_LINK_SECONDS);
	char detail[64];
	snprintf(detail, sizeof detail, "sign_in_link:%lld", (long long)c->p->id);
	if (rc == ST_OK)
		rc = store_audit_add(s, c->target_id, c->actor_id, AUDIT_CHANGE, detail, c->now);
	/* Kept as a message, written out in the reader's language. */
	const char *told = lang_message(
		/* TRANSLATORS: a notice. The first %s is the steward's name, the second
		 * the panel's name. */
		c->a, N_("%s, a steward of %s, made a one-time link for you to set a new password. It "
		         "works once, for an hour. If you did not ask for one, tell another steward or "
		         "the people who run emptychair."), 2, c->actor_name, c->p->name);
	if (rc == ST_OK) /* the message below says it by e-mail */
		rc = store_notice_add_mailed(s, c->target_id, c->p->id, told, "/my-data#audit",
		                             c->now);
	if (rc == ST_OK) {
		const char *body = lang_message(
			/* TRANSLATORS: an e-mail telling someone of a one-time link made
			 * for them. The first %s is their name, the second the steward's
			 * name, the third the panel's name. */
			c->a, N_("Hello %s,\n\n%s, a steward of %s, made a one-time link for you to set a "
			        "new password. It works once, for an hour. If you did not ask for one, "
			        "tell another steward or the people who run emptychair.\n"),
			3, u.display_name, c->actor_name, c->p->name);
		rc = store_outbox_add(s, u.email,
		                      /* TRANSLATORS: the subject of an e-mail. */
		                      lang_message(c->a, N_("A link to set a new password was made "
		                                            "for you"), 0),
		                      body, "notice", c->p->id, c->now);
	}
	return rc;
}

bool app_sign_in_link(struct store *s, const char *public_url, const struct panel_actor *actor,
                      int64_t actor_id, const struct panel *p, int64_t target_id, int64_t now,
                      struct arena *a, const char **link, struct app_error *err)
{
	struct membership m;
	struct user target, maker;
	enum store_rc rc = store_membership_get(s, p->id, target_id, &m);
	if (rc == ST_OK) rc = store_user_get(s, target_id, a, &target);
	if (rc == ST_OK) rc = store_user_get(s, actor_id, a, &maker);
	if (rc == ST_NOT_FOUND || (rc == ST_OK && m.status == MEMBER_REMOVED))
		return app_fail(err, 404, "not_found", NULL, _("This person is not on the panel."));
	if (rc != ST_OK) return app_internal(err);
	if (!policy_may_make_sign_in_link(actor, m.role, m.status, target.is_admin))
		return app_fail(err, 403, "forbidden", NULL,
		                _("A sign-in link can be made only for a co-creator or a guest, by a "
		                  "steward. Someone with more rights asks the people who run emptychair."));
	char token[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
	auth_token_new(token);
	auth_token_hash(token, hash);
	struct link_ctx c = { p, actor_id, target_id, now, hash, maker.display_name, a };
	if (store_tx(s, sign_in_link_in_tx, &c) != ST_OK) return app_internal(err);
	*link = arena_printf(a, "%s/reset-password?t=%s", public_url, token);
	return true;
}

struct password_ctx {
	const char *token_hash, *pwhash;
	int64_t now, user_id;
};

static enum store_rc reset_in_tx(struct store *s, void *p)
{
	struct password_ctx *c = p;
	enum store_rc rc = store_reset_use(s, c->token_hash, c->now, &c->user_id);
	if (rc != ST_OK) return rc;
	if ((rc = store_user_set_password(s, c->user_id, c->pwhash, c->now)) != ST_OK) return rc;
	/* Whoever had the account before the reset keeps no way in. */
	return end_other_access(s, c->user_id, c->now);
}

bool app_reset_password(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                        const char *token, const char *password, int64_t now,
                        struct arena *a, int64_t *user_id, struct app_error *err)
{
	char hash[AUTH_HASH_HEX + 1];
	auth_token_hash(token ? token : "", hash);
	int64_t owner;
	enum store_rc found = store_reset_find(s, hash, now, &owner);
	if (found == ST_NOT_FOUND)
		return app_fail(err, 404, "reset_not_found", NULL,
		            _("This reset link has expired or has already been used. Ask for a new one."));
	if (found != ST_OK) return app_internal(err);
	const char *problem = auth_password_problem(password ? password : "");
	if (problem) return app_fail(err, 400, "weak_password", "password", problem);
	char *pwhash = arena_alloc(a, AUTH_PWHASH_MAX);
	if (!auth_password_hash(password, pwhash)) return app_internal(err);
	struct password_ctx c = { hash, pwhash, now, 0 };
	enum store_rc rc = store_tx(s, reset_in_tx, &c);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "reset_not_found", NULL,
		            _("This reset link has expired or has already been used. Ask for a new one."));
	if (rc != ST_OK) return app_internal(err);
	*user_id = c.user_id;
	struct user u;
	if (store_user_get(s, c.user_id, a, &u) == ST_OK) {
		char key[AUTH_HASH_HEX + 1];
		account_key(secret, u.email, key);
		store_signin_failures_clear(s, key);
	}
	return true;
}

bool app_confirm_password(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                          const struct user *u, const char *password, const char *field,
                          const char *address, int64_t now, struct arena *a,
                          struct app_error *err)
{
	/* Its own count, per person: guesses with a stolen session are limited,
	 * and nobody outside can trip it to stop a password change. */
	char key[AUTH_HASH_HEX + 1];
	auth_keyed_hash(secret, "confirm-user", arena_printf(a, "%lld", (long long)u->id), key);
	int64_t since = now - SIGNIN_WINDOW_SECONDS;
	enum store_rc rc = store_signin_attempt(s, key, now, since, SIGNIN_MAX_PER_ACCOUNT);
	if (rc == ST_CONFLICT)
		return app_fail(err, 429, "too_many_attempts", field,
		            _("Your password was entered wrongly too many times. Wait 15 minutes and "
		              "try again."));
	if (rc != ST_OK) return app_internal(err);
	const char *hash = NULL;
	if (store_user_password_hash(s, u->id, a, &hash) != ST_OK) return app_internal(err);
	if (!auth_password_verify(hash, password ? password : ""))
		return app_fail(err, 400, "wrong_password", field, _("Your password is not right."));
	store_signin_failures_clear(s, key);
	return true;
}

static enum store_rc change_in_tx(struct store *s, void *p)
{
	struct password_ctx *c = p;
	enum store_rc rc = store_user_set_password(s, c->user_id, c->pwhash, c->now);
	return rc == ST_OK ? end_other_access(s, c->user_id, c->now) : rc;
}

bool app_change_password(struct store *s, const unsigned char secret[AUTH_SECRET_BYTES],
                         const struct user *u, const char *current, const char *password,
                         const char *address, int64_t now, struct arena *a,
                         struct app_error *err)
{
	if (!app_confirm_password(s, secret, u, current, "current_password", address, now, a, err))
		return false;
	const char *problem = auth_password_problem(password ? password : "");
	if (problem) return app_fail(err, 400, "weak_password", "password", problem);
	char *pwhash = arena_alloc(a, AUTH_PWHASH_MAX);
	if (!auth_password_hash(password, pwhash)) return app_internal(err);
	struct password_ctx c = { NULL, pwhash, now, u->id };
	if (store_tx(s, change_in_tx, &c) != ST_OK) return app_internal(err);
	return true;
}

/* ---- membership ---- */

struct membership_ctx {
	int64_t actor_id, panel_id, target_id, now;
	enum panel_role role;
	enum member_status status;
};

static enum store_rc membership_in_tx(struct store *s, void *p)
{
	struct membership_ctx *c = p;
	struct membership m;
	enum store_rc rc = store_membership_get(s, c->panel_id, c->target_id, &m);
	if (rc == ST_OK && m.status == MEMBER_REMOVED) rc = ST_NOT_FOUND;
	if (rc != ST_OK) return rc;
	if (!policy_keeps_a_steward((int)store_active_steward_count(s, c->panel_id), m.role,
	                            m.status, c->role, c->status))
		return ST_CONFLICT;
	rc = store_membership_put(s, c->panel_id, c->target_id, c->role, c->status, c->now);
	/* Invitations waiting for someone removed or paused no longer work. */
	if (rc == ST_OK && (c->status == MEMBER_REMOVED || c->status == MEMBER_PAUSED))
		rc = store_invitations_revoke_for(s, c->panel_id, c->target_id, c->now);
	if (rc != ST_OK || c->actor_id == c->target_id) return rc;
	char detail[64];
	snprintf(detail, sizeof detail, "membership:%lld", (long long)c->panel_id);
	return store_audit_add(s, c->target_id, c->actor_id, AUDIT_CHANGE, detail, c->now);
}

bool app_change_membership(struct store *s, int64_t actor_id, int64_t panel_id,
                           int64_t target_id, enum panel_role role, enum member_status status,
                           int64_t now, struct app_error *err)
{
	struct membership_ctx c = { actor_id, panel_id, target_id, now, role, status };
	enum store_rc rc = store_tx(s, membership_in_tx, &c);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL, _("This person is not on the panel."));
	if (rc == ST_CONFLICT)
		return app_fail(err, 409, "last_steward", "role",
		            _("A panel needs at least one active steward. Make someone else a "
		              "steward first."));
	if (rc != ST_OK) return app_internal(err);
	return true;
}

enum store_rc app_member_visible(struct store *s, int64_t panel_id, int64_t user_id,
                                 struct membership *out)
{
	enum store_rc rc = store_membership_get(s, panel_id, user_id, out);
	if (rc == ST_OK && out->status == MEMBER_REMOVED) rc = ST_NOT_FOUND;
	return rc;
}

bool app_member_set_responder(struct store *s, int64_t panel_id, const struct membership *m,
                              bool responder, int64_t now, struct app_error *err)
{
	if (m->role != ROLE_GUEST)
		return app_fail(err, 400, "invalid", NULL,
		                _("Only guests are named to answer: stewards always may."));
	switch (store_membership_set_responder(s, panel_id, m->user_id, responder, now)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 404, "not_found", NULL, _("This person is not on the panel."));
	default:
		return app_fail(err, 500, "internal", NULL, _("We could not save that. Nothing was changed."));
	}
}

bool app_invitation_revoke(struct store *s, int64_t panel_id, int64_t id, int64_t now,
                           struct app_error *err)
{
	switch (store_invitation_revoke(s, panel_id, id, now)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 404, "not_found", NULL,
		                _("That invitation has already been used or cancelled."));
	default: return app_fail(err, 500, "internal", NULL, _("We could not cancel the invitation."));
	}
}

/* ---- panels ---- */

const struct input_field panel_inputs[PANEL_INPUTS] = {
	[PANEL_IN_NAME] = { .name = "name", .kind = IN_LINE, .required = true, .max = 120,
	                 .missing = N_("Enter the panel's name.") },
	[PANEL_IN_DESCRIPTION] = { .name = "description", .kind = IN_TEXT, .max = 2000 },
	[PANEL_IN_TIME_ZONE] = { .name = "time_zone", .kind = IN_CHOICE, .required = true,
	                      .choice = tz_valid, .missing = N_("Enter a time zone like Europe/London."),
	                      .wrong = N_("Enter a time zone like Europe/London.") },
	[PANEL_IN_LANGUAGE] = { .name = "language", .kind = IN_LINE, .required = true, .max = 35,
	                     .missing = N_("Enter a language code like en or cy."),
	                     .wrong = N_("Enter a language code like en or cy.") },
	[PANEL_IN_ORGANISATION] = { .name = "organisation", .kind = IN_LINE, .max = 120 },
	[PANEL_IN_HOSTING] = { .name = "hosting", .kind = IN_CHOICE, .required = true,
	                    .choice = hosting_is, .missing = N_("Choose who runs the panel."),
	                    .wrong = N_("Choose who runs the panel.") },
	[PANEL_IN_RESPONSE_DAYS] = { .name = "response_days", .kind = IN_INT, .min = 1, .max = 365,
	                          .wrong = N_("Enter a number of days from 1 to 365.") },
	[PANEL_IN_AGENDA_DAYS] = { .name = "agenda_days", .kind = IN_INT, .min = 0, .max = 60,
	                        .wrong = N_("Enter a number of days from 0 to 60.") },
	[PANEL_IN_CO_CREATORS_POST] = { .name = "co_creators_post", .kind = IN_BOOL },
};

void app_panel_from_inputs(const struct input_value *in, struct panel *p)
{
	p->name = in[PANEL_IN_NAME].text;
	p->description = in[PANEL_IN_DESCRIPTION].text;
	p->time_zone = in[PANEL_IN_TIME_ZONE].text;
	p->language = in[PANEL_IN_LANGUAGE].text;
	p->organisation = in[PANEL_IN_ORGANISATION].text;
	if (!hosting_parse(in[PANEL_IN_HOSTING].text, &p->hosting)) p->hosting = HOSTING_ORGANISATION;
	/* Not given (an older form, a script): p keeps what it holds. */
	if (in[PANEL_IN_RESPONSE_DAYS].given) p->response_days = in[PANEL_IN_RESPONSE_DAYS].number;
	if (in[PANEL_IN_AGENDA_DAYS].given) p->agenda_days = in[PANEL_IN_AGENDA_DAYS].number;
	p->co_creators_post = in[PANEL_IN_CO_CREATORS_POST].given &&
	                      in[PANEL_IN_CO_CREATORS_POST].number;
}

/* Whether p's details are what panel_inputs declares. */
static bool panel_fits(const struct panel *p, struct app_error *err)
{
	const char *texts[] = { [PANEL_IN_NAME] = p->name, [PANEL_IN_DESCRIPTION] = p->description,
	                        [PANEL_IN_LANGUAGE] = p->language,
	                        [PANEL_IN_ORGANISATION] = p->organisation };
	if (!app_texts_fit(panel_inputs, texts, PANEL_INPUTS, err)) return false;
	if (!tz_valid(p->time_zone))
		return app_fail(err, 400, "invalid", "time_zone",
		                _(panel_inputs[PANEL_IN_TIME_ZONE].wrong));
	if (p->response_days < 1 || p->response_days > 365)
		return app_fail(err, 400, "invalid", "response_days",
		                _(panel_inputs[PANEL_IN_RESPONSE_DAYS].wrong));
	if (p->agenda_days < 0 || p->agenda_days > 60)
		return app_fail(err, 400, "invalid", "agenda_days",
		                _(panel_inputs[PANEL_IN_AGENDA_DAYS].wrong));
	return true;
}

bool app_panel_update(struct store *s, const struct panel *p, int64_t now, struct app_error *err)
{
	if (!panel_fits(p, err)) return false;
	switch (store_panel_update(s, p, now)) {
	case ST_OK: return true;
	case ST_CONFLICT:
		return app_fail(err, 409, "conflict", "name",
		                _("Someone else changed this panel while you were editing. Your changes "
		                  "are below and have not been saved: check them and save again."));
	default:
		return app_fail(err, 500, "internal", NULL,
		                _("We could not save the panel. Nothing was changed."));
	}
}

/* ---- profiles ---- */

/* Reads a profile filtered for the viewer and the keys shown (comma-
 * separated, in arena a; "" when none), without writing anything. */
static enum store_rc profile_read(struct store *s, int64_t viewer_id, int64_t subject_id,
                                  enum profile_scope scope, struct arena *a,
                                  struct visible_profile *out, const char **shown)
{
	memset(out, 0, sizeof *out);
	*shown = "";
	out->relation = store_relation(s, viewer_id, subject_id);
	if (!policy_can_see_person(out->relation)) return ST_NOT_FOUND;
	enum store_rc rc = store_user_get(s, subject_id, a, &out->person);
	if (rc != ST_OK) return rc;
	if (out->person.status == USER_ERASED && out->relation != REL_SELF) return ST_NOT_FOUND;
	struct profile_value *all;
	size_t n;
	if ((rc = store_profile_get(s, subject_id, a, &all, &n)) != ST_OK) return rc;
	out->values = arena_alloc(a, (n ? n : 1) * sizeof *out->values);
	struct buf seen = {0};
	for (size_t i = 0; i < n; i++) {
		const struct profile_field *f = profile_field_find(all[i].field);
		if (!f) continue; /* a retired field */
		if (scope == PROFILE_ACTIONABLE && !f->steward_actionable) continue;
		if (!policy_can_see_field(out->relation, all[i].visibility)) continue;
		out->values[out->n++] = all[i];
		if (seen.len) buf_putc(&seen, ',');
		buf_puts(&seen, all[i].field);
	}
	if (seen.len) *shown = arena_strdup(a, seen.data);
	buf_free(&seen);
	if (out->relation == REL_SELF) {
		out->consented = arena_alloc(a, profile_field_count * sizeof *out->consented);
		for (size_t i = 0; i < profile_field_count; i++)
			if (profile_fields[i].consent_purpose)
				out->consented[i] = store_consent_current(s, subject_id,
				                                          profile_fields[i].consent_purpose);
	}
	return ST_OK;
}

enum store_rc app_profile_view(struct store *s, int64_t viewer_id, int64_t subject_id,
                               enum profile_scope scope, int64_t now, struct arena *a,
                               struct visible_profile *out)
{
	const char *shown;
	enum store_rc rc = profile_read(s, viewer_id, subject_id, scope, a, out, &shown);
	if (rc == ST_OK && out->relation != REL_SELF && *shown)
		rc = store_audit_add(s, subject_id, viewer_id, AUDIT_READ, shown, now);
	return rc;
}

struct profile_ctx {
	int64_t user_id, now;
	const struct profile_edit *edits;
	const char **values;
	size_t n;
};

static enum store_rc profile_in_tx(struct store *s, void *p)
{
	struct profile_ctx *c = p;
	for (size_t i = 0; i < c->n; i++) {
		const struct profile_edit *e = &c->edits[i];
		const struct profile_field *f = profile_field_find(e->field);
		const char *value = c->values[i];
		if (f->consent_purpose) {
			bool had = store_consent_current(s, c->user_id, f->consent_purpose);
			if (had != e->consent) {
				enum store_rc rc = store_consent_add(s, c->user_id, f->consent_purpose,
				                                     PROFILE_CONSENT_WORDING, e->consent, c->now);
				/* withdrawn: which panel groups count them goes too */
				if (rc == ST_OK && !e->consent) rc = store_rep_forget(s, c->user_id, f->key);
				if (rc != ST_OK) return rc;
			}
			/* No consent, no answer kept, except a refusal to answer. */
			if (!e->consent && strcmp(value, PROFILE_PREFER_NOT)) value = "";
		}
		enum store_rc rc = store_profile_set(s, c->user_id, e->field, value, e->visibility, c->now);
		if (rc != ST_OK) return rc;
	}
	return ST_OK;
}

bool app_profile_save(struct store *s, int64_t user_id, const struct profile_edit *edits,
                      size_t n, int64_t now, struct arena *a, struct app_error *err)
{
	const char **values = arena_alloc(a, (n ? n : 1) * sizeof *values);
	for (size_t i = 0; i < n; i++) {
		const struct profile_field *f = profile_field_find(edits[i].field);
		if (!f)
			return app_fail(err, 400, "unknown_field", edits[i].field ? edits[i].field : "field",
			            _("There is no such profile field."));
		const char *why = NULL;
		if (!profile_normalise(f, edits[i].raw, a, &values[i], &why))
			return app_fail(err, 400, "invalid", f->key, why);
		/* A new answer needs its consent. Unticking a consent that was given
		 * is a withdrawal and erases the answer (profile_in_tx), whatever the
		 * form still shows. "Prefer not to say" discloses nothing and needs
		 * no consent. */
		if (f->consent_purpose && *values[i] && !edits[i].consent &&
		    strcmp(values[i], PROFILE_PREFER_NOT) &&
		    !store_consent_current(s, user_id, f->consent_purpose))
			return app_fail(err, 400, "consent_needed", f->key,
			            /* TRANSLATORS: %s is the question of a profile field. */
			            arena_printf(a, _("To keep your answer to \"%s\", agree to its use "
			                              "(tick the box). Or clear the answer."), _(f->label)));
	}
	struct profile_ctx c = { user_id, now, edits, values, n };
	if (store_tx(s, profile_in_tx, &c) != ST_OK) return app_internal(err);
	return true;
}

bool app_display_name_set(struct store *s, int64_t user_id, const char *name,
                          int64_t expected_version, int64_t now, struct app_error *err)
{
	const char *problem = display_name_problem(name);
	if (problem) return app_fail(err, 400, "invalid", "display_name", problem);
	switch (store_user_set_name(s, user_id, name, expected_version, now)) {
	case ST_OK: return true;
	case ST_CONFLICT:
		return app_fail(err, 409, "conflict", "display_name",
		                _("Your name was changed somewhere else while you were editing. Check "
		                  "your name and save again."));
	default: return app_fail(err, 500, "internal", NULL, _("We could not save your name."));
	}
}

/* ---- data rights ---- */

const char *const SAFEGUARDING_RECORDS_NOTE =
	N_("A safeguarding record may mention you: if someone raised a concern about a person's "
	   "safety, a panel's safeguarding leads keep it apart from everything else, and it is not "
	   "in this page or the download. You have the right to ask for it: write to the "
	   "organisation that runs the panel, or ask a steward who its safeguarding leads are. Some "
	   "of it may be held back if sharing it could put someone at risk.");

char *app_export_json(struct store *s, int64_t user_id, int64_t now, struct arena *a)
{
	struct user u;
	if (store_user_get(s, user_id, a, &u) != ST_OK) return NULL;
	json_t *root = json_object();
	json_object_set_new(root, "exported_at", json_integer(now));
	json_object_set_new(root, "safeguarding_records", json_string(_(SAFEGUARDING_RECORDS_NOTE)));
	json_object_set_new(root, "account", json_pack("{s:I,s:s,s:s,s:s,s:b,s:I,s:s}",
		"id", (json_int_t)u.id, "email", u.email, "display_name", u.display_name,
		"status", user_status_key(u.status), "is_admin", u.is_admin,
		"created_at", (json_int_t)u.created_at, "language", u.language));

	json_t *panels = json_array();
	struct my_panel *mp;
	size_t n;
	if (store_panels_for_user(s, user_id, a, &mp, &n) == ST_OK)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(panels, json_pack("{s:I,s:s,s:s,s:s,s:I}",
				"panel_id", (json_int_t)mp[i].panel.id, "panel", mp[i].panel.name,
				"role", role_key(mp[i].me.role), "status", status_key(mp[i].me.status),
				"joined_at", (json_int_t)mp[i].me.joined_at));
	json_object_set_new(root, "memberships", panels);

	json_t *profile = json_array();
	struct profile_value *pv;
	if (store_profile_get(s, user_id, a, &pv, &n) == ST_OK)
		for (size_t i = 0; i < n; i++) {
			const struct profile_field *f = profile_field_find(pv[i].field);
			json_array_append_new(profile, json_pack("{s:s,s:s,s:s,s:s,s:I}",
				"field", pv[i].field, "label", f ? _(f->label) : pv[i].field,
				"value", pv[i].value, "visibility", visibility_key(pv[i].visibility),
				"updated_at", (json_int_t)pv[i].updated_at));
		}
	json_object_set_new(root, "profile", profile);

	json_t *consents = json_array();
	struct consent *cs;
	if (store_consents_list(s, user_id, a, &cs, &n) == ST_OK)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(consents, json_pack("{s:s,s:s,s:s,s:I}",
				"purpose", cs[i].purpose, "wording_version", cs[i].wording_version,
				"state", cs[i].given ? "given" : "withdrawn", "at", (json_int_t)cs[i].at));
	json_object_set_new(root, "consents", consents);

	json_t *audit = json_array();
	struct audit_entry *ae;
	if (store_audit_list(s, user_id, INT32_MAX, a, &ae, &n) == ST_OK) /* all of it */
		for (size_t i = 0; i < n; i++)
			json_array_append_new(audit, json_pack("{s:s,s:s,s:s,s:I}",
				"who", ae[i].actor_name, "action", audit_action_key(ae[i].action),
				"fields", ae[i].detail, "at", (json_int_t)ae[i].at));
	json_object_set_new(root, "who_saw_or_changed_my_details", audit);

	json_t *tokens = json_array();
	struct api_token *t;
	if (store_api_tokens_list(s, user_id, a, &t, &n) == ST_OK)
		for (size_t i = 0; i < n; i++)
			json_array_append_new(tokens, json_pack("{s:s,s:I,s:I,s:I}",
				"label", t[i].label, "created_at", (json_int_t)t[i].created_at,
				"last_used_at", (json_int_t)t[i].last_used_at,
				"revoked_at", (json_int_t)t[i].revoked_at));
	json_object_set_new(root, "api_tokens", tokens);

	char *text = json_dumps(root, JSON_INDENT(2) | JSON_ESCAPE_SLASH);
	json_decref(root);
	return text;
}

struct erase_account_ctx {
	int64_t user_id, now;
	struct arena *a;
	const char **panels;
	size_t npanels;
};

static enum store_rc erase_account_in_tx(struct store *s, void *p)
{
	struct erase_account_ctx *c = p;
	enum store_rc rc = store_sole_steward_panels(s, c->user_id, c->a, &c->panels, &c->npanels);
	if (rc != ST_OK) return rc;
	if (c->npanels) return ST_CONFLICT;
	if ((rc = store_audit_add(s, c->user_id, c->user_id, AUDIT_ERASE, "account", c->now)) != ST_OK)
		return rc;
	return store_user_erase(s, c->user_id, c->now);
}

bool app_erase_account(struct store *s, int64_t user_id, int64_t now, struct arena *a,
                       struct app_error *err)
{
	struct erase_account_ctx c = { user_id, now, a, NULL, 0 };
	enum store_rc rc = store_tx(s, erase_account_in_tx, &c);
	if (rc == ST_CONFLICT && c.npanels) {
		struct buf b = {0};
		for (size_t i = 0; i < c.npanels; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", c.panels[i]);
		/* TRANSLATORS: %s is a panel's name, or several, with commas between. */
		const char *msg = arena_printf(a, _("You are the only steward of %s. Make someone else "
		                                    "a steward there first, then delete your account."),
		                               b.data);
		buf_free(&b);
		return app_fail(err, 409, "last_steward", NULL, msg);
	}
	if (rc != ST_OK) return app_internal(err);
	return true;
}

struct create_panel_ctx {
	int64_t creator_id, now, panel_id;
	const struct panel *p;
};

static enum store_rc create_panel_in_tx(struct store *s, void *p)
{
	struct create_panel_ctx *c = p;
	enum store_rc rc = store_panel_create(s, c->p, c->now, &c->panel_id);
	if (rc != ST_OK) return rc;
	return store_membership_put(s, c->panel_id, c->creator_id, ROLE_STEWARD, MEMBER_ACTIVE, c->now);
}

bool app_create_panel(struct store *s, int64_t creator_id, const struct panel *p, int64_t now,
                      int64_t *panel_id, struct app_error *err)
{
	if (!panel_fits(p, err)) return false;
	struct create_panel_ctx c = { creator_id, now, 0, p };
	if (store_tx(s, create_panel_in_tx, &c) != ST_OK) return app_internal(err);
	*panel_id = c.panel_id;
	return true;
}

struct needs_ctx {
	int64_t viewer_id, now;
	const int64_t *ids;
	const char **shown;
	size_t n;
};

static enum store_rc needs_audit_in_tx(struct store *s, void *p)
{
	struct needs_ctx *c = p;
	for (size_t i = 0; i < c->n; i++) {
		if (!c->shown[i] || !*c->shown[i]) continue;
		enum store_rc rc = store_audit_add(s, c->ids[i], c->viewer_id, AUDIT_READ,
		                                   c->shown[i], c->now);
		if (rc != ST_OK) return rc;
	}
	return ST_OK;
}

bool app_members_needs(struct store *s, int64_t viewer_id, const int64_t *member_ids,
                       size_t n, int64_t now, struct arena *a, struct visible_profile *out)
{
	/* Read everything first (inside the page's read snapshot), then write
	 * the audit entries, if any, in one transaction. */
	const char **shown = arena_alloc(a, (n ? n : 1) * sizeof *shown);
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		enum store_rc rc = profile_read(s, viewer_id, member_ids[i], PROFILE_ACTIONABLE, a,
		                                &out[i], &shown[i]);
		if (rc == ST_NOT_FOUND) memset(&out[i], 0, sizeof out[i]);
		else if (rc != ST_OK) return false;
		if (rc != ST_OK || out[i].relation == REL_SELF) shown[i] = ""; /* not someone else's read */
		any |= *shown[i] != 0;
	}
	struct needs_ctx c = { viewer_id, now, member_ids, shown, n };
	return !any || store_tx(s, needs_audit_in_tx, &c) == ST_OK;
}

json_t *app_day_json(int64_t day)
{
	if (!day) return json_null();
	int y, m, d;
	civil_date_of_day(day, &y, &m, &d);
	return json_sprintf("%04d-%02d-%02d", y, m, d);
}

json_t *app_keys_json(const char *list)
{
	json_t *arr = json_array();
	for (const char *p = list; p && *p;) {
		if (*p == ',') {
			p++;
			continue;
		}
		size_t n = strcspn(p, ",");
		json_array_append_new(arr, json_stringn(p, n));
		p += n;
	}
	return arr;
}
