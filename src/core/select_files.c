#include "core/select_files.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csv.h"
#include "core/text.h"

static bool fail(struct arena *a, const char **error, const char *file, int line, int column,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static bool fail(struct arena *a, const char **error, const char *file, int line, int column,
                 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = arena_vprintf(a, fmt, ap);
	va_end(ap);
	*error = column ? arena_printf(a, "%s:%d:%d: %s", file, line, column, msg)
	                : arena_printf(a, "%s:%d: %s", file, line, msg);
	return false;
}

/* A whole number from 0 to 1,000,000; false otherwise. */
static bool whole(const char *s, int *out)
{
	int64_t v;
	if (!parse_i64(s, 0, 1000000, &v)) return false;
	*out = (int)v;
	return true;
}

static int column_named(char **header, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcasecmp(header[i], name)) return i;
	return -1;
}

/* A file's header row (trimmed) and every row after it, each with as many
 * fields as the header names at least. */
struct table {
	char **header;
	int n_columns;
	int header_line;
	char ***rows;
	int *line;       /* the line each row starts on */
	int n_rows;
	int end_line;    /* the line after the last row */
};

static bool read_table(struct arena *a, const char *name, const char *text, size_t len, struct table *t,
                       const char **error)
{
	struct csv_reader r;
	csv_reader_init(&r, text, len);
	*t = (struct table){ 0 };
	int nh = csv_read_row(&r, a, &t->header);
	if (nh < 0) return fail(a, error, name, r.row_line, 0, "a quoted field is never closed");
	if (nh == 0) return fail(a, error, name, 1, 0, "the file is empty");
	for (int i = 0; i < nh; i++) t->header[i] = text_trim(t->header[i]);
	t->n_columns = nh;
	t->header_line = r.row_line;
	int cap = 0;
	char **f;
	int nf;
	while ((nf = csv_read_row(&r, a, &f)) > 0) {
		if (nf < nh)
			return fail(a, error, name, r.row_line, nf + 1, "the row has %d fields; the first row names %d", nf, nh);
		if (t->n_rows == cap) {
			cap = cap ? 2 * cap : 64;
			char ***rows = arena_alloc(a, sizeof *rows * (size_t)cap);
			int *line = arena_alloc(a, sizeof *line * (size_t)cap);
			if (t->n_rows) {
				memcpy(rows, t->rows, sizeof *rows * (size_t)t->n_rows);
				memcpy(line, t->line, sizeof *line * (size_t)t->n_rows);
			}
			t->rows = rows;
			t->line = line;
		}
		t->rows[t->n_rows] = f;
		t->line[t->n_rows++] = r.row_line;
	}
	if (nf < 0) return fail(a, error, name, r.row_line, 0, "a quoted field is never closed");
	t->end_line = r.line;
	return true;
}

/* The quotas file, as rows before they are grouped by feature. */
struct quota_row {
	const char *feature, *value;
	int min, max, min_flex, max_flex;
	int line;
};

/* The three headers a quotas file may have: the feature's column and the
 * value's. */
static const struct {
	const char *feature, *value;
} quota_headers[] = { { "feature", "value" }, { "category", "name" }, { "category", "feature" } };

static bool read_quotas(struct arena *a, const char *name, const char *text, size_t len, int places,
                        struct quota_row **rows_out, int *n_out, bool *has_flex, const char **error)
{
	struct table t;
	if (!read_table(a, name, text, len, &t, error)) return false;
	char **h = t.header;
	int nh = t.n_columns, fc = -1, vc = -1;
	for (size_t x = 0; x < sizeof quota_headers / sizeof quota_headers[0] && fc < 0; x++) {
		int f = column_named(h, nh, quota_headers[x].feature), v = column_named(h, nh, quota_headers[x].value);
		if (f >= 0 && v >= 0) fc = f, vc = v;
	}
	if (fc < 0)
		return fail(a, error, name, t.header_line, 0,
		            "the first row must name the columns feature,value,min,max "
		            "(or category,name,min,max, or category,feature,min,max)");
	int minc = column_named(h, nh, "min"), maxc = column_named(h, nh, "max");
	if (minc < 0 || maxc < 0)
		return fail(a, error, name, t.header_line, 0, "the first row has no %s column", minc < 0 ? "min" : "max");
	int mfc = column_named(h, nh, "min_flex"), xfc = column_named(h, nh, "max_flex");
	*has_flex = mfc >= 0 || xfc >= 0;
	if (!t.n_rows) return fail(a, error, name, t.end_line, 0, "there are no quotas after the first row");
	struct quota_row *rows = arena_alloc(a, sizeof *rows * (size_t)t.n_rows);
	for (int n = 0; n < t.n_rows; n++) {
		char **f = t.rows[n];
		struct quota_row *q = &rows[n];
		q->line = t.line[n];
		q->feature = text_trim(f[fc]);
		q->value = text_trim(f[vc]);
		if (!*q->feature) return fail(a, error, name, q->line, fc + 1, "the feature is empty");
		if (!*q->value) return fail(a, error, name, q->line, vc + 1, "the value is empty");
		if (!whole(text_trim(f[minc]), &q->min))
			return fail(a, error, name, q->line, minc + 1, "min must be a whole number from 0, not '%s'", f[minc]);
		if (!whole(text_trim(f[maxc]), &q->max))
			return fail(a, error, name, q->line, maxc + 1, "max must be a whole number from 0, not '%s'", f[maxc]);
		if (q->min > q->max)
			return fail(a, error, name, q->line, minc + 1, "min (%d) is more than max (%d)", q->min, q->max);
		if (q->max > places) q->max = places;
		if (q->min > places)
			return fail(a, error, name, q->line, minc + 1, "min (%d) is more than the %d places", q->min, places);
		q->min_flex = 0;
		q->max_flex = places;
		if (mfc >= 0 && *text_trim(f[mfc])) {
			if (!whole(f[mfc], &q->min_flex))
				return fail(a, error, name, q->line, mfc + 1, "min_flex must be a whole number from 0, not '%s'", f[mfc]);
			if (q->min_flex > q->min)
				return fail(a, error, name, q->line, mfc + 1, "min_flex (%d) is more than min (%d)", q->min_flex, q->min);
		}
		if (xfc >= 0 && *text_trim(f[xfc])) {
			int x;
			if (!whole(f[xfc], &x))
				return fail(a, error, name, q->line, xfc + 1, "max_flex must be a whole number from 0, not '%s'", f[xfc]);
			if (x < q->max)
				return fail(a, error, name, q->line, xfc + 1, "max_flex (%d) is less than max (%d)", x, q->max);
			q->max_flex = x < places ? x : places;
		}
		for (int j = 0; j < n; j++)
			if (!strcasecmp(rows[j].feature, q->feature) && !strcasecmp(rows[j].value, q->value))
				return fail(a, error, name, q->line, vc + 1, "%s, %s is already on line %d",
				            q->feature, q->value, rows[j].line);
	}
	*rows_out = rows;
	*n_out = t.n_rows;
	return true;
}

/* By id, then by row, so that the first of equal ids comes first. */
static int compare_ids(const void *x, const void *y, void *ctx)
{
	const char **ids = ctx;
	int i = *(const int *)x, j = *(const int *)y;
	int d = strcmp(ids[i], ids[j]);
	return d ? d : i - j;
}

bool select_read_files(struct arena *a, int places, const char *id_column,
                       const char *features_name, const char *features, size_t features_len,
                       const char *people_name, const char *people, size_t people_len,
                       struct select_files *out, const char **error)
{
	memset(out, 0, sizeof *out);
	struct quota_row *q = NULL;
	int nq = 0;
	bool has_flex = false;
	if (!read_quotas(a, features_name, features, features_len, places, &q, &nq, &has_flex, error))
		return false;
	/* group the rows by feature, in the order features first appear */
	struct select_feature *ft = arena_alloc(a, sizeof *ft * (size_t)nq);
	int *feature_of = arena_alloc(a, sizeof *feature_of * (size_t)nq);
	int nfeat = 0;
	for (int i = 0; i < nq; i++) {
		int f = 0;
		while (f < nfeat && strcasecmp(ft[f].name, q[i].feature)) f++;
		if (f == nfeat) ft[nfeat++].name = q[i].feature;
		feature_of[i] = f;
		ft[f].n_values++;
	}
	for (int f = 0; f < nfeat; f++) {
		int nv = ft[f].n_values;
		ft[f].values = arena_alloc(a, sizeof *ft[f].values * (size_t)nv);
		ft[f].min = arena_alloc(a, sizeof *ft[f].min * (size_t)nv);
		ft[f].max = arena_alloc(a, sizeof *ft[f].max * (size_t)nv);
		if (has_flex) {
			ft[f].min_flex = arena_alloc(a, sizeof *ft[f].min_flex * (size_t)nv);
			ft[f].max_flex = arena_alloc(a, sizeof *ft[f].max_flex * (size_t)nv);
		}
		ft[f].n_values = 0;
	}
	for (int i = 0; i < nq; i++) {
		struct select_feature *x = &ft[feature_of[i]];
		int v = x->n_values++;
		x->values[v] = q[i].value;
		x->min[v] = q[i].min;
		x->max[v] = q[i].max;
		if (x->min_flex) { x->min_flex[v] = q[i].min_flex; x->max_flex[v] = q[i].max_flex; }
	}

	struct table t;
	if (!read_table(a, people_name, people, people_len, &t, error)) return false;
	char **h = t.header;
	int nh = t.n_columns, idc = -1;
	if (id_column) {
		idc = column_named(h, nh, id_column);
		if (idc < 0) return fail(a, error, people_name, t.header_line, 0, "no column is named '%s'", id_column);
	} else {
		idc = column_named(h, nh, "id");
		if (idc < 0) idc = column_named(h, nh, "nationbuilder_id");
	}
	int *col = arena_alloc(a, sizeof *col * (size_t)nfeat);
	for (int f = 0; f < nfeat; f++) {
		col[f] = column_named(h, nh, ft[f].name);
		if (col[f] < 0)
			return fail(a, error, people_name, t.header_line, 0, "no column for the feature '%s' of %s",
			            ft[f].name, features_name);
	}
	int n = t.n_rows;
	if (!n) return fail(a, error, people_name, t.end_line, 0, "there are no people after the first row");
	int *value = arena_alloc(a, sizeof *value * (size_t)n * (size_t)nfeat);
	const char **ids = arena_alloc(a, sizeof *ids * (size_t)n);
	for (int i = 0; i < n; i++) {
		char **f = t.rows[i];
		for (int x = 0; x < nfeat; x++) {
			const char *cell = text_trim(f[col[x]]);
			int v = 0;
			while (v < ft[x].n_values && strcasecmp(ft[x].values[v], cell)) v++;
			if (v == ft[x].n_values) {
				struct buf known = { 0 };
				for (int y = 0; y < ft[x].n_values; y++)
					buf_printf(&known, "%s%s", y ? ", " : "", ft[x].values[y]);
				bool ok = fail(a, error, people_name, t.line[i], col[x] + 1,
				               "'%s' is not a value of %s in %s (it has: %s)", cell, ft[x].name,
				               features_name, known.data);
				buf_free(&known);
				return ok;
			}
			value[(size_t)i * (size_t)nfeat + (size_t)x] = v;
		}
		if (idc >= 0) {
			ids[i] = text_trim(f[idc]);
			if (!*ids[i]) return fail(a, error, people_name, t.line[i], idc + 1, "the id is empty");
		} else {
			ids[i] = arena_printf(a, "%d", i);
		}
	}
	if (idc >= 0) {
		/* ids must be unique: sort the rows' indexes by id, then look at
		 * neighbours (the later row of a pair is named) */
		int *order = arena_alloc(a, sizeof *order * (size_t)n);
		for (int i = 0; i < n; i++) order[i] = i;
		qsort_r(order, (size_t)n, sizeof *order, compare_ids, ids);
		for (int x = 1; x < n; x++)
			if (!strcmp(ids[order[x - 1]], ids[order[x]]))
				return fail(a, error, people_name, t.line[order[x]], idc + 1,
				            "the id '%s' is already on line %d", ids[order[x]], t.line[order[x - 1]]);
	}
	out->problem = (struct select_problem){
		.places = places, .n_features = nfeat, .features = ft, .n_people = n, .value = value,
	};
	out->ids = ids;
	out->n_columns = nh;
	out->header = h;
	out->rows = t.rows;
	return true;
}
