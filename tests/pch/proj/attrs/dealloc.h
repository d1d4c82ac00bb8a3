/* GCC 11's malloc(deallocator) attribute, which clang rejects with an
 * error that alloccheck reads (and a PCH would hide): these files are
 * parsed whole. */
#ifndef DEALLOC_H
#define DEALLOC_H
#include <stddef.h>
void pool_put(void *p);
__attribute__((malloc, malloc(pool_put, 1))) void *pool_get(size_t n);
#endif
