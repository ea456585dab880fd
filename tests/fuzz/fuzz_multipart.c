/* libFuzzer target for web/http/multipart.c: the bytes of a multipart/form-data
 * body (boundary "xYzZY"), sent through libmicrohttpd (tests/fuzz/
 * mhd_loop.c) as a client sends them, so the parser meets what
 * libmicrohttpd's post processor really hands on (a part without a name
 * once crashed the server: issue 17, point 0). Besides memory errors and
 * undefined behaviour it checks multipart.h's contract and abort()s when
 * one is broken:
 *   - accepted: at most FORM_MAX_FIELDS fields, every name non-empty, at
 *     most FORM_MAX_NAME bytes, names and values valid UTF-8, the text at
 *     most UPLOAD_FORM_ROOM bytes, the file no longer than the body;
 *   - refused: a 400, 403 or 503 with a sentence. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "mhd_loop.h"
#include "web/http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The parser asks for it only when the form's first part must be its CSRF
 * token, which this target does not ask for. */
bool csrf_valid(struct request *req, const char *given)
{
	(void)req, (void)given;
	abort();
}

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_multipart: contract broken: %s\n", what);
	abort();
}

static size_t body_size;

static void check(struct request *req, bool ok, const struct multipart_fault *fault)
{
	if (!ok) {
		if (fault->status != 400 && fault->status != 403 && fault->status != 503)
			broken("refused with an unexpected status");
		if (!fault->message || !*fault->message) broken("refused without a sentence");
		return;
	}
	if (req->form.n > FORM_MAX_FIELDS) broken("too many fields");
	size_t text = 0;
	for (size_t i = 0; i < req->form.n; i++) {
		const char *name = req->form.fields[i].name, *value = req->form.fields[i].value;
		size_t n = strlen(name);
		if (!n || n > FORM_MAX_NAME || !utf8_valid(name, n)) broken("a bad name");
		if (!utf8_valid(value, strlen(value))) broken("a value that is not text");
		text += strlen(value);
	}
	if (text > UPLOAD_FORM_ROOM) broken("more text than the form may hold");
	if (req->upload.len > body_size) broken("a file longer than the body");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)cls, (void)url, (void)method, (void)version;
	struct request *req = *con_cls;
	struct multipart_fault fault;
	if (!req) {
		req = calloc(1, sizeof *req);
		req->connection = conn;
		*con_cls = req;
		req->refused = !multipart_begin(req, false, &fault);
		if (req->refused) check(req, false, &fault);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!req->refused && !multipart_feed(req, upload_data, *upload_size, &fault)) {
			check(req, false, &fault);
			req->refused = true;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (!req->refused) {
		bool ok = multipart_end(req, &fault);
		check(req, ok, &fault);
	}
	multipart_free(req);
	buf_free(&req->upload_bytes);
	arena_free(&req->arena);
	free(req);
	*con_cls = NULL;
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
	enum MHD_Result q = MHD_queue_response(conn, 200, r);
	MHD_destroy_response(r);
	return q;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char head[256];
	int n = snprintf(head, sizeof head,
	                 "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	                 "Content-Type: multipart/form-data; boundary=xYzZY\r\n"
	                 "Content-Length: %zu\r\n\r\n", size);
	char *request = malloc((size_t)n + size + 1);
	memcpy(request, head, (size_t)n);
	if (size) memcpy(request + n, data, size);
	body_size = size;
	mhd_loop_request(on_request, NULL, request, (size_t)n + size);
	free(request);
	return 0;
}
