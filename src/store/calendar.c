/* The store's private calendar feeds (store.h): one feed per person, found
 * by the hash of the token in its address, and the meetings it holds.
 *
 * The feed's meetings follow the rule pages keep (core/policy.h,
 * voice/meetings_page.c's load_meeting): co-creators and stewards see every
 * meeting of their panel, a guest only those they are invited to. The
 * feed is narrower in one way: only active memberships count, so pausing
 * or removing someone empties their feed of that panel at once. */
#include "store/store_private.h"

/* The columns of a meeting (as voice.c's MEETING_SELECT reads them) and
 * its panel's name and zone; read_entry() reads them in this order. $1 is
 * the person. */
#define CALENDAR_SELECT                                                           \
	"SELECT m.id, m.panel_id, COALESCE(m.project_id, 0), m.title, m.place, "      \
	"m.place_access, m.online_url, m.what_we_will_change, COALESCE(p.title, ''), " \
	"m.starts_at, m.ends_at, m.agenda_due_at, COALESCE(m.agenda_published_at, 0), " \
	"COALESCE(m.cancelled_at, 0), m.created_at, m.updated_at, m.version, "        \
	"pn.name, pn.time_zone, m.content_note "                                      \
	"FROM meetings m JOIN panels pn ON pn.id = m.panel_id "                       \
	"JOIN memberships ms ON ms.panel_id = m.panel_id AND ms.user_id = $1 "        \
	"AND ms.status = 'active' "                                                   \
	"LEFT JOIN projects p ON p.id = m.project_id "

#define CALENDAR_STMTS(X)                                                            \
	X(FEED_SET, "INSERT INTO calendar_feeds (user_id, token_hash, created_at) "      \
	            "VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET "            \
	            "token_hash = excluded.token_hash, created_at = excluded.created_at") \
	X(FEED_REVOKE, "DELETE FROM calendar_feeds WHERE user_id = $1")                  \
	X(FEED_GET, "SELECT created_at FROM calendar_feeds WHERE user_id = $1")          \
	X(FEED_USER, "SELECT f.user_id FROM calendar_feeds f JOIN users u ON "           \
	             "u.id = f.user_id WHERE f.token_hash = $1 AND u.status = 'active'")  \
	X(FEED_MEETINGS, CALENDAR_SELECT "WHERE m.starts_at >= $2 AND "                  \
	                 "(ms.role IN ('co_creator', 'steward') OR (ms.role = 'guest' "   \
	                 "AND EXISTS (SELECT 1 FROM meeting_guests g WHERE "              \
	                 "g.meeting_id = m.id AND g.user_id = $1))) "                     \
	                 "ORDER BY m.starts_at, m.id LIMIT $3")

enum calendar_stmt {
#define X(id, sql) C_##id,
	CALENDAR_STMTS(X)
#undef X
	C__COUNT
};

static const char *const calendar_sql[C__COUNT] = {
#define X(id, sql) [C_##id] = sql,
	CALENDAR_STMTS(X)
#undef X
};

static struct sq_table table = SQ_TABLE(calendar_sql, C__COUNT);

static struct db_stmt *stmt(struct store *s, enum calendar_stmt id)
{
	return sq_table_stmt(s, &table, (int)id);
}

enum store_rc store_calendar_feed_set(struct store *s, int64_t user_id, const char *token_hash,
                                      int64_t now)
{
	struct db_stmt *st = stmt(s, C_FEED_SET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_text(st, 2, token_hash);
	db_bind_i64(st, 3, now);
	return sq_exec(st);
}

enum store_rc store_calendar_feed_revoke(struct store *s, int64_t user_id)
{
	struct db_stmt *st = stmt(s, C_FEED_REVOKE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	return sq_exec_changed(s, st);
}

enum store_rc store_calendar_feed_get(struct store *s, int64_t user_id, int64_t *created_at)
{
	*created_at = 0;
	struct db_stmt *st = stmt(s, C_FEED_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	return sq_first_i64(st, created_at);
}

enum store_rc store_calendar_feed_user(struct store *s, const char *token_hash, int64_t *user_id)
{
	*user_id = 0;
	struct db_stmt *st = stmt(s, C_FEED_USER);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	return sq_first_i64(st, user_id);
}

static void read_entry(struct db_stmt *st, void *slot, struct arena *a)
{
	struct calendar_entry *e = slot;
	struct meeting *m = &e->meeting;
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
	e->panel_name = sq_col_str(st, 17, a);
	e->time_zone = sq_col_str(st, 18, a);
	m->content_note = sq_col_str(st, 19, a);
}

enum store_rc store_calendar_meetings(struct store *s, int64_t user_id, int64_t since, int limit,
                                      struct arena *a, struct calendar_entry **out, size_t *n)
{
	struct db_stmt *st = stmt(s, C_FEED_MEETINGS);
	if (st) {
		db_bind_i64(st, 1, user_id);
		db_bind_i64(st, 2, since);
		db_bind_i64(st, 3, limit);
	}
	return sq_collect(st, sizeof **out, a, read_entry, (void **)out, n);
}
