/*
 * dealloc-mismatch: a family declared with clang's ownership attributes,
 * `__attribute__((ownership_returns(MODULE)))` on the allocator and
 * `__attribute__((ownership_takes(MODULE, PTR-INDEX)))` on the deallocator
 * (PTR-INDEX 1-based), as clang's static analyzer reads them.  The module name
 * is the family: pool_alloc's memory belongs to pool_release, not to free,
 * and pool_release takes nothing from malloc.
 *
 * NOTE: GCC does not know these attributes; `gcc -Wall -Wextra` warns
 * "'ownership_returns' attribute directive ignored" (and the same for
 * ownership_takes) -- warnings, not errors.  clang accepts them silently.
 */
#include <stdlib.h>
#include <string.h>

void *pool_alloc(size_t n) __attribute__((ownership_returns(pool)));
void pool_release(void *p) __attribute__((ownership_takes(pool, 1)));

/* bad: pool memory released with free. */
void bad_free_of_pool_alloc(void)
{
    free(pool_alloc(32)); /* expect: dealloc-mismatch */
}

/* bad: the same through a variable. */
int bad_free_of_pool_block(size_t n)
{
    char *p = pool_alloc(n + 1);

    if (!p)
        return -1;
    p[n] = '\0';
    free(p); /* expect: dealloc-mismatch */
    return 0;
}

/* bad: malloc's memory handed to the pool's deallocator. */
int bad_pool_release_of_malloc(size_t n)
{
    char *p = malloc(n + 1);

    if (!p)
        return -1;
    memset(p, 0, n + 1);
    pool_release(p); /* expect: dealloc-mismatch */
    return 0;
}

/* good: the pool's own pair. */
int good_pool_pair(size_t n)
{
    char *p = pool_alloc(n + 1);

    if (!p)
        return -1;
    p[n] = '\0';
    pool_release(p);
    pool_release(pool_alloc(8));
    return 0;
}
