#include "core/filetype.h"

#include <stdint.h>
#include <string.h>
#include <zip.h>

#include "core/lang.h"

/* ---- kinds ---- */

static const struct {
	const char *media_type, *extension, *label;
	bool image;
} kinds[] = {
	/* TRANSLATORS: the kinds of file a paper can be. */
	[FILE_UNKNOWN] = { "application/octet-stream", "", N_("Unknown file"), false },
	[FILE_PDF] = { "application/pdf", ".pdf", N_("PDF document"), false },
	[FILE_ODT] = { "application/vnd.oasis.opendocument.text", ".odt",
	               N_("OpenDocument text"), false },
	[FILE_DOCX] = { "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	                ".docx", N_("Word document"), false },
	[FILE_PNG] = { "image/png", ".png", N_("PNG image"), true },
	[FILE_JPEG] = { "image/jpeg", ".jpg", N_("JPEG image"), true },
	[FILE_GIF] = { "image/gif", ".gif", N_("GIF image"), true },
	[FILE_WEBP] = { "image/webp", ".webp", N_("WebP image"), true },
};

static enum file_kind known(enum file_kind k)
{
	return (unsigned)k < sizeof kinds / sizeof kinds[0] ? k : FILE_UNKNOWN;
}

const char *filetype_media_type(enum file_kind k) { return kinds[known(k)].media_type; }
const char *filetype_extension(enum file_kind k) { return kinds[known(k)].extension; }
const char *filetype_label(enum file_kind k) { return kinds[known(k)].label; }
bool filetype_is_image(enum file_kind k) { return kinds[known(k)].image; }
const char *filetype_key(enum file_kind k)
{
	const char *ext = kinds[known(k)].extension;
	return *ext ? ext + 1 : ext;
}

bool filetype_parse(const char *key, enum file_kind *out)
{
	for (size_t k = FILE_UNKNOWN + 1; key && k < sizeof kinds / sizeof kinds[0]; k++)
		if (!strcmp(key, kinds[k].extension + 1)) {
			*out = (enum file_kind)k;
			return true;
		}
	return false;
}

/* ---- sniffing ---- */

static bool starts(const unsigned char *d, size_t len, const char *magic, size_t n)
{
	return len >= n && !memcmp(d, magic, n);
}

static bool digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_pdf(const unsigned char *d, size_t len)
{
	return starts(d, len, "%PDF-", 5) && len >= 8 && digit(d[5]) && d[6] == '.' && digit(d[7]);
}

static bool is_png(const unsigned char *d, size_t len)
{
	/* The signature, then the first chunk, which must be IHDR (length 13):
	 * width and height are 4 bytes each and must not be zero. */
	if (!starts(d, len, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) || len < 24) return false;
	uint32_t w = (uint32_t)d[16] << 24 | (uint32_t)d[17] << 16 | (uint32_t)d[18] << 8 | d[19];
	uint32_t h = (uint32_t)d[20] << 24 | (uint32_t)d[21] << 16 | (uint32_t)d[22] << 8 | d[23];
	return w && h;
}

static bool is_jpeg(const unsigned char *d, size_t len)
{
	/* SOI (FF D8), then the next segment's marker: FF and a code in
	 * C0..FE (APP0 for JFIF, APP1 for Exif, DQT, ...). */
	return starts(d, len, "\xff\xd8\xff", 3) && len >= 4 && d[3] >= 0xc0 && d[3] <= 0xfe;
}

static bool is_gif(const unsigned char *d, size_t len)
{
	/* header (6) and logical screen descriptor (7) */
	return (starts(d, len, "GIF87a", 6) || starts(d, len, "GIF89a", 6)) && len >= 13;
}

static bool is_webp(const unsigned char *d, size_t len)
{
	return starts(d, len, "RIFF", 4) && len >= 16 && !memcmp(d + 8, "WEBP", 4) &&
	       (!memcmp(d + 12, "VP8 ", 4) || !memcmp(d + 12, "VP8L", 4) ||
	        !memcmp(d + 12, "VP8X", 4));
}

/* ZIP documents. The archive itself is read by libzip; we only look up
 * entries by name and read one small stored entry. */

enum { ZIP_MAX_ENTRIES = 10000 };

static const char odt_mimetype[] = "application/vnd.oasis.opendocument.text";

/* Every central-directory record libzip reads must begin with the bytes
 * "PK\1\2", each at its own offset, so their count bounds the number of
 * entries. Counting them is a byte search, not a reading of the format, and
 * costs far less than zip_open() spends on each entry of a huge directory. */
static bool too_many_entries(const unsigned char *d, size_t len)
{
	size_t count = 0;
	const unsigned char *p = d, *end = d + len;
	while ((p = memmem(p, (size_t)(end - p), "PK\1\2", 4))) {
		if (++count > ZIP_MAX_ENTRIES) return true;
		p += 4;
	}
	return false;
}

/* Entry 0 is "mimetype": the rest of the ODF packaging rule, and the
 * content a text document cannot lack. */
static bool is_odt(zip_t *za)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(za, 0, 0, &st) != 0) return false;
	const zip_uint64_t need = ZIP_STAT_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
	if ((st.valid & need) != need || st.comp_method != ZIP_CM_STORE ||
	    st.encryption_method != ZIP_EM_NONE || st.size != sizeof odt_mimetype - 1)
		return false;

	zip_file_t *f = zip_fopen_index(za, 0, 0);
	if (!f) return false;
	char got[sizeof odt_mimetype]; /* room for one byte too many */
	zip_int64_t n = zip_fread(f, got, sizeof got);
	zip_fclose(f);
	if (n != (zip_int64_t)sizeof odt_mimetype - 1 || memcmp(got, odt_mimetype, (size_t)n))
		return false;
	return zip_name_locate(za, "content.xml", ZIP_FL_ENC_RAW) >= 0;
}

static bool is_docx(zip_t *za)
{
	return zip_name_locate(za, "[Content_Types].xml", ZIP_FL_ENC_RAW) >= 0 &&
	       zip_name_locate(za, "word/document.xml", ZIP_FL_ENC_RAW) >= 0;
}

static enum file_kind sniff_zip(const unsigned char *d, size_t len)
{
	if (too_many_entries(d, len)) return FILE_UNKNOWN;

	enum file_kind kind = FILE_UNKNOWN;
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(d, len, 0, &err);
	if (!src) goto out;
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (!za) {
		zip_source_free(src);
		goto out;
	}
	zip_int64_t entries = zip_get_num_entries(za, 0);
	if (entries >= 1 && entries <= ZIP_MAX_ENTRIES) {
		/* An archive that starts with "mimetype" is an ODF package: it is
		 * a text document or nothing we take, whatever else it holds. */
		const char *first = zip_get_name(za, 0, ZIP_FL_ENC_RAW);
		if (first && !strcmp(first, "mimetype"))
			kind = is_odt(za) ? FILE_ODT : FILE_UNKNOWN;
		else if (is_docx(za))
			kind = FILE_DOCX;
	}
	zip_discard(za); /* frees src too */
out:
	zip_error_fini(&err);
	return kind;
}

enum file_kind filetype_sniff(const unsigned char *data, size_t len)
{
	if (!data || len < 4) return FILE_UNKNOWN;
	if (is_pdf(data, len)) return FILE_PDF;
	if (is_png(data, len)) return FILE_PNG;
	if (is_jpeg(data, len)) return FILE_JPEG;
	if (is_gif(data, len)) return FILE_GIF;
	if (is_webp(data, len)) return FILE_WEBP;
	if (starts(data, len, "PK\3\4", 4)) return sniff_zip(data, len);
	return FILE_UNKNOWN;
}

/* ---- download names ---- */

enum { NAME_MAX_BYTES = 100 };

/* Decodes one UTF-8 character at s (n bytes available): its code point,
 * and its length in *len; -1 (with *len 1) for a byte that does not start
 * a well-formed character. */
static int32_t utf8_next(const unsigned char *s, size_t n, size_t *len)
{
	*len = 1;
	unsigned c = s[0];
	if (c < 0x80) return (int32_t)c;
	size_t k;
	uint32_t cp, min;
	if (c >= 0xc2 && c <= 0xdf) { k = 2; cp = c & 0x1f; min = 0x80; }
	else if (c >= 0xe0 && c <= 0xef) { k = 3; cp = c & 0x0f; min = 0x800; }
	else if (c >= 0xf0 && c <= 0xf4) { k = 4; cp = c & 0x07; min = 0x10000; }
	else return -1;
	if (n < k) return -1;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80) return -1;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
	*len = k;
	return (int32_t)cp;
}

/* Letters and combining marks of the common scripts, by block, leaving out
 * the few symbols and format characters inside those blocks that matter
 * (x and division signs, Greek question mark and ano teleia, CGJ, Arabic
 * end of ayah). Punctuation that remains in a block (a danda, an Arabic
 * comma) is harmless in a name. */
static const struct { uint32_t lo, hi; } letters[] = {
	{ 0x00c0, 0x00d6 }, { 0x00d8, 0x00f6 }, { 0x00f8, 0x02af }, /* Latin */
	{ 0x0300, 0x034e }, { 0x0350, 0x036f },                     /* combining */
	{ 0x0370, 0x037d }, { 0x037f, 0x0386 }, { 0x0388, 0x03ff }, /* Greek */
	{ 0x0400, 0x052f },                                         /* Cyrillic */
	{ 0x0531, 0x0587 },                                         /* Armenian */
	{ 0x0591, 0x05f2 },                                         /* Hebrew */
	{ 0x0620, 0x06dc }, { 0x06de, 0x06ff },                     /* Arabic */
	{ 0x0900, 0x0dff },                                         /* Indic */
	{ 0x0e01, 0x0eff },                                         /* Thai, Lao */
	{ 0x10a0, 0x10ff },                                         /* Georgian */
	{ 0x1e00, 0x1fff },                     /* Latin, Greek extended */
	{ 0x3041, 0x30ff },                     /* Hiragana, Katakana */
	{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, /* CJK */
	{ 0xac00, 0xd7a3 },                     /* Hangul */
};

static bool name_letter(int32_t cp)
{
	for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
		if ((uint32_t)cp >= letters[i].lo && (uint32_t)cp <= letters[i].hi) return true;
	return false;
}

/* Characters that show nothing or reorder text (a right-to-left override
 * can make "txt.pdf" look like "fdp.txt"): dropped without a trace. */
static bool invisible(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad || cp == 0x34f ||
	       cp == 0x61c || cp == 0x6dd || cp == 0x180e ||
	       (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
	       (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe007f);
}

static bool ascii_kept(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool ends_nocase(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	if (n < k) return false;
	for (size_t i = 0; i < k; i++)
		if (lower(s[n - k + i]) != suffix[i]) return false;
	return true;
}

static void trim_end(const char *s, size_t *n)
{
	while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '.')) (*n)--;
}

/* Windows refuses these as file names, with any extension. */
static bool device_name(const char *s, size_t n)
{
	size_t stem = 0;
	while (stem < n && s[stem] != '.') stem++;
	while (stem && s[stem - 1] == ' ') stem--;
	static const char *const devices[] = { "con", "prn", "aux", "nul" };
	for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++)
		if (stem == 3 && ends_nocase(s, 3, devices[i])) return true;
	return stem == 4 && (ends_nocase(s, 3, "com") || ends_nocase(s, 3, "lpt")) &&
	       s[3] >= '1' && s[3] <= '9';
}

const char *filetype_safe_name(const char *given, enum file_kind k, struct arena *a)
{
	const char *ext = filetype_extension(k);
	size_t ext_len = strlen(ext);
	if (!given) given = "";
	for (const char *p = given; *p; p++)
		if (*p == '/' || *p == '\\') given = p + 1;

	/* Kept characters, one space for each run of separators, nothing at
	 * the start that is a space, dot or hyphen. */
	size_t in_len = strlen(given);
	char *out = arena_alloc(a, in_len + NAME_MAX_BYTES + 2);
	size_t n = 0;
	bool space = false;
	for (size_t i = 0; i < in_len;) {
		size_t len;
		int32_t cp = utf8_next((const unsigned char *)given + i, in_len - i, &len);
		const char *c = given + i;
		i += len;
		if (cp < 0 || invisible(cp)) continue;
		bool keep = cp < 0x80 ? ascii_kept(cp) : name_letter(cp);
		if (!keep) {
			space = true;
			continue;
		}
		if (n == 0 && (*c == '.' || *c == '-')) continue;
		if (space && n) out[n++] = ' ';
		space = false;
		memcpy(out + n, c, len);
		n += len;
	}
	trim_end(out, &n);

	static const char *const known_ext[] = { ".pdf", ".odt", ".docx", ".doc", ".png",
	                                         ".jpg", ".jpeg", ".gif", ".webp" };
	for (size_t i = 0; i < sizeof known_ext / sizeof known_ext[0]; i++)
		if (ends_nocase(out, n, known_ext[i])) {
			n -= strlen(known_ext[i]);
			trim_end(out, &n);
			break;
		}

	if (device_name(out, n)) {
		memmove(out + 1, out, n);
		out[0] = '_';
		n++;
	}

	size_t room = NAME_MAX_BYTES - ext_len;
	if (n > room) {
		n = room;
		while (n && ((unsigned char)out[n] & 0xc0) == 0x80) n--;
		trim_end(out, &n);
	}
	if (n == 0) {
		memcpy(out, "paper", 5);
		n = 5;
	}
	memcpy(out + n, ext, ext_len + 1);
	return out;
}
