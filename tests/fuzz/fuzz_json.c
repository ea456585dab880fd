/* libFuzzer target for jsonb_parse() (web/http/json_body.h): the bytes of one
 * JSON request body. Each input is checked against two specs shaped like
 * the API's (people/people_api.c): one where every key is optional and one with
 * required keys. Besides ASan and UBSan it checks json_body.h's contract
 * and abort()s when one is broken:
 *   - accepted: the result is one object whose keys are all in the spec,
 *     each of its declared type, strings within max_len bytes and valid
 *     UTF-8 per utf8_valid(), every required key present;
 *   - refused: no result, a reason, and a NUL-terminated bad_field. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "web/http/json_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct jsonb_field optional_spec[] = {
	{ "role", JB_STRING, false, 20 },
	{ "status", JB_STRING, false, 20 },
	{ "display_name", JB_STRING, false, 80 },
	{ "note", JB_STRING, false, 0 },
	{ "panel_id", JB_INTEGER, false, 0 },
	{ "member_id", JB_INTEGER, false, 0 },
	{ "consent", JB_BOOLEAN, false, 0 },
	{ "paused", JB_BOOLEAN, false, 0 },
	{ "fields", JB_OBJECT, false, 0 },
	{ "visibility", JB_OBJECT, false, 0 },
};

static const struct jsonb_field required_spec[] = {
	{ "email", JB_STRING, true, 254 },
	{ "role", JB_STRING, true, 20 },
	{ "message", JB_STRING, false, 2000 },
	{ "panel_id", JB_INTEGER, true, 0 },
	{ "expires_days", JB_INTEGER, false, 0 },
	{ "send_mail", JB_BOOLEAN, true, 0 },
	{ "guest", JB_BOOLEAN, false, 0 },
	{ "fields", JB_OBJECT, false, 0 },
	{ "meta", JB_OBJECT, false, 0 },
};

#define N(a) (sizeof a / sizeof a[0])

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_json: contract broken: %s\n", what);
	abort();
}

static bool type_is(json_t *v, enum jsonb_type t)
{
	switch (t) {
	case JB_STRING: return json_is_string(v);
	case JB_INTEGER: return json_is_integer(v);
	case JB_BOOLEAN: return json_is_boolean(v);
	case JB_OBJECT: return json_is_object(v);
	}
	return false;
}

static void check(const uint8_t *data, size_t size, const struct jsonb_field *spec, size_t nspec)
{
	json_t *out = (json_t *)1;
	char bad[JSONB_FIELD_MAX + 1];
	memset(bad, 'x', sizeof bad);
	const char *error = NULL;
	if (!jsonb_parse((const char *)data, size, spec, nspec, &out, bad, &error)) {
		if (out) broken("refused but left a result");
		if (!error || !*error) broken("refused without a reason");
		if (!memchr(bad, 0, sizeof bad)) broken("bad_field not terminated");
		return;
	}
	if (!json_is_object(out)) broken("accepted something other than an object");
	const char *key;
	json_t *v;
	json_object_foreach(out, key, v) {
		const struct jsonb_field *f = NULL;
		for (size_t i = 0; i < nspec; i++)
			if (!strcmp(spec[i].name, key)) f = &spec[i];
		if (!f) broken("accepted a key the spec does not name");
		if (!type_is(v, f->type)) broken("accepted a value of the wrong type");
		if (f->type == JB_STRING) {
			size_t n = json_string_length(v);
			if (n > (f->max_len ? f->max_len : 10000)) broken("accepted an overlong string");
			if (!utf8_valid(json_string_value(v), n)) broken("accepted a string that is not text");
		}
	}
	for (size_t i = 0; i < nspec; i++)
		if (spec[i].required && !json_object_get(out, spec[i].name))
			broken("accepted without a required key");
	json_decref(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size, optional_spec, N(optional_spec));
	check(data, size, required_spec, N(required_spec));
	return 0;
}
