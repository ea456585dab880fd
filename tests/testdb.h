#ifndef EC_TESTS_TESTDB_H
#define EC_TESTS_TESTDB_H
/* The database a store or HTTP test runs against, so that one test program
 * runs on every backend.
 *
 *   EMPTYCHAIR_TEST_BACKEND  "sqlite" (the default) or "postgresql"
 *   EMPTYCHAIR_TEST_PG       for postgresql: the admin URI of a running
 *                            cluster, as scripts/pg-cluster.sh prints it
 *
 * scripts/test.sh starts a throwaway cluster and runs the store and HTTP
 * tests once per backend (tests/meson.build). Asking for postgresql without
 * a cluster is an error, not a skip: a suite that silently ran on one
 * backend would claim more than it showed. */
#include <stdbool.h>
#include <stddef.h>

bool testdb_is_postgresql(void);
/* Makes a new, empty database and writes its target (what --db and
 * store_open() take) into target: a file in dir for SQLite, a fresh
 * database's URI for PostgreSQL. False, with a message, on failure. */
bool testdb_create(const char *dir, char *target, size_t size);
/* The same on the backend asked for, whatever the environment names (a
 * copy from one backend to the other). SQLite files get new names each
 * time, so several can share dir. */
bool testdb_create_on(bool postgresql, const char *dir, char *target, size_t size);
/* Removes a database testdb_create made (PostgreSQL; SQLite files go with
 * their directory). */
void testdb_drop(const char *target);
/* Runs one statement as the PostgreSQL cluster's administrator (for tests
 * that break a connection on purpose). */
bool testdb_admin(const char *sql);
/* Runs sql (one or more statements) on a test database of either backend
 * (a target testdb_create made, or a server's), as an administrator would;
 * false, said on stderr, when it fails. */
bool testdb_exec(const char *target, const char *sql);
#endif
