/* Commands that look after the database and its accounts: init, migrate,
 * user, check, outbox. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/mail.h"
#include "cli/options.h"
#include "core/account.h"
#include "core/config.h"
#include "core/text.h"

static void say_newer_schema(int version)
{
	fprintf(stderr, "emptychair: this database was made by a newer emptychair (schema %d, "
	                "this program knows %d); use that version\n",
	        version, store_schema_latest());
}

/* Opens target, saying why not on stderr. Read-only: the existing
 * database as it is; nothing is created, migrated or written. */
struct store *cli_open_target(const char *target, bool read_only)
{
	char *err = NULL;
	struct store *s = read_only ? store_open_read_only(target, &err) : store_open(target, &err);
	if (!s) {
		fprintf(stderr, "emptychair: %s\n", err ? err : "cannot open the database");
		free(err);
	}
	return s;
}

struct store *cli_open_store(const struct cli_options *o)
{
	/* var/ is made for the default path, so that a fresh checkout works. */
	if (!strncmp(o->db, "var/", 4)) mkdir("var", 0750);
	struct store *s = cli_open_target(o->db, false);
	if (!s) return NULL;
	int applied = 0;
	enum store_rc rc = store_migrate(s, &applied);
	if (rc != ST_OK) {
		if (rc == ST_CONFLICT) say_newer_schema(store_schema_version(s));
		else fprintf(stderr, "emptychair: the database could not be migrated\n");
		store_close(s);
		return NULL;
	}
	if (applied) fprintf(stderr, "emptychair: applied %d migration(s)\n", applied);
	return s;
}

bool cli_secret(struct store *s, unsigned char out[AUTH_SECRET_BYTES])
{
	struct arena a = {0};
	const char *hex = NULL;
	bool ok = store_setting_get(s, "secret_key", &a, &hex) == ST_OK && auth_secret_parse(hex, out);
	if (!ok) {
		char fresh[2 * AUTH_SECRET_BYTES + 1];
		auth_secret_new(fresh);
		ok = store_setting_set(s, "secret_key", fresh) == ST_OK && auth_secret_parse(fresh, out);
	}
	arena_free(&a);
	return ok;
}

bool cli_print_password_link(struct store *s, const struct cli_options *o, int64_t user_id)
{
	char token[AUTH_TOKEN_CHARS + 1];
	struct app_error err;
	if (!app_password_link(s, user_id, 24 * 3600, (int64_t)time(NULL), token, &err)) return false;
	printf("One-time link to set the password (works for 24 hours):\n%s/reset-password?t=%s\n",
	       o->public_url ? o->public_url : "http://127.0.0.1:8080", token);
	return true;
}

/* Makes the database (migrated), its secret and its first administrator,
 * and prints the one-time link to set a password; cmd is who says so. */
static int first_administrator(struct cli_options *o, const char *cmd, const char *email,
                               const char *name)
{
	char *e = xstrdup(email);
	text_lower(text_trim(e));
	const char *name_problem = display_name_problem(name);
	if (!email_valid(e) || name_problem) {
		if (name_problem) fprintf(stderr, "%s: %s\n", cmd, name_problem);
		else fprintf(stderr, "%s: '%s' is not an e-mail address\n", cmd, email);
		free(e);
		return 2;
	}
	struct store *s = cli_open_store(o);
	if (!s) {
		free(e);
		return 1;
	}
	unsigned char secret[AUTH_SECRET_BYTES];
	int rc = 1;
	int64_t id;
	struct arena a = {0};
	struct app_error err;
	if (store_user_count(s) > 0) fprintf(stderr, "%s: the database already has accounts; use 'user add'\n", cmd);
	else if (!cli_secret(s, secret)) fprintf(stderr, "%s: cannot create the installation secret\n", cmd);
	else if (!app_user_add(s, e, name, true, (int64_t)time(NULL), &a, &id, &err))
		fprintf(stderr, "%s: could not create the administrator: %s\n", cmd, err.message);
	else {
		printf("Created the database with administrator %s.\n", e);
		rc = cli_print_password_link(s, o, id) ? 0 : 1;
	}
	arena_free(&a);
	free(e);
	store_close(s);
	return rc;
}

int cmd_init(struct cli_options *o, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ .name = "--email", .takes_value = true },
		{ .name = "--name", .takes_value = true },
		{ 0 },
	};
	enum cli_parse_rc parsed = cli_parse("init", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	const char *email = opts[0].value, *name = opts[1].value;
	if (!email || !name) { fprintf(stderr, "init: give --email ADDRESS and --name NAME\n"); return 2; }
	return first_administrator(o, "init", email, name);
}

/* A line read from the terminal after question, trimmed, in a; NULL at
 * the end of input. */
static const char *ask(const char *question, struct arena *a)
{
	printf("%s: ", question);
	fflush(stdout);
	char line[1024];
	if (!fgets(line, sizeof line, stdin)) return NULL;
	return arena_strdup(a, text_trim(line));
}

/* Writes text to path whole, or not at all (a new file renamed over it). */
static bool write_whole(const char *path, const char *text)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.new", path);
	struct stat st;
	mode_t mode = stat(path, &st) == 0 ? st.st_mode & 0777 : 0644;
	FILE *f = fopen(tmp, "w");
	bool ok = f && fputs(text, f) >= 0;
	if (f) ok = fclose(f) == 0 && ok;
	if (ok) ok = chmod(tmp, mode) == 0 && rename(tmp, path) == 0;
	if (!ok) {
		fprintf(stderr, "setup: cannot write %s: %m\n", path);
		unlink(tmp);
	}
	return ok;
}

int cmd_setup(struct cli_options *o, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ .name = "--email", .takes_value = true },
		{ .name = "--name", .takes_value = true },
		{ .name = "--smtp", .takes_value = true },
		{ .name = "--smtp-user", .takes_value = true },
		{ .name = "--smtp-password-file", .takes_value = true },
		{ .name = "--mail-from", .takes_value = true },
		{ 0 },
	};
	enum cli_parse_rc parsed = cli_parse("setup", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	struct arena a = { 0 };
	const char *public_url = o->public_url, *email = opts[0].value, *name = opts[1].value;
	const char *smtp = opts[2].value, *from = opts[5].value;
	bool terminal = isatty(0);
	if (terminal) {
		printf("Setting up emptychair: its settings go to %s.\n", cli_config_path());
		if (!public_url) public_url = ask("The address people will use (https://...)", &a);
		if (!email) email = ask("The first steward's e-mail address", &a);
		if (!name) name = ask("Their name", &a);
		if (!smtp) {
			smtp = ask("The mail relay (smtp://host:587 or smtps://host:465; empty: none yet)",
			           &a);
			if (smtp && !*smtp) smtp = NULL;
		}
		if (smtp && !from) from = ask("Who mail comes from (Name <address>)", &a);
	}
	if (!public_url || !*public_url || !email || !*email || !name || !*name) {
		fprintf(stderr, "setup: give --public-url URL, --email ADDRESS and --name NAME (or run "
		                "it on a terminal, which asks)\n");
		arena_free(&a);
		return 2;
	}
	if (strncmp(public_url, "https://", 8) && strncmp(public_url, "http://", 7)) {
		fprintf(stderr, "setup: the public address starts with https:// (or http://)\n");
		arena_free(&a);
		return 2;
	}
	const char *why;
	if (smtp && !smtp_url_ok(smtp, &why)) {
		fprintf(stderr, "setup: --smtp: %s\n", why);
		arena_free(&a);
		return 2;
	}
	if (smtp && (!from || !*from)) {
		fprintf(stderr, "setup: with a mail relay, give --mail-from \"Name <address>\"\n");
		arena_free(&a);
		return 2;
	}
	/* once only: nothing is written when there is someone already */
	struct store *existing = cli_open_store(o);
	if (!existing) {
		arena_free(&a);
		return 1;
	}
	int64_t accounts = store_user_count(existing);
	store_close(existing);
	if (accounts > 0) {
		fprintf(stderr, "setup: the database already has accounts; use 'user add'\n");
		arena_free(&a);
		return 1;
	}
	/* the settings into the configuration file, where they are shown */
	const char *path = cli_config_path();
	size_t len = 0;
	char *text = NULL;
	FILE *f = fopen(path, "r");
	if (f) {
		FILE *mem = open_memstream(&text, &len);
		char chunk[4096];
		size_t got;
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, got, mem);
		fclose(f);
		fclose(mem);
	}
	const char *conf = text ? arena_strdup(&a, text) : "";
	free(text);
	while (*public_url && public_url[strlen(public_url) - 1] == '/')
		public_url = arena_printf(&a, "%.*s", (int)strlen(public_url) - 1, public_url);
	conf = config_set(conf, "public_url", public_url, &a);
	if (smtp) {
		conf = config_set(conf, "smtp", smtp, &a);
		conf = config_set(conf, "mail_from", from, &a);
		if (opts[3].value) conf = config_set(conf, "smtp_user", opts[3].value, &a);
		if (opts[4].value) conf = config_set(conf, "smtp_password_file", opts[4].value, &a);
	}
	if (!write_whole(path, conf)) {
		arena_free(&a);
		return 1;
	}
	printf("Wrote the settings to %s.\n", path);
	o->public_url = public_url;
	int rc = first_administrator(o, "setup", email, name);
	if (rc == 0)
		printf("Next: start the service (systemctl enable --now emptychair), and put it "
		       "behind a web server with TLS (an nginx site: "
		       "/usr/share/doc/emptychair/examples/nginx-emptychair.conf).\n");
	arena_free(&a);
	return rc;
}

int cmd_user(struct cli_options *o, int argc, char **argv)
{
	static const char subs[] = "user: add | disable | enable | reset | list";
	if (argc < 1 || !strncmp(argv[0], "--", 2)) {
		if (argc >= 1 && !strcmp(argv[0], "--help")) {
			fputs(cli_usage, stdout);
			return 0;
		}
		fprintf(stderr, "%s\n", subs);
		return 2;
	}
	const char *sub = argv[0];
	bool is_add = !strcmp(sub, "add");
	bool needs_email = is_add || !strcmp(sub, "disable") || !strcmp(sub, "enable") ||
	                   !strcmp(sub, "reset");
	if (!needs_email && strcmp(sub, "list")) {
		fprintf(stderr, "user: unknown subcommand %s\n%s\n", sub, subs);
		return 2;
	}
	/* Each subcommand takes only its own options. */
	struct cli_opt opts[] = {
		{ .name = "--email", .takes_value = true },
		{ .name = "--name", .takes_value = true },
		{ .name = "--admin" },
		{ 0 },
	};
	/* add takes all three; disable, enable and reset only --email; list none. */
	opts[is_add ? 3 : needs_email ? 1 : 0] = (struct cli_opt){ 0 };
	char cmd[32];
	snprintf(cmd, sizeof cmd, "user %s", sub);
	enum cli_parse_rc parsed = cli_parse(cmd, argc - 1, argv + 1, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	/* Everything given is checked before the database is opened. */
	struct arena a = {0};
	char *email = opts[0].value ? arena_strdup(&a, opts[0].value) : NULL;
	if (email) text_lower(text_trim(email));
	const char *name = opts[1].value;
	const char *name_problem = is_add && name ? display_name_problem(name) : NULL;
	const char *wrong = NULL;
	if (needs_email && !email) wrong = "give --email ADDRESS";
	else if (needs_email && !email_valid(email)) wrong = "--email is not an e-mail address";
	else if (is_add && !name) wrong = "give --name NAME";
	else if (name_problem) wrong = name_problem;
	if (wrong) {
		fprintf(stderr, "%s: %s\n", cmd, wrong);
		arena_free(&a);
		return 2;
	}
	struct store *s = cli_open_store(o);
	if (!s) {
		arena_free(&a);
		return 1;
	}
	int rc = 1;
	int64_t now = (int64_t)time(NULL);
	struct user u;
	if (!strcmp(sub, "list")) {
		struct user *list;
		size_t n;
		if (store_users_list(s, &a, &list, &n) == ST_OK) {
			for (size_t i = 0; i < n; i++)
				printf("%lld\t%s\t%s\t%s%s\n", (long long)list[i].id, list[i].email,
				       user_status_key(list[i].status), list[i].display_name,
				       list[i].is_admin ? "\t(admin)" : "");
			rc = 0;
		}
	} else if (is_add) {
		int64_t id;
		struct app_error err;
		if (!app_user_add(s, email, name, opts[2].given, now, &a, &id, &err))
			fprintf(stderr, "user add: %s: %s\n", email, err.message);
		else rc = cli_print_password_link(s, o, id) ? 0 : 1;
	} else if (store_user_by_email(s, email, &a, &u) != ST_OK) {
		fprintf(stderr, "user %s: no account for %s\n", sub, email);
	} else if (!strcmp(sub, "disable") || !strcmp(sub, "enable")) {
		bool off = !strcmp(sub, "disable");
		struct app_error err;
		if (app_user_set_active(s, u.id, !off, now, &err)) {
			printf("%s is now %s.\n", email,
			       off ? "disabled and signed out" : "enabled");
			rc = 0;
		} else {
			fprintf(stderr, "user %s: %s\n", sub, err.message);
		}
	} else if (!strcmp(sub, "reset")) {
		rc = cli_print_password_link(s, o, u.id) ? 0 : 1;
	}
	arena_free(&a);
	store_close(s);
	return rc;
}

/* Checks the database as it is, without migrating or writing it: a
 * restored backup is reported as found, schema version included. */
int cmd_check(struct cli_options *o, int argc, char **argv)
{
	enum cli_parse_rc parsed = cli_parse("check", argc, argv, NULL, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	struct store *s = cli_open_target(o->db, true);
	if (!s) return 1;
	char *report = NULL;
	enum store_rc rc = store_check(s, &report);
	int version = store_schema_version(s), latest = store_schema_latest();
	store_close(s);
	if (version <= 0)
		printf("schema version: none; this is not an emptychair database yet "
		       "('emptychair migrate' sets one up)\n");
	else
		printf("schema version %d of %d\n", version, latest);
	printf("%s\n", report ? report : "the check did not run");
	free(report);
	if (version > latest) say_newer_schema(version);
	else if (version > 0 && version < latest)
		fprintf(stderr, "emptychair: the schema is behind this program's; "
		                "'emptychair migrate' brings it up to date\n");
	return rc == ST_OK && version == latest ? 0 : 1;
}

/* One delivery pass now, with the mail options (cli/mail.h). */
static int outbox_deliver(struct cli_options *o, int argc, char **argv)
{
	struct cli_opt opts[CLI_MAIL_OPTIONS + 1] = { 0 };
	memcpy(opts, cli_mail_opts, sizeof cli_mail_opts);
	enum cli_parse_rc parsed = cli_parse("outbox deliver", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	struct delivery_config cfg;
	int interval;
	if (!cli_mail_config("outbox deliver", opts, o, &cfg, &interval)) return 2;
	if (!cfg.relay.url) {
		fprintf(stderr, "outbox deliver: give the relay with --smtp (or EMPTYCHAIR_SMTP)\n");
		return 2;
	}
	struct store *s = cli_open_store(o);
	if (!s) return 1;
	char holder[128];
	cli_mail_holder(holder, sizeof holder);
	struct delivery_counts n;
	int digests, notices;
	const char *why;
	bool ok = cli_mail_pass(s, &cfg, holder, &digests, &notices, &n, &why);
	store_close(s);
	printf("%d digests and %d messages of notices made; %d sent, %d to try again, %d refused, "
	       "%d given up, %d taken by another server\n", digests, notices, n.sent, n.retried,
	       n.refused, n.given_up, n.lost);
	if (!ok) fprintf(stderr, "outbox deliver: %s\n", why);
	return ok ? 0 : 1;
}

/* What became of m, in a few words. */
static void print_state(const struct outbox_message *m)
{
	if (m->sent_at && m->attempts > 1) printf("sent after %lld attempts", (long long)m->attempts);
	else if (m->sent_at) printf("sent");
	else if (m->failed_at) printf("NOT DELIVERED: %s", m->last_error);
	else if (m->attempts)
		printf("waiting, %lld attempt%s so far (last: %s)", (long long)m->attempts,
		       m->attempts == 1 ? "" : "s", m->last_error);
	else printf("waiting");
}

int cmd_outbox(struct cli_options *o, int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "deliver")) return outbox_deliver(o, argc - 1, argv + 1);
	struct cli_opt opts[] = { { .name = "--limit", .takes_value = true }, { 0 } };
	enum cli_parse_rc parsed = cli_parse("outbox", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	int64_t limit = 10;
	const char *l = opts[0].value;
	if (l && !parse_i64(l, 1, 10000, &limit)) { fprintf(stderr, "outbox: --limit takes 1 to 10000\n"); return 2; }
	struct store *s = cli_open_store(o);
	if (!s) return 1;
	struct arena a = {0};
	struct outbox_message *m;
	size_t n;
	int rc = 1;
	if (store_outbox_recent(s, (int)limit, &a, &m, &n) == ST_OK) {
		for (size_t i = 0; i < n; i++) {
			app_outbox_text(&m[i], &a); /* in its reader's language */
			printf("--- #%lld %s to %s: ", (long long)m[i].id, m[i].kind, m[i].to_email);
			print_state(&m[i]);
			printf("\nSubject: %s\n\n%s\n", m[i].subject, m[i].body);
		}
		if (!n) printf("The outbox is empty.\n");
		rc = 0;
	}
	arena_free(&a);
	store_close(s);
	return rc;
}

int cmd_migrate(struct cli_options *o, int argc, char **argv)
{
	struct cli_opt opts[] = { { .name = "--backup-dir", .takes_value = true }, { 0 } };
	enum cli_parse_rc parsed = cli_parse("migrate", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	const char *dir = opts[0].value;
	if (dir && store_target_is_postgresql(o->db)) {
		/* PostgreSQL migrates in a transaction (a failed one leaves the
		 * schema as it was); its backups are its own tools' */
		printf("PostgreSQL: emptychair does not back it up before migrating; keep pg_dump or "
		       "base backups (docs/operations.md).\n");
		dir = NULL;
	}
	if (dir) {
		/* a backup first, when there is a schema to move on: never for a
		 * new database, nor one already up to date, nor a newer one (which
		 * is refused below) */
		struct store *before = access(o->db, F_OK) == 0 ? cli_open_target(o->db, true) : NULL;
		int version = before ? store_schema_version(before) : 0;
		if (before) store_close(before);
		if (version > 0 && version < store_schema_latest()) {
			printf("Backing up before migrating from schema %d to %d.\n", version,
			       store_schema_latest());
			if (cli_backup_into(o, dir, 0)) {
				fprintf(stderr, "migrate: the backup failed, so nothing was migrated\n");
				return 1;
			}
		}
	}
	struct store *s = cli_open_store(o);
	if (!s) return 1;
	printf("schema version %d\n", store_schema_version(s));
	store_close(s);
	return 0;
}
