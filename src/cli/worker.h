#ifndef EC_CLI_WORKER_H
#define EC_CLI_WORKER_H
/* A thread beside the server that does one job every so often on a
 * database connection of its own: mail delivery (cli/mail.c) and the
 * scheduled care of records (cli/serve.c: the safeguarding purge). */
#include "store/store.h"

struct worker;
/* Opens its own connection to db_target and calls pass(store, ctx) at
 * once and then every interval seconds until stopped; NULL (said why on
 * stderr, naming it by name) when it cannot start. The thread never takes
 * SIGINT or SIGTERM: they are the server's. */
struct worker *worker_start(const char *name, const char *db_target, int interval,
                            void (*pass)(struct store *s, void *ctx), void *ctx);
/* Stops it after the pass under way, if any, and waits for it. */
void worker_stop(struct worker *w);
#endif
