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
