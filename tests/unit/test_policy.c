/* Unit tests for src/core/policy.c: every permission decision.
 *
 * The expected answers are written out below as a table, from the rules
 * stated in policy.h and PRODUCT.md, not derived from the code:
 *  - a non-member or a removed member may do nothing;
 *  - every member, paused or not, may view the panel;
 *  - stewards and co-creators (paused or active) may list and view members,
 *    guests may not;
 *  - an active steward may invite guests, and so may an active co-creator of
 *    a user-led panel;
 *  - managing, inviting members, changing roles, pausing, removing and
 *    editing the panel belong to active stewards only;
 *  - stewards and co-creators (paused too) see the panel's projects,
 *    meetings and contributions; guests only what they are invited to;
 *  - active co-creators and stewards propose agenda items and contribute;
 *  - running projects and meetings, recording contributions and adding
 *    papers belong to active stewards; answering contributions to active
 *    stewards and to active guests the panel names as responders;
 *  - co-creators and stewards see their own pay (paused too) and, when
 *    active, claim it; only active stewards run pay; guests have no pay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/policy.h"

enum { N_ROLES = 4, N_STATUSES = 3, N_HOSTINGS = 2 };

static const enum panel_role all_roles[N_ROLES] = {
	ROLE_NONE, ROLE_GUEST, ROLE_CO_CREATOR, ROLE_STEWARD };
static const enum member_status all_statuses[N_STATUSES] = {
	MEMBER_ACTIVE, MEMBER_PAUSED, MEMBER_REMOVED };
static const enum panel_hosting all_hostings[N_HOSTINGS] = {
	HOSTING_ORGANISATION, HOSTING_USER_LED };

/* For each action and hosting, one pattern of 4 groups (role none, guest,
 * co-creator, steward) of 3 letters (status active, paused, removed):
 * 'Y' allowed, '.' refused. */
static const struct {
	enum panel_action action;
	const char *organisation;
	const char *user_led;
} expected[] = {
	/*                      none guest co-c steward    none guest co-c steward */
	{ PA_VIEW_PANEL,      "... YY. YY. YY.",         "... YY. YY. YY." },
	{ PA_LIST_MEMBERS,    "... ... YY. YY.",         "... ... YY. YY." },
	{ PA_VIEW_MEMBER,     "... ... YY. YY.",         "... ... YY. YY." },
	{ PA_MANAGE_MEMBERS,  "... ... ... Y..",         "... ... ... Y.." },
	{ PA_INVITE_MEMBER,   "... ... ... Y..",         "... ... ... Y.." },
	{ PA_INVITE_GUEST,    "... ... ... Y..",         "... ... Y.. Y.." },
	{ PA_CHANGE_ROLE,     "... ... ... Y..",         "... ... ... Y.." },
	{ PA_PAUSE_MEMBER,    "... ... ... Y..",         "... ... ... Y.." },
	{ PA_REMOVE_MEMBER,   "... ... ... Y..",         "... ... ... Y.." },
	{ PA_EDIT_PANEL,      "... ... ... Y..",         "... ... ... Y.." },
	{ PA_VIEW_WORK,       "... ... YY. YY.",         "... ... YY. YY." },
	{ PA_MANAGE_PROJECTS, "... ... ... Y..",         "... ... ... Y.." },
	{ PA_MANAGE_MEETINGS, "... ... ... Y..",         "... ... ... Y.." },
	{ PA_PROPOSE_ITEM,    "... ... Y.. Y..",         "... ... Y.. Y.." },
	{ PA_CONTRIBUTE,      "... ... Y.. Y..",         "... ... Y.. Y.." },
	{ PA_RECORD_CONTRIBUTION, "... ... ... Y..",     "... ... ... Y.." },
	/* not named a responder; see responders_may_answer */
	{ PA_RESPOND,         "... ... ... Y..",         "... ... ... Y.." },
	{ PA_ADD_PAPER,       "... ... ... Y..",         "... ... ... Y.." },
	{ PA_VIEW_OWN_PAY,    "... ... YY. YY.",         "... ... YY. YY." },
	{ PA_CLAIM_PAY,       "... ... Y.. Y..",         "... ... Y.. Y.." },
	{ PA_MANAGE_PAY,      "... ... ... Y..",         "... ... ... Y.." },
	{ PA_VIEW_REPRESENTATION, "... ... YY. YY.",     "... ... YY. YY." },
	{ PA_MANAGE_TARGETS,  "... ... ... Y..",         "... ... ... Y.." },
	{ PA_VIEW_OPPORTUNITIES, "... ... YY. YY.",      "... ... YY. YY." },
	{ PA_EXPRESS_INTEREST, "... ... Y.. Y..",        "... ... Y.. Y.." },
	{ PA_MANAGE_OPPORTUNITIES, "... ... ... Y..",    "... ... Y.. Y.." },
	{ PA_VIEW_SUPPORT,    "... YY. YY. YY.",         "... YY. YY. YY." },
	{ PA_MANAGE_SUPPORT,  "... ... ... Y..",         "... ... ... Y.." },
	{ PA_RAISE_CONCERN,   "... YY. YY. YY.",         "... YY. YY. YY." },
	{ PA_MANAGE_SAFEGUARDING, "... ... ... Y..",     "... ... ... Y.." },
	{ PA_RATE_STANDARDS,  "... ... Y.. Y..",         "... ... Y.. Y.." },
	{ PA_MANAGE_REPORTS,  "... ... ... Y..",         "... ... ... Y.." },
	{ PA_WRITE_CASE_STUDIES, "... ... Y.. Y..",      "... ... Y.. Y.." },
	{ PA_PUBLISH_CASE_STUDIES, "... ... ... Y..",    "... ... ... Y.." },
};

static bool expected_answer(enum panel_action action, enum panel_role role,
                            enum member_status status, enum panel_hosting hosting)
{
	for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
		if (expected[i].action != action) continue;
		const char *pattern = hosting == HOSTING_USER_LED ? expected[i].user_led
		                                                  : expected[i].organisation;
		/* groups are 3 letters plus a space */
		char c = pattern[(size_t)role * 4 + (size_t)status];
		assert_true(c == 'Y' || c == '.');
		return c == 'Y';
	}
	fail_msg("no expected row for action %d", (int)action);
	return false;
}

static void table_covers_every_action_once(void **state)
{
	(void)state;
	assert_int_equal(sizeof expected / sizeof expected[0], PA__COUNT);
	for (int a = 0; a < PA__COUNT; a++) {
		int seen = 0;
		for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
			if ((int)expected[i].action == a) seen++;
		assert_int_equal(seen, 1);
	}
}

static void allows_matches_table(void **state)
{
	(void)state;
	int checked = 0;
	for (int a = 0; a < PA__COUNT; a++)
		for (int r = 0; r < N_ROLES; r++)
			for (int s = 0; s < N_STATUSES; s++)
				for (int h = 0; h < N_HOSTINGS; h++) {
					/* a user-led panel here lets its co-creators post
					 * opportunities; the next test, one that does not */
					struct panel_actor actor = { all_roles[r], all_statuses[s],
					                             all_hostings[h], false,
					                             all_hostings[h] == HOSTING_USER_LED };
					bool want = expected_answer((enum panel_action)a, actor.role,
					                            actor.status, actor.hosting);
					bool got = policy_allows(&actor, (enum panel_action)a);
					if (want != got)
						fail_msg("%s: role %s, status %s, hosting %s: expected %s",
						         panel_action_name((enum panel_action)a),
						         role_key(actor.role), status_key(actor.status),
						         hosting_key(actor.hosting),
						         want ? "allowed" : "refused");
					checked++;
				}
	assert_int_equal(checked, PA__COUNT * N_ROLES * N_STATUSES * N_HOSTINGS);
}

/* Opportunities: a user-led panel decides whether its co-creators post
 * them; whoever came forward does not run the draw; only stewards give up
 * someone else's place and see who came forward. */
static void opportunities_are_run_fairly(void **state)
{
	(void)state;
	struct panel_actor co = { ROLE_CO_CREATOR, MEMBER_ACTIVE, HOSTING_USER_LED, false, false };
	assert_false(policy_allows(&co, PA_MANAGE_OPPORTUNITIES));
	assert_true(policy_allows(&co, PA_EXPRESS_INTEREST));
	co.co_creators_post = true;
	assert_true(policy_allows(&co, PA_MANAGE_OPPORTUNITIES));
	assert_true(policy_may_run_draw(&co, false));
	assert_false(policy_may_run_draw(&co, true));
	assert_false(policy_may_give_up_for(&co));
	assert_false(policy_sees_interest(&co));
	/* in a panel hosted by an organisation the setting does nothing */
	co.hosting = HOSTING_ORGANISATION;
	assert_false(policy_allows(&co, PA_MANAGE_OPPORTUNITIES));
	struct panel_actor steward = { ROLE_STEWARD, MEMBER_ACTIVE, HOSTING_ORGANISATION, false,
	                               false };
	assert_true(policy_may_run_draw(&steward, false));
	assert_false(policy_may_run_draw(&steward, true));
	assert_true(policy_may_give_up_for(&steward));
	assert_true(policy_sees_interest(&steward));
	steward.status = MEMBER_PAUSED;
	assert_false(policy_may_run_draw(&steward, false));
	assert_false(policy_may_give_up_for(&steward));
	struct panel_actor guest = { ROLE_GUEST, MEMBER_ACTIVE, HOSTING_USER_LED, false, true };
	assert_false(policy_allows(&guest, PA_VIEW_OPPORTUNITIES));
	assert_false(policy_may_run_draw(&guest, false));
}

/* Follow-ups after check-ins: only the named support person, or while
 * the panel names none its active stewards; never anyone else. */
static void follow_ups_are_seen_by_one_person(void **state)
{
	(void)state;
	static const enum panel_role roles[] = { ROLE_NONE, ROLE_GUEST, ROLE_CO_CREATOR,
	                                         ROLE_STEWARD };
	static const enum member_status statuses[] = { MEMBER_ACTIVE, MEMBER_PAUSED,
	                                               MEMBER_REMOVED };
	int allowed = 0;
	for (size_t r = 0; r < 4; r++)
		for (size_t st = 0; st < 3; st++) {
			struct panel_actor a = { roles[r], statuses[st], HOSTING_ORGANISATION, false,
			                         false };
			bool active_member = roles[r] != ROLE_NONE && statuses[st] == MEMBER_ACTIVE;
			/* named: only the support person, whatever their role */
			assert_int_equal(policy_sees_follow_ups(&a, true, true), active_member);
			assert_false(policy_sees_follow_ups(&a, false, true));
			/* none named: the active stewards */
			assert_int_equal(policy_sees_follow_ups(&a, false, false),
			                 active_member && roles[r] == ROLE_STEWARD);
			assert_int_equal(policy_may_be_support_person(roles[r], statuses[st]),
			                 active_member);
			allowed += policy_sees_follow_ups(&a, false, false);
		}
	assert_int_equal(allowed, 1);
	/* a check-in, like a reflection, is for those who came */
	struct panel_actor co = { ROLE_CO_CREATOR, MEMBER_ACTIVE, HOSTING_ORGANISATION, false,
	                          false };
	assert_true(policy_can_check_in(&co, false, true));
	assert_false(policy_can_check_in(&co, false, false));
	struct panel_actor guest = { ROLE_GUEST, MEMBER_ACTIVE, HOSTING_ORGANISATION, false, false };
	assert_false(policy_can_check_in(&guest, false, true));
	assert_true(policy_can_check_in(&guest, true, true));
}

/* Funder reports: shared ones for all who see the work (paused members
 * included, guests not); drafts only for active stewards. */
static void drafts_of_reports_are_the_stewards(void **state)
{
	(void)state;
	for (size_t r = 0; r < N_ROLES; r++)
		for (size_t st = 0; st < N_STATUSES; st++) {
			struct panel_actor a = { all_roles[r], all_statuses[st], HOSTING_USER_LED, false,
			                         true };
			bool member = (all_roles[r] == ROLE_CO_CREATOR || all_roles[r] == ROLE_STEWARD) &&
			              all_statuses[st] != MEMBER_REMOVED;
			assert_int_equal(policy_sees_report(&a, true), member);
			assert_int_equal(policy_sees_report(&a, false),
			                 all_roles[r] == ROLE_STEWARD && all_statuses[st] == MEMBER_ACTIVE);
		}
}

/* Concerns: only the panel's leads read them, whatever else they are. */
static void only_leads_read_concerns(void **state)
{
	(void)state;
	static const enum panel_role roles[] = { ROLE_NONE, ROLE_GUEST, ROLE_CO_CREATOR,
	                                         ROLE_STEWARD };
	static const enum member_status statuses[] = { MEMBER_ACTIVE, MEMBER_PAUSED,
	                                               MEMBER_REMOVED };
	for (size_t r = 0; r < 4; r++)
		for (size_t st = 0; st < 3; st++) {
			struct panel_actor a = { roles[r], statuses[st], HOSTING_USER_LED, true, true };
			bool active_member = roles[r] != ROLE_NONE && statuses[st] == MEMBER_ACTIVE;
			assert_false(policy_reads_concerns(&a, false)); /* stewards too */
			assert_int_equal(policy_reads_concerns(&a, true), active_member);
			assert_int_equal(policy_may_be_safeguarding_lead(roles[r], statuses[st]),
			                 active_member);
		}
}

static void unknown_action_is_refused(void **state)
{
	(void)state;
	struct panel_actor steward = { ROLE_STEWARD, MEMBER_ACTIVE, HOSTING_USER_LED, false, false };
	assert_false(policy_allows(&steward, PA__COUNT));
}

static void hides_panel_from_non_members_and_removed(void **state)
{
	(void)state;
	for (int r = 0; r < N_ROLES; r++)
		for (int s = 0; s < N_STATUSES; s++)
			for (int h = 0; h < N_HOSTINGS; h++) {
				struct panel_actor actor = { all_roles[r], all_statuses[s],
				                             all_hostings[h], false, false };
				bool want = actor.role == ROLE_NONE || actor.status == MEMBER_REMOVED;
				assert_int_equal(policy_hides_panel(&actor), want);
			}
}

/* Being named a responder lets an active guest answer contributions and
 * changes nothing else, for any role. */
static void responders_may_answer(void **state)
{
	(void)state;
	for (int r = 0; r < N_ROLES; r++)
		for (int s = 0; s < N_STATUSES; s++)
			for (int a = 0; a < PA__COUNT; a++) {
				struct panel_actor plain = { all_roles[r], all_statuses[s],
				                             HOSTING_ORGANISATION, false, false };
				struct panel_actor named = plain;
				named.responder = true;
				bool want = policy_allows(&plain, (enum panel_action)a);
				if (a == PA_RESPOND && all_roles[r] == ROLE_GUEST &&
				    all_statuses[s] == MEMBER_ACTIVE)
					want = true;
				assert_int_equal(policy_allows(&named, (enum panel_action)a), want);
			}
	assert_true(policy_can_own_responses(ROLE_STEWARD, MEMBER_ACTIVE, false));
	assert_true(policy_can_own_responses(ROLE_GUEST, MEMBER_ACTIVE, true));
	assert_false(policy_can_own_responses(ROLE_GUEST, MEMBER_ACTIVE, false));
	assert_false(policy_can_own_responses(ROLE_GUEST, MEMBER_PAUSED, true));
	assert_false(policy_can_own_responses(ROLE_CO_CREATOR, MEMBER_ACTIVE, true));
	assert_false(policy_can_own_responses(ROLE_STEWARD, MEMBER_PAUSED, false));
	assert_false(policy_can_own_responses(ROLE_NONE, MEMBER_ACTIVE, true));
}

/* Meetings, papers, reflections and contributions, for every role and
 * status, invited to the meeting or not. Expected, per role (none, guest,
 * co-creator, steward) and status (active, paused, removed), as letters:
 * see meeting / reply / see published paper / see draft paper / reflect
 * when attended / see a contribution they do not own / one they own. */
static void meeting_and_contribution_rules(void **state)
{
	(void)state;
	static const struct {
		enum panel_role role;
		enum member_status status;
		bool invited;
		const char *want; /* 7 letters, Y or . */
	} rows[] = {
		{ ROLE_NONE, MEMBER_ACTIVE, true, "......." },
		{ ROLE_GUEST, MEMBER_ACTIVE, false, "......Y" },
		{ ROLE_GUEST, MEMBER_ACTIVE, true, "YYY.Y.Y" },
		{ ROLE_GUEST, MEMBER_PAUSED, true, "Y.Y.Y.Y" },
		{ ROLE_GUEST, MEMBER_REMOVED, true, "......." },
		{ ROLE_CO_CREATOR, MEMBER_ACTIVE, false, "YYY.YYY" },
		{ ROLE_CO_CREATOR, MEMBER_PAUSED, false, "Y.Y.YYY" },
		{ ROLE_CO_CREATOR, MEMBER_REMOVED, false, "......." },
		{ ROLE_STEWARD, MEMBER_ACTIVE, false, "YYYYYYY" },
		{ ROLE_STEWARD, MEMBER_PAUSED, false, "Y.Y.YYY" },
		{ ROLE_STEWARD, MEMBER_REMOVED, true, "......." },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct panel_actor a = { rows[i].role, rows[i].status, HOSTING_ORGANISATION, false, false };
		bool inv = rows[i].invited;
		bool got[7] = {
			policy_can_see_meeting(&a, inv),
			policy_can_reply_to_meeting(&a, inv),
			policy_can_see_paper(&a, inv, true),
			policy_can_see_paper(&a, inv, false),
			policy_can_reflect(&a, inv, true),
			policy_can_see_contribution(&a, false),
			policy_can_see_contribution(&a, true),
		};
		for (int k = 0; k < 7; k++)
			if (got[k] != (rows[i].want[k] == 'Y'))
				fail_msg("row %zu (%s, %s, invited %d), rule %d: expected %c", i,
				         role_key(a.role), status_key(a.status), inv, k, rows[i].want[k]);
		/* Nobody reflects on a meeting they did not attend. */
		assert_false(policy_can_reflect(&a, inv, false));
	}
}

static void action_names_are_distinct(void **state)
{
	(void)state;
	for (int a = 0; a < PA__COUNT; a++) {
		const char *n = panel_action_name((enum panel_action)a);
		assert_non_null(n);
		assert_string_not_equal(n, "?");
		assert_true(strlen(n) > 0);
		for (int b = 0; b < a; b++)
			assert_string_not_equal(n, panel_action_name((enum panel_action)b));
	}
	assert_string_equal(panel_action_name(PA__COUNT), "?");
}

/* ---- profile field visibility ---- */

static void can_see_field_table(void **state)
{
	(void)state;
	/* rows: relation; columns: VIS_SELF, VIS_STEWARDS, VIS_PANEL */
	static const struct {
		enum viewer_relation rel;
		bool self, stewards, panel;
	} rows[] = {
		{ REL_NONE,      false, false, false },
		{ REL_GUEST,     false, false, false },
		{ REL_CO_MEMBER, false, false, true },
		{ REL_STEWARD,   false, true,  true },
		{ REL_SELF,      true,  true,  true },
	};
	assert_int_equal(sizeof rows / sizeof rows[0], REL_SELF + 1);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		assert_int_equal(policy_can_see_field(rows[i].rel, VIS_SELF), rows[i].self);
		assert_int_equal(policy_can_see_field(rows[i].rel, VIS_STEWARDS), rows[i].stewards);
		assert_int_equal(policy_can_see_field(rows[i].rel, VIS_PANEL), rows[i].panel);
	}
}

static void can_see_person(void **state)
{
	(void)state;
	assert_false(policy_can_see_person(REL_NONE));
	assert_true(policy_can_see_person(REL_GUEST));
	assert_true(policy_can_see_person(REL_CO_MEMBER));
	assert_true(policy_can_see_person(REL_STEWARD));
	assert_true(policy_can_see_person(REL_SELF));
}

/* ---- a panel keeps an active steward ---- */

static void last_steward_cannot_step_away(void **state)
{
	(void)state;
	/* The only active steward demoted, paused or removed: refused. */
	assert_false(policy_keeps_a_steward(1, ROLE_STEWARD, MEMBER_ACTIVE,
	                                    ROLE_CO_CREATOR, MEMBER_ACTIVE));
	assert_false(policy_keeps_a_steward(1, ROLE_STEWARD, MEMBER_ACTIVE,
	                                    ROLE_GUEST, MEMBER_ACTIVE));
	assert_false(policy_keeps_a_steward(1, ROLE_STEWARD, MEMBER_ACTIVE,
	                                    ROLE_STEWARD, MEMBER_PAUSED));
	assert_false(policy_keeps_a_steward(1, ROLE_STEWARD, MEMBER_ACTIVE,
	                                    ROLE_STEWARD, MEMBER_REMOVED));
	assert_false(policy_keeps_a_steward(1, ROLE_STEWARD, MEMBER_ACTIVE,
	                                    ROLE_CO_CREATOR, MEMBER_REMOVED));
	/* Staying an active steward is always fine. */
	assert_true(policy_keeps_a_steward(1, ROLE_STEWARD, MEMBER_ACTIVE,
	                                   ROLE_STEWARD, MEMBER_ACTIVE));
}

static void one_of_two_stewards_may_step_away(void **state)
{
	(void)state;
	assert_true(policy_keeps_a_steward(2, ROLE_STEWARD, MEMBER_ACTIVE,
	                                   ROLE_CO_CREATOR, MEMBER_ACTIVE));
	assert_true(policy_keeps_a_steward(2, ROLE_STEWARD, MEMBER_ACTIVE,
	                                   ROLE_STEWARD, MEMBER_PAUSED));
	assert_true(policy_keeps_a_steward(2, ROLE_STEWARD, MEMBER_ACTIVE,
	                                   ROLE_STEWARD, MEMBER_REMOVED));
	assert_true(policy_keeps_a_steward(5, ROLE_STEWARD, MEMBER_ACTIVE,
	                                   ROLE_GUEST, MEMBER_ACTIVE));
}

static void changes_to_others_are_fine(void **state)
{
	(void)state;
	/* Members who are not active stewards do not count towards the rule,
	 * whatever the current count (even 0, say after a data repair). */
	for (int count = 0; count <= 2; count++) {
		for (int r = 1; r < N_ROLES; r++)
			for (int s = 0; s < N_STATUSES; s++) {
				enum panel_role from_role = all_roles[r];
				enum member_status from_status = all_statuses[s];
				if (from_role == ROLE_STEWARD && from_status == MEMBER_ACTIVE) continue;
				for (int r2 = 1; r2 < N_ROLES; r2++)
					for (int s2 = 0; s2 < N_STATUSES; s2++)
						assert_true(policy_keeps_a_steward(count, from_role, from_status,
						                                   all_roles[r2],
						                                   all_statuses[s2]));
			}
	}
	/* A paused steward made active again adds a steward. */
	assert_true(policy_keeps_a_steward(0, ROLE_STEWARD, MEMBER_PAUSED,
	                                   ROLE_STEWARD, MEMBER_ACTIVE));
}

/* ---- names ---- */

/* Issue 17: money needs four eyes where there are four; a removed or
 * paused member comes back only by a steward; a pause is shown to stewards
 * and the member alone. */
/* Undelivered messages: an active steward reads the invitations and
 * sign-in links stewards make, never a notice; nobody else reads any. */
static void undelivered_messages_are_read_by_kind(void **state)
{
	(void)state;
	static const char *const kinds[] = { "invitation", "sign_in", "notice", "reset", "digest" };
	static const bool steward_reads[] = { true, true, false, false, false };
	for (int h = HOSTING_ORGANISATION; h <= HOSTING_USER_LED; h++)
		for (int r = ROLE_NONE; r <= ROLE_STEWARD; r++)
			for (int st = MEMBER_ACTIVE; st <= MEMBER_REMOVED; st++)
				for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
					struct panel_actor a = { (enum panel_role)r, (enum member_status)st,
					                         (enum panel_hosting)h, false, false };
					bool want = r == ROLE_STEWARD && st == MEMBER_ACTIVE && steward_reads[k];
					if (policy_shows_undelivered(&a, kinds[k]) != want)
						fail_msg("role %d status %d hosting %d kind %s: want %d", r, st, h,
						         kinds[k], want);
				}
}

/* A one-time link to set a password: made by an active steward, only for
 * a co-creator or guest still on the panel who is not an administrator. */
static void sign_in_links_only_for_members_without_more_power(void **state)
{
	(void)state;
	for (int h = HOSTING_ORGANISATION; h <= HOSTING_USER_LED; h++)
		for (int r = ROLE_NONE; r <= ROLE_STEWARD; r++)
			for (int st = MEMBER_ACTIVE; st <= MEMBER_REMOVED; st++)
				for (int tr = ROLE_NONE; tr <= ROLE_STEWARD; tr++)
					for (int ts = MEMBER_ACTIVE; ts <= MEMBER_REMOVED; ts++)
						for (int admin = 0; admin < 2; admin++) {
							struct panel_actor a = { (enum panel_role)r,
							                         (enum member_status)st,
							                         (enum panel_hosting)h, false, false };
							bool want = r == ROLE_STEWARD && st == MEMBER_ACTIVE && !admin &&
							            (tr == ROLE_CO_CREATOR || tr == ROLE_GUEST) &&
							            ts != MEMBER_REMOVED;
							if (policy_may_make_sign_in_link(&a, (enum panel_role)tr,
							                                 (enum member_status)ts,
							                                 admin) != want)
								fail_msg("actor %d/%d target %d/%d admin %d: want %d", r, st,
								         tr, ts, admin, want);
						}
}

static void money_readmission_and_pauses(void **state)
{
	(void)state;
	assert_true(policy_may_pay_self(false, 1));
	assert_true(policy_may_pay_self(false, 3));
	assert_true(policy_may_pay_self(true, 1));   /* the only steward */
	assert_true(policy_may_pay_self(true, 0));
	assert_false(policy_may_pay_self(true, 2));
	assert_false(policy_may_pay_self(true, 7));
	assert_true(policy_may_readmit(ROLE_STEWARD, MEMBER_ACTIVE));
	assert_false(policy_may_readmit(ROLE_STEWARD, MEMBER_PAUSED));
	assert_false(policy_may_readmit(ROLE_CO_CREATOR, MEMBER_ACTIVE));
	assert_false(policy_may_readmit(ROLE_GUEST, MEMBER_ACTIVE));
	for (int h = HOSTING_ORGANISATION; h <= HOSTING_USER_LED; h++) {
		struct panel_actor steward = { .role = ROLE_STEWARD, .status = MEMBER_ACTIVE,
		                               .hosting = (enum panel_hosting)h };
		struct panel_actor co = { .role = ROLE_CO_CREATOR, .status = MEMBER_ACTIVE,
		                          .hosting = (enum panel_hosting)h };
		struct panel_actor guest = { .role = ROLE_GUEST, .status = MEMBER_ACTIVE,
		                             .hosting = (enum panel_hosting)h };
		assert_true(policy_sees_member_status(&steward, false));
		assert_false(policy_sees_member_status(&co, false));
		assert_false(policy_sees_member_status(&guest, false));
		assert_true(policy_sees_member_status(&co, true));
		assert_true(policy_sees_member_status(&guest, true));
	}
}

static void role_names(void **state)
{
	(void)state;
	/* Keys are stored in the database (CHECK constraints in the
	 * migrations) and used in URLs and the API: they are a contract. */
	assert_string_equal(role_key(ROLE_GUEST), "guest");
	assert_string_equal(role_key(ROLE_CO_CREATOR), "co_creator");
	assert_string_equal(role_key(ROLE_STEWARD), "steward");
	for (int r = 1; r < N_ROLES; r++) {
		enum panel_role out = ROLE_NONE;
		assert_true(role_parse(role_key(all_roles[r]), &out));
		assert_int_equal(out, all_roles[r]);
		assert_true(strlen(role_label(all_roles[r])) > 0);
		assert_string_not_equal(role_label(all_roles[r]), "?");
	}
	enum panel_role out = ROLE_GUEST;
	/* "none" is a state, never a role someone can be given. */
	assert_false(role_parse("none", &out));
	assert_false(role_parse("", &out));
	assert_false(role_parse(NULL, &out));
	assert_false(role_parse("Steward", &out));
	assert_false(role_parse("steward ", &out));
	assert_false(role_parse("admin", &out));
	assert_false(role_parse("co-creator", &out));
	assert_string_equal(role_key((enum panel_role)99), "?");
	assert_string_equal(role_label((enum panel_role)-1), "?");
}

static void status_names(void **state)
{
	(void)state;
	assert_string_equal(status_key(MEMBER_ACTIVE), "active");
	assert_string_equal(status_key(MEMBER_PAUSED), "paused");
	assert_string_equal(status_key(MEMBER_REMOVED), "removed");
	for (int s = 0; s < N_STATUSES; s++) {
		enum member_status out = (enum member_status)-1;
		assert_true(status_parse(status_key(all_statuses[s]), &out));
		assert_int_equal(out, all_statuses[s]);
		assert_true(strlen(status_label(all_statuses[s])) > 0);
		assert_string_not_equal(status_label(all_statuses[s]), "?");
	}
	enum member_status out;
	assert_false(status_parse("Active", &out));
	assert_false(status_parse("deleted", &out));
	assert_false(status_parse("", &out));
	assert_false(status_parse(NULL, &out));
	assert_string_equal(status_key((enum member_status)3), "?");
}

static void visibility_names(void **state)
{
	(void)state;
	const enum visibility all[] = { VIS_SELF, VIS_STEWARDS, VIS_PANEL };
	assert_string_equal(visibility_key(VIS_SELF), "self");
	assert_string_equal(visibility_key(VIS_STEWARDS), "stewards");
	assert_string_equal(visibility_key(VIS_PANEL), "panel");
	for (size_t i = 0; i < 3; i++) {
		enum visibility out = (enum visibility)-1;
		assert_true(visibility_parse(visibility_key(all[i]), &out));
		assert_int_equal(out, all[i]);
		assert_true(strlen(visibility_label(all[i])) > 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(visibility_label(all[i]), visibility_label(all[j]));
	}
	enum visibility out;
	assert_false(visibility_parse("everyone", &out));
	assert_false(visibility_parse("public", &out));
	assert_false(visibility_parse("", &out));
	assert_false(visibility_parse(NULL, &out));
	assert_string_equal(visibility_key((enum visibility)7), "?");
}

static void hosting_names(void **state)
{
	(void)state;
	assert_string_equal(hosting_key(HOSTING_ORGANISATION), "organisation");
	assert_string_equal(hosting_key(HOSTING_USER_LED), "user_led");
	for (int h = 0; h < N_HOSTINGS; h++) {
		enum panel_hosting out = (enum panel_hosting)-1;
		assert_true(hosting_parse(hosting_key(all_hostings[h]), &out));
		assert_int_equal(out, all_hostings[h]);
		assert_true(strlen(hosting_label(all_hostings[h])) > 0);
	}
	assert_string_not_equal(hosting_label(HOSTING_ORGANISATION),
	                        hosting_label(HOSTING_USER_LED));
	enum panel_hosting out;
	assert_false(hosting_parse("user-led", &out));
	assert_false(hosting_parse("organization", &out));
	assert_false(hosting_parse("", &out));
	assert_false(hosting_parse(NULL, &out));
	assert_string_equal(hosting_label((enum panel_hosting)2), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_covers_every_action_once),
		cmocka_unit_test(allows_matches_table),
		cmocka_unit_test(money_readmission_and_pauses),
		cmocka_unit_test(undelivered_messages_are_read_by_kind),
		cmocka_unit_test(sign_in_links_only_for_members_without_more_power),
		cmocka_unit_test(opportunities_are_run_fairly),
		cmocka_unit_test(follow_ups_are_seen_by_one_person),
		cmocka_unit_test(only_leads_read_concerns),
		cmocka_unit_test(unknown_action_is_refused),
		cmocka_unit_test(hides_panel_from_non_members_and_removed),
		cmocka_unit_test(action_names_are_distinct),
		cmocka_unit_test(responders_may_answer),
		cmocka_unit_test(meeting_and_contribution_rules),
		cmocka_unit_test(can_see_field_table),
		cmocka_unit_test(can_see_person),
		cmocka_unit_test(last_steward_cannot_step_away),
		cmocka_unit_test(one_of_two_stewards_may_step_away),
		cmocka_unit_test(changes_to_others_are_fine),
		cmocka_unit_test(role_names),
		cmocka_unit_test(drafts_of_reports_are_the_stewards),
		cmocka_unit_test(status_names),
		cmocka_unit_test(visibility_names),
		cmocka_unit_test(hosting_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
