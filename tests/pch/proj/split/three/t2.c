/* t2.c: starts with #include "split.h" (see include/split.h and split/three/split.h). */
#include "split.h"

int t2_leak(int fail)
{
	char *p = split_alloc(8);
	if (!p)
		return -1;
	if (fail)
		return -1;
	SPLIT_FREE(p);
	return 0;
}
