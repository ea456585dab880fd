#include "core/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s || !*s) return false;
	const char *p = s;
	if (*p == '-') p++;
	if (!isdigit((unsigned char)*p)) return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max) return false;
	*out = v;
	return true;
}

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				return false;
			i++;
			continue;
		}
		size_t len;
		unsigned cp;
		if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; }
		else return false;
		if (n - i < len) return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80) return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		/* C1 controls have no place in text people type. */
		if (cp >= 0x80 && cp <= 0x9f) return false;
		i += len;
	}
	return true;
}

/* Code points that show nothing, or change the direction of what follows:
 * in a name they let one person pass for another ("Kwame \u202eSiwel");
 * and control characters, which the program keeps for its own marks
 * (core/lang.c, web/ui/layout.c). */
static bool hidden_code_point(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || cp == 0x00ad || cp == 0x034f || cp == 0x061c || cp == 0x115f ||
	       cp == 0x1160 || cp == 0x180e || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2069) ||
	       cp == 0x3164 || cp == 0xfeff || cp == 0xffa0;
}

bool text_has_hidden(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	while (*s) {
		unsigned cp = *s, len = 1;
		if (cp >= 0xf0) cp &= 0x07, len = 4;
		else if (cp >= 0xe0) cp &= 0x0f, len = 3;
		else if (cp >= 0xc0) cp &= 0x1f, len = 2;
		for (unsigned k = 1; k < len && s[k]; k++) cp = (cp << 6) | (s[k] & 0x3f);
		if (hidden_code_point(cp)) return true;
		for (unsigned k = 0; k < len && *s; k++) s++;
	}
	return false;
}

bool text_is_token(const char *t, size_t chars)
{
	if (!t || strlen(t) != chars) return false;
	return strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == chars;
}

size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80) n++;
	return n;
}

char *text_trim(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
	size_t k = 0;
	while (s[k] && isspace((unsigned char)s[k])) k++;
	if (k) memmove(s, s + k, n - k + 1);
	return s;
}

void text_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z') *s = (char)(*s - 'A' + 'a');
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool text_contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && ascii_lower(hay[i]) == ascii_lower(needle[i])) i++;
		if (i == n) return true;
	}
	return n == 0;
}

bool email_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 254) return false;
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@')) return false;
	const char *dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || dot[1] == 0) return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',')
			return false;
	}
	return true;
}

bool tz_valid(const char *name)
{
	if (!name || !*name || strlen(name) > 64 || name[0] == '/') return false;
	if (strstr(name, "..")) return false;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("/_+-", *p)) return false;
	if (!strcmp(name, "UTC")) return true;
	char path[128];
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", name);
	/* A zone is a TZif file; "Europe" (a directory) and the database's
	 * own text files are not zones. */
	FILE *f = fopen(path, "rb");
	if (!f) return false;
	char magic[4];
	bool zone = fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4);
	fclose(f);
	return zone;
}
