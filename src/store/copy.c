/* store_copy and store_table_sums (store.h): a whole installation from one
 * database to another, SQLite or PostgreSQL, verified table by table.
 *
 * The tables and their columns are listed here, not discovered: a copy
 * must know what each table is. A source with a table missing from the
 * list is refused (a migration added one and this list was not updated;
 * tests/store checks the list against a fresh schema on each backend).
 *
 * Why the checksum is order-free: the two backends may sort text
 * differently (PostgreSQL follows the database's collation), and one table
 * has no key at all. Each row is hashed on its own (BLAKE2b-256 of its
 * values, each with its length, NULL told apart from ""), and the row
 * hashes are added as four 64-bit lanes: the same rows give the same sum
 * in any order, and a changed, missing or extra row changes it. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"

struct table {
	const char *name;
	const char *columns;  /* as written in SQL, in the table's order */
	int ncolumns;
	bool has_id;          /* an integer "id" the database generates */
	enum {
		ROWS = 0, /* copied row for row */
		DERIVED,  /* kept by triggers from other tables: not copied, only checked */
		SEEDED,   /* reference data a migration fills: the copy replaces it */
	} kind;
};

/* In an order that never inserts a row before one it refers to. */
static const struct table tables[] = {
	{ "settings", "key, value", 2, false, ROWS },
	{ "users", "id, email, display_name, password_hash, status, is_admin, created_at, "
	           "updated_at, version, mail_notices, digest_sent_at, language", 12, true, ROWS },
	{ "sessions", "id, token_hash, user_id, created_at, last_seen_at, expires_at", 6, true,
	  false },
	{ "api_tokens", "id, token_hash, user_id, label, created_at, last_used_at, revoked_at", 7,
	  true, ROWS },
	{ "panels", "id, name, description, time_zone, language, hosting, organisation, "
	            "created_at, updated_at, version, response_days, agenda_days, co_creators_post", 13,
	  true, ROWS },
	{ "memberships", "panel_id, user_id, role, status, joined_at, updated_at, responder", 7,
	  false, ROWS },
	{ "invitations", "id, token_hash, email, panel_id, role, invited_by, created_at, "
	                 "expires_at, accepted_at, accepted_user_id, revoked_at", 11, true, ROWS },
	{ "password_resets", "id, token_hash, user_id, created_at, expires_at, used_at", 6, true,
	  false },
	{ "outbox", "id, to_email, subject, body, created_at, sent_at, kind, panel_id, attempts, "
	            "next_attempt_at, lease_by, lease_until, failed_at, last_error", 14, true, ROWS },
	{ "delivery_attempts", "id, outbox_id, at, code, outcome, detail", 6, true, ROWS },
	{ "profile_values", "user_id, field, value, visibility, updated_at", 5, false, ROWS },
	{ "consents", "id, user_id, purpose, wording_version, state, at", 6, true, ROWS },
	{ "audit_log", "id, subject_user_id, actor_user_id, action, detail, at", 6, true, ROWS },
	{ "signin_failures", "key_hash, at", 2, false, ROWS },
	{ "projects", "id, panel_id, title, purpose, decision_maker, stage, closing_reflection, "
	              "closed_at, created_by, created_at, updated_at, version", 12, true, ROWS },
	{ "project_rungs", "project_id, stage, rung, evidence, recorded_by, recorded_at", 6, false,
	  false },
	{ "meetings", "id, panel_id, project_id, title, starts_at, ends_at, place, place_access, "
	              "online_url, agenda_due_at, agenda_published_at, what_we_will_change, "
	              "cancelled_at, created_by, created_at, updated_at, version, content_note", 18,
	  true, ROWS },
	{ "meeting_guests", "meeting_id, user_id, invited_at", 3, false, ROWS },
	{ "meeting_replies", "meeting_id, user_id, reply, replied_at, attended, updated_at, "
	                     "asked_after", 7, false, ROWS },
	{ "agenda_items", "id, meeting_id, title, why, content_note, proposed_by, proposed_at, "
	                  "state, position, not_taken_reason, updated_at, version", 12, true, ROWS },
	{ "agenda_supports", "item_id, user_id, at", 3, false, ROWS },
	{ "agenda_step_outs", "item_id, user_id, at", 3, false, ROWS },
	{ "papers", "id, meeting_id, item_id, title, summary, markdown, file_kind, file_name, "
	            "file_size, file_sha256, published_at, created_by, created_at, updated_at, "
	            "version, content_note", 16, true, ROWS },
	{ "responses", "id, panel_id, status, what_done, reason, referred_to, decided_by, "
	               "decided_at, written_by, created_at", 10, true, ROWS },
	{ "contributions", "id, panel_id, project_id, meeting_id, item_id, kind, body, "
	                   "attribution, group_name, author_id, recorded_by, created_at, owner_id, "
	                   "due_at, status, response_id, answered_at, updated_at, version", 19, true,
	  false },
	{ "response_links", "response_id, contribution_id", 2, false, ROWS },
	{ "notices", "id, user_id, panel_id, body, link, created_at, read_at, mail_pending, "
	             "mail_soon", 9, true, ROWS },
	{ "reflections", "id, meeting_id, user_id, felt_heard, info_in_time, felt_safe, "
	                 "should_change", 7, true, ROWS },
	{ "reflection_done", "meeting_id, user_id", 2, false, ROWS },
	{ "calendar_feeds", "user_id, token_hash, created_at", 3, false, ROWS },
	{ "pay_policies", "panel_id, currency, rate_hour, rate_half_day, rate_day, meeting_unit, "
	                  "prep_minutes, target_days, expense_categories, csv_columns, advice_name, "
	                  "advice_url, store_bank_details, updated_at, version", 15, false, ROWS },
	{ "earnings_limits", "id, rule, name, kind, period, amount, taper_percent, effective_from, "
	                     "source, note, updated_by, updated_at", 12, true, SEEDED },
	{ "pay_declarations", "user_id, rule, custom_amount, custom_period, anchor_day, updated_at",
	  6, false, ROWS },
	{ "pay_runs", "id, panel_id, reference, claims, total, created_by, created_at, paid_day, "
	              "paid_at, paid_by, idempotency_key, paid_key", 12, true, ROWS },
	/* Copied with their state; the ledger's triggers then replay it to the
	 * same end (and rebuild pay_paid_days). */
	{ "pay_claims", "id, panel_id, user_id, kind, meeting_id, description, work_day, unit, "
	                "quantity, category, amount, currency, receipt_sha256, receipt_name, "
	                "receipt_kind, receipt_size, created_by, created_at, claimed_day, state, "
	                "pay_day, method, run_id, asked_at", 24, true, ROWS },
	{ "pay_ledger", "id, claim_id, panel_id, user_id, kind, amount, reverses_id, run_id, method, "
	                "pay_day, reason, over_limit, by_user, at, idempotency_key", 15, true, ROWS },
	{ "pay_bank_details", "user_id, sealed, key_id, updated_at", 4, false, ROWS },
	{ "pay_bank_panels", "user_id, panel_id, given_at", 3, false, ROWS },
	{ "representation_groups", "id, panel_id, characteristic, answer, label, unit, target_min, "
	                           "target_max, reference_permille, reference_source, reference_day, "
	                           "created_at, updated_at, version", 14, true, ROWS },
	{ "representation_choices", "panel_id, user_id, characteristic, group_id, updated_at", 5,
	  false, ROWS },
	{ "representation_releases", "id, panel_id, characteristic, publication, figure, n, "
	                             "ordinal, support_hash, released_at", 9, true, ROWS },
	{ "representation_marks", "panel_id, characteristic, user_id, past", 4, false, ROWS },
	{ "representation_checks", "panel_id, characteristic, checked_at", 3, false, ROWS },
	{ "opportunities", "id, panel_id, title, asks, place, starts_at, places, pay_unit, "
	                   "pay_quantity, closes_at, characteristics, rotation, cancelled_at, "
	                   "created_by, created_at, updated_at, version", 17, true, ROWS },
	{ "opportunity_interest", "opportunity_id, user_id, note, at, withdrawn_at", 5, false,
	  ROWS },
	{ "draws", "id, opportunity_id, kind, algorithm, places, seed, problem, outcome, "
	           "explanation, lottery, lottery_sha256, outsiders, number, number_note, "
	           "prepared_at, prepared_by, drawn_at, drawn_by", 18, true, ROWS },
	{ "draw_people", "draw_id, user_id, chance_ppm, panels, priority, chosen", 6, false, ROWS },
	{ "opportunity_places", "opportunity_id, user_id, draw_id, dropped_at", 4, false, ROWS },
	{ "member_limits", "user_id, hours_month, meetings_month, opportunities_at_once, "
	                   "paused_until, share_signals, updated_at", 7, false, ROWS },
	{ "panel_support", "panel_id, support_user_id, own_contacts", 3, false, ROWS },
	{ "support_contacts", "id, panel_id, name, helps_with, phone, text_to, web, hours, position",
	  9, true, ROWS },
	{ "check_ins", "meeting_id, user_id, answer, answered_at", 4, false, ROWS },
	{ "follow_ups", "id, panel_id, meeting_id, user_id, asked_at, due_at, done_at, done_by, "
	                "done_note", 9, true, ROWS },
	{ "safeguarding_leads", "panel_id, user_id, named_by, named_at", 4, false, ROWS },
	{ "safeguarding_settings", "panel_id, retention_years", 2, false, ROWS },
	{ "safeguarding_concerns", "id, panel_id, raised_by, raised_at, happened_on, what_happened, "
	                           "who_involved, done_straight_away, advice_sought, decision, "
	                           "referrals, status, status_at, version, seal_key_id", 15, true,
	  ROWS },
	{ "safeguarding_entries", "id, concern_id, at, by_user, kind, text, seal_key_id", 7, true,
	  ROWS },
	{ "safeguarding_reads", "id, concern_id, user_id, at, action", 5, true, ROWS },
	{ "safeguarding_purges", "id, panel_id, purged_at, n", 4, true, ROWS },
	{ "standard_ratings", "id, project_id, user_id, standard, quarter, rating, comment, "
	                      "rated_at", 8, true, ROWS },
	{ "case_sources", "id, url, public_key, name, added_by, added_at, fetched_at, ok_at, "
	                  "last_modified, status, items", 11, true, ROWS },
	{ "case_studies", "id, panel_id, project_id, source_id, source_url, organiser, named, uid, "
	                  "title, brief, problems, background, organisers, recruitment, methods, "
	                  "what_happened, influence, lessons, issues, approaches, rung, participants, "
	                  "starts_on, ends_on, published_at, created_by, created_at, updated_at, "
	                  "version", 29, true, ROWS },
	{ "case_study_people", "case_id, user_id, role, asked_at, agreed_at, answered_at", 6, false,
	  ROWS },
	{ "funder_reports", "id, panel_id, project_id, from_day, to_day, title, aim, methods, "
	                    "results, changes, reflection, document, created_by, created_at, "
	                    "updated_at, shared_at, version", 17, true, ROWS },
	{ "panel_member_counts", "panel_id, role, status, n", 4, false, DERIVED },
	{ "influence_counts", "panel_id, project_id, status, n", 4, false, DERIVED },
	{ "influence_days", "panel_id, project_id, days, n", 4, false, DERIVED },
	{ "influence_open", "panel_id, project_id, due_at, n", 4, false, DERIVED },
	{ "pay_paid_days", "panel_id, days, n", 3, false, DERIVED },
};
enum { NTABLES = sizeof tables / sizeof tables[0] };

/* Statement ids, after copy_stmts' base: per table a SELECT, an INSERT
 * and an "any row?" probe; then the table and column listings. Their SQL is made
 * here from the list above. */
enum {
	ID_SELECT = 0,
	ID_INSERT = ID_SELECT + NTABLES,
	ID_PROBE = ID_INSERT + NTABLES,
	ID_LIST_TABLES = ID_PROBE + NTABLES,
	ID_LIST_COLUMNS,
	ID__COUNT
};
static struct sq_table copy_stmts = SQ_TABLE(NULL, ID__COUNT);

/* The text of table t's statement of kind base (ID_SELECT, ID_INSERT or
 * ID_PROBE). Made from the fixed list above, never from input. */
static const char *table_sql(int base, const struct table *t, struct arena *a)
{
	/* In id order: a row may refer to an earlier one of its own table (a
	 * reversal to the entry it reverses), and triggers replay in order. */
	if (base == ID_SELECT)
		return arena_printf(a, "SELECT %s FROM %s%s", t->columns, t->name,
		                    t->has_id ? " ORDER BY id" : "");
	if (base == ID_PROBE) return arena_printf(a, "SELECT 1 FROM %s LIMIT 1", t->name);
	struct buf b = {0};
	buf_printf(&b, "INSERT INTO %s (%s) VALUES (", t->name, t->columns);
	for (int c = 1; c <= t->ncolumns; c++) buf_printf(&b, "%s$%d", c > 1 ? ", " : "", c);
	buf_putc(&b, ')');
	const char *sql = arena_strdup(a, b.data);
	buf_free(&b);
	return sql;
}

static struct db_stmt *table_stmt(struct store *s, int base, const struct table *t,
                                  struct arena *a)
{
	int first = sq_table_base(&copy_stmts);
	return first < 0 ? NULL : db_stmt(s->db, first + base + (int)(t - tables), table_sql(base, t, a));
}

static const struct table *known_table(const char *name)
{
	for (int i = 0; i < NTABLES; i++)
		if (!strcmp(tables[i].name, name)) return &tables[i];
	return NULL;
}

/* Whether column is one of t's listed columns. */
static bool known_column(const struct table *t, const char *column)
{
	size_t n = strlen(column);
	for (const char *p = t->columns; *p; p += strspn(p, ", ")) {
		size_t len = strcspn(p, ", ");
		if (len == n && !strncmp(p, column, n)) return true;
		p += len;
	}
	return false;
}

/* ST_OK when every stored column of every known table is in its list: a
 * column added by a migration and not listed here would be left behind by
 * every copy, and missed by its checksums. */
static enum store_rc columns_known(struct store *s, struct arena *a, const char **why)
{
	const char *sql = store_is_postgresql(s)
		? "SELECT table_name, column_name FROM information_schema.columns WHERE "
		  "table_schema = current_schema() AND is_generated = 'NEVER'"
		/* table_info leaves out generated and hidden columns */
		: "SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info(m.name) c "
		  "WHERE m.type = 'table'";
	int first = sq_table_base(&copy_stmts);
	struct db_stmt *st = first < 0 ? NULL : db_stmt(s->db, first + ID_LIST_COLUMNS, sql);
	enum db_rc r = st ? DB_ROW : DB_ERROR;
	while (st && (r = db_step(st)) == DB_ROW) {
		const struct table *t = known_table(db_col_text(st, 0));
		if (t && !known_column(t, db_col_text(st, 1))) {
			*why = arena_printf(a, "it has a column this program cannot copy: %s.%s",
			                    db_col_text(st, 0), db_col_text(st, 1));
			db_done(st);
			return ST_CONFLICT;
		}
	}
	if (r == DB_DONE) return ST_OK;
	*why = "the columns could not be listed";
	return ST_ERROR;
}

enum store_rc store_copy_tables_known(struct store *s, struct arena *a, const char **why)
{
	/* The base tables of the schema, but for schema_migrations. */
	const char *sql = store_is_postgresql(s)
		? "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
		  "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() "
		  "AND c.relname <> 'schema_migrations'"
		/* and for the full-text indexes (FTS5 and its shadow tables), which
		 * triggers keep from the tables they index as those are copied */
		: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
		  "AND name <> 'schema_migrations' AND name NOT GLOB '*_fts' "
		  "AND name NOT GLOB '*_fts_*'";
	int first = sq_table_base(&copy_stmts);
	struct db_stmt *st = first < 0 ? NULL : db_stmt(s->db, first + ID_LIST_TABLES, sql);
	enum db_rc r = st ? DB_ROW : DB_ERROR;
	while (st && (r = db_step(st)) == DB_ROW) {
		if (!known_table(db_col_text(st, 0))) {
			*why = arena_printf(a, "it has a table this program cannot copy: %s",
			                    db_col_text(st, 0));
			db_done(st);
			return ST_CONFLICT;
		}
	}
	if (r == DB_DONE) return columns_known(s, a, why);
	*why = "the tables could not be listed";
	return ST_ERROR;
}

static enum store_rc copy_table(struct store *from, struct store *to, const struct table *t,
                                struct arena *a)
{
	struct db_stmt *in = table_stmt(from, ID_SELECT, t, a);
	if (!in) return ST_ERROR;
	/* Made once: the INSERT runs for every row. */
	const char *insert = table_sql(ID_INSERT, t, a);
	int insert_id = sq_table_base(&copy_stmts) + ID_INSERT + (int)(t - tables);
	enum db_rc r;
	while ((r = db_step(in)) == DB_ROW) {
		struct db_stmt *out = db_stmt(to->db, insert_id, insert);
		if (!out) {
			db_done(in);
			return ST_ERROR;
		}
		for (int c = 0; c < t->ncolumns; c++) db_bind_text(out, c + 1, db_col_text(in, c));
		enum db_rc w = db_step(out);
		if (w != DB_DONE) {
			db_done(in);
			return w == DB_BUSY ? ST_BUSY : ST_ERROR;
		}
	}
	return r == DB_DONE ? ST_OK : ST_ERROR;
}

struct copy_ctx {
	struct store *from;
	struct arena *a;
};

static enum store_rc copy_in_tx(struct store *to, void *p)
{
	struct copy_ctx *c = p;
	for (int i = 0; i < NTABLES; i++) {
		if (tables[i].kind == DERIVED) continue;
		if (tables[i].kind == SEEDED &&
		    db_exec(to->db, arena_printf(c->a, "DELETE FROM %s", tables[i].name)) != DB_OK)
			return ST_ERROR;
		enum store_rc rc = copy_table(c->from, to, &tables[i], c->a);
		if (rc != ST_OK) return rc;
		if (tables[i].has_id && db_ids_follow(to->db, tables[i].name) != DB_OK) return ST_ERROR;
	}
	return ST_OK;
}

enum store_rc store_copy(struct store *from, struct store *to, struct arena *a,
                         const char **why)
{
	int latest = store_schema_latest();
	if (store_schema_version(from) != latest) {
		*why = arena_printf(a, "the source is at schema version %d and this program at %d: "
		                       "run 'emptychair migrate' on it with the matching program first",
		                    store_schema_version(from), latest);
		return ST_CONFLICT;
	}
	if (store_schema_version(to) != latest) {
		*why = "the target's schema could not be brought up to date";
		return ST_ERROR;
	}
	enum store_rc rc = store_copy_tables_known(from, a, why);
	if (rc != ST_OK) {
		*why = arena_printf(a, "the source cannot be copied: %s", *why);
		return rc;
	}
	/* Nothing is ever overwritten or merged: the target must be new (but
	 * for the reference data its migrations put there). */
	for (int i = 0; i < NTABLES; i++) {
		if (tables[i].kind == SEEDED) continue;
		struct db_stmt *st = table_stmt(to, ID_PROBE, &tables[i], a);
		if (!st) return ST_ERROR;
		enum db_rc r = db_step(st);
		if (r == DB_ROW) {
			db_done(st);
			*why = arena_printf(a, "the target already holds data (in %s); copy only into "
			                       "a new, empty database", tables[i].name);
			return ST_CONFLICT;
		}
		if (r != DB_DONE) return ST_ERROR;
	}
	/* One snapshot of the source, one transaction on the target: a copy
	 * is of one moment, and one that fails leaves the target empty. */
	struct copy_ctx c = { from, a };
	store_read_begin(from);
	rc = store_tx(to, copy_in_tx, &c);
	store_read_end(from);
	if (rc != ST_OK) *why = "copying the rows failed (see the messages above)";
	return rc;
}

enum store_rc store_table_sums(struct store *s, struct arena *a, struct store_table_sum **out,
                               size_t *n)
{
	*out = arena_alloc(a, NTABLES * sizeof **out);
	*n = 0;
	enum store_rc rc = ST_OK;
	store_read_begin(s);
	for (int i = 0; i < NTABLES && rc == ST_OK; i++) {
		struct store_table_sum *sum = &(*out)[(*n)++];
		sum->table = tables[i].name;
		uint64_t lanes[4] = { 0 };
		struct db_stmt *st = table_stmt(s, ID_SELECT, &tables[i], a);
		if (!st) { rc = ST_ERROR; break; }
		enum db_rc r;
		while ((r = db_step(st)) == DB_ROW) {
			crypto_generichash_state h;
			crypto_generichash_init(&h, NULL, 0, 32);
			for (int c = 0; c < tables[i].ncolumns; c++) {
				const char *v = db_col_text(st, c);
				unsigned char tag = v ? 'V' : 'N';
				uint64_t len = v ? strlen(v) : 0;
				crypto_generichash_update(&h, &tag, 1);
				crypto_generichash_update(&h, (const unsigned char *)&len, sizeof len);
				if (v) crypto_generichash_update(&h, (const unsigned char *)v, len);
			}
			unsigned char digest[32];
			crypto_generichash_final(&h, digest, sizeof digest);
			for (int l = 0; l < 4; l++) {
				uint64_t x;
				memcpy(&x, digest + 8 * l, 8);
				lanes[l] += x;
			}
			sum->rows++;
		}
		if (r != DB_DONE) rc = ST_ERROR;
		for (int l = 0; l < 4; l++)
			snprintf(sum->checksum + 16 * l, 17, "%016llx", (unsigned long long)lanes[l]);
	}
	store_read_end(s);
	return rc;
}
