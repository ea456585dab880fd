/* A crawl of the pages one person can reach (crawl.h). */
#include "crawl.h"

#include <stdlib.h>
#include <string.h>

static bool in_list(char *const *list, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(list[i], s)) return true;
	return false;
}

char *crawl_shape(const char *path)
{
	char *out = malloc(strlen(path) + 1), *o = out;
	for (const char *p = path; *p;) {
		if (*p >= '0' && *p <= '9') {
			*o++ = '#';
			while (*p >= '0' && *p <= '9') p++;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	return out;
}

/* Whether a second page of this shape may still be visited. */
static bool shape_admits(struct crawl *c, const char *path)
{
	char *shape = crawl_shape(path);
	int times = 0;
	for (int i = 0; i < c->n_shapes; i++) times += !strcmp(c->shapes[i], shape);
	if (times >= 2 || c->n_shapes == CRAWL_MAX) {
		free(shape);
		return false;
	}
	c->shapes[c->n_shapes++] = shape;
	return true;
}

static bool worth_a_visit(const char *path)
{
	static const char *const never[] = { "/sign-out", "/language", ".csv", ".ics", "/file",
	                                     "/receipt", "/download", "/static/", "/calendar/",
	                                     "/statement", "/api/" };
	if (path[0] != '/' || path[1] == '/') return false;
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		if (strstr(path, never[i])) return false;
	return true;
}

/* The values of attribute name="..." (href, action) in body, with &amp;
 * read back; each new one worth a visit is added to list. */
static void collect(const char *body, const char *attr, char **list, int *n)
{
	for (const char *p = body; (p = strstr(p, attr));) {
		p += strlen(attr);
		const char *q = strchr(p, '"');
		if (!q) break;
		char *v = malloc((size_t)(q - p) + 1), *o = v;
		for (const char *r = p; r < q;) {
			if (!strncmp(r, "&amp;", 5)) *o++ = '&', r += 5;
			else *o++ = *r++;
		}
		*o = 0;
		char *hash = strchr(v, '#');
		if (hash) *hash = 0;
		if (*v && worth_a_visit(v) && !in_list(list, *n, v) && *n < CRAWL_MAX) list[(*n)++] = v;
		else free(v);
		p = q;
	}
}

void crawl_run(struct crawl *c, struct client *who, const char *const *start,
               void (*visit)(const char *path, const struct response *r, void *ctx), void *ctx)
{
	char *queue[CRAWL_MAX];
	int head = 0, tail = 0;
	for (const char *const *s = start; *s && tail < CRAWL_MAX; s++) queue[tail++] = strdup(*s);
	while (head < tail) {
		char *path = queue[head++];
		if (in_list(c->seen, c->n_seen, path) || !shape_admits(c, path)) {
			free(path);
			continue;
		}
		c->seen[c->n_seen++] = path;
		struct response *r = get(who, path);
		char *type = header_value(r, "Content-Type");
		bool html = type && !strncmp(type, "text/html", 9) && strstr(r->body, "<main");
		free(type);
		if (html) c->pages++;
		if (visit) visit(path, r, ctx);
		if (html && r->status == 200) {
			char *links[CRAWL_MAX];
			int n = 0;
			collect(r->body, "href=\"", links, &n);
			for (int i = 0; i < n; i++) {
				if (tail < CRAWL_MAX && !in_list(c->seen, c->n_seen, links[i])) queue[tail++] = links[i];
				else free(links[i]);
			}
			collect(r->body, "<form method=\"post\" action=\"", c->forms, &c->n_forms);
		}
		response_free(r);
	}
	while (head < tail) free(queue[head++]);
}

void crawl_free(struct crawl *c)
{
	for (int i = 0; i < c->n_seen; i++) free(c->seen[i]);
	for (int i = 0; i < c->n_shapes; i++) free(c->shapes[i]);
	for (int i = 0; i < c->n_forms; i++) free(c->forms[i]);
	free(c);
}
