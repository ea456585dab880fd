/* Meetings: the list, a new meeting, one meeting's page (when and where,
 * replies, the agenda members set, attendance, contributions recorded
 * there), and the forms that change them.
 *
 * A guest sees only meetings they are invited to (core/policy.h): the
 * route table's object column loads the meeting (req->meeting) before a
 * handler runs, answering 404 for one the asker may not see. */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/people/people_ui.h"
#include "web/selection/selection_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"
#include "web/wellbeing/wellbeing_ui.h"

/* The page, with e after a refused form (whose fields keep what was typed). */
static void meeting_page(struct request *req, const struct meeting *m, bool invited,
                         const struct form_errors *e);

static const char *meeting_when(struct request *req, const struct meeting *m)
{
	const char *zone = req->panel->time_zone;
	/* TRANSLATORS: when a meeting is: its start and its end */
	return arena_printf(&req->arena, _("%s to %s"), format_time(req, m->starts_at, zone),
	                    format_time(req, m->ends_at, zone));
}

/* ---- the list and a new meeting ---- */

/* Asked of a meeting planned for a time that has passed: the page makes
 * no meeting in the past without a word (the API takes one as it is: a
 * program means what it sends). */
static const char *const PAST_DATE =
	N_("This time has already passed. To record a meeting that already happened, tick \"It has "
	   "already happened\" and save again; otherwise correct the date.");

static void meetings_page(struct request *req, const struct form_errors *e)
{
	const struct panel *p = req->panel;
	bool guest = req->actor.role == ROLE_GUEST;
	struct meeting *m;
	size_t n;
	if (store_meetings_list(req->store, p->id, 0, req->user->id, guest, &req->arena, &m, &n) !=
	    ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the meetings."));
		return;
	}
	page_begin(req, _("Meetings"), e);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">%r</a>"
	        "<h1 class=\"heading-l\">%t</h1>"
	        "<p class=\"hint\">%t</p>", p->id,
	     /* TRANSLATORS: a link back: %s is the name or title of the page it goes
	      * back to */
	     voice_slots(req, arena_printf(a, _("Back to %s"), SLOT1), html_bdi(&req->arena, p->name), NULL),
	     _("Meetings"),
	     /* TRANSLATORS: %s is a time zone ("Europe/London") */
	     arena_printf(a, _("Times are in %s."), p->time_zone));
	for (int past = 0; past < 2; past++) {
		html(b, "<h2 class=\"heading-m\">%t</h2>", past ? _("Past meetings") : _("Coming up"));
		int shown = 0;
		for (size_t k = 0; k < n; k++) {
			/* Coming up soonest first; past ones most recent first. */
			size_t i = past ? n - 1 - k : k;
			if ((m[i].ends_at < req->now) != past) continue;
			html(b, "%r<li>%r", shown ? "" : "<ul class=\"list\">",
			     /* TRANSLATORS: a meeting (its title, a link), then when it is */
			     voice_slots(req, arena_printf(a, _("%s, %s"), SLOT1, meeting_when(req, &m[i])),
			                 html_piece(a, "<a href=\"/panels/%l/meetings/%l\"><bdi>%t</bdi></a>",
			                            p->id, m[i].id, m[i].title), NULL));
			if (m[i].cancelled_at)
				html(b, " <strong class=\"tag tag-red\">%t</strong>", _("Cancelled"));
			if (*m[i].content_note)
				html(b, "<br><span class=\"hint\"><strong>%t</strong> <bdi>%t</bdi></span>",
				     _("Content note:"), m[i].content_note);
			html(b, "</li>");
			shown++;
		}
		if (shown) html(b, "</ul>");
		else html(b, "<p>%t</p>", past ? _("None yet.") : _("No meetings planned."));
	}
	if (policy_allows(&req->actor, PA_MANAGE_MEETINGS)) {
		struct project *pr;
		size_t np;
		if (store_projects_list(req->store, p->id, &req->arena, &pr, &np) != ST_OK) np = 0;
		struct field_option *opts = arena_alloc(&req->arena, (np + 2) * sizeof *opts);
		opts[0] = (struct field_option){ "", N_("Not part of a project") };
		for (size_t i = 0; i < np; i++)
			opts[i + 1] = (struct field_option){
				arena_printf(&req->arena, "%lld", (long long)pr[i].id), option_theirs(&req->arena, pr[i].title) };
		opts[np + 1] = (struct field_option){ 0, 0 };
		html(b, "<h2 class=\"heading-m\" id=\"new\">%t</h2>", _("Plan a meeting"));
		ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/meetings", (long long)p->id));
		ui_input(req, e, "title", _("Title"), NULL, field(req, "title"), "text", "off");
		ui_select(req, e, "project_id", _("Project"), opts, field(req, "project_id"));
		ui_input(req, e, "date", _("Date"), _("For example 10/12/2026 or 10 December 2026."),
		         field(req, "date"), "text", "off");
		ui_input(req, e, "start_time", _("Starts at"), _("For example 14:00 or 2pm."),
		         field(req, "start_time"), "text", "off");
		ui_input(req, e, "end_time", _("Ends at"), _("For example 16:00 or 4pm."),
		         field(req, "end_time"), "text", "off");
		ui_input(req, e, "place", _("Place"), _("Leave blank for an online-only meeting."),
		         field(req, "place"), "text", "off");
		ui_textarea(req, e, "place_access", _("Access information for the place"),
		            _("Step-free access, hearing loop, accessible toilets, quiet room, parking."),
		            field(req, "place_access"));
		ui_input(req, e, "online_url", _("Online link"), _("Leave blank for an in-person meeting."),
		         field(req, "online_url"), "url", "off");
		ui_input(req, e, "content_note", _("Content note (optional)"),
		         _("If the meeting will touch on something hard, say what, so that people can "
		           "prepare, ask for support or not come."),
		         field(req, "content_note"), "text", "off");
		/* The message is the catalogue's own string, the same each time. */
		if (errors_for(e, "date") == _(PAST_DATE)) {
			static const struct field_option past[] = {
				{ "1", N_("It has already happened: record it as a past meeting") }, { 0, 0 } };
			ui_choices(req, NULL, "in_past", _("A meeting in the past"),
			           _("Members are not told of a past meeting as planned."), past, "", true);
		}
		html(b, "<p>%t</p>",
		     arena_printf(a, ngettext("The agenda will be due %lld day before the meeting. "
		                              "Members can propose items until you publish it.",
		                              "The agenda will be due %lld days before the meeting. "
		                              "Members can propose items until you publish it.",
		                              (unsigned long)p->agenda_days), (long long)p->agenda_days));
		ui_button(req, _("Plan the meeting"), NULL);
		ui_form_end(req);
	}
	page_end(req);
}

void meetings_get(struct request *req)
{
	meetings_page(req, NULL);
}

void meeting_new_post(struct request *req)
{
	struct form_errors e = {0};
	struct input_value in[MEETING_INPUTS];
	struct meeting m = {0};
	form_inputs(req, meeting_inputs, MEETING_INPUTS, in, &e);
	app_meeting_from_inputs(in, &m);
	if (!e.n) app_meeting_times(req->panel, in, &m.starts_at, &m.ends_at, form_error_add, &e);
	if (!e.n && m.starts_at < req->now && !form_has(&req->form, "in_past"))
		errors_add(&e, "date", _(PAST_DATE));
	int64_t id = 0;
	struct app_error err;
	if (!e.n && !app_meeting_create(req->store, req->panel, req->user->id, &m, req->now, &id,
	                                &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		meetings_page(req, &e);
		return;
	}
	respond_redirect(req, meeting_path(req, id));
}

/* ---- one meeting ---- */

static void reply_form(struct request *req, const struct meeting *m, enum meeting_reply mine,
                       const struct form_errors *e)
{
	static const struct field_option replies[] = {
		{ "coming", N_("Coming") }, { "maybe", N_("Maybe") }, { "not_coming", N_("Not coming") },
		{ 0, 0 } };
	html(&req->out, "<h2 class=\"heading-m\">%t</h2>", _("Are you coming?"));
	ui_form_begin(req, arena_printf(&req->arena, "%s/reply", meeting_path(req, m->id)));
	ui_choices(req, e, "reply", _("Your reply"),
	           _("Stewards see the access and communication needs you share with them, so they "
	             "can arrange what you need."), replies, mine ? reply_key(mine) : "", false);
	ui_button(req, _("Send my reply"), NULL);
	ui_form_end(req);
}

static void agenda_section(struct request *req, const struct meeting *m,
                           const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct agenda_item *it;
	size_t n;
	if (store_agenda_items(req->store, m->id, req->user->id, &req->arena, &it, &n) != ST_OK) n = 0;
	bool published = m->agenda_published_at != 0;
	bool manage = policy_allows(&req->actor, PA_MANAGE_MEETINGS);
	bool begun = m->starts_at <= req->now;
	bool propose = policy_allows(&req->actor, PA_PROPOSE_ITEM) && !published &&
	               !m->cancelled_at && !begun;
	struct arena *a = &req->arena;
	const char *zone = req->panel->time_zone;
	html(b, "<h2 class=\"heading-m\" id=\"agenda\">%t</h2>", _("Agenda"));
	if (published)
		/* TRANSLATORS: about an agenda: %s is when it was published */
		html(b, "<p>%t</p>", arena_printf(a, _("Published %s. Items were proposed by members."),
		                                  format_time(req, m->agenda_published_at, zone)));
	else if (begun || m->cancelled_at)
		html(b, "<p>%t</p>", _("The agenda was not published before the meeting."));
	else if (m->agenda_due_at < req->now)
		html(b, "<p>%t</p>",
		     /* TRANSLATORS: about an agenda: %s is when it was due */
		     arena_printf(a, _("It was due by %s and is not published yet. Until a steward "
		                       "publishes it, you can still propose an item and support the ones "
		                       "that matter to you."),
		                  format_time(req, m->agenda_due_at, zone)));
	else
		html(b, "<p>%t</p>",
		     /* TRANSLATORS: about an agenda: %s is when it is due */
		     arena_printf(a, _("Not published yet: it is due by %s. Until then, anyone on the "
		                       "panel can propose an item and support the ones that matter to "
		                       "them."),
		                  format_time(req, m->agenda_due_at, zone)));
	if (!n) html(b, "<p>%t</p>", _("No items proposed yet."));
	else html(b, "<ol class=\"list\">");
	for (size_t i = 0; i < n; i++) {
		if (published && it[i].state != ITEM_AGREED && !manage && !it[i].proposed_by) continue;
		bool named = *it[i].proposer_name;
		/* TRANSLATORS: about an agenda item: %1$s its state ("On the agenda"),
		 * %2$s who proposed it, %3$lld how many support it */
		const char *about = arena_printf(a, ngettext("(%s, proposed by %s; %lld supporter)",
		                                             "(%s, proposed by %s; %lld supporters)",
		                                             (unsigned long)it[i].supporters),
		                                 _(item_state_label(it[i].state)),
		                                 named ? SLOT1 : _("a former member"),
		                                 (long long)it[i].supporters);
		html(b, "<li><strong><bdi>%t</bdi></strong> <span class=\"hint\">%r</span>", it[i].title,
		     voice_slots(req, about, named ? html_bdi(&req->arena, it[i].proposer_name) : NULL, NULL));
		if (*it[i].why) html(b, "<p dir=\"auto\">%t</p>", it[i].why);
		if (it[i].state == ITEM_NOT_TAKEN && *it[i].not_taken_reason)
			html(b, "<p>%r</p>",
			     /* TRANSLATORS: %s is the reason the stewards gave */
			     voice_slots(req, arena_printf(a, _("Not on this agenda because: %s"), SLOT1),
			                 html_bdi(&req->arena, it[i].not_taken_reason), NULL));
		if (*it[i].content_note) {
			html(b, "<p><strong>%t</strong> <bdi>%t</bdi> <a href=\"/panels/%l/support#contacts\">"
			        "%t</a></p>", _("Content note:"), it[i].content_note, m->panel_id,
			     _("Where to find support"));
			ui_form_begin(req, arena_printf(&req->arena, "%s/items/%lld/step-out",
			                                meeting_path(req, m->id), (long long)it[i].id));
			html(b, "<input type=\"hidden\" name=\"on\" value=\"%r\">", it[i].i_step_out ? "0" : "1");
			ui_button(req, it[i].i_step_out ? _("I will stay for this item after all")
			                                : _("I will step out of this item"), "secondary");
			ui_form_end(req);
			if (manage && it[i].step_outs)
				html(b, "<p class=\"hint\">%t</p>",
				     arena_printf(a, ngettext("%lld person is stepping out.",
				                              "%lld people are stepping out.",
				                              (unsigned long)it[i].step_outs),
				                  (long long)it[i].step_outs));
		}
		if (propose && it[i].state == ITEM_PROPOSED) {
			ui_form_begin(req, arena_printf(&req->arena, "%s/items/%lld/support",
			                                meeting_path(req, m->id), (long long)it[i].id));
			html(b, "<input type=\"hidden\" name=\"on\" value=\"%r\">", it[i].i_support ? "0" : "1");
			ui_button(req, it[i].i_support ? _("Withdraw my support") : _("Support this item"),
			          "secondary");
			ui_form_end(req);
		}
		html(b, "</li>");
	}
	if (n) html(b, "</ol>");
	if (propose) {
		html(b, "<h3 class=\"heading-s\" id=\"propose\">%t</h3>", _("Propose an item"));
		ui_form_begin(req, arena_printf(&req->arena, "%s/items", meeting_path(req, m->id)));
		/* TRANSLATORS: an item of a meeting's agenda */
		ui_input(req, e, "title", _("Item"), _("A short title."), field(req, "title"), "text",
		         "off");
		ui_textarea(req, e, "why", _("Why it matters"), NULL, field(req, "why"));
		ui_input(req, e, "content_note", _("Content note (optional)"),
		         _("If the item touches on something that may be hard to hear, say what, so "
		           "people can prepare or step out."), field(req, "content_note"), "text", "off");
		ui_button(req, _("Propose the item"), NULL);
		ui_form_end(req);
	}
	if (manage && !published && n) {
		html(b, "<h3 class=\"heading-s\" id=\"publish\">%t</h3><p>%t</p>",
		     _("Publish the agenda"),
		     _("For each item, choose whether it goes on this agenda. Give a reason for any you "
		       "leave off: the person who proposed it will see it."));
		ui_form_begin(req, arena_printf(&req->arena, "%s/agenda", meeting_path(req, m->id)));
		const char *problem = errors_for(e, "items");
		html(b, "<div id=\"items\" tabindex=\"-1\">");
		if (problem) html(b, "<p class=\"error-message\">%t</p>", problem);
		/* After a refusal, what was chosen and typed is shown again. */
		for (size_t i = 0; i < n; i++) {
			long long id = (long long)it[i].id;
			bool leave = !strcmp(field(req, arena_printf(&req->arena, "take-%lld", id)), "0");
			const char *reason = field(req, arena_printf(&req->arena, "reason-%lld", id));
			html(b, "<fieldset class=\"fieldset\"><legend><bdi>%t</bdi></legend>"
			        "<input type=\"hidden\" name=\"item\" value=\"%l\">"
			        "<div class=\"choice\"><input type=\"radio\" id=\"take-%l\" name=\"take-%l\" "
			        "value=\"1\"%r><label for=\"take-%l\">%t</label></div>"
			        "<div class=\"choice\"><input type=\"radio\" id=\"leave-%l\" name=\"take-%l\" "
			        "value=\"0\"%r><label for=\"leave-%l\">%t</label></div>"
			        "<div class=\"field\"><label class=\"label\" for=\"reason-%l\">%t</label>"
			        "<input class=\"input\" id=\"reason-%l\" "
			        "name=\"reason-%l\" type=\"text\" value=\"%a\"></div></fieldset>",
			     it[i].title, it[i].id, it[i].id, it[i].id, leave ? "" : " checked", it[i].id,
			     _("On the agenda"), it[i].id, it[i].id, leave ? " checked" : "", it[i].id,
			     _("Not this time"), it[i].id, _("Reason, if not this time"), it[i].id,
			     it[i].id, reason);
		}
		html(b, "</div>");
		ui_button(req, _("Publish the agenda"), NULL);
		ui_form_end(req);
	}
}

static void people_section(struct request *req, const struct meeting *m)
{
	struct buf *b = &req->out;
	struct meeting_person *pp;
	size_t n;
	if (store_meeting_people(req->store, req->panel->id, m->id, &req->arena, &pp, &n) != ST_OK) {
		html(b, "<p>%t</p>", _("We could not load the replies."));
		return;
	}
	int64_t *ids = arena_alloc(&req->arena, (n + 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++) ids[i] = pp[i].user_id;
	struct visible_profile *needs = arena_alloc(&req->arena, (n + 1) * sizeof *needs);
	bool have_needs = n && app_members_needs(req->store, req->user->id, ids, n, req->now,
	                                         &req->arena, needs);
	html(b, "<h2 class=\"heading-m\" id=\"people\">%t</h2>", _("Replies and attendance"));
	/* Nobody can have come before the meeting begins (app_record_attendance). */
	bool begun = m->starts_at <= req->now;
	if (begun) ui_form_begin(req, arena_printf(&req->arena, "%s/attendance", meeting_path(req, m->id)));
	if (!n) html(b, "<p>%t</p>", _("Nobody has replied yet."));
	else {
		html(b, "<table class=\"table\"><caption class=\"visually-hidden\">%t</caption><thead>"
		        "<tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t"
		        "</th>", _("Replies"), _("Name"), _("Reply"),
		     _("Access and communication needs"));
		if (begun) html(b, "<th scope=\"col\">%t</th>", _("Attended"));
		html(b, "</tr></thead><tbody>");
	}
	for (size_t i = 0; i < n; i++) {
		html(b, "<tr><td>%r%r</td><td data-label=\"%a\">%t</td><td data-label=\"%a\">",
		     pp[i].role == ROLE_GUEST
		     /* TRANSLATORS: %s is a person's name */
		     ? voice_slots(req, arena_printf(&req->arena, _("%s (guest)"), SLOT1),
		                   html_bdi(&req->arena, pp[i].display_name), NULL)
		     : html_bdi(&req->arena, pp[i].display_name),
		     pp[i].role == ROLE_GUEST ? "" : limit_flag_html(req, pp[i].user_id),
		     _("Reply"), _(reply_label(pp[i].reply)), _("Needs"));
		if (have_needs) needs_summary(req, &needs[i]);
		else html(b, "<span class=\"hint\">%t</span>", _("None shared"));
		html(b, "</td>");
		if (begun)
			html(b, "<td data-label=\"%a\"><input type=\"hidden\" name=\"listed\" "
			        "value=\"%l\"><div class=\"choice\"><input type=\"checkbox\" name=\"attended\" "
			        "id=\"att-%l\" value=\"%l\"%r><label for=\"att-%l\">%r</label></div></td>",
			     _("Attended"), pp[i].user_id, pp[i].user_id, pp[i].user_id,
			     pp[i].attended == 1 ? " checked" : "", pp[i].user_id,
			     /* TRANSLATORS: a box ticked when someone came: %s is their
			      * name, read only by a screen reader */
			     voice_slots(req, arena_printf(&req->arena, _("%s attended"), SLOT1),
			                 html_piece(&req->arena, "<span class=\"visually-hidden\"><bdi>%t</bdi>"
			                            "</span>", pp[i].display_name), NULL));
		html(b, "</tr>");
	}
	if (n) html(b, "</tbody></table>");
	if (!begun) {
		html(b, "<p>%t</p>", _("Attendance can be recorded once the meeting has begun."));
		return;
	}
	if (n) ui_button(req, _("Save attendance"), "secondary");
	ui_form_end(req);
	html(b, "<p><a href=\"%a/attendance\">%t</a></p>", meeting_path(req, m->id),
	     _("Record who came, including people who did not reply"));
}

/* The guests invited to the meeting (only they, of the panel's guests,
 * see it), with a way to invite another or withdraw an invitation. */
static void guests_section(struct request *req, const struct meeting *m)
{
	struct buf *b = &req->out;
	struct member_row *mr;
	size_t nm;
	if (store_members_list(req->store, req->panel->id, &req->arena, &mr, &nm) != ST_OK) return;
	html(b, "<h2 class=\"heading-m\" id=\"guests\">%t</h2><p>%t</p>", _("Guests"),
	     _("Guests see this meeting, its agenda and its papers only when invited."));
	struct field_option *opts = arena_alloc(&req->arena, (nm + 1) * sizeof *opts);
	size_t k = 0, shown = 0;
	const char *action = arena_printf(&req->arena, "%s/guests", meeting_path(req, m->id));
	for (size_t i = 0; i < nm; i++) {
		if (mr[i].m.role != ROLE_GUEST || mr[i].m.status != MEMBER_ACTIVE) continue;
		if (!store_meeting_invited(req->store, m->id, mr[i].m.user_id)) {
			/* paused or at their own limit: that, never why */
			enum limit_flag flag = app_limit_flag(req->store, mr[i].m.user_id, req->now);
			const char *name = mr[i].display_name;
			if (flag != LIMIT_NONE)
				/* TRANSLATORS: a person's name, then "Paused" or "Has reached
				 * their own limit" */
				name = arena_printf(&req->arena, _("%s (%s)"), name,
				                    flag == LIMIT_PAUSED ? _("Paused")
				                                         : _("Has reached their own limit"));
			opts[k++] = (struct field_option){
				arena_printf(&req->arena, "%lld", (long long)mr[i].m.user_id),
				option_theirs(&req->arena, name) };
			continue;
		}
		html(b, "%r<li><bdi>%t</bdi> ", shown++ ? "" : "<ul class=\"list\">", mr[i].display_name);
		ui_form_begin(req, action);
		html(b, "<input type=\"hidden\" name=\"user_id\" value=\"%l\"><input type=\"hidden\" "
		        "name=\"on\" value=\"0\">", mr[i].m.user_id);
		/* The button's words, and its name for a screen reader, which says
		 * whose invitation it is. */
		html(b, "<button type=\"submit\" class=\"link-button\" aria-label=\"%a\">%t</button>",
		     /* TRANSLATORS: what a screen reader says of the button "Withdraw
		      * the invitation": %s is the guest's name */
		     arena_printf(&req->arena, _("Withdraw the invitation of %s"), mr[i].display_name),
		     _("Withdraw the invitation"));
		ui_form_end(req);
		html(b, "</li>");
	}
	if (shown) html(b, "</ul>");
	else html(b, "<p>%t</p>", _("No guests invited."));
	opts[k] = (struct field_option){ 0, 0 };
	if (!k) return;
	ui_form_begin(req, action);
	html(b, "<input type=\"hidden\" name=\"on\" value=\"1\">");
	ui_select(req, NULL, "user_id", _("Invite a guest of the panel"), opts, NULL);
	ui_button(req, _("Invite them"), "secondary");
	ui_form_end(req);
}

void meeting_guests_post(struct request *req)
{
	struct meeting m = *req->meeting;
	int64_t uid;
	const char *on = field(req, "on");
	if (strcmp(on, "0") && strcmp(on, "1")) {
		respond_error_field(req, 400, "invalid", "on",
		                    _("The form is not right. Reload the page."));
		return;
	}
	if (!parse_i64(field(req, "user_id"), 1, INT64_MAX, &uid)) {
		respond_error_field(req, 400, "invalid", "user_id",
		                    _("Choose one of the panel's guests. Nothing was changed."));
		return;
	}
	struct app_error err;
	if (!app_meeting_guest_set(req->store, req->panel, &m, uid, *on == '1', req->now,
	                           &req->arena, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#guests", meeting_path(req, m.id)));
}

/* Everyone who may attend, to record who came: the panel's active
 * stewards and co-creators and the meeting's invited guests. On a page of
 * its own because it lists the panel's members (as the members page does). */
void attendance_get(struct request *req)
{
	struct meeting m = *req->meeting;
	struct member_row *mr;
	struct meeting_person *pp;
	size_t nm, np;
	if (store_members_list(req->store, req->panel->id, &req->arena, &mr, &nm) != ST_OK ||
	    store_meeting_people(req->store, req->panel->id, m.id, &req->arena, &pp, &np) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the members."));
		return;
	}
	page_begin(req, _("Who came"), NULL);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"%a#people\">%r</a><h1 class=\"heading-l\">%r</h1>",
	     meeting_path(req, m.id),
	     /* TRANSLATORS: a link back: %s is the name or title of the page it goes
	      * back to */
	     voice_slots(req, arena_printf(&req->arena, _("Back to %s"), SLOT1),
	                 html_bdi(&req->arena, m.title), NULL),
	     /* TRANSLATORS: a heading: %s is a meeting's title */
	     voice_slots(req, arena_printf(&req->arena, _("Who came to %s"), SLOT1),
	                 html_bdi(&req->arena, m.title), NULL));
	if (m.starts_at > req->now) {
		html(b, "<p>%t</p>", _("Attendance can be recorded once the meeting has begun."));
		page_end(req);
		return;
	}
	html(b, "<p>%t</p>", _("Tick everyone who came. People recorded as attending are asked to "
	                       "reflect on the meeting."));
	ui_form_begin(req, arena_printf(&req->arena, "%s/attendance", meeting_path(req, m.id)));
	html(b, "<fieldset class=\"fieldset\"><legend>%t</legend>", _("Attended"));
	struct buf listed = {0};
	for (size_t i = 0; i < nm; i++) {
		const struct membership *x = &mr[i].m;
		if (x->status != MEMBER_ACTIVE) continue;
		if (x->role == ROLE_GUEST && !store_meeting_invited(req->store, m.id, x->user_id))
			continue;
		bool came = false;
		for (size_t j = 0; j < np; j++)
			if (pp[j].user_id == x->user_id) came = pp[j].attended == 1;
		/* Names may be alike: the address, read with the box, tells who. */
		html(b, "<div class=\"choice\"><input type=\"checkbox\" name=\"attended\" "
		        "id=\"att-%l\" value=\"%l\"%r aria-describedby=\"att-%l-who\"><label "
		        "for=\"att-%l\">%r</label>%r <span class=\"hint\" id=\"att-%l-who\"><bdi>%t</bdi>"
		        "</span></div>",
		     x->user_id, x->user_id, came ? " checked" : "", x->user_id, x->user_id,
		     x->role == ROLE_GUEST
		     /* TRANSLATORS: %s is a person's name */
		     ? voice_slots(req, arena_printf(&req->arena, _("%s (guest)"), SLOT1),
		                   html_bdi(&req->arena, mr[i].display_name), NULL)
		     : html_bdi(&req->arena, mr[i].display_name),
		     /* paused or at their own limit: that, never why */
		     limit_flag_html(req, x->user_id), x->user_id, mr[i].email);
		bool has_record = false;
		for (size_t j = 0; j < np; j++) has_record |= pp[j].user_id == x->user_id;
		if (has_record) buf_printf(&listed, "%s%lld", listed.len ? "," : "", (long long)x->user_id);
	}
	/* One field for everyone with a record (so unticking records them as
	 * not attending), which keeps a big panel within the form's field
	 * limit (form.h). */
	html(b, "</fieldset><input type=\"hidden\" name=\"listed\" value=\"%a\">",
	     listed.data ? listed.data : "");
	buf_free(&listed);
	ui_button(req, _("Save attendance"), NULL);
	ui_form_end(req);
	page_end(req);
}

static void record_form(struct request *req, const struct meeting *m)
{
	struct buf *b = &req->out;
	struct meeting_person *pp;
	struct member_row *resp;
	size_t n = 0, nr = 0;
	if (store_meeting_people(req->store, req->panel->id, m->id, &req->arena, &pp, &n) != ST_OK ||
	    store_panel_responders(req->store, req->panel->id, &req->arena, &resp, &nr) != ST_OK)
		return;
	struct field_option *who = arena_alloc(&req->arena, (n + 2) * sizeof *who);
	who[0] = (struct field_option){ arena_printf(&req->arena, "%lld", (long long)req->user->id),
	                                /* TRANSLATORS: in a list of who said something:
	                                 * the person using the page */
	                                N_("Me") };
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		if (pp[i].user_id != req->user->id)
			who[k++] = (struct field_option){
				arena_printf(&req->arena, "%lld", (long long)pp[i].user_id), 				option_theirs(&req->arena, pp[i].display_name) };
	who[k] = (struct field_option){ 0, 0 };
	struct field_option *owners = arena_alloc(&req->arena, (nr + 2) * sizeof *owners);
	owners[0] = (struct field_option){ "", N_("The panel's lead steward") };
	for (size_t i = 0; i < nr; i++)
		owners[i + 1] = (struct field_option){
			arena_printf(&req->arena, "%lld", (long long)resp[i].m.user_id),
			option_theirs(&req->arena, resp[i].m.role == ROLE_GUEST
				/* TRANSLATORS: %s is a person's name */
				? arena_printf(&req->arena, _("%s (guest)"), resp[i].display_name)
				: resp[i].display_name) };
	owners[nr + 1] = (struct field_option){ 0, 0 };
	static const struct field_option kinds[] = {
		{ "idea", N_("Idea") }, { "concern", N_("Concern") }, { "question", N_("Question") },
		{ "recommendation", N_("Recommendation") }, { 0, 0 } };
	static const struct field_option attributions[] = {
		{ "named", N_("With their name") },
		{ "anonymous", N_("Anonymous: they can follow it, nobody else sees who said it") },
		{ "group", N_("On behalf of a group") }, { 0, 0 } };
	html(b, "<h2 class=\"heading-m\" id=\"record\">%t</h2>", _("Record what someone said"));
	ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/contributions",
	                                (long long)req->panel->id));
	html(b, "<input type=\"hidden\" name=\"meeting_id\" value=\"%l\">"
	        "<input type=\"hidden\" name=\"next\" value=\"%a#said\">", m->id,
	     meeting_path(req, m->id));
	ui_select(req, NULL, "author_id", _("Who said it"), who, NULL);
	ui_choices(req, NULL, "kind", _("What is it?"), NULL, kinds, "idea", false);
	ui_textarea(req, NULL, "body", _("What they said"), _("In their words, as far as you can."),
	            "");
	ui_choices(req, NULL, "attribution", _("How it is shown"), NULL, attributions, "named",
	           false);
	ui_input(req, NULL, "group_name", _("The group's name"), _("Only when on behalf of a group."),
	         "", "text", "off");
	ui_select(req, NULL, "owner_id", _("Who will respond"), owners, NULL);
	ui_button(req, _("Record it"), NULL);
	ui_form_end(req);
}

void meeting_get(struct request *req)
{
	meeting_page(req, req->meeting, req->invited, NULL);
}

static void meeting_page(struct request *req, const struct meeting *mp, bool invited,
                  const struct form_errors *e)
{
	const struct meeting m = *mp;
	const struct panel *p = req->panel;
	enum meeting_reply mine;
	bool attended;
	struct contribution *said;
	size_t nsaid;
	if (store_meeting_mine(req->store, m.id, req->user->id, &mine, &attended) != ST_OK ||
	    store_contributions_list(req->store, CS_MEETING, m.id, req->user->id, 0, 200,
	                             &req->arena, &said, &nsaid) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load this meeting."));
		return;
	}
	bool manage = policy_allows(&req->actor, PA_MANAGE_MEETINGS);
	page_begin(req, m.title, e);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"/panels/%l/meetings\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\"><bdi>%t</bdi>"
	        "</h1>", p->id, _("Back to meetings"), p->name, m.title);
	if (m.cancelled_at)
		html(b, "<p><strong class=\"tag tag-red\">%t</strong></p>", _("Cancelled"));
	/* before anything else about the meeting */
	if (*m.content_note) {
		html(b, "<div class=\"content-note\" role=\"note\"><strong>%t</strong> "
		        "<span dir=\"auto\">%t</span>", _("Content note:"), m.content_note);
		support_beside_note(req);
		html(b, "</div>");
	}
	html(b, "<dl class=\"summary\"><div><dt>%t</dt><dd>%t</dd></div>", _("When"),
	     /* TRANSLATORS: when a meeting is ("3 March 2026, 14:00 to 3 March
	      * 2026, 16:00"), and the time zone ("Europe/London") */
	     arena_printf(&req->arena, _("%s (%s)"), meeting_when(req, &m), p->time_zone));
	if (*m.place) html(b, "<div><dt>%t</dt><dd dir=\"auto\">%t</dd></div>", _("Where"), m.place);
	if (*m.place_access)
		html(b, "<div><dt>%t</dt><dd dir=\"auto\">%t</dd></div>", _("Access"), m.place_access);
	if (*m.online_url)
		html(b, "<div><dt>%t</dt><dd><a href=\"%a\" rel=\"noopener noreferrer\"><bdi>%t</bdi>"
		        "</a></dd></div>", _("Online"), m.online_url, m.online_url);
	if (*m.project_title)
		html(b, "<div><dt>%t</dt><dd><a href=\"/panels/%l/projects/%l\"><bdi>%t</bdi></a></dd>"
		        "</div>", _("Project"), p->id, m.project_id, m.project_title);
	html(b, "<div><dt>%t</dt><dd>%t</dd></div></dl>", _("Your reply"), _(reply_label(mine)));
	html(b, "<p><a href=\"%a/calendar.ics\">%t</a> <span class=\"hint\">%r</span></p>",
	     meeting_path(req, m.id), _("Add to your calendar"),
	     /* TRANSLATORS: after "Add to your calendar": %s is a link whose words
	      * are "account page" */
	     voice_slots(req, arena_printf(&req->arena, _("(a file your calendar program opens; or "
	                                                  "follow all your meetings with the calendar "
	                                                  "feed on your %s)"), SLOT1),
	                 /* TRANSLATORS: a link's words, in "...the calendar feed on your
	                  * account page" */
	                 html_link(&req->arena, "/account", _("account page")), NULL));
	if (policy_can_reply_to_meeting(&req->actor, invited) && !m.cancelled_at &&
	    m.ends_at > req->now)
		reply_form(req, &m, mine, e);
	if (policy_allows(&req->actor, PA_VIEW_REPRESENTATION)) {
		/* the empty chairs as last published: this page writes nothing */
		struct rep_report rep;
		struct app_error err;
		const char *who = arena_printf(&req->arena, "%s/who-came", meeting_path(req, m.id));
		if (app_rep_report(req->store, p->id, m.id, NULL, false, &req->arena, &rep, &err))
			rep_empty_chairs_html(req, &rep, REP_SCOPE_MEETING, who);
		if (m.starts_at <= req->now)
			html(b, "<p><a href=\"%a\">%t</a></p>", who, _("Who came, against the panel's targets"));
	}
	agenda_section(req, &m, e);
	papers_section(req, &m, invited);
	check_in_section(req, &m, invited, e);
	reflection_section(req, &m, invited, attended, e);
	change_section(req, &m, e);
	html(b, "<h2 class=\"heading-m\" id=\"said\">%t</h2>", _("You said, we did"));
	if (nsaid)
		html(b, "<p><a href=\"%a/you-said-we-did.csv\">%t</a></p>", meeting_path(req, m.id),
		     _("Download the table (CSV, opens in a spreadsheet)"));
	if (!nsaid) html(b, "<p>%t</p>", _("Nothing recorded from this meeting yet."));
	for (size_t i = 0; i < nsaid; i++)
		if (policy_can_see_contribution(&req->actor, said[i].owner_id == req->user->id))
			contribution_card(req, &said[i], p->time_zone, true, false);
	if (manage) {
		guests_section(req, &m);
		people_section(req, &m);
		record_form(req, &m);
	}
	page_end(req);
}

void meeting_reply_post(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	struct form_errors e = {0};
	struct input_value in[REPLY_INPUTS];
	enum meeting_reply r = REPLY_NONE;
	struct app_error err;
	bool ok = form_inputs(req, reply_inputs, REPLY_INPUTS, in, &e) &&
	          reply_parse(in[REPLY_REPLY].text, &r);
	if (ok) {
		ok = app_meeting_reply(req->store, &req->actor, &m, invited, req->user->id, r, req->now,
		                       &err);
		if (!ok && !app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (req->status < 400) req->status = 400;
		meeting_page(req, &m, invited, &e);
		return;
	}
	respond_redirect(req, meeting_path(req, m.id));
}

void item_propose_post(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	int64_t id;
	struct app_error err;
	struct form_errors e = {0};
	struct input_value in[ITEM_INPUTS];
	bool ok = form_inputs(req, item_inputs, ITEM_INPUTS, in, &e);
	if (ok) {
		ok = app_propose_item(req->store, &m, req->user->id, in[ITEM_TITLE].text,
		                      in[ITEM_WHY].text, in[ITEM_CONTENT_NOTE].text, req->now, &id, &err);
		if (!ok && !app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (req->status < 400) req->status = 400;
		meeting_page(req, &m, invited, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#agenda", meeting_path(req, m.id)));
}

/* Support or step out: on=1 or on=0 for item {id} (third id). */
static void item_toggle(struct request *req, bool support)
{
	struct meeting m = *req->meeting;
	struct agenda_item it;
	if (store_agenda_item_get(req->store, m.id, req->params[2], req->user->id, &req->arena,
	                          &it) != ST_OK) {
		respond_error(req, 404, "not_found", _("There is no such item on this meeting's agenda."));
		return;
	}
	const char *on = field(req, "on");
	if (strcmp(on, "0") && strcmp(on, "1")) {
		respond_error_field(req, 400, "invalid", "on",
		                    _("The form is not right. Reload the page."));
		return;
	}
	struct app_error err;
	if (!app_item_toggle(req->store, &m, &it, support, req->user->id, *on == '1', req->now,
	                     &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#agenda", meeting_path(req, m.id)));
}

void item_support_post(struct request *req) { item_toggle(req, true); }
void item_step_out_post(struct request *req) { item_toggle(req, false); }

void agenda_publish_post(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	size_t n = 0;
	struct agenda_choice *c = arena_alloc(&req->arena, (req->form.n + 1) * sizeof *c);
	for (size_t i = 0; i < req->form.n; i++) {
		if (strcmp(req->form.fields[i].name, "item")) continue;
		int64_t id;
		if (!parse_i64(req->form.fields[i].value, 1, INT64_MAX, &id)) {
			respond_error(req, 400, "invalid", _("The form is not right. Reload the page."));
			return;
		}
		char key[40];
		snprintf(key, sizeof key, "take-%lld", (long long)id);
		bool take = strcmp(field(req, key), "0") != 0;
		snprintf(key, sizeof key, "reason-%lld", (long long)id);
		c[n++] = (struct agenda_choice){ id, take,
		                                 text_trim(arena_strdup(&req->arena, field(req, key))) };
	}
	struct app_error err;
	struct form_errors e = {0};
	if (!app_agenda_publish(req->store, &m, c, n, req->user->id, req->now, &req->arena,
	                        &err)) {
		/* The agenda form again, with what was chosen and typed. */
		if (app_error_to_form(req, &err, &e)) meeting_page(req, &m, invited, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#agenda", meeting_path(req, m.id)));
}

static bool id_in(int64_t id, const int64_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id) return true;
	return false;
}

/* "listed": the people whose attendance the form showed with a record
 * (each may be one field or several ids joined with commas); "attended":
 * those ticked. A listed person not ticked is recorded as not attending; a
 * ticked person is recorded as attending. Nobody else gets a record, so an
 * unticked name on the "who came" page leaves no trace. */
void attendance_post(struct request *req)
{
	struct meeting m = *req->meeting;
	int64_t *listed, *ticked;
	size_t nl, nt;
	if (!form_ids(form_get_all(&req->form, "listed", &req->arena), &req->arena, &listed, &nl) ||
	    !form_ids(form_get_all(&req->form, "attended", &req->arena), &req->arena, &ticked,
	              &nt)) {
		respond_error(req, 400, "invalid", _("The form is not right. Reload the page."));
		return;
	}
	for (size_t k = 0; k < nl + nt; k++) {
		int64_t uid = k < nl ? listed[k] : ticked[k - nl];
		if (k >= nl && id_in(uid, listed, nl)) continue; /* done with the listed */
		struct membership mem;
		struct app_error err;
		if (store_membership_get(req->store, req->panel->id, uid, &mem) != ST_OK) continue;
		if (!app_record_attendance(req->store, req->panel, &m, req->user->id, uid,
		                           id_in(uid, ticked, nt), req->now, &req->arena, &err)) {
			respond_app_error(req, &err);
			return;
		}
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#people", meeting_path(req, m.id)));
}

void reflection_post(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	struct form_errors e = {0};
	struct input_value in[REFLECTION_INPUTS];
	struct reflection r;
	struct app_error err;
	bool ok = form_inputs(req, reflection_inputs, REFLECTION_INPUTS, in, &e);
	if (ok) {
		app_reflection_from_inputs(in, &r);
		ok = app_reflect(req->store, &req->actor, invited, &m, req->user->id, &r, req->now, &err);
		if (!ok && !app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (req->status < 400) req->status = 400;
		meeting_page(req, &m, invited, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#reflection", meeting_path(req, m.id)));
}

void check_in_post(struct request *req)
{
	struct meeting m = *req->meeting;
	struct form_errors e = {0};
	struct input_value in[CHECK_IN_INPUTS];
	struct app_error err;
	enum check_in_answer answer = CHECK_IN_NONE;
	bool ok = form_inputs(req, check_in_inputs, CHECK_IN_INPUTS, in, &e);
	if (ok) {
		check_in_parse(in[CHECK_IN_ANSWER].text, &answer);
		ok = app_check_in(req->store, &req->actor, req->invited, &m, req->user->id, answer,
		                  req->now, &req->arena, &err);
		if (!ok && !app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (req->status < 400) req->status = 400;
		meeting_page(req, &m, req->invited, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#check-in", meeting_path(req, m.id)));
}

void what_we_will_change_post(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	struct form_errors e = {0};
	struct input_value in[CHANGE_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, change_inputs, CHANGE_INPUTS, in, &e);
	if (ok) {
		ok = app_what_we_will_change(req->store, &m, in[CHANGE_TEXT].text, req->user->id,
		                             req->now, &req->arena, &err);
		if (!ok && !app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (req->status < 400) req->status = 400;
		meeting_page(req, &m, invited, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#change", meeting_path(req, m.id)));
}
