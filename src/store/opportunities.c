/* The store's operations for opportunities and fair draws (store.h). */
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"

/* An opportunity is drawn once one of its draws has a number. */
#define DRAWN(o) "EXISTS (SELECT 1 FROM draws d WHERE d.opportunity_id = " o " AND " \
                 "d.number IS NOT NULL)"

#define OPP_COLUMNS                                                                       \
	"o.id, o.panel_id, o.title, o.asks, o.place, o.characteristics, "                 \
	"COALESCE(o.starts_at, 0), o.places, o.rotation, COALESCE(o.pay_unit, ''), "      \
	"o.pay_quantity, o.closes_at, COALESCE(o.cancelled_at, 0), "                      \
	"COALESCE(o.created_by, 0), o.created_at, o.version, "                            \
	"(SELECT COUNT(*) FROM opportunity_interest i WHERE i.opportunity_id = o.id AND " \
	"i.withdrawn_at IS NULL), "                                                        \
	"(SELECT COUNT(*) FROM opportunity_places p WHERE p.opportunity_id = o.id AND "   \
	"p.dropped_at IS NULL), CASE WHEN " DRAWN("o.id") " THEN 1 ELSE 0 END"

#define DRAW_COLUMNS                                                                      \
	"id, opportunity_id, kind, algorithm, places, seed, problem, outcome, explanation, " \
	"lottery, lottery_sha256, outsiders, COALESCE(number, -1), number_note, prepared_at, " \
	"COALESCE(prepared_by, 0), COALESCE(drawn_at, 0), COALESCE(drawn_by, 0)"

#define STMTS(X)                                                                             \
	X(CREATE, "INSERT INTO opportunities (panel_id, title, asks, place, starts_at, places, "  \
	          "pay_unit, pay_quantity, closes_at, characteristics, rotation, created_by, "      \
	          "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "  \
	          "$12, $13, $13) RETURNING id")                                                   \
	X(LIST, "SELECT " OPP_COLUMNS " FROM opportunities o WHERE o.panel_id = $1 "             \
	        "ORDER BY o.closes_at DESC, o.id DESC")                                           \
	X(ONE, "SELECT " OPP_COLUMNS " FROM opportunities o WHERE o.panel_id = $1 AND o.id = $2") \
	/* open: before closing, not cancelled, not drawn; decided in the statement */           \
	X(INTEREST_PUT, "INSERT INTO opportunity_interest (opportunity_id, user_id, note, at) "   \
	                "SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM opportunities o "       \
	                "WHERE o.id = $1 AND o.closes_at > $4 AND o.cancelled_at IS NULL AND "     \
	                "NOT " DRAWN("o.id") ") ON CONFLICT (opportunity_id, user_id) DO UPDATE " \
	                "SET note = excluded.note, at = excluded.at, withdrawn_at = NULL")        \
	X(INTEREST_WITHDRAW, "UPDATE opportunity_interest SET withdrawn_at = $3 WHERE "          \
	                     "opportunity_id = $1 AND user_id = $2 AND withdrawn_at IS NULL AND "  \
	                     "NOT " DRAWN("$1"))                                                  \
	/* a prepared draw whose pool has them is set aside */                  \
	X(SET_ASIDE, "UPDATE draws SET outcome = 'set_aside' WHERE opportunity_id = $1 AND "      \
	             "number IS NULL AND outcome = 'ready' AND EXISTS (SELECT 1 FROM draw_people " \
	             "p WHERE p.draw_id = draws.id AND p.user_id = $2)")                         \
	X(INTERESTS, "SELECT i.user_id, i.at, COALESCE(i.withdrawn_at, 0), "                     \
	             "CASE WHEN u.status = 'erased' THEN '' ELSE u.display_name END, i.note "     \
	             "FROM opportunity_interest i JOIN users u ON u.id = i.user_id "             \
	             "WHERE i.opportunity_id = $1 ORDER BY i.at, i.user_id")                      \
	X(DRAW_ADD, "INSERT INTO draws (opportunity_id, kind, algorithm, places, seed, problem, " \
	            "outcome, explanation, lottery, lottery_sha256, outsiders, prepared_at, "     \
	            "prepared_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) " \
	            "RETURNING id")                                                               \
	X(PERSON_ADD, "INSERT INTO draw_people (draw_id, user_id, chance_ppm, panels, priority) " \
	              "VALUES ($1, $2, $3, $4, $5)")                                              \
	X(DRAWS, "SELECT " DRAW_COLUMNS " FROM draws WHERE opportunity_id = $1 ORDER BY id")     \
	X(PEOPLE, "SELECT user_id, chance_ppm, panels, priority, chosen FROM draw_people "       \
	          "WHERE draw_id = $1 ORDER BY user_id")                                          \
	X(NUMBER, "UPDATE draws SET number = $2, number_note = $3, drawn_by = $4, drawn_at = $5 " \
	          "WHERE id = $1 AND number IS NULL AND outcome = 'ready'")                       \
	X(CHOOSE, "UPDATE draw_people SET chosen = 1 WHERE draw_id = $1 AND user_id = $2")       \
	X(PLACE_ADD, "INSERT INTO opportunity_places (opportunity_id, user_id, draw_id) "        \
	             "VALUES ($1, $2, $3)")                                                       \
	X(PLACES, "SELECT p.user_id, p.draw_id, COALESCE(p.dropped_at, 0), "                     \
	          "CASE WHEN u.status = 'erased' THEN '' ELSE u.display_name END "               \
	          "FROM opportunity_places p JOIN users u ON u.id = p.user_id "                  \
	          "WHERE p.opportunity_id = $1 ORDER BY p.draw_id, p.user_id")                    \
	X(DROP, "UPDATE opportunity_places SET dropped_at = $3 WHERE opportunity_id = $1 AND "   \
	        "user_id = $2 AND dropped_at IS NULL")                                           \
	X(CLOSE, "UPDATE opportunities SET closes_at = $3, updated_at = $3, version = version + 1 " \
	         "WHERE panel_id = $1 AND id = $2 AND closes_at > $3 AND cancelled_at IS NULL")   \
	/* a place given up counts for nothing: declining is never held against anyone */ \
	X(RECENT, "SELECT DISTINCT p.user_id FROM opportunity_places p WHERE p.dropped_at IS NULL " \
	          "AND p.opportunity_id "                                                         \
	          "IN (SELECT o.id FROM opportunities o WHERE o.panel_id = $1 AND o.id <> $2 "   \
	          "AND " DRAWN("o.id") " ORDER BY o.closes_at DESC, o.id DESC LIMIT $3) "        \
	          "ORDER BY p.user_id")

SQ_STATEMENTS(STMTS)

static void read_opportunity(struct db_stmt *st, void *slot, struct arena *a)
{
	struct opportunity *o = slot;
	o->id = db_col_i64(st, 0);
	o->panel_id = db_col_i64(st, 1);
	o->title = sq_col_str(st, 2, a);
	o->asks = sq_col_str(st, 3, a);
	o->place = sq_col_str(st, 4, a);
	o->characteristics = sq_col_str(st, 5, a);
	o->starts_at = db_col_i64(st, 6);
	o->places = (int)db_col_i64(st, 7);
	o->rotation = (int)db_col_i64(st, 8);
	o->paid = pay_unit_parse(db_col_text(st, 9), &o->pay_unit);
	o->pay_quantity = db_col_i64(st, 10);
	o->closes_at = db_col_i64(st, 11);
	o->cancelled_at = db_col_i64(st, 12);
	o->created_by = db_col_i64(st, 13);
	o->created_at = db_col_i64(st, 14);
	o->version = db_col_i64(st, 15);
	o->interested = (int)db_col_i64(st, 16);
	o->holding = (int)db_col_i64(st, 17);
	o->drawn = db_col_i64(st, 18) != 0;
}

enum store_rc store_opportunity_create(struct store *s, const struct opportunity *o, int64_t now,
                                       int64_t *id)
{
	struct db_stmt *st = stmt(s, S_CREATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, o->panel_id);
	db_bind_text(st, 2, o->title);
	db_bind_text(st, 3, o->asks);
	db_bind_text(st, 4, o->place);
	sq_bind_ref(st, 5, o->starts_at);
	db_bind_i64(st, 6, o->places);
	db_bind_text(st, 7, o->paid ? pay_unit_key(o->pay_unit) : NULL);
	db_bind_i64(st, 8, o->paid ? o->pay_quantity : 0);
	db_bind_i64(st, 9, o->closes_at);
	db_bind_text(st, 10, o->characteristics);
	db_bind_i64(st, 11, o->rotation);
	sq_bind_ref(st, 12, o->created_by);
	db_bind_i64(st, 13, now);
	return sq_first_i64(st, id);
}

enum store_rc store_opportunities(struct store *s, int64_t panel_id, struct arena *a,
                                  struct opportunity **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_LIST);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_opportunity, (void **)out, n);
}

enum store_rc store_opportunity(struct store *s, int64_t panel_id, int64_t id, struct arena *a,
                                struct opportunity *out)
{
	struct db_stmt *st = stmt(s, S_ONE);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, id);
	}
	return sq_one_row(st, read_opportunity, out, a);
}

enum store_rc store_interest_put(struct store *s, int64_t opportunity_id, int64_t user_id,
                                 const char *note, int64_t now)
{
	struct db_stmt *st = stmt(s, S_INTEREST_PUT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, opportunity_id);
	db_bind_i64(st, 2, user_id);
	db_bind_text(st, 3, note);
	db_bind_i64(st, 4, now);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? ST_CONFLICT : rc;
}

enum store_rc store_interest_withdraw(struct store *s, int64_t opportunity_id, int64_t user_id,
                                      int64_t now)
{
	struct db_stmt *st = stmt(s, S_INTEREST_WITHDRAW);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, opportunity_id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, now);
	enum store_rc rc = sq_exec_changed(s, st);
	if (rc != ST_OK || !(st = stmt(s, S_SET_ASIDE))) return rc == ST_OK ? ST_ERROR : rc;
	db_bind_i64(st, 1, opportunity_id);
	db_bind_i64(st, 2, user_id);
	return sq_exec(st);
}

static void read_interest(struct db_stmt *st, void *slot, struct arena *a)
{
	struct interest *i = slot;
	i->user_id = db_col_i64(st, 0);
	i->at = db_col_i64(st, 1);
	i->withdrawn_at = db_col_i64(st, 2);
	i->name = sq_col_str(st, 3, a);
	i->note = sq_col_str(st, 4, a);
}

enum store_rc store_interests(struct store *s, int64_t opportunity_id, struct arena *a,
                              struct interest **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_INTERESTS);
	if (st) db_bind_i64(st, 1, opportunity_id);
	return sq_collect(st, sizeof **out, a, read_interest, (void **)out, n);
}

enum store_rc store_draw_add(struct store *s, const struct draw *d, const struct draw_person *p,
                             size_t n, int64_t *id)
{
	struct db_stmt *st = stmt(s, S_DRAW_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, d->opportunity_id);
	db_bind_text(st, 2, d->replacement ? "replacement" : "draw");
	db_bind_text(st, 3, d->algorithm);
	db_bind_i64(st, 4, d->places);
	db_bind_i64(st, 5, d->seed);
	db_bind_text(st, 6, d->problem);
	db_bind_text(st, 7, d->impossible ? "impossible" : "ready");
	db_bind_text(st, 8, d->explanation);
	db_bind_text(st, 9, d->lottery);
	db_bind_text(st, 10, d->lottery_sha256);
	db_bind_i64(st, 11, d->outsiders);
	db_bind_i64(st, 12, d->prepared_at);
	sq_bind_ref(st, 13, d->prepared_by);
	enum store_rc rc = sq_first_i64(st, id);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		if (!(st = stmt(s, S_PERSON_ADD))) return ST_ERROR;
		db_bind_i64(st, 1, *id);
		db_bind_i64(st, 2, p[i].user_id);
		db_bind_i64(st, 3, p[i].chance_ppm);
		db_bind_i64(st, 4, p[i].panels);
		db_bind_i64(st, 5, p[i].priority);
		rc = sq_exec(st);
	}
	return rc;
}

static void read_draw(struct db_stmt *st, void *slot, struct arena *a)
{
	struct draw *d = slot;
	d->id = db_col_i64(st, 0);
	d->opportunity_id = db_col_i64(st, 1);
	const char *kind = db_col_text(st, 2);
	d->replacement = kind && !strcmp(kind, "replacement");
	d->algorithm = sq_col_str(st, 3, a);
	d->places = (int)db_col_i64(st, 4);
	d->seed = db_col_i64(st, 5);
	d->problem = sq_col_str(st, 6, a);
	const char *outcome = db_col_text(st, 7);
	d->impossible = outcome && !strcmp(outcome, "impossible");
	d->set_aside = outcome && !strcmp(outcome, "set_aside");
	d->explanation = sq_col_str(st, 8, a);
	d->lottery = sq_col_str(st, 9, a);
	d->lottery_sha256 = sq_col_str(st, 10, a);
	d->outsiders = (int)db_col_i64(st, 11);
	d->number = (int)db_col_i64(st, 12);
	d->number_note = sq_col_str(st, 13, a);
	d->prepared_at = db_col_i64(st, 14);
	d->prepared_by = db_col_i64(st, 15);
	d->drawn_at = db_col_i64(st, 16);
	d->drawn_by = db_col_i64(st, 17);
}

enum store_rc store_draws(struct store *s, int64_t opportunity_id, struct arena *a,
                          struct draw **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_DRAWS);
	if (st) db_bind_i64(st, 1, opportunity_id);
	return sq_collect(st, sizeof **out, a, read_draw, (void **)out, n);
}

static void read_person(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	struct draw_person *p = slot;
	p->user_id = db_col_i64(st, 0);
	p->chance_ppm = db_col_i64(st, 1);
	p->panels = (int)db_col_i64(st, 2);
	p->priority = db_col_i64(st, 3) != 0;
	p->chosen = db_col_i64(st, 4) != 0;
}

enum store_rc store_draw_people(struct store *s, int64_t draw_id, struct arena *a,
                                struct draw_person **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_PEOPLE);
	if (st) db_bind_i64(st, 1, draw_id);
	return sq_collect(st, sizeof **out, a, read_person, (void **)out, n);
}

enum store_rc store_draw_number(struct store *s, const struct draw *d, int number,
                                const char *note, int64_t by, const int64_t *chosen, size_t n,
                                int64_t now)
{
	struct db_stmt *st = stmt(s, S_NUMBER);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, d->id);
	db_bind_i64(st, 2, number);
	db_bind_text(st, 3, note);
	db_bind_i64(st, 4, by);
	db_bind_i64(st, 5, now);
	enum store_rc rc = sq_exec_changed(s, st);
	if (rc == ST_NOT_FOUND) return ST_CONFLICT;
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		if (!(st = stmt(s, S_CHOOSE))) return ST_ERROR;
		db_bind_i64(st, 1, d->id);
		db_bind_i64(st, 2, chosen[i]);
		if ((rc = sq_exec(st)) != ST_OK) break;
		if (!(st = stmt(s, S_PLACE_ADD))) return ST_ERROR;
		db_bind_i64(st, 1, d->opportunity_id);
		db_bind_i64(st, 2, chosen[i]);
		db_bind_i64(st, 3, d->id);
		rc = sq_exec(st);
	}
	return rc;
}

static void read_place(struct db_stmt *st, void *slot, struct arena *a)
{
	struct place *p = slot;
	p->user_id = db_col_i64(st, 0);
	p->draw_id = db_col_i64(st, 1);
	p->dropped_at = db_col_i64(st, 2);
	p->name = sq_col_str(st, 3, a);
}

enum store_rc store_places(struct store *s, int64_t opportunity_id, struct arena *a,
                           struct place **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_PLACES);
	if (st) db_bind_i64(st, 1, opportunity_id);
	return sq_collect(st, sizeof **out, a, read_place, (void **)out, n);
}

enum store_rc store_place_drop(struct store *s, int64_t opportunity_id, int64_t user_id,
                               int64_t now)
{
	struct db_stmt *st = stmt(s, S_DROP);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, opportunity_id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}

static void read_id(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	*(int64_t *)slot = db_col_i64(st, 0);
}

enum store_rc store_recently_chosen(struct store *s, int64_t panel_id, int64_t opportunity_id,
                                    int n, struct arena *a, int64_t **out, size_t *count)
{
	struct db_stmt *st = stmt(s, S_RECENT);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, opportunity_id);
		db_bind_i64(st, 3, n);
	}
	return sq_collect(st, sizeof **out, a, read_id, (void **)out, count);
}

enum store_rc store_opportunity_close(struct store *s, int64_t panel_id, int64_t id, int64_t now)
{
	struct db_stmt *st = stmt(s, S_CLOSE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}
