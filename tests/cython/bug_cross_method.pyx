# Bug: malloc in one method, PyMem_Free in another.
from libc.stdlib cimport malloc
from cpython.mem cimport PyMem_Free

cdef class Table:
    cdef char* cells

    def __cinit__(self, size_t n):
        self.cells = <char*> malloc(n)
        if not self.cells:
            raise MemoryError()

    def __dealloc__(self):
        PyMem_Free(self.cells)  # expect: dealloc-mismatch
