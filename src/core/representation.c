#include "core/representation.h"

#include <stdlib.h>
#include <string.h>

#include "core/disclosure.h"
#include "core/lang.h"
#include "core/mem.h"
#include "core/names.h"

const struct profile_field *rep_characteristic(int n)
{
	for (size_t i = 0; i < profile_field_count; i++)
		if (profile_fields[i].consent_purpose && n-- == 0) return &profile_fields[i];
	return NULL;
}

const struct profile_field *rep_characteristic_find(const char *key)
{
	const struct profile_field *f = profile_field_find(key);
	return f && f->consent_purpose ? f : NULL;
}

bool rep_characteristic_is(const char *key)
{
	return rep_characteristic_find(key) != NULL;
}

bool rep_self_described(const struct profile_field *f)
{
	return f->kind == FK_SELF_DESCRIBED;
}

static const struct name_pair units[] = {
	[REP_PEOPLE] = { "people", N_("people") },
	/* TRANSLATORS: a target given as a percentage of the panel */
	[REP_PERCENT] = { "percent", N_("percent") },
};
NAMES(rep_unit, enum rep_unit, units, 0)

bool rep_target_set(const struct rep_target *t)
{
	return t->min >= 0 || t->max >= 0;
}

/* Whether count of total is below (sign -1) or above (+1) bound. */
static bool beyond(const struct rep_target *t, int64_t bound, int64_t count, int64_t total,
                   int sign)
{
	if (bound < 0) return false;
	/* count/total against bound/100, in whole numbers */
	int64_t lhs = t->unit == REP_PERCENT ? count * 100 : count;
	int64_t rhs = t->unit == REP_PERCENT ? bound * total : bound;
	return sign < 0 ? lhs < rhs : lhs > rhs;
}

enum rep_standing rep_standing_of(const struct rep_target *t, bool shown, int64_t count,
                                  int64_t total)
{
	if (!rep_target_set(t)) return REP_NO_TARGET;
	if (!shown) return REP_UNKNOWN;
	if (beyond(t, t->min, count, total, -1)) return REP_BELOW;
	if (beyond(t, t->max, count, total, +1)) return REP_ABOVE;
	return REP_WITHIN;
}

bool rep_share_parse(const char *text, int64_t *permille)
{
	const char *p = text;
	while (*p == ' ') p++;
	int64_t whole = 0, tenths = 0;
	int digits = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		if (digits == 3) return false;
		whole = whole * 10 + (*p - '0');
	}
	if (!digits) return false;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9')) return false;
		tenths = *p++ - '0';
		/* more places are rounded away only when they are zeros */
		while (*p == '0') p++;
		if (*p >= '1' && *p <= '9') return false;
	}
	while (*p == ' ') p++;
	if (*p == '%') p++;
	while (*p == ' ') p++;
	if (*p) return false;
	int64_t v = whole * 10 + tenths;
	if (v > 1000) return false;
	*permille = v;
	return true;
}

/* splitmix64's finaliser: spreads ids and entry numbers over 64 bits. */
static uint64_t mix(uint64_t z)
{
	z += 0x9e3779b97f4a7c15u;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static int64_t as_signed(uint64_t u)
{
	int64_t v;
	memcpy(&v, &u, sizeof v);
	return v;
}

int64_t rep_support_hash(const int64_t *members, int n)
{
	uint64_t h = 0;
	for (int i = 0; i < n; i++) h += mix((uint64_t)members[i] ^ 0x5eed5eed5eed5eedu);
	return as_signed(h);
}

int64_t rep_release_mark(int64_t release_id)
{
	return as_signed(mix((uint64_t)release_id));
}

static int compare_marks(const void *a, const void *b)
{
	const struct rep_mark *x = a, *y = b;
	if (x->mark != y->mark) return x->mark < y->mark ? -1 : 1;
	return (x->user_id > y->user_id) - (x->user_id < y->user_id);
}

bool rep_disclose(struct rep_figure *f, int n, struct rep_mark *marks, int n_marks)
{
	qsort(marks, (size_t)n_marks, sizeof *marks, compare_marks);
	/* a class of 1 to 4 (the rest of it has left the panel): forgotten */
	for (int i = 0; i < n_marks;) {
		int j = i;
		while (j < n_marks && marks[j].mark == marks[i].mark) j++;
		if (j - i < DISCLOSURE_MIN)
			for (int x = i; x < j; x++) marks[x].mark = 0;
		i = j;
	}
	qsort(marks, (size_t)n_marks, sizeof *marks, compare_marks);
	int classes = 0;
	for (int i = 0; i < n_marks; i++)
		classes += (i == 0 || marks[i].mark != marks[i - 1].mark) && marks[i].mark != 0;
	struct disclosure_figure *d = calloc((size_t)(n + classes) + 1, sizeof *d);
	int64_t *ids = malloc(sizeof *ids * (size_t)(n_marks + 1));
	for (int i = 0; i < n; i++) f[i].shown = false;
	if (!d || !ids) {
		free(d);
		free(ids);
		return false;
	}
	for (int i = 0; i < n; i++)
		d[i] = (struct disclosure_figure){ f[i].members, f[i].n_members, f[i].public_now, false };
	/* each class of the past: one figure, shown before; within a class
	 * the marks are sorted by person, as a support must be */
	int k = n;
	for (int i = 0; i < n_marks;) {
		int j = i;
		while (j < n_marks && marks[j].mark == marks[i].mark) {
			ids[j] = marks[j].user_id;
			j++;
		}
		if (marks[i].mark != 0)
			d[k++] = (struct disclosure_figure){ ids + i, j - i, true, false };
		i = j;
	}
	bool sound = disclosure_hold_back(d, k);
	for (int i = 0; i < n; i++) f[i].shown = sound && d[i].shown;
	free(d);
	free(ids);
	return sound;
}
