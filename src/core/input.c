/* Declared inputs (input.h). */
#include "core/input.h"

#include <string.h>

#include "core/civil_time.h"
#include "core/lang.h"
#include "core/pay.h"
#include "core/text.h"

const char *input_missing(const struct input_field *f)
{
	if (f->missing) return _(f->missing); /* N_() in the declarations */
	switch (f->kind) {
	case IN_CHOICE:
	case IN_BOOL: return _("Choose one.");
	case IN_IDS: return _("Choose at least one.");
	case IN_ID: return _("Choose one from the list.");
	case IN_DATE: return _("Enter the date, like 10/12/2026.");
	case IN_MONEY: return _("Enter the amount, like 27.50.");
	case IN_MINUTES: return _("Enter how long, like 1:30 or 2.5 (hours).");
	case IN_CHOICES: return _("Choose at least one.");
	case IN_TIME: return _("Enter the time, like 14:00 or 2pm.");
	default: return _("This is needed.");
	}
}

/* f's own words for a value that does not fit, or *made when it has none. */
static bool wrong(const struct input_field *f, const char *made, const char **problem)
{
	*problem = f->wrong ? _(f->wrong) : made; /* N_() in the declarations */
	return false;
}

/* Nothing given: fine unless f is required. */
static bool absent(const struct input_field *f, const char **problem)
{
	if (!f->required) return true;
	*problem = input_missing(f);
	return false;
}

/* Characters allowed in f's text: one line has no control characters. */
static bool shape_fits(const struct input_field *f, const char *text)
{
	if (!utf8_valid(text, strlen(text))) return false;
	if (f->kind == IN_LINE)
		for (const unsigned char *p = (const unsigned char *)text; *p; p++)
			if (*p < 0x20 || *p == 0x7f) return false;
	return true;
}

bool input_check_text(const struct input_field *f, const char *text, struct arena *a,
                      const char **problem)
{
	if (!text) text = "";
	if (!*text && f->blank_ok) return true;
	if (!*text) return absent(f, problem);
	if (!shape_fits(f, text))
		return wrong(f, _("Write this as one line of ordinary text."), problem);
	size_t chars = utf8_length(text);
	if (f->max > 0 && chars > (size_t)f->max)
		return wrong(f, arena_printf(a, ngettext("Keep it to %lld character or fewer.",
		                                         "Keep it to %lld characters or fewer.",
		                                         (unsigned long)f->max),
		                             (long long)f->max), problem);
	if (f->min > 0 && chars < (size_t)f->min)
		return wrong(f, arena_printf(a, ngettext("Write at least %lld character.",
		                                         "Write at least %lld characters.",
		                                         (unsigned long)f->min), (long long)f->min),
		             problem);
	if (f->kind == IN_CHOICE && !f->choice(text))
		return wrong(f, _("Choose one of the options."), problem);
	return true;
}

bool input_check_number(const struct input_field *f, int64_t number, struct arena *a,
                        const char **problem)
{
	if (f->kind == IN_ID)
		return number >= 1 || wrong(f, _("Choose one from the list."), problem);
	if (number >= f->min && number <= f->max) return true;
	if (f->kind == IN_MONEY)
		/* TRANSLATORS: %s are amounts of money, like 0.00 and 500.00 */
		return wrong(f, arena_printf(a, _("Enter an amount from %s to %s."),
		                             money_plain(a, f->min), money_plain(a, f->max)), problem);
	return wrong(f, arena_printf(a, f->kind == IN_MINUTES
	                                ? ngettext("Enter from %lld to %lld minute.",
	                                           "Enter from %lld to %lld minutes.",
	                                           (unsigned long)f->max)
	                                : _("Enter a whole number from %lld to %lld."),
	                             (long long)f->min, (long long)f->max), problem);
}

/* A copy of raw without surrounding spaces, in a. */
static char *trimmed(const char *raw, struct arena *a)
{
	return text_trim(arena_strdup(a, raw));
}

/* Hours and minutes ("1:30") or hours ("2", "2.5") as minutes. */
static bool read_minutes(const char *s, struct arena *a, int64_t *minutes)
{
	const char *colon = strchr(s, ':');
	if (colon) {
		int64_t h, m;
		if (!parse_i64(arena_strndup(a, s, (size_t)(colon - s)), 0, 999, &h) ||
		    strlen(colon + 1) != 2 || !parse_i64(colon + 1, 0, 59, &m))
			return false;
		*minutes = h * 60 + m;
		return true;
	}
	int64_t hundredths; /* hours to two places, read like money */
	if (!money_parse(s, &hundredths) || strpbrk(s, ",$\xc2\xe2") || hundredths > 99900)
		return false;
	*minutes = (hundredths * 60 + 50) / 100;
	return true;
}

/* t's comma-separated keys, each f->choice()'s, into v as the distinct
 * keys joined with commas; v->given when there is at least one. */
static bool read_choices(const struct input_field *f, char *t, struct arena *a,
                         struct input_value *v)
{
	size_t n = 0;
	char *text = arena_strdup(a, "");
	for (char *p = t, *end; p; p = end ? end + 1 : NULL) {
		end = strchr(p, ',');
		if (end) *end = 0;
		char *key = text_trim(p);
		if (!*key) continue;
		if (!f->choice(key)) return false;
		bool seen = false;
		for (const char *q = text; !seen && (q = strstr(q, key)); q++)
			seen = (q == text || q[-1] == ',') && (q[strlen(key)] == ',' || !q[strlen(key)]);
		if (seen) continue;
		text = arena_printf(a, "%s%s%s", text, n++ ? "," : "", key);
	}
	v->text = text;
	v->given = n > 0 || f->blank_ok;
	return true;
}

bool input_read_text(const struct input_field *f, const char *raw, struct arena *a,
                     struct input_value *v, const char **problem)
{
	*v = (struct input_value){ .text = "" };
	char *t = raw ? trimmed(raw, a) : NULL;
	if (t && !*t && f->blank_ok) {
		v->given = true;
		return true;
	}
	if (!t || !*t) return absent(f, problem);
	switch (f->kind) {
	case IN_TEXT:
	case IN_LINE:
	case IN_CHOICE:
		if (!input_check_text(f, t, a, problem)) return false;
		v->text = t;
		break;
	case IN_INT:
	case IN_ID: {
		int64_t n;
		if (!parse_i64(t, INT64_MIN, INT64_MAX, &n))
			return wrong(f, f->kind == IN_ID ? _("Choose one from the list.")
			                                 : _("Enter a whole number, like 3."),
			             problem);
		if (!input_check_number(f, n, a, problem)) return false;
		v->number = n;
		break;
	}
	case IN_BOOL:
		if (!strcmp(t, "1") || !strcmp(t, "on") || !strcmp(t, "yes")) v->number = 1;
		else if (!strcmp(t, "0") || !strcmp(t, "no")) v->number = 0;
		else return wrong(f, _("Choose yes or no."), problem);
		break;
	case IN_IDS: {
		/* Repeated fields arrive joined with commas; each may be a list. */
		size_t cap = 1, n = 0;
		for (const char *c = t; *c; c++) cap += *c == ',';
		int64_t *ids = arena_alloc(a, cap * sizeof *ids);
		for (char *p = t, *end; p; p = end ? end + 1 : NULL) {
			end = strchr(p, ',');
			if (end) *end = 0;
			char *item = text_trim(p);
			if (*item && !parse_i64(item, 1, INT64_MAX, &ids[n++]))
				return wrong(f, _("Choose from the list."), problem);
		}
		return input_read_ids(f, ids, n, v, problem);
	}
	case IN_DATE: {
		int y, m, d;
		if (!civil_read_date(t, &y, &m, &d))
			return wrong(f, _("Enter a date that exists, like 10/12/2026 or 10 December 2026."),
			             problem);
		v->number = civil_day(y, m, d);
		v->text = t;
		break;
	}
	case IN_TIME: {
		int h, m;
		if (!civil_read_clock(t, &h, &m))
			return wrong(f, _("Enter the time like 14:00 or 2pm."), problem);
		v->number = h * 60 + m;
		v->text = t;
		break;
	}
	case IN_MONEY:
		if (!money_parse(t, &v->number))
			return wrong(f, _("Enter the amount like 27.50."), problem);
		if (!input_check_number(f, v->number, a, problem)) return false;
		v->text = t;
		break;
	case IN_MINUTES:
		if (!read_minutes(t, a, &v->number))
			return wrong(f, _("Enter how long like 1:30, or in hours like 2.5."), problem);
		if (!input_check_number(f, v->number, a, problem)) return false;
		v->text = t;
		break;
	case IN_CHOICES:
		if (!read_choices(f, t, a, v)) return wrong(f, _("Choose from the options."), problem);
		if (!v->given) return absent(f, problem);
		break;
	}
	v->given = true;
	return true;
}

bool input_read_number(const struct input_field *f, int64_t n, struct arena *a,
                       struct input_value *v, const char **problem)
{
	*v = (struct input_value){ .text = "" };
	if (f->kind == IN_BOOL) {
		v->number = n != 0;
	} else {
		if (!input_check_number(f, n, a, problem)) return false;
		v->number = n;
	}
	v->given = true;
	return true;
}

bool input_read_ids(const struct input_field *f, int64_t *ids, size_t n,
                    struct input_value *v, const char **problem)
{
	*v = (struct input_value){ .text = "" };
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (ids[i] < 1) return wrong(f, _("Choose from the list."), problem);
		bool seen = false;
		for (size_t k = 0; k < kept && !seen; k++) seen = ids[k] == ids[i];
		if (!seen) ids[kept++] = ids[i]; /* each once */
	}
	if (!kept) return absent(f, problem);
	if (f->max > 0 && kept > (size_t)f->max)
		return wrong(f, _("That is more than this takes at once."), problem);
	v->ids = ids;
	v->nids = kept;
	v->given = true;
	return true;
}
