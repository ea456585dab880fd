/* My panels, a panel's home page, and creating and editing a panel. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/pay/pay_ui.h"
#include "web/selection/selection_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

static const struct field_option hosting_options[] = {
	{ "organisation", N_("Hosted by an organisation") },
	{ "user_led", N_("Run by its own members (co-creators can invite guests)") },
	{ 0, 0 } };

void panels_get(struct request *req)
{
	struct my_panel *mp;
	size_t n;
	if (store_panels_for_user(req->store, req->user->id, &req->arena, &mp, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load your panels."));
		return;
	}
	page_begin(req, _("My panels"), NULL);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<h1 class=\"heading-l\">%t</h1>", _("My panels"));
	if (n == 0)
		html(b, "<p>%t</p>", _("You are not on any panel yet. When a panel invites you, it will "
		                       "appear here."));
	else
		html(b, "<ul class=\"card-list\">");
	for (size_t i = 0; i < n; i++) {
		const char *role = _(role_label(mp[i].me.role));
		long long members = (long long)mp[i].active_members;
		/* A name someone wrote: in its own direction (bdi). */
		html(b, "<li class=\"card\"><h2 class=\"heading-m\"><a href=\"/panels/%l\"><bdi>%t</bdi>"
		        "</a></h2>"
		        "<p>%t %t</p></li>", mp[i].panel.id, mp[i].panel.name,
		     arena_printf(a, mp[i].me.status == MEMBER_PAUSED ? _("Your role: %s (paused).")
		                                                      : _("Your role: %s."), role),
		     arena_printf(a, ngettext("%lld active member.", "%lld active members.",
		                              (unsigned long)members), members));
	}
	if (n) html(b, "</ul>");
	if (req->user->is_admin)
		html(b, "<p><a class=\"button secondary\" href=\"/panels/new\">%t</a> "
		        "<a href=\"/admin/limits\">%t</a></p><p><a href=\"/admin/case-sources\">%t</a>"
		        "</p>", _("Start a new panel"), _("Earnings limits"),
		     _("Case studies from other sites"));
	page_end(req);
}

/* Reads the panel fields of a form into p (panel_inputs), every problem
 * into e. */
static void read_panel_form(struct request *req, struct panel *p, struct form_errors *e)
{
	struct input_value in[PANEL_INPUTS];
	form_inputs(req, panel_inputs, PANEL_INPUTS, in, e);
	app_panel_from_inputs(in, p);
}

/* What to show in a number field: what was typed, if anything, else n. */
static const char *days_text(struct request *req, const char *name, int64_t n)
{
	if (form_has(&req->form, name)) return field(req, name);
	return arena_printf(&req->arena, "%lld", (long long)n);
}

static void panel_form(struct request *req, const struct form_errors *e, const struct panel *p,
                       const char *action, const char *title, const char *button)
{
	page_begin(req, title, e);
	html(&req->out, "<h1 class=\"heading-l\">%t</h1>", title);
	ui_form_begin(req, action);
	if (p->version) html(&req->out, "<input type=\"hidden\" name=\"version\" value=\"%l\">", p->version);
	/* TRANSLATORS: the panel's name */
	ui_input(req, e, "name", _("Name"), NULL, p->name, "text", NULL);
	ui_textarea(req, e, "description", _("What the panel is for"), _("In plain language."),
	            p->description);
	ui_choices(req, e, "hosting", _("Who runs the panel"), NULL, hosting_options,
	           hosting_key(p->hosting), false);
	ui_input(req, e, "organisation", _("Hosting organisation"),
	         _("Leave blank for a user-led panel."), p->organisation, "text", "organization");
	/* TRANSLATORS: Europe/London is a time zone's name: keep it */
	ui_input(req, e, "time_zone", _("Time zone"),
	         _("Times are shown in this zone, for example Europe/London."), p->time_zone, "text",
	         NULL);
	/* TRANSLATORS: en, cy and ar are language codes: keep them */
	ui_input(req, e, "language", _("Main language"),
	         _("A language code, for example en, cy or ar."), p->language, "text", NULL);
	ui_input(req, e, "response_days", _("Days to answer a contribution"),
	         _("Each idea, concern or question gets a response within this many days, or it "
	           "shows as overdue on the panel page."), days_text(req, "response_days",
	         p->response_days), "text", "off");
	ui_input(req, e, "agenda_days", _("Days before a meeting the agenda is published"),
	         _("Members can propose items until then."), days_text(req, "agenda_days",
	         p->agenda_days), "text", "off");
	static const struct field_option post[] = {
		{ "1", N_("Co-creators may post opportunities and run their draws") }, { 0, 0 } };
	ui_choices(req, e, "co_creators_post", _("Opportunities"),
	           _("Only in a panel run by its own members. Otherwise stewards post them."), post,
	           p->co_creators_post ? "1" : "", true);
	ui_button(req, button, NULL);
	ui_form_end(req);
	page_end(req);
}

void panel_new_get(struct request *req)
{
	struct panel p = { .name = "", .description = "", .time_zone = "Europe/London",
	                   .language = "en", .organisation = "",
	                   .response_days = PANEL_RESPONSE_DAYS, .agenda_days = PANEL_AGENDA_DAYS };
	panel_form(req, NULL, &p, "/panels/new", _("Start a new panel"), _("Create the panel"));
}

void panel_new_post(struct request *req)
{
	struct panel p = { .response_days = PANEL_RESPONSE_DAYS, .agenda_days = PANEL_AGENDA_DAYS };
	struct form_errors e = {0};
	read_panel_form(req, &p, &e);
	if (e.n) {
		req->status = 400;
		panel_form(req, &e, &p, "/panels/new", _("Start a new panel"), _("Create the panel"));
		return;
	}
	int64_t id;
	struct app_error err;
	if (!app_create_panel(req->store, req->user->id, &p, req->now, &id, &err)) {
		respond_error(req, 500, "internal", _("We could not create the panel. Nothing was saved."));
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld", (long long)id));
}

void panel_get(struct request *req)
{
	const struct panel *p = req->panel;
	struct panel_counts counts;
	const char **stewards;
	size_t ns;
	if (store_panel_counts(req->store, p->id, &counts) != ST_OK ||
	    store_panel_stewards(req->store, p->id, &req->arena, &stewards, &ns) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load this panel."));
		return;
	}
	page_begin(req, p->name, NULL);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	/* What people wrote (the names, the description): in its own direction. */
	if (p->hosting == HOSTING_USER_LED)
		html(b, "<span class=\"caption\">%t</span>", _("A user-led panel"));
	else
		html(b, "<span class=\"caption\"><bdi>%t</bdi></span>", p->organisation);
	html(b, "<h1 class=\"heading-l\"><bdi>%t</bdi></h1>", p->name);
	if (*p->description) html(b, "<p class=\"lead\" dir=\"auto\">%t</p>", p->description);
	const char *role = _(role_label(req->actor.role));
	long long members = (long long)(counts.co_creators + counts.stewards),
	          guests = (long long)counts.guests;
	html(b, "<dl class=\"summary\">"
	        "<div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div>"
	        "<div><dt>%t</dt><dd><bdi>%t</bdi></dd></div></dl>",
	     _("Your role"),
	     req->actor.status == MEMBER_PAUSED
	     /* TRANSLATORS: %s is a role on the panel, like "Co-creator" */
	     ? arena_printf(a, _("%s (paused: you are taking a break)"), role) : role,
	     _("Members"),
	     /* TRANSLATORS: the two counts of a panel's members, "3 co-creators and
	      * stewards" and "2 guests", in a list */
	     arena_printf(a, _("%1$s, %2$s"),
	                  arena_printf(a, ngettext("%lld co-creator or steward",
	                                           "%lld co-creators and stewards",
	                                           (unsigned long)members), members),
	                  arena_printf(a, ngettext("%lld guest", "%lld guests",
	                                           (unsigned long)guests), guests)),
	     _("Times are shown in"), p->time_zone);
	html(b, "<h2 class=\"heading-m\">%t</h2><p class=\"hint\">%t</p><ul class=\"list\">",
	     _("Stewards"),
	     _("Stewards run the practical side of the panel. Ask them if you need anything."));
	for (size_t i = 0; i < ns; i++) html(b, "<li><bdi>%t</bdi></li>", stewards[i]);
	html(b, "</ul>");
	if (policy_allows(&req->actor, PA_VIEW_WORK)) {
		/* Overdue responses are flagged here, where everyone looks. */
		struct influence f;
		if (store_influence(req->store, p->id, 0, req->now, &f) == ST_OK) {
			html(b, "<h2 class=\"heading-m\">%t</h2>", _("Influence"));
			if (f.overdue)
				html(b, "<p><strong class=\"tag tag-red\">%t</strong> "
				        "<a href=\"/panels/%l/contributions\">%t</a></p>",
				     arena_printf(a, ngettext("%lld contribution is overdue",
				                              "%lld contributions are overdue",
				                              (unsigned long)f.overdue), (long long)f.overdue),
				     p->id, _("See what is waiting"));
			influence_figures(req, &f);
		}
	}
	if (policy_allows(&req->actor, PA_MANAGE_PAY)) {
		/* Late payments are flagged here too, for those who can act. */
		struct pay_policy pol;
		if (store_pay_policy_get(req->store, p->id, &req->arena, &pol) == ST_OK && pol.configured)
			timeliness_section(req, &pol, true);
	}
	if (policy_allows(&req->actor, PA_VIEW_REPRESENTATION)) {
		/* the empty chairs as last published: this page writes nothing */
		struct rep_report rep;
		struct app_error err;
		if (app_rep_report(req->store, p->id, 0, NULL, false, a, &rep, &err))
			rep_empty_chairs_html(req, &rep, REP_SCOPE_PANEL,
			                      arena_printf(a, "/panels/%lld/who-isnt-here", (long long)p->id));
	}
	html(b, "<ul class=\"actions\">"
	        "<li><a href=\"/panels/%l/meetings\">%t</a></li>", p->id, _("Meetings"));
	if (policy_allows(&req->actor, PA_VIEW_OPPORTUNITIES))
		html(b, "<li><a href=\"/panels/%l/opportunities\">%t</a></li>", p->id,
		     _("Opportunities"));
	if (policy_allows(&req->actor, PA_VIEW_REPRESENTATION))
		html(b, "<li><a href=\"/panels/%l/who-isnt-here\">%t</a></li>", p->id,
		     _("Who isn't here?"));
	if (policy_allows(&req->actor, PA_VIEW_OWN_PAY))
		/* TRANSLATORS: a link to the panel's pages about pay */
		html(b, "<li><a href=\"/panels/%l/pay\">%t</a></li>", p->id, _("Pay"));
	if (policy_allows(&req->actor, PA_VIEW_WORK))
		html(b, "<li><a href=\"/panels/%l/projects\">%t</a></li>", p->id, _("Projects"));
	if (policy_allows(&req->actor, PA_VIEW_WORK)) {
		html(b, "<li><a href=\"/panels/%l/how-are-we-doing\">%t</a></li>", p->id,
		     _("How are we doing?"));
		html(b, "<li><a href=\"/panels/%l/reports\">%t</a></li>", p->id,
		     _("Reports for funders"));
		html(b, "<li><a href=\"/panels/%l/case-studies\">%t</a></li>", p->id,
		     _("Case studies"));
	}
	if (policy_allows(&req->actor, PA_VIEW_WORK) || policy_allows(&req->actor, PA_RESPOND))
		html(b, "<li><a href=\"/panels/%l/contributions\">%t</a></li>", p->id,
		     _("You said, we did"));
	if (policy_allows(&req->actor, PA_LIST_MEMBERS))
		html(b, "<li><a href=\"/panels/%l/members\">%t</a></li>", p->id,
		     policy_allows(&req->actor, PA_MANAGE_MEMBERS) ? _("Members and invitations")
		                                                   : _("Who is on the panel"));
	else if (policy_allows(&req->actor, PA_INVITE_GUEST))
		html(b, "<li><a href=\"/panels/%l/members\">%t</a></li>", p->id, _("Invite a guest"));
	if (policy_allows(&req->actor, PA_VIEW_SUPPORT))
		html(b, "<li><a href=\"/panels/%l/support\">%t</a></li>", p->id,
		     _("Support and check-ins"));
	if (policy_allows(&req->actor, PA_RAISE_CONCERN))
		html(b, "<li><a href=\"/panels/%l/safeguarding\">%t</a></li>", p->id,
		     _("Safeguarding: raise a concern"));
	bool follows_up = false;
	struct app_error err;
	if (app_follows_up(req->store, &req->actor, p->id, req->user->id, a, &follows_up, &err) &&
	    follows_up)
		html(b, "<li><a href=\"/panels/%l/follow-ups\">%t</a></li>", p->id, _("Follow-ups"));
	if (policy_allows(&req->actor, PA_EDIT_PANEL))
		html(b, "<li><a href=\"/panels/%l/edit\">%t</a></li>", p->id,
		     _("Edit the panel's details"));
	html(b, "</ul>");
	page_end(req);
}

void panel_edit_get(struct request *req)
{
	panel_form(req, NULL, req->panel, arena_printf(&req->arena, "/panels/%lld/edit",
	           (long long)req->panel->id), _("Edit the panel"), _("Save changes"));
}

void panel_edit_post(struct request *req)
{
	struct panel p = { .id = req->panel->id, .response_days = req->panel->response_days,
	                   .agenda_days = req->panel->agenda_days };
	struct form_errors e = {0};
	read_panel_form(req, &p, &e);
	const char *action = arena_printf(&req->arena, "/panels/%lld/edit", (long long)p.id);
	if (!parse_i64(field(req, "version"), 1, INT64_MAX, &p.version))
		errors_add(&e, "name", _("The form is missing its version. Reload the page and try again."));
	if (e.n) {
		req->status = 400;
		panel_form(req, &e, &p, action, _("Edit the panel"), _("Save changes"));
		return;
	}
	struct app_error err;
	if (!app_panel_update(req->store, &p, req->now, &err)) {
		if (!app_error_to_form(req, &err, &e)) return;
		/* Someone saved first: show their version's number and keep ours. */
		p.version = req->panel->version;
		panel_form(req, &e, &p, action, _("Edit the panel"), _("Save changes"));
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld", (long long)p.id));
}
