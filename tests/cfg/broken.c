/* Error recovery: unknown types and a syntax error make the function
 * unreliable, but it is still lowered. K&R definitions are fine. */
#include "no_such_header.h"
#include <stdlib.h>

int kr(a, b)
	int a;
	char *b;
{
	return a + (b != 0);
}

thing *make(size_t n)
{
	thing *t = malloc(sizeof *t);
	if (!t)
		return NULL;
	t->n = n +;
	return t;
}

int fine(void)
{
	return 0;
}
