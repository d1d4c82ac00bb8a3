# Bug: a fused function's malloc is used unchecked. Cython emits the
# function once per type it takes; the mistake is the user's one line,
# reported once. The module also assigns one typed memoryview to another:
# Cython's copy_data_to_temp tests its own malloc by the -1 that
# View.MemoryView._err always returns, and reports nothing.
from libc.stdlib cimport malloc, free

ctypedef fused number:
    int
    double

cdef number first(number *src, int n):
    cdef number *tmp = <number *> malloc(n * sizeof(number))
    tmp[0] = src[0]  # expect: unchecked-alloc
    cdef number r = tmp[0]
    free(tmp)
    return r

def call_first(int a, double b):
    return first(&a, 1) + first(&b, 1)

def copy_view(double[:] dst, double[:] src):
    dst[:] = src
