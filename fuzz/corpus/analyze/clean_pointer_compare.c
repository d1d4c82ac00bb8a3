/*
 * clean: the block is freed only on the path where a pointer comparison says
 * it is a heap block. Comparing a heap block with a variable's address, with
 * another live block, or (while the function still owns it) with any pointer
 * obtained elsewhere has a known answer. Seen in an SSL module's name
 * buffer, a math module's stack/heap arrays, a curses module's key names.
 */
#include <stdlib.h>
#include <string.h>

const char *lookup_name(int key);
int consume(const char *name);

int good_stack_or_heap(size_t need)
{
    char stackbuf[64];
    char *buf = stackbuf;

    if (need > sizeof stackbuf) {
        buf = malloc(need);
        if (buf == NULL)
            return -1;
    }
    memset(buf, 0, need);
    int rc = consume(buf);
    if (buf != stackbuf)
        free(buf);
    return rc;
}

int good_copy_if_needed(int key)
{
    const char *name = lookup_name(key);
    char *copy;

    if (name == NULL)
        return -1;
    if (strchr(name, '(') != NULL) {
        copy = malloc(strlen(name) + 1);
        if (copy == NULL)
            return -1;
        strcpy(copy, name);
    } else {
        copy = (char *)name;
    }
    int rc = consume(copy);
    if (copy != name)
        free(copy);
    return rc;
}

int good_two_blocks(void)
{
    char *a = malloc(8), *b = malloc(8);

    if (a == NULL || b == NULL) {
        free(a);
        free(b);
        return -1;
    }
    if (a == b)
        return -2; /* two live blocks never share an address */
    free(a);
    free(b);
    return 0;
}

/* The caller's small buffer arrives as a parameter; the heap block used when
 * it is too small is freed only when the pointers differ (an interpreter's
 * argument-stack builder). */
int good_param_small_buffer(char *small, size_t small_len, size_t need)
{
    char *buf = small;

    if (need > small_len) {
        buf = malloc(need);
        if (buf == NULL)
            return -1;
    }
    memset(buf, 0, need);
    int rc = consume(buf);
    if (buf != small)
        free(buf);
    return rc;
}
