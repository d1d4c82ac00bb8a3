/* moved/mv1.c: a #define no other file has, which no header reads: it is
 * moved after the precompiled header of moved.h. */
#define MV1_TAG "mv1"
#include "moved.h"

int mv1_leak(int fail)
{
	char *p = moved_name(MV1_TAG);
	char *q = malloc(8);
	if (!p || !q)
		return -1;
	MOVED_DROP(q);
	if (fail)
		return 1;
	free(p);
	return 0;
}
