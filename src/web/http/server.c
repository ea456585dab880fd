#include "store/files.h"
#include "web/http/body_budget.h"
#include "core/lang.h"
#include "web/http/multipart.h"
#include "web/http/metrics.h"
#include "web/http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <strings.h>

enum { MAX_URI_BYTES = 2048 };
/* Seconds a connection may be idle while its body arrives; while its
 * headers arrive, or between requests, cfg->connection_timeout. */
enum { BODY_TIMEOUT_S = 60 };
/* The read cache's bound: a panel page's queries take a few KiB, so this
 * holds thousands of them within the memory budget (docs/operations.md). */
#define READ_CACHE_BYTES ((size_t)8 * 1024 * 1024)

static atomic_int requests_in_flight;

int server_requests_in_flight(void)
{
	return atomic_load(&requests_in_flight);
}
static pthread_key_t store_key;
static pthread_once_t store_key_once = PTHREAD_ONCE_INIT;

int64_t clock_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void close_thread_store(void *p) { store_close(p); }
static void make_store_key(void) { pthread_key_create(&store_key, close_thread_store); }

/* Each worker thread opens its own connection on first use; it is closed
 * when the thread ends. */
static struct store *thread_store(const struct server_config *cfg)
{
	pthread_once(&store_key_once, make_store_key);
	struct store *s = pthread_getspecific(store_key);
	if (s) return s;
	char *err = NULL;
	s = store_open(cfg->db_target, &err);
	if (!s) {
		fprintf(stderr, "emptychair: worker cannot open the database: %s\n",
		        err ? err : "?");
		free(err);
		return NULL;
	}
	if (cfg->read_cache) store_use_read_cache(s, cfg->read_cache);
	pthread_setspecific(store_key, s);
	return s;
}

/* The thread's store for req, which starts with no write given up. */
static struct store *request_store(struct request *req)
{
	struct store *s = thread_store(req->cfg);
	if (s) store_take_busy(s);
	return s;
}

static enum http_method method_of(const char *m)
{
	static const struct { const char *name; enum http_method m; } map[] = {
		{ "GET", M_GET }, { "HEAD", M_HEAD }, { "POST", M_POST }, { "PUT", M_PUT },
		{ "PATCH", M_PATCH }, { "DELETE", M_DELETE } };
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(m, map[i].name)) return map[i].m;
	return M_OTHER;
}

const char *req_header(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->connection, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->connection, MHD_COOKIE_KIND, name);
}

const char *req_client_address(struct request *req)
{
	/* Behind a reverse proxy every request comes from the proxy; with
	 * --trust-proxy the proxy's X-Real-IP names the client instead. Only
	 * safe when the proxy is the only way in (it overwrites the header). */
	if (req->cfg->trust_proxy) {
		const char *real = req_header(req, "X-Real-IP");
		if (real && *real && strlen(real) < INET6_ADDRSTRLEN &&
		    strspn(real, "0123456789abcdefABCDEF.:") == strlen(real))
			return arena_strdup(&req->arena, real);
	}
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(req->connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char text[INET6_ADDRSTRLEN] = "unknown";
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof text);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text, sizeof text);
	}
	return arena_strdup(&req->arena, text);
}

/* MHD calls this first for every request, with the raw URI; what it
 * returns becomes the request's state, so the query string is kept raw and
 * parsed by our own (fuzzed) parser. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct request *req = xcalloc(1, sizeof *req);
	req->cfg = cls;
	req->connection = conn;
	req->started_ns = clock_ns();
	req->now = (int64_t)time(NULL);
	req->raw_uri = arena_strdup(&req->arena, uri ? uri : "");
	atomic_fetch_add(&requests_in_flight, 1);
	return req;
}

static const char *const security_headers[][2] = {
	{ "Content-Security-Policy",
	  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "X-Frame-Options", "DENY" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
};

static enum MHD_Result send_response(struct request *req)
{
	if (!req->status) req->status = 500;
	/* The body is handed to MHD, which frees it, rather than copied; its
	 * length stays in req->out.len for the access log. */
	struct MHD_Response *resp =
		req->out.data ? MHD_create_response_from_buffer_with_free_callback(
		                        req->out.len, req->out.data, free)
		              : MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
	if (!resp) return MHD_NO;
	req->out.data = NULL;
	req->out.cap = 0;
	for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
	MHD_add_response_header(resp, "Content-Type",
	                        req->content_type ? req->content_type : "text/html; charset=utf-8");
	bool has_cache_control = false;
	for (int i = 0; i < req->nheaders; i++) {
		MHD_add_response_header(resp, req->headers[i].name, req->headers[i].value);
		if (!strcasecmp(req->headers[i].name, "Cache-Control")) has_cache_control = true;
	}
	/* Pages carry personal data: no cache keeps a copy unless told. */
	if (!has_cache_control) MHD_add_response_header(resp, "Cache-Control", "no-store");
	/* MHD refuses (MHD_NO) to queue an answer while a body is still
	 * arriving; then nothing was answered and the caller must not act as if
	 * it had been. */
	enum MHD_Result r = MHD_queue_response(req->connection, (unsigned)req->status, resp);
	MHD_destroy_response(resp);
	if (r == MHD_YES) req->responded = true;
	return r;
}

/* Why a path is refused before routing: libmicrohttpd decodes the path,
 * so "%00" would end it early (/panels/1%00/x routing as /panels/1) and
 * "%2F" would add a segment that was not there; neither has a meaning here. */
static bool path_is_ambiguous(const char *raw_uri)
{
	size_t n = strcspn(raw_uri, "?");
	for (const char *p = raw_uri; p < raw_uri + n; p++)
		if (*p == '%' && p + 2 < raw_uri + n &&
		    ((p[1] == '0' && p[2] == '0') || (p[1] == '2' && (p[2] == 'f' || p[2] == 'F'))))
			return true;
	return false;
}

/* A client's address for the body budget, asked once. */
static const char *client_address(struct request *req)
{
	if (!req->client_address) req->client_address = req_client_address(req);
	return req->client_address;
}

/* Answers req with a refusal once its body (if any) has been read and
 * dropped, or at once when what was declared is more than is worth
 * reading; what the request held of the body budget goes back now.
 * message: in English, marked N_(), said in the request's language. */
static void refuse(struct request *req, int status, const char *code, const char *message)
{
	/* In the request's language: this thread may have served another
	 * request since its head was read. */
	lang_use(req->lang);
	if (status == 503) respond_header(req, "Retry-After", "60");
	respond_error(req, status, code, _(message));
	req->refused = true;
}

/* Frees what the request holds of its body, and gives back its budget. */
static void release_body(struct request *req)
{
	multipart_free(req);
	buf_free(&req->body);
	if (req->budget_held) {
		body_budget_give(req->cfg->body_budget, client_address(req), req->budget_held);
		req->budget_held = 0;
	}
}

/* Bytes of a refused body that are read and dropped so that the client,
 * still sending, can read the answer (a lingering close, as nginx does);
 * past this the connection is closed. */
static size_t drain_limit(const struct request *req) { return 2 * req->cfg->body_limit; }

/* The first call, when the headers are in: everything that can be decided
 * without the body is decided now. */
static void on_headers(struct request *req, const char *declared_length)
{
	if (strlen(req->raw_uri) > MAX_URI_BYTES) {
		refuse(req, 414, "uri_too_long", N_("That address is too long."));
		return;
	}
	if (path_is_ambiguous(req->raw_uri)) {
		refuse(req, 400, "bad_path", N_("That address is not one this site uses."));
		return;
	}
	req->body_limit = req->cfg->body_limit;
	if (req->method & (M_GET | M_HEAD)) return; /* decided on the last call, in one snapshot */
	req->store = request_store(req);
	if (!req->store) {
		refuse(req, 503, "unavailable", N_("The database is not available."));
		return;
	}
	if (!dispatch_head(req)) {
		req->refused = true;
		return;
	}
	/* Bodies may take longer than headers on a slow line (see server_run). */
	MHD_set_connection_option(req->connection, MHD_CONNECTION_OPTION_TIMEOUT, BODY_TIMEOUT_S);
	if (req->multipart) req->body_limit = upload_body_limit(req->cfg);
	unsigned long long length = declared_length ? strtoull(declared_length, NULL, 10) : 0;
	if (length > req->body_limit) {
		refuse(req, 413, "body_too_large",
		       N_("What you sent is larger than this server accepts."));
		return;
	}
	if (length && !body_budget_take(req->cfg->body_budget, client_address(req), length)) {
		refuse(req, 503, "busy", BUSY_MESSAGE);
		return;
	}
	req->budget_held = length;
}

/* The next piece of a body that is being kept. */
static void on_body(struct request *req, const char *data, size_t n, bool length_declared)
{
	if (req->body_received + n > req->body_limit) {
		/* Only a body without Content-Length (chunked) gets here. */
		release_body(req);
		refuse(req, 413, "body_too_large",
		       N_("What you sent is larger than this server accepts."));
		return;
	}
	req->body_received += n;
	if (!length_declared) {
		if (!body_budget_take(req->cfg->body_budget, client_address(req), n)) {
			release_body(req);
			refuse(req, 503, "busy", BUSY_MESSAGE);
			return;
		}
		req->budget_held += n;
	}
	struct multipart_fault fault = { 503, "busy", BUSY_MESSAGE }; /* when memory ran out */
	bool kept = req->multipart ? multipart_feed(req, data, n, &fault)
	                           : buf_try_put(&req->body, data, n);
	if (!kept) {
		release_body(req);
		refuse(req, fault.status, fault.code, fault.message);
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size,
                                  void **con_cls)
{
	struct request *req = *con_cls;
	if (!req) return MHD_NO; /* cannot happen: on_uri always sets it */
	if (req->responded) {    /* answered on the first call: nothing more to do */
		*upload_size = 0;
		return MHD_YES;
	}
	const char *declared = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                                   MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (!req->method_name) {
		/* First call: headers are in. Answer now only when what the client
		 * says it will send is more than is worth reading; otherwise wait
		 * for the next call (see STYLE.md: answering on the first call
		 * costs keep-alive). */
		req->method_name = arena_strdup(&req->arena, method);
		req->method = method_of(method);
		req->path = arena_strdup(&req->arena, url);
		on_headers(req, declared);
		if (req->refused && declared && strtoull(declared, NULL, 10) > drain_limit(req))
			return send_response(req);
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		if (!req->refused) on_body(req, upload_data, n, declared != NULL);
		else if ((req->body_dropped += n) > drain_limit(req)) return MHD_NO;
		return MHD_YES;
	}
	if (req->refused) return send_response(req);
	if (!req->store) req->store = request_store(req);
	if (!req->store) respond_error(req, 503, "unavailable", _("The database is not available."));
	else {
		/* A page view's reads share one snapshot (store_read_begin). */
		bool reads = req->method & (M_GET | M_HEAD);
		if (reads) store_read_begin(req->store);
		/* Most pages fit in 4 KiB: one allocation instead of doubling
		 * up from the default 256 bytes. */
		buf_reserve(&req->out, 4095);
		if (req->head_done || dispatch_head(req)) dispatch_body(req);
		if (reads) store_read_end(req->store);
		/* A write given up because others kept the database busy changed
		 * nothing (the answer already says so) and will likely go
		 * through in a moment: say that to programs too. */
		if (store_take_busy(req->store) && req->status == 500) {
			req->status = 503;
			respond_header(req, "Retry-After", "1");
		}
	}
	return send_response(req);
}

/* s for the access log: control bytes, DEL and backslash become \xHH, so
 * a decoded path (or an odd method) cannot start a line of its own or
 * pass for one we wrote. */
static bool log_unsafe(unsigned char c) { return c < 0x20 || c == 0x7f || c == '\\'; }

static const char *log_safe(struct arena *a, const char *s)
{
	if (!s) return "-";
	const unsigned char *p = (const unsigned char *)s;
	while (*p && !log_unsafe(*p)) p++;
	if (!*p) return s;
	char *out = arena_alloc(a, 4 * strlen(s) + 1), *o = out;
	for (p = (const unsigned char *)s; *p; p++) {
		if (log_unsafe(*p)) o += sprintf(o, "\\x%02x", *p);
		else *o++ = (char)*p;
	}
	*o = 0;
	return out;
}

/* The path as the access log shows it: a calendar feed's address holds
 * its only key (voice/calendar_page.c), so everything after /calendar/ is left
 * out, whatever the request's method or answer. */
static const char *log_path(struct arena *a, const char *path)
{
	if (path && !strncmp(path, "/calendar/", 10)) return "/calendar/…";
	return log_safe(a, path);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct request *req = *con_cls;
	if (!req) return;
	lang_use(language_default); /* this thread speaks no request's language until the next */
	metrics_record(req->route, req->status, clock_ns() - req->started_ns);
	if (!req->cfg->quiet) {
		/* The access log: never a query string, body, cookie or name. */
		double ms = (double)(clock_ns() - req->started_ns) / 1e6;
		fprintf(stderr, "%s %s %d %.1fms %zu%s\n",
		        log_safe(&req->arena, req->method_name),
		        log_path(&req->arena, req->path),
		        req->status, ms, req->out.len,
		        toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not completed)");
	}
	release_body(req);
	buf_free(&req->upload_bytes);
	buf_free(&req->out);
	/* The next request on this connection starts with the short timeout. */
	MHD_set_connection_option(conn, MHD_CONNECTION_OPTION_TIMEOUT, req->cfg->connection_timeout);
	arena_free(&req->arena);
	free(req);
	*con_cls = NULL;
	atomic_fetch_sub(&requests_in_flight, 1);
}

static bool parse_listen(const struct server_config *cfg, struct sockaddr_storage *ss,
                         bool *ipv6)
{
	memset(ss, 0, sizeof *ss);
	struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, cfg->listen_host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)cfg->port);
		*ipv6 = false;
		return true;
	}
	if (inet_pton(AF_INET6, cfg->listen_host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)cfg->port);
		*ipv6 = true;
		return true;
	}
	return false;
}

/* Binds and listens ourselves (rather than letting MHD) so that the real
 * port is known before the first request: links in messages use it. */
static int open_listener(const struct server_config *cfg, const struct sockaddr_storage *addr,
                         bool ipv6, int *port)
{
	int fd = socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) return -1;
	int on = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	if (ipv6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
	socklen_t len = ipv6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	struct sockaddr_storage bound;
	socklen_t blen = sizeof bound;
	if (bind(fd, (const struct sockaddr *)addr, len) || listen(fd, 512) ||
	    getsockname(fd, (struct sockaddr *)&bound, &blen)) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	*port = ntohs(ipv6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
	                   : ((struct sockaddr_in *)&bound)->sin_port);
	return fd;
}

/* The listening socket systemd passed (socket activation: LISTEN_PID is
 * this process and LISTEN_FDS is 1, the socket being descriptor 3), with
 * its port, family and address (into host); -1 when there is none. The
 * variables are then removed, so that nothing started from here takes
 * the socket for its own. */
static int inherited_listener(int *port, bool *ipv6, char *host, size_t host_size)
{
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	if (!pid || !fds || strtol(pid, NULL, 10) != (long)getpid() || strcmp(fds, "1")) return -1;
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	int fd = 3, listening = 0;
	socklen_t len = sizeof listening;
	struct sockaddr_storage bound;
	socklen_t blen = sizeof bound;
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) || !listening ||
	    getsockname(fd, (struct sockaddr *)&bound, &blen))
		return -1;
	*ipv6 = bound.ss_family == AF_INET6;
	const void *a = *ipv6 ? (const void *)&((struct sockaddr_in6 *)&bound)->sin6_addr
	                      : (const void *)&((struct sockaddr_in *)&bound)->sin_addr;
	if (!inet_ntop(bound.ss_family, a, host, (socklen_t)host_size)) return -1;
	*port = ntohs(*ipv6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
	                    : ((struct sockaddr_in *)&bound)->sin_port);
	return fd;
}

int server_run(struct server_config *cfg)
{
	struct sockaddr_storage addr;
	bool ipv6 = false;
	static char inherited_host[INET6_ADDRSTRLEN];
	int port = 0;
	int lfd = inherited_listener(&port, &ipv6, inherited_host, sizeof inherited_host);
	if (lfd >= 0) {
		cfg->listen_host = inherited_host;
		if (!cfg->files_dir || !files_prepare(cfg->files_dir)) return 1;
	} else if (!parse_listen(cfg, &addr, &ipv6)) {
		fprintf(stderr, "emptychair: cannot listen on '%s': give an IP address such as "
		                "127.0.0.1 or ::1\n", cfg->listen_host);
		return 2;
	}
	if (lfd < 0 && (!cfg->files_dir || !files_prepare(cfg->files_dir))) return 1;
	if (lfd < 0) lfd = open_listener(cfg, &addr, ipv6, &port);
	if (lfd < 0) {
		fprintf(stderr, "emptychair: cannot listen on %s port %d: %m\n", cfg->listen_host,
		        cfg->port);
		return 1;
	}
	static char default_url[128];
	if (!cfg->public_url) {
		snprintf(default_url, sizeof default_url, "http://%s%s%s:%d", ipv6 ? "[" : "",
		         cfg->listen_host, ipv6 ? "]" : "", port);
		cfg->public_url = default_url;
	}
	/* Signals are taken by this thread with sigwait(); the workers, which
	 * inherit this mask, never see them. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	cfg->body_budget = body_budget_new(cfg->body_memory, cfg->body_memory_per_address);
	if (cfg->read_cache_ms > 0 &&
	    !(cfg->read_cache = store_read_cache_new(cfg->read_cache_ms, READ_CACHE_BYTES))) {
		fprintf(stderr, "emptychair: out of memory\n");
		close(lfd);
		return 1;
	}
	/* Other servers' commits, heard as they happen (PostgreSQL only). */
	struct store_listener *listener = store_listener_start(cfg->db_target, cfg->read_cache);

	/* MHD_USE_ITC: MHD_quiesce_daemon() below needs it to stop accepting. */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
	                 MHD_USE_ITC;
	if (ipv6) flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, (void *)cfg,
		MHD_OPTION_LISTEN_SOCKET, lfd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, (void *)cfg,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->connection_timeout,
		/* Bounds the request line and headers of one request (like nginx's
		 * default), and is the buffer MHD clears for every request: 16 KiB
		 * rather than 64 gave 8 MiB RSS instead of 11 at 64 connections and
		 * about 20% more requests per second (bench/http). */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16 * 1024,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		/* One client cannot hold every connection (behind a proxy every
		 * client has the proxy's address: then the proxy limits). */
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->connections_per_address,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 512u,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "emptychair: cannot start the server on %s port %d: %m\n",
		        cfg->listen_host, port);
		close(lfd);
		store_listener_stop(listener);
		store_read_cache_free(cfg->read_cache);
		cfg->read_cache = NULL;
		body_budget_free(cfg->body_budget);
		cfg->body_budget = NULL;
		return 1;
	}
	printf("emptychair: listening on http://%s%s%s:%d/\n", ipv6 ? "[" : "", cfg->listen_host,
	       ipv6 ? "]" : "", port);
	fflush(stdout);

	int sig = 0;
	sigwait(&sigs, &sig);
	fprintf(stderr, "emptychair: %s received, finishing requests in flight\n",
	        sig == SIGINT ? "SIGINT" : "SIGTERM");
	MHD_socket lsock = MHD_quiesce_daemon(d);
	if (lsock != MHD_INVALID_SOCKET) close(lsock);
	for (int waited = 0; waited < 1000 && atomic_load(&requests_in_flight) > 0; waited++) {
		struct timespec pause = { 0, 10 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	MHD_stop_daemon(d); /* joins the workers, which closes their stores */
	store_listener_stop(listener);
	store_read_cache_free(cfg->read_cache);
	cfg->read_cache = NULL;
	body_budget_free(cfg->body_budget);
	cfg->body_budget = NULL;
	fprintf(stderr, "emptychair: stopped\n");
	return 0;
}
