/* while, do-while, for (every part omitted in turn), break and continue. */
#include <stdlib.h>

int loops(int n, char **v)
{
	int s = 0;
	while (n > 0) {
		if (v[n] == NULL)
			break;
		n--;
	}
	do {
		s++;
		if (s > 3)
			continue;
	} while (s < n);
	for (int i = 0; i < n; i++) {
		if (!v[i])
			continue;
		s += i;
	}
	for (;;) {
		if (s)
			break;
	}
	for (; n < 10;)
		n++;
	for (n = 0;; n++)
		if (n > s)
			break;
	return s;
}

void forever(void)
{
	while (1)
		free(malloc(1));
}
