/*
 * dealloc-mismatch: a family declared with GCC's malloc attribute,
 * `__attribute__((malloc(DEALLOCATOR[, PTR-INDEX])))` (GCC 11+; glibc's
 * <stdlib.h> uses it through __attr_dealloc).  my_alloc and arena_alloc
 * belong to the family of my_free and arena_free; free() is not theirs, and
 * my_free is not free's.
 *
 * NOTE: clang (and so libclang) does not accept the argument form of the
 * malloc attribute: `clang-19 -fsyntax-only` reports "'malloc' attribute takes
 * no arguments" as an ERROR on the two declarations below.  That is why these
 * cases are alone in this file.  alloccheck still analyses the file (it warns
 * "2 errors while parsing" on stderr; the errors are outside every function
 * body, so no function's findings are suppressed) and has to read the
 * attribute from the declaration's tokens.  GCC compiles the file cleanly
 * with -Wall -Wextra.  The clang spelling is in attribute_ownership.c.
 */
#include <stdlib.h>
#include <string.h>

void my_free(void *p);
void *my_alloc(size_t n) __attribute__((malloc, malloc(my_free, 1)));

void arena_free(void *p);
void *arena_alloc(size_t n) __attribute__((malloc(arena_free)));

/* bad: my_alloc's memory released with free. */
void bad_free_of_my_alloc(void)
{
    free(my_alloc(8)); /* expect: dealloc-mismatch */
}

/* bad: the same through a variable, with the index defaulted. */
int bad_free_of_arena_alloc(size_t n)
{
    char *p = arena_alloc(n + 1);

    if (!p)
        return -1;
    p[n] = '\0';
    free(p); /* expect: dealloc-mismatch */
    return 0;
}

/* bad: malloc's memory released with my_free. */
int bad_my_free_of_malloc(size_t n)
{
    char *p = malloc(n + 1);

    if (!p)
        return -1;
    memset(p, 0, n + 1);
    my_free(p); /* expect: dealloc-mismatch */
    return 0;
}

/* good: each block goes back to its own deallocator. */
int good_declared_pairs(size_t n)
{
    char *a = my_alloc(n + 1);
    char *b;

    if (!a)
        return -1;
    a[n] = '\0';
    my_free(a);
    b = arena_alloc(n + 1);
    if (!b)
        return -1;
    b[n] = '\0';
    arena_free(b);
    my_free(my_alloc(8));
    return 0;
}
