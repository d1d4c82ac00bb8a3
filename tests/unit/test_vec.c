/*
 * test_vec: AC_VEC growth keeps the elements, grows geometrically, and
 * AC_VEC_FREE releases the buffer and resets the vector; an AcText stays
 * NUL-terminated as text is put into it.
 */
#include "mem.h"
#include "test.h"
#include "vec.h"

typedef struct Pair {
	int a;
	const char *b;
} Pair;

static void test_push(void)
{
	AC_VEC(int) v = {0};
	ASSERT(0, v.n);
	for (int i = 0; i < 1000; i++)
		AC_VEC_PUSH(&v, i * 3);
	ASSERT(1000, v.n);
	ASSERT(1024, v.cap); /* 8, 16, ... 1024 */
	int sum_ok = 1;
	for (int i = 0; i < 1000; i++)
		sum_ok &= v.v[i] == i * 3;
	ASSERT(1, sum_ok);
	ASSERT(1, ac_mem_live_blocks());
	AC_VEC_FREE(&v);
	ASSERT(0, v.n);
	ASSERT(0, v.cap);
	ASSERT(1, v.v == NULL);
	ASSERT(0, ac_mem_live_blocks());
}

static void test_grow(void)
{
	AC_VEC(Pair) v = {0};
	AC_VEC_GROW(&v, 100);
	ASSERT(128, v.cap);
	ASSERT(0, v.n);
	AC_VEC_GROW(&v, 10); /* never shrinks */
	ASSERT(128, v.cap);
	AC_VEC_PUSH(&v, ((Pair){7, "seven"}));
	ASSERT(7, v.v[0].a);
	ASSERT_STR("seven", v.v[0].b);
	AC_VEC_FREE(&v);
	AC_VEC_FREE(&v); /* freeing an empty vector is fine */
	ASSERT(0, ac_mem_live_blocks());
}

static void test_text(void)
{
	AcText t = {0};
	ac_text_put(&t, "");
	ASSERT(0, t.n);
	ASSERT_STR("", t.v);
	ac_text_put(&t, "ab");
	ac_text_put_n(&t, "cdef", 2);
	ASSERT(4, t.n);
	ASSERT_STR("abcd", t.v);
	for (int i = 0; i < 100; i++)
		ac_text_put(&t, "xyz");
	ASSERT(304, t.n);
	ASSERT('\0', t.v[t.n]);
	ASSERT('z', t.v[t.n - 1]);
	AC_VEC_FREE(&t);
	ASSERT(0, ac_mem_live_blocks());
}

int main(void)
{
	test_push();
	test_grow();
	test_text();
	return test_done();
}
