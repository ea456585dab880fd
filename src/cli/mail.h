#ifndef EC_CLI_MAIL_H
#define EC_CLI_MAIL_H
/* Mail delivery from the command line: the options `serve` and `outbox
 * deliver` share, declared once, and the worker thread `serve` runs. */
#include <stdbool.h>

#include "app/app.h"
#include "cli/options.h"

/* The mail options, in this order, in a command's option table (copy
 * CLI_MAIL_OPTIONS of them from cli_mail_opts to its end). */
enum {
	MO_SMTP, MO_SMTP_USER, MO_SMTP_PASSWORD_FILE, MO_SMTP_CA, MO_MAIL_FROM,
	MO_MAIL_INTERVAL, MO_MAIL_RETRY, MO_MAIL_LEASE, MO_MAIL_DIGEST,
	CLI_MAIL_OPTIONS
};
extern const struct cli_opt cli_mail_opts[CLI_MAIL_OPTIONS];

/* The delivery settings from the mail options as parsed (opts, in the
 * order above) and EMPTYCHAIR_* variables; cfg->relay.url NULL when no
 * relay is given (mail stays in the outbox). False, having said why on
 * stderr (exit 2), when they do not fit. The password is read from its
 * file or EMPTYCHAIR_SMTP_PASSWORD and kept only in memory. *interval:
 * seconds between the worker's passes. */
bool cli_mail_config(const char *cmd, const struct cli_opt *opts, const struct cli_options *o,
                     struct delivery_config *cfg, int *interval);

/* One delivery pass on s as holder: the messages of notices to be mailed
 * as they happen, the digests due, then the messages due, through an SMTP
 * connection of its own. *digests, *notices (messages of notices) and
 * *sent (zeroed first) say what was done; false, with *why, when the SMTP
 * client could not be set up or the store failed (what was done stays
 * done). */
bool cli_mail_pass(struct store *s, const struct delivery_config *cfg, const char *holder,
                   int *digests, int *notices, struct delivery_counts *sent, const char **why);

/* Opens its own connection to db_target and delivers every interval
 * seconds until stopped; NULL (said why) when it cannot start. */
struct mail_worker;
struct mail_worker *mail_worker_start(const char *db_target, const struct delivery_config *cfg,
                                      int interval);
/* Stops it after the message being sent, if any, and waits for it. */
void mail_worker_stop(struct mail_worker *w);

/* A holder name for store_outbox_claim: this host, process and a random
 * part, in out (at least 96 bytes). */
void cli_mail_holder(char *out, size_t size);
#endif
