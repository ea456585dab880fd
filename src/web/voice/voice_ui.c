/* Pieces of page shared by the voice-and-influence pages (voice_ui.h):
 * how a contribution is shown, influence figures, and the sections of a
 * meeting's page that papers, reflections and "what we will change" add. */
#include <stdint.h>
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/civil_time.h"
#include "core/markdown.h"
#include "core/text.h"
#include "store/files.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

/* Every question may be passed, without saying why. */
static const struct field_option ypn_options[] = {
	{ "yes", N_("Yes") }, { "partly", N_("Partly") }, { "no", N_("No") },
	{ "pass", N_("I would rather not say") }, { 0, 0 } };

static const char *status_class(enum response_status s);
static const char *disposition(struct request *req, const char *kind, const char *name);

const char *voice_slots(struct request *req, const char *text, const char *slot1,
                        const char *slot2)
{
	struct buf b = {0};
	char *s = arena_strdup(&req->arena, text);
	for (;;) {
		size_t run = strcspn(s, SLOT1 SLOT2);
		char slot = s[run];
		s[run] = 0;
		html_text(&b, s);
		if (!slot) break;
		buf_puts(&b, slot == *SLOT1 ? (slot1 ? slot1 : "") : (slot2 ? slot2 : ""));
		s += run + 1;
	}
	const char *out = arena_strndup(&req->arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

/* Who said c, as the viewer may be told: a sentence (translated) with at
 * most one %s, for *name, the name people wrote that goes there (NULL when
 * there is none). */
static const char *source(const struct contribution *c, const char **name)
{
	*name = NULL;
	switch (c->attribution) {
	case ATTR_NAMED:
		if (!*c->author_name) return _("A former member");
		*name = c->author_name;
		return "%s";
	case ATTR_GROUP:
		*name = c->group_name;
		/* TRANSLATORS: who said something: %s is the name of the group they
		 * spoke for */
		return c->mine ? _("On behalf of %s (written by you)") : _("On behalf of %s");
	case ATTR_ANONYMOUS:
		break;
	}
	return c->mine ? _("Anonymous (only you can see this is yours)") : _("Anonymous");
}

const char *said_by(struct request *req, const struct contribution *c)
{
	const char *name, *who = source(c, &name);
	return name ? arena_printf(&req->arena, who, name) : who;
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

/* What a contribution is called, translated, with its first words and its
 * kind (fill with the kind's label, then the words). */
static const char *title_format(bool whole)
{
	/* TRANSLATORS: a contribution's title: %1$s is its kind ("Idea",
	 * "Question"...), %2$s its first words; the second ends with "..." as
	 * the words go on */
	return whole ? _("%s: \u201c%s\u201d") : _("%s: \u201c%s\u2026\u201d");
}

const char *contribution_title(struct request *req, const struct contribution *c)
{
	char words[TITLE_BYTES];
	bool whole = first_words(c->body, words);
	return arena_printf(&req->arena, title_format(whole), _(kind_label(c->kind)), words);
}

const char *contribution_title_html(struct request *req, const struct contribution *c)
{
	char words[TITLE_BYTES];
	bool whole = first_words(c->body, words);
	return voice_slots(req, arena_printf(&req->arena, title_format(whole),
	                                     _(kind_label(c->kind)), SLOT1),
	                   html_bdi(&req->arena, words), NULL);
}

void contribution_card(struct request *req, const struct contribution *c, const char *zone,
                       bool link_title, bool show_panel)
{
	contribution_card_at(req, c, zone, link_title, show_panel, 3);
}

void contribution_card_at(struct request *req, const struct contribution *c, const char *zone,
                          bool link_title, bool show_panel, int level)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	level = level == 2 ? 2 : 3;
	html(b, "<article class=\"card contribution\" aria-labelledby=\"c%l\">"
	        "<h%d class=\"heading-s\" id=\"c%l\">", c->id, level, c->id);
	if (link_title) html(b, "<a href=\"/panels/%l/contributions/%l\">", c->panel_id, c->id);
	html(b, "%r", contribution_title_html(req, c));
	if (link_title) html(b, "</a>");
	/* An anonymous contribution's time to the day only: to the second, set
	 * beside a person's named ones, it could point to them. */
	const char *name, *who = source(c, &name);
	if (name) who = arena_printf(a, who, SLOT1);
	const char *when = c->attribution == ATTR_ANONYMOUS
	                 ? format_day(req, civil_day_at(c->created_at, zone))
	                 : format_time(req, c->created_at, zone);
	const char *said = show_panel
		/* TRANSLATORS: who said a contribution ("Anonymous", a name...), when,
		 * and to which panel */
		? arena_printf(a, _("%s, %s, to %s."), who, when, SLOT2)
		/* TRANSLATORS: who said a contribution ("Anonymous", a name...), and
		 * when */
		: arena_printf(a, _("%s, %s."), who, when);
	html(b, "</h%d><p class=\"quote\" dir=\"auto\">%t</p><p class=\"hint\">%r", level, c->body,
	     voice_slots(req, said, name ? html_bdi(&req->arena, name) : NULL, html_bdi(&req->arena, c->panel_name)));
	if (*c->meeting_title) {
		buf_putc(b, ' ');
		/* TRANSLATORS: where a contribution was said: %s is a meeting's title */
		html_sentence(b, _("At the meeting %s."), 1,
		              html_piece(a, "<a href=\"/panels/%l/meetings/%l\"><bdi>%t</bdi></a>",
		                         c->panel_id, c->meeting_id, c->meeting_title));
	}
	if (*c->project_title) {
		buf_putc(b, ' ');
		/* TRANSLATORS: what a contribution is about: %s is a project's title */
		html_sentence(b, _("For the project %s."), 1,
		              html_piece(a, "<a href=\"/panels/%l/projects/%l\"><bdi>%t</bdi></a>",
		                         c->panel_id, c->project_id, c->project_title));
	}
	html(b, "</p><p><strong class=\"%r\">%t</strong>", status_class(c->status),
	     _(response_status_label(c->status)));
	if (contribution_overdue(c->status, c->due_at, req->now))
		html(b, " <strong class=\"tag tag-red\">%t</strong>",
		     arena_printf(a, _("Overdue: a response was due %s"),
		                  format_time(req, c->due_at, zone)));
	else if (!response_is_outcome(c->status))
		html(b, " <span class=\"hint\">%r</span>",
		     *c->owner_name
		     /* TRANSLATORS: when a response is due, and who will give it */
		     ? voice_slots(req, arena_printf(a, _("Response due by %s, from %s."),
		                                     format_time(req, c->due_at, zone), SLOT1),
		                   html_bdi(&req->arena, c->owner_name), NULL)
		     : voice_slots(req, arena_printf(a, _("Response due by %s."),
		                                     format_time(req, c->due_at, zone)), NULL, NULL));
	html(b, "</p>");
	if (c->response_id) {
		html(b, "<dl class=\"summary\">");
		if (*c->what_done)
			html(b, "<div><dt>%t</dt><dd dir=\"auto\">%t</dd></div>", _("What was done"),
			     c->what_done);
		if (*c->reason)
			html(b, "<div><dt>%t</dt><dd dir=\"auto\">%t</dd></div>", _("Why"), c->reason);
		if (*c->referred_to)
			html(b, "<div><dt>%t</dt><dd dir=\"auto\">%t</dd></div>", _("Passed on to"),
			     c->referred_to);
		if (*c->decided_by)
			html(b, "<div><dt>%t</dt><dd>%r</dd></div>", _("Who decided"),
			     /* TRANSLATORS: who decided (written by the responder), and when */
			     voice_slots(req, arena_printf(a, _("%s, %s"), SLOT1,
			                                   format_time(req, c->decided_at, zone)),
			                 html_bdi(&req->arena, c->decided_by), NULL));
		html(b, "</dl>");
	}
	html(b, "</article>");
}

/* One figure: sentence has a slot for the figure, in bold (strong). */
/* One figure: sentence (translated) with its one %s (or %1$s), where the
 * markup html() makes of fmt goes. Written straight onto the page, with
 * no string made on the way: these are on every panel page. */
static void figure(struct request *req, const char *sentence, const char *fmt, ...)
{
	struct buf *b = &req->out;
	const char *at = strstr(sentence, "%s");
	size_t skip = 2;
	if (!at && (at = strstr(sentence, "%1$s"))) skip = 4;
	buf_puts(b, "<li>");
	html_text(b, at ? arena_strndup(&req->arena, sentence, (size_t)(at - sentence)) : sentence);
	if (at) {
		va_list ap;
		va_start(ap, fmt);
		vhtml(b, fmt, ap);
		va_end(ap);
		html_text(b, at + skip);
	}
	buf_puts(b, "</li>");
}

void influence_figures(struct request *req, const struct influence *f)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<ul class=\"figures\" aria-label=\"%a\">", _("Influence"));
	/* TRANSLATORS: %s is the number, in bold */
	figure(req, ngettext("%s contribution", "%s contributions", (unsigned long)f->contributions),
	       "<strong>%l</strong>", (int64_t)f->contributions);
	/* TRANSLATORS: %s is a percentage of the contributions, in bold */
	figure(req, _("%s with an outcome"),
	       "<strong>%d%%</strong>", percent_of(f->answered, f->contributions));
	/* TRANSLATORS: %s is a percentage of the contributions, in bold */
	figure(req, _("%s adopted in full or in part"),
	       "<strong>%d%%</strong>", percent_of(f->adopted, f->contributions));
	if (f->median_days >= 0)
		/* TRANSLATORS: %s is a number of days ("3 days"), in bold */
		figure(req, _("%s median time to an outcome"),
		       "<strong>%t</strong>",
		       arena_printf(a, ngettext("%lld day", "%lld days", (unsigned long)f->median_days),
		                    (long long)f->median_days));
	else
		/* TRANSLATORS: %s is "No outcomes yet", in bold */
		figure(req, _("%s so no time to an outcome"),
		       "<strong>%t</strong>", _("No outcomes yet"));
	/* TRANSLATORS: %s is how many contributions are overdue, in bold */
	figure(req, ngettext("%s overdue", "%s overdue", (unsigned long)f->overdue),
	       "<strong%r>%l</strong>", f->overdue ? " class=\"tag tag-red\"" : "",
	       (int64_t)f->overdue);
	int heard = felt_heard_tenths(f);
	if (heard >= 0)
		/* TRANSLATORS: %1$s is an average ("4.2 out of 5"), in bold; %2$lld is
		 * how many answers it is made from */
		figure(req, arena_printf(a, ngettext("%s felt heard (%lld answer)",
		                                     "%s felt heard (%lld answers)",
		                                     (unsigned long)f->reflections),
		                         "%s", (long long)f->reflections),
		       "<strong>%t</strong>",
		       /* TRANSLATORS: an average out of 5, in whole and tenths:
		        * "4.2 out of 5" */
		       arena_printf(a, _("%d.%d out of 5"), heard / 10, heard % 10));
	else
		/* TRANSLATORS: %1$s is "Not shown", in bold; %2$d is the fewest answers
		 * that are shown */
		figure(req, arena_printf(a, ngettext("%s felt heard: fewer than %d answer so far",
		                                     "%s felt heard: fewer than %d answers so far",
		                                     (unsigned long)REFLECTION_MIN_ANSWERS),
		                         "%s", REFLECTION_MIN_ANSWERS),
		       "<strong>%t</strong>", _("Not shown"));
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
	html(b, "<h2 class=\"heading-m\" id=\"papers\">%t</h2>", _("Papers"));
	if (store_papers_list(req->store, m->id, manage, &req->arena, &p, &n) != ST_OK) {
		html(b, "<p>%t</p>", _("We could not load the papers."));
		return;
	}
	if (!n) html(b, "<p>%t</p>", _("No papers yet."));
	else html(b, "<ul class=\"list papers\">");
	for (size_t i = 0; i < n; i++) {
		if (!policy_can_see_paper(&req->actor, invited, p[i].published_at != 0)) continue;
		html(b, "<li>");
		if (*p[i].content_note)
			html(b, "<p><strong>%t</strong> <bdi>%t</bdi></p>", _("Content note:"),
			     p[i].content_note);
		html(b, "<a href=\"%a\"><bdi>%t</bdi></a>", paper_path(req, m, p[i].id), p[i].title);
		if (!p[i].published_at)
			/* TRANSLATORS: a paper not published yet */
			html(b, " <strong class=\"tag tag-grey\">%t</strong>", _("Draft"));
		html(b, "<p dir=\"auto\">%t</p><p class=\"hint\">", p[i].summary);
		if (*p[i].item_title)
			/* TRANSLATORS: %s is the title of an item on a meeting's agenda */
			html(b, "%r ", voice_slots(req, arena_printf(&req->arena, _("For the item \"%s\"."),
			                                             SLOT1),
			                           html_bdi(&req->arena, p[i].item_title), NULL));
		if (p[i].is_file)
			/* TRANSLATORS: a file's kind ("PDF document") and its size ("1.2 MB") */
			html(b, "%t", arena_printf(&req->arena, _("%s, %s."),
			                           _(filetype_label(p[i].file_kind)),
			                           file_size(req, p[i].file_size)));
		else html(b, "%t", _("Written on this site."));
		/* The link's words for a screen reader: "Large print: " and the title. */
		html(b, " <a href=\"%a?print=large\">%t<span class=\"visually-hidden\">: <bdi>%t</bdi>"
		        "</span></a></p></li>", paper_path(req, m, p[i].id), _("Large print"),
		     p[i].title);
	}
	if (n) html(b, "</ul>");
	if (manage)
		html(b, "<p><a class=\"button secondary\" href=\"%a/papers/new\">%t</a></p>",
		     meeting_path(req, m->id), _("Add a paper"));
}

void reflection_results(struct request *req, const struct reflection_summary *rs,
                        const char *heading_id)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	if (!rs->released) {
		html(b, "<p>%t %t</p>",
		     arena_printf(a, ngettext("Results are shown for each group of %d answer to a "
		                              "meeting, so that no answer can be picked out.",
		                              "Results are shown for each group of %d answers to a "
		                              "meeting, so that no answer can be picked out.",
		                              (unsigned long)REFLECTION_MIN_ANSWERS),
		                  REFLECTION_MIN_ANSWERS),
		     /* TRANSLATORS: how many people have answered so far */
		     arena_printf(a, ngettext("%lld so far.", "%lld so far.",
		                              (unsigned long)rs->answers), (long long)rs->answers));
		return;
	}
	/* an average only from 5 or more who did not pass the question */
	int tenths = average_tenths(rs->felt_heard_sum, rs->felt_heard_answers);
	html(b, "<dl class=\"figures\" aria-labelledby=\"%a\">"
	        "<div><dt>%t</dt><dd>%l</dd></div>"
	        "<div><dt>%t</dt><dd>%t</dd></div>",
	     heading_id, _("Answers"), rs->released, _("Felt heard, on average (1 to 5)"),
	     tenths >= 0 ? arena_printf(a, "%d.%d", tenths / 10, tenths % 10)
	                 : _("Not shown: fewer than 5 answered this question"));
	static const char *const questions[2] = { N_("Had the information in time"),
	                                          N_("Felt safe") };
	for (int q = 0; q < 2; q++) {
		const int64_t *c = q ? rs->felt_safe : rs->info_in_time;
		/* TRANSLATORS: how many answered yes, partly and no */
		const char *counts = arena_printf(a, _("Yes %lld, partly %lld, no %lld"),
		                                  (long long)c[YPN_YES], (long long)c[YPN_PARTLY],
		                                  (long long)c[YPN_NO]);
		if (c[YPN_PASS])
			/* TRANSLATORS: after "Yes 3, partly 1, no 0": how many passed the
			 * question */
			counts = arena_printf(a, _("%s; %lld would rather not say"), counts,
			                      (long long)c[YPN_PASS]);
		html(b, "<div><dt>%t</dt><dd>%t</dd></div>", _(questions[q]), counts);
	}
	html(b, "</dl>");
	if (rs->answers > rs->released) {
		long long more = (long long)(rs->answers - rs->released);
		html(b, "<p class=\"hint\">%t</p>",
		     /* TRANSLATORS: %1$lld answers not counted yet; %2$d is how many a
		      * meeting needs before they are */
		     arena_printf(a, ngettext("%lld more answer will be counted once a meeting has %d "
		                              "more, so that no answer can be picked out.",
		                              "%lld more answers will be counted once a meeting has %d "
		                              "more, so that no answer can be picked out.",
		                              (unsigned long)more), more, REFLECTION_MIN_ANSWERS));
	}
	if (rs->ncomments) {
		html(b, "<h3 class=\"heading-s\">%t</h3><ul class=\"list\">",
		     _("What people said should change"));
		for (size_t i = 0; i < rs->ncomments; i++) {
			html(b, "<li><p class=\"quote\" dir=\"auto\">%t</p>", rs->comments[i].text);
			if (*rs->comments[i].name)
				html(b, "<p class=\"hint\"><bdi>%t</bdi></p>", rs->comments[i].name);
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
	html(b, "<h2 class=\"heading-m\" id=\"reflection\">%t</h2>", _("Reflection"));
	bool can = policy_can_reflect(&req->actor, invited, attended);
	if (can && store_reflection_done(req->store, m->id, req->user->id)) {
		html(b, "<p>%t</p>", _("Thank you: you have shared your reflection on this meeting."));
	} else if (can) {
		static const struct field_option heard[] = {
			{ "1", N_("1: not at all") }, { "2", "2" }, { "3", "3" }, { "4", "4" },
			{ "5", N_("5: completely") }, { "0", N_("I would rather not say") }, { 0, 0 } };
		html(b, "<p>%t</p>", _("You were at this meeting. Tell us how it went, so the next one "
		                       "is better. It takes a minute. Your answer is anonymous unless you "
		                       "choose to put your name to it. You can pass on any question, "
		                       "without saying why."));
		ui_form_begin(req, arena_printf(&req->arena, "%s/reflection", meeting_path(req, m->id)));
		/* After a refusal, what was chosen and typed. */
		ui_choices(req, e, "felt_heard", _("How heard did you feel?"), NULL, heard,
		           field(req, "felt_heard"), false);
		ui_choices(req, e, "info_in_time", _("Did you have the information you needed in time?"),
		           NULL, ypn_options, field(req, "info_in_time"), false);
		ui_choices(req, e, "felt_safe", _("Did you feel safe to say what you think?"), NULL,
		           ypn_options, field(req, "felt_safe"), false);
		ui_textarea(req, e, "should_change", _("What should change? (optional)"), NULL,
		            field(req, "should_change"));
		html(b, "<div class=\"choice\"><input type=\"checkbox\" id=\"named\" name=\"named\" "
		        "value=\"1\"%r><label for=\"named\">%t</label></div>",
		     form_has(&req->form, "named") ? " checked" : "", _("Put my name to my answer"));
		ui_button(req, _("Share my reflection"), NULL);
		ui_form_end(req);
	}
	struct reflection_summary rs;
	html(b, "<h3 class=\"heading-s\" id=\"reflection-results\">%t</h3>",
	     _("What attendees said"));
	if (store_reflections_summary(req->store, false, m->id, &req->arena, &rs) != ST_OK)
		html(b, "<p>%t</p>", _("We could not load the reflections."));
	else reflection_results(req, &rs, "reflection-results");
}

void change_section(struct request *req, const struct meeting *m, const struct form_errors *e)
{
	struct buf *b = &req->out;
	bool manage = policy_allows(&req->actor, PA_MANAGE_MEETINGS);
	if (!*m->what_we_will_change && !(manage && m->ends_at <= req->now)) return;
	html(b, "<h2 class=\"heading-m\" id=\"change\">%t</h2>", _("What we will change"));
	if (*m->what_we_will_change)
		html(b, "<p class=\"quote\" dir=\"auto\">%t</p>", m->what_we_will_change);
	if (!manage) return;
	ui_form_begin(req, arena_printf(&req->arena, "%s/what-we-will-change", meeting_path(req, m->id)));
	const char *typed = form_get(&req->form, "text");
	ui_textarea(req, e, "text",
	            *m->what_we_will_change ? _("Change what we will change")
	                                    : _("Write what we will change"),
	            _("Answer the reflections: what the stewards will do differently. Everyone who "
	              "attended is told. Empty it and save to take it back."),
	            typed ? typed : m->what_we_will_change);
	ui_button(req, _("Save and tell attendees"), "secondary");
	ui_form_end(req);
}

void paper_file_send(struct request *req, const struct paper *p)
{
	if (!p->is_file) {
		respond_error(req, 404, "not_found", _("This paper is written on the site, not a file."));
		return;
	}
	/* Bounded by the size recorded at upload, not by today's upload limit
	 * (a lower limit must not make older papers unreadable); a file of any
	 * other size is not the one that was kept. */
	size_t size = p->file_size > 0 ? (size_t)p->file_size : 0;
	if (!files_read(req->cfg->files_dir, p->file_sha256, size, &req->out) ||
	    req->out.len != size) {
		respond_error(req, 500, "internal",
		              _("The paper's file could not be read. Tell a steward."));
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
		/* TRANSLATORS: a file's size in kilobytes */
		return arena_printf(&req->arena, _("%lld KB"), (long long)((bytes + 1023) / 1024));
	/* TRANSLATORS: a file's size in megabytes */
	return arena_printf(&req->arena, _("%.1f MB"), (double)bytes / (1024.0 * 1024.0));
}
