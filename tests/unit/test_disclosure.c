/* Unit tests for src/core/disclosure.c: which figures about groups may be
 * shown together. Besides hand-made cases, an attacker adds and subtracts
 * the shown figures of random tables (nested and disjoint supports, as in
 * a report: panel, meeting, groups, periods) looking for a group of 1 to
 * 4 people; it finds one in the tables as they are, and none once
 * disclosure_hold_back has run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/disclosure.h"

/* A figure whose members are the ids from..to (inclusive). */
struct range_figure {
	int64_t ids[64];
	struct disclosure_figure f;
};

static void range(struct range_figure *r, int from, int to, bool public)
{
	int n = 0;
	for (int i = from; i <= to; i++) r->ids[n++] = i;
	r->f = (struct disclosure_figure){ .members = r->ids, .n_members = n, .already_public = public };
}

static void hold_back(struct range_figure *r, int n, struct disclosure_figure *f)
{
	for (int i = 0; i < n; i++) f[i] = r[i].f;
	assert_true(disclosure_hold_back(f, n));
}

/* Total 20; groups A 16, B 2, C 2. B and C are small; then the total less
 * A is B and C together, 4 people, so one more must go: A, the smaller of
 * the two whose absence leaves those 4 unknown. */
static void a_total_less_the_groups_shown_is_not_left_small(void **state)
{
	struct range_figure r[4];
	range(&r[0], 1, 20, false);
	range(&r[1], 1, 16, false);
	range(&r[2], 17, 18, false);
	range(&r[3], 19, 20, false);
	struct disclosure_figure f[4];
	hold_back(r, 4, f);
	assert_true(f[0].shown);
	assert_false(f[1].shown);
	assert_false(f[2].shown);
	assert_false(f[3].shown);
	/* unless the total matters less: then it goes */
	r[1].f.keep = 1;
	hold_back(r, 4, f);
	assert_false(f[0].shown);
	assert_true(f[1].shown);
	r[1].f.keep = 0;
	/* once the total has been shown, the big group goes instead */
	r[0].f.already_public = true;
	hold_back(r, 4, f);
	assert_true(f[0].shown);
	assert_false(f[1].shown);
}

/* Seven women shown yesterday; today eight: today's figure would reveal
 * the one who joined. */
static void one_more_answer_is_not_revealed(void **state)
{
	struct range_figure r[2];
	range(&r[0], 1, 7, true);
	range(&r[1], 1, 8, false);
	struct disclosure_figure f[2];
	hold_back(r, 2, f);
	assert_true(f[0].shown);
	assert_false(f[1].shown);
	/* five more: the five who joined are a group of five */
	range(&r[1], 1, 12, false);
	hold_back(r, 2, f);
	assert_true(f[1].shown);
}

/* None is always shown; so is a group of 5 or more on its own. */
static void none_and_big_groups_are_shown(void **state)
{
	struct range_figure r[3];
	range(&r[0], 1, 0, false);
	range(&r[1], 1, 5, false);
	range(&r[2], 6, 30, false);
	struct disclosure_figure f[3];
	hold_back(r, 3, f);
	assert_true(f[0].shown && f[1].shown && f[2].shown);
}

/* ---- the attacker ---------------------------------------------------- */

enum { PEOPLE = 40, FIGURES = 24 };

static bool in(const struct disclosure_figure *f, int64_t id)
{
	for (int m = 0; m < f->n_members; m++)
		if (f->members[m] == id) return true;
	return false;
}

/* Sets it can work out: a shown figure; a shown figure less one or two
 * shown figures inside it that do not overlap; the overlap of two shown
 * figures when their union is shown too (|A| + |B| - |A or B|). Returns
 * the size of the smallest such set of 1 to 4 people, or 0. */
static int attack(const struct disclosure_figure *f, int n)
{
	int smallest = 0;
#define FOUND(x) do { int v_ = (x); if (v_ > 0 && v_ < DISCLOSURE_MIN && (!smallest || v_ < smallest)) smallest = v_; } while (0)
	bool member[FIGURES][PEOPLE];
	for (int i = 0; i < n; i++)
		for (int p = 0; p < PEOPLE; p++) member[i][p] = in(&f[i], p);
	for (int a = 0; a < n; a++) {
		if (!f[a].shown) continue;
		FOUND(f[a].n_members);
		for (int b = 0; b < n; b++) {
			if (b == a || !f[b].shown) continue;
			bool inside = true;
			for (int p = 0; p < PEOPLE; p++) inside = inside && (!member[b][p] || member[a][p]);
			if (inside) FOUND(f[a].n_members - f[b].n_members);
			for (int c = b + 1; c < n; c++) {
				if (c == a || !f[c].shown) continue;
				bool fits = inside, apart = true, union_is_a = true;
				for (int p = 0; p < PEOPLE; p++) {
					fits = fits && (!member[c][p] || member[a][p]);
					apart = apart && !(member[b][p] && member[c][p]);
					union_is_a = union_is_a && (member[a][p] == (member[b][p] || member[c][p]));
				}
				if (fits && apart) FOUND(f[a].n_members - f[b].n_members - f[c].n_members);
				if (union_is_a) FOUND(f[b].n_members + f[c].n_members - f[a].n_members);
			}
		}
	}
#undef FOUND
	return smallest;
}

static uint64_t next(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A report's shape: people with a group (0..3) and a period (0..2) each;
 * figures: everyone; each group; each period; each group in each period;
 * and each group among those who came (a random half). */
static int random_table(uint64_t *rng, int64_t ids[FIGURES][PEOPLE], struct disclosure_figure *f)
{
	int group[PEOPLE], period[PEOPLE];
	bool came[PEOPLE];
	for (int p = 0; p < PEOPLE; p++) {
		/* skewed, so that some groups are small */
		uint64_t r = next(rng) % 100;
		group[p] = r < 70 ? 0 : r < 88 ? 1 : r < 96 ? 2 : 3;
		period[p] = (int)(next(rng) % 3);
		came[p] = next(rng) % 2;
	}
	int n = 0;
	for (int kind = 0; kind < 5; kind++) {
		int count = kind == 0 ? 1 : kind == 1 ? 4 : kind == 2 ? 3 : kind == 3 ? 12 : 4;
		for (int k = 0; k < count && n < FIGURES; k++, n++) {
			int m = 0;
			for (int p = 0; p < PEOPLE; p++) {
				bool yes = kind == 0 || (kind == 1 && group[p] == k) || (kind == 2 && period[p] == k) ||
				           (kind == 3 && group[p] == k % 4 && period[p] == k / 4) ||
				           (kind == 4 && group[p] == k && came[p]);
				if (yes) ids[n][m++] = p;
			}
			f[n] = (struct disclosure_figure){ .members = ids[n], .n_members = m, .shown = true };
		}
	}
	return n;
}

static void an_attacker_finds_no_small_group_once_held_back(void **state)
{
	uint64_t rng = 42;
	int found_before = 0;
	static int64_t ids[FIGURES][PEOPLE];
	for (int round = 0; round < 200; round++) {
		struct disclosure_figure f[FIGURES];
		int n = random_table(&rng, ids, f);
		/* as they are, every figure shown: the attacker can see */
		if (attack(f, n)) found_before++;
		assert_true(disclosure_hold_back(f, n));
		int got = attack(f, n);
		if (got) fail_msg("round %d: a group of %d can be worked out", round, got);
		/* the total stays worth showing in most tables */
	}
	/* the attacker is not blind: it found small groups in most tables */
	assert_true(found_before > 150);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_total_less_the_groups_shown_is_not_left_small),
		cmocka_unit_test(one_more_answer_is_not_revealed),
		cmocka_unit_test(none_and_big_groups_are_shown),
		cmocka_unit_test(an_attacker_finds_no_small_group_once_held_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
