/* Issue 17, point 1: no combination of the reflection figures anyone can
 * read (each meeting's, its project's, the panel's "felt heard"), taken at
 * any time, reveals fewer than five answers.
 *
 * How: answers are given one at a time to four meetings (three of one
 * project, one of none). After each, a co-creator, a guest and a steward
 * read every figure through the API. For each figure the test works out,
 * from the release rule (docs/privacy.md), which answers it is made of, its
 * support, and checks that the server's numbers and comments are exactly
 * those of the support, so the supports are the server's, not an
 * assumption. Figures are sums over their supports, so whatever can be
 * learnt by adding and subtracting them (across pages, roles and time) is a
 * sum over a union of the atoms of the supports: the groups of answers that
 * lie in exactly the same supports. Every atom must hold five answers or
 * more. The same check, run on the supports of the old rule (a figure
 * shown once its own total reached five), must find a smaller atom: it can
 * see what it looks for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api_json.h"
#include "harness.h"

static struct server srv;

enum { MEETINGS = 4, VOTERS = 10, MAX_ANSWERS = 64, MAX_SUPPORTS = 1024 };

/* One answer: which meeting (0..3; 0-2 are the project's), by whom. */
struct answer {
	int meeting, voter;
	int heard;
	const char *info, *safe, *comment;
};

/* Answers in the order given: meetings 0-2 of the project (7, 6 and 3
 * answers: a group of five and one over, a group and one, none), meeting 3
 * of no project (5), interleaved. */
static const struct answer given[] = {
	{ 0, 0, 5, "yes", "yes", "Tea ZQD01" },   { 1, 0, 4, "no", "partly", "" },
	{ 0, 1, 1, "no", "no", "Unsafe ZQD02" },  { 2, 0, 3, "partly", "yes", "Loop ZQD03" },
	{ 3, 0, 2, "yes", "no", "" },             { 0, 2, 4, "yes", "partly", "" },
	{ 1, 1, 2, "partly", "no", "Later ZQD04" }, { 0, 3, 3, "no", "yes", "Ramp ZQD05" },
	{ 3, 1, 5, "no", "yes", "Badges ZQD06" }, { 1, 2, 1, "yes", "yes", "" },
	{ 0, 4, 2, "partly", "partly", "" },      { 2, 1, 1, "no", "no", "Alone ZQD07" },
	{ 3, 2, 4, "partly", "no", "" },          { 1, 3, 5, "no", "partly", "Warmer ZQD08" },
	{ 0, 5, 1, "no", "no", "Scared ZQD09" },  { 3, 3, 3, "yes", "yes", "" },
	{ 1, 4, 3, "yes", "no", "" },             { 2, 2, 2, "partly", "partly", "Quiet ZQD10" },
	{ 3, 4, 1, "no", "partly", "Crèche ZQD11" }, { 1, 5, 4, "yes", "yes", "" },
	{ 0, 6, 2, "yes", "no", "" },
};
enum { N = sizeof given / sizeof given[0] };

static long project_id, meeting_ids[MEETINGS];
static long voter_ids[VOTERS];
static struct client *voters[VOTERS], *sam, *joy, *onlooker;

/* ---- the model: which answers a figure is made of ---- */

typedef uint64_t support; /* bit i: given[i] */

/* Under the release rule: of each meeting in `meetings` (a bitmask), the
 * first whole groups of five of the first `so_far` answers. */
static support released(unsigned meetings, int so_far)
{
	support s = 0;
	for (int m = 0; m < MEETINGS; m++) {
		if (!(meetings & (1u << m))) continue;
		int n = 0;
		for (int i = 0; i < so_far; i++) n += given[i].meeting == m;
		int keep = n - n % 5, k = 0;
		for (int i = 0; i < so_far && k < keep; i++)
			if (given[i].meeting == m) s |= (support)1 << i, k++;
	}
	return s;
}

/* Under the old rule: every answer, once the figure's own total reached 5. */
static support old_rule(unsigned meetings, int so_far)
{
	support s = 0;
	int n = 0;
	for (int i = 0; i < so_far; i++)
		if (meetings & (1u << given[i].meeting)) s |= (support)1 << i, n++;
	return n >= 5 ? s : 0;
}

static int count_of(support s) { return __builtin_popcountll(s); }

/* Every atom of the supports (answers in exactly the same supports) holds
 * at least five answers; *smallest is the smallest atom's size. */
static bool atoms_hold_five(const support *sup, int nsup, int *smallest)
{
	*smallest = N + 1;
	bool done[N] = { false };
	for (int i = 0; i < N; i++) {
		if (done[i]) continue;
		bool anywhere = false;
		for (int k = 0; k < nsup; k++) anywhere |= (sup[k] >> i) & 1;
		if (!anywhere) continue; /* in no figure: nothing to learn */
		int size = 0;
		for (int j = i; j < N; j++) {
			bool same = true;
			for (int k = 0; k < nsup && same; k++) same = ((sup[k] >> i) & 1) == ((sup[k] >> j) & 1);
			if (same) done[j] = true, size++;
		}
		if (size < *smallest) *smallest = size;
	}
	return *smallest >= 5;
}

static void add_support(support *sup, int *nsup, support s)
{
	if (!s) return;
	for (int k = 0; k < *nsup; k++)
		if (sup[k] == s) return;
	assert_true(*nsup < MAX_SUPPORTS);
	sup[(*nsup)++] = s;
}

/* ---- reading the figures ---- */

static int tenths_of(int sum, int n) { return (sum * 20 + n) / (2 * n); }

static int ypn_index(const char *s) { return !strcmp(s, "yes") ? 0 : !strcmp(s, "partly") ? 1 : 2; }

/* A reflections object ({"answers", "answers_counted", ...}) is exactly the
 * figures of support s, of `all` answers in all. */
static void check_reflections(json_t *r, support s, int all, const char *what)
{
	if (num(r, "answers") != all)
		fail_msg("%s: %ld answers, expected %d", what, num(r, "answers"), all);
	if (num(r, "answers_counted") != count_of(s))
		fail_msg("%s: %ld counted, expected %d", what, num(r, "answers_counted"), count_of(s));
	if (!s) {
		if (json_object_size(r) != 2) fail_msg("%s: figures shown from no group of five", what);
		return;
	}
	int sum = 0, info[3] = { 0 }, safe[3] = { 0 }, comments = 0;
	for (int i = 0; i < N; i++) {
		if (!((s >> i) & 1)) continue;
		sum += given[i].heard;
		info[ypn_index(given[i].info)]++;
		safe[ypn_index(given[i].safe)]++;
		comments += *given[i].comment != 0;
	}
	double avg = json_real_value(json_object_get(r, "felt_heard_average"));
	if ((int)(avg * 10 + 0.5) != tenths_of(sum, count_of(s)))
		fail_msg("%s: felt heard %.1f, expected %d tenths", what, avg, tenths_of(sum, count_of(s)));
	static const char *const keys[3] = { "yes", "partly", "no" };
	for (int k = 0; k < 3; k++) {
		assert_int_equal(num(json_object_get(r, "info_in_time"), keys[k]), info[k]);
		assert_int_equal(num(json_object_get(r, "felt_safe"), keys[k]), safe[k]);
	}
	json_t *c = json_object_get(r, "comments");
	assert_int_equal(json_array_size(c), comments);
	for (int i = 0; i < N; i++) {
		if (!*given[i].comment) continue;
		bool shown = false;
		for (size_t k = 0; k < json_array_size(c); k++)
			shown |= !strcmp(str(json_array_get(c, k), "text"), given[i].comment);
		if (shown != ((s >> i) & 1))
			fail_msg("%s: comment \"%s\" %s", what, given[i].comment,
			         shown ? "shown, not in the figures" : "missing");
	}
}

/* An influence object's felt heard is exactly that of support s. */
static void check_felt_heard(json_t *f, support s, const char *what)
{
	json_t *heard = json_object_get(f, "felt_heard");
	if (count_of(s) < 5) {
		if (!json_is_null(heard)) fail_msg("%s: felt heard shown from %d", what, count_of(s));
		return;
	}
	assert_int_equal(num(f, "felt_heard_answers"), count_of(s));
	int sum = 0;
	for (int i = 0; i < N; i++)
		if ((s >> i) & 1) sum += given[i].heard;
	if ((int)(json_real_value(heard) * 10 + 0.5) != tenths_of(sum, count_of(s)))
		fail_msg("%s: felt heard %.1f", what, json_real_value(heard));
}

/* Reads every figure c may see after so_far answers, checks each against
 * its support, and adds the supports to sup. */
static void read_all(struct client *c, int so_far, support *sup, int *nsup)
{
	char path[128], what[160];
	unsigned project_meetings = 0x7;
	for (int m = 0; m < MEETINGS; m++) {
		snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/reflections", meeting_ids[m]);
		json_t *j = call_json(c, "GET", path, NULL, 200);
		json_object_del(j, "i_have_answered");
		json_object_del(j, "can_reflect");
		int all = 0;
		for (int i = 0; i < so_far; i++) all += given[i].meeting == m;
		snprintf(what, sizeof what, "%s, meeting %d after %d", c->email, m, so_far);
		support s = released(1u << m, so_far);
		check_reflections(j, s, all, what);
		add_support(sup, nsup, s);
		json_decref(j);
	}
	snprintf(path, sizeof path, "/api/v1/panels/1/projects/%ld", project_id);
	struct response *r = get(c, path);
	if (r->status == 200) {
		json_t *j = json_loads(r->body, 0, NULL);
		int all = 0;
		for (int i = 0; i < so_far; i++) all += given[i].meeting < 3;
		snprintf(what, sizeof what, "%s, project after %d", c->email, so_far);
		support s = released(project_meetings, so_far);
		check_reflections(json_object_get(j, "reflections"), s, all, what);
		check_felt_heard(json_object_get(j, "influence"), s, what);
		add_support(sup, nsup, s);
		json_decref(j);
	} else {
		/* not theirs to see (a guest) */
		if (r->status != 403 && r->status != 404) fail_msg("%s: project %ld", c->email, r->status);
	}
	response_free(r);
	r = get(c, "/api/v1/panels/1/projects");
	if (r->status == 200) {
		json_t *j = json_loads(r->body, 0, NULL);
		snprintf(what, sizeof what, "%s, panel after %d", c->email, so_far);
		support s = released(0xf, so_far);
		check_felt_heard(json_object_get(j, "influence"), s, what);
		add_support(sup, nsup, s);
		json_decref(j);
	} else if (r->status != 403) {
		fail_msg("%s: projects %ld", c->email, r->status);
	}
	response_free(r);
}

/* ---- setting up ---- */

/* A meeting in 2026's k+1th month, of project (0: none). */
static long past_meeting(long project, int k)
{
	char body[300], of_project[40] = "";
	if (project) snprintf(of_project, sizeof of_project, "\"project_id\":%ld,", project);
	snprintf(body, sizeof body,
	         "{\"title\":\"ZQ differencing %d\",%s\"starts_at\":\"2026-0%d-10T13:00:00Z\","
	         "\"ends_at\":\"2026-0%d-10T15:00:00Z\",\"place\":\"Hall\"}",
	         k, of_project, k + 1, k + 1);
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/meetings", body, 201);
	long id = get_id(j);
	json_decref(j);
	return id;
}

static int setup(void **state)
{
	(void)state;
	if (!server_start(&srv)) return -1;
	sam = client_new(&srv);
	joy = client_new(&srv);
	onlooker = client_new(&srv);
	if (!client_sign_in(sam, "sam@demo.emptychair.org", NULL) ||
	    !client_sign_in(joy, "joy.adebayo@demo.emptychair.org", NULL) ||
	    !client_sign_in(onlooker, "amira@demo.emptychair.org", NULL))
		return -1;
	/* The voters: active co-creators of panel 1 other than amira. */
	char emails[VOTERS][128];
	if (active_co_creators(sam, 1, 0, voter_ids, emails, VOTERS) < VOTERS) return -1;
	for (int v = 0; v < VOTERS; v++) {
		voters[v] = client_new(&srv);
		if (!client_sign_in(voters[v], emails[v], NULL)) return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int v = 0; v < VOTERS; v++) client_free(voters[v]);
	client_free(sam);
	client_free(joy);
	client_free(onlooker);
	return server_stop(&srv) == 0 ? 0 : -1;
}

static void no_combination_reveals_fewer_than_five(void **state)
{
	(void)state;
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/projects",
	                      "{\"title\":\"ZQ differencing project\"}", 201);
	project_id = get_id(j);
	json_decref(j);
	char path[128], body[512];
	for (int m = 0; m < MEETINGS; m++) {
		meeting_ids[m] = past_meeting(m < 3 ? project_id : 0, m);
		/* Everyone came; the guest is invited to every meeting. */
		int len = snprintf(body, sizeof body, "{\"attended\":[");
		for (int v = 0; v < VOTERS; v++)
			len += snprintf(body + len, sizeof body - len, "%s%ld", v ? "," : "", voter_ids[v]);
		snprintf(body + len, sizeof body - len, "]}");
		snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/attendance", meeting_ids[m]);
		json_decref(call_json(sam, "PUT", path, body, 200));
		snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/guests/6", meeting_ids[m]);
		response_free(send_json(sam, "PUT", path, NULL));
	}

	static support sup[MAX_SUPPORTS];
	int nsup = 0;
	struct client *readers[] = { onlooker, joy, sam };
	/* Before any answer the panel has no released answers at all: every
	 * figure below is made of this test's answers only. */
	for (size_t r = 0; r < 3; r++) read_all(readers[r], 0, sup, &nsup);
	for (int i = 0; i < N; i++) {
		const struct answer *a = &given[i];
		snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/reflection",
		         meeting_ids[a->meeting]);
		snprintf(body, sizeof body,
		         "{\"felt_heard\":%d,\"info_in_time\":\"%s\",\"felt_safe\":\"%s\","
		         "\"should_change\":\"%s\"}", a->heard, a->info, a->safe, a->comment);
		json_decref(call_json(voters[a->voter], "POST", path, body, 201));
		for (size_t r = 0; r < 3; r++) read_all(readers[r], i + 1, sup, &nsup);
	}
	int smallest;
	bool safe = atoms_hold_five(sup, nsup, &smallest);
	fprintf(stderr, "differencing: %d answers, %d distinct figures' supports, smallest atom %d\n",
	        N, nsup, smallest);
	/* Not vacuous: three meetings reach a group of five, and the project
	 * and panel figures grow as they do. */
	assert_true(nsup >= 5);
	assert_true(safe);

	/* The check sees a leak where there is one: the old rule's figures. */
	static support old[MAX_SUPPORTS];
	int nold = 0;
	for (int t = 0; t <= N; t++) {
		for (int m = 0; m < MEETINGS; m++) add_support(old, &nold, old_rule(1u << m, t));
		add_support(old, &nold, old_rule(0x7, t));
		add_support(old, &nold, old_rule(0xf, t));
	}
	int old_smallest;
	assert_false(atoms_hold_five(old, nold, &old_smallest));
	fprintf(stderr, "differencing: the old rule's smallest atom: %d answer(s)\n", old_smallest);
	assert_true(old_smallest < 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_combination_reveals_fewer_than_five),
	};
	return cmocka_run_group_tests_name("reflection figures under differencing", tests, setup,
	                                   teardown);
}
