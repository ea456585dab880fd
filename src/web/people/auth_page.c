/* Signing in and out, accepting an invitation, resetting a password, and
 * the public "about" page. Tokens arrive in the query string (never the
 * path) so that the access log, which omits queries, never records them. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "web/http/handlers.h"
#include "web/learning/cases_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"

void home_get(struct request *req)
{
	respond_redirect(req, req->user ? "/panels" : "/sign-in");
}

void about_get(struct request *req)
{
	page_begin(req, _("About emptychair"), NULL);
	html(&req->out,
	     "<h1 class=\"heading-l\">%t</h1><p>%t</p><h2 class=\"heading-m\">%t</h2>"
	     "<ul class=\"list\"><li>%t</li><li>%t</li><li>%t <a href=\"/my-data\">%t</a></li>"
	     "<li>%t</li></ul>",
	     _("About emptychair"),
	     _("emptychair helps lived experience panels work as equals: fair selection, fair pay, "
	       "agendas set by members, and seeing what became of what you said."),
	     _("Your data"),
	     _("Only your name and a way to reach you are needed. Everything else is up to you."),
	     _("You choose who sees each thing on your profile: only you, stewards, or your panel."),
	     _("You can see everything we hold about you, download it, correct it, or delete your "
	       "account, on this page:"),
	     _("My data"),
	     _("Every time someone else looks at or changes your details, it is recorded and you can "
	       "see it."));
	html(&req->out,
	     "<h2 class=\"heading-m\">%t</h2><p>%t</p><dl class=\"summary\"><div><dt>%t</dt><dd>"
	     "<a href=\"/case-studies/feed.json\"><bdi>%t/case-studies/feed.json</bdi></a></dd></div>"
	     "<div><dt>%t</dt><dd><code><bdi id=\"feed-key\">%t</bdi></code></dd></div></dl>",
	     _("This site's case studies, for other sites"),
	     _("Another site running emptychair can import the case studies published here: its "
	       "administrators add this feed with this key, and take only what this site signed."),
	     _("Feed"), req->cfg->public_url, _("Key"), feed_public_key(req));
	page_end(req);
}

static void sign_in_form(struct request *req, const struct form_errors *e, const char *email,
                         const char *next)
{
	page_begin(req, _("Sign in"), e);
	html(&req->out, "<h1 class=\"heading-l\">%t</h1>", _("Sign in"));
	ui_form_begin(req, "/sign-in");
	html(&req->out, "<input type=\"hidden\" name=\"next\" value=\"%a\">", next);
	/* A username instead, for an account made without an address. */
	ui_input(req, e, "email", _("E-mail address"),
	         _("Or your username, if you joined without an e-mail address."), email, "text",
	         "username");
	ui_input(req, e, "password", _("Password"), NULL, "", "password", "current-password");
	ui_button(req, _("Sign in"), NULL);
	ui_form_end(req);
	html(&req->out, "<p><a href=\"/forgot-password\">%t</a></p><p>%t</p>",
	     _("I have forgotten my password"),
	     _("New here? You join emptychair when a panel invites you. Ask the panel's steward "
	       "for an invitation."));
	page_end(req);
}

void sign_in_get(struct request *req)
{
	if (req->user) {
		respond_redirect(req, "/panels");
		return;
	}
	const char *next = form_get(&req->query, "next");
	sign_in_form(req, NULL, "", next ? next : "");
}

/* The browser's device token for sign-in limits (app_sign_in). */
static const char DEVICE_COOKIE[] = "ec_device";

void sign_in_post(struct request *req)
{
	struct app_error err;
	int64_t uid;
	const char *device;
	if (!app_sign_in(req->store, req->cfg->secret, field(req, "email"), field(req, "password"),
	                 req_client_address(req), req_cookie(req, DEVICE_COOKIE), req->now,
	                 &req->arena, &uid, &device, &err)) {
		if (err.status >= 500) {
			respond_app_error(req, &err);
			return;
		}
		struct form_errors e = {0};
		errors_add(&e, err.field ? err.field : "email", err.message);
		req->status = err.status;
		sign_in_form(req, &e, field(req, "email"), field(req, "next"));
		return;
	}
	if (!session_start(req, uid)) {
		respond_error(req, 500, "internal", _("We could not sign you in. Please try again."));
		return;
	}
	/* Remembers that this browser signed in to this account (a year). */
	respond_cookie(req, DEVICE_COOKIE, device, 365 * 24 * 3600);
	respond_redirect(req, safe_next(req, field(req, "next")));
}

void sign_out_post(struct request *req)
{
	session_end(req);
	page_begin(req, _("You have signed out"), NULL);
	html(&req->out, "<h1 class=\"heading-l\">%t</h1><p><a href=\"/sign-in\">%t</a></p>",
	     _("You have signed out"), _("Sign in again"));
	page_end(req);
}

/* ---- invitations ---- */

/* Who is looking at an invitation, and so what the page offers. */
enum accept_case {
	ACCEPT_NEW_ACCOUNT,     /* nobody signed in: sign in, or make an account */
	ACCEPT_AS_MEMBER,       /* signed in as the invited account */
	ACCEPT_WRONG_PERSON,    /* signed in as someone else */
};

static enum accept_case accept_case_of(struct request *req, const struct invitation *inv,
                                       int64_t account_id)
{
	/* Someone not signed in sees the same page whether or not the address
	 * has an account: whoever holds the link (the inviter too) must not
	 * learn that from it (issue 17, point 6). */
	if (!req->user) return ACCEPT_NEW_ACCOUNT;
	/* One given by hand (no address) is for whoever holds it. */
	if (!*inv->email) return ACCEPT_AS_MEMBER;
	return account_id && req->user->id == account_id ? ACCEPT_AS_MEMBER : ACCEPT_WRONG_PERSON;
}

static void accept_form(struct request *req, const struct form_errors *e, const char *token,
                        const struct invitation *inv, const struct panel *p,
                        enum accept_case kind, const char *name)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	static const char *const role_meaning[] = {
		[ROLE_GUEST] = N_("Guests are invited into the panel's space, for example to answer "
		                  "what members raise. They do not see members' profiles."),
		[ROLE_CO_CREATOR] = N_("Co-creators are the panel: they set the agenda, see every "
		                       "paper, and say how they want to take part."),
		[ROLE_STEWARD] = N_("Stewards run the panel's practical side: invitations, meetings "
		                    "and pay."),
	};
	struct user inviter;
	bool named = inv->invited_by &&
	             store_user_get(req->store, inv->invited_by, &req->arena, &inviter) == ST_OK &&
	             inviter.status == USER_ACTIVE;
	page_begin(req, _("Accept your invitation"), e);
	html(b, "<h1 class=\"heading-l\">");
	/* TRANSLATORS: %s is the panel's name */
	html_sentence(b, _("Join %s"), 1, html_bdi(a, p->name));
	html(b, "</h1><p>");
	const char *role = html_piece(a, "<strong>%t</strong>", _(role_label(inv->role)));
	if (named)
		/* TRANSLATORS: %1$s is a person's name, %2$s a role on the panel ("Co-creator") */
		html_sentence(b, _("%1$s has invited you to join as a %2$s."), 2,
		              html_bdi(a, inviter.display_name), role);
	else
		/* TRANSLATORS: %s is a role on the panel ("Co-creator") */
		html_sentence(b, _("You have been invited to join as a %s."), 1, role);
	if (inv->role >= ROLE_GUEST && inv->role <= ROLE_STEWARD)
		html(b, " %t", _(role_meaning[inv->role]));
	html(b, "</p>");
	if (*p->description) html(b, "<p dir=\"auto\">%t</p>", p->description);
	switch (kind) {
	case ACCEPT_WRONG_PERSON:
		html(b, "<p>");
		/* TRANSLATORS: %s is an e-mail address */
		html_sentence(b, _("You are signed in as %s, but this invitation is for a different "
		                   "e-mail address. Sign out, then open the invitation link again."), 1,
		              html_bdi(a, req->user->email));
		html(b, "</p>");
		ui_form_begin(req, "/sign-out");
		ui_button(req, _("Sign out"), "secondary");
		ui_form_end(req);
		page_end(req);
		return;
	case ACCEPT_AS_MEMBER:
		ui_form_begin(req, "/accept-invitation");
		html(b, "<input type=\"hidden\" name=\"t\" value=\"%a\"><p>%t</p>", token,
		     _("Accepting adds this panel to your account."));
		break;
	case ACCEPT_NEW_ACCOUNT: {
		struct buf next = {0};
		buf_puts(&next, "/accept-invitation?t=");
		url_component(&next, token);
		html(b, "<h2 class=\"heading-m\">%t</h2>"
		        "<p><a class=\"button secondary\" href=\"/sign-in?next=%u\">%t</a></p>"
		        "<h2 class=\"heading-m\">%t</h2>", _("If you already have an account here"),
		     next.data, _("Sign in to accept"), _("If you are new here"));
		buf_free(&next);
		ui_form_begin(req, "/accept-invitation");
		html(b, "<input type=\"hidden\" name=\"t\" value=\"%a\">", token);
		if (*inv->email) {
			html(b, "<p>");
			/* TRANSLATORS: %s is an e-mail address */
			html_sentence(b, _("Your account will use the address %s."), 1,
			              html_piece(a, "<strong><bdi>%t</bdi></strong>", inv->email));
			html(b, "</p>");
		} else {
			/* Given by hand, to someone with no e-mail address. */
			ui_input(req, e, "username", _("Choose a username"),
			         _("You will sign in with it. 3 to 40 letters a to z, digits, and . - or "
			           "_, for example amira.h. Write it down with your password."),
			         field(req, "username"), "text", "username");
		}
		ui_input(req, e, "display_name", _("Your name"),
		         _("The name you would like to be called. It does not have to be your legal "
		           "name."), name, "text", "name");
		ui_input(req, e, "password", _("Choose a password"),
		         _("At least 8 characters, and not a common password. A few unrelated words "
		           "together are easy to remember and hard to guess."), "", "password",
		         "new-password");
		break;
	}
	}
	ui_button(req, _("Accept and join"), NULL);
	ui_form_end(req);
	page_end(req);
}

/* Loads the invitation named by token and the id of any account already
 * using its address (0 if none); answers 404 itself when it is gone. */
static bool load_invitation(struct request *req, const char *token, struct invitation *inv,
                            struct panel *p, int64_t *account_id)
{
	char hash[AUTH_HASH_HEX + 1];
	auth_token_hash(token ? token : "", hash);
	if (store_invitation_find(req->store, hash, req->now, &req->arena, inv) != ST_OK ||
	    store_panel_get(req->store, inv->panel_id, &req->arena, p) != ST_OK) {
		respond_error(req, 404, "invitation_not_found",
		              _("This invitation link has expired or has already been used. Ask the "
		                "person who invited you to send a new one."));
		return false;
	}
	/* Read in the panel's language, unless the person chose one. */
	request_speak_for(req, p);
	struct user u;
	*account_id = store_user_by_email(req->store, inv->email, &req->arena, &u) == ST_OK ? u.id : 0;
	return true;
}

void accept_get(struct request *req)
{
	const char *token = form_get(&req->query, "t");
	struct invitation inv;
	struct panel p;
	int64_t account_id;
	if (!load_invitation(req, token, &inv, &p, &account_id)) return;
	accept_form(req, NULL, token, &inv, &p, accept_case_of(req, &inv, account_id), "");
}

void accept_post(struct request *req)
{
	const char *token = field(req, "t");
	struct invitation inv;
	struct panel p;
	int64_t account_id;
	if (!load_invitation(req, token, &inv, &p, &account_id)) return;
	enum accept_case kind = accept_case_of(req, &inv, account_id);
	struct app_error err;
	int64_t uid, panel_id;
	if (!app_accept_invitation(req->store, token, field(req, "username"), field(req, "display_name"),
	                           field(req, "password"), req->lang, req->user ? req->user->id : 0,
	                           req->now, &req->arena, &uid, &panel_id, &err)) {
		if (!err.field && kind == ACCEPT_WRONG_PERSON) {
			req->status = err.status;
			accept_form(req, NULL, token, &inv, &p, kind, "");
			return;
		}
		struct form_errors e = {0};
		if (!err.field && kind == ACCEPT_NEW_ACCOUNT && err.status < 500) {
			/* The address has an account: say so next to the form, the same
			 * page as ever (what is typed is kept, the password is not). */
			errors_add(&e, "password", err.message);
			req->status = err.status;
			accept_form(req, &e, token, &inv, &p, kind, field(req, "display_name"));
			return;
		}
		if (app_error_to_form(req, &err, &e))
			accept_form(req, &e, token, &inv, &p, kind, field(req, "display_name"));
		return;
	}
	if (kind == ACCEPT_NEW_ACCOUNT && !session_start(req, uid)) {
		respond_error(req, 500, "internal", _("Your account was made, but we could not sign "
		                                      "you in. Go to the sign-in page."));
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/profile?welcome=%lld", (long long)panel_id));
}

/* ---- password reset ---- */

void forgot_get(struct request *req)
{
	page_begin(req, _("Reset your password"), NULL);
	html(&req->out, "<h1 class=\"heading-l\">%t</h1><p>%t</p>", _("Reset your password"),
	     _("We will send a link to reset your password to your e-mail address. "
	       "No e-mail? A steward of your panel can make a one-time link for you."));
	ui_form_begin(req, "/forgot-password");
	ui_input(req, NULL, "email", _("E-mail address"), NULL, "", "email", "email");
	ui_button(req, _("Send the link"), NULL);
	ui_form_end(req);
	page_end(req);
}

void forgot_post(struct request *req)
{
	struct app_error err;
	if (!app_request_reset(req->store, req->cfg->secret, req->cfg->public_url, field(req, "email"),
	                       req_client_address(req), req->now, &req->arena, &err)) {
		respond_app_error(req, &err);
		return;
	}
	/* The same answer whether or not the address has an account; without a
	 * mail relay, messages wait in the outbox, so say so. */
	page_begin(req, _("A reset link is ready"), NULL);
	struct buf *b = &req->out;
	html(b, "<h1 class=\"heading-l\">%t</h1><p>", _("A reset link is ready"));
	/* TRANSLATORS: %s is the e-mail address someone typed */
	html_sentence(b, _("If %s has an account here, we have made a link to reset its "
	                   "password. It works for one hour."), 1,
	              html_bdi(&req->arena, field(req, "email")));
	html(b, "</p><p>%t</p>",
	     req->cfg->mail_relay
	         ? _("It is on its way to that address: look in your e-mail, and in its spam "
	             "folder. If it does not come, a steward of your panel can make a one-time link "
	             "for you.")
	         : _("This site does not send e-mail. Ask a steward of your panel: they can make "
	             "a one-time link for you."));
	page_end(req);
}

static void reset_form(struct request *req, const struct form_errors *e, const char *token)
{
	page_begin(req, _("Choose a new password"), e);
	html(&req->out, "<h1 class=\"heading-l\">%t</h1>", _("Choose a new password"));
	ui_form_begin(req, "/reset-password");
	html(&req->out, "<input type=\"hidden\" name=\"t\" value=\"%a\">", token);
	ui_input(req, e, "password", _("New password"),
	         _("At least 8 characters, and not a common password."), "", "password",
	         "new-password");
	ui_button(req, _("Save the new password"), NULL);
	ui_form_end(req);
	page_end(req);
}

void reset_get(struct request *req)
{
	const char *t = form_get(&req->query, "t");
	char hash[AUTH_HASH_HEX + 1];
	int64_t owner;
	auth_token_hash(t ? t : "", hash);
	/* Say a dead link is dead before anyone types a new password. */
	if (store_reset_find(req->store, hash, req->now, &owner) != ST_OK) {
		respond_error(req, 404, "reset_not_found",
		              _("This reset link has expired or has already been used. Ask for a new "
		                "one."));
		return;
	}
	reset_form(req, NULL, t);
}

void reset_post(struct request *req)
{
	struct app_error err;
	int64_t uid;
	if (!app_reset_password(req->store, req->cfg->secret, field(req, "t"), field(req, "password"),
	                        req->now, &req->arena, &uid, &err)) {
		struct form_errors e = {0};
		if (app_error_to_form(req, &err, &e)) reset_form(req, &e, field(req, "t"));
		return;
	}
	page_begin(req, _("Your password has changed"), NULL);
	struct buf *b = &req->out;
	html(b, "<h1 class=\"heading-l\">%t</h1><p>", _("Your password has changed"));
	/* TRANSLATORS: %s is a link reading "Sign in with your new password" */
	html_sentence(b, _("You have been signed out everywhere. %s."), 1,
	              html_link(&req->arena, "/sign-in", _("Sign in with your new password")));
	html(b, "</p>");
	page_end(req);
}
