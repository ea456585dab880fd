#ifndef EC_CORE_STANDARDS_H
#define EC_CORE_STANDARDS_H
/* The standards a project assesses itself against (issue 22, point 1),
 * shipped with the program: the Scottish National Standards for Community
 * Engagement (7) and the UK Standards for Public Involvement (6), each with
 * a short reflective question in our own words, and where in emptychair
 * the evidence for it is. No I/O. */
#include <stdbool.h>
#include <stddef.h>

/* Where the evidence for a standard is, as a page of the panel. */
enum standard_evidence {
	EV_WHO_ISNT_HERE,   /* /panels/{id}/who-isnt-here */
	EV_SUPPORT,         /* /panels/{id}/support */
	EV_PROJECT,         /* the project's page: stages, the ladder, influence */
	EV_HOW_WE_DO,       /* /panels/{id}/how-are-we-doing?project_id= */
	EV_MEETINGS,        /* /panels/{id}/meetings */
	EV_CONTRIBUTIONS,   /* /panels/{id}/contributions: "you said, we did" */
	EV_OPPORTUNITIES,   /* /panels/{id}/opportunities */
	EV_PAY,             /* /panels/{id}/pay */
};

struct standard {
	const char *key;        /* "nsce.inclusion": stored and in the API */
	const char *framework;  /* its framework's name (N_) */
	const char *title;      /* (N_) */
	const char *question;   /* our own reflective question (N_) */
	enum standard_evidence evidence;
};
extern const struct standard standards[];
extern const size_t standard_count;

/* The standard called key, or NULL. */
const struct standard *standard_find(const char *key);
bool standard_is(const char *key);

/* Ratings: 1 (not yet) to 5 (fully). */
enum { STANDARD_RATING_MIN = 1, STANDARD_RATING_MAX = 5 };
#endif
