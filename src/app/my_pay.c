/* A person's own pay (app.h): where they stand across their panels, their
 * declared earnings limit, and their bank details: sealed at rest with the
 * server's key (auth_seal), given to chosen panels only, and opened only
 * for the person or for a payment run of a panel they gave them to. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"
#include "core/lang.h"
#include "core/text.h"

bool app_my_pay_standing(struct store *s, int64_t user_id, int64_t now, struct arena *a,
                         struct my_pay_standing *st)
{
	memset(st, 0, sizeof *st);
	st->zone = "UTC";
	memcpy(st->currency, "GBP", 4);
	st->advice_name = st->advice_url = "";
	struct my_panel *mp;
	size_t n;
	if (store_panels_for_user(s, user_id, a, &mp, &n) != ST_OK) return false;
	bool currency_set = false;
	st->bank_panels = arena_alloc(a, (n + 1) * sizeof *st->bank_panels);
	for (size_t i = 0; i < n; i++) {
		struct pay_policy pol;
		if (i == 0) st->zone = mp[i].panel.time_zone;
		if (mp[i].me.role == ROLE_GUEST ||
		    store_pay_policy_get(s, mp[i].panel.id, a, &pol) != ST_OK || !pol.configured)
			continue;
		if (!currency_set) {
			memcpy(st->currency, pol.currency, 4);
			currency_set = true;
		}
		if (!*st->advice_url && *pol.advice_url) {
			st->advice_name = pol.advice_name;
			st->advice_url = pol.advice_url;
		}
		if (pol.store_bank_details && mp[i].me.status == MEMBER_ACTIVE)
			st->bank_panels[st->nbank_panels++] = (struct field_option){
				arena_printf(a, "%lld", (long long)mp[i].panel.id), mp[i].panel.name };
	}
	st->bank_wanted = st->nbank_panels > 0;
	st->today = civil_day_at(now, st->zone);
	enum store_rc rc = store_pay_declaration_get(s, user_id, a, &st->declaration);
	if (rc != ST_OK && rc != ST_NOT_FOUND) return false;
	st->declared = rc == ST_OK;
	if (store_pay_waiting_earnings(s, user_id, &st->waiting) != ST_OK) return false;
	/* Where they stand today: the check of a claim of nothing. */
	struct pay_claim nothing = { .user_id = user_id, .kind = CLAIM_WORK };
	return app_pay_check(s, &nothing, st->today, a, &st->check);
}

const char *app_bank_panel_name(const struct my_pay_standing *st, int64_t panel_id)
{
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)panel_id);
	for (size_t p = 0; p < st->nbank_panels; p++)
		if (!strcmp(st->bank_panels[p].key, key)) return st->bank_panels[p].label;
	return NULL;
}

bool app_pay_declaration_clear(struct store *s, int64_t user_id, struct app_error *err)
{
	if (store_pay_declaration_clear(s, user_id) != ST_OK)
		return app_fail(err, 500, "internal", NULL, _("We could not remove your declaration."));
	return true;
}

/* ---- bank details ---- */

/* The sealed text is "name\nsort code\naccount number", with the person
 * as associated data so that it cannot be moved to someone else. */
static void bank_context(int64_t user_id, char out[32])
{
	snprintf(out, 32, "bank:%lld", (long long)user_id);
}

enum bank_read app_bank_open(struct store *s, const struct auth_seal_key *key, int64_t user_id,
                             int64_t for_panel, struct arena *a, struct bank_details *out)
{
	const char *sealed, *key_id;
	int64_t at;
	memset(out, 0, sizeof *out);
	if (!key || store_pay_bank_get(s, user_id, for_panel, a, &sealed, &key_id, &at) != ST_OK)
		return BANK_NONE;
	if (strcmp(key_id, key->id) != 0) return BANK_OTHER_KEY;
	char context[32];
	bank_context(user_id, context);
	char *plain = auth_unseal(key, context, sealed);
	if (!plain) return BANK_UNREADABLE;
	char *save = NULL, *name = strtok_r(plain, "\n", &save);
	char *sort = name ? strtok_r(NULL, "\n", &save) : NULL;
	char *account = sort ? strtok_r(NULL, "\n", &save) : NULL;
	bool ok = account && strlen(name) < sizeof out->name && strlen(sort) == 6 &&
	          strlen(account) == 8;
	if (ok) {
		memcpy(out->name, name, strlen(name) + 1);
		memcpy(out->sort_code, sort, 7);
		memcpy(out->account_number, account, 9);
	}
	sodium_memzero(plain, strlen(plain));
	free(plain);
	return ok ? BANK_OPEN : BANK_UNREADABLE;
}

enum bank_read app_bank_open_for_run(struct store *s, const struct auth_seal_key *key,
                                     int64_t panel_id, int64_t payee, int64_t actor_id,
                                     int64_t now, struct arena *a, struct bank_details *out)
{
	enum bank_read r = app_bank_open(s, key, payee, panel_id, a, out);
	/* Whoever exports them is in the person's audit log. */
	if (r == BANK_OPEN) store_audit_add(s, payee, actor_id, AUDIT_EXPORT, "bank_details", now);
	return r;
}

bool app_bank_panels_check(const struct my_pay_standing *st, const int64_t *ids, size_t n,
                                struct app_error *err)
{
	if (!n)
		return app_fail(err, 400, "invalid", "panels",
		                _("Choose at least one panel that may use your bank details."));
	for (size_t i = 0; i < n; i++)
		if (!app_bank_panel_name(st, ids[i]))
			return app_fail(err, 400, "invalid", "panels",
			                _("Choose from your panels that keep bank details."));
	return true;
}

bool app_bank_save(struct store *s, const struct auth_seal_key *key, int64_t user_id,
                   const struct bank_details *d, const int64_t *panel_ids, size_t n,
                   int64_t now, struct arena *a, struct app_error *err)
{
	struct my_pay_standing st;
	if (!app_my_pay_standing(s, user_id, now, a, &st)) return app_internal(err);
	if (!st.bank_wanted || !key)
		return app_fail(err, 409, "not_stored", NULL,
		                _("None of your panels keeps bank details, so there is nowhere to "
		                  "save them."));
	/* Replacing saved details keeps the panels they were given to. */
	const char *old, *old_key;
	int64_t at, *given = NULL;
	size_t ngiven = 0;
	enum store_rc rc = store_pay_bank_get(s, user_id, 0, a, &old, &old_key, &at);
	if (rc == ST_OK) {
		if (store_pay_bank_panels(s, user_id, a, &given, &ngiven) != ST_OK)
			return app_internal(err);
		panel_ids = given;
		n = ngiven;
	} else if (rc != ST_NOT_FOUND) {
		return app_internal(err);
	} else if (!app_bank_panels_check(&st, panel_ids, n, err)) {
		return false;
	}
	char plain[sizeof d->name + 20], context[32];
	snprintf(plain, sizeof plain, "%s\n%s\n%s", d->name, d->sort_code, d->account_number);
	bank_context(user_id, context);
	char *sealed = auth_seal(key, context, plain);
	sodium_memzero(plain, sizeof plain);
	bool ok = sealed && store_pay_bank_set(s, user_id, sealed, key->id, panel_ids, n, now) == ST_OK;
	free(sealed);
	return ok || app_fail(err, 500, "internal", NULL, _("We could not save your bank details."));
}

bool app_bank_give(struct store *s, int64_t user_id, const int64_t *panel_ids, size_t n,
                   int64_t now, struct arena *a, struct app_error *err)
{
	struct my_pay_standing st;
	if (!app_my_pay_standing(s, user_id, now, a, &st)) return app_internal(err);
	if (!app_bank_panels_check(&st, panel_ids, n, err)) return false;
	switch (store_pay_bank_panels_set(s, user_id, panel_ids, n, now)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 409, "not_stored", NULL, _("You have no bank details saved to give."));
	default: return app_fail(err, 500, "internal", NULL, _("We could not save your choice."));
	}
}

bool app_bank_remove(struct store *s, int64_t user_id, struct app_error *err)
{
	enum store_rc rc = store_pay_bank_clear(s, user_id);
	if (rc != ST_OK && rc != ST_NOT_FOUND) /* none saved: nothing to remove */
		return app_fail(err, 500, "internal", NULL, _("We could not remove your bank details."));
	return true;
}
