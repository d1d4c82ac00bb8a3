# Bug: PyMem_Realloc's result used before it is checked.
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free

cdef class Vec:
    cdef int* items

    def __cinit__(self):
        self.items = <int*> PyMem_Malloc(4 * sizeof(int))
        if not self.items:
            raise MemoryError()

    def grow(self, size_t n):
        cdef int *mem = <int*> PyMem_Realloc(self.items, n * sizeof(int))
        mem[0] = 0  # expect: unchecked-alloc
        self.items = mem

    def __dealloc__(self):
        PyMem_Free(self.items)
