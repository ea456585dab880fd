#ifndef EC_CORE_DISCLOSURE_H
#define EC_CORE_DISCLOSURE_H
/* Which figures about groups of people may be shown together, so that no
 * combination of them reveals a group smaller than DISCLOSURE_MIN.
 *
 * A figure counts a set of people (its support): "women on the panel",
 * "people aged 16-24 who came to the meeting of 3 May". Adding and
 * subtracting shown figures gives the size of a set S exactly when S's
 * indicator lies in the span of the shown supports' indicators; such an S
 * is a union of *atoms* (the people who lie in exactly the same figures).
 * disclosure_hold_back holds figures back until no union of atoms of 1 to
 * DISCLOSURE_MIN - 1 people lies in that span (docs/privacy.md gives the
 * method). The figures shown before (already_public) count too and are
 * never held back, so that comparing today's figures with yesterday's
 * reveals no small group either.
 *
 * Every figure held back must be shown the same way, whether it holds 1 to
 * 4 people or more: if the words told the two apart, a held-back figure
 * known to be 5 or more, set against a shown total, could pin down a small
 * one. A figure of 0 ("none") is always safe to show. Pure: no I/O. */
#include <stdbool.h>
#include <stdint.h>

#define DISCLOSURE_MIN 5

struct disclosure_figure {
	const int64_t *members;  /* the support: person ids, ascending, distinct */
	int n_members;
	bool already_public;     /* shown before: stays shown, and constrains */
	bool presence;           /* counts who is there (a panel's members), which all
	                          * who see it know anyway: with already_public */
	int keep;                /* how much it matters: those with less go first */
	bool shown;              /* out: may be shown as its count */
};

/* Decides f[i].shown for every figure: true for every already_public one;
 * false for each with 1 to DISCLOSURE_MIN - 1 members; and false for as
 * few others as the greedy rule below needs so that no small set is in the
 * span. Rule: while one is, hold back the figure (not already public) with
 * the least keep, then the fewest members, without which that set is no
 * longer the one found; failing one, the least such figure holding some of
 * its people. A set whose people are counted only in presence figures says
 * nothing of anyone's answers and is let be. Returns false when no figure
 * can be held back to mend one (the figures shown before and the presence
 * figures alone give it away). */
bool disclosure_hold_back(struct disclosure_figure *f, int n);
#endif
