#include "web/selection/selection_ui.h"

#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "core/pay.h"
#include "core/representation.h"
#include "web/ui/html.h"
#include "web/http/form.h"
#include "web/people/people_ui.h"
#include "web/ui/answers.h"
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

/* The target a scope's row is held to, in words ("" when none). */
static const char *row_target_text(struct request *req, const struct rep_scope *sc,
                                   const struct rep_row *row)
{
	if (!row->group || row->standing == REP_NO_TARGET) return "";
	struct rep_target t = row->group->target;
	if (sc->targets_places)
		t = (struct rep_target){ REP_PEOPLE,
		                         t.min < 0 ? -1 : rep_in_places(t.min, sc->targets_places),
		                         t.max < 0 ? -1 : rep_in_places(t.max, sc->targets_places) };
	return rep_target_text(req, &t);
}

void rep_section_html(struct request *req, const struct rep_section *sec,
                      const struct rep_scope *sc, const struct rep_scope *panel, int level,
                      const char *title, const char *count_header)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const char *which = sc == &sec->meeting      ? "meeting"
	                    : sc == &sec->interested ? "interested"
	                    : sc == &sec->chosen     ? "chosen"
	                                             : "panel";
	const char *id = arena_printf(a, "rep-%s-%s", sec->field->key, which);
	html(b, "<section class=\"rep\" aria-labelledby=\"%a\"><h%d class=\"heading-m\" id=\"%a\">%t"
	        "</h%d>", id, level, id, title, level);
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
	     title, _("Group"), count_header, _("Share"));
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
		html(b, "<td>%t</td><td>%t</td><td>%r</td></tr>", row_target_text(req, sc, row),
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
	     level, arena_printf(&req->arena, _("%s over time"), _(rep_name(sec->field))), level,
	     arena_printf(&req->arena, _("%s over time"), _(rep_name(sec->field))), _("Group"));
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

void rep_empty_chairs_html(struct request *req, const struct rep_report *r,
                           enum rep_scope_kind kind, const char *href)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct rep_chair *chairs;
	size_t n = app_rep_empty_chairs(r, kind, a, &chairs);
	if (!n) return;
	html(b, "<section class=\"empty-chairs\" aria-labelledby=\"empty-chairs\">"
	        "<h2 class=\"heading-m\" id=\"empty-chairs\">%t</h2><p>%t</p><ul class=\"list\">",
	     _("Who isn't here?"),
	     kind == REP_SCOPE_MEETING
	     ? _("Groups the panel's targets ask for that were below their target at this "
	         "meeting, or whose numbers are too small to show:")
	     : kind == REP_SCOPE_INTERESTED
	     ? _("Groups the draw's targets need that too few have come forward from so far, or "
	         "whose numbers are too small to show:")
	     : _("Groups below the panel's targets, or whose numbers are too small to show:"));
	for (size_t i = 0; i < n; i++) {
		const struct rep_row *row = chairs[i].row;
		struct rep_target t = row->group->target;
		if (chairs[i].places)
			t = (struct rep_target){ REP_PEOPLE,
			                         t.min < 0 ? -1 : rep_in_places(t.min, chairs[i].places),
			                         t.max < 0 ? -1 : rep_in_places(t.max, chairs[i].places) };
		html(b, "<li>");
		/* TRANSLATORS: %1$s is a characteristic ("Age"), %2$s a group ("18 to 24") */
		html_sentence(b, _("%1$s: %2$s"), 2, html_piece(a, "%t", _(rep_name(chairs[i].field))),
		              html_piece(a, "<strong><bdi>%t</bdi></strong>", row->label));
		html(b, " (%t%t)</li>", rep_target_text(req, &t),
		     row->standing == REP_UNKNOWN ? arena_printf(a, "; %s", _("not shown")) : "");
	}
	html(b, "</ul><p><a href=\"%a\">%t</a></p></section>", href, _("See who isn't here"));
}

/* ---- opportunities ---- */

bool load_opportunity(struct request *req, struct opportunity *o)
{
	switch (store_opportunity(req->store, req->panel->id, req->params[1], &req->arena, o)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		respond_error(req, 404, "not_found", _("There is no such opportunity on this panel."));
		return false;
	default:
		respond_error(req, 500, "internal", _("We could not load the opportunity."));
		return false;
	}
}

bool load_draw(struct request *req, const struct opportunity *o, struct draw *d)
{
	struct draw *all;
	size_t n;
	if (store_draws(req->store, o->id, &req->arena, &all, &n) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load the opportunity."));
		return false;
	}
	for (size_t i = 0; i < n; i++)
		if (all[i].id == req->params[2]) {
			*d = all[i];
			return true;
		}
	respond_error(req, 404, "not_found", _("There is no such draw."));
	return false;
}

bool load_opportunity_view(struct request *req, const struct opportunity *o,
                           struct opportunity_view *v)
{
	struct app_error err;
	if (app_opportunity_view(req->store, o, req->user->id, &req->arena, v, &err)) return true;
	respond_app_error(req, &err);
	return false;
}

const char *opportunity_state_text(struct request *req, const struct opportunity *o)
{
	struct arena *a = &req->arena;
	if (o->cancelled_at) return _("Cancelled");
	if (o->drawn)
		return arena_printf(a, ngettext("Drawn: %d of %d place taken", "Drawn: %d of %d places taken",
		                                (unsigned long)o->places),
		                    o->holding, o->places);
	if (req->now < o->closes_at)
		/* TRANSLATORS: %s is a date and time */
		return arena_printf(a, _("Open: come forward until %s"),
		                    format_time(req, o->closes_at, req->panel->time_zone));
	return _("Closed: waiting for the draw");
}

const char *opportunity_pay_text(struct request *req, const struct opportunity *o)
{
	struct arena *a = &req->arena;
	if (!o->paid) return _("Not paid");
	const char *what = arena_printf(a, "%lld × %s", (long long)o->pay_quantity,
	                                _(pay_unit_label(o->pay_unit)));
	struct pay_policy pol;
	int64_t amount;
	if (store_pay_policy_get(req->store, req->panel->id, a, &pol) == ST_OK && pol.configured &&
	    pay_fee(&pol.rates, o->pay_unit, o->pay_quantity, &amount))
		/* TRANSLATORS: %1$s is how long ("2 × Half day"), %2$s an amount of money */
		return arena_printf(a, _("%1$s: %2$s at the panel's rates"), what,
		                    money_format(a, pol.currency, amount));
	return what;
}

const char *opportunity_targets_text(struct request *req, const struct opportunity *o)
{
	struct buf b = { 0 };
	const struct profile_field *f;
	for (int c = 0; (f = rep_characteristic(c)); c++) {
		if (!profile_multi_has(o->characteristics, f->key)) continue;
		if (b.len) buf_puts(&b, "; ");
		buf_puts(&b, _(rep_name(f)));
	}
	const char *out = arena_strdup(&req->arena, b.data ? b.data : _("None"));
	buf_free(&b);
	return out;
}

const char *chance_text(struct request *req, int64_t ppm)
{
	if (ppm >= 999500) return _("certain");
	if (ppm > 0 && ppm < 5000) return _("less than 1%");
	return arena_printf(&req->arena, "%lld%%", (long long)((ppm + 5000) / 10000));
}

/* What was typed in field name when the page is shown again (e), else
 * value. */
static const char *kept(struct request *req, const struct form_errors *e, const char *name,
                        const char *value)
{
	if (!e || !e->n) return value;
	const char *v = form_get(&req->form, name);
	return v ? v : "";
}

void my_part_html(struct request *req, const struct opportunity *o,
                  const struct opportunity_view *v, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	bool may = policy_allows(&req->actor, PA_EXPRESS_INTEREST);
	bool open = !o->cancelled_at && !o->drawn && req->now < o->closes_at;
	bool interested = v->mine && !v->mine->withdrawn_at;
	html(b, "<section class=\"my-part\" aria-labelledby=\"mine\"><h2 class=\"heading-m\" "
	        "id=\"mine\">%t</h2>", _("You"));
	if (v->my_place) {
		html(b, "<p><strong class=\"tag tag-green\">%t</strong></p>", _("You have a place."));
		ui_form_begin(req, arena_printf(a, "/panels/%lld/opportunities/%lld/give-up",
		                               (long long)req->panel->id, (long long)o->id));
		ui_button(req, _("I can no longer do this: give up my place"), "warning");
		ui_form_end(req);
	} else if (v->had_place) {
		html(b, "<p>%t</p>", _("You gave up your place."));
	} else if (o->drawn && v->my_draw && v->my_draw->number >= 0) {
		html(b, "<p>%t</p>", _("You were not chosen this time."));
	} else if (interested && !open && app_limit_flag(req->store, req->user->id, req->now)) {
		html(b, "<p>%r</p>", html_piece(a, "%t <a href=\"/my-limits\">%t</a>",
		                                _("You came forward, but you are paused or have reached "
		                                  "one of your limits, so the draw leaves you out."),
		                                _("My limits")));
	} else if (interested && !open) {
		html(b, "<p>%t</p>", _("You came forward. The draw has not been made yet."));
	} else if (interested) {
		html(b, "<p>%t</p>", _("You have come forward. You can withdraw until the draw."));
		if (*v->mine->note)
			html(b, "<p>%t</p><blockquote dir=\"auto\">%t</blockquote>",
			     _("What you told the stewards:"), v->mine->note);
	} else if (open && may) {
		html(b, "<p>%t</p>", _("Would you like to do this? Come forward, and the places are "
		                       "drawn fairly once it closes."));
	} else if (open) {
		html(b, "<p>%t</p>", _("While your membership is paused you cannot come forward."));
	} else {
		html(b, "<p>%t</p>", _("You did not come forward for this."));
	}
	if (v->my_draw)
		html(b, "<p>%r</p>",
		     html_piece(a, "%t <strong>%t</strong> %t",
		                v->my_draw->number >= 0 ? _("Your chance of a place was:")
		                                        : _("Your chance of a place:"),
		                chance_text(req, v->my_chance.chance_ppm),
		                arena_printf(a, ngettext("(you are in %d of the 1,000 possible groups)",
		                                         "(you are in %d of the 1,000 possible groups)",
		                                         (unsigned long)v->my_chance.panels),
		                             v->my_chance.panels)));
	if (open && may) {
		ui_form_begin(req, arena_printf(a, "/panels/%lld/opportunities/%lld/interest",
		                               (long long)req->panel->id, (long long)o->id));
		ui_textarea(req, e, "note", _("Anything the stewards should know (optional)"),
		            _("For example access or communication needs, or times you cannot do. "
		              "Only the stewards see this."),
		            kept(req, e, "note", interested ? v->mine->note : ""));
		ui_button(req, interested ? _("Save what I told the stewards") : _("I'm interested"),
		          NULL);
		ui_form_end(req);
	}
	if (interested && !o->drawn && may) {
		ui_form_begin(req, arena_printf(a, "/panels/%lld/opportunities/%lld/withdraw",
		                               (long long)req->panel->id, (long long)o->id));
		ui_button(req, _("Withdraw"), "secondary");
		ui_form_end(req);
	}
	html(b, "</section>");
}

void holders_html(struct request *req, const struct opportunity *o,
                  const struct opportunity_view *v)
{
	(void)o;
	struct buf *b = &req->out;
	if (!v->n_places) return;
	html(b, "<h2 class=\"heading-m\">%t</h2><ul class=\"list\">", _("Who has the places"));
	for (size_t i = 0; i < v->n_places; i++)
		if (!v->places[i].dropped_at) html(b, "<li><bdi>%t</bdi></li>", v->places[i].name);
	html(b, "</ul>");
}

/* Why a draw could not be made (app_draw_explanation). */
static void explanation_html(struct request *req, const struct draw *d)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	int short_of;
	struct draw_change *c;
	size_t n;
	struct app_error err;
	if (!app_draw_explanation(req->store, d, req->panel->id, a, &short_of, &c, &n, &err)) return;
	if (short_of) {
		html(b, "<p>%t</p>", arena_printf(a, ngettext("Not enough people came forward: %d more "
		                                              "is needed.",
		                                              "Not enough people came forward: %d more "
		                                              "are needed.",
		                                              (unsigned long)short_of), short_of));
		return;
	}
	html(b, "<p>%t</p><ul class=\"list\">",
	     _("No group of people who came forward can meet every target. The smallest change "
	       "that would make a draw possible:"));
	for (size_t i = 0; i < n; i++)
		html(b, "<li>%r</li>",
		     html_piece(a, "%t: <bdi>%t</bdi>, %t", _(rep_name(c[i].field)), c[i].group,
		                c[i].is_min ? arena_printf(a, _("at least %d instead of %d"), c[i].to,
		                                           c[i].from)
		                            : arena_printf(a, _("at most %d instead of %d"), c[i].to,
		                                           c[i].from)));
	html(b, "</ul><p>%t</p>",
	     _("A steward can change the panel's targets, or wait for more people, and prepare "
	       "the draw again."));
}

void manage_html(struct request *req, const struct opportunity *o,
                 const struct opportunity_view *v, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<section aria-labelledby=\"run\"><h2 class=\"heading-m\" id=\"run\">%t</h2>",
	     _("Running the draw"));
	html(b, "<p>%t</p>", arena_printf(a, ngettext("%d person has come forward.",
	                                              "%d people have come forward.",
	                                              (unsigned long)o->interested),
	                                  o->interested));
	if (policy_sees_interest(&req->actor) && v->n_interests) {
		html(b, "<table class=\"table\"><caption class=\"visually-hidden\">%t</caption><thead>"
		        "<tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
		     _("Who came forward"), _("Name"), _("What they told the stewards"));
		for (size_t i = 0; i < v->n_interests; i++) {
			const struct interest *in = &v->interests[i];
			if (in->withdrawn_at) continue;
			html(b, "<tr><td><a href=\"/panels/%l/members/%l\"><bdi>%t</bdi></a>%r</td>"
			        "<td dir=\"auto\">%t</td></tr>",
			     req->panel->id, in->user_id, in->name, limit_flag_html(req, in->user_id),
			     in->note);
		}
		html(b, "</tbody></table><p class=\"hint\">%t</p>",
		     _("Their access and communication needs, as they share them with stewards, are on "
		       "their page. Someone paused, or who has reached their own limit, is left out of "
		       "the draw."));
	}
	bool open = !o->cancelled_at && req->now < o->closes_at;
	bool came = v->mine && !v->mine->withdrawn_at;
	if (!policy_may_run_draw(&req->actor, came)) {
		html(b, "<p>%t</p></section>", _("You came forward for this, so someone else runs its "
		                                 "draw."));
		return;
	}
	if (v->ready) {
		html(b, "<p>%t</p>", _("The 1,000 possible groups are ready, and each person who came "
		                       "forward can see their own chance. Now choose a number from 000 "
		                       "to 999 where everyone can see it: roll a ten-sided die three "
		                       "times, or ask a steward and a co-creator each to write a number, "
		                       "and enter both: they are added, keeping the last three digits."));
		ui_form_begin(req, arena_printf(a, "/panels/%lld/opportunities/%lld/draws/%lld/number",
		                               (long long)req->panel->id, (long long)o->id,
		                               (long long)v->ready->id));
		ui_input(req, e, "number", _("The number (or the first of two)"), NULL,
		         kept(req, e, "number", ""), "text", "off");
		ui_input(req, e, "second_number", _("The second number (optional)"), NULL,
		         kept(req, e, "second_number", ""), "text", "off");
		ui_input(req, e, "note", _("How it was chosen (optional)"),
		         _("For example: dice rolled by Amira at the meeting of 3 March."),
		         kept(req, e, "note", ""), "text", "off");
		ui_button(req, _("Make the draw"), NULL);
		ui_form_end(req);
	} else if (!open && !o->cancelled_at && o->holding < o->places) {
		html(b, "<p>%t</p>", o->drawn
		     ? _("A place is free: prepare a draw for a replacement, from those who came forward "
		         "and were not chosen, keeping the targets.")
		     : _("It has closed: prepare the draw. Each person's chance is worked out first, "
		         "and shown to them before the number is chosen."));
		ui_form_begin(req, arena_printf(a, "/panels/%lld/opportunities/%lld/draws",
		                               (long long)req->panel->id, (long long)o->id));
		ui_button(req, o->drawn ? _("Prepare a replacement draw") : _("Prepare the draw"), NULL);
		ui_form_end(req);
	} else if (open) {
		html(b, "<p>%t</p>", _("The draw can be prepared once it closes. If enough people have "
		                       "come forward, you can close it now."));
		ui_form_begin(req, arena_printf(a, "/panels/%lld/opportunities/%lld/close",
		                               (long long)req->panel->id, (long long)o->id));
		ui_button(req, _("Close it now"), "secondary");
		ui_form_end(req);
	}
	if (v->latest && v->latest->impossible) explanation_html(req, v->latest);
	/* giving up a place for someone who told a steward */
	if (o->holding && policy_may_give_up_for(&req->actor)) {
		struct field_option *who = arena_alloc(a, (v->n_places + 1) * sizeof *who);
		size_t k = 0;
		for (size_t i = 0; i < v->n_places; i++)
			if (!v->places[i].dropped_at)
				who[k++] = (struct field_option){ arena_printf(a, "%lld",
				                                               (long long)v->places[i].user_id),
				                                  option_theirs(a, v->places[i].name) };
		who[k] = (struct field_option){ 0, 0 };
		ui_form_begin(req, arena_printf(a, "/panels/%lld/opportunities/%lld/give-up",
		                               (long long)req->panel->id, (long long)o->id));
		ui_select(req, NULL, "user_id", _("Someone who told you they can no longer do it"), who,
		          "");
		ui_button(req, _("Give up their place"), "secondary");
		ui_form_end(req);
	}
	html(b, "</section>");
}

void draws_html(struct request *req, const struct opportunity *o,
                const struct opportunity_view *v)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	if (!v->n_draws) return;
	html(b, "<section aria-labelledby=\"draw\"><h2 class=\"heading-m\" id=\"draw\">%t</h2>",
	     _("The record of the draw"));
	for (size_t i = 0; i < v->n_draws; i++) {
		const struct draw *d = &v->draws[i];
		html(b, "<h3 class=\"heading-s\">%t</h3><dl class=\"summary\">",
		     d->replacement ? _("Replacement draw") : _("Draw"));
		html(b, "<div><dt>%t</dt><dd>%t</dd></div><div><dt>%t</dt><dd>%t</dd></div>",
		     _("Prepared"), format_time(req, d->prepared_at, req->panel->time_zone),
		     _("Method"), d->algorithm);
		html(b, "<div><dt>%t</dt><dd>%d</dd></div>", _("Places drawn"), d->places);
		if (d->impossible || d->set_aside) {
			html(b, "<div><dt>%t</dt><dd>%t</dd></div></dl>", _("Outcome"),
			     d->impossible ? _("No draw possible with these targets")
			                   : _("Set aside: someone in it withdrew before the number was "
			                       "chosen"));
			continue;
		}
		html(b, "<div><dt>%t</dt><dd><code>%t</code></dd></div>",
		     _("Fingerprint of the 1,000 groups (SHA-256)"), d->lottery_sha256);
		if (d->outsiders && o->rotation)
			html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Turns"),
			     arena_printf(a, ngettext("The targets needed %d place for someone chosen "
			                              "lately.",
			                              "The targets needed %d places for people chosen "
			                              "lately.", (unsigned long)d->outsiders),
			                  d->outsiders));
		if (d->number >= 0) {
			html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Number"),
			     arena_printf(a, "%03d", d->number));
			if (*d->number_note)
				html(b, "<div><dt>%t</dt><dd dir=\"auto\">%t</dd></div>", _("How it was chosen"),
				     d->number_note);
			html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _("Drawn"),
			     format_time(req, d->drawn_at, req->panel->time_zone));
		}
		html(b, "</dl>");
		ui_form_begin(req, arena_printf(a, "/panels/%lld/opportunities/%lld/draws/%lld/check",
		                               (long long)req->panel->id, (long long)o->id,
		                               (long long)d->id));
		ui_button(req, _("Check this draw again"), "secondary");
		ui_form_end(req);
	}
	html(b, "</section>");
}
