/* The store's operations on check-ins after hard sessions, the follow-ups
 * they ask for, and each panel's support person and contacts (store.h). */
#include "store/store_private.h"

#include <string.h>

#define CONTACT_COLUMNS "id, name, helps_with, phone, text_to, web, hours"

/* A follow-up with the person's display name and the meeting's title. */
#define FOLLOW_UP_SELECT                                                                   \
	"SELECT f.id, f.meeting_id, f.user_id, f.asked_at, f.due_at, COALESCE(f.done_at, 0), " \
	"f.done_note, u.display_name, m.title, m.starts_at, COALESCE(d.display_name, '') "     \
	"FROM follow_ups f JOIN users u ON u.id = f.user_id JOIN meetings m ON "               \
	"m.id = f.meeting_id LEFT JOIN users d ON d.id = f.done_by "

#define STMTS(X)                                                                             \
	X(SUPPORT, "SELECT COALESCE(ps.support_user_id, 0), ps.own_contacts, "                 \
	           "COALESCE(u.display_name, '') FROM panel_support ps LEFT JOIN memberships m " \
	           "ON m.panel_id = ps.panel_id AND m.user_id = ps.support_user_id AND "        \
	           "m.status = 'active' LEFT JOIN users u ON u.id = m.user_id "                 \
	           "WHERE ps.panel_id = $1")                                                   \
	X(SUPPORT_PERSON, "INSERT INTO panel_support (panel_id, support_user_id) VALUES "      \
	                  "($1, $2) ON CONFLICT (panel_id) DO UPDATE SET support_user_id = "     \
	                  "excluded.support_user_id")                                          \
	X(OWN, "INSERT INTO panel_support (panel_id, own_contacts) VALUES ($1, $2) ON "         \
	       "CONFLICT (panel_id) DO UPDATE SET own_contacts = excluded.own_contacts")        \
	X(CONTACTS, "SELECT " CONTACT_COLUMNS " FROM support_contacts WHERE panel_id = $1 "     \
	            "ORDER BY position, id")                                                   \
	X(CONTACT_ADD, "INSERT INTO support_contacts (panel_id, name, helps_with, phone, "     \
	               "text_to, web, hours, position) VALUES ($1, $2, $3, $4, $5, $6, $7, "     \
	               "(SELECT COALESCE(MAX(position), 0) + 1 FROM support_contacts WHERE "    \
	               "panel_id = $1)) RETURNING id")                                         \
	X(CONTACT_UPDATE, "UPDATE support_contacts SET name = $3, helps_with = $4, phone = $5, " \
	                  "text_to = $6, web = $7, hours = $8 WHERE panel_id = $1 AND id = $2")   \
	X(CONTACT_REMOVE, "DELETE FROM support_contacts WHERE panel_id = $1 AND id = $2")       \
	X(CONTACTS_CLEAR, "DELETE FROM support_contacts WHERE panel_id = $1")                   \
	X(HARD, "SELECT COUNT(*) FROM meetings m WHERE m.id = $1 AND " SQ_HARD_MEETING("m"))     \
	X(CHECK_IN, "SELECT answer FROM check_ins WHERE meeting_id = $1 AND user_id = $2")      \
	X(CHECK_IN_PUT, "INSERT INTO check_ins (meeting_id, user_id, answer, answered_at) "     \
	                "VALUES ($1, $2, $3, $4) ON CONFLICT (meeting_id, user_id) DO UPDATE "   \
	                "SET answer = excluded.answer, answered_at = excluded.answered_at")      \
	X(FOLLOW_UP_OPEN, "SELECT COUNT(*) FROM follow_ups WHERE meeting_id = $1 AND "          \
	                  "user_id = $2 AND done_at IS NULL")                                   \
	X(FOLLOW_UP_ADD, "INSERT INTO follow_ups (panel_id, meeting_id, user_id, asked_at, "    \
	                 "due_at) VALUES ($1, $2, $3, $4, $5)")                                 \
	X(FOLLOW_UPS, FOLLOW_UP_SELECT "WHERE f.panel_id = $1 ORDER BY f.done_at IS NOT NULL, " \
	              "CASE WHEN f.done_at IS NULL THEN f.due_at ELSE -f.done_at END, f.id "      \
	              "LIMIT 200")                                                             \
	X(FOLLOW_UP_DONE, "UPDATE follow_ups SET done_at = $3, done_by = $4, done_note = $5 "   \
	                  "WHERE panel_id = $1 AND id = $2 AND done_at IS NULL")                \
	X(FOLLOW_UP_EXISTS, "SELECT COUNT(*) FROM follow_ups WHERE panel_id = $1 AND id = $2")  \
	X(FOLLOWERS_NOTICE, "INSERT INTO notices (user_id, panel_id, body, link, created_at, "  \
	                    "mail_pending, mail_soon) SELECT m.user_id, m.panel_id, "            \
	                    "CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS BIGINT), "           \
	                    SQ_MAIL_MARKS("m.user_id")                                          \
	                    " FROM memberships m WHERE m.panel_id = $1 AND "                    \
	                    "m.status = 'active' AND m.user_id = COALESCE((SELECT "             \
	                    "ps.support_user_id FROM panel_support ps JOIN memberships sm ON "   \
	                    "sm.panel_id = ps.panel_id AND sm.user_id = ps.support_user_id AND " \
	                    "sm.status = 'active' WHERE ps.panel_id = $1), CASE WHEN m.role = "  \
	                    "'steward' THEN m.user_id END)")

SQ_STATEMENTS(STMTS)

static const char *const answer_keys[] = { [CHECK_IN_FINE] = "fine",
	                                   [CHECK_IN_CONTACT] = "contact",
	                                   [CHECK_IN_SIGNPOST] = "signpost" };

const char *check_in_key(enum check_in_answer a)
{
	return a > CHECK_IN_NONE && a <= CHECK_IN_SIGNPOST ? answer_keys[a] : "";
}

bool check_in_parse(const char *s, enum check_in_answer *out)
{
	for (int a = CHECK_IN_FINE; a <= CHECK_IN_SIGNPOST; a++)
		if (s && !strcmp(s, answer_keys[a])) {
			*out = (enum check_in_answer)a;
			return true;
		}
	return false;
}

enum store_rc store_panel_support(struct store *s, int64_t panel_id, struct arena *a,
                                  struct panel_support *out)
{
	*out = (struct panel_support){ .support_name = "" };
	struct db_stmt *st = stmt(s, S_SUPPORT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_NOT_FOUND) return ST_OK;
	if (rc != ST_OK) return rc;
	out->own_contacts = db_col_i64(st, 1) != 0;
	out->support_name = sq_col_str(st, 2, a);
	/* someone no longer active on the panel is nobody's support person */
	out->support_user_id = *out->support_name ? db_col_i64(st, 0) : 0;
	db_done(st);
	return ST_OK;
}

enum store_rc store_support_person_set(struct store *s, int64_t panel_id, int64_t user_id)
{
	struct db_stmt *st = stmt(s, S_SUPPORT_PERSON);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	sq_bind_ref(st, 2, user_id);
	return sq_exec(st);
}

static void read_contact(struct db_stmt *st, void *slot, struct arena *a)
{
	struct support_contact *c = slot;
	c->id = db_col_i64(st, 0);
	c->name = sq_col_str(st, 1, a);
	c->helps_with = sq_col_str(st, 2, a);
	c->phone = sq_col_str(st, 3, a);
	c->text_to = sq_col_str(st, 4, a);
	c->web = sq_col_str(st, 5, a);
	c->hours = sq_col_str(st, 6, a);
}

enum store_rc store_support_contacts(struct store *s, int64_t panel_id, struct arena *a,
                                     struct support_contact **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_CONTACTS);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_contact, (void **)out, n);
}

static void bind_contact(struct db_stmt *st, int first, const struct support_contact *c)
{
	db_bind_text(st, first, c->name);
	db_bind_text(st, first + 1, c->helps_with);
	db_bind_text(st, first + 2, c->phone);
	db_bind_text(st, first + 3, c->text_to);
	db_bind_text(st, first + 4, c->web);
	db_bind_text(st, first + 5, c->hours);
}

enum store_rc store_support_contact_add(struct store *s, int64_t panel_id,
                                        const struct support_contact *c, int64_t *id)
{
	struct db_stmt *st = stmt(s, S_CONTACT_ADD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	bind_contact(st, 2, c);
	int64_t got;
	enum store_rc rc = sq_first_i64(st, &got);
	if (rc == ST_OK && id) *id = got;
	return rc;
}

enum store_rc store_support_contact_update(struct store *s, int64_t panel_id,
                                           const struct support_contact *c)
{
	struct db_stmt *st = stmt(s, S_CONTACT_UPDATE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, c->id);
	bind_contact(st, 3, c);
	return sq_exec_changed(s, st);
}

enum store_rc store_support_contact_remove(struct store *s, int64_t panel_id, int64_t id)
{
	struct db_stmt *st = stmt(s, S_CONTACT_REMOVE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	return sq_exec_changed(s, st);
}

enum store_rc store_support_contacts_keep(struct store *s, int64_t panel_id, bool own)
{
	struct db_stmt *st = stmt(s, S_CONTACTS_CLEAR);
	if (!st) return ST_ERROR;
	enum store_rc rc = sq_exec_i64(st, panel_id);
	if (rc != ST_OK || !(st = stmt(s, S_OWN))) return rc == ST_OK ? ST_ERROR : rc;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, own);
	return sq_exec(st);
}

enum store_rc store_meeting_hard(struct store *s, int64_t meeting_id, bool *hard)
{
	*hard = false;
	struct db_stmt *st = stmt(s, S_HARD);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	int64_t n;
	enum store_rc rc = sq_first_i64(st, &n);
	*hard = rc == ST_OK && n > 0;
	return rc;
}

enum store_rc store_check_in_get(struct store *s, int64_t meeting_id, int64_t user_id,
                                 enum check_in_answer *out)
{
	*out = CHECK_IN_NONE;
	struct db_stmt *st = stmt(s, S_CHECK_IN);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	enum store_rc rc = sq_first_row(st);
	if (rc == ST_NOT_FOUND) return ST_OK;
	if (rc != ST_OK) return rc;
	if (!check_in_parse(db_col_text(st, 0), out)) *out = CHECK_IN_NONE;
	db_done(st);
	return ST_OK;
}

enum store_rc store_check_in_put(struct store *s, int64_t meeting_id, int64_t user_id,
                                 enum check_in_answer answer, int64_t now)
{
	struct db_stmt *st = stmt(s, S_CHECK_IN_PUT);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	db_bind_text(st, 3, check_in_key(answer));
	db_bind_i64(st, 4, now);
	return sq_exec(st);
}

enum store_rc store_follow_up_ask(struct store *s, int64_t panel_id, int64_t meeting_id,
                                  int64_t user_id, int64_t now, int64_t due_at, bool *created)
{
	*created = false;
	struct db_stmt *st = stmt(s, S_FOLLOW_UP_OPEN);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, meeting_id);
	db_bind_i64(st, 2, user_id);
	int64_t open;
	enum store_rc rc = sq_first_i64(st, &open);
	if (rc != ST_OK || open) return rc;
	if (!(st = stmt(s, S_FOLLOW_UP_ADD))) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, meeting_id);
	db_bind_i64(st, 3, user_id);
	db_bind_i64(st, 4, now);
	db_bind_i64(st, 5, due_at);
	rc = sq_exec(st);
	*created = rc == ST_OK;
	return rc;
}

static void read_follow_up(struct db_stmt *st, void *slot, struct arena *a)
{
	struct follow_up *f = slot;
	f->id = db_col_i64(st, 0);
	f->meeting_id = db_col_i64(st, 1);
	f->user_id = db_col_i64(st, 2);
	f->asked_at = db_col_i64(st, 3);
	f->due_at = db_col_i64(st, 4);
	f->done_at = db_col_i64(st, 5);
	f->done_note = sq_col_str(st, 6, a);
	f->person = sq_col_str(st, 7, a);
	f->meeting_title = sq_col_str(st, 8, a);
	f->meeting_starts_at = db_col_i64(st, 9);
	f->done_by = sq_col_str(st, 10, a);
}

enum store_rc store_follow_ups(struct store *s, int64_t panel_id, struct arena *a,
                               struct follow_up **out, size_t *n)
{
	struct db_stmt *st = stmt(s, S_FOLLOW_UPS);
	if (st) db_bind_i64(st, 1, panel_id);
	return sq_collect(st, sizeof **out, a, read_follow_up, (void **)out, n);
}

enum store_rc store_follow_up_done(struct store *s, int64_t panel_id, int64_t id, int64_t by,
                                   const char *note, int64_t now)
{
	struct db_stmt *st = stmt(s, S_FOLLOW_UP_DONE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	db_bind_i64(st, 3, now);
	db_bind_i64(st, 4, by);
	db_bind_text(st, 5, note);
	enum store_rc rc = sq_exec_changed(s, st);
	if (rc != ST_NOT_FOUND) return rc;
	/* done already, or no such follow-up in this panel */
	if (!(st = stmt(s, S_FOLLOW_UP_EXISTS))) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_i64(st, 2, id);
	int64_t there;
	rc = sq_first_i64(st, &there);
	return rc != ST_OK ? rc : there ? ST_CONFLICT : ST_NOT_FOUND;
}

enum store_rc store_follow_up_notice(struct store *s, int64_t panel_id, const char *body,
                                     const char *link, int64_t now)
{
	struct db_stmt *st = stmt(s, S_FOLLOWERS_NOTICE);
	if (!st) return ST_ERROR;
	db_bind_i64(st, 1, panel_id);
	db_bind_text(st, 2, body);
	db_bind_text(st, 3, link);
	db_bind_i64(st, 4, now);
	return sq_exec(st);
}
