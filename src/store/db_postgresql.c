/* PostgreSQL driver for db.h, on libpq.
 *
 * One connection per struct db (one per worker thread). Statements are
 * prepared on the server once per connection, the first time they run,
 * with types inferred by the server from the SQL; values travel as text
 * and results come back as text (integers are parsed here).
 *
 * Isolation: every transaction is SERIALIZABLE (the connection's default),
 * so that the store's checks ("is this the last steward?", "fewer than N
 * failed sign-ins?") hold exactly as on SQLite, where one writer runs at a
 * time. The server may refuse such a transaction with a serialisation
 * failure or a deadlock: that is DB_BUSY, which store_tx retries; a lone
 * statement outside a transaction is retried here, since a refused one
 * left nothing behind. Read snapshots are REPEATABLE READ, READ ONLY.
 *
 * A connection that breaks (the server restarted, a network cut) fails the
 * statement in flight; the next use reconnects and prepares again. A lost
 * connection is not retried automatically: a COMMIT whose answer was lost
 * may have been kept, and running the transaction again could do it twice.
 *
 * Several servers, one database: every write (a write transaction, or a
 * write statement on its own) sends NOTIFY on COMMIT_CHANNEL as part of
 * committing (in the same round trip as COMMIT), and each server's
 * listener (db_listener_start) moves its read cache's generation on when
 * one arrives, so that rows another server changed are not served again
 * from the cache (read_cache.h keeps the time to live as the bound when
 * notifications are late or their connection is lost). */
#include <ctype.h>
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/mem.h"
#include "store/db_driver.h"

enum {
	MAX_PARAMS = 32,  /* the widest INSERT: copy.c's, of case_studies (25 columns) */
	LONE_STATEMENT_ATTEMPTS = 8,
};

struct pg_stmt {
	struct db_stmt base;
	char *sql;            /* a copy of the text, kept to prepare it again */
	char name[8];         /* its name on the server: "s<slot>" */
	unsigned prepared_in; /* connection generation it was prepared in, 0 = never */
	bool read_only;
	int nparams;
	const char *values[MAX_PARAMS]; /* NULL = SQL NULL */
	char *owned[MAX_PARAMS];        /* text values copied at bind */
	char ints[MAX_PARAMS][24];
	PGresult *res; /* rows of the running statement */
	int row, nrows;
};

struct pg_db {
	struct db base;
	PGconn *conn;
	unsigned generation; /* bumped on every (re)connect */
	bool read_only;
	bool writing;        /* inside a write transaction */
	int64_t changes;
	struct pg_stmt stmts[DB_STMT_SLOTS];
};

static struct pg_db *of(struct db *db) { return (struct pg_db *)db; }
static struct pg_stmt *st_of(struct db_stmt *st) { return (struct pg_stmt *)st; }

/* SQLSTATE classes (PostgreSQL manual, appendix A). */
static enum db_rc map_result(const PGresult *res)
{
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK: return DB_OK;
	default: break;
	}
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (!state) return DB_ERROR;
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03"))
		return DB_BUSY; /* serialisation failure, deadlock, lock not available */
	if (!strncmp(state, "23", 2)) return DB_CONSTRAINT; /* integrity constraint violation */
	return DB_ERROR;
}

static void log_failure(const char *what, const PGresult *res, PGconn *conn)
{
	const char *msg = res ? PQresultErrorMessage(res) : "";
	if (!msg || !*msg) msg = PQerrorMessage(conn);
	fprintf(stderr, "db: %s failed: %.*s\n", what, (int)strcspn(msg, "\n"), msg);
}

/* Runs a statement without parameters; the result's code. */
static enum db_rc run_simple(struct pg_db *db, const char *sql, PGresult **out)
{
	PGresult *res = PQexec(db->conn, sql);
	enum db_rc rc = res ? map_result(res) : DB_ERROR;
	if (rc == DB_ERROR) log_failure("exec", res, db->conn);
	if (out) *out = res;
	else PQclear(res);
	return rc;
}

/* Settings every connection of ours has. */
static const char session_settings[] =
	"SET default_transaction_isolation = 'serializable';"
	"SET client_min_messages = warning;"
	"SET TIME ZONE 'UTC'";

static bool configure(struct pg_db *db)
{
	if (run_simple(db, session_settings, NULL) != DB_OK) return false;
	return !db->read_only ||
	       run_simple(db, "SET default_transaction_read_only = on", NULL) == DB_OK;
}

static struct db *pg_open(const char *target, enum db_mode mode, char **err)
{
	PGconn *conn = PQconnectdb(target);
	if (!conn || PQstatus(conn) != CONNECTION_OK) {
		/* Names the database, host and port; the URI may hold a password. */
		const char *msg = conn ? PQerrorMessage(conn) : "out of memory";
		if (asprintf(err, "cannot connect to PostgreSQL database %s on %s port %s: %.*s",
		             conn && PQdb(conn) ? PQdb(conn) : "?",
		             conn && PQhost(conn) ? PQhost(conn) : "?",
		             conn && PQport(conn) ? PQport(conn) : "?",
		             (int)strcspn(msg, "\n"), msg) < 0)
			*err = NULL;
		PQfinish(conn);
		return NULL;
	}
	struct pg_db *db = xcalloc(1, sizeof *db);
	db->conn = conn;
	db->generation = 1;
	db->read_only = mode == DB_READ_ONLY;
	if (!configure(db)) {
		if (asprintf(err, "cannot configure the connection to %s: %s", PQdb(conn),
		             PQerrorMessage(conn)) < 0)
			*err = NULL;
		PQfinish(conn);
		free(db);
		return NULL;
	}
	return &db->base;
}

static void clear_bindings(struct pg_stmt *s)
{
	for (int i = 0; i < MAX_PARAMS; i++) {
		free(s->owned[i]);
		s->owned[i] = NULL;
		s->values[i] = NULL;
	}
}

static void clear_rows(struct pg_stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	s->row = s->nrows = 0;
}

static void pg_close(struct db *d)
{
	struct pg_db *db = of(d);
	for (int i = 0; i < DB_STMT_SLOTS; i++) {
		clear_bindings(&db->stmts[i]);
		clear_rows(&db->stmts[i]);
		free(db->stmts[i].sql);
		db_stmt_release(&db->stmts[i].base);
	}
	PQfinish(db->conn);
	free(db);
}

/* Before talking to the server: a connection found broken is made again,
 * and every statement will be prepared again on it. */
static bool ensure_connected(struct pg_db *db)
{
	if (PQstatus(db->conn) == CONNECTION_OK) return true;
	PQreset(db->conn);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		log_failure("reconnect", NULL, db->conn);
		return false;
	}
	db->generation++;
	return configure(db);
}

static enum db_rc pg_exec(struct db *d, const char *sql)
{
	struct pg_db *db = of(d);
	if (!ensure_connected(db)) return DB_ERROR;
	return run_simple(db, sql, NULL);
}

static enum db_rc pg_begin(struct db *d, enum db_tx kind)
{
	struct pg_db *db = of(d);
	if (!ensure_connected(db)) return DB_ERROR;
	db->writing = kind == DB_TX_WRITE;
	return run_simple(db, kind == DB_TX_WRITE ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
	                                          : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
	                  NULL);
}

#define COMMIT_CHANNEL "emptychair_commits"

static enum db_rc pg_end(struct db *d, bool commit)
{
	struct pg_db *db = of(d);
	bool wrote = db->writing;
	db->writing = false;
	PGTransactionStatusType status = PQtransactionStatus(db->conn);
	if (status == PQTRANS_IDLE) return DB_OK;
	/* A transaction in which a statement failed keeps nothing: it is rolled
	 * back, and a commit asked of it fails. */
	if (status == PQTRANS_INERROR) {
		run_simple(db, "ROLLBACK", NULL);
		return commit ? DB_ERROR : DB_OK;
	}
	PGresult *res = NULL;
	/* A write transaction tells the other servers as it commits: the
	 * notification is delivered only if the COMMIT holds. */
	enum db_rc rc = run_simple(db, !commit ? "ROLLBACK"
	                               : wrote ? "NOTIFY " COMMIT_CHANNEL "; COMMIT" : "COMMIT", &res);
	/* COMMIT of a transaction that had failed answers "ROLLBACK": nothing
	 * was kept, and the caller must not think otherwise. */
	if (rc == DB_OK && commit && res && !strcmp(PQcmdStatus(res), "ROLLBACK")) rc = DB_ERROR;
	PQclear(res);
	/* NOTIFY refused, so COMMIT never ran: end the transaction here. */
	if (rc != DB_OK && PQtransactionStatus(db->conn) != PQTRANS_IDLE)
		run_simple(db, "ROLLBACK", NULL);
	return rc;
}

/* Whether word appears in sql as a whole word, in any case. */
static bool has_word(const char *sql, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = sql; *p; p++) {
		if (strncasecmp(p, word, n)) continue;
		bool starts = p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
		bool ends = !(isalnum((unsigned char)p[n]) || p[n] == '_');
		if (starts && ends) return true;
	}
	return false;
}

/* Whether a statement only reads: a SELECT, or a WITH whose parts are all
 * queries (a part that writes says INSERT, UPDATE, DELETE or MERGE; such a
 * word in a string only makes a read count as a write, the safe side). A
 * statement taken for a write ends the read snapshot, is never cached, and
 * on its own announces a commit to the other servers. */
static bool only_reads(const char *sql)
{
	while (isspace((unsigned char)*sql)) sql++;
	if (!strncasecmp(sql, "SELECT", 6)) return true;
	if (strncasecmp(sql, "WITH", 4)) return false;
	static const char *const writes[] = { "INSERT", "UPDATE", "DELETE", "MERGE" };
	for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++)
		if (has_word(sql, writes[i])) return false;
	return true;
}

static struct db_stmt *pg_stmt(struct db *d, int id, const char *sql)
{
	struct pg_db *db = of(d);
	if (id < 0 || id >= DB_STMT_SLOTS) {
		fprintf(stderr, "db: statement id %d out of range\n", id);
		return NULL;
	}
	struct pg_stmt *s = &db->stmts[id];
	if (!s->sql) {
		s->base.db = d;
		s->sql = xstrdup(sql);
		snprintf(s->name, sizeof s->name, "s%d", id);
		s->read_only = only_reads(sql);
	}
	return &s->base;
}

static void pg_rewind(struct db_stmt *st)
{
	clear_rows(st_of(st));
	clear_bindings(st_of(st));
}

static bool in_range(struct pg_stmt *s, int idx)
{
	if (idx >= 1 && idx <= MAX_PARAMS) return true;
	fprintf(stderr, "db: parameter $%d out of range\n", idx);
	return false;
}

static void pg_bind_i64(struct db_stmt *st, int idx, int64_t v)
{
	struct pg_stmt *s = st_of(st);
	if (!in_range(s, idx)) return;
	free(s->owned[idx - 1]);
	s->owned[idx - 1] = NULL;
	snprintf(s->ints[idx - 1], sizeof s->ints[0], "%lld", (long long)v);
	s->values[idx - 1] = s->ints[idx - 1];
}

static void pg_bind_text(struct db_stmt *st, int idx, const char *v)
{
	struct pg_stmt *s = st_of(st);
	if (!in_range(s, idx)) return;
	free(s->owned[idx - 1]);
	s->owned[idx - 1] = v ? xstrdup(v) : NULL;
	s->values[idx - 1] = s->owned[idx - 1];
}

static void pg_bind_null(struct db_stmt *st, int idx) { pg_bind_text(st, idx, NULL); }

/* Prepares s on the current connection if it is not yet. */
static enum db_rc prepare(struct pg_db *db, struct pg_stmt *s)
{
	if (s->prepared_in == db->generation) return DB_OK;
	const char *name = s->name;
	PGresult *res = PQprepare(db->conn, name, s->sql, 0, NULL);
	enum db_rc rc = res ? map_result(res) : DB_ERROR;
	PQclear(res);
	if (rc == DB_OK) {
		res = PQdescribePrepared(db->conn, name);
		rc = res ? map_result(res) : DB_ERROR;
		if (rc == DB_OK) s->nparams = PQnparams(res);
		PQclear(res);
	}
	if (rc != DB_OK) {
		fprintf(stderr, "db: prepare %s failed: %.*s\n", name,
		        (int)strcspn(PQerrorMessage(db->conn), "\n"), PQerrorMessage(db->conn));
		return rc;
	}
	if (s->nparams > MAX_PARAMS) {
		fprintf(stderr, "db: %s has %d parameters, more than %d\n", name, s->nparams,
		        MAX_PARAMS);
		return DB_ERROR;
	}
	s->prepared_in = db->generation;
	return DB_OK;
}

/* Sends s with its values; on success s->res holds the rows (if any). */
static enum db_rc execute(struct pg_db *db, struct pg_stmt *s)
{
	if (!ensure_connected(db)) return DB_ERROR;
	bool lone = PQtransactionStatus(db->conn) == PQTRANS_IDLE;
	enum db_rc rc = DB_BUSY;
	for (int attempt = 0; rc == DB_BUSY && attempt < (lone ? LONE_STATEMENT_ATTEMPTS : 1);
	     attempt++) {
		if (attempt) {
			struct timespec pause = { 0, 1000000L * attempt };
			nanosleep(&pause, NULL);
		}
		if ((rc = prepare(db, s)) != DB_OK) return rc;
		PGresult *res = PQexecPrepared(db->conn, s->name, s->nparams, s->values, NULL, NULL, 0);
		rc = res ? map_result(res) : DB_ERROR;
		if (rc == DB_OK) {
			const char *n = PQcmdTuples(res);
			db->changes = n && *n ? strtoll(n, NULL, 10) : 0;
			s->res = res;
			s->nrows = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) : 0;
			s->row = -1;
			/* A write on its own has committed: tell the other servers
			 * (after it, so a notification never comes before the rows). */
			if (lone && !s->read_only) run_simple(db, "NOTIFY " COMMIT_CHANNEL, NULL);
			return DB_OK;
		}
		if (rc == DB_ERROR) log_failure("statement", res, db->conn);
		PQclear(res);
	}
	return rc;
}

static enum db_rc pg_step(struct db_stmt *st)
{
	struct pg_stmt *s = st_of(st);
	struct pg_db *db = of(st->db);
	if (!s->res) {
		enum db_rc rc = execute(db, s);
		if (rc != DB_OK) return rc;
	}
	if (++s->row < s->nrows) return DB_ROW;
	clear_rows(s);
	return DB_DONE;
}

static bool has_value(struct pg_stmt *s, int col)
{
	return s->res && s->row >= 0 && s->row < s->nrows && col >= 0 &&
	       col < PQnfields(s->res) && !PQgetisnull(s->res, s->row, col);
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
	struct pg_stmt *s = st_of(st);
	return has_value(s, col) ? PQgetvalue(s->res, s->row, col) : NULL;
}

/* Integers as the server writes them; booleans ("t", "f") as 1 and 0, as
 * SQLite stores them. */
static int64_t pg_col_i64(struct db_stmt *st, int col)
{
	const char *v = pg_col_text(st, col);
	if (!v) return 0;
	if (!strcmp(v, "t")) return 1;
	if (!strcmp(v, "f")) return 0;
	return strtoll(v, NULL, 10);
}

static bool pg_col_is_null(struct db_stmt *st, int col) { return !has_value(st_of(st), col); }

static int pg_col_count(struct db_stmt *st)
{
	struct pg_stmt *s = st_of(st);
	return s->res ? PQnfields(s->res) : 0;
}

static void pg_done(struct db_stmt *st) { clear_rows(st_of(st)); }

static bool pg_stmt_read_only(struct db_stmt *st) { return st_of(st)->read_only; }

static bool pg_in_transaction(struct db *d)
{
	PGTransactionStatusType t = PQtransactionStatus(of(d)->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static int64_t pg_changes(struct db *d) { return of(d)->changes; }

static enum db_rc pg_backup(struct db *d, const char *path, char **err)
{
	if (asprintf(err, "a PostgreSQL database is backed up with pg_dump, or copied to a "
	                  "SQLite file with 'emptychair copy' (docs/operations.md)") < 0)
		*err = NULL;
	return DB_ERROR;
}

/* Runs a query with text parameters; the result, or NULL after logging. */
static PGresult *query(struct pg_db *db, const char *sql, int n, const char *const *values)
{
	if (!ensure_connected(db)) return NULL;
	PGresult *res = PQexecParams(db->conn, sql, n, NULL, values, NULL, NULL, 0);
	if (!res || map_result(res) != DB_OK) {
		log_failure("query", res, db->conn);
		PQclear(res);
		return NULL;
	}
	return res;
}

/* PostgreSQL checks its own constraints as it writes, and its pages carry
 * checksums when the cluster was made with them. What is left to check
 * from here: that every table of the schema can be read to its end (a
 * damaged page stops the scan with an error). */
static enum db_rc pg_check(struct db *d, char **report)
{
	struct pg_db *db = of(d);
	struct buf b = {0};
	PGresult *tables = query(db, "SELECT c.relname FROM pg_class c JOIN pg_namespace n "
	                             "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND "
	                             "n.nspname = current_schema() ORDER BY c.relname",
	                         0, NULL);
	if (!tables) buf_printf(&b, "cannot list the tables: %s", PQerrorMessage(db->conn));
	for (int i = 0; tables && i < PQntuples(tables); i++) {
		char *ident = PQescapeIdentifier(db->conn, PQgetvalue(tables, i, 0),
		                                 strlen(PQgetvalue(tables, i, 0)));
		char *sql = NULL;
		if (ident && asprintf(&sql, "SELECT COUNT(*) FROM (SELECT * FROM %s) t", ident) >= 0) {
			PGresult *r = query(db, sql, 0, NULL);
			if (!r) buf_printf(&b, "%s: %.*s\n", PQgetvalue(tables, i, 0),
			                   (int)strcspn(PQerrorMessage(db->conn), "\n"),
			                   PQerrorMessage(db->conn));
			PQclear(r);
		}
		free(sql);
		PQfreemem(ident);
	}
	PQclear(tables);
	if (b.len) {
		*report = b.data;
		return DB_ERROR;
	}
	buf_free(&b);
	*report = xstrdup("ok");
	return DB_OK;
}

static bool pg_table_exists(struct db *d, const char *name)
{
	const char *v[] = { name };
	PGresult *res = query(of(d), "SELECT to_regclass($1) IS NOT NULL", 1, v);
	bool yes = res && PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	return yes;
}

static enum db_rc pg_ids_follow(struct db *d, const char *table)
{
	struct pg_db *db = of(d);
	char *ident = PQescapeIdentifier(db->conn, table, strlen(table));
	char *sql = NULL;
	enum db_rc rc = DB_ERROR;
	if (ident && asprintf(&sql, "SELECT setval(pg_get_serial_sequence($1, 'id'), "
	                            "COALESCE((SELECT MAX(id) FROM %s), 0) + 1, false)", ident) >= 0) {
		const char *v[] = { ident };
		PGresult *res = query(db, sql, 1, v);
		rc = res ? DB_OK : DB_ERROR;
		PQclear(res);
	}
	free(sql);
	PQfreemem(ident);
	return rc;
}

/* ---- the listener: other servers' commits ---- */

struct db_listener {
	pthread_t thread;
	atomic_bool stop;
	char *target;
	struct read_cache *cache;
};

/* Rows cached before now may hold what another server has since changed. */
static void forget_cached(struct read_cache *c)
{
	read_cache_commit_begin(c);
	read_cache_commit_end(c);
}

static PGconn *listen_connect(const char *target)
{
	const char *const keys[] = { "dbname", "application_name", NULL };
	const char *const values[] = { target, "emptychair-listen", NULL };
	PGconn *conn = PQconnectdbParams(keys, values, 1);
	if (PQstatus(conn) != CONNECTION_OK) {
		PQfinish(conn);
		return NULL;
	}
	PGresult *res = PQexec(conn, "LISTEN " COMMIT_CHANNEL);
	bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok) {
		PQfinish(conn);
		return NULL;
	}
	return conn;
}

/* Sleeps about ms, or less once the listener is told to stop. */
static void listen_pause(struct db_listener *l, int ms)
{
	for (int waited = 0; waited < ms && !atomic_load(&l->stop); waited += 100) {
		struct timespec pause = { 0, 100 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
}

static void *listen_main(void *p)
{
	struct db_listener *l = p;
	PGconn *conn = NULL;
	bool lost = false; /* said so on stderr; not yet back */
	while (!atomic_load(&l->stop)) {
		if (!conn) {
			if (!(conn = listen_connect(l->target))) {
				if (!lost)
					fprintf(stderr, "emptychair: cannot listen for other servers' changes in "
					        "PostgreSQL; cached rows are kept only for --read-cache-ms until "
					        "it works again\n");
				lost = true;
				listen_pause(l, 1000);
				continue;
			}
			/* Commits made while nobody listened are not announced again
			 * (said first: whoever sees the effect finds it said). */
			if (lost) fprintf(stderr, "emptychair: listening for other servers' changes again\n");
			forget_cached(l->cache);
			lost = false;
		}
		struct pollfd pfd = { .fd = PQsocket(conn), .events = POLLIN };
		int ready = poll(&pfd, 1, 200);
		if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
		bool ok = ready > 0 && PQconsumeInput(conn);
		bool any = false;
		for (PGnotify *n; ok && (n = PQnotifies(conn)); any = true) PQfreemem(n);
		if (any) forget_cached(l->cache);
		if (!ok || PQstatus(conn) != CONNECTION_OK) {
			/* Lost (PostgreSQL restarted, the session was ended): wait a
			 * moment rather than hammer a server that is coming back. */
			PQfinish(conn);
			conn = NULL;
			fprintf(stderr, "emptychair: lost the connection that hears other servers' changes "
			        "in PostgreSQL; cached rows are kept only for --read-cache-ms until it is "
			        "back\n");
			lost = true;
			listen_pause(l, 1000);
		}
	}
	PQfinish(conn);
	return NULL;
}

struct db_listener *db_listener_start(const char *target, struct read_cache *cache)
{
	struct db_listener *l = xcalloc(1, sizeof *l);
	l->target = xstrdup(target);
	l->cache = cache;
	atomic_init(&l->stop, false);
	if (pthread_create(&l->thread, NULL, listen_main, l)) {
		free(l->target);
		free(l);
		return NULL;
	}
	return l;
}

void db_listener_stop(struct db_listener *l)
{
	if (!l) return;
	atomic_store(&l->stop, true);
	pthread_join(l->thread, NULL);
	free(l->target);
	free(l);
}

const struct db_driver db_postgresql_driver = {
	.dialect = "postgresql",
	.tx_attempts = 12,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.end = pg_end,
	.stmt = pg_stmt,
	.rewind = pg_rewind,
	.bind_i64 = pg_bind_i64,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_i64 = pg_col_i64,
	.col_text = pg_col_text,
	.col_is_null = pg_col_is_null,
	.col_count = pg_col_count,
	.done = pg_done,
	.stmt_read_only = pg_stmt_read_only,
	.in_transaction = pg_in_transaction,
	.changes = pg_changes,
	.backup = pg_backup,
	.check = pg_check,
	.table_exists = pg_table_exists,
	.ids_follow = pg_ids_follow,
};
