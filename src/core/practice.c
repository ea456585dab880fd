/* Signals of tokenism: their words and their rules' lines (practice.h). */
#include "core/practice.h"

#include <stdlib.h>

#include "core/lang.h"

const struct practice_def practice_defs[PS__COUNT] = {
	[PS_AGENDA] = { "agenda", N_("Who sets the agenda"),
		N_("Of the items on published agendas, how many co-creators proposed. Worth a look "
		   "when it is fewer than half."),
		N_("\"Lived experience should be setting the agenda.\" (seed 004)") },
	[PS_PAPERS_LATE] = { "papers_late", N_("Papers in good time"),
		N_("Of the papers published for meetings, how many came out later than the panel's "
		   "agenda days before the meeting. Worth a look when any did."),
		N_("Tokenism includes not giving people what they need to take part. (seed 002)") },
	[PS_OVERDUE] = { "overdue", N_("Answers owed"),
		N_("Contributions past the time the panel gives itself to answer, with no outcome "
		   "yet. Worth a look when there are any."),
		N_("People should \"find out how their input has been used\". (seed 002)") },
	[PS_ADOPTED] = { "adopted", N_("What changed"),
		N_("Of the contributions answered, how many were adopted in full or in part. Worth a "
		   "look when, of 5 or more, it is under a quarter."),
		N_("\"We might give feedback, and it might be taken into account to some extent.\" "
		   "(seed 003)") },
	[PS_PAY_LATE] = { "pay_late", N_("Paid on time"),
		N_("Of the payments made, how many came later than the panel's target, and how many "
		   "are waiting past it. Figures from 5 payments. Worth a look when more than a tenth "
		   "were late, or any is waiting past the target."),
		N_("Tokenism includes \"failing to pay for the expertise\". (seed 002)") },
	[PS_CONCENTRATION] = { "concentration", N_("Not always the same people"),
		N_("How unevenly the places in opportunities are shared among the panel's active "
		   "members (the Gini coefficient: 0 when everyone has as many, near 1 when one person "
		   "has them all). Worth a look from 0.5."),
		N_("Work that \"excludes people who are not known and trusted to bring a relatively "
		   "uncritical voice\". (seed 003)") },
	[PS_LATE_START] = { "late_start", N_("Involved from the start"),
		N_("Projects with a rung of the ladder recorded at delivery or evaluation but none at "
		   "shaping or design: people were brought in late. Worth a look when there are any."),
		N_("\"We most likely aren't brought in right at the start of an idea.\" (seed 003)") },
	[PS_FELT_HEARD] = { "felt_heard", N_("Felt heard"),
		N_("The average answer to \"how heard did you feel?\" in the last quarter with answers, "
		   "against the quarter before it (counted as reflections are: whole groups of 5 of a "
		   "meeting). Worth a look when it fell by half a point or more."),
		N_("Spaces \"in which genuine listening can take place\". (seed 002)") },
	[PS_NO_CLOSING] = { "no_closing", N_("Looking back"),
		N_("Projects at the evaluation stage with no closing reflection written. Worth a look "
		   "when there are any."),
		N_("Reflection \"should be set out in documents which should be shared\". (seed 002)") },
	[PS_NO_EVIDENCE] = { "no_evidence", N_("A rung with something to show"),
		N_("Projects with a rung of engagement or higher (5 to 7) recorded, but no meeting held "
		   "and no contribution made. Worth a look when there are any."),
		N_("\"People think they're co-producing when they're really not.\" (seed 001)") },
};

enum practice_state practice_judge(enum practice_key k, const struct practice_figures *f)
{
	switch (k) {
	case PS_AGENDA:
		if (!f->of) return PRACTICE_NO_DATA;
		return 2 * f->n < f->of ? PRACTICE_LOOK : PRACTICE_FINE;
	case PS_ADOPTED:
		if (!f->of) return PRACTICE_NO_DATA;
		return f->of >= PRACTICE_MIN && 4 * f->n < f->of ? PRACTICE_LOOK : PRACTICE_FINE;
	case PS_PAY_LATE:
		if (!f->of && !f->value) return PRACTICE_NO_DATA;
		return f->value > 0 || (f->of >= PRACTICE_MIN && 10 * f->n > f->of) ? PRACTICE_LOOK
		                                                                   : PRACTICE_FINE;
	case PS_CONCENTRATION:
		if (f->value < 0) return PRACTICE_NO_DATA;
		return f->value >= 500 ? PRACTICE_LOOK : PRACTICE_FINE;
	case PS_FELT_HEARD:
		if (f->value < 0) return PRACTICE_NO_DATA;
		return f->before >= 0 && f->before - f->value >= 5 ? PRACTICE_LOOK : PRACTICE_FINE;
	case PS_PAPERS_LATE:
	case PS_OVERDUE:
	case PS_LATE_START:
	case PS_NO_CLOSING:
	case PS_NO_EVIDENCE:
		if (!f->of) return PRACTICE_NO_DATA;
		return f->n > 0 ? PRACTICE_LOOK : PRACTICE_FINE;
	case PS__COUNT:
		break;
	}
	return PRACTICE_NO_DATA;
}

static int by_count(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int64_t practice_gini_permille(const int64_t *counts, size_t n)
{
	if (!n) return -1;
	int64_t *x = malloc(n * sizeof *x);
	if (!x) return -1;
	for (size_t i = 0; i < n; i++) x[i] = counts[i] < 0 ? 0 : counts[i];
	qsort(x, n, sizeof *x, by_count);
	/* G = 2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n, i from 1, x ascending */
	int64_t sum = 0, weighted = 0;
	for (size_t i = 0; i < n; i++) {
		sum += x[i];
		weighted += (int64_t)(i + 1) * x[i];
	}
	free(x);
	if (!sum) return -1;
	int64_t num = 2000 * weighted - 1000 * ((int64_t)n + 1) * sum, den = (int64_t)n * sum;
	return (2 * num + den) / (2 * den); /* num >= 0: rounds half up */
}
