/* Issue 20, "who isn't here?": groups and targets, the report and its
 * empty chairs, and that no figure, alone or set against others, shows a
 * group of fewer than five or one person's answer.
 *
 * The subtraction test: members of panel 1 answer "Do you consider
 * yourself disabled?" one at a time (and one withdraws); two meetings
 * have known attendance. After every change a co-creator reads the
 * panel's report and each meeting's. For every figure shown, the test
 * works out from its own record of who answered what (nobody else on the
 * panel has answered this question) which people the figure counts, its
 * support, and checks that the number shown is the size of that support,
 * so the supports are the server's, not an assumption. Whatever adding and
 * subtracting shown figures (totals, other groups, meetings, earlier
 * publications) can give is the size of a set in the span of the
 * supports; the test searches every union of atoms (people in exactly the
 * same supports) of 1 to 4 people and finds none in it. The same search
 * over the figures a rule of "show any count of 5 or more" would have
 * shown finds one: it can see what it seeks. */
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
static struct client *sam, *amira, *joy;

enum { MAX_PEOPLE = 64, MAX_SUPPORTS = 2048, ANSWERING = 21, TRICKLE = 16 };

/* The panel's people counted now (active co-creators and stewards), by
 * index; the test's record of each one's answer to "disability". */
static long people[MAX_PEOPLE];
static int n_people;
static const char *answer_of[MAX_PEOPLE]; /* "yes", "no", "prefer_not_to_say" or NULL */
static struct client *member[MAX_PEOPLE];  /* signed in, for those who answer */
static char email[MAX_PEOPLE][128];

/* Two meetings with attendance the test sets: demo meeting 1 and one of
 * its own; each one's attendees as a set of people. */
static long meeting_ids[2];
typedef uint64_t set;
static set attended[2];

/* The people a figure's key counts, by the test's record. */
static set support_of(const char *key, set within)
{
	set s = 0;
	for (int i = 0; i < n_people; i++) {
		if (!((within >> i) & 1)) continue;
		bool in = !strcmp(key, "total") ||
		          (!strcmp(key, "unanswered") && !answer_of[i]) ||
		          (answer_of[i] && !strncmp(key, "answer:", 7) && !strcmp(key + 7, answer_of[i]));
		if (in) s |= (set)1 << i;
	}
	return s;
}

static set everyone(void)
{
	return n_people == 64 ? ~(set)0 : ((set)1 << n_people) - 1;
}

static void add_support(set *sup, int *n, set s)
{
	if (!s) return;
	for (int k = 0; k < *n; k++)
		if (sup[k] == s) return;
	assert_true(*n < MAX_SUPPORTS);
	sup[(*n)++] = s;
}

/* Whether row (a set of people) lies in the span of rows[0..n), modulo
 * the prime 1000000007: by elimination over people, done apart from the
 * server's own (which works over atoms, modulo another prime). */
static bool in_span(const set *rows, int n, set row)
{
	enum { Q = 1000000007 };
	static long long m[MAX_SUPPORTS + 1][MAX_PEOPLE];
	for (int i = 0; i <= n; i++)
		for (int c = 0; c < n_people; c++) m[i][c] = ((i < n ? rows[i] : row) >> c) & 1;
	int rank = 0, rank_with = 0;
	for (int pass = 0; pass < 2; pass++) {
		int rows_now = pass ? n + 1 : n, r = 0;
		static long long w[MAX_SUPPORTS + 1][MAX_PEOPLE];
		for (int i = 0; i < rows_now; i++) memcpy(w[i], m[i], sizeof w[i]);
		for (int c = 0; c < n_people && r < rows_now; c++) {
			int p = -1;
			for (int i = r; i < rows_now && p < 0; i++)
				if (w[i][c]) p = i;
			if (p < 0) continue;
			for (int k = 0; k < n_people; k++) {
				long long t = w[p][k];
				w[p][k] = w[r][k];
				w[r][k] = t;
			}
			long long inv = 1, b = w[r][c], e = Q - 2;
			while (e) {
				if (e & 1) inv = inv * b % Q;
				b = b * b % Q;
				e >>= 1;
			}
			for (int i = 0; i < rows_now; i++) {
				if (i == r || !w[i][c]) continue;
				long long factor = w[i][c] * inv % Q;
				for (int k = 0; k < n_people; k++)
					w[i][k] = ((w[i][k] - factor * w[r][k]) % Q + Q) % Q;
			}
			r++;
		}
		if (pass) rank_with = r;
		else rank = r;
	}
	return rank == rank_with;
}

/* The smallest group of 1 to 4 people whose size adding and subtracting
 * the figures gives (a union of their atoms: the people in exactly the
 * same supports), or 0. The people counted in no figure but the panel's
 * size (presence: who is on the panel, known to all) tell nothing of
 * anyone's answer and are let be. */
static int smallest_revealed(const set *sup, int n, set presence)
{
	set atoms[MAX_PEOPLE];
	int n_atoms = 0;
	set seen = 0;
	for (int i = 0; i < n_people; i++) {
		if ((seen >> i) & 1) continue;
		bool anywhere = false;
		for (int k = 0; k < n; k++) anywhere |= (sup[k] >> i) & 1;
		if (!anywhere) continue;
		set atom = 0;
		for (int j = i; j < n_people; j++) {
			bool same = true;
			for (int k = 0; k < n && same; k++) same = ((sup[k] >> i) & 1) == ((sup[k] >> j) & 1);
			if (same) atom |= (set)1 << j;
		}
		seen |= atom;
		if (__builtin_popcountll(atom) < 5) atoms[n_atoms++] = atom;
	}
	int smallest = 0;
	/* every union of up to four small atoms with 1 to 4 people */
	for (int a = 0; a < n_atoms; a++)
		for (int b = a; b < n_atoms; b++)
			for (int c = b; c < n_atoms; c++)
				for (int d = c; d < n_atoms; d++) {
					set u = atoms[a] | atoms[b] | atoms[c] | atoms[d];
					int size = __builtin_popcountll(u);
					if (size >= 5 || (smallest && size >= smallest)) continue;
					bool only_presence = true;
					for (int i = 0; i < n_people; i++) {
						if (!((u >> i) & 1)) continue;
						for (int k = 0; k < n; k++)
							if (((sup[k] >> i) & 1) && sup[k] != presence) only_presence = false;
					}
					if (!only_presence && in_span(sup, n, u)) smallest = size;
				}
	return smallest;
}

static json_t *section(json_t *report, const char *characteristic)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(report, "characteristics"), i, s)
		if (!strcmp(str(s, "characteristic"), characteristic)) return s;
	fail_msg("no section %s", characteristic);
	return NULL;
}

/* Publications seen: each is read first right after the change that made
 * it, so its supports are the record's at that moment. */
static long seen[256];
static int n_seen;

/* Checks a scope's figures against the record (within: the people it
 * covers) and adds their supports. */
static void take_scope(json_t *scope, set within, set *sup, int *nsup, const char *what)
{
	long pub = num(scope, "publication");
	bool fresh = true;
	for (int k = 0; k < n_seen; k++) fresh &= seen[k] != pub;
	size_t i;
	json_t *g;
	json_t *total = json_object_get(scope, "total");
	if (!json_is_null(total)) {
		set s = support_of("total", within);
		if (fresh && json_integer_value(total) != __builtin_popcountll(s))
			fail_msg("%s: total %lld, the record says %d", what,
			         (long long)json_integer_value(total), __builtin_popcountll(s));
		if (fresh) add_support(sup, nsup, s);
	}
	json_array_foreach(json_object_get(scope, "groups"), i, g) {
		json_t *c = json_object_get(g, "count");
		if (json_is_null(c) || !fresh) continue;
		set s = support_of(str(g, "key"), within);
		if (json_integer_value(c) != __builtin_popcountll(s))
			fail_msg("%s: %s is %lld, the record says %d", what, str(g, "key"),
			         (long long)json_integer_value(c), __builtin_popcountll(s));
		add_support(sup, nsup, s);
	}
}

/* Reads every figure amira may see, as the panel stands now. */
static void read_all(set *sup, int *nsup, int step)
{
	char what[64], path[128];
	long pubs[3];
	json_t *j = call_json(amira, "GET", "/api/v1/panels/1/representation", NULL, 200);
	json_t *panel = json_object_get(section(j, "disability"), "panel");
	snprintf(what, sizeof what, "panel after step %d", step);
	take_scope(panel, everyone(), sup, nsup, what);
	pubs[0] = num(panel, "publication");
	json_decref(j);
	for (int m = 0; m < 2; m++) {
		snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/representation",
		         meeting_ids[m]);
		j = call_json(amira, "GET", path, NULL, 200);
		json_t *sc = json_object_get(section(j, "disability"), "meeting");
		snprintf(what, sizeof what, "meeting %d after step %d", m, step);
		take_scope(sc, attended[m], sup, nsup, what);
		pubs[1 + m] = num(sc, "publication");
		json_decref(j);
	}
	for (int k = 0; k < 3; k++) {
		bool known = false;
		for (int x = 0; x < n_seen; x++) known |= seen[x] == pubs[k];
		if (!known && pubs[k]) {
			assert_true(n_seen < 256);
			seen[n_seen++] = pubs[k];
		}
	}
}

/* What "show every count of 5 or more (and none)" would have shown now. */
static void naive_supports(set *sup, int *nsup)
{
	static const char *const keys[] = { "total", "answer:yes", "answer:no",
	                                     "answer:prefer_not_to_say", "unanswered" };
	set scopes[3] = { everyone(), attended[0], attended[1] };
	for (int sc = 0; sc < 3; sc++)
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			set s = support_of(keys[k], scopes[sc]);
			if (__builtin_popcountll(s) >= 5) add_support(sup, nsup, s);
		}
}

static void answer(int i, const char *value)
{
	char body[200];
	if (value)
		snprintf(body, sizeof body,
		         "{\"fields\":{\"disability\":{\"value\":\"%s\",\"consent\":true}}}", value);
	else
		snprintf(body, sizeof body,
		         "{\"fields\":{\"disability\":{\"value\":\"\",\"consent\":false}}}");
	json_decref(call_json(member[i], "PATCH", "/api/v1/me/profile", body, 200));
	answer_of[i] = value;
}

static void set_attendance(int m, set who)
{
	char body[2048], path[128];
	int len = snprintf(body, sizeof body, "{\"attended\":[");
	bool first = true;
	for (int i = 0; i < n_people; i++)
		if ((who >> i) & 1) {
			len += snprintf(body + len, sizeof body - (size_t)len, "%s%ld", first ? "" : ",",
			                people[i]);
			first = false;
		}
	len += snprintf(body + len, sizeof body - (size_t)len, "],\"not_attended\":[");
	first = true;
	for (int i = 0; i < n_people; i++)
		if (!((who >> i) & 1)) {
			len += snprintf(body + len, sizeof body - (size_t)len, "%s%ld", first ? "" : ",",
			                people[i]);
			first = false;
		}
	snprintf(body + len, sizeof body - (size_t)len, "]}");
	snprintf(path, sizeof path, "/api/v1/panels/1/meetings/%ld/attendance", meeting_ids[m]);
	json_decref(call_json(sam, "PUT", path, body, 200));
	attended[m] = who;
}

static int setup(void **state)
{
	(void)state;
	/* publications whenever safe, not once a week: the worst case */
	static const char *const every_time[] = { "--figures-every", "0", NULL };
	if (!server_start_with(&srv, every_time)) return -1;
	sam = client_new(&srv);
	amira = client_new(&srv);
	joy = client_new(&srv);
	if (!client_sign_in(sam, "sam@demo.emptychair.org", NULL) ||
	    !client_sign_in(amira, "amira@demo.emptychair.org", NULL) ||
	    !client_sign_in(joy, "joy.adebayo@demo.emptychair.org", NULL))
		return -1;
	/* everyone the panel's figures count: active co-creators and stewards */
	json_t *j = call_json(sam, "GET", "/api/v1/panels/1/members?limit=500", NULL, 200);
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(j, "members"), i, m) {
		if (!strcmp(str(m, "role"), "guest") || strcmp(str(m, "status"), "active")) continue;
		if (n_people == MAX_PEOPLE) return -1;
		snprintf(email[n_people], sizeof email[0], "%s", str(m, "email"));
		people[n_people++] = num(m, "user_id");
	}
	json_decref(j);
	/* the answering members: co-creators other than amira */
	int k = 0;
	for (int p = 0; p < n_people && k < ANSWERING; p++) {
		if (people[p] <= 3) continue;
		member[p] = client_new(&srv);
		if (!client_sign_in(member[p], email[p], NULL)) return -1;
		k++;
	}
	return k == ANSWERING ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < n_people; i++)
		if (member[i]) client_free(member[i]);
	client_free(sam);
	client_free(amira);
	client_free(joy);
	return server_stop(&srv) == 0 ? 0 : -1;
}

/* The answering members' indexes, in order. */
static int answering(int k)
{
	for (int p = 0; p < n_people; p++)
		if (member[p] && k-- == 0) return p;
	fail_msg("no answering member %d", k);
	return -1;
}

static void subtraction_reveals_no_small_group(void **state)
{
	(void)state;
	meeting_ids[0] = 1;
	meeting_ids[1] = meeting_in_progress(sam, 1, 0, "ZQ who came");
	/* meeting 1: sam, rana, amira and the first six to answer; the other:
	 * the first twelve to answer */
	set a0 = 0, a1 = 0;
	for (int p = 0; p < n_people; p++)
		if (people[p] <= 3) a0 |= (set)1 << p;
	for (int k = 0; k < 12; k++) {
		if (k < 6) a0 |= (set)1 << answering(k);
		a1 |= (set)1 << answering(k);
	}
	set_attendance(0, a0);
	set_attendance(1, a1);

	static set sup[MAX_SUPPORTS], naive[MAX_SUPPORTS];
	int nsup = 0, nnaive = 0, step = 0;
	read_all(sup, &nsup, step);
	naive_supports(naive, &nnaive);
	static const char *const given[TRICKLE] = {
		"yes", "no", "yes", "prefer_not_to_say", "yes", "no", "yes", "yes",
		"no", "prefer_not_to_say", "yes", "no", "no", "yes", "no", "yes" };
	for (int k = 0; k < TRICKLE; k++) {
		answer(answering(k), given[k]);
		read_all(sup, &nsup, ++step);
		naive_supports(naive, &nnaive);
	}
	/* one changes their mind, one withdraws their consent */
	answer(answering(3), "yes");
	read_all(sup, &nsup, ++step);
	naive_supports(naive, &nnaive);
	answer(answering(0), NULL);
	read_all(sup, &nsup, ++step);
	naive_supports(naive, &nnaive);
	/* five more say no before anyone looks */
	for (int k = TRICKLE; k < ANSWERING; k++) answer(answering(k), "no");
	read_all(sup, &nsup, ++step);
	naive_supports(naive, &nnaive);

	int smallest = smallest_revealed(sup, nsup, everyone());
	int naive_smallest = smallest_revealed(naive, nnaive, everyone());
	fprintf(stderr, "representation: %d people, %d steps, %d publications, %d supports; "
	                "smallest group worked out: %d (0: none); with any count of 5 or more "
	                "shown: %d\n", n_people, step, n_seen, nsup, smallest, naive_smallest);
	assert_int_equal(smallest, 0);
	assert_true(naive_smallest > 0);

	/* Answers that come one at a time, each looked at, are mostly held back
	 * here, rightly: this test's own search confirms that yes and no shown
	 * together at the end would give away a group of two. Changes that
	 * come in fives are shown: batches_are_published. */
}

/* The steward's groups and targets at both doors, and the empty chair
 * they name on the panel's home page and the meeting's. */
static void targets_name_empty_chairs(void **state)
{
	(void)state;
	struct response *r = get(sam, "/panels/1/targets/new?characteristic=disability");
	assert_int_equal(r->status, 200);
	response_free(r);
	/* a bad share, and a most below the fewest: the form again, as typed */
	r = post_form(sam, "/panels/1/targets",
	              "version=0&characteristic=disability&answer=yes&unit=percent&min=40&max=20"
	              "&reference_share=12.5&reference_source=ZQ+Census");
	assert_int_equal(r->status, 400);
	assert_true(contains(r, "ZQ Census"));
	assert_true(contains(r, "The most can"));
	response_free(r);
	expect_error(sam, "POST", "/api/v1/panels/1/targets",
	             "{\"characteristic\":\"disability\",\"answer\":\"yes\",\"unit\":\"percent\","
	             "\"min\":40,\"max\":20}", 400, "invalid", "max");
	expect_error(sam, "POST", "/api/v1/panels/1/targets",
	             "{\"characteristic\":\"disability\",\"answer\":\"yes\",\"unit\":\"percent\","
	             "\"min\":40,\"reference_share\":\"half\"}", 400, "invalid", "reference_share");
	r = post_form(sam, "/panels/1/targets",
	              "version=0&characteristic=disability&answer=yes&unit=percent&min=60"
	              "&reference_share=17.8&reference_source=ZQ+Census+2021"
	              "&reference_date=21%2F3%2F2021");
	assert_int_equal(r->status, 303);
	response_free(r);
	/* one group an answer */
	expect_error(sam, "POST", "/api/v1/panels/1/targets",
	             "{\"characteristic\":\"disability\",\"answer\":\"yes\",\"unit\":\"people\","
	             "\"min\":2}", 409, "exists", "answer");
	json_t *j = call_json(sam, "GET", "/api/v1/panels/1/targets", NULL, 200);
	json_t *g = json_array_get(json_object_get(j, "groups"), 0);
	assert_string_equal(str(g, "reference_share"), "17.8");
	assert_string_equal(str(g, "reference_date"), "2021-03-21");
	assert_int_equal(num(g, "min"), 60);
	json_decref(j);

	/* after the last test "yes" is held back: with a minimum, it is named
	 * an empty chair all the same, saying its number is not shown */
	json_decref(call_json(amira, "GET", "/api/v1/panels/1/representation", NULL, 200));
	r = get(amira, "/panels/1");
	assert_int_equal(r->status, 200);
	assert_true(contains(r, "Who isn"));
	assert_true(contains(r, "at least 60%; not shown"));
	response_free(r);
	r = get(amira, "/panels/1/who-isnt-here");
	assert_true(contains(r, "Not shown, so not known"));
	assert_true(contains(r, "17.8% (ZQ Census 2021, 21 March 2021)"));
	assert_true(contains(r, "<svg class=\"rep-chart\""));
	response_free(r);
	/* a guest is told nothing of it */
	r = get(joy, "/panels/1");
	assert_false(contains(r, "Who isn"));
	response_free(r);
}

/* What members write about themselves reaches nobody else: not the
 * figures, not the pages, not the API; each sees only their own choice. */
static void nobody_sees_anothers_answer(void **state)
{
	(void)state;
	json_t *j = call_json(sam, "POST", "/api/v1/panels/1/targets",
	                      "{\"characteristic\":\"gender\",\"label\":\"ZQ group women\"}", 201);
	long group = num(json_object_get(j, "group"), "id");
	json_decref(j);
	char body[256], words[ANSWERING][32], path[160];
	/* without consent, no choice */
	snprintf(body, sizeof body, "{\"characteristic\":\"gender\",\"group_id\":%ld}", group);
	expect_error(member[answering(0)], "PUT", "/api/v1/panels/1/representation/me", body, 400,
	             "consent_needed", "group_id");
	for (int k = 0; k < 7; k++) {
		int p = answering(k);
		snprintf(words[k], sizeof words[k], "ZQW%02dself", k);
		char patch[200];
		snprintf(patch, sizeof patch,
		         "{\"fields\":{\"gender\":{\"value\":\"%s\",\"consent\":true}}}", words[k]);
		json_decref(call_json(member[p], "PATCH", "/api/v1/me/profile", patch, 200));
		j = call_json(member[p], "PUT", "/api/v1/panels/1/representation/me", body, 200);
		assert_int_equal(num(json_object_get(j, "choices"), "gender"), group);
		json_decref(j);
	}
	/* the sweep can see what it seeks: each member's own profile has it */
	struct response *r = get(member[answering(2)], "/profile");
	assert_true(contains(r, words[2]));
	response_free(r);
	/* the group's figure: 7 chose it */
	j = call_json(amira, "GET", "/api/v1/panels/1/representation", NULL, 200);
	json_t *groups = json_object_get(json_object_get(section(j, "gender"), "panel"), "groups");
	json_t *first = json_array_get(groups, 0);
	assert_string_equal(str(first, "label"), "ZQ group women");
	assert_int_equal(num(first, "count"), 7);
	json_decref(j);

	snprintf(path, sizeof path, "/panels/1/meetings/%ld", meeting_ids[1]);
	const char *pages[] = { "/panels/1", "/panels/1/who-isnt-here", "/panels/1/who-isnt-here/me",
	                        "/panels/1/members", "/panels/1/meetings/1/who-came", path,
	                        "/api/v1/panels/1/representation", "/api/v1/panels/1/representation/me",
	                        "/api/v1/panels/1/meetings/1/representation",
	                        "/api/v1/panels/1/members", "/panels/1/targets",
	                        "/api/v1/panels/1/targets", "/panels/1/who-isnt-here/me" };
	struct client *readers[] = { amira, sam, joy, member[answering(8)], member[answering(1)] };
	for (size_t c = 0; c < sizeof readers / sizeof readers[0]; c++)
		for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
			r = get(readers[c], pages[i]);
			for (int k = 0; k < 7; k++) {
				bool own = readers[c] == member[answering(k)];
				if (!own && strstr(r->body ? r->body : "", words[k]))
					fail_msg("%s sees %s on %s", readers[c]->email, words[k], pages[i]);
			}
			response_free(r);
		}
	/* each member's page shows their own choice, and another's shows none */
	r = get(member[answering(1)], "/panels/1/who-isnt-here/me");
	snprintf(body, sizeof body, "value=\"%ld\" checked", group);
	assert_true(contains(r, body));
	response_free(r);
	r = get(amira, "/panels/1/who-isnt-here/me");
	assert_false(contains(r, body));
	response_free(r);
	/* withdrawing consent takes the choice away */
	json_decref(call_json(member[answering(1)], "PATCH", "/api/v1/me/profile",
	                      "{\"fields\":{\"gender\":{\"value\":\"\",\"consent\":false}}}", 200));
	j = call_json(member[answering(1)], "GET", "/api/v1/panels/1/representation/me", NULL, 200);
	assert_true(json_is_null(json_object_get(json_object_get(j, "choices"), "gender")));
	json_decref(j);
}

/* Changes that come in fives are published: a steward's own groups for
 * "area" on panel 2, which nobody has answered, chosen by members in two
 * batches. */
static void batches_are_published(void **state)
{
	(void)state;
	json_t *made = call_json(sam, "POST", "/api/v1/panels/2/targets",
	                         "{\"characteristic\":\"area\",\"label\":\"ZQ North\","
	                         "\"unit\":\"people\",\"min\":8}", 201);
	long north = num(json_object_get(made, "group"), "id");
	json_decref(made);
	made = call_json(sam, "POST", "/api/v1/panels/2/targets",
	                 "{\"characteristic\":\"area\",\"label\":\"ZQ South\"}", 201);
	long south = num(json_object_get(made, "group"), "id");
	json_decref(made);
	long ids[40];
	char emails[40][128];
	int n = active_co_creators(sam, 2, 0, ids, emails, 40);
	assert_true(n >= 15);
	json_decref(call_json(amira, "GET", "/api/v1/panels/2/representation", NULL, 200));
	struct client *c[15];
	for (int k = 0; k < 15; k++) {
		c[k] = client_new(&srv);
		assert_true(client_sign_in(c[k], emails[k], NULL));
	}
	long counts[2][2];
	for (int batch = 0; batch < 2; batch++) {
		for (int k = batch ? 10 : 0; k < (batch ? 15 : 10); k++) {
			json_decref(call_json(c[k], "PATCH", "/api/v1/me/profile",
			                      "{\"fields\":{\"area\":{\"value\":\"ZQ somewhere\","
			                      "\"consent\":true}}}", 200));
			char body[96];
			snprintf(body, sizeof body, "{\"characteristic\":\"area\",\"group_id\":%ld}",
			         k < 5 || k >= 10 ? north : south);
			json_decref(call_json(c[k], "PUT", "/api/v1/panels/2/representation/me", body, 200));
		}
		json_t *j = call_json(amira, "GET", "/api/v1/panels/2/representation", NULL, 200);
		json_t *groups = json_object_get(json_object_get(section(j, "area"), "panel"), "groups");
		for (int g = 0; g < 2; g++) {
			json_t *row = json_array_get(groups, (size_t)g);
			json_t *count = json_object_get(row, "count");
			counts[batch][g] = json_is_null(count) ? -1 : json_integer_value(count);
		}
		json_decref(j);
	}
	fprintf(stderr, "representation: North, South after 10 answers: %ld, %ld; after 5 more: "
	                "%ld, %ld\n", counts[0][0], counts[0][1], counts[1][0], counts[1][1]);
	assert_int_equal(counts[0][0], 5);
	assert_int_equal(counts[0][1], 5);
	assert_int_equal(counts[1][0], 10);
	assert_int_equal(counts[1][1], 5);
	/* North's target of at least 8 was not met after the first batch (the
	 * second publication of the trend), and is now */
	struct response *r = get(amira, "/panels/2/who-isnt-here");
	assert_true(contains(r, "Meets the target"));
	assert_false(contains(r, "Below the target"));
	assert_true(contains(r, "Area over time"));
	response_free(r);
	json_t *j = call_json(amira, "GET", "/api/v1/panels/2/representation", NULL, 200);
	json_t *trend = json_object_get(section(j, "area"), "trend");
	size_t t = json_array_size(trend);
	assert_true(t >= 3);
	char key[40];
	snprintf(key, sizeof key, "group:%ld", north);
	assert_int_equal(num(json_object_get(json_array_get(trend, t - 2), "counts"), key), 5);
	assert_int_equal(num(json_object_get(json_array_get(trend, t - 1), "counts"), key), 10);
	json_decref(j);
	for (int k = 0; k < 15; k++) client_free(c[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subtraction_reveals_no_small_group),
		cmocka_unit_test(targets_name_empty_chairs),
		cmocka_unit_test(nobody_sees_anothers_answer),
		cmocka_unit_test(batches_are_published),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
