#ifndef EC_CORE_REPORT_H
#define EC_CORE_REPORT_H
/* Funder reports (issue 22, point 3): the GRIPP2 short form's sections,
 * the rule for which shared reports may stand side by side, and the pay
 * figures with what they hold back. No I/O; app/reports.c gathers the
 * figures and writes the report.
 *
 * What no combination of a report's figures may reveal: a group of 1 to
 * DISCLOSURE_MIN - 1 people. Figures that count the same people in
 * different ways (who was paid, by each way, who was paid late) are held
 * back together by core/disclosure.h's rule. A shared report is frozen, so
 * that figures worked out again after the data changed are never set
 * beside it; and two shared reports stand together only when nothing one
 * counts is a part of what the other counts (report_may_stand_together). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/pay.h"

/* The GRIPP2 short form (Staniszewska et al., BMJ 2017): what a report of
 * public involvement says, in our own words. */
enum gripp_section {
	GRIPP_AIM,         /* the aim of involving people */
	GRIPP_METHODS,     /* how they were involved */
	GRIPP_RESULTS,     /* what came of it, the negative included */
	GRIPP_CHANGES,     /* how involvement changed the work */
	GRIPP_REFLECTION,  /* critical reflection: what went well, what did not */
	GRIPP__COUNT
};
struct gripp_def {
	const char *key;    /* "aim": stored and in the API */
	const char *title;  /* (N_) */
	const char *hint;   /* what to write (N_) */
};
extern const struct gripp_def gripp_sections[GRIPP__COUNT];

/* What a report covers: a panel's whole work (project_id 0) or one
 * project's, from from_day to to_day (day numbers, both included). */
struct report_period {
	int64_t project_id, from_day, to_day;
};
/* True when reports of a and b may both be shared: their days do not
 * overlap, or they cover the same days for two different projects. A
 * panel's report and one of its projects' over the same days, or two of
 * the same scope whose days overlap, would let their difference count a
 * smaller group than either. */
bool report_may_stand_together(const struct report_period *a, const struct report_period *b);

/* One payment made in the period: to whom, how, how much (minor units)
 * and how many days after it was claimed. */
struct report_payment {
	int64_t user_id;
	int method;          /* enum pay_method, or -1 when not known */
	int64_t amount, days;
};
/* A cell of the pay figures: people paid, payments, their amount. All
 * three are -1 when the cell is held back. */
struct report_pay_cell {
	int64_t people, payments, amount;
};
struct report_pay {
	int64_t target_days;
	struct report_pay_cell total, by_method[METHOD__COUNT];
	struct report_pay_cell late;  /* paid later than target_days (amount unused: -1) */
	int64_t median_days;          /* -1 when the total is held back or there is none */
};
/* The pay figures of payments p[0..n) (any order) against target_days:
 * each cell counts its people, and is held back when it, or any sum or
 * difference of the cells shown, would count 1 to 4 people (the ways of
 * payment go first, then the late ones, the total last). */
void report_pay_figures(const struct report_payment *p, size_t n, int64_t target_days,
                        struct report_pay *out);

/* The median of v[0..n) (sorted in place), the lower of the middle two
 * when n is even; -1 when n is 0. */
int64_t report_median(int64_t *v, size_t n);
#endif
