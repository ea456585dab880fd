/* Case studies shared between installations (app.h): this installation's
 * feed (JSON Feed 1.1, its items carrying the case in "_emptychair"), and
 * the feeds it imports: fetched, verified against the key they were added
 * with, and mirrored (what the source took back goes on the next fetch).
 * The one place the item's shape is written and read. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"
#include "core/text.h"
#include "net/http_get.h"

#define JSON_FEED_VERSION "https://jsonfeed.org/version/1.1"

enum { FEED_LIMIT = 500, FEED_ITEMS_MAX = 2000, URL_MAX = 2000, UID_MAX = 64,
       ORGANISER_MAX = 200, NAMED_MAX = 50, PERSON_NAME_MAX = 100, PERSON_ROLE_MAX = 80 };

const struct input_field case_source_inputs[CASE_SOURCE_INPUTS] = {
	[CASE_SOURCE_URL] = { .name = "url", .kind = IN_LINE, .required = true, .max = URL_MAX,
	                      .missing = N_("Enter the address of the other site's feed."),
	                      .wrong = N_("Enter the address of the other site's feed.") },
	[CASE_SOURCE_KEY] = { .name = "public_key", .kind = IN_LINE, .required = true, .max = 100,
	                      .missing = N_("Enter the key the other site shows on its about page."),
	                      .wrong = N_("Enter the key the other site shows on its about page.") },
};

/* ---- this installation's feed ---- */

static json_t *utc_json(struct arena *a, int64_t t)
{
	struct civil c;
	civil_from_utc(t, "UTC", &c);
	return json_string(arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day,
	                                c.hour, c.minute, c.second));
}

static json_t *item_json(const char *base, const struct case_study *c,
                         const struct case_person *people, size_t n_people, struct arena *a)
{
	json_t *sections = json_object(), *named = json_array(), *tags = json_array();
	const char *text = "";
	for (int k = 0; k < CASE__SECTIONS; k++) {
		json_object_set_new(sections, case_sections[k].key, json_string(c->sections[k]));
		if (*c->sections[k])
			text = arena_printf(a, "%s%s%s\n\n%s", text, *text ? "\n\n" : "",
			                    case_sections[k].participedia, c->sections[k]);
	}
	for (size_t i = 0; i < n_people; i++)
		if (people[i].agreed_at)
			json_array_append_new(named, json_pack("{s:s, s:s}", "name", people[i].name,
			                                       "role", people[i].role));
	json_t *issues = app_keys_json(c->issues), *approaches = app_keys_json(c->approaches);
	json_array_extend(tags, issues);
	json_array_extend(tags, approaches);
	return json_pack(
	        "{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o,"
	        " s:{s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}}",
	        "id", c->uid, "url", arena_printf(a, "%s/case-studies/%lld", base, (long long)c->id),
	        "title", c->title, "summary", c->brief, "content_text", text, "date_published",
	        utc_json(a, c->published_at), "date_modified", utc_json(a, c->updated_at), "tags",
	        tags, "_emptychair", "version", 1, "organiser", c->panel_name, "sections", sections,
	        "issues", issues, "approaches", approaches, "rung",
	        c->rung ? json_integer(c->rung) : json_null(), "participants",
	        c->participants >= 0 ? json_integer(c->participants) : json_null(), "starts_on",
	        app_day_json(c->starts_on), "ends_on", app_day_json(c->ends_on), "named", named);
}

bool app_case_feed(struct store *s, const char *base, struct arena *a, json_t **doc,
                   int64_t *changed, struct app_error *err)
{
	struct case_study *list;
	size_t n;
	if (store_cases_local_published(s, FEED_LIMIT, a, &list, &n, changed) != ST_OK)
		return app_internal(err);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		struct case_person *people;
		size_t np;
		if (store_case_people(s, list[i].id, a, &people, &np) != ST_OK) {
			json_decref(items);
			return app_internal(err);
		}
		json_array_append_new(items, item_json(base, &list[i], people, np, a));
	}
	*doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "version", JSON_FEED_VERSION, "title",
	                 arena_printf(a, "Case studies from %s", base), "home_page_url",
	                 arena_printf(a, "%s/case-studies", base), "feed_url",
	                 arena_printf(a, "%s/case-studies/feed.json", base), "description",
	                 "Lived-experience engagement written up under Participedia's headings, "
	                 "from emptychair. Signed: X-Emptychair-Signature is ed25519 and the base64 "
	                 "signature of these bytes; the key is on this site's about page.",
	                 "items", items);
	return *doc || app_internal(err);
}

/* ---- importing another's ---- */

/* A string member of at most max characters, without hidden characters
 * (tabs and line breaks allowed when lines); NULL when it is not one. An
 * absent or null member is "" when optional. */
static const char *text_of(json_t *o, const char *key, size_t max, bool lines, bool optional)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) return optional ? "" : NULL;
	if (!json_is_string(v)) return NULL;
	const char *s = json_string_value(v);
	if (utf8_length(s) > max) return NULL;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 && !(lines && (*p == '\n' || *p == '\t' || *p == '\r')))
			return NULL;
	return s;
}

/* The keys of arr found in vocabulary is(), as ",a,b,". */
static const char *tags_of(json_t *arr, bool (*is)(const char *), struct arena *a)
{
	const char *out = ",";
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		const char *k = json_string_value(v);
		if (k && is(k) && !strstr(out, arena_printf(a, ",%s,", k)))
			out = arena_printf(a, "%s%s,", out, k);
	}
	return out;
}

static int64_t day_of(json_t *v)
{
	int y, m, d;
	const char *s = json_string_value(v);
	return s && civil_parse_date(s, &y, &m, &d) && civil_date_valid(y, m, d) ? civil_day(y, m, d)
	                                                                        : 0;
}

static bool uid_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > UID_MAX) return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-", s[i]))
			return false;
	return true;
}

/* One item of a feed as a case study of source_id; false when it is not
 * one this program can take (it is left out). */
static bool item_read(json_t *it, int64_t source_id, struct arena *a, struct case_study *c)
{
	json_t *x = json_object_get(it, "_emptychair");
	*c = (struct case_study){ .source_id = source_id, .participants = -1 };
	c->uid = json_string_value(json_object_get(it, "id"));
	c->title = text_of(it, "title", CASE_TITLE_MAX, false, false);
	c->brief = text_of(it, "summary", CASE_BRIEF_MAX, true, true);
	c->source_url = text_of(it, "url", URL_MAX, false, true);
	const char *published = json_string_value(json_object_get(it, "date_published"));
	const char *modified = json_string_value(json_object_get(it, "date_modified"));
	if (!uid_ok(c->uid) || !c->title || !*c->title || !c->brief || !c->source_url ||
	    !json_is_object(x) || !published || !civil_parse_utc(published, &c->published_at))
		return false;
	if (strncmp(c->source_url, "http://", 7) && strncmp(c->source_url, "https://", 8))
		c->source_url = "";
	if (!modified || !civil_parse_utc(modified, &c->updated_at)) c->updated_at = c->published_at;
	c->panel_name = text_of(x, "organiser", ORGANISER_MAX, false, true);
	json_t *sections = json_object_get(x, "sections");
	for (int k = 0; k < CASE__SECTIONS; k++) {
		c->sections[k] = text_of(sections, case_sections[k].key, CASE_SECTION_MAX, true, true);
		if (!c->sections[k]) return false;
	}
	if (!c->panel_name) return false;
	c->issues = tags_of(json_object_get(x, "issues"), case_issue_is, a);
	c->approaches = tags_of(json_object_get(x, "approaches"), case_approach_is, a);
	json_int_t rung = json_integer_value(json_object_get(x, "rung"));
	c->rung = rung >= 1 && rung <= 7 ? rung : 0;
	json_t *people = json_object_get(x, "participants");
	if (json_is_integer(people) && json_integer_value(people) >= 0 &&
	    json_integer_value(people) <= 10000000)
		c->participants = json_integer_value(people);
	c->starts_on = day_of(json_object_get(x, "starts_on"));
	c->ends_on = day_of(json_object_get(x, "ends_on"));
	if (c->starts_on && c->ends_on && c->ends_on < c->starts_on) c->ends_on = 0;
	const char *named = "";
	json_t *list = json_object_get(x, "named");
	for (size_t i = 0; i < json_array_size(list) && i < NAMED_MAX; i++) {
		json_t *p = json_array_get(list, i);
		const char *name = text_of(p, "name", PERSON_NAME_MAX, false, false);
		const char *role = text_of(p, "role", PERSON_ROLE_MAX, false, true);
		if (!name || !*name || !role) continue;
		const char *who = *role ? arena_printf(a, "%s (%s)", name, role) : name;
		named = *named ? arena_printf(a, "%s, %s", named, who) : who;
	}
	c->named = named;
	return true;
}

struct import_ctx {
	int64_t source_id, now;
	struct case_study *items;
	size_t n;
	const char *name, *last_modified;
	struct arena *a;
	struct case_fetch *report;
};

static enum store_rc import_tx(struct store *s, void *ctx)
{
	struct import_ctx *c = ctx;
	const char **had;
	size_t n_had;
	enum store_rc rc = store_imported_uids(s, c->source_id, c->a, &had, &n_had);
	c->report->imported = c->report->removed = 0;
	for (size_t i = 0; rc == ST_OK && i < c->n; i++) {
		rc = store_imported_put(s, &c->items[i]);
		c->report->imported++;
	}
	/* what the source no longer publishes goes */
	for (size_t i = 0; rc == ST_OK && i < n_had; i++) {
		bool kept = false;
		for (size_t k = 0; k < c->n && !kept; k++) kept = !strcmp(had[i], c->items[k].uid);
		if (kept) continue;
		rc = store_imported_delete(s, c->source_id, had[i]);
		c->report->removed++;
	}
	return rc == ST_OK ? store_case_source_fetched(s, c->source_id, c->now, "", c->last_modified,
	                                               c->name)
	                   : rc;
}

/* Records that the fetch of source failed, and why; false. */
static bool fetch_failed(struct store *s, int64_t id, int64_t now, struct case_fetch *r,
                         const char *why)
{
	r->status = why;
	store_case_source_fetched(s, id, now, why, NULL, NULL);
	return false;
}

bool app_case_source_fetch(struct store *s, int64_t id, int64_t now, long timeout_ms,
                           size_t max_bytes, struct arena *a, struct case_fetch *r,
                           struct app_error *err)
{
	*r = (struct case_fetch){ .status = NULL };
	struct case_source src;
	enum store_rc rc = store_case_source_get(s, id, a, &src);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL, _("There is no such feed here."));
	if (rc != ST_OK) return app_internal(err);
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	size_t pk_len = 0;
	if (sodium_base642bin(pk, sizeof pk, src.public_key, strlen(src.public_key), NULL, &pk_len,
	                      NULL, sodium_base64_VARIANT_ORIGINAL) || pk_len != sizeof pk)
		return fetch_failed(s, id, now, r,
		                    lang_message(a, N_("Its key is not a feed key."), 0));
	struct http_got got;
	bool answered = http_get(src.url, src.last_modified, timeout_ms, max_bytes, &got);
	const char *why = NULL;
	/* stored as messages, read in each reader's language (core/lang.h) */
	if (got.too_big)
		why = lang_message(a, N_("The feed is larger than %s bytes: nothing was taken from it."),
		                   1, arena_printf(a, "%zu", max_bytes));
	else if (!answered)
		why = lang_message(a, N_("It could not be fetched: %s."), 1, got.error);
	else if (got.status == 304)
		why = "";
	else if (got.status != 200)
		why = lang_message(a, N_("It answered %s, not 200."), 1,
		                   arena_printf(a, "%ld", got.status));
	if (why) {
		http_got_free(&got);
		if (*why) return fetch_failed(s, id, now, r, why);
		r->unchanged = true;
		r->status = "";
		store_case_source_fetched(s, id, now, "", src.last_modified, NULL);
		return true;
	}
	/* the signature, over exactly the bytes that came */
	unsigned char sig[crypto_sign_BYTES];
	size_t sig_len = 0;
	const char *b64 = got.signature;
	if (!strncmp(b64, "ed25519 ", 8)) b64 += 8;
	else b64 = "";
	bool signed_ok = *b64 &&
	                 !sodium_base642bin(sig, sizeof sig, b64, strlen(b64), NULL, &sig_len, NULL,
	                                    sodium_base64_VARIANT_ORIGINAL) &&
	                 sig_len == sizeof sig &&
	                 !crypto_sign_verify_detached(sig, (const unsigned char *)got.body, got.len, pk);
	if (!signed_ok) {
		bool had_signature = *got.signature;
		http_got_free(&got);
		return fetch_failed(s, id, now, r,
		                    had_signature
		                    ? lang_message(a, N_("The feed's signature does not match its key: "
		                                         "nothing was taken from it."), 0)
		                    : lang_message(a, N_("The feed is not signed: nothing was taken "
		                                         "from it."), 0));
	}
	json_error_t jerr;
	json_t *doc = json_loadb(got.body, got.len, 0, &jerr);
	const char *last_modified = arena_strdup(a, got.last_modified);
	http_got_free(&got);
	json_t *items = json_object_get(doc, "items");
	const char *version = json_string_value(json_object_get(doc, "version"));
	if (!json_is_object(doc) || !version || strcmp(version, JSON_FEED_VERSION) ||
	    !json_is_array(items) || json_array_size(items) > FEED_ITEMS_MAX) {
		json_decref(doc);
		return fetch_failed(s, id, now, r,
		                    lang_message(a, N_("It is not a JSON Feed 1.1 of case studies."), 0));
	}
	struct import_ctx c = { id, now, arena_alloc(a, (json_array_size(items) + 1) *
	                                                    sizeof *c.items),
	                        0, NULL, last_modified, a, r };
	const char *title = text_of(doc, "title", ORGANISER_MAX, false, true);
	c.name = title ? arena_strdup(a, title) : "";
	for (size_t i = 0; i < json_array_size(items); i++) {
		struct case_study one;
		if (!item_read(json_array_get(items, i), id, a, &one)) {
			r->skipped++;
			continue;
		}
		bool twice = false;
		for (size_t k = 0; k < c.n && !twice; k++) twice = !strcmp(c.items[k].uid, one.uid);
		if (twice) {
			r->skipped++;
			continue;
		}
		/* the strings live in doc: copy them before it goes */
		one.uid = arena_strdup(a, one.uid);
		one.title = arena_strdup(a, one.title);
		one.brief = arena_strdup(a, one.brief);
		one.source_url = arena_strdup(a, one.source_url);
		one.panel_name = arena_strdup(a, one.panel_name);
		for (int k = 0; k < CASE__SECTIONS; k++) one.sections[k] = arena_strdup(a, one.sections[k]);
		c.items[c.n++] = one;
	}
	json_decref(doc);
	rc = store_tx(s, import_tx, &c);
	if (rc != ST_OK) return app_internal(err);
	r->status = "";
	return true;
}

bool app_case_sources(struct store *s, struct arena *a, struct case_source **out, size_t *n,
                      struct app_error *err)
{
	return store_case_sources(s, a, out, n) == ST_OK || app_internal(err);
}

bool app_case_source_add(struct store *s, int64_t user_id, const struct input_value *in,
                         int64_t now, int64_t *id, struct app_error *err)
{
	const char *url = in[CASE_SOURCE_URL].text, *key = in[CASE_SOURCE_KEY].text;
	if (!in[CASE_SOURCE_URL].given || (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)))
		return app_fail(err, 400, "invalid", "url",
		                _("Enter the feed's address, starting with https:// (or http://)."));
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	size_t n = 0;
	if (!in[CASE_SOURCE_KEY].given ||
	    sodium_base642bin(pk, sizeof pk, key, strlen(key), NULL, &n, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) ||
	    n != sizeof pk)
		return app_fail(err, 400, "invalid", "public_key",
		                _("That is not a feed key: copy it whole from the other site's about "
		                  "page."));
	enum store_rc rc = store_case_source_add(s, url, key, user_id, now, id);
	if (rc == ST_CONFLICT)
		return app_fail(err, 409, "exists", "url", _("This feed is imported already."));
	return rc == ST_OK || app_internal(err);
}

bool app_case_source_delete(struct store *s, int64_t id, struct app_error *err)
{
	enum store_rc rc = store_case_source_delete(s, id);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL, _("There is no such feed here."));
	return rc == ST_OK || app_internal(err);
}

bool app_case_sources_fetch_all(struct store *s, int64_t now, long timeout_ms, size_t max_bytes,
                                int *ok, int *failed)
{
	struct arena a = { 0 };
	struct case_source *list;
	size_t n;
	*ok = *failed = 0;
	bool done = store_case_sources(s, &a, &list, &n) == ST_OK;
	for (size_t i = 0; done && i < n; i++) {
		struct case_fetch r;
		struct app_error err;
		if (app_case_source_fetch(s, list[i].id, now, timeout_ms, max_bytes, &a, &r, &err))
			(*ok)++;
		else
			(*failed)++;
	}
	arena_free(&a);
	return done;
}
