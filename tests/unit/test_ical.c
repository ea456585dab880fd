/* Unit tests for src/core/ical.c: the calendar's required properties,
 * TEXT escaping (RFC 5545 3.3.11), CRLF line ends and folding at 75 octets
 * between UTF-8 characters (3.1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ical.h"
#include "core/text.h"

/* Every line break is CRLF, every line (without it) is at most 75 octets
 * and valid UTF-8 on its own, and the text ends with a line break. */
static void check_lines(const char *s)
{
	size_t n = strlen(s);
	assert_true(n >= 2);
	assert_memory_equal(s + n - 2, "\r\n", 2);
	const char *line = s;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') assert_true(i > 0 && s[i - 1] == '\r');
		if (s[i] == '\r') {
			assert_true(s[i + 1] == '\n');
			size_t len = (size_t)(s + i - line);
			assert_true(len <= 75);
			assert_true(utf8_valid(line, len));
			line = s + i + 2;
		}
	}
}

/* RFC 5545 3.1: unfolding removes each CRLF followed by one space or tab. */
static char *unfold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && (s[2] == ' ' || s[2] == '\t')) s += 3;
		else *o++ = *s++;
	}
	*o = 0;
	return out;
}

static bool has_line(const char *unfolded, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = unfolded; (p = strstr(p, line)); p++)
		if ((p == unfolded || p[-1] == '\n') && !strncmp(p + n, "\r\n", 2)) return true;
	return false;
}

static struct ical_event sample(void)
{
	return (struct ical_event){
		.uid = "meeting-42@emptychair.example",
		.stamp = 1768478400,  /* 2026-01-15 12:00:00 UTC */
		.start = 1782907200,  /* 2026-07-01 12:00:00 UTC */
		.end = 1782914400,    /* 2026-07-01 14:00:00 UTC */
		.summary = "Panel meeting",
		.description = "Agenda to follow",
		.location = "Room 1",
		.url = "https://emptychair.example/meetings/42",
		.sequence = 3,
	};
}

static void calendar_has_required_properties(void **state)
{
	struct buf b = {0};
	ical_begin(&b, NULL);
	ical_end(&b);
	assert_string_equal(b.data,
	                    "BEGIN:VCALENDAR\r\n"
	                    "VERSION:2.0\r\n"
	                    "PRODID:-//emptychair//emptychair//EN\r\n"
	                    "CALSCALE:GREGORIAN\r\n"
	                    "METHOD:PUBLISH\r\n"
	                    "END:VCALENDAR\r\n");
	buf_free(&b);
}

static void calendar_name_is_escaped_text(void **state)
{
	struct buf b = {0};
	ical_begin(&b, "Planning, North; East");
	ical_end(&b);
	assert_true(has_line(b.data, "NAME:Planning\\, North\\; East"));
	assert_true(has_line(b.data, "X-WR-CALNAME:Planning\\, North\\; East"));
	buf_free(&b);
}

static void event_has_its_properties(void **state)
{
	struct buf b = {0};
	struct ical_event e = sample();
	ical_begin(&b, "Panel");
	ical_event(&b, &e);
	ical_end(&b);
	check_lines(b.data);
	const char *want[] = {
		"BEGIN:VEVENT",
		"UID:meeting-42@emptychair.example",
		"DTSTAMP:20260115T120000Z",
		"DTSTART:20260701T120000Z",
		"DTEND:20260701T140000Z",
		"SEQUENCE:3",
		"SUMMARY:Panel meeting",
		"DESCRIPTION:Agenda to follow",
		"LOCATION:Room 1",
		"URL:https://emptychair.example/meetings/42",
		"END:VEVENT",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) assert_true(has_line(b.data, want[i]));
	assert_null(strstr(b.data, "STATUS"));
	/* The calendar wraps the event. */
	assert_true(strstr(b.data, "METHOD:PUBLISH\r\n") < strstr(b.data, "BEGIN:VEVENT\r\n"));
	assert_true(strstr(b.data, "END:VEVENT\r\n") < strstr(b.data, "END:VCALENDAR\r\n"));
	buf_free(&b);
}

static void cancelled_and_optional_properties(void **state)
{
	struct buf b = {0};
	struct ical_event e = sample();
	e.cancelled = true;
	e.description = "";
	e.location = NULL;
	e.url = NULL;
	e.end = e.start; /* no DTEND: the event ends when it starts */
	e.sequence = 0;
	ical_event(&b, &e);
	check_lines(b.data);
	assert_true(has_line(b.data, "STATUS:CANCELLED"));
	assert_true(has_line(b.data, "SEQUENCE:0"));
	assert_null(strstr(b.data, "DESCRIPTION"));
	assert_null(strstr(b.data, "LOCATION"));
	assert_null(strstr(b.data, "URL"));
	assert_null(strstr(b.data, "DTEND"));
	buf_free(&b);
}

static void many_events(void **state)
{
	struct buf b = {0};
	struct ical_event e = sample();
	ical_begin(&b, NULL);
	for (int i = 0; i < 3; i++) ical_event(&b, &e);
	ical_end(&b);
	int n = 0;
	for (const char *p = b.data; (p = strstr(p, "BEGIN:VEVENT\r\n")); p++) n++;
	assert_int_equal(n, 3);
	buf_free(&b);
}

static void text_is_escaped(void **state)
{
	struct buf b = {0};
	struct ical_event e = sample();
	e.summary = "a,b;c\\d\ne\r\nf\rg\x01h\ti\x7fj\x1bk";
	ical_event(&b, &e);
	check_lines(b.data);
	/* Backslash, semicolon and comma escaped; LF, CRLF and CR each one
	 * "\n"; other controls dropped, tab kept. */
	assert_true(has_line(b.data, "SUMMARY:a\\,b\\;c\\\\d\\ne\\nf\\ngh\tijk"));
	buf_free(&b);
}

static void values_cannot_add_properties(void **state)
{
	struct buf b = {0};
	struct ical_event e = sample();
	e.summary = "x\r\nATTENDEE:mailto:evil@example.org";
	e.url = "https://example.org/a,b;c\r\nATTACH:evil";
	e.uid = "u\nSTATUS:CANCELLED";
	ical_event(&b, &e);
	check_lines(b.data);
	assert_null(strstr(b.data, "\nATTENDEE"));
	assert_null(strstr(b.data, "\nATTACH"));
	assert_null(strstr(b.data, "\nSTATUS"));
	assert_true(has_line(b.data, "SUMMARY:x\\nATTENDEE:mailto:evil@example.org"));
	/* A URI is not TEXT: its commas and semicolons stay as they are. */
	assert_true(has_line(b.data, "URL:https://example.org/a,b;cATTACH:evil"));
	assert_true(has_line(b.data, "UID:u\\nSTATUS:CANCELLED"));
	buf_free(&b);
}

static void long_lines_fold_between_characters(void **state)
{
	/* é is 2 octets, € 3 and 😀 4; with 0 to 4 ASCII letters in front, each
	 * kind of character lands across the 75-octet boundary somewhere. */
	const char *pieces[] = { "é", "€", "😀", "a", "e\xcc\x81" /* e + combining acute */ };
	for (int shift = 0; shift < 5; shift++) {
		char text[1024] = "";
		for (int i = 0; i < shift; i++) strcat(text, "x");
		for (int i = 0; strlen(text) < 900; i++) strcat(text, pieces[i % 5]);
		struct buf b = {0};
		struct ical_event e = sample();
		e.description = text;
		ical_event(&b, &e);
		check_lines(b.data);
		char *u = unfold(b.data);
		char *want = malloc(strlen(text) + 32);
		strcpy(want, "DESCRIPTION:");
		strcat(want, text);
		assert_true(has_line(u, want));
		/* It really was folded: 900 octets need at least 12 folds. */
		const char *p = strstr(b.data, "DESCRIPTION:");
		int folds = 0;
		for (const char *q = p; (q = strstr(q, "\r\n ")); q++) folds++;
		assert_true(folds >= 12);
		free(want);
		free(u);
		buf_free(&b);
	}
}

static void escapes_are_not_split(void **state)
{
	/* 75 - strlen("SUMMARY:") = 67 octets; a 66-letter run puts an escape
	 * pair across the boundary. */
	char text[128];
	memset(text, 'y', 66);
	strcpy(text + 66, ",z");
	struct buf b = {0};
	struct ical_event e = sample();
	e.summary = text;
	ical_event(&b, &e);
	check_lines(b.data);
	char line[160];
	snprintf(line, sizeof line, "SUMMARY:%.66s\r\n \\,z\r\n", text);
	assert_non_null(strstr(b.data, line));
	buf_free(&b);
}

static void exactly_75_octets_is_not_folded(void **state)
{
	char text[128];
	memset(text, 'w', 67);
	text[67] = 0;
	struct buf b = {0};
	struct ical_event e = sample();
	e.summary = text;
	ical_event(&b, &e);
	char line[160];
	snprintf(line, sizeof line, "\r\nSUMMARY:%s\r\nDESCRIPTION", text);
	assert_non_null(strstr(b.data, line));
	/* One more octet folds, leaving it alone on the next line. */
	text[67] = 'w';
	text[68] = 0;
	buf_reset(&b);
	ical_event(&b, &e);
	snprintf(line, sizeof line, "\r\nSUMMARY:%.67s\r\n w\r\nDESCRIPTION", text);
	assert_non_null(strstr(b.data, line));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calendar_has_required_properties),
		cmocka_unit_test(calendar_name_is_escaped_text),
		cmocka_unit_test(event_has_its_properties),
		cmocka_unit_test(cancelled_and_optional_properties),
		cmocka_unit_test(many_events),
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(values_cannot_add_properties),
		cmocka_unit_test(long_lines_fold_between_characters),
		cmocka_unit_test(escapes_are_not_split),
		cmocka_unit_test(exactly_75_octets_is_not_folded),
	};
	return cmocka_run_group_tests_name("ical", tests, NULL, NULL);
}
