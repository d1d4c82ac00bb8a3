/*
 * c.c: a suppression comment, a #line directive, and a use after free.
 */
#include "common.h"
#include "sub/extra.h"

int after_free(void)
{
	char *p = malloc(4);
	if (!p)
		return -1;
	free(p);
	return p[0]; /* use after free */
}

void suppressed(void)
{
	char *q = malloc(4); // alloccheck-ignore: leak
	(void)q;
}

#line 500 "c.c"
void relined(void)
{
	char *r = malloc(8);
	r[1] = 0;
}

void pool_twice(void)
{
	void *x = pool_new(3);
	pool_drop(x);
	pool_drop(x);
}

void made_elsewhere(void)
{
	void *m = made_here(4);
	(void)m;
}
