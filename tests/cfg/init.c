/* Initialisers: designated, positional, nested, arrays, compound literals,
 * anonymous unions, brace elision. */
#include <stdlib.h>

struct inner { char *q; int k; };
struct S {
	char *p;
	int n;
	struct inner in;
	union { char *u; long bits; };
};
struct T { int a[2]; char *p; };

void inits(char *x, char *y)
{
	struct S s = {.p = malloc(1), .in.q = x, .n = 3};
	struct S t = {malloc(2), 1, {y, 2}, {malloc(3)}};
	char *arr[3] = {[1] = x, y};
	char *two[2][2] = {{x, NULL}, {NULL, y}};
	struct T e = {1, 2, malloc(4)};
	char *c = (char *){malloc(5)};
	struct S *sp = &(struct S){.p = x};
	char buf[8] = "abc";
	int scalar = {7};
	(void)s; (void)t; (void)arr; (void)two; (void)e; (void)c; (void)sp; (void)buf; (void)scalar;
}
