#ifndef EC_WEB_SELECTION_UI_H
#define EC_WEB_SELECTION_UI_H
/* Pieces of page shared by "who isn't here?" (selection/representation_page.c)
 * and the pages that name empty chairs (the panel's home, a meeting's
 * page). Every figure comes from app_rep_report: published by the rule,
 * never counted here. */
#include "app/app.h"
#include "web/http/http.h"
#include "web/ui/layout.h"

/* A count as shown: the number, "none" for 0, or the words every held-back
 * figure shares ("fewer than 5, or held back"). */
const char *rep_count_text(struct request *req, int64_t count);
/* A target in words: "at least 3 people", "20% to 40%"; "" when none. */
const char *rep_target_text(struct request *req, const struct rep_target *t);
/* A group's share in the population, with its source and date; "". */
const char *rep_reference_text(struct request *req, const struct rep_group *g);

/* One characteristic: a chart (SVG, drawn here) and a table of the same
 * figures beside it. sc is the panel's figures, or a meeting's or an
 * opportunity's, compared with the panel's (panel non-NULL); level and
 * title: its heading's; count_header: the counts' column ("People"). */
void rep_section_html(struct request *req, const struct rep_section *sec,
                      const struct rep_scope *sc, const struct rep_scope *panel, int level,
                      const char *title, const char *count_header);
/* The panel's figures at each of the last publications, as a table. */
void rep_trend_html(struct request *req, const struct rep_section *sec, int level);
/* The empty chairs of a report's scope, named in a box that links to the
 * report at href; nothing when none. */
void rep_empty_chairs_html(struct request *req, const struct rep_report *r,
                           enum rep_scope_kind kind,
                           const char *href);

/* ---- opportunities (selection/opportunities_page.c and _api.c) ---- */

/* The opportunity of the request's path (params[1]) in its panel; false,
 * having answered 404, when there is none. */
bool load_opportunity(struct request *req, struct opportunity *o);
/* Its draw params[2]; false, having answered 404. */
bool load_draw(struct request *req, const struct opportunity *o, struct draw *d);
/* app_opportunity_view for the asker; false, having answered. */
bool load_opportunity_view(struct request *req, const struct opportunity *o,
                           struct opportunity_view *v);
/* "Open until ...", "Closed: waiting for the draw", "Drawn: ..." */
const char *opportunity_state_text(struct request *req, const struct opportunity *o);
/* "2 half-days, £82.50 each at the panel's rate" or "Not paid". */
const char *opportunity_pay_text(struct request *req, const struct opportunity *o);
/* The characteristics whose targets the draw keeps, in words. */
const char *opportunity_targets_text(struct request *req, const struct opportunity *o);
/* Sections of an opportunity's page: the asker's own part (coming forward,
 * their chance, their result, giving up a place); who holds the places;
 * for those who manage it, who came forward and the draw's controls; the
 * record of each draw, with its check. */
/* e: problems with what was typed in the page's forms, shown beside
 * their fields with what was typed kept (NULL: none). */
void my_part_html(struct request *req, const struct opportunity *o,
                  const struct opportunity_view *v, const struct form_errors *e);
void holders_html(struct request *req, const struct opportunity *o,
                  const struct opportunity_view *v);
void manage_html(struct request *req, const struct opportunity *o,
                 const struct opportunity_view *v, const struct form_errors *e);
void draws_html(struct request *req, const struct opportunity *o,
                const struct opportunity_view *v);
/* A chance in parts per million, in words: "37%", "less than 1%". */
const char *chance_text(struct request *req, int64_t ppm);
#endif
