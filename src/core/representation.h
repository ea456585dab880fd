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

#include "core/mem.h"
#include "core/profile.h"

/* The characteristics' keys as an SQL list, for the one statement that
 * reads answers to count (store/representation.c); test_representation
 * checks it against the catalogue. */
#define REP_FIELDS_SQL "'age_band', 'gender', 'ethnicity', 'disability', 'area'"

/* The n-th characteristic (n from 0), NULL past the last. */
const struct profile_field *rep_characteristic(int n);
/* The characteristic called key, NULL if key is not one. */
const struct profile_field *rep_characteristic_find(const char *key);
/* A characteristic's short name for reports and forms ("Disability"
 * where the profile asks "Do you consider yourself disabled?"), in
 * English, marked N_(): shown through _(). */
const char *rep_name(const struct profile_field *f);
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

/* A target in percent of a number of places, as places: the nearest
 * whole number (a half rounds up). */
int rep_in_places(int64_t percent, int places);

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
/* "below", "within", ...: in the API and in funder reports. */
const char *rep_standing_key(enum rep_standing s);
enum rep_standing rep_standing_of(const struct rep_target *t, bool shown, int64_t count,
                                  int64_t total);

/* Reads a share as people type it ("17.8", "17.8%", "17") into tenths of
 * a percent (178). False for anything else or above 100%. */
bool rep_share_parse(const char *text, int64_t *permille);

/* ---- which figures may be shown ----
 * A figure counts a set of people (its support). rep_disclose decides,
 * for the figures a report would show now, which may be shown, given what
 * was shown before: each person on the panel counted in a figure shown
 * before carries the set of those figures, as bits over their ordinals
 * (rep_past_*). The decision is core/disclosure.c's: no sum or difference
 * of the figures, now and before, gives the size of a group of 1 to 4. */
struct rep_figure {
	const char *key;            /* names it in the ledger: its scope and group */
	const int64_t *members;     /* person ids, ascending, distinct */
	int n_members;
	bool presence;              /* the panel's size: known to all who see it (the
	                             * members page), never held back, about no answer */
	int keep;                   /* how much it matters (disclosure.h): less goes first */
	bool shown;                 /* out */
};
struct rep_past {
	int64_t user_id;
	const char *bits;           /* hexadecimal: bit k of the number is ordinal k */
};
/* Sets f[i].shown for each figure, or returns false, showing none, when
 * no choice of figures to hold back makes them safe (a publication must
 * wait until more have changed). past: the people counted now (anyone who
 * has left is not passed: docs/privacy.md says what that leaves open), with
 * n_ordinals figures shown before; sorted here. False also when out of
 * memory. */
bool rep_disclose(struct rep_figure *f, int n, struct rep_past *past, int n_past,
                  int n_ordinals);

/* Whether bits has ordinal k. */
bool rep_past_has(const char *bits, int k);
/* bits with ordinals add[0..n) added, in a. */
const char *rep_past_add(const char *bits, const int *add, int n, struct arena *a);

/* An order-free hash of a set of person ids (ids in any order): the
 * ledger's way to see that a figure's support is the one it showed. */
int64_t rep_support_hash(const int64_t *members, int n);
#endif
