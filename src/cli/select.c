/* emptychair select: a fair draw from files, without a database
 * (core/select.h; the file formats in core/select_files.h). */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "core/csv.h"
#include "core/select.h"
#include "core/select_files.h"
#include "core/text.h"

/* The whole of path into b; false, having said why. */
static bool read_all(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "emptychair select: cannot read %s: %m\n", path);
		return false;
	}
	char chunk[65536];
	size_t n;
	buf_put(b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(b, chunk, n);
	bool ok = !ferror(f);
	fclose(f);
	if (!ok) fprintf(stderr, "emptychair select: cannot read %s\n", path);
	return ok;
}

static bool write_all(const char *path, const struct buf *b)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "wb") : stdout;
	if (!f) {
		fprintf(stderr, "emptychair select: cannot write %s: %m\n", path);
		return false;
	}
	bool ok = fwrite(b->data, 1, b->len, f) == b->len;
	ok = (f == stdout ? fflush(f) == 0 : fclose(f) == 0) && ok;
	if (!ok) fprintf(stderr, "emptychair select: cannot write %s\n", path);
	return ok;
}

static void say_impossible(const struct select_files *in, const struct select_result *r, int places)
{
	const struct select_problem *p = &in->problem;
	if (r->short_of_people) {
		fprintf(stderr, "emptychair select: there are %d people for %d places: %d more are needed.\n",
		        p->n_people, places, r->short_of_people);
		return;
	}
	fprintf(stderr, "emptychair select: no panel of %d meets every quota.\n", places);
	if (!r->n_relaxations) return;
	fprintf(stderr, "The smallest change that makes one possible%s:\n",
	        r->beyond_flex ? " (it goes past min_flex or max_flex)" : "");
	for (int i = 0; i < r->n_relaxations; i++) {
		const struct select_relaxation *x = &r->relaxations[i];
		const struct select_feature *f = &p->features[x->feature];
		fprintf(stderr, "  %s, %s: %s %d instead of %d (%d in the pool)\n", f->name, f->values[x->value],
		        x->is_min ? "at least" : "at most", x->to, x->from, x->pool);
	}
}

int cmd_select(struct cli_options *o, int argc, char **argv)
{
	enum { FEATURES, PEOPLE, PLACES, ID_COLUMN, SEED, NUMBER, LOTTERY, SELECTED, OUT, SECONDS };
	struct cli_opt opts[] = {
		[FEATURES] = { "--features", true }, [PEOPLE] = { "--people", true },
		[PLACES] = { "--places", true }, [ID_COLUMN] = { "--id-column", true },
		[SEED] = { "--seed", true }, [NUMBER] = { "--number", true },
		[LOTTERY] = { "--lottery", true }, [SELECTED] = { "--selected", true },
		[OUT] = { "--out", true }, [SECONDS] = { "--seconds", true }, { 0 },
	};
	enum cli_parse_rc parsed = cli_parse("select", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	if (!opts[FEATURES].given || !opts[PEOPLE].given || !opts[PLACES].given) {
		fprintf(stderr, "emptychair select: --features FILE, --people FILE and --places K are needed\n");
		return 2;
	}
	int64_t places, seed = 0, number = -1, seconds = 600;
	if (!parse_i64(opts[PLACES].value, 1, 100000, &places)) {
		fprintf(stderr, "emptychair select: --places is a whole number from 1\n");
		return 2;
	}
	if (opts[SEED].given && !parse_i64(opts[SEED].value, 0, INT64_MAX, &seed)) {
		fprintf(stderr, "emptychair select: --seed is a whole number from 0\n");
		return 2;
	}
	if (!opts[SEED].given) {
		uint64_t random;
		randombytes_buf(&random, sizeof random);
		seed = (int64_t)(random >> 1);
	}
	if (opts[NUMBER].given && !parse_i64(opts[NUMBER].value, 0, SELECT_LOTTERY - 1, &number)) {
		fprintf(stderr, "emptychair select: --number is a whole number from 0 to %d\n", SELECT_LOTTERY - 1);
		return 2;
	}
	if (opts[SECONDS].given && !parse_i64(opts[SECONDS].value, 1, 86400, &seconds)) {
		fprintf(stderr, "emptychair select: --seconds is a whole number from 1 to 86400\n");
		return 2;
	}
	struct buf features = { 0 }, people = { 0 }, out = { 0 };
	struct arena a = { 0 };
	int status = 1;
	if (!read_all(opts[FEATURES].value, &features) || !read_all(opts[PEOPLE].value, &people)) goto done;
	struct select_files in;
	const char *error;
	if (!select_read_files(&a, (int)places, opts[ID_COLUMN].value, opts[FEATURES].value, features.data,
	                       features.len, opts[PEOPLE].value, people.data, people.len, &in, &error)) {
		fprintf(stderr, "emptychair select: %s\n", error);
		goto done;
	}
	struct select_options so = { .seed = (uint64_t)seed, .seconds = (double)seconds };
	struct select_result r;
	if (!select_solve(&a, &in.problem, &so, &r)) {
		fprintf(stderr, "emptychair select: %s\n", select_check(&in.problem));
		goto done;
	}
	if (r.outcome == SELECT_IMPOSSIBLE) { say_impossible(&in, &r, (int)places); goto done; }
	if (r.outcome == SELECT_OUT_OF_TIME) {
		fprintf(stderr, "emptychair select: no answer within %" PRId64 " seconds (--seconds)\n", seconds);
		goto done;
	}
	if (r.outcome == SELECT_FAILED) {
		fprintf(stderr, "emptychair select: the solver met numerical trouble; please report it with the files\n");
		goto done;
	}
	const char *how = opts[NUMBER].given ? "--number" : "from --seed";
	if (number < 0) number = select_number_from_seed((uint64_t)seed);
	const int *panel = select_panel(&r, (int)places, (int)number);
	bool *chosen = arena_alloc(&a, sizeof *chosen * (size_t)in.problem.n_people);
	for (int i = 0; i < places; i++) chosen[panel[i]] = true;

	/* every person: chance, panels of the lottery, chosen or not */
	csv_begin(&out);
	csv_field(&out, "id");
	csv_field(&out, "probability");
	csv_field(&out, "lottery_panels");
	csv_field(&out, "selected");
	csv_end_row(&out);
	char num[32];
	for (int i = 0; i < in.problem.n_people; i++) {
		csv_field(&out, in.ids[i]);
		snprintf(num, sizeof num, "%.9f", r.probability[i]);
		csv_field(&out, num);
		csv_field_i64(&out, r.lottery_count[i]);
		csv_field_i64(&out, chosen[i]);
		csv_end_row(&out);
	}
	if (!write_all(opts[OUT].given ? opts[OUT].value : "-", &out)) goto done;
	if (opts[LOTTERY].given) {
		buf_reset(&out);
		csv_begin(&out);
		csv_field(&out, "number");
		for (int s = 0; s < places; s++) {
			snprintf(num, sizeof num, "seat_%d", s + 1);
			csv_field(&out, num);
		}
		csv_end_row(&out);
		for (int j = 0; j < SELECT_LOTTERY; j++) {
			csv_field_i64(&out, j);
			for (int s = 0; s < places; s++) csv_field(&out, in.ids[select_panel(&r, (int)places, j)[s]]);
			csv_end_row(&out);
		}
		if (!write_all(opts[LOTTERY].value, &out)) goto done;
	}
	if (opts[SELECTED].given) {
		buf_reset(&out);
		csv_begin(&out);
		for (int c = 0; c < in.n_columns; c++) csv_field(&out, in.header[c]);
		csv_end_row(&out);
		for (int i = 0; i < places; i++) {
			for (int c = 0; c < in.n_columns; c++) csv_field(&out, in.rows[panel[i]][c]);
			csv_end_row(&out);
		}
		if (!write_all(opts[SELECTED].value, &out)) goto done;
	}
	double lo = 1, hi = 0;
	for (int i = 0; i < in.problem.n_people; i++) {
		if (r.probability[i] < lo) lo = r.probability[i];
		if (r.probability[i] > hi) hi = r.probability[i];
	}
	fprintf(stderr,
	        "%d %s, %" PRId64 " %s, %d %s, %d %s\n"
	        "chances from %.6f to %.6f (%" PRId64 " in %d would be even)\n"
	        "solved in %.2f s: %d panels looked at, %d integer and %d linear programs\n"
	        "seed %" PRId64 "; number %" PRId64 " (%s): panel %" PRId64 " of the %d:",
	        in.problem.n_people, in.problem.n_people == 1 ? "person" : "people", places,
	        places == 1 ? "place" : "places", in.problem.n_features,
	        in.problem.n_features == 1 ? "feature" : "features", r.types, r.types == 1 ? "type" : "types",
	        lo, hi, places,
	        in.problem.n_people, r.seconds, r.columns, r.mips, r.lps, seed, number, how, number,
	        SELECT_LOTTERY);
	for (int i = 0; i < places; i++) fprintf(stderr, " %s", in.ids[panel[i]]);
	fputc('\n', stderr);
	status = 0;
done:
	buf_free(&features);
	buf_free(&people);
	buf_free(&out);
	arena_free(&a);
	return status;
}
