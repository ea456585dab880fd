/* One bounded GET with libcurl (http_get.h). */
#include "net/http_get.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool curl_ready;

static void set_up(void)
{
	curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

struct sink {
	struct http_got *g;
	size_t cap, max;
};

/* Keeps what fits in max; past it, says so and stops the transfer. */
static size_t body_part(char *data, size_t size, size_t n, void *p)
{
	struct sink *k = p;
	size_t len = size * n;
	if (k->g->len + len > k->max) {
		k->g->too_big = true;
		return 0; /* CURLE_WRITE_ERROR: no more */
	}
	if (k->g->len + len + 1 > k->cap) {
		size_t cap = k->cap ? k->cap : 16384;
		while (cap < k->g->len + len + 1) cap *= 2;
		char *grown = realloc(k->g->body, cap);
		if (!grown) return 0;
		k->g->body = grown;
		k->cap = cap;
	}
	memcpy(k->g->body + k->g->len, data, len);
	k->g->len += len;
	k->g->body[k->g->len] = 0;
	return len;
}

/* Copies header `name`'s value into out when line is it. */
static void take_header(const char *line, size_t len, const char *name, char *out, size_t size)
{
	size_t n = strlen(name);
	if (len <= n + 1 || strncasecmp(line, name, n) || line[n] != ':') return;
	const char *v = line + n + 1;
	const char *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t')) v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ')) end--;
	snprintf(out, size, "%.*s", (int)(end - v), v);
}

static size_t header_line(char *data, size_t size, size_t n, void *p)
{
	struct http_got *g = p;
	size_t len = size * n;
	take_header(data, len, "X-Emptychair-Signature", g->signature, sizeof g->signature);
	take_header(data, len, "Last-Modified", g->last_modified, sizeof g->last_modified);
	return len;
}

bool http_get(const char *url, const char *if_modified_since, long timeout_ms, size_t max_bytes,
              struct http_got *out)
{
	*out = (struct http_got){ 0 };
	if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) {
		snprintf(out->error, sizeof out->error, "the address must start with http:// or https://");
		return false;
	}
	pthread_once(&once, set_up);
	CURL *c = curl_ready ? curl_easy_init() : NULL;
	if (!c) {
		snprintf(out->error, sizeof out->error, "libcurl could not be set up");
		return false;
	}
	struct sink k = { out, 0, max_bytes };
	struct curl_slist *headers = NULL;
	char ims[128];
	if (if_modified_since && *if_modified_since) {
		snprintf(ims, sizeof ims, "If-Modified-Since: %s", if_modified_since);
		headers = curl_slist_append(headers, ims);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "emptychair (case-study feed)");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_part);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &k);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_line);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
	/* a proxy from the environment, as for any program, but never for
	 * this machine's own addresses */
	curl_easy_setopt(c, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
	if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	if (rc == CURLE_FILESIZE_EXCEEDED) out->too_big = true;
	if (rc != CURLE_OK && !out->too_big) {
		snprintf(out->error, sizeof out->error, "%s", curl_easy_strerror(rc));
		out->status = 0;
	}
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
	return out->status != 0 || out->too_big;
}

void http_got_free(struct http_got *g)
{
	free(g->body);
	*g = (struct http_got){ 0 };
}
