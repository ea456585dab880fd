#ifndef EC_WEB_API_JSON_H
#define EC_WEB_API_JSON_H
/* What the JSON API's files share (people/people_api.c, voice/ API files, pay/pay_api.c):
 * writing an answer, common JSON shapes, and reading a query or a body
 * with one error envelope (respond_error_field) for whatever does not fit.
 * Every function that answers an error says so by returning false. */
#include <jansson.h>

#include "app/app.h"
#include "web/http/http.h"
#include "web/http/json_body.h"

/* A list read a page at a time: ?limit= by default and at most. */
enum { LIST_DEFAULT = 50, LIST_MAX = 100 };

/* Sends j (taking its reference) as the answer with status. */
void api_send(struct request *req, int status, json_t *j);

json_t *jint(int64_t v);
/* An instant as "YYYY-MM-DDTHH:MM:SSZ"; null for 0 (none). */
json_t *jtime(int64_t t);
/* {"id": id, key: name}, or null when id is 0. */
json_t *jref(int64_t id, const char *key, const char *name);
/* {key: arr, "next_before": next or null, "limit": limit}. */
json_t *api_list_answer(const char *key, json_t *arr, int64_t next, int64_t limit);

/* An optional whole number in the query; false, having answered 400
 * naming it, when it is there but not in [min, max]. */
bool api_query_i64(struct request *req, const char *name, int64_t min, int64_t max,
                   int64_t *out, const char *message);
/* ?before= and ?limit= of a list read a page at a time. */
bool api_query_page(struct request *req, int64_t *before, int64_t *limit);

/* A JSON body checked against spec into *root; false, having answered
 * 400 naming the field at fault, when it does not fit. */
bool api_parse_body(struct request *req, const struct jsonb_field *spec, size_t n,
                    json_t **root);
/* A JSON body whose keys in lists[] are arrays (jsonb_parse knows none):
 * each is taken out into out[] (NULL when absent; 400 naming it when not
 * an array) and the rest checked against spec into *root. False, having
 * answered, when the body does not fit; the caller json_decref()s out[]
 * and *root otherwise. */
bool api_parse_body_lists(struct request *req, const struct jsonb_field *spec, size_t n,
                          const char *const *lists, json_t **out, size_t nlists,
                          json_t **root);
/* An optional id in a body: absent leaves *out 0. False, having answered
 * 400 naming it, when it is not a positive whole number. */
bool api_body_id(struct request *req, json_t *j, const char *name, int64_t *out);
/* A string from a checked body, trimmed, in the arena ("" when absent). */
const char *api_body_text(struct request *req, json_t *j, const char *name);

/* The body of an error from the use cases, as the API names its fields. */
void api_respond_error(struct request *req, const struct app_error *err);
/* ...and with the use case's field app_field named api_field. */
void api_respond_error_as(struct request *req, const struct app_error *err,
                          const char *app_field, const char *api_field);
#endif
