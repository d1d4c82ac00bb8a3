# Bug: a leak inside a nogil block.
from libc.stdlib cimport malloc, free

def work(int n):
    cdef double *tmp
    cdef double total = 0
    with nogil:
        tmp = <double *> malloc(n * sizeof(double))
        if tmp != NULL:
            tmp[0] = 1.0
            total = tmp[0]
    return total  # expect: leak
