/*
 * test_intern: one copy per name, comparison by pointer, substrings, growth
 * of the table, and who owns what (strings: the arena; slots: the table).
 */
#include <stdio.h>

#include "arena.h"
#include "intern.h"
#include "mem.h"
#include "test.h"

static void test_identity(void)
{
	AcArena a = {0};
	AcIntern t;
	ac_intern_init(&t, &a);
	char buf[] = "malloc";
	const char *m = ac_intern(&t, "malloc");
	ASSERT(1, m == ac_intern(&t, buf)); /* same text, same pointer */
	ASSERT(1, m != buf);                /* a copy, not the caller's buffer */
	ASSERT(1, m != ac_intern(&t, "free"));
	ASSERT(1, m == ac_intern_n(&t, "malloc_usable_size", 6));
	ASSERT(1, ac_intern(&t, "") == ac_intern_n(&t, "x", 0));
	ASSERT(0, ac_intern(&t, NULL) != NULL);
	ASSERT(3, t.count); /* malloc, free, "" */
	ac_intern_free(&t);
	ac_arena_free(&a);
	ASSERT(0, ac_mem_live_blocks());
}

static void test_growth(void)
{
	AcArena a = {0};
	AcIntern t;
	ac_intern_init(&t, &a);
	const char *first[2000];
	char name[32];
	for (int i = 0; i < 2000; i++) {
		snprintf(name, sizeof name, "name_%d", i);
		first[i] = ac_intern(&t, name);
	}
	ASSERT(2000, t.count);
	ASSERT(1, t.cap >= 4000); /* grown, at most half full */
	int same = 1;
	for (int i = 0; i < 2000; i++) {
		snprintf(name, sizeof name, "name_%d", i);
		same &= first[i] == ac_intern(&t, name);
	}
	ASSERT(1, same); /* still canonical after rehashing */
	ASSERT(2000, t.count);
	ac_intern_free(&t);
	ac_arena_free(&a);
	ASSERT(0, ac_mem_live_blocks());
}

int main(void)
{
	test_identity();
	test_growth();
	return test_done();
}
