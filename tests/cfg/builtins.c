/* GCC builtins and odd corners: __builtin_choose_expr evaluates one arm,
 * __builtin_expect_with_probability, noreturn through typedefs, a switch
 * inside a loop (continue/break/goto), a return inside a statement
 * expression, compound literals living to the end of their block. */
#include <stdlib.h>

typedef void (*die_fn)(const char *) __attribute__((noreturn));
typedef void die_t(int) __attribute__((noreturn));
die_t bail;
extern die_fn die_hook;

struct pair { char *a; char *b; };

int corners(char *p, int k)
{
	int v = __builtin_choose_expr(1, 3, k);
	char *q = __builtin_choose_expr(0, malloc(1), p);
	if (__builtin_expect_with_probability(p == 0, 1, 0.9))
		die_hook("no p");
	if (k < 0)
		bail(k);
	for (;;) {
		switch (k) {
		case 1:
			continue;
		case 2:
			break;
		default:
			goto out;
		}
		k++;
	}
out:;
	struct pair *pp = &(struct pair){.a = p, .b = q};
	char buf[4];
	(void)buf;
	return v + (pp->a != 0) + ({ if (!q) return -1; 0; });
}
