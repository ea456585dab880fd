/* Check-ins after hard sessions, their follow-ups, and each panel's
 * support person and contacts (app.h). */
#include "app/app_private.h"

#include <string.h>

#include "core/csv.h"
#include "core/embedded.h"

static bool check_in_is(const char *key)
{
	enum check_in_answer a;
	return check_in_parse(key, &a);
}

const struct input_field contact_inputs[CONTACT_INPUTS] = {
	[CONTACT_NAME] = { .name = "name", .kind = IN_LINE, .required = true, .max = 200,
	                   .missing = N_("Enter the name of the service or person.") },
	[CONTACT_HELPS_WITH] = { .name = "helps_with", .kind = IN_LINE, .max = 300 },
	[CONTACT_PHONE] = { .name = "phone", .kind = IN_LINE, .max = 50 },
	[CONTACT_TEXT_TO] = { .name = "text_to", .kind = IN_LINE, .max = 100 },
	[CONTACT_WEB] = { .name = "web", .kind = IN_LINE, .max = 500,
	                  .wrong = N_("Enter the web address in full, starting with https://") },
	[CONTACT_HOURS] = { .name = "hours", .kind = IN_LINE, .max = 200 },
};

const struct input_field check_in_inputs[CHECK_IN_INPUTS] = {
	[CHECK_IN_ANSWER] = { .name = "answer", .kind = IN_CHOICE, .required = true,
	                      .choice = check_in_is,
	                      .missing = N_("Choose one of the answers."),
	                      .wrong = N_("Choose one of the answers.") },
};

const struct input_field follow_up_inputs[FOLLOW_UP_INPUTS] = {
	[FOLLOW_UP_NOTE] = { .name = "note", .kind = IN_LINE, .max = 300 },
};

const struct input_field support_person_inputs[SUPPORT_PERSON_INPUTS] = {
	[SUPPORT_PERSON] = { .name = "user_id", .kind = IN_INT, .min = 0, .max = INT64_MAX,
	                     .wrong = N_("Choose someone on the panel, or nobody.") },
};

/* The shipped list, read from the embedded CSV (a header row, then one row
 * per contact in contact_inputs' order). A row that does not fit the
 * declaration is left out, so a bad edit of the file cannot put what a
 * steward could not have entered on a page. */
static size_t shipped_contacts(struct arena *a, struct support_contact **out)
{
	const struct embedded_file *f = embedded_find(embedded_data, "support-contacts.csv");
	*out = NULL;
	if (!f) return 0;
	struct csv_reader r;
	csv_reader_init(&r, (const char *)f->data, f->size);
	char **fields;
	size_t n = 0, cap = 16;
	struct support_contact *c = arena_alloc(a, cap * sizeof *c);
	for (int row = 0, k; (k = csv_read_row(&r, a, &fields)) > 0 && n < cap; row++) {
		if (row == 0 || k != CONTACT_INPUTS) continue;
		struct app_error err;
		const char *text[CONTACT_INPUTS];
		for (int i = 0; i < CONTACT_INPUTS; i++) text[i] = fields[i];
		if (!*text[CONTACT_NAME] || !app_texts_fit(contact_inputs, text, CONTACT_INPUTS, &err))
			continue;
		c[n++] = (struct support_contact){ 0, text[0], text[1], text[2], text[3], text[4],
		                                   text[5] };
	}
	*out = c;
	return n;
}

bool app_support_view(struct store *s, int64_t panel_id, struct arena *a,
                      struct support_view *v, struct app_error *err)
{
	*v = (struct support_view){ 0 };
	if (store_panel_support(s, panel_id, a, &v->support) != ST_OK) return app_internal(err);
	if (!v->support.own_contacts) {
		v->n = shipped_contacts(a, &v->contacts);
		return true;
	}
	return store_support_contacts(s, panel_id, a, &v->contacts, &v->n) == ST_OK ||
	       app_internal(err);
}

/* ---- the contacts ---- */

struct contacts_ctx {
	int64_t panel_id, id;
	const struct support_contact *c;   /* to add or change; NULL: remove id */
	bool own;                          /* keeping: own list or the shipped one */
	int64_t out_id;
	struct arena a;
};

/* Starts the panel's own list from the shipped one, unless it has one. */
static enum store_rc own_list(struct store *s, struct contacts_ctx *c)
{
	struct panel_support ps;
	enum store_rc rc = store_panel_support(s, c->panel_id, &c->a, &ps);
	if (rc != ST_OK || ps.own_contacts) return rc;
	if ((rc = store_support_contacts_keep(s, c->panel_id, true)) != ST_OK) return rc;
	struct support_contact *shipped;
	size_t n = shipped_contacts(&c->a, &shipped);
	for (size_t i = 0; i < n && rc == ST_OK; i++)
		rc = store_support_contact_add(s, c->panel_id, &shipped[i], NULL);
	return rc;
}

static enum store_rc contact_save_tx(struct store *s, void *ctx)
{
	struct contacts_ctx *c = ctx;
	enum store_rc rc = own_list(s, c);
	if (rc != ST_OK) return rc;
	if (!c->c) return store_support_contact_remove(s, c->panel_id, c->id);
	if (!c->id) return store_support_contact_add(s, c->panel_id, c->c, &c->out_id);
	c->out_id = c->id;
	return store_support_contact_update(s, c->panel_id, c->c);
}

static bool contacts_write(struct store *s, struct contacts_ctx *c, struct app_error *err)
{
	enum store_rc rc = store_tx(s, contact_save_tx, c);
	arena_free(&c->a);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL,
		                _("There is no such support contact on this panel."));
	return rc == ST_OK || app_internal(err);
}

bool app_support_contact_save(struct store *s, int64_t panel_id, int64_t id,
                              const struct input_value *in, int64_t *out_id,
                              struct app_error *err)
{
	const char *text[CONTACT_INPUTS];
	for (int i = 0; i < CONTACT_INPUTS; i++) text[i] = in[i].text ? in[i].text : "";
	if (!app_texts_fit(contact_inputs, text, CONTACT_INPUTS, err)) return false;
	if (!*text[CONTACT_NAME])
		return app_fail(err, 400, "invalid", "name", _(contact_inputs[CONTACT_NAME].missing));
	const char *web = text[CONTACT_WEB];
	if (*web && strncmp(web, "https://", 8) && strncmp(web, "http://", 7))
		return app_fail(err, 400, "invalid", "web", _(contact_inputs[CONTACT_WEB].wrong));
	if (!*text[CONTACT_PHONE] && !*text[CONTACT_TEXT_TO] && !*web)
		return app_fail(err, 400, "invalid", "phone",
		                _("Give at least one way to reach them: a phone number, a number "
		                  "to text or a web address."));
	struct support_contact c = { id, text[0], text[1], text[2], text[3], text[4], text[5] };
	struct contacts_ctx ctx = { .panel_id = panel_id, .id = id, .c = &c };
	if (!contacts_write(s, &ctx, err)) return false;
	if (out_id) *out_id = ctx.out_id;
	return true;
}

bool app_support_contact_remove(struct store *s, int64_t panel_id, int64_t id,
                                struct app_error *err)
{
	struct contacts_ctx ctx = { .panel_id = panel_id, .id = id };
	return contacts_write(s, &ctx, err);
}

static enum store_rc keep_tx(struct store *s, void *ctx)
{
	struct contacts_ctx *c = ctx;
	return c->own ? own_list(s, c) : store_support_contacts_keep(s, c->panel_id, false);
}

bool app_support_contacts_keep(struct store *s, int64_t panel_id, bool own,
                               struct app_error *err)
{
	struct contacts_ctx ctx = { .panel_id = panel_id, .own = own };
	enum store_rc rc = store_tx(s, keep_tx, &ctx);
	arena_free(&ctx.a);
	return rc == ST_OK || app_internal(err);
}

/* ---- the support person ---- */

struct person_ctx {
	int64_t panel_id, user_id;
	bool not_member;
};

static enum store_rc person_tx(struct store *s, void *ctx)
{
	struct person_ctx *c = ctx;
	if (c->user_id) {
		struct membership m;
		enum store_rc rc = store_membership_get(s, c->panel_id, c->user_id, &m);
		if (rc == ST_NOT_FOUND || (rc == ST_OK && !policy_may_be_support_person(m.role,
		                                                                         m.status))) {
			c->not_member = true;
			return ST_CONFLICT;
		}
		if (rc != ST_OK) return rc;
	}
	return store_support_person_set(s, c->panel_id, c->user_id);
}

bool app_support_person_set(struct store *s, int64_t panel_id, int64_t user_id,
                            struct app_error *err)
{
	struct person_ctx ctx = { panel_id, user_id, false };
	enum store_rc rc = store_tx(s, person_tx, &ctx);
	if (ctx.not_member)
		return app_fail(err, 400, "invalid", "user_id",
		                _("Choose someone who is an active member of this panel, or nobody."));
	return rc == ST_OK || app_internal(err);
}

/* ---- check-ins ---- */

/* Whether user may answer m's check-in now, given whether they came and
 * whether it was hard; else err says why. */
static bool may_check_in(const struct panel_actor *actor, bool invited, const struct meeting *m,
                         bool attended, bool hard, int64_t now, struct app_error *err)
{
	if (m->cancelled_at)
		return app_fail(err, 409, "cancelled", NULL, _("This meeting was cancelled."));
	if (!hard)
		return app_fail(err, 409, "no_check_in", NULL,
		                _("There is a check-in only after a meeting with a content note."));
	if (m->ends_at > now)
		return app_fail(err, 409, "not_yet", NULL,
		                _("The check-in opens once the meeting is over."));
	if (!policy_can_check_in(actor, invited, attended))
		return app_fail(err, 403, "forbidden", NULL,
		                _("The check-in is for the people recorded as attending this meeting."));
	return true;
}

bool app_check_in_view(struct store *s, const struct panel_actor *actor, bool invited,
                       const struct meeting *m, int64_t user_id, int64_t now,
                       struct check_in_view *v, struct app_error *err)
{
	*v = (struct check_in_view){ 0 };
	enum meeting_reply reply;
	bool attended;
	if (store_meeting_hard(s, m->id, &v->hard) != ST_OK ||
	    store_meeting_mine(s, m->id, user_id, &reply, &attended) != ST_OK ||
	    store_check_in_get(s, m->id, user_id, &v->answer) != ST_OK)
		return app_internal(err);
	struct app_error why;
	v->may = may_check_in(actor, invited, m, attended, v->hard, now, &why);
	return true;
}

struct check_in_ctx {
	const struct panel_actor *actor;
	bool invited;
	const struct meeting *m;
	int64_t user_id, now;
	enum check_in_answer answer;
	struct arena *a;
	struct app_error *err;
	bool refused;
};

static enum store_rc check_in_tx(struct store *s, void *ctx)
{
	struct check_in_ctx *c = ctx;
	enum meeting_reply reply;
	bool attended, hard;
	enum store_rc rc;
	if ((rc = store_meeting_hard(s, c->m->id, &hard)) != ST_OK ||
	    (rc = store_meeting_mine(s, c->m->id, c->user_id, &reply, &attended)) != ST_OK)
		return rc;
	if (!may_check_in(c->actor, c->invited, c->m, attended, hard, c->now, c->err)) {
		c->refused = true;
		return ST_CONFLICT;
	}
	if ((rc = store_check_in_put(s, c->m->id, c->user_id, c->answer, c->now)) != ST_OK ||
	    c->answer != CHECK_IN_CONTACT)
		return rc;
	bool created;
	rc = store_follow_up_ask(s, c->m->panel_id, c->m->id, c->user_id, c->now,
	                         c->now + FOLLOW_UP_HOURS * 3600, &created);
	if (rc != ST_OK || !created) return rc;
	/* The notice names nobody: it may go out by e-mail. */
	return store_follow_up_notice(s, c->m->panel_id,
	                              lang_message(c->a, N_("Someone would like you to get in touch "
	                                                    "after a meeting. See the follow-ups."),
	                                           0),
	                              arena_printf(c->a, "/panels/%lld/follow-ups",
	                                           (long long)c->m->panel_id),
	                              c->now);
}

bool app_check_in(struct store *s, const struct panel_actor *actor, bool invited,
                  const struct meeting *m, int64_t user_id, enum check_in_answer answer,
                  int64_t now, struct arena *a, struct app_error *err)
{
	if (answer == CHECK_IN_NONE)
		return app_fail(err, 400, "invalid", "answer", _(check_in_inputs[CHECK_IN_ANSWER].wrong));
	struct check_in_ctx ctx = { actor, invited, m, user_id, now, answer, a, err, false };
	enum store_rc rc = store_tx(s, check_in_tx, &ctx);
	if (ctx.refused) return false;
	return rc == ST_OK || app_internal(err);
}

/* ---- follow-ups ---- */

bool app_follows_up(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                    int64_t user_id, struct arena *a, bool *yes, struct app_error *err)
{
	struct panel_support ps;
	if (store_panel_support(s, panel_id, a, &ps) != ST_OK) return app_internal(err);
	*yes = policy_sees_follow_ups(actor, ps.support_user_id == user_id, ps.support_user_id != 0);
	return true;
}

static bool follows_up_or_403(struct store *s, const struct panel_actor *actor,
                              int64_t panel_id, int64_t user_id, struct arena *a,
                              struct app_error *err)
{
	bool yes;
	if (!app_follows_up(s, actor, panel_id, user_id, a, &yes, err)) return false;
	return yes || app_fail(err, 403, "forbidden", NULL,
	                       _("Only the panel's support person sees its follow-ups."));
}

bool app_follow_ups(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                    int64_t user_id, struct arena *a, struct follow_up **out, size_t *n,
                    struct app_error *err)
{
	if (!follows_up_or_403(s, actor, panel_id, user_id, a, err)) return false;
	return store_follow_ups(s, panel_id, a, out, n) == ST_OK || app_internal(err);
}

struct done_ctx {
	const struct panel_actor *actor;
	int64_t panel_id, user_id, id, now;
	const char *note;
	struct arena *a;
	struct app_error *err;
	bool refused;
};

static enum store_rc done_tx(struct store *s, void *ctx)
{
	struct done_ctx *c = ctx;
	if (!follows_up_or_403(s, c->actor, c->panel_id, c->user_id, c->a, c->err)) {
		c->refused = true;
		return ST_CONFLICT;
	}
	return store_follow_up_done(s, c->panel_id, c->id, c->user_id, c->note, c->now);
}

bool app_follow_up_done(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                        int64_t user_id, int64_t id, const char *note, int64_t now,
                        struct arena *a, struct app_error *err)
{
	if (!app_texts_fit(follow_up_inputs, &note, FOLLOW_UP_INPUTS, err)) return false;
	struct done_ctx ctx = { actor, panel_id, user_id, id, now, note, a, err, false };
	enum store_rc rc = store_tx(s, done_tx, &ctx);
	if (ctx.refused) return false;
	switch (rc) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 404, "not_found", NULL, _("There is no such follow-up."));
	case ST_CONFLICT:
		return app_fail(err, 409, "done_already", NULL,
		                _("This follow-up was already recorded as done."));
	default: return app_internal(err);
	}
}
