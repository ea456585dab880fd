/* Fair selection: LEXIMIN by column generation over types, then rounding to
 * SELECT_LOTTERY panels (select.h states the contract; docs/selection.md
 * the method).
 *
 * The LEXIMIN stage follows Flanigan et al. (2021), on types instead of
 * people. Types t have m_t members; a panel is a vector c of counts per
 * type (0 <= c_t <= m_t, sum k, every value's count within its bounds). A
 * lottery is weights lambda_P over panels; a member of type t is chosen
 * with probability p_t = sum_P lambda_P c_P,t / m_t.
 *
 * Stage by stage, with f_t the probabilities fixed so far, the solver
 * maximises the smallest p_t of the types not yet fixed, over the panels
 * found so far (the restricted master, below). Its rows' duals give each
 * type a weight y_t >= 0 (summing to 1 over the types not fixed) and a
 * threshold yhat; a panel P with sum_t (y_t / m_t) c_P,t > yhat + EPS
 * would improve it. Such panels are sought by a local search from the
 * known panels, then by an integer program (the pricing problem) when the
 * search finds none; each is added (column generation). When the integer
 * program finds none, the stage's value z is optimal, and every type with
 * y_t > 0 is fixed at z (complementary slackness: those types are at z in
 * every optimum). A last linear program finds lambda meeting every f_t;
 * sequence_lottery then makes the SELECT_LOTTERY panels. */
#include "core/select.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Column generation stops when no panel improves the dual by more than
 * this (the reference implementation stops at 5e-4; this is stricter). */
#define EPS 1e-7
/* A dual value above this marks a type whose chance is settled. */
#define EPS_DUAL 1e-7
/* How many known panels the local search starts from. */
#define LOCAL_STARTS 32

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static int value_of(const struct select_problem *p, int person, int f)
{
	return p->value[(size_t)person * (size_t)p->n_features + (size_t)f];
}

int select_number_from_seed(uint64_t seed)
{
	return (int)(splitmix64(&seed) % SELECT_LOTTERY);
}

const int *select_panel(const struct select_result *r, int places, int number)
{
	if (r->outcome != SELECT_DONE || number < 0 || number >= SELECT_LOTTERY) return NULL;
	return r->panels + (size_t)number * (size_t)places;
}

const char *select_check(const struct select_problem *p)
{
	if (p->places < 1) return "places must be at least 1";
	if (p->n_people < 0 || p->n_features < 0) return "negative count";
	if (p->n_people > 0 && p->n_features > 0 && !p->value) return "no values";
	for (int f = 0; f < p->n_features; f++) {
		const struct select_feature *ft = &p->features[f];
		if (ft->n_values < 1) return "a feature has no values";
		for (int v = 0; v < ft->n_values; v++) {
			if (ft->min[v] < 0 || ft->min[v] > ft->max[v]) return "a minimum is below 0 or above its maximum";
			if (ft->min_flex && ft->min_flex[v] > ft->min[v]) return "min_flex is above the minimum";
			if (ft->max_flex && ft->max_flex[v] < ft->max[v]) return "max_flex is below the maximum";
		}
	}
	for (int i = 0; i < p->n_people; i++)
		for (int f = 0; f < p->n_features; f++) {
			int v = value_of(p, i, f);
			if (v < 0 || v >= p->features[f].n_values) return "a person's value is out of range";
		}
	return NULL;
}

void select_replacement_problem(struct arena *a, const struct select_problem *p, const int *kept,
                                int n_kept, const int *candidates, int n_candidates, int places_left,
                                struct select_problem *out)
{
	int F = p->n_features;
	struct select_feature *ft = arena_alloc(a, sizeof *ft * (size_t)(F ? F : 1));
	for (int f = 0; f < F; f++) {
		const struct select_feature *was = &p->features[f];
		int nv = was->n_values;
		ft[f] = (struct select_feature){ .name = was->name, .n_values = nv, .values = was->values };
		ft[f].min = arena_alloc(a, sizeof *ft[f].min * (size_t)nv);
		ft[f].max = arena_alloc(a, sizeof *ft[f].max * (size_t)nv);
		if (was->min_flex) ft[f].min_flex = arena_alloc(a, sizeof *ft[f].min_flex * (size_t)nv);
		if (was->max_flex) ft[f].max_flex = arena_alloc(a, sizeof *ft[f].max_flex * (size_t)nv);
		for (int v = 0; v < nv; v++) {
			int held = 0;
			for (int i = 0; i < n_kept; i++) held += value_of(p, kept[i], f) == v;
			int lo = was->min[v] - held, hi = was->max[v] - held;
			ft[f].min[v] = lo > 0 ? lo : 0;
			ft[f].max[v] = hi > ft[f].min[v] ? hi : ft[f].min[v];
			if (ft[f].min_flex) ft[f].min_flex[v] = was->min_flex[v] - held > 0 ? was->min_flex[v] - held : 0;
			if (ft[f].max_flex) {
				int x = was->max_flex[v] - held;
				ft[f].max_flex[v] = x > ft[f].max[v] ? x : ft[f].max[v];
			}
		}
	}
	int *value = arena_alloc(a, sizeof *value * (size_t)(n_candidates * F + 1));
	bool *priority = p->priority ? arena_alloc(a, sizeof *priority * (size_t)(n_candidates + 1)) : NULL;
	for (int i = 0; i < n_candidates; i++) {
		for (int f = 0; f < F; f++) value[i * F + f] = value_of(p, candidates[i], f);
		if (priority) priority[i] = p->priority[candidates[i]];
	}
	*out = (struct select_problem){ .places = places_left, .n_features = F, .features = ft,
	                                .n_people = n_candidates, .value = value, .priority = priority };
}

/* ---- types ---------------------------------------------------------- */

struct solver {
	const struct select_problem *p;
	int k, T;
	int *type_of;     /* per person */
	int *size;        /* per type */
	int *first;       /* per type: its first person (for its values) */
	bool *prio;       /* per type */
	/* panels found so far, each T counts */
	int n_cols, cap_cols;
	int *cols;
	double *fixed;    /* per type: settled probability, or -1 */
	glp_prob *mip, *lp;
	/* for the local search: each type's values as indexes into all
	 * values (T × features), each value's bounds and count, the bound on
	 * people without priority (-1: none) */
	int V, *tv, *vmin, *vmax, *vcount, outsiders_limit;
	int *by_weight;   /* T type indexes */
	struct timespec start;
	double seconds;
	int mips, lps;
};

static double elapsed(const struct solver *s)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - s->start.tv_sec) + (double)(now.tv_nsec - s->start.tv_nsec) / 1e9;
}

static bool out_of_time(const struct solver *s)
{
	return s->seconds > 0 && elapsed(s) > s->seconds;
}

/* GLPK's time limit for its next call (tm_lim, ms): what is left of
 * s->seconds, INT_MAX without a limit; 0 when nothing is left. */
static int ms_left(const struct solver *s)
{
	if (s->seconds <= 0) return INT_MAX;
	double left = s->seconds - elapsed(s);
	return left > 0 ? (int)(left * 1000.0) + 1 : 0;
}

static int compare_people(const void *a, const void *b, void *ctx)
{
	const struct select_problem *p = ctx;
	int i = *(const int *)a, j = *(const int *)b;
	for (int f = 0; f < p->n_features; f++) {
		int d = value_of(p, i, f) - value_of(p, j, f);
		if (d) return d;
	}
	bool pi = p->priority && p->priority[i], pj = p->priority && p->priority[j];
	if (pi != pj) return pi ? -1 : 1;
	return i - j;
}

static void make_types(struct solver *s)
{
	const struct select_problem *p = s->p;
	int n = p->n_people;
	int *order = xmalloc(sizeof *order * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) order[i] = i;
	qsort_r(order, (size_t)n, sizeof *order, compare_people, (void *)p);
	s->type_of = xmalloc(sizeof *s->type_of * (size_t)(n ? n : 1));
	s->size = xcalloc((size_t)(n ? n : 1), sizeof *s->size);
	s->first = xmalloc(sizeof *s->first * (size_t)(n ? n : 1));
	s->prio = xcalloc((size_t)(n ? n : 1), sizeof *s->prio);
	s->T = 0;
	for (int x = 0; x < n; x++) {
		int i = order[x];
		bool same = x > 0;
		if (same) {
			int j = order[x - 1];
			for (int f = 0; f < p->n_features && same; f++) same = value_of(p, i, f) == value_of(p, j, f);
			same = same && (p->priority && p->priority[i]) == (p->priority && p->priority[j]);
		}
		if (!same) {
			s->first[s->T] = i;
			s->prio[s->T] = p->priority && p->priority[i];
			s->T++;
		}
		s->type_of[i] = s->T - 1;
		s->size[s->T - 1]++;
	}
	free(order);
}

/* ---- the integer program over panels -------------------------------- */

/* Rows: 1 the number of places; then one per feature value; then, with
 * priority, one bounding the people without it (set later). */
static void mip_build(struct solver *s)
{
	const struct select_problem *p = s->p;
	int T = s->T;
	glp_prob *m = glp_create_prob();
	glp_set_obj_dir(m, GLP_MAX);
	glp_add_cols(m, T);
	for (int t = 0; t < T; t++) {
		glp_set_col_kind(m, t + 1, GLP_IV);
		glp_set_col_bnds(m, t + 1, GLP_DB, 0.0, (double)s->size[t]);
	}
	int *ind = xmalloc(sizeof *ind * (size_t)(T + 1));
	double *val = xmalloc(sizeof *val * (size_t)(T + 1));
	int row = glp_add_rows(m, 1);
	for (int t = 0; t < T; t++) { ind[t + 1] = t + 1; val[t + 1] = 1.0; }
	glp_set_mat_row(m, row, T, ind, val);
	glp_set_row_bnds(m, row, GLP_FX, (double)s->k, (double)s->k);
	for (int f = 0; f < p->n_features; f++) {
		const struct select_feature *ft = &p->features[f];
		for (int v = 0; v < ft->n_values; v++) {
			int len = 0;
			for (int t = 0; t < T; t++)
				if (value_of(p, s->first[t], f) == v) { ind[++len] = t + 1; val[len] = 1.0; }
			row = glp_add_rows(m, 1);
			glp_set_mat_row(m, row, len, ind, val);
			if (ft->min[v] == ft->max[v])
				glp_set_row_bnds(m, row, GLP_FX, ft->min[v], ft->max[v]);
			else
				glp_set_row_bnds(m, row, GLP_DB, ft->min[v], ft->max[v]);
		}
	}
	free(ind);
	free(val);
	s->mip = m;
}

/* The tables the local search reads (struct solver). */
static void index_values(struct solver *s)
{
	const struct select_problem *p = s->p;
	int F = p->n_features, V = 0;
	for (int f = 0; f < F; f++) V += p->features[f].n_values;
	s->V = V;
	s->tv = xmalloc(sizeof *s->tv * (size_t)(s->T * F + 1));
	s->vmin = xmalloc(sizeof *s->vmin * (size_t)(V + 1));
	s->vmax = xmalloc(sizeof *s->vmax * (size_t)(V + 1));
	s->vcount = xmalloc(sizeof *s->vcount * (size_t)(V + 1));
	s->by_weight = xmalloc(sizeof *s->by_weight * (size_t)(s->T + 1));
	s->outsiders_limit = -1;
	int base = 0;
	for (int f = 0; f < F; f++) {
		const struct select_feature *ft = &p->features[f];
		for (int v = 0; v < ft->n_values; v++) {
			s->vmin[base + v] = ft->min[v];
			s->vmax[base + v] = ft->max[v];
		}
		for (int t = 0; t < s->T; t++) s->tv[t * F + f] = base + value_of(p, s->first[t], f);
		base += ft->n_values;
	}
}

static int compare_weights(const void *a, const void *b, void *ctx)
{
	const double *w = ctx;
	double x = w[*(const int *)a], y = w[*(const int *)b];
	if (x != y) return x > y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/* s->by_weight: the types by weight w, heaviest first. */
static void sort_by_weight(struct solver *s, const double *w)
{
	for (int t = 0; t < s->T; t++) s->by_weight[t] = t;
	qsort_r(s->by_weight, (size_t)s->T, sizeof *s->by_weight, compare_weights, (void *)w);
}

/* Looks for a panel worth more than enough under weights w without the
 * integer program: from known panel number from, swaps one member for a
 * member of another type while that gains and keeps every quota (for each
 * member, the best type to swap in; sort_by_weight(s, w) first). Cheap, and usually enough while the lottery is far from
 * its best; the integer program settles the rest. */
static bool improve_panel(struct solver *s, const double *w, int from, double enough, int *c, double *value)
{
	int T = s->T, F = s->p->n_features;
	double best = 0;
	for (int t = 0; t < T; t++) best += w[t] * s->cols[(size_t)from * (size_t)T + (size_t)t];
	memcpy(c, s->cols + (size_t)from * (size_t)T, sizeof *c * (size_t)T);
	memset(s->vcount, 0, sizeof *s->vcount * (size_t)s->V);
	int outsiders = 0;
	for (int t = 0; t < T; t++) {
		if (!c[t]) continue;
		for (int f = 0; f < F; f++) s->vcount[s->tv[t * F + f]] += c[t];
		if (!s->prio[t]) outsiders += c[t];
	}
	for (;;) {
		double gain = 1e-12;
		int out = -1, in = -1;
		for (int a = 0; a < T; a++) {
			if (!c[a]) continue;
			for (int x = 0; x < T; x++) {
				int b = s->by_weight[x];
				if (w[b] - w[a] <= gain) break;
				if (b == a || c[b] >= s->size[b] || s->fixed[b] == 0.0) continue;
				if (s->outsiders_limit >= 0 && s->prio[a] && !s->prio[b] && outsiders >= s->outsiders_limit)
					continue;
				bool fits = true;
				for (int f = 0; f < F && fits; f++) {
					int va = s->tv[a * F + f], vb = s->tv[b * F + f];
					if (va != vb) fits = s->vcount[va] > s->vmin[va] && s->vcount[vb] < s->vmax[vb];
				}
				if (fits) { gain = w[b] - w[a]; out = a; in = b; break; }
			}
		}
		if (out < 0) break;
		c[out]--;
		c[in]++;
		for (int f = 0; f < F; f++) {
			s->vcount[s->tv[out * F + f]]--;
			s->vcount[s->tv[in * F + f]]++;
		}
		outsiders += !s->prio[in] - !s->prio[out];
		best += gain;
	}
	*value = best;
	return best > enough;
}

static bool add_panel(struct solver *s, const int *c);

/* Local search from the LOCAL_STARTS known panels worth most under w;
 * adds every new panel found worth more than enough, and says whether any
 * was. starts: room for LOCAL_STARTS indexes. */
static bool improve_panels(struct solver *s, const double *w, double enough, int *c, int *starts)
{
	int T = s->T, P = s->n_cols, n = 0;
	double vals[LOCAL_STARTS];
	for (int j = 0; j < P; j++) {
		const int *col = s->cols + (size_t)j * (size_t)T;
		double v = 0;
		for (int t = 0; t < T; t++) if (col[t]) v += w[t] * col[t];
		/* keep the best LOCAL_STARTS, best first */
		int at = n < LOCAL_STARTS ? n++ : LOCAL_STARTS;
		while (at > 0 && vals[at - 1] < v) {
			if (at < LOCAL_STARTS) { vals[at] = vals[at - 1]; starts[at] = starts[at - 1]; }
			at--;
		}
		if (at < LOCAL_STARTS) { vals[at] = v; starts[at] = j; }
	}
	sort_by_weight(s, w);
	bool added = false;
	double got;
	for (int x = 0; x < n; x++)
		if (improve_panel(s, w, starts[x], enough, c, &got) && add_panel(s, c)) added = true;
	return added;
}

/* Bounds the people without priority in every panel to at most q. */
static void mip_limit_outsiders(struct solver *s, int q)
{
	int T = s->T;
	int *ind = xmalloc(sizeof *ind * (size_t)(T + 1));
	double *val = xmalloc(sizeof *val * (size_t)(T + 1));
	int len = 0;
	for (int t = 0; t < T; t++)
		if (!s->prio[t]) { ind[++len] = t + 1; val[len] = 1.0; }
	int row = glp_add_rows(s->mip, 1);
	glp_set_mat_row(s->mip, row, len, ind, val);
	glp_set_row_bnds(s->mip, row, GLP_UP, 0.0, (double)q);
	s->outsiders_limit = q;
	free(ind);
	free(val);
}

enum mip_answer { MIP_FOUND, MIP_NONE, MIP_LATE };

/* Stops the search at the first panel worth more than enough (when
 * maximising): a panel that good is all the caller needs. */
static void good_enough(glp_tree *tree, void *info)
{
	const double *enough = info;
	if (glp_ios_reason(tree) == GLP_IBINGO && glp_mip_obj_val(glp_ios_get_prob(tree)) > *enough)
		glp_ios_terminate(tree);
}

/* Maximises (or minimises) sum_t w_t c_t over panels, the panel's counts
 * into c; when maximising, the first panel worth more than enough will do
 * (INFINITY: the best). */
static enum mip_answer mip_solve(struct solver *s, const double *w, bool maximise, double enough,
                                 int *c, double *value)
{
	glp_set_obj_dir(s->mip, maximise ? GLP_MAX : GLP_MIN);
	for (int t = 0; t < s->T; t++) glp_set_obj_coef(s->mip, t + 1, w[t]);
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
	/* the feasibility pump and proximity search find panels under tight
	 * quotas in a fraction of the time branching alone takes */
	parm.fp_heur = GLP_ON;
	parm.ps_heur = GLP_ON;
	if (maximise && enough < INFINITY) {
		parm.cb_func = good_enough;
		parm.cb_info = &enough;
	}
	parm.tm_lim = ms_left(s);
	if (!parm.tm_lim) return MIP_LATE;
	/* proximity search keeps its own clock (60 s by default): within ours */
	if (parm.ps_tm_lim > parm.tm_lim) parm.ps_tm_lim = parm.tm_lim;
	s->mips++;
	int ret = glp_intopt(s->mip, &parm);
	if (ret == GLP_ENOPFS) return MIP_NONE;
	int status = glp_mip_status(s->mip);
	if (status == GLP_NOFEAS) return MIP_NONE;
	bool stopped = ret == GLP_ESTOP && status == GLP_FEAS;
	if (!stopped && (ret != 0 || status != GLP_OPT)) return MIP_LATE;
	for (int t = 0; t < s->T; t++) c[t] = (int)lround(glp_mip_col_val(s->mip, t + 1));
	if (value) *value = glp_mip_obj_val(s->mip);
	return MIP_FOUND;
}

/* ---- the restricted master ------------------------------------------ */

/* The stage's program over the panels found so far (column 1 is z, column
 * j + 2 is panel j's weight): maximise z subject to, for each type t,
 * sum_P (c_P,t / m_t) lambda_P - z >= 0 while t is not fixed, or >= f_t
 * once it is (row t + 1), and sum_P lambda_P = 1 (row T + 1). Adding a
 * panel adds a column, so the simplex method starts again from the basis
 * it had. The rows' duals are the weights the pricing needs: y_t = minus
 * row t's dual, and yhat = row T + 1's. */
static void lp_build(struct solver *s)
{
	int T = s->T;
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MAX);
	glp_add_cols(lp, 1);
	glp_set_col_bnds(lp, 1, GLP_FR, 0.0, 0.0);
	glp_set_obj_coef(lp, 1, 1.0);
	glp_add_rows(lp, T + 1);
	glp_set_row_bnds(lp, T + 1, GLP_FX, 1.0, 1.0);
	s->lp = lp;
}

/* Rows for the types as they are now, fixed or not. */
static void lp_set_unfixed(struct solver *s)
{
	int T = s->T, P = s->n_cols;
	int *ind = xmalloc(sizeof *ind * (size_t)(P + 2));
	double *val = xmalloc(sizeof *val * (size_t)(P + 2));
	for (int t = 0; t < T; t++) {
		int len = 0;
		if (s->fixed[t] < 0) { ind[++len] = 1; val[len] = -1.0; }
		for (int j = 0; j < P; j++) {
			int ct = s->cols[(size_t)j * (size_t)T + (size_t)t];
			if (ct) { ind[++len] = j + 2; val[len] = (double)ct / s->size[t]; }
		}
		glp_set_mat_row(s->lp, t + 1, len, ind, val);
		glp_set_row_bnds(s->lp, t + 1, GLP_LO, s->fixed[t] < 0 ? 0.0 : s->fixed[t], 0.0);
	}
	free(ind);
	free(val);
}

static bool same_panel(const int *a, const int *b, int T)
{
	return !memcmp(a, b, sizeof *a * (size_t)T);
}

/* Keeps panel c (unless known) and adds its column to the program. */
static bool add_panel(struct solver *s, const int *c)
{
	int T = s->T;
	for (int j = 0; j < s->n_cols; j++)
		if (same_panel(s->cols + (size_t)j * (size_t)T, c, T)) return false;
	if (s->n_cols == s->cap_cols) {
		s->cap_cols = s->cap_cols ? 2 * s->cap_cols : 64;
		s->cols = xrealloc(s->cols, sizeof *s->cols * (size_t)s->cap_cols * (size_t)T);
	}
	memcpy(s->cols + (size_t)s->n_cols * (size_t)T, c, sizeof *c * (size_t)T);
	s->n_cols++;
	int *ind = xmalloc(sizeof *ind * (size_t)(T + 2));
	double *val = xmalloc(sizeof *val * (size_t)(T + 2));
	int len = 0;
	for (int t = 0; t < T; t++)
		if (c[t]) { ind[++len] = t + 1; val[len] = (double)c[t] / s->size[t]; }
	ind[++len] = T + 1;
	val[len] = 1.0;
	int col = glp_add_cols(s->lp, 1);
	glp_set_mat_col(s->lp, col, len, ind, val);
	glp_set_col_bnds(s->lp, col, GLP_LO, 0.0, 0.0);
	free(ind);
	free(val);
	return true;
}

static bool lp_solve(struct solver *s)
{
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.meth = GLP_PRIMAL;
	parm.tm_lim = ms_left(s);
	if (!parm.tm_lim) return false;
	s->lps++;
	int ret = glp_simplex(s->lp, &parm);
	if (ret == GLP_ETMLIM) return false;
	if (ret != 0 || glp_get_status(s->lp) != GLP_OPT) {
		/* numerical trouble: start again from the standard basis */
		glp_std_basis(s->lp);
		s->lps++;
		ret = glp_simplex(s->lp, &parm);
	}
	return ret == 0 && glp_get_status(s->lp) == GLP_OPT;
}

static double lp_weight(const struct solver *s, int t)
{
	return -glp_get_row_dual(s->lp, t + 1);
}

/* ---- LEXIMIN -------------------------------------------------------- */

/* One panel for every type that can be in one; fixes at 0 those that
 * cannot. False when no panel exists at all (or time ran out: *late). */
static bool cover_types(struct solver *s, bool *late)
{
	int T = s->T;
	bool *covered = xcalloc((size_t)T, sizeof *covered);
	double *w = xmalloc(sizeof *w * (size_t)T);
	int *c = xmalloc(sizeof *c * (size_t)T);
	/* first, any panel at all */
	for (int u = 0; u < T; u++) w[u] = 1.0;
	enum mip_answer first = mip_solve(s, w, true, -INFINITY, c, NULL);
	bool any = first != MIP_NONE;
	if (first == MIP_LATE) *late = true;
	if (first == MIP_FOUND) {
		add_panel(s, c);
		for (int u = 0; u < T; u++) if (c[u]) covered[u] = true;
	}
	for (int t = 0; t < T && any && !*late; t++) {
		if (covered[t] || s->fixed[t] >= 0) continue;
		/* a known panel with one member swapped for one of t, if the
		 * quotas allow it; else the integer program */
		for (int u = 0; u < T; u++) w[u] = u == t ? 1.0 : 0.0;
		sort_by_weight(s, w);
		double got;
		if (s->n_cols && improve_panel(s, w, s->n_cols - 1, 0.5, c, &got) && add_panel(s, c)) {
			for (int u = 0; u < T; u++) if (c[u]) covered[u] = true;
			continue;
		}
		/* any panel with t in it, the first found; more uncovered types
		 * are worth more to the search's own heuristics */
		for (int u = 0; u < T; u++) w[u] = covered[u] ? 0.0 : 1.0;
		glp_set_col_bnds(s->mip, t + 1, s->size[t] > 1 ? GLP_DB : GLP_FX, 1.0, (double)s->size[t]);
		enum mip_answer ans = mip_solve(s, w, true, -INFINITY, c, NULL);
		glp_set_col_bnds(s->mip, t + 1, GLP_DB, 0.0, (double)s->size[t]);
		switch (ans) {
		case MIP_NONE: s->fixed[t] = 0.0; break;
		case MIP_LATE: *late = true; break;
		case MIP_FOUND:
			add_panel(s, c);
			for (int u = 0; u < T; u++) if (c[u]) covered[u] = true;
		}
	}
	free(covered);
	free(w);
	free(c);
	return any;
}

/* The stages; false when time ran out or the simplex method failed. */
static bool leximin(struct solver *s)
{
	int T = s->T;
	double *w = xmalloc(sizeof *w * (size_t)T);
	int *c = xmalloc(sizeof *c * (size_t)T);
	int *starts = xmalloc(sizeof *starts * LOCAL_STARTS);
	bool ok = true;
	for (;;) {
		int unfixed = 0;
		for (int t = 0; t < T; t++) unfixed += s->fixed[t] < 0;
		if (!unfixed) break;
		lp_set_unfixed(s);
		/* the rows changed: from the old basis the primal simplex method
		 * can stall on this degenerate program; the slack basis does not */
		glp_std_basis(s->lp);
		double z = 0;
		for (;;) {
			if (out_of_time(s) || !lp_solve(s)) { ok = false; goto out; }
			double yhat = glp_get_row_dual(s->lp, T + 1);
			for (int t = 0; t < T; t++) w[t] = lp_weight(s, t) / s->size[t];
			double best;
			if (improve_panels(s, w, yhat + EPS, c, starts)) continue;
			enum mip_answer a = mip_solve(s, w, true, yhat + EPS, c, &best);
			if (a != MIP_FOUND) { ok = false; goto out; }
			if (best <= yhat + EPS || !add_panel(s, c)) { z = glp_get_obj_val(s->lp); break; }
		}
		if (z < 0) z = 0;
		int settled = 0, heaviest = -1;
		double heaviest_y = -1;
		for (int t = 0; t < T; t++) {
			if (s->fixed[t] >= 0) continue;
			double y = lp_weight(s, t);
			if (y > heaviest_y) { heaviest_y = y; heaviest = t; }
			if (y > EPS_DUAL) { s->fixed[t] = z; settled++; }
		}
		if (!settled) s->fixed[heaviest] = z;
	}
out:
	free(w);
	free(c);
	free(starts);
	return ok;
}

/* lambda over the panels found, meeting every fixed probability as well
 * as it can (the shortfall, summed over people, minimised); the resulting
 * probabilities into prob (per type). */
static bool final_lottery(struct solver *s, double *lambda, double *prob)
{
	int T = s->T, P = s->n_cols;
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	glp_add_cols(lp, P + T);
	for (int j = 0; j < P; j++) glp_set_col_bnds(lp, j + 1, GLP_LO, 0.0, 0.0);
	for (int t = 0; t < T; t++) {
		glp_set_col_bnds(lp, P + t + 1, GLP_LO, 0.0, 0.0);
		glp_set_obj_coef(lp, P + t + 1, (double)s->size[t]);
	}
	int *ind = xmalloc(sizeof *ind * (size_t)(P + 2));
	double *val = xmalloc(sizeof *val * (size_t)(P + 2));
	glp_add_rows(lp, 1 + T);
	for (int j = 0; j < P; j++) { ind[j + 1] = j + 1; val[j + 1] = 1.0; }
	glp_set_mat_row(lp, 1, P, ind, val);
	glp_set_row_bnds(lp, 1, GLP_FX, 1.0, 1.0);
	for (int t = 0; t < T; t++) {
		int len = 0;
		for (int j = 0; j < P; j++) {
			int ct = s->cols[(size_t)j * (size_t)T + (size_t)t];
			if (ct) { ind[++len] = j + 1; val[len] = (double)ct / s->size[t]; }
		}
		ind[++len] = P + t + 1;
		val[len] = 1.0;
		glp_set_mat_row(lp, t + 2, len, ind, val);
		glp_set_row_bnds(lp, t + 2, GLP_LO, s->fixed[t], 0.0);
	}
	free(ind);
	free(val);
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	s->lps++;
	bool ok = glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT;
	if (ok) {
		double sum = 0;
		for (int j = 0; j < P; j++) {
			lambda[j] = glp_get_col_prim(lp, j + 1);
			if (lambda[j] < 0) lambda[j] = 0;
			sum += lambda[j];
		}
		for (int j = 0; j < P; j++) lambda[j] /= sum;
		for (int t = 0; t < T; t++) prob[t] = 0;
		for (int j = 0; j < P; j++)
			for (int t = 0; t < T; t++)
				prob[t] += lambda[j] * s->cols[(size_t)j * (size_t)T + (size_t)t] / s->size[t];
	}
	glp_delete_prob(lp);
	return ok;
}

/* ---- rounding to SELECT_LOTTERY panels ------------------------------ */

/* How many of the SELECT_LOTTERY panels the members of a type may be in,
 * each: within one of SELECT_LOTTERY * p, and at least one if p > 0. */
static void share_bounds(double p, int *lo, int *hi)
{
	double x = p * SELECT_LOTTERY;
	*lo = (int)ceil(x - 1.0 - 1e-9);
	*hi = (int)floor(x + 1.0 + 1e-9);
	if (*lo < 0) *lo = 0;
	if (p > 1e-9 && *lo < 1) *lo = 1;
	if (*hi > SELECT_LOTTERY) *hi = SELECT_LOTTERY;
	if (p <= 1e-9) *lo = *hi = 0;
}

struct member {
	int person;
	int done;         /* panels of the lottery they are in so far */
	uint64_t order;   /* tie-break, from the seed */
};

/* Fewest panels so far first; then the seed's order. */
static int compare_members(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	if (x->done != y->done) return x->done - y->done;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int compare_panels(const void *a, const void *b, void *ctx)
{
	int k = *(const int *)ctx;
	const int *x = a, *y = b;
	for (int i = 0; i < k; i++)
		if (x[i] != y[i]) return (x[i] > y[i]) - (x[i] < y[i]);
	return 0;
}

/* The SELECT_LOTTERY panels, one after another. Each person should be in
 * SELECT_LOTTERY * p of them (p their type's LEXIMIN chance), and must end
 * within one of that (share_bounds). Each step asks the integer program
 * for the panel that serves best the types furthest behind (the weight of
 * a type: how far its members lag, on average, behind p panels a step),
 * with bounds per type that keep every promise: a member who needs every
 * panel left to reach their lowest count is in it, and one who has
 * reached their highest is not. Within a type, the members in fewest
 * panels so far are taken (the seed breaks ties), so members of a type
 * end at most one apart. False if some step finds no panel (never seen on
 * the benchmark instances; the caller reports it). */
static bool sequence_lottery(struct solver *s, const double *prob, uint64_t seed,
                             int *panels, int *lottery_count)
{
	int T = s->T, k = s->k, n = s->p->n_people;
	int *start = xcalloc((size_t)T + 1, sizeof *start);
	for (int i = 0; i < n; i++) start[s->type_of[i] + 1]++;
	for (int t = 0; t < T; t++) start[t + 1] += start[t];
	struct member *m = xmalloc(sizeof *m * (size_t)(n ? n : 1));
	int *fill = xcalloc((size_t)T, sizeof *fill);
	for (int i = 0; i < n; i++) {
		int t = s->type_of[i];
		uint64_t x = seed ^ ((uint64_t)i * 0xD1B54A32D192ED03ull);
		m[start[t] + fill[t]++] = (struct member){ .person = i, .order = splitmix64(&x) };
	}
	int *lo = xmalloc(sizeof *lo * (size_t)T), *hi = xmalloc(sizeof *hi * (size_t)T);
	double *w = xmalloc(sizeof *w * (size_t)T);
	int *c = xmalloc(sizeof *c * (size_t)T);
	for (int t = 0; t < T; t++) {
		share_bounds(prob[t], &lo[t], &hi[t]);
		qsort(m + start[t], (size_t)s->size[t], sizeof *m, compare_members);
	}
	bool ok = true;
	for (int j = 0; j < SELECT_LOTTERY && ok; j++) {
		int left = SELECT_LOTTERY - j;
		for (int t = 0; t < T; t++) {
			int forced = 0, open = 0;
			long done = 0;
			for (int x = start[t]; x < start[t + 1]; x++) {
				forced += m[x].done <= lo[t] - left;
				open += m[x].done < hi[t];
				done += m[x].done;
			}
			glp_set_col_bnds(s->mip, t + 1, forced == open ? GLP_FX : GLP_DB, forced, open);
			w[t] = ((double)s->size[t] * prob[t] * (j + 1) - (double)done) / s->size[t];
		}
		ok = mip_solve(s, w, true, INFINITY, c, NULL) == MIP_FOUND;
		int seat = 0;
		for (int t = 0; t < T && ok; t++) {
			/* members sorted by panels so far: take the first c_t */
			for (int x = start[t]; x < start[t] + c[t]; x++) {
				m[x].done++;
				panels[(size_t)j * (size_t)k + (size_t)seat++] = m[x].person;
			}
			if (c[t]) qsort(m + start[t], (size_t)s->size[t], sizeof *m, compare_members);
		}
		ok = ok && seat == k;
	}
	for (int t = 0; t < T; t++)
		glp_set_col_bnds(s->mip, t + 1, GLP_DB, 0.0, (double)s->size[t]);
	for (int x = 0; x < n && ok; x++) {
		int t = s->type_of[m[x].person];
		ok = m[x].done >= lo[t] && m[x].done <= hi[t];
		lottery_count[m[x].person] = m[x].done;
	}
	if (ok) {
		for (int j = 0; j < SELECT_LOTTERY; j++)
			qsort(panels + (size_t)j * (size_t)k, (size_t)k, sizeof *panels, compare_ints);
		qsort_r(panels, SELECT_LOTTERY, sizeof *panels * (size_t)k, compare_panels, &k);
	}
	free(start);
	free(m);
	free(fill);
	free(lo);
	free(hi);
	free(w);
	free(c);
	return ok;
}

/* ---- when no panel meets the quotas --------------------------------- */

/* The smallest total change of bounds (in places) after which a panel
 * exists: an integer program over types with a slack per bound. */
static void diagnose(struct arena *a, struct solver *s, struct select_result *r)
{
	const struct select_problem *p = s->p;
	int T = s->T;
	if (p->n_people < s->k) {
		r->short_of_people = s->k - p->n_people;
		return;
	}
	int V = 0;
	for (int f = 0; f < p->n_features; f++) V += p->features[f].n_values;
	for (int pass = 0; pass < 2; pass++) {
		bool flex = pass == 0;
		glp_prob *m = glp_create_prob();
		glp_set_obj_dir(m, GLP_MIN);
		glp_add_cols(m, T + 2 * V);
		for (int t = 0; t < T; t++) {
			glp_set_col_kind(m, t + 1, GLP_IV);
			glp_set_col_bnds(m, t + 1, GLP_DB, 0.0, (double)s->size[t]);
		}
		int *ind = xmalloc(sizeof *ind * (size_t)(T + 3));
		double *val = xmalloc(sizeof *val * (size_t)(T + 3));
		glp_add_rows(m, 1 + 2 * V);
		for (int t = 0; t < T; t++) { ind[t + 1] = t + 1; val[t + 1] = 1.0; }
		glp_set_mat_row(m, 1, T, ind, val);
		glp_set_row_bnds(m, 1, GLP_FX, s->k, s->k);
		int v0 = 0;
		for (int f = 0; f < p->n_features; f++) {
			const struct select_feature *ft = &p->features[f];
			for (int v = 0; v < ft->n_values; v++, v0++) {
				int down = T + 2 * v0 + 1, up = down + 1;
				int lowest = flex && ft->min_flex ? ft->min_flex[v] : 0;
				int highest = flex && ft->max_flex ? ft->max_flex[v] : s->k;
				if (highest < ft->max[v]) highest = ft->max[v];
				glp_set_col_kind(m, down, GLP_IV);
				glp_set_col_kind(m, up, GLP_IV);
				glp_set_col_bnds(m, down, ft->min[v] - lowest > 0 ? GLP_DB : GLP_FX, 0.0, ft->min[v] - lowest);
				glp_set_col_bnds(m, up, highest - ft->max[v] > 0 ? GLP_DB : GLP_FX, 0.0, highest - ft->max[v]);
				glp_set_obj_coef(m, down, 1.0);
				glp_set_obj_coef(m, up, 1.0);
				int len = 0;
				for (int t = 0; t < T; t++)
					if (value_of(p, s->first[t], f) == v) { ind[++len] = t + 1; val[len] = 1.0; }
				ind[len + 1] = down;
				val[len + 1] = 1.0;
				glp_set_mat_row(m, 2 + 2 * v0, len + 1, ind, val);
				glp_set_row_bnds(m, 2 + 2 * v0, GLP_LO, ft->min[v], 0.0);
				val[len + 1] = -1.0;
				ind[len + 1] = up;
				glp_set_mat_row(m, 3 + 2 * v0, len + 1, ind, val);
				glp_set_row_bnds(m, 3 + 2 * v0, GLP_UP, 0.0, ft->max[v]);
			}
		}
		free(ind);
		free(val);
		glp_iocp parm;
		glp_init_iocp(&parm);
		parm.presolve = GLP_ON;
		parm.msg_lev = GLP_MSG_OFF;
		s->mips++;
		bool ok = glp_intopt(m, &parm) == 0 && glp_mip_status(m) == GLP_OPT;
		if (ok) {
			r->relaxations = arena_alloc(a, sizeof *r->relaxations * (size_t)(2 * V));
			v0 = 0;
			for (int f = 0; f < p->n_features; f++) {
				const struct select_feature *ft = &p->features[f];
				for (int v = 0; v < ft->n_values; v++, v0++) {
					int pool = 0;
					for (int t = 0; t < T; t++)
						if (value_of(p, s->first[t], f) == v) pool += s->size[t];
					int down = (int)lround(glp_mip_col_val(m, T + 2 * v0 + 1));
					int up = (int)lround(glp_mip_col_val(m, T + 2 * v0 + 2));
					if (down)
						r->relaxations[r->n_relaxations++] = (struct select_relaxation){
							.feature = f, .value = v, .is_min = true,
							.from = ft->min[v], .to = ft->min[v] - down, .pool = pool };
					if (up)
						r->relaxations[r->n_relaxations++] = (struct select_relaxation){
							.feature = f, .value = v, .is_min = false,
							.from = ft->max[v], .to = ft->max[v] + up, .pool = pool };
				}
			}
			r->beyond_flex = !flex;
		}
		glp_delete_prob(m);
		if (ok) return;
	}
}

/* ---- the whole ------------------------------------------------------ */

bool select_solve(struct arena *a, const struct select_problem *p,
                  const struct select_options *o, struct select_result *r)
{
	memset(r, 0, sizeof *r);
	if (select_check(p)) return false;
	glp_term_out(GLP_OFF);
	struct solver s = { .p = p, .k = p->places, .seconds = o ? o->seconds : 0 };
	clock_gettime(CLOCK_MONOTONIC, &s.start);
	make_types(&s);
	r->types = s.T;
	s.fixed = xmalloc(sizeof *s.fixed * (size_t)(s.T ? s.T : 1));
	for (int t = 0; t < s.T; t++) s.fixed[t] = -1;
	int *c = xmalloc(sizeof *c * (size_t)(s.T ? s.T : 1));
	double *w = xcalloc((size_t)(s.T ? s.T : 1), sizeof *w);
	bool late = false;
	r->outcome = SELECT_DONE;
	if (p->n_people < s.k) {
		r->outcome = SELECT_IMPOSSIBLE;
		diagnose(a, &s, r);
		goto done;
	}
	mip_build(&s);
	lp_build(&s);
	index_values(&s);
	if (p->priority) {
		for (int t = 0; t < s.T; t++) w[t] = s.prio[t] ? 0.0 : 1.0;
		double fewest = 0;
		enum mip_answer ans = mip_solve(&s, w, false, INFINITY, c, &fewest);
		if (ans == MIP_LATE) { late = true; goto done; }
		if (ans == MIP_FOUND) {
			r->outsiders_needed = (int)lround(fewest);
			mip_limit_outsiders(&s, r->outsiders_needed);
		}
	}
	if (!cover_types(&s, &late)) {
		if (!late) {
			r->outcome = SELECT_IMPOSSIBLE;
			diagnose(a, &s, r);
		}
		goto done;
	}
	if (late) goto done;
	if (!leximin(&s)) {
		if (out_of_time(&s)) late = true;
		else r->outcome = SELECT_FAILED;
		goto done;
	}
	double *lambda = xmalloc(sizeof *lambda * (size_t)s.n_cols);
	double *prob = xmalloc(sizeof *prob * (size_t)s.T);
	r->probability = arena_alloc(a, sizeof *r->probability * (size_t)p->n_people);
	r->lottery_count = arena_alloc(a, sizeof *r->lottery_count * (size_t)p->n_people);
	r->panels = arena_alloc(a, sizeof *r->panels * (size_t)SELECT_LOTTERY * (size_t)s.k);
	bool ok = final_lottery(&s, lambda, prob) &&
	          sequence_lottery(&s, prob, o ? o->seed : 0, r->panels, r->lottery_count);
	if (ok)
		for (int i = 0; i < p->n_people; i++) r->probability[i] = prob[s.type_of[i]];
	else
		r->outcome = out_of_time(&s) ? SELECT_OUT_OF_TIME : SELECT_FAILED;
	free(lambda);
	free(prob);
done:
	if (late) r->outcome = SELECT_OUT_OF_TIME;
	r->columns = s.n_cols;
	for (int t = 0; t < s.T; t++) r->settled += s.fixed && s.fixed[t] >= 0;
	r->mips = s.mips;
	r->lps = s.lps;
	r->seconds = elapsed(&s);
	if (s.mip) glp_delete_prob(s.mip);
	if (s.lp) glp_delete_prob(s.lp);
	glp_free_env();
	free(c);
	free(w);
	free(s.type_of);
	free(s.size);
	free(s.first);
	free(s.prio);
	free(s.cols);
	free(s.fixed);
	free(s.tv);
	free(s.vmin);
	free(s.vmax);
	free(s.vcount);
	free(s.by_weight);
	return true;
}
