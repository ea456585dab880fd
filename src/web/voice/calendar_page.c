/* Calendars: one meeting as an iCalendar file, and each person's private
 * calendar feed, an address a calendar program subscribes to.
 *
 * A feed's address carries a 256-bit token (auth_token_new); only its hash
 * is stored (store.h's calendar feeds), and the address is shown once,
 * when it is made. Making a new one replaces the old; stopping deletes it.
 * The feed is read without a session (a calendar program has none), so the
 * token is the only key: an unknown or stopped one is "no such page" like
 * any other address, and server.c never writes a /calendar/ path into the
 * access log.
 *
 * What an event holds: the meeting's title, times (UTC), place and online
 * link, access information and the address of its page; cancelled
 * meetings stay, marked cancelled, so calendars remove them. Nothing about
 * other people (no attendees, no organiser) is ever written. */
#include <string.h>

#include "app/app.h"
#include "core/ical.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/handlers.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

enum {
	FEED_PAST_DAYS = 90,    /* a feed holds meetings from this many days ago on */
	FEED_MAX_EVENTS = 1000, /* and at most this many */
};


/* The host of the public address, for events' UIDs: "panel.example.org"
 * from "https://panel.example.org:8443/x"; "emptychair" if there is none.
 * The same for every server of an installation, so a UID never changes. */
static const char *uid_host(struct request *req)
{
	const char *u = req->cfg->public_url;
	const char *p = u ? strstr(u, "://") : NULL;
	if (!p) return "emptychair";
	p += 3;
	size_t n = strcspn(p, "/?#");
	if (*p == '[') {
		const char *close = memchr(p, ']', n);
		n = close ? (size_t)(close - p) + 1 : n;
	} else {
		const char *colon = memchr(p, ':', n);
		if (colon) n = (size_t)(colon - p);
	}
	return n ? arena_strndup(&req->arena, p, n) : "emptychair";
}

/* One meeting as an event. panel_name and zone are its panel's. */
static void meeting_event(struct request *req, struct buf *b, const char *host,
                          const struct meeting *m, const char *panel_name, const char *zone)
{
	const char *page = arena_printf(&req->arena, "%s/panels/%lld/meetings/%lld",
	                                req->cfg->public_url, (long long)m->panel_id,
	                                (long long)m->id);
	/* The event's description, a line each (plain text). */
	struct buf d = {0};
	if (m->cancelled_at) buf_printf(&d, "%s\n", _("This meeting is cancelled."));
	/* the note first, before anything else about the meeting */
	if (m->content_note && *m->content_note)
		/* TRANSLATORS: in a calendar event: %s is the meeting's content note */
		buf_printf(&d, "%s\n", arena_printf(&req->arena, _("Content note: %s"),
		                                     m->content_note));
	/* TRANSLATORS: in a calendar event: %s is the panel's name */
	buf_printf(&d, "%s\n", arena_printf(&req->arena, _("Panel: %s"), panel_name));
	if (*m->project_title)
		/* TRANSLATORS: in a calendar event: %s is a project's title */
		buf_printf(&d, "%s\n", arena_printf(&req->arena, _("Project: %s"), m->project_title));
	/* TRANSLATORS: in a calendar event: the start and end, and the time
	 * zone they are in ("Europe/London") */
	buf_printf(&d, "%s\n", arena_printf(&req->arena, _("When: %s to %s (%s time)"),
	                                     format_time(req, m->starts_at, zone),
	                                     format_time(req, m->ends_at, zone), zone));
	if (*m->place)
		/* TRANSLATORS: in a calendar event: %s is the meeting's place */
		buf_printf(&d, "%s\n", arena_printf(&req->arena, _("Where: %s"), m->place));
	if (*m->place_access)
		/* TRANSLATORS: in a calendar event: %s is the place's access information */
		buf_printf(&d, "%s\n", arena_printf(&req->arena, _("Access: %s"), m->place_access));
	if (*m->online_url)
		/* TRANSLATORS: in a calendar event: %s is the meeting's online link */
		buf_printf(&d, "%s\n", arena_printf(&req->arena, _("Join online: %s"), m->online_url));
	/* TRANSLATORS: in a calendar event: %s is the address of the meeting's page */
	buf_printf(&d, "%s", arena_printf(&req->arena, _("The agenda, papers and your reply: %s"),
	                                  page));

	const char *location = *m->place && *m->online_url
	                     /* TRANSLATORS: a calendar event's place: the place, then
	                      * the online link */
	                     ? arena_printf(&req->arena, _("%s, or online: %s"), m->place,
	                                    m->online_url)
	                     : *m->place ? m->place : m->online_url;
	struct ical_event e = {
		.uid = arena_printf(&req->arena, "meeting-%lld@%s", (long long)m->id, host),
		.stamp = req->now,
		.start = m->starts_at,
		.end = m->ends_at,
		.summary = m->title,
		.description = d.data,
		.location = location,
		.url = page,
		.cancelled = m->cancelled_at != 0,
		.sequence = (int)m->version,
	};
	ical_event(b, &e);
	buf_free(&d);
}

static void respond_calendar(struct request *req)
{
	req->status = 200;
	req->content_type = "text/calendar; charset=utf-8";
	respond_header(req, "Cache-Control", "no-store");
}

void meeting_calendar_get(struct request *req)
{
	struct meeting m = *req->meeting;
	buf_reset(&req->out);
	ical_begin(&req->out, m.title);
	meeting_event(req, &req->out, uid_host(req), &m, req->panel->name, req->panel->time_zone);
	ical_end(&req->out);
	respond_calendar(req);
	respond_header(req, "Content-Disposition",
	               arena_printf(&req->arena, "attachment; filename=\"meeting-%lld.ics\"",
	                            (long long)m.id));
}

/* The token in /calendar/<token>.ics, or NULL when the rest of the path is
 * not of that form. */
static const char *feed_token(struct request *req)
{
	const char *t = req->path + strlen(CALENDAR_FEED_PATH);
	size_t n = strlen(t);
	if (n != AUTH_TOKEN_CHARS + 4 || strcmp(t + AUTH_TOKEN_CHARS, ".ics")) return NULL;
	for (size_t i = 0; i < AUTH_TOKEN_CHARS; i++) {
		char c = t[i];
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		          c == '-' || c == '_';
		if (!ok) return NULL;
	}
	return arena_strndup(&req->arena, t, AUTH_TOKEN_CHARS);
}

void calendar_feed_get(struct request *req)
{
	const char *token = feed_token(req);
	int64_t user_id = 0;
	enum store_rc rc = ST_NOT_FOUND;
	if (token) {
		char hash[AUTH_HASH_HEX + 1];
		auth_token_hash(token, hash);
		rc = store_calendar_feed_user(req->store, hash, &user_id);
	}
	if (rc == ST_NOT_FOUND) {
		/* The same answer as any address that does not exist. */
		respond_error(req, 404, "not_found", _("There is no such page."));
		return;
	}
	struct calendar_entry *e;
	size_t n;
	if (rc != ST_OK ||
	    store_calendar_meetings(req->store, user_id, req->now - FEED_PAST_DAYS * 86400LL,
	                            FEED_MAX_EVENTS, &req->arena, &e, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load this calendar."));
		return;
	}
	/* In its owner's language, when they chose one: a calendar program
	 * asks in its own. */
	struct user owner;
	if (store_user_get(req->store, user_id, &req->arena, &owner) == ST_OK &&
	    lang_available(language_find(owner.language)))
		lang_use(req->lang = language_find(owner.language));
	const char *host = uid_host(req);
	buf_reset(&req->out);
	/* TRANSLATORS: the name of a person's calendar of meetings */
	ical_begin(&req->out, _("emptychair meetings"));
	for (size_t i = 0; i < n; i++)
		meeting_event(req, &req->out, host, &e[i].meeting, e[i].panel_name, e[i].time_zone);
	ical_end(&req->out);
	respond_calendar(req);
}

