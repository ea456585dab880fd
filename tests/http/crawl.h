#ifndef EC_TESTS_HTTP_CRAWL_H
#define EC_TESTS_HTTP_CRAWL_H
/* A crawl, as one person, of every page reachable by a link from a list
 * of starting paths: at most two pages of each shape (digits taken as
 * one), so that every kind of page is seen in a bounded time. Downloads,
 * the API and what would end the session are not followed. Each answer is
 * given to visit(); the forms found are collected for the caller. */
#include <stdbool.h>

#include "harness.h"

enum { CRAWL_MAX = 600 };
struct crawl {
	char *seen[CRAWL_MAX], *shapes[CRAWL_MAX], *forms[CRAWL_MAX];
	int n_seen, n_shapes, n_forms, pages;   /* pages: HTML pages with a <main> */
};

/* c zeroed by the caller (calloc: it is large); visit may be NULL. */
void crawl_run(struct crawl *c, struct client *who, const char *const *start,
               void (*visit)(const char *path, const struct response *r, void *ctx), void *ctx);
void crawl_free(struct crawl *c);
/* path with every run of digits as "#" (malloc'd). */
char *crawl_shape(const char *path);
#endif
