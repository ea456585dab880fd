#include "core/csv.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

/* Each field is written followed by a comma; csv_end_row turns the row's
 * last comma into the line break. Nothing else can leave a comma as the
 * last byte: a field ending in one is quoted, and rows end in CRLF. */

void csv_begin(struct buf *b)
{
	buf_put(b, "\xef\xbb\xbf", 3);
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

void csv_field(struct buf *b, const char *value)
{
	const char *v = value ? value : "";
	size_t n = strlen(v);
	/* CSV injection (OWASP): Excel, LibreOffice and Google Sheets run a
	 * cell that starts with = + - or @ as a formula, which can fetch URLs
	 * or run commands when someone opens the export; OWASP's list adds tab
	 * and CR, which some programs skip before looking. A leading
	 * apostrophe makes the cell text (spreadsheets hide the apostrophe).
	 * Member-typed text reaches these files, so every text field is
	 * guarded; numbers are written by csv_field_i64 and are safe. */
	bool guard = n && strchr("=+-@\t\r", v[0]);
	bool quote = strpbrk(v, ",\"\r\n") != NULL || (n && blank(v[n - 1])) ||
	             (!guard && n && blank(v[0]));
	if (quote) buf_putc(b, '"');
	if (guard) buf_putc(b, '\'');
	for (const char *p = v; *p; p++) {
		if (*p == '"') buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote) buf_putc(b, '"');
	buf_putc(b, ',');
}

void csv_field_i64(struct buf *b, int64_t value)
{
	buf_printf(b, "%" PRId64 ",", value);
}

void csv_end_row(struct buf *b)
{
	if (b->len && b->data[b->len - 1] == ',') b->len--;
	buf_put(b, "\r\n", 2);
}

void csv_reader_init(struct csv_reader *r, const char *text, size_t len)
{
	r->at = text;
	r->end = text + len;
	r->line = 1;
	r->row_line = 0;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) r->at += 3;
}

int csv_read_row(struct csv_reader *r, struct arena *a, char ***fields)
{
	/* blank lines */
	while (r->at < r->end && (*r->at == '\n' || (*r->at == '\r' && r->at + 1 < r->end && r->at[1] == '\n'))) {
		r->at += *r->at == '\r' ? 2 : 1;
		r->line++;
	}
	*fields = NULL;
	if (r->at >= r->end) return 0;
	r->row_line = r->line;
	struct buf field = { 0 };
	char **list = NULL;
	int n = 0, cap = 0;
	for (;;) {
		buf_reset(&field);
		buf_put(&field, "", 0);
		if (r->at < r->end && *r->at == '"') {
			r->at++;
			for (;;) {
				if (r->at >= r->end) { buf_free(&field); return -1; }
				char c = *r->at++;
				if (c == '"') {
					if (r->at < r->end && *r->at == '"') { buf_putc(&field, '"'); r->at++; continue; }
					break;
				}
				if (c == '\n') r->line++;
				buf_putc(&field, c);
			}
			/* anything after the closing quote, up to the separator, is kept */
		}
		while (r->at < r->end && *r->at != ',' && *r->at != '\n' &&
		       !(*r->at == '\r' && r->at + 1 < r->end && r->at[1] == '\n') &&
		       !(*r->at == '\r' && r->at + 1 == r->end))
			buf_putc(&field, *r->at++);
		if (n + 1 >= cap) {
			cap = cap ? 2 * cap : 8;
			char **grown = arena_alloc(a, sizeof *grown * (size_t)cap);
			if (n) memcpy(grown, list, sizeof *list * (size_t)n);
			list = grown;
		}
		list[n++] = arena_strndup(a, field.data, field.len);
		if (r->at < r->end && *r->at == ',') { r->at++; continue; }
		if (r->at < r->end) {
			r->at += *r->at == '\r' ? 2 : 1;
			if (r->at > r->end) r->at = r->end;
			r->line++;
		}
		break;
	}
	buf_free(&field);
	list[n] = NULL;
	*fields = list;
	return n;
}
