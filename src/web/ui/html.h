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
#include <stdint.h>

#include "core/mem.h"

void html(struct buf *b, const char *fmt, ...);
void html_text(struct buf *b, const char *s);
void html_attr(struct buf *b, const char *s);
void url_component(struct buf *b, const char *s);
#endif
