/* The read cache (src/store/read_cache.c, used by db.c), on each backend,
 * through db.h as the store uses it: rows served from the cache are the
 * rows the database gave; a commit through any connection sharing the
 * cache is seen by the next snapshot; a commit by a connection outside it
 * (another process) is seen once the cached rows are older than the time
 * to live; only reads inside a read snapshot are cached; results too big
 * are not kept; and the cache stays within its bytes.
 *
 * Connections opened with no cache stand for another process. */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "../testdb.h"
#include "fixture.h"
#include "store/db.h"
#include "store/read_cache.h"

/* Statement slots for this program: any free ids will do, the same id
 * always with the same text (db.h). */
enum { S_SELECT = 1, S_SELECT_ONE, S_SET_NAME, S_BUMP, S_INSERT, S_COUNTER, S_WITH };
static const char *const sql[] = {
	[S_SELECT] = "SELECT id, name, n FROM t WHERE id >= $1 ORDER BY id",
	[S_SELECT_ONE] = "SELECT name, n FROM t WHERE id = $1",
	[S_SET_NAME] = "UPDATE t SET name = $2 WHERE id = $1",
	[S_BUMP] = "UPDATE t SET n = n + 1 WHERE id = $1",
	[S_INSERT] = "INSERT INTO t (id, name, n) VALUES ($1, $2, $3)",
	[S_COUNTER] = "SELECT n FROM t WHERE id = $1",
	[S_WITH] = "WITH w AS (SELECT id, n FROM t WHERE id >= $1) SELECT COUNT(*) FROM w",
};

struct fx {
	char dir[256], target[512];
};

static struct db *open_db(const char *target, struct read_cache *cache)
{
	char *err = NULL;
	struct db *db = db_open(target, DB_READ_WRITE, &err);
	if (!db) fprintf(stderr, "%s\n", err ? err : "?");
	free(err);
	if (db) db_attach_read_cache(db, cache);
	return db;
}

static enum db_rc run(struct db *db, int id, int64_t key, const char *text, int64_t n)
{
	struct db_stmt *st = db_stmt(db, id, sql[id]);
	if (!st) return DB_ERROR;
	db_bind_i64(st, 1, key);
	if (id == S_SET_NAME || id == S_INSERT) db_bind_text(st, 2, text);
	if (id == S_INSERT) db_bind_i64(st, 3, n);
	enum db_rc rc = db_step(st);
	db_done(st);
	return rc == DB_DONE ? DB_OK : rc;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f) return -1;
	*state = f;
	struct store *s;
	if (!store_db_make("read-cache", f->dir, sizeof f->dir, f->target, sizeof f->target, &s))
		return -1;
	store_close(s);
	struct db *db = open_db(f->target, NULL);
	if (!db) return -1;
	/* Values of every kind a column can give: text, a number in text, the
	 * empty string, an integer, NULL. */
	bool ok = db_exec(db, "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, n BIGINT)") == DB_OK &&
	          run(db, S_INSERT, 1, "Amira", 10) == DB_OK &&
	          run(db, S_INSERT, 2, "42", 0) == DB_OK &&
	          run(db, S_INSERT, 3, "", -7) == DB_OK &&
	          run(db, S_INSERT, 4, NULL, 5) == DB_OK;
	ok = ok && db_exec(db, "UPDATE t SET n = NULL WHERE id = 3") == DB_OK;
	db_close(db);
	return ok ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_db_drop(NULL, f->dir, f->target);
	free(f);
	return 0;
}

/* One row as every accessor gives it. */
struct seen {
	int64_t id, n;
	bool name_null, n_null;
	char name[64], n_text[32];
};

/* Runs S_SELECT from `from` inside a read snapshot (when snapshot) and
 * reads every accessor of every row into rows; returns the row count. */
static int select_rows(struct db *db, bool snapshot, int64_t from, struct seen *rows, int max)
{
	if (snapshot) assert_int_equal(db_begin(db, DB_TX_READ), DB_OK);
	struct db_stmt *st = db_stmt(db, S_SELECT, sql[S_SELECT]);
	assert_non_null(st);
	db_bind_i64(st, 1, from);
	int n = 0;
	enum db_rc rc;
	while ((rc = db_step(st)) == DB_ROW) {
		assert_true(n < max);
		struct seen *r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->id = db_col_i64(st, 0);
		r->name_null = db_col_is_null(st, 1);
		const char *name = db_col_text(st, 1);
		snprintf(r->name, sizeof r->name, "%s", name ? name : "(null)");
		r->n_null = db_col_is_null(st, 2);
		r->n = db_col_i64(st, 2);
		const char *nt = db_col_text(st, 2);
		snprintf(r->n_text, sizeof r->n_text, "%s", nt ? nt : "(null)");
	}
	assert_int_equal(rc, DB_DONE);
	db_done(st);
	if (snapshot) assert_int_equal(db_end(db, true), DB_OK);
	return n;
}

static const char *name_of(struct db *db, int64_t id, char *out, size_t size)
{
	assert_int_equal(db_begin(db, DB_TX_READ), DB_OK);
	struct db_stmt *st = db_stmt(db, S_SELECT_ONE, sql[S_SELECT_ONE]);
	assert_non_null(st);
	db_bind_i64(st, 1, id);
	assert_int_equal(db_step(st), DB_ROW);
	const char *name = db_col_text(st, 0);
	snprintf(out, size, "%s", name ? name : "(null)");
	db_done(st);
	assert_int_equal(db_end(db, true), DB_OK);
	return out;
}

static struct read_cache_stats stats_of(struct read_cache *c)
{
	struct read_cache_stats s;
	read_cache_stats(c, &s);
	return s;
}

static void rows_from_the_cache_are_the_rows_the_database_gave(void **state)
{
	struct fx *f = *state;
	struct read_cache *c = read_cache_new(60000, 1 << 20);
	struct db *cached = open_db(f->target, c), *plain = open_db(f->target, NULL);
	assert_non_null(cached);
	assert_non_null(plain);
	struct seen want[8], first[8], again[8];
	int nwant = select_rows(plain, true, 1, want, 8);
	assert_int_equal(nwant, 4);
	assert_int_equal(select_rows(cached, true, 1, first, 8), 4);
	struct read_cache_stats s1 = stats_of(c);
	assert_int_equal(s1.kept, 1);
	assert_int_equal(s1.hits, 0);
	assert_int_equal(select_rows(cached, true, 1, again, 8), 4);
	struct read_cache_stats s2 = stats_of(c);
	assert_int_equal(s2.hits, 1); /* the second came from the cache */
	/* Every accessor, every row, as the database itself gave them. */
	assert_memory_equal(first, want, sizeof(struct seen) * 4);
	assert_memory_equal(again, want, sizeof(struct seen) * 4);
	assert_true(again[3].name_null);
	assert_true(again[2].n_null);
	assert_string_equal(again[1].name, "42");
	assert_string_equal(again[0].n_text, "10");
	/* Other bindings are other entries. */
	assert_int_equal(select_rows(cached, true, 3, first, 8), 2);
	assert_int_equal(stats_of(c).hits, 1);
	assert_int_equal(stats_of(c).kept, 2);
	db_close(cached);
	db_close(plain);
	read_cache_free(c);
}

static void a_commit_through_the_cache_is_seen_by_the_next_snapshot(void **state)
{
	struct fx *f = *state;
	struct read_cache *c = read_cache_new(60000, 1 << 20);
	struct db *a = open_db(f->target, c), *b = open_db(f->target, c);
	assert_non_null(a);
	assert_non_null(b);
	char name[32];
	assert_string_equal(name_of(a, 1, name, sizeof name), "Amira");
	/* A statement of its own (autocommit) on another connection. */
	assert_int_equal(run(b, S_SET_NAME, 1, "Amira B", 0), DB_OK);
	assert_string_equal(name_of(a, 1, name, sizeof name), "Amira B");
	/* A write transaction: not seen before its commit, seen after. */
	assert_int_equal(db_begin(b, DB_TX_WRITE), DB_OK);
	assert_int_equal(run(b, S_SET_NAME, 1, "Amira C", 0), DB_OK);
	assert_string_equal(name_of(a, 1, name, sizeof name), "Amira B");
	assert_int_equal(db_end(b, true), DB_OK);
	assert_string_equal(name_of(a, 1, name, sizeof name), "Amira C");
	/* A rolled-back one changes nothing, and nothing stale is served. */
	assert_int_equal(db_begin(b, DB_TX_WRITE), DB_OK);
	assert_int_equal(run(b, S_SET_NAME, 1, "Never", 0), DB_OK);
	assert_int_equal(db_end(b, false), DB_OK);
	assert_string_equal(name_of(a, 1, name, sizeof name), "Amira C");
	/* A connection's own writes too. */
	assert_int_equal(run(a, S_SET_NAME, 1, "Amira", 0), DB_OK);
	assert_string_equal(name_of(a, 1, name, sizeof name), "Amira");
	db_close(a);
	db_close(b);
	read_cache_free(c);
}

static void a_commit_elsewhere_is_seen_once_the_rows_outlive_their_time(void **state)
{
	struct fx *f = *state;
	/* Long-lived rows are served as they were, however long it takes
	 * (that is the cache's promise and its limit: docs/operations.md)... */
	struct read_cache *slow = read_cache_new(60000, 1 << 20);
	struct read_cache *fast = read_cache_new(100, 1 << 20);
	struct db *a = open_db(f->target, slow), *b = open_db(f->target, fast),
	          *elsewhere = open_db(f->target, NULL);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(elsewhere);
	char name[32];
	assert_string_equal(name_of(a, 2, name, sizeof name), "42");
	assert_string_equal(name_of(b, 2, name, sizeof name), "42");
	assert_int_equal(run(elsewhere, S_SET_NAME, 2, "43", 0), DB_OK);
	assert_string_equal(name_of(a, 2, name, sizeof name), "42");
	/* ... and short-lived ones give way to the new value in time. */
	struct timespec pause = { 0, 150 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	assert_string_equal(name_of(b, 2, name, sizeof name), "43");
	assert_int_equal(run(elsewhere, S_SET_NAME, 2, "42", 0), DB_OK);
	db_close(a);
	db_close(b);
	db_close(elsewhere);
	read_cache_free(slow);
	read_cache_free(fast);
}

static void only_reads_in_a_read_snapshot_are_cached(void **state)
{
	struct fx *f = *state;
	struct read_cache *c = read_cache_new(60000, 1 << 20);
	struct db *db = open_db(f->target, c);
	assert_non_null(db);
	struct seen rows[8];
	/* Outside any transaction. */
	assert_int_equal(select_rows(db, false, 1, rows, 8), 4);
	assert_int_equal(select_rows(db, false, 1, rows, 8), 4);
	/* Inside a write transaction, which reads its own writes. */
	assert_int_equal(db_begin(db, DB_TX_WRITE), DB_OK);
	assert_int_equal(select_rows(db, false, 1, rows, 8), 4);
	assert_int_equal(run(db, S_SET_NAME, 4, "Set In Tx", 0), DB_OK);
	assert_int_equal(select_rows(db, false, 1, rows, 8), 4);
	assert_string_equal(rows[3].name, "Set In Tx");
	assert_int_equal(db_end(db, false), DB_OK);
	struct read_cache_stats s = stats_of(c);
	assert_int_equal(s.kept, 0);
	assert_int_equal(s.hits + s.misses, 0);
	db_close(db);
	read_cache_free(c);
}

static void a_result_read_in_part_is_kept_whole(void **state)
{
	struct fx *f = *state;
	struct read_cache *c = read_cache_new(60000, 1 << 20);
	struct db *db = open_db(f->target, c);
	assert_non_null(db);
	/* The first row only, then done, as the store's single-row reads do. */
	assert_int_equal(db_begin(db, DB_TX_READ), DB_OK);
	struct db_stmt *st = db_stmt(db, S_SELECT, sql[S_SELECT]);
	db_bind_i64(st, 1, 1);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_i64(st, 0), 1);
	db_done(st);
	assert_int_equal(db_end(db, true), DB_OK);
	assert_int_equal(stats_of(c).kept, 1);
	struct seen rows[8];
	assert_int_equal(select_rows(db, true, 1, rows, 8), 4);
	assert_int_equal(stats_of(c).hits, 1);
	assert_int_equal(rows[3].id, 4);
	db_close(db);
	read_cache_free(c);
}

static void results_too_big_are_not_kept_and_the_cache_keeps_to_its_bytes(void **state)
{
	struct fx *f = *state;
	enum { MAX = 16 * 1024 }; /* entries up to 2 KiB */
	struct read_cache *c = read_cache_new(60000, MAX);
	struct db *db = open_db(f->target, c);
	assert_non_null(db);
	assert_int_equal(db_begin(db, DB_TX_WRITE), DB_OK);
	char text[64];
	for (int i = 0; i < 200; i++) {
		snprintf(text, sizeof text, "row %d with some words to take up room", i);
		assert_int_equal(run(db, S_INSERT, 1000 + i, text, i), DB_OK);
	}
	assert_int_equal(db_end(db, true), DB_OK);
	/* 200 rows of ~60 bytes: too big for one entry. */
	static struct seen rows[256];
	assert_int_equal(select_rows(db, true, 1000, rows, 256), 200);
	assert_string_equal(rows[199].name, "row 199 with some words to take up room");
	assert_int_equal(stats_of(c).kept, 0);
	/* Many small ones: kept, within the bound. */
	for (int i = 0; i < 200; i++) {
		char name[64];
		snprintf(text, sizeof text, "row %d with some words to take up room", i);
		assert_string_equal(name_of(db, 1000 + i, name, sizeof name), text);
		assert_true(stats_of(c).bytes <= MAX);
	}
	struct read_cache_stats s = stats_of(c);
	assert_int_equal(s.kept, 200);
	assert_true(s.evictions > 0);
	assert_true(s.entries < 200);
	assert_int_equal(db_exec(db, "DELETE FROM t WHERE id >= 1000"), DB_OK);
	db_close(db);
	read_cache_free(c);
}

/* Several threads, each with its own connection on one cache, each bumping
 * its own counter and reading every counter back: each always reads its own
 * latest value, and never sees anyone's counter go back. Reader threads,
 * which only read, check the same while the writers work. */
enum { THREADS = 4, ROUNDS = 150, READERS = 2 };
struct worker {
	const char *target;
	struct read_cache *cache;
	int me;
	int failures;
	atomic_bool *writers_done;
	long reads;
};

static int64_t counter(struct db *db, int64_t id)
{
	struct db_stmt *st = db_stmt(db, S_COUNTER, sql[S_COUNTER]);
	if (!st) return -1;
	db_bind_i64(st, 1, id);
	int64_t v = db_step(st) == DB_ROW ? db_col_i64(st, 0) : -1;
	db_done(st);
	return v;
}

static void *work(void *p)
{
	struct worker *w = p;
	struct db *db = open_db(w->target, w->cache);
	if (!db) {
		w->failures = ROUNDS;
		return NULL;
	}
	int64_t last[THREADS] = {0};
	for (int round = 1; round <= ROUNDS; round++) {
		enum db_rc rc;
		while ((rc = run(db, S_BUMP, 100 + w->me, NULL, 0)) == DB_BUSY) {}
		if (rc != DB_OK) {
			w->failures++;
			continue;
		}
		if (db_begin(db, DB_TX_READ) != DB_OK) {
			w->failures++;
			continue;
		}
		for (int t = 0; t < THREADS; t++) {
			int64_t v = counter(db, 100 + t);
			if (t == w->me ? v != round : v < last[t]) {
				fprintf(stderr, "thread %d round %d: counter %d is %lld (was %lld)\n", w->me,
				        round, t, (long long)v, (long long)last[t]);
				w->failures++;
			}
			last[t] = v;
		}
		db_end(db, true);
	}
	db_close(db);
	return NULL;
}

static void *read_all(void *p)
{
	struct worker *w = p;
	struct db *db = open_db(w->target, w->cache);
	if (!db) {
		w->failures = 1;
		return NULL;
	}
	int64_t last[THREADS] = {0};
	while (!atomic_load(w->writers_done)) {
		if (db_begin(db, DB_TX_READ) != DB_OK) {
			w->failures++;
			continue;
		}
		for (int t = 0; t < THREADS; t++) {
			int64_t v = counter(db, 100 + t);
			if (v < last[t]) {
				fprintf(stderr, "reader %d: counter %d went from %lld to %lld\n", w->me, t,
				        (long long)last[t], (long long)v);
				w->failures++;
			}
			last[t] = v;
		}
		db_end(db, true);
		w->reads++;
	}
	db_close(db);
	return NULL;
}

static void threads_read_their_own_writes_and_nothing_goes_back(void **state)
{
	struct fx *f = *state;
	struct read_cache *c = read_cache_new(60000, 1 << 20);
	struct db *db = open_db(f->target, NULL);
	assert_non_null(db);
	for (int t = 0; t < THREADS; t++) assert_int_equal(run(db, S_INSERT, 100 + t, "c", 0), DB_OK);
	struct worker w[THREADS + READERS];
	pthread_t th[THREADS + READERS];
	atomic_bool writers_done = false;
	for (int t = 0; t < THREADS + READERS; t++) {
		w[t] = (struct worker){ .target = f->target, .cache = c, .me = t,
		                        .writers_done = &writers_done };
		assert_int_equal(pthread_create(&th[t], NULL, t < THREADS ? work : read_all, &w[t]), 0);
	}
	for (int t = 0; t < THREADS; t++) pthread_join(th[t], NULL);
	atomic_store(&writers_done, true);
	for (int t = THREADS; t < THREADS + READERS; t++) pthread_join(th[t], NULL);
	for (int t = 0; t < THREADS + READERS; t++) assert_int_equal(w[t].failures, 0);
	for (int t = THREADS; t < THREADS + READERS; t++) assert_true(w[t].reads > 0);
	for (int t = 0; t < THREADS; t++) assert_int_equal(counter(db, 100 + t), ROUNDS);
	struct read_cache_stats s = stats_of(c);
	print_message("%llu hits, %llu misses\n", (unsigned long long)s.hits,
	              (unsigned long long)s.misses);
	assert_true(s.hits + s.misses > 0);
	assert_int_equal(db_exec(db, "DELETE FROM t WHERE id >= 100 AND id < 200"), DB_OK);
	db_close(db);
	read_cache_free(c);
}

/* Bindings are kept by db.c and given to the database only when a statement
 * runs there (a read served from the cache never reaches it), with db.h's
 * meaning all the same: each db_stmt starts with every parameter NULL, text
 * is copied when bound, bindings last until the next db_stmt, and a
 * statement a caller left running holds nothing once it is fetched again. */
static void bindings_keep_their_meaning_when_they_reach_the_database_late(void **state)
{
	struct fx *f = *state;
	struct read_cache *c = read_cache_new(60000, 1 << 20);
	struct db *db = open_db(f->target, c), *plain = open_db(f->target, NULL);
	assert_non_null(db);
	assert_non_null(plain);
	char name[64];

	/* A parameter bound last time but not this time is NULL. */
	assert_int_equal(run(db, S_INSERT, 300, "first", 1), DB_OK);
	struct db_stmt *st = db_stmt(db, S_INSERT, sql[S_INSERT]);
	db_bind_i64(st, 1, 301);
	db_bind_i64(st, 3, 2);
	assert_int_equal(db_step(st), DB_DONE);
	db_done(st);
	assert_string_equal(name_of(db, 301, name, sizeof name), "(null)");

	/* Text is copied when bound: the caller's buffer may change before the
	 * statement runs. */
	char buf[16];
	snprintf(buf, sizeof buf, "second");
	st = db_stmt(db, S_SET_NAME, sql[S_SET_NAME]);
	db_bind_i64(st, 1, 300);
	db_bind_text(st, 2, buf);
	snprintf(buf, sizeof buf, "XXXXXX");
	assert_int_equal(db_step(st), DB_DONE);
	db_done(st);
	assert_string_equal(name_of(plain, 300, name, sizeof name), "second");

	/* After db_done the bindings stay: rebinding one keeps the other. */
	db_bind_text(st, 2, "third");
	assert_int_equal(db_step(st), DB_DONE);
	db_done(st);
	assert_string_equal(name_of(plain, 300, name, sizeof name), "third");

	/* Left running, then fetched again and served from the cache (and not
	 * finished either): fetching it stopped the run, so no old snapshot
	 * lingers, and the next one sees a change made elsewhere. */
	struct seen rows[8];
	assert_int_equal(select_rows(db, true, 300, rows, 8), 2); /* now cached */
	assert_int_equal(db_begin(db, DB_TX_READ), DB_OK);
	st = db_stmt(db, S_SELECT, sql[S_SELECT]);
	db_bind_i64(st, 1, 1);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_i64(st, 0), 1);
	uint64_t hits = stats_of(c).hits;
	st = db_stmt(db, S_SELECT, sql[S_SELECT]);
	db_bind_i64(st, 1, 300);
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(stats_of(c).hits, hits + 1);
	assert_int_equal(db_col_i64(st, 0), 300);
	assert_int_equal(db_end(db, true), DB_OK);
	assert_int_equal(run(plain, S_SET_NAME, 300, "fourth", 0), DB_OK);
	assert_string_equal(name_of(db, 300, name, sizeof name), "fourth");
	db_done(st);

	assert_int_equal(db_exec(plain, "DELETE FROM t WHERE id >= 300 AND id < 400"), DB_OK);
	db_close(db);
	db_close(plain);
	read_cache_free(c);
}

/* A query that begins WITH is a read like any other: cached in a snapshot
 * (PostgreSQL's driver once took it for a write, and every page that had
 * one ended its snapshot and announced a commit). */
static void a_query_beginning_with_with_is_cached_as_a_read(void **state)
{
	struct fx *f = *state;
	struct read_cache *c = read_cache_new(60000, 1 << 20);
	struct db *db = open_db(f->target, c);
	assert_non_null(db);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(db_begin(db, DB_TX_READ), DB_OK);
		struct db_stmt *st = db_stmt(db, S_WITH, sql[S_WITH]);
		assert_non_null(st);
		db_bind_i64(st, 1, 1);
		assert_int_equal(db_step(st), DB_ROW);
		assert_int_equal(db_col_i64(st, 0), 4);
		assert_int_equal(db_step(st), DB_DONE);
		db_done(st);
		assert_int_equal(db_end(db, true), DB_OK);
	}
	struct read_cache_stats s = stats_of(c);
	assert_int_equal(s.kept, 1);
	assert_int_equal(s.hits, 1);
	db_close(db);
	read_cache_free(c);
}

/* A write transaction in which a statement failed is ended whatever the
 * caller asks (on PostgreSQL such a transaction keeps nothing and a commit
 * of it fails), and the connection goes on working. */
static void a_transaction_with_a_failed_statement_is_ended(void **state)
{
	struct fx *f = *state;
	struct db *db = open_db(f->target, NULL);
	assert_non_null(db);
	assert_int_equal(db_begin(db, DB_TX_WRITE), DB_OK);
	assert_int_equal(run(db, S_INSERT, 1, "again", 0), DB_CONSTRAINT); /* id 1 exists */
	enum db_rc rc = db_end(db, true);
	if (testdb_is_postgresql()) assert_int_equal(rc, DB_ERROR);
	assert_int_equal(db_begin(db, DB_TX_WRITE), DB_OK);
	assert_int_equal(run(db, S_SET_NAME, 4, "after the failure", 0), DB_OK);
	assert_int_equal(db_end(db, true), DB_OK);
	char name[64];
	assert_string_equal(name_of(db, 4, name, sizeof name), "after the failure");
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_from_the_cache_are_the_rows_the_database_gave),
		cmocka_unit_test(a_commit_through_the_cache_is_seen_by_the_next_snapshot),
		cmocka_unit_test(a_commit_elsewhere_is_seen_once_the_rows_outlive_their_time),
		cmocka_unit_test(only_reads_in_a_read_snapshot_are_cached),
		cmocka_unit_test(a_result_read_in_part_is_kept_whole),
		cmocka_unit_test(results_too_big_are_not_kept_and_the_cache_keeps_to_its_bytes),
		cmocka_unit_test(threads_read_their_own_writes_and_nothing_goes_back),
		cmocka_unit_test(bindings_keep_their_meaning_when_they_reach_the_database_late),
		cmocka_unit_test(a_query_beginning_with_with_is_cached_as_a_read),
		cmocka_unit_test(a_transaction_with_a_failed_statement_is_ended),
	};
	return cmocka_run_group_tests_name(testdb_is_postgresql() ? "read cache (postgresql)"
	                                                         : "read cache (sqlite)",
	                                   tests, setup, teardown);
}
