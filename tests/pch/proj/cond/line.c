/* cond/line.c: a conditional that reads __LINE__ reads another value in a
 * PCH's header: the file is parsed whole. */
#ifndef COND_BUILTIN
#  define COND_MODULE 1
#endif
#if __LINE__ > 5
#define COND_LATE 1
#endif
#include "cond.h"

int line_leak(void)
{
	char *p = COND_ALLOC(2);
	return p ? 1 : 0;
}
