/* other.c: starts with other headers: parsed whole. */
#include <stdio.h>
#include "common.h"

int other_leak(void)
{
	FILE *f = fopen("x", "r");
	char *p = malloc(3);
	if (!f)
		return -1;
	fclose(f);
	free(p);
	return 0;
}
