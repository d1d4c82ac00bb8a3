#include <stdlib.h>
#include <string.h>
#include <setjmp.h>

struct node { struct node *next; char *name; };
static jmp_buf env;

int loops(int n, const char *s)
{
	char *buf = malloc(16), *p;
	struct node *head = 0;
	if (!buf)
		return -1;
	for (int i = 0; i < n; i++) {
		struct node *nd = calloc(1, sizeof *nd);
		if (!nd)
			goto fail;
		nd->name = strdup(s);
		nd->next = head;
		head = nd;
		switch (i % 3) {
		case 0: continue;
		case 1: if (setjmp(env)) goto fail; break;
		default: do { n--; } while (n > 10);
		}
	}
	p = realloc(buf, 32);
	buf = p ? p : buf;
	while (head) {
		struct node *nx = head->next;
		free(head->name);
		free(head);
		head = nx;
	}
	free(buf);
	return n ? ({ int r = n; r; }) : 0;
fail:
	free(buf);
	return -1;
}
