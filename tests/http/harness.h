#ifndef EC_TESTS_HTTP_HARNESS_H
#define EC_TESTS_HTTP_HARNESS_H
/* HTTP scenario harness: starts the real emptychair binary (path in
 * $EMPTYCHAIR_BIN) on a fresh demo database of the backend the environment
 * names (tests/testdb.h) and a port the kernel picks on
 * 127.0.0.1, and talks to it with libcurl, one cookie jar per client.
 *
 * Demo data (src/cli/demo.c) is deterministic. Panel 1 "Just Voices" is
 * user-led, panel 2 "Mind the Gap" is hosted by an organisation. Users:
 *   1 sam    steward of 1 and 2, site administrator   sam@demo.emptychair.org
 *   2 rana   steward of 1                              rana@...
 *   3 amira  co-creator of 1 and 2                     amira@...
 *   4 helen  guest of 2   helen.price@...   5 mark  guest of 2   mark.davies@...
 *   6 joy    guest of 1   joy.adebayo@...
 *   7..46    member1..member40, co-creators (odd i in panel 2, even in 1)
 * Every demo password is DEMO_PASSWORD. */
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define DEMO_PASSWORD "kettle river orange lamp"

struct server {
	pid_t pid;
	int port;
	char dir[256];
	char db[300];
	char log[300];
	char files[300];   /* uploaded papers (--files); beside: the first's */
	char base[64];
	bool shares_db;    /* started beside another server, on its database */
};

/* Starts a server with demo data; false (and a message) on failure. */
bool server_start(struct server *s);
/* The same, with extra `serve` flags (NULL-terminated, at most 10). */
bool server_start_with(struct server *s, const char *const *extra);
/* Starts a second server on first's database (several servers, one
 * database); stop it before first, whose stop removes the database. */
bool server_start_beside(struct server *s, const struct server *first);
/* The same, with extra `serve` flags as for server_start_with. */
bool server_start_beside_with(struct server *s, const struct server *first,
                              const char *const *extra);
/* SIGTERM, wait; returns the exit status (0 after a graceful stop), or -1
 * when no process was running (after server_kill). Removes its files. */
int server_stop(struct server *s);
/* SIGKILL, as a crash or an OOM kill would; then wait for it. */
void server_kill(struct server *s);
/* Starts argv (its stderr to stderr_path, or the test's when NULL), gone
 * with the test if it dies, and waits up to 20 s for its first line of
 * stdout, into line (size bytes); its pid, or -1. */
pid_t spawn_until_line(char *const argv[], const char *stderr_path, char *line, size_t size);
/* Runs `emptychair --db <db> ARGS...` and returns its stdout (malloc'd). */
char *server_cli(struct server *s, const char *const *args);
/* The server's stderr so far (malloc'd). */
char *server_log(struct server *s);

struct response {
	long status;
	char *body;
	size_t len;
	char *headers;     /* raw header block, lower-cased names kept as sent */
	long connects;     /* new connections made for this request */
};

struct client {
	void *curl;
	struct server *server;
	char csrf[128];    /* from the last HTML page that had a form */
	char email[128];
};

struct client *client_new(struct server *s);
void client_free(struct client *c);
/* method, path (with query), body or NULL, content type or NULL (form
 * bodies default to urlencoded), extra header lines NULL-terminated. */
struct response *http(struct client *c, const char *method, const char *path,
                      const char *body, const char *content_type,
                      const char *const *headers);
/* POSTs len bytes of body with "Transfer-Encoding: chunked" (no
 * Content-Length), content type as for http(). */
struct response *post_chunked(struct client *c, const char *path, const char *body,
                              size_t len, const char *content_type);
/* One part of a multipart/form-data body: a field (filename NULL; data is
 * a string) or a file (filename set; len bytes of data, type its claimed
 * Content-Type or NULL). */
struct mpart {
	const char *name;
	const char *data;
	size_t len;
	const char *filename;
	const char *type;
};
/* POSTs multipart/form-data through libcurl's mime API: the client's CSRF
 * token first (and as the X-CSRF-Token header, for the API), then the n
 * parts in order. */
struct response *post_multipart(struct client *c, const char *path, const struct mpart *parts,
                                size_t n);
/* Shorthands. post_form adds the client's CSRF token first. */
struct response *get(struct client *c, const char *path);
struct response *post_form(struct client *c, const char *path, const char *fields);
/* JSON with the session's CSRF header when signed in by cookie. */
struct response *send_json(struct client *c, const char *method, const char *path,
                           const char *json);
void response_free(struct response *r);

/* Signs in with the demo password (or password); asserts a 303. */
bool client_sign_in(struct client *c, const char *email, const char *password);
/* Refreshes c->csrf from a page that has a form. */
void client_refresh_csrf(struct client *c);
/* Makes an API token (named label) on the Account page as c, signed in,
 * and writes "Authorization: Bearer TOKEN" into auth; false (and a
 * message) unless the page answered 201 with a 43-character token. */
bool client_api_token(struct client *c, const char *label, char *auth, size_t size);

/* Raw connections, for what libcurl will not send (hostile bodies,
 * half-sent requests). raw_connect opens a TCP connection to s from the
 * local address from (NULL: any; another loopback address such as
 * "127.0.0.2" stands for another client); -1 on failure. */
int raw_connect(const struct server *s, const char *from);
/* Sends len bytes on fd (a peer that stops reading or closes is not an
 * error: what matters is its answer), returns how many went. */
size_t raw_send(int fd, const char *data, size_t len);
/* Reads until the peer closes or timeout_ms pass, and returns the status
 * of the first response in what came (-1 if none). Closes fd. */
int raw_answer(int fd, int timeout_ms);
/* The value of c's cookie name (for raw requests as c); false if none. */
bool client_cookie(struct client *c, const char *name, char *out, size_t size);
/* The server's resident memory now, in KiB (from /proc), or -1. */
long server_rss_kib(const struct server *s);

/* How many problems an HTML checker (libtidy) finds in html: errors, and
 * the warnings that mean elements are misnested or attributes and ids
 * repeated; *report (malloc'd, unless report is NULL) lists them. Every
 * HTML answer the harness receives is checked, and the running test fails
 * on any problem. */
int html_problems(const char *html, char **report);

/* s in the language code names, from the catalogues the server uses (its
 * build's po/, beside EMPTYCHAIR_BIN), as the server writes it; malloc'd.
 * Fails the running test when the catalogue does not translate s. */
char *translated(const char *code, const char *s);

/* URL-encodes s into a static-free malloc'd string. */
char *urlenc(const char *s);
/* A header's value from a response (malloc'd) or NULL. */
char *header_value(const struct response *r, const char *name);
bool contains(const struct response *r, const char *needle);
/* Whether word is in r's body with no letter or digit either side: a year
 * in a date, but not the same digits inside a hex token (a CSRF token holds
 * any four hex digits about once in a thousand pages). */
bool contains_word(const struct response *r, const char *word);
/* Whether the file at path holds needle anywhere (false when there is no
 * such file: a PostgreSQL server's "db" is a URI). */
bool file_has(const char *path, const char *needle);
/* The integer right after marker in r's body (a record's version, from
 * "\"version\":" in JSON or "name=\"version\" value=\"" in a form); -1 if
 * marker is absent. */
long number_after(const struct response *r, const char *marker);
/* The number right after marker in r's Location header (a new record's id,
 * marker e.g. "/meetings/"); fails the running test when there is no
 * Location or no marker in it. */
long location_id(const struct response *r, const char *marker);
#endif
