/* The command line: exit statuses, what `check` reads without writing, a
 * database made by a newer emptychair, backups, copies between backends.
 * Runs the real binary ($EMPTYCHAIR_BIN) in a temporary directory, on the
 * backend the environment names (tests/testdb.h); every status asserted
 * here is the process's own exit status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../testdb.h"
#include "store/store.h"

extern char **environ;

static char dir[64];
static char demo_db[300];

static const char *bin(void)
{
	const char *b = getenv("EMPTYCHAIR_BIN");
	return b && *b ? b : "build/src/emptychair";
}

struct run {
	int status;     /* exit status; -1 if killed (it outlived the timeout) or never ran */
	char *output;   /* stdout and stderr together, malloc'd */
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs emptychair with args (NULL-terminated), for at most timeout_s
 * seconds: a command that should refuse to start but serves instead is
 * killed, and counts as a failure. */
static struct run emptychair(int timeout_s, const char *const *args)
{
	struct run r = { -1, NULL };
	char *argv[24] = { (char *)bin() };
	int n = 1;
	for (; args[n - 1] && n < 23; n++) argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	int out[2];
	if (pipe(out)) fail_msg("pipe: %s", strerror(errno));
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive the test */
		if (getppid() != parent) _exit(127);
		if (dup2(out[1], 1) < 0 || dup2(out[1], 2) < 0) _exit(127);
		close(out[0]);
		close(out[1]);
		execve(argv[0], argv, environ);
		_exit(127);
	}
	close(out[1]);
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	int64_t deadline = now_ms() + (int64_t)timeout_s * 1000;
	bool killed = false;
	for (;;) {
		int64_t left = deadline - now_ms();
		if (left <= 0) {
			kill(pid, SIGKILL);
			killed = true;
			break;
		}
		struct pollfd p = { out[0], POLLIN, 0 };
		if (poll(&p, 1, (int)left) <= 0) continue;
		if (cap - len < 1024) buf = realloc(buf, cap *= 2);
		ssize_t got = read(out[0], buf + len, cap - len - 1);
		if (got <= 0) break;
		len += (size_t)got;
	}
	buf[len] = 0;
	close(out[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	if (!killed && WIFEXITED(status)) r.status = WEXITSTATUS(status);
	r.output = buf;
	return r;
}

#define EC(...) emptychair(30, (const char *const[]){ __VA_ARGS__, NULL })

static void check_status(struct run r, int want)
{
	if (r.status != want) print_error("output was:\n%s\n", r.output);
	assert_int_equal(r.status, want);
}

static char *path_in(const char *name)
{
	char *p = NULL;
	if (asprintf(&p, "%s/%s", dir, name) < 0) fail_msg("asprintf");
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	char *buf = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&buf, &n);
	char chunk[8192];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, k, mem);
	fclose(f);
	fclose(mem);
	*len = n;
	return buf;
}

/* Runs sql on a test database of either backend. */
static void exec_sql(const char *target, const char *sql) { assert_true(testdb_exec(target, sql)); }

/* A new database of the test's backend holding demo data. */
static char *demo_database(void)
{
	char *db = malloc(300);
	assert_true(testdb_create(dir, db, 300));
	struct run r = EC("--db", db, "demo");
	check_status(r, 0);
	free(r.output);
	return db;
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static int setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/ec-cli-XXXXXX");
	if (!mkdtemp(dir)) return -1;
	if (!testdb_create(dir, demo_db, sizeof demo_db)) return -1;
	setenv("EMPTYCHAIR_PWHASH", "minimum", 1);
	unsetenv("EMPTYCHAIR_DB");
	struct run r = EC("--db", demo_db, "demo");
	int status = r.status;
	if (status != 0) fprintf(stderr, "demo failed:\n%s\n", r.output);
	free(r.output);
	return status == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	testdb_drop(demo_db);
	if (getenv("KEEP_TEST_DIRS")) return 0;
	char *rm[] = { "/bin/rm", "-rf", dir, NULL };
	pid_t pid = fork();
	if (pid == 0) {
		execve(rm[0], rm, environ);
		_exit(127);
	}
	int status = 0;
	if (pid > 0) waitpid(pid, &status, 0);
	return 0;
}

static void check_on_a_fresh_database_is_ok(void **state)
{
	struct run r = EC("--db", demo_db, "check");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "\nok\n"));
	char want[64];
	snprintf(want, sizeof want, "schema version %d of %d\n", store_schema_latest(),
	         store_schema_latest());
	assert_non_null(strstr(r.output, want));
	free(r.output);
}

/* An empty database has no tables. `check` must say it is not set up, and
 * leave it exactly as it was (it used to migrate it). */
static void check_does_not_migrate(void **state)
{
	char db[300];
	assert_true(testdb_create(dir, db, sizeof db));
	if (!testdb_is_postgresql()) { /* an empty file */
		FILE *f = fopen(db, "w");
		assert_non_null(f);
		fclose(f);
	}
	struct run r = EC("--db", db, "check");
	assert_int_not_equal(r.status, 0);
	assert_int_not_equal(r.status, -1);
	assert_non_null(strstr(r.output, "not an emptychair database"));
	assert_null(strstr(r.output, "applied"));
	free(r.output);
	if (testdb_is_postgresql()) {
		char *err = NULL;
		struct store *s = store_open_read_only(db, &err);
		assert_non_null(s);
		assert_int_equal(store_schema_version(s), 0); /* no schema_migrations made */
		store_close(s);
		testdb_drop(db);
	} else {
		struct stat st;
		assert_int_equal(stat(db, &st), 0);
		assert_int_equal(st.st_size, 0);
	}
}

static void check_does_not_create_a_database(void **state)
{
	char *db = path_in("missing.db");
	struct run r = EC("--db", db, "check");
	check_status(r, 1);
	assert_false(exists(db));
	free(r.output);
	free(db);
	if (!testdb_is_postgresql()) return;
	/* A PostgreSQL database that does not exist: refused, and not made. */
	char missing[320];
	snprintf(missing, sizeof missing, "%.*s_missing", (int)strlen(demo_db), demo_db);
	r = EC("--db", missing, "check");
	check_status(r, 1);
	assert_non_null(strstr(r.output, "cannot connect to PostgreSQL database"));
	free(r.output);
	r = EC("--db", missing, "check");
	check_status(r, 1);
	free(r.output);
}

/* What a newer emptychair leaves behind: a schema version this program
 * does not know. */
static char *newer_database(void)
{
	char *db = demo_database();
	exec_sql(db, "INSERT INTO schema_migrations (version, name, applied_at) "
	             "VALUES (9999, '9999_from_the_future.sql', 0)");
	return db;
}

static void newer_schema_is_refused(void **state)
{
	char *db = newer_database();
	/* serve must not start (were it to, it would be killed after the
	 * timeout and the status would be -1) */
	struct run r = emptychair(30, (const char *const[]){ "--db", db, "serve", "--listen",
	                                                     "127.0.0.1", "--port", "0", NULL });
	check_status(r, 1);
	assert_non_null(strstr(r.output, "this database was made by a newer emptychair "
	                                 "(schema 9999, this program knows "));
	assert_non_null(strstr(r.output, "use that version"));
	assert_null(strstr(r.output, "listening"));
	free(r.output);

	r = EC("--db", db, "migrate");
	check_status(r, 1);
	assert_non_null(strstr(r.output, "newer emptychair (schema 9999"));
	free(r.output);

	r = EC("--db", db, "check");
	check_status(r, 1);
	assert_non_null(strstr(r.output, "schema version 9999 of "));
	assert_non_null(strstr(r.output, "newer emptychair (schema 9999"));
	free(r.output);
	testdb_drop(db);
	free(db);
}

static void backup_refuses_an_existing_file(void **state)
{
	char *to = path_in("taken.db");
	FILE *f = fopen(to, "w");
	assert_non_null(f);
	fputs("keep me", f);
	fclose(f);
	struct run r = EC("--db", demo_db, "backup", "--to", to);
	check_status(r, 1);
	assert_non_null(strstr(r.output, "exists"));
	size_t n = 0;
	char *kept = slurp(to, &n);
	assert_int_equal(n, 7);
	assert_memory_equal(kept, "keep me", 7);
	free(kept);
	free(r.output);
	free(to);
}

/* A backup is a working copy, and checking it (as one would after a
 * restore) changes not a byte of it. */
static void backup_then_check_the_copy(void **state)
{
	char *to = path_in("copy.db");
	struct run r = EC("--db", demo_db, "backup", "--to", to);
	check_status(r, 0);
	free(r.output);
	size_t before_len = 0, after_len = 0;
	char *before = slurp(to, &before_len);
	assert_non_null(before);
	r = EC("--db", to, "check");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "\nok\n"));
	free(r.output);
	char *after = slurp(to, &after_len);
	assert_int_equal(after_len, before_len);
	assert_memory_equal(after, before, before_len);
	free(before);
	free(after);
	free(to);
}

/* Issue 17, point 10: what the program writes is its user's alone
 * (0600), and serve warns about a database others can read. */
static void files_it_makes_are_private(void **state)
{
	(void)state;
	struct stat st;
	char *to = path_in("private.db");
	struct run r = EC("--db", demo_db, "backup", "--to", to);
	check_status(r, 0);
	free(r.output);
	assert_int_equal(stat(to, &st), 0);
	if (st.st_mode & 077) fail_msg("%s has mode %03o", to, st.st_mode & 0777);
	if (strncmp(demo_db, "postgres", 8)) {
		assert_int_equal(stat(demo_db, &st), 0);
		if (st.st_mode & 077) fail_msg("%s has mode %03o", demo_db, st.st_mode & 0777);
	}
	/* Made readable by others: serve says so as it starts (and here, given
	 * an address it cannot listen on, stops). */
	assert_int_equal(chmod(to, 0644), 0);
	char *files = path_in("files");
	r = EC("--db", to, "serve", "--listen", "not-an-address", "--files", files);
	free(files);
	assert_int_equal(r.status, 2);
	if (!strstr(r.output, "can be read by others (mode 644)"))
		fail_msg("no warning:\n%s", r.output);
	free(r.output);
	free(to);
}

/* The installation, SQLite → PostgreSQL → SQLite by the command (on the
 * SQLite run: SQLite → SQLite → SQLite), each copy verified by the command
 * itself; the last copy is then checked; and a second copy into a target
 * that now holds data is refused without touching it. */
static void copy_round_trip_by_command(void **state)
{
	char *sqlite_demo = path_in("copy-source.db"), *back = path_in("copy-back.db");
	struct run r = EC("--db", sqlite_demo, "demo");
	check_status(r, 0);
	free(r.output);
	char middle[300];
	assert_true(testdb_create(dir, middle, sizeof middle));

	r = EC("copy", "--from", sqlite_demo, "--to", middle);
	check_status(r, 0);
	assert_non_null(strstr(r.output, "every row count and checksum is the same"));
	assert_non_null(strstr(r.output, "users"));
	free(r.output);
	r = EC("copy", "--from", middle, "--to", back);
	check_status(r, 0);
	assert_non_null(strstr(r.output, "every row count and checksum is the same"));
	free(r.output);
	r = EC("--db", back, "check");
	check_status(r, 0);
	free(r.output);

	/* The copy serves: a demo account signs in with the copied password. */
	r = EC("--db", middle, "user", "list");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "sam@demo.emptychair.org"));
	free(r.output);

	r = EC("copy", "--from", sqlite_demo, "--to", middle);
	check_status(r, 1);
	/* A SQLite target must be a new file; a PostgreSQL one an empty database. */
	assert_non_null(strstr(r.output, testdb_is_postgresql() ? "already holds data"
	                                                        : "exists; choose a new file"));
	free(r.output);
	r = EC("copy", "--from", sqlite_demo);
	check_status(r, 2);
	free(r.output);
	r = EC("copy", "--from", back, "--to", back);
	check_status(r, 2);
	free(r.output);
	testdb_drop(middle);
	free(sqlite_demo);
	free(back);
}

/* An administrator's accounts from the command line, through the same
 * use cases as everything else (app_user_add, app_user_set_active). */
static void users_are_added_and_disabled(void **state)
{
	(void)state;
	struct run r = EC("--db", demo_db, "user", "add", "--email", " New.Person@Example.org ",
	                  "--name", "New Person ZQU");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "/reset-password?t="));
	free(r.output);
	r = EC("--db", demo_db, "user", "add", "--email", "new.person@example.org", "--name", "Again");
	check_status(r, 1);
	assert_non_null(strstr(r.output, "already has an account"));
	free(r.output);
	r = EC("--db", demo_db, "user", "disable", "--email", "new.person@example.org");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "disabled and signed out"));
	free(r.output);
	r = EC("--db", demo_db, "user", "list");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "new.person@example.org\tdisabled\tNew Person ZQU"));
	free(r.output);
	r = EC("--db", demo_db, "user", "enable", "--email", "new.person@example.org");
	check_status(r, 0);
	free(r.output);
	r = EC("--db", demo_db, "user", "list");
	assert_non_null(strstr(r.output, "new.person@example.org\tactive\tNew Person ZQU"));
	free(r.output);
}

static void version_and_help(void **state)
{
	struct run r = EC("--version");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "emptychair "));
	free(r.output);
	r = EC("--help");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "usage: emptychair"));
	free(r.output);
	r = EC("check", "--help");
	check_status(r, 0);
	free(r.output);
}

static void usage_errors_exit_2(void **state)
{
	char *db = path_in("never-made.db");
	struct run r = EC("--db", db, "frobnicate");
	check_status(r, 2);
	assert_non_null(strstr(r.output, "unknown command 'frobnicate'"));
	free(r.output);
	r = EC("--db", db, "--no-such-option", "check");
	check_status(r, 2);
	free(r.output);
	r = EC("--db", db);
	check_status(r, 2);
	free(r.output);
	r = EC("--db", db, "backup");
	check_status(r, 2);
	free(r.output);
	assert_false(exists(db));
	free(db);
}

/* Every command refuses an option it does not take, a stray argument and
 * a missing value, naming what was wrong, before it opens (or makes) the
 * database: "serve --prot 18124" once served on 8080. */
static void unknown_options_are_refused_by_every_command(void **state)
{
	char *db = path_in("never-made.db");
	static const struct {
		const char *args[8];
		const char *says;
	} cases[] = {
		{ { "serve", "--prot", "18124" }, "unknown option '--prot'" },
		{ { "serve", "--port", "0", "--qiet" }, "unknown option '--qiet'" },
		{ { "serve", "8080" }, "unexpected argument '8080'" },
		{ { "serve", "--port" }, "--port needs a value" },
		{ { "serve", "--quiet=yes" }, "--quiet takes no value" },
		{ { "serve", "--port", "1", "--port", "2" }, "--port is given twice" },
		{ { "init", "--email", "a@example.org", "--nmae", "A" }, "unknown option '--nmae'" },
		{ { "migrate", "now" }, "unexpected argument 'now'" },
		{ { "demo", "--member", "3" }, "unknown option '--member'" },
		{ { "user", "list", "--admin" }, "unknown option '--admin'" },
		{ { "user", "reset", "--email", "a@example.org", "--name", "A" }, "unknown option '--name'" },
		{ { "user", "add", "--email", "a@example.org", "--name", "A", "extra" },
		  "unexpected argument 'extra'" },
		{ { "user", "purge" }, "unknown subcommand purge" },
		{ { "backup", "--too", "x.db" }, "unknown option '--too'" },
		{ { "copy", "--from", "a.db", "--to", "b.db", "--force" }, "unknown option '--force'" },
		{ { "check", "--fix" }, "unknown option '--fix'" },
		{ { "outbox", "--limit", "3", "all" }, "unexpected argument 'all'" },
		{ { "select", "--feature", "q.csv" }, "unknown option '--feature'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *argv[12] = { "--db", db };
		for (int k = 0; k < 8 && cases[i].args[k]; k++) argv[2 + k] = cases[i].args[k];
		struct run r = emptychair(10, argv);
		if (r.status != 2 || !strstr(r.output, cases[i].says))
			print_error("%s %s: status %d, output:\n%s\n", cases[i].args[0],
			            cases[i].args[1] ? cases[i].args[1] : "", r.status, r.output);
		assert_int_equal(r.status, 2);
		assert_non_null(strstr(r.output, cases[i].says));
		free(r.output);
		assert_false(exists(db));
	}
	/* What is declared is taken, in either spelling, and global options
	 * may follow the command. */
	struct run r = EC("check", "--db=never-made-either.db");
	check_status(r, 1);
	assert_non_null(strstr(r.output, "never-made-either.db"));
	free(r.output);
	free(db);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* `select` draws from files: every person's chance and whether chosen, the
 * chosen rows, the 1,000 panels; the same seed, the same draw; bad files
 * named by line and column; quotas that cannot be met named with the
 * smallest change. */
static void select_draws_from_files(void **state)
{
	char *q = path_in("quotas.csv"), *p = path_in("people.csv"), *out = path_in("chances.csv");
	char *chosen = path_in("chosen.csv"), *lottery = path_in("lottery.csv");
	/* one woman (w1) and three men, one place each: w1 always, men 1/3 */
	write_file(q, "feature,value,min,max\ngender,woman,1,1\ngender,man,1,1\n");
	write_file(p, "id,name,gender\nw1,Ada,woman\nm1,Bo,man\nm2,Cy,man\nm3,Di,man\n");
	struct run r = EC("select", "--features", q, "--people", p, "--places", "2", "--seed", "5", "--out", out,
	                  "--selected", chosen, "--lottery", lottery);
	check_status(r, 0);
	assert_non_null(strstr(r.output, "4 people, 2 places, 1 feature, 2 types"));
	assert_non_null(strstr(r.output, "seed 5; number "));
	free(r.output);
	size_t len;
	char *text = slurp(out, &len);
	assert_non_null(text);
	assert_non_null(strstr(text, "id,probability,lottery_panels,selected\r\n"));
	assert_non_null(strstr(text, "w1,1.000000000,1000,1\r\n"));
	assert_non_null(strstr(text, "m1,0.333333333,33"));
	int selected = 0;
	for (char *at = text; (at = strstr(at, ",1\r\n")); at++) selected++;
	assert_int_equal(selected, 2);
	char *rows = slurp(chosen, &len);
	assert_non_null(strstr(rows, "id,name,gender\r\nw1,Ada,woman\r\n"));
	char *panels = slurp(lottery, &len);
	assert_non_null(strstr(panels, "number,seat_1,seat_2\r\n0,"));
	assert_non_null(strstr(panels, "\r\n999,"));

	/* the same seed: the same file */
	char *again_path = path_in("again.csv");
	r = EC("select", "--features", q, "--people", p, "--places", "2", "--seed", "5", "--out", again_path);
	check_status(r, 0);
	free(r.output);
	char *again = slurp(again_path, &len);
	assert_string_equal(again, text);
	/* a number checked by people picks the panel */
	r = EC("select", "--features", q, "--people", p, "--places", "2", "--number", "999", "--out", again_path);
	check_status(r, 0);
	assert_non_null(strstr(r.output, "number 999 (--number): panel 999"));
	free(r.output);

	write_file(p, "id,name,gender\nw1,Ada,woman\nm1,Bo,mna\n");
	r = EC("select", "--features", q, "--people", p, "--places", "2");
	check_status(r, 1);
	assert_non_null(strstr(r.output, "people.csv:3:3: 'mna' is not a value of gender"));
	free(r.output);

	write_file(q, "feature,value,min,max\ngender,woman,2,2\ngender,man,1,2\n");
	write_file(p, "id,gender\nw1,woman\nm1,man\nm2,man\nm3,man\n");
	r = EC("select", "--features", q, "--people", p, "--places", "2");
	check_status(r, 1);
	assert_non_null(strstr(r.output, "no panel of 2 meets every quota"));
	assert_non_null(strstr(r.output, "gender, woman: at least 1 instead of 2 (1 in the pool)"));
	assert_null(strstr(r.output, "gender, man"));
	free(r.output);

	r = EC("select", "--features", q, "--people", p);
	check_status(r, 2);
	free(r.output);
	r = EC("select", "--features", q, "--people", p, "--places", "2", "--number", "1000");
	check_status(r, 2);
	free(r.output);
	free(text);
	free(rows);
	free(panels);
	free(again);
	free(q);
	free(p);
	free(out);
	free(chosen);
	free(lottery);
	free(again_path);
}

/* Writes text to a new file called name in the test's directory; its path. */
static char *file_in(const char *name, const char *text)
{
	char *p = path_in(name);
	write_file(p, text);
	return p;
}

/* Issue 23, point 3: the configuration file. Its settings are used; a flag
 * wins over it; each wrong setting stops the program at start with a
 * message naming its line; --config names a file that must be there. */
static void a_configuration_file_is_read_and_checked(void **state)
{
	(void)state;
	/* db from the file: check runs on it */
	char text[600];
	snprintf(text, sizeof text, "# the demo\n\ndb = %s\n", demo_db);
	char *conf = file_in("good.conf", text);
	struct run r = EC("--config", conf, "check");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "\nok\n"));
	free(r.output);
	/* a flag wins over the file: --db names a database that is not there */
	char *missing = path_in("not-there.db");
	r = EC("--config", conf, "--db", missing, "check");
	assert_int_not_equal(r.status, 0);
	free(r.output);
	assert_false(exists(missing));
	free(missing);
	free(conf);
	/* each wrong setting names its file and line */
	static const struct { const char *text, *said; } bad[] = {
		{ "threads = 2\nprot = 18124\n", "line 2: there is no setting called prot" },
		{ "port = 1\nport = 2\n", "line 2: port is set already, on line 1" },
		{ "# port\nport 8080\n", "line 2: not a setting" },
		{ "\n\n\nread_cache_ms = 99999\n", "line 4: serve: --read-cache-ms takes 0 to 60000" },
		{ "secure_cookies = perhaps\n", "line 1: secure_cookies is yes or no" },
		{ "mail_interval = 0\n", "line 1: serve: --mail-interval takes 1 to" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char name[32];
		snprintf(name, sizeof name, "bad%zu.conf", i);
		char *path = file_in(name, bad[i].text);
		r = EC("--config", path, "--db", demo_db, "serve", "--port", "0");
		if (r.status != 2 || !strstr(r.output, path) || !strstr(r.output, bad[i].said))
			fail_msg("%s: exit %d, said:\n%s", bad[i].text, r.status, r.output);
		free(r.output);
		free(path);
	}
	/* a file named must be there */
	char *gone = path_in("gone.conf");
	r = EC("--config", gone, "check");
	check_status(r, 2);
	assert_non_null(strstr(r.output, "cannot read the configuration file"));
	free(r.output);
	free(gone);
}

/* Issue 23, point 2: backups for a timer, into a directory, keeping the
 * newest N (names sort by the time they were made, in UTC). */
static void backups_into_a_directory_keep_the_newest(void **state)
{
	(void)state;
	char *backups = path_in("backups");
	char *made[3];
	for (int i = 0; i < 3; i++) {
		if (i) nanosleep(&(struct timespec){ 1, 100000000 }, NULL); /* a new second, a new name */
		struct run r = EC("--db", demo_db, "backup", "--dir", backups, "--keep", "2");
		check_status(r, 0);
		const char *at = strstr(r.output, "/emptychair-");
		assert_non_null(at);
		made[i] = strndup(at + 1, strlen("emptychair-YYYYMMDD-HHMMSS.db"));
		if (i == 2) assert_non_null(strstr(r.output, "Removed the older backup"));
		free(r.output);
	}
	struct stat st;
	assert_int_equal(stat(backups, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	for (int i = 0; i < 3; i++) {
		char path[600];
		snprintf(path, sizeof path, "%s/%s", backups, made[i]);
		assert_int_equal(exists(path), i > 0); /* the oldest went */
		if (i) {
			struct run r = EC("--db", path, "check");
			check_status(r, 0);
			free(r.output);
		}
		free(made[i]);
	}
	struct run r = EC("--db", demo_db, "backup", "--dir", backups, "--keep", "0");
	check_status(r, 2);
	free(r.output);
	r = EC("--db", demo_db, "backup", "--to", "x.db", "--dir", backups);
	check_status(r, 2);
	free(r.output);
	free(backups);
}

/* Issue 23, point 4: setup, after installing. Given what it needs (no
 * terminal here: it does not ask), it writes the settings into the
 * configuration file where that shows them, makes the database and its
 * first steward, and prints the one-time link at the public address; it
 * refuses what is missing or wrong, and a second run. */
static void setup_writes_the_settings_and_the_first_steward(void **state)
{
	(void)state;
	char *conf = file_in("setup.conf", "# emptychair\n# public_url = https://x.example\n"
	                                  "# smtp = smtp://mail.example.org:587\nthreads = 2\n");
	char *db = malloc(300);
	assert_true(testdb_create(dir, db, 300));
	/* what is missing, or wrong: refused, nothing written */
	struct run r = EC("--config", conf, "--db", db, "setup", "--email", "a@example.org");
	check_status(r, 2);
	free(r.output);
	r = EC("--config", conf, "--db", db, "--public-url", "voices.example.org", "setup",
	       "--email", "a@example.org", "--name", "Ada");
	check_status(r, 2);
	free(r.output);
	r = EC("--config", conf, "--db", db, "--public-url", "https://voices.example.org", "setup",
	       "--email", "a@example.org", "--name", "Ada", "--smtp", "smtp://mail.example.org:587");
	check_status(r, 2); /* a relay needs --mail-from */
	assert_non_null(strstr(r.output, "--mail-from"));
	free(r.output);
	/* done */
	r = EC("--config", conf, "--db", db, "--public-url", "https://voices.example.org/", "setup",
	       "--email", "Ada@Example.org", "--name", "Ada Steward", "--smtp",
	       "smtp://mail.example.org:587", "--mail-from", "Voices <voices@example.org>");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "https://voices.example.org/"));   /* the link */
	assert_non_null(strstr(r.output, "administrator ada@example.org"));
	free(r.output);
	size_t len;
	char *text = slurp(conf, &len);
	assert_string_equal(text, "# emptychair\npublic_url = https://voices.example.org\n"
	                          "smtp = smtp://mail.example.org:587\nthreads = 2\n"
	                          "mail_from = Voices <voices@example.org>\n");
	free(text);
	/* the file is one the program reads back */
	r = EC("--config", conf, "--db", db, "check");
	check_status(r, 0);
	free(r.output);
	/* once only, and nothing is written then */
	r = EC("--config", conf, "--db", db, "--public-url", "https://other.example.org", "setup",
	       "--email", "b@example.org", "--name", "Bo");
	check_status(r, 1);
	assert_non_null(strstr(r.output, "already has accounts"));
	free(r.output);
	text = slurp(conf, &len);
	assert_null(strstr(text, "other.example.org"));
	free(text);
	free(db);
	free(conf);
}

/* Issue 23, point 6: an upgrade migrates only after a backup (migrate
 * --backup-dir, the service's ExecStartPre); nothing to migrate, no backup;
 * a downgrade is refused (newer_schema_is_refused, above). The database is
 * taken back one migration by undoing the last (safeguarding sealed at rest). */
static void an_upgrade_backs_up_before_it_migrates(void **state)
{
	(void)state;
	char *db = demo_database();
	bool pg = !strncmp(db, "postgresql://", 13);
	exec_sql(db, "ALTER TABLE safeguarding_concerns DROP COLUMN seal_key_id; "
	             "ALTER TABLE safeguarding_entries DROP COLUMN seal_key_id; "
	             "DELETE FROM schema_migrations WHERE version = 24");
	char *backups = path_in("upgrade-backups");
	struct run r = EC("--db", db, "migrate", "--backup-dir", backups);
	check_status(r, 0);
	assert_non_null(strstr(r.output, "schema version 24"));
	if (pg) {
		/* PostgreSQL's backups are its own tools': said, and migrated in a
		 * transaction */
		assert_non_null(strstr(r.output, "PostgreSQL: emptychair does not back it up"));
		free(r.output);
		testdb_drop(db);
		free(db);
		free(backups);
		return;
	}
	assert_non_null(strstr(r.output, "Backing up before migrating from schema 23 to 24."));
	assert_non_null(strstr(r.output, "schema version 24"));
	const char *at = strstr(r.output, "/emptychair-");
	assert_non_null(at);
	char copy[600];
	snprintf(copy, sizeof copy, "%s/%.*s", backups, (int)strlen("emptychair-YYYYMMDD-HHMMSS.db"),
	         at + 1);
	free(r.output);
	/* the backup is the database before: schema 23 */
	r = EC("--db", copy, "check");
	check_status(r, 1);
	assert_non_null(strstr(r.output, "schema version 23 of 24"));
	free(r.output);
	r = EC("--db", copy, "migrate");
	check_status(r, 0);
	assert_non_null(strstr(r.output, "applied 1 migration(s)"));
	free(r.output);
	/* up to date: no backup */
	r = EC("--db", db, "migrate", "--backup-dir", backups);
	check_status(r, 0);
	assert_null(strstr(r.output, "Backing up"));
	free(r.output);
	testdb_drop(db);
	free(db);
	free(backups);
}

/* Issue 23, point 2: socket activation. Given a listening socket as
 * descriptor 3 with LISTEN_PID and LISTEN_FDS, as systemd passes one, serve
 * answers on it rather than opening its own. */
static void serve_takes_a_socket_systemd_passes(void **state)
{
	(void)state;
	int sock = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(sock >= 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = 0 };
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	assert_int_equal(bind(sock, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(sock, 16), 0);
	socklen_t len = sizeof a;
	assert_int_equal(getsockname(sock, (struct sockaddr *)&a, &len), 0);
	int port = ntohs(a.sin_port);
	int out[2];
	assert_int_equal(pipe(out), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (dup2(sock, 3) < 0 || dup2(out[1], 1) < 0) _exit(127);
		char me[32];
		snprintf(me, sizeof me, "%d", (int)getpid());
		setenv("LISTEN_PID", me, 1);
		setenv("LISTEN_FDS", "1", 1);
		/* --port 1 would be refused, were it used: the socket passed is */
		execl(bin(), bin(), "--db", demo_db, "serve", "--port", "1", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	close(sock);
	char line[256] = "";
	FILE *f = fdopen(out[0], "r");
	assert_non_null(fgets(line, sizeof line, f));
	char want[64];
	snprintf(want, sizeof want, "listening on http://127.0.0.1:%d/", port);
	if (!strstr(line, want)) fail_msg("serve said: %s", line);
	char cmd[160], answer[64] = "";
	snprintf(cmd, sizeof cmd, "curl --noproxy '*' -sS --max-time 10 http://127.0.0.1:%d/healthz", port);
	FILE *c = popen(cmd, "r");
	assert_non_null(c);
	assert_non_null(fgets(answer, sizeof answer, c));
	pclose(c);
	assert_string_equal(answer, "ok\n");
	kill(pid, SIGTERM);
	int status = 0;
	waitpid(pid, &status, 0);
	fclose(f);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_on_a_fresh_database_is_ok),
		cmocka_unit_test(check_does_not_migrate),
		cmocka_unit_test(check_does_not_create_a_database),
		cmocka_unit_test(newer_schema_is_refused),
		cmocka_unit_test(backup_refuses_an_existing_file),
		cmocka_unit_test(backup_then_check_the_copy),
		cmocka_unit_test(files_it_makes_are_private),
		cmocka_unit_test(copy_round_trip_by_command),
		cmocka_unit_test(users_are_added_and_disabled),
		cmocka_unit_test(a_configuration_file_is_read_and_checked),
		cmocka_unit_test(backups_into_a_directory_keep_the_newest),
		cmocka_unit_test(setup_writes_the_settings_and_the_first_steward),
		cmocka_unit_test(an_upgrade_backs_up_before_it_migrates),
		cmocka_unit_test(serve_takes_a_socket_systemd_passes),
		cmocka_unit_test(version_and_help),
		cmocka_unit_test(usage_errors_exit_2),
		cmocka_unit_test(unknown_options_are_refused_by_every_command),
		cmocka_unit_test(select_draws_from_files),
	};
	return cmocka_run_group_tests_name("command line", tests, setup, teardown);
}
