/* The safeguarding record (issue 21) on a real store, once per backend,
 * with a clock the test sets: who may read a concern (only the panel's
 * leads), the audit of every read and write, the rules for raising one,
 * and the scheduled purge after each panel's retention period, which
 * leaves only a tombstone (app/safeguarding.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "fixture.h"
#include "../testdb.h"

#define DAY 86400
#define YEAR 31557600 /* the retention's year: 365.25 days */
/* 1 March 2020, noon UTC: when the concerns are written */
static int64_t t0(void) { return civil_day_start(civil_day(2020, 3, 1), "UTC") + 12 * 3600; }

static struct panel pa, pb;
static struct auth_seal_key key, other_key; /* the installation's, and another's */
static int64_t lead, raiser, steward, seq;
static const struct panel_actor lead_actor = { ROLE_CO_CREATOR, MEMBER_ACTIVE,
	                                       HOSTING_ORGANISATION, false, false };
static const struct panel_actor steward_actor = { ROLE_STEWARD, MEMBER_ACTIVE,
	                                          HOSTING_ORGANISATION, false, false };

static int64_t person(struct store_fx *f, enum panel_role role)
{
	char email[64];
	snprintf(email, sizeof email, "s%lld@example.org", (long long)++seq);
	int64_t id;
	assert_int_equal(store_user_create(f->s, email, email, false, 0, &id), ST_OK);
	assert_int_equal(store_membership_put(f->s, pa.id, id, role, MEMBER_ACTIVE, 0), ST_OK);
	assert_int_equal(store_membership_put(f->s, pb.id, id, role, MEMBER_ACTIVE, 0), ST_OK);
	return id;
}

/* Panels A (the default retention) and B (2 years), with a lead on each,
 * someone who raises concerns and a steward who is not a lead. */
static int setup(void **state)
{
	int rc = store_fx_setup(state, "safeguarding");
	if (rc) return rc;
	randombytes_buf(key.key, sizeof key.key);
	snprintf(key.id, sizeof key.id, "%s", "00000000000000aa");
	randombytes_buf(other_key.key, sizeof other_key.key);
	snprintf(other_key.id, sizeof other_key.id, "%s", "00000000000000bb");
	struct store_fx *f = *state;
	pa = (struct panel){ .name = "A", .time_zone = "Europe/London" };
	pb = (struct panel){ .name = "B", .time_zone = "Europe/London" };
	if (store_panel_create(f->s, &pa, 0, &pa.id) != ST_OK ||
	    store_panel_create(f->s, &pb, 0, &pb.id) != ST_OK)
		return -1;
	lead = person(f, ROLE_CO_CREATOR);
	raiser = person(f, ROLE_CO_CREATOR);
	steward = person(f, ROLE_STEWARD);
	struct app_error err;
	if (!app_sg_lead_add(f->s, pa.id, lead, steward, 0, &err) ||
	    !app_sg_lead_add(f->s, pb.id, lead, steward, 0, &err) ||
	    !app_sg_retention_set(f->s, pb.id, 2, &err))
		return -1;
	return 0;
}

/* A concern raised on p at `at`, about the day before. */
static int64_t raise(struct store_fx *f, const struct panel *p, int64_t at, const char *words)
{
	struct input_value in[SG_CONCERN_INPUTS] = {
		[SG_WHAT] = { true, words, 0, NULL, 0 },
		[SG_HAPPENED_ON] = { true, "", civil_day_at(at, "UTC") - 1, NULL, 0 },
		[SG_WHO] = { false, "", 0, NULL, 0 },
		[SG_DONE] = { false, "", 0, NULL, 0 },
	};
	struct app_error err;
	assert_true(app_sg_raise(f->s, &key, p, raiser, in, at, &f->a, &err));
	struct sg_list l;
	assert_true(app_sg_concerns(f->s, &lead_actor, p->id, lead, &f->a, &l, &err));
	for (size_t i = 0; i < l.n; i++)
		if (l.concerns[i].raised_at == at) return l.concerns[i].id;
	fail_msg("the concern raised at %lld is not in the record", (long long)at);
	return 0;
}

/* The lead sets concern id's status at `at`. */
static void set_status(struct store_fx *f, const struct panel *p, int64_t id, const char *status,
                       int64_t at)
{
	struct sg_record r;
	struct app_error err;
	assert_true(app_sg_concern(f->s, &key, &lead_actor, p->id, lead, id, at, &f->a, &r, &err));
	struct input_value in[SG_PART2_INPUTS] = {
		[SG_ADVICE] = { true, "Asked the local authority's adult safeguarding team", 0, NULL, 0 },
		[SG_DECISION] = { true, "", 0, NULL, 0 },
		[SG_REFERRALS] = { true, "", 0, NULL, 0 },
		[SG_STATUS] = { true, status, 0, NULL, 0 },
		[SG_VERSION] = { true, "", r.concern.version, NULL, 0 },
	};
	assert_true(app_sg_part2(f->s, &key, &lead_actor, p->id, lead, id, in, at, &f->a, &err));
}

static bool exists(struct store_fx *f, const struct panel *p, int64_t id)
{
	struct sg_concern c;
	enum store_rc rc = store_sg_concern(f->s, p->id, id, &f->a, &c);
	assert_true(rc == ST_OK || rc == ST_NOT_FOUND);
	return rc == ST_OK;
}

static void purge_at(struct store_fx *f, int64_t at, size_t want_panels, int64_t want)
{
	size_t panels;
	int64_t purged;
	assert_true(app_sg_purge(f->s, at, &panels, &purged));
	assert_int_equal(panels, want_panels);
	assert_int_equal(purged, want);
}

static void only_leads_read_and_every_read_is_audited(void **state)
{
	struct store_fx *f = *state;
	int64_t id = raise(f, &pa, t0(), "ZQ he said he would hurt her");
	struct sg_record r;
	struct app_error err;
	/* a steward who is not a lead, the person who raised it: 403, and nothing recorded */
	assert_false(app_sg_concern(f->s, &key, &steward_actor, pa.id, steward, id, t0(), &f->a, &r,
	                            &err));
	assert_int_equal(err.status, 403);
	assert_null(strstr(err.message, "ZQ"));
	assert_false(app_sg_concern(f->s, &key, &lead_actor, pa.id, raiser, id, t0(), &f->a, &r, &err));
	assert_int_equal(err.status, 403);
	struct sg_list list;
	assert_false(app_sg_concerns(f->s, &steward_actor, pa.id, steward, &f->a, &list, &err));
	assert_int_equal(err.status, 403);
	/* a paused lead reads nothing either */
	struct panel_actor paused = lead_actor;
	paused.status = MEMBER_PAUSED;
	assert_false(app_sg_concern(f->s, &key, &paused, pa.id, lead, id, t0(), &f->a, &r, &err));
	/* the lead reads it: recorded, and seen in the same answer */
	assert_true(app_sg_concern(f->s, &key, &lead_actor, pa.id, lead, id, t0() + 60, &f->a, &r, &err));
	assert_string_equal(r.concern.what_happened, "ZQ he said he would hurt her");
	assert_int_equal(r.n_reads, 1);
	assert_string_equal(r.reads[0].kind, "read");
	assert_int_equal(r.reads[0].at, t0() + 60);
	assert_int_equal(r.n_chronology, 1);
	assert_string_equal(r.chronology[0].kind, "raised");
	/* a write and a note: in the chronology and the audit */
	set_status(f, &pa, id, "closed", t0() + 120);
	assert_true(app_sg_note(f->s, &key, &lead_actor, pa.id, lead, id, "Phoned the adult team",
	                        t0() + 180, &f->a, &err));
	assert_true(app_sg_concern(f->s, &key, &lead_actor, pa.id, lead, id, t0() + 240, &f->a, &r, &err));
	int reads = 0, wrote = 0;
	for (size_t i = 0; i < r.n_reads; i++) {
		reads += !strcmp(r.reads[i].kind, "read");
		wrote += !strcmp(r.reads[i].kind, "wrote");
	}
	assert_int_equal(reads, 3); /* two by hand, one by set_status */
	assert_int_equal(wrote, 2);
	assert_int_equal(r.n_chronology, 4); /* raised, part 2, status, note */
	assert_int_equal(r.concern.status, SG_CLOSED);
	assert_int_equal(r.concern.status_at, t0() + 120);
	/* an old version is refused, nothing lost */
	struct input_value in[SG_PART2_INPUTS] = {
		[SG_ADVICE] = { true, "", 0, NULL, 0 }, [SG_DECISION] = { true, "", 0, NULL, 0 },
		[SG_REFERRALS] = { true, "", 0, NULL, 0 }, [SG_STATUS] = { true, "open", 0, NULL, 0 },
		[SG_VERSION] = { true, "", 1, NULL, 0 } };
	assert_false(app_sg_part2(f->s, &key, &lead_actor, pa.id, lead, id, in, t0() + 300, &f->a, &err));
	assert_int_equal(err.status, 409);
	assert_true(exists(f, &pa, id));
	/* another panel's concern is not this panel's */
	assert_false(app_sg_concern(f->s, &key, &lead_actor, pb.id, lead, id, t0(), &f->a, &r, &err));
	assert_int_equal(err.status, 404);
}

static void raising_needs_a_lead_and_a_day_not_ahead(void **state)
{
	struct store_fx *f = *state;
	struct app_error err;
	struct input_value in[SG_CONCERN_INPUTS] = {
		[SG_WHAT] = { true, "Words", 0, NULL, 0 },
		[SG_HAPPENED_ON] = { true, "", civil_day_at(t0(), "Europe/London") + 1, NULL, 0 },
	};
	in[SG_WHO].text = in[SG_DONE].text = "";
	assert_false(app_sg_raise(f->s, &key, &pa, raiser, in, t0(), &f->a, &err));
	assert_int_equal(err.status, 400);
	assert_string_equal(err.field, "happened_on");
	in[SG_HAPPENED_ON].number -= 1; /* today is fine */
	assert_true(app_sg_raise(f->s, &key, &pa, raiser, in, t0(), &f->a, &err));
	assert_true(app_sg_lead_remove(f->s, pa.id, lead, &err));
	assert_false(app_sg_raise(f->s, &key, &pa, raiser, in, t0(), &f->a, &err));
	assert_int_equal(err.status, 409);
	assert_string_equal(err.code, "no_lead");
	/* a lead must be an active member */
	assert_false(app_sg_lead_add(f->s, pa.id, 999999, steward, t0(), &err));
	assert_int_equal(err.status, 400);
	assert_false(app_sg_retention_set(f->s, pa.id, 0, &err));
	assert_false(app_sg_retention_set(f->s, pa.id, 76, &err));
	/* the person sees when they raised it, nothing more */
	struct sg_view v;
	assert_true(app_sg_view(f->s, pa.id, raiser, &f->a, &v, &err));
	assert_int_equal(v.n_mine, 1);
	assert_int_equal(v.mine[0], t0());
	assert_false(v.i_am_lead);
	assert_int_equal(v.retention_years, SG_DEFAULT_YEARS);
}

static void purged_after_each_panels_retention(void **state)
{
	struct store_fx *f = *state;
	int64_t a_closed = raise(f, &pa, t0(), "ZQ a closed");
	int64_t a_open = raise(f, &pa, t0() + 1, "ZQ a open");
	int64_t a_later = raise(f, &pa, t0() + 2, "ZQ a transferred later");
	int64_t b_closed = raise(f, &pb, t0() + 3, "ZQ b closed");
	set_status(f, &pa, a_closed, "closed", t0() + DAY);
	set_status(f, &pa, a_later, "transferred", t0() + YEAR);
	set_status(f, &pb, b_closed, "closed", t0() + DAY);
	/* nothing is due before B's two years are out */
	purge_at(f, t0() + DAY + 2 * YEAR - 60, 0, 0);
	purge_at(f, t0() + DAY + 2 * YEAR + 60, 1, 1);
	assert_false(exists(f, &pb, b_closed));
	assert_true(exists(f, &pa, a_closed));
	/* its chronology and its audit went with it */
	struct sg_entry *e;
	size_t n;
	assert_int_equal(store_sg_entries(f->s, b_closed, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_sg_reads(f->s, b_closed, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 0);
	/* a tombstone: when, how many, nothing else */
	struct sg_list l;
	struct app_error err;
	assert_true(app_sg_concerns(f->s, &lead_actor, pb.id, lead, &f->a, &l, &err));
	assert_int_equal(l.n_tombstones, 1);
	assert_int_equal(l.tombstones[0].n, 1);
	assert_int_equal(l.tombstones[0].at, t0() + DAY + 2 * YEAR + 60);
	assert_false(app_sg_concerns(f->s, &steward_actor, pb.id, steward, &f->a, &l, &err));
	/* A keeps six years; an open concern is never purged */
	purge_at(f, t0() + DAY + 6 * YEAR + 60, 1, 1);
	assert_false(exists(f, &pa, a_closed));
	assert_true(exists(f, &pa, a_later));
	purge_at(f, t0() + DAY + 6 * YEAR + 120, 0, 0); /* again: nothing, no tombstone */
	purge_at(f, t0() + 7 * YEAR + 60, 1, 1);
	assert_false(exists(f, &pa, a_later));
	purge_at(f, t0() + 50 * YEAR, 0, 0);
	assert_true(exists(f, &pa, a_open));
	assert_true(app_sg_concerns(f->s, &lead_actor, pa.id, lead, &f->a, &l, &err));
	assert_int_equal(l.n_tombstones, 2);
}

/* Sealed at rest: the store holds none of a concern's words, nor a
 * note's; the lead reads them back; a server with another key reads a
 * sentence saying so and cannot save over part 1; and rows written in the
 * clear before sealing began are read as they are, then sealed by
 * app_sg_seal_clear (which finds nothing more the second time). The raw
 * reads below see the clear texts of the old rows, so they can see what
 * they look for. */
static void texts_are_sealed_at_rest(void **state)
{
	struct store_fx *f = *state;
	struct app_error err;
	int64_t id = raise(f, &pa, t0(), "He said ZQX-WHAT to her after the meeting");
	struct sg_record r;
	assert_true(app_sg_note(f->s, &key, &lead_actor, pa.id, lead, id, "Rang ZQX-NOTE at once",
	                        t0() + 60, &f->a, &err));
	struct sg_concern raw;
	assert_int_equal(store_sg_concern(f->s, pa.id, id, &f->a, &raw), ST_OK);
	assert_string_equal(raw.seal_key_id, key.id);
	assert_null(strstr(raw.what_happened, "ZQX"));
	assert_string_equal(raw.who_involved, ""); /* empty stays empty */
	struct sg_entry *e;
	size_t n;
	assert_int_equal(store_sg_entries(f->s, id, &f->a, &e, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(e[1].kind, "note");
	assert_null(strstr(e[1].text, "ZQX"));
	assert_string_equal(e[1].seal_key_id, key.id);
	/* The lead reads them back. */
	assert_true(app_sg_concern(f->s, &key, &lead_actor, pa.id, lead, id, t0() + 120, &f->a, &r,
	                           &err));
	assert_string_equal(r.concern.what_happened, "He said ZQX-WHAT to her after the meeting");
	assert_string_equal(r.chronology[1].text, "Rang ZQX-NOTE at once");
	/* Another key: a sentence, never the words, and no saving over them. */
	assert_true(app_sg_concern(f->s, &other_key, &lead_actor, pa.id, lead, id, t0() + 180,
	                           &f->a, &r, &err));
	assert_null(strstr(r.concern.what_happened, "ZQX"));
	assert_non_null(strstr(r.concern.what_happened, "sealed with a key"));
	assert_null(strstr(r.chronology[1].text, "ZQX"));
	struct input_value in[SG_PART2_INPUTS] = {
		[SG_ADVICE] = { true, "Asked ZQX-ADVICE", 0, NULL, 0 },
		[SG_DECISION] = { true, "", 0, NULL, 0 },
		[SG_REFERRALS] = { true, "", 0, NULL, 0 },
		[SG_STATUS] = { true, "open", 0, NULL, 0 },
		[SG_VERSION] = { true, "", r.concern.version, NULL, 0 },
	};
	assert_false(app_sg_part2(f->s, &other_key, &lead_actor, pa.id, lead, id, in, t0() + 240,
	                          &f->a, &err));
	assert_int_equal(err.status, 409);
	assert_string_equal(err.code, "sealed_elsewhere");
	/* With the right key part 2 is sealed too, and part 1 still opens. */
	assert_true(app_sg_part2(f->s, &key, &lead_actor, pa.id, lead, id, in, t0() + 300, &f->a,
	                         &err));
	assert_int_equal(store_sg_concern(f->s, pa.id, id, &f->a, &raw), ST_OK);
	assert_null(strstr(raw.advice_sought, "ZQX"));
	assert_true(app_sg_concern(f->s, &key, &lead_actor, pa.id, lead, id, t0() + 360, &f->a, &r,
	                           &err));
	assert_string_equal(r.concern.advice_sought, "Asked ZQX-ADVICE");
	assert_string_equal(r.concern.what_happened, "He said ZQX-WHAT to her after the meeting");

	/* A row from before sealing began. */
	struct sg_concern old = { .panel_id = pa.id, .raised_by = raiser, .raised_at = t0() - DAY,
	                          .happened_on = civil_day_at(t0(), "UTC") - 2,
	                          .what_happened = "Old ZQX-CLEAR words", .who_involved = "",
	                          .done_straight_away = "", .seal_key_id = "" };
	int64_t old_id;
	assert_int_equal(store_sg_concern_add(f->s, &old, &old_id), ST_OK);
	assert_int_equal(store_sg_entry_add(f->s, old_id, t0() - DAY, lead, "note",
	                                    "Old ZQX-CLEAR note", NULL), ST_OK);
	assert_int_equal(store_sg_concern(f->s, pa.id, old_id, &f->a, &raw), ST_OK);
	assert_string_equal(raw.what_happened, "Old ZQX-CLEAR words"); /* the raw read sees it */
	assert_true(app_sg_concern(f->s, &key, &lead_actor, pa.id, lead, old_id, t0(), &f->a, &r,
	                           &err));
	assert_string_equal(r.concern.what_happened, "Old ZQX-CLEAR words");
	int64_t sealed, other;
	assert_true(app_sg_seal_clear(f->s, &key, &sealed, &other));
	assert_int_equal(sealed, 2); /* the concern and its note */
	assert_int_equal(other, 0);
	assert_int_equal(store_sg_concern(f->s, pa.id, old_id, &f->a, &raw), ST_OK);
	assert_string_equal(raw.seal_key_id, key.id);
	assert_null(strstr(raw.what_happened, "ZQX"));
	assert_int_equal(store_sg_entries(f->s, old_id, &f->a, &e, &n), ST_OK);
	assert_null(strstr(e[0].text, "ZQX"));
	assert_true(app_sg_concern(f->s, &key, &lead_actor, pa.id, lead, old_id, t0(), &f->a, &r,
	                           &err));
	assert_string_equal(r.concern.what_happened, "Old ZQX-CLEAR words");
	assert_string_equal(r.chronology[0].text, "Old ZQX-CLEAR note");
	assert_true(app_sg_seal_clear(f->s, &key, &sealed, &other));
	assert_int_equal(sealed, 0);
	/* A server with another key counts every sealed row as not its own. */
	assert_true(app_sg_seal_clear(f->s, &other_key, &sealed, &other));
	assert_int_equal(sealed, 0);
	assert_true(other >= 6); /* two concerns and their four lines */
	/* The list carries no text at all. */
	struct sg_list l;
	assert_true(app_sg_concerns(f->s, &lead_actor, pa.id, lead, &f->a, &l, &err));
	for (size_t i = 0; i < l.n; i++) assert_string_equal(l.concerns[i].what_happened, "");

	/* `emptychair copy` carries them sealed, with their key: they open in
	 * the copy as here. */
	char target[300];
	struct store *to = store_db_copy_checked(f->s, f->dir, &f->a, target, sizeof target);
	assert_int_equal(store_sg_concern(to, pa.id, id, &f->a, &raw), ST_OK);
	assert_null(strstr(raw.what_happened, "ZQX"));
	assert_true(app_sg_concern(to, &key, &lead_actor, pa.id, lead, id, t0() + 420, &f->a, &r,
	                           &err));
	assert_string_equal(r.concern.what_happened, "He said ZQX-WHAT to her after the meeting");
	assert_string_equal(r.chronology[1].text, "Rang ZQX-NOTE at once");
	store_close(to);
	testdb_drop(target);

	/* A sealed text moved to another concern of the panel does not open
	 * there: each seal is bound to its concern. */
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE safeguarding_concerns SET what_happened = (SELECT "
	         "what_happened FROM safeguarding_concerns WHERE id = %lld) WHERE id = %lld",
	         (long long)id, (long long)old_id);
	assert_true(testdb_exec(f->target, sql));
	assert_true(app_sg_concern(f->s, &key, &lead_actor, pa.id, lead, old_id, t0() + 480,
	                           &f->a, &r, &err));
	assert_null(strstr(r.concern.what_happened, "ZQX"));
	assert_non_null(strstr(r.concern.what_happened, "sealed with a key"));
}

/* PostgreSQL: a raise refused once for serialisation (a trigger here
 * raises it at the first line of chronology) is tried again whole, and the
 * concern is kept once, sealed once, and opens. */
static void a_raise_tried_again_is_sealed_once(void **state)
{
	struct store_fx *f = *state;
	if (!testdb_is_postgresql()) {
		print_message("SQLite: a write is refused only before it begins\n");
		skip();
	}
	assert_true(testdb_exec(f->target,
	    "CREATE SEQUENCE refuse_once; CREATE FUNCTION refuse_once() RETURNS trigger "
	    "LANGUAGE plpgsql AS $$ BEGIN IF nextval('refuse_once') = 1 THEN RAISE EXCEPTION "
	    "'once' USING ERRCODE = 'serialization_failure'; END IF; RETURN NEW; END $$; "
	    "CREATE TRIGGER refuse_once BEFORE INSERT ON safeguarding_entries FOR EACH ROW "
	    "EXECUTE FUNCTION refuse_once()"));
	int64_t id = raise(f, &pa, t0(), "Tried ZQR-AGAIN twice");
	struct sg_list l;
	struct app_error err;
	assert_true(app_sg_concerns(f->s, &lead_actor, pa.id, lead, &f->a, &l, &err));
	assert_int_equal(l.n, 1);
	struct sg_record r;
	assert_true(app_sg_concern(f->s, &key, &lead_actor, pa.id, lead, id, t0() + 60, &f->a, &r,
	                           &err));
	assert_string_equal(r.concern.what_happened, "Tried ZQR-AGAIN twice");
	assert_int_equal(r.n_chronology, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(only_leads_read_and_every_read_is_audited, setup,
		                                store_fx_teardown),
		cmocka_unit_test_setup_teardown(raising_needs_a_lead_and_a_day_not_ahead, setup,
		                                store_fx_teardown),
		cmocka_unit_test_setup_teardown(purged_after_each_panels_retention, setup,
		                                store_fx_teardown),
		cmocka_unit_test_setup_teardown(texts_are_sealed_at_rest, setup, store_fx_teardown),
		cmocka_unit_test_setup_teardown(a_raise_tried_again_is_sealed_once, setup,
		                                store_fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
