/*
 * dealloc-mismatch: families through wrappers defined in the same file.
 *
 * Same-file functions are summarised: buf_new returns PyMem memory, xmalloc
 * returns libc memory (and never NULL), my_release and buf_release free their
 * argument with PyMem_Free, libc_release with free.  A mismatch inside a
 * releasing wrapper is reported at the CALL of the wrapper (that is where the
 * wrong memory goes in; the wrapper itself is right about its own family).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pymem.h"

/* Returns PyMem memory, or NULL. */
static char *buf_new(size_t n)
{
    return PyMem_Malloc(n);
}

/* Releases PyMem memory. */
static void my_release(void *p)
{
    PyMem_Free(p);
}

/* Releases PyMem memory, NULL allowed. */
static void buf_release(char *b)
{
    if (b != NULL)
        PyMem_Free(b);
}

/* Releases libc memory. */
static void libc_release(void *p)
{
    free(p);
}

/* Never returns NULL: stops the program instead. */
static void *xmalloc(size_t n)
{
    void *p = malloc(n);

    if (!p) {
        fputs("out of memory\n", stderr);
        abort();
    }
    return p;
}

/* Wraps a wrapper: still PyMem. */
static char *buf_dup(const char *s)
{
    size_t n = strlen(s);
    char *b = buf_new(n + 1);

    if (b)
        memcpy(b, s, n + 1);
    return b;
}

/* Either family, depending on an argument: no single family. */
static void *any_alloc(int raw, size_t n)
{
    if (raw)
        return PyMem_RawMalloc(n);
    return PyMem_Malloc(n);
}

/* bad: buf_new's PyMem memory released with free. */
int bad_free_of_buf_new(size_t n)
{
    char *b = buf_new(n + 1);

    if (!b)
        return -1;
    b[n] = '\0';
    free(b); /* expect: dealloc-mismatch */
    return 0;
}

/* bad: malloc'd memory handed to a wrapper that calls PyMem_Free. */
int bad_my_release_of_malloc(size_t n)
{
    char *p = malloc(n + 1);

    if (!p)
        return -1;
    p[n] = '\0';
    my_release(p); /* expect: dealloc-mismatch */
    return 0;
}

/* bad: a wrapper-to-wrapper mismatch: libc_release of buf_new's block. */
int bad_wrapper_to_wrapper(size_t n)
{
    char *b = buf_new(n + 1);

    if (!b)
        return -1;
    b[0] = '\0';
    libc_release(b); /* expect: dealloc-mismatch */
    return 0;
}

/* bad: xmalloc's libc memory released with PyMem_Free. */
void bad_pymem_free_of_xmalloc(size_t n)
{
    char *p = xmalloc(n + 1);

    p[n] = '\0';
    PyMem_Free(p); /* expect: dealloc-mismatch */
}

/* bad: two levels of wrapping on the allocating side. */
int bad_free_of_buf_dup(const char *s)
{
    char *b = buf_dup(s);

    if (!b)
        return -1;
    puts(b);
    free(b); /* expect: dealloc-mismatch */
    return 0;
}

/* bad: a wrapper that checks for NULL first is still PyMem_Free. */
int bad_buf_release_of_malloc(const char *s)
{
    size_t n = strlen(s);
    char *copy = malloc(n + 1);

    if (!copy)
        return -1;
    memcpy(copy, s, n + 1);
    buf_release(copy); /* expect: dealloc-mismatch */
    return 0;
}

/* good: wrappers paired with their own family. */
int good_wrapper_pairs(const char *s)
{
    char *a = buf_new(8);
    char *b = buf_dup(s);
    char *c = xmalloc(8);

    c[0] = '\0';
    if (!a || !b) {
        buf_release(a);
        buf_release(b);
        libc_release(c);
        return -1;
    }
    a[0] = b[0];
    my_release(a);
    buf_release(b);
    libc_release(c);
    return 0;
}

/* good: a wrapper releasing a plain PyMem_Malloc block, free() of malloc. */
int good_wrapper_and_direct(size_t n)
{
    char *p = PyMem_Malloc(n + 1);
    char *q;

    if (!p)
        return -1;
    p[n] = '\0';
    my_release(p);
    q = malloc(n + 1);
    if (!q)
        return -1;
    q[n] = '\0';
    free(q);
    return 0;
}

/* good: a wrapper whose result has no single family; the release follows
 * the same flag as the allocation, so it is right on every path. */
int good_mixed_wrapper(int raw, size_t n)
{
    char *p = any_alloc(raw, n + 1);

    if (!p)
        return -1;
    p[n] = '\0';
    if (raw)
        PyMem_RawFree(p);
    else
        PyMem_Free(p);
    return 0;
}
