#ifndef EC_TESTS_STORE_FIXTURE_H
#define EC_TESTS_STORE_FIXTURE_H
/* The database a store test program works on: a new one in its own
 * temporary directory, on the backend the environment names (testdb.h).
 * Shared by every program in tests/store/. */
#include <stdbool.h>
#include <stddef.h>

#include "core/mem.h"
#include "store/store.h"

/* Makes dir ("/tmp/ec-<name>-test-XXXXXX"), a new empty database in it
 * (its target written to target) and opens it into *s; the schema is not
 * migrated. False, with a message, on failure. */
bool store_db_make(const char *name, char *dir, size_t dir_size, char *target,
                   size_t target_size, struct store **s);
/* Closes s, drops the database, and removes its files and dir. */
void store_db_drop(struct store *s, const char *dir, const char *target);
/* store_open() for a test body: fails the test when it cannot open. */
struct store *store_db_open(const char *target);
/* Removes a SQLite file and the companions it may have made beside it
 * (-wal, -shm, -journal, .bak); nothing for a PostgreSQL URI. */
void store_db_remove_files(const char *target);
/* The rows of table name in sums t (store_table_sums); fails the test when
 * the table is not there. */
int64_t table_rows(const struct store_table_sum *t, size_t n, const char *name);
/* Copies from (store_copy) into a new, migrated database of the run's
 * backend in dir and fails the test unless every table has the same rows
 * and checksum in both. Returns the copy, open, its target in target; the
 * caller closes it and drops it (testdb_drop). */
struct store *store_db_copy_checked(struct store *from, const char *dir, struct arena *a,
                                    char *target, size_t target_size);

/* What most store test programs work on: a migrated database of their own
 * and an arena for results, made before each test and dropped after it. */
struct store_fx {
	struct store *s;
	struct arena a;
	char dir[64];
	char target[256];
};
/* cmocka setup and teardown for a store_fx in *state; name goes into the
 * temporary directory's name. */
int store_fx_setup(void **state, const char *name);
int store_fx_teardown(void **state);
#endif
