/* The configuration file's parser (core/config.c): settings, comments,
 * quotes and Windows line ends; each refusal (not a setting, a setting
 * not known, one given twice, no value, not UTF-8) names its line; and the
 * file shipped in etc/ names every setting and, each line uncommented,
 * is one the parser takes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

static const char *const known[] = { "port", "db", "mail_from", "secure_cookies" };

static bool parse(const char *text, struct arena *a, struct config *c, char *error)
{
	return config_parse(text, strlen(text), known, 4, a, c, error, 256);
}

static void settings_comments_and_quotes(void **state)
{
	(void)state;
	struct arena a = { 0 };
	struct config c;
	char error[256];
	assert_true(parse("# a comment\n\n  port = 8081  \r\n"
	                  "db=postgresql://u@h/e#not-a-comment\n"
	                  "   # indented comment\n"
	                  "mail_from = \"  Just Voices <v@example.org>  \"", &a, &c, error));
	assert_int_equal(c.n, 3);
	assert_string_equal(config_get(&c, "port")->value, "8081");
	assert_int_equal(config_get(&c, "port")->line, 3);
	assert_string_equal(config_get(&c, "db")->value, "postgresql://u@h/e#not-a-comment");
	assert_string_equal(config_get(&c, "mail_from")->value, "  Just Voices <v@example.org>  ");
	assert_null(config_get(&c, "secure_cookies"));
	assert_true(parse("", &a, &c, error));
	assert_int_equal(c.n, 0);
	arena_free(&a);
}

static void refusals_name_the_line(void **state)
{
	(void)state;
	static const struct { const char *text, *error; } cases[] = {
		{ "port = 1\nprot = 2\n", "line 2: there is no setting called prot" },
		{ "port = 1\n\nport = 2\n", "line 3: port is set already, on line 1" },
		{ "# x\nport 8080\n", "line 2: not a setting (write it as: name = value)" },
		{ "Port = 8080\n", "line 1: not a setting (write it as: name = value)" },
		{ "db =   \n", "line 1: db has no value" },
		{ "= 3\n", "line 1: not a setting (write it as: name = value)" },
		{ "mail_from = \"a\"b\"\n", "line 1: a quoted value holds a quote" },
		{ "port = 80\xff\n", "it is not text (UTF-8)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct arena a = { 0 };
		struct config c;
		char error[256] = "";
		if (parse(cases[i].text, &a, &c, error)) fail_msg("took: %s", cases[i].text);
		if (strcmp(error, cases[i].error)) fail_msg("%s: said \"%s\"", cases[i].text, error);
		arena_free(&a);
	}
	/* a NUL inside is not text */
	struct arena a = { 0 };
	struct config c;
	char error[256];
	assert_false(config_parse("port = 1\0x", 10, known, 4, &a, &c, error, sizeof error));
	arena_free(&a);
}

static void a_setting_is_set_where_it_is_shown(void **state)
{
	(void)state;
	struct arena a = { 0 };
	const char *base = "# intro\n# port = 8080\n#db = x\nthreads = 4\n";
	assert_string_equal(config_set(base, "port", "9000", &a),
	                    "# intro\nport = 9000\n#db = x\nthreads = 4\n");
	assert_string_equal(config_set(base, "threads", "8", &a),
	                    "# intro\n# port = 8080\n#db = x\nthreads = 8\n");
	assert_string_equal(config_set(base, "db", "/var/db", &a),
	                    "# intro\n# port = 8080\ndb = /var/db\nthreads = 4\n");
	assert_string_equal(config_set("listen = 1", "smtp", "smtp://h", &a),
	                    "listen = 1\nsmtp = smtp://h\n");
	assert_string_equal(config_set("", "mail_from", " spaced ", &a), "mail_from = \" spaced \"\n");
	/* "# port_max = 1" is not port's line */
	assert_string_equal(config_set("# portal = 1\n", "port", "1", &a), "# portal = 1\nport = 1\n");
	arena_free(&a);
}

/* The shipped file: every setting shown as "# name = ..." (or set), and
 * the file with those lines uncommented is one the parser takes. */
static void the_shipped_file_names_every_setting(void **state)
{
	(void)state;
	FILE *f = fopen(SAMPLE_CONF, "rb");
	assert_non_null(f);
	static char text[65536], open_text[65536];
	size_t len = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[len] = 0;
	const char *keys[64];
	for (size_t k = 0; k < config_setting_count; k++) {
		keys[k] = config_settings[k].key;
		char shown[80], set[80];
		snprintf(shown, sizeof shown, "\n# %s = ", keys[k]);
		snprintf(set, sizeof set, "\n%s = ", keys[k]);
		if (!strstr(text, shown) && !strstr(text, set))
			fail_msg("the shipped file does not show %s", keys[k]);
	}
	/* uncomment "# name = value" lines */
	size_t o = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
		bool setting = n > 2 && p[0] == '#' && p[1] == ' ' && p[2] >= 'a' && p[2] <= 'z' &&
		               memchr(p, '=', n);
		memcpy(open_text + o, setting ? p + 2 : p, setting ? n - 2 : n);
		o += setting ? n - 2 : n;
		p += n;
	}
	struct arena a = { 0 };
	struct config c;
	char error[256];
	if (!config_parse(open_text, o, keys, config_setting_count, &a, &c, error, sizeof error))
		fail_msg("the shipped file, uncommented: %s", error);
	assert_int_equal(c.n, config_setting_count);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(settings_comments_and_quotes),
		cmocka_unit_test(refusals_name_the_line),
		cmocka_unit_test(a_setting_is_set_where_it_is_shown),
		cmocka_unit_test(the_shipped_file_names_every_setting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
