/*
 * test_arena: bump allocation, zeroing, alignment, big blocks, strings, and
 * that one ac_arena_free returns every block to the mem counter.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "mem.h"
#include "test.h"

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i])
			return 0;
	}
	return 1;
}

static void test_small_blocks(void)
{
	AcArena a = {0};
	unsigned char *prev = NULL;
	int aligned = 1, zeroed = 1, fresh = 1;
	for (int i = 0; i < 10000; i++) { /* spans many chunks */
		size_t n = 1 + (size_t)i % 61;
		unsigned char *p = ac_arena_alloc(&a, n);
		aligned &= (uintptr_t)p % alignof(max_align_t) == 0;
		zeroed &= all_zero(p, n);
		fresh &= p != prev;
		memset(p, 0xAB, n); /* the next block must still come zeroed */
		prev = p;
	}
	ASSERT(1, aligned);
	ASSERT(1, zeroed);
	ASSERT(1, fresh);
	ac_arena_free(&a);
	ASSERT(1, a.head == NULL);
	ASSERT(0, ac_mem_live_blocks());
}

static void test_big_block_keeps_chunk(void)
{
	AcArena a = {0};
	char *small = ac_arena_alloc(&a, 16);
	size_t used = a.used;
	unsigned char *big = ac_arena_alloc(&a, 1 << 20); /* gets a chunk of its own */
	ASSERT(1, all_zero(big, 1 << 20));
	ASSERT(used, a.used);                              /* the small chunk is still current */
	char *next = ac_arena_alloc(&a, 16);
	ASSERT(1, next > small && next - small < 64);
	ac_arena_free(&a);
	ASSERT(0, ac_mem_live_blocks());
}

static void test_strings(void)
{
	AcArena a = {0};
	ASSERT_STR("hello", ac_arena_strdup(&a, "hello"));
	ASSERT_STR("hel", ac_arena_strndup(&a, "hello", 3));
	ASSERT_STR("", ac_arena_strdup(&a, ""));
	ASSERT_STR("a.c:3:14", ac_arena_printf(&a, "%s:%d:%u", "a.c", 3, 14u));
	char *long_text = ac_arena_printf(&a, "%0*d", 100000, 7); /* longer than a chunk */
	ASSERT(100000, strlen(long_text));
	ASSERT('7', long_text[99999]);
	ac_arena_free(&a);
	ASSERT(0, ac_mem_live_blocks());
	ASSERT_STR("again", ac_arena_strdup(&a, "again")); /* usable after free */
	ac_arena_free(&a);
	ASSERT(0, ac_mem_live_blocks());
}

static void test_macros(void)
{
	AcArena a = {0};
	typedef struct Pt {
		int x, y;
	} Pt;
	Pt *p = AC_ARENA_NEW(&a, Pt);
	ASSERT(0, p->x + p->y);
	long *v = AC_ARENA_ARRAY(&a, long, 1000);
	ASSERT(1, all_zero((const unsigned char *)v, 1000 * sizeof *v));
	ac_arena_free(&a);
	ASSERT(0, ac_mem_live_blocks());
}

int main(void)
{
	test_small_blocks();
	test_big_block_keeps_chunk();
	test_strings();
	test_macros();
	return test_done();
}
