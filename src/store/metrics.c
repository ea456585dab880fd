/* The figures /metrics shows of the database (store.h): counts only,
 * never a row's contents. */
#include "store/store_private.h"

#define STMTS(X)                                                                            \
	X(OUTBOX, "SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 "   \
	          "ELSE 0 END), 0), COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 "  \
	          "END), 0) FROM outbox")                                                        \
	X(SESSIONS, "SELECT COUNT(*) FROM sessions WHERE expires_at > $1")                      \
	X(SIZE_SQLITE, "SELECT page_count * page_size FROM pragma_page_count(), "               \
	               "pragma_page_size()")                                                     \
	X(SIZE_POSTGRESQL, "SELECT pg_database_size(current_database())")

SQ_STATEMENTS(STMTS)

enum store_rc store_metrics(struct store *s, int64_t now, struct store_metrics *out)
{
	*out = (struct store_metrics){ 0 };
	struct db_stmt *st = stmt(s, S_OUTBOX);
	if (!st) return ST_ERROR;
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	out->outbox_waiting = db_col_i64(st, 0);
	out->outbox_failed = db_col_i64(st, 1);
	db_done(st);
	if (!(st = stmt(s, S_SESSIONS))) return ST_ERROR;
	db_bind_i64(st, 1, now);
	if ((rc = sq_first_i64(st, &out->sessions)) != ST_OK) return rc;
	st = stmt(s, store_is_postgresql(s) ? S_SIZE_POSTGRESQL : S_SIZE_SQLITE);
	return st ? sq_first_i64(st, &out->database_bytes) : ST_ERROR;
}
