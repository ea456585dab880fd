/* libFuzzer target for profile_normalise() (core/profile.h). The first
 * byte picks a field of the catalogue (modulo its size); the rest is the
 * raw value a member typed or chose, as a C string (form values never hold
 * a NUL, so the value ends at the first one). Besides ASan and UBSan it
 * checks, on every accepted value, and abort()s when one is broken:
 *   - the stored form is valid UTF-8 per utf8_valid() and trimmed;
 *   - FK_TEXT is one line; text kinds keep within max_chars code points;
 *   - FK_CHOICE is empty or one option key;
 *   - FK_MULTI is a comma-separated list of option keys, each once, in
 *     catalogue order;
 *   - normalising the stored form again gives the same stored form;
 *   - profile_display() and profile_multi_has() accept it. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/profile.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_profile: contract broken: %s\n", what);
	abort();
}

/* Index in f's options of the key s[0..n), or -1. */
static int option_index(const struct profile_field *f, const char *s, size_t n)
{
	for (int i = 0; f->options && f->options[i].key; i++)
		if (strlen(f->options[i].key) == n && !memcmp(f->options[i].key, s, n)) return i;
	return -1;
}

static void check_multi(const struct profile_field *f, const char *out)
{
	if (!*out) return;
	int last = -1;
	for (const char *p = out;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		int k = option_index(f, p, len);
		if (k < 0) broken("multi value holds a key that is not an option");
		if (k <= last) broken("multi value not in catalogue order or repeats a key");
		if (!profile_multi_has(out, f->options[k].key)) broken("profile_multi_has missed a key");
		last = k;
		if (!comma) break;
		p = comma + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0) return 0;
	const struct profile_field *f = &profile_fields[data[0] % profile_field_count];
	char *raw = xmalloc(size);
	memcpy(raw, data + 1, size - 1);
	raw[size - 1] = 0;

	struct arena a = {0};
	const char *out = NULL, *error = NULL;
	if (!profile_normalise(f, raw, &a, &out, &error)) {
		if (!error || !*error) broken("refused without a reason");
		goto done;
	}
	if (!out) broken("accepted without a stored value");
	size_t n = strlen(out);
	if (!utf8_valid(out, n)) broken("stored value is not valid UTF-8");
	if (n && (isspace((unsigned char)out[0]) || isspace((unsigned char)out[n - 1])))
		broken("stored value is not trimmed");
	switch (f->kind) {
	case FK_TEXT:
		if (strpbrk(out, "\r\n")) broken("one-line text holds a line break");
		/* fall through */
	case FK_LONGTEXT:
	case FK_SELF_DESCRIBED:
		if (utf8_length(out) > f->max_chars) broken("text longer than max_chars");
		break;
	case FK_CHOICE:
		if (*out && option_index(f, out, n) < 0) broken("choice is not an option");
		break;
	case FK_MULTI:
		check_multi(f, out);
		break;
	}

	const char *again = NULL;
	error = NULL;
	if (!profile_normalise(f, out, &a, &again, &error)) broken("stored value refused when given again");
	if (strcmp(again, out)) broken("normalising is not idempotent");
	if (!profile_display(f, out, &a)) broken("profile_display gave NULL");
done:
	arena_free(&a);
	free(raw);
	return 0;
}
