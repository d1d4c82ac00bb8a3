/* __attribute__((cleanup(f))) variables, written directly and via a macro. */
#include <stdlib.h>

static void freep(void *p)
{
	free(*(void **)p);
}

#define _cleanup_free_ __attribute__((cleanup(freep)))

int scoped(size_t n)
{
	__attribute__((cleanup(freep))) char *a = malloc(n);
	_cleanup_free_ char *b = malloc(n);
	char *c = malloc(n);
	if (!a || !b)
		return -1;
	free(c);
	return 0;
}
