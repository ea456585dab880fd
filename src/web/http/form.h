#ifndef EC_WEB_FORM_H
#define EC_WEB_FORM_H
/* application/x-www-form-urlencoded and query-string parsing.
 *
 * Contract: form_parse() accepts at most FORM_MAX_FIELDS fields, each name
 * at most FORM_MAX_NAME bytes; every decoded name and value must be valid
 * UTF-8 (text.h's utf8_valid). Anything else is refused whole (false), and
 * the caller answers 400: input is never silently truncated. Strings live
 * in the arena. A name given several times keeps every value in order
 * (checkboxes). This is a fuzz target: tests/fuzz/fuzz_form.c. */
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "core/mem.h"

enum { FORM_MAX_FIELDS = 200, FORM_MAX_NAME = 64 };

struct form_field {
	const char *name;
	const char *value;
};

struct form {
	struct form_field *fields;
	size_t n;
};

/* Parses s[0..len). On failure *error says why, in a sentence (in English,
 * marked N_(): the one who answers translates it, _()). */
bool form_parse(const char *s, size_t len, struct arena *a, struct form *out,
                const char **error);

/* The first value of name, or NULL when absent. */
const char *form_get(const struct form *f, const char *name);
/* Every value of name joined with commas (for checkbox groups), "" if none. */
const char *form_get_all(const struct form *f, const char *name, struct arena *a);
bool form_has(const struct form *f, const char *name);
/* A comma-separated list of positive ids (form_get_all's checkbox values)
 * into an array in a; false when an item is not one. "" gives none. */
bool form_ids(const char *list, struct arena *a, int64_t **out, size_t *n);
#endif
