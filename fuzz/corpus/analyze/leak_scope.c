/*
 * leak: the pointer goes out of scope, or is never stored at all.
 *
 * A block held only by a block-scope local is lost at the closing brace of
 * that block (reported on the `}` line); in a loop body that brace is passed
 * on every iteration.  A void function that falls off its end loses its
 * locals at the function's closing brace.  An allocation whose result is
 * discarded is lost at the call itself.
 */
#define _DEFAULT_SOURCE 1 /* strdup under -std=c11 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* bad: tmp dies at the end of the inner block. */
int bad_block_scope(int n)
{
    int total = 0;

    if (n <= 0)
        return 0;
    {
        int *tmp = calloc((size_t)n, sizeof *tmp);

        if (!tmp)
            return -1;
        tmp[0] = n;
        total = tmp[0] + 1;
    } /* expect: leak */
    return total;
}

/* good: tmp is freed before its block ends. */
int good_block_scope_freed(int n)
{
    int total = 0;

    if (n <= 0)
        return 0;
    {
        int *tmp = calloc((size_t)n, sizeof *tmp);

        if (!tmp)
            return -1;
        tmp[0] = n;
        total = tmp[0] + 1;
        free(tmp);
    }
    return total;
}

/* bad: a message built inside an if block is never freed. */
int bad_if_block_scope(const char *who, int verbose)
{
    if (verbose) {
        char *msg = strdup(who);

        if (!msg)
            return -1;
        puts(msg);
    } /* expect: leak */
    return 0;
}

/* bad: a line buffer allocated in each iteration dies at the end of the
 * loop body. */
int bad_loop_body(int n)
{
    for (int i = 0; i < n; i++) {
        char *line = malloc(32);

        if (!line)
            return -1;
        snprintf(line, 32, "item %d", i);
        puts(line);
    } /* expect: leak */
    return 0;
}

/* good: the same loop, freeing each line. */
int good_loop_body_freed(int n)
{
    for (int i = 0; i < n; i++) {
        char *line = malloc(32);

        if (!line)
            return -1;
        snprintf(line, 32, "item %d", i);
        puts(line);
        free(line);
    }
    return 0;
}

/* bad: a while loop that breaks out on failure, but leaks on success. */
long bad_while_body(int n)
{
    long sum = 0;

    while (n-- > 0) {
        long *cell = malloc(sizeof *cell);

        if (!cell)
            break;
        *cell = n;
        sum += *cell;
    } /* expect: leak */
    return sum;
}

/* bad: a void function falls off its end holding the block. */
void bad_fall_off_end(void)
{
    char *p = malloc(10);

    if (!p)
        return;
    p[0] = '\0';
} /* expect: leak */

/* good: the same function, freeing before the end. */
void good_fall_off_end_freed(void)
{
    char *p = malloc(10);

    if (!p)
        return;
    p[0] = '\0';
    free(p);
}

/* bad: the result of malloc is discarded. */
void bad_discarded_malloc(void)
{
    malloc(10); /* expect: leak */
}

/* bad: the copy is cast to void and thrown away. */
void bad_discarded_strdup(const char *s)
{
    (void)strdup(s); /* expect: leak */
}

/* good: a block allocated and freed in the same statement list of a nested
 * scope, with the pointer declared in the outer one. */
int good_outer_pointer_inner_alloc(int n)
{
    char *p = NULL;
    int r = 0;

    if (n > 0) {
        p = malloc((size_t)n);
        if (!p)
            return -1;
        memset(p, 'x', (size_t)n);
        r = p[0];
    }
    free(p);
    return r;
}
