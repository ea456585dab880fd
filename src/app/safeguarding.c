/* The safeguarding record (app.h). Every read of a concern goes through
 * here: the lead check (policy_reads_concerns) and the audit of the read
 * happen in the transaction that reads it. Errors never carry a word of a
 * concern.
 *
 * Sealed at rest: every text of a concern and of its chronology is kept
 * sealed (auth_seal) with the installation's sealing key, bound to its
 * panel and concern and, for a concern's own texts, its field, so that a
 * copy of the database or a backup alone holds none of them. An empty text stays
 * empty. Rows written before sealing began are sealed by app_sg_seal_clear
 * (the server runs it as it starts) and read as they are until then. */
#include "app/app_private.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil_time.h"

const struct input_field sg_concern_inputs[SG_CONCERN_INPUTS] = {
	[SG_WHAT] = { .name = "what_happened", .kind = IN_TEXT, .required = true, .max = 10000,
	              .missing = N_("Write what happened or was said, in the words used as far as "
	                            "you can.") },
	[SG_HAPPENED_ON] = { .name = "happened_on", .kind = IN_DATE, .required = true,
	                     .missing = N_("Enter the day it happened, or your best guess.") },
	[SG_WHO] = { .name = "who_involved", .kind = IN_TEXT, .max = 4000 },
	[SG_DONE] = { .name = "done_straight_away", .kind = IN_TEXT, .max = 4000 },
};

const struct input_field sg_part2_inputs[SG_PART2_INPUTS] = {
	[SG_ADVICE] = { .name = "advice_sought", .kind = IN_TEXT, .max = 10000, .blank_ok = true },
	[SG_DECISION] = { .name = "decision", .kind = IN_TEXT, .max = 10000, .blank_ok = true },
	[SG_REFERRALS] = { .name = "referrals", .kind = IN_TEXT, .max = 4000, .blank_ok = true },
	[SG_STATUS] = { .name = "status", .kind = IN_CHOICE, .required = true, .choice = sg_status_is,
	                .missing = N_("Choose open, closed or transferred."),
	                .wrong = N_("Choose open, closed or transferred.") },
	[SG_VERSION] = { .name = "version", .kind = IN_INT, .required = true, .min = 1,
	                 .max = INT64_MAX,
	                 .missing = N_("The form is missing its version. Reload the page and try "
	                               "again.") },
};

const struct input_field sg_note_inputs[SG_NOTE_INPUTS] = {
	[SG_NOTE] = { .name = "text", .kind = IN_TEXT, .required = true, .max = 4000,
	              .missing = N_("Write what happened, what you did or what you decided.") },
};

const struct input_field sg_lead_inputs[SG_LEAD_INPUTS] = {
	[SG_LEAD] = { .name = "user_id", .kind = IN_ID, .required = true,
	              .missing = N_("Choose someone on the panel."),
	              .wrong = N_("Choose someone on the panel.") },
};

const struct input_field sg_retention_inputs[SG_RETENTION_INPUTS] = {
	[SG_YEARS] = { .name = "years", .kind = IN_INT, .required = true, .min = 1, .max = 75,
	               .missing = N_("Enter a number of years from 1 to 75."),
	               .wrong = N_("Enter a number of years from 1 to 75.") },
};

/* ---- sealing ---- */

/* What a text's seal is bound to: its panel, concern and field (part of a
 * concern), or its panel and concern (a line of the chronology). */
static const char *field_context(struct arena *a, const struct sg_concern *c, const char *field)
{
	return arena_printf(a, "safeguarding:%lld:%lld:%s", (long long)c->panel_id,
	                    (long long)c->id, field);
}

static const char *entry_context(struct arena *a, int64_t panel_id, int64_t concern_id)
{
	return arena_printf(a, "safeguarding:%lld:entry:%lld", (long long)panel_id,
	                    (long long)concern_id);
}

/* text sealed for context (in a), "" for ""; NULL when sealing failed. */
static const char *seal(const struct auth_seal_key *key, const char *context, const char *text,
                        struct arena *a)
{
	if (!*text) return "";
	char *sealed = auth_seal(key, context, text);
	const char *kept = sealed ? arena_strdup(a, sealed) : NULL;
	free(sealed);
	return kept;
}

/* text as it was written: as it is when key_id is "" (in the clear) or text
 * is "", else opened with key. When it cannot be opened (another key, or
 * damaged), a sentence saying so, and *unreadable is set (unless NULL). */
static const char *unseal(const struct auth_seal_key *key, const char *key_id,
                          const char *context, const char *text, struct arena *a,
                          bool *unreadable)
{
	if (!*key_id || !*text) return text;
	char *plain = !strcmp(key_id, key->id) ? auth_unseal(key, context, text) : NULL;
	if (!plain) {
		if (unreadable) *unreadable = true;
		return _("[This cannot be read here: it was sealed with a key this server does not "
		         "have.]");
	}
	const char *kept = arena_strdup(a, plain);
	sodium_memzero(plain, strlen(plain));
	free(plain);
	return kept;
}

/* The six texts of c, by field name, in the order of their columns. */
enum { SG_TEXTS = 6 };
static const char *const sg_text_fields[SG_TEXTS] = {
	"what_happened", "who_involved", "done_straight_away", "advice_sought", "decision",
	"referrals" };

static const char **concern_text(struct sg_concern *c, int i)
{
	const char **t[SG_TEXTS] = { &c->what_happened, &c->who_involved, &c->done_straight_away,
	                             &c->advice_sought, &c->decision, &c->referrals };
	return t[i];
}

/* c's texts opened in place; false when one could not be (each then says
 * so). */
static bool open_concern(const struct auth_seal_key *key, struct sg_concern *c, struct arena *a)
{
	bool unreadable = false;
	for (int i = 0; i < SG_TEXTS; i++) {
		const char **t = concern_text(c, i);
		*t = unseal(key, c->seal_key_id, field_context(a, c, sg_text_fields[i]), *t, a,
		            &unreadable);
	}
	return !unreadable;
}

/* c's texts sealed in place with key; false when sealing failed. */
static bool seal_concern(const struct auth_seal_key *key, struct sg_concern *c, struct arena *a)
{
	for (int i = 0; i < SG_TEXTS; i++) {
		const char **t = concern_text(c, i);
		if (!(*t = seal(key, field_context(a, c, sg_text_fields[i]), *t, a)))
			return false;
	}
	c->seal_key_id = key->id;
	return true;
}

/* A line of concern_id's chronology, its text sealed. */
static enum store_rc entry_add(struct store *s, const struct auth_seal_key *key, int64_t panel_id,
                               int64_t concern_id, int64_t at, int64_t by, const char *kind,
                               const char *text, struct arena *a)
{
	const char *sealed = seal(key, entry_context(a, panel_id, concern_id), text, a);
	if (!sealed) return ST_ERROR;
	return store_sg_entry_add(s, concern_id, at, by, kind, sealed, key->id);
}

bool app_sg_seal_clear(struct store *s, const struct auth_seal_key *key, int64_t *sealed,
                       int64_t *other_key)
{
	enum { BATCH = 100 };
	*sealed = 0;
	struct arena a = { 0 };
	bool ok = true;
	/* ST_NOT_FOUND: another server sealed it first. */
	for (size_t n = BATCH; ok && n == BATCH;) {
		struct sg_concern *c;
		ok = store_sg_clear(s, BATCH, &a, &c, &n) == ST_OK;
		for (size_t i = 0; ok && i < n; i++) {
			enum store_rc rc = seal_concern(key, &c[i], &a) ? store_sg_seal(s, &c[i]) : ST_ERROR;
			ok = rc == ST_OK || rc == ST_NOT_FOUND;
			*sealed += rc == ST_OK;
		}
		arena_free(&a);
	}
	for (size_t n = BATCH; ok && n == BATCH;) {
		struct sg_clear_entry *e;
		ok = store_sg_clear_entries(s, BATCH, &a, &e, &n) == ST_OK;
		for (size_t i = 0; ok && i < n; i++) {
			const char *text = seal(key, entry_context(&a, e[i].panel_id, e[i].concern_id),
			                        e[i].text, &a);
			enum store_rc rc = text ? store_sg_seal_entry(s, e[i].id, text, key->id) : ST_ERROR;
			ok = rc == ST_OK || rc == ST_NOT_FOUND;
			*sealed += rc == ST_OK;
		}
		arena_free(&a);
	}
	return ok && store_sg_other_keys(s, key->id, other_key) == ST_OK;
}

static bool is_lead(const struct sg_lead *l, size_t n, int64_t user_id)
{
	for (size_t i = 0; i < n; i++)
		if (l[i].user_id == user_id) return true;
	return false;
}

bool app_sg_view(struct store *s, int64_t panel_id, int64_t user_id, struct arena *a,
                 struct sg_view *v, struct app_error *err)
{
	*v = (struct sg_view){ 0 };
	if (store_sg_leads(s, panel_id, a, &v->leads, &v->n_leads) != ST_OK ||
	    store_sg_retention(s, panel_id, &v->retention_years) != ST_OK ||
	    store_sg_mine(s, panel_id, user_id, a, &v->mine, &v->n_mine) != ST_OK)
		return app_internal(err);
	if (!v->retention_years) v->retention_years = SG_DEFAULT_YEARS;
	v->i_am_lead = is_lead(v->leads, v->n_leads, user_id);
	return true;
}

/* ---- raising a concern ---- */

struct raise_ctx {
	const struct auth_seal_key *key;
	const struct panel *p;
	struct sg_concern c;
	struct arena *a;
	bool no_lead;
};

static enum store_rc raise_tx(struct store *s, void *ctx)
{
	struct raise_ctx *c = ctx;
	struct sg_lead *leads;
	size_t n;
	enum store_rc rc = store_sg_leads(s, c->p->id, c->a, &leads, &n);
	if (rc != ST_OK) return rc;
	if (!n) {
		c->no_lead = true;
		return ST_CONFLICT;
	}
	/* Written blank, then sealed: the seals are bound to its id. Copies,
	 * so that c->c is as it was if store_tx runs this again. */
	struct sg_concern blank = c->c, sealed = c->c;
	for (int i = 0; i < SG_TEXTS; i++) *concern_text(&blank, i) = "";
	if ((rc = store_sg_concern_add(s, &blank, &sealed.id)) != ST_OK) return rc;
	if (!seal_concern(c->key, &sealed, c->a)) return ST_ERROR;
	if ((rc = store_sg_seal(s, &sealed)) != ST_OK ||
	    (rc = entry_add(s, c->key, c->p->id, sealed.id, c->c.raised_at, c->c.raised_by,
	                    "raised", "", c->a)) != ST_OK)
		return rc == ST_NOT_FOUND ? ST_ERROR : rc;
	/* TRANSLATORS: a notice to a panel's safeguarding leads; %s is the
	 * panel's name. It must say nothing of the concern. */
	const char *told = lang_message(c->a, N_("A safeguarding concern was raised on the panel "
	                                          "\"%s\". Only its safeguarding leads can read it."),
	                                1, c->p->name);
	const char *link = arena_printf(c->a, "/panels/%lld/safeguarding/concerns",
	                                (long long)c->p->id);
	for (size_t i = 0; i < n && rc == ST_OK; i++)
		if (leads[i].user_id != c->c.raised_by)
			rc = store_notice_add(s, leads[i].user_id, c->p->id, told, link, c->c.raised_at);
	return rc;
}

bool app_sg_raise(struct store *s, const struct auth_seal_key *key, const struct panel *p,
                  int64_t user_id, const struct input_value *in, int64_t now, struct arena *a,
                  struct app_error *err)
{
	const char *text[] = { in[SG_WHAT].text, "", in[SG_WHO].text, in[SG_DONE].text };
	const struct input_field *f = sg_concern_inputs;
	if (!app_texts_fit(&f[SG_WHAT], &text[0], 1, err) ||
	    !app_texts_fit(&f[SG_WHO], &text[2], 2, err))
		return false;
	if (!in[SG_WHAT].given || !*in[SG_WHAT].text)
		return app_fail(err, 400, "invalid", "what_happened", _(f[SG_WHAT].missing));
	if (!in[SG_HAPPENED_ON].given)
		return app_fail(err, 400, "invalid", "happened_on", _(f[SG_HAPPENED_ON].missing));
	if (in[SG_HAPPENED_ON].number > civil_day_at(now, p->time_zone))
		return app_fail(err, 400, "invalid", "happened_on",
		                _("The day it happened cannot be after today."));
	struct raise_ctx ctx = {
		.key = key, .p = p, .a = a,
		.c = { .panel_id = p->id, .raised_by = user_id, .raised_at = now,
		       .happened_on = in[SG_HAPPENED_ON].number, .what_happened = text[0],
		       .who_involved = text[2], .done_straight_away = text[3], .advice_sought = "",
		       .decision = "", .referrals = "" } };
	enum store_rc rc = store_tx(s, raise_tx, &ctx);
	if (ctx.no_lead)
		return app_fail(err, 409, "no_lead", NULL,
		                _("This panel has no safeguarding lead yet, so nobody could read a "
		                  "concern. Ask a steward to name one. If someone is in danger now, "
		                  "call 999."));
	return rc == ST_OK || app_internal(err);
}

/* ---- what only the leads do ---- */

/* Fails with 403 unless user is one of the panel's leads, asked inside
 * the transaction that reads or writes. */
static bool lead_or_403(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                        int64_t user_id, struct arena *a, struct app_error *err)
{
	struct sg_lead *leads;
	size_t n;
	if (store_sg_leads(s, panel_id, a, &leads, &n) != ST_OK) return app_internal(err);
	if (!policy_reads_concerns(actor, is_lead(leads, n, user_id)))
		return app_fail(err, 403, "forbidden", NULL,
		                _("Only the panel's safeguarding leads can see its safeguarding "
		                  "record."));
	return true;
}

bool app_sg_concerns(struct store *s, const struct panel_actor *actor, int64_t panel_id,
                     int64_t user_id, struct arena *a, struct sg_list *out,
                     struct app_error *err)
{
	*out = (struct sg_list){ 0 };
	if (!lead_or_403(s, actor, panel_id, user_id, a, err)) return false;
	if (store_sg_concerns(s, panel_id, a, &out->concerns, &out->n) != ST_OK ||
	    store_sg_tombstones(s, panel_id, a, &out->tombstones, &out->n_tombstones) != ST_OK)
		return app_internal(err);
	/* The list says when and what state, never what: no text leaves here. */
	for (size_t i = 0; i < out->n; i++)
		for (int k = 0; k < SG_TEXTS; k++) *concern_text(&out->concerns[i], k) = "";
	return true;
}

/* One transaction of a lead's on concern id: read (out), part 2 (in), or a
 * note (note), each recorded in the audit. */
struct lead_ctx {
	const struct auth_seal_key *key;
	const struct panel_actor *actor;
	int64_t panel_id, user_id, id, now;
	struct arena *a;
	struct app_error *err;
	struct sg_record *out;
	const struct input_value *in;
	const char *note;
	bool failed;      /* err says why */
};

static enum store_rc lead_tx(struct store *s, void *ctx)
{
	struct lead_ctx *c = ctx;
	if (!lead_or_403(s, c->actor, c->panel_id, c->user_id, c->a, c->err)) {
		c->failed = true;
		return ST_CONFLICT;
	}
	struct sg_concern now_c;
	enum store_rc rc = store_sg_concern(s, c->panel_id, c->id, c->a, &now_c);
	if (rc == ST_NOT_FOUND) {
		app_fail(c->err, 404, "not_found", NULL,
		         _("There is no such concern in this panel's record."));
		c->failed = true;
		return ST_CONFLICT;
	}
	if (rc != ST_OK) return rc;
	bool readable = open_concern(c->key, &now_c, c->a);
	if (c->out) {
		c->out->concern = now_c;
		if ((rc = store_sg_entries(s, c->id, c->a, &c->out->chronology,
		                           &c->out->n_chronology)) != ST_OK ||
		    (rc = store_sg_read_add(s, c->id, c->user_id, c->now, "read")) != ST_OK)
			return rc;
		const char *context = entry_context(c->a, c->panel_id, c->id);
		for (size_t i = 0; i < c->out->n_chronology; i++) {
			struct sg_entry *e = &c->out->chronology[i];
			e->text = unseal(c->key, e->seal_key_id, context, e->text, c->a, NULL);
		}
		return store_sg_reads(s, c->id, c->a, &c->out->reads, &c->out->n_reads);
	}
	if (c->note) {
		if ((rc = entry_add(s, c->key, c->panel_id, c->id, c->now, c->user_id, "note", c->note,
		                    c->a)) != ST_OK)
			return rc;
		return store_sg_read_add(s, c->id, c->user_id, c->now, "wrote");
	}
	if (!readable) {
		/* Saving would write the sentence that stands for part 1 over it. */
		app_fail(c->err, 409, "sealed_elsewhere", NULL,
		         _("This record was sealed with a key this server does not have, so it "
		           "cannot be changed here."));
		c->failed = true;
		return ST_CONFLICT;
	}
	const struct input_value *in = c->in;
	struct sg_concern next = now_c;
	next.advice_sought = in[SG_ADVICE].text;
	next.decision = in[SG_DECISION].text;
	next.referrals = in[SG_REFERRALS].text;
	next.version = in[SG_VERSION].number;
	if (!sg_status_parse(in[SG_STATUS].text, &next.status)) next.status = now_c.status;
	if (!seal_concern(c->key, &next, c->a)) return ST_ERROR;
	rc = store_sg_part2(s, &next, c->now);
	if (rc == ST_CONFLICT) {
		app_fail(c->err, 409, "conflict", NULL,
		         _("Someone else saved this concern after you opened it. Reload the page to "
		           "see what they wrote, then add yours."));
		c->failed = true;
		return ST_CONFLICT;
	}
	if (rc != ST_OK) return rc;
	bool part2 = strcmp(in[SG_ADVICE].text, now_c.advice_sought) ||
	             strcmp(in[SG_DECISION].text, now_c.decision) ||
	             strcmp(in[SG_REFERRALS].text, now_c.referrals);
	if (part2 && (rc = entry_add(s, c->key, c->panel_id, c->id, c->now, c->user_id, "part2", "",
	                             c->a)) != ST_OK)
		return rc;
	if (next.status != now_c.status &&
	    (rc = entry_add(s, c->key, c->panel_id, c->id, c->now, c->user_id, "status",
	                    sg_status_key(next.status), c->a)) != ST_OK)
		return rc;
	return store_sg_read_add(s, c->id, c->user_id, c->now, "wrote");
}

static bool lead_run(struct store *s, struct lead_ctx *c)
{
	enum store_rc rc = store_tx(s, lead_tx, c);
	if (c->failed) return false;
	return rc == ST_OK || app_internal(c->err);
}

bool app_sg_concern(struct store *s, const struct auth_seal_key *key,
                    const struct panel_actor *actor, int64_t panel_id, int64_t user_id,
                    int64_t id, int64_t now, struct arena *a, struct sg_record *out,
                    struct app_error *err)
{
	*out = (struct sg_record){ 0 };
	struct lead_ctx c = { key, actor, panel_id, user_id, id, now, a, err, out, NULL, NULL,
	                      false };
	return lead_run(s, &c);
}

bool app_sg_part2(struct store *s, const struct auth_seal_key *key,
                  const struct panel_actor *actor, int64_t panel_id, int64_t user_id,
                  int64_t id, const struct input_value *in, int64_t now, struct arena *a,
                  struct app_error *err)
{
	const char *text[] = { in[SG_ADVICE].text, in[SG_DECISION].text, in[SG_REFERRALS].text };
	enum sg_status st;
	if (!app_texts_fit(sg_part2_inputs, text, 3, err)) return false;
	if (!sg_status_parse(in[SG_STATUS].text, &st))
		return app_fail(err, 400, "invalid", "status", _(sg_part2_inputs[SG_STATUS].wrong));
	struct lead_ctx c = { key, actor, panel_id, user_id, id, now, a, err, NULL, in, NULL, false };
	return lead_run(s, &c);
}

bool app_sg_note(struct store *s, const struct auth_seal_key *key,
                 const struct panel_actor *actor, int64_t panel_id, int64_t user_id, int64_t id,
                 const char *text, int64_t now, struct arena *a, struct app_error *err)
{
	if (!app_texts_fit(sg_note_inputs, &text, SG_NOTE_INPUTS, err)) return false;
	if (!*text) return app_fail(err, 400, "invalid", "text", _(sg_note_inputs[SG_NOTE].missing));
	struct lead_ctx c = { key, actor, panel_id, user_id, id, now, a, err, NULL, NULL, text, false };
	return lead_run(s, &c);
}

/* ---- the stewards' settings ---- */

struct lead_set_ctx {
	int64_t panel_id, user_id, by, now;
	bool not_member;
};

static enum store_rc lead_add_tx(struct store *s, void *ctx)
{
	struct lead_set_ctx *c = ctx;
	struct membership m;
	enum store_rc rc = store_membership_get(s, c->panel_id, c->user_id, &m);
	if (rc == ST_NOT_FOUND ||
	    (rc == ST_OK && !policy_may_be_safeguarding_lead(m.role, m.status))) {
		c->not_member = true;
		return ST_CONFLICT;
	}
	if (rc != ST_OK) return rc;
	return store_sg_lead_add(s, c->panel_id, c->user_id, c->by, c->now);
}

bool app_sg_lead_add(struct store *s, int64_t panel_id, int64_t user_id, int64_t by,
                     int64_t now, struct app_error *err)
{
	struct lead_set_ctx c = { panel_id, user_id, by, now, false };
	enum store_rc rc = store_tx(s, lead_add_tx, &c);
	if (c.not_member)
		return app_fail(err, 400, "invalid", "user_id",
		                _("Choose someone who is an active member of this panel."));
	return rc == ST_OK || app_internal(err);
}

bool app_sg_lead_remove(struct store *s, int64_t panel_id, int64_t user_id,
                        struct app_error *err)
{
	switch (store_sg_lead_remove(s, panel_id, user_id)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 404, "not_found", NULL,
		                _("They are not a safeguarding lead of this panel."));
	default: return app_internal(err);
	}
}

bool app_sg_retention_set(struct store *s, int64_t panel_id, int years, struct app_error *err)
{
	const struct input_field *f = &sg_retention_inputs[SG_YEARS];
	if (years < f->min || years > f->max)
		return app_fail(err, 400, "invalid", "years", _(f->wrong));
	return store_sg_retention_set(s, panel_id, years) == ST_OK || app_internal(err);
}

/* ---- the scheduled purge ---- */

struct purge_ctx {
	int64_t now;
	struct arena a;
	size_t panels;
	int64_t purged;
};

static enum store_rc purge_tx(struct store *s, void *ctx)
{
	struct purge_ctx *c = ctx;
	return store_sg_purge(s, c->now, SG_DEFAULT_YEARS, &c->a, &c->panels, &c->purged);
}

bool app_sg_purge(struct store *s, int64_t now, size_t *panels, int64_t *purged)
{
	struct purge_ctx c = { .now = now };
	enum store_rc rc = store_tx(s, purge_tx, &c);
	arena_free(&c.a);
	*panels = rc == ST_OK ? c.panels : 0;
	*purged = rc == ST_OK ? c.purged : 0;
	return rc == ST_OK;
}
