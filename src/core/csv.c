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
