/* Unit tests for src/core/mem.c: the arena (zeroed, 16-aligned memory that
 * lives until arena_free) and the growable, NUL-terminated buffer. Run
 * under AddressSanitizer these also catch overlap and overrun. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"

static void arena_alignment_and_zeroing(void **state)
{
	(void)state;
	struct arena a = {0};
	const size_t sizes[] = { 1, 3, 15, 16, 17, 31, 100, 4000, 5000, 1 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *p = arena_alloc(&a, sizes[i]);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (size_t k = 0; k < sizes[i]; k++) assert_int_equal(p[k], 0);
		memset(p, 0xa5, sizes[i]);
	}
	arena_free(&a);
	assert_null(a.head);
}

static void arena_memory_is_zeroed_on_reuse(void **state)
{
	(void)state;
	/* dirty memory handed back to malloc and handed out again must still
	 * come out of the arena zeroed */
	struct arena a = {0};
	for (int round = 0; round < 3; round++) {
		unsigned char *p = arena_alloc(&a, 2000);
		for (size_t k = 0; k < 2000; k++) assert_int_equal(p[k], 0);
		memset(p, 0xff, 2000);
		unsigned char *q = arena_alloc(&a, 1000);
		for (size_t k = 0; k < 1000; k++) assert_int_equal(q[k], 0);
		memset(q, 0xee, 1000);
		arena_free(&a);
	}
}

static void arena_allocations_do_not_overlap(void **state)
{
	(void)state;
	struct arena a = {0};
	enum { N = 2000 };
	uint32_t **ptrs = malloc(N * sizeof *ptrs);
	for (uint32_t i = 0; i < N; i++) {
		/* sizes vary, so that some spill into new chunks */
		size_t words = 1 + i % 37;
		ptrs[i] = arena_alloc(&a, words * sizeof(uint32_t));
		for (size_t k = 0; k < words; k++) ptrs[i][k] = i;
	}
	for (uint32_t i = 0; i < N; i++) {
		size_t words = 1 + i % 37;
		for (size_t k = 0; k < words; k++) assert_int_equal(ptrs[i][k], i);
	}
	free(ptrs);
	arena_free(&a);
}

static void arena_large_allocations(void **state)
{
	(void)state;
	struct arena a = {0};
	char *small = arena_strdup(&a, "before");
	size_t big = 3u << 20; /* 3 MiB, far beyond any chunk so far */
	unsigned char *p = arena_alloc(&a, big);
	assert_int_equal((uintptr_t)p % 16, 0);
	assert_int_equal(p[0], 0);
	assert_int_equal(p[big / 2], 0);
	assert_int_equal(p[big - 1], 0);
	memset(p, 0x5a, big);
	char *after = arena_strdup(&a, "after");
	assert_string_equal(small, "before");
	assert_string_equal(after, "after");
	assert_int_equal(p[big - 1], 0x5a);
	/* several large ones in a row */
	for (int i = 0; i < 4; i++) {
		unsigned char *q = arena_alloc(&a, big + (size_t)i);
		q[big + (size_t)i - 1] = 1;
	}
	arena_free(&a);
}

static void arena_strings(void **state)
{
	(void)state;
	struct arena a = {0};
	assert_null(arena_strdup(&a, NULL));
	const char *src = "hello world";
	char *d = arena_strdup(&a, src);
	assert_string_equal(d, src);
	assert_ptr_not_equal(d, src);
	assert_string_equal(arena_strndup(&a, src, 5), "hello");
	assert_string_equal(arena_strndup(&a, src, 0), "");
	assert_string_equal(arena_strdup(&a, ""), "");
	/* strndup copies exactly n bytes, NUL included or not */
	char *bin = arena_strndup(&a, "a\0b", 3);
	assert_memory_equal(bin, "a\0b", 4);
	arena_free(&a);
}

static void arena_printf_formats(void **state)
{
	(void)state;
	struct arena a = {0};
	assert_string_equal(arena_printf(&a, "%d-%s-%05.1f", 42, "x", 3.14159), "42-x-003.1");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	/* longer than the first chunk */
	char *big = arena_printf(&a, "[%6000s]", "r");
	assert_int_equal(strlen(big), 6002);
	assert_int_equal(big[0], '[');
	assert_int_equal(big[6000], 'r');
	assert_int_equal(big[6001], ']');
	assert_int_equal(big[1], ' ');
	/* Filling a chunk to its last bytes, strings of every length: each
	 * whole, none written over another (nor past the chunk: ASan). */
	char *kept[300];
	for (int i = 0; i < 300; i++) kept[i] = arena_printf(&a, "%0*d", i % 40, i);
	for (int i = 0; i < 300; i++) {
		char want[64];
		snprintf(want, sizeof want, "%0*d", i % 40, i);
		assert_string_equal(kept[i], want);
	}
	arena_free(&a);
}

static void arena_reuse_after_free(void **state)
{
	(void)state;
	struct arena a = {0};
	arena_strdup(&a, "one");
	arena_free(&a);
	arena_free(&a); /* freeing an empty arena is harmless */
	assert_string_equal(arena_strdup(&a, "two"), "two");
	arena_free(&a);
}

/* ---- buf ---- */

static void buf_grows_and_stays_terminated(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_puts(&b, "abc");
	assert_int_equal(b.len, 3);
	assert_string_equal(b.data, "abc");
	for (int i = 0; i < 10000; i++) buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 10003);
	assert_true(b.cap > b.len);
	assert_int_equal(b.data[b.len], 0);
	assert_int_equal(strlen(b.data), b.len);
	for (int i = 0; i < 10000; i++) assert_int_equal(b.data[3 + i], 'a' + i % 26);
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void buf_put_binary(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_put(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	buf_put(&b, "", 0);
	assert_int_equal(b.len, 3);
	/* exactly filling a capacity still leaves room for the NUL */
	buf_reset(&b);
	char chunk[512];
	memset(chunk, 'q', sizeof chunk);
	for (int i = 0; i < 8; i++) {
		buf_put(&b, chunk, sizeof chunk);
		assert_int_equal(b.len, (size_t)(i + 1) * sizeof chunk);
		assert_int_equal(b.data[b.len], 0);
	}
	buf_free(&b);
}

static void buf_printf_appends(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_printf(&b, "%d", 1);
	buf_printf(&b, "+%s=", "one");
	buf_printf(&b, "%lld", (long long)INT64_MAX);
	assert_string_equal(b.data, "1+one=9223372036854775807");
	assert_int_equal(b.len, strlen(b.data));
	buf_printf(&b, "%s", "");
	assert_int_equal(b.len, strlen("1+one=9223372036854775807"));
	buf_printf(&b, "%3000d|", 7);
	assert_int_equal(b.len, 25 + 3001);
	assert_int_equal(b.data[b.len - 2], '7');
	assert_int_equal(b.data[b.len - 1], '|');
	assert_int_equal(b.data[b.len], 0);
	buf_free(&b);
}

static void buf_reset_keeps_memory(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_reset(&b); /* on an empty buffer: nothing to do */
	assert_int_equal(b.len, 0);
	buf_puts(&b, "some text");
	size_t cap = b.cap;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_int_equal(b.cap, cap);
	buf_puts(&b, "new");
	assert_string_equal(b.data, "new");
	buf_free(&b);
}

static void buf_reserve_makes_room_once(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_puts(&b, "head");
	buf_reserve(&b, 4095);
	assert_true(b.cap - b.len > 4095); /* room for 4095 more and the NUL */
	assert_string_equal(b.data, "head"); /* what was there stays */
	const char *data = b.data;
	size_t cap = b.cap;
	char chunk[64];
	memset(chunk, 'x', sizeof chunk);
	for (int i = 0; i < 4095 / 64; i++) buf_put(&b, chunk, sizeof chunk);
	assert_ptr_equal(b.data, data); /* no growth while within the room */
	assert_int_equal(b.cap, cap);
	assert_int_equal(b.len, 4 + (4095 / 64) * 64);
	assert_int_equal(b.data[b.len], 0);
	buf_reserve(&b, 0); /* already room: nothing moves */
	assert_ptr_equal(b.data, data);
	buf_free(&b);
}

static void x_functions(void **state)
{
	(void)state;
	char *s = xstrdup("copy me");
	assert_string_equal(s, "copy me");
	s = xrealloc(s, 100);
	assert_string_equal(s, "copy me");
	free(s);
	int *z = xcalloc(64, sizeof *z);
	for (int i = 0; i < 64; i++) assert_int_equal(z[i], 0);
	free(z);
	void *m = xmalloc(0); /* a zero-size request still gives a pointer */
	assert_non_null(m);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_alignment_and_zeroing),
		cmocka_unit_test(arena_memory_is_zeroed_on_reuse),
		cmocka_unit_test(arena_allocations_do_not_overlap),
		cmocka_unit_test(arena_large_allocations),
		cmocka_unit_test(arena_strings),
		cmocka_unit_test(arena_printf_formats),
		cmocka_unit_test(arena_reuse_after_free),
		cmocka_unit_test(buf_grows_and_stays_terminated),
		cmocka_unit_test(buf_put_binary),
		cmocka_unit_test(buf_printf_appends),
		cmocka_unit_test(buf_reset_keeps_memory),
		cmocka_unit_test(buf_reserve_makes_room_once),
		cmocka_unit_test(x_functions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
