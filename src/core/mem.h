#ifndef EC_CORE_MEM_H
#define EC_CORE_MEM_H
/* Memory: one out-of-memory policy and a per-request arena.
 *
 * OOM policy: allocation failure is not recoverable in this program; the
 * x* functions print a line and abort(). Nothing else calls malloc directly
 * for long-lived data.
 *
 * An arena hands out memory that lives until arena_free(); it is how a
 * request's strings, parsed fields and temporary values are owned, so a
 * handler never frees anything itself. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};

void *arena_alloc(struct arena *a, size_t n);         /* zeroed, 16-aligned */
char *arena_strdup(struct arena *a, const char *s);   /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
void arena_free(struct arena *a);                    /* a may be reused */

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char *data;
	size_t len, cap;
};

/* Room for extra more bytes (and the NUL) without growing again. */
void buf_reserve(struct buf *b, size_t extra);
void buf_put(struct buf *b, const void *p, size_t n);
/* The one exception to the OOM policy, for bytes a client sends (request
 * bodies): false, with b unchanged, when memory cannot be had, so that the
 * server answers 503 and lives on. */
bool buf_try_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
#endif
