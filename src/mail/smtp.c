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
	 * sent (its first word) and the relay's last reply line. */
	char last_command[16];
	char last_reply[300];
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

/* Keeps the last command's verb and the relay's last reply line; nothing
 * else (the AUTH exchange carries the password in Base64). */
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
		/* Multi-line replies end with the line whose code is followed by a space. */
		size_t n = size < sizeof s->last_reply - 1 ? size : sizeof s->last_reply - 1;
		while (n && (data[n - 1] == '\r' || data[n - 1] == '\n')) n--;
		memcpy(s->last_reply, data, n);
		s->last_reply[n] = 0;
		for (char *q = s->last_reply; *q; q++)
			if ((unsigned char)*q < 0x20) *q = ' ';
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
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	CURLcode rc = rcpt ? curl_easy_perform(s->curl) : CURLE_OUT_OF_MEMORY;
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpt);
	long code = 0;
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	out->code = (int)code;
	if (rc == CURLE_OK) {
		out->outcome = SMTP_SENT;
	} else if (code >= 500 && code <= 599 &&
	           (!strcmp(s->last_command, "RCPT") || !strcmp(s->last_command, "DATA") ||
	            !strcmp(s->last_command, "."))) {
		out->outcome = SMTP_REFUSED;
	} else {
		out->outcome = SMTP_RETRY;
	}
	const char *why = *s->last_reply && rc != CURLE_OK && code ? s->last_reply
	                  : *s->error ? s->error : curl_easy_strerror(rc);
	snprintf(out->detail, sizeof out->detail, "%s", rc == CURLE_OK ? s->last_reply : why);
}

void smtp_close(struct smtp_session *s)
{
	if (!s) return;
	curl_easy_cleanup(s->curl);
	free(s);
}
