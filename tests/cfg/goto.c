/* goto and labels: Cython-style error paths, backward jumps, computed goto. */
#include <stdlib.h>

int error_path(size_t n)
{
	char *a = NULL, *b = NULL;
	a = malloc(n);
	if (!a)
		goto error;
	b = malloc(n);
	if (!b)
		goto error;
	free(b);
	free(a);
	return 0;
error:
	free(a);
	return -1;
}

int retry(int tries)
{
again:
	if (tries-- > 0)
		goto again;
	return tries;
}

int computed(int i)
{
	static void *tab[] = {&&one, &&two};
	goto *tab[i & 1];
one:
	return 1;
two:
	return 2;
}

void label_at_end(char *p)
{
	if (p)
		goto out;
	p = malloc(1);
out:;
}
