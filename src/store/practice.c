/* The store's figures for "how are we doing?" (store.h): each a count over
 * a panel, or one of its projects (project_id 0: the whole panel). */
#include "store/store_private.h"

/* The panel (and project) a meeting `m` is of. */
#define OF_PANEL(m) m ".panel_id = $1 AND ($2 = 0 OR " m ".project_id = $2)"

#define STMTS(X)                                                                            \
	X(AGENDA, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN ms.role = 'co_creator' THEN 1 "      \
	          "ELSE 0 END), 0) FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id "  \
	          "LEFT JOIN memberships ms ON ms.panel_id = m.panel_id AND "                   \
	          "ms.user_id = i.proposed_by WHERE " OF_PANEL("m") " AND i.state = 'agreed' "  \
	          "AND m.cancelled_at IS NULL")                                                 \
	X(PAPERS, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.published_at > m.starts_at - $3 "  \
	          "THEN 1 ELSE 0 END), 0) FROM papers p JOIN meetings m ON m.id = p.meeting_id " \
	          "WHERE " OF_PANEL("m") " AND p.published_at IS NOT NULL AND "                  \
	          "m.cancelled_at IS NULL")                                                     \
	/* one pass: each active member with the places they kept */                          \
	X(PLACES, "SELECT COUNT(h.user_id) FROM memberships ms LEFT JOIN (SELECT op.user_id "   \
	          "FROM opportunity_places op JOIN opportunities o ON o.id = op.opportunity_id " \
	          "WHERE o.panel_id = $1 AND op.dropped_at IS NULL AND o.cancelled_at IS NULL) " \
	          "h ON h.user_id = ms.user_id WHERE ms.panel_id = $1 AND ms.status = 'active' " \
	          "AND ms.role IN ('co_creator', 'steward') GROUP BY ms.user_id "               \
	          "ORDER BY ms.user_id")                                                        \
	X(PROJECTS, "SELECT COUNT(*), "                                                         \
	            /* a rung at delivery or evaluation, none before */                          \
	            "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM project_rungs r WHERE "       \
	            "r.project_id = pr.id AND r.stage IN ('delivery', 'evaluation')) AND NOT "   \
	            "EXISTS (SELECT 1 FROM project_rungs r WHERE r.project_id = pr.id AND "      \
	            "r.stage IN ('shaping', 'design')) THEN 1 ELSE 0 END), 0), "                 \
	            /* at evaluation, and how many of those without a closing reflection */      \
	            "COALESCE(SUM(CASE WHEN pr.stage = 'evaluation' THEN 1 ELSE 0 END), 0), "    \
	            "COALESCE(SUM(CASE WHEN pr.stage = 'evaluation' AND pr.closing_reflection "  \
	            "= '' THEN 1 ELSE 0 END), 0), "                                              \
	            /* a rung of 5 or more, and how many of those with nothing to show */        \
	            "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM project_rungs r WHERE "       \
	            "r.project_id = pr.id AND r.rung >= 5) THEN 1 ELSE 0 END), 0), "             \
	            "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM project_rungs r WHERE "       \
	            "r.project_id = pr.id AND r.rung >= 5) AND NOT EXISTS (SELECT 1 FROM "       \
	            "meetings m WHERE m.project_id = pr.id AND m.cancelled_at IS NULL AND "      \
	            "m.starts_at <= $3) AND NOT EXISTS (SELECT 1 FROM contributions c WHERE "    \
	            "c.project_id = pr.id) THEN 1 ELSE 0 END), 0) "                              \
	            "FROM projects pr WHERE pr.panel_id = $1 AND ($2 = 0 OR pr.id = $2)")        \
	X(FELT_HEARD, RELEASED_AT(OF_PANEL("m"), "$3")                                                   \
	              "SELECT MIN(starts_at), COUNT(felt_heard), COALESCE(SUM(felt_heard), 0) "  \
	              "FROM released GROUP BY meeting_id ORDER BY MIN(starts_at)")

SQ_STATEMENTS(STMTS)

/* Binds the panel and project (and a third value) of a statement. */
static struct db_stmt *of_panel(struct store *s, enum stmt_id id, int64_t panel_id,
                                int64_t project_id)
{
	struct db_stmt *st = stmt(s, id);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, project_id);
	}
	return st;
}

static enum store_rc two_counts(struct db_stmt *st, int64_t *a, int64_t *b)
{
	enum store_rc rc = sq_first_row(st);
	if (rc != ST_OK) return rc;
	*a = db_col_i64(st, 0);
	*b = db_col_i64(st, 1);
	db_done(st);
	return ST_OK;
}

static void read_count(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	*(int64_t *)slot = db_col_i64(st, 0);
}

static void read_meeting_heard(struct db_stmt *st, void *slot, struct arena *a)
{
	(void)a;
	struct heard_meeting *h = slot;
	h->starts_at = db_col_i64(st, 0);
	h->answers = db_col_i64(st, 1);
	h->sum = db_col_i64(st, 2);
}

enum store_rc store_practice(struct store *s, int64_t panel_id, int64_t project_id,
                             int64_t agenda_seconds, int64_t now, struct arena *a,
                             struct practice_counts *out)
{
	*out = (struct practice_counts){ 0 };
	struct db_stmt *st;
	enum store_rc rc;
	if (!(st = of_panel(s, S_AGENDA, panel_id, project_id)) ||
	    (rc = two_counts(st, &out->agenda_items, &out->agenda_by_co_creators)) != ST_OK)
		return st ? rc : ST_ERROR;
	if (!(st = of_panel(s, S_PAPERS, panel_id, project_id))) return ST_ERROR;
	db_bind_i64(st, 3, agenda_seconds);
	if ((rc = two_counts(st, &out->papers, &out->papers_late)) != ST_OK) return rc;
	if (!project_id) {
		if ((st = stmt(s, S_PLACES))) db_bind_i64(st, 1, panel_id);
		if ((rc = sq_collect(st, sizeof *out->places, a, read_count, (void **)&out->places,
		                     &out->members)) != ST_OK)
			return rc;
	}
	if (!(st = of_panel(s, S_PROJECTS, panel_id, project_id))) return ST_ERROR;
	db_bind_i64(st, 3, now);
	if ((rc = sq_first_row(st)) != ST_OK) return rc;
	out->projects = db_col_i64(st, 0);
	out->late_start = db_col_i64(st, 1);
	out->evaluating = db_col_i64(st, 2);
	out->no_closing = db_col_i64(st, 3);
	out->high_rung = db_col_i64(st, 4);
	out->no_evidence = db_col_i64(st, 5);
	db_done(st);
	if (!(st = of_panel(s, S_FELT_HEARD, panel_id, project_id))) return ST_ERROR;
	db_bind_i64(st, 3, REFLECTION_MIN_ANSWERS);
	return sq_collect(st, sizeof *out->heard, a, read_meeting_heard, (void **)&out->heard,
	                  &out->n_heard);
}
