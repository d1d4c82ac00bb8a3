# Correct: the tutorial's SomeMemory cdef class (PyMem_Malloc in __cinit__
# with a NULL check, resize through a temporary, PyMem_Free in __dealloc__).
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free

cdef class SomeMemory:
    cdef double* data

    def __cinit__(self, size_t number):
        self.data = <double*> PyMem_Malloc(number * sizeof(double))
        if not self.data:
            raise MemoryError()

    def resize(self, size_t new_number):
        mem = <double*> PyMem_Realloc(self.data, new_number * sizeof(double))
        if not mem:
            raise MemoryError()
        self.data = mem

    def __dealloc__(self):
        PyMem_Free(self.data)
