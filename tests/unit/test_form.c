/* Unit tests for src/web/http/form.c: application/x-www-form-urlencoded parsing
 * as form.h states it (WHATWG URL standard's decoding: '+' is a space, %XX a
 * byte; at most FORM_MAX_FIELDS fields, names at most FORM_MAX_NAME bytes,
 * decoded text valid UTF-8 without NUL; anything else refused whole). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "web/http/form.h"

static int setup(void **state)
{
	struct arena *a = xcalloc(1, sizeof *a);
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	struct arena *a = *state;
	arena_free(a);
	free(a);
	return 0;
}

static struct form parse_ok(struct arena *a, const char *s)
{
	struct form f;
	const char *error = NULL;
	if (!form_parse(s, strlen(s), a, &f, &error))
		fail_msg("refused \"%s\": %s", s, error ? error : "(no error)");
	return f;
}

static void parse_refused(struct arena *a, const char *s, size_t len)
{
	struct form f;
	const char *error = NULL;
	if (form_parse(s, len, a, &f, &error)) fail_msg("accepted \"%.*s\"", (int)len, s);
	assert_non_null(error);
	assert_true(strlen(error) > 0);
}

static void refused(struct arena *a, const char *s) { parse_refused(a, s, strlen(s)); }

static void fields_in_order(void **state)
{
	struct arena *a = *state;
	struct form f = parse_ok(a, "name=Ann&email=ann%40example.org&role=steward");
	assert_int_equal(f.n, 3);
	assert_string_equal(f.fields[0].name, "name");
	assert_string_equal(f.fields[0].value, "Ann");
	assert_string_equal(f.fields[1].name, "email");
	assert_string_equal(f.fields[1].value, "ann@example.org");
	assert_string_equal(f.fields[2].name, "role");
	assert_string_equal(f.fields[2].value, "steward");
	assert_string_equal(form_get(&f, "email"), "ann@example.org");
	assert_null(form_get(&f, "missing"));
	assert_true(form_has(&f, "role"));
	assert_false(form_has(&f, "Role"));
}

static void repeated_names_keep_every_value(void **state)
{
	struct arena *a = *state;
	struct form f = parse_ok(a, "c=email&x=1&c=post&c=phone");
	assert_int_equal(f.n, 4);
	assert_string_equal(f.fields[0].value, "email");
	assert_string_equal(f.fields[2].value, "post");
	assert_string_equal(f.fields[3].value, "phone");
	assert_string_equal(form_get(&f, "c"), "email"); /* the first */
	assert_string_equal(form_get_all(&f, "c", a), "email,post,phone");
	assert_string_equal(form_get_all(&f, "x", a), "1");
	assert_string_equal(form_get_all(&f, "none", a), "");
}

static void decoding(void **state)
{
	struct arena *a = *state;
	struct form f = parse_ok(a, "q=a+b%20c%2Bd&%41%62=%c3%A9%E2%82%AC&eq=1%3D2=3&amp=%26");
	assert_int_equal(f.n, 4);
	assert_string_equal(form_get(&f, "q"), "a b c+d");
	assert_string_equal(form_get(&f, "Ab"), "\xc3\xa9\xe2\x82\xac");
	/* only the first '=' separates name from value */
	assert_string_equal(form_get(&f, "eq"), "1=2=3");
	assert_string_equal(form_get(&f, "amp"), "&");
	/* '+' in a name is a space too */
	f = parse_ok(a, "a+b=c");
	assert_string_equal(f.fields[0].name, "a b");
	/* line breaks and tabs are text */
	f = parse_ok(a, "t=one%0D%0Atwo%09three");
	assert_string_equal(form_get(&f, "t"), "one\r\ntwo\tthree");
}

static void empty_segments_and_values(void **state)
{
	struct arena *a = *state;
	struct form f = parse_ok(a, "a=1&&b=2&");
	assert_int_equal(f.n, 2);
	assert_string_equal(form_get(&f, "a"), "1");
	assert_string_equal(form_get(&f, "b"), "2");
	f = parse_ok(a, "&&&");
	assert_int_equal(f.n, 0);
	f = parse_ok(a, "");
	assert_int_equal(f.n, 0);
	/* a name without '=' is present with an empty value (a bare checkbox) */
	f = parse_ok(a, "agree&x=");
	assert_int_equal(f.n, 2);
	assert_string_equal(form_get(&f, "agree"), "");
	assert_true(form_has(&f, "agree"));
	assert_string_equal(form_get(&f, "x"), "");
}

static void only_len_bytes_are_read(void **state)
{
	struct arena *a = *state;
	const char *s = "a=1&b=2";
	struct form f;
	const char *error = NULL;
	assert_true(form_parse(s, 3, a, &f, &error));
	assert_int_equal(f.n, 1);
	assert_string_equal(form_get(&f, "a"), "1");
	assert_null(form_get(&f, "b"));
	/* not NUL-terminated input: a buffer of exactly the body */
	char body[5] = { 'k', '=', 'v', '%', '7' };
	parse_refused(a, body, 5); /* "%7" is cut short */
	/* an escape cut by the length is broken, whatever follows in memory */
	parse_refused(a, "a=%41", 4);
	parse_refused(a, "a=%41", 3);
	assert_true(form_parse(body, 3, a, &f, &error));
	assert_string_equal(form_get(&f, "k"), "v");
}

static void bad_percent_escapes(void **state)
{
	struct arena *a = *state;
	refused(a, "a=%4");
	refused(a, "a=%");
	refused(a, "a=%zz");
	refused(a, "a=%4g");
	refused(a, "a=%g4");
	refused(a, "a=% 41");
	refused(a, "%=1");
	refused(a, "a%2=1");
	refused(a, "ok=1&a=%4");
}

static void nul_and_invalid_utf8_refused(void **state)
{
	struct arena *a = *state;
	refused(a, "a=%00");
	refused(a, "a=x%00y");
	refused(a, "a%00b=1");
	refused(a, "a=%FF");
	refused(a, "a=%C3");            /* truncated sequence */
	refused(a, "a=%C0%AF");         /* overlong '/' */
	refused(a, "a=%ED%A0%80");      /* surrogate */
	refused(a, "%FF=1");
	refused(a, "a=%01");            /* control character */
	refused(a, "a=%1B%5B2J");
	refused(a, "a=%7F");
	refused(a, "a=%C2%85");         /* C1 control (NEL) */
	/* raw bytes, not only escaped ones */
	refused(a, "a=\xff");
	parse_refused(a, "a=x\0y", 5);
}

static void names_must_exist_and_be_short(void **state)
{
	struct arena *a = *state;
	refused(a, "=value");
	refused(a, "a=1&=2");
	char name[FORM_MAX_NAME + 2];
	memset(name, 'n', FORM_MAX_NAME);
	name[FORM_MAX_NAME] = 0;
	struct form f = parse_ok(a, arena_printf(a, "%s=1", name));
	assert_int_equal(f.n, 1);
	assert_int_equal(strlen(f.fields[0].name), FORM_MAX_NAME);
	name[FORM_MAX_NAME] = 'n';
	name[FORM_MAX_NAME + 1] = 0;
	refused(a, arena_printf(a, "%s=1", name));
	refused(a, name); /* without '=' too */
	/* the limit is on the decoded name: 64 '%41' escapes are 64 bytes */
	struct buf b = {0};
	for (int i = 0; i < FORM_MAX_NAME; i++) buf_puts(&b, "%41");
	buf_puts(&b, "=1");
	f = parse_ok(a, b.data);
	assert_int_equal(strlen(f.fields[0].name), FORM_MAX_NAME);
	buf_free(&b);
}

static void field_count_limit(void **state)
{
	struct arena *a = *state;
	struct buf b = {0};
	for (int i = 0; i < FORM_MAX_FIELDS; i++) buf_printf(&b, "%sf%d=%d", i ? "&" : "", i, i);
	struct form f = parse_ok(a, b.data);
	assert_int_equal(f.n, FORM_MAX_FIELDS);
	assert_string_equal(f.fields[FORM_MAX_FIELDS - 1].name,
	                    arena_printf(a, "f%d", FORM_MAX_FIELDS - 1));
	buf_puts(&b, "&one=more");
	refused(a, b.data);
	/* many repeats of one name count as many fields */
	buf_reset(&b);
	for (int i = 0; i < FORM_MAX_FIELDS + 1; i++) buf_printf(&b, "%sc=x", i ? "&" : "");
	refused(a, b.data);
	buf_free(&b);
}

static void get_all_with_empty_values(void **state)
{
	struct arena *a = *state;
	struct form f = parse_ok(a, "c=a&c=&c=b");
	assert_int_equal(f.n, 3);
	assert_string_equal(form_get(&f, "c"), "a");
	/* every value is kept: the empty one sits between the others */
	assert_string_equal(form_get_all(&f, "c", a), "a,,b");
	f = parse_ok(a, "c=&c=b");
	assert_string_equal(form_get_all(&f, "c", a), ",b");
	f = parse_ok(a, "c&c");
	assert_string_equal(form_get_all(&f, "c", a), ",");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(fields_in_order),
		T(repeated_names_keep_every_value),
		T(decoding),
		T(empty_segments_and_values),
		T(only_len_bytes_are_read),
		T(bad_percent_escapes),
		T(nul_and_invalid_utf8_refused),
		T(names_must_exist_and_be_short),
		T(field_count_limit),
		T(get_all_with_empty_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
