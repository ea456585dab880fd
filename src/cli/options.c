/* Declared command-line options (options.h). */
#include "cli/options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EC_VERSION
#define EC_VERSION "0.0.0"
#endif

const char cli_usage[] =
	"emptychair " EC_VERSION " - lived-experience engagement and co-production\n"
	"\n"
	"usage: emptychair [--db DATABASE] COMMAND [options]\n"
	"\n"
	"commands:\n"
	"  serve    run the web server\n"
	"           --listen ADDR (127.0.0.1)  --port N (8080, 0 = any free port)\n"
	"           --threads N (4)  --public-url URL  --secure-cookies  --quiet\n"
	"           --trust-proxy (client address from X-Real-IP; only behind a proxy)\n"
	"           --body-limit BYTES (1048576)\n"
	"           --body-memory BYTES (134217728: request bodies held at once; one\n"
	"             client address may hold a quarter)\n"
	"           --connections-per-address N (64; 0 = no limit; off with --trust-proxy)\n"
	"           --locale-dir DIR (the translations; default: the build's or the\n"
	"             package's)\n"
	"           --idle-seconds N (15: a connection silent this long while its\n"
	"             headers arrive, or between requests, is closed)\n"
	"           --figures-every DAYS (7: how often a panel's figures about groups\n"
	"             are published again, at most; 0 = whenever it is safe)\n"
	"           --upload-limit BYTES (20971520: the largest paper accepted)\n"
	"           --feed-timeout SECONDS (10: the longest a fetch of another\n"
	"             site's feed of case studies may take)\n"
	"           --metrics-token-file FILE (a token of 16 or more characters:\n"
	"             /metrics answers only to \"Authorization: Bearer TOKEN\")\n"
	"           --files DIR (uploaded papers; default: a files directory beside\n"
	"           a SQLite database, var/files for PostgreSQL)\n"
	"           --seal-key FILE (the key that seals bank details and safeguarding\n"
	"           records, made when missing; default: seal.key beside a SQLite\n"
	"           database, var/seal.key)\n"
	"           --read-cache-ms N (how long a page's query results may be reused\n"
	"           while nothing changes them; this server's own changes are seen at\n"
	"           once, and on PostgreSQL other servers' as soon as their notice\n"
	"           arrives; other processes' within N ms; 0 = off; default 1000)\n"
	"           and the mail options below: with --smtp, serve delivers the outbox\n"
	"  setup    after installing: the public address, the first steward and\n"
	"           the mail relay into the configuration file, then as init;\n"
	"           asks on a terminal for what is not given (--public-url, --email,\n"
	"           --name, --smtp, --smtp-user, --smtp-password-file, --mail-from)\n"
	"  init     make a new database and its first administrator\n"
	"           --email ADDRESS --name NAME; prints a one-time link to set a password\n"
	"  migrate  bring the database's schema up to date [--backup-dir DIR: a\n"
	"           backup into DIR first, when there is anything to migrate]\n"
	"  demo     fill a new database with demonstration data [--members N]\n"
	"  user     add --email E --name N [--admin] | disable --email E |\n"
	"           enable --email E | reset --email E | list\n"
	"  backup   --to PATH: write a consistent copy to a new SQLite file while\n"
	"           the server runs (from PostgreSQL too); or --dir DIR [--keep N]:\n"
	"           to DIR/emptychair-YYYYMMDD-HHMMSS.db, keeping the newest N\n"
	"  copy     --from DATABASE --to DATABASE: copy a whole installation into a\n"
	"           new, empty database (SQLite to PostgreSQL or back), then\n"
	"           compare every table's row count and checksum\n"
	"  check    check the database's integrity and schema version, read-only\n"
	"  outbox   show the newest messages and what became of them [--limit N]\n"
	"  outbox deliver\n"
	"           send what is due now, once, with the mail options below\n"
	"  select   a fair draw from files, without a database (docs/selection.md):\n"
	"           --features FILE (feature,value,min,max[,min_flex,max_flex], or\n"
	"             category,name,min,max, or category,feature,min,max)\n"
	"           --people FILE (a column per feature) --places K\n"
	"           --id-column NAME (default: id, nationbuilder_id, else row number)\n"
	"           --seed N (tie-breaks and, without --number, the draw; default random)\n"
	"           --number N (0-999: the number people checked, e.g. from dice)\n"
	"           --out FILE (each person's chance and whether chosen; default stdout)\n"
	"           --selected FILE (the chosen people's rows)  --lottery FILE (all\n"
	"             1000 panels)  --seconds N (600: give up after)\n"
	"\n"
	"mail options (serve, outbox deliver):\n"
	"  --smtp URL       the relay: smtps://HOST:465 (TLS) or smtp://HOST:587\n"
	"                   (STARTTLS required); none: mail waits in the outbox\n"
	"  --smtp-user NAME, --smtp-password-file FILE (or EMPTYCHAIR_SMTP_PASSWORD)\n"
	"  --smtp-ca FILE   certificate authorities to trust for the relay (default:\n"
	"                   the system's)\n"
	"  --mail-from \"Name <address>\"  who messages are from (needed with --smtp)\n"
	"  --mail-interval N (10: seconds between serve's delivery passes)\n"
	"  --mail-retry N (60: seconds before the first retry; doubling, at most 6 h;\n"
	"                   a message still failing after 3 days is given up)\n"
	"  --mail-lease N (300: seconds a server holds messages it is sending)\n"
	"  --mail-digest N (86400: at most one digest of notices a person each N s)\n"
	"\n"
	"global options:\n"
	"  --config FILE    settings for the options below, one \"name = value\" a line\n"
	"                   (default: /etc/emptychair/emptychair.conf, when it is there;\n"
	"                   EMPTYCHAIR_CONFIG too); flags and the environment win\n"
	"  --db DATABASE    a SQLite file (var/emptychair.db), or a PostgreSQL URI:\n"
	"                   postgresql://USER[:PASSWORD]@HOST[:PORT]/NAME\n"
	"  --public-url URL the address people use, for links (default: where serve\n"
	"                   listens, e.g. http://127.0.0.1:8080)\n"
	"  --help, --version\n"
	"\n"
	"environment (flags win): EMPTYCHAIR_DB, EMPTYCHAIR_LISTEN, EMPTYCHAIR_PORT,\n"
	"EMPTYCHAIR_THREADS, EMPTYCHAIR_PUBLIC_URL, EMPTYCHAIR_SECURE_COOKIES=1,\n"
	"EMPTYCHAIR_TRUST_PROXY=1,\n"
	"EMPTYCHAIR_BODY_LIMIT, EMPTYCHAIR_UPLOAD_LIMIT, EMPTYCHAIR_FILES,\n"
	"EMPTYCHAIR_READ_CACHE_MS, EMPTYCHAIR_IDLE_SECONDS, EMPTYCHAIR_SMTP,\n"
	"EMPTYCHAIR_SMTP_USER, EMPTYCHAIR_SMTP_PASSWORD, EMPTYCHAIR_SMTP_PASSWORD_FILE,\n"
	"EMPTYCHAIR_SMTP_CA, EMPTYCHAIR_MAIL_FROM, EMPTYCHAIR_MAIL_INTERVAL,\n"
	"EMPTYCHAIR_MAIL_RETRY, EMPTYCHAIR_MAIL_LEASE, EMPTYCHAIR_MAIL_DIGEST,\n"
	"EMPTYCHAIR_PWHASH=standard|interactive|minimum\n"
	"(argon2id at 19 MiB, 64 MiB, or the minimum, which is for tests only)\n";

/* The option in opts called name (name_len bytes); NULL if none. */
static struct cli_opt *find(struct cli_opt *opts, const char *name, size_t name_len)
{
	for (struct cli_opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == name_len && !strncmp(o->name, name, name_len)) return o;
	return NULL;
}

enum cli_parse_rc cli_parse(const char *cmd, int argc, char **argv, struct cli_opt *opts,
                            struct cli_options *globals, const char **positional,
                            int max_positional, int *n_positional)
{
	struct cli_opt global[] = {
		{ "--db", true, NULL, false },
		{ "--public-url", true, NULL, false },
		{ "--help", false, NULL, false },
		{ NULL, false, NULL, false },
	};
	int n = 0;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (strncmp(arg, "--", 2) || !arg[2]) {
			if (n >= max_positional) {
				fprintf(stderr, "%s: unexpected argument '%s' (see emptychair --help)\n", cmd, arg);
				return CLI_REFUSED;
			}
			positional[n++] = arg;
			continue;
		}
		const char *eq = strchr(arg, '=');
		size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
		struct cli_opt *o = find(opts, arg, len);
		if (!o) o = find(global, arg, len);
		if (!o) {
			fprintf(stderr, "%s: unknown option '%.*s' (see emptychair --help)\n", cmd, (int)len, arg);
			return CLI_REFUSED;
		}
		if (o->given) {
			fprintf(stderr, "%s: %s is given twice\n", cmd, o->name);
			return CLI_REFUSED;
		}
		o->given = true;
		if (!o->takes_value) {
			if (eq) {
				fprintf(stderr, "%s: %s takes no value\n", cmd, o->name);
				return CLI_REFUSED;
			}
			continue;
		}
		if (eq) o->value = eq + 1;
		else if (i + 1 < argc) o->value = argv[++i];
		else {
			fprintf(stderr, "%s: %s needs a value\n", cmd, o->name);
			return CLI_REFUSED;
		}
	}
	if (n_positional) *n_positional = n;
	if (global[2].given) {
		fputs(cli_usage, stdout);
		return CLI_HELP;
	}
	if (global[0].given) globals->db = global[0].value;
	if (global[1].given) globals->public_url = global[1].value;
	return CLI_PARSED;
}

