/* db.h's functions: pick a driver at open, then forward to it; and, in
 * between, begin read snapshots lazily and serve and fill the read cache.
 *
 * Bindings are recorded in the statement's key (its id, then each binding
 * in order: the read cache's key) and reach the driver only when the
 * statement runs there. A read served from the cache never touches the
 * driver's statement: no reset, no binding. */
#include "store/db_driver.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

bool db_target_is_postgresql(const char *target)
{
	return !strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11);
}

struct db *db_open(const char *target, enum db_mode mode, char **err)
{
	const struct db_driver *drv =
		db_target_is_postgresql(target) ? &db_postgresql_driver : &db_sqlite_driver;
	struct db *db = drv->open(target, mode, err);
	if (db) db->drv = drv;
	return db;
}

void db_attach_read_cache(struct db *db, struct read_cache *cache) { db->cache = cache; }

/* Brackets what may change what readers see: a commit (read_cache.h). */
static void commit_begin(struct db *db)
{
	if (db->cache) read_cache_commit_begin(db->cache);
}

static void commit_end(struct db *db)
{
	if (db->cache) read_cache_commit_end(db->cache);
}

/* The driver's read transaction, begun when a statement first needs it. */
static enum db_rc reach_driver(struct db *db)
{
	if (!db->reading || db->read_begun) return DB_OK;
	enum db_rc rc = db->drv->begin(db, DB_TX_READ);
	db->read_begun = rc == DB_OK;
	return rc;
}

/* Lets go of a statement's cached rows or recording; after the driver has
 * reset it, which ends a write statement of its own (its commit). The
 * bindings stay, as a driver's do, until the next db_stmt. */
static void cache_reset(struct db_stmt *st)
{
	if (st->committing) {
		st->committing = false;
		commit_end(st->db);
	}
	read_cache_release(st->hit);
	st->hit = NULL;
	read_cache_fill_drop(st->fill);
	st->fill = NULL;
	st->stepped = false;
}

void db_stmt_release(struct db_stmt *st)
{
	cache_reset(st);
	free(st->key);
	st->key = NULL;
	st->key_cap = 0;
}

void db_close(struct db *db)
{
	if (db) db->drv->close(db);
}

enum db_rc db_exec(struct db *db, const char *sql)
{
	enum db_rc rc = reach_driver(db);
	if (rc != DB_OK) return rc;
	commit_begin(db);
	rc = db->drv->exec(db, sql);
	commit_end(db);
	return rc;
}

enum db_rc db_begin(struct db *db, enum db_tx kind)
{
	if (kind == DB_TX_READ) {
		if (db->reading || db->writing) return DB_ERROR; /* no nesting */
		db->reading = true;
		db->read_begun = false;
		if (db->cache) {
			db->read_gen = read_cache_generation(db->cache);
			db->read_ms = read_cache_now_ms();
		}
		return DB_OK;
	}
	enum db_rc rc = db->drv->begin(db, kind);
	if (rc == DB_OK) db->writing = true; /* a refused nested BEGIN leaves the outer one */
	return rc;
}

enum db_rc db_end(struct db *db, bool commit)
{
	if (db->reading) {
		db->reading = false;
		if (!db->read_begun) return DB_OK;
		db->read_begun = false;
	}
	if (!db->writing) return db->drv->end(db, commit);
	db->writing = false;
	commit_begin(db);
	enum db_rc rc = db->drv->end(db, commit);
	commit_end(db);
	return rc;
}

/* A statement keeps its key's memory from one use to the next, up to this;
 * a larger one (a long text bound once) is given back. */
enum { KEY_KEPT_BYTES = 4096 };

static void key_put(struct db_stmt *st, const void *p, size_t n)
{
	if (st->key_len + n > st->key_cap) {
		size_t cap = st->key_cap ? st->key_cap * 2 : 64;
		while (cap < st->key_len + n) cap *= 2;
		st->key = xrealloc(st->key, cap);
		st->key_cap = cap;
	}
	memcpy(st->key + st->key_len, p, n);
	st->key_len += n;
}

/* A binding in the key: its index (two bytes, low first) and a type letter
 * ('i' int64, 't' text, 'n' NULL), then the value; text with its length
 * first (so that no two bindings share an encoding) and its NUL after (so
 * that the driver can be given it in place). */
static void key_bind(struct db_stmt *st, int idx, char type, const void *v, size_t n)
{
	unsigned char head[3] = { (unsigned char)(idx & 0xff), (unsigned char)(idx >> 8),
	                          (unsigned char)type };
	key_put(st, head, sizeof head);
	if (type == 't') {
		uint32_t len = (uint32_t)n;
		key_put(st, &len, sizeof len);
		key_put(st, v, n);
		key_put(st, "", 1);
	} else {
		key_put(st, v, n);
	}
}

/* Rewinds the driver's statement and gives it the recorded bindings: just
 * before it runs there, since db_stmt or db_done. */
static void bind_in_driver(struct db_stmt *st)
{
	const struct db_driver *drv = st->db->drv;
	drv->rewind(st);
	const unsigned char *k = st->key + sizeof(int), *end = st->key + st->key_len;
	while (k < end) {
		int idx = k[0] | k[1] << 8;
		char type = (char)k[2];
		k += 3;
		if (type == 'i') {
			int64_t v;
			memcpy(&v, k, sizeof v);
			k += sizeof v;
			drv->bind_i64(st, idx, v);
		} else if (type == 't') {
			uint32_t len;
			memcpy(&len, k, sizeof len);
			k += sizeof len;
			drv->bind_text(st, idx, (const char *)k);
			k += len + 1;
		} else {
			drv->bind_null(st, idx);
		}
	}
}

struct db_stmt *db_stmt(struct db *db, int id, const char *sql)
{
	struct db_stmt *st = db->drv->stmt(db, id, sql);
	if (!st) return NULL;
	/* Left running by a caller that never finished it (a bug, but one that
	 * must not keep a snapshot or a lock open until the statement runs
	 * again). */
	if (st->in_driver) db->drv->rewind(st);
	st->in_driver = false;
	cache_reset(st);
	if (st->key_cap > KEY_KEPT_BYTES) { /* a large text binding last time */
		free(st->key);
		st->key = NULL;
		st->key_cap = 0;
	}
	st->key_len = 0;
	key_put(st, &id, sizeof id);
	if (db->cache) {
		st->read_only = db->drv->stmt_read_only(st);
		st->cacheable = st->read_only && db->reading;
	} else {
		st->cacheable = false;
	}
	return st;
}

void db_bind_i64(struct db_stmt *st, int idx, int64_t v) { key_bind(st, idx, 'i', &v, sizeof v); }

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (s) key_bind(st, idx, 't', s, strlen(s));
	else key_bind(st, idx, 'n', "", 0);
}

void db_bind_null(struct db_stmt *st, int idx) { key_bind(st, idx, 'n', "", 0); }

/* Adds the driver's current row to st's recording: each column as the
 * driver gives it to db_col_i64, db_col_text and db_col_is_null. */
static void record_row(struct db_stmt *st)
{
	const struct db_driver *drv = st->db->drv;
	int n = drv->col_count(st);
	read_cache_fill_row(st->fill, n);
	for (int col = 0; col < n; col++) {
		bool is_null = drv->col_is_null(st, col);
		int64_t i = is_null ? 0 : drv->col_i64(st, col);
		/* After col_i64: SQLite may convert a value in place, which makes
		 * an earlier text pointer stale. The text is copied at once. */
		read_cache_fill_cell(st->fill, is_null, i, is_null ? NULL : drv->col_text(st, col));
	}
}

enum db_rc db_step(struct db_stmt *st)
{
	struct db *db = st->db;
	if (st->hit) {
		if (st->hit_next >= read_cache_row_count(st->hit)) return DB_DONE;
		st->hit_next++;
		return DB_ROW;
	}
	if (st->cacheable && !st->stepped) {
		/* Rows young enough when the snapshot began are served to all of it:
		 * one clock reading a page view, not one a statement. */
		st->hit = read_cache_get(db->cache, st->key, st->key_len, db->read_gen, db->read_ms);
		if (st->hit) {
			st->stepped = true;
			st->hit_next = 0;
			return db_step(st);
		}
		st->fill = read_cache_fill_new(db->cache);
	}
	enum db_rc rc = reach_driver(db);
	if (rc != DB_OK) return rc;
	/* A write outside a transaction commits itself, by the time it is
	 * done (a RETURNING statement: when it is reset). */
	if (!st->stepped && db->cache && !st->read_only && !db->writing) {
		st->committing = true;
		commit_begin(db);
	}
	if (!st->stepped) bind_in_driver(st);
	st->stepped = true;
	rc = db->drv->step(st);
	st->in_driver = rc == DB_ROW;
	if (st->fill) {
		if (rc == DB_ROW) {
			record_row(st);
		} else {
			if (rc == DB_DONE)
				read_cache_fill_keep(st->fill, st->key, st->key_len, db->read_gen, db->read_ms);
			else
				read_cache_fill_drop(st->fill);
			st->fill = NULL;
		}
	}
	if (rc != DB_ROW && st->committing) {
		st->committing = false;
		commit_end(db);
	}
	return rc;
}

/* The row db_step last gave from the cache. */
static size_t hit_row(const struct db_stmt *st) { return st->hit_next - 1; }

int64_t db_col_i64(struct db_stmt *st, int col)
{
	if (st->hit) return read_cache_i64(st->hit, hit_row(st), col);
	return st->db->drv->col_i64(st, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
	if (st->hit) return read_cache_text(st->hit, hit_row(st), col);
	return st->db->drv->col_text(st, col);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
	if (st->hit) return read_cache_is_null(st->hit, hit_row(st), col);
	return st->db->drv->col_is_null(st, col);
}

/* A statement being recorded is finished with before its last row (most
 * reads take the first row and stop): the rest is read too, so that the
 * whole result can be kept, unless it is too big to keep. */
static void finish_fill(struct db_stmt *st)
{
	const struct db_driver *drv = st->db->drv;
	enum db_rc rc = DB_ERROR;
	while (!read_cache_fill_abandoned(st->fill) && (rc = drv->step(st)) == DB_ROW)
		record_row(st);
	if (!read_cache_fill_abandoned(st->fill) && rc == DB_DONE)
		read_cache_fill_keep(st->fill, st->key, st->key_len, st->db->read_gen, st->db->read_ms);
	else
		read_cache_fill_drop(st->fill);
	st->fill = NULL;
}

void db_done(struct db_stmt *st)
{
	if (st->fill) finish_fill(st);
	st->db->drv->done(st);
	st->in_driver = false;
	cache_reset(st);
}

bool db_stmt_read_only(struct db_stmt *st) { return st->db->drv->stmt_read_only(st); }
bool db_in_transaction(struct db *db) { return db->reading || db->drv->in_transaction(db); }
int64_t db_changes(struct db *db) { return db->drv->changes(db); }

enum db_rc db_backup(struct db *db, const char *path, char **err)
{
	return db->drv->backup(db, path, err);
}

enum db_rc db_check(struct db *db, char **report) { return db->drv->check(db, report); }
bool db_table_exists(struct db *db, const char *name) { return db->drv->table_exists(db, name); }
const char *db_dialect(struct db *db) { return db->drv->dialect; }

int db_tx_attempts(struct db *db) { return db->drv->tx_attempts; }
enum db_rc db_ids_follow(struct db *db, const char *table) { return db->drv->ids_follow(db, table); }
