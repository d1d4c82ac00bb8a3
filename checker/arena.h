/*
 * arena: bump allocation for data with one lifetime (a run, a TU, a function).
 *
 * Everything allocated from an arena is released by one ac_arena_free call;
 * nothing is freed piecemeal. Memory is zeroed. A pointer stored in arena
 * memory may only point into an arena that lives as long or longer.
 */
#ifndef AC_ARENA_H
#define AC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct AcArenaChunk AcArenaChunk;

typedef struct AcArena {
	AcArenaChunk *head; /* newest chunk first */
	size_t used;        /* bytes handed out from head */
	size_t cap;         /* usable bytes in head */
	size_t nchunks;     /* chunks in the list */
} AcArena;              /* zero-initialised means empty */

void *ac_arena_alloc(AcArena *a, size_t size); /* zeroed, aligned for any type */
char *ac_arena_strdup(AcArena *a, const char *s);
char *ac_arena_strndup(AcArena *a, const char *s, size_t n);
char *ac_arena_printf(AcArena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *ac_arena_vprintf(AcArena *a, const char *fmt, va_list ap);
/* Gives the unused end of the newest chunk back to malloc (what a TU kept
 * for the whole run would otherwise hold: half a chunk on average); the
 * next allocation starts a new chunk. */
void ac_arena_trim(AcArena *a);
void ac_arena_free(AcArena *a); /* releases everything; the arena is empty again */

#define AC_ARENA_NEW(a, T) ((T *)ac_arena_alloc((a), sizeof(T)))
#define AC_ARENA_ARRAY(a, T, n) ((T *)ac_arena_alloc((a), sizeof(T) * (n)))

#endif
