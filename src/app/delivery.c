/* Mail delivery's use case (app.h): the outbox through an SMTP relay. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/app_private.h"
#include "mail/message.h"

/* The wait before attempt number `attempts + 1` after a failure:
 * retry_seconds, then twice that each time, up to DELIVERY_RETRY_MAX. */
static int64_t backoff(const struct delivery_config *c, int64_t attempts)
{
	int64_t wait = c->retry_seconds > 0 ? c->retry_seconds : 60;
	for (int64_t i = 1; i < attempts && wait < DELIVERY_RETRY_MAX; i++) wait *= 2;
	return wait < DELIVERY_RETRY_MAX ? wait : DELIVERY_RETRY_MAX;
}

static int64_t wall_clock(void)
{
	return (int64_t)time(NULL);
}

/* Sends m and records what became of it; false when the store failed. */
static bool deliver_one(struct store *s, struct smtp_session *smtp,
                        const struct delivery_config *c, const char *holder,
                        const struct outbox_message *m, struct delivery_counts *out)
{
	struct arena a = { 0 };
	const char *at = c->relay.envelope_from ? strrchr(c->relay.envelope_from, '@') : NULL;
	struct mail_message mail = { .from = c->from, .to = m->to_email, .subject = m->subject,
	                             .body = m->body, .date = wall_clock(),
	                             .message_id = mail_message_id(m->id, m->created_at,
	                                                           at ? at + 1 : NULL, &a) };
	size_t len;
	const char *bytes = mail_compose(&mail, &a, &len);
	struct smtp_result r = { .outcome = SMTP_REFUSED };
	if (bytes) smtp_send(smtp, m->to_email, bytes, len, &r);
	else snprintf(r.detail, sizeof r.detail, "the address cannot be written in a message");
	int64_t now = wall_clock();
	enum delivery_outcome outcome = r.outcome == SMTP_SENT      ? DELIVERY_SENT
	                                : r.outcome == SMTP_REFUSED ? DELIVERY_REFUSED
	                                : now - m->created_at >= c->give_up_seconds
	                                    ? DELIVERY_GIVEN_UP
	                                    : DELIVERY_RETRY;
	int64_t next = outcome == DELIVERY_RETRY ? now + backoff(c, m->attempts + 1) : 0;
	enum store_rc rc = store_outbox_record(s, m->id, holder, now, r.code, outcome, r.detail, next);
	arena_free(&a);
	if (rc == ST_NOT_FOUND) {
		out->lost++;
		return true;
	}
	if (rc != ST_OK) return false;
	switch (outcome) {
	case DELIVERY_SENT: out->sent++; break;
	case DELIVERY_RETRY: out->retried++; break;
	case DELIVERY_REFUSED: out->refused++; break;
	case DELIVERY_GIVEN_UP: out->given_up++; break;
	}
	return true;
}

bool app_outbox_deliver(struct store *s, struct smtp_session *smtp,
                        const struct delivery_config *c, const char *holder,
                        struct delivery_counts *out)
{
	memset(out, 0, sizeof *out);
	int batch = c->batch > 0 ? c->batch : 10;
	long per_message = c->relay.timeout_seconds > 0 ? c->relay.timeout_seconds : 60;
	/* Bounded: a pass ends even if messages keep arriving. */
	for (int round = 0; round < 1000; round++) {
		struct arena a = { 0 };
		int64_t now = wall_clock(), lease_until = now + c->lease_seconds;
		struct outbox_message *m;
		size_t n;
		if (store_outbox_claim(s, holder, now, lease_until, batch, &a, &m, &n) != ST_OK) {
			arena_free(&a);
			return false;
		}
		bool ok = true, in_time = true;
		for (size_t i = 0; i < n && ok && in_time; i++) {
			/* Not one that could still be on its way when the lease ends:
			 * another server would take it and send it again. */
			in_time = wall_clock() + per_message < lease_until;
			if (in_time) ok = deliver_one(s, smtp, c, holder, &m[i], out);
		}
		arena_free(&a);
		if (!ok) return false;
		if (!in_time || n < (size_t)batch) break;
	}
	return true;
}

enum store_rc app_undelivered(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                              int limit, struct arena *a, struct outbox_message **out,
                              size_t *n, int64_t *others)
{
	/* A thousand is more trouble than any relay fault leaves unseen. */
	enum store_rc rc = store_outbox_troubled(s, panel_id, 1000, a, out, n);
	*others = 0;
	if (rc != ST_OK) return rc;
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++) {
		if (policy_shows_undelivered(actor, (*out)[i].kind) && kept < (size_t)limit)
			(*out)[kept++] = (*out)[i];
		else if (!policy_shows_undelivered(actor, (*out)[i].kind))
			(*others)++;
	}
	*n = kept;
	return ST_OK;
}