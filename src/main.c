/* emptychair: the command line. See `emptychair --help` and README.md;
 * each command lives in src/cli/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/options.h"
#include "core/lang.h"

#ifndef EC_VERSION
#define EC_VERSION "0.0.0"
#endif

/* The commands, by name. */
static const struct {
	const char *name;
	int (*run)(struct cli_options *o, int argc, char **argv);
} commands[] = {
	{ "serve", cmd_serve }, { "init", cmd_init }, { "setup", cmd_setup }, { "migrate", cmd_migrate },
	{ "demo", cmd_demo }, { "user", cmd_user }, { "backup", cmd_backup },
	{ "copy", cmd_copy }, { "check", cmd_check }, { "outbox", cmd_outbox },
	{ "select", cmd_select },
};

int main(int argc, char **argv)
{
	/* The configuration file first: every option below may come from it.
	 * --config FILE (before the command) or EMPTYCHAIR_CONFIG names one
	 * that must be there; else /etc/emptychair/emptychair.conf, if it is. */
	const char *config = getenv("EMPTYCHAIR_CONFIG");
	for (int k = 1; k + 1 < argc && argv[k][0] == '-'; k++) {
		if (!strcmp(argv[k], "--config")) config = argv[k + 1];
		if (!strcmp(argv[k], "--config") || !strcmp(argv[k], "--db") ||
		    !strcmp(argv[k], "--public-url"))
			k++; /* its value */
	}
	if (!cli_config_load(config && *config ? config : cli_default_config, config && *config))
		return 2;
	struct cli_options o = {
		.db = cli_env_or("EMPTYCHAIR_DB", "var/emptychair.db"),
		.public_url = cli_env_or("EMPTYCHAIR_PUBLIC_URL", NULL),
	};
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(cli_usage, stdout); return 0; }
		if (!strcmp(argv[i], "--version")) { printf("emptychair %s\n", EC_VERSION); return 0; }
		if (!strcmp(argv[i], "--config") && i + 1 < argc) i++; /* read above */
		else if (!strcmp(argv[i], "--db") && i + 1 < argc) o.db = argv[++i];
		else if (!strcmp(argv[i], "--public-url") && i + 1 < argc) o.public_url = argv[++i];
		else { fprintf(stderr, "emptychair: unknown option %s\n%s", argv[i], cli_usage); return 2; }
	}
	if (i >= argc) { fputs(cli_usage, stderr); return 2; }
	const char *cmd = argv[i];
	size_t c = 0;
	while (c < sizeof commands / sizeof commands[0] && strcmp(commands[c].name, cmd)) c++;
	if (c == sizeof commands / sizeof commands[0]) {
		fprintf(stderr, "emptychair: unknown command '%s'\n%s", cmd, cli_usage);
		return 2;
	}
	/* Everything this program creates (the database and its WAL, backups,
	 * copies, uploaded files, the sealing key) is for this user alone. */
	umask(077);
	/* Everything is stored in UTC; pages convert to a panel's zone through
	 * core/civil_time.c, which owns TZ after this (and says why). */
	setenv("TZ", "UTC", 1);
	/* A request's language is its own (core/lang.c): LANGUAGE would
	 * override every request's with the server's. */
	unsetenv("LANGUAGE");
	tzset();
	/* Messages (mail) are written in their reader's language by every
	 * command; serve binds the catalogues itself, from --locale-dir. */
	if (strcmp(cmd, "serve")) lang_start(cli_env_or("EMPTYCHAIR_LOCALE_DIR", NULL));
	const char *cost = cli_env_or("EMPTYCHAIR_PWHASH", "standard");
	enum auth_pwhash_cost pwcost = AUTH_PWHASH_STANDARD;
	if (!strcmp(cost, "minimum")) pwcost = AUTH_PWHASH_MINIMUM;
	else if (!strcmp(cost, "interactive")) pwcost = AUTH_PWHASH_INTERACTIVE;
	else if (strcmp(cost, "standard")) {
		fprintf(stderr, "emptychair: EMPTYCHAIR_PWHASH is standard, interactive or minimum\n");
		return 2;
	}
	if (!auth_init(pwcost)) {
		fprintf(stderr, "emptychair: cannot initialise libsodium\n");
		return 1;
	}
	return commands[c].run(&o, argc - i - 1, argv + i + 1);
}
