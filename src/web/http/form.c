#include "web/http/form.h"

#include <string.h>

#include "core/lang.h"
#include "core/text.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) ('+' is a space, %XX a byte) into arena memory. */
static char *decode(const char *s, size_t n, struct arena *a, size_t *outlen, bool *ok)
{
	char *out = arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[k++] = ' ';
		} else if (s[i] == '%') {
			if (n - i < 3) { *ok = false; return NULL; }
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0) { *ok = false; return NULL; }
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = 0;
	*outlen = k;
	return out;
}

bool form_parse(const char *s, size_t len, struct arena *a, struct form *out,
                const char **error)
{
	out->fields = NULL;
	out->n = 0;
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '&') count++;
	if (count + 1 > FORM_MAX_FIELDS) {
		*error = N_("The form has too many fields.");
		return false;
	}
	out->fields = arena_alloc(a, (count + 1) * sizeof *out->fields);
	size_t pos = 0;
	while (pos < len) {
		const char *amp = memchr(s + pos, '&', len - pos);
		size_t end = amp ? (size_t)(amp - s) : len;
		if (end > pos) {
			const char *eq = memchr(s + pos, '=', end - pos);
			size_t name_end = eq ? (size_t)(eq - s) : end;
			bool ok = true;
			size_t nlen = 0, vlen = 0;
			char *name = decode(s + pos, name_end - pos, a, &nlen, &ok);
			char *value = NULL;
			if (ok && eq) value = decode(eq + 1, end - name_end - 1, a, &vlen, &ok);
			else if (ok) value = arena_strdup(a, "");
			if (!ok) {
				*error = N_("The form data is not encoded correctly.");
				return false;
			}
			if (nlen == 0 || nlen > FORM_MAX_NAME) {
				*error = N_("The form has a field with a missing or overlong name.");
				return false;
			}
			if (!utf8_valid(name, nlen) || !utf8_valid(value, vlen) ||
			    strlen(name) != nlen || strlen(value) != vlen) {
				*error = N_("The form contains characters that are not text.");
				return false;
			}
			out->fields[out->n].name = name;
			out->fields[out->n].value = value;
			out->n++;
		}
		pos = end + 1;
	}
	return true;
}

const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->fields[i].name, name)) return f->fields[i].value;
	return NULL;
}

bool form_has(const struct form *f, const char *name) { return form_get(f, name) != NULL; }

const char *form_get_all(const struct form *f, const char *name, struct arena *a)
{
	struct buf b = {0};
	bool first = true;
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i].name, name)) continue;
		if (!first) buf_putc(&b, ',');
		first = false;
		buf_puts(&b, f->fields[i].value);
	}
	const char *r = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

bool form_ids(const char *list, struct arena *a, int64_t **out, size_t *n)
{
	*n = 0;
	if (!list) list = "";
	*out = arena_alloc(a, (strlen(list) / 2 + 1) * sizeof **out);
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char num[24];
		if (len >= sizeof num) return false;
		memcpy(num, p, len);
		num[len] = 0;
		if (!parse_i64(num, 1, INT64_MAX, &(*out)[*n])) return false;
		(*n)++;
		p += len + (comma != NULL);
	}
	return true;
}
