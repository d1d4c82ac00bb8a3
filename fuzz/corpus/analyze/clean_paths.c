/*
 * clean: control flow that a path-insensitive checker gets wrong.
 *
 * Nothing in this file may be reported, by any rule.  Covered: a small-buffer
 * optimisation guarded by a bool, a retry loop, allocation in a conditional
 * expression, checks hidden in macros and GNU statement expressions, a helper
 * that never returns (without a noreturn attribute), early returns before any
 * allocation, a loop that reads lines until NULL, continue/break in loops,
 * and nested goto cleanup.
 */
#define _DEFAULT_SOURCE 1 /* strdup under -std=c11 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_ALLOC(p) do { if (!(p)) return -1; } while (0)
#define DUP_OR_FAIL(s) ({ char *d_ = strdup(s); if (!d_) return -1; d_; })

static void die(const char *what)
{
    fprintf(stderr, "fatal: %s\n", what);
    exit(EXIT_FAILURE);
}

/* Small strings stay on the stack; only the heap copy is freed. */
int good_small_buffer(const char *src)
{
    char stackbuf[64];
    size_t len = strlen(src) + 1;
    bool heap = len > sizeof stackbuf;
    char *buf = stackbuf;

    if (heap) {
        buf = malloc(len);
        if (!buf)
            return -1;
    }
    memcpy(buf, src, len);
    puts(buf);
    if (heap)
        free(buf);
    return 0;
}

/* Retries until malloc succeeds: p is NULL whenever the loop repeats. */
int good_retry(size_t n)
{
    char *p;
    int tries = 3;

    do {
        p = malloc(n + 1);
    } while (!p && --tries > 0);
    if (!p)
        return -1;
    memset(p, 0, n + 1);
    free(p);
    return 0;
}

/* Allocation inside a conditional expression. */
int good_conditional_alloc(size_t n)
{
    char *p = n ? malloc(n) : NULL;

    if (!p)
        return -1;
    memset(p, 0, n);
    free(p);
    return 0;
}

/* The check lives in a do { } while (0) macro. */
int good_check_macro(size_t n)
{
    char *p = malloc(n + 1);

    CHECK_ALLOC(p);
    p[0] = '\0';
    free(p);
    return 0;
}

/* The check lives in a GNU statement expression. */
int good_statement_expression(const char *a)
{
    char *copy = DUP_OR_FAIL(a);
    size_t n = strlen(copy);

    free(copy);
    return (int)n;
}

/* die() never returns, so neither block leaks and neither is used as NULL. */
int good_die_helper(size_t n)
{
    char *a = malloc(n + 1);
    char *b;

    if (!a)
        die("out of memory");
    b = malloc(n + 1);
    if (!b)
        die("out of memory");
    memset(a, 0, n + 1);
    memcpy(b, a, n + 1);
    free(b);
    free(a);
    return 0;
}

/* Early returns before the allocation hold nothing. */
char *good_early_returns_first(const char *s, size_t max)
{
    size_t n;
    char *p;

    if (!s)
        return NULL;
    n = strlen(s);
    if (n > max)
        return NULL;
    p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n + 1);
    return p;
}

/* Reads one line into a fresh buffer; NULL at end of input or on error. */
static char *read_line(FILE *f)
{
    char tmp[256];
    char *line;

    if (!fgets(tmp, sizeof tmp, f))
        return NULL;
    line = strdup(tmp);
    return line;
}

/* Loops until read_line returns NULL, freeing each line. */
int good_read_all(FILE *f)
{
    char *line;
    int count = 0;

    while ((line = read_line(f)) != NULL) {
        if (line[0] == '#') {
            free(line);
            continue;
        }
        count++;
        if (strcmp(line, "end\n") == 0) {
            free(line);
            break;
        }
        fputs(line, stdout);
        free(line);
    }
    return count;
}

/* Nested scopes with their own gotos. */
int good_nested_cleanup(size_t n, int mode)
{
    int rc = -1;
    char *outer = malloc(n + 1);

    if (!outer)
        return -1;
    memset(outer, 0, n + 1);
    if (mode) {
        char *inner = malloc(n + 1);

        if (!inner)
            goto out;
        memcpy(inner, outer, n + 1);
        if (inner[0] != '\0') {
            free(inner);
            goto out;
        }
        free(inner);
    }
    rc = 0;
out:
    free(outer);
    return rc;
}

/* A status variable records what was allocated; cleanup is keyed on it. */
int good_status_keyed_cleanup(size_t n, int want_b)
{
    char *a = NULL;
    char *b = NULL;
    int have_b = 0;
    int rc = -1;

    a = malloc(n + 1);
    if (!a)
        return -1;
    if (want_b) {
        b = malloc(n + 1);
        if (!b)
            goto out;
        have_b = 1;
        memset(b, 0, n + 1);
    }
    memset(a, 0, n + 1);
    rc = 0;
out:
    if (have_b)
        free(b);
    free(a);
    return rc;
}
