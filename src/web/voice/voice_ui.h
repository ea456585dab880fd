#ifndef EC_WEB_VOICE_UI_H
#define EC_WEB_VOICE_UI_H
/* Pieces of page shared by the voice-and-influence pages
 * (voice/contributions_page.c, voice/meetings_page.c, voice/projects_page.c, voice/calendar_page.c). */
#include "store/store.h"
#include "web/http/http.h"

/* Markup inside a translated sentence, as a string to put inside a larger
 * html() call (with %r); html_sentence writes one straight onto the page.
 * Format the sentence with a slot where the markup goes, arena_printf(a,
 * _("Back to %s"), SLOT1), or with a count or what people wrote beside it
 * (whose '%' html_sentence would read): its words are escaped, each slot
 * replaced by its markup. The markup is this program's (html_piece(),
 * html_bdi()), never what people wrote as it is. */
#define SLOT1 "\x01"
#define SLOT2 "\x02"
const char *voice_slots(struct request *req, const char *text, const char *slot1,
                        const char *slot2);

/* Who said it, as the viewer may be told: the author's name only when
 * "named"; "Anonymous" (to the author, marked as theirs) or the group. The
 * one place a contribution's source is written. */
const char *said_by(struct request *req, const struct contribution *c);

/* What a contribution is called: its kind and first words ("Idea: \u201cFree
 * bus passes for\u2026\u201d"), never a number. */
const char *contribution_title(struct request *req, const struct contribution *c);
/* The same as HTML (for %r), its words in their own direction. */
const char *contribution_title_html(struct request *req, const struct contribution *c);
/* One contribution with its latest response, in a card; times in zone.
 * link_title: link to its own page; show_panel: name the panel (lists
 * across panels). */
void contribution_card(struct request *req, const struct contribution *c, const char *zone,
                       bool link_title, bool show_panel);
/* The same with its heading at level (2 or 3; contribution_card's is 3),
 * for a page where nothing comes between it and the h1. */
void contribution_card_at(struct request *req, const struct contribution *c, const char *zone,
                          bool link_title, bool show_panel, int level);
/* The ?before= cursor of a list read a page at a time (0 when absent);
 * false, having answered 400, when it is not a positive id. */
bool read_before(struct request *req, int64_t *before);

/* The influence figures of a panel or project, as a list of figures. */
void influence_figures(struct request *req, const struct influence *f);

/* Where a person's private calendar feed is served: this, then its token
 * and ".ics" (voice/calendar_page.c; made on the account page). */
#define CALENDAR_FEED_PATH "/calendar/"

/* "/panels/{panel}/meetings/{id}" for the request's panel. */
const char *meeting_path(struct request *req, int64_t meeting_id);
/* Paper id of meeting m's address, and a file's size in words ("1.2 MB"). */
const char *paper_path(struct request *req, const struct meeting *m, int64_t id);
const char *file_size(struct request *req, int64_t bytes);

/* Sections of the meeting page (voice/papers_page.c): its papers as the asker
 * may see them; the reflection form for an attendee after the meeting and
 * the results (never from fewer than REFLECTION_MIN_ANSWERS answers); the
 * stewards' "what we will change", with their form. */
void papers_section(struct request *req, const struct meeting *m, bool invited);
void reflection_section(struct request *req, const struct meeting *m, bool invited,
                        bool attended, const struct form_errors *e);
void change_section(struct request *req, const struct meeting *m, const struct form_errors *e);

/* Answers with paper p's file (which the caller has checked the asker may
 * see), as a download (images inline) under its safe name, with a
 * sandboxing CSP; 404 for a paper written on the site. Shared by the page
 * (voice/papers_page.c) and the JSON API (voice/ API files), so both serve the same
 * bytes with the same headers. */
void paper_file_send(struct request *req, const struct paper *p);
/* Reflection results under the heading with id heading_id (a meeting's or
 * a project's); below the threshold, only how many have answered. */
void reflection_results(struct request *req, const struct reflection_summary *rs,
                        const char *heading_id);
#endif
