/* bench/select: the fair-selection solver (core/select.c) on the public
 * instances and on a generated hard one. Run by bench/select, which builds
 * it; by hand: select-bench BENCHDATA_DIR.
 *
 * One line per instance, then, always in this form:
 *   select: instances=N worst_seconds=X max_min_prob_gap=X
 * where worst_seconds is the slowest instance's wall time (LEXIMIN and the
 * rounding to 1,000 panels, files already read) and the gap is the largest
 * difference between the lowest chance found and the published or computed
 * one (../shared/benchdata/sortition/README.md). An instance that takes
 * longer than the limit (argument 2, default 600 s) is printed as
 * out_of_time and counts at the limit. The generated instance has
 * no reference, so it adds to worst_seconds only. Every instance is also
 * checked: each of the 1,000 panels has k different people and meets every
 * quota, and each person's share of them is within 1/1,000 of their chance;
 * the run fails (exit 1) otherwise.
 *
 * The generated instance: n = 1,000 people, k = 60 places, 6 features with
 * 3, 4, 5, 6, 7 and 8 values. Values are drawn (splitmix64, fixed seed)
 * with weights 1/(v+1), so that some values are rare, and each feature
 * copies a function of the one before with probability 0.3, so features
 * are correlated as in real pools. Quotas are tight: for a value held by a
 * share s of the pool, min = floor(k s) and max = floor(k s) + 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/select.h"
#include "core/select_files.h"

static bool read_all(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f) return false;
	char chunk[65536];
	size_t n;
	buf_put(b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(b, chunk, n);
	fclose(f);
	return true;
}

static uint64_t next(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void generate(struct arena *a, struct select_problem *p)
{
	enum { N = 1000, K = 60, F = 6 };
	static const char *names[F] = { "f1", "f2", "f3", "f4", "f5", "f6" };
	uint64_t rng = 20261206;
	struct select_feature *ft = arena_alloc(a, sizeof *ft * F);
	int *value = arena_alloc(a, sizeof *value * N * F);
	for (int f = 0; f < F; f++) {
		int nv = 3 + f;
		ft[f].name = names[f];
		ft[f].n_values = nv;
		ft[f].values = arena_alloc(a, sizeof *ft[f].values * (size_t)nv);
		ft[f].min = arena_alloc(a, sizeof *ft[f].min * (size_t)nv);
		ft[f].max = arena_alloc(a, sizeof *ft[f].max * (size_t)nv);
		for (int v = 0; v < nv; v++) ft[f].values[v] = arena_printf(a, "v%d", v);
	}
	for (int i = 0; i < N; i++)
		for (int f = 0; f < F; f++) {
			int nv = ft[f].n_values, v;
			if (f > 0 && next(&rng) % 10 < 3) {
				v = (value[i * F + f - 1] * 2 + f) % nv;
			} else {
				double total = 0, u;
				for (int x = 0; x < nv; x++) total += 1.0 / (x + 1);
				u = (double)(next(&rng) >> 11) / 9007199254740992.0 * total;
				for (v = 0; v < nv - 1; v++) {
					u -= 1.0 / (v + 1);
					if (u < 0) break;
				}
			}
			value[i * F + f] = v;
		}
	for (int f = 0; f < F; f++)
		for (int v = 0; v < ft[f].n_values; v++) {
			int held = 0;
			for (int i = 0; i < N; i++) held += value[i * F + f] == v;
			ft[f].min[v] = (int)floor((double)K * held / N);
			ft[f].max[v] = ft[f].min[v] + 1;
		}
	*p = (struct select_problem){ .places = K, .n_features = F, .features = ft, .n_people = N, .value = value };
}

/* Every panel: k different people within every quota; every share within
 * 1/1000 of the chance. */
static bool check(const struct select_problem *p, const struct select_result *r, double *worst_share)
{
	int k = p->places;
	int *count = calloc((size_t)p->n_people, sizeof *count);
	*worst_share = 0;
	bool ok = true;
	for (int j = 0; j < SELECT_LOTTERY && ok; j++) {
		const int *panel = select_panel(r, k, j);
		for (int s = 0; s < k; s++) {
			count[panel[s]]++;
			if (s && panel[s] <= panel[s - 1]) ok = false;
		}
		for (int f = 0; f < p->n_features && ok; f++)
			for (int v = 0; v < p->features[f].n_values; v++) {
				int held = 0;
				for (int s = 0; s < k; s++) held += p->value[panel[s] * p->n_features + f] == v;
				if (held < p->features[f].min[v] || held > p->features[f].max[v]) ok = false;
			}
	}
	for (int i = 0; i < p->n_people; i++) {
		double d = fabs((double)count[i] / SELECT_LOTTERY - r->probability[i]);
		if (d > *worst_share) *worst_share = d;
		if (count[i] != r->lottery_count[i] || d > 1.0 / SELECT_LOTTERY + 1e-9) ok = false;
	}
	free(count);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: select-bench BENCHDATA_DIR [SECONDS]\n"
		                "  (../shared/benchdata/sortition; each instance's time limit, 600)\n");
		return 2;
	}
	const char *dir = argv[1];
	double limit = argc == 3 ? atof(argv[2]) : 600;
	if (limit <= 0) limit = 600;
	static const struct {
		const char *name, *features, *people;
		int k;
		double reference;     /* lowest chance, published or computed; < 0: none */
	} instances[] = {
		{ "example_small_20", "citizensassemblies-replication/data/example_small_20/categories.csv",
		  "citizensassemblies-replication/data/example_small_20/respondents.csv", 20, 0.100 },
		{ "example_large_200", "citizensassemblies-replication/data/example_large_200/categories.csv",
		  "citizensassemblies-replication/data/example_large_200/respondents.csv", 200, 0.100 },
		{ "sa_fixture_22", "sortition-algorithms/tests/fixtures/features.csv",
		  "sortition-algorithms/tests/fixtures/candidates.csv", 22, 1.0 / 11.0 },
		{ "generated_1000_60", NULL, NULL, 60, -1 },
	};
	int count = 0;
	double worst_seconds = 0, worst_gap = 0;
	bool all_ok = true;
	for (size_t x = 0; x < sizeof instances / sizeof instances[0]; x++) {
		struct arena a = { 0 };
		struct select_problem p;
		if (instances[x].features) {
			struct buf fb = { 0 }, pb = { 0 };
			const char *fpath = arena_printf(&a, "%s/%s", dir, instances[x].features);
			const char *ppath = arena_printf(&a, "%s/%s", dir, instances[x].people);
			if (!read_all(fpath, &fb) || !read_all(ppath, &pb)) {
				fprintf(stderr, "select-bench: cannot read %s or %s\n", fpath, ppath);
				return 1;
			}
			struct select_files in;
			const char *error;
			if (!select_read_files(&a, instances[x].k, NULL, fpath, fb.data, fb.len, ppath, pb.data,
			                       pb.len, &in, &error)) {
				fprintf(stderr, "select-bench: %s\n", error);
				return 1;
			}
			p = in.problem;
			buf_free(&fb);
			buf_free(&pb);
		} else {
			generate(&a, &p);
		}
		struct select_options o = { .seed = 1, .seconds = limit };
		struct select_result r;
		if (select_solve(&a, &p, &o, &r) && r.outcome == SELECT_OUT_OF_TIME) {
			/* a figure too: the instance takes longer than the limit */
			printf("%s: n=%d k=%d types=%d seconds=>%.0f outcome=out_of_time types_settled=%d "
			       "panels_looked_at=%d mips=%d lps=%d\n",
			       instances[x].name, p.n_people, p.places, r.types, limit, r.settled, r.columns, r.mips, r.lps);
			fflush(stdout);
			if (r.seconds > worst_seconds) worst_seconds = r.seconds;
			count++;
			arena_free(&a);
			continue;
		}
		if (r.outcome != SELECT_DONE) {
			fprintf(stderr, "select-bench: %s: no lottery (outcome %d)\n", instances[x].name, r.outcome);
			return 1;
		}
		double lo = 1, hi = 0, share;
		for (int i = 0; i < p.n_people; i++) {
			if (r.probability[i] < lo) lo = r.probability[i];
			if (r.probability[i] > hi) hi = r.probability[i];
		}
		bool ok = check(&p, &r, &share);
		all_ok = all_ok && ok;
		printf("%s: n=%d k=%d types=%d seconds=%.3f min_prob=%.6f max_prob=%.6f", instances[x].name,
		       p.n_people, p.places, r.types, r.seconds, lo, hi);
		if (instances[x].reference >= 0) {
			double gap = fabs(lo - instances[x].reference);
			if (gap > worst_gap) worst_gap = gap;
			printf(" reference=%.6f gap=%.2g", instances[x].reference, gap);
		}
		printf(" panels_looked_at=%d mips=%d lps=%d lottery_max_share_gap=%.6f checks=%s\n", r.columns,
		       r.mips, r.lps, share, ok ? "ok" : "FAILED");
		fflush(stdout);
		if (r.seconds > worst_seconds) worst_seconds = r.seconds;
		count++;
		arena_free(&a);
	}
	printf("select: instances=%d worst_seconds=%.3f max_min_prob_gap=%.2g\n", count, worst_seconds, worst_gap);
	return all_ok ? 0 : 1;
}
