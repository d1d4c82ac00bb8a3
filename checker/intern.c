/*
 * intern: FNV-1a hashing with linear probing, grown at 1/2 load.
 */
#include "intern.h"

#include <string.h>

#include "mem.h"

void ac_intern_init(AcIntern *t, AcArena *arena)
{
	t->arena = arena;
	t->cap = 256;
	t->count = 0;
	t->slots = ac_calloc(t->cap, sizeof *t->slots);
}

size_t ac_text_hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
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
