/*
 * realloc-self-assign: a user allocator family from --allocators.
 *
 * fixtures/include/zmalloc.json describes Redis' zmalloc family with
 * can_fail false: zrealloc calls the out-of-memory handler instead of
 * returning NULL, so `p = zrealloc(p, n)` -- all over Redis' sds.c and
 * adlist.c -- loses nothing and is silent.  The built-in families still
 * apply next to it.
 */
// args: --allocators ../include/zmalloc.json
#include <stdlib.h>
#include <string.h>

#include "zmalloc.h"

typedef struct {
    char **argv;
    int argc;
} Command;

/* good: zrealloc cannot fail. */
void good_zrealloc(size_t n)
{
    char *p = zmalloc(16);

    p[0] = '\0';
    p = zrealloc(p, n + 16);
    p[n] = 'x';
    zfree(p);
}

/* good: zrealloc on a field, the way Redis grows a client's argv. */
void good_zrealloc_field(Command *c, const char *arg)
{
    c->argv = zrealloc(c->argv, sizeof(char *) * (size_t)(c->argc + 1));
    c->argv[c->argc++] = zstrdup(arg);
}

/* bad: libc's realloc is still libc's, next to the user family. */
int bad_libc_realloc_next_to_user_family(size_t n)
{
    char *p = malloc(16);

    if (!p)
        return -1;
    p[0] = '\0';
    p = realloc(p, n + 16); /* expect: realloc-self-assign */
    if (!p)
        return -1;
    free(p);
    return 0;
}
