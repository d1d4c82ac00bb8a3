/* a.c: leaks, and calls through the header's macros. */

#include "common.h"
#include <stdio.h>

int leak_on_error(int fail)
{
	char *p = XMALLOC(16);
	CHECK(p);
	if (fail)
		return -1;
	XFREE(p);
	return 0;
}

int use_hook(void)
{
	char *p = alloc_hook(8);
	p[0] = 'a';
	free(p);
	return 0;
}

void pair_leak(void)
{
	struct pair *pr = pair_new();
	pr->left = malloc(4);
	FIELD_FREE(pr, right);
	free(pr);
}

void const_decides(void)
{
	char *p = malloc(4);
	if (!p)
		return;
	if (!HEADER_TRACE)
		free(p);
}

void table_hooks(void)
{
	char *p = header_hooks.alloc(4);
	p[0] = 'a';
	header_hooks.release(p);
}

int a_used(int fail)
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
