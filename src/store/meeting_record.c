/* The store's operations for what a meeting leaves behind (store.h):
 * papers, reflections, the stewards' "what we will change", and a
 * project's closing reflection.
 *
 * Reflections are kept so that an anonymous one cannot be traced back:
 * reflections.user_id is NULL unless the attendee chose to put their name to
 * it, reflection_done records only that someone answered (no time, and a
 * WITHOUT ROWID table ordered by user, so its order says nothing about the
 * order of the answers), and comments are read back ordered by their text,
 * never by id. */
#include <string.h>

#include "store/store_private.h"

#define PAPER_SELECT                                                                \
	"SELECT p.id, p.meeting_id, COALESCE(p.item_id, 0), p.title, p.summary, "       \
	"COALESCE(p.markdown, ''), CASE WHEN p.file_sha256 IS NULL THEN 0 ELSE 1 END, " \
	"COALESCE(p.file_kind, ''), COALESCE(p.file_name, ''), COALESCE(p.file_size, 0), " \
	"COALESCE(p.file_sha256, ''), COALESCE(p.published_at, 0), "                    \
	"COALESCE(u.display_name, ''), p.created_at, p.version, COALESCE(ai.title, ''), " \
	"COALESCE(NULLIF(p.content_note, ''), ai.content_note, '') "                    \
	"FROM papers p LEFT JOIN users u ON u.id = p.created_by "                       \
	"LEFT JOIN agenda_items ai ON ai.id = p.item_id "

/* Counts of the released answers, after how many there are in all;
 * store_reflections_summary() reads them. */
#define SUMMARY_COLUMNS                                                             \
	"SELECT (SELECT COUNT(*) FROM ranked), COUNT(*), COALESCE(SUM(felt_heard), 0), " \
	"COALESCE(SUM(CASE WHEN info_in_time = 'yes' THEN 1 ELSE 0 END), 0), "          \
	"COALESCE(SUM(CASE WHEN info_in_time = 'partly' THEN 1 ELSE 0 END), 0), "       \
	"COALESCE(SUM(CASE WHEN info_in_time = 'no' THEN 1 ELSE 0 END), 0), "           \
	"COALESCE(SUM(CASE WHEN felt_safe = 'yes' THEN 1 ELSE 0 END), 0), "             \
	"COALESCE(SUM(CASE WHEN felt_safe = 'partly' THEN 1 ELSE 0 END), 0), "          \
	"COALESCE(SUM(CASE WHEN felt_safe = 'no' THEN 1 ELSE 0 END), 0), "              \
	"COALESCE(SUM(CASE WHEN info_in_time IS NULL THEN 1 ELSE 0 END), 0), "           \
	"COALESCE(SUM(CASE WHEN felt_safe IS NULL THEN 1 ELSE 0 END), 0), "              \
	"COUNT(felt_heard) FROM released"

/* The released answers' comments, by their text (never their order). */
#define COMMENT_COLUMNS                                                             \
	"SELECT x.should_change, COALESCE(u.display_name, '') FROM released x "        \
	"LEFT JOIN users u ON u.id = x.user_id WHERE x.should_change <> '' "            \
	"ORDER BY x.should_change, COALESCE(u.display_name, '')"

#define RECORD_STMTS(X)                                                             \
	X(PAPER_ADD, "INSERT INTO papers (meeting_id, item_id, title, summary, markdown, " \
	             "file_kind, file_name, file_size, file_sha256, published_at, "      \
	             "created_by, created_at, updated_at, content_note) VALUES ($1, $2, " \
	             "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id") \
	X(PAPER_GET, PAPER_SELECT "WHERE p.meeting_id = $1 AND p.id = $2")              \
	X(PAPERS_LIST, PAPER_SELECT "WHERE p.meeting_id = $1 AND "                      \
	               "($2 = 1 OR p.published_at IS NOT NULL) ORDER BY p.id")            \
	X(PAPER_PUBLISH, "UPDATE papers SET published_at = $3, updated_at = $3, "        \
	                 "version = version + 1 WHERE meeting_id = $1 AND id = $2 AND "   \
	                 "published_at IS NULL")                                          \
	X(PAPERS_PUBLISH_DRAFTS, "UPDATE papers SET published_at = $2, updated_at = $2, " \
	                         "version = version + 1 WHERE meeting_id = $1 AND "       \
	                         "published_at IS NULL")                                  \
	X(PAPER_DELETE, "DELETE FROM papers WHERE meeting_id = $1 AND id = $2")          \
	/* Files are kept by their bytes' hash, and papers and receipts share  \
	 * the directory: a file goes when nothing of either holds it. */      \
	X(PAPER_FILE_USES, "SELECT (SELECT COUNT(*) FROM papers WHERE file_sha256 = $1) " \
	                   "+ (SELECT COUNT(*) FROM pay_claims WHERE receipt_sha256 = $1)") \
	X(REFLECTION_MARK_DONE, "INSERT INTO reflection_done (meeting_id, user_id) "     \
	                        "VALUES ($1, $2)")                                        \
	X(REFLECTION_ADD, "INSERT INTO reflections (meeting_id, user_id, felt_heard, "   \
	                  "info_in_time, felt_safe, should_change) VALUES ($1, $2, $3, "  \
	                  "$4, $5, $6)")                                                  \
	X(REFLECTION_DONE, "SELECT COUNT(*) FROM reflection_done WHERE meeting_id = $1 " \
	                   "AND user_id = $2")                                            \
	X(REFLECTIONS_MEETING, RELEASED("r.meeting_id = $1") SUMMARY_COLUMNS)             \
	X(REFLECTIONS_PROJECT, RELEASED("m.project_id = $1") SUMMARY_COLUMNS)             \
	X(COMMENTS_MEETING, RELEASED("r.meeting_id = $1") COMMENT_COLUMNS)                \
	X(COMMENTS_PROJECT, RELEASED("m.project_id = $1") COMMENT_COLUMNS)                \
	X(MEETING_CHANGE, "UPDATE meetings SET what_we_will_change = $2, updated_at = $3, " \
	                  "version = version + 1 WHERE id = $1 AND panel_id = $4")        \
	X(NOTIFY_ATTENDEES, "INSERT INTO notices (user_id, panel_id, body, link, "       \
	                    "created_at, mail_pending, mail_soon) SELECT r.user_id, $2, $3, " \
	                    "$4, $5, " SQ_MAIL_MARKS("r.user_id") " FROM "                \
	                    "meeting_replies r WHERE r.meeting_id = $1 AND r.attended = 1 " \
	                    "AND r.user_id <> $6")                                        \
	X(NOTICE_ADD, "INSERT INTO notices (user_id, panel_id, body, link, created_at, " \
	              "mail_pending, mail_soon) VALUES ($1, $2, $3, $4, $5, "            \
	              SQ_MAIL_MARKS("$1") ")")                                          \
	X(NOTICE_ADD_MAILED, "INSERT INTO notices (user_id, panel_id, body, link, "      \
	                     "created_at, mail_pending) VALUES ($1, $2, $3, $4, $5, "    \
	                     SQ_MAIL_PENDING("$1") ")")                                 \
	X(NOTICE_ADD_PANEL, "INSERT INTO notices (user_id, panel_id, body, link, "       \
	                    "created_at, mail_pending, mail_soon) SELECT m.user_id, "     \
	                    "m.panel_id, CAST($3 AS TEXT), CAST($4 AS TEXT), "            \
	                    "CAST($5 AS BIGINT), " SQ_MAIL_MARKS("m.user_id") " FROM "    \
	                    "memberships m WHERE m.panel_id = $1 AND m.status = 'active' " \
	                    "AND m.user_id <> $2 AND (m.role <> 'guest' OR EXISTS (SELECT " \
	                    "1 FROM meeting_guests g WHERE g.meeting_id = $6 AND "      \
	                    "g.user_id = m.user_id))")                                   \
	X(PROJECT_CLOSE, "UPDATE projects SET closing_reflection = $3, closed_at = "     \
	                 "COALESCE(closed_at, $4), updated_at = $4, version = version + 1 " \
	                 "WHERE panel_id = $1 AND id = $2")                               \
	/* Who came to the project's meetings or spoke in it. Someone who only    \
	 * spoke anonymously is never mailed at once (a message at the close     \
	 * would say to whoever reads the outbox that they took part): their     \
	 * notice waits for the digest, as an answer to anonymous words does. */ \
	X(NOTIFY_PROJECT, "INSERT INTO notices (user_id, panel_id, body, link, "         \
	                  "created_at, mail_pending, mail_soon) SELECT t.user_id, $2, "   \
	                  "CAST($3 AS TEXT), CAST($4 AS TEXT), CAST($5 AS BIGINT), "      \
	                  "CASE WHEN u.mail_notices = 'daily' OR (u.mail_notices = "      \
	                  "'immediately' AND MAX(t.named) = 0) THEN 1 ELSE 0 END, "       \
	                  "CASE WHEN u.mail_notices = 'immediately' AND MAX(t.named) = 1 " \
	                  "THEN 1 ELSE 0 END FROM (SELECT r.user_id, 1 AS named FROM "    \
	                  "meeting_replies r JOIN meetings m ON m.id = r.meeting_id WHERE " \
	                  "m.project_id = $1 AND r.attended = 1 UNION ALL SELECT "        \
	                  "c.author_id, CASE WHEN c.attribution = 'anonymous' THEN 0 ELSE " \
	                  "1 END FROM contributions c WHERE c.project_id = $1 AND "       \
	                  "c.author_id IS NOT NULL) t JOIN users u ON u.id = t.user_id "  \
	                  "JOIN memberships ms ON ms.user_id = t.user_id AND "            \
	                  "ms.panel_id = $2 AND ms.role <> 'guest' WHERE t.user_id <> $6 " \
	                  "GROUP BY t.user_id, u.mail_notices")

enum record_stmt {
#define X(id, sql) R_##id,
	RECORD_STMTS(X)
#undef X
	R__COUNT
};

static const char *const record_sql[R__COUNT] = {
#define X(id, sql) [R_##id] = sql,
	RECORD_STMTS(X)
#undef X
};

static struct sq_table table = SQ_TABLE(record_sql, R__COUNT);

static struct db_stmt *stmt(struct store *s, enum record_stmt id)
{
	return sq_table_stmt(s, &table, (int)id);
}

/* ---- papers ---- */

static void read_paper(struct db_stmt *st, void *slot, struct arena *a)
{
	struct paper *p = slot;
	p->id = db_col_i64(st, 0);
	p->meeting_id = db_col_i64(st, 1);
	p->item_id = db_col_i64(st, 2);
	p->title = sq_col_str(st, 3, a);
	p->summary = sq_col_str(st, 4, a);
	p->markdown = sq_col_str(st, 5, a);
	p->is_file = db_col_i64(st, 6) != 0;
	if (!p->is_file || !filetype_parse(db_col_text(st, 7), &p->file_kind))
		p->file_kind = FILE_UNKNOWN;
	p->file_name = sq_col_str(st, 8, a);
	p->file_size = db_col_i64(st, 9);
	p->file_sha256 = sq_col_str(st, 10, a);
	p->published_at = db_col_i64(st, 11);
	p->created_by_name = sq_col_str(st, 12, a);
	p->created_at = db_col_i64(st, 13);
	p->version = db_col_i64(st, 14);
	p->item_title = sq_col_str(st, 15, a);
	p->content_note = sq_col_str(st, 16, a);
}

enum store_rc store_paper_add(struct store *s, const struct paper *p, int64_t creator,
                              int64_t now, int64_t *id)
{
	struct db_stmt *st = stmt(s, R_PAPER_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, p->meeting_id);
	if (p->item_id) db_bind_i64(st, 2, p->item_id);
	else db_bind_null(st, 2);
	db_bind_text(st, 3, p->title);
	db_bind_text(st, 4, p->summary);
	if (p->is_file) {
		db_bind_null(st, 5);
		db_bind_text(st, 6, filetype_key(p->file_kind));
		db_bind_text(st, 7, p->file_name);
		db_bind_i64(st, 8, p->file_size);
		db_bind_text(st, 9, p->file_sha256);
	} else {
		db_bind_text(st, 5, p->markdown);
		for (int i = 6; i <= 9; i++) db_bind_null(st, i);
	}
	if (p->published_at) db_bind_i64(st, 10, p->published_at);
	else db_bind_null(st, 10);
	if (creator) db_bind_i64(st, 11, creator);
	else db_bind_null(st, 11);
	db_bind_i64(st, 12, now);
	db_bind_text(st, 13, p->content_note ? p->content_note : "");
	return sq_first_i64(st, id);
}

enum store_rc store_paper_get(struct store *s, int64_t meeting_id, int64_t id, struct arena *a,
                              struct paper *out)
{
	struct db_stmt *st = stmt(s, R_PAPER_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, id);
	return sq_one_row(st, read_paper, out, a);
}

enum store_rc store_papers_list(struct store *s, int64_t meeting_id, bool drafts_too,
                                struct arena *a, struct paper **out, size_t *n)
{
	struct db_stmt *st = stmt(s, R_PAPERS_LIST);
	if (st) {
		db_bind_i64(st, 1, meeting_id);
		db_bind_i64(st, 2, drafts_too ? 1 : 0);
	}
	return sq_collect(st, sizeof **out, a, read_paper, (void **)out, n);
}

enum store_rc store_paper_publish(struct store *s, int64_t meeting_id, int64_t id, int64_t now)
{
	struct db_stmt *st = stmt(s, R_PAPER_PUBLISH);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, id);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

enum store_rc store_papers_publish_drafts(struct store *s, int64_t meeting_id, int64_t now)
{
	struct db_stmt *st = stmt(s, R_PAPERS_PUBLISH_DRAFTS);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, now);
	return sq_exec(st);
}

enum store_rc store_paper_remove(struct store *s, int64_t meeting_id, int64_t id,
                                 struct arena *a, const char **file_sha256,
                                 int64_t *file_uses_left)
{
	struct paper p;
	enum store_rc rc = store_paper_get(s, meeting_id, id, a, &p);
	*file_uses_left = -1;
	*file_sha256 = rc == ST_OK ? p.file_sha256 : "";
	if (rc == ST_OK) {
		struct db_stmt *st = stmt(s, R_PAPER_DELETE);
		if (!st) return ST_ERROR;
		db_bind_i64(st, 1, meeting_id);
		db_bind_i64(st, 2, id);
		rc = sq_exec_changed(s, st);
	}
	if (rc == ST_OK && p.is_file) {
		struct db_stmt *st = stmt(s, R_PAPER_FILE_USES);
		if (!st) return ST_ERROR;
		db_bind_text(st, 1, p.file_sha256);
		*file_uses_left = sq_scalar_i64(st);
	}
	return rc;
}

/* ---- reflections ---- */

struct reflect_ctx {
	const struct reflection *r;
	int64_t meeting_id, user_id;
};

static enum store_rc reflect_in_tx(struct store *s, void *p)
{
	struct reflect_ctx *c = p;
	struct db_stmt *st = stmt(s, R_REFLECTION_MARK_DONE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->meeting_id);
	db_bind_i64(st, 2, c->user_id);
	enum store_rc rc = sq_exec(st); /* a second answer: ST_CONFLICT */
	if (rc != ST_OK) return rc;
	if (!(st = stmt(s, R_REFLECTION_ADD))) return ST_ERROR;
	db_bind_i64(st, 1, c->meeting_id);
	if (c->r->named) db_bind_i64(st, 2, c->user_id);
	else db_bind_null(st, 2);
	/* a question passed is kept as NULL */
	if (c->r->felt_heard) db_bind_i64(st, 3, c->r->felt_heard);
	else db_bind_null(st, 3);
	if (c->r->info_in_time != YPN_PASS) db_bind_text(st, 4, ypn_key(c->r->info_in_time));
	else db_bind_null(st, 4);
	if (c->r->felt_safe != YPN_PASS) db_bind_text(st, 5, ypn_key(c->r->felt_safe));
	else db_bind_null(st, 5);
	db_bind_text(st, 6, c->r->should_change ? c->r->should_change : "");
	return sq_exec(st);
}

enum store_rc store_reflection_add(struct store *s, int64_t meeting_id, int64_t user_id,
                                   const struct reflection *r)
{
	struct reflect_ctx c = { r, meeting_id, user_id };
	return store_tx(s, reflect_in_tx, &c);
}

bool store_reflection_done(struct store *s, int64_t meeting_id, int64_t user_id)
{
	struct db_stmt *st = stmt(s, R_REFLECTION_DONE);
	if (!st) return false;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	return sq_scalar_i64(st) > 0;
}

static void read_comment(struct db_stmt *st, void *slot, struct arena *a)
{
	struct reflection_comment *c = slot;
	c->text = sq_col_str(st, 0, a);
	c->name = sq_col_str(st, 1, a);
}

enum store_rc store_reflections_summary(struct store *s, bool of_project, int64_t key,
                                        struct arena *a, struct reflection_summary *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = stmt(s, of_project ? R_REFLECTIONS_PROJECT : R_REFLECTIONS_MEETING);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, key);
	db_bind_i64(st, 2, REFLECTION_MIN_ANSWERS);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	out->answers = db_col_i64(st, 0);
	out->released = db_col_i64(st, 1);
	out->felt_heard_sum = db_col_i64(st, 2);
	for (int i = 0; i < 3; i++) {
		out->info_in_time[i] = db_col_i64(st, 3 + i);
		out->felt_safe[i] = db_col_i64(st, 6 + i);
	}
	out->info_in_time[YPN_PASS] = db_col_i64(st, 9);
	out->felt_safe[YPN_PASS] = db_col_i64(st, 10);
	out->felt_heard_answers = db_col_i64(st, 11);
	db_done(st);
	if (!out->released) return ST_OK;
	st = stmt(s, of_project ? R_COMMENTS_PROJECT : R_COMMENTS_MEETING);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, key);
	db_bind_i64(st, 2, REFLECTION_MIN_ANSWERS);
	return sq_collect(st, sizeof *out->comments, a, read_comment, (void **)&out->comments,
	                  &out->ncomments);
}

/* ---- answers to reflections ---- */

struct answer_ctx {
	int64_t panel_id, id, by, now;
	const char *text, *notice, *link;
};

/* Runs a NOTIFY_* statement: a notice (c->notice, c->link) to the people
 * it selects for meeting or project c->id, but c->by. */
static enum store_rc notify(struct store *s, enum record_stmt id, const struct answer_ctx *c)
{
	struct db_stmt *st = stmt(s, id);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->id);
	db_bind_i64(st, 2, c->panel_id);
	db_bind_text(st, 3, c->notice);
	db_bind_text(st, 4, c->link);
	db_bind_i64(st, 5, c->now);
	db_bind_i64(st, 6, c->by);
	return sq_exec(st);
}

static enum store_rc change_in_tx(struct store *s, void *p)
{
	struct answer_ctx *c = p;
	struct db_stmt *st = stmt(s, R_MEETING_CHANGE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->id);
	db_bind_text(st, 2, c->text);
	db_bind_i64(st, 3, c->now);
	db_bind_i64(st, 4, c->panel_id);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc != ST_OK || !*c->text ? rc : notify(s, R_NOTIFY_ATTENDEES, c);
}

enum store_rc store_meeting_what_we_will_change(struct store *s, int64_t panel_id,
                                                int64_t meeting_id, const char *text,
                                                const char *notice, const char *link,
                                                int64_t by, int64_t now)
{
	struct answer_ctx c = { panel_id, meeting_id, by, now, text, notice, link };
	return store_tx(s, change_in_tx, &c);
}

static enum store_rc close_in_tx(struct store *s, void *p)
{
	struct answer_ctx *c = p;
	struct db_stmt *st = stmt(s, R_PROJECT_CLOSE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->panel_id);
	db_bind_i64(st, 2, c->id);
	db_bind_text(st, 3, c->text);
	db_bind_i64(st, 4, c->now);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc != ST_OK ? rc : notify(s, R_NOTIFY_PROJECT, c);
}

enum store_rc store_project_close(struct store *s, int64_t panel_id, int64_t project_id,
                                  const char *reflection, const char *notice,
                                  const char *link, int64_t by, int64_t now)
{
	struct answer_ctx c = { panel_id, project_id, by, now, reflection, notice, link };
	return store_tx(s, close_in_tx, &c);
}

/* ---- notices ---- */

enum store_rc store_notice_add_panel(struct store *s, int64_t panel_id, int64_t meeting_id,
                                     int64_t except_user, const char *body, const char *link,
                                     int64_t now)
{
	struct db_stmt *st = stmt(s, R_NOTICE_ADD_PANEL);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, except_user);
	db_bind_text(st, 3, body);
	db_bind_text(st, 4, link);
	db_bind_i64(st, 5, now);
	db_bind_i64(st, 6, meeting_id);
	return sq_exec(st);
}

static enum store_rc notice_add(struct store *s, int statement, int64_t user_id,
                                int64_t panel_id, const char *body, const char *link,
                                int64_t now)
{
	struct db_stmt *st = stmt(s, statement);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, panel_id);
	db_bind_text(st, 3, body);
	db_bind_text(st, 4, link);
	db_bind_i64(st, 5, now);
	return sq_exec(st);
}

enum store_rc store_notice_add(struct store *s, int64_t user_id, int64_t panel_id,
                               const char *body, const char *link, int64_t now)
{
	return notice_add(s, R_NOTICE_ADD, user_id, panel_id, body, link, now);
}

enum store_rc store_notice_add_mailed(struct store *s, int64_t user_id, int64_t panel_id,
                                      const char *body, const char *link, int64_t now)
{
	return notice_add(s, R_NOTICE_ADD_MAILED, user_id, panel_id, body, link, now);
}
