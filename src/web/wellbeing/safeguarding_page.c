/* The safeguarding record (app/safeguarding.c): raising a concern, for
 * everyone on the panel; the record itself, only for its leads; naming
 * the leads and the retention period, for its stewards. No other page
 * reads a concern. */
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/lang.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

static const char *sg_path(struct request *req)
{
	return arena_printf(&req->arena, "/panels/%lld/safeguarding", (long long)req->panel->id);
}

static const char *sg_status_label(enum sg_status st)
{
	switch (st) {
	case SG_CLOSED: return _("Closed");
	case SG_TRANSFERRED: return _("Transferred");
	default: return _("Open");
	}
}

/* ---- the panel's safeguarding page: raise a concern ---- */

static void leads_section(struct request *req, const struct sg_view *v,
                          const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<h2 class=\"heading-m\" id=\"leads\">%t</h2>", _("Name the safeguarding leads"));
	if (v->n_leads) {
		html(b, "<ul class=\"list\">");
		for (size_t i = 0; i < v->n_leads; i++) {
			html(b, "<li><bdi>%t</bdi> ", v->leads[i].name);
			ui_form_begin(req, arena_printf(a, "%s/leads/%lld/remove", sg_path(req),
			                                (long long)v->leads[i].user_id));
			ui_button(req, arena_printf(a, _("Stop naming %s"), v->leads[i].name),
			          "button-secondary");
			ui_form_end(req);
			html(b, "</li>");
		}
		html(b, "</ul>");
	}
	struct member_row *members;
	size_t n;
	if (store_members_list(req->store, req->panel->id, a, &members, &n) != ST_OK) n = 0;
	struct field_option *opts = arena_alloc(a, (n + 1) * sizeof *opts);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		bool already = false;
		for (size_t j = 0; j < v->n_leads; j++) already |= v->leads[j].user_id == members[i].m.user_id;
		if (!already && policy_may_be_safeguarding_lead(members[i].m.role, members[i].m.status))
			opts[k++] = (struct field_option){
				arena_printf(a, "%lld", (long long)members[i].m.user_id),
				option_theirs(a, members[i].display_name) };
	}
	if (k) {
		ui_form_begin(req, arena_printf(a, "%s/leads", sg_path(req)));
		ui_select(req, e, "user_id", _("Name someone a safeguarding lead"), opts, NULL);
		html(b, "<p class=\"hint\">%t</p>",
		     _("Leads read every concern raised on this panel and decide what to do. Name "
		       "people trained for it; an organisation's safeguarding lead can join the panel "
		       "as a guest."));
		ui_button(req, _("Name them"), NULL);
		ui_form_end(req);
	}
	html(b, "<h2 class=\"heading-m\" id=\"retention\">%t</h2>", _("How long records are kept"));
	ui_form_begin(req, arena_printf(a, "%s/retention", sg_path(req)));
	ui_input(req, e, "years", _("Years after a concern is closed or transferred"),
	         _("Then it is deleted, with its chronology and who read it; only the date and how "
	           "many were deleted are kept. Follow your organisation's retention policy."),
	         e && e->n && form_get(&req->form, "years")
	         ? form_get(&req->form, "years")
	         : arena_printf(a, "%d", v->retention_years), "text", "off");
	ui_button(req, _("Save"), NULL);
	ui_form_end(req);
}

static void sg_page(struct request *req, const struct form_errors *e)
{
	struct sg_view v;
	struct app_error err;
	if (!app_sg_view(req->store, req->panel->id, req->user->id, &req->arena, &v, &err)) {
		respond_app_error(req, &err);
		return;
	}
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	bool typed = e && e->n;
	page_begin(req, _("Safeguarding"), e);
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\">%t</h1>",
	     req->panel->id, _("Back to the panel"), req->panel->name, _("Safeguarding"));
	if (form_get(&req->query, "received"))
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("Your concern was received. The safeguarding leads will read it and decide what "
		       "to do. Thank you for telling us."));
	html(b, "<p>%t</p><p><strong>%t</strong></p>",
	     _("If you are worried that someone is being harmed, or is at risk of harm, tell the "
	       "panel's safeguarding leads here. You do not need to be sure."),
	     _("If someone is in danger now, call 999."));
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("The safeguarding leads"));
	if (v.n_leads) {
		html(b, "<ul class=\"list\">");
		for (size_t i = 0; i < v.n_leads; i++) html(b, "<li><bdi>%t</bdi></li>", v.leads[i].name);
		html(b, "</ul>");
	} else {
		html(b, "<p>%t</p>", _("This panel has no safeguarding lead yet. Ask a steward to name "
		                       "one."));
	}
	if (v.i_am_lead)
		html(b, "<p><a href=\"%a/concerns\">%t</a></p>", sg_path(req),
		     _("Open the safeguarding record"));
	if (v.n_mine) {
		html(b, "<h2 class=\"heading-m\">%t</h2><ul class=\"list\">", _("Concerns you raised"));
		for (size_t i = 0; i < v.n_mine; i++)
			html(b, "<li>%t</li>", arena_printf(a, _("Received %s"),
			                                    format_time(req, v.mine[i],
			                                                req->panel->time_zone)));
		html(b, "</ul>");
	}
	if (v.n_leads) {
		html(b, "<h2 class=\"heading-m\" id=\"raise\">%t</h2><p>%t</p>", _("Raise a concern"),
		     _("Only the safeguarding leads will read this. You will see that it was received, "
		       "and nothing more."));
		ui_form_begin(req, arena_printf(a, "%s/concerns", sg_path(req)));
#define VAL(name) (typed ? (form_get(&req->form, name) ?: "") : "")
		ui_textarea(req, e, "what_happened", _("What happened or was said"),
		            _("In the words used, as far as you can. Say what you saw or heard, not "
		              "what you think it means."), VAL("what_happened"));
		ui_input(req, e, "happened_on", _("When it happened"),
		         _("The day, for example 3/3/2027, or your best guess."), VAL("happened_on"),
		         "text", "off");
		ui_textarea(req, e, "who_involved", _("Who was involved (optional)"),
		            _("Including anyone who saw or heard it."), VAL("who_involved"));
		ui_textarea(req, e, "done_straight_away", _("What was done straight away (optional)"),
		            NULL, VAL("done_straight_away"));
#undef VAL
		ui_button(req, _("Send to the safeguarding leads"), NULL);
		ui_form_end(req);
	}
	if (policy_allows(&req->actor, PA_MANAGE_SAFEGUARDING)) leads_section(req, &v, e);
	page_end(req);
}

void sg_get(struct request *req)
{
	sg_page(req, NULL);
}

/* A form's problem: the page again with it, keeping what was typed. */
static void sg_again(struct request *req, struct form_errors *e, const struct app_error *err)
{
	if (err && !app_error_to_form(req, err, e)) return;
	if (!req->status || req->status < 400) req->status = 400;
	sg_page(req, e);
}

void sg_raise_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[SG_CONCERN_INPUTS];
	struct app_error err;
	if (!form_inputs(req, sg_concern_inputs, SG_CONCERN_INPUTS, in, &e)) {
		sg_again(req, &e, NULL);
		return;
	}
	if (!app_sg_raise(req->store, &req->cfg->seal_key, req->panel, req->user->id, in, req->now,
	                  &req->arena, &err)) {
		sg_again(req, &e, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s?received=1", sg_path(req)));
}

void sg_lead_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[SG_LEAD_INPUTS];
	struct app_error err;
	if (!form_inputs(req, sg_lead_inputs, SG_LEAD_INPUTS, in, &e)) {
		sg_again(req, &e, NULL);
		return;
	}
	if (!app_sg_lead_add(req->store, req->panel->id, in[SG_LEAD].number, req->user->id,
	                     req->now, &err)) {
		sg_again(req, &e, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#leads", sg_path(req)));
}

void sg_lead_remove_post(struct request *req)
{
	struct app_error err;
	if (!app_sg_lead_remove(req->store, req->panel->id, req->params[1], &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#leads", sg_path(req)));
}

void sg_retention_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[SG_RETENTION_INPUTS];
	struct app_error err;
	if (!form_inputs(req, sg_retention_inputs, SG_RETENTION_INPUTS, in, &e)) {
		sg_again(req, &e, NULL);
		return;
	}
	if (!app_sg_retention_set(req->store, req->panel->id, (int)in[SG_YEARS].number, &err)) {
		sg_again(req, &e, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#retention", sg_path(req)));
}

/* ---- the record, for the leads ---- */

void sg_concerns_get(struct request *req)
{
	struct sg_list l;
	struct app_error err;
	if (!app_sg_concerns(req->store, &req->actor, req->panel->id, req->user->id, &req->arena, &l,
	                     &err)) {
		respond_app_error(req, &err);
		return;
	}
	const struct sg_concern *c = l.concerns;
	const struct sg_tombstone *t = l.tombstones;
	size_t n = l.n, nt = l.n_tombstones;
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const char *zone = req->panel->time_zone;
	page_begin(req, _("The safeguarding record"), NULL);
	html(b, "<a class=\"back-link\" href=\"%a\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\">%t</h1>",
	     sg_path(req), _("Back to safeguarding"), req->panel->name, _("The safeguarding record"));
	html(b, "<p>%t</p>",
	     _("Only the panel's safeguarding leads see this. Each time one of you opens or changes "
	       "a concern, it is recorded, and you can all see who did."));
	if (!n) html(b, "<p>%t</p>", _("No concerns have been raised."));
	else html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < n; i++)
		html(b, "<li><a href=\"%a/concerns/%l\">%t</a> <strong class=\"tag\">%t</strong></li>",
		     sg_path(req), c[i].id,
		     arena_printf(a, _("Concern %lld, raised %s"), (long long)c[i].id,
		                  format_time(req, c[i].raised_at, zone)),
		     sg_status_label(c[i].status));
	if (n) html(b, "</ul>");
	if (nt) {
		html(b, "<h2 class=\"heading-m\">%t</h2><ul class=\"list\">", _("Deleted at the end of "
		                                                                "their retention"));
		for (size_t i = 0; i < nt; i++)
			html(b, "<li>%t</li>",
			     arena_printf(a, ngettext("%s: %lld record deleted", "%s: %lld records deleted",
			                              (unsigned long)t[i].n),
			                  format_time(req, t[i].at, zone), (long long)t[i].n));
		html(b, "</ul>");
	}
	page_end(req);
}

static const char *entry_words(struct request *req, const struct sg_entry *e)
{
	if (!strcmp(e->kind, "raised")) return _("Raised");
	if (!strcmp(e->kind, "part2")) return _("Part 2 changed");
	if (!strcmp(e->kind, "status")) {
		enum sg_status st = SG_OPEN;
		sg_status_parse(e->text, &st);
		return arena_printf(&req->arena, _("Status: %s"), sg_status_label(st));
	}
	return NULL; /* a note: its text, people's words */
}

static void concern_page(struct request *req, const struct sg_record *r,
                         const struct form_errors *e)
{
	const struct sg_concern *c = &r->concern;
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const char *zone = req->panel->time_zone;
	const char *path = arena_printf(a, "%s/concerns/%lld", sg_path(req), (long long)c->id);
	bool typed = e && e->n;
	const char *title = arena_printf(a, _("Concern %lld"), (long long)c->id);
	page_begin(req, title, e);
	html(b, "<a class=\"back-link\" href=\"%a/concerns\">%t</a>"
	        "<span class=\"caption\">%t</span><h1 class=\"heading-l\">%t</h1>",
	     sg_path(req), _("Back to the record"), _("The safeguarding record"), title);
	html(b, "<h2 class=\"heading-m\">%t</h2><dl class=\"summary\">", _("Part 1: the concern"));
	html(b, "<div><dt>%t</dt><dd><bdi>%t</bdi></dd></div>", _("Raised by"),
	     *c->raised_by_name ? c->raised_by_name : _("(account deleted)"));
	html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Written"), format_time(req, c->raised_at, zone));
	html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("When it happened"),
	     format_day(req, c->happened_on));
	html(b, "<div><dt>%t</dt><dd class=\"pre\" dir=\"auto\">%t</dd></div>",
	     _("What happened or was said"), c->what_happened);
	if (*c->who_involved)
		html(b, "<div><dt>%t</dt><dd class=\"pre\" dir=\"auto\">%t</dd></div>",
		     _("Who was involved"), c->who_involved);
	if (*c->done_straight_away)
		html(b, "<div><dt>%t</dt><dd class=\"pre\" dir=\"auto\">%t</dd></div>",
		     _("What was done straight away"), c->done_straight_away);
	html(b, "</dl>");

	html(b, "<h2 class=\"heading-m\" id=\"part2\">%t</h2>", _("Part 2: what the leads did"));
	ui_form_begin(req, path);
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">", c->version);
#define VAL(name, value) (typed ? (form_get(&req->form, name) ?: "") : (value))
	ui_textarea(req, e, "advice_sought", _("Advice sought"), _("From whom, and what they said."),
	            VAL("advice_sought", c->advice_sought));
	ui_textarea(req, e, "decision", _("Decision and the reasons for it"),
	            _("Including a decision not to refer, and why. Say whether the person was asked "
	              "what they want to happen."), VAL("decision", c->decision));
	ui_textarea(req, e, "referrals", _("Referrals made"), _("To whom, when, and their reference."),
	            VAL("referrals", c->referrals));
	static const struct field_option statuses[] = { { "open", N_("Open") },
		                                        { "closed", N_("Closed") },
		                                        { "transferred", N_("Transferred") },
		                                        { 0, 0 } };
	ui_choices(req, e, "status", _("Status"), NULL, statuses,
	           VAL("status", sg_status_key(c->status)), false);
#undef VAL
	ui_button(req, _("Save part 2"), NULL);
	ui_form_end(req);

	html(b, "<h2 class=\"heading-m\" id=\"chronology\">%t</h2><ol class=\"list\">",
	     _("Chronology"));
	for (size_t i = 0; i < r->n_chronology; i++) {
		const struct sg_entry *x = &r->chronology[i];
		const char *words = entry_words(req, x);
		html(b, "<li>%t, <bdi>%t</bdi>: ", format_time(req, x->at, zone),
		     *x->by ? x->by : _("(account deleted)"));
		if (words) html(b, "%t</li>", words);
		else html(b, "<span class=\"pre\" dir=\"auto\">%t</span></li>", x->text);
	}
	html(b, "</ol>");
	ui_form_begin(req, arena_printf(a, "%s/notes", path));
	ui_textarea(req, e, "text", _("Add to the chronology"),
	            _("What happened, what you did or what you decided, and when."),
	            typed ? (form_get(&req->form, "text") ?: "") : "");
	ui_button(req, _("Add"), NULL);
	ui_form_end(req);

	html(b, "<h2 class=\"heading-m\" id=\"audit\">%t</h2><p>%t</p><ul class=\"list\">",
	     _("Who opened or changed it"),
	     _("Every time a lead opens or changes this concern, including now."));
	for (size_t i = 0; i < r->n_reads; i++)
		html(b, "<li>%t, <bdi>%t</bdi>: %t</li>", format_time(req, r->reads[i].at, zone),
		     *r->reads[i].by ? r->reads[i].by : _("(account deleted)"),
		     !strcmp(r->reads[i].kind, "wrote") ? _("changed it") : _("opened it"));
	html(b, "</ul>");
	page_end(req);
}

static bool load_record(struct request *req, struct sg_record *r)
{
	struct app_error err;
	if (!app_sg_concern(req->store, &req->cfg->seal_key, &req->actor, req->panel->id,
	                    req->user->id, req->params[1], req->now, &req->arena, r, &err)) {
		respond_app_error(req, &err);
		return false;
	}
	return true;
}

void sg_concern_get(struct request *req)
{
	struct sg_record r;
	if (load_record(req, &r)) concern_page(req, &r, NULL);
}

/* After a lead's write: back to the concern, or the page again with the
 * problem (reading it again, which the audit records). */
static void after_write(struct request *req, bool ok, struct form_errors *e,
                        const struct app_error *err, const char *anchor)
{
	if (ok) {
		respond_redirect(req, arena_printf(&req->arena, "%s/concerns/%lld#%s", sg_path(req),
		                                   (long long)req->params[1], anchor));
		return;
	}
	if (err && (err->status == 403 || err->status == 404 || !err->field)) {
		respond_app_error(req, err);
		return;
	}
	if (err) errors_add(e, err->field, err->message);
	struct sg_record r;
	if (!load_record(req, &r)) return;
	req->status = 400;
	concern_page(req, &r, e);
}

void sg_part2_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[SG_PART2_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, sg_part2_inputs, SG_PART2_INPUTS, in, &e) &&
	          app_sg_part2(req->store, &req->cfg->seal_key, &req->actor, req->panel->id,
	                       req->user->id, req->params[1], in, req->now, &req->arena, &err);
	after_write(req, ok, &e, e.n ? NULL : &err, "part2");
}

void sg_note_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[SG_NOTE_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, sg_note_inputs, SG_NOTE_INPUTS, in, &e) &&
	          app_sg_note(req->store, &req->cfg->seal_key, &req->actor, req->panel->id,
	                      req->user->id, req->params[1], in[SG_NOTE].text, req->now,
	                      &req->arena, &err);
	after_write(req, ok, &e, e.n ? NULL : &err, "chronology");
}
