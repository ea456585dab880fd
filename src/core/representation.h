#ifndef EC_CORE_REPRESENTATION_H
#define EC_CORE_REPRESENTATION_H
/* "Who isn't here?": a panel's representation targets and the rule that
 * decides which figures about groups may be shown (docs/selection.md,
 * docs/privacy.md). Pure: no I/O.
 *
 * The characteristics are core/profile.c's fields with a consent purpose
 * (age band, gender, ethnicity, disability, area). A person is counted in
 * one class of each: the group their answer puts them in, "prefer not to
 * say", for a self-described characteristic "in other words" (an answer
 * they have not placed in one of the panel's groups), or "not answered"
 * (no answer, or no consent standing: only answers whose consent stands are
 * ever counted; store/representation.c is the one place that reads them). */
#include <stdbool.h>
#include <stdint.h>

#include "core/profile.h"

/* The n-th characteristic (n from 0), NULL past the last. */
const struct profile_field *rep_characteristic(int n);
/* The characteristic called key, NULL if key is not one. */
const struct profile_field *rep_characteristic_find(const char *key);
/* Whether key names a characteristic (an IN_CHOICE's test). */
bool rep_characteristic_is(const char *key);
/* Whether its groups are the steward's words that members choose between
 * (gender, ethnicity, area) rather than the field's own options. */
bool rep_self_described(const struct profile_field *f);

enum rep_unit { REP_PEOPLE = 0, REP_PERCENT };
const char *rep_unit_key(enum rep_unit u);
const char *rep_unit_label(enum rep_unit u);   /* N_(): show through _() */
bool rep_unit_parse(const char *s, enum rep_unit *out);
bool rep_unit_is(const char *s);

/* A group's target: at least min and at most max people, or whole percent
 * of those counted; -1 for an end that is not set. */
struct rep_target {
	enum rep_unit unit;
	int64_t min, max;
};
bool rep_target_set(const struct rep_target *t);

enum rep_standing {
	REP_NO_TARGET = 0,
	REP_UNKNOWN,    /* the figure is not shown: whether it meets the target is not said */
	REP_BELOW,      /* fewer than the minimum: an empty chair */
	REP_WITHIN,
	REP_ABOVE,
};
/* Where count of total stands against t. A figure that is not shown
 * (shown false) is REP_UNKNOWN whatever its count, so that the words never
 * tell one held-back figure from another. */
enum rep_standing rep_standing_of(const struct rep_target *t, bool shown, int64_t count,
                                  int64_t total);

/* Reads a share as people type it ("17.8", "17.8%", "17") into tenths of
 * a percent (178). False for anything else or above 100%. */
bool rep_share_parse(const char *text, int64_t *permille);

/* ---- which figures may be shown ----
 * A figure counts a set of people (its support). rep_disclose decides,
 * for the figures a report would show now, which may be shown, given what
 * was shown before: each person counted in a shown figure before carries a
 * mark naming the set of shown figures they were in (marks equal: the same
 * set), and the figures shown before are exactly the unions of their
 * classes. The decision is core/disclosure.c's atom rule over the figures
 * and those classes. */
struct rep_figure {
	const char *key;            /* names it in the ledger: its scope and group */
	const int64_t *members;     /* person ids, ascending, distinct */
	int n_members;
	bool public_now;            /* known to all who see it anyway (the panel's size):
	                             * shown, never held back, and it constrains */
	bool shown;                 /* out */
};
struct rep_mark {
	int64_t user_id;
	int64_t mark;
};
/* Sets f[i].shown for each figure, or returns false, showing none, when
 * no choice of figures to hold back makes every atom safe (someone new is
 * counted apart from everyone counted before: a publication must wait until
 * more have changed). marks are the past of the people counted now (anyone
 * who has left is not passed); they are sorted here, and a class of 1 to 4
 * people (the rest of it has left) is forgotten: its marks are set to 0,
 * as for someone never counted. False also when out of memory. */
bool rep_disclose(struct rep_figure *f, int n, struct rep_mark *marks, int n_marks);

/* An order-free hash of a set of person ids (ids in any order): the
 * ledger's way to see that a figure's support is the one it showed. */
int64_t rep_support_hash(const int64_t *members, int n);
/* What a new ledger entry adds to the mark of each person it counts:
 * marks are sums (modulo 2^64) of these, one per entry. */
int64_t rep_release_mark(int64_t release_id);
#endif
