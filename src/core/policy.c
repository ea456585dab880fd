#include "core/policy.h"

#include <string.h>

#include "core/lang.h"
#include "core/names.h"

static const char *const action_names[PA__COUNT] = {
	[PA_VIEW_PANEL] = "view_panel",
	[PA_LIST_MEMBERS] = "list_members",
	[PA_VIEW_MEMBER] = "view_member",
	[PA_MANAGE_MEMBERS] = "manage_members",
	[PA_INVITE_MEMBER] = "invite_member",
	[PA_INVITE_GUEST] = "invite_guest",
	[PA_CHANGE_ROLE] = "change_role",
	[PA_PAUSE_MEMBER] = "pause_member",
	[PA_REMOVE_MEMBER] = "remove_member",
	[PA_EDIT_PANEL] = "edit_panel",
	[PA_VIEW_WORK] = "view_work",
	[PA_MANAGE_PROJECTS] = "manage_projects",
	[PA_MANAGE_MEETINGS] = "manage_meetings",
	[PA_PROPOSE_ITEM] = "propose_item",
	[PA_CONTRIBUTE] = "contribute",
	[PA_RECORD_CONTRIBUTION] = "record_contribution",
	[PA_RESPOND] = "respond",
	[PA_ADD_PAPER] = "add_paper",
	[PA_VIEW_OWN_PAY] = "view_own_pay",
	[PA_CLAIM_PAY] = "claim_pay",
	[PA_MANAGE_PAY] = "manage_pay",
	[PA_VIEW_REPRESENTATION] = "view_representation",
	[PA_MANAGE_TARGETS] = "manage_targets",
	[PA_VIEW_OPPORTUNITIES] = "view_opportunities",
	[PA_EXPRESS_INTEREST] = "express_interest",
	[PA_MANAGE_OPPORTUNITIES] = "manage_opportunities",
	[PA_VIEW_SUPPORT] = "view_support",
	[PA_MANAGE_SUPPORT] = "manage_support",
	[PA_RAISE_CONCERN] = "raise_concern",
	[PA_MANAGE_SAFEGUARDING] = "manage_safeguarding",
	[PA_RATE_STANDARDS] = "rate_standards",
	[PA_MANAGE_REPORTS] = "manage_reports",
	[PA_WRITE_CASE_STUDIES] = "write_case_studies",
	[PA_PUBLISH_CASE_STUDIES] = "publish_case_studies",
};

const char *panel_action_name(enum panel_action a)
{
	return (a >= 0 && a < PA__COUNT) ? action_names[a] : "?";
}

bool policy_hides_panel(const struct panel_actor *actor)
{
	return actor->role == ROLE_NONE || actor->status == MEMBER_REMOVED;
}

bool policy_allows(const struct panel_actor *actor, enum panel_action action)
{
	if (policy_hides_panel(actor)) return false;
	bool active = actor->status == MEMBER_ACTIVE;
	bool steward = actor->role == ROLE_STEWARD;
	bool co_creator = actor->role == ROLE_CO_CREATOR;

	switch (action) {
	case PA_VIEW_PANEL:
		return true; /* every member, paused ones included */
	case PA_LIST_MEMBERS:
	case PA_VIEW_MEMBER:
		/* Guests are invited professionals; who sits on a panel (say, a
		 * mental-health panel) is the members' own business. */
		return steward || co_creator;
	case PA_INVITE_GUEST:
		/* Seed 004: people with lived experience invite the professionals.
		 * In a user-led panel any active co-creator may. */
		if (active && co_creator && actor->hosting == HOSTING_USER_LED) return true;
		return active && steward;
	case PA_VIEW_OWN_PAY:
		/* Guests are paid by their employers, not the panel. */
		return steward || co_creator;
	case PA_CLAIM_PAY:
		return active && (steward || co_creator);
	case PA_VIEW_OPPORTUNITIES:
		/* Paid places are for the panel's own people, not its guests. */
		return steward || co_creator;
	case PA_EXPRESS_INTEREST:
		return active && (steward || co_creator);
	case PA_MANAGE_OPPORTUNITIES:
		/* Seed 003: not always the same trusted few. A user-led panel may
		 * let any active co-creator post one and run its draw. */
		if (active && co_creator && actor->hosting == HOSTING_USER_LED && actor->co_creators_post)
			return true;
		return active && steward;
	case PA_VIEW_REPRESENTATION:
		/* Who the panel is for is the members' business, paused ones
		 * included; guests are invited professionals. */
		return steward || co_creator;
	case PA_VIEW_SUPPORT:
		/* Everyone on the panel, guests and paused members included:
		 * support is for anyone a meeting touched. */
	case PA_RAISE_CONCERN:
		/* Anyone on the panel may be worried about someone. */
		return true;
	case PA_VIEW_WORK:
		/* Guests reach only what they are invited to, through the
		 * finer checks below, never a panel's whole body of work. */
		return steward || co_creator;
	case PA_PROPOSE_ITEM:
	case PA_CONTRIBUTE:
	case PA_RATE_STANDARDS:
	case PA_WRITE_CASE_STUDIES:
		/* Paused members may look but are not asked to act. */
		return active && (steward || co_creator);
	case PA_RESPOND:
		return policy_can_own_responses(actor->role, actor->status, actor->responder);
	case PA_MANAGE_MEMBERS:
	case PA_INVITE_MEMBER:
	case PA_CHANGE_ROLE:
	case PA_PAUSE_MEMBER:
	case PA_REMOVE_MEMBER:
	case PA_EDIT_PANEL:
	case PA_MANAGE_PROJECTS:
	case PA_MANAGE_MEETINGS:
	case PA_RECORD_CONTRIBUTION:
	case PA_ADD_PAPER:
	case PA_MANAGE_PAY:
	case PA_MANAGE_TARGETS:
	case PA_MANAGE_SUPPORT:
	case PA_MANAGE_SAFEGUARDING:
	case PA_MANAGE_REPORTS:
	case PA_PUBLISH_CASE_STUDIES:
		return active && steward;
	case PA__COUNT:
		break;
	}
	return false;
}

bool policy_sees_report(const struct panel_actor *actor, bool shared)
{
	return policy_allows(actor, shared ? PA_VIEW_WORK : PA_MANAGE_REPORTS);
}

bool policy_can_see_meeting(const struct panel_actor *actor, bool invited)
{
	if (policy_hides_panel(actor)) return false;
	if (actor->role == ROLE_GUEST) return invited;
	return true;
}

bool policy_can_reply_to_meeting(const struct panel_actor *actor, bool invited)
{
	return policy_can_see_meeting(actor, invited) && actor->status == MEMBER_ACTIVE;
}

bool policy_can_see_paper(const struct panel_actor *actor, bool invited, bool published)
{
	/* Papers for everyone: once published, no meeting paper is kept from
	 * any co-creator, steward or invited guest. */
	if (!policy_can_see_meeting(actor, invited)) return false;
	return published || policy_allows(actor, PA_ADD_PAPER);
}

bool policy_can_reflect(const struct panel_actor *actor, bool invited, bool attended)
{
	return policy_can_see_meeting(actor, invited) && attended;
}

bool policy_can_see_contribution(const struct panel_actor *actor, bool is_owner)
{
	if (policy_hides_panel(actor)) return false;
	if (actor->role == ROLE_GUEST) return is_owner;
	return true;
}

bool policy_can_own_responses(enum panel_role role, enum member_status status, bool responder)
{
	if (status != MEMBER_ACTIVE) return false;
	return role == ROLE_STEWARD || (role == ROLE_GUEST && responder);
}

bool policy_can_see_field(enum viewer_relation rel, enum visibility vis)
{
	switch (rel) {
	case REL_SELF:
		return true;
	case REL_STEWARD:
		return vis == VIS_STEWARDS || vis == VIS_PANEL;
	case REL_CO_MEMBER:
		return vis == VIS_PANEL;
	case REL_GUEST:
	case REL_NONE:
		return false;
	}
	return false;
}

bool policy_can_see_person(enum viewer_relation rel)
{
	return rel != REL_NONE;
}

bool policy_sees_member_status(const struct panel_actor *actor, bool self)
{
	return self || policy_allows(actor, PA_PAUSE_MEMBER);
}

bool policy_may_readmit(enum panel_role inviter_role, enum member_status inviter_status)
{
	return inviter_role == ROLE_STEWARD && inviter_status == MEMBER_ACTIVE;
}

bool policy_may_pay_self(bool own, int active_stewards)
{
	return !own || active_stewards < 2;
}

bool policy_keeps_a_steward(int active_stewards, enum panel_role from_role,
                            enum member_status from_status,
                            enum panel_role to_role, enum member_status to_status)
{
	bool was = from_role == ROLE_STEWARD && from_status == MEMBER_ACTIVE;
	bool will = to_role == ROLE_STEWARD && to_status == MEMBER_ACTIVE;
	if (!was || will) return true;
	return active_stewards > 1;
}

/* Labels marked for translation: shown through _(role_label(...)),
 * _(status_label(...)), _(visibility_label(...)), _(hosting_label(...)). */
static const struct name_pair roles[] = {
	[ROLE_NONE] = { "none", N_("Not a member") },
	[ROLE_GUEST] = { "guest", N_("Guest") },
	[ROLE_CO_CREATOR] = { "co_creator", N_("Co-creator") },
	[ROLE_STEWARD] = { "steward", N_("Steward") },
};
static const struct name_pair statuses[] = {
	/* TRANSLATORS: a member's status on a panel */
	[MEMBER_ACTIVE] = { "active", N_("Active") },
	[MEMBER_PAUSED] = { "paused", N_("Paused") },
	[MEMBER_REMOVED] = { "removed", N_("Removed") },
};
static const struct name_pair visibilities[] = {
	[VIS_SELF] = { "self", N_("Only me") },
	[VIS_STEWARDS] = { "stewards", N_("Stewards of my panels") },
	[VIS_PANEL] = { "panel", N_("Everyone on my panels (not guests)") },
};
static const struct name_pair hostings[] = {
	[HOSTING_ORGANISATION] = { "organisation", N_("Hosted by an organisation") },
	[HOSTING_USER_LED] = { "user_led", N_("Run by its own members") },
};

/* ROLE_NONE is never a value someone can choose, so parsing starts at 1. */
bool policy_can_check_in(const struct panel_actor *actor, bool invited, bool attended)
{
	return policy_can_reflect(actor, invited, attended);
}

bool policy_sees_follow_ups(const struct panel_actor *actor, bool is_support_person,
                            bool names_one)
{
	if (policy_hides_panel(actor) || actor->status != MEMBER_ACTIVE) return false;
	return names_one ? is_support_person : actor->role == ROLE_STEWARD;
}

bool policy_may_be_support_person(enum panel_role role, enum member_status status)
{
	return role != ROLE_NONE && status == MEMBER_ACTIVE;
}

bool policy_reads_concerns(const struct panel_actor *actor, bool is_lead)
{
	return !policy_hides_panel(actor) && actor->status == MEMBER_ACTIVE && is_lead;
}

bool policy_may_be_safeguarding_lead(enum panel_role role, enum member_status status)
{
	return role != ROLE_NONE && status == MEMBER_ACTIVE;
}

NAMES(role, enum panel_role, roles, 1)
NAMES(status, enum member_status, statuses, 0)
NAMES(visibility, enum visibility, visibilities, 0)
NAMES(hosting, enum panel_hosting, hostings, 0)

bool policy_sees_interest(const struct panel_actor *actor)
{
	return policy_allows(actor, PA_MANAGE_MEMBERS);
}

bool policy_may_run_draw(const struct panel_actor *actor, bool came_forward)
{
	return policy_allows(actor, PA_MANAGE_OPPORTUNITIES) && !came_forward;
}

bool policy_may_give_up_for(const struct panel_actor *actor)
{
	return policy_allows(actor, PA_MANAGE_MEMBERS);
}

bool policy_sees_shared_signals(const struct panel_actor *actor)
{
	return policy_allows(actor, PA_MANAGE_MEMBERS);
}

bool policy_shows_undelivered(const struct panel_actor *actor, const char *kind)
{
	return policy_allows(actor, PA_MANAGE_MEMBERS) &&
	       (!strcmp(kind, "invitation") || !strcmp(kind, "sign_in"));
}

bool policy_may_make_sign_in_link(const struct panel_actor *actor, enum panel_role target_role,
                                  enum member_status target_status, bool target_admin)
{
	return policy_allows(actor, PA_MANAGE_MEMBERS) && !target_admin &&
	       (target_role == ROLE_CO_CREATOR || target_role == ROLE_GUEST) &&
	       target_status != MEMBER_REMOVED;
}
