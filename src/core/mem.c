#include "core/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
	fprintf(stderr, "emptychair: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* Chunks are linked newest first; the first chunk is small so that an
 * arena for a tiny request costs little, later ones grow. */
struct arena_chunk {
	struct arena_chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

enum { ARENA_FIRST = 4096 - sizeof(struct arena_chunk) };

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct arena_chunk *c = a->head;
	if (!c || c->cap - c->used < n) {
		size_t cap = c ? c->cap * 2 : ARENA_FIRST;
		if (cap < n) cap = n;
		if (cap > SIZE_MAX / 2) oom(n);
		struct arena_chunk *nc = xmalloc(sizeof *nc + cap);
		nc->next = c;
		nc->used = 0;
		nc->cap = cap;
		a->head = c = nc;
	}
	void *p = c->data + c->used;
	c->used += n;
	return memset(p, 0, n);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	/* Written straight into the chunk's room when it fits (most do: one
	 * formatting, not two); else measured, and written again where it
	 * fits. What is taken is rounded as arena_alloc rounds, and must fit
	 * rounded. */
	struct arena_chunk *c = a->head;
	size_t room = c ? c->cap - c->used : 0;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(room ? (char *)c->data + c->used : NULL, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) n = 0;
	size_t taken = ((size_t)n + 1 + 15) & ~(size_t)15;
	if (taken <= room) {
		char *p = (char *)c->data + c->used;
		c->used += taken;
		return p;
	}
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
}

/* Room for extra more bytes and the NUL; false, with b unchanged, when
 * memory cannot be had. */
static bool grow(struct buf *b, size_t extra)
{
	if (b->cap - b->len > extra) return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len <= extra) {
		if (cap > SIZE_MAX / 2) return false;
		cap *= 2;
	}
	char *grown = realloc(b->data, cap);
	if (!grown) return false;
	b->data = grown;
	b->cap = cap;
	return true;
}

static void reserve(struct buf *b, size_t extra)
{
	if (!grow(b, extra)) oom(b->len + extra + 1);
}

void buf_reserve(struct buf *b, size_t extra) { reserve(b, extra); }

bool buf_try_put(struct buf *b, const void *p, size_t n)
{
	if (!grow(b, n)) return false;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
	return true;
}

void buf_put(struct buf *b, const void *p, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void buf_puts(struct buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_putc(struct buf *b, char c) { buf_put(b, &c, 1); }

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) n = 0;
	reserve(b, (size_t)n);
	if (n == 0) {
		b->data[b->len] = 0;
		return;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data) b->data[0] = 0;
}

void buf_free(struct buf *b)
{
	free(b->data);
	*b = (struct buf){0};
}
