/*
 * mem: the only file that calls malloc/realloc/free (see mem.h). The block
 * counter is atomic because translation units may later run on threads.
 */
#include "mem.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

static atomic_long live_blocks;

static void out_of_memory(void)
{
	fputs("alloccheck: out of memory\n", stderr);
	exit(2);
}

void *ac_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	atomic_fetch_add(&live_blocks, 1);
	return p;
}

void *ac_calloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		out_of_memory();
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	atomic_fetch_add(&live_blocks, 1);
	return p;
}

void *ac_realloc(void *ptr, size_t size)
{
	/* A temporary keeps the old block reachable until the new one is known good. */
	void *np = realloc(ptr, size ? size : 1);
	if (!np)
		out_of_memory();
	if (!ptr)
		atomic_fetch_add(&live_blocks, 1);
	return np;
}

void ac_free(void *ptr)
{
	if (!ptr)
		return;
	atomic_fetch_sub(&live_blocks, 1);
	free(ptr);
}

char *ac_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = ac_malloc(n);
	memcpy(d, s, n);
	return d;
}

long ac_mem_live_blocks(void)
{
	return atomic_load(&live_blocks);
}

void ac_mem_trim(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}
