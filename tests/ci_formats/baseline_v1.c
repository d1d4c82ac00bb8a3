/* Baselines (ci.sh check_baseline): the first version of a program with two
 * accepted leaks. */
#include <stdlib.h>
#include <string.h>

static int helper(int x)
{
	return x + 1;
}

int parse(const char *s)
{
	char *copy = strdup(s);
	if (!copy)
		return -1;
	return (int)strlen(copy);
}

int other(void)
{
	char *p = malloc(4);
	return 0;
}
