/* Unit tests for src/web/http/json_body.c: request bodies checked against a
 * declared spec (json_body.h): one object, no duplicate or unknown keys,
 * declared types, required keys present, strings within their limit; on
 * refusal bad_field names the key ("" for the body as a whole). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/http/json_body.h"

static const struct jsonb_field spec[] = {
	{ "name", JB_STRING, true, 10 },
	{ "age", JB_INTEGER, false, 0 },
	{ "ok", JB_BOOLEAN, false, 0 },
	{ "meta", JB_OBJECT, false, 0 },
	{ "note", JB_STRING, false, 0 },   /* default limit, 10000 bytes */
	{ "rates", JB_OBJECT, false, 0 },  /* members declared below */
	{ "rates.hour", JB_INTEGER, true, 0 },
	{ "rates.extra", JB_OBJECT, false, 0 },
	{ "rates.extra.why", JB_STRING, true, 5 },
};
enum { NSPEC = sizeof spec / sizeof spec[0] };

struct result {
	bool ok;
	json_t *root;
	char bad[JSONB_FIELD_MAX + 1];
	const char *error;
};

static struct result parse_n(const char *data, size_t len)
{
	struct result r;
	memset(r.bad, 'X', sizeof r.bad); /* must be overwritten */
	r.error = NULL;
	r.root = (json_t *)&r; /* must be overwritten */
	r.ok = jsonb_parse(data, len, spec, NSPEC, &r.root, r.bad, &r.error);
	return r;
}

static struct result parse(const char *data) { return parse_n(data, strlen(data)); }

static void accepted(const char *data)
{
	struct result r = parse(data);
	if (!r.ok) fail_msg("refused %s: [%s] %s", data, r.bad, r.error);
	assert_non_null(r.root);
	assert_true(json_is_object(r.root));
	assert_string_equal(r.bad, "");
	json_decref(r.root);
}

/* Refused, blaming bad_field ("" for the body). */
static void refused(const char *data, const char *bad_field)
{
	struct result r = parse(data);
	if (r.ok) {
		json_decref(r.root);
		fail_msg("accepted %s", data);
	}
	assert_null(r.root);
	assert_non_null(r.error);
	assert_true(strlen(r.error) > 0);
	if (strcmp(r.bad, bad_field))
		fail_msg("%s: bad_field \"%s\", expected \"%s\"", data, r.bad, bad_field);
}

static void valid_bodies(void **state)
{
	(void)state;
	struct result r = parse("{\"name\":\"Ann\",\"age\":42,\"ok\":true,\"meta\":{\"k\":[1]},"
	                        "\"note\":\"line\\nline\"}");
	assert_true(r.ok);
	assert_string_equal(r.bad, "");
	assert_string_equal(json_string_value(json_object_get(r.root, "name")), "Ann");
	assert_int_equal(json_integer_value(json_object_get(r.root, "age")), 42);
	assert_true(json_is_true(json_object_get(r.root, "ok")));
	assert_string_equal(json_string_value(json_object_get(r.root, "note")), "line\nline");
	json_decref(r.root);
	accepted("{\"name\":\"A\"}");
	accepted("  {\"name\" : \"A\", \"ok\": false}  \n");
	accepted("{\"name\":\"\\u00e9\"}");
	accepted("{\"name\":\"-\",\"age\":-9007199254740993}");
}

static void body_must_be_one_object(void **state)
{
	(void)state;
	refused("[]", "");
	refused("[{\"name\":\"a\"}]", "");
	refused("\"name\"", "");
	refused("42", "");
	refused("null", "");
	refused("true", "");
}

static void invalid_json(void **state)
{
	(void)state;
	refused("", "");
	refused("{", "");
	refused("{\"name\":\"a\"", "");
	refused("{\"name\":'a'}", "");
	refused("{name:\"a\"}", "");
	refused("{\"name\":\"a\",}", "");
	refused("{\"name\":\"a\"} {}", "");
	refused("{\"name\":\"a\"}x", "");
	refused("{\"name\":\"\xff\"}", "");
	refused("{\"name\":\"\\ud800\"}", "");  /* lone surrogate escape */
	struct result r = parse_n(NULL, 0);
	assert_false(r.ok);
	assert_null(r.root);
	assert_string_equal(r.bad, "");
}

static void only_len_bytes_are_read(void **state)
{
	(void)state;
	const char *s = "{\"name\":\"a\"}trailing garbage";
	struct result r = parse_n(s, strlen("{\"name\":\"a\"}"));
	assert_true(r.ok);
	json_decref(r.root);
	r = parse_n(s, 5);
	assert_false(r.ok);
}

static void duplicate_keys_refused(void **state)
{
	(void)state;
	/* Two values for one key: which one a handler saw would depend on the
	 * parser, so neither is taken. */
	struct result r = parse("{\"name\":\"a\",\"name\":\"b\"}");
	assert_false(r.ok);
	assert_null(r.root);
	assert_non_null(r.error);
	r = parse("{\"name\":\"a\",\"age\":1,\"age\":1}");
	assert_false(r.ok);
	assert_null(r.root);
}

static void unknown_key_named(void **state)
{
	(void)state;
	refused("{\"name\":\"a\",\"is_admin\":true}", "is_admin");
	refused("{\"is_admin\":true,\"name\":\"a\"}", "is_admin");
	refused("{\"Name\":\"a\"}", "Name");
	refused("{\"\":1,\"name\":\"a\"}", "");
	/* a long key is named, cut to JSONB_FIELD_MAX bytes */
	char key[JSONB_FIELD_MAX + 40];
	memset(key, 'k', sizeof key - 1);
	key[sizeof key - 1] = 0;
	char body[sizeof key + 40];
	snprintf(body, sizeof body, "{\"name\":\"a\",\"%s\":1}", key);
	struct result r = parse(body);
	assert_false(r.ok);
	assert_int_equal(strlen(r.bad), JSONB_FIELD_MAX);
	assert_memory_equal(r.bad, key, JSONB_FIELD_MAX);
}

static void wrong_type_named(void **state)
{
	(void)state;
	refused("{\"name\":5}", "name");
	refused("{\"name\":null}", "name");
	refused("{\"name\":[\"a\"]}", "name");
	refused("{\"name\":\"a\",\"age\":\"42\"}", "age");
	refused("{\"name\":\"a\",\"age\":4.5}", "age");
	refused("{\"name\":\"a\",\"age\":true}", "age");
	refused("{\"name\":\"a\",\"ok\":\"true\"}", "ok");
	refused("{\"name\":\"a\",\"ok\":1}", "ok");
	refused("{\"name\":\"a\",\"meta\":[]}", "meta");
	refused("{\"name\":\"a\",\"meta\":\"{}\"}", "meta");
}

static void missing_required_named(void **state)
{
	(void)state;
	refused("{}", "name");
	refused("{\"age\":1,\"ok\":true}", "name");
}

static void string_limits(void **state)
{
	(void)state;
	accepted("{\"name\":\"0123456789\"}");           /* 10 bytes: the limit */
	refused("{\"name\":\"0123456789a\"}", "name");
	/* the limit is in bytes: five 'é' are 10 bytes, six are 12 */
	accepted("{\"name\":\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}");
	refused("{\"name\":\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\"}", "name");

	/* max_len 0 means 10000 */
	char *body = malloc(10100);
	size_t n = (size_t)snprintf(body, 10100, "{\"name\":\"a\",\"note\":\"");
	memset(body + n, 'x', 10000);
	strcpy(body + n + 10000, "\"}");
	accepted(body);
	memset(body + n, 'x', 10001);
	strcpy(body + n + 10001, "\"}");
	refused(body, "note");
	free(body);
}

static void strings_must_be_text(void **state)
{
	(void)state;
	refused("{\"name\":\"a\\u0001\"}", "name");
	refused("{\"name\":\"a\\u001b\"}", "name");
	refused("{\"name\":\"a\\u007f\"}", "name");
	refused("{\"name\":\"a\\u0085\"}", "name");
	/* NUL cannot hide inside a string (jansson refuses \u0000 unless asked) */
	struct result r = parse("{\"name\":\"a\\u0000b\"}");
	assert_false(r.ok);
	assert_null(r.root);
	accepted("{\"name\":\"a\\tb\\r\\n\"}");
}

/* An object whose members are declared ("rates.hour") is checked as the
 * body is; one without ("meta") holds anything. */
static void declared_members_of_objects_are_checked(void **state)
{
	(void)state;
	accepted("{\"name\":\"a\",\"rates\":{\"hour\":1}}");
	accepted("{\"name\":\"a\",\"rates\":{\"hour\":1,\"extra\":{\"why\":\"x\"}}}");
	accepted("{\"name\":\"a\",\"meta\":{\"anything\":[1,2],\"x.y\":null}}");
	refused("{\"name\":\"a\",\"rates\":{}}", "rates.hour");
	refused("{\"name\":\"a\",\"rates\":{\"hour\":\"1\"}}", "rates.hour");
	refused("{\"name\":\"a\",\"rates\":{\"hour\":1.5}}", "rates.hour");
	refused("{\"name\":\"a\",\"rates\":{\"hour\":null}}", "rates.hour");
	refused("{\"name\":\"a\",\"rates\":{\"hour\":1,\"day\":2}}", "rates.day");
	refused("{\"name\":\"a\",\"rates\":{\"hour\":1,\"extra\":{}}}", "rates.extra.why");
	refused("{\"name\":\"a\",\"rates\":{\"hour\":1,\"extra\":{\"why\":\"toolong\"}}}",
	        "rates.extra.why");
	/* A dotted key is not a path, at any level. */
	refused("{\"name\":\"a\",\"rates.hour\":1}", "rates.hour");
	refused("{\"name\":\"a\",\"rates\":{\"hour\":1,\"extra.why\":\"x\"}}", "rates.extra.why");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_bodies),
		cmocka_unit_test(body_must_be_one_object),
		cmocka_unit_test(invalid_json),
		cmocka_unit_test(only_len_bytes_are_read),
		cmocka_unit_test(duplicate_keys_refused),
		cmocka_unit_test(unknown_key_named),
		cmocka_unit_test(wrong_type_named),
		cmocka_unit_test(missing_required_named),
		cmocka_unit_test(string_limits),
		cmocka_unit_test(strings_must_be_text),
		cmocka_unit_test(declared_members_of_objects_are_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
