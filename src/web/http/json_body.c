#include "web/http/json_body.h"

#include <stdio.h>
#include <string.h>

#include "core/lang.h"
#include "core/text.h"

static bool type_ok(json_t *v, enum jsonb_type t)
{
	switch (t) {
	case JB_STRING: return json_is_string(v);
	case JB_INTEGER: return json_is_integer(v);
	case JB_BOOLEAN: return json_is_boolean(v);
	case JB_OBJECT: return json_is_object(v);
	}
	return false;
}

static const char *type_name(enum jsonb_type t)
{
	static const char *const names[] = {
		N_("This must be a string."), N_("This must be a whole number."),
		N_("This must be true or false."), N_("This must be an object.") };
	return names[t];
}

/* The spec entry for path, or NULL. */
static const struct jsonb_field *find(const struct jsonb_field *spec, size_t nspec,
                                      const char *path)
{
	for (size_t i = 0; i < nspec; i++)
		if (!strcmp(spec[i].name, path)) return &spec[i];
	return NULL;
}

/* Whether spec declares members of the object at prefix ("rates."). */
static bool declares_members(const struct jsonb_field *spec, size_t nspec, const char *prefix)
{
	for (size_t i = 0; i < nspec; i++)
		if (!strncmp(spec[i].name, prefix, strlen(prefix))) return true;
	return false;
}

/* Checks object o, at prefix ("" at the top, else "name."), against the
 * entries of spec that name its members. */
static bool check_object(json_t *o, const struct jsonb_field *spec, size_t nspec,
                         const char *prefix, char bad_field[JSONB_FIELD_MAX + 1],
                         const char **error)
{
	char path[256];
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		/* A dot in a key would pass for a path; no declared path is long. */
		bool fits = snprintf(path, sizeof path - 1, "%s%s", prefix, key) < (int)sizeof path - 1;
		const struct jsonb_field *f = fits && !strchr(key, '.') ? find(spec, nspec, path) : NULL;
		snprintf(bad_field, JSONB_FIELD_MAX + 1, "%.*s", JSONB_FIELD_MAX, path);
		if (!f) {
			*error = N_("This field is not accepted here.");
			return false;
		}
		if (!type_ok(v, f->type)) {
			*error = type_name(f->type);
			return false;
		}
		if (f->type == JB_STRING) {
			size_t n = json_string_length(v);
			size_t max = f->max_len ? f->max_len : 10000;
			if (n > max || !utf8_valid(json_string_value(v), n)) {
				*error = N_("This text is too long or contains characters that are not text.");
				return false;
			}
		}
		if (f->type == JB_OBJECT) {
			char inner[sizeof path];
			snprintf(inner, sizeof inner, "%.*s.", (int)sizeof path - 2, path);
			if (declares_members(spec, nspec, inner) &&
			    !check_object(v, spec, nspec, inner, bad_field, error))
				return false;
		}
	}
	size_t plen = strlen(prefix);
	for (size_t i = 0; i < nspec; i++) {
		const char *name = spec[i].name;
		if (!spec[i].required || strncmp(name, prefix, plen) || strchr(name + plen, '.'))
			continue;
		if (!json_object_get(o, name + plen)) {
			snprintf(bad_field, JSONB_FIELD_MAX + 1, "%.*s", JSONB_FIELD_MAX, name);
			*error = N_("This field is required.");
			return false;
		}
	}
	bad_field[0] = 0;
	return true;
}

bool jsonb_parse(const char *data, size_t len, const struct jsonb_field *spec, size_t nspec,
                 json_t **out, char bad_field[JSONB_FIELD_MAX + 1], const char **error)
{
	*out = NULL;
	bad_field[0] = 0;
	json_error_t je;
	json_t *root = json_loadb(data ? data : "", len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		*error = N_("The body is not valid JSON.");
		return false;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		*error = N_("The body must be a JSON object.");
		return false;
	}
	if (!check_object(root, spec, nspec, "", bad_field, error)) {
		json_decref(root);
		return false;
	}
	*out = root;
	return true;
}
