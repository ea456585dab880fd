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
#include "store/read_cache.h"

/* The fields after drv and db belong to db.c (read snapshots begun lazily,
 * and the read cache); the drivers leave them alone, zeroed at allocation. */
struct db {
	const struct db_driver *drv;
	struct read_cache *cache; /* NULL: no caching */
	bool reading;             /* inside db_begin(DB_TX_READ) ... db_end */
	bool read_begun;          /* ... and the driver's own transaction has begun */
	bool writing;             /* inside db_begin(DB_TX_WRITE) ... db_end */
	uint64_t read_gen;        /* the cache's generation when the snapshot began */
	int64_t read_ms;          /* and the time */
};

struct db_stmt {
	struct db *db;
	bool read_only;                    /* set only when db has a cache */
	bool cacheable;                    /* read-only, in a snapshot, with a cache */
	bool stepped;                      /* db_step called since db_stmt */
	bool in_driver;                    /* the driver's statement is running
	                                      (it gave a row, not yet done) */
	bool committing;                   /* a write of its own, under way */
	unsigned char *key;                /* the id and every binding, in order
	                                      (db.c: the cache key, and what the
	                                      driver is given when it runs) */
	size_t key_len, key_cap;
	const struct read_cache_rows *hit; /* rows served from the cache, or NULL */
	size_t hit_next;                   /* the next row of hit to serve */
	struct read_cache_fill *fill;      /* rows being recorded for the cache */
};

struct db_driver {
	const char *dialect;
	/* How many times store_tx tries a transaction refused as DB_BUSY: on
	 * SQLite each try has already waited out the busy timeout; on
	 * PostgreSQL a serialisation failure comes back at once, and under
	 * many writers the same transaction can be refused several times. */
	int tx_attempts;
	struct db *(*open)(const char *target, enum db_mode mode, char **err);
	void (*close)(struct db *db);
	enum db_rc (*exec)(struct db *db, const char *sql);
	enum db_rc (*begin)(struct db *db, enum db_tx kind);
	enum db_rc (*end)(struct db *db, bool commit);
	/* The statement for id, prepared on first use; nothing else done to it. */
	struct db_stmt *(*stmt)(struct db *db, int id, const char *sql);
	/* Ready to run again: reset, and every binding cleared (NULL). db.c
	 * calls it, then binds, just before a statement runs in the driver. */
	void (*rewind)(struct db_stmt *st);
	/* Text is copied; it need not outlive the call. */
	void (*bind_i64)(struct db_stmt *st, int idx, int64_t v);
	void (*bind_text)(struct db_stmt *st, int idx, const char *s);
	void (*bind_null)(struct db_stmt *st, int idx);
	enum db_rc (*step)(struct db_stmt *st);
	int64_t (*col_i64)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	bool (*col_is_null)(struct db_stmt *st, int col);
	int (*col_count)(struct db_stmt *st); /* of the current row */
	void (*done)(struct db_stmt *st);
	bool (*stmt_read_only)(struct db_stmt *st);
	bool (*in_transaction)(struct db *db);
	int64_t (*changes)(struct db *db);
	enum db_rc (*backup)(struct db *db, const char *path, char **err);
	enum db_rc (*check)(struct db *db, char **report);
	bool (*table_exists)(struct db *db, const char *name);
	enum db_rc (*ids_follow)(struct db *db, const char *table);
};

/* Frees what db.c keeps in a statement's base (a driver calls it for each
 * of its statement slots when it closes the connection, after finishing
 * the statement itself). */
void db_stmt_release(struct db_stmt *st);

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_postgresql_driver;

#endif
