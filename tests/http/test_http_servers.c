/* Several servers, one database: what a load balancer in front of two
 * emptychair processes relies on. Runs on each backend (tests/testdb.h):
 * on PostgreSQL as deployed at scale; on SQLite, two processes on one file
 * on one machine, which SQLite supports too.
 *
 * A client is moved between servers by pointing it at the other one; its
 * cookie jar goes with it (cookies are not bound to a port), as a browser's
 * would behind a load balancer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

static struct server one, two;

/* These servers run without the read cache, so that each sees the others'
 * changes the moment they are made. The last tests turn it on: with it, a
 * change made on another server is seen once that server's notification
 * arrives (PostgreSQL), or once the cached rows are older than
 * --read-cache-ms. */
static const char *const uncached[] = { "--read-cache-ms", "0", NULL };

static int setup(void **state)
{
	return server_start_with(&one, uncached) && server_start_beside_with(&two, &one, uncached)
	       ? 0 : -1;
}

static int teardown(void **state)
{
	server_stop(&two); /* first: one's stop removes the database */
	return server_stop(&one) == 0 ? 0 : -1;
}

static void a_session_made_on_one_works_on_the_other(void **state)
{
	struct client *c = client_new(&one);
	assert_true(client_sign_in(c, "amira@demo.emptychair.org", NULL));
	c->server = &two;
	struct response *r = get(c, "/panels/1");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "action=\"/sign-out\""));
	response_free(r);
	/* And a form from one is accepted by the other (the CSRF token is
	 * made from the installation's secret, which both read). */
	c->server = &one;
	client_refresh_csrf(c);
	c->server = &two;
	r = post_form(c, "/sign-out", "");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "signed out"));
	response_free(r);
	c->server = &one;
	r = get(c, "/panels");
	assert_int_equal(r->status, 303); /* signed out everywhere */
	response_free(r);
	client_free(c);
}

static void a_write_on_one_is_read_on_the_other(void **state)
{
	struct client *w = client_new(&one), *rd = client_new(&two);
	assert_true(client_sign_in(w, "member2@demo.emptychair.org", NULL));
	assert_true(client_sign_in(rd, "member2@demo.emptychair.org", NULL));
	struct response *r = get(w, "/api/v1/me/profile");
	long version = number_after(r, "\"version\":");
	assert_true(version >= 0);
	char fields[256];
	snprintf(fields, sizeof fields, "version=%ld&display_name=Written+On+One&pronouns=they%%2Fthem"
	         "&pronouns__vis=panel", version);
	response_free(r);
	response_free(get(w, "/profile"));
	r = post_form(w, "/profile", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(rd, "/profile");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Written On One"));
	assert_true(contains(r, "they/them"));
	response_free(r);
	client_free(w);
	client_free(rd);
}

/* Two people save the same record at once through different servers: the
 * second is told, and what they typed is kept on the page. */
static void an_edit_race_across_servers_is_detected(void **state)
{
	struct client *a = client_new(&one), *b = client_new(&two);
	assert_true(client_sign_in(a, "sam@demo.emptychair.org", NULL));
	assert_true(client_sign_in(b, "rana@demo.emptychair.org", NULL));
	struct response *ra = get(a, "/panels/1/edit"), *rb = get(b, "/panels/1/edit");
	long version = number_after(rb, "name=\"version\" value=\"");
	assert_true(version >= 0);
	response_free(ra);
	response_free(rb);
	char fields[512];
	snprintf(fields, sizeof fields, "version=%ld&name=Saved+First&description=&hosting=user_led"
	         "&organisation=&time_zone=Europe%%2FLondon&language=en", version);
	struct response *r = post_form(a, "/panels/1/edit", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	snprintf(fields, sizeof fields, "version=%ld&name=Saved+Second&description=Typed+on+two"
	         "&hosting=user_led&organisation=&time_zone=Europe%%2FLondon&language=en", version);
	r = post_form(b, "/panels/1/edit", fields);
	assert_int_equal(r->status, 409);
	assert_true(contains(r, "changed this panel while you were editing"));
	assert_true(contains(r, "Saved Second"));
	assert_true(contains(r, "Typed on two"));
	response_free(r);
	r = get(b, "/panels/1");
	assert_true(contains(r, "Saved First"));
	response_free(r);
	client_free(a);
	client_free(b);
}

/* ---- a server killed during a stream of writes ---- */

enum { MAX_WRITES = 4000 };

struct writer {
	struct server *server;
	const char *tag;
	atomic_bool *stop;
	int sent;
	atomic_int acknowledged;
	char acked[MAX_WRITES][64]; /* the addresses the server said it stored */
	bool error_before_kill;     /* a failure while its server was up */
	atomic_bool *killed;        /* set when this writer's server was killed */
};

/* Invites a new address per request; a 200 page with the link means the
 * invitation (and its outbox message) was committed. */
static void *write_stream(void *p)
{
	struct writer *w = p;
	struct client *c = client_new(w->server);
	if (!client_sign_in(c, "sam@demo.emptychair.org", NULL)) {
		w->error_before_kill = true;
		client_free(c);
		return NULL;
	}
	response_free(get(c, "/panels/1/members"));
	while (!atomic_load(w->stop) && w->sent < MAX_WRITES) {
		char email[64], fields[160];
		snprintf(email, sizeof email, "%s-%d@stream.example.org", w->tag, w->sent++);
		snprintf(fields, sizeof fields, "email=%s&role=co_creator", email);
		bool dead = atomic_load(w->killed);
		struct response *r = post_form(c, "/panels/1/invitations", fields);
		if (r->status == 303) { /* made: the link is on the page it leads to */
			int i = atomic_load(&w->acknowledged);
			snprintf(w->acked[i], sizeof w->acked[0], "%s", email);
			atomic_store(&w->acknowledged, i + 1); /* after the address is written */
		} else if (!dead && !atomic_load(w->killed)) {
			fprintf(stderr, "writer %s: answered %ld while its server was up:\n%.300s\n",
			        w->tag, r->status, r->body);
			w->error_before_kill = true;
		} else {
			response_free(r);
			break; /* its server is gone: nothing more to send it */
		}
		response_free(r);
	}
	client_free(c);
	return NULL;
}

/* Waits until *n reaches at least want, for at most 60 s; false if not
 * (or if the writer stopped short of it). */
static bool wait_for(atomic_int *n, int want)
{
	for (int i = 0; i < 6000; i++) {
		if (atomic_load(n) >= want) return true;
		struct timespec pause = { 0, 10 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	return false;
}

static void a_killed_server_loses_nothing_acknowledged(void **state)
{
	/* Its own pair, so that the kill does not end the other tests' server. */
	struct server a, b;
	assert_true(server_start_with(&a, uncached));
	assert_true(server_start_beside_with(&b, &a, uncached));
	atomic_bool stop = false, a_killed = false, b_killed = false;
	static struct writer wa, wb;
	memset(&wa, 0, sizeof wa);
	memset(&wb, 0, sizeof wb);
	wa = (struct writer){ .server = &a, .tag = "a", .stop = &stop, .killed = &a_killed };
	wb = (struct writer){ .server = &b, .tag = "b", .stop = &stop, .killed = &b_killed };
	pthread_t ta, tb;
	assert_int_equal(pthread_create(&ta, NULL, write_stream, &wa), 0);
	assert_int_equal(pthread_create(&tb, NULL, write_stream, &wb), 0);
	/* Kill a in the middle of both streams: once each has had some writes
	 * acknowledged (counted, not timed, so that a slow sanitizer build or
	 * a busy machine waits longer rather than failing). */
	if (!wait_for(&wa.acknowledged, 20) || !wait_for(&wb.acknowledged, 20)) {
		atomic_store(&stop, true);
		pthread_join(ta, NULL);
		pthread_join(tb, NULL);
		fail_msg("the write streams did not get going (a: %d, b: %d acknowledged)",
		         atomic_load(&wa.acknowledged), atomic_load(&wb.acknowledged));
	}
	int b_before = atomic_load(&wb.acknowledged);
	atomic_store(&a_killed, true);
	server_kill(&a);
	/* b goes on: more writes acknowledged after the kill. */
	bool b_went_on = wait_for(&wb.acknowledged, b_before + 30);
	atomic_store(&stop, true);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	assert_true(b_went_on);

	/* Neither stream failed while its server was up. */
	assert_false(wa.error_before_kill);
	assert_false(wb.error_before_kill);
	assert_int_equal(wb.sent, atomic_load(&wb.acknowledged));

	/* Every acknowledged invitation is stored: its message is in the outbox. */
	char *out = server_cli(&b, (const char *const[]){ "outbox", "--limit", "10000", NULL });
	assert_non_null(out);
	int missing = 0;
	for (int i = 0; i < wa.acknowledged; i++) {
		char needle[80];
		snprintf(needle, sizeof needle, "invitation to %s: ", wa.acked[i]);
		if (!strstr(out, needle)) missing++, fprintf(stderr, "lost: %s\n", wa.acked[i]);
	}
	for (int i = 0; i < wb.acknowledged; i++) {
		char needle[80];
		snprintf(needle, sizeof needle, "invitation to %s: ", wb.acked[i]);
		if (!strstr(out, needle)) missing++, fprintf(stderr, "lost: %s\n", wb.acked[i]);
	}
	free(out);
	print_message("a: %d acknowledged (%d sent); b: %d acknowledged, %d after a was killed\n",
	              atomic_load(&wa.acknowledged), wa.sent, atomic_load(&wb.acknowledged),
	              atomic_load(&wb.acknowledged) - b_before);
	assert_int_equal(missing, 0);

	/* b still serves pages. */
	struct client *c = client_new(&b);
	assert_true(client_sign_in(c, "amira@demo.emptychair.org", NULL));
	struct response *r = get(c, "/panels/1");
	assert_int_equal(r->status, 200);
	response_free(r);
	client_free(c);
	assert_int_equal(server_stop(&b), 0);
	server_stop(&a);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* With the read cache on, a server sees its own changes at once and
 * another's once its cached rows are older than --read-cache-ms. */
static void with_the_read_cache_another_servers_write_is_seen_within_its_time(void **state)
{
	enum { TTL_MS = 300 };
	static const char *const cached[] = { "--read-cache-ms", "300", NULL };
	struct server a, b;
	assert_true(server_start_with(&a, cached));
	assert_true(server_start_beside_with(&b, &a, cached));
	struct client *w = client_new(&a), *rd = client_new(&b);
	assert_true(client_sign_in(w, "member3@demo.emptychair.org", NULL));
	assert_true(client_sign_in(rd, "member3@demo.emptychair.org", NULL));
	struct response *r = get(rd, "/profile"); /* b's cache now holds the profile */
	assert_int_equal(r->status, 200);
	assert_false(contains(r, "Changed On A"));
	response_free(r);
	r = get(w, "/api/v1/me/profile");
	long version = number_after(r, "\"version\":");
	assert_true(version >= 0);
	response_free(r);
	char fields[256];
	snprintf(fields, sizeof fields, "version=%ld&display_name=Changed+On+A", version);
	response_free(get(w, "/profile"));
	r = post_form(w, "/profile", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
	long long written = now_ms();
	/* a's own change, at once. */
	r = get(w, "/profile");
	assert_true(contains(r, "Changed On A"));
	response_free(r);
	/* b's, by polling: it must come, and within the time to live (with
	 * room for a slow machine; it is a bound, not a measurement). */
	bool seen = false;
	long long waited = 0;
	while (!seen && waited < 10 * TTL_MS) {
		r = get(rd, "/profile");
		assert_int_equal(r->status, 200);
		seen = contains(r, "Changed On A");
		response_free(r);
		waited = now_ms() - written;
		if (!seen) {
			struct timespec pause = { 0, 20 * 1000 * 1000 };
			nanosleep(&pause, NULL);
		}
	}
	print_message("b saw a's change after %lld ms (time to live %d ms)\n", waited, TTL_MS);
	assert_true(seen);
	assert_true(waited <= TTL_MS + 1000);
	client_free(w);
	client_free(rd);
	assert_int_equal(server_stop(&b), 0);
	server_stop(&a);
}

#include <libpq-fe.h>
#include <poll.h>

#include "../testdb.h"

/* Writes words as w's access needs, through the profile form. (The name
 * shown on a page is read with the time bound to the second, so it can
 * never be cached for long; these words are read by a statement that is.) */
static void write_access_notes(struct client *w, const char *words)
{
	struct response *r = get(w, "/api/v1/me/profile");
	long version = number_after(r, "\"version\":");
	assert_true(version >= 0);
	response_free(r);
	char fields[256];
	snprintf(fields, sizeof fields, "version=%ld&display_name=Member+Four&access_notes=%s"
	         "&access_notes__vis=stewards", version, words);
	response_free(get(w, "/profile"));
	r = post_form(w, "/profile", fields);
	assert_int_equal(r->status, 303);
	response_free(r);
}

/* Sends a notice of our own with marker, then reads notices until it comes
 * back: how many others came before it. PostgreSQL delivers notices in the
 * order of their commits, so every commit finished before this call is
 * counted, with no waiting on the clock. -1 when the marker never came. */
static int notices_before(PGconn *conn, const char *marker)
{
	char sql[128];
	snprintf(sql, sizeof sql, "NOTIFY emptychair_commits, '%s'", marker);
	PGresult *res = PQexec(conn, sql);
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	int n = 0;
	long long until = now_ms() + 10000;
	while (now_ms() < until) {
		for (PGnotify *x; (x = PQnotifies(conn)); PQfreemem(x)) {
			if (!strcmp(x->extra, marker)) {
				PQfreemem(x);
				return n;
			}
			n++;
		}
		struct pollfd pfd = { .fd = PQsocket(conn), .events = POLLIN };
		if (poll(&pfd, 1, 100) > 0 && !PQconsumeInput(conn)) break;
	}
	return -1;
}

/* PostgreSQL: reading announces nothing. Pages are only read, so no other
 * server is told to forget its cache; a write is announced (the listener
 * here can hear, or the first part would prove nothing). */
static void on_postgresql_reading_pages_announces_nothing(void **state)
{
	if (!testdb_is_postgresql()) {
		print_message("SQLite: nothing is announced\n");
		skip();
	}
	PGconn *conn = PQconnectdb(one.db);
	assert_int_equal(PQstatus(conn), CONNECTION_OK);
	PGresult *res = PQexec(conn, "LISTEN emptychair_commits");
	assert_int_equal(PQresultStatus(res), PGRES_COMMAND_OK);
	PQclear(res);
	struct client *c = client_new(&two);
	assert_true(client_sign_in(c, "sam@demo.emptychair.org", NULL));
	assert_true(notices_before(conn, "signed-in") >= 0); /* the sign-in's own writes */
	static const char *const pages[] = { "/panels/1", "/panels/1/meetings", "/profile",
	                                     "/panels/1/contributions", "/my-pay", "/notices",
	                                     "/api/v1/panels/1" };
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
			struct response *r = get(c, pages[i]);
			if (r->status != 200) print_message("%s: %ld\n", pages[i], (long)r->status);
			assert_int_equal(r->status, 200);
			response_free(r);
		}
	assert_int_equal(notices_before(conn, "read"), 0);
	write_access_notes(c, "Announced");
	assert_true(notices_before(conn, "written") >= 1);
	client_free(c);
	PQfinish(conn);
}

/* PostgreSQL: a write refused for serialisation every time it is tried (a
 * trigger here raises the error other writers would cause) is given up
 * after store_tx's attempts, and the answer is 503 with Retry-After, at
 * both doors, not 500: nothing was written, and the same request a moment
 * later goes through. */
static void on_postgresql_a_write_given_up_as_busy_answers_503(void **state)
{
	if (!testdb_is_postgresql()) {
		/* SQLite gives up only after 4 x 5 s of a lock held elsewhere;
		 * test_store checks that store_tx reports it on both backends. */
		print_message("SQLite: covered by test_store\n");
		skip();
	}
	assert_true(testdb_exec(one.db, "CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE "
	                            "plpgsql AS $$ BEGIN RAISE EXCEPTION 'busy for the test' USING "
	                            "ERRCODE = 'serialization_failure'; END $$"));
	assert_true(testdb_exec(one.db, "CREATE TRIGGER refuse_for_test BEFORE INSERT OR UPDATE ON "
	                            "profile_values FOR EACH ROW EXECUTE FUNCTION refuse_for_test()"));
	struct client *c = client_new(&one);
	assert_true(client_sign_in(c, "member6@demo.emptychair.org", NULL));
	static const char body[] = "{\"fields\":{\"access_notes\":{\"value\":\"Given Up Once\","
	                           "\"visibility\":\"stewards\"}}}";
	struct response *r = send_json(c, "PATCH", "/api/v1/me/profile", body);
	assert_int_equal(r->status, 503);
	char *retry = header_value(r, "Retry-After");
	assert_non_null(retry);
	assert_string_equal(retry, "1");
	free(retry);
	assert_true(contains(r, "nothing was changed"));
	response_free(r);
	/* The page's door says the same. */
	r = get(c, "/api/v1/me/profile");
	long version = number_after(r, "\"version\":");
	assert_true(version > 0);
	response_free(r);
	response_free(get(c, "/profile"));
	char fields[160];
	snprintf(fields, sizeof fields, "version=%ld&display_name=Member+Six&access_notes=Given+Up+"
	         "Once&access_notes__vis=stewards", version);
	r = post_form(c, "/profile", fields);
	assert_int_equal(r->status, 503);
	retry = header_value(r, "Retry-After");
	assert_non_null(retry);
	free(retry);
	response_free(r);
	char *log = server_log(&one);
	assert_non_null(log);
	assert_non_null(strstr(log, "given up"));
	free(log);
	/* A failure that is not about being busy stays a 500. */
	assert_true(testdb_exec(one.db, "CREATE OR REPLACE FUNCTION refuse_for_test() RETURNS trigger "
	                            "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'broken for the "
	                            "test'; END $$"));
	r = send_json(c, "PATCH", "/api/v1/me/profile", body);
	assert_int_equal(r->status, 500);
	assert_null(header_value(r, "Retry-After"));
	response_free(r);
	assert_true(testdb_exec(one.db, "DROP TRIGGER refuse_for_test ON profile_values"));
	assert_true(testdb_exec(one.db, "DROP FUNCTION refuse_for_test()"));
	/* Nothing was written; now it goes through. */
	r = get(c, "/api/v1/me/profile");
	assert_false(contains(r, "Given Up Once"));
	response_free(r);
	r = send_json(c, "PATCH", "/api/v1/me/profile", body);
	assert_int_equal(r->status, 200);
	response_free(r);
	r = get(c, "/api/v1/me/profile");
	assert_true(contains(r, "Given Up Once"));
	response_free(r);
	client_free(c);
}

/* Polls rd's page until it contains want: the milliseconds that took, or -1
 * when it has not come after limit_ms. */
static long long seen_after(struct client *rd, const char *page, const char *want,
                            long long since, long long limit_ms)
{
	for (;;) {
		struct response *r = get(rd, page);
		assert_int_equal(r->status, 200);
		bool seen = contains(r, want);
		response_free(r);
		long long waited = now_ms() - since;
		if (seen) return waited;
		if (waited > limit_ms) return -1;
		struct timespec pause = { 0, 20 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
}

/* PostgreSQL: each server hears the others' commits (LISTEN/NOTIFY), so a
 * change made on a is seen on b's cached page long before the time to live
 * (set to a minute here) would let it through. When b's listening
 * connection is ended, b says so, listens again a moment later and then
 * forgets what it had cached; a change made while it was not listening is
 * seen then, and never later than the time to live. */
static void on_postgresql_another_servers_write_is_heard_at_once(void **state)
{
	if (!testdb_is_postgresql()) {
		print_message("SQLite: one server per file, nothing to hear (the test above covers "
		              "the time to live)\n");
		skip();
	}
	static const char *const cached[] = { "--read-cache-ms", "60000", NULL };
	struct server a, b;
	assert_true(server_start_with(&a, cached));
	assert_true(server_start_beside_with(&b, &a, cached));
	struct client *w = client_new(&a), *rd = client_new(&b);
	assert_true(client_sign_in(w, "member4@demo.emptychair.org", NULL));
	assert_true(client_sign_in(rd, "member4@demo.emptychair.org", NULL));
	/* b caches the profile, twice over, so that its rows are surely kept. */
	for (int i = 0; i < 2; i++) {
		struct response *r = get(rd, "/profile");
		assert_false(contains(r, "Heard From A"));
		response_free(r);
	}
	write_access_notes(w, "Heard+From+A");
	long long waited = seen_after(rd, "/profile", "Heard From A", now_ms(), 5000);
	print_message("b heard a's change after %lld ms (time to live 60000 ms)\n", waited);
	assert_true(waited >= 0);

	/* b's listener is ended; b says so, and hears again after it. */
	const char *db = strrchr(a.db, '/') + 1;
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
	         "WHERE application_name = 'emptychair-listen' AND datname = '%s'", db);
	assert_true(testdb_admin(sql));
	long long t0 = now_ms();
	bool said = false;
	while (!said && now_ms() - t0 < 5000) {
		char *log = server_log(&b);
		said = log && strstr(log, "lost the connection that hears other servers' changes");
		free(log);
		if (!said) {
			struct timespec pause = { 0, 20 * 1000 * 1000 };
			nanosleep(&pause, NULL);
		}
	}
	assert_true(said);
	for (int i = 0; i < 2; i++) response_free(get(rd, "/profile"));
	write_access_notes(w, "Written+While+Deaf");
	waited = seen_after(rd, "/profile", "Written While Deaf", now_ms(), 10000);
	print_message("b saw the change made while it was not listening after %lld ms\n", waited);
	assert_true(waited >= 0);
	char *log = server_log(&b);
	assert_non_null(log);
	assert_non_null(strstr(log, "listening for other servers' changes again"));
	free(log);
	/* and it hears at once again */
	write_access_notes(w, "Heard+Again");
	waited = seen_after(rd, "/profile", "Heard Again", now_ms(), 5000);
	assert_true(waited >= 0);
	client_free(w);
	client_free(rd);
	assert_int_equal(server_stop(&b), 0);
	server_stop(&a);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT); /* before any thread uses libcurl */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_session_made_on_one_works_on_the_other),
		cmocka_unit_test(a_write_on_one_is_read_on_the_other),
		cmocka_unit_test(an_edit_race_across_servers_is_detected),
		cmocka_unit_test(a_killed_server_loses_nothing_acknowledged),
		cmocka_unit_test(with_the_read_cache_another_servers_write_is_seen_within_its_time),
		cmocka_unit_test(on_postgresql_another_servers_write_is_heard_at_once),
		cmocka_unit_test(on_postgresql_reading_pages_announces_nothing),
		cmocka_unit_test(on_postgresql_a_write_given_up_as_busy_answers_503),
	};
	int rc = cmocka_run_group_tests_name("several servers", tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
