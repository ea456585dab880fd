/* emptychair: the command line. See `emptychair --help` and README.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "auth/auth.h"
#include "store/files.h"
#include "cli/cli.h"
#include "core/text.h"
#include "web/server.h"

#ifndef EC_VERSION
#define EC_VERSION "0.0.0"
#endif

static const char usage[] =
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
	"           --upload-limit BYTES (20971520: the largest paper accepted)\n"
	"           --files DIR (uploaded papers; default: a files directory beside\n"
	"           a SQLite database, var/files for PostgreSQL)\n"
	"           --seal-key FILE (the key that seals bank details, made when\n"
	"           missing; default: seal.key beside a SQLite database, var/seal.key)\n"
	"           --read-cache-ms N (how long a page's query results may be reused\n"
	"           while nothing changes them; this server's own changes are seen at\n"
	"           once, other processes' within N ms; 0 = off; default 1000 on\n"
	"           SQLite, 0 on PostgreSQL, which several servers may share)\n"
	"  init     make a new database and its first administrator\n"
	"           --email ADDRESS --name NAME; prints a one-time link to set a password\n"
	"  migrate  bring the database's schema up to date\n"
	"  demo     fill a new database with demonstration data [--members N]\n"
	"  user     add --email E --name N [--admin] | disable --email E |\n"
	"           enable --email E | reset --email E | list\n"
	"  backup   --to PATH: write a consistent copy to a new SQLite file while\n"
	"           the server runs (from PostgreSQL too)\n"
	"  copy     --from DATABASE --to DATABASE: copy a whole installation into a\n"
	"           new, empty database (SQLite to PostgreSQL or back), then\n"
	"           compare every table's row count and checksum\n"
	"  check    check the database's integrity and schema version, read-only\n"
	"  outbox   show the newest messages waiting to be sent [--limit N]\n"
	"\n"
	"global options:\n"
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
	"EMPTYCHAIR_READ_CACHE_MS,\n"
	"EMPTYCHAIR_PWHASH=standard|interactive|minimum\n"
	"(argon2id at 19 MiB, 64 MiB, or the minimum, which is for tests only)\n";

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

/* Finds "--name VALUE" in argv; NULL if absent. */
static const char *opt(int argc, char **argv, const char *name)
{
	for (int i = 0; i + 1 < argc; i++)
		if (!strcmp(argv[i], name)) return argv[i + 1];
	return NULL;
}

static bool flag(int argc, char **argv, const char *name)
{
	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], name)) return true;
	return false;
}

static void say_newer_schema(int version)
{
	fprintf(stderr, "emptychair: this database was made by a newer emptychair (schema %d, "
	                "this program knows %d); use that version\n",
	        version, store_schema_latest());
}

/* Opens target, saying why not on stderr. Read-only: the existing
 * database as it is; nothing is created, migrated or written. */
static struct store *open_target(const char *target, bool read_only)
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
	struct store *s = open_target(o->db, false);
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
	char token[AUTH_TOKEN_CHARS + 1], hash[AUTH_HASH_HEX + 1];
	auth_token_new(token);
	auth_token_hash(token, hash);
	int64_t now = (int64_t)time(NULL);
	if (store_reset_create(s, hash, user_id, now, now + 24 * 3600) != ST_OK) return false;
	printf("One-time link to set the password (works for 24 hours):\n%s/reset-password?t=%s\n",
	       o->public_url ? o->public_url : "http://127.0.0.1:8080", token);
	return true;
}

/* name beside a SQLite file ("var/emptychair.db" and "files" give
 * "var/files"), or in var/ for a PostgreSQL URI. Returns static storage
 * (one per slot: called once for each default at start). */
static const char *default_beside(const char *db, const char *name, int slot)
{
	static char paths[2][4096];
	if (!strncmp(db, "postgres", 8)) {
		snprintf(paths[slot], sizeof paths[slot], "var/%s", name);
		return paths[slot];
	}
	const char *slash = strrchr(db, '/');
	if (!slash) return name;
	snprintf(paths[slot], sizeof paths[slot], "%.*s/%s", (int)(slash - db), db, name);
	return paths[slot];
}

/* Warns when path exists and others than its owner may read or write it. */
static void warn_if_shared(const char *path)
{
	struct stat st;
	if (stat(path, &st) || !(st.st_mode & 077)) return;
	fprintf(stderr, "emptychair: warning: %s can be read by others (mode %03o); it holds people's "
	                "data: chmod %s %s\n", path, (unsigned)(st.st_mode & 0777),
	        S_ISDIR(st.st_mode) ? "700" : "600", path);
}

static int cmd_serve(const struct cli_options *o, int argc, char **argv)
{
	static struct server_config cfg;
	cfg.listen_host = opt(argc, argv, "--listen") ?: env_or("EMPTYCHAIR_LISTEN", "127.0.0.1");
	const char *port = opt(argc, argv, "--port") ?: env_or("EMPTYCHAIR_PORT", "8080");
	const char *threads = opt(argc, argv, "--threads") ?: env_or("EMPTYCHAIR_THREADS", "4");
	const char *limit = opt(argc, argv, "--body-limit") ?: env_or("EMPTYCHAIR_BODY_LIMIT", "1048576");
	int64_t v;
	if (!parse_i64(port, 0, 65535, &v)) { fprintf(stderr, "serve: --port takes 0 to 65535\n"); return 2; }
	cfg.port = (int)v;
	if (!parse_i64(threads, 1, 256, &v)) { fprintf(stderr, "serve: --threads takes 1 to 256\n"); return 2; }
	cfg.threads = (int)v;
	if (!parse_i64(limit, 1024, 1 << 30, &v)) { fprintf(stderr, "serve: --body-limit takes 1024 to 1073741824\n"); return 2; }
	cfg.body_limit = (size_t)v;
	const char *upload = opt(argc, argv, "--upload-limit") ?:
	                     env_or("EMPTYCHAIR_UPLOAD_LIMIT", "20971520");
	if (!parse_i64(upload, 1024, 1 << 30, &v)) { fprintf(stderr, "serve: --upload-limit takes 1024 to 1073741824\n"); return 2; }
	cfg.upload_limit = (size_t)v;
	cfg.files_dir = opt(argc, argv, "--files") ?: env_or("EMPTYCHAIR_FILES", NULL);
	if (!cfg.files_dir) cfg.files_dir = default_beside(o->db, "files", 0);
	/* The key that seals bank details: a file of its own, never in the
	 * database; made when missing. */
	const char *seal = opt(argc, argv, "--seal-key") ?: env_or("EMPTYCHAIR_SEAL_KEY", NULL);
	if (!seal) seal = default_beside(o->db, "seal.key", 1);
	char seal_err[512];
	const char *slash = strrchr(seal, '/');
	if (slash && slash != seal) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - seal), seal);
		if (!files_prepare(dir)) return 1; /* it says why */
	}
	cfg.seal_key_loaded = auth_seal_key_load(seal, true, &cfg.seal_key, seal_err, sizeof seal_err);
	if (!cfg.seal_key_loaded) {
		fprintf(stderr, "serve: %s\n", seal_err);
		return 1;
	}
	const char *cache_ms = opt(argc, argv, "--read-cache-ms") ?:
	                       env_or("EMPTYCHAIR_READ_CACHE_MS",
	                              store_target_is_postgresql(o->db) ? "0" : "1000");
	if (!parse_i64(cache_ms, 0, 60000, &v)) { fprintf(stderr, "serve: --read-cache-ms takes 0 to 60000\n"); return 2; }
	cfg.read_cache_ms = v;
	const char *memory = opt(argc, argv, "--body-memory") ?:
	                     env_or("EMPTYCHAIR_BODY_MEMORY", "134217728");
	if (!parse_i64(memory, 1 << 20, INT64_C(1) << 40, &v)) { fprintf(stderr, "serve: --body-memory takes 1048576 to 1099511627776\n"); return 2; }
	cfg.body_memory = (size_t)v;
	/* One address may hold a quarter of it, and always one whole upload
	 * form and one other form beside it. */
	size_t one_upload = upload_body_limit(&cfg) + cfg.body_limit;
	cfg.body_memory_per_address = cfg.body_memory / 4 > one_upload ? cfg.body_memory / 4 : one_upload;
	if (cfg.body_memory < cfg.body_memory_per_address) {
		fprintf(stderr, "serve: --body-memory must be at least %zu bytes: one upload (--upload-limit) "
		                "and one form (--body-limit)\n", cfg.body_memory_per_address);
		return 2;
	}
	const char *per = opt(argc, argv, "--connections-per-address") ?:
	                  env_or("EMPTYCHAIR_CONNECTIONS_PER_ADDRESS", "64");
	if (!parse_i64(per, 0, 1000, &v)) { fprintf(stderr, "serve: --connections-per-address takes 0 to 1000\n"); return 2; }
	cfg.connections_per_address = (unsigned)v;
	/* Idle seconds allowed while headers arrive and between requests. */
	cfg.connection_timeout = 15;
	cfg.db_target = o->db;
	cfg.public_url = o->public_url;
	cfg.secure_cookies = flag(argc, argv, "--secure-cookies") ||
	                     !strcmp(env_or("EMPTYCHAIR_SECURE_COOKIES", "0"), "1");
	cfg.quiet = flag(argc, argv, "--quiet");
	cfg.trust_proxy = flag(argc, argv, "--trust-proxy") ||
	                  !strcmp(env_or("EMPTYCHAIR_TRUST_PROXY", "0"), "1");
	/* Behind a proxy every connection comes from the proxy. */
	if (cfg.trust_proxy) cfg.connections_per_address = 0;
	struct store *s = cli_open_store(o);
	if (!s) return 1;
	if (!store_target_is_postgresql(o->db)) {
		static const char *const beside[] = { "", "-wal", "-shm" };
		for (int k = 0; k < 3; k++) {
			char path[4096];
			snprintf(path, sizeof path, "%s%s", o->db, beside[k]);
			warn_if_shared(path);
		}
	}
	warn_if_shared(cfg.files_dir);
	bool ok = cli_secret(s, cfg.secret);
	store_close(s);
	if (!ok) { fprintf(stderr, "serve: cannot read the installation secret\n"); return 1; }
	return server_run(&cfg);
}

static int cmd_init(const struct cli_options *o, int argc, char **argv)
{
	const char *email = opt(argc, argv, "--email"), *name = opt(argc, argv, "--name");
	if (!email || !name) { fprintf(stderr, "init: give --email ADDRESS and --name NAME\n"); return 2; }
	struct store *s = cli_open_store(o);
	if (!s) return 1;
	unsigned char secret[AUTH_SECRET_BYTES];
	int rc = 1;
	int64_t id;
	char *e = xstrdup(email);
	text_lower(text_trim(e));
	if (!email_valid(e)) fprintf(stderr, "init: '%s' is not an e-mail address\n", email);
	else if (store_user_count(s) > 0) fprintf(stderr, "init: %s already has accounts; use 'user add'\n", o->db);
	else if (!cli_secret(s, secret)) fprintf(stderr, "init: cannot create the installation secret\n");
	else if (store_user_create(s, e, name, true, (int64_t)time(NULL), &id) != ST_OK)
		fprintf(stderr, "init: could not create the administrator\n");
	else {
		printf("Created %s with administrator %s.\n", o->db, e);
		rc = cli_print_password_link(s, o, id) ? 0 : 1;
	}
	free(e);
	store_close(s);
	return rc;
}

static int cmd_user(const struct cli_options *o, int argc, char **argv)
{
	if (argc < 1) { fprintf(stderr, "user: add | disable | enable | reset | list\n"); return 2; }
	struct store *s = cli_open_store(o);
	if (!s) return 1;
	struct arena a = {0};
	int rc = 1;
	int64_t now = (int64_t)time(NULL);
	const char *sub = argv[0];
	char *email = opt(argc, argv, "--email") ? arena_strdup(&a, opt(argc, argv, "--email")) : NULL;
	if (email) text_lower(text_trim(email));
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
	} else if (!email) {
		fprintf(stderr, "user %s: give --email ADDRESS\n", sub);
		rc = 2;
	} else if (!strcmp(sub, "add")) {
		const char *name = opt(argc, argv, "--name");
		int64_t id;
		if (!name || !email_valid(email)) { fprintf(stderr, "user add: give --email and --name\n"); rc = 2; }
		else if (store_user_create(s, email, name, flag(argc, argv, "--admin"), now, &id) != ST_OK)
			fprintf(stderr, "user add: %s already has an account\n", email);
		else rc = cli_print_password_link(s, o, id) ? 0 : 1;
	} else if (store_user_by_email(s, email, &a, &u) != ST_OK) {
		fprintf(stderr, "user %s: no account for %s\n", sub, email);
	} else if (!strcmp(sub, "disable") || !strcmp(sub, "enable")) {
		bool off = !strcmp(sub, "disable");
		if (store_user_set_status(s, u.id, off ? USER_DISABLED : USER_ACTIVE, now) == ST_OK &&
		    (!off || store_sessions_delete_for_user(s, u.id) == ST_OK)) {
			printf("%s is now %s.\n", email, off ? "disabled and signed out" : "enabled");
			rc = 0;
		}
	} else if (!strcmp(sub, "reset")) {
		rc = cli_print_password_link(s, o, u.id) ? 0 : 1;
	} else {
		fprintf(stderr, "user: unknown subcommand %s\n", sub);
		rc = 2;
	}
	arena_free(&a);
	store_close(s);
	return rc;
}

/* Copies the installation at from into a new database at to, then reads
 * both back and compares each table's row count and checksum. A SQLite
 * target must be a new file; a PostgreSQL one an existing, empty database
 * (its administrator makes it). */
static int copy_installation(const char *from, const char *to, const char *cmd)
{
	if (!store_target_is_postgresql(to)) {
		struct stat st;
		if (stat(to, &st) == 0) {
			fprintf(stderr, "%s: %s exists; choose a new file\n", cmd, to);
			return 1;
		}
	}
	struct store *src = open_target(from, true);
	if (!src) return 1;
	struct store *dst = open_target(to, false);
	if (!dst) {
		store_close(src);
		return 1;
	}
	struct arena a = {0};
	const char *why = NULL;
	int rc = 1, applied = 0;
	/* A target that already holds an emptychair schema is not migrated
	 * (that would change it): store_copy refuses it below unless empty. */
	int version = store_schema_version(dst);
	if (version != 0 && version != store_schema_latest())
		fprintf(stderr, "%s: %s already holds an emptychair database (schema %d); copy only "
		                "into a new, empty database\n", cmd, to, version);
	else if (store_migrate(dst, &applied) != ST_OK)
		fprintf(stderr, "%s: the schema could not be made in %s\n", cmd, to);
	else if (store_copy(src, dst, &a, &why) != ST_OK)
		fprintf(stderr, "%s: %s\n", cmd, why ? why : "failed");
	else {
		struct store_table_sum *x, *y;
		size_t nx, ny;
		int64_t rows = 0;
		bool read = store_table_sums(src, &a, &x, &nx) == ST_OK &&
		            store_table_sums(dst, &a, &y, &ny) == ST_OK && nx == ny;
		bool same = read;
		for (size_t i = 0; read && i < nx; i++) { /* every table, even after a difference */
			bool ok = x[i].rows == y[i].rows && !strcmp(x[i].checksum, y[i].checksum);
			printf("  %-20s %8lld rows  %s\n", x[i].table, (long long)x[i].rows,
			       ok ? "same" : "DIFFERENT");
			if (!ok) fprintf(stderr, "%s: %s differs: %lld rows, %s in the source; %lld, %s in "
			                         "the copy\n", cmd, x[i].table, (long long)x[i].rows,
			                 x[i].checksum, (long long)y[i].rows, y[i].checksum);
			same = same && ok;
			rows += x[i].rows;
		}
		if (same) {
			printf("Copied %lld rows in %zu tables; every row count and checksum is the same "
			       "in the copy.\n", (long long)rows, nx);
			rc = 0;
		} else {
			fprintf(stderr, "%s: the copy is NOT the same as the source; do not use it\n", cmd);
		}
	}
	arena_free(&a);
	store_close(dst);
	store_close(src);
	return rc;
}

static int cmd_copy(int argc, char **argv)
{
	const char *from = opt(argc, argv, "--from"), *to = opt(argc, argv, "--to");
	if (!from || !to) { fprintf(stderr, "copy: give --from DATABASE and --to DATABASE\n"); return 2; }
	if (!strcmp(from, to)) { fprintf(stderr, "copy: --from and --to name the same database\n"); return 2; }
	return copy_installation(from, to, "copy");
}

static int cmd_backup(const struct cli_options *o, int argc, char **argv)
{
	const char *to = opt(argc, argv, "--to");
	if (!to) { fprintf(stderr, "backup: give --to PATH\n"); return 2; }
	if (store_target_is_postgresql(to)) { fprintf(stderr, "backup: --to is a new SQLite file; to fill a PostgreSQL database use 'copy'\n"); return 2; }
	/* From PostgreSQL: a verified copy into a new SQLite file. */
	if (store_target_is_postgresql(o->db)) return copy_installation(o->db, to, "backup");
	struct stat st;
	if (stat(to, &st) == 0) { fprintf(stderr, "backup: %s exists; choose a new name\n", to); return 1; }
	/* A backup only reads: it never migrates or otherwise changes the source. */
	struct store *s = open_target(o->db, true);
	if (!s) return 1;
	char *err = NULL;
	enum store_rc rc = store_backup(s, to, &err);
	store_close(s);
	if (rc != ST_OK) {
		fprintf(stderr, "backup: %s\n", err ? err : "failed");
		free(err);
		return 1;
	}
	printf("Backed up %s to %s.\n", o->db, to);
	return 0;
}

/* Checks the database as it is, without migrating or writing it: a
 * restored backup is reported as found, schema version included. */
static int cmd_check(const struct cli_options *o)
{
	struct store *s = open_target(o->db, true);
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

static int cmd_outbox(const struct cli_options *o, int argc, char **argv)
{
	int64_t limit = 10;
	const char *l = opt(argc, argv, "--limit");
	if (l && !parse_i64(l, 1, 10000, &limit)) { fprintf(stderr, "outbox: --limit takes 1 to 10000\n"); return 2; }
	struct store *s = cli_open_store(o);
	if (!s) return 1;
	struct arena a = {0};
	struct outbox_message *m;
	size_t n;
	int rc = 1;
	if (store_outbox_recent(s, (int)limit, &a, &m, &n) == ST_OK) {
		for (size_t i = 0; i < n; i++)
			printf("--- #%lld to %s%s\nSubject: %s\n\n%s\n", (long long)m[i].id, m[i].to_email,
			       m[i].sent_at ? " (sent)" : "", m[i].subject, m[i].body);
		if (!n) printf("The outbox is empty.\n");
		rc = 0;
	}
	arena_free(&a);
	store_close(s);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli_options o = {
		.db = env_or("EMPTYCHAIR_DB", "var/emptychair.db"),
		.public_url = env_or("EMPTYCHAIR_PUBLIC_URL", NULL),
	};
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(usage, stdout); return 0; }
		if (!strcmp(argv[i], "--version")) { printf("emptychair %s\n", EC_VERSION); return 0; }
		if (!strcmp(argv[i], "--db") && i + 1 < argc) o.db = argv[++i];
		else if (!strcmp(argv[i], "--public-url") && i + 1 < argc) o.public_url = argv[++i];
		else { fprintf(stderr, "emptychair: unknown option %s\n%s", argv[i], usage); return 2; }
	}
	if (i >= argc) { fputs(usage, stderr); return 2; }
	/* Everything this program creates (the database and its WAL, backups,
	 * copies, uploaded files, the sealing key) is for this user alone. */
	umask(077);
	/* Everything is stored in UTC; pages convert to a panel's zone through
	 * core/civil_time.c, which owns TZ after this (and says why). */
	setenv("TZ", "UTC", 1);
	tzset();
	const char *cmd = argv[i];
	int sub_argc = argc - i - 1;
	char **sub_argv = argv + i + 1;
	/* Global options may also follow the command. */
	if (opt(sub_argc, sub_argv, "--db")) o.db = opt(sub_argc, sub_argv, "--db");
	if (opt(sub_argc, sub_argv, "--public-url")) o.public_url = opt(sub_argc, sub_argv, "--public-url");
	if (flag(sub_argc, sub_argv, "--help")) { fputs(usage, stdout); return 0; }

	const char *cost = env_or("EMPTYCHAIR_PWHASH", "standard");
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
	if (!strcmp(cmd, "serve")) return cmd_serve(&o, sub_argc, sub_argv);
	if (!strcmp(cmd, "init")) return cmd_init(&o, sub_argc, sub_argv);
	if (!strcmp(cmd, "demo")) return cmd_demo(&o, sub_argc, sub_argv);
	if (!strcmp(cmd, "user")) return cmd_user(&o, sub_argc, sub_argv);
	if (!strcmp(cmd, "backup")) return cmd_backup(&o, sub_argc, sub_argv);
	if (!strcmp(cmd, "check")) return cmd_check(&o);
	if (!strcmp(cmd, "copy")) return cmd_copy(sub_argc, sub_argv);
	if (!strcmp(cmd, "outbox")) return cmd_outbox(&o, sub_argc, sub_argv);
	if (!strcmp(cmd, "migrate")) {
		struct store *s = cli_open_store(&o);
		if (!s) return 1;
		printf("schema version %d\n", store_schema_version(s));
		store_close(s);
		return 0;
	}
	fprintf(stderr, "emptychair: unknown command '%s'\n%s", cmd, usage);
	return 2;
}
