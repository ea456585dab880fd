/* Store tests of what a meeting leaves behind: the operations under "what
 * a meeting leaves behind (meeting_record.c)" in src/store/store.h against
 * a real database (papers, reflections, "what we will change", a
 * project's closing reflection).
 *
 * Like test_voice.c, one executable for every backend (tests/testdb.h):
 * each test gets a fresh, empty, migrated database of the backend the
 * environment names, removed afterwards. Every expected value is worked
 * out in the test from the data it put in (sums and counts of the answers
 * it gave, comments sorted here, who attended what), never read back from
 * the function under test. What the store keeps but does not return (an
 * anonymous reflection stores no user, a file paper no Markdown, the kind's
 * key) is read with plain SQL through the backend's own client library
 * (raw_value). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "../testdb.h"
#include "fixture.h"

enum { T0 = 1800000000, DAY = 86400 };

static unsigned seq;

/* ---- fixture (fixture.h) ---- */

static int setup(void **state) { return store_fx_setup(state, "record"); }
static int teardown(void **state) { return store_fx_teardown(state); }

/* ---- plain SQL, for what the store keeps but does not return ---- */

/* The first column of the one row sql returns, as text in f's arena; NULL
 * for SQL NULL. */
static const char *raw_value(struct store_fx *f, const char *sql)
{
	const char *v = NULL;
	if (testdb_is_postgresql()) {
		PGconn *c = PQconnectdb(f->target);
		if (PQstatus(c) != CONNECTION_OK) fail_msg("connect: %s", PQerrorMessage(c));
		PGresult *r = PQexec(c, sql);
		bool ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
		          PQnfields(r) >= 1;
		if (!ok) fprintf(stderr, "%s: %s\n", sql, PQerrorMessage(c));
		else if (!PQgetisnull(r, 0, 0)) v = arena_strdup(&f->a, PQgetvalue(r, 0, 0));
		PQclear(r);
		PQfinish(c);
		assert_true(ok);
		return v;
	}
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->target, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) rc = sqlite3_step(st);
	bool ok = rc == SQLITE_ROW;
	if (!ok) fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
	else if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = arena_strdup(&f->a, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_true(ok);
	return v;
}

static int64_t raw_i64(struct store_fx *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int64_t raw_i64(struct store_fx *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *sql = arena_vprintf(&f->a, fmt, ap);
	va_end(ap);
	const char *v = raw_value(f, sql);
	if (!v) fail_msg("%s: NULL", sql);
	return strtoll(v, NULL, 10);
}

/* ---- helpers ---- */

static int64_t make_user(struct store_fx *f, const char *name)
{
	const char *e = arena_printf(&f->a, "record-%u@example.org", ++seq);
	int64_t id = 0;
	assert_int_equal(store_user_create(f->s, e, name, false, T0, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static int64_t make_panel(struct store_fx *f, const char *name)
{
	struct panel p = { .name = name, .description = "About it", .time_zone = "Europe/London",
	                   .language = "en", .organisation = "Org",
	                   .hosting = HOSTING_ORGANISATION };
	int64_t id = 0;
	assert_int_equal(store_panel_create(f->s, &p, T0, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static void join(struct store_fx *f, int64_t panel, int64_t user, enum panel_role role)
{
	assert_int_equal(store_membership_put(f->s, panel, user, role, MEMBER_ACTIVE, T0 + 10),
	                 ST_OK);
}

static int64_t make_project(struct store_fx *f, int64_t panel, const char *title)
{
	struct project p = { .panel_id = panel, .title = title, .purpose = "Why",
	                     .decision_maker = "The board", .stage = STAGE_SHAPING };
	int64_t id = 0;
	assert_int_equal(store_project_create(f->s, &p, 0, T0, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static int64_t make_meeting(struct store_fx *f, int64_t panel, int64_t project, const char *title)
{
	int64_t starts = T0 + (int64_t)(++seq) * DAY;
	struct meeting m = { .panel_id = panel, .project_id = project, .title = title,
	                     .starts_at = starts, .ends_at = starts + 7200,
	                     .agenda_due_at = starts - 7 * DAY };
	int64_t id = 0;
	assert_int_equal(store_meeting_create(f->s, &m, 0, T0, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static int64_t contribute(struct store_fx *f, int64_t panel, int64_t project, int64_t meeting,
                          enum attribution attr, int64_t author)
{
	struct contribution_new c = {
		.panel_id = panel, .project_id = project, .meeting_id = meeting,
		.kind = KIND_IDEA, .body = arena_printf(&f->a, "Said %u", ++seq),
		.attribution = attr, .group_name = "", .author_id = author,
		.due_at = T0 + 28 * DAY,
	};
	int64_t id = 0;
	assert_int_equal(store_contribution_add(f->s, &c, T0 + 1, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static void attended(struct store_fx *f, int64_t meeting, int64_t user, bool yes)
{
	assert_int_equal(store_meeting_attended(f->s, meeting, user, yes, T0 + 20), ST_OK);
}

/* A 64-digit hex string, different for each n. */
static const char *sha_of(struct store_fx *f, unsigned n)
{
	return arena_printf(&f->a, "%08x%056x", 0xfeedbeefu, n);
}

static int64_t add_markdown(struct store_fx *f, int64_t meeting, const char *title, int64_t published,
                            int64_t now)
{
	struct paper p = { .meeting_id = meeting, .title = title,
	                   .summary = arena_printf(&f->a, "About %s", title),
	                   .markdown = arena_printf(&f->a, "# %s\n", title),
	                   .published_at = published };
	int64_t id = 0;
	assert_int_equal(store_paper_add(f->s, &p, 0, now, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static int64_t add_file(struct store_fx *f, int64_t meeting, const char *title, const char *sha,
                        int64_t now)
{
	struct paper p = { .meeting_id = meeting, .title = title, .summary = "A file",
	                   .is_file = true, .file_kind = FILE_PDF, .file_name = "paper.pdf",
	                   .file_size = 1234, .file_sha256 = sha };
	int64_t id = 0;
	assert_int_equal(store_paper_add(f->s, &p, 0, now, &id), ST_OK);
	assert_true(id > 0);
	return id;
}

static void check_paper(const struct paper *got, const struct paper *want)
{
	assert_int_equal(got->id, want->id);
	assert_int_equal(got->meeting_id, want->meeting_id);
	assert_int_equal(got->item_id, want->item_id);
	assert_string_equal(got->title, want->title);
	assert_string_equal(got->summary, want->summary);
	assert_string_equal(got->markdown, want->markdown);
	assert_int_equal(got->is_file, want->is_file);
	assert_int_equal(got->file_kind, want->file_kind);
	assert_string_equal(got->file_name, want->file_name);
	assert_string_equal(got->file_sha256, want->file_sha256);
	assert_int_equal(got->file_size, want->file_size);
	assert_int_equal(got->published_at, want->published_at);
	assert_int_equal(got->created_at, want->created_at);
	assert_int_equal(got->version, want->version);
	assert_string_equal(got->created_by_name, want->created_by_name);
	assert_string_equal(got->item_title, want->item_title);
}

static struct paper get_paper(struct store_fx *f, int64_t meeting, int64_t id)
{
	struct paper p;
	memset(&p, 0, sizeof p);
	assert_int_equal(store_paper_get(f->s, meeting, id, &f->a, &p), ST_OK);
	return p;
}

static void check_list(struct store_fx *f, int64_t meeting, bool drafts_too, const int64_t *want,
                       size_t nw)
{
	struct paper *l = NULL;
	size_t n = 99;
	assert_int_equal(store_papers_list(f->s, meeting, drafts_too, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, nw);
	for (size_t i = 0; i < n; i++) {
		if (l[i].id != want[i])
			fail_msg("papers of meeting %lld, place %zu: paper %lld, expected %lld",
			         (long long)meeting, i, (long long)l[i].id, (long long)want[i]);
		assert_int_equal(l[i].meeting_id, meeting);
		if (!drafts_too) assert_true(l[i].published_at > 0);
	}
}

/* ---- papers ---- */

static void papers_round_trip(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel");
	int64_t ann = make_user(f, "Ann Writer");
	int64_t m = make_meeting(f, p, 0, "One"), m2 = make_meeting(f, p, 0, "Two");
	int64_t item = 0;
	assert_int_equal(store_agenda_propose(f->s, m, "Buses", "They are late", "", ann, T0 + 1,
	                                      &item), ST_OK);

	/* Markdown, about one item, published at once */
	struct paper md = { .meeting_id = m, .item_id = item, .title = "Bus notes",
	                    .summary = "What the council said about buses",
	                    .markdown = "# Buses\n\n- late\n- *full* & \"crowded\"\n",
	                    .published_at = T0 + 200 };
	int64_t id_md = 0;
	assert_int_equal(store_paper_add(f->s, &md, ann, T0 + 100, &id_md), ST_OK);
	struct paper want = md;
	want.id = id_md;
	want.file_kind = FILE_UNKNOWN;
	want.file_name = "";
	want.file_sha256 = "";
	want.created_at = T0 + 100;
	want.version = 1;
	want.created_by_name = "Ann Writer";
	want.item_title = "Buses";
	struct paper got = get_paper(f, m, id_md);
	check_paper(&got, &want);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM papers WHERE id = %lld AND markdown IS "
	                            "NOT NULL AND file_kind IS NULL AND file_name IS NULL AND "
	                            "file_size IS NULL AND file_sha256 IS NULL",
	                         (long long)id_md), 1);

	/* another meeting's id, and no such paper */
	assert_int_equal(store_paper_get(f->s, m2, id_md, &f->a, &got), ST_NOT_FOUND);
	assert_int_equal(store_paper_get(f->s, m, id_md + 1000, &f->a, &got), ST_NOT_FOUND);

	/* a file of every kind, as drafts for the whole meeting, kept under
	 * core/filetype.h's keys */
	static const struct {
		enum file_kind kind;
		const char *key, *name;
	} kinds[] = {
		{ FILE_PDF, "pdf", "Minutes.pdf" },  { FILE_ODT, "odt", "Plan.odt" },
		{ FILE_DOCX, "docx", "Report.docx" }, { FILE_PNG, "png", "Map.png" },
		{ FILE_JPEG, "jpg", "Photo.jpg" },   { FILE_GIF, "gif", "Wave.gif" },
		{ FILE_WEBP, "webp", "Hall.webp" },
	};
	enum { NK = sizeof kinds / sizeof kinds[0] };
	int64_t ids[NK];
	for (size_t i = 0; i < NK; i++) {
		struct paper fp = {
			.meeting_id = m2, .title = arena_printf(&f->a, "File %zu", i),
			.summary = arena_printf(&f->a, "Summary %zu", i),
			.markdown = "not kept for a file", .is_file = true, .file_kind = kinds[i].kind,
			.file_name = kinds[i].name, .file_sha256 = sha_of(f, 100 + (unsigned)i),
			/* one above 2^32, to see 64 bits kept */
			.file_size = i == 3 ? INT64_C(5000000123) : 1000 + (int64_t)i * 12345,
		};
		int64_t creator = i % 2 ? 0 : ann;
		assert_int_equal(store_paper_add(f->s, &fp, creator, T0 + 300 + (int64_t)i, &ids[i]),
		                 ST_OK);
		struct paper w = fp;
		w.id = ids[i];
		w.markdown = "";
		w.created_at = T0 + 300 + (int64_t)i;
		w.version = 1;
		w.created_by_name = creator ? "Ann Writer" : "";
		w.item_title = "";
		got = get_paper(f, m2, ids[i]);
		check_paper(&got, &w);
		const char *stored = raw_value(f, arena_printf(&f->a,
			"SELECT file_kind FROM papers WHERE id = %lld", (long long)ids[i]));
		assert_non_null(stored);
		assert_string_equal(stored, kinds[i].key);
		assert_int_equal(store_paper_get(f->s, m, ids[i], &f->a, &got), ST_NOT_FOUND);
	}
	/* drafts have no publication time, files no Markdown, no item is NULL */
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM papers WHERE meeting_id = %lld AND "
	                            "published_at IS NULL AND markdown IS NULL AND item_id IS NULL",
	                         (long long)m2), NK);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM papers"), NK + 1);
}

static void papers_list_and_publish(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel");
	int64_t m = make_meeting(f, p, 0, "One"), m2 = make_meeting(f, p, 0, "Two");
	int64_t empty = make_meeting(f, p, 0, "Three");

	/* titles in reverse alphabetical order of their ids, publication times
	 * in another order still, so that only id order ("oldest first")
	 * passes */
	int64_t a = add_markdown(f, m, "Zebra", 0, T0 + 1);
	int64_t b = add_markdown(f, m, "Yak", T0 + 50, T0 + 2);
	int64_t e = add_markdown(f, m2, "Elsewhere", 0, T0 + 3);
	int64_t c = add_file(f, m, "Walrus", sha_of(f, 1), T0 + 4);
	int64_t d = add_markdown(f, m, "Vole", T0 + 5, T0 + 5);

	check_list(f, m, false, (int64_t[]){ b, d }, 2);
	check_list(f, m, true, (int64_t[]){ a, b, c, d }, 4);
	check_list(f, m2, false, NULL, 0);
	check_list(f, m2, true, (int64_t[]){ e }, 1);
	check_list(f, empty, true, NULL, 0);

	/* list rows carry the paper */
	struct paper *l = NULL;
	size_t n = 0;
	assert_int_equal(store_papers_list(f->s, m, true, &f->a, &l, &n), ST_OK);
	assert_int_equal(n, 4);
	assert_string_equal(l[0].title, "Zebra");
	assert_string_equal(l[0].summary, "About Zebra");
	assert_string_equal(l[0].markdown, "# Zebra\n");
	assert_int_equal(l[0].published_at, 0);
	assert_int_equal(l[1].published_at, T0 + 50);
	assert_true(l[2].is_file);
	assert_int_equal(l[2].file_kind, FILE_PDF);
	assert_string_equal(l[2].file_sha256, sha_of(f, 1));
	assert_string_equal(l[2].markdown, "");
	assert_int_equal(l[3].created_at, T0 + 5);

	/* publish a draft once */
	assert_int_equal(store_paper_publish(f->s, m, c, T0 + 60), ST_OK);
	struct paper got = get_paper(f, m, c);
	assert_int_equal(got.published_at, T0 + 60);
	assert_int_equal(got.version, 2);
	assert_int_equal(raw_i64(f, "SELECT updated_at FROM papers WHERE id = %lld", (long long)c),
	                 T0 + 60);
	/* a second time: not found, nothing changes */
	assert_int_equal(store_paper_publish(f->s, m, c, T0 + 70), ST_NOT_FOUND);
	got = get_paper(f, m, c);
	assert_int_equal(got.published_at, T0 + 60);
	assert_int_equal(got.version, 2);
	/* published when added */
	assert_int_equal(store_paper_publish(f->s, m, b, T0 + 70), ST_NOT_FOUND);
	got = get_paper(f, m, b);
	assert_int_equal(got.published_at, T0 + 50);
	assert_int_equal(got.version, 1);
	/* another meeting's draft, named under m: not found, still a draft */
	assert_int_equal(store_paper_publish(f->s, m, e, T0 + 70), ST_NOT_FOUND);
	got = get_paper(f, m2, e);
	assert_int_equal(got.published_at, 0);
	assert_int_equal(got.version, 1);
	assert_int_equal(store_paper_publish(f->s, m, e + 1000, T0 + 70), ST_NOT_FOUND);

	/* published later than d, c still comes before it: oldest first */
	check_list(f, m, false, (int64_t[]){ b, c, d }, 3);

	/* every draft of m, none of m2's */
	assert_int_equal(store_papers_publish_drafts(f->s, m, T0 + 80), ST_OK);
	int64_t want_pub[] = { T0 + 80, T0 + 50, T0 + 60, T0 + 5 };
	int64_t want_ver[] = { 2, 1, 2, 1 };
	int64_t ids[] = { a, b, c, d };
	for (size_t i = 0; i < 4; i++) {
		got = get_paper(f, m, ids[i]);
		assert_int_equal(got.published_at, want_pub[i]);
		assert_int_equal(got.version, want_ver[i]);
	}
	check_list(f, m, false, ids, 4);
	got = get_paper(f, m2, e);
	assert_int_equal(got.published_at, 0);
	assert_int_equal(got.version, 1);
	check_list(f, m2, false, NULL, 0);
	/* nothing left to publish is not an error */
	assert_int_equal(store_papers_publish_drafts(f->s, m, T0 + 90), ST_OK);
	assert_int_equal(store_paper_publish(f->s, m, a, T0 + 90), ST_NOT_FOUND);
	assert_int_equal(get_paper(f, m, a).published_at, T0 + 80);
}

static void agenda_publish_publishes_drafts(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel");
	int64_t u = make_user(f, "Ann");
	int64_t m = make_meeting(f, p, 0, "One"), m2 = make_meeting(f, p, 0, "Two");
	int64_t i = 0, j = 0;
	assert_int_equal(store_agenda_propose(f->s, m, "Buses", "", "", u, T0 + 1, &i), ST_OK);
	assert_int_equal(store_agenda_propose(f->s, m2, "Parks", "", "", u, T0 + 1, &j), ST_OK);
	int64_t d1 = add_markdown(f, m, "Draft one", 0, T0 + 2);
	int64_t pub = add_markdown(f, m, "Out already", T0 + 3, T0 + 3);
	int64_t d2 = add_file(f, m, "Draft two", sha_of(f, 7), T0 + 4);
	int64_t other = add_markdown(f, m2, "Other draft", 0, T0 + 5);

	/* refused (an item of another meeting): the drafts stay drafts */
	struct agenda_decision bad[] = { { i, ITEM_AGREED, 1, NULL }, { j, ITEM_AGREED, 2, NULL } };
	assert_int_equal(store_agenda_publish(f->s, m, bad, 2, T0 + 30), ST_NOT_FOUND);
	assert_int_equal(get_paper(f, m, d1).published_at, 0);
	assert_int_equal(get_paper(f, m, d2).published_at, 0);
	check_list(f, m, false, (int64_t[]){ pub }, 1);

	struct agenda_decision good[] = { { i, ITEM_AGREED, 1, NULL } };
	assert_int_equal(store_agenda_publish(f->s, m, good, 1, T0 + 40), ST_OK);
	struct paper got = get_paper(f, m, d1);
	assert_int_equal(got.published_at, T0 + 40);
	assert_int_equal(got.version, 2);
	got = get_paper(f, m, d2);
	assert_int_equal(got.published_at, T0 + 40);
	assert_int_equal(got.version, 2);
	got = get_paper(f, m, pub);
	assert_int_equal(got.published_at, T0 + 3);
	assert_int_equal(got.version, 1);
	check_list(f, m, false, (int64_t[]){ d1, pub, d2 }, 3);
	/* the other meeting's draft is untouched */
	got = get_paper(f, m2, other);
	assert_int_equal(got.published_at, 0);
	assert_int_equal(got.version, 1);
	check_list(f, m2, false, NULL, 0);
}

static void remove_one(struct store_fx *f, int64_t meeting, int64_t id, enum store_rc want_rc,
                       int64_t want_left)
{
	int64_t left = 99;
	const char *sha;
	assert_int_equal(store_paper_remove(f->s, meeting, id, &f->a, &sha, &left), want_rc);
	assert_int_equal(left, want_left);
}

static void papers_remove(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel");
	int64_t m = make_meeting(f, p, 0, "One"), m2 = make_meeting(f, p, 0, "Two");
	const char *shared = sha_of(f, 42), *alone = sha_of(f, 43);
	int64_t md = add_markdown(f, m, "Notes", T0 + 1, T0 + 1);
	int64_t f1 = add_file(f, m, "Copy one", shared, T0 + 2);
	int64_t f2 = add_file(f, m2, "Copy two", shared, T0 + 3);
	int64_t f3 = add_file(f, m, "Copy three", shared, T0 + 4);
	int64_t solo = add_file(f, m2, "Alone", alone, T0 + 5);
	struct paper got;

	/* Markdown: -1 */
	remove_one(f, m, md, ST_OK, -1);
	assert_int_equal(store_paper_get(f->s, m, md, &f->a, &got), ST_NOT_FOUND);
	remove_one(f, m, md, ST_NOT_FOUND, -1);

	/* another meeting's paper: not found, still there */
	remove_one(f, m, f2, ST_NOT_FOUND, -1);
	assert_int_equal(get_paper(f, m2, f2).id, f2);
	remove_one(f, m, f2 + 1000, ST_NOT_FOUND, -1);

	/* the same file in three papers (two meetings): 2, 1, then 0 */
	remove_one(f, m, f1, ST_OK, 2);
	assert_int_equal(store_paper_get(f->s, m, f1, &f->a, &got), ST_NOT_FOUND);
	remove_one(f, m2, f2, ST_OK, 1);
	remove_one(f, m, f3, ST_OK, 0);
	remove_one(f, m, f3, ST_NOT_FOUND, -1);
	/* a file no other paper holds */
	remove_one(f, m2, solo, ST_OK, 0);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM papers"), 0);
}

/* ---- reflections ---- */

static struct reflection refl(int heard, enum yes_partly_no info, enum yes_partly_no safe,
                              const char *text, bool named)
{
	struct reflection r = { .felt_heard = heard, .info_in_time = info, .felt_safe = safe,
	                        .should_change = text, .named = named };
	return r;
}

static void reflections_once_and_anonymous(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel");
	int64_t m = make_meeting(f, p, 0, "One"), m2 = make_meeting(f, p, 0, "Two");
	int64_t anon = make_user(f, "Ann Anonymous"), named = make_user(f, "Ben Named"),
	        quiet = make_user(f, "Cat Quiet");

	assert_false(store_reflection_done(f->s, m, anon));
	struct reflection r = refl(4, YPN_YES, YPN_PARTLY, "Shorter", false);
	assert_int_equal(store_reflection_add(f->s, m, anon, &r), ST_OK);
	assert_true(store_reflection_done(f->s, m, anon));
	assert_false(store_reflection_done(f->s, m2, anon));
	assert_false(store_reflection_done(f->s, m, quiet));

	/* a second answer: refused, nothing changed */
	struct reflection again = refl(1, YPN_NO, YPN_NO, "Changed my mind", true);
	assert_int_equal(store_reflection_add(f->s, m, anon, &again), ST_CONFLICT);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM reflections"), 1);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM reflection_done"), 1);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM reflections WHERE meeting_id = %lld AND "
	                            "user_id IS NULL AND felt_heard = 4 AND info_in_time = 'yes' "
	                            "AND felt_safe = 'partly' AND should_change = 'Shorter'",
	                         (long long)m), 1);
	assert_true(store_reflection_done(f->s, m, anon));

	/* the same person may answer for another meeting */
	struct reflection r2 = refl(2, YPN_PARTLY, YPN_NO, NULL, false);
	assert_int_equal(store_reflection_add(f->s, m2, anon, &r2), ST_OK);
	assert_true(store_reflection_done(f->s, m2, anon));

	struct reflection rn = refl(5, YPN_NO, YPN_YES, "Name me", true);
	assert_int_equal(store_reflection_add(f->s, m, named, &rn), ST_OK);
	assert_true(store_reflection_done(f->s, m, named));
	assert_int_equal(store_reflection_add(f->s, m, named, &rn), ST_CONFLICT);

	/* anonymous ones store no user; named ones keep theirs */
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM reflections WHERE user_id IS NULL"), 2);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM reflections WHERE user_id = %lld",
	                         (long long)anon), 0);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM reflections WHERE meeting_id = %lld AND "
	                            "user_id = %lld AND felt_heard = 5 AND info_in_time = 'no' AND "
	                            "felt_safe = 'yes' AND should_change = 'Name me'",
	                         (long long)m, (long long)named), 1);
	/* no comment is kept as the empty text */
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM reflections WHERE meeting_id = %lld AND "
	                            "should_change = '' AND felt_heard = 2 AND info_in_time = "
	                            "'partly' AND felt_safe = 'no'", (long long)m2), 1);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM reflections"), 3);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM reflection_done"), 3);
	assert_false(store_reflection_done(f->s, m2, named));
	assert_false(store_reflection_done(f->s, m, quiet));
}

/* One answer in the summary test: meeting and person by index. */
struct answer {
	int meeting, person;
	bool named;
	int heard;
	enum yes_partly_no info, safe;
	const char *text;
};

struct expected {
	int64_t answers, released, sum, info[3], safe[3];
	struct reflection_comment c[32];
	size_t nc;
};

static int cmp_comment(const void *x, const void *y)
{
	const struct reflection_comment *a = x, *b = y;
	int r = strcmp(a->text, b->text);
	return r ? r : strcmp(a->name, b->name);
}

/* What the summary of one meeting (of_project false) or one project should
 * hold, from the answers given: ans[0..n) (in the order given) on meetings
 * whose project (by index, -1 none) is proj[meeting]. The release rule,
 * worked out here on its own: of each meeting's answers, the first whole
 * groups of five count; the rest are only counted in `answers`. */
static struct expected expect(const struct answer *ans, size_t n, const int *proj,
                              const char *const *names, bool of_project, int key)
{
	struct expected e;
	memset(&e, 0, sizeof e);
	int per_meeting[16] = { 0 }, seen[16] = { 0 };
	for (size_t i = 0; i < n; i++) per_meeting[ans[i].meeting]++;
	for (size_t i = 0; i < n; i++) {
		int m = ans[i].meeting;
		int rank = ++seen[m];
		if ((of_project ? proj[m] : m) != key) continue;
		e.answers++;
		if (rank > per_meeting[m] - per_meeting[m] % 5) continue;
		e.released++;
		e.sum += ans[i].heard;
		e.info[ans[i].info]++;
		e.safe[ans[i].safe]++;
		if (*ans[i].text) {
			assert_true(e.nc < sizeof e.c / sizeof e.c[0]);
			e.c[e.nc].text = ans[i].text;
			e.c[e.nc].name = ans[i].named ? names[ans[i].person] : "";
			e.nc++;
		}
	}
	qsort(e.c, e.nc, sizeof e.c[0], cmp_comment);
	return e;
}

static void check_summary(struct store_fx *f, bool of_project, int64_t key, const struct expected *e)
{
	struct reflection_summary s;
	memset(&s, 0x5a, sizeof s);
	assert_int_equal(store_reflections_summary(f->s, of_project, key, &f->a, &s), ST_OK);
	assert_int_equal(s.answers, e->answers);
	assert_int_equal(s.released, e->released);
	if (!e->released) {
		/* nothing but the count leaves the store */
		assert_int_equal(s.felt_heard_sum, 0);
		for (int i = 0; i < 3; i++) {
			assert_int_equal(s.info_in_time[i], 0);
			assert_int_equal(s.felt_safe[i], 0);
		}
		assert_int_equal(s.ncomments, 0);
		return;
	}
	assert_int_equal(s.felt_heard_sum, e->sum);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s.info_in_time[i], e->info[i]);
		assert_int_equal(s.felt_safe[i], e->safe[i]);
	}
	assert_int_equal(s.ncomments, e->nc);
	for (size_t i = 0; i < e->nc; i++) {
		if (strcmp(s.comments[i].text, e->c[i].text) || strcmp(s.comments[i].name, e->c[i].name))
			fail_msg("comment %zu: \"%s\" by \"%s\", expected \"%s\" by \"%s\"", i,
			         s.comments[i].text, s.comments[i].name, e->c[i].text, e->c[i].name);
	}
}

static void reflections_summary(void **state)
{
	struct store_fx *f = *state;
	/* the answers below are laid out around this threshold */
	assert_int_equal(REFLECTION_MIN_ANSWERS, 5);
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	/* projects: 0 P, 1 Q (another panel), 2 R */
	int64_t projects[] = { make_project(f, p, "P"), make_project(f, q, "Q"),
	                       make_project(f, p, "R") };
	/* meetings: 0 and 1 of P, 2 of Q, 3 of R, 4 of none, 5 with no answers */
	int proj[] = { 0, 0, 1, 2, -1, 0 };
	enum { NM = sizeof proj / sizeof proj[0] };
	int64_t meetings[NM];
	for (int i = 0; i < NM; i++)
		meetings[i] = make_meeting(f, proj[i] == 1 ? q : p,
		                           proj[i] < 0 ? 0 : projects[proj[i]],
		                           arena_printf(&f->a, "Meeting %d", i));
	static const char *const names[] = { "Ann", "Ben", "Cat", "Dee", "Eve", "Fay",
	                                     "Gus", "Hal", "Ida", "Jon", "Kim", "Lou" };
	enum { NP = sizeof names / sizeof names[0] };
	int64_t people[NP];
	for (int i = 0; i < NP; i++) people[i] = make_user(f, names[i]);

	/* Texts given out of order; a text three give (two without a name, one
	 * with); empty texts that are no comment; named people with no text. */
	static const struct answer ans[] = {
		/* meeting 0 (P): 4 answers first */
		{ 0, 0, true, 5, YPN_YES, YPN_YES, "More breaks" },
		{ 0, 1, false, 2, YPN_NO, YPN_PARTLY, "Quieter room" },
		{ 0, 2, true, 3, YPN_PARTLY, YPN_NO, "" },
		{ 0, 3, false, 4, YPN_YES, YPN_YES, "Agenda sooner" },
		/* meeting 1 (P): 3 */
		{ 1, 0, true, 1, YPN_NO, YPN_NO, "Loop for hearing aids" },
		{ 1, 4, false, 5, YPN_PARTLY, YPN_YES, "Agenda sooner" },
		{ 1, 5, true, 2, YPN_YES, YPN_NO, "Agenda sooner" },
		/* meeting 2 (Q): exactly 5 */
		{ 2, 6, false, 1, YPN_NO, YPN_NO, "Zoom link worked badly" },
		{ 2, 7, true, 2, YPN_NO, YPN_PARTLY, "Bring the minutes" },
		{ 2, 8, false, 3, YPN_PARTLY, YPN_PARTLY, "" },
		{ 2, 9, true, 4, YPN_YES, YPN_PARTLY, "Crèche, please" },
		{ 2, 0, true, 5, YPN_YES, YPN_YES, "" },
		/* meeting 3 (R): 3 */
		{ 3, 1, false, 1, YPN_YES, YPN_NO, "Start later" },
		{ 3, 2, true, 2, YPN_NO, YPN_YES, "Warmer hall" },
		{ 3, 3, false, 3, YPN_PARTLY, YPN_PARTLY, "" },
		/* meeting 4 (no project): 6 */
		{ 4, 4, true, 4, YPN_YES, YPN_NO, "Tea" },
		{ 4, 5, false, 5, YPN_NO, YPN_NO, "Biscuits" },
		{ 4, 6, true, 1, YPN_PARTLY, YPN_YES, "Tea" },
		{ 4, 7, false, 2, YPN_YES, YPN_YES, "" },
		{ 4, 8, false, 3, YPN_YES, YPN_PARTLY, "Name badges" },
		{ 4, 9, true, 4, YPN_NO, YPN_PARTLY, "Access ramp" },
		/* later: the fifth answer on meeting 0 */
		{ 0, 10, true, 2, YPN_PARTLY, YPN_NO, "Hearing loop" },
	};
	enum { NA = sizeof ans / sizeof ans[0], FIRST = NA - 1 };
	for (size_t i = 0; i < FIRST; i++) {
		struct reflection r = refl(ans[i].heard, ans[i].info, ans[i].safe, ans[i].text,
		                           ans[i].named);
		assert_int_equal(store_reflection_add(f->s, meetings[ans[i].meeting],
		                                      people[ans[i].person], &r), ST_OK);
	}

	struct expected e;
	/* meeting 0, 4 answers: only the count (though the answers have sums
	 * and comments to leak) */
	e = expect(ans, FIRST, proj, names, false, 0);
	assert_int_equal(e.answers, 4);
	assert_int_equal(e.released, 0); /* though the answers have sums and comments to leak */
	check_summary(f, false, meetings[0], &e);
	e = expect(ans, FIRST, proj, names, false, 1);
	assert_int_equal(e.answers, 3);
	check_summary(f, false, meetings[1], &e);
	/* project P: 7 answers over its two meetings, nothing of Q's or R's;
	 * none counts, as neither meeting has five (issue 17, point 1: shown
	 * before, the project's figures less one meeting's gave the other's) */
	e = expect(ans, FIRST, proj, names, true, 0);
	assert_int_equal(e.answers, 7);
	assert_int_equal(e.released, 0);
	check_summary(f, true, projects[0], &e);
	/* meeting 2 and project Q: exactly at the threshold */
	e = expect(ans, FIRST, proj, names, false, 2);
	assert_int_equal(e.answers, 5);
	check_summary(f, false, meetings[2], &e);
	e = expect(ans, FIRST, proj, names, true, 1);
	check_summary(f, true, projects[1], &e);
	/* project R below */
	e = expect(ans, FIRST, proj, names, true, 2);
	assert_int_equal(e.answers, 3);
	assert_int_equal(e.released, 0); /* though the answers have sums and comments to leak */
	check_summary(f, true, projects[2], &e);
	/* a meeting of no project */
	e = expect(ans, FIRST, proj, names, false, 4);
	assert_int_equal(e.answers, 6);
	assert_int_equal(e.released, 5); /* the sixth waits for four more */
	check_summary(f, false, meetings[4], &e);
	/* none at all */
	e = expect(ans, FIRST, proj, names, false, 5);
	assert_int_equal(e.answers, 0);
	check_summary(f, false, meetings[5], &e);
	check_summary(f, true, projects[2] + 1000, &e);
	check_summary(f, false, meetings[5] + 1000, &e);

	/* the fifth answer on meeting 0 brings it to the threshold */
	struct reflection r = refl(ans[FIRST].heard, ans[FIRST].info, ans[FIRST].safe,
	                           ans[FIRST].text, ans[FIRST].named);
	assert_int_equal(store_reflection_add(f->s, meetings[0], people[ans[FIRST].person], &r),
	                 ST_OK);
	e = expect(ans, NA, proj, names, false, 0);
	assert_int_equal(e.answers, 5);
	check_summary(f, false, meetings[0], &e);
	e = expect(ans, NA, proj, names, true, 0);
	assert_int_equal(e.answers, 8);
	assert_int_equal(e.released, 5); /* meeting 0's five; meeting 1's three wait */
	check_summary(f, true, projects[0], &e);
	e = expect(ans, NA, proj, names, false, 1);
	check_summary(f, false, meetings[1], &e);
}

/* ---- what we will change, closing a project ---- */

static size_t notices_of(struct store_fx *f, int64_t user, struct notice **out)
{
	size_t n = 99;
	*out = NULL;
	assert_int_equal(store_notices_list(f->s, user, 100, &f->a, out, &n), ST_OK);
	return n;
}

static void check_notices(struct store_fx *f, int64_t user, size_t want, int64_t panel,
                          const char *body, const char *link, int64_t at)
{
	struct notice *l;
	size_t n = notices_of(f, user, &l);
	if (n != want)
		fail_msg("user %lld has %zu notices, expected %zu", (long long)user, n, want);
	if (!n) return;
	assert_int_equal(l[0].panel_id, panel);
	assert_string_equal(l[0].body, body);
	assert_string_equal(l[0].link, link);
	assert_int_equal(l[0].created_at, at);
	assert_int_equal(l[0].read_at, 0);
}

static void what_we_will_change(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	int64_t by = make_user(f, "Ann Steward"), a1 = make_user(f, "Ben"),
	        a2 = make_user(f, "Cat"), absent = make_user(f, "Dee Absent"),
	        replied = make_user(f, "Eve Replied"), elsewhere = make_user(f, "Fay Elsewhere"),
	        nobody = make_user(f, "Gus Nobody");
	int64_t all[] = { by, a1, a2, absent, replied, elsewhere, nobody };
	join(f, p, by, ROLE_STEWARD);
	for (size_t i = 1; i < 6; i++) join(f, p, all[i], ROLE_CO_CREATOR);
	int64_t m = make_meeting(f, p, 0, "One"), m2 = make_meeting(f, p, 0, "Two");
	attended(f, m, by, true);
	attended(f, m, a1, true);
	assert_int_equal(store_meeting_reply(f->s, m, a2, REPLY_COMING, T0 + 15), ST_OK);
	attended(f, m, a2, true);
	attended(f, m, absent, true);
	attended(f, m, absent, false);
	assert_int_equal(store_meeting_reply(f->s, m, replied, REPLY_COMING, T0 + 15), ST_OK);
	attended(f, m2, elsewhere, true);

	struct meeting mt;
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &mt), ST_OK);
	int64_t v0 = mt.version;

	assert_int_equal(store_meeting_what_we_will_change(f->s, p, m, "Longer breaks",
	                                                   "They answered", "/panels/1/m", by,
	                                                   T0 + 100), ST_OK);
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &mt), ST_OK);
	assert_string_equal(mt.what_we_will_change, "Longer breaks");
	assert_int_equal(mt.version, v0 + 1);
	assert_int_equal(mt.updated_at, T0 + 100);
	/* the attendees but `by`; not the absent, those who only replied, those
	 * at another meeting */
	check_notices(f, a1, 1, p, "They answered", "/panels/1/m", T0 + 100);
	check_notices(f, a2, 1, p, "They answered", "/panels/1/m", T0 + 100);
	for (size_t i = 0; i < 7; i++)
		if (all[i] != a1 && all[i] != a2) check_notices(f, all[i], 0, 0, "", "", 0);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM notices"), 2);
	/* the other meeting's text is untouched */
	assert_int_equal(store_meeting_get(f->s, p, m2, &f->a, &mt), ST_OK);
	assert_string_equal(mt.what_we_will_change, "");

	/* another panel's id: not found, nothing changes */
	assert_int_equal(store_meeting_what_we_will_change(f->s, q, m, "Sneaky", "Sneaky notice",
	                                                   "/x", by, T0 + 200), ST_NOT_FOUND);
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &mt), ST_OK);
	assert_string_equal(mt.what_we_will_change, "Longer breaks");
	assert_int_equal(mt.version, v0 + 1);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM notices"), 2);
	assert_int_equal(store_meeting_what_we_will_change(f->s, p, m2 + 1000, "None", "None",
	                                                   "/x", by, T0 + 200), ST_NOT_FOUND);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM notices"), 2);

	/* emptied: saved, no notice */
	assert_int_equal(store_meeting_what_we_will_change(f->s, p, m, "", "Emptied", "/y", by,
	                                                   T0 + 300), ST_OK);
	assert_int_equal(store_meeting_get(f->s, p, m, &f->a, &mt), ST_OK);
	assert_string_equal(mt.what_we_will_change, "");
	assert_int_equal(mt.version, v0 + 2);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM notices"), 2);
	check_notices(f, a1, 1, p, "They answered", "/panels/1/m", T0 + 100);

	/* written again by someone else: `by` now hears, the writer does not */
	assert_int_equal(store_meeting_what_we_will_change(f->s, p, m, "Hearing loop",
	                                                   "Answered again", "/z", a1, T0 + 400),
	                 ST_OK);
	check_notices(f, by, 1, p, "Answered again", "/z", T0 + 400);
	check_notices(f, a1, 1, p, "They answered", "/panels/1/m", T0 + 100);
	check_notices(f, a2, 2, p, "Answered again", "/z", T0 + 400);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM notices"), 4);
}

static void project_close(void **state)
{
	struct store_fx *f = *state;
	int64_t p = make_panel(f, "Panel"), q = make_panel(f, "Other panel");
	int64_t by = make_user(f, "Ann Steward"), att = make_user(f, "Ben Attended"),
	        both = make_user(f, "Cat Both"), anon = make_user(f, "Dee Anonymous"),
	        named = make_user(f, "Eve Named"), absent = make_user(f, "Fay Absent"),
	        replied = make_user(f, "Gus Replied"), other = make_user(f, "Hal Other project"),
	        panel_only = make_user(f, "Ida Panel only"), far = make_user(f, "Jon Other panel"),
	        guest = make_user(f, "Kim Guest"), outsider = make_user(f, "Lou Outsider");
	int64_t everyone[] = { by,    att,        both, anon,  named,   absent,
	                       replied, other, panel_only, guest, outsider, far };
	enum { NE = sizeof everyone / sizeof everyone[0] };
	join(f, p, by, ROLE_STEWARD);
	for (size_t i = 1; i < 9; i++) join(f, p, everyone[i], ROLE_CO_CREATOR);
	join(f, p, guest, ROLE_GUEST);
	join(f, q, far, ROLE_STEWARD);

	int64_t pr = make_project(f, p, "Buses"), pr2 = make_project(f, p, "Parks"),
	        qr = make_project(f, q, "Elsewhere");
	int64_t m1 = make_meeting(f, p, pr, "Buses one"), m2 = make_meeting(f, p, pr, "Buses two"),
	        m3 = make_meeting(f, p, pr2, "Parks one"), m4 = make_meeting(f, p, 0, "Loose"),
	        mq = make_meeting(f, q, qr, "Far away");

	attended(f, m1, by, true);
	attended(f, m1, att, true);
	attended(f, m2, both, true);
	attended(f, m1, both, true);
	contribute(f, p, pr, m2, ATTR_NAMED, both);
	contribute(f, p, pr, 0, ATTR_ANONYMOUS, anon);
	contribute(f, p, pr, 0, ATTR_ANONYMOUS, anon);
	contribute(f, p, pr, m1, ATTR_NAMED, named);
	contribute(f, p, pr, 0, ATTR_NAMED, by);
	attended(f, m1, absent, false);
	assert_int_equal(store_meeting_reply(f->s, m2, replied, REPLY_COMING, T0 + 15), ST_OK);
	attended(f, m3, other, true);
	contribute(f, p, pr2, m3, ATTR_NAMED, other);
	attended(f, m4, panel_only, true);
	contribute(f, p, 0, m4, ATTR_NAMED, panel_only);
	attended(f, mq, far, true);
	contribute(f, q, qr, mq, ATTR_NAMED, far);
	/* took part but cannot read the project: a guest of the panel (projects
	 * are not shown to guests), someone not on it at all */
	assert_int_equal(store_meeting_guest_set(f->s, m1, guest, true, T0 + 12, NULL), ST_OK);
	attended(f, m1, guest, true);
	contribute(f, p, pr, m1, ATTR_NAMED, guest);
	attended(f, m2, outsider, true);
	contribute(f, p, pr, 0, ATTR_ANONYMOUS, outsider);

	struct project pj;
	assert_int_equal(store_project_get(f->s, p, pr, &f->a, &pj), ST_OK);
	int64_t v0 = pj.version;
	assert_int_equal(pj.closed_at, 0);

	/* another panel's id, and no such project: nothing changes */
	assert_int_equal(store_project_close(f->s, q, pr, "Wrong", "Wrong", "/w", far, T0 + 100),
	                 ST_NOT_FOUND);
	assert_int_equal(store_project_close(f->s, p, qr, "Wrong", "Wrong", "/w", by, T0 + 100),
	                 ST_NOT_FOUND);
	assert_int_equal(store_project_close(f->s, p, qr + 1000, "Wrong", "Wrong", "/w", by,
	                                     T0 + 100), ST_NOT_FOUND);
	assert_int_equal(store_project_get(f->s, p, pr, &f->a, &pj), ST_OK);
	assert_int_equal(pj.closed_at, 0);
	assert_string_equal(pj.closing_reflection, "");
	assert_int_equal(pj.version, v0);
	assert_int_equal(store_project_get(f->s, q, qr, &f->a, &pj), ST_OK);
	assert_int_equal(pj.closed_at, 0);
	assert_string_equal(pj.closing_reflection, "");
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM notices"), 0);

	assert_int_equal(store_project_close(f->s, p, pr, "## What we learned\n\nA lot.",
	                                     "Buses closed", "/panels/1/projects/1", by, T0 + 500),
	                 ST_OK);
	assert_int_equal(store_project_get(f->s, p, pr, &f->a, &pj), ST_OK);
	assert_string_equal(pj.closing_reflection, "## What we learned\n\nA lot.");
	assert_int_equal(pj.closed_at, T0 + 500);
	assert_int_equal(pj.version, v0 + 1);
	assert_int_equal(pj.updated_at, T0 + 500);

	/* who took part and may read the project, each once, not `by`:
	 * attended a meeting of the project, contributed to it (named or not),
	 * or both; not the guest or the outsider */
	int64_t took_part[] = { att, both, anon, named };
	for (size_t i = 0; i < NE; i++) {
		bool want = false;
		for (size_t k = 0; k < sizeof took_part / sizeof took_part[0]; k++)
			want = want || took_part[k] == everyone[i];
		check_notices(f, everyone[i], want ? 1 : 0, p, "Buses closed", "/panels/1/projects/1",
		              T0 + 500);
	}
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM notices"), 4);
	/* the other projects stay open */
	assert_int_equal(store_project_get(f->s, p, pr2, &f->a, &pj), ST_OK);
	assert_int_equal(pj.closed_at, 0);
	assert_int_equal(store_project_get(f->s, q, qr, &f->a, &pj), ST_OK);
	assert_int_equal(pj.closed_at, 0);

	/* closed again (a better reflection): saved, closed_at kept */
	assert_int_equal(store_project_close(f->s, p, pr, "Second thoughts", "Buses closed again",
	                                     "/again", both, T0 + 900), ST_OK);
	assert_int_equal(store_project_get(f->s, p, pr, &f->a, &pj), ST_OK);
	assert_string_equal(pj.closing_reflection, "Second thoughts");
	assert_int_equal(pj.closed_at, T0 + 500);
	assert_int_equal(pj.version, v0 + 2);
	assert_int_equal(pj.updated_at, T0 + 900);
	/* this time `by` (both) hears nothing new and Ann (who attended) does */
	check_notices(f, by, 1, p, "Buses closed again", "/again", T0 + 900);
	check_notices(f, both, 1, p, "Buses closed", "/panels/1/projects/1", T0 + 500);
	check_notices(f, att, 2, p, "Buses closed again", "/again", T0 + 900);
	check_notices(f, anon, 2, p, "Buses closed again", "/again", T0 + 900);
	check_notices(f, named, 2, p, "Buses closed again", "/again", T0 + 900);
	assert_int_equal(raw_i64(f, "SELECT COUNT(*) FROM notices"), 8);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(papers_round_trip),
		T(papers_list_and_publish),
		T(agenda_publish_publishes_drafts),
		T(papers_remove),
		T(reflections_once_and_anonymous),
		T(reflections_summary),
		T(what_we_will_change),
		T(project_close),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
