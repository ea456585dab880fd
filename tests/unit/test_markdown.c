/* Unit tests for src/core/markdown.c: ordinary Markdown renders, headings
 * come out one level lower, and nothing a member writes can put script,
 * raw HTML or a dangerous URL into the page (markdown.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "core/markdown.h"

static char *html(struct arena *a, const char *md)
{
	return markdown_to_html(md, strlen(md), a);
}

/* Case-insensitive strstr, so "<SCRIPT" cannot slip past a check. */
static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n) return true;
	}
	return false;
}

static void ordinary_markdown_renders(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *out = html(&a,
		"# Agenda\n\n"
		"Some *emphasis*, some **strong** and `code`.\n\n"
		"- first\n- second\n\n"
		"1. one\n2. two\n\n"
		"A [link](https://example.org/papers?id=1) and <https://example.org>.\n\n"
		"> quoted\n");
	assert_non_null(strstr(out, "<h2>Agenda</h2>"));
	assert_non_null(strstr(out, "<em>emphasis</em>"));
	assert_non_null(strstr(out, "<strong>strong</strong>"));
	assert_non_null(strstr(out, "<code>code</code>"));
	assert_non_null(strstr(out, "<ul>\n<li>first</li>\n<li>second</li>\n</ul>"));
	assert_non_null(strstr(out, "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"));
	assert_non_null(strstr(out, "<a href=\"https://example.org/papers?id=1\">link</a>"));
	assert_non_null(strstr(out, "<a href=\"https://example.org\">https://example.org</a>"));
	assert_non_null(strstr(out, "<blockquote>"));
	arena_free(&a);
}

/* GitHub-flavoured: tables (with no align attribute, which HTML5 has
 * not, nor a style, which the pages' policy blocks), strikethrough, and
 * bare web addresses as links, never a script's. */
static void tables_and_other_github_markdown(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *out = html(&a,
		"| Date | Who | Cost |\n"
		"|:-----|:---:|-----:|\n"
		"| 1 Dec | Amira | £4.80 |\n\n"
		"~~old~~ new, see www.example.org or javascript:alert(1)\n");
	assert_non_null(strstr(out, "<table>"));
	assert_non_null(strstr(out, "<th>Who</th>"));
	assert_non_null(strstr(out, "<td>Amira</td>"));
	assert_null(strstr(out, "align="));
	assert_null(strstr(out, "style="));
	assert_non_null(strstr(out, "<del>old</del>"));
	assert_non_null(strstr(out, "<a href=\"http://www.example.org\">www.example.org</a>"));
	assert_false(contains_nocase(out, "href=\"javascript"));
	/* As text, each cell on its own line: no pipes. */
	const char *text = markdown_to_text("| A | B |\n|---|---|\n| 1 | 2 |\n", 30, &a);
	assert_string_equal(text, "A\nB\n1\n2");
	arena_free(&a);
}

static void text_is_escaped(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *out = html(&a, "Fish & chips for 3 < 4 \"people\"\n");
	assert_string_equal(out, "<p>Fish &amp; chips for 3 &lt; 4 &quot;people&quot;</p>\n");
	arena_free(&a);
}

static void headings_move_down_one_level(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *out = html(&a, "# one\n## two\n### three\n#### four\n##### five\n###### six\n"
	                           "\nSetext\n======\n\nSetext two\n----------\n");
	assert_non_null(strstr(out, "<h2>one</h2>"));
	assert_non_null(strstr(out, "<h3>two</h3>"));
	assert_non_null(strstr(out, "<h4>three</h4>"));
	assert_non_null(strstr(out, "<h5>four</h5>"));
	assert_non_null(strstr(out, "<h6>five</h6>"));
	assert_non_null(strstr(out, "<h6>six</h6>"));
	assert_non_null(strstr(out, "<h2>Setext</h2>"));
	assert_non_null(strstr(out, "<h3>Setext two</h3>"));
	assert_null(strstr(out, "<h1"));
	/* headings inside other blocks too */
	out = html(&a, "> # quoted\n\n- # in a list\n");
	assert_non_null(strstr(out, "<h2>quoted</h2>"));
	assert_non_null(strstr(out, "<h2>in a list</h2>"));
	arena_free(&a);
}

static void raw_html_is_removed(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *cases[] = {
		"<script>alert(1)</script>\n",
		"Hello <script>alert(1)</script> there\n",
		"<SCRIPT SRC=//evil.example/x.js></SCRIPT>\n",
		"<div onclick=\"alert(1)\">click</div>\n",
		"text <img src=x onerror=alert(1)> more\n",
		"<iframe src=\"https://evil.example\"></iframe>\n",
		"<style>body{display:none}</style>\n",
		"- item <b onmouseover=alert(1)>bold</b>\n",
		"<!-- a comment --> and <?php echo 1; ?>\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *out = html(&a, cases[i]);
		assert_false(contains_nocase(out, "<script"));
		assert_false(contains_nocase(out, "<img"));
		assert_false(contains_nocase(out, "<div"));
		assert_false(contains_nocase(out, "<iframe"));
		assert_false(contains_nocase(out, "<style"));
		assert_false(contains_nocase(out, "<b "));
		assert_false(contains_nocase(out, "onerror"));
		assert_false(contains_nocase(out, "<!--")); /* not even cmark's placeholder */
		assert_false(contains_nocase(out, "<?"));
	}
	/* The words around inline HTML stay; the tags go. */
	assert_string_equal(html(&a, "Hello <span>there</span>\n"), "<p>Hello there</p>\n");
	/* HTML written as code is shown, escaped. */
	assert_string_equal(html(&a, "`<script>`\n"), "<p><code>&lt;script&gt;</code></p>\n");
	arena_free(&a);
}

static void dangerous_links_are_removed(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *cases[] = {
		"[click](javascript:alert(1))\n",
		"[click](JavaScript:alert(1))\n",
		"[click](&#106;avascript:alert(1))\n",
		"[click](javascript&#58;alert(1))\n",
		"[click](<java\tscript:alert(1)>)\n",
		"[click](< javascript:alert(1)>)\n",
		"[click](vbscript:msgbox(1))\n",
		"[click](file:///etc/passwd)\n",
		"[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n",
		"[click](data:image/png;base64,iVBORw0KGgo=)\n", /* data: links, even images */
		"[click][ref]\n\n[ref]: javascript:alert(1)\n",
		"[click](foo bar:baz)\n",
		"[click](made-up-scheme:thing)\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *out = html(&a, cases[i]);
		assert_false(contains_nocase(out, "<a"));
		assert_false(contains_nocase(out, "href"));
		assert_false(contains_nocase(out, "script:"));
		assert_non_null(strstr(out, "click")); /* the words stay */
	}
	/* An autolink to a bad URL becomes its text, which is harmless. */
	const char *out = html(&a, "<javascript:alert(1)>\n");
	assert_false(contains_nocase(out, "<a"));
	/* Nested: a bad link around a good image keeps the image. */
	out = html(&a, "[![alt](https://example.org/a.png)](javascript:alert(1))\n");
	assert_false(contains_nocase(out, "<a"));
	assert_non_null(strstr(out, "<img src=\"https://example.org/a.png\" alt=\"alt\" />"));
	arena_free(&a);
}

static void safe_links_are_kept(void **state)
{
	(void)state;
	struct arena a = {0};
	assert_string_equal(html(&a, "[a](http://example.org)\n"),
	                    "<p><a href=\"http://example.org\">a</a></p>\n");
	assert_string_equal(html(&a, "[a](HTTPS://example.org)\n"),
	                    "<p><a href=\"HTTPS://example.org\">a</a></p>\n");
	assert_string_equal(html(&a, "[a](mailto:chair@example.org)\n"),
	                    "<p><a href=\"mailto:chair@example.org\">a</a></p>\n");
	assert_string_equal(html(&a, "[a](tel:+441234567890)\n"),
	                    "<p><a href=\"tel:+441234567890\">a</a></p>\n");
	/* relative: a path, a query, a fragment, a colon after a slash */
	assert_string_equal(html(&a, "[a](/papers/3)\n"), "<p><a href=\"/papers/3\">a</a></p>\n");
	assert_string_equal(html(&a, "[a](minutes.pdf)\n"), "<p><a href=\"minutes.pdf\">a</a></p>\n");
	assert_string_equal(html(&a, "[a](?page=2)\n"), "<p><a href=\"?page=2\">a</a></p>\n");
	assert_string_equal(html(&a, "[a](#item-4)\n"), "<p><a href=\"#item-4\">a</a></p>\n");
	assert_string_equal(html(&a, "[a](/at/10:30)\n"), "<p><a href=\"/at/10:30\">a</a></p>\n");
	arena_free(&a);
}

static void images_follow_the_same_rules(void **state)
{
	(void)state;
	struct arena a = {0};
	assert_string_equal(html(&a, "![Site plan](https://example.org/plan.png)\n"),
	                    "<p><img src=\"https://example.org/plan.png\" alt=\"Site plan\" /></p>\n");
	assert_string_equal(html(&a, "![dot](data:image/png;base64,iVBORw0KGgo=)\n"),
	                    "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" /></p>\n");
	/* refused: the alt text stays as text */
	assert_string_equal(html(&a, "![Site plan](javascript:alert(1))\n"), "<p>Site plan</p>\n");
	assert_string_equal(html(&a, "![x](data:image/svg+xml;base64,PHN2Zz4=)\n"), "<p>x</p>\n");
	assert_string_equal(html(&a, "![x](data:text/html,hi)\n"), "<p>x</p>\n");
	assert_string_equal(html(&a, "![x](data:image/pngx,hi)\n"), "<p>x</p>\n");
	arena_free(&a);
}

static void empty_and_odd_input(void **state)
{
	(void)state;
	struct arena a = {0};
	assert_string_equal(markdown_to_html("", 0, &a), "");
	assert_string_equal(markdown_to_html(NULL, 0, &a), "");
	/* len is honoured: no NUL needed, nothing read past it */
	assert_string_equal(markdown_to_html("*hi* there", 4, &a), "<p><em>hi</em></p>\n");
	/* invalid UTF-8 (which callers refuse) cannot get through as bytes */
	const char *out = markdown_to_html("a\xff" "b", 3, &a);
	assert_string_equal(out, "<p>a\xef\xbf\xbd" "b</p>\n");
	arena_free(&a);
}

static void plain_text(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *md = "# Agenda\n\nSome *emphasis* and a [link](https://example.org)\n"
	                 "on two lines.\n\n- first\n- second\n\n<b>raw</b> html\n\n"
	                 "    code block\n\n---\n\n![Site plan](plan.png)\n";
	assert_string_equal(markdown_to_text(md, strlen(md), &a),
	                    "Agenda\nSome emphasis and a link on two lines.\nfirst\nsecond\n"
	                    "raw html\ncode block\nSite plan");
	assert_string_equal(markdown_to_text("", 0, &a), "");
	assert_string_equal(markdown_to_text("<div>\nonly html\n</div>\n", 23, &a), "");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ordinary_markdown_renders),
		cmocka_unit_test(tables_and_other_github_markdown),
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(headings_move_down_one_level),
		cmocka_unit_test(raw_html_is_removed),
		cmocka_unit_test(dangerous_links_are_removed),
		cmocka_unit_test(safe_links_are_kept),
		cmocka_unit_test(images_follow_the_same_rules),
		cmocka_unit_test(empty_and_odd_input),
		cmocka_unit_test(plain_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
