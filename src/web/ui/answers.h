#ifndef EC_WEB_UI_ANSWERS_H
#define EC_WEB_UI_ANSWERS_H
/* What every page file shares to answer a request: a use case's refusal
 * as an error page or as the form again, a safe place to go after signing
 * in, and the "older" link of a long list. */
#include "web/http/http.h"
#include "web/ui/layout.h"

struct app_error;

/* A local path that is safe to redirect to after sign-in, or "/panels". */
const char *safe_next(struct request *req, const char *next);
/* Reports an app_error as a page's problem or an error response. */
void respond_app_error(struct request *req, const struct app_error *err);
/* For a form handler: an error about a field goes into e (and sets the
 * status) so the form is shown again with what was typed; any other error
 * is answered here. Returns true when the caller should show the form. */
bool app_error_to_form(struct request *req, const struct app_error *err, struct form_errors *e);
/* ?before=ID (the next page of a list, newest first) into *before, 0 when
 * absent; false, having answered 400, when it is not an id. */
bool read_before(struct request *req, int64_t *before);
#endif
