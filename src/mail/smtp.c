/* SMTP through libcurl (smtp.h). */
#include "mail/smtp.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct smtp_session {
	CURL *curl;
	char error[CURL_ERROR_SIZE];
	/* What the debug callback saw of this transaction: the last command we
	 * sent (its first word), the relay's last reply line, and the first
	 * reply that refused something (4xx or 5xx) with the command it
	 * answered (after one, libcurl still says QUIT). */
	char last_command[16];
	char last_reply[300];
	int failed_code;
	char failed_command[16];
	char failed_reply[300];
	/* The message being read out to libcurl. */
	const char *data;
	size_t len, at;
};

bool smtp_url_ok(const char *url, const char **why)
{
	const char *host;
	if (!strncmp(url, "smtps://", 8)) host = url + 8;
	else if (!strncmp(url, "smtp://", 7)) host = url + 7;
	else {
		*why = "the relay's address starts smtps:// (TLS from the start, port 465) or smtp:// "
		       "(STARTTLS, port 587)";
		return false;
	}
	if (strchr(host, '@')) {
		*why = "give the relay's user with --smtp-user and its password in a file or the "
		       "environment, not in the address";
		return false;
	}
	size_t n = strcspn(host, "/?#");
	if (n == 0 || host[n] || strpbrk(host, " \t\r\n")) {
		*why = "the relay's address is smtps://HOST[:PORT] or smtp://HOST[:PORT]";
		return false;
	}
	return true;
}

static size_t read_message(char *to, size_t size, size_t count, void *p)
{
	struct smtp_session *s = p;
	size_t room = size * count, left = s->len - s->at;
	size_t n = left < room ? left : room;
	memcpy(to, s->data + s->at, n);
	s->at += n;
	return n;
}

/* The reply line data[0..size) without its line end and with no control
 * characters, into out. */
static void keep_line(char *out, size_t cap, const char *data, size_t size)
{
	size_t n = size < cap - 1 ? size : cap - 1;
	while (n && (data[n - 1] == '\r' || data[n - 1] == '\n')) n--;
	memcpy(out, data, n);
	out[n] = 0;
	for (char *q = out; *q; q++)
		if ((unsigned char)*q < 0x20) *q = ' ';
}

/* Keeps the last command's verb and the relay's reply lines as said
 * above; nothing else (the AUTH exchange carries the password in Base64). */
static int watch(CURL *c, curl_infotype type, char *data, size_t size, void *p)
{
	(void)c;
	struct smtp_session *s = p;
	if (type == CURLINFO_HEADER_OUT) {
		size_t n = strcspn(data, " :\r\n");
		if (n > size) n = size;
		if (n >= sizeof s->last_command) n = sizeof s->last_command - 1;
		memcpy(s->last_command, data, n);
		s->last_command[n] = 0;
	} else if (type == CURLINFO_HEADER_IN) {
		keep_line(s->last_reply, sizeof s->last_reply, data, size);
		int code = size >= 3 && data[0] >= '1' && data[0] <= '5' && data[1] >= '0' &&
		           data[1] <= '9' && data[2] >= '0' && data[2] <= '9'
		           ? (data[0] - '0') * 100 + (data[1] - '0') * 10 + (data[2] - '0') : 0;
		if (code >= 400 && !s->failed_code) {
			s->failed_code = code;
			memcpy(s->failed_command, s->last_command, sizeof s->failed_command);
			keep_line(s->failed_reply, sizeof s->failed_reply, data, size);
		}
	}
	return 0;
}

struct smtp_session *smtp_open(const struct smtp_relay *r)
{
	struct smtp_session *s = calloc(1, sizeof *s);
	if (!s || !(s->curl = curl_easy_init())) {
		free(s);
		return NULL;
	}
	CURL *c = s->curl;
	curl_easy_setopt(c, CURLOPT_URL, r->url);
	/* smtp:// must upgrade with STARTTLS or fail; smtps:// is TLS already. */
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (r->ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, r->ca_file);
	if (r->user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, r->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, r->password ? r->password : "");
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, r->envelope_from);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(c, CURLOPT_READDATA, s);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->error);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, watch);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L); /* feeds watch(); it prints nothing itself */
	curl_easy_setopt(c, CURLOPT_TIMEOUT, r->timeout_seconds > 0 ? r->timeout_seconds : 60L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);       /* threads: no SIGALRM */
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	return s;
}

void smtp_send(struct smtp_session *s, const char *to, const char *message, size_t len,
               struct smtp_result *out)
{
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	s->data = message;
	s->len = len;
	s->at = 0;
	s->error[0] = s->last_command[0] = s->last_reply[0] = 0;
	s->failed_code = 0;
	s->failed_command[0] = s->failed_reply[0] = 0;
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	CURLcode rc = rcpt ? curl_easy_perform(s->curl) : CURLE_OUT_OF_MEMORY;
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpt);
	if (rc == CURLE_OK) {
		out->outcome = SMTP_SENT;
		out->code = 250;
		snprintf(out->detail, sizeof out->detail, "%s", s->last_reply);
		return;
	}
	/* A refusal of this recipient or this message is for good; of
	 * anything before them (our sign-in, our sender) it is the relay's
	 * set-up, which someone will mend: try again. */
	bool about_it = !strcmp(s->failed_command, "RCPT") || !strcmp(s->failed_command, "DATA");
	out->code = s->failed_code;
	out->outcome = s->failed_code >= 500 && about_it ? SMTP_REFUSED : SMTP_RETRY;
	snprintf(out->detail, sizeof out->detail, "%s",
	         *s->failed_reply ? s->failed_reply : *s->error ? s->error : curl_easy_strerror(rc));
}

void smtp_close(struct smtp_session *s)
{
	if (!s) return;
	curl_easy_cleanup(s->curl);
	free(s);
}
