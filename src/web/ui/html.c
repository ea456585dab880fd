#include "web/ui/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/lang.h"

static const char TEXT_SPECIAL[] = "&<>\"'", ATTR_SPECIAL[] = "&<>\"'\n\r";

/* c, one of ATTR_SPECIAL, as a character reference. */
static void put_reference(struct buf *b, char c)
{
	switch (c) {
	case '&': buf_put(b, "&amp;", 5); break;
	case '<': buf_put(b, "&lt;", 4); break;
	case '>': buf_put(b, "&gt;", 4); break;
	case '"': buf_put(b, "&quot;", 6); break;
	case '\'': buf_put(b, "&#39;", 5); break;
	case '\n': buf_put(b, "&#10;", 5); break;
	case '\r': buf_put(b, "&#13;", 5); break;
	}
}

static void escape(struct buf *b, const char *s, int attr)
{
	if (!s) return;
	/* Copy runs of safe bytes whole; only the special ones are replaced. */
	const char *special = attr ? ATTR_SPECIAL : TEXT_SPECIAL;
	for (;;) {
		size_t run = strcspn(s, special);
		buf_put(b, s, run);
		s += run;
		if (!*s) return;
		put_reference(b, *s++);
	}
}

void html_text(struct buf *b, const char *s) { escape(b, s, 0); }
void html_attr(struct buf *b, const char *s) { escape(b, s, 1); }

void url_component(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			buf_put(b, e, 3);
		}
	}
}

/* v in decimal (snprintf's "%lld" without its format parsing: pages put
 * dozens of numbers). */
static void put_i64(struct buf *b, int64_t v)
{
	char digits[24];
	char *end = digits + sizeof digits, *p = end;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do *--p = (char)('0' + u % 10); while (u /= 10);
	if (v < 0) *--p = '-';
	buf_put(b, p, (size_t)(end - p));
}

void vhtml(struct buf *b, const char *fmt, va_list ap)
{
	const char *run = fmt;
	for (;;) {
		/* strchrnul: the literal run's length without a second scan. */
		const char *p = strchrnul(run, '%');
		buf_put(b, run, (size_t)(p - run));
		if (!*p) break;
		switch (*++p) {
		case 't': html_text(b, va_arg(ap, const char *)); break;
		case 'a': html_attr(b, va_arg(ap, const char *)); break;
		case 'u': url_component(b, va_arg(ap, const char *)); break;
		case 'r': { const char *s = va_arg(ap, const char *); if (s) buf_puts(b, s); break; }
		case 'd': put_i64(b, va_arg(ap, int)); break;
		case 'l': put_i64(b, va_arg(ap, int64_t)); break;
		case '%': buf_putc(b, '%'); break;
		default:
			/* A bad format is our bug: show it loudly in the page. */
			buf_puts(b, "[bad html format]");
			if (!*p) p--;
			break;
		}
		run = p + 1;
	}
}

void html(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vhtml(b, fmt, ap);
	va_end(ap);
}

const char *html_piece(struct arena *a, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;
	va_start(ap, fmt);
	vhtml(&b, fmt, ap);
	va_end(ap);
	const char *s = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* The text from s to end, escaped (a sentence's words between its
 * placeholders). */
static void text_run(struct buf *b, const char *s, const char *end)
{
	for (; s < end; s++) {
		if (strchr(TEXT_SPECIAL, *s)) put_reference(b, *s);
		else buf_putc(b, *s);
	}
}

void html_sentence(struct buf *b, const char *sentence, int n, ...)
{
	enum { MAX_MARKUP = 8 };
	const char *markup[MAX_MARKUP] = { 0 };
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		const char *m = va_arg(ap, const char *);
		if (i < MAX_MARKUP) markup[i] = m;
	}
	va_end(ap);
	size_t next = 0, k, len;
	const char *run = sentence;
	for (const char *p = sentence; *p; p++) {
		if (*p != '%') continue;
		text_run(b, run, p); /* the words before it */
		if (p[1] == '%') {
			buf_putc(b, '%');
			p++;
		} else if (!(len = lang_conversion(p, &next, &k))) {
			buf_putc(b, '%'); /* written as it is */
		} else {
			if (n > 0 && k < (size_t)n && k < MAX_MARKUP && markup[k]) buf_puts(b, markup[k]);
			p += len - 1;
		}
		run = p + 1;
	}
	html_text(b, run);
}

const char *html_link(struct arena *a, const char *href, const char *words)
{
	return html_piece(a, "<a href=\"%a\">%t</a>", href, words);
}

const char *html_bdi(struct arena *a, const char *text)
{
	return html_piece(a, "<bdi>%t</bdi>", text);
}

void html_message(struct buf *b, struct arena *a, const char *stored)
{
	const char *format, *values[LANG_MESSAGE_VALUES], *markup[LANG_MESSAGE_VALUES] = { 0 };
	bool ours[LANG_MESSAGE_VALUES];
	size_t n = lang_message_parts(a, stored, &format, values, ours);
	if (!format) {
		html_text(b, stored ? stored : "");
		return;
	}
	for (size_t i = 0; i < n; i++)
		markup[i] = ours[i] ? html_piece(a, "%t", values[i]) : html_bdi(a, values[i]);
	html_sentence(b, format, (int)n, markup[0], markup[1], markup[2], markup[3], markup[4],
	              markup[5], markup[6], markup[7]);
}
