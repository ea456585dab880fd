/* Commands that copy a whole installation: backup and copy. */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "core/civil_time.h"

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

/* A consistent copy of o->db into the new SQLite file to. */
static int backup_to(struct cli_options *o, const char *to)
{
	/* From PostgreSQL: a verified copy into a new SQLite file (the URI,
	 * which may hold a password, is not printed). */
	if (store_target_is_postgresql(o->db)) {
		int rc = copy_installation(o->db, to, "backup");
		if (rc == 0) printf("Backed up the PostgreSQL database to %s.\n", to);
		return rc;
	}
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

/* Deletes the oldest of the backups named DIR/emptychair-*.db beyond the
 * newest keep (their names sort by the time they were made). */
static void keep_newest(const char *dir, int keep)
{
	char pattern[4096];
	snprintf(pattern, sizeof pattern, "%s/emptychair-*.db", dir);
	glob_t g;
	if (glob(pattern, 0, NULL, &g)) return; /* none, or none readable */
	for (size_t i = 0; i + (size_t)keep < g.gl_pathc; i++) {
		if (unlink(g.gl_pathv[i]) == 0) printf("Removed the older backup %s.\n", g.gl_pathv[i]);
		else fprintf(stderr, "backup: cannot remove %s: %m\n", g.gl_pathv[i]);
	}
	globfree(&g);
}

int cmd_backup(struct cli_options *o, int argc, char **argv)
{
	struct cli_opt opts[] = { { .name = "--to", .takes_value = true },
	                          { .name = "--dir", .takes_value = true },
	                          { .name = "--keep", .takes_value = true }, { 0 } };
	enum cli_parse_rc parsed = cli_parse("backup", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	const char *to = opts[0].value, *dir = opts[1].value;
	int keep = 0;
	if (!to == !dir) { fprintf(stderr, "backup: give --to PATH, or --dir DIR [--keep N]\n"); return 2; }
	if (opts[2].given) {
		char *end;
		long k = strtol(opts[2].value, &end, 10);
		if (!dir || *end || k < 1 || k > 1000) {
			fprintf(stderr, "backup: --keep takes 1 to 1000, with --dir\n");
			return 2;
		}
		keep = (int)k;
	}
	if (dir) return cli_backup_into(o, dir, keep);
	if (store_target_is_postgresql(to)) { fprintf(stderr, "backup: --to is a new SQLite file; to fill a PostgreSQL database use 'copy'\n"); return 2; }
	return backup_to(o, to);
}

int cli_backup_into(struct cli_options *o, const char *dir, int keep)
{
	/* a new file named by the time, in UTC, so that names sort by age */
	char named[4096];
	struct civil c;
	civil_from_utc((int64_t)time(NULL), "UTC", &c);
	snprintf(named, sizeof named, "%s/emptychair-%04d%02d%02d-%02d%02d%02d.db", dir, c.year,
	         c.month, c.day, c.hour, c.minute, c.second);
	if (mkdir(dir, 0700) && errno != EEXIST) {
		fprintf(stderr, "backup: cannot make %s: %m\n", dir);
		return 1;
	}
	int rc = backup_to(o, named);
	if (rc == 0 && keep) keep_newest(dir, keep);
	return rc;
}