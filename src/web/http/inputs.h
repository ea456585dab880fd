#ifndef EC_WEB_INPUTS_H
#define EC_WEB_INPUTS_H
/* The two doors' readers of a use case's declared inputs (core/input.h):
 * the same declaration, read from a form or from a JSON body, refuses the
 * same things, naming the same field, in the same words. */
#include "core/input.h"
#include "web/http/http.h"
#include "web/ui/layout.h"

/* Reads f[0..n) from the request's form into out[0..n), adding every
 * field that does not fit to e (so that the page shows them all at once).
 * True when none was added. */
bool form_inputs(struct request *req, const struct input_field *f, size_t n,
                 struct input_value *out, struct form_errors *e);

/* The same from the query (a GET's form, or a search through the API). */
bool query_inputs(struct request *req, const struct input_field *f, size_t n,
                  struct input_value *out, struct form_errors *e);

/* An app_meeting_times-style adder of problems: to a struct form_errors. */
void form_error_add(void *form_errors, const char *field, const char *message);

/* The first problem added through api_error_add, to answer after. */
struct api_first_error {
	const char *field, *message;
};
void api_error_add(void *first, const char *field, const char *message);

/* Reads f[0..n) from the request's JSON body into out[0..n): the body is
 * one object with no key that f does not name, each of its kind (text
 * kinds as strings, IN_INT and IN_ID as integers, IN_BOOL as true or
 * false, IN_IDS as an array of integers). False, having answered 400
 * naming the first field (in f's order) that does not fit. */
bool api_inputs(struct request *req, const struct input_field *f, size_t n,
                struct input_value *out);
#endif
