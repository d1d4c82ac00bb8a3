/* cond/e2.c: the same conditional block, then a #define before the
 * include: the files that start like this make a group of their own. */
#ifndef COND_BUILTIN
#  define COND_MODULE 1
#elif COND_BUILTIN > 1
#  define COND_TWICE 1
#else
#endif
#define COND_EXTRA 1
#include "cond.h"

int e2_unchecked(void)
{
	char *p = COND_ALLOC(4);
	p[0] = 'e';
	char *q = cond_dup("e2");
	free(q);
	return p[0];
}
