/* db.h's functions: pick a driver at open, then forward to it. */
#include "store/db_driver.h"

#include <string.h>

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

void db_close(struct db *db)
{
	if (db) db->drv->close(db);
}

enum db_rc db_exec(struct db *db, const char *sql) { return db->drv->exec(db, sql); }
enum db_rc db_begin(struct db *db, enum db_tx kind) { return db->drv->begin(db, kind); }
enum db_rc db_end(struct db *db, bool commit) { return db->drv->end(db, commit); }

struct db_stmt *db_stmt(struct db *db, int id, const char *sql)
{
	return db->drv->stmt(db, id, sql);
}

void db_bind_i64(struct db_stmt *st, int idx, int64_t v) { st->db->drv->bind_i64(st, idx, v); }
void db_bind_text(struct db_stmt *st, int idx, const char *s) { st->db->drv->bind_text(st, idx, s); }
void db_bind_null(struct db_stmt *st, int idx) { st->db->drv->bind_null(st, idx); }
enum db_rc db_step(struct db_stmt *st) { return st->db->drv->step(st); }
int64_t db_col_i64(struct db_stmt *st, int col) { return st->db->drv->col_i64(st, col); }
const char *db_col_text(struct db_stmt *st, int col) { return st->db->drv->col_text(st, col); }
bool db_col_is_null(struct db_stmt *st, int col) { return st->db->drv->col_is_null(st, col); }
void db_done(struct db_stmt *st) { st->db->drv->done(st); }
bool db_stmt_read_only(struct db_stmt *st) { return st->db->drv->stmt_read_only(st); }
bool db_in_transaction(struct db *db) { return db->drv->in_transaction(db); }
int64_t db_changes(struct db *db) { return db->drv->changes(db); }

enum db_rc db_backup(struct db *db, const char *path, char **err)
{
	return db->drv->backup(db, path, err);
}

enum db_rc db_check(struct db *db, char **report) { return db->drv->check(db, report); }
bool db_table_exists(struct db *db, const char *name) { return db->drv->table_exists(db, name); }
const char *db_dialect(struct db *db) { return db->drv->dialect; }
enum db_rc db_ids_follow(struct db *db, const char *table) { return db->drv->ids_follow(db, table); }
