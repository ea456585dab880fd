/* My panels, a panel's home page, and creating and editing a panel. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/pay/pay_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

static const struct field_option hosting_options[] = {
	{ "organisation", "Hosted by an organisation" },
	{ "user_led", "Run by its own members (co-creators can invite guests)" },
	{ 0, 0 } };

void panels_get(struct request *req)
{
	struct my_panel *mp;
	size_t n;
	if (store_panels_for_user(req->store, req->user->id, &req->arena, &mp, &n) != ST_OK) {
		respond_error(req, 500, "internal", "We could not load your panels.");
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
		        "<a href=\"/admin/limits\">%t</a></p>", _("Start a new panel"),
		     _("Earnings limits"));
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
	ui_input(req, e, "name", "Name", NULL, p->name, "text", NULL);
	ui_textarea(req, e, "description", "What the panel is for", "In plain language.", p->description);
	ui_choices(req, e, "hosting", "Who runs the panel", NULL, hosting_options,
	           hosting_key(p->hosting), false);
	ui_input(req, e, "organisation", "Hosting organisation", "Leave blank for a user-led panel.",
	         p->organisation, "text", "organization");
	ui_input(req, e, "time_zone", "Time zone", "Times are shown in this zone, for example Europe/London.",
	         p->time_zone, "text", NULL);
	ui_input(req, e, "language", "Main language", "A language code, for example en, cy or ar.",
	         p->language, "text", NULL);
	ui_input(req, e, "response_days", "Days to answer a contribution",
	         "Each idea, concern or question gets a response within this many days, or it "
	         "shows as overdue on the panel page.", days_text(req, "response_days",
	         p->response_days), "text", "off");
	ui_input(req, e, "agenda_days", "Days before a meeting the agenda is published",
	         "Members can propose items until then.", days_text(req, "agenda_days",
	         p->agenda_days), "text", "off");
	ui_button(req, button, NULL);
	ui_form_end(req);
	page_end(req);
}

void panel_new_get(struct request *req)
{
	struct panel p = { .name = "", .description = "", .time_zone = "Europe/London",
	                   .language = "en", .organisation = "",
	                   .response_days = PANEL_RESPONSE_DAYS, .agenda_days = PANEL_AGENDA_DAYS };
	panel_form(req, NULL, &p, "/panels/new", "Start a new panel", "Create the panel");
}

void panel_new_post(struct request *req)
{
	struct panel p = { .response_days = PANEL_RESPONSE_DAYS, .agenda_days = PANEL_AGENDA_DAYS };
	struct form_errors e = {0};
	read_panel_form(req, &p, &e);
	if (e.n) {
		req->status = 400;
		panel_form(req, &e, &p, "/panels/new", "Start a new panel", "Create the panel");
		return;
	}
	int64_t id;
	struct app_error err;
	if (!app_create_panel(req->store, req->user->id, &p, req->now, &id, &err)) {
		respond_error(req, 500, "internal", "We could not create the panel. Nothing was saved.");
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
		respond_error(req, 500, "internal", "We could not load this panel.");
		return;
	}
	page_begin(req, p->name, NULL);
	struct buf *b = &req->out;
	html(b, "<span class=\"caption\">%t</span><h1 class=\"heading-l\">%t</h1>",
	     p->hosting == HOSTING_USER_LED ? "A user-led panel" : p->organisation, p->name);
	if (*p->description) html(b, "<p class=\"lead\">%t</p>", p->description);
	html(b, "<dl class=\"summary\">"
	        "<div><dt>Your role</dt><dd>%t%r</dd></div>"
	        "<div><dt>Members</dt><dd>%l co-creators and stewards, %l guest%r</dd></div>"
	        "<div><dt>Times are shown in</dt><dd>%t</dd></div></dl>",
	     role_label(req->actor.role),
	     req->actor.status == MEMBER_PAUSED ? " (paused: you are taking a break)" : "",
	     counts.co_creators + counts.stewards, counts.guests, counts.guests == 1 ? "" : "s",
	     p->time_zone);
	html(b, "<h2 class=\"heading-m\">Stewards</h2><p class=\"hint\">Stewards run the "
	        "practical side of the panel. Ask them if you need anything.</p><ul class=\"list\">");
	for (size_t i = 0; i < ns; i++) html(b, "<li>%t</li>", stewards[i]);
	html(b, "</ul>");
	if (policy_allows(&req->actor, PA_VIEW_WORK)) {
		/* Overdue responses are flagged here, where everyone looks. */
		struct influence f;
		if (store_influence(req->store, p->id, 0, req->now, &f) == ST_OK) {
			html(b, "<h2 class=\"heading-m\">Influence</h2>");
			if (f.overdue)
				html(b, "<p><strong class=\"tag tag-red\">%l contribution%r overdue</strong> "
				        "<a href=\"/panels/%l/contributions\">See what is waiting</a></p>",
				     f.overdue, f.overdue == 1 ? " is" : "s are", p->id);
			influence_figures(req, &f);
		}
	}
	if (policy_allows(&req->actor, PA_MANAGE_PAY)) {
		/* Late payments are flagged here too, for those who can act. */
		struct pay_policy pol;
		if (store_pay_policy_get(req->store, p->id, &req->arena, &pol) == ST_OK && pol.configured)
			timeliness_section(req, &pol, true);
	}
	html(b, "<ul class=\"actions\">"
	        "<li><a href=\"/panels/%l/meetings\">Meetings</a></li>", p->id);
	if (policy_allows(&req->actor, PA_VIEW_OWN_PAY))
		html(b, "<li><a href=\"/panels/%l/pay\">Pay</a></li>", p->id);
	if (policy_allows(&req->actor, PA_VIEW_WORK))
		html(b, "<li><a href=\"/panels/%l/projects\">Projects</a></li>", p->id);
	if (policy_allows(&req->actor, PA_VIEW_WORK) || policy_allows(&req->actor, PA_RESPOND))
		html(b, "<li><a href=\"/panels/%l/contributions\">You said, we did</a></li>", p->id);
	if (policy_allows(&req->actor, PA_LIST_MEMBERS))
		html(b, "<li><a href=\"/panels/%l/members\">%r</a></li>", p->id,
		     policy_allows(&req->actor, PA_MANAGE_MEMBERS) ? "Members and invitations"
		                                                   : "Who is on the panel");
	else if (policy_allows(&req->actor, PA_INVITE_GUEST))
		html(b, "<li><a href=\"/panels/%l/members\">Invite a guest</a></li>", p->id);
	if (policy_allows(&req->actor, PA_EDIT_PANEL))
		html(b, "<li><a href=\"/panels/%l/edit\">Edit the panel's details</a></li>", p->id);
	html(b, "</ul>");
	page_end(req);
}

void panel_edit_get(struct request *req)
{
	panel_form(req, NULL, req->panel, arena_printf(&req->arena, "/panels/%lld/edit",
	           (long long)req->panel->id), "Edit the panel", "Save changes");
}

void panel_edit_post(struct request *req)
{
	struct panel p = { .id = req->panel->id, .response_days = req->panel->response_days,
	                   .agenda_days = req->panel->agenda_days };
	struct form_errors e = {0};
	read_panel_form(req, &p, &e);
	const char *action = arena_printf(&req->arena, "/panels/%lld/edit", (long long)p.id);
	if (!parse_i64(field(req, "version"), 1, INT64_MAX, &p.version))
		errors_add(&e, "name", "The form is missing its version. Reload the page and try again.");
	if (e.n) {
		req->status = 400;
		panel_form(req, &e, &p, action, "Edit the panel", "Save changes");
		return;
	}
	struct app_error err;
	if (!app_panel_update(req->store, &p, req->now, &err)) {
		if (!app_error_to_form(req, &err, &e)) return;
		/* Someone saved first: show their version's number and keep ours. */
		p.version = req->panel->version;
		panel_form(req, &e, &p, action, "Edit the panel", "Save changes");
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld", (long long)p.id));
}
