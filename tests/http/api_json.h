#ifndef EC_TESTS_HTTP_API_JSON_H
#define EC_TESTS_HTTP_API_JSON_H
/* Calling the JSON API from an HTTP test and reading its answers: shared by
 * the test_http_api_*.c programs. Every function fails the running test
 * (cmocka) when the answer is not what it says it expects. */
#include <stdbool.h>

#include <jansson.h>

#include "harness.h"

/* r's body as JSON (the caller decrefs). */
json_t *parse(const struct response *r);
/* GET, or method with a JSON body and the session's CSRF header; fails
 * unless the status is want. The caller frees the response. */
struct response *call(struct client *c, const char *method, const char *path,
                      const char *json, long want);
/* The same, parsed; the response is freed. */
json_t *call_json(struct client *c, const char *method, const char *path, const char *json,
                  long want);
/* An error envelope with this status, code and (when not NULL) field, and
 * a message. */
void expect_error(struct client *c, const char *method, const char *path, const char *json,
                  long status, const char *code, const char *field);
/* method with a JSON body, the session's CSRF header and an
 * Idempotency-Key header of key (pay's changes). The caller frees it. */
struct response *send_keyed(struct client *c, const char *method, const char *path,
                            const char *json, const char *key);
/* expect_error for a keyed change. */
void expect_keyed_error(struct client *c, const char *method, const char *path,
                        const char *json, const char *key, long status, const char *code,
                        const char *field);
/* j's "id"; j's integer key; j's string key ("" when absent). */
long get_id(json_t *j);
long num(json_t *j, const char *key);
const char *str(json_t *j, const char *key);
/* The element of array arr whose "id" is id, or NULL. */
json_t *by_id(json_t *arr, long id);
/* How many of c's notices (the newest 100) say needle. */
int notices_saying(struct client *c, const char *needle);
/* Up to max active co-creators of panel_id other than amira (user 3), as
 * steward reads the members list, from user id min_id up: their ids and
 * e-mail addresses; how many there were. */
int active_co_creators(struct client *steward, long panel_id, long min_id, long *ids,
                       char (*emails)[128], int max);
/* A meeting of project_id (0: none) on panel_id, made by steward through
 * the API, that began an hour ago and ends in an hour; its id. */
long meeting_in_progress(struct client *steward, long panel_id, long project_id,
                         const char *title);
/* s is "YYYY-MM-DDTHH:MM:SSZ". */
bool is_utc_time(const char *s);
#endif
