/*
 * unchecked-alloc: what counts as a use of a maybe-NULL allocation.
 *
 * Reported: a dereference (*p, p->f read or written, p[i]) and passing the
 * pointer to a parameter that must not be NULL (memset, memcpy, memmove,
 * strcpy, strcat, strlen, strcmp), before any NULL check.  One finding per
 * allocation site, at the first use; two sites used on one line give two.
 * Not reported: free(p) (free(NULL) is fine), returning p, storing p, and
 * sizeof *p (not evaluated).
 */
#define _DEFAULT_SOURCE 1 /* strdup under -std=c11 */
#include <stdlib.h>
#include <string.h>

struct point {
    int x;
    int y;
};

struct stream {
    char *buf;
    size_t cap;
};

/* bad: p->x written. */
int bad_arrow_write(void)
{
    struct point *p = malloc(sizeof *p);

    p->x = 0; /* expect: unchecked-alloc */
    p->y = 0;
    free(p);
    return 0;
}

/* bad: p->x read. */
int bad_arrow_read(void)
{
    struct point *p = calloc(1, sizeof *p);
    int x = p->x; /* expect: unchecked-alloc */

    free(p);
    return x;
}

/* bad: p[i] written in a loop. */
void bad_index_in_loop(size_t n)
{
    int *v = malloc((n + 1) * sizeof *v);

    for (size_t i = 0; i <= n; i++)
        v[i] = (int)i; /* expect: unchecked-alloc */
    free(v);
}

/* bad: *p written. */
void bad_star(void)
{
    long *p = malloc(sizeof *p);

    *p = 42; /* expect: unchecked-alloc */
    free(p);
}

/* bad: (*p)++ reads and writes through p: still one finding. */
void bad_star_increment(void)
{
    int *p = calloc(1, sizeof *p);

    (*p)++; /* expect: unchecked-alloc */
    free(p);
}

/* bad: a read in a condition. */
int bad_deref_in_condition(void)
{
    char *p = calloc(4, 1);
    int r = 0;

    if (p[0] == '\0') /* expect: unchecked-alloc */
        r = 1;
    free(p);
    return r;
}

/* bad: several uses, one finding at the first. */
void bad_several_uses_one_finding(void)
{
    char *p = malloc(3);

    p[0] = 'a'; /* expect: unchecked-alloc */
    p[1] = 'b';
    p[2] = '\0';
    free(p);
}

/* bad: memset */
void bad_memset(size_t n)
{
    char *p = malloc(n);

    memset(p, 0, n); /* expect: unchecked-alloc */
    free(p);
}

/* bad: memcpy destination. */
void bad_memcpy_dest(const char *src, size_t n)
{
    char *dst = malloc(n);

    memcpy(dst, src, n); /* expect: unchecked-alloc */
    free(dst);
}

/* bad: memcpy source. */
void bad_memcpy_src(char *dst, size_t n)
{
    char *zeros = calloc(n, 1);

    memcpy(dst, zeros, n); /* expect: unchecked-alloc */
    free(zeros);
}

/* bad: memmove */
void bad_memmove(const char *src, size_t n)
{
    char *d = malloc(n);

    memmove(d, src, n); /* expect: unchecked-alloc */
    free(d);
}

/* bad: strcpy */
void bad_strcpy(const char *src)
{
    char *d = malloc(strlen(src) + 1);

    strcpy(d, src); /* expect: unchecked-alloc */
    free(d);
}

/* bad: strcat onto a zeroed buffer. */
void bad_strcat(const char *src)
{
    char *d = calloc(strlen(src) + 1, 1);

    strcat(d, src); /* expect: unchecked-alloc */
    free(d);
}

/* bad: strlen of an unchecked strdup. */
size_t bad_strlen(const char *src)
{
    char *s = strdup(src);
    size_t n = strlen(s); /* expect: unchecked-alloc */

    free(s);
    return n;
}

/* bad: strcmp of an unchecked strdup. */
int bad_strcmp(const char *src)
{
    char *s = strdup(src);
    int same = strcmp(s, "yes") == 0; /* expect: unchecked-alloc */

    free(s);
    return same;
}

/* bad: two allocation sites, both used unchecked on one line. */
void bad_two_sites_one_line(size_t n)
{
    char *a = malloc(n);
    char *b = calloc(n, 1);

    memcpy(a, b, n); /* expect: unchecked-alloc x2 */
    free(b);
    free(a);
}

/* good: free(NULL) is a no-op, so freeing unchecked is fine. */
void good_free_unchecked(size_t n)
{
    char *p = malloc(n);

    free(p);
}

/* good: returning unchecked hands the check to the caller. */
char *good_return_unchecked(size_t n)
{
    char *p = malloc(n);

    return p;
}

/* good: returning the call directly. */
struct point *good_return_call_unchecked(void)
{
    return calloc(1, sizeof(struct point));
}

/* good: storing an unchecked pointer is not a use of it. */
void good_store_unchecked(struct stream *s, size_t cap)
{
    s->buf = malloc(cap);
    s->cap = s->buf ? cap : 0;
}

/* good: sizeof *v is not evaluated, so it is no use before the check. */
int good_sizeof_before_check(size_t n)
{
    double *v = malloc((n + 1) * sizeof *v);
    size_t bytes = (n + 1) * sizeof *v;

    if (!v)
        return -1;
    memset(v, 0, bytes);
    free(v);
    return 0;
}

/* good: comparing pointers is not a use. */
int good_compare_unchecked(const char *other)
{
    char *p = malloc(8);
    int same = p == other;

    free(p);
    return same;
}
