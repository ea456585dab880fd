/* SQLite driver for db.h.
 *
 * Each connection: WAL journal (readers never block the writer), every
 * commit on disk before it is reported (a write acknowledged to a client
 * survives a power cut; see group commit below), foreign keys on, and a busy handler
 * so that brief writer contention waits rather than fails. One connection
 * belongs to one thread at a time. SQLite runs one writer at a time, so
 * every transaction is serialisable as db.h promises.
 *
 * Writers of one process queue at a gate (a mutex per database file)
 * before BEGIN IMMEDIATE, and are woken the moment the writer before them
 * commits. Left to SQLite's own busy timeout, a thread that finds the
 * lock taken sleeps 1, 2, 5 ... up to 100 ms however soon it frees, and
 * every request on that thread waits with it: bench/pay measured p99 over
 * 400 ms at 64 connections that way. The busy handler, for writers in
 * other processes (a second server, `backup`) and single statements,
 * polls every 200 us for up to 5 s.
 *
 * Commits are made durable in groups. SQLite with synchronous=FULL syncs
 * the WAL inside COMMIT, holding the one write lock through the sync (two
 * thirds of an approval's time under the lock in bench/pay), so no two
 * writers' syncs could ever overlap. Here a connection to a file runs with
 * synchronous=NORMAL (SQLite still keeps the file consistent through a
 * power cut) and the driver syncs the WAL itself after the lock is let go,
 * before the call that committed returns: no caller hears of a commit that
 * is not on disk. One sync covers every commit whose frames were written
 * before it began, so writers that commit while a sync runs share the next
 * one. A reader may see another thread's commit in the moment between its
 * frames being written and their sync; so that no answer shows data a power
 * cut could take back, a read that ends while a commit of this process is
 * not yet on disk waits for a sync that begins after it (at once, with no
 * lock, when every commit is on disk). Commits of another process
 * (`emptychair user`, a second server on the same file) are synced by that
 * process before it reports them, but a reader here may see one in that
 * moment; docs/operations.md says to run one server per SQLite file. */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/mem.h"
#include "store/db_driver.h"

struct sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *st;
};

/* BEGIN, BEGIN IMMEDIATE, COMMIT and ROLLBACK are prepared once too: a page
 * view begins and ends a read snapshot, and preparing costs more than
 * running them. */
enum { TX_BEGIN_READ, TX_BEGIN_WRITE, TX_COMMIT, TX_ROLLBACK, TX__COUNT };
static const char *const tx_sql[TX__COUNT] = { "BEGIN", "BEGIN IMMEDIATE", "COMMIT",
                                               "ROLLBACK" };

/* One gate per database file, for the process's lifetime. */
enum {
	GATES_MAX = 32,
	BUSY_POLL_US = 200,
	BUSY_MAX_US = 5000000,
	SYNC_PATIENCE_MS = 20,
};
struct write_gate {
	char *path;
	pthread_mutex_t lock;          /* writers queue here */
	/* Group commit (the connections of this process on this file): a
	 * commit is numbered when it begins, under SQLite's write lock, so
	 * numbers follow the order of the frames in the WAL. */
	atomic_uint_fast64_t begun;    /* last commit number given */
	atomic_uint_fast64_t synced;   /* commits through this one are on disk */
	pthread_mutex_t sync_lock;     /* guards the four below and writes to synced */
	pthread_cond_t sync_moved;     /* a sync ended, or written went up */
	uint64_t written;              /* commits through this one are in the WAL */
	uint64_t syncs_begun, syncs_done; /* numbers of the last sync begun, and done */
	bool syncing;                  /* a connection is syncing the WAL */
};
static struct write_gate gates[GATES_MAX];
static size_t ngates;
static pthread_mutex_t gates_lock = PTHREAD_MUTEX_INITIALIZER;

/* The gate of the file at path; NULL (no queue: the busy handler alone)
 * when there are more files than gates or no path (":memory:"). */
static struct write_gate *gate_of(const char *path)
{
	if (!path || !*path) return NULL;
	struct write_gate *g = NULL;
	pthread_mutex_lock(&gates_lock);
	for (size_t i = 0; i < ngates && !g; i++)
		if (!strcmp(gates[i].path, path)) g = &gates[i];
	if (!g && ngates < GATES_MAX) {
		g = &gates[ngates++];
		g->path = xstrdup(path);
		pthread_mutex_init(&g->lock, NULL);
		pthread_mutex_init(&g->sync_lock, NULL);
		pthread_cond_init(&g->sync_moved, NULL);
	}
	pthread_mutex_unlock(&gates_lock);
	return g;
}

static int busy_poll(void *ctx, int calls)
{
	(void)ctx;
	if ((int64_t)calls * BUSY_POLL_US >= BUSY_MAX_US) return 0;
	struct timespec pause = { 0, BUSY_POLL_US * 1000L };
	nanosleep(&pause, NULL);
	return 1;
}

struct sqlite_db {
	struct db base;
	sqlite3 *conn;
	struct write_gate *gate;
	bool in_gate;             /* this connection holds its gate */
	uint64_t commit_no;       /* its last commit's number (commit hook) */
	uint64_t commit_done;     /* the last of them known written and synced */
	sqlite3_stmt *tx[TX__COUNT];
	struct sqlite_stmt stmts[DB_STMT_SLOTS];
};

static struct sqlite_db *of(struct db *db) { return (struct sqlite_db *)db; }
static sqlite3_stmt *st_of(struct db_stmt *st) { return ((struct sqlite_stmt *)st)->st; }

/* ---- group commit ---- */

/* Runs inside COMMIT (or a statement of its own) as it begins, under the
 * write lock: numbers the commit. Read-only transactions do not call it. */
static int number_commit(void *ctx)
{
	struct sqlite_db *db = ctx;
	db->commit_no = atomic_fetch_add(&db->gate->begun, 1) + 1;
	return 0;
}

/* Syncs this connection's WAL file; false on an I/O error. */
static bool sync_wal(struct sqlite_db *db)
{
	sqlite3_file *wal = NULL;
	if (sqlite3_file_control(db->conn, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) !=
	        SQLITE_OK ||
	    !wal || !wal->pMethods)
		return false;
	return wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) == SQLITE_OK;
}

/* Waits until commit n is on disk: until a sync covers it, or one that
 * began after this call did (it covers every commit the caller can have
 * seen). When no other connection is syncing and commit n is known to be in
 * the WAL (or its writer has not said so for SYNC_PATIENCE_MS), it runs that
 * sync itself. One sync at a time; those who wait meanwhile share the next.
 * false if this connection's sync failed. */
static bool wait_for_sync(struct sqlite_db *db, uint64_t n)
{
	struct write_gate *g = db->gate;
	bool ok = true, patient = true;
	pthread_mutex_lock(&g->sync_lock);
	uint64_t after = g->syncs_begun;
	while (atomic_load(&g->synced) < n && g->syncs_done <= after) {
		if (g->syncing || (g->written < n && patient)) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += SYNC_PATIENCE_MS * 1000000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			if (pthread_cond_timedwait(&g->sync_moved, &g->sync_lock, &until) == ETIMEDOUT)
				patient = false;
			continue;
		}
		g->syncing = true;
		uint64_t mine = ++g->syncs_begun, upto = g->written;
		pthread_mutex_unlock(&g->sync_lock);
		ok = sync_wal(db);
		pthread_mutex_lock(&g->sync_lock);
		g->syncing = false;
		if (ok) {
			g->syncs_done = mine;
			if (upto > atomic_load(&g->synced)) atomic_store(&g->synced, upto);
		}
		pthread_cond_broadcast(&g->sync_moved);
		if (!ok) {
			fprintf(stderr, "db: cannot sync the write-ahead log of %s\n", g->path);
			break;
		}
	}
	pthread_mutex_unlock(&g->sync_lock);
	return ok;
}

/* After any call that may have ended a statement or a transaction of its
 * own. A connection that committed waits for its commit to be on disk; one
 * that read waits for every commit begun in this process before its read
 * ended (what it read may be one of them), sharing their writers' syncs.
 * At once, with no lock, when there is nothing to wait for. false: a sync
 * failed, and the call must fail (a commit may be lost in a power cut). */
static bool durable(struct sqlite_db *db)
{
	struct write_gate *g = db->gate;
	if (!g) return true; /* not a file: nothing to sync */
	if (db->commit_no > db->commit_done) {
		pthread_mutex_lock(&g->sync_lock);
		if (db->commit_no > g->written) g->written = db->commit_no; /* in WAL order */
		pthread_cond_broadcast(&g->sync_moved);
		pthread_mutex_unlock(&g->sync_lock);
		if (!wait_for_sync(db, db->commit_no)) return false;
		db->commit_done = db->commit_no;
		return true;
	}
	uint64_t begun = atomic_load(&g->begun); /* before synced: both only grow */
	return atomic_load(&g->synced) >= begun || wait_for_sync(db, begun);
}

static enum db_rc map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK: return DB_OK;
	case SQLITE_ROW: return DB_ROW;
	case SQLITE_DONE: return DB_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return DB_BUSY;
	case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
	default: return DB_ERROR;
	}
}

/* SQLite's memory statistics (on by default) take one process-wide mutex
 * on every allocation, which the worker threads then queue on; nothing
 * here reads those statistics. Must run before SQLite initialises. */
static void configure_sqlite(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* "file:PATH?mode=ro": opens an existing file read-only, changing nothing
 * in it. Characters other than a few safe ones are %-escaped so that no
 * path can add URI parameters. */
static char *read_only_uri(const char *path)
{
	struct buf uri = {0};
	buf_puts(&uri, "file:");
	if (path[0] == '/') buf_puts(&uri, "//"); /* empty authority: "//x" is never a host */
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("/._~-", *p)) buf_putc(&uri, (char)*p);
		else buf_printf(&uri, "%%%02X", *p);
	}
	buf_puts(&uri, "?mode=ro");
	return uri.data;
}

static struct db *sqlite_open(const char *target, enum db_mode mode, char **err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure_sqlite);
	char *uri = NULL;
	if (mode == DB_READ_ONLY) {
		/* A plain path only: a "file:" URI could undo mode=ro. */
		struct stat st;
		bool uri_form = !strncmp(target, "file:", 5);
		if (uri_form || stat(target, &st)) {
			/* %m: strerror's text without its shared buffer. */
			if ((uri_form ? asprintf(err, "cannot read %s: not a file path", target)
			              : asprintf(err, "cannot read %s: %m", target)) < 0)
				*err = NULL;
			return NULL;
		}
		uri = read_only_uri(target);
	}
	sqlite3 *conn = NULL;
	/* SQLITE_OPEN_URI: tests open "file:PATH?cache=shared" targets. */
	int rc = sqlite3_open_v2(uri ? uri : target, &conn,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                         SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	free(uri);
	/* Messages name the file, not the URI that may have opened it. */
	const char *file = conn ? sqlite3_db_filename(conn, "main") : NULL;
	if (!file || !*file) file = target;
	if (rc != SQLITE_OK) {
		if (asprintf(err, "cannot open %s: %s", file,
		             conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc)) < 0)
			*err = NULL;
		sqlite3_close(conn);
		return NULL;
	}
	sqlite3_busy_handler(conn, busy_poll, NULL);
	struct write_gate *gate = gate_of(file);
	/* The journal mode is kept in the file: a read-only connection leaves
	 * it as it is. */
	char *msg = NULL;
	if (sqlite3_db_readonly(conn, "main") != 1)
		rc = sqlite3_exec(conn, "PRAGMA journal_mode=WAL;", NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(conn,
		                  /* NORMAL: durable() syncs each commit, see the top */
		                  gate ? "PRAGMA synchronous=NORMAL;" : "PRAGMA synchronous=FULL;",
		                  NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(conn,
		                  "PRAGMA foreign_keys=ON;"
		                  "PRAGMA temp_store=MEMORY;",
		                  NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		if (asprintf(err, "cannot configure %s: %s", file, msg ? msg : "?") < 0)
			*err = NULL;
		sqlite3_free(msg);
		sqlite3_close(conn);
		return NULL;
	}
	struct sqlite_db *db = xcalloc(1, sizeof *db);
	db->conn = conn;
	db->gate = gate;
	if (gate) sqlite3_commit_hook(conn, number_commit, db);
	return &db->base;
}

static void sqlite_close(struct db *d)
{
	struct sqlite_db *db = of(d);
	if (db->in_gate) pthread_mutex_unlock(&db->gate->lock); /* closed mid-transaction */
	for (int i = 0; i < DB_STMT_SLOTS; i++) {
		sqlite3_finalize(db->stmts[i].st);
		db_stmt_release(&db->stmts[i].base);
	}
	for (int i = 0; i < TX__COUNT; i++) sqlite3_finalize(db->tx[i]);
	sqlite3_close(db->conn);
	free(db);
}

static enum db_rc sqlite_exec(struct db *d, const char *sql)
{
	char *msg = NULL;
	struct sqlite_db *db = of(d);
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
		fprintf(stderr, "db: exec failed: %s\n", msg ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	if (sqlite3_get_autocommit(db->conn) && !durable(db) && rc == SQLITE_OK) return DB_ERROR;
	return map_rc(rc);
}

static enum db_rc run_tx_stmt(struct sqlite_db *db, int which)
{
	if (!db->tx[which] &&
	    sqlite3_prepare_v3(db->conn, tx_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
	                       &db->tx[which], NULL) != SQLITE_OK)
		return map_rc(sqlite3_errcode(db->conn));
	int rc = sqlite3_step(db->tx[which]);
	sqlite3_reset(db->tx[which]);
	return rc == SQLITE_DONE ? DB_OK : map_rc(rc);
}

static enum db_rc sqlite_begin(struct db *d, enum db_tx kind)
{
	struct sqlite_db *db = of(d);
	if (kind != DB_TX_WRITE) return run_tx_stmt(db, TX_BEGIN_READ);
	/* IMMEDIATE takes the write lock now, so two writers never deadlock
	 * upgrading from read to write halfway through. */
	if (db->gate && !db->in_gate) {
		pthread_mutex_lock(&db->gate->lock);
		db->in_gate = true;
	}
	enum db_rc rc = run_tx_stmt(db, TX_BEGIN_WRITE);
	if (rc != DB_OK && db->in_gate) {
		db->in_gate = false;
		pthread_mutex_unlock(&db->gate->lock);
	}
	return rc;
}

static enum db_rc sqlite_end(struct db *d, bool commit)
{
	struct sqlite_db *db = of(d);
	enum db_rc rc = DB_OK;
	if (!sqlite3_get_autocommit(db->conn)) { /* else an error already ended it */
		rc = run_tx_stmt(db, commit ? TX_COMMIT : TX_ROLLBACK);
		/* A commit that failed leaves the transaction open: end it. */
		if (rc != DB_OK && !sqlite3_get_autocommit(db->conn)) run_tx_stmt(db, TX_ROLLBACK);
	}
	if (db->in_gate) {
		db->in_gate = false;
		pthread_mutex_unlock(&db->gate->lock);
	}
	if (!durable(db) && rc == DB_OK) rc = DB_ERROR;
	return rc;
}

/* $N → ?N, outside string literals. */
static char *rewrite_placeholders(const char *sql)
{
	char *out = xstrdup(sql);
	bool in_str = false;
	for (char *p = out; *p; p++) {
		if (*p == '\'') in_str = !in_str;
		else if (!in_str && *p == '$' && isdigit((unsigned char)p[1])) *p = '?';
	}
	return out;
}

static struct db_stmt *sqlite_stmt(struct db *d, int id, const char *sql)
{
	struct sqlite_db *db = of(d);
	if (id < 0 || id >= DB_STMT_SLOTS) {
		fprintf(stderr, "db: statement id %d out of range\n", id);
		return NULL;
	}
	struct sqlite_stmt *s = &db->stmts[id];
	if (!s->st) {
		char *text = rewrite_placeholders(sql);
		int rc = sqlite3_prepare_v3(db->conn, text, -1, SQLITE_PREPARE_PERSISTENT,
		                            &s->st, NULL);
		free(text);
		if (rc != SQLITE_OK) {
			fprintf(stderr, "db: prepare %d failed: %s\n", id, sqlite3_errmsg(db->conn));
			s->st = NULL;
			return NULL;
		}
		s->base.db = d;
	}
	return &s->base;
}

static void sqlite_rewind(struct db_stmt *st)
{
	sqlite3_reset(st_of(st));
	sqlite3_clear_bindings(st_of(st));
}

static void sqlite_bind_i64(struct db_stmt *st, int idx, int64_t v)
{
	sqlite3_bind_int64(st_of(st), idx, v);
}

static void sqlite_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (s) sqlite3_bind_text(st_of(st), idx, s, -1, SQLITE_TRANSIENT);
	else sqlite3_bind_null(st_of(st), idx);
}

static void sqlite_bind_null(struct db_stmt *st, int idx) { sqlite3_bind_null(st_of(st), idx); }

static enum db_rc sqlite_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st_of(st));
	enum db_rc r = map_rc(rc);
	if (r == DB_ERROR)
		fprintf(stderr, "db: step failed: %s\n", sqlite3_errmsg(of(st->db)->conn));
	if (r != DB_ROW) {
		struct sqlite_db *db = of(st->db);
		sqlite3_reset(st_of(st));
		/* A statement of its own has committed (or read) by now. */
		if (sqlite3_get_autocommit(db->conn) && !durable(db) && r != DB_ERROR) r = DB_ERROR;
	}
	return r;
}

static int64_t sqlite_col_i64(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st_of(st), col);
}

static const char *sqlite_col_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st_of(st), col);
}

static int sqlite_col_count(struct db_stmt *st) { return sqlite3_data_count(st_of(st)); }

static bool sqlite_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st_of(st), col) == SQLITE_NULL;
}

static void sqlite_done(struct db_stmt *st)
{
	struct sqlite_db *db = of(st->db);
	sqlite3_reset(st_of(st));
	if (sqlite3_get_autocommit(db->conn)) durable(db); /* a failure is logged there */
}

static bool sqlite_stmt_read_only(struct db_stmt *st)
{
	return sqlite3_stmt_readonly(st_of(st)) != 0;
}

static bool sqlite_in_transaction(struct db *d) { return !sqlite3_get_autocommit(of(d)->conn); }
static int64_t sqlite_changes(struct db *d) { return sqlite3_changes64(of(d)->conn); }

static enum db_rc sqlite_backup(struct db *d, const char *path, char **err)
{
	sqlite3 *conn = of(d)->conn;
	/* VACUUM INTO writes a consistent, compacted copy inside one read
	 * transaction, so writers go on while it runs (WAL). */
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(conn, "VACUUM INTO ?1", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK && asprintf(err, "%s", sqlite3_errmsg(conn)) < 0) *err = NULL;
	sqlite3_finalize(st);
	return map_rc(rc);
}

static enum db_rc sqlite_check(struct db *d, char **report)
{
	sqlite3 *conn = of(d)->conn;
	sqlite3_stmt *st = NULL;
	struct buf b = {0};
	const char *checks[] = { "PRAGMA integrity_check", "PRAGMA foreign_key_check" };
	for (size_t i = 0; i < 2; i++) {
		if (sqlite3_prepare_v2(conn, checks[i], -1, &st, NULL) != SQLITE_OK) {
			buf_printf(&b, "%s: %s\n", checks[i], sqlite3_errmsg(conn));
			continue;
		}
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *v = (const char *)sqlite3_column_text(st, 0);
			if (i == 0 && v && !strcmp(v, "ok")) continue;
			buf_printf(&b, "%s: %s", checks[i], v ? v : "");
			for (int c = 1; c < sqlite3_column_count(st); c++)
				buf_printf(&b, " %s", (const char *)sqlite3_column_text(st, c) ?: "");
			buf_putc(&b, '\n');
		}
		/* A check that could not run to the end (SQLITE_CORRUPT, an I/O
		 * error, a lock) has not found the database sound. */
		if (rc != SQLITE_DONE)
			buf_printf(&b, "%s: stopped: %s\n", checks[i], sqlite3_errmsg(conn));
		sqlite3_finalize(st);
	}
	if (b.len) {
		*report = b.data;
		return DB_ERROR;
	}
	buf_free(&b);
	*report = xstrdup("ok");
	return DB_OK;
}

static bool sqlite_table_exists(struct db *d, const char *name)
{
	return sqlite3_table_column_metadata(of(d)->conn, "main", name, NULL, NULL, NULL, NULL,
	                                     NULL, NULL) == SQLITE_OK;
}

static enum db_rc sqlite_ids_follow(struct db *d, const char *table) { return DB_OK; }

const struct db_driver db_sqlite_driver = {
	.dialect = "sqlite",
	.tx_attempts = 4,
	.open = sqlite_open,
	.close = sqlite_close,
	.exec = sqlite_exec,
	.begin = sqlite_begin,
	.end = sqlite_end,
	.stmt = sqlite_stmt,
	.rewind = sqlite_rewind,
	.bind_i64 = sqlite_bind_i64,
	.bind_text = sqlite_bind_text,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.col_i64 = sqlite_col_i64,
	.col_text = sqlite_col_text,
	.col_is_null = sqlite_col_is_null,
	.col_count = sqlite_col_count,
	.done = sqlite_done,
	.stmt_read_only = sqlite_stmt_read_only,
	.in_transaction = sqlite_in_transaction,
	.changes = sqlite_changes,
	.backup = sqlite_backup,
	.check = sqlite_check,
	.table_exists = sqlite_table_exists,
	.ids_follow = sqlite_ids_follow,
};
