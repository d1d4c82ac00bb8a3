/*
 * unchecked-alloc: NULL checks as Cython generates them.
 *
 * Cython lowers `if not p: raise MemoryError()` to a flag temporary,
 *     __pyx_t_1 = ((!(__pyx_v_p != 0)) != 0);      (Cython 0.29)
 *     __pyx_t_1 = (!(__pyx_v_p != 0));             (Cython 3)
 *     if (unlikely(__pyx_t_1)) { ...; __PYX_ERR(..., __pyx_L1_error) }
 * so the check is on an int local that records the comparison.  The bad_*
 * functions are what Cython emits when the .pyx forgot the check.
 */
#include <stdlib.h>
#include <string.h>

#include "pymem.h"

static const char *__pyx_f[] = {"arrays.pyx"};

/* good: Cython 0.29 flag temporary. */
int good_cython029_flag(Py_ssize_t __pyx_v_n)
{
    double *__pyx_v_p;
    int __pyx_r;
    int __pyx_t_1;
    int __pyx_lineno = 0;
    const char *__pyx_filename = NULL;
    int __pyx_clineno = 0;

    __pyx_v_p = ((double *)malloc(((__pyx_v_n + 1) * (sizeof(double)))));
    __pyx_t_1 = ((!(__pyx_v_p != 0)) != 0);
    if (unlikely(__pyx_t_1)) {
        PyErr_NoMemory();
        __PYX_ERR(0, 5, __pyx_L1_error)
    }
    (__pyx_v_p[0]) = 1.0;
    free(__pyx_v_p);
    __pyx_r = 0;
    goto __pyx_L0;
    __pyx_L1_error:;
    __Pyx_AddTraceback("arrays.fill", __pyx_clineno, __pyx_lineno, __pyx_filename);
    __pyx_r = -1;
    __pyx_L0:;
    return __pyx_r;
}

/* good: Cython 3 flag temporary, PyMem_Malloc. */
int good_cython3_flag(Py_ssize_t __pyx_v_n)
{
    int *__pyx_v_counts;
    int __pyx_r;
    int __pyx_t_1;
    int __pyx_lineno = 0;
    const char *__pyx_filename = NULL;
    int __pyx_clineno = 0;

    __pyx_v_counts = ((int *)PyMem_Malloc(((__pyx_v_n + 1) * (sizeof(int)))));
    __pyx_t_1 = (!(__pyx_v_counts != 0));
    if (unlikely(__pyx_t_1)) {
        PyErr_NoMemory();
        __PYX_ERR(0, 12, __pyx_L1_error)
    }
    memset(__pyx_v_counts, 0, ((__pyx_v_n + 1) * (sizeof(int))));
    (__pyx_v_counts[0]) = 1;
    PyMem_Free(__pyx_v_counts);
    __pyx_r = 0;
    goto __pyx_L0;
    __pyx_L1_error:;
    __Pyx_AddTraceback("arrays.count", __pyx_clineno, __pyx_lineno, __pyx_filename);
    __pyx_r = -1;
    __pyx_L0:;
    return __pyx_r;
}

/* good: `if p == NULL: raise MemoryError()` gives a == comparison flag. */
int good_cython_eq_null_flag(Py_ssize_t __pyx_v_n)
{
    char *__pyx_v_buf;
    int __pyx_r;
    int __pyx_t_1;
    int __pyx_lineno = 0;
    const char *__pyx_filename = NULL;
    int __pyx_clineno = 0;

    __pyx_v_buf = ((char *)PyMem_Malloc((__pyx_v_n + 1)));
    __pyx_t_1 = (__pyx_v_buf == NULL);
    if (unlikely(__pyx_t_1)) {
        PyErr_NoMemory();
        __PYX_ERR(0, 20, __pyx_L1_error)
    }
    (__pyx_v_buf[__pyx_v_n]) = '\x00';
    PyMem_Free(__pyx_v_buf);
    __pyx_r = 0;
    goto __pyx_L0;
    __pyx_L1_error:;
    __Pyx_AddTraceback("arrays.buffer", __pyx_clineno, __pyx_lineno, __pyx_filename);
    __pyx_r = -1;
    __pyx_L0:;
    return __pyx_r;
}

/* bad: the .pyx forgot `if not p: raise MemoryError()`. */
int bad_cython_no_check(Py_ssize_t __pyx_v_n)
{
    double *__pyx_v_p;
    int __pyx_r;

    __pyx_v_p = ((double *)malloc(((__pyx_v_n + 1) * (sizeof(double)))));
    (__pyx_v_p[0]) = 1.0; /* expect: unchecked-alloc */
    free(__pyx_v_p);
    __pyx_r = 0;
    return __pyx_r;
}

/* bad: a PyMem_Malloc'd array filled in a loop without a check. */
int bad_cython_pymem_loop(Py_ssize_t __pyx_v_n)
{
    int *__pyx_v_counts;
    Py_ssize_t __pyx_t_1;
    Py_ssize_t __pyx_v_i;
    int __pyx_r;

    __pyx_v_counts = ((int *)PyMem_Malloc(((__pyx_v_n + 1) * (sizeof(int)))));
    __pyx_t_1 = (__pyx_v_n + 1);
    for (__pyx_v_i = 0; __pyx_v_i < __pyx_t_1; __pyx_v_i += 1) {
        (__pyx_v_counts[__pyx_v_i]) = 0; /* expect: unchecked-alloc */
    }
    PyMem_Free(__pyx_v_counts);
    __pyx_r = 0;
    return __pyx_r;
}
