/* The store's operations, written once over the driver interface (db.h).
 *
 * Why one implementation over a driver rather than one per backend: the
 * operations are the same on SQLite and PostgreSQL, and every statement
 * here is portable SQL ($n placeholders, RETURNING, no dialect functions).
 * What differs between backends — connecting, placeholder syntax, error
 * mapping, transactions' retry causes, migrations — lives in the drivers
 * and in migrations/<dialect>/. A statement that cannot be portable gets a
 * dialect-specific twin here, chosen by db_dialect(). */
#include "store/store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/embedded.h"
#include "store/store_private.h"
#include "store/read_cache.h"

#define STMTS(X)                                                             \
	X(SETTING_GET, "SELECT value FROM settings WHERE key = $1")                 \
	X(SETTING_SET, "INSERT INTO settings (key, value) VALUES ($1, $2) "         \
	               "ON CONFLICT (key) DO UPDATE SET value = excluded.value")    \
	X(MIGRATION_MAX, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations") \
	X(MIGRATION_ADD, "INSERT INTO schema_migrations (version, name, applied_at) " \
	                 "VALUES ($1, $2, $3)")
SQ_STATEMENTS(STMTS)

static void end_read(struct store *s)
{
	s->reading = false;
	db_end(s->db, true);
}

struct db_stmt *sq_stmt(struct store *s, int id, const char *sql)
{
	struct db_stmt *st = db_stmt(s->db, id, sql);
	/* A write never runs inside the read snapshot (see store_read_begin). */
	if (st && s->reading && !db_stmt_read_only(st)) end_read(s);
	return st;
}

static pthread_mutex_t ranges_lock = PTHREAD_MUTEX_INITIALIZER;
static int ranges_next; /* the first id not yet reserved */

int sq_table_base(struct sq_table *t)
{
	int base = atomic_load_explicit(&t->base, memory_order_acquire);
	if (base >= 0) return base;
	pthread_mutex_lock(&ranges_lock);
	base = atomic_load_explicit(&t->base, memory_order_relaxed);
	if (base < 0 && ranges_next + t->count <= DB_STMT_SLOTS) {
		base = ranges_next;
		ranges_next += t->count;
		atomic_store_explicit(&t->base, base, memory_order_release);
	} else if (base < 0) {
		fprintf(stderr, "store: %d statement ids do not fit the driver's %d slots (raise "
		                "DB_STMT_SLOTS)\n", ranges_next + t->count, (int)DB_STMT_SLOTS);
	}
	pthread_mutex_unlock(&ranges_lock);
	return base;
}

struct db_stmt *sq_table_stmt(struct store *s, struct sq_table *t, int id)
{
	int base = sq_table_base(t);
	return base < 0 ? NULL : sq_stmt(s, base + id, t->sql[id]);
}

void store_read_begin(struct store *s)
{
	if (s->reading || s->tx_depth > 0 || db_in_transaction(s->db)) return;
	s->reading = db_begin(s->db, DB_TX_READ) == DB_OK;
}

void store_read_end(struct store *s)
{
	if (s->reading) end_read(s);
}

void sq_bind_ref(struct db_stmt *st, int idx, int64_t v)
{
	if (v) db_bind_i64(st, idx, v);
	else db_bind_null(st, idx);
}

enum store_rc sq_rc(enum db_rc r)
{
	switch (r) {
	case DB_OK:
	case DB_ROW:
	case DB_DONE: return ST_OK;
	case DB_BUSY: return ST_BUSY;
	case DB_CONSTRAINT: return ST_CONFLICT;
	case DB_ERROR: break;
	}
	return ST_ERROR;
}

enum store_rc sq_exec(struct db_stmt *st)
{
	if (!st) return ST_ERROR;
	enum db_rc r = db_step(st);
	if (r == DB_ROW) {
		db_done(st);
		r = DB_DONE;
	}
	return sq_rc(r);
}

/* Runs an UPDATE/DELETE and reports ST_NOT_FOUND when it touched no row. */
enum store_rc sq_exec_changed(struct store *s, struct db_stmt *st)
{
	enum store_rc rc = sq_exec(st);
	if (rc == ST_OK && db_changes(s->db) == 0) return ST_NOT_FOUND;
	return rc;
}

enum store_rc sq_exec_i64(struct db_stmt *st, int64_t v)
{
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, v);
	return sq_exec(st);
}

enum store_rc sq_exec_text(struct db_stmt *st, const char *v)
{
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, v);
	return sq_exec(st);
}

/* Steps to the first row. ST_OK with the row ready, ST_NOT_FOUND, or an
 * error. The caller calls db_done() after reading an ST_OK row. */
enum store_rc sq_first_row(struct db_stmt *st)
{
	if (!st) return ST_ERROR;
	enum db_rc r = db_step(st);
	if (r == DB_ROW) return ST_OK;
	if (r == DB_DONE) return ST_NOT_FOUND;
	return sq_rc(r);
}

/* Steps to the first row and reads its first column as an integer (an id
 * from RETURNING, a user id...): ST_OK, ST_NOT_FOUND or an error. */
enum store_rc sq_first_i64(struct db_stmt *st, int64_t *out)
{
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		*out = db_col_i64(st, 0);
		db_done(st);
	}
	return rc;
}

int64_t sq_scalar_i64(struct db_stmt *st)
{
	int64_t v = 0;
	sq_first_i64(st, &v);
	return v;
}

enum store_rc sq_version_miss(struct db_stmt *exists, int64_t id)
{
	if (!exists) return ST_ERROR;
	db_bind_i64(exists, 1, id);
	return sq_scalar_i64(exists) ? ST_CONFLICT : ST_NOT_FOUND;
}

enum store_rc sq_one_row(struct db_stmt *st,
                         void (*read)(struct db_stmt *, void *, struct arena *), void *out,
                         struct arena *a)
{
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		read(st, out, a);
		db_done(st);
	}
	return rc;
}

const char *sq_col_str(struct db_stmt *st, int col, struct arena *a)
{
	const char *v = db_col_text(st, col);
	return arena_strdup(a, v ? v : "");
}

void *sq_vec_push(struct sq_vec *v, struct arena *a)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		void *items = arena_alloc(a, cap * v->size);
		if (v->n) memcpy(items, v->items, v->n * v->size);
		v->items = items;
		v->cap = cap;
	}
	return memset((char *)v->items + v->n++ * v->size, 0, v->size);
}

/* Iterates the rows of st, calling read(st, slot, a) for each into a new
 * slot of a vector of elements of size. */
enum store_rc sq_collect(struct db_stmt *st, size_t size, struct arena *a,
                             void (*read)(struct db_stmt *, void *, struct arena *),
                             void **out, size_t *n)
{
	struct sq_vec v = { .size = size };
	*out = NULL;
	*n = 0;
	if (!st) return ST_ERROR;
	enum db_rc r;
	while ((r = db_step(st)) == DB_ROW)
		read(st, sq_vec_push(&v, a), a);
	if (r != DB_DONE) return sq_rc(r);
	*out = v.items;
	*n = v.n;
	return ST_OK;
}

/* ------------------------------------------------------------------ */

static struct store *open_mode(const char *target, enum db_mode mode, char **err)
{
	struct db *db = db_open(target, mode, err);
	if (!db) return NULL;
	struct store *s = xcalloc(1, sizeof *s);
	s->db = db;
	return s;
}

struct store *store_open(const char *target, char **err)
{
	return open_mode(target, DB_READ_WRITE, err);
}

struct store *store_open_read_only(const char *target, char **err)
{
	return open_mode(target, DB_READ_ONLY, err);
}

bool store_is_postgresql(struct store *s) { return !strcmp(db_dialect(s->db), "postgresql"); }
bool store_target_is_postgresql(const char *target) { return db_target_is_postgresql(target); }

void store_close(struct store *s)
{
	if (!s) return;
	db_close(s->db);
	free(s);
}

struct read_cache *store_read_cache_new(int64_t ttl_ms, size_t max_bytes)
{
	return read_cache_new(ttl_ms, max_bytes);
}

void store_read_cache_free(struct read_cache *c) { read_cache_free(c); }
void store_use_read_cache(struct store *s, struct read_cache *c) { db_attach_read_cache(s->db, c); }

struct store_listener {
	struct db_listener *l;
};

struct store_listener *store_listener_start(const char *target, struct read_cache *c)
{
	if (!c || !db_target_is_postgresql(target)) return NULL;
	struct db_listener *l = db_listener_start(target, c);
	if (!l) return NULL;
	struct store_listener *sl = xcalloc(1, sizeof *sl);
	sl->l = l;
	return sl;
}

void store_listener_stop(struct store_listener *sl)
{
	if (!sl) return;
	db_listener_stop(sl->l);
	free(sl);
}

/* The migrations written for the connection's dialect
 * (store/migrations/<dialect>/). Both dialects have the same numbered
 * list; tests/unit checks that they do. */
static const struct embedded_file *migrations_for(struct db *db)
{
	return strcmp(db_dialect(db), "postgresql") ? embedded_migrations_sqlite
	                                            : embedded_migrations_postgresql;
}

static int migration_version(const char *name)
{
	return atoi(name); /* names are "NNNN_what.sql", checked by tools/embed.c */
}

int store_schema_latest(void)
{
	int v = 0;
	for (const struct embedded_file *f = embedded_migrations_sqlite; f->name; f++)
		if (migration_version(f->name) > v) v = migration_version(f->name);
	return v;
}

int store_schema_version(struct store *s)
{
	/* Reads only: `check` uses it on a read-only connection. */
	if (!db_table_exists(s->db, "schema_migrations")) return 0;
	return (int)sq_scalar_i64(stmt(s, S_MIGRATION_MAX));
}

struct migration_ctx {
	const struct embedded_file *file;
};

static enum store_rc apply_migration(struct store *s, void *ctx)
{
	const struct embedded_file *f = ((struct migration_ctx *)ctx)->file;
	if (db_exec(s->db, (const char *)f->data) != DB_OK) return ST_ERROR;
	struct db_stmt *st = stmt(s, S_MIGRATION_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, migration_version(f->name));
	db_bind_text(st, 2, f->name);
	db_bind_i64(st, 3, (int64_t)time(NULL));
	return sq_exec(st);
}

enum store_rc store_migrate(struct store *s, int *applied)
{
	*applied = 0;
	if (db_exec(s->db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	                   "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	                   "applied_at INTEGER NOT NULL)") != DB_OK)
		return ST_ERROR;
	int have = store_schema_version(s);
	/* A newer program migrated this database: this one must not use it. */
	int latest = store_schema_latest();
	if (have > latest) return ST_CONFLICT;
	/* Migrations are applied in order of their number, each in its own
	 * transaction together with the row that records it. */
	for (int next = have + 1; next <= latest; next++) {
		const struct embedded_file *found = NULL;
		for (const struct embedded_file *f = migrations_for(s->db); f->name; f++)
			if (migration_version(f->name) == next) found = f;
		if (!found) {
			fprintf(stderr, "store: migration %04d is missing (this program has up to %04d)\n",
			        next, latest);
			return ST_ERROR;
		}
		struct migration_ctx ctx = { found };
		enum store_rc rc = store_tx(s, apply_migration, &ctx);
		if (rc != ST_OK) {
			fprintf(stderr, "store: migration %s failed\n", found->name);
			return rc;
		}
		++*applied;
	}
	return ST_OK;
}

int store_tx_attempts(struct store *s) { return db_tx_attempts(s->db); }

enum store_rc store_tx(struct store *s, store_tx_fn fn, void *ctx)
{
	if (s->reading) end_read(s); /* writes never run in the read snapshot */
	if (s->tx_depth > 0) return fn(s, ctx); /* already inside one */
	enum store_rc rc = ST_BUSY;
	int attempts = db_tx_attempts(s->db);
	for (int attempt = 0; attempt < attempts && rc == ST_BUSY; attempt++) {
		if (attempt) {
			/* Up to 2, 4, 8, 16, then 32 ms, the length drawn at random. */
			uint32_t cap_us = 1000u << (attempt < 5 ? attempt : 5);
			uint32_t us = cap_us / 4 + randombytes_uniform(cap_us - cap_us / 4);
			struct timespec pause = { 0, (long)us * 1000L };
			nanosleep(&pause, NULL);
		}
		rc = sq_rc(db_begin(s->db, DB_TX_WRITE));
		if (rc != ST_OK) continue;
		s->tx_depth++;
		rc = fn(s, ctx);
		s->tx_depth--;
		/* A failed commit has ended the transaction (db.h); a failed
		 * statement inside fn may have left it open: roll it back. */
		if (rc == ST_OK) rc = sq_rc(db_end(s->db, true));
		else db_end(s->db, false);
	}
	if (rc == ST_BUSY) {
		fprintf(stderr, "store: a write was refused %d times (busy, or a serialisation "
		        "failure): given up\n", attempts);
		s->gave_up = true;
	}
	return rc;
}

bool store_take_busy(struct store *s)
{
	bool gave_up = s->gave_up;
	s->gave_up = false;
	return gave_up;
}

enum store_rc store_tx_keyed(struct store *s, store_tx_fn fn, void *ctx)
{
	/* Inside another transaction the retry belongs to the outermost one:
	 * after a refused write PostgreSQL runs nothing more in this one. */
	if (s->tx_depth > 0) return fn(s, ctx);
	enum store_rc rc = store_tx(s, fn, ctx);
	if (rc == ST_CONFLICT) rc = store_tx(s, fn, ctx);
	return rc;
}

enum store_rc store_backup(struct store *s, const char *path, char **err)
{
	return sq_rc(db_backup(s->db, path, err));
}

enum store_rc store_check(struct store *s, char **report)
{
	return sq_rc(db_check(s->db, report));
}

/* ---- settings ---- */

enum store_rc store_setting_get(struct store *s, const char *key, struct arena *a,
                                const char **value)
{
	struct db_stmt *st = stmt(s, S_SETTING_GET);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, key);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		*value = sq_col_str(st, 0, a);
		db_done(st);
	}
	return rc;
}

enum store_rc store_setting_set(struct store *s, const char *key, const char *value)
{
	struct db_stmt *st = stmt(s, S_SETTING_SET);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return sq_exec(st);
}
