#ifndef EC_CORE_MARKDOWN_H
#define EC_CORE_MARKDOWN_H
/* Markdown papers written in the page, rendered with cmark-gfm (CommonMark with tables, strikethrough and bare web addresses).
 *
 * Input must be valid UTF-8 (callers check with utf8_valid() and cap the
 * length first; stray bytes would only become U+FFFD here, but a paper that
 * is not text should be refused where it arrives, with a reason).
 *
 * The HTML is safe to put in a page as it is:
 *   - raw HTML, block or inline, is removed, never passed through;
 *   - a link or image whose URL names a scheme other than http, https,
 *     mailto or tel is replaced by its text (for an image, its alt text) --
 *     so javascript:, vbscript:, file: and data: never reach an href or src,
 *     except images that are data:image/png, gif, jpeg or webp;
 *   - headings are one level lower than written (# gives <h2>; ##### and
 *     ###### both give <h6>), because the page around a paper already has
 *     its own <h1>. Pages put the fragment inside a region of their own (e.g.
 *     <section aria-labelledby=...>) so the headings sit under its title.
 * The result is a fragment, not a document: no <html>, no styles, no ids.
 * Both functions return a NUL-terminated string in the arena, never NULL. */
#include <stddef.h>

#include "core/mem.h"

char *markdown_to_html(const char *md, size_t len, struct arena *a);

/* The words of the paper without markup, for summaries and search: blocks
 * end with one line feed, soft breaks become spaces, link and image URLs and
 * raw HTML are left out, image alt text stays. No trailing line feed. */
char *markdown_to_text(const char *md, size_t len, struct arena *a);
#endif
