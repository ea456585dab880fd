#ifndef EC_CORE_ICAL_H
#define EC_CORE_ICAL_H
/* iCalendar (RFC 5545) for calendar programs to subscribe to or import.
 *
 * ical_begin, any number of ical_event, ical_end append one VCALENDAR to a
 * buf: PRODID "-//emptychair//emptychair//EN", VERSION 2.0, CALSCALE
 * GREGORIAN, METHOD PUBLISH. Times are written in UTC ("...Z"), so no
 * VTIMEZONE is needed and every program shows them in its own zone.
 *
 * What the caller may rely on: every line ends in CRLF and is at most 75
 * octets long, folded (CRLF and a space) between UTF-8 characters, never
 * inside one; text values are escaped (backslash, semicolon, comma, and
 * each of LF, CR and CRLF as "\n") and other control characters except tab
 * are dropped, so no value can start a property of its own. Values are
 * expected to be UTF-8 already (text.h's utf8_valid). */
#include <stdbool.h>
#include <stdint.h>

#include "core/mem.h"

struct ical_event {
	const char *uid;         /* required; stable for the event, globally unique
	                          * (e.g. "meeting-42@example.org") */
	int64_t stamp;           /* DTSTAMP: when this data was produced (UTC) */
	int64_t start, end;      /* DTSTART, DTEND; DTEND only when end > start */
	const char *summary;     /* title; NULL or "" leaves a property out ... */
	const char *description; /* ... and so for these */
	const char *location;
	const char *url;         /* a URI, written as given (control characters dropped) */
	bool cancelled;          /* STATUS:CANCELLED */
	int sequence;            /* SEQUENCE: raise it whenever the event changes */
};

/* calendar_name, if not NULL or "", is written as NAME (RFC 7986) and as
 * X-WR-CALNAME, which most programs read instead. */
void ical_begin(struct buf *b, const char *calendar_name);
void ical_event(struct buf *b, const struct ical_event *e);
void ical_end(struct buf *b);
#endif
