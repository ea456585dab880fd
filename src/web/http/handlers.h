#ifndef EC_WEB_HTTP_HANDLERS_H
#define EC_WEB_HTTP_HANDLERS_H
/* Every handler named in the route table (routes.c), by the file that
 * holds it: in each domain's folder (people/, voice/, pay/), its pages
 * (*_page.c) and its JSON API (*_api.c); and static assets (static.c).
 * Page and API files export nothing else (scripts/check-web-layout.sh). */
#include "web/http/http.h"

/* static.c */
void static_get(struct request *req);
void healthz_get(struct request *req);

/* people/auth_page.c */
void home_get(struct request *req);
void about_get(struct request *req);
void sign_in_get(struct request *req);
void sign_in_post(struct request *req);
void sign_out_post(struct request *req);
void accept_get(struct request *req);
void accept_post(struct request *req);
void forgot_get(struct request *req);
void forgot_post(struct request *req);
void reset_get(struct request *req);
void reset_post(struct request *req);

/* people/panels_page.c */
void panels_get(struct request *req);
void panel_new_get(struct request *req);
void panel_new_post(struct request *req);
void panel_get(struct request *req);
void panel_edit_get(struct request *req);
void panel_edit_post(struct request *req);

/* people/members_page.c */
void members_get(struct request *req);
void language_get(struct request *req);
void account_mail_post(struct request *req);
void account_language_post(struct request *req);
void undelivered_get(struct request *req);
void sign_in_link_post(struct request *req);
void invite_post(struct request *req);
void invite_revoke_post(struct request *req);
void member_get(struct request *req);
void member_post(struct request *req);

/* people/profile_page.c */
void profile_get(struct request *req);
void profile_post(struct request *req);

/* people/account_page.c (with the calendar feed's address) */
void my_data_get(struct request *req);
void my_data_download(struct request *req);
void delete_account_get(struct request *req);
void delete_account_post(struct request *req);
void account_get(struct request *req);
void account_password_post(struct request *req);
void token_create_post(struct request *req);
void token_revoke_post(struct request *req);
void calendar_create_post(struct request *req);
void calendar_revoke_post(struct request *req);

/* voice/contributions_page.c */
void contributions_get(struct request *req);
void contribution_post(struct request *req);
void contribution_get(struct request *req);
void responses_post(struct request *req);
void my_contributions_get(struct request *req);
void notices_get(struct request *req);
void notices_read_post(struct request *req);

/* voice/projects_page.c */
void projects_get(struct request *req);
void project_new_post(struct request *req);
void project_get(struct request *req);
void project_rung_post(struct request *req);

/* voice/meetings_page.c */
void meetings_get(struct request *req);
void meeting_new_post(struct request *req);
void meeting_get(struct request *req);
void meeting_reply_post(struct request *req);
void item_propose_post(struct request *req);
void item_support_post(struct request *req);
void item_step_out_post(struct request *req);
void agenda_publish_post(struct request *req);
void meeting_guests_post(struct request *req);
void attendance_get(struct request *req);
void attendance_post(struct request *req);

/* voice/calendar_page.c */
void meeting_calendar_get(struct request *req);
void calendar_feed_get(struct request *req);

/* voice/papers_page.c */
void paper_new_get(struct request *req);
void paper_new_post(struct request *req);
void paper_get(struct request *req);
void paper_file_get(struct request *req);
void paper_publish_post(struct request *req);
void paper_remove_post(struct request *req);
void reflection_post(struct request *req);
void check_in_post(struct request *req);
void what_we_will_change_post(struct request *req);
void project_close_post(struct request *req);

/* voice/export_page.c */
void project_csv_get(struct request *req);
void meeting_csv_get(struct request *req);

/* pay/pay_page.c */
void pay_get(struct request *req);
void pay_policy_get(struct request *req);
void pay_policy_post(struct request *req);
void pay_claim_new_get(struct request *req);
void pay_claim_post(struct request *req);
void pay_claim_get(struct request *req);
void pay_decision_post(struct request *req);
void pay_receipt_get(struct request *req);
void pay_run_post(struct request *req);
void pay_run_get(struct request *req);
void pay_run_paid_post(struct request *req);
void pay_run_csv_get(struct request *req);

/* pay/my_pay_page.c */
void my_pay_get(struct request *req);
void my_pay_limit_post(struct request *req);
void my_pay_bank_post(struct request *req);
void my_pay_bank_panels_post(struct request *req);
void my_pay_bank_remove_post(struct request *req);
void my_pay_statement_get(struct request *req);

/* pay/limits_page.c */
void limits_get(struct request *req);
void limit_get(struct request *req);
void limit_post(struct request *req);

/* people/people_api.c */
void api_me(struct request *req);
void api_panels(struct request *req);
void api_panel(struct request *req);
void api_members(struct request *req);
void api_member(struct request *req);
void api_member_patch(struct request *req);
void api_member_delete(struct request *req);
void api_invite(struct request *req);
void api_me_mail_put(struct request *req);
void api_me_language_put(struct request *req);
void api_undelivered(struct request *req);
void api_sign_in_link(struct request *req);
void api_profile_get(struct request *req);
void api_profile_patch(struct request *req);
void api_my_data(struct request *req);
void api_audit(struct request *req);

/* voice/projects_api.c, meetings_api.c, contributions_api.c, papers_api.c */
void api_projects(struct request *req);
void api_project(struct request *req);
void api_meetings(struct request *req);
void api_meeting(struct request *req);
void api_contributions(struct request *req);
void api_contribution_post(struct request *req);
void api_contribution(struct request *req);
void api_responses_post(struct request *req);
void api_my_contributions(struct request *req);
void api_notices(struct request *req);
void api_papers(struct request *req);
void api_paper_post(struct request *req);
void api_paper(struct request *req);
void api_paper_delete(struct request *req);
void api_paper_file(struct request *req);
void api_paper_publish(struct request *req);
void api_reflections(struct request *req);
void api_reflection_post(struct request *req);
void api_what_we_will_change_put(struct request *req);
void api_closing_reflection_put(struct request *req);
void api_project_post(struct request *req);
void api_project_rung_post(struct request *req);
void api_meeting_post(struct request *req);
void api_meeting_reply_put(struct request *req);
void api_item_post(struct request *req);
void api_item_support_put(struct request *req);
void api_item_step_out_put(struct request *req);
void api_agenda_post(struct request *req);
void api_attendance_put(struct request *req);
void api_meeting_guest_put(struct request *req);
void api_meeting_guest_delete(struct request *req);
void api_notices_read_post(struct request *req);

/* pay/pay_api.c */
void api_pay_policy_get(struct request *req);
void api_pay_policy_put(struct request *req);
void api_pay_claims(struct request *req);
void api_pay_claim_post(struct request *req);
void api_pay_claim(struct request *req);
void api_pay_check(struct request *req);
void api_pay_decision_post(struct request *req);
void api_pay_runs(struct request *req);
void api_pay_run_post(struct request *req);
void api_pay_run(struct request *req);
void api_pay_run_paid_post(struct request *req);
void api_my_pay(struct request *req);
void api_my_pay_declaration_put(struct request *req);
void api_my_pay_declaration_delete(struct request *req);
void api_my_pay_statement(struct request *req);
void api_earnings_limits(struct request *req);
void api_earnings_limit_post(struct request *req);
void api_earnings_limit_put(struct request *req);

/* selection/representation_page.c */
void rep_report_get(struct request *req);
void rep_meeting_get(struct request *req);
void rep_targets_get(struct request *req);
void rep_target_new_get(struct request *req);
void rep_target_create_post(struct request *req);
void rep_target_get(struct request *req);
void rep_target_post(struct request *req);
void rep_target_remove_post(struct request *req);
void rep_mine_get(struct request *req);
void rep_mine_post(struct request *req);

/* selection/representation_api.c */
void api_rep_report(struct request *req);
void api_rep_meeting(struct request *req);
void api_rep_opportunity(struct request *req);
void api_rep_targets(struct request *req);
void api_rep_target_post(struct request *req);
void api_rep_target_put(struct request *req);
void api_rep_target_delete(struct request *req);
void api_rep_mine(struct request *req);
void api_rep_mine_put(struct request *req);

/* selection/opportunities_page.c */
void opps_get(struct request *req);
void opp_new_get(struct request *req);
void opp_new_post(struct request *req);
void opp_get(struct request *req);
void opp_interest_post(struct request *req);
void opp_withdraw_post(struct request *req);
void opp_close_post(struct request *req);
void opp_draw_post(struct request *req);
void opp_number_post(struct request *req);
void opp_check_post(struct request *req);
void opp_give_up_post(struct request *req);

/* selection/opportunities_api.c */
void api_opps(struct request *req);
void api_opp_post(struct request *req);
void api_opp(struct request *req);
void api_opp_interest_put(struct request *req);
void api_opp_interest_delete(struct request *req);
void api_opp_close_post(struct request *req);
void api_opp_draw_post(struct request *req);
void api_opp_number_post(struct request *req);
void api_opp_check_post(struct request *req);
void api_opp_give_up_post(struct request *req);
/* wellbeing/support_page.c */
void support_get(struct request *req);
void support_contact_add_post(struct request *req);
void support_contact_get(struct request *req);
void support_contact_post(struct request *req);
void support_contact_remove_post(struct request *req);
void support_list_post(struct request *req);
void support_person_post(struct request *req);
void follow_ups_get(struct request *req);
void follow_up_done_post(struct request *req);
/* learning/standards_page.c, standards_api.c */
void standards_get(struct request *req);
void standard_rate_get(struct request *req);
void standard_rate_post(struct request *req);
void api_standards(struct request *req);
void api_standard_rate(struct request *req);
/* learning/cases_page.c, cases_api.c */
void library_get(struct request *req);
void library_case_get(struct request *req);
void cases_get(struct request *req);
void case_new_post(struct request *req);
void case_get(struct request *req);
void case_edit_post(struct request *req);
void case_publish_post(struct request *req);
void case_delete_post(struct request *req);
void case_person_post(struct request *req);
void case_person_remove_post(struct request *req);
void case_naming_post(struct request *req);
void api_library(struct request *req);
void api_library_case(struct request *req);
void api_cases(struct request *req);
void api_case_create(struct request *req);
void api_case(struct request *req);
void api_case_put(struct request *req);
void api_case_delete(struct request *req);
void api_case_publish(struct request *req);
void api_case_person(struct request *req);
void api_case_person_delete(struct request *req);
void api_case_naming(struct request *req);

/* learning/feed_page.c */
void feed_get(struct request *req);
void participedia_csv_get(struct request *req);
void case_sources_get(struct request *req);
void case_source_post(struct request *req);
void case_source_fetch_post(struct request *req);
void case_source_delete_post(struct request *req);
void api_case_sources(struct request *req);
void api_case_source_create(struct request *req);
void api_case_source_fetch(struct request *req);
void api_case_source_delete(struct request *req);

/* learning/reports_page.c, reports_api.c */
void reports_get(struct request *req);
void report_new_post(struct request *req);
void report_get(struct request *req);
void report_edit_post(struct request *req);
void report_share_post(struct request *req);
void report_delete_post(struct request *req);
void report_csv_get(struct request *req);
void report_json_get(struct request *req);
void api_reports(struct request *req);
void api_report_create(struct request *req);
void api_report(struct request *req);
void api_report_put(struct request *req);
void api_report_share(struct request *req);
void api_report_delete(struct request *req);

/* learning/practice_page.c, practice_api.c */
void practice_get(struct request *req);
void api_practice(struct request *req);
/* wellbeing/safeguarding_page.c */
void sg_get(struct request *req);
void sg_raise_post(struct request *req);
void sg_lead_post(struct request *req);
void sg_lead_remove_post(struct request *req);
void sg_retention_post(struct request *req);
void sg_concerns_get(struct request *req);
void sg_concern_get(struct request *req);
void sg_part2_post(struct request *req);
void sg_note_post(struct request *req);
/* wellbeing/safeguarding_api.c */
void api_sg(struct request *req);
void api_sg_raise(struct request *req);
void api_sg_concerns(struct request *req);
void api_sg_concern(struct request *req);
void api_sg_part2(struct request *req);
void api_sg_note(struct request *req);
void api_sg_lead_put(struct request *req);
void api_sg_lead_delete(struct request *req);
void api_sg_retention_put(struct request *req);
/* wellbeing/support_api.c */
void api_support(struct request *req);
void api_support_contact_post(struct request *req);
void api_support_contact_put(struct request *req);
void api_support_contact_delete(struct request *req);
void api_support_list_put(struct request *req);
void api_support_person_put(struct request *req);
void api_check_in(struct request *req);
void api_check_in_put(struct request *req);
void api_follow_ups(struct request *req);
void api_follow_up_done(struct request *req);
/* people/limits_page.c */
void my_limits_get(struct request *req);
void my_limits_post(struct request *req);
/* people/people_api.c: my limits */
void api_my_limits(struct request *req);
void api_my_limits_put(struct request *req);
#endif
