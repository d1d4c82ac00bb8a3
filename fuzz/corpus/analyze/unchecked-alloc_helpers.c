/*
 * unchecked-alloc: wrappers defined in the same file.
 *
 * A wrapper that stops the program on NULL (xmalloc calling abort, xcalloc
 * calling exit through a helper, one calling a _Noreturn function) returns
 * memory that needs no check.  A wrapper that passes malloc's NULL through
 * (make_buf) returns memory that does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void fatal(const char *msg); /* defined in another file */

/* Never returns NULL: aborts. */
static void *xmalloc(size_t n)
{
    void *p = malloc(n);

    if (p == NULL) {
        fputs("out of memory\n", stderr);
        abort();
    }
    return p;
}

/* Never returns: not marked noreturn, but every path ends in exit(). */
static void die(const char *what)
{
    fprintf(stderr, "fatal: %s\n", what);
    exit(EXIT_FAILURE);
}

/* Never returns NULL: die() does not return. */
static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);

    if (!p)
        die("out of memory");
    return p;
}

/* Never returns NULL: fatal() is declared _Noreturn. */
static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);

    if (!d)
        fatal("out of memory");
    memcpy(d, s, n);
    return d;
}

/* May return NULL, like malloc. */
static char *make_buf(size_t n)
{
    char *b = malloc(n);

    return b;
}

/* May return NULL explicitly, or malloc's NULL. */
static int *make_counts(size_t n)
{
    if (n == 0)
        return NULL;
    return malloc(n * sizeof(int));
}

/* good: xmalloc's result used without a check. */
int good_xmalloc_unchecked(void)
{
    char *s = xmalloc(16);

    s[0] = '\0';
    free(s);
    return 0;
}

/* good: xcalloc's result used without a check. */
int good_xcalloc_unchecked(size_t n)
{
    int *v = xcalloc(n + 1, sizeof *v);

    v[n] = 1;
    free(v);
    return 0;
}

/* good: xstrdup's result used without a check. */
size_t good_xstrdup_unchecked(const char *src)
{
    char *s = xstrdup(src);
    size_t n = strlen(s);

    free(s);
    return n;
}

/* bad: make_buf may return NULL. */
int bad_make_buf_unchecked(void)
{
    char *b = make_buf(16);

    b[0] = 'x'; /* expect: unchecked-alloc */
    free(b);
    return 0;
}

/* good: make_buf's result checked. */
int good_make_buf_checked(void)
{
    char *b = make_buf(16);

    if (!b)
        return -1;
    b[0] = 'x';
    free(b);
    return 0;
}

/* bad: make_counts may return NULL, and memset must not get it. */
void bad_make_counts_unchecked(size_t n)
{
    int *c = make_counts(n + 1);

    memset(c, 0, (n + 1) * sizeof *c); /* expect: unchecked-alloc */
    free(c);
}
