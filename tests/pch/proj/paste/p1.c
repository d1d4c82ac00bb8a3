/* paste/p1.c: defines the name paste.h pastes: PASTE_DROP frees, so the
 * second one is a double free. */
#define moved_level 2
#include "paste.h"

int p1_twice(void)
{
	char *q = malloc(8);
	if (!q)
		return -1;
	PASTE_DROP(q);
	PASTE_DROP(q);
	return 0;
}
