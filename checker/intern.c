/*
 * intern: a word-at-a-time text hash with linear probing, grown at 1/2 load.
 */
#include "intern.h"

#include <stdint.h>
#include <string.h>

#include "mem.h"

void ac_intern_init(AcIntern *t, AcArena *arena)
{
	t->arena = arena;
	t->cap = 256;
	t->count = 0;
	t->slots = ac_calloc(t->cap, sizeof *t->slots);
}

/* Eight bytes a step, then a fold of the high half into the low bits the
 * tables mask: FNV-1a's byte loop was most of the interning of a warm run
 * (names read back from cache entries, member keys) and of the digest
 * lookups of the cache (1,445 paths of ~50 bytes on a warm zlib). Only
 * probe positions depend on the value: no table is iterated in slot order. */
size_t ac_text_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u ^ n, w;
	for (; n >= 8; n -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15u;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0x9e3779b97f4a7c15u;
	return (size_t)(h ^ h >> 32);
}

static void grow(AcIntern *t)
{
	size_t cap = t->cap * 2;
	const char **slots = ac_calloc(cap, sizeof *slots);
	for (size_t i = 0; i < t->cap; i++) {
		const char *s = t->slots[i];
		if (!s)
			continue;
		size_t j = ac_text_hash(s, strlen(s)) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = s;
	}
	ac_free(t->slots);
	t->slots = slots;
	t->cap = cap;
}

const char *ac_intern_n(AcIntern *t, const char *s, size_t n)
{
	if (!s)
		return NULL;
	if ((t->count + 1) * 2 > t->cap)
		grow(t);
	size_t j = ac_text_hash(s, n) & (t->cap - 1);
	for (; t->slots[j]; j = (j + 1) & (t->cap - 1)) {
		const char *c = t->slots[j];
		if (strncmp(c, s, n) == 0 && c[n] == '\0')
			return c;
	}
	const char *copy = ac_arena_strndup(t->arena, s, n);
	t->slots[j] = copy;
	t->count++;
	return copy;
}

const char *ac_intern_find(const AcIntern *t, const char *s)
{
	if (!s || !t->slots)
		return NULL;
	size_t n = strlen(s);
	for (size_t j = ac_text_hash(s, n) & (t->cap - 1); t->slots[j]; j = (j + 1) & (t->cap - 1)) {
		if (strcmp(t->slots[j], s) == 0)
			return t->slots[j];
	}
	return NULL;
}

const char *ac_intern(AcIntern *t, const char *s)
{
	return s ? ac_intern_n(t, s, strlen(s)) : NULL;
}

void ac_intern_free(AcIntern *t)
{
	ac_free(t->slots);
	t->slots = NULL;
	t->cap = t->count = 0;
}
