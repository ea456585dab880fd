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

/* ---- what adding and subtracting shown figures reveals ----
 * A shown figure's support is a union of atoms, so every sum of shown
 * figures with whole coefficients is one over atoms: it gives the size of
 * a set S exactly when S's indicator (over atoms) lies in the span of the
 * shown figures' rows. S is in that span exactly when it is orthogonal to
 * every vector of the matrix's null space. The null space is found modulo
 * the prime P, and each atom gets one number: a fixed random combination
 * of its null-space coordinates; S is in the span only if its atoms'
 * numbers sum to 0 (the converse fails with odds of about 1 in 2^61, and
 * then a figure is held back that need not be: the safe way to be wrong). */

#define P 2305843009213693951ull /* 2^61 - 1 */

static uint64_t add_mod(uint64_t a, uint64_t b)
{
	uint64_t s = a + b;
	return s >= P ? s - P : s;
}

static uint64_t neg_mod(uint64_t a)
{
	return a ? P - a : 0;
}

static uint64_t mul_mod(uint64_t a, uint64_t b)
{
	unsigned __int128 x = (unsigned __int128)a * b;
	uint64_t lo = (uint64_t)(x & P), hi = (uint64_t)(x >> 61);
	return add_mod(lo, hi);
}

static uint64_t inv_mod(uint64_t a)
{
	uint64_t r = 1, e = P - 2;
	while (e) {
		if (e & 1) r = mul_mod(r, a);
		a = mul_mod(a, a);
		e >>= 1;
	}
	return r;
}

/* The atoms: each one's first signature and size, in at's order. */
struct atom {
	int first, size;
	bool presence_only;  /* in no figure but ones of who is there */
};

static int list_atoms(const struct disclosure_figure *f, const struct atoms *at,
                      struct atom *out)
{
	int n = 0;
	for (int x = 0; x < at->n_people;) {
		int y = x;
		while (y < at->n_people && same_signature(at->pairs, &at->sigs[x], &at->sigs[y])) y++;
		const struct signature *s = &at->sigs[x];
		bool presence_only = true;
		for (int i = 0; i < s->len; i++) presence_only &= f[at->pairs[s->start + i].figure].presence;
		out[n++] = (struct atom){ x, y - x, presence_only };
		x = y;
	}
	return n;
}

/* Whether atom a is in shown figure g. */
static bool atom_in(const struct atoms *at, const struct atom *a, int g)
{
	const struct signature *s = &at->sigs[a->first];
	for (int i = 0; i < s->len; i++)
		if (at->pairs[s->start + i].figure == g) return true;
	return false;
}

/* The next weight of a fixed sequence, from 1 to P - 1. */
static uint64_t mix_weight(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x % (P - 1) + 1;
}

/* Each atom's number (above) for the shown figures of f. */
static void atom_numbers(const struct disclosure_figure *f, int n, const struct atoms *at,
                         const struct atom *atoms, int n_atoms, uint64_t *h)
{
	int rows = 0;
	for (int i = 0; i < n; i++) rows += f[i].shown;
	uint64_t *m = xcalloc((size_t)(rows ? rows : 1) * (size_t)n_atoms, sizeof *m);
	int r = 0;
	for (int i = 0; i < n; i++) {
		if (!f[i].shown) continue;
		for (int a = 0; a < n_atoms; a++) m[(size_t)r * n_atoms + a] = atom_in(at, &atoms[a], i);
		r++;
	}
	/* reduced row echelon form */
	int *pivot_of_row = xcalloc((size_t)rows + 1, sizeof *pivot_of_row);
	bool *is_pivot = xcalloc((size_t)n_atoms + 1, sizeof *is_pivot);
	int rank = 0;
	for (int c = 0; c < n_atoms && rank < rows; c++) {
		int p = -1;
		for (int i = rank; i < rows && p < 0; i++)
			if (m[(size_t)i * n_atoms + c]) p = i;
		if (p < 0) continue;
		for (int k = 0; k < n_atoms; k++) {
			uint64_t t = m[(size_t)p * n_atoms + k];
			m[(size_t)p * n_atoms + k] = m[(size_t)rank * n_atoms + k];
			m[(size_t)rank * n_atoms + k] = t;
		}
		uint64_t inv = inv_mod(m[(size_t)rank * n_atoms + c]);
		for (int k = 0; k < n_atoms; k++)
			m[(size_t)rank * n_atoms + k] = mul_mod(m[(size_t)rank * n_atoms + k], inv);
		for (int i = 0; i < rows; i++) {
			uint64_t factor = m[(size_t)i * n_atoms + c];
			if (i == rank || !factor) continue;
			for (int k = 0; k < n_atoms; k++)
				m[(size_t)i * n_atoms + k] =
					add_mod(m[(size_t)i * n_atoms + k],
					        neg_mod(mul_mod(factor, m[(size_t)rank * n_atoms + k])));
		}
		pivot_of_row[rank++] = c;
		is_pivot[c] = true;
	}
	/* null-space vector of free column j: 1 at j, -row[i][j] at row i's
	 * pivot; each atom's number is the weighted sum over free columns */
	uint64_t w = 0x1234567;
	for (int a = 0; a < n_atoms; a++) h[a] = 0;
	for (int j = 0; j < n_atoms; j++) {
		if (is_pivot[j]) continue;
		w = mix_weight(w);
		h[j] = add_mod(h[j], w);
		for (int i = 0; i < rank; i++) {
			uint64_t v = m[(size_t)i * n_atoms + j];
			if (v) h[pivot_of_row[i]] = add_mod(h[pivot_of_row[i]], neg_mod(mul_mod(w, v)));
		}
	}
	free(m);
	free(pivot_of_row);
	free(is_pivot);
}

static bool all_presence(const struct atom *atoms, const int *idx, int n)
{
	for (int i = 0; i < n; i++)
		if (!atoms[idx[i]].presence_only) return false;
	return true;
}

/* Beyond this many atoms of 1 to 4 people, the sets they can make are not
 * searched one by one: each small atom counts as revealed (the rule of
 * atoms, which is stricter). */
enum { SEARCH_MAX = 48 };

/* A set of 1 to 4 people, made of whole atoms, whose size the shown
 * figures give: its atoms' indexes in out (at most 4), how many; 0 when
 * there is none. A set of people counted only in figures of who is there
 * (newcomers, say) says nothing of anyone's answers, and is let be. */
static int find_revealed(const struct atom *atoms, int n_atoms, const uint64_t *h, int *out)
{
	int small[SEARCH_MAX], k = 0;
	for (int a = 0; a < n_atoms; a++) {
		if (atoms[a].size >= DISCLOSURE_MIN) continue;
		if (k == SEARCH_MAX && !atoms[a].presence_only) {
			out[0] = a; /* too many to search: the atom itself */
			return 1;
		}
		if (k < SEARCH_MAX) small[k++] = a;
	}
	/* fewest people first: singles, then pairs, triples, fours */
#define ABOUT(...) !all_presence(atoms, (const int[]){ __VA_ARGS__ }, \
                                 (int)(sizeof((int[]){ __VA_ARGS__ }) / sizeof(int)))
	for (int i = 0; i < k; i++)
		if (!h[small[i]] && ABOUT(small[i])) { out[0] = small[i]; return 1; }
	for (int i = 0; i < k; i++)
		for (int j = i + 1; j < k; j++) {
			int a = small[i], b = small[j];
			if (atoms[a].size + atoms[b].size >= DISCLOSURE_MIN) continue;
			if (!add_mod(h[a], h[b]) && ABOUT(a, b)) { out[0] = a; out[1] = b; return 2; }
		}
	for (int i = 0; i < k; i++)
		for (int j = i + 1; j < k; j++)
			for (int l = j + 1; l < k; l++) {
				int a = small[i], b = small[j], c = small[l];
				if (atoms[a].size + atoms[b].size + atoms[c].size >= DISCLOSURE_MIN) continue;
				if (!add_mod(add_mod(h[a], h[b]), h[c]) && ABOUT(a, b, c)) {
					out[0] = a; out[1] = b; out[2] = c;
					return 3;
				}
			}
	for (int i = 0; i < k; i++)
		for (int j = i + 1; j < k; j++)
			for (int l = j + 1; l < k; l++)
				for (int q = l + 1; q < k; q++) {
					int a = small[i], b = small[j], c = small[l], d = small[q];
					if (atoms[a].size + atoms[b].size + atoms[c].size + atoms[d].size >=
					    DISCLOSURE_MIN)
						continue;
					if (!add_mod(add_mod(h[a], h[b]), add_mod(h[c], h[d])) && ABOUT(a, b, c, d)) {
						out[0] = a; out[1] = b; out[2] = c; out[3] = d;
						return 4;
					}
				}
#undef ABOUT
	return 0;
}

/* The people of a revealed set of the figures as they stand (see
 * find_revealed), ascending, in out (at most 4); how many, 0 when none. */
static int revealed(const struct disclosure_figure *f, int n, int64_t *out)
{
	struct atoms at;
	atoms_make(f, n, &at);
	struct atom *atoms = xmalloc(sizeof *atoms * (size_t)(at.n_people + 1));
	int n_atoms = list_atoms(f, &at, atoms);
	uint64_t *h = xmalloc(sizeof *h * (size_t)(n_atoms + 1));
	atom_numbers(f, n, &at, atoms, n_atoms, h);
	int idx[4], k = find_revealed(atoms, n_atoms, h, idx), people = 0;
	for (int i = 0; i < k; i++)
		for (int x = 0; x < atoms[idx[i]].size; x++) {
			const struct signature *s = &at.sigs[atoms[idx[i]].first + x];
			out[people++] = at.pairs[s->start].person;
		}
	for (int i = 1; i < people; i++)
		for (int j = i; j > 0 && out[j - 1] > out[j]; j--) {
			int64_t t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	free(atoms);
	free(h);
	atoms_free(&at);
	return people;
}

static bool in_figure(const struct disclosure_figure *f, int64_t person)
{
	int lo = 0, hi = f->n_members;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (f->members[mid] == person) return true;
		if (f->members[mid] < person) lo = mid + 1;
		else hi = mid;
	}
	return false;
}

/* Whether figure a should be held back before figure b: the one that
 * matters less, then the smaller. */
static bool sooner(const struct disclosure_figure *a, const struct disclosure_figure *b)
{
	return a->keep < b->keep || (a->keep == b->keep && a->n_members < b->n_members);
}

bool disclosure_hold_back(struct disclosure_figure *f, int n)
{
	for (int i = 0; i < n; i++)
		f[i].shown = f[i].already_public || f[i].n_members == 0 || f[i].n_members >= DISCLOSURE_MIN;
	for (;;) {
		int64_t set[DISCLOSURE_MIN];
		int k = revealed(f, n, set);
		if (!k) return true;
		/* the figure that matters least (then the smallest) without which
		 * that set is no longer worked out; failing one, the one that
		 * matters least among those holding some of its people */
		int pick = -1, holder = -1;
		for (int g = 0; g < n; g++) {
			if (!f[g].shown || f[g].already_public || f[g].n_members == 0) continue;
			bool holds = false;
			for (int s = 0; s < k && !holds; s++) holds = in_figure(&f[g], set[s]);
			if (holds && (holder < 0 || sooner(&f[g], &f[holder]))) holder = g;
			if (pick >= 0 && !sooner(&f[g], &f[pick])) continue;
			f[g].shown = false;
			int64_t other[DISCLOSURE_MIN];
			int m = revealed(f, n, other);
			f[g].shown = true;
			if (m != k || memcmp(other, set, sizeof *set * (size_t)k)) pick = g;
		}
		if (pick < 0) pick = holder;
		if (pick < 0) return false;
		f[pick].shown = false;
	}
}
