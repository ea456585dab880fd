#ifndef EC_CORE_TEXT_H
#define EC_CORE_TEXT_H
/* Pure text rules used at the edge: strict numbers, UTF-8, e-mail shape,
 * names of time zones. No I/O except tz_valid(), which looks for the zone
 * in the system time-zone database. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parses all of s as a base-10 integer in [min, max]. No sign games, no
 * spaces, no trailing text. Returns false and leaves *out alone otherwise. */
bool parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/* True when s[0..n) is well-formed UTF-8 without overlong forms or
 * surrogates, and without control characters other than tab, LF and CR. */
bool utf8_valid(const char *s, size_t n);

/* True when valid UTF-8 s holds a character that shows nothing or turns
 * the direction of text (bidi controls, zero-width and filler characters,
 * soft hyphens, line separators, tabs and other control characters). */
bool text_has_hidden(const char *s);

/* True when t is exactly chars characters of URL-safe Base64 (A-Z a-z 0-9
 * - _): the shape of every token this program makes (auth.h). t may be
 * NULL. */
bool text_is_token(const char *t, size_t chars);

/* Number of code points in a valid UTF-8 string. */
size_t utf8_length(const char *s);

/* Trims ASCII white space in place and returns s. */
char *text_trim(char *s);

/* Lower-cases ASCII letters in place (e-mail addresses compare this way
 * here; the local part's case is not significant in practice). */
void text_lower(char *s);

/* Whether needle occurs in hay, ASCII letters matched in any case (other
 * bytes exactly). An empty needle occurs everywhere. */
bool text_contains_nocase(const char *hay, const char *needle);

/* A plausible address: one @, something on each side, a dot in the domain,
 * no spaces or control characters, at most 254 bytes. It is a shape check,
 * not proof that mail will arrive. */
bool email_valid(const char *s);

/* An IANA zone name such as "Europe/London" that exists on this system. */
bool tz_valid(const char *name);
#endif
