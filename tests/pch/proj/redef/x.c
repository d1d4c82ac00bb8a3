/* redef/x.c: a macro defined before the includes, and defined again by a
 * header: the file sees the header's. */
#define LIMIT 4
  #include "limits_redef.h" /* indented, with a comment */
#include <stdlib.h>

#if LIMIT != 8
#error LIMIT is the header's
#endif

int x_limit(void)
{
	char *p = malloc(LIMIT);
	return SHOUT(p);
}
