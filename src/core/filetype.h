#ifndef EC_CORE_FILETYPE_H
#define EC_CORE_FILETYPE_H
/* What an uploaded paper is, decided by its bytes alone: the name a person
 * gave the file and the Content-Type their browser sent are never trusted.
 * Only the kinds below are accepted; anything else is FILE_UNKNOWN and is
 * refused by the upload handler.
 *
 * filetype_sniff() wants the whole file (ZIP-based documents keep their
 * directory at the end), already capped in size by the caller. It reads no
 * more than it needs, never decompresses more than the 39 bytes of an ODT's
 * mimetype, and refuses a ZIP with more than 10,000 entries before libzip
 * looks at it. No I/O; safe to call from any thread. */
#include <stdbool.h>
#include <stddef.h>

#include "core/mem.h"

enum file_kind {
	FILE_UNKNOWN,
	FILE_PDF,   /* starts "%PDF-" and a version, e.g. "%PDF-1.7" */
	FILE_ODT,   /* ZIP; first entry "mimetype", stored, holding exactly
	             * "application/vnd.oasis.opendocument.text"; has content.xml */
	FILE_DOCX,  /* ZIP holding "[Content_Types].xml" and "word/document.xml" */
	FILE_PNG,   /* signature, then an IHDR chunk with non-zero size */
	FILE_JPEG,  /* SOI marker followed by another marker */
	FILE_GIF,   /* "GIF87a" or "GIF89a" and a whole screen descriptor */
	FILE_WEBP,  /* "RIFF", size, "WEBP", then a VP8, VP8L or VP8X chunk */
};

/* The kind of data[0..len); data may be NULL when len is 0. ZIP documents
 * must also pass libzip's consistency checks (ZIP_CHECKCONS): a central
 * directory that disagrees with the local headers is FILE_UNKNOWN. */
enum file_kind filetype_sniff(const unsigned char *data, size_t len);

/* For Content-Type: "application/pdf", ..., "image/webp";
 * "application/octet-stream" for FILE_UNKNOWN. */
const char *filetype_media_type(enum file_kind k);

/* ".pdf", ".odt", ".docx", ".png", ".jpg", ".gif", ".webp"; "" for
 * FILE_UNKNOWN. */
const char *filetype_extension(enum file_kind k);

/* What to tell people, e.g. "PDF document", "Word document", "PNG image";
 * "Unknown file" for FILE_UNKNOWN. In English, marked for translation:
 * shown through _(filetype_label(k)). */
const char *filetype_label(enum file_kind k);

/* The kind's name as stored with a paper: the extension without its dot
 * ("pdf", "docx", "jpg"...); "" for FILE_UNKNOWN. filetype_parse() reads it
 * back, false for anything else (FILE_UNKNOWN is never stored). */
const char *filetype_key(enum file_kind k);
bool filetype_parse(const char *key, enum file_kind *out);
/* PNG, JPEG, GIF and WebP: the kinds a page may show with <img>. */
bool filetype_is_image(enum file_kind k);

/* A download name made from what the person called the file (given may be
 * NULL). Only the last path component is used (a browser may send
 * "C:\\Users\\...\\minutes.pdf"). Kept: ASCII letters and digits, space,
 * '-', '_', '.', and letters and combining marks of the common scripts
 * (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, Thai, Lao,
 * Georgian, kana, CJK, Hangul). Control, invisible and bidirectional
 * formatting characters and invalid UTF-8 are dropped; any other character
 * separates words like a space. Runs of spaces become one; leading spaces,
 * dots and hyphens and trailing spaces and dots go. A final extension of a
 * kind we know (".pdf", ".jpeg", ".doc", ...) is replaced by the right one
 * for k; a Windows device name (CON, NUL, COM1, ...) gets a leading '_'.
 * The whole name, extension included, is at most 100 bytes, cut between
 * UTF-8 characters. If nothing is left the name is "paper" + extension.
 * The result is valid UTF-8 in the arena, holds no '"', '\\', '/', ';' or
 * control character, and still needs RFC 8187 encoding for
 * Content-Disposition's filename*. */
const char *filetype_safe_name(const char *given, enum file_kind k, struct arena *a);
#endif
