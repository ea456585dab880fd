/* The store's operations on funder reports (store.h): the reports
 * themselves, and the figures they are made from. */
#include "store/store_private.h"

#define REPORT_SELECT                                                                       \
	"SELECT id, panel_id, COALESCE(project_id, 0), from_day, to_day, title, aim, methods, "  \
	"results, changes, reflection, document, COALESCE(created_by, 0), created_at, "         \
	"updated_at, COALESCE(shared_at, 0), version FROM funder_reports "

/* Meetings of the panel (and project, $2 when not 0) that started in
 * [$3, $4) and were not cancelled. */
#define IN_PERIOD(m)                                                                        \
	m ".panel_id = $1 AND ($2 = 0 OR " m ".project_id = $2) AND " m ".starts_at >= $3 AND "  \
	m ".starts_at < $4 AND " m ".cancelled_at IS NULL"

#define STMTS(X)                                                                            \
	X(ADD, "INSERT INTO funder_reports (panel_id, project_id, from_day, to_day, title, aim, " \
	       "methods, results, changes, reflection, created_by, created_at, updated_at) "     \
	       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id")   \
	X(GET, REPORT_SELECT "WHERE panel_id = $1 AND id = $2")                                 \
	X(LIST, REPORT_SELECT "WHERE panel_id = $1 AND ($2 = 0 OR shared_at IS NOT NULL) "      \
	        "ORDER BY id DESC")                                                             \
	X(EDIT, "UPDATE funder_reports SET title = $3, aim = $4, methods = $5, results = $6, "   \
	        "changes = $7, reflection = $8, updated_at = $9, version = version + 1 "         \
	        "WHERE panel_id = $1 AND id = $2 AND version = $10 AND shared_at IS NULL")       \
	X(SHARE, "UPDATE funder_reports SET document = $3, shared_at = $4, updated_at = $4, "    \
	         "version = version + 1 WHERE panel_id = $1 AND id = $2 AND version = $5 AND "   \
	         "shared_at IS NULL")                                                            \
	X(EXISTS, "SELECT COUNT(*) FROM funder_reports WHERE id = $1")                         \
	X(DELETE, "DELETE FROM funder_reports WHERE panel_id = $1 AND id = $2 AND "             \
	          "shared_at IS NULL")                                                           \
	X(MEETINGS, "SELECT COUNT(*) FROM meetings m WHERE " IN_PERIOD("m") " AND "             \
	            "m.ends_at <= $5")                                                           \
	/* the panel's own members (not its guests) recorded as having come */                \
	/* (EXISTS, not a join: a join let SQLite walk every member for each    \
	 * meeting, 0.39 s for a year of 100 meetings in a panel of 10,000) */   \
	X(ATTENDED, "SELECT COUNT(DISTINCT r.user_id), COALESCE(SUM(m.ends_at - m.starts_at), " \
	            "0) FROM meetings m JOIN meeting_replies r ON r.meeting_id = m.id "          \
	            "WHERE " IN_PERIOD("m") " AND m.ends_at <= $5 AND r.attended = 1 AND "       \
	            "EXISTS (SELECT 1 FROM memberships ms WHERE ms.panel_id = m.panel_id AND "  \
	            "ms.user_id = r.user_id AND ms.role IN ('co_creator', 'steward'))")          \
	X(CONTRIBUTED, "SELECT COUNT(*), COUNT(DISTINCT c.author_id), "                         \
	               "COALESCE(SUM(CASE WHEN c.status = 'adopted' THEN 1 ELSE 0 END), 0), "    \
	               "COALESCE(SUM(CASE WHEN c.status = 'adopted_in_part' THEN 1 ELSE 0 END), " \
	               "0), COALESCE(SUM(CASE WHEN c.status = 'not_adopted' THEN 1 ELSE 0 END), " \
	               "0), COALESCE(SUM(CASE WHEN c.status = 'referred' THEN 1 ELSE 0 END), 0), " \
	               "COALESCE(SUM(CASE WHEN c.status NOT IN ('adopted', 'adopted_in_part', "  \
	               "'not_adopted', 'referred') AND c.due_at < $5 THEN 1 ELSE 0 END), 0) "    \
	               "FROM contributions c WHERE c.panel_id = $1 AND ($2 = 0 OR "              \
	               "c.project_id = $2) AND c.created_at >= $3 AND c.created_at < $4")        \
	X(REFLECTED, RELEASED_AT(IN_PERIOD("m"), "$5")                                          \
	             "SELECT COUNT(*), COUNT(felt_heard), COALESCE(SUM(felt_heard), 0), "        \
	             "COALESCE(SUM(CASE WHEN info_in_time = 'yes' THEN 1 ELSE 0 END), 0), "      \
	             "COALESCE(SUM(CASE WHEN info_in_time = 'partly' THEN 1 ELSE 0 END), 0), "   \
	             "COALESCE(SUM(CASE WHEN info_in_time = 'no' THEN 1 ELSE 0 END), 0), "       \
	             "COALESCE(SUM(CASE WHEN felt_safe = 'yes' THEN 1 ELSE 0 END), 0), "         \
	             "COALESCE(SUM(CASE WHEN felt_safe = 'partly' THEN 1 ELSE 0 END), 0), "      \
	             "COALESCE(SUM(CASE WHEN felt_safe = 'no' THEN 1 ELSE 0 END), 0) "           \
	             "FROM released")                                                             \
	X(PAID, "SELECT user_id, COALESCE(method, ''), amount, pay_day - claimed_day "           \
	        "FROM pay_claims WHERE panel_id = $1 AND state = 'paid' AND pay_day >= $2 AND "  \
	        "pay_day <= $3 ORDER BY user_id, id")

SQ_STATEMENTS(STMTS)

enum store_rc store_report_add(struct store *s, const struct funder_report *r, int64_t *id)
{
	struct db_stmt *st = stmt(s, S_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, r->panel_id);
	sq_bind_ref(st, 2, r->project_id);
	db_bind_i64(st, 3, r->from_day);
	db_bind_i64(st, 4, r->to_day);
	db_bind_text(st, 5, r->title);
	for (int k = 0; k < GRIPP__COUNT; k++)
		db_bind_text(st, 6 + k, r->sections[k] ? r->sections[k] : "");
	sq_bind_ref(st, 11, r->created_by);
	db_bind_i64(st, 12, r->created_at);
	return sq_first_i64(st, id);
}

static void read_report(struct db_stmt *st, void *slot, struct arena *a)
{
	struct funder_report *r = slot;
	r->id = db_col_i64(st, 0);
	r->panel_id = db_col_i64(st, 1);
	r->project_id = db_col_i64(st, 2);
	r->from_day = db_col_i64(st, 3);
	r->to_day = db_col_i64(st, 4);
	r->title = sq_col_str(st, 5, a);
	for (int k = 0; k < GRIPP__COUNT; k++) r->sections[k] = sq_col_str(st, 6 + k, a);
	r->document = db_col_is_null(st, 11) ? NULL : sq_col_str(st, 11, a);
	r->created_by = db_col_i64(st, 12);
	r->created_at = db_col_i64(st, 13);
	r->updated_at = db_col_i64(st, 14);
	r->shared_at = db_col_i64(st, 15);
	r->version = db_col_i64(st, 16);
}

enum store_rc store_report_get(struct store *s, int64_t panel_id, int64_t id, struct arena *a,
                               struct funder_report *out)
{
	struct db_stmt *st = stmt(s, S_GET);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, id);
	}
	return sq_one_row(st, read_report, out, a);
}

enum store_rc store_reports(struct store *s, int64_t panel_id, bool shared_only,
                            struct arena *a, struct funder_report **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_LIST);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, shared_only);
	}
	return sq_collect(st, sizeof **out, a, read_report, (void **)out, n);
}

/* ST_CONFLICT when report id is there but not at that version, or shared. */
static enum store_rc changed(struct store *s, struct db_stmt *st, int64_t id)
{
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? sq_version_miss(stmt(s, S_EXISTS), id) : rc;
}

enum store_rc store_report_edit(struct store *s, const struct funder_report *r, int64_t now)
{
	struct db_stmt *st = stmt(s, S_EDIT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, r->panel_id);
	db_bind_i64(st, 2, r->id);
	db_bind_text(st, 3, r->title);
	for (int k = 0; k < GRIPP__COUNT; k++)
		db_bind_text(st, 4 + k, r->sections[k] ? r->sections[k] : "");
	db_bind_i64(st, 9, now);
	db_bind_i64(st, 10, r->version);
	return changed(s, st, r->id);
}

enum store_rc store_report_share(struct store *s, int64_t panel_id, int64_t id, int64_t version,
                                 const char *document, int64_t now)
{
	struct db_stmt *st = stmt(s, S_SHARE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	db_bind_text(st, 3, document);
	db_bind_i64(st, 4, now);
	db_bind_i64(st, 5, version);
	return changed(s, st, id);
}

enum store_rc store_report_delete(struct store *s, int64_t panel_id, int64_t id)
{
	struct db_stmt *st = stmt(s, S_DELETE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	return sq_exec_changed(s, st);
}

/* Binds a period statement's panel, project, [from, to) and a fifth value. */
static struct db_stmt *in_period(struct store *s, enum stmt_id id,
                                 const struct report_scope *sc, int64_t fifth)
{
	struct db_stmt *st = stmt(s, id);
	if (st) {
		db_bind_i64(st, 1, sc->panel_id);
		db_bind_i64(st, 2, sc->project_id);
		db_bind_i64(st, 3, sc->from);
		db_bind_i64(st, 4, sc->to);
		db_bind_i64(st, 5, fifth);
	}
	return st;
}

enum store_rc store_report_counts(struct store *s, const struct report_scope *sc, int64_t now,
                                  struct report_counts *out)
{
	*out = (struct report_counts){ 0 };
	struct db_stmt *st = in_period(s, S_MEETINGS, sc, now);
	enum store_rc rc;
	if (!st) return ST_ERROR;
	if ((rc = sq_first_i64(st, &out->meetings)) != ST_OK) return rc;
	if (!(st = in_period(s, S_ATTENDED, sc, now)) || (rc = sq_first_row(st)) != ST_OK)
		return st ? rc : ST_ERROR;
	out->people = db_col_i64(st, 0);
	out->seconds = db_col_i64(st, 1);
	db_done(st);
	if (!(st = in_period(s, S_CONTRIBUTED, sc, now)) || (rc = sq_first_row(st)) != ST_OK)
		return st ? rc : ST_ERROR;
	out->contributions = db_col_i64(st, 0);
	out->contributors = db_col_i64(st, 1);
	out->adopted = db_col_i64(st, 2);
	out->adopted_in_part = db_col_i64(st, 3);
	out->not_adopted = db_col_i64(st, 4);
	out->referred = db_col_i64(st, 5);
	out->open_late = db_col_i64(st, 6);
	db_done(st);
	if (!(st = in_period(s, S_REFLECTED, sc, REFLECTION_MIN_ANSWERS)) ||
	    (rc = sq_first_row(st)) != ST_OK)
		return st ? rc : ST_ERROR;
	out->reflections = db_col_i64(st, 0);
	out->felt_heard_answers = db_col_i64(st, 1);
	out->felt_heard_sum = db_col_i64(st, 2);
	for (int i = 0; i < 3; i++) {
		out->info_in_time[i] = db_col_i64(st, 3 + i);
		out->felt_safe[i] = db_col_i64(st, 6 + i);
	}
	db_done(st);
	return ST_OK;
}

static void read_payment(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	struct report_payment *p = slot;
	enum pay_method m;
	p->user_id = db_col_i64(st, 0);
	p->method = pay_method_parse(db_col_text(st, 1), &m) ? (int)m : -1;
	p->amount = db_col_i64(st, 2);
	p->days = db_col_i64(st, 3);
}

enum store_rc store_report_payments(struct store *s, int64_t panel_id, int64_t from_day,
                                    int64_t to_day, struct arena *a,
                                    struct report_payment **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_PAID);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, from_day);
		db_bind_i64(st, 3, to_day);
	}
	return sq_collect(st, sizeof **out, a, read_payment, (void **)out, n);
}
