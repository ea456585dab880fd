#ifndef EC_WEB_METRICS_H
#define EC_WEB_METRICS_H
/* What /metrics shows (Prometheus's text format, version 0.0.4): requests
 * by route group and status class, how long they took, and counts from
 * the database. Never a path's ids, a query, a name or any other thing a
 * person wrote: the groups are made from the route table's patterns. */
#include <stdint.h>

#include "core/mem.h"
#include "store/store.h"
#include "web/http/http.h"

/* Counts one answered request: its route (NULL when none matched), its
 * status, and the nanoseconds it took. Lock-free; any thread. */
void metrics_record(const struct route *r, int status, uint64_t ns);
/* Writes everything counted so far, with db's figures and the requests in
 * flight, in the text format. */
void metrics_write(struct buf *b, const struct store_metrics *db, int in_flight);
/* GET /metrics: only with the token serve was given (--metrics-token-file),
 * as "Authorization: Bearer TOKEN"; 404 when none was given, 401 for a
 * wrong one. */
void metrics_get(struct request *req);
#endif
