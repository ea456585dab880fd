#ifndef EC_CLI_CLI_H
#define EC_CLI_CLI_H
/* The emptychair command's subcommands. Each returns the process exit
 * status: 0 done, 1 failed, 2 bad usage. */
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Options shared by every subcommand, from flags or EMPTYCHAIR_* variables. */
struct cli_options {
	const char *db;          /* --db, EMPTYCHAIR_DB; default var/emptychair.db */
	const char *public_url;  /* --public-url, EMPTYCHAIR_PUBLIC_URL; NULL: where serve listens */
};

/* EMPTYCHAIR_* variables: the value of name; when it is unset or empty,
 * the configuration file's setting of the same name (EMPTYCHAIR_PORT is
 * port: cli/config.c); else fallback. */
const char *cli_env_or(const char *name, const char *fallback);
/* Reads the configuration file at path once, at start, before any option
 * is looked up (core/config.h says what it may hold). A missing file is
 * nothing unless required; anything wrong is said on stderr, naming the
 * line, and false returned. */
bool cli_config_load(const char *path, bool required);
/* The configuration file asked for (read or not: it may not exist yet). */
const char *cli_config_path(void);
/* Where cli_config_load looks when neither --config nor EMPTYCHAIR_CONFIG
 * names a file. */
extern const char *const cli_default_config;
/* "FILE: line N: " when value came from the configuration file, "" when
 * not: to begin a message about a value that does not fit. */
const char *cli_origin(const char *value);
/* Opens target, saying why not on stderr. Read-only: the existing
 * database as it is; nothing is created, migrated or written. */
struct store *cli_open_target(const char *target, bool read_only);
/* Opens and migrates the database; prints why not and returns NULL (also
 * when a newer emptychair migrated it: this one must not use it). */
struct store *cli_open_store(const struct cli_options *o);
/* The installation secret, created on first use. */
bool cli_secret(struct store *s, unsigned char out[32]);
/* Prints a one-time link to set a password for user_id (24 hours). */
bool cli_print_password_link(struct store *s, const struct cli_options *o, int64_t user_id);

/* The commands: argv holds what follows the command's name. Each declares
 * its options (cli/options.h) and refuses any other. */
int cmd_serve(struct cli_options *o, int argc, char **argv);
int cmd_init(struct cli_options *o, int argc, char **argv);
int cmd_migrate(struct cli_options *o, int argc, char **argv);
int cmd_demo(struct cli_options *o, int argc, char **argv);
int cmd_user(struct cli_options *o, int argc, char **argv);
int cmd_backup(struct cli_options *o, int argc, char **argv);
int cmd_setup(struct cli_options *o, int argc, char **argv);
/* A backup of o->db into dir (made 0700 if need be) as
 * emptychair-YYYYMMDD-HHMMSS.db, then the newest keep kept (0: all); the
 * exit status. */
int cli_backup_into(struct cli_options *o, const char *dir, int keep);
int cmd_copy(struct cli_options *o, int argc, char **argv);
int cmd_check(struct cli_options *o, int argc, char **argv);
int cmd_outbox(struct cli_options *o, int argc, char **argv);
int cmd_select(struct cli_options *o, int argc, char **argv);
#endif
