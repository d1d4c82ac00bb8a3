/* GCC's malloc(deallocator, index) attribute, which clang 19 rejects (and
 * drops): alloccheck reads it from the tokens, does not count the rejection
 * as a parse error, and knows my_alloc's block as one my_free releases. */
#include <stddef.h>
#include <stdlib.h>

void my_free(void *p);
void *my_alloc(size_t n) __attribute__((malloc(my_free, 1)));

int leaky(size_t n)
{
	char *p = my_alloc(n);
	if (!p)
		return -1;
	if (n > 64)
		return -1; /* leak */
	my_free(p);
	return 0;
}

void mismatched(void)
{
	char *p = my_alloc(8);
	free(p); /* dealloc-mismatch */
}

void fine(void)
{
	my_free(my_alloc(8));
}
