/* Route patterns (web/http/route_match.h). A fuzz target: tests/fuzz/fuzz_route.c. */
#include "web/http/route_match.h"

#include <string.h>

#include "core/text.h"

bool route_match(const char *pattern, const char *path, int64_t *params, int *nparams)
{
	*nparams = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '*') return true;
		if (*p == '{' && !strncmp(p, "{id}", 4)) {
			const char *end = strchr(s, '/');
			size_t n = end ? (size_t)(end - s) : strlen(s);
			char num[24];
			if (n == 0 || n >= sizeof num || *nparams == ROUTE_MAX_PARAMS) return false;
			memcpy(num, s, n);
			num[n] = 0;
			int64_t v;
			if (!parse_i64(num, 1, INT64_MAX, &v) || num[0] == '0') return false;
			params[(*nparams)++] = v;
			p += 4;
			s += n;
			continue;
		}
		if (*p != *s) return false;
		p++;
		s++;
	}
	return *p == *s || (*p == '*' && !*s);
}
