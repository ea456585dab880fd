/* Support (app/check_ins.c): the panel's support contacts and support
 * person, the follow-ups that only the support person sees, and the
 * private check-in on a meeting's page. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"
#include "web/wellbeing/wellbeing_ui.h"

static const char *support_path(struct request *req)
{
	return arena_printf(&req->arena, "/panels/%lld/support", (long long)req->panel->id);
}

/* ---- the support page ---- */

static void contact_form(struct request *req, const struct form_errors *e, const char *action,
                         const struct support_contact *c, const char *button)
{
	bool typed = e && e->n;
#define VAL(name, value) (typed ? (form_get(&req->form, name) ?: "") : (value))
	ui_form_begin(req, action);
	ui_input(req, e, "name", _("Name of the service or person"), NULL,
	         VAL("name", c ? c->name : ""), "text", "off");
	ui_input(req, e, "helps_with", _("What they help with (optional)"), NULL,
	         VAL("helps_with", c ? c->helps_with : ""), "text", "off");
	ui_input(req, e, "phone", _("Phone (optional)"), NULL, VAL("phone", c ? c->phone : ""),
	         "tel", "off");
	ui_input(req, e, "text_to", _("Text (optional)"), _("For example: Text SHOUT to 85258"),
	         VAL("text_to", c ? c->text_to : ""), "text", "off");
	ui_input(req, e, "web", _("Web address (optional)"), NULL, VAL("web", c ? c->web : ""),
	         "url", "off");
	ui_input(req, e, "hours", _("When they are open (optional)"),
	         _("For example: 24 hours a day, every day"), VAL("hours", c ? c->hours : ""), "text",
	         "off");
#undef VAL
	ui_button(req, button, NULL);
	ui_form_end(req);
}

static void support_page(struct request *req, const struct form_errors *e, bool person_form)
{
	struct support_view v;
	struct app_error err;
	bool follows = false;
	if (!app_support_view(req->store, req->panel->id, &req->arena, &v, &err) ||
	    !app_follows_up(req->store, &req->actor, req->panel->id, req->user->id, &req->arena,
	                    &follows, &err)) {
		respond_app_error(req, &err);
		return;
	}
	bool manage = policy_allows(&req->actor, PA_MANAGE_SUPPORT);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	page_begin(req, _("Support"), e);
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\">%t</h1>",
	     req->panel->id, _("Back to the panel"), req->panel->name, _("Support"));
	html(b, "<p>%t</p>",
	     _("If something in the panel's work is hard, you do not have to manage alone. After a "
	       "meeting with a content note, everyone who came gets a private check-in: only you "
	       "see your answer, and if you ask, someone will get in touch."));
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("Who gets in touch"));
	if (*v.support.support_name) {
		html(b, "<p>");
		html_sentence(b,
		              /* TRANSLATORS: %s is a person's name */
		              _("If you ask after a check-in, %s, the panel's support person, gets in "
		                "touch. Nobody else sees that you asked."),
		              1, html_bdi(a, v.support.support_name));
		html(b, "</p>");
	} else
		html(b, "<p>%t</p>",
		     _("The panel names no support person, so its stewards get in touch if you ask "
		       "after a check-in. Nobody else sees that you asked."));
	if (follows)
		html(b, "<p><a href=\"/panels/%l/follow-ups\">%t</a></p>", req->panel->id,
		     _("Follow-ups waiting for you"));
	html(b, "<h2 class=\"heading-m\" id=\"contacts\">%t</h2>", _("Where to find support"));
	support_contacts_html(req, &v);
	if (!manage) {
		page_end(req);
		return;
	}
	/* the stewards' side */
	html(b, "<h2 class=\"heading-m\" id=\"person\">%t</h2>", _("Name the support person"));
	struct member_row *members;
	size_t n;
	if (store_members_list(req->store, req->panel->id, a, &members, &n) != ST_OK) n = 0;
	struct field_option *opts = arena_alloc(a, (n + 2) * sizeof *opts);
	size_t k = 0;
	opts[k++] = (struct field_option){ "0", N_("Nobody: the stewards follow up") };
	for (size_t i = 0; i < n; i++)
		if (policy_may_be_support_person(members[i].m.role, members[i].m.status))
			opts[k++] = (struct field_option){
				arena_printf(a, "%lld", (long long)members[i].m.user_id),
				option_theirs(a, members[i].display_name) };
	ui_form_begin(req, arena_printf(a, "%s/person", support_path(req)));
	ui_select(req, person_form ? e : NULL, "user_id", _("Support person"), opts,
	          person_form && e && e->n
	          ? form_get(&req->form, "user_id")
	          : arena_printf(a, "%lld", (long long)v.support.support_user_id));
	html(b, "<p class=\"hint\">%t</p>",
	     _("A steward or a wellbeing lead: only they will see who asked to be contacted."));
	ui_button(req, _("Save"), NULL);
	ui_form_end(req);

	html(b, "<h2 class=\"heading-m\" id=\"edit\">%t</h2>", _("Change the contacts"));
	if (!v.support.own_contacts) {
		html(b, "<p>%t</p>",
		     _("These are the contacts emptychair ships with (UK services). Keep your own list "
		       "to add local services, change or remove these."));
		ui_form_begin(req, arena_printf(a, "%s/list", support_path(req)));
		html(b, "<input type=\"hidden\" name=\"own\" value=\"1\">");
		ui_button(req, _("Keep our own list, starting from these"), NULL);
		ui_form_end(req);
	} else {
		html(b, "<ul class=\"list\">");
		for (size_t i = 0; i < v.n; i++)
			html(b, "<li><a href=\"%a/contacts/%l\"><bdi>%t</bdi></a></li>", support_path(req),
			     v.contacts[i].id, arena_printf(a, _("Change or remove %s"),
			                                    v.contacts[i].name));
		html(b, "</ul>");
		ui_form_begin(req, arena_printf(a, "%s/list", support_path(req)));
		html(b, "<input type=\"hidden\" name=\"own\" value=\"0\">");
		ui_button(req, _("Go back to the shipped list"), "button-secondary");
		ui_form_end(req);
	}
	html(b, "<h3 class=\"heading-s\" id=\"add\">%t</h3>", _("Add a contact"));
	contact_form(req, person_form ? NULL : e, arena_printf(a, "%s/contacts", support_path(req)),
	             NULL, _("Add the contact"));
	page_end(req);
}

void support_get(struct request *req)
{
	support_page(req, NULL, false);
}

static void again(struct request *req, struct form_errors *e, const struct app_error *err,
                  bool person_form)
{
	if (err && !e->n && !app_error_to_form(req, err, e)) return;
	if (!req->status || req->status < 400) req->status = 400;
	support_page(req, e, person_form);
}

void support_contact_add_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[CONTACT_INPUTS];
	struct app_error err;
	int64_t id;
	if (!form_inputs(req, contact_inputs, CONTACT_INPUTS, in, &e)) {
		again(req, &e, NULL, false);
		return;
	}
	if (!app_support_contact_save(req->store, req->panel->id, 0, in, &id, &err)) {
		again(req, &e, &err, false);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#contacts", support_path(req)));
}

/* The panel's contact {id}, or an answer of 404. */
static bool find_contact(struct request *req, struct support_contact *out)
{
	struct support_view v;
	struct app_error err;
	if (!app_support_view(req->store, req->panel->id, &req->arena, &v, &err)) {
		respond_app_error(req, &err);
		return false;
	}
	for (size_t i = 0; v.support.own_contacts && i < v.n; i++)
		if (v.contacts[i].id == req->params[1]) {
			*out = v.contacts[i];
			return true;
		}
	respond_error(req, 404, "not_found", _("There is no such support contact on this panel."));
	return false;
}

static void contact_page(struct request *req, const struct support_contact *c,
                         const struct form_errors *e)
{
	struct buf *b = &req->out;
	const char *path = arena_printf(&req->arena, "%s/contacts/%lld", support_path(req),
	                                (long long)c->id);
	page_begin(req, _("Change a support contact"), e);
	html(b, "<a class=\"back-link\" href=\"%a#edit\">%t</a><h1 class=\"heading-l\">%t</h1>",
	     support_path(req), _("Back to support"), _("Change a support contact"));
	contact_form(req, e, path, c, _("Save the contact"));
	ui_form_begin(req, arena_printf(&req->arena, "%s/remove", path));
	ui_button(req, _("Remove this contact"), "button-warning");
	ui_form_end(req);
	page_end(req);
}

void support_contact_get(struct request *req)
{
	struct support_contact c;
	if (find_contact(req, &c)) contact_page(req, &c, NULL);
}

void support_contact_post(struct request *req)
{
	struct support_contact c;
	if (!find_contact(req, &c)) return;
	struct form_errors e = { 0 };
	struct input_value in[CONTACT_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, contact_inputs, CONTACT_INPUTS, in, &e);
	if (ok && !(ok = app_support_contact_save(req->store, req->panel->id, c.id, in, NULL,
	                                          &err)) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (!ok) {
		if (!req->status || req->status < 400) req->status = 400;
		contact_page(req, &c, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#contacts", support_path(req)));
}

void support_contact_remove_post(struct request *req)
{
	struct app_error err;
	if (!app_support_contact_remove(req->store, req->panel->id, req->params[1], &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#contacts", support_path(req)));
}

void support_list_post(struct request *req)
{
	const char *own = form_get(&req->form, "own");
	struct app_error err;
	if (!app_support_contacts_keep(req->store, req->panel->id, own && !strcmp(own, "1"), &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#edit", support_path(req)));
}

void support_person_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[SUPPORT_PERSON_INPUTS];
	struct app_error err;
	if (!form_inputs(req, support_person_inputs, SUPPORT_PERSON_INPUTS, in, &e)) {
		again(req, &e, NULL, true);
		return;
	}
	if (!app_support_person_set(req->store, req->panel->id, in[SUPPORT_PERSON].number, &err)) {
		again(req, &e, &err, true);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#person", support_path(req)));
}

/* ---- follow-ups ---- */

static void follow_ups_page(struct request *req, const struct form_errors *e)
{
	struct follow_up *f;
	size_t n;
	struct app_error err;
	if (!app_follow_ups(req->store, &req->actor, req->panel->id, req->user->id, &req->arena, &f,
	                    &n, &err)) {
		respond_app_error(req, &err);
		return;
	}
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const char *zone = req->panel->time_zone;
	page_begin(req, _("Follow-ups"), e);
	html(b, "<a class=\"back-link\" href=\"%a\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\">%t</h1>",
	     support_path(req), _("Back to support"), req->panel->name, _("Follow-ups"));
	html(b, "<p>%t</p>",
	     _("People who asked, after a check-in, for someone to get in touch. Only you see this "
	       "page. Get in touch in the way they prefer, ask what they would like, and record "
	       "that you did."));
	size_t open = 0;
	for (size_t i = 0; i < n; i++) open += !f[i].done_at;
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("Waiting for you"));
	if (!open) html(b, "<p>%t</p>", _("Nobody is waiting for you to get in touch."));
	for (size_t i = 0; i < n; i++) {
		const struct follow_up *x = &f[i];
		if (i == open)
			html(b, "<h2 class=\"heading-m\">%t</h2>", _("Done"));
		html(b, "<section class=\"card\" aria-labelledby=\"fu%l\"><h3 class=\"heading-s\" "
		        "id=\"fu%l\"><bdi>%t</bdi></h3>", x->id, x->id, x->person);
		html(b, "<p>%t</p>",
		     /* TRANSLATORS: the first %s is a meeting's title, the second when it
		      * was */
		     arena_printf(a, _("After \"%s\" (%s)"), x->meeting_title,
		                  format_time(req, x->meeting_starts_at, zone)));
		if (!x->done_at) {
			bool late = x->due_at < req->now;
			html(b, "<p><strong class=\"tag%t\">%t</strong></p>", late ? " tag-red" : "",
			     arena_printf(a, late ? _("Overdue: was due by %s") : _("Due by %s"),
			                  format_time(req, x->due_at, zone)));
			ui_form_begin(req, arena_printf(a, "/panels/%lld/follow-ups/%lld/done",
			                                (long long)req->panel->id, (long long)x->id));
			ui_input(req, e, "note", _("A short note (optional)"),
			         _("For example: \"Phoned, she is OK, will come next time\". Only you see it."),
			         "", "text", "off");
			ui_button(req, _("I got in touch: mark as done"), NULL);
			ui_form_end(req);
		} else {
			html(b, "<p>%t</p>",
			     /* TRANSLATORS: when, and by whom */
			     arena_printf(a, _("Done %s by %s"), format_time(req, x->done_at, zone),
			                  *x->done_by ? x->done_by : "?"));
			if (*x->done_note) html(b, "<p dir=\"auto\">%t</p>", x->done_note);
		}
		html(b, "</section>");
	}
	page_end(req);
}

void follow_ups_get(struct request *req)
{
	follow_ups_page(req, NULL);
}

void follow_up_done_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[FOLLOW_UP_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, follow_up_inputs, FOLLOW_UP_INPUTS, in, &e);
	if (ok && !(ok = app_follow_up_done(req->store, &req->actor, req->panel->id, req->user->id,
	                                    req->params[1], in[FOLLOW_UP_NOTE].text, req->now,
	                                    &req->arena, &err))) {
		if (err.status != 400) {
			respond_app_error(req, &err);
			return;
		}
		if (!app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		req->status = 400;
		follow_ups_page(req, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/follow-ups",
	                                   (long long)req->panel->id));
}
