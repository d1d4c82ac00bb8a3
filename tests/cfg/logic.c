/* &&, ||, ?: and ! in conditions and in values; GNU x ?: y. */
#include <stdlib.h>

int conds(char *p, char *q)
{
	if (p && q)
		return 1;
	if (p == NULL || NULL != q)
		return 2;
	if (!p ? q != 0 : !q)
		return 3;
	if (!!p)
		return 4;
	if (p ?: q)
		return 5;
	return 0;
}

int values(char *p, char *q)
{
	int both = p && q;
	int either = p || !q;
	char *r = p ? p : q;
	char *s = p ?: q;
	int isnull = p == NULL;
	return both + either + (r == s) + isnull;
}

char *assign_in_cond(size_t n)
{
	char *p;
	if (!(p = malloc(n)))
		return NULL;
	if ((p = realloc(p, 2 * n)) != NULL)
		return p;
	return NULL;
}
