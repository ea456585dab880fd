#ifndef EC_WEB_HTTP_H
#define EC_WEB_HTTP_H
/* The web layer's shared types: server configuration, the per-request
 * state, the route table's shape and the response helpers every page and
 * API handler uses.
 *
 * Lifetime: a struct request is created when a request's URI arrives and
 * freed, with its arena, when libmicrohttpd reports the request complete.
 * Everything a handler allocates goes in req->arena. */
#include <stdbool.h>
#include <stdint.h>

#include "auth/auth.h"
#include "core/lang.h"
#include "core/mem.h"
#include "core/policy.h"
#include "store/store.h"
#include "web/http/form.h"
#include "web/http/route_match.h"

struct body_budget; /* web/http/body_budget.h */
struct multipart;   /* web/http/multipart.h */

/* The one file a multipart form may carry (web/http/multipart.h); data points
 * into the request's arena, len 0 when no file was chosen. */
struct upload {
	const char *filename;            /* as the browser sent it; never trusted */
	const unsigned char *data;
	size_t len;
};

/* Read-only after start: shared by every worker thread. */
struct server_config {
	const char *listen_host;     /* "127.0.0.1" */
	int port;
	int threads;
	const char *db_target;
	size_t body_limit;           /* bytes; larger bodies get 413 */
	size_t upload_limit;         /* bytes, for routes that take a file */
	const char *files_dir;       /* uploaded papers and receipts, outside any web root */
	struct auth_seal_key seal_key; /* seals bank details and safeguarding words (auth.h) */
	bool seal_key_loaded;
	unsigned char feed_public[AUTH_FEED_PUBLIC];  /* signs the case-study feed: */
	unsigned char feed_secret[AUTH_FEED_SECRET];  /* auth_feed_keypair, from seal_key */
	unsigned connection_timeout; /* seconds */
	bool secure_cookies;         /* add Secure to cookies (behind TLS) */
	bool trust_proxy;            /* take the client's address from X-Real-IP */
	const char *public_url;      /* base for links in messages, no trailing /;
	                              * NULL: the listening address (server_run) */
	unsigned char secret[AUTH_SECRET_BYTES];
	bool quiet;                  /* no access log (benchmarks) */
	bool mail_relay;             /* a relay delivers the outbox (serve --smtp) */
	const char *locale_dir;      /* the translations; NULL: the build's or the package's */
	int64_t read_cache_ms;       /* how long query results are kept; 0: none */
	long feed_timeout_ms;        /* fetching another installation's feed (--feed-timeout) */
	const char *metrics_token;   /* what /metrics asks for (--metrics-token-file); NULL: off */
	int64_t figures_every;       /* seconds between publications of a panel's figures
	                              * about groups (app_rep_refresh); 0: whenever safe */
	size_t body_memory;          /* bytes of bodies held at once, in total */
	size_t body_memory_per_address; /* ... and for one client address */
	struct body_budget *body_budget; /* made by server_run from the two above */
	unsigned connections_per_address; /* 0: no limit (behind a proxy) */
	struct read_cache *read_cache; /* made by server_run when read_cache_ms > 0 */
};

enum http_method { M_GET = 1, M_HEAD = 2, M_POST = 4, M_PUT = 8, M_PATCH = 16, M_DELETE = 32,
                   M_OTHER = 64 };

enum access {
	ACCESS_ANY,     /* anyone, signed in or not */
	ACCESS_USER,    /* signed in */
	ACCESS_ADMIN,   /* signed in as an installation administrator */
	ACCESS_PANEL,   /* signed in, member of panel {id}, and policy allows route.action */
};

struct request;
typedef void (*handler_fn)(struct request *req);

/* The object a panel route works on, named by its second {id} (a paper:
 * the third, of the meeting named by the second). The dispatcher loads it
 * within the panel and applies who may see it (web/http/loaders.c, through
 * app/), answering 404 for one the asker may not see exactly as for one
 * that does not exist, before the handler runs, for pages and API alike. */
enum route_object {
	OBJ_NONE,
	OBJ_MEETING,       /* req->meeting, req->invited: a guest's only when invited */
	OBJ_PAPER,         /* req->meeting and req->paper: a draft only to who adds papers */
	OBJ_PROJECT,       /* req->project */
	OBJ_CONTRIBUTION,  /* req->contribution: a guest's only when named to answer */
	OBJ_MEMBER,        /* req->member: not someone removed */
	OBJ_CLAIM,         /* req->claim: the payee's, or a steward's running pay */
	OBJ_RUN,           /* req->run */
};

struct route {
	unsigned methods;            /* M_GET | M_HEAD ... */
	const char *pattern;         /* "/panels/{id}/members/{id}"; a final * matches the rest */
	handler_fn handler;
	enum access access;
	enum panel_action action;    /* for ACCESS_PANEL */
	unsigned flags;              /* ROUTE_API, ROUTE_UPLOAD */
	enum route_object object;    /* loaded before the handler runs */
};
enum {
	ROUTE_API = 1,               /* JSON errors, bearer tokens allowed */
	ROUTE_UPLOAD = 2,            /* takes multipart/form-data up to cfg->upload_limit */
};

struct header {
	const char *name, *value;
};

enum { MAX_PARAMS = ROUTE_MAX_PARAMS, MAX_HEADERS = 12 };

struct language;
struct request {
	struct arena arena;
	const struct server_config *cfg;
	const struct language *lang;     /* what the pages speak (core/lang.h); set by
	                                  * the dispatcher, English until then */
	struct store *store;             /* this worker thread's connection */
	void *connection;                /* struct MHD_Connection * */
	int64_t started_ns;
	int64_t now;                     /* seconds, UTC, fixed for the request */

	/* what was asked */
	enum http_method method;
	const char *method_name;
	const char *path;                /* without the query */
	const char *raw_uri;
	struct form query;
	struct form form;                /* urlencoded body, when there is one */
	struct buf body;                 /* raw body (not multipart), capped at body_limit */
	size_t body_limit;               /* cfg's body_limit, or upload_limit for a file */
	size_t body_received;            /* bytes of the body so far */
	struct multipart *multipart;     /* a multipart body being read (web/http/multipart.h) */
	struct upload upload;            /* the file of a multipart form, if any */
	struct buf upload_bytes;         /* ... whose bytes these are */
	const char *client_address;      /* req_client_address, once asked */
	size_t budget_held;              /* bytes taken from cfg->body_budget */
	bool head_done;                  /* dispatch_head has run */
	bool refused;                    /* answered before the body: it is dropped */
	size_t body_dropped;             /* bytes read and dropped after refusing */
	int64_t params[MAX_PARAMS];      /* {id} values, in order */
	int nparams;
	const struct route *route;

	/* who is asking */
	struct user *user;               /* NULL when not signed in */
	const char *session_hash;        /* stored hash of the session cookie */
	bool via_bearer;                 /* API token, not a cookie */
	const char *csrf;                /* token to put in forms */

	/* panel context, for ACCESS_PANEL routes */
	struct panel *panel;
	struct panel_actor actor;
	/* the route's object (route.object), loaded within the panel */
	struct meeting *meeting;
	bool invited;                    /* the asker is a guest invited to req->meeting */
	struct paper *paper;
	struct project *project;
	struct contribution *contribution;
	struct membership *member;
	struct pay_claim *claim;
	struct pay_run *run;

	/* the answer */
	int status;
	struct buf out;
	const char *content_type;
	struct header headers[MAX_HEADERS];
	int nheaders;
	bool responded;
};

/* ---- answering ---- */
void respond_header(struct request *req, const char *name, const char *value);
/* A redirect after a successful form post, or to sign in (303 See Other). */
void respond_redirect(struct request *req, const char *location);
/* Plain-language error page or JSON error envelope, as fits the route.
 * code is a stable machine word ("not_found"); message a human sentence. */
void respond_error(struct request *req, int status, const char *code, const char *message);
/* The same, naming the input field at fault (JSON: "field"); field may be NULL. */
void respond_error_field(struct request *req, int status, const char *code, const char *field,
                         const char *message);
void respond_json(struct request *req, int status, const char *json_text);
void respond_cookie(struct request *req, const char *name, const char *value,
                    int64_t max_age);
/* Keeps l as this browser's choice of language (the switcher's cookie),
 * or, l NULL, takes the choice away. */
void respond_language_cookie(struct request *req, const struct language *l);
/* Chooses the request's language again, as for a page of panel p (an
 * invitation's, before its reader is a member), and makes this thread
 * speak it. */
void request_speak_for(struct request *req, const struct panel *p);
/* The same, sent back only for addresses under path. */
void respond_cookie_at(struct request *req, const char *name, const char *value,
                       int64_t max_age, const char *path);

/* ---- asking ---- */
const char *req_header(struct request *req, const char *name);
/* Requests being answered now, by every thread (for /metrics). */
int server_requests_in_flight(void);
const char *req_cookie(struct request *req, const char *name);
/* The client's address as text, for rate limits only (never logged). */
const char *req_client_address(struct request *req);
/* A form value, "" when absent. */
const char *field(struct request *req, const char *name);

/* ---- sessions (web/http/session.c) ---- */
/* Signs user_id in: a new session, its cookie, a new CSRF token. */
bool session_start(struct request *req, int64_t user_id);
void session_end(struct request *req);
/* Finds who is asking from the session cookie or a bearer token. */
void session_load(struct request *req);
/* The CSRF token for this visitor (setting a pre-session cookie if needed). */
const char *csrf_token(struct request *req);
bool csrf_valid(struct request *req, const char *given);

/* ---- dispatch (web/http/router.c) ---- */
extern const struct route routes[];
extern const int route_count;
/* The checks that need no body, run as soon as the headers are in (for a
 * request that changes state, before any of its body is read, so that
 * nothing is held for a client that may not send it): the route (404,
 * 405), the query (400), who is asking and whether they may (sign-in, a
 * CSRF token sent as a header, administrator, panel role), and whether a
 * multipart body is to be read (req->multipart). false: it answered. */
bool dispatch_head(struct request *req);
/* The body is in: parses it (400, 415), checks a form's CSRF token and
 * runs the handler. Only after dispatch_head returned true. */
void dispatch_body(struct request *req);
/* Room for a file form's fields beside its file: the body limit of a
 * multipart form is cfg->upload_limit (at least the body limit) plus this. */
enum { UPLOAD_FORM_ROOM = 256 * 1024 };
static inline size_t upload_body_limit(const struct server_config *cfg)
{
	return (cfg->upload_limit > cfg->body_limit ? cfg->upload_limit : cfg->body_limit) +
	       UPLOAD_FORM_ROOM;
}
/* Shown with _() where they are sent. */
#define CSRF_REFUSED_MESSAGE \
	N_("This form has expired or did not come from this site. Go back, reload the page " \
	   "and try again.")
#define BUSY_MESSAGE N_("The server is busy. Wait a minute, then try again: nothing was saved.")

int64_t clock_ns(void);
#endif
