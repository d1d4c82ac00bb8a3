/*
 * leak: ownership handed on, or not.
 *
 * A block stops being the function's responsibility when it escapes: it is
 * returned, stored somewhere that outlives the call (*out, a parameter's
 * field, a global or static, an object that itself escapes), or passed to a
 * function without a body outside system headers (which may keep it).  It
 * does not escape when stored in a local struct, or passed to a library
 * function that only borrows it (printf, strlen, puts...).
 */
#define _DEFAULT_SOURCE 1 /* strdup under -std=c11 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stream {
    char *buf;
    size_t cap;
};

struct node {
    struct node *next;
    char *name;
};

struct holder {
    char *buf;
    size_t len;
};

static char *g_last_line;

void keep_name(char *name);       /* defined in another file: may keep name */
void log_name(const char *name);  /* defined in another file */

/* good: the block is returned to the caller. */
char *good_returned(size_t n)
{
    char *p = malloc(n);

    if (!p)
        return NULL;
    memset(p, 0, n);
    return p;
}

/* good: returned through a cast. */
void *good_returned_cast(size_t n)
{
    double *v = calloc(n, sizeof *v);

    return (void *)v;
}

/* good: stored through an out-parameter. */
int good_out_param(char **out, const char *s)
{
    char *p = strdup(s);

    if (!p)
        return -1;
    *out = p;
    return 0;
}

/* good: stored in a field of a parameter. */
int good_param_field(struct stream *s, size_t cap)
{
    char *p = malloc(cap);

    if (!p)
        return -1;
    s->buf = p;
    s->cap = cap;
    return 0;
}

/* good: stored in a global (the previous value is released first). */
int good_global(const char *line)
{
    char *copy = strdup(line);

    if (!copy)
        return -1;
    free(g_last_line);
    g_last_line = copy;
    return 0;
}

/* good: a lazily allocated static buffer lives for the whole program. */
char *good_static_local(size_t n)
{
    static char *scratch;

    if (!scratch) {
        scratch = malloc(n);
        if (!scratch)
            return NULL;
    }
    return scratch;
}

/* good: stored in an element of an array the caller owns. */
int good_param_array(char **slots, size_t i, const char *s)
{
    char *p = strdup(s);

    if (!p)
        return -1;
    slots[i] = p;
    return 0;
}

/* good: the name is stored in the node, and the node in the caller's list. */
int good_list_push(struct node **head, const char *name)
{
    struct node *n = malloc(sizeof *n);

    if (!n)
        return -1;
    n->name = strdup(name);
    if (!n->name) {
        free(n);
        return -1;
    }
    n->next = *head;
    *head = n;
    return 0;
}

/* good: handed to a function without a body here, which may keep it. */
int good_handed_to_unknown(const char *x)
{
    char *s = strdup(x);

    if (!s)
        return -1;
    keep_name(s);
    return 0;
}

/* good: passed to a function without a body, then freed. */
int good_unknown_then_free(const char *x)
{
    char *s = strdup(x);

    if (!s)
        return -1;
    log_name(s);
    free(s);
    return 0;
}

/* good: a cursor walks the block; the original pointer is freed. */
int good_pointer_arithmetic(const char *src)
{
    char *buf = malloc(64);
    char *cur;

    if (!buf)
        return -1;
    cur = buf;
    while (*src && cur < buf + 63)
        *cur++ = *src++;
    *cur = '\0';
    puts(buf);
    free(buf);
    return 0;
}

/* good: the start pointer is kept while the working pointer advances. */
int good_advance_then_free_start(size_t n)
{
    char *start = malloc(n + 8);
    char *p;

    if (!start)
        return -1;
    p = start;
    p += 8;
    memset(p, 0, n);
    free(start);
    return 0;
}

/* bad: printf and strlen only borrow the string; nobody frees it. */
int bad_printed_not_freed(const char *x)
{
    char *s = strdup(x);

    if (!s)
        return -1;
    printf("%s (%zu)\n", s, strlen(s));
    return 0; /* expect: leak */
}

/* bad: strlen borrows; the copy dies with the function. */
size_t bad_strlen_borrows(const char *x)
{
    char *s = strdup(x);
    size_t n;

    if (!s)
        return 0;
    n = strlen(s);
    return n; /* expect: leak */
}

/* bad: a local struct is not a longer-lived owner: it dies at the return. */
int bad_local_struct_dies(size_t n)
{
    struct holder h;

    h.len = n;
    h.buf = malloc(n);
    if (!h.buf)
        return -1;
    memset(h.buf, 0, h.len);
    return 0; /* expect: leak */
}

/* good: the local struct's field is freed before the struct dies. */
int good_local_struct_freed(size_t n)
{
    struct holder h;

    h.len = n;
    h.buf = malloc(n);
    if (!h.buf)
        return -1;
    memset(h.buf, 0, h.len);
    free(h.buf);
    return 0;
}

/* good: the local struct is copied out to the caller, field and all. */
int good_local_struct_copied_out(struct holder *out, size_t n)
{
    struct holder h;

    h.len = n;
    h.buf = malloc(n);
    if (!h.buf)
        return -1;
    memset(h.buf, 0, h.len);
    *out = h;
    return 0;
}

/* bad: the second element of a local array is never freed. */
int bad_local_array_dies(void)
{
    char *parts[2];

    parts[0] = strdup("key");
    if (!parts[0])
        return -1;
    parts[1] = strdup("value");
    if (!parts[1]) {
        free(parts[0]);
        return -1;
    }
    printf("%s=%s\n", parts[0], parts[1]);
    free(parts[0]);
    return 0; /* expect: leak */
}
