/* The store's operations on case studies (store.h): the write-ups, the
 * people named in them, and full-text search, the one statement with a
 * twin for each dialect (SQLite's FTS5 table, PostgreSQL's tsvector
 * column; migration 0022). */
#include "store/store_private.h"

#define CASE_SELECT                                                                         \
	"SELECT c.id, COALESCE(c.panel_id, 0), COALESCE(c.project_id, 0), c.uid, c.title, c.brief, c.problems, "         \
	"c.background, c.organisers, c.recruitment, c.methods, c.what_happened, c.influence, " \
	"c.lessons, c.issues, c.approaches, COALESCE(c.rung, 0), COALESCE(c.participants, -1), " \
	"COALESCE(c.starts_on, 0), COALESCE(c.ends_on, 0), COALESCE(c.published_at, 0), "      \
	"COALESCE(c.created_by, 0), c.created_at, c.updated_at, c.version, "                    \
	"COALESCE(p.name, c.organiser), COALESCE(pr.title, ''), COALESCE(c.source_id, 0), "     \
	"c.source_url, c.named, COALESCE(s.name, '') FROM case_studies c "                       \
	"LEFT JOIN panels p ON p.id = c.panel_id LEFT JOIN projects pr ON pr.id = c.project_id " \
	"LEFT JOIN case_sources s ON s.id = c.source_id "

/* The filters of a search, after its words: $2 an issue, $3 an approach
 * ('' for any), $4 a rung (0 for any); newest first, at most $5. */
#define FILTERS                                                                             \
	" AND ($2 = '' OR c.issues LIKE '%,' || $2 || ',%') AND ($3 = '' OR c.approaches LIKE "  \
	"'%,' || $3 || ',%') AND ($4 = 0 OR c.rung = $4) ORDER BY c.published_at DESC, c.id "   \
	"DESC LIMIT $5"

/* Feeds: this installation's, and those it imports (case_sources). */

#define SOURCE_SELECT                                                                       \
	"SELECT id, url, public_key, name, COALESCE(added_by, 0), added_at, "                   \
	"COALESCE(fetched_at, 0), COALESCE(ok_at, 0), last_modified, status, items FROM case_sources "

#define FEED_STMTS(X)                                                                       \
	X(LOCAL_PUBLISHED, CASE_SELECT "WHERE c.source_id IS NULL AND c.published_at IS NOT "   \
	                   "NULL ORDER BY c.published_at DESC, c.id DESC LIMIT $1")              \
	X(LOCAL_CHANGED, "SELECT COALESCE(MAX(updated_at), 0) FROM case_studies WHERE "          \
	                 "source_id IS NULL")                                                    \
	X(SOURCES, SOURCE_SELECT "ORDER BY id")                                                 \
	X(SOURCE_GET, SOURCE_SELECT "WHERE id = $1")                                            \
	X(SOURCE_ADD, "INSERT INTO case_sources (url, public_key, added_by, added_at) VALUES "  \
	              "($1, $2, $3, $4) ON CONFLICT (url) DO NOTHING RETURNING id")             \
	X(SOURCE_DELETE, "DELETE FROM case_sources WHERE id = $1")                              \
	X(SOURCE_FETCHED, "UPDATE case_sources SET fetched_at = $2, status = $3, "              \
	                  "ok_at = CASE WHEN $3 = '' THEN $2 ELSE ok_at END, "                   \
	                  "last_modified = CASE WHEN $3 = '' THEN $4 ELSE last_modified END, "   \
	                  "name = CASE WHEN $3 = '' AND $5 <> '' THEN $5 ELSE name END, "        \
	                  "items = (SELECT COUNT(*) FROM case_studies WHERE source_id = $1) "    \
	                  "WHERE id = $1")                                                       \
	X(IMPORTED_UIDS, "SELECT uid FROM case_studies WHERE source_id = $1")                   \
	X(IMPORTED_DELETE, "DELETE FROM case_studies WHERE source_id = $1 AND uid = $2")        \
	X(IMPORTED_UPDATE, "UPDATE case_studies SET source_url = $3, organiser = $4, "          \
	                   "named = $5, title = $6, brief = $7, problems = $8, background = $9, " \
	                   "organisers = $10, recruitment = $11, methods = $12, "                 \
	                   "what_happened = $13, influence = $14, lessons = $15, issues = $16, "  \
	                   "approaches = $17, rung = $18, participants = $19, starts_on = $20, "  \
	                   "ends_on = $21, published_at = $22, updated_at = $23 "                \
	                   "WHERE source_id = $1 AND uid = $2")                                   \
	X(IMPORTED_ADD, "INSERT INTO case_studies (source_id, uid, source_url, organiser, "     \
	                "named, title, brief, problems, background, organisers, recruitment, "  \
	                "methods, what_happened, influence, lessons, issues, approaches, rung, " \
	                "participants, starts_on, ends_on, published_at, updated_at, "          \
	                "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "     \
	                "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23)")


#define STMTS(X)                                                                            \
	X(ADD, "INSERT INTO case_studies (panel_id, project_id, uid, title, brief, problems, "   \
	       "background, organisers, recruitment, methods, what_happened, influence, "       \
	       "lessons, issues, approaches, rung, participants, starts_on, ends_on, "          \
	       "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, " \
	       "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21) RETURNING id")   \
	X(GET, CASE_SELECT "WHERE c.id = $1")                                                   \
	X(OF_PANEL, CASE_SELECT "WHERE c.panel_id = $1 ORDER BY c.id DESC")                     \
	X(EDIT, "UPDATE case_studies SET title = $3, brief = $4, problems = $5, background = $6, " \
	        "organisers = $7, recruitment = $8, methods = $9, what_happened = $10, "         \
	        "influence = $11, lessons = $12, issues = $13, approaches = $14, rung = $15, "    \
	        "participants = $16, starts_on = $17, ends_on = $18, updated_at = $19, "         \
	        "version = version + 1 WHERE panel_id = $1 AND id = $2 AND version = $20")       \
	X(PUBLISH, "UPDATE case_studies SET published_at = $3, updated_at = $4, "               \
	           "version = version + 1 WHERE panel_id = $1 AND id = $2 AND version = $5")    \
	X(EXISTS, "SELECT COUNT(*) FROM case_studies WHERE id = $1")                            \
	X(DELETE, "DELETE FROM case_studies WHERE panel_id = $1 AND id = $2 AND "               \
	          "published_at IS NULL")                                                        \
	X(SEARCH_SQLITE, CASE_SELECT "WHERE c.published_at IS NOT NULL AND ($1 = '' OR c.id IN " \
	                 "(SELECT rowid FROM case_studies_fts WHERE case_studies_fts MATCH $1))" \
	                 FILTERS)                                                                \
	X(SEARCH_POSTGRESQL, CASE_SELECT "WHERE c.published_at IS NOT NULL AND ($1 = '' OR "   \
	                     "c.search @@ websearch_to_tsquery('ec_search', $1))" FILTERS)       \
	X(PEOPLE, "SELECT n.user_id, u.display_name, n.role, n.asked_at, "                      \
	          "COALESCE(n.agreed_at, 0), COALESCE(n.answered_at, 0) FROM case_study_people n " \
	          "JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 ORDER BY n.asked_at, "  \
	          "n.user_id")                                                                    \
	X(ASK, "INSERT INTO case_study_people (case_id, user_id, role, asked_at) VALUES ($1, $2, " \
	       "$3, $4) ON CONFLICT (case_id, user_id) DO NOTHING")                              \
	X(ANSWER, "UPDATE case_study_people SET agreed_at = $3, answered_at = $4 WHERE "         \
	          "case_id = $1 AND user_id = $2")                                               \
	X(UNNAME, "DELETE FROM case_study_people WHERE case_id = $1 AND user_id = $2")          \
	FEED_STMTS(X)

SQ_STATEMENTS(STMTS)

/* An optional whole number: NULL for `none`. */
static void bind_opt(struct db_stmt *st, int idx, int64_t v, int64_t none)
{
	if (v == none) db_bind_null(st, idx);
	else db_bind_i64(st, idx, v);
}

/* Binds c's title ... ends_on from index first on (15 values). */
static void bind_body(struct db_stmt *st, int first, const struct case_study *c)
{
	db_bind_text(st, first, c->title);
	db_bind_text(st, first + 1, c->brief ? c->brief : "");
	for (int k = 0; k < CASE__SECTIONS; k++)
		db_bind_text(st, first + 2 + k, c->sections[k] ? c->sections[k] : "");
	db_bind_text(st, first + 10, c->issues ? c->issues : ",");
	db_bind_text(st, first + 11, c->approaches ? c->approaches : ",");
	bind_opt(st, first + 12, c->rung, 0);
	bind_opt(st, first + 13, c->participants, -1);
	bind_opt(st, first + 14, c->starts_on, 0);
	bind_opt(st, first + 15, c->ends_on, 0);
}

enum store_rc store_case_add(struct store *s, const struct case_study *c, int64_t now,
                             int64_t *id)
{
	struct db_stmt *st = stmt(s, S_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->panel_id);
	db_bind_i64(st, 2, c->project_id);
	db_bind_text(st, 3, c->uid);
	bind_body(st, 4, c);
	sq_bind_ref(st, 20, c->created_by);
	db_bind_i64(st, 21, now);
	return sq_first_i64(st, id);
}

static void read_case(struct db_stmt *st, void *slot, struct arena *a)
{
	struct case_study *c = slot;
	c->id = db_col_i64(st, 0);
	c->panel_id = db_col_i64(st, 1);
	c->project_id = db_col_i64(st, 2);
	c->uid = sq_col_str(st, 3, a);
	c->title = sq_col_str(st, 4, a);
	c->brief = sq_col_str(st, 5, a);
	for (int k = 0; k < CASE__SECTIONS; k++) c->sections[k] = sq_col_str(st, 6 + k, a);
	c->issues = sq_col_str(st, 14, a);
	c->approaches = sq_col_str(st, 15, a);
	c->rung = db_col_i64(st, 16);
	c->participants = db_col_i64(st, 17);
	c->starts_on = db_col_i64(st, 18);
	c->ends_on = db_col_i64(st, 19);
	c->published_at = db_col_i64(st, 20);
	c->created_by = db_col_i64(st, 21);
	c->created_at = db_col_i64(st, 22);
	c->updated_at = db_col_i64(st, 23);
	c->version = db_col_i64(st, 24);
	c->panel_name = sq_col_str(st, 25, a);
	c->project_title = sq_col_str(st, 26, a);
	c->source_id = db_col_i64(st, 27);
	c->source_url = sq_col_str(st, 28, a);
	c->named = sq_col_str(st, 29, a);
	c->source_name = sq_col_str(st, 30, a);
}

enum store_rc store_case_get(struct store *s, int64_t id, struct arena *a,
                             struct case_study *out)
{
	struct db_stmt *st = stmt(s, S_GET);
	if (st) db_bind_i64(st, 1, id);
	return sq_one_row(st, read_case, out, a);
}

enum store_rc store_cases_of_panel(struct store *s, int64_t panel_id, struct arena *a,
                                   struct case_study **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_OF_PANEL);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_case, (void **)out, n);
}

static enum store_rc changed(struct store *s, struct db_stmt *st, int64_t id)
{
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? sq_version_miss(stmt(s, S_EXISTS), id) : rc;
}

enum store_rc store_case_edit(struct store *s, const struct case_study *c, int64_t now)
{
	struct db_stmt *st = stmt(s, S_EDIT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->panel_id);
	db_bind_i64(st, 2, c->id);
	bind_body(st, 3, c);
	db_bind_i64(st, 19, now);
	db_bind_i64(st, 20, c->version);
	return changed(s, st, c->id);
}

enum store_rc store_case_publish(struct store *s, int64_t panel_id, int64_t id, int64_t version,
                                 int64_t published_at, int64_t now)
{
	struct db_stmt *st = stmt(s, S_PUBLISH);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	bind_opt(st, 3, published_at, 0);
	db_bind_i64(st, 4, now);
	db_bind_i64(st, 5, version);
	return changed(s, st, id);
}

enum store_rc store_case_delete(struct store *s, int64_t panel_id, int64_t id)
{
	struct db_stmt *st = stmt(s, S_DELETE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	return sq_exec_changed(s, st);
}

enum store_rc store_cases_search(struct store *s, const struct case_query *q, struct arena *a,
                                 struct case_study **out, size_t *n)
{
	struct db_stmt *st =
	        stmt(s, store_is_postgresql(s) ? S_SEARCH_POSTGRESQL : S_SEARCH_SQLITE);
	if (st) {
		db_bind_text(st, 1, q->terms ? q->terms : "");
		db_bind_text(st, 2, q->issue ? q->issue : "");
		db_bind_text(st, 3, q->approach ? q->approach : "");
		db_bind_i64(st, 4, q->rung);
		db_bind_i64(st, 5, q->limit);
	}
	return sq_collect(st, sizeof **out, a, read_case, (void **)out, n);
}

static void read_person(struct db_stmt *st, void *slot, struct arena *a)
{
	struct case_person *p = slot;
	p->user_id = db_col_i64(st, 0);
	p->name = sq_col_str(st, 1, a);
	p->role = sq_col_str(st, 2, a);
	p->asked_at = db_col_i64(st, 3);
	p->agreed_at = db_col_i64(st, 4);
	p->answered_at = db_col_i64(st, 5);
}

enum store_rc store_case_people(struct store *s, int64_t case_id, struct arena *a,
                                struct case_person **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_PEOPLE);
	if (st) db_bind_i64(st, 1, case_id);
	return sq_collect(st, sizeof **out, a, read_person, (void **)out, n);
}

enum store_rc store_case_person_ask(struct store *s, int64_t case_id, int64_t user_id,
                                    const char *role, int64_t now)
{
	struct db_stmt *st = stmt(s, S_ASK);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, case_id);
	db_bind_i64(st, 2, user_id);
	db_bind_text(st, 3, role ? role : "");
	db_bind_i64(st, 4, now);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? ST_CONFLICT : rc;
}

enum store_rc store_case_person_answer(struct store *s, int64_t case_id, int64_t user_id,
                                       bool agree, int64_t now)
{
	struct db_stmt *st = stmt(s, S_ANSWER);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, case_id);
	db_bind_i64(st, 2, user_id);
	bind_opt(st, 3, agree ? now : 0, 0);
	db_bind_i64(st, 4, now);
	return sq_exec_changed(s, st);
}

enum store_rc store_case_person_remove(struct store *s, int64_t case_id, int64_t user_id)
{
	struct db_stmt *st = stmt(s, S_UNNAME);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, case_id);
	db_bind_i64(st, 2, user_id);
	return sq_exec_changed(s, st);
}


enum store_rc store_cases_local_published(struct store *s, int64_t limit, struct arena *a,
                                          struct case_study **out, size_t *n, int64_t *changed)
{
	struct db_stmt *st = stmt(s, S_LOCAL_CHANGED);
	if (!st) return ST_ERROR;
	enum store_rc rc = sq_first_i64(st, changed);
	if (rc != ST_OK) return rc;
	if ((st = stmt(s, S_LOCAL_PUBLISHED))) db_bind_i64(st, 1, limit);
	return sq_collect(st, sizeof **out, a, read_case, (void **)out, n);
}

static void read_source(struct db_stmt *st, void *slot, struct arena *a)
{
	struct case_source *x = slot;
	x->id = db_col_i64(st, 0);
	x->url = sq_col_str(st, 1, a);
	x->public_key = sq_col_str(st, 2, a);
	x->name = sq_col_str(st, 3, a);
	x->added_by = db_col_i64(st, 4);
	x->added_at = db_col_i64(st, 5);
	x->fetched_at = db_col_i64(st, 6);
	x->ok_at = db_col_i64(st, 7);
	x->last_modified = sq_col_str(st, 8, a);
	x->status = sq_col_str(st, 9, a);
	x->items = db_col_i64(st, 10);
}

enum store_rc store_case_sources(struct store *s, struct arena *a, struct case_source **out,
                                 size_t *n)
{
	return sq_collect(stmt(s, S_SOURCES), sizeof **out, a, read_source, (void **)out, n);
}

enum store_rc store_case_source_get(struct store *s, int64_t id, struct arena *a,
                                    struct case_source *out)
{
	struct db_stmt *st = stmt(s, S_SOURCE_GET);
	if (st) db_bind_i64(st, 1, id);
	return sq_one_row(st, read_source, out, a);
}

enum store_rc store_case_source_add(struct store *s, const char *url, const char *public_key,
                                    int64_t by, int64_t now, int64_t *id)
{
	struct db_stmt *st = stmt(s, S_SOURCE_ADD);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, url);
	db_bind_text(st, 2, public_key);
	sq_bind_ref(st, 3, by);
	db_bind_i64(st, 4, now);
	enum store_rc rc = sq_first_i64(st, id);
	return rc == ST_NOT_FOUND ? ST_CONFLICT : rc;
}

enum store_rc store_case_source_delete(struct store *s, int64_t id)
{
	struct db_stmt *st = stmt(s, S_SOURCE_DELETE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	return sq_exec_changed(s, st);
}

enum store_rc store_case_source_fetched(struct store *s, int64_t id, int64_t now,
                                        const char *status, const char *last_modified,
                                        const char *name)
{
	struct db_stmt *st = stmt(s, S_SOURCE_FETCHED);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_i64(st, 2, now);
	db_bind_text(st, 3, status ? status : "");
	db_bind_text(st, 4, last_modified ? last_modified : "");
	db_bind_text(st, 5, name ? name : "");
	return sq_exec(st);
}

static void read_uid(struct db_stmt *st, void *slot, struct arena *a)
{
	*(const char **)slot = sq_col_str(st, 0, a);
}

enum store_rc store_imported_uids(struct store *s, int64_t source_id, struct arena *a,
                                  const char ***out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_IMPORTED_UIDS);
	if (st) db_bind_i64(st, 1, source_id);
	return sq_collect(st, sizeof **out, a, read_uid, (void **)out, n);
}

enum store_rc store_imported_delete(struct store *s, int64_t source_id, const char *uid)
{
	struct db_stmt *st = stmt(s, S_IMPORTED_DELETE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, source_id);
	db_bind_text(st, 2, uid);
	return sq_exec(st);
}

enum store_rc store_imported_put(struct store *s, const struct case_study *c)
{
	/* the same values for both: $1 source, $2 uid, then the case */
	enum stmt_id ids[2] = { S_IMPORTED_UPDATE, S_IMPORTED_ADD };
	for (int k = 0; k < 2; k++) {
		struct db_stmt *st = stmt(s, ids[k]);
		if (!st) return ST_ERROR;
		db_bind_i64(st, 1, c->source_id);
		db_bind_text(st, 2, c->uid);
		db_bind_text(st, 3, c->source_url);
		db_bind_text(st, 4, c->panel_name);
		db_bind_text(st, 5, c->named);
		bind_body(st, 6, c);
		db_bind_i64(st, 22, c->published_at);
		db_bind_i64(st, 23, c->updated_at);
		enum store_rc rc = k ? sq_exec(st) : sq_exec_changed(s, st);
		if (rc != ST_NOT_FOUND) return rc;
	}
	return ST_ERROR;
}
