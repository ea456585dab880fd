#ifndef EC_WEB_SERVER_H
#define EC_WEB_SERVER_H
/* The HTTP server: libmicrohttpd with a pool of worker threads, each owning
 * its own store connection. server_run() blocks until SIGINT or SIGTERM,
 * then stops accepting, lets requests in flight finish (up to 10 s) and
 * returns 0; it returns non-zero when the server cannot start. It prints
 * one line "emptychair: listening on http://HOST:PORT/" to stdout once it
 * accepts connections (port 0 picks a free port; tests read this line).
 * When cfg->public_url is NULL it is set, before any request, to this
 * listening address with its real port. */
#include "web/http/http.h"

int server_run(struct server_config *cfg);
#endif
