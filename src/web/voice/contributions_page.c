/* Contributions and responses ("you said, we did"): a panel's list, one
 * contribution with its history, adding one, responding to several at
 * once, and each person's "What became of what I said".
 *
 * Who said something is written only by said_by(): a contribution that is
 * not "named" shows as anonymous or as its group, and the store gives
 * these pages no author to leak (store.h). */
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

enum { LIST_LIMIT = 50 };

/* The form to respond to the contributions whose checkboxes (name
 * "contributions") are in the same form, or to one given as hidden. */
static void respond_fields(struct request *req, const struct form_errors *e)
{
	static const struct field_option statuses[] = {
		{ "received", N_("Received: we have it and will come back to you") },
		{ "under_consideration", N_("Under consideration") },
		{ "adopted", N_("Adopted") },
		{ "adopted_in_part", N_("Adopted in part") },
		{ "not_adopted", N_("Not adopted (give the reason)") },
		{ "referred", N_("Not ours to decide: passed on (say to whom)") },
		{ 0, 0 } };
	ui_choices(req, e, "status", _("Response"), NULL, statuses, field(req, "status"), false);
	ui_textarea(req, e, "what_done", _("What was done, or will be done"),
	            _("In plain words. Needed for adopted and adopted in part."),
	            field(req, "what_done"));
	ui_textarea(req, e, "reason", _("Why"), _("Needed when it was not adopted."),
	            field(req, "reason"));
	ui_input(req, e, "referred_to", _("Passed on to"),
	         _("Who it went to, when it is not ours to decide."), field(req, "referred_to"),
	         "text", "off");
	ui_input(req, e, "decided_by", _("Who decided"), _("A person, a board or a team."),
	         field(req, "decided_by"), "text", "off");
	ui_button(req, _("Send the response"), NULL);
}

/* The list page: open contributions (soonest due first), then all. */
static void contributions_page(struct request *req, const struct form_errors *e)
{
	const struct panel *p = req->panel;
	bool see_all = policy_allows(&req->actor, PA_VIEW_WORK);
	bool respond = policy_allows(&req->actor, PA_RESPOND);
	int64_t before;
	if (!read_before(req, &before)) return;
	struct contribution *open = NULL, *all = NULL;
	size_t nopen = 0, nall = 0;
	enum store_rc rc = app_contributions_open(req->store, &req->actor, req->user->id, p->id,
	                                          LIST_LIMIT, &req->arena, &open, &nopen);
	if (rc == ST_OK && see_all)
		rc = store_contributions_list(req->store, CS_PANEL, p->id, req->user->id, before,
		                              LIST_LIMIT, &req->arena, &all, &nall);
	if (rc != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the contributions."));
		return;
	}

	page_begin(req, _("You said, we did"), e);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">%r</a>"
	        "<h1 class=\"heading-l\">%t</h1>", p->id,
	     /* TRANSLATORS: a link back: %s is the name or title of the page it goes
	      * back to */
	     voice_slots(req, arena_printf(a, _("Back to %s"), SLOT1), html_bdi(&req->arena, p->name), NULL),
	     _("You said, we did"));
	if (policy_allows(&req->actor, PA_CONTRIBUTE)) {
		html(b, "<p><a class=\"button\" href=\"#add\">%t</a></p>",
		     _("Add an idea, concern or question"));
	}
	html(b, "<h2 class=\"heading-m\">%t</h2>", see_all ? _("Waiting for an outcome")
	                                                    : _("Waiting for your response"));
	if (!nopen) html(b, "<p>%t</p>", _("Nothing is waiting. Every contribution has an outcome."));
	if (nopen && respond) {
		ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/responses", (long long)p->id));
		html(b, "<fieldset class=\"fieldset\"><legend>%t</legend>",
		     _("Choose the contributions one decision answers"));
	}
	for (size_t i = 0; i < nopen; i++) {
		if (respond && (see_all || open[i].owner_id == req->user->id))
			html(b, "<div class=\"choice\"><input type=\"checkbox\" name=\"contributions\" "
			        "id=\"pick-%l\" value=\"%l\"><label for=\"pick-%l\">%r</label>"
			        "</div>", open[i].id, open[i].id, open[i].id,
			     /* TRANSLATORS: %s is a contribution's title ("Idea: "Free bus
			      * passes..."") */
			     voice_slots(req, arena_printf(a, _("Respond to %s"), SLOT1),
			                 contribution_title_html(req, &open[i]), NULL));
		contribution_card(req, &open[i], p->time_zone, true, false);
	}
	if (nopen && respond) {
		html(b, "</fieldset>");
		respond_fields(req, e);
		ui_form_end(req);
	}
	if (see_all) {
		html(b, "<h2 class=\"heading-m\">%t</h2>", _("Everything said to the panel"));
		if (!nall) html(b, "<p>%t</p>", _("Nothing yet."));
		for (size_t i = 0; i < nall; i++) contribution_card(req, &all[i], p->time_zone, true, false);
		if (nall == LIST_LIMIT)
			html(b, "<p><a href=\"/panels/%l/contributions?before=%l\" rel=\"next\">%t</a></p>",
			     p->id, all[nall - 1].id, _("Older contributions"));
	}
	if (policy_allows(&req->actor, PA_CONTRIBUTE)) {
		static const struct field_option kinds[] = {
			{ "idea", N_("An idea") }, { "concern", N_("A concern") },
			{ "question", N_("A question") }, { "recommendation", N_("A recommendation") },
			{ 0, 0 } };
		static const struct field_option attributions[] = {
			{ "named", N_("With my name") },
			{ "anonymous", N_("Anonymous: only I can see it is mine") },
			{ "group", N_("On behalf of a group") }, { 0, 0 } };
		html(b, "<h2 class=\"heading-m\" id=\"add\">%t</h2>",
		     _("Add an idea, concern or question"));
		html(b, "<p>%r</p>",
		     /* TRANSLATORS: %2$s is a link to the page "What became of what I said" */
		     voice_slots(req, arena_printf(a, ngettext("The panel will respond within %lld day, "
		                                               "and you will see what became of it on %s.",
		                                               "The panel will respond within %lld days, "
		                                               "and you will see what became of it on %s.",
		                                               (unsigned long)p->response_days),
		                                   (long long)p->response_days, SLOT1),
		                 html_link(&req->arena, "/my-contributions",
		                           _("What became of what I said")), NULL));
		ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/contributions", (long long)p->id));
		ui_choices(req, e, "kind", _("What is it?"), NULL, kinds,
		           *field(req, "kind") ? field(req, "kind") : "idea", false);
		ui_textarea(req, e, "body", _("What do you want to say?"), NULL, field(req, "body"));
		ui_choices(req, e, "attribution", _("How should it be shown?"),
		           _("Anonymous means nobody else, not even stewards, can see it came from you."),
		           attributions, *field(req, "attribution") ? field(req, "attribution") : "named",
		           false);
		ui_input(req, e, "group_name", _("The group's name"), _("Only when on behalf of a group."),
		         field(req, "group_name"), "text", "off");
		ui_button(req, _("Send it to the panel"), NULL);
		ui_form_end(req);
	}
	page_end(req);
}

void contributions_get(struct request *req)
{
	contributions_page(req, NULL);
}

void contribution_post(struct request *req)
{
	struct form_errors e = {0};
	struct input_value in[CONTRIBUTION_INPUTS];
	struct contribution_new c;
	bool ok = form_inputs(req, contribution_inputs, CONTRIBUTION_INPUTS, in, &e);
	app_contribution_from_inputs(in, &c);
	int64_t id = 0;
	struct app_error err;
	if (ok && !app_contribute(req->store, req->panel, &req->actor, req->user->id, &c, req->now,
	                          &id, &err)) {
		if (!app_error_to_form(req, &err, &e)) return;
		ok = false;
	}
	if (!ok) {
		if (!req->status || req->status == 200) req->status = 400;
		const char *back = field(req, "next");
		if (*back && c.meeting_id) {
			/* From a meeting's page: its form is shown there. */
			respond_error_field(req, req->status, "invalid", e.items[0].field, e.items[0].message);
			return;
		}
		contributions_page(req, &e);
		return;
	}
	const char *next = field(req, "next");
	respond_redirect(req, *next ? safe_next(req, next)
	                            : arena_printf(&req->arena, "/panels/%lld/contributions/%lld",
	                                           (long long)req->panel->id, (long long)id));
}

void contribution_get(struct request *req)
{
	const struct panel *p = req->panel;
	struct contribution c;
	enum store_rc rc = store_contribution_get(req->store, p->id, req->params[1], req->user->id,
	                                          &req->arena, &c);
	if (rc == ST_OK && !policy_can_see_contribution(&req->actor, c.owner_id == req->user->id))
		rc = ST_NOT_FOUND;
	if (rc == ST_NOT_FOUND) {
		respond_error(req, 404, "not_found", _("There is no such contribution on this panel."));
		return;
	}
	struct response_record *hist = NULL;
	size_t nh = 0;
	if (rc == ST_OK)
		rc = store_contribution_responses(req->store, c.id, &req->arena, &hist, &nh);
	if (rc != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load this contribution."));
		return;
	}
	const char *title = contribution_title(req, &c);
	page_begin(req, title, NULL);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"/panels/%l/contributions\">%t"
	        "</a><h1 class=\"heading-l\">%r</h1>", p->id,
	     _("Back to You said, we did"), contribution_title_html(req, &c));
	contribution_card_at(req, &c, p->time_zone, false, false, 2); /* under the h1 */
	if (nh > 1) {
		html(b, "<h2 class=\"heading-m\">%t</h2><ol class=\"list\">",
		     _("Every response, oldest first"));
		/* Each: its status and time, then what the responder wrote. */
		for (size_t i = 0; i < nh; i++)
			html(b, "<li><strong>%t</strong>, %t. <bdi>%t%t%t</bdi></li>",
			     _(response_status_label(hist[i].status)),
			     format_time(req, hist[i].created_at, p->time_zone), hist[i].what_done,
			     hist[i].reason, hist[i].referred_to);
		html(b, "</ol>");
	}
	bool may_respond = policy_allows(&req->actor, PA_RESPOND) &&
	                   (req->actor.role == ROLE_STEWARD || c.owner_id == req->user->id);
	if (may_respond) {
		/* TRANSLATORS: a heading: the form to respond to a contribution */
		html(b, "<h2 class=\"heading-m\">%t</h2>", _("Respond"));
		ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/responses", (long long)p->id));
		html(b, "<input type=\"hidden\" name=\"contributions\" value=\"%l\">"
		        "<input type=\"hidden\" name=\"next\" value=\"/panels/%l/contributions/%l\">",
		     c.id, p->id, c.id);
		respond_fields(req, NULL);
		ui_form_end(req);
	}
	page_end(req);
}

void responses_post(struct request *req)
{
	struct response_record r;
	struct form_errors e = {0};
	struct input_value in[RESPONSE_INPUTS];
	form_inputs(req, response_inputs, RESPONSE_INPUTS, in, &e);
	app_response_from_inputs(in, &r);
	const int64_t *ids = in[RESPONSE_CONTRIBUTIONS].ids;
	size_t n = in[RESPONSE_CONTRIBUTIONS].nids;
	int64_t id;
	struct app_error err;
	if (!e.n && !app_respond(req->store, req->cfg->public_url, req->panel, &req->actor,
	                         req->user->id, &r, ids, n, req->now, &req->arena, &id, &err)) {
		if (!app_error_to_form(req, &err, &e)) return;
	}
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		contributions_page(req, &e);
		return;
	}
	const char *next = field(req, "next");
	respond_redirect(req, *next ? safe_next(req, next)
	                            : arena_printf(&req->arena, "/panels/%lld/contributions",
	                                           (long long)req->panel->id));
}

void my_contributions_get(struct request *req)
{
	int64_t before;
	if (!read_before(req, &before)) return;
	struct contribution *c;
	size_t n;
	if (store_contributions_list(req->store, CS_AUTHOR, 0, req->user->id, before, LIST_LIMIT,
	                             &req->arena, &c, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load what you said."));
		return;
	}
	page_begin(req, _("What became of what I said"), NULL);
	struct buf *b = &req->out;
	html(b, "<h1 class=\"heading-l\">%t</h1><p class=\"lead\">%t</p>",
	     _("What became of what I said"),
	     _("Everything you said to a panel, with the latest response. Anonymous ones are listed "
	       "here for you alone."));
	if (!n && !before)
		html(b, "<p>%t</p>", _("You have not said anything to a panel yet. When you add an idea, "
		                       "concern or question, or a steward records one from a meeting, it "
		                       "appears here."));
	if (n) html(b, "<h2 class=\"heading-m\">%t</h2>", _("Newest first"));
	/* Times in each contribution's panel's zone; a page is mostly one
	 * panel's, so the zone is read again only when the panel changes. */
	int64_t zone_of = 0;
	const char *zone = "UTC";
	for (size_t i = 0; i < n; i++) {
		struct panel p;
		if (c[i].panel_id != zone_of) {
			zone_of = c[i].panel_id;
			zone = store_panel_get(req->store, zone_of, &req->arena, &p) == ST_OK
			       ? p.time_zone : "UTC";
		}
		contribution_card(req, &c[i], zone, false, true);
	}
	if (n == LIST_LIMIT)
		html(b, "<p><a href=\"/my-contributions?before=%l\" rel=\"next\">%t</a></p>",
		     /* TRANSLATORS: a link to the next page of a list: older ones */
		     c[n - 1].id, _("Older"));
	page_end(req);
}

void notices_get(struct request *req)
{
	struct notice *n;
	size_t k;
	if (store_notices_list(req->store, req->user->id, 50, &req->arena, &n, &k) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load your notices."));
		return;
	}
	page_begin(req, _("Notices"), NULL);
	struct buf *b = &req->out;
	html(b, "<h1 class=\"heading-l\">%t</h1>", _("Notices"));
	if (!k) html(b, "<p>%t</p>", _("No notices yet."));
	else html(b, "<ul class=\"list\">");
	/* Each at its panel's time (times are stored in UTC and shown in the
	 * panel's zone); one without a panel in UTC, said so. */
	int64_t zone_of = -1;
	const char *zone = "UTC";
	for (size_t i = 0; i < k; i++) {
		if (n[i].panel_id != zone_of) {
			struct panel p;
			zone_of = n[i].panel_id;
			zone = zone_of && store_panel_get(req->store, zone_of, &req->arena, &p) == ST_OK
			       ? p.time_zone : "UTC";
		}
		if (!n[i].read_at)
			/* TRANSLATORS: a tag on a notice not read yet */
			html(b, "<li><strong class=\"tag\">%t</strong> ", _("New"));
		else
			html(b, "<li>");
		/* Kept as a message: in the reader's language, names in <bdi>. */
		html(b, "<a href=\"%a\">", n[i].link);
		html_message(b, &req->arena, n[i].body);
		html(b, "</a> <span class=\"hint\">%t%r</span></li>",
		     format_time(req, n[i].created_at, zone), strcmp(zone, "UTC") ? "" : " UTC");
	}
	if (k) {
		html(b, "</ul>");
		ui_form_begin(req, "/notices/read");
		ui_button(req, _("Mark all as read"), "secondary");
		ui_form_end(req);
	}
	page_end(req);
}

void notices_read_post(struct request *req)
{
	struct app_error err;
	if (!app_notices_mark_read(req->store, req->user->id, req->now, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, "/notices");
}
