/* Mail delivery from the command line (mail.h). */
#include "cli/mail.h"
#include "cli/worker.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/text.h"

/* Three days: a relay down over a weekend still delivers on Monday. */
enum { GIVE_UP_SECONDS = 3 * 24 * 3600, SMTP_TIMEOUT_SECONDS = 60 };

const struct cli_opt cli_mail_opts[CLI_MAIL_OPTIONS] = {
	[MO_SMTP] = { .name = "--smtp", .takes_value = true },
	[MO_SMTP_USER] = { .name = "--smtp-user", .takes_value = true },
	[MO_SMTP_PASSWORD_FILE] = { .name = "--smtp-password-file", .takes_value = true },
	[MO_SMTP_CA] = { .name = "--smtp-ca", .takes_value = true },
	[MO_MAIL_FROM] = { .name = "--mail-from", .takes_value = true },
	[MO_MAIL_INTERVAL] = { .name = "--mail-interval", .takes_value = true },
	[MO_MAIL_RETRY] = { .name = "--mail-retry", .takes_value = true },
	[MO_MAIL_LEASE] = { .name = "--mail-lease", .takes_value = true },
	[MO_MAIL_DIGEST] = { .name = "--mail-digest", .takes_value = true },
};

/* The first line of path, in a static buffer per process (read once, at
 * start); NULL, having said why, when it cannot be read. */
static const char *read_secret(const char *cmd, const char *path)
{
	static char secret[1024];
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: cannot read --smtp-password-file %s: %m\n", cmd, path);
		return NULL;
	}
	bool got = fgets(secret, sizeof secret, f) != NULL;
	fclose(f);
	if (!got) {
		fprintf(stderr, "%s: --smtp-password-file %s is empty\n", cmd, path);
		return NULL;
	}
	secret[strcspn(secret, "\r\n")] = 0;
	return secret;
}

/* The address in "Name <address>" or a bare address, in a static buffer
 * (one From per process). */
static const char *bare_address(const char *from)
{
	static char address[320];
	const char *lt = strrchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt) snprintf(address, sizeof address, "%.*s", (int)(gt - lt - 1), lt + 1);
	else snprintf(address, sizeof address, "%s", from);
	return address;
}

static bool seconds(const char *cmd, const char *name, const char *value, int64_t min,
                    int64_t max, int64_t *out)
{
	if (parse_i64(value, min, max, out)) return true;
	fprintf(stderr, "%s%s: %s takes %lld to %lld seconds\n", cli_origin(value), cmd, name,
	        (long long)min, (long long)max);
	return false;
}

bool cli_mail_config(const char *cmd, const struct cli_opt *opts, const struct cli_options *o,
                     struct delivery_config *cfg, int *interval)
{
	*cfg = (struct delivery_config){ .batch = 10,
	                                 .give_up_seconds = GIVE_UP_SECONDS };
	cfg->relay.timeout_seconds = SMTP_TIMEOUT_SECONDS;
	int64_t every, retry, lease, digest;
	if (!seconds(cmd, "--mail-interval",
	             opts[MO_MAIL_INTERVAL].value ?: cli_env_or("EMPTYCHAIR_MAIL_INTERVAL", "10"), 1,
	             3600, &every) ||
	    !seconds(cmd, "--mail-retry",
	             opts[MO_MAIL_RETRY].value ?: cli_env_or("EMPTYCHAIR_MAIL_RETRY", "60"), 1,
	             DELIVERY_RETRY_MAX, &retry) ||
	    !seconds(cmd, "--mail-lease",
	             opts[MO_MAIL_LEASE].value ?: cli_env_or("EMPTYCHAIR_MAIL_LEASE", "300"), 2,
	             86400, &lease) ||
	    !seconds(cmd, "--mail-digest",
	             opts[MO_MAIL_DIGEST].value ?: cli_env_or("EMPTYCHAIR_MAIL_DIGEST", "86400"), 1,
	             7 * 86400, &digest))
		return false;
	cfg->digest_seconds = digest;
	*interval = (int)every;
	cfg->retry_seconds = retry;
	cfg->lease_seconds = lease;
	/* A message must be able to go within a lease, connecting included. */
	if (cfg->relay.timeout_seconds >= lease) cfg->relay.timeout_seconds = lease / 2;
	const char *url = opts[MO_SMTP].value ?: cli_env_or("EMPTYCHAIR_SMTP", NULL);
	if (!url) return true; /* no relay: mail waits in the outbox */
	const char *why;
	if (!smtp_url_ok(url, &why)) {
		fprintf(stderr, "%s%s: --smtp: %s\n", cli_origin(url), cmd, why);
		return false;
	}
	cfg->relay.url = url;
	/* Once, before any thread, and only when mail is sent: libcurl (and
	 * its TLS library) cost memory a server without mail need not pay. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "%s: cannot set up libcurl to send mail\n", cmd);
		return false;
	}
	cfg->public_url = o->public_url;
	if (!cfg->public_url) {
		fprintf(stderr, "%s: with --smtp, give --public-url (the address people use): the "
		                "links in messages must work from their mail\n", cmd);
		return false;
	}
	cfg->from = opts[MO_MAIL_FROM].value ?: cli_env_or("EMPTYCHAIR_MAIL_FROM", NULL);
	if (!cfg->from || !*cfg->from) {
		fprintf(stderr, "%s: give --mail-from \"Name <address>\": the address messages come "
		                "from, one the relay may send as\n", cmd);
		return false;
	}
	cfg->relay.envelope_from = bare_address(cfg->from);
	if (!email_valid(cfg->relay.envelope_from) || strpbrk(cfg->from, "\r\n")) {
		fprintf(stderr, "%s%s: --mail-from is not an address (\"Name <address>\" or an "
		                "address)\n", cli_origin(cfg->from), cmd);
		return false;
	}
	cfg->relay.user = opts[MO_SMTP_USER].value ?: cli_env_or("EMPTYCHAIR_SMTP_USER", NULL);
	const char *file = opts[MO_SMTP_PASSWORD_FILE].value ?:
	                   cli_env_or("EMPTYCHAIR_SMTP_PASSWORD_FILE", NULL);
	cfg->relay.password = file ? read_secret(cmd, file)
	                           : cli_env_or("EMPTYCHAIR_SMTP_PASSWORD", NULL);
	if (file && !cfg->relay.password) return false;
	if (cfg->relay.password && !cfg->relay.user) {
		fprintf(stderr, "%s: a password for the relay needs --smtp-user\n", cmd);
		return false;
	}
	cfg->relay.ca_file = opts[MO_SMTP_CA].value ?: cli_env_or("EMPTYCHAIR_SMTP_CA", NULL);
	return true;
}

void cli_mail_holder(char *out, size_t size)
{
	char host[64] = "host";
	gethostname(host, sizeof host - 1);
	host[sizeof host - 1] = 0;
	unsigned char raw[6];
	char hex[2 * sizeof raw + 1];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	snprintf(out, size, "%s:%ld:%s", host, (long)getpid(), hex);
}

struct mail_worker {
	struct delivery_config cfg;
	char holder[128];
	struct worker *worker;
};

bool cli_mail_pass(struct store *s, const struct delivery_config *cfg, const char *holder,
                   int *digests, int *notices, struct delivery_counts *sent, const char **why)
{
	*digests = *notices = 0;
	*sent = (struct delivery_counts){ 0 };
	struct smtp_session *smtp = smtp_open(&cfg->relay);
	if (!smtp) {
		*why = "cannot set up the SMTP client";
		return false;
	}
	int64_t now = (int64_t)time(NULL);
	/* Each step whatever became of the one before: a failure to make
	 * notices' messages must not hold up invitations and resets. */
	bool ok = app_notice_mails_make(s, cfg, now, notices);
	ok = app_digests_make(s, cfg, now, digests) && ok;
	ok = app_outbox_deliver(s, smtp, cfg, holder, sent) && ok;
	smtp_close(smtp);
	if (!ok) *why = "the database failed; what was done stays done";
	return ok;
}

/* One pass, said on stderr when it did anything (counts only: no
 * addresses in logs). */
static void pass(struct store *s, void *ctx)
{
	struct mail_worker *w = ctx;
	struct delivery_counts n;
	int digests, notices;
	const char *why;
	if (!cli_mail_pass(s, &w->cfg, w->holder, &digests, &notices, &n, &why))
		fprintf(stderr, "emptychair: mail: %s\n", why);
	if (digests || notices)
		fprintf(stderr, "emptychair: mail: %d digests and %d messages of notices made\n",
		        digests, notices);
	if (n.sent || n.retried || n.refused || n.given_up || n.lost)
		fprintf(stderr, "emptychair: mail: %d sent, %d to try again, %d refused, %d given up, "
		                "%d taken by another server\n", n.sent, n.retried, n.refused,
		        n.given_up, n.lost);
}

struct mail_worker *mail_worker_start(const char *db_target, const struct delivery_config *cfg,
                                      int interval)
{
	struct mail_worker *w = calloc(1, sizeof *w);
	if (!w) return NULL;
	w->cfg = *cfg;
	cli_mail_holder(w->holder, sizeof w->holder);
	if (!(w->worker = worker_start("mail", db_target, interval, pass, w))) {
		free(w);
		return NULL;
	}
	return w;
}

void mail_worker_stop(struct mail_worker *w)
{
	if (!w) return;
	worker_stop(w->worker);
	free(w);
}
