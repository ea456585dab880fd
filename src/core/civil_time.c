#include "core/civil_time.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/text.h"

#define DAY 86400

/* Day numbers count days since 1970-01-01 in the proleptic Gregorian
 * calendar; instants are clamped to years 1..9999 UTC. */
#define FIRST_INSTANT (-62135596800LL) /* 0001-01-01T00:00:00Z */
#define LAST_INSTANT  253402300799LL   /* 9999-12-31T23:59:59Z */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static bool leap_year(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_length(int64_t y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap_year(y) ? 29 : len[m - 1];
}

/* Leap years among 1 .. y-1 (years before 1 counted the same way, so that
 * year 0 is leap and the count stays continuous). */
static int64_t leaps_before(int64_t y)
{
	int64_t p = y - 1;
	return floor_div(p, 4) - floor_div(p, 100) + floor_div(p, 400);
}

static int64_t day_number(int64_t y, int m, int d)
{
	static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	int64_t n = 365 * (y - 1970) + leaps_before(y) - leaps_before(1970);
	n += before[m - 1] + (m > 2 && leap_year(y)) + d - 1;
	return n;
}

/* Day number to date: H. Hinnant's civil_from_days ("chrono-
 * Compatible Low-Level Date Algorithms"), exact for the whole proleptic
 * Gregorian calendar, counting in 400-year eras from 0000-03-01. */
static void date_of_day(int64_t n, int *y, int *m, int *d)
{
	int64_t z = n + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;                                     /* 0..146096 */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* 0..365 */
	int64_t mp = (5 * doy + 2) / 153;                                   /* 0 = March */
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t clamp_instant(int64_t t)
{
	return t < FIRST_INSTANT ? FIRST_INSTANT : t > LAST_INSTANT ? LAST_INSTANT : t;
}

/* Wall-clock seconds (local time written as if it were UTC) into fields. */
static void split_wall(int64_t wall, struct civil *out)
{
	int64_t n = floor_div(wall, DAY);
	int64_t s = wall - n * DAY;
	date_of_day(n, &out->year, &out->month, &out->day);
	out->hour = (int)(s / 3600);
	out->minute = (int)(s / 60 % 60);
	out->second = (int)(s % 60);
	out->weekday = (int)(n + 4 - floor_div(n + 4, 7) * 7); /* 1970-01-01 was a Thursday */
}

/* ---- the zone lock ----
 *
 * localtime_r follows the process-wide TZ, so zones are switched here under
 * a lock. main() sets TZ=UTC before any thread exists, so the variable
 * always exists and is only ever replaced, never removed: glibc keeps
 * replaced values alive, so a getenv() elsewhere still reads a valid
 * string. TZ is left at the last zone used (nothing else reads local time),
 * so a page of many times in one panel's zone loads the zone once.
 *
 * UTC never takes the lock: its offset is 0 by definition. */
static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;
static char tz_asked[72] = "UTC"; /* the name last asked for, valid or not */

static bool plain_utc(const char *zone)
{
	return !zone || !*zone || (zone[0] == 'U' && !strcmp(zone, "UTC"));
}

/* Takes the lock and makes zone current; pair with zone_leave(). An
 * unknown zone is set as "UTC" rather than handed to the C library, which
 * would read a string such as "ABC3" as a POSIX rule. */
static void zone_enter(const char *zone)
{
	pthread_mutex_lock(&tz_lock);
	if (!strcmp(tz_asked, zone)) return;
	bool fits = strlen(zone) < sizeof tz_asked;
	setenv("TZ", fits && tz_valid(zone) ? zone : "UTC", 1);
	tzset();
	strcpy(tz_asked, fits ? zone : "UTC");
}

static void zone_leave(void)
{
	pthread_mutex_unlock(&tz_lock);
}

/* Offset from UTC at instant t in the current zone (under the lock), or in
 * UTC. */
static int64_t offset_at(int64_t t, bool utc)
{
	if (utc) return 0;
	time_t tt = (time_t)t;
	struct tm tm;
	return localtime_r(&tt, &tm) ? (int64_t)tm.tm_gmtoff : 0;
}

/* The instant(s) showing wall-clock time `wall`. No zone has ever been
 * more than a day from UTC, so every answer lies within two days of wall
 * read as UTC.
 *
 * Candidates: the offsets in force two days either side, plus the offset
 * found at each candidate tried, until no new offset appears. A candidate
 * wall - o is an answer when the offset there really is o, i.e. when it
 * converts back to wall. With none, wall is in a gap: a binary search finds
 * the second at which local time jumps over wall. */
static enum civil_match resolve(int64_t wall, bool utc, int64_t *out, int64_t *gap_end)
{
	int64_t offs[8];
	int n = 0;
	int64_t probes[2] = { offset_at(wall - 2 * DAY, utc), offset_at(wall + 2 * DAY, utc) };
	for (int i = 0; i < 2; i++) {
		bool seen = false;
		for (int k = 0; k < n; k++) seen |= offs[k] == probes[i];
		if (!seen) offs[n++] = probes[i];
	}
	for (int i = 0; i < n && n < 8; i++) {
		int64_t o = offset_at(wall - offs[i], utc);
		bool seen = false;
		for (int k = 0; k < n; k++) seen |= offs[k] == o;
		if (!seen) offs[n++] = o;
	}
	int found = 0;
	int64_t best = 0;
	for (int i = 0; i < n; i++) {
		int64_t c = wall - offs[i];
		if (c + offset_at(c, utc) != wall) continue;
		if (!found || c < best) best = c;
		found++;
	}
	if (found) {
		*out = best;
		*gap_end = best;
		return found > 1 ? CIVIL_AMBIGUOUS : CIVIL_EXACT;
	}
	/* lo shows a time before wall, hi one after; keep it so. */
	int64_t lo = wall - 2 * DAY, hi = wall + 2 * DAY;
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (mid + offset_at(mid, utc) < wall) lo = mid;
		else hi = mid;
	}
	/* The clocks jump at hi; before it the offset was offset_at(lo). */
	*out = wall - offset_at(lo, utc);
	*gap_end = hi;
	return CIVIL_GAP;
}

/* ---- a per-thread cache of offsets by UTC day ----
 *
 * Showing a time needs only the zone's offset at that instant, and a page
 * shows many instants in one zone, mostly on few days. Each thread keeps
 * the offsets of recent (zone, UTC day) pairs, so that a repeat needs
 * neither the lock nor the C library.
 *
 * A day is cached only when the offsets at its first and last second are
 * equal. That proves the offset constant all day provided no zone changes
 * its offset twice within a day and back: in the tz database as shipped
 * (2025), the closest two changes of UTC offset in any zone are about four
 * days apart (Africa/Freetown, 1939), and summer-time rules are months
 * apart. A day with a change is never cached; the instant itself is then
 * looked up, as before.
 *
 * Entries hold a copy of the zone's name (a caller's string may be freed
 * or reused), so a name too long to copy is not cached. Unknown names are
 * cached like any other: zone_enter() treats them as UTC. The cache lives
 * as long as the thread; like the C library, which reads a zone's file once
 * and keeps it while TZ does not change, it does not notice zone files
 * replaced while the program runs. */
#define CACHE_SLOTS 64 /* a power of two */

struct day_offset {
	int64_t day;          /* floor(t / DAY) */
	int32_t offset;
	uint8_t zone_len;     /* 0: slot unused */
	char zone[sizeof tz_asked];
};

static _Thread_local struct day_offset day_cache[CACHE_SLOTS];

/* The offset at instant t (already clamped) in zone, which is not plain
 * UTC. */
static int64_t zone_offset(int64_t t, const char *zone)
{
	size_t len = strnlen(zone, sizeof tz_asked);
	int64_t day = floor_div(t, DAY);
	bool cacheable = len < sizeof tz_asked;
	/* Only spreads entries over slots; the name is compared in full. */
	uint32_t h = (uint32_t)len * 7u + (unsigned char)zone[len / 2] * 3u +
	             (unsigned char)zone[len - 1];
	struct day_offset *slot = &day_cache[(h * 8u + (uint32_t)day) & (CACHE_SLOTS - 1)];
	if (cacheable && slot->zone_len == len && slot->day == day &&
	    !memcmp(slot->zone, zone, len))
		return slot->offset;

	zone_enter(zone);
	int64_t first = offset_at(day * DAY, false);
	int64_t last = offset_at(day * DAY + DAY - 1, false);
	int64_t off = first == last ? first : offset_at(t, false);
	zone_leave();
	if (cacheable && first == last) {
		slot->day = day;
		slot->offset = (int32_t)off;
		slot->zone_len = (uint8_t)len;
		memcpy(slot->zone, zone, len);
	}
	return off;
}

/* ---- public ---- */

void civil_from_utc(int64_t t, const char *zone, struct civil *out)
{
	t = clamp_instant(t);
	int64_t off = plain_utc(zone) ? 0 : zone_offset(t, zone);
	split_wall(t + off, out);
	out->utc_offset_seconds = (int)off;
}

bool civil_date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= month_length(year, month);
}

enum civil_match civil_to_utc(int year, int month, int day, int hour, int minute,
                              const char *zone, int64_t *out)
{
	if (!civil_date_valid(year, month, day) || hour < 0 || hour > 23 || minute < 0 ||
	    minute > 59)
		return CIVIL_INVALID;
	int64_t wall = day_number(year, month, day) * DAY + hour * 3600 + minute * 60;
	bool utc = plain_utc(zone);
	if (!utc) zone_enter(zone);
	int64_t gap_end;
	enum civil_match m = resolve(wall, utc, out, &gap_end);
	if (!utc) zone_leave();
	return m;
}

bool civil_start_of_day(int year, int month, int day, const char *zone, int64_t *out)
{
	if (!civil_date_valid(year, month, day)) return false;
	int64_t wall = day_number(year, month, day) * DAY;
	bool utc = plain_utc(zone);
	if (!utc) zone_enter(zone);
	int64_t shifted;
	resolve(wall, utc, &shifted, out);
	if (!utc) zone_leave();
	return true;
}

int64_t civil_end_of_day_after(int64_t start_utc, int days, const char *zone)
{
	int64_t first_next = day_number(1, 1, 2), last_next = day_number(10000, 1, 1);
	start_utc = clamp_instant(start_utc);
	bool utc = plain_utc(zone);
	if (!utc) zone_enter(zone);
	int64_t today = floor_div(start_utc + offset_at(start_utc, utc), DAY);
	int64_t next = today + days + 1;
	if (next < first_next) next = first_next;
	if (next > last_next) next = last_next;
	int64_t shifted, begins;
	resolve(next * DAY, utc, &shifted, &begins);
	if (!utc) zone_leave();
	return begins - 1;
}

int civil_days_between(int64_t a_utc, int64_t b_utc, const char *zone)
{
	a_utc = clamp_instant(a_utc);
	b_utc = clamp_instant(b_utc);
	bool utc = plain_utc(zone);
	if (!utc) zone_enter(zone);
	int64_t a = floor_div(a_utc + offset_at(a_utc, utc), DAY);
	int64_t b = floor_div(b_utc + offset_at(b_utc, utc), DAY);
	if (!utc) zone_leave();
	return (int)(b - a);
}

int64_t civil_day(int year, int month, int day)
{
	return day_number(year, month, day);
}

void civil_date_of_day(int64_t day, int *year, int *month, int *mday)
{
	date_of_day(day, year, month, mday);
}

int civil_weekday(int64_t day)
{
	return (int)((day % 7 + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
}

int civil_days_in_month(int year, int month)
{
	return month_length(year, month);
}

int64_t civil_day_at(int64_t t, const char *zone)
{
	t = clamp_instant(t);
	int64_t off = plain_utc(zone) ? 0 : zone_offset(t, zone);
	return floor_div(t + off, DAY);
}

int64_t civil_day_start(int64_t day, const char *zone)
{
	int y, m, d;
	date_of_day(day, &y, &m, &d);
	int64_t t = 0;
	civil_start_of_day(y, m, d, zone, &t);
	return t;
}

/* n decimal digits exactly, into *v. */
static bool digits(const char *s, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return false;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return true;
}

bool civil_parse_date(const char *s, int *year, int *month, int *day)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d)) return false;
	if (!civil_date_valid(y, m, d)) return false;
	*year = y;
	*month = m;
	*day = d;
	return true;
}

bool civil_parse_clock(const char *s, int *hour, int *minute)
{
	int h, m;
	if (!s || strlen(s) != 5 || s[2] != ':') return false;
	if (!digits(s, 2, &h) || !digits(s + 3, 2, &m) || h > 23 || m > 59) return false;
	*hour = h;
	*minute = m;
	return true;
}

bool civil_parse_utc(const char *s, int64_t *out)
{
	const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (!s || strlen(s) != sizeof shape - 1) return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] != 'd' && s[i] != shape[i]) return false;
	int y, mo, d, h, mi, sec;
	int64_t t;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) ||
	    !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &sec) ||
	    sec > 59 || civil_to_utc(y, mo, d, h, mi, "UTC", &t) != CIVIL_EXACT)
		return false;
	*out = t + sec;
	return true;
}

/* ---- what people type ---- */

/* A cursor over typed text: spaces skipped where a separator may be. */
struct typed {
	const char *p;
};

static void skip_spaces(struct typed *t)
{
	while (*t->p == ' ' || *t->p == '\t') t->p++;
}

/* 1 to max_digits decimal digits; false when there are none or more. */
static bool number(struct typed *t, int max_digits, int *v, int *ndigits)
{
	int n = 0, x = 0;
	while (t->p[n] >= '0' && t->p[n] <= '9') {
		if (n == max_digits) return false;
		x = x * 10 + (t->p[n] - '0');
		n++;
	}
	if (!n) return false;
	t->p += n;
	*v = x;
	if (ndigits) *ndigits = n;
	return true;
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A word of letters (and dots, for "p.m."), lower-cased into out. */
static bool word(struct typed *t, char *out, size_t size)
{
	size_t n = 0;
	while (is_letter(*t->p) || (*t->p == '.' && n)) {
		if (n + 1 >= size) return false;
		char c = *t->p++;
		if (c == '.') continue;
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out[n] = 0;
	return n > 0;
}

/* "dec", "december", "sept": 1..12; 0 for no month. */
static int month_named(const char *w)
{
	static const char *const names[] = { "january", "february", "march", "april", "may",
	                                     "june", "july", "august", "september", "october",
	                                     "november", "december" };
	size_t len = strlen(w);
	if (!strcmp(w, "sept")) return 9;
	for (int m = 0; m < 12; m++)
		if (len >= 3 && len <= strlen(names[m]) && !strncmp(w, names[m], len)) return m + 1;
	return 0;
}

static bool weekday_named(const char *w)
{
	static const char *const names[] = { "monday", "tuesday", "wednesday", "thursday",
	                                     "friday", "saturday", "sunday" };
	size_t len = strlen(w);
	for (int d = 0; d < 7; d++)
		if (len >= 3 && len <= strlen(names[d]) && !strncmp(w, names[d], len)) return true;
	return false;
}

static bool ordinal_suffix(const char *w)
{
	return !strcmp(w, "st") || !strcmp(w, "nd") || !strcmp(w, "rd") || !strcmp(w, "th");
}

static bool date_out(int y, int m, int d, int *year, int *month, int *day)
{
	if (!civil_date_valid(y, m, d)) return false;
	*year = y;
	*month = m;
	*day = d;
	return true;
}

bool civil_read_date(const char *s, int *year, int *month, int *day)
{
	if (!s) return false;
	struct typed t = { s };
	skip_spaces(&t);
	const char *start = t.p;
	size_t len = strlen(start);
	while (len && (start[len - 1] == ' ' || start[len - 1] == '\t')) len--;
	char iso[11];
	if (len == 10) {
		memcpy(iso, start, 10);
		iso[10] = 0;
		if (civil_parse_date(iso, year, month, day)) return true;
	}
	char w[16];
	int d, m = 0, y, nd;
	/* An optional weekday first ("Thursday 10 December 2026"). */
	struct typed look = t;
	if (word(&look, w, sizeof w)) {
		if (weekday_named(w)) {
			t = look;
			if (*t.p == ',') t.p++;
			skip_spaces(&t);
		} else if ((m = month_named(w))) {
			/* "December 10, 2026" */
			t = look;
			skip_spaces(&t);
			if (!number(&t, 2, &d, NULL)) return false;
			if (word(&t, w, sizeof w) && !ordinal_suffix(w)) return false;
			if (*t.p == ',') t.p++;
			skip_spaces(&t);
			if (!number(&t, 4, &y, &nd) || nd != 4) return false;
			skip_spaces(&t);
			return !*t.p && date_out(y, m, d, year, month, day);
		} else {
			return false;
		}
	}
	if (!number(&t, 2, &d, NULL)) return false;
	if (*t.p == '/' || *t.p == '.' || *t.p == '-') {
		/* 10/12/2026, 10.12.26 */
		char sep = *t.p++;
		if (!number(&t, 2, &m, NULL) || *t.p++ != sep || !number(&t, 4, &y, &nd) ||
		    (nd != 2 && nd != 4))
			return false;
		if (nd == 2) y += 2000;
	} else {
		/* 10 Dec 2026, 10th December 2026 */
		struct typed after = t;
		if (word(&after, w, sizeof w) && ordinal_suffix(w)) t = after;
		skip_spaces(&t);
		if (!word(&t, w, sizeof w) || !(m = month_named(w))) return false;
		if (*t.p == ',') t.p++;
		skip_spaces(&t);
		if (!number(&t, 4, &y, &nd) || nd != 4) return false;
	}
	skip_spaces(&t);
	return !*t.p && date_out(y, m, d, year, month, day);
}

bool civil_read_clock(const char *s, int *hour, int *minute)
{
	if (!s) return false;
	struct typed t = { s };
	skip_spaces(&t);
	char w[16];
	int h, m = 0, nd;
	struct typed look = t;
	if (word(&look, w, sizeof w)) {
		skip_spaces(&look);
		if (*look.p) return false;
		if (!strcmp(w, "noon") || !strcmp(w, "midday")) h = 12;
		else if (!strcmp(w, "midnight")) h = 0;
		else return false;
		*hour = h;
		*minute = 0;
		return true;
	}
	if (!number(&t, 2, &h, &nd)) return false;
	/* A bare "2" could be 02:00 or 14:00: minutes or am/pm must say. */
	bool said = false;
	if (*t.p == ':' || *t.p == '.') {
		t.p++;
		if (!number(&t, 2, &m, &nd) || nd != 2) return false;
		said = true;
	}
	skip_spaces(&t);
	if (word(&t, w, sizeof w)) {
		bool pm = !strcmp(w, "pm");
		if ((!pm && strcmp(w, "am")) || h < 1 || h > 12) return false;
		h = h % 12 + (pm ? 12 : 0);
		said = true;
		skip_spaces(&t);
	}
	if (!said || *t.p || h > 23 || m > 59) return false;
	*hour = h;
	*minute = m;
	return true;
}

static const char *const http_days[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const http_months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void civil_http_date(int64_t t, char out[CIVIL_HTTP_DATE])
{
	int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - day * 86400;
	int y, m, d;
	civil_date_of_day(day, &y, &m, &d);
	snprintf(out, CIVIL_HTTP_DATE, "%s, %02d %s %04d %02d:%02d:%02d GMT",
	         http_days[civil_weekday(day)], d, http_months[m - 1], y, (int)(secs / 3600),
	         (int)(secs / 60 % 60), (int)(secs % 60));
}

bool civil_parse_http_date(const char *s, int64_t *out)
{
	char wday[4], mon[4];
	int d, y, h, mi, sec, used = 0;
	if (!s || sscanf(s, "%3s, %2d %3s %4d %2d:%2d:%2d GMT%n", wday, &d, mon, &y, &h, &mi, &sec,
	                 &used) != 7 || !used || s[used])
		return false;
	int m = 0;
	while (m < 12 && strcmp(mon, http_months[m])) m++;
	if (m == 12 || !civil_date_valid(y, m + 1, d) || h > 23 || mi > 59 || sec > 60) return false;
	*out = civil_day(y, m + 1, d) * 86400 + h * 3600 + mi * 60 + sec;
	return true;
}
