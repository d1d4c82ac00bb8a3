/* switch: fallthrough, default, no default, nested switch, Duff's device. */
#include <stdlib.h>

char *pick(int k)
{
	char *p = NULL;
	switch (k) {
	case 0:
		p = malloc(1);
		/* fallthrough */
	case 1:
	case 2:
		return p;
	default:
		break;
	}
	return NULL;
}

int nodefault(int k, int j)
{
	int r = 0;
	switch (k) {
	case 1:
		switch (j) {
		case 1:
			r = 11;
			break;
		}
		break;
	case 2:
		r = 2;
	}
	return r;
}

void duff(char *to, const char *from, int count)
{
	int n = (count + 3) / 4;
	switch (count % 4) {
	case 0: do { *to++ = *from++;
	case 3:      *to++ = *from++;
	case 2:      *to++ = *from++;
	case 1:      *to++ = *from++;
		} while (--n > 0);
	}
}
