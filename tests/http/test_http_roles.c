/* Every route × every role, as data, against a real server; and a sweep
 * that no response ever contains a profile field its owner has hidden
 * from the viewer.
 *
 * Roles, as seen from panel 1 (user-led "Just Voices"; see harness.h):
 *   anon      not signed in
 *   steward   sam (also the site administrator)
 *   co        amira, co-creator
 *   guest     joy, guest of panel 1
 *   paused    member3 (user 9), a co-creator whose membership is paused
 *   outsider  helen, a guest of panel 2 only: not a member of panel 1
 * A route's "who may call it" is routes.c; the expectations below are
 * written from the product's rules (core/policy.h), not read back from
 * the server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "web/http/http.h"

enum { ANON, STEWARD, CO, GUEST, PAUSED, OUTSIDER, NROLES };
static const char *const role_names[NROLES] = { "anon", "steward", "co", "guest", "paused",
                                                "outsider" };
static const char *const role_emails[NROLES] = { NULL, "sam@demo.emptychair.org",
	"amira@demo.emptychair.org", "joy.adebayo@demo.emptychair.org", "member3@demo.emptychair.org",
	"helen.price@demo.emptychair.org" };

struct row {
	const char *method;
	const char *pattern;   /* the route in routes.c this row exercises */
	const char *path;
	const char *body;      /* form fields, or JSON for /api/ paths; %R = role name */
	int want[NROLES];
};

/* Ordered so that rows which change state come after those that read it,
 * and sign-out comes last. */
static const struct row rows[] = {
	{ "GET", "/", "/", NULL, { 303, 303, 303, 303, 303, 303 } },
	{ "GET", "/healthz", "/healthz", NULL, { 200, 200, 200, 200, 200, 200 } },
	/* no --metrics-token-file given to this server: not there for anyone */
	{ "GET", "/metrics", "/metrics", NULL, { 404, 404, 404, 404, 404, 404 } },
	{ "GET", "/static/*", "/static/style.css", NULL, { 200, 200, 200, 200, 200, 200 } },
	{ "GET", "/about", "/about", NULL, { 200, 200, 200, 200, 200, 200 } },
	{ "GET", "/sign-in", "/sign-in", NULL, { 200, 303, 303, 303, 303, 303 } },
	{ "POST", "/sign-in", "/sign-in", "email=nobody-%R%40example.org&password=not-the-one",
	  { 400, 400, 400, 400, 400, 400 } },
	{ "GET", "/accept-invitation", "/accept-invitation?t=bogus", NULL, { 404, 404, 404, 404, 404, 404 } },
	{ "POST", "/accept-invitation", "/accept-invitation", "t=bogus&display_name=X&password=kettle+lamp+river+cloud",
	  { 404, 404, 404, 404, 404, 404 } },
	{ "GET", "/forgot-password", "/forgot-password", NULL, { 200, 200, 200, 200, 200, 200 } },
	{ "POST", "/forgot-password", "/forgot-password", "email=nobody%40example.org",
	  { 200, 200, 200, 200, 200, 200 } },
	{ "GET", "/reset-password", "/reset-password?t=bogus", NULL, { 404, 404, 404, 404, 404, 404 } },
	{ "POST", "/reset-password", "/reset-password", "t=bogus&password=kettle+lamp+river+cloud",
	  { 404, 404, 404, 404, 404, 404 } },

	{ "GET", "/panels", "/panels", NULL, { 303, 200, 200, 200, 200, 200 } },
	{ "GET", "/panels/new", "/panels/new", NULL, { 303, 200, 403, 403, 403, 403 } },
	{ "GET", "/panels/{id}", "/panels/1", NULL, { 303, 200, 200, 200, 200, 404 } },
	{ "GET", "/panels/{id}", "/panels/2", NULL, { 303, 200, 200, 404, 404, 200 } },
	{ "GET", "/panels/{id}", "/panels/999", NULL, { 303, 404, 404, 404, 404, 404 } },
	{ "GET", "/panels/{id}/edit", "/panels/1/edit", NULL, { 303, 200, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/members", "/panels/1/members", NULL, { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/undelivered", "/panels/1/undelivered", NULL,
	  { 303, 200, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/undelivered", "/api/v1/panels/1/undelivered", NULL,
	  { 401, 200, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/members/{id}", "/panels/1/members/3", NULL, { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/members/{id}", "/panels/2/members/3", NULL, { 303, 200, 200, 404, 404, 403 } },
	{ "GET", "/profile", "/profile", NULL, { 303, 200, 200, 200, 200, 200 } },
	/* my limits: everyone their own, nobody anyone else's */
	{ "GET", "/my-limits", "/my-limits", NULL, { 303, 200, 200, 200, 200, 200 } },
	{ "POST", "/my-limits", "/my-limits", "meetings_month=9", { 303, 303, 303, 303, 303, 303 } },
	{ "GET", "/api/v1/me/limits", "/api/v1/me/limits", NULL, { 401, 200, 200, 200, 200, 200 } },
	{ "PUT", "/api/v1/me/limits", "/api/v1/me/limits", "{\"meetings_month\":9}",
	  { 401, 200, 200, 200, 200, 200 } },
	{ "GET", "/my-data", "/my-data", NULL, { 303, 200, 200, 200, 200, 200 } },
	{ "GET", "/my-data/download", "/my-data/download", NULL, { 303, 200, 200, 200, 200, 200 } },
	{ "GET", "/my-data/delete", "/my-data/delete", NULL, { 303, 200, 200, 200, 200, 200 } },
	{ "GET", "/account", "/account", NULL, { 303, 200, 200, 200, 200, 200 } },
	{ "GET", "/api/v1/me", "/api/v1/me", NULL, { 401, 200, 200, 200, 200, 200 } },
	{ "GET", "/language", "/language?to=en&next=%2Fpanels", NULL,
	  { 303, 303, 303, 303, 303, 303 } },
	{ "POST", "/account/mail", "/account/mail", "notices=daily",
	  { 303, 303, 303, 303, 303, 303 } },
	{ "PUT", "/api/v1/me/mail", "/api/v1/me/mail", "{\"notices\":\"immediately\"}",
	  { 401, 200, 200, 200, 200, 200 } },
	{ "POST", "/account/language", "/account/language", "language=",
	  { 303, 303, 303, 303, 303, 303 } },
	{ "PUT", "/api/v1/me/language", "/api/v1/me/language", "{\"language\":\"\"}",
	  { 401, 200, 200, 200, 200, 200 } },
	{ "GET", "/api/v1/me/profile", "/api/v1/me/profile", NULL, { 401, 200, 200, 200, 200, 200 } },
	{ "GET", "/api/v1/me/data", "/api/v1/me/data", NULL, { 401, 200, 200, 200, 200, 200 } },
	{ "GET", "/api/v1/me/audit", "/api/v1/me/audit", NULL, { 401, 200, 200, 200, 200, 200 } },
	{ "GET", "/api/v1/panels", "/api/v1/panels", NULL, { 401, 200, 200, 200, 200, 200 } },
	{ "GET", "/api/v1/panels/{id}", "/api/v1/panels/1", NULL, { 401, 200, 200, 200, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/members", "/api/v1/panels/1/members", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/members/{id}", "/api/v1/panels/1/members/3", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/contributions", "/panels/1/contributions", NULL,
	  { 303, 200, 200, 200, 200, 404 } },
	{ "GET", "/panels/{id}/contributions/{id}", "/panels/1/contributions/999", NULL,
	  { 303, 404, 404, 404, 404, 404 } },
	{ "GET", "/panels/{id}/projects", "/panels/1/projects", NULL, { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/projects/{id}", "/panels/1/projects/999", NULL,
	  { 303, 404, 404, 403, 404, 404 } },
	{ "GET", "/panels/{id}/meetings", "/panels/1/meetings", NULL, { 303, 200, 200, 200, 200, 404 } },
	{ "GET", "/panels/{id}/meetings/{id}", "/panels/1/meetings/999", NULL,
	  { 303, 404, 404, 404, 404, 404 } },
	{ "GET", "/my-contributions", "/my-contributions", NULL, { 303, 200, 200, 200, 200, 200 } },
	{ "GET", "/notices", "/notices", NULL, { 303, 200, 200, 200, 200, 200 } },

	/* writes */
	{ "POST", "/panels/{id}/contributions", "/panels/1/contributions",
	  "kind=idea&body=Matrix+idea+from+%R&attribution=named", { 303, 303, 303, 403, 403, 404 } },
	/* Stewards may respond, but there is no contribution 999; guests here
	 * are not named responders. */
	{ "POST", "/panels/{id}/responses", "/panels/1/responses", "contributions=999&status=received",
	  { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/projects", "/panels/1/projects",
	  "title=Matrix+project&purpose=&decision_maker=&stage=shaping", { 303, 303, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/projects/{id}/rungs", "/panels/1/projects/999/rungs",
	  "stage=design&rung=6&evidence=E", { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings", "/panels/1/meetings",
	  "title=Matrix+meeting&date=2030-01-15&start_time=14:00&end_time=16:00&place=Hall",
	  { 303, 303, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/reply", "/panels/1/meetings/999/reply", "reply=coming",
	  { 303, 404, 404, 404, 404, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/items", "/panels/1/meetings/999/items",
	  "title=T&why=W", { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/items/{id}/support",
	  "/panels/1/meetings/999/items/1/support", "on=1", { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/items/{id}/step-out",
	  "/panels/1/meetings/999/items/1/step-out", "on=1", { 303, 404, 404, 404, 404, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/agenda", "/panels/1/meetings/999/agenda", NULL,
	  { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/guests", "/panels/1/meetings/999/guests", "on=1&user_id=6",
	  { 303, 404, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/meetings/{id}/attendance", "/panels/1/meetings/1/attendance", NULL,
	  { 303, 200, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/attendance", "/panels/1/meetings/999/attendance", NULL,
	  { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/notices/read", "/notices/read", NULL, { 303, 303, 303, 303, 303, 303 } },
	{ "POST", "/profile", "/profile", "display_name=&version=1", { 303, 400, 400, 400, 400, 400 } },
	{ "PATCH", "/api/v1/me/profile", "/api/v1/me/profile", "{\"fields\":{}}",
	  { 401, 200, 200, 200, 200, 200 } },
	{ "POST", "/my-data/delete", "/my-data/delete", "password=wrong-password",
	  { 303, 400, 400, 400, 400, 400 } },
	{ "POST", "/account/password", "/account/password",
	  "current_password=wrong-password&password=kettle+lamp+river+cloud", { 303, 400, 400, 400, 400, 400 } },
	{ "POST", "/account/tokens", "/account/tokens", "label=matrix", { 303, 201, 201, 201, 201, 201 } },
	{ "POST", "/account/tokens/{id}/revoke", "/account/tokens/999/revoke", NULL,
	  { 303, 404, 404, 404, 404, 404 } },
	{ "POST", "/panels/new", "/panels/new",
	  "name=Matrix+panel&description=&hosting=organisation&organisation=Org&time_zone=Europe%2FLondon&language=en",
	  { 303, 303, 403, 403, 403, 403 } },
	{ "POST", "/panels/{id}/edit", "/panels/1/edit",
	  "version=1&name=Just+Voices&description=&hosting=user_led&organisation=&time_zone=Europe%2FLondon&language=en"
	  "&co_creators_post=1",
	  { 303, 303, 403, 403, 403, 404 } },
	/* A user-led panel: co-creators may invite guests but not members. */
	{ "POST", "/panels/{id}/invitations", "/panels/1/invitations", "email=guest-%R%40example.org&role=guest",
	  { 303, 303, 303, 403, 403, 404 } },
	{ "POST", "/panels/{id}/invitations", "/panels/1/invitations", "email=member-%R%40example.org&role=co_creator",
	  { 303, 303, 403, 403, 403, 404 } },
	/* An organisation's panel: only stewards invite. */
	{ "POST", "/panels/{id}/invitations", "/panels/2/invitations", "email=p2-%R%40example.org&role=guest",
	  { 303, 303, 403, 404, 404, 403 } },
	{ "POST", "/api/v1/panels/{id}/invitations", "/api/v1/panels/1/invitations",
	  "{\"email\":\"api-%R@example.org\",\"role\":\"guest\"}", { 401, 201, 201, 403, 403, 404 } },
	{ "POST", "/panels/{id}/invitations/{id}/revoke", "/panels/1/invitations/1/revoke", NULL,
	  { 303, 303, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/members/{id}/sign-in-link", "/panels/1/members/9/sign-in-link", NULL,
	  { 303, 303, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/members/{id}/sign-in-link",
	  "/api/v1/panels/1/members/9/sign-in-link", NULL, { 401, 201, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/members/{id}", "/panels/1/members/13", "action=pause",
	  { 303, 303, 403, 403, 403, 404 } },
	{ "PATCH", "/api/v1/panels/{id}/members/{id}", "/api/v1/panels/1/members/17", "{\"role\":\"steward\"}",
	  { 401, 200, 403, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/members/{id}", "/api/v1/panels/1/members/15", NULL,
	  { 401, 204, 403, 403, 403, 404 } },
	/* calendars: nobody is invited to demo meeting 1, so the guest gets
	 * "not found"; a feed's address with no such token is "not found" to
	 * everyone, signed in or not. */
	{ "GET", "/panels/{id}/meetings/{id}/calendar.ics", "/panels/1/meetings/1/calendar.ics", NULL,
	  { 303, 200, 200, 404, 200, 404 } },
	{ "GET", "/calendar/*", "/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", NULL,
	  { 404, 404, 404, 404, 404, 404 } },
	{ "POST", "/account/calendar", "/account/calendar", NULL, { 303, 201, 201, 201, 201, 201 } },
	{ "POST", "/account/calendar/revoke", "/account/calendar/revoke", NULL,
	  { 303, 303, 303, 303, 303, 303 } },

	/* voice/ API files: the JSON API for voice and influence. Demo project 1,
	 * meeting 1 (no guest invited) and contribution 1 (amira's, answered by
	 * sam) are panel 1's; guests see no projects and only what they are
	 * invited to or named to answer, and are not named responders here; the
	 * paused member may look but not act. */
	{ "GET", "/api/v1/panels/{id}/projects", "/api/v1/panels/1/projects", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/projects/{id}", "/api/v1/panels/1/projects/1", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/meetings", "/api/v1/panels/1/meetings", NULL,
	  { 401, 200, 200, 200, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/meetings/{id}", "/api/v1/panels/1/meetings/1", NULL,
	  { 401, 200, 200, 404, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/contributions", "/api/v1/panels/1/contributions", NULL,
	  { 401, 200, 200, 200, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/contributions/{id}", "/api/v1/panels/1/contributions/1", NULL,
	  { 401, 200, 200, 404, 200, 404 } },
	{ "POST", "/api/v1/panels/{id}/contributions", "/api/v1/panels/1/contributions",
	  "{\"kind\":\"idea\",\"body\":\"Matrix API idea from %R\",\"attribution\":\"named\"}",
	  { 401, 201, 201, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/responses", "/api/v1/panels/1/responses",
	  "{\"contributions\":[999],\"status\":\"received\"}", { 401, 404, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/me/contributions", "/api/v1/me/contributions", NULL,
	  { 401, 200, 200, 200, 200, 200 } },
	{ "GET", "/api/v1/me/notices", "/api/v1/me/notices", NULL, { 401, 200, 200, 200, 200, 200 } },
	/* What a meeting leaves behind, through the API: demo meeting 1's paper
	 * 1 is published Markdown (so it has no file); only stewards add,
	 * publish and remove papers and write what will change or a closing
	 * reflection. Reflecting is the last row but sign-out: amira answers
	 * through the page first. */
	{ "GET", "/api/v1/panels/{id}/meetings/{id}/papers", "/api/v1/panels/1/meetings/1/papers",
	  NULL, { 401, 200, 200, 404, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/meetings/{id}/papers/{id}",
	  "/api/v1/panels/1/meetings/1/papers/1", NULL, { 401, 200, 200, 404, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/meetings/{id}/papers/{id}/file",
	  "/api/v1/panels/1/meetings/1/papers/1/file", NULL, { 401, 404, 404, 404, 404, 404 } },
	{ "GET", "/api/v1/panels/{id}/meetings/{id}/reflections",
	  "/api/v1/panels/1/meetings/1/reflections", NULL, { 401, 200, 200, 404, 200, 404 } },
	{ "POST", "/api/v1/panels/{id}/meetings/{id}/papers", "/api/v1/panels/1/meetings/1/papers",
	  "{\"title\":\"Matrix paper from %R\",\"summary\":\"S\",\"markdown\":\"M\"}",
	  { 401, 201, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/meetings/{id}/papers/{id}/publish",
	  "/api/v1/panels/1/meetings/1/papers/999/publish", NULL, { 401, 404, 403, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/meetings/{id}/papers/{id}",
	  "/api/v1/panels/1/meetings/1/papers/999", NULL, { 401, 404, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/meetings/{id}/what-we-will-change",
	  "/api/v1/panels/1/meetings/1/what-we-will-change", "{\"text\":\"Matrix change by %R\"}",
	  { 401, 200, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/projects/{id}/closing-reflection",
	  "/api/v1/panels/1/projects/999/closing-reflection", "{\"markdown\":\"x\"}",
	  { 401, 404, 403, 403, 403, 404 } },
	/* The writes the pages have. Projects and meetings are made for real
	 * (nothing below counts them); the rest use meeting or project 999,
	 * so the steward's answer is "not found" once past the route's check. */
	{ "POST", "/api/v1/panels/{id}/projects", "/api/v1/panels/1/projects",
	  "{\"title\":\"Matrix API project from %R\"}", { 401, 201, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/projects/{id}/rungs", "/api/v1/panels/1/projects/999/rungs",
	  "{\"stage\":\"design\",\"rung\":6,\"evidence\":\"E\"}",
	  { 401, 404, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/meetings", "/api/v1/panels/1/meetings",
	  "{\"title\":\"Matrix API meeting from %R\",\"starts_at\":\"2030-01-15T14:00:00Z\","
	  "\"ends_at\":\"2030-01-15T16:00:00Z\",\"place\":\"Hall\"}",
	  { 401, 201, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/meetings/{id}/reply", "/api/v1/panels/1/meetings/999/reply",
	  "{\"reply\":\"coming\"}", { 401, 404, 404, 404, 404, 404 } },
	{ "POST", "/api/v1/panels/{id}/meetings/{id}/items", "/api/v1/panels/1/meetings/999/items",
	  "{\"title\":\"T\",\"why\":\"W\"}", { 401, 404, 404, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/meetings/{id}/items/{id}/support",
	  "/api/v1/panels/1/meetings/999/items/1/support", "{\"on\":true}",
	  { 401, 404, 404, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/meetings/{id}/items/{id}/step-out",
	  "/api/v1/panels/1/meetings/999/items/1/step-out", "{\"on\":true}",
	  { 401, 404, 404, 404, 404, 404 } },
	{ "POST", "/api/v1/panels/{id}/meetings/{id}/agenda", "/api/v1/panels/1/meetings/999/agenda",
	  "{\"items\":[]}", { 401, 404, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/meetings/{id}/attendance",
	  "/api/v1/panels/1/meetings/999/attendance", "{\"attended\":[3]}",
	  { 401, 404, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/meetings/{id}/guests/{id}",
	  "/api/v1/panels/1/meetings/999/guests/6", NULL, { 401, 404, 403, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/meetings/{id}/guests/{id}",
	  "/api/v1/panels/1/meetings/999/guests/6", NULL, { 401, 404, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/me/notices/read", "/api/v1/me/notices/read", NULL,
	  { 401, 204, 204, 204, 204, 204 } },
	/* papers, reflections, what we will change, CSV (voice/papers_page.c,
	 * voice/export_page.c). Demo meeting 1 is past, no guest is invited to it,
	 * amira (co) attended it; its paper 1 is published Markdown. */
	{ "GET", "/panels/{id}/meetings/{id}/papers/new", "/panels/1/meetings/1/papers/new", NULL,
	  { 303, 200, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/papers", "/panels/1/meetings/999/papers", "title=",
	  { 303, 404, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/meetings/{id}/papers/{id}", "/panels/1/meetings/1/papers/1", NULL,
	  { 303, 200, 200, 404, 200, 404 } },
	{ "GET", "/panels/{id}/meetings/{id}/papers/{id}/file", "/panels/1/meetings/1/papers/1/file",
	  NULL, { 303, 404, 404, 404, 404, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/papers/{id}/publish",
	  "/panels/1/meetings/1/papers/999/publish", NULL, { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/papers/{id}/remove",
	  "/panels/1/meetings/1/papers/999/remove", "confirm=1", { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/reflection", "/panels/1/meetings/1/reflection",
	  "felt_heard=4&info_in_time=yes&felt_safe=partly", { 303, 403, 303, 404, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/what-we-will-change",
	  "/panels/1/meetings/999/what-we-will-change", "text=x",
	  { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/projects/{id}/closing", "/panels/1/projects/999/closing",
	  "markdown=x", { 303, 404, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/projects/{id}/you-said-we-did.csv",
	  "/panels/1/projects/1/you-said-we-did.csv", NULL, { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/meetings/{id}/you-said-we-did.csv",
	  "/panels/1/meetings/1/you-said-we-did.csv", NULL, { 303, 200, 200, 404, 200, 404 } },

	/* voice/ API files, continued: amira (co) attended meeting 1 and has already
	 * answered through the page above, so she is past every check but that
	 * one; the steward and the paused member did not attend. */
	{ "POST", "/api/v1/panels/{id}/meetings/{id}/reflection",
	  "/api/v1/panels/1/meetings/1/reflection",
	  "{\"felt_heard\":4,\"info_in_time\":\"yes\",\"felt_safe\":\"partly\"}",
	  { 401, 403, 409, 404, 403, 404 } },

	/* who isn't here? (selection/representation_page.c, representation_api.c):
	 * figures about groups for co-creators and stewards, paused ones too;
	 * guests none; the groups and targets are the active stewards'. Group
	 * 999 is no group of the panel; a group with no name is refused. */
	{ "GET", "/panels/{id}/who-isnt-here", "/panels/1/who-isnt-here", NULL,
	  { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/who-isnt-here/me", "/panels/1/who-isnt-here/me", NULL,
	  { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/meetings/{id}/who-came", "/panels/1/meetings/1/who-came", NULL,
	  { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/targets", "/panels/1/targets", NULL, { 303, 200, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/targets/new", "/panels/1/targets/new?characteristic=gender", NULL,
	  { 303, 200, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/targets/{id}", "/panels/1/targets/999", NULL,
	  { 303, 404, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/representation", "/api/v1/panels/1/representation", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/representation/me", "/api/v1/panels/1/representation/me",
	  NULL, { 401, 200, 200, 403, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/meetings/{id}/representation",
	  "/api/v1/panels/1/meetings/1/representation", NULL, { 401, 200, 200, 403, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/opportunities/{id}/representation",
	  "/api/v1/panels/1/opportunities/999/representation", NULL,
	  { 401, 404, 404, 403, 404, 404 } },
	{ "GET", "/api/v1/panels/{id}/targets", "/api/v1/panels/1/targets", NULL,
	  { 401, 200, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/who-isnt-here/me", "/panels/1/who-isnt-here/me",
	  "characteristic=gender&group_id=0", { 303, 303, 303, 403, 303, 404 } },
	{ "PUT", "/api/v1/panels/{id}/representation/me", "/api/v1/panels/1/representation/me",
	  "{\"characteristic\":\"gender\",\"group_id\":0}", { 401, 200, 200, 403, 200, 404 } },
	{ "POST", "/panels/{id}/targets", "/panels/1/targets", "characteristic=gender&label=",
	  { 303, 400, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/targets/{id}", "/panels/1/targets/999",
	  "characteristic=gender&label=X&version=1", { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/targets/{id}/remove", "/panels/1/targets/999/remove", "",
	  { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/targets", "/api/v1/panels/1/targets",
	  "{\"characteristic\":\"gender\"}", { 401, 400, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/targets/{id}", "/api/v1/panels/1/targets/999",
	  "{\"characteristic\":\"gender\",\"label\":\"X\",\"version\":1}",
	  { 401, 404, 403, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/targets/{id}", "/api/v1/panels/1/targets/999", NULL,
	  { 401, 404, 403, 403, 403, 404 } },

	/* opportunities and fair draws (selection/opportunities_page.c, _api.c): the
	 * panel's co-creators and stewards see them; in this user-led panel any
	 * active co-creator may post one and run its draw; guests nothing.
	 * Opportunity 999 is none of the panel's. */
	{ "GET", "/panels/{id}/opportunities", "/panels/1/opportunities", NULL,
	  { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/opportunities/new", "/panels/1/opportunities/new", NULL,
	  { 303, 200, 200, 403, 403, 404 } },
	{ "GET", "/panels/{id}/opportunities/{id}", "/panels/1/opportunities/999", NULL,
	  { 303, 404, 404, 403, 404, 404 } },
	{ "GET", "/api/v1/panels/{id}/opportunities", "/api/v1/panels/1/opportunities", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/opportunities/{id}", "/api/v1/panels/1/opportunities/999",
	  NULL, { 401, 404, 404, 403, 404, 404 } },
	{ "POST", "/panels/{id}/opportunities", "/panels/1/opportunities", "title=&places=2",
	  { 303, 400, 400, 403, 403, 404 } },
	{ "POST", "/panels/{id}/opportunities/{id}/interest", "/panels/1/opportunities/999/interest",
	  "note=", { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/opportunities/{id}/withdraw", "/panels/1/opportunities/999/withdraw",
	  "", { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/opportunities/{id}/close", "/panels/1/opportunities/999/close", "",
	  { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/opportunities/{id}/draws", "/panels/1/opportunities/999/draws", "",
	  { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/opportunities/{id}/draws/{id}/number",
	  "/panels/1/opportunities/999/draws/1/number", "number=5",
	  { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/opportunities/{id}/draws/{id}/check",
	  "/panels/1/opportunities/999/draws/1/check", "", { 303, 404, 404, 403, 404, 404 } },
	{ "POST", "/panels/{id}/opportunities/{id}/give-up", "/panels/1/opportunities/999/give-up",
	  "", { 303, 404, 404, 403, 404, 404 } },
	{ "POST", "/api/v1/panels/{id}/opportunities", "/api/v1/panels/1/opportunities",
	  "{\"places\":2}", { 401, 400, 400, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/opportunities/{id}/interest",
	  "/api/v1/panels/1/opportunities/999/interest", "{}", { 401, 404, 404, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/opportunities/{id}/interest",
	  "/api/v1/panels/1/opportunities/999/interest", NULL, { 401, 404, 404, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/opportunities/{id}/close",
	  "/api/v1/panels/1/opportunities/999/close", NULL, { 401, 404, 404, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/opportunities/{id}/draws",
	  "/api/v1/panels/1/opportunities/999/draws", NULL, { 401, 404, 404, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/opportunities/{id}/draws/{id}/number",
	  "/api/v1/panels/1/opportunities/999/draws/1/number", "{\"number\":5}",
	  { 401, 404, 404, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/opportunities/{id}/draws/{id}/check",
	  "/api/v1/panels/1/opportunities/999/draws/1/check", NULL,
	  { 401, 404, 404, 403, 404, 404 } },
	{ "POST", "/api/v1/panels/{id}/opportunities/{id}/give-up",
	  "/api/v1/panels/1/opportunities/999/give-up", "{}", { 401, 404, 404, 403, 404, 404 } },

	/* support (wellbeing/support_page.c, support_api.c): the contacts for
	 * everyone on the panel, guests and paused members too; changing them
	 * and naming the support person the active stewards'; follow-ups only
	 * the support person's (none is named here: the active stewards').
	 * Contact and follow-up 999 are none of the panel's; a check-in with
	 * an unknown answer is refused for whoever may see meeting 1. */
	{ "GET", "/panels/{id}/support", "/panels/1/support", NULL,
	  { 303, 200, 200, 200, 200, 404 } },
	{ "GET", "/panels/{id}/support/contacts/{id}", "/panels/1/support/contacts/999", NULL,
	  { 303, 404, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/follow-ups", "/panels/1/follow-ups", NULL,
	  { 303, 200, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/support", "/api/v1/panels/1/support", NULL,
	  { 401, 200, 200, 200, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/follow-ups", "/api/v1/panels/1/follow-ups", NULL,
	  { 401, 200, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/meetings/{id}/check-in", "/api/v1/panels/1/meetings/1/check-in",
	  NULL, { 401, 200, 200, 404, 200, 404 } },
	{ "POST", "/panels/{id}/support/contacts", "/panels/1/support/contacts", "name=",
	  { 303, 400, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/support/contacts/{id}", "/panels/1/support/contacts/999",
	  "name=X&phone=1", { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/support/contacts/{id}/remove", "/panels/1/support/contacts/999/remove",
	  "", { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/support/list", "/panels/1/support/list", "own=0",
	  { 303, 303, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/support/person", "/panels/1/support/person", "user_id=abc",
	  { 303, 400, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/follow-ups/{id}/done", "/panels/1/follow-ups/999/done", "",
	  { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/meetings/{id}/check-in", "/panels/1/meetings/1/check-in", "answer=x",
	  { 303, 400, 400, 404, 400, 404 } },
	{ "POST", "/api/v1/panels/{id}/support/contacts", "/api/v1/panels/1/support/contacts", "{}",
	  { 401, 400, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/support/contacts/{id}", "/api/v1/panels/1/support/contacts/999",
	  "{\"name\":\"X\",\"phone\":\"1\"}", { 401, 404, 403, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/support/contacts/{id}",
	  "/api/v1/panels/1/support/contacts/999", NULL, { 401, 404, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/support/list", "/api/v1/panels/1/support/list",
	  "{\"own\":false}", { 401, 200, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/support/person", "/api/v1/panels/1/support/person",
	  "{\"user_id\":\"x\"}", { 401, 400, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/follow-ups/{id}/done", "/api/v1/panels/1/follow-ups/999/done",
	  "{}", { 401, 404, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/meetings/{id}/check-in",
	  "/api/v1/panels/1/meetings/1/check-in", "{\"answer\":\"x\"}",
	  { 401, 400, 400, 404, 400, 404 } },

	/* how are we doing? (learning/practice_page.c, _api.c): for everyone
	 * who sees the panel's work, paused members too; project 999 is none
	 * of the panel's */
	{ "GET", "/panels/{id}/how-are-we-doing", "/panels/1/how-are-we-doing", NULL,
	  { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/practice", "/api/v1/panels/1/practice?project_id=999", NULL,
	  { 401, 404, 404, 403, 404, 404 } },

	/* case studies (learning/cases_page.c, _api.c): the library is
	 * anyone's; a panel's drafts all who see its work; writing the active
	 * co-creators' and stewards', publishing the active stewards'; case
	 * study 999 is none of the panel's, and the bodies are refused, so
	 * that nothing changes */
	{ "GET", "/case-studies", "/case-studies?rung=1", NULL, { 200, 200, 200, 200, 200, 200 } },
	{ "GET", "/case-studies/{id}", "/case-studies/999", NULL, { 404, 404, 404, 404, 404, 404 } },
	{ "GET", "/api/v1/case-studies", "/api/v1/case-studies?rung=8", NULL,
	  { 400, 400, 400, 400, 400, 400 } },
	{ "GET", "/api/v1/case-studies/{id}", "/api/v1/case-studies/999", NULL,
	  { 404, 404, 404, 404, 404, 404 } },
	{ "GET", "/panels/{id}/case-studies", "/panels/1/case-studies", NULL,
	  { 303, 200, 200, 403, 200, 404 } },
	{ "POST", "/panels/{id}/case-studies", "/panels/1/case-studies", "project_id=",
	  { 303, 400, 400, 403, 403, 404 } },
	{ "GET", "/panels/{id}/case-studies/{id}", "/panels/1/case-studies/999", NULL,
	  { 303, 404, 404, 403, 404, 404 } },
	{ "POST", "/panels/{id}/case-studies/{id}", "/panels/1/case-studies/999", "version=1&title=T",
	  { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/case-studies/{id}/publish", "/panels/1/case-studies/999/publish",
	  "version=1&published=1", { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/case-studies/{id}/delete", "/panels/1/case-studies/999/delete", "",
	  { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/case-studies/{id}/people", "/panels/1/case-studies/999/people",
	  "user_id=1", { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/case-studies/{id}/people/{id}/remove",
	  "/panels/1/case-studies/999/people/1/remove", "", { 303, 404, 404, 403, 403, 404 } },
	{ "POST", "/panels/{id}/case-studies/{id}/naming", "/panels/1/case-studies/999/naming",
	  "agree=1", { 303, 404, 404, 403, 404, 404 } },
	{ "GET", "/api/v1/panels/{id}/case-studies", "/api/v1/panels/1/case-studies", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "POST", "/api/v1/panels/{id}/case-studies", "/api/v1/panels/1/case-studies", "{}",
	  { 401, 400, 400, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/case-studies/{id}", "/api/v1/panels/1/case-studies/999", NULL,
	  { 401, 404, 404, 403, 404, 404 } },
	{ "PUT", "/api/v1/panels/{id}/case-studies/{id}", "/api/v1/panels/1/case-studies/999",
	  "{\"title\":\"T\",\"version\":1}", { 401, 404, 404, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/case-studies/{id}", "/api/v1/panels/1/case-studies/999",
	  NULL, { 401, 404, 404, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/case-studies/{id}/publish",
	  "/api/v1/panels/1/case-studies/999/publish", "{\"version\":1,\"published\":true}",
	  { 401, 404, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/case-studies/{id}/people",
	  "/api/v1/panels/1/case-studies/999/people", "{\"user_id\":1}",
	  { 401, 404, 404, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/case-studies/{id}/people/{id}",
	  "/api/v1/panels/1/case-studies/999/people/1", NULL, { 401, 404, 404, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/case-studies/{id}/naming",
	  "/api/v1/panels/1/case-studies/999/naming", "{\"agree\":true}",
	  { 401, 404, 404, 403, 404, 404 } },

	/* funder reports (learning/reports_page.c, _api.c): shared ones for
	 * all who see the work, paused members too; writing and drafts the
	 * active stewards'; report 999 is none of the panel's, and the bodies
	 * are refused, so that nothing changes */
	{ "GET", "/panels/{id}/reports", "/panels/1/reports", NULL,
	  { 303, 200, 200, 403, 200, 404 } },
	{ "POST", "/panels/{id}/reports", "/panels/1/reports", "title=&from=&to=",
	  { 303, 400, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/reports/{id}", "/panels/1/reports/999", NULL,
	  { 303, 404, 404, 403, 404, 404 } },
	{ "POST", "/panels/{id}/reports/{id}", "/panels/1/reports/999", "version=1&title=T",
	  { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/reports/{id}/share", "/panels/1/reports/999/share", "version=1",
	  { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/reports/{id}/delete", "/panels/1/reports/999/delete", "",
	  { 303, 404, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/reports/{id}/report.csv", "/panels/1/reports/999/report.csv", NULL,
	  { 303, 404, 404, 403, 404, 404 } },
	{ "GET", "/panels/{id}/reports/{id}/report.json", "/panels/1/reports/999/report.json", NULL,
	  { 303, 404, 404, 403, 404, 404 } },
	{ "GET", "/api/v1/panels/{id}/reports", "/api/v1/panels/1/reports", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "POST", "/api/v1/panels/{id}/reports", "/api/v1/panels/1/reports", "{\"title\":\"\"}",
	  { 401, 400, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/reports/{id}", "/api/v1/panels/1/reports/999", NULL,
	  { 401, 404, 404, 403, 404, 404 } },
	{ "PUT", "/api/v1/panels/{id}/reports/{id}", "/api/v1/panels/1/reports/999",
	  "{\"title\":\"T\",\"version\":1}", { 401, 404, 403, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/reports/{id}", "/api/v1/panels/1/reports/999", NULL,
	  { 401, 404, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/reports/{id}/share", "/api/v1/panels/1/reports/999/share",
	  "{\"version\":1}", { 401, 404, 403, 403, 403, 404 } },

	/* standards self-assessment (learning/standards_page.c, _api.c): the
	 * spread for all who see the work; rating for the active co-creators
	 * and stewards (a rating out of range is refused) */
	{ "GET", "/panels/{id}/projects/{id}/standards", "/panels/1/projects/1/standards", NULL,
	  { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/projects/{id}/standards/rate",
	  "/panels/1/projects/1/standards/rate?standard=nope", NULL,
	  { 303, 404, 404, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/projects/{id}/standards",
	  "/api/v1/panels/1/projects/1/standards", NULL, { 401, 200, 200, 403, 200, 404 } },
	{ "POST", "/panels/{id}/projects/{id}/standards", "/panels/1/projects/1/standards",
	  "standard=nsce.inclusion&rating=9", { 303, 400, 400, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/projects/{id}/standards",
	  "/api/v1/panels/1/projects/1/standards", "{\"standard\":\"nsce.inclusion\",\"rating\":9}",
	  { 401, 400, 400, 403, 403, 404 } },

	/* the safeguarding record (wellbeing/safeguarding_page.c, _api.c):
	 * everyone on the panel may raise a concern (an empty one is refused);
	 * the record is only its leads' (none here: the steward, also the
	 * site's administrator, reads nothing); naming leads and the retention
	 * are the active stewards'. Concern and user 999 are none of the panel's. */
	{ "GET", "/panels/{id}/safeguarding", "/panels/1/safeguarding", NULL,
	  { 303, 200, 200, 200, 200, 404 } },
	{ "GET", "/panels/{id}/safeguarding/concerns", "/panels/1/safeguarding/concerns", NULL,
	  { 303, 403, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/safeguarding/concerns/{id}", "/panels/1/safeguarding/concerns/999",
	  NULL, { 303, 403, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/safeguarding", "/api/v1/panels/1/safeguarding", NULL,
	  { 401, 200, 200, 200, 200, 404 } },
	{ "GET", "/api/v1/panels/{id}/safeguarding/concerns", "/api/v1/panels/1/safeguarding/concerns",
	  NULL, { 401, 403, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/safeguarding/concerns/{id}",
	  "/api/v1/panels/1/safeguarding/concerns/999", NULL, { 401, 403, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/safeguarding/concerns", "/panels/1/safeguarding/concerns",
	  "what_happened=", { 303, 400, 400, 400, 400, 404 } },
	{ "POST", "/panels/{id}/safeguarding/concerns/{id}", "/panels/1/safeguarding/concerns/999",
	  "status=open&version=1", { 303, 403, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/safeguarding/concerns/{id}/notes",
	  "/panels/1/safeguarding/concerns/999/notes", "text=x", { 303, 403, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/safeguarding/leads", "/panels/1/safeguarding/leads", "user_id=abc",
	  { 303, 400, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/safeguarding/leads/{id}/remove",
	  "/panels/1/safeguarding/leads/999/remove", "", { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/safeguarding/retention", "/panels/1/safeguarding/retention",
	  "years=0", { 303, 400, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/safeguarding/concerns", "/api/v1/panels/1/safeguarding/concerns",
	  "{}", { 401, 400, 400, 400, 400, 404 } },
	{ "PUT", "/api/v1/panels/{id}/safeguarding/concerns/{id}",
	  "/api/v1/panels/1/safeguarding/concerns/999", "{\"status\":\"open\",\"version\":1}",
	  { 401, 403, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/safeguarding/concerns/{id}/notes",
	  "/api/v1/panels/1/safeguarding/concerns/999/notes", "{\"text\":\"x\"}",
	  { 401, 403, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/safeguarding/leads/{id}",
	  "/api/v1/panels/1/safeguarding/leads/999", NULL, { 401, 400, 403, 403, 403, 404 } },
	{ "DELETE", "/api/v1/panels/{id}/safeguarding/leads/{id}",
	  "/api/v1/panels/1/safeguarding/leads/999", NULL, { 401, 404, 403, 403, 403, 404 } },
	{ "PUT", "/api/v1/panels/{id}/safeguarding/retention", "/api/v1/panels/1/safeguarding/retention",
	  "{\"years\":0}", { 401, 400, 403, 403, 403, 404 } },

	/* fair pay (pay/pay_page.c). Demo panel 1 has not set pay up; guests have
	 * no pay at all, and a claim or run that is not there is 404 to everyone
	 * who may ask for claims or runs. */
	{ "GET", "/panels/{id}/pay", "/panels/1/pay", NULL, { 303, 200, 200, 403, 200, 404 } },
	{ "GET", "/panels/{id}/pay/policy", "/panels/1/pay/policy", NULL,
	  { 303, 200, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/pay/policy", "/panels/1/pay/policy",
	  "version=999&currency=GBP&rates.hour=25&rates.half_day=0&rates.day=0&meeting_unit=hour",
	  { 303, 409, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/pay/claims/new", "/panels/1/pay/claims/new", NULL,
	  { 303, 200, 200, 403, 403, 404 } },
	{ "POST", "/panels/{id}/pay/claims", "/panels/1/pay/claims", "kind=work",
	  { 303, 400, 400, 403, 403, 404 } },
	{ "GET", "/panels/{id}/pay/claims/{id}", "/panels/1/pay/claims/999", NULL,
	  { 303, 404, 404, 403, 404, 404 } },
	{ "POST", "/panels/{id}/pay/claims/{id}/decision", "/panels/1/pay/claims/999/decision",
	  "choice=approve&key=k", { 303, 404, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/pay/claims/{id}/receipt", "/panels/1/pay/claims/999/receipt", NULL,
	  { 303, 404, 404, 403, 404, 404 } },
	{ "POST", "/panels/{id}/pay/runs", "/panels/1/pay/runs", "reference=x",
	  { 303, 400, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/pay/runs/{id}", "/panels/1/pay/runs/999", NULL,
	  { 303, 404, 403, 403, 403, 404 } },
	{ "POST", "/panels/{id}/pay/runs/{id}/paid", "/panels/1/pay/runs/999/paid",
	  "paid_day=2026-11-01&key=k", { 303, 404, 403, 403, 403, 404 } },
	{ "GET", "/panels/{id}/pay/runs/{id}/csv", "/panels/1/pay/runs/999/csv", NULL,
	  { 303, 404, 403, 403, 403, 404 } },
	/* one's own pay (pay/my_pay_page.c): everyone signed in has the page; no
	 * panel of the demo keeps bank details, so there is nowhere to save them */
	{ "GET", "/my-pay", "/my-pay", NULL, { 303, 200, 200, 200, 200, 200 } },
	{ "POST", "/my-pay/limit", "/my-pay/limit", "rule=", { 303, 400, 400, 400, 400, 400 } },
	{ "POST", "/my-pay/bank", "/my-pay/bank", "sort_code=1", { 303, 409, 409, 409, 409, 409 } },
	{ "POST", "/my-pay/bank/panels", "/my-pay/bank/panels", "panels=1",
	  { 303, 400, 400, 400, 400, 400 } },
	{ "POST", "/my-pay/bank/remove", "/my-pay/bank/remove", NULL,
	  { 303, 303, 303, 303, 303, 303 } },
	{ "GET", "/my-pay/statement", "/my-pay/statement", NULL, { 303, 200, 200, 200, 200, 200 } },
	/* the feeds of case studies this site imports: its administrators';
	 * its own feed and export, anyone's (source 999 is none) */
	{ "GET", "/admin/case-sources", "/admin/case-sources", NULL, { 303, 200, 403, 403, 403, 403 } },
	{ "POST", "/admin/case-sources", "/admin/case-sources", "url=&public_key=",
	  { 303, 400, 403, 403, 403, 403 } },
	{ "POST", "/admin/case-sources/{id}/fetch", "/admin/case-sources/999/fetch", "",
	  { 303, 404, 403, 403, 403, 403 } },
	{ "POST", "/admin/case-sources/{id}/delete", "/admin/case-sources/999/delete", "",
	  { 303, 404, 403, 403, 403, 403 } },
	{ "GET", "/api/v1/admin/case-sources", "/api/v1/admin/case-sources", NULL,
	  { 401, 200, 403, 403, 403, 403 } },
	{ "POST", "/api/v1/admin/case-sources", "/api/v1/admin/case-sources", "{}",
	  { 401, 400, 403, 403, 403, 403 } },
	{ "POST", "/api/v1/admin/case-sources/{id}/fetch", "/api/v1/admin/case-sources/999/fetch",
	  "{}", { 401, 404, 403, 403, 403, 403 } },
	{ "DELETE", "/api/v1/admin/case-sources/{id}", "/api/v1/admin/case-sources/999", NULL,
	  { 401, 404, 403, 403, 403, 403 } },
	{ "GET", "/case-studies/feed.json", "/case-studies/feed.json", NULL,
	  { 200, 200, 200, 200, 200, 200 } },
	{ "GET", "/case-studies/participedia.csv", "/case-studies/participedia.csv", NULL,
	  { 200, 200, 200, 200, 200, 200 } },
	/* the earnings-limits table (pay/limits_page.c): administrators only */
	{ "GET", "/admin/limits", "/admin/limits", NULL, { 303, 200, 403, 403, 403, 403 } },
	{ "POST", "/admin/limits", "/admin/limits", "rule=", { 303, 400, 403, 403, 403, 403 } },
	{ "GET", "/admin/limits/{id}", "/admin/limits/999", NULL, { 303, 404, 403, 403, 403, 403 } },
	{ "POST", "/admin/limits/{id}", "/admin/limits/999", "rule=",
	  { 303, 404, 403, 403, 403, 403 } },
	/* the pay API (pay/pay_api.c): as the pages; a change of money without an
	 * Idempotency-Key header is 400 once the route allows it */
	{ "GET", "/api/v1/panels/{id}/pay/policy", "/api/v1/panels/1/pay/policy", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "PUT", "/api/v1/panels/{id}/pay/policy", "/api/v1/panels/1/pay/policy", "{\"version\":999}",
	  { 401, 400, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/pay/claims", "/api/v1/panels/1/pay/claims", NULL,
	  { 401, 200, 200, 403, 200, 404 } },
	{ "POST", "/api/v1/panels/{id}/pay/claims", "/api/v1/panels/1/pay/claims", "{}",
	  { 401, 400, 400, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/pay/claims/{id}", "/api/v1/panels/1/pay/claims/999", NULL,
	  { 401, 404, 404, 403, 404, 404 } },
	{ "GET", "/api/v1/panels/{id}/pay/claims/{id}/check",
	  "/api/v1/panels/1/pay/claims/999/check", NULL, { 401, 404, 404, 403, 404, 404 } },
	{ "GET", "/api/v1/panels/{id}/pay/claims/{id}/receipt",
	  "/api/v1/panels/1/pay/claims/999/receipt", NULL, { 401, 404, 404, 403, 404, 404 } },
	{ "POST", "/api/v1/panels/{id}/pay/claims/{id}/decision",
	  "/api/v1/panels/1/pay/claims/999/decision", "{\"choice\":\"approve\"}",
	  { 401, 404, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/pay/runs", "/api/v1/panels/1/pay/runs", NULL,
	  { 401, 200, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/pay/runs", "/api/v1/panels/1/pay/runs", "{}",
	  { 401, 400, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/pay/runs/{id}", "/api/v1/panels/1/pay/runs/999", NULL,
	  { 401, 404, 403, 403, 403, 404 } },
	{ "POST", "/api/v1/panels/{id}/pay/runs/{id}/paid", "/api/v1/panels/1/pay/runs/999/paid",
	  "{\"paid_day\":\"2026-11-01\"}", { 401, 404, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/panels/{id}/pay/runs/{id}/csv", "/api/v1/panels/1/pay/runs/999/csv", NULL,
	  { 401, 404, 403, 403, 403, 404 } },
	{ "GET", "/api/v1/me/pay", "/api/v1/me/pay", NULL, { 401, 200, 200, 200, 200, 200 } },
	{ "GET", "/api/v1/me/pay/statement", "/api/v1/me/pay/statement", NULL,
	  { 401, 200, 200, 200, 200, 200 } },
	{ "PUT", "/api/v1/me/pay/declaration", "/api/v1/me/pay/declaration", "{}",
	  { 401, 400, 400, 400, 400, 400 } },
	{ "DELETE", "/api/v1/me/pay/declaration", "/api/v1/me/pay/declaration", NULL,
	  { 401, 204, 204, 204, 204, 204 } },
	{ "GET", "/api/v1/earnings-limits", "/api/v1/earnings-limits", NULL,
	  { 401, 200, 200, 200, 200, 200 } },
	{ "POST", "/api/v1/earnings-limits", "/api/v1/earnings-limits", "{}",
	  { 401, 400, 403, 403, 403, 403 } },
	{ "PUT", "/api/v1/earnings-limits/{id}", "/api/v1/earnings-limits/999", "{}",
	  { 401, 400, 403, 403, 403, 403 } },

	{ "POST", "/sign-out", "/sign-out", NULL, { 303, 200, 200, 200, 200, 200 } },
};
enum { NROWS = sizeof rows / sizeof rows[0] };

static struct server srv;
static struct client *clients[NROLES];

/* Sentinels amira (user 3) puts in her profile, one per visibility. */
static const char SELF_ONLY[] = "ZQ-self-only-7731";
static const char STEWARDS_ONLY[] = "ZQ-stewards-only-4402";
static const char PANEL_WIDE[] = "ZQ-panel-wide-9185";

static int setup(void **state)
{
	if (!server_start(&srv)) return -1;
	for (int r = 0; r < NROLES; r++) {
		clients[r] = client_new(&srv);
		if (role_emails[r] && !client_sign_in(clients[r], role_emails[r], NULL)) return -1;
		if (!role_emails[r]) client_refresh_csrf(clients[r]);
	}
	/* Make the paused role paused, whatever the demo data chose. */
	struct response *x = send_json(clients[STEWARD], "PATCH", "/api/v1/panels/1/members/9",
	                               "{\"status\":\"paused\"}");
	int ok = x->status == 200;
	response_free(x);
	/* The invitation revoked by the matrix. */
	x = post_form(clients[STEWARD], "/panels/1/invitations", "email=to-revoke%40example.org&role=guest");
	ok &= x->status == 303;
	response_free(x);
	char body[512];
	snprintf(body, sizeof body,
	         "{\"fields\":{\"pronouns\":{\"value\":\"%s\",\"visibility\":\"self\"},"
	         "\"phone\":{\"value\":\"%s\",\"visibility\":\"stewards\"},"
	         "\"access_notes\":{\"value\":\"%s\",\"visibility\":\"panel\"}}}",
	         SELF_ONLY, STEWARDS_ONLY, PANEL_WIDE);
	x = send_json(clients[CO], "PATCH", "/api/v1/me/profile", body);
	ok &= x->status == 200;
	response_free(x);
	return ok ? 0 : -1;
}

static int teardown(void **state)
{
	for (int r = 0; r < NROLES; r++) client_free(clients[r]);
	return server_stop(&srv) == 0 ? 0 : -1;
}

static char *fill(const char *body, int role)
{
	if (!body) return NULL;
	char *out = malloc(strlen(body) + 64), *o = out;
	for (const char *p = body; *p; p++) {
		if (p[0] == '%' && p[1] == 'R') {
			o += sprintf(o, "%s", role_names[role]);
			p++;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
	return out;
}

static struct response *perform(struct client *c, const struct row *row, int role)
{
	char *body = fill(row->body, role);
	struct response *r;
	if (!strncmp(row->path, "/api/", 5) && strcmp(row->method, "GET"))
		r = send_json(c, row->method, row->path, body);
	else if (!strcmp(row->method, "POST"))
		r = post_form(c, row->path, body ? body : "");
	else
		r = http(c, row->method, row->path, body, NULL, NULL);
	free(body);
	return r;
}

static void every_route_is_in_the_matrix(void **state)
{
	static const struct { unsigned bit; const char *name; } methods[] = {
		{ M_GET, "GET" }, { M_POST, "POST" }, { M_PATCH, "PATCH" }, { M_DELETE, "DELETE" },
		{ M_PUT, "PUT" } };
	int missing = 0;
	for (int i = 0; i < route_count; i++) {
		for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
			if (!(routes[i].methods & methods[m].bit)) continue;
			bool found = false;
			for (int k = 0; k < NROWS && !found; k++)
				found = !strcmp(rows[k].pattern, routes[i].pattern) &&
				        !strcmp(rows[k].method, methods[m].name);
			if (!found) {
				fprintf(stderr, "no matrix row for %s %s\n", methods[m].name, routes[i].pattern);
				missing++;
			}
		}
	}
	assert_int_equal(missing, 0);
}

static void route_role_matrix(void **state)
{
	int failures = 0;
	for (int k = 0; k < NROWS; k++) {
		for (int role = 0; role < NROLES; role++) {
			struct response *r = perform(clients[role], &rows[k], role);
			if (r->status != rows[k].want[role]) {
				fprintf(stderr, "%s %s as %s: got %ld, want %d\n", rows[k].method,
				        rows[k].path, role_names[role], r->status, rows[k].want[role]);
				failures++;
			}
			/* Refusals never leak the refused content. */
			if (r->status == 403 || r->status == 404 || r->status == 401)
				assert_null(strstr(r->body, STEWARDS_ONLY));
			response_free(r);
		}
	}
	assert_int_equal(failures, 0);
}

/* Which sentinels each role may see, by how they stand to amira. */
static void check_visibility(int role, const char *where, const struct response *r, int *leaks)
{
	bool may_self = role == CO;
	bool may_stewards = role == CO || role == STEWARD;
	bool may_panel = role == CO || role == STEWARD || role == PAUSED;
	if (!may_self && contains(r, SELF_ONLY)) {
		fprintf(stderr, "LEAK: %s sees the only-me field at %s\n", role_names[role], where);
		++*leaks;
	}
	if (!may_stewards && contains(r, STEWARDS_ONLY)) {
		fprintf(stderr, "LEAK: %s sees the stewards-only field at %s\n", role_names[role], where);
		++*leaks;
	}
	if (!may_panel && contains(r, PANEL_WIDE)) {
		fprintf(stderr, "LEAK: %s sees the panel-wide field at %s\n", role_names[role], where);
		++*leaks;
	}
}

static void hidden_fields_never_leak(void **state)
{
	static const char *const pages[] = {
		"/panels", "/panels/1", "/panels/2", "/panels/1/members", "/panels/2/members",
		"/panels/1/members/3", "/panels/2/members/3", "/profile", "/my-data",
		"/my-data/download", "/account", "/api/v1/me", "/api/v1/me/profile", "/api/v1/me/data",
		"/api/v1/me/audit", "/api/v1/panels", "/api/v1/panels/1", "/api/v1/panels/2",
		"/api/v1/panels/1/members", "/api/v1/panels/2/members", "/api/v1/panels/1/members/3",
		"/api/v1/panels/2/members/3", "/panels/1/members/999", "/api/v1/panels/1/members/999" };
	int leaks = 0;
	for (int role = 0; role < NROLES; role++) {
		for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
			struct response *r = get(clients[role], pages[i]);
			check_visibility(role, pages[i], r, &leaks);
			response_free(r);
		}
	}
	assert_int_equal(leaks, 0);

	/* And the sweep is not vacuous: those allowed do see what they may. */
	struct response *r = get(clients[STEWARD], "/panels/1/members/3");
	assert_true(contains(r, STEWARDS_ONLY));
	assert_true(contains(r, PANEL_WIDE));
	response_free(r);
	r = get(clients[PAUSED], "/api/v1/panels/1/members/3");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, PANEL_WIDE));
	response_free(r);
	r = get(clients[CO], "/my-data");
	assert_true(contains(r, SELF_ONLY));
	response_free(r);
	/* Stewards see shared access needs on the members list. */
	r = get(clients[STEWARD], "/panels/1/members");
	assert_true(contains(r, PANEL_WIDE));
	response_free(r);
}

static void reads_are_audited_for_the_owner(void **state)
{
	struct response *r = get(clients[STEWARD], "/panels/1/members/3");
	assert_int_equal(r->status, 200);
	response_free(r);
	r = get(clients[CO], "/api/v1/me/audit");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "\"who\":\"Sam Steward\""));
	assert_true(contains(r, "\"action\":\"read\""));
	assert_true(contains(r, "phone"));
	/* The audit names fields, never their values. */
	assert_false(contains(r, STEWARDS_ONLY));
	response_free(r);
	/* The steward's member list shows (and so records) only the needs
	 * stewards act on, that amira shares with them (demo data plus the
	 * sentinel): not her phone number, not her age. */
	r = get(clients[STEWARD], "/panels/1/members");
	assert_int_equal(r->status, 200);
	response_free(r);
	r = get(clients[CO], "/api/v1/me/audit");
	assert_true(contains(r, "{\"who\":\"Sam Steward\",\"action\":\"read\",\"fields\":"
	                        "\"access_needs,access_notes,channels,formats,language\""));
	response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_is_in_the_matrix),
		cmocka_unit_test(hidden_fields_never_leak),
		cmocka_unit_test(reads_are_audited_for_the_owner),
		cmocka_unit_test(route_role_matrix),
	};
	return cmocka_run_group_tests_name("http roles", tests, setup, teardown);
}
