#ifndef EC_APP_APP_PRIVATE_H
#define EC_APP_APP_PRIVATE_H
/* What the use-case files (app.c, voice.c, representation.c, opportunities.c) share. */
#include "app/app.h"
#include "core/lang.h"

/* Fills *err and returns false. message is for people, already in the
 * reader's language: _("...") at the call. */
bool app_fail(struct app_error *err, int status, const char *code, const char *field,
              const char *message);
/* app_fail with a copy of message (made at run time, perhaps in storage
 * that is about to go) kept in err itself. */
bool app_fail_copy(struct app_error *err, int status, const char *code, const char *field,
                   const char *message);
/* Whether each of f[0..n)'s text fields (IN_TEXT, IN_LINE) holds what f
 * declares (text[i] for f[i]); else err names the first that does not.
 * The doors have read them the same way already (web/http/inputs.c); this
 * keeps every other caller to the rules. */
bool app_texts_fit(const struct input_field *f, const char *const *text, size_t n,
                   struct app_error *err);
/* "Who isn't here?"'s rows of characteristic f, in the order shown (its
 * answers, or the panel's groups, then "prefer not to say", "in other
 * words" and "not answered"), each with its group when it has one; and
 * the row key a person's answer (NULL: none that counts) puts them in
 * (app/representation.c). */
size_t app_rep_rows(const struct profile_field *f, const struct rep_group *groups,
                    size_t n_groups, struct arena *a, struct rep_row **out);
const char *app_rep_class(const struct profile_field *f, const struct rep_answer *ans,
                          const struct rep_group *groups, size_t n_groups, struct arena *a);
/* A 500 "nothing was changed" error; returns false. */
bool app_internal(struct app_error *err);
#endif
