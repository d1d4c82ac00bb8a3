# Bug: the finally body releases malloc memory with PyMem_Free. Cython copies
# a finally body once per way out of the try (normal, return, exception):
# one bug, one finding.
from libc.stdlib cimport malloc
from cpython.mem cimport PyMem_Free

def total(int number):
    cdef int i
    cdef double s = 0
    cdef double *arr = <double *> malloc(number * sizeof(double))
    if not arr:
        raise MemoryError()
    try:
        for i in range(number):
            arr[i] = i
            s += arr[i]
        if s > 1e9:
            return -1.0
        return s
    finally:
        PyMem_Free(arr)  # expect: dealloc-mismatch
