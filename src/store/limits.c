/* The store's operations on each person's own limits and load (store.h). */
#include "store/store_private.h"

/* What someone has taken on in a period: meetings they came to or said
 * they are coming to (not cancelled), and places they hold in
 * opportunities not yet past. */
#define STMTS(X)                                                                           \
	X(GET, "SELECT COALESCE(hours_month, -1), COALESCE(meetings_month, -1), "              \
	       "COALESCE(opportunities_at_once, -1), COALESCE(paused_until, -1), updated_at, "  \
	       "share_signals "                                                                 \
	       "FROM member_limits WHERE user_id = $1")                                         \
	X(PUT, "INSERT INTO member_limits (user_id, hours_month, meetings_month, "              \
	       "opportunities_at_once, paused_until, updated_at, share_signals) VALUES "         \
	       "($1, $2, $3, $4, $5, $6, $7) "                                                  \
	       "ON CONFLICT (user_id) DO UPDATE SET hours_month = excluded.hours_month, "        \
	       "meetings_month = excluded.meetings_month, opportunities_at_once = "             \
	       "excluded.opportunities_at_once, paused_until = excluded.paused_until, "          \
	       "updated_at = excluded.updated_at, share_signals = excluded.share_signals")      \
	X(HARD, "SELECT CASE WHEN " SQ_HARD_MEETING("m") " THEN 1 ELSE 0 END FROM "             \
	        "meeting_replies r JOIN meetings m ON "                                         \
	        "m.id = r.meeting_id WHERE r.user_id = $1 AND r.attended = 1 AND "              \
	        "m.starts_at < $2 AND m.cancelled_at IS NULL ORDER BY m.starts_at DESC LIMIT 10") \
	X(MEETINGS, "SELECT COUNT(*), COALESCE(SUM(m.ends_at - m.starts_at), 0) FROM "           \
	            "meeting_replies r JOIN meetings m ON m.id = r.meeting_id WHERE "             \
	            "r.user_id = $1 AND m.starts_at >= $2 AND m.starts_at < $3 AND "             \
	            "m.cancelled_at IS NULL AND (r.attended = 1 OR (r.attended IS NULL AND "     \
	            "r.reply = 'coming'))")                                                      \
	X(PLACES, "SELECT COUNT(*) FROM opportunity_places p JOIN opportunities o ON "           \
	          "o.id = p.opportunity_id WHERE p.user_id = $1 AND p.dropped_at IS NULL AND "   \
	          "o.cancelled_at IS NULL AND (o.starts_at IS NULL OR o.starts_at >= $2)")

SQ_STATEMENTS(STMTS)

static void bind_limit(struct db_stmt *st, int idx, int64_t v)
{
	if (v < 0) db_bind_null(st, idx);
	else db_bind_i64(st, idx, v);
}

enum store_rc store_limits_get(struct store *s, int64_t user_id, struct member_limits *out)
{
	*out = (struct member_limits){ -1, -1, -1, -1, 0, false };
	struct db_stmt *st = stmt(s, S_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_NOT_FOUND) return ST_OK;
	if (rc != ST_OK) return rc;
	*out = (struct member_limits){ db_col_i64(st, 0), db_col_i64(st, 1), db_col_i64(st, 2),
	                               db_col_i64(st, 3), db_col_i64(st, 4), db_col_i64(st, 5) != 0 };
	db_done(st);
	return ST_OK;
}

enum store_rc store_limits_put(struct store *s, int64_t user_id, const struct member_limits *l,
                               int64_t now)
{
	struct db_stmt *st = stmt(s, S_PUT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	bind_limit(st, 2, l->hours_month);
	bind_limit(st, 3, l->meetings_month);
	bind_limit(st, 4, l->opportunities_at_once);
	bind_limit(st, 5, l->paused_until);
	db_bind_i64(st, 6, now);
	db_bind_i64(st, 7, l->share_signals);
	return sq_exec(st);
}

enum store_rc store_load(struct store *s, int64_t user_id, int64_t from, int64_t to,
                         int64_t today, struct member_load *out)
{
	*out = (struct member_load){ 0 };
	struct db_stmt *st = stmt(s, S_MEETINGS);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, from);
	db_bind_i64(st, 3, to);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	out->meetings = db_col_i64(st, 0);
	out->minutes = db_col_i64(st, 1) / 60;
	db_done(st);
	if (!(st = stmt(s, S_PLACES))) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, today);
	return sq_first_i64(st, &out->opportunities);
}

enum store_rc store_hard_run(struct store *s, int64_t user_id, int64_t now, int *run)
{
	*run = 0;
	struct db_stmt *st = stmt(s, S_HARD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_i64(st, 2, now);
	enum db_rc r;
	bool going = true;
	while ((r = db_step(st)) == DB_ROW)
		if (going && db_col_i64(st, 0)) ++*run;
		else going = false;
	db_done(st);
	return r == DB_DONE ? ST_OK : sq_rc(r);
}
