/* Attributes written through macros, and malformed ones (skipped; -v says so). */
#include <stddef.h>

#define ATTR_DEALLOC(f, i) __attribute__((malloc(f, i)))
#define ATTR_RETURNS_POOL __attribute__((ownership_returns(pool)))

void box_free(int tag, void *p);
void *box_new(size_t n) ATTR_DEALLOC(box_free, 2);
void *pool_get(size_t n) ATTR_RETURNS_POOL;
void *odd(size_t n) __attribute__((malloc(42)));

void leaky_box(void)
{
	char *p = box_new(8);
	if (p)
		p[0] = 0;
} /* leak */

void fine_box(void)
{
	box_free(0, box_new(8));
}

void leaky_pool(void)
{
	pool_get(8); /* leak */
}

void unknown(void)
{
	odd(8);
}
