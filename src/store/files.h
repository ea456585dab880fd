#ifndef EC_STORE_FILES_H
#define EC_STORE_FILES_H
/* Uploaded files (meeting papers; later receipts), kept outside any web
 * root in one directory, each under the lowercase hex SHA-256 of its bytes.
 * Content addressing makes a save idempotent and a name impossible to
 * choose from outside: a stored name is only ever one this module made,
 * and files_read() refuses anything that is not 64 hex digits.
 *
 * A save writes a temporary file in the same directory, flushes it to disk
 * (fsync) and renames it into place, so a crash leaves either the whole
 * file or none. Files are created 0600 in a 0700 directory. */
#include <stdbool.h>
#include <stddef.h>

#include "core/mem.h"

enum { FILES_HASH_HEX = 64 };

/* Makes dir (and its parents) if missing. False, with a line on stderr,
 * when it cannot be made or written. */
bool files_prepare(const char *dir);
/* Stores data[0..len) and writes its name to hex. */
bool files_save(const char *dir, const unsigned char *data, size_t len,
                char hex[FILES_HASH_HEX + 1]);
/* Reads the file named hex into out (reset first), at most max bytes;
 * false when the name is malformed, the file is missing or larger. */
bool files_read(const char *dir, const char *hex, size_t max, struct buf *out);
/* Deletes the file named hex; a missing file is not an error. */
void files_remove(const char *dir, const char *hex);
#endif
