/* My data (everything held, who saw it, download, delete) and Account
 * (password, API tokens, the calendar feed's section from voice/calendar_page.c). */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
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

/* The details named by keys (comma-separated), as markup: each in the
 * reader's language, a panel's name in its own direction. */
static const char *field_labels(struct request *req, const char *keys)
{
	struct buf b = {0};
	struct arena *a = &req->arena;
	char *copy = arena_strdup(a, keys), *rest = NULL;
	for (char *k = strtok_r(copy, ",", &rest); k; k = strtok_r(NULL, ",", &rest)) {
		const struct profile_field *f = profile_field_find(k);
		int64_t panel_id;
		struct panel p;
		/* TRANSLATORS: between the items of a list */
		if (b.len) html(&b, "%t", _(", "));
		if (!strncmp(k, "membership:", 11) && parse_i64(k + 11, 1, INT64_MAX, &panel_id) &&
		    store_panel_get(req->store, panel_id, a, &p) == ST_OK)
			/* TRANSLATORS: %s is a panel's name */
			html_sentence(&b, _("Your role or status on %s"), 1, html_bdi(a, p.name));
		else if (!strncmp(k, "sign_in_link:", 13) &&
		         parse_i64(k + 13, 1, INT64_MAX, &panel_id) &&
		         store_panel_get(req->store, panel_id, a, &p) == ST_OK)
			/* TRANSLATORS: %s is a panel's name */
			html_sentence(&b, _("A one-time link to set your password (made by a steward of "
			                    "%s)"), 1, html_bdi(a, p.name));
		else
			html(&b, "%t", f ? _(f->label) : k);
	}
	const char *r = arena_strdup(a, b.data ? b.data : "");
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
		respond_error(req, 500, "internal", _("We could not load your data."));
		return;
	}
	page_begin(req, _("My data"), NULL);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<h1 class=\"heading-l\">%t</h1><p>%t ", _("My data"),
	     _("Everything emptychair holds about you."));
	/* TRANSLATORS: the three %s are links: "correct your profile", "download
	 * all of it as a file (JSON)" and "delete your account" */
	html_sentence(b, _("You can %s, %s, or %s."), 3,
	              html_link(a, "/profile", _("correct your profile")),
	              html_piece(a, "<a href=\"/my-data/download\" download>%t</a>",
	                         _("download all of it as a file (JSON)")),
	              html_link(a, "/my-data/delete", _("delete your account")));
	html(b, "</p>");
	html(b, "<h2 class=\"heading-m\">%t</h2><dl class=\"summary\">"
	        "<div><dt>%t</dt><dd><bdi>%t</bdi></dd></div>"
	        "<div><dt>%t</dt><dd><bdi>%t</bdi></dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div></dl>",
	     _("Your account"), _("Name"), req->user->display_name, _("E-mail address"),
	     req->user->email,
	     /* TRANSLATORS: when the account was made */
	     _("Joined"), format_time(req, req->user->created_at, zone),
	     /* TRANSLATORS: the language they chose for their pages and e-mail */
	     _("Language"), language_find(req->user->language) ? language_find(req->user->language)->name
	                                                        : _("No choice"));
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("Your panels"));
	if (!np) html(b, "<p>%t</p>", _("None."));
	else html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < np; i++)
		html(b, "<li><bdi>%t</bdi>: %t (%t)</li>", mp[i].panel.name,
		     _(role_label(mp[i].me.role)), _(status_label(mp[i].me.status)));
	if (np) html(b, "</ul>");
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("Your profile"));
	const char *answer = _("Your answer"), *who_sees = _("Who can see it");
	if (!vp.n) html(b, "<p>%t</p>", _("You have not filled in anything beyond your name."));
	else html(b, "<table class=\"table\"><thead><tr><th scope=\"col\">%t</th>"
	             "<th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	             "</tr></thead><tbody>", _("Question"), answer, who_sees);
	for (size_t i = 0; i < vp.n; i++) {
		const struct profile_field *f = profile_field_find(vp.values[i].field);
		html(b, "<tr><td>%t</td><td class=\"pre\" data-label=\"%a\" dir=\"auto\">%t</td>"
		        "<td data-label=\"%a\">%t</td></tr>", _(f->label), answer,
		     profile_display(f, vp.values[i].value, a), who_sees,
		     _(visibility_label(vp.values[i].visibility)));
	}
	if (vp.n) html(b, "</tbody></table>");
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("What you have agreed to"));
	if (!nc) html(b, "<p>%t</p>", _("Nothing yet."));
	else html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < nc; i++) {
		const char *what = cs[i].purpose;
		for (size_t k = 0; k < profile_field_count; k++)
			if (profile_fields[k].consent_purpose && !strcmp(profile_fields[k].consent_purpose, what))
				/* TRANSLATORS: %s is a question of the profile, like "Age" */
				what = arena_printf(a, _("Using your answer to \"%s\" for representation"),
				                    _(profile_fields[k].label));
		/* TRANSLATORS: %1$s is what was agreed to, %2$s when, %3$s the version of
		 * the words agreed to */
		html(b, "<li>%t</li>", arena_printf(a, cs[i].given ? _("%s: agreed on %s (wording %s)")
		                                                   : _("%s: withdrawn on %s (wording %s)"),
		                                    what, format_time(req, cs[i].at, zone),
		                                    cs[i].wording_version));
	}
	if (nc) html(b, "</ul>");
	html(b, "<h2 class=\"heading-m\" id=\"audit\">%t</h2>",
	     _("Who has looked at or changed your details"));
	const char *who = _("Who"), *did = _("What they did"), *which = _("Which details");
	if (!na) html(b, "<p>%t</p>", _("Nobody else has looked at your details."));
	else html(b, "<table class=\"table\"><thead><tr><th scope=\"col\">%t</th>"
	             "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	             "</tr></thead><tbody>", _("When"), who, did, which);
	for (size_t i = 0; i < na && i < AUDIT_SHOWN; i++) {
		static const char *const verbs[] = { N_("Looked at"), N_("Changed"), N_("Downloaded"),
		                                     N_("Erased") };
		html(b, "<tr><td>%t</td><td data-label=\"%a\">%r</td><td data-label=\"%a\">%t</td>"
		        "<td data-label=\"%a\">%r</td></tr>",
		     format_time(req, ae[i].at, zone), who,
		     ae[i].actor_user_id == req->user->id
		     ? html_piece(a, "%t", _("You"))
		     : *ae[i].actor_name ? html_bdi(a, ae[i].actor_name)
		                         : html_piece(a, "%t", _("A former member")),
		     did, _(verbs[ae[i].action]), which, field_labels(req, ae[i].detail));
	}
	if (na) html(b, "</tbody></table>");
	if (na > AUDIT_SHOWN) {
		html(b, "<p>%t ", arena_printf(a, ngettext("These are the newest %d.",
		                                           "These are the newest %d.", AUDIT_SHOWN),
		                               AUDIT_SHOWN));
		/* TRANSLATORS: %s is a link reading "download" */
		html_sentence(b, _("The %s has every one."), 1,
		              html_piece(a, "<a href=\"/my-data/download\" download>%t</a>",
		                         /* TRANSLATORS: the file of all one's data */
		                         _("download")));
		html(b, "</p>");
	}
	html(b, "<h2 class=\"heading-m\" id=\"safeguarding\">%t</h2><p>%t</p>",
	     _("Safeguarding records"), _(SAFEGUARDING_RECORDS_NOTE));
	page_end(req);
}

void my_data_download(struct request *req)
{
	char *text = app_export_json(req->store, req->user->id, req->now, &req->arena);
	if (!text) {
		respond_error(req, 500, "internal", _("We could not prepare your data."));
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
	page_begin(req, _("Delete your account"), e);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	if (nsole) {
		struct buf names = {0};
		for (size_t i = 0; i < nsole; i++)
			html(&names, "%t<strong><bdi>%t</bdi></strong>", i ? _(", ") : "", sole[i]);
		html(b, "<div class=\"notice\" role=\"status\"><p>");
		/* TRANSLATORS: %s is the names of one or more panels */
		html_sentence(b, _("You are the only steward of %s. Before you delete your account, "
		                   "make someone else a steward there, so the panel is not left "
		                   "without anyone to run it."), 1, names.data);
		html(b, "</p></div>");
		buf_free(&names);
	}
	html(b, "<a class=\"back-link\" href=\"/my-data\">%t</a>"
	        "<h1 class=\"heading-l\">%t</h1><p>%t</p>"
	        "<h2 class=\"heading-m\">%t</h2><ul class=\"list\">"
	        "<li>%t</li><li>%t</li><li>%t</li><li>%t</li></ul>"
	        "<h2 class=\"heading-m\">%t</h2><ul class=\"list\">"
	        "<li>%t</li><li>%t</li><li>%t</li><li>%t</li></ul><p>",
	     _("Back to My data"), _("Delete your account"),
	     _("This cannot be undone. If you only want a break, a steward can pause your "
	       "membership instead."),
	     _("What we erase"), _("Your name and e-mail address"), _("Your password and every sign-in"),
	     _("Everything on your profile"), _("Your API tokens and invitations"),
	     _("What we keep, and why"),
	     _("A record that an account existed, with a number but no name or address, so "
	       "that panel records stay whole."),
	     _("The history of what you agreed to and withdrew, without your name: the law "
	       "asks us to be able to show we had your agreement."),
	     _("The record of who looked at your details, which no longer points to you."),
	     _("Safeguarding records that mention you, kept by a panel's safeguarding leads for "
	       "as long as its retention period says."));
	/* TRANSLATORS: %s is a link reading "download your data" */
	html_sentence(b, _("You may want to %s first."), 1,
	              html_piece(a, "<a href=\"/my-data/download\" download>%t</a>",
	                         _("download your data")));
	html(b, "</p>");
	ui_form_begin(req, "/my-data/delete");
	ui_input(req, e, "password", _("Your password"), _("To make sure it is you."), "", "password",
	         "current-password");
	ui_button(req, _("Delete my account"), "warning");
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
	page_begin(req, _("Your account has been deleted"), NULL);
	html(&req->out, "<h1 class=\"heading-l\">%t</h1><p>%t</p>",
	     _("Your account has been deleted"), _("Thank you for taking part."));
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
	html(b, "<h2 class=\"heading-m\" id=\"calendar\">%t</h2><p>%t</p>", _("Calendar feed"),
	     _("A private address you can give your calendar program (such as Outlook, "
	       "Google Calendar or your phone's calendar), so that the meetings you can see here "
	       "appear in your own calendar and stay up to date. Anyone who has the address can "
	       "see when and where those meetings are, so keep it to yourself. Making a new "
	       "address stops the old one working."));
	if (address)
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p><div class=\"field\"><label "
		        "class=\"label\" for=\"calendar_address\">%t</label>"
		        "<input class=\"input\" id=\"calendar_address\" type=\"text\" readonly "
		        "value=\"%a\"></div></div>",
		     /* TRANSLATORS: "subscribe" and "add calendar from the internet" are
		      * what calendar programs call it: use their words in your language */
		     _("Your calendar address is shown only once. Copy it into your calendar program "
		       "now (look for \"subscribe\" or \"add calendar from the internet\")."),
		     _("Your calendar address"), address);
	else if (form_has(&req->query, "calendar_stopped") && rc == ST_NOT_FOUND)
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("Your calendar feed has been stopped. Its address no longer works."));
	if (rc == ST_OK && !address)
		/* TRANSLATORS: %s is a date and time */
		html(b, "<p>%t</p>", arena_printf(&req->arena, _("You have a calendar feed, made %s."),
		                                  format_time(req, since, zone)));
	else if (rc == ST_NOT_FOUND)
		html(b, "<p>%t</p>", _("You have no calendar feed."));
	ui_form_begin(req, "/account/calendar");
	ui_button(req, rc == ST_OK ? _("Make a new calendar address") : _("Make a calendar address"),
	          rc == ST_OK ? "secondary" : NULL);
	ui_form_end(req);
	if (rc == ST_OK) {
		ui_form_begin(req, "/account/calendar/revoke");
		ui_button(req, _("Stop my calendar feed"), "warning");
		ui_form_end(req);
	}
}

/* Which notices come by e-mail (mail_inputs); what was chosen kept when
 * the form comes back. */
static void mail_section(struct request *req, const struct form_errors *e)
{
	static const struct field_option choices[] = {
		{ "immediately", N_("Each one as it happens") },
		{ "daily", N_("A digest, at most once a day") },
		{ "none", N_("None: I will look on the site") }, { 0, 0 } };
	const char *chosen = "immediately";
	if (e && *field(req, "notices")) chosen = field(req, "notices");
	else store_mail_choice_get(req->store, req->user->id, &req->arena, &chosen);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<h2 class=\"heading-m\" id=\"mail\">%t</h2>", _("E-mail from emptychair"));
	/* A message to them that could not be delivered: theirs to know why. */
	struct outbox_message failed;
	if (store_outbox_last_failed(req->store, req->user->email, a, &failed) == ST_OK) {
		failed.subject = lang_message_text(a, failed.subject);
		html(b, "<div class=\"notice\" role=\"status\"><p>");
		/* TRANSLATORS: %1$s is the message's subject, %2$s when it was given up,
		 * %3$s an e-mail address, %4$s what the mail server said (in English) */
		html_sentence(b, _("A message to you (\"%s\", %s) could not be delivered to %s. The "
		                   "mail server said: %s"), 4, html_bdi(a, failed.subject),
		              html_piece(a, "%t", format_time(req, failed.failed_at, my_zone(req))),
		              html_bdi(a, req->user->email), html_bdi(a, failed.last_error));
		html(b, "</p><p>%t</p></div>",
		     _("If your address is wrong or no longer works, ask a steward of your panel "
		       "to help."));
	}
	if (form_has(&req->query, "mail_saved"))
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>", _("Saved."));
	ui_form_begin(req, "/account/mail");
	ui_choices(req, e, "notices", _("Notices by e-mail"),
	           _("Notices tell you what became of what you said, and about meetings. "
	             "Invitations and password resets always come by e-mail. An answer to "
	             "something you said anonymously comes only in the digest, never at once."),
	           choices, chosen, false);
	ui_button(req, _("Save"), "secondary");
	ui_form_end(req);
}

/* The language of their pages and mail (language_inputs): each named in
 * itself, in its own language. */
static void language_section(struct request *req, const struct form_errors *e)
{
	struct buf *b = &req->out;
	const char *chosen = e && form_has(&req->form, "language") ? field(req, "language")
	                                                           : req->user->language;
	html(b, "<h2 class=\"heading-m\" id=\"language\">%t</h2>", _("Language"));
	if (form_has(&req->query, "language_saved"))
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>", _("Saved."));
	ui_form_begin(req, "/account/language");
	const char *err = errors_for(e, "language");
	html(b, "<div class=\"field%r\"><label class=\"label\" for=\"language\">%t</label>"
	        "<div class=\"hint\" id=\"language-hint\">%t</div>",
	     err ? " field-error" : "", _("The language of your pages and your e-mail"),
	     _("Without a choice, pages are in your panel's language, or your browser's, and "
	       "e-mail in your panel's."));
	if (err)
		html(b, "<p class=\"error-message\" id=\"language-error\"><span class=\"visually-hidden\">"
		        "%t</span> %t</p>", _("Error:"), err);
	html(b, "<select class=\"select\" id=\"language\" name=\"language\" "
	        "aria-describedby=\"language-hint%r\"><option value=\"\"%r>%t</option>",
	     err ? " language-error" : "", *chosen ? "" : " selected", _("No choice"));
	for (int i = 0; i < LANGUAGES; i++)
		html(b, "<option value=\"%a\" lang=\"%a\" dir=\"%r\"%r>%t</option>", languages[i].code,
		     languages[i].code, language_dir(&languages[i]),
		     strcmp(chosen, languages[i].code) ? "" : " selected", languages[i].name);
	html(b, "</select></div>");
	ui_button(req, _("Save"), "secondary");
	ui_form_end(req);
}

/* calendar_address: a calendar feed's address just made, shown this once. */
static void account_page_with(struct request *req, const struct form_errors *e,
                              const char *new_token, const char *calendar_address)
{
	struct api_token *t;
	size_t n;
	if (store_api_tokens_list(req->store, req->user->id, &req->arena, &t, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load your account."));
		return;
	}
	const char *zone = my_zone(req);
	page_begin(req, _("Account"), e);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<h1 class=\"heading-l\">%t</h1>", _("Account"));
	if (form_has(&req->query, "password_changed"))
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("Your password has been changed, and you have been signed out everywhere "
		       "else."));
	language_section(req, e);
	mail_section(req, e);
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("Change your password"));
	ui_form_begin(req, "/account/password");
	ui_input(req, e, "current_password", _("Current password"), NULL, "", "password",
	         "current-password");
	ui_input(req, e, "password", _("New password"),
	         _("At least 8 characters, and not a common password."), "", "password",
	         "new-password");
	ui_button(req, _("Change password"), NULL);
	ui_form_end(req);
	html(b, "<h2 class=\"heading-m\">%t</h2><p>%t</p>", _("API tokens"),
	     _("For programs that use the emptychair API on your behalf. A token can do what you "
	       "can do."));
	if (new_token)
		/* The token in its own direction (dir="auto"), around the paragraph
		 * that scripts read it from. */
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p><div dir=\"auto\">"
		        "<p class=\"code\">%t</p></div></div>",
		     _("Your new token is shown only once. Copy it now:"), new_token);
	if (n) html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < n; i++) {
		const char *made = html_piece(a, "%t", format_time(req, t[i].created_at, zone));
		html(b, "<li>");
		/* TRANSLATORS: %1$s is what a token is for (its owner's words), %2$s a
		 * date and time */
		html_sentence(b, t[i].revoked_at ? _("%s, made %s (revoked)") : _("%s, made %s"), 2,
		              html_bdi(a, t[i].label), made);
		if (!t[i].revoked_at) {
			ui_form_begin(req, arena_printf(a, "/account/tokens/%lld/revoke", (long long)t[i].id));
			html(b, "<button type=\"submit\" class=\"link-button\">");
			/* TRANSLATORS: a button; %s is what the token is for, read only by
			 * screen readers */
			html_sentence(b, _("Revoke %s"), 1,
			              html_piece(a, "<span class=\"visually-hidden\"><bdi>%t</bdi></span>",
			                         t[i].label));
			html(b, "</button>");
			ui_form_end(req);
		}
		html(b, "</li>");
	}
	if (n) html(b, "</ul>");
	ui_form_begin(req, "/account/tokens");
	ui_input(req, e, "label", _("What the token is for"), _("For example: my spreadsheet."), "",
	         "text", "off");
	ui_button(req, _("Make a token"), "secondary");
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
		respond_error(req, 500, "internal", _("Your password was changed, but we could not sign "
		                                      "you in again. Sign in with the new password."));
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

void account_language_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[LANGUAGE_INPUTS];
	struct app_error err;
	if (form_inputs(req, language_inputs, LANGUAGE_INPUTS, in, &e) &&
	    !app_language_set(req->store, req->user->id, in[LANGUAGE_IN_CODE].text, req->now, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		account_page(req, &e, NULL);
		return;
	}
	/* This browser's switcher would win over the choice: it follows it. */
	respond_language_cookie(req, language_find(in[LANGUAGE_IN_CODE].text));
	respond_redirect(req, "/account?language_saved=1#language");
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
