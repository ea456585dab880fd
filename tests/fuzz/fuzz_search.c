/* libFuzzer target for the library's search words (core/case_study.c's
 * case_search_terms), what anyone may type into the public library, and
 * for HTTP dates (core/civil_time.c), what another site's If-Modified-Since
 * sends. Besides memory errors and undefined behaviour it abort()s when the
 * search query is anything but quoted terms with no quote inside them (the
 * only shape FTS5 and websearch_to_tsquery must read as plain words), or
 * when a date read back is not the date written. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_study.h"
#include "core/civil_time.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const char *q)
{
	fprintf(stderr, "fuzz_search: contract broken: %s: %s\n", what, q ? q : "(null)");
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	struct arena a = { 0 };
	const char *q = case_search_terms(s, &a);
	if (q) {
		/* "term" "term" ...: a quote opens, text without quotes, a quote
		 * closes, then one space before the next */
		const char *p = q;
		for (;;) {
			if (*p != '"') broken("a term does not start with a quote", q);
			const char *end = strchr(p + 1, '"');
			if (!end) broken("a term is not closed", q);
			if (end == p + 1) broken("an empty term", q);
			if (end[-1] == ' ' || p[1] == ' ') broken("a term with spaces at its ends", q);
			p = end + 1;
			if (!*p) break;
			if (*p != ' ' || p[1] != '"') broken("terms not one space apart", q);
			p++;
		}
	}
	arena_free(&a);
	int64_t t;
	if (civil_parse_http_date(s, &t)) {
		char back[CIVIL_HTTP_DATE];
		civil_http_date(t, back);
		int64_t again;
		if (!civil_parse_http_date(back, &again) || again != t)
			broken("an HTTP date that does not read back", back);
	}
	free(s);
	return 0;
}
