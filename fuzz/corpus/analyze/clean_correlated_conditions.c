/*
 * clean: a block allocated under one test of an integer and freed under a
 * second test of the same thing (n < K, later n >= K), with nothing that
 * writes n in between. Seen in an interpreter's list sort (stack scratch for
 * small lists, heap for large ones). Flags held in variables are covered in
 * fixtures/leak/branches.c.
 */
#include <stdlib.h>
#include <string.h>

enum { SMALL = 32 };
void use(void *p);

int good_small_on_stack(const int *src, long n)
{
    int stackbuf[SMALL];
    int *buf;

    if (n < SMALL) {
        buf = stackbuf;
    } else {
        buf = malloc(sizeof *buf * (size_t)n);
        if (buf == NULL)
            return -1;
    }
    memcpy(buf, src, sizeof *buf * (size_t)(n > 0 ? n : 0));
    use(buf);
    if (n >= SMALL)
        free(buf);
    return 0;
}

int good_same_test_twice(long len, int mode)
{
    char *tmp = NULL;

    if (len > 4096 && mode == 2)
        tmp = malloc((size_t)len);
    if (len > 4096 && mode == 2 && tmp == NULL)
        return -1;
    if (tmp)
        tmp[0] = 0;
    if (len > 4096 && mode == 2)
        free(tmp);
    return 0;
}

int good_error_path_test(long n, int fail_at)
{
    char *big = NULL;

    if (n >= 1000) {
        big = malloc((size_t)n);
        if (!big)
            return -1;
    }
    for (int i = 0; i < 3; i++) {
        if (i == fail_at) {
            if (n >= 1000)
                free(big);
            return -2;
        }
    }
    if (!(n < 1000))
        free(big);
    return 0;
}
