/* Times are stored in UTC and shown in a panel's zone (web/layout.c's
 * format_time): across clock changes, and alternating zones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/layout.h"

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

int main(void)
{
	setenv("TZ", "UTC", 1); /* as main() does */
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summer_and_winter_in_london),
		cmocka_unit_test(zones_alternate_without_leaking),
	};
	return cmocka_run_group_tests_name("time zones", tests, NULL, NULL);
}
