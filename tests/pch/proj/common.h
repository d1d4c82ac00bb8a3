/* The header every file of this project starts with: what a precompiled
 * header must carry as a plain parse does (declarations with attributes,
 * allocator families, macros around calls, static inline functions, a
 * function pointer initialised to an allocator, locations in a header). */
#ifndef COMMON_H
#define COMMON_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sub/extra.h"

#define XMALLOC(n) malloc(n)
#define XFREE(p) do { free(p); (p) = NULL; } while (0)
#define CHECK(p) if (!(p)) return -1

void buf_release(void *p);
__attribute__((malloc)) void *buf_take(size_t n);
__attribute__((noreturn)) void die(const char *msg);
__attribute__((returns_nonnull)) char *name_of(int id);

static void *(*alloc_hook)(size_t) = malloc;

static inline char *dup_or_die(const char *s)
{
	char *p = strdup(s);
	if (!p)
		die("out of memory");
	return p;
}

static inline void *leaky_inline(size_t n)
{
	void *p = malloc(n);
	void *q = malloc(n);
	free(q);
	return p ? p : NULL;
}

#if USE_WIDE
typedef long width_t;
#else
typedef int width_t;
#endif

#endif
