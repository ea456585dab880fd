#include "testdb.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

bool testdb_is_postgresql(void)
{
	const char *b = getenv("EMPTYCHAIR_TEST_BACKEND");
	return b && !strcmp(b, "postgresql");
}

static const char *admin_uri(void)
{
	const char *uri = getenv("EMPTYCHAIR_TEST_PG");
	if (uri && *uri) return uri;
	fprintf(stderr, "testdb: EMPTYCHAIR_TEST_BACKEND=postgresql needs EMPTYCHAIR_TEST_PG, the "
	                "admin URI of a cluster (scripts/pg-cluster.sh start DIR prints one; "
	                "scripts/test.sh starts one for you)\n");
	exit(1);
}

bool testdb_admin(const char *sql)
{
	PGconn *c = PQconnectdb(admin_uri());
	bool ok = PQstatus(c) == CONNECTION_OK;
	if (ok) {
		PGresult *r = PQexec(c, sql);
		ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
		if (!ok) fprintf(stderr, "testdb: %s: %s", sql, PQerrorMessage(c));
		PQclear(r);
	} else {
		fprintf(stderr, "testdb: cannot connect to the test cluster: %s", PQerrorMessage(c));
	}
	PQfinish(c);
	return ok;
}

bool testdb_create(const char *dir, char *target, size_t size)
{
	return testdb_create_on(testdb_is_postgresql(), dir, target, size);
}

bool testdb_create_on(bool postgresql, const char *dir, char *target, size_t size)
{
	static unsigned seq;
	if (!postgresql) return snprintf(target, size, "%s/test-%u.db", dir, ++seq) < (int)size;
	char name[64];
	snprintf(name, sizeof name, "ec_test_%ld_%u_%u", (long)getpid(), ++seq,
	         (unsigned)time(NULL) & 0xffff);
	const char *uri = admin_uri();
	const char *slash = strrchr(uri, '/');
	if (!slash || slash - uri < 14 ||
	    snprintf(target, size, "%.*s/%s", (int)(slash - uri), uri, name) >= (int)size) {
		fprintf(stderr, "testdb: EMPTYCHAIR_TEST_PG must end in /DATABASE: %s\n", uri);
		return false;
	}
	char sql[128];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	return testdb_admin(sql);
}

void testdb_drop(const char *target)
{
	if (strncmp(target, "postgresql://", 13) || getenv("KEEP_TEST_DIRS")) return;
	const char *name = strrchr(target, '/') + 1;
	char sql[128];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	testdb_admin(sql);
}

bool testdb_exec(const char *target, const char *sql)
{
	bool ok;
	if (!strncmp(target, "postgresql://", 13)) {
		PGconn *c = PQconnectdb(target);
		PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
		ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
		if (!ok) fprintf(stderr, "testdb_exec: %s", PQerrorMessage(c));
		PQclear(r);
		PQfinish(c);
		return ok;
	}
	sqlite3 *conn = NULL;
	char *msg = NULL;
	ok = sqlite3_open(target, &conn) == SQLITE_OK &&
	     sqlite3_busy_timeout(conn, 5000) == SQLITE_OK &&
	     sqlite3_exec(conn, sql, NULL, NULL, &msg) == SQLITE_OK;
	if (!ok) fprintf(stderr, "testdb_exec: %s\n", msg ? msg : sqlite3_errmsg(conn));
	sqlite3_free(msg);
	sqlite3_close(conn);
	return ok;
}
