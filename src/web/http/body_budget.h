#ifndef EC_WEB_BODY_BUDGET_H
#define EC_WEB_BODY_BUDGET_H
/* How many bytes of request bodies the server holds in memory at once:
 * bounded in total and per client address, so that clients sending (or
 * holding open) large bodies cannot take the memory others need.
 *
 * Contract: a request takes bytes before it buffers them and gives back
 * exactly what it took when it ends. body_budget_take is all or nothing.
 * Thread-safe; one budget per server, made by server_run. */
#include <stdbool.h>
#include <stddef.h>

struct body_budget;

struct body_budget *body_budget_new(size_t total, size_t per_address);
void body_budget_free(struct body_budget *b);
/* Takes n bytes for address; false, taking nothing, when the total or the
 * address's share would be passed. */
bool body_budget_take(struct body_budget *b, const char *address, size_t n);
/* Gives back n bytes that address took. */
void body_budget_give(struct body_budget *b, const char *address, size_t n);
/* Bytes held now, in total (tests and diagnostics). */
size_t body_budget_used(struct body_budget *b);
#endif
