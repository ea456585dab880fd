#ifndef EC_WEB_JSON_BODY_H
#define EC_WEB_JSON_BODY_H
/* JSON request bodies, checked against a declared spec before a handler
 * sees them: the body must be one JSON object, no duplicate keys, no key
 * the spec does not name, each named key of the declared type, required
 * keys present. An object's members are declared by dotted names in the
 * same spec ("rates" and then "rates.hour") and checked the same way, to
 * any depth; an object with no members declared may hold any (a map whose
 * keys the handler checks). On failure bad_field holds the offending key
 * with its path ("rates.hour"), cut to JSONB_FIELD_MAX bytes ("" for the
 * body as a whole), and *error says what is wrong, in a sentence (in
 * English, marked N_(): the one who answers translates it, _()).
 * This is a fuzz target: tests/fuzz/fuzz_json.c. */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum { JSONB_FIELD_MAX = 64 };

enum jsonb_type { JB_STRING, JB_INTEGER, JB_BOOLEAN, JB_OBJECT };

struct jsonb_field {
	const char *name;
	enum jsonb_type type;
	bool required;
	size_t max_len;        /* JB_STRING: bytes; 0 means 10000 */
};

/* On success *out holds a new reference the caller json_decref()s. */
bool jsonb_parse(const char *data, size_t len, const struct jsonb_field *spec, size_t nspec,
                 json_t **out, char bad_field[JSONB_FIELD_MAX + 1], const char **error);
#endif
