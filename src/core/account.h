#ifndef EC_CORE_ACCOUNT_H
#define EC_CORE_ACCOUNT_H
/* Rules about accounts, sessions and sign-in, as plain values. */
#include <stdbool.h>
#include <stdint.h>

enum user_status { USER_ACTIVE = 0, USER_DISABLED, USER_ERASED };
const char *user_status_key(enum user_status s);
bool user_status_parse(const char *s, enum user_status *out);

enum {
	PASSWORD_MIN_CHARS = 8,
	PASSWORD_MAX_BYTES = 256,         /* argon2 has no limit; people do */
	DISPLAY_NAME_MAX_CHARS = 80,
	API_TOKEN_LABEL_MAX_CHARS = 80,   /* what a person calls one of their API tokens */

	SESSION_IDLE_SECONDS = 7 * 24 * 3600,      /* signed out after a week unused */
	SESSION_MAX_SECONDS = 30 * 24 * 3600,      /* and after 30 days regardless */
	SESSION_TOUCH_SECONDS = 300,               /* refresh last-seen at most this often */

	INVITATION_SECONDS = 14 * 24 * 3600,
	RESET_SECONDS = 3600,

	/* Failed sign-ins within the window before further tries are refused. */
	SIGNIN_WINDOW_SECONDS = 15 * 60,
	SIGNIN_MAX_PER_ACCOUNT = 5,
	SIGNIN_MAX_PER_ADDRESS = 20,
	/* Reset links asked for, per window: for one address (then no more are
	 * made, and the answer stays the same) and from one client. */
	RESET_MAX_PER_TARGET = 3,
	RESET_MAX_PER_CLIENT = 10,
	/* The least time asking for a reset link takes, with an account or
	 * without (the writes differ by a row or two). */
	RESET_ANSWER_MIN_MS = 100,
};

/* NULL when a (trimmed) display name is acceptable, or why not (in the
 * language this thread speaks). */
const char *display_name_problem(const char *name);

/* A username: how someone with no e-mail address signs in (an invitation
 * given by hand). Kept where an address is (users.email), told from one by
 * having no "@": lower case a to z, digits, ".", "-" and "_", 3 to 40 of
 * them. NULL when name (trimmed, lower-cased) is one, or why not. */
enum { USERNAME_MIN = 3, USERNAME_MAX = 40 };
const char *username_problem(const char *name);

/* When a session seen at last_seen, created at created, expires. */
int64_t session_expiry(int64_t created, int64_t now);
#endif
