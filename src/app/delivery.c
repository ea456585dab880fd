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
	struct outbox_message text = *m;
	app_outbox_text(&text, &a); /* in its reader's language, now */
	struct mail_message mail = { .from = c->from, .to = m->to_email, .subject = text.subject,
	                             .body = text.body, .date = wall_clock(),
	                             .message_id = mail_message_id(m->id, m->created_at,
	                                                           at ? at + 1 : NULL, &a) };
	size_t len;
	const char *bytes = mail_compose(&mail, &a, &len);
	struct smtp_result r = { .outcome = SMTP_REFUSED };
	if (bytes) smtp_send(smtp, m->to_email, bytes, len, &r);
	/* Kept in English, as a relay's own answers are. */
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
	/* Written out in the asker's language, not its reader's: which
	 * language an address's account chose is not the inviter's to learn
	 * (nor, so, whether it has one). */
	for (size_t i = 0; i < kept; i++) {
		(*out)[i].subject = lang_message_text(a, (*out)[i].subject);
		(*out)[i].body = lang_message_text(a, (*out)[i].body);
	}
	return ST_OK;
}

/* ---- choices and digests ---- */

static bool mail_choice_is(const char *s)
{
	return s && (!strcmp(s, "immediately") || !strcmp(s, "daily") || !strcmp(s, "none"));
}

const struct input_field mail_inputs[MAIL_INPUTS] = {
	[MAIL_IN_NOTICES] = { .name = "notices", .kind = IN_CHOICE, .required = true,
	                      .choice = mail_choice_is,
	                      .missing = N_("Choose how notices should come."),
	                      .wrong = N_("Choose each at once, a daily digest, or none.") },
};

bool app_mail_choice_set(struct store *s, int64_t user_id, const char *choice, int64_t now,
                         struct app_error *err)
{
	if (!mail_choice_is(choice))
		return app_fail(err, 400, "invalid", "notices", _(mail_inputs[MAIL_IN_NOTICES].wrong));
	enum store_rc rc = store_mail_choice_set(s, user_id, choice, now);
	return rc == ST_OK || app_internal(err);
}

enum { DIGEST_PEOPLE = 100, DIGEST_NOTICES = 50 };

/* Notices n[0..count) as a mail lists them, in the language in use: each
 * with its panel and its link, on lines of its own. */
static const char *notice_list(const struct delivery_config *c, const struct pending_notice *n,
                               size_t count, struct arena *a)
{
	const char *url = c->public_url ? c->public_url : "";
	struct buf b = { 0 };
	for (size_t i = 0; i < count; i++) {
		buf_printf(&b, "\n- %s%s%s\n", n[i].panel_name, *n[i].panel_name ? ": " : "",
		           lang_message_text(a, n[i].body));
		if (*n[i].link) buf_printf(&b, "  %s%s\n", url, n[i].link);
	}
	const char *list = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return list;
}

/* The digest's text for notices n[0..count). */
static const char *digest_body(const struct delivery_config *c, const struct pending_notice *n,
                               size_t count, struct arena *a)
{
	const char *url = c->public_url ? c->public_url : "";
	const char *list = notice_list(c, n, count, a);
	/* TRANSLATORS: the daily digest by e-mail. The first %s is the list of
	 * notices (each on lines of its own), the second the link to the page
	 * where people choose how notices come. */
	return arena_printf(a, _("Hello,\n\nHere is what is new for you on emptychair:\n%s\n"
	                         "You chose to hear of these once a day, or they are answers to "
	                         "what you said anonymously, which we never e-mail at once. To "
	                         "change how notices come: %s\n"),
	                    list, arena_printf(a, "%s/account#mail", url));
}

void app_outbox_text(struct outbox_message *m, struct arena *a)
{
	const struct language *was = lang_use(language_find(m->language));
	m->subject = lang_message_text(a, m->subject);
	m->body = lang_message_text(a, m->body);
	lang_use(was);
}

bool app_digests_make(struct store *s, const struct delivery_config *c, int64_t now, int *made)
{
	*made = 0;
	struct arena a = { 0 };
	struct digest_due *due;
	size_t n;
	bool ok = store_digests_due(s, now - c->digest_seconds, DIGEST_PEOPLE, &a, &due, &n) ==
	          ST_OK;
	for (size_t i = 0; ok && i < n; i++) {
		struct pending_notice *notices;
		size_t count;
		if (store_notices_for_digest(s, due[i].user_id, DIGEST_NOTICES, &a, &notices,
		                             &count) != ST_OK) {
			ok = false;
			break;
		}
		if (!count) continue;
		/* In the person's language, with each notice written out in it. */
		const struct language *was = lang_use(language_find(due[i].language));
		/* TRANSLATORS: the subject of the daily digest by e-mail; %zu is the
		 * number of notices in it. */
		const char *subject = arena_printf(&a, _("What is new for you on emptychair (%zu)"),
		                                   count);
		const char *body = digest_body(c, notices, count, &a);
		lang_use(was);
		enum store_rc rc = store_digest_make(s, due[i].user_id, due[i].digest_sent_at, now,
		                                     due[i].email, subject, body,
		                                     notices[count - 1].id);
		if (rc == ST_OK) (*made)++;
		else if (rc != ST_CONFLICT) ok = false; /* ST_CONFLICT: another server made it */
	}
	arena_free(&a);
	return ok;
}

enum {
	AT_ONCE_PEOPLE = 100,
	AT_ONCE_NOTICES = 20,
	/* A notice older than this when a pass finds it is left on the site
	 * (the server or the relay was away): "as it happens" no longer. */
	AT_ONCE_WITHIN_SECONDS = 24 * 3600,
};

bool app_notice_mails_make(struct store *s, const struct delivery_config *c, int64_t now,
                           int *made)
{
	*made = 0;
	if (store_notice_mail_forget(s, now - AT_ONCE_WITHIN_SECONDS) != ST_OK) return false;
	struct arena a = { 0 };
	struct digest_due *due;
	size_t n;
	bool ok = store_notice_mail_due(s, AT_ONCE_PEOPLE, &a, &due, &n) == ST_OK;
	for (size_t i = 0; ok && i < n; i++) {
		struct pending_notice *notices;
		size_t count;
		if (store_notice_mail_notices(s, due[i].user_id, AT_ONCE_NOTICES, &a, &notices,
		                              &count) != ST_OK) {
			ok = false;
			break;
		}
		if (!count) continue; /* another server has just sent them */
		struct notice_mail m = { .user_id = due[i].user_id, .last_id = notices[count - 1].id,
		                         .count = count, .to = due[i].email };
		/* In the person's language, each notice written out in it. */
		const struct language *was = lang_use(language_find(due[i].language));
		/* The digest's subject: what a notice says (a content note, a
		 * follow-up) is not for a lock screen's preview of the subject. */
		m.subject = arena_printf(&a, _("What is new for you on emptychair (%zu)"), count);
		const char *url = c->public_url ? c->public_url : "";
		/* TRANSLATORS: a notice (or a few made at the same moment) by
		 * e-mail as it happens. The first %s is the list of notices (each
		 * on lines of its own), the second the link to the page where
		 * people choose how notices come. */
		m.body = arena_printf(&a, _("Hello,\n\nNew for you on emptychair:\n%s\nYou chose to "
		                            "hear of each notice as it happens. To change how notices "
		                            "come: %s\n"),
		                      notice_list(c, notices, count, &a),
		                      arena_printf(&a, "%s/account#mail", url));
		lang_use(was);
		enum store_rc rc = store_notice_mail_make(s, &m, now);
		if (rc == ST_OK) (*made)++;
		else if (rc != ST_CONFLICT) ok = false; /* ST_CONFLICT: sent by another server, or
		                                         * the person changed: the next pass */
	}
	arena_free(&a);
	return ok;
}
