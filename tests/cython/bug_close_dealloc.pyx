# Bug: close() frees the buffer and leaves the member dangling; __dealloc__
# frees it again (a closed object is always deallocated later).
from libc.stdlib cimport malloc, free

cdef class Stream:
    cdef char* data

    def __cinit__(self, size_t n):
        self.data = <char*> malloc(n)
        if not self.data:
            raise MemoryError()

    def close(self):
        free(self.data)

    def __dealloc__(self):
        free(self.data)  # expect: double-free
