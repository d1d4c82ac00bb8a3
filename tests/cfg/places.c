/* Place paths: fields, elements, dereferences, globals, static locals,
 * address-taken variables, shadowing. */
#include <stdlib.h>

struct buf { char *data; char *parts[4]; struct buf *next; };
char *global_ptr;
extern struct buf global_buf;

void take(void *);

int places(struct buf *self, char **out, struct buf s, int i)
{
	static char *cache;
	char local[16];
	int x = 0;
	self->data = malloc(1);
	self->next->data = NULL;
	s.data = self->parts[2];
	s.parts[i] = *out;
	*out = global_ptr;
	(*self).data = cache;
	global_buf.parts[1] = local;
	take(&x);
	take(&s.data);
	take(local);
	{
		int x = 1;
		i += x;
	}
	char **pp = &self->data;
	**pp = 'a';
	return x + i;
}
