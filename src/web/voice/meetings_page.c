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
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/people/people_ui.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

/* The page, with e after a refused form (whose fields keep what was typed). */
static void meeting_page(struct request *req, const struct meeting *m, bool invited,
                         const struct form_errors *e);

static void meeting_when(struct request *req, const struct meeting *m)
{
	const char *zone = req->panel->time_zone;
	html(&req->out, "%t to %t", format_time(req, m->starts_at, zone),
	     format_time(req, m->ends_at, zone));
}

/* ---- the list and a new meeting ---- */

/* Asked of a meeting planned for a time that has passed: the page makes
 * no meeting in the past without a word (the API takes one as it is: a
 * program means what it sends). */
static const char PAST_DATE[] =
	"This time has already passed. To record a meeting that already happened, tick \"It has "
	"already happened\" and save again; otherwise correct the date.";

static void meetings_page(struct request *req, const struct form_errors *e)
{
	const struct panel *p = req->panel;
	bool guest = req->actor.role == ROLE_GUEST;
	struct meeting *m;
	size_t n;
	if (store_meetings_list(req->store, p->id, 0, req->user->id, guest, &req->arena, &m, &n) !=
	    ST_OK) {
		respond_error(req, 500, "internal", "We could not load the meetings.");
		return;
	}
	page_begin(req, "Meetings", e);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">Back to %t</a>"
	        "<h1 class=\"heading-l\">Meetings</h1>"
	        "<p class=\"hint\">Times are in %t.</p>", p->id, p->name, p->time_zone);
	for (int past = 0; past < 2; past++) {
		html(b, "<h2 class=\"heading-m\">%r</h2>", past ? "Past meetings" : "Coming up");
		int shown = 0;
		for (size_t k = 0; k < n; k++) {
			/* Coming up soonest first; past ones most recent first. */
			size_t i = past ? n - 1 - k : k;
			if ((m[i].ends_at < req->now) != past) continue;
			html(b, "%r<li><a href=\"/panels/%l/meetings/%l\">%t</a>, ", shown ? "" :
			     "<ul class=\"list\">", p->id, m[i].id, m[i].title);
			meeting_when(req, &m[i]);
			html(b, "%r</li>", m[i].cancelled_at ? " <strong class=\"tag tag-red\">Cancelled"
			                                       "</strong>" : "");
			shown++;
		}
		html(b, "%r", shown ? "</ul>" : past ? "<p>None yet.</p>" : "<p>No meetings planned.</p>");
	}
	if (policy_allows(&req->actor, PA_MANAGE_MEETINGS)) {
		struct project *pr;
		size_t np;
		if (store_projects_list(req->store, p->id, &req->arena, &pr, &np) != ST_OK) np = 0;
		struct field_option *opts = arena_alloc(&req->arena, (np + 2) * sizeof *opts);
		opts[0] = (struct field_option){ "", "Not part of a project" };
		for (size_t i = 0; i < np; i++)
			opts[i + 1] = (struct field_option){
				arena_printf(&req->arena, "%lld", (long long)pr[i].id), pr[i].title };
		opts[np + 1] = (struct field_option){ 0, 0 };
		html(b, "<h2 class=\"heading-m\" id=\"new\">Plan a meeting</h2>");
		ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/meetings", (long long)p->id));
		ui_input(req, e, "title", "Title", NULL, field(req, "title"), "text", "off");
		ui_select(req, e, "project_id", "Project", opts, field(req, "project_id"));
		ui_input(req, e, "date", "Date", "For example 10/12/2026 or 10 December 2026.",
		         field(req, "date"), "text", "off");
		ui_input(req, e, "start_time", "Starts at", "For example 14:00 or 2pm.",
		         field(req, "start_time"), "text", "off");
		ui_input(req, e, "end_time", "Ends at", "For example 16:00 or 4pm.", field(req, "end_time"),
		         "text", "off");
		ui_input(req, e, "place", "Place", "Leave blank for an online-only meeting.",
		         field(req, "place"), "text", "off");
		ui_textarea(req, e, "place_access", "Access information for the place",
		            "Step-free access, hearing loop, accessible toilets, quiet room, parking.",
		            field(req, "place_access"));
		ui_input(req, e, "online_url", "Online link", "Leave blank for an in-person meeting.",
		         field(req, "online_url"), "url", "off");
		if (errors_for(e, "date") == PAST_DATE) {
			static const struct field_option past[] = {
				{ "1", "It has already happened: record it as a past meeting" }, { 0, 0 } };
			ui_choices(req, NULL, "in_past", "A meeting in the past",
			           "Members are not told of a past meeting as planned.", past, "", true);
		}
		html(b, "<p>The agenda will be due %l days before the meeting. Members can propose "
		        "items until you publish it.</p>", p->agenda_days);
		ui_button(req, "Plan the meeting", NULL);
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
		errors_add(&e, "date", PAST_DATE);
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
		{ "coming", "Coming" }, { "maybe", "Maybe" }, { "not_coming", "Not coming" }, { 0, 0 } };
	html(&req->out, "<h2 class=\"heading-m\">Are you coming?</h2>");
	ui_form_begin(req, arena_printf(&req->arena, "%s/reply", meeting_path(req, m->id)));
	ui_choices(req, e, "reply", "Your reply",
	           "Stewards see the access and communication needs you share with them, so they "
	           "can arrange what you need.", replies, mine ? reply_key(mine) : "", false);
	ui_button(req, "Send my reply", NULL);
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
	html(b, "<h2 class=\"heading-m\" id=\"agenda\">Agenda</h2>");
	if (published)
		html(b, "<p>Published %t. Items were proposed by members.</p>",
		     format_time(req, m->agenda_published_at, req->panel->time_zone));
	else if (begun || m->cancelled_at)
		html(b, "<p>The agenda was not published before the meeting.</p>");
	else if (m->agenda_due_at < req->now)
		html(b, "<p>It was due by %t and is not published yet. Until a steward publishes it, "
		        "you can still propose an item and support the ones that matter to you.</p>",
		     format_time(req, m->agenda_due_at, req->panel->time_zone));
	else
		html(b, "<p>Not published yet: it is due by %t. Until then, anyone on the panel can "
		        "propose an item and support the ones that matter to them.</p>",
		     format_time(req, m->agenda_due_at, req->panel->time_zone));
	if (!n) html(b, "<p>No items proposed yet.</p>");
	else html(b, "<ol class=\"list\">");
	for (size_t i = 0; i < n; i++) {
		if (published && it[i].state != ITEM_AGREED && !manage && !it[i].proposed_by) continue;
		html(b, "<li><strong>%t</strong> <span class=\"hint\">(%t, proposed by %t; %l "
		        "supporter%r)</span>", it[i].title, item_state_label(it[i].state),
		     *it[i].proposer_name ? it[i].proposer_name : "a former member", it[i].supporters,
		     it[i].supporters == 1 ? "" : "s");
		if (*it[i].why) html(b, "<p>%t</p>", it[i].why);
		if (it[i].state == ITEM_NOT_TAKEN && *it[i].not_taken_reason)
			html(b, "<p>Not on this agenda because: %t</p>", it[i].not_taken_reason);
		if (*it[i].content_note) {
			html(b, "<p><strong>Content note:</strong> %t</p>", it[i].content_note);
			ui_form_begin(req, arena_printf(&req->arena, "%s/items/%lld/step-out",
			                                meeting_path(req, m->id), (long long)it[i].id));
			html(b, "<input type=\"hidden\" name=\"on\" value=\"%r\">", it[i].i_step_out ? "0" : "1");
			ui_button(req, it[i].i_step_out ? "I will stay for this item after all"
			                                : "I will step out of this item", "secondary");
			ui_form_end(req);
			if (manage && it[i].step_outs)
				html(b, "<p class=\"hint\">%l %r stepping out.</p>", it[i].step_outs,
				     it[i].step_outs == 1 ? "person is" : "people are");
		}
		if (propose && it[i].state == ITEM_PROPOSED) {
			ui_form_begin(req, arena_printf(&req->arena, "%s/items/%lld/support",
			                                meeting_path(req, m->id), (long long)it[i].id));
			html(b, "<input type=\"hidden\" name=\"on\" value=\"%r\">", it[i].i_support ? "0" : "1");
			ui_button(req, it[i].i_support ? "Withdraw my support" : "Support this item",
			          "secondary");
			ui_form_end(req);
		}
		html(b, "</li>");
	}
	if (n) html(b, "</ol>");
	if (propose) {
		html(b, "<h3 class=\"heading-s\" id=\"propose\">Propose an item</h3>");
		ui_form_begin(req, arena_printf(&req->arena, "%s/items", meeting_path(req, m->id)));
		ui_input(req, e, "title", "Item", "A short title.", field(req, "title"), "text", "off");
		ui_textarea(req, e, "why", "Why it matters", NULL, field(req, "why"));
		ui_input(req, e, "content_note", "Content note (optional)",
		         "If the item touches on something that may be hard to hear, say what, so "
		         "people can prepare or step out.", field(req, "content_note"), "text", "off");
		ui_button(req, "Propose the item", NULL);
		ui_form_end(req);
	}
	if (manage && !published && n) {
		html(b, "<h3 class=\"heading-s\" id=\"publish\">Publish the agenda</h3>"
		        "<p>For each item, choose whether it goes on this agenda. Give a reason for any "
		        "you leave off: the person who proposed it will see it.</p>");
		ui_form_begin(req, arena_printf(&req->arena, "%s/agenda", meeting_path(req, m->id)));
		const char *problem = errors_for(e, "items");
		html(b, "<div id=\"items\" tabindex=\"-1\">");
		if (problem) html(b, "<p class=\"error-message\">%t</p>", problem);
		/* After a refusal, what was chosen and typed is shown again. */
		for (size_t i = 0; i < n; i++) {
			long long id = (long long)it[i].id;
			bool leave = !strcmp(field(req, arena_printf(&req->arena, "take-%lld", id)), "0");
			const char *reason = field(req, arena_printf(&req->arena, "reason-%lld", id));
			html(b, "<fieldset class=\"fieldset\"><legend>%t</legend>"
			        "<input type=\"hidden\" name=\"item\" value=\"%l\">"
			        "<div class=\"choice\"><input type=\"radio\" id=\"take-%l\" name=\"take-%l\" "
			        "value=\"1\"%r><label for=\"take-%l\">On the agenda</label></div>"
			        "<div class=\"choice\"><input type=\"radio\" id=\"leave-%l\" name=\"take-%l\" "
			        "value=\"0\"%r><label for=\"leave-%l\">Not this time</label></div>"
			        "<div class=\"field\"><label class=\"label\" for=\"reason-%l\">Reason, if "
			        "not this time</label><input class=\"input\" id=\"reason-%l\" "
			        "name=\"reason-%l\" type=\"text\" value=\"%a\"></div></fieldset>",
			     it[i].title, it[i].id, it[i].id, it[i].id, leave ? "" : " checked", it[i].id,
			     it[i].id, it[i].id, leave ? " checked" : "", it[i].id, it[i].id, it[i].id,
			     it[i].id, reason);
		}
		html(b, "</div>");
		ui_button(req, "Publish the agenda", NULL);
		ui_form_end(req);
	}
}

static void people_section(struct request *req, const struct meeting *m)
{
	struct buf *b = &req->out;
	struct meeting_person *pp;
	size_t n;
	if (store_meeting_people(req->store, req->panel->id, m->id, &req->arena, &pp, &n) != ST_OK) {
		html(b, "<p>We could not load the replies.</p>");
		return;
	}
	int64_t *ids = arena_alloc(&req->arena, (n + 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++) ids[i] = pp[i].user_id;
	struct visible_profile *needs = arena_alloc(&req->arena, (n + 1) * sizeof *needs);
	bool have_needs = n && app_members_needs(req->store, req->user->id, ids, n, req->now,
	                                         &req->arena, needs);
	html(b, "<h2 class=\"heading-m\" id=\"people\">Replies and attendance</h2>");
	/* Nobody can have come before the meeting begins (app_record_attendance). */
	bool begun = m->starts_at <= req->now;
	if (begun) ui_form_begin(req, arena_printf(&req->arena, "%s/attendance", meeting_path(req, m->id)));
	if (!n) html(b, "<p>Nobody has replied yet.</p>");
	else html(b, "<table class=\"table\"><caption class=\"visually-hidden\">Replies</caption><thead><tr>"
	        "<th scope=\"col\">Name</th><th scope=\"col\">Reply</th><th scope=\"col\">Access and "
	        "communication needs</th>%r</tr></thead><tbody>",
	        begun ? "<th scope=\"col\">Attended</th>" : "");
	for (size_t i = 0; i < n; i++) {
		html(b, "<tr><td>%t%r</td><td data-label=\"Reply\">%t</td><td data-label=\"Needs\">",
		     pp[i].display_name, pp[i].role == ROLE_GUEST ? " (guest)" : "",
		     reply_label(pp[i].reply));
		if (have_needs) needs_summary(req, &needs[i]);
		else html(b, "<span class=\"hint\">None shared</span>");
		html(b, "</td>");
		if (begun)
			html(b, "<td data-label=\"Attended\"><input type=\"hidden\" name=\"listed\" "
			        "value=\"%l\"><div class=\"choice\"><input type=\"checkbox\" name=\"attended\" "
			        "id=\"att-%l\" value=\"%l\"%r><label for=\"att-%l\"><span class=\"visually-"
			        "hidden\">%t </span>attended</label></div></td>", pp[i].user_id,
			     pp[i].user_id, pp[i].user_id, pp[i].attended == 1 ? " checked" : "",
			     pp[i].user_id, pp[i].display_name);
		html(b, "</tr>");
	}
	if (n) html(b, "</tbody></table>");
	if (!begun) {
		html(b, "<p>Attendance can be recorded once the meeting has begun.</p>");
		return;
	}
	if (n) ui_button(req, "Save attendance", "secondary");
	ui_form_end(req);
	html(b, "<p><a href=\"%a/attendance\">Record who came, including people who did not "
	        "reply</a></p>", meeting_path(req, m->id));
}

/* The guests invited to the meeting (only they, of the panel's guests,
 * see it), with a way to invite another or withdraw an invitation. */
static void guests_section(struct request *req, const struct meeting *m)
{
	struct buf *b = &req->out;
	struct member_row *mr;
	size_t nm;
	if (store_members_list(req->store, req->panel->id, &req->arena, &mr, &nm) != ST_OK) return;
	html(b, "<h2 class=\"heading-m\" id=\"guests\">Guests</h2><p>Guests see this meeting, its "
	        "agenda and its papers only when invited.</p>");
	struct field_option *opts = arena_alloc(&req->arena, (nm + 1) * sizeof *opts);
	size_t k = 0, shown = 0;
	const char *action = arena_printf(&req->arena, "%s/guests", meeting_path(req, m->id));
	for (size_t i = 0; i < nm; i++) {
		if (mr[i].m.role != ROLE_GUEST || mr[i].m.status != MEMBER_ACTIVE) continue;
		if (!store_meeting_invited(req->store, m->id, mr[i].m.user_id)) {
			opts[k++] = (struct field_option){
				arena_printf(&req->arena, "%lld", (long long)mr[i].m.user_id),
				mr[i].display_name };
			continue;
		}
		html(b, "%r<li>%t ", shown++ ? "" : "<ul class=\"list\">", mr[i].display_name);
		ui_form_begin(req, action);
		html(b, "<input type=\"hidden\" name=\"user_id\" value=\"%l\"><input type=\"hidden\" "
		        "name=\"on\" value=\"0\">", mr[i].m.user_id);
		html(b, "<button type=\"submit\" class=\"link-button\">Withdraw the invitation"
		        "<span class=\"visually-hidden\"> of %t</span></button>", mr[i].display_name);
		ui_form_end(req);
		html(b, "</li>");
	}
	html(b, "%r", shown ? "</ul>" : "<p>No guests invited.</p>");
	opts[k] = (struct field_option){ 0, 0 };
	if (!k) return;
	ui_form_begin(req, action);
	html(b, "<input type=\"hidden\" name=\"on\" value=\"1\">");
	ui_select(req, NULL, "user_id", "Invite a guest of the panel", opts, NULL);
	ui_button(req, "Invite them", "secondary");
	ui_form_end(req);
}

void meeting_guests_post(struct request *req)
{
	struct meeting m = *req->meeting;
	int64_t uid;
	const char *on = field(req, "on");
	if (strcmp(on, "0") && strcmp(on, "1")) {
		respond_error_field(req, 400, "invalid", "on", "The form is not right. Reload the page.");
		return;
	}
	if (!parse_i64(field(req, "user_id"), 1, INT64_MAX, &uid)) {
		respond_error_field(req, 400, "invalid", "user_id",
		                    "Choose one of the panel's guests. Nothing was changed.");
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
		respond_error(req, 500, "internal", "We could not load the members.");
		return;
	}
	page_begin(req, "Who came", NULL);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"%a#people\">Back to %t</a><h1 class=\"heading-l\">"
	        "Who came to %t</h1>", meeting_path(req, m.id), m.title, m.title);
	if (m.starts_at > req->now) {
		html(b, "<p>Attendance can be recorded once the meeting has begun.</p>");
		page_end(req);
		return;
	}
	html(b, "<p>Tick everyone who came. People recorded as attending are asked to reflect on "
	        "the meeting.</p>");
	ui_form_begin(req, arena_printf(&req->arena, "%s/attendance", meeting_path(req, m.id)));
	html(b, "<fieldset class=\"fieldset\"><legend>Attended</legend>");
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
		        "for=\"att-%l\">%t%r</label> <span class=\"hint\" id=\"att-%l-who\">%t</span>"
		        "</div>",
		     x->user_id, x->user_id, came ? " checked" : "", x->user_id, x->user_id,
		     mr[i].display_name, x->role == ROLE_GUEST ? " (guest)" : "", x->user_id,
		     mr[i].email);
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
	ui_button(req, "Save attendance", NULL);
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
	                                "Me" };
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		if (pp[i].user_id != req->user->id)
			who[k++] = (struct field_option){
				arena_printf(&req->arena, "%lld", (long long)pp[i].user_id), pp[i].display_name };
	who[k] = (struct field_option){ 0, 0 };
	struct field_option *owners = arena_alloc(&req->arena, (nr + 2) * sizeof *owners);
	owners[0] = (struct field_option){ "", "The panel's lead steward" };
	for (size_t i = 0; i < nr; i++)
		owners[i + 1] = (struct field_option){
			arena_printf(&req->arena, "%lld", (long long)resp[i].m.user_id),
			resp[i].m.role == ROLE_GUEST
				? arena_printf(&req->arena, "%s (guest)", resp[i].display_name)
				: resp[i].display_name };
	owners[nr + 1] = (struct field_option){ 0, 0 };
	static const struct field_option kinds[] = {
		{ "idea", "Idea" }, { "concern", "Concern" }, { "question", "Question" },
		{ "recommendation", "Recommendation" }, { 0, 0 } };
	static const struct field_option attributions[] = {
		{ "named", "With their name" },
		{ "anonymous", "Anonymous: they can follow it, nobody else sees who said it" },
		{ "group", "On behalf of a group" }, { 0, 0 } };
	html(b, "<h2 class=\"heading-m\" id=\"record\">Record what someone said</h2>");
	ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/contributions",
	                                (long long)req->panel->id));
	html(b, "<input type=\"hidden\" name=\"meeting_id\" value=\"%l\">"
	        "<input type=\"hidden\" name=\"next\" value=\"%a#said\">", m->id,
	     meeting_path(req, m->id));
	ui_select(req, NULL, "author_id", "Who said it", who, NULL);
	ui_choices(req, NULL, "kind", "What is it?", NULL, kinds, "idea", false);
	ui_textarea(req, NULL, "body", "What they said", "In their words, as far as you can.", "");
	ui_choices(req, NULL, "attribution", "How it is shown", NULL, attributions, "named", false);
	ui_input(req, NULL, "group_name", "The group's name", "Only when on behalf of a group.", "",
	         "text", "off");
	ui_select(req, NULL, "owner_id", "Who will respond", owners, NULL);
	ui_button(req, "Record it", NULL);
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
		respond_error(req, 500, "internal", "We could not load this meeting.");
		return;
	}
	bool manage = policy_allows(&req->actor, PA_MANAGE_MEETINGS);
	page_begin(req, m.title, e);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"/panels/%l/meetings\">Back to meetings</a>"
	        "<span class=\"caption\">%t</span><h1 class=\"heading-l\">%t</h1>", p->id, p->name,
	     m.title);
	if (m.cancelled_at) html(b, "<p><strong class=\"tag tag-red\">Cancelled</strong></p>");
	html(b, "<dl class=\"summary\"><div><dt>When</dt><dd>");
	meeting_when(req, &m);
	html(b, " (%t)</dd></div>", p->time_zone);
	if (*m.place) html(b, "<div><dt>Where</dt><dd>%t</dd></div>", m.place);
	if (*m.place_access) html(b, "<div><dt>Access</dt><dd>%t</dd></div>", m.place_access);
	if (*m.online_url)
		html(b, "<div><dt>Online</dt><dd><a href=\"%a\" rel=\"noopener noreferrer\">%t</a></dd>"
		        "</div>", m.online_url, m.online_url);
	if (*m.project_title)
		html(b, "<div><dt>Project</dt><dd><a href=\"/panels/%l/projects/%l\">%t</a></dd></div>",
		     p->id, m.project_id, m.project_title);
	html(b, "<div><dt>Your reply</dt><dd>%t</dd></div></dl>", reply_label(mine));
	html(b, "<p><a href=\"%a/calendar.ics\">Add to your calendar</a> <span class=\"hint\">"
	        "(a file your calendar program opens; or follow all your meetings with the "
	        "calendar feed on your <a href=\"/account\">account page</a>)</span></p>",
	     meeting_path(req, m.id));
	if (policy_can_reply_to_meeting(&req->actor, invited) && !m.cancelled_at &&
	    m.ends_at > req->now)
		reply_form(req, &m, mine, e);
	agenda_section(req, &m, e);
	papers_section(req, &m, invited);
	reflection_section(req, &m, invited, attended, e);
	change_section(req, &m, e);
	html(b, "<h2 class=\"heading-m\" id=\"said\">You said, we did</h2>");
	if (nsaid)
		html(b, "<p><a href=\"%a/you-said-we-did.csv\">Download the table (CSV, opens in a "
		        "spreadsheet)</a></p>", meeting_path(req, m.id));
	if (!nsaid) html(b, "<p>Nothing recorded from this meeting yet.</p>");
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
		respond_error(req, 404, "not_found", "There is no such item on this meeting's agenda.");
		return;
	}
	const char *on = field(req, "on");
	if (strcmp(on, "0") && strcmp(on, "1")) {
		respond_error_field(req, 400, "invalid", "on", "The form is not right. Reload the page.");
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
			respond_error(req, 400, "invalid", "The form is not right. Reload the page.");
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
		respond_error(req, 400, "invalid", "The form is not right. Reload the page.");
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
