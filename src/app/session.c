/* Credentials (app.h): browser sessions, API tokens and calendar feed
 * addresses. The web layer keeps the cookies and headers; what is stored,
 * when it expires and when its use is recorded is decided here. Tokens
 * reach this file only as their hashes (auth_token_hash). */
#include <string.h>

#include "app/app_private.h"
#include "core/text.h"

bool app_session_start(struct store *s, const char *token_hash, int64_t user_id, int64_t now)
{
	return store_session_create(s, token_hash, user_id, now, session_expiry(now, now)) == ST_OK;
}

bool app_session_resume(struct store *s, const char *token_hash, int64_t now, struct arena *a,
                        struct user *u)
{
	struct session sn;
	if (store_session_user(s, token_hash, now, a, &sn, u) != ST_OK || u->status != USER_ACTIVE)
		return false;
	/* Seen again: the idle expiry moves on, written at most every few
	 * minutes so that page views do not all write. A failed write only
	 * leaves the old expiry. */
	if (now - sn.last_seen_at >= SESSION_TOUCH_SECONDS)
		store_session_touch(s, sn.id, now, session_expiry(sn.created_at, now));
	return true;
}

void app_session_end(struct store *s, const char *token_hash)
{
	store_session_delete(s, token_hash);
}

bool app_api_token_user(struct store *s, const char *token_hash, int64_t now, int64_t *user_id)
{
	return store_api_token_use(s, token_hash, now, user_id) == ST_OK;
}

bool app_api_token_create(struct store *s, int64_t user_id, const char *label,
                          const char *token_hash, int64_t now, int64_t *id,
                          struct app_error *err)
{
	if (!*label || utf8_length(label) > API_TOKEN_LABEL_MAX_CHARS || strpbrk(label, "\r\n"))
		return app_fail(err, 400, "invalid", "label",
		                _("Say what the token is for, in 80 characters or fewer."));
	if (store_api_token_create(s, token_hash, user_id, label, now, id) != ST_OK)
		return app_fail(err, 500, "internal", NULL, _("We could not make the token."));
	return true;
}

bool app_api_token_revoke(struct store *s, int64_t user_id, int64_t id, int64_t now,
                          struct app_error *err)
{
	switch (store_api_token_revoke(s, user_id, id, now)) {
	case ST_OK: return true;
	case ST_NOT_FOUND: return app_fail(err, 404, "not_found", NULL, _("There is no such token."));
	default: return app_fail(err, 500, "internal", NULL, _("We could not revoke the token."));
	}
}

bool app_calendar_feed_set(struct store *s, int64_t user_id, const char *token_hash,
                           int64_t now, struct app_error *err)
{
	if (store_calendar_feed_set(s, user_id, token_hash, now) != ST_OK)
		return app_fail(err, 500, "internal", NULL, _("We could not make your calendar address."));
	return true;
}

bool app_calendar_feed_stop(struct store *s, int64_t user_id, struct app_error *err)
{
	enum store_rc rc = store_calendar_feed_revoke(s, user_id);
	if (rc != ST_OK && rc != ST_NOT_FOUND)
		return app_fail(err, 500, "internal", NULL, _("We could not stop your calendar feed."));
	return true;
}
