#ifndef EC_CORE_LANG_H
#define EC_CORE_LANG_H
/* The languages of the interface, and which one a request speaks.
 *
 * Every user-facing string is marked for translation: _("...") where it is
 * used, N_("...") in a table read later with _(), ngettext() with a count.
 * The catalogues are GNU gettext's (the .po files in po/, compiled at
 * build time); a thread speaks a language through its own locale
 * (web/http/i18n.c), so requests in different languages run side by side.
 *
 * A request's language is the person's choice, else its panel's, else the
 * browser's Accept-Language, else English. */
#include <libintl.h>
#include <stdbool.h>

#define _(s) lang_text(s)
#define N_(s) (s)

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
 * its language by web/http/i18n.c): English, the language of the source,
 * needs none, unless one is installed (the marking test's). */
extern _Thread_local bool lang_lookup;

/* s in the language this thread speaks (gettext's, or s itself). */
static inline const char *lang_text(const char *s)
{
	return lang_lookup ? gettext(s) : s;
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
