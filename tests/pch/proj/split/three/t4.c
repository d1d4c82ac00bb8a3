/* t4.c: starts with #include <split.h>, which looks in the include path
 * only (include/split.h), as "split.h" does from a directory without one. */
#include <split.h>

int t4_leak(int fail)
{
	char *p = split_alloc(8);
	if (!p)
		return -1;
	if (fail)
		return -1;
	SPLIT_FREE(p);
	return 0;
}
