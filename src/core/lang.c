/* The languages of the interface (lang.h). */
#include "core/lang.h"

#include <libgen.h>
#include <stdarg.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"

#ifndef EC_LOCALEDIR
#define EC_LOCALEDIR "/usr/share/locale"
#endif

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

static locale_t spoken[LANGUAGES];
static bool english_catalogue; /* one for English is installed (tests) */
static _Thread_local const struct language *now_spoken;

/* Whether dir holds a catalogue for locale (a directory name: "pl"). */
static bool has_catalogue(const char *dir, const char *locale)
{
	char probe[4300];
	struct stat st;
	snprintf(probe, sizeof probe, "%s/%s/LC_MESSAGES/emptychair.mo", dir, locale);
	return stat(probe, &st) == 0;
}

/* The catalogues built beside a program run from its build tree
 * (build/po), else the installed ones. */
static const char *default_dir(char *buf, size_t size)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		snprintf(buf, size, "%s/../po", dirname(exe));
		if (has_catalogue(buf, "pl")) return buf;
	}
	return EC_LOCALEDIR;
}

void lang_start(const char *locale_dir)
{
	char buf[4200];
	const char *dir = locale_dir ? locale_dir : default_dir(buf, sizeof buf);
	bindtextdomain("emptychair", dir);
	english_catalogue = has_catalogue(dir, "en_GB");
	bind_textdomain_codeset("emptychair", "UTF-8");
	textdomain("emptychair");
	for (int i = 0; i < LANGUAGES; i++) {
		/* Only messages change with the language: numbers, dates and
		 * sorting stay the program's own (core/civil_time.c; month
		 * names come from the catalogue). */
		spoken[i] = newlocale(LC_MESSAGES_MASK, languages[i].locale, (locale_t)0);
		if (!spoken[i] && i > 0)
			fprintf(stderr, "emptychair: the %s locale is not installed: %s pages are shown "
			                "in English (scripts/deps.sh generates it)\n",
			        languages[i].locale, languages[i].name);
	}
}

bool lang_available(const struct language *l)
{
	return l && spoken[l - languages];
}

const struct language *lang_spoken(void)
{
	return now_spoken ? now_spoken : language_default;
}

/* The program's own image: its code, constants and static data. A string
 * literal lies in it, and never changes; text made as the program runs
 * (an arena's, the heap's) never does. */
extern const char __executable_start[], edata[];

enum { REMEMBERED = 512 }; /* a power of two, a few times the msgids of a page */
static _Thread_local struct remembered {
	const char *msgid, *text;
} remembered[LANGUAGES][REMEMBERED];

const char *lang_looked_up(const char *s)
{
	if (s < __executable_start || s >= edata || !now_spoken) return gettext(s);
	uintptr_t h = (uintptr_t)(((uint64_t)(uintptr_t)s >> 3) * UINT64_C(0x9e3779b97f4a7c15) >> 32);
	struct remembered *r = &remembered[now_spoken - languages][h & (REMEMBERED - 1)];
	if (r->msgid != s) *r = (struct remembered){ s, gettext(s) };
	return r->text;
}

const struct language *lang_use(const struct language *l)
{
	const struct language *was = lang_spoken();
	if (!l || !spoken[l - languages]) l = language_default;
	if (l == now_spoken) return was;
	/* English needs no locale and no lookup: the source's words are used
	 * as they are, unless a catalogue for it is installed. */
	bool english = l == language_default && !english_catalogue;
	uselocale(english ? LC_GLOBAL_LOCALE : spoken[l - languages]);
	lang_lookup = !english;
	now_spoken = l;
	return was;
}

size_t lang_conversion(const char *p, size_t *next, size_t *value)
{
	size_t k = (*next)++;
	const char *q = p + 1;
	if (*q >= '1' && *q <= '9') {
		size_t pos = 0;
		while (*q >= '0' && *q <= '9' && pos < 100) pos = pos * 10 + (size_t)(*q++ - '0');
		if (*q == '$') k = pos - 1, q++;
		else q = p + 1; /* not positional */
	}
	if (*q != 's') return 0;
	*value = k;
	return (size_t)(q - p) + 1;
}

const char *lang_format(struct arena *a, const char *fmt, const char *const *args, size_t n)
{
	struct buf b = {0};
	size_t next = 0, k, len;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			buf_putc(&b, *p);
		} else if (p[1] == '%') {
			buf_putc(&b, '%');
			p++;
		} else if (!(len = lang_conversion(p, &next, &k))) {
			buf_putc(&b, '%');
		} else {
			if (k < n && args[k]) buf_puts(&b, args[k]);
			p += len - 1;
		}
	}
	char *out = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

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

/* A stored message: MESSAGE_START, the msgid, then each value after a
 * VALUE_START. Neither byte is in a msgid, nor in a value (lang_message
 * turns control characters into spaces). */
static const char MESSAGE_START = '\x1e', VALUE_START = '\x1f', WORDS_START = '\x1d';

const char *lang_words(struct arena *a, const char *msgid)
{
	return arena_printf(a, "%c%s", WORDS_START, msgid);
}

const char *lang_message(struct arena *a, const char *msgid, size_t n, ...)
{
	struct buf b = {0};
	buf_putc(&b, MESSAGE_START);
	buf_puts(&b, msgid);
	va_list ap;
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		const char *v = va_arg(ap, const char *);
		buf_putc(&b, VALUE_START);
		if (v && *v == WORDS_START) buf_putc(&b, *v++); /* lang_words' */
		for (const char *p = v ? v : ""; *p; p++)
			buf_putc(&b, (unsigned char)*p < 0x20 && *p != '\n' ? ' ' : *p);
	}
	va_end(ap);
	char *out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

size_t lang_message_parts(struct arena *a, const char *stored, const char **format,
                          const char *values[LANG_MESSAGE_VALUES],
                          bool ours[LANG_MESSAGE_VALUES])
{
	*format = NULL;
	if (!stored || stored[0] != MESSAGE_START) return 0;
	char *copy = arena_strdup(a, stored + 1);
	size_t n = 0;
	char *p = strchr(copy, VALUE_START);
	if (p) *p++ = 0;
	while (p && n < LANG_MESSAGE_VALUES) {
		values[n] = p;
		if ((p = strchr(p, VALUE_START))) *p++ = 0;
		ours[n] = values[n][0] == WORDS_START;
		if (ours[n]) values[n] = _(values[n] + 1);
		n++;
	}
	*format = _(copy);
	return n;
}

const char *lang_message_text(struct arena *a, const char *stored)
{
	const char *format, *values[LANG_MESSAGE_VALUES];
	bool ours[LANG_MESSAGE_VALUES];
	size_t n = lang_message_parts(a, stored, &format, values, ours);
	return format ? lang_format(a, format, values, n) : stored;
}
