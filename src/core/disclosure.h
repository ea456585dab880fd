#ifndef EC_CORE_DISCLOSURE_H
#define EC_CORE_DISCLOSURE_H
/* Which figures about groups of people may be shown together, so that no
 * combination of them reveals a group smaller than DISCLOSURE_MIN.
 *
 * A figure counts a set of people (its support): "women on the panel",
 * "people aged 16-24 who came to the meeting of 3 May". Adding and
 * subtracting shown figures reveals the size of any set that is a union of
 * their *atoms*: the classes of people who lie in exactly the same shown
 * figures. If every atom holds no one or at least DISCLOSURE_MIN people,
 * every set that can be worked out holds no one or at least that many
 * (docs/privacy.md gives the argument). disclosure_hold_back holds figures
 * back until that is so; the figures shown before (already_public) count
 * too and are never held back, so that comparing today's figures with
 * yesterday's reveals no small group either.
 *
 * Every figure held back must be shown the same way, whether it holds 1 to
 * 4 people or more: if the words told the two apart, a held-back figure
 * known to be 5 or more, set against a shown total, could pin down a small
 * one. A figure of 0 ("none") is always safe to show: it adds no one to
 * any atom. Pure: no I/O. */
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
 * few others as the greedy rule below needs so that every atom of the
 * shown figures holds 0 or at least DISCLOSURE_MIN people. Rule: while an
 * atom is small, hold back the smallest shown figure (not already public)
 * that holds some of its people and leaves out others of the figures'
 * people, so that the atom merges with another. Returns false when the
 * already public figures alone have a small atom (they were not checked
 * together: a bug) or when no figure can be held back to mend one. */
bool disclosure_hold_back(struct disclosure_figure *f, int n);
#endif
