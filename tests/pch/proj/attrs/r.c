#include "dealloc.h"
#include <stdlib.h>

void r_mismatch(void)
{
	void *b = pool_get(10);
	free(b);
}
