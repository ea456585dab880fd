/* What a meeting leaves behind: its papers (a file or Markdown written in
 * the page, each with a plain-language summary and a large-print view),
 * the attendees' reflections, the stewards' "what we will change", and a
 * project's closing reflection.
 *
 * The route table loads the meeting and paper (req->meeting, req->paper;
 * web/loaders.c), so a guest not invited gets 404, and a paper only when
 * policy_can_see_paper() allows (drafts: only those who add papers).
 * Files are served as downloads (images inline) with a sandboxing CSP and
 * nosniff, under a name made by filetype_safe_name(). */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/markdown.h"
#include "core/text.h"
#include "store/files.h"
#include "web/ui/layout.h"
#include "web/http/inputs.h"
#include "web/http/handlers.h"
#include "web/voice/voice_ui.h"

static const char *paper_path(struct request *req, const struct meeting *m, int64_t id)
{
	return arena_printf(&req->arena, "%s/papers/%lld", meeting_path(req, m->id), (long long)id);
}

/* "840 KB", "2.4 MB". */
static const char *file_size(struct request *req, int64_t bytes)
{
	if (bytes < 1024 * 1024)
		return arena_printf(&req->arena, "%lld KB", (long long)((bytes + 1023) / 1024));
	return arena_printf(&req->arena, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
}

/* ---- on the meeting page ---- */

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
		html(b, "<li><a href=\"%a\">%t</a>", paper_path(req, m, p[i].id), p[i].title);
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

static const struct field_option ypn_options[] = {
	{ "yes", "Yes" }, { "partly", "Partly" }, { "no", "No" }, { 0, 0 } };

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

/* ---- adding a paper ---- */

static void paper_form(struct request *req, const struct meeting *m, const struct form_errors *e)
{
	struct agenda_item *it;
	size_t n;
	if (store_agenda_items(req->store, m->id, req->user->id, &req->arena, &it, &n) != ST_OK) n = 0;
	struct field_option *items = arena_alloc(&req->arena, (n + 2) * sizeof *items);
	items[0] = (struct field_option){ "", "The whole meeting" };
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		if (it[i].state != ITEM_NOT_TAKEN)
			items[k++] = (struct field_option){
				arena_printf(&req->arena, "%lld", (long long)it[i].id), it[i].title };
	items[k] = (struct field_option){ 0, 0 };
	page_begin(req, "Add a paper", e);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"%a#papers\">Back to %t</a>"
	        "<h1 class=\"heading-l\">Add a paper</h1>"
	        "<p>A paper is seen by everyone on the panel and the meeting's guests once it is "
	        "published. Attach a file, or write the paper here.</p>",
	     meeting_path(req, m->id), m->title);
	html(b, "<form method=\"post\" action=\"%a/papers\" enctype=\"multipart/form-data\" "
	        "novalidate><input type=\"hidden\" name=\"csrf\" value=\"%a\">",
	     meeting_path(req, m->id), csrf_token(req));
	ui_input(req, e, "title", "Title", NULL, field(req, "title"), "text", "off");
	ui_textarea(req, e, "summary", "Summary in plain language",
	            "What the paper says and what people are asked to think about, in a few short "
	            "sentences. Everyone sees it, including people who cannot open the file.",
	            field(req, "summary"));
	ui_select(req, e, "item_id", "It is for", items, field(req, "item_id"));
	const char *err = errors_for(e, "file");
	size_t lim = req->cfg->upload_limit; /* a limit under 1 MB is not "0 MB" */
	const char *limit = lim >= 1024 * 1024
		? arena_printf(&req->arena, "%zu MB", lim / (1024 * 1024))
		: arena_printf(&req->arena, "%zu KB", lim / 1024);
	html(b, "<div class=\"field%r\"><label class=\"label\" for=\"file\">File</label>"
	        "<p class=\"hint\" id=\"file-hint\">PDF, Word (.docx), OpenDocument text, or a PNG, "
	        "JPEG, GIF or WebP image; up to %t.%r</p>",
	     err ? " field-error" : "", limit,
	     e && e->n ? " If you chose a file before, choose it again." : "");
	if (err) html(b, "<p class=\"error-message\" id=\"file-error\">%t</p>", err);
	html(b, "<input class=\"input\" id=\"file\" name=\"file\" type=\"file\" "
	        "aria-describedby=\"file-hint%r\" accept=\".pdf,.docx,.odt,.png,.jpg,.jpeg,.gif,"
	        ".webp\"></div>", err ? " file-error" : "");
	ui_textarea(req, e, "markdown", "Or write the paper here",
	            "Markdown works: # for a heading, - for a list, **bold**. Leave this empty when "
	            "you attach a file.", field(req, "markdown"));
	bool published = m->agenda_published_at != 0;
	html(b, "<div class=\"choice\"><input type=\"checkbox\" id=\"publish\" name=\"publish\" "
	        "value=\"1\"%r><label for=\"publish\">Publish it now</label></div>"
	        "<p class=\"hint\">%r</p>", published || form_has(&req->form, "publish") ? " checked" : "",
	     published ? "The agenda is published, so people expect papers now."
	               : "If you leave this, the paper is published with the agenda.");
	ui_button(req, "Add the paper", NULL);
	html(b, "</form>");
	page_end(req);
}

void paper_new_get(struct request *req)
{
	struct meeting m = *req->meeting;
	paper_form(req, &m, NULL);
}

void paper_new_post(struct request *req)
{
	struct meeting m = *req->meeting;
	struct form_errors e = {0};
	struct paper p = {0};
	p.title = text_trim(arena_strdup(&req->arena, field(req, "title")));
	p.summary = text_trim(arena_strdup(&req->arena, field(req, "summary")));
	p.markdown = field(req, "markdown");
	if (!*text_trim(arena_strdup(&req->arena, p.markdown))) p.markdown = "";
	const char *item = field(req, "item_id");
	if (*item && !parse_i64(item, 1, INT64_MAX, &p.item_id))
		errors_add(&e, "item_id", "Choose an item from the list.");
	if (form_has(&req->form, "publish") || m.agenda_published_at) p.published_at = req->now;
	int64_t id = 0;
	struct app_error err;
	if (!e.n && !app_paper_add(req->store, req->cfg->files_dir, &m, &p, req->upload.data,
	                           req->upload.len, req->upload.filename, req->cfg->upload_limit,
	                           req->user->id, req->now, &req->arena, &id, &err) &&
	    !app_error_to_form(req, &err, &e))
		return;
	if (e.n) {
		if (!req->status || req->status == 200) req->status = 400;
		paper_form(req, &m, &e);
		return;
	}
	respond_redirect(req, paper_path(req, &m, id));
}

/* ---- one paper ---- */

void paper_get(struct request *req)
{
	struct meeting m = *req->meeting;
	struct paper p = *req->paper;
	bool large = !strcmp(form_get(&req->query, "print") ? form_get(&req->query, "print") : "",
	                     "large");
	bool manage = policy_allows(&req->actor, PA_ADD_PAPER);
	page_begin(req, p.title, NULL);
	struct buf *b = &req->out;
	const char *self = paper_path(req, &m, p.id);
	html(b, "<a class=\"back-link\" href=\"%a#papers\">Back to %t</a>%r"
	        "<span class=\"caption\">Paper for %t</span><h1 class=\"heading-l\" id=\"paper-title\">"
	        "%t</h1>", meeting_path(req, m.id), m.title, large ? "<div class=\"large-print\">" : "",
	     m.title, p.title);
	html(b, "<p>%r</p>", large
		? arena_printf(&req->arena, "<a href=\"%s\">Standard print</a>", self)
		: arena_printf(&req->arena, "<a href=\"%s?print=large\">Large print</a>", self));
	if (!p.published_at)
		html(b, "<p><strong class=\"tag tag-grey\">Draft</strong> Only stewards can see it until "
		        "it is published.</p>");
	html(b, "<h2 class=\"heading-m\">Summary</h2><p>%t</p>", p.summary);
	if (*p.item_title) html(b, "<p class=\"hint\">For the item \"%t\".</p>", p.item_title);
	if (p.is_file) {
		html(b, "<h2 class=\"heading-m\">The paper</h2>");
		if (filetype_is_image(p.file_kind))
			html(b, "<p><img class=\"paper-image\" src=\"%a/file\" alt=\"%a\"></p>", self, p.title);
		html(b, "<p><a href=\"%a/file\" download>Download %t</a> (%t, %t)</p>", self,
		     p.file_name, filetype_label(p.file_kind), file_size(req, p.file_size));
		if (large)
			html(b, "<p>This paper is a file. If you need it in large print, easy read or "
			        "another format, ask a steward: they will make it for you.</p>");
	} else {
		html(b, "<section class=\"paper\" aria-labelledby=\"paper-title\">%r</section>",
		     markdown_to_html(p.markdown, strlen(p.markdown), &req->arena));
	}
	html(b, "<p class=\"hint\">Added by %t, %t%r.</p>",
	     *p.created_by_name ? p.created_by_name : "a former member",
	     format_time(req, p.created_at, req->panel->time_zone),
	     p.published_at ? arena_printf(&req->arena, "; published %s",
	                                   format_time(req, p.published_at, req->panel->time_zone))
	                    : "");
	if (large) html(b, "</div>");
	if (manage) {
		if (!p.published_at) {
			ui_form_begin(req, arena_printf(&req->arena, "%s/publish", self));
			ui_button(req, "Publish it now", NULL);
			ui_form_end(req);
		}
		html(b, "<h2 class=\"heading-s\">Remove this paper</h2><p>People will no longer be able "
		        "to read it. This cannot be undone.</p>");
		ui_form_begin(req, arena_printf(&req->arena, "%s/remove", self));
		html(b, "<div class=\"choice\"><input type=\"checkbox\" id=\"confirm\" name=\"confirm\" "
		        "value=\"1\"><label for=\"confirm\">Yes, remove \"%t\"</label></div>", p.title);
		ui_button(req, "Remove the paper", "warning");
		ui_form_end(req);
	}
	page_end(req);
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

void paper_file_get(struct request *req)
{
	paper_file_send(req, req->paper);
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

void paper_publish_post(struct request *req)
{
	struct meeting m = *req->meeting;
	struct app_error err;
	if (!app_paper_publish(req->store, &m, req->params[2], req->now, &req->arena, &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, paper_path(req, &m, req->params[2]));
}

void paper_remove_post(struct request *req)
{
	struct meeting m = *req->meeting;
	if (!form_has(&req->form, "confirm")) {
		respond_error_field(req, 400, "invalid", "confirm",
		                    "Tick the box to say you want to remove the paper. Nothing was "
		                    "removed.");
		return;
	}
	struct app_error err;
	if (!app_paper_remove(req->store, req->cfg->files_dir, &m, req->params[2], &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#papers", meeting_path(req, m.id)));
}

/* ---- reflections and answers ---- */

void reflection_post(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	struct form_errors e = {0};
	struct input_value in[REFLECTION_INPUTS];
	struct reflection r;
	struct app_error err;
	bool ok = form_inputs(req, reflection_inputs, REFLECTION_INPUTS, in, &e);
	if (ok) {
		app_reflection_from_inputs(in, &r);
		ok = app_reflect(req->store, &req->actor, invited, &m, req->user->id, &r, req->now, &err);
		if (!ok && !app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (req->status < 400) req->status = 400;
		meeting_page(req, &m, invited, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#reflection", meeting_path(req, m.id)));
}

void what_we_will_change_post(struct request *req)
{
	struct meeting m = *req->meeting;
	bool invited = req->invited;
	struct form_errors e = {0};
	struct input_value in[CHANGE_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, change_inputs, CHANGE_INPUTS, in, &e);
	if (ok) {
		ok = app_what_we_will_change(req->store, &m, in[CHANGE_TEXT].text, req->user->id,
		                             req->now, &req->arena, &err);
		if (!ok && !app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (req->status < 400) req->status = 400;
		meeting_page(req, &m, invited, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s#change", meeting_path(req, m.id)));
}

void project_close_post(struct request *req)
{
	struct project pr = *req->project;
	struct form_errors e = {0};
	struct input_value in[CLOSING_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, closing_inputs, CLOSING_INPUTS, in, &e);
	if (ok) {
		ok = app_project_close(req->store, &pr, in[CLOSING_MARKDOWN].text, req->user->id,
		                       req->now, &req->arena, &err);
		if (!ok && !app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (req->status < 400) req->status = 400;
		project_page(req, &pr, &e);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "/panels/%lld/projects/%lld#closing",
	                                   (long long)pr.panel_id, (long long)pr.id));
}
