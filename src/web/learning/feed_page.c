/* Case studies between installations (app/case_feed.c): this site's feed,
 * signed with its key (the about page shows the public half), the export
 * Participedia can take, and the administrators' page of the feeds this
 * site imports, with the JSON API of the same. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/csv.h"
#include "core/lang.h"
#include "web/http/api_json.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/learning/cases_ui.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

/* ---- this site's feed ---- */

void feed_get(struct request *req)
{
	json_t *doc;
	int64_t changed;
	struct app_error err;
	if (!app_case_feed(req->store, req->cfg->public_url, &req->arena, &doc, &changed, &err)) {
		respond_app_error(req, &err);
		return;
	}
	char date[CIVIL_HTTP_DATE];
	int64_t since;
	/* HTTP dates are whole seconds: a change later in the second of the
	 * last one would share its Last-Modified and be missed. So a
	 * Last-Modified is given only once its second has passed; until then
	 * every fetch gets the whole feed. */
	if (changed && changed < req->now) {
		civil_http_date(changed, date);
		respond_header(req, "Last-Modified", arena_strdup(&req->arena, date));
		if (civil_parse_http_date(req_header(req, "If-Modified-Since"), &since) &&
		    changed <= since) {
			json_decref(doc);
			req->status = 304;
			return;
		}
	}
	char *body = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	if (!body) {
		respond_error(req, 500, "internal", _("We could not make the feed. Try again."));
		return;
	}
	/* a detached signature of exactly these bytes */
	unsigned char sig[AUTH_FEED_SIGNATURE];
	crypto_sign_detached(sig, NULL, (const unsigned char *)body, strlen(body),
	                     req->cfg->feed_secret);
	size_t b64_len = sodium_base64_ENCODED_LEN(sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = arena_alloc(&req->arena, b64_len);
	sodium_bin2base64(b64, b64_len, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	respond_header(req, "X-Emptychair-Signature", arena_printf(&req->arena, "ed25519 %s", b64));
	buf_puts(&req->out, body);
	free(body);
	req->status = 200;
	req->content_type = "application/feed+json";
}

/* ---- the export Participedia can take ---- */

void participedia_csv_get(struct request *req)
{
	struct case_study *list;
	size_t n;
	struct app_error err;
	if (!app_cases_local(req->store, 500, &req->arena, &list, &n, &err)) {
		respond_app_error(req, &err);
		return;
	}
	struct buf *b = &req->out;
	csv_begin(b);
	/* Participedia's names for its case fields */
	static const char *const head[] = { "Title", "Brief Description", "General Issues",
	                                    "Approaches", "Start Date", "End Date",
	                                    "Total Number of Participants", "Organizer", "URL" };
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) csv_field(b, head[i]);
	for (int k = 0; k < CASE__SECTIONS; k++) csv_field(b, case_sections[k].participedia);
	csv_end_row(b);
	for (size_t i = 0; i < n; i++) {
		const struct case_study *c = &list[i];
		/* ",a,b," as "a; b" */
		const char *lists[2] = { c->issues, c->approaches };
		csv_field(b, c->title);
		csv_field(b, c->brief);
		for (int l = 0; l < 2; l++) {
			const char *out = "";
			for (const char *p = lists[l]; *p;) {
				if (*p == ',') {
					p++;
					continue;
				}
				size_t len = strcspn(p, ",");
				out = arena_printf(&req->arena, "%s%s%.*s", out, *out ? "; " : "", (int)len, p);
				p += len;
			}
			csv_field(b, out);
		}
		int64_t days[2] = { c->starts_on, c->ends_on };
		for (int d = 0; d < 2; d++) {
			int y, m, dd;
			if (!days[d]) {
				csv_field(b, "");
				continue;
			}
			civil_date_of_day(days[d], &y, &m, &dd);
			csv_field(b, arena_printf(&req->arena, "%04d-%02d-%02d", y, m, dd));
		}
		if (c->participants >= 0) csv_field_i64(b, c->participants);
		else csv_field(b, "");
		csv_field(b, c->panel_name);
		csv_field(b, arena_printf(&req->arena, "%s/case-studies/%lld", req->cfg->public_url,
		                          (long long)c->id));
		for (int k = 0; k < CASE__SECTIONS; k++) csv_field(b, c->sections[k]);
		csv_end_row(b);
	}
	req->status = 200;
	req->content_type = "text/csv; charset=utf-8";
	respond_header(req, "Content-Disposition",
	               "attachment; filename=\"case-studies-participedia.csv\"");
}

/* ---- the feeds this site imports (administrators) ---- */

static void sources_page(struct request *req, const struct form_errors *e,
                         const struct case_fetch *fetched)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct case_source *list;
	size_t n;
	struct app_error err;
	if (!app_case_sources(req->store, a, &list, &n, &err)) {
		respond_app_error(req, &err);
		return;
	}
	page_begin(req, _("Case studies from other sites"), e);
	html(b, "<h1 class=\"heading-l\">%t</h1><p>%t</p>", _("Case studies from other sites"),
	     _("Other sites running emptychair publish their case studies as a signed feed. Add one "
	       "here, with the key its about page shows, and its case studies join this site's "
	       "library, with where they came from. They are fetched every hour; one the other "
	       "site takes back goes from here at the next fetch."));
	if (fetched) {
		if (*fetched->status) {
			html(b, "<div class=\"notice\" role=\"status\"><p>");
			html_message(b, a, fetched->status);
			html(b, "</p></div>");
		} else {
			html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
			     fetched->unchanged
			     ? _("Fetched: nothing has changed since the last time.")
			     : arena_printf(a, _("Fetched: %d case studies taken, %d removed, %d left out."),
			                    fetched->imported, fetched->removed, fetched->skipped));
		}
	}
	if (!n) html(b, "<p>%t</p>", _("This site imports no feeds yet."));
	for (size_t i = 0; i < n; i++) {
		const struct case_source *x = &list[i];
		html(b, "<section class=\"card\" aria-labelledby=\"src-%l\"><h2 class=\"heading-s\" "
		        "id=\"src-%l\"><bdi>%t</bdi></h2><dl class=\"summary\"><div><dt>%t</dt>"
		        "<dd><bdi>%t</bdi></dd></div><div><dt>%t</dt><dd>%l</dd></div><div><dt>%t</dt><dd>",
		     x->id, x->id, *x->name ? x->name : x->url, _("Address"), x->url,
		     _("Case studies taken from it"), x->items, _("Last fetched"));
		if (!x->fetched_at) html(b, "%t", _("Not yet"));
		else if (!*x->status)
			html(b, "%t", arena_printf(a, _("%s, and it went well"),
			                           format_time(req, x->fetched_at, "UTC")));
		else {
			html(b, "%t ", format_time(req, x->fetched_at, "UTC"));
			html_message(b, a, x->status);
		}
		html(b, "</dd></div></dl>");
		ui_form_begin(req, arena_printf(a, "/admin/case-sources/%lld/fetch", (long long)x->id));
		ui_button(req, _("Fetch it now"), "secondary");
		ui_form_end(req);
		ui_form_begin(req, arena_printf(a, "/admin/case-sources/%lld/delete", (long long)x->id));
		ui_button(req, _("Stop importing it, and remove its case studies"), "warning");
		ui_form_end(req);
		html(b, "</section>");
	}
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("Import another site's feed"));
	ui_form_begin(req, "/admin/case-sources");
	ui_input(req, e, "url", _("The feed's address"),
	         _("Its about page shows it: it ends in /case-studies/feed.json."),
	         e && e->n ? form_get(&req->form, "url") : "", "url", "off");
	ui_input(req, e, "public_key", _("Its key"),
	         _("Also on its about page. Only a feed signed with this key is taken."),
	         e && e->n ? form_get(&req->form, "public_key") : "", "text", "off");
	ui_button(req, _("Import it"), NULL);
	ui_form_end(req);
	html(b, "<h2 class=\"heading-m\">%t</h2><p>%t</p><p><code><bdi id=\"feed-key\">%t</bdi></code></p>"
	        "<ul class=\"list\"><li><a href=\"/case-studies/feed.json\">%t</a></li>"
	        "<li><a href=\"/case-studies/participedia.csv\">%t</a></li></ul>",
	     _("This site's own feed"),
	     _("Other sites import this site's published case studies with its address and this "
	       "key:"),
	     feed_public_key(req), _("The feed"), _("Its case studies for Participedia (CSV)"));
	page_end(req);
}

void case_sources_get(struct request *req)
{
	sources_page(req, NULL, NULL);
}

void case_source_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[CASE_SOURCE_INPUTS];
	struct app_error err;
	int64_t id;
	bool ok = form_inputs(req, case_source_inputs, CASE_SOURCE_INPUTS, in, &e);
	if (ok && !(ok = app_case_source_add(req->store, req->user->id, in, req->now, &id, &err))) {
		if (!app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (!req->status || req->status < 400) req->status = 400;
		sources_page(req, &e, NULL);
		return;
	}
	/* fetched at once, so that what is wrong shows while it is in mind */
	struct case_fetch r;
	if (!app_case_source_fetch(req->store, id, req->now, req->cfg->feed_timeout_ms,
	                           CASE_FEED_MAX_BYTES, &req->arena, &r, &err) && !r.status) {
		respond_app_error(req, &err);
		return;
	}
	sources_page(req, NULL, &r);
}

void case_source_fetch_post(struct request *req)
{
	struct case_fetch r;
	struct app_error err;
	if (!app_case_source_fetch(req->store, req->params[0], req->now, req->cfg->feed_timeout_ms,
	                           CASE_FEED_MAX_BYTES, &req->arena, &r, &err) &&
	    !r.status) {
		respond_app_error(req, &err);
		return;
	}
	sources_page(req, NULL, &r);
}

void case_source_delete_post(struct request *req)
{
	struct app_error err;
	if (!app_case_source_delete(req->store, req->params[0], &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, "/admin/case-sources");
}

/* ---- the same, as JSON ---- */

static json_t *source_json(struct request *req, const struct case_source *x)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:I}", "id", (json_int_t)x->id,
	                 "url", x->url, "public_key", x->public_key, "name", x->name, "fetched_at",
	                 jtime(x->fetched_at), "ok_at", jtime(x->ok_at), "status",
	                 *x->status ? json_string(lang_message_text(&req->arena, x->status))
	                            : json_null(),
	                 "items", (json_int_t)x->items);
}

void api_case_sources(struct request *req)
{
	struct case_source *list;
	size_t n;
	struct app_error err;
	if (!app_case_sources(req->store, &req->arena, &list, &n, &err)) {
		api_respond_error(req, &err);
		return;
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) json_array_append_new(arr, source_json(req, &list[i]));
	api_send(req, 200, json_pack("{s:o, s:s}", "sources", arr, "public_key",
	                             feed_public_key(req)));
}

static void send_fetch(struct request *req, int64_t id, int status)
{
	struct case_fetch r;
	struct app_error err;
	bool ok = app_case_source_fetch(req->store, id, req->now, req->cfg->feed_timeout_ms,
	                                CASE_FEED_MAX_BYTES, &req->arena, &r, &err);
	if (!ok && !r.status) {
		api_respond_error(req, &err);
		return;
	}
	struct case_source x;
	if (store_case_source_get(req->store, id, &req->arena, &x) != ST_OK) {
		respond_error(req, 500, "internal", _("We could not read the feed back. Try again."));
		return;
	}
	json_t *j = source_json(req, &x);
	json_object_set_new(j, "fetch", json_pack("{s:b, s:b, s:i, s:i, s:i}", "taken", ok,
	                                          "unchanged", r.unchanged, "imported", r.imported,
	                                          "removed", r.removed, "skipped", r.skipped));
	api_send(req, status, j);
}

/* {"url", "public_key"}: added and fetched at once */
void api_case_source_create(struct request *req)
{
	struct input_value in[CASE_SOURCE_INPUTS];
	struct app_error err;
	int64_t id;
	if (!api_inputs(req, case_source_inputs, CASE_SOURCE_INPUTS, in)) return;
	if (!app_case_source_add(req->store, req->user->id, in, req->now, &id, &err)) {
		api_respond_error(req, &err);
		return;
	}
	send_fetch(req, id, 201);
}

void api_case_source_fetch(struct request *req)
{
	send_fetch(req, req->params[0], 200);
}

void api_case_source_delete(struct request *req)
{
	struct app_error err;
	if (!app_case_source_delete(req->store, req->params[0], &err)) {
		api_respond_error(req, &err);
		return;
	}
	req->status = 204;
}
