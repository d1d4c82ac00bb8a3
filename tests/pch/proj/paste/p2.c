/* paste/p2.c: a #define of its own before paste.h. */
#define P2_SIZE 16
#include "paste.h"

int p2_leak(int fail)
{
	char *q = malloc(P2_SIZE);
	if (!q || fail)
		return -1;
	free(q);
	return 0;
}
