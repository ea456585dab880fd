#ifndef EC_NET_HTTP_GET_H
#define EC_NET_HTTP_GET_H
/* Fetching another installation's feed: one GET with libcurl, bounded in
 * time and size, http and https only (redirects too), sending
 * If-Modified-Since when there is one. libcurl is set up at the first call
 * (pthread_once), so a server that never fetches never pays for it. */
#include <stdbool.h>
#include <stddef.h>

struct http_got {
	long status;                 /* the answer's status; 0 when there was none */
	char *body;                  /* malloc'd, NUL-terminated (what came of it) */
	size_t len;
	bool too_big;                /* more than max_bytes came: the body is cut off */
	char signature[256];         /* the X-Emptychair-Signature header, "" if none */
	char last_modified[64];      /* the Last-Modified header, "" if none */
	char error[256];             /* why there was no answer, "" when there was one */
};

/* GETs url (http:// or https:// only: false otherwise, with error set)
 * within timeout_ms, keeping at most max_bytes of body. True when an
 * answer came, whatever its status; the caller frees with http_got_free. */
bool http_get(const char *url, const char *if_modified_since, long timeout_ms, size_t max_bytes,
              struct http_got *out);
void http_got_free(struct http_got *g);
#endif
