#ifndef EC_CORE_LANG_H
#define EC_CORE_LANG_H
/* The languages of the interface, and which one a request speaks.
 *
 * Every user-facing string is marked for translation: _("...") where it is
 * used, N_("...") in a table read later with _(), ngettext() with a count,
 * C_("context", "...") where the words alone are ambiguous.
 * The catalogues are GNU gettext's (the .po files in po/, compiled at
 * build time); a thread speaks a language through its own locale
 * (lang_use), so requests in different languages run side by side.
 *
 * A request's language is the person's choice, else its panel's, else the
 * browser's Accept-Language, else English. */
#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

struct arena;

#define _(s) lang_text(s)
#define N_(s) (s)
/* s, as said in a context (a string literal: "number"), for words that a
 * translator must not mistake for the same words elsewhere ("."). */
#define C_(context, s) lang_text_in(context "\004" s, s)

struct language {
	const char *code;    /* BCP 47 ("pl"): the html lang attribute, po/LINGUAS */
	const char *name;    /* in the language itself ("Polski") */
	const char *locale;  /* the glibc locale that carries its catalogue */
	bool rtl;            /* written right to left (Arabic, Urdu) */
};

/* "rtl" or "ltr": the dir attribute of text in l. */
static inline const char *language_dir(const struct language *l)
{
	return l->rtl ? "rtl" : "ltr";
}

enum { LANGUAGES = 6 };
extern const struct language languages[LANGUAGES];
/* English: the language of the source, and the last resort. */
extern const struct language *const language_default;

/* Whether this thread's strings are looked up in a catalogue (set with
 * its language by lang_use): English, the language of the source,
 * needs none, unless one is installed (the marking test's). */
extern _Thread_local bool lang_lookup;

/* Binds the catalogues in locale_dir (NULL: where the build or the
 * package put them) and makes one locale per language. A language whose
 * glibc locale is not installed is said on stderr and shown in English
 * (scripts/deps.sh generates them). Once, before any thread speaks. */
void lang_start(const char *locale_dir);
/* Whether l can be shown in its own words (its locale is installed). */
bool lang_available(const struct language *l);
/* This thread speaks l (English when l is NULL or not available) until
 * told otherwise; returns the language it spoke before, so that a message
 * written in its reader's language can give the thread back:
 *     const struct language *was = lang_use(reader);  ...  lang_use(was);
 * Each thread speaks through a locale of its own (uselocale), never the
 * process's, so that requests in different languages run side by side. */
const struct language *lang_use(const struct language *l);
/* The language this thread speaks. */
const struct language *lang_spoken(void);

/* fmt (a translated format, whose only conversions are %s, %N$s and %%)
 * with args[0..n) put in; a conversion past n writes nothing. For text
 * kept as a message and its values (a notice), written out in the
 * reader's language when it is read: never printf on a stored format. */
const char *lang_format(struct arena *a, const char *fmt, const char *const *args, size_t n);
/* The conversion that starts at p (a '%' not followed by another) in such
 * a format: its length, and in *value the index of the value it takes (a
 * plain %s the next one, *next counting them); 0 when it is not %s or %N$s
 * (the '%' is then written as it is). The one reading of these formats,
 * lang_format's and html_sentence's. */
size_t lang_conversion(const char *p, size_t *next, size_t *value);

/* Text kept to be read later, perhaps by someone who reads another
 * language (a notice, an e-mail waiting in the outbox), is kept as its
 * message and values, and written out in the reader's language when it is
 * read. lang_message makes it: msgid is the English format (marked N_(),
 * its conversions %s or %N$s only), followed by n strings (control
 * characters in them become spaces). lang_message_text writes stored out
 * in the language this thread speaks; text stored plainly (before this,
 * or written by people) comes back as it is. */
enum { LANG_MESSAGE_VALUES = 8 }; /* at most, a message's values */
const char *lang_message(struct arena *a, const char *msgid, size_t n, ...);
/* A value of a message that is our words, not people's (a status's label,
 * marked N_()): written out translated too. */
const char *lang_words(struct arena *a, const char *msgid);
const char *lang_message_text(struct arena *a, const char *stored);
/* stored's parts, for a reader that puts markup around its values (a
 * page, web/ui/html.h's html_message): *format its msgid in the language
 * this thread speaks, values[0..n) its values, ours[i] whether value i is
 * our words (lang_words, translated now) rather than people's. 0, with
 * *format NULL, for text stored plainly. */
size_t lang_message_parts(struct arena *a, const char *stored, const char **format,
                          const char *values[LANG_MESSAGE_VALUES],
                          bool ours[LANG_MESSAGE_VALUES]);

/* s in the language this thread speaks (gettext's, or s itself). */
/* gettext(s), remembered by the thread for a msgid in the program's own
 * image (a string literal): gettext takes a lock on every call, which
 * threads serving pages at once would queue on. */
const char *lang_looked_up(const char *s);

static inline const char *lang_text(const char *s)
{
	/* "" is never looked up: gettext gives the catalogue's header for it. */
	return lang_lookup && *s ? lang_looked_up(s) : s;
}

/* ngettext's, with English's rule (one, else many) and no lookup when
 * the thread speaks English (lang_text's fast way); ngettext() below is
 * this. */
static inline const char *lang_plural(const char *one, const char *many, unsigned long n)
{
	if (!lang_lookup) return n == 1 ? one : many;
	return ngettext(one, many, n);
}
#undef ngettext
#define ngettext(one, many, n) lang_plural(one, many, n)

/* key ("context\004s") in the language this thread speaks, else s. */
static inline const char *lang_text_in(const char *key, const char *s)
{
	if (!lang_lookup) return s;
	const char *t = lang_looked_up(key);
	return t == key ? s : t;
}

/* The language a code names ("pl", "pl-PL", "PL_pl", "ar-EG"); NULL when
 * it names none of ours. */
const struct language *language_find(const char *code);
/* Ours that the browser prefers most (an Accept-Language value: q-values
 * honoured, q=0 refused, order kept among equals); NULL when none. */
const struct language *language_from_accept(const char *accept);
/* The language of a request: chosen (the person's, may be NULL), else the
 * panel's (may be NULL), else accept, else English. */
const struct language *language_choose(const char *chosen, const char *panel,
                                       const char *accept);
#endif
