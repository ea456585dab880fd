#ifndef EC_WEB_ROUTE_MATCH_H
#define EC_WEB_ROUTE_MATCH_H
/* Matching a request's path against a route's pattern (web/http/routes.c).
 *
 * Contract: a pattern is literal text with "{id}" for a path segment that
 * must be a positive decimal id without a leading zero (1 to INT64_MAX),
 * and may end in "*" for any rest; route_match() is true when path is the
 * pattern so filled, and then params[0..*nparams) are the ids in order,
 * never more than ROUTE_MAX_PARAMS. It reads nothing past either string's
 * NUL and allocates nothing. */
#include <stdbool.h>
#include <stdint.h>

enum { ROUTE_MAX_PARAMS = 4 };

bool route_match(const char *pattern, const char *path, int64_t *params, int *nparams);
#endif
