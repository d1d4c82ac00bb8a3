/* clang's ownership attributes: pool_get allocates in module "pool",
 * pool_put releases its first argument, pool_keep holds on to its second. */
#include <stddef.h>

void *pool_get(size_t n) __attribute__((ownership_returns(pool)));
void pool_put(void *p) __attribute__((ownership_takes(pool, 1)));
void pool_keep(int tag, void *p) __attribute__((ownership_holds(pool, 2)));

int leaky(size_t n)
{
	char *p = pool_get(n);
	if (!p)
		return -1;
	if (n > 64)
		return -1; /* leak */
	pool_put(p);
	return 0;
}

void kept(void)
{
	pool_keep(1, pool_get(8));
}

void fine(void)
{
	pool_put(pool_get(8));
}
