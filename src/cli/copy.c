/* Commands that copy a whole installation: backup and copy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/options.h"

/* Copies the installation at from into a new database at to, then reads
 * both back and compares each table's row count and checksum. A SQLite
 * target must be a new file; a PostgreSQL one an existing, empty database
 * (its administrator makes it). */
static int copy_installation(const char *from, const char *to, const char *cmd)
{
	if (!store_target_is_postgresql(to)) {
		struct stat st;
		if (stat(to, &st) == 0) {
			fprintf(stderr, "%s: %s exists; choose a new file\n", cmd, to);
			return 1;
		}
	}
	struct store *src = cli_open_target(from, true);
	if (!src) return 1;
	struct store *dst = cli_open_target(to, false);
	if (!dst) {
		store_close(src);
		return 1;
	}
	struct arena a = {0};
	const char *why = NULL;
	int rc = 1, applied = 0;
	/* A target that already holds an emptychair schema is not migrated
	 * (that would change it): store_copy refuses it below unless empty. */
	int version = store_schema_version(dst);
	if (version != 0 && version != store_schema_latest())
		fprintf(stderr, "%s: %s already holds an emptychair database (schema %d); copy only "
		                "into a new, empty database\n", cmd, to, version);
	else if (store_migrate(dst, &applied) != ST_OK)
		fprintf(stderr, "%s: the schema could not be made in %s\n", cmd, to);
	else if (store_copy(src, dst, &a, &why) != ST_OK)
		fprintf(stderr, "%s: %s\n", cmd, why ? why : "failed");
	else {
		struct store_table_sum *x, *y;
		size_t nx, ny;
		int64_t rows = 0;
		bool read = store_table_sums(src, &a, &x, &nx) == ST_OK &&
		            store_table_sums(dst, &a, &y, &ny) == ST_OK && nx == ny;
		bool same = read;
		for (size_t i = 0; read && i < nx; i++) { /* every table, even after a difference */
			bool ok = x[i].rows == y[i].rows && !strcmp(x[i].checksum, y[i].checksum);
			printf("  %-20s %8lld rows  %s\n", x[i].table, (long long)x[i].rows,
			       ok ? "same" : "DIFFERENT");
			if (!ok) fprintf(stderr, "%s: %s differs: %lld rows, %s in the source; %lld, %s in "
			                         "the copy\n", cmd, x[i].table, (long long)x[i].rows,
			                 x[i].checksum, (long long)y[i].rows, y[i].checksum);
			same = same && ok;
			rows += x[i].rows;
		}
		if (same) {
			printf("Copied %lld rows in %zu tables; every row count and checksum is the same "
			       "in the copy.\n", (long long)rows, nx);
			rc = 0;
		} else {
			fprintf(stderr, "%s: the copy is NOT the same as the source; do not use it\n", cmd);
		}
	}
	arena_free(&a);
	store_close(dst);
	store_close(src);
	return rc;
}

int cmd_copy(struct cli_options *o, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ .name = "--from", .takes_value = true },
		{ .name = "--to", .takes_value = true },
		{ 0 },
	};
	enum cli_parse_rc parsed = cli_parse("copy", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	const char *from = opts[0].value, *to = opts[1].value;
	if (!from || !to) { fprintf(stderr, "copy: give --from DATABASE and --to DATABASE\n"); return 2; }
	if (!strcmp(from, to)) { fprintf(stderr, "copy: --from and --to name the same database\n"); return 2; }
	return copy_installation(from, to, "copy");
}

int cmd_backup(struct cli_options *o, int argc, char **argv)
{
	struct cli_opt opts[] = { { .name = "--to", .takes_value = true }, { 0 } };
	enum cli_parse_rc parsed = cli_parse("backup", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	const char *to = opts[0].value;
	if (!to) { fprintf(stderr, "backup: give --to PATH\n"); return 2; }
	if (store_target_is_postgresql(to)) { fprintf(stderr, "backup: --to is a new SQLite file; to fill a PostgreSQL database use 'copy'\n"); return 2; }
	/* From PostgreSQL: a verified copy into a new SQLite file. */
	if (store_target_is_postgresql(o->db)) return copy_installation(o->db, to, "backup");
	struct stat st;
	if (stat(to, &st) == 0) { fprintf(stderr, "backup: %s exists; choose a new name\n", to); return 1; }
	/* A backup only reads: it never migrates or otherwise changes the source. */
	struct store *s = cli_open_target(o->db, true);
	if (!s) return 1;
	char *err = NULL;
	enum store_rc rc = store_backup(s, to, &err);
	store_close(s);
	if (rc != ST_OK) {
		fprintf(stderr, "backup: %s\n", err ? err : "failed");
		free(err);
		return 1;
	}
	printf("Backed up %s to %s.\n", o->db, to);
	return 0;
}
