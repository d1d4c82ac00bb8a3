/*
 * leak: allocation and release through helpers.
 *
 * Functions defined in the same file are summarised: xmalloc and make_buf
 * return fresh heap blocks (so their results must be freed), buf_free and
 * free_charp free what they are given.  Also covered: the cleanup attribute,
 * and do { } while (0) cleanup macros.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XFREE(p) do { free(p); (p) = NULL; } while (0)

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

/* May return NULL, like malloc. */
static char *make_buf(size_t n)
{
    char *b = malloc(n);

    return b;
}

struct buf {
    char *data;
    size_t len;
};

static struct buf *buf_new(size_t n)
{
    struct buf *b = malloc(sizeof *b);

    if (!b)
        return NULL;
    b->data = malloc(n);
    if (!b->data) {
        free(b);
        return NULL;
    }
    b->len = n;
    return b;
}

static void buf_free(struct buf *b)
{
    if (!b)
        return;
    free(b->data);
    free(b);
}

static void free_charp(char **pp)
{
    free(*pp);
}

/* good: an xmalloc'd block, freed. */
int good_xmalloc_freed(void)
{
    char *s = xmalloc(16);

    strcpy(s, "hello");
    puts(s);
    free(s);
    return 0;
}

/* bad: an xmalloc'd block is still a block to free. */
int bad_xmalloc_not_freed(void)
{
    char *s = xmalloc(16);

    strcpy(s, "hello");
    puts(s);
    return 0; /* expect: leak */
}

/* good: make_buf's result, checked and freed. */
int good_make_buf_freed(void)
{
    char *b = make_buf(16);

    if (!b)
        return -1;
    b[0] = 'x';
    free(b);
    return 0;
}

/* bad: make_buf's result is never freed. */
int bad_make_buf_not_freed(void)
{
    char *b = make_buf(16);

    if (!b)
        return -1;
    b[0] = 'x';
    return 0; /* expect: leak */
}

/* good: buf_free releases the struct and its data. */
int good_buf_free(void)
{
    struct buf *b = buf_new(32);

    if (!b)
        return -1;
    memset(b->data, 0, b->len);
    buf_free(b);
    return 0;
}

/* bad: the buf is dropped on the early return. */
int bad_buf_not_freed(int skip)
{
    struct buf *b = buf_new(32);

    if (!b)
        return -1;
    if (skip)
        return 1; /* expect: leak */
    memset(b->data, 0, b->len);
    buf_free(b);
    return 0;
}

/* good: the cleanup attribute calls free_charp(&p) when p goes out of scope,
 * on every path. */
int good_cleanup_attribute(const char *src)
{
    char *p __attribute__((cleanup(free_charp))) = malloc(64);

    if (!p)
        return -1;
    strncpy(p, src, 63);
    p[63] = '\0';
    if (p[0] == '#')
        return 1;
    puts(p);
    return 0;
}

/* good: do { } while (0) macros free on the error path and at the end. */
int good_xfree_macro(size_t n)
{
    char *a = malloc(n);
    char *b = NULL;

    if (!a)
        return -1;
    b = malloc(n);
    if (!b) {
        XFREE(a);
        return -1;
    }
    memset(a, 0, n);
    memcpy(b, a, n);
    XFREE(b);
    XFREE(a);
    return 0;
}
