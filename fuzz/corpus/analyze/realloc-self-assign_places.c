/*
 * realloc-self-assign: the same place on both sides when the place is not a
 * plain local: a field path through a pointer (`self->data`), a field of a
 * local struct (`s.buf`), a nested field, an array element with a constant
 * index (`v[2]`), a global.
 *
 * A block that lives in a field of a caller's struct is not leaked when the
 * function returns -- it escaped -- but `self->data = realloc(self->data, n)`
 * still overwrites the only pointer to it with NULL on failure.
 *
 * Negatives: different fields, different objects or different constant
 * indices on the two sides (the block moves from one place to the other, and
 * the functions clear the old place on success), and fields grown through a
 * temporary (zlib's examples/zran.c shrinks index->list in place: the bad one
 * below).
 */
#include <stdlib.h>
#include <string.h>

struct vec {
    int *items;
    size_t len;
    size_t cap;
};

struct table {
    struct vec rows;
    char *name;
};

/* Double buffering: `spare` is a block kept for reuse; `cur` is in use. */
struct dbuf {
    char *cur;
    char *spare;
};

struct point {
    long in, out;
};

struct index {
    int have;
    struct point *list;
};

static char *g_scratch;      /* a global buffer, grown on demand */
static size_t g_scratch_cap;

/* bad: a field through a pointer parameter. */
int bad_field_arrow(struct vec *v, size_t cap)
{
    v->items = realloc(v->items, cap * sizeof *v->items); /* expect: realloc-self-assign */
    if (!v->items)
        return -1;
    v->cap = cap;
    return 0;
}

/* bad: zlib's examples/zran.c (deflate_index_build), shrinking the list to
 * its final size; the result is not even checked. */
int bad_zran_shrink(struct index *index)
{
    index->list = realloc(index->list, sizeof(struct point) * (size_t)index->have); /* expect: realloc-self-assign */
    return index->have;
}

/* bad: a nested field path. */
int bad_nested_field(struct table *t, size_t cap)
{
    t->rows.items = realloc(t->rows.items, cap * sizeof(int)); /* expect: realloc-self-assign */
    if (t->rows.items == NULL)
        return -1;
    t->rows.cap = cap;
    return 0;
}

/* bad: a field of a local struct; the block is owned here and freed at the
 * end, but lost on the failure path. */
int bad_field_dot(size_t n)
{
    struct vec s = {0};

    s.items = malloc(4 * sizeof *s.items);
    if (!s.items)
        return -1;
    s.cap = 4;
    s.items = realloc(s.items, (n + 4) * sizeof *s.items); /* expect: realloc-self-assign */
    if (!s.items)
        return -1;
    s.items[0] = 1;
    free(s.items);
    return 0;
}

/* bad: an element with a constant index of a local array. */
int bad_const_index_local(size_t n)
{
    char *slot[3] = {NULL, NULL, NULL};

    slot[2] = malloc(8);
    if (!slot[2])
        return -1;
    slot[2][0] = '\0';
    slot[2] = realloc(slot[2], n + 8); /* expect: realloc-self-assign */
    if (!slot[2])
        return -1;
    free(slot[2]);
    return 0;
}

/* bad: an element with a constant index through a pointer parameter. */
int bad_const_index_param(char **slots, size_t n)
{
    slots[1] = realloc(slots[1], n); /* expect: realloc-self-assign */
    return slots[1] ? 0 : -1;
}

/* bad: a field of an array element with a constant index. */
int bad_element_field(struct vec *vs, size_t cap)
{
    vs[0].items = realloc(vs[0].items, cap * sizeof(int)); /* expect: realloc-self-assign */
    if (!vs[0].items)
        return -1;
    vs[0].cap = cap;
    return 0;
}

/* bad: a global. */
int bad_global(size_t n)
{
    if (n <= g_scratch_cap)
        return 0;
    g_scratch = realloc(g_scratch, n); /* expect: realloc-self-assign */
    if (!g_scratch) {
        g_scratch_cap = 0;
        return -1;
    }
    g_scratch_cap = n;
    return 0;
}

/* bad: dereferenced without a check, through the field. */
void bad_field_unchecked(struct vec *v)
{
    v->items = realloc(v->items, (v->cap + 1) * sizeof *v->items); /* expect: realloc-self-assign */
    v->items[v->cap] = 0; /* expect: unchecked-alloc */
    v->cap++;
}

/* good: the field grown through a temporary; on failure it keeps the old
 * block, which the struct's owner frees later. */
int good_field_via_tmp(struct vec *v, size_t cap)
{
    int *items = realloc(v->items, cap * sizeof *items);

    if (!items)
        return -1;
    v->items = items;
    v->cap = cap;
    return 0;
}

/* good: a different field of the same struct on each side: the spare block
 * is resized into cur, which the caller has emptied (freed and set to NULL)
 * before; on failure spare keeps the old block. */
int good_different_fields(struct dbuf *b, size_t n)
{
    b->cur = realloc(b->spare, n);
    if (!b->cur)
        return -1;
    b->spare = NULL;
    return 0;
}

/* good: the same field of two different objects; on failure src keeps its
 * block, on success the block now belongs to dst (which held none). */
int good_different_objects(struct vec *dst, struct vec *src, size_t cap)
{
    dst->items = realloc(src->items, cap * sizeof *dst->items);
    if (!dst->items)
        return -1;
    src->items = NULL;
    src->cap = 0;
    dst->cap = cap;
    return 0;
}

/* good: different constant indices; slot 0's block moves to slot 1 (which
 * held none). */
int good_different_indices(char **slots, size_t n)
{
    slots[1] = realloc(slots[0], n);
    if (!slots[1])
        return -1;
    slots[0] = NULL;
    return 0;
}

/* good: the global through a temporary. */
int good_global_via_tmp(size_t n)
{
    char *grown;

    if (n <= g_scratch_cap)
        return 0;
    grown = realloc(g_scratch, n);
    if (!grown)
        return -1;
    g_scratch = grown;
    g_scratch_cap = n;
    return 0;
}
