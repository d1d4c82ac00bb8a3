/*
 * leak: branches -- correlated conditions, switch fallthrough, and paths that
 * end in exit/abort.
 *
 * The analysis is path-aware: a block allocated under `if (flag)` and freed
 * under a later `if (flag)` is not leaked, and a path that calls a function
 * that does not return (exit, abort) leaks nothing.  A switch is followed case
 * by case, fallthrough included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void work(void); /* takes no pointers */

/* good: allocated and freed under the same condition. */
int good_correlated_flag(int flag)
{
    char *p = NULL;

    if (flag) {
        p = malloc(64);
        if (!p)
            return -1;
        p[0] = '\0';
    }
    work();
    if (flag)
        free(p);
    return 0;
}

/* bad: freed under the opposite condition, so the block allocated when
 * flag is set is never freed. */
int bad_wrong_flag(int flag)
{
    char *p = NULL;

    if (flag) {
        p = malloc(64);
        if (!p)
            return -1;
        p[0] = '\0';
    }
    work();
    if (!flag)
        free(p);
    return 0; /* expect: leak */
}

/* good: out of memory on the second allocation ends the program; the first
 * block does not leak on that path. */
int good_exit_on_failure(size_t n)
{
    char *p = malloc(n);
    char *q;

    if (!p)
        return -1;
    q = malloc(n);
    if (!q) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    memset(p, 0, n);
    memset(q, 0, n);
    free(q);
    free(p);
    return 0;
}

/* good: abort() does not return either. */
int good_abort_on_failure(size_t n)
{
    char *p = malloc(n);
    char *q;

    if (!p)
        abort();
    q = malloc(n);
    if (!q)
        abort();
    memset(p, 1, n);
    memcpy(q, p, n);
    free(q);
    free(p);
    return 0;
}

/* good: case 0 falls through into case 1, which frees; the default breaks
 * out to the free after the switch. */
int good_switch_fallthrough(int kind)
{
    char *p = malloc(32);

    if (!p)
        return -1;
    p[0] = '\0';
    switch (kind) {
    case 0:
        p[0] = 'a';
        /* fall through */
    case 1:
        free(p);
        return 1;
    default:
        break;
    }
    free(p);
    return 0;
}

/* bad: case 1 falls through into case 2, which returns without freeing. */
int bad_switch_fallthrough(int kind)
{
    char *p = malloc(32);

    if (!p)
        return -1;
    p[0] = '\0';
    switch (kind) {
    case 0:
        free(p);
        return 0;
    case 1:
        p[0] = 'b';
        /* fall through */
    case 2:
        return 2; /* expect: leak */
    default:
        break;
    }
    free(p);
    return 0;
}

/* good: every case frees, some by falling through. */
int good_switch_every_case_frees(int op)
{
    char *p = malloc(8);
    int r = 0;

    if (!p)
        return -1;
    switch (op) {
    case 0:
        p[0] = 'x';
        r = 1;
        free(p);
        break;
    case 1:
        r = 2;
        /* fall through */
    case 2:
        free(p);
        break;
    default:
        r = -1;
        free(p);
        break;
    }
    return r;
}

/* bad: the default case breaks out without freeing. */
int bad_switch_default_skips_free(int op)
{
    char *p = malloc(8);
    int r = 0;

    if (!p)
        return -1;
    switch (op) {
    case 0:
        p[0] = 'x';
        r = 1;
        free(p);
        break;
    case 1:
        r = 2;
        /* fall through */
    case 2:
        free(p);
        break;
    default:
        r = -1;
        break;
    }
    return r; /* expect: leak */
}

/* good: freed on both arms of an if/else. */
int good_both_arms_free(int ok)
{
    char *p = malloc(16);

    if (!p)
        return -1;
    if (ok) {
        memset(p, 0, 16);
        free(p);
        return 0;
    } else {
        free(p);
        return 1;
    }
}

/* bad: the size changes between the test that allocates and the test that
 * frees, so the second test says nothing about the first. */
int bad_test_after_write(long n)
{
    char *p = NULL;

    if (n > 100) {
        p = malloc((size_t)n);
        if (!p)
            return -1;
    }
    n = n / 2;
    if (n > 100)
        free(p);
    return 0; /* expect: leak */
}
