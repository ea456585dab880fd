/* Pieces of page about people that other pages show (people_ui.h). */
#include <stdlib.h>

#include "app/app.h"
#include "core/lang.h"
#include "web/people/people_ui.h"
#include "web/ui/layout.h"

void needs_summary(struct request *req, const struct visible_profile *vp)
{
	for (size_t i = 0; i < vp->n; i++) {
		const struct profile_field *f = profile_field_find(vp->values[i].field);
		/* The answer may be in the member's own words: in its own direction. */
		html(&req->out, "%r<strong>%t:</strong> <bdi>%t</bdi>", i ? "<br>" : "", _(f->label),
		     profile_display(f, vp->values[i].value, &req->arena));
	}
	if (!vp->n) html(&req->out, "<span class=\"hint\">%t</span>", _("None shared"));
}

enum { ONCE_SECONDS = 300 };

bool once_cookie_put(struct request *req, const char *name, const char *context,
                     const char *path, const char *link)
{
	char *sealed = req->cfg->seal_key_loaded ? auth_seal(&req->cfg->seal_key, context, link)
	                                         : NULL;
	if (!sealed) return false;
	respond_cookie_at(req, name, sealed, ONCE_SECONDS, path);
	free(sealed);
	return true;
}

const char *once_cookie_take(struct request *req, const char *name, const char *context,
                             const char *path)
{
	const char *sealed = req_cookie(req, name);
	if (!sealed || !*sealed) return NULL;
	char *plain = req->cfg->seal_key_loaded ? auth_unseal(&req->cfg->seal_key, context, sealed)
	                                        : NULL;
	const char *link = plain ? arena_strdup(&req->arena, plain) : NULL;
	free(plain);
	respond_cookie_at(req, name, "", 0, path);
	return link;
}

const char *limit_flag_html(struct request *req, int64_t user_id)
{
	switch (app_limit_flag(req->store, user_id, req->now)) {
	case LIMIT_PAUSED:
		return html_piece(&req->arena, " <strong class=\"tag\">%t</strong>", _("Paused"));
	case LIMIT_REACHED:
		return html_piece(&req->arena, " <strong class=\"tag\">%t</strong>",
		                  _("Has reached their own limit"));
	case LIMIT_NONE:
		break;
	}
	return "";
}

void signals_html(struct request *req, unsigned signals, bool own)
{
	static const struct {
		unsigned bit;
		const char *mine, *theirs;
	} words[] = {
		{ SIGNAL_OVER_LIMIT,
		  N_("You have done more this month than the limit you set yourself. That is yours to "
		     "decide, and it is fine to say no to the next thing, or to pause."),
		  N_("Over their own limit this month") },
		{ SIGNAL_NEAR_LIMIT,
		  N_("You have been close to your own limit three months running. You could raise it, "
		     "or take a lighter month: pausing needs no reason."),
		  N_("Near their own limit three months running") },
		{ SIGNAL_HARD_RUN,
		  N_("Your last few meetings all had hard subjects. Be kind to yourself: you can step "
		     "out of any item, and the stewards can point you to support."),
		  N_("Several meetings in a row with hard subjects") },
		{ SIGNAL_LONG_GAP,
		  N_("You were very busy a while ago and have had a long break since. Welcome back "
		     "whenever you want to; there is no need to explain."),
		  N_("A long gap after a busy time") },
	};
	if (!signals) return;
	struct buf *b = &req->out;
	html(b, "<ul class=\"list\">");
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (signals & words[i].bit) html(b, "<li>%t</li>", _(own ? words[i].mine : words[i].theirs));
	html(b, "</ul>");
}
