/* Hostile clients (issue 17): bodies that once crashed the server or took
 * its memory, paths that routed as other paths, and clients that hold
 * connections open. After each case the server must still answer others. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static struct server srv;

static int setup(void **state)
{
	/* Every client here comes from 127.0.0.1: the per-address connection
	 * limit is tested on a server of its own. */
	const char *const extra[] = { "--connections-per-address", "0", NULL };
	return server_start_with(&srv, extra) ? 0 : -1;
}

static int teardown(void **state) { return server_stop(&srv) == 0 ? 0 : -1; }

/* Another client, from another loopback address, still gets answers. */
static void server_still_answers(const struct server *s)
{
	int fd = raw_connect(s, "127.0.0.2");
	assert_true(fd >= 0);
	const char get[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	raw_send(fd, get, sizeof get - 1);
	assert_int_equal(raw_answer(fd, 5000), 200);
}

static const char *const upload_paths[] = {
	"/panels/1/pay/claims",
	"/panels/1/meetings/2/papers",
	"/api/v1/panels/1/meetings/2/papers",
};

/* Sends a multipart body whose parts are given raw (boundary "bnd42"), with
 * cookie (NULL: none) and the CSRF header when csrf is not NULL; returns
 * the status. */
static int post_raw_multipart(const char *path, const char *cookie, const char *csrf,
                              const char *parts, size_t parts_len)
{
	char head[1024];
	int n = snprintf(head, sizeof head,
	                 "POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	                 "Content-Type: multipart/form-data; boundary=bnd42\r\n"
	                 "Content-Length: %zu\r\n%s%s%s%s%s%s\r\n",
	                 path, parts_len, cookie ? "Cookie: ec_session=" : "", cookie ? cookie : "",
	                 cookie ? "\r\n" : "", csrf ? "X-CSRF-Token: " : "", csrf ? csrf : "",
	                 csrf ? "\r\n" : "");
	int fd = raw_connect(&srv, NULL);
	assert_true(fd >= 0);
	raw_send(fd, head, (size_t)n);
	raw_send(fd, parts, parts_len);
	return raw_answer(fd, 5000);
}

/* Point 0: a named part and then one without a name (no name=, no
 * Content-Disposition at all, a NUL in the name) made libmicrohttpd hand
 * the parser a NULL name, and the server died. Now: 400 when signed in
 * with a good token, and never a body read for a stranger. */
static void unnamed_multipart_parts_are_refused_not_fatal(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	char cookie[128];
	assert_true(client_cookie(sam, "ec_session", cookie, sizeof cookie));
#define LIT(s) { s, sizeof s - 1 }
	static const struct { const char *s; size_t len; } nameless[] = {
		LIT("Content-Disposition: form-data; filename=\"a.txt\"\r\n\r\nxyz\r\n"),
		LIT("Content-Type: text/plain\r\n\r\nxyz\r\n"),
		LIT("Content-Disposition: form-data; name=\"a\0b\"\r\n\r\nxyz\r\n"),
	};
	for (size_t p = 0; p < sizeof upload_paths / sizeof *upload_paths; p++)
		for (size_t k = 0; k < 3; k++) {
			char body[1024];
			size_t len = (size_t)snprintf(body, sizeof body,
			                              "--bnd42\r\nContent-Disposition: form-data; name=\"csrf\""
			                              "\r\n\r\n%s\r\n--bnd42\r\n", sam->csrf);
			memcpy(body + len, nameless[k].s, nameless[k].len);
			len += nameless[k].len;
			len += (size_t)snprintf(body + len, sizeof body - len, "--bnd42--\r\n");
			/* Without a session: refused before the body. */
			int status = post_raw_multipart(upload_paths[p], NULL, NULL, body, len);
			assert_true(status == 401 || status == 303);
			/* Signed in, with a good token: the parser refuses it. */
			status = post_raw_multipart(upload_paths[p], cookie, sam->csrf, body, len);
			assert_int_equal(status, 400);
			server_still_answers(&srv);
		}
	client_free(sam);
}

/* A file form's first part must be its CSRF token: a forged form is
 * refused before its file is read. */
static void a_file_form_without_its_token_first_is_403(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	char cookie[128];
	assert_true(client_cookie(sam, "ec_session", cookie, sizeof cookie));
	char body[1024];
	size_t len = (size_t)snprintf(body, sizeof body,
	                              "--bnd42\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
	                              "T\r\n--bnd42\r\nContent-Disposition: form-data; name=\"csrf\"\r\n"
	                              "\r\n%s\r\n--bnd42--\r\n", sam->csrf);
	assert_int_equal(post_raw_multipart("/panels/1/meetings/2/papers", cookie, NULL, body, len),
	                 403);
	len = (size_t)snprintf(body, sizeof body,
	                       "--bnd42\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	                       "not-the-token\r\n--bnd42--\r\n");
	assert_int_equal(post_raw_multipart("/panels/1/meetings/2/papers", cookie, NULL, body, len),
	                 403);
	client_free(sam);
}

/* Point 3: 50 connections on each upload route, each sending a megabyte
 * of a declared 20 MB body without a session, hold nothing: the server
 * stays under 64 MiB and answers others meanwhile. */
static void strangers_bodies_are_not_held(void **state)
{
	enum { PER_ROUTE = 50, SENT = 1024 * 1024 };
	char *junk = malloc(SENT);
	memset(junk, 'x', SENT);
	int fds[3 * PER_ROUTE];
	int nfds = 0;
	for (size_t p = 0; p < 3; p++)
		for (int i = 0; i < PER_ROUTE; i++) {
			int fd = raw_connect(&srv, NULL);
			assert_true(fd >= 0);
			char head[512];
			int n = snprintf(head, sizeof head,
			                 "POST %s HTTP/1.1\r\nHost: x\r\n"
			                 "Content-Type: multipart/form-data; boundary=bnd42\r\n"
			                 "Content-Length: 20000000\r\n\r\n", upload_paths[p]);
			raw_send(fd, head, (size_t)n);
			raw_send(fd, junk, SENT);
			fds[nfds++] = fd;
		}
	long rss = server_rss_kib(&srv);
	fprintf(stderr, "hostile: server RSS with %d strangers' uploads: %ld KiB\n", nfds, rss);
	assert_true(rss > 0 && rss < 64 * 1024);
	server_still_answers(&srv);
	for (int i = 0; i < nfds; i++) close(fds[i]);
	free(junk);
	server_still_answers(&srv);
}

/* Point 3: a signed-in client's bodies are held only within its share of
 * the body budget; past it, 503, and the server lives on. */
static void one_address_holds_at_most_its_share(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	char cookie[128];
	assert_true(client_cookie(sam, "ec_session", cookie, sizeof cookie));
	/* The default budget is 128 MiB, 32 MiB an address: two declared
	 * 20 MB uploads from one address cannot both be held. */
	int fds[2];
	for (int i = 0; i < 2; i++) {
		fds[i] = raw_connect(&srv, NULL);
		assert_true(fds[i] >= 0);
		char head[512];
		int n = snprintf(head, sizeof head,
		                 "POST /panels/1/meetings/2/papers HTTP/1.1\r\nHost: x\r\n"
		                 "Cookie: ec_session=%s\r\nX-CSRF-Token: %s\r\n"
		                 "Content-Type: multipart/form-data; boundary=bnd42\r\n"
		                 "Content-Length: 20000000\r\n\r\n", cookie, sam->csrf);
		raw_send(fds[i], head, (size_t)n);
	}
	/* One is held (waiting for its body), the other refused at once: which
	 * is which depends on which the server took first. */
	int first = raw_answer(fds[0], 1000), second = raw_answer(fds[1], 1000);
	assert_true((first == 503 && second == -1) || (first == -1 && second == 503));
	server_still_answers(&srv);
	client_free(sam);
}

/* Point 11: a body over the limit is read and dropped, so the client reads
 * the 413 rather than a reset, every time. */
static void a_413_is_always_readable(void **state)
{
	size_t n = 1024 * 1024 + 10;
	char *big = malloc(n);
	memset(big, 'a', n);
	for (int i = 0; i < 20; i++) {
		int fd = raw_connect(&srv, NULL);
		assert_true(fd >= 0);
		char head[256];
		int h = snprintf(head, sizeof head,
		                 "POST /sign-in HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		                 "Content-Type: application/x-www-form-urlencoded\r\n"
		                 "Content-Length: %zu\r\n\r\n", n);
		raw_send(fd, head, (size_t)h);
		raw_send(fd, big, n);
		assert_int_equal(raw_answer(fd, 5000), 413);
	}
	free(big);
	server_still_answers(&srv);
}

/* Point 9: a NUL or an encoded slash in the path routed (and logged) as a
 * shorter path; now 400. */
static void nul_or_encoded_slash_in_a_path_is_400(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	static const char *const paths[] = { "/panels/1%00/anything", "/panels/1%2fmembers",
	                                     "/panels%2F1", "/healthz%00" };
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		struct response *r = get(sam, paths[i]);
		assert_int_equal(r->status, 400);
		response_free(r);
	}
	/* An encoded byte that is not one of those still works as before. */
	struct response *r = get(sam, "/panels/%31");
	assert_int_equal(r->status, 200);
	response_free(r);
	client_free(sam);
}

/* Point 9: a JSON body in a declared charset other than UTF-8 is 415
 * (it was read as if it were UTF-8), and UTF-8's is read. */
static void other_charsets_are_refused(void **state)
{
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	char csrf[160];
	snprintf(csrf, sizeof csrf, "X-CSRF-Token: %s", sam->csrf);
	const char *h[] = { csrf, NULL };
	struct response *r = http(sam, "POST", "/api/v1/panels/1/contributions",
	                          "{\"kind\":\"idea\",\"body\":\"caf\xe9\",\"attribution\":\"named\"}",
	                          "application/json; charset=iso-8859-1", h);
	assert_int_equal(r->status, 415);
	response_free(r);
	r = http(sam, "POST", "/api/v1/panels/1/contributions",
	         "{\"kind\":\"idea\",\"body\":\"caf\xc3\xa9 ZQCHARSET\",\"attribution\":\"named\"}",
	         "application/json; charset=UTF-8", h);
	assert_int_equal(r->status, 201);
	response_free(r);
	client_free(sam);
}

/* Point 9: a thousand half-sent requests from one address no longer shut
 * everyone else out. */
static void one_address_cannot_take_every_connection(void **state)
{
	struct server s;
	assert_true(server_start(&s));
	enum { HELD = 1000 };
	int *fds = malloc(HELD * sizeof *fds);
	int opened = 0;
	for (int i = 0; i < HELD; i++) {
		int fd = raw_connect(&s, NULL);
		if (fd < 0) break;
		raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: ", 29);
		fds[opened++] = fd;
	}
	assert_int_equal(opened, HELD);
	server_still_answers(&s);
	for (int i = 0; i < opened; i++) close(fds[i]);
	free(fds);
	assert_int_equal(server_stop(&s), 0);
}

/* Point 9: a connection that goes silent while its headers arrive is
 * closed after --idle-seconds, so held connections free themselves. */
static void a_silent_half_sent_request_is_closed(void **state)
{
	struct server s;
	const char *const extra[] = { "--idle-seconds", "1", NULL };
	assert_true(server_start_with(&s, extra));
	int fd = raw_connect(&s, NULL);
	assert_true(fd >= 0);
	raw_send(fd, "GET /healthz HTTP/1.1\r\nHost: ", 29);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* The server closes it without an answer: recv sees the end. */
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char byte;
	bool closed = poll(&p, 1, 10000) == 1 && recv(fd, &byte, 1, 0) == 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	close(fd);
	double waited = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (!closed) fail_msg("the half-sent request was still open after %.1f s", waited);
	/* Not at once: it was given its second. */
	assert_true(waited >= 0.5);
	server_still_answers(&s);
	assert_int_equal(server_stop(&s), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unnamed_multipart_parts_are_refused_not_fatal),
		cmocka_unit_test(a_file_form_without_its_token_first_is_403),
		cmocka_unit_test(strangers_bodies_are_not_held),
		cmocka_unit_test(one_address_holds_at_most_its_share),
		cmocka_unit_test(a_413_is_always_readable),
		cmocka_unit_test(nul_or_encoded_slash_in_a_path_is_400),
		cmocka_unit_test(other_charsets_are_refused),
		cmocka_unit_test(one_address_cannot_take_every_connection),
		cmocka_unit_test(a_silent_half_sent_request_is_closed),
	};
	return cmocka_run_group_tests_name("hostile clients", tests, setup, teardown);
}
