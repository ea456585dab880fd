/* The interface in the request's language (i18n.h). */
#include "web/http/i18n.h"

#include <libgen.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef EC_LOCALEDIR
#define EC_LOCALEDIR "/usr/share/locale"
#endif

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

void i18n_start(const char *locale_dir)
{
	char buf[4200];
	const char *dir = locale_dir ? locale_dir : default_dir(buf, sizeof buf);
	bindtextdomain("emptychair", dir);
	english_catalogue = has_catalogue(dir, "en_GB");
	bind_textdomain_codeset("emptychair", "UTF-8");
	textdomain("emptychair");
	for (int i = 0; i < LANGUAGES; i++) {
		/* Only messages change with the language: numbers, dates and
		 * sorting stay the program's own (core/civil_time.c). */
		spoken[i] = newlocale(LC_MESSAGES_MASK, languages[i].locale, (locale_t)0);
		if (!spoken[i] && i > 0)
			fprintf(stderr, "emptychair: the %s locale is not installed: %s pages are shown "
			                "in English (scripts/deps.sh generates it)\n",
			        languages[i].locale, languages[i].name);
	}
}

bool i18n_available(const struct language *l)
{
	return l && spoken[l - languages];
}

void i18n_use(const struct language *l)
{
	if (!l || !spoken[l - languages]) l = language_default;
	if (l == now_spoken) return;
	/* English needs no locale and no lookup: the source's words are used
	 * as they are, unless a catalogue for it is installed. */
	bool english = l == language_default && !english_catalogue;
	uselocale(english ? LC_GLOBAL_LOCALE : spoken[l - languages]);
	lang_lookup = !english;
	now_spoken = l;
}

void i18n_end(void)
{
	i18n_use(language_default);
}
