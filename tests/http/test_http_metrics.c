/* Issue 23, point 5: /metrics. Only with the token serve was given (none:
 * not there; a wrong one: 401); read by prometheus_client's own parser of
 * the text format (tests/http/prom_check.py); requests counted by route
 * group and status class, a histogram whose count is its +Inf bucket, the
 * database's figures; and nothing a person wrote or is called, nor an id
 * from a path, anywhere in it (the sweep sees the names it looks for in
 * the members list first). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "api_json.h"
#include "harness.h"

#define TOKEN "metrics-token-for-the-test-0123456789"

static struct server srv, plain;
static struct client *sam, *anon;
static char token_file[300];

static int setup(void **state)
{
	(void)state;
	snprintf(token_file, sizeof token_file, "/tmp/ec-metrics-token-XXXXXX");
	int fd = mkstemp(token_file);
	if (fd < 0 || write(fd, TOKEN "\n", strlen(TOKEN) + 1) < 0) return -1;
	close(fd);
	const char *const flags[] = { "--metrics-token-file", token_file, NULL };
	if (!server_start_with(&srv, flags) || !server_start(&plain)) return -1;
	sam = client_new(&srv);
	anon = client_new(&srv);
	return client_sign_in(sam, "sam@demo.emptychair.org", NULL) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_free(sam);
	client_free(anon);
	unlink(token_file);
	int a = server_stop(&plain), b = server_stop(&srv);
	return a == 0 && b == 0 ? 0 : -1;
}

static struct response *metrics(struct client *c, const char *token)
{
	char header[128] = "";
	if (token) snprintf(header, sizeof header, "Authorization: Bearer %s", token);
	return http(c, "GET", "/metrics", NULL, NULL,
	            token ? (const char *const[]){ header, NULL } : NULL);
}

/* The value of the sample called line (name{labels}) in the parser's
 * print-out, or -1. */
static double sample(const char *parsed, const char *line)
{
	char want[300];
	snprintf(want, sizeof want, "\n%s ", line);
	const char *at = strstr(parsed, want);
	return at ? strtod(at + strlen(want), NULL) : -1;
}

static void only_with_the_token(void **state)
{
	(void)state;
	struct client *c = client_new(&plain);
	struct response *r = metrics(c, TOKEN);
	assert_int_equal(r->status, 404); /* no token given to that server: not there */
	response_free(r);
	client_free(c);
	r = metrics(anon, NULL);
	assert_int_equal(r->status, 401);
	response_free(r);
	r = metrics(anon, "metrics-token-for-the-test-0123456788");
	assert_int_equal(r->status, 401);
	response_free(r);
	r = metrics(sam, "short");
	assert_int_equal(r->status, 401); /* signed in is not enough */
	response_free(r);
}

static void counted_parsed_and_nameless(void **state)
{
	(void)state;
	/* some requests to count */
	const char *paths[] = { "/panels", "/panels/1/meetings", "/panels/1/meetings",
	                        "/no-such-page", "/api/v1/panels/1/members" };
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) response_free(get(sam, paths[i]));
	struct response *r = metrics(anon, TOKEN);
	assert_int_equal(r->status, 200);
	char *type = header_value(r, "content-type");
	assert_string_equal(type, "text/plain; version=0.0.4; charset=utf-8");
	free(type);
	/* read by prometheus_client's parser */
	char path[] = "/tmp/ec-metrics-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, r->body, r->len), (ssize_t)r->len);
	close(fd);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s/tests/http/prom_check.py %s",
	         getenv("EMPTYCHAIR_SOURCE_ROOT"), path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	static char parsed[65536] = "\n";
	size_t n = fread(parsed + 1, 1, sizeof parsed - 2, p);
	parsed[n + 1] = 0;
	assert_int_equal(pclose(p), 0);
	unlink(path);
	/* by route group and status class */
	assert_true(sample(parsed, "emptychair_requests_total{group=panels/meetings,status=2xx}") >= 2);
	assert_true(sample(parsed, "emptychair_requests_total{group=unmatched,status=4xx}") >= 1);
	assert_true(sample(parsed, "emptychair_requests_total{group=api panels/members,status=2xx}") >= 1);
	/* the histogram's count is its +Inf bucket, and counts them all */
	double inf = sample(parsed, "emptychair_request_duration_seconds_bucket{le=+Inf}");
	assert_true(inf >= 5);
	assert_true(sample(parsed, "emptychair_request_duration_seconds_count{}") == inf);
	assert_true(sample(parsed, "emptychair_database_bytes{}") > 0);
	assert_true(sample(parsed, "emptychair_sessions{}") >= 1);
	assert_true(sample(parsed, "emptychair_outbox_waiting{}") >= 0);
	assert_true(sample(parsed, "emptychair_outbox_failed{}") >= 0);
	/* nothing a person wrote or is called: the sweep sees the names in
	 * the members list, and none in the metrics */
	json_t *m = call_json(sam, "GET", "/api/v1/panels/1/members", NULL, 200);
	json_t *list = json_object_get(m, "members");
	assert_true(json_array_size(list) >= 5);
	for (size_t i = 0; i < json_array_size(list); i++) {
		const char *name = str(json_array_get(list, i), "display_name");
		if (strstr(r->body, name)) fail_msg("the metrics name %s", name);
	}
	json_decref(m);
	static const char *const bad[] = { "@", "Just Voices", "/panels/1", "no-such-page", "?" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strstr(r->body, bad[i])) fail_msg("the metrics hold \"%s\"", bad[i]);
	response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_with_the_token),
		cmocka_unit_test(counted_parsed_and_nameless),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
