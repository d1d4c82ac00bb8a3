/*
 * test_mem: the allocation funnel counts every live block, whatever the
 * entry point, so the exit check in main.c means something.
 */
#include <string.h>

#include "mem.h"
#include "test.h"

int main(void)
{
	ASSERT(0, ac_mem_live_blocks());
	void *a = ac_malloc(10);
	void *z1 = ac_malloc(0);
	void *z2 = ac_malloc(0);
	ASSERT(1, z1 != NULL && z2 != NULL && z1 != z2); /* size 0: unique blocks */
	ASSERT(3, ac_mem_live_blocks());

	unsigned char *c = ac_calloc(100, 4);
	int zero = 1;
	for (int i = 0; i < 400; i++)
		zero &= c[i] == 0;
	ASSERT(1, zero);
	ASSERT(4, ac_mem_live_blocks());

	char *r = ac_realloc(NULL, 8); /* acts as malloc: one more block */
	ASSERT(5, ac_mem_live_blocks());
	memcpy(r, "abcdefg", 8);
	r = ac_realloc(r, 1 << 16); /* moves: still one block */
	ASSERT(5, ac_mem_live_blocks());
	ASSERT_STR("abcdefg", r);

	char *s = ac_strdup("alloccheck");
	ASSERT_STR("alloccheck", s);
	ASSERT(6, ac_mem_live_blocks());

	ac_free(NULL); /* not counted */
	ASSERT(6, ac_mem_live_blocks());
	ac_free(a);
	ac_free(z1);
	ac_free(z2);
	ac_free(c);
	ac_free(r);
	ac_free(s);
	ASSERT(0, ac_mem_live_blocks());
	return test_done();
}
