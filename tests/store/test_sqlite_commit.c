/* The SQLite driver's group commit (src/store/db_sqlite.c): no call that
 * commits returns before its commit is on disk, and no read returns before
 * what it read is on disk, while several connections' commits share one
 * sync of the write-ahead log.
 *
 * "On disk" is watched through a VFS shim registered as SQLite's default
 * in this program: it numbers every write to a WAL file, and after each
 * sync of one it records the highest number written before that sync
 * began. A commit's frames are the writes its thread made; what a reader
 * saw was written before it saw it. The shim can also make every WAL sync
 * slow, to hold open the moment between a commit's frames being written and
 * their sync. SQLite only: PostgreSQL syncs its own log. */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "fixture.h"
#include "store/db.h"

/* ---- the shim ---- */

static sqlite3_vfs *real_vfs;
static atomic_uint_fast64_t wal_writes;     /* writes to a WAL so far */
static atomic_uint_fast64_t wal_synced;     /* writes through this one were synced */
static atomic_uint_fast64_t wal_syncs;      /* syncs of a WAL */
static atomic_int slow_sync_ms;             /* each WAL sync takes this long first */
static _Thread_local uint64_t my_last_write; /* this thread's last WAL write */

struct shim_file {
	sqlite3_file base;
	bool wal;
	sqlite3_file *real; /* follows this struct, szOsFile of the real VFS */
};

static sqlite3_file *real_of(sqlite3_file *f) { return ((struct shim_file *)f)->real; }

static int shim_close(sqlite3_file *f) { return real_of(f)->pMethods->xClose(real_of(f)); }
static int shim_read(sqlite3_file *f, void *b, int n, sqlite3_int64 off)
{
	return real_of(f)->pMethods->xRead(real_of(f), b, n, off);
}
static int shim_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 off)
{
	int rc = real_of(f)->pMethods->xWrite(real_of(f), b, n, off);
	if (((struct shim_file *)f)->wal) my_last_write = atomic_fetch_add(&wal_writes, 1) + 1;
	return rc;
}
static int shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
static int shim_sync(sqlite3_file *f, int flags)
{
	if (!((struct shim_file *)f)->wal) return real_of(f)->pMethods->xSync(real_of(f), flags);
	uint64_t upto = atomic_load(&wal_writes);
	int ms = atomic_load(&slow_sync_ms);
	if (ms) {
		struct timespec pause = { 0, ms * 1000000L };
		nanosleep(&pause, NULL);
	}
	int rc = real_of(f)->pMethods->xSync(real_of(f), flags);
	if (rc == SQLITE_OK) {
		uint64_t was = atomic_load(&wal_synced);
		while (was < upto && !atomic_compare_exchange_weak(&wal_synced, &was, upto)) {}
		atomic_fetch_add(&wal_syncs, 1);
	}
	return rc;
}
static int shim_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real_of(f)->pMethods->xFileSize(real_of(f), size);
}
static int shim_lock(sqlite3_file *f, int l) { return real_of(f)->pMethods->xLock(real_of(f), l); }
static int shim_unlock(sqlite3_file *f, int l)
{
	return real_of(f)->pMethods->xUnlock(real_of(f), l);
}
static int shim_check_reserved(sqlite3_file *f, int *out)
{
	return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
static int shim_file_control(sqlite3_file *f, int op, void *arg)
{
	return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
static int shim_sector_size(sqlite3_file *f)
{
	return real_of(f)->pMethods->xSectorSize(real_of(f));
}
static int shim_device(sqlite3_file *f)
{
	return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
static int shim_shm_map(sqlite3_file *f, int pg, int size, int extend, void volatile **out)
{
	return real_of(f)->pMethods->xShmMap(real_of(f), pg, size, extend, out);
}
static int shim_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return real_of(f)->pMethods->xShmLock(real_of(f), off, n, flags);
}
static void shim_shm_barrier(sqlite3_file *f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
static int shim_shm_unmap(sqlite3_file *f, int del)
{
	return real_of(f)->pMethods->xShmUnmap(real_of(f), del);
}

static const sqlite3_io_methods shim_methods = {
	.iVersion = 2,
	.xClose = shim_close,
	.xRead = shim_read,
	.xWrite = shim_write,
	.xTruncate = shim_truncate,
	.xSync = shim_sync,
	.xFileSize = shim_file_size,
	.xLock = shim_lock,
	.xUnlock = shim_unlock,
	.xCheckReservedLock = shim_check_reserved,
	.xFileControl = shim_file_control,
	.xSectorSize = shim_sector_size,
	.xDeviceCharacteristics = shim_device,
	.xShmMap = shim_shm_map,
	.xShmLock = shim_shm_lock,
	.xShmBarrier = shim_shm_barrier,
	.xShmUnmap = shim_shm_unmap,
};

static int shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	(void)vfs;
	struct shim_file *sf = (struct shim_file *)f;
	sf->real = (sqlite3_file *)(sf + 1);
	sf->wal = (flags & SQLITE_OPEN_WAL) != 0;
	int rc = real_vfs->xOpen(real_vfs, name, sf->real, flags, out);
	/* SQLite closes a file only if its methods are set. */
	sf->base.pMethods = sf->real->pMethods ? &shim_methods : NULL;
	return rc;
}

static sqlite3_vfs shim_vfs;

static void shim_install(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	assert_non_null(real_vfs);
	shim_vfs = *real_vfs;
	shim_vfs.zName = "commit-watch";
	shim_vfs.szOsFile = (int)sizeof(struct shim_file) + real_vfs->szOsFile;
	shim_vfs.xOpen = shim_open;
	shim_vfs.pNext = NULL;
	assert_int_equal(sqlite3_vfs_register(&shim_vfs, 1), SQLITE_OK);
}

/* ---- fixture ---- */

struct fx {
	char dir[64];
	char path[96];
};

static struct db *open_or_fail(const char *path)
{
	char *err = NULL;
	struct db *db = db_open(path, DB_READ_WRITE, &err);
	if (!db) fprintf(stderr, "%s\n", err ? err : "?");
	free(err);
	return db;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f) return -1;
	*state = f;
	snprintf(f->dir, sizeof f->dir, "/tmp/ec-commit-test-XXXXXX");
	if (!mkdtemp(f->dir)) return -1;
	snprintf(f->path, sizeof f->path, "%s/db.sqlite", f->dir);
	struct db *db = open_or_fail(f->path);
	if (!db) return -1;
	enum db_rc rc = db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, who INTEGER, v TEXT)");
	db_close(db);
	atomic_store(&slow_sync_ms, 0);
	return rc == DB_OK ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_db_remove_files(f->path);
	int rc = rmdir(f->dir);
	free(f);
	return rc;
}

static enum db_rc insert(struct db *db, int64_t id, int64_t who)
{
	struct db_stmt *st = db_stmt(db, 0, "INSERT INTO t (id, who, v) VALUES ($1, $2, $3)");
	if (!st) return DB_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_i64(st, 2, who);
	db_bind_text(st, 3, "a row long enough to be more than a few bytes of the page");
	enum db_rc rc = db_step(st);
	return rc == DB_DONE ? DB_OK : rc;
}

/* ---- commits ---- */

enum { WRITERS = 4, COMMITS = 150 };

struct writer {
	const char *path;
	int who;
	int late;     /* commits reported before their frames were synced */
	int failed;   /* calls that did not answer DB_OK */
};

static void *write_many(void *p)
{
	struct writer *w = p;
	struct db *db = open_or_fail(w->path);
	if (!db) {
		w->failed = COMMITS;
		return NULL;
	}
	for (int i = 0; i < COMMITS; i++) {
		int64_t id = (int64_t)w->who * 100000 + i;
		if (i % 3 == 2) { /* a statement of its own is its own commit */
			if (insert(db, id, w->who) != DB_OK) w->failed++;
		} else if (db_begin(db, DB_TX_WRITE) != DB_OK || insert(db, id, w->who) != DB_OK ||
		           db_end(db, true) != DB_OK) {
			w->failed++;
			if (db_in_transaction(db)) db_end(db, false);
			continue;
		}
		if (atomic_load(&wal_synced) < my_last_write) w->late++;
	}
	db_close(db);
	return NULL;
}

static void commits_are_on_disk_when_reported(void **state)
{
	struct fx *f = *state;
	uint64_t syncs_before = atomic_load(&wal_syncs);
	pthread_t t[WRITERS];
	struct writer w[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		w[i] = (struct writer){ .path = f->path, .who = i + 1 };
		assert_int_equal(pthread_create(&t[i], NULL, write_many, &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++) pthread_join(t[i], NULL);
	for (int i = 0; i < WRITERS; i++) {
		assert_int_equal(w[i].failed, 0);
		assert_int_equal(w[i].late, 0);
	}
	/* Every row is there. */
	struct db *db = open_or_fail(f->path);
	assert_non_null(db);
	struct db_stmt *st = db_stmt(db, 1, "SELECT COUNT(*) FROM t");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_i64(st, 0), WRITERS * COMMITS);
	db_done(st);
	db_close(db);
	/* Each commit needs a sync, and shares one when it can: how many they
	 * shared depends on timing, so it is printed, not asserted. */
	uint64_t syncs = atomic_load(&wal_syncs) - syncs_before;
	assert_true(syncs >= 1);
	print_message("%d commits on %d connections, %llu syncs of the WAL\n", WRITERS * COMMITS,
	              WRITERS, (unsigned long long)syncs);
}

/* ---- reads ---- */

struct slow_writer {
	const char *path;
	enum db_rc rc;
};

static void *write_one(void *p)
{
	struct slow_writer *w = p;
	struct db *db = open_or_fail(w->path);
	if (!db) {
		w->rc = DB_ERROR;
		return NULL;
	}
	w->rc = db_begin(db, DB_TX_WRITE);
	if (w->rc == DB_OK) w->rc = insert(db, 42, 1);
	if (w->rc == DB_OK) w->rc = db_end(db, true);
	db_close(db);
	return NULL;
}

/* Polls for row 42 until it appears, in a read transaction (in_tx) or a
 * statement of its own; returns the WAL writes made by when it was seen
 * (its frames are among them), 0 if it never appeared. */
static uint64_t read_until_seen(struct db *db, bool in_tx)
{
	for (int tries = 0; tries < 20000; tries++) {
		if (in_tx && db_begin(db, DB_TX_READ) != DB_OK) return 0;
		struct db_stmt *st = db_stmt(db, 2, "SELECT COUNT(*) FROM t WHERE id = 42");
		if (!st || db_step(st) != DB_ROW) return 0;
		bool seen = db_col_i64(st, 0) == 1;
		uint64_t written = atomic_load(&wal_writes);
		db_done(st);
		if (in_tx && db_end(db, true) != DB_OK) return 0;
		if (seen) return written;
		struct timespec pause = { 0, 100000 };
		nanosleep(&pause, NULL);
	}
	return 0;
}

/* While the writer's sync of the WAL is slow, a reader on another
 * connection sees its row; the read returns only once that row is on disk. */
static void a_read_waits_for_what_it_saw(bool in_tx, struct fx *f)
{
	struct db *reader = open_or_fail(f->path);
	assert_non_null(reader);
	atomic_store(&slow_sync_ms, 200);
	struct slow_writer w = { .path = f->path };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, write_one, &w), 0);
	uint64_t seen_after = read_until_seen(reader, in_tx);
	uint64_t synced = atomic_load(&wal_synced);
	pthread_join(t, NULL);
	atomic_store(&slow_sync_ms, 0);
	db_close(reader);
	assert_int_equal(w.rc, DB_OK);
	assert_true(seen_after > 0);
	assert_true(synced >= seen_after);
}

static void a_read_transaction_waits_for_what_it_saw(void **state)
{
	a_read_waits_for_what_it_saw(true, *state);
}

static void a_lone_read_waits_for_what_it_saw(void **state)
{
	a_read_waits_for_what_it_saw(false, *state);
}

/* With nothing waiting to be synced, a read starts no sync. */
static void reads_alone_never_sync(void **state)
{
	struct fx *f = *state;
	struct db *db = open_or_fail(f->path);
	assert_non_null(db);
	assert_int_equal(insert(db, 1, 1), DB_OK);
	uint64_t syncs = atomic_load(&wal_syncs);
	for (int i = 0; i < 200; i++) {
		assert_int_equal(db_begin(db, DB_TX_READ), DB_OK);
		struct db_stmt *st = db_stmt(db, 1, "SELECT COUNT(*) FROM t");
		assert_int_equal(db_step(st), DB_ROW);
		assert_int_equal(db_col_i64(st, 0), 1);
		db_done(st);
		assert_int_equal(db_end(db, true), DB_OK);
	}
	assert_int_equal(atomic_load(&wal_syncs), syncs);
	db_close(db);
}

/* With synchronous=NORMAL and the driver's own syncs, SQLite still copies
 * the WAL back every 1,000 pages and begins it again: it never grows much
 * past that. */
static void the_wal_is_checkpointed(void **state)
{
	struct fx *f = *state;
	struct db *db = open_or_fail(f->path);
	assert_non_null(db);
	for (int i = 0; i < 3000; i++) assert_int_equal(insert(db, i, 1), DB_OK);
	char wal[128];
	snprintf(wal, sizeof wal, "%s-wal", f->path);
	struct stat st;
	assert_int_equal(stat(wal, &st), 0);
	/* 3,000 commits of a page or more each: without checkpoints, 12 MB */
	assert_true(st.st_size > 0);
	assert_true(st.st_size < (1000 + 100) * (4096 + 24));
	db_close(db);
}

int main(void)
{
	shim_install();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(commits_are_on_disk_when_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(a_read_transaction_waits_for_what_it_saw, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(a_lone_read_waits_for_what_it_saw, setup, teardown),
		cmocka_unit_test_setup_teardown(reads_alone_never_sync, setup, teardown),
		cmocka_unit_test_setup_teardown(the_wal_is_checkpointed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
