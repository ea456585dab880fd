/* My data (everything held, who saw it, download, delete) and Account
 * (password, API tokens, the calendar feed's section from voice/calendar_page.c). */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

/* Personal pages have no panel; times show in the zone of the person's
 * first panel, or UTC. */
static const char *my_zone(struct request *req)
{
	struct my_panel *mp;
	size_t n;
	if (store_panels_for_user(req->store, req->user->id, &req->arena, &mp, &n) == ST_OK && n)
		return mp[0].panel.time_zone;
	return "UTC";
}

static const char *field_labels(struct request *req, const char *keys)
{
	struct buf b = {0};
	char *copy = arena_strdup(&req->arena, keys), *rest = NULL;
	for (char *k = strtok_r(copy, ",", &rest); k; k = strtok_r(NULL, ",", &rest)) {
		const struct profile_field *f = profile_field_find(k);
		int64_t panel_id;
		struct panel p;
		if (b.len) buf_puts(&b, ", ");
		if (!strncmp(k, "membership:", 11) && parse_i64(k + 11, 1, INT64_MAX, &panel_id) &&
		    store_panel_get(req->store, panel_id, &req->arena, &p) == ST_OK)
			buf_printf(&b, "Your role or status on %s", p.name);
		else if (!strncmp(k, "sign_in_link:", 13) &&
		         parse_i64(k + 13, 1, INT64_MAX, &panel_id) &&
		         store_panel_get(req->store, panel_id, &req->arena, &p) == ST_OK)
			buf_printf(&b, "A one-time link to set your password (made by a steward of %s)",
			           p.name);
		else
			buf_puts(&b, f ? f->label : k);
	}
	const char *r = arena_strdup(&req->arena, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

/* The newest entries of "who looked" shown on the page; all are in the download. */
enum { AUDIT_SHOWN = 200 };

void my_data_get(struct request *req)
{
	const char *zone = my_zone(req);
	struct visible_profile vp;
	struct my_panel *mp;
	struct consent *cs;
	struct audit_entry *ae;
	size_t np, nc, na;
	if (app_profile_view(req->store, req->user->id, req->user->id, PROFILE_ALL, req->now, &req->arena, &vp) != ST_OK ||
	    store_panels_for_user(req->store, req->user->id, &req->arena, &mp, &np) != ST_OK ||
	    store_consents_list(req->store, req->user->id, &req->arena, &cs, &nc) != ST_OK ||
	    store_audit_list(req->store, req->user->id, AUDIT_SHOWN + 1, &req->arena, &ae, &na) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load your data.");
		return;
	}
	page_begin(req, "My data", NULL);
	struct buf *b = &req->out;
	html(b, "<h1 class=\"heading-l\">My data</h1><p>Everything emptychair holds about you. "
	        "You can <a href=\"/profile\">correct your profile</a>, "
	        "<a href=\"/my-data/download\" download>download all of it as a file (JSON)</a>, "
	        "or <a href=\"/my-data/delete\">delete your account</a>.</p>");
	html(b, "<h2 class=\"heading-m\">Your account</h2><dl class=\"summary\">"
	        "<div><dt>Name</dt><dd>%t</dd></div><div><dt>E-mail address</dt><dd>%t</dd></div>"
	        "<div><dt>Joined</dt><dd>%t</dd></div></dl>",
	     req->user->display_name, req->user->email, format_time(req, req->user->created_at, zone));
	html(b, "<h2 class=\"heading-m\">Your panels</h2>");
	if (!np) html(b, "<p>None.</p>");
	else html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < np; i++)
		html(b, "<li>%t: %t (%t)</li>", mp[i].panel.name, role_label(mp[i].me.role),
		     status_label(mp[i].me.status));
	if (np) html(b, "</ul>");
	html(b, "<h2 class=\"heading-m\">Your profile</h2>");
	if (!vp.n) html(b, "<p>You have not filled in anything beyond your name.</p>");
	else html(b, "<table class=\"table\"><thead><tr><th scope=\"col\">Question</th>"
	             "<th scope=\"col\">Your answer</th><th scope=\"col\">Who can see it</th>"
	             "</tr></thead><tbody>");
	for (size_t i = 0; i < vp.n; i++) {
		const struct profile_field *f = profile_field_find(vp.values[i].field);
		html(b, "<tr><td>%t</td><td class=\"pre\" data-label=\"Your answer\">%t</td>"
		        "<td data-label=\"Who can see it\">%t</td></tr>", f->label,
		     profile_display(f, vp.values[i].value, &req->arena),
		     visibility_label(vp.values[i].visibility));
	}
	if (vp.n) html(b, "</tbody></table>");
	html(b, "<h2 class=\"heading-m\">What you have agreed to</h2>");
	if (!nc) html(b, "<p>Nothing yet.</p>");
	else html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < nc; i++) {
		const char *what = cs[i].purpose;
		for (size_t k = 0; k < profile_field_count; k++)
			if (profile_fields[k].consent_purpose && !strcmp(profile_fields[k].consent_purpose, what))
				what = arena_printf(&req->arena, "Using your answer to \"%s\" for representation",
				                    profile_fields[k].label);
		html(b, "<li>%t: %r on %t (wording %t)</li>", what, cs[i].given ? "agreed" : "withdrawn",
		     format_time(req, cs[i].at, zone), cs[i].wording_version);
	}
	if (nc) html(b, "</ul>");
	html(b, "<h2 class=\"heading-m\" id=\"audit\">Who has looked at or changed your details</h2>");
	if (!na) html(b, "<p>Nobody else has looked at your details.</p>");
	else html(b, "<table class=\"table\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th>"
	             "<th scope=\"col\">What they did</th><th scope=\"col\">Which details</th>"
	             "</tr></thead><tbody>");
	for (size_t i = 0; i < na && i < AUDIT_SHOWN; i++) {
		static const char *const verbs[] = { "Looked at", "Changed", "Downloaded", "Erased" };
		html(b, "<tr><td>%t</td><td data-label=\"Who\">%t</td><td data-label=\"What they did\">%t</td>"
		        "<td data-label=\"Which details\">%t</td></tr>",
		     format_time(req, ae[i].at, zone),
		     ae[i].actor_user_id == req->user->id ? "You" : (*ae[i].actor_name ? ae[i].actor_name
		                                                                      : "A former member"),
		     verbs[ae[i].action], field_labels(req, ae[i].detail));
	}
	if (na) html(b, "</tbody></table>");
	if (na > AUDIT_SHOWN)
		html(b, "<p>These are the newest %d. The <a href=\"/my-data/download\" download>download</a> "
		        "has every one.</p>", AUDIT_SHOWN);
	page_end(req);
}

void my_data_download(struct request *req)
{
	char *text = app_export_json(req->store, req->user->id, req->now, &req->arena);
	if (!text) {
		respond_error(req, 500, "internal", "We could not prepare your data.");
		return;
	}
	respond_json(req, 200, text);
	free(text);
	respond_header(req, "Content-Disposition", "attachment; filename=\"my-emptychair-data.json\"");
}

static void delete_page(struct request *req, const struct form_errors *e)
{
	const char **sole;
	size_t nsole = 0;
	if (store_sole_steward_panels(req->store, req->user->id, &req->arena, &sole, &nsole) != ST_OK)
		nsole = 0;
	page_begin(req, "Delete your account", e);
	if (nsole) {
		html(&req->out, "<div class=\"notice\" role=\"status\"><p>You are the only steward of ");
		for (size_t i = 0; i < nsole; i++)
			html(&req->out, "%r<strong>%t</strong>", i ? ", " : "", sole[i]);
		html(&req->out, ". Before you delete your account, make someone else a steward there, "
		                "so the panel is not left without anyone to run it.</p></div>");
	}
	html(&req->out,
	     "<a class=\"back-link\" href=\"/my-data\">Back to My data</a>"
	     "<h1 class=\"heading-l\">Delete your account</h1>"
	     "<p>This cannot be undone. If you only want a break, a steward can pause your "
	     "membership instead.</p>"
	     "<h2 class=\"heading-m\">What we erase</h2><ul class=\"list\">"
	     "<li>Your name and e-mail address</li><li>Your password and every sign-in</li>"
	     "<li>Everything on your profile</li><li>Your API tokens and invitations</li></ul>"
	     "<h2 class=\"heading-m\">What we keep, and why</h2><ul class=\"list\">"
	     "<li>A record that an account existed, with a number but no name or address, so "
	     "that panel records stay whole.</li>"
	     "<li>The history of what you agreed to and withdrew, without your name: the law "
	     "asks us to be able to show we had your agreement.</li>"
	     "<li>The record of who looked at your details, which no longer points to you.</li></ul>"
	     "<p>You may want to <a href=\"/my-data/download\" download>download your data</a> first.</p>");
	ui_form_begin(req, "/my-data/delete");
	ui_input(req, e, "password", "Your password", "To make sure it is you.", "", "password",
	         "current-password");
	ui_button(req, "Delete my account", "warning");
	ui_form_end(req);
	page_end(req);
}

void delete_account_get(struct request *req) { delete_page(req, NULL); }

void delete_account_post(struct request *req)
{
	struct app_error err;
	if (!app_confirm_password(req->store, req->cfg->secret, req->user, field(req, "password"),
	                          "password", req_client_address(req), req->now, &req->arena, &err)) {
		if (err.status >= 500) {
			respond_app_error(req, &err);
			return;
		}
		struct form_errors e = {0};
		errors_add(&e, "password", err.message);
		req->status = err.status;
		delete_page(req, &e);
		return;
	}
	if (!app_erase_account(req->store, req->user->id, req->now, &req->arena, &err)) {
		respond_app_error(req, &err);
		return;
	}
	session_end(req);
	page_begin(req, "Your account has been deleted", NULL);
	html(&req->out, "<h1 class=\"heading-l\">Your account has been deleted</h1>"
	                "<p>Thank you for taking part.</p>");
	page_end(req);
}

/* ---- account: password and API tokens ---- */

/* The account page's "Calendar feed" section; times in zone; address: a
 * feed's address just made, shown this once, or NULL. */
static void calendar_feed_section(struct request *req, const char *zone, const char *address)
{
	struct buf *b = &req->out;
	int64_t since = 0;
	enum store_rc rc = store_calendar_feed_get(req->store, req->user->id, &since);
	html(b, "<h2 class=\"heading-m\" id=\"calendar\">Calendar feed</h2>"
	        "<p>A private address you can give your calendar program (such as Outlook, "
	        "Google Calendar or your phone's calendar), so that the meetings you can see here "
	        "appear in your own calendar and stay up to date. Anyone who has the address can "
	        "see when and where those meetings are, so keep it to yourself. Making a new "
	        "address stops the old one working.</p>");
	if (address)
		html(b, "<div class=\"notice\" role=\"status\"><p>Your calendar address is shown only "
		        "once. Copy it into your calendar program now (look for \"subscribe\" or "
		        "\"add calendar from the internet\").</p><div class=\"field\"><label "
		        "class=\"label\" for=\"calendar_address\">Your calendar address</label>"
		        "<input class=\"input\" id=\"calendar_address\" type=\"text\" readonly "
		        "value=\"%a\"></div></div>", address);
	else if (form_has(&req->query, "calendar_stopped") && rc == ST_NOT_FOUND)
		html(b, "<div class=\"notice\" role=\"status\"><p>Your calendar feed has been "
		        "stopped. Its address no longer works.</p></div>");
	if (rc == ST_OK && !address)
		html(b, "<p>You have a calendar feed, made %t.</p>",
		     format_time(req, since, zone));
	else if (rc == ST_NOT_FOUND)
		html(b, "<p>You have no calendar feed.</p>");
	ui_form_begin(req, "/account/calendar");
	ui_button(req, rc == ST_OK ? "Make a new calendar address" : "Make a calendar address",
	          rc == ST_OK ? "secondary" : NULL);
	ui_form_end(req);
	if (rc == ST_OK) {
		ui_form_begin(req, "/account/calendar/revoke");
		ui_button(req, "Stop my calendar feed", "warning");
		ui_form_end(req);
	}
}

/* Which notices come by e-mail (mail_inputs); what was chosen kept when
 * the form comes back. */
static void mail_section(struct request *req, const struct form_errors *e)
{
	static const struct field_option choices[] = {
		{ "immediately", "Each one as it happens" },
		{ "daily", "A digest, at most once a day" },
		{ "none", "None: I will look on the site" }, { 0, 0 } };
	const char *chosen = "immediately";
	if (e && *field(req, "notices")) chosen = field(req, "notices");
	else store_mail_choice_get(req->store, req->user->id, &req->arena, &chosen);
	html(&req->out, "<h2 class=\"heading-m\" id=\"mail\">E-mail from emptychair</h2>");
	/* A message to them that could not be delivered: theirs to know why. */
	struct outbox_message failed;
	if (store_outbox_last_failed(req->store, req->user->email, &req->arena, &failed) == ST_OK)
		html(&req->out, "<div class=\"notice\" role=\"status\"><p>A message to you (\"%t\", "
		                "%t) could not be delivered to %t. The mail server said: %t</p><p>If "
		                "your address is wrong or no longer works, ask a steward of your panel "
		                "to help.</p></div>", failed.subject,
		     format_time(req, failed.failed_at, my_zone(req)), req->user->email,
		     failed.last_error);
	if (form_has(&req->query, "mail_saved"))
		html(&req->out, "<div class=\"notice\" role=\"status\"><p>Saved.</p></div>");
	ui_form_begin(req, "/account/mail");
	ui_choices(req, e, "notices", "Notices by e-mail",
	           "Notices tell you what became of what you said, and about meetings. "
	           "Invitations and password resets always come by e-mail. An answer to something "
	           "you said anonymously comes only in the digest, never at once.",
	           choices, chosen, false);
	ui_button(req, "Save", "secondary");
	ui_form_end(req);
}

/* calendar_address: a calendar feed's address just made, shown this once. */
static void account_page_with(struct request *req, const struct form_errors *e,
                              const char *new_token, const char *calendar_address)
{
	struct api_token *t;
	size_t n;
	if (store_api_tokens_list(req->store, req->user->id, &req->arena, &t, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load your account.");
		return;
	}
	const char *zone = my_zone(req);
	page_begin(req, "Account", e);
	struct buf *b = &req->out;
	html(b, "<h1 class=\"heading-l\">Account</h1>");
	if (form_has(&req->query, "password_changed"))
		html(b, "<div class=\"notice\" role=\"status\"><p>Your password has been changed, and "
		        "you have been signed out everywhere else.</p></div>");
	mail_section(req, e);
	html(b, "<h2 class=\"heading-m\">Change your password</h2>");
	ui_form_begin(req, "/account/password");
	ui_input(req, e, "current_password", "Current password", NULL, "", "password", "current-password");
	ui_input(req, e, "password", "New password", "At least 8 characters, and not a common password.",
	         "", "password", "new-password");
	ui_button(req, "Change password", NULL);
	ui_form_end(req);
	html(b, "<h2 class=\"heading-m\">API tokens</h2><p>For programs that use the emptychair "
	        "API on your behalf. A token can do what you can do.</p>");
	if (new_token)
		html(b, "<div class=\"notice\" role=\"status\"><p>Your new token is shown only once. "
		        "Copy it now:</p><p class=\"code\">%t</p></div>", new_token);
	if (n) html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < n; i++) {
		html(b, "<li>%t, made %t%r", t[i].label, format_time(req, t[i].created_at, zone),
		     t[i].revoked_at ? " (revoked)" : "");
		if (!t[i].revoked_at) {
			ui_form_begin(req, arena_printf(&req->arena, "/account/tokens/%lld/revoke", (long long)t[i].id));
			html(b, "<button type=\"submit\" class=\"link-button\">Revoke <span "
			        "class=\"visually-hidden\">%t</span></button>", t[i].label);
			ui_form_end(req);
		}
		html(b, "</li>");
	}
	if (n) html(b, "</ul>");
	ui_form_begin(req, "/account/tokens");
	ui_input(req, e, "label", "What the token is for", "For example: my spreadsheet.", "", "text", "off");
	ui_button(req, "Make a token", "secondary");
	ui_form_end(req);
	calendar_feed_section(req, zone, calendar_address);
	page_end(req);
}

static void account_page(struct request *req, const struct form_errors *e, const char *new_token)
{
	account_page_with(req, e, new_token, NULL);
}

static void account_page_calendar(struct request *req, const char *address)
{
	account_page_with(req, NULL, NULL, address);
}

void account_get(struct request *req) { account_page(req, NULL, NULL); }

void account_password_post(struct request *req)
{
	struct app_error err;
	if (!app_change_password(req->store, req->cfg->secret, req->user, field(req, "current_password"),
	                         field(req, "password"), req_client_address(req), req->now,
	                         &req->arena, &err)) {
		struct form_errors e = {0};
		if (app_error_to_form(req, &err, &e)) account_page(req, &e, NULL);
		return;
	}
	/* Everywhere was signed out (app_change_password); this browser gets a
	 * fresh session. */
	if (!session_start(req, req->user->id)) {
		respond_error(req, 500, "internal", "Your password was changed, but we could not sign "
		                                    "you in again. Sign in with the new password.");
		return;
	}
	respond_redirect(req, "/account?password_changed=1");
}


void token_create_post(struct request *req)
{
	char *label = text_trim(arena_strdup(&req->arena, field(req, "label")));
	char token[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
	auth_token_new(token);
	auth_token_hash(token, hash);
	int64_t id;
	struct app_error err;
	struct form_errors e = {0};
	if (!app_api_token_create(req->store, req->user->id, label, hash, req->now, &id, &err)) {
		if (!app_error_to_form(req, &err, &e)) return;
		req->status = 400;
		account_page(req, &e, NULL);
		return;
	}
	req->status = 201;
	account_page(req, NULL, token);
}

void token_revoke_post(struct request *req)
{
	struct app_error err;
	if (!app_api_token_revoke(req->store, req->user->id, req->params[0], req->now, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, "/account");
}

void calendar_create_post(struct request *req)
{
	char token[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
	auth_token_new(token);
	auth_token_hash(token, hash);
	struct app_error err;
	if (!app_calendar_feed_set(req->store, req->user->id, hash, req->now, &err)) {
		respond_app_error(req, &err);
		return;
	}
	req->status = 201;
	account_page_calendar(req, arena_printf(&req->arena, "%s%s%s.ics", req->cfg->public_url,
	                                        CALENDAR_FEED_PATH, token));
}

void calendar_revoke_post(struct request *req)
{
	struct app_error err;
	if (!app_calendar_feed_stop(req->store, req->user->id, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, "/account?calendar_stopped=1#calendar");
}

void account_mail_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[MAIL_INPUTS];
	struct app_error err;
	if (form_inputs(req, mail_inputs, MAIL_INPUTS, in, &e) &&
	    !app_mail_choice_set(req->store, req->user->id, in[MAIL_IN_NOTICES].text, req->now,
	                         &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		account_page(req, &e, NULL);
		return;
	}
	respond_redirect(req, "/account?mail_saved=1#mail");
}
