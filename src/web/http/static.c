/* Assets compiled into the binary, served with a validator and a day's
 * caching; and the health check. */
#include <string.h>

#include "core/embedded.h"
#include "core/lang.h"
#include "web/http/handlers.h"

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot) return "application/octet-stream";
	if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg")) return "image/svg+xml";
	if (!strcmp(dot, ".ico")) return "image/x-icon";
	return "application/octet-stream";
}

void static_get(struct request *req)
{
	const char *name = req->path + strlen("/static/");
	const struct embedded_file *f = embedded_find(embedded_assets, name);
	if (!f) {
		respond_error(req, 404, "not_found", _("There is no such file."));
		return;
	}
	respond_header(req, "ETag", f->etag);
	respond_header(req, "Cache-Control", "public, max-age=86400");
	const char *inm = req_header(req, "If-None-Match");
	if (inm && !strcmp(inm, f->etag)) {
		req->status = 304;
		return;
	}
	req->status = 200;
	req->content_type = type_of(name);
	buf_put(&req->out, f->data, f->size);
}

void healthz_get(struct request *req)
{
	/* Proves the worker's database connection answers, not just the socket. */
	bool ok = store_schema_version(req->store) == store_schema_latest();
	req->status = ok ? 200 : 503;
	req->content_type = "text/plain; charset=utf-8";
	buf_puts(&req->out, ok ? "ok\n" : "database not ready\n");
}
