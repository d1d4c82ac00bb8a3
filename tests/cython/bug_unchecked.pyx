# Bug: the malloc result is written before any NULL check.
from libc.stdlib cimport malloc, free

def fill(int number):
    cdef int i
    cdef double *arr = <double *> malloc(number * sizeof(double))
    arr[0] = 1.0  # expect: unchecked-alloc
    try:
        for i in range(1, number):
            arr[i] = i
        return arr[number - 1]
    finally:
        free(arr)
