#ifndef EC_WEB_VOICE_VOICE_JSON_H
#define EC_WEB_VOICE_VOICE_JSON_H
/* The JSON shapes of voice and influence, shared by its API files
 * (voice_json.c). Each returns a new reference. Times are UTC, ISO 8601,
 * or null when there is none. */
#include <jansson.h>

#include "store/store.h"
#include "web/http/http.h"

/* Sets j[key] to v, taking v's reference. */
static inline void set(json_t *j, const char *key, json_t *v)
{
	json_object_set_new(j, key, v);
}

json_t *influence_json(const struct influence *f);
json_t *project_json(const struct project *p);
json_t *meeting_json(const struct meeting *m);
json_t *contribution_json(struct request *req, const struct contribution *c);
json_t *response_json(const struct response_record *r);
const char *paper_api_path(struct request *req, int64_t meeting_id, int64_t id,
                           const char *suffix);
json_t *paper_json(struct request *req, const struct paper *p);
json_t *paper_full_json(struct request *req, const struct paper *p);
json_t *reflections_json(const struct reflection_summary *rs);
json_t *agenda_item_json(const struct agenda_item *it, bool manage);
#endif
