#include "core/disclosure.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

struct pair {
	int64_t person;
	int figure;
};

static int compare_pairs(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->person != y->person) return x->person < y->person ? -1 : 1;
	return x->figure - y->figure;
}

/* A person's signature: the shown figures they are in, ascending, as a
 * span of the sorted pairs. */
struct signature {
	int start, len;
};

static int compare_signatures(const void *a, const void *b, void *ctx)
{
	const struct pair *p = ctx;
	const struct signature *x = a, *y = b;
	for (int i = 0; i < x->len && i < y->len; i++) {
		int d = p[x->start + i].figure - p[y->start + i].figure;
		if (d) return d;
	}
	return x->len - y->len;
}

static bool same_signature(const struct pair *p, const struct signature *x, const struct signature *y)
{
	if (x->len != y->len) return false;
	for (int i = 0; i < x->len; i++)
		if (p[x->start + i].figure != p[y->start + i].figure) return false;
	return true;
}

/* The people in any shown figure, each with their signature, sorted by
 * signature so that each atom is a run. */
struct atoms {
	struct pair *pairs;
	int n_pairs;
	struct signature *sigs;   /* one per person, sorted */
	int n_people;
};

static void atoms_free(struct atoms *at)
{
	free(at->pairs);
	free(at->sigs);
	*at = (struct atoms){ 0 };
}

static void atoms_make(const struct disclosure_figure *f, int n, struct atoms *at)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		if (f[i].shown) total += f[i].n_members;
	at->pairs = xmalloc(sizeof *at->pairs * (size_t)(total ? total : 1));
	at->n_pairs = 0;
	for (int i = 0; i < n; i++)
		if (f[i].shown)
			for (int m = 0; m < f[i].n_members; m++)
				at->pairs[at->n_pairs++] = (struct pair){ f[i].members[m], i };
	qsort(at->pairs, (size_t)at->n_pairs, sizeof *at->pairs, compare_pairs);
	at->sigs = xmalloc(sizeof *at->sigs * (size_t)(total ? total : 1));
	at->n_people = 0;
	for (int x = 0; x < at->n_pairs;) {
		int y = x;
		while (y < at->n_pairs && at->pairs[y].person == at->pairs[x].person) y++;
		at->sigs[at->n_people++] = (struct signature){ x, y - x };
		x = y;
	}
	qsort_r(at->sigs, (size_t)at->n_people, sizeof *at->sigs, compare_signatures, at->pairs);
}

/* Index of the first signature of the smallest small atom, its size in
 * *size; -1 if none. */
static int smallest_small_atom(const struct atoms *at, int *size)
{
	int best = -1, best_size = DISCLOSURE_MIN;
	for (int x = 0; x < at->n_people;) {
		int y = x;
		while (y < at->n_people && same_signature(at->pairs, &at->sigs[x], &at->sigs[y])) y++;
		if (y - x < best_size) { best = x; best_size = y - x; }
		x = y;
	}
	*size = best_size;
	return best;
}

/* People whose signature is the atom's plus figure g. */
static int merging_with(const struct atoms *at, const struct signature *atom, int g)
{
	int count = 0;
	for (int x = 0; x < at->n_people; x++) {
		const struct signature *s = &at->sigs[x];
		if (s->len != atom->len + 1) continue;
		int i = 0, j = 0;
		bool has_g = false, same = true;
		while (same && j < s->len) {
			int fj = at->pairs[s->start + j].figure;
			if (i < atom->len && at->pairs[atom->start + i].figure == fj) { i++; j++; continue; }
			if (fj == g && !has_g) { has_g = true; j++; continue; }
			same = false;
		}
		count += same && has_g && i == atom->len;
	}
	return count;
}

bool disclosure_hold_back(struct disclosure_figure *f, int n)
{
	for (int i = 0; i < n; i++)
		f[i].shown = f[i].already_public || f[i].n_members == 0 || f[i].n_members >= DISCLOSURE_MIN;
	for (;;) {
		struct atoms at;
		atoms_make(f, n, &at);
		int size, first = smallest_small_atom(&at, &size);
		if (first < 0) { atoms_free(&at); return true; }
		const struct signature *atom = &at.sigs[first];
		/* hold back the smallest figure the atom's people are in */
		int pick = -1;
		for (int i = 0; i < atom->len; i++) {
			int g = at.pairs[atom->start + i].figure;
			if (f[g].already_public) continue;
			if (pick < 0 || f[g].n_members < f[pick].n_members) pick = g;
		}
		/* else the figure whose holding back merges the atom with most */
		if (pick < 0) {
			int most = 0;
			for (int g = 0; g < n; g++) {
				if (!f[g].shown || f[g].already_public) continue;
				int m = merging_with(&at, atom, g);
				if (m > most) { most = m; pick = g; }
			}
		}
		atoms_free(&at);
		if (pick < 0) return false;
		f[pick].shown = false;
	}
}
