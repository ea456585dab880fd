/* Unit tests for src/core/csv.c: RFC 4180 quoting, the byte-order mark,
 * row ends, and the guard against formulas (OWASP "CSV injection"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/csv.h"

/* One row of text fields, as written. */
static void expect_row(const char *const *fields, size_t n, const char *want)
{
	struct buf b = {0};
	for (size_t i = 0; i < n; i++) csv_field(&b, fields[i]);
	csv_end_row(&b);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

static void expect_field(const char *value, const char *want_row)
{
	expect_row(&value, 1, want_row);
}

static void begins_with_a_byte_order_mark(void **state)
{
	struct buf b = {0};
	csv_begin(&b);
	csv_field(&b, "a");
	csv_end_row(&b);
	assert_int_equal(b.len, 6);
	assert_memory_equal(b.data, "\xef\xbb\xbf" "a\r\n", 6);
	buf_free(&b);
}

static void plain_fields_are_written_as_they_are(void **state)
{
	const char *row[] = { "a", "b c", "Zoë", "42", "a=b", "x-y" };
	expect_row(row, 6, "a,b c,Zoë,42,a=b,x-y\r\n");
}

static void rows_end_in_crlf(void **state)
{
	struct buf b = {0};
	csv_begin(&b);
	csv_field(&b, "name");
	csv_field(&b, "count");
	csv_end_row(&b);
	csv_field(&b, "Ann");
	csv_field_i64(&b, 3);
	csv_end_row(&b);
	assert_string_equal(b.data, "\xef\xbb\xbf" "name,count\r\nAnn,3\r\n");
	buf_free(&b);
}

static void empty_fields_keep_their_place(void **state)
{
	const char *row[] = { "", "a", "" };
	expect_row(row, 3, ",a,\r\n");
	const char *nulls[] = { NULL, NULL };
	expect_row(nulls, 2, ",\r\n");
	expect_row(NULL, 0, "\r\n");
	/* A row of one empty field cannot be told from an empty line. */
	expect_field("", "\r\n");
}

static void special_characters_are_quoted(void **state)
{
	expect_field("a,b", "\"a,b\"\r\n");
	expect_field("say \"hi\"", "\"say \"\"hi\"\"\"\r\n");
	expect_field("\"", "\"\"\"\"\r\n");
	expect_field("line\nbreak", "\"line\nbreak\"\r\n");
	expect_field("cr\rhere", "\"cr\rhere\"\r\n");
	expect_field("crlf\r\n", "\"crlf\r\n\"\r\n");
}

static void edge_spaces_are_quoted(void **state)
{
	expect_field(" lead", "\" lead\"\r\n");
	expect_field("trail ", "\"trail \"\r\n");
	expect_field("trail\t", "\"trail\t\"\r\n");
	expect_field(" ", "\" \"\r\n");
	expect_field("in side", "in side\r\n");
}

static void formulas_become_text(void **state)
{
	expect_field("=1+1", "'=1+1\r\n");
	expect_field("+44 20 7946 0000", "'+44 20 7946 0000\r\n");
	expect_field("-5", "'-5\r\n");
	expect_field("@SUM(A1:A9)", "'@SUM(A1:A9)\r\n");
	expect_field("\t=1", "'\t=1\r\n");
	/* CR both starts a formula and needs quotes; so do the comma and
	 * quotes inside the classic payload. */
	expect_field("\r=1", "\"'\r=1\"\r\n");
	expect_field("=HYPERLINK(\"http://x\",\"y\")",
	             "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
	/* The apostrophe makes the first character safe, so a guarded value
	 * ending in a space is quoted for that alone. */
	expect_field("=1 ", "\"'=1 \"\r\n");
	/* Only the first character matters. */
	expect_field("a=1", "a=1\r\n");
	expect_field(" =1", "\" =1\"\r\n");
}

static void numbers_keep_their_sign(void **state)
{
	struct buf b = {0};
	csv_field_i64(&b, -5);
	csv_field_i64(&b, 0);
	csv_field_i64(&b, INT64_MIN);
	csv_field_i64(&b, INT64_MAX);
	csv_end_row(&b);
	assert_string_equal(b.data, "-5,0,-9223372036854775808,9223372036854775807\r\n");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(begins_with_a_byte_order_mark),
		cmocka_unit_test(plain_fields_are_written_as_they_are),
		cmocka_unit_test(rows_end_in_crlf),
		cmocka_unit_test(empty_fields_keep_their_place),
		cmocka_unit_test(special_characters_are_quoted),
		cmocka_unit_test(edge_spaces_are_quoted),
		cmocka_unit_test(formulas_become_text),
		cmocka_unit_test(numbers_keep_their_sign),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
