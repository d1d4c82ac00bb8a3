# Bug: libc free on PyMem memory in __dealloc__.
from libc.stdlib cimport free
from cpython.mem cimport PyMem_Malloc

cdef class Holder:
    cdef double* data

    def __cinit__(self, size_t number):
        self.data = <double*> PyMem_Malloc(number * sizeof(double))
        if not self.data:
            raise MemoryError()

    def __dealloc__(self):
        free(self.data)  # expect: dealloc-mismatch
