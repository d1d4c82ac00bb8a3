/*
 * leak: false positives alloccheck still makes, each met in real code and
 * marked `fp:` with the reason, so that the day one is fixed the fixture
 * says so (the runner fails with FIXED until the marker is removed).
 */
#include <stdlib.h>

int next_item(void *iter, void **item);

/* An error path that frees only when the size is non-zero: with a size of
 * zero the loop that can fail never runs, so the path that leaks the
 * zero-sized block cannot happen. Seen in a pickle module's memo setter.
 * The engine does not relate the loop's trip count to the size. */
int good_free_only_if_nonzero(void *iter, size_t n, void ***out)
{
    void **table = malloc(n * sizeof *table + 1);
    void *item;
    size_t i = 0;

    if (table == NULL)
        return -1;
    while (next_item(iter, &item)) {
        if (i >= n || item == NULL)
            goto error;
        table[i++] = item;
    }
    *out = table;
    return 0;

error:
    if (n)
        free(table);
    return -1; /* fp: leak -- the error path needs a loop round, which needs n > 0 */
}
