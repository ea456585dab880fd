#ifndef EC_CORE_CONFIG_H
#define EC_CORE_CONFIG_H
/* The configuration file (/etc/emptychair/emptychair.conf, cli/config.c):
 * one setting a line, "key = value"; a line whose first non-blank
 * character is '#' is a comment, blank lines are nothing. Keys are the
 * names of the options that have a flag, in lower case with '_' for '-'
 * (serve's --read-cache-ms is read_cache_ms). A value runs to the end of
 * the line, blanks around it dropped ('#' inside it is part of it: a
 * password may hold one); one in double quotes keeps what is inside them
 * exactly. No I/O. */
#include <stdbool.h>
#include <stddef.h>

#include "core/mem.h"

/* The settings a file may hold: every option that has a flag, named as
 * its flag is (--read-cache-ms: read_cache_ms; its variable is
 * EMPTYCHAIR_READ_CACHE_MS), and whether it is yes or no. The mail
 * relay's password has a file of its own (smtp_password_file), and is not
 * one. */
struct config_setting {
	const char *key;
	bool yes_no;
};
extern const struct config_setting config_settings[];
extern const size_t config_setting_count;   /* at most 64 */

struct config_entry {
	const char *key, *value;
	int line;                /* from 1 */
};
struct config {
	struct config_entry *entries;
	size_t n;
};

/* Parses text[0..len) into out (its strings in a), accepting only the keys
 * in known[0..n_known). False with a message naming the line in error
 * (at most error_size bytes) for: a line that is not a setting, a key not
 * known, a key given twice (both lines named), a value missing, a value
 * holding control characters, or text that is not UTF-8. */
bool config_parse(const char *text, size_t len, const char *const *known, size_t n_known,
                  struct arena *a, struct config *out, char *error, size_t error_size);
/* text (a whole file) with key set to value: its setting's line replaced,
 * else the first line commented out as "# key = ..." replaced, else a line
 * added at the end. The value is quoted when it has blanks at its ends.
 * In a. */
const char *config_set(const char *text, const char *key, const char *value, struct arena *a);
/* The entry for key, or NULL. */
const struct config_entry *config_get(const struct config *c, const char *key);
#endif
