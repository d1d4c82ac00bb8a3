#include "common.h" /* the same first line, followed by others */
#include <stdio.h>
#include <errno.h>

static char *keep;

void store_then_leak(int n)
{
	keep = malloc(4);
	char *tmp = realloc(keep, (size_t)n);
	tmp = realloc(tmp, 8);
	if (tmp)
		keep = tmp;
	char *w = malloc(2);
	if (n)
		return;
	free(w);
}
