/* Counting requests for /metrics (metrics.h). */
#include "web/http/metrics.h"

#include "core/lang.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

enum { GROUPS_MAX = 128, CLASSES = 6 /* unknown, 1xx..5xx */ };

/* A route's group: "api " for the JSON API, then its first two literal
 * segments ("panels/reports" for /panels/{id}/reports/{id}); "home" for /. */
static char group_names[GROUPS_MAX][48];
static int n_groups;
static int *route_group;          /* by route index */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static _Atomic uint64_t requests[GROUPS_MAX + 1][CLASSES]; /* + 1: unmatched */
static const double bounds[] = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                 2.5, 5 };
enum { BUCKETS = sizeof bounds / sizeof bounds[0] };
static _Atomic uint64_t buckets[BUCKETS + 1];  /* not cumulative; the last: above all */
static _Atomic uint64_t total_ns;

static void group_of(const char *pattern, char *out, size_t size)
{
	bool api = !strncmp(pattern, "/api/", 5);
	const char *p = api ? pattern + 5 : pattern;
	int taken = 0;
	size_t len = (size_t)snprintf(out, size, "%s", api ? "api " : "");
	while (*p && taken < 2) {
		while (*p == '/') p++;
		size_t n = strcspn(p, "/");
		bool literal = n && *p != '{' && *p != '*' && !(api && n == 2 && !strncmp(p, "v1", 2));
		if (literal && len + n + 2 < size) {
			len += (size_t)snprintf(out + len, size - len, "%s%.*s", taken ? "/" : "", (int)n, p);
			taken++;
		}
		p += n;
	}
	if (!taken) snprintf(out + len, size - len, "home");
}

static void make_groups(void)
{
	static int indexes[1024];
	route_group = indexes;
	for (int i = 0; i < route_count && i < 1024; i++) {
		char name[48];
		group_of(routes[i].pattern, name, sizeof name);
		int g = 0;
		while (g < n_groups && strcmp(group_names[g], name)) g++;
		if (g == n_groups && n_groups < GROUPS_MAX) snprintf(group_names[n_groups++], 48, "%s", name);
		indexes[i] = g < GROUPS_MAX ? g : GROUPS_MAX;
	}
}

void metrics_record(const struct route *r, int status, uint64_t ns)
{
	pthread_once(&once, make_groups);
	int g = r && r >= routes && r - routes < route_count && r - routes < 1024
	        ? route_group[r - routes]
	        : GROUPS_MAX;
	int c = status >= 100 && status < 600 ? status / 100 : 0;
	atomic_fetch_add_explicit(&requests[g][c], 1, memory_order_relaxed);
	double s = (double)ns / 1e9;
	int b = 0;
	while (b < BUCKETS && s > bounds[b]) b++;
	atomic_fetch_add_explicit(&buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&total_ns, ns, memory_order_relaxed);
}

static void gauge(struct buf *b, const char *name, const char *help, int64_t v)
{
	buf_printf(b, "# HELP %s %s\n# TYPE %s gauge\n%s %lld\n", name, help, name, name,
	           (long long)v);
}

void metrics_write(struct buf *b, const struct store_metrics *db, int in_flight)
{
	pthread_once(&once, make_groups);
	static const char *const classes[CLASSES] = { "other", "1xx", "2xx", "3xx", "4xx", "5xx" };
	buf_puts(b, "# HELP emptychair_requests_total Requests answered, by route group and status "
	            "class.\n# TYPE emptychair_requests_total counter\n");
	for (int g = 0; g <= n_groups; g++) {
		const char *name = g < n_groups ? group_names[g] : "unmatched";
		int at = g < n_groups ? g : GROUPS_MAX;
		for (int c = 0; c < CLASSES; c++) {
			uint64_t n = atomic_load_explicit(&requests[at][c], memory_order_relaxed);
			if (n)
				buf_printf(b, "emptychair_requests_total{group=\"%s\",status=\"%s\"} %llu\n", name,
				           classes[c], (unsigned long long)n);
		}
	}
	buf_puts(b, "# HELP emptychair_request_duration_seconds Time from a request's first byte "
	            "to its answer.\n# TYPE emptychair_request_duration_seconds histogram\n");
	uint64_t cumulative = 0;
	for (int i = 0; i <= BUCKETS; i++) {
		cumulative += atomic_load_explicit(&buckets[i], memory_order_relaxed);
		if (i < BUCKETS)
			buf_printf(b, "emptychair_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
			           bounds[i], (unsigned long long)cumulative);
		else
			buf_printf(b, "emptychair_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
			           (unsigned long long)cumulative);
	}
	/* the count is the buckets' total, so that it equals le="+Inf" */
	buf_printf(b, "emptychair_request_duration_seconds_sum %.6f\n"
	              "emptychair_request_duration_seconds_count %llu\n",
	           (double)atomic_load_explicit(&total_ns, memory_order_relaxed) / 1e9,
	           (unsigned long long)cumulative);
	gauge(b, "emptychair_requests_in_flight", "Requests being answered now.", in_flight);
	gauge(b, "emptychair_outbox_waiting", "Messages waiting to be sent.", db->outbox_waiting);
	gauge(b, "emptychair_outbox_failed", "Messages given up on after their last try.",
	      db->outbox_failed);
	gauge(b, "emptychair_sessions", "Sign-ins not yet expired.", db->sessions);
	gauge(b, "emptychair_database_bytes", "The size of the database.", db->database_bytes);
}

void metrics_get(struct request *req)
{
	const char *want = req->cfg->metrics_token;
	if (!want) {
		/* off unless a token is set: as if there were no such page */
		respond_error(req, 404, "not_found", _("There is no such page."));
		return;
	}
	const char *given = req_header(req, "Authorization");
	size_t n = strlen(want);
	if (!given || strncmp(given, "Bearer ", 7) || strlen(given + 7) != n ||
	    sodium_memcmp(given + 7, want, n)) {
		respond_header(req, "WWW-Authenticate", "Bearer");
		respond_error(req, 401, "unauthorized",
		              _("Send the metrics token as 'Authorization: Bearer ...'."));
		return;
	}
	struct store_metrics db;
	if (store_metrics(req->store, req->now, &db) != ST_OK) {
		respond_error(req, 503, "unavailable", _("The database did not answer."));
		return;
	}
	metrics_write(&req->out, &db, server_requests_in_flight());
	req->status = 200;
	req->content_type = "text/plain; version=0.0.4; charset=utf-8";
}
