#include "web/json_body.h"

#include <stdio.h>
#include <string.h>

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
	static const char *const names[] = { "This must be a string.", "This must be a whole number.",
	                                     "This must be true or false.", "This must be an object." };
	return names[t];
}

bool jsonb_parse(const char *data, size_t len, const struct jsonb_field *spec, size_t nspec,
                 json_t **out, char bad_field[JSONB_FIELD_MAX + 1], const char **error)
{
	*out = NULL;
	bad_field[0] = 0;
	json_error_t je;
	json_t *root = json_loadb(data ? data : "", len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		*error = "The body is not valid JSON.";
		return false;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		*error = "The body must be a JSON object.";
		return false;
	}
	const char *key;
	json_t *v;
	json_object_foreach(root, key, v) {
		const struct jsonb_field *f = NULL;
		for (size_t i = 0; i < nspec; i++)
			if (!strcmp(spec[i].name, key)) f = &spec[i];
		if (!f) {
			snprintf(bad_field, JSONB_FIELD_MAX + 1, "%s", key);
			*error = "This field is not accepted here.";
			goto refuse;
		}
		if (!type_ok(v, f->type)) {
			snprintf(bad_field, JSONB_FIELD_MAX + 1, "%s", f->name);
			*error = type_name(f->type);
			goto refuse;
		}
		if (f->type == JB_STRING) {
			size_t n = json_string_length(v);
			size_t max = f->max_len ? f->max_len : 10000;
			if (n > max || !utf8_valid(json_string_value(v), n)) {
				snprintf(bad_field, JSONB_FIELD_MAX + 1, "%s", f->name);
				*error = "This text is too long or contains characters that are not text.";
				goto refuse;
			}
		}
	}
	for (size_t i = 0; i < nspec; i++) {
		if (spec[i].required && !json_object_get(root, spec[i].name)) {
			snprintf(bad_field, JSONB_FIELD_MAX + 1, "%s", spec[i].name);
			*error = "This field is required.";
			goto refuse;
		}
	}
	*out = root;
	return true;
refuse:
	json_decref(root);
	return false;
}
