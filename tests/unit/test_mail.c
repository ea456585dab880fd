/* Unit tests for src/mail/message.c: a message is correct mail (headers,
 * CRLF, lines no longer than 78), its subject and body come back whole
 * when decoded, and nothing a person types adds a header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mail/message.h"

static const struct mail_message base = {
	.from = "emptychair <panel@example.org>",
	.to = "amira@example.org",
	.subject = "You are invited",
	.body = "Hello,\n\nOpen this link:\nhttps://example.org/accept?t=abc\n",
	.message_id = "<emptychair.1.ab@example.org>",
	.date = 1796565884, /* Sun, 06 Dec 2026 14:04:44 UTC */
	.language = "en",
};

static char *compose(const struct mail_message *m, struct arena *a, size_t *len)
{
	char *out = mail_compose(m, a, len);
	assert_non_null(out);
	assert_int_equal(strlen(out), *len);
	return out;
}

/* Every line ends with CRLF and holds at most 78 characters. */
static void assert_wire_shape(const char *msg)
{
	for (const char *line = msg; *line;) {
		const char *end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_true(end - line <= 78);
		for (const char *p = line; p < end; p++) assert_true(*p != '\r' && *p != '\n');
		line = end + 2;
	}
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The body of msg, quoted-printable decoded, line ends as \n. */
static char *decoded_body(const char *msg)
{
	const char *p = strstr(msg, "\r\n\r\n");
	assert_non_null(p);
	p += 4;
	char *out = malloc(strlen(p) + 1), *o = out;
	while (*p) {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 3; /* a soft break */
		} else if (p[0] == '=') {
			int hi = hexval(p[1]), lo = hexval(p[2]);
			assert_true(hi >= 0 && lo >= 0);
			*o++ = (char)(hi * 16 + lo);
			p += 3;
		} else if (p[0] == '\r' && p[1] == '\n') {
			*o++ = '\n';
			p += 2;
		} else {
			/* Nothing but printable ASCII, spaces and tabs, literally. */
			assert_true((*p >= 33 && *p <= 126) || *p == ' ' || *p == '\t');
			/* A space or tab never ends an encoded line. */
			if (*p == ' ' || *p == '\t') assert_false(p[1] == '\r');
			*o++ = *p++;
		}
	}
	*o = 0;
	return out;
}

/* The Subject header's value, encoded words decoded and unfolded. */
static char *decoded_subject(const char *msg)
{
	const char *p = strstr(msg, "\r\nSubject: ");
	assert_non_null(p);
	p += strlen("\r\nSubject: ");
	char *out = calloc(1, 4096), *o = out;
	for (;;) {
		if (!strncmp(p, "=?UTF-8?B?", 10)) {
			const char *end = strstr(p + 10, "?=");
			assert_non_null(end);
			size_t got;
			assert_int_equal(sodium_base642bin((unsigned char *)o, 4096 - (size_t)(o - out),
			                                   p + 10, (size_t)(end - p - 10), NULL, &got, NULL,
			                                   sodium_base64_VARIANT_ORIGINAL), 0);
			o += got;
			p = end + 2;
		} else {
			size_t n = strcspn(p, "\r");
			memcpy(o, p, n);
			o += n;
			p += n;
		}
		if (!strncmp(p, "\r\n ", 3)) p += 3; /* folded: the next word */
		else break;
	}
	return out;
}

static void headers_are_those_of_real_mail(void **state)
{
	(void)state;
	struct arena a = {0};
	size_t len;
	char *m = compose(&base, &a, &len);
	assert_wire_shape(m);
	assert_true(!strncmp(m, "From: emptychair <panel@example.org>\r\nTo: amira@example.org\r\n"
	                        "Subject: You are invited\r\n", 81));
	assert_non_null(strstr(m, "\r\nDate: Sun, 06 Dec 2026 14:04:44 +0000\r\n"));
	assert_non_null(strstr(m, "\r\nMessage-ID: <emptychair.1.ab@example.org>\r\n"));
	assert_non_null(strstr(m, "\r\nAuto-Submitted: auto-generated\r\n"));
	assert_non_null(strstr(m, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(m, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
	assert_non_null(strstr(m, "\r\nContent-Transfer-Encoding: quoted-printable\r\n"));
	assert_non_null(strstr(m, "\r\nContent-Language: en\r\n"));
	char *body = decoded_body(m);
	assert_string_equal(body, base.body);
	free(body);
	struct mail_message epoch = base;
	epoch.date = 0;
	m = compose(&epoch, &a, &len);
	assert_non_null(strstr(m, "\r\nDate: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
	arena_free(&a);
}

static void subjects_in_any_language_come_back_whole(void **state)
{
	(void)state;
	static const char *const subjects[] = {
		"Zaproszenie do panelu \xc5\x81\xc3\xb3\x64\xc5\xba",                 /* Polish */
		"\xd8\xaf\xd8\xb9\xd9\x88\xd8\xa9 \xd8\xa5\xd9\x84\xd9\x89 \xd8\xa7\xd9\x84\xd9\x81\xd8\xb1"
		"\xd9\x8a\xd9\x82 \xd8\xa7\xd9\x84\xd9\x85\xd8\xb4\xd8\xa7\xd8\xb1\xd9\x83 \xd9\x81\xd9\x8a "
		"\xd8\xa7\xd9\x84\xd8\xaa\xd8\xb5\xd9\x85\xd9\x8a\xd9\x85 \xd9\x88\xd8\xa7\xd9\x84\xd8\xaa"
		"\xd9\x86\xd9\x81\xd9\x8a\xd8\xb0",                                       /* Arabic, long */
		"Plain ASCII, but it goes on and on and on well past the width of one line of mail, "
		"and on",
	};
	struct arena a = {0};
	for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++) {
		struct mail_message m = base;
		m.subject = subjects[i];
		size_t len;
		char *out = compose(&m, &a, &len);
		char *got = decoded_subject(out);
		assert_string_equal(got, subjects[i]);
		free(got);
		/* Encoded words are used only when needed. */
		if (i < 2) assert_non_null(strstr(out, "Subject: =?UTF-8?B?"));
		if (i < 2) assert_wire_shape(out);
	}
	arena_free(&a);
}

/* Bodies of any bytes survive quoted-printable, and every line keeps to the
 * width (a seeded generator: the same bodies every run). */
static void bodies_survive_the_wire(void **state)
{
	(void)state;
	struct arena a = {0};
	uint32_t seed = 12345;
	static const char alphabet[] = "ab =\t.\n\xc3\xa9\xd8\xb9~";
	for (int round = 0; round < 300; round++) {
		char body[600];
		size_t n = (size_t)round * 2 % 590;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			body[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
		}
		body[n] = 0;
		struct mail_message m = base;
		m.body = body;
		size_t len;
		char *out = compose(&m, &a, &len);
		assert_wire_shape(out);
		char *got = decoded_body(out);
		/* A last line without its line feed is given one. */
		size_t k = strlen(body);
		if (k && body[k - 1] != '\n') {
			assert_int_equal(strlen(got), k + 1);
			assert_int_equal(got[k], '\n');
			got[k] = 0;
		}
		assert_string_equal(got, body);
		free(got);
	}
	arena_free(&a);
}

static void nothing_typed_adds_a_header(void **state)
{
	(void)state;
	struct arena a = {0};
	size_t len;
	struct mail_message m = base;
	m.subject = "Hello\r\nBcc: everyone@example.org";
	char *out = compose(&m, &a, &len);
	assert_null(strstr(out, "\r\nBcc:"));
	assert_non_null(strstr(out, "Subject: Hello  Bcc: everyone@example.org\r\n"));
	m = base;
	m.to = "amira@example.org\r\nBcc: everyone@example.org";
	assert_null(mail_compose(&m, &a, &len));
	m = base;
	m.from = "x@example.org\nX-Evil: 1";
	assert_null(mail_compose(&m, &a, &len));
	m = base;
	m.language = "en\r\nX: y";
	assert_null(mail_compose(&m, &a, &len));
	arena_free(&a);
}

/* One per message, the same for every attempt at it. */
static void message_ids_name_the_message(void **state)
{
	(void)state;
	struct arena a = {0};
	const char *one = mail_message_id(7, 1796565884, "panel.example.org", &a);
	assert_string_equal(one, "<emptychair.7.1796565884@panel.example.org>");
	assert_string_equal(mail_message_id(7, 1796565884, "panel.example.org", &a), one);
	assert_string_not_equal(mail_message_id(8, 1796565884, "panel.example.org", &a), one);
	assert_string_equal(mail_message_id(1, 2, "", &a), "<emptychair.1.2@localhost>");
	assert_string_equal(mail_message_id(1, 2, "x.org>\r\nBcc: y", &a), "<emptychair.1.2@x.org>");
	arena_free(&a);
}

int main(void)
{
	if (sodium_init() < 0) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(headers_are_those_of_real_mail),
		cmocka_unit_test(subjects_in_any_language_come_back_whole),
		cmocka_unit_test(bodies_survive_the_wire),
		cmocka_unit_test(nothing_typed_adds_a_header),
		cmocka_unit_test(message_ids_name_the_message),
	};
	return cmocka_run_group_tests_name("mail", tests, NULL, NULL);
}
