/* A Redis-like allocator alloccheck does not know by itself: with
 * --allocators redis.json, zmalloc is an allocator that never returns NULL
 * and zfree its deallocator, so the early return leaks p (line 13). */
#include <stddef.h>

void *zmalloc(size_t size);
void zfree(void *ptr);

int fill(size_t n)
{
	char *p = zmalloc(n + 1);
	p[0] = '\0';
	if (n > 64)
		return -1;
	zfree(p);
	return 0;
}
