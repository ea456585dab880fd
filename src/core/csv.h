#ifndef EC_CORE_CSV_H
#define EC_CORE_CSV_H
/* CSV (RFC 4180) for spreadsheet programs, appended to a buf.
 *
 * Write csv_begin once, then for each row any number of csv_field /
 * csv_field_i64 calls and one csv_end_row. What the caller may rely on:
 * - the file starts with a UTF-8 byte-order mark, so Excel reads UTF-8;
 * - fields are separated by commas and rows end in CRLF;
 * - a field is quoted, with quotes doubled, when it holds a comma, a quote,
 *   CR or LF, or (apostrophe included, below) starts or ends with a space
 *   or tab; otherwise it is written as it is;
 * - a text field that starts with = + - @ tab or CR gets a leading
 *   apostrophe, so a spreadsheet shows it as text instead of running it as
 *   a formula (see csv.c); numbers go through csv_field_i64, which keeps a
 *   minus sign meaningful.
 * A row with no fields, or one empty field, is an empty line. */
#include <stdint.h>

#include "core/mem.h"

void csv_begin(struct buf *b);
void csv_field(struct buf *b, const char *value); /* NULL is an empty field */
void csv_field_i64(struct buf *b, int64_t value);
void csv_end_row(struct buf *b);

/* Reading CSV (RFC 4180) held in memory, row by row, for files people
 * bring (the select command). A UTF-8 byte-order mark at the start is
 * skipped; rows end in LF or CRLF, the last one may have no line break;
 * quoted fields may hold commas, doubled quotes and line breaks; blank
 * lines are skipped. Fields are not trimmed. */
struct csv_reader {
	const char *at, *end;
	int line;          /* the line the cursor is on, from 1 */
	int row_line;      /* the line the last row read started on */
};

void csv_reader_init(struct csv_reader *r, const char *text, size_t len);
/* The next row's fields, allocated from a (fields[n] is NULL); returns
 * their number, 0 at the end, or -1 when a quoted field is never closed
 * (r->row_line says where it began). */
int csv_read_row(struct csv_reader *r, struct arena *a, char ***fields);
#endif
