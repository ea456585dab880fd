#include "web/http/multipart.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <microhttpd.h>

#include "core/lang.h"
#include "core/text.h"

bool multipart_is(const char *ct)
{
	return ct && !strncasecmp(ct, "multipart/form-data", 19) &&
	       (!ct[19] || strchr("; \t", ct[19]));
}

/* The part being read, and what has been read so far. */
struct multipart {
	struct request *req;
	struct MHD_PostProcessor *pp;
	struct form_field *fields;
	size_t n;
	size_t text_bytes;          /* of the text parts so far */
	struct buf part;            /* the current part's bytes */
	const char *key, *filename; /* of the current part; key NULL before the first */
	bool have_file;
	bool csrf_pending;          /* the first part must be a valid "csrf" */
	struct multipart_fault fault;
};

static bool refuse(struct multipart *p, int status, const char *code, const char *message)
{
	p->fault = (struct multipart_fault){ status, code, message };
	return false;
}

static bool bad_form(struct multipart *p, const char *message)
{
	return refuse(p, 400, "bad_form", message);
}

/* Ends the current part: a file to req->upload, text to the fields. */
static bool finish_part(struct multipart *p)
{
	if (!p->key) return true;
	struct request *req = p->req;
	if (p->csrf_pending) {
		/* The first part, which begin() required to be "csrf". */
		if (p->filename || !csrf_valid(req, p->part.data ? p->part.data : ""))
			return refuse(p, 403, "csrf", CSRF_REFUSED_MESSAGE);
		p->csrf_pending = false;
	}
	if (p->filename) {
		if (p->have_file) return bad_form(p, N_("Send one file at a time."));
		p->have_file = true;
		/* The file's bytes stay in the buffer they arrived in, now the
		 * request's (freed with it): no second copy of a large file. */
		req->upload_bytes = p->part;
		if (!req->upload_bytes.data) buf_puts(&req->upload_bytes, ""); /* an empty file: "" */
		req->upload = (struct upload){ arena_strdup(&req->arena, p->filename),
		                               (const unsigned char *)req->upload_bytes.data,
		                               req->upload_bytes.len };
		p->part = (struct buf){0};
	} else {
		if (!utf8_valid(p->part.data ? p->part.data : "", p->part.len))
			return bad_form(p, N_("A field of the form is not valid text."));
		if (p->n == FORM_MAX_FIELDS) return bad_form(p, N_("The form has too many fields."));
		p->fields[p->n++] = (struct form_field){
			p->key, arena_strndup(&req->arena, p->part.data ? p->part.data : "", p->part.len) };
		buf_reset(&p->part);
	}
	p->key = NULL;
	return true;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
	(void)kind, (void)content_type, (void)transfer_encoding;
	struct multipart *p = cls;
	/* libmicrohttpd gives no key for a part without a name (or without a
	 * Content-Disposition, or with a NUL in its name). */
	if (!key) {
		bad_form(p, N_("A part of the form has no name."));
		return MHD_NO;
	}
	/* A new part starts at offset 0; a part with an empty value may give
	 * one empty call first, which the same key's data then continues. */
	bool same = p->key && !strcmp(p->key, key) && !p->part.len && !p->filename == !filename;
	if (off == 0 && !same) {
		if (!finish_part(p)) return MHD_NO;
		size_t klen = strlen(key);
		if (!klen || klen > FORM_MAX_NAME || !utf8_valid(key, klen)) {
			bad_form(p, N_("A field of the form has a name that is not allowed."));
			return MHD_NO;
		}
		if (p->csrf_pending && strcmp(key, "csrf")) {
			refuse(p, 403, "csrf", CSRF_REFUSED_MESSAGE);
			return MHD_NO;
		}
		p->key = arena_strdup(&p->req->arena, key);
		p->filename = filename ? arena_strdup(&p->req->arena, filename) : NULL;
	}
	if (!p->filename && (p->text_bytes += size) > UPLOAD_FORM_ROOM) {
		bad_form(p, N_("The form's text is longer than this server accepts."));
		return MHD_NO;
	}
	if (size && !buf_try_put(&p->part, data, size)) {
		refuse(p, 503, "busy", BUSY_MESSAGE);
		return MHD_NO;
	}
	return MHD_YES;
}

bool multipart_begin(struct request *req, bool csrf_first, struct multipart_fault *fault)
{
	struct multipart *p = arena_alloc(&req->arena, sizeof *p);
	p->req = req;
	p->csrf_pending = csrf_first;
	p->fields = arena_alloc(&req->arena, FORM_MAX_FIELDS * sizeof *p->fields);
	p->pp = MHD_create_post_processor(req->connection, 64 * 1024, on_part, p);
	req->multipart = p;
	if (!p->pp) {
		*fault = (struct multipart_fault){ 400, "bad_form",
		                                   N_("The form could not be read: it has no boundary.") };
		return false;
	}
	return true;
}

static bool failed(struct multipart *p, struct multipart_fault *fault)
{
	*fault = p->fault.status ? p->fault
	                         : (struct multipart_fault){ 400, "bad_form",
	                                                     N_("The form could not be read. Reload "
	                                                        "the page and try again.") };
	return false;
}

bool multipart_feed(struct request *req, const char *data, size_t n,
                    struct multipart_fault *fault)
{
	struct multipart *p = req->multipart;
	if (MHD_post_process(p->pp, data, n) != MHD_YES) return failed(p, fault);
	return true;
}

bool multipart_end(struct request *req, struct multipart_fault *fault)
{
	struct multipart *p = req->multipart;
	/* MHD_NO from destroy: the body ended in the middle of a part. */
	bool ok = MHD_destroy_post_processor(p->pp) == MHD_YES;
	p->pp = NULL;
	ok = ok && finish_part(p);
	/* An empty form, or only a token: still no valid token seen. */
	if (ok && p->csrf_pending) ok = refuse(p, 403, "csrf", CSRF_REFUSED_MESSAGE);
	buf_free(&p->part);
	if (!ok) return failed(p, fault);
	req->form = (struct form){ p->fields, p->n };
	return true;
}

void multipart_free(struct request *req)
{
	struct multipart *p = req->multipart;
	if (!p) return;
	if (p->pp) MHD_destroy_post_processor(p->pp);
	p->pp = NULL;
	buf_free(&p->part);
}
