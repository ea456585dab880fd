#ifndef EC_MAIL_MESSAGE_H
#define EC_MAIL_MESSAGE_H
/* One e-mail message as it goes on the wire (RFC 5322 with MIME): the
 * headers, and the plain-text UTF-8 body in quoted-printable, every line
 * ended by CRLF and none longer than 78 characters, so that any relay
 * takes it (no 8BITMIME needed).
 *
 * The subject is encoded (RFC 2047, UTF-8, Base64 words) when it is not
 * plain ASCII. A header value holding a line break is refused rather than
 * written (a subject's line breaks become spaces): nothing a person types
 * can add a header. */
#include <stddef.h>
#include <stdint.h>

#include "core/mem.h"

struct mail_message {
	const char *from;        /* the installation's: "Name <address>" or an address (ASCII) */
	const char *to;          /* one address */
	const char *subject;     /* UTF-8 */
	const char *body;        /* UTF-8 text, lines ended by \n */
	const char *message_id;  /* "<unique@host>" */
	int64_t date;            /* Unix time, written in UTC */
	const char *language;    /* Content-Language ("en", "cy"...); NULL or "": none */
};

/* The message's bytes, in a, and their length; NULL when from, to,
 * message_id or language would break a header line. */
char *mail_compose(const struct mail_message *m, struct arena *a, size_t *len);

/* The Message-ID of outbox message id, made at created_at, of the
 * installation whose mail comes from domain: "<emptychair.ID.CREATED@domain>",
 * in a. The
 * same for every attempt at the message, so that a copy sent twice (a
 * server killed after the relay took it) is known as one by mail
 * programs. */
const char *mail_message_id(int64_t id, int64_t created_at, const char *domain,
                            struct arena *a);
#endif
