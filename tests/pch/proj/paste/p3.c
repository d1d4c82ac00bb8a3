/* paste/p3.c: a #define of its own before paste.h. */
#define P3_SIZE 24
#include "paste.h"

int p3_leak(int fail)
{
	char *q = malloc(P3_SIZE);
	if (!q || fail)
		return -1;
	free(q);
	return 0;
}
