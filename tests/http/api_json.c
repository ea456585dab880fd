#include "api_json.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

json_t *parse(const struct response *r)
{
	json_error_t e;
	json_t *j = json_loads(r->body, 0, &e);
	if (!j) fail_msg("not JSON (%s): %.300s", e.text, r->body);
	return j;
}

struct response *call(struct client *c, const char *method, const char *path,
                      const char *json, long want)
{
	struct response *r = strcmp(method, "GET") ? send_json(c, method, path, json) : get(c, path);
	if (r->status != want)
		fail_msg("%s %s %s %s: got %ld, want %ld\n%.500s", c->email, method, path,
		         json ? json : "", r->status, want, r->body);
	return r;
}

json_t *call_json(struct client *c, const char *method, const char *path, const char *json,
                  long want)
{
	struct response *r = call(c, method, path, json, want);
	json_t *j = parse(r);
	response_free(r);
	return j;
}

struct response *send_keyed(struct client *c, const char *method, const char *path,
                            const char *json, const char *key)
{
	char csrf[200], idem[300];
	snprintf(csrf, sizeof csrf, "X-CSRF-Token: %s", c->csrf);
	snprintf(idem, sizeof idem, "Idempotency-Key: %s", key);
	const char *headers[] = { csrf, idem, NULL };
	return http(c, method, path, json, "application/json", headers);
}

/* r (freed) is an error envelope with this status, code, field and a
 * message; what says which request it answered. */
static void check_error(struct response *r, const char *what, long status, const char *code,
                        const char *field)
{
	if (r->status != status)
		fail_msg("%s: got %ld, want %ld\n%.500s", what, r->status, status, r->body);
	json_t *j = parse(r);
	response_free(r);
	json_t *e = json_object_get(j, "error");
	if (!e) fail_msg("%s: no error envelope", what);
	const char *got = json_string_value(json_object_get(e, "code"));
	if (!got || strcmp(got, code))
		fail_msg("%s: code %s, want %s", what, got ? got : "(none)", code);
	if (field) {
		const char *f = json_string_value(json_object_get(e, "field"));
		if (!f || strcmp(f, field)) fail_msg("%s: field %s, want %s", what, f ? f : "(none)", field);
	}
	assert_non_null(json_string_value(json_object_get(e, "message")));
	json_decref(j);
}

static char *what_was_sent(struct client *c, const char *method, const char *path,
                           const char *json)
{
	char *what = NULL;
	if (asprintf(&what, "%s %s %s %s", c->email, method, path, json ? json : "") < 0)
		fail_msg("asprintf");
	return what;
}

void expect_error(struct client *c, const char *method, const char *path, const char *json,
                  long status, const char *code, const char *field)
{
	struct response *r = strcmp(method, "GET") ? send_json(c, method, path, json) : get(c, path);
	char *what = what_was_sent(c, method, path, json);
	check_error(r, what, status, code, field);
	free(what);
}

void expect_keyed_error(struct client *c, const char *method, const char *path,
                        const char *json, const char *key, long status, const char *code,
                        const char *field)
{
	char *what = what_was_sent(c, method, path, json);
	check_error(send_keyed(c, method, path, json, key), what, status, code, field);
	free(what);
}

long get_id(json_t *j)
{
	return (long)json_integer_value(json_object_get(j, "id"));
}

long num(json_t *j, const char *key)
{
	return (long)json_integer_value(json_object_get(j, key));
}

const char *str(json_t *j, const char *key)
{
	const char *v = json_string_value(json_object_get(j, key));
	return v ? v : "";
}

json_t *by_id(json_t *arr, long id)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (get_id(v) == id) return v;
	return NULL;
}

bool is_utc_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (!s || strlen(s) != sizeof shape - 1) return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i]) return false;
	return true;
}

int notices_saying(struct client *c, const char *needle)
{
	json_t *j = call_json(c, "GET", "/api/v1/me/notices?limit=100", NULL, 200);
	int n = 0;
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(j, "notices"), i, v)
		n += strstr(str(v, "body"), needle) != NULL;
	json_decref(j);
	return n;
}

long meeting_in_progress(struct client *steward, long panel_id, long project_id,
                         const char *title)
{
	time_t now = time(NULL), from = now - 3600, to = now + 3600;
	struct tm a, b;
	gmtime_r(&from, &a);
	gmtime_r(&to, &b);
	char start[32], end[32], body[512], path[64], project[32] = "";
	strftime(start, sizeof start, "%Y-%m-%dT%H:%M:%SZ", &a);
	strftime(end, sizeof end, "%Y-%m-%dT%H:%M:%SZ", &b);
	if (project_id) snprintf(project, sizeof project, "\"project_id\":%ld,", project_id);
	snprintf(body, sizeof body,
	         "{\"title\":\"%s\",%s\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"place\":\"Hall\"}",
	         title, project, start, end);
	snprintf(path, sizeof path, "/api/v1/panels/%ld/meetings", panel_id);
	json_t *j = call_json(steward, "POST", path, body, 201);
	long id = get_id(j);
	json_decref(j);
	return id;
}

int active_co_creators(struct client *steward, long panel_id, long min_id, long *ids,
                       char (*emails)[128], int max)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/panels/%ld/members?limit=500", panel_id);
	json_t *j = call_json(steward, "GET", path, NULL, 200);
	size_t i;
	json_t *m;
	int n = 0;
	json_array_foreach(json_object_get(j, "members"), i, m) {
		long id = num(m, "user_id");
		if (n == max || id < min_id || id == 3 || strcmp(str(m, "role"), "co_creator") ||
		    strcmp(str(m, "status"), "active"))
			continue;
		ids[n] = id;
		snprintf(emails[n], sizeof emails[n], "%s", str(m, "email"));
		n++;
	}
	json_decref(j);
	return n;
}
