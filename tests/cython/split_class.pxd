# The declaration half of split_class.pyx: a cdef class whose fields and cdef
# method are declared here and implemented there.
cdef class Buffer:
    cdef char *data
    cdef size_t size
    cdef int grow(self, size_t n) except -1
