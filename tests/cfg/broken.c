/* Error recovery: unknown types and a syntax error make the function
 * unreliable, but it is still lowered. K&R definitions are fine. A member
 * whose type is unknown makes a function unreliable even when the error is
 * in the struct, outside it; and its assignment is not one to the base
 * pointer (the parser keeps r->feats as a RecoveryExpr around r). */
#include "no_such_header.h"
#include <stdlib.h>

int kr(a, b)
	int a;
	char *b;
{
	return a + (b != 0);
}

thing *make(size_t n)
{
	thing *t = malloc(sizeof *t);
	if (!t)
		return NULL;
	t->n = n +;
	return t;
}

struct shaper {
	int refs;
	hb_feature_t *feats;
	char *text;
};

struct shaper *shaper_new(void)
{
	struct shaper *r = malloc(sizeof *r);
	if (!r)
		return NULL;
	r->refs = 1;
	r->feats = NULL;
	r->text = NULL;
	return r;
}

int fine(void)
{
	return 0;
}
