/* What a meeting leaves behind: its papers (a file or Markdown written in
 * the page, each with a plain-language summary and a large-print view),
 * the attendees' reflections, the stewards' "what we will change", and a
 * project's closing reflection.
 *
 * The route table loads the meeting and paper (req->meeting, req->paper;
 * web/http/loaders.c), so a guest not invited gets 404, and a paper only when
 * policy_can_see_paper() allows (drafts: only those who add papers).
 * Files are served as downloads (images inline) with a sandboxing CSP and
 * nosniff, under a name made by filetype_safe_name(). */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/markdown.h"
#include "core/text.h"
#include "store/files.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/ui/answers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

/* ---- on the meeting page ---- */


/* ---- adding a paper ---- */

static void paper_form(struct request *req, const struct meeting *m, const struct form_errors *e)
{
	struct agenda_item *it;
	size_t n;
	if (store_agenda_items(req->store, m->id, req->user->id, &req->arena, &it, &n) != ST_OK) n = 0;
	struct field_option *items = arena_alloc(&req->arena, (n + 2) * sizeof *items);
	items[0] = (struct field_option){ "", N_("The whole meeting") };
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		if (it[i].state != ITEM_NOT_TAKEN)
			items[k++] = (struct field_option){
				arena_printf(&req->arena, "%lld", (long long)it[i].id), option_theirs(&req->arena, it[i].title) };
	items[k] = (struct field_option){ 0, 0 };
	page_begin(req, _("Add a paper"), e);
	struct buf *b = &req->out;
	html(b, "<a class=\"back-link\" href=\"%a#papers\">%r</a>"
	        "<h1 class=\"heading-l\">%t</h1><p>%t</p>",
	     meeting_path(req, m->id),
	     /* TRANSLATORS: a link back: %s is the name or title of the page it goes
	      * back to */
	     voice_slots(req, arena_printf(&req->arena, _("Back to %s"), SLOT1),
	                 html_bdi(&req->arena, m->title), NULL),
	     _("Add a paper"),
	     _("A paper is seen by everyone on the panel and the meeting's guests once it is "
	       "published. Attach a file, or write the paper here."));
	html(b, "<form method=\"post\" action=\"%a/papers\" enctype=\"multipart/form-data\" "
	        "novalidate><input type=\"hidden\" name=\"csrf\" value=\"%a\">",
	     meeting_path(req, m->id), csrf_token(req));
	ui_input(req, e, "title", _("Title"), NULL, field(req, "title"), "text", "off");
	ui_textarea(req, e, "summary", _("Summary in plain language"),
	            _("What the paper says and what people are asked to think about, in a few short "
	              "sentences. Everyone sees it, including people who cannot open the file."),
	            field(req, "summary"));
	ui_input(req, e, "content_note", _("Content note (optional)"),
	         _("If the paper touches on something hard, say what, so that people can choose "
	           "whether and when to read it. A paper for an item without its own note shows "
	           "the item's."), field(req, "content_note"), "text", "off");
	/* TRANSLATORS: a list of the meeting's items (or the whole meeting) a
	 * paper may be for */
	ui_select(req, e, "item_id", _("It is for"), items, field(req, "item_id"));
	const char *err = errors_for(e, "file");
	size_t lim = req->cfg->upload_limit; /* a limit under 1 MB is not "0 MB" */
	const char *limit = lim >= 1024 * 1024
		/* TRANSLATORS: a file's size in megabytes */
		? arena_printf(&req->arena, _("%zu MB"), lim / (1024 * 1024))
		/* TRANSLATORS: a file's size in kilobytes */
		: arena_printf(&req->arena, _("%zu KB"), lim / 1024);
	/* TRANSLATORS: %s is the largest size of a file ("20 MB") */
	const char *kinds = arena_printf(&req->arena, _("PDF, Word (.docx), OpenDocument text, or a "
	                                                "PNG, JPEG, GIF or WebP image; up to %s."),
	                                 limit);
	html(b, "<div class=\"field%r\"><label class=\"label\" for=\"file\">%t</label>"
	        "<p class=\"hint\" id=\"file-hint\">%t%r%t</p>",
	     err ? " field-error" : "", _("File"), kinds, e && e->n ? " " : "",
	     e && e->n ? _("If you chose a file before, choose it again.") : "");
	if (err) html(b, "<p class=\"error-message\" id=\"file-error\">%t</p>", err);
	html(b, "<input class=\"input\" id=\"file\" name=\"file\" type=\"file\" "
	        "aria-describedby=\"file-hint%r\" accept=\".pdf,.docx,.odt,.png,.jpg,.jpeg,.gif,"
	        ".webp\"></div>", err ? " file-error" : "");
	ui_textarea(req, e, "markdown", _("Or write the paper here"),
	            _("Markdown works: # for a heading, - for a list, **bold**. Leave this empty when "
	              "you attach a file."), field(req, "markdown"));
	bool published = m->agenda_published_at != 0;
	html(b, "<div class=\"choice\"><input type=\"checkbox\" id=\"publish\" name=\"publish\" "
	        "value=\"1\"%r><label for=\"publish\">%t</label></div>"
	        "<p class=\"hint\">%t</p>",
	     published || form_has(&req->form, "publish") ? " checked" : "", _("Publish it now"),
	     published ? _("The agenda is published, so people expect papers now.")
	               : _("If you leave this, the paper is published with the agenda."));
	ui_button(req, _("Add the paper"), NULL);
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
	p.content_note = text_trim(arena_strdup(&req->arena, field(req, "content_note")));
	p.markdown = field(req, "markdown");
	if (!*text_trim(arena_strdup(&req->arena, p.markdown))) p.markdown = "";
	const char *item = field(req, "item_id");
	if (*item && !parse_i64(item, 1, INT64_MAX, &p.item_id))
		errors_add(&e, "item_id", _("Choose an item from the list."));
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
	struct arena *a = &req->arena;
	html(b, "<a class=\"back-link\" href=\"%a#papers\">%r</a>%r"
	        "<span class=\"caption\">%r</span><h1 class=\"heading-l\" id=\"paper-title\">"
	        "<bdi>%t</bdi></h1>", meeting_path(req, m.id),
	     /* TRANSLATORS: a link back: %s is the name or title of the page it goes
	      * back to */
	     voice_slots(req, arena_printf(a, _("Back to %s"), SLOT1), html_bdi(&req->arena, m.title), NULL),
	     large ? "<div class=\"large-print\">" : "",
	     /* TRANSLATORS: %s is a meeting's title */
	     voice_slots(req, arena_printf(a, _("Paper for %s"), SLOT1), html_bdi(&req->arena, m.title), NULL),
	     p.title);
	html(b, "<p><a href=\"%a%r\">%t</a></p>", self, large ? "" : "?print=large",
	     large ? _("Standard print") : _("Large print"));
	/* Its content note (or its item's), before the paper itself, in either print. */
	if (*p.content_note)
		html(b, "<div class=\"notice\"><p><strong>%t</strong> <bdi>%t</bdi></p><p>%t</p></div>",
		     _("Content note:"), p.content_note,
		     _("You can leave this paper unread, and step out of its item at the meeting."));
	if (!p.published_at)
		/* TRANSLATORS: "Draft" is a paper not published yet */
		html(b, "<p><strong class=\"tag tag-grey\">%t</strong> %t</p>", _("Draft"),
		     _("Only stewards can see it until it is published."));
	html(b, "<h2 class=\"heading-m\">%t</h2><p dir=\"auto\">%t</p>", _("Summary"), p.summary);
	if (*p.item_title)
		html(b, "<p class=\"hint\">%r</p>",
		     /* TRANSLATORS: %s is the title of an item on a meeting's agenda */
		     voice_slots(req, arena_printf(a, _("For the item \"%s\"."), SLOT1),
		                 html_bdi(&req->arena, p.item_title), NULL));
	if (p.is_file) {
		html(b, "<h2 class=\"heading-m\">%t</h2>", _("The paper"));
		if (filetype_is_image(p.file_kind))
			html(b, "<p><img class=\"paper-image\" src=\"%a/file\" alt=\"%a\"></p>", self, p.title);
		html(b, "<p><a href=\"%a/file\" download>%r</a> %t</p>", self,
		     /* TRANSLATORS: a link: %s is the name of the paper's file */
		     voice_slots(req, arena_printf(a, _("Download %s"), SLOT1), html_bdi(&req->arena, p.file_name),
		                 NULL),
		     /* TRANSLATORS: a file's kind ("PDF document") and its size ("1.2 MB") */
		     arena_printf(a, _("(%s, %s)"), _(filetype_label(p.file_kind)),
		                  file_size(req, p.file_size)));
		if (large)
			html(b, "<p>%t</p>", _("This paper is a file. If you need it in large print, easy "
			                       "read or another format, ask a steward: they will make it "
			                       "for you."));
	} else {
		html(b, "<section class=\"paper\" dir=\"auto\" aria-labelledby=\"paper-title\">%r"
		        "</section>", markdown_to_html(p.markdown, strlen(p.markdown), &req->arena));
	}
	const char *added = format_time(req, p.created_at, req->panel->time_zone);
	const char *by = *p.created_by_name ? SLOT1 : _("a former member");
	html(b, "<p class=\"hint\">%r</p>",
	     voice_slots(req, p.published_at
	                      /* TRANSLATORS: who added a paper, when, and when it was published */
	                      ? arena_printf(a, _("Added by %s, %s; published %s."), by, added,
	                                     format_time(req, p.published_at,
	                                                 req->panel->time_zone))
	                      /* TRANSLATORS: who added a paper, and when */
	                      : arena_printf(a, _("Added by %s, %s."), by, added),
	                 html_bdi(&req->arena, p.created_by_name), NULL));
	if (large) html(b, "</div>");
	if (manage) {
		if (!p.published_at) {
			ui_form_begin(req, arena_printf(&req->arena, "%s/publish", self));
			ui_button(req, _("Publish it now"), NULL);
			ui_form_end(req);
		}
		html(b, "<h2 class=\"heading-s\">%t</h2><p>%t</p>", _("Remove this paper"),
		     _("People will no longer be able to read it. This cannot be undone."));
		ui_form_begin(req, arena_printf(&req->arena, "%s/remove", self));
		html(b, "<div class=\"choice\"><input type=\"checkbox\" id=\"confirm\" name=\"confirm\" "
		        "value=\"1\"><label for=\"confirm\">%r</label></div>",
		     /* TRANSLATORS: %s is a paper's title */
		     voice_slots(req, arena_printf(a, _("Yes, remove \"%s\""), SLOT1),
		                 html_bdi(&req->arena, p.title), NULL));
		ui_button(req, _("Remove the paper"), "warning");
		ui_form_end(req);
	}
	page_end(req);
}

void paper_file_get(struct request *req)
{
	paper_file_send(req, req->paper);
}

void paper_publish_post(struct request *req)
{
	struct meeting m = *req->meeting;
	struct app_error err;
	if (!app_paper_publish(req->store, &m, req->params[2], req->user->id, req->now,
	                       &req->arena, &err)) {
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
		                    _("Tick the box to say you want to remove the paper. Nothing was "
		                      "removed."));
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

