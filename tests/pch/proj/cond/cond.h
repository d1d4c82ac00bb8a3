/* cond/cond.h: what the files of cond/ see depends on the macros their
 * conditional block defines before including it (COND_MODULE) and on the
 * one some of them define after the block (COND_EXTRA). */
#ifndef COND_H
#define COND_H

#include <stdlib.h>
#include <string.h>

#ifdef COND_MODULE
#define COND_ALLOC(n) malloc(n)
#else
#define COND_ALLOC(n) calloc(1, n)
#endif

#ifdef COND_EXTRA
static inline char *cond_dup(const char *s)
{
	char *p = malloc(strlen(s) + 1);
	strcpy(p, s); /* unchecked: the header's own finding */
	return p;
}
#endif

#endif
