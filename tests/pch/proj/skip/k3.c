/* skip/k3.c: a conditional block before the include, which flags that
 * define SKIP_BUILTIN skip (tests/pch/run.sh runs it both ways): then the
 * file shares the PCH of the files that start with the include alone. */
#ifndef SKIP_BUILTIN
#  define SKIP_MODULE 1
#endif
#include <split.h>

int k3_leak(int fail)
{
	char *p = split_alloc(8);
	if (!p)
		return -1;
#ifdef SKIP_MODULE
	if (fail)
		return -1;
#endif
	SPLIT_FREE(p);
	return 0;
}
