/*
 * realloc-self-assign: GLib.
 *
 * g_realloc (and g_renew, which expands to it) aborts the program when memory
 * runs out and never returns NULL, so `p = g_realloc(p, n)` cannot lose the
 * block: GLib code writes it that way everywhere, and it must stay silent.
 * g_try_realloc (and g_try_renew) return NULL on failure like realloc, so
 * there the self-assignment is the bug.
 */
#include "gmem.h"

typedef struct {
    int *items;
    gsize len;
} IntArray;

/* good: g_realloc cannot fail. */
void good_g_realloc(gsize n)
{
    char *p = g_malloc(16);

    p[0] = '\0';
    p = g_realloc(p, n + 16);
    p[n] = 'x';
    g_free(p);
}

/* good: g_renew on a field, as GLib's own arrays grow. */
void good_g_renew_field(IntArray *a, gsize len)
{
    a->items = g_renew(int, a->items, len);
    a->len = len;
}

/* bad: g_try_realloc may return NULL. */
int bad_g_try_realloc(gsize n)
{
    char *p = g_try_malloc(16);

    if (!p)
        return -1;
    p[0] = '\0';
    p = g_try_realloc(p, n + 16); /* expect: realloc-self-assign */
    if (!p)
        return -1;
    g_free(p);
    return 0;
}

/* bad: g_try_renew expands to g_try_realloc. */
int bad_g_try_renew_field(IntArray *a, gsize len)
{
    a->items = g_try_renew(int, a->items, len); /* expect: realloc-self-assign */
    if (!a->items)
        return -1;
    a->len = len;
    return 0;
}

/* good: g_try_realloc through a temporary. */
int good_g_try_realloc_via_tmp(gsize n)
{
    char *p = g_malloc(16);
    char *tmp;

    p[0] = '\0';
    tmp = g_try_realloc(p, n + 16);
    if (!tmp) {
        g_free(p);
        return -1;
    }
    p = tmp;
    g_free(p);
    return 0;
}
