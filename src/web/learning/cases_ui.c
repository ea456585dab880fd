/* A case study as it is read (cases_ui.h). */
#include "web/learning/cases_ui.h"

#include <sodium.h>
#include <string.h>

#include "core/civil_time.h"
#include "core/lang.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

/* The labels of a ",a,b," list's keys from vocabulary t, joined. */
static const char *labels(struct request *req, const char *list, const struct case_tag *t,
                          size_t n)
{
	struct arena *a = &req->arena;
	const char *out = "";
	for (size_t i = 0; i < n; i++) {
		const char *key = arena_printf(a, ",%s,", t[i].key);
		if (!strstr(list, key)) continue;
		out = *out ? arena_printf(a, "%s, %s", out, _(t[i].label)) : _(t[i].label);
	}
	return out;
}

const char *case_source_line(struct request *req, const struct case_study *c)
{
	struct arena *a = &req->arena;
	const char *line = html_bdi(a, c->panel_name);
	/* TRANSLATORS: parts of a line about a case study, such as
	 * "Carers' panel · Co-design (rung 6) · Carers". */
	const char *join = _("%s · %s");
	if (c->rung)
		line = arena_printf(a, join, line,
		                    html_piece(a, "%t", arena_printf(a, _("%s (rung %lld)"),
		                                                     _(rung_label((int)c->rung)),
		                                                     (long long)c->rung)));
	const char *issues = labels(req, c->issues, case_issues, case_issue_count);
	if (*issues) line = arena_printf(a, join, line, html_piece(a, "%t", issues));
	if (c->source_id)
		line = arena_printf(a, join, line,
		                    html_piece(a, "%t <bdi>%t</bdi>", _("shared by"), c->source_name));
	return line;
}

static void fact(struct buf *b, const char *term, const char *value)
{
	if (value && *value)
		html(b, "<div><dt>%t</dt><dd><bdi>%t</bdi></dd></div>", term, value);
}

void case_html(struct request *req, const struct case_view *v)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const struct case_study *c = &v->c;
	html(b, "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\"><bdi>%t</bdi>"
	        "</h1>", c->panel_name, c->title);
	if (*c->brief) html(b, "<p class=\"lead\" dir=\"auto\">%t</p>", c->brief);
	html(b, "<dl class=\"summary\">");
	fact(b, _("Who ran it"), c->panel_name);
	if (*c->project_title) fact(b, _("Project"), c->project_title);
	fact(b, _("Issues"), labels(req, c->issues, case_issues, case_issue_count));
	fact(b, _("Approaches"), labels(req, c->approaches, case_approaches, case_approach_count));
	if (c->rung)
		fact(b, _("The rung of the ladder it reached"),
		     arena_printf(a, "%lld: %s", (long long)c->rung, _(rung_label((int)c->rung))));
	if (c->participants >= 0)
		fact(b, _("People who took part"), arena_printf(a, "%lld", (long long)c->participants));
	if (c->starts_on)
		fact(b, _("When"),
		     c->ends_on ? arena_printf(a, _("%s to %s"), format_day(req, c->starts_on),
		                               format_day(req, c->ends_on))
		                : arena_printf(a, _("From %s"), format_day(req, c->starts_on)));
	const char *named = "";
	for (size_t i = 0; i < v->n_people; i++) {
		const struct case_person *p = &v->people[i];
		if (!p->agreed_at) continue;
		const char *who = *p->role ? arena_printf(a, "%s (%s)", p->name, p->role) : p->name;
		named = *named ? arena_printf(a, "%s, %s", named, who) : who;
	}
	if (c->source_id) named = c->named; /* as the source published them */
	fact(b, _("Named, with their agreement"), named);
	html(b, "</dl>");
	if (c->source_id) {
		html(b, "<p>");
		html_sentence(b, _("Shared by %s, another site running emptychair: %s."), 2,
		              html_bdi(a, c->source_name),
		              *c->source_url ? html_link(a, c->source_url, _("read it there"))
		                             : html_piece(a, "%t", _("its address is not known")));
		html(b, "</p>");
	}
	for (int k = 0; k < CASE__SECTIONS; k++) {
		if (!*c->sections[k]) continue;
		html(b, "<h2 class=\"heading-m\">%t</h2><p class=\"report-text\" dir=\"auto\">%t</p>",
		     _(case_sections[k].title), c->sections[k]);
	}
}

const char *feed_public_key(struct request *req)
{
	char *b64 = arena_alloc(&req->arena, sodium_base64_ENCODED_LEN(AUTH_FEED_PUBLIC,
	                                                               sodium_base64_VARIANT_ORIGINAL));
	return sodium_bin2base64(b64, sodium_base64_ENCODED_LEN(AUTH_FEED_PUBLIC,
	                                                        sodium_base64_VARIANT_ORIGINAL),
	                         req->cfg->feed_public, AUTH_FEED_PUBLIC,
	                         sodium_base64_VARIANT_ORIGINAL);
}
