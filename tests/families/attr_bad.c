/* Malformed attributes: clang rejects them, alloccheck warns once per
 * declaration, ignores the attribute and analyses the rest. */
#include <stdio.h>
#include <stdlib.h>

#define DEALLOC(...) __attribute__((malloc(__VA_ARGS__)))

void use(char *p) __attribute__((nonnull(1)));
void out_of_range(char *p) __attribute__((nonnull(5)));
FILE *odd_open(const char *path) DEALLOC(nosuchfunc);

void calls(void)
{
	char *p = malloc(4);
	out_of_range(p);
	free(p);
}

void unchecked(void)
{
	char *p = malloc(4);
	use(p);
	free(p);
}

void discarded(void)
{
	odd_open("x");
}
