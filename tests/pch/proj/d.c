#include "common.h" /* the same first line, followed by others */
#include <stdio.h>
#include <errno.h>

static char *keep;

void store_then_leak(int n)
{
	keep = malloc(4);
	char *tmp = realloc(keep, (size_t)n);
	tmp = realloc(tmp, 8);
	if (tmp)
		keep = tmp;
	char *w = malloc(2);
	if (n)
		return;
	free(w);
}

void *made_here(size_t n)
{
	static char buf[64];
	return n <= sizeof buf ? buf : NULL;
}

void made_in_this_file(void)
{
	void *m = made_here(4);
	(void)m;
}

int d_used(int fail)
{
	char *p = malloc(8);
	if (!p)
		return -1;
	p[0] = 0;
	if (used_of(p) > 4 || fail)
		return -1; /* a leak, found through the header's body */
	free(p);
	return 0;
}
