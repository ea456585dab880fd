#ifndef EC_CORE_PRACTICE_H
#define EC_CORE_PRACTICE_H
/* "How are we doing?": signals of tokenism computed from a panel's data
 * (issue 22, point 2). Each is a fact in plain words with its rule, its
 * figures and the seed it comes from; when its figures cross its rule's
 * line it is marked "worth a look", never scored. The rules' lines live
 * here, with no I/O; app/practice.c gathers the figures. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum practice_key {
	PS_AGENDA,          /* items on published agendas proposed by co-creators */
	PS_PAPERS_LATE,     /* papers published later than the agenda's days before */
	PS_OVERDUE,         /* contributions past due without an outcome */
	PS_ADOPTED,         /* answered contributions adopted in full or in part */
	PS_PAY_LATE,        /* payments later than the panel's target */
	PS_CONCENTRATION,   /* places in opportunities, how unevenly shared (Gini) */
	PS_LATE_START,      /* projects involving people only from delivery on */
	PS_FELT_HEARD,      /* felt heard, this quarter against the last */
	PS_NO_CLOSING,      /* projects being evaluated with no closing reflection */
	PS_NO_EVIDENCE,     /* a high rung recorded with no meeting or contribution */
	PS__COUNT
};

/* A signal's words, in English marked N_(): shown through _(). */
struct practice_def {
	const char *key;     /* "agenda": in the API */
	const char *title;   /* "Who sets the agenda" */
	const char *rule;    /* how it is worked out, and when it is worth a look */
	const char *seed;    /* the words of the seed it comes from, and which */
};
extern const struct practice_def practice_defs[PS__COUNT];

enum practice_state {
	PRACTICE_NO_DATA = 0, /* nothing yet to say it from */
	PRACTICE_FINE,
	PRACTICE_LOOK,        /* worth a look */
};

/* Figures a signal is worked out from; which are used is the signal's
 * (practice.c). */
struct practice_figures {
	int64_t n, of;       /* a count and what it is a count of */
	int64_t value;       /* a signal's own figure: Gini or average in thousandths/tenths */
	int64_t before;      /* felt heard: last quarter's average in tenths, -1 none */
};

/* The state of signal k from its figures (the rule's line). */
enum practice_state practice_judge(enum practice_key k, const struct practice_figures *f);

/* The Gini coefficient of counts[0..n), in thousandths (0: all equal;
 * near 1000: one holds all); -1 when n is 0 or every count is 0. Exact
 * integer arithmetic, rounded to the nearest thousandth. */
int64_t practice_gini_permille(const int64_t *counts, size_t n);

/* Below this many answers or payments, a signal's figure is not shown. */
enum { PRACTICE_MIN = 5 };
#endif
