#ifndef EC_STORE_DB_H
#define EC_STORE_DB_H
/* The database driver interface under the store: one connection, prepared
 * statements cached per connection by id, typed binding, step-wise rows.
 * Two drivers implement it: SQLite (db_sqlite.c, a file path) and
 * PostgreSQL (db_postgresql.c, a "postgresql://" or "postgres://" URI);
 * db_open() picks one by the target's form.
 *
 * SQL handed to a driver is written once, portably, with $1..$n
 * placeholders (PostgreSQL's form). The SQLite driver rewrites them to
 * ?1..?n when it prepares a statement. Values are only ever bound, never
 * formatted into SQL.
 *
 * Transactions have the same meaning on both: a write transaction
 * (db_begin(DB_TX_WRITE)) is serialisable, as if it ran alone, and a
 * statement outside any transaction is its own serialisable transaction.
 * SQLite gets there by locking (one writer at a time); PostgreSQL by
 * SERIALIZABLE isolation, which may refuse a commit (DB_BUSY) for the
 * caller to retry. A lone statement refused so is retried by the driver.
 *
 * Only the store (store.c) and the migration runner use this header. */
#include <stdbool.h>
#include <stdint.h>

enum db_rc {
	DB_OK = 0,
	DB_ROW,          /* db_step: a row is ready */
	DB_DONE,         /* db_step: no more rows */
	DB_BUSY,         /* retryable: locked / serialisation failure / deadlock */
	DB_CONSTRAINT,   /* a UNIQUE, CHECK or FOREIGN KEY constraint refused it */
	DB_ERROR,        /* anything else: a bug or a broken database */
};

struct db;
struct db_stmt;
struct read_cache;

enum db_mode {
	DB_READ_WRITE, /* creates the SQLite file if need be */
	DB_READ_ONLY,  /* an existing database, opened so that nothing in it can
	                  change, not even SQLite's journal mode */
};

/* True when target names a PostgreSQL database rather than a SQLite file. */
bool db_target_is_postgresql(const char *target);

/* Opens the database named by target. On failure returns NULL and sets
 * *err to a malloc'd message that names the file or the database, never a
 * password from a connection URI. */
struct db *db_open(const char *target, enum db_mode mode, char **err);
void db_close(struct db *db);

/* Serves read-only statements run inside a read snapshot (DB_TX_READ) from
 * cache when it holds their rows, and keeps the rows of those it runs there
 * (read_cache.h says for how long). Commits on this connection are counted
 * in the cache, so connections sharing it see each other's changes at once.
 * NULL detaches. The cache must outlive the connection. */
void db_attach_read_cache(struct db *db, struct read_cache *cache);

/* Runs a script of statements with no parameters (migrations). */
enum db_rc db_exec(struct db *db, const char *sql);

enum db_tx {
	DB_TX_READ,  /* one consistent snapshot for a run of reads */
	DB_TX_WRITE, /* serialisable; on SQLite takes the write lock at once */
};
/* A read snapshot reaches the driver only with its first statement that is
 * not served from the cache, so one that is never used costs nothing. */
enum db_rc db_begin(struct db *db, enum db_tx kind);
/* Commits (commit true) or rolls back the open transaction. A commit may
 * answer DB_BUSY (PostgreSQL: a serialisation failure); the transaction is
 * then over and nothing in it was kept. */
enum db_rc db_end(struct db *db, bool commit);

/* Statement slots per connection: ids are small integers, 0 to
 * DB_STMT_SLOTS - 1 (each store file reserves a range at first use: store_private.h). */
enum { DB_STMT_SLOTS = 640 };

/* The statement for id, prepared on first use on this connection, reset
 * and with bindings cleared (every parameter NULL until bound). The same id
 * must always come with the same sql. Returns NULL on a preparation error
 * (logged): a bug. */
struct db_stmt *db_stmt(struct db *db, int id, const char *sql);

/* Bindings are copied (text need not outlive the call) and last until the
 * next db_stmt; after db_done, binding one parameter again and stepping
 * runs the statement with the others as they were. A statement's first
 * db_step after either is when they reach the database (db.c). */
void db_bind_i64(struct db_stmt *st, int idx, int64_t v);
void db_bind_text(struct db_stmt *st, int idx, const char *s);  /* NULL → NULL */
void db_bind_null(struct db_stmt *st, int idx);

enum db_rc db_step(struct db_stmt *st);
int64_t db_col_i64(struct db_stmt *st, int col);
/* Valid until the next db_step or db_done on st; NULL for SQL NULL. */
const char *db_col_text(struct db_stmt *st, int col);
bool db_col_is_null(struct db_stmt *st, int col);
/* Finishes with a statement (resets it so it holds no locks). */
void db_done(struct db_stmt *st);

/* True when st only reads (a SELECT): the store's read snapshot ends
 * before anything else runs. */
bool db_stmt_read_only(struct db_stmt *st);
/* True while a transaction is open on this connection. */
bool db_in_transaction(struct db *db);

/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t db_changes(struct db *db);
/* Writes a consistent copy of the whole database to a new SQLite file at
 * path (SQLite only; DB_ERROR with a message on PostgreSQL, whose own
 * tools back it up: docs/operations.md). */
enum db_rc db_backup(struct db *db, const char *path, char **err);
/* Runs the backend's integrity check; returns DB_OK and "ok" or DB_ERROR
 * with the problems in *report (malloc'd). */
enum db_rc db_check(struct db *db, char **report);

/* Whether a table of that name exists (without writing anything). */
bool db_table_exists(struct db *db, const char *name);

/* PostgreSQL: a thread that listens for the commits every server on
 * target announces (db_postgresql.c's header) and moves cache's generation
 * on at each, and when it (re)connects; stopped before the cache is freed.
 * NULL when the thread cannot be made. */
struct read_cache;
struct db_listener;
struct db_listener *db_listener_start(const char *target, struct read_cache *cache);
void db_listener_stop(struct db_listener *l);

/* The name of the migration dialect: "sqlite" or "postgresql". */
const char *db_dialect(struct db *db);
/* How many times a write transaction refused as DB_BUSY is tried in all
 * (db_driver.h says why it differs by backend). */
int db_tx_attempts(struct db *db);

/* After rows were inserted with explicit ids (emptychair copy): makes the
 * next id generated for table follow the largest one in it. Nothing to do
 * on SQLite, whose next id always follows the largest. */
enum db_rc db_ids_follow(struct db *db, const char *table);
#endif
