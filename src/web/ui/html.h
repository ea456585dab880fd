#ifndef EC_WEB_HTML_H
#define EC_WEB_HTML_H
/* The only way HTML is written: a formatter that escapes by context.
 *
 *   html(b, "<a href=\"/panels/%l\">%t</a>", id, name);
 *
 * Conversions:
 *   %t  text (element content): & < > " ' escaped
 *   %a  attribute value (inside double quotes): same escaping, plus
 *       newlines as character references
 *   %u  one URL component (path segment or query value): percent-encoded
 *   %d  int            %l  int64_t
 *   %r  raw: trusted markup written by this program, never user data
 *   %%  a percent sign
 * A NULL string argument writes nothing. */
#include <stdarg.h>
#include <stdint.h>

#include "core/mem.h"

void html(struct buf *b, const char *fmt, ...);
void vhtml(struct buf *b, const char *fmt, va_list ap);
void html_text(struct buf *b, const char *s);
void html_attr(struct buf *b, const char *s);
void url_component(struct buf *b, const char *s);

/* A translated sentence whose placeholders are markup written by this
 * program (a link, a <strong>): the sentence's words escaped as text, each
 * "%s" (or "%1$s", "%2$s"... as a translator may reorder them) replaced by
 * the next (or the numbered) of the n markup arguments, "%%" a percent
 * sign. So a link inside a sentence keeps the translator's word order:
 *     html_sentence(b, _("If you have used it already, %s with your e-mail
 *                         address and password."), 1, html_link(a, "/sign-in",
 *                   _("sign in")));
 * Never markup made from what people wrote but through %t/%a. */
void html_sentence(struct buf *b, const char *sentence, int n, ...);
/* <a href="href">words</a> (both escaped), in a: a link for html_sentence. */
const char *html_link(struct arena *a, const char *href, const char *words);
/* <bdi>text</bdi> (escaped), in a: what people wrote (a name), in its own
 * direction, for html_sentence. */
const char *html_bdi(struct arena *a, const char *text);
/* What html() writes with fmt, as a string in a: a piece of markup for
 * html_sentence ("<strong>%t</strong>"). */
const char *html_piece(struct arena *a, const char *fmt, ...);
/* A message kept to be read later (core/lang.h's lang_message: a notice),
 * in the language this thread speaks, each value people wrote (a name, a
 * title) in <bdi>; text stored plainly, escaped. */
void html_message(struct buf *b, struct arena *a, const char *stored);
#endif
