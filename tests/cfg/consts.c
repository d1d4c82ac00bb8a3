/* Constant conditions jump to their only feasible side: no BRANCH. */
#include <stdlib.h>

int consts(char *p)
{
	if (0)
		free(p);
	if (1)
		p = NULL;
	while (0)
		free(p);
	do {
		if (p)
			break;
	} while (1);
	for (; sizeof(int) > 8;)
		free(p);
	if (sizeof(long) >= 4 && p)
		return 1;
	return 0;
}
