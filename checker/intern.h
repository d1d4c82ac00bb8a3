/*
 * intern: one canonical copy of each name, so names compare by pointer.
 *
 * A table lives as long as the arena its strings are copied into (one TU);
 * strings that must outlive it (findings) are copied into the run arena.
 */
#ifndef AC_INTERN_H
#define AC_INTERN_H

#include <stddef.h>

#include "arena.h"

typedef struct AcIntern {
	AcArena *arena;     /* where the strings live; not owned */
	const char **slots; /* open addressing; NULL = empty */
	size_t cap;         /* power of two */
	size_t count;
} AcIntern;

/* A hash of n bytes (not FNV-1a: nothing persists it): the hash of every
 * table keyed by a text. */
size_t ac_text_hash(const char *s, size_t n);

void ac_intern_init(AcIntern *t, AcArena *arena);
const char *ac_intern(AcIntern *t, const char *s);           /* NULL stays NULL */
const char *ac_intern_n(AcIntern *t, const char *s, size_t n);
/* The interned copy of s when there is one, else NULL; never inserts, so
 * threads may call it on a table nobody writes any more. */
const char *ac_intern_find(const AcIntern *t, const char *s);
void ac_intern_free(AcIntern *t); /* frees the slot table, not the strings */

#endif
