/* Pieces of page shared by the voice-and-influence pages (voice_ui.h):
 * how a contribution is shown, influence figures, and the sections of a
 * meeting's page that papers, reflections and "what we will change" add. */
#include <stdint.h>
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/markdown.h"
#include "core/text.h"
#include "store/files.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

static const struct field_option ypn_options[] = {
	{ "yes", "Yes" }, { "partly", "Partly" }, { "no", "No" }, { 0, 0 } };

static const char *status_class(enum response_status s);
static const char *disposition(struct request *req, const char *kind, const char *name);

const char *said_by(struct request *req, const struct contribution *c)
{
	switch (c->attribution) {
	case ATTR_NAMED:
		return *c->author_name ? c->author_name : "A former member";
	case ATTR_GROUP:
		return arena_printf(&req->arena, "On behalf of %s%s", c->group_name,
		                    c->mine ? " (written by you)" : "");
	case ATTR_ANONYMOUS:
		break;
	}
	return c->mine ? "Anonymous (only you can see this is yours)" : "Anonymous";
}

enum { TITLE_CHARS = 60, TITLE_BYTES = 4 * TITLE_CHARS + 1 };

/* Whether s[0..n) is all ASCII, eight bytes at a time. */
static bool ascii_only(const char *s, size_t n)
{
	uint64_t high = 0, w;
	size_t k = 0;
	for (; k + 8 <= n; k += 8) {
		memcpy(&w, s + k, 8);
		high |= w;
	}
	for (; k < n; k++) high |= (unsigned char)s[k];
	return !(high & UINT64_C(0x8080808080808080));
}

/* The first words of body, up to about TITLE_CHARS characters, cut
 * between words, into out; whether that is all of it. */
static bool first_words(const char *body, char out[TITLE_BYTES])
{
	/* Every list shows a title per card: the scans are kept short. The
	 * end of the first TITLE_CHARS characters (a character begins at each
	 * byte that is not 10xxxxxx), then back to the space before it. */
	size_t i = strnlen(body, TITLE_CHARS + 1);
	if (!ascii_only(body, i)) {
		size_t chars = 0;
		for (i = 0; chars < TITLE_CHARS && body[i]; i++) chars += (body[i] & 0xC0) != 0x80;
	} else if (i > TITLE_CHARS) {
		i = TITLE_CHARS; /* one byte a character */
	}
	bool whole = !body[i];
	size_t len = i;
	if (!whole && body[i] != ' ' && body[i] != '\n') { /* a word goes on past i */
		size_t cut = i;
		while (cut > 1 && body[cut - 1] != ' ' && body[cut - 1] != '\n') cut--;
		if (cut > 1) len = cut - 1;
	}
	while (len && (body[len - 1] == ' ' || body[len - 1] == '\n' || body[len - 1] == '\r')) len--;
	/* Cut at a character's start, never inside one. */
	while (len && (body[len] & 0xC0) == 0x80) len--;
	memcpy(out, body, len);
	out[len] = 0;
	for (char *p = out; (p = strpbrk(p, "\r\n")); p++) *p = ' ';
	return whole;
}

const char *contribution_title(struct request *req, const struct contribution *c)
{
	char words[TITLE_BYTES];
	bool whole = first_words(c->body, words);
	return arena_printf(&req->arena, "%s: \u201c%s%s\u201d", kind_label(c->kind), words,
	                    whole ? "" : "\u2026");
}

/* The same, written into b as HTML (a card's heading, on every list). */
static void title_html(struct buf *b, const struct contribution *c)
{
	char words[TITLE_BYTES];
	bool whole = first_words(c->body, words);
	html(b, "%t: \u201c%t%r\u201d", kind_label(c->kind), words, whole ? "" : "\u2026");
}

void contribution_card(struct request *req, const struct contribution *c, const char *zone,
                       bool link_title, bool show_panel)
{
	struct buf *b = &req->out;
	html(b, "<article class=\"card contribution\" aria-labelledby=\"c%l\">"
	        "<h3 class=\"heading-s\" id=\"c%l\">", c->id, c->id);
	if (link_title) html(b, "<a href=\"/panels/%l/contributions/%l\">", c->panel_id, c->id);
	title_html(b, c);
	if (link_title) html(b, "</a>");
	/* An anonymous contribution's time to the day only: to the second, set
	 * beside a person's named ones, it could point to them. */
	html(b, "</h3><p class=\"quote\">%t</p><p class=\"hint\">%t, %t", c->body,
	     said_by(req, c),
	     c->attribution == ATTR_ANONYMOUS ? format_day(req, civil_day_at(c->created_at, zone))
	                                      : format_time(req, c->created_at, zone));
	if (show_panel) html(b, ", to %t", c->panel_name);
	if (*c->meeting_title)
		html(b, ", at <a href=\"/panels/%l/meetings/%l\">%t</a>", c->panel_id, c->meeting_id,
		     c->meeting_title);
	if (*c->project_title)
		html(b, ", for <a href=\"/panels/%l/projects/%l\">%t</a>", c->panel_id, c->project_id,
		     c->project_title);
	html(b, ".</p><p><strong class=\"%r\">%t</strong>", status_class(c->status),
	     response_status_label(c->status));
	if (contribution_overdue(c->status, c->due_at, req->now))
		html(b, " <strong class=\"tag tag-red\">Overdue: a response was due %t</strong>",
		     format_time(req, c->due_at, zone));
	else if (!response_is_outcome(c->status))
		html(b, " <span class=\"hint\">Response due by %t%r%t.</span>",
		     format_time(req, c->due_at, zone), *c->owner_name ? ", from " : "",
		     c->owner_name);
	html(b, "</p>");
	if (c->response_id) {
		html(b, "<dl class=\"summary\">");
		if (*c->what_done) html(b, "<div><dt>What was done</dt><dd>%t</dd></div>", c->what_done);
		if (*c->reason) html(b, "<div><dt>Why</dt><dd>%t</dd></div>", c->reason);
		if (*c->referred_to) html(b, "<div><dt>Passed on to</dt><dd>%t</dd></div>", c->referred_to);
		if (*c->decided_by)
			html(b, "<div><dt>Who decided</dt><dd>%t, %t</dd></div>", c->decided_by,
			     format_time(req, c->decided_at, zone));
		html(b, "</dl>");
	}
	html(b, "</article>");
}

void influence_figures(struct request *req, const struct influence *f)
{
	struct buf *b = &req->out;
	html(b, "<ul class=\"figures\" aria-label=\"Influence\">"
	        "<li><strong>%l</strong> contribution%r</li>"
	        "<li><strong>%d%%</strong> with an outcome</li>"
	        "<li><strong>%d%%</strong> adopted in full or in part</li>",
	     f->contributions, f->contributions == 1 ? "" : "s",
	     percent_of(f->answered, f->contributions), percent_of(f->adopted, f->contributions));
	if (f->median_days >= 0)
		html(b, "<li><strong>%l day%r</strong> median time to an outcome</li>", f->median_days,
		     f->median_days == 1 ? "" : "s");
	else
		html(b, "<li><strong>No outcomes yet</strong> so no time to an outcome</li>");
	html(b, "<li><strong%r>%l</strong> overdue</li>",
	     f->overdue ? " class=\"tag tag-red\"" : "", f->overdue);
	int heard = felt_heard_tenths(f);
	if (heard >= 0)
		html(b, "<li><strong>%d.%d out of 5</strong> felt heard (%l answers)</li>", heard / 10,
		     heard % 10, f->reflections);
	else
		html(b, "<li><strong>Not shown</strong> felt heard: fewer than %d answers so far</li>",
		     REFLECTION_MIN_ANSWERS);
	html(b, "</ul>");
}

const char *meeting_path(struct request *req, int64_t meeting_id)
{
	return arena_printf(&req->arena, "/panels/%lld/meetings/%lld", (long long)req->panel->id,
	                    (long long)meeting_id);
}

void papers_section(struct request *req, const struct meeting *m, bool invited)
{
	struct buf *b = &req->out;
	bool manage = policy_allows(&req->actor, PA_ADD_PAPER);
	struct paper *p;
	size_t n;
	html(b, "<h2 class=\"heading-m\" id=\"papers\">Papers</h2>");
	if (store_papers_list(req->store, m->id, manage, &req->arena, &p, &n) != ST_OK) {
		html(b, "<p>We could not load the papers.</p>");
		return;
	}
	if (!n) html(b, "<p>No papers yet.</p>");
	else html(b, "<ul class=\"list papers\">");
	for (size_t i = 0; i < n; i++) {
		if (!policy_can_see_paper(&req->actor, invited, p[i].published_at != 0)) continue;
		html(b, "<li>");
		if (*p[i].item_content_note)
			html(b, "<p><strong>Content note:</strong> %t</p>", p[i].item_content_note);
		html(b, "<a href=\"%a\">%t</a>", paper_path(req, m, p[i].id), p[i].title);
		if (!p[i].published_at) html(b, " <strong class=\"tag tag-grey\">Draft</strong>");
		html(b, "<p>%t</p><p class=\"hint\">", p[i].summary);
		if (*p[i].item_title) html(b, "For the item \"%t\". ", p[i].item_title);
		if (p[i].is_file)
			html(b, "%t, %t.", filetype_label(p[i].file_kind), file_size(req, p[i].file_size));
		else html(b, "Written on this site.");
		html(b, " <a href=\"%a?print=large\">Large print<span class=\"visually-hidden\">: %t"
		        "</span></a></p></li>", paper_path(req, m, p[i].id), p[i].title);
	}
	if (n) html(b, "</ul>");
	if (manage)
		html(b, "<p><a class=\"button secondary\" href=\"%a/papers/new\">Add a paper</a></p>",
		     meeting_path(req, m->id));
}

void reflection_results(struct request *req, const struct reflection_summary *rs,
                        const char *heading_id)
{
	struct buf *b = &req->out;
	if (!rs->released) {
		html(b, "<p>Results are shown for each group of %d answers to a meeting, so that no "
		        "answer can be picked out. %l so far.</p>", REFLECTION_MIN_ANSWERS, rs->answers);
		return;
	}
	int tenths = average_tenths(rs->felt_heard_sum, rs->released);
	html(b, "<dl class=\"figures\" aria-labelledby=\"%a\">"
	        "<div><dt>Answers</dt><dd>%l</dd></div>"
	        "<div><dt>Felt heard, on average (1 to 5)</dt><dd>%r</dd></div>",
	     heading_id, rs->released, arena_printf(&req->arena, "%d.%d", tenths / 10, tenths % 10));
	static const char *const questions[2] = { "Had the information in time",
	                                          "Felt safe" };
	for (int q = 0; q < 2; q++) {
		const int64_t *c = q ? rs->felt_safe : rs->info_in_time;
		html(b, "<div><dt>%t</dt><dd>Yes %l, partly %l, no %l</dd></div>", questions[q],
		     c[YPN_YES], c[YPN_PARTLY], c[YPN_NO]);
	}
	html(b, "</dl>");
	if (rs->answers > rs->released)
		html(b, "<p class=\"hint\">%l more answer%r will be counted once a meeting has %d more, "
		        "so that no answer can be picked out.</p>", rs->answers - rs->released,
		     rs->answers - rs->released == 1 ? "" : "s", REFLECTION_MIN_ANSWERS);
	if (rs->ncomments) {
		html(b, "<h3 class=\"heading-s\">What people said should change</h3><ul class=\"list\">");
		for (size_t i = 0; i < rs->ncomments; i++) {
			html(b, "<li><p class=\"quote\">%t</p>", rs->comments[i].text);
			if (*rs->comments[i].name) html(b, "<p class=\"hint\">%t</p>", rs->comments[i].name);
			html(b, "</li>");
		}
		html(b, "</ul>");
	}
}

void reflection_section(struct request *req, const struct meeting *m, bool invited,
                        bool attended, const struct form_errors *e)
{
	struct buf *b = &req->out;
	if (m->cancelled_at || m->ends_at > req->now) return;
	html(b, "<h2 class=\"heading-m\" id=\"reflection\">Reflection</h2>");
	bool can = policy_can_reflect(&req->actor, invited, attended);
	if (can && store_reflection_done(req->store, m->id, req->user->id)) {
		html(b, "<p>Thank you: you have shared your reflection on this meeting.</p>");
	} else if (can) {
		static const struct field_option heard[] = {
			{ "1", "1: not at all" }, { "2", "2" }, { "3", "3" }, { "4", "4" },
			{ "5", "5: completely" }, { 0, 0 } };
		html(b, "<p>You were at this meeting. Tell us how it went, so the next one is better. "
		        "It takes a minute. Your answer is anonymous unless you choose to put your name "
		        "to it.</p>");
		ui_form_begin(req, arena_printf(&req->arena, "%s/reflection", meeting_path(req, m->id)));
		/* After a refusal, what was chosen and typed. */
		ui_choices(req, e, "felt_heard", "How heard did you feel?", NULL, heard,
		           field(req, "felt_heard"), false);
		ui_choices(req, e, "info_in_time", "Did you have the information you needed in time?",
		           NULL, ypn_options, field(req, "info_in_time"), false);
		ui_choices(req, e, "felt_safe", "Did you feel safe to say what you think?", NULL,
		           ypn_options, field(req, "felt_safe"), false);
		ui_textarea(req, e, "should_change", "What should change? (optional)", NULL,
		            field(req, "should_change"));
		html(b, "<div class=\"choice\"><input type=\"checkbox\" id=\"named\" name=\"named\" "
		        "value=\"1\"%r><label for=\"named\">Put my name to my answer</label></div>",
		     form_has(&req->form, "named") ? " checked" : "");
		ui_button(req, "Share my reflection", NULL);
		ui_form_end(req);
	}
	struct reflection_summary rs;
	html(b, "<h3 class=\"heading-s\" id=\"reflection-results\">What attendees said</h3>");
	if (store_reflections_summary(req->store, false, m->id, &req->arena, &rs) != ST_OK)
		html(b, "<p>We could not load the reflections.</p>");
	else reflection_results(req, &rs, "reflection-results");
}

void change_section(struct request *req, const struct meeting *m, const struct form_errors *e)
{
	struct buf *b = &req->out;
	bool manage = policy_allows(&req->actor, PA_MANAGE_MEETINGS);
	if (!*m->what_we_will_change && !(manage && m->ends_at <= req->now)) return;
	html(b, "<h2 class=\"heading-m\" id=\"change\">What we will change</h2>");
	if (*m->what_we_will_change) html(b, "<p class=\"quote\">%t</p>", m->what_we_will_change);
	if (!manage) return;
	ui_form_begin(req, arena_printf(&req->arena, "%s/what-we-will-change", meeting_path(req, m->id)));
	const char *typed = form_get(&req->form, "text");
	ui_textarea(req, e, "text",
	            *m->what_we_will_change ? "Change what we will change" : "Write what we will change",
	            "Answer the reflections: what the stewards will do differently. Everyone who "
	            "attended is told. Empty it and save to take it back.",
	            typed ? typed : m->what_we_will_change);
	ui_button(req, "Save and tell attendees", "secondary");
	ui_form_end(req);
}

void paper_file_send(struct request *req, const struct paper *p)
{
	if (!p->is_file) {
		respond_error(req, 404, "not_found", "This paper is written on the site, not a file.");
		return;
	}
	/* Bounded by the size recorded at upload, not by today's upload limit
	 * (a lower limit must not make older papers unreadable); a file of any
	 * other size is not the one that was kept. */
	size_t size = p->file_size > 0 ? (size_t)p->file_size : 0;
	if (!files_read(req->cfg->files_dir, p->file_sha256, size, &req->out) ||
	    req->out.len != size) {
		respond_error(req, 500, "internal", "The paper's file could not be read. Tell a steward.");
		return;
	}
	req->status = 200;
	req->content_type = filetype_media_type(p->file_kind);
	respond_header(req, "Content-Disposition",
	               disposition(req, filetype_is_image(p->file_kind) ? "inline" : "attachment",
	                           p->file_name));
	/* On top of the site's policy: a file opened in the browser runs no
	 * script and is its own origin. */
	respond_header(req, "Content-Security-Policy", "default-src 'none'; img-src 'self'; "
	                                              "style-src 'unsafe-inline'; sandbox");
	respond_header(req, "Cache-Control", "private, no-store");
}

static const char *status_class(enum response_status s)
{
	switch (s) {
	case RS_ADOPTED:
	case RS_ADOPTED_IN_PART: return "tag tag-green";
	case RS_NOT_ADOPTED: return "tag tag-red";
	case RS_AWAITING: return "tag tag-grey";
	default: return "tag";
	}
}

/* RFC 8187 filename*: UTF-8, percent-encoded. */
static const char *disposition(struct request *req, const char *kind, const char *name)
{
	struct buf v = {0};
	buf_printf(&v, "%s; filename=\"", kind);
	/* The ASCII fallback: one '_' for each other character. */
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x80) buf_putc(&v, (char)*p);
		else if (*p >= 0xc0) buf_putc(&v, '_');
	buf_puts(&v, "\"; filename*=UTF-8''");
	url_component(&v, name);
	const char *out = arena_strdup(&req->arena, v.data);
	buf_free(&v);
	return out;
}

const char *paper_path(struct request *req, const struct meeting *m, int64_t id)
{
	return arena_printf(&req->arena, "%s/papers/%lld", meeting_path(req, m->id), (long long)id);
}

/* "840 KB", "2.4 MB". */
const char *file_size(struct request *req, int64_t bytes)
{
	if (bytes < 1024 * 1024)
		return arena_printf(&req->arena, "%lld KB", (long long)((bytes + 1023) / 1024));
	return arena_printf(&req->arena, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}
