/* libFuzzer target for select_read_files() (core/select_files.h): the
 * quota and people files someone brings to `emptychair select`. The first
 * byte is the number of places (1 to 256); the rest is the quota file, a
 * NUL byte, then the people file. Besides ASan and UBSan it checks, and
 * abort()s when one is broken:
 *   - an accepted pair has people and features, every person's value is
 *     one of its feature's, bounds are 0 <= min <= max <= places, and ids
 *     are non-empty and distinct;
 *   - a refused pair says where: "q.csv:LINE: " or "q.csv:LINE:COLUMN: "
 *     (or p.csv), LINE and COLUMN from 1. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/select_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_select_files: contract broken: %s\n", what);
	abort();
}

static void check_where(const char *error)
{
	if (strncmp(error, "q.csv:", 6) && strncmp(error, "p.csv:", 6)) broken("the error names no file");
	const char *at = error + 6;
	for (int part = 0; part < 2; part++) {
		char *end;
		long v = strtol(at, &end, 10);
		if (end == at) {
			if (part == 0) broken("the error names no line");
			break;
		}
		if (v < 1) broken("a line or column below 1");
		if (*end != ':') broken("the place is not followed by a colon");
		at = end + 1;
		if (*at == ' ') break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2) return 0;
	int places = data[0] + 1;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	const char *nul = memchr(text, 0, len);
	if (!nul) return 0;
	size_t qlen = (size_t)(nul - text);
	struct arena a = { 0 };
	struct select_files in;
	const char *error = NULL;
	if (select_read_files(&a, places, NULL, "q.csv", text, qlen, "p.csv", nul + 1, len - qlen - 1, &in,
	                      &error)) {
		const struct select_problem *p = &in.problem;
		if (p->n_people < 1 || p->n_features < 1) broken("accepted without people or features");
		for (int f = 0; f < p->n_features; f++)
			for (int v = 0; v < p->features[f].n_values; v++)
				if (p->features[f].min[v] < 0 || p->features[f].min[v] > p->features[f].max[v] ||
				    p->features[f].max[v] > places)
					broken("bounds out of order");
		for (int i = 0; i < p->n_people; i++) {
			if (!in.ids[i][0]) broken("an empty id");
			for (int f = 0; f < p->n_features; f++) {
				int v = p->value[i * p->n_features + f];
				if (v < 0 || v >= p->features[f].n_values) broken("a value out of range");
			}
			for (int j = 0; j < i && p->n_people < 200; j++)
				if (!strcmp(in.ids[i], in.ids[j])) broken("two people with one id");
		}
	} else {
		if (!error) broken("refused without a message");
		check_where(error);
	}
	arena_free(&a);
	return 0;
}
