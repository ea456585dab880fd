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
