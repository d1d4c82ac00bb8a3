/*
 * arena: a list of chunks, bump-allocated. Large requests get a chunk of their
 * own so that the common small chunk is not wasted.
 */
#define _DEFAULT_SOURCE /* madvise */

#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem.h"

struct AcArenaChunk {
	AcArenaChunk *next;
	alignas(max_align_t) unsigned char data[];
};

enum {
	CHUNK_SIZE = 64 * 1024,
	/* An arena past this many chunks is a large one (the walk of lua's
	 * luaV_execute takes 160, most walks one or two): its new chunks are
	 * most likely memory malloc has to get fresh from the system. */
	LARGE_ARENA = 8,
};

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* The whole pages of a new chunk of a large arena made writable in one
 * system call before the chunk is zeroed, instead of one page fault each:
 * a fault costs ~13 us on a virtual machine whose faults trap to the
 * hypervisor, a page populated ~8 (8,200 of lua5.4's 11,400 faults at -j1
 * were the arenas' memset; luaV_execute's one walk, 50 ms, the longest
 * chain of lua's analysis at -j2, took 2,650 of them). Pages already there
 * cost a look at the page table. Fails harmlessly before Linux 5.14. */
static void populate(void *p, size_t size)
{
#ifdef __linux__
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t from = ((uintptr_t)p + (uintptr_t)page - 1) / (uintptr_t)page * (uintptr_t)page;
	uintptr_t to = ((uintptr_t)p + size) / (uintptr_t)page * (uintptr_t)page;
	if (page > 0 && to > from)
		madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)size;
#endif
}

void *ac_arena_alloc(AcArena *a, size_t size)
{
	size_t align = alignof(max_align_t);
	size = (size + align - 1) & ~(align - 1);
	if (!a->head || a->cap - a->used < size) {
		size_t cap = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
		AcArenaChunk *c = ac_malloc(sizeof *c + cap);
		if (a->nchunks++ >= LARGE_ARENA)
			populate(c, sizeof *c + cap);
		if (a->head && cap == size && a->cap - a->used > 0) {
			/* Keep bumping in the current chunk: put the big block behind it. */
			c->next = a->head->next;
			a->head->next = c;
			memset(c->data, 0, size);
			return c->data;
		}
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->cap = cap;
	}
	void *p = a->head->data + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
}

char *ac_arena_strndup(AcArena *a, const char *s, size_t n)
{
	char *d = ac_arena_alloc(a, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *ac_arena_strdup(AcArena *a, const char *s)
{
	return ac_arena_strndup(a, s, strlen(s));
}

char *ac_arena_vprintf(AcArena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *d = ac_arena_alloc(a, (size_t)n + 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *ac_arena_printf(AcArena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *d = ac_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

void ac_arena_trim(AcArena *a)
{
	if (!a->head)
		return;
	/* The whole pages of the unused end go back to the system; the chunk
	 * stays where it is (realloc could move it, and the arena's pointers
	 * with it). Nothing reads those bytes again: the arena hands out
	 * nothing more from this chunk, and once the chunk is freed, malloc
	 * writes its bookkeeping before it reads it (a page given back reads
	 * as zeros when touched again). */
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t from = (uintptr_t)(a->head->data + a->used), to = (uintptr_t)(a->head->data + a->cap);
	if (page > 0) {
		uintptr_t p = (uintptr_t)page;
		from = (from + p - 1) / p * p;
		to = to / p * p;
		if (to > from)
			madvise((void *)from, to - from, MADV_DONTNEED);
	}
	a->used = a->cap;
}

void ac_arena_free(AcArena *a)
{
	AcArenaChunk *c = a->head;
	while (c) {
		AcArenaChunk *next = c->next;
		ac_free(c);
		c = next;
	}
	a->head = NULL;
	a->used = a->cap = a->nchunks = 0;
}
