/* Every user-facing string is marked for translation: the server runs with
 * a test catalogue made from the sources (xgettext over po/POTFILES), in
 * which every translation is its English wrapped in ⟪ ⟫ (msgfilter); a
 * string left unmarked shows bare. Every page a visitor, a co-creator and
 * a steward can reach by a link is checked whole (a crawl of the demo
 * data), and every form sent empty, where it answers with its errors; so
 * are the human-read attributes (aria-label, title, alt, placeholder).
 * What people wrote is theirs: set apart in <bdi>, or in an element with
 * dir="auto", and left out. The checker is seen to find bare text.
 *
 * Needs the gettext tools (scripts/deps.sh) and EMPTYCHAIR_SOURCE_ROOT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crawl.h"
#include "harness.h"

extern char **environ;

static struct server srv;
static char catalogue[128];
static const char OPEN[] = "\xe2\x9f\xaa", CLOSE[] = "\xe2\x9f\xab"; /* ⟪ ⟫ */

/* Runs script with sh; true when it exits 0. */
static bool sh(const char *script)
{
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = { "/bin/sh", "-ec", (char *)script, NULL };
		execve(argv[0], argv, environ);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int setup(void **state)
{
	const char *root = getenv("EMPTYCHAIR_SOURCE_ROOT");
	if (!root) {
		fprintf(stderr, "test: EMPTYCHAIR_SOURCE_ROOT names the source tree\n");
		return -1;
	}
	snprintf(catalogue, sizeof catalogue, "/tmp/ec-marked-XXXXXX");
	if (!mkdtemp(catalogue)) return -1;
	/* English is en_GB's catalogue: here, the marked one. */
	char script[2048];
	snprintf(script, sizeof script,
	         "cd '%s'; d='%s'; mkdir -p \"$d/en_GB/LC_MESSAGES\";"
	         "xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=C_:1c,2"
	         " -f po/POTFILES -o \"$d/all.pot\";"
	         "sed -i 's/charset=CHARSET/charset=UTF-8/' \"$d/all.pot\";"
	         "msgen \"$d/all.pot\" -o \"$d/en.po\";"
	         "msgfilter -i \"$d/en.po\" -o \"$d/marked.po\" sed -e '1s/^/%s/' -e '$s/$/%s/';"
	         "msgfmt -o \"$d/en_GB/LC_MESSAGES/emptychair.mo\" \"$d/marked.po\"",
	         root, catalogue, OPEN, CLOSE);
	if (!sh(script)) {
		fprintf(stderr, "test: the marked catalogue could not be made\n");
		return -1;
	}
	const char *const flags[] = { "--locale-dir", catalogue, NULL };
	return server_start_with(&srv, flags) ? 0 : -1;
}

static int teardown(void **state)
{
	char script[256];
	snprintf(script, sizeof script, "rm -rf '%s'", catalogue);
	sh(script);
	return server_stop(&srv) == 0 ? 0 : -1;
}

static bool marked_whole(const char *v, size_t n)
{
	size_t o = strlen(OPEN), c = strlen(CLOSE);
	return n >= o + c && !strncmp(v, OPEN, o) && !strncmp(v + n - c, CLOSE, c);
}

/* The value of a human-read attribute (aria-label, title, alt,
 * placeholder) of the tag tag..end that is not marked, malloc'd; NULL
 * when there is none. */
static char *bare_attribute(const char *tag, const char *end)
{
	static const char *const read[] = { " aria-label=\"", " title=\"", " alt=\"",
	                                    " placeholder=\"" };
	for (size_t i = 0; i < sizeof read / sizeof read[0]; i++) {
		const char *a = tag;
		while ((a = strstr(a, read[i])) && a < end) {
			const char *v = a + strlen(read[i]);
			const char *q = strchr(v, '"');
			if (!q || q > end) break;
			if (q > v && !marked_whole(v, (size_t)(q - v))) {
				char *out = malloc((size_t)(q - v) + 1);
				memcpy(out, v, (size_t)(q - v));
				out[q - v] = 0;
				return out;
			}
			a = q;
		}
	}
	return NULL;
}

/* Where the element that starts with the tag tag..end ends (after its end
 * tag), when the tag says dir="auto" (what people wrote); else NULL. */
static const char *people_block_end(const char *tag, const char *end, const char *to)
{
	const char *d = strstr(tag, " dir=\"auto\"");
	if (!d || d > end || end[-1] == '/') return NULL;
	char name[16];
	size_t n = strcspn(tag + 1, " >/");
	if (n >= sizeof name) return NULL;
	memcpy(name, tag + 1, n);
	name[n] = 0;
	if (!strcmp(name, "input")) return NULL;
	char open[20], close[20];
	snprintf(open, sizeof open, "<%s", name);
	snprintf(close, sizeof close, "</%s>", name);
	int depth = 1;
	for (const char *p = end + 1; p < to;) {
		const char *c = strstr(p, close), *o = p;
		if (!c || c >= to) return NULL;
		/* The next tag of the same name that opens before c, if any. */
		while ((o = strstr(o, open)) && o < c && o[n + 1] != ' ' && o[n + 1] != '>') o++;
		if (o && o < c) {
			depth++;
			p = o + n + 1;
			continue;
		}
		if (--depth == 0) return c + strlen(close);
		p = c + strlen(close);
	}
	return NULL;
}

/* The first text in html[from..to) that is not inside ⟪ ⟫ (nor only
 * spaces, digits and punctuation, nor a language's own name, nor the
 * brand, nor what people wrote, set apart in <bdi>); NULL when there is
 * none. Tags are skipped; text is what a person reads. */
static char *bare_text(const char *from, const char *to)
{
	static const char *const fine[] = { "emptychair", "English", "Cymraeg", "Polski",
	                                    "Română", "العربية", "اردو" };
	const char *p = from;
	/* Marks nest (a role's name inside "Your role: %s.") and span markup
	 * (a name in <bdi>, or a link, inside a marked sentence). */
	int depth = 0;
	while (p < to) {
		/* What people wrote (names, contributions) is theirs, not ours to
		 * translate: the pages set it apart in <bdi>. */
		/* A key or a link shown as code is not words. */
		if (!strncmp(p, "<code>", 6)) {
			const char *end = strstr(p, "</code>");
			if (!end || end > to) break;
			p = end + 7;
			continue;
		}
		if (!strncmp(p, "<bdi>", 5)) {
			const char *end = strstr(p, "</bdi>");
			if (!end || end > to) break;
			p = end + 6;
			continue;
		}
		if (*p == '<') {
			const char *end = memchr(p, '>', (size_t)(to - p));
			if (!end) break;
			char *said = bare_attribute(p, end);
			if (said) return said;
			/* A block of what people wrote (a contribution, a paper's
			 * words) carries dir="auto": skipped whole, to its end tag. */
			const char *skip = p[1] != '/' ? people_block_end(p, end, to) : NULL;
			p = skip ? skip : end + 1;
			continue;
		}
		const char *end = p;
		while (end < to && *end != '<') end++;
		/* The text run p..end, less what is marked. */
		char *run = malloc((size_t)(end - p) + 1), *o = run;
		for (const char *q = p; q < end;) {
			if (!strncmp(q, OPEN, strlen(OPEN))) depth++, q += strlen(OPEN);
			else if (!strncmp(q, CLOSE, strlen(CLOSE))) depth--, q += strlen(CLOSE);
			else if (depth > 0) q++;
			else *o++ = *q++;
		}
		*o = 0;
		bool words = false;
		for (const char *q = run; *q && !words; q++)
			words = (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
			        (unsigned char)*q >= 0x80;
		for (size_t i = 0; words && i < sizeof fine / sizeof fine[0]; i++) {
			char *t = run;
			while (*t == ' ' || *t == '\n') t++;
			if (!strncmp(t, fine[i], strlen(fine[i])) &&
			    !t[strspn(t + strlen(fine[i]), " \n") + strlen(fine[i])])
				words = false;
		}
		if (words) return run;
		free(run);
		p = end;
	}
	return NULL;
}

/* Whether r's page has no bare text (its header and footer, and with
 * whole its <main> too); what is bare is said on stderr. */
static bool check_marked(const char *what, const struct response *r, bool whole)
{
	const char *main = strstr(r->body, "<main");
	const char *main_end = strstr(r->body, "</main>");
	const char *body = strstr(r->body, "<body>");
	assert_non_null(main);
	assert_non_null(main_end);
	assert_non_null(body);
	char *bare = bare_text(body, whole ? main_end : main);
	if (!bare) bare = bare_text(main_end, r->body + r->len);
	if (bare) fprintf(stderr, "%s: \"%s\" is not marked for translation\n", what, bare);
	free(bare);
	return !bare;
}

/* A crawl (crawl.h), each page checked whole; then every form found,
 * sent empty, whose answer is a page of errors (400), checked whole too.
 * Actions that would end the session or lose data are not sent. */
static void check_page(const char *path, const struct response *r, void *ctx)
{
	int *bare = ctx;
	char *type = header_value(r, "Content-Type");
	bool html = type && !strncmp(type, "text/html", 9) && strstr(r->body, "<main");
	free(type);
	if (html) *bare += !check_marked(path, r, true);
}

static void crawl_from(struct client *who, const char *const *start, int least_pages,
                       int least_errors)
{
	struct crawl *c = calloc(1, sizeof *c);
	int bare = 0;
	crawl_run(c, who, start, check_page, &bare);
	static const char *const never_sent[] = { "sign-out", "delete", "revoke", "remove", "/paid",
	                                          "publish", "/agenda", "decision", "attendance",
	                                          "step-out", "support", "/read", "sign-in-link",
	                                          "/reply", "/calendar", "/bank/panels" };
	int errors = 0;
	for (int i = 0; i < c->n_forms; i++) {
		bool send = true;
		for (size_t k = 0; k < sizeof never_sent / sizeof never_sent[0]; k++)
			send = send && !strstr(c->forms[i], never_sent[k]);
		char *shape = crawl_shape(c->forms[i]);
		bool first = true;
		for (int k = 0; k < i; k++) {
			char *other = crawl_shape(c->forms[k]);
			first = first && strcmp(other, shape);
			free(other);
		}
		free(shape);
		if (send && first) {
			client_refresh_csrf(who);
			struct response *r = post_form(who, c->forms[i], "");
			if (r->status == 400 && strstr(r->body, "<main")) {
				errors++;
				char what[600];
				snprintf(what, sizeof what, "POST %s (empty)", c->forms[i]);
				bare += !check_marked(what, r, true);
			}
			response_free(r);
		}
	}
	/* The crawl saw the site: many pages and forms, and pages of errors. */
	fprintf(stderr, "crawl as %s: %d pages, %d forms, %d pages of errors\n", who->email, c->pages,
	        c->n_forms, errors);
	if (bare) fail_msg("%d pages with bare text (above)", bare);
	assert_true(c->pages >= least_pages);
	assert_true(errors >= least_errors);
	crawl_free(c);
}

static const char *const signed_in_start[] = { "/panels", "/notices", "/my-pay", "/profile",
                                               "/account", "/my-data", "/my-contributions",
                                               NULL };

static void every_page_a_steward_sees_is_marked(void **state)
{
	(void)state;
	struct client *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	crawl_from(sam, signed_in_start, 40, 15);
	client_free(sam);
}

static void every_page_a_co_creator_sees_is_marked(void **state)
{
	(void)state;
	struct client *amira = client_new(&srv);
	assert_true(client_sign_in(amira, "amira@demo.emptychair.org", NULL));
	crawl_from(amira, signed_in_start, 25, 8);
	client_free(amira);
}

static void every_page_a_visitor_sees_is_marked(void **state)
{
	(void)state;
	struct client *anon = client_new(&srv);
	static const char *const start[] = { "/sign-in", "/about", "/forgot-password",
	                                     "/accept-invitation?token=x", "/reset-password?token=x",
	                                     "/no-such-page", NULL };
	crawl_from(anon, start, 6, 1);
	client_free(anon);
}

/* The checker finds what is bare, in text and in the attributes people
 * hear, and leaves alone what people wrote; and the server is seen to
 * speak the marked catalogue. */
static void the_checker_sees_what_is_bare(void **state)
{
	(void)state;
	struct { const char *html, *bare; } cases[] = {
		{ "<main><p>Hello</p></main>", "Hello" },
		{ "<main><p>\xe2\x9f\xaaHello\xe2\x9f\xab</p></main>", NULL },
		{ "<main><p>\xe2\x9f\xaa" "By %s\xe2\x9f\xab</p> and</main>", " and" },
		{ "<main><a aria-label=\"Close\" href=\"/\">\xe2\x9f\xaaX\xe2\x9f\xab</a></main>", "Close" },
		{ "<main><img alt=\"\xe2\x9f\xaa" "A chart\xe2\x9f\xab\" src=\"/x\"></main>", NULL },
		{ "<main><p><bdi>Asha</bdi></p></main>", NULL },
		{ "<main><p>\xe2\x9f\xaa" "Given to: <bdi>Asha</bdi>, <a href=\"/\">here</a>."
		  "\xe2\x9f\xab</p></main>", NULL },
		{ "<main><div dir=\"auto\"><div>Our <div>idea</div></div> here</div></main>", NULL },
		{ "<main><div dir=\"auto\"><div>idea</div></div><p>Tail</p></main>", "Tail" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *h = cases[i].html;
		char *bare = bare_text(h, h + strlen(h));
		if (!cases[i].bare != !bare || (bare && strcmp(bare, cases[i].bare)))
			fail_msg("%s: found \"%s\", want \"%s\"", h, bare ? bare : "(nothing)",
			         cases[i].bare ? cases[i].bare : "(nothing)");
		free(bare);
	}
	struct client *anon = client_new(&srv);
	struct response *r = get(anon, "/sign-in");
	assert_true(contains(r, OPEN)); /* the catalogue is in use */
	response_free(r);
	client_free(anon);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_page_a_visitor_sees_is_marked),
		cmocka_unit_test(every_page_a_co_creator_sees_is_marked),
		cmocka_unit_test(every_page_a_steward_sees_is_marked),
		cmocka_unit_test(the_checker_sees_what_is_bare),
	};
	return cmocka_run_group_tests_name("strings marked for translation", tests, setup, teardown);
}
