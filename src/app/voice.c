/* Voice-and-influence use cases (app.h): meetings, contributions,
 * responses and agenda proposals, with the checks that depend on rows
 * rather than on the asker's role alone. */
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"
#include "core/text.h"

/* Text a person typed: present when required, within max characters. */
static bool check_text(const char *v, bool required, size_t max, const char *field,
                       const char *missing, const char *too_long, struct app_error *err)
{
	if (required && (!v || !*v)) return app_fail(err, 400, "invalid", field, missing);
	if (v && utf8_length(v) > max) return app_fail(err, 400, "invalid", field, too_long);
	return true;
}

bool app_meeting_create(struct store *s, const struct panel *p, int64_t creator,
                        struct meeting *m, int64_t now, int64_t *id, struct app_error *err)
{
	if (!check_text(m->title, true, 200, "title", "Enter the meeting's title.",
	                "Keep the title to 200 characters or fewer.", err))
		return false;
	if (m->ends_at <= m->starts_at)
		return app_fail(err, 400, "invalid", "end_time", "The meeting must end after it starts.");
	if (!*m->place && !*m->online_url)
		return app_fail(err, 400, "invalid", "place",
		                "Say where the meeting is: a place, an online link, or both.");
	if (*m->online_url && strncmp(m->online_url, "https://", 8) &&
	    strncmp(m->online_url, "http://", 7))
		return app_fail(err, 400, "invalid", "online_url",
		                "Enter the online link in full, starting with https://");
	if (m->project_id) {
		struct arena tmp = {0};
		struct project pr;
		enum store_rc rc = store_project_get(s, p->id, m->project_id, &tmp, &pr);
		arena_free(&tmp);
		if (rc == ST_NOT_FOUND)
			return app_fail(err, 400, "invalid", "project_id", "Choose one of this panel's projects.");
		if (rc != ST_OK) return app_internal(err);
	}
	m->panel_id = p->id;
	m->agenda_due_at = civil_end_of_day_after(m->starts_at, -(int)p->agenda_days, p->time_zone);
	if (store_meeting_create(s, m, creator, now, id) != ST_OK) return app_internal(err);
	return true;
}

/* Whether user_id is an active member of the panel who may own responses. */
static bool can_own(struct store *s, int64_t panel_id, int64_t user_id)
{
	struct membership m;
	if (store_membership_get(s, panel_id, user_id, &m) != ST_OK) return false;
	return policy_can_own_responses(m.role, m.status, m.responder);
}

bool app_contribute(struct store *s, const struct panel *p, int64_t actor_id,
                    struct contribution_new *c, int64_t now, int64_t *id,
                    struct app_error *err)
{
	if (!check_text(c->body, true, 5000, "body", "Write what you want to say.",
	                "Keep it to 5000 characters or fewer, or split it in two.", err))
		return false;
	if (c->attribution == ATTR_GROUP &&
	    !check_text(c->group_name, true, 120, "group_name", "Enter the group's name.",
	                "Keep the group's name to 120 characters or fewer.", err))
		return false;
	if (c->attribution != ATTR_GROUP) c->group_name = "";
	struct arena tmp = {0};
	bool ok = false;
	if (c->author_id != actor_id) {
		/* Written down for someone else: they must be on the panel. */
		struct membership m;
		if (store_membership_get(s, p->id, c->author_id, &m) != ST_OK ||
		    m.status == MEMBER_REMOVED) {
			app_fail(err, 400, "invalid", "author_id", "Choose who said it from the panel's members.");
			goto out;
		}
		c->recorded_by = actor_id;
	} else {
		c->recorded_by = 0;
	}
	struct meeting mt;
	if (c->meeting_id) {
		enum store_rc rc = store_meeting_get(s, p->id, c->meeting_id, &tmp, &mt);
		if (rc == ST_NOT_FOUND) {
			app_fail(err, 400, "invalid", "meeting_id", "Choose one of this panel's meetings.");
			goto out;
		}
		if (rc != ST_OK) goto internal;
		/* A meeting's contributions belong to its project too. */
		if (!c->project_id) c->project_id = mt.project_id;
	}
	if (c->item_id) {
		struct agenda_item it;
		if (!c->meeting_id ||
		    store_agenda_item_get(s, c->meeting_id, c->item_id, 0, &tmp, &it) != ST_OK) {
			app_fail(err, 400, "invalid", "item_id", "Choose an item on this meeting's agenda.");
			goto out;
		}
	}
	if (c->project_id) {
		struct project pr;
		enum store_rc rc = store_project_get(s, p->id, c->project_id, &tmp, &pr);
		if (rc == ST_NOT_FOUND) {
			app_fail(err, 400, "invalid", "project_id", "Choose one of this panel's projects.");
			goto out;
		}
		if (rc != ST_OK) goto internal;
	}
	if (!c->owner_id) c->owner_id = store_panel_default_owner(s, p->id);
	else if (!can_own(s, p->id, c->owner_id)) {
		app_fail(err, 400, "invalid", "owner_id",
		         "Choose a steward, or a guest the panel has named to respond.");
		goto out;
	}
	c->panel_id = p->id;
	c->due_at = civil_end_of_day_after(now, (int)p->response_days, p->time_zone);
	if (store_contribution_add(s, c, now, id) != ST_OK) goto internal;
	ok = true;
	goto out;
internal:
	app_internal(err);
out:
	arena_free(&tmp);
	return ok;
}

bool app_respond(struct store *s, const char *public_url, const struct panel *p,
                 const struct panel_actor *actor, int64_t actor_id,
                 struct response_record *r, const int64_t *ids, size_t n, int64_t now,
                 struct arena *a, int64_t *id, struct app_error *err)
{
	if (n == 0)
		return app_fail(err, 400, "invalid", "contribution",
		                "Choose at least one contribution to respond to.");
	const char *message;
	struct response_text t = { r->status, r->what_done, r->reason, r->referred_to,
	                           r->decided_by };
	const char *missing = response_missing(&t, &message);
	if (missing) return app_fail(err, 400, "invalid", missing, message);
	if (!check_text(r->what_done, false, 5000, "what_done", "",
	                "Keep it to 5000 characters or fewer.", err) ||
	    !check_text(r->reason, false, 5000, "reason", "",
	                "Keep the reason to 5000 characters or fewer.", err) ||
	    !check_text(r->referred_to, false, 200, "referred_to", "",
	                "Keep it to 200 characters or fewer.", err) ||
	    !check_text(r->decided_by, false, 200, "decided_by", "",
	                "Keep it to 200 characters or fewer.", err))
		return false;
	for (size_t i = 0; i < n; i++) {
		struct contribution c;
		enum store_rc rc = store_contribution_get(s, p->id, ids[i], actor_id, a, &c);
		/* A contribution the actor may not see is "not found", as a
		 * page would say, never a hint that it exists. */
		if (rc == ST_NOT_FOUND ||
		    (rc == ST_OK && !policy_can_see_contribution(actor, c.owner_id == actor_id)))
			return app_fail(err, 404, "not_found", "contribution",
			                "One of the contributions was not found. Nothing was saved.");
		if (rc != ST_OK) return app_internal(err);
		if (actor->role == ROLE_GUEST && c.owner_id != actor_id)
			return app_fail(err, 403, "forbidden", "contribution",
			                "You can respond only to contributions you are named to answer.");
	}
	r->panel_id = p->id;
	r->written_by = actor_id;
	const char *link = "/my-contributions";
	const char *notice = arena_printf(a, "%s responded to something you said: %s.", p->name,
	                                  response_status_label(r->status));
	const char *subject = arena_printf(a, "News about what you said to %s", p->name);
	/* The message carries no words of the contribution or the response:
	 * mail is less private than the site. */
	const char *body = arena_printf(a, "Hello,\n\n%s has responded to something you said. "
	                                "You can read what became of it here:\n\n%s%s\n",
	                                p->name, public_url ? public_url : "", link);
	switch (store_response_add(s, r, ids, n, notice, link, subject, body, now, id)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 404, "not_found", "contribution",
		                "One of the contributions was not found. Nothing was saved.");
	default: return app_internal(err);
	}
}

bool app_propose_item(struct store *s, const struct meeting *m, int64_t by, const char *title,
                      const char *why, const char *content_note, int64_t now, int64_t *id,
                      struct app_error *err)
{
	if (m->cancelled_at)
		return app_fail(err, 409, "cancelled", NULL, "This meeting was cancelled.");
	if (m->agenda_published_at)
		return app_fail(err, 409, "agenda_published", "title",
		                "The agenda for this meeting is already published. Propose your item "
		                "for the next meeting, or raise it with a steward.");
	if (!check_text(title, true, 200, "title", "Enter a short title for the item.",
	                "Keep the title to 200 characters or fewer.", err) ||
	    !check_text(why, true, 2000, "why", "Say why it matters.",
	                "Keep it to 2000 characters or fewer.", err) ||
	    !check_text(content_note, false, 300, "content_note", "",
	                "Keep the content note to 300 characters or fewer.", err))
		return false;
	if (store_agenda_propose(s, m->id, title, why, content_note, by, now, id) != ST_OK)
		return app_internal(err);
	return true;
}
