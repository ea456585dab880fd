/* Pieces of the support pages that other pages show (wellbeing_ui.h). */
#include <string.h>

#include "core/lang.h"
#include "web/http/form.h"
#include "web/ui/html.h"
#include "web/wellbeing/wellbeing_ui.h"

/* A phone number as a tel: link wants it (RFC 3966): its digits, and a
 * leading plus. */
static const char *tel_digits(struct request *req, const char *phone)
{
	char *out = arena_alloc(&req->arena, strlen(phone) + 1), *o = out;
	for (const char *p = phone; *p; p++)
		if ((*p >= '0' && *p <= '9') || (*p == '+' && o == out)) *o++ = *p;
	*o = 0;
	return out;
}

/* One contact as an entry of a list. */
static void contact_html(struct request *req, const struct support_contact *c)
{
	struct buf *b = &req->out;
	html(b, "<li class=\"support-contact\"><strong dir=\"auto\">%t</strong>", c->name);
	if (*c->helps_with) html(b, "<br><span dir=\"auto\">%t</span>", c->helps_with);
	html(b, "<ul class=\"plain\">");
	if (*c->phone)
		html(b, "<li>%t <a href=\"tel:%a\"><bdi>%t</bdi></a></li>", _("Phone:"),
		     tel_digits(req, c->phone), c->phone);
	if (*c->text_to) html(b, "<li>%t <span dir=\"auto\">%t</span></li>", _("Text:"), c->text_to);
	if (*c->web)
		html(b, "<li><a href=\"%a\" rel=\"noopener noreferrer\"><bdi>%t</bdi></a></li>", c->web,
		     c->web);
	if (*c->hours) html(b, "<li>%t <span dir=\"auto\">%t</span></li>", _("Open:"), c->hours);
	html(b, "</ul></li>");
}

void support_contacts_html(struct request *req, const struct support_view *v)
{
	struct buf *b = &req->out;
	if (!v->n) {
		html(b, "<p>%t</p>", _("This panel has no support contacts yet."));
		return;
	}
	html(b, "<ul class=\"list support-contacts\">");
	for (size_t i = 0; i < v->n; i++) contact_html(req, &v->contacts[i]);
	html(b, "</ul>");
}

void support_beside_note(struct request *req)
{
	struct support_view v;
	struct app_error err;
	if (!app_support_view(req->store, req->panel->id, &req->arena, &v, &err)) return;
	struct buf *b = &req->out;
	html(b, "<details class=\"support-beside\"><summary>%t</summary>",
	     _("Where to find support"));
	support_contacts_html(req, &v);
	html(b, "<p><a href=\"/panels/%l/support#contacts\">%t</a></p></details>", req->panel->id,
	     _("All the panel's support contacts"));
}

/* ---- the check-in on a meeting's page ---- */

static const struct field_option check_in_options[] = {
	{ "fine", N_("I am fine") },
	{ "contact", N_("I would like someone to get in touch") },
	{ "signpost", N_("Please point me to support") },
	{ 0, 0 },
};

void check_in_section(struct request *req, const struct meeting *m, bool invited,
                      const struct form_errors *e)
{
	struct check_in_view v;
	struct app_error err;
	if (!app_check_in_view(req->store, &req->actor, invited, m, req->user->id, req->now, &v,
	                       &err) ||
	    !v.may)
		return;
	struct buf *b = &req->out;
	html(b, "<section aria-labelledby=\"check-in\" class=\"check-in\"><h2 class=\"heading-m\" "
	        "id=\"check-in\">%t</h2>", _("How are you after this meeting?"));
	html(b, "<p>%t</p>",
	     _("This meeting touched on something hard. Only you see your answer, and you can change "
	       "it at any time."));
	if (v.answer == CHECK_IN_CONTACT)
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("Thank you. Someone will get in touch with you within two days. If you need "
		       "someone sooner, the contacts below can help now."));
	else if (v.answer == CHECK_IN_SIGNPOST)
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("Thank you. The people below can help, some of them at any time of day."));
	else if (v.answer == CHECK_IN_FINE)
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("Thank you for letting us know."));
	ui_form_begin(req, arena_printf(&req->arena, "/panels/%lld/meetings/%lld/check-in",
	                                (long long)m->panel_id, (long long)m->id));
	ui_choices(req, e, "answer", _("How are you?"), NULL, check_in_options,
	           e && e->n ? form_get(&req->form, "answer") : check_in_key(v.answer), false);
	ui_button(req, v.answer ? _("Change my answer") : _("Send my answer"), NULL);
	ui_form_end(req);
	struct support_view sv;
	if (app_support_view(req->store, m->panel_id, &req->arena, &sv, &err)) {
		html(b, "<h3 class=\"heading-s\" id=\"support\">%t</h3>", _("Where to find support"));
		support_contacts_html(req, &sv);
	}
	html(b, "</section>");
}
