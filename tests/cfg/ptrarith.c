/* Pointer arithmetic keeps pointing into the same object. */
#include <stddef.h>

struct rec { int a; char *name; };

long arith(char *p, size_t n, char *q, struct rec *r)
{
	char *e = p + n;
	char *f = 2 + p;
	char *g = e - 1;
	p++;
	--q;
	q += n;
	char c = *(p + 3);
	c += (e - 1)[0];
	char *h = &p[4];
	char **pn = &r->name;
	int a = (r + 1)->a;
	*pn = NULL;
	return (e - p) + c + a + (h - g) + (f - q);
}
