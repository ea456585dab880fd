/* E-mail messages on the wire (message.h). */
#include "mail/message.h"

#include <sodium.h>
#include <string.h>

#include "core/civil_time.h"
#include "core/text.h"

enum {
	QP_LINE = 76,   /* quoted-printable's longest line, "=" included */
	WORD_BYTES = 39 /* UTF-8 bytes in one encoded word: 52 Base64 characters, so that
	                 * "Subject: " and the word ("=?UTF-8?B?...?=") keep to 73 */
};

static bool one_line(const char *s)
{
	return s && !strpbrk(s, "\r\n");
}

static bool ascii_printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e) return false;
	return true;
}

/* "Sun, 06 Dec 2026 14:44:44 +0000" (RFC 5322 3.3), from civil time: no
 * gmtime. */
static void put_date(struct buf *b, int64_t t)
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct civil c;
	civil_from_utc(t, NULL, &c);
	buf_printf(b, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[c.weekday], c.day,
	           months[c.month - 1], c.year, c.hour, c.minute, c.second);
}

/* The subject, with line breaks as spaces; as it is when plain ASCII,
 * else as encoded words, each cut at a character's start, folded onto
 * lines of their own. */
static void put_subject(struct buf *b, const char *subject, struct arena *a)
{
	char *s = arena_strdup(a, subject);
	for (char *p = s; *p; p++)
		if (*p == '\r' || *p == '\n' || *p == '\t') *p = ' ';
	if (ascii_printable(s) && strlen(s) <= 900) {
		buf_puts(b, s);
		return;
	}
	size_t n = strlen(s);
	for (size_t at = 0; at < n;) {
		size_t take = n - at < WORD_BYTES ? n - at : WORD_BYTES;
		while (take < n - at && take > 0 && ((unsigned char)s[at + take] & 0xC0) == 0x80) take--;
		if (!take) take = 1; /* not UTF-8: the bytes as they are */
		char b64[sodium_base64_ENCODED_LEN(WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];
		sodium_bin2base64(b64, sizeof b64, (const unsigned char *)s + at, take,
		                  sodium_base64_VARIANT_ORIGINAL);
		buf_printf(b, "%s=?UTF-8?B?%s?=", at ? "\r\n " : "", b64);
		at += take;
	}
}

/* body as quoted-printable text with CRLF line ends: printable ASCII as it
 * is (but "="), spaces at a line's end and every other byte as =XX, and
 * soft breaks ("=" CRLF) to keep each line to QP_LINE characters. */
static void put_quoted_printable(struct buf *b, const char *body)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;
	for (const unsigned char *p = (const unsigned char *)body; *p; p++) {
		if (*p == '\n') {
			buf_puts(b, "\r\n");
			col = 0;
			continue;
		}
		if (*p == '\r' && p[1] == '\n') continue;
		bool at_end = p[1] == '\n' || p[1] == '\0' || (p[1] == '\r' && p[2] == '\n');
		bool literal = (*p >= 33 && *p <= 126 && *p != '=') ||
		               ((*p == ' ' || *p == '\t') && !at_end);
		size_t width = literal ? 1 : 3;
		/* Room for this and, unless the line ends here, a soft break. */
		if (col + width > QP_LINE - (at_end ? 0 : 1)) {
			buf_puts(b, "=\r\n");
			col = 0;
		}
		if (literal) {
			buf_putc(b, (char)*p);
		} else {
			char e[3] = { '=', hex[*p >> 4], hex[*p & 15] };
			buf_put(b, e, 3);
		}
		col += width;
	}
	if (col) buf_puts(b, "\r\n");
}

char *mail_compose(const struct mail_message *m, struct arena *a, size_t *len)
{
	const char *language = m->language ? m->language : "";
	if (!one_line(m->from) || !one_line(m->to) || !one_line(m->message_id) ||
	    !one_line(language) || !ascii_printable(m->from) || !ascii_printable(m->to) ||
	    !ascii_printable(m->message_id) || !ascii_printable(language))
		return NULL;
	struct buf b = { 0 };
	buf_printf(&b, "From: %s\r\nTo: %s\r\nSubject: ", m->from, m->to);
	put_subject(&b, m->subject ? m->subject : "", a);
	buf_puts(&b, "\r\nDate: ");
	put_date(&b, m->date);
	buf_printf(&b, "\r\nMessage-ID: %s\r\n"
	               /* Not a person writing: no auto-replies, no "out of office" (RFC 3834). */
	               "Auto-Submitted: auto-generated\r\n"
	               "MIME-Version: 1.0\r\n"
	               "Content-Type: text/plain; charset=UTF-8\r\n"
	               "Content-Transfer-Encoding: quoted-printable\r\n",
	           m->message_id);
	if (*language) buf_printf(&b, "Content-Language: %s\r\n", language);
	buf_puts(&b, "\r\n");
	put_quoted_printable(&b, m->body ? m->body : "");
	char *out = arena_strndup(a, b.data ? b.data : "", b.len);
	*len = b.len;
	buf_free(&b);
	return out;
}

const char *mail_message_id(int64_t id, int64_t created_at, const char *domain,
                            struct arena *a)
{
	size_t n = domain ? strcspn(domain, "<>()[]@,;: \t\r\n\"\\") : 0;
	return arena_printf(a, "<emptychair.%lld.%lld@%.*s>", (long long)id, (long long)created_at,
	                    (int)(n ? n : 9), n ? domain : "localhost");
}
