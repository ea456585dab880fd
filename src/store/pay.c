/* The store's fair-pay operations (store.h): pay policies, earnings
 * limits and declarations, claims, the ledger, payment runs, timeliness,
 * statements and sealed bank details.
 *
 * The ledger is append-only in the database itself (0005_pay.sql's
 * triggers refuse UPDATE and DELETE), and a claim's state follows from its
 * entries by trigger, so no code here sets a state. What makes a repeated
 * request harmless is the idempotency key: every operation that writes an
 * entry looks its key up first, inside the same write transaction, and a
 * key is UNIQUE in the ledger (and in pay_runs), so two requests racing
 * with one key cannot both write: on SQLite the second waits for the write
 * lock and then finds the key; on PostgreSQL the loser's commit fails as a
 * serialisation failure, store_tx runs it again and it finds the key. */
#include <stdio.h>
#include <string.h>

#include "core/civil_time.h"
#include "store/store_private.h"

#define CLAIM_SELECT                                                                   \
	"SELECT c.id, c.panel_id, c.user_id, COALESCE(c.meeting_id, 0), c.kind, "          \
	"c.description, c.work_day, COALESCE(c.unit, ''), COALESCE(c.quantity, 0), "       \
	"COALESCE(c.category, ''), c.amount, c.currency, COALESCE(c.receipt_sha256, ''), " \
	"COALESCE(c.receipt_name, ''), COALESCE(c.receipt_kind, ''), "                     \
	"COALESCE(c.receipt_size, 0), COALESCE(c.created_by, 0), c.created_at, "           \
	"c.claimed_day, c.state, COALESCE(c.pay_day, 0), COALESCE(c.run_id, 0), "          \
	"COALESCE(c.asked_at, 0), COALESCE(c.method, ''), u.display_name, pn.name, "       \
	"COALESCE(m.title, ''), COALESCE(r.reference, '') "                                \
	"FROM pay_claims c JOIN users u ON u.id = c.user_id "                              \
	"JOIN panels pn ON pn.id = c.panel_id "                                            \
	"LEFT JOIN meetings m ON m.id = c.meeting_id "                                     \
	"LEFT JOIN pay_runs r ON r.id = c.run_id "

#define POLICY_COLUMNS                                                                 \
	"currency, rate_hour, rate_half_day, rate_day, meeting_unit, prep_minutes, "       \
	"target_days, expense_categories, csv_columns, advice_name, advice_url, "          \
	"store_bank_details"

#define RUN_SELECT                                                                     \
	"SELECT r.id, r.panel_id, r.claims, r.total, COALESCE(r.created_by, 0), "          \
	"r.created_at, COALESCE(r.paid_day, 0), COALESCE(r.paid_at, 0), "                  \
	"COALESCE(r.paid_by, 0), r.reference, COALESCE(u.display_name, '') "               \
	"FROM pay_runs r LEFT JOIN users u ON u.id = r.created_by "

/* A run's claims: those it holds now, and those it paid (a payment
 * reversed since takes a claim out of pay_claims.run_id, not out of the
 * run's history). $1 is the run. */
#define RUN_CLAIM_IDS                                                                  \
	"(SELECT id FROM pay_claims WHERE run_id = $1 UNION "                             \
	"SELECT claim_id FROM pay_ledger WHERE run_id = $1 AND kind = 'payment')"

#define PAY_STMTS(X)                                                                     \
	X(POLICY_GET, "SELECT " POLICY_COLUMNS ", updated_at, version FROM pay_policies "    \
	              "WHERE panel_id = $1")                                                 \
	X(POLICY_INSERT, "INSERT INTO pay_policies (panel_id, " POLICY_COLUMNS ", "          \
	                 "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, " \
	                 "$12, $13, $14)")                                                    \
	X(POLICY_UPDATE, "UPDATE pay_policies SET currency = $2, rate_hour = $3, "           \
	                 "rate_half_day = $4, rate_day = $5, meeting_unit = $6, "             \
	                 "prep_minutes = $7, target_days = $8, expense_categories = $9, "     \
	                 "csv_columns = $10, advice_name = $11, advice_url = $12, "           \
	                 "store_bank_details = $13, updated_at = $14, version = version + 1 " \
	                 "WHERE panel_id = $1 AND version = $15")                            \
	X(POLICY_EXISTS, "SELECT COUNT(*) FROM pay_policies WHERE panel_id = $1")            \
	X(LIMITS, "SELECT id, rule, name, kind, period, amount, taper_percent, "             \
	          "effective_from, source, note FROM earnings_limits "                       \
	          "ORDER BY rule, effective_from")                                           \
	X(LIMIT_INSERT, "INSERT INTO earnings_limits (rule, name, kind, period, amount, "    \
	                "taper_percent, effective_from, source, note, updated_by, "          \
	                "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "  \
	                "RETURNING id")                                                       \
	X(LIMIT_UPDATE, "UPDATE earnings_limits SET rule = $1, name = $2, kind = $3, "       \
	                "period = $4, amount = $5, taper_percent = $6, effective_from = $7, " \
	                "source = $8, note = $9, updated_by = $10, updated_at = $11 "         \
	                "WHERE id = $12")                                                    \
	X(DECLARATION_GET, "SELECT COALESCE(rule, ''), COALESCE(custom_amount, 0), "         \
	                   "COALESCE(custom_period, 'week'), anchor_day, updated_at "         \
	                   "FROM pay_declarations WHERE user_id = $1")                       \
	X(DECLARATION_SET, "INSERT INTO pay_declarations (user_id, rule, custom_amount, "    \
	                   "custom_period, anchor_day, updated_at) VALUES ($1, $2, $3, $4, "  \
	                   "$5, $6) ON CONFLICT (user_id) DO UPDATE SET rule = excluded.rule, " \
	                   "custom_amount = excluded.custom_amount, "                        \
	                   "custom_period = excluded.custom_period, "                        \
	                   "anchor_day = excluded.anchor_day, updated_at = excluded.updated_at") \
	X(DECLARATION_CLEAR, "DELETE FROM pay_declarations WHERE user_id = $1")              \
	X(KEY_FIND, "SELECT l.id, l.claim_id, l.kind, COALESCE(r.kind, '') FROM pay_ledger l " \
	            "LEFT JOIN pay_ledger r ON r.id = l.reverses_id "                         \
	            "WHERE l.idempotency_key = $1")                                           \
	X(CLAIM_SAME, "SELECT COUNT(*) FROM pay_claims WHERE id = $1 AND panel_id = $2 AND "  \
	              "user_id = $3 AND kind = $4 AND amount = $5")                          \
	X(CLAIM_FOR_MEETING, "SELECT id FROM pay_claims WHERE meeting_id = $1 AND "          \
	                     "user_id = $2 AND kind = $3")                                   \
	X(CLAIM_INSERT, "INSERT INTO pay_claims (panel_id, user_id, kind, meeting_id, "      \
	                "description, work_day, unit, quantity, category, amount, currency, " \
	                "receipt_sha256, receipt_name, receipt_kind, receipt_size, "          \
	                "created_by, created_at, claimed_day) VALUES ($1, $2, $3, $4, $5, "   \
	                "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) "       \
	                "RETURNING id")                                                       \
	X(ENTRY_INSERT, "INSERT INTO pay_ledger (claim_id, panel_id, user_id, kind, amount, " \
	                "reverses_id, run_id, method, pay_day, reason, over_limit, by_user, " \
	                "at, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "   \
	                "$10, $11, $12, $13, $14) RETURNING id")                              \
	X(CLAIM_GET, CLAIM_SELECT "WHERE c.id = $2 AND ($1 = 0 OR c.panel_id = $1)")          \
	X(CLAIMS_PANEL, CLAIM_SELECT "WHERE c.panel_id = $1 AND ($2 = 0 OR c.id < $2) "       \
	                "ORDER BY c.id DESC LIMIT $3")                                        \
	X(CLAIMS_PANEL_STATE, CLAIM_SELECT "WHERE c.panel_id = $1 AND c.state = $4 AND "     \
	                      "($2 = 0 OR c.id < $2) ORDER BY c.id DESC LIMIT $3")            \
	X(CLAIMS_PAYEE, CLAIM_SELECT "WHERE c.user_id = $1 AND ($4 = 0 OR c.panel_id = $4) "  \
	                "AND ($5 = '' OR c.state = $5) AND ($2 = 0 OR c.id < $2) "            \
	                "ORDER BY c.id DESC LIMIT $3")                                        \
	X(CLAIMS_RUN, CLAIM_SELECT "WHERE c.id IN " RUN_CLAIM_IDS " ORDER BY c.id")           \
	X(CLAIM_ASKED, "UPDATE pay_claims SET asked_at = $3 WHERE id = $2 AND panel_id = $1") \
	X(CLAIM_STATE, "SELECT state, amount, user_id, COALESCE(run_id, 0) FROM pay_claims " \
	               "WHERE id = $1 AND panel_id = $2")                                    \
	X(ENTRY_TO_REVERSE, "SELECT l.id, l.amount FROM pay_ledger l WHERE l.claim_id = $1 " \
	                    "AND l.kind = $2 AND NOT EXISTS (SELECT 1 FROM pay_ledger r "      \
	                    "WHERE r.reverses_id = l.id) ORDER BY l.id DESC LIMIT 1")         \
	X(RUN_LESS_CLAIM, "UPDATE pay_runs SET claims = claims - 1, total = total - $2 "     \
	                  "WHERE id = $1 AND paid_day IS NULL")                              \
	X(LEDGER, "SELECT l.id, l.claim_id, l.panel_id, l.user_id, l.kind, "                  \
	          "COALESCE(r.kind, ''), l.amount, COALESCE(l.reverses_id, 0), "              \
	          "COALESCE(l.run_id, 0), COALESCE(l.pay_day, 0), l.at, COALESCE(l.by_user, 0), " \
	          "COALESCE(l.method, ''), l.over_limit, l.reason, COALESCE(u.display_name, '') " \
	          "FROM pay_ledger l LEFT JOIN pay_ledger r ON r.id = l.reverses_id "          \
	          "LEFT JOIN users u ON u.id = l.by_user WHERE l.claim_id = $1 ORDER BY l.id")  \
	X(BALANCE, "SELECT COALESCE(SUM(CASE WHEN COALESCE(r.kind, l.kind) = 'claim' "        \
	           "THEN l.amount ELSE 0 END), 0), "                                           \
	           "COALESCE(SUM(CASE WHEN COALESCE(r.kind, l.kind) = 'approval' "             \
	           "THEN l.amount ELSE 0 END), 0), "                                           \
	           "COALESCE(SUM(CASE WHEN COALESCE(r.kind, l.kind) = 'payment' "              \
	           "THEN l.amount ELSE 0 END), 0) "                                            \
	           "FROM pay_ledger l LEFT JOIN pay_ledger r ON r.id = l.reverses_id "          \
	           "WHERE l.user_id = $1 AND ($2 = 0 OR l.panel_id = $2)")                    \
	X(EARNINGS, "SELECT COALESCE(SUM(amount), 0) FROM pay_claims WHERE user_id = $1 AND " \
	            "pay_day BETWEEN $2 AND $3 AND state IN ('approved', 'paid') AND "         \
	            "kind <> 'expense' AND id <> $4")                                         \
	X(RUN_HOLDS_PAYEE, "SELECT COUNT(*) FROM pay_claims WHERE run_id = $1 AND user_id = $2") \
	X(WAITING_EARNINGS, "SELECT COALESCE(SUM(amount), 0) FROM pay_claims WHERE "          \
	                    "user_id = $1 AND state = 'claimed' AND kind <> 'expense'")       \
	X(RUN_BY_KEY, "SELECT id, panel_id FROM pay_runs WHERE idempotency_key = $1")         \
	X(RUN_COUNT, "SELECT COUNT(*) FROM pay_runs WHERE panel_id = $1")                    \
	X(RUN_INSERT, "INSERT INTO pay_runs (panel_id, reference, claims, total, created_by, " \
	              "created_at, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7) "     \
	              "RETURNING id")                                                         \
	X(RUN_REFERENCE_TAKEN, "SELECT COUNT(*) FROM pay_runs WHERE reference = $1")          \
	X(CLAIM_TO_RUN, "UPDATE pay_claims SET run_id = $2 WHERE id = $1")                   \
	X(RUN_GET, RUN_SELECT "WHERE r.id = $2 AND r.panel_id = $1")                          \
	X(RUNS_LIST, RUN_SELECT "WHERE r.panel_id = $1 ORDER BY r.id DESC LIMIT $2")          \
	X(RUN_PAID_STATE, "SELECT COALESCE(paid_day, 0), COALESCE(paid_key, '') FROM pay_runs " \
	                  "WHERE id = $2 AND panel_id = $1")                                  \
	X(RUN_PAID_KEY_USED, "SELECT COUNT(*) FROM pay_runs WHERE paid_key = $1")             \
	X(RUN_UNPAID_CLAIMS, "SELECT id, amount, user_id FROM pay_claims "                   \
	                     "WHERE run_id = $1 AND state = 'approved' ORDER BY id")          \
	X(RUN_MARK_PAID, "UPDATE pay_runs SET paid_day = $2, paid_at = $3, paid_by = $4, "   \
	                 "paid_key = $5 WHERE id = $1 AND paid_day IS NULL")                 \
	X(RUN_PAYEES, "SELECT c.user_id, u.display_name, u.email, c.amount, c.id, "          \
	              "COALESCE(c.method, '') FROM pay_claims c JOIN users u ON u.id = c.user_id " \
	              "WHERE c.id IN " RUN_CLAIM_IDS " ORDER BY u.display_name, c.user_id, "       \
	              "COALESCE(c.method, ''), c.id") \
	X(TIMELINESS, "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(n * days), 0), "             \
	              "COALESCE(MAX(days), 0), "                                             \
	              "COALESCE(SUM(CASE WHEN days > $2 THEN n ELSE 0 END), 0) "             \
	              "FROM pay_paid_days WHERE panel_id = $1")                              \
	X(WAITING_LATE, "SELECT COUNT(*) FROM pay_claims WHERE panel_id = $1 AND "           \
	                "state IN ('claimed', 'approved') AND claimed_day < $2")             \
	X(STATEMENT, CLAIM_SELECT "WHERE c.user_id = $1 AND c.state = 'paid' AND "           \
	             "c.pay_day BETWEEN $2 AND $3 ORDER BY c.pay_day, c.id")                  \
	X(BANK_GET, "SELECT sealed, key_id, updated_at FROM pay_bank_details WHERE user_id = $1") \
	X(BANK_SET, "INSERT INTO pay_bank_details (user_id, sealed, key_id, updated_at) "    \
	            "VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO UPDATE SET "            \
	            "sealed = excluded.sealed, key_id = excluded.key_id, "                    \
	            "updated_at = excluded.updated_at")                                      \
	X(BANK_CLEAR, "DELETE FROM pay_bank_details WHERE user_id = $1")                   \
	X(BANK_GET_FOR_PANEL, "SELECT d.sealed, d.key_id, d.updated_at FROM pay_bank_details d " \
	                      "JOIN pay_bank_panels p ON p.user_id = d.user_id AND "          \
	                      "p.panel_id = $2 WHERE d.user_id = $1")                          \
	X(BANK_PANELS, "SELECT panel_id FROM pay_bank_panels WHERE user_id = $1 "             \
	               "ORDER BY panel_id")                                                   \
	X(BANK_PANELS_CLEAR, "DELETE FROM pay_bank_panels WHERE user_id = $1")                \
	X(BANK_PANEL_GIVE, "INSERT INTO pay_bank_panels (user_id, panel_id, given_at) "       \
	                   "VALUES ($1, $2, $3)")

enum pay_stmt {
#define X(id, sql) P_##id,
	PAY_STMTS(X)
#undef X
	P__COUNT
};

static const char *const pay_sql[P__COUNT] = {
#define X(id, sql) [P_##id] = sql,
	PAY_STMTS(X)
#undef X
};

static struct sq_table table = SQ_TABLE(pay_sql, P__COUNT);

static struct db_stmt *stmt(struct store *s, enum pay_stmt id)
{
	return sq_table_stmt(s, &table, (int)id);
}

static void bind_opt_text(struct db_stmt *st, int idx, const char *v)
{
	if (v && *v) db_bind_text(st, idx, v);
	else db_bind_null(st, idx);
}

static void copy_currency(char out[4], const char *in)
{
	snprintf(out, 4, "%s", in && *in ? in : "GBP");
}

/* ---- policy ---- */

enum store_rc store_pay_policy_get(struct store *s, int64_t panel_id, struct arena *a,
                                   struct pay_policy *out)
{
	memset(out, 0, sizeof *out);
	out->panel_id = panel_id;
	copy_currency(out->currency, "GBP");
	out->meeting_unit = UNIT_HOUR;
	out->target_days = PAY_TARGET_DAYS;
	out->expense_categories = (1u << EXPENSE__COUNT) - 1;
	out->csv_columns = "reference,payee,method,amount,claims";
	out->advice_name = out->advice_url = "";
	struct db_stmt *st = stmt(s, P_POLICY_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_NOT_FOUND) return ST_OK;
	if (rc != ST_OK) return rc;
	out->configured = true;
	copy_currency(out->currency, db_col_text(st, 0));
	out->rates.hour = db_col_i64(st, 1);
	out->rates.half_day = db_col_i64(st, 2);
	out->rates.day = db_col_i64(st, 3);
	pay_unit_parse(db_col_text(st, 4), &out->meeting_unit);
	out->prep_minutes = db_col_i64(st, 5);
	out->target_days = db_col_i64(st, 6);
	unsigned set = 0;
	if (expense_set_parse(db_col_text(st, 7), &set)) out->expense_categories = set;
	out->csv_columns = sq_col_str(st, 8, a);
	out->advice_name = sq_col_str(st, 9, a);
	out->advice_url = sq_col_str(st, 10, a);
	out->store_bank_details = db_col_i64(st, 11) != 0;
	out->updated_at = db_col_i64(st, 12);
	out->version = db_col_i64(st, 13);
	db_done(st);
	return ST_OK;
}

enum store_rc store_pay_policy_put(struct store *s, const struct pay_policy *p, int64_t now)
{
	struct arena a = { 0 };
	bool insert = p->version == 0;
	struct db_stmt *st = stmt(s, insert ? P_POLICY_INSERT : P_POLICY_UPDATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, p->panel_id);
	db_bind_text(st, 2, p->currency);
	db_bind_i64(st, 3, p->rates.hour);
	db_bind_i64(st, 4, p->rates.half_day);
	db_bind_i64(st, 5, p->rates.day);
	db_bind_text(st, 6, pay_unit_key(p->meeting_unit));
	db_bind_i64(st, 7, p->prep_minutes);
	db_bind_i64(st, 8, p->target_days);
	db_bind_text(st, 9, expense_set_format(&a, p->expense_categories));
	db_bind_text(st, 10, p->csv_columns);
	db_bind_text(st, 11, p->advice_name ? p->advice_name : "");
	db_bind_text(st, 12, p->advice_url ? p->advice_url : "");
	db_bind_i64(st, 13, p->store_bank_details);
	db_bind_i64(st, 14, now);
	if (!insert) db_bind_i64(st, 15, p->version);
	enum store_rc rc = insert ? sq_exec(st) : sq_exec_changed(s, st);
	arena_free(&a);
	if (rc == ST_NOT_FOUND) {
		/* no row at that version: someone saved first, or there is none */
		struct db_stmt *ex = stmt(s, P_POLICY_EXISTS);
		return sq_version_miss(ex, p->panel_id);
	}
	return rc;
}

/* ---- earnings limits and declarations ---- */

static void read_limit(struct db_stmt *st, void *out, struct arena *a)
{
	struct earnings_limit *l = out;
	l->id = db_col_i64(st, 0);
	l->rule = sq_col_str(st, 1, a);
	l->name = sq_col_str(st, 2, a);
	limit_kind_parse(db_col_text(st, 3), &l->kind);
	limit_period_parse(db_col_text(st, 4), &l->period);
	l->amount = db_col_i64(st, 5);
	l->taper_percent = (int)db_col_i64(st, 6);
	l->effective_from = db_col_i64(st, 7);
	l->source = sq_col_str(st, 8, a);
	l->note = sq_col_str(st, 9, a);
}

enum store_rc store_earnings_limits(struct store *s, struct arena *a,
                                    struct earnings_limit **out, size_t *n)
{
	struct db_stmt *st = stmt(s, P_LIMITS);
	if (!st) return ST_ERROR;
	return sq_collect(st, sizeof **out, a, read_limit, (void **)out, n);
}

enum store_rc store_earnings_limit_put(struct store *s, const struct earnings_limit *l,
                                       int64_t by, int64_t now, int64_t *id)
{
	bool insert = l->id == 0;
	struct db_stmt *st = stmt(s, insert ? P_LIMIT_INSERT : P_LIMIT_UPDATE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, l->rule);
	db_bind_text(st, 2, l->name);
	db_bind_text(st, 3, limit_kind_key(l->kind));
	db_bind_text(st, 4, limit_period_key(l->period));
	db_bind_i64(st, 5, l->amount);
	db_bind_i64(st, 6, l->taper_percent);
	db_bind_i64(st, 7, l->effective_from);
	db_bind_text(st, 8, l->source ? l->source : "");
	db_bind_text(st, 9, l->note ? l->note : "");
	sq_bind_ref(st, 10, by);
	db_bind_i64(st, 11, now);
	if (insert) return sq_first_i64(st, id);
	db_bind_i64(st, 12, l->id);
	*id = l->id;
	return sq_exec_changed(s, st);
}

enum store_rc store_pay_declaration_get(struct store *s, int64_t user_id, struct arena *a,
                                        struct pay_declaration *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = stmt(s, P_DECLARATION_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	out->rule = sq_col_str(st, 0, a);
	out->custom_amount = db_col_i64(st, 1);
	limit_period_parse(db_col_text(st, 2), &out->custom_period);
	out->anchor_day = db_col_i64(st, 3);
	out->updated_at = db_col_i64(st, 4);
	db_done(st);
	return ST_OK;
}

enum store_rc store_pay_declaration_set(struct store *s, int64_t user_id,
                                        const struct pay_declaration *d, int64_t now)
{
	struct db_stmt *st = stmt(s, P_DECLARATION_SET);
	if (!st) return ST_ERROR;
	bool custom = !d->rule || !*d->rule;
	db_bind_i64(st, 1, user_id);
	if (custom) {
		db_bind_null(st, 2);
		db_bind_i64(st, 3, d->custom_amount);
		db_bind_text(st, 4, limit_period_key(d->custom_period));
	} else {
		db_bind_text(st, 2, d->rule);
		db_bind_null(st, 3);
		db_bind_null(st, 4);
	}
	db_bind_i64(st, 5, d->anchor_day);
	db_bind_i64(st, 6, now);
	return sq_exec(st);
}

enum store_rc store_pay_declaration_clear(struct store *s, int64_t user_id)
{
	struct db_stmt *st = stmt(s, P_DECLARATION_CLEAR);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	return sq_exec(st);
}

/* ---- the ledger's keys ---- */

/* The entry a key already wrote, if any. */
struct key_use {
	bool found;
	int64_t entry_id, claim_id;
	enum ledger_kind kind, reverses;
};

static enum store_rc key_find(struct store *s, const char *key, struct key_use *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = stmt(s, P_KEY_FIND);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, key);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_NOT_FOUND) return ST_OK;
	if (rc != ST_OK) return rc;
	out->found = true;
	out->entry_id = db_col_i64(st, 0);
	out->claim_id = db_col_i64(st, 1);
	ledger_kind_parse(db_col_text(st, 2), &out->kind);
	ledger_kind_parse(db_col_text(st, 3), &out->reverses);
	db_done(st);
	return ST_OK;
}

/* One new ledger entry. */
struct entry_new {
	int64_t claim_id, panel_id, user_id;
	enum ledger_kind kind;
	int64_t amount, reverses_id, run_id, pay_day, by;
	const char *method, *reason, *key;
	bool over_limit;
};

static enum store_rc entry_insert(struct store *s, const struct entry_new *e, int64_t now,
                                  int64_t *id)
{
	struct db_stmt *st = stmt(s, P_ENTRY_INSERT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, e->claim_id);
	db_bind_i64(st, 2, e->panel_id);
	db_bind_i64(st, 3, e->user_id);
	db_bind_text(st, 4, ledger_kind_key(e->kind));
	db_bind_i64(st, 5, e->amount);
	sq_bind_ref(st, 6, e->reverses_id);
	sq_bind_ref(st, 7, e->run_id);
	bind_opt_text(st, 8, e->method);
	sq_bind_ref(st, 9, e->pay_day);
	db_bind_text(st, 10, e->reason ? e->reason : "");
	db_bind_i64(st, 11, e->over_limit);
	sq_bind_ref(st, 12, e->by);
	db_bind_i64(st, 13, now);
	db_bind_text(st, 14, e->key);
	int64_t unused;
	return sq_first_i64(st, id ? id : &unused);
}

/* ---- claims ---- */

struct claim_add_ctx {
	const struct pay_claim *c;
	const char *key;
	int64_t now, id;
	enum pay_outcome outcome;
};

static enum store_rc claim_add_tx(struct store *s, void *p)
{
	struct claim_add_ctx *x = p;
	const struct pay_claim *c = x->c;
	struct key_use used;
	enum store_rc rc = key_find(s, x->key, &used);
	if (rc != ST_OK) return rc;
	if (used.found) {
		struct db_stmt *st = stmt(s, P_CLAIM_SAME);
		if (!st) return ST_ERROR;
		db_bind_i64(st, 1, used.claim_id);
		db_bind_i64(st, 2, c->panel_id);
		db_bind_i64(st, 3, c->user_id);
		db_bind_text(st, 4, claim_kind_key(c->kind));
		db_bind_i64(st, 5, c->amount);
		bool same = used.kind == LEDGER_CLAIM && sq_scalar_i64(st) == 1;
		x->outcome = same ? PAY_REPLAYED : PAY_KEY_REUSED;
		x->id = same ? used.claim_id : 0;
		return ST_OK;
	}
	if (c->meeting_id && (c->kind == CLAIM_FEE || c->kind == CLAIM_PREP)) {
		int64_t existing;
		rc = store_pay_meeting_claim(s, c->meeting_id, c->user_id, c->kind, &existing);
		if (rc == ST_OK) {
			x->outcome = PAY_REPLAYED;
			x->id = existing;
			return ST_OK;
		}
		if (rc != ST_NOT_FOUND) return rc;
	}
	struct db_stmt *st = stmt(s, P_CLAIM_INSERT);
	if (!st) return ST_ERROR;
	bool expense = c->kind == CLAIM_EXPENSE;
	db_bind_i64(st, 1, c->panel_id);
	db_bind_i64(st, 2, c->user_id);
	db_bind_text(st, 3, claim_kind_key(c->kind));
	sq_bind_ref(st, 4, c->meeting_id);
	db_bind_text(st, 5, c->description ? c->description : "");
	db_bind_i64(st, 6, c->work_day);
	if (expense) {
		db_bind_null(st, 7);
		db_bind_null(st, 8);
		db_bind_text(st, 9, expense_key(c->category));
	} else {
		db_bind_text(st, 7, pay_unit_key(c->unit));
		db_bind_i64(st, 8, c->quantity);
		db_bind_null(st, 9);
	}
	db_bind_i64(st, 10, c->amount);
	db_bind_text(st, 11, c->currency[0] ? c->currency : "GBP");
	bool receipt = c->receipt_sha256 && *c->receipt_sha256;
	bind_opt_text(st, 12, receipt ? c->receipt_sha256 : NULL);
	bind_opt_text(st, 13, receipt ? c->receipt_name : NULL);
	bind_opt_text(st, 14, receipt ? filetype_key(c->receipt_kind) : NULL);
	if (receipt) db_bind_i64(st, 15, c->receipt_size);
	else db_bind_null(st, 15);
	sq_bind_ref(st, 16, c->created_by);
	db_bind_i64(st, 17, x->now);
	db_bind_i64(st, 18, c->claimed_day);
	if ((rc = sq_first_i64(st, &x->id)) != ST_OK) return rc;
	struct entry_new e = { .claim_id = x->id, .panel_id = c->panel_id, .user_id = c->user_id,
	                       .kind = LEDGER_CLAIM, .amount = c->amount, .by = c->created_by,
	                       .key = x->key };
	x->outcome = PAY_DONE;
	return entry_insert(s, &e, x->now, NULL);
}

enum store_rc store_pay_claim_add(struct store *s, const struct pay_claim *c, const char *key,
                                  int64_t now, int64_t *id, enum pay_outcome *outcome)
{
	struct claim_add_ctx x = { .c = c, .key = key, .now = now };
	enum store_rc rc = store_tx_keyed(s, claim_add_tx, &x);
	*id = x.id;
	*outcome = x.outcome;
	return rc;
}

static void read_claim(struct db_stmt *st, void *out, struct arena *a)
{
	struct pay_claim *c = out;
	c->id = db_col_i64(st, 0);
	c->panel_id = db_col_i64(st, 1);
	c->user_id = db_col_i64(st, 2);
	c->meeting_id = db_col_i64(st, 3);
	claim_kind_parse(db_col_text(st, 4), &c->kind);
	c->description = sq_col_str(st, 5, a);
	c->work_day = db_col_i64(st, 6);
	pay_unit_parse(db_col_text(st, 7), &c->unit);
	c->quantity = db_col_i64(st, 8);
	expense_parse(db_col_text(st, 9), &c->category);
	c->amount = db_col_i64(st, 10);
	copy_currency(c->currency, db_col_text(st, 11));
	c->receipt_sha256 = sq_col_str(st, 12, a);
	c->receipt_name = sq_col_str(st, 13, a);
	filetype_parse(db_col_text(st, 14), &c->receipt_kind);
	c->receipt_size = db_col_i64(st, 15);
	c->created_by = db_col_i64(st, 16);
	c->created_at = db_col_i64(st, 17);
	c->claimed_day = db_col_i64(st, 18);
	claim_state_parse(db_col_text(st, 19), &c->state);
	c->pay_day = db_col_i64(st, 20);
	c->run_id = db_col_i64(st, 21);
	c->asked_at = db_col_i64(st, 22);
	c->has_method = pay_method_parse(db_col_text(st, 23), &c->method);
	c->payee_name = sq_col_str(st, 24, a);
	c->panel_name = sq_col_str(st, 25, a);
	c->meeting_title = sq_col_str(st, 26, a);
	c->run_reference = sq_col_str(st, 27, a);
}

enum store_rc store_pay_claim_get(struct store *s, int64_t panel_id, int64_t id,
                                  struct arena *a, struct pay_claim *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = stmt(s, P_CLAIM_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	return sq_one_row(st, read_claim, out, a);
}

enum store_rc store_pay_claims_list(struct store *s, enum pay_claim_scope scope, int64_t key,
                                    int state, int64_t before, int limit, struct arena *a,
                                    struct pay_claim **out, size_t *n)
{
	struct db_stmt *st;
	if (scope == PCS_RUN) {
		if (!(st = stmt(s, P_CLAIMS_RUN))) return ST_ERROR;
		db_bind_i64(st, 1, key);
	} else {
		bool by_state = state >= 0;
		if (!(st = stmt(s, by_state ? P_CLAIMS_PANEL_STATE : P_CLAIMS_PANEL))) return ST_ERROR;
		db_bind_i64(st, 1, key);
		db_bind_i64(st, 2, before);
		db_bind_i64(st, 3, limit);
		if (by_state) db_bind_text(st, 4, claim_state_key((enum claim_state)state));
	}
	return sq_collect(st, sizeof **out, a, read_claim, (void **)out, n);
}

enum store_rc store_pay_claims_of(struct store *s, int64_t user_id, int64_t panel_id,
                                  int state, int64_t before, int limit, struct arena *a,
                                  struct pay_claim **out, size_t *n)
{
	struct db_stmt *st = stmt(s, P_CLAIMS_PAYEE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, before);
	db_bind_i64(st, 3, limit);
	db_bind_i64(st, 4, panel_id);
	db_bind_text(st, 5, state >= 0 ? claim_state_key((enum claim_state)state) : "");
	return sq_collect(st, sizeof **out, a, read_claim, (void **)out, n);
}

enum store_rc store_pay_meeting_claim(struct store *s, int64_t meeting_id, int64_t user_id,
                                      enum claim_kind kind, int64_t *id)
{
	struct db_stmt *st = stmt(s, P_CLAIM_FOR_MEETING);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	db_bind_text(st, 3, claim_kind_key(kind));
	return sq_first_i64(st, id);
}

enum store_rc store_pay_claim_asked(struct store *s, int64_t panel_id, int64_t id, int64_t now)
{
	struct db_stmt *st = stmt(s, P_CLAIM_ASKED);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

/* ---- steps ---- */

struct step_ctx {
	const struct pay_step *step;
	int64_t now, entry_id;
	enum pay_outcome outcome;
};

static enum store_rc step_tx(struct store *s, void *p)
{
	struct step_ctx *x = p;
	const struct pay_step *ps = x->step;
	enum ledger_kind reverses = LEDGER__COUNT;
	enum ledger_kind kind = claim_step_entry(ps->step, &reverses);
	if (ps->step == STEP_PAY) return ST_ERROR; /* payment runs pay */
	struct key_use used;
	enum store_rc rc = key_find(s, ps->key, &used);
	if (rc != ST_OK) return rc;
	if (used.found) {
		bool same = used.claim_id == ps->claim_id && used.kind == kind &&
		            (kind != LEDGER_REVERSAL || used.reverses == reverses);
		x->outcome = same ? PAY_REPLAYED : PAY_KEY_REUSED;
		x->entry_id = same ? used.entry_id : 0;
		return ST_OK;
	}
	struct db_stmt *st = stmt(s, P_CLAIM_STATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, ps->claim_id);
	db_bind_i64(st, 2, ps->panel_id);
	if ((rc = sq_first_row(st)) != ST_OK) return rc;
	enum claim_state state = CLAIM_STATE__COUNT, next;
	claim_state_parse(db_col_text(st, 0), &state);
	int64_t amount = db_col_i64(st, 1), payee = db_col_i64(st, 2), run_id = db_col_i64(st, 3);
	db_done(st);
	if (!claim_step_to(state, ps->step, &next)) {
		x->outcome = PAY_WRONG_STATE;
		return ST_OK;
	}
	struct entry_new e = { .claim_id = ps->claim_id, .panel_id = ps->panel_id,
	                       .user_id = payee, .kind = kind, .by = ps->by, .key = ps->key,
	                       .reason = ps->reason };
	if (kind == LEDGER_APPROVAL) {
		e.amount = amount;
		e.method = pay_method_key(ps->method);
		e.pay_day = ps->pay_day;
		e.over_limit = ps->over_limit;
	} else {
		if (!(st = stmt(s, P_ENTRY_TO_REVERSE))) return ST_ERROR;
		db_bind_i64(st, 1, ps->claim_id);
		db_bind_text(st, 2, ledger_kind_key(reverses));
		if ((rc = sq_first_row(st)) != ST_OK) return rc == ST_NOT_FOUND ? ST_ERROR : rc;
		e.reverses_id = db_col_i64(st, 0);
		e.amount = -db_col_i64(st, 1);
		db_done(st);
		/* Sent back for approval from a run not yet paid: the run no
		 * longer holds it. */
		if (ps->step == STEP_UNAPPROVE && run_id) {
			if (!(st = stmt(s, P_RUN_LESS_CLAIM))) return ST_ERROR;
			db_bind_i64(st, 1, run_id);
			db_bind_i64(st, 2, amount);
			if ((rc = sq_exec(st)) != ST_OK) return rc;
		}
	}
	x->outcome = PAY_DONE;
	return entry_insert(s, &e, x->now, &x->entry_id);
}

enum store_rc store_pay_claim_step(struct store *s, const struct pay_step *step, int64_t now,
                                   int64_t *entry_id, enum pay_outcome *outcome)
{
	struct step_ctx x = { .step = step, .now = now };
	enum store_rc rc = store_tx_keyed(s, step_tx, &x);
	*entry_id = x.entry_id;
	*outcome = x.outcome;
	return rc;
}

static void read_entry(struct db_stmt *st, void *out, struct arena *a)
{
	struct ledger_entry *e = out;
	e->id = db_col_i64(st, 0);
	e->claim_id = db_col_i64(st, 1);
	e->panel_id = db_col_i64(st, 2);
	e->user_id = db_col_i64(st, 3);
	ledger_kind_parse(db_col_text(st, 4), &e->kind);
	ledger_kind_parse(db_col_text(st, 5), &e->reverses);
	e->amount = db_col_i64(st, 6);
	e->reverses_id = db_col_i64(st, 7);
	e->run_id = db_col_i64(st, 8);
	e->pay_day = db_col_i64(st, 9);
	e->at = db_col_i64(st, 10);
	e->by_user = db_col_i64(st, 11);
	e->has_method = pay_method_parse(db_col_text(st, 12), &e->method);
	e->over_limit = db_col_i64(st, 13) != 0;
	e->reason = sq_col_str(st, 14, a);
	e->by_name = sq_col_str(st, 15, a);
}

enum store_rc store_pay_ledger(struct store *s, int64_t claim_id, struct arena *a,
                               struct ledger_entry **out, size_t *n)
{
	struct db_stmt *st = stmt(s, P_LEDGER);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, claim_id);
	return sq_collect(st, sizeof **out, a, read_entry, (void **)out, n);
}

enum store_rc store_pay_balance(struct store *s, int64_t user_id, int64_t panel_id,
                                struct pay_balance *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = stmt(s, P_BALANCE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, panel_id);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	out->claimed = db_col_i64(st, 0);
	out->approved = db_col_i64(st, 1);
	out->paid = db_col_i64(st, 2);
	db_done(st);
	return ST_OK;
}

enum store_rc store_pay_claims_pay(struct store *s, int64_t panel_id, const int64_t *ids,
                                   size_t n, int64_t user_id, bool *any)
{
	*any = false;
	for (size_t i = 0; i < n && !*any; i++) {
		struct db_stmt *st = stmt(s, P_CLAIM_STATE);
		if (!st) return ST_ERROR;
		db_bind_i64(st, 1, ids[i]);
		db_bind_i64(st, 2, panel_id);
		enum store_rc rc = sq_first_row(st);
		if (rc == ST_NOT_FOUND) continue; /* the run says which are not the panel's */
		if (rc != ST_OK) return rc;
		*any = db_col_i64(st, 2) == user_id;
		db_done(st);
	}
	return ST_OK;
}

enum store_rc store_pay_run_pays(struct store *s, int64_t run_id, int64_t user_id, bool *any)
{
	struct db_stmt *st = stmt(s, P_RUN_HOLDS_PAYEE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, run_id);
	db_bind_i64(st, 2, user_id);
	int64_t count = 0;
	enum store_rc rc = sq_first_i64(st, &count);
	*any = count > 0;
	return rc == ST_NOT_FOUND ? ST_OK : rc;
}

enum store_rc store_pay_waiting_earnings(struct store *s, int64_t user_id, int64_t *total)
{
	struct db_stmt *st = stmt(s, P_WAITING_EARNINGS);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	*total = 0;
	enum store_rc rc = sq_first_i64(st, total);
	return rc == ST_NOT_FOUND ? ST_OK : rc;
}

enum store_rc store_pay_earnings_between(struct store *s, int64_t user_id,
                                         struct day_range range, int64_t except,
                                         int64_t *total)
{
	struct db_stmt *st = stmt(s, P_EARNINGS);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, range.first);
	db_bind_i64(st, 3, range.last);
	db_bind_i64(st, 4, except);
	*total = 0;
	enum store_rc rc = sq_first_i64(st, total);
	return rc == ST_NOT_FOUND ? ST_OK : rc;
}

/* ---- payment runs ---- */

struct run_create_ctx {
	int64_t panel_id, by, today, now;
	const char *reference, *key;
	const int64_t *ids;
	size_t n;
	int64_t run_id;
	enum pay_outcome outcome;
	struct arena a;
};

static enum store_rc run_create_tx(struct store *s, void *p)
{
	struct run_create_ctx *x = p;
	struct db_stmt *st = stmt(s, P_RUN_BY_KEY);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, x->key);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		bool same = db_col_i64(st, 1) == x->panel_id;
		x->run_id = same ? db_col_i64(st, 0) : 0;
		x->outcome = same ? PAY_REPLAYED : PAY_KEY_REUSED;
		db_done(st);
		return ST_OK;
	}
	if (rc != ST_NOT_FOUND) return rc;
	int64_t total = 0;
	for (size_t i = 0; i < x->n; i++) {
		if (!(st = stmt(s, P_CLAIM_STATE))) return ST_ERROR;
		db_bind_i64(st, 1, x->ids[i]);
		db_bind_i64(st, 2, x->panel_id);
		if ((rc = sq_first_row(st)) != ST_OK) return rc;
		bool ready = strcmp(db_col_text(st, 0), "approved") == 0 && db_col_i64(st, 3) == 0;
		total += db_col_i64(st, 1);
		db_done(st);
		if (!ready) {
			x->outcome = PAY_WRONG_STATE;
			return ST_OK;
		}
	}
	const char *reference = x->reference;
	if (!reference || !*reference) {
		if (!(st = stmt(s, P_RUN_COUNT))) return ST_ERROR;
		db_bind_i64(st, 1, x->panel_id);
		int64_t count = sq_scalar_i64(st);
		int y, m, d;
		civil_date_of_day(x->today, &y, &m, &d);
		reference = arena_printf(&x->a, "EC%lld-%04d%02d%02d-%lld", (long long)x->panel_id, y,
		                         m, d, (long long)count + 1);
	}
	if (!(st = stmt(s, P_RUN_REFERENCE_TAKEN))) return ST_ERROR;
	db_bind_text(st, 1, reference);
	if (sq_scalar_i64(st) > 0) return ST_CONFLICT;
	if (!(st = stmt(s, P_RUN_INSERT))) return ST_ERROR;
	db_bind_i64(st, 1, x->panel_id);
	db_bind_text(st, 2, reference);
	db_bind_i64(st, 3, (int64_t)x->n);
	db_bind_i64(st, 4, total);
	sq_bind_ref(st, 5, x->by);
	db_bind_i64(st, 6, x->now);
	db_bind_text(st, 7, x->key);
	if ((rc = sq_first_i64(st, &x->run_id)) != ST_OK) return rc;
	for (size_t i = 0; i < x->n; i++) {
		if (!(st = stmt(s, P_CLAIM_TO_RUN))) return ST_ERROR;
		db_bind_i64(st, 1, x->ids[i]);
		db_bind_i64(st, 2, x->run_id);
		if ((rc = sq_exec(st)) != ST_OK) return rc;
	}
	x->outcome = PAY_DONE;
	return ST_OK;
}

enum store_rc store_pay_run_create(struct store *s, int64_t panel_id, const char *reference,
                                   const int64_t *ids, size_t n, const char *key, int64_t by,
                                   int64_t today, int64_t now, int64_t *run_id,
                                   enum pay_outcome *outcome)
{
	struct run_create_ctx x = { .panel_id = panel_id, .by = by, .today = today, .now = now,
	                            .reference = reference, .key = key, .ids = ids, .n = n };
	enum store_rc rc = store_tx_keyed(s, run_create_tx, &x);
	arena_free(&x.a);
	*run_id = x.run_id;
	*outcome = x.outcome;
	return rc;
}

static void read_run(struct db_stmt *st, void *out, struct arena *a)
{
	struct pay_run *r = out;
	r->id = db_col_i64(st, 0);
	r->panel_id = db_col_i64(st, 1);
	r->claims = db_col_i64(st, 2);
	r->total = db_col_i64(st, 3);
	r->created_by = db_col_i64(st, 4);
	r->created_at = db_col_i64(st, 5);
	r->paid_day = db_col_i64(st, 6);
	r->paid_at = db_col_i64(st, 7);
	r->paid_by = db_col_i64(st, 8);
	r->reference = sq_col_str(st, 9, a);
	r->created_by_name = sq_col_str(st, 10, a);
}

enum store_rc store_pay_run_get(struct store *s, int64_t panel_id, int64_t id,
                                struct arena *a, struct pay_run *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = stmt(s, P_RUN_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	return sq_one_row(st, read_run, out, a);
}

enum store_rc store_pay_runs_list(struct store *s, int64_t panel_id, int limit,
                                  struct arena *a, struct pay_run **out, size_t *n)
{
	struct db_stmt *st = stmt(s, P_RUNS_LIST);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, limit);
	return sq_collect(st, sizeof **out, a, read_run, (void **)out, n);
}

struct unpaid {
	int64_t id, amount, user_id;
};

static void read_unpaid(struct db_stmt *st, void *out, struct arena *a)
{
	(void)a;
	struct unpaid *u = out;
	u->id = db_col_i64(st, 0);
	u->amount = db_col_i64(st, 1);
	u->user_id = db_col_i64(st, 2);
}

struct mark_paid_ctx {
	int64_t panel_id, run_id, paid_day, by, now;
	const char *key;
	enum pay_outcome outcome;
	struct arena a;
};

static enum store_rc mark_paid_tx(struct store *s, void *p)
{
	struct mark_paid_ctx *x = p;
	struct db_stmt *st = stmt(s, P_RUN_PAID_STATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, x->panel_id);
	db_bind_i64(st, 2, x->run_id);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	bool paid = db_col_i64(st, 0) != 0;
	bool same_key = strcmp(db_col_text(st, 1), x->key) == 0;
	db_done(st);
	if (paid) {
		x->outcome = same_key ? PAY_REPLAYED : PAY_WRONG_STATE;
		return ST_OK;
	}
	if (!(st = stmt(s, P_RUN_PAID_KEY_USED))) return ST_ERROR;
	db_bind_text(st, 1, x->key);
	if (sq_scalar_i64(st) > 0) {
		x->outcome = PAY_KEY_REUSED;
		return ST_OK;
	}
	if (!(st = stmt(s, P_RUN_UNPAID_CLAIMS))) return ST_ERROR;
	db_bind_i64(st, 1, x->run_id);
	struct unpaid *claims;
	size_t n;
	if ((rc = sq_collect(st, sizeof *claims, &x->a, read_unpaid, (void **)&claims, &n)) != ST_OK)
		return rc;
	if (n == 0) {
		x->outcome = PAY_WRONG_STATE;
		return ST_OK;
	}
	for (size_t i = 0; i < n; i++) {
		struct entry_new e = {
			.claim_id = claims[i].id, .panel_id = x->panel_id, .user_id = claims[i].user_id,
			.kind = LEDGER_PAYMENT, .amount = claims[i].amount, .run_id = x->run_id,
			.pay_day = x->paid_day, .by = x->by,
			.key = arena_printf(&x->a, "%s:%lld", x->key, (long long)claims[i].id),
		};
		if ((rc = entry_insert(s, &e, x->now, NULL)) != ST_OK) return rc;
	}
	if (!(st = stmt(s, P_RUN_MARK_PAID))) return ST_ERROR;
	db_bind_i64(st, 1, x->run_id);
	db_bind_i64(st, 2, x->paid_day);
	db_bind_i64(st, 3, x->now);
	sq_bind_ref(st, 4, x->by);
	db_bind_text(st, 5, x->key);
	x->outcome = PAY_DONE;
	return sq_exec_changed(s, st);
}

enum store_rc store_pay_run_mark_paid(struct store *s, int64_t panel_id, int64_t run_id,
                                      int64_t paid_day, const char *key, int64_t by,
                                      int64_t now, enum pay_outcome *outcome)
{
	struct mark_paid_ctx x = { .panel_id = panel_id, .run_id = run_id, .paid_day = paid_day,
	                           .by = by, .now = now, .key = key };
	enum store_rc rc = store_tx_keyed(s, mark_paid_tx, &x);
	arena_free(&x.a);
	*outcome = x.outcome;
	return rc;
}

struct payee_row {
	int64_t user_id, amount, claim_id;
	const char *name, *email, *method;
};

static void read_payee_row(struct db_stmt *st, void *out, struct arena *a)
{
	struct payee_row *r = out;
	r->user_id = db_col_i64(st, 0);
	r->name = sq_col_str(st, 1, a);
	r->email = sq_col_str(st, 2, a);
	r->amount = db_col_i64(st, 3);
	r->claim_id = db_col_i64(st, 4);
	r->method = sq_col_str(st, 5, a);
}

enum store_rc store_pay_run_payees(struct store *s, int64_t run_id, struct arena *a,
                                   struct pay_payee **out, size_t *n)
{
	struct db_stmt *st = stmt(s, P_RUN_PAYEES);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, run_id);
	struct payee_row *rows;
	size_t nrows;
	enum store_rc rc = sq_collect(st, sizeof *rows, a, read_payee_row, (void **)&rows, &nrows);
	if (rc != ST_OK) return rc;
	/* Rows come grouped by payee and way: fold each group into one. */
	struct pay_payee *p = arena_alloc(a, (nrows ? nrows : 1) * sizeof *p);
	size_t k = 0;
	struct buf ids = { 0 };
	for (size_t i = 0; i < nrows; i++) {
		enum pay_method m = METHOD_BANK;
		bool has = pay_method_parse(rows[i].method, &m);
		if (i == 0 || rows[i].user_id != rows[i - 1].user_id ||
		    strcmp(rows[i].method, rows[i - 1].method)) {
			if (k > 0) p[k - 1].claim_ids = arena_strdup(a, ids.data);
			buf_reset(&ids);
			p[k++] = (struct pay_payee){ .user_id = rows[i].user_id, .name = rows[i].name,
			                             .email = rows[i].email, .has_method = has,
			                             .method = m };
		}
		p[k - 1].amount += rows[i].amount;
		p[k - 1].claims++;
		buf_printf(&ids, "%s%lld", p[k - 1].claims > 1 ? " " : "", (long long)rows[i].claim_id);
	}
	if (k > 0) p[k - 1].claim_ids = arena_strdup(a, ids.data);
	buf_free(&ids);
	*out = p;
	*n = k;
	return ST_OK;
}

/* ---- timeliness and statements ---- */

enum store_rc store_pay_timeliness(struct store *s, int64_t panel_id, int64_t target_days,
                                   int64_t today, struct pay_timeliness *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = stmt(s, P_TIMELINESS);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, target_days);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	out->paid = db_col_i64(st, 0);
	out->days_sum = db_col_i64(st, 1);
	out->days_max = db_col_i64(st, 2);
	out->late = db_col_i64(st, 3);
	db_done(st);
	if (!(st = stmt(s, P_WAITING_LATE))) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, today - target_days);
	out->waiting_late = sq_scalar_i64(st);
	return ST_OK;
}

enum store_rc store_pay_statement(struct store *s, int64_t user_id, struct day_range range,
                                  struct arena *a, struct pay_claim **out, size_t *n)
{
	struct db_stmt *st = stmt(s, P_STATEMENT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, range.first);
	db_bind_i64(st, 3, range.last);
	return sq_collect(st, sizeof **out, a, read_claim, (void **)out, n);
}

/* ---- bank details ---- */

enum store_rc store_pay_bank_get(struct store *s, int64_t user_id, int64_t for_panel,
                                 struct arena *a, const char **sealed, const char **key_id,
                                 int64_t *updated_at)
{
	struct db_stmt *st = stmt(s, for_panel ? P_BANK_GET_FOR_PANEL : P_BANK_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	if (for_panel) db_bind_i64(st, 2, for_panel);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	*sealed = sq_col_str(st, 0, a);
	*key_id = sq_col_str(st, 1, a);
	*updated_at = db_col_i64(st, 2);
	db_done(st);
	return ST_OK;
}

static void read_id(struct db_stmt *st, void *out, struct arena *a)
{
	(void)a;
	*(int64_t *)out = db_col_i64(st, 0);
}

enum store_rc store_pay_bank_panels(struct store *s, int64_t user_id, struct arena *a,
                                    int64_t **panel_ids, size_t *n)
{
	struct db_stmt *st = stmt(s, P_BANK_PANELS);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	return sq_collect(st, sizeof **panel_ids, a, read_id, (void **)panel_ids, n);
}

struct bank_set_ctx {
	int64_t user_id;
	const char *sealed, *key_id; /* NULL: keep the details, change the panels */
	const int64_t *panel_ids;
	size_t n;
	int64_t now;
};

static enum store_rc bank_set_in_tx(struct store *s, void *p)
{
	struct bank_set_ctx *x = p;
	struct db_stmt *st;
	enum store_rc rc;
	if (x->sealed) {
		if (!(st = stmt(s, P_BANK_SET))) return ST_ERROR;
		db_bind_i64(st, 1, x->user_id);
		db_bind_text(st, 2, x->sealed);
		db_bind_text(st, 3, x->key_id);
		db_bind_i64(st, 4, x->now);
		if ((rc = sq_exec(st)) != ST_OK) return rc;
	} else {
		const char *sealed, *key_id;
		int64_t at;
		struct arena a = {0};
		rc = store_pay_bank_get(s, x->user_id, 0, &a, &sealed, &key_id, &at);
		arena_free(&a);
		if (rc != ST_OK) return rc; /* none saved: nothing to give */
	}
	if (!(st = stmt(s, P_BANK_PANELS_CLEAR))) return ST_ERROR;
	db_bind_i64(st, 1, x->user_id);
	if ((rc = sq_exec(st)) != ST_OK) return rc;
	for (size_t i = 0; i < x->n; i++) {
		if (!(st = stmt(s, P_BANK_PANEL_GIVE))) return ST_ERROR;
		db_bind_i64(st, 1, x->user_id);
		db_bind_i64(st, 2, x->panel_ids[i]);
		db_bind_i64(st, 3, x->now);
		if ((rc = sq_exec(st)) != ST_OK) return rc;
	}
	return ST_OK;
}

enum store_rc store_pay_bank_set(struct store *s, int64_t user_id, const char *sealed,
                                 const char *key_id, const int64_t *panel_ids, size_t n,
                                 int64_t now)
{
	struct bank_set_ctx x = { user_id, sealed, key_id, panel_ids, n, now };
	return store_tx(s, bank_set_in_tx, &x);
}

enum store_rc store_pay_bank_panels_set(struct store *s, int64_t user_id,
                                        const int64_t *panel_ids, size_t n, int64_t now)
{
	struct bank_set_ctx x = { user_id, NULL, NULL, panel_ids, n, now };
	return store_tx(s, bank_set_in_tx, &x);
}

enum store_rc store_pay_bank_clear(struct store *s, int64_t user_id)
{
	/* The panels it was given to go with it (ON DELETE CASCADE). */
	struct db_stmt *st = stmt(s, P_BANK_CLEAR);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	return sq_exec_changed(s, st);
}
