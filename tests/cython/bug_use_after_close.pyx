# Bug: a method frees the buffer, then reads it.
from libc.stdlib cimport malloc, free

cdef class Buffer:
    cdef char* data
    cdef size_t n

    def __cinit__(self, size_t n):
        self.data = <char*> malloc(n + 1)
        if not self.data:
            raise MemoryError()
        self.n = n
        self.data[0] = 0

    def reset(self):
        free(self.data)
        first = self.data[0]  # expect: use-after-free
        self.data = <char*> malloc(self.n + 1)
        if not self.data:
            raise MemoryError()
        return first

    def __dealloc__(self):
        free(self.data)
