/* read_cache.h: a hash table of immutable, reference-counted result sets
 * under one mutex. The lock is held only to find, insert or unlink an
 * entry; rows are read without it, through the reader's reference. */
#include "store/read_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { BUCKETS = 1024 }; /* a power of two */
#define NULL_CELL UINT32_MAX

struct cell {
	int64_t i;
	uint32_t off; /* into text; NULL_CELL for SQL NULL */
};

struct read_cache_rows {
	atomic_uint refs;                /* the table's own reference counts as one */
	struct read_cache_rows *next;    /* in its bucket (under the lock) */
	uint64_t hash, gen;
	int64_t made_ms;
	size_t bytes;                    /* the whole allocation */
	size_t nrows, key_len;
	int ncols;
	struct cell *cells;              /* nrows * ncols */
	char *text;
	unsigned char key[];
};

struct read_cache {
	pthread_mutex_t lock;
	atomic_uint_fast64_t generation;
	atomic_uint commits_under_way;
	int64_t ttl_ms;
	size_t max_bytes, max_entry, bytes, entries;
	uint64_t hits, misses, kept, evictions;
	struct read_cache_rows *bucket[BUCKETS];
};

struct read_cache_fill {
	struct read_cache *cache;
	int ncols;
	bool abandoned;
	size_t ncells, cap_cells, text_len, text_cap;
	struct cell *cells;
	char *text;
};

int64_t read_cache_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct read_cache *read_cache_new(int64_t ttl_ms, size_t max_bytes)
{
	struct read_cache *c = calloc(1, sizeof *c);
	if (!c) return NULL;
	pthread_mutex_init(&c->lock, NULL);
	atomic_init(&c->generation, 0);
	atomic_init(&c->commits_under_way, 0);
	c->ttl_ms = ttl_ms;
	c->max_bytes = max_bytes;
	/* One big result (a long list) must not push out everything else. */
	c->max_entry = max_bytes / 8;
	return c;
}

static void unref(const struct read_cache_rows *r)
{
	struct read_cache_rows *e = (struct read_cache_rows *)r;
	if (atomic_fetch_sub_explicit(&e->refs, 1, memory_order_acq_rel) == 1) free(e);
}

void read_cache_release(const struct read_cache_rows *rows)
{
	if (rows) unref(rows);
}

/* Unlinks *link's entry (under the lock). */
static void unlink_entry(struct read_cache *c, struct read_cache_rows **link)
{
	struct read_cache_rows *e = *link;
	*link = e->next;
	c->bytes -= e->bytes;
	c->entries--;
	c->evictions++;
	unref(e);
}

void read_cache_free(struct read_cache *c)
{
	if (!c) return;
	for (int b = 0; b < BUCKETS; b++)
		while (c->bucket[b]) unlink_entry(c, &c->bucket[b]);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

uint64_t read_cache_generation(struct read_cache *c)
{
	return atomic_load(&c->generation);
}

void read_cache_commit_begin(struct read_cache *c)
{
	atomic_fetch_add(&c->commits_under_way, 1);
	atomic_fetch_add(&c->generation, 1);
}

void read_cache_commit_end(struct read_cache *c)
{
	atomic_fetch_add(&c->generation, 1);
	atomic_fetch_sub(&c->commits_under_way, 1);
}

/* A hash of the key for the table (keys are compared in full): eight bytes
 * a step, each mixed by a multiply, since a byte-at-a-time hash of a
 * session's 64-hex-digit token was a measurable part of a cached page. */
static uint64_t hash_of(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = len * 0x9E3779B97F4A7C15ULL, w;
	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, p, len);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
	return h ^ (h >> 29);
}

/* An entry no snapshot from now on may be served: made before a commit
 * since counted, or too old. */
static bool dead(const struct read_cache *c, const struct read_cache_rows *e, uint64_t gen_now,
                 int64_t now_ms)
{
	return e->gen != gen_now || now_ms - e->made_ms >= c->ttl_ms;
}

const struct read_cache_rows *read_cache_get(struct read_cache *c, const void *key,
                                             size_t key_len, uint64_t gen, int64_t now_ms)
{
	uint64_t h = hash_of(key, key_len);
	const struct read_cache_rows *found = NULL;
	pthread_mutex_lock(&c->lock);
	for (struct read_cache_rows **link = &c->bucket[h & (BUCKETS - 1)]; *link;
	     link = &(*link)->next) {
		struct read_cache_rows *e = *link;
		if (e->hash != h || e->key_len != key_len || memcmp(e->key, key, key_len)) continue;
		if (e->gen == gen && now_ms - e->made_ms < c->ttl_ms) {
			atomic_fetch_add_explicit(&e->refs, 1, memory_order_relaxed);
			found = e;
		} else if (dead(c, e, read_cache_generation(c), now_ms)) {
			unlink_entry(c, link);
		}
		break;
	}
	if (found) c->hits++;
	else c->misses++;
	pthread_mutex_unlock(&c->lock);
	return found;
}

size_t read_cache_row_count(const struct read_cache_rows *rows) { return rows->nrows; }
int read_cache_col_count(const struct read_cache_rows *rows) { return rows->ncols; }

static const struct cell *cell_at(const struct read_cache_rows *rows, size_t row, int col)
{
	return &rows->cells[row * (size_t)rows->ncols + (size_t)col];
}

int64_t read_cache_i64(const struct read_cache_rows *rows, size_t row, int col)
{
	return cell_at(rows, row, col)->i;
}

const char *read_cache_text(const struct read_cache_rows *rows, size_t row, int col)
{
	const struct cell *x = cell_at(rows, row, col);
	return x->off == NULL_CELL ? NULL : rows->text + x->off;
}

bool read_cache_is_null(const struct read_cache_rows *rows, size_t row, int col)
{
	return cell_at(rows, row, col)->off == NULL_CELL;
}

/* ---- filling ---- */

struct read_cache_fill *read_cache_fill_new(struct read_cache *c)
{
	struct read_cache_fill *f = calloc(1, sizeof *f);
	if (f) f->cache = c;
	return f;
}

static size_t fill_bytes(const struct read_cache_fill *f)
{
	return sizeof(struct read_cache_rows) + f->ncells * sizeof(struct cell) + f->text_len;
}

static void abandon(struct read_cache_fill *f)
{
	f->abandoned = true;
	free(f->cells);
	free(f->text);
	f->cells = NULL;
	f->text = NULL;
}

/* Grows *p (of *cap elements of size) to hold want; false when out of memory. */
static bool grow(void **p, size_t *cap, size_t want, size_t size)
{
	if (want <= *cap) return true;
	size_t n = *cap ? *cap * 2 : 16;
	while (n < want) n *= 2;
	void *q = realloc(*p, n * size);
	if (!q) return false;
	*p = q;
	*cap = n;
	return true;
}

void read_cache_fill_row(struct read_cache_fill *f, int ncols)
{
	if (!f || f->abandoned) return;
	/* Every row of a result has the same columns, and the last row must
	 * have been complete. */
	if (ncols <= 0 || (f->ncols && ncols != f->ncols) ||
	    (f->ncols && f->ncells % (size_t)f->ncols)) {
		abandon(f);
		return;
	}
	f->ncols = ncols;
}

void read_cache_fill_cell(struct read_cache_fill *f, bool is_null, int64_t i, const char *text)
{
	if (!f || f->abandoned) return;
	if (!f->ncols) { /* a cell before any row */
		abandon(f);
		return;
	}
	size_t tlen = is_null ? 0 : strlen(text ? text : "") + 1;
	if (fill_bytes(f) + sizeof(struct cell) + tlen > f->cache->max_entry ||
	    !grow((void **)&f->cells, &f->cap_cells, f->ncells + 1, sizeof *f->cells) ||
	    !grow((void **)&f->text, &f->text_cap, f->text_len + tlen, 1)) {
		abandon(f);
		return;
	}
	struct cell *x = &f->cells[f->ncells++];
	x->i = i;
	if (is_null) {
		x->off = NULL_CELL;
	} else {
		x->off = (uint32_t)f->text_len;
		memcpy(f->text + f->text_len, text ? text : "", tlen);
		f->text_len += tlen;
	}
}

bool read_cache_fill_abandoned(const struct read_cache_fill *f) { return f->abandoned; }

void read_cache_fill_drop(struct read_cache_fill *f)
{
	if (!f) return;
	free(f->cells);
	free(f->text);
	free(f);
}

/* Makes room for need more bytes (under the lock): first by dropping dead
 * entries, then, if that is not enough, everything. */
static void make_room(struct read_cache *c, size_t need, uint64_t gen_now, int64_t now_ms)
{
	if (c->bytes + need <= c->max_bytes) return;
	for (int b = 0; b < BUCKETS; b++)
		for (struct read_cache_rows **link = &c->bucket[b]; *link;)
			if (dead(c, *link, gen_now, now_ms)) unlink_entry(c, link);
			else link = &(*link)->next;
	if (c->bytes + need <= c->max_bytes) return;
	for (int b = 0; b < BUCKETS; b++)
		while (c->bucket[b]) unlink_entry(c, &c->bucket[b]);
}

void read_cache_fill_keep(struct read_cache_fill *f, const void *key, size_t key_len,
                          uint64_t gen, int64_t made_ms)
{
	if (!f) return;
	struct read_cache *c = f->cache;
	size_t bytes = fill_bytes(f) + key_len;
	/* A commit begun since the snapshot did (the generation moved), or under
	 * way all along (one that began before it has not ended): the rows may
	 * be older than what the next reader must see, or half of each. */
	if (f->abandoned || (f->ncols && f->ncells % (size_t)f->ncols) || bytes > c->max_entry ||
	    gen != read_cache_generation(c) || atomic_load(&c->commits_under_way)) {
		read_cache_fill_drop(f);
		return;
	}
	struct read_cache_rows *e = malloc(sizeof *e + key_len + f->ncells * sizeof(struct cell) +
	                                   f->text_len + _Alignof(struct cell));
	if (!e) {
		read_cache_fill_drop(f);
		return;
	}
	atomic_init(&e->refs, 1);
	e->next = NULL;
	e->hash = hash_of(key, key_len);
	e->gen = gen;
	e->made_ms = made_ms;
	e->bytes = bytes;
	e->nrows = f->ncols ? f->ncells / (size_t)f->ncols : 0; /* ncols 0: no rows came */
	e->ncols = f->ncols;
	e->key_len = key_len;
	memcpy(e->key, key, key_len);
	uintptr_t at = (uintptr_t)(e->key + key_len);
	at = (at + _Alignof(struct cell) - 1) & ~(uintptr_t)(_Alignof(struct cell) - 1);
	e->cells = (struct cell *)at;
	if (f->ncells) memcpy(e->cells, f->cells, f->ncells * sizeof(struct cell));
	e->text = (char *)(e->cells + f->ncells);
	if (f->text_len) memcpy(e->text, f->text, f->text_len);
	read_cache_fill_drop(f);

	int64_t now_ms = read_cache_now_ms();
	pthread_mutex_lock(&c->lock);
	struct read_cache_rows **link = &c->bucket[e->hash & (BUCKETS - 1)];
	for (struct read_cache_rows **l = link; *l; l = &(*l)->next)
		if ((*l)->hash == e->hash && (*l)->key_len == key_len &&
		    !memcmp((*l)->key, key, key_len)) {
			unlink_entry(c, l); /* the newer snapshot's rows replace it */
			break;
		}
	make_room(c, e->bytes, read_cache_generation(c), now_ms);
	e->next = *link;
	*link = e;
	c->bytes += e->bytes;
	c->entries++;
	c->kept++;
	pthread_mutex_unlock(&c->lock);
}

void read_cache_stats(struct read_cache *c, struct read_cache_stats *out)
{
	pthread_mutex_lock(&c->lock);
	*out = (struct read_cache_stats){ .hits = c->hits, .misses = c->misses, .kept = c->kept,
	                                  .evictions = c->evictions, .entries = c->entries,
	                                  .bytes = c->bytes };
	pthread_mutex_unlock(&c->lock);
}
