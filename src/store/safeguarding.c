/* The store's operations on the safeguarding record (store.h). Nothing
 * here is read by any other file of the store: no list, export, count or
 * search elsewhere touches these tables. */
#include "store/store_private.h"

#include <stdlib.h>
#include <string.h>

/* A year of the retention period: 365¼ days. */
#define SG_YEAR "31557600"

#define CONCERN_COLUMNS                                                                    \
	"c.id, c.panel_id, COALESCE(c.raised_by, 0), c.raised_at, c.happened_on, "           \
	"c.what_happened, c.who_involved, c.done_straight_away, c.advice_sought, c.decision, " \
	"c.referrals, c.status, c.status_at, c.version, COALESCE(u.display_name, ''), "      \
	"COALESCE(c.seal_key_id, '') "

/* Concerns past their panel's retention: closed or transferred, and not
 * touched since more than its retention_years (default $2) before $1. */
#define SG_EXPIRED                                                                         \
	"c.status <> 'open' AND c.status_at < $1 - COALESCE((SELECT ss.retention_years FROM "   \
	"safeguarding_settings ss WHERE ss.panel_id = c.panel_id), $2) * " SG_YEAR

#define STMTS(X)                                                                            \
	X(LEADS, "SELECT l.user_id, u.display_name FROM safeguarding_leads l JOIN users u ON "  \
	         "u.id = l.user_id JOIN memberships m ON m.panel_id = l.panel_id AND "          \
	         "m.user_id = l.user_id AND m.status = 'active' WHERE l.panel_id = $1 "          \
	         "ORDER BY u.display_name, l.user_id")                                         \
	X(LEAD_ADD, "INSERT INTO safeguarding_leads (panel_id, user_id, named_by, named_at) "   \
	            "VALUES ($1, $2, $3, $4) ON CONFLICT (panel_id, user_id) DO NOTHING")        \
	X(LEAD_REMOVE, "DELETE FROM safeguarding_leads WHERE panel_id = $1 AND user_id = $2")  \
	X(RETENTION, "SELECT retention_years FROM safeguarding_settings WHERE panel_id = $1")  \
	X(RETENTION_SET, "INSERT INTO safeguarding_settings (panel_id, retention_years) "      \
	                 "VALUES ($1, $2) ON CONFLICT (panel_id) DO UPDATE SET "              \
	                 "retention_years = excluded.retention_years")                        \
	X(ADD, "INSERT INTO safeguarding_concerns (panel_id, raised_by, raised_at, "           \
	       "happened_on, what_happened, who_involved, done_straight_away, status_at, "      \
	       "seal_key_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $3, $8) RETURNING id")        \
	X(LIST, "SELECT " CONCERN_COLUMNS "FROM safeguarding_concerns c LEFT JOIN users u ON "  \
	        "u.id = c.raised_by WHERE c.panel_id = $1 ORDER BY c.status <> 'open', "        \
	        "c.raised_at DESC, c.id DESC LIMIT 500")                                       \
	X(ONE, "SELECT " CONCERN_COLUMNS "FROM safeguarding_concerns c LEFT JOIN users u ON "   \
	       "u.id = c.raised_by WHERE c.panel_id = $1 AND c.id = $2")                       \
	X(PART2, "UPDATE safeguarding_concerns SET advice_sought = $4, decision = $5, "         \
	         "referrals = $6, status_at = CASE WHEN status = $7 THEN status_at ELSE $8 END, " \
	         "status = $7, what_happened = $9, who_involved = $10, done_straight_away = $11, " \
	         "seal_key_id = $12, version = version + 1 WHERE panel_id = $1 AND id = $2 AND " \
	         "version = $3")                                                               \
	X(CLEAR, "SELECT " CONCERN_COLUMNS "FROM safeguarding_concerns c LEFT JOIN users u ON " \
	         "u.id = c.raised_by WHERE c.seal_key_id IS NULL ORDER BY c.id LIMIT $1")       \
	X(SEAL, "UPDATE safeguarding_concerns SET what_happened = $2, who_involved = $3, "     \
	        "done_straight_away = $4, advice_sought = $5, decision = $6, referrals = $7, "  \
	        "seal_key_id = $8 WHERE id = $1 AND seal_key_id IS NULL")                      \
	X(CLEAR_ENTRIES, "SELECT e.id, e.concern_id, c.panel_id, e.text FROM "                 \
	                 "safeguarding_entries e JOIN safeguarding_concerns c ON c.id = "       \
	                 "e.concern_id WHERE e.seal_key_id IS NULL ORDER BY e.id LIMIT $1")     \
	X(SEAL_ENTRY, "UPDATE safeguarding_entries SET text = $2, seal_key_id = $3 WHERE "     \
	              "id = $1 AND seal_key_id IS NULL")                                       \
	X(OTHER_KEYS, "SELECT (SELECT COUNT(*) FROM safeguarding_concerns WHERE seal_key_id <> " \
	              "$1) + (SELECT COUNT(*) FROM safeguarding_entries WHERE seal_key_id <> $1)") \
	X(EXISTS, "SELECT COUNT(*) FROM safeguarding_concerns WHERE id = $1")                  \
	X(ENTRY_ADD, "INSERT INTO safeguarding_entries (concern_id, at, by_user, kind, text, "  \
	             "seal_key_id) VALUES ($1, $2, $3, $4, $5, $6)")                           \
	X(ENTRIES, "SELECT e.at, COALESCE(u.display_name, ''), e.kind, e.text, "               \
	           "COALESCE(e.seal_key_id, '') FROM "                                         \
	           "safeguarding_entries e LEFT JOIN users u ON u.id = e.by_user WHERE "         \
	           "e.concern_id = $1 ORDER BY e.at, e.id")                                    \
	X(READ_ADD, "INSERT INTO safeguarding_reads (concern_id, user_id, at, action) VALUES "  \
	            "($1, $2, $3, $4)")                                                        \
	X(READS, "SELECT r.at, COALESCE(u.display_name, ''), r.action FROM safeguarding_reads " \
	         "r LEFT JOIN users u ON u.id = r.user_id WHERE r.concern_id = $1 ORDER BY "    \
	         "r.at DESC, r.id DESC LIMIT 500")                                             \
	X(MINE, "SELECT raised_at FROM safeguarding_concerns WHERE panel_id = $1 AND "         \
	        "raised_by = $2 ORDER BY raised_at DESC LIMIT 50")                              \
	X(PURGE, "DELETE FROM safeguarding_concerns WHERE id IN (SELECT c.id FROM "             \
	         "safeguarding_concerns c WHERE " SG_EXPIRED ") RETURNING panel_id")           \
	X(TOMBSTONE, "INSERT INTO safeguarding_purges (panel_id, purged_at, n) VALUES "        \
	             "($1, $2, $3)")                                                           \
	X(TOMBSTONES, "SELECT purged_at, n FROM safeguarding_purges WHERE panel_id = $1 "       \
	              "ORDER BY purged_at DESC, id DESC LIMIT 100")

SQ_STATEMENTS(STMTS)

static const char *const status_keys[] = { [SG_OPEN] = "open", [SG_CLOSED] = "closed",
	                                   [SG_TRANSFERRED] = "transferred" };

const char *sg_status_key(enum sg_status st)
{
	return st >= SG_OPEN && st <= SG_TRANSFERRED ? status_keys[st] : "open";
}

bool sg_status_parse(const char *s, enum sg_status *out)
{
	for (int i = SG_OPEN; i <= SG_TRANSFERRED; i++)
		if (s && !strcmp(s, status_keys[i])) {
			*out = (enum sg_status)i;
			return true;
		}
	return false;
}

bool sg_status_is(const char *s)
{
	enum sg_status st;
	return sg_status_parse(s, &st);
}

static void read_lead(struct db_stmt *st, void *slot, struct arena *a)
{
	struct sg_lead *l = slot;
	l->user_id = db_col_i64(st, 0);
	l->name = sq_col_str(st, 1, a);
}

enum store_rc store_sg_leads(struct store *s, int64_t panel_id, struct arena *a,
                             struct sg_lead **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_LEADS);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_lead, (void **)out, n);
}

enum store_rc store_sg_lead_add(struct store *s, int64_t panel_id, int64_t user_id, int64_t by,
                                int64_t now)
{
	struct db_stmt *st = stmt(s, S_LEAD_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	sq_bind_ref(st, 3, by);
	db_bind_i64(st, 4, now);
	return sq_exec(st);
}

enum store_rc store_sg_lead_remove(struct store *s, int64_t panel_id, int64_t user_id)
{
	struct db_stmt *st = stmt(s, S_LEAD_REMOVE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	return sq_exec_changed(s, st);
}

enum store_rc store_sg_retention(struct store *s, int64_t panel_id, int *years)
{
	*years = 0;
	struct db_stmt *st = stmt(s, S_RETENTION);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	int64_t v;
	enum store_rc rc = sq_first_i64(st, &v);
	if (rc == ST_OK) *years = (int)v;
	return rc == ST_NOT_FOUND ? ST_OK : rc;
}

enum store_rc store_sg_retention_set(struct store *s, int64_t panel_id, int years)
{
	struct db_stmt *st = stmt(s, S_RETENTION_SET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, years);
	return sq_exec(st);
}

/* A seal key's id, or NULL for texts in the clear. */
static void bind_key_id(struct db_stmt *st, int i, const char *key_id)
{
	if (key_id && *key_id) db_bind_text(st, i, key_id);
	else db_bind_null(st, i);
}

enum store_rc store_sg_concern_add(struct store *s, const struct sg_concern *c, int64_t *id)
{
	struct db_stmt *st = stmt(s, S_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->panel_id);
	sq_bind_ref(st, 2, c->raised_by);
	db_bind_i64(st, 3, c->raised_at);
	db_bind_i64(st, 4, c->happened_on);
	db_bind_text(st, 5, c->what_happened);
	db_bind_text(st, 6, c->who_involved);
	db_bind_text(st, 7, c->done_straight_away);
	bind_key_id(st, 8, c->seal_key_id);
	return sq_first_i64(st, id);
}

static void read_concern(struct db_stmt *st, void *slot, struct arena *a)
{
	struct sg_concern *c = slot;
	c->id = db_col_i64(st, 0);
	c->panel_id = db_col_i64(st, 1);
	c->raised_by = db_col_i64(st, 2);
	c->raised_at = db_col_i64(st, 3);
	c->happened_on = db_col_i64(st, 4);
	c->what_happened = sq_col_str(st, 5, a);
	c->who_involved = sq_col_str(st, 6, a);
	c->done_straight_away = sq_col_str(st, 7, a);
	c->advice_sought = sq_col_str(st, 8, a);
	c->decision = sq_col_str(st, 9, a);
	c->referrals = sq_col_str(st, 10, a);
	if (!sg_status_parse(db_col_text(st, 11), &c->status)) c->status = SG_OPEN;
	c->status_at = db_col_i64(st, 12);
	c->version = db_col_i64(st, 13);
	c->raised_by_name = sq_col_str(st, 14, a);
	c->seal_key_id = sq_col_str(st, 15, a);
}

enum store_rc store_sg_concerns(struct store *s, int64_t panel_id, struct arena *a,
                                struct sg_concern **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_LIST);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_concern, (void **)out, n);
}

enum store_rc store_sg_concern(struct store *s, int64_t panel_id, int64_t id, struct arena *a,
                               struct sg_concern *out)
{
	struct db_stmt *st = stmt(s, S_ONE);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, id);
	}
	return sq_one_row(st, read_concern, out, a);
}

enum store_rc store_sg_part2(struct store *s, const struct sg_concern *c, int64_t now)
{
	struct db_stmt *st = stmt(s, S_PART2);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->panel_id);
	db_bind_i64(st, 2, c->id);
	db_bind_i64(st, 3, c->version);
	db_bind_text(st, 4, c->advice_sought);
	db_bind_text(st, 5, c->decision);
	db_bind_text(st, 6, c->referrals);
	db_bind_text(st, 7, sg_status_key(c->status));
	db_bind_i64(st, 8, now);
	db_bind_text(st, 9, c->what_happened);
	db_bind_text(st, 10, c->who_involved);
	db_bind_text(st, 11, c->done_straight_away);
	bind_key_id(st, 12, c->seal_key_id);
	enum store_rc rc = sq_exec_changed(s, st);
	if (rc != ST_NOT_FOUND) return rc;
	struct db_stmt *exists = stmt(s, S_EXISTS);
	return exists ? sq_version_miss(exists, c->id) : ST_ERROR;
}

enum store_rc store_sg_entry_add(struct store *s, int64_t concern_id, int64_t at, int64_t by,
                                 const char *kind, const char *text, const char *key_id)
{
	struct db_stmt *st = stmt(s, S_ENTRY_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, concern_id);
	db_bind_i64(st, 2, at);
	sq_bind_ref(st, 3, by);
	db_bind_text(st, 4, kind);
	db_bind_text(st, 5, text ? text : "");
	bind_key_id(st, 6, key_id);
	return sq_exec(st);
}

static void read_entry(struct db_stmt *st, void *slot, struct arena *a)
{
	struct sg_entry *e = slot;
	e->at = db_col_i64(st, 0);
	e->by = sq_col_str(st, 1, a);
	e->kind = sq_col_str(st, 2, a);
	e->text = sq_col_str(st, 3, a);
	e->seal_key_id = sq_col_str(st, 4, a);
}

enum store_rc store_sg_clear(struct store *s, int limit, struct arena *a,
                             struct sg_concern **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_CLEAR);
	if (st) db_bind_i64(st, 1, limit);
	return sq_collect(st, sizeof **out, a, read_concern, (void **)out, n);
}

enum store_rc store_sg_seal(struct store *s, const struct sg_concern *c)
{
	struct db_stmt *st = stmt(s, S_SEAL);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, c->id);
	db_bind_text(st, 2, c->what_happened);
	db_bind_text(st, 3, c->who_involved);
	db_bind_text(st, 4, c->done_straight_away);
	db_bind_text(st, 5, c->advice_sought);
	db_bind_text(st, 6, c->decision);
	db_bind_text(st, 7, c->referrals);
	bind_key_id(st, 8, c->seal_key_id);
	return sq_exec_changed(s, st);
}

static void read_clear_entry(struct db_stmt *st, void *slot, struct arena *a)
{
	struct sg_clear_entry *e = slot;
	e->id = db_col_i64(st, 0);
	e->concern_id = db_col_i64(st, 1);
	e->panel_id = db_col_i64(st, 2);
	e->text = sq_col_str(st, 3, a);
}

enum store_rc store_sg_clear_entries(struct store *s, int limit, struct arena *a,
                                     struct sg_clear_entry **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_CLEAR_ENTRIES);
	if (st) db_bind_i64(st, 1, limit);
	return sq_collect(st, sizeof **out, a, read_clear_entry, (void **)out, n);
}

enum store_rc store_sg_seal_entry(struct store *s, int64_t id, const char *text,
                                  const char *key_id)
{
	struct db_stmt *st = stmt(s, S_SEAL_ENTRY);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_text(st, 2, text);
	bind_key_id(st, 3, key_id);
	return sq_exec_changed(s, st);
}

enum store_rc store_sg_other_keys(struct store *s, const char *key_id, int64_t *n)
{
	struct db_stmt *st = stmt(s, S_OTHER_KEYS);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, key_id);
	return sq_first_i64(st, n);
}

enum store_rc store_sg_entries(struct store *s, int64_t concern_id, struct arena *a,
                               struct sg_entry **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_ENTRIES);
	if (st) db_bind_i64(st, 1, concern_id);
	return sq_collect(st, sizeof **out, a, read_entry, (void **)out, n);
}

enum store_rc store_sg_read_add(struct store *s, int64_t concern_id, int64_t user_id, int64_t at,
                                const char *action)
{
	struct db_stmt *st = stmt(s, S_READ_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, concern_id);
	sq_bind_ref(st, 2, user_id);
	db_bind_i64(st, 3, at);
	db_bind_text(st, 4, action);
	return sq_exec(st);
}

static void read_read(struct db_stmt *st, void *slot, struct arena *a)
{
	struct sg_entry *e = slot;
	e->at = db_col_i64(st, 0);
	e->by = sq_col_str(st, 1, a);
	e->kind = sq_col_str(st, 2, a);
	e->text = "";
	e->seal_key_id = "";
}

enum store_rc store_sg_reads(struct store *s, int64_t concern_id, struct arena *a,
                             struct sg_entry **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_READS);
	if (st) db_bind_i64(st, 1, concern_id);
	return sq_collect(st, sizeof **out, a, read_read, (void **)out, n);
}

static void read_instant(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	*(int64_t *)slot = db_col_i64(st, 0);
}

enum store_rc store_sg_mine(struct store *s, int64_t panel_id, int64_t user_id, struct arena *a,
                            int64_t **raised_at, size_t *n)
{
	struct db_stmt *st = stmt(s, S_MINE);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, user_id);
	}
	return sq_collect(st, sizeof **raised_at, a, read_instant, (void **)raised_at, n);
}

static void read_tombstone(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	struct sg_tombstone *t = slot;
	t->panel_id = 0;
	t->at = db_col_i64(st, 0);
	t->n = db_col_i64(st, 1);
}

static void read_panel(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	*(int64_t *)slot = db_col_i64(st, 0);
}

static int by_value(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

enum store_rc store_sg_purge(struct store *s, int64_t now, int default_years, struct arena *a,
                             size_t *panels, int64_t *purged)
{
	*panels = 0;
	*purged = 0;
	/* The rows this statement deletes are its own (a server purging at
	 * the same time deletes others), so the tombstones count exactly. */
	struct db_stmt *st = stmt(s, S_PURGE);
	if (st) {
		db_bind_i64(st, 1, now);
		db_bind_i64(st, 2, default_years);
	}
	int64_t *gone;
	size_t n;
	enum store_rc rc = sq_collect(st, sizeof *gone, a, read_panel, (void **)&gone, &n);
	if (rc != ST_OK || !n) return rc;
	qsort(gone, n, sizeof *gone, by_value);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && gone[j] == gone[i]; j++) {}
		if (!(st = stmt(s, S_TOMBSTONE))) return ST_ERROR;
		db_bind_i64(st, 1, gone[i]);
		db_bind_i64(st, 2, now);
		db_bind_i64(st, 3, (int64_t)(j - i));
		if ((rc = sq_exec(st)) != ST_OK) return rc;
		++*panels;
	}
	*purged = (int64_t)n;
	return ST_OK;
}

enum store_rc store_sg_tombstones(struct store *s, int64_t panel_id, struct arena *a,
                                  struct sg_tombstone **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_TOMBSTONES);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_tombstone, (void **)out, n);
}
