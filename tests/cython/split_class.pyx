# Bug: a cdef class declared in split_class.pxd. grow() raises before the new
# block is stored, so the block leaks; the finding is at the raise, in this
# file, not in the .pxd nor the C.
from cpython.mem cimport PyMem_Malloc, PyMem_Free

cdef class Buffer:
    def __cinit__(self, size_t n):
        self.data = <char *> PyMem_Malloc(n)
        if not self.data:
            raise MemoryError()
        self.size = n

    cdef int grow(self, size_t n) except -1:
        cdef char *tmp = <char *> PyMem_Malloc(n)
        if not tmp:
            raise MemoryError()
        if n < self.size:
            raise ValueError("cannot shrink")  # expect: leak
        PyMem_Free(self.data)
        self.data = tmp
        self.size = n
        return 0

    def __dealloc__(self):
        PyMem_Free(self.data)
