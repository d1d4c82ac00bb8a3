# Bug: the PyMem_Malloc result stored in a field is used before a check.
from cpython.mem cimport PyMem_Malloc, PyMem_Free

cdef class Buffer:
    cdef double* data

    def __cinit__(self, size_t number):
        self.data = <double*> PyMem_Malloc(number * sizeof(double))
        self.data[0] = 0.0  # expect: unchecked-alloc

    def __dealloc__(self):
        PyMem_Free(self.data)
