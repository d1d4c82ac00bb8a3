/* Assignments, a NULL check, returns, falling off the end, scope ends. */
#include <stdlib.h>

struct node {
	struct node *next;
	char *data;
};

int fill(struct node *p, int n)
{
	char *q = malloc(16);
	if (q == NULL)
		return -1;
	p->next = NULL;
	p->data = q;
	q[n] = 0;
	return 0;
}

void scopes(int n)
{
	char *a = malloc(1);
	{
		char *b = malloc(2);
		free(b);
	}
	if (n)
		free(a);
}

void discard(void)
{
	malloc(8);
}
