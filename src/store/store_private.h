#ifndef EC_STORE_STORE_PRIVATE_H
#define EC_STORE_STORE_PRIVATE_H
/* What the store's files share (store.c's helpers, for accounts.c,
 * panels.c, profiles.c, voice.c, meeting_record.c, calendar.c, pay.c and
 * copy.c); nothing outside src/store/ includes it. */
#include "store/db.h"
#include "store/store.h"

struct store {
	struct db *db;
	int tx_depth;
	bool reading; /* inside store_read_begin's snapshot */
	bool gave_up; /* store_tx gave a write up as busy (store_take_busy) */
};

/* A file's statements: their SQL, indexed by the file's own enum, and the
 * range of statement ids (db_stmt's cache slots) they get. Each range is
 * reserved at its file's first statement, after those reserved before it,
 * so no file picks numbers by hand and adding a statement moves nobody
 * else's. The ids are the same on every connection of the process. */
struct sq_table {
	const char *const *sql;   /* NULL: the file makes its SQL (copy.c) */
	int count;
	_Atomic int base;         /* -1 until reserved */
};
#define SQ_TABLE(sql_array, n) { (sql_array), (n), -1 }
/* A store file's statements from its X-list LIST(X), each X(ID, "SQL"):
 * enum stmt_id (S_ID ..., S__COUNT), their SQL, their table, and
 * stmt(s, S_ID), the prepared statement. */
#define SQ_ID_(id, sql) S_##id,
#define SQ_SQL_(id, sql) [S_##id] = sql,
#define SQ_STATEMENTS(LIST)                                                      \
	enum stmt_id { LIST(SQ_ID_) S__COUNT };                                  \
	static const char *const stmt_sql[S__COUNT] = { LIST(SQ_SQL_) };         \
	static struct sq_table stmt_table = SQ_TABLE(stmt_sql, S__COUNT);        \
	static struct db_stmt *stmt(struct store *s, enum stmt_id id)            \
	{                                                                        \
		return sq_table_stmt(s, &stmt_table, (int)id);                   \
	}

/* The first id of t's range, reserved at first use; -1 (logged) when the
 * driver's DB_STMT_SLOTS are all taken, which fails every statement. */
int sq_table_base(struct sq_table *t);
/* Statement id of t with its SQL (sq_stmt). */
struct db_stmt *sq_table_stmt(struct store *s, struct sq_table *t, int id);

/* ---- helpers for writing operations (store.c) ---- */

/* The statement for id (in the calling file's range) with its sql; ends the
 * read snapshot first when it writes. NULL on a preparation error. */
struct db_stmt *sq_stmt(struct store *s, int id, const char *sql);
enum store_rc sq_rc(enum db_rc r);
/* Runs a statement that returns no rows. */
enum store_rc sq_exec(struct db_stmt *st);
/* Runs a statement that takes one integer, or one text, parameter. */
enum store_rc sq_exec_i64(struct db_stmt *st, int64_t v);
enum store_rc sq_exec_text(struct db_stmt *st, const char *v);
/* Runs an UPDATE/DELETE: ST_NOT_FOUND when it touched no row. */
enum store_rc sq_exec_changed(struct store *s, struct db_stmt *st);
/* Steps to the first row: ST_OK with the row ready (call db_done after
 * reading it), ST_NOT_FOUND, or an error. */
enum store_rc sq_first_row(struct db_stmt *st);
/* The first row's first column as an integer (an id from RETURNING...). */
enum store_rc sq_first_i64(struct db_stmt *st, int64_t *out);
/* The same, 0 when there is no row or on error. */
int64_t sq_scalar_i64(struct db_stmt *st);
/* Reads the first row with read() into out: ST_OK, ST_NOT_FOUND or an error. */
enum store_rc sq_one_row(struct db_stmt *st,
                         void (*read)(struct db_stmt *, void *, struct arena *), void *out,
                         struct arena *a);
/* After a versioned UPDATE changed nothing, given the row's "SELECT COUNT(*)
 * ... WHERE id = $1" statement: ST_CONFLICT if the row exists (someone saved
 * first), ST_NOT_FOUND if it does not. */
enum store_rc sq_version_miss(struct db_stmt *exists, int64_t id);
/* Binds v, or NULL when v is 0 (an optional reference). */
void sq_bind_ref(struct db_stmt *st, int idx, int64_t v);
/* A text column copied into a (NULL as ""). */
const char *sq_col_str(struct db_stmt *st, int col, struct arena *a);

/* Arena-backed growable array: push returns a zeroed slot. */
struct sq_vec {
	void *items;
	size_t n, cap, size;
};
void *sq_vec_push(struct sq_vec *v, struct arena *a);
/* Iterates the rows of st, calling read(st, slot, a) for each into a new
 * slot of an array of elements of size. */
enum store_rc sq_collect(struct db_stmt *st, size_t size, struct arena *a,
                         void (*read)(struct db_stmt *, void *, struct arena *),
                         void **out, size_t *n);

/* A new notice's mail_pending and mail_soon (two SQL expressions, for the
 * columns in that order) for the person with id `user`: mail_pending 1, for
 * their next digest, when they chose the daily digest; mail_soon 1, for the
 * mail worker's next pass, when they chose each notice as it happens; both
 * 0 for "none" (on the site only). A response to what they said has its own
 * rule (store/voice.c's RESPONSE_NOTICES), as has a project's close
 * (meeting_record.c's NOTIFY_PROJECT: only the digest for those who spoke
 * only anonymously), and a notice whose news goes by e-mail of its own
 * takes SQ_MAIL_PENDING alone. Every other statement that inserts a notice
 * uses it. */
#define SQ_MAIL_PENDING(user)                                                           \
	"(SELECT CASE WHEN mu.mail_notices = 'daily' THEN 1 ELSE 0 END FROM users mu "   \
	"WHERE mu.id = " user ")"
#define SQ_MAIL_MARKS(user)                                                             \
	SQ_MAIL_PENDING(user) ", (SELECT CASE WHEN mu.mail_notices = 'immediately' "     \
	"THEN 1 ELSE 0 END FROM users mu WHERE mu.id = " user ")"

/* A condition true when meeting `m` (an alias in the query) touched on
 * something hard: the meeting has a content note, or an item on its agenda
 * that was not left out has one. Signals (limits.c) and check-ins
 * (check_ins.c) count the same meetings as hard. */
#define SQ_HARD_MEETING(m)                                                              \
	"(" m ".content_note <> '' OR EXISTS (SELECT 1 FROM agenda_items hi WHERE "      \
	"hi.meeting_id = " m ".id AND hi.content_note <> '' AND hi.state <> 'not_taken'))"

/* ---- figures about people (meeting_record.c, voice.c) ---- */

/* The release rule (docs/privacy.md, "Figures about people"): of each
 * meeting's n answers, only the first n - n % min by id count (min, a
 * parameter such as "$2", is bound to REFLECTION_MIN_ANSWERS), so every figure is a sum of whole groups of
 * five answers of one meeting, and no difference between figures, across
 * meetings, projects, the panel or time, comes to fewer than five. where
 * selects the meetings (over reflections r joined to meetings m); the
 * statement goes on to read from "released" (or "ranked", for all). */
#define RELEASED_AT(where, min)                                                     \
	"WITH ranked AS (SELECT r.felt_heard, r.info_in_time, r.felt_safe, "            \
	"r.should_change, r.user_id, r.meeting_id, m.starts_at, "                       \
	"ROW_NUMBER() OVER (PARTITION BY r.meeting_id "                                 \
	"ORDER BY r.id) AS k, COUNT(*) OVER (PARTITION BY r.meeting_id) AS n "          \
	"FROM reflections r JOIN meetings m ON m.id = r.meeting_id WHERE " where "), "  \
	"released AS (SELECT * FROM ranked WHERE k <= n - n % " min ") "
/* The same with REFLECTION_MIN_ANSWERS bound as $2. */
#define RELEASED(where) RELEASED_AT(where, "$2")

/* SQL: whether a sign-in name (users.email) is an address mail can go to;
 * a username (an account made from an invitation given by hand) is not,
 * and no message is ever written to one. */
#define MAILABLE(column) column " LIKE '%@%'"

#endif
