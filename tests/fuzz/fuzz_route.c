/* libFuzzer target for route_match() (web/http/route_match.h): a pattern and a
 * path, separated by the first newline. Besides memory errors and undefined
 * behaviour it checks the contract and abort()s when one is broken:
 *   - a match gives at most ROUTE_MAX_PARAMS ids, each 1 or more;
 *   - the pattern with its "{id}"s replaced by those ids, in decimal, is
 *     the path (a final "*" stands for any rest of it);
 *   - the answer is the same when asked twice. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/http/route_match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_route: contract broken: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	if (!nl) return 0;
	size_t plen = (size_t)(nl - data);
	char *pattern = strndup((const char *)data, plen);
	char *path = strndup((const char *)nl + 1, size - plen - 1);
	int64_t params[ROUTE_MAX_PARAMS], again[ROUTE_MAX_PARAMS];
	int n = -1, m = -1;
	bool hit = route_match(pattern, path, params, &n);
	if (route_match(pattern, path, again, &m) != hit) broken("two answers");
	if (hit) {
		if (n < 0 || n > ROUTE_MAX_PARAMS || n != m) broken("a count of ids out of range");
		size_t cap = strlen(pattern) + (size_t)n * 24 + 1;
		char *filled = malloc(cap), *o = filled;
		int k = 0;
		bool rest = false;
		for (const char *p = pattern; *p && !rest;) {
			if (*p == '*') {
				rest = true;
			} else if (!strncmp(p, "{id}", 4) && k < n) {
				if (params[k] < 1 || params[k] != again[k]) broken("an id below 1");
				o += sprintf(o, "%" PRId64, params[k++]);
				p += 4;
			} else {
				*o++ = *p++;
			}
		}
		*o = 0;
		if (k != n) broken("more ids than {id}s");
		if (rest ? strncmp(filled, path, strlen(filled)) : strcmp(filled, path))
			broken("the filled pattern is not the path");
		free(filled);
	}
	free(pattern);
	free(path);
	return 0;
}
