/* The store's operations on panels (store.h): panels, their members and
 * roles, and invitations to join them. */
#include <stdlib.h>
#include <string.h>

#include "store/store_private.h"

#define STMTS(X)                                                             \
	X(PANEL_EXISTS, "SELECT COUNT(*) FROM panels WHERE id = $1")                \
	X(PANEL_MEMBER, "SELECT p.id, p.name, p.description, p.time_zone, "         \
	                "p.language, p.hosting, p.organisation, p.created_at, "     \
	                "p.updated_at, p.version, p.response_days, p.agenda_days, " \
	                "p.co_creators_post, "                                      \
	                "m.role, m.status, m.joined_at, m.updated_at, m.responder " \
	                "FROM panels p LEFT JOIN memberships m ON "                 \
	                "m.panel_id = p.id AND m.user_id = $2 WHERE p.id = $1")     \
	X(PANEL_CREATE, "INSERT INTO panels (name, description, time_zone, language, " \
	                "hosting, organisation, created_at, updated_at, "           \
	                "response_days, agenda_days, co_creators_post) VALUES "     \
	                "($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10) RETURNING id") \
	X(PANEL_GET, "SELECT id, name, description, time_zone, language, hosting, " \
	             "organisation, created_at, updated_at, version, "              \
	             "response_days, agenda_days, co_creators_post FROM panels "    \
	             "WHERE id = $1")                                               \
	X(PANEL_LIST, "SELECT id, name, description, time_zone, language, hosting, " \
	              "organisation, created_at, updated_at, version, "             \
	              "response_days, agenda_days, co_creators_post FROM panels "   \
	              "ORDER BY name, id")                                          \
	X(PANEL_UPDATE, "UPDATE panels SET name = $2, description = $3, "           \
	                "time_zone = $4, language = $5, hosting = $6, "             \
	                "organisation = $7, updated_at = $9, response_days = $10, " \
	                "agenda_days = $11, co_creators_post = $12, "               \
	                "version = version + 1 "                                    \
	                "WHERE id = $1 AND version = $8")                           \
	X(PANELS_FOR_USER, "SELECT p.id, p.name, p.description, p.time_zone, "      \
	                   "p.language, p.hosting, p.organisation, p.created_at, "  \
	                   "p.updated_at, p.version, p.response_days, p.agenda_days, " \
	                   "p.co_creators_post, "                                   \
	                   "m.role, m.status, m.joined_at, m.updated_at, m.responder, " \
	                   "(SELECT COALESCE(SUM(c.n), 0) FROM "                    \
	                   "panel_member_counts c WHERE c.panel_id = p.id AND "     \
	                   "c.status = 'active') "                                  \
	                   "FROM memberships m JOIN panels p ON p.id = m.panel_id " \
	                   "WHERE m.user_id = $1 AND m.status <> 'removed' "        \
	                   "ORDER BY p.name, p.id")                                 \
	X(MEMBERSHIP_GET, "SELECT role, status, joined_at, updated_at, responder FROM " \
	                  "memberships WHERE panel_id = $1 AND user_id = $2")       \
	X(MEMBERSHIP_PUT, "INSERT INTO memberships (panel_id, user_id, role, status, " \
	                  "joined_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) " \
	                  "ON CONFLICT (panel_id, user_id) DO UPDATE SET "          \
	                  "role = excluded.role, status = excluded.status, "        \
	                  "updated_at = excluded.updated_at")                       \
	X(MEMBERS_LIST, "SELECT m.user_id, m.role, m.status, m.joined_at, "         \
	                "m.updated_at, m.responder, u.display_name, u.email, u.status FROM " \
	                "memberships m JOIN users u ON u.id = m.user_id WHERE "     \
	                "m.panel_id = $1 AND m.status <> 'removed' ORDER BY "       \
	                "CASE m.role WHEN 'steward' THEN 0 WHEN 'co_creator' THEN 1 " \
	                "ELSE 2 END, u.display_name, u.id LIMIT $3 OFFSET $2")      \
	X(MEMBERS_COUNT, "SELECT COALESCE(SUM(n), 0) FROM panel_member_counts "     \
	                 "WHERE panel_id = $1 AND status <> 'removed'")             \
	X(MEMBERSHIP_SET_RESPONDER, "UPDATE memberships SET responder = $3, "       \
	                            "updated_at = $4 WHERE panel_id = $1 AND "      \
	                            "user_id = $2")                                 \
	X(STEWARD_COUNT, "SELECT COUNT(*) FROM memberships WHERE panel_id = $1 AND " \
	                 "role = 'steward' AND status = 'active'")                  \
	X(PANEL_COUNTS, "SELECT role, n FROM panel_member_counts WHERE "            \
	                "panel_id = $1 AND status = 'active'")                      \
	X(PANEL_STEWARDS, "SELECT u.display_name FROM memberships m JOIN users u "  \
	                  "ON u.id = m.user_id WHERE m.panel_id = $1 AND "          \
	                  "m.role = 'steward' AND m.status = 'active' "             \
	                  "ORDER BY u.display_name, u.id")                          \
	X(SOLE_STEWARD, "SELECT p.name FROM memberships m JOIN panels p ON p.id = " \
	                "m.panel_id JOIN panel_member_counts c ON c.panel_id = m.panel_id " \
	                "AND c.role = 'steward' AND c.status = 'active' WHERE "     \
	                "m.user_id = $1 AND m.role = 'steward' AND m.status = 'active' " \
	                "AND c.n = 1 ORDER BY p.name")                              \
	X(RELATION, "SELECT v.role, v.status FROM memberships v JOIN memberships s " \
	            "ON s.panel_id = v.panel_id WHERE v.user_id = $1 AND "          \
	            "s.user_id = $2 AND v.status <> 'removed' AND "                 \
	            "s.status <> 'removed'")                                        \
	X(INVITE_CREATE, "INSERT INTO invitations (token_hash, email, panel_id, role, " \
	                 "invited_by, created_at, expires_at) VALUES ($1, $2, $3, " \
	                 "$4, $5, $6, $7) RETURNING id")                            \
	X(INVITE_FIND, "SELECT id, panel_id, COALESCE(invited_by, 0), created_at, " \
	               "expires_at, email, role FROM invitations WHERE "            \
	               "token_hash = $1 AND accepted_at IS NULL AND "               \
	               "revoked_at IS NULL AND expires_at > $2")                    \
	X(INVITE_ACCEPT, "UPDATE invitations SET accepted_at = $3, "                \
	                 "accepted_user_id = $2 WHERE id = $1 AND accepted_at IS NULL " \
	                 "AND revoked_at IS NULL AND expires_at > $3")              \
	X(INVITES_PENDING, "SELECT id, panel_id, COALESCE(invited_by, 0), "         \
	                   "created_at, expires_at, email, role FROM invitations "  \
	                   "WHERE panel_id = $1 AND accepted_at IS NULL AND "       \
	                   "revoked_at IS NULL AND expires_at > $2 ORDER BY id DESC") \
	X(INVITE_REVOKE, "UPDATE invitations SET revoked_at = $3 WHERE id = $2 AND " \
	                 "panel_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL") \
	X(INVITE_REVOKE_FOR, "UPDATE invitations SET revoked_at = $3 WHERE "        \
	                     "panel_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL " \
	                     "AND email = (SELECT email FROM users WHERE id = $2)")          \
	X(INVITE_REVOKE_EMAIL, "UPDATE invitations SET revoked_at = $3 WHERE "      \
	                       "panel_id = $1 AND accepted_at IS NULL AND "         \
	                       "revoked_at IS NULL AND email = $2 AND id <> $4")

SQ_STATEMENTS(STMTS)

/* ---- panels and memberships ---- */

/* Columns of a panel as the statements above list them, first in a row. */
enum { PANEL_NCOLS = 13 };

static void read_panel(struct db_stmt *st, void *slot, struct arena *a)
{
	struct panel *p = slot;
	p->id = db_col_i64(st, 0);
	p->name = sq_col_str(st, 1, a);
	p->description = sq_col_str(st, 2, a);
	p->time_zone = sq_col_str(st, 3, a);
	p->language = sq_col_str(st, 4, a);
	if (!hosting_parse(db_col_text(st, 5), &p->hosting)) p->hosting = HOSTING_ORGANISATION;
	p->organisation = sq_col_str(st, 6, a);
	p->created_at = db_col_i64(st, 7);
	p->updated_at = db_col_i64(st, 8);
	p->version = db_col_i64(st, 9);
	p->response_days = db_col_i64(st, 10);
	p->agenda_days = db_col_i64(st, 11);
	p->co_creators_post = db_col_i64(st, 12) != 0;
}

static void read_membership_cols(struct db_stmt *st, int c, struct membership *m)
{
	if (!role_parse(db_col_text(st, c), &m->role)) m->role = ROLE_NONE;
	if (!status_parse(db_col_text(st, c + 1), &m->status)) m->status = MEMBER_REMOVED;
	m->joined_at = db_col_i64(st, c + 2);
	m->updated_at = db_col_i64(st, c + 3);
	m->responder = db_col_i64(st, c + 4) != 0;
}

enum store_rc store_panel_create(struct store *s, const struct panel *p, int64_t now,
                                 int64_t *id)
{
	struct db_stmt *st = stmt(s, S_PANEL_CREATE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, p->name);
	db_bind_text(st, 2, p->description ? p->description : "");
	db_bind_text(st, 3, p->time_zone ? p->time_zone : "Europe/London");
	db_bind_text(st, 4, p->language ? p->language : "en");
	db_bind_text(st, 5, hosting_key(p->hosting));
	db_bind_text(st, 6, p->organisation ? p->organisation : "");
	db_bind_i64(st, 7, now);
	db_bind_i64(st, 8, p->response_days ? p->response_days : PANEL_RESPONSE_DAYS);
	db_bind_i64(st, 9, p->agenda_days ? p->agenda_days : PANEL_AGENDA_DAYS);
	db_bind_i64(st, 10, p->co_creators_post);
	return sq_first_i64(st, id);
}

enum store_rc store_panel_get(struct store *s, int64_t id, struct arena *a,
                              struct panel *p)
{
	struct db_stmt *st = stmt(s, S_PANEL_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	return sq_one_row(st, read_panel, p, a);
}

enum store_rc store_panel_member(struct store *s, int64_t panel_id, int64_t user_id,
                                 struct arena *a, struct panel *p, struct membership *m)
{
	struct db_stmt *st = stmt(s, S_PANEL_MEMBER);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		read_panel(st, p, a);
		memset(m, 0, sizeof *m);
		m->panel_id = panel_id;
		m->user_id = user_id;
		if (db_col_is_null(st, PANEL_NCOLS)) m->role = ROLE_NONE;
		else read_membership_cols(st, PANEL_NCOLS, m);
		db_done(st);
	}
	return rc;
}

enum store_rc store_panel_update(struct store *s, const struct panel *p, int64_t now)
{
	struct db_stmt *st = stmt(s, S_PANEL_UPDATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, p->id);
	db_bind_text(st, 2, p->name);
	db_bind_text(st, 3, p->description);
	db_bind_text(st, 4, p->time_zone);
	db_bind_text(st, 5, p->language);
	db_bind_text(st, 6, hosting_key(p->hosting));
	db_bind_text(st, 7, p->organisation);
	db_bind_i64(st, 8, p->version);
	db_bind_i64(st, 9, now);
	db_bind_i64(st, 10, p->response_days);
	db_bind_i64(st, 11, p->agenda_days);
	db_bind_i64(st, 12, p->co_creators_post);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? sq_version_miss(stmt(s, S_PANEL_EXISTS), p->id) : rc;
}

static void read_my_panel(struct db_stmt *st, void *slot, struct arena *a)
{
	struct my_panel *mp = slot;
	read_panel(st, &mp->panel, a);
	read_membership_cols(st, PANEL_NCOLS, &mp->me);
	mp->me.panel_id = mp->panel.id;
	mp->active_members = db_col_i64(st, PANEL_NCOLS + 5);
}

enum store_rc store_panels_for_user(struct store *s, int64_t user_id, struct arena *a,
                                    struct my_panel **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_PANELS_FOR_USER);
	if (st) db_bind_i64(st, 1, user_id);
	enum store_rc rc = sq_collect(st, sizeof **out, a, read_my_panel, (void **)out, n);
	for (size_t i = 0; rc == ST_OK && i < *n; i++) (*out)[i].me.user_id = user_id;
	return rc;
}

enum store_rc store_panels_list(struct store *s, struct arena *a, struct panel **out,
                                size_t *n)
{
	return sq_collect(stmt(s, S_PANEL_LIST), sizeof **out, a, read_panel, (void **)out, n);
}

enum store_rc store_membership_get(struct store *s, int64_t panel_id, int64_t user_id,
                                   struct membership *m)
{
	struct db_stmt *st = stmt(s, S_MEMBERSHIP_GET);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		m->panel_id = panel_id;
		m->user_id = user_id;
		read_membership_cols(st, 0, m);
		db_done(st);
	}
	return rc;
}

enum store_rc store_membership_put(struct store *s, int64_t panel_id, int64_t user_id,
                                   enum panel_role role, enum member_status status,
                                   int64_t now)
{
	struct db_stmt *st = stmt(s, S_MEMBERSHIP_PUT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	db_bind_text(st, 3, role_key(role));
	db_bind_text(st, 4, status_key(status));
	db_bind_i64(st, 5, now);
	return sq_exec(st);
}

enum store_rc store_membership_set_responder(struct store *s, int64_t panel_id,
                                             int64_t user_id, bool responder, int64_t now)
{
	struct db_stmt *st = stmt(s, S_MEMBERSHIP_SET_RESPONDER);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, responder);
	db_bind_i64(st, 4, now);
	return sq_exec_changed(s, st);
}

static void read_member_row(struct db_stmt *st, void *slot, struct arena *a)
{
	struct member_row *r = slot;
	r->m.user_id = db_col_i64(st, 0);
	read_membership_cols(st, 1, &r->m);
	r->display_name = sq_col_str(st, 6, a);
	r->email = sq_col_str(st, 7, a);
	if (!user_status_parse(db_col_text(st, 8), &r->user_status))
		r->user_status = USER_DISABLED;
}

enum store_rc store_members_page(struct store *s, int64_t panel_id, int64_t offset,
                                 int64_t limit, struct arena *a, struct member_row **out,
                                 size_t *n, int64_t *total)
{
	struct db_stmt *st = stmt(s, S_MEMBERS_COUNT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	*total = sq_scalar_i64(st);
	if ((st = stmt(s, S_MEMBERS_LIST))) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, offset);
		db_bind_i64(st, 3, limit);
	}
	enum store_rc rc = sq_collect(st, sizeof **out, a, read_member_row, (void **)out, n);
	for (size_t i = 0; rc == ST_OK && i < *n; i++) (*out)[i].m.panel_id = panel_id;
	return rc;
}

enum store_rc store_members_list(struct store *s, int64_t panel_id, struct arena *a,
                                 struct member_row **out, size_t *n)
{
	int64_t total;
	return store_members_page(s, panel_id, 0, INT64_MAX, a, out, n, &total);
}

int64_t store_active_steward_count(struct store *s, int64_t panel_id)
{
	struct db_stmt *st = stmt(s, S_STEWARD_COUNT);
	if (!st) return 0;
	db_bind_i64(st, 1, panel_id);
	return sq_scalar_i64(st);
}

enum store_rc store_panel_counts(struct store *s, int64_t panel_id, struct panel_counts *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *st = stmt(s, S_PANEL_COUNTS);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	enum db_rc r;
	while ((r = db_step(st)) == DB_ROW) {
		enum panel_role role;
		if (!role_parse(db_col_text(st, 0), &role)) continue;
		int64_t n = db_col_i64(st, 1);
		if (role == ROLE_STEWARD) out->stewards = n;
		else if (role == ROLE_CO_CREATOR) out->co_creators = n;
		else if (role == ROLE_GUEST) out->guests = n;
	}
	return r == DB_DONE ? ST_OK : sq_rc(r);
}

static void read_name(struct db_stmt *st, void *slot, struct arena *a)
{
	*(const char **)slot = sq_col_str(st, 0, a);
}

enum store_rc store_panel_stewards(struct store *s, int64_t panel_id, struct arena *a,
                                   const char ***names, size_t *n)
{
	struct db_stmt *st = stmt(s, S_PANEL_STEWARDS);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **names, a, read_name, (void **)names, n);
}

enum store_rc store_sole_steward_panels(struct store *s, int64_t user_id, struct arena *a,
                                        const char ***names, size_t *n)
{
	struct db_stmt *st = stmt(s, S_SOLE_STEWARD);
	if (st) db_bind_i64(st, 1, user_id);
	return sq_collect(st, sizeof **names, a, read_name, (void **)names, n);
}

enum viewer_relation store_relation(struct store *s, int64_t viewer_id, int64_t subject_id)
{
	if (viewer_id == subject_id) return REL_SELF;
	struct db_stmt *st = stmt(s, S_RELATION);
	if (!st) return REL_NONE;
	db_bind_i64(st, 1, viewer_id);
	db_bind_i64(st, 2, subject_id);
	enum viewer_relation best = REL_NONE;
	while (db_step(st) == DB_ROW) {
		enum panel_role role;
		enum member_status status;
		if (!role_parse(db_col_text(st, 0), &role) ||
		    !status_parse(db_col_text(st, 1), &status))
			continue;
		enum viewer_relation r = REL_NONE;
		if (role == ROLE_STEWARD && status == MEMBER_ACTIVE) r = REL_STEWARD;
		else if (role == ROLE_STEWARD || role == ROLE_CO_CREATOR) r = REL_CO_MEMBER;
		else if (role == ROLE_GUEST) r = REL_GUEST;
		if (r > best) best = r;
	}
	return best;
}

/* ---- invitations ---- */

enum store_rc store_invitation_create(struct store *s, const char *token_hash,
                                      const char *email, int64_t panel_id,
                                      enum panel_role role, int64_t invited_by,
                                      int64_t now, int64_t expires_at, int64_t *id)
{
	struct db_stmt *st = stmt(s, S_INVITE_CREATE);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_text(st, 2, email);
	db_bind_i64(st, 3, panel_id);
	db_bind_text(st, 4, role_key(role));
	if (invited_by) db_bind_i64(st, 5, invited_by);
	else db_bind_null(st, 5);
	db_bind_i64(st, 6, now);
	db_bind_i64(st, 7, expires_at);
	return sq_first_i64(st, id);
}

static void read_invitation(struct db_stmt *st, void *slot, struct arena *a)
{
	struct invitation *inv = slot;
	inv->id = db_col_i64(st, 0);
	inv->panel_id = db_col_i64(st, 1);
	inv->invited_by = db_col_i64(st, 2);
	inv->created_at = db_col_i64(st, 3);
	inv->expires_at = db_col_i64(st, 4);
	inv->email = sq_col_str(st, 5, a);
	if (!role_parse(db_col_text(st, 6), &inv->role)) inv->role = ROLE_GUEST;
}

enum store_rc store_invitation_find(struct store *s, const char *token_hash, int64_t now,
                                    struct arena *a, struct invitation *out)
{
	struct db_stmt *st = stmt(s, S_INVITE_FIND);
	if (!st) return ST_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_i64(st, 2, now);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_OK) {
		memset(out, 0, sizeof *out);
		read_invitation(st, out, a);
		db_done(st);
	}
	return rc;
}

enum store_rc store_invitation_accept(struct store *s, int64_t id, int64_t user_id,
                                      int64_t now)
{
	struct db_stmt *st = stmt(s, S_INVITE_ACCEPT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, now);
	enum store_rc rc = sq_exec_changed(s, st);
	return rc == ST_NOT_FOUND ? ST_CONFLICT : rc; /* accepted twice */
}

enum store_rc store_invitations_pending(struct store *s, int64_t panel_id, int64_t now,
                                        struct arena *a, struct invitation **out,
                                        size_t *n)
{
	struct db_stmt *st = stmt(s, S_INVITES_PENDING);
	if (st) {
		db_bind_i64(st, 1, panel_id);
		db_bind_i64(st, 2, now);
	}
	return sq_collect(st, sizeof **out, a, read_invitation, (void **)out, n);
}

enum store_rc store_invitations_revoke_for(struct store *s, int64_t panel_id, int64_t user_id,
                                           int64_t now)
{
	struct db_stmt *st = stmt(s, S_INVITE_REVOKE_FOR);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, user_id);
	db_bind_i64(st, 3, now);
	return sq_exec(st);
}

enum store_rc store_invitations_revoke_email(struct store *s, int64_t panel_id,
                                            const char *email, int64_t except_id, int64_t now)
{
	struct db_stmt *st = stmt(s, S_INVITE_REVOKE_EMAIL);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_text(st, 2, email);
	db_bind_i64(st, 3, now);
	db_bind_i64(st, 4, except_id);
	return sq_exec(st);
}

enum store_rc store_invitation_revoke(struct store *s, int64_t panel_id, int64_t id,
                                      int64_t now)
{
	struct db_stmt *st = stmt(s, S_INVITE_REVOKE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	db_bind_i64(st, 3, now);
	return sq_exec_changed(s, st);
}
