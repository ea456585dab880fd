#ifndef EC_CORE_CIVIL_TIME_H
#define EC_CORE_CIVIL_TIME_H
/* Civil (local, wall-clock) time in an IANA zone such as "Europe/London".
 *
 * Times are stored as int64 seconds since the epoch, UTC, and only shown
 * or typed in a zone. Every function here is safe to call from many
 * threads at once with different zones: the system's zone rules are reached
 * through one process-wide lock in civil_time.c, the only code that changes
 * TZ after start (main() sets TZ=UTC before any thread exists; see
 * civil_time.c). Nothing else may call localtime, mktime or tzset after
 * start.
 *
 * A zone that is NULL, empty or unknown on this system (see tz_valid() in
 * core/text.h) is UTC. Dates are proleptic Gregorian, years 1 to 9999;
 * instants are clamped to 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z. */
#include <stdbool.h>
#include <stdint.h>

struct civil {
	int year, month, day;          /* month 1-12, day 1-31 */
	int hour, minute, second;      /* 0-23, 0-59, 0-59 */
	int weekday;                   /* 0 = Sunday */
	int utc_offset_seconds;        /* local = UTC + this; east is positive */
};

/* The wall clock in zone at instant t. Always fills *out. */
void civil_from_utc(int64_t t, const char *zone, struct civil *out);

enum civil_match {
	CIVIL_EXACT,     /* the local time exists once */
	CIVIL_GAP,       /* it does not exist (clocks went forward over it): the
	                  * result is the same wall-clock distance after the
	                  * gap's start, i.e. shifted forward by the gap's length
	                  * (01:30 in a 01:00-02:00 gap is 02:30 new time) */
	CIVIL_AMBIGUOUS, /* it exists twice (clocks went back): the result is
	                  * the earlier instant */
	CIVIL_INVALID,   /* no such date or time of day; *out is left alone */
};

/* The instant at which the clocks in zone show year-month-day hour:minute
 * (second 0). The answer does not depend on the C library's guess for
 * tm_isdst: candidates are found by probing the zone's offsets and each one
 * is checked by converting it back. */
enum civil_match civil_to_utc(int year, int month, int day, int hour, int minute,
                              const char *zone, int64_t *out);

/* The first instant of a local calendar day: 00:00, or, where a day starts
 * inside a gap, the moment the clocks jump (the first time the day has).
 * False, *out left alone, for an invalid date. */
bool civil_start_of_day(int year, int month, int day, const char *zone, int64_t *out);

/* The last second of the local calendar day that is `days` calendar days
 * (negative allowed) after start_utc's local date: one second before the
 * next day starts, which is 23:59:59 local on ordinary days. Counts
 * calendar days, not 24-hour periods, so it is right across clock changes.
 * "Due within 28 days": civil_end_of_day_after(sent, 28, zone); "the agenda
 * closes 7 days before": civil_end_of_day_after(meeting, -7, zone). The
 * resulting date is clamped to years 1..9999. */
int64_t civil_end_of_day_after(int64_t start_utc, int days, const char *zone);

/* Whole local calendar days from a's local date to b's local date:
 * negative when b's date is earlier. Times of day do not matter. */
int civil_days_between(int64_t a_utc, int64_t b_utc, const char *zone);

/* ---- day numbers ----
 * A local calendar date as one integer: days since 1970-01-01 (negative
 * before it), proleptic Gregorian. Periods of dates (a benefit week, an
 * assessment month, a tax year) are ranges of day numbers; they do not
 * change length when the clocks do. */
/* The day number of a date that civil_date_valid() accepts. */
int64_t civil_day(int year, int month, int day);
/* The date of a day number. */
void civil_date_of_day(int64_t day, int *year, int *month, int *mday);
/* 0 = Sunday .. 6 = Saturday. */
int civil_weekday(int64_t day);
/* Days in a month (1..12) of a year. */
int civil_days_in_month(int year, int month);
/* The local date, as a day number, in zone at instant t. */
int64_t civil_day_at(int64_t t, const char *zone);
/* The first instant of local day `day` in zone (civil_start_of_day). */
int64_t civil_day_start(int64_t day, const char *zone);

/* A real date: year 1..9999, month 1..12, day within that month. */
bool civil_date_valid(int year, int month, int day);

/* Machine input, strictly: exactly "YYYY-MM-DD" (a valid date) or "HH:MM"
 * (00:00 to 23:59), digits only, nothing before or after. False, and the
 * outputs left alone, otherwise. */
bool civil_parse_date(const char *s, int *year, int *month, int *day);
bool civil_parse_clock(const char *s, int *hour, int *minute);

/* An instant as the API writes it, "YYYY-MM-DDTHH:MM:SSZ" (UTC), into
 * *out; false, *out left alone, when it is not that or no such time. */
bool civil_parse_utc(const char *s, int64_t *out);

/* What people type, as well as the strict forms above (surrounding spaces
 * and case do not matter). Dates, always day before month: "2026-12-10",
 * "10/12/2026" (or "." or "-" between), "10/12/26" (20xx), "10 Dec 2026",
 * "10th December 2026", "Thursday 10 December 2026", and, with the month
 * in words, "December 10, 2026". Times: "14:00", "14.00", "9:05", "2pm",
 * "2 pm", "2:30 p.m.", "12am" (midnight), "noon", "midday", "midnight".
 * False, and the outputs left alone, for anything else or a date that
 * does not exist. */
bool civil_read_date(const char *s, int *year, int *month, int *day);
bool civil_read_clock(const char *s, int *hour, int *minute);
/* ---- HTTP dates (RFC 9110 IMF-fixdate), for Last-Modified ---- */
enum { CIVIL_HTTP_DATE = 30 };  /* "Sun, 06 Nov 1994 08:49:37 GMT" and its NUL */
void civil_http_date(int64_t t, char out[CIVIL_HTTP_DATE]);
/* The instant of an IMF-fixdate; false for anything else. */
bool civil_parse_http_date(const char *s, int64_t *out);
#endif
