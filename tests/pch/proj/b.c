// b.c: a macro defined before the includes, which the header reads.
#define USE_WIDE 1
#include "common.h"

#include <stdio.h>

width_t twice(void)
{
	void *b = buf_take(10);
	free(b);
	void *c = buf_take(10);
	buf_release(c);
	buf_release(c);
	return (width_t)sizeof(width_t);
}

char *named(int id)
{
	char *n = name_of(id);
	char *d = dup_or_die(n);
	return d;
}
