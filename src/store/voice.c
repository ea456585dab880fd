/* The store's voice-and-influence operations (store.h): projects, meetings,
 * agendas, contributions, responses, influence figures and notices.
 *
 * The anonymity rule (store.h) is kept in the SQL itself: the author's
 * name is joined only for "named" contributions, and the author's id is
 * returned only when named or when it is the viewer's own. Nothing below
 * reads a contribution's author_id into C except to compare it with the
 * viewer inside the statement. */
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"

/* The columns of a contribution as seen by viewer $1; read_contribution()
 * reads them in this order. */
#define CONTRIB_SELECT                                                            \
	"SELECT c.id, c.panel_id, COALESCE(c.project_id, 0), "                        \
	"COALESCE(c.meeting_id, 0), COALESCE(c.item_id, 0), c.kind, c.body, "         \
	"c.attribution, c.group_name, "                                               \
	"CASE WHEN c.attribution = 'named' OR c.author_id = $1 "                      \
	"THEN COALESCE(c.author_id, 0) ELSE 0 END, COALESCE(au.display_name, ''), "   \
	"CASE WHEN c.author_id = $1 THEN 1 ELSE 0 END, "                              \
	"c.created_at, COALESCE(c.owner_id, 0), c.due_at, COALESCE(c.answered_at, 0), " \
	"c.version, COALESCE(ow.display_name, ''), pn.name, COALESCE(pr.title, ''), "  \
	"COALESCE(me.title, ''), c.status, COALESCE(c.response_id, 0), "             \
	"COALESCE(r.decided_at, 0), COALESCE(r.what_done, ''), COALESCE(r.reason, ''), " \
	"COALESCE(r.referred_to, ''), COALESCE(r.decided_by, '') "                    \
	"FROM contributions c JOIN panels pn ON pn.id = c.panel_id "                  \
	"LEFT JOIN users au ON au.id = c.author_id AND c.attribution = 'named' "      \
	"LEFT JOIN users ow ON ow.id = c.owner_id "                                   \
	"LEFT JOIN projects pr ON pr.id = c.project_id "                              \
	"LEFT JOIN meetings me ON me.id = c.meeting_id "                              \
	"LEFT JOIN responses r ON r.id = c.response_id "

#define PROJECT_COLS                                                              \
	"SELECT id, panel_id, title, purpose, decision_maker, closing_reflection, "   \
	"stage, COALESCE(closed_at, 0), created_at, updated_at, version FROM projects "

#define MEETING_SELECT                                                            \
	"SELECT m.id, m.panel_id, COALESCE(m.project_id, 0), m.title, m.place, "      \
	"m.place_access, m.online_url, m.what_we_will_change, COALESCE(p.title, ''), " \
	"m.starts_at, m.ends_at, m.agenda_due_at, COALESCE(m.agenda_published_at, 0), " \
	"COALESCE(m.cancelled_at, 0), m.created_at, m.updated_at, m.version, "        \
	"m.content_note "                                                             \
	"FROM meetings m LEFT JOIN projects p ON p.id = m.project_id "

#define AGENDA_SELECT                                                             \
	"SELECT i.id, i.meeting_id, COALESCE(i.proposed_by, 0), i.title, i.why, "     \
	"i.content_note, COALESCE(u.display_name, ''), i.not_taken_reason, i.state, " \
	"i.position, (SELECT COUNT(*) FROM agenda_supports s WHERE s.item_id = i.id), " \
	"(SELECT COUNT(*) FROM agenda_step_outs o WHERE o.item_id = i.id), "          \
	"i.proposed_at, i.version, "                                                  \
	"EXISTS (SELECT 1 FROM agenda_supports s WHERE s.item_id = i.id AND "         \
	"s.user_id = $2), EXISTS (SELECT 1 FROM agenda_step_outs o WHERE "            \
	"o.item_id = i.id AND o.user_id = $2) "                                       \
	"FROM agenda_items i LEFT JOIN users u ON u.id = i.proposed_by "

#define VOICE_STMTS(X)                                                              \
	X(PROJECT_CREATE, "INSERT INTO projects (panel_id, title, purpose, "             \
	                  "decision_maker, stage, created_by, created_at, updated_at) "   \
	                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id")         \
	X(PROJECT_GET, PROJECT_COLS "WHERE panel_id = $1 AND id = $2")                   \
	X(PROJECT_EXISTS, "SELECT COUNT(*) FROM projects WHERE id = $1")                 \
	X(PROJECT_UPDATE, "UPDATE projects SET title = $2, purpose = $3, "               \
	                  "decision_maker = $4, stage = $5, closing_reflection = $6, "    \
	                  "closed_at = $7, updated_at = $9, version = version + 1 "       \
	                  "WHERE id = $1 AND version = $8")                               \
	X(PROJECTS_LIST, PROJECT_COLS "WHERE panel_id = $1 ORDER BY id DESC")            \
	X(RUNGS_LIST, "SELECT r.stage, r.rung, r.evidence, COALESCE(u.display_name, ''), " \
	              "r.recorded_at FROM project_rungs r LEFT JOIN users u ON "          \
	              "u.id = r.recorded_by WHERE r.project_id = $1")                     \
	X(RUNG_SET, "INSERT INTO project_rungs (project_id, stage, rung, evidence, "     \
	            "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) "          \
	            "ON CONFLICT (project_id, stage) DO UPDATE SET rung = excluded.rung, " \
	            "evidence = excluded.evidence, recorded_by = excluded.recorded_by, "  \
	            "recorded_at = excluded.recorded_at")                                 \
	X(MEETING_CREATE, "INSERT INTO meetings (panel_id, project_id, title, "          \
	                  "starts_at, ends_at, place, place_access, online_url, "         \
	                  "agenda_due_at, created_by, created_at, updated_at, "           \
	                  "content_note) VALUES "                                         \
	                  "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) "    \
	                  "RETURNING id")                                                 \
	X(MEETING_GET, MEETING_SELECT "WHERE m.panel_id = $1 AND m.id = $2")             \
	X(MEETING_EXISTS, "SELECT COUNT(*) FROM meetings WHERE id = $1")                 \
	X(MEETING_UPDATE, "UPDATE meetings SET project_id = $2, title = $3, "            \
	                  "starts_at = $4, ends_at = $5, place = $6, place_access = $7, " \
	                  "online_url = $8, agenda_due_at = $9, cancelled_at = $10, "     \
	                  "updated_at = $12, content_note = $13, version = version + 1 "  \
	                  "WHERE id = $1 AND version = $11")                              \
	X(MEETINGS_LIST, MEETING_SELECT "WHERE m.panel_id = $1 AND "                     \
	                 "(CAST($2 AS BIGINT) = 0 OR m.project_id = $2) AND "            \
	                 "(CAST($3 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM "              \
	                 "meeting_guests g WHERE g.meeting_id = m.id AND "                \
	                 "g.user_id = $3)) ORDER BY m.starts_at, m.id")                   \
	X(GUEST_IS, "SELECT COUNT(*) FROM meeting_guests WHERE meeting_id = $1 AND "     \
	            "user_id = $2")                                                       \
	X(GUEST_ADD, "INSERT INTO meeting_guests (meeting_id, user_id, invited_at) "     \
	             "VALUES ($1, $2, $3) ON CONFLICT (meeting_id, user_id) DO NOTHING")  \
	X(GUEST_REMOVE, "DELETE FROM meeting_guests WHERE meeting_id = $1 AND "          \
	                "user_id = $2")                                                   \
	X(REPLY_SET, "INSERT INTO meeting_replies (meeting_id, user_id, reply, "         \
	             "replied_at, updated_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT "   \
	             "(meeting_id, user_id) DO UPDATE SET reply = excluded.reply, "       \
	             "replied_at = excluded.replied_at, updated_at = excluded.updated_at") \
	X(ATTENDED_SET, "INSERT INTO meeting_replies (meeting_id, user_id, attended, "   \
	                "updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT "                \
	                "(meeting_id, user_id) DO UPDATE SET attended = excluded.attended, " \
	                "updated_at = excluded.updated_at")                               \
	X(ASKED_AFTER, "UPDATE meeting_replies SET asked_after = $3 WHERE meeting_id = $1 " \
	               "AND user_id = $2 AND attended = 1 AND asked_after IS NULL")       \
	/* attendees not yet asked, of meetings that ended from $2 to $1 */               \
	X(AFTER_DUE, "SELECT m.id, r.user_id, m.panel_id FROM meeting_replies r JOIN "     \
	             "meetings m ON "                                                     \
	             "m.id = r.meeting_id WHERE r.attended = 1 AND r.asked_after IS NULL " \
	             "AND m.cancelled_at IS NULL AND m.ends_at <= $1 AND m.ends_at > $2 "  \
	             "ORDER BY m.id, r.user_id LIMIT 1000")                               \
	X(REPLY_MINE, "SELECT reply, attended FROM meeting_replies WHERE "               \
	              "meeting_id = $1 AND user_id = $2")                                 \
	X(MEETING_PEOPLE, "SELECT u.id, u.display_name, m.role, r.reply, r.attended "    \
	                  "FROM memberships m JOIN users u ON u.id = m.user_id "          \
	                  "LEFT JOIN meeting_replies r ON r.meeting_id = $2 AND "         \
	                  "r.user_id = m.user_id WHERE m.panel_id = $1 AND "              \
	                  "m.status = 'active' AND (r.user_id IS NOT NULL OR EXISTS "     \
	                  "(SELECT 1 FROM meeting_guests g WHERE g.meeting_id = $2 AND "  \
	                  "g.user_id = m.user_id)) ORDER BY u.display_name, u.id")        \
	X(AGENDA_LIST, AGENDA_SELECT "WHERE i.meeting_id = $1 ORDER BY "                 \
	               "CASE i.state WHEN 'agreed' THEN 0 WHEN 'proposed' THEN 1 "       \
	               "ELSE 2 END, i.position, (SELECT COUNT(*) FROM agenda_supports s " \
	               "WHERE s.item_id = i.id) DESC, i.id")                             \
	X(AGENDA_GET, AGENDA_SELECT "WHERE i.meeting_id = $1 AND i.id = $3")             \
	X(AGENDA_PROPOSE, "INSERT INTO agenda_items (meeting_id, title, why, "           \
	                  "content_note, proposed_by, proposed_at, updated_at) SELECT "   \
	                  "m.id, CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS TEXT), "  \
	                  "CAST($5 AS BIGINT), CAST($6 AS BIGINT), CAST($6 AS BIGINT) "   \
	                  "FROM meetings m WHERE m.id = $1 AND "                          \
	                  "m.agenda_published_at IS NULL AND m.cancelled_at IS NULL AND " \
	                  "m.starts_at > $6 RETURNING id")                                \
	X(SUPPORT_ADD, "INSERT INTO agenda_supports (item_id, user_id, at) VALUES "      \
	               "($1, $2, $3) ON CONFLICT (item_id, user_id) DO NOTHING")          \
	X(SUPPORT_REMOVE, "DELETE FROM agenda_supports WHERE item_id = $1 AND "          \
	                  "user_id = $2")                                                 \
	X(STEP_OUT_ADD, "INSERT INTO agenda_step_outs (item_id, user_id, at) VALUES "    \
	                "($1, $2, $3) ON CONFLICT (item_id, user_id) DO NOTHING")         \
	X(STEP_OUT_REMOVE, "DELETE FROM agenda_step_outs WHERE item_id = $1 AND "        \
	                   "user_id = $2")                                                \
	X(STEP_OUT_NAMES, "SELECT u.display_name FROM agenda_step_outs o JOIN users u "  \
	                  "ON u.id = o.user_id WHERE o.item_id = $1 ORDER BY "            \
	                  "u.display_name, u.id")                                         \
	X(AGENDA_DECIDE, "UPDATE agenda_items SET state = $3, position = $4, "           \
	                 "not_taken_reason = $5, updated_at = $6, version = version + 1 " \
	                 "WHERE id = $1 AND meeting_id = $2")                             \
	X(AGENDA_PUBLISHED, "UPDATE meetings SET agenda_published_at = $2, "             \
	                    "updated_at = $2, version = version + 1 WHERE id = $1 AND "   \
	                    "agenda_published_at IS NULL")                                \
	X(CONTRIB_ADD, "INSERT INTO contributions (panel_id, project_id, meeting_id, "   \
	               "item_id, kind, body, attribution, group_name, author_id, "        \
	               "recorded_by, created_at, owner_id, due_at, updated_at) VALUES "   \
	               "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $11) "   \
	               "RETURNING id")                                                    \
	X(CONTRIB_GET, CONTRIB_SELECT "WHERE c.panel_id = $2 AND c.id = $3")             \
	X(DEFAULT_OWNER, "SELECT user_id FROM memberships WHERE panel_id = $1 AND "     \
	                 "role = 'steward' AND status = 'active' ORDER BY joined_at, "    \
	                 "user_id LIMIT 1")                                               \
	X(RESPONDERS, "SELECT m.user_id, m.role, u.display_name FROM memberships m "     \
	              "JOIN users u ON u.id = m.user_id WHERE m.panel_id = $1 AND "        \
	              "m.status = 'active' AND (m.role = 'steward' OR (m.role = 'guest' " \
	              "AND m.responder = 1)) ORDER BY CASE m.role WHEN 'steward' THEN 0 " \
	              "ELSE 1 END, u.display_name, u.id")                                 \
	X(CONTRIB_OWNER, "UPDATE contributions SET owner_id = $2, updated_at = $3, "     \
	                 "version = version + 1 WHERE id = $1")                           \
	X(CONTRIBS_PANEL, CONTRIB_SELECT "WHERE c.panel_id = $2 AND c.id < $3 "          \
	                  "ORDER BY c.id DESC LIMIT $4")                                  \
	X(CONTRIBS_PROJECT, CONTRIB_SELECT "WHERE c.project_id = $2 AND c.id < $3 "      \
	                    "ORDER BY c.id DESC LIMIT $4")                                \
	X(CONTRIBS_MEETING, CONTRIB_SELECT "WHERE c.id IN (SELECT id FROM "              \
	                    "contributions WHERE meeting_id = $2 AND id < $3 ORDER BY "   \
	                    "id DESC LIMIT $4) ORDER BY c.id")                            \
	X(CONTRIBS_AUTHOR, CONTRIB_SELECT "WHERE c.author_id = $1 AND c.id < $2 "        \
	                   "ORDER BY c.id DESC LIMIT $3")                                 \
	X(CONTRIBS_OWNER_OPEN, CONTRIB_SELECT "WHERE c.owner_id = $2 AND "               \
	                       "c.answered_at IS NULL ORDER BY c.due_at, c.id LIMIT $3")  \
	X(CONTRIBS_PANEL_OPEN, CONTRIB_SELECT "WHERE c.panel_id = $2 AND "               \
	                       "c.answered_at IS NULL ORDER BY c.due_at, c.id LIMIT $3")  \
	X(RESPONSE_ADD, "INSERT INTO responses (panel_id, status, what_done, reason, "   \
	                "referred_to, decided_by, decided_at, written_by, created_at) "   \
	                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")       \
	X(RESPONSE_APPLY, "UPDATE contributions SET status = $3, response_id = $4, "     \
	                  "answered_at = COALESCE(answered_at, $5), updated_at = $6, "    \
	                  "version = version + 1 WHERE id = $1 AND panel_id = $2")        \
	X(RESPONSE_LINK, "INSERT INTO response_links (response_id, contribution_id) "    \
	                 "VALUES ($1, $2) ON CONFLICT (contribution_id, response_id) "    \
	                 "DO NOTHING")                                                    \
	X(RESPONSE_NOTICES, "INSERT INTO notices (user_id, panel_id, body, link, "       \
	                    "created_at, mail_pending) SELECT c.author_id, c.panel_id, "  \
	                    "CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS BIGINT), "    \
	                    "CASE WHEN MIN(u.mail_notices) = 'daily' OR "                 \
	                    "(MIN(u.mail_notices) = 'immediately' AND MAX(CASE WHEN "     \
	                    "c.attribution = 'anonymous' THEN 1 ELSE 0 END) = 1) "        \
	                    "THEN 1 ELSE 0 END "                                          \
	                    "FROM response_links l JOIN contributions c ON "              \
	                    "c.id = l.contribution_id JOIN users u ON u.id = c.author_id " \
	                    "WHERE l.response_id = $1 AND u.status = 'active' AND "       \
	                    "c.author_id <> $5 GROUP BY c.author_id, c.panel_id")         \
	X(RESPONSE_MAIL, "INSERT INTO outbox (to_email, subject, body, created_at, "     \
	                 "panel_id) SELECT u.email, CAST($2 AS TEXT), "                   \
	                 "CAST($3 AS TEXT), CAST($4 AS BIGINT), c.panel_id "              \
	                 "FROM response_links l JOIN contributions c "                    \
	                 "ON c.id = l.contribution_id JOIN users u ON u.id = c.author_id " \
	                 "WHERE l.response_id = $1 AND u.status = 'active' AND "          \
	                 "c.author_id <> $5 AND u.mail_notices = 'immediately' AND "      \
	                 MAILABLE("u.email") " "                                          \
	                 "GROUP BY u.email, c.panel_id HAVING MAX(CASE WHEN "             \
	                 "c.attribution = 'anonymous' THEN 1 ELSE 0 END) = 0")            \
	X(RESPONSES_FOR, "SELECT r.id, r.panel_id, r.decided_at, "                       \
	                 "COALESCE(r.written_by, 0), r.created_at, r.status, "            \
	                 "r.what_done, r.reason, r.referred_to, r.decided_by, "           \
	                 "COALESCE(u.display_name, '') FROM response_links l JOIN "       \
	                 "responses r ON r.id = l.response_id LEFT JOIN users u ON "      \
	                 "u.id = r.written_by WHERE l.contribution_id = $1 ORDER BY r.id") \
	X(INFLUENCE_COUNTS_PANEL, "SELECT status, SUM(n) FROM influence_counts WHERE "   \
	                          "panel_id = $1 GROUP BY status")                        \
	X(INFLUENCE_COUNTS_PROJECT, "SELECT status, SUM(n) FROM influence_counts "       \
	                            "WHERE panel_id = $1 AND project_id = $2 GROUP BY status") \
	X(INFLUENCE_DAYS_PANEL, "SELECT days, SUM(n) FROM influence_days WHERE "         \
	                        "panel_id = $1 GROUP BY days")                            \
	X(INFLUENCE_DAYS_PROJECT, "SELECT days, SUM(n) FROM influence_days WHERE "       \
	                          "panel_id = $1 AND project_id = $2 GROUP BY days")      \
	/* Overdue: all open ones (due_at 0) less those not due yet (0004). */     \
	X(OVERDUE_PANEL, "SELECT (SELECT COALESCE(SUM(n), 0) FROM influence_open "       \
	                 "WHERE panel_id = $1 AND due_at = 0) - (SELECT COALESCE(SUM(n), " \
	                 "0) FROM influence_open WHERE panel_id = $1 AND due_at >= $2)")   \
	X(OVERDUE_PROJECT, "SELECT (SELECT COALESCE(SUM(n), 0) FROM influence_open "     \
	                   "WHERE panel_id = $1 AND project_id = $3 AND due_at = 0) - "  \
	                   "(SELECT COALESCE(SUM(n), 0) FROM influence_open WHERE "      \
	                   "panel_id = $1 AND project_id = $3 AND due_at >= $2)")        \
	/* The release rule (RELEASED, store_private.h). */                    \
	/* Those who passed the question are not counted in its average. */     \
	X(FELT_HEARD_PANEL, RELEASED("m.panel_id = $1")                                  \
	                    "SELECT COUNT(felt_heard), COALESCE(SUM(felt_heard), 0) FROM "  \
	                    "released")                                                     \
	X(FELT_HEARD_PROJECT, RELEASED("m.project_id = $1")                              \
	                      "SELECT COUNT(felt_heard), COALESCE(SUM(felt_heard), 0) FROM " \
	                      "released")                                                   \
	X(NOTICES_LIST, "SELECT id, COALESCE(panel_id, 0), created_at, "                 \
	                "COALESCE(read_at, 0), body, link FROM notices WHERE "            \
	                "user_id = $1 ORDER BY id DESC LIMIT $2")                         \
	X(NOTICES_UNREAD, "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND "         \
	                  "read_at IS NULL")                                              \
	X(NOTICES_UNREAD_UPTO, "SELECT COUNT(*) FROM (SELECT 1 FROM notices WHERE "      \
	                       "user_id = $1 AND read_at IS NULL LIMIT $2) AS n")         \
	X(NOTICES_READ, "UPDATE notices SET read_at = $2 WHERE user_id = $1 AND "        \
	                "read_at IS NULL")

enum voice_stmt {
#define X(id, sql) V_##id,
	VOICE_STMTS(X)
#undef X
	V__COUNT
};

static const char *const voice_sql[V__COUNT] = {
#define X(id, sql) [V_##id] = sql,
	VOICE_STMTS(X)
#undef X
};

static struct sq_table table = SQ_TABLE(voice_sql, V__COUNT);

static struct db_stmt *stmt(struct store *s, enum voice_stmt id)
{
	return sq_table_stmt(s, &table, (int)id);
}

/* ---- projects ---- */

static void read_project(struct db_stmt *st, void *slot, struct arena *a)
{
	struct project *p = slot;
	p->id = db_col_i64(st, 0);
	p->panel_id = db_col_i64(st, 1);
	p->title = sq_col_str(st, 2, a);
	p->purpose = sq_col_str(st, 3, a);
	p->decision_maker = sq_col_str(st, 4, a);
	p->closing_reflection = sq_col_str(st, 5, a);
	if (!stage_parse(db_col_text(st, 6), &p->stage)) p->stage = STAGE_SHAPING;
	p->closed_at = db_col_i64(st, 7);
	p->created_at = db_col_i64(st, 8);
	p->updated_at = db_col_i64(st, 9);
	p->version = db_col_i64(st, 10);
}

enum store_rc store_project_create(struct store *s, const struct project *p, int64_t creator,
                                   int64_t now, int64_t *id)
{
	struct db_stmt *st = stmt(s, V_PROJECT_CREATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, p->panel_id);
	db_bind_text(st, 2, p->title);
	db_bind_text(st, 3, p->purpose ? p->purpose : "");
	db_bind_text(st, 4, p->decision_maker ? p->decision_maker : "");
	db_bind_text(st, 5, stage_key(p->stage));
	sq_bind_ref(st, 6, creator);
	db_bind_i64(st, 7, now);
	return sq_first_i64(st, id);
}

enum store_rc store_project_get(struct store *s, int64_t panel_id, int64_t id,
                                struct arena *a, struct project *out)
{
	struct db_stmt *st = stmt(s, V_PROJECT_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	return sq_one_row(st, read_project, out, a);
}

enum store_rc store_project_update(struct store *s, const struct project *p, int64_t now)
{
	struct db_stmt *st = stmt(s, V_PROJECT_UPDATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, p->id);
	db_bind_text(st, 2, p->title);
	db_bind_text(st, 3, p->purpose ? p->purpose : "");
	db_bind_text(st, 4, p->decision_maker ? p->decision_maker : "");
	db_bind_text(st, 5, stage_key(p->stage));
	db_bind_text(st, 6, p->closing_reflection ? p->closing_reflection : "");
	sq_bind_ref(st, 7, p->closed_at);
	db_bind_i64(st, 8, p->version);
	db_bind_i64(st, 9, now);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? sq_version_miss(stmt(s, V_PROJECT_EXISTS), p->id) : rc;
}

enum store_rc store_projects_list(struct store *s, int64_t panel_id, struct arena *a,
                                  struct project **out, size_t *n)
{
	struct db_stmt *st = stmt(s, V_PROJECTS_LIST);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_project, (void **)out, n);
}

static void read_rung(struct db_stmt *st, void *slot, struct arena *a)
{
	struct project_rung *r = slot;
	if (!stage_parse(db_col_text(st, 0), &r->stage)) r->stage = STAGE_SHAPING;
	r->rung = (int)db_col_i64(st, 1);
	r->evidence = sq_col_str(st, 2, a);
	r->recorded_by_name = sq_col_str(st, 3, a);
	r->recorded_at = db_col_i64(st, 4);
}

static int by_stage(const void *x, const void *y)
{
	const struct project_rung *a = x, *b = y;
	return (int)a->stage - (int)b->stage;
}

enum store_rc store_project_rungs(struct store *s, int64_t project_id, struct arena *a,
                                  struct project_rung **out, size_t *n)
{
	struct db_stmt *st = stmt(s, V_RUNGS_LIST);
	if (st) db_bind_i64(st, 1, project_id);
	enum store_rc rc = sq_collect(st, sizeof **out, a, read_rung, (void **)out, n);
	/* Stage order is the enum's, not the keys' alphabetical order. */
	if (rc == ST_OK && *n > 1) qsort(*out, *n, sizeof **out, by_stage);
	return rc;
}

enum store_rc store_project_rung_set(struct store *s, int64_t project_id,
                                     enum project_stage stage, int rung,
                                     const char *evidence, int64_t by, int64_t now)
{
	struct db_stmt *st = stmt(s, V_RUNG_SET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, project_id);
	db_bind_text(st, 2, stage_key(stage));
	db_bind_i64(st, 3, rung);
	db_bind_text(st, 4, evidence);
	sq_bind_ref(st, 5, by);
	db_bind_i64(st, 6, now);
	return sq_exec(st);
}

/* ---- meetings ---- */

static void read_meeting(struct db_stmt *st, void *slot, struct arena *a)
{
	struct meeting *m = slot;
	m->id = db_col_i64(st, 0);
	m->panel_id = db_col_i64(st, 1);
	m->project_id = db_col_i64(st, 2);
	m->title = sq_col_str(st, 3, a);
	m->place = sq_col_str(st, 4, a);
	m->place_access = sq_col_str(st, 5, a);
	m->online_url = sq_col_str(st, 6, a);
	m->what_we_will_change = sq_col_str(st, 7, a);
	m->project_title = sq_col_str(st, 8, a);
	m->starts_at = db_col_i64(st, 9);
	m->ends_at = db_col_i64(st, 10);
	m->agenda_due_at = db_col_i64(st, 11);
	m->agenda_published_at = db_col_i64(st, 12);
	m->cancelled_at = db_col_i64(st, 13);
	m->created_at = db_col_i64(st, 14);
	m->updated_at = db_col_i64(st, 15);
	m->version = db_col_i64(st, 16);
	m->content_note = sq_col_str(st, 17, a);
}

enum store_rc store_meeting_create(struct store *s, const struct meeting *m, int64_t creator,
                                   int64_t now, int64_t *id)
{
	struct db_stmt *st = stmt(s, V_MEETING_CREATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, m->panel_id);
	sq_bind_ref(st, 2, m->project_id);
	db_bind_text(st, 3, m->title);
	db_bind_i64(st, 4, m->starts_at);
	db_bind_i64(st, 5, m->ends_at);
	db_bind_text(st, 6, m->place ? m->place : "");
	db_bind_text(st, 7, m->place_access ? m->place_access : "");
	db_bind_text(st, 8, m->online_url ? m->online_url : "");
	db_bind_i64(st, 9, m->agenda_due_at);
	sq_bind_ref(st, 10, creator);
	db_bind_i64(st, 11, now);
	db_bind_text(st, 12, m->content_note ? m->content_note : "");
	return sq_first_i64(st, id);
}

enum store_rc store_meeting_get(struct store *s, int64_t panel_id, int64_t id,
                                struct arena *a, struct meeting *out)
{
	struct db_stmt *st = stmt(s, V_MEETING_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	return sq_one_row(st, read_meeting, out, a);
}

enum store_rc store_meeting_update(struct store *s, const struct meeting *m, int64_t now)
{
	struct db_stmt *st = stmt(s, V_MEETING_UPDATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, m->id);
	sq_bind_ref(st, 2, m->project_id);
	db_bind_text(st, 3, m->title);
	db_bind_i64(st, 4, m->starts_at);
	db_bind_i64(st, 5, m->ends_at);
	db_bind_text(st, 6, m->place ? m->place : "");
	db_bind_text(st, 7, m->place_access ? m->place_access : "");
	db_bind_text(st, 8, m->online_url ? m->online_url : "");
	db_bind_i64(st, 9, m->agenda_due_at);
	sq_bind_ref(st, 10, m->cancelled_at);
	db_bind_i64(st, 11, m->version);
	db_bind_i64(st, 12, now);
	db_bind_text(st, 13, m->content_note ? m->content_note : "");
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? sq_version_miss(stmt(s, V_MEETING_EXISTS), m->id) : rc;
}

enum store_rc store_meetings_list(struct store *s, int64_t panel_id, int64_t project_id,
                                  int64_t user_id, bool invited_only, struct arena *a,
                                  struct meeting **out, size_t *n)
{
	struct db_stmt *st = stmt(s, V_MEETINGS_LIST);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, project_id > 0 ? project_id : 0);
		db_bind_i64(st, 3, invited_only ? user_id : 0);
	}
	return sq_collect(st, sizeof **out, a, read_meeting, (void **)out, n);
}

bool store_meeting_invited(struct store *s, int64_t meeting_id, int64_t user_id)
{
	struct db_stmt *st = stmt(s, V_GUEST_IS);
	if (!st) return false;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	return sq_scalar_i64(st) > 0;
}

enum store_rc store_meeting_guest_set(struct store *s, int64_t meeting_id, int64_t user_id,
                                      bool invited, int64_t now, bool *changed)
{
	struct db_stmt *st = stmt(s, invited ? V_GUEST_ADD : V_GUEST_REMOVE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	if (invited) db_bind_i64(st, 3, now);
	enum store_rc rc = sq_exec_changed(s, st);
	if (changed) *changed = rc == ST_OK;
	return rc == ST_NOT_FOUND ? ST_OK : rc;
}

enum store_rc store_meeting_reply(struct store *s, int64_t meeting_id, int64_t user_id,
                                  enum meeting_reply reply, int64_t now)
{
	struct db_stmt *st = stmt(s, V_REPLY_SET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	db_bind_text(st, 3, reply_key(reply));
	db_bind_i64(st, 4, now);
	return sq_exec(st);
}

enum store_rc store_meeting_attended(struct store *s, int64_t meeting_id, int64_t user_id,
                                     bool attended, int64_t now)
{
	struct db_stmt *st = stmt(s, V_ATTENDED_SET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, attended);
	db_bind_i64(st, 4, now);
	return sq_exec(st);
}

static enum meeting_reply reply_of(struct db_stmt *st, int col)
{
	enum meeting_reply r;
	return reply_parse(db_col_text(st, col), &r) ? r : REPLY_NONE;
}

enum store_rc store_meeting_mine(struct store *s, int64_t meeting_id, int64_t user_id,
                                 enum meeting_reply *reply, bool *attended)
{
	*reply = REPLY_NONE;
	*attended = false;
	struct db_stmt *st = stmt(s, V_REPLY_MINE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		*reply = reply_of(st, 0);
		*attended = !db_col_is_null(st, 1) && db_col_i64(st, 1) == 1;
		db_done(st);
	}
	return rc == ST_NOT_FOUND ? ST_OK : rc;
}

static void read_person(struct db_stmt *st, void *slot, struct arena *a)
{
	struct meeting_person *p = slot;
	p->user_id = db_col_i64(st, 0);
	p->display_name = sq_col_str(st, 1, a);
	if (!role_parse(db_col_text(st, 2), &p->role)) p->role = ROLE_NONE;
	p->reply = reply_of(st, 3);
	p->attended = db_col_is_null(st, 4) ? -1 : (int)db_col_i64(st, 4);
}

enum store_rc store_meeting_people(struct store *s, int64_t panel_id, int64_t meeting_id,
                                   struct arena *a, struct meeting_person **out, size_t *n)
{
	struct db_stmt *st = stmt(s, V_MEETING_PEOPLE);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, meeting_id);
	}
	return sq_collect(st, sizeof **out, a, read_person, (void **)out, n);
}

/* ---- agenda ---- */

static void read_item(struct db_stmt *st, void *slot, struct arena *a)
{
	struct agenda_item *i = slot;
	i->id = db_col_i64(st, 0);
	i->meeting_id = db_col_i64(st, 1);
	i->proposed_by = db_col_i64(st, 2);
	i->title = sq_col_str(st, 3, a);
	i->why = sq_col_str(st, 4, a);
	i->content_note = sq_col_str(st, 5, a);
	i->proposer_name = sq_col_str(st, 6, a);
	i->not_taken_reason = sq_col_str(st, 7, a);
	if (!item_state_parse(db_col_text(st, 8), &i->state)) i->state = ITEM_PROPOSED;
	i->position = db_col_i64(st, 9);
	i->supporters = db_col_i64(st, 10);
	i->step_outs = db_col_i64(st, 11);
	i->proposed_at = db_col_i64(st, 12);
	i->version = db_col_i64(st, 13);
	i->i_support = db_col_i64(st, 14) != 0;
	i->i_step_out = db_col_i64(st, 15) != 0;
}

enum store_rc store_agenda_items(struct store *s, int64_t meeting_id, int64_t viewer_id,
                                 struct arena *a, struct agenda_item **out, size_t *n)
{
	struct db_stmt *st = stmt(s, V_AGENDA_LIST);
	if (st) {
		db_bind_i64(st, 1, meeting_id);
		db_bind_i64(st, 2, viewer_id);
	}
	return sq_collect(st, sizeof **out, a, read_item, (void **)out, n);
}

enum store_rc store_agenda_item_get(struct store *s, int64_t meeting_id, int64_t id,
                                    int64_t viewer_id, struct arena *a,
                                    struct agenda_item *out)
{
	struct db_stmt *st = stmt(s, V_AGENDA_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, viewer_id);
	db_bind_i64(st, 3, id);
	return sq_one_row(st, read_item, out, a);
}

enum store_rc store_agenda_propose(struct store *s, int64_t meeting_id, const char *title,
                                   const char *why, const char *content_note, int64_t by,
                                   int64_t now, int64_t *id)
{
	struct db_stmt *st = stmt(s, V_AGENDA_PROPOSE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, why ? why : "");
	db_bind_text(st, 4, content_note ? content_note : "");
	sq_bind_ref(st, 5, by);
	db_bind_i64(st, 6, now);
	enum store_rc rc = sq_first_i64(st, id);
	return rc == ST_NOT_FOUND ? ST_CONFLICT : rc;
}

static enum store_rc toggle(struct store *s, enum voice_stmt add, enum voice_stmt remove,
                            int64_t item_id, int64_t user_id, bool on, int64_t now)
{
	struct db_stmt *st = stmt(s, on ? add : remove);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, item_id);
	db_bind_i64(st, 2, user_id);
	if (on) db_bind_i64(st, 3, now);
	return sq_exec(st);
}

enum store_rc store_agenda_support(struct store *s, int64_t item_id, int64_t user_id,
                                   bool on, int64_t now)
{
	return toggle(s, V_SUPPORT_ADD, V_SUPPORT_REMOVE, item_id, user_id, on, now);
}

enum store_rc store_agenda_step_out(struct store *s, int64_t item_id, int64_t user_id,
                                    bool on, int64_t now)
{
	return toggle(s, V_STEP_OUT_ADD, V_STEP_OUT_REMOVE, item_id, user_id, on, now);
}

static void read_name(struct db_stmt *st, void *slot, struct arena *a)
{
	*(const char **)slot = sq_col_str(st, 0, a);
}

enum store_rc store_agenda_step_out_names(struct store *s, int64_t item_id, struct arena *a,
                                          const char ***names, size_t *n)
{
	struct db_stmt *st = stmt(s, V_STEP_OUT_NAMES);
	if (st) db_bind_i64(st, 1, item_id);
	return sq_collect(st, sizeof **names, a, read_name, (void **)names, n);
}

struct publish_ctx {
	int64_t meeting_id, now;
	const struct agenda_decision *d;
	size_t n;
};

static enum store_rc publish_in_tx(struct store *s, void *p)
{
	struct publish_ctx *c = p;
	/* Published once: the first of two requests at once takes it, the
	 * other changes nothing. */
	struct db_stmt *st = stmt(s, V_AGENDA_PUBLISHED);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->meeting_id);
	db_bind_i64(st, 2, c->now);
	enum store_rc rc = sq_exec_changed(s, st);
	if (rc != ST_OK) return rc == ST_NOT_FOUND ? ST_CONFLICT : rc;
	for (size_t i = 0; i < c->n; i++) {
		st = stmt(s, V_AGENDA_DECIDE);
		if (!st) return ST_ERROR;
		db_bind_i64(st, 1, c->d[i].item_id);
		db_bind_i64(st, 2, c->meeting_id);
		db_bind_text(st, 3, item_state_key(c->d[i].state));
		db_bind_i64(st, 4, c->d[i].position);
		db_bind_text(st, 5, c->d[i].not_taken_reason ? c->d[i].not_taken_reason : "");
		db_bind_i64(st, 6, c->now);
		rc = sq_exec_changed(s, st);
		if (rc != ST_OK) return rc;
	}
	/* Papers go out with the agenda. */
	return store_papers_publish_drafts(s, c->meeting_id, c->now);
}

enum store_rc store_agenda_publish(struct store *s, int64_t meeting_id,
                                   const struct agenda_decision *d, size_t n, int64_t now)
{
	struct publish_ctx c = { meeting_id, now, d, n };
	return store_tx(s, publish_in_tx, &c);
}

/* ---- contributions ---- */

static void read_contribution(struct db_stmt *st, void *slot, struct arena *a)
{
	struct contribution *c = slot;
	c->id = db_col_i64(st, 0);
	c->panel_id = db_col_i64(st, 1);
	c->project_id = db_col_i64(st, 2);
	c->meeting_id = db_col_i64(st, 3);
	c->item_id = db_col_i64(st, 4);
	if (!kind_parse(db_col_text(st, 5), &c->kind)) c->kind = KIND_IDEA;
	c->body = sq_col_str(st, 6, a);
	/* Unknown attribution reads as anonymous: the safe way to be wrong. */
	if (!attribution_parse(db_col_text(st, 7), &c->attribution)) c->attribution = ATTR_ANONYMOUS;
	c->group_name = sq_col_str(st, 8, a);
	c->author_id = db_col_i64(st, 9);
	c->author_name = sq_col_str(st, 10, a);
	c->mine = db_col_i64(st, 11) != 0;
	c->created_at = db_col_i64(st, 12);
	c->owner_id = db_col_i64(st, 13);
	c->due_at = db_col_i64(st, 14);
	c->answered_at = db_col_i64(st, 15);
	c->version = db_col_i64(st, 16);
	c->owner_name = sq_col_str(st, 17, a);
	c->panel_name = sq_col_str(st, 18, a);
	c->project_title = sq_col_str(st, 19, a);
	c->meeting_title = sq_col_str(st, 20, a);
	enum response_status rs;
	c->status = response_status_parse(db_col_text(st, 21), &rs) ? rs : RS_AWAITING;
	c->response_id = db_col_i64(st, 22);
	c->decided_at = db_col_i64(st, 23);
	c->what_done = sq_col_str(st, 24, a);
	c->reason = sq_col_str(st, 25, a);
	c->referred_to = sq_col_str(st, 26, a);
	c->decided_by = sq_col_str(st, 27, a);
}

enum store_rc store_contribution_add(struct store *s, const struct contribution_new *c,
                                     int64_t now, int64_t *id)
{
	struct db_stmt *st = stmt(s, V_CONTRIB_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->panel_id);
	sq_bind_ref(st, 2, c->project_id);
	sq_bind_ref(st, 3, c->meeting_id);
	sq_bind_ref(st, 4, c->item_id);
	db_bind_text(st, 5, kind_key(c->kind));
	db_bind_text(st, 6, c->body);
	db_bind_text(st, 7, attribution_key(c->attribution));
	db_bind_text(st, 8, c->group_name ? c->group_name : "");
	sq_bind_ref(st, 9, c->author_id);
	sq_bind_ref(st, 10, c->recorded_by);
	db_bind_i64(st, 11, now);
	sq_bind_ref(st, 12, c->owner_id);
	db_bind_i64(st, 13, c->due_at);
	return sq_first_i64(st, id);
}

enum store_rc store_contribution_get(struct store *s, int64_t panel_id, int64_t id,
                                     int64_t viewer_id, struct arena *a,
                                     struct contribution *out)
{
	struct db_stmt *st = stmt(s, V_CONTRIB_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, viewer_id);
	db_bind_i64(st, 2, panel_id);
	db_bind_i64(st, 3, id);
	return sq_one_row(st, read_contribution, out, a);
}

static void read_responder(struct db_stmt *st, void *slot, struct arena *a)
{
	struct member_row *r = slot;
	r->m.user_id = db_col_i64(st, 0);
	if (!role_parse(db_col_text(st, 1), &r->m.role)) r->m.role = ROLE_NONE;
	r->m.status = MEMBER_ACTIVE;
	r->m.responder = r->m.role == ROLE_GUEST;
	r->display_name = sq_col_str(st, 2, a);
	r->email = "";
}

enum store_rc store_panel_responders(struct store *s, int64_t panel_id, struct arena *a,
                                     struct member_row **out, size_t *n)
{
	struct db_stmt *st = stmt(s, V_RESPONDERS);
	if (st) db_bind_i64(st, 1, panel_id);
	enum store_rc rc = sq_collect(st, sizeof **out, a, read_responder, (void **)out, n);
	for (size_t i = 0; rc == ST_OK && i < *n; i++) (*out)[i].m.panel_id = panel_id;
	return rc;
}

int64_t store_panel_default_owner(struct store *s, int64_t panel_id)
{
	struct db_stmt *st = stmt(s, V_DEFAULT_OWNER);
	if (!st) return 0;
	db_bind_i64(st, 1, panel_id);
	return sq_scalar_i64(st);
}

enum store_rc store_contribution_set_owner(struct store *s, int64_t id, int64_t owner_id,
                                           int64_t now)
{
	struct db_stmt *st = stmt(s, V_CONTRIB_OWNER);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	sq_bind_ref(st, 2, owner_id);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

enum store_rc store_contributions_list(struct store *s, enum contribution_scope scope,
                                       int64_t key, int64_t viewer_id, int64_t before,
                                       int limit, struct arena *a,
                                       struct contribution **out, size_t *n)
{
	static const enum voice_stmt by_scope[] = {
		[CS_PANEL] = V_CONTRIBS_PANEL, [CS_PROJECT] = V_CONTRIBS_PROJECT,
		[CS_MEETING] = V_CONTRIBS_MEETING, [CS_AUTHOR] = V_CONTRIBS_AUTHOR,
		[CS_OWNER_OPEN] = V_CONTRIBS_OWNER_OPEN, [CS_PANEL_OPEN] = V_CONTRIBS_PANEL_OPEN,
	};
	*out = NULL;
	*n = 0;
	if ((unsigned)scope >= sizeof by_scope / sizeof by_scope[0]) return ST_ERROR;
	struct db_stmt *st = stmt(s, by_scope[scope]);
	if (!st) return ST_ERROR;
	/* A page is the newest `limit` below the cursor; a meeting's page is
	 * then given oldest first, in the order things were said. */
	int64_t cursor = before > 0 ? before : INT64_MAX;
	db_bind_i64(st, 1, viewer_id);
	switch (scope) {
	case CS_AUTHOR:
		/* Always the viewer's own: listing by someone else's id would
		 * tell who wrote their anonymous contributions. */
		db_bind_i64(st, 2, cursor);
		db_bind_i64(st, 3, limit);
		break;
	case CS_OWNER_OPEN:
	case CS_PANEL_OPEN:
		db_bind_i64(st, 2, key);
		db_bind_i64(st, 3, limit);
		break;
	default:
		db_bind_i64(st, 2, key);
		db_bind_i64(st, 3, cursor);
		db_bind_i64(st, 4, limit);
		break;
	}
	return sq_collect(st, sizeof **out, a, read_contribution, (void **)out, n);
}

/* ---- responses ---- */

struct respond_ctx {
	const struct response_record *r;
	const int64_t *ids;
	size_t n;
	const char *notice_text, *link, *mail_subject, *mail_body;
	int64_t now, id;
};

/* Sends one notice or message per author of the response's contributions,
 * never to its writer (statements RESPONSE_NOTICES / RESPONSE_MAIL). The
 * notice is marked for the author's digest when they chose one, or when
 * what was answered includes something they said anonymously, which is
 * never mailed at once (0009_mail_choices.sql); the message goes at once
 * to those who chose that, but for anonymous words. */
static enum store_rc tell_authors(struct store *s, enum voice_stmt which, struct respond_ctx *c,
                                  const char *a, const char *b)
{
	struct db_stmt *st = stmt(s, which);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->id);
	db_bind_text(st, 2, a);
	db_bind_text(st, 3, b);
	db_bind_i64(st, 4, c->now);
	db_bind_i64(st, 5, c->r->written_by);
	return sq_exec(st);
}

static enum store_rc respond_in_tx(struct store *s, void *p)
{
	struct respond_ctx *c = p;
	const struct response_record *r = c->r;
	struct db_stmt *st = stmt(s, V_RESPONSE_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, r->panel_id);
	db_bind_text(st, 2, response_status_key(r->status));
	db_bind_text(st, 3, r->what_done ? r->what_done : "");
	db_bind_text(st, 4, r->reason ? r->reason : "");
	db_bind_text(st, 5, r->referred_to ? r->referred_to : "");
	db_bind_text(st, 6, r->decided_by ? r->decided_by : "");
	db_bind_i64(st, 7, r->decided_at ? r->decided_at : c->now);
	sq_bind_ref(st, 8, r->written_by);
	db_bind_i64(st, 9, c->now);
	enum store_rc rc = sq_first_i64(st, &c->id);
	for (size_t i = 0; rc == ST_OK && i < c->n; i++) {
		st = stmt(s, V_RESPONSE_APPLY);
		if (!st) return ST_ERROR;
		db_bind_i64(st, 1, c->ids[i]);
		db_bind_i64(st, 2, r->panel_id);
		db_bind_text(st, 3, response_status_key(r->status));
		db_bind_i64(st, 4, c->id);
		if (response_is_outcome(r->status)) db_bind_i64(st, 5, c->now);
		else db_bind_null(st, 5);
		db_bind_i64(st, 6, c->now);
		rc = sq_exec_changed(s, st);
		if (rc != ST_OK) break;
		st = stmt(s, V_RESPONSE_LINK);
		if (!st) return ST_ERROR;
		db_bind_i64(st, 1, c->id);
		db_bind_i64(st, 2, c->ids[i]);
		rc = sq_exec(st);
	}
	if (rc == ST_OK) rc = tell_authors(s, V_RESPONSE_NOTICES, c, c->notice_text, c->link);
	if (rc == ST_OK)
		rc = tell_authors(s, V_RESPONSE_MAIL, c, c->mail_subject, c->mail_body);
	return rc;
}

enum store_rc store_response_add(struct store *s, const struct response_record *r,
                                 const int64_t *ids, size_t n, const char *notice_text,
                                 const char *link, const char *mail_subject,
                                 const char *mail_body, int64_t now, int64_t *id)
{
	struct respond_ctx c = { r, ids, n, notice_text, link, mail_subject, mail_body, now, 0 };
	enum store_rc rc = store_tx(s, respond_in_tx, &c);
	if (rc == ST_OK && id) *id = c.id;
	return rc;
}

static void read_response(struct db_stmt *st, void *slot, struct arena *a)
{
	struct response_record *r = slot;
	r->id = db_col_i64(st, 0);
	r->panel_id = db_col_i64(st, 1);
	r->decided_at = db_col_i64(st, 2);
	r->written_by = db_col_i64(st, 3);
	r->created_at = db_col_i64(st, 4);
	enum response_status rs;
	r->status = response_status_parse(db_col_text(st, 5), &rs) ? rs : RS_RECEIVED;
	r->what_done = sq_col_str(st, 6, a);
	r->reason = sq_col_str(st, 7, a);
	r->referred_to = sq_col_str(st, 8, a);
	r->decided_by = sq_col_str(st, 9, a);
	r->written_by_name = sq_col_str(st, 10, a);
}

enum store_rc store_contribution_responses(struct store *s, int64_t contribution_id,
                                           struct arena *a, struct response_record **out,
                                           size_t *n)
{
	struct db_stmt *st = stmt(s, V_RESPONSES_FOR);
	if (st) db_bind_i64(st, 1, contribution_id);
	return sq_collect(st, sizeof **out, a, read_response, (void **)out, n);
}

/* ---- influence ---- */

/* Binds panel_id and, for a project's figures, project_id as $2. */
static struct db_stmt *scoped(struct store *s, enum voice_stmt panel_stmt,
                              enum voice_stmt project_stmt, int64_t panel_id,
                              int64_t project_id)
{
	struct db_stmt *st = stmt(s, project_id ? project_stmt : panel_stmt);
	if (!st) return NULL;
	db_bind_i64(st, 1, panel_id);
	if (project_id) db_bind_i64(st, 2, project_id);
	return st;
}

enum store_rc store_influence(struct store *s, int64_t panel_id, int64_t project_id,
                              int64_t now, struct influence *out)
{
	memset(out, 0, sizeof *out);
	out->median_days = -1;
	struct db_stmt *st = scoped(s, V_INFLUENCE_COUNTS_PANEL, V_INFLUENCE_COUNTS_PROJECT,
	                            panel_id, project_id);
	if (!st) return ST_ERROR;
	enum db_rc r;
	while ((r = db_step(st)) == DB_ROW) {
		enum response_status rs;
		int64_t count = db_col_i64(st, 1);
		if (!response_status_parse(db_col_text(st, 0), &rs)) rs = RS_AWAITING;
		out->contributions += count;
		if (response_is_outcome(rs)) out->answered += count;
		if (rs == RS_ADOPTED || rs == RS_ADOPTED_IN_PART) out->adopted += count;
	}
	if (r != DB_DONE) return sq_rc(r);

	/* The histogram has one row per distinct number of days: usually a
	 * few dozen, so the arrays grow as rows come rather than being sized
	 * for the most there can be. */
	enum { MAX_DAYS = 4096 };
	int64_t *days = NULL, *counts = NULL;
	size_t k = 0, cap = 0;
	st = scoped(s, V_INFLUENCE_DAYS_PANEL, V_INFLUENCE_DAYS_PROJECT, panel_id, project_id);
	if (!st) return ST_ERROR;
	while ((r = db_step(st)) == DB_ROW) {
		if (k == MAX_DAYS) continue; /* more than 11 years of distinct delays */
		if (k == cap) {
			cap = cap ? 2 * cap : 64;
			days = xrealloc(days, cap * sizeof *days);
			counts = xrealloc(counts, cap * sizeof *counts);
		}
		days[k] = db_col_i64(st, 0);
		counts[k++] = db_col_i64(st, 1);
	}
	out->median_days = median_of_days(days, counts, k);
	free(days);
	free(counts);
	if (r != DB_DONE) return sq_rc(r);

	st = project_id ? stmt(s, V_OVERDUE_PROJECT) : stmt(s, V_OVERDUE_PANEL);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, now);
	if (project_id) db_bind_i64(st, 3, project_id);
	enum store_rc rc = sq_first_i64(st, &out->overdue);
	if (rc != ST_OK) return rc;

	st = project_id ? stmt(s, V_FELT_HEARD_PROJECT) : stmt(s, V_FELT_HEARD_PANEL);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, project_id ? project_id : panel_id);
	db_bind_i64(st, 2, REFLECTION_MIN_ANSWERS);
	rc = sq_first_row(st);
	if (rc == ST_OK) {
		out->reflections = db_col_i64(st, 0);
		out->felt_heard_sum = db_col_i64(st, 1);
		db_done(st);
	}
	return rc;
}

/* ---- notices ---- */

static void read_notice(struct db_stmt *st, void *slot, struct arena *a)
{
	struct notice *n = slot;
	n->id = db_col_i64(st, 0);
	n->panel_id = db_col_i64(st, 1);
	n->created_at = db_col_i64(st, 2);
	n->read_at = db_col_i64(st, 3);
	n->body = sq_col_str(st, 4, a);
	n->link = sq_col_str(st, 5, a);
}

enum store_rc store_notices_list(struct store *s, int64_t user_id, int limit,
                                 struct arena *a, struct notice **out, size_t *n)
{
	struct db_stmt *st = stmt(s, V_NOTICES_LIST);
	if (st) {
		db_bind_i64(st, 1, user_id);
		db_bind_i64(st, 2, limit);
	}
	return sq_collect(st, sizeof **out, a, read_notice, (void **)out, n);
}

int64_t store_notices_unread(struct store *s, int64_t user_id)
{
	struct db_stmt *st = stmt(s, V_NOTICES_UNREAD);
	if (!st) return 0;
	db_bind_i64(st, 1, user_id);
	return sq_scalar_i64(st);
}

int64_t store_notices_unread_upto(struct store *s, int64_t user_id, int64_t cap)
{
	struct db_stmt *st = stmt(s, V_NOTICES_UNREAD_UPTO);
	if (!st) return 0;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, cap);
	return sq_scalar_i64(st);
}

enum store_rc store_notices_mark_read(struct store *s, int64_t user_id, int64_t now)
{
	struct db_stmt *st = stmt(s, V_NOTICES_READ);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, now);
	return sq_exec(st);
}

enum store_rc store_meeting_asked_after(struct store *s, int64_t meeting_id, int64_t user_id,
                                        int64_t now)
{
	struct db_stmt *st = stmt(s, V_ASKED_AFTER);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

static void read_after(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	struct attendee_due *d = slot;
	d->meeting_id = db_col_i64(st, 0);
	d->user_id = db_col_i64(st, 1);
	d->panel_id = db_col_i64(st, 2);
}

enum store_rc store_after_meeting_due(struct store *s, int64_t now, int64_t since,
                                      struct arena *a, struct attendee_due **out, size_t *n)
{
	struct db_stmt *st = stmt(s, V_AFTER_DUE);
	if (st) {
		db_bind_i64(st, 1, now);
		db_bind_i64(st, 2, since);
	}
	return sq_collect(st, sizeof **out, a, read_after, (void **)out, n);
}
