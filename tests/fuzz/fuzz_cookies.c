/* libFuzzer target for cookies: the bytes of a Cookie header, sent through
 * libmicrohttpd (tests/fuzz/mhd_loop.c), whose parser makes the values our
 * session code reads; each value is then checked as a token
 * (text_is_token, what web/http/session.c asks before any look-up). Besides
 * memory errors and undefined behaviour it abort()s when a value said to be
 * token-shaped is not 43 URL-safe Base64 characters, or a name or value
 * handed on is not a string of the header's bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "mhd_loop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_cookies: contract broken: %s\n", what);
	abort();
}

static const char *header;

static enum MHD_Result each_cookie(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
	(void)cls, (void)kind;
	if (!key) broken("a cookie without a name");
	if (value && text_is_token(value, 43)) {
		if (strlen(value) != 43) broken("a token of the wrong length");
		for (const char *p = value; *p; p++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", *p))
				broken("a token with another character");
		if (!strstr(header, value)) broken("a token that is not in the header");
	}
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)cls, (void)url, (void)method, (void)version, (void)upload_data, (void)upload_size;
	if (!*con_cls) { /* the first call: headers in */
		*con_cls = (void *)1;
		return MHD_YES;
	}
	MHD_get_connection_values(conn, MHD_COOKIE_KIND, each_cookie, NULL);
	text_is_token(MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "ec_session"), 43);
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
	enum MHD_Result q = MHD_queue_response(conn, 200, r);
	MHD_destroy_response(r);
	return q;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* One header line: no CR, LF or NUL in it (libmicrohttpd would end the
	 * line there). */
	char *value = malloc(size + 1);
	size_t n = 0;
	for (size_t i = 0; i < size; i++)
		if (data[i] != '\r' && data[i] != '\n' && data[i]) value[n++] = (char)data[i];
	value[n] = 0;
	header = value;
	char *request = malloc(n + 128);
	int len = snprintf(request, n + 128, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	                                     "Cookie: %s\r\n\r\n", value);
	mhd_loop_request(on_request, NULL, request, (size_t)len);
	free(request);
	free(value);
	return 0;
}
