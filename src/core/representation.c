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

const char *rep_name(const struct profile_field *f)
{
	static const struct name_pair names[] = {
		{ "age_band", N_("Age") }, { "gender", N_("Gender") }, { "ethnicity", N_("Ethnicity") },
		{ "disability", N_("Disability") }, { "area", N_("Area") } };
	int i = names_lookup(names, NAME_COUNT(names), f->key);
	return i >= 0 ? names[i].label : f->label;
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

int rep_in_places(int64_t percent, int places)
{
	return (int)((percent * places * 2 + 100) / 200);
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

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
}

bool rep_past_has(const char *bits, int k)
{
	size_t len = strlen(bits), digit = (size_t)k / 4;
	/* the last character holds ordinals 0 to 3 */
	if (digit >= len) return false;
	return (hex_value(bits[len - 1 - digit]) >> (k % 4)) & 1;
}

const char *rep_past_add(const char *bits, const int *add, int n, struct arena *a)
{
	size_t len = strlen(bits), need = len;
	for (int i = 0; i < n; i++)
		if ((size_t)add[i] / 4 + 1 > need) need = (size_t)add[i] / 4 + 1;
	char *out = arena_alloc(a, need + 1);
	memset(out, '0', need - len);
	memcpy(out + need - len, bits, len + 1);
	for (int i = 0; i < n; i++) {
		size_t at = need - 1 - (size_t)add[i] / 4;
		out[at] = "0123456789abcdef"[hex_value(out[at]) | 1 << (add[i] % 4)];
	}
	return out;
}

static int compare_past(const void *a, const void *b)
{
	const struct rep_past *x = a, *y = b;
	return (x->user_id > y->user_id) - (x->user_id < y->user_id);
}

bool rep_disclose(struct rep_figure *f, int n, struct rep_past *past, int n_past,
                  int n_ordinals)
{
	qsort(past, (size_t)n_past, sizeof *past, compare_past);
	for (int i = 0; i < n; i++) f[i].shown = false;
	struct disclosure_figure *d = calloc((size_t)(n + n_ordinals) + 1, sizeof *d);
	int64_t *ids = malloc(sizeof *ids * ((size_t)n_past * (size_t)n_ordinals + 1));
	if (!d || !ids) {
		free(d);
		free(ids);
		return false;
	}
	for (int i = 0; i < n; i++)
		d[i] = (struct disclosure_figure){ .members = f[i].members, .n_members = f[i].n_members,
		                                   .already_public = f[i].presence,
		                                   .presence = f[i].presence, .keep = f[i].keep };
	/* each figure shown before: those counted now whom it counted */
	int64_t *next = ids;
	for (int k = 0; k < n_ordinals; k++) {
		int m = 0;
		for (int p = 0; p < n_past; p++)
			if (rep_past_has(past[p].bits, k)) next[m++] = past[p].user_id;
		d[n + k] = (struct disclosure_figure){ .members = next, .n_members = m,
		                                       .already_public = true };
		next += m;
	}
	bool sound = disclosure_hold_back(d, n + n_ordinals);
	for (int i = 0; i < n; i++) f[i].shown = sound && d[i].shown;
	free(d);
	free(ids);
	return sound;
}

const char *rep_standing_key(enum rep_standing s)
{
	static const char *const keys[] = { [REP_NO_TARGET] = "no_target", [REP_UNKNOWN] = "not_shown",
	                                    [REP_BELOW] = "below", [REP_WITHIN] = "within",
	                                    [REP_ABOVE] = "above" };
	return keys[s];
}
