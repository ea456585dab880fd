/* emptychair serve: the web server's options, checked before it starts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/mail.h"
#include "cli/worker.h"
#include "cli/options.h"
#include "core/lang.h"
#include "core/text.h"
#include "store/files.h"
#include "web/http/server.h"

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

/* The options of serve, by position in its table. */
enum {
	SV_LISTEN, SV_PORT, SV_THREADS, SV_BODY_LIMIT, SV_UPLOAD_LIMIT, SV_FILES, SV_SEAL_KEY,
	SV_READ_CACHE_MS, SV_BODY_MEMORY, SV_CONNECTIONS_PER_ADDRESS, SV_SECURE_COOKIES, SV_QUIET,
	SV_TRUST_PROXY, SV_IDLE_SECONDS, SV_LOCALE_DIR, SV_FIGURES_EVERY, SV_FEED_TIMEOUT,
	SV_METRICS_TOKEN_FILE,
	SV_MAIL, /* then the mail options (cli/mail.h) */
};

enum { CARE_INTERVAL = 3600 };

/* How long a feed fetch may take (--feed-timeout), for the care worker. */
static long feed_timeout_ms = 10000;

/* One pass of the care worker; counts only on stderr. */
/* ctx: the sealing key (web/http/http.h's server_config). */
static void care_pass(struct store *s, void *ctx)
{
	const struct auth_seal_key *key = ctx;
	int64_t sealed, other_key;
	if (!app_sg_seal_clear(s, key, &sealed, &other_key)) {
		fprintf(stderr, "emptychair: care: sealing safeguarding records kept in the clear "
		                "failed; it runs again in an hour\n");
	} else {
		if (sealed)
			fprintf(stderr, "emptychair: care: sealed %lld safeguarding rows kept in the "
			                "clear\n", (long long)sealed);
		if (other_key)
			fprintf(stderr, "emptychair: care: %lld safeguarding rows are sealed with another "
			                "key than this server's --seal-key, and cannot be read here: give "
			                "every server the same key file (docs/operations.md)\n",
			        (long long)other_key);
	}
	int fetched, failed;
	if (!app_case_sources_fetch_all(s, (int64_t)time(NULL), feed_timeout_ms,
	                                CASE_FEED_MAX_BYTES, &fetched, &failed))
		fprintf(stderr, "emptychair: care: the feeds of case studies could not be listed\n");
	else if (failed)
		fprintf(stderr, "emptychair: care: %d of %d feeds of case studies could not be taken "
		                "(the administrators' page says why)\n", failed, fetched + failed);
	int asked;
	if (!app_after_meetings(s, (int64_t)time(NULL), &asked))
		fprintf(stderr, "emptychair: care: asking after meetings failed; it runs again in an "
		                "hour\n");
	size_t panels;
	int64_t purged;
	if (!app_sg_purge(s, (int64_t)time(NULL), &panels, &purged))
		fprintf(stderr, "emptychair: care: the safeguarding purge failed; it runs again in an "
		                "hour\n");
	else if (purged)
		fprintf(stderr, "emptychair: care: %lld safeguarding records past their retention "
		                "purged in %zu panels\n", (long long)purged, panels);
}

int cmd_serve(struct cli_options *o, int argc, char **argv)
{
	struct cli_opt opts[] = {
		[SV_LISTEN] = { .name = "--listen", .takes_value = true },
		[SV_PORT] = { .name = "--port", .takes_value = true },
		[SV_THREADS] = { .name = "--threads", .takes_value = true },
		[SV_BODY_LIMIT] = { .name = "--body-limit", .takes_value = true },
		[SV_UPLOAD_LIMIT] = { .name = "--upload-limit", .takes_value = true },
		[SV_FILES] = { .name = "--files", .takes_value = true },
		[SV_SEAL_KEY] = { .name = "--seal-key", .takes_value = true },
		[SV_READ_CACHE_MS] = { .name = "--read-cache-ms", .takes_value = true },
		[SV_BODY_MEMORY] = { .name = "--body-memory", .takes_value = true },
		[SV_CONNECTIONS_PER_ADDRESS] = { .name = "--connections-per-address", .takes_value = true },
		[SV_SECURE_COOKIES] = { .name = "--secure-cookies" },
		[SV_QUIET] = { .name = "--quiet" },
		[SV_TRUST_PROXY] = { .name = "--trust-proxy" },
		[SV_IDLE_SECONDS] = { .name = "--idle-seconds", .takes_value = true },
		[SV_LOCALE_DIR] = { .name = "--locale-dir", .takes_value = true },
		[SV_FIGURES_EVERY] = { .name = "--figures-every", .takes_value = true },
		[SV_FEED_TIMEOUT] = { .name = "--feed-timeout", .takes_value = true },
		[SV_METRICS_TOKEN_FILE] = { .name = "--metrics-token-file", .takes_value = true },
		[SV_MAIL + CLI_MAIL_OPTIONS] = { 0 },
	};
	memcpy(&opts[SV_MAIL], cli_mail_opts, sizeof cli_mail_opts);
	enum cli_parse_rc parsed = cli_parse("serve", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	static struct server_config cfg;
	cfg.listen_host = opts[SV_LISTEN].value ?: cli_env_or("EMPTYCHAIR_LISTEN", "127.0.0.1");
	const char *port = opts[SV_PORT].value ?: cli_env_or("EMPTYCHAIR_PORT", "8080");
	const char *threads = opts[SV_THREADS].value ?: cli_env_or("EMPTYCHAIR_THREADS", "4");
	const char *limit = opts[SV_BODY_LIMIT].value ?: cli_env_or("EMPTYCHAIR_BODY_LIMIT", "1048576");
	int64_t v;
	if (!parse_i64(port, 0, 65535, &v)) { fprintf(stderr, "%sserve: --port takes 0 to 65535\n", cli_origin(port)); return 2; }
	cfg.port = (int)v;
	if (!parse_i64(threads, 1, 256, &v)) { fprintf(stderr, "%sserve: --threads takes 1 to 256\n", cli_origin(threads)); return 2; }
	cfg.threads = (int)v;
	if (!parse_i64(limit, 1024, 1 << 30, &v)) { fprintf(stderr, "%sserve: --body-limit takes 1024 to 1073741824\n", cli_origin(limit)); return 2; }
	cfg.body_limit = (size_t)v;
	const char *upload = opts[SV_UPLOAD_LIMIT].value ?:
	                     cli_env_or("EMPTYCHAIR_UPLOAD_LIMIT", "20971520");
	if (!parse_i64(upload, 1024, 1 << 30, &v)) { fprintf(stderr, "%sserve: --upload-limit takes 1024 to 1073741824\n", cli_origin(upload)); return 2; }
	cfg.upload_limit = (size_t)v;
	cfg.files_dir = opts[SV_FILES].value ?: cli_env_or("EMPTYCHAIR_FILES", NULL);
	if (!cfg.files_dir) cfg.files_dir = default_beside(o->db, "files", 0);
	/* The key that seals bank details and safeguarding words: a file of
	 * its own, never in the database; made when missing. */
	const char *seal = opts[SV_SEAL_KEY].value ?: cli_env_or("EMPTYCHAIR_SEAL_KEY", NULL);
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
	auth_feed_keypair(&cfg.seal_key, cfg.feed_public, cfg.feed_secret);
	const char *cache_ms = opts[SV_READ_CACHE_MS].value ?:
	                       cli_env_or("EMPTYCHAIR_READ_CACHE_MS", "1000");
	if (!parse_i64(cache_ms, 0, 60000, &v)) { fprintf(stderr, "%sserve: --read-cache-ms takes 0 to 60000\n", cli_origin(cache_ms)); return 2; }
	cfg.read_cache_ms = v;
	const char *memory = opts[SV_BODY_MEMORY].value ?:
	                     cli_env_or("EMPTYCHAIR_BODY_MEMORY", "134217728");
	if (!parse_i64(memory, 1 << 20, INT64_C(1) << 40, &v)) { fprintf(stderr, "%sserve: --body-memory takes 1048576 to 1099511627776\n", cli_origin(memory)); return 2; }
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
	const char *per = opts[SV_CONNECTIONS_PER_ADDRESS].value ?:
	                  cli_env_or("EMPTYCHAIR_CONNECTIONS_PER_ADDRESS", "64");
	if (!parse_i64(per, 0, 1000, &v)) { fprintf(stderr, "%sserve: --connections-per-address takes 0 to 1000\n", cli_origin(per)); return 2; }
	cfg.connections_per_address = (unsigned)v;
	/* Idle seconds allowed while headers arrive and between requests. */
	const char *idle = opts[SV_IDLE_SECONDS].value ?: cli_env_or("EMPTYCHAIR_IDLE_SECONDS", "15");
	if (!parse_i64(idle, 1, 300, &v)) {
		fprintf(stderr, "%sserve: --idle-seconds takes 1 to 300\n", cli_origin(idle));
		return 2;
	}
	cfg.connection_timeout = (unsigned)v;
	/* Days between publications of a panel's figures about groups. */
	const char *every = opts[SV_FIGURES_EVERY].value ?: cli_env_or("EMPTYCHAIR_FIGURES_EVERY", "7");
	if (!parse_i64(every, 0, 366, &v)) {
		fprintf(stderr, "%sserve: --figures-every takes 0 to 366 (days)\n", cli_origin(every));
		return 2;
	}
	cfg.figures_every = v * 86400;
	/* How long fetching another installation's feed of case studies may take. */
	const char *feed_timeout = opts[SV_FEED_TIMEOUT].value ?:
	                           cli_env_or("EMPTYCHAIR_FEED_TIMEOUT", "10");
	if (!parse_i64(feed_timeout, 1, 300, &v)) {
		fprintf(stderr, "%sserve: --feed-timeout takes 1 to 300 (seconds)\n", cli_origin(feed_timeout));
		return 2;
	}
	cfg.feed_timeout_ms = v * 1000;
	feed_timeout_ms = cfg.feed_timeout_ms;
	/* /metrics answers only with this token (a file of its own, like a
	 * password: never in a flag that ps shows) */
	const char *token_file = opts[SV_METRICS_TOKEN_FILE].value ?:
	                         cli_env_or("EMPTYCHAIR_METRICS_TOKEN_FILE", NULL);
	if (token_file) {
		static char token[256];
		FILE *f = fopen(token_file, "r");
		size_t n = f ? fread(token, 1, sizeof token - 1, f) : 0;
		if (f) fclose(f);
		while (n && (token[n - 1] == '\n' || token[n - 1] == '\r' || token[n - 1] == ' ')) n--;
		token[n] = 0;
		bool printable = n >= 16;
		for (size_t i = 0; i < n; i++) printable = printable && token[i] > ' ' && token[i] < 127;
		if (!printable) {
			fprintf(stderr, "%sserve: --metrics-token-file %s must hold a token of 16 to 255 "
			                "printable characters\n", cli_origin(token_file), token_file);
			return 2;
		}
		cfg.metrics_token = token;
	}
	cfg.db_target = o->db;
	cfg.locale_dir = opts[SV_LOCALE_DIR].value ?: cli_env_or("EMPTYCHAIR_LOCALE_DIR", NULL);
	cfg.public_url = o->public_url;
	cfg.secure_cookies = opts[SV_SECURE_COOKIES].given ||
	                     !strcmp(cli_env_or("EMPTYCHAIR_SECURE_COOKIES", "0"), "1");
	cfg.quiet = opts[SV_QUIET].given;
	cfg.trust_proxy = opts[SV_TRUST_PROXY].given ||
	                  !strcmp(cli_env_or("EMPTYCHAIR_TRUST_PROXY", "0"), "1");
	/* Behind a proxy every connection comes from the proxy. */
	if (cfg.trust_proxy) cfg.connections_per_address = 0;
	static struct delivery_config mail;
	int mail_interval;
	if (!cli_mail_config("serve", &opts[SV_MAIL], o, &mail, &mail_interval)) return 2;
	cfg.mail_relay = mail.relay.url != NULL;
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
	/* Catalogues bound and locales made before any thread speaks. */
	lang_start(cfg.locale_dir);
	struct mail_worker *worker = NULL;
	if (!mail.relay.url) {
		fprintf(stderr, "emptychair: no mail relay (--smtp): messages wait in the outbox "
		                "('emptychair outbox' shows them)\n");
	} else if (!(worker = mail_worker_start(o->db, &mail, mail_interval))) {
		return 1;
	}
	/* Scheduled care: every hour, the feeds of case studies this site
	 * imports are fetched (app_case_sources_fetch_all), people who came to
	 * a meeting that has ended are asked how it went (app_after_meetings),
	 * and safeguarding records past their panel's retention are purged
	 * (app_sg_purge). */
	struct worker *care = worker_start("care", o->db, CARE_INTERVAL, care_pass, &cfg.seal_key);
	if (!care) {
		mail_worker_stop(worker);
		return 1;
	}
	int rc = server_run(&cfg);
	worker_stop(care);
	mail_worker_stop(worker);
	return rc;
}
