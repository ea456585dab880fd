#ifndef EC_WEB_MULTIPART_H
#define EC_WEB_MULTIPART_H
/* multipart/form-data bodies, for the routes that take a file (route.upload),
 * parsed by libmicrohttpd's post processor from the buffered body.
 *
 * Contract: text parts become req->form, with form.h's rules (at most
 * FORM_MAX_FIELDS fields, names at most FORM_MAX_NAME bytes, names and
 * values valid UTF-8); at most one part may carry a file, and it goes to
 * req->upload (its bytes are not checked here: core/filetype.h decides what
 * a file is). Anything else refuses the whole body (false, *error says why
 * in a sentence) and the caller answers 400. The body's size was already
 * capped by the server (req->body_limit). */
#include <stdbool.h>

#include "web/http.h"

/* Whether a Content-Type header names multipart/form-data. */
bool multipart_is(const char *content_type);
bool multipart_parse(struct request *req, const char **error);
#endif
