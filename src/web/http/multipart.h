#ifndef EC_WEB_MULTIPART_H
#define EC_WEB_MULTIPART_H
/* multipart/form-data bodies, for the routes that take a file
 * (ROUTE_UPLOAD), parsed by libmicrohttpd's post processor as the body
 * arrives, so that nothing past a bad or forged beginning is kept.
 *
 * Contract: text parts become req->form, with form.h's rules (at most
 * FORM_MAX_FIELDS fields, names at most FORM_MAX_NAME bytes, names and
 * values valid UTF-8, every part named), together at most
 * UPLOAD_FORM_ROOM bytes; at most one part may carry a file, and it goes to
 * req->upload (its bytes are not checked here: core/filetype.h decides what
 * a file is). When the request's CSRF token is not in a header, the first
 * part must be "csrf" and hold a valid token: a form that does not start so
 * is refused before any more of it is read. Anything else refuses the whole
 * body: the functions return false and *fault says how to answer (400, or
 * 403 for the token). The body's size is capped by the server. */
#include <stdbool.h>
#include <stddef.h>

#include "web/http/http.h"

struct multipart_fault {
	int status;
	const char *code, *message; /* message: English, marked N_(); _() when said */
};

/* Whether a Content-Type header names multipart/form-data. */
bool multipart_is(const char *content_type);
/* Starts reading req's body (its headers are in); csrf_first as above. */
bool multipart_begin(struct request *req, bool csrf_first, struct multipart_fault *fault);
/* The next n bytes of the body. */
bool multipart_feed(struct request *req, const char *data, size_t n,
                    struct multipart_fault *fault);
/* The body has ended: req->form and req->upload are complete. */
bool multipart_end(struct request *req, struct multipart_fault *fault);
/* Frees what the parser holds (also after a fault); safe to call twice. */
void multipart_free(struct request *req);
#endif
