#ifndef EC_STORE_DB_DRIVER_H
#define EC_STORE_DB_DRIVER_H
/* What a driver provides to db.c, which forwards db.h's calls to it.
 * Private to src/store/: db.c and the drivers.
 *
 * Every driver's connection struct begins with a struct db, and its
 * statement struct with a struct db_stmt, so that db.c can find the driver
 * from either. Each entry has the contract of the db.h function of the same
 * name. */
#include "store/db.h"

struct db {
	const struct db_driver *drv;
};

struct db_stmt {
	struct db *db;
};

struct db_driver {
	const char *dialect;
	struct db *(*open)(const char *target, enum db_mode mode, char **err);
	void (*close)(struct db *db);
	enum db_rc (*exec)(struct db *db, const char *sql);
	enum db_rc (*begin)(struct db *db, enum db_tx kind);
	enum db_rc (*end)(struct db *db, bool commit);
	struct db_stmt *(*stmt)(struct db *db, int id, const char *sql);
	void (*bind_i64)(struct db_stmt *st, int idx, int64_t v);
	void (*bind_text)(struct db_stmt *st, int idx, const char *s);
	void (*bind_null)(struct db_stmt *st, int idx);
	enum db_rc (*step)(struct db_stmt *st);
	int64_t (*col_i64)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	bool (*col_is_null)(struct db_stmt *st, int col);
	void (*done)(struct db_stmt *st);
	bool (*stmt_read_only)(struct db_stmt *st);
	bool (*in_transaction)(struct db *db);
	int64_t (*changes)(struct db *db);
	enum db_rc (*backup)(struct db *db, const char *path, char **err);
	enum db_rc (*check)(struct db *db, char **report);
	bool (*table_exists)(struct db *db, const char *name);
	enum db_rc (*ids_follow)(struct db *db, const char *table);
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_postgresql_driver;

#endif
