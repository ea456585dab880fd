/* The store's operations on standards self-assessment (store.h). Figures
 * about ratings are released as reflections' are: of each project,
 * standard and quarter's n ratings, only the first n - n % $2 by id count. */
#include "store/store_private.h"

#define RANKED                                                                              \
	"WITH ranked AS (SELECT standard, quarter, rating, comment, ROW_NUMBER() OVER "         \
	"(PARTITION BY standard, quarter ORDER BY id) AS k, COUNT(*) OVER (PARTITION BY "      \
	"standard, quarter) AS n FROM standard_ratings WHERE project_id = $1) "
#define COUNTED "k <= n - n % $2"

#define STMTS(X)                                                                            \
	X(RATE, "INSERT INTO standard_ratings (project_id, user_id, standard, quarter, rating, " \
	        "comment, rated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")                       \
	X(MINE, "SELECT standard, quarter, rating, comment, rated_at FROM standard_ratings "   \
	        "WHERE project_id = $1 AND user_id = $2 ORDER BY quarter DESC, standard")        \
	X(SPREAD, RANKED "SELECT standard, quarter, MAX(n), "                                  \
	          "SUM(CASE WHEN " COUNTED " THEN 1 ELSE 0 END), "                               \
	          "SUM(CASE WHEN " COUNTED " AND rating = 1 THEN 1 ELSE 0 END), "                \
	          "SUM(CASE WHEN " COUNTED " AND rating = 2 THEN 1 ELSE 0 END), "                \
	          "SUM(CASE WHEN " COUNTED " AND rating = 3 THEN 1 ELSE 0 END), "                \
	          "SUM(CASE WHEN " COUNTED " AND rating = 4 THEN 1 ELSE 0 END), "                \
	          "SUM(CASE WHEN " COUNTED " AND rating = 5 THEN 1 ELSE 0 END) "                 \
	          "FROM ranked GROUP BY standard, quarter ORDER BY standard, quarter DESC")      \
	X(COMMENTS, RANKED "SELECT standard, quarter, comment FROM ranked WHERE " COUNTED      \
	            " AND comment <> '' ORDER BY standard, quarter DESC, comment")

SQ_STATEMENTS(STMTS)

enum store_rc store_standard_rate(struct store *s, const struct standard_rating *r)
{
	struct db_stmt *st = stmt(s, S_RATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, r->project_id);
	db_bind_i64(st, 2, r->user_id);
	db_bind_text(st, 3, r->standard);
	db_bind_i64(st, 4, r->quarter);
	db_bind_i64(st, 5, r->rating);
	db_bind_text(st, 6, r->comment ? r->comment : "");
	db_bind_i64(st, 7, r->rated_at);
	return sq_exec(st);
}

static void read_mine(struct db_stmt *st, void *slot, struct arena *a)
{
	struct standard_rating *r = slot;
	r->standard = sq_col_str(st, 0, a);
	r->quarter = db_col_i64(st, 1);
	r->rating = db_col_i64(st, 2);
	r->comment = sq_col_str(st, 3, a);
	r->rated_at = db_col_i64(st, 4);
}

enum store_rc store_standard_mine(struct store *s, int64_t project_id, int64_t user_id,
                                  struct arena *a, struct standard_rating **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_MINE);
	if (st) {
		db_bind_i64(st, 1, project_id);
		db_bind_i64(st, 2, user_id);
	}
	return sq_collect(st, sizeof **out, a, read_mine, (void **)out, n);
}

static void read_spread(struct db_stmt *st, void *slot, struct arena *a)
{
	struct standard_spread *x = slot;
	x->standard = sq_col_str(st, 0, a);
	x->quarter = db_col_i64(st, 1);
	x->answers = db_col_i64(st, 2);
	x->counted = db_col_i64(st, 3);
	for (int i = 0; i < 5; i++) x->counts[i] = db_col_i64(st, 4 + i);
}

static void read_comment(struct db_stmt *st, void *slot, struct arena *a)
{
	struct standard_comment *c = slot;
	c->standard = sq_col_str(st, 0, a);
	c->quarter = db_col_i64(st, 1);
	c->text = sq_col_str(st, 2, a);
}

enum store_rc store_standard_spreads(struct store *s, int64_t project_id, int64_t group,
                                     struct arena *a, struct standard_spread **out, size_t *n,
                                     struct standard_comment **comments, size_t *nc)
{
	struct db_stmt *st = stmt(s, S_SPREAD);
	if (st) {
		db_bind_i64(st, 1, project_id);
		db_bind_i64(st, 2, group);
	}
	enum store_rc rc = sq_collect(st, sizeof **out, a, read_spread, (void **)out, n);
	if (rc != ST_OK) return rc;
	if ((st = stmt(s, S_COMMENTS))) {
		db_bind_i64(st, 1, project_id);
		db_bind_i64(st, 2, group);
	}
	return sq_collect(st, sizeof **comments, a, read_comment, (void **)comments, nc);
}
