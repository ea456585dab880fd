/* Unit tests for src/core/text.c: strict numbers, UTF-8, trimming, e-mail
 * shape and time-zone names. Byte sequences come from the UTF-8 definition
 * (RFC 3629): overlong forms, surrogates and code points above U+10FFFF are
 * not UTF-8; text.h adds that control characters other than tab, LF and CR
 * (C0, DEL and C1) are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/text.h"

/* ---- parse_i64 ---- */

static void parse_accepts_plain_numbers(void **state)
{
	(void)state;
	int64_t v = -1;
	assert_true(parse_i64("0", 0, 10, &v));
	assert_int_equal(v, 0);
	assert_true(parse_i64("42", 0, 100, &v));
	assert_int_equal(v, 42);
	assert_true(parse_i64("-42", -100, 100, &v));
	assert_int_equal(v, -42);
	/* Base 10 always: a leading zero is not octal. (URLs that must be
	 * canonical refuse leading zeros themselves, in the router.) */
	assert_true(parse_i64("010", 0, 100, &v));
	assert_int_equal(v, 10);
	assert_true(parse_i64("0009", 0, 100, &v));
	assert_int_equal(v, 9);
	/* "-0" is the integer zero, written with a minus. */
	v = 7;
	assert_true(parse_i64("-0", 0, 10, &v));
	assert_int_equal(v, 0);
}

static void parse_respects_bounds(void **state)
{
	(void)state;
	int64_t v = 0;
	assert_true(parse_i64("10", 1, 10, &v));
	assert_int_equal(v, 10);
	assert_true(parse_i64("1", 1, 10, &v));
	assert_int_equal(v, 1);
	v = 5;
	assert_false(parse_i64("11", 1, 10, &v));
	assert_false(parse_i64("0", 1, 10, &v));
	assert_false(parse_i64("-1", 0, 10, &v));
	assert_false(parse_i64("65536", 0, 65535, &v));
	assert_int_equal(v, 5); /* left alone on failure */

	assert_true(parse_i64("9223372036854775807", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, INT64_MAX);
	assert_true(parse_i64("-9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MIN);
	v = 5;
	assert_false(parse_i64("9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_false(parse_i64("-9223372036854775809", INT64_MIN, INT64_MAX, &v));
	assert_false(parse_i64("99999999999999999999999", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 5);
}

static void parse_refuses_anything_but_digits(void **state)
{
	(void)state;
	const char *bad[] = { "", "+1", " 1", "1 ", "\t1", "1\n", "1a", "a1", "0x10", "1e3",
	                      "1.0", "1,000", "-", "--1", "-+1", "+-1", "- 1", "١" /* Arabic 1 */ };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t v = 123;
		if (parse_i64(bad[i], INT64_MIN, INT64_MAX, &v))
			fail_msg("parse_i64 accepted \"%s\"", bad[i]);
		assert_int_equal(v, 123);
	}
	int64_t v = 123;
	assert_false(parse_i64(NULL, 0, 10, &v));
	assert_int_equal(v, 123);
}

/* ---- utf8_valid ---- */

static bool valid(const char *bytes)
{
	return utf8_valid(bytes, strlen(bytes));
}

static void utf8_accepts_text(void **state)
{
	(void)state;
	assert_true(utf8_valid("", 0));
	assert_true(valid("plain ASCII, with punctuation! ~"));
	assert_true(valid("caf\xc3\xa9"));                  /* é, 2 bytes */
	assert_true(valid("\xe2\x82\xac"));                 /* €, 3 bytes */
	assert_true(valid("\xf0\x9f\x98\x80"));             /* U+1F600, 4 bytes */
	assert_true(valid("\xc2\xa0"));                     /* U+00A0, first after C1 */
	assert_true(valid("\xdf\xbf"));                     /* U+07FF, last 2-byte */
	assert_true(valid("\xe0\xa0\x80"));                 /* U+0800, first 3-byte */
	assert_true(valid("\xed\x9f\xbf"));                 /* U+D7FF, before surrogates */
	assert_true(valid("\xee\x80\x80"));                 /* U+E000, after surrogates */
	assert_true(valid("\xef\xbf\xbd"));                 /* U+FFFD */
	assert_true(valid("\xf0\x90\x80\x80"));             /* U+10000, first 4-byte */
	assert_true(valid("\xf4\x8f\xbf\xbf"));             /* U+10FFFF, the last */
	assert_true(valid("tab\there\nline\r\nend"));
}

static void utf8_refuses_overlong_forms(void **state)
{
	(void)state;
	assert_false(valid("\xc0\x80"));          /* NUL, overlong */
	assert_false(valid("\xc0\xaf"));          /* '/', overlong */
	assert_false(valid("\xc1\xbf"));
	assert_false(valid("\xe0\x80\x80"));
	assert_false(valid("\xe0\x9f\xbf"));      /* U+07FF in 3 bytes */
	assert_false(valid("\xf0\x80\x80\x80"));
	assert_false(valid("\xf0\x8f\xbf\xbf"));  /* U+FFFF in 4 bytes */
}

static void utf8_refuses_surrogates_and_beyond(void **state)
{
	(void)state;
	assert_false(valid("\xed\xa0\x80"));      /* U+D800 */
	assert_false(valid("\xed\xbf\xbf"));      /* U+DFFF */
	assert_false(valid("\xed\xa0\xbd\xed\xb8\x80")); /* a CESU-8 pair */
	assert_false(valid("\xf4\x90\x80\x80"));  /* U+110000 */
	assert_false(valid("\xf5\x80\x80\x80"));
	assert_false(valid("\xf8\x88\x80\x80\x80"));
	assert_false(valid("\xfe"));
	assert_false(valid("\xff"));
}

static void utf8_refuses_broken_sequences(void **state)
{
	(void)state;
	assert_false(valid("\x80"));              /* lone continuation */
	assert_false(valid("a\xbf" "b"));
	assert_false(valid("\xc3"));              /* truncated at the end */
	assert_false(valid("\xe2\x82"));
	assert_false(valid("\xf0\x9f\x98"));
	assert_false(valid("\xc3" "A"));          /* lead then ASCII */
	assert_false(valid("\xe2\x82" "A"));
	assert_false(valid("\xf0\x9f\x98" "A"));
	assert_false(valid("\xe2\xc3\xa9"));
	/* the length given is the end: a sequence cut by it is broken */
	assert_false(utf8_valid("caf\xc3\xa9", 4));
	assert_true(utf8_valid("caf\xc3\xa9", 3));
	/* and nothing past it is looked at */
	assert_true(utf8_valid("ok\xff", 2));
}

static void utf8_refuses_control_characters(void **state)
{
	(void)state;
	assert_false(utf8_valid("a\0b", 3));      /* NUL inside the length */
	assert_false(utf8_valid("\0", 1));
	for (int c = 1; c < 0x20; c++) {
		char s[2] = { (char)c, 0 };
		bool allowed = c == '\t' || c == '\n' || c == '\r';
		if (utf8_valid(s, 1) != allowed)
			fail_msg("control 0x%02x: expected %s", c, allowed ? "valid" : "refused");
	}
	assert_false(valid("\x7f"));              /* DEL */
	assert_false(valid("\x1b[31m"));          /* terminal escape */
	/* C1 controls U+0080..U+009F, each encoded C2 80..C2 9F */
	for (int c = 0x80; c <= 0x9f; c++) {
		char s[3] = { (char)0xc2, (char)c, 0 };
		if (valid(s)) fail_msg("C1 control U+%04X accepted", c);
	}
}

/* ---- utf8_length, text_trim ---- */

static void utf8_length_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(utf8_length(""), 0);
	assert_int_equal(utf8_length("abc"), 3);
	assert_int_equal(utf8_length("caf\xc3\xa9"), 4);
	assert_int_equal(utf8_length("\xe2\x82\xac\xf0\x9f\x98\x80"), 2);
	assert_int_equal(utf8_length("na\xc3\xafve \xe2\x82\xac" "5"), 8);
}

/* Issue 17, point 9: names that pass for another person's. */
static void hidden_characters_are_found(void **state)
{
	(void)state;
	static const char *const hidden[] = {
		"Kwame \u202eSiwel", "Amira\u200bHaddad", "Sam\u200d", "\ufeffRana", "Ab\u2066c\u2069",
		"Joy\tAdebayo", "Hal\u00adlo", "\u3164", "x\u2028y", "left\u200fright", "a\u061cb",
	};
	for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++) {
		assert_true(utf8_valid(hidden[i], strlen(hidden[i])));
		if (!text_has_hidden(hidden[i])) fail_msg("not found in \"%s\"", hidden[i]);
		assert_non_null(display_name_problem(hidden[i]));
	}
	static const char *const plain[] = {
		"Kwame Lewis", "Zoë Ó Briain", "محمد علي", "Łukasz Żółć", "李小龍", "Amira Haddad 🌻", "",
	};
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		if (text_has_hidden(plain[i])) fail_msg("found in \"%s\"", plain[i]);
	assert_null(display_name_problem("محمد علي"));
}

static void trim(const char *in, const char *want)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%s", in);
	char *r = text_trim(buf);
	assert_ptr_equal(r, buf);
	assert_string_equal(r, want);
}

static void trim_removes_ascii_space_at_both_ends(void **state)
{
	(void)state;
	trim("", "");
	trim("   ", "");
	trim("abc", "abc");
	trim("  a b  ", "a b");
	trim("\t\r\n x \r\n\v\f", "x");
	trim("lead", "lead");
	trim("  lead", "lead");
	trim("trail  ", "trail");
	trim("inner  space", "inner  space");
	/* Only ASCII white space: a no-break space (U+00A0) is kept. */
	trim("\xc2\xa0" "x", "\xc2\xa0" "x");
}

static void lower_only_ascii(void **state)
{
	(void)state;
	char s[] = "Ann.SMITH@Example.ORG \xc3\x89";
	text_lower(s);
	assert_string_equal(s, "ann.smith@example.org \xc3\x89");
}

/* ---- email_valid ---- */

static void email_shapes(void **state)
{
	(void)state;
	const char *good[] = { "a@b.co", "ann.smith+panel@example.org", "x@mail.example.co.uk",
	                       "o'brien@example.ie", "1@2.3" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!email_valid(good[i])) fail_msg("refused %s", good[i]);
	const char *bad[] = { "", "a", "@", "a@", "@b.co", "a@b", "a@.co", "a@b.", "a@@b.co",
	                      "a@b@c.co", "a b@c.co", "a@b .co", " a@b.co", "a@b.co ",
	                      "a@b.co\n", "a\t@b.co", "<a@b.co>", "\"a\"@b.co", "a,b@c.co",
	                      "a@b.co\x7f", "no-at-sign.example.org" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (email_valid(bad[i])) fail_msg("accepted \"%s\"", bad[i]);
}

static void email_length_limit(void **state)
{
	(void)state;
	char s[300];
	/* 254 bytes in all: local part, "@", domain ending ".org" */
	memset(s, 'a', sizeof s);
	size_t local = 254 - strlen("@example.org");
	memcpy(s + local, "@example.org", strlen("@example.org") + 1);
	assert_int_equal(strlen(s), 254);
	assert_true(email_valid(s));
	memset(s, 'a', sizeof s);
	memcpy(s + local + 1, "@example.org", strlen("@example.org") + 1);
	assert_int_equal(strlen(s), 255);
	assert_false(email_valid(s));
}

/* ---- tz_valid ---- */

static void tz_names(void **state)
{
	(void)state;
	assert_true(tz_valid("Europe/London"));
	assert_true(tz_valid("UTC"));
	assert_true(tz_valid("America/New_York"));
	assert_true(tz_valid("Africa/Addis_Ababa"));
	assert_false(tz_valid("Nowhere/Land"));
	assert_false(tz_valid("../etc/passwd"));
	assert_false(tz_valid("Europe/../../etc/passwd"));
	assert_false(tz_valid("/etc/passwd"));
	assert_false(tz_valid("/usr/share/zoneinfo/Europe/London"));
	assert_false(tz_valid("Europe/London "));
	assert_false(tz_valid("Europe/London\n"));
	assert_false(tz_valid("Europe\\London"));
	assert_false(tz_valid("europe/london_x"));
	assert_false(tz_valid(""));
	assert_false(tz_valid(NULL));
}

static void tz_directory_is_not_a_zone(void **state)
{
	(void)state;
	/* "Europe" names a directory of zones, not a zone. */
	assert_false(tz_valid("Europe"));
	assert_false(tz_valid("America"));
	assert_false(tz_valid("Europe/"));
	/* nor is a text file that sits among the zones */
	assert_false(tz_valid("leapseconds"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_accepts_plain_numbers),
		cmocka_unit_test(parse_respects_bounds),
		cmocka_unit_test(parse_refuses_anything_but_digits),
		cmocka_unit_test(utf8_accepts_text),
		cmocka_unit_test(utf8_refuses_overlong_forms),
		cmocka_unit_test(utf8_refuses_surrogates_and_beyond),
		cmocka_unit_test(utf8_refuses_broken_sequences),
		cmocka_unit_test(utf8_refuses_control_characters),
		cmocka_unit_test(utf8_length_counts_code_points),
		cmocka_unit_test(hidden_characters_are_found),
		cmocka_unit_test(trim_removes_ascii_space_at_both_ends),
		cmocka_unit_test(lower_only_ascii),
		cmocka_unit_test(email_shapes),
		cmocka_unit_test(email_length_limit),
		cmocka_unit_test(tz_names),
		cmocka_unit_test(tz_directory_is_not_a_zone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
