/* Declared inputs at the two doors (inputs.h). */
#include "web/http/inputs.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "core/text.h"
#include "web/http/api_json.h"
#include "web/http/json_body.h"

/* f[0..n) from the fields of one form (a body's or a query's). */
static bool fields_inputs(struct request *req, const struct form *form,
                          const struct input_field *f, size_t n, struct input_value *out,
                          struct form_errors *e)
{
	int before = e->n;
	for (size_t i = 0; i < n; i++) {
		const char *raw = f[i].kind == IN_IDS || f[i].kind == IN_CHOICES
		                  ? form_get_all(form, f[i].name, &req->arena)
		                  : form_get(form, f[i].name);
		const char *problem; /* in the request's language (core/input.c) */
		if (!input_read_text(&f[i], raw, &req->arena, &out[i], &problem))
			errors_add(e, f[i].name, problem);
	}
	return e->n == before;
}

bool form_inputs(struct request *req, const struct input_field *f, size_t n,
                 struct input_value *out, struct form_errors *e)
{
	return fields_inputs(req, &req->form, f, n, out, e);
}

bool query_inputs(struct request *req, const struct input_field *f, size_t n,
                  struct input_value *out, struct form_errors *e)
{
	return fields_inputs(req, &req->query, f, n, out, e);
}

void form_error_add(void *form_errors, const char *field, const char *message)
{
	errors_add(form_errors, field, message);
}

void api_error_add(void *first, const char *field, const char *message)
{
	struct api_first_error *f = first;
	if (f->field) return;
	f->field = field;
	f->message = message;
}

/* The JSON type each kind arrives as; lists are taken out first. */
static enum jsonb_type json_type_of(enum input_kind k)
{
	switch (k) {
	case IN_INT:
	case IN_ID:
	case IN_MONEY:
	case IN_MINUTES: return JB_INTEGER;
	case IN_BOOL: return JB_BOOLEAN;
	default: return JB_STRING;
	}
}

/* One field of the parsed body into *v. */
static bool read_json_field(struct request *req, const struct input_field *f, json_t *j,
                            struct input_value *v, const char **problem)
{
	if (!j || json_is_null(j)) return input_read_text(f, NULL, &req->arena, v, problem);
	/* A key sent empty is absent on a form, but in JSON it was said: a
	 * choice, date or amount that is "" does not fit. */
	const char *str = json_string_value(j);
	if (str && f->kind != IN_TEXT && f->kind != IN_LINE && !f->blank_ok) {
		char *t = text_trim(arena_strdup(&req->arena, str));
		if (!*t) {
			*problem = f->wrong ? _(f->wrong) : _("Leave it out, or give one that fits.");
			return false;
		}
	}
	switch (f->kind) {
	case IN_INT:
	case IN_ID:
	case IN_MONEY:
	case IN_MINUTES: return input_read_number(f, json_integer_value(j), &req->arena, v, problem);
	case IN_BOOL: return input_read_number(f, json_is_true(j), &req->arena, v, problem);
	case IN_IDS: {
		size_t n = json_array_size(j);
		int64_t *ids = arena_alloc(&req->arena, (n + 1) * sizeof *ids);
		for (size_t i = 0; i < n; i++) {
			json_t *x = json_array_get(j, i);
			if (!json_is_integer(x)) {
				*problem = _("This must be a list of ids (whole numbers).");
				return false;
			}
			ids[i] = (int64_t)json_integer_value(x);
		}
		return input_read_ids(f, ids, n, v, problem);
	}
	case IN_CHOICES: {
		const char *joined = "";
		for (size_t i = 0; i < json_array_size(j); i++) {
			const char *key = json_string_value(json_array_get(j, i));
			if (!key || strchr(key, ',')) {
				*problem = _("This must be a list of the names listed in docs/api.md.");
				return false;
			}
			joined = arena_printf(&req->arena, "%s%s%s", joined, i ? "," : "", key);
		}
		return input_read_text(f, joined, &req->arena, v, problem);
	}
	default: return input_read_text(f, json_string_value(j), &req->arena, v, problem);
	}
}

/* The value at a dotted name ("rates.hour") in root; NULL when absent. */
static json_t *json_at(json_t *root, const char *name, struct arena *a)
{
	const char *dot;
	while (root && (dot = strchr(name, '.'))) {
		root = json_object_get(root, arena_strndup(a, name, (size_t)(dot - name)));
		name = dot + 1;
	}
	return root ? json_object_get(root, name) : NULL;
}

/* Whether spec[0..n) names name already. */
static bool spec_has(const struct jsonb_field *spec, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(spec[i].name, name)) return true;
	return false;
}

bool api_inputs(struct request *req, const struct input_field *f, size_t n,
                struct input_value *out)
{
	/* The shape (one object, known keys, types) is json_body.c's; what the
	 * values may be is the declaration's. Absent keys are the
	 * declaration's to refuse, in its words. A text's bytes are bounded
	 * generously here; its characters are counted below. */
	struct jsonb_field *spec = arena_alloc(&req->arena, (2 * n + 1) * sizeof *spec);
	const char **lists = arena_alloc(&req->arena, (n + 1) * sizeof *lists);
	json_t **list_values = arena_alloc(&req->arena, (n + 1) * sizeof *list_values);
	size_t nspec = 0, nlists = 0;
	for (size_t i = 0; i < n; i++) {
		/* A dotted name's object ("rates" of "rates.hour"), declared once. */
		const char *dot = strrchr(f[i].name, '.');
		const char *parent = dot ? arena_strndup(&req->arena, f[i].name,
		                                         (size_t)(dot - f[i].name)) : NULL;
		if (parent && !spec_has(spec, nspec, parent))
			spec[nspec++] = (struct jsonb_field){ parent, JB_OBJECT, false, 0 };
		if (f[i].kind == IN_IDS || f[i].kind == IN_CHOICES) {
			lists[nlists++] = f[i].name;
			continue;
		}
		/* Text with no declared limit is bounded by the body's. */
		size_t bytes = f[i].kind != IN_TEXT && f[i].kind != IN_LINE ? 0
		               : f[i].max > 0 ? (size_t)f[i].max * 4 : SIZE_MAX;
		spec[nspec++] = (struct jsonb_field){ f[i].name, json_type_of(f[i].kind), false, bytes };
	}
	json_t *root;
	/* Lists are taken out of the body first (a second parse): only when
	 * there are any. */
	if (nlists ? !api_parse_body_lists(req, spec, nspec, lists, list_values, nlists, &root)
	           : !api_parse_body(req, spec, nspec, &root))
		return false;
	bool ok = true;
	for (size_t i = 0, k = 0; i < n && ok; i++) {
		json_t *j = f[i].kind == IN_IDS || f[i].kind == IN_CHOICES
		            ? list_values[k++] : json_at(root, f[i].name, &req->arena);
		const char *problem; /* in the request's language, as at the form */
		if (!read_json_field(req, &f[i], j, &out[i], &problem)) {
			respond_error_field(req, 400, "invalid", f[i].name, problem);
			ok = false;
		}
	}
	for (size_t k = 0; k < nlists; k++) json_decref(list_values[k]);
	json_decref(root);
	return ok;
}
