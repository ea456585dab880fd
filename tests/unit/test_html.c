/* Unit tests for src/web/ui/html.c: the escaping formatter that is the only
 * way HTML is written (html.h lists the conversions). Expected strings are
 * written from HTML's rules: & < > " ' become character references in text
 * and attributes, line breaks also in attributes; a URL component keeps
 * only RFC 3986's unreserved characters and percent-encodes every other
 * byte, upper-case hex. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/mem.h"
#include "web/ui/html.h"

static int setup(void **state)
{
	struct buf *b = xcalloc(1, sizeof *b);
	*state = b;
	return 0;
}

static int teardown(void **state)
{
	struct buf *b = *state;
	buf_free(b);
	free(b);
	return 0;
}

static const char *out(struct buf *b) { return b->data ? b->data : ""; }

static void text_escapes_markup(void **state)
{
	struct buf *b = *state;
	html(b, "<p>%t</p>", "Tom & Jerry <script>alert(\"x\")</script> it's");
	assert_string_equal(out(b),
	                    "<p>Tom &amp; Jerry &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
	                    "it&#39;s</p>");
	buf_reset(b);
	/* line breaks are fine in element content */
	html(b, "%t", "one\ntwo\r\n");
	assert_string_equal(out(b), "one\ntwo\r\n");
	buf_reset(b);
	/* an existing reference is text too: escaped again */
	html(b, "%t", "&amp;");
	assert_string_equal(out(b), "&amp;amp;");
	buf_reset(b);
	/* UTF-8 passes through unchanged */
	html(b, "%t", "caf\xc3\xa9 \xe2\x82\xac");
	assert_string_equal(out(b), "caf\xc3\xa9 \xe2\x82\xac");
}

static void attribute_escapes_quotes_and_line_breaks(void **state)
{
	struct buf *b = *state;
	html(b, "<input value=\"%a\">", "\" onfocus='x' a<b>&\nline\r");
	assert_string_equal(out(b),
	                    "<input value=\"&quot; onfocus=&#39;x&#39; a&lt;b&gt;&amp;&#10;line&#13;\">");
	buf_reset(b);
	html_attr(b, "plain");
	assert_string_equal(out(b), "plain");
	buf_reset(b);
	html_text(b, "\"'");
	assert_string_equal(out(b), "&quot;&#39;");
}

static void url_component_encodes_reserved_bytes(void **state)
{
	struct buf *b = *state;
	html(b, "/search?q=%u", "a b/c?d=e&f#g+h%i");
	assert_string_equal(out(b), "/search?q=a%20b%2Fc%3Fd%3De%26f%23g%2Bh%25i");
	buf_reset(b);
	url_component(b, "AZaz09-_.~");
	assert_string_equal(out(b), "AZaz09-_.~");
	buf_reset(b);
	url_component(b, "caf\xc3\xa9 \xf0\x9f\x98\x80");
	assert_string_equal(out(b), "caf%C3%A9%20%F0%9F%98%80");
	buf_reset(b);
	/* markup characters can never survive into an attribute via %u */
	url_component(b, "\"'<>\\");
	assert_string_equal(out(b), "%22%27%3C%3E%5C");
	buf_reset(b);
	url_component(b, "\x01\x7f");
	assert_string_equal(out(b), "%01%7F");
}

static void numbers(void **state)
{
	struct buf *b = *state;
	html(b, "%d|%d|%d", 0, -5, INT_MIN);
	assert_string_equal(out(b), "0|-5|-2147483648");
	buf_reset(b);
	html(b, "%l|%l|%l", (int64_t)0, INT64_MAX, INT64_MIN);
	assert_string_equal(out(b), "0|9223372036854775807|-9223372036854775808");
	buf_reset(b);
	/* mixed with strings: arguments are taken in order */
	html(b, "<a href=\"/panels/%l/members/%l\">%t</a> (%d)", (int64_t)12, (int64_t)345,
	     "Ann", 7);
	assert_string_equal(out(b), "<a href=\"/panels/12/members/345\">Ann</a> (7)");
}

static void raw_and_percent(void **state)
{
	struct buf *b = *state;
	html(b, "<div>%r</div>", "<b class=\"x\">bold & raw</b>");
	assert_string_equal(out(b), "<div><b class=\"x\">bold & raw</b></div>");
	buf_reset(b);
	html(b, "100%% of %t%%", "us");
	assert_string_equal(out(b), "100% of us%");
	buf_reset(b);
	html(b, "no conversions");
	assert_string_equal(out(b), "no conversions");
}

static void null_arguments_write_nothing(void **state)
{
	struct buf *b = *state;
	html(b, "[%t][%a][%u][%r]", (const char *)NULL, (const char *)NULL, (const char *)NULL,
	     (const char *)NULL);
	assert_string_equal(out(b), "[][][][]");
	buf_reset(b);
	html(b, "[%t]", "");
	assert_string_equal(out(b), "[]");
}

static void appends_to_the_buffer(void **state)
{
	struct buf *b = *state;
	buf_puts(b, "<ul>");
	html(b, "<li>%t</li>", "a&b");
	html(b, "<li>%t</li>", "c");
	buf_puts(b, "</ul>");
	assert_string_equal(out(b), "<ul><li>a&amp;b</li><li>c</li></ul>");
	assert_int_equal(b->len, strlen(out(b)));
}

static void long_values(void **state)
{
	struct buf *b = *state;
	/* 5000 ampersands: 25000 bytes out, well past any initial capacity */
	char *s = xmalloc(5001);
	memset(s, '&', 5000);
	s[5000] = 0;
	html(b, "%t", s);
	assert_int_equal(b->len, 5000 * 5);
	for (size_t i = 0; i < b->len; i += 5) assert_memory_equal(b->data + i, "&amp;", 5);
	free(s);
}

static void bad_format_is_loud_and_safe(void **state)
{
	struct buf *b = *state;
	/* An unknown conversion is our bug: it shows, and no argument is read
	 * as a string for it. A trailing lone '%' must not read past the end. */
	html(b, "a%qb");
	assert_non_null(strstr(out(b), "bad html format"));
	assert_true(strncmp(out(b), "a", 1) == 0);
	assert_true(out(b)[b->len - 1] == 'b');
	buf_reset(b);
	html(b, "end%");
	assert_non_null(strstr(out(b), "bad html format"));
	assert_true(strncmp(out(b), "end", 3) == 0);
}

/* A kept message on a page: people's values escaped and in <bdi>, our
 * words escaped only; plain text escaped. */
static void a_message_isolates_people_s_words(void **state)
{
	struct buf *b = *state;
	struct arena a = {0};
	const char *m = lang_message(&a, "%s responded to something you said: %s.", 2,
	                             "<Ana's> panel", lang_words(&a, "Adopted"));
	html_message(b, &a, m);
	assert_string_equal(out(b), "<bdi>&lt;Ana&#39;s&gt; panel</bdi> responded to something you "
	                            "said: Adopted.");
	buf_reset(b);
	html_message(b, &a, "Plain <b>text</b>");
	assert_string_equal(out(b), "Plain &lt;b&gt;text&lt;/b&gt;");
	arena_free(&a);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(text_escapes_markup),
		T(attribute_escapes_quotes_and_line_breaks),
		T(url_component_encodes_reserved_bytes),
		T(numbers),
		T(raw_and_percent),
		T(null_arguments_write_nothing),
		T(appends_to_the_buffer),
		T(long_values),
		T(bad_format_is_loud_and_safe),
		T(a_message_isolates_people_s_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
