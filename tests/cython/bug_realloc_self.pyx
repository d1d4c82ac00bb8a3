# Bug: self.data = PyMem_Realloc(self.data, ...) loses the old block on failure.
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free

cdef class Growing:
    cdef double* data

    def __cinit__(self, size_t number):
        self.data = <double*> PyMem_Malloc(number * sizeof(double))
        if not self.data:
            raise MemoryError()

    def resize(self, size_t new_number):
        self.data = <double*> PyMem_Realloc(self.data, new_number * sizeof(double))  # expect: realloc-self-assign
        if not self.data:
            raise MemoryError()

    def __dealloc__(self):
        PyMem_Free(self.data)
