/* The route table: every address the server answers, who may call it, and
 * what it does. The dispatcher (router.c) enforces the access column
 * before a handler runs; handlers add only finer checks (for example, the
 * role asked for in an invitation). Patterns are tried in order. */
#include "web/pages.h"

#define GET (M_GET | M_HEAD)
#define POST M_POST

const struct route routes[] = {
	/* public */
	{ GET,  "/",                  home_get,      ACCESS_ANY,  0, false },
	{ GET,  "/healthz",           healthz_get,   ACCESS_ANY,  0, false },
	{ GET,  "/static/*",          static_get,    ACCESS_ANY,  0, false },
	{ GET,  "/about",             about_get,     ACCESS_ANY,  0, false },
	{ GET,  "/sign-in",           sign_in_get,   ACCESS_ANY,  0, false },
	{ POST, "/sign-in",           sign_in_post,  ACCESS_ANY,  0, false },
	{ POST, "/sign-out",          sign_out_post, ACCESS_USER, 0, false },
	{ GET,  "/accept-invitation", accept_get,    ACCESS_ANY,  0, false },
	{ POST, "/accept-invitation", accept_post,   ACCESS_ANY,  0, false },
	{ GET,  "/forgot-password",   forgot_get,    ACCESS_ANY,  0, false },
	{ POST, "/forgot-password",   forgot_post,   ACCESS_ANY,  0, false },
	{ GET,  "/reset-password",    reset_get,     ACCESS_ANY,  0, false },
	{ POST, "/reset-password",    reset_post,    ACCESS_ANY,  0, false },

	/* panels */
	{ GET,  "/panels",            panels_get,     ACCESS_USER,  0, false },
	{ GET,  "/panels/new",        panel_new_get,  ACCESS_ADMIN, 0, false },
	{ POST, "/panels/new",        panel_new_post, ACCESS_ADMIN, 0, false },
	{ GET,  "/panels/{id}",       panel_get,      ACCESS_PANEL, PA_VIEW_PANEL, false },
	{ GET,  "/panels/{id}/edit",  panel_edit_get, ACCESS_PANEL, PA_EDIT_PANEL, false },
	{ POST, "/panels/{id}/edit",  panel_edit_post, ACCESS_PANEL, PA_EDIT_PANEL, false },
	/* The members page also hosts the invitation form, which co-creators of a
	 * user-led panel may use for guests: the page checks the finer rights. */
	{ GET,  "/panels/{id}/members", members_get,  ACCESS_PANEL, PA_VIEW_PANEL, false },
	{ POST, "/panels/{id}/invitations", invite_post, ACCESS_PANEL, PA_INVITE_GUEST, false },
	{ POST, "/panels/{id}/invitations/{id}/revoke", invite_revoke_post, ACCESS_PANEL,
	  PA_MANAGE_MEMBERS, false },
	{ GET,  "/panels/{id}/members/{id}", member_get, ACCESS_PANEL, PA_VIEW_MEMBER, false },
	{ POST, "/panels/{id}/members/{id}", member_post, ACCESS_PANEL, PA_MANAGE_MEMBERS, false },

	/* voice and influence: projects */
	{ GET,  "/panels/{id}/projects", projects_get, ACCESS_PANEL, PA_VIEW_WORK, false },
	{ POST, "/panels/{id}/projects", project_new_post, ACCESS_PANEL, PA_MANAGE_PROJECTS, false },
	{ GET,  "/panels/{id}/projects/{id}", project_get, ACCESS_PANEL, PA_VIEW_WORK, false },
	{ POST, "/panels/{id}/projects/{id}/rungs", project_rung_post, ACCESS_PANEL,
	  PA_MANAGE_PROJECTS, false },

	/* voice and influence: meetings and agendas. A guest sees only the
	 * meetings they are invited to (page_meetings.c's load_meeting). */
	{ GET,  "/panels/{id}/meetings", meetings_get, ACCESS_PANEL, PA_VIEW_PANEL, false },
	{ POST, "/panels/{id}/meetings", meeting_new_post, ACCESS_PANEL, PA_MANAGE_MEETINGS, false },
	{ GET,  "/panels/{id}/meetings/{id}", meeting_get, ACCESS_PANEL, PA_VIEW_PANEL, false },
	{ POST, "/panels/{id}/meetings/{id}/reply", meeting_reply_post, ACCESS_PANEL, PA_VIEW_PANEL,
	  false },
	{ POST, "/panels/{id}/meetings/{id}/items", item_propose_post, ACCESS_PANEL, PA_PROPOSE_ITEM,
	  false },
	{ POST, "/panels/{id}/meetings/{id}/items/{id}/support", item_support_post, ACCESS_PANEL,
	  PA_PROPOSE_ITEM, false },
	{ POST, "/panels/{id}/meetings/{id}/items/{id}/step-out", item_step_out_post, ACCESS_PANEL,
	  PA_VIEW_PANEL, false },
	{ POST, "/panels/{id}/meetings/{id}/agenda", agenda_publish_post, ACCESS_PANEL,
	  PA_MANAGE_MEETINGS, false },
	{ POST, "/panels/{id}/meetings/{id}/attendance", attendance_post, ACCESS_PANEL,
	  PA_MANAGE_MEETINGS, false },

	/* voice and influence: contributions and responses */
	{ GET,  "/panels/{id}/contributions", contributions_get, ACCESS_PANEL, PA_VIEW_PANEL, false },
	{ POST, "/panels/{id}/contributions", contribution_post, ACCESS_PANEL, PA_CONTRIBUTE, false },
	{ GET,  "/panels/{id}/contributions/{id}", contribution_get, ACCESS_PANEL, PA_VIEW_PANEL,
	  false },
	{ POST, "/panels/{id}/responses", responses_post, ACCESS_PANEL, PA_RESPOND, false },

	/* the person's own pages */
	{ GET,  "/my-contributions",  my_contributions_get, ACCESS_USER, 0, false },
	{ GET,  "/notices",           notices_get,         ACCESS_USER, 0, false },
	{ POST, "/notices/read",      notices_read_post,   ACCESS_USER, 0, false },
	{ GET,  "/profile",           profile_get,         ACCESS_USER, 0, false },
	{ POST, "/profile",           profile_post,        ACCESS_USER, 0, false },
	{ GET,  "/my-data",           my_data_get,         ACCESS_USER, 0, false },
	{ GET,  "/my-data/download",  my_data_download,    ACCESS_USER, 0, false },
	{ GET,  "/my-data/delete",    delete_account_get,  ACCESS_USER, 0, false },
	{ POST, "/my-data/delete",    delete_account_post, ACCESS_USER, 0, false },
	{ GET,  "/account",           account_get,         ACCESS_USER, 0, false },
	{ POST, "/account/password",  account_password_post, ACCESS_USER, 0, false },
	{ POST, "/account/tokens",    token_create_post,   ACCESS_USER, 0, false },
	{ POST, "/account/tokens/{id}/revoke", token_revoke_post, ACCESS_USER, 0, false },

	/* JSON API */
	{ GET,      "/api/v1/me",                  api_me,            ACCESS_USER, 0, true },
	{ GET,      "/api/v1/me/profile",          api_profile_get,   ACCESS_USER, 0, true },
	{ M_PATCH,  "/api/v1/me/profile",          api_profile_patch, ACCESS_USER, 0, true },
	{ GET,      "/api/v1/me/data",             api_my_data,       ACCESS_USER, 0, true },
	{ GET,      "/api/v1/me/audit",            api_audit,         ACCESS_USER, 0, true },
	{ GET,      "/api/v1/panels",              api_panels,        ACCESS_USER, 0, true },
	{ GET,      "/api/v1/panels/{id}",         api_panel,   ACCESS_PANEL, PA_VIEW_PANEL, true },
	{ GET,      "/api/v1/panels/{id}/members", api_members, ACCESS_PANEL, PA_LIST_MEMBERS, true },
	{ POST,     "/api/v1/panels/{id}/invitations", api_invite, ACCESS_PANEL, PA_INVITE_GUEST, true },
	{ GET,      "/api/v1/panels/{id}/members/{id}", api_member, ACCESS_PANEL, PA_VIEW_MEMBER, true },
	{ M_PATCH,  "/api/v1/panels/{id}/members/{id}", api_member_patch, ACCESS_PANEL,
	  PA_CHANGE_ROLE, true },
	{ M_DELETE, "/api/v1/panels/{id}/members/{id}", api_member_delete, ACCESS_PANEL,
	  PA_REMOVE_MEMBER, true },
};

const int route_count = (int)(sizeof routes / sizeof routes[0]);
