#include "core/ical.h"

#include <stdio.h>

#include "core/civil_time.h"

/* RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the
 * line break; a longer one is folded by inserting CRLF and one space. */
#define LINE_MAX_OCTETS 75

/* One content line being written; col counts octets since the last CRLF. */
struct line {
	struct buf *b;
	size_t col;
};

/* Appends n octets that must stay on one physical line (one UTF-8
 * character, or an escape pair), folding first if they would not fit. */
static void put_unit(struct line *l, const char *p, size_t n)
{
	if (l->col + n > LINE_MAX_OCTETS) {
		buf_put(l->b, "\r\n ", 3);
		l->col = 1;
	}
	buf_put(l->b, p, n);
	l->col += n;
}

/* Octets of the UTF-8 character starting at s (1 for anything malformed,
 * so that bad input still makes progress and is never split further). */
static size_t char_octets(const unsigned char *s)
{
	size_t want = s[0] >= 0xf0 && s[0] <= 0xf7 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	if (s[0] >= 0xf8) want = 1;
	size_t n = 1;
	while (n < want && (s[n] & 0xc0) == 0x80) n++;
	return n;
}

/* Writes value, dropping control characters other than tab; as TEXT
 * (escaped) or as it is (URI, DATE-TIME, integers). */
static void put_value(struct line *l, const char *value, bool text)
{
	const unsigned char *s = (const unsigned char *)(value ? value : "");
	while (*s) {
		unsigned c = *s;
		if (text && (c == '\\' || c == ';' || c == ',')) {
			char pair[2] = { '\\', (char)c };
			put_unit(l, pair, 2);
			s++;
		} else if (text && (c == '\n' || c == '\r')) {
			put_unit(l, "\\n", 2);
			s += c == '\r' && s[1] == '\n' ? 2 : 1;
		} else if ((c < 0x20 && c != '\t') || c == 0x7f) {
			s++;
		} else {
			size_t n = char_octets(s);
			put_unit(l, (const char *)s, n);
			s += n;
		}
	}
}

static void property(struct buf *b, const char *name, const char *value, bool text)
{
	struct line l = { b, 0 };
	put_value(&l, name, false);
	put_unit(&l, ":", 1);
	put_value(&l, value, text);
	buf_put(b, "\r\n", 2);
}

static void optional_text(struct buf *b, const char *name, const char *value)
{
	if (value && *value) property(b, name, value, true);
}

static void date_time(struct buf *b, const char *name, int64_t t)
{
	struct civil c;
	civil_from_utc(t, NULL, &c);
	char v[32];
	/* A year past 9999 cannot occur: civil_time clamps instants. */
	snprintf(v, sizeof v, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour,
	         c.minute, c.second);
	property(b, name, v, false);
}

void ical_begin(struct buf *b, const char *calendar_name)
{
	property(b, "BEGIN", "VCALENDAR", false);
	property(b, "VERSION", "2.0", false);
	property(b, "PRODID", "-//emptychair//emptychair//EN", false);
	property(b, "CALSCALE", "GREGORIAN", false);
	property(b, "METHOD", "PUBLISH", false);
	optional_text(b, "NAME", calendar_name);
	optional_text(b, "X-WR-CALNAME", calendar_name);
}

void ical_event(struct buf *b, const struct ical_event *e)
{
	char seq[24];
	snprintf(seq, sizeof seq, "%d", e->sequence);
	property(b, "BEGIN", "VEVENT", false);
	property(b, "UID", e->uid, true);
	date_time(b, "DTSTAMP", e->stamp);
	date_time(b, "DTSTART", e->start);
	if (e->end > e->start) date_time(b, "DTEND", e->end);
	property(b, "SEQUENCE", seq, false);
	if (e->cancelled) property(b, "STATUS", "CANCELLED", false);
	optional_text(b, "SUMMARY", e->summary);
	optional_text(b, "DESCRIPTION", e->description);
	optional_text(b, "LOCATION", e->location);
	if (e->url && *e->url) property(b, "URL", e->url, false);
	property(b, "END", "VEVENT", false);
}

void ical_end(struct buf *b)
{
	property(b, "END", "VCALENDAR", false);
}
