/*
 * leak: the last pointer to a block is overwritten.
 *
 * Assigning a new value to the only place that holds an owned block loses it;
 * the leak is reported on the line of that assignment.  Overwriting is fine
 * once the block was freed, or while another pointer (an alias) still holds it.
 */
#define _DEFAULT_SOURCE 1 /* strdup under -std=c11 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bad: the first block is lost when p receives the second one. */
int bad_overwrite_with_new_block(void)
{
    char *p = malloc(10);

    if (!p)
        return -1;
    p[0] = 'a';
    p = malloc(20); /* expect: leak */
    if (!p)
        return -1;
    p[0] = 'b';
    free(p);
    return 0;
}

/* good: the first block is freed before p is reused. */
int good_free_before_reuse(void)
{
    char *p = malloc(10);

    if (!p)
        return -1;
    p[0] = 'a';
    free(p);
    p = malloc(20);
    if (!p)
        return -1;
    p[0] = 'b';
    free(p);
    return 0;
}

/* bad: clearing the only pointer is not freeing. */
void bad_overwrite_with_null(size_t n)
{
    char *p = malloc(n);

    if (!p)
        return;
    memset(p, 0, n);
    p = NULL; /* expect: leak */
}

/* good: an alias keeps the first block alive across the overwrite. */
int good_alias_keeps_block(void)
{
    char *p = malloc(10);
    char *first;

    if (!p)
        return -1;
    first = p;
    p = malloc(20);
    if (!p) {
        free(first);
        return -1;
    }
    memset(first, 0, 10);
    memset(p, 0, 20);
    free(first);
    free(p);
    return 0;
}

/* bad: renaming replaces the old name without freeing it. */
int bad_strdup_overwrite(const char *a, const char *b)
{
    char *name = strdup(a);

    if (!name)
        return -1;
    puts(name);
    name = strdup(b); /* expect: leak */
    if (!name)
        return -1;
    puts(name);
    free(name);
    return 0;
}

/* bad: each iteration overwrites the previous iteration's block; only the
 * last one is freed after the loop. */
int bad_loop_overwrite(int n)
{
    char *p = NULL;

    for (int i = 0; i < n; i++) {
        p = malloc(16); /* expect: leak */
        if (!p)
            return -1;
        p[0] = (char)i;
    }
    free(p);
    return 0;
}

/* good: the previous block is freed at the top of each iteration. */
int good_loop_free_before_overwrite(int n)
{
    char *p = NULL;

    for (int i = 0; i < n; i++) {
        free(p);
        p = malloc(16);
        if (!p)
            return -1;
        p[0] = (char)i;
    }
    free(p);
    return 0;
}
