#include "fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../testdb.h"

bool store_db_make(const char *name, char *dir, size_t dir_size, char *target,
                   size_t target_size, struct store **s)
{
	snprintf(dir, dir_size, "/tmp/ec-%s-test-XXXXXX", name);
	if (!mkdtemp(dir) || !testdb_create(dir, target, target_size)) return false;
	char *err = NULL;
	*s = store_open(target, &err);
	if (!*s) fprintf(stderr, "store_open(%s): %s\n", target, err ? err : "?");
	free(err);
	return *s != NULL;
}

struct store *store_db_open(const char *target)
{
	char *err = NULL;
	struct store *s = store_open(target, &err);
	if (!s) fail_msg("store_open(%s): %s", target, err ? err : "?");
	free(err);
	return s;
}

void store_db_remove_files(const char *target)
{
	if (!strncmp(target, "postgresql://", 13)) return;
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal", ".bak" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char p[320];
		snprintf(p, sizeof p, "%s%s", target, suffixes[i]);
		unlink(p);
	}
}

void store_db_drop(struct store *s, const char *dir, const char *target)
{
	store_close(s);
	testdb_drop(target);
	store_db_remove_files(target);
	if (rmdir(dir) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

int64_t table_rows(const struct store_table_sum *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].table, name)) return t[i].rows;
	fail_msg("no table %s in the sums", name);
	return -1;
}

struct store *store_db_copy_checked(struct store *from, const char *dir, struct arena *a,
                                    char *target, size_t target_size)
{
	struct store_table_sum *want, *got;
	size_t nw, ng;
	assert_int_equal(store_table_sums(from, a, &want, &nw), ST_OK);
	assert_true(nw > 0);
	assert_true(testdb_create_on(testdb_is_postgresql(), dir, target, target_size));
	struct store *to = store_db_open(target);
	int applied;
	assert_int_equal(store_migrate(to, &applied), ST_OK);
	const char *why = NULL;
	if (store_copy(from, to, a, &why) != ST_OK) fail_msg("store_copy: %s", why ? why : "?");
	assert_int_equal(store_table_sums(to, a, &got, &ng), ST_OK);
	assert_int_equal(nw, ng);
	for (size_t i = 0; i < nw; i++) {
		assert_string_equal(want[i].table, got[i].table);
		if (want[i].rows != got[i].rows || strcmp(want[i].checksum, got[i].checksum))
			fail_msg("table %s differs after the copy", want[i].table);
	}
	return to;
}

int store_fx_setup(void **state, const char *name)
{
	struct store_fx *f = calloc(1, sizeof *f);
	if (!f || !store_db_make(name, f->dir, sizeof f->dir, f->target, sizeof f->target, &f->s)) {
		free(f);
		return -1;
	}
	*state = f;
	int applied = -1;
	return store_migrate(f->s, &applied) == ST_OK ? 0 : -1;
}

int store_fx_teardown(void **state)
{
	struct store_fx *f = *state;
	store_db_drop(f->s, f->dir, f->target);
	arena_free(&f->a);
	free(f);
	return 0;
}
