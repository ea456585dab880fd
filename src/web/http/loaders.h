#ifndef EC_WEB_LOADERS_H
#define EC_WEB_LOADERS_H
/* Loading what a request works on, within its panel and as the asker may
 * see it (the rules are app/'s): for the route's object column (http.h's
 * enum route_object) before the handler runs, and for ids that arrive in
 * a query or a body. Each answers 404 for something the asker may not see,
 * as for something that does not exist, or 500, and returns false. */
#include "web/http/http.h"

/* The route's object, into the request; true when there is none. */
bool load_route_object(struct request *req);

bool load_meeting_by_id(struct request *req, int64_t id, struct meeting *m, bool *invited);
bool load_project_by_id(struct request *req, int64_t id, struct project *p);
#endif
