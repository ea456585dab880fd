#include "web/selection/selection_ui.h"

#include "core/lang.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

const char *rep_count_text(struct request *req, int64_t count)
{
	if (count < 0) return _("fewer than 5, or held back");
	/* TRANSLATORS: a count of people that is zero */
	if (count == 0) return _("none");
	return arena_printf(&req->arena, "%lld", (long long)count);
}

const char *rep_target_text(struct request *req, const struct rep_target *t)
{
	struct arena *a = &req->arena;
	bool pc = t->unit == REP_PERCENT;
	long long lo = (long long)t->min, hi = (long long)t->max;
	if (t->min >= 0 && t->max >= 0)
		return pc ? arena_printf(a, _("%lld%% to %lld%%"), lo, hi)
		          : arena_printf(a, ngettext("%lld to %lld person", "%lld to %lld people",
		                                     (unsigned long)t->max), lo, hi);
	if (t->min >= 0)
		return pc ? arena_printf(a, _("at least %lld%%"), lo)
		          : arena_printf(a, ngettext("at least %lld person", "at least %lld people",
		                                     (unsigned long)t->min), lo);
	if (t->max >= 0)
		return pc ? arena_printf(a, _("at most %lld%%"), hi)
		          : arena_printf(a, ngettext("at most %lld person", "at most %lld people",
		                                     (unsigned long)t->max), hi);
	return "";
}

static const char *permille_text(struct request *req, int64_t permille)
{
	if (permille % 10 == 0) return arena_printf(&req->arena, "%lld%%", (long long)(permille / 10));
	return arena_printf(&req->arena, "%lld.%lld%%", (long long)(permille / 10),
	                    (long long)(permille % 10));
}

const char *rep_reference_text(struct request *req, const struct rep_group *g)
{
	if (!g || g->reference_permille < 0) return "";
	const char *share = permille_text(req, g->reference_permille);
	if (!*g->reference_source && !g->reference_day) return share;
	const char *src = *g->reference_source ? g->reference_source : "";
	const char *day = g->reference_day ? format_day(req, g->reference_day) : "";
	/* TRANSLATORS: a share of the population, then its source and date:
	 * "17.8% (Census 2021, 21 March 2021)" */
	return arena_printf(&req->arena, _("%1$s (%2$s)"), share,
	                    *src && *day ? arena_printf(&req->arena, _("%1$s, %2$s"), src, day)
	                                 : (*src ? src : day));
}

static const char *standing_text(enum rep_standing s)
{
	switch (s) {
	case REP_BELOW: return _("Below the target: an empty chair");
	case REP_ABOVE: return _("Above the target");
	case REP_WITHIN: return _("Meets the target");
	case REP_UNKNOWN: return _("Not shown, so not known");
	case REP_NO_TARGET: break;
	}
	return "";
}

/* A share of total in whole percent, or -1 when it cannot be said. */
static int64_t percent(int64_t count, int64_t total)
{
	if (count < 0 || total <= 0) return -1;
	return (count * 100 + total / 2) / total;
}

static const char *percent_text(struct request *req, int64_t count, int64_t total)
{
	int64_t p = percent(count, total);
	return p < 0 ? "" : arena_printf(&req->arena, "%lld%%", (long long)p);
}

/* The chart: one bar a row, its length the row's share of the total; a
 * held-back row is an outline with no length; the target's ends and the
 * population share are marks across the bar. Drawn in a 600-wide box
 * that scales to the page; its words are the table's. */
enum { CHART_W = 600, LABEL_W = 220, BAR_W = CHART_W - LABEL_W - 60, ROW_H = 28 };

static int bar_x(int64_t permille)
{
	if (permille < 0) permille = 0;
	if (permille > 1000) permille = 1000;
	return LABEL_W + (int)(permille * BAR_W / 1000);
}

static void chart(struct request *req, const struct rep_scope *sc, const char *caption_id)
{
	struct buf *b = &req->out;
	int h = (int)sc->n * ROW_H + 10;
	html(b, "<svg class=\"rep-chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
	        "aria-labelledby=\"%a\" focusable=\"false\">", CHART_W, h, caption_id);
	for (size_t r = 0; r < sc->n; r++) {
		const struct rep_row *row = &sc->rows[r];
		int y = (int)r * ROW_H + 5;
		html(b, "<text x=\"%d\" y=\"%d\" class=\"rep-label\">%t</text>", LABEL_W - 8, y + 18,
		     row->label);
		if (row->count >= 0 && sc->total > 0) {
			int w = bar_x(row->count * 1000 / sc->total) - LABEL_W;
			html(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" class=\"%r\"/>",
			     LABEL_W, y + 4, w, row->standing == REP_BELOW ? "rep-bar rep-below" : "rep-bar");
			html(b, "<text x=\"%d\" y=\"%d\" class=\"rep-value\">%t</text>", LABEL_W + w + 6,
			     y + 18, rep_count_text(req, row->count));
		} else {
			html(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" class=\"rep-held\"/>",
			     LABEL_W, y + 4, BAR_W);
		}
		if (!row->group) continue;
		const struct rep_target *t = &row->group->target;
		bool in_share = t->unit == REP_PERCENT || sc->total > 0;
		for (int end = 0; end < 2 && in_share; end++) {
			int64_t v = end ? t->max : t->min;
			if (v < 0) continue;
			int64_t pm = t->unit == REP_PERCENT ? v * 10 : v * 1000 / sc->total;
			html(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"rep-target\"/>",
			     bar_x(pm), bar_x(pm), y, y + 28);
		}
		if (row->group->reference_permille >= 0) {
			int x = bar_x(row->group->reference_permille);
			html(b, "<path d=\"M%d %dl5 6l-5 6l-5 -6z\" class=\"rep-reference\"/>", x, y + 8);
		}
	}
	html(b, "</svg>");
}

void rep_section_html(struct request *req, const struct rep_section *sec,
                      const struct rep_scope *sc, const struct rep_scope *panel, int level)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const char *id = arena_printf(a, "rep-%s%s", sec->field->key, panel ? "-meeting" : "");
	html(b, "<section class=\"rep\" aria-labelledby=\"%a\"><h%d class=\"heading-m\" id=\"%a\">%t"
	        "</h%d>", id, level, id, _(sec->field->label), level);
	if (!sc->published_at) {
		html(b, "<p>%t</p></section>", _("No figures yet."));
		return;
	}
	const char *cap = arena_printf(a, "%s-caption", id);
	html(b, "<p class=\"hint\" id=\"%a\">%t</p>", cap,
	     _("The chart shows each group's share, with lines at the target and a diamond at the "
	       "share in the population. The table below gives the same figures."));
	html(b, "<div class=\"rep-figures\">");
	chart(req, sc, cap);
	html(b, "<table class=\"table\"><caption class=\"visually-hidden\">%t</caption><thead><tr>"
	        "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>",
	     _(sec->field->label), _("Group"), panel ? _("Came") : _("People"), _("Share"));
	if (panel) html(b, "<th scope=\"col\">%t</th>", _("Share on the panel"));
	html(b, "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	        "</tr></thead><tbody>",
	     _("Target"), _("Share in the population"), _("Against the target"));
	for (size_t r = 0; r < sc->n; r++) {
		const struct rep_row *row = &sc->rows[r];
		html(b, "<tr><th scope=\"row\">%r</th><td>%t</td><td>%t</td>",
		     row->own_words ? html_bdi(a, row->label) : html_piece(a, "%t", row->label),
		     rep_count_text(req, row->count), percent_text(req, row->count, sc->total));
		if (panel)
			html(b, "<td>%t</td>", percent_text(req, panel->rows[r].count, panel->total));
		bool count_target = row->group && row->group->target.unit == REP_PEOPLE;
		html(b, "<td>%t</td><td>%t</td><td>%r</td></tr>",
		     row->group && !(panel && count_target) ? rep_target_text(req, &row->group->target)
		                                             : "",
		     rep_reference_text(req, row->group),
		     row->standing == REP_BELOW
		     ? html_piece(a, "<strong class=\"tag tag-red\">%t</strong>", standing_text(row->standing))
		     : html_piece(a, "%t", standing_text(row->standing)));
	}
	html(b, "</tbody><tfoot><tr><th scope=\"row\">%t</th><td>%t</td><td></td>", _("Everyone"),
	     rep_count_text(req, sc->total));
	if (panel) html(b, "<td></td>");
	html(b, "<td></td><td></td><td></td></tr></tfoot></table></div>");
	html(b, "<p class=\"hint\">%t</p></section>",
	     arena_printf(a, _("Published %s."), format_time(req, sc->published_at,
	                                                     req->panel->time_zone)));
}

void rep_trend_html(struct request *req, const struct rep_section *sec, int level)
{
	struct buf *b = &req->out;
	if (sec->n_trend < 2) return;
	html(b, "<h%d class=\"heading-s\">%t</h%d><div class=\"table-wrap\" tabindex=\"0\" "
	        "role=\"region\" aria-label=\"%a\"><table class=\"table\"><thead><tr>"
	        "<th scope=\"col\">%t</th>",
	     level, arena_printf(&req->arena, _("%s over time"), _(sec->field->label)), level,
	     arena_printf(&req->arena, _("%s over time"), _(sec->field->label)), _("Group"));
	for (size_t i = 0; i < sec->n_trend; i++)
		html(b, "<th scope=\"col\">%t</th>", format_time(req, sec->trend[i].at,
		                                                  req->panel->time_zone));
	html(b, "</tr></thead><tbody>");
	for (size_t r = 0; r < sec->scope.n; r++) {
		const struct rep_row *row = &sec->scope.rows[r];
		html(b, "<tr><th scope=\"row\">%r</th>",
		     row->own_words ? html_bdi(&req->arena, row->label)
		                    : html_piece(&req->arena, "%t", row->label));
		for (size_t i = 0; i < sec->n_trend; i++)
			html(b, "<td>%t</td>", rep_count_text(req, sec->trend[i].counts[r]));
		html(b, "</tr>");
	}
	html(b, "<tr><th scope=\"row\">%t</th>", _("Everyone"));
	for (size_t i = 0; i < sec->n_trend; i++)
		html(b, "<td>%t</td>", rep_count_text(req, sec->trend[i].total));
	html(b, "</tr></tbody></table></div>");
}

void rep_empty_chairs_html(struct request *req, const struct rep_report *r, bool meeting,
                           const char *href)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct rep_chair *chairs;
	size_t n = app_rep_empty_chairs(r, meeting, a, &chairs);
	if (!n) return;
	html(b, "<section class=\"empty-chairs\" aria-labelledby=\"empty-chairs\">"
	        "<h2 class=\"heading-m\" id=\"empty-chairs\">%t</h2><p>%t</p><ul class=\"list\">",
	     _("Who isn't here?"),
	     meeting ? _("Groups the panel's targets ask for that were missing or below their "
	                 "target at this meeting:")
	             : _("Groups below the panel's targets, or whose numbers are too small to "
	                 "show:"));
	for (size_t i = 0; i < n; i++) {
		const struct rep_row *row = chairs[i].row;
		html(b, "<li>");
		/* TRANSLATORS: %1$s is a characteristic ("Age"), %2$s a group ("18 to 24") */
		html_sentence(b, _("%1$s: %2$s"), 2, html_piece(a, "%t", _(chairs[i].field->label)),
		              html_piece(a, "<strong><bdi>%t</bdi></strong>", row->label));
		html(b, " (%t%t)</li>", rep_target_text(req, &row->group->target),
		     row->standing == REP_UNKNOWN ? arena_printf(a, "; %s", _("not shown")) : "");
	}
	html(b, "</ul><p><a href=\"%a\">%t</a></p></section>", href, _("See who isn't here"));
}
