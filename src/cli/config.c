/* The configuration file (cli.h): read once at start, before any option
 * is looked up; then each EMPTYCHAIR_* variable not set in the environment
 * is looked up in it (cli_env_or), so that flags win over the environment,
 * and the environment over the file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/config.h"

static struct config file;
static struct arena file_arena;
static const char *file_path;   /* the file read, when one was */
static const char *asked_path;  /* the file looked for */

const char *const cli_default_config = "/etc/emptychair/emptychair.conf";

bool cli_config_load(const char *path, bool required)
{
	asked_path = path;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (!required && errno == ENOENT) return true;
		fprintf(stderr, "emptychair: cannot read the configuration file %s: %m\n", path);
		return false;
	}
	char *text = NULL;
	size_t len = 0, cap = 0, got;
	char chunk[4096];
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && len < (1u << 20)) {
		if (len + got > cap) {
			cap = (len + got) * 2;
			text = realloc(text, cap);
		}
		memcpy(text + len, chunk, got);
		len += got;
	}
	bool read_error = ferror(f);
	fclose(f);
	if (read_error || len >= (1u << 20)) {
		fprintf(stderr, "emptychair: the configuration file %s %s\n", path,
		        read_error ? "could not be read" : "is larger than 1 MiB");
		free(text);
		return false;
	}
	const char *known[64];
	for (size_t i = 0; i < config_setting_count; i++) known[i] = config_settings[i].key;
	char error[256];
	bool ok = config_parse(text ? text : "", len, known, config_setting_count, &file_arena, &file, error,
	                       sizeof error);
	free(text);
	if (!ok) {
		fprintf(stderr, "emptychair: %s: %s\n", path, error);
		return false;
	}
	/* yes-or-no settings as the variables have them: "1" or "0" */
	for (size_t i = 0; i < file.n; i++) {
		struct config_entry *e = &file.entries[i];
		for (size_t k = 0; k < config_setting_count; k++) {
			if (strcmp(config_settings[k].key, e->key) || !config_settings[k].yes_no) continue;
			static const char *const yes[] = { "yes", "true", "on", "1" },
			                         *const no[] = { "no", "false", "off", "0" };
			const char *v = NULL;
			for (int j = 0; j < 4 && !v; j++) {
				if (!strcmp(e->value, yes[j])) v = "1";
				if (!strcmp(e->value, no[j])) v = "0";
			}
			if (!v) {
				fprintf(stderr, "emptychair: %s: line %d: %s is yes or no\n", path, e->line,
				        e->key);
				return false;
			}
			e->value = v;
		}
	}
	struct stat st;
	if (config_get(&file, "smtp_password_file") && !stat(path, &st) && (st.st_mode & 002))
		fprintf(stderr, "emptychair: warning: anyone on this machine may change %s\n", path);
	file_path = path;
	return true;
}

const char *cli_env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	if (v && *v) return v;
	if (file_path && !strncmp(name, "EMPTYCHAIR_", 11)) {
		char key[64];
		size_t i = 0;
		for (const char *p = name + 11; *p && i + 1 < sizeof key; p++)
			key[i++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
		key[i] = 0;
		const struct config_entry *e = config_get(&file, key);
		if (e) return e->value;
	}
	return fallback;
}

const char *cli_origin(const char *value)
{
	static __thread char where[512];
	for (size_t i = 0; value && file_path && i < file.n; i++)
		if (file.entries[i].value == value) {
			snprintf(where, sizeof where, "%s: line %d: ", file_path, file.entries[i].line);
			return where;
		}
	return "";
}

const char *cli_config_path(void)
{
	return asked_path ? asked_path : cli_default_config;
}
