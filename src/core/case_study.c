/* The case model, the vocabularies and the search words (case_study.h).
 * Our own words, not Participedia's. */
#include "core/case_study.h"

#include <string.h>

#include "core/lang.h"

const struct case_section_def case_sections[CASE__SECTIONS] = {
	[CASE_PROBLEMS] = { "problems", N_("Problems and purpose"),
	                    N_("What the work set out to change, and why it mattered to the people "
	                       "involved."), "Problems and Purpose" },
	[CASE_BACKGROUND] = { "background", N_("Background"),
	                      N_("What came before: the history and the setting."),
	                      "Background History and Context" },
	[CASE_ORGANISERS] = { "organisers", N_("Who organised and funded it"),
	                      N_("The organisations and groups that ran and paid for it."),
	                      "Organizing, Supporting, and Funding Entities" },
	[CASE_RECRUITMENT] = { "recruitment", N_("How people were found and chosen"),
	                       N_("Who took part, how they were reached, and how places were "
	                          "shared out."), "Participant Recruitment and Selection" },
	[CASE_METHODS] = { "methods", N_("Methods and tools"),
	                   N_("The ways of working together: meetings, panels, research, "
	                      "tools."), "Methods and Tools Used" },
	[CASE_WHAT_HAPPENED] = { "what_happened", N_("What went on"),
	                         N_("How the work went: how people took part and decided."),
	                         "What Went On: Process, Interaction, and Participation" },
	[CASE_INFLUENCE] = { "influence", N_("Influence and outcomes"),
	                     N_("What changed because of it, and what did not."),
	                     "Influence, Outcomes, and Effects" },
	[CASE_LESSONS] = { "lessons", N_("Lessons"),
	                   N_("What others could learn: what worked, what you would do "
	                      "differently."), "Analysis and Lessons Learned" },
};

const struct case_tag case_issues[] = {
	{ "health", N_("Health") },
	{ "mental_health", N_("Mental health") },
	{ "social_care", N_("Social care") },
	{ "housing", N_("Housing and homelessness") },
	{ "migration", N_("Migration and asylum") },
	{ "disability", N_("Disability") },
	{ "children_young_people", N_("Children and young people") },
	{ "older_people", N_("Older people") },
	{ "carers", N_("Carers") },
	{ "education", N_("Education") },
	{ "work_benefits", N_("Work and benefits") },
	{ "justice", N_("Justice and policing") },
	{ "poverty", N_("Poverty") },
	{ "environment", N_("Environment and places") },
	{ "research", N_("Research") },
};
const size_t case_issue_count = sizeof case_issues / sizeof case_issues[0];

const struct case_tag case_approaches[] = {
	{ "co_production", N_("Co-production") },
	{ "lived_experience_panel", N_("Lived-experience panel") },
	{ "advisory_group", N_("Advisory group") },
	{ "peer_research", N_("Peer research") },
	{ "participatory_research", N_("Participatory research") },
	{ "co_design", N_("Co-design") },
	{ "deliberation", N_("Deliberation, citizens' jury or assembly") },
	{ "consultation", N_("Consultation") },
	{ "community_organising", N_("Community organising") },
	{ "evaluation", N_("Evaluation with the people it is about") },
};
const size_t case_approach_count = sizeof case_approaches / sizeof case_approaches[0];

const struct case_tag *case_tag_find(const struct case_tag *t, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(t[i].key, key)) return &t[i];
	return NULL;
}

bool case_issue_is(const char *key)
{
	return case_tag_find(case_issues, case_issue_count, key) != NULL;
}

bool case_approach_is(const char *key)
{
	return case_tag_find(case_approaches, case_approach_count, key) != NULL;
}

/* A letter or digit: ASCII ones, and any byte of a UTF-8 sequence (the
 * backends' tokenizers decide which of those are letters). */
static bool wordy(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Appends the term s[0..n), quoted, when it has something to search for. */
static void add_term(struct buf *b, const char *s, size_t n)
{
	bool any = false;
	for (size_t i = 0; i < n && !any; i++) any = wordy((unsigned char)s[i]);
	if (!any) return;
	if (b->len) buf_putc(b, ' ');
	buf_putc(b, '"');
	/* spaces in a phrase: one each, none at the ends */
	bool space = false, started = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"') continue;
		if (c <= ' ') {
			space = started;
			continue;
		}
		if (space) buf_putc(b, ' ');
		space = false;
		started = true;
		buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

const char *case_search_terms(const char *q, struct arena *a)
{
	struct buf b = { 0 };
	const char *p = q ? q : "";
	while (*p) {
		if ((unsigned char)*p <= ' ') {
			p++;
			continue;
		}
		const char *start = p, *end;
		if (*p == '"') {
			start = ++p;
			end = strchr(p, '"');
			if (!end) end = p + strlen(p);
			p = *end ? end + 1 : end;
		} else {
			while (*p && (unsigned char)*p > ' ' && *p != '"') p++;
			end = p;
		}
		add_term(&b, start, (size_t)(end - start));
	}
	const char *out = b.len ? arena_strdup(a, b.data) : NULL;
	buf_free(&b);
	return out;
}
