/* The header every file of this project starts with: what a precompiled
 * header must carry as a plain parse does (declarations with attributes,
 * allocator families, macros around calls, static inline functions, a
 * function pointer initialised to an allocator, locations in a header,
 * an inline function its files call). */
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

/* What a file parsed with the PCH visits none of (only its own
 * declarations), so it must learn it otherwise: a constant that decides a
 * branch, ownership attributes, a plain malloc on a function one file of
 * the group defines (there its body says more), function addresses in a
 * static table. */
static const int HEADER_TRACE = 0;
__attribute__((ownership_returns(pool))) void *pool_new(size_t n);
__attribute__((ownership_takes(pool, 1))) void pool_drop(void *p);
__attribute__((malloc)) void *made_here(size_t n);
struct hooks {
	void *(*alloc)(size_t);
	void (*release)(void *);
};
static const struct hooks header_hooks = {malloc, free};
static int header_level;
static int *const header_level_ptr = &header_level; /* "&header_level" */

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

/* An inline reader of the block it is given: a file parsed with the PCH
 * finds its body from its callers (lower_shared.c), as a plain parse does,
 * so the block stays the caller's. */
static inline size_t used_of(char *p)
{
	return p[0] ? strlen(p) : 0;
}

#if USE_WIDE
typedef long width_t;
#else
typedef int width_t;
#endif

#endif
