/* libFuzzer target for uploaded papers: filetype_sniff() on the bytes as
 * they are, filetype_safe_name() on them read as the name a browser sent,
 * and, when they are valid UTF-8, markdown_to_html() and markdown_to_text()
 * (core/filetype.h, core/markdown.h). Besides ASan and UBSan it checks, and
 * abort()s when one is broken:
 *   - a sniffed kind is one of the enum, and agrees with the first bytes;
 *   - the safe name is valid UTF-8, at most 100 bytes, ends with the kind's
 *     extension, does not start with a dot, space or hyphen, and holds only
 *     letters, digits, space, '-', '_', '.' and non-ASCII letters;
 *   - the HTML holds no tag but those Markdown itself produces, and every
 *     href and src is relative or http, https, mailto, tel (or, for src,
 *     a data:image/png, gif, jpeg or webp URL). */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/filetype.h"
#include "core/markdown.h"
#include "core/mem.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MARKDOWN_MAX = 64 * 1024 };

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_filetype: contract broken: %s\n", what);
	abort();
}

static bool starts(const uint8_t *d, size_t n, const char *magic)
{
	size_t k = strlen(magic);
	return n >= k && !memcmp(d, magic, k);
}

static void check_kind(enum file_kind k, const uint8_t *d, size_t n)
{
	switch (k) {
	case FILE_UNKNOWN: break;
	case FILE_PDF: if (!starts(d, n, "%PDF-")) broken("PDF without %PDF- at 0"); break;
	case FILE_ODT:
	case FILE_DOCX: if (!starts(d, n, "PK\3\4")) broken("document not a ZIP"); break;
	case FILE_PNG: if (!starts(d, n, "\x89PNG\r\n\x1a\n")) broken("PNG without signature"); break;
	case FILE_JPEG: if (!starts(d, n, "\xff\xd8\xff")) broken("JPEG without SOI"); break;
	case FILE_GIF: if (!starts(d, n, "GIF8")) broken("GIF without header"); break;
	case FILE_WEBP: if (!starts(d, n, "RIFF") || n < 12 || memcmp(d + 8, "WEBP", 4))
			broken("WebP without RIFF header");
		break;
	default: broken("kind outside the enum");
	}
	if (!filetype_media_type(k) || !filetype_extension(k) || !filetype_label(k))
		broken("kind without a description");
}

static void check_name(const char *name, enum file_kind k)
{
	size_t n = strlen(name);
	const char *ext = filetype_extension(k);
	size_t e = strlen(ext);
	if (n == 0 || n > 100) broken("name empty or longer than 100 bytes");
	if (!utf8_valid(name, n)) broken("name is not valid UTF-8");
	if (n < e || strcmp(name + n - e, ext)) broken("name without the kind's extension");
	if (n == e) broken("name is only an extension");
	if (name[0] == '.' || name[0] == ' ' || name[0] == '-') broken("name starts badly");
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80 && !isalnum(c) && !strchr(" -_.", c)) broken("name holds a bad ASCII byte");
	}
	if (strstr(name, "  ")) broken("name holds two spaces in a row");
}

static bool prefix_nocase(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (tolower((unsigned char)*s) != *prefix) return false;
	return true;
}

/* The value v[0..n) of an href or src attribute. */
static void check_url(const char *v, size_t n, bool src)
{
	size_t colon = strcspn(v, ":/?#\"");
	if (colon >= n || v[colon] != ':') return; /* relative */
	static const char *const ok[] = { "http:", "https:", "mailto:", "tel:" };
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (colon + 1 == strlen(ok[i]) && prefix_nocase(v, ok[i])) return;
	if (src) {
		static const char *const images[] = { "data:image/png", "data:image/gif",
		                                      "data:image/jpeg", "data:image/webp" };
		for (size_t i = 0; i < sizeof images / sizeof images[0]; i++)
			if (n > strlen(images[i]) && prefix_nocase(v, images[i])) return;
	}
	broken("a URL with a refused scheme reached the HTML");
}

static bool one_of(const char *s, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (n == strlen(list[i]) && !memcmp(s, list[i], n)) return true;
	return false;
}

/* Text and attribute values are escaped, so every '<' opens a tag and
 * every '"' delimits an attribute value: the tags can be read exactly. */
static void check_html(const char *html)
{
	static const char *const tags[] = { "p", "h2", "h3", "h4", "h5", "h6", "em", "strong",
	                                    "code", "pre", "a", "img", "ul", "ol", "li",
	                                    "blockquote", "hr", "br", "del", "table", "thead",
	                                    "tbody", "tr", "th", "td" };
	static const char *const attrs[] = { "href", "title", "src", "alt", "start", "class" };
	for (const char *p = strchr(html, '<'); p; p = strchr(p, '<')) {
		p++;
		if (*p == '/') p++;
		size_t n = 0;
		while (isalnum((unsigned char)p[n])) n++;
		if (!one_of(p, n, tags, sizeof tags / sizeof tags[0]))
			broken("HTML holds a tag Markdown does not make");
		for (p += n;;) {
			while (*p == ' ') p++;
			if (*p == '>' || (p[0] == '/' && p[1] == '>')) break;
			size_t k = 0;
			while (p[k] >= 'a' && p[k] <= 'z') k++;
			if (!one_of(p, k, attrs, sizeof attrs / sizeof attrs[0]))
				broken("HTML holds an attribute Markdown does not make");
			if (p[k] != '=' || p[k + 1] != '"') broken("attribute without a quoted value");
			const char *v = p + k + 2, *end = strchr(v, '"');
			if (!end) broken("attribute value without a closing quote");
			if ((k == 4 && !memcmp(p, "href", 4)) || (k == 3 && !memcmp(p, "src", 3)))
				check_url(v, (size_t)(end - v), k == 3);
			p = end + 1;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = {0};

	enum file_kind k = filetype_sniff(data, size);
	check_kind(k, data, size);

	/* The same bytes as a file name, as far as the first NUL. */
	char *name = xmalloc(size + 1);
	memcpy(name, data, size);
	name[size] = 0;
	enum file_kind as = (enum file_kind)(size ? data[0] % (FILE_WEBP + 1) : 0);
	check_name(filetype_safe_name(name, as, &a), as);
	free(name);

	if (size <= MARKDOWN_MAX && utf8_valid((const char *)data, size)) {
		check_html(markdown_to_html((const char *)data, size, &a));
		markdown_to_text((const char *)data, size, &a);
	}
	arena_free(&a);
	return 0;
}
