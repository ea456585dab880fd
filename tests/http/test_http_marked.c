/* Every user-facing string is marked for translation: the server runs with
 * a test catalogue made from the sources (xgettext over po/POTFILES), in
 * which every translation is its English wrapped in ⟪ ⟫ (msgfilter); a
 * string left unmarked shows bare. The regions of the page that are
 * translated so far are checked whole (docs/translating.md, "What is
 * translated so far"): the header and the footer on every page, and the
 * whole of the sign-in, "about" and "My panels" pages; the checker is
 * seen to find a bare string (the notices page's, not yet marked).
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
	         "xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2"
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

/* The first text in html[from..to) that is not inside ⟪ ⟫ (nor only
 * spaces, digits and punctuation, nor a language's own name, nor the
 * brand, nor what people wrote, set apart in <bdi>); NULL when there is
 * none. Tags are skipped; text is what a person reads. */
static char *bare_text(const char *from, const char *to)
{
	static const char *const fine[] = { "emptychair", "English", "Cymraeg", "Polski",
	                                    "Română", "العربية", "اردو" };
	const char *p = from;
	while (p < to) {
		/* What people wrote (names, contributions) is theirs, not ours to
		 * translate: the pages set it apart in <bdi>. */
		if (!strncmp(p, "<bdi>", 5)) {
			const char *end = strstr(p, "</bdi>");
			if (!end || end > to) break;
			p = end + 6;
			continue;
		}
		if (*p == '<') {
			const char *end = memchr(p, '>', (size_t)(to - p));
			if (!end) break;
			p = end + 1;
			continue;
		}
		const char *end = p;
		while (end < to && *end != '<') end++;
		/* The text run p..end, less what is marked (marks nest: a role's
		 * name inside "Your role: %s."). */
		char *run = malloc((size_t)(end - p) + 1), *o = run;
		int depth = 0;
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

/* The header and the footer of path, as who sees it, are all marked, and
 * with whole, its <main> too. */
static void assert_marked(struct client *who, const char *path, bool whole)
{
	struct response *r = get(who, path);
	assert_int_equal(r->status, 200);
	const char *main = strstr(r->body, "<main");
	const char *main_end = strstr(r->body, "</main>");
	const char *body = strstr(r->body, "<body>");
	assert_non_null(main);
	assert_non_null(main_end);
	assert_non_null(body);
	char *bare = bare_text(body, whole ? main_end : main);
	if (!bare) bare = bare_text(main_end, r->body + r->len);
	if (bare) fail_msg("%s: \"%s\" is not marked for translation", path, bare);
	response_free(r);
}

static void the_page_frame_is_marked(void **state)
{
	(void)state;
	struct client *anon = client_new(&srv), *sam = client_new(&srv);
	assert_true(client_sign_in(sam, "sam@demo.emptychair.org", NULL));
	assert_marked(anon, "/sign-in", true);
	assert_marked(anon, "/about", true);
	assert_marked(sam, "/panels", true);
	assert_marked(sam, "/panels/1", false);
	assert_marked(sam, "/account", false);
	client_free(anon);
	client_free(sam);
}

/* The checker finds a string that is not marked: the notices page's are
 * not yet. */
static void the_checker_sees_what_is_bare(void **state)
{
	(void)state;
	struct client *anon = client_new(&srv);
	assert_true(client_sign_in(anon, "amira@demo.emptychair.org", NULL));
	struct response *r = get(anon, "/notices");
	assert_true(contains(r, OPEN)); /* the catalogue is in use */
	const char *main = strstr(r->body, "<main");
	char *bare = bare_text(main, strstr(r->body, "</main>"));
	assert_non_null(bare);
	free(bare);
	response_free(r);
	client_free(anon);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_page_frame_is_marked),
		cmocka_unit_test(the_checker_sees_what_is_bare),
	};
	return cmocka_run_group_tests_name("strings marked for translation", tests, setup, teardown);
}
