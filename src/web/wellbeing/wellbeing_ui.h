#ifndef EC_WEB_WELLBEING_UI_H
#define EC_WEB_WELLBEING_UI_H
/* Pieces of the support pages (wellbeing/support_page.c) that other pages
 * show: the contacts next to a content note, and a meeting's check-in. */
#include "app/app.h"
#include "web/http/http.h"
#include "web/ui/layout.h"

/* The contacts of v as a list (a sentence when there are none). */
void support_contacts_html(struct request *req, const struct support_view *v);
/* "Where to find support", folded, beside a content note of req->panel. */
void support_beside_note(struct request *req);
/* The asker's private check-in on meeting m, when they may answer it
 * (app_check_in_view); nothing otherwise. */
void check_in_section(struct request *req, const struct meeting *m, bool invited,
                      const struct form_errors *e);
#endif
