/* A micro-benchmark of format_time() and civil_from_utc(): not built by
 * meson (it is not a test). Build against a build directory, e.g.
 *
 *   cc -O2 -std=c17 -D_GNU_SOURCE -Isrc bench/format_time.c \
 *      build-ft/src/libemptychair.a -lpthread -o /tmp/bench-format-time
 *   /tmp/bench-format-time [calls [order|civil|scattered|pages]]
 *   valgrind --tool=callgrind /tmp/bench-format-time 100000 order
 *
 * (add whatever else libemptychair.a needs to link, e.g. $(pkg-config
 * --libs ...)). Three patterns, each over instants spread across 2025-2027
 * in Europe/London: in time order (about a thousand calls per UTC day),
 * scattered (a different day each call, the worst case for a per-day
 * cache) and "pages" (runs of 50 instants within a few weeks, one zone per
 * page, zones alternating between pages). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/civil_time.h"
#include "web/ui/layout.h"

#define START 1735689600LL   /* 2025-01-01T00:00:00Z */
#define SPAN  (3LL * 365 * 86400)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t next(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

int main(int argc, char **argv)
{
	setenv("TZ", "UTC", 1); /* as main() does */
	tzset();
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	const char *only = argc > 2 ? argv[2] : "";
#define RUN(name) (!*only || !strcmp(only, name))
	struct request req = {0};
	size_t sink = 0;
	uint64_t seed = 42;

	double t0 = now();
	for (long i = 0; i < n && RUN("order"); i++) {
		sink += format_time(&req, START + SPAN * i / n, "Europe/London")[0];
		if (i % 1000 == 999) arena_free(&req.arena);
	}
	double t1 = now();
	for (long i = 0; i < n && RUN("civil"); i++) {
		struct civil c;
		civil_from_utc(START + SPAN * i / n, "Europe/London", &c);
		sink += (size_t)c.minute;
	}
	double t2 = now();
	for (long i = 0; i < n && RUN("scattered"); i++) {
		sink += format_time(&req, START + (int64_t)(next(&seed) % SPAN), "Europe/London")[0];
		if (i % 1000 == 999) arena_free(&req.arena);
	}
	double t3 = now();
	static const char *const zones[] = { "Europe/London", "America/New_York",
	                                     "Asia/Kolkata", "Pacific/Auckland" };
	int64_t base = START;
	for (long i = 0; i < n && RUN("pages"); i++) {
		if (i % 50 == 0) base = START + (int64_t)(next(&seed) % SPAN);
		const char *z = zones[i / 50 % 4];
		sink += format_time(&req, base + (int64_t)(next(&seed) % (21 * 86400)), z)[0];
		if (i % 1000 == 999) arena_free(&req.arena);
	}
	double t4 = now();
	arena_free(&req.arena);
	printf("format_time, in order:   %7.1f ns/call\n", (t1 - t0) * 1e9 / n);
	printf("civil_from_utc, in order:%7.1f ns/call\n", (t2 - t1) * 1e9 / n);
	printf("format_time, scattered:  %7.1f ns/call\n", (t3 - t2) * 1e9 / n);
	printf("format_time, pages:      %7.1f ns/call\n", (t4 - t3) * 1e9 / n);
	return (int)(sink & 1);
}
