/* Baselines (ci.sh check_baseline): the second version of baseline_v1.c.
 * Lines were added above both leaks, helper (an unrelated function) was
 * renamed to measure, and parse() has a new leak, of extra. */
#include <stdlib.h>
#include <string.h>

static int measure(int x)
{
	return x + 1;
}

int parse(const char *s)
{
	char *copy = strdup(s);
	if (!copy)
		return -1;
	char *extra = malloc(16);
	if (!extra) {
		free(copy);
		return -1;
	}
	if (*s == '#') {
		free(copy);
		return 0;
	}
	free(extra);
	return (int)strlen(copy);
}

int other(void)
{
	char *p = malloc(4);
	return 0;
}
