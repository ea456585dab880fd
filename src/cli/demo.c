/* `emptychair demo`: realistic demonstration data. Two panels (one user-led
 * migrants' panel, one council-hosted mental-health panel), about forty
 * co-creators with varied access needs and preferences, stewards, guests.
 * --members N adds N more co-creators to the first panel, for benchmarks.
 * Every generated choice comes from a fixed-seed generator, so two runs
 * make the same data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/options.h"
#include "core/civil_time.h"
#include "core/lang.h"
#include "core/profile.h"
#include "core/text.h"

/* Printed by `make run`; demo accounts only. */
static const char DEMO_PASSWORD[] = "kettle river orange lamp";

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;
static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static const char *const first_names[] = {
	"Amira", "Tomasz", "Grace", "Kwame", "Siobhan", "Dev", "Fatima", "Liam", "Noor", "Chidi",
	"Ewa", "Hassan", "Bethan", "Yusuf", "Maria", "Jamal", "Aoife", "Priya", "Samir", "Zofia",
	"Tariq", "Rhiannon", "Abdi", "Leah", "Marek", "Ife", "Callum", "Hana", "Osman", "Niamh",
	"Jin", "Aisha", "Rory", "Meera", "Kofi", "Lena", "Omar", "Ffion", "Dawit", "Ruth" };
static const char *const last_names[] = {
	"Haddad", "Nowak", "Okafor", "Mensah", "Byrne", "Patel", "Ali", "Murphy", "Rahman", "Eze",
	"Kowalski", "Hussein", "Jones", "Abdullahi", "Silva", "Campbell", "Kelly", "Shah", "Farouk",
	"Lewis", "Tesfaye", "Evans", "Osei", "Morgan", "Chen", "Begum", "Walsh", "Adeyemi" };
static const char *const pronouns[] = { "she/her", "he/him", "they/them", "", "", "" };
static const char *const experiences[] = {
	"I went through the asylum system and waited three years for a decision.",
	"I have lived with depression since my teens and used community mental health services.",
	"I care for my mum, who has dementia.",
	"I was homeless for two winters and now live in supported housing.",
	"", "", "" };
static const char *const access_notes[] = {
	"I need to sit near the door and take breaks.",
	"Please send papers as Word documents so my screen reader works.",
	"Mornings are hard for me because of my medication.",
	"", "", "" };
static const char *const hard_session[] = {
	"A quiet room and a few minutes on my own.",
	"A call from a steward the day after.",
	"Being told I can pass on a question.",
	"", "" };
static const char *const spoken[] = { "Arabic interpreter", "Polish", "Tigrinya interpreter",
	"Urdu", "" , "", "", "", "" };

/* A random subset of a field's options, as a stored multi value. */
static const char *some_options(const struct profile_field *f, char *out, size_t cap)
{
	out[0] = 0;
	for (const struct field_option *o = f->options; o->key; o++) {
		if (rnd(3)) continue;
		if (*out) strncat(out, ",", cap - strlen(out) - 1);
		strncat(out, o->key, cap - strlen(out) - 1);
	}
	return out;
}

static void fill_profile(struct store *s, int64_t uid, int64_t now)
{
	char multi[256];
	const struct { const char *key; const char *value; } text[] = {
		{ "pronouns", pronouns[rnd(6)] },
		{ "experience", experiences[rnd(7)] },
		{ "access_notes", access_notes[rnd(6)] },
		{ "hard_session", hard_session[rnd(5)] },
		{ "language", spoken[rnd(9)] },
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		const struct profile_field *f = profile_field_find(text[i].key);
		store_profile_set(s, uid, f->key, text[i].value,
		                  (enum visibility)((f->default_visibility + rnd(2)) % 3), now);
	}
	const char *multis[] = { "channels", "formats", "access_needs", "modes", "times", "pay" };
	for (size_t i = 0; i < sizeof multis / sizeof multis[0]; i++) {
		const struct profile_field *f = profile_field_find(multis[i]);
		store_profile_set(s, uid, f->key, some_options(f, multi, sizeof multi),
		                  f->default_visibility, now);
	}
	const struct profile_field *how = profile_field_find("how_often");
	store_profile_set(s, uid, how->key, how->options[rnd(4)].key, VIS_STEWARDS, now);
	/* About half agree to use an age band for representation. */
	if (rnd(2)) {
		const struct profile_field *age = profile_field_find("age_band");
		store_consent_add(s, uid, age->consent_purpose, PROFILE_CONSENT_WORDING, true, now);
		store_profile_set(s, uid, age->key, age->options[rnd(9)].key, VIS_SELF, now);
	}
}

static int64_t add_user(struct store *s, const char *email, const char *name, bool admin,
                        const char *hash, int64_t now)
{
	int64_t id = 0;
	if (store_user_create(s, email, name, admin, now, &id) != ST_OK ||
	    store_user_set_password(s, id, hash, now) != ST_OK) {
		fprintf(stderr, "demo: could not add %s\n", email);
		return 0;
	}
	return id;
}

struct demo_ctx {
	int extra;
	const char *hash;
	int64_t now;
};

/* A project, a past meeting with what was said there and the responses,
 * and a coming meeting whose agenda is open: enough to see every page. */
static enum store_rc demo_voice(struct store *s, int64_t pv, int64_t sam, int64_t rana,
                                int64_t amira, int64_t now, int64_t *past_meeting)
{
	enum { DAY = 86400 };
	struct project pr = { .panel_id = pv, .title = "A welcome pack for new arrivals",
		.purpose = "What people need to know in their first month in the city, written by "
		           "people who have been through it.",
		.decision_maker = "The council's refugee resettlement team", .stage = STAGE_DESIGN };
	int64_t project, past, coming, item, cid[3], rid;
	if (store_project_create(s, &pr, sam, now - 60 * DAY, &project) != ST_OK ||
	    store_project_rung_set(s, project, STAGE_SHAPING, 6, "Members chose the topics and "
	                           "wrote the outline; the team agreed to it unchanged.", sam,
	                           now - 40 * DAY) != ST_OK)
		return ST_ERROR;
	/* written up, published, naming one member who agreed */
	struct case_study cs = {
		.panel_id = pv, .project_id = project, .uid = "0d3e6f2a9b1c4e5f8a7b6c5d4e3f2a1b",
		.title = "A welcome pack written by people who needed one",
		.brief = "New arrivals wrote the pack they wished they had been given: GP "
		         "registration first, in plain English, checked by the council's team.",
		.issues = ",migration,housing,", .approaches = ",lived_experience_panel,co_design,",
		.rung = 6, .participants = 14, .starts_on = civil_day_at(now - 60 * DAY, "UTC"),
		.created_by = sam };
	static const char *const story[CASE__SECTIONS] = {
		[CASE_PROBLEMS] = "People arriving in the city were given a pack written for "
		                  "officials: long, in legal English, with the GP missing.",
		[CASE_METHODS] = "A lived-experience panel met monthly; members chose the topics "
		                 "and wrote the outline, and were paid for their time.",
		[CASE_INFLUENCE] = "The council adopted the outline unchanged; the Tigrinya "
		                   "translation is still waiting for money.",
		[CASE_LESSONS] = "Start with what people needed in their first week, not with what "
		                 "the service wanted to say." };
	for (int k = 0; k < CASE__SECTIONS; k++) cs.sections[k] = story[k] ? story[k] : "";
	int64_t case_id;
	if (store_case_add(s, &cs, now - 10 * DAY, &case_id) != ST_OK ||
	    store_case_publish(s, pv, case_id, 1, now - 9 * DAY, now - 9 * DAY) != ST_OK ||
	    store_case_person_ask(s, case_id, rana, "Co-chair", now - 10 * DAY) != ST_OK ||
	    store_case_person_answer(s, case_id, rana, true, now - 9 * DAY) != ST_OK)
		return ST_ERROR;
	struct meeting m = { .panel_id = pv, .project_id = project, .title = "What should be in the pack?",
		.starts_at = now - 20 * DAY, .ends_at = now - 20 * DAY + 2 * 3600,
		.place = "Central Library, meeting room 2", .place_access = "Step-free entrance on "
		"Mill Street, hearing loop, accessible toilet on the same floor.",
		.agenda_due_at = now - 27 * DAY };
	struct meeting next = { .panel_id = pv, .project_id = project, .title = "Checking the draft",
		.starts_at = now + 14 * DAY, .ends_at = now + 14 * DAY + 2 * 3600,
		.online_url = "https://meet.example.org/just-voices", .agenda_due_at = now + 7 * DAY };
	if (store_meeting_create(s, &m, sam, now - 30 * DAY, &past) != ST_OK ||
	    store_meeting_create(s, &next, sam, now - 2 * DAY, &coming) != ST_OK ||
	    store_meeting_attended(s, past, amira, true, now - 20 * DAY) != ST_OK ||
	    store_meeting_attended(s, past, rana, true, now - 20 * DAY) != ST_OK ||
	    store_agenda_propose(s, coming, "Easy-read version", "Not everyone reads English well "
	                         "yet; pictures help.", "", amira, now - DAY, &item) != ST_OK ||
	    store_agenda_support(s, item, rana, true, now - DAY) != ST_OK)
		return ST_ERROR;
	*past_meeting = past;
	const struct contribution_new said[3] = {
		{ pv, project, past, 0, KIND_RECOMMENDATION, "Put the GP registration steps first: "
		  "most of us did not know we could register without an address.", ATTR_NAMED, "",
		  amira, sam, sam, now + 8 * DAY },
		{ pv, project, past, 0, KIND_CONCERN, "The pack should not say that the Home Office "
		  "shares nothing with the council. People will not trust it.", ATTR_ANONYMOUS, "",
		  amira, sam, sam, now + 8 * DAY },
		{ pv, project, past, 0, KIND_QUESTION, "Can the pack be translated into Tigrinya?",
		  ATTR_GROUP, "Eritrean women's group", rana, sam, sam, now - 2 * DAY },
	};
	for (int i = 0; i < 3; i++)
		if (store_contribution_add(s, &said[i], now - 20 * DAY, &cid[i]) != ST_OK)
			return ST_ERROR;
	/* Papers: one published for the past meeting, one draft that goes out
	 * with the coming meeting's agenda. */
	struct paper notes = { .meeting_id = past, .title = "What the pack could cover",
		.summary = "A list of topics from the first workshop, for members to add to or "
		           "cross out.", .published_at = now - 27 * DAY,
		.markdown = "# Topics so far\n\n- Registering with a GP\n- Opening a bank account\n"
		            "- Schools and English classes\n- Your rights as a tenant\n\n"
		            "**Tell us what is missing.**\n" };
	struct paper draft = { .meeting_id = coming, .title = "Draft pack, first pages",
		.summary = "The first three pages of the pack as the team has written them from what "
		           "you said.", .markdown = "## Page 1: seeing a doctor\n\nYou can register "
		           "with a GP without an address or ID.\n" };
	int64_t paper_id;
	if (store_paper_add(s, &notes, sam, now - 28 * DAY, &paper_id) != ST_OK ||
	    store_paper_add(s, &draft, sam, now - DAY, &paper_id) != ST_OK)
		return ST_ERROR;
	struct response_record r = { .status = RS_ADOPTED, .what_done = "GP registration is now "
		"the first page of the draft.", .decided_by = "Resettlement team manager",
		.decided_at = now - 9 * DAY, .written_by = sam, .panel_id = pv };
	/* Its notice and message kept as the app keeps them, to be written out
	 * in their reader's language (core/lang.h). */
	struct arena a = {0};
	enum store_rc rc = store_response_add(
		s, &r, &cid[0], 1,
		lang_message(&a, N_("%s responded to something you said: %s."), 2, "Just Voices",
		             lang_words(&a, response_status_label(RS_ADOPTED))),
		"/my-contributions",
		lang_message(&a, N_("News about what you said to %s"), 1, "Just Voices"),
		lang_message(&a, N_("Hello,\n\n%s has responded to something you said. You can read "
		                    "what became of it here:\n\n%s\n"), 2, "Just Voices",
		             "/my-contributions"),
		now - 9 * DAY, &rid);
	arena_free(&a);
	return rc;
}

/* Fair pay: both panels pay, the first by the hour for meetings with
 * paid preparation. Amira (who has said Carer's Allowance limits what she
 * can earn) gets the claims her attendance at the past meeting earns, as
 * recording it would have made them had the panel paid then; her fee is
 * approved, waiting for a payment run, and her preparation still waits. */
static enum store_rc demo_pay(struct store *s, int64_t pv, int64_t pm, int64_t past,
                              int64_t amira, int64_t sam, int64_t now)
{
	struct pay_policy pol = { .currency = "GBP", .rates = { 2500, 9000, 18000 },
		.meeting_unit = UNIT_HOUR, .prep_minutes = 30, .target_days = 14,
		.expense_categories = (1u << EXPENSE__COUNT) - 1,
		.csv_columns = "reference,payee,method,amount,claims",
		.advice_name = "Citizens Advice: benefits and work",
		.advice_url = "https://www.citizensadvice.org.uk/benefits/" };
	struct pay_declaration carer = { .rule = "carers_allowance",
	                                 .anchor_day = civil_day(2026, 4, 6) }; /* a Monday */
	pol.panel_id = pv;
	if (store_pay_policy_put(s, &pol, now) != ST_OK) return ST_ERROR;
	pol.panel_id = pm;
	pol.rates = (struct pay_rates){ 2000, 7000, 14000 };
	pol.meeting_unit = UNIT_HALF_DAY;
	pol.prep_minutes = 0;
	if (store_pay_policy_put(s, &pol, now) != ST_OK ||
	    store_pay_declaration_set(s, amira, &carer, now) != ST_OK)
		return ST_ERROR;
	struct arena a = { 0 };
	struct panel panel;
	struct meeting m;
	struct pay_claim *c;
	size_t n;
	enum store_rc rc = ST_ERROR;
	if (store_panel_get(s, pv, &a, &panel) == ST_OK &&
	    store_meeting_get(s, pv, past, &a, &m) == ST_OK &&
	    app_pay_for_attendance(s, &panel, &m, amira, true, now, &a) &&
	    store_pay_claims_of(s, amira, pv, -1, 0, 10, &a, &c, &n) == ST_OK) {
		rc = ST_OK;
		for (size_t i = 0; i < n && rc == ST_OK; i++) {
			if (c[i].kind != CLAIM_FEE) continue;
			struct pay_step st = { .panel_id = pv, .claim_id = c[i].id, .step = STEP_APPROVE,
			                       .key = "demo:approve", .method = METHOD_BANK,
			                       .pay_day = civil_day_at(now, panel.time_zone) + 7, .by = sam };
			int64_t entry;
			enum pay_outcome out;
			rc = store_pay_claim_step(s, &st, now, &entry, &out);
		}
	}
	arena_free(&a);
	return rc;
}

static enum store_rc make_demo(struct store *s, void *p)
{
	struct demo_ctx *c = p;
	int64_t now = c->now;
	struct panel voices = { .name = "Just Voices migrants' panel",
		.description = "People with lived experience of the asylum and immigration system, "
		               "working on housing, health and welcome in our city.",
		.time_zone = "Europe/London", .language = "en", .hosting = HOSTING_USER_LED,
		.organisation = "", .co_creators_post = true };
	struct panel minds = { .name = "Mind the Gap mental health panel",
		.description = "Co-producing the new community mental health service with people "
		               "who use it.",
		.time_zone = "Europe/London", .language = "en", .hosting = HOSTING_ORGANISATION,
		.organisation = "Northfield Council" };
	int64_t pv, pm;
	if (store_panel_create(s, &voices, now, &pv) != ST_OK ||
	    store_panel_create(s, &minds, now, &pm) != ST_OK)
		return ST_ERROR;

	int64_t sam = add_user(s, "sam@demo.emptychair.org", "Sam Steward", true, c->hash, now);
	int64_t rana = add_user(s, "rana@demo.emptychair.org", "Rana Odeh", false, c->hash, now);
	int64_t amira = add_user(s, "amira@demo.emptychair.org", "Amira Haddad", false, c->hash, now);
	if (!sam || !rana || !amira) return ST_ERROR;
	store_membership_put(s, pv, sam, ROLE_STEWARD, MEMBER_ACTIVE, now);
	store_membership_put(s, pm, sam, ROLE_STEWARD, MEMBER_ACTIVE, now);
	store_membership_put(s, pv, rana, ROLE_STEWARD, MEMBER_ACTIVE, now);
	store_membership_put(s, pv, amira, ROLE_CO_CREATOR, MEMBER_ACTIVE, now);
	store_membership_put(s, pm, amira, ROLE_CO_CREATOR, MEMBER_ACTIVE, now);
	fill_profile(s, amira, now);
	store_profile_set(s, amira, "pronouns", "she/her", VIS_PANEL, now);
	store_profile_set(s, amira, "access_needs", "step_free,breaks", VIS_STEWARDS, now);

	const char *guests[][2] = { { "Dr Helen Price", "helen.price@demo.emptychair.org" },
	                            { "Mark Davies", "mark.davies@demo.emptychair.org" },
	                            { "Joy Adebayo", "joy.adebayo@demo.emptychair.org" } };
	for (int i = 0; i < 3; i++) {
		int64_t g = add_user(s, guests[i][1], guests[i][0], false, c->hash, now);
		if (!g) return ST_ERROR;
		store_membership_put(s, i == 2 ? pv : pm, g, ROLE_GUEST, MEMBER_ACTIVE, now);
	}

	int total = 40 + c->extra;
	for (int i = 0; i < total; i++) {
		char name[96], email[128];
		snprintf(name, sizeof name, "%s %s", first_names[i % 40], last_names[rnd(28)]);
		snprintf(email, sizeof email, "member%d@demo.emptychair.org", i + 1);
		int64_t uid = add_user(s, email, name, false, c->hash, now);
		if (!uid) return ST_ERROR;
		/* The first forty split across both panels; extras join the first. */
		int64_t panel = (i < 40 && i % 2) ? pm : pv;
		enum member_status st = rnd(12) ? MEMBER_ACTIVE : MEMBER_PAUSED;
		store_membership_put(s, panel, uid, ROLE_CO_CREATOR, st, now);
		if (i < 40 && i % 5 == 0) store_membership_put(s, panel == pv ? pm : pv, uid,
		                                               ROLE_CO_CREATOR, MEMBER_ACTIVE, now);
		fill_profile(s, uid, now);
	}
	int64_t past;
	if (demo_voice(s, pv, sam, rana, amira, now, &past) != ST_OK) return ST_ERROR;
	return demo_pay(s, pv, pm, past, amira, sam, now);
}

int cmd_demo(struct cli_options *o, int argc, char **argv)
{
	struct demo_ctx c = { .now = (int64_t)time(NULL) };
	struct cli_opt opts[] = { { .name = "--members", .takes_value = true }, { 0 } };
	enum cli_parse_rc parsed = cli_parse("demo", argc, argv, opts, o, NULL, 0, NULL);
	if (parsed != CLI_PARSED) return cli_stop_status(parsed);
	int64_t v = 0;
	if (opts[0].given && !parse_i64(opts[0].value, 0, 1000000, &v)) {
		fprintf(stderr, "demo: --members takes 0 to 1000000\n");
		return 2;
	}
	c.extra = (int)v;
	struct store *s = cli_open_store(o);
	if (!s) return 1;
	if (store_user_count(s) > 0) {
		fprintf(stderr, "demo: %s already has accounts; demo data goes only into a new "
		                "database\n", o->db);
		store_close(s);
		return 1;
	}
	/* One hash for every demo account: they share a password. */
	char hash[AUTH_PWHASH_MAX];
	if (!auth_password_hash(DEMO_PASSWORD, hash)) {
		store_close(s);
		return 1;
	}
	c.hash = hash;
	enum store_rc rc = store_tx(s, make_demo, &c);
	store_close(s);
	if (rc != ST_OK) {
		fprintf(stderr, "demo: could not create the demo data\n");
		return 1;
	}
	printf("Demo data created in %s: 2 panels, %d co-creators, 3 guests.\n"
	       "Sign in as a steward:    sam@demo.emptychair.org\n"
	       "Sign in as a co-creator: amira@demo.emptychair.org\n"
	       "Password for both:       %s\n", o->db, 40 + c.extra, DEMO_PASSWORD);
	return 0;
}
