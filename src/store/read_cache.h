#ifndef EC_STORE_READ_CACHE_H
#define EC_STORE_READ_CACHE_H
/* A server process's cache of query results, shared by its worker threads'
 * connections (db.c uses it; nothing outside src/store/ sees the entries).
 *
 * An entry is the complete set of rows one read-only statement gave for one
 * set of bound values, made inside a read snapshot. It is served again, to
 * any connection attached to the same cache, only while both hold:
 * - no commit of this process has begun or ended since the snapshot that
 *   made it began, and none was under way then (db.c brackets every commit
 *   with read_cache_commit_begin and _end, which it calls before the call
 *   that committed returns); and
 * - it is younger than the cache's time to live, counted from that same
 *   moment. This bounds how long a change made by ANOTHER process (the
 *   command line, or another server on a shared PostgreSQL database) can
 *   go unseen; this process's own changes are seen at once.
 * The rows are exactly what the driver gave (each column's integer and text
 * forms, and whether it was NULL), so a reader cannot tell a hit from a
 * miss by the values. Entries are immutable and reference-counted; readers
 * never hold the cache's lock while they read rows. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct read_cache;
struct read_cache_rows;

/* ttl_ms > 0; max_bytes bounds the entries' total size (keys, rows, text).
 * NULL when out of memory. */
struct read_cache *read_cache_new(int64_t ttl_ms, size_t max_bytes);
/* Frees the cache; every connection using it must be closed first. */
void read_cache_free(struct read_cache *c);

/* Milliseconds on a monotonic clock: the time base of ttl and of made_ms. */
int64_t read_cache_now_ms(void);
/* Changes to the count of commits; a snapshot takes it when it begins. */
uint64_t read_cache_generation(struct read_cache *c);
/* Around anything that may change what a reader sees (a commit): begin
 * before it can become visible, end after it is done. Each moves the
 * generation on. Rows read while a commit was under way are not kept, so
 * that no entry mixes states, and no reader who has seen a commit is then
 * served rows from before it. */
void read_cache_commit_begin(struct read_cache *c);
void read_cache_commit_end(struct read_cache *c);

/* The rows cached under key for a snapshot that began at generation gen
 * and time now_ms, with a reference the caller must release; NULL when
 * there is none that may be served. */
const struct read_cache_rows *read_cache_get(struct read_cache *c, const void *key,
                                             size_t key_len, uint64_t gen, int64_t now_ms);
void read_cache_release(const struct read_cache_rows *rows);

size_t read_cache_row_count(const struct read_cache_rows *rows);
int read_cache_col_count(const struct read_cache_rows *rows);
/* col must be below read_cache_col_count and row below read_cache_row_count.
 * The text is NUL-terminated, NULL for SQL NULL, and lives as long as the
 * caller's reference. */
int64_t read_cache_i64(const struct read_cache_rows *rows, size_t row, int col);
const char *read_cache_text(const struct read_cache_rows *rows, size_t row, int col);
bool read_cache_is_null(const struct read_cache_rows *rows, size_t row, int col);

/* Recording a statement's rows as it runs. A fill is abandoned (and costs
 * nothing more) once it outgrows the largest entry the cache keeps. */
struct read_cache_fill;
/* NULL when out of memory (the statement then runs uncached). */
struct read_cache_fill *read_cache_fill_new(struct read_cache *c);
/* Starts a row of ncols cells, then read_cache_fill_cell adds each in turn.
 * text NULL with is_null false is taken as "". */
void read_cache_fill_row(struct read_cache_fill *f, int ncols);
void read_cache_fill_cell(struct read_cache_fill *f, bool is_null, int64_t i,
                          const char *text);
/* The statement ended with every row read: keeps the rows under key for a
 * snapshot that began at gen and made_ms (unless the fill was abandoned),
 * and frees f. */
void read_cache_fill_keep(struct read_cache_fill *f, const void *key, size_t key_len,
                          uint64_t gen, int64_t made_ms);
/* Whether f has outgrown what the cache keeps (or ran out of memory). */
bool read_cache_fill_abandoned(const struct read_cache_fill *f);
/* The statement ended early or failed: frees f, nothing kept. */
void read_cache_fill_drop(struct read_cache_fill *f);

/* Counters, for tests and the benchmark. */
struct read_cache_stats {
	uint64_t hits, misses, kept, evictions;
	size_t entries, bytes;
};
void read_cache_stats(struct read_cache *c, struct read_cache_stats *out);
#endif
