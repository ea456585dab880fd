/* Times are stored in UTC and shown in a panel's zone (web/ui/layout.c's
 * format_time): across clock changes, and alternating zones. */
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

#include "web/ui/layout.h"

static const char *fmt(struct request *req, int64_t t, const char *zone)
{
	return format_time(req, t, zone);
}

static void summer_and_winter_in_london(void **state)
{
	struct request req = {0};
	/* 2026-07-01 12:00 UTC is 13:00 BST; 2026-01-15 12:00 UTC is 12:00 GMT. */
	assert_string_equal(fmt(&req, 1782907200, "Europe/London"), "1 July 2026, 13:00");
	assert_string_equal(fmt(&req, 1768478400, "Europe/London"), "15 January 2026, 12:00");
	/* Either side of the spring change (29 March 2026, 01:00 UTC). */
	assert_string_equal(fmt(&req, 1774745940, "Europe/London"), "29 March 2026, 00:59");
	assert_string_equal(fmt(&req, 1774746000, "Europe/London"), "29 March 2026, 02:00");
	arena_free(&req.arena);
}

static void zones_alternate_without_leaking(void **state)
{
	struct request req = {0};
	for (int i = 0; i < 3; i++) {
		assert_string_equal(fmt(&req, 1782907200, "America/New_York"), "1 July 2026, 08:00");
		assert_string_equal(fmt(&req, 1782907200, "Asia/Kolkata"), "1 July 2026, 17:30");
		assert_string_equal(fmt(&req, 1782907200, "UTC"), "1 July 2026, 12:00");
		assert_string_equal(fmt(&req, 1782907200, ""), "1 July 2026, 12:00");
	}
	arena_free(&req.arena);
}

/* ---- against the C library and printf ----
 *
 * format_time() writes its digits itself and civil_from_utc() caches
 * offsets per thread; the references here are what the first version
 * gave: localtime_r() under setenv("TZ") and "%d %s %d, %02d:%02d". They
 * are worked out in main() before any test runs, every 59 seconds through
 * the hours around each clock change of 2024-2027, a spread of
 * other instants, and the first and last instants there are (years 0 and
 * 10000 appear in zones either side of UTC). */
static const char *const zones[] = { "Europe/London", "America/New_York", "Pacific/Auckland",
	"Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham" };
enum { ZONES = sizeof zones / sizeof *zones, REF_MAX = 80000 };

struct ref {
	int zone;
	int64_t t;
	char text[48];
};
static struct ref refs[REF_MAX];
static int nrefs, changes;

static long gmtoff_at(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	return localtime_r(&tt, &tm) ? tm.tm_gmtoff : -999999;
}

static void add_ref(int zone, int64_t t)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December" };
	time_t tt = (time_t)t;
	struct tm tm;
	if (nrefs == REF_MAX || !localtime_r(&tt, &tm)) return;
	refs[nrefs].zone = zone;
	refs[nrefs].t = t;
	snprintf(refs[nrefs].text, sizeof refs[nrefs].text, "%d %s %d, %02d:%02d", tm.tm_mday,
	         months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
	nrefs++;
}

static void build_references(void)
{
	for (int z = 0; z < ZONES; z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		/* 2024-01-01 to 2028-01-01 UTC. */
		for (int64_t t = 1704067200; t < 1830297600; t += 6 * 3600) {
			if (gmtoff_at(t) == gmtoff_at(t + 6 * 3600)) {
				add_ref(z, t + 4321); /* an ordinary instant */
				continue;
			}
			changes++;
			for (int64_t u = t - 7200; u <= t + 6 * 3600 + 7200; u += 59) add_ref(z, u);
		}
		add_ref(z, -62135596800LL);
		add_ref(z, -62135596800LL + 59);
		add_ref(z, 253402300799LL - 60);
		add_ref(z, 253402300799LL);
	}
	setenv("TZ", "UTC", 1); /* as main() does */
	tzset();
}

static int mismatches(struct request *req, int from, int step, int only_zone)
{
	int bad = 0;
	for (int k = 0; k < nrefs; k++) {
		const struct ref *r = &refs[(int)(((int64_t)from + (int64_t)k * step) % nrefs)];
		if (only_zone >= 0 && r->zone != only_zone) continue;
		const char *got = fmt(req, r->t, zones[r->zone]);
		if (strcmp(got, r->text) && !bad++)
			fprintf(stderr, "%s at %lld: \"%s\", expected \"%s\"\n", zones[r->zone],
			        (long long)r->t, got, r->text);
		if (k % 1000 == 999) arena_free(&req->arena);
	}
	arena_free(&req->arena);
	return bad;
}

static int stride(void)
{
	int step = 7919;
	while (nrefs % step == 0) step += 2;
	return step;
}

static void same_text_as_localtime_and_printf(void **state)
{
	struct request req = {0};
	/* Two changes a year, 2024-2027, in all but Kolkata. */
	assert_int_equal(changes, 5 * 8);
	assert_true(nrefs > 40000 && nrefs < REF_MAX);
	assert_int_equal(mismatches(&req, 0, 1, -1), 0);
	assert_int_equal(mismatches(&req, 0, 1, -1), 0);
	assert_int_equal(mismatches(&req, 1, stride(), -1), 0);
}

static void extremes_and_short_fields(void **state)
{
	struct request req = {0};
	/* One-digit days, the longest month name, and years 1, 0 and 10000. */
	assert_string_equal(fmt(&req, 1788566400, "UTC"), "5 September 2026, 00:00");
	assert_string_equal(fmt(&req, INT64_MIN, NULL), "1 January 1, 00:00");
	assert_string_equal(fmt(&req, INT64_MIN, "America/New_York"), "31 December 0, 19:03");
	assert_string_equal(fmt(&req, INT64_MAX, "Asia/Kolkata"), "1 January 10000, 05:29");
	arena_free(&req.arena);
}

struct worker {
	int zone, from, step, bad;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct request *req = calloc(1, sizeof *req);
	if (!req) return NULL;
	for (int pass = 0; pass < 3; pass++) w->bad += mismatches(req, w->from + pass, w->step, w->zone);
	free(req);
	return NULL;
}

static void threads_in_different_zones(void **state)
{
	enum { N = ZONES + 2 };
	struct worker w[N];
	pthread_t th[N];
	for (int i = 0; i < N; i++)
		w[i] = (struct worker){ i < ZONES ? i : -1, i * 37, i % 2 ? 1 : stride(), 0 };
	for (int i = 0; i < N; i++) assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
	for (int i = 0; i < N; i++) assert_int_equal(pthread_join(th[i], NULL), 0);
	for (int i = 0; i < N; i++) assert_int_equal(w[i].bad, 0);
}

int main(void)
{
	build_references(); /* before anything in civil_time.c runs; leaves TZ=UTC */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summer_and_winter_in_london),
		cmocka_unit_test(zones_alternate_without_leaking),
		cmocka_unit_test(same_text_as_localtime_and_printf),
		cmocka_unit_test(extremes_and_short_fields),
		cmocka_unit_test(threads_in_different_zones),
	};
	return cmocka_run_group_tests_name("time zones", tests, NULL, NULL);
}
