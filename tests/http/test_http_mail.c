/* Mail delivery against a real SMTP relay on a loopback port
 * (tests/mail/smtp_sink.py: STARTTLS required, AUTH, and answers chosen by
 * the recipient), on each backend: a message arrives whole and readable; a
 * 451 is tried again and delivered; a 550 is given up and said; the relay
 * down, then up; two servers on one database deliver each message once;
 * a server killed while it sends loses nothing.
 *
 * People (harness.h): sam steward of panel 1, who invites. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "api_json.h"
#include "harness.h"
#include "../testdb.h"

extern char **environ;

static struct server srv;
static struct client *sam;
static char sink_dir[64], sink_url[64], cert[128];
static pid_t sink_pid;
static int sink_port;

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&t, NULL);
}

/* Starts the relay on port (0: one it picks) and waits for "ready PORT". */
static bool sink_start(int port, const char *slow)
{
	const char *script = getenv("EMPTYCHAIR_SMTP_SINK");
	if (!script) {
		fprintf(stderr, "test: EMPTYCHAIR_SMTP_SINK names tests/mail/smtp_sink.py\n");
		return false;
	}
	char port_arg[16];
	snprintf(port_arg, sizeof port_arg, "%d", port);
	char *argv[] = { "/usr/bin/python3", (char *)script, "--dir", sink_dir, "--port", port_arg,
	                 "--user", "relay-user", "--password", "relay secret", "--slow",
	                 (char *)(slow ? slow : "0"), NULL };
	char line[64];
	sink_pid = spawn_until_line(argv, NULL, line, sizeof line);
	if (sink_pid < 0) return false;
	if (sscanf(line, "ready %d", &sink_port) != 1) {
		fprintf(stderr, "test: the relay did not start: %s\n", line);
		return false;
	}
	snprintf(sink_url, sizeof sink_url, "smtp://127.0.0.1:%d", sink_port);
	return true;
}

static void sink_stop(void)
{
	if (sink_pid <= 0) return;
	kill(sink_pid, SIGTERM);
	waitpid(sink_pid, NULL, 0);
	sink_pid = 0;
}

/* The whole of file path (malloc'd); NULL when it is not there. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	char *buf = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&buf, &n);
	char chunk[4096];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, k, mem);
	fclose(f);
	fclose(mem);
	return buf;
}

/* Calls visit (when not NULL) with the .eml path of each message the relay
 * took for rcpt, in no order; how many there are. */
static int each_message(const char *rcpt, void (*visit)(const char *eml_path, void *ctx),
                        void *ctx)
{
	char dir[128], want[200];
	snprintf(dir, sizeof dir, "%s/messages", sink_dir);
	snprintf(want, sizeof want, "\"rcpt_tos\": [\"%s\"]", rcpt);
	DIR *d = opendir(dir);
	if (!d) return 0;
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 5, ".json")) continue;
		char path[300];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		char *json = slurp(path);
		/* The .eml is written after its .json: count it once it is there. */
		char eml_path[300];
		snprintf(eml_path, sizeof eml_path, "%.*s.eml", (int)(strlen(path) - 5), path);
		if (json && strstr(json, want) && access(eml_path, R_OK) == 0) {
			count++;
			if (visit) visit(eml_path, ctx);
		}
		free(json);
	}
	closedir(d);
	return count;
}

static void keep_newest(const char *eml_path, void *ctx)
{
	char *newest = ctx;
	if (strcmp(eml_path, newest) > 0) snprintf(newest, 300, "%s", eml_path);
}

/* How many messages the relay took for rcpt; the newest's .eml and .json
 * (malloc'd) when asked. */
static int arrived(const char *rcpt, char **eml, char **meta)
{
	char newest[300] = "";
	int count = each_message(rcpt, eml || meta ? keep_newest : NULL, newest);
	if (eml) *eml = count ? slurp(newest) : NULL;
	if (meta && count) {
		char json_path[300];
		snprintf(json_path, sizeof json_path, "%.*s.json", (int)(strlen(newest) - 4), newest);
		*meta = slurp(json_path);
	}
	return count;
}

/* The Message-ID line of eml (malloc'd). */
static char *message_id(const char *eml)
{
	const char *p = strstr(eml, "\r\nMessage-ID: ");
	assert_non_null(p);
	p += 2;
	return strndup(p, strcspn(p, "\r"));
}

struct same_id {
	char *first;
	bool same;
};

static void compare_id(const char *eml_path, void *ctx)
{
	struct same_id *c = ctx;
	char *eml = slurp(eml_path);
	char *id = eml ? message_id(eml) : NULL;
	if (id && c->first) c->same = c->same && !strcmp(id, c->first);
	if (id && !c->first) c->first = id;
	else free(id);
	free(eml);
}

/* Whether every copy the relay took for rcpt has the same Message-ID. */
static bool copies_are_one_message(const char *rcpt)
{
	struct same_id c = { NULL, true };
	each_message(rcpt, compare_id, &c);
	free(c.first);
	return c.same;
}

/* Waits up to seconds for rcpt's count to reach want; the count. */
static int wait_arrived(const char *rcpt, int want, int seconds)
{
	int64_t until = now_ms() + seconds * 1000;
	int got;
	while ((got = arrived(rcpt, NULL, NULL)) < want && now_ms() < until) pause_ms(100);
	return got;
}

/* `emptychair outbox` as it says the message to rcpt fared (malloc'd). */
static char *outbox_line(struct server *s, const char *rcpt)
{
	char *out = server_cli(s, (const char *const[]){ "outbox", "--limit", "200", NULL });
	char needle[200];
	snprintf(needle, sizeof needle, " to %s: ", rcpt);
	const char *p = out ? strstr(out, needle) : NULL;
	char *line = p ? strndup(p + strlen(needle), strcspn(p + strlen(needle), "\n")) : NULL;
	free(out);
	return line;
}

/* Waits up to seconds for rcpt's outbox line to start with prefix. */
static char *wait_outbox(struct server *s, const char *rcpt, const char *prefix, int seconds)
{
	int64_t until = now_ms() + seconds * 1000;
	for (;;) {
		char *line = outbox_line(s, rcpt);
		if ((line && !strncmp(line, prefix, strlen(prefix))) || now_ms() >= until) return line;
		free(line);
		pause_ms(200);
	}
}

/* Invites email to panel 1 through c's server; the link it was given. */
static char *invite(struct client *c, const char *email)
{
	char body[256];
	snprintf(body, sizeof body, "{\"email\":\"%s\",\"role\":\"co_creator\"}", email);
	json_t *j = call_json(c, "POST", "/api/v1/panels/1/invitations", body, 201);
	char *link = strdup(str(j, "invitation_link"));
	json_decref(j);
	return link;
}

/* The quoted-printable body of a message, decoded. */
static char *qp_body(const char *eml)
{
	const char *p = strstr(eml, "\r\n\r\n");
	assert_non_null(p);
	char *out = malloc(strlen(p) + 1), *o = out;
	for (p += 4; *p;) {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') p += 3;
		else if (p[0] == '=' && p[1] && p[2]) {
			char hex[3] = { p[1], p[2], 0 };
			*o++ = (char)strtol(hex, NULL, 16);
			p += 3;
		} else if (p[0] == '\r' && p[1] == '\n') {
			*o++ = '\n';
			p += 2;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	return out;
}

static bool start_server(struct server *s, const struct server *beside)
{
	const char *const flags[] = { "--smtp", sink_url, NULL };
	return beside ? server_start_beside_with(s, beside, flags) : server_start_with(s, flags);
}

static int setup(void **state)
{
	snprintf(sink_dir, sizeof sink_dir, "/tmp/ec-smtp-XXXXXX");
	if (!mkdtemp(sink_dir) || !sink_start(0, NULL)) return -1;
	snprintf(cert, sizeof cert, "%s/cert.pem", sink_dir);
	/* The mail settings beside --smtp, as an operator may give them. */
	setenv("EMPTYCHAIR_SMTP_USER", "relay-user", 1);
	setenv("EMPTYCHAIR_SMTP_PASSWORD", "relay secret", 1);
	setenv("EMPTYCHAIR_SMTP_CA", cert, 1);
	setenv("EMPTYCHAIR_MAIL_FROM", "Just Voices <panel@example.org>", 1);
	setenv("EMPTYCHAIR_MAIL_INTERVAL", "1", 1);
	setenv("EMPTYCHAIR_MAIL_RETRY", "1", 1);
	setenv("EMPTYCHAIR_MAIL_LEASE", "10", 1); /* relay timeout 5 s: room on a slow machine */
	setenv("EMPTYCHAIR_MAIL_DIGEST", "2", 1);
	if (!start_server(&srv, NULL)) return -1;
	sam = client_new(&srv);
	return client_sign_in(sam, "sam@demo.emptychair.org", NULL) ? 0 : -1;
}

static int teardown(void **state)
{
	client_free(sam);
	int rc = server_stop(&srv);
	sink_stop();
	if (!getenv("KEEP_TEST_DIRS")) {
		char *rm[] = { "/bin/rm", "-rf", sink_dir, NULL };
		pid_t pid = fork();
		if (pid == 0) {
			execve(rm[0], rm, environ);
			_exit(127);
		}
		waitpid(pid, NULL, 0);
	}
	return rc == 0 || rc == -1 ? 0 : -1;
}

static void an_invitation_arrives_whole(void **state)
{
	(void)state;
	char *link = invite(sam, "new.person.zqm@example.org");
	assert_int_equal(wait_arrived("new.person.zqm@example.org", 1, 30), 1);
	char *eml, *meta;
	arrived("new.person.zqm@example.org", &eml, &meta);
	/* Over TLS, signed in, from the installation's address. */
	assert_non_null(strstr(meta, "\"mail_from\": \"panel@example.org\""));
	assert_non_null(strstr(meta, "\"tls\": true"));
	assert_non_null(strstr(meta, "\"auth\": true"));
	assert_non_null(strstr(eml, "From: Just Voices <panel@example.org>\r\n"));
	assert_non_null(strstr(eml, "To: new.person.zqm@example.org\r\n"));
	if (!strstr(eml, "Subject: You are invited to join Just Voices migrants' panel\r\n"))
		fail_msg("not the invitation's subject:\n%.600s", eml);
	assert_non_null(strstr(eml, "Message-ID: <emptychair."));
	assert_non_null(strstr(eml, "@example.org>\r\n"));
	assert_non_null(strstr(eml, "Auto-Submitted: auto-generated\r\n"));
	assert_non_null(strstr(eml, "\r\nDate: "));
	char *body = qp_body(eml);
	if (!strstr(body, link)) fail_msg("the link is not in the message:\n%s", body);
	free(body);
	free(eml);
	free(meta);
	free(link);
	char *line = wait_outbox(&srv, "new.person.zqm@example.org", "sent", 10);
	assert_non_null(line);
	assert_string_equal(line, "sent");
	free(line);
	/* The relay's password is in no log. */
	char *log = server_log(&srv);
	assert_null(strstr(log, "relay secret"));
	free(log);
}

/* A contribution to panel 1 by c (anonymous or with their name); its id. */
static long contribute(struct client *c, bool anonymous, const char *body)
{
	char json[300];
	snprintf(json, sizeof json, "{\"kind\":\"idea\",\"body\":\"%s\",\"attribution\":\"%s\"}",
	         body, anonymous ? "anonymous" : "named");
	json_t *j = call_json(c, "POST", "/api/v1/panels/1/contributions", json, 201);
	long id = get_id(j);
	json_decref(j);
	return id;
}

/* A message is written in its reader's language when it is sent: here a
 * response's, to someone who chose Arabic, by a steward whose pages are
 * in English. Its subject is encoded (RFC 2047), its body UTF-8. */
static void a_message_arrives_in_its_reader_s_language(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	assert_true(client_sign_in(c, "member3@demo.emptychair.org", NULL));
	json_decref(call_json(c, "PUT", "/api/v1/me/language", "{\"language\":\"ar\"}", 200));
	long id = contribute(c, false, "Longer library hours ZQA");
	char body[300];
	snprintf(body, sizeof body, "{\"status\":\"adopted\",\"contributions\":[%ld],"
	         "\"what_done\":\"Open till eight ZQA\",\"decided_by\":\"The board\"}", id);
	json_decref(call_json(sam, "POST", "/api/v1/panels/1/responses", body, 201));
	assert_int_equal(wait_arrived("member3@demo.emptychair.org", 1, 30), 1);
	char *eml;
	arrived("member3@demo.emptychair.org", &eml, NULL);
	assert_non_null(strstr(eml, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(eml, "Content-Type: text/plain; charset=UTF-8"));
	char *text = qp_body(eml);
	/* The words around the panel's name and the link, as the catalogue
	 * has them. */
	char *want = translated("ar", "Hello,\n\n%s has responded to something you said. "
	                              "You can read what became of it here:\n\n%s\n");
	char *name = strstr(want, "%s");
	assert_non_null(name);
	*name = 0;
	char *between = name + 2, *link = strstr(between, "%s");
	assert_non_null(link);
	*link = 0;
	if (!strstr(text, want) || !strstr(text, between))
		fail_msg("not in Arabic: want \"%s\" and \"%s\" in\n%s", want, between, text);
	assert_non_null(strstr(text, "Just Voices migrants' panel"));
	free(want);
	free(text);
	free(eml);
	client_free(c);
}

/* Each person's choice: each notice at once, a daily digest, or none; and
 * an answer to something said anonymously never comes at once, only in
 * the digest. */
static void notices_come_as_each_person_chose(void **state)
{
	(void)state;
	static const struct { const char *email, *choice; bool anonymous; } people[] = {
		{ "member5@demo.emptychair.org", "immediately", false },
		{ "member13@demo.emptychair.org", "daily", false },
		{ "member7@demo.emptychair.org", "none", false },
		{ "member9@demo.emptychair.org", "immediately", true },
	};
	enum { PEOPLE = sizeof people / sizeof people[0] };
	long ids[PEOPLE];
	for (int i = 0; i < PEOPLE; i++) {
		struct client *c = client_new(&srv);
		assert_true(client_sign_in(c, people[i].email, NULL));
		char json[80];
		snprintf(json, sizeof json, "{\"notices\":\"%s\"}", people[i].choice);
		json_t *me = call_json(c, "PUT", "/api/v1/me/mail", json, 200);
		assert_string_equal(str(json_object_get(me, "mail"), "notices"), people[i].choice);
		json_decref(me);
		ids[i] = contribute(c, people[i].anonymous, "Buses after six ZQD");
		client_free(c);
	}
	char body[300];
	snprintf(body, sizeof body, "{\"status\":\"adopted\",\"contributions\":[%ld,%ld,%ld,%ld],"
	         "\"what_done\":\"The late bus runs from January ZQD\","
	         "\"decided_by\":\"The transport board\"}", ids[0], ids[1], ids[2],
	         ids[3]);
	json_decref(call_json(sam, "POST", "/api/v1/panels/1/responses", body, 201));
	/* At once: only the one who chose it and spoke in their own name. */
	assert_int_equal(wait_arrived("member5@demo.emptychair.org", 1, 30), 1);
	char *eml;
	arrived("member5@demo.emptychair.org", &eml, NULL);
	assert_null(strstr(eml, "Subject: What is new"));
	free(eml);
	/* The digest: for who chose it, and for the anonymous author. */
	for (int i = 1; i < PEOPLE; i += 2) {
		assert_int_equal(wait_arrived(people[i].email, 1, 30), 1);
		arrived(people[i].email, &eml, NULL);
		if (!strstr(eml, "Subject: What is new for you on emptychair"))
			fail_msg("%s: not a digest:\n%.500s", people[i].email, eml);
		char *text = qp_body(eml);
		assert_non_null(strstr(text, "Just Voices migrants' panel: "));
		assert_non_null(strstr(text, "http://test.invalid/"));
		assert_non_null(strstr(text, "/account#mail"));
		free(text);
		free(eml);
	}
	/* Nothing for who chose none, and no second message for anyone. */
	pause_ms(4000);
	assert_int_equal(arrived("member7@demo.emptychair.org", NULL, NULL), 0);
	for (int i = 0; i < PEOPLE; i++)
		if (i != 2 && arrived(people[i].email, NULL, NULL) != 1)
			fail_msg("%s had %d messages", people[i].email, arrived(people[i].email, NULL, NULL));
}

static void a_451_is_tried_again_then_delivered(void **state)
{
	(void)state;
	free(invite(sam, "tempfail-2@example.org"));
	assert_int_equal(wait_arrived("tempfail-2@example.org", 1, 30), 1);
	char *line = wait_outbox(&srv, "tempfail-2@example.org", "sent", 10);
	assert_non_null(line);
	assert_string_equal(line, "sent after 3 attempts");
	free(line);
}

static void a_550_is_given_up_and_said(void **state)
{
	(void)state;
	free(invite(sam, "reject.zqm@example.org"));
	char *line = wait_outbox(&srv, "reject.zqm@example.org", "NOT DELIVERED", 30);
	assert_non_null(line);
	assert_string_equal(line, "NOT DELIVERED: 550 5.1.1 No such user here");
	free(line);
	/* And not tried again. */
	pause_ms(2500);
	line = outbox_line(&srv, "reject.zqm@example.org");
	assert_string_equal(line, "NOT DELIVERED: 550 5.1.1 No such user here");
	free(line);
	assert_int_equal(arrived("reject.zqm@example.org", NULL, NULL), 0);
	/* The stewards see it, why, and the message to send by hand. */
	struct response *r = get(sam, "/panels/1/undelivered");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "reject.zqm@example.org"));
	assert_true(contains(r, "Given up: <bdi>550 5.1.1 No such user here"));
	assert_true(contains(r, "http://test.invalid/accept-invitation?t="));
	response_free(r);
	json_t *j = call_json(sam, "GET", "/api/v1/panels/1/undelivered", NULL, 200);
	json_t *list = json_object_get(j, "messages"), *m;
	size_t i;
	bool seen = false;
	json_array_foreach(list, i, m) {
		if (strcmp(str(m, "to"), "reject.zqm@example.org")) continue;
		seen = true;
		assert_string_equal(str(m, "kind"), "invitation");
		assert_string_equal(str(m, "last_error"), "550 5.1.1 No such user here");
		assert_true(is_utc_time(str(m, "given_up_at")));
		assert_non_null(strstr(str(m, "body"), "/accept-invitation?t="));
	}
	assert_true(seen);
	json_decref(j);
	/* The steward passes the link on by hand; the person joins, and sees
	 * on their own page that mail to them does not arrive, and why. */
	r = get(sam, "/panels/1/undelivered");
	const char *at = strstr(r->body, "http://test.invalid/accept-invitation?t=");
	assert_non_null(at);
	char token[128];
	at += strlen("http://test.invalid/accept-invitation?t=");
	snprintf(token, sizeof token, "%.*s", (int)strcspn(at, "<\n "), at);
	response_free(r);
	struct client *joiner = client_new(&srv);
	char page[200];
	snprintf(page, sizeof page, "/accept-invitation?t=%s", token);
	r = get(joiner, page); /* the form, and its CSRF token */
	assert_int_equal(r->status, 200);
	response_free(r);
	char form[300];
	snprintf(form, sizeof form, "t=%s&display_name=Reji+ZQM&password=lantern+orchard+violet+spoon",
	         token);
	r = post_form(joiner, "/accept-invitation", form);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(joiner, "/account"); /* signed in by accepting */
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "could not be delivered to <bdi>reject.zqm@example.org</bdi>"));
	assert_true(contains(r, "550 5.1.1 No such user here"));
	response_free(r);
	client_free(joiner);
}

static void the_relay_down_then_up(void **state)
{
	(void)state;
	int port = sink_port;
	sink_stop();
	free(invite(sam, "later.zqm@example.org"));
	char *line = wait_outbox(&srv, "later.zqm@example.org", "waiting, 1 attempt", 30);
	assert_non_null(line);
	if (strncmp(line, "waiting, 1 attempt", 18)) fail_msg("outbox says: %s", line);
	free(line);
	assert_true(sink_start(port, NULL));
	assert_int_equal(wait_arrived("later.zqm@example.org", 1, 30), 1);
}

static void two_servers_deliver_each_message_once(void **state)
{
	(void)state;
	struct server two;
	assert_true(start_server(&two, &srv));
	struct client *sam2 = client_new(&two);
	assert_true(client_sign_in(sam2, "sam@demo.emptychair.org", NULL));
	enum { MANY = 20 };
	char to[MANY][64];
	for (int i = 0; i < MANY; i++) {
		snprintf(to[i], sizeof to[i], "many-%d.zqm@example.org", i);
		free(invite(i % 2 ? sam2 : sam, to[i]));
	}
	for (int i = 0; i < MANY; i++) assert_int_equal(wait_arrived(to[i], 1, 60), 1);
	/* Long enough for a second copy to have come, were one on its way. */
	pause_ms(3000);
	for (int i = 0; i < MANY; i++)
		if (arrived(to[i], NULL, NULL) != 1) fail_msg("%s arrived more than once", to[i]);
	client_free(sam2);
	assert_int_equal(server_stop(&two), 0);
}

/* Killed while it sends (the relay takes a while over each message):
 * another server takes up what it held once its lease ends, and every
 * message arrives; one sent twice (taken by the relay just before the
 * kill) keeps its Message-ID, so that mail programs show it once. */
static void a_server_killed_while_sending_loses_nothing(void **state)
{
	(void)state;
	int port = sink_port;
	sink_stop();
	assert_true(sink_start(port, "0.5"));
	enum { SOME = 8 };
	char to[SOME][64];
	for (int i = 0; i < SOME; i++) {
		snprintf(to[i], sizeof to[i], "killed-%d.zqm@example.org", i);
		free(invite(sam, to[i]));
	}
	int64_t until = now_ms() + 30000;
	int got = 0;
	while (got < 2 && now_ms() < until) {
		got = 0;
		for (int i = 0; i < SOME; i++) got += arrived(to[i], NULL, NULL) > 0;
		pause_ms(50);
	}
	assert_true(got >= 2);
	server_kill(&srv);
	struct server after;
	assert_true(start_server(&after, &srv));
	for (int i = 0; i < SOME; i++) {
		assert_true(wait_arrived(to[i], 1, 60) >= 1);
		assert_true(copies_are_one_message(to[i]));
	}
	assert_int_equal(server_stop(&after), 0);
	/* srv's own files go with its stop (it is not running). */
}

/* Whoever chose the daily digest has every notice in it, and a meeting's
 * content note comes first there too. Then every digest this made is let
 * out before the tests that count messages go on. */
static void a_content_note_comes_first_in_the_mail(void **state)
{
	(void)state;
	long id;
	char email[1][128];
	assert_int_equal(active_co_creators(sam, 1, 30, &id, email, 1), 1);
	struct client *c = client_new(&srv);
	assert_true(client_sign_in(c, email[0], NULL));
	json_decref(call_json(c, "PUT", "/api/v1/me/mail", "{\"notices\":\"daily\"}", 200));
	client_free(c);
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/meetings",
	                      "{\"title\":\"Housing ZQN\",\"starts_at\":\"2099-03-10T13:00:00Z\","
	                      "\"ends_at\":\"2099-03-10T15:00:00Z\",\"place\":\"Hall\","
	                      "\"content_note\":\"talk of eviction ZQN\"}", 201);
	json_decref(j);
	assert_int_equal(wait_arrived(email[0], 1, 30), 1);
	char *eml;
	arrived(email[0], &eml, NULL);
	char *text = qp_body(eml);
	const char *note = strstr(text, "Content note: talk of eviction ZQN.");
	const char *planned = strstr(text, "A meeting is planned: \"Housing ZQN\"");
	if (!note || !planned || note > planned)
		fail_msg("the content note is not first:\n%s", text);
	free(text);
	free(eml);
	const char *const args[] = { "outbox", "--limit", "10000", NULL };
	int64_t until = now_ms() + 60000;
	for (;;) {
		char *out = server_cli(&srv, args);
		bool waiting = out && strstr(out, ": waiting");
		free(out);
		if (!waiting) break;
		if (now_ms() > until) fail_msg("digests still waiting after 60 s");
		pause_ms(200);
	}
}

/* The newest message to rcpt since it had `before`, its body decoded
 * (malloc'd), with its subject line kept in *subject (malloc'd). */
static char *newest_text(const char *rcpt, int before, char **subject)
{
	assert_int_equal(wait_arrived(rcpt, before + 1, 30), before + 1);
	char *eml;
	arrived(rcpt, &eml, NULL);
	const char *p = strstr(eml, "\r\nSubject: ");
	assert_non_null(p);
	p += 2;
	*subject = strndup(p, strcspn(p, "\r"));
	char *text = qp_body(eml);
	free(eml);
	return text;
}

struct holding {
	const char *rcpt, *needle;
	char *found;
};

static void check_holds(const char *eml_path, void *ctx)
{
	struct holding *h = ctx;
	char *eml = slurp(eml_path);
	char *text = eml ? qp_body(eml) : NULL;
	if (text && strstr(text, h->needle)) {
		if (h->found) fail_msg("two messages to %s hold \"%s\"", h->rcpt, h->needle);
		h->found = eml;
		eml = NULL;
	}
	free(text);
	free(eml);
}

/* The message to rcpt whose decoded body holds needle (malloc'd, the whole
 * .eml), or NULL; fails when more than one does. */
static char *message_with(const char *rcpt, const char *needle)
{
	struct holding h = { rcpt, needle, NULL };
	each_message(rcpt, check_holds, &h);
	return h.found;
}

/* n co-creators of panel 2 who are not on panel 1 (whose notices other
 * tests cause), their addresses in email. */
static void panel_two_only(char email[][128], int n)
{
	enum { MANY = 60 };
	long two[MANY], one[MANY];
	char two_email[MANY][128], one_email[MANY][128];
	int n_two = active_co_creators(sam, 2, 7, two, two_email, MANY),
	    n_one = active_co_creators(sam, 1, 7, one, one_email, MANY);
	int got = 0;
	for (int i = n_two - 1; i >= 0 && got < n; i--) { /* the highest ids: the least used */
		bool on_one = false;
		for (int k = 0; k < n_one; k++) on_one = on_one || one[k] == two[i];
		if (!on_one) snprintf(email[got++], 128, "%s", two_email[i]);
	}
	assert_int_equal(got, n);
}

/* Notices as they happen: a meeting planned reaches, by e-mail, a person
 * who chose each notice as it happens, at once and as a notice (not the
 * digest); one who chose the digest gets it in the digest; one who chose
 * none gets nothing. When someone changes their choice before a notice
 * was mailed, it goes to the digest, or stays on the site; and a notice
 * older than a day is never mailed at once. */
static void notices_come_as_they_happen(void **state)
{
	(void)state;
	char email[3][128];
	panel_two_only(email, 3);
	static const char *const choice[3] = { "immediately", "daily", "none" };
	int before[3];
	for (int i = 0; i < 3; i++) {
		struct client *c = client_new(&srv);
		assert_true(client_sign_in(c, email[i], NULL));
		char json[64];
		snprintf(json, sizeof json, "{\"notices\":\"%s\"}", choice[i]);
		json_decref(call_json(c, "PUT", "/api/v1/me/mail", json, 200));
		client_free(c);
		before[i] = arrived(email[i], NULL, NULL);
	}
	json_decref(call_json(sam, "POST", "/api/v1/panels/2/meetings",
	                      "{\"title\":\"Lunch ZQS\",\"starts_at\":\"2099-04-10T12:00:00Z\","
	                      "\"ends_at\":\"2099-04-10T13:00:00Z\",\"place\":\"Cafe\"}", 201));
	char *subject, *text = newest_text(email[0], before[0], &subject);
	assert_string_equal(subject, "Subject: What is new for you on emptychair (1)");
	if (!strstr(text, "A meeting is planned: \"Lunch ZQS\"") ||
	    !strstr(text, "You chose to hear of each notice as it happens") ||
	    !strstr(text, "Mind the Gap") || !strstr(text, "http://test.invalid/account#mail"))
		fail_msg("not the notice as it happens:\n%s", text);
	free(subject);
	free(text);
	text = newest_text(email[1], before[1], &subject);
	if (!strstr(text, "A meeting is planned: \"Lunch ZQS\"") ||
	    !strstr(text, "You chose to hear of these once a day"))
		fail_msg("not the digest:\n%s", text);
	free(subject);
	free(text);
	/* Once each, and nothing for who chose none. */
	pause_ms(3000);
	assert_int_equal(arrived(email[0], NULL, NULL), before[0] + 1);
	assert_int_equal(arrived(email[1], NULL, NULL), before[1] + 1);
	assert_int_equal(arrived(email[2], NULL, NULL), before[2]);

	/* A server that sends nothing by itself (no relay): a notice waits
	 * for its pass; who changes to the digest before it gets it in the
	 * digest, who changes to none not at all. */
	struct server quiet;
	assert_true(server_start(&quiet));
	struct client *steward = client_new(&quiet), *to_daily = client_new(&quiet),
	              *to_none = client_new(&quiet);
	assert_true(client_sign_in(steward, "sam@demo.emptychair.org", NULL));
	assert_true(client_sign_in(to_daily, email[0], NULL)); /* "immediately": the default */
	assert_true(client_sign_in(to_none, "member5@demo.emptychair.org", NULL));
	int had_daily = arrived(email[0], NULL, NULL),
	    had_none = arrived("member5@demo.emptychair.org", NULL, NULL),
	    had_amira = arrived("amira@demo.emptychair.org", NULL, NULL);
	/* A notice made two days ago (the server was away since) is not
	 * mailed at once: it stays on the site. */
	json_decref(call_json(steward, "POST", "/api/v1/panels/2/meetings",
	                      "{\"title\":\"Old ZQU\",\"starts_at\":\"2099-05-01T12:00:00Z\","
	                      "\"ends_at\":\"2099-05-01T13:00:00Z\",\"place\":\"Park\"}", 201));
	assert_true(testdb_exec(quiet.db, "UPDATE notices SET created_at = created_at - 172800 "
	                              "WHERE body LIKE '%Old ZQU%'"));
	json_decref(call_json(steward, "POST", "/api/v1/panels/2/meetings",
	                      "{\"title\":\"Walk ZQT\",\"starts_at\":\"2099-05-10T12:00:00Z\","
	                      "\"ends_at\":\"2099-05-10T13:00:00Z\",\"place\":\"Park\"}", 201));
	json_decref(call_json(to_daily, "PUT", "/api/v1/me/mail", "{\"notices\":\"daily\"}", 200));
	json_decref(call_json(to_none, "PUT", "/api/v1/me/mail", "{\"notices\":\"none\"}", 200));
	char *out = server_cli(&quiet, (const char *const[]){ "outbox", "deliver", "--smtp",
	                                                     sink_url, "--public-url",
	                                                     "http://test.invalid", NULL });
	assert_non_null(out);
	/* Others of panel 2 still take it as it happens: one message each. */
	if (!strstr(out, "digests and ") || strstr(out, " 0 messages of notices made"))
		fail_msg("no messages of notices made: %s", out);
	free(out);
	text = newest_text(email[0], had_daily, &subject);
	if (!strstr(text, "Walk ZQT") || !strstr(text, "You chose to hear of these once a day"))
		fail_msg("not moved to the digest:\n%s", text);
	free(subject);
	free(text);
	assert_int_equal(arrived("member5@demo.emptychair.org", NULL, NULL), had_none);
	/* amira (of panel 2) takes notices as they happen: one message, with
	 * the new notice and not the old one (and the demo's own waiting
	 * message to her goes too). */
	assert_int_equal(wait_arrived("amira@demo.emptychair.org", had_amira + 2, 30),
	                 had_amira + 2);
	char *eml = message_with("amira@demo.emptychair.org", "Walk ZQT");
	assert_non_null(eml);
	if (!strstr(eml, "\r\nSubject: What is new for you on emptychair (1)\r\n") ||
	    strstr(eml, "Old ZQU"))
		fail_msg("the old notice came too:\n%s", eml);
	free(eml);
	client_free(steward);
	client_free(to_daily);
	client_free(to_none);
	assert_int_equal(server_stop(&quiet), 0);
}

/* A project's close tells everyone who took part. Someone who spoke in
 * it only anonymously is not mailed at once, whatever they chose: a message
 * at the close would tell whoever reads the outbox that they took part. It
 * waits for their digest, as an answer to anonymous words does. */
static void a_projects_close_mails_anonymous_speakers_only_in_the_digest(void **state)
{
	(void)state;
	char email[2][128];
	panel_two_only(email, 2);
	int before[2];
	json_t *j = call_json(sam, "POST", "/api/v1/panels/2/projects", "{\"title\":\"ZQP transport\"}",
	                      201);
	long project = get_id(j);
	json_decref(j);
	for (int i = 0; i < 2; i++) {
		struct client *c = client_new(&srv);
		assert_true(client_sign_in(c, email[i], NULL));
		json_decref(call_json(c, "PUT", "/api/v1/me/mail", "{\"notices\":\"immediately\"}", 200));
		char body[200];
		snprintf(body, sizeof body, "{\"kind\":\"idea\",\"body\":\"Buses ZQP\",\"attribution\":"
		         "\"%s\",\"project_id\":%ld}", i == 0 ? "named" : "anonymous", project);
		json_decref(call_json(c, "POST", "/api/v1/panels/2/contributions", body, 201));
		client_free(c);
		before[i] = arrived(email[i], NULL, NULL);
	}
	char path[96];
	snprintf(path, sizeof path, "/api/v1/panels/2/projects/%ld/closing-reflection", project);
	json_decref(call_json(sam, "PUT", path, "{\"markdown\":\"The buses ZQP run later.\"}", 200));
	char *subject, *text = newest_text(email[0], before[0], &subject);
	if (!strstr(text, "You chose to hear of each notice as it happens"))
		fail_msg("the named speaker's notice is not at once:\n%s", text);
	free(subject);
	free(text);
	text = newest_text(email[1], before[1], &subject);
	if (!strstr(text, "You chose to hear of these once a day, or they are answers to what you "
	                  "said anonymously"))
		fail_msg("the anonymous speaker was mailed at once:\n%s", text);
	free(subject);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_invitation_arrives_whole),
		cmocka_unit_test(notices_come_as_each_person_chose),
		cmocka_unit_test(a_message_arrives_in_its_reader_s_language),
		cmocka_unit_test(a_content_note_comes_first_in_the_mail),
		cmocka_unit_test(notices_come_as_they_happen),
		cmocka_unit_test(a_projects_close_mails_anonymous_speakers_only_in_the_digest),
		cmocka_unit_test(a_451_is_tried_again_then_delivered),
		cmocka_unit_test(a_550_is_given_up_and_said),
		cmocka_unit_test(the_relay_down_then_up),
		cmocka_unit_test(two_servers_deliver_each_message_once),
		cmocka_unit_test(a_server_killed_while_sending_loses_nothing),
	};
	return cmocka_run_group_tests_name("mail delivery", tests, setup, teardown);
}
