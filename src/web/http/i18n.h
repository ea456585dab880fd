#ifndef EC_WEB_I18N_H
#define EC_WEB_I18N_H
/* The interface in the request's language (core/lang.h): the catalogues
 * are bound once at start, and each request's thread speaks its language
 * through a locale of its own (uselocale), never the process's, so that
 * requests in different languages run side by side. */
#include <stdbool.h>

#include "core/lang.h"

/* Binds the catalogues in locale_dir (NULL: where the build or the
 * package put them) and makes one locale per language. A language whose
 * glibc locale is not installed is said on stderr and shown in English
 * (scripts/deps.sh generates them). Once, before any thread. */
void i18n_start(const char *locale_dir);
/* Whether l can be shown in its own words (its locale is installed). */
bool i18n_available(const struct language *l);
/* This thread speaks l until i18n_end. */
void i18n_use(const struct language *l);
void i18n_end(void);
#endif
