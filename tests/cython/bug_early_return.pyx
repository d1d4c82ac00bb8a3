# Bug: an early return skips the free.
from libc.stdlib cimport malloc, free

def checksum(bytes data):
    cdef Py_ssize_t n = len(data)
    cdef unsigned char *copy = <unsigned char *> malloc(n + 1)
    if not copy:
        raise MemoryError()
    if n == 0:
        return 0  # expect: leak
    copy[0] = data[0]
    free(copy)
    return n
