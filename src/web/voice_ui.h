#ifndef EC_WEB_VOICE_UI_H
#define EC_WEB_VOICE_UI_H
/* Pieces of page shared by the voice-and-influence pages
 * (page_contributions.c, page_meetings.c, page_projects.c). */
#include "store/store.h"
#include "web/http.h"

/* Who said it, as the viewer may be told: the author's name only when
 * "named"; "Anonymous" (to the author, marked as theirs) or the group. The
 * one place a contribution's source is written. */
const char *said_by(struct request *req, const struct contribution *c);

/* One contribution with its latest response, in a card; times in zone.
 * link_title: link to its own page; show_panel: name the panel (lists
 * across panels). */
void contribution_card(struct request *req, const struct contribution *c, const char *zone,
                       bool link_title, bool show_panel);
/* The ?before= cursor of a list read a page at a time (0 when absent);
 * false, having answered 400, when it is not a positive id. */
bool read_before(struct request *req, int64_t *before);

/* The influence figures of a panel or project, as a list of figures. */
void influence_figures(struct request *req, const struct influence *f);
#endif
