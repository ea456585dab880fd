#ifndef EC_MAIL_SMTP_H
#define EC_MAIL_SMTP_H
/* Sending through an SMTP submission server (a relay), with libcurl: TLS
 * always (smtps:// from the start, or smtp:// with STARTTLS required), one
 * recipient per SMTP transaction, several transactions on one connection.
 *
 * What became of a message is decided from the server's reply code, not
 * only from libcurl's result (libcurl 7.88 gives the same result for 451
 * and 550): a 5xx to the recipient or to the message is a refusal (do not
 * try again); any other failure (4xx, no connection, TLS, a 5xx to our
 * own sign-in, which is the relay's set-up and not the message's fault) is
 * worth another try later.
 *
 * The password is never written anywhere but to the relay; details shown
 * to people are the relay's own reply lines or libcurl's error, which do
 * not hold it.
 *
 * curl_global_init() must have been called once before any thread
 * (cli/mail.c does, when a relay is given). */
#include <stdbool.h>
#include <stddef.h>

struct smtp_relay {
	const char *url;         /* smtps://host:465 or smtp://host:587; no credentials in it */
	const char *user;        /* NULL: no AUTH */
	const char *password;
	const char *envelope_from; /* MAIL FROM: a bare address */
	const char *ca_file;     /* NULL: the system's certificate authorities */
	long timeout_seconds;    /* for each message, connecting included */
};

enum smtp_outcome {
	SMTP_SENT,     /* the relay took it (2xx after the data) */
	SMTP_RETRY,    /* not now: try again later */
	SMTP_REFUSED,  /* refused for good (5xx to the recipient or the message) */
};

struct smtp_result {
	enum smtp_outcome outcome;
	int code;                /* the relay's last reply code; 0 when none came */
	char detail[300];        /* its reply line, or what went wrong, for people */
};

/* The relay's URL is usable: smtps:// or smtp://, a host, no credentials
 * or path. False with *why otherwise. */
bool smtp_url_ok(const char *url, const char **why);

struct smtp_session;
/* NULL when libcurl cannot be set up (out of memory). */
struct smtp_session *smtp_open(const struct smtp_relay *relay);
/* Sends message (len bytes, as mail_compose writes it) to one address. */
void smtp_send(struct smtp_session *s, const char *to, const char *message, size_t len,
               struct smtp_result *out);
void smtp_close(struct smtp_session *s);
#endif
