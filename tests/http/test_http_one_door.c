/* One door per rule: each bad input, sent through the page's form and
 * through the JSON API, gets the same refusal (status, and the field
 * named), and nothing is stored either way; a form that fails comes back
 * with every problem listed and what was typed kept. Then the rules that
 * live in a use case's transaction: an agenda is published once, a guest
 * is invited once, nobody replies to a meeting that is over.
 *
 * People (harness.h): sam steward of panel 1, amira co-creator of panel 1,
 * joy guest of panel 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_json.h"
#include "harness.h"

static struct server srv;
static struct client *sam, *rana, *amira, *joy;
static long project, future, past, item_a, item_b;

static char *fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *s = NULL;
	if (vasprintf(&s, f, ap) < 0) fail_msg("vasprintf");
	va_end(ap);
	return s;
}

/* n copies of c, for a text one character too long. */
static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);
	memset(s, c, n);
	s[n] = 0;
	return s;
}

static long new_meeting(const char *title, const char *starts, const char *ends)
{
	char *body = fmt("{\"title\":\"%s\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
	                 "\"place\":\"Community hall\"}", title, starts, ends);
	json_t *m = call_json(sam, "POST", "/api/v1/panels/1/meetings", body, 201);
	long id = get_id(m);
	json_decref(m);
	free(body);
	return id;
}

static long propose(long meeting, const char *title)
{
	char *path = fmt("/api/v1/panels/1/meetings/%ld/items", meeting);
	char *body = fmt("{\"title\":\"%s\",\"why\":\"It matters\"}", title);
	json_t *it = call_json(amira, "POST", path, body, 201);
	long id = get_id(it);
	json_decref(it);
	free(path);
	free(body);
	return id;
}

static int setup(void **state)
{
	if (!server_start(&srv)) return -1;
	struct { struct client **c; const char *email; } who[] = {
		{ &sam, "sam@demo.emptychair.org" }, { &rana, "rana@demo.emptychair.org" },
		{ &amira, "amira@demo.emptychair.org" },
		{ &joy, "joy.adebayo@demo.emptychair.org" } };
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
		*who[i].c = client_new(&srv);
		if (!client_sign_in(*who[i].c, who[i].email, NULL)) return -1;
	}
	json_t *p = call_json(sam, "POST", "/api/v1/panels/1/projects",
	                      "{\"title\":\"One door ZQD\"}", 201);
	project = get_id(p);
	json_decref(p);
	future = new_meeting("Future ZQD", "2031-03-10T14:00:00Z", "2031-03-10T16:00:00Z");
	past = new_meeting("Past ZQD", "2020-03-10T14:00:00Z", "2020-03-10T16:00:00Z");
	item_a = propose(future, "First item ZQD");
	item_b = propose(future, "Second item ZQD");
	return 0;
}

static int teardown(void **state)
{
	client_free(sam);
	client_free(rana);
	client_free(amira);
	client_free(joy);
	return server_stop(&srv) == 0 ? 0 : -1;
}

/* What a page's refusal names: the fields its error summary links to. */
static bool page_names_field(const struct response *r, const char *field)
{
	char *link = fmt("<li><a href=\"#%s\">", field);
	bool yes = strstr(r->body, "error-summary") && strstr(r->body, link);
	free(link);
	return yes;
}

struct refusal {
	const char *what;
	struct client **who;
	char *page, *form;           /* the page's form: path and fields */
	const char *method;
	char *api, *json;            /* the API's twin */
	long status;
	const char *field;           /* named by both */
	const char *code;            /* the API's error code */
	const char *kept;            /* typed text the page shows again; NULL: none to keep */
};

static void expect_same_refusal(const struct refusal *c)
{
	struct response *r = post_form(*c->who, c->page, c->form);
	if (r->status != c->status || !page_names_field(r, c->field))
		fail_msg("%s: the page answered %ld (want %ld naming %s):\n%.600s", c->what, r->status,
		         c->status, c->field, r->body);
	if (c->kept && !strstr(r->body, c->kept))
		fail_msg("%s: the page lost what was typed (%s)", c->what, c->kept);
	response_free(r);
	/* Claims, decisions and runs change money: the API's changes carry an
	 * Idempotency-Key (the form's "key" is in the case). */
	if (strstr(c->api, "/pay/claims") || strstr(c->api, "/pay/runs")) {
		static int n;
		char key[40];
		snprintf(key, sizeof key, "one-door-%d", ++n);
		expect_keyed_error(*c->who, c->method, c->api, c->json, key, c->status, c->code,
		                   c->field);
	} else {
		expect_error(*c->who, c->method, c->api, c->json, c->status, c->code, c->field);
	}
}

static void free_refusal(struct refusal *c)
{
	free(c->page);
	free(c->form);
	free(c->api);
	free(c->json);
}

/* How many rows the list at path holds under key, as the steward sees it. */
static size_t listed(const char *path, const char *key)
{
	json_t *j = call_json(sam, "GET", path, NULL, 200);
	size_t n = json_array_size(json_object_get(j, key));
	json_decref(j);
	return n;
}

/* Every way a voice form can be wrong, through both doors. */
static void bad_input_is_refused_the_same_at_both_doors(void **state)
{
	size_t projects_before = listed("/api/v1/panels/1/projects", "projects");
	size_t meetings_before = listed("/api/v1/panels/1/meetings", "meetings");
	char *long200 = repeat('x', 201), *long4000 = repeat('y', 4001);
	struct refusal cases[] = {
		{ "project without a title", &sam, fmt("/panels/1/projects"),
		  fmt("title=&purpose=Kept+ZQK1&stage=shaping"), "POST",
		  fmt("/api/v1/panels/1/projects"), fmt("{\"purpose\":\"Kept\"}"), 400, "title",
		  "invalid", "Kept ZQK1" },
		{ "project title too long", &sam, fmt("/panels/1/projects"),
		  fmt("title=%s&stage=shaping", long200), "POST", fmt("/api/v1/panels/1/projects"),
		  fmt("{\"title\":\"%s\"}", long200), 400, "title", "invalid", long200 },
		{ "project stage unknown", &sam, fmt("/panels/1/projects"),
		  fmt("title=Fine&stage=launch"), "POST", fmt("/api/v1/panels/1/projects"),
		  fmt("{\"title\":\"Fine\",\"stage\":\"launch\"}"), 400, "stage", "invalid", NULL },
		{ "meeting on a day that does not exist", &sam, fmt("/panels/1/meetings"),
		  fmt("title=Kept+ZQK2&date=31/02/2031&start_time=2pm&end_time=4pm&place=Hall"), "POST",
		  fmt("/api/v1/panels/1/meetings"),
		  fmt("{\"title\":\"x\",\"date\":\"31/02/2031\",\"start_time\":\"2pm\","
		      "\"end_time\":\"4pm\",\"place\":\"Hall\"}"), 400, "date", "invalid", "Kept ZQK2" },
		{ "meeting that ends before it starts", &sam, fmt("/panels/1/meetings"),
		  fmt("title=Backwards&date=10+March+2031&start_time=16:00&end_time=2pm&place=Hall"),
		  "POST", fmt("/api/v1/panels/1/meetings"),
		  fmt("{\"title\":\"Backwards\",\"date\":\"10 March 2031\",\"start_time\":\"16:00\","
		      "\"end_time\":\"2pm\",\"place\":\"Hall\"}"), 400, "end_time",
		  "invalid", NULL },
		{ "meeting nowhere", &sam, fmt("/panels/1/meetings"),
		  fmt("title=Nowhere&date=10/03/2031&start_time=14:00&end_time=15:00"), "POST",
		  fmt("/api/v1/panels/1/meetings"),
		  fmt("{\"title\":\"Nowhere\",\"starts_at\":\"2031-03-10T14:00:00Z\","
		      "\"ends_at\":\"2031-03-10T15:00:00Z\"}"), 400, "place", "invalid", NULL },
		{ "meeting link that is not a web address", &sam, fmt("/panels/1/meetings"),
		  fmt("title=Link&date=10/03/2031&start_time=14:00&end_time=15:00&online_url=ftp://x"),
		  "POST", fmt("/api/v1/panels/1/meetings"),
		  fmt("{\"title\":\"Link\",\"starts_at\":\"2031-03-10T14:00:00Z\","
		      "\"ends_at\":\"2031-03-10T15:00:00Z\",\"online_url\":\"ftp://x\"}"), 400,
		  "online_url", "invalid", NULL },
		{ "agenda item title too long", &amira, fmt("/panels/1/meetings/%ld/items", future),
		  fmt("title=%s&why=Kept+ZQK3", long200), "POST",
		  fmt("/api/v1/panels/1/meetings/%ld/items", future),
		  fmt("{\"title\":\"%s\",\"why\":\"x\"}", long200), 400, "title", "invalid", "Kept ZQK3" },
		{ "agenda item without a reason", &amira, fmt("/panels/1/meetings/%ld/items", future),
		  fmt("title=Kept+ZQK4&why=+"), "POST", fmt("/api/v1/panels/1/meetings/%ld/items", future),
		  fmt("{\"title\":\"x\",\"why\":\" \"}"), 400, "why", "invalid", "Kept ZQK4" },
		{ "a reply that is not one", &amira, fmt("/panels/1/meetings/%ld/reply", future),
		  fmt("reply=sometimes"), "PUT", fmt("/api/v1/panels/1/meetings/%ld/reply", future),
		  fmt("{\"reply\":\"sometimes\"}"), 400, "reply", "invalid", NULL },
		{ "a reply to a meeting that is over", &amira, fmt("/panels/1/meetings/%ld/reply", past),
		  fmt("reply=coming"), "PUT", fmt("/api/v1/panels/1/meetings/%ld/reply", past),
		  fmt("{\"reply\":\"coming\"}"), 409, "reply", "over", NULL },
		{ "a rung off the ladder", &sam, fmt("/panels/1/projects/%ld/rungs", project),
		  fmt("stage=design&rung=9&evidence=Kept+ZQK5"), "POST",
		  fmt("/api/v1/panels/1/projects/%ld/rungs", project),
		  fmt("{\"stage\":\"design\",\"rung\":9,\"evidence\":\"x\"}"), 400, "rung", "invalid",
		  "Kept ZQK5" },
		{ "a rung without evidence", &sam, fmt("/panels/1/projects/%ld/rungs", project),
		  fmt("stage=design&rung=4&evidence="), "POST",
		  fmt("/api/v1/panels/1/projects/%ld/rungs", project),
		  fmt("{\"stage\":\"design\",\"rung\":4}"), 400, "evidence", "invalid", NULL },
		{ "agenda deciding one item of two", &sam, fmt("/panels/1/meetings/%ld/agenda", future),
		  fmt("item=%ld&take-%ld=0&reason-%ld=Kept+ZQK6", item_a, item_a, item_a), "POST",
		  fmt("/api/v1/panels/1/meetings/%ld/agenda", future),
		  fmt("{\"items\":[{\"id\":%ld,\"on_agenda\":true}]}", item_a), 400, "items", "invalid",
		  "Kept ZQK6" },
		{ "agenda reason too long", &sam, fmt("/panels/1/meetings/%ld/agenda", future),
		  fmt("item=%ld&take-%ld=1&item=%ld&take-%ld=0&reason-%ld=%s", item_a, item_a, item_b,
		      item_b, item_b, long4000), "POST", fmt("/api/v1/panels/1/meetings/%ld/agenda", future),
		  fmt("{\"items\":[{\"id\":%ld,\"on_agenda\":true},{\"id\":%ld,\"on_agenda\":false,"
		      "\"reason\":\"%s\"}]}", item_a, item_b, long4000), 400, "items", "invalid", NULL },
		{ "what we will change, too long", &sam,
		  fmt("/panels/1/meetings/%ld/what-we-will-change", past), fmt("text=%s", long4000), "PUT",
		  fmt("/api/v1/panels/1/meetings/%ld/what-we-will-change", past),
		  fmt("{\"text\":\"%s\"}", long4000), 400, "text", "invalid", long4000 },
		{ "what we will change, empty with nothing to clear", &sam,
		  fmt("/panels/1/meetings/%ld/what-we-will-change", past), fmt("text=+"), "PUT",
		  fmt("/api/v1/panels/1/meetings/%ld/what-we-will-change", past), fmt("{\"text\":\"\"}"),
		  400, "text", "invalid", NULL },
		{ "a contribution of no kind", &amira, fmt("/panels/1/contributions"),
		  fmt("kind=rant&body=Kept+ZQK8&attribution=named"), "POST",
		  fmt("/api/v1/panels/1/contributions"),
		  fmt("{\"kind\":\"rant\",\"body\":\"x\",\"attribution\":\"named\"}"), 400,
		  "kind", "invalid", "Kept ZQK8" },
		{ "a contribution on behalf of a group without its name", &amira,
		  fmt("/panels/1/contributions"), fmt("kind=idea&body=Kept+ZQK9&attribution=group"),
		  "POST", fmt("/api/v1/panels/1/contributions"),
		  fmt("{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"group\"}"), 400,
		  "group_name", "invalid", "Kept ZQK9" },
		{ "a co-creator writing for someone else", &amira, fmt("/panels/1/contributions"),
		  fmt("kind=idea&body=For+you&attribution=named&author_id=2"), "POST",
		  fmt("/api/v1/panels/1/contributions"),
		  fmt("{\"kind\":\"idea\",\"body\":\"x\",\"attribution\":\"named\","
		      "\"author_id\":2}"), 403, "author_id", "forbidden", NULL },
		{ "a response to nothing", &sam, fmt("/panels/1/responses"),
		  fmt("status=received"), "POST", fmt("/api/v1/panels/1/responses"),
		  fmt("{\"status\":\"received\"}"), 400, "contributions", "invalid", NULL },
		{ "a response that is not one", &sam, fmt("/panels/1/responses"),
		  fmt("status=ignored&contributions=1"), "POST", fmt("/api/v1/panels/1/responses"),
		  fmt("{\"status\":\"ignored\",\"contributions\":[1]}"), 400, "status", "invalid",
		  NULL },
		{ "an empty closing reflection", &sam, fmt("/panels/1/projects/%ld/closing", project),
		  fmt("markdown=+++"), "PUT",
		  fmt("/api/v1/panels/1/projects/%ld/closing-reflection", project),
		  fmt("{\"markdown\":\"   \"}"), 400, "markdown", "invalid", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expect_same_refusal(&cases[i]);
		free_refusal(&cases[i]);
	}
	free(long200);
	free(long4000);

	/* Nothing was stored through either door. */
	assert_int_equal(listed("/api/v1/panels/1/projects", "projects"), projects_before);
	assert_int_equal(listed("/api/v1/panels/1/meetings", "meetings"), meetings_before);
	char *path = fmt("/api/v1/panels/1/meetings/%ld", future);
	json_t *m = call_json(sam, "GET", path, NULL, 200);
	if (!json_is_null(json_object_get(m, "agenda_published_at")))
		fail_msg("a refused agenda was published");
	json_decref(m);
	free(path);
}

static long keyed_id(struct client *c, const char *path, const char *json, const char *key,
                     const char *object)
{
	struct response *r = send_keyed(c, "POST", path, json, key);
	if (r->status != 201 && r->status != 200)
		fail_msg("POST %s %s: %ld\n%.300s", path, json, r->status, r->body);
	json_t *j = parse(r);
	response_free(r);
	long id = get_id(json_object_get(j, object));
	json_decref(j);
	return id;
}

/* Every way a pay form can be wrong, through both doors: money typed
 * ("27.50") on a form and in minor units in JSON, dates as people type
 * them at both. */
static void bad_pay_input_is_refused_the_same_at_both_doors(void **state)
{
	(void)state;
	json_t *pol = call_json(sam, "GET", "/api/v1/panels/1/pay/policy", NULL, 200);
	long version = num(json_object_get(pol, "policy"), "version");
	json_decref(pol);
	/* A claim to decide on, and a run to mark paid: an expense of amira's,
	 * approved by sam, put in a run by rana (not by whoever approved it). */
	long claim = keyed_id(amira, "/api/v1/panels/1/pay/claims",
	                      "{\"kind\":\"expense\",\"category\":\"travel\",\"amount\":100,"
	                      "\"description\":\"Bus ZQP\",\"work_day\":\"1/12/2026\"}",
	                      "one-door-claim", "claim");
	long approved = keyed_id(amira, "/api/v1/panels/1/pay/claims",
	                         "{\"kind\":\"expense\",\"category\":\"travel\",\"amount\":150,"
	                         "\"description\":\"Train ZQP\",\"work_day\":\"1/12/2026\"}",
	                         "one-door-claim-2", "claim");
	char *decide = fmt("/api/v1/panels/1/pay/claims/%ld/decision", approved);
	keyed_id(sam, decide, "{\"choice\":\"approve\"}", "one-door-approve", "claim");
	free(decide);
	char *runs_body = fmt("{\"claims\":[%ld]}", approved);
	long run = keyed_id(rana, "/api/v1/panels/1/pay/runs", runs_body, "one-door-run", "run");
	free(runs_body);
	size_t claims_before = listed("/api/v1/panels/1/pay/claims", "claims");
	char *long1000 = repeat('r', 1001);
	struct refusal cases[] = {
		{ "a rate that is not money", &sam, fmt("/panels/1/pay/policy"),
		  fmt("version=%ld&currency=GBP&rates.hour=lots&rates.half_day=0&rates.day=0"
		      "&meeting_unit=hour&benefits_advice.name=Kept+ZQP1", version), "PUT",
		  fmt("/api/v1/panels/1/pay/policy"),
		  fmt("{\"version\":%ld,\"currency\":\"GBP\",\"rates\":{\"hour\":-5,\"half_day\":0,"
		      "\"day\":0},\"meeting_unit\":\"hour\"}", version), 400, "rates.hour", "invalid",
		  "Kept ZQP1" },
		{ "an expense the policy cannot pay", &sam, fmt("/panels/1/pay/policy"),
		  fmt("version=%ld&currency=GBP&rates.hour=25&rates.half_day=0&rates.day=0"
		      "&meeting_unit=hour&expense_categories=yachts", version), "PUT",
		  fmt("/api/v1/panels/1/pay/policy"),
		  fmt("{\"version\":%ld,\"currency\":\"GBP\",\"rates\":{\"hour\":2500,"
		      "\"half_day\":0,\"day\":0},\"meeting_unit\":\"hour\","
		      "\"expense_categories\":[\"yachts\"]}", version), 400, "expense_categories",
		  "invalid", NULL },
		{ "a claim that says nothing", &amira, fmt("/panels/1/pay/claims"),
		  fmt("key=k1&kind=work&unit=hour&minutes=1:30&work_day=1/12/2026&description=+"), "POST",
		  fmt("/api/v1/panels/1/pay/claims"),
		  fmt("{\"kind\":\"work\",\"unit\":\"hour\",\"minutes\":90,"
		      "\"work_day\":\"2026-12-01\"}"), 400, "description", "invalid", NULL },
		{ "a claim of more than a day's hours", &amira, fmt("/panels/1/pay/claims"),
		  fmt("key=k2&kind=work&unit=hour&minutes=25:00&work_day=1/12/2026"
		      "&description=Kept+ZQP2"), "POST", fmt("/api/v1/panels/1/pay/claims"),
		  fmt("{\"kind\":\"work\",\"unit\":\"hour\",\"minutes\":1500,"
		      "\"work_day\":\"2026-12-01\",\"description\":\"x\"}"), 400, "minutes",
		  "invalid", "Kept ZQP2" },
		{ "an expense of no money", &amira, fmt("/panels/1/pay/claims"),
		  fmt("key=k3&kind=expense&category=travel&amount=0.00&work_day=1/12/2026"
		      "&description=Kept+ZQP3"), "POST", fmt("/api/v1/panels/1/pay/claims"),
		  fmt("{\"kind\":\"expense\",\"category\":\"travel\",\"amount\":0,"
		      "\"work_day\":\"2026-12-01\",\"description\":\"x\"}"), 400, "amount",
		  "invalid", "Kept ZQP3" },
		{ "a claim on a day that does not exist", &amira, fmt("/panels/1/pay/claims"),
		  fmt("key=k4&kind=expense&category=travel&amount=4.80&work_day=31/11/2026"
		      "&description=Kept+ZQP4"), "POST", fmt("/api/v1/panels/1/pay/claims"),
		  fmt("{\"kind\":\"expense\",\"category\":\"travel\",\"amount\":480,"
		      "\"work_day\":\"31/11/2026\",\"description\":\"x\"}"), 400, "work_day",
		  "invalid", "Kept ZQP4" },
		{ "a co-creator claiming for someone else", &amira, fmt("/panels/1/pay/claims"),
		  fmt("key=k5&kind=expense&category=travel&amount=4.80&work_day=1/12/2026"
		      "&description=For+you&payee_id=2"), "POST", fmt("/api/v1/panels/1/pay/claims"),
		  fmt("{\"kind\":\"expense\",\"category\":\"travel\",\"amount\":480,"
		      "\"work_day\":\"2026-12-01\",\"description\":\"x\",\"payee_id\":2}"), 403,
		  "payee_id", "forbidden", NULL },
		{ "a decision that is not one", &sam, fmt("/panels/1/pay/claims/%ld/decision", claim),
		  fmt("key=k6&choice=maybe"), "POST",
		  fmt("/api/v1/panels/1/pay/claims/%ld/decision", claim), fmt("{\"choice\":\"maybe\"}"),
		  400, "choice", "invalid", NULL },
		{ "a non-cash way that is cash", &sam, fmt("/panels/1/pay/claims/%ld/decision", claim),
		  fmt("key=k7&choice=non_cash&method=bank_transfer"), "POST",
		  fmt("/api/v1/panels/1/pay/claims/%ld/decision", claim),
		  fmt("{\"choice\":\"non_cash\",\"method\":\"bank_transfer\"}"), 400, "method",
		  "invalid", NULL },
		{ "a decline without a reason", &sam, fmt("/panels/1/pay/claims/%ld/decision", claim),
		  fmt("key=k8&choice=decline&reason=+"), "POST",
		  fmt("/api/v1/panels/1/pay/claims/%ld/decision", claim),
		  fmt("{\"choice\":\"decline\"}"), 400, "reason", "invalid", NULL },
		{ "a reason too long", &sam, fmt("/panels/1/pay/claims/%ld/decision", claim),
		  fmt("key=k9&choice=decline&reason=%s", long1000), "POST",
		  fmt("/api/v1/panels/1/pay/claims/%ld/decision", claim),
		  fmt("{\"choice\":\"decline\",\"reason\":\"%s\"}", long1000), 400, "reason",
		  "invalid", long1000 },
		{ "a payment run of nothing", &rana, fmt("/panels/1/pay/runs"),
		  fmt("key=k10&reference=Kept+ZQP5"), "POST", fmt("/api/v1/panels/1/pay/runs"),
		  fmt("{\"claims\":[]}"), 400, "claims", "invalid", "Kept ZQP5" },
		{ "paid on a day that does not exist", &sam,
		  fmt("/panels/1/pay/runs/%ld/paid", run), fmt("key=k11&paid_day=31/02/2026"), "POST",
		  fmt("/api/v1/panels/1/pay/runs/%ld/paid", run), fmt("{\"paid_day\":\"31/02/2026\"}"),
		  400, "paid_day", "invalid", "31/02/2026" },
		{ "paid in the future", &sam, fmt("/panels/1/pay/runs/%ld/paid", run),
		  fmt("key=k12&paid_day=1/1/2099"), "POST",
		  fmt("/api/v1/panels/1/pay/runs/%ld/paid", run), fmt("{\"paid_day\":\"2099-01-01\"}"),
		  400, "paid_day", "invalid", NULL },
		{ "an own limit that is not money", &amira, fmt("/my-pay/limit"),
		  fmt("rule=own&custom_amount=lots&custom_period=week&anchor_day=6/4/2026"), "PUT",
		  fmt("/api/v1/me/pay/declaration"),
		  fmt("{\"custom_amount\":0,\"anchor_day\":\"2026-04-06\"}"), 400, "custom_amount",
		  "invalid", "lots" },
		{ "a limit's period that never began", &amira, fmt("/my-pay/limit"),
		  fmt("rule=carers_allowance&anchor_day=someday"), "PUT",
		  fmt("/api/v1/me/pay/declaration"),
		  fmt("{\"rule\":\"carers_allowance\",\"anchor_day\":\"someday\"}"), 400,
		  "anchor_day", "invalid", "someday" },
		{ "a limits row with a key of capitals", &sam, fmt("/admin/limits"),
		  fmt("rule=Bad+Key&name=Kept+ZQP6&kind=cliff&period=week&amount=196.00"
		      "&taper_percent=0&effective_from=6/4/2026&source=https://example.org"), "POST",
		  fmt("/api/v1/earnings-limits"),
		  fmt("{\"rule\":\"Bad Key\",\"name\":\"x\",\"kind\":\"cliff\",\"period\":\"week\","
		      "\"amount\":19600,\"effective_from\":\"2026-04-06\","
		      "\"source\":\"https://example.org\"}"), 400, "rule", "invalid", "Kept ZQP6" },
		{ "a taper of more than all", &sam, fmt("/admin/limits"),
		  fmt("rule=uc_zqp&name=UC&kind=taper&period=month&amount=400.00"
		      "&taper_percent=101&effective_from=6/4/2026&source=https://example.org"), "POST",
		  fmt("/api/v1/earnings-limits"),
		  fmt("{\"rule\":\"uc_zqp\",\"name\":\"UC\",\"kind\":\"taper\",\"period\":\"month\","
		      "\"amount\":40000,\"taper_percent\":101,\"effective_from\":\"2026-04-06\","
		      "\"source\":\"https://example.org\"}"), 400, "taper_percent", "invalid", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expect_same_refusal(&cases[i]);
		free_refusal(&cases[i]);
	}
	free(long1000);
	/* Nothing was stored through either door: no claim, the claim still
	 * waits, the run is not paid, the policy and amira's limit as they were. */
	assert_int_equal(listed("/api/v1/panels/1/pay/claims", "claims"), claims_before);
	char *path = fmt("/api/v1/panels/1/pay/claims/%ld", claim);
	json_t *j = call_json(sam, "GET", path, NULL, 200);
	assert_string_equal(str(json_object_get(j, "claim"), "state"), "claimed");
	json_decref(j);
	free(path);
	path = fmt("/api/v1/panels/1/pay/runs/%ld", run);
	j = call_json(sam, "GET", path, NULL, 200);
	assert_true(json_is_null(json_object_get(json_object_get(j, "run"), "paid_day")));
	json_decref(j);
	free(path);
	j = call_json(sam, "GET", "/api/v1/panels/1/pay/policy", NULL, 200);
	assert_int_equal(num(json_object_get(j, "policy"), "version"), version);
	json_decref(j);
	j = call_json(sam, "GET", "/api/v1/earnings-limits", NULL, 200);
	char *text = json_dumps(j, 0);
	assert_null(strstr(text, "uc_zqp"));
	free(text);
	json_decref(j);
}

/* Every way a group, a target or a member's choice of group can be wrong,
 * through both doors; no group is stored. */
static void bad_representation_input_is_refused_the_same_at_both_doors(void **state)
{
	(void)state;
	size_t groups_before = listed("/api/v1/panels/1/targets", "groups");
	struct refusal cases[] = {
		{ "a share that is not one", &sam, fmt("/panels/1/targets"),
		  fmt("version=0&characteristic=disability&answer=no&unit=percent&min=10"
		      "&reference_share=lots&reference_source=Kept+ZQR1"), "POST",
		  fmt("/api/v1/panels/1/targets"),
		  fmt("{\"characteristic\":\"disability\",\"answer\":\"no\",\"unit\":\"percent\","
		      "\"min\":10,\"reference_share\":\"lots\"}"), 400, "reference_share", "invalid",
		  "Kept ZQR1" },
		{ "a percentage over 100", &sam, fmt("/panels/1/targets"),
		  fmt("version=0&characteristic=disability&answer=no&unit=percent&min=120"
		      "&reference_source=Kept+ZQR2"), "POST", fmt("/api/v1/panels/1/targets"),
		  fmt("{\"characteristic\":\"disability\",\"answer\":\"no\",\"unit\":\"percent\","
		      "\"min\":120}"), 400, "min", "invalid", "Kept ZQR2" },
		{ "a most below the fewest", &sam, fmt("/panels/1/targets"),
		  fmt("version=0&characteristic=age_band&answer=18_24&unit=people&min=5&max=2"
		      "&reference_source=Kept+ZQR3"), "POST", fmt("/api/v1/panels/1/targets"),
		  fmt("{\"characteristic\":\"age_band\",\"answer\":\"18_24\",\"unit\":\"people\","
		      "\"min\":5,\"max\":2}"), 400, "max", "invalid", "Kept ZQR3" },
		{ "an answer the question does not have", &sam, fmt("/panels/1/targets"),
		  fmt("version=0&characteristic=age_band&answer=ancient&unit=people&min=1"), "POST",
		  fmt("/api/v1/panels/1/targets"),
		  fmt("{\"characteristic\":\"age_band\",\"answer\":\"ancient\"}"), 400, "answer",
		  "invalid", NULL },
		{ "a group with no name", &sam, fmt("/panels/1/targets"),
		  fmt("version=0&characteristic=gender&label=+&unit=people&min=3"
		      "&reference_source=Kept+ZQR4"), "POST", fmt("/api/v1/panels/1/targets"),
		  fmt("{\"characteristic\":\"gender\",\"label\":\"\"}"), 400, "label", "missing",
		  "Kept ZQR4" },
		{ "a group chosen without consent", &amira, fmt("/panels/1/who-isnt-here/me"),
		  fmt("characteristic=gender&group_id=999999"), "PUT",
		  fmt("/api/v1/panels/1/representation/me"),
		  fmt("{\"characteristic\":\"gender\",\"group_id\":999999}"), 400, "group_id",
		  "consent_needed", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expect_same_refusal(&cases[i]);
		free_refusal(&cases[i]);
	}
	assert_int_equal(listed("/api/v1/panels/1/targets", "groups"), groups_before);
}

/* Every way an opportunity, coming forward or a draw's number can be
 * wrong, through both doors; no opportunity is stored. */
static void bad_opportunity_input_is_refused_the_same_at_both_doors(void **state)
{
	(void)state;
	size_t before = listed("/api/v1/panels/1/opportunities", "opportunities");
	/* one to come forward for, and one with a draw waiting for its number */
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/opportunities",
	                      "{\"title\":\"ZQO open\",\"places\":1,\"closes_on\":\"2099-01-01\"}",
	                      201);
	long open = num(json_object_get(j, "opportunity"), "id");
	json_decref(j);
	j = call_json(sam, "POST", "/api/v1/panels/1/opportunities",
	              "{\"title\":\"ZQO drawn\",\"places\":1,\"closes_on\":\"2099-01-01\"}", 201);
	long drawn = num(json_object_get(j, "opportunity"), "id");
	json_decref(j);
	char *p = fmt("/api/v1/panels/1/opportunities/%ld/interest", drawn);
	json_decref(call_json(amira, "PUT", p, "{\"note\":\"\"}", 200));
	free(p);
	p = fmt("/api/v1/panels/1/opportunities/%ld/close", drawn);
	json_decref(call_json(sam, "POST", p, NULL, 200));
	free(p);
	p = fmt("/api/v1/panels/1/opportunities/%ld/draws", drawn);
	j = call_json(sam, "POST", p, NULL, 201);
	long draw = num(json_array_get(json_object_get(json_object_get(j, "opportunity"), "draws"), 0),
	                "id");
	json_decref(j);
	free(p);
	char *long1000 = repeat('n', 1001);
	before += 2;
	struct refusal cases[] = {
		{ "an opportunity with no places", &sam, fmt("/panels/1/opportunities"),
		  fmt("title=Kept+ZQO1&places=0&closes_on=1/1/2099"), "POST",
		  fmt("/api/v1/panels/1/opportunities"),
		  fmt("{\"title\":\"x\",\"places\":0,\"closes_on\":\"2099-01-01\"}"), 400, "places",
		  "invalid", "Kept ZQO1" },
		{ "one that closed before it opened", &sam, fmt("/panels/1/opportunities"),
		  fmt("title=Kept+ZQO2&places=2&closes_on=1/1/2020"), "POST",
		  fmt("/api/v1/panels/1/opportunities"),
		  fmt("{\"title\":\"x\",\"places\":2,\"closes_on\":\"2020-01-01\"}"), 400,
		  "closes_on", "invalid", "Kept ZQO2" },
		{ "pay in a unit there is none of", &sam, fmt("/panels/1/opportunities"),
		  fmt("title=Kept+ZQO3&places=2&closes_on=1/1/2099&pay_unit=fortnight"), "POST",
		  fmt("/api/v1/panels/1/opportunities"),
		  fmt("{\"title\":\"x\",\"places\":2,\"closes_on\":\"2099-01-01\","
		      "\"pay_unit\":\"fortnight\"}"), 400, "pay_unit", "invalid", "Kept ZQO3" },
		{ "a target that is not a characteristic", &sam, fmt("/panels/1/opportunities"),
		  fmt("title=Kept+ZQO4&places=2&closes_on=1/1/2099&characteristics=shoe_size"), "POST",
		  fmt("/api/v1/panels/1/opportunities"),
		  fmt("{\"title\":\"x\",\"places\":2,\"closes_on\":\"2099-01-01\","
		      "\"characteristics\":[\"shoe_size\"]}"), 400, "characteristics", "invalid",
		  "Kept ZQO4" },
		{ "a note too long", &amira, fmt("/panels/1/opportunities/%ld/interest", open),
		  fmt("note=%s", long1000), "PUT", fmt("/api/v1/panels/1/opportunities/%ld/interest", open),
		  fmt("{\"note\":\"%s\"}", long1000), 400, "note", "invalid", NULL },
		{ "a number past 999", &sam,
		  fmt("/panels/1/opportunities/%ld/draws/%ld/number", drawn, draw), fmt("number=1000"),
		  "POST", fmt("/api/v1/panels/1/opportunities/%ld/draws/%ld/number", drawn, draw),
		  fmt("{\"number\":1000}"), 400, "number", "invalid", NULL },
		{ "a second number that is not one", &sam,
		  fmt("/panels/1/opportunities/%ld/draws/%ld/number", drawn, draw),
		  fmt("number=5&second_number=lots"), "POST",
		  fmt("/api/v1/panels/1/opportunities/%ld/draws/%ld/number", drawn, draw),
		  fmt("{\"number\":5,\"second_number\":-1}"), 400, "second_number", "invalid", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expect_same_refusal(&cases[i]);
		free_refusal(&cases[i]);
	}
	free(long1000);
	assert_int_equal(listed("/api/v1/panels/1/opportunities", "opportunities"), before);
	/* the draw still waits for its number; nobody came forward for the open one */
	p = fmt("/api/v1/panels/1/opportunities/%ld", drawn);
	j = call_json(sam, "GET", p, NULL, 200);
	assert_true(json_is_null(json_object_get(
		json_array_get(json_object_get(json_object_get(j, "opportunity"), "draws"), 0), "number")));
	json_decref(j);
	free(p);
	p = fmt("/api/v1/panels/1/opportunities/%ld", open);
	j = call_json(sam, "GET", p, NULL, 200);
	assert_int_equal(num(json_object_get(j, "opportunity"), "interested"), 0);
	json_decref(j);
	free(p);
}

/* My limits: the same refusals at both doors, and nothing saved. */
static void bad_limits_are_refused_the_same_at_both_doors(void **state)
{
	(void)state;
	struct refusal cases[] = {
		{ "hours beyond a month's", &amira, fmt("/my-limits"),
		  fmt("hours_month=1000&meetings_month=4"), "PUT", fmt("/api/v1/me/limits"),
		  fmt("{\"hours_month\":1000}"), 400, "hours_month", "invalid", "1000" },
		{ "a pause to no day", &amira, fmt("/my-limits"), fmt("paused_until=someday"), "PUT",
		  fmt("/api/v1/me/limits"), fmt("{\"paused_until\":\"someday\"}"), 400,
		  "paused_until", "invalid", "someday" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expect_same_refusal(&cases[i]);
		free_refusal(&cases[i]);
	}
	json_t *j = call_json(amira, "GET", "/api/v1/me/limits", NULL, 200);
	assert_true(json_is_null(json_object_get(json_object_get(j, "limits"), "meetings_month")));
	json_decref(j);
}

/* The version the page's form carries (a hidden field), read from path. */
static long form_version(struct client *c, const char *path)
{
	struct response *r = get(c, path);
	const char *v = strstr(r->body, "name=\"version\" value=\"");
	long version = v ? strtol(v + strlen("name=\"version\" value=\""), NULL, 10) : 0;
	response_free(r);
	if (!version) fail_msg("%s has no version", path);
	return version;
}

/* Inviting, changing a member and one's profile, through both doors. */
static void bad_people_input_is_refused_the_same_at_both_doors(void **state)
{
	(void)state;
	size_t members_before = listed("/api/v1/panels/1/members", "members");
	char *long41 = repeat('7', 41);
	long version = form_version(amira, "/profile");
	struct refusal cases[] = {
		{ "an invitation to no address", &sam, fmt("/panels/1/invitations"),
		  fmt("email=not-an-address&role=co_creator"), "POST",
		  fmt("/api/v1/panels/1/invitations"),
		  fmt("{\"email\":\"not-an-address\",\"role\":\"co_creator\"}"), 400, "email",
		  "invalid", "not-an-address" },
		{ "an invitation to no role", &sam, fmt("/panels/1/invitations"),
		  fmt("email=kept.zqm1%%40example.org&role=overlord"), "POST",
		  fmt("/api/v1/panels/1/invitations"),
		  fmt("{\"email\":\"x@example.org\",\"role\":\"overlord\"}"), 400, "role", "invalid",
		  "kept.zqm1@example.org" },
		{ "a role that is not one", &sam, fmt("/panels/1/members/3"),
		  fmt("action=role&role=overlord"), "PATCH", fmt("/api/v1/panels/1/members/3"),
		  fmt("{\"role\":\"overlord\"}"), 400, "role", "invalid", NULL },
		{ "the last steward stepping down", &sam, fmt("/panels/2/members/1"),
		  fmt("action=role&role=co_creator"), "PATCH", fmt("/api/v1/panels/2/members/1"),
		  fmt("{\"role\":\"co_creator\"}"), 409, "role", "last_steward", NULL },
		{ "notices by e-mail of no known way", &amira, fmt("/account/mail"),
		  fmt("notices=weekly"), "PUT", fmt("/api/v1/me/mail"), fmt("{\"notices\":\"weekly\"}"),
		  400, "notices", "invalid", NULL },
		{ "an invitation by hand with an address", &sam, fmt("/panels/1/invitations"),
		  fmt("email=x%%40example.org&by_hand=1&role=co_creator"), "POST",
		  fmt("/api/v1/panels/1/invitations"),
		  fmt("{\"email\":\"x@example.org\",\"by_hand\":true,\"role\":\"co_creator\"}"),
		  400, "email", "invalid", "x@example.org" },
		{ "a language not among ours", &amira, fmt("/account/language"),
		  fmt("language=de"), "PUT", fmt("/api/v1/me/language"), fmt("{\"language\":\"de\"}"),
		  400, "language", "invalid", NULL },
		{ "a phone number too long", &amira, fmt("/profile"),
		  fmt("version=%ld&display_name=Amira+Haddad&phone=%s", version, long41), "PATCH",
		  fmt("/api/v1/me/profile"), fmt("{\"fields\":{\"phone\":{\"value\":\"%s\"}}}", long41),
		  400, "phone", "invalid", long41 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		expect_same_refusal(&cases[i]);
		free_refusal(&cases[i]);
	}
	free(long41);
	assert_int_equal(listed("/api/v1/panels/1/members", "members"), members_before);
	json_t *j = call_json(sam, "GET", "/api/v1/panels/2/members/1", NULL, 200);
	assert_string_equal(str(j, "role"), "steward");
	json_decref(j);
	j = call_json(amira, "GET", "/api/v1/me/profile", NULL, 200);
	char *text = json_dumps(j, 0);
	assert_null(strstr(text, "7777777777"));
	free(text);
	json_decref(j);
}

/* A form with several problems lists them all at once. */
static void a_form_reports_every_problem_at_once(void **state)
{
	struct response *r = post_form(sam, "/panels/1/meetings",
	                               "title=&date=31/02/2031&start_time=25:00&end_time=4pm"
	                               "&online_url=ftp://x&place=Kept+ZQK7");
	assert_int_equal(r->status, 400);
	assert_true(page_names_field(r, "title"));
	assert_true(page_names_field(r, "date"));
	assert_true(page_names_field(r, "start_time"));
	assert_true(contains(r, "Kept ZQK7"));
	response_free(r);
	/* The panel's details, declared once: every problem at once, and the
	 * use case refuses them too (app_panel_update). */
	r = post_form(sam, "/panels/1/edit",
	              "version=1&name=&description=Kept+ZQK10&time_zone=Mars%2FOlympus&language=en"
	              "&organisation=&hosting=user_led&response_days=400&agenda_days=7");
	assert_int_equal(r->status, 400);
	assert_true(page_names_field(r, "name"));
	assert_true(page_names_field(r, "time_zone"));
	assert_true(page_names_field(r, "response_days"));
	assert_true(contains(r, "Kept ZQK10"));
	response_free(r);
	/* What people type in the UK is understood, and the page says when. */
	r = post_form(sam, "/panels/1/meetings",
	              "title=Typed+ZQT&date=Tuesday+11+March+2031&start_time=2pm"
	              "&end_time=3.30+pm&place=Hall");
	assert_int_equal(r->status, 303);
	long id = location_id(r, "/meetings/");
	response_free(r);
	char *path = fmt("/panels/1/meetings/%ld", id);
	r = get(sam, path);
	/* Europe/London is on GMT in March before the clocks change. */
	assert_true(contains(r, "11 March 2031, 14:00 to 11 March 2031, 15:30"));
	response_free(r);
	free(path);
}

/* Pay's dates are read as people type them too, at both doors; a date
 * that does not exist is refused by both. */
static void pay_dates_are_typed_the_uk_way(void **state)
{
	(void)state;
	static const struct { const char *query; long status; } cases[] = {
		{ "from=6%2F4%2F2026&to=5+April+2027", 200 },
		{ "from=31%2F2%2F2026&to=5%2F4%2F2027", 400 },
	};
	static const char *const doors[] = { "/my-pay/statement", "/api/v1/me/pay/statement" };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (size_t d = 0; d < 2; d++) {
			char *path = fmt("%s?%s", doors[d], cases[i].query);
			struct response *r = get(amira, path);
			if (r->status != cases[i].status)
				fail_msg("%s: %ld, want %ld", path, r->status, cases[i].status);
			response_free(r);
			free(path);
		}
}

/* A meeting whose time has passed is not made without a word: the page
 * asks, keeping what was typed; ticked, it is recorded, and nobody is told
 * it is planned. */
static void a_meeting_in_the_past_is_asked_about(void **state)
{
	(void)state;
	const char *form = "title=Last+week+ZQPW&date=1/12/2026&start_time=2pm&end_time=4pm"
	                   "&place=Hall";
	struct response *r = post_form(sam, "/panels/1/meetings", form);
	assert_int_equal(r->status, 400);
	assert_true(page_names_field(r, "date"));
	assert_true(contains(r, "already passed"));
	assert_true(contains(r, "name=\"in_past\""));
	assert_true(contains(r, "Last week ZQPW"));
	response_free(r);
	char *ticked = fmt("%s&in_past=1", form);
	r = post_form(sam, "/panels/1/meetings", ticked);
	assert_int_equal(r->status, 303);
	response_free(r);
	free(ticked);
	assert_int_equal(notices_saying(amira, "Last week ZQPW"), 0);
}

/* Of two publishes, one wins; the other is told, at either door. */
static void an_agenda_is_published_once(void **state)
{
	char *page = fmt("/panels/1/meetings/%ld/agenda", future);
	char *form = fmt("item=%ld&take-%ld=1&item=%ld&take-%ld=0&reason-%ld=Next+time", item_a,
	                 item_a, item_b, item_b, item_b);
	struct response *r = post_form(sam, page, form);
	assert_int_equal(r->status, 303);
	response_free(r);
	r = post_form(sam, page, form);
	assert_int_equal(r->status, 409);
	assert_true(page_names_field(r, "items"));
	response_free(r);
	char *api = fmt("/api/v1/panels/1/meetings/%ld/agenda", future);
	char *json = fmt("{\"items\":[{\"id\":%ld,\"on_agenda\":true},{\"id\":%ld,"
	                 "\"on_agenda\":true}]}", item_a, item_b);
	expect_error(sam, "POST", api, json, 409, "agenda_published", "items");
	/* The first decision stands. */
	char *get_path = fmt("/api/v1/panels/1/meetings/%ld", future);
	json_t *m = call_json(amira, "GET", get_path, NULL, 200);
	assert_false(json_is_null(json_object_get(m, "agenda_published_at")));
	json_decref(m);
	free(page);
	free(form);
	free(api);
	free(json);
	free(get_path);
}

/* Inviting a guest twice (by page, then API) tells them once; a member
 * who is not a guest is refused at both doors. */
static void a_guest_is_invited_once(void **state)
{
	int before = notices_saying(joy, "invited you to the meeting \"Future ZQD\"");
	char *page = fmt("/panels/1/meetings/%ld/guests", future);
	struct response *r = post_form(sam, page, "user_id=6&on=1");
	assert_int_equal(r->status, 303);
	response_free(r);
	char *api = fmt("/api/v1/panels/1/meetings/%ld/guests/6", future);
	json_t *j = call_json(sam, "PUT", api, NULL, 200);
	json_decref(j);
	assert_int_equal(notices_saying(joy, "invited you to the meeting \"Future ZQD\""),
	                 before + 1);
	r = post_form(sam, page, "user_id=3&on=1");
	assert_int_equal(r->status, 400);
	response_free(r);
	char *not_guest = fmt("/api/v1/panels/1/meetings/%ld/guests/3", future);
	expect_error(sam, "PUT", not_guest, NULL, 400, "invalid", "user_id");
	free(page);
	free(api);
	free(not_guest);
}

/* Members hear on the site that a meeting is planned and that its agenda
 * is out (not who did it, who knows); the menu counts what is new. */
static void members_hear_of_meetings_and_agendas(void **state)
{
	(void)state;
	assert_int_equal(notices_saying(amira, "A meeting is planned: \"Future ZQD\""), 1);
	assert_int_equal(notices_saying(sam, "A meeting is planned: \"Future ZQD\""), 0);
	assert_int_equal(notices_saying(amira, "The agenda for \"Future ZQD\" is published"), 1);
	assert_int_equal(notices_saying(sam, "The agenda for \"Future ZQD\" is published"), 0);
	/* joy, a guest, was invited after it was published: no word of it. */
	assert_int_equal(notices_saying(joy, "The agenda for \"Future ZQD\" is published"), 0);
	struct response *r = get(amira, "/panels");
	assert_true(contains(r, "<span class=\"badge\">"));
	assert_true(contains(r, "<span class=\"visually-hidden\"> new</span>"));
	response_free(r);
	r = post_form(amira, "/notices/read", "");
	assert_int_equal(r->status, 303);
	response_free(r);
	r = get(amira, "/panels");
	assert_false(contains(r, "<span class=\"badge\">"));
	response_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_input_is_refused_the_same_at_both_doors),
		cmocka_unit_test(bad_pay_input_is_refused_the_same_at_both_doors),
		cmocka_unit_test(bad_representation_input_is_refused_the_same_at_both_doors),
		cmocka_unit_test(bad_opportunity_input_is_refused_the_same_at_both_doors),
		cmocka_unit_test(bad_limits_are_refused_the_same_at_both_doors),
		cmocka_unit_test(bad_people_input_is_refused_the_same_at_both_doors),
		cmocka_unit_test(a_form_reports_every_problem_at_once),
		cmocka_unit_test(pay_dates_are_typed_the_uk_way),
		cmocka_unit_test(a_meeting_in_the_past_is_asked_about),
		cmocka_unit_test(an_agenda_is_published_once),
		cmocka_unit_test(a_guest_is_invited_once),
		cmocka_unit_test(members_hear_of_meetings_and_agendas),
	};
	return cmocka_run_group_tests_name("one door per rule", tests, setup, teardown);
}
