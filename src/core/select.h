#ifndef EC_CORE_SELECT_H
#define EC_CORE_SELECT_H
/* Fair selection: a lottery over panels that honours quotas, is as even as
 * the quotas allow (LEXIMIN), and can be drawn in public.
 *
 * Given a pool of people, each with one value of every feature (for example
 * gender: woman), a number of places k, and for every value a minimum and a
 * maximum number of places, a panel is any k people whose counts lie within
 * every value's bounds. select_solve finds the probability distribution over
 * such panels that maximises the smallest chance any person has of being
 * chosen, then the next smallest, and so on (LEXIMIN: Flanigan, Gölz, Gupta,
 * Hennig and Procaccia, Nature 596, 2021). It then rounds that distribution
 * to SELECT_LOTTERY equally likely panels (Flanigan, Kehne and Procaccia,
 * NeurIPS 2021), so that the draw is one number from 0 to SELECT_LOTTERY - 1
 * that people present can check: every person's share of those panels is
 * within 1 / SELECT_LOTTERY of their LEXIMIN chance.
 *
 * People with the same values (and the same priority) are one type: the
 * LEXIMIN chances of a type's members are equal, so the solver works on
 * types, and an instance of thousands of people with few features is small.
 * docs/selection.md explains the method in plain words and in full.
 *
 * Everything here is deterministic: the same problem, seed and options give
 * the same chances and the same SELECT_LOTTERY panels, on any run. It is
 * reentrant (GLPK keeps its state per thread; select_solve frees it). */
#include <stdbool.h>
#include <stdint.h>

#include "core/mem.h"

/* The number of equally likely panels a draw chooses among. */
#define SELECT_LOTTERY 1000
/* Names the method and its settings in every recorded draw, so that a draw
 * is checked again by the same rules. */
#define SELECT_ALGORITHM "leximin-glpk/1"

/* One feature (a characteristic) and its values' quotas, in places. */
struct select_feature {
	const char *name;
	int n_values;
	const char **values;
	int *min, *max;          /* per value; 0 <= min <= max */
	/* How far a bound may be moved when the quotas cannot be met, as in
	 * the sortition-algorithms files (min_flex, max_flex): NULL for no
	 * limit beyond 0 and k. */
	int *min_flex, *max_flex;
};

struct select_problem {
	int places;                       /* k >= 1 */
	int n_features;
	const struct select_feature *features;
	int n_people;
	/* n_people × n_features, row by row: person i's value of feature f is
	 * features[f].values[value[i * n_features + f]]. */
	const int *value;
	/* NULL, or per person: true when they have priority (rotation: people
	 * not chosen lately are drawn first, and others only as far as the
	 * quotas need them). */
	const bool *priority;
};

struct select_options {
	/* Tie-breaking among a type's members, where the rounding must give
	 * some one more panel than others; recorded with the draw. */
	uint64_t seed;
	/* Give up (SELECT_OUT_OF_TIME) after this many seconds; 0: no limit. */
	double seconds;
};

enum select_outcome {
	SELECT_DONE,
	SELECT_IMPOSSIBLE,   /* no panel meets every quota: see relaxations */
	SELECT_OUT_OF_TIME,
	SELECT_FAILED,       /* the solver met numerical trouble (a bug to report) */
};

/* When no panel can meet the quotas: one bound that the smallest change
 * that makes a panel possible moves (feature, value, old and new bound).
 * If the pool has fewer than k people, n_relaxations is 0 and
 * short_of_people says by how many. */
struct select_relaxation {
	int feature, value;
	bool is_min;          /* the minimum moves down, or the maximum up */
	int from, to;
	int pool;             /* people in the pool with this value */
};

struct select_result {
	enum select_outcome outcome;
	/* SELECT_DONE: per person, the LEXIMIN chance of being chosen, and the
	 * number of the SELECT_LOTTERY panels they are in (their chance in the
	 * draw is lottery_count / SELECT_LOTTERY). */
	double *probability;
	int *lottery_count;
	/* SELECT_LOTTERY panels of k person indexes, each ascending, the list
	 * in ascending order: panel j is panels[j * k ... j * k + k - 1]. */
	int *panels;
	/* With priority: the fewest people without priority that every panel
	 * must hold to meet the quotas (0: only people with priority). */
	int outsiders_needed;
	/* SELECT_IMPOSSIBLE */
	int short_of_people;
	int n_relaxations;
	struct select_relaxation *relaxations;
	/* The relaxation had to go past min_flex or max_flex. */
	bool beyond_flex;
	/* What it took: types, panels the solver looked at, integer and
	 * linear programs solved, seconds of wall time; and how many types'
	 * chances were settled (all of them unless time ran out). */
	int types, columns, mips, lps, settled;
	double seconds;
};

/* Solves p; everything in r is allocated from a. False only when p is not
 * well formed (the caller checks its input first; see select_check). */
bool select_solve(struct arena *a, const struct select_problem *p,
                  const struct select_options *o, struct select_result *r);

/* NULL when p is well formed; otherwise a sentence (in English, for
 * programmers: callers check what people type before this). */
const char *select_check(const struct select_problem *p);

/* The panel a draw picks from the number people checked, 0 <= number <
 * SELECT_LOTTERY: r->panels + number * places. */
const int *select_panel(const struct select_result *r, int places, int number);

/* Replacements: the problem of filling the places of people who dropped
 * out, for select_solve. Its pool is candidates (person indexes of p, in
 * that order: the answer's person i is candidates[i]), its places
 * places_left, and each value's bounds what the kept members (person
 * indexes of p still on the panel) leave of p's: min - held (at least 0)
 * and max - held, flex limits likewise. So every replacement it draws
 * keeps every target, LEXIMIN among the candidates; and when none can,
 * its relaxations say which targets, in places beyond what the kept
 * members hold. Allocated from a. */
void select_replacement_problem(struct arena *a, const struct select_problem *p, const int *kept,
                                int n_kept, const int *candidates, int n_candidates, int places_left,
                                struct select_problem *out);

/* A number from 0 to SELECT_LOTTERY - 1 made from seed alone
 * (splitmix64), for draws without people present (tests, the CLI). */
int select_number_from_seed(uint64_t seed);
#endif
