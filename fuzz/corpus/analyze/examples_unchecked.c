/*
 * Example: an allocation used without a NULL check.
 *
 * malloc() returns NULL when memory runs out; copying into its result before
 * checking writes through a NULL pointer.
 *
 *     $ alloccheck fixtures/examples/unchecked.c
 */
#include <stdlib.h>
#include <string.h>

char *dup_bytes(const char *src, size_t n)
{
    char *copy = malloc(n + 1);

    memcpy(copy, src, n); /* expect: unchecked-alloc */
    copy[n] = '\0';
    return copy;
}
