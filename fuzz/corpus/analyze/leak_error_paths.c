/*
 * leak: error paths.
 *
 * Memory must be released on every way out of a function, including the early
 * returns of error handling and the goto-cleanup ladders of C libraries and of
 * Cython-generated code (__pyx_L1_error).  A leak is reported at the `return`
 * where the last pointer to the block dies.  The NULL branch of an allocation
 * holds nothing to free, so returning there is never a leak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pymem.h"

/* bad: the second allocation fails and the error return forgets the first. */
int bad_second_alloc_fails(size_t n)
{
    char *a = malloc(n);
    char *b;

    if (!a)
        return -1;
    b = malloc(n);
    if (!b)
        return -1; /* expect: leak */
    memset(a, 0, n);
    memset(b, 0, n);
    free(b);
    free(a);
    return 0;
}

/* good: the same shape, with the first block freed on the error path. */
int good_second_alloc_fails(size_t n)
{
    char *a = malloc(n);
    char *b;

    if (!a)
        return -1;
    b = malloc(n);
    if (!b) {
        free(a);
        return -1;
    }
    memset(a, 0, n);
    memset(b, 0, n);
    free(b);
    free(a);
    return 0;
}

/* bad: a validation error after the allocation returns without freeing. */
int bad_validation_error(const char *src)
{
    size_t len = strlen(src);
    char *copy = malloc(len + 1);

    if (!copy)
        return -1;
    memcpy(copy, src, len + 1);
    if (copy[0] == '#')
        return -2; /* expect: leak */
    puts(copy);
    free(copy);
    return 0;
}

/* good: free, then the early return. */
int good_free_then_early_return(const char *src)
{
    size_t len = strlen(src);
    char *copy = malloc(len + 1);

    if (!copy)
        return -1;
    memcpy(copy, src, len + 1);
    if (copy[0] == '#') {
        free(copy);
        return -2;
    }
    puts(copy);
    free(copy);
    return 0;
}

/* good: one exit label frees everything; free(NULL) is a no-op. */
int good_goto_single_exit(size_t n)
{
    int rc = -1;
    char *a = NULL;
    char *b = NULL;
    char *c = NULL;

    a = malloc(n);
    if (!a)
        goto out;
    b = malloc(n);
    if (!b)
        goto out;
    c = malloc(n);
    if (!c)
        goto out;
    memset(a, 'a', n);
    memset(b, 'b', n);
    memset(c, 'c', n);
    rc = 0;
out:
    free(c);
    free(b);
    free(a);
    return rc;
}

/* good: kernel-style ladder, each label frees what was allocated before it. */
int good_goto_ladder(size_t n)
{
    char *a, *b, *c;

    a = malloc(n);
    if (!a)
        goto err;
    b = malloc(n);
    if (!b)
        goto err_free_a;
    c = malloc(n);
    if (!c)
        goto err_free_b;
    memset(a, 0, n);
    memset(b, 0, n);
    memset(c, 0, n);
    free(c);
    free(b);
    free(a);
    return 0;
err_free_b:
    free(b);
err_free_a:
    free(a);
err:
    return -1;
}

/* bad: the third failure jumps one label too far and skips free(b). */
int bad_goto_skips_free(size_t n)
{
    char *a, *b, *c;

    a = malloc(n);
    if (!a)
        goto err;
    b = malloc(n);
    if (!b)
        goto err_free_a;
    c = malloc(n);
    if (!c)
        goto err_free_a; /* should have freed b first */
    memset(a, 0, n);
    memset(b, 0, n);
    memset(c, 0, n);
    free(c);
    free(b);
    free(a);
    return 0;
err_free_a:
    free(a);
err:
    return -1; /* expect: leak */
}

/* ---- Cython-generated shapes ---------------------------------------------- */

static const char *__pyx_f[] = {"noise.pyx"};

double next_value(void); /* may fail: returns -1.0 with an exception set */
PyObject *pack_values(const double *values, int n); /* copies the values */

/*
 * good: what Cython emits for
 *     my_array = <double *> malloc(number * sizeof(double))
 *     if not my_array: raise MemoryError()
 *     try: ...fill...; return pack_values(my_array, number)
 *     finally: free(my_array)
 * Errors inside the try go to __pyx_L4_error, which frees and continues to
 * __pyx_L1_error; the NULL path goes straight to __pyx_L1_error.
 */
PyObject *good_cython_try_finally(int __pyx_v_number)
{
    double *__pyx_v_my_array;
    int __pyx_v_i;
    PyObject *__pyx_r = NULL;
    int __pyx_t_1;
    double __pyx_t_2;
    PyObject *__pyx_t_3 = NULL;
    int __pyx_lineno = 0;
    const char *__pyx_filename = NULL;
    int __pyx_clineno = 0;

    __pyx_v_my_array = ((double *)malloc((__pyx_v_number * (sizeof(double)))));
    __pyx_t_1 = ((!(__pyx_v_my_array != 0)) != 0);
    if (unlikely(__pyx_t_1)) {
        PyErr_NoMemory();
        __PYX_ERR(0, 9, __pyx_L1_error)
    }
    /*try:*/ {
        for (__pyx_v_i = 0; __pyx_v_i < __pyx_v_number; __pyx_v_i++) {
            __pyx_t_2 = next_value();
            if (unlikely(__pyx_t_2 == -1.0 && PyErr_Occurred())) __PYX_ERR(0, 12, __pyx_L4_error)
            (__pyx_v_my_array[__pyx_v_i]) = __pyx_t_2;
        }
        __pyx_t_3 = pack_values(__pyx_v_my_array, __pyx_v_number);
        if (unlikely(!__pyx_t_3)) __PYX_ERR(0, 13, __pyx_L4_error)
        __pyx_r = __pyx_t_3;
        __pyx_t_3 = 0;
        goto __pyx_L3_return;
    }
    /*finally:*/ {
        __pyx_L4_error:;
        {
            free(__pyx_v_my_array);
            goto __pyx_L1_error;
        }
        __pyx_L3_return:;
        {
            free(__pyx_v_my_array);
            goto __pyx_L0;
        }
    }
    __pyx_L1_error:;
    __Pyx_AddTraceback("noise.random_noise", __pyx_clineno, __pyx_lineno, __pyx_filename);
    __pyx_r = NULL;
    __pyx_L0:;
    return __pyx_r;
}

/*
 * bad: the same function without the try/finally: an error while filling the
 * array jumps to __pyx_L1_error and the array is lost at the single return.
 */
PyObject *bad_cython_error_skips_free(int __pyx_v_number)
{
    double *__pyx_v_my_array;
    int __pyx_v_i;
    PyObject *__pyx_r = NULL;
    int __pyx_t_1;
    double __pyx_t_2;
    int __pyx_lineno = 0;
    const char *__pyx_filename = NULL;
    int __pyx_clineno = 0;

    __pyx_v_my_array = ((double *)malloc((__pyx_v_number * (sizeof(double)))));
    __pyx_t_1 = ((!(__pyx_v_my_array != 0)) != 0);
    if (unlikely(__pyx_t_1)) {
        PyErr_NoMemory();
        __PYX_ERR(0, 9, __pyx_L1_error)
    }
    for (__pyx_v_i = 0; __pyx_v_i < __pyx_v_number; __pyx_v_i++) {
        __pyx_t_2 = next_value();
        if (unlikely(__pyx_t_2 == -1.0 && PyErr_Occurred())) __PYX_ERR(0, 12, __pyx_L1_error)
        (__pyx_v_my_array[__pyx_v_i]) = __pyx_t_2;
    }
    free(__pyx_v_my_array);
    __pyx_r = PyFloat_FromDouble(0.0);
    goto __pyx_L0;
    __pyx_L1_error:;
    __Pyx_AddTraceback("noise.random_noise", __pyx_clineno, __pyx_lineno, __pyx_filename);
    __pyx_r = NULL;
    __pyx_L0:;
    return __pyx_r; /* expect: leak */
}
