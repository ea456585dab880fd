#include "harness.h"
#include "../testdb.h"
#include "core/lang.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <tidy/tidy.h>
#include <tidy/tidybuffio.h>

extern char **environ;

static const char *bin(void)
{
	const char *b = getenv("EMPTYCHAIR_BIN");
	return b && *b ? b : "build/src/emptychair";
}

/* Runs argv to completion, stdout into *out (malloc'd) when out is given. */
static int run(char *const argv[], char **out)
{
	int pipefd[2];
	if (pipe(pipefd)) return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (rc) {
		close(pipefd[0]);
		return -1;
	}
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	ssize_t n;
	while ((n = read(pipefd[0], buf + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len < 2) buf = realloc(buf, cap *= 2);
	}
	buf[len] = 0;
	close(pipefd[0]);
	int status;
	waitpid(pid, &status, 0);
	if (out) *out = buf;
	else free(buf);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool server_start(struct server *s)
{
	return server_start_with(s, NULL);
}

pid_t spawn_until_line(char *const argv[], const char *stderr_path, char *line, size_t size)
{
	int out[2];
	if (pipe(out)) return -1;
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) return -1;
	if (pid == 0) {
		/* If the test dies (a timeout, a crash), the child goes with it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent) _exit(1);
		int log = stderr_path ? open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0600) : 2;
		if (log < 0 || dup2(out[1], 1) < 0 || dup2(log, 2) < 0) _exit(1);
		close(out[0]);
		execve(argv[0], argv, environ);
		_exit(127);
	}
	close(out[1]);
	/* Up to 20 s (sanitizer builds start slowly) for the first line. */
	size_t len = 0;
	line[0] = 0;
	struct pollfd p = { out[0], POLLIN, 0 };
	while (!strchr(line, '\n') && len + 1 < size && poll(&p, 1, 20000) > 0) {
		ssize_t n = read(out[0], line + len, size - len - 1);
		if (n <= 0) break;
		len += (size_t)n;
		line[len] = 0;
	}
	close(out[0]);
	return pid;
}

/* Starts `serve` on s->db and waits for its ready line. */
static bool spawn(struct server *s, const char *const *extra)
{
	snprintf(s->log, sizeof s->log, "%s/server.log", s->dir);
	setenv("EMPTYCHAIR_PWHASH", "minimum", 1);
	if (!*s->files) snprintf(s->files, sizeof s->files, "%s/files", s->dir);
	char seal[340];
	snprintf(seal, sizeof seal, "%s/seal.key", s->dir);
	char *serve[28] = { (char *)bin(), "--db", s->db, "serve", "--listen", "127.0.0.1",
	                    "--port", "0", "--threads", "4", "--public-url", "http://test.invalid",
	                    "--files", s->files, "--seal-key", seal };
	for (int i = 16, k = 0; extra && extra[k] && i < 27; i++, k++) serve[i] = (char *)extra[k];
	char line[256];
	s->pid = spawn_until_line(serve, s->log, line, sizeof line);
	if (s->pid < 0) return false;
	const char *colon = strrchr(line, ':');
	if (!strstr(line, "listening on") || !colon || sscanf(colon + 1, "%d", &s->port) != 1) {
		fprintf(stderr, "harness: server did not start: %s\n", line);
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
		return false;
	}
	snprintf(s->base, sizeof s->base, "http://127.0.0.1:%d", s->port);
	return true;
}

bool server_start_with(struct server *s, const char *const *extra)
{
	memset(s, 0, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "/tmp/ec-http-XXXXXX");
	if (!mkdtemp(s->dir)) return false;
	if (!testdb_create(s->dir, s->db, sizeof s->db)) return false;
	setenv("EMPTYCHAIR_PWHASH", "minimum", 1);
	char *demo[] = { (char *)bin(), "--db", s->db, "demo", NULL };
	if (run(demo, NULL) != 0) {
		fprintf(stderr, "harness: demo data failed\n");
		return false;
	}
	return spawn(s, extra);
}

bool server_start_beside(struct server *s, const struct server *first)
{
	return server_start_beside_with(s, first, NULL);
}

bool server_start_beside_with(struct server *s, const struct server *first,
                              const char *const *extra)
{
	memset(s, 0, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "/tmp/ec-http-XXXXXX");
	if (!mkdtemp(s->dir)) return false;
	snprintf(s->db, sizeof s->db, "%s", first->db);
	snprintf(s->files, sizeof s->files, "%s", first->files);
	s->shares_db = true;
	return spawn(s, extra);
}

void server_kill(struct server *s)
{
	if (s->pid <= 0) return;
	kill(s->pid, SIGKILL);
	waitpid(s->pid, NULL, 0);
	s->pid = 0;
}

char *server_log(struct server *s)
{
	FILE *f = fopen(s->log, "r");
	if (!f) return strdup("");
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, n, mem);
	fclose(f);
	fclose(mem);
	return buf;
}

int server_stop(struct server *s)
{
	int status = -1;
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, &status, 0);
		s->pid = 0;
	}
	if (!s->shares_db) testdb_drop(s->db);
	if (!getenv("KEEP_TEST_DIRS")) {
		char *rm[] = { "/bin/rm", "-rf", s->dir, NULL };
		run(rm, NULL);
	}
	if (status == -1) return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

char *server_cli(struct server *s, const char *const *args)
{
	char *argv[16] = { (char *)bin(), "--db", s->db };
	int n = 3;
	for (; args[n - 3] && n < 15; n++) argv[n] = (char *)args[n - 3];
	argv[n] = NULL;
	char *out = NULL;
	run(argv, &out);
	return out;
}

struct client *client_new(struct server *s)
{
	struct client *c = calloc(1, sizeof *c);
	c->server = s;
	CURL *curl = curl_easy_init();
	curl_easy_setopt(curl, CURLOPT_COOKIEFILE, "");   /* in-memory cookie jar */
	curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
	c->curl = curl;
	return c;
}

void client_free(struct client *c)
{
	if (!c) return;
	curl_easy_cleanup(c->curl);
	free(c);
}

struct sink {
	char *data;
	size_t len;
};

static size_t collect(char *p, size_t size, size_t n, void *userdata)
{
	struct sink *s = userdata;
	s->data = realloc(s->data, s->len + size * n + 1);
	memcpy(s->data + s->len, p, size * n);
	s->len += size * n;
	s->data[s->len] = 0;
	return size * n;
}

/* Picks the CSRF token out of a page's hidden input. */
static void take_csrf(struct client *c, const char *body)
{
	const char *p = body ? strstr(body, "name=\"csrf\" value=\"") : NULL;
	if (!p) return;
	p += strlen("name=\"csrf\" value=\"");
	const char *end = strchr(p, '"');
	if (!end || (size_t)(end - p) >= sizeof c->csrf) return;
	memcpy(c->csrf, p, (size_t)(end - p));
	c->csrf[end - p] = 0;
}

/* The response to a request curl has made on c: what the sinks collected
 * (which it takes), its status (-1, with a message naming method and path,
 * when curl failed) and the CSRF token of any form in it. */
int html_problems(const char *html, char **report)
{
	TidyDoc doc = tidyCreate();
	TidyBuffer out;
	tidyBufInit(&out);
	tidySetErrorBuffer(doc, &out);
	tidyOptSetBool(doc, TidyQuiet, yes);
	tidyParseString(doc, html);
	/* Errors, and the warnings that mean the markup is not what it says:
	 * elements left open or closed that were not open, attributes given
	 * twice, ids used twice. Tidy's advice (empty elements it would trim,
	 * implicit tags) is not counted. */
	static const char *const serious[] = { "missing </", "discarding unexpected",
	                                       "repeated attribute", "is already defined",
	                                       "Error:" };
	/* Except: tidy 5.6 predates HTML 5.2, which lets a <div> group a <dt>
	 * with its <dd>s inside a <dl>; it reports valid markup there. */
	static const char *const valid[] = { "missing </div> before <dt>",
	                                     "missing </div> before <dd>",
	                                     "missing </dl> before </div>" };
	int n = 0;
	struct sink kept = {0};
	const char *text = out.bp ? (const char *)out.bp : "";
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		bool fine = false;
		for (size_t k = 0; k < sizeof valid / sizeof valid[0]; k++)
			fine = fine || memmem(line, len, valid[k], strlen(valid[k]));
		for (size_t k = 0; k < sizeof serious / sizeof serious[0] && !fine; k++) {
			if (memmem(line, len, serious[k], strlen(serious[k]))) {
				n++;
				collect((char *)line, 1, len + (end ? 1 : 0), &kept);
				break;
			}
		}
		line += len + (end ? 1 : 0);
	}
	if (report) *report = kept.data ? kept.data : strdup("");
	else free(kept.data);
	tidyBufFree(&out);
	tidyRelease(doc);
	return n;
}

/* Fails the running test when an HTML answer has problems (html_problems). */
static void check_html(const char *method, const char *path, const struct sink *h,
                       const struct sink *b)
{
	if (!b->data || !h->data || !strcasestr(h->data, "content-type: text/html")) return;
	char *report;
	if (html_problems(b->data, &report))
		fail_msg("%s %s: the HTML checker found:\n%s", method, path, report);
	free(report);
}

static struct response *response_of(struct client *c, CURLcode rc, const char *method,
                                    const char *path, struct sink *b, struct sink *h)
{
	struct response *r = calloc(1, sizeof *r);
	if (rc != CURLE_OK) {
		fprintf(stderr, "harness: %s %s: %s\n", method, path, curl_easy_strerror(rc));
		r->status = -1;
	} else {
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &r->status);
		curl_easy_getinfo(c->curl, CURLINFO_NUM_CONNECTS, &r->connects);
	}
	check_html(method, path, h, b);
	r->body = b->data ? b->data : strdup("");
	r->len = b->len;
	r->headers = h->data ? h->data : strdup("");
	take_csrf(c, r->body);
	return r;
}

struct response *http(struct client *c, const char *method, const char *path,
                      const char *body, const char *content_type,
                      const char *const *headers)
{
	CURL *curl = c->curl;
	char url[4096];
	snprintf(url, sizeof url, "%s%s", c->server->base, path);
	struct sink b = {0}, h = {0};
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);  /* resets NOBODY: set it after */
	curl_easy_setopt(curl, CURLOPT_NOBODY, !strcmp(method, "HEAD") ? 1L : 0L);
	if (body) {
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	}
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &h);
	struct curl_slist *list = NULL;
	char ct[256];
	if (body) {
		snprintf(ct, sizeof ct, "Content-Type: %s",
		         content_type ? content_type : "application/x-www-form-urlencoded");
		list = curl_slist_append(list, ct);
	}
	list = curl_slist_append(list, "Expect:");
	for (const char *const *hh = headers; hh && *hh; hh++) list = curl_slist_append(list, *hh);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
	CURLcode rc = curl_easy_perform(curl);
	curl_slist_free_all(list);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, NULL);
	return response_of(c, rc, method, path, &b, &h);
}

struct source {
	const char *data;
	size_t left;
};

static size_t feed(char *p, size_t size, size_t n, void *userdata)
{
	struct source *s = userdata;
	size_t k = size * n < s->left ? size * n : s->left;
	memcpy(p, s->data, k);
	s->data += k;
	s->left -= k;
	return k;
}

struct response *post_chunked(struct client *c, const char *path, const char *body,
                              size_t len, const char *content_type)
{
	CURL *curl = c->curl;
	char url[4096], ct[256];
	snprintf(url, sizeof url, "%s%s", c->server->base, path);
	snprintf(ct, sizeof ct, "Content-Type: %s",
	         content_type ? content_type : "application/x-www-form-urlencoded");
	struct sink b = {0}, h = {0};
	struct source src = { body, len };
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, NULL);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, -1L);  /* size unknown: chunked */
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, feed);
	curl_easy_setopt(curl, CURLOPT_READDATA, &src);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &h);
	struct curl_slist *list = curl_slist_append(NULL, ct);
	list = curl_slist_append(list, "Transfer-Encoding: chunked");
	list = curl_slist_append(list, "Expect:");
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
	CURLcode rc = curl_easy_perform(curl);
	curl_slist_free_all(list);
	/* Back to the defaults http() expects. */
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, NULL);
	curl_easy_setopt(curl, CURLOPT_READDATA, NULL);
	return response_of(c, rc, "chunked POST", path, &b, &h);
}

struct response *post_multipart(struct client *c, const char *path, const struct mpart *parts,
                                size_t n)
{
	CURL *curl = c->curl;
	char url[4096];
	snprintf(url, sizeof url, "%s%s", c->server->base, path);
	curl_mime *mime = curl_mime_init(curl);
	curl_mimepart *part = curl_mime_addpart(mime);
	curl_mime_name(part, "csrf");
	curl_mime_data(part, c->csrf, CURL_ZERO_TERMINATED);
	for (size_t i = 0; i < n; i++) {
		part = curl_mime_addpart(mime);
		curl_mime_name(part, parts[i].name);
		if (parts[i].filename) {
			curl_mime_data(part, parts[i].data, parts[i].len);
			curl_mime_filename(part, parts[i].filename);
			if (parts[i].type) curl_mime_type(part, parts[i].type);
		} else {
			curl_mime_data(part, parts[i].data, CURL_ZERO_TERMINATED);
		}
	}
	struct sink b = {0}, h = {0};
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &h);
	/* The CSRF token as a header too, for the API's upload route. */
	char csrf_header[256];
	snprintf(csrf_header, sizeof csrf_header, "X-CSRF-Token: %s", c->csrf);
	struct curl_slist *list = curl_slist_append(NULL, "Expect:");
	list = curl_slist_append(list, csrf_header);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
	CURLcode rc = curl_easy_perform(curl);
	curl_slist_free_all(list);
	/* Back to the defaults http() expects. */
	curl_easy_setopt(curl, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(mime);
	return response_of(c, rc, "multipart POST", path, &b, &h);
}

struct response *get(struct client *c, const char *path)
{
	return http(c, "GET", path, NULL, NULL, NULL);
}

struct response *post_form(struct client *c, const char *path, const char *fields)
{
	char *body = NULL;
	if (asprintf(&body, "csrf=%s%s%s", c->csrf, fields && *fields ? "&" : "",
	             fields ? fields : "") < 0)
		return NULL;
	struct response *r = http(c, "POST", path, body, NULL, NULL);
	free(body);
	return r;
}

struct response *send_json(struct client *c, const char *method, const char *path,
                           const char *json)
{
	char hdr[200];
	snprintf(hdr, sizeof hdr, "X-CSRF-Token: %s", c->csrf);
	const char *headers[] = { hdr, NULL };
	return http(c, method, path, json, "application/json", headers);
}

void response_free(struct response *r)
{
	if (!r) return;
	free(r->body);
	free(r->headers);
	free(r);
}

void client_refresh_csrf(struct client *c)
{
	response_free(get(c, c->email[0] ? "/account" : "/sign-in"));
}

char *urlenc(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);
	char *r = strdup(e);
	curl_free(e);
	return r;
}

bool client_sign_in(struct client *c, const char *email, const char *password)
{
	response_free(get(c, "/sign-in"));
	char *e = urlenc(email), *p = urlenc(password ? password : DEMO_PASSWORD);
	char *fields = NULL;
	if (asprintf(&fields, "email=%s&password=%s", e, p) < 0) fields = NULL;
	struct response *r = post_form(c, "/sign-in", fields);
	bool ok = r && r->status == 303;
	if (!ok) fprintf(stderr, "harness: sign-in as %s answered %ld\n", email, r ? r->status : -1);
	response_free(r);
	free(e);
	free(p);
	free(fields);
	if (ok) {
		snprintf(c->email, sizeof c->email, "%s", email);
		client_refresh_csrf(c);
	}
	return ok;
}

bool client_api_token(struct client *c, const char *label, char *auth, size_t size)
{
	char *l = urlenc(label), *fields = NULL;
	if (asprintf(&fields, "label=%s", l) < 0) fields = NULL;
	struct response *r = post_form(c, "/account/tokens", fields);
	free(l);
	free(fields);
	static const char mark[] = "<p class=\"code\">";
	const char *p = r ? strstr(r->body, mark) : NULL;
	char token[64] = "";
	if (p) sscanf(p + strlen(mark), "%63[A-Za-z0-9_-]", token);
	bool ok = r && r->status == 201 && strlen(token) == 43;
	if (!ok)
		fprintf(stderr, "harness: making an API token as %s answered %ld\n", c->email,
		        r ? r->status : -1);
	else
		snprintf(auth, size, "Authorization: Bearer %s", token);
	response_free(r);
	return ok;
}

char *header_value(const struct response *r, const char *name)
{
	size_t n = strlen(name);
	for (const char *line = r->headers; line && *line;) {
		const char *eol = strstr(line, "\r\n");
		if (!eol) break;
		if (!strncasecmp(line, name, n) && line[n] == ':') {
			const char *v = line + n + 1;
			while (*v == ' ') v++;
			return strndup(v, (size_t)(eol - v));
		}
		line = eol + 2;
	}
	return NULL;
}

bool contains(const struct response *r, const char *needle)
{
	return r && r->body && strstr(r->body, needle) != NULL;
}

bool contains_word(const struct response *r, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = r && r->body ? r->body : ""; (p = strstr(p, word)); p++) {
		bool starts = p == r->body || !isalnum((unsigned char)p[-1]);
		if (starts && !isalnum((unsigned char)p[n])) return true;
	}
	return false;
}

bool file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f) return false;
	size_t cap = 1 << 20, len = 0, k;
	char *data = malloc(cap);
	assert_non_null(data);
	while ((k = fread(data + len, 1, cap - len, f)) > 0)
		if ((len += k) == cap) assert_non_null(data = realloc(data, cap *= 2));
	fclose(f);
	bool found = memmem(data, len, needle, strlen(needle)) != NULL;
	free(data);
	return found;
}

long number_after(const struct response *r, const char *marker)
{
	const char *p = r->body ? strstr(r->body, marker) : NULL;
	return p ? strtol(p + strlen(marker), NULL, 10) : -1;
}

long location_id(const struct response *r, const char *marker)
{
	char *loc = header_value(r, "location");
	if (!loc) fail_msg("no Location (status %ld): %.300s", r->status, r->body);
	const char *p = strstr(loc, marker);
	if (!p) fail_msg("Location %s has no %s", loc, marker);
	long v = strtol(p + strlen(marker), NULL, 10);
	free(loc);
	return v;
}

int raw_connect(const struct server *s, const char *from)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) return -1;
	struct sockaddr_in a = { .sin_family = AF_INET };
	if (from) {
		inet_pton(AF_INET, from, &a.sin_addr);
		if (bind(fd, (struct sockaddr *)&a, sizeof a)) goto fail;
	}
	a.sin_port = htons((uint16_t)s->port);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof a)) goto fail;
	return fd;
fail:
	close(fd);
	return -1;
}

size_t raw_send(int fd, const char *data, size_t len)
{
	size_t sent = 0;
	while (sent < len) {
		ssize_t n = send(fd, data + sent, len - sent, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR) continue;
		if (n <= 0) break;
		sent += (size_t)n;
	}
	return sent;
}

int raw_answer(int fd, int timeout_ms)
{
	char got[4096];
	size_t have = 0;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	while (have < sizeof got - 1 && poll(&p, 1, timeout_ms) == 1) {
		ssize_t n = recv(fd, got + have, sizeof got - 1 - have, 0);
		if (n <= 0) break;
		have += (size_t)n;
	}
	close(fd);
	got[have] = 0;
	int status;
	return sscanf(got, "HTTP/1.%*d %d", &status) == 1 ? status : -1;
}

long server_rss_kib(const struct server *s)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)s->pid);
	FILE *f = fopen(path, "r");
	if (!f) return -1;
	long kib = -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
	fclose(f);
	return kib;
}

bool client_cookie(struct client *c, const char *name, char *out, size_t size)
{
	struct curl_slist *list = NULL;
	if (curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST, &list) != CURLE_OK) return false;
	bool found = false;
	/* Netscape format: domain, flag, path, secure, expiry, name, value. */
	for (struct curl_slist *l = list; l && !found; l = l->next) {
		const char *f = l->data;
		for (int tab = 0; tab < 5 && f; tab++) f = strchr(f, '\t') ? strchr(f, '\t') + 1 : NULL;
		size_t n = strlen(name);
		if (f && !strncmp(f, name, n) && f[n] == '\t') {
			snprintf(out, size, "%s", f + n + 1);
			found = true;
		}
	}
	curl_slist_free_all(list);
	return found;
}

char *translated(const char *code, const char *s)
{
	static bool started;
	if (!started) {
		char dir[4200];
		const char *bin = getenv("EMPTYCHAIR_BIN");
		assert_non_null(bin);
		snprintf(dir, sizeof dir, "%s", bin);
		char *slash = strrchr(dir, '/');
		assert_non_null(slash);
		snprintf(slash, sizeof dir - (size_t)(slash - dir), "/../po");
		lang_start(dir);
		started = true;
	}
	const struct language *was = lang_use(language_find(code));
	char *t = strdup(_(s));
	lang_use(was);
	if (!strcmp(t, s)) fail_msg("%s does not translate \"%s\"", code, s);
	return t;
}
