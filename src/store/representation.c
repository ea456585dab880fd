/* The store's operations for "who isn't here?" (store.h): a panel's
 * groups and targets, members' choice of group, the answers that may be
 * counted, and the ledger of figures shown. */
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"

#define GROUP_COLUMNS                                                              \
	"id, panel_id, characteristic, COALESCE(answer, ''), label, unit, "        \
	"COALESCE(target_min, -1), COALESCE(target_max, -1), "                     \
	"COALESCE(reference_permille, -1), reference_source, "                     \
	"COALESCE(reference_day, 0), version"

/* Members a panel's figures count: active co-creators and stewards with
 * an active account (u: users, m: memberships). */
#define COUNTED "u.status = 'active' AND m.role IN ('co_creator', 'steward') AND m.status = 'active'"

#define STMTS(X)                                                                          \
	X(GROUPS, "SELECT " GROUP_COLUMNS " FROM representation_groups WHERE panel_id = $1 "  \
	          "ORDER BY characteristic, id")                                              \
	X(GROUP_INSERT, "INSERT INTO representation_groups (panel_id, characteristic, "        \
	                "answer, label, unit, target_min, target_max, reference_permille, "      \
	                "reference_source, reference_day, created_at, updated_at) VALUES "       \
	                "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id")      \
	X(GROUP_UPDATE, "UPDATE representation_groups SET label = $4, unit = $5, "             \
	                "target_min = $6, target_max = $7, reference_permille = $8, "            \
	                "reference_source = $9, reference_day = $10, updated_at = $11, "         \
	                "version = version + 1 WHERE id = $12 AND panel_id = $1 AND "           \
	                "characteristic = $2 AND COALESCE(answer, '') = COALESCE($3, '') AND "   \
	                "version = $13")                                                         \
	X(GROUP_EXISTS, "SELECT COUNT(*) FROM representation_groups WHERE id = $1")             \
	X(GROUP_DELETE, "DELETE FROM representation_groups WHERE panel_id = $1 AND id = $2")   \
	X(CHOICES, "SELECT characteristic, group_id FROM representation_choices "              \
	           "WHERE panel_id = $1 AND user_id = $2 ORDER BY characteristic")             \
	X(CHOICE_SET, "INSERT INTO representation_choices (panel_id, user_id, characteristic, " \
	              "group_id, updated_at) SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 "  \
	              "FROM representation_groups g WHERE g.id = $4 AND g.panel_id = $1 AND "   \
	              "g.characteristic = $3 AND g.answer IS NULL) ON CONFLICT (panel_id, "     \
	              "user_id, characteristic) DO UPDATE SET group_id = excluded.group_id, "   \
	              "updated_at = excluded.updated_at")                                       \
	X(CHOICE_CLEAR, "DELETE FROM representation_choices WHERE panel_id = $1 AND "          \
	                "user_id = $2 AND characteristic = $3")                                  \
	X(FORGET, "DELETE FROM representation_choices WHERE user_id = $1 AND "                  \
	          "characteristic = $2")                                                        \
	/* The one place answers are read for counting: a profile answer joins  \
	 * only while the latest consent for its purpose is "given". */          \
	X(ANSWERS, "SELECT m.user_id, COALESCE(pv.field, ''), COALESCE(pv.value, ''), "        \
	           "COALESCE(rc.group_id, 0) FROM memberships m "                              \
	           "JOIN users u ON u.id = m.user_id "                                         \
	           "LEFT JOIN profile_values pv ON pv.user_id = m.user_id AND "                \
	           "pv.field IN (" REP_FIELDS_SQL ") AND "                                      \
	           "(SELECT c.state FROM consents c WHERE c.user_id = m.user_id AND "          \
	           "c.purpose = 'representation.' || pv.field ORDER BY c.id DESC LIMIT 1) "    \
	           "= 'given' "                                                                \
	           "LEFT JOIN representation_choices rc ON rc.panel_id = m.panel_id AND "      \
	           "rc.user_id = m.user_id AND rc.characteristic = pv.field "                  \
	           "WHERE m.panel_id = $1 AND " COUNTED " ORDER BY m.user_id, pv.field")       \
	X(MEETINGS, "SELECT mt.id, mt.starts_at, mt.title FROM meetings mt WHERE "             \
	            "mt.panel_id = $1 AND mt.starts_at <= $2 AND mt.cancelled_at IS NULL AND " \
	            "EXISTS (SELECT 1 FROM meeting_replies r WHERE r.meeting_id = mt.id AND "  \
	            "r.attended IS NOT NULL) ORDER BY mt.starts_at DESC, mt.id DESC LIMIT $3") \
	X(ATTENDED, "SELECT r.user_id FROM meeting_replies r "                                 \
	            "JOIN meetings mt ON mt.id = r.meeting_id "                                \
	            "JOIN memberships m ON m.panel_id = mt.panel_id AND m.user_id = r.user_id " \
	            "JOIN users u ON u.id = r.user_id "                                        \
	            "WHERE r.meeting_id = $1 AND r.attended = 1 AND " COUNTED                 \
	            " ORDER BY r.user_id")                                                     \
	X(LATEST, "SELECT characteristic, figure, publication, COALESCE(n, -1), "              \
	          "support_hash, released_at FROM representation_releases r "                  \
	          "WHERE panel_id = $1 AND publication = (SELECT MAX(publication) FROM "       \
	          "representation_releases x WHERE x.panel_id = r.panel_id AND "              \
	          "x.characteristic = r.characteristic) ORDER BY characteristic, id")          \
	X(HISTORY, "SELECT characteristic, figure, publication, COALESCE(n, -1), "             \
	           "support_hash, released_at FROM representation_releases r "                 \
	           "WHERE panel_id = $1 AND substr(figure, 1, length($2)) = $2 AND "          \
	           "publication > (SELECT MAX(publication) FROM representation_releases x "   \
	           "WHERE x.panel_id = r.panel_id AND x.characteristic = r.characteristic) - $3 " \
	           "ORDER BY characteristic, publication, id")                                 \
	X(MEETINGS_PUBLISHED, "SELECT DISTINCT figure FROM representation_releases WHERE "     \
	                      "panel_id = $1 AND characteristic = $2 AND "                     \
	                      "substr(figure, 1, 8) = 'meeting:' AND "                         \
	                      "substr(figure, length(figure) - 5) = ':total'")                \
	X(CHECKED, "SELECT characteristic, checked_at FROM representation_checks "              \
	           "WHERE panel_id = $1")                                                      \
	X(CHECK_SET, "INSERT INTO representation_checks (panel_id, characteristic, checked_at) " \
	             "VALUES ($1, $2, $3) ON CONFLICT (panel_id, characteristic) DO UPDATE SET " \
	             "checked_at = excluded.checked_at")                                       \
	X(PAST, "SELECT user_id, past FROM representation_marks WHERE panel_id = $1 AND "      \
	        "characteristic = $2 ORDER BY user_id")                                                         \
	X(NEXT, "SELECT COALESCE(MAX(publication), 0) + 1, COALESCE(MAX(ordinal) + 1, 0) FROM " \
	        "representation_releases WHERE panel_id = $1 AND characteristic = $2")         \
	X(RELEASE_ADD, "INSERT INTO representation_releases (panel_id, characteristic, "       \
	               "publication, figure, n, ordinal, support_hash, released_at) VALUES "   \
	               "($1, $2, $3, $4, $5, $6, $7, $8)")                                     \
	X(PAST_CLEAR, "DELETE FROM representation_marks WHERE panel_id = $1 AND "              \
	              "characteristic = $2")                                                   \
	X(PAST_ADD, "INSERT INTO representation_marks (panel_id, characteristic, user_id, "    \
	            "past) VALUES ($1, $2, $3, $4)")

SQ_STATEMENTS(STMTS)

static void read_group(struct db_stmt *st, void *slot, struct arena *a)
{
	struct rep_group *g = slot;
	g->id = db_col_i64(st, 0);
	g->panel_id = db_col_i64(st, 1);
	g->characteristic = sq_col_str(st, 2, a);
	g->answer = sq_col_str(st, 3, a);
	g->label = sq_col_str(st, 4, a);
	if (!rep_unit_parse(db_col_text(st, 5), &g->target.unit)) g->target.unit = REP_PEOPLE;
	g->target.min = db_col_i64(st, 6);
	g->target.max = db_col_i64(st, 7);
	g->reference_permille = db_col_i64(st, 8);
	g->reference_source = sq_col_str(st, 9, a);
	g->reference_day = db_col_i64(st, 10);
	g->version = db_col_i64(st, 11);
}

enum store_rc store_rep_groups(struct store *s, int64_t panel_id, struct arena *a,
                               struct rep_group **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_GROUPS);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_group, (void **)out, n);
}

static void bind_optional(struct db_stmt *st, int idx, int64_t v, int64_t none)
{
	if (v == none) db_bind_null(st, idx);
	else db_bind_i64(st, idx, v);
}

enum store_rc store_rep_group_put(struct store *s, const struct rep_group *g, int64_t now,
                                  int64_t *id)
{
	bool insert = g->version == 0;
	struct db_stmt *st = stmt(s, insert ? S_GROUP_INSERT : S_GROUP_UPDATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, g->panel_id);
	db_bind_text(st, 2, g->characteristic);
	db_bind_text(st, 3, *g->answer ? g->answer : NULL);
	db_bind_text(st, 4, g->label);
	db_bind_text(st, 5, rep_unit_key(g->target.unit));
	bind_optional(st, 6, g->target.min, -1);
	bind_optional(st, 7, g->target.max, -1);
	bind_optional(st, 8, g->reference_permille, -1);
	db_bind_text(st, 9, g->reference_source);
	bind_optional(st, 10, g->reference_day, 0);
	db_bind_i64(st, 11, now);
	if (insert) return sq_first_i64(st, id);
	db_bind_i64(st, 12, g->id);
	db_bind_i64(st, 13, g->version);
	*id = g->id;
	enum store_rc rc = sq_exec_changed(s, st);
	if (rc != ST_NOT_FOUND) return rc;
	struct arena a = { 0 };
	struct rep_group *all;
	size_t n;
	/* not at that version (someone saved first), or not this panel's */
	bool ours = false;
	if (store_rep_groups(s, g->panel_id, &a, &all, &n) == ST_OK)
		for (size_t i = 0; i < n; i++) ours |= all[i].id == g->id;
	arena_free(&a);
	return ours ? ST_CONFLICT : ST_NOT_FOUND;
}

enum store_rc store_rep_group_delete(struct store *s, int64_t panel_id, int64_t id)
{
	struct db_stmt *st = stmt(s, S_GROUP_DELETE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	return sq_exec_changed(s, st);
}

static void read_choice(struct db_stmt *st, void *slot, struct arena *a)
{
	struct rep_choice *c = slot;
	c->characteristic = sq_col_str(st, 0, a);
	c->group_id = db_col_i64(st, 1);
}

enum store_rc store_rep_choices(struct store *s, int64_t panel_id, int64_t user_id,
                                struct arena *a, struct rep_choice **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_CHOICES);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, user_id);
	}
	return sq_collect(st, sizeof **out, a, read_choice, (void **)out, n);
}

enum store_rc store_rep_choice_set(struct store *s, int64_t panel_id, int64_t user_id,
                                   const char *characteristic, int64_t group_id, int64_t now)
{
	struct db_stmt *st = stmt(s, group_id ? S_CHOICE_SET : S_CHOICE_CLEAR);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	db_bind_text(st, 3, characteristic);
	if (!group_id) return sq_exec(st);
	db_bind_i64(st, 4, group_id);
	db_bind_i64(st, 5, now);
	return sq_exec_changed(s, st);
}

enum store_rc store_rep_forget(struct store *s, int64_t user_id, const char *characteristic)
{
	struct db_stmt *st = stmt(s, S_FORGET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, user_id);
	db_bind_text(st, 2, characteristic);
	return sq_exec(st);
}

static void read_answer(struct db_stmt *st, void *slot, struct arena *a)
{
	struct rep_answer *r = slot;
	r->user_id = db_col_i64(st, 0);
	r->field = sq_col_str(st, 1, a);
	r->value = sq_col_str(st, 2, a);
	r->group_id = db_col_i64(st, 3);
}

enum store_rc store_rep_answers(struct store *s, int64_t panel_id, struct arena *a,
                                struct rep_answer **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_ANSWERS);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_answer, (void **)out, n);
}

static void read_id(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	*(int64_t *)slot = db_col_i64(st, 0);
}

static enum store_rc attended(struct store *s, struct rep_meeting *m, struct arena *a)
{
	struct db_stmt *st = stmt(s, S_ATTENDED);
	if (st) db_bind_i64(st, 1, m->id);
	size_t n = 0;
	enum store_rc rc = sq_collect(st, sizeof *m->attended, a, read_id, (void **)&m->attended, &n);
	m->n_attended = (int)n;
	return rc;
}

static void read_meeting(struct db_stmt *st, void *slot, struct arena *a)
{
	struct rep_meeting *m = slot;
	m->id = db_col_i64(st, 0);
	m->starts_at = db_col_i64(st, 1);
	m->title = sq_col_str(st, 2, a);
}

enum store_rc store_rep_meetings(struct store *s, int64_t panel_id, int64_t now, int limit,
                                 struct arena *a, struct rep_meeting **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_MEETINGS);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, now);
		db_bind_i64(st, 3, limit);
	}
	enum store_rc rc = sq_collect(st, sizeof **out, a, read_meeting, (void **)out, n);
	for (size_t i = 0; rc == ST_OK && i < *n; i++) rc = attended(s, &(*out)[i], a);
	return rc;
}

static void read_release(struct db_stmt *st, void *slot, struct arena *a)
{
	struct rep_release *r = slot;
	r->characteristic = sq_col_str(st, 0, a);
	r->figure = sq_col_str(st, 1, a);
	r->publication = db_col_i64(st, 2);
	r->n = db_col_i64(st, 3);
	r->support_hash = db_col_i64(st, 4);
	r->released_at = db_col_i64(st, 5);
}

enum store_rc store_rep_latest(struct store *s, int64_t panel_id, struct arena *a,
                               struct rep_release **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_LATEST);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_release, (void **)out, n);
}

enum store_rc store_rep_history(struct store *s, int64_t panel_id, const char *prefix,
                                int limit, struct arena *a, struct rep_release **out,
                                size_t *n)
{
	struct db_stmt *st = stmt(s, S_HISTORY);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_text(st, 2, prefix);
		db_bind_i64(st, 3, limit);
	}
	return sq_collect(st, sizeof **out, a, read_release, (void **)out, n);
}

static void read_past(struct db_stmt *st, void *slot, struct arena *a)
{
	struct rep_past *p = slot;
	p->user_id = db_col_i64(st, 0);
	p->bits = sq_col_str(st, 1, a);
}

/* The next publication's number and the next ordinal. */
static enum store_rc next_numbers(struct store *s, int64_t panel_id, const char *characteristic,
                                  int64_t *publication, int64_t *ordinal)
{
	struct db_stmt *st = stmt(s, S_NEXT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_text(st, 2, characteristic);
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	*publication = db_col_i64(st, 0);
	*ordinal = db_col_i64(st, 1);
	db_done(st);
	return ST_OK;
}

enum store_rc store_rep_past(struct store *s, int64_t panel_id, const char *characteristic,
                             struct arena *a, struct rep_past **out, size_t *n,
                             int *n_ordinals)
{
	int64_t publication, ordinal;
	enum store_rc rc = next_numbers(s, panel_id, characteristic, &publication, &ordinal);
	if (rc != ST_OK) return rc;
	*n_ordinals = (int)ordinal;
	struct db_stmt *st = stmt(s, S_PAST);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_text(st, 2, characteristic);
	}
	return sq_collect(st, sizeof **out, a, read_past, (void **)out, n);
}

static int compare_user(const void *a, const void *b)
{
	const struct rep_past *x = a, *y = b;
	return (x->user_id > y->user_id) - (x->user_id < y->user_id);
}

enum store_rc store_rep_publish(struct store *s, int64_t panel_id, const char *characteristic,
                                const struct rep_figure *f, int n, const struct rep_past *past,
                                int n_past, int64_t now)
{
	struct arena a = { 0 };
	/* everyone counted now: their past, and the ordinals this adds */
	struct rep_past *next = arena_alloc(&a, sizeof *next * (size_t)(n_past + 1));
	memcpy(next, past, sizeof *next * (size_t)n_past);
	qsort(next, (size_t)n_past, sizeof *next, compare_user);
	int **adds = arena_alloc(&a, sizeof *adds * (size_t)(n_past + 1));
	int *n_adds = arena_alloc(&a, sizeof *n_adds * (size_t)(n_past + 1));
	memset(n_adds, 0, sizeof *n_adds * (size_t)(n_past + 1));
	for (int p = 0; p < n_past; p++) adds[p] = arena_alloc(&a, sizeof **adds * (size_t)(n + 1));

	int64_t publication, ordinal;
	enum store_rc rc = next_numbers(s, panel_id, characteristic, &publication, &ordinal);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		bool ordered = f[i].shown && f[i].n_members > 0 && !f[i].presence;
		struct db_stmt *st = stmt(s, S_RELEASE_ADD);
		if (!st) { rc = ST_ERROR; break; }
		db_bind_i64(st, 1, panel_id);
		db_bind_text(st, 2, characteristic);
		db_bind_i64(st, 3, publication);
		db_bind_text(st, 4, f[i].key);
		if (f[i].shown) db_bind_i64(st, 5, f[i].n_members);
		else db_bind_null(st, 5);
		if (ordered) db_bind_i64(st, 6, ordinal);
		else db_bind_null(st, 6);
		db_bind_i64(st, 7, rep_support_hash(f[i].members, f[i].n_members));
		db_bind_i64(st, 8, now);
		if ((rc = sq_exec(st)) != ST_OK || !ordered) continue;
		for (int m = 0; m < f[i].n_members; m++) {
			struct rep_past key = { f[i].members[m], NULL };
			struct rep_past *x = bsearch(&key, next, (size_t)n_past, sizeof *next, compare_user);
			if (x) adds[x - next][n_adds[x - next]++] = (int)ordinal;
		}
		ordinal++;
	}
	struct db_stmt *st = rc == ST_OK ? stmt(s, S_PAST_CLEAR) : NULL;
	if (rc == ST_OK && !st) rc = ST_ERROR;
	if (rc == ST_OK) {
		db_bind_i64(st, 1, panel_id);
		db_bind_text(st, 2, characteristic);
		rc = sq_exec(st);
	}
	for (int p = 0; rc == ST_OK && p < n_past; p++) {
		const char *bits = rep_past_add(next[p].bits ? next[p].bits : "", adds[p], n_adds[p], &a);
		if (!*bits) continue;
		if (!(st = stmt(s, S_PAST_ADD))) { rc = ST_ERROR; break; }
		db_bind_i64(st, 1, panel_id);
		db_bind_text(st, 2, characteristic);
		db_bind_i64(st, 3, next[p].user_id);
		db_bind_text(st, 4, bits);
		rc = sq_exec(st);
	}
	arena_free(&a);
	return rc;
}

static void read_meeting_of_figure(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	/* "meeting:ID:total" */
	const char *fig = db_col_text(st, 0);
	*(int64_t *)slot = fig ? strtoll(fig + 8, NULL, 10) : 0;
}

enum store_rc store_rep_meetings_published(struct store *s, int64_t panel_id,
                                           const char *characteristic, struct arena *a,
                                           int64_t **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_MEETINGS_PUBLISHED);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_text(st, 2, characteristic);
	}
	return sq_collect(st, sizeof **out, a, read_meeting_of_figure, (void **)out, n);
}

static void read_check(struct db_stmt *st, void *slot, struct arena *a)
{
	struct rep_check *c = slot;
	c->characteristic = sq_col_str(st, 0, a);
	c->checked_at = db_col_i64(st, 1);
}

enum store_rc store_rep_checks(struct store *s, int64_t panel_id, struct arena *a,
                               struct rep_check **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_CHECKED);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_check, (void **)out, n);
}

enum store_rc store_rep_checked(struct store *s, int64_t panel_id, const char *characteristic,
                                int64_t now)
{
	struct db_stmt *st = stmt(s, S_CHECK_SET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_text(st, 2, characteristic);
	db_bind_i64(st, 3, now);
	return sq_exec(st);
}
