/*
 * leak: allocators that store the block through an out-parameter
 * (posix_memalign, asprintf). The call's result tells whether it succeeded,
 * so the block counts only on paths that show it exists.
 */
#define _GNU_SOURCE 1
#include <stdio.h>
#include <stdlib.h>

int bad_asprintf_not_freed(int x)
{
    char *s;

    if (asprintf(&s, "item %d", x) < 0)
        return -1;
    puts(s);
    return 0; /* expect: leak */
}

int good_asprintf_freed(int x)
{
    char *s;

    if (asprintf(&s, "item %d", x) < 0)
        return -1; /* nothing was allocated */
    puts(s);
    free(s);
    return 0;
}

int good_memalign_handed_on(void **out)
{
    void *p;

    if (posix_memalign(&p, 64, 256) != 0)
        return -1;
    *out = p;
    return 0;
}

int bad_memalign_not_freed(void)
{
    void *p;

    if (posix_memalign(&p, 64, 256) != 0)
        return -1;
    ((char *)p)[0] = 1;
    return 0; /* expect: leak */
}
