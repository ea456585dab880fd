/* SQLite driver for db.h.
 *
 * Each connection: WAL journal (readers never block the writer),
 * synchronous=FULL (a write acknowledged to a client survives a power cut;
 * Debian's default, kept on purpose), foreign keys on, and a busy timeout
 * so that brief writer contention waits rather
 * than fails. One connection belongs to one thread at a time. */
#include "store/db.h"

#include <ctype.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

enum { STMT_SLOTS = 256 };

struct db_stmt {
	sqlite3_stmt *st;
	struct db *db;
};

struct db {
	sqlite3 *conn;
	struct db_stmt stmts[STMT_SLOTS];
};

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

struct db *db_open(const char *target, char **err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure_sqlite);
	sqlite3 *conn = NULL;
	/* SQLITE_OPEN_URI: a target "file:PATH?mode=ro" opens read-only (db.h). */
	int rc = sqlite3_open_v2(target, &conn,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	                         SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
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
	sqlite3_busy_timeout(conn, 5000);
	/* The journal mode is kept in the file: a read-only connection leaves
	 * it as it is. */
	char *msg = NULL;
	if (sqlite3_db_readonly(conn, "main") != 1)
		rc = sqlite3_exec(conn, "PRAGMA journal_mode=WAL;", NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(conn,
		                  "PRAGMA synchronous=FULL;"
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
	struct db *db = xcalloc(1, sizeof *db);
	db->conn = conn;
	return db;
}

void db_close(struct db *db)
{
	if (!db) return;
	for (int i = 0; i < STMT_SLOTS; i++)
		sqlite3_finalize(db->stmts[i].st);
	sqlite3_close(db->conn);
	free(db);
}

enum db_rc db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
		fprintf(stderr, "db: exec failed: %s\n", msg ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	return map_rc(rc);
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

struct db_stmt *db_stmt(struct db *db, int id, const char *sql)
{
	if (id < 0 || id >= STMT_SLOTS) {
		fprintf(stderr, "db: statement id %d out of range\n", id);
		return NULL;
	}
	struct db_stmt *s = &db->stmts[id];
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
		s->db = db;
	}
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	return s;
}

void db_bind_i64(struct db_stmt *st, int idx, int64_t v)
{
	sqlite3_bind_int64(st->st, idx, v);
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (s) sqlite3_bind_text(st->st, idx, s, -1, SQLITE_TRANSIENT);
	else sqlite3_bind_null(st->st, idx);
}

void db_bind_null(struct db_stmt *st, int idx) { sqlite3_bind_null(st->st, idx); }

enum db_rc db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->st);
	enum db_rc r = map_rc(rc);
	if (r == DB_ERROR)
		fprintf(stderr, "db: step failed: %s\n", sqlite3_errmsg(st->db->conn));
	if (r != DB_ROW) sqlite3_reset(st->st);
	return r;
}

int64_t db_col_i64(struct db_stmt *st, int col) { return sqlite3_column_int64(st->st, col); }

const char *db_col_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->st, col);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

void db_done(struct db_stmt *st) { sqlite3_reset(st->st); }

bool db_stmt_read_only(struct db_stmt *st) { return sqlite3_stmt_readonly(st->st) != 0; }

bool db_in_transaction(struct db *db) { return !sqlite3_get_autocommit(db->conn); }

int64_t db_changes(struct db *db) { return sqlite3_changes64(db->conn); }

const char *db_errmsg(struct db *db) { return sqlite3_errmsg(db->conn); }

enum db_rc db_backup(struct db *db, const char *path, char **err)
{
	/* VACUUM INTO writes a consistent, compacted copy inside one read
	 * transaction, so writers go on while it runs (WAL). */
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->conn, "VACUUM INTO ?1", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK && asprintf(err, "%s", sqlite3_errmsg(db->conn)) < 0)
		*err = NULL;
	sqlite3_finalize(st);
	return map_rc(rc);
}

enum db_rc db_check(struct db *db, char **report)
{
	sqlite3_stmt *st = NULL;
	struct buf b = {0};
	const char *checks[] = { "PRAGMA integrity_check", "PRAGMA foreign_key_check" };
	for (size_t i = 0; i < 2; i++) {
		if (sqlite3_prepare_v2(db->conn, checks[i], -1, &st, NULL) != SQLITE_OK) {
			buf_printf(&b, "%s: %s\n", checks[i], sqlite3_errmsg(db->conn));
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
			buf_printf(&b, "%s: stopped: %s\n", checks[i], sqlite3_errmsg(db->conn));
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

bool db_table_exists(struct db *db, const char *name)
{
	return sqlite3_table_column_metadata(db->conn, "main", name, NULL, NULL, NULL, NULL,
	                                     NULL, NULL) == SQLITE_OK;
}

const char *db_dialect(struct db *db) { return "sqlite"; }
