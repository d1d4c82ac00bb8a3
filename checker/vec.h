/*
 * vec: growable arrays {v, n, cap} on the mem funnel. A vec owns its buffer;
 * release it with AC_VEC_FREE. Used where the final size is not known up front
 * (CFG blocks while lowering, findings); fixed-size data goes in an arena.
 */
#ifndef AC_VEC_H
#define AC_VEC_H

#include <stddef.h>
#include <string.h>

#include "mem.h"

#define AC_VEC(T)         \
	struct {          \
		T *v;     \
		size_t n; \
		size_t cap; \
	}

#define AC_VEC_GROW(vec, need)                                                        \
	do {                                                                          \
		if ((need) > (vec)->cap) {                                            \
			size_t cap_ = (vec)->cap ? (vec)->cap * 2 : 8;                \
			while (cap_ < (need))                                         \
				cap_ *= 2;                                            \
			(vec)->v = ac_realloc((vec)->v, cap_ * sizeof *(vec)->v);     \
			(vec)->cap = cap_;                                            \
		}                                                                     \
	} while (0)

#define AC_VEC_PUSH(vec, x)                        \
	do {                                       \
		AC_VEC_GROW((vec), (vec)->n + 1);  \
		(vec)->v[(vec)->n++] = (x);        \
	} while (0)

#define AC_VEC_FREE(vec)                           \
	do {                                       \
		ac_free((vec)->v);                 \
		(vec)->v = NULL;                   \
		(vec)->n = (vec)->cap = 0;         \
	} while (0)

/* Text built piece by piece: v[0..n) and, once anything was put, a '\0'
 * at v[n] (v is NULL while nothing was). Released with AC_VEC_FREE. */
typedef AC_VEC(char) AcText;

/* Appends s[0..n) to t. */
static inline void ac_text_put_n(AcText *t, const char *s, size_t n)
{
	AC_VEC_GROW(t, t->n + n + 1);
	memcpy(t->v + t->n, s, n);
	t->n += n;
	t->v[t->n] = '\0';
}

/* Appends the string s to t. */
static inline void ac_text_put(AcText *t, const char *s)
{
	ac_text_put_n(t, s, strlen(s));
}

#endif
