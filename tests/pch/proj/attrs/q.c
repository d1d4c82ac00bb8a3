#include "dealloc.h"
#include <stdlib.h>

void q_mismatch(void)
{
	void *b = pool_get(10);
	free(b);
}
