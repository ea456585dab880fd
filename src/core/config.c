/* The configuration file's lines (config.h). */
#include "core/config.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

const struct config_setting config_settings[] = {
	{ "db", false }, { "public_url", false },
	/* serve */
	{ "listen", false }, { "port", false }, { "threads", false }, { "body_limit", false },
	{ "upload_limit", false }, { "files", false }, { "seal_key", false },
	{ "read_cache_ms", false }, { "body_memory", false }, { "connections_per_address", false },
	{ "secure_cookies", true }, { "trust_proxy", true }, { "idle_seconds", false },
	{ "locale_dir", false }, { "figures_every", false }, { "feed_timeout", false },
	{ "metrics_token_file", false },
	/* mail (serve and outbox) */
	{ "smtp", false }, { "smtp_user", false }, { "smtp_password_file", false },
	{ "smtp_ca", false }, { "mail_from", false }, { "mail_interval", false },
	{ "mail_retry", false }, { "mail_lease", false }, { "mail_digest", false },
};
const size_t config_setting_count = sizeof config_settings / sizeof config_settings[0];

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool config_parse(const char *text, size_t len, const char *const *known, size_t n_known,
                  struct arena *a, struct config *out, char *error, size_t error_size)
{
	*out = (struct config){ 0 };
	if (memchr(text, 0, len) || !utf8_valid(text, len)) {
		snprintf(error, error_size, "it is not text (UTF-8)");
		return false;
	}
	size_t lines = 1;
	for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
	out->entries = arena_alloc(a, lines * sizeof *out->entries);
	int line = 0;
	for (size_t at = 0; at < len;) {
		line++;
		const char *p = text + at;
		const char *nl = memchr(p, '\n', len - at);
		size_t n = nl ? (size_t)(nl - p) : len - at;
		at += n + (nl ? 1 : 0);
		if (n && p[n - 1] == '\r') n--; /* a file written on Windows */
		const char *end = p + n;
		while (p < end && blank(*p)) p++;
		if (p == end || *p == '#') continue;
		const char *key = p;
		while (p < end && key_char(*p)) p++;
		size_t key_len = (size_t)(p - key);
		while (p < end && blank(*p)) p++;
		if (!key_len || p == end || *p != '=') {
			snprintf(error, error_size, "line %d: not a setting (write it as: name = value)",
			         line);
			return false;
		}
		p++;
		while (p < end && blank(*p)) p++;
		while (end > p && blank(end[-1])) end--;
		if (end - p >= 2 && *p == '"' && end[-1] == '"') {
			p++;
			end--;
			if (memchr(p, '"', (size_t)(end - p))) {
				snprintf(error, error_size, "line %d: a quoted value holds a quote", line);
				return false;
			}
		} else if (p == end) {
			snprintf(error, error_size, "line %d: %.*s has no value", line, (int)key_len, key);
			return false;
		}
		for (const char *c = p; c < end; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f) {
				snprintf(error, error_size, "line %d: the value of %.*s holds a control character",
				         line, (int)key_len, key);
				return false;
			}
		const char *name = NULL;
		for (size_t k = 0; k < n_known && !name; k++)
			if (strlen(known[k]) == key_len && !memcmp(known[k], key, key_len)) name = known[k];
		if (!name) {
			snprintf(error, error_size, "line %d: there is no setting called %.*s", line,
			         (int)key_len, key);
			return false;
		}
		const struct config_entry *first = config_get(out, name);
		if (first) {
			snprintf(error, error_size, "line %d: %s is set already, on line %d", line, name,
			         first->line);
			return false;
		}
		char *value = arena_alloc(a, (size_t)(end - p) + 1);
		memcpy(value, p, (size_t)(end - p));
		value[end - p] = 0;
		out->entries[out->n++] = (struct config_entry){ name, value, line };
	}
	return true;
}

const struct config_entry *config_get(const struct config *c, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->entries[i].key, key)) return &c->entries[i];
	return NULL;
}

/* Whether line[0..n) sets key ("key =", commented out with "# " when
 * commented is true). */
static bool sets(const char *line, size_t n, const char *key, bool commented)
{
	size_t i = 0, k = strlen(key);
	while (i < n && blank(line[i])) i++;
	if (commented) {
		if (i >= n || line[i] != '#') return false;
		i++;
		while (i < n && blank(line[i])) i++;
	}
	if (n - i < k || memcmp(line + i, key, k)) return false;
	i += k;
	while (i < n && blank(line[i])) i++;
	return i < n && line[i] == '=';
}

const char *config_set(const char *text, const char *key, const char *value, struct arena *a)
{
	size_t vn = strlen(value);
	bool quote = vn && (blank(value[0]) || blank(value[vn - 1]));
	const char *line = arena_printf(a, "%s = %s%s%s", key, quote ? "\"" : "", value,
	                                quote ? "\"" : "");
	/* the setting's line, else its commented-out line */
	for (int pass = 0; pass < 2; pass++) {
		for (const char *p = text; *p;) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			if (sets(p, n, key, pass == 1))
				return arena_printf(a, "%.*s%s%s", (int)(p - text), text, line, p + n);
			p += n + (nl ? 1 : 0);
		}
	}
	size_t tn = strlen(text);
	return arena_printf(a, "%s%s%s\n", text, tn && text[tn - 1] != '\n' ? "\n" : "", line);
}
