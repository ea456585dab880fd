/* What a meeting leaves behind, through the JSON API (src/web/voice/ API files),
 * against a real server on each backend: papers (drafts, publishing,
 * removal, a file uploaded through the page's form and downloaded with an
 * API token), reflections and their threshold, "what we will change" and
 * a project's closing reflection; each refused to whom the pages refuse
 * it, and a sweep that no reflections answer names an anonymous author.
 *
 * People (harness.h): sam steward of panel 1 and site administrator, rana
 * steward of panel 1, amira (user 3) co-creator, joy (user 6) guest of
 * panel 1, helen a guest of panel 2 only; co[] are active co-creators of
 * panel 1 read from the members API. Answers are parsed with jansson.
 *
 * The tests run in order and build on each other (one server). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api_json.h"
#include "harness.h"
#include "store/store.h"

enum { JOY = 6, NCO = 7 };

struct person {
	long id;
	char email[128];
	char name[128];
	struct client *c;
};

static struct server srv;
static struct client *sam, *rana, *amira, *joy, *helen;
static struct person co[NCO];          /* active co-creators of panel 1, not amira */
static char rana_auth[128], amira_auth[128]; /* "Authorization: Bearer ..." */
static long future_meeting;            /* joy is invited */
static long hidden_meeting;            /* joy is not invited */
static long past_meeting;              /* co[0..5] attended */

/* ---- helpers ---- */

/* A request with an API token and no cookie (a program). */
static struct response *with_token(const char *auth, const char *method, const char *path,
                                   const char *json)
{
	struct client *bot = client_new(&srv);
	const char *h[] = { auth, NULL };
	struct response *r = http(bot, method, path, json, json ? "application/json" : NULL, h);
	client_free(bot);
	return r;
}

static void expect_post(struct client *c, const char *path, const char *fields, long status)
{
	struct response *r = post_form(c, path, fields);
	if (r->status != status)
		fail_msg("%s POST %s: got %ld, want %ld\n%.400s", c->email, path, r->status, status,
		         r->body);
	response_free(r);
}

/* A meeting of project 1 planned through the page; its id. */
static long plan_meeting(const char *title, const char *date)
{
	char fields[256];
	/* in_past: a past date is meant (the page asks otherwise). */
	snprintf(fields, sizeof fields, "title=%s&project_id=1&date=%s&start_time=14:00"
	         "&end_time=16:00&place=Hall&in_past=1", title, date);
	struct response *r = post_form(sam, "/panels/1/meetings", fields);
	assert_int_equal(r->status, 303);
	long id = location_id(r, "/meetings/");
	response_free(r);
	return id;
}

/* Puts a guest on a meeting's guest list, straight in the store. */
static void invite_to_meeting(long meeting, long user)
{
	char *err = NULL;
	struct store *s = store_open(srv.db, &err);
	if (!s) fail_msg("store_open: %s", err ? err : "?");
	assert_int_equal(store_meeting_guest_set(s, meeting, user, true, (int64_t)time(NULL), NULL), ST_OK);
	store_close(s);
}

static void attended(long meeting, const long *ids, int n)
{
	char path[96], fields[512] = "";
	snprintf(path, sizeof path, "/panels/1/meetings/%ld/attendance", meeting);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(fields);
		snprintf(fields + len, sizeof fields - len, "%slisted=%ld&attended=%ld", i ? "&" : "",
		         ids[i], ids[i]);
	}
	expect_post(sam, path, fields, 303);
}

static char *api_path(const char *fmt, ...)
{
	static char buf[8][256];
	static int k;
	char *b = buf[k++ % 8];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof buf[0], fmt, ap);
	va_end(ap);
	return b;
}

/* ---- setup ---- */

static struct client *signed_in(const char *email)
{
	struct client *c = client_new(&srv);
	if (!client_sign_in(c, email, NULL)) {
		client_free(c);
		return NULL;
	}
	return c;
}

static int setup(void **state)
{
	(void)state;
	if (!server_start(&srv)) return -1;
	if (!(sam = signed_in("sam@demo.emptychair.org")) ||
	    !(rana = signed_in("rana@demo.emptychair.org")) ||
	    !(amira = signed_in("amira@demo.emptychair.org")) ||
	    !(joy = signed_in("joy.adebayo@demo.emptychair.org")) ||
	    !(helen = signed_in("helen.price@demo.emptychair.org")))
		return -1;
	struct response *r = get(sam, "/api/v1/panels/1/members?limit=500");
	json_t *j = r->status == 200 ? json_loads(r->body, 0, NULL) : NULL;
	response_free(r);
	if (!j) return -1;
	size_t i;
	json_t *m;
	int n = 0;
	json_array_foreach(json_object_get(j, "members"), i, m) {
		const char *role = json_string_value(json_object_get(m, "role"));
		const char *status = json_string_value(json_object_get(m, "status"));
		const char *name = json_string_value(json_object_get(m, "display_name"));
		long id = (long)json_integer_value(json_object_get(m, "user_id"));
		if (n == NCO || !role || strcmp(role, "co_creator") || !status ||
		    strcmp(status, "active") || id == 3 || !name || strstr(name, "Amira"))
			continue;
		/* Told apart by name in answers: no name within another's. */
		bool clash = false;
		for (int k = 0; k < n; k++)
			clash |= strstr(co[k].name, name) || strstr(name, co[k].name);
		if (clash) continue;
		co[n].id = id;
		snprintf(co[n].email, sizeof co[n].email, "%s",
		         json_string_value(json_object_get(m, "email")));
		snprintf(co[n].name, sizeof co[n].name, "%s", name);
		if (!(co[n].c = signed_in(co[n].email))) return -1;
		n++;
	}
	json_decref(j);
	if (n < NCO) {
		fprintf(stderr, "setup: only %d active co-creators\n", n);
		return -1;
	}
	if (!client_api_token(rana, "api record test", rana_auth, sizeof rana_auth) ||
	    !client_api_token(amira, "api record test", amira_auth, sizeof amira_auth))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_free(sam);
	client_free(rana);
	client_free(amira);
	client_free(joy);
	client_free(helen);
	for (int i = 0; i < NCO; i++) client_free(co[i].c);
	return server_stop(&srv) == 0 ? 0 : -1;
}

/* ---- 1. papers ---- */

/* A small file with the bytes of a PDF (a NUL among them). */
static unsigned char pdf[600];

static size_t make_pdf(void)
{
	static const char head[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n";
	size_t n = sizeof head - 1;
	memcpy(pdf, head, n);
	for (int i = 0; i < 256; i++) pdf[n++] = (unsigned char)(i * 7);
	memcpy(pdf + n, "\n%%EOF\n", 7);
	return n + 7;
}

static long upload_pdf(long meeting, const char *title, size_t len, bool publish)
{
	struct mpart parts[6] = {
		{ "title", title, 0, NULL, NULL },
		{ "summary", "The figures, in short.", 0, NULL, NULL },
		{ "item_id", "", 0, NULL, NULL },
		{ "markdown", "", 0, NULL, NULL },
		{ "file", (const char *)pdf, len, "Budget ZQ.pdf", "application/pdf" },
		{ "publish", "1", 0, NULL, NULL } };
	char path[96];
	snprintf(path, sizeof path, "/panels/1/meetings/%ld/papers", meeting);
	struct response *r = post_multipart(sam, path, parts, publish ? 6 : 5);
	if (r->status != 303) fail_msg("upload: %ld %.300s", r->status, r->body);
	long id = location_id(r, "/papers/");
	response_free(r);
	return id;
}

static size_t papers_seen(struct client *c, long meeting)
{
	json_t *j = call_json(c, "GET", api_path("/api/v1/panels/1/meetings/%ld/papers", meeting),
	                      NULL, 200);
	size_t n = json_array_size(json_object_get(j, "papers"));
	json_decref(j);
	return n;
}

static bool lists_paper(struct client *c, long meeting, long id)
{
	json_t *j = call_json(c, "GET", api_path("/api/v1/panels/1/meetings/%ld/papers", meeting),
	                      NULL, 200);
	bool found = by_id(json_object_get(j, "papers"), id) != NULL;
	json_decref(j);
	return found;
}

static void papers(void **state)
{
	(void)state;
	future_meeting = plan_meeting("Papers+ZQF", "2030-03-10");
	hidden_meeting = plan_meeting("Hidden+ZQH", "2030-04-10");
	invite_to_meeting(future_meeting, JOY);
	expect_post(amira, api_path("/panels/1/meetings/%ld/items", future_meeting),
	            "title=ZQITEM+bus+passes&why=The+cost", 303);
	json_t *mj = call_json(sam, "GET", api_path("/api/v1/panels/1/meetings/%ld", future_meeting),
	                       NULL, 200);
	long item = get_id(json_array_get(json_object_get(mj, "agenda"), 0));
	assert_true(item > 0);
	json_decref(mj);
	const char *list = api_path("/api/v1/panels/1/meetings/%ld/papers", future_meeting);
	char lpath[128];
	snprintf(lpath, sizeof lpath, "%s", list);

	/* A draft, written in Markdown, for an item. */
	static const char md[] = "# Found ZQMD\\n\\n- one\\n- **two**\\n\\n<script>alert(1)</script>";
	char json[1024];
	snprintf(json, sizeof json, "{\"title\":\"  Notes ZQN1 \",\"summary\":\"What we found.\","
	         "\"markdown\":\"%s\",\"item_id\":%ld}", md, item);
	struct response *r = call(rana, "POST", lpath, json, 201);
	json_t *p = parse(r);
	long draft = get_id(p);
	char *loc = header_value(r, "location");
	response_free(r);
	const char *self = api_path("/api/v1/panels/1/meetings/%ld/papers/%ld", future_meeting, draft);
	char dpath[160];
	snprintf(dpath, sizeof dpath, "%s", self);
	assert_non_null(loc);
	assert_string_equal(loc, dpath);
	free(loc);
	assert_string_equal(str(p, "title"), "Notes ZQN1");
	assert_string_equal(str(p, "summary"), "What we found.");
	assert_string_equal(str(p, "kind"), "markdown");
	assert_int_equal(num(p, "item_id"), item);
	assert_string_equal(str(p, "item_title"), "ZQITEM bus passes");
	assert_true(json_is_null(json_object_get(p, "published_at")));
	assert_true(json_is_null(json_object_get(p, "file_url")));
	assert_true(json_is_null(json_object_get(p, "file_name")));
	assert_true(json_is_null(json_object_get(p, "file_size")));
	assert_string_equal(str(p, "added_by"), "Rana Odeh");
	assert_true(is_utc_time(str(p, "created_at")));
	assert_string_equal(str(p, "markdown"),
	                    "# Found ZQMD\n\n- one\n- **two**\n\n<script>alert(1)</script>");
	assert_non_null(strstr(str(p, "html"), "<h2>Found ZQMD</h2>"));
	assert_non_null(strstr(str(p, "html"), "<strong>two</strong>"));
	assert_null(strstr(str(p, "html"), "<script"));
	json_decref(p);

	/* Drafts: only for those who add papers. */
	assert_true(lists_paper(sam, future_meeting, draft));
	assert_false(lists_paper(amira, future_meeting, draft));
	assert_false(lists_paper(joy, future_meeting, draft));
	expect_error(amira, "GET", dpath, NULL, 404, "not_found", NULL);
	expect_error(joy, "GET", dpath, NULL, 404, "not_found", NULL);
	json_t *l = call_json(amira, "GET", lpath, NULL, 200);
	assert_true(json_is_false(json_object_get(l, "can_add")));
	json_decref(l);
	l = call_json(rana, "GET", lpath, NULL, 200);
	assert_true(json_is_true(json_object_get(l, "can_add")));
	assert_string_equal(str(l, "time_zone"), "Europe/London");
	json_decref(l);

	/* Co-creators and guests do not add, publish or remove papers. */
	static const char ok_body[] = "{\"title\":\"T\",\"summary\":\"S\",\"markdown\":\"M\"}";
	expect_error(amira, "POST", lpath, ok_body, 403, "forbidden", NULL);
	expect_error(joy, "POST", lpath, ok_body, 403, "forbidden", NULL);
	char pub[200];
	snprintf(pub, sizeof pub, "%s/publish", dpath);
	expect_error(amira, "POST", pub, NULL, 403, "forbidden", NULL);
	expect_error(amira, "DELETE", dpath, NULL, 403, "forbidden", NULL);
	expect_error(joy, "DELETE", dpath, NULL, 403, "forbidden", NULL);

	/* Bad input names its field; nothing is saved. */
	size_t before = papers_seen(sam, future_meeting);
	static const struct { const char *json; const char *field; } bad[] = {
		{ "{\"summary\":\"S\",\"markdown\":\"M\"}", "title" },
		{ "{\"title\":\"   \",\"summary\":\"S\",\"markdown\":\"M\"}", "title" },
		{ "{\"title\":\"T\",\"summary\":\"\",\"markdown\":\"M\"}", "summary" },
		{ "{\"title\":\"T\",\"summary\":\"S\",\"markdown\":\" \\n \"}", "markdown" },
		{ "{\"title\":\"T\",\"summary\":\"S\"}", "markdown" },
		{ "{\"title\":\"T\",\"summary\":\"S\",\"markdown\":\"M\",\"file\":\"x\"}", "file" },
		{ "{\"title\":\"T\",\"summary\":\"S\",\"markdown\":\"M\",\"item_id\":0}", "item_id" },
		/* not an item of this meeting */
		{ "{\"title\":\"T\",\"summary\":\"S\",\"markdown\":\"M\",\"item_id\":999999}",
		  "item_id" },
		{ "{\"title\":\"T\",\"summary\":\"S\",\"markdown\":\"M\",\"publish\":\"yes\"}", "publish" },
		{ "{not json", NULL },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_error(rana, "POST", lpath, bad[i].json, 400, "invalid", bad[i].field);
	/* Not JSON by its type; a cookie without the CSRF header. */
	r = http(rana, "POST", lpath, ok_body, "text/plain", NULL);
	assert_int_equal(r->status, 415);
	response_free(r);
	r = http(rana, "POST", lpath, ok_body, "application/json", NULL);
	assert_int_equal(r->status, 403);
	assert_true(contains(r, "\"csrf\""));
	response_free(r);
	assert_int_equal(papers_seen(sam, future_meeting), before);

	/* Published: everyone who may see the meeting sees it. */
	p = call_json(rana, "POST", pub, NULL, 200);
	assert_true(is_utc_time(str(p, "published_at")));
	char published_at[32];
	snprintf(published_at, sizeof published_at, "%s", str(p, "published_at"));
	json_decref(p);
	p = call_json(rana, "POST", pub, NULL, 200); /* again: nothing changes */
	assert_string_equal(str(p, "published_at"), published_at);
	json_decref(p);
	assert_true(lists_paper(amira, future_meeting, draft));
	assert_true(lists_paper(joy, future_meeting, draft));
	p = call_json(joy, "GET", dpath, NULL, 200);
	assert_non_null(strstr(str(p, "html"), "<h2>Found ZQMD</h2>"));
	json_decref(p);
	expect_error(rana, "POST", api_path("%s/papers/999999/publish", api_path(
	             "/api/v1/panels/1/meetings/%ld", future_meeting)), NULL, 404, "not_found", NULL);

	/* Published at once when asked. */
	p = call_json(sam, "POST", lpath, "{\"title\":\"Now ZQN2\",\"summary\":\"S\",\"markdown\":"
	              "\"Text\",\"publish\":true}", 201);
	long now_id = get_id(p);
	assert_true(is_utc_time(str(p, "published_at")));
	json_decref(p);
	assert_true(lists_paper(amira, future_meeting, now_id));

	/* A meeting the guest is not invited to: none of its papers exist for
	 * her, nor for someone not on the panel. */
	const char *hl = api_path("/api/v1/panels/1/meetings/%ld/papers", hidden_meeting);
	char hlist[128];
	snprintf(hlist, sizeof hlist, "%s", hl);
	p = call_json(sam, "POST", hlist, "{\"title\":\"Hidden ZQN3\",\"summary\":\"S\",\"markdown\":"
	              "\"Text\",\"publish\":true}", 201);
	long hidden = get_id(p);
	json_decref(p);
	assert_true(lists_paper(amira, hidden_meeting, hidden));
	expect_error(joy, "GET", hlist, NULL, 404, "not_found", NULL);
	expect_error(helen, "GET", hlist, NULL, 404, "not_found", NULL);
	const char *hp = api_path("%s/%ld", hlist, hidden);
	expect_error(joy, "GET", hp, NULL, 404, "not_found", NULL);
	expect_error(joy, "GET", api_path("%s/file", hp), NULL, 404, "not_found", NULL);
	expect_error(joy, "GET", api_path("/api/v1/panels/1/meetings/%ld/reflections",
	                                  hidden_meeting), NULL, 404, "not_found", NULL);
	/* Nor is a paper found through another meeting's address. */
	expect_error(sam, "GET", api_path("%s/%ld", lpath, hidden), NULL, 404, "not_found", NULL);

	/* A file, uploaded through the page's form, read with a token. */
	size_t n = make_pdf();
	long file_id = upload_pdf(future_meeting, "Budget ZQPDF", n, true);
	long file_draft = upload_pdf(future_meeting, "Budget draft ZQPDF2", n, false);
	r = with_token(amira_auth, "GET", lpath, NULL);
	assert_int_equal(r->status, 200);
	l = parse(r);
	response_free(r);
	p = by_id(json_object_get(l, "papers"), file_id);
	assert_non_null(p);
	assert_null(by_id(json_object_get(l, "papers"), file_draft));
	assert_string_equal(str(p, "kind"), "pdf");
	assert_string_equal(str(p, "file_name"), "Budget ZQ.pdf");
	assert_int_equal(num(p, "file_size"), (long)n);
	char file_url[200];
	snprintf(file_url, sizeof file_url, "%s/%ld/file", lpath, file_id);
	assert_string_equal(str(p, "file_url"), file_url);
	assert_null(json_object_get(p, "markdown"));
	json_decref(l);
	p = call_json(amira, "GET", api_path("%s/%ld", lpath, file_id), NULL, 200);
	assert_null(json_object_get(p, "markdown"));
	assert_null(json_object_get(p, "html"));
	assert_string_equal(str(p, "file_url"), file_url);
	json_decref(p);

	struct response *a = with_token(amira_auth, "GET", file_url, NULL);
	assert_int_equal(a->status, 200);
	assert_int_equal(a->len, n);
	assert_memory_equal(a->body, pdf, n);
	/* The same bytes and headers as the page's download. */
	struct response *b = get(amira, api_path("/panels/1/meetings/%ld/papers/%ld/file",
	                                         future_meeting, file_id));
	assert_int_equal(b->status, 200);
	assert_int_equal(b->len, n);
	assert_memory_equal(b->body, pdf, n);
	static const char *const same[] = { "content-type", "content-disposition", "cache-control",
	                                    "x-content-type-options" };
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		char *x = header_value(a, same[i]), *y = header_value(b, same[i]);
		if (!x || !y || strcmp(x, y))
			fail_msg("%s: API %s, page %s", same[i], x ? x : "(none)", y ? y : "(none)");
		free(x);
		free(y);
	}
	char *ct = header_value(a, "content-type"), *cd = header_value(a, "content-disposition");
	assert_string_equal(ct, "application/pdf");
	assert_true(!strncmp(cd, "attachment; filename=\"Budget ZQ.pdf\"", 36));
	free(ct);
	free(cd);
	assert_true(strstr(a->headers, "sandbox") != NULL);
	response_free(a);
	response_free(b);
	/* The page's address takes no token: it asks the program to sign in. */
	r = with_token(amira_auth, "GET", api_path("/panels/1/meetings/%ld/papers/%ld/file",
	                                           future_meeting, file_id), NULL);
	assert_int_equal(r->status, 303);
	response_free(r);
	/* The draft's file: only for those who add papers. */
	r = with_token(amira_auth, "GET", api_path("%s/%ld/file", lpath, file_draft), NULL);
	assert_int_equal(r->status, 404);
	response_free(r);
	r = with_token(rana_auth, "GET", api_path("%s/%ld/file", lpath, file_draft), NULL);
	assert_int_equal(r->status, 200);
	assert_int_equal(r->len, n);
	response_free(r);
	/* A Markdown paper has no file. */
	expect_error(amira, "GET", api_path("%s/file", dpath), NULL, 404, "not_found", NULL);

	/* A program adds a paper with its token, no CSRF header. */
	r = with_token(rana_auth, "POST", lpath, "{\"title\":\"Bot ZQN4\",\"summary\":\"S\","
	               "\"markdown\":\"Text\"}");
	assert_int_equal(r->status, 201);
	p = parse(r);
	long bot_id = get_id(p);
	json_decref(p);
	response_free(r);

	/* Removing. */
	r = call(rana, "DELETE", dpath, NULL, 204);
	assert_int_equal(r->len, 0);
	response_free(r);
	expect_error(sam, "GET", dpath, NULL, 404, "not_found", NULL);
	expect_error(rana, "DELETE", dpath, NULL, 404, "not_found", NULL);
	assert_false(lists_paper(sam, future_meeting, draft));
	r = with_token(rana_auth, "DELETE", api_path("%s/%ld", lpath, bot_id), NULL);
	assert_int_equal(r->status, 204);
	response_free(r);
	response_free(call(sam, "DELETE", api_path("%s/%ld", lpath, file_draft), NULL, 204));
	/* The published file paper holds the same bytes: still there. */
	r = with_token(amira_auth, "GET", file_url, NULL);
	assert_int_equal(r->status, 200);
	response_free(r);
	response_free(call(sam, "DELETE", api_path("%s/%ld", lpath, file_id), NULL, 204));
	r = with_token(amira_auth, "GET", file_url, NULL);
	assert_int_equal(r->status, 404);
	response_free(r);
}

/* ---- 2. reflections ---- */

struct answer {
	int who;                 /* index in co[] */
	int heard;
	const char *info, *safe, *change;
	bool named;
};

static const struct answer answers[6] = {
	{ 0, 5, "yes", "yes", "More breaks ZQA1", true },
	{ 1, 4, "partly", "yes", "A bigger room ZQA2", false },
	{ 2, 2, "no", "partly", "", false },
	{ 3, 3, "yes", "no", "Quieter please ZQA3", false },
	{ 4, 4, "yes", "no", "", true },
	/* the sixth, whose figures and comment must not show */
	{ 5, 1, "no", "no", "I did not feel safe ZQA6", false },
};

static char *answer_json(const struct answer *a)
{
	static char buf[512];
	snprintf(buf, sizeof buf, "{\"felt_heard\":%d,\"info_in_time\":\"%s\",\"felt_safe\":\"%s\","
	         "\"should_change\":\"%s\",\"named\":%s}", a->heard, a->info, a->safe, a->change,
	         a->named ? "true" : "false");
	return buf;
}

/* Who must never be named in a reflections answer: those who answered
 * without their name. */
static void never_names_the_anonymous(const struct response *r, const char *who,
                                      const char *path)
{
	for (int i = 0; i < 5; i++) {
		if (answers[i].named) continue;
		const struct person *p = &co[answers[i].who];
		if (strstr(r->body, p->name) || strstr(r->body, p->email))
			fail_msg("%s was shown %s (anonymous) at %s: %.400s", who, p->name, path, r->body);
	}
	assert_null(strstr(r->body, "user_id"));
}

/* The keys of an object, sorted and joined: "a,b,c". */
static char *keys_of(json_t *j)
{
	static char buf[512];
	const char *k[32];
	size_t n = 0;
	const char *key;
	json_t *v;
	json_object_foreach(j, key, v) if (n < 32) k[n++] = key;
	for (size_t i = 1; i < n; i++)
		for (size_t m = i; m > 0 && strcmp(k[m - 1], k[m]) > 0; m--) {
			const char *t = k[m];
			k[m] = k[m - 1];
			k[m - 1] = t;
		}
	buf[0] = 0;
	for (size_t i = 0; i < n; i++) {
		strcat(buf, i ? "," : "");
		strcat(buf, k[i]);
	}
	return buf;
}

static void expect_counts(json_t *o, long yes, long partly, long no)
{
	assert_string_equal(keys_of(o), "no,partly,pass,yes");
	assert_int_equal(num(o, "pass"), 0);
	assert_int_equal(num(o, "yes"), yes);
	assert_int_equal(num(o, "partly"), partly);
	assert_int_equal(num(o, "no"), no);
}

/* The figures at five answers, worked out from `answers`: felt heard
 * (5+4+2+3+4)/5 = 3.6; had the information in time: yes 3, partly 1, no
 * 1; felt safe: yes 2, partly 1, no 2; three comments in the order of
 * their text, a name only on the named one. */
static void expect_figures(json_t *s)
{
	assert_string_equal(keys_of(s),
	                    "answers,answers_counted,comments,felt_heard_answers,felt_heard_average,"
	                    "felt_safe,info_in_time");
	assert_int_equal(num(s, "answers_counted"), 5);
	assert_int_equal(num(s, "felt_heard_answers"), 5);
	assert_int_equal(num(s, "answers"), 5);
	json_t *avg = json_object_get(s, "felt_heard_average");
	assert_true(json_is_real(avg));
	assert_true(json_real_value(avg) > 3.599 && json_real_value(avg) < 3.601);
	expect_counts(json_object_get(s, "info_in_time"), 3, 1, 1);
	expect_counts(json_object_get(s, "felt_safe"), 2, 1, 2);
	json_t *c = json_object_get(s, "comments");
	assert_int_equal(json_array_size(c), 3);
	assert_string_equal(str(json_array_get(c, 0), "text"), "A bigger room ZQA2");
	assert_string_equal(keys_of(json_array_get(c, 0)), "text");
	assert_string_equal(str(json_array_get(c, 1), "text"), "More breaks ZQA1");
	assert_string_equal(str(json_array_get(c, 1), "name"), co[0].name);
	assert_string_equal(str(json_array_get(c, 2), "text"), "Quieter please ZQA3");
	assert_string_equal(keys_of(json_array_get(c, 2)), "text");
}

/* Everyone who may see the meeting, the anonymous authors included. */
static struct client *viewers(int i)
{
	struct client *v[] = { sam, rana, amira, joy, co[0].c, co[1].c, co[2].c, co[3].c, co[4].c,
	                       co[5].c, co[6].c };
	return i < (int)(sizeof v / sizeof v[0]) ? v[i] : NULL;
}

/* The meeting's summary (without where the viewer stands) and project 1's
 * as each viewer gets them; checks them with check and that no anonymous
 * author is named. Guests see no projects. */
static void every_view(const char *rpath, void (*check)(json_t *summary))
{
	for (int i = 0; viewers(i); i++) {
		struct client *c = viewers(i);
		struct response *r = call(c, "GET", rpath, NULL, 200);
		never_names_the_anonymous(r, c->email, rpath);
		json_t *j = parse(r);
		response_free(r);
		json_t *mine = json_object_get(j, "i_have_answered");
		assert_true(json_is_boolean(mine));
		assert_true(json_is_boolean(json_object_get(j, "can_reflect")));
		json_object_del(j, "i_have_answered");
		json_object_del(j, "can_reflect");
		check(j);
		json_decref(j);
		if (c == joy) continue;
		r = call(c, "GET", "/api/v1/panels/1/projects/1", NULL, 200);
		never_names_the_anonymous(r, c->email, "project 1");
		j = parse(r);
		response_free(r);
		check(json_object_get(j, "reflections"));
		json_decref(j);
	}
}

/* Six answers: the first five's figures, exactly as at five. */
static void six_five_counted(json_t *s)
{
	assert_int_equal(num(s, "answers"), 6);
	char *text = json_dumps(s, 0);
	bool leaked = strstr(text, "ZQA6") != NULL;
	free(text);
	assert_false(leaked);
	json_object_set_new(s, "answers", json_integer(5)); /* the rest as at five */
	expect_figures(s);
}

static void only_four(json_t *s)
{
	assert_string_equal(keys_of(s), "answers,answers_counted");
	assert_int_equal(num(s, "answers"), 4);
	assert_int_equal(num(s, "answers_counted"), 0);
}

static void none_yet(json_t *s)
{
	assert_string_equal(keys_of(s), "answers,answers_counted");
	assert_int_equal(num(s, "answers"), 0);
	assert_int_equal(num(s, "answers_counted"), 0);
}

static bool answered(struct client *c, const char *rpath, bool *can)
{
	json_t *j = call_json(c, "GET", rpath, NULL, 200);
	bool done = json_is_true(json_object_get(j, "i_have_answered"));
	if (can) *can = json_is_true(json_object_get(j, "can_reflect"));
	json_decref(j);
	return done;
}

static void reflections(void **state)
{
	(void)state;
	past_meeting = plan_meeting("Looking+back+ZQPAST", "2020-03-10");
	long at[6];
	for (int i = 0; i < 6; i++) at[i] = co[i].id;
	attended(past_meeting, at, 6);
	invite_to_meeting(past_meeting, JOY);
	char rpath[128], post[128];
	snprintf(rpath, sizeof rpath, "/api/v1/panels/1/meetings/%ld/reflections", past_meeting);
	snprintf(post, sizeof post, "/api/v1/panels/1/meetings/%ld/reflection", past_meeting);
	every_view(rpath, none_yet);
	bool can;
	assert_false(answered(co[0].c, rpath, &can));
	assert_true(can);
	assert_false(answered(amira, rpath, &can)); /* not there */
	assert_false(can);

	/* Only those recorded as attending; nobody else learns more. */
	char *ok = answer_json(&answers[0]);
	char okj[512];
	snprintf(okj, sizeof okj, "%s", ok);
	expect_error(sam, "POST", post, okj, 403, "forbidden", NULL);
	expect_error(co[6].c, "POST", post, okj, 403, "forbidden", NULL);
	expect_error(joy, "POST", post, okj, 403, "forbidden", NULL); /* invited, not there */
	expect_error(helen, "POST", post, okj, 404, "not_found", NULL);
	expect_error(joy, "POST", api_path("/api/v1/panels/1/meetings/%ld/reflection",
	                                   hidden_meeting), okj, 404, "not_found", NULL);
	/* Nobody is recorded as coming to a meeting that has not begun (issue
	 * 17, point 5: it made fee claims). */
	char early_fields[64];
	snprintf(early_fields, sizeof early_fields, "listed=%ld&attended=%ld", co[0].id, co[0].id);
	expect_post(sam, api_path("/panels/1/meetings/%ld/attendance", future_meeting), early_fields,
	            409);
	/* Not before the meeting is over, even from someone recorded there. */
	long in_progress = meeting_in_progress(sam, 1, 1, "ZQ in progress");
	long early[] = { co[0].id };
	attended(in_progress, early, 1);
	expect_error(co[0].c, "POST", api_path("/api/v1/panels/1/meetings/%ld/reflection",
	                                       in_progress), okj, 409, "not_yet", NULL);
	/* Bad answers name their field; nothing is saved. */
	static const struct { const char *json; const char *field; } bad[] = {
		{ "{\"felt_heard\":-1,\"info_in_time\":\"yes\",\"felt_safe\":\"yes\"}", "felt_heard" },
		{ "{\"felt_heard\":6,\"info_in_time\":\"yes\",\"felt_safe\":\"yes\"}", "felt_heard" },
		{ "{\"felt_heard\":\"4\",\"info_in_time\":\"yes\",\"felt_safe\":\"yes\"}", "felt_heard" },
		{ "{\"felt_heard\":4.5,\"info_in_time\":\"yes\",\"felt_safe\":\"yes\"}", "felt_heard" },
		{ "{\"info_in_time\":\"yes\",\"felt_safe\":\"yes\"}", "felt_heard" },
		{ "{\"felt_heard\":4,\"info_in_time\":\"maybe\",\"felt_safe\":\"yes\"}", "info_in_time" },
		{ "{\"felt_heard\":4,\"info_in_time\":\"yes\"}", "felt_safe" },
		{ "{\"felt_heard\":4,\"info_in_time\":\"yes\",\"felt_safe\":\"No\"}", "felt_safe" },
		{ "{\"felt_heard\":4,\"info_in_time\":\"yes\",\"felt_safe\":\"no\",\"named\":1}", "named" },
		{ "{\"felt_heard\":4,\"info_in_time\":\"yes\",\"felt_safe\":\"no\",\"who\":7}", "who" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		expect_error(co[0].c, "POST", post, bad[i].json, 400, "invalid", bad[i].field);
	assert_false(answered(co[0].c, rpath, NULL));

	/* Four answers: only how many. */
	for (int i = 0; i < 4; i++) {
		json_t *j = call_json(co[answers[i].who].c, "POST", post, answer_json(&answers[i]), 201);
		assert_int_equal(num(j, "felt_heard"), answers[i].heard);
		assert_string_equal(str(j, "info_in_time"), answers[i].info);
		assert_string_equal(str(j, "felt_safe"), answers[i].safe);
		assert_string_equal(str(j, "should_change"), answers[i].change);
		assert_true(json_is_true(json_object_get(j, "named")) == answers[i].named);
		json_decref(j);
	}
	struct response *r = call(co[1].c, "POST", post, answer_json(&answers[1]), 409);
	assert_true(contains(r, "already_answered"));
	never_names_the_anonymous(r, co[1].email, post);
	response_free(r);
	every_view(rpath, only_four);
	assert_true(answered(co[1].c, rpath, &can));
	assert_false(can);
	assert_false(answered(co[4].c, rpath, &can));
	assert_true(can);

	/* The fifth: the figures, exactly. */
	json_decref(call_json(co[4].c, "POST", post, answer_json(&answers[4]), 201));
	every_view(rpath, expect_figures);
	/* Not vacuous: the named commenter is named. */
	r = call(amira, "GET", rpath, NULL, 200);
	assert_true(contains(r, co[0].name));
	assert_true(contains(r, "\"felt_heard_average\":3.6"));
	/* co[4] put their name to an answer with no comment: not shown. */
	assert_false(contains(r, co[4].name));
	response_free(r);
	assert_false(answered(co[5].c, rpath, &can)); /* may still answer */
	assert_true(can);

	/* A sixth answer changes nothing anyone sees but the count: compared
	 * with the figures before it, it would be that one person's answer
	 * (issue 17, point 1). It is counted with four more. */
	json_decref(call_json(co[5].c, "POST", post, answer_json(&answers[5]), 201));
	every_view(rpath, six_five_counted);
}

/* ---- 3. what we will change, closing ---- */

static void what_we_will_change_and_closing(void **state)
{
	(void)state;
	char path[128], mpath[128];
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/what-we-will-change",
	         past_meeting);
	snprintf(mpath, sizeof mpath, "/api/v1/panels/1/meetings/%ld", past_meeting);
	json_t *m = call_json(amira, "GET", mpath, NULL, 200);
	assert_string_equal(str(m, "what_we_will_change"), "");
	json_decref(m);
	static const char body[] = "{\"text\":\"  We will book a quieter room ZQW  \"}";
	expect_error(amira, "PUT", path, body, 403, "forbidden", NULL);
	expect_error(co[0].c, "PUT", path, body, 403, "forbidden", NULL);
	expect_error(joy, "PUT", path, body, 403, "forbidden", NULL);
	expect_error(helen, "PUT", path, body, 404, "not_found", NULL);
	expect_error(rana, "PUT", "/api/v1/panels/1/meetings/999999/what-we-will-change", body, 404,
	             "not_found", NULL);
	expect_error(rana, "PUT", path, "{}", 400, "invalid", "text");
	expect_error(rana, "PUT", path, "{\"text\":5}", 400, "invalid", "text");
	expect_error(rana, "PUT", path, "{\"what_we_will_change\":\"x\"}", 400, "invalid",
	             "what_we_will_change");
	char *longer = malloc(4100 + 32);
	strcpy(longer, "{\"text\":\"");
	size_t k = strlen(longer);
	memset(longer + k, 'x', 4001);
	strcpy(longer + k + 4001, "\"}");
	expect_error(rana, "PUT", path, longer, 400, "invalid", "text");
	free(longer);
	/* Only PUT. */
	struct response *r = send_json(rana, "POST", path, body);
	assert_int_equal(r->status, 405);
	char *allow = header_value(r, "allow");
	assert_non_null(allow);
	assert_non_null(strstr(allow, "PUT"));
	free(allow);
	response_free(r);
	assert_int_equal(notices_saying(co[0].c, "wrote what they will change"), 0);

	m = call_json(rana, "PUT", path, body, 200);
	assert_int_equal(get_id(m), past_meeting);
	assert_string_equal(str(m, "what_we_will_change"), "We will book a quieter room ZQW");
	json_decref(m);
	struct client *readers[] = { amira, joy, co[6].c };
	for (size_t i = 0; i < 3; i++) {
		m = call_json(readers[i], "GET", mpath, NULL, 200);
		assert_string_equal(str(m, "what_we_will_change"), "We will book a quieter room ZQW");
		json_decref(m);
	}
	/* Attendees are told; others are not. */
	for (int i = 0; i < 6; i++)
		if (notices_saying(co[i].c, "wrote what they will change") != 1)
			fail_msg("%s was not told once", co[i].email);
	assert_int_equal(notices_saying(co[6].c, "wrote what they will change"), 0);
	assert_int_equal(notices_saying(rana, "wrote what they will change"), 0);
	/* A program with a token; and "" clears it. */
	r = with_token(rana_auth, "PUT", path, "{\"text\":\"\"}");
	assert_int_equal(r->status, 200);
	response_free(r);
	m = call_json(amira, "GET", mpath, NULL, 200);
	assert_string_equal(str(m, "what_we_will_change"), "");
	json_decref(m);

	/* A project's closing reflection. */
	r = post_form(sam, "/panels/1/projects",
	              "title=Closing+ZQCL&purpose=P&decision_maker=Us&stage=shaping");
	assert_int_equal(r->status, 303);
	long project = location_id(r, "/projects/");
	response_free(r);
	char cpath[128], ppath[128];
	snprintf(cpath, sizeof cpath, "/api/v1/panels/1/projects/%ld/closing-reflection", project);
	snprintf(ppath, sizeof ppath, "/api/v1/panels/1/projects/%ld", project);
	static const char closing[] = "{\"markdown\":\"## What changed ZQC\\n\\n- GP steps first\"}";
	expect_error(amira, "PUT", cpath, closing, 403, "forbidden", NULL);
	expect_error(joy, "PUT", cpath, closing, 403, "forbidden", NULL);
	expect_error(helen, "PUT", cpath, closing, 404, "not_found", NULL);
	expect_error(rana, "PUT", "/api/v1/panels/1/projects/999999/closing-reflection", closing,
	             404, "not_found", NULL);
	expect_error(rana, "PUT", cpath, "{\"markdown\":\"   \"}", 400, "invalid", "markdown");
	expect_error(rana, "PUT", cpath, "{}", 400, "invalid", "markdown");
	expect_error(rana, "PUT", cpath, "{\"closing_reflection\":\"x\"}", 400, "invalid",
	             "closing_reflection");
	json_t *p = call_json(amira, "GET", ppath, NULL, 200);
	assert_true(json_is_null(json_object_get(p, "closed_at")));
	assert_string_equal(str(p, "closing_reflection"), "");
	none_yet(json_object_get(p, "reflections"));
	json_decref(p);

	p = call_json(rana, "PUT", cpath, closing, 200);
	assert_int_equal(get_id(p), project);
	assert_true(is_utc_time(str(p, "closed_at")));
	assert_string_equal(str(p, "closing_reflection"), "## What changed ZQC\n\n- GP steps first");
	json_decref(p);
	p = call_json(amira, "GET", ppath, NULL, 200);
	assert_true(is_utc_time(str(p, "closed_at")));
	assert_string_equal(str(p, "closing_reflection"), "## What changed ZQC\n\n- GP steps first");
	json_decref(p);
	r = with_token(rana_auth, "PUT", cpath, "{\"markdown\":\"Rewritten ZQC2\"}");
	assert_int_equal(r->status, 200);
	response_free(r);
	p = call_json(amira, "GET", ppath, NULL, 200);
	assert_string_equal(str(p, "closing_reflection"), "Rewritten ZQC2");
	json_decref(p);
}

/* A file paper through the API (multipart/form-data): checked by its
 * bytes, stored, and read back the same through the API. */
static void a_file_through_the_api(void **state)
{
	(void)state;
	size_t n = make_pdf();
	char path[128];
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/papers", future_meeting);
	struct mpart parts[3] = {
		{ "title", "API file ZQAPI", 0, NULL, NULL },
		{ "summary", "Sent by a program.", 0, NULL, NULL },
		{ "file", (const char *)pdf, n, "from-api.pdf", "image/png" } };
	struct response *r = post_multipart(sam, path, parts, 3);
	if (r->status != 201) fail_msg("API upload: %ld %.300s", r->status, r->body);
	json_t *j = parse(r);
	response_free(r);
	assert_string_equal(str(j, "kind"), "pdf");   /* its bytes, not its claim */
	long id = (long)json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/papers/%ld/file",
	         future_meeting, id);
	r = get(sam, path);
	assert_int_equal(r->status, 200);
	assert_int_equal(r->len, n);
	assert_memory_equal(r->body, pdf, n);
	response_free(r);

	/* Not a kind we take: refused, naming the field; nothing listed. */
	size_t before = papers_seen(sam, future_meeting);
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/papers", future_meeting);
	struct mpart bad[3] = {
		{ "title", "Not a paper", 0, NULL, NULL }, { "summary", "x", 0, NULL, NULL },
		{ "file", "just text", 9, "x.pdf", "application/pdf" } };
	r = post_multipart(sam, path, bad, 3);
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "\"field\":\"file\""));
	response_free(r);
	assert_int_equal(papers_seen(sam, future_meeting), before);
	/* A co-creator may not add papers, file or not. */
	r = post_multipart(amira, path, parts, 3);
	assert_int_equal(r->status, 403);
	response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(papers),
		cmocka_unit_test(reflections),
		cmocka_unit_test(what_we_will_change_and_closing),
		cmocka_unit_test(a_file_through_the_api),
	};
	return cmocka_run_group_tests_name("http api record", tests, setup, teardown);
}
