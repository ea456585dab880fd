#include "core/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Papers are GitHub-flavoured (cmark-gfm): CommonMark with tables,
 * strikethrough and bare web addresses as links.
 *
 * Safety does not rest on cmark's defaults alone. Since cmark-gfm 0.29
 * (Debian 12 ships 0.29.0.gfm.6; meson.build asks for >= 0.29) the HTML renderer is safe
 * unless CMARK_OPT_UNSAFE is given: raw HTML becomes a "raw HTML omitted"
 * comment and javascript:, vbscript:, file: and data: URLs (but for a few
 * image types) become empty. CMARK_OPT_SAFE is a no-op there, kept for the
 * record, and CMARK_OPT_UNSAFE is never passed. On top of that we edit the
 * tree before rendering: HTML nodes are removed, and links and images are
 * kept only for an allowlist of schemes (url_allowed), so no empty href or
 * src is left behind and a future change of cmark's default cannot open a
 * hole. CMARK_OPT_VALIDATE_UTF8 turns any invalid byte into U+FFFD. */
enum { PARSE_OPTIONS = CMARK_OPT_VALIDATE_UTF8,
       RENDER_OPTIONS = CMARK_OPT_SAFE };

static bool ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* True when the first n bytes of s, lower-cased, are prefix. */
static bool starts_nocase(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	if (n < k) return false;
	for (size_t i = 0; i < k; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
		if (c != prefix[i]) return false;
	}
	return true;
}

/* Whether url may appear in an href (or, with image, a src). Browsers
 * ignore leading spaces and control characters and any tab or line break
 * in a URL, so the scheme is read the same way. A URL without a scheme
 * (a path, ?query or #fragment) is relative to the page and is allowed; a
 * colon before the first / ? or # after something that is not a valid
 * scheme name is refused rather than guessed at. */
static bool url_allowed(const char *url, bool image)
{
	if (!url) return true;
	while (*url && (unsigned char)*url <= 0x20) url++;

	char scheme[16];
	size_t n = 0;
	bool colon = false, too_long = false;
	for (const char *p = url; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r') continue;
		if (*p == ':') { colon = true; break; }
		if (*p == '/' || *p == '?' || *p == '#') break;
		if (n < sizeof scheme) scheme[n++] = *p;
		else too_long = true;
	}
	if (!colon) return true;
	if (too_long) return false; /* longer than any scheme we allow */
	if (n == 0) return false; /* ":foo" */
	if (!ascii_alpha(scheme[0])) return false;
	for (size_t i = 1; i < n; i++)
		if (!ascii_alpha(scheme[i]) && !ascii_digit(scheme[i]) &&
		    scheme[i] != '+' && scheme[i] != '-' && scheme[i] != '.')
			return false;

	static const char *const allowed[] = { "http", "https", "mailto", "tel" };
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		if (n == strlen(allowed[i]) && starts_nocase(scheme, n, allowed[i])) return true;

	if (image && n == 4 && starts_nocase(scheme, n, "data")) {
		/* The same raster types cmark lets through: none can carry script
		 * (image/svg+xml can, and is refused). */
		static const char *const types[] = { "data:image/png", "data:image/gif",
		                                     "data:image/jpeg", "data:image/webp" };
		size_t len = strlen(url);
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
			size_t k = strlen(types[i]);
			if (starts_nocase(url, len, types[i]) && (url[k] == ';' || url[k] == ','))
				return true;
		}
	}
	return false;
}

/* Nodes to take out of the tree once the walk is over: cmark's iterator
 * must not see a node freed under it. */
struct node_list {
	cmark_node **v;
	size_t n, cap;
};

static void node_list_add(struct node_list *l, cmark_node *node)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = node;
}

/* Removes raw HTML, unwraps links and images with refused URLs, and lowers
 * every heading one level (header contract). */
static void make_safe(cmark_node *doc)
{
	struct node_list doomed = {0};
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			node_list_add(&doomed, node);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			/* On exit, so that a node's descendants are listed (and
			 * handled) before it. */
			if (ev == CMARK_EVENT_EXIT &&
			    !url_allowed(cmark_node_get_url(node),
			                 cmark_node_get_type(node) == CMARK_NODE_IMAGE))
				node_list_add(&doomed, node);
			break;
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_ENTER) {
				int level = cmark_node_get_heading_level(node);
				cmark_node_set_heading_level(node, level < 6 ? level + 1 : 6);
			}
			break;
		default:
			/* A table's column alignment would be an align attribute
			 * (not HTML5) or a style (which the pages' policy blocks):
			 * columns are left as the style sheet sets them. */
			if (ev == CMARK_EVENT_ENTER && !strcmp(cmark_node_get_type_string(node), "table")) {
				uint8_t *align = cmark_gfm_extensions_get_table_alignments(node);
				if (align) memset(align, 0, cmark_gfm_extensions_get_table_columns(node));
			}
			break;
		}
	}
	cmark_iter_free(it);

	for (size_t i = 0; i < doomed.n; i++) {
		cmark_node *node = doomed.v[i];
		cmark_node_type t = cmark_node_get_type(node);
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			cmark_node *child;
			while ((child = cmark_node_first_child(node)))
				if (!cmark_node_insert_before(node, child))
					cmark_node_free(child); /* cannot stand there: drop it */
		}
		cmark_node_free(node);
	}
	free(doomed.v);
}

/* The extensions papers use, registered once for every thread. */
static const char *const extensions[] = { "table", "strikethrough", "autolink" };
static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* md parsed with the extensions; *parser (which owns them) is freed after
 * the document, by the caller. */
static cmark_node *parse(const char *md, size_t len, cmark_parser **parser)
{
	pthread_once(&registered, register_extensions);
	*parser = cmark_parser_new(PARSE_OPTIONS);
	for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++)
		cmark_parser_attach_syntax_extension(*parser, cmark_find_syntax_extension(extensions[i]));
	cmark_parser_feed(*parser, md ? md : "", md ? len : 0);
	return cmark_parser_finish(*parser);
}

static char *to_arena(char *s, struct arena *a)
{
	char *copy = arena_strdup(a, s);
	cmark_get_default_mem_allocator()->free(s);
	return copy;
}

char *markdown_to_html(const char *md, size_t len, struct arena *a)
{
	cmark_parser *parser;
	cmark_node *doc = parse(md, len, &parser);
	make_safe(doc);
	char *html = cmark_render_html(doc, RENDER_OPTIONS, cmark_parser_get_syntax_extensions(parser));
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return to_arena(html, a);
}

/* Blocks (tables' rows and cells among them) end a line of text. */
static bool is_block(cmark_node_type t)
{
	return (t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

char *markdown_to_text(const char *md, size_t len, struct arena *a)
{
	cmark_parser *parser;
	cmark_node *doc = parse(md, len, &parser);
	struct buf out = {0};
	bool pending_break = false; /* a block ended since the last text */
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		const char *words = NULL;
		switch (t) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			words = cmark_node_get_literal(node);
			break;
		case CMARK_NODE_SOFTBREAK:
			words = " ";
			break;
		case CMARK_NODE_LINEBREAK:
			pending_break = true;
			break;
		default:
			break;
		}
		if (words && *words) {
			if (pending_break && out.len) buf_putc(&out, '\n');
			pending_break = false;
			size_t n = strlen(words);
			/* a code block's literal ends with its own line feed */
			while (n && t == CMARK_NODE_CODE_BLOCK && words[n - 1] == '\n') n--;
			buf_put(&out, words, n);
		}
		/* Leaf blocks (code, HTML, thematic break) have no exit event. */
		if (is_block(t) && (ev == CMARK_EVENT_EXIT || t == CMARK_NODE_CODE_BLOCK ||
		                    t == CMARK_NODE_THEMATIC_BREAK || t == CMARK_NODE_HTML_BLOCK))
			pending_break = true;
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	char *text = arena_strndup(a, out.data ? out.data : "", out.len);
	buf_free(&out);
	return text;
}
