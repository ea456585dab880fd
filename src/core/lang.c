/* The languages of the interface (lang.h). */
#include "core/lang.h"

#include <stdlib.h>
#include <string.h>

/* English first. Polish, Romanian and Urdu are among the languages most
 * spoken in the UK after English; Arabic for many refugee panels; Welsh
 * for public bodies in Wales. */
const struct language languages[LANGUAGES] = {
	{ "en", "English", "en_GB.UTF-8", false },
	{ "cy", "Cymraeg", "cy_GB.UTF-8", false },
	{ "pl", "Polski", "pl_PL.UTF-8", false },
	{ "ro", "Română", "ro_RO.UTF-8", false },
	{ "ar", "العربية", "ar_EG.UTF-8", true },
	{ "ur", "اردو", "ur_PK.UTF-8", true },
};
const struct language *const language_default = &languages[0];
_Thread_local bool lang_lookup;

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether the primary subtag of code (up to '-', '_' or its end, n bytes
 * at most) is two letters equal to lang's. */
static bool same_primary(const char *code, size_t n, const char *lang)
{
	size_t k = 0;
	while (k < n && code[k] && code[k] != '-' && code[k] != '_') k++;
	return k == 2 && lower(code[0]) == lang[0] && lower(code[1]) == lang[1];
}

static const struct language *find_n(const char *code, size_t n)
{
	for (int i = 0; code && i < LANGUAGES; i++)
		if (same_primary(code, n, languages[i].code)) return &languages[i];
	return NULL;
}

const struct language *language_find(const char *code)
{
	return code ? find_n(code, strlen(code)) : NULL;
}

/* The q of one Accept-Language item's parameters (";q=0.8"): 0 to 1000. */
static int quality(const char *params, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		if (params[i] != 'q' || params[i + 1] != '=') continue;
		const char *v = params + i + 2;
		size_t left = n - i - 2;
		if (!left || (v[0] != '0' && v[0] != '1')) return 0;
		int q = (v[0] - '0') * 1000, scale = 100;
		for (size_t k = 2; left > 1 && v[1] == '.' && k < left && k < 5; k++, scale /= 10) {
			if (v[k] < '0' || v[k] > '9') break;
			q += (v[k] - '0') * scale;
		}
		return q > 1000 ? 1000 : q;
	}
	return 1000;
}

const struct language *language_from_accept(const char *accept)
{
	const struct language *best = NULL;
	int best_q = 0;
	for (const char *p = accept; p && *p;) {
		size_t item = strcspn(p, ",");
		size_t tag = strcspn(p, ",;");
		const char *start = p;
		while (tag && (*start == ' ' || *start == '\t')) start++, tag--;
		while (tag && (start[tag - 1] == ' ' || start[tag - 1] == '\t')) tag--;
		int q = quality(p + tag, item - tag);
		const struct language *l = find_n(start, tag);
		if (l && q > best_q) {
			best = l;
			best_q = q;
		}
		p += item + (p[item] == ',');
	}
	return best;
}

const struct language *language_choose(const char *chosen, const char *panel, const char *accept)
{
	const struct language *l = language_find(chosen);
	if (!l) l = language_find(panel);
	if (!l) l = language_from_accept(accept);
	return l ? l : language_default;
}
