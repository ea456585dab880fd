/* Unit tests for src/core/filetype.c: uploads are known by their bytes.
 * Real (small) files are built here: PDF and image headers written out by
 * hand from their specifications, ODT and DOCX packages made with libzip in
 * memory. Each accepted kind has refusals beside it: truncated headers,
 * look-alikes, wrong packaging, and names that lie. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/filetype.h"
#include "core/text.h"

#define SNIFF(lit) filetype_sniff((const unsigned char *)(lit), sizeof(lit) - 1)

/* ---- building ZIP packages in memory ---- */

struct zip_maker {
	zip_source_t *src;
	zip_t *za;
};

static void zm_begin(struct zip_maker *z)
{
	zip_error_t err;
	zip_error_init(&err);
	z->src = zip_source_buffer_create(NULL, 0, 0, &err);
	assert_non_null(z->src);
	zip_source_keep(z->src); /* the bytes are read back after zip_close */
	z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &err);
	assert_non_null(z->za);
	zip_error_fini(&err);
}

/* data must live until zm_end(); libzip reads it when the archive is written. */
static void zm_add(struct zip_maker *z, const char *name, const char *data, bool stored)
{
	zip_source_t *s = zip_source_buffer(z->za, data, strlen(data), 0);
	assert_non_null(s);
	zip_int64_t i = zip_file_add(z->za, name, s, 0);
	assert_true(i >= 0);
	assert_int_equal(zip_set_file_compression(z->za, (zip_uint64_t)i,
	                                          stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0), 0);
}

static unsigned char *zm_end(struct zip_maker *z, size_t *len)
{
	assert_int_equal(zip_close(z->za), 0);
	assert_int_equal(zip_source_open(z->src), 0);
	assert_int_equal(zip_source_seek(z->src, 0, SEEK_END), 0);
	zip_int64_t n = zip_source_tell(z->src);
	assert_true(n > 0);
	assert_int_equal(zip_source_seek(z->src, 0, SEEK_SET), 0);
	unsigned char *data = malloc((size_t)n);
	assert_non_null(data);
	assert_int_equal(zip_source_read(z->src, data, (zip_uint64_t)n), n);
	zip_source_close(z->src);
	zip_source_free(z->src);
	*len = (size_t)n;
	return data;
}

static const char odt_mime[] = "application/vnd.oasis.opendocument.text";
static const char ods_mime[] = "application/vnd.oasis.opendocument.spreadsheet";
static const char manifest[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
	"<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
	"<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
	"</manifest:manifest>\n";
static const char content[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
	"<office:body><office:text><text:p>Agenda</text:p></office:text></office:body>"
	"</office:document-content>\n";
static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"</Types>";
static const char rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"</Relationships>";
static const char document[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:body><w:p><w:r><w:t>Agenda</w:t></w:r></w:p></w:body></w:document>";

/* An ODT as LibreOffice lays it out, with the first entry's content and
 * compression chosen by the caller. */
static unsigned char *make_odt(const char *mime, bool stored, size_t *len)
{
	struct zip_maker z;
	zm_begin(&z);
	zm_add(&z, "mimetype", mime, stored);
	zm_add(&z, "content.xml", content, false);
	zm_add(&z, "META-INF/manifest.xml", manifest, false);
	return zm_end(&z, len);
}

static unsigned char *make_docx(size_t *len)
{
	struct zip_maker z;
	zm_begin(&z);
	zm_add(&z, "[Content_Types].xml", content_types, false);
	zm_add(&z, "_rels/.rels", rels, false);
	zm_add(&z, "word/document.xml", document, false);
	return zm_end(&z, len);
}

/* ---- PDF ---- */

static void pdf_by_header(void **state)
{
	(void)state;
	assert_int_equal(SNIFF("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
	                       "trailer\n<< /Root 1 0 R >>\n%%EOF\n"), FILE_PDF);
	assert_int_equal(SNIFF("%PDF-2.0\n"), FILE_PDF);
	assert_int_equal(SNIFF("%PDF-1.4"), FILE_PDF);
}

static void pdf_refusals(void **state)
{
	(void)state;
	/* an HTML page someone named agenda.pdf */
	assert_int_equal(SNIFF("<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"),
	                 FILE_UNKNOWN);
	/* a polyglot: HTML first, a PDF header later */
	assert_int_equal(SNIFF("<html><script>alert(1)</script>\n%PDF-1.7\n1 0 obj\nendobj\n"),
	                 FILE_UNKNOWN);
	assert_int_equal(SNIFF(" %PDF-1.7\n"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("\xef\xbb\xbf%PDF-1.7\n"), FILE_UNKNOWN); /* BOM first */
	assert_int_equal(SNIFF("%pdf-1.7\n"), FILE_UNKNOWN);
	/* truncated or without a version */
	assert_int_equal(SNIFF("%PDF-"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("%PDF-1."), FILE_UNKNOWN);
	assert_int_equal(SNIFF("%PDF-x.y\n"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("%PD"), FILE_UNKNOWN);
}

/* ---- images ---- */

/* The PNG signature and an IHDR chunk for a 1x1 8-bit RGBA image. */
static const char png[] = "\x89PNG\r\n\x1a\n"
                          "\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

static void images_by_magic(void **state)
{
	(void)state;
	assert_int_equal(filetype_sniff((const unsigned char *)png, sizeof png - 1), FILE_PNG);
	assert_int_equal(SNIFF("\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0"), FILE_JPEG);
	assert_int_equal(SNIFF("\xff\xd8\xff\xe1\0\x18" "Exif\0\0"), FILE_JPEG);
	assert_int_equal(SNIFF("\xff\xd8\xff\xdb\0\x43\0"), FILE_JPEG);
	assert_int_equal(SNIFF("GIF89a\x01\0\x01\0\x80\0\0"), FILE_GIF);
	assert_int_equal(SNIFF("GIF87a\x01\0\x01\0\0\0\0,"), FILE_GIF);
	assert_int_equal(SNIFF("RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\0\0\0\x10\x07\x10\x11\x11\x88\x88\xfe\x07\0"),
	                 FILE_WEBP);
	assert_int_equal(SNIFF("RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0"), FILE_WEBP);
	assert_int_equal(SNIFF("RIFF\x24\0\0\0WEBPVP8X\x0a\0\0\0"), FILE_WEBP);
}

static void image_refusals(void **state)
{
	(void)state;
	/* PNG cut short anywhere in the signature or IHDR */
	for (size_t n = 0; n < 24; n++)
		assert_int_equal(filetype_sniff((const unsigned char *)png, n), FILE_UNKNOWN);
	/* zero width, or a first chunk that is not IHDR */
	assert_int_equal(SNIFF("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\0\0\0\0\x01\x08\x06\0\0\0"),
	                 FILE_UNKNOWN);
	assert_int_equal(SNIFF("\x89PNG\r\n\x1a\n\0\0\0\x0diCCP\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0"),
	                 FILE_UNKNOWN);
	/* a PNG signature with its line endings converted by a text transfer */
	assert_int_equal(SNIFF("\x89PNG\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0"),
	                 FILE_UNKNOWN);
	assert_int_equal(SNIFF("\xff\xd8\xff"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("\xff\xd8\xff\x00\x10"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("\xff\xd8\xfe\xe0\x00\x10"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("GIF89a"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("GIF89a\x01\0\x01\0\x80\0"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("GIF88a\x01\0\x01\0\x80\0\0"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("RIFF\x24\0\0\0WEBP"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("RIFF\x24\0\0\0WEBPVP9 \x18\0\0\0"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("RIFF\x24\0\0\0WAVEfmt \x10\0\0\0"), FILE_UNKNOWN); /* audio */
	/* SVG can carry script: never an image here */
	assert_int_equal(SNIFF("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
	                 FILE_UNKNOWN);
}

static void empty_and_tiny_input(void **state)
{
	(void)state;
	assert_int_equal(filetype_sniff(NULL, 0), FILE_UNKNOWN);
	assert_int_equal(filetype_sniff((const unsigned char *)"", 0), FILE_UNKNOWN);
	assert_int_equal(SNIFF("%"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("PK"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("PK\3\4"), FILE_UNKNOWN);
	assert_int_equal(SNIFF("PK\5\6\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"), FILE_UNKNOWN); /* empty zip */
}

/* ---- ODT ---- */

static void odt_accepted(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = make_odt(odt_mime, true, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_ODT);
	free(d);
}

static void odt_packaging_refusals(void **state)
{
	(void)state;
	size_t len;
	/* the mimetype entry compressed: make sure libzip really did compress
	 * it, or this test would prove nothing */
	unsigned char *d = make_odt(odt_mime, false, &len);
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(d, len, 0, &err);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &err);
	assert_non_null(za);
	zip_stat_t st;
	assert_int_equal(zip_stat_index(za, 0, 0, &st), 0);
	assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
	zip_discard(za);
	zip_error_fini(&err);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);

	/* wrong, nearly right and other ODF types */
	const char *wrong[] = { ods_mime, "application/vnd.oasis.opendocument.text\n",
	                        "application/vnd.oasis.opendocument.tex",
	                        "application/vnd.oasis.opendocument.text-template",
	                        "application/pdf", "" };
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		d = make_odt(wrong[i], true, &len);
		assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
		free(d);
	}

	/* mimetype right but not first */
	struct zip_maker z;
	zm_begin(&z);
	zm_add(&z, "content.xml", content, false);
	zm_add(&z, "mimetype", odt_mime, true);
	d = zm_end(&z, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);

	/* no content.xml */
	zm_begin(&z);
	zm_add(&z, "mimetype", odt_mime, true);
	zm_add(&z, "META-INF/manifest.xml", manifest, false);
	d = zm_end(&z, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);

	/* an ODF spreadsheet that also holds Word's parts is still not a DOCX */
	zm_begin(&z);
	zm_add(&z, "mimetype", ods_mime, true);
	zm_add(&z, "content.xml", content, false);
	zm_add(&z, "[Content_Types].xml", content_types, false);
	zm_add(&z, "word/document.xml", document, false);
	d = zm_end(&z, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);
}

static void zip_damage_refusals(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = make_odt(odt_mime, true, &len);
	/* Cut short: the central directory is at the end. */
	assert_int_equal(filetype_sniff(d, len - 1), FILE_UNKNOWN);
	assert_int_equal(filetype_sniff(d, len / 2), FILE_UNKNOWN);
	/* The first local header's name (offset 30 in the ZIP format) no
	 * longer matches the central directory's "mimetype": the kind of
	 * disagreement that makes two readers see two different files. */
	assert_memory_equal(d + 30, "mimetype", 8);
	d[37] = 'f';
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);
}

/* ---- DOCX ---- */

static void docx_accepted(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = make_docx(&len);
	assert_int_equal(filetype_sniff(d, len), FILE_DOCX);
	free(d);
}

static void docx_refusals(void **state)
{
	(void)state;
	size_t len;
	struct zip_maker z;
	unsigned char *d;

	/* no word/document.xml: an .xlsx, say */
	zm_begin(&z);
	zm_add(&z, "[Content_Types].xml", content_types, false);
	zm_add(&z, "_rels/.rels", rels, false);
	zm_add(&z, "xl/workbook.xml", "<workbook/>", false);
	d = zm_end(&z, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);

	/* no [Content_Types].xml */
	zm_begin(&z);
	zm_add(&z, "word/document.xml", document, false);
	d = zm_end(&z, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);

	/* names differing in case, or in a folder */
	zm_begin(&z);
	zm_add(&z, "[content_types].xml", content_types, false);
	zm_add(&z, "Word/Document.xml", document, false);
	d = zm_end(&z, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);
	zm_begin(&z);
	zm_add(&z, "x/[Content_Types].xml", content_types, false);
	zm_add(&z, "x/word/document.xml", document, false);
	d = zm_end(&z, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);

	/* an ordinary ZIP that is neither */
	zm_begin(&z);
	zm_add(&z, "readme.txt", "hello", false);
	zm_add(&z, "index.html", "<script>alert(1)</script>", true);
	d = zm_end(&z, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);
}

/* A DOCX with `total` entries: the two it needs and empty ones. */
static unsigned char *make_big_docx(int total, size_t *len)
{
	struct zip_maker z;
	zm_begin(&z);
	zm_add(&z, "[Content_Types].xml", content_types, false);
	zm_add(&z, "word/document.xml", document, false);
	for (int i = 2; i < total; i++) {
		char name[32];
		snprintf(name, sizeof name, "word/media/e%05d", i);
		zm_add(&z, name, "", true);
	}
	return zm_end(&z, len);
}

static void zip_entry_limit(void **state)
{
	(void)state;
	size_t len;
	unsigned char *d = make_big_docx(10000, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_DOCX);
	free(d);
	d = make_big_docx(10001, &len);
	assert_int_equal(filetype_sniff(d, len), FILE_UNKNOWN);
	free(d);
}

/* ---- names and labels ---- */

static void kinds_describe_themselves(void **state)
{
	(void)state;
	static const struct {
		enum file_kind k;
		const char *type, *ext, *label;
		bool image;
	} t[] = {
		{ FILE_UNKNOWN, "application/octet-stream", "", "Unknown file", false },
		{ FILE_PDF, "application/pdf", ".pdf", "PDF document", false },
		{ FILE_ODT, "application/vnd.oasis.opendocument.text", ".odt", "OpenDocument text", false },
		{ FILE_DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		  ".docx", "Word document", false },
		{ FILE_PNG, "image/png", ".png", "PNG image", true },
		{ FILE_JPEG, "image/jpeg", ".jpg", "JPEG image", true },
		{ FILE_GIF, "image/gif", ".gif", "GIF image", true },
		{ FILE_WEBP, "image/webp", ".webp", "WebP image", true },
		{ (enum file_kind)99, "application/octet-stream", "", "Unknown file", false },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		assert_string_equal(filetype_media_type(t[i].k), t[i].type);
		assert_string_equal(filetype_extension(t[i].k), t[i].ext);
		assert_string_equal(filetype_label(t[i].k), t[i].label);
		assert_int_equal(filetype_is_image(t[i].k), t[i].image);
		/* The stored key is the extension without its dot, and reads back. */
		const char *key = filetype_key(t[i].k);
		assert_string_equal(key, *t[i].ext ? t[i].ext + 1 : "");
		enum file_kind back = FILE_UNKNOWN;
		assert_int_equal(filetype_parse(key, &back), *t[i].ext != 0);
		if (*t[i].ext) assert_int_equal(back, t[i].k);
	}
	enum file_kind k;
	assert_false(filetype_parse("exe", &k));
	assert_false(filetype_parse(NULL, &k));
	assert_false(filetype_parse(".pdf", &k));
}

static void safe_names(void **state)
{
	(void)state;
	static const struct {
		const char *given;
		enum file_kind k;
		const char *want;
	} t[] = {
		{ "minutes.pdf", FILE_PDF, "minutes.pdf" },
		{ "Minutes (draft), 3 May.PDF", FILE_PDF, "Minutes draft 3 May.pdf" },
		{ "report.docx", FILE_PDF, "report.pdf" },       /* the bytes decide */
		{ "photo.JPEG", FILE_JPEG, "photo.jpg" },
		{ "notes.html", FILE_PDF, "notes.html.pdf" },
		{ "Report v1.2", FILE_ODT, "Report v1.2.odt" },
		{ "C:\\Users\\me\\Desktop\\agenda.odt", FILE_ODT, "agenda.odt" },
		{ "../../etc/passwd", FILE_PDF, "passwd.pdf" },
		{ "folder/", FILE_PDF, "paper.pdf" },
		{ "", FILE_PNG, "paper.png" },
		{ NULL, FILE_GIF, "paper.gif" },
		{ "...", FILE_PDF, "paper.pdf" },
		{ "\"<>|*?:;", FILE_PDF, "paper.pdf" },
		{ ".pdf", FILE_PDF, "pdf.pdf" },
		{ ".hidden.pdf", FILE_PDF, "hidden.pdf" },
		{ "-rf.pdf", FILE_PDF, "rf.pdf" },
		{ "  spaced   out  .pdf", FILE_PDF, "spaced out.pdf" },
		{ "trailing dots....pdf", FILE_PDF, "trailing dots.pdf" },
		{ "a\tb\nc\r.pdf", FILE_PDF, "abc.pdf" },
		{ "it's \"quoted\"; x=y.pdf", FILE_PDF, "it s quoted x y.pdf" },
		{ "Ünïcødé naïve café.docx", FILE_DOCX, "Ünïcødé naïve café.docx" },
		{ "Cafe\xcc\x81.pdf", FILE_PDF, "Cafe\xcc\x81.pdf" }, /* decomposed é */
		{ "Протокол заседания.pdf", FILE_PDF, "Протокол заседания.pdf" },
		{ "会议记录.pdf", FILE_PDF, "会议记录.pdf" },
		{ "Ελληνικά; όχι.pdf", FILE_PDF, "Ελληνικά όχι.pdf" },
		{ "פרוטוקול.pdf", FILE_PDF, "פרוטוקול.pdf" },
		{ "party 🎉.pdf", FILE_PDF, "party.pdf" },
		{ "3×4 ÷ 2.pdf", FILE_PDF, "3 4 2.pdf" },
		/* a right-to-left override would show "invoice" + "fdp.exe" as
		 * "invoiceexe.pdf" */
		{ "invoice\xe2\x80\xae" "fdp.exe", FILE_PDF, "invoicefdp.exe.pdf" },
		{ "zero\xe2\x80\x8bwidth.pdf", FILE_PDF, "zerowidth.pdf" },
		{ "\xef\xbb\xbf" "bom.pdf", FILE_PDF, "bom.pdf" },
		{ "a\xff" "b.pdf", FILE_PDF, "ab.pdf" },            /* invalid UTF-8 */
		{ "a\xc0\xaf" "b.pdf", FILE_PDF, "ab.pdf" },        /* overlong '/' */
		{ "a\xed\xa0\x80" "b.pdf", FILE_PDF, "ab.pdf" },    /* surrogate */
		{ "a\xc2\x85" "b.pdf", FILE_PDF, "ab.pdf" },        /* C1 next line */
		{ "CON.pdf", FILE_PDF, "_CON.pdf" },
		{ "com1.docx", FILE_DOCX, "_com1.docx" },
		{ "nul", FILE_PNG, "_nul.png" },
		{ "aux.tar.gz", FILE_PDF, "_aux.tar.gz.pdf" },
		{ "console.pdf", FILE_PDF, "console.pdf" },
		{ "com10.pdf", FILE_PDF, "com10.pdf" },
		{ "data.bin", FILE_UNKNOWN, "data.bin" },
		{ "", FILE_UNKNOWN, "paper" },
	};
	struct arena a = {0};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *got = filetype_safe_name(t[i].given, t[i].k, &a);
		if (strcmp(got, t[i].want)) fail_msg("\"%s\" gave \"%s\", not \"%s\"",
		                                     t[i].given ? t[i].given : "(null)", got, t[i].want);
	}
	arena_free(&a);
}

static void safe_names_are_capped(void **state)
{
	(void)state;
	struct arena a = {0};
	char given[512];

	memset(given, 'a', 200);
	given[200] = 0;
	const char *got = filetype_safe_name(given, FILE_PDF, &a);
	assert_int_equal(strlen(got), 100);
	assert_string_equal(got + 96, ".pdf");

	/* two-byte letters: never cut in half, whatever the room left */
	given[0] = 0;
	for (int i = 0; i < 100; i++) strcat(given, "é");
	const enum file_kind kinds[] = { FILE_PDF, FILE_DOCX, FILE_WEBP, FILE_UNKNOWN };
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		got = filetype_safe_name(given, kinds[k], &a);
		size_t n = strlen(got);
		assert_true(n <= 100 && n >= 99);
		assert_true(utf8_valid(got, n));
		const char *ext = filetype_extension(kinds[k]);
		assert_string_equal(got + n - strlen(ext), ext);
	}

	/* a space at the cut is not left before the extension */
	memset(given, 'b', 95);
	strcpy(given + 95, " cdefgh");
	assert_string_equal(filetype_safe_name(given, FILE_PDF, &a) + 95, ".pdf");

	/* every ASCII byte: only the allowed ones survive */
	for (int c = 1; c < 128; c++) given[c - 1] = (char)c;
	given[127] = 0;
	got = filetype_safe_name(given, FILE_PDF, &a);
	for (const char *p = got; *p; p++)
		assert_non_null(strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.", *p));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pdf_by_header),
		cmocka_unit_test(pdf_refusals),
		cmocka_unit_test(images_by_magic),
		cmocka_unit_test(image_refusals),
		cmocka_unit_test(empty_and_tiny_input),
		cmocka_unit_test(odt_accepted),
		cmocka_unit_test(odt_packaging_refusals),
		cmocka_unit_test(zip_damage_refusals),
		cmocka_unit_test(docx_accepted),
		cmocka_unit_test(docx_refusals),
		cmocka_unit_test(zip_entry_limit),
		cmocka_unit_test(kinds_describe_themselves),
		cmocka_unit_test(safe_names),
		cmocka_unit_test(safe_names_are_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
