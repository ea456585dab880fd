/* The member-owned profile: every field optional, each with its own
 * "who can see this", representation answers kept only with consent. */
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"

/* The choices of "who can see this", worded once, in core/policy.c (and
 * translated by ui_select, as every option's label). */
static const struct field_option *visibility_options(struct arena *a)
{
	const enum visibility all[] = { VIS_SELF, VIS_STEWARDS, VIS_PANEL };
	struct field_option *o = arena_alloc(a, 4 * sizeof *o);
	for (size_t i = 0; i < 3; i++) o[i] = (struct field_option){ visibility_key(all[i]),
	                                                            visibility_label(all[i]) };
	return o;
}

/* What the form shows for each catalogue field. */
struct field_state {
	const char *value;
	enum visibility vis;
	bool consent;
};

static void field_widget(struct request *req, const struct form_errors *e,
                         const struct profile_field *f, const struct field_state *st)
{
	struct buf *b = &req->out;
	/* The catalogue's words (N_() in core/profile.c), in the reader's language. */
	const char *label = _(f->label), *hint = f->hint ? _(f->hint) : NULL;
	html(b, "<div class=\"profile-field\">");
	switch (f->kind) {
	case FK_TEXT:
		ui_input(req, e, f->key, label, hint, st->value,
		         f->input_type ? f->input_type : "text", f->input_type);
		break;
	case FK_LONGTEXT:
		ui_textarea(req, e, f->key, label, hint, st->value);
		break;
	case FK_CHOICE: {
		/* A "no answer" choice first, so that an answer can be taken back. */
		size_t n = 0;
		while (f->options[n].key) n++;
		struct field_option *opts = arena_alloc(&req->arena, (n + 2) * sizeof *opts);
		opts[0] = (struct field_option){ "", N_("No answer") };
		memcpy(opts + 1, f->options, n * sizeof *opts);
		ui_choices(req, e, f->key, label, hint, opts, st->value, false);
		break;
	}
	case FK_MULTI:
		ui_choices(req, e, f->key, label, hint, f->options, st->value, true);
		break;
	case FK_SELF_DESCRIBED: {
		bool prefer_not = !strcmp(st->value, PROFILE_PREFER_NOT);
		ui_input(req, e, f->key, label, hint, prefer_not ? "" : st->value, "text", NULL);
		const char *id = arena_printf(&req->arena, "%s__prefer_not", f->key);
		html(b, "<div class=\"choice\"><input type=\"checkbox\" id=\"%a\" name=\"%a\" value=\"1\"%r>"
		        "<label for=\"%a\">%t</label></div>", id, id,
		     prefer_not ? " checked" : "", id, _("Prefer not to say"));
		break;
	}
	}
	if (f->consent_purpose) {
		const char *id = arena_printf(&req->arena, "%s__consent", f->key);
		/* the question in the label too, for whoever hears it alone */
		html(b, "<div class=\"choice consent\"><input type=\"checkbox\" id=\"%a\" name=\"%a\" "
		        "value=\"1\"%r><label for=\"%a\">%t<span class=\"visually-hidden\"> (%t)</span>"
		        "</label></div>", id, id, st->consent ? " checked" : "", id, _(profile_consent_text),
		     label);
	}
	const char *vis_name = arena_printf(&req->arena, "%s__vis", f->key);
	/* TRANSLATORS: %s is a question of the profile, like "Pronouns" */
	ui_select(req, e, vis_name, arena_printf(&req->arena, _("Who can see your answer to \"%s\""),
	                                         label),
	          visibility_options(&req->arena), visibility_key(st->vis));
	html(b, "</div>");
}

static void profile_page(struct request *req, const struct form_errors *e, const char *name,
                         const struct field_state *states, bool saved)
{
	page_begin(req, _("My profile"), e);
	struct buf *b = &req->out;
	/* After accepting an invitation: name the panel they joined. */
	const char *welcome = form_get(&req->query, "welcome");
	int64_t panel_id;
	struct panel joined;
	if (welcome && parse_i64(welcome, 1, INT64_MAX, &panel_id) &&
	    store_membership_get(req->store, panel_id, req->user->id, &(struct membership){0}) == ST_OK &&
	    store_panel_get(req->store, panel_id, &req->arena, &joined) == ST_OK) {
		html(b, "<div class=\"notice\" role=\"status\"><h2 class=\"heading-m\">");
		/* TRANSLATORS: %s is the panel's name */
		html_sentence(b, _("Welcome to %s"), 1, html_bdi(&req->arena, joined.name));
		html(b, "</h2><p>%t</p><p><a href=\"/panels/%l\">%t</a></p></div>",
		     _("Tell us how you like to take part, if you want to: everything here is "
		       "optional, and you choose who sees each answer."), joined.id,
		     _("Go to the panel"));
	}
	if (saved)
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     _("Your profile has been saved."));
	html(b, "<h1 class=\"heading-l\">%t</h1><p>%t</p>", _("My profile"),
	     _("Only your name is needed. Everything else is up to you, and you choose who "
	       "sees each answer. Guests never see your profile."));
	html_sentence(b, _("How much you take on, and pausing: %s."), 1,
	              html_link(&req->arena, "/my-limits", _("my limits")));
	ui_form_begin(req, "/profile");
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">", req->user->version);
	ui_input(req, e, "display_name", _("Your name"), _("Everyone on your panels sees this."), name,
	         "text", "name");
	for (size_t s = 0; s < profile_section_count; s++) {
		html(b, "<section class=\"profile-section\" aria-labelledby=\"sec-%r\">"
		        "<h2 class=\"heading-m\" id=\"sec-%r\">%t</h2>",
		     profile_sections[s].key, profile_sections[s].key, _(profile_sections[s].title));
		if (profile_sections[s].hint)
			html(b, "<p class=\"hint\">%t</p>", _(profile_sections[s].hint));
		for (size_t i = 0; i < profile_field_count; i++)
			if ((size_t)profile_fields[i].section == s)
				field_widget(req, e, &profile_fields[i], &states[i]);
		html(b, "</section>");
	}
	ui_button(req, _("Save my profile"), NULL);
	ui_form_end(req);
	page_end(req);
}

void profile_get(struct request *req)
{
	struct visible_profile vp;
	if (app_profile_view(req->store, req->user->id, req->user->id, PROFILE_ALL, req->now, &req->arena, &vp) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load your profile."));
		return;
	}
	struct field_state *states = arena_alloc(&req->arena, profile_field_count * sizeof *states);
	for (size_t i = 0; i < profile_field_count; i++) {
		states[i].value = "";
		states[i].vis = profile_fields[i].default_visibility;
		states[i].consent = vp.consented[i];
		for (size_t k = 0; k < vp.n; k++) {
			if (strcmp(vp.values[k].field, profile_fields[i].key)) continue;
			states[i].value = vp.values[k].value;
			states[i].vis = vp.values[k].visibility;
		}
	}
	profile_page(req, NULL, req->user->display_name, states,
	             form_has(&req->query, "saved"));
}

void profile_post(struct request *req)
{
	struct field_state *states = arena_alloc(&req->arena, profile_field_count * sizeof *states);
	struct profile_edit *edits = arena_alloc(&req->arena, profile_field_count * sizeof *edits);
	struct form_errors e = {0};
	for (size_t i = 0; i < profile_field_count; i++) {
		const struct profile_field *f = &profile_fields[i];
		const char *raw = f->kind == FK_MULTI ? form_get_all(&req->form, f->key, &req->arena)
		                                      : field(req, f->key);
		if (f->kind == FK_SELF_DESCRIBED &&
		    form_has(&req->form, arena_printf(&req->arena, "%s__prefer_not", f->key)))
			raw = PROFILE_PREFER_NOT;
		enum visibility vis = f->default_visibility;
		const char *vis_raw = form_get(&req->form, arena_printf(&req->arena, "%s__vis", f->key));
		if (vis_raw && !visibility_parse(vis_raw, &vis))
			errors_add(&e, arena_printf(&req->arena, "%s__vis", f->key),
			           _("Choose who can see this."));
		bool consent = form_has(&req->form, arena_printf(&req->arena, "%s__consent", f->key));
		edits[i] = (struct profile_edit){ f->key, raw, vis, consent };
		states[i] = (struct field_state){ raw, vis, consent };
	}
	char *name = text_trim(arena_strdup(&req->arena, field(req, "display_name")));
	const char *name_problem = display_name_problem(name);
	if (name_problem) errors_add(&e, "display_name", name_problem);
	int64_t version = 0;
	if (!parse_i64(field(req, "version"), 1, INT64_MAX, &version))
		errors_add(&e, "display_name", _("The form is missing its version. Reload the page."));
	struct app_error err;
	if (!e.n && !app_profile_save(req->store, req->user->id, edits, profile_field_count,
	                              req->now, &req->arena, &err)) {
		if (err.status >= 500) {
			respond_app_error(req, &err);
			return;
		}
		errors_add(&e, err.field, err.message);
	}
	if (!e.n && strcmp(name, req->user->display_name) &&
	    !app_display_name_set(req->store, req->user->id, name, version, req->now, &err)) {
		if (!err.field) {
			respond_app_error(req, &err);
			return;
		}
		errors_add(&e, err.field, err.status == 409
		                          ? _("Your name was changed somewhere else while you were "
		                              "editing. Your other answers are saved; check your name "
		                              "and save again.")
		                          : err.message);
	}
	if (e.n) {
		req->status = 400;
		profile_page(req, &e, name, states, false);
		return;
	}
	respond_redirect(req, "/profile?saved=1");
}
