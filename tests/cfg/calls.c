/* Calls: direct, through pointers and struct fields, callbacks, callees
 * defined later in the file, unused results, __builtin_expect values. */
#include <stdlib.h>

struct ops {
	void *(*alloc)(size_t);
	void (*release)(void *);
};

static int cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static char *helper(size_t n);

char *calls(struct ops *o, int *v, size_t n, void (*cb)(void *))
{
	char *p = o->alloc(n);
	o->release(p);
	qsort(v, n, sizeof *v, cmp);
	cb(NULL);
	(*cb)(v);
	long e = __builtin_expect(n > 4, 0);
	free(helper(n + e));
	return helper(n);
}

static char *helper(size_t n)
{
	return malloc(n);
}
