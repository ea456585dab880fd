/* The dispatcher: owns 404, 405, 400 for malformed input, sign-in, CSRF
 * and panel permission checks, so that a handler only runs for a request
 * it is allowed to answer. The route table itself is in routes.c. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "core/text.h"
#include "web/http/handlers.h"
#include "web/http/http.h"
#include "core/lang.h"
#include "web/http/loaders.h"
#include "web/http/multipart.h"
#include "web/http/route_match.h"
#include "web/ui/layout.h"

static bool is_api_path(const char *path) { return !strncmp(path, "/api/", 5); }

void respond_header(struct request *req, const char *name, const char *value)
{
	if (req->nheaders == MAX_HEADERS) {
		fprintf(stderr, "router: too many response headers (%s dropped)\n", name);
		return;
	}
	req->headers[req->nheaders].name = name;
	req->headers[req->nheaders].value = arena_strdup(&req->arena, value);
	req->nheaders++;
}

void respond_redirect(struct request *req, const char *location)
{
	req->status = 303;
	buf_reset(&req->out);
	respond_header(req, "Location", location);
}

void respond_json(struct request *req, int status, const char *json_text)
{
	req->status = status;
	req->content_type = "application/json";
	buf_reset(&req->out);
	buf_puts(&req->out, json_text);
	buf_putc(&req->out, '\n');
}

void respond_error(struct request *req, int status, const char *code, const char *message)
{
	respond_error_field(req, status, code, NULL, message);
}

void respond_error_field(struct request *req, int status, const char *code, const char *field,
                         const char *message)
{
	bool api = req->route ? (req->route->flags & ROUTE_API) != 0 : (req->path && is_api_path(req->path));
	if (api) {
		/* The one error envelope: {"error": {"code", "message", "field"?}}. */
		json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message);
		if (field)
			json_object_set_new(json_object_get(j, "error"), "field", json_string(field));
		char *text = json_dumps(j, JSON_COMPACT | JSON_ESCAPE_SLASH);
		respond_json(req, status, text);
		free(text);
		json_decref(j);
		return;
	}
	req->status = status;
	req->content_type = NULL;
	buf_reset(&req->out);
	/* A one-time link that no longer works is not a mistyped address. */
	bool dead_link = !strcmp(code, "invitation_not_found") || !strcmp(code, "reset_not_found");
	const char *title = dead_link ? _("This link no longer works")
	                  : status == 404 ? _("Page not found")
	                  : status == 403 ? _("You cannot do that here")
	                  : status >= 500 ? _("Sorry, something went wrong")
	                                  : _("There is a problem");
	page_begin(req, title, NULL);
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	html(b, "<h1 class=\"heading-l\">%t</h1><p>%t</p>", title, message);
	if (status == 404 && !dead_link) {
		html(b, "<p>");
		/* TRANSLATORS: %s is a link reading "Go to the start" */
		html_sentence(b, _("If you typed the address, check it is correct. %s."), 1,
		              html_link(a, "/", _("Go to the start")));
		html(b, "</p>");
	}
	/* Most often it was used already: the way on is to sign in. */
	if (dead_link && !req->user) {
		html(b, "<p>");
		/* TRANSLATORS: %s is a link reading "sign in" */
		html_sentence(b, _("If you have used it already, %s with your e-mail address and "
		                   "password."), 1, html_link(a, "/sign-in", _("sign in")));
		html(b, " ");
		/* TRANSLATORS: %s is a link reading "ask for a new link" */
		html_sentence(b, _("If you have forgotten your password, %s."), 1,
		              html_link(a, "/forgot-password", _("ask for a new link")));
		html(b, "</p>");
	} else if (dead_link) {
		html(b, "<p><a href=\"/panels\">%t</a></p>", _("Go to your panels"));
	}
	page_end(req);
}

void respond_cookie_at(struct request *req, const char *name, const char *value,
                       int64_t max_age, const char *path)
{
	respond_header(req, "Set-Cookie",
	               arena_printf(&req->arena, "%s=%s; Path=%s; Max-Age=%lld; HttpOnly; "
	                            "SameSite=Lax%s", name, value, path, (long long)max_age,
	                            req->cfg->secure_cookies ? "; Secure" : ""));
}

void respond_cookie(struct request *req, const char *name, const char *value,
                    int64_t max_age)
{
	respond_cookie_at(req, name, value, max_age, "/");
}

const char *field(struct request *req, const char *name)
{
	const char *v = form_get(&req->form, name);
	return v ? v : "";
}

static bool changes_state(enum http_method m) { return !(m & (M_GET | M_HEAD)); }

/* The cookie that keeps a language chosen with the switcher. */
static const char LANG_COOKIE[] = "ec_lang";

/* Chooses the request's language (core/lang.h) from what is known so
 * far, and makes this thread speak it. */
static void speak_with(struct request *req, const char *panel_language)
{
	/* The person's choice: this browser's switcher, else their account's. */
	const char *chosen = req_cookie(req, LANG_COOKIE);
	if (!language_find(chosen) && req->user && req->user->language[0])
		chosen = req->user->language;
	req->lang = language_choose(chosen, panel_language, req_header(req, "Accept-Language"));
	if (!lang_available(req->lang)) req->lang = language_default;
	lang_use(req->lang);
}

static void speak(struct request *req)
{
	speak_with(req, req->panel ? req->panel->language : NULL);
}

void request_speak_for(struct request *req, const struct panel *p)
{
	speak_with(req, p->language);
}

void respond_language_cookie(struct request *req, const struct language *l)
{
	/* A year; the code only. None: the cookie is taken away. */
	respond_cookie(req, LANG_COOKIE, l ? l->code : "", l ? 365 * 86400 : 0);
}

void language_get(struct request *req)
{
	const struct language *l = language_find(form_get(&req->query, "to"));
	const char *next = form_get(&req->query, "next");
	if (!l) {
		respond_error(req, 400, "bad_query", _("Choose one of the languages listed."));
		return;
	}
	/* Then back to a path of this site. */
	respond_language_cookie(req, l);
	respond_redirect(req, next && next[0] == '/' && next[1] != '/' && next[1] != '\\' ? next : "/");
}

/* Loads the panel named by the first {id} and the asker's place in it. */
static bool load_panel(struct request *req)
{
	struct panel *p = arena_alloc(&req->arena, sizeof *p);
	struct membership m;
	enum store_rc rc = store_panel_member(req->store, req->params[0], req->user->id,
	                                      &req->arena, p, &m);
	if (rc == ST_NOT_FOUND) {
		respond_error(req, 404, "not_found", _("There is no such page."));
		return false;
	}
	if (rc != ST_OK) {
		respond_error(req, 500, "internal", _("We could not load this panel."));
		return false;
	}
	req->panel = p;
	speak(req); /* the panel's language may now count */
	req->actor = (struct panel_actor){ .role = m.role, .status = m.status, .hosting = p->hosting,
	                                   .responder = m.responder,
	                                   .co_creators_post = p->co_creators_post };
	if (policy_hides_panel(&req->actor)) {
		/* Not a member: the panel is not there, as far as they can tell. */
		respond_error(req, 404, "not_found", _("There is no such page."));
		return false;
	}
	if (!policy_allows(&req->actor, req->route->action)) {
		respond_error(req, 403, "forbidden",
		              _("Your role on this panel does not let you do this. A steward can help."));
		return false;
	}
	return true;
}

static void require_sign_in(struct request *req)
{
	if (req->route->flags & ROUTE_API) {
		respond_error(req, 401, "unauthenticated",
		              /* TRANSLATORS: 'Authorization: Bearer ...' is an HTTP header: keep it */
		              _("Sign in, or send an API token as 'Authorization: Bearer ...'."));
		return;
	}
	struct buf loc = {0};
	buf_puts(&loc, "/sign-in?next=");
	url_component(&loc, req->path);
	respond_redirect(req, arena_strdup(&req->arena, loc.data));
	buf_free(&loc);
}

/* application/json, with no charset or UTF-8's: JSON in another
 * encoding would be read as if it were UTF-8. */
static bool json_type_ok(const char *ct)
{
	if (!ct || strncasecmp(ct, "application/json", 16)) return false;
	const char *p = ct + 16;
	p += strspn(p, " \t");
	if (!*p) return true;
	if (*p != ';') return false;
	p += 1 + strspn(p + 1, " \t");
	if (!*p) return true;
	if (strncasecmp(p, "charset=", 8)) return false;
	p += 8;
	if (*p == '"') p++;
	if (strncasecmp(p, "utf-8", 5)) return false;
	p += 5;
	if (*p == '"') p++;
	return !p[strspn(p, " \t")];
}

/* Whether the request says a body follows (its headers are enough). */
static bool body_expected(struct request *req)
{
	const char *length = req_header(req, "Content-Length");
	return (length && strcmp(length, "0")) || req_header(req, "Transfer-Encoding");
}

/* Answers 403 unless given is this visitor's CSRF token. */
static bool csrf_checked(struct request *req, const char *given)
{
	if (csrf_valid(req, given)) return true;
	respond_error(req, 403, "csrf", _(CSRF_REFUSED_MESSAGE));
	return false;
}

bool dispatch_head(struct request *req)
{
	req->head_done = true;
	speak(req);
	const char *q = strchr(req->raw_uri, '?');
	const char *err = NULL;
	if (q && !form_parse(q + 1, strlen(q + 1), &req->arena, &req->query, &err)) {
		respond_error(req, 400, "bad_query", _(err)); /* N_() in form.c */
		return false;
	}

	unsigned allowed = 0;
	const struct route *hit = NULL;
	unsigned want = req->method == M_HEAD ? M_GET : req->method;
	for (int i = 0; i < route_count && !hit; i++) {
		int64_t params[MAX_PARAMS];
		int n;
		if (!route_match(routes[i].pattern, req->path, params, &n)) continue;
		allowed |= routes[i].methods;
		if (routes[i].methods & want) {
			hit = &routes[i];
			memcpy(req->params, params, sizeof params);
			req->nparams = n;
		}
	}
	if (!allowed) {
		respond_error(req, 404, "not_found", _("There is no such page."));
		return false;
	}
	if (!hit) {
		struct buf allow = {0};
		static const char *const names[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" };
		if (allowed & M_GET) allowed |= M_HEAD;
		for (int i = 0; i < 6; i++)
			if (allowed & (1u << i)) buf_printf(&allow, "%s%s", allow.len ? ", " : "", names[i]);
		respond_header(req, "Allow", allow.data);
		buf_free(&allow);
		respond_error(req, 405, "method_not_allowed",
		              _("This address does not accept that kind of request."));
		return false;
	}
	req->route = hit;

	/* What kind of body: a file form (ROUTE_UPLOAD), else JSON for the API
	 * and urlencoded for pages. */
	bool writes = changes_state(req->method);
	bool api = hit->flags & ROUTE_API;
	const char *ct = req_header(req, "Content-Type");
	bool multipart = writes && (hit->flags & ROUTE_UPLOAD) && multipart_is(ct);
	if (writes && !multipart && body_expected(req)) {
		if (api && !json_type_ok(ct)) {
			respond_error(req, 415, "unsupported_media_type",
			              (hit->flags & ROUTE_UPLOAD)
			              /* TRANSLATORS: Content-Type, application/json and
			               * multipart/form-data are HTTP's names: keep them */
			              ? _("Send JSON as Content-Type: application/json, or a file as "
			                  "multipart/form-data.")
			              /* TRANSLATORS: Content-Type and application/json are HTTP's
			               * names: keep them */
			              : _("Send JSON bodies as Content-Type: application/json."));
			return false;
		}
		if (!api && (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33))) {
			respond_error(req, 415, "unsupported_media_type",
			              /* TRANSLATORS: application/x-www-form-urlencoded is HTTP's name */
			              _("Forms must be sent as application/x-www-form-urlencoded."));
			return false;
		}
	}

	session_load(req);
	/* Their account's language, if they chose one, may now count. */
	if (req->user && req->user->language[0]) speak(req);
	if (hit->access != ACCESS_ANY && !req->user) {
		require_sign_in(req);
		return false;
	}
	/* A cookie-borne API request sends its token as a header, checked now;
	 * a page form sends it in the body (dispatch_body, or the multipart
	 * parser as soon as the form's first part is in). */
	if (writes && !req->via_bearer && api && !csrf_checked(req, req_header(req, "X-CSRF-Token")))
		return false;
	if (hit->access == ACCESS_ADMIN && !req->user->is_admin) {
		respond_error(req, 403, "forbidden", _("Only an administrator of this site can do this."));
		return false;
	}
	if (hit->access == ACCESS_PANEL && !load_panel(req)) return false;

	if (multipart) {
		struct multipart_fault fault;
		if (!multipart_begin(req, !req->via_bearer && !api, &fault)) {
			respond_error(req, fault.status, fault.code, _(fault.message));
			return false;
		}
	}
	return true;
}

void dispatch_body(struct request *req)
{
	lang_use(req->lang); /* the body may arrive on another call */
	bool writes = changes_state(req->method);
	const char *err = NULL;
	if (req->multipart) {
		struct multipart_fault fault;
		if (!multipart_end(req, &fault)) {
			respond_error(req, fault.status, fault.code, _(fault.message));
			return;
		}
	} else if (writes && !(req->route->flags & ROUTE_API)) {
		if (!form_parse(req->body.data ? req->body.data : "", req->body.len, &req->arena,
		                &req->form, &err)) {
			respond_error(req, 400, "bad_form", _(err));
			return;
		}
		if (!req->via_bearer && !csrf_checked(req, form_get(&req->form, "csrf"))) return;
	}
	if (!load_route_object(req)) return;
	req->route->handler(req);
	if (!req->status) respond_error(req, 500, "internal", _("The page did not answer."));
}
