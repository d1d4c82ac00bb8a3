/*
 * Example: a leak on an error path.
 *
 * parse_pair() splits "key=value" into two fresh strings.  When the input has
 * no '=', it reports the error and returns -- but the copy of the input made
 * at the top is never freed on that path.
 *
 *     $ alloccheck fixtures/examples/leaky_parser.c
 */
#define _DEFAULT_SOURCE 1 /* strdup under -std=c11 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair {
    char *key;
    char *value;
};

int parse_pair(const char *line, struct pair *out)
{
    char *copy = strdup(line);
    char *eq;

    if (!copy)
        return -1;
    eq = strchr(copy, '=');
    if (!eq) {
        fprintf(stderr, "missing '=' in \"%s\"\n", line);
        return -1; /* expect: leak */
    }
    *eq = '\0';
    out->key = strdup(copy);
    out->value = strdup(eq + 1);
    free(copy);
    if (!out->key || !out->value) {
        free(out->key);
        free(out->value);
        return -1;
    }
    return 0;
}
