/* Golden text output: a leak and an unchecked use, with the path notes. */
#include <stdlib.h>
#include <string.h>

int parse(const char *s, char **out)
{
    char *copy = strdup(s);
    char *buf;

    if (copy == NULL)
        return -1;
    buf = malloc(strlen(s) + 1);
    if (buf == NULL)
        return -1;
    strcpy(buf, copy);
    free(copy);
    *out = buf;
    return 0;
}

int fill(size_t n)
{
    int *v = malloc(n * sizeof *v);

    v[0] = 1;
    free(v);
    return 0;
}
