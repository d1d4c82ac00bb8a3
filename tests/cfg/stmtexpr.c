/* GNU statement expressions: the value is the last expression statement. */
#include <stdlib.h>

#define XMALLOC(n) ({ void *p_ = malloc(n); if (!p_) abort(); p_; })

char *stmt_expr(size_t n)
{
	char *a = XMALLOC(n);
	int k = ({ int t = 2; t * 3; });
	({ free(a); });
	return ({ char *b = malloc(k); b; });
}
