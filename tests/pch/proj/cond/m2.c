/* cond/m2.c: starts with a conditional block, as CPython's modules do:
 * its group's PCH holds the block and the include. */
#ifndef COND_BUILTIN
#  define COND_MODULE 1
#endif

#include "cond.h"

#if !defined(COND_MODULE)
#error COND_MODULE is the block's
#endif

int m2_leak(int fail)
{
	char *p = COND_ALLOC(8);
	if (fail)
		return -1;
	free(p);
	return 0;
}
