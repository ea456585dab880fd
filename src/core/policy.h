#ifndef EC_CORE_POLICY_H
#define EC_CORE_POLICY_H
/* Every permission decision in emptychair is made here, from plain values,
 * with no I/O. Web pages and the JSON API ask the same questions, so a rule
 * changed here changes everywhere, and tests/unit/test_policy.c checks each
 * rule for every role.
 *
 * A role is a permission within one panel, never a title or a rank. */
#include <stdbool.h>

enum panel_role {
	ROLE_NONE = 0,     /* not a member of this panel */
	ROLE_GUEST,        /* a professional invited into the panel's space */
	ROLE_CO_CREATOR,   /* everyone on the panel */
	ROLE_STEWARD,      /* runs the panel's practical side */
};

enum member_status {
	MEMBER_ACTIVE = 0,
	MEMBER_PAUSED,     /* taking a break: may look, is not asked to act */
	MEMBER_REMOVED,    /* no access at all */
};

enum panel_hosting {
	HOSTING_ORGANISATION = 0,
	HOSTING_USER_LED,  /* run by its own members: co-creators invite guests */
};

/* Who is asking, as seen from one panel. */
struct panel_actor {
	enum panel_role role;
	enum member_status status;
	enum panel_hosting hosting;
	bool responder;    /* a guest the panel names to answer contributions */
	bool co_creators_post; /* a user-led panel lets its co-creators post opportunities */
};

enum panel_action {
	PA_VIEW_PANEL,       /* the panel home page */
	PA_LIST_MEMBERS,     /* see who is on the panel, by display name */
	PA_VIEW_MEMBER,      /* open a member's profile (fields filtered apart) */
	PA_MANAGE_MEMBERS,   /* see statuses, pending invitations, e-mail */
	PA_INVITE_MEMBER,    /* invite a co-creator or steward */
	PA_INVITE_GUEST,     /* invite a professional as a guest */
	PA_CHANGE_ROLE,
	PA_PAUSE_MEMBER,     /* pause or resume */
	PA_REMOVE_MEMBER,
	PA_EDIT_PANEL,
	/* voice and influence */
	PA_VIEW_WORK,        /* projects, meetings, contributions, "you said, we did" */
	PA_MANAGE_PROJECTS,  /* create and edit projects, record the rung reached */
	PA_MANAGE_MEETINGS,  /* meetings, guests, attendance, publishing the agenda */
	PA_PROPOSE_ITEM,     /* propose and support agenda items */
	PA_CONTRIBUTE,       /* write one's own contribution */
	PA_RECORD_CONTRIBUTION, /* write down what someone said in a meeting */
	PA_RESPOND,          /* answer contributions ("you said, we did") */
	PA_ADD_PAPER,        /* add and publish meeting papers */
	/* fair pay: nobody but the payee and the panel's stewards sees a
	 * person's claims, payments or declared earnings limit; guests see no
	 * pay data at all */
	PA_VIEW_OWN_PAY,     /* one's own claims and payments in this panel */
	PA_CLAIM_PAY,        /* log one's own work and expenses */
	PA_MANAGE_PAY,       /* the pay policy, every claim, approvals, payment runs */
	/* who isn't here: figures about groups, never about one person;
	 * guests (invited professionals) see none */
	PA_VIEW_REPRESENTATION, /* the report, empty chairs, and which group counts me */
	PA_MANAGE_TARGETS,   /* the panel's groups and representation targets */
	/* opportunities and fair draws */
	PA_VIEW_OPPORTUNITIES, /* the panel's opportunities, one's own chance and result */
	PA_EXPRESS_INTEREST, /* come forward for one, withdraw, give up a place */
	PA_MANAGE_OPPORTUNITIES, /* post one, prepare its draw, enter the number */
	/* wellbeing: where to find support, and who follows up check-ins */
	PA_VIEW_SUPPORT,     /* the panel's support contacts, and who follows up */
	PA_MANAGE_SUPPORT,   /* edit the contacts, name the support person */
	/* safeguarding: concerns are read only by the panel's leads
	 * (policy_reads_concerns), never through an action here */
	PA_RAISE_CONCERN,    /* raise a concern; see who the leads are */
	PA_MANAGE_SAFEGUARDING, /* name the leads, set how long records are kept */
	/* learning and accountability */
	PA_RATE_STANDARDS,   /* rate a project against the standards (the spread: PA_VIEW_WORK) */
	PA_MANAGE_REPORTS,   /* funder reports: write, share and delete drafts, see drafts */
	PA_WRITE_CASE_STUDIES, /* write up a project, ask people whether they may be named
	                        * (drafts are seen by all who see the work: PA_VIEW_WORK) */
	PA_PUBLISH_CASE_STUDIES, /* publish one on the site for anyone to read, or take it back */
	PA__COUNT
};

const char *panel_action_name(enum panel_action a);

/* True when actor may do action in the panel. A non-member may do nothing;
 * callers answer such requests with 404 so that a panel's existence is not
 * revealed, and a member who is refused gets 403. */
bool policy_allows(const struct panel_actor *actor, enum panel_action action);

/* ---- meetings, papers, contributions ----
 * Guests see only what they are invited to: the meetings they are asked to
 * (with those meetings' agendas and published papers) and the
 * contributions they are named to answer. Co-creators and stewards see
 * every meeting of their panel. */

/* May the actor see this meeting (invited: they are on its guest list)? */
bool policy_can_see_meeting(const struct panel_actor *actor, bool invited);
/* May they say whether they are coming? */
bool policy_can_reply_to_meeting(const struct panel_actor *actor, bool invited);
/* May they see a paper? Unpublished papers: only those who add papers. */
bool policy_can_see_paper(const struct panel_actor *actor, bool invited, bool published);
/* May they reflect on a meeting (only those recorded as attending)? */
bool policy_can_reflect(const struct panel_actor *actor, bool invited, bool attended);
/* May they see a contribution? is_owner: they are named to answer it. */
bool policy_can_see_contribution(const struct panel_actor *actor, bool is_owner);
/* May a member with this role, status and flag be named to answer
 * contributions (active stewards, and active guests named responders)? */
bool policy_can_own_responses(enum panel_role role, enum member_status status,
                              bool responder);

/* May the actor see a funder report? Shared ones: all who see the
 * panel's work; drafts: only those who write them (PA_MANAGE_REPORTS),
 * since drafts of any days, set side by side, could count a small group. */
bool policy_sees_report(const struct panel_actor *actor, bool shared);

/* True when a non-member should be told "not found" rather than "forbidden". */
bool policy_hides_panel(const struct panel_actor *actor);

/* Who may see a profile field, as the member sets it. */
enum visibility {
	VIS_SELF = 0,      /* only me */
	VIS_STEWARDS,      /* stewards of panels I am on */
	VIS_PANEL,         /* co-creators and stewards of panels I am on */
};

/* How the viewer stands to the person whose profile it is, the strongest
 * relation over all the panels they share (see store_relation()). Guests
 * are not "the panel": they see a member's display name only. */
enum viewer_relation {
	REL_NONE = 0,
	REL_GUEST,
	REL_CO_MEMBER,
	REL_STEWARD,
	REL_SELF,
};

bool policy_can_see_field(enum viewer_relation rel, enum visibility vis);

/* May the viewer see the person at all (their display name)? */
bool policy_can_see_person(enum viewer_relation rel);

/* A panel keeps at least one active steward. Given how many active stewards
 * it has now, may this member's role or status change as asked? */
bool policy_keeps_a_steward(int active_stewards, enum panel_role from_role,
                            enum member_status from_status,
                            enum panel_role to_role, enum member_status to_status);

/* Whether a member's status (active, paused) is shown to actor: to those
 * who may pause members, and to the member themself; a pause says
 * something of a person's life, so nobody else sees it. */
bool policy_sees_member_status(const struct panel_actor *actor, bool self);

/* May actor make a one-time link for a member of their panel (of
 * target_role and target_status; target_admin: a site administrator) to
 * set a new password, for someone who has forgotten theirs and has no
 * e-mail? Active stewards, for co-creators and guests still on the panel
 * who are not administrators: whoever holds the link can set the
 * password, so it is never made for someone with more power than a
 * member. */
bool policy_may_make_sign_in_link(const struct panel_actor *actor, enum panel_role target_role,
                                  enum member_status target_status, bool target_admin);

/* A message to a panel's people that could not be delivered: may those who
 * manage the members (PA_MANAGE_MEMBERS) read it, to send it by hand? Only
 * the messages they make themselves (an invitation, a sign-in link). A
 * notice is not shown: it tells its person what became of what they said,
 * and its address beside it could name the author of an anonymous
 * contribution; such messages are only counted. */
bool policy_shows_undelivered(const struct panel_actor *actor, const char *kind);

/* Someone whose place on a panel a steward ended (removed or paused) comes
 * back only by a steward's invitation: may an inviter of this role invite
 * them? */
bool policy_may_readmit(enum panel_role inviter_role, enum member_status inviter_status);

/* Four eyes on money: may a steward approve a claim, or make or mark paid a
 * payment run, when own is whether it pays them? Their own only where no
 * other active steward could do it (a panel with one steward). */
bool policy_may_pay_self(bool own, int active_stewards);

/* Who came forward for an opportunity, with what they want known (their
 * access and communication needs), is the active stewards' to see: in a
 * user-led panel a co-creator may run a draw, but sees only how many. */
bool policy_sees_interest(const struct panel_actor *actor);
/* May actor run an opportunity's draw (close it, prepare the draw, enter
 * its number)? Those who may manage opportunities, unless they came
 * forward for this one: someone else runs a draw they are in. */
bool policy_may_run_draw(const struct panel_actor *actor, bool came_forward);
/* May actor give up someone else's place (who told them they can no
 * longer do it)? The active stewards: a co-creator who runs a draw may not
 * take a place from another. */
bool policy_may_give_up_for(const struct panel_actor *actor);

/* May actor see a member's wellbeing signals, when that member chose to
 * share them with the stewards of their panels? The active stewards. */
bool policy_sees_shared_signals(const struct panel_actor *actor);

/* May they answer a meeting's private check-in (after a hard meeting):
 * those recorded as attending, as for a reflection. */
bool policy_can_check_in(const struct panel_actor *actor, bool invited, bool attended);
/* May actor see and close the panel's follow-ups ("get in touch" after a
 * check-in)? Only the panel's named support person (is_support_person)
 * while active; while it names none (names_one false), its active
 * stewards. Nobody else, administrators included. */
bool policy_sees_follow_ups(const struct panel_actor *actor, bool is_support_person,
                            bool names_one);
/* May a member of this role and status be named the panel's support
 * person? Any active member: a steward, a co-creator, or a guest such as
 * a wellbeing lead from outside. */
bool policy_may_be_support_person(enum panel_role role, enum member_status status);

/* May actor read the panel's safeguarding concerns, write part 2, the
 * status and the chronology, and see the audit of reads? Only its
 * safeguarding leads (is_lead) while active members: not its other
 * stewards, not the site's administrators. */
bool policy_reads_concerns(const struct panel_actor *actor, bool is_lead);
/* May a member of this role and status be named a safeguarding lead?
 * Any active member (a steward, a co-creator, or a guest such as the
 * organisation's safeguarding lead). */
bool policy_may_be_safeguarding_lead(enum panel_role role, enum member_status status);

/* Names as stored and as shown. parse functions return false for unknown.
 * Labels are in English, marked N_(): show them through _(). */
const char *role_key(enum panel_role r);          /* "co_creator" */
const char *role_label(enum panel_role r);        /* "Co-creator" */
bool role_parse(const char *s, enum panel_role *out);
bool role_is(const char *s);
const char *status_key(enum member_status s);
const char *status_label(enum member_status s);
bool status_parse(const char *s, enum member_status *out);
bool status_is(const char *s);
const char *visibility_key(enum visibility v);
const char *visibility_label(enum visibility v);
bool visibility_parse(const char *s, enum visibility *out);
bool visibility_is(const char *s);
const char *hosting_key(enum panel_hosting h);
const char *hosting_label(enum panel_hosting h);
bool hosting_parse(const char *s, enum panel_hosting *out);
bool hosting_is(const char *s);
#endif
