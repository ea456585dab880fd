/* HTTP behaviour every route shares: status codes for bad input, limits,
 * security headers, CSRF, keep-alive, static assets, the access log, and a
 * graceful stop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

static struct server srv;

static int setup(void **state)
{
	return server_start(&srv) ? 0 : -1;
}

static int teardown(void **state)
{
	/* A graceful stop is part of the contract: exit status 0. */
	return server_stop(&srv) == 0 ? 0 : -1;
}

static void healthz_and_security_headers(void **state)
{
	struct client *c = client_new(&srv);
	const char *paths[] = { "/healthz", "/sign-in", "/static/style.css", "/no-such-page" };
	for (size_t i = 0; i < 4; i++) {
		struct response *r = get(c, paths[i]);
		char *csp = header_value(r, "Content-Security-Policy");
		char *nosniff = header_value(r, "X-Content-Type-Options");
		char *referrer = header_value(r, "Referrer-Policy");
		assert_non_null(csp);
		assert_non_null(strstr(csp, "frame-ancestors 'none'"));
		assert_non_null(strstr(csp, "script-src 'self'"));
		assert_null(strstr(csp, "unsafe-inline"));
		assert_string_equal(nosniff, "nosniff");
		assert_non_null(referrer);
		free(csp);
		free(nosniff);
		free(referrer);
		response_free(r);
	}
	struct response *r = get(c, "/healthz");
	assert_int_equal(r->status, 200);
	assert_string_equal(r->body, "ok\n");
	response_free(r);
	client_free(c);
}

static void unknown_path_is_404_and_wrong_method_405(void **state)
{
	struct client *c = client_new(&srv);
	struct response *r = get(c, "/nowhere/at/all");
	assert_int_equal(r->status, 404);
	assert_true(contains(r, "Page not found"));
	response_free(r);
	r = get(c, "/api/v1/nowhere");
	assert_int_equal(r->status, 404);
	assert_true(contains(r, "\"code\":\"not_found\""));
	response_free(r);
	r = http(c, "DELETE", "/sign-in", NULL, NULL, NULL);
	assert_int_equal(r->status, 405);
	char *allow = header_value(r, "Allow");
	assert_non_null(allow);
	assert_non_null(strstr(allow, "GET"));
	assert_non_null(strstr(allow, "POST"));
	free(allow);
	response_free(r);
	/* Non-numeric or zero ids do not match {id}. */
	r = get(c, "/panels/abc");
	assert_int_equal(r->status, 404);
	response_free(r);
	r = get(c, "/panels/0");
	assert_int_equal(r->status, 404);
	response_free(r);
	client_free(c);
}

static void oversized_body_is_413(void **state)
{
	struct client *c = client_new(&srv);
	size_t n = 1024 * 1024 + 10;
	char *big = malloc(n + 1);
	memset(big, 'a', n);
	memcpy(big, "email=", 6);
	big[n] = 0;
	struct response *r = http(c, "POST", "/sign-in", big, NULL, NULL);
	assert_int_equal(r->status, 413);
	response_free(r);
	free(big);
	/* The server is still fine afterwards. */
	r = get(c, "/healthz");
	assert_int_equal(r->status, 200);
	response_free(r);
	client_free(c);
}

/* Without Content-Length the size is only known as the body arrives: the
 * server must still answer 413 (not drop the connection), and read a
 * chunked body under the limit as usual. */
static void oversized_chunked_body_is_413(void **state)
{
	struct client *c = client_new(&srv);
	response_free(get(c, "/sign-in"));
	char small[256];
	int n = snprintf(small, sizeof small, "csrf=%s&email=nobody%%40example.org&password=x",
	                 c->csrf);
	struct response *r = post_chunked(c, "/sign-in", small, (size_t)n, NULL);
	assert_int_not_equal(r->status, 403); /* the body, with its CSRF token, was read */
	assert_int_not_equal(r->status, 413);
	assert_int_not_equal(r->status, -1);
	response_free(r);

	size_t len = 2 * 1024 * 1024;
	char *big = malloc(len);
	memset(big, 'a', len);
	memcpy(big, "email=", 6);
	r = post_chunked(c, "/sign-in", big, len, NULL);
	assert_int_equal(r->status, 413);
	assert_true(contains(r, "larger than this server accepts"));
	response_free(r);
	free(big);
	r = get(c, "/healthz");
	assert_int_equal(r->status, 200);
	response_free(r);
	client_free(c);
}

static void long_uri_is_414(void **state)
{
	struct client *c = client_new(&srv);
	char path[3000] = "/sign-in?next=";
	memset(path + strlen(path), 'x', 2500);
	path[2600] = 0;
	struct response *r = get(c, path);
	assert_int_equal(r->status, 414);
	response_free(r);
	client_free(c);
}

static void oversized_headers_are_431(void **state)
{
	struct client *c = client_new(&srv);
	static char header[20100];
	memcpy(header, "X-Padding: ", 11);
	memset(header + 11, 'a', 20000);
	header[20011] = 0;
	const char *h[] = { header, NULL };
	struct response *r = http(c, "GET", "/sign-in", NULL, NULL, h);
	assert_int_equal(r->status, 431);
	response_free(r);
	/* A generous but ordinary header block is fine. */
	header[11 + 8000] = 0;
	r = http(c, "GET", "/sign-in", NULL, NULL, h);
	assert_int_equal(r->status, 200);
	response_free(r);
	client_free(c);
}

static void malformed_input_is_400(void **state)
{
	struct client *c = client_new(&srv);
	struct response *r = get(c, "/sign-in?next=%zz");
	assert_int_equal(r->status, 400);
	response_free(r);
	response_free(get(c, "/sign-in"));
	r = post_form(c, "/sign-in", "email=%4");
	assert_int_equal(r->status, 400);
	response_free(r);
	r = post_form(c, "/sign-in", "email=%ff%fe");
	assert_int_equal(r->status, 400);
	response_free(r);
	client_free(c);
}

static void wrong_content_type_is_415(void **state)
{
	struct client *c = client_new(&srv);
	response_free(get(c, "/sign-in"));
	struct response *r = http(c, "POST", "/sign-in", "{\"email\":\"x\"}", "application/json", NULL);
	assert_int_equal(r->status, 415);
	response_free(r);
	client_free(c);
}

static void csrf_missing_or_wrong_is_403(void **state)
{
	struct client *c = client_new(&srv);
	/* Before sign-in: the pre-session token. */
	response_free(get(c, "/sign-in"));
	struct response *r = http(c, "POST", "/sign-in", "email=a%40b.c&password=x", NULL, NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	r = http(c, "POST", "/sign-in", "csrf=0000&email=a%40b.c&password=x", NULL, NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	/* Signed in: a token from another session does not work. */
	struct client *other = client_new(&srv);
	assert_true(client_sign_in(other, "amira@demo.emptychair.org", NULL));
	assert_true(client_sign_in(c, "sam@demo.emptychair.org", NULL));
	char fields[256];
	snprintf(fields, sizeof fields, "csrf=%s&action=pause", other->csrf);
	r = http(c, "POST", "/panels/1/members/9", fields, NULL, NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	r = http(c, "POST", "/panels/1/members/9", "action=pause", NULL, NULL);
	assert_int_equal(r->status, 403);
	response_free(r);
	/* API writes with a session cookie need the X-CSRF-Token header. */
	r = http(c, "PATCH", "/api/v1/me/profile", "{\"fields\":{}}", "application/json", NULL);
	assert_int_equal(r->status, 403);
	assert_true(contains(r, "\"code\":\"csrf\""));
	response_free(r);
	r = send_json(c, "PATCH", "/api/v1/me/profile", "{\"fields\":{}}");
	assert_int_equal(r->status, 200);
	response_free(r);
	client_free(other);
	client_free(c);
}

static void keep_alive_reuses_the_connection(void **state)
{
	struct client *c = client_new(&srv);
	response_free(get(c, "/healthz"));
	for (int i = 0; i < 5; i++) {
		struct response *r = get(c, "/sign-in");
		assert_int_equal(r->status, 200);
		assert_int_equal(r->connects, 0); /* no new connection was needed */
		response_free(r);
	}
	client_free(c);
}

static void static_assets_are_cached_and_validated(void **state)
{
	struct client *c = client_new(&srv);
	struct response *r = get(c, "/static/style.css");
	assert_int_equal(r->status, 200);
	char *etag = header_value(r, "ETag"), *cc = header_value(r, "Cache-Control"),
	     *ct = header_value(r, "Content-Type");
	assert_non_null(etag);
	assert_non_null(strstr(cc, "max-age"));
	assert_non_null(strstr(ct, "text/css"));
	response_free(r);
	char inm[128];
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
	const char *h[] = { inm, NULL };
	r = http(c, "GET", "/static/style.css", NULL, NULL, h);
	assert_int_equal(r->status, 304);
	assert_int_equal(r->len, 0);
	response_free(r);
	r = get(c, "/static/missing.css");
	assert_int_equal(r->status, 404);
	response_free(r);
	r = http(c, "HEAD", "/static/style.css", NULL, NULL, NULL);
	assert_int_equal(r->status, 200);
	response_free(r);
	free(etag);
	free(cc);
	free(ct);
	client_free(c);
}

static void pages_are_not_cached(void **state)
{
	struct client *c = client_new(&srv);
	assert_true(client_sign_in(c, "sam@demo.emptychair.org", NULL));
	struct response *r = get(c, "/profile");
	char *cc = header_value(r, "Cache-Control");
	assert_string_equal(cc, "no-store");
	free(cc);
	response_free(r);
	client_free(c);
}

static void access_log_has_no_query_or_secrets(void **state)
{
	struct client *c = client_new(&srv);
	response_free(get(c, "/sign-in?next=/panels/SECRET-QUERY-VALUE"));
	assert_true(client_sign_in(c, "amira@demo.emptychair.org", NULL));
	char *log = server_log(&srv);
	assert_non_null(strstr(log, "GET /sign-in 200"));
	assert_null(strstr(log, "SECRET-QUERY-VALUE"));
	assert_null(strstr(log, "amira@demo"));
	assert_null(strstr(log, "kettle"));
	assert_null(strstr(log, "ec_session"));
	free(log);
	client_free(c);
}

/* A decoded path is written to the log: a newline in it must not start a
 * line of its own (log forging). */
static void access_log_escapes_control_bytes(void **state)
{
	struct client *c = client_new(&srv);
	struct response *r = get(c, "/nope%0aFAKE-LINE%5c%1b");
	assert_int_equal(r->status, 404);
	response_free(r);
	/* The line is written when the request completes, just after the
	 * answer reaches us: wait for it. */
	char *log = NULL;
	for (int i = 0; i < 200; i++) {
		free(log);
		log = server_log(&srv);
		if (strstr(log, "FAKE-LINE")) break;
		struct timespec pause = { 0, 10 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	assert_non_null(strstr(log, "GET /nope\\x0aFAKE-LINE\\x5c\\x1b 404"));
	for (const char *line = log; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		assert_false(!strncmp(line, "FAKE-LINE", 9));
	free(log);
	client_free(c);
}

static void session_cookie_is_httponly_samesite(void **state)
{
	struct client *c = client_new(&srv);
	response_free(get(c, "/sign-in"));
	char *fields = NULL;
	assert_true(asprintf(&fields, "email=sam%%40demo.emptychair.org&password=%s",
	                     "kettle+river+orange+lamp") > 0);
	struct response *r = post_form(c, "/sign-in", fields);
	assert_int_equal(r->status, 303);
	char *cookie = header_value(r, "Set-Cookie");
	assert_non_null(cookie);
	assert_non_null(strstr(cookie, "ec_session="));
	assert_non_null(strstr(cookie, "HttpOnly"));
	assert_non_null(strstr(cookie, "SameSite=Lax"));
	free(cookie);
	free(fields);
	response_free(r);
	client_free(c);
}

/* The HTML checker every page passes through (harness.c) sees what it is
 * there for, and takes the markup the pages use. */
static void the_html_checker_sees_broken_markup(void **state)
{
	(void)state;
	static const char head[] = "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body>";
	static const struct { const char *body; bool broken; } cases[] = {
		{ "<main><h1>Fine</h1><dl><div><dt>When</dt><dd>Now</dd></div></dl></main>", false },
		{ "<main><p id=\"a\" id=\"b\">twice</p></main>", true },
		{ "<main><section><p>open</main>", true },
		{ "<main><p>x</p></div></main>", true },
		{ "<main><frob>made up</frob></main>", true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *page = NULL, *report = NULL;
		if (asprintf(&page, "%s%s</body></html>", head, cases[i].body) < 0) fail_msg("asprintf");
		int n = html_problems(page, &report);
		if ((n > 0) != cases[i].broken)
			fail_msg("case %zu: %d problems, want %s:\n%s", i, n,
			         cases[i].broken ? "some" : "none", report);
		free(report);
		free(page);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_html_checker_sees_broken_markup),
		cmocka_unit_test(healthz_and_security_headers),
		cmocka_unit_test(unknown_path_is_404_and_wrong_method_405),
		cmocka_unit_test(oversized_body_is_413),
		cmocka_unit_test(oversized_chunked_body_is_413),
		cmocka_unit_test(long_uri_is_414),
		cmocka_unit_test(oversized_headers_are_431),
		cmocka_unit_test(malformed_input_is_400),
		cmocka_unit_test(wrong_content_type_is_415),
		cmocka_unit_test(csrf_missing_or_wrong_is_403),
		cmocka_unit_test(keep_alive_reuses_the_connection),
		cmocka_unit_test(static_assets_are_cached_and_validated),
		cmocka_unit_test(pages_are_not_cached),
		cmocka_unit_test(access_log_has_no_query_or_secrets),
		cmocka_unit_test(access_log_escapes_control_bytes),
		cmocka_unit_test(session_cookie_is_httponly_samesite),
	};
	return cmocka_run_group_tests_name("http basics", tests, setup, teardown);
}
