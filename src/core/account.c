#include "core/account.h"

#include <string.h>

#include "core/lang.h"
#include "core/text.h"

static const char *const user_statuses[] = { "active", "disabled", "erased" };

const char *user_status_key(enum user_status s)
{
	return (s >= 0 && s <= USER_ERASED) ? user_statuses[s] : "?";
}

bool user_status_parse(const char *s, enum user_status *out)
{
	for (int i = 0; s && i <= USER_ERASED; i++) {
		if (!strcmp(s, user_statuses[i])) {
			*out = (enum user_status)i;
			return true;
		}
	}
	return false;
}

const char *display_name_problem(const char *name)
{
	if (!*name) return _("Enter the name you would like to be called.");
	if (!utf8_valid(name, strlen(name)) || strpbrk(name, "\r\n"))
		return _("Your name must be one line of ordinary text.");
	if (text_has_hidden(name))
		return _("Your name may not hold hidden characters or ones that turn the text around. "
		         "Type it as it should be read.");
	if (utf8_length(name) > DISPLAY_NAME_MAX_CHARS)
		return _("Your name must be 80 characters or fewer.");
	return NULL;
}

const char *username_problem(const char *name)
{
	size_t n = strlen(name);
	if (!n) return _("Choose a username to sign in with.");
	if (n < USERNAME_MIN || n > USERNAME_MAX)
		return _("A username is 3 to 40 characters long.");
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		      *p == '_'))
			return _("Use only the letters a to z, digits, and . - or _ in a username.");
	return NULL;
}

int64_t session_expiry(int64_t created, int64_t now)
{
	int64_t idle = now + SESSION_IDLE_SECONDS;
	int64_t hard = created + SESSION_MAX_SECONDS;
	return idle < hard ? idle : hard;
}
