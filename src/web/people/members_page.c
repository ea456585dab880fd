/* A panel's members: the list, invitations, one member's profile as the
 * viewer may see it, and a steward's changes of role and status. */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/people/people_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"

static const struct field_option member_roles[] = {
	{ "co_creator", N_("Co-creator") }, { "steward", N_("Steward") }, { "guest", N_("Guest") },
	{ 0, 0 } };
static const struct field_option guest_only[] = { { "guest", N_("Guest") }, { 0, 0 } };

static void members_page(struct request *req, const struct form_errors *e, const char *email,
                         const char *role, const char *new_link)
{
	const struct panel *p = req->panel;
	bool manage = policy_allows(&req->actor, PA_MANAGE_MEMBERS);
	bool list = policy_allows(&req->actor, PA_LIST_MEMBERS);
	bool invite_members = policy_allows(&req->actor, PA_INVITE_MEMBER);
	bool invite_guests = policy_allows(&req->actor, PA_INVITE_GUEST);
	if (!list && !invite_guests) {
		respond_error(req, 403, "forbidden",
		              _("Your role on this panel does not let you see this."));
		return;
	}
	/* Fifty to a page: a steward's list shows (and audits) each member's
	 * shared needs, which must not grow with the size of the panel. */
	enum { PER_PAGE = 50 };
	int64_t page = 1, total = 0;
	const char *page_arg = form_get(&req->query, "page");
	if (page_arg && !parse_i64(page_arg, 1, 1000000, &page)) {
		respond_error(req, 400, "bad_query", _("The page number is not right."));
		return;
	}
	/* ?q= finds people by name (a steward also by e-mail address). */
	const char *q = form_get(&req->query, "q");
	q = q ? text_trim(arena_strdup(&req->arena, q)) : "";
	if (utf8_length(q) > 100 || !utf8_valid(q, strlen(q))) {
		respond_error(req, 400, "bad_query", _("Search for up to 100 characters of a name."));
		return;
	}
	struct member_row *rows = NULL;
	size_t n = 0;
	if (list && app_members_find(req->store, p->id, q, manage, (page - 1) * PER_PAGE, PER_PAGE,
	                             &req->arena, &rows, &n, &total) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the members."));
		return;
	}
	int64_t pages = (total + PER_PAGE - 1) / PER_PAGE;
	struct visible_profile *needs = NULL;
	if (manage && n) {
		int64_t *ids = arena_alloc(&req->arena, n * sizeof *ids);
		for (size_t i = 0; i < n; i++) ids[i] = rows[i].m.user_id;
		needs = arena_alloc(&req->arena, n * sizeof *needs);
		if (!app_members_needs(req->store, req->user->id, ids, n, req->now, &req->arena, needs)) {
			respond_error(req, 500, "internal", _("We could not load the members' needs."));
			return;
		}
	}
	const char *title = manage ? _("Members and invitations") : _("Who is on the panel");
	page_begin(req, title, e);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">", p->id);
	/* TRANSLATORS: a link back; %s is the panel's name */
	html_sentence(b, _("Back to %s"), 1, html_bdi(a, p->name));
	html(b, "</a><h1 class=\"heading-l\">%t</h1>", title);
	if (new_link) {
		html(b, "<div class=\"notice\" role=\"status\"><h2 class=\"heading-m\" "
		        "id=\"invitation-made\">%t</h2><p>%t</p>"
		        "<p class=\"code\" dir=\"auto\"><a href=\"%a\">%t</a></p></div>", _("Invitation made"),
		     _("Send or give this link to the person you invited. It works once, for 14 days. "
		       "When you gave their e-mail address, a message with the link is on its way "
		       "there too."), new_link, new_link);
	}
	/* What a steward comes to do first, above a list that may be long. */
	if (invite_members || invite_guests) {
		html(b, "<h2 class=\"heading-m\" id=\"invite\">%t</h2>", _("Invite someone"));
		ui_form_begin(req, arena_printf(a, "/panels/%lld/invitations", (long long)p->id));
		ui_input(req, e, "email", _("Their e-mail address"),
		         _("The invitation is sent there. Leave it empty if they have no e-mail "
		           "address, and tick the box below."), email, "email", "off");
		html(b, "<div class=\"choice\"><input type=\"checkbox\" id=\"by_hand\" name=\"by_hand\" "
		        "value=\"1\"%r><label for=\"by_hand\">%t</label></div>",
		     form_has(&req->form, "by_hand") ? " checked" : "",
		     _("They have no e-mail address: I will give them the link myself (read it out, "
		       "text it or print it)"));
		ui_choices(req, e, "role", _("Invite them as"), invite_members ? NULL :
		           _("Co-creators of a user-led panel can invite professionals as guests."),
		           invite_members ? member_roles : guest_only, invite_members ? role : "guest", false);
		ui_button(req, _("Make an invitation"), NULL);
		ui_form_end(req);
	}
	if (list && (total > 20 || *q)) {
		html(b, "<form method=\"get\" action=\"/panels/%l/members\" class=\"search\" "
		        "role=\"search\">", p->id);
		ui_input(req, NULL, "q", _("Find someone on the panel"),
		         manage ? _("Part of their name or e-mail address.") : _("Part of their name."), q,
		         "search", "off");
		/* TRANSLATORS: a button that searches */
		ui_button(req, _("Find"), "secondary");
		html(b, "</form>");
		if (*q) {
			html(b, "<p role=\"status\">");
			/* TRANSLATORS: %1$s is a number, %2$s what was searched for */
			html_sentence(b, ngettext("%s person matches \"%s\".", "%s people match \"%s\".",
			                          (unsigned long)total), 2, html_piece(a, "%l", total),
			              html_bdi(a, q));
			html(b, " <a href=\"/panels/%l/members\">%t</a></p>", p->id, _("Show everyone"));
		}
	}
	if (list && n) {
		const char *name = _("Name"), *role_word = _("Role"), *status_word = _("Status"),
		           *needs_word = _("Access and communication needs");
		html(b, "<table class=\"table\"><caption class=\"visually-hidden\">%t</caption>"
		        "<thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>", _("Members"),
		     name, role_word);
		if (manage)
			html(b, "<th scope=\"col\">%t</th><th scope=\"col\">%t</th>", status_word,
			     needs_word);
		html(b, "</tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			html(b, "<tr><td><bdi><a href=\"/panels/%l/members/%l\">%t</a></bdi></td>"
			        "<td data-label=\"%a\">%t</td>", p->id,
			     rows[i].m.user_id, rows[i].display_name, role_word,
			     _(role_label(rows[i].m.role)));
			if (manage) {
				html(b, "<td data-label=\"%a\">%t</td><td data-label=\"%a\">", status_word,
				     _(status_label(rows[i].m.status)), needs_word);
				needs_summary(req, &needs[i]);
				html(b, "</td>");
			}
			html(b, "</tr>");
		}
		html(b, "</tbody></table>");
		if (pages > 1) {
			html(b, "<nav class=\"pagination\" aria-label=\"%a\"><p>%t</p><ul class=\"actions\">",
			     _("Pages of members"),
			     arena_printf(a, ngettext("Page %lld of %lld (%lld member).",
			                              "Page %lld of %lld (%lld members).", (unsigned long)total),
			                  (long long)page, (long long)pages, (long long)total));
			if (page > 1)
				html(b, "<li><a href=\"/panels/%l/members?page=%l&amp;q=%u\" rel=\"prev\">"
				        "%t</a></li>", p->id, page - 1, q, _("Previous page"));
			if (page < pages)
				html(b, "<li><a href=\"/panels/%l/members?page=%l&amp;q=%u\" rel=\"next\">"
				        "%t</a></li>", p->id, page + 1, q, _("Next page"));
			html(b, "</ul></nav>");
		}
	}
	if (manage) {
		html(b, "<p>");
		/* TRANSLATORS: %s is a link reading "Messages that could not be delivered" */
		html_sentence(b, _("%s: invitations to send by hand."), 1,
		              html_link(a, arena_printf(a, "/panels/%lld/undelivered", (long long)p->id),
		                        _("Messages that could not be delivered")));
		html(b, "</p>");
		struct invitation *inv;
		size_t ni;
		if (store_invitations_pending(req->store, p->id, req->now, a, &inv, &ni) == ST_OK &&
		    ni > 0) {
			html(b, "<h2 class=\"heading-m\">%t</h2><ul class=\"list\">",
			     _("Invitations not yet accepted"));
			for (size_t i = 0; i < ni; i++) {
				html(b, "<li>");
				/* TRANSLATORS: %1$s is an e-mail address, %2$s a role ("Guest"),
				 * %3$s a date and time */
				html_sentence(b, _("%s as %s, until %s"), 3,
				              *inv[i].email ? html_bdi(a, inv[i].email)
				                            : html_piece(a, "%t", _("Someone you give the link "
				                                                     "to by hand")),
				              html_piece(a, "%t", _(role_label(inv[i].role))),
				              html_piece(a, "%t", format_time(req, inv[i].expires_at,
				                                              p->time_zone)));
				html(b, " ");
				ui_form_begin(req, arena_printf(a, "/panels/%lld/invitations/%lld/revoke",
				                                (long long)p->id, (long long)inv[i].id));
				/* Which one, for a screen reader: the address. */
				html(b, "<button type=\"submit\" class=\"link-button\">%t <span "
				        "class=\"visually-hidden\"><bdi>%t</bdi></span></button>",
				     _("Cancel the invitation"),
				     *inv[i].email ? inv[i].email : format_time(req, inv[i].expires_at,
				                                                p->time_zone));
				ui_form_end(req);
				html(b, "</li>");
			}
			html(b, "</ul>");
		}
	}
	page_end(req);
}

/* Links just made, on their way to the page that shows them once
 * (once_cookie_put). */
static const char INVITED_COOKIE[] = "ec_invited", LINK_COOKIE[] = "ec_sign_in_link";

static const char *members_path(struct request *req)
{
	return arena_printf(&req->arena, "/panels/%lld/members", (long long)req->panel->id);
}

static const char *invited_context(struct request *req)
{
	return arena_printf(&req->arena, "invited:%lld:%lld", (long long)req->user->id,
	                    (long long)req->panel->id);
}

void members_get(struct request *req)
{
	members_page(req, NULL, "", "co_creator",
	             once_cookie_take(req, INVITED_COOKIE, invited_context(req), members_path(req)));
}

void invite_post(struct request *req)
{
	struct form_errors e = {0};
	struct input_value in[INVITE_INPUTS];
	enum panel_role role = ROLE_NONE;
	const char *link = NULL;
	struct app_error err;
	bool read = form_inputs(req, invite_inputs, INVITE_INPUTS, in, &e);
	role_parse(in[INVITE_ROLE].text, &role);
	if (read &&
	    !app_invite(req->store, req->cfg->public_url, req->user->id, &req->actor, req->panel,
	                in[INVITE_EMAIL].text, in[INVITE_BY_HAND].number != 0, role, req->now,
	                &req->arena, &link, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		members_page(req, &e, field(req, "email"), field(req, "role"), NULL);
		return;
	}
	if (!once_cookie_put(req, INVITED_COOKIE, invited_context(req), members_path(req), link)) {
		members_page(req, NULL, "", "co_creator", link); /* no key: on this answer, once */
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#invitation-made", members_path(req)));
}

void invite_revoke_post(struct request *req)
{
	struct app_error err;
	if (!app_invitation_revoke(req->store, req->panel->id, req->params[1], req->now, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/members", (long long)req->panel->id));
}

static const char *member_path(struct request *req)
{
	return arena_printf(&req->arena, "/panels/%lld/members/%lld", (long long)req->panel->id,
	                    (long long)req->params[1]);
}

static const char *link_context(struct request *req)
{
	return arena_printf(&req->arena, "sign-in-link:%lld:%lld:%lld", (long long)req->user->id,
	                    (long long)req->panel->id, (long long)req->params[1]);
}

/* The steward's way to help someone in who has forgotten their password
 * and has no e-mail; new_link: one just made, shown this once. */
static void sign_in_link_section(struct request *req, const struct visible_profile *vp,
                                 const struct membership *m, const char *new_link)
{
	if (!policy_may_make_sign_in_link(&req->actor, m->role, m->status, vp->person.is_admin))
		return;
	struct buf *b = &req->out;
	html(b, "<h2 class=\"heading-m\" id=\"sign-in-link\">%t</h2>",
	     _("If they have forgotten their password"));
	if (new_link) {
		html(b, "<div class=\"notice\" role=\"status\"><p>");
		/* TRANSLATORS: %s is a person's name */
		html_sentence(b, _("Give %s this link yourself: read it out, text it or print it. It "
		                   "works once, for an hour, and lets them set a new password. It is "
		                   "shown only now."), 1, html_bdi(&req->arena, vp->person.display_name));
		html(b, "</p><p class=\"code\" dir=\"auto\">%t</p></div>", new_link);
	}
	html(b, "<p>%t</p>",
	     _("If they cannot get e-mail, you can make a one-time link for them to set a new "
	       "password. You never see or set their password. They are told you made it, and it "
	       "is in the record of who changed their details."));
	ui_form_begin(req, arena_printf(&req->arena, "%s/sign-in-link", member_path(req)));
	ui_button(req, _("Make a one-time link"), "secondary");
	ui_form_end(req);
}

/* A member's page; e: the role form's problems; new_link: a sign-in link
 * just made for them, shown once. */
static void member_page_with(struct request *req, const struct form_errors *e,
                             const char *new_link)
{
	int64_t target = req->params[1];
	struct membership m = *req->member;
	struct visible_profile vp;
	enum store_rc rc = app_profile_view(req->store, req->user->id, target, PROFILE_ALL, req->now,
	                                    &req->arena, &vp);
	if (rc != ST_OK) {
		if (rc == ST_NOT_FOUND)
			respond_error(req, 404, "not_found", _("This person is not on the panel."));
		else respond_error(req, 500, "internal", _("We could not load this person's details."));
		return;
	}
	page_begin(req, vp.person.display_name, e);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const char *role = _(role_label(m.role));
	html(b, "<a class=\"back-link\" href=\"/panels/%l/members\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\"><bdi>%t</bdi>"
	        "</h1><p>%t</p>", req->panel->id, _("Back to the members"), req->panel->name,
	     vp.person.display_name,
	     policy_sees_member_status(&req->actor, m.user_id == req->user->id)
	     /* TRANSLATORS: %1$s is a role on the panel ("Co-creator"), %2$s a status
	      * ("Paused") */
	     ? arena_printf(a, _("%s, %s."), role, _(status_label(m.status)))
	     /* TRANSLATORS: %s is a role on the panel ("Co-creator") */
	     : arena_printf(a, _("%s."), role));
	if (vp.relation != REL_SELF && vp.n) {
		html(b, "<p class=\"hint\">");
		/* TRANSLATORS: %s is a person's name */
		html_sentence(b, _("You see what %s has chosen to share with you. They can see that "
		                   "you looked."), 1, html_bdi(a, vp.person.display_name));
		html(b, "</p>");
	}
	if (vp.n == 0) html(b, "<p>%t</p>", _("Nothing shared with you."));
	else html(b, "<dl class=\"summary\">");
	for (size_t i = 0; i < vp.n; i++) {
		const struct profile_field *f = profile_field_find(vp.values[i].field);
		html(b, "<div><dt>%t</dt><dd class=\"pre\" dir=\"auto\">%t</dd></div>", _(f->label),
		     profile_display(f, vp.values[i].value, a));
	}
	if (vp.n) html(b, "</dl>");
	if (policy_allows(&req->actor, PA_MANAGE_MEMBERS) && target != req->user->id) {
		const char *action = arena_printf(a, "/panels/%lld/members/%lld",
		                                  (long long)req->panel->id, (long long)target);
		html(b, "<h2 class=\"heading-m\">%t</h2>", _("Change their place on the panel"));
		ui_form_begin(req, action);
		html(b, "<input type=\"hidden\" name=\"action\" value=\"role\">");
		ui_select(req, e, "role", _("Role"), member_roles, role_key(m.role));
		ui_button(req, _("Change role"), "secondary");
		ui_form_end(req);
		ui_form_begin(req, action);
		html(b, "<input type=\"hidden\" name=\"action\" value=\"%r\">",
		     m.status == MEMBER_PAUSED ? "resume" : "pause");
		ui_button(req, m.status == MEMBER_PAUSED ? _("Resume their membership")
		                                         : _("Pause their membership"),
		          "secondary");
		ui_form_end(req);
		if (m.role == ROLE_GUEST) {
			/* Guests the panel names answer the contributions given to them. */
			ui_form_begin(req, action);
			html(b, "<input type=\"hidden\" name=\"action\" value=\"%r\">",
			     m.responder ? "responder_off" : "responder_on");
			ui_button(req, m.responder ? _("Stop them answering contributions")
			                           : _("Name them to answer contributions"), "secondary");
			ui_form_end(req);
		}
		ui_form_begin(req, action);
		html(b, "<input type=\"hidden\" name=\"action\" value=\"remove\">");
		ui_button(req, _("Remove from the panel"), "warning");
		ui_form_end(req);
	}
	if (policy_sees_shared_signals(&req->actor) && target != req->user->id) {
		bool shared;
		unsigned signals;
		struct app_error err;
		if (app_signals_shared(req->store, target, req->now, &shared, &signals, &err) && shared) {
			html(b, "<h2 class=\"heading-m\">%t</h2>", _("Signals they share with you"));
			if (signals) signals_html(req, signals, false);
			else html(b, "<p>%t</p>", _("None at the moment."));
		}
	}
	sign_in_link_section(req, &vp, &m, new_link);
	page_end(req);
}

static void member_page(struct request *req, const struct form_errors *e)
{
	member_page_with(req, e, NULL);
}

void member_get(struct request *req)
{
	member_page_with(req, NULL,
	                 once_cookie_take(req, LINK_COOKIE, link_context(req), member_path(req)));
}

void sign_in_link_post(struct request *req)
{
	const char *link;
	struct app_error err;
	if (!app_sign_in_link(req->store, req->cfg->public_url, &req->actor, req->user->id,
	                      req->panel, req->params[1], req->now, &req->arena, &link, &err)) {
		respond_app_error(req, &err);
		return;
	}
	if (!once_cookie_put(req, LINK_COOKIE, link_context(req), member_path(req), link)) {
		member_page_with(req, NULL, link); /* no key: on this answer, once */
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#sign-in-link", member_path(req)));
}

void member_post(struct request *req)
{
	int64_t target = req->params[1];
	struct membership m = *req->member;
	const char *action = field(req, "action");
	enum panel_role role = m.role;
	enum member_status status = m.status;
	struct form_errors e = {0};
	if (!strcmp(action, "role")) {
		struct input_value in[MEMBER_INPUTS];
		if (form_inputs(req, member_inputs, MEMBER_INPUTS, in, &e) && !in[MEMBER_IN_ROLE].given)
			errors_add(&e, "role", _("Choose a role: co-creator, steward or guest."));
		if (e.n) {
			req->status = 400;
			member_page(req, &e);
			return;
		}
		role_parse(in[MEMBER_IN_ROLE].text, &role);
	} else if (!strcmp(action, "responder_on") || !strcmp(action, "responder_off")) {
		struct app_error err;
		if (!app_member_set_responder(req->store, req->panel->id, &m,
		                              !strcmp(action, "responder_on"), req->now, &err)) {
			respond_app_error(req, &err);
			return;
		}
		respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/members/%lld",
		                                   (long long)req->panel->id, (long long)target));
		return;
	} else if (!strcmp(action, "pause")) {
		status = MEMBER_PAUSED;
	} else if (!strcmp(action, "resume")) {
		status = MEMBER_ACTIVE;
	} else if (!strcmp(action, "remove")) {
		if (strcmp(field(req, "confirm"), "yes")) {
			/* Removing someone is not undone with a click: ask first. */
			struct user u;
			if (store_user_get(req->store, target, &req->arena, &u) != ST_OK) {
				respond_error(req, 404, "not_found", _("This person is not on the panel."));
				return;
			}
			const char *back = arena_printf(&req->arena, "/panels/%lld/members/%lld",
			                                (long long)req->panel->id, (long long)target);
			page_begin(req, _("Remove from the panel?"), NULL);
			html(&req->out, "<h1 class=\"heading-l\">");
			/* TRANSLATORS: %1$s is a person's name, %2$s the panel's */
			html_sentence(&req->out, _("Remove %s from %s?"), 2,
			              html_bdi(&req->arena, u.display_name),
			              html_bdi(&req->arena, req->panel->name));
			html(&req->out, "</h1><p>%t</p><p>%t</p>",
			     _("They will no longer see the panel or its papers. Their past "
			       "contributions stay. You can invite them again later."),
			     _("If they only need a break, pause their membership instead."));
			ui_form_begin(req, back);
			html(&req->out, "<input type=\"hidden\" name=\"action\" value=\"remove\">"
			                "<input type=\"hidden\" name=\"confirm\" value=\"yes\">");
			ui_button(req, _("Yes, remove them"), "warning");
			ui_form_end(req);
			html(&req->out, "<p><a href=\"%a\">%t</a></p>", back, _("No, go back"));
			page_end(req);
			return;
		}
		status = MEMBER_REMOVED;
	} else {
		respond_error(req, 400, "invalid", _("Choose what to change."));
		return;
	}
	struct app_error err;
	if (!app_change_membership(req->store, req->user->id, req->panel->id, target, role, status,
	                           req->now, &err)) {
		if (app_error_to_form(req, &err, &e)) member_page(req, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/members", (long long)req->panel->id));
}
