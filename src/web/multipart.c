#include "web/multipart.h"

#include <string.h>
#include <strings.h>

#include <microhttpd.h>

#include "core/text.h"

bool multipart_is(const char *ct)
{
	return ct && !strncasecmp(ct, "multipart/form-data", 19) &&
	       (!ct[19] || strchr("; \t", ct[19]));
}

/* The part being read, and what has been read so far. */
struct parse {
	struct request *req;
	struct form_field *fields;
	size_t n;
	struct buf part;            /* the current part's bytes */
	const char *key, *filename; /* of the current part; key NULL before the first */
	bool have_file;
	const char *error;
};

/* Ends the current part: a file to req->upload, text to the fields. */
static bool finish_part(struct parse *p)
{
	if (!p->key) return true;
	struct request *req = p->req;
	if (p->filename) {
		if (p->have_file) {
			p->error = "Send one file at a time.";
			return false;
		}
		p->have_file = true;
		unsigned char *copy = arena_alloc(&req->arena, p->part.len + 1);
		if (p->part.len) memcpy(copy, p->part.data, p->part.len);
		req->upload = (struct upload){ arena_strdup(&req->arena, p->filename), copy,
		                               p->part.len };
	} else {
		if (!utf8_valid(p->part.data ? p->part.data : "", p->part.len)) {
			p->error = "A field of the form is not valid text.";
			return false;
		}
		if (p->n == FORM_MAX_FIELDS) {
			p->error = "The form has too many fields.";
			return false;
		}
		char *value = arena_alloc(&req->arena, p->part.len + 1);
		if (p->part.len) memcpy(value, p->part.data, p->part.len);
		value[p->part.len] = 0;
		p->fields[p->n++] = (struct form_field){ p->key, value };
	}
	buf_reset(&p->part);
	p->key = NULL;
	return true;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
	(void)kind, (void)content_type, (void)transfer_encoding;
	struct parse *p = cls;
	/* A new part starts at offset 0; a part with an empty value may give
	 * one empty call first, which the same key's data then continues. */
	bool same = p->key && !strcmp(p->key, key) && !p->part.len &&
	            !p->filename == !filename;
	if (off == 0 && !same) {
		if (!finish_part(p)) return MHD_NO;
		size_t klen = strlen(key);
		if (!klen || klen > FORM_MAX_NAME || !utf8_valid(key, klen)) {
			p->error = "A field of the form has a name that is not allowed.";
			return MHD_NO;
		}
		p->key = arena_strdup(&p->req->arena, key);
		p->filename = filename ? arena_strdup(&p->req->arena, filename) : NULL;
	}
	if (size) buf_put(&p->part, data, size);
	return MHD_YES;
}

bool multipart_parse(struct request *req, const char **error)
{
	struct parse p = { .req = req };
	p.fields = arena_alloc(&req->arena, FORM_MAX_FIELDS * sizeof *p.fields);
	struct MHD_PostProcessor *pp =
		MHD_create_post_processor(req->connection, 64 * 1024, on_part, &p);
	if (!pp) {
		*error = "The form could not be read: it has no boundary.";
		return false;
	}
	bool ok = MHD_post_process(pp, req->body.data ? req->body.data : "", req->body.len) ==
	          MHD_YES;
	/* MHD_NO from destroy: the body ended in the middle of a part. */
	ok = MHD_destroy_post_processor(pp) == MHD_YES && ok;
	ok = ok && finish_part(&p);
	buf_free(&p.part);
	if (!ok) {
		*error = p.error ? p.error : "The form could not be read. Reload the page and try again.";
		return false;
	}
	req->form = (struct form){ p.fields, p.n };
	return true;
}
