/* libFuzzer target for form_parse() (web/http/form.h): the bytes of one
 * application/x-www-form-urlencoded body or query string, as a client sends
 * them. Besides memory errors (ASan) and undefined behaviour (UBSan) it
 * checks the contract of form.h on every accepted input and abort()s when
 * one is broken:
 *   - at most FORM_MAX_FIELDS fields, one per non-empty '&'-separated part;
 *   - every name non-empty and at most FORM_MAX_NAME bytes;
 *   - every name and value valid UTF-8 per utf8_valid() (so no NUL inside);
 *   - form_get() finds the first value of each name, form_get_all() joins
 *     every value of it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "web/http/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_form: contract broken: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = {0};
	struct form f;
	const char *error = NULL;
	if (!form_parse((const char *)data, size, &a, &f, &error)) {
		if (!error || !*error) broken("refused without a reason");
		arena_free(&a);
		return 0;
	}

	size_t parts = 0;
	for (size_t i = 0, start = 0; i <= size; i++) {
		if (i < size && data[i] != '&') continue;
		if (i > start) parts++;
		start = i + 1;
	}
	if (f.n > FORM_MAX_FIELDS) broken("too many fields");
	if (f.n != parts) broken("field count differs from the '&' parts");

	for (size_t i = 0; i < f.n; i++) {
		const char *name = f.fields[i].name, *value = f.fields[i].value;
		if (!name || !value) broken("NULL name or value");
		size_t nlen = strlen(name);
		if (nlen == 0 || nlen > FORM_MAX_NAME) broken("empty or overlong name");
		if (!utf8_valid(name, nlen)) broken("name is not valid UTF-8");
		if (!utf8_valid(value, strlen(value))) broken("value is not valid UTF-8");

		/* The first field of this name is what form_get() answers. */
		size_t first = 0;
		while (strcmp(f.fields[first].name, name)) first++;
		if (form_get(&f, name) != f.fields[first].value) broken("form_get missed the first value");
		if (!form_has(&f, name)) broken("form_has missed a name");
		if (first == i) {
			/* Joined with one comma between values; empty values at the
			 * start add no comma (form_get_all only puts one after text),
			 * which checkbox groups, whose values are never empty, do not
			 * mind. */
			size_t bytes = 0, count = 0, empty = 0;
			for (size_t k = 0; k < f.n; k++) {
				if (strcmp(f.fields[k].name, name)) continue;
				bytes += strlen(f.fields[k].value);
				count++;
				if (!*f.fields[k].value) empty++;
			}
			size_t got = strlen(form_get_all(&f, name, &a));
			if (got < bytes || got > bytes + count - 1 || (!empty && got != bytes + count - 1))
				broken("form_get_all lost or added bytes");
		}
	}
	arena_free(&a);
	return 0;
}
