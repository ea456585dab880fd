/* Issue 22, point 5: case studies shared between installations. Two
 * servers on loopback, each with its own demo database: A publishes, B
 * imports A's signed feed with the key A's about page shows. Then: a wrong
 * key, a tampered feed, an oversized one and a slow server (a stand-in,
 * tests/http/feed_server.py) are each refused with nothing taken; a case
 * study A takes back goes from B at the next fetch; a fetch with nothing
 * new is a 304. And A's export for Participedia.
 *
 * Users (both demo databases): sam (steward, site administrator), amira
 * (co-creator) of panel 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "api_json.h"
#include "harness.h"

static struct server a_srv, b_srv;
static struct client *a_sam, *a_amira, *b_sam, *b_anon;
static char stand_in_dir[128], a_key[128], a_feed[128];
static pid_t stand_in_pid = -1;
static int stand_in_port;

/* The key A's about page shows. */
static bool read_key(void)
{
	struct client *anon = client_new(&a_srv);
	struct response *r = get(anon, "/about");
	const char *at = r->status == 200 ? strstr(r->body, "id=\"feed-key\">") : NULL;
	bool ok = at && sscanf(at + strlen("id=\"feed-key\">"), "%127[^<]", a_key) == 1;
	response_free(r);
	client_free(anon);
	return ok;
}

static bool stand_in_start(void)
{
	const char *root = getenv("EMPTYCHAIR_SOURCE_ROOT");
	if (!root) return false;
	snprintf(stand_in_dir, sizeof stand_in_dir, "/tmp/ec-feeds-XXXXXX");
	if (!mkdtemp(stand_in_dir)) return false;
	char script[512];
	snprintf(script, sizeof script, "%s/tests/http/feed_server.py", root);
	char *argv[] = { "/usr/bin/python3", script, "--dir", stand_in_dir, NULL };
	char line[64];
	stand_in_pid = spawn_until_line(argv, NULL, line, sizeof line);
	return stand_in_pid > 0 && sscanf(line, "ready %d", &stand_in_port) == 1;
}

static int setup(void **state)
{
	(void)state;
	/* B gives up on a feed after a second: the slow stand-in takes 30 */
	static const char *const b_flags[] = { "--feed-timeout", "1", NULL };
	if (!server_start(&a_srv) || !server_start_with(&b_srv, b_flags) || !stand_in_start())
		return -1;
	a_sam = client_new(&a_srv);
	a_amira = client_new(&a_srv);
	b_sam = client_new(&b_srv);
	b_anon = client_new(&b_srv);
	snprintf(a_feed, sizeof a_feed, "%s/case-studies/feed.json", a_srv.base);
	return client_sign_in(a_sam, "sam@demo.emptychair.org", NULL) &&
	               client_sign_in(a_amira, "amira@demo.emptychair.org", NULL) &&
	               client_sign_in(b_sam, "sam@demo.emptychair.org", NULL) && read_key()
	       ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (stand_in_pid > 0) {
		kill(stand_in_pid, SIGTERM);
		waitpid(stand_in_pid, NULL, 0);
	}
	char path[256];
	snprintf(path, sizeof path, "%s/feed.json", stand_in_dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/feed.sig", stand_in_dir);
	unlink(path);
	rmdir(stand_in_dir);
	client_free(a_sam);
	client_free(a_amira);
	client_free(b_sam);
	client_free(b_anon);
	int rb = server_stop(&b_srv), ra = server_stop(&a_srv);
	return ra == 0 && rb == 0 ? 0 : -1;
}

/* A publishes a case study with word in its title; its id. */
static long publish_on_a(const char *title)
{
	json_t *c = call_json(a_amira, "POST", "/api/v1/panels/1/case-studies", "{\"project_id\":1}",
	                      201);
	long id = num(c, "id"), version = num(c, "version");
	json_decref(c);
	char path[128], body[512];
	snprintf(path, sizeof path, "/api/v1/panels/1/case-studies/%ld", id);
	snprintf(body, sizeof body,
	         "{\"title\":\"%s\",\"brief\":\"Carers met at the café.\",\"what_happened\":"
	         "\"They met monthly.\",\"issues\":[\"carers\"],\"rung\":5,\"version\":%ld}",
	         title, version);
	c = call_json(a_amira, "PUT", path, body, 200);
	version = num(c, "version");
	json_decref(c);
	snprintf(path, sizeof path, "/api/v1/panels/1/case-studies/%ld/publish", id);
	snprintf(body, sizeof body, "{\"version\":%ld,\"published\":true}", version);
	json_decref(call_json(a_sam, "POST", path, body, 200));
	return id;
}

/* How many of B's library hold q. */
static size_t on_b(const char *q)
{
	char path[256];
	snprintf(path, sizeof path, "/api/v1/case-studies?q=%s", q);
	json_t *j = call_json(b_anon, "GET", path, NULL, 200);
	size_t n = json_array_size(json_object_get(j, "case_studies"));
	json_decref(j);
	return n;
}

/* B adds a feed; the source as B answers, with how its first fetch went. */
static json_t *add_on_b(const char *url, const char *key, int want)
{
	char body[512];
	snprintf(body, sizeof body, "{\"url\":\"%s\",\"public_key\":\"%s\"}", url, key);
	return call_json(b_sam, "POST", "/api/v1/admin/case-sources", body, want);
}

static bool taken(json_t *source)
{
	return json_is_true(json_object_get(json_object_get(source, "fetch"), "taken"));
}

static void a_feed_is_signed_and_b_imports_it(void **state)
{
	(void)state;
	long id = publish_on_a("ZQF Carers shape the café");
	/* A gives a Last-Modified only once the second of the last change
	 * has passed (feed_page.c): let it pass */
	nanosleep(&(struct timespec){ 1, 100000000 }, NULL);
	/* A's feed: a JSON Feed, signed with the key its about page shows */
	struct client *anon = client_new(&a_srv);
	struct response *r = get(anon, "/case-studies/feed.json");
	assert_int_equal(r->status, 200);
	char *type = header_value(r, "content-type");
	assert_string_equal(type, "application/feed+json");
	free(type);
	char *sig = header_value(r, "x-emptychair-signature");
	assert_non_null(sig);
	assert_true(!strncmp(sig, "ed25519 ", 8));
	unsigned char pk[32], raw[64];
	size_t n = 0;
	assert_int_equal(sodium_base642bin(pk, sizeof pk, a_key, strlen(a_key), NULL, &n, NULL,
	                                   sodium_base64_VARIANT_ORIGINAL), 0);
	assert_int_equal(n, 32);
	assert_int_equal(sodium_base642bin(raw, sizeof raw, sig + 8, strlen(sig + 8), NULL, &n, NULL,
	                                   sodium_base64_VARIANT_ORIGINAL), 0);
	assert_int_equal(crypto_sign_verify_detached(raw, (unsigned char *)r->body, r->len, pk), 0);
	json_t *feed = parse(r);
	assert_string_equal(str(feed, "version"), "https://jsonfeed.org/version/1.1");
	char home[200]; /* A's public address, with /case-studies */
	snprintf(home, sizeof home, "%s", str(feed, "home_page_url"));
	assert_true(json_array_size(json_object_get(feed, "items")) >= 2); /* the demo's, and this */
	json_decref(feed);
	/* keep it for the stand-in, which spoils it */
	char path[256];
	snprintf(path, sizeof path, "%s/feed.json", stand_in_dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(r->body, 1, r->len, f);
	fclose(f);
	snprintf(path, sizeof path, "%s/feed.sig", stand_in_dir);
	f = fopen(path, "w");
	fputs(sig, f);
	fclose(f);
	/* nothing changed since: 304 */
	char *modified = header_value(r, "last-modified");
	assert_non_null(modified);
	response_free(r);
	char header[128];
	snprintf(header, sizeof header, "If-Modified-Since: %s", modified);
	r = http(anon, "GET", "/case-studies/feed.json", NULL, NULL,
	         (const char *const[]){ header, NULL });
	assert_int_equal(r->status, 304);
	response_free(r);
	free(modified);
	free(sig);
	client_free(anon);

	/* B imports it, with the key */
	assert_int_equal(on_b("ZQF"), 0);
	json_t *src = add_on_b(a_feed, a_key, 201);
	assert_true(taken(src));
	assert_true(num(json_object_get(src, "fetch"), "imported") >= 2);
	long source = num(src, "id");
	json_decref(src);
	assert_int_equal(on_b("ZQF"), 1);
	assert_int_equal(on_b("cafe%20ZQF"), 1); /* searched as B's own */
	json_t *j = call_json(b_anon, "GET", "/api/v1/case-studies?q=ZQF", NULL, 200);
	long b_id = num(json_array_get(json_object_get(j, "case_studies"), 0), "id");
	json_decref(j);
	snprintf(path, sizeof path, "/case-studies/%ld", b_id);
	r = get(b_anon, path);
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Shared by"));
	snprintf(path, sizeof path, "%s/%ld\"", home, id);
	if (!contains(r, path)) fail_msg("no link to %s in:\n%s", path, strstr(r->body, "Shared by"));
	response_free(r);
	/* added twice: refused */
	json_decref(add_on_b(a_feed, a_key, 409));

	/* fetched again with nothing new: unchanged */
	snprintf(path, sizeof path, "/api/v1/admin/case-sources/%ld/fetch", source);
	src = call_json(b_sam, "POST", path, "{}", 200);
	assert_true(json_is_true(json_object_get(json_object_get(src, "fetch"), "unchanged")));
	json_decref(src);

	/* A takes it back: gone from B at the next fetch */
	snprintf(path, sizeof path, "/api/v1/panels/1/case-studies/%ld", id);
	j = call_json(a_sam, "GET", path, NULL, 200);
	char body[128], publish[300];
	snprintf(body, sizeof body, "{\"version\":%ld,\"published\":false}", num(j, "version"));
	json_decref(j);
	snprintf(publish, sizeof publish, "%s/publish", path);
	json_decref(call_json(a_sam, "POST", publish, body, 200));
	snprintf(path, sizeof path, "/api/v1/admin/case-sources/%ld/fetch", source);
	src = call_json(b_sam, "POST", path, "{}", 200);
	assert_true(taken(src));
	assert_int_equal(num(json_object_get(src, "fetch"), "removed"), 1);
	json_decref(src);
	assert_int_equal(on_b("ZQF"), 0);
	/* the demo's own case study, imported, stays */
	assert_true(on_b("welcome") >= 2);
}

/* A source added on B with the feed at url and key: refused, nothing
 * taken, the reason kept and shown. */
static void refused(const char *url, const char *key, const char *why)
{
	json_t *src = add_on_b(url, key, 201);
	if (taken(src)) fail_msg("%s was taken", url);
	assert_int_equal(num(src, "items"), 0);
	const char *status = str(src, "status");
	if (!strstr(status, why)) fail_msg("%s: \"%s\" does not say \"%s\"", url, status, why);
	json_decref(src);
	struct response *r = get(b_sam, "/admin/case-sources");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, why));
	response_free(r);
}

static void spoilt_feeds_are_refused(void **state)
{
	(void)state;
	char url[256];
	/* the right feed with another key: B's own */
	struct client *b_about = client_new(&b_srv);
	struct response *r = get(b_about, "/about");
	char b_key[128];
	const char *at = strstr(r->body, "id=\"feed-key\">");
	assert_non_null(at);
	assert_int_equal(sscanf(at + strlen("id=\"feed-key\">"), "%127[^<]", b_key), 1);
	response_free(r);
	client_free(b_about);
	assert_string_not_equal(a_key, b_key);
	snprintf(url, sizeof url, "%s?wrong-key", a_feed);
	refused(url, b_key, "signature does not match");
	/* the stand-in: as A signed it, then spoilt */
	snprintf(url, sizeof url, "http://127.0.0.1:%d/good", stand_in_port);
	json_t *src = add_on_b(url, a_key, 201);
	assert_true(taken(src)); /* the stand-in can be taken as it is */
	json_decref(src);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/tampered", stand_in_port);
	refused(url, a_key, "signature does not match");
	snprintf(url, sizeof url, "http://127.0.0.1:%d/big", stand_in_port);
	refused(url, a_key, "larger than");
	snprintf(url, sizeof url, "http://127.0.0.1:%d/slow", stand_in_port);
	refused(url, a_key, "could not be fetched");
	/* not a feed address, not a key */
	expect_error(b_sam, "POST", "/api/v1/admin/case-sources",
	             "{\"url\":\"file:///etc/passwd\",\"public_key\":\"x\"}", 400, "invalid", "url");
	snprintf(url, sizeof url, "{\"url\":\"%s?x\",\"public_key\":\"not a key\"}", a_feed);
	expect_error(b_sam, "POST", "/api/v1/admin/case-sources", url, 400, "invalid", "public_key");
	/* only administrators */
	struct client *b_amira = client_new(&b_srv);
	assert_true(client_sign_in(b_amira, "amira@demo.emptychair.org", NULL));
	expect_error(b_amira, "GET", "/api/v1/admin/case-sources", NULL, 403, "forbidden", NULL);
	client_free(b_amira);
}

static void participedia_can_take_the_export(void **state)
{
	(void)state;
	struct client *anon = client_new(&a_srv);
	struct response *r = get(anon, "/case-studies/participedia.csv");
	assert_int_equal(r->status, 200);
	assert_true(r->len > 3 && !memcmp(r->body, "\xEF\xBB\xBF", 3));
	assert_true(contains(r, "Title,Brief Description,General Issues,Approaches,Start Date"));
	assert_true(contains(r, "A welcome pack written by people who needed one"));
	assert_true(contains(r, "migration; housing"));
	response_free(r);
	client_free(anon);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_feed_is_signed_and_b_imports_it),
		cmocka_unit_test(spoilt_feeds_are_refused),
		cmocka_unit_test(participedia_can_take_the_export),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
