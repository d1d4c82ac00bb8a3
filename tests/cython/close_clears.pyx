# Correct: close() clears the member, or sets a flag __dealloc__ tests.
from libc.stdlib cimport malloc, free

cdef class Stream:
    cdef char* data

    def __cinit__(self, size_t n):
        self.data = <char*> malloc(n)
        if not self.data:
            raise MemoryError()

    def close(self):
        free(self.data)
        self.data = NULL

    def __dealloc__(self):
        free(self.data)


cdef class Flagged:
    cdef char* data
    cdef bint closed

    def __cinit__(self, size_t n):
        self.data = <char*> malloc(n)
        self.closed = False
        if not self.data:
            raise MemoryError()

    def close(self):
        free(self.data)
        self.closed = True

    def __dealloc__(self):
        if not self.closed:
            free(self.data)
