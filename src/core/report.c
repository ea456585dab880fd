/* The GRIPP2 sections, which shared reports stand together, and the pay
 * figures (report.h). */
#include "core/report.h"

#include <stdlib.h>

#include "core/disclosure.h"
#include "core/lang.h"
#include "core/mem.h"

const struct gripp_def gripp_sections[GRIPP__COUNT] = {
	[GRIPP_AIM] = { "aim", N_("Aim"),
	                N_("Why you involved people with lived experience, and what you hoped "
	                   "their involvement would achieve.") },
	[GRIPP_METHODS] = { "methods", N_("Methods"),
	                    N_("Who was involved, how they were found, how they took part and were "
	                       "supported and paid, and at which stages.") },
	[GRIPP_RESULTS] = { "results", N_("Results"),
	                    N_("What came of involvement, including what did not work or was not "
	                       "taken up.") },
	[GRIPP_CHANGES] = { "changes", N_("How involvement changed the work"),
	                    N_("What is different because people with lived experience were "
	                       "involved: decisions, materials, priorities.") },
	[GRIPP_REFLECTION] = { "reflection", N_("Critical reflection"),
	                       N_("What went well, what did not, and what you would do differently "
	                          "next time.") },
};

bool report_may_stand_together(const struct report_period *a, const struct report_period *b)
{
	if (a->to_day < b->from_day || b->to_day < a->from_day) return true;
	return a->from_day == b->from_day && a->to_day == b->to_day && a->project_id &&
	       b->project_id && a->project_id != b->project_id;
}

static int compare_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

int64_t report_median(int64_t *v, size_t n)
{
	if (!n) return -1;
	qsort(v, n, sizeof *v, compare_i64);
	return v[(n - 1) / 2];
}

/* The figures of the pay family, in the order disclosure_hold_back sees
 * them: the total, the late ones, then each way of payment. */
enum { F_TOTAL, F_LATE, F_METHOD0, F__COUNT = F_METHOD0 + METHOD__COUNT };

/* Adds id to the ascending, distinct list ids[0..*n) when it is not the
 * last one: callers add a person's payments one after another. */
static void add_person(int64_t *ids, int *n, int64_t id)
{
	if (!*n || ids[*n - 1] != id) ids[(*n)++] = id;
}

static int compare_payments(const void *x, const void *y)
{
	const struct report_payment *a = x, *b = y;
	return (a->user_id > b->user_id) - (a->user_id < b->user_id);
}

void report_pay_figures(const struct report_payment *p, size_t n, int64_t target_days,
                        struct report_pay *out)
{
	*out = (struct report_pay){ .target_days = target_days };
	struct report_payment *sorted = xmalloc(sizeof *sorted * (n + 1));
	int64_t *members = xmalloc(sizeof *members * (n + 1) * F__COUNT);
	int64_t *days = xmalloc(sizeof *days * (n + 1));
	for (size_t i = 0; i < n; i++) sorted[i] = p[i];
	qsort(sorted, n, sizeof *sorted, compare_payments);

	struct disclosure_figure f[F__COUNT];
	struct report_pay_cell *cell[F__COUNT];
	cell[F_TOTAL] = &out->total;
	cell[F_LATE] = &out->late;
	for (int m = 0; m < METHOD__COUNT; m++) cell[F_METHOD0 + m] = &out->by_method[m];
	for (int k = 0; k < F__COUNT; k++) {
		/* the ways of payment matter least, the total most */
		f[k] = (struct disclosure_figure){ .members = members + (size_t)k * (n + 1),
		                                   .keep = k == F_TOTAL ? 3 : k == F_LATE ? 2 : 1 };
		*cell[k] = (struct report_pay_cell){ 0 };
	}
	for (size_t i = 0; i < n; i++) {
		const struct report_payment *x = &sorted[i];
		int in[3] = { F_TOTAL, -1, -1 };
		if (x->days > target_days) in[1] = F_LATE;
		if (x->method >= 0 && x->method < METHOD__COUNT) in[2] = F_METHOD0 + x->method;
		for (int j = 0; j < 3; j++) {
			if (in[j] < 0) continue;
			struct disclosure_figure *g = &f[in[j]];
			add_person((int64_t *)g->members, &g->n_members, x->user_id);
			cell[in[j]]->payments++;
			cell[in[j]]->amount += x->amount;
		}
		days[i] = x->days;
	}
	for (int k = 0; k < F__COUNT; k++) cell[k]->people = f[k].n_members;
	/* Nothing here was shown before, so some figure can always be held
	 * back: disclosure_hold_back cannot fail. */
	(void)disclosure_hold_back(f, F__COUNT);
	for (int k = 0; k < F__COUNT; k++)
		if (!f[k].shown) *cell[k] = (struct report_pay_cell){ -1, -1, -1 };
	out->late.amount = -1;
	out->median_days = out->total.people > 0 ? report_median(days, n) : -1;
	free(sorted);
	free(members);
	free(days);
}
