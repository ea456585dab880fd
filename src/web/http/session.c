/* Who is asking: session cookies for people in browsers, bearer tokens for
 * API clients, and CSRF tokens for every state-changing request that rides
 * on a cookie.
 *
 * CSRF design: the token is a keyed hash (installation secret) of the
 * session's stored hash, so it needs no storage and dies with the session.
 * Before sign-in, a random pre-session cookie plays the session's part, so
 * that the sign-in and invitation forms are protected too. API requests
 * made with a bearer token carry no ambient credential and need no token;
 * API requests made with a session cookie send it as X-CSRF-Token. */
#include <string.h>

#include "app/app.h"
#include "auth/auth.h"
#include "core/text.h"
#include "web/http/http.h"

static const char SESSION_COOKIE[] = "ec_session";
static const char PRE_COOKIE[] = "ec_pre";

/* A cookie or bearer value that could be one of our tokens. */
static bool token_shaped(const char *t) { return text_is_token(t, AUTH_TOKEN_CHARS); }

static char *hash_of(struct request *req, const char *token)
{
	char *h = arena_alloc(&req->arena, AUTH_HASH_HEX + 1);
	auth_token_hash(token, h);
	return h;
}

static void load_user(struct request *req, int64_t user_id)
{
	struct user *u = arena_alloc(&req->arena, sizeof *u);
	if (store_user_get(req->store, user_id, &req->arena, u) == ST_OK &&
	    u->status == USER_ACTIVE)
		req->user = u;
}

void session_load(struct request *req)
{
	const char *authz = req_header(req, "Authorization");
	if (req->route && (req->route->flags & ROUTE_API) && authz && !strncmp(authz, "Bearer ", 7)) {
		const char *token = authz + 7;
		int64_t uid;
		if (token_shaped(token) && app_api_token_user(req->store, hash_of(req, token), req->now,
		                                              &uid)) {
			req->via_bearer = true;
			load_user(req, uid);
		}
		return; /* a bad token is not silently replaced by a cookie */
	}
	const char *cookie = req_cookie(req, SESSION_COOKIE);
	if (!token_shaped(cookie)) return;
	const char *h = hash_of(req, cookie);
	struct user *u = arena_alloc(&req->arena, sizeof *u);
	if (!app_session_resume(req->store, h, req->now, &req->arena, u)) return;
	req->user = u;
	req->session_hash = h;
}

bool session_start(struct request *req, int64_t user_id)
{
	char token[AUTH_TOKEN_CHARS + 1];
	auth_token_new(token);
	const char *h = hash_of(req, token);
	if (!app_session_start(req->store, h, user_id, req->now)) return false;
	respond_cookie(req, SESSION_COOKIE, token, SESSION_MAX_SECONDS);
	req->session_hash = h;
	req->csrf = NULL;
	load_user(req, user_id);
	return true;
}

void session_end(struct request *req)
{
	if (req->session_hash) app_session_end(req->store, req->session_hash);
	respond_cookie(req, SESSION_COOKIE, "", 0);
	req->session_hash = NULL;
	req->user = NULL;
	req->csrf = NULL;
}

static const char *expected_csrf(struct request *req, const char *pre)
{
	char *t = arena_alloc(&req->arena, AUTH_HASH_HEX + 1);
	if (req->session_hash) auth_keyed_hash(req->cfg->secret, "csrf", req->session_hash, t);
	else if (pre) auth_keyed_hash(req->cfg->secret, "csrf-pre", pre, t);
	else return NULL;
	return t;
}

const char *csrf_token(struct request *req)
{
	if (req->csrf) return req->csrf;
	const char *pre = NULL;
	if (!req->session_hash) {
		pre = req_cookie(req, PRE_COOKIE);
		if (!token_shaped(pre)) {
			char *fresh = arena_alloc(&req->arena, AUTH_TOKEN_CHARS + 1);
			auth_token_new(fresh);
			respond_cookie(req, PRE_COOKIE, fresh, 24 * 3600);
			pre = fresh;
		}
	}
	req->csrf = expected_csrf(req, pre);
	return req->csrf;
}

bool csrf_valid(struct request *req, const char *given)
{
	if (!given) return false;
	const char *pre = req->session_hash ? NULL : req_cookie(req, PRE_COOKIE);
	if (!req->session_hash && !token_shaped(pre)) return false;
	const char *want = expected_csrf(req, pre);
	return want && auth_equal(want, given);
}
