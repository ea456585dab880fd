#ifndef EC_CORE_CASE_STUDY_H
#define EC_CORE_CASE_STUDY_H
/* Case studies (issue 22, point 4): what a write-up of a project holds,
 * following Participedia's case model for the fields the two share (its
 * names for them are kept beside ours, for the export), the issues and
 * approaches a case is tagged with (shipped vocabularies), and search
 * words made into the query both backends take. No I/O. */
#include <stdbool.h>
#include <stddef.h>

#include "core/mem.h"

/* The narrative, under Participedia's headings. */
enum case_section {
	CASE_PROBLEMS,       /* problems and purpose */
	CASE_BACKGROUND,     /* background history and context */
	CASE_ORGANISERS,     /* who organised and funded it */
	CASE_RECRUITMENT,    /* participant recruitment and selection */
	CASE_METHODS,        /* methods and tools used */
	CASE_WHAT_HAPPENED,  /* what went on: process, interaction and participation */
	CASE_INFLUENCE,      /* influence, outcomes and effects */
	CASE_LESSONS,        /* analysis and lessons learned */
	CASE__SECTIONS
};
struct case_section_def {
	const char *key;          /* "problems": stored, in the API and the feed */
	const char *title;        /* (N_) */
	const char *hint;         /* (N_) */
	const char *participedia; /* Participedia's heading, for the export */
};
extern const struct case_section_def case_sections[CASE__SECTIONS];

/* A tag: its key (stored, in the API) and label (N_). */
struct case_tag {
	const char *key, *label;
};
extern const struct case_tag case_issues[];       /* what the work was about */
extern const size_t case_issue_count;
extern const struct case_tag case_approaches[];   /* how people were involved */
extern const size_t case_approach_count;
bool case_issue_is(const char *key);
bool case_approach_is(const char *key);
/* The tag called key in t[0..n), or NULL. */
const struct case_tag *case_tag_find(const struct case_tag *t, size_t n, const char *key);

enum { CASE_BRIEF_MAX = 280, CASE_TITLE_MAX = 160, CASE_SECTION_MAX = 10000 };

/* A person's search words as the query both backends take: each word, and
 * each "quoted phrase", in double quotes, separated by spaces, all of them
 * required (SQLite FTS5's MATCH and PostgreSQL's websearch_to_tsquery read
 * it alike, and neither sees any of its own syntax). A quote starts a
 * phrase wherever it stands, and one left open runs to the end; a term
 * with no letter or digit is dropped. NULL when nothing is left to search
 * for. In a. */
const char *case_search_terms(const char *q, struct arena *a);
#endif
