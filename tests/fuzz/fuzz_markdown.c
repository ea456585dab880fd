/* libFuzzer target for markdown_to_html() and markdown_to_text()
 * (core/markdown.h): a paper written in the page, as any bytes that are
 * valid UTF-8 (what callers let through). Besides ASan and UBSan it checks
 * the header's promises on every input, and abort()s when one is broken:
 *   - the HTML is valid UTF-8 and every tag in it is one the renderer may
 *     write, with quoted attributes (no raw HTML passes through);
 *   - no event-handler attribute, and no href or src with a scheme other
 *     than http, https, mailto, tel, or an image's data:image/png, gif,
 *     jpeg or webp;
 *   - headings are h2 to h6 (a page's own h1 is above them);
 *   - the text is valid UTF-8. */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/markdown.h"
#include "core/mem.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const char *out)
{
	fprintf(stderr, "fuzz_markdown: contract broken: %s\n%.2000s\n", what, out);
	abort();
}

/* Whether the tag name at p (after "<" or "</") is one the renderer
 * writes (no h1), and how long it is. */
static bool known_tag(const char *p, size_t *len)
{
	static const char *const tags[] = { "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul",
	                                    "ol", "li", "pre", "code", "hr", "br", "em", "strong",
	                                    "a", "img", "del", "table", "thead", "tbody", "tr",
	                                    "th", "td", NULL };
	size_t n = 0;
	while (isalnum((unsigned char)p[n])) n++;
	*len = n;
	for (int i = 0; tags[i]; i++)
		if (strlen(tags[i]) == n && !strncmp(tags[i], p, n)) return true;
	return false;
}

/* The URL at p (an attribute's value, ended by '"'), checked. */
static void check_url(const char *p, bool image, const char *out)
{
	const char *end = strchr(p, '"');
	if (!end) broken("an attribute is not closed", out);
	/* A scheme, as browsers read one: a letter, then letters, digits, "+",
	 * "-" or ".", up to the first ":". Anything else is a relative URL. */
	size_t k = 0;
	while (p + k < end && (isalnum((unsigned char)p[k]) || strchr("+-.", p[k]))) k++;
	if (p + k == end || p[k] != ':' || !k || !isalpha((unsigned char)p[0])) return;
	static const char *const ok[] = { "http:", "https:", "mailto:", "tel:", NULL };
	for (int i = 0; ok[i]; i++)
		if (!strncasecmp(p, ok[i], strlen(ok[i]))) return;
	static const char *const images[] = { "data:image/png", "data:image/gif",
	                                      "data:image/jpeg", "data:image/webp", NULL };
	for (int i = 0; image && images[i]; i++)
		if (!strncasecmp(p, images[i], strlen(images[i]))) return;
	broken("a link or image with a scheme it may not have", out);
}

static void check_html(const char *out)
{
	if (!utf8_valid(out, strlen(out))) broken("the HTML is not valid UTF-8", out);
	for (const char *p = strchr(out, '<'); p; p = strchr(p + 1, '<')) {
		const char *name = p + 1 + (p[1] == '/');
		size_t n;
		if (!known_tag(name, &n)) broken("a tag the renderer does not write", out);
		bool image = n == 3 && !strncmp(name, "img", 3);
		/* Attributes: name="value" pairs (a value holds no '"': escaped). */
		const char *a = name + n;
		for (;;) {
			while (*a == ' ') a++;
			if (*a == '>' || (a[0] == '/' && a[1] == '>')) break;
			const char *eq = strchr(a, '=');
			if (!eq || eq[1] != '"') broken("an attribute without a quoted value", out);
			size_t an = (size_t)(eq - a);
			if (an >= 2 && !strncasecmp(a, "on", 2)) broken("an event-handler attribute", out);
			if (an == 4 && !strncmp(a, "href", 4)) check_url(eq + 2, false, out);
			if (an == 3 && !strncmp(a, "src", 3)) check_url(eq + 2, image, out);
			const char *value_end = strchr(eq + 2, '"');
			if (!value_end) broken("an attribute is not closed", out);
			a = value_end + 1;
		}
		p = a;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!utf8_valid((const char *)data, size)) return 0;
	struct arena a = {0};
	const char *html = markdown_to_html((const char *)data, size, &a);
	const char *text = markdown_to_text((const char *)data, size, &a);
	if (!html || !text) broken("NULL", "");
	check_html(html);
	if (!utf8_valid(text, strlen(text))) broken("the text is not valid UTF-8", text);
	arena_free(&a);
	return 0;
}
