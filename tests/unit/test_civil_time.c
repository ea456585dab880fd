/* Unit tests for src/core/civil_time.c: local time in IANA zones across
 * clock changes in both hemispheres, gaps and repeated hours, due dates,
 * calendar days, form parsing, and threads using different zones at once.
 *
 * Every expected instant was worked out apart from this code, with GNU date
 * and zdump on the 2026 rules, e.g.
 *   TZ=Europe/London date -d "2026-04-07 23:59:59" +%s     -> 1775602799
 *   zdump -v -c 2026,2027 Europe/London                    (the changes)
 * The comment beside each value says what it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/civil_time.h"

static void check_civil(int64_t t, const char *zone, int y, int mo, int d, int h, int mi,
                        int s, int wd, int off)
{
	struct civil c;
	civil_from_utc(t, zone, &c);
	assert_int_equal(c.year, y);
	assert_int_equal(c.month, mo);
	assert_int_equal(c.day, d);
	assert_int_equal(c.hour, h);
	assert_int_equal(c.minute, mi);
	assert_int_equal(c.second, s);
	assert_int_equal(c.weekday, wd);
	assert_int_equal(c.utc_offset_seconds, off);
}

/* ---- civil_from_utc ---- */

static void london_either_side_of_each_change(void **state)
{
	/* Spring: 29 March 2026 01:00 UTC, 00:59:59 GMT then 02:00:00 BST. */
	check_civil(1774745999, "Europe/London", 2026, 3, 29, 0, 59, 59, 0, 0);
	check_civil(1774746000, "Europe/London", 2026, 3, 29, 2, 0, 0, 0, 3600);
	/* Autumn: 25 October 2026 01:00 UTC, 01:59:59 BST then 01:00:00 GMT. */
	check_civil(1792889999, "Europe/London", 2026, 10, 25, 1, 59, 59, 0, 3600);
	check_civil(1792890000, "Europe/London", 2026, 10, 25, 1, 0, 0, 0, 0);
}

static void other_zones(void **state)
{
	/* New York, 8 March 2026 07:00 UTC: 01:59:59 EST then 03:00 EDT. */
	check_civil(1772953199, "America/New_York", 2026, 3, 8, 1, 59, 59, 0, -18000);
	check_civil(1772953200, "America/New_York", 2026, 3, 8, 3, 0, 0, 0, -14400);
	/* Sydney ends summer time on 5 April 2026 (16:00 UTC on the 4th)... */
	check_civil(1775318399, "Australia/Sydney", 2026, 4, 5, 2, 59, 59, 0, 39600);
	check_civil(1775318400, "Australia/Sydney", 2026, 4, 5, 2, 0, 0, 0, 36000);
	/* ...and starts it on 4 October 2026 (16:00 UTC on the 3rd). */
	check_civil(1791043199, "Australia/Sydney", 2026, 10, 4, 1, 59, 59, 0, 36000);
	check_civil(1791043200, "Australia/Sydney", 2026, 10, 4, 3, 0, 0, 0, 39600);
	/* 2026-07-01 12:00 UTC (a Wednesday) at +05:30, and at +12:45 in the
	 * Chatham Islands' winter, where it is already Thursday. */
	check_civil(1782907200, "Asia/Kolkata", 2026, 7, 1, 17, 30, 0, 3, 19800);
	check_civil(1782907200, "Pacific/Chatham", 2026, 7, 2, 0, 45, 0, 4, 45900);
	/* 2026-01-15 12:00 UTC (Thursday) in Chatham summer, +13:45: Friday. */
	check_civil(1768478400, "Pacific/Chatham", 2026, 1, 16, 1, 45, 0, 5, 49500);
	/* A year end: 2026-12-31 23:30 UTC is New Year's morning in Sydney. */
	check_civil(1798759800, "Australia/Sydney", 2027, 1, 1, 10, 30, 0, 5, 39600);
}

static void missing_or_unknown_zones_are_utc(void **state)
{
	const char *zones[] = { NULL, "", "UTC", "Etc/UTC", "Not/AZone", "Europe",
	                        "ABC3", /* a POSIX rule, not an IANA name */
	                        "../../etc/passwd" };
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
		check_civil(1782907200, zones[i], 2026, 7, 1, 12, 0, 0, 3, 0);
	check_civil(-1, NULL, 1969, 12, 31, 23, 59, 59, 3, 0);
	check_civil(0, "UTC", 1970, 1, 1, 0, 0, 0, 4, 0);
	/* Leap day 2028, a Tuesday. */
	check_civil(1835438400, NULL, 2028, 2, 29, 12, 0, 0, 2, 0);
}

static void instants_are_clamped_to_years_1_to_9999(void **state)
{
	/* 0001-01-01 00:00:00 UTC was a Monday; 9999-12-31 a Friday. */
	check_civil(INT64_MIN, "UTC", 1, 1, 1, 0, 0, 0, 1, 0);
	check_civil(-62135596800, NULL, 1, 1, 1, 0, 0, 0, 1, 0);
	check_civil(INT64_MAX, "UTC", 9999, 12, 31, 23, 59, 59, 5, 0);
	check_civil(253402300799, NULL, 9999, 12, 31, 23, 59, 59, 5, 0);
}

static void zones_alternate_between_calls(void **state)
{
	/* 2026-01-15 12:00 UTC: 23:00 in Sydney, 12:00 London, 07:00 New
	 * York, 17:30 Kolkata, all Thursday 15 January. */
	for (int i = 0; i < 5; i++) {
		check_civil(1768478400, "Australia/Sydney", 2026, 1, 15, 23, 0, 0, 4, 39600);
		check_civil(1768478400, "Europe/London", 2026, 1, 15, 12, 0, 0, 4, 0);
		check_civil(1768478400, "Not/AZone", 2026, 1, 15, 12, 0, 0, 4, 0);
		check_civil(1768478400, "America/New_York", 2026, 1, 15, 7, 0, 0, 4, -18000);
		check_civil(1768478400, NULL, 2026, 1, 15, 12, 0, 0, 4, 0);
		check_civil(1768478400, "Asia/Kolkata", 2026, 1, 15, 17, 30, 0, 4, 19800);
	}
}

/* ---- against the C library, instant by instant ----
 *
 * civil_from_utc() keeps offsets per thread and UTC day (see civil_time.c);
 * these compare it with localtime_r() itself for thousands of instants:
 * around every clock change of 2016-2031 and 1940-1950 in each zone below,
 * the UTC day boundaries of those changes, a spread of ordinary instants
 * and the first and last instants there are. The references are worked out
 * in main() before any test runs, under setenv("TZ"), and TZ is put back
 * to UTC before civil_time.c is first called. */
static const char *const ref_zones[] = {
	"Europe/London", "America/New_York", "Pacific/Auckland", "Australia/Lord_Howe",
	"Asia/Kolkata", "Pacific/Chatham", "America/Santiago", "Africa/Casablanca",
	"Europe/Dublin", "Pacific/Apia", "Australia/Sydney",
};
enum { REF_ZONES = sizeof ref_zones / sizeof *ref_zones, REF_MAX = 80000 };

struct ref {
	int zone;       /* index into ref_zones */
	int64_t t;
	struct tm tm;   /* localtime_r(t) in that zone */
};
static struct ref refs[REF_MAX];
static int nrefs;
static int modern_changes[REF_ZONES]; /* changes of offset in 2016-2031 */
static int old_changes[REF_ZONES];    /* and in 1940-1950 */

#define Y1940 (-946771200LL)
#define Y1951 (-599616000LL)
#define Y2016 1451606400LL
#define Y2032 1956528000LL

static long gmtoff_at(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	return localtime_r(&tt, &tm) ? tm.tm_gmtoff : -999999;
}

static void add_ref(int zone, int64_t t)
{
	if (nrefs == REF_MAX) return; /* checked in references_are_many */
	time_t tt = (time_t)t;
	refs[nrefs].zone = zone;
	refs[nrefs].t = t;
	if (localtime_r(&tt, &refs[nrefs].tm)) nrefs++;
}

/* Each change of offset in [from, to): found every 6 hours (changes are
 * days apart in every zone) and pinned to the second. */
static int add_changes(int zone, int64_t from, int64_t to)
{
	static const int64_t around[] = { -86401, -86400, -43200, -7200, -3601, -3600, -1801,
		-1800, -901, -900, -61, -60, -1, 0, 1, 59, 60, 899, 900, 1799, 1800, 3599, 3600,
		3601, 7200, 43200, 86399, 86400 };
	int found = 0;
	for (int64_t t = from; t < to; t += 6 * 3600) {
		long before = gmtoff_at(t);
		if (gmtoff_at(t + 6 * 3600) == before) continue;
		int64_t lo = t, hi = t + 6 * 3600; /* lo has the old offset, hi not */
		while (hi - lo > 1) {
			int64_t mid = lo + (hi - lo) / 2;
			if (gmtoff_at(mid) == before) lo = mid;
			else hi = mid;
		}
		found++;
		for (size_t i = 0; i < sizeof around / sizeof *around; i++) add_ref(zone, hi + around[i]);
		int64_t day = hi / 86400 * 86400; /* positive or not, a UTC midnight near */
		for (int64_t d = day - 86400; d <= day + 86400; d += 86400) {
			add_ref(zone, d - 1);
			add_ref(zone, d);
			add_ref(zone, d + 1);
		}
	}
	return found;
}

static void build_references(void)
{
	uint64_t seed = 12345;
	for (int z = 0; z < REF_ZONES; z++) {
		setenv("TZ", ref_zones[z], 1);
		tzset();
		modern_changes[z] = add_changes(z, Y2016, Y2032);
		old_changes[z] = add_changes(z, Y1940, Y1951);
		/* Ordinary instants about every three days, at any second. */
		for (int64_t t = Y2016; t < Y2032; t += 3 * 86400) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			add_ref(z, t + (int64_t)(seed >> 33) % (3 * 86400));
		}
		/* The first and last instants (years 1 and 9999 UTC). */
		add_ref(z, -62135596800LL);
		add_ref(z, -62135596800LL + 1);
		add_ref(z, -62135596800LL + 86400);
		add_ref(z, 253402300799LL - 86400);
		add_ref(z, 253402300799LL - 1);
		add_ref(z, 253402300799LL);
	}
	setenv("TZ", "UTC", 1); /* as main() does */
	tzset();
}

/* How many of refs[from], refs[from + step], ... (n of them, indices taken
 * modulo nrefs) civil_from_utc() gets wrong; prints the first. */
static int mismatches(int from, int step, int n, int only_zone)
{
	int bad = 0;
	for (int k = 0; k < n; k++) {
		const struct ref *r = &refs[(int)(((int64_t)from + (int64_t)k * step) % nrefs)];
		if (only_zone >= 0 && r->zone != only_zone) continue;
		struct civil c;
		civil_from_utc(r->t, ref_zones[r->zone], &c);
		if (c.year == r->tm.tm_year + 1900 && c.month == r->tm.tm_mon + 1 &&
		    c.day == r->tm.tm_mday && c.hour == r->tm.tm_hour && c.minute == r->tm.tm_min &&
		    c.second == r->tm.tm_sec && c.weekday == r->tm.tm_wday &&
		    c.utc_offset_seconds == r->tm.tm_gmtoff)
			continue;
		if (!bad++)
			fprintf(stderr, "%s at %lld: %04d-%02d-%02d %02d:%02d:%02d wd %d off %d, "
			        "expected %04d-%02d-%02d %02d:%02d:%02d wd %d off %ld\n",
			        ref_zones[r->zone], (long long)r->t, c.year, c.month, c.day, c.hour,
			        c.minute, c.second, c.weekday, c.utc_offset_seconds,
			        r->tm.tm_year + 1900, r->tm.tm_mon + 1, r->tm.tm_mday, r->tm.tm_hour,
			        r->tm.tm_min, r->tm.tm_sec, r->tm.tm_wday, r->tm.tm_gmtoff);
	}
	return bad;
}

static void references_are_many(void **state)
{
	assert_true(nrefs > 20000);
	assert_true(nrefs < REF_MAX);
	/* Two changes a year, 2016-2031, where summer time is kept. */
	assert_int_equal(modern_changes[0], 32); /* London */
	assert_int_equal(modern_changes[1], 32); /* New York */
	assert_int_equal(modern_changes[2], 32); /* Auckland */
	assert_int_equal(modern_changes[3], 32); /* Lord Howe, 30 minutes */
	assert_int_equal(modern_changes[4], 0);  /* Kolkata... */
	assert_true(old_changes[4] > 0);         /* ...had war time */
	assert_true(old_changes[0] > 20);        /* London, double summer time */
}

static void every_reference_in_order_and_again(void **state)
{
	/* First pass: the cache fills; second: it answers; then backwards. */
	assert_int_equal(mismatches(0, 1, nrefs, -1), 0);
	assert_int_equal(mismatches(0, 1, nrefs, -1), 0);
	assert_int_equal(mismatches(nrefs - 1, nrefs - 1, nrefs, -1), 0);
}

static void every_reference_shuffled(void **state)
{
	/* A stride prime to nrefs visits each once, zones and days mixed. */
	int step = 7919;
	while (nrefs % step == 0) step += 2;
	assert_int_equal(mismatches(3, step, nrefs, -1), 0);
	assert_int_equal(mismatches(5, step, nrefs, -1), 0);
}

static void every_day_of_years_1_to_9999_in_utc(void **state)
{
	/* The calendar arithmetic, against gmtime_r, at a varying time of day. */
	int bad = 0;
	for (int64_t t = -62135596800LL; t <= 253402300799LL; t += 86400 + 1) {
		time_t tt = (time_t)t;
		struct tm tm;
		assert_non_null(gmtime_r(&tt, &tm));
		struct civil c;
		civil_from_utc(t, NULL, &c);
		bad += c.year != tm.tm_year + 1900 || c.month != tm.tm_mon + 1 ||
		       c.day != tm.tm_mday || c.hour != tm.tm_hour || c.minute != tm.tm_min ||
		       c.second != tm.tm_sec || c.weekday != tm.tm_wday;
	}
	assert_int_equal(bad, 0);
}

struct ref_worker {
	int zone;   /* -1: every zone */
	int from, step;
	int bad;
};

static void *check_refs(void *arg)
{
	struct ref_worker *w = arg;
	for (int pass = 0; pass < 3; pass++)
		w->bad += mismatches(w->from + pass, w->step, nrefs, w->zone);
	return NULL;
}

static void references_from_many_threads(void **state)
{
	/* One thread per zone, each in its own order, and two that mix every
	 * zone, all at once. */
	enum { N = REF_ZONES + 2 };
	struct ref_worker w[N];
	pthread_t th[N];
	int step = 7919;
	while (nrefs % step == 0) step += 2;
	for (int i = 0; i < N; i++) {
		w[i].zone = i < REF_ZONES ? i : -1;
		w[i].from = i * 101;
		w[i].step = i % 2 ? 1 : step;
		w[i].bad = 0;
	}
	for (int i = 0; i < N; i++) assert_int_equal(pthread_create(&th[i], NULL, check_refs, &w[i]), 0);
	for (int i = 0; i < N; i++) assert_int_equal(pthread_join(th[i], NULL), 0);
	for (int i = 0; i < N; i++) assert_int_equal(w[i].bad, 0);
}

/* ---- civil_to_utc ---- */

static void expect_to_utc(int y, int mo, int d, int h, int mi, const char *zone,
                          enum civil_match match, int64_t t)
{
	int64_t got = -42;
	assert_int_equal(civil_to_utc(y, mo, d, h, mi, zone, &got), match);
	assert_int_equal(got, t);
}

static void ordinary_times(void **state)
{
	expect_to_utc(2026, 7, 1, 17, 30, "Asia/Kolkata", CIVIL_EXACT, 1782907200);
	expect_to_utc(2026, 7, 1, 17, 30, "UTC", CIVIL_EXACT, 1782927000);
	expect_to_utc(2026, 7, 1, 17, 30, NULL, CIVIL_EXACT, 1782927000);
	expect_to_utc(2026, 7, 1, 17, 30, "Not/AZone", CIVIL_EXACT, 1782927000);
	expect_to_utc(2028, 2, 29, 12, 0, "Europe/London", CIVIL_EXACT, 1835438400);
	/* Just before and at the end of the London spring gap. */
	expect_to_utc(2026, 3, 29, 0, 59, "Europe/London", CIVIL_EXACT, 1774745940);
	expect_to_utc(2026, 3, 29, 2, 0, "Europe/London", CIVIL_EXACT, 1774746000);
	/* Either side of the repeated hour in October. */
	expect_to_utc(2026, 10, 25, 0, 59, "Europe/London", CIVIL_EXACT, 1792886340);
	expect_to_utc(2026, 10, 25, 2, 0, "Europe/London", CIVIL_EXACT, 1792893600);
}

static void gaps_shift_forward(void **state)
{
	/* 01:30 on 29 March 2026 in London never happens; 02:30 BST. */
	expect_to_utc(2026, 3, 29, 1, 30, "Europe/London", CIVIL_GAP, 1774747800);
	/* The gap's first minute becomes the moment the clocks jump. */
	expect_to_utc(2026, 3, 29, 1, 0, "Europe/London", CIVIL_GAP, 1774746000);
	/* New York 02:30 on 8 March 2026 is 03:30 EDT. */
	expect_to_utc(2026, 3, 8, 2, 30, "America/New_York", CIVIL_GAP, 1772955000);
	/* Sydney 02:30 on 4 October 2026 is 03:30 AEDT. */
	expect_to_utc(2026, 10, 4, 2, 30, "Australia/Sydney", CIVIL_GAP, 1791045000);
	/* Chatham jumps 02:45 -> 03:45 on 27 September 2026: 03:00 is 04:00. */
	expect_to_utc(2026, 9, 27, 3, 0, "Pacific/Chatham", CIVIL_GAP, 1790432100);
	/* Lord Howe moves only 30 minutes (02:00 -> 02:30): 02:15 is 02:45. */
	expect_to_utc(2026, 10, 4, 2, 15, "Australia/Lord_Howe", CIVIL_GAP, 1791042300);
}

static void repeated_times_take_the_earlier(void **state)
{
	/* 01:30 on 25 October 2026 in London: BST (00:30 UTC), not GMT. */
	expect_to_utc(2026, 10, 25, 1, 30, "Europe/London", CIVIL_AMBIGUOUS, 1792888200);
	expect_to_utc(2026, 11, 1, 1, 30, "America/New_York", CIVIL_AMBIGUOUS, 1793511000);
	/* Sydney 02:30 on 5 April 2026: AEDT (+11), not AEST. */
	expect_to_utc(2026, 4, 5, 2, 30, "Australia/Sydney", CIVIL_AMBIGUOUS, 1775316600);
	/* Chatham 03:00 on 5 April 2026: +13:45, not +12:45. */
	expect_to_utc(2026, 4, 5, 3, 0, "Pacific/Chatham", CIVIL_AMBIGUOUS, 1775308500);
}

static void invalid_input_is_refused(void **state)
{
	int64_t t = 7;
	assert_int_equal(civil_to_utc(2026, 2, 29, 12, 0, "UTC", &t), CIVIL_INVALID);
	assert_int_equal(civil_to_utc(2026, 4, 31, 12, 0, "UTC", &t), CIVIL_INVALID);
	assert_int_equal(civil_to_utc(2026, 13, 1, 12, 0, "UTC", &t), CIVIL_INVALID);
	assert_int_equal(civil_to_utc(2026, 0, 1, 12, 0, "UTC", &t), CIVIL_INVALID);
	assert_int_equal(civil_to_utc(0, 1, 1, 12, 0, "UTC", &t), CIVIL_INVALID);
	assert_int_equal(civil_to_utc(10000, 1, 1, 12, 0, "UTC", &t), CIVIL_INVALID);
	assert_int_equal(civil_to_utc(2026, 1, 1, 24, 0, "Europe/London", &t), CIVIL_INVALID);
	assert_int_equal(civil_to_utc(2026, 1, 1, 12, 60, "Europe/London", &t), CIVIL_INVALID);
	assert_int_equal(civil_to_utc(2026, 1, 1, -1, 0, "Europe/London", &t), CIVIL_INVALID);
	assert_int_equal(t, 7);
}

static void round_trips_every_quarter_hour_of_2026_in_chatham(void **state)
{
	/* Every instant converts back to itself unless its wall time is
	 * repeated, when the earlier instant is the answer. */
	for (int64_t t = 1767225600; t < 1798761600; t += 900) { /* 2026 UTC */
		struct civil c;
		civil_from_utc(t, "Pacific/Chatham", &c);
		int64_t back;
		enum civil_match m = civil_to_utc(c.year, c.month, c.day, c.hour, c.minute,
		                                  "Pacific/Chatham", &back);
		assert_true(m == CIVIL_EXACT || m == CIVIL_AMBIGUOUS);
		if (m == CIVIL_EXACT) assert_int_equal(back, t);
		else assert_true(back == t || back == t - 3600);
	}
}

/* ---- days ---- */

static void start_of_day(void **state)
{
	int64_t t = 5;
	assert_true(civil_start_of_day(2026, 3, 29, "Europe/London", &t));
	assert_int_equal(t, 1774742400); /* 00:00 GMT */
	assert_true(civil_start_of_day(2026, 10, 25, "Europe/London", &t));
	assert_int_equal(t, 1792882800); /* 00:00 BST */
	/* Havana jumps from 00:00 to 01:00 on 8 March 2026: the day starts at
	 * 01:00 CDT, 05:00 UTC. On 1 November midnight happens twice. */
	assert_true(civil_start_of_day(2026, 3, 8, "America/Havana", &t));
	assert_int_equal(t, 1772946000);
	assert_true(civil_start_of_day(2026, 11, 1, "America/Havana", &t));
	assert_int_equal(t, 1793505600);
	/* Samoa skipped 30 December 2011: its "start" is when 31 December
	 * began, 10:00 UTC on the 30th. */
	assert_true(civil_start_of_day(2011, 12, 30, "Pacific/Apia", &t));
	assert_int_equal(t, 1325239200);
	t = 5;
	assert_false(civil_start_of_day(2026, 2, 29, "UTC", &t));
	assert_int_equal(t, 5);
}

static void end_of_day_across_changes(void **state)
{
	const char *L = "Europe/London";
	/* 28 days after 2026-03-10 12:00 GMT: end of 7 April, 22:59:59 UTC. */
	assert_int_equal(civil_end_of_day_after(1773144000, 28, L), 1775602799);
	/* 2026-10-20 12:00 BST + 7: end of 27 October, 23:59:59 GMT. */
	assert_int_equal(civil_end_of_day_after(1792494000, 7, L), 1793145599);
	/* 2026-10-01 09:00 BST + 28: end of 29 October GMT. */
	assert_int_equal(civil_end_of_day_after(1790841600, 28, L), 1793318399);
	/* The change days themselves (23 and 25 hours long). */
	assert_int_equal(civil_end_of_day_after(1774744200, 0, L), 1774825199);
	assert_int_equal(civil_end_of_day_after(1792881000 + 3600, 0, L), 1792972799);
	/* New York: 2026-03-01 09:00 EST + 28 is the end of 29 March EDT. */
	assert_int_equal(civil_end_of_day_after(1772373600, 28, "America/New_York"), 1774843199);
	/* Sydney, the other way round: 2026-03-20 10:00 AEDT + 28 is the end
	 * of 17 April AEST; 2026-09-20 10:00 AEST + 28 the end of 18 October
	 * AEDT. */
	assert_int_equal(civil_end_of_day_after(1773961200, 28, "Australia/Sydney"), 1776434399);
	assert_int_equal(civil_end_of_day_after(1789862400, 28, "Australia/Sydney"), 1792328399);
	/* Santiago repeats 23:00-24:00 on 4 April 2026: the day ends at the
	 * second 23:59:59 (03:59:59 UTC on the 5th); 5 September ends just
	 * before the jump from 00:00 to 01:00. */
	assert_int_equal(civil_end_of_day_after(1775361600 - 86400, 0, "America/Santiago"),
	                 1775361599);
	assert_int_equal(civil_end_of_day_after(1788667199 - 3600, 0, "America/Santiago"),
	                 1788667199);
	/* Samoa: the day before the skipped one ends 09:59:59 UTC on the 30th. */
	assert_int_equal(civil_end_of_day_after(1325160000, 0, "Pacific/Apia"), 1325239199);
}

static void end_of_day_uses_the_local_date(void **state)
{
	/* 2026-07-01 23:30 UTC is already 2 July in Kolkata and Chatham, but
	 * still 1 July in New York. */
	assert_int_equal(civil_end_of_day_after(1782948600, 0, "Asia/Kolkata"), 1783016999);
	assert_int_equal(civil_end_of_day_after(1782948600, 0, "Pacific/Chatham"), 1782990899);
	assert_int_equal(civil_end_of_day_after(1782948600, 0, "America/New_York"), 1782964799);
	/* New Year's Day in Sydney. */
	assert_int_equal(civil_end_of_day_after(1798759800, 0, "Australia/Sydney"), 1798808399);
	/* UTC: the end of 1 July 2026. */
	assert_int_equal(civil_end_of_day_after(1782948600, 0, NULL), 1782950399);
}

static void end_of_day_over_month_year_and_leap_day(void **state)
{
	const char *L = "Europe/London";
	assert_int_equal(civil_end_of_day_after(1797778800, 12, L), 1798847999); /* 20 Dec -> 1 Jan */
	assert_int_equal(civil_end_of_day_after(1769846400, 1, L), 1769990399);  /* 31 Jan -> 1 Feb */
	assert_int_equal(civil_end_of_day_after(1835337600, 1, L), 1835481599);  /* -> 29 Feb 2028 */
	assert_int_equal(civil_end_of_day_after(1835337600, 2, L), 1835567999);  /* -> 1 Mar 2028 */
	assert_int_equal(civil_end_of_day_after(1803801600, 1, L), 1803945599);  /* 2027: 1 Mar */
	assert_int_equal(civil_end_of_day_after(1830326400, 366, L), 1862006399); /* 2028 -> 2029 */
}

static void end_of_day_before(void **state)
{
	const char *L = "Europe/London";
	/* The agenda for a meeting at 18:00 BST on 2 April 2026 closes 7 days
	 * before: the end of 26 March, still GMT. */
	assert_int_equal(civil_end_of_day_after(1775149200, -7, L), 1774569599);
	/* 1 November 2026 10:00 GMT - 7 days: end of 25 October. */
	assert_int_equal(civil_end_of_day_after(1793527200, -7, L), 1792972799);
	/* 30 March 2028 12:00 BST - 30 days: end of leap day (GMT). */
	assert_int_equal(civil_end_of_day_after(1838026800, -30, L), 1835481599);
	/* New York: 10 November 2026 - 10 days is the end of 31 October EDT. */
	assert_int_equal(civil_end_of_day_after(1794319200, -10, "America/New_York"), 1793505599);
}

static void end_of_day_is_clamped(void **state)
{
	/* The last and first days that exist. */
	assert_int_equal(civil_end_of_day_after(253402300799, 5, NULL), 253402300799);
	assert_int_equal(civil_end_of_day_after(-62135596800, -5, "UTC"), -62135596800 + 86399);
	assert_int_equal(civil_end_of_day_after(0, 2147483647, NULL), 253402300799);
}

static void days_between(void **state)
{
	const char *L = "Europe/London";
	/* 12:00 GMT on 28 March to 12:00 BST on 29 March: 23 hours, 1 day. */
	assert_int_equal(civil_days_between(1774699200, 1774782000, L), 1);
	/* 23:30 BST 24 October to 23:30 GMT 25 October: 25 hours, 1 day. */
	assert_int_equal(civil_days_between(1792881000, 1792971000, L), 1);
	/* 00:30 GMT and 23:30 BST on 29 March: the same day. */
	assert_int_equal(civil_days_between(1774744200, 1774823400, L), 0);
	assert_int_equal(civil_days_between(1774823400, 1774744200, L), 0);
	/* 2026-03-10 09:00 AEDT to 2026-04-07 17:00 AEST: 28 days in Sydney;
	 * in London the first is 22:00 GMT on 9 March, so 29. */
	assert_int_equal(civil_days_between(1773093600, 1775545200, "Australia/Sydney"), 28);
	assert_int_equal(civil_days_between(1773093600, 1775545200, L), 29);
	assert_int_equal(civil_days_between(1775545200, 1773093600, L), -29);
	/* An hour apart across midnight UTC: a day in UTC, none in Kolkata
	 * (05:00 and 06:00 on 2 July) or New York (19:30, 20:30 on 1 July). */
	assert_int_equal(civil_days_between(1782948600, 1782952200, NULL), 1);
	assert_int_equal(civil_days_between(1782948600, 1782952200, "Asia/Kolkata"), 0);
	assert_int_equal(civil_days_between(1782948600, 1782952200, "America/New_York"), 0);
	/* A leap year. */
	assert_int_equal(civil_days_between(1830297600, 1861920000, "UTC"), 366);
	assert_int_equal(civil_days_between(5, 5, "Pacific/Chatham"), 0);
}

/* ---- validation and parsing ---- */

static void dates_are_checked(void **state)
{
	assert_true(civil_date_valid(2028, 2, 29));
	assert_true(civil_date_valid(2000, 2, 29));
	assert_false(civil_date_valid(2100, 2, 29));
	assert_false(civil_date_valid(2026, 2, 29));
	assert_true(civil_date_valid(2026, 12, 31));
	assert_false(civil_date_valid(2026, 4, 31));
	assert_false(civil_date_valid(2026, 1, 0));
	assert_false(civil_date_valid(2026, 0, 1));
	assert_false(civil_date_valid(2026, 13, 1));
	assert_true(civil_date_valid(1, 1, 1));
	assert_true(civil_date_valid(9999, 12, 31));
	assert_false(civil_date_valid(0, 1, 1));
	assert_false(civil_date_valid(10000, 1, 1));
}

static void parse_date(void **state)
{
	int y = -1, m = -1, d = -1;
	assert_true(civil_parse_date("2026-03-29", &y, &m, &d));
	assert_int_equal(y, 2026);
	assert_int_equal(m, 3);
	assert_int_equal(d, 29);
	assert_true(civil_parse_date("2028-02-29", &y, &m, &d));
	assert_int_equal(d, 29);
	const char *bad[] = { "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "0000-01-01",
	                      "2026-3-29", "2026-03-9", "26-03-29", "2026-03-29 ", " 2026-03-29",
	                      "2026/03/29", "20260329", "+026-03-29", "2026-03-2x", "2026-03-29T00",
	                      "", NULL };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		y = m = d = -1;
		assert_false(civil_parse_date(bad[i], &y, &m, &d));
		assert_int_equal(y, -1);
		assert_int_equal(m, -1);
		assert_int_equal(d, -1);
	}
}

static void parse_clock(void **state)
{
	int h = -1, m = -1;
	assert_true(civil_parse_clock("00:00", &h, &m));
	assert_int_equal(h, 0);
	assert_int_equal(m, 0);
	assert_true(civil_parse_clock("23:59", &h, &m));
	assert_int_equal(h, 23);
	assert_int_equal(m, 59);
	assert_true(civil_parse_clock("09:05", &h, &m));
	assert_int_equal(h, 9);
	assert_int_equal(m, 5);
	const char *bad[] = { "24:00", "12:60", "9:05", "09:5", "09:05:00", "0905", "-1:00", "+9:00",
	                      "09-05", " 9:05", "09:05 ", "ab:cd", "", NULL };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		h = m = -1;
		assert_false(civil_parse_clock(bad[i], &h, &m));
		assert_int_equal(h, -1);
		assert_int_equal(m, -1);
	}
}

/* What people type in the UK, day before month; the strict forms too. */
static void read_typed_dates(void **state)
{
	static const struct { const char *typed; int y, m, d; } good[] = {
		{ "2026-12-10", 2026, 12, 10 }, { "10/12/2026", 2026, 12, 10 },
		{ " 1/2/2027 ", 2027, 2, 1 }, { "10.12.2026", 2026, 12, 10 },
		{ "10-12-26", 2026, 12, 10 }, { "10 Dec 2026", 2026, 12, 10 },
		{ "10 december 2026", 2026, 12, 10 }, { "10th December 2026", 2026, 12, 10 },
		{ "1st Sept 2026", 2026, 9, 1 }, { "Thursday 10 December 2026", 2026, 12, 10 },
		{ "Thu, 10 Dec 2026", 2026, 12, 10 }, { "December 10, 2026", 2026, 12, 10 },
		{ "29/2/2028", 2028, 2, 29 },
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		int y = -1, m = -1, d = -1;
		if (!civil_read_date(good[i].typed, &y, &m, &d)) fail_msg("refused \"%s\"", good[i].typed);
		assert_int_equal(y, good[i].y);
		assert_int_equal(m, good[i].m);
		assert_int_equal(d, good[i].d);
	}
	const char *bad[] = { "29/2/2026", "32/1/2026", "10/13/2026", "10/12", "10 Dec",
	                      "Dec 2026", "10 Decembre 2026", "10/12-2026", "10/12/202",
	                      "Funday 10 Dec 2026", "10 Dec 2026 14:00", "tomorrow", "10.12.2026.",
	                      "", NULL };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int y = -1, m = -1, d = -1;
		if (civil_read_date(bad[i], &y, &m, &d)) fail_msg("took \"%s\"", bad[i]);
		assert_int_equal(y, -1);
	}
}

static void read_typed_clocks(void **state)
{
	static const struct { const char *typed; int h, m; } good[] = {
		{ "14:00", 14, 0 }, { "14.00", 14, 0 }, { "9:05", 9, 5 }, { "2pm", 14, 0 },
		{ "2 pm", 14, 0 }, { "2:30 pm", 14, 30 }, { "2.30 P.M.", 14, 30 }, { "12pm", 12, 0 },
		{ "12am", 0, 0 }, { "11:59pm", 23, 59 }, { "9am", 9, 0 }, { " noon ", 12, 0 },
		{ "Midday", 12, 0 }, { "midnight", 0, 0 },
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		int h = -1, m = -1;
		if (!civil_read_clock(good[i].typed, &h, &m)) fail_msg("refused \"%s\"", good[i].typed);
		assert_int_equal(h, good[i].h);
		assert_int_equal(m, good[i].m);
	}
	const char *bad[] = { "2", "14", "13pm", "0am", "24:00", "12:60", "2:3pm", "2 o'clock",
	                      "2pm pm", "1400", "2:30 xm", "soon", "", NULL };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int h = -1, m = -1;
		if (civil_read_clock(bad[i], &h, &m)) fail_msg("took \"%s\"", bad[i]);
		assert_int_equal(h, -1);
	}
}

/* ---- threads ---- */

struct expectation {
	const char *zone;
	int64_t t;
	int hour, minute, offset;          /* civil_from_utc(t) */
	int y, mo, d, h, mi;               /* a wall time ... */
	enum civil_match match;            /* ... and what civil_to_utc says */
	int64_t instant;
	int64_t eod_from, eod;             /* civil_end_of_day_after(eod_from, 28) */
	int failures;
};

static void *hammer(void *arg)
{
	struct expectation *e = arg;
	for (int i = 0; i < 3000; i++) {
		struct civil c;
		civil_from_utc(e->t, e->zone, &c);
		if (c.hour != e->hour || c.minute != e->minute || c.utc_offset_seconds != e->offset)
			e->failures++;
		int64_t got = 0;
		if (civil_to_utc(e->y, e->mo, e->d, e->h, e->mi, e->zone, &got) != e->match ||
		    got != e->instant)
			e->failures++;
		if (civil_end_of_day_after(e->eod_from, 28, e->zone) != e->eod) e->failures++;
	}
	return NULL;
}

static void threads_with_different_zones(void **state)
{
	/* 2026-01-15 12:00 UTC as above; the gap, repeated-hour and 28-day
	 * values from the tests before. */
	struct expectation e[] = {
		{ "Europe/London", 1768478400, 12, 0, 0,
		  2026, 3, 29, 1, 30, CIVIL_GAP, 1774747800, 1773144000, 1775602799, 0 },
		{ "Australia/Sydney", 1768478400, 23, 0, 39600,
		  2026, 4, 5, 2, 30, CIVIL_AMBIGUOUS, 1775316600, 1773961200, 1776434399, 0 },
		{ "America/New_York", 1768478400, 7, 0, -18000,
		  2026, 3, 8, 2, 30, CIVIL_GAP, 1772955000, 1772373600, 1774843199, 0 },
		{ "Asia/Kolkata", 1768478400, 17, 30, 19800,
		  2026, 7, 1, 17, 30, CIVIL_EXACT, 1782907200, 0, 0, 0 },
		{ NULL, 1768478400, 12, 0, 0,
		  2026, 7, 1, 17, 30, CIVIL_EXACT, 1782927000, 1773144000, 1775606399, 0 },
	};
	/* Kolkata: 2026-03-10 12:00 GMT is 17:30 IST; 28 days on is the end of
	 * 7 April IST, 18:29:59 UTC (TZ=Asia/Kolkata date -d "2026-04-07
	 * 23:59:59" +%s). UTC: the end of 7 April, 23:59:59 UTC. */
	e[3].eod_from = 1773144000;
	e[3].eod = 1775586599;
	enum { N = sizeof e / sizeof *e };
	pthread_t th[N];
	for (int i = 0; i < N; i++) assert_int_equal(pthread_create(&th[i], NULL, hammer, &e[i]), 0);
	for (int i = 0; i < N; i++) assert_int_equal(pthread_join(th[i], NULL), 0);
	for (int i = 0; i < N; i++) assert_int_equal(e[i].failures, 0);
}

int main(void)
{
	build_references(); /* before anything in civil_time.c runs; leaves TZ=UTC */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(london_either_side_of_each_change),
		cmocka_unit_test(other_zones),
		cmocka_unit_test(missing_or_unknown_zones_are_utc),
		cmocka_unit_test(instants_are_clamped_to_years_1_to_9999),
		cmocka_unit_test(zones_alternate_between_calls),
		cmocka_unit_test(references_are_many),
		cmocka_unit_test(every_reference_in_order_and_again),
		cmocka_unit_test(every_reference_shuffled),
		cmocka_unit_test(every_day_of_years_1_to_9999_in_utc),
		cmocka_unit_test(references_from_many_threads),
		cmocka_unit_test(ordinary_times),
		cmocka_unit_test(gaps_shift_forward),
		cmocka_unit_test(repeated_times_take_the_earlier),
		cmocka_unit_test(invalid_input_is_refused),
		cmocka_unit_test(round_trips_every_quarter_hour_of_2026_in_chatham),
		cmocka_unit_test(start_of_day),
		cmocka_unit_test(end_of_day_across_changes),
		cmocka_unit_test(end_of_day_uses_the_local_date),
		cmocka_unit_test(end_of_day_over_month_year_and_leap_day),
		cmocka_unit_test(end_of_day_before),
		cmocka_unit_test(end_of_day_is_clamped),
		cmocka_unit_test(days_between),
		cmocka_unit_test(dates_are_checked),
		cmocka_unit_test(parse_date),
		cmocka_unit_test(parse_clock),
		cmocka_unit_test(read_typed_dates),
		cmocka_unit_test(read_typed_clocks),
		cmocka_unit_test(threads_with_different_zones),
	};
	return cmocka_run_group_tests_name("civil time", tests, NULL, NULL);
}
