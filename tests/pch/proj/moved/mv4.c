/* moved/mv4.c: a #define no other file has, but that moved_impl.h reads:
 * with it, MOVED_DROP frees, so the second one is a double free. */
#define MOVED_WIDE 1
#include "moved.h"

int mv4_twice(void)
{
	char *q = malloc(8);
	if (!q)
		return -1;
	MOVED_DROP(q);
	MOVED_DROP(q);
	return 0;
}
