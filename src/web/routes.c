/* The route table: every address the server answers, who may call it, and
 * what it does. The dispatcher (router.c) enforces the access column
 * before a handler runs; handlers add only finer checks (for example, the
 * role asked for in an invitation). Patterns are tried in order. */
#include "web/pages.h"

#define GET (M_GET | M_HEAD)
#define POST M_POST

const struct route routes[] = {
	/* public */
	{ GET,  "/",                  home_get,      ACCESS_ANY,  0, 0 },
	{ GET,  "/healthz",           healthz_get,   ACCESS_ANY,  0, 0 },
	{ GET,  "/static/*",          static_get,    ACCESS_ANY,  0, 0 },
	{ GET,  "/about",             about_get,     ACCESS_ANY,  0, 0 },
	{ GET,  "/sign-in",           sign_in_get,   ACCESS_ANY,  0, 0 },
	{ POST, "/sign-in",           sign_in_post,  ACCESS_ANY,  0, 0 },
	{ POST, "/sign-out",          sign_out_post, ACCESS_USER, 0, 0 },
	{ GET,  "/accept-invitation", accept_get,    ACCESS_ANY,  0, 0 },
	{ POST, "/accept-invitation", accept_post,   ACCESS_ANY,  0, 0 },
	{ GET,  "/forgot-password",   forgot_get,    ACCESS_ANY,  0, 0 },
	{ POST, "/forgot-password",   forgot_post,   ACCESS_ANY,  0, 0 },
	{ GET,  "/reset-password",    reset_get,     ACCESS_ANY,  0, 0 },
	{ POST, "/reset-password",    reset_post,    ACCESS_ANY,  0, 0 },

	/* panels */
	{ GET,  "/panels",            panels_get,     ACCESS_USER,  0, 0 },
	{ GET,  "/panels/new",        panel_new_get,  ACCESS_ADMIN, 0, 0 },
	{ GET,  "/admin/limits",      limits_get,     ACCESS_ADMIN, 0, 0 },
	{ POST, "/admin/limits",      limit_post,     ACCESS_ADMIN, 0, 0 },
	{ GET,  "/admin/limits/{id}", limit_get,      ACCESS_ADMIN, 0, 0 },
	{ POST, "/admin/limits/{id}", limit_post,     ACCESS_ADMIN, 0, 0 },
	{ POST, "/panels/new",        panel_new_post, ACCESS_ADMIN, 0, 0 },
	{ GET,  "/panels/{id}",       panel_get,      ACCESS_PANEL, PA_VIEW_PANEL, 0 },
	{ GET,  "/panels/{id}/edit",  panel_edit_get, ACCESS_PANEL, PA_EDIT_PANEL, 0 },
	{ POST, "/panels/{id}/edit",  panel_edit_post, ACCESS_PANEL, PA_EDIT_PANEL, 0 },
	/* The members page also hosts the invitation form, which co-creators of a
	 * user-led panel may use for guests: the page checks the finer rights. */
	{ GET,  "/panels/{id}/members", members_get,  ACCESS_PANEL, PA_VIEW_PANEL, 0 },
	{ POST, "/panels/{id}/invitations", invite_post, ACCESS_PANEL, PA_INVITE_GUEST, 0 },
	{ POST, "/panels/{id}/invitations/{id}/revoke", invite_revoke_post, ACCESS_PANEL,
	  PA_MANAGE_MEMBERS, 0 },
	{ GET,  "/panels/{id}/members/{id}", member_get, ACCESS_PANEL, PA_VIEW_MEMBER, 0 },
	{ POST, "/panels/{id}/members/{id}", member_post, ACCESS_PANEL, PA_MANAGE_MEMBERS, 0 },

	/* voice and influence: projects */
	{ GET,  "/panels/{id}/projects", projects_get, ACCESS_PANEL, PA_VIEW_WORK, 0 },
	{ POST, "/panels/{id}/projects", project_new_post, ACCESS_PANEL, PA_MANAGE_PROJECTS, 0 },
	{ GET,  "/panels/{id}/projects/{id}", project_get, ACCESS_PANEL, PA_VIEW_WORK, 0 },
	{ POST, "/panels/{id}/projects/{id}/rungs", project_rung_post, ACCESS_PANEL,
	  PA_MANAGE_PROJECTS, 0 },

	/* voice and influence: meetings and agendas. A guest sees only the
	 * meetings they are invited to (page_meetings.c's load_meeting). */
	{ GET,  "/panels/{id}/meetings", meetings_get, ACCESS_PANEL, PA_VIEW_PANEL, 0 },
	{ POST, "/panels/{id}/meetings", meeting_new_post, ACCESS_PANEL, PA_MANAGE_MEETINGS, 0 },
	{ GET,  "/panels/{id}/meetings/{id}", meeting_get, ACCESS_PANEL, PA_VIEW_PANEL, 0 },
	{ POST, "/panels/{id}/meetings/{id}/reply", meeting_reply_post, ACCESS_PANEL, PA_VIEW_PANEL,
	  0 },
	{ POST, "/panels/{id}/meetings/{id}/items", item_propose_post, ACCESS_PANEL, PA_PROPOSE_ITEM,
	  0 },
	{ POST, "/panels/{id}/meetings/{id}/items/{id}/support", item_support_post, ACCESS_PANEL,
	  PA_PROPOSE_ITEM, 0 },
	{ POST, "/panels/{id}/meetings/{id}/items/{id}/step-out", item_step_out_post, ACCESS_PANEL,
	  PA_VIEW_PANEL, 0 },
	{ POST, "/panels/{id}/meetings/{id}/agenda", agenda_publish_post, ACCESS_PANEL,
	  PA_MANAGE_MEETINGS, 0 },
	{ POST, "/panels/{id}/meetings/{id}/guests", meeting_guests_post, ACCESS_PANEL,
	  PA_MANAGE_MEETINGS, 0 },
	{ GET,  "/panels/{id}/meetings/{id}/attendance", attendance_get, ACCESS_PANEL,
	  PA_MANAGE_MEETINGS, 0 },
	{ POST, "/panels/{id}/meetings/{id}/attendance", attendance_post, ACCESS_PANEL,
	  PA_MANAGE_MEETINGS, 0 },

	/* fair pay (page_pay.c). A claim's page and receipt are its payee's and
	 * the stewards' (checked in the handler, 404 to anyone else). */
	{ GET,  "/panels/{id}/pay", pay_get, ACCESS_PANEL, PA_VIEW_OWN_PAY, 0 },
	{ GET,  "/panels/{id}/pay/policy", pay_policy_get, ACCESS_PANEL, PA_MANAGE_PAY, 0 },
	{ POST, "/panels/{id}/pay/policy", pay_policy_post, ACCESS_PANEL, PA_MANAGE_PAY, 0 },
	{ GET,  "/panels/{id}/pay/claims/new", pay_claim_new_get, ACCESS_PANEL, PA_CLAIM_PAY, 0 },
	{ POST, "/panels/{id}/pay/claims", pay_claim_post, ACCESS_PANEL, PA_CLAIM_PAY, ROUTE_UPLOAD },
	{ GET,  "/panels/{id}/pay/claims/{id}", pay_claim_get, ACCESS_PANEL, PA_VIEW_OWN_PAY, 0 },
	{ POST, "/panels/{id}/pay/claims/{id}/decision", pay_decision_post, ACCESS_PANEL,
	  PA_MANAGE_PAY, 0 },
	{ GET,  "/panels/{id}/pay/claims/{id}/receipt", pay_receipt_get, ACCESS_PANEL,
	  PA_VIEW_OWN_PAY, 0 },
	{ POST, "/panels/{id}/pay/runs", pay_run_post, ACCESS_PANEL, PA_MANAGE_PAY, 0 },
	{ GET,  "/panels/{id}/pay/runs/{id}", pay_run_get, ACCESS_PANEL, PA_MANAGE_PAY, 0 },
	{ POST, "/panels/{id}/pay/runs/{id}/paid", pay_run_paid_post, ACCESS_PANEL, PA_MANAGE_PAY, 0 },
	{ GET,  "/panels/{id}/pay/runs/{id}/csv", pay_run_csv_get, ACCESS_PANEL, PA_MANAGE_PAY, 0 },

	/* voice and influence: papers, reflections, what we will change
	 * (page_papers.c). A paper's page also checks that a draft is seen only
	 * by those who add papers. */
	{ GET,  "/panels/{id}/meetings/{id}/papers/new", paper_new_get, ACCESS_PANEL, PA_ADD_PAPER,
	  0 },
	{ POST, "/panels/{id}/meetings/{id}/papers", paper_new_post, ACCESS_PANEL, PA_ADD_PAPER,
	  ROUTE_UPLOAD },
	{ GET,  "/panels/{id}/meetings/{id}/papers/{id}", paper_get, ACCESS_PANEL, PA_VIEW_PANEL, 0 },
	{ GET,  "/panels/{id}/meetings/{id}/papers/{id}/file", paper_file_get, ACCESS_PANEL,
	  PA_VIEW_PANEL, 0 },
	{ POST, "/panels/{id}/meetings/{id}/papers/{id}/publish", paper_publish_post, ACCESS_PANEL,
	  PA_ADD_PAPER, 0 },
	{ POST, "/panels/{id}/meetings/{id}/papers/{id}/remove", paper_remove_post, ACCESS_PANEL,
	  PA_ADD_PAPER, 0 },
	{ POST, "/panels/{id}/meetings/{id}/reflection", reflection_post, ACCESS_PANEL,
	  PA_VIEW_PANEL, 0 },
	{ POST, "/panels/{id}/meetings/{id}/what-we-will-change", what_we_will_change_post,
	  ACCESS_PANEL, PA_MANAGE_MEETINGS, 0 },
	{ POST, "/panels/{id}/projects/{id}/closing", project_close_post, ACCESS_PANEL,
	  PA_MANAGE_PROJECTS, 0 },
	/* "you said, we did" as CSV (page_export.c) */
	{ GET,  "/panels/{id}/projects/{id}/you-said-we-did.csv", project_csv_get, ACCESS_PANEL,
	  PA_VIEW_WORK, 0 },
	{ GET,  "/panels/{id}/meetings/{id}/you-said-we-did.csv", meeting_csv_get, ACCESS_PANEL,
	  PA_VIEW_PANEL, 0 },

	/* voice and influence: contributions and responses */
	{ GET,  "/panels/{id}/contributions", contributions_get, ACCESS_PANEL, PA_VIEW_PANEL, 0 },
	{ POST, "/panels/{id}/contributions", contribution_post, ACCESS_PANEL, PA_CONTRIBUTE, 0 },
	{ GET,  "/panels/{id}/contributions/{id}", contribution_get, ACCESS_PANEL, PA_VIEW_PANEL,
	  0 },
	{ POST, "/panels/{id}/responses", responses_post, ACCESS_PANEL, PA_RESPOND, 0 },

	/* calendars: one meeting's file (a guest only for meetings they are
	 * invited to), and each person's private feed, whose token in the path
	 * is its only key (page_calendar.c; never logged, server.c). */
	{ GET,  "/panels/{id}/meetings/{id}/calendar.ics", meeting_calendar_get, ACCESS_PANEL,
	  PA_VIEW_PANEL, 0 },
	{ GET,  "/calendar/*",        calendar_feed_get,    ACCESS_ANY,  0, 0 },
	{ POST, "/account/calendar",  calendar_create_post, ACCESS_USER, 0, 0 },
	{ POST, "/account/calendar/revoke", calendar_revoke_post, ACCESS_USER, 0, 0 },

	/* the person's own pages */
	{ GET,  "/my-contributions",  my_contributions_get, ACCESS_USER, 0, 0 },
	{ GET,  "/notices",           notices_get,         ACCESS_USER, 0, 0 },
	{ POST, "/notices/read",      notices_read_post,   ACCESS_USER, 0, 0 },
	{ GET,  "/profile",           profile_get,         ACCESS_USER, 0, 0 },
	{ POST, "/profile",           profile_post,        ACCESS_USER, 0, 0 },
	{ GET,  "/my-pay",            my_pay_get,          ACCESS_USER, 0, 0 },
	{ POST, "/my-pay/limit",      my_pay_limit_post,   ACCESS_USER, 0, 0 },
	{ POST, "/my-pay/bank",       my_pay_bank_post,    ACCESS_USER, 0, 0 },
	{ POST, "/my-pay/bank/panels", my_pay_bank_panels_post, ACCESS_USER, 0, 0 },
	{ POST, "/my-pay/bank/remove", my_pay_bank_remove_post, ACCESS_USER, 0, 0 },
	{ GET,  "/my-pay/statement",  my_pay_statement_get, ACCESS_USER, 0, 0 },
	{ GET,  "/my-data",           my_data_get,         ACCESS_USER, 0, 0 },
	{ GET,  "/my-data/download",  my_data_download,    ACCESS_USER, 0, 0 },
	{ GET,  "/my-data/delete",    delete_account_get,  ACCESS_USER, 0, 0 },
	{ POST, "/my-data/delete",    delete_account_post, ACCESS_USER, 0, 0 },
	{ GET,  "/account",           account_get,         ACCESS_USER, 0, 0 },
	{ POST, "/account/password",  account_password_post, ACCESS_USER, 0, 0 },
	{ POST, "/account/tokens",    token_create_post,   ACCESS_USER, 0, 0 },
	{ POST, "/account/tokens/{id}/revoke", token_revoke_post, ACCESS_USER, 0, 0 },

	/* JSON API */
	{ GET,      "/api/v1/me",                  api_me,            ACCESS_USER, 0, ROUTE_API },
	{ GET,      "/api/v1/me/profile",          api_profile_get,   ACCESS_USER, 0, ROUTE_API },
	{ M_PATCH,  "/api/v1/me/profile",          api_profile_patch, ACCESS_USER, 0, ROUTE_API },
	{ GET,      "/api/v1/me/data",             api_my_data,       ACCESS_USER, 0, ROUTE_API },
	{ GET,      "/api/v1/me/audit",            api_audit,         ACCESS_USER, 0, ROUTE_API },
	{ GET,      "/api/v1/panels",              api_panels,        ACCESS_USER, 0, ROUTE_API },
	{ GET,      "/api/v1/panels/{id}",         api_panel,   ACCESS_PANEL, PA_VIEW_PANEL, ROUTE_API },
	{ GET,      "/api/v1/panels/{id}/members", api_members, ACCESS_PANEL, PA_LIST_MEMBERS, ROUTE_API },
	{ POST,     "/api/v1/panels/{id}/invitations", api_invite, ACCESS_PANEL, PA_INVITE_GUEST, ROUTE_API },
	{ GET,      "/api/v1/panels/{id}/members/{id}", api_member, ACCESS_PANEL, PA_VIEW_MEMBER, ROUTE_API },
	{ M_PATCH,  "/api/v1/panels/{id}/members/{id}", api_member_patch, ACCESS_PANEL,
	  PA_CHANGE_ROLE, ROUTE_API },
	{ M_DELETE, "/api/v1/panels/{id}/members/{id}", api_member_delete, ACCESS_PANEL,
	  PA_REMOVE_MEMBER, ROUTE_API },

	/* JSON API: voice and influence (api_voice.c). The same actions as the
	 * pages; a guest sees only the meetings they are invited to and the
	 * contributions they are named to answer (checked in the handlers). */
	{ GET,  "/api/v1/panels/{id}/projects", api_projects, ACCESS_PANEL, PA_VIEW_WORK, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/projects/{id}", api_project, ACCESS_PANEL, PA_VIEW_WORK, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/meetings", api_meetings, ACCESS_PANEL, PA_VIEW_PANEL, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/meetings/{id}", api_meeting, ACCESS_PANEL, PA_VIEW_PANEL, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/contributions", api_contributions, ACCESS_PANEL, PA_VIEW_PANEL,
	  ROUTE_API },
	{ POST, "/api/v1/panels/{id}/contributions", api_contribution_post, ACCESS_PANEL,
	  PA_CONTRIBUTE, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/contributions/{id}", api_contribution, ACCESS_PANEL,
	  PA_VIEW_PANEL, ROUTE_API },
	{ POST, "/api/v1/panels/{id}/responses", api_responses_post, ACCESS_PANEL, PA_RESPOND, ROUTE_API },
	{ GET,  "/api/v1/me/contributions", api_my_contributions, ACCESS_USER, 0, ROUTE_API },
	{ GET,  "/api/v1/me/notices", api_notices, ACCESS_USER, 0, ROUTE_API },
	{ POST, "/api/v1/me/notices/read", api_notices_read_post, ACCESS_USER, 0, ROUTE_API },
	/* The writes the pages have, with their actions (page_projects.c,
	 * page_meetings.c); a guest's step-out only on a meeting they are
	 * invited to, a reply also by policy_can_reply_to_meeting. */
	{ POST, "/api/v1/panels/{id}/projects", api_project_post, ACCESS_PANEL, PA_MANAGE_PROJECTS,
	  ROUTE_API },
	{ POST, "/api/v1/panels/{id}/projects/{id}/rungs", api_project_rung_post, ACCESS_PANEL,
	  PA_MANAGE_PROJECTS, ROUTE_API },
	{ POST, "/api/v1/panels/{id}/meetings", api_meeting_post, ACCESS_PANEL, PA_MANAGE_MEETINGS,
	  ROUTE_API },
	{ M_PUT, "/api/v1/panels/{id}/meetings/{id}/reply", api_meeting_reply_put, ACCESS_PANEL,
	  PA_VIEW_PANEL, ROUTE_API },
	{ POST, "/api/v1/panels/{id}/meetings/{id}/items", api_item_post, ACCESS_PANEL,
	  PA_PROPOSE_ITEM, ROUTE_API },
	{ M_PUT, "/api/v1/panels/{id}/meetings/{id}/items/{id}/support", api_item_support_put,
	  ACCESS_PANEL, PA_PROPOSE_ITEM, ROUTE_API },
	{ M_PUT, "/api/v1/panels/{id}/meetings/{id}/items/{id}/step-out", api_item_step_out_put,
	  ACCESS_PANEL, PA_VIEW_PANEL, ROUTE_API },
	{ POST, "/api/v1/panels/{id}/meetings/{id}/agenda", api_agenda_post, ACCESS_PANEL,
	  PA_MANAGE_MEETINGS, ROUTE_API },
	{ M_PUT, "/api/v1/panels/{id}/meetings/{id}/attendance", api_attendance_put, ACCESS_PANEL,
	  PA_MANAGE_MEETINGS, ROUTE_API },
	{ M_PUT, "/api/v1/panels/{id}/meetings/{id}/guests/{id}", api_meeting_guest_put,
	  ACCESS_PANEL, PA_MANAGE_MEETINGS, ROUTE_API },
	{ M_DELETE, "/api/v1/panels/{id}/meetings/{id}/guests/{id}", api_meeting_guest_delete,
	  ACCESS_PANEL, PA_MANAGE_MEETINGS, ROUTE_API },
	/* What a meeting leaves behind, as page_papers.c: a draft paper only for
	 * those who add papers (checked in the handlers); files are uploaded
	 * through the page's multipart form, and downloaded here too because
	 * the page's address takes no API token. */
	{ GET,  "/api/v1/panels/{id}/meetings/{id}/papers", api_papers, ACCESS_PANEL, PA_VIEW_PANEL,
	  ROUTE_API },
	{ POST, "/api/v1/panels/{id}/meetings/{id}/papers", api_paper_post, ACCESS_PANEL,
	  PA_ADD_PAPER, ROUTE_API | ROUTE_UPLOAD },
	{ GET,  "/api/v1/panels/{id}/meetings/{id}/papers/{id}", api_paper, ACCESS_PANEL,
	  PA_VIEW_PANEL, ROUTE_API },
	{ M_DELETE, "/api/v1/panels/{id}/meetings/{id}/papers/{id}", api_paper_delete, ACCESS_PANEL,
	  PA_ADD_PAPER, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/meetings/{id}/papers/{id}/file", api_paper_file, ACCESS_PANEL,
	  PA_VIEW_PANEL, ROUTE_API },
	{ POST, "/api/v1/panels/{id}/meetings/{id}/papers/{id}/publish", api_paper_publish,
	  ACCESS_PANEL, PA_ADD_PAPER, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/meetings/{id}/reflections", api_reflections, ACCESS_PANEL,
	  PA_VIEW_PANEL, ROUTE_API },
	{ POST, "/api/v1/panels/{id}/meetings/{id}/reflection", api_reflection_post, ACCESS_PANEL,
	  PA_VIEW_PANEL, ROUTE_API },
	{ M_PUT, "/api/v1/panels/{id}/meetings/{id}/what-we-will-change",
	  api_what_we_will_change_put, ACCESS_PANEL, PA_MANAGE_MEETINGS, ROUTE_API },
	{ M_PUT, "/api/v1/panels/{id}/projects/{id}/closing-reflection", api_closing_reflection_put,
	  ACCESS_PANEL, PA_MANAGE_PROJECTS, ROUTE_API },

	/* JSON API: fair pay (api_pay.c), as page_pay.c and page_my_pay.c. A
	 * claim, its check and its receipt are its payee's and the stewards'
	 * only (404 to anyone else, checked in the handlers); the receipt and a
	 * run's CSV are the pages' own handlers, answering errors as the API. */
	{ GET,  "/api/v1/panels/{id}/pay/policy", api_pay_policy_get, ACCESS_PANEL, PA_VIEW_OWN_PAY,
	  ROUTE_API },
	{ M_PUT, "/api/v1/panels/{id}/pay/policy", api_pay_policy_put, ACCESS_PANEL, PA_MANAGE_PAY,
	  ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/pay/claims", api_pay_claims, ACCESS_PANEL, PA_VIEW_OWN_PAY,
	  ROUTE_API },
	{ POST, "/api/v1/panels/{id}/pay/claims", api_pay_claim_post, ACCESS_PANEL, PA_CLAIM_PAY,
	  ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/pay/claims/{id}", api_pay_claim, ACCESS_PANEL, PA_VIEW_OWN_PAY,
	  ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/pay/claims/{id}/check", api_pay_check, ACCESS_PANEL,
	  PA_VIEW_OWN_PAY, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/pay/claims/{id}/receipt", pay_receipt_get, ACCESS_PANEL,
	  PA_VIEW_OWN_PAY, ROUTE_API },
	{ POST, "/api/v1/panels/{id}/pay/claims/{id}/decision", api_pay_decision_post, ACCESS_PANEL,
	  PA_MANAGE_PAY, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/pay/runs", api_pay_runs, ACCESS_PANEL, PA_MANAGE_PAY, ROUTE_API },
	{ POST, "/api/v1/panels/{id}/pay/runs", api_pay_run_post, ACCESS_PANEL, PA_MANAGE_PAY,
	  ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/pay/runs/{id}", api_pay_run, ACCESS_PANEL, PA_MANAGE_PAY,
	  ROUTE_API },
	{ POST, "/api/v1/panels/{id}/pay/runs/{id}/paid", api_pay_run_paid_post, ACCESS_PANEL,
	  PA_MANAGE_PAY, ROUTE_API },
	{ GET,  "/api/v1/panels/{id}/pay/runs/{id}/csv", pay_run_csv_get, ACCESS_PANEL,
	  PA_MANAGE_PAY, ROUTE_API },
	{ GET,  "/api/v1/me/pay", api_my_pay, ACCESS_USER, 0, ROUTE_API },
	{ M_PUT, "/api/v1/me/pay/declaration", api_my_pay_declaration_put, ACCESS_USER, 0,
	  ROUTE_API },
	{ M_DELETE, "/api/v1/me/pay/declaration", api_my_pay_declaration_delete, ACCESS_USER, 0,
	  ROUTE_API },
	{ GET,  "/api/v1/me/pay/statement", api_my_pay_statement, ACCESS_USER, 0, ROUTE_API },
	{ GET,  "/api/v1/earnings-limits", api_earnings_limits, ACCESS_USER, 0, ROUTE_API },
	{ POST, "/api/v1/earnings-limits", api_earnings_limit_post, ACCESS_ADMIN, 0, ROUTE_API },
	{ M_PUT, "/api/v1/earnings-limits/{id}", api_earnings_limit_put, ACCESS_ADMIN, 0, ROUTE_API },
};

const int route_count = (int)(sizeof routes / sizeof routes[0]);
